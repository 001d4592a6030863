//! String literals inside a JSON text: find them, and rewrite the ones that hold secrets, leaving
//! every other byte as it was.

use std::borrow::Cow;

use super::{Span, TextScanner};

/// Byte spans (quotes included) of the string literals that are values, not object keys.
pub fn value_string_spans(json: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for_each_value_string(json, |(s, e, _)| spans.push((s, e)));
    spans
}

/// A value string's span and, for a member's value, its key's span (quotes included).
type ValueString = (usize, usize, Option<(usize, usize)>);

/// Call `visit` with each value string of `json`, in order, with the span of its object key when
/// it is a member's value (not an array element). The bytes between literals are skipped with
/// memchr (a byte loop over every event's payload cost more than the rest of the generic
/// redaction).
fn for_each_value_string(json: &str, mut visit: impl FnMut(ValueString)) {
    let bytes = json.as_bytes();
    let rest = |i: usize| bytes.get(i..).unwrap_or_default();
    // Where the value of the last key starts (after its colon and white space), and the key.
    let mut member: Option<(usize, (usize, usize))> = None;
    let mut i = 0;
    while let Some(q) = memchr::memchr(b'"', rest(i)) {
        let start = i + q;
        i = start + 1;
        // To the closing quote; a backslash escapes the byte after it. An unterminated literal
        // runs to the end of the text.
        let end = loop {
            match memchr::memchr2(b'"', b'\\', rest(i)) {
                None => break bytes.len(),
                Some(k) if bytes[i + k] == b'\\' => i += k + 2,
                Some(k) => break i + k + 1,
            }
        };
        i = end;
        // A key is followed (after white space) by a colon.
        let mut j = end;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) != Some(&b':') {
            let key = member.filter(|m| m.0 == start).map(|m| m.1);
            visit((start, end, key));
        } else {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            member = Some((j, (start, end)));
        }
    }
}

/// Members of streamed events that carry protocol metadata, never model text: identifiers, model
/// names, object and event types, roles, finish reasons. Their values are not scanned in events.
/// (A `match`, so that the check is a length switch and at most one comparison per string.)
fn is_metadata_key(key: &str) -> bool {
    matches!(
        key,
        "\"id\""
            | "\"object\""
            | "\"model\""
            | "\"system_fingerprint\""
            | "\"service_tier\""
            | "\"finish_reason\""
            | "\"stop_reason\""
            | "\"role\""
            | "\"type\""
            | "\"created_at\""
            | "\"done_reason\""
            | "\"status\""
    )
}

/// Decode a string literal (quotes included).
pub fn decode(literal: &str) -> Option<Cow<'_, str>> {
    // Most streamed deltas hold no escape: such a literal is its own text (JSON forbids only
    // quotes, backslashes and control characters unescaped), read without the parser.
    if let Some(inner) = literal
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .filter(|inner| !inner.bytes().any(needs_escape))
    {
        return Some(Cow::Borrowed(inner));
    }
    serde_json::from_str::<Cow<str>>(literal).ok()
}

/// Bytes a JSON string literal must escape: the quote, the backslash and control characters.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// A JSON string literal for `text`.
pub fn encode(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 2);
    encode_into(text, &mut out);
    // `encode_into` writes text or serde_json's output: UTF-8 either way.
    String::from_utf8(out).unwrap_or_else(|_| "\"\"".to_string())
}

/// `encode(text)`, written at the end of `out`.
pub fn encode_into(text: &str, out: &mut Vec<u8>) {
    if !text.bytes().any(needs_escape) {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
        return;
    }
    let mark = out.len();
    if serde_json::to_writer(&mut *out, text).is_err() {
        out.truncate(mark);
        out.extend_from_slice(b"\"\"");
    }
}

/// Replace matches in `text` with the replacement, naming each rule.
pub fn redact_text(text: &str, matches: &[Span], replacement: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for m in matches {
        if m.start < cursor || m.end > text.len() {
            continue;
        }
        out.push_str(&text[cursor..m.start]);
        out.push_str(&replacement.replace("{rule}", &m.rule));
        cursor = m.end;
    }
    out.push_str(&text[cursor..]);
    out
}

/// A replacement of `json[start..end]` by a new text.
pub type Replacement = (usize, usize, String);

/// Which value strings `redact_strings` leaves alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip<'a> {
    /// Those starting at these offsets.
    At(&'a [usize]),
    /// Those starting at these offsets, and the values of metadata members (`is_metadata_key`):
    /// for streamed events, whose text fields are judged by their own redactors.
    AtAndMetadata(&'a [usize]),
}

/// Redact every value string of `json` except those `skip` names. Returns the replacements
/// (sorted) and the rules that fired, or `None` when nothing changed.
pub fn redact_strings(
    json: &str,
    skip: Skip<'_>,
    scanner: &dyn TextScanner,
    replacement: &str,
) -> Option<(Vec<Replacement>, Vec<String>)> {
    // Only value strings are scanned, each on its own: numbers such as an event's `created`
    // timestamp would otherwise wake the digit rules on every streamed event.
    redact_listed(json, &scanned_strings(json, skip), scanner, replacement)
}

/// The value strings `redact_strings` scans (each not skipped, long enough, not metadata), in
/// order. A pure function of the bytes: a stream reading events of one shape keeps this list.
pub fn scanned_strings(json: &str, skip: Skip<'_>) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let (offsets, metadata) = match skip {
        Skip::At(o) => (o, false),
        Skip::AtAndMetadata(o) => (o, true),
    };
    for_each_value_string(json, |(start, end, key)| {
        if offsets.contains(&start) {
            return;
        }
        // Too short to hold any secret or PII value ("", "assistant", "stop").
        if end - start < 8 {
            return;
        }
        if metadata && key.is_some_and(|(ks, ke)| is_metadata_key(json.get(ks..ke).unwrap_or(""))) {
            return;
        }
        spans.push((start, end));
    });
    spans
}

/// Redact the value strings at `spans` (sorted, as `scanned_strings` lists them): the
/// replacements and the rules that fired, or `None` when nothing changed.
pub fn redact_listed(
    json: &str,
    spans: &[(usize, usize)],
    scanner: &dyn TextScanner,
    replacement: &str,
) -> Option<(Vec<Replacement>, Vec<String>)> {
    let mut out = Vec::new();
    let mut rules = Vec::new();
    for &(start, end) in spans {
        let Some(text) = json.get(start..end).and_then(decode) else {
            continue;
        };
        let matches = scanner.find(&text);
        if matches.is_empty() {
            continue;
        }
        rules.extend(matches.iter().map(|m| m.rule.clone()));
        out.push((
            start,
            end,
            encode(&redact_text(&text, &matches, replacement)),
        ));
    }
    if rules.is_empty() {
        return None;
    }
    Some((out, rules))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::testing::TestScanner;

    /// The literals read and written without serde_json are the ones it reads and writes:
    /// random strings of plain text, quotes, backslashes, escapes, control and wide characters.
    #[test]
    fn plain_literals_decode_and_encode_as_serde_json_does() {
        const PIECES: &[&str] = &[
            "a",
            "Hello ",
            "é",
            "日本",
            "😀",
            "\"",
            "\\",
            "\\n",
            "\\u00e9",
            "\\ud83d\\ude00",
            "\n",
            "\t",
            "\u{1}",
            "\u{1f}",
            "\u{7f}",
            " ",
            "/",
            "\\/",
            "\\x",
            "\\",
        ];
        let mut rng = crate::test_rng::TestRng::new(0x9E37_79B9_7F4A_7C15);
        for _ in 0..5000 {
            let count = rng.below(6);
            let inner = rng.join(PIECES, count);
            let quoted = rng.below(8) != 0;
            let literal = if quoted {
                format!("\"{inner}\"")
            } else {
                format!("\"{inner}")
            };
            let want = serde_json::from_str::<Cow<str>>(&literal).ok();
            assert_eq!(decode(&literal), want, "{literal:?}");
            let want = serde_json::to_string(&inner).unwrap_or_default();
            assert_eq!(encode(&inner), want, "{inner:?}");
            let mut into = b"x".to_vec();
            encode_into(&inner, &mut into);
            assert_eq!(into, [b"x", want.as_bytes()].concat(), "{inner:?}");
        }
    }

    #[test]
    fn finds_value_strings_not_keys() {
        let json = r#"{"a": "x\"y", "b": ["c", 1], "d" : {"e":"f"}}"#;
        let values: Vec<&str> = value_string_spans(json)
            .into_iter()
            .map(|(s, e)| &json[s..e])
            .collect();
        assert_eq!(values, [r#""x\"y""#, r#""c""#, r#""f""#]);
        // Escaped backslashes before a quote, and literals cut off by the end of the text.
        let json = r#"["a\\", "b\\\"c", "open"#;
        let values: Vec<&str> = value_string_spans(json)
            .into_iter()
            .map(|(s, e)| &json[s..e])
            .collect();
        assert_eq!(values, [r#""a\\""#, r#""b\\\"c""#, r#""open"#]);
        assert_eq!(value_string_spans(r#"["x\"#), [(1, 4)]);
    }

    #[test]
    fn redacts_escaped_and_plain_strings_keeping_other_bytes() {
        let s = TestScanner::new();
        let json = r#"{"id":"x", "text": "mail bob@example.com", "n": 1.50, "esc": "k\u0065y sk-live-aaaaaaaaaaaaaaaaaaaaaa"}"#;
        let (replacements, rules) = redact_strings(json, Skip::At(&[]), &s, "[R:{rule}]").unwrap();
        let out = crate::stream::guard::rebuild(json, &replacements);
        assert_eq!(
            out,
            r#"{"id":"x", "text": "mail [R:test.email]", "n": 1.50, "esc": "key [R:test.key]"}"#
        );
        assert_eq!(rules, ["test.email", "test.key"]);
        assert!(redact_strings(r#"{"a":"plain"}"#, Skip::At(&[]), &s, "[R]").is_none());
    }

    #[test]
    fn event_metadata_members_are_not_scanned_but_everything_else_is() {
        let s = TestScanner::new();
        let json = r#"{"id" : "bob@example.com", "model":"bob@example.com", "x": {"type": "bob@example.com"}, "ids": ["bob@example.com"], "note": "bob@example.com", "id2": "bob@example.com"}"#;
        let (all, _) = redact_strings(json, Skip::At(&[]), &s, "[R]").unwrap();
        assert_eq!(all.len(), 6);
        let (some, _) = redact_strings(json, Skip::AtAndMetadata(&[]), &s, "[R]").unwrap();
        let kept: Vec<&str> = some.iter().map(|r| &json[r.0..r.1]).collect();
        assert_eq!(kept.len(), 3);
        let out = crate::stream::guard::rebuild(json, &some);
        assert_eq!(
            out,
            r#"{"id" : "bob@example.com", "model":"bob@example.com", "x": {"type": "bob@example.com"}, "ids": ["[R]"], "note": "[R]", "id2": "[R]"}"#
        );
    }
}
