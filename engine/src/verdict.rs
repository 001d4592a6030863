//! Decisions, their reasons, and error bodies in each dialect's own shape.

use serde::Serialize;
use serde_json::json;

use crate::dialect::{Dialect, Location};
use crate::policy::Mode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    PromptInjection,
    Model,
    Tool,
    Limits,
    Secret,
    Pii,
    /// Input the engine could not inspect (malformed, encoded, oversized, not JSON).
    Input,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::PromptInjection => "prompt_injection",
            Category::Model => "model",
            Category::Tool => "tool",
            Category::Limits => "limits",
            Category::Secret => "secret",
            Category::Pii => "pii",
            Category::Input => "input",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Allow,
    Block,
    Monitor,
    Rewrite,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Allow => "allow",
            Action::Block => "block",
            Action::Monitor => "monitor",
            Action::Rewrite => "rewrite",
        }
    }
}

/// Input the engine refuses before (or instead of) judging it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    Malformed,
    Oversized,
    Encoded,
    ContentType,
}

impl Refusal {
    pub fn status(self) -> u16 {
        match self {
            Refusal::Malformed => 400,
            Refusal::Oversized => 413,
            Refusal::Encoded | Refusal::ContentType => 415,
        }
    }

    pub fn rule(self) -> &'static str {
        match self {
            Refusal::Malformed => "input.malformed",
            Refusal::Oversized => "input.oversized",
            Refusal::Encoded => "input.encoded",
            Refusal::ContentType => "input.content_type",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::Malformed => "malformed",
            Refusal::Oversized => "oversized",
            Refusal::Encoded => "encoded",
            Refusal::ContentType => "content_type",
        }
    }
}

/// One reason found in a request. Never carries the matched text, only where it is and a short
/// hash of it, so logs can correlate repeats without holding the content.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub category: Category,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<&'static str>,
    /// The model or tool name the finding is about (not secret: both are routing data).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub location: Location,
    pub offset: usize,
    pub length: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f32>,
    /// The mode of the rule that produced it.
    pub mode: Mode,
    /// Whether this finding counts towards the decision (below-threshold hits are reported too).
    pub decisive: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub action: Action,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dialect: Option<Dialect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal: Option<Refusal>,
    /// The rule that decided a block, rewrite or monitor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    pub findings: Vec<Finding>,
    /// HTTP status of the local reply when blocked.
    #[serde(skip)]
    pub status: u16,
    /// The local reply body when blocked.
    #[serde(skip)]
    pub reply: Option<Vec<u8>>,
    /// The request body to forward instead of the original, when rewritten.
    #[serde(skip)]
    pub rewritten: Option<Vec<u8>>,
}

impl Verdict {
    pub fn allow(dialect: Option<Dialect>) -> Verdict {
        Verdict {
            action: Action::Allow,
            dialect,
            model: None,
            refusal: None,
            rule: None,
            category: None,
            findings: Vec::new(),
            status: 200,
            reply: None,
            rewritten: None,
        }
    }

    /// One JSON audit line, or `None` for a plain allow with nothing to report.
    /// `ctx` is called only when there is a line to write: the route pattern it holds costs a
    /// glob match, which most requests (allowed, no finding) do not need.
    pub fn audit_line<'a>(&self, ctx: impl FnOnce() -> AuditContext<'a>) -> Option<String> {
        if self.action == Action::Allow && self.findings.is_empty() && self.refusal.is_none() {
            return None;
        }
        Some(self.audit_line_in(&ctx()))
    }

    /// The line itself, not generic: one copy in the module whatever the callers' closures.
    fn audit_line_in(&self, ctx: &AuditContext<'_>) -> String {
        let line = json!({
            "promptwall": "decision",
            "request_id": ctx.request_id,
            "path": ctx.path,
            "route": ctx.route,
            "tenant": ctx.tenant,
            "dialect": self.dialect,
            "model": self.model,
            "action": self.action,
            "rule": self.rule,
            "category": self.category,
            "refusal": self.refusal,
            "findings": self.findings.get(..MAX_AUDIT_ITEMS).unwrap_or(&self.findings),
            "findings_total": self.findings.len(),
        });
        line.to_string()
    }
}

/// Findings (and response rule ids) one audit line lists: a body of thousands of repeated phrases
/// must not turn into a log line of megabytes. The total is always given; the deciding rule is in
/// `rule`.
pub const MAX_AUDIT_ITEMS: usize = 32;

/// Who and where a decision was about, for the audit line.
#[derive(Debug, Clone, Copy, Default)]
pub struct AuditContext<'a> {
    pub request_id: &'a str,
    pub path: &'a str,
    /// The guarded route's path pattern.
    pub route: Option<&'a str>,
    /// The override (tenant or route variant) that applied, if any.
    pub tenant: Option<&'a str>,
}

/// Error body in the dialect's own shape, so official SDKs raise a readable error.
/// `policy` marks a policy decision (vs. a refusal of unreadable input).
pub fn error_body(
    dialect: Option<Dialect>,
    status: u16,
    message: &str,
    code: &str,
    policy: bool,
) -> Vec<u8> {
    let body = match dialect {
        Some(Dialect::Anthropic) => json!({
            "type": "error",
            "error": { "type": anthropic_error_type(status), "message": message },
        }),
        Some(Dialect::Ollama) => json!({ "error": message }),
        _ => json!({
            "error": {
                "message": message,
                "type": if policy { "policy_violation" } else { "invalid_request_error" },
                "param": null,
                "code": code,
            }
        }),
    };
    body.to_string().into_bytes()
}

fn anthropic_error_type(status: u16) -> &'static str {
    match status {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        400..=499 => "invalid_request_error",
        _ => "api_error",
    }
}

/// FNV-1a, 32 bits: a short, stable fingerprint for correlating findings in logs.
pub fn short_hash(bytes: &[u8]) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(b: &[u8]) -> serde_json::Value {
        serde_json::from_slice(b).unwrap()
    }

    #[test]
    fn openai_shape() {
        let v = parse(&error_body(
            Some(Dialect::OpenAiChat),
            403,
            "blocked: models.allow",
            "models.allow",
            true,
        ));
        assert_eq!(v["error"]["type"], "policy_violation");
        assert_eq!(v["error"]["code"], "models.allow");
        assert_eq!(v["error"]["message"], "blocked: models.allow");
        let v = parse(&error_body(
            Some(Dialect::OpenAiResponses),
            400,
            "bad",
            "input.malformed",
            false,
        ));
        assert_eq!(v["error"]["type"], "invalid_request_error");
    }

    #[test]
    fn anthropic_and_ollama_shapes() {
        let v = parse(&error_body(Some(Dialect::Anthropic), 403, "m", "c", true));
        assert_eq!(v["type"], "error");
        assert_eq!(v["error"]["type"], "permission_error");
        assert_eq!(v["error"]["message"], "m");
        let v = parse(&error_body(Some(Dialect::Anthropic), 413, "m", "c", false));
        assert_eq!(v["error"]["type"], "request_too_large");
        let v = parse(&error_body(Some(Dialect::Ollama), 403, "m", "c", true));
        assert_eq!(v, serde_json::json!({"error": "m"}));
    }

    #[test]
    fn short_hash_is_stable() {
        assert_eq!(short_hash(b""), "811c9dc5");
        assert_eq!(short_hash(b"a"), "e40c292c");
    }
}
