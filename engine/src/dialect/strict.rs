//! What serde_json lets through but another JSON parser would read differently: checked once over
//! the whole body, before any dialect parser runs.
//!
//! serde_json refuses comments, a BOM, non-standard numbers and trailing bytes wherever they sit,
//! and lone surrogates and duplicate fields in what promptwall reads. It does not check fields it
//! skips: there a lone surrogate escape (`"\ud800"`) is decoded by the upstream's parser in one of
//! several ways (replaced, kept as WTF-16, refused), and nesting has no bound. Both are refused here.

use super::ParseError;

/// Deeper than any real request (tool parameter schemas nest a dozen levels) and below
/// serde_json's own recursion limit, so this message, not serde's, names the cause.
pub(crate) const MAX_NESTING: usize = 100;

/// Refuse lone surrogate escapes and nesting past `MAX_NESTING`, anywhere in `text`.
///
/// The scan only tracks strings, escapes and brackets; the dialect parser still checks the rest of
/// the syntax, so a body this accepts may yet be refused there.
pub(crate) fn check(text: &str) -> Result<(), ParseError> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    // A high surrogate escape just read, waiting for its low half.
    let mut pending_high = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if !in_string {
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Err(ParseError(format!(
                            "JSON nested deeper than {MAX_NESTING} levels"
                        )));
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            i += 1;
            continue;
        }
        if !pending_high && b != b'\\' && b != b'"' {
            // Inside a string only quotes and escapes matter: skip to the next one.
            let rest = bytes.get(i..).unwrap_or_default();
            i += memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
            continue;
        }
        match b {
            b'\\' => {
                let escaped = bytes.get(i + 1).copied();
                if escaped == Some(b'u') {
                    let unit = bytes
                        .get(i + 2..i + 6)
                        .and_then(|h| std::str::from_utf8(h).ok())
                        .and_then(|h| u16::from_str_radix(h, 16).ok());
                    match unit {
                        Some(0xD800..=0xDBFF) if !pending_high => pending_high = true,
                        Some(0xDC00..=0xDFFF) if pending_high => pending_high = false,
                        Some(0xD800..=0xDFFF) => return Err(lone_surrogate()),
                        _ if pending_high => return Err(lone_surrogate()),
                        // Not four hex digits: the dialect parser refuses the escape itself.
                        _ => {}
                    }
                    i += 6;
                } else {
                    if pending_high {
                        return Err(lone_surrogate());
                    }
                    i += 2;
                }
            }
            _ if pending_high => return Err(lone_surrogate()),
            b'"' => {
                in_string = false;
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(())
}

fn lone_surrogate() -> ParseError {
    ParseError("a string holds a lone UTF-16 surrogate escape (\\uD800-\\uDFFF)".to_string())
}
