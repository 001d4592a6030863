//! The streaming redactor with the real response scanner, over arbitrary text split arbitrarily.
//!
//! Input layout: byte 0 picks the hold cap (the policy's, or a small one from 64 bytes up so the
//! cap is reached), bytes 1..=N (N from byte 1) are delta sizes used cyclically; the rest is text.
//!
//! Invariants:
//! - split = whole: when the cap was not hit, the output equals that of the text pushed whole;
//! - no leak: for every match of the scanner on the unsplit text, no 8-byte piece of the matched
//!   text appears in the streamed output unless it also appears in the unsplit text redacted in
//!   one piece (i.e. elsewhere in the input, or inside a replacement) — checked when the cap was
//!   not hit (past the cap the redactor releases held text by design);
//! - memory: after each push, `held()` is at most the cap plus that delta.
#![no_main]

use libfuzzer_sys::fuzz_target;
use promptwall_engine::stream::json_text::redact_text;
use promptwall_engine::stream::redactor::Redactor;
use promptwall_engine::stream::ResponsePolicy;
use promptwall_engine::Policy;
use std::collections::HashSet;
use std::sync::OnceLock;

static POLICY: OnceLock<Option<Policy>> = OnceLock::new();

fn pieces(s: &[u8]) -> HashSet<&[u8]> {
    s.windows(8).collect()
}

fuzz_target!(|data: &[u8]| {
    let Some(policy) = POLICY.get_or_init(|| Policy::builtin_default().ok()) else {
        panic!("the built-in policy does not load");
    };
    let Some(scanner) = policy.scanner() else {
        panic!("the built-in policy has no response scanner");
    };
    let (&[cap_byte, n], rest) = data.split_at(data.len().min(2)) else {
        return;
    };
    let cap = if cap_byte < 128 {
        policy.max_hold_bytes()
    } else {
        64 + usize::from(cap_byte - 128) * 8
    };
    let n = usize::from(n % 16).min(rest.len());
    let (sizes, text) = rest.split_at(n);
    let sizes: Vec<usize> = sizes.iter().map(|&b| usize::from(b) + 1).collect();
    let text = String::from_utf8_lossy(text);
    let text = text.as_ref();

    let mut r = Redactor::new(cap, policy.replacement());
    let effective_cap = cap.max(64);
    let mut out = String::new();
    let mut cap_hit = false;
    let mut at = 0;
    let mut i = 0;
    while at < text.len() {
        let size = sizes
            .get(i % sizes.len().max(1))
            .copied()
            .unwrap_or(text.len());
        let mut end = (at + size).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let delta = &text[at..end];
        let e = r.push(scanner, delta);
        cap_hit |= e.cap_hit;
        out.push_str(&e.text);
        assert!(
            r.held() <= effective_cap + delta.len(),
            "held {} bytes with cap {effective_cap} after a {}-byte delta",
            r.held(),
            delta.len()
        );
        at = end;
        i += 1;
    }
    let e = r.finish(scanner);
    cap_hit |= e.cap_hit;
    out.push_str(&e.text);
    assert_eq!(r.held(), 0, "text still held after finish");

    if cap_hit {
        return;
    }
    // Split invariance: the client sees exactly what the same text pushed whole gives.
    let mut one = Redactor::new(cap, policy.replacement());
    let first = one.push(scanner, text);
    let last = one.finish(scanner);
    if !(first.cap_hit || last.cap_hit) {
        assert_eq!(
            out,
            first.text + &last.text,
            "split {sizes:?} differs from whole"
        );
    }
    let matches = scanner.find(text);
    let whole = redact_text(text, &matches, policy.replacement());
    let allowed = pieces(whole.as_bytes());
    let streamed = pieces(out.as_bytes());
    for m in &matches {
        let secret = &text.as_bytes()[m.start..m.end];
        for p in secret.windows(8) {
            assert!(
                !streamed.contains(p) || allowed.contains(p),
                "rule {} match {}..{} leaked piece {:?} (sizes {sizes:?})\nout: {out:?}",
                m.rule,
                m.start,
                m.end,
                String::from_utf8_lossy(p)
            );
        }
    }
});
