//! What one response event carries, per dialect: streamed text fields (with their spans, so the
//! event can be rewritten in place), tool calls, and where a field or the stream ends.

use std::borrow::Cow;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::json_text::{decode, scanned_strings, Skip};
use crate::dialect::Dialect;

/// A streamed text field in one event.
#[derive(Debug)]
pub struct TextField<'a> {
    /// Which stream of text it continues: choice and field, content block, output item. Shared:
    /// events read through the shape cache all carry the cached key.
    pub key: Arc<str>,
    /// Span of the string literal (quotes included) in the payload.
    pub span: (usize, usize),
    pub text: Cow<'a, str>,
}

#[derive(Debug, Default)]
pub struct EventInfo<'a> {
    pub fields: Vec<TextField<'a>>,
    /// Key prefixes whose redactors must be flushed before this event goes out.
    pub flush: Vec<String>,
    /// Names of tools the model calls in this event.
    pub tools: Vec<String>,
    /// The stream's own end marker (`[DONE]`, `message_stop`, `done: true`, `response.completed`).
    pub terminal: bool,
    /// When known: the spans of the other value strings the generic redaction scans
    /// (`json_text::scanned_strings` with the fields skipped), so it need not find them again.
    pub scanned: Option<Vec<(usize, usize)>>,
}

fn span_of(payload: &str, raw: &RawValue) -> (usize, usize) {
    let start = (raw.get().as_ptr() as usize).saturating_sub(payload.as_ptr() as usize);
    (start, start + raw.get().len())
}

/// Record a string field of the event; the key is built only for a field that is present (most
/// events carry one of the several fields a delta may hold).
fn push_field<'a>(
    info: &mut EventInfo<'a>,
    payload: &'a str,
    key: impl FnOnce() -> String,
    raw: Option<&'a RawValue>,
) {
    let Some(raw) = raw else { return };
    if !raw.get().starts_with('"') {
        return;
    }
    if let Some(text) = decode(raw.get()) {
        info.fields.push(TextField {
            key: key().into(),
            span: span_of(payload, raw),
            text,
        });
    }
}

/// Read one event's payload (SSE `data`, or one NDJSON line). `None` when it is not JSON this
/// dialect knows; such events pass through whole (after the generic string redaction).
pub fn read_event<'a>(
    dialect: Dialect,
    event: Option<&str>,
    payload: &'a str,
) -> Option<EventInfo<'a>> {
    if payload.trim() == "[DONE]" {
        return Some(EventInfo {
            flush: vec![String::new()],
            terminal: true,
            ..EventInfo::default()
        });
    }
    match dialect {
        Dialect::OpenAiChat => openai_chat(payload),
        Dialect::OpenAiResponses => responses(payload),
        Dialect::Anthropic => anthropic(event, payload),
        Dialect::Ollama => ollama(payload),
    }
}

/// The shape of the last plain delta event read: one text field, no tools, no flush. A stream's
/// delta events mostly differ from each other only inside that field's string literal, and an
/// event that has the same bytes before and after it and a valid string literal in between reads
/// exactly as the last one did, with the new literal: the JSON around it parses the same way, and
/// the literal is a value (not a key), whose span the field records. Such an event is read
/// without parsing the rest of it again.
#[derive(Debug, Default)]
pub struct ShapeCache {
    /// Set when the fields below describe a shape.
    valid: bool,
    name: Option<String>,
    prefix: String,
    suffix: String,
    key: Arc<str>,
    /// The other value strings the generic redaction scans, in the last event's offsets.
    scanned: Vec<(usize, usize)>,
    /// Where the field's literal ended in that event.
    field_end: usize,
    /// When the suffix ends with `"sequence_number":N}` (the Responses API numbers its events):
    /// the digits of N, which may change from event to event.
    counter_digits: usize,
}

/// The member a stream may number its events with; its value is read by no dialect.
const COUNTER_MEMBER: &str = "\"sequence_number\":";

/// The digits of N when `suffix` ends with `"sequence_number":N}`, else 0.
fn counter_digits(suffix: &str) -> usize {
    let Some(body) = suffix.strip_suffix('}') else {
        return 0;
    };
    let digits = body.bytes().rev().take_while(u8::is_ascii_digit).count();
    match body.get(..body.len() - digits) {
        Some(before) if digits > 0 && before.ends_with(COUNTER_MEMBER) => digits,
        _ => 0,
    }
}

/// Where the suffix `mid` + N + `}` starts in `payload`, N being a JSON integer (digits, no
/// leading zero).
fn counter_suffix_start(payload: &str, mid: &str) -> Option<usize> {
    let body = payload.strip_suffix('}')?;
    let digits = body.bytes().rev().take_while(u8::is_ascii_digit).count();
    let number = body.get(body.len() - digits..)?;
    if digits == 0 || (digits > 1 && number.starts_with('0')) {
        return None;
    }
    let before = body.get(..body.len() - digits)?;
    before.ends_with(mid).then(|| before.len() - mid.len())
}

impl ShapeCache {
    /// `read_event`, through the cache.
    pub fn read<'a>(
        &mut self,
        dialect: Dialect,
        event: Option<&str>,
        payload: &'a str,
    ) -> Option<EventInfo<'a>> {
        if let Some(info) = self.same_shape(event, payload) {
            return Some(info);
        }
        let mut info = read_event(dialect, event, payload)?;
        if let ([field], true, true, false) = (
            info.fields.as_slice(),
            info.flush.is_empty(),
            info.tools.is_empty(),
            info.terminal,
        ) {
            if let (Some(prefix), Some(suffix)) =
                (payload.get(..field.span.0), payload.get(field.span.1..))
            {
                self.valid = true;
                self.name.clone_from(&event.map(str::to_string));
                self.prefix.clear();
                self.prefix.push_str(prefix);
                self.suffix.clear();
                self.suffix.push_str(suffix);
                self.key.clone_from(&field.key);
                self.field_end = field.span.1;
                self.counter_digits = counter_digits(suffix);
                self.scanned = scanned_strings(payload, Skip::AtAndMetadata(&[field.span.0]));
                info.scanned = Some(self.scanned.clone());
            }
        }
        Some(info)
    }

    fn same_shape<'a>(&self, event: Option<&str>, payload: &'a str) -> Option<EventInfo<'a>> {
        if !self.valid || self.name.as_deref() != event {
            return None;
        }
        if !payload.starts_with(self.prefix.as_str()) {
            return None;
        }
        let end = if payload.ends_with(self.suffix.as_str()) {
            payload.len() - self.suffix.len()
        } else if self.counter_digits > 0 {
            // The same suffix but for the event number: its value is read by no dialect, and it
            // is the last member of the event's object (the suffix ends with its closing brace),
            // so the event reads the same.
            let mid = self
                .suffix
                .get(..self.suffix.len() - self.counter_digits - 1)?;
            counter_suffix_start(payload, mid)?
        } else {
            return None;
        };
        if end < self.prefix.len() {
            return None;
        }
        let literal = payload.get(self.prefix.len()..end)?;
        // Exactly one string literal: it opens and closes with a quote (no white space around it)
        // and decodes whole. A literal the decoder refuses is left to the full read.
        if literal.len() < 2 || !literal.starts_with('"') || !literal.ends_with('"') {
            return None;
        }
        let text = decode(literal)?;
        // Strings after the field moved by the change in its length.
        let scanned = self
            .scanned
            .iter()
            .map(|&(s, e)| {
                if s >= self.field_end {
                    (s - self.field_end + end, e - self.field_end + end)
                } else {
                    (s, e)
                }
            })
            .collect();
        Some(EventInfo {
            fields: vec![TextField {
                key: self.key.clone(),
                span: (self.prefix.len(), end),
                text,
            }],
            scanned: Some(scanned),
            ..EventInfo::default()
        })
    }
}

#[derive(Deserialize)]
struct ChatChunk<'a> {
    #[serde(borrow, default)]
    choices: Vec<ChatChoice<'a>>,
}

#[derive(Deserialize)]
struct ChatChoice<'a> {
    #[serde(default)]
    index: u32,
    #[serde(borrow, default)]
    delta: Option<ChatDelta<'a>>,
    #[serde(borrow, default)]
    finish_reason: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct ChatDelta<'a> {
    #[serde(borrow, default)]
    content: Option<&'a RawValue>,
    #[serde(borrow, default)]
    reasoning_content: Option<&'a RawValue>,
    #[serde(borrow, default)]
    reasoning: Option<&'a RawValue>,
    #[serde(borrow, default)]
    tool_calls: Option<Vec<ToolCallDelta<'a>>>,
}

#[derive(Deserialize)]
struct ToolCallDelta<'a> {
    #[serde(default)]
    index: u32,
    #[serde(borrow, default)]
    function: Option<FunctionDelta<'a>>,
}

#[derive(Deserialize)]
struct FunctionDelta<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    arguments: Option<&'a RawValue>,
}

fn openai_chat(payload: &str) -> Option<EventInfo<'_>> {
    let chunk: ChatChunk = serde_json::from_str(payload).ok()?;
    let mut info = EventInfo::default();
    for choice in chunk.choices {
        let c = choice.index;
        if let Some(delta) = choice.delta {
            push_field(
                &mut info,
                payload,
                || format!("c{c}/content"),
                delta.content,
            );
            push_field(
                &mut info,
                payload,
                || format!("c{c}/reasoning_content"),
                delta.reasoning_content,
            );
            push_field(
                &mut info,
                payload,
                || format!("c{c}/reasoning"),
                delta.reasoning,
            );
            for call in delta.tool_calls.into_iter().flatten() {
                if let Some(f) = call.function {
                    if let Some(name) = f.name {
                        info.tools.push(name.into_owned());
                    }
                    push_field(
                        &mut info,
                        payload,
                        || format!("c{c}/tool{}", call.index),
                        f.arguments,
                    );
                }
            }
        }
        if choice.finish_reason.is_some_and(|r| r.get() != "null") {
            info.flush.push(format!("c{c}/"));
        }
    }
    Some(info)
}

#[derive(Deserialize)]
struct ResponsesEvent<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(default)]
    output_index: Option<u32>,
    #[serde(default)]
    content_index: Option<u32>,
    #[serde(default)]
    summary_index: Option<u32>,
    #[serde(borrow, default)]
    delta: Option<&'a RawValue>,
    #[serde(borrow, default)]
    item: Option<NamedItem<'a>>,
}

#[derive(Deserialize)]
struct NamedItem<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
}

fn responses(payload: &str) -> Option<EventInfo<'_>> {
    let ev: ResponsesEvent = serde_json::from_str(payload).ok()?;
    let mut info = EventInfo::default();
    // Every `X.delta` event streams one text; its `X.done` event ends it.
    let key = |base: &str| {
        format!(
            "{base}/o{}/c{}/s{}",
            ev.output_index.unwrap_or(0),
            ev.content_index.unwrap_or(0),
            ev.summary_index.unwrap_or(0)
        )
    };
    if let Some(base) = ev.kind.strip_suffix(".delta") {
        push_field(&mut info, payload, || key(base), ev.delta);
    } else if let Some(base) = ev.kind.strip_suffix(".done") {
        info.flush.push(key(base));
    }
    if let Some(item) = ev.item {
        let calls_tool = item
            .kind
            .as_deref()
            .is_some_and(|k| k.ends_with("_call") && k != "message");
        if let (true, Some(name)) = (calls_tool, item.name) {
            info.tools.push(name.into_owned());
        }
    }
    if matches!(
        ev.kind.as_ref(),
        "response.completed" | "response.failed" | "response.incomplete"
    ) {
        info.flush.push(String::new());
        info.terminal = true;
    }
    Some(info)
}

#[derive(Deserialize)]
struct AnthropicEvent<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(default)]
    index: Option<u32>,
    #[serde(borrow, default)]
    delta: Option<AnthropicDelta<'a>>,
    #[serde(borrow, default)]
    content_block: Option<NamedItem<'a>>,
}

#[derive(Deserialize)]
struct AnthropicDelta<'a> {
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    #[serde(borrow, default)]
    partial_json: Option<&'a RawValue>,
    #[serde(borrow, default)]
    thinking: Option<&'a RawValue>,
}

fn anthropic<'a>(event: Option<&str>, payload: &'a str) -> Option<EventInfo<'a>> {
    let ev: AnthropicEvent = serde_json::from_str(payload).ok()?;
    let mut info = EventInfo::default();
    let b = ev.index.unwrap_or(0);
    match event.unwrap_or(ev.kind.as_ref()) {
        "content_block_delta" => {
            if let Some(d) = ev.delta {
                push_field(&mut info, payload, || format!("b{b}/text"), d.text);
                push_field(&mut info, payload, || format!("b{b}/json"), d.partial_json);
                push_field(&mut info, payload, || format!("b{b}/thinking"), d.thinking);
            }
        }
        "content_block_start" => {
            if let Some(block) = ev.content_block {
                let is_tool = block
                    .kind
                    .as_deref()
                    .is_some_and(|k| k.ends_with("tool_use"));
                if let (true, Some(name)) = (is_tool, block.name) {
                    info.tools.push(name.into_owned());
                }
            }
        }
        "content_block_stop" => info.flush.push(format!("b{b}/")),
        "message_stop" => {
            info.flush.push(String::new());
            info.terminal = true;
        }
        _ => {}
    }
    Some(info)
}

#[derive(Deserialize)]
struct OllamaLine<'a> {
    #[serde(borrow, default)]
    message: Option<OllamaMessage<'a>>,
    #[serde(borrow, default)]
    response: Option<&'a RawValue>,
    #[serde(borrow, default)]
    thinking: Option<&'a RawValue>,
    #[serde(default)]
    done: Option<bool>,
}

#[derive(Deserialize)]
struct OllamaMessage<'a> {
    #[serde(borrow, default)]
    content: Option<&'a RawValue>,
    #[serde(borrow, default)]
    thinking: Option<&'a RawValue>,
    #[serde(borrow, default)]
    tool_calls: Option<Vec<OllamaToolCall<'a>>>,
}

#[derive(Deserialize)]
struct OllamaToolCall<'a> {
    #[serde(borrow, default)]
    function: Option<NamedItem<'a>>,
}

fn ollama(payload: &str) -> Option<EventInfo<'_>> {
    let line: OllamaLine = serde_json::from_str(payload).ok()?;
    let mut info = EventInfo::default();
    if let Some(m) = line.message {
        push_field(&mut info, payload, || "content".into(), m.content);
        push_field(&mut info, payload, || "thinking".into(), m.thinking);
        for call in m.tool_calls.into_iter().flatten() {
            if let Some(name) = call.function.and_then(|f| f.name) {
                info.tools.push(name.into_owned());
            }
        }
    }
    push_field(&mut info, payload, || "response".into(), line.response);
    push_field(&mut info, payload, || "thinking".into(), line.thinking);
    if line.done == Some(true) {
        info.flush.push(String::new());
        info.terminal = true;
    }
    Some(info)
}

/// Tools called in a whole (non-streamed) response body.
pub fn response_tool_calls(dialect: Dialect, body: &str) -> Vec<String> {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(body) else {
        return Vec::new();
    };
    let names =
        |items: &serde_json::Value, name_at: &[&str], when: &dyn Fn(&serde_json::Value) -> bool| {
            items
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter(|i| when(i))
                        .filter_map(|i| name_at.iter().try_fold(i, |v, k| v.get(k)))
                        .filter_map(|n| n.as_str().map(String::from))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
    let any = |_: &serde_json::Value| true;
    let typed = |suffix: &'static str| {
        move |i: &serde_json::Value| i["type"].as_str().is_some_and(|t| t.ends_with(suffix))
    };
    match dialect {
        Dialect::OpenAiChat => v["choices"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|c| {
                let mut n = names(&c["message"]["tool_calls"], &["function", "name"], &any);
                n.extend(
                    c["message"]["function_call"]["name"]
                        .as_str()
                        .map(String::from),
                );
                n
            })
            .collect(),
        Dialect::OpenAiResponses => names(&v["output"], &["name"], &typed("_call")),
        Dialect::Anthropic => names(&v["content"], &["name"], &typed("tool_use")),
        Dialect::Ollama => names(&v["message"]["tool_calls"], &["function", "name"], &any),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a full read says of an event, in comparable form.
    fn summary(info: &EventInfo<'_>) -> String {
        let fields: Vec<_> = info
            .fields
            .iter()
            .map(|f| (&*f.key, f.span, f.text.as_ref()))
            .collect();
        format!(
            "{fields:?} {:?} {:?} {}",
            info.flush, info.tools, info.terminal
        )
    }

    /// The shape cache reads every event as a full read does, whatever the string in its text
    /// field (escapes, quotes, broken escapes, non-ASCII, strings that close early), and whatever
    /// changed around it; the other strings it lists are the ones a full search finds.
    #[test]
    fn the_shape_cache_reads_as_a_full_parse_does() {
        const TEXTS: &[&str] = &[
            r#""a""#,
            r#""""#,
            r#""he\"y""#,
            r#""\u00e9\n""#,
            r#""\ud83d\ude00""#,
            r#""é😀""#,
            r#""a","b":"c""#,
            r#""a"  "#,
            r#""\x""#,
            r#""abc"#,
            r#"1"#,
            r#""tab\there""#,
            r#""\ud800""#,
            r#""key = \"AKIA\"""#,
        ];
        const EVENTS: &[(Dialect, Option<&str>, &str, &str)] = &[
            (
                Dialect::OpenAiChat,
                None,
                r#"{"id":"c1","choices":[{"index":0,"delta":{"content":"#,
                r#"},"finish_reason":null}]}"#,
            ),
            (
                Dialect::OpenAiChat,
                None,
                r#"{"id":"c2","model":"m","choices":[{"index":0,"delta":{"content":"#,
                r#"},"finish_reason":"stop"}]}"#,
            ),
            (
                Dialect::OpenAiChat,
                None,
                r#"{"choices":[{"index":1,"delta":{"reasoning_content":"#,
                r#"}}],"system_fingerprint":"fp_x"}"#,
            ),
            (
                Dialect::OpenAiChat,
                None,
                r#"{"note":"before","choices":[{"index":0,"delta":{"content":"#,
                r#","annotation":"after it"}}]}"#,
            ),
            (
                Dialect::Anthropic,
                Some("content_block_delta"),
                r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"#,
                r#"}}"#,
            ),
            (
                Dialect::Anthropic,
                Some("content_block_delta"),
                r#"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"#,
                r#"}}"#,
            ),
            (
                Dialect::OpenAiResponses,
                Some("response.output_text.delta"),
                r#"{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"#,
                r#","sequence_number":{n}}"#,
            ),
            (
                Dialect::OpenAiResponses,
                Some("response.reasoning_summary_text.delta"),
                r#"{"type":"response.reasoning_summary_text.delta","output_index":1,"summary_index":0,"delta":"#,
                r#","obfuscation":"k2","sequence_number":{n}}"#,
            ),
            (
                Dialect::OpenAiChat,
                None,
                r#"{"choices":[{"index":0,"delta":{"content":"#,
                r#"}}],"meta":{"sequence_number":{n}},"sequence_number":{n}}"#,
            ),
            (
                Dialect::Anthropic,
                Some("content_block_delta"),
                r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"#,
                r#","sequence_number":{n}}}"#,
            ),
            (
                Dialect::Ollama,
                None,
                r#"{"model":"m","message":{"role":"assistant","content":"#,
                r#"},"done":false}"#,
            ),
            (
                Dialect::Ollama,
                None,
                r#"{"model":"m","message":{"role":"assistant","content":"#,
                r#"},"done":true}"#,
            ),
        ];
        let mut rng = crate::test_rng::TestRng::new(0x6A09_E667_F3BC_C909);
        let mut cache = ShapeCache::default();
        let mut cached = 0;
        let mut shape = 0;
        for _ in 0..4000 {
            // Streams repeat one shape for many events, then change.
            if rng.below(5) == 0 {
                shape = rng.below(EVENTS.len());
            }
            let (dialect, name, prefix, suffix) = EVENTS[shape];
            let count = if rng.below(4) == 0 { 2 } else { 1 };
            let literal = rng.join(TEXTS, count);
            // Event numbers change from event to event; some are not JSON integers.
            const NUMBERS: &[&str] = &["0", "4", "17", "123456", "01", "", "-1", "1.5", "2 ", "7a"];
            let suffix = suffix.replace("{n}", NUMBERS[rng.below(NUMBERS.len())]);
            let payload = format!("{prefix}{literal}{suffix}");
            let hit = cache.same_shape(name, &payload).is_some();
            let got = cache.read(dialect, name, &payload);
            let want = read_event(dialect, name, &payload);
            assert_eq!(
                got.as_ref().map(summary),
                want.as_ref().map(summary),
                "{payload}"
            );
            if let (Some(got), Some([field])) = (&got, want.as_ref().map(|w| w.fields.as_slice())) {
                let listed = scanned_strings(&payload, Skip::AtAndMetadata(&[field.span.0]));
                if let Some(scanned) = &got.scanned {
                    assert_eq!(scanned, &listed, "{payload}");
                }
            }
            cached += usize::from(hit);
        }
        // Most events repeat the last shape: the cache is exercised, not bypassed.
        assert!(cached > 500, "{cached}");
    }

    #[test]
    fn openai_chat_fields_tools_and_finish() {
        let p = r#"{"id":"x","choices":[{"index":0,"delta":{"content":"he\"y","tool_calls":[{"index":1,"function":{"name":"run","arguments":"{\"a\""}}]},"finish_reason":null}]}"#;
        let info = read_event(Dialect::OpenAiChat, None, p).unwrap();
        let keys: Vec<(&str, &str)> = info
            .fields
            .iter()
            .map(|f| (&*f.key, f.text.as_ref()))
            .collect();
        assert_eq!(keys, [("c0/content", "he\"y"), ("c0/tool1", "{\"a\"")]);
        let (s, e) = info.fields[0].span;
        assert_eq!(&p[s..e], r#""he\"y""#);
        assert_eq!(info.tools, ["run"]);
        assert!(info.flush.is_empty());
        let done = read_event(
            Dialect::OpenAiChat,
            None,
            r#"{"choices":[{"index":2,"delta":{},"finish_reason":"stop"}]}"#,
        )
        .unwrap();
        assert_eq!(done.flush, ["c2/"]);
        assert!(
            read_event(Dialect::OpenAiChat, None, "[DONE]")
                .unwrap()
                .terminal
        );
    }

    #[test]
    fn responses_delta_done_and_tool_items() {
        let d = read_event(Dialect::OpenAiResponses, None, r#"{"type":"response.output_text.delta","output_index":1,"content_index":0,"delta":"ab"}"#).unwrap();
        assert_eq!(&*d.fields[0].key, "response.output_text/o1/c0/s0");
        let done = read_event(Dialect::OpenAiResponses, None, r#"{"type":"response.output_text.done","output_index":1,"content_index":0,"text":"ab"}"#).unwrap();
        assert_eq!(done.flush, ["response.output_text/o1/c0/s0"]);
        let item = read_event(Dialect::OpenAiResponses, None, r#"{"type":"response.output_item.added","item":{"type":"function_call","name":"shell"}}"#).unwrap();
        assert_eq!(item.tools, ["shell"]);
    }

    #[test]
    fn anthropic_blocks() {
        let d = read_event(Dialect::Anthropic, Some("content_block_delta"), r#"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"x"}}"#).unwrap();
        assert_eq!(
            (&*d.fields[0].key, d.fields[0].text.as_ref()),
            ("b2/json", "{\"x")
        );
        let s = read_event(Dialect::Anthropic, None, r#"{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","name":"bash","input":{}}}"#).unwrap();
        assert_eq!(s.tools, ["bash"]);
        let stop = read_event(
            Dialect::Anthropic,
            None,
            r#"{"type":"content_block_stop","index":2}"#,
        )
        .unwrap();
        assert_eq!(stop.flush, ["b2/"]);
    }

    #[test]
    fn ollama_lines() {
        let l = read_event(Dialect::Ollama, None, r#"{"message":{"role":"assistant","content":"hi","tool_calls":[{"function":{"name":"t","arguments":{}}}]},"done":false}"#).unwrap();
        assert_eq!(&*l.fields[0].key, "content");
        assert_eq!(l.tools, ["t"]);
        assert!(
            read_event(Dialect::Ollama, None, r#"{"response":"","done":true}"#)
                .unwrap()
                .terminal
        );
    }

    #[test]
    fn whole_response_tool_calls() {
        let chat = r#"{"choices":[{"message":{"tool_calls":[{"function":{"name":"a","arguments":"{}"}}]}}]}"#;
        assert_eq!(response_tool_calls(Dialect::OpenAiChat, chat), ["a"]);
        let resp = r#"{"output":[{"type":"message"},{"type":"function_call","name":"b"}]}"#;
        assert_eq!(response_tool_calls(Dialect::OpenAiResponses, resp), ["b"]);
        let anth =
            r#"{"content":[{"type":"text","text":"x"},{"type":"tool_use","name":"c","input":{}}]}"#;
        assert_eq!(response_tool_calls(Dialect::Anthropic, anth), ["c"]);
        let oll = r#"{"message":{"tool_calls":[{"function":{"name":"d","arguments":{}}}]}}"#;
        assert_eq!(response_tool_calls(Dialect::Ollama, oll), ["d"]);
    }
}
