use super::*;
use crate::stream::testing::TestScanner;

struct TestPolicy {
    scanner: TestScanner,
    cap: usize,
}

impl TestPolicy {
    fn new() -> TestPolicy {
        TestPolicy {
            scanner: TestScanner::new(),
            cap: 4096,
        }
    }
}

impl ResponsePolicy for TestPolicy {
    fn scanner(&self) -> Option<&dyn TextScanner> {
        Some(&self.scanner)
    }
    fn denied_tool_rule(&self, name: &str) -> Option<&'static str> {
        name.starts_with("shell").then_some("tools.deny")
    }
    fn block_message(&self, rule: &str) -> String {
        format!("blocked: rule {rule} (category tool)")
    }
    fn replacement(&self) -> &str {
        "[REDACTED:{rule}]"
    }
    fn max_hold_bytes(&self) -> usize {
        self.cap
    }
}

const KEY: &str = "sk-live-4f9a8b7c6d5e4f3a2b1c0d9e";

fn chat_stream(text: &str, delta: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut s = String::new();
    for piece in chars.chunks(delta) {
        let t: String = piece.iter().collect();
        let data = serde_json::json!({"id": "c1", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": t}, "finish_reason": null}]});
        s.push_str(&format!("data: {data}\n\n"));
    }
    s.push_str("data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
    s.push_str("data: [DONE]\n\n");
    s
}

fn feed(guard: &mut ResponseGuard, policy: &TestPolicy, body: &[u8], chunk: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let pieces: Vec<&[u8]> = body.chunks(chunk.max(1)).collect();
    for (i, piece) in pieces.iter().enumerate() {
        out.extend(guard.push(policy, piece, i + 1 == pieces.len()).bytes);
    }
    out
}

/// The assistant text a client assembles from an OpenAI chat stream, checking every event parses.
fn chat_text(stream: &[u8]) -> String {
    let s = String::from_utf8(stream.to_vec()).unwrap();
    assert!(s.ends_with("data: [DONE]\n\n"), "{s}");
    let mut text = String::new();
    for event in s.split("\n\n").filter(|e| !e.is_empty()) {
        let data = event.strip_prefix("data: ").unwrap();
        if data == "[DONE]" {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(data).unwrap();
        if let Some(t) = v["choices"][0]["delta"]["content"].as_str() {
            text.push_str(t);
        }
    }
    text
}

#[test]
fn a_key_streamed_one_char_per_event_is_redacted_at_any_chunking() {
    let policy = TestPolicy::new();
    let body = chat_stream(&format!("Here: {KEY} and bob@example.com. Done."), 1);
    let expected = "Here: [REDACTED:test.key] and [REDACTED:test.email]. Done.";
    for chunk in [1, 2, 3, 7, 64, 1000, body.len()] {
        let mut g = ResponseGuard::new(Dialect::OpenAiChat, Framing::Sse);
        let out = feed(&mut g, &policy, body.as_bytes(), chunk);
        assert_eq!(chat_text(&out), expected, "chunk {chunk}");
        assert!(!String::from_utf8_lossy(&out).contains("4f9a8b"));
        assert_eq!(g.stats.redactions, 2);
    }
}

#[test]
fn every_byte_split_gives_the_same_client_text() {
    let policy = TestPolicy::new();
    let body = chat_stream(&format!("a {KEY} b"), 3);
    let mut whole = ResponseGuard::new(Dialect::OpenAiChat, Framing::Sse);
    let expected = chat_text(&whole.push(&policy, body.as_bytes(), true).bytes);
    for i in 0..=body.len() {
        let mut g = ResponseGuard::new(Dialect::OpenAiChat, Framing::Sse);
        let mut out = g.push(&policy, &body.as_bytes()[..i], false).bytes;
        out.extend(g.push(&policy, &body.as_bytes()[i..], true).bytes);
        assert_eq!(chat_text(&out), expected, "split at {i}");
    }
}

#[test]
fn clean_text_passes_byte_identical_and_without_delay() {
    let policy = TestPolicy::new();
    let body = chat_stream("Hello, world. Nothing to see here.", 4);
    let mut g = ResponseGuard::new(Dialect::OpenAiChat, Framing::Sse);
    // Fed event by event: each complete event must come out in the same call, except the text
    // of a trailing word, which waits for the next event.
    let mut out = Vec::new();
    for event in body.split_inclusive("\n\n") {
        let o = g.push(&policy, event.as_bytes(), false).bytes;
        assert!(!o.is_empty(), "event held back: {event}");
        out.extend(o);
    }
    out.extend(g.push(&policy, b"", true).bytes);
    assert_eq!(chat_text(&out), "Hello, world. Nothing to see here.");
}

#[test]
fn unsplit_clean_stream_is_byte_identical() {
    let policy = TestPolicy::new();
    let body =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi \"}}]}\n\ndata: [DONE]\n\n";
    let mut g = ResponseGuard::new(Dialect::OpenAiChat, Framing::Sse);
    assert_eq!(
        g.push(&policy, body.as_bytes(), true).bytes,
        body.as_bytes()
    );
}

#[test]
fn denied_tool_call_ends_the_stream_with_an_error_event() {
    let policy = TestPolicy::new();
    let body = concat!(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok \"}}]}\n\n",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"shell_exec\",\"arguments\":\"\"}}]}}]}\n\n",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{rm -rf}\"}}]}}]}\n\n",
        "data: [DONE]\n\n"
    );
    let mut g = ResponseGuard::new(Dialect::OpenAiChat, Framing::Sse);
    let out = String::from_utf8(g.push(&policy, body.as_bytes(), true).bytes).unwrap();
    assert!(!out.contains("rm -rf"));
    assert!(out.ends_with("data: [DONE]\n\n"));
    let events: Vec<&str> = out.split("\n\n").filter(|e| !e.is_empty()).collect();
    let error: serde_json::Value =
        serde_json::from_str(events[events.len() - 2].strip_prefix("data: ").unwrap()).unwrap();
    assert_eq!(error["error"]["code"], "tools.deny");
    assert_eq!(g.stats.tool_blocked.as_deref(), Some("tools.deny"));
    // Anything after is dropped.
    assert!(g.push(&policy, b"data: more\n\n", true).bytes.is_empty());
}

#[test]
fn anthropic_text_and_tool_blocks() {
    let policy = TestPolicy::new();
    let mut body =
        String::from("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{}}\n\n");
    for piece in ["key ", &KEY[..10], &KEY[10..], " end"] {
        let d = serde_json::json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}});
        body.push_str(&format!("event: content_block_delta\ndata: {d}\n\n"));
    }
    body.push_str(
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
    );
    body.push_str("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"name\":\"shell\",\"input\":{}}}\n\n");
    let mut g = ResponseGuard::new(Dialect::Anthropic, Framing::Sse);
    let out = String::from_utf8(feed(&mut g, &policy, body.as_bytes(), 5)).unwrap();
    let text: String = out
        .split("\n\n")
        .filter_map(|e| e.split_once("data: ").map(|(_, d)| d))
        .filter_map(|d| serde_json::from_str::<serde_json::Value>(d).ok())
        .filter_map(|v| v["delta"]["text"].as_str().map(String::from))
        .collect();
    assert_eq!(text, "key [REDACTED:test.key] end");
    assert!(out.ends_with("event: error\ndata: {\"error\":{\"message\":\"blocked: rule tools.deny (category tool)\",\"type\":\"permission_error\"},\"type\":\"error\"}\n\n"));
}

#[test]
fn ollama_remainder_is_flushed_before_the_done_line() {
    let policy = TestPolicy::new();
    let body = concat!(
        "{\"message\":{\"role\":\"assistant\",\"content\":\"mail bob@exa\"},\"done\":false}\n",
        "{\"message\":{\"role\":\"assistant\",\"content\":\"mple.com\"},\"done\":false}\n",
        "{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}\n"
    );
    let mut g = ResponseGuard::new(Dialect::Ollama, Framing::Ndjson);
    let out = String::from_utf8(feed(&mut g, &policy, body.as_bytes(), 4)).unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let text: String = lines
        .iter()
        .filter_map(|l| l["message"]["content"].as_str())
        .collect();
    assert_eq!(text, "mail [REDACTED:test.email]");
    assert_eq!(lines.last().unwrap()["done"], true);
}

#[test]
fn responses_done_events_carry_the_redacted_full_text() {
    let policy = TestPolicy::new();
    let mut body = String::new();
    for piece in ["to ", "bob@", "example.com", " ok"] {
        let d = serde_json::json!({"type": "response.output_text.delta", "output_index": 0, "content_index": 0, "delta": piece});
        body.push_str(&format!("event: response.output_text.delta\ndata: {d}\n\n"));
    }
    let done = serde_json::json!({"type": "response.output_text.done", "output_index": 0, "content_index": 0, "text": "to bob@example.com ok"});
    body.push_str(&format!(
        "event: response.output_text.done\ndata: {done}\n\n"
    ));
    let mut g = ResponseGuard::new(Dialect::OpenAiResponses, Framing::Sse);
    let out = String::from_utf8(feed(&mut g, &policy, body.as_bytes(), 9)).unwrap();
    let values: Vec<serde_json::Value> = out
        .split("\n\n")
        .filter_map(|e| e.split_once("data: ").map(|(_, d)| d))
        .map(|d| serde_json::from_str(d).unwrap())
        .collect();
    let deltas: String = values.iter().filter_map(|v| v["delta"].as_str()).collect();
    assert_eq!(deltas, "to [REDACTED:test.email] ok");
    assert_eq!(
        values.last().unwrap()["text"],
        "to [REDACTED:test.email] ok"
    );
}

#[test]
fn whole_json_bodies_are_redacted_or_replaced() {
    let policy = TestPolicy::new();
    let body = format!("{{\"choices\":[{{\"message\":{{\"content\":\"use {KEY}\"}}}}]}}");
    let mut g = ResponseGuard::new(Dialect::OpenAiChat, Framing::Json);
    assert!(g
        .push(&policy, &body.as_bytes()[..10], false)
        .bytes
        .is_empty());
    let out = g.push(&policy, &body.as_bytes()[10..], true);
    assert_eq!(
        String::from_utf8(out.bytes).unwrap(),
        "{\"choices\":[{\"message\":{\"content\":\"use [REDACTED:test.key]\"}}]}"
    );
    let tool = r#"{"content":[{"type":"tool_use","name":"shell","input":{}}]}"#;
    let mut g = ResponseGuard::new(Dialect::Anthropic, Framing::Json);
    let out = g.push(&policy, tool.as_bytes(), true);
    let replace = out.replace.unwrap();
    assert_eq!(replace.status, 403);
    let v: serde_json::Value = serde_json::from_slice(&replace.body).unwrap();
    assert_eq!(v["error"]["type"], "permission_error");
}

#[test]
fn held_bytes_stay_bounded_on_a_long_stream() {
    let policy = TestPolicy {
        scanner: TestScanner::new(),
        cap: 2048,
    };
    let mut g = ResponseGuard::new(Dialect::OpenAiChat, Framing::Sse);
    let event = format!(
        "data: {}\n\n",
        serde_json::json!({"choices": [{"index": 0, "delta": {"content": "x".repeat(500)}}]})
    );
    let mut total = 0;
    // About 2 MB of events, text with no white space: the worst case for holding.
    for _ in 0..4_000 {
        total += g.push(&policy, event.as_bytes(), false).bytes.len();
        assert!(g.held_bytes() <= 2048 + 600, "{}", g.held_bytes());
    }
    total += g.push(&policy, b"data: [DONE]\n\n", true).bytes.len();
    assert!(total >= 4_000 * event.len() - 4096);
}

/// One OpenAI chat event carrying `text` for choice `index`.
fn choice_event(index: usize, text: &str) -> String {
    let data = serde_json::json!({"choices": [{"index": index, "delta": {"content": text}}]});
    format!("data: {data}\n\n")
}

#[test]
fn many_fields_share_one_hold_back_cap() {
    let policy = TestPolicy {
        scanner: TestScanner::new(),
        cap: 2048,
    };
    let mut g = ResponseGuard::new(Dialect::OpenAiChat, Framing::Sse);
    let mut out = Vec::new();
    // 64 choices, each streaming one long token with no white space: each would hold it all.
    for round in 0..40 {
        for index in 0..64 {
            let event = choice_event(index, &format!("t{round:02}abcdefgh"));
            out.extend(g.push(&policy, event.as_bytes(), false).bytes);
            assert!(g.held_bytes() <= 2048, "{}", g.held_bytes());
        }
    }
    out.extend(g.push(&policy, b"data: [DONE]\n\n", true).bytes);
    assert!(g.stats.cap_hits > 0);
    // Nothing is lost: every choice's text reaches the client whole, in order.
    let text = String::from_utf8(out).unwrap();
    let mut per_choice = vec![String::new(); 64];
    for data in text.split("\n\n").filter_map(|e| e.strip_prefix("data: ")) {
        if data == "[DONE]" {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(data).unwrap();
        let i = v["choices"][0]["index"].as_u64().unwrap() as usize;
        per_choice[i].push_str(v["choices"][0]["delta"]["content"].as_str().unwrap());
    }
    let expected: String = (0..40).map(|r| format!("t{r:02}abcdefgh")).collect();
    assert!(per_choice.iter().all(|t| *t == expected));
}

#[test]
fn a_stream_opening_too_many_fields_ends_with_an_error() {
    let policy = TestPolicy::new();
    let mut g = ResponseGuard::new(Dialect::OpenAiChat, Framing::Sse);
    let mut out = Vec::new();
    for index in 0..MAX_FIELDS_PER_STREAM + 10 {
        out.extend(
            g.push(&policy, choice_event(index, "hi ").as_bytes(), false)
                .bytes,
        );
    }
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("response.too_many_fields"), "{text}");
    assert!(text.ends_with("data: [DONE]\n\n"));
    assert_eq!(
        text.matches("\"content\":\"hi \"").count(),
        MAX_FIELDS_PER_STREAM
    );
    assert!(g.fields.len() <= MAX_FIELDS_PER_STREAM);
}

#[test]
fn text_in_the_final_event_is_judged_with_what_was_held() {
    let policy = TestPolicy::new();
    let body = concat!(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"card 4111 1111 \"}}]}\n\n",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"1111 1111 thanks\"},\"finish_reason\":\"stop\"}]}\n\n",
        "data: [DONE]\n\n"
    );
    for chunk in [1, 7, body.len()] {
        let mut g = ResponseGuard::new(Dialect::OpenAiChat, Framing::Sse);
        let out = feed(&mut g, &policy, body.as_bytes(), chunk);
        let s = String::from_utf8(out.clone()).unwrap();
        assert!(!s.contains("4111"), "{s}");
        assert_eq!(chat_text(&out), "card [REDACTED:test.card] thanks");
        assert_eq!(s.matches("finish_reason\":\"stop").count(), 1, "{s}");
    }
}

#[test]
fn an_event_that_never_ends_is_refused_not_buffered_forever() {
    let policy = TestPolicy {
        scanner: TestScanner::new(),
        cap: 1024,
    };
    let mut g = ResponseGuard::new(Dialect::OpenAiChat, Framing::Sse);
    let mut out = g
        .push(
            &policy,
            b"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok \"}}]}\n\n",
            false,
        )
        .bytes;
    let endless = vec![b'x'; 64 * 1024];
    for _ in 0..8 {
        out.extend(g.push(&policy, &endless, false).bytes);
        assert!(g.held_bytes() <= 256 * 1024 + endless.len());
    }
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("response.event_too_large"), "{text}");
    assert!(text.ends_with("data: [DONE]\n\n"));
    assert!(!text.contains("xxxx"));
    assert_eq!(g.stats.cap_hits, 1);
    assert!(g.push(&policy, &endless, true).bytes.is_empty());
}

#[test]
fn audit_line_lists_a_bounded_number_of_redaction_rules() {
    let policy = TestPolicy::new();
    let body = chat_stream(&"mail bob@example.com now. ".repeat(200), 7);
    let mut g = ResponseGuard::new(Dialect::OpenAiChat, Framing::Sse);
    feed(&mut g, &policy, body.as_bytes(), 64);
    assert_eq!(g.stats.redactions, 200);
    let line = g.audit_line(crate::verdict::AuditContext::default).unwrap();
    let audit: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(audit["redactions"], 200);
    assert_eq!(
        audit["rules"].as_array().unwrap().len(),
        crate::verdict::MAX_AUDIT_ITEMS
    );
}

/// `sse_parts` as it read lines with `str::split`: the memchr reading must agree.
fn sse_parts_by_split(event: &str) -> (Option<&str>, Option<(usize, usize)>, bool) {
    let mut name = None;
    let mut payload = None;
    let mut data_lines = 0;
    let mut offset = 0;
    for line in event.split('\n') {
        let content = line.trim_end_matches('\r');
        if let Some(v) = content.strip_prefix("event:") {
            name = Some(v.trim());
        } else if let Some(v) = content.strip_prefix("data:") {
            data_lines += 1;
            let lead = content.len() - v.trim_start().len();
            payload = Some((offset + lead, offset + content.len()));
        }
        offset += line.len() + 1;
    }
    if data_lines > 1 {
        return (name, Some((0, event.len())), true);
    }
    (name, payload, false)
}

#[test]
fn sse_lines_are_read_as_split_reads_them() {
    const PIECES: &[&str] = &[
        "event: x",
        "event:y ",
        "data: {\"a\":1}",
        "data:",
        "data:  é",
        "id: 3",
        ": note",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "dat",
        "a: z",
        "",
    ];
    let mut rng = crate::test_rng::TestRng::new(0xB7E1_5162_8AED_2A6B);
    for _ in 0..3000 {
        let count = rng.below(7);
        let event = rng.join(PIECES, count);
        assert_eq!(sse_parts(&event), sse_parts_by_split(&event), "{event:?}");
    }
}
