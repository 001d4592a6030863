//! Shape tests run on a run of a rule's alphabet before its regex: the digit groups (maximal runs
//! of ASCII digits) and the bytes between them that every match of the rule holds.
//!
//! Number-dense text (logs, CSV, tables) wakes every digit rule over long windows: a timestamp
//! such as `2026-03-14 12:34:56` has the digits and separators of a phone number, a card number
//! or an SSN but not their groups (4-2-2 2:2:2 is none of 3-3-4, 3-2-4 or 13 to 19 digits). A
//! regex costs far more per byte than reading the groups, so a run whose groups cannot hold a
//! match is skipped. Every test is a necessary condition of its rule's regex (or, for IPv6, of
//! its validation): it may pass a run the regex then finds nothing in, never the other way round.
//! A differential test in `tests.rs` checks the findings with and without shapes.

use super::alphabet::{byte_set, ByteSet};

/// A digit group in a sequence: its length range, and whether its first digit must be `0`.
pub(crate) type Group = (u8, u8, bool);

/// Longest group sequence a shape names (the ring of recent groups holds this many).
const MAX_SEQ: usize = 6;

/// What a run must hold before a rule's regex runs over it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Shape {
    /// No test.
    Any,
    /// A run holding one of `escape` always runs; otherwise it must hold one of `seqs`:
    /// consecutive digit groups one byte apart with these lengths (each at most `MAX_SEQ`
    /// groups). Each group of a match is a whole digit group when the regex bounds it by `\b`
    /// or a separator on both sides.
    Groups {
        escape: &'static [u8],
        seqs: &'static [&'static [Group]],
    },
    /// Digit groups one byte apart holding at least this many digits in all (card numbers:
    /// digits with at most one separator between two of them).
    Chain(usize),
    /// Two letters, an optional space, three pairs of digits each with an optional space before
    /// the next, a letter A-D (UK National Insurance number, its regex without `\b`).
    Nino,
    /// A byte template met somewhere in the run: `d` a digit, `a` a letter, `x` a letter or a
    /// digit, any other byte itself.
    Template(&'static [u8]),
    /// Two upper-case letters then two digits (IBAN country code and check digits).
    UpperUpperDigitDigit,
    /// Six hex pairs joined by `:` or `-`, or three hex quads joined by `.` (MAC-48).
    Mac,
    /// The IPv6 rule: its regex opens with one byte of context, so its alphabet cannot be read;
    /// runs of `IPV6_BODY` bytes are searched from the character before them instead. A run
    /// without `::` and with fewer than six `:` holds no candidate that parses as an IPv6 address
    /// (eight groups, or six and a dotted quad, or an elision).
    Ipv6,
}

/// Bytes an IPv6 candidate can hold: hex digits and `:`, `.` (a dotted quad), a `%` zone of
/// letters and digits, a `/` prefix length.
const IPV6_BODY: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:.%/";

impl Shape {
    /// The alphabet of the body of a rule whose regex starts with one byte of context (searched
    /// from the character before each run), when the shape knows it.
    pub(crate) fn lead_alphabet(&self) -> Option<ByteSet> {
        match self {
            Shape::Ipv6 => byte_set(IPV6_BODY),
            _ => None,
        }
    }

    /// Can a match of the rule lie in `run` (a run of bytes of the rule's alphabet)?
    pub(crate) fn admits(&self, run: &[u8]) -> bool {
        match *self {
            Shape::Any => true,
            Shape::Groups { escape, seqs } => {
                run.iter().any(|b| escape.contains(b)) || groups_hold(run, seqs)
            }
            Shape::Chain(min) => chain_holds(run, min),
            Shape::Nino => (0..run.len()).any(|i| nino_at(run, i)),
            Shape::Template(t) => run.windows(t.len()).any(|w| {
                w.iter().zip(t).all(|(&b, &c)| match c {
                    b'd' => b.is_ascii_digit(),
                    b'a' => b.is_ascii_alphabetic(),
                    b'x' => b.is_ascii_alphanumeric(),
                    c => b == c,
                })
            }),
            Shape::UpperUpperDigitDigit => run.windows(4).any(|w| {
                w[0].is_ascii_uppercase()
                    && w[1].is_ascii_uppercase()
                    && w[2].is_ascii_digit()
                    && w[3].is_ascii_digit()
            }),
            Shape::Mac => mac(run),
            Shape::Ipv6 => {
                run.windows(2).any(|w| w == b"::")
                    || run.iter().filter(|&&b| b == b':').count() >= 6
            }
        }
    }
}

/// The maximal digit groups of `run`, `(start, end)`, in order.
fn digit_groups(run: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < run.len() && !run[i].is_ascii_digit() {
            i += 1;
        }
        if i >= run.len() {
            return None;
        }
        let start = i;
        while i < run.len() && run[i].is_ascii_digit() {
            i += 1;
        }
        Some((start, i))
    })
}

/// Does `run` hold one of `seqs` as consecutive digit groups one byte apart?
fn groups_hold(run: &[u8], seqs: &[&[Group]]) -> bool {
    // The last groups of the current chain (groups one byte apart), newest last.
    let mut ring = [(0usize, 0usize); MAX_SEQ];
    let mut len = 0usize;
    for (s, e) in digit_groups(run) {
        if len > 0 && s != ring[len - 1].1 + 1 {
            len = 0;
        }
        if len == MAX_SEQ {
            ring.copy_within(1.., 0);
            len -= 1;
        }
        ring[len] = (s, e);
        len += 1;
        let fits = |&(s, e): &(usize, usize), &(lo, hi, zero): &Group| {
            (usize::from(lo)..=usize::from(hi)).contains(&(e - s)) && (!zero || run[s] == b'0')
        };
        for seq in seqs {
            let k = seq.len();
            if k <= len
                && ring[len - k..len]
                    .iter()
                    .zip(seq.iter())
                    .all(|(g, p)| fits(g, p))
            {
                return true;
            }
        }
    }
    false
}

/// Does `run` hold digit groups one byte apart with at least `min` digits in all?
fn chain_holds(run: &[u8], min: usize) -> bool {
    let mut total = 0;
    let mut last_end = None;
    for (s, e) in digit_groups(run) {
        if last_end != Some(s.wrapping_sub(1)) {
            total = 0;
        }
        total += e - s;
        if total >= min {
            return true;
        }
        last_end = Some(e);
    }
    false
}

/// `[A-Za-z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-Da-d]` at `i`.
fn nino_at(run: &[u8], i: usize) -> bool {
    let at = |k: usize| run.get(k).copied().unwrap_or(0);
    if !(at(i).is_ascii_alphabetic() && at(i + 1).is_ascii_alphabetic()) {
        return false;
    }
    let mut j = i + 2;
    for _ in 0..3 {
        if at(j) == b' ' {
            j += 1;
        }
        if !(at(j).is_ascii_digit() && at(j + 1).is_ascii_digit()) {
            return false;
        }
        j += 2;
    }
    if at(j) == b' ' {
        j += 1;
    }
    matches!(at(j), b'A'..=b'D' | b'a'..=b'd')
}

/// Six hex pairs joined by `:` or `-`, or three hex quads joined by `.`.
fn mac(run: &[u8]) -> bool {
    let hex = |i: usize| run.get(i).is_some_and(u8::is_ascii_hexdigit);
    (0..run.len()).any(|i| {
        let pairs = (0..6).all(|k| {
            let p = i + 3 * k;
            hex(p) && hex(p + 1) && (k == 5 || matches!(run.get(p + 2), Some(b':' | b'-')))
        });
        let quads = (0..3).all(|k| {
            let p = i + 5 * k;
            (p..p + 4).all(hex) && (k == 2 || run.get(p + 4) == Some(&b'.'))
        });
        pairs || quads
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SSN: Shape = Shape::Groups {
        escape: b"",
        seqs: &[&[(3, 3, false), (2, 2, false), (4, 4, false)]],
    };

    #[test]
    fn groups_need_their_lengths_one_byte_apart() {
        assert!(SSN.admits(b"123-45-6789"));
        assert!(SSN.admits(b"1 2 123-45-6789 0"));
        assert!(!SSN.admits(b"123-45--6789"));
        assert!(!SSN.admits(b"1234-45-6789"));
        assert!(!SSN.admits(b"2026-03-14 12"));
        let zero = Shape::Groups {
            escape: b"+",
            seqs: &[&[(2, 4, true), (6, 8, false)]],
        };
        assert!(zero.admits(b"030-1234567"));
        assert!(!zero.admits(b"330-1234567"));
        assert!(zero.admits(b"330+1234567"));
    }

    #[test]
    fn chains_count_digits_across_single_separators() {
        assert!(Shape::Chain(13).admits(b"4111 1111 1111 1"));
        assert!(!Shape::Chain(13).admits(b"4111 1111  1111 1"));
        assert!(!Shape::Chain(13).admits(b"2026-03-14 12"));
    }

    #[test]
    fn letters_macs_and_ipv6() {
        assert!(Shape::Nino.admits(b"AB 12 34 56 C"));
        assert!(Shape::Nino.admits(b"xx AB123456C"));
        assert!(Shape::Nino.admits(b"AB 123456 c"));
        assert!(!Shape::Nino.admits(b"AB 12 34 56 E"));
        assert!(!Shape::Nino.admits(b"word 12345 in 123 ms"));
        let mbi = Shape::Template(b"daxd-axd-aadd");
        assert!(mbi.admits(b"1EG4-TE5-MK73"));
        assert!(!mbi.admits(b"2026-03-14 12"));
        assert!(Shape::UpperUpperDigitDigit.admits(b"x DE89 3704"));
        assert!(!Shape::UpperUpperDigitDigit.admits(b"INFO 12"));
        assert!(Shape::Mac.admits(b"0a:1b:2c:3d:4e:5f"));
        assert!(Shape::Mac.admits(b"0a1b.2c3d.4e5f"));
        assert!(!Shape::Mac.admits(b"2026-03-14 12"));
        assert!(Shape::Ipv6.admits(b"fe80::1"));
        assert!(Shape::Ipv6.admits(b"1:2:3:4:5:6:1.2.3.4"));
        assert!(!Shape::Ipv6.admits(b"12:34:56"));
    }
}
