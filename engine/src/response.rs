//! The response path: what a host asks of the engine at response headers, then per body chunk
//! (through the `ResponseGuard` it gets here).

use crate::detect::secrets::{Kind, SecretScanner};
use crate::dialect::Dialect;
use crate::policy::{Mode, Policy, ResponseSecrets};
use crate::stream::{Framing, ResponseGuard, ResponsePolicy, Span, TextScanner};
use crate::verdict::error_body;

impl TextScanner for SecretScanner {
    fn find(&self, text: &str) -> Vec<Span> {
        SecretScanner::find(self, text)
            .into_iter()
            .map(|m| Span {
                start: m.start,
                end: m.end,
                rule: m.rule,
                grows_over_blanks: m.kind == Kind::Pii,
            })
            .collect()
    }

    fn max_match_len(&self) -> usize {
        SecretScanner::max_match_len(self)
    }

    fn match_reach(&self, text: &str, from: usize) -> Option<crate::stream::Reach> {
        SecretScanner::match_reach(self, text, from)
    }
}

/// What the host does after the response headers of a guarded request.
#[derive(Debug)]
pub enum ResponseDecision {
    /// Nothing to inspect (not a guarded request, an error status, or nothing in the policy
    /// applies to responses): pass the body untouched.
    Pass,
    /// Feed every body chunk to the guard and send what it returns. `content-length` must go.
    Guard(ResponseGuard),
    /// The response cannot be inspected (it is compressed, or of an unknown type on a guarded
    /// route): replace it with this status and body.
    Refuse {
        status: u16,
        body: Vec<u8>,
        reason: &'static str,
    },
}

impl Policy {
    /// Decide how to handle a response to a request of `dialect`.
    pub fn check_response_head(
        &self,
        dialect: Dialect,
        status: u16,
        content_type: Option<&str>,
        content_encoding: Option<&str>,
    ) -> ResponseDecision {
        if !self.guards_responses() {
            return ResponseDecision::Pass;
        }
        let encoded = content_encoding
            .map(str::trim)
            .is_some_and(|e| !e.is_empty() && !e.eq_ignore_ascii_case("identity"));
        if encoded {
            // Accept-Encoding was stripped, so an encoded answer is unexpected: never pass it
            // uninspected.
            let message = "promptwall: the upstream answered with a Content-Encoding it was not offered; the response cannot be inspected";
            return ResponseDecision::Refuse {
                status: 502,
                body: error_body(Some(dialect), 502, message, "response.encoded", false),
                reason: "encoded",
            };
        }
        let framing = content_type.and_then(Framing::of);
        match framing {
            Some(f) => ResponseDecision::Guard(ResponseGuard::new(dialect, f)),
            // Error pages and bodies of other types carry no model output to redact.
            None if !(200..300).contains(&status) => ResponseDecision::Pass,
            None => {
                let message = "promptwall: the upstream answered with a content type that cannot be inspected";
                ResponseDecision::Refuse {
                    status: 502,
                    body: error_body(Some(dialect), 502, message, "response.content_type", false),
                    reason: "content_type",
                }
            }
        }
    }

    /// Whether anything in the policy looks at responses.
    fn guards_responses(&self) -> bool {
        self.doc.mode != Mode::Off
            && (self.response_scanner().is_some() || self.response_tools_enforced())
    }

    fn response_scanner(&self) -> Option<&SecretScanner> {
        let r = &self.doc.redaction;
        let on =
            r.response == ResponseSecrets::Redact && self.effective_mode(r.mode) == Mode::Enforce;
        self.secrets.as_deref().filter(|_| on)
    }

    fn response_tools_enforced(&self) -> bool {
        self.effective_mode(self.doc.tools.mode) == Mode::Enforce && self.restricts_tools()
    }
}

impl ResponsePolicy for Policy {
    fn scanner(&self) -> Option<&dyn TextScanner> {
        self.response_scanner().map(|s| s as &dyn TextScanner)
    }

    fn denied_tool_rule(&self, name: &str) -> Option<&'static str> {
        (self.response_tools_enforced() && self.tool_denied(name)).then(|| self.tool_rule(name))
    }

    fn block_message(&self, rule: &str) -> String {
        format!("{}: rule {rule} (category tool)", self.doc.response.message)
    }

    fn replacement(&self) -> &str {
        &self.doc.redaction.replacement
    }

    fn max_hold_bytes(&self) -> usize {
        usize::try_from(self.doc.redaction.max_hold_bytes).unwrap_or(usize::MAX)
    }

    fn may_deny_tools(&self) -> bool {
        self.response_tools_enforced()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(doc: &str) -> Policy {
        Policy::from_json(doc.as_bytes()).unwrap()
    }

    #[test]
    fn stream_types_are_guarded_and_encoded_answers_refused() {
        let p = policy(r#"{"version":1}"#);
        assert!(matches!(
            p.check_response_head(
                Dialect::OpenAiChat,
                200,
                Some("text/event-stream; charset=utf-8"),
                None
            ),
            ResponseDecision::Guard(_)
        ));
        match p.check_response_head(
            Dialect::Anthropic,
            200,
            Some("application/json"),
            Some("gzip"),
        ) {
            ResponseDecision::Refuse { status, body, .. } => {
                assert_eq!(status, 502);
                let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
                assert_eq!(v["type"], "error");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            p.check_response_head(Dialect::Ollama, 500, Some("text/html"), None),
            ResponseDecision::Pass
        ));
        assert!(matches!(
            p.check_response_head(Dialect::Ollama, 200, Some("text/html"), None),
            ResponseDecision::Refuse { .. }
        ));
    }

    #[test]
    fn answers_are_guarded_only_when_something_can_act_on_them() {
        let answer = r#"{"choices":[{"message":{"tool_calls":[{"function":{"name":"shell","arguments":"{}"}}]}}]}"#;
        let judge = |p: &Policy| match p.check_response_head(
            Dialect::OpenAiChat,
            200,
            Some("application/json"),
            None,
        ) {
            ResponseDecision::Guard(mut g) => Some(g.push(p, answer.as_bytes(), true)),
            ResponseDecision::Pass => None,
            ResponseDecision::Refuse { .. } => panic!("refused"),
        };
        // No redaction and no tool rule that can deny anything: nothing to inspect.
        let open = policy(r#"{"version":1,"redaction":{"enabled":false}}"#);
        assert!(!open.may_deny_tools());
        assert!(judge(&open).is_none());
        // Redaction on, tools unrestricted: guarded, the tool call untouched.
        let redacting = policy(r#"{"version":1}"#);
        let out = judge(&redacting).unwrap();
        assert!(out.replace.is_none());
        assert_eq!(out.bytes, answer.as_bytes());
        // A deny list, or an allow list without `*`, can deny: the call is refused.
        for tools in [r#"{"deny":["shell"]}"#, r#"{"allow":["search"]}"#] {
            let p = policy(&format!(
                r#"{{"version":1,"redaction":{{"enabled":false}},"tools":{tools}}}"#
            ));
            assert!(p.may_deny_tools());
            assert_eq!(judge(&p).unwrap().replace.unwrap().status, 403);
        }
    }

    #[test]
    fn real_rules_redact_a_streamed_github_token() {
        let p = policy(r#"{"version":1}"#);
        let token = format!("ghp_{}", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8");
        let mut body = String::new();
        for piece in format!("token: {token} ok").as_bytes().chunks(2) {
            let t = String::from_utf8_lossy(piece);
            body.push_str(&format!(
                "data: {}\n\n",
                serde_json::json!({"choices": [{"index": 0, "delta": {"content": t}}]})
            ));
        }
        body.push_str("data: [DONE]\n\n");
        let ResponseDecision::Guard(mut g) =
            p.check_response_head(Dialect::OpenAiChat, 200, Some("text/event-stream"), None)
        else {
            panic!("not guarded");
        };
        let out = String::from_utf8(g.push(&p, body.as_bytes(), true).bytes).unwrap();
        assert!(!out.contains("A1b2C3d4E5"), "{out}");
        assert!(out.contains("[REDACTED:secret."), "{out}");
    }

    /// Found by fuzzing: "7555551111111 " then "1". The unsplit text is not a card (a digit group
    /// follows the number); the stream must not decide before that group arrives.
    #[test]
    fn fuzz_a_number_followed_by_another_group_is_judged_like_the_unsplit_text() {
        let p = policy(r#"{"version":1}"#);
        let event = |t: &str| {
            let d = serde_json::json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": t}});
            format!("event: content_block_delta\ndata: {d}\n\n")
        };
        let stop =
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n";
        let text_of = |body: String| {
            let ResponseDecision::Guard(mut g) =
                p.check_response_head(Dialect::Anthropic, 200, Some("text/event-stream"), None)
            else {
                panic!("not guarded");
            };
            let out = String::from_utf8(g.push(&p, body.as_bytes(), true).bytes).unwrap();
            out.split("\n\n")
                .filter_map(|e| e.split_once("data: ").map(|(_, d)| d.to_string()))
                .filter_map(|d| serde_json::from_str::<serde_json::Value>(&d).ok())
                .filter_map(|v| v["delta"]["text"].as_str().map(String::from))
                .collect::<String>()
        };
        let split = text_of(format!("{}{}{stop}", event("7555551111111 "), event("1")));
        let whole = text_of(format!("{}{stop}", event("7555551111111 1")));
        assert_eq!(split, whole);
        // Found by fuzzing: ":111 " then "1111 11" read as "::111", an IPv6 address.
        let split = text_of(format!("{}{}{stop}", event(":111 "), event("1111 11")));
        assert_eq!(split, ":111 1111 11");
        // Found by fuzzing: an assigned value with a `|` in it was released up to the `|` before
        // the rest made it a match.
        let split = text_of(format!(
            "{}{}{stop}",
            event("password = hunexte|"),
            event("2hunter2e t")
        ));
        let whole = text_of(format!("{}{stop}", event("password = hunexte|2hunter2e t")));
        assert_eq!(split, whole);
        assert!(!split.contains("hunexte"), "{split}");
    }

    #[test]
    fn nothing_is_guarded_when_redaction_and_tools_are_off() {
        let p = policy(r#"{"version":1,"redaction":{"enabled":false},"tools":{"mode":"off"}}"#);
        assert!(matches!(
            p.check_response_head(Dialect::OpenAiChat, 200, Some("text/event-stream"), None),
            ResponseDecision::Pass
        ));
    }
}
