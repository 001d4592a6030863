//! Where in a policy document a parse error is: the JSON pointer (RFC 6901) of the value, or
//! object key, at the position serde_json reports.
//!
//! serde_json names a line and column; a pointer is what a user can act on. Walking the text
//! up to that position once, after the error, costs nothing on the success path and keeps the
//! path-tracking deserializer wrappers (which doubled every `Deserialize` instantiation, ~65 KB
//! of the wasm module) out of the build.

use super::pointer_of_key;

/// The pointer of what `error` (from deserializing `text`) points at; "" for the root.
pub(crate) fn pointer_of_error(text: &[u8], error: &serde_json::Error) -> String {
    pointer_at(text, offset_of(text, error.line(), error.column()))
}

/// Byte offset of serde_json's 1-based line and column (the column counts the bytes of that
/// line read so far, so it names the last byte read).
fn offset_of(text: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// A container being read, and where inside it the reader is.
enum Open {
    /// The key of the member being read (`None` before the first key and after a comma).
    Object(Option<String>),
    /// The index of the element being read.
    Array(usize),
}

fn path_of(open: &[Open]) -> String {
    let mut out = String::new();
    for level in open {
        match level {
            Open::Object(Some(key)) => {
                out.push('/');
                out.push_str(&pointer_of_key(key));
            }
            Open::Object(None) => {}
            Open::Array(index) => {
                out.push('/');
                out.push_str(&index.to_string());
            }
        }
    }
    out
}

/// The pointer of the innermost value or key whose text holds byte `at`. The text up to `at`
/// is valid JSON (the parser got that far), so the walk needs no error handling of its own.
fn pointer_at(text: &[u8], at: usize) -> String {
    let mut open: Vec<Open> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let byte = text[i];
        match byte {
            b'{' | b'[' => {
                if i >= at {
                    return path_of(&open);
                }
                open.push(if byte == b'{' {
                    Open::Object(None)
                } else {
                    Open::Array(0)
                });
                i += 1;
            }
            b'}' | b']' => {
                open.pop();
                if i >= at {
                    // The closing bracket belongs to the container's own value.
                    return path_of(&open);
                }
                i += 1;
            }
            b',' => {
                match open.last_mut() {
                    Some(Open::Object(key)) => *key = None,
                    Some(Open::Array(index)) => *index += 1,
                    None => {}
                }
                i += 1;
            }
            b'"' => {
                let end = string_end(text, i);
                if let Some(Open::Object(key @ None)) = open.last_mut() {
                    // A key: what follows is its value.
                    *key = Some(serde_json::from_slice(&text[i..end]).unwrap_or_default());
                }
                if end > at {
                    return path_of(&open);
                }
                i = end;
            }
            _ if byte.is_ascii_whitespace() || byte == b':' => i += 1,
            _ => {
                // A number or a literal: up to the next delimiter.
                let end = text[i..]
                    .iter()
                    .position(|b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
                    .map_or(text.len(), |n| i + n);
                if end > at {
                    return path_of(&open);
                }
                i = end;
            }
        }
    }
    path_of(&open)
}

/// One past the closing quote of the string opening at `start` (or the end of the text).
fn string_end(text: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> String {
        let offset = text.find(needle).unwrap();
        pointer_at(text.as_bytes(), offset)
    }

    #[test]
    fn names_values_keys_and_elements() {
        let doc = r#"{"a":{"b":[1,{"c":"x"},true]},"d/e~":null}"#;
        assert_eq!(at(doc, "1,"), "/a/b/0");
        assert_eq!(at(doc, "\"x\""), "/a/b/1/c");
        assert_eq!(at(doc, "\"c\""), "/a/b/1/c");
        assert_eq!(at(doc, "true"), "/a/b/2");
        assert_eq!(at(doc, "null"), "/d~1e~0");
        assert_eq!(at(doc, "\"b\""), "/a/b");
        // A container's brackets are the container's.
        assert_eq!(at(doc, "[1"), "/a/b");
        assert_eq!(at(doc, "]}"), "/a/b");
        assert_eq!(at(doc, "{\"b\""), "/a");
        assert_eq!(pointer_at(doc.as_bytes(), 0), "");
        assert_eq!(pointer_at(doc.as_bytes(), doc.len() - 1), "");
    }

    #[test]
    fn escaped_quotes_do_not_end_a_string() {
        let doc = r#"{"a\"b":["x\"],", 7]}"#;
        assert_eq!(at(doc, "7"), "/a\"b/1");
    }

    #[test]
    fn serde_positions_map_to_the_failing_value() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Doc {
            list: Vec<u8>,
            #[serde(default)]
            inner: Option<Box<Doc>>,
        }
        let pointer = |text: &str| {
            let e = serde_json::from_str::<Doc>(text).unwrap_err();
            pointer_of_error(text.as_bytes(), &e)
        };
        assert_eq!(pointer(r#"{"list":[1,"two"]}"#), "/list/1");
        assert_eq!(
            pointer("{\n  \"list\": [],\n  \"inner\": {\"list\": [300]}\n}"),
            "/inner/list/0"
        );
        assert_eq!(pointer(r#"{"list":[],"lsit":1}"#), "/lsit");
        assert_eq!(pointer(r#"{"list":[],"inner":{}}"#), "/inner");
    }
}
