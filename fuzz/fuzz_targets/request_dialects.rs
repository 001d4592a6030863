//! Request dialect parsers and the whole request verdict, for every dialect on the same bytes.
//!
//! Invariants: no panic; a Block carries a reply that parses as JSON (the dialect's error shape);
//! a Rewrite carries a rewritten body that parses as JSON; Allow/Monitor carry neither.
#![no_main]

use libfuzzer_sys::fuzz_target;
use promptwall_engine::{Action, Dialect, Policy};
use std::sync::OnceLock;

static POLICY: OnceLock<Option<Policy>> = OnceLock::new();

const DIALECTS: [Dialect; 4] = [
    Dialect::OpenAiChat,
    Dialect::OpenAiResponses,
    Dialect::Anthropic,
    Dialect::Ollama,
];

fuzz_target!(|data: &[u8]| {
    let Some(policy) = POLICY.get_or_init(|| Policy::builtin_default().ok()) else {
        panic!("the built-in policy does not load");
    };
    for dialect in DIALECTS {
        let v = policy.inspect_body(dialect, data);
        match v.action {
            Action::Block => {
                let reply = v.reply.as_deref().unwrap_or_else(|| {
                    panic!("{dialect:?}: Block without a reply body ({:?})", v.rule)
                });
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(reply) {
                    panic!(
                        "{dialect:?}: Block reply is not JSON ({e}): {}",
                        String::from_utf8_lossy(reply)
                    );
                }
                assert!(
                    v.status >= 400,
                    "{dialect:?}: Block with status {}",
                    v.status
                );
            }
            Action::Rewrite => {
                let body = v
                    .rewritten
                    .as_deref()
                    .unwrap_or_else(|| panic!("{dialect:?}: Rewrite without a body"));
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(body) {
                    panic!(
                        "{dialect:?}: rewritten body is not JSON ({e}): {}",
                        String::from_utf8_lossy(body)
                    );
                }
                // A rewrite of a rewrite is stable enough to parse again: the result is a valid
                // request of the same dialect (never a 400 for malformed JSON).
                let again = policy.inspect_body(dialect, body);
                assert!(
                    !matches!(again.refusal, Some(promptwall_engine::Refusal::Malformed)),
                    "{dialect:?}: the rewritten body is refused as malformed: {}",
                    String::from_utf8_lossy(body)
                );
            }
            Action::Allow | Action::Monitor => {
                assert!(
                    v.reply.is_none(),
                    "{dialect:?}: {:?} with a reply",
                    v.action
                );
            }
        }
    }
});
