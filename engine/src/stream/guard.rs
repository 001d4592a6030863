//! One response: framing, per-field redaction, tool-call checks, rewriting events in place.

use super::deltas::{response_tool_calls, EventInfo, ShapeCache};
use super::json_text::{encode, encode_into, redact_listed, redact_strings, Replacement, Skip};
use super::redactor::Redactor;
use super::TextScanner;
use crate::dialect::Dialect;
use crate::verdict::error_body;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// `text/event-stream`: events end with a blank line.
    Sse,
    /// `application/x-ndjson` (Ollama): one JSON object per line.
    Ndjson,
    /// A whole JSON document, judged at its end.
    Json,
}

impl Framing {
    pub fn of(content_type: &str) -> Option<Framing> {
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "text/event-stream" => Some(Framing::Sse),
            "application/x-ndjson" | "application/ndjson" | "application/jsonl" => {
                Some(Framing::Ndjson)
            }
            e if e == "application/json" || e.ends_with("+json") => Some(Framing::Json),
            _ => None,
        }
    }
}

/// What the response path asks of the policy.
pub trait ResponsePolicy {
    fn scanner(&self) -> Option<&dyn TextScanner>;
    /// The rule that denies calling this tool, if one does.
    fn denied_tool_rule(&self, name: &str) -> Option<&'static str>;
    /// The client-facing message for a blocked response.
    fn block_message(&self, rule: &str) -> String;
    fn replacement(&self) -> &str;
    fn max_hold_bytes(&self) -> usize;
    /// Whether any tool call can be denied; when none can, a whole answer's tool calls need not
    /// be read.
    fn may_deny_tools(&self) -> bool {
        true
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StreamStats {
    pub redactions: u64,
    /// Rule ids redacted, in order (for the audit log; never the text).
    pub rules: Vec<String>,
    pub cap_hits: u64,
    /// The rule that ended the response because of a denied tool call.
    pub tool_blocked: Option<String>,
    /// Bytes dropped: after a block, or an unterminated event at the end.
    pub dropped_bytes: u64,
}

/// A whole-response replacement (non-streamed bodies only): status and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replace {
    pub status: u16,
    pub body: Vec<u8>,
}

#[derive(Debug, Default)]
pub struct Output {
    /// Bytes for the client now.
    pub bytes: Vec<u8>,
    /// For a non-streamed body refused as a whole.
    pub replace: Option<Replace>,
}

#[derive(Debug)]
struct Field {
    key: String,
    redactor: Redactor,
    /// The last event that carried this field, to build an event for its held remainder.
    template: Option<Template>,
}

impl Field {
    /// Bytes this field keeps for the stream: its held text and the event kept to carry it.
    fn footprint(&self) -> usize {
        self.redactor.held() + self.template.as_ref().map_or(0, |t| t.event.len())
    }
}

/// Most streamed fields (choices × text and tool-call fields) one response may open. Each keeps a
/// little context even when it holds nothing, so their number is bounded too.
pub const MAX_FIELDS_PER_STREAM: usize = 1024;

/// An event kept to carry a field's held remainder: its text and separator, the span of the
/// field's value, and the spans of the other streamed fields (emptied in the copy). Kept raw and
/// assembled only if a flush needs it: most templates are overwritten by the next event.
#[derive(Debug, Default)]
struct Template {
    event: String,
    separator: Vec<u8>,
    value: (usize, usize),
    others: Vec<(usize, usize)>,
}

impl Template {
    /// The event with the field's value replaced by `text` and the other fields emptied.
    fn render(&self, text: &str, out: &mut Vec<u8>) {
        let mut spans: Vec<(usize, usize, String)> = self
            .others
            .iter()
            .map(|&(s, e)| (s, e, "\"\"".to_string()))
            .collect();
        spans.push((self.value.0, self.value.1, encode(text)));
        spans.sort_by_key(|r| r.0);
        out.extend_from_slice(rebuild(&self.event, &spans).as_bytes());
        out.extend_from_slice(&self.separator);
    }
}

#[derive(Debug)]
pub struct ResponseGuard {
    dialect: Dialect,
    framing: Framing,
    carry: Vec<u8>,
    fields: Vec<Field>,
    ended: bool,
    /// The shape of the last delta event, to read the next ones without a full parse (boxed: it
    /// is large, and `ResponseDecision::Guard` carries the guard by value).
    shapes: Box<ShapeCache>,
    /// Reused list of the edits of one event's payload.
    edits: Vec<Edit>,
    pub stats: StreamStats,
}

impl ResponseGuard {
    pub fn new(dialect: Dialect, framing: Framing) -> ResponseGuard {
        ResponseGuard {
            dialect,
            framing,
            carry: Vec::new(),
            fields: Vec::new(),
            ended: false,
            shapes: Box::default(),
            edits: Vec::new(),
            stats: StreamStats::default(),
        }
    }

    pub fn framing(&self) -> Framing {
        self.framing
    }

    /// One JSON audit line for a response that had redactions or a blocked tool call.
    /// `ctx` is called only when there is a line to write (see `Verdict::audit_line`).
    pub fn audit_line<'a>(
        &self,
        ctx: impl FnOnce() -> crate::verdict::AuditContext<'a>,
    ) -> Option<String> {
        let s = &self.stats;
        if s.redactions == 0 && s.tool_blocked.is_none() && s.cap_hits == 0 && s.dropped_bytes == 0
        {
            return None;
        }
        Some(self.audit_line_in(&ctx()))
    }

    /// The line itself, not generic (see `Verdict::audit_line_in`).
    fn audit_line_in(&self, ctx: &crate::verdict::AuditContext<'_>) -> String {
        let s = &self.stats;
        let line = serde_json::json!({
            "promptwall": "response",
            "request_id": ctx.request_id,
            "path": ctx.path,
            "route": ctx.route,
            "tenant": ctx.tenant,
            "dialect": self.dialect,
            "redactions": s.redactions,
            "rules": s.rules.get(..crate::verdict::MAX_AUDIT_ITEMS).unwrap_or(&s.rules),
            "tool_blocked": s.tool_blocked,
            "hold_cap_hits": s.cap_hits,
            "dropped_bytes": s.dropped_bytes,
        });
        line.to_string()
    }

    /// Bytes held back right now: the incomplete event, every field's pending text and the
    /// events kept to carry it. All but the incomplete event share the hold-back cap.
    pub fn held_bytes(&self) -> usize {
        self.carry.len() + self.fields_footprint()
    }

    fn fields_footprint(&self) -> usize {
        self.fields.iter().map(Field::footprint).sum()
    }

    pub fn push(
        &mut self,
        policy: &dyn ResponsePolicy,
        data: &[u8],
        end_of_stream: bool,
    ) -> Output {
        let mut out = Output::default();
        if self.ended {
            self.stats.dropped_bytes += data.len() as u64;
            return out;
        }
        self.carry.extend_from_slice(data);
        match self.framing {
            Framing::Json => {
                if end_of_stream {
                    let body = std::mem::take(&mut self.carry);
                    self.judge_whole(policy, &body, &mut out);
                }
                return out;
            }
            Framing::Sse | Framing::Ndjson => {
                let carry = std::mem::take(&mut self.carry);
                let mut consumed = 0;
                while let Some((event_end, next)) = self.next_boundary(&carry[consumed..]) {
                    let event = &carry[consumed..consumed + event_end];
                    let separator = &carry[consumed + event_end..consumed + next];
                    self.process_event(policy, event, separator, &mut out.bytes);
                    consumed += next;
                    if self.ended {
                        break;
                    }
                }
                if self.ended {
                    self.stats.dropped_bytes += (carry.len() - consumed) as u64;
                } else if carry.len() - consumed > max_event_bytes(policy) {
                    // An event that never ends cannot be judged: end the stream, keep nothing.
                    self.stats.cap_hits += 1;
                    self.stats.dropped_bytes += (carry.len() - consumed) as u64;
                    self.flush(policy, "", &mut out.bytes);
                    let message = format!(
                        "promptwall: a response event exceeded {} bytes and cannot be inspected",
                        max_event_bytes(policy)
                    );
                    self.end_with_error("response.event_too_large", &message, &mut out.bytes);
                } else {
                    self.carry = carry[consumed..].to_vec();
                }
            }
        }
        if end_of_stream && !self.ended {
            let rest = std::mem::take(&mut self.carry);
            if !rest.iter().all(u8::is_ascii_whitespace) {
                // An unterminated last event is still judged and sent, never passed raw.
                self.process_event(policy, &rest, b"", &mut out.bytes);
            }
            self.flush(policy, "", &mut out.bytes);
        }
        out
    }

    /// End of the next complete event in `buf` and the start of the one after it.
    fn next_boundary(&self, buf: &[u8]) -> Option<(usize, usize)> {
        match self.framing {
            Framing::Ndjson => buf.iter().position(|&b| b == b'\n').map(|i| (i, i + 1)),
            // The earliest `\n\n` or `\r\n\r\n`, in one pass over the line feeds (searching the
            // whole rest of the buffer for each separator, per event, made a chunk of many events
            // cost quadratic time). Each separator is seen at its first line feed, in order of
            // start; `\n\n` is tested first, and both cannot start at the same line feed.
            _ => memchr::memchr_iter(b'\n', buf).find_map(|i| {
                if buf.get(i + 1) == Some(&b'\n') {
                    Some((i, i + 2))
                } else if i > 0 && buf[i - 1] == b'\r' && buf.get(i + 1..i + 3) == Some(b"\r\n") {
                    Some((i - 1, i + 3))
                } else {
                    None
                }
            }),
        }
    }

    fn process_event(
        &mut self,
        policy: &dyn ResponsePolicy,
        event: &[u8],
        separator: &[u8],
        out: &mut Vec<u8>,
    ) {
        let Ok(text) = std::str::from_utf8(event) else {
            // Not text: cannot be judged, so it is not passed on.
            self.stats.dropped_bytes += event.len() as u64;
            return;
        };
        let (name, payload_range, several_data_lines) = match self.framing {
            Framing::Ndjson => (None, Some((0, text.trim_end_matches('\r').len())), false),
            _ => sse_parts(text),
        };
        let Some((p_start, p_end)) = payload_range else {
            out.extend_from_slice(event);
            out.extend_from_slice(separator);
            return;
        };
        let payload = &text[p_start..p_end];
        // An event whose JSON spans several data lines is judged as a whole text, without delta
        // tracking (these APIs do not send them; nothing in it passes unscanned).
        let info = if several_data_lines {
            EventInfo::default()
        } else {
            self.shapes
                .read(self.dialect, name, payload)
                .unwrap_or_default()
        };

        if let Some(rule) = info.tools.iter().find_map(|t| policy.denied_tool_rule(t)) {
            self.flush(policy, "", out);
            let message = policy.block_message(rule);
            self.end_with_error(rule, &message, out);
            self.stats.tool_blocked = Some(rule.to_string());
            return;
        }
        let new_fields = info
            .fields
            .iter()
            .filter(|f| !self.fields.iter().any(|x| *x.key == *f.key))
            .count();
        if self.fields.len() + new_fields > MAX_FIELDS_PER_STREAM {
            self.stats.cap_hits += 1;
            self.flush(policy, "", out);
            let message = format!(
                "promptwall: a response opened more than {MAX_FIELDS_PER_STREAM} streamed fields and cannot be inspected"
            );
            self.end_with_error("response.too_many_fields", &message, out);
            return;
        }
        // Fields that end here without text in this event send their remainder first; those with
        // text in it take their remainder along in this very event.
        for prefix in &info.flush {
            self.flush_where(policy, out, |key| {
                key.starts_with(prefix.as_str()) && !info.fields.iter().any(|f| &*f.key == key)
            });
        }
        let mut edits = std::mem::take(&mut self.edits);
        self.rewrite_payload(policy, payload, text.len(), &info, &mut edits);
        if edits.is_empty() {
            out.extend_from_slice(event);
        } else {
            // Written straight into the output: the payload with its edits, between the bytes
            // around it.
            edits.sort_by_key(|r| r.0);
            out.extend_from_slice(&text.as_bytes()[..p_start]);
            write_edited(payload, &edits, out);
            out.extend_from_slice(&text.as_bytes()[p_end..]);
            edits.clear();
        }
        self.edits = edits;
        out.extend_from_slice(separator);
        if info.terminal {
            self.fields.clear();
        }
        // Remember templates after writing. Only a field that still holds text needs one (a flush
        // of an empty redactor sends nothing), so the common event, whose text went out whole,
        // keeps none; a kept one reuses its buffers.
        for (i, f) in info.fields.iter().enumerate() {
            let Some(field) = self.fields.iter_mut().find(|x| *x.key == *f.key) else {
                continue;
            };
            if field.redactor.held() == 0 {
                field.template = None;
                continue;
            }
            let t = field.template.get_or_insert_with(Template::default);
            t.event.clear();
            t.event.push_str(text);
            t.separator.clear();
            t.separator
                .extend_from_slice(separator_or_default(self.framing, separator));
            t.value = (p_start + f.span.0, p_start + f.span.1);
            t.others.clear();
            t.others.extend(
                info.fields
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, o)| (p_start + o.span.0, p_start + o.span.1)),
            );
        }
    }

    /// The edits of the payload (unsorted): its streamed fields replaced by their safe text and
    /// any other string redacted; none when nothing changed.
    fn rewrite_payload(
        &mut self,
        policy: &dyn ResponsePolicy,
        payload: &str,
        event_len: usize,
        info: &EventInfo<'_>,
        replacements: &mut Vec<Edit>,
    ) {
        if let Some(scanner) = policy.scanner() {
            let cap = policy.max_hold_bytes();
            // One cap for the whole stream: a field may hold what the others leave, less this
            // event, which it keeps as its template while it holds anything.
            let mut kept = self.fields_footprint();
            for f in &info.fields {
                let ends_here = info.flush.iter().any(|p| f.key.starts_with(p.as_str()));
                let field = self.field(&f.key, cap, policy.replacement());
                let others = kept.saturating_sub(field.footprint());
                field
                    .redactor
                    .set_cap(cap.saturating_sub(others).saturating_sub(event_len));
                let mut emitted = field.redactor.push(scanner, &f.text);
                if ends_here {
                    let rest = field.redactor.finish(scanner);
                    emitted.text.push_str(&rest.text);
                    emitted.redacted.extend(rest.redacted);
                }
                let held = field.redactor.held();
                kept = others + held + if held > 0 { event_len } else { 0 };
                self.stats.cap_hits += u64::from(emitted.cap_hit);
                self.stats.redactions += emitted.redacted.len() as u64;
                self.stats.rules.extend(emitted.redacted);
                if emitted.text != f.text {
                    replacements.push((f.span.0, f.span.1, Literal::Text(emitted.text)));
                }
            }
            let generic = match &info.scanned {
                Some(spans) => redact_listed(payload, spans, scanner, policy.replacement()),
                None => {
                    let skip: Vec<usize> = info.fields.iter().map(|f| f.span.0).collect();
                    redact_strings(
                        payload,
                        Skip::AtAndMetadata(&skip),
                        scanner,
                        policy.replacement(),
                    )
                }
            };
            if let Some((others, rules)) = generic {
                self.stats.redactions += rules.len() as u64;
                self.stats.rules.extend(rules);
                replacements.extend(others.into_iter().map(|(s, e, j)| (s, e, Literal::Json(j))));
            }
        }
    }

    fn field(&mut self, key: &str, cap: usize, replacement: &str) -> &mut Field {
        let i = match self.fields.iter().position(|f| f.key == key) {
            Some(i) => i,
            None => {
                self.fields.push(Field {
                    key: key.to_string(),
                    redactor: Redactor::new(cap, replacement),
                    template: None,
                });
                self.fields.len() - 1
            }
        };
        &mut self.fields[i]
    }

    /// Release the held text of every field whose key starts with `prefix`, as events of its own.
    fn flush(&mut self, policy: &dyn ResponsePolicy, prefix: &str, out: &mut Vec<u8>) {
        self.flush_where(policy, out, |key| key.starts_with(prefix));
    }

    fn flush_where(
        &mut self,
        policy: &dyn ResponsePolicy,
        out: &mut Vec<u8>,
        select: impl Fn(&str) -> bool,
    ) {
        let Some(scanner) = policy.scanner() else {
            return;
        };
        for field in self.fields.iter_mut().filter(|f| select(&f.key)) {
            let emitted = field.redactor.finish(scanner);
            self.stats.redactions += emitted.redacted.len() as u64;
            self.stats.rules.extend(emitted.redacted);
            if emitted.text.is_empty() {
                continue;
            }
            match &field.template {
                Some(t) => t.render(&emitted.text, out),
                // A field is only created from an event, which leaves a template; never reached.
                None => self.stats.dropped_bytes += emitted.text.len() as u64,
            }
        }
    }

    /// End the stream with the dialect's error event (and terminator); nothing more is sent.
    fn end_with_error(&mut self, rule: &str, message: &str, out: &mut Vec<u8>) {
        let body =
            String::from_utf8_lossy(&error_body(Some(self.dialect), 403, message, rule, true))
                .into_owned();
        let event = match (self.dialect, self.framing) {
            (_, Framing::Ndjson) | (Dialect::Ollama, _) => format!("{body}\n"),
            (Dialect::OpenAiChat, _) => format!("data: {body}\n\ndata: [DONE]\n\n"),
            (Dialect::OpenAiResponses, _) => {
                let data = serde_json::json!({
                    "type": "error", "code": rule, "message": message, "param": null,
                    "error": {"type": "policy_violation", "code": rule, "message": message},
                });
                format!("event: error\ndata: {data}\n\n")
            }
            (Dialect::Anthropic, _) => format!("event: error\ndata: {body}\n\n"),
        };
        out.extend_from_slice(event.as_bytes());
        self.ended = true;
    }

    fn judge_whole(&mut self, policy: &dyn ResponsePolicy, body: &[u8], out: &mut Output) {
        let Ok(text) = std::str::from_utf8(body) else {
            out.bytes = body.to_vec();
            return;
        };
        let denied = if policy.may_deny_tools() {
            response_tool_calls(self.dialect, text)
                .iter()
                .find_map(|t| policy.denied_tool_rule(t))
        } else {
            None
        };
        if let Some(rule) = denied {
            self.stats.tool_blocked = Some(rule.to_string());
            let message = policy.block_message(rule);
            out.replace = Some(Replace {
                status: 403,
                body: error_body(Some(self.dialect), 403, &message, rule, true),
            });
            return;
        }
        let redacted = policy
            .scanner()
            .and_then(|s| redact_strings(text, Skip::At(&[]), s, policy.replacement()));
        out.bytes = match redacted {
            Some((replacements, rules)) => {
                self.stats.redactions += rules.len() as u64;
                self.stats.rules.extend(rules);
                rebuild(text, &replacements).into_bytes()
            }
            None => body.to_vec(),
        };
    }
}

/// The longest incomplete event a stream may carry before it is refused.
fn max_event_bytes(policy: &dyn ResponsePolicy) -> usize {
    policy.max_hold_bytes().saturating_mul(4).max(256 * 1024)
}

fn separator_or_default(framing: Framing, separator: &[u8]) -> &[u8] {
    match (separator.is_empty(), framing) {
        (false, _) => separator,
        (true, Framing::Ndjson) => b"\n",
        (true, _) => b"\n\n",
    }
}

/// A new string literal for a span of a payload.
#[derive(Debug)]
enum Literal {
    /// Already JSON.
    Json(String),
    /// Text, written as a JSON string.
    Text(String),
}

/// A span of a payload and what replaces it.
type Edit = (usize, usize, Literal);

/// What `rebuild` returns, with text literals encoded as they are written, at the end of `out`.
fn write_edited(payload: &str, edits: &[Edit], out: &mut Vec<u8>) {
    let mut cursor = 0;
    for (start, end, literal) in edits {
        if *start < cursor || *end > payload.len() {
            continue;
        }
        out.extend_from_slice(&payload.as_bytes()[cursor..*start]);
        match literal {
            Literal::Json(json) => out.extend_from_slice(json.as_bytes()),
            Literal::Text(text) => encode_into(text, out),
        }
        cursor = *end;
    }
    out.extend_from_slice(&payload.as_bytes()[cursor..]);
}

/// `payload` with each (start, end, text) replaced; replacements sorted and non-overlapping.
pub(crate) fn rebuild(payload: &str, replacements: &[Replacement]) -> String {
    let mut out = String::with_capacity(payload.len() + 16);
    let mut cursor = 0;
    for (start, end, text) in replacements {
        if *start < cursor || *end > payload.len() {
            continue;
        }
        out.push_str(&payload[cursor..*start]);
        out.push_str(text);
        cursor = *end;
    }
    out.push_str(&payload[cursor..]);
    out
}

/// The `event:` name and the byte range of the `data:` payload of an SSE event; with several
/// data lines, the whole event is the payload (and the flag says so).
fn sse_parts(event: &str) -> (Option<&str>, Option<(usize, usize)>, bool) {
    let mut name = None;
    let mut payload = None;
    let mut data_lines = 0;
    let mut offset = 0;
    // The lines `event.split('\n')` gives, their ends found with memchr.
    let ends = memchr::memchr_iter(b'\n', event.as_bytes()).chain(std::iter::once(event.len()));
    for end in ends {
        let line = event.get(offset..end).unwrap_or("");
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

#[cfg(test)]
mod tests;
