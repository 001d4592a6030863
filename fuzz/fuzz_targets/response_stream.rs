//! The SSE / NDJSON framers and the per-field redactors, fed a valid stream in arbitrary chunkings.
//!
//! Input layout: byte 0 picks the stream shape (OpenAI chat SSE with `\n\n` or `\r\n\r\n`
//! separators, Anthropic SSE, Ollama NDJSON), byte 1 how many chunk sizes follow (each byte one
//! size, 1..=256, used cyclically); the rest is the assistant text, split into deltas at U+001F.
//!
//! Invariants, for the fuzzer's chunking and for one whole-body push:
//! - every output event parses as JSON (except `[DONE]`) and the stream ends with its terminator;
//! - the client-visible text (the deltas concatenated) is the same whatever the chunking;
//! - it equals the unsplit text redacted by the same scanner in one piece.
#![no_main]

use libfuzzer_sys::fuzz_target;
use promptwall_engine::stream::json_text::redact_text;
use promptwall_engine::stream::{Framing, ResponsePolicy, Span};
use promptwall_engine::{Dialect, Policy, ResponseGuard};
use serde_json::{json, Value};
use std::sync::OnceLock;

static POLICY: OnceLock<Option<Policy>> = OnceLock::new();

#[derive(Clone, Copy, Debug)]
enum Shape {
    ChatLf,
    ChatCrlf,
    Anthropic,
    Ollama,
}

impl Shape {
    fn of(b: u8) -> Shape {
        match b % 4 {
            0 => Shape::ChatLf,
            1 => Shape::ChatCrlf,
            2 => Shape::Anthropic,
            _ => Shape::Ollama,
        }
    }

    fn dialect(self) -> Dialect {
        match self {
            Shape::ChatLf | Shape::ChatCrlf => Dialect::OpenAiChat,
            Shape::Anthropic => Dialect::Anthropic,
            Shape::Ollama => Dialect::Ollama,
        }
    }

    fn framing(self) -> Framing {
        match self {
            Shape::Ollama => Framing::Ndjson,
            _ => Framing::Sse,
        }
    }

    fn separator(self) -> &'static str {
        match self {
            Shape::ChatCrlf => "\r\n\r\n",
            Shape::Ollama => "\n",
            _ => "\n\n",
        }
    }

    fn stream(self, deltas: &[&str]) -> String {
        let sep = self.separator();
        let mut s = String::new();
        let event = |s: &mut String, name: Option<&str>, data: &Value| {
            match self {
                Shape::Ollama => s.push_str(&data.to_string()),
                _ => {
                    if let Some(n) = name {
                        s.push_str("event: ");
                        s.push_str(n);
                        s.push_str(if sep == "\r\n\r\n" { "\r\n" } else { "\n" });
                    }
                    s.push_str("data: ");
                    s.push_str(&data.to_string());
                }
            }
            s.push_str(sep);
        };
        match self {
            Shape::ChatLf | Shape::ChatCrlf => {
                for d in deltas {
                    event(
                        &mut s,
                        None,
                        &json!({"id": "c1", "object": "chat.completion.chunk",
                            "choices": [{"index": 0, "delta": {"content": d}, "finish_reason": null}]}),
                    );
                }
                event(
                    &mut s,
                    None,
                    &json!({"id": "c1", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}),
                );
                s.push_str("data: [DONE]");
                s.push_str(sep);
            }
            Shape::Anthropic => {
                event(
                    &mut s,
                    Some("message_start"),
                    &json!({"type": "message_start", "message": {"id": "m1", "role": "assistant"}}),
                );
                event(
                    &mut s,
                    Some("content_block_start"),
                    &json!({"type": "content_block_start", "index": 0,
                        "content_block": {"type": "text", "text": ""}}),
                );
                for d in deltas {
                    event(
                        &mut s,
                        Some("content_block_delta"),
                        &json!({"type": "content_block_delta", "index": 0,
                            "delta": {"type": "text_delta", "text": d}}),
                    );
                }
                event(
                    &mut s,
                    Some("content_block_stop"),
                    &json!({"type": "content_block_stop", "index": 0}),
                );
                event(
                    &mut s,
                    Some("message_stop"),
                    &json!({"type": "message_stop"}),
                );
            }
            Shape::Ollama => {
                for d in deltas {
                    event(
                        &mut s,
                        None,
                        &json!({"model": "m", "message": {"role": "assistant", "content": d}, "done": false}),
                    );
                }
                event(
                    &mut s,
                    None,
                    &json!({"model": "m", "message": {"role": "assistant", "content": ""}, "done": true}),
                );
            }
        }
        s
    }

    /// The text a client assembles from the guarded stream; panics when an event is not JSON or
    /// the terminator is missing.
    fn client_text(self, out: &[u8]) -> String {
        let s = match std::str::from_utf8(out) {
            Ok(s) => s,
            Err(e) => panic!("{self:?}: output is not UTF-8: {e}"),
        };
        let mut text = String::new();
        let mut last: Option<Value> = None;
        let mut done = false;
        for event in s.split(self.separator()).filter(|e| !e.is_empty()) {
            let data = match self {
                Shape::Ollama => event,
                _ => event
                    .lines()
                    .find_map(|l| l.strip_prefix("data: "))
                    .unwrap_or_else(|| panic!("{self:?}: event without data: {event:?}")),
            };
            if data == "[DONE]" {
                done = true;
                continue;
            }
            assert!(!done, "{self:?}: event after [DONE]: {event:?}");
            let v: Value = serde_json::from_str(data)
                .unwrap_or_else(|e| panic!("{self:?}: event is not JSON ({e}): {data:?}"));
            let piece = match self {
                Shape::ChatLf | Shape::ChatCrlf => &v["choices"][0]["delta"]["content"],
                Shape::Anthropic => &v["delta"]["text"],
                Shape::Ollama => &v["message"]["content"],
            };
            if let Some(t) = piece.as_str() {
                text.push_str(t);
            }
            last = Some(v);
        }
        match self {
            Shape::ChatLf | Shape::ChatCrlf => assert!(done, "{self:?}: no [DONE]: {s:?}"),
            Shape::Anthropic => assert_eq!(
                last.as_ref().map(|v| v["type"].clone()),
                Some(json!("message_stop")),
                "{self:?}: does not end with message_stop: {s:?}"
            ),
            Shape::Ollama => assert_eq!(
                last.as_ref().map(|v| v["done"].clone()),
                Some(json!(true)),
                "{self:?}: does not end with the done line: {s:?}"
            ),
        }
        text
    }
}

fn run(policy: &Policy, shape: Shape, body: &[u8], sizes: &[usize]) -> (Vec<u8>, u64) {
    let mut guard = ResponseGuard::new(shape.dialect(), shape.framing());
    let mut out = Vec::new();
    let mut at = 0;
    let mut i = 0;
    while at < body.len() {
        let size = sizes
            .get(i % sizes.len().max(1))
            .copied()
            .unwrap_or(body.len());
        let end = (at + size).min(body.len());
        out.extend(guard.push(policy, &body[at..end], end == body.len()).bytes);
        at = end;
        i += 1;
    }
    (out, guard.stats.cap_hits)
}

fuzz_target!(|data: &[u8]| {
    let Some(policy) = POLICY.get_or_init(|| Policy::builtin_default().ok()) else {
        panic!("the built-in policy does not load");
    };
    let Some(scanner) = policy.scanner() else {
        panic!("the built-in policy has no response scanner");
    };
    let (&[shape, n], rest) = data.split_at(data.len().min(2)) else {
        return;
    };
    let shape = Shape::of(shape);
    let n = usize::from(n % 16).min(rest.len());
    let (sizes, text) = rest.split_at(n);
    let sizes: Vec<usize> = sizes.iter().map(|&b| usize::from(b) + 1).collect();
    let text = String::from_utf8_lossy(text);
    let deltas: Vec<&str> = text.split('\u{1f}').collect();
    let full: String = deltas.concat();
    let body = shape.stream(&deltas);

    let (whole, whole_caps) = run(policy, shape, body.as_bytes(), &[body.len()]);
    let whole_text = shape.client_text(&whole);
    let (chunked, _) = run(policy, shape, body.as_bytes(), &sizes);
    let chunked_text = shape.client_text(&chunked);
    assert_eq!(
        chunked_text, whole_text,
        "{shape:?}: the chunking changed the client text (sizes {sizes:?})"
    );
    if whole_caps == 0 {
        let matches: Vec<Span> = scanner.find(&full);
        let expected = redact_text(&full, &matches, policy.replacement());
        assert_eq!(
            whole_text, expected,
            "{shape:?}: streamed text differs from the unsplit text redacted (deltas {deltas:?})"
        );
    }
});
