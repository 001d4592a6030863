//! String literals inside a JSON text: find them, and rewrite the ones that hold secrets, leaving
//! every other byte as it was.

use std::borrow::Cow;

use super::{Span, TextScanner};

/// Byte spans (quotes included) of the string literals that are values, not object keys.
pub fn value_string_spans(json: &str) -> Vec<(usize, usize)> {
    let bytes = json.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        let end = (i + 1).min(bytes.len());
        i = end;
        // A key is followed (after white space) by a colon.
        let mut j = end;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) != Some(&b':') {
            spans.push((start, end));
        }
    }
    spans
}

/// Decode a string literal (quotes included).
pub fn decode(literal: &str) -> Option<Cow<'_, str>> {
    serde_json::from_str::<Cow<str>>(literal).ok()
}

/// A JSON string literal for `text`.
pub fn encode(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
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

/// Redact every value string of `json` except those starting at an offset in `skip`. Returns the
/// replacements (sorted) and the rules that fired, or `None` when nothing changed.
pub fn redact_strings(
    json: &str,
    skip: &[usize],
    scanner: &dyn TextScanner,
    replacement: &str,
) -> Option<(Vec<Replacement>, Vec<String>)> {
    // Only value strings are scanned, each on its own: numbers such as an event's `created`
    // timestamp would otherwise wake the digit rules on every streamed event.
    let mut out = Vec::new();
    let mut rules = Vec::new();
    for (start, end) in value_string_spans(json) {
        if skip.contains(&start) {
            continue;
        }
        let literal = &json[start..end];
        // Too short to hold any secret or PII value ("", "assistant", "stop").
        if literal.len() < 8 {
            continue;
        }
        let Some(text) = decode(literal) else {
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

    #[test]
    fn finds_value_strings_not_keys() {
        let json = r#"{"a": "x\"y", "b": ["c", 1], "d" : {"e":"f"}}"#;
        let values: Vec<&str> = value_string_spans(json)
            .into_iter()
            .map(|(s, e)| &json[s..e])
            .collect();
        assert_eq!(values, [r#""x\"y""#, r#""c""#, r#""f""#]);
    }

    #[test]
    fn redacts_escaped_and_plain_strings_keeping_other_bytes() {
        let s = TestScanner::new();
        let json = r#"{"id":"x", "text": "mail bob@example.com", "n": 1.50, "esc": "k\u0065y sk-live-aaaaaaaaaaaaaaaaaaaaaa"}"#;
        let (replacements, rules) = redact_strings(json, &[], &s, "[R:{rule}]").unwrap();
        let out = crate::stream::guard::rebuild(json, &replacements);
        assert_eq!(
            out,
            r#"{"id":"x", "text": "mail [R:test.email]", "n": 1.50, "esc": "key [R:test.key]"}"#
        );
        assert_eq!(rules, ["test.email", "test.key"]);
        assert!(redact_strings(r#"{"a":"plain"}"#, &[], &s, "[R]").is_none());
    }
}
