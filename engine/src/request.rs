//! The request path: what a host asks of the engine at request headers and at the end of the body.

use std::collections::HashMap;

use crate::detect::scan_injection;
use crate::detect::secrets::Kind;
use crate::dialect::{self, Conversation, Dialect, Location};
use crate::policy::{Mode, OnBadInput, Policy, RequestSecrets, Scope, ToolAction};
use crate::rewrite::{rebuild_array, remove_members};
use crate::stream::guard::rebuild;
use crate::stream::json_text::{redact_strings, Skip};
use crate::verdict::{error_body, short_hash, Action, Category, Finding, Refusal, Verdict};

/// The request headers the engine judges.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestHead<'a> {
    pub path: &'a str,
    pub content_type: Option<&'a str>,
    pub content_encoding: Option<&'a str>,
    pub content_length: Option<u64>,
}

/// What the host does after the request headers.
#[derive(Debug, Clone)]
pub enum HeadDecision {
    /// Not a guarded route (or the policy is off): let it through untouched.
    Pass,
    /// Guarded: buffer the body and call `inspect_body` at its end.
    Inspect(Dialect),
    /// Refused from the headers alone (action `block`), or let through uninspected but recorded
    /// (action `monitor`, when the policy says `pass` for this kind of input or runs in monitor).
    Decided(Verdict),
}

impl Policy {
    pub fn check_head(&self, head: &RequestHead<'_>) -> HeadDecision {
        if self.doc.mode == Mode::Off {
            return HeadDecision::Pass;
        }
        let Some(dialect) = self.route(head.path) else {
            return HeadDecision::Pass;
        };
        let encoded = head
            .content_encoding
            .map(|e| e.trim())
            .is_some_and(|e| !e.is_empty() && !e.eq_ignore_ascii_case("identity"));
        if encoded {
            return HeadDecision::Decided(self.refuse(
                dialect,
                Refusal::Encoded,
                self.doc.bad_input.encoded_body,
                "request bodies with a Content-Encoding cannot be inspected; send them uncompressed",
            ));
        }
        if let Some(ct) = head.content_type {
            if !is_json_content_type(ct) {
                return HeadDecision::Decided(self.refuse(
                    dialect,
                    Refusal::ContentType,
                    self.doc.bad_input.non_json,
                    "this route takes JSON request bodies (Content-Type: application/json)",
                ));
            }
        }
        if head
            .content_length
            .is_some_and(|n| n > self.doc.limits.max_body_bytes)
        {
            return HeadDecision::Decided(self.oversized(dialect));
        }
        HeadDecision::Inspect(dialect)
    }

    /// Judge a complete request body of a guarded route.
    pub fn inspect_body(&self, dialect: Dialect, body: &[u8]) -> Verdict {
        if body.len() as u64 > self.doc.limits.max_body_bytes {
            return self.oversized(dialect);
        }
        let conv = match dialect::parse(dialect, body) {
            Ok(c) => c,
            Err(e) => {
                return self.refuse(
                    dialect,
                    Refusal::Malformed,
                    self.doc.bad_input.malformed,
                    &format!("malformed {} request: {e}", dialect.as_str()),
                )
            }
        };
        let mut findings = Vec::new();
        self.check_model(&conv, &mut findings);
        let strippable = self.check_tools(&conv, &mut findings);
        self.check_limits(&conv, &mut findings);
        self.check_injection(&conv, &mut findings);
        self.check_secrets(&conv, &mut findings);
        self.decide(dialect, body, &conv, findings, strippable)
    }

    /// The verdict for a request whose body ends in trailers. No LLM API sends them, and a host
    /// calls the body callback with no end of stream before trailers, so the body was never judged:
    /// it is refused as malformed input (counted and logged like any other).
    pub fn request_trailers(&self, dialect: Dialect) -> Verdict {
        self.refuse(
            dialect,
            Refusal::Malformed,
            self.doc.bad_input.malformed,
            "request trailers are not accepted on this route; send the body without trailers",
        )
    }

    /// Whether a verdict may rewrite request bodies (so hosts drop `content-length` up front).
    pub fn may_rewrite_requests(&self) -> bool {
        self.doc.tools.action == ToolAction::Strip || self.redacts_requests()
    }

    fn redacts_requests(&self) -> bool {
        self.secrets.is_some() && self.doc.redaction.request == RequestSecrets::Redact
    }

    /// Secrets and PII in any text the model would read (every scope: a key pasted into a system
    /// prompt leaves for the provider just the same).
    fn check_secrets(&self, conv: &Conversation<'_>, findings: &mut Vec<Finding>) {
        let rules = &self.doc.redaction;
        let mode = self.effective_mode(rules.mode);
        let Some(scanner) = self.secrets.as_deref() else {
            return;
        };
        if mode == Mode::Off || rules.request == RequestSecrets::Off {
            return;
        }
        for run in &conv.texts {
            for m in scanner.find(&run.text) {
                let matched = run.text.as_bytes().get(m.start..m.end).unwrap_or(&[]);
                findings.push(Finding {
                    rule: m.rule,
                    category: match m.kind {
                        Kind::Secret => Category::Secret,
                        Kind::Pii => Category::Pii,
                    },
                    family: None,
                    subject: None,
                    location: run.location.clone(),
                    offset: m.start,
                    length: m.end - m.start,
                    hash: Some(short_hash(matched)),
                    weight: None,
                    mode,
                    decisive: true,
                });
            }
        }
    }

    /// The verdict for a body over the policy's size limit.
    pub fn oversized(&self, dialect: Dialect) -> Verdict {
        let limit = self.doc.limits.max_body_bytes;
        self.refuse(
            dialect,
            Refusal::Oversized,
            OnBadInput::Reject,
            &format!("request body exceeds the policy limit of {limit} bytes"),
        )
    }

    fn refuse(&self, dialect: Dialect, refusal: Refusal, on: OnBadInput, reason: &str) -> Verdict {
        let mut v = Verdict::allow(Some(dialect));
        v.refusal = Some(refusal);
        v.rule = Some(refusal.rule().to_string());
        v.category = Some(Category::Input);
        if on == OnBadInput::Pass || self.doc.mode == Mode::Monitor {
            v.action = Action::Monitor;
            return v;
        }
        v.action = Action::Block;
        v.status = refusal.status();
        v.reply = Some(error_body(
            Some(dialect),
            v.status,
            reason,
            refusal.rule(),
            false,
        ));
        v
    }

    fn check_model(&self, conv: &Conversation<'_>, findings: &mut Vec<Finding>) {
        let rules = &self.doc.models;
        let mode = self.effective_mode(rules.mode);
        if mode == Mode::Off {
            return;
        }
        let location = Location::top("model");
        let Some(model) = conv.model.as_deref() else {
            if !rules.allow.iter().any(|a| a == "*") {
                findings.push(simple_finding(
                    "models.missing",
                    Category::Model,
                    None,
                    location,
                    mode,
                ));
            }
            return;
        };
        let name = self.normalize_model(model);
        let rule = if self.model_denied(&name) {
            Some("models.deny")
        } else if !self.model_allowed(&name) {
            Some("models.allow")
        } else if rules.refuse_floating_tags && is_floating_tag(&name) {
            Some("models.floating_tag")
        } else {
            None
        };
        if let Some(rule) = rule {
            findings.push(simple_finding(
                rule,
                Category::Model,
                Some(model),
                location,
                mode,
            ));
        }
    }

    /// Lower-cased, trimmed, one known provider prefix removed.
    pub fn normalize_model(&self, model: &str) -> String {
        let lower = model.trim().to_lowercase();
        for prefix in &self.provider_prefixes {
            if let Some(rest) = lower.strip_prefix(prefix.as_str()) {
                return rest.to_string();
            }
        }
        lower
    }

    /// Returns the indices of declared tools that may be stripped instead of blocking.
    fn check_tools(&self, conv: &Conversation<'_>, findings: &mut Vec<Finding>) -> Vec<usize> {
        let rules = &self.doc.tools;
        let mode = self.effective_mode(rules.mode);
        let mut strippable = Vec::new();
        if mode == Mode::Off {
            return strippable;
        }
        for (i, tool) in conv.tools.iter().enumerate() {
            if self.tool_denied(&tool.name) {
                let rule = self.tool_rule(&tool.name);
                let location = Location::top(&format!("tools[{i}]"));
                findings.push(simple_finding(
                    rule,
                    Category::Tool,
                    Some(&tool.name),
                    location,
                    mode,
                ));
                strippable.push(i);
            }
        }
        if let Some(forced) = conv.forced_tool.as_deref() {
            // Forcing a denied tool is refused even when stripping: the client insisted on it.
            if self.tool_denied(forced) {
                findings.push(simple_finding(
                    "tools.tool_choice",
                    Category::Tool,
                    Some(forced),
                    Location::top("tool_choice"),
                    mode,
                ));
            }
        }
        strippable
    }

    pub(crate) fn tool_rule(&self, name: &str) -> &'static str {
        if self.tool_deny.matches(&name.to_lowercase()) {
            "tools.deny"
        } else {
            "tools.allow"
        }
    }

    fn check_limits(&self, conv: &Conversation<'_>, findings: &mut Vec<Finding>) {
        let limits = &self.doc.limits;
        let mode = self.effective_mode(limits.mode);
        if mode == Mode::Off {
            return;
        }
        if conv.message_count as u64 > limits.max_messages {
            findings.push(simple_finding(
                "limits.max_messages",
                Category::Limits,
                None,
                Location::top("messages"),
                mode,
            ));
        }
        if let (Some(cap), Some(asked)) = (limits.max_tokens, conv.max_tokens) {
            if asked > cap {
                findings.push(simple_finding(
                    "limits.max_tokens",
                    Category::Limits,
                    None,
                    Location::top("max_tokens"),
                    mode,
                ));
            }
        }
    }

    fn check_injection(&self, conv: &Conversation<'_>, findings: &mut Vec<Finding>) {
        let rules = &self.doc.injection;
        let mode = self.effective_mode(rules.mode);
        let Some(detector) = self.injection.as_deref() else {
            return;
        };
        if mode == Mode::Off {
            return;
        }
        let hits = scan_injection(detector, conv, &rules.scan_roles);
        // A scope is an injection when its distinct rules weigh at least the threshold; a rule
        // repeated many times counts once, so a pasted transcript with many headers stays benign.
        let mut per_rule: HashMap<(Scope, &str), f32> = HashMap::new();
        for h in &hits {
            let w = per_rule
                .entry((h.scope, h.hit.rule.as_str()))
                .or_insert(0.0);
            *w = w.max(h.hit.weight);
        }
        let mut score: HashMap<Scope, f32> = HashMap::new();
        for ((scope, _), w) in &per_rule {
            *score.entry(*scope).or_insert(0.0) += *w;
        }
        for h in &hits {
            let Some(run) = conv.texts.get(h.run) else {
                continue;
            };
            let matched = run
                .text
                .as_bytes()
                .get(h.offset..h.offset + h.length)
                .unwrap_or(&[]);
            findings.push(Finding {
                rule: h.hit.rule.clone(),
                category: Category::PromptInjection,
                family: Some(h.hit.family.as_str()),
                subject: None,
                location: run.location.clone(),
                offset: h.offset,
                length: h.length,
                hash: Some(short_hash(matched)),
                weight: Some(h.hit.weight),
                mode,
                // Each scope has its own threshold (tool results and documents are stricter).
                decisive: score.get(&h.scope).copied().unwrap_or(0.0)
                    >= rules.threshold_for(h.scope) as f32,
            });
        }
    }

    fn decide(
        &self,
        dialect: Dialect,
        body: &[u8],
        conv: &Conversation<'_>,
        findings: Vec<Finding>,
        strippable: Vec<usize>,
    ) -> Verdict {
        let mut v = Verdict::allow(Some(dialect));
        v.model = conv.model.as_deref().map(String::from);
        let strip = self.doc.tools.action == ToolAction::Strip;
        let redact = self.doc.redaction.request == RequestSecrets::Redact;
        let is_tool_strip =
            |f: &Finding| strip && f.category == Category::Tool && f.rule != "tools.tool_choice";
        let is_secret_redaction =
            |f: &Finding| redact && matches!(f.category, Category::Secret | Category::Pii);
        let is_strippable = |f: &Finding| is_tool_strip(f) || is_secret_redaction(f);
        let blocking = findings
            .iter()
            .find(|f| f.decisive && f.mode == Mode::Enforce && !is_strippable(f));
        if let Some(f) = blocking {
            self.block(&mut v, dialect, f, "");
        } else if let Some(f) = findings
            .iter()
            .find(|f| f.decisive && f.mode == Mode::Enforce && is_strippable(f))
        {
            v.rule = Some(f.rule.clone());
            v.category = Some(f.category);
            let enforced = |pred: &dyn Fn(&Finding) -> bool| {
                findings
                    .iter()
                    .any(|f| f.decisive && f.mode == Mode::Enforce && pred(f))
            };
            let stripped = if enforced(&is_tool_strip) {
                strip_tools(body, conv, &strippable)
            } else {
                Some(body.to_vec())
            };
            let rewritten = match stripped {
                Some(b) if enforced(&is_secret_redaction) => self.redact_body(&b),
                other => other,
            };
            match rewritten {
                Some(rewritten) => {
                    v.action = Action::Rewrite;
                    v.rewritten = Some(rewritten);
                }
                // The body could not be edited cleanly: refuse rather than forward it.
                None => self.block(&mut v, dialect, f, "; the request could not be rewritten"),
            }
        } else if let Some(f) = findings
            .iter()
            .find(|f| f.decisive && f.mode == Mode::Monitor)
        {
            v.action = Action::Monitor;
            v.rule = Some(f.rule.clone());
            v.category = Some(f.category);
        }
        v.findings = findings;
        v
    }
}

impl Policy {
    /// Make `v` a refusal by finding `f`, with the configured status and message.
    fn block(&self, v: &mut Verdict, dialect: Dialect, f: &Finding, detail: &str) {
        v.action = Action::Block;
        v.rule = Some(f.rule.clone());
        v.category = Some(f.category);
        v.status = self.doc.response.status;
        let message = format!(
            "{}: rule {} (category {}{detail})",
            self.doc.response.message,
            f.rule,
            f.category.as_str()
        );
        v.reply = Some(error_body(Some(dialect), v.status, &message, &f.rule, true));
    }

    /// Every secret in every value string of a JSON body replaced.
    fn redact_body(&self, body: &[u8]) -> Option<Vec<u8>> {
        let scanner = self.secrets.as_deref()?;
        let text = std::str::from_utf8(body).ok()?;
        Some(
            match redact_strings(
                text,
                Skip::At(&[]),
                scanner,
                &self.doc.redaction.replacement,
            ) {
                Some((replacements, _)) => rebuild(text, &replacements).into_bytes(),
                None => body.to_vec(),
            },
        )
    }
}

fn simple_finding(
    rule: &str,
    category: Category,
    subject: Option<&str>,
    location: Location,
    mode: Mode,
) -> Finding {
    Finding {
        rule: rule.to_string(),
        category,
        family: None,
        subject: subject.map(String::from),
        location,
        offset: 0,
        length: 0,
        hash: None,
        weight: None,
        mode,
        decisive: true,
    }
}

/// `application/json`, `application/<x>+json`, with any parameters.
fn is_json_content_type(ct: &str) -> bool {
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Ollama-style names without a pinned tag: `llama3.2` or `llama3.2:latest`.
fn is_floating_tag(name: &str) -> bool {
    match name.rsplit_once(':') {
        None => true,
        Some((_, tag)) => tag.is_empty() || tag == "latest",
    }
}

/// The body with the denied tools removed; the whole `tools` member (and a `tool_choice` that no
/// longer has tools to choose from) goes when none is left, since APIs reject an empty list.
fn strip_tools(body: &[u8], conv: &Conversation<'_>, denied: &[usize]) -> Option<Vec<u8>> {
    let tools_span = conv.tools_span?;
    if denied.len() == conv.tools.len() {
        let spans: Vec<(usize, usize)> = std::iter::once(tools_span)
            .chain(conv.tool_choice_span)
            .collect();
        return remove_members(body, &spans);
    }
    let kept: Vec<(usize, usize)> = conv
        .tools
        .iter()
        .enumerate()
        .filter(|(i, _)| !denied.contains(i))
        .map(|(_, t)| t.span)
        .collect();
    rebuild_array(body, tools_span, &kept)
}

#[cfg(test)]
mod tests;
