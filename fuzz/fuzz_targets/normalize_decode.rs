//! The normaliser (`fold`, `fold_into_signals`, `original_offsets`) and the bounded decoders.
//!
//! Invariants: no panic; the folded view has at most as many characters as the text; every
//! folded offset maps back to a char boundary of the text; decoders and readings stay within
//! their budget and payload cap, and report ranges that are char-boundary slices of the scanned
//! text. Time is bounded by libFuzzer's `-timeout` (scripts/fuzz.sh sets it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use promptwall_engine::detect::decode::{
    char_codes, decode_payloads, escaped_text, letter_ciphers, named_ciphers, opaque_token,
    reads_as_text, shifted_letters, Ciphers, Decoded, MAX_PAYLOADS,
};
use promptwall_engine::detect::normalize::{fold, fold_into_signals, original_offsets, Signals};

fn check_ranges(text: &str, found: &[Decoded], what: &str) {
    for d in found {
        assert!(
            d.start <= d.end && text.get(d.start..d.end).is_some(),
            "{what}: {} payload at {}..{} is not a slice of a {}-byte text",
            d.kind,
            d.start,
            d.end,
            text.len()
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let (budget_byte, rest) = data.split_first().map_or((0, data), |(b, r)| (*b, r));
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();

    // Normaliser.
    let folded = fold(text);
    assert!(
        folded.chars().count() <= text.chars().count(),
        "fold grew the character count"
    );
    let mut again = String::new();
    let mut sig = Signals::default();
    fold_into_signals(text, &mut again, &mut sig);
    assert_eq!(again, folded, "fold and fold_into_signals disagree");
    for s in [
        sig.tag_chars,
        sig.controls,
        sig.bidi_overrides,
        sig.invisible_in_word,
        sig.invisible_runs,
        sig.mixed_script_words,
    ] {
        assert!(
            s.count == 0 || s.at <= folded.len(),
            "signal past the folded view"
        );
    }
    // Mapping back every folded offset (one pass): monotone, in range, on char boundaries.
    let wanted: Vec<usize> = (0..=folded.len()).collect();
    let mapped = original_offsets(text, &wanted);
    assert_eq!(
        mapped.len(),
        wanted.len(),
        "one original offset per folded offset"
    );
    let mut prev = 0;
    for (off, &o) in wanted.iter().zip(&mapped) {
        assert!(
            o <= text.len(),
            "original_offsets: {off} -> {o} past the text"
        );
        assert!(
            text.is_char_boundary(o),
            "original_offsets: {off} -> {o} not a char boundary"
        );
        assert!(o >= prev, "original_offsets is not monotone at {off}");
        prev = o;
    }

    // Decoders, with a budget chosen by the input (0..=64 KiB) so the caps are reached.
    let start_budget = usize::from(budget_byte) * 256;
    let mut budget = start_budget;
    let mut found = Vec::new();
    decode_payloads(text, &mut budget, &mut found);
    assert!(found.len() <= MAX_PAYLOADS, "{} payloads", found.len());
    let spent: usize = found.iter().map(|d| d.text.len()).sum();
    assert!(
        spent <= start_budget,
        "decoded {spent} bytes on a budget of {start_budget}"
    );
    assert!(budget <= start_budget - spent, "budget not charged");
    check_ranges(text, &found, "decode_payloads");
    // Recursion as the detector does it (depth 2): still within what is left of the budget.
    let mut inner = Vec::new();
    for d in &found {
        let before = budget;
        let mut nested = Vec::new();
        decode_payloads(&d.text, &mut budget, &mut nested);
        let used: usize = nested.iter().map(|n| n.text.len()).sum();
        assert!(used <= before, "nested decode over budget");
        check_ranges(&d.text, &nested, "nested decode_payloads");
        inner.extend(nested);
    }

    let mut ciphers = Vec::new();
    let mut cipher_budget = start_budget;
    let named = named_ciphers(&folded);
    letter_ciphers(
        text,
        Ciphers {
            rot13: true,
            atbash: true,
            shift: true,
        },
        &mut cipher_budget,
        &mut ciphers,
    );
    let spent: usize = ciphers.iter().map(|d| d.text.len()).sum();
    assert!(
        spent <= start_budget,
        "ciphers decoded {spent} on {start_budget}"
    );
    assert!(ciphers.len() <= 2);
    check_ranges(text, &ciphers, "letter_ciphers");
    let _ = named;

    // The readings asked for when a text asks to decode: shifted or reversed lines, character
    // codes, escapes. Each stays within its budget and reports slices of the text.
    let mut readings = Vec::new();
    let mut reading_budget = start_budget;
    shifted_letters(text, &mut reading_budget, &mut readings);
    char_codes(text, &mut reading_budget, &mut readings);
    escaped_text(text, &mut reading_budget, &mut readings);
    let spent: usize = readings.iter().map(|d| d.text.len()).sum();
    assert!(
        spent <= start_budget,
        "readings decoded {spent} on {start_budget}"
    );
    assert!(
        reading_budget <= start_budget - spent,
        "reading budget not charged"
    );
    check_ranges(text, &readings, "readings");

    if let Some((s, e)) = opaque_token(text) {
        assert!(
            s <= e && text.get(s..e).is_some(),
            "opaque_token {s}..{e} not a slice"
        );
    }
    let _ = reads_as_text(text);
});
