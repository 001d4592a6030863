//! Every occurrence of a set of literal anchors, found with a byte-pair filter instead of an
//! automaton walk.
//!
//! The search reads the text two bytes at a time, as the pairs at even offsets, and looks each
//! up in a 65,536-entry table (one load per two bytes); only where a pair is filed does it test
//! the bytes just before and after it against the bytes the patterns filed there have at those
//! places, and only then compare those patterns, at the offset each was filed with.
//!
//! Filing, so that every occurrence meets one even-offset pair filed for it: a pattern starting at
//! an even offset has even-offset pairs at its offsets 0, 2, 4 ..; one starting at an odd offset,
//! at -1, 1, 3 .. (the pair ending in its first byte, then its own). Per parity, the pattern is
//! filed under one of those (the one least likely to be compared in prose by a fixed
//! letter-frequency estimate of the pair and of the bytes around it: a wrong estimate costs
//! speed, never a match), a pair that sticks out of the pattern being filed under every byte on
//! that side. The last even-offset pair may stick out of the text: it is read with a 0 after the
//! last byte (a pattern really holding that 0 would end past the text, so its comparison fails).
//!
//! Each occurrence is reported once: its start has one parity, and one pair is filed per parity.
//!
//! The filed pairs of a block of text are collected before any is looked at, without a branch
//! per pair (see `each_match`): in prose, whether a pair is filed is as unpredictable as the
//! text, and mispredicted branches, which instruction counts do not show, were most of the time.
//! Case-insensitive patterns are stored lower-cased, filed under every ASCII case variant of
//! their pairs, and compare with ASCII case folding, as the automaton's `ascii_case_insensitive`
//! did.

use std::collections::BTreeMap;

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

/// The patterns filed under one or more pairs (pairs with the same patterns share a group).
#[derive(Clone, Copy)]
struct Group {
    /// Bit `c & 63` is set for each byte `c` some pattern of the group may have right before
    /// the pair, and right after it (every bit when that byte is outside the pattern). Most
    /// filed pairs of prose sit between bytes none of their patterns has there, and are
    /// rejected before the patterns are compared.
    before: u64,
    after: u64,
    /// `filed[lo..hi]`.
    lo: u32,
    hi: u32,
}

pub(super) struct AnchorSet {
    /// Per pair `a b`, at index `a | b << 8` (the pair read little-endian): 0 when nothing is
    /// filed under it, else `k`, its group being `groups[row[a] + k]`. (Numbered per first byte
    /// from 1, a row has at most 256 groups, so `k` always fits; 128 KiB.)
    slot: Box<[u16; 65536]>,
    row: [u32; 256],
    groups: Vec<Group>,
    filed: Vec<Filed>,
    patterns: Vec<Pattern>,
}

/// Pairs read per block of the search (a power of two).
const PAIRS_PER_BLOCK: usize = 256;

/// `(pattern, off)` filed under the pair `(first, second)`, `None` for any byte.
type Filing = (Option<u8>, Option<u8>, i32, u32);

/// The filing-cost weight of the bytes around a pair, relative to the pair's own: a filed pair
/// costs a table load and a branch; one whose neighbours also fit costs the comparisons.
const CONTEXT_WEIGHT: f64 = 4.0;

impl AnchorSet {
    /// `patterns`: `(bytes, case_insensitive)`; pattern `i` is reported as `i`. Empty patterns are
    /// never reported.
    pub(super) fn new(patterns: &[(Vec<u8>, bool)]) -> AnchorSet {
        let mut filings: Vec<Filing> = Vec::new();
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
                        filings.push((*a, *b, off, pattern));
                    }
                }
            };
            // For a start `s`, the pairs the search reads inside or next to the pattern are at
            // `s + q` with `s + q` even: `q` in 0, 2, 4 .. for an even start, in -1, 1, 3 .. for
            // an odd one (`q = -1`: the pair ending in its first byte; `q = len - 1`: the pair
            // starting with its last). One `q` per parity, the least likely to cost in prose:
            // the pair's estimated frequency, times one plus a share for the bytes around it
            // fitting too.
            let len = bytes.len() as i32;
            if len > 0 {
                let byte = |j: i32| usize::try_from(j).ok().and_then(|j| bytes.get(j)).copied();
                let at = |q: i32| (byte(q), byte(q + 1));
                let chance = |j: i32| byte(j).map_or(1.0, |c| byte_weight_ci(c, ci) / ANY_WEIGHT);
                let weight = |q: i32| {
                    let pair = match at(q) {
                        (Some(x), Some(y)) => pair_weight(x, y, ci) / (ANY_WEIGHT * ANY_WEIGHT),
                        (Some(x), None) | (None, Some(x)) => byte_weight_ci(x, ci) / ANY_WEIGHT,
                        (None, None) => f64::INFINITY,
                    };
                    pair * (1.0 + CONTEXT_WEIGHT * chance(q - 1) * chance(q + 2))
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
        // (first << 8 | second, entry), sorted: by first byte, then second.
        let mut by_pair: Vec<(u16, Filed)> = Vec::new();
        for &(a, b, off, pattern) in &filings {
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
            let firsts = a.map_or(0..=255, |a| u16::from(a)..=u16::from(a));
            for a in firsts {
                let seconds = b.map_or(0..=255, |b| u16::from(b)..=u16::from(b));
                for b in seconds {
                    by_pair.push((a << 8 | b, f));
                }
            }
        }
        by_pair.sort_unstable();
        by_pair.dedup();
        let mut slot = Box::new([0u16; 65536]);
        let mut row = [0u32; 256];
        // Group 0 is never used: `k` counts from 1.
        let mut groups = vec![Group {
            before: 0,
            after: 0,
            lo: 0,
            hi: 0,
        }];
        let mut filed = Vec::new();
        // Pairs with the same patterns share a group within their row.
        let mut numbered: BTreeMap<Vec<Filed>, u16> = BTreeMap::new();
        let mut current = None;
        let mut entries: Vec<Filed> = Vec::new();
        let mut i = 0;
        while let Some(&(code, _)) = by_pair.get(i) {
            entries.clear();
            entries.extend(
                by_pair[i..]
                    .iter()
                    .take_while(|(c, _)| *c == code)
                    .map(|(_, f)| *f),
            );
            i += entries.len();
            let a = usize::from(code >> 8);
            if current != Some(a) {
                current = Some(a);
                numbered.clear();
                row[a] = (groups.len() - 1) as u32;
            }
            let k = match numbered.get(entries.as_slice()) {
                Some(&k) => k,
                None => {
                    let (mut before, mut after) = (0u64, 0u64);
                    for e in &entries {
                        let (x, y) = context(&stored, e);
                        before |= x;
                        after |= y;
                    }
                    let lo = filed.len() as u32;
                    filed.extend_from_slice(&entries);
                    groups.push(Group {
                        before,
                        after,
                        lo,
                        hi: filed.len() as u32,
                    });
                    // At most 256 pairs, so groups, in a row: `k` fits.
                    let k = (groups.len() - 1 - row[a] as usize) as u16;
                    numbered.insert(entries.clone(), k);
                    k
                }
            };
            // The table is indexed by the pair read little-endian.
            slot[usize::from(code.rotate_left(8))] = k;
        }
        AnchorSet {
            slot,
            row,
            groups,
            filed,
            patterns: stored,
        }
    }

    /// Every occurrence of every pattern (overlapping ones included) as `(pattern, start, end)`,
    /// in increasing order of the offset of the pair each is filed under.
    pub(super) fn each_match(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let b = text.as_bytes();
        let slot = &*self.slot;
        // About one pair in four of prose is filed, as unpredictably as prose is written: a
        // branch per pair was mispredicted about as often, and those stalls were most of the
        // search's time. So the offsets of a block's filed pairs are first collected without a
        // branch (each offset written, the count advanced only for a filed one), then looked at.
        let mut filed = [0u16; PAIRS_PER_BLOCK];
        for (n, block) in b.chunks(2 * PAIRS_PER_BLOCK).enumerate() {
            let base = n * 2 * PAIRS_PER_BLOCK;
            let mut count = 0usize;
            // The pairs at even offsets; an odd length ends with a lone byte, read as the pair
            // `last 0`.
            let mut pairs = block.chunks_exact(2);
            for (j, pair) in pairs.by_ref().enumerate() {
                let Ok(pair) = <&[u8; 2]>::try_from(pair) else {
                    continue;
                };
                // `count` ≤ `j` < PAIRS_PER_BLOCK: the mask only spares a bounds check.
                filed[count & (PAIRS_PER_BLOCK - 1)] = j as u16;
                count += usize::from(slot[usize::from(u16::from_le_bytes(*pair))] != 0);
            }
            for &j in filed.get(..count).unwrap_or(&[]) {
                let i = base + 2 * usize::from(j);
                let (Some(&x), Some(&y)) = (b.get(i), b.get(i + 1)) else {
                    continue;
                };
                let k = slot[usize::from(u16::from_le_bytes([x, y]))];
                self.near(b, i, x, k, &mut f);
            }
            if let [x] = *pairs.remainder() {
                let k = slot[usize::from(x)];
                if k != 0 {
                    self.near(b, b.len() - 1, x, k, &mut f);
                }
            }
        }
    }

    /// The filed pair at `i` (first byte `x`, group number `k`): its neighbours tested against
    /// its group's, then its patterns compared.
    #[inline(always)]
    fn near(&self, b: &[u8], i: usize, x: u8, k: u16, f: &mut impl FnMut(usize, usize, usize)) {
        let Some(g) = self
            .groups
            .get(self.row[usize::from(x)] as usize + usize::from(k))
        else {
            return;
        };
        // Both tests, then one branch: each alone is as unpredictable as the text.
        let fits = |mask: u64, c: Option<&u8>| c.is_none_or(|&c| mask & (1 << (c & 63)) != 0);
        if fits(g.after, b.get(i + 2)) & fits(g.before, i.checked_sub(1).and_then(|j| b.get(j))) {
            self.compare(b, i, g, f);
        }
    }

    /// The patterns of group `g`, filed under the pair at `i`, compared where each would start.
    #[inline(never)]
    fn compare(&self, b: &[u8], i: usize, g: &Group, f: &mut impl FnMut(usize, usize, usize)) {
        let filed = self.filed.get(g.lo as usize..g.hi as usize).unwrap_or(&[]);
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
}

/// The bytes an entry's pattern has right before and right after the pair it is filed under,
/// as `Group` masks (every bit for a byte outside the pattern).
fn context(patterns: &[Pattern], e: &Filed) -> (u64, u64) {
    let Some(p) = patterns.get(e.pattern as usize) else {
        return (u64::MAX, u64::MAX);
    };
    let mask = |j: i32| {
        usize::try_from(j)
            .ok()
            .and_then(|j| p.bytes.get(j))
            .map_or(u64::MAX, |&c| {
                variants(c, p.ci)
                    .into_iter()
                    .fold(0u64, |m, v| m | 1 << (v & 63))
            })
    };
    // The pair sits at the pattern's offset `-off`.
    (mask(-e.off - 1), mask(2 - e.off))
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

    /// Every occurrence by brute force: each pattern compared at each offset.
    fn naive(patterns: &[(Vec<u8>, bool)], text: &str) -> Vec<(usize, usize, usize)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        for start in 0..b.len() {
            for (i, (p, ci)) in patterns.iter().enumerate() {
                let Some(w) = b.get(start..start + p.len()) else {
                    continue;
                };
                let same = if *ci {
                    w.eq_ignore_ascii_case(p)
                } else {
                    w == p.as_slice()
                };
                if !p.is_empty() && same {
                    out.push((i, start, start + p.len()));
                }
            }
        }
        out.sort_unstable();
        out
    }

    fn random_bytes(rng: &mut crate::test_rng::TestRng, alphabet: &[u8], len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect()
    }

    /// One to `most` patterns of 1 to `longest` bytes, each case-sensitive or not at random.
    fn random_patterns(
        rng: &mut crate::test_rng::TestRng,
        alphabet: &[u8],
        most: usize,
        longest: usize,
    ) -> Vec<(Vec<u8>, bool)> {
        (0..1 + rng.below(most))
            .map(|_| {
                let len = 1 + rng.below(longest);
                (random_bytes(rng, alphabet, len), rng.below(2) == 0)
            })
            .collect()
    }

    /// Random pattern sets (lengths 1 to 6, either case rule, some sharing pairs and
    /// neighbours so that groups hold several patterns) over random texts of both parities,
    /// patterns often at a text's start or end, against the brute-force search.
    #[test]
    fn random_sets_match_a_brute_force_search() {
        let alphabet = [b'a', b'b', b'A', b'B', b'-', b' ', b'0'];
        let mut rng = crate::test_rng::TestRng::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..300 {
            let patterns = random_patterns(&mut rng, &alphabet, 8, 6);
            let set = AnchorSet::new(&patterns);
            for _ in 0..40 {
                let len = rng.below(20);
                let mut text = random_bytes(&mut rng, &alphabet, len);
                // A pattern (case changed at random) at the start or the end.
                let (p, _) = &patterns[rng.below(patterns.len())];
                let mut p = p.clone();
                if rng.below(2) == 0 {
                    p.make_ascii_uppercase();
                }
                if rng.below(2) == 0 {
                    text.extend_from_slice(&p);
                } else {
                    text.splice(0..0, p);
                }
                let text = String::from_utf8(text).unwrap();
                assert_eq!(
                    found(&set, &text),
                    naive(&patterns, &text),
                    "{patterns:?} {text:?}"
                );
            }
        }
    }

    /// Texts of several search blocks, a pattern placed across each block boundary and at the
    /// bytes around it (both parities), against the brute-force search.
    #[test]
    fn matches_across_block_boundaries_match_a_brute_force_search() {
        let alphabet = [b'a', b'b', b'A', b'-', b' '];
        let block = 2 * PAIRS_PER_BLOCK;
        let mut rng = crate::test_rng::TestRng::new(0x51de_b10c_5eed_0001);
        for _ in 0..60 {
            let patterns = random_patterns(&mut rng, &alphabet, 6, 5);
            let set = AnchorSet::new(&patterns);
            for len in [block - 1, block, block + 1, 3 * block - 1, 3 * block + 2] {
                let mut text = random_bytes(&mut rng, &alphabet, len);
                for edge in (block..len).step_by(block) {
                    let (p, _) = &patterns[rng.below(patterns.len())];
                    let at = (edge + rng.below(7)).saturating_sub(3 + p.len() / 2);
                    if let Some(slot) = text.get_mut(at..at + p.len()) {
                        slot.copy_from_slice(p);
                    }
                }
                let text = String::from_utf8(text).unwrap();
                assert_eq!(found(&set, &text), naive(&patterns, &text), "{patterns:?}");
            }
        }
    }

    /// One-byte patterns for every byte value fill the whole pair table, with 256 distinct
    /// groups in every row (the most a row can have); the search still finds each byte once.
    #[test]
    fn a_full_table_finds_every_byte() {
        let patterns: Vec<(Vec<u8>, bool)> = (0..=255u8).map(|c| (vec![c], false)).collect();
        let set = AnchorSet::new(&patterns);
        assert!(set.slot.iter().all(|&k| k != 0));
        assert_eq!(set.groups.len(), 1 + 256 * 256);
        let text: String = (0u8..128).rev().chain(0..128).map(char::from).collect();
        assert_eq!(found(&set, &text), naive(&patterns, &text));
        assert_eq!(found(&set, &text[1..]), naive(&patterns, &text[1..]));
        let text = "café ü";
        assert_eq!(found(&set, text), naive(&patterns, text));
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
