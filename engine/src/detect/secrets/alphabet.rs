//! The bytes a match of a regex can hold, read from the pattern's source.
//!
//! A rule's regex only has to run where a run of such bytes stands: any other byte ends every
//! match. Number-dense text (logs, CSV) wakes every digit rule over long windows, and most of
//! those windows are made of bytes a given format never holds (`:` and `,` for a card number).
//!
//! The reading is conservative: a construct it does not know for certain (`.`, negated or
//! nested classes, Unicode classes, hex escapes, non-ASCII literals, verbose mode) gives `None`,
//! and then no byte is ruled out. Case-insensitive flags anywhere widen every letter to both
//! cases (regex-lite folds ASCII case only).

/// A set of bytes, one bit each.
pub(super) type ByteSet = [u64; 4];

pub(super) fn contains(set: &ByteSet, b: u8) -> bool {
    set[usize::from(b >> 6)] & (1 << (b & 63)) != 0
}

/// A set of bytes, one `bool` each: one load to test a byte.
pub(super) type ByteTable = [bool; 256];

/// The table of `set`.
pub(super) fn byte_table(set: &ByteSet) -> Box<ByteTable> {
    let mut table = Box::new([false; 256]);
    for (b, held) in (0..=255u8).zip(table.iter_mut()) {
        *held = contains(set, b);
    }
    table
}

/// The ASCII letters.
pub(super) const LETTERS: ByteSet = [0, 0x07ff_fffe_07ff_fffe, 0, 0];

/// Whether `set` holds a byte of `other` (`None`: no bytes).
pub(super) fn intersects(set: &ByteSet, other: &Option<ByteSet>) -> bool {
    other.is_some_and(|other| set.iter().zip(other).any(|(a, b)| a & b != 0))
}

/// The set of `bytes`, `None` when there are none.
pub(super) fn byte_set(bytes: &[u8]) -> Option<ByteSet> {
    let mut set: ByteSet = [0; 4];
    for &b in bytes {
        add(&mut set, b);
    }
    (!bytes.is_empty()).then_some(set)
}

fn add(set: &mut ByteSet, b: u8) {
    set[usize::from(b >> 6)] |= 1 << (b & 63);
}

fn add_range(set: &mut ByteSet, lo: u8, hi: u8) {
    for b in lo..=hi {
        add(set, b);
    }
}

/// What an escape `\c` adds, or `None` when it is unknown or matches outside ASCII.
/// Assertions (`\b`, `\B`, `\A`, `\z`) add nothing.
fn escape(set: &mut ByteSet, c: char, in_class: bool) -> Option<()> {
    match c {
        'd' => add_range(set, b'0', b'9'),
        // regex-lite's \s is ASCII white space.
        's' => {
            for b in [b'\t', b'\n', 0x0b, 0x0c, b'\r', b' '] {
                add(set, b);
            }
        }
        'w' => {
            add_range(set, b'0', b'9');
            add_range(set, b'a', b'z');
            add_range(set, b'A', b'Z');
            add(set, b'_');
        }
        'b' | 'B' | 'A' | 'z' if !in_class => {}
        'n' => add(set, b'\n'),
        't' => add(set, b'\t'),
        'r' => add(set, b'\r'),
        'f' => add(set, 0x0c),
        'v' => add(set, 0x0b),
        c if c.is_ascii_punctuation() || c == ' ' => add(set, c as u8),
        _ => return None,
    }
    Some(())
}

/// The bytes any match of the regex `src` can hold, or `None` when that cannot be told.
pub(super) fn match_alphabet(src: &str) -> Option<ByteSet> {
    let mut set: ByteSet = [0; 4];
    let mut fold_case = false;
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => escape(&mut set, chars.next()?, false)?,
            '[' => class(&mut set, &mut chars)?,
            '(' => {
                if chars.peek() != Some(&'?') {
                    continue;
                }
                chars.next();
                match chars.peek() {
                    Some(':') => {
                        chars.next();
                    }
                    // A named group: skip its name.
                    Some('P') | Some('<') => {
                        for n in chars.by_ref() {
                            if n == '>' {
                                break;
                            }
                        }
                    }
                    _ => {
                        // Flags, up to ':' or ')'.
                        for f in chars.by_ref() {
                            match f {
                                ':' | ')' => break,
                                'i' => fold_case = true,
                                'm' | 's' | 'U' | '-' => {}
                                _ => return None,
                            }
                        }
                    }
                }
            }
            '{' => {
                // A repetition count: digits and a comma only.
                for n in chars.by_ref() {
                    match n {
                        '}' => break,
                        '0'..='9' | ',' => {}
                        _ => return None,
                    }
                }
            }
            ')' | '|' | '*' | '+' | '?' | '^' | '$' => {}
            '.' => return None,
            c if c.is_ascii() => add(&mut set, c as u8),
            _ => return None,
        }
    }
    if fold_case {
        for b in b'a'..=b'z' {
            if contains(&set, b) || contains(&set, b.to_ascii_uppercase()) {
                add(&mut set, b);
                add(&mut set, b.to_ascii_uppercase());
            }
        }
    }
    Some(set)
}

/// A bracketed class after its `[`: ASCII members, ranges and the escapes above only.
fn class(set: &mut ByteSet, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<()> {
    if matches!(chars.peek(), Some('^') | Some(']')) {
        return None;
    }
    let mut prev: Option<u8> = None;
    loop {
        let c = chars.next()?;
        match c {
            ']' => return Some(()),
            '[' | '&' | '~' => return None,
            '\\' => {
                let e = chars.next()?;
                escape(set, e, true)?;
                // Only a plain escaped character can start a range.
                prev = (e.is_ascii_punctuation() || e == ' ').then_some(e as u8);
            }
            '-' if prev.is_some() && chars.peek().is_some_and(|&n| n != ']') => {
                let lo = prev.take()?;
                let hi = match chars.next()? {
                    '\\' => {
                        let e = chars.next()?;
                        if !e.is_ascii_punctuation() {
                            return None;
                        }
                        e as u8
                    }
                    h if h.is_ascii() && h != '[' && h != '-' => h as u8,
                    _ => return None,
                };
                if hi < lo {
                    return None;
                }
                add_range(set, lo, hi);
            }
            c if c.is_ascii() => {
                add(set, c as u8);
                prev = Some(c as u8);
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table `segment_matches` reads holds exactly the set's bytes, for random sets (bits
    /// anywhere in the four words) and every byte.
    #[test]
    fn byte_table_holds_the_sets_bytes() {
        let mut rng = crate::test_rng::TestRng::new(0xbb67_ae85_84ca_a73b);
        for _ in 0..500 {
            let mut set: ByteSet = [0; 4];
            for _ in 0..rng.below(40) {
                add(&mut set, rng.below(256) as u8);
            }
            let table = byte_table(&set);
            for b in 0..=255u8 {
                assert_eq!(table[usize::from(b)], contains(&set, b), "{b}");
            }
        }
    }

    fn bytes(set: &ByteSet) -> String {
        (0u8..=127)
            .filter(|&b| contains(set, b))
            .map(char::from)
            .collect()
    }

    fn of(src: &str) -> Option<String> {
        match_alphabet(src).map(|s| bytes(&s))
    }

    #[test]
    fn literals_classes_and_escapes_give_their_bytes() {
        assert_eq!(
            of(r"\b[0-9]{4}-[0-9]{4}-[0-9]\b").as_deref(),
            Some("-0123456789")
        );
        assert_eq!(of(r"\+[1-9][ \-.]?\(").as_deref(), Some(" (+-.123456789"));
        assert_eq!(of(r"(?P<s>\d{2})[:\-]").as_deref(), Some("-0123456789:"));
        assert_eq!(of(r"(?:ab|c)x").as_deref(), Some("abcx"));
        assert_eq!(of(r"a\sb").as_deref(), Some("\t\n\u{b}\u{c}\r ab"));
        assert_eq!(of(r"[a-c_]").as_deref(), Some("_abc"));
        assert_eq!(of(r"[-a]").as_deref(), Some("-a"));
        assert_eq!(of(r"[a-]").as_deref(), Some("-a"));
    }

    #[test]
    fn case_insensitive_flags_widen_letters_to_both_cases() {
        assert_eq!(of(r"(?i:ab)1").as_deref(), Some("1ABab"));
        assert_eq!(of(r"(?i)x[0-9]").as_deref(), Some("0123456789Xx"));
        // Flags that change nothing about the bytes are accepted.
        assert_eq!(of(r"(?m)^a$").as_deref(), Some("a"));
    }

    #[test]
    fn anything_it_cannot_tell_rules_nothing_out() {
        for src in [
            r"a.b",
            r"[^0-9]",
            r"\p{L}",
            r"\D",
            r"\S",
            r"\W",
            r"\x41",
            r"caf\u{e9}",
            "café",
            r"(?x) a # [",
            r"[a-z&&[^aeiou]]",
            r"[[:alpha:]]",
            r"a{n}",
            r"[]a]",
            r"[a",
            r"\",
            r"[\b]",
        ] {
            assert_eq!(of(src), None, "{src}");
        }
    }

    #[test]
    fn every_match_of_a_sample_stays_inside_its_alphabet() {
        // A differential check of the reader against the regex engine itself: each match of a
        // pattern over a text holding every ASCII byte uses only bytes of its alphabet.
        let text: String = (0u8..128)
            .map(char::from)
            .chain("12-34 5678 (+1) 555.0101 ab:cd:ef 4111 1111 1111 1111".chars())
            .collect();
        for src in [
            r"\b[0-9]{2,4}[\-. ][0-9]{3,4}\b",
            r"\+?[0-9 ()\-.]{7,}",
            r"(?i:[a-f0-9]{2}:){2}[a-f0-9]{2}",
            r"[\s\d]+",
            r"\w+",
        ] {
            let re = regex_lite::Regex::new(src).unwrap();
            let set = match_alphabet(src).unwrap();
            for m in re.find_iter(&text) {
                assert!(
                    m.as_str().bytes().all(|b| contains(&set, b)),
                    "{src}: {:?}",
                    m.as_str()
                );
            }
        }
    }
}
