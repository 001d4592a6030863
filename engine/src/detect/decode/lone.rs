//! Lone values: a message that is nothing but one short encoded value (or "what does this mean?"
//! and the value). Such a message asks for the value to be read, so codes too short for the
//! decoders of running text (a 5-character ASCII85 group, one padded base32 group, a 5-character
//! UUencode line, three Morse letters, a rot13 word) are decoded here. The decoded text must read
//! as words: letters (with spaces and a little punctuation), and a plausible sequence of English
//! letter pairs (`bigrams.rs`), so an identifier that happens to decode to bytes does not count.
//! rot13, Atbash and leetspeak are recognised by the same letter-pair statistics: the value
//! reads much worse than its deciphered form.
//!
//! Only texts of at most `MAX_LONE` bytes on one line are read, so prose never pays for this.

use super::{
    ascii85_min, atbash, base32_padded, base64_groups, base85_min, braille_min, hex_min, morse,
    nato, push, rot13, selector_byte, utf8, uu_groups, Decoded,
};
use crate::detect::bigrams::{BOUNDARY, LOG2_8};

/// A lone value is short and on one line.
const MAX_LONE: usize = 200;
const MAX_LONE_TOKENS: usize = 12;
/// Mean letter-pair log-probability (log2 × 8) a deciphered text must reach to read as English,
/// the most its ciphered form may reach, and by how much the reading must beat it.
const ENGLISH_FLOOR: i32 = -36;
const CIPHER_CEILING: i32 = -40;
/// English written backwards scores about -36 to -41 on the pair table, English -26 to -30.
const REVERSED_CEILING: i32 = -33;
const REVERSED_FLOOR: i32 = -32;
const REVERSED_GAIN: i32 = 6;
const MIN_GAIN: i32 = 14;
/// Random short tokens (four or five letters) read as rot13, Atbash or leetspeak English now and
/// then: short values must read better and gain more.
const SHORT_LETTERS: usize = 5;
const SHORT_FLOOR: i32 = -32;
const SHORT_GAIN: i32 = 16;
/// What a decoded lone value of few letters must reach: short codes decode to random letters
/// now and then, which rarely make English letter pairs.
const WORD_FLOOR: i32 = -42;
/// Readings of leetspeak that are slang of their own, not a hidden word.
const LEET_SLANG: &[&str] = &[
    "noob", "newb", "leet", "elite", "haxor", "haxxor", "hax", "pwned", "pwnd", "owned", "woot",
    "lol", "lolz", "boss",
];

/// Decode the lone value of `text`, if it is one and it reads as words.
pub fn decode_lone(text: &str, budget: &mut usize, out: &mut Vec<Decoded>) {
    let Some((s, e)) = lone_value(text) else {
        return;
    };
    let Some(value) = text.get(s..e) else {
        return;
    };
    if let Some((kind, decoded)) = read_lone(value) {
        push(out, budget, s, e, kind, decoded);
    }
}

/// The byte range of the lone value of a message: the whole trimmed text, or what follows a
/// leading "what does this mean?" on the same line; one line of at most 12 tokens.
fn lone_value(text: &str) -> Option<(usize, usize)> {
    if text.len() > MAX_LONE {
        return None;
    }
    let lead = text.len() - text.trim_start().len();
    let body = text.trim();
    if body.is_empty() || body.contains('\n') {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let (start, value) = match super::meaning_question(&lower) {
        Some(k) if lower.starts_with("what do") => {
            let rest = body.get(k..)?;
            (lead + k + rest.len() - rest.trim_start().len(), rest.trim())
        }
        _ => (lead, body),
    };
    let tokens = value.split_whitespace().count();
    if tokens == 0 || tokens > MAX_LONE_TOKENS {
        return None;
    }
    Some((start, start + value.len()))
}

fn read_lone(value: &str) -> Option<(&'static str, String)> {
    let single = !value.contains(char::is_whitespace);
    if single && value.is_ascii() {
        if let Some(r) = ascii_code(value) {
            return Some(r);
        }
    }
    if !value.is_ascii() {
        return unit_code(value);
    }
    if let Some(r) = morse_or_nato(value) {
        return Some(r);
    }
    letter_cipher(value).or_else(|| leetspeak(value))
}

/// One ASCII token in an encoding of bytes: ASCII85 (with a digit or symbol in it), a UUencode
/// line (its length character matching its length), one or more padded base32 groups, whole
/// base64 groups, or hex.
fn ascii_code(tok: &str) -> Option<(&'static str, String)> {
    let b = tok.as_bytes();
    // ASCII85 and Base85 spell words too ("Step-by-Step", "Hello!"): they need a character no
    // word has.
    // Numbers, times, dates and amounts are not codes ("78.57", "6:42", "95%+").
    if b.iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b',' | b':' | b'-' | b'/' | b'+' | b'%'))
    {
        return None;
    }
    let all_caps = b.iter().all(|c| !c.is_ascii_lowercase());
    let letters_only = b
        .iter()
        .all(|c| c.is_ascii_alphabetic() || matches!(c, b'-' | b'\'' | b'.' | b',' | b'!' | b'?'));
    let lower_only = b.iter().all(u8::is_ascii_lowercase);
    // A lower-case word is a word unless it reads badly as English (base64 of a short word
    // can be lower-case letters).
    if lower_only && english_score(tok) > CIPHER_CEILING {
        return None;
    }
    // Each decoder runs only when the ones before it did not read the token.
    const KINDS: [&str; 6] = ["hex", "base32", "base64", "ascii85", "base85", "uuencode"];
    KINDS.into_iter().find_map(|kind| {
        let decoded = match kind {
            "hex" => hex_min(tok, 6),
            "base32" => base32_padded(tok),
            // A token of hex digits only is hex (a hash, an id), not base64.
            "base64" if !b.iter().all(u8::is_ascii_hexdigit) => base64_groups(tok),
            "ascii85" if !letters_only => ascii85_min(tok, 4),
            // Base85 of a word may be letters only ("Frog" is "Msjaw"): then the token must
            // read badly as English and not be an acronym.
            "base85" if !letters_only || (english_score(tok) <= CIPHER_CEILING && !all_caps) => {
                base85_min(tok, 4)
            }
            "uuencode" => uu_line(b).and_then(utf8),
            _ => None,
        };
        decoded.filter(|d| reads_as_words(d)).map(|d| (kind, d))
    })
}

/// One UUencode line: a length character (1 to 45 bytes) and exactly the groups it needs (the
/// trailing spaces of the last group may have been trimmed).
fn uu_line(b: &[u8]) -> Option<Vec<u8>> {
    let n = usize::from(b.first()?.checked_sub(0x20)?);
    let want = 1 + n.div_ceil(3) * 4;
    if !(1..=45).contains(&n)
        || b.len() > want
        || b.len() + 3 < want
        || !b.iter().all(|&c| (0x21..=0x60).contains(&c))
    {
        return None;
    }
    Some(uu_groups(b.get(1..)?, n))
}

/// Three or more Morse letters, or three or more NATO code words, and nothing else.
fn morse_or_nato(value: &str) -> Option<(&'static str, String)> {
    let tokens = || value.split_whitespace();
    if tokens().count() < 3 {
        return None;
    }
    if tokens().all(|t| t.len() <= 6 && t.bytes().all(|c| matches!(c, b'.' | b'-' | b'/'))) {
        return morse(value)
            .filter(|d| reads_as_words(d))
            .map(|d| ("morse", d));
    }
    let nato_word = |t: &str| super::NATO.iter().any(|n| n.eq_ignore_ascii_case(t));
    if tokens().all(nato_word) {
        return nato(value)
            .filter(|d| reads_as_words(d))
            .map(|d| ("nato", d));
    }
    None
}

/// Codes of non-ASCII units: three or more Braille cells, three or more variation selectors
/// carrying bytes.
fn unit_code(value: &str) -> Option<(&'static str, String)> {
    let braille = |c: char| ('\u{2800}'..='\u{28FF}').contains(&c) || c.is_whitespace();
    if value.chars().all(braille) {
        return braille_min(value, 3)
            .filter(|d| reads_as_words(d))
            .map(|d| ("braille", d));
    }
    let selector = |c: char| matches!(c as u32, 0xE0100..=0xE01EF);
    if value.chars().filter(|&c| selector(c)).count() >= 3 {
        let bytes: Vec<u8> = value
            .chars()
            .filter(|&c| selector(c))
            .filter_map(|c| selector_byte(c as u32))
            .collect();
        return utf8(bytes)
            .filter(|d| reads_as_words(d))
            .map(|d| ("variation_selectors", d));
    }
    None
}

/// A value of letters that reads much better in rot13 or Atbash than as written. Acronyms
/// (a word in capitals) and words with an inner capital (`gRPC`, `arXiv`) are not read: they
/// are names, and names are where letter statistics err.
fn letter_cipher(value: &str) -> Option<(&'static str, String)> {
    if !plain_letters(value) {
        return None;
    }
    let as_written = english_score(value);
    if as_written > CIPHER_CEILING {
        return None;
    }
    // Named apart from the readings made when the text names the cipher, which are the text
    // itself; these stand for a payload.
    let readings: [(&'static str, Cipher); 2] =
        [("rot13_unnamed", rot13), ("atbash_unnamed", atbash)];
    let (kind, decoded, score) = readings
        .into_iter()
        .map(|(kind, f)| {
            let d: String = value.chars().map(f).collect();
            let s = english_score(&d);
            (kind, d, s)
        })
        .max_by_key(|r| r.2)?;
    let short = value.chars().filter(char::is_ascii_alphabetic).count() <= SHORT_LETTERS;
    let (floor, gain) = if short {
        (SHORT_FLOOR, SHORT_GAIN)
    } else {
        (ENGLISH_FLOOR, MIN_GAIN)
    };
    (score >= floor && score - as_written >= gain).then_some((kind, decoded))
}

/// A letter-for-letter cipher.
type Cipher = fn(char) -> char;

/// `line` read under the Caesar shift, Atbash or reversal that makes it English, when it is not
/// English as written: enough letters, and the best reading beats the line as written by the
/// margin a lone ciphered value needs. One scoring pass for a line of English; 27 more for the
/// others. (Reversed English is not English to letter pairs: "eht" for "the".)
pub(super) fn best_letter_reading(line: &str) -> Option<String> {
    let letters = line.bytes().filter(u8::is_ascii_alphabetic).count();
    if letters < super::MIN_SHIFT_LETTERS {
        return None;
    }
    let as_written = english_score(line);
    // Reversed English keeps English letters, so its pairs score between English and a cipher:
    // a narrower band of its own.
    let reversed: String = line.trim_end().chars().rev().collect();
    let backwards = english_score(&reversed);
    if as_written <= REVERSED_CEILING
        && backwards >= REVERSED_FLOOR
        && backwards - as_written >= REVERSED_GAIN
    {
        return Some(reversed);
    }
    if as_written > CIPHER_CEILING {
        return None;
    }
    let mut best: Option<(i32, String)> = None;
    for reading in (1..26)
        .map(|k| {
            line.chars()
                .map(|c| super::shift_letter(c, k))
                .collect::<String>()
        })
        .chain(std::iter::once(line.chars().map(atbash).collect()))
    {
        let score = english_score(&reading);
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, reading));
        }
    }
    let (score, reading) = best?;
    (score >= ENGLISH_FLOOR && score - as_written >= MIN_GAIN).then_some(reading)
}

/// Letters in words of the usual shape: no capitals after the first letter of a word, and a
/// little punctuation (apostrophes, hyphens, sentence ends); four letters at least.
fn plain_letters(value: &str) -> bool {
    let mut letters = 0usize;
    for word in value.split_whitespace() {
        for (i, c) in word.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                return false;
            }
            if c.is_ascii_alphabetic() {
                letters += 1;
            } else if !matches!(c, '\'' | '-' | '.' | ',' | '!' | '?') {
                return false;
            }
        }
    }
    letters >= 4
}

/// Words written with digits and symbols for letters ("h3ll0 w0rld"): a quarter of the words
/// or more mix leet digits with letters, no other digits, and the reading is English. Slang
/// that is leet of its own ("n00b", "h4x0r"), ordinals ("3rd") and numeronyms ("l10n", "k8s")
/// are not hidden words.
fn leetspeak(value: &str) -> Option<(&'static str, String)> {
    let mut reading = String::with_capacity(value.len());
    let (mut words, mut leet_words, mut letters) = (0usize, 0usize, 0usize);
    let mut leet_digits = 0usize;
    for word in value.split_whitespace() {
        words += 1;
        let b = word.as_bytes();
        let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
        let has_letter = b.iter().any(u8::is_ascii_alphabetic);
        if digits > 0 {
            let numeronym = b.len() >= 3
                && b.first().is_some_and(u8::is_ascii_alphabetic)
                && b.last().is_some_and(u8::is_ascii_alphabetic)
                && b.get(1..b.len() - 1)
                    .is_some_and(|m| m.iter().all(u8::is_ascii_digit));
            let ordinal = b.len() <= 4
                && ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|s| word.to_ascii_lowercase().ends_with(s));
            // A number after a hyphen or a dot is a number ("COVID-19", "v2.5").
            let number = b.windows(2).any(|w| {
                w.get(1).is_some_and(u8::is_ascii_digit)
                    && w.first().is_some_and(|c| !c.is_ascii_alphanumeric())
            });
            // Identifiers and measures: capitals only ("E3CTEV17"), an inner capital
            // ("hESs1rcH"), a number of two digits or more at the start ("10s", "500ms"), a run
            // of three digits ("Bar7174v").
            let caps = b.iter().filter(|c| c.is_ascii_uppercase()).count();
            let inner_capital = b.iter().skip(1).any(u8::is_ascii_uppercase);
            let leading_number = b.iter().take_while(|c| c.is_ascii_digit()).count() >= 2;
            // Hex digits only: a hash or an id ("d93c3cc5").
            let hex_id = b.len() >= 6 && b.iter().all(u8::is_ascii_hexdigit);
            let long_run = b.windows(3).any(|w| w.iter().all(u8::is_ascii_digit));
            if !has_letter
                || numeronym
                || ordinal
                || number
                || digits * 3 > b.len() * 2
                || (caps >= 2 && inner_capital)
                || (inner_capital && caps > 0 && b.first().is_some_and(u8::is_ascii_lowercase))
                || leading_number
                || long_run
                || hex_id
            {
                return None;
            }
            leet_digits += digits;
            // A random identifier that starts with a digit has as many digits as letters.
            let letters_here = b.len() - digits;
            if b.len() >= 5
                && b.first().is_some_and(u8::is_ascii_digit)
                && digits * 2 > letters_here
            {
                return None;
            }
            // Digits only at the end of a short word name things ("mp3", "sha1", "win7"): the
            // word is read, but it does not make the value leetspeak.
            let head = b.iter().take_while(|c| !c.is_ascii_digit()).count();
            let trailing = b
                .get(head..)
                .is_some_and(|t| t.iter().all(u8::is_ascii_digit));
            if !trailing || head >= 4 {
                leet_words += 1;
            }
        }
        if !reading.is_empty() {
            reading.push(' ');
        }
        for &c in b {
            let l = match c {
                b'0' => 'o',
                b'1' => 'i',
                b'3' => 'e',
                b'4' | b'@' => 'a',
                b'5' | b'$' => 's',
                b'7' => 't',
                b'8' => 'b',
                b'9' => 'g',
                c if c.is_ascii_alphabetic() => char::from(c.to_ascii_lowercase()),
                b'\'' | b'-' | b'.' | b',' | b'!' | b'?' => char::from(c),
                _ => return None,
            };
            if l.is_ascii_alphabetic() {
                letters += 1;
            }
            reading.push(l);
        }
    }
    // One digit among letters is a name, a measure or an identifier ("Wong4", "1rem",
    // "Conv2d", "subcommand1"); a word written in leetspeak swaps two letters or more.
    if leet_words == 0 || leet_words * 4 < words || letters < 3 || leet_digits < 2 {
        return None;
    }
    let bare = reading.trim_matches(|c: char| !c.is_ascii_alphabetic());
    if LEET_SLANG.contains(&bare) {
        return None;
    }
    let floor = if letters <= SHORT_LETTERS + 1 {
        SHORT_FLOOR
    } else {
        ENGLISH_FLOOR
    };
    (english_score(&reading) >= floor).then_some(("leetspeak", reading))
}

/// Decoded bytes that read as words: ASCII letters in words of the usual shape (lower case, or
/// one capital first), separated by single spaces, a little punctuation after a word, three
/// letters or more and English letter pairs.
fn reads_as_words(d: &str) -> bool {
    let mut letters = 0usize;
    for word in d.split(' ') {
        let body = word.trim_end_matches(['\'', '.', ',', '!', '?']);
        let mut chars = body.chars();
        match chars.next() {
            Some(c) if c.is_ascii_alphabetic() => letters += 1,
            _ => return false,
        }
        for c in chars {
            if c.is_ascii_lowercase() {
                letters += 1;
            } else if !matches!(c, '\'' | '-') {
                return false;
            }
        }
    }
    letters >= 3 && english_score(d) >= WORD_FLOOR
}

/// Mean log2 probability (× 8) of the letter pairs of `text` under the English table, word
/// boundaries included; non-letters are boundaries. Empty text scores the minimum.
pub(crate) fn english_score(text: &str) -> i32 {
    let (mut total, mut pairs) = (0i32, 0i32);
    let mut prev = BOUNDARY;
    for c in text.bytes().chain(std::iter::once(b' ')) {
        let cur = if c.is_ascii_alphabetic() {
            usize::from(c.to_ascii_lowercase() - b'a')
        } else {
            BOUNDARY
        };
        if cur == BOUNDARY && prev == BOUNDARY {
            continue;
        }
        let p = LOG2_8
            .get(prev)
            .and_then(|row| row.get(cur))
            .copied()
            .unwrap_or(i8::MIN);
        total += i32::from(p);
        pairs += 1;
        prev = cur;
    }
    if pairs == 0 {
        i32::from(i8::MIN)
    } else {
        total / pairs
    }
}

/// A token of three or more characters of alphabetic scripts (two or more of them letters), no
/// ASCII, from two or more writing systems (Base2048 mixes Latin extensions, Greek, Cyrillic,
/// Armenian, Tibetan signs and more in one token; a word of a language keeps to one system:
/// accented Latin, polytonic Greek, Kazakh Cyrillic, Persian letters stay in theirs). Symbols,
/// emoji, CJK, kana and Hangul syllables are not counted. For lone values only: a name styled
/// with one Greek letter has ASCII letters and does not count.
pub fn two_script_code(tok: &str) -> bool {
    if tok.is_ascii() || tok.bytes().any(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let mut systems = [u32::MAX; 2];
    let (mut chars, mut letters) = (0usize, 0usize);
    for c in tok.chars() {
        let cp = c as u32;
        // Letters and signs of the alphabetic scripts (Base2048 ends a code with a Tibetan or
        // similar sign); Latin-1 punctuation, symbols, emoji and CJK are not counted.
        if !(0xC0..0x2000).contains(&cp) || c.is_whitespace() {
            continue;
        }
        chars += 1;
        if c.is_alphanumeric() {
            letters += 1;
        }
        let system = match cp {
            0..=0x2AF | 0x1E00..=0x1EFF => 0,
            0x370..=0x3FF | 0x1F00..=0x1FFF => 1,
            0x400..=0x52F | 0x1C80..=0x1C8F => 2,
            0x530..=0x58F => 3,
            0x590..=0x5FF => 4,
            0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF => 5,
            0xF00..=0xFFF => 6,
            0x1100..=0x11FF => 7,
            0x1200..=0x139F => 8,
            _ => 16 + (cp >> 7),
        };
        match systems {
            [a, _] if a == u32::MAX => systems[0] = system,
            [a, b] if a != system && b == u32::MAX => systems[1] = system,
            _ => {}
        }
    }
    chars >= 3 && letters >= 2 && systems[1] != u32::MAX
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lone(text: &str) -> Option<(&'static str, String)> {
        let mut out = Vec::new();
        let mut budget = 1 << 16;
        decode_lone(text, &mut budget, &mut out);
        out.pop().map(|d| (d.kind, d.text))
    }

    #[test]
    fn short_codes_alone_are_decoded() {
        // "Hello" / "Spam" / "Toast" in each encoding, written for this test.
        assert_eq!(lone("87cURDZ"), Some(("ascii85", "Hello".into())));
        assert_eq!(lone("KNYGC3I="), Some(("base32", "Spam".into())));
        assert_eq!(lone("U3BhbQ=="), Some(("base64", "Spam".into())));
        assert_eq!(lone("%5&]A<W0`"), Some(("uuencode", "Toast".into())));
        assert_eq!(lone("$4V]U<"), Some(("uuencode", "Soup".into())));
        assert_eq!(lone("NM&qnZv"), Some(("base85", "Hello".into())));
        // Base85 of "Frog" is letters only; ASCII85 with a leading "<" digit ("Taco").
        assert_eq!(lone("Msjaw"), Some(("base85", "Frog".into())));
        assert_eq!(lone("<+09T"), Some(("ascii85", "Taco".into())));
        assert_eq!(lone("5370616D"), Some(("hex", "Spam".into())));
        assert_eq!(lone("... .--. .- --"), Some(("morse", "spam".into())));
        assert_eq!(lone("Sierra Papa Alfa Mike"), Some(("nato", "spam".into())));
        assert_eq!(
            lone("What does this mean? KNYGC3I="),
            Some(("base32", "Spam".into()))
        );
    }

    #[test]
    fn ciphered_words_alone_are_read_by_letter_statistics() {
        // rot13 of "Wonderful weather", Atbash of "Kitchen", rot13 of "Tomorrow".
        assert_eq!(
            lone("Jbaqreshy jrngure"),
            Some(("rot13_unnamed", "Wonderful weather".into()))
        );
        assert_eq!(lone("Prgxsvm"), Some(("atbash_unnamed", "Kitchen".into())));
        assert_eq!(lone("Gbzbeebj"), Some(("rot13_unnamed", "Tomorrow".into())));
        assert_eq!(
            lone("What does this mean? Gbzbeebj"),
            Some(("rot13_unnamed", "Tomorrow".into()))
        );
    }

    #[test]
    fn leetspeak_alone_is_read() {
        assert_eq!(
            lone("7h3 k1tch3n 1s cl0s3d"),
            Some(("leetspeak", "the kitchen is closed".into()))
        );
        assert_eq!(lone("G4rd3n"), Some(("leetspeak", "garden".into())));
        assert_eq!(lone("P4r1s"), Some(("leetspeak", "paris".into())));
    }

    #[test]
    fn words_names_ids_and_slang_alone_are_not_codes() {
        for text in [
            // Words and foreign names, including ones letter statistics find odd.
            "hello",
            "Thanks!",
            "Step-by-Step",
            "Hello!",
            "Kyiv",
            "Krzysztof",
            "Szczecin",
            "Tbilisi",
            "Ljubljana",
            "Nguyen",
            "Wroclaw",
            // Acronyms, identifiers, inner capitals.
            "NASA",
            "RSVP",
            "gRPC",
            "arXiv",
            "GraphQL",
            "ABCD1234",
            "X7K2P9QM",
            "a3f9c2e1",
            // Leet slang, numeronyms, versions, ordinals.
            "n00b",
            "h4x0r",
            "pwn3d",
            "l33t",
            "l10n",
            "i18n",
            "k8s",
            "a11y",
            "mp3",
            "sha1",
            "win7",
            "E3CTEV17",
            "hESs1rcH",
            "Bar7174v",
            "10s",
            "500ms",
            "1rem",
            "Wong4",
            "subcommand1",
            "4m1c70l7",
            "1rr37a",
            "9ee17c45",
            "cecc7e3f",
            "Conv2d",
            "Dropout3d",
            "m3achy",
            "output.mp3",
            "78.57",
            "6:42",
            "2026-02-15",
            "Ohio",
            "Aurelia",
            "Weighted",
            "x86_64",
            "COVID-19",
            "3rd",
            "4G",
            "B2B",
            // Prose and questions.
            "what does this mean? carpe diem",
            "ok see you tomorrow at noon",
            // Greek-styled and accented names, Japanese.
            "\u{3a9}mega",
            "Nik\u{3b5}",
            "caf\u{e9}",
            "\u{3053}\u{3093}\u{306B}\u{3061}\u{306F}",
        ] {
            assert_eq!(lone(text), None, "{text}");
        }
    }

    #[test]
    fn two_scripts_in_one_token_without_ascii() {
        assert!(two_script_code("\u{39a}\u{15a}\u{224}"));
        assert!(two_script_code("\u{3cb}\u{57f}\u{504}"));
        // Two letters and a Tibetan sign.
        assert!(two_script_code("\u{39a}\u{15b}\u{f10}"));
        // Persian and Arabic letters from both halves of the Arabic block; Hebrew with points.
        assert!(!two_script_code("\u{6af}\u{631}\u{628}\u{647}"));
        assert!(!two_script_code(
            "\u{5e9}\u{5c1}\u{5b8}\u{5dc}\u{5d5}\u{5b9}\u{5dd}"
        ));
        // One system each: accented Latin, Greek with polytonic letters, Kazakh Cyrillic.
        assert!(!two_script_code("\u{17c}\u{f3}\u{142}\u{107}"));
        assert!(!two_script_code("\u{1f00}\u{3bb}\u{3c6}\u{3b1}"));
        assert!(!two_script_code("\u{49b}\u{430}\u{437}\u{430}\u{49b}"));
        // ASCII letters with one Greek letter: a styled name.
        assert!(!two_script_code("\u{3a9}mega"));
    }

    #[test]
    fn long_or_multi_line_text_is_not_a_lone_value() {
        let long = "Jbaqreshy jrngure ".repeat(20);
        assert_eq!(lone(&long), None);
        assert_eq!(lone("Gbzbeebj\nGbzbeebj"), None);
    }
}
