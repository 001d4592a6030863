//! Every occurrence of a set of literal anchors, found with a byte-pair filter instead of an
//! automaton walk.
//!
//! The search reads the text two bytes at a time, as the pairs at even offsets, and tests each
//! against a 65,536-bit set (a few instructions per two bytes); only where a pair is in the set
//! does it compare the patterns filed under that pair, at the offset each was filed with.
//!
//! Filing, so that every occurrence meets one even-offset pair filed for it: a pattern starting at
//! an even offset has even-offset pairs at its offsets 0, 2, 4 ..; one starting at an odd offset,
//! at -1, 1, 3 .. (the pair ending in its first byte, then its own). Per parity, the pattern is
//! filed under one of those (the least likely in prose by a fixed letter-frequency estimate: a
//! wrong estimate costs speed, never a match), a pair that sticks out of the pattern being filed
//! under every byte on that side. The last even-offset pair may stick out of the text: it is read
//! with a 0 after the last byte (a pattern really holding that 0 would end past the text, so its
//! comparison fails).
//!
//! Each occurrence is reported once: its start has one parity, and one pair is filed per parity. Case-insensitive patterns are stored lower-cased, filed under every
//! ASCII case variant of their pairs, and compare with ASCII case folding, as the automaton's
//! `ascii_case_insensitive` did.

struct Pattern {
    bytes: Box<[u8]>,
    ci: bool,
}

/// A pattern filed under a pair.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Filed {
    /// Where the pattern starts relative to the pair.
    off: i32,
    pattern: u32,
    /// The pattern's first four bytes (little-endian, zero past its end), lower-cased when it
    /// ignores case; `fold` has 0x20 at each of them that is a letter there, `care` 0xff at each
    /// byte the pattern has: four text bytes `x` hold the head when `(x | fold) & care == head`.
    /// (OR-ing 0x20 into a byte gives a lower-case letter only for that letter in either case.)
    head: u32,
    fold: u32,
    care: u32,
}

pub(super) struct AnchorSet {
    /// Bit `(a << 8) | b` is set when some pattern is filed under the pair `a b`.
    pairs: Box<[u64; 1024]>,
    /// Set bits in the bytes before each byte of `pairs`: the rank of a set pair code is
    /// `rank[code >> 3]` plus the set bits below it in its byte (a table lookup: x86-64 without
    /// `popcnt` counts bits in a dozen instructions).
    rank: Box<[u16; 8192]>,
    /// `filed[starts[r]..starts[r + 1]]`: the patterns filed under the set pair code of rank `r`.
    starts: Vec<u32>,
    /// Per set pair code (by rank): bit `c & 63` is set for each byte `c` some pattern filed
    /// under it may have right after the pair (every bit when that byte is outside the pattern).
    /// Most pairs of prose that are in the set are followed by a byte none of their patterns
    /// has there, and are rejected before the patterns are compared.
    after: Vec<u64>,
    filed: Vec<Filed>,
    patterns: Vec<Pattern>,
}

impl AnchorSet {
    /// `patterns`: `(bytes, case_insensitive)`; pattern `i` is reported as `i`. Empty patterns are
    /// never reported.
    pub(super) fn new(patterns: &[(Vec<u8>, bool)]) -> AnchorSet {
        // (first byte or None for any, second byte or None for any, offset, pattern)
        let mut filed: Vec<(Option<u8>, Option<u8>, i32, u32)> = Vec::new();
        let mut stored = Vec::with_capacity(patterns.len());
        for (i, (bytes, ci)) in patterns.iter().enumerate() {
            let ci = *ci;
            let bytes: Box<[u8]> = if ci {
                bytes.to_ascii_lowercase().into()
            } else {
                bytes.clone().into()
            };
            let pattern = i as u32;
            let mut file = |a: Option<u8>, b: Option<u8>, off: i32| {
                let va = a.map_or(vec![None], |a| {
                    variants(a, ci).into_iter().map(Some).collect()
                });
                let vb = b.map_or(vec![None], |b| {
                    variants(b, ci).into_iter().map(Some).collect()
                });
                for a in &va {
                    for b in &vb {
                        filed.push((*a, *b, off, pattern));
                    }
                }
            };
            // For a start `s`, the pairs the search reads inside or next to the pattern are at
            // `s + q` with `s + q` even: `q` in 0, 2, 4 .. for an even start, in -1, 1, 3 .. for
            // an odd one (`q = -1`: the pair ending in its first byte; `q = len - 1`: the pair
            // starting with its last). One `q` per parity, the least likely in prose.
            let len = bytes.len() as i32;
            if len > 0 {
                let at = |q: i32| {
                    let byte = |j: i32| usize::try_from(j).ok().and_then(|j| bytes.get(j)).copied();
                    (byte(q), byte(q + 1))
                };
                let weight = |q: i32| match at(q) {
                    (Some(x), Some(y)) => pair_weight(x, y, ci),
                    (Some(x), None) | (None, Some(x)) => byte_weight_ci(x, ci) * ANY_WEIGHT,
                    (None, None) => f64::INFINITY,
                };
                for parity in [0, 1] {
                    let q = (-parity..len)
                        .step_by(2)
                        .min_by(|&x, &y| weight(x).total_cmp(&weight(y)))
                        .unwrap_or(0);
                    let (x, y) = at(q);
                    file(x, y, -q);
                }
            }
            stored.push(Pattern { bytes, ci });
        }
        let mut by_code: Vec<(u16, Filed)> = Vec::new();
        for &(a, b, off, pattern) in &filed {
            let Some(p) = stored.get(pattern as usize) else {
                continue;
            };
            let (mut head, mut fold, mut care) = (0u32, 0u32, 0u32);
            for (j, &c) in p.bytes.iter().take(4).enumerate() {
                head |= u32::from(c) << (8 * j);
                care |= 0xff << (8 * j);
                if p.ci && c.is_ascii_alphabetic() {
                    fold |= 0x20 << (8 * j);
                }
            }
            let f = Filed {
                off,
                pattern,
                head,
                fold,
                care,
            };
            let firsts = a.map_or(0..256, |a| u16::from(a)..u16::from(a) + 1);
            for a in firsts {
                let seconds = b.map_or(0..256, |b| u16::from(b)..u16::from(b) + 1);
                for b in seconds {
                    by_code.push(((a << 8) | b, f));
                }
            }
        }
        by_code.sort_unstable();
        by_code.dedup();
        let mut pairs = Box::new([0u64; 1024]);
        for (code, _) in &by_code {
            let code = usize::from(*code);
            pairs[code >> 6] |= 1 << (code & 63);
        }
        // At most 65,536 codes: every prefix count before a byte fits in a u16.
        let mut rank = Box::new([0u16; 8192]);
        let mut total = 0u32;
        for (k, r) in rank.iter_mut().enumerate() {
            *r = total as u16;
            total += ((pairs[k >> 3] >> (8 * (k & 7))) & 0xff).count_ones();
        }
        let mut starts = Vec::with_capacity(total as usize + 1);
        let mut entries = Vec::with_capacity(by_code.len());
        let mut last = None;
        for (code, f) in &by_code {
            if last != Some(*code) {
                starts.push(entries.len() as u32);
                last = Some(*code);
            }
            entries.push(*f);
        }
        starts.push(entries.len() as u32);
        let after = starts
            .windows(2)
            .map(|w| {
                let group = entries.get(w[0] as usize..w[1] as usize).unwrap_or(&[]);
                group.iter().fold(0u64, |mask, f| {
                    let third = stored.get(f.pattern as usize).and_then(|p| {
                        usize::try_from(2 - f.off)
                            .ok()
                            .and_then(|k| p.bytes.get(k))
                            .map(|&c| (c, p.ci))
                    });
                    mask | match third {
                        Some((c, ci)) => variants(c, ci)
                            .into_iter()
                            .fold(0u64, |m, v| m | 1 << (v & 63)),
                        None => u64::MAX,
                    }
                })
            })
            .collect();
        AnchorSet {
            pairs,
            rank,
            starts,
            after,
            filed: entries,
            patterns: stored,
        }
    }

    /// Every occurrence of every pattern (overlapping ones included) as `(pattern, start, end)`.
    pub(super) fn each_match(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let b = text.as_bytes();
        let pairs = &*self.pairs;
        // The pairs at even offsets; an odd length ends with a lone byte, read as the pair
        // `last 0`.
        let mut chunks = b.chunks_exact(2);
        for (n, pair) in chunks.by_ref().enumerate() {
            if let [x, y] = *pair {
                let code = (usize::from(x) << 8) | usize::from(y);
                if pairs[code >> 6] & (1 << (code & 63)) != 0 {
                    self.hit(b, 2 * n, code, &mut f);
                }
            }
        }
        if let [x] = *chunks.remainder() {
            let code = usize::from(x) << 8;
            if pairs[code >> 6] & 1 != 0 {
                self.hit(b, b.len() - 1, code, &mut f);
            }
        }
    }

    /// The patterns filed under the pair `code`, compared where each would start.
    #[inline(never)]
    fn hit(&self, b: &[u8], i: usize, code: usize, f: &mut impl FnMut(usize, usize, usize)) {
        let r = self.rank_of(code);
        if let (Some(&c), Some(&mask)) = (b.get(i + 2), self.after.get(r)) {
            if mask & (1 << (c & 63)) == 0 {
                return;
            }
        }
        let filed = match (self.starts.get(r), self.starts.get(r + 1)) {
            (Some(&lo), Some(&hi)) => self.filed.get(lo as usize..hi as usize).unwrap_or(&[]),
            _ => &[],
        };
        for e in filed {
            let Some(start) = i.checked_add_signed(e.off as isize) else {
                continue;
            };
            // The first four bytes in one comparison (all of most patterns), then the rest.
            let head_ok = match b.get(start..start + 4) {
                Some(&[w, x, y, z]) => {
                    (u32::from_le_bytes([w, x, y, z]) | e.fold) & e.care == e.head
                }
                _ => true,
            };
            if !head_ok {
                continue;
            }
            let Some(p) = self.patterns.get(e.pattern as usize) else {
                continue;
            };
            let end = start + p.bytes.len();
            let Some(window) = b.get(start..end) else {
                continue;
            };
            let same = if p.ci {
                window.eq_ignore_ascii_case(&p.bytes)
            } else {
                *window == *p.bytes
            };
            if same {
                f(e.pattern as usize, start, end);
            }
        }
    }

    /// The rank of a set pair code: its index among the set codes.
    fn rank_of(&self, code: usize) -> usize {
        let byte = (self.pairs[code >> 6] >> (code & 56)) as u8;
        let below = byte & ((1u16 << (code & 7)) - 1) as u8;
        usize::from(self.rank[code >> 3]) + usize::from(POPCOUNT[usize::from(below)])
    }
}

/// The byte and, for a case-insensitive pattern, its other ASCII case.
fn variants(c: u8, ci: bool) -> Vec<u8> {
    if ci && c.is_ascii_alphabetic() {
        vec![c.to_ascii_lowercase(), c.to_ascii_uppercase()]
    } else {
        vec![c]
    }
}

/// Rough relative frequency of a byte in prose and chat text (per mille), used only to choose
/// which pair of a pattern to file it under: a wrong estimate costs speed, never a match.
fn byte_weight(c: u8) -> f64 {
    const LOWER: [f64; 26] = [
        82.0, 15.0, 28.0, 43.0, 127.0, 22.0, 20.0, 61.0, 70.0, 1.5, 7.7, 40.0, 24.0, 67.0, 75.0,
        19.0, 1.0, 60.0, 63.0, 91.0, 28.0, 9.8, 24.0, 1.5, 20.0, 0.7,
    ];
    match c {
        b'a'..=b'z' => LOWER[usize::from(c - b'a')] * 0.8,
        b'A'..=b'Z' => LOWER[usize::from(c - b'A')] * 0.04,
        b' ' => 180.0,
        b'\n' => 5.0,
        b'0'..=b'9' => 2.0,
        b'.' | b',' => 10.0,
        b'"' | b'\'' | b'-' => 3.0,
        b':' | b'(' | b')' | b';' | b'?' | b'!' | b'/' => 1.0,
        0x80.. => 0.5,
        _ => 0.1,
    }
}

/// Set bits per byte value.
const POPCOUNT: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).count_ones() as u8;
        i += 1;
    }
    t
};

/// `byte_weight` summed over every byte: the weight of "any byte" on one side of a pair.
const ANY_WEIGHT: f64 = 1000.0;

/// Frequent English letter pairs (lower case): a pattern filed under one of them would be
/// compared far more often than the letter frequencies alone suggest.
const COMMON_BIGRAMS: &[&[u8; 2]] = &[
    b"th", b"he", b"in", b"er", b"an", b"re", b"on", b"at", b"en", b"nd", b"ti", b"es", b"or",
    b"te", b"of", b"ed", b"is", b"it", b"al", b"ar", b"st", b"to", b"nt", b"ng", b"se", b"ha",
    b"as", b"ou", b"io", b"le", b"ve", b"co", b"me", b"de", b"hi", b"ri", b"ro", b"ic", b"ne",
    b"ea", b"ra", b"ce", b"li", b"ch", b"ll", b"be", b"ma", b"si", b"om", b"ur",
];

fn byte_weight_ci(c: u8, ci: bool) -> f64 {
    if ci && c.is_ascii_alphabetic() {
        byte_weight(c.to_ascii_lowercase()) + byte_weight(c.to_ascii_uppercase())
    } else {
        byte_weight(c)
    }
}

fn pair_weight(a: u8, b: u8, ci: bool) -> f64 {
    let w = |c: u8| byte_weight_ci(c, ci);
    let lower = [a.to_ascii_lowercase(), b.to_ascii_lowercase()];
    let common = (ci || (a.is_ascii_lowercase() && b.is_ascii_lowercase()))
        && COMMON_BIGRAMS.iter().any(|g| **g == lower);
    w(a) * w(b) * if common { 4.0 } else { 1.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasickBuilder, MatchKind};

    /// The reference: every overlapping occurrence, as an automaton finds them.
    struct Reference(Vec<(Vec<usize>, aho_corasick::AhoCorasick)>);

    impl Reference {
        fn new(patterns: &[(Vec<u8>, bool)]) -> Reference {
            let mut out = Vec::new();
            for ci in [false, true] {
                let ids: Vec<usize> = (0..patterns.len())
                    .filter(|&i| patterns[i].1 == ci && !patterns[i].0.is_empty())
                    .collect();
                if ids.is_empty() {
                    continue;
                }
                let ac = AhoCorasickBuilder::new()
                    .ascii_case_insensitive(ci)
                    .match_kind(MatchKind::Standard)
                    .build(ids.iter().map(|&i| &patterns[i].0))
                    .unwrap();
                out.push((ids, ac));
            }
            Reference(out)
        }

        fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
            let mut out = Vec::new();
            for (ids, ac) in &self.0 {
                for m in ac.find_overlapping_iter(text) {
                    out.push((ids[m.pattern().as_usize()], m.start(), m.end()));
                }
            }
            out.sort_unstable();
            out
        }
    }

    fn reference(patterns: &[(Vec<u8>, bool)], text: &str) -> Vec<(usize, usize, usize)> {
        Reference::new(patterns).find(text)
    }

    fn found(set: &AnchorSet, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        set.each_match(text, |p, s, e| out.push((p, s, e)));
        out.sort_unstable();
        out
    }

    fn pats(list: &[(&str, bool)]) -> Vec<(Vec<u8>, bool)> {
        list.iter()
            .map(|(p, ci)| (p.as_bytes().to_vec(), *ci))
            .collect()
    }

    #[test]
    fn finds_what_an_automaton_finds() {
        let patterns = pats(&[
            ("@", false),
            ("ghp_", true),
            ("MT", true),
            ("ND", true),
            ("key", false),
            ("Key", true),
            ("password", false),
            ("-----BEGIN ", true),
            ("aa", true),
            ("aaa", false),
            ("x", false),
            ("é", true),
            ("tax file", false),
        ]);
        let set = AnchorSet::new(&patterns);
        for text in [
            "",
            "@",
            "a",
            "x",
            "X",
            "aaaa AAAA aAaA",
            "my PASSWORD=hunter2 and Key: ghp_xyz, e@mail MTND",
            "-----BEGIN RSA PRIVATE KEY----- KEYkeyKeY",
            "tax file TAX FILE Tax File taxfile",
            "café é É ü @@@ xx",
        ] {
            assert_eq!(found(&set, text), reference(&patterns, text), "{text:?}");
        }
    }

    #[test]
    fn random_texts_match_the_reference() {
        let patterns = pats(&[
            ("ab", true),
            ("AB", false),
            ("b", true),
            ("abc", false),
            ("ca", true),
            ("c@", false),
            ("@", true),
            ("bca", false),
        ]);
        let set = AnchorSet::new(&patterns);
        let alphabet = ['a', 'b', 'c', 'A', 'B', 'C', '@', ' ', 'é'];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            for j in 0..len {
                let x = seed.rotate_left(j as u32 * 5) ^ (j as u64).wrapping_mul(0x9e37);
                text.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            assert_eq!(found(&set, &text), reference(&patterns, &text), "{text:?}");
        }
    }

    /// Every built-in anchor, over texts shaped like the ones the scanner sees, and over the
    /// development corpora when the checkout sits next to them (never copied into the repository).
    #[test]
    fn builtin_anchors_match_the_reference() {
        let mut patterns: Vec<(Vec<u8>, bool)> = Vec::new();
        for d in super::super::rules::RULES {
            for a in d.anchors {
                let key = if d.cs {
                    (a.as_bytes().to_vec(), false)
                } else {
                    (a.to_ascii_lowercase().into_bytes(), true)
                };
                if !patterns.contains(&key) {
                    patterns.push(key);
                }
            }
        }
        let set = AnchorSet::new(&patterns);
        let mut texts: Vec<String> = vec![
            "export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789 # and MTND Mj".into(),
            "Password: hunter2; api-key=XYZ; contact me at a@b.co, phone +1 555 0100".into(),
            "AKIAIOSFODNN7EXAMPLE sk-proj-abc -----BEGIN PRIVATE KEY----- xoxb-1-2".into(),
        ];
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpora");
        for f in ["secrets_dev.jsonl", "pii_dev.jsonl", "injection_dev.jsonl"] {
            let Ok(body) = std::fs::read_to_string(format!("{dir}/{f}")) else {
                continue;
            };
            for line in body.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    texts.push(t.to_string());
                }
            }
        }
        let reference = Reference::new(&patterns);
        for text in &texts {
            assert_eq!(found(&set, text), reference.find(text), "{text:?}");
        }
    }
}
