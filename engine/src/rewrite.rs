//! Surgical edits of a JSON body: everything not edited stays byte-for-byte as the client sent it.

/// Replace the array at `array` with one holding only the `kept` element spans, in order.
pub fn rebuild_array(
    body: &[u8],
    array: (usize, usize),
    kept: &[(usize, usize)],
) -> Option<Vec<u8>> {
    let (start, end) = array;
    if start > end || end > body.len() {
        return None;
    }
    let mut out = Vec::with_capacity(body.len());
    out.extend_from_slice(&body[..start]);
    out.push(b'[');
    for (i, &(s, e)) in kept.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(body.get(s..e)?);
    }
    out.push(b']');
    out.extend_from_slice(&body[end..]);
    Some(out)
}

/// Remove whole object members (`"key": value` and one separating comma), given their value spans.
/// `None` when a member's key cannot be located unambiguously: the caller must not guess.
pub fn remove_members(body: &[u8], value_spans: &[(usize, usize)]) -> Option<Vec<u8>> {
    let mut spans = value_spans.to_vec();
    // Last first, so earlier offsets stay valid while editing.
    spans.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = body.to_vec();
    for (start, end) in spans {
        let (from, to) = member_extent(&out, start, end)?;
        out.drain(from..to);
    }
    Some(out)
}

/// The byte range to delete for the member whose value spans `start..end`.
fn member_extent(body: &[u8], start: usize, end: usize) -> Option<(usize, usize)> {
    let is_ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let back = |mut i: usize| {
        while i > 0 && is_ws(body[i - 1]) {
            i -= 1;
        }
        i
    };
    let colon = back(start).checked_sub(1)?;
    if body.get(colon) != Some(&b':') {
        return None;
    }
    let key_end = back(colon).checked_sub(1)?;
    if body.get(key_end) != Some(&b'"') {
        return None;
    }
    // The key's opening quote: the nearest unescaped quote before its closing one.
    let mut key_start = key_end.checked_sub(1)?;
    loop {
        if body[key_start] == b'"' && !escaped(body, key_start) {
            break;
        }
        key_start = key_start.checked_sub(1)?;
    }
    let before = back(key_start).checked_sub(1)?;
    match body.get(before)? {
        b',' => Some((before, end)),
        b'{' => {
            // First member: take the comma after it instead (if any) and the space up to the next.
            let mut to = end;
            while to < body.len() && is_ws(body[to]) {
                to += 1;
            }
            if body.get(to) == Some(&b',') {
                to += 1;
                while to < body.len() && is_ws(body[to]) {
                    to += 1;
                }
            }
            Some((key_start, to))
        }
        _ => None,
    }
}

fn escaped(body: &[u8], quote: usize) -> bool {
    let mut n = 0;
    let mut i = quote;
    while i > 0 && body[i - 1] == b'\\' {
        n += 1;
        i -= 1;
    }
    n % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(body: &str, needle: &str) -> (usize, usize) {
        let s = body.find(needle).unwrap();
        (s, s + needle.len())
    }

    #[test]
    fn rebuilds_an_array_keeping_element_bytes() {
        let body = r#"{"a":1,"tools":[ {"x":1} , {"y":2}, {"z":3} ],"b":2}"#;
        let arr = span(body, r#"[ {"x":1} , {"y":2}, {"z":3} ]"#);
        let out = rebuild_array(
            body.as_bytes(),
            arr,
            &[span(body, r#"{"x":1}"#), span(body, r#"{"z":3}"#)],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a":1,"tools":[{"x":1},{"z":3}],"b":2}"#
        );
    }

    #[test]
    fn removes_middle_last_and_first_members() {
        let body = r#"{"model":"m", "tools": [1], "tool_choice" : "auto", "n":1}"#;
        let out = remove_members(
            body.as_bytes(),
            &[span(body, "[1]"), span(body, r#""auto""#)],
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"model":"m", "n":1}"#);
        let body = r#"{"tools":[1],"model":"m"}"#;
        let out = remove_members(body.as_bytes(), &[span(body, "[1]")]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"model":"m"}"#);
        let body = r#"{"model":"m","tools":[1]}"#;
        let out = remove_members(body.as_bytes(), &[span(body, "[1]")]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"model":"m"}"#);
    }

    #[test]
    fn escaped_keys_are_handled_and_odd_shapes_refused() {
        let body = r#"{"m":"a\"b","to\"ols":[1]}"#;
        let out = remove_members(body.as_bytes(), &[span(body, "[1]")]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"m":"a\"b"}"#);
        assert!(remove_members(b"[1]", &[(0, 3)]).is_none());
    }
}
