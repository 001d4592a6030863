//! Text normalisation against obfuscation: the folded view the detectors read.
//!
//! One pass, char by char: invisible characters are dropped, Unicode tag characters are decoded to
//! the ASCII they smuggle, full-width / mathematical / enclosed letters and look-alike letters
//! (Cyrillic, Greek, accented Latin) become plain ASCII, everything is lower-cased, and runs of
//! white space become one space (or one newline if the run held a line break). Punctuation stays,
//! so structural patterns (`<|im_start|>`) still match. Offsets in the folded view map back to the
//! original text with `original_offsets`, which re-runs the pass only when findings need it.

use super::bytes8::{eq_bits, in_range_bits, HIGHS};

/// What one input character becomes in the folded view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folded {
    Drop,
    Space,
    Newline,
    Char(char),
}

pub fn fold_char(c: char) -> Folded {
    if c.is_ascii() {
        return match c {
            '\n' | '\r' | '\x0b' | '\x0c' => Folded::Newline,
            ' ' | '\t' => Folded::Space,
            c if c.is_ascii_control() => Folded::Drop,
            c => Folded::Char(c.to_ascii_lowercase()),
        };
    }
    let cp = c as u32;
    if is_invisible(cp) {
        return Folded::Drop;
    }
    if (0xE0000..=0xE007F).contains(&cp) {
        // Unicode tag characters mirror ASCII 0x20..0x7E; the rest of the block carries nothing.
        return match char::from_u32(cp - 0xE0000) {
            Some(a) if (' '..='~').contains(&a) => fold_char(a),
            _ => Folded::Drop,
        };
    }
    if let Some(a) = ascii_lookalike(cp) {
        return Folded::Char(a.to_ascii_lowercase());
    }
    if c.is_whitespace() {
        return match cp {
            0x2028 | 0x2029 | 0x85 => Folded::Newline,
            _ => Folded::Space,
        };
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => Folded::Char(l),
        // Rare multi-char lower-casings (e.g. U+0130) keep the original; they are not ASCII tricks.
        _ => Folded::Char(c),
    }
}

/// Invisible and formatting characters an attacker can sprinkle inside words.
fn is_invisible(cp: u32) -> bool {
    matches!(cp,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF9..=0xFFFB | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0100..=0xE01EF
        // Combining marks: "i\u{308}gnore" reads as "ignore".
        | 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Non-ASCII characters that render as (or decompose to) an ASCII letter or digit.
fn ascii_lookalike(cp: u32) -> Option<char> {
    let from = |base: u32, offset: u32| char::from_u32(base + offset);
    match cp {
        // Full-width ASCII.
        0xFF01..=0xFF5E => from(0x21, cp - 0xFF01),
        // Mathematical alphanumerics: 13 alphabets of A-Z a-z, then digit styles.
        0x1D400..=0x1D6A3 => {
            let i = (cp - 0x1D400) % 52;
            if i < 26 {
                from(u32::from(b'a'), i)
            } else {
                from(u32::from(b'a'), i - 26)
            }
        }
        0x1D7CE..=0x1D7FF => from(u32::from(b'0'), (cp - 0x1D7CE) % 10),
        // Circled and parenthesised letters and digits.
        0x24B6..=0x24CF => from(u32::from(b'a'), cp - 0x24B6),
        0x24D0..=0x24E9 => from(u32::from(b'a'), cp - 0x24D0),
        0x249C..=0x24B5 => from(u32::from(b'a'), cp - 0x249C),
        0x2460..=0x2468 => from(u32::from(b'1'), cp - 0x2460),
        // Squared, negative circled and negative squared Latin capitals.
        0x1F130..=0x1F149 => from(u32::from(b'a'), cp - 0x1F130),
        0x1F150..=0x1F169 => from(u32::from(b'a'), cp - 0x1F150),
        0x1F170..=0x1F189 => from(u32::from(b'a'), cp - 0x1F170),
        // Regional indicator symbols render as letters in many fonts.
        0x1F1E6..=0x1F1FF => from(u32::from(b'a'), cp - 0x1F1E6),
        // Superscript and subscript digits.
        0x2070 => Some('0'),
        0x00B9 => Some('1'),
        0x00B2 => Some('2'),
        0x00B3 => Some('3'),
        0x2074..=0x2079 => from(u32::from(b'4'), cp - 0x2074),
        0x2080..=0x2089 => from(u32::from(b'0'), cp - 0x2080),
        _ => char::from_u32(cp).and_then(table_lookalike),
    }
}

/// Look-alike letters by table: accented Latin, Cyrillic, Greek, small capitals, letterlike symbols
/// (upper and lower case), sorted by code point for a binary search.
const LOOKALIKES: &[(u32, u8)] = &[
    (0x00C0, b'a'),
    (0x00C1, b'a'),
    (0x00C2, b'a'),
    (0x00C3, b'a'),
    (0x00C4, b'a'),
    (0x00C5, b'a'),
    (0x00C7, b'c'),
    (0x00C8, b'e'),
    (0x00C9, b'e'),
    (0x00CA, b'e'),
    (0x00CB, b'e'),
    (0x00CC, b'i'),
    (0x00CD, b'i'),
    (0x00CE, b'i'),
    (0x00CF, b'i'),
    (0x00D1, b'n'),
    (0x00D2, b'o'),
    (0x00D3, b'o'),
    (0x00D4, b'o'),
    (0x00D5, b'o'),
    (0x00D6, b'o'),
    (0x00D8, b'o'),
    (0x00D9, b'u'),
    (0x00DA, b'u'),
    (0x00DB, b'u'),
    (0x00DC, b'u'),
    (0x00DD, b'y'),
    (0x00E0, b'a'),
    (0x00E1, b'a'),
    (0x00E2, b'a'),
    (0x00E3, b'a'),
    (0x00E4, b'a'),
    (0x00E5, b'a'),
    (0x00E7, b'c'),
    (0x00E8, b'e'),
    (0x00E9, b'e'),
    (0x00EA, b'e'),
    (0x00EB, b'e'),
    (0x00EC, b'i'),
    (0x00ED, b'i'),
    (0x00EE, b'i'),
    (0x00EF, b'i'),
    (0x00F1, b'n'),
    (0x00F2, b'o'),
    (0x00F3, b'o'),
    (0x00F4, b'o'),
    (0x00F5, b'o'),
    (0x00F6, b'o'),
    (0x00F8, b'o'),
    (0x00F9, b'u'),
    (0x00FA, b'u'),
    (0x00FB, b'u'),
    (0x00FC, b'u'),
    (0x00FD, b'y'),
    (0x00FF, b'y'),
    (0x0100, b'a'),
    (0x0101, b'a'),
    (0x0102, b'a'),
    (0x0103, b'a'),
    (0x0104, b'a'),
    (0x0105, b'a'),
    (0x0106, b'c'),
    (0x0107, b'c'),
    (0x0108, b'c'),
    (0x0109, b'c'),
    (0x010A, b'c'),
    (0x010B, b'c'),
    (0x010C, b'c'),
    (0x010D, b'c'),
    (0x010E, b'd'),
    (0x010F, b'd'),
    (0x0110, b'd'),
    (0x0111, b'd'),
    (0x0112, b'e'),
    (0x0113, b'e'),
    (0x0114, b'e'),
    (0x0115, b'e'),
    (0x0116, b'e'),
    (0x0117, b'e'),
    (0x0118, b'e'),
    (0x0119, b'e'),
    (0x011A, b'e'),
    (0x011B, b'e'),
    (0x011C, b'g'),
    (0x011D, b'g'),
    (0x011E, b'g'),
    (0x011F, b'g'),
    (0x0120, b'g'),
    (0x0121, b'g'),
    (0x0122, b'g'),
    (0x0123, b'g'),
    (0x0124, b'h'),
    (0x0125, b'h'),
    (0x0126, b'h'),
    (0x0127, b'h'),
    (0x0128, b'i'),
    (0x0129, b'i'),
    (0x012A, b'i'),
    (0x012B, b'i'),
    (0x012C, b'i'),
    (0x012D, b'i'),
    (0x012E, b'i'),
    (0x012F, b'i'),
    (0x0131, b'i'),
    (0x0134, b'j'),
    (0x0135, b'j'),
    (0x0136, b'k'),
    (0x0137, b'k'),
    (0x0139, b'l'),
    (0x013A, b'l'),
    (0x013B, b'l'),
    (0x013C, b'l'),
    (0x013D, b'l'),
    (0x013E, b'l'),
    (0x013F, b'l'),
    (0x0140, b'l'),
    (0x0141, b'l'),
    (0x0142, b'l'),
    (0x0143, b'n'),
    (0x0144, b'n'),
    (0x0145, b'n'),
    (0x0146, b'n'),
    (0x0147, b'n'),
    (0x0148, b'n'),
    (0x0149, b'n'),
    (0x014C, b'o'),
    (0x014D, b'o'),
    (0x014E, b'o'),
    (0x014F, b'o'),
    (0x0150, b'o'),
    (0x0151, b'o'),
    (0x0154, b'r'),
    (0x0155, b'r'),
    (0x0156, b'r'),
    (0x0157, b'r'),
    (0x0158, b'r'),
    (0x0159, b'r'),
    (0x015A, b's'),
    (0x015B, b's'),
    (0x015C, b's'),
    (0x015D, b's'),
    (0x015E, b's'),
    (0x015F, b's'),
    (0x0160, b's'),
    (0x0161, b's'),
    (0x0162, b't'),
    (0x0163, b't'),
    (0x0164, b't'),
    (0x0165, b't'),
    (0x0166, b't'),
    (0x0167, b't'),
    (0x0168, b'u'),
    (0x0169, b'u'),
    (0x016A, b'u'),
    (0x016B, b'u'),
    (0x016C, b'u'),
    (0x016D, b'u'),
    (0x016E, b'u'),
    (0x016F, b'u'),
    (0x0170, b'u'),
    (0x0171, b'u'),
    (0x0172, b'u'),
    (0x0173, b'u'),
    (0x0174, b'w'),
    (0x0175, b'w'),
    (0x0176, b'y'),
    (0x0177, b'y'),
    (0x0178, b'y'),
    (0x0179, b'z'),
    (0x017A, b'z'),
    (0x017B, b'z'),
    (0x017C, b'z'),
    (0x017D, b'z'),
    (0x017E, b'z'),
    (0x0180, b'b'),
    (0x0181, b'b'),
    (0x0187, b'c'),
    (0x0188, b'c'),
    (0x018A, b'd'),
    (0x0191, b'f'),
    (0x0192, b'f'),
    (0x0193, b'g'),
    (0x0196, b'i'),
    (0x0198, b'k'),
    (0x0199, b'k'),
    (0x01A6, b'r'),
    (0x01B5, b'z'),
    (0x01B6, b'z'),
    (0x01CD, b'a'),
    (0x01CE, b'a'),
    (0x01CF, b'i'),
    (0x01D0, b'i'),
    (0x01D1, b'o'),
    (0x01D2, b'o'),
    (0x01D3, b'u'),
    (0x01D4, b'u'),
    (0x01E6, b'g'),
    (0x01E7, b'g'),
    (0x01F0, b'j'),
    (0x0200, b'a'),
    (0x0201, b'a'),
    (0x0202, b'a'),
    (0x0203, b'a'),
    (0x0204, b'e'),
    (0x0205, b'e'),
    (0x0206, b'e'),
    (0x0207, b'e'),
    (0x0208, b'i'),
    (0x0209, b'i'),
    (0x020A, b'i'),
    (0x020B, b'i'),
    (0x020C, b'o'),
    (0x020D, b'o'),
    (0x020E, b'o'),
    (0x020F, b'o'),
    (0x0210, b'r'),
    (0x0211, b'r'),
    (0x0212, b'r'),
    (0x0213, b'r'),
    (0x0214, b'u'),
    (0x0215, b'u'),
    (0x0216, b'u'),
    (0x0217, b'u'),
    (0x0218, b's'),
    (0x0219, b's'),
    (0x021A, b't'),
    (0x021B, b't'),
    (0x0224, b'z'),
    (0x0225, b'z'),
    (0x0226, b'a'),
    (0x0227, b'a'),
    (0x0243, b'b'),
    (0x0251, b'a'),
    (0x0253, b'b'),
    (0x0257, b'd'),
    (0x0260, b'g'),
    (0x0261, b'g'),
    (0x0262, b'g'),
    (0x0269, b'i'),
    (0x026A, b'i'),
    (0x0274, b'n'),
    (0x0280, b'r'),
    (0x028F, b'y'),
    (0x0299, b'b'),
    (0x029C, b'h'),
    (0x029F, b'l'),
    (0x0386, b'a'),
    (0x0388, b'e'),
    (0x038A, b'i'),
    (0x038C, b'o'),
    (0x0390, b'i'),
    (0x0391, b'a'),
    (0x0392, b'b'),
    (0x0393, b'y'),
    (0x0395, b'e'),
    (0x0397, b'n'),
    (0x0399, b'i'),
    (0x039A, b'k'),
    (0x039C, b'u'),
    (0x039D, b'v'),
    (0x039F, b'o'),
    (0x03A1, b'p'),
    (0x03A3, b'o'),
    (0x03A4, b't'),
    (0x03A5, b'u'),
    (0x03A7, b'x'),
    (0x03A9, b'w'),
    (0x03AC, b'a'),
    (0x03AD, b'e'),
    (0x03AF, b'i'),
    (0x03B1, b'a'),
    (0x03B2, b'b'),
    (0x03B3, b'y'),
    (0x03B5, b'e'),
    (0x03B7, b'n'),
    (0x03B9, b'i'),
    (0x03BA, b'k'),
    (0x03BC, b'u'),
    (0x03BD, b'v'),
    (0x03BF, b'o'),
    (0x03C1, b'p'),
    (0x03C3, b'o'),
    (0x03C4, b't'),
    (0x03C5, b'u'),
    (0x03C7, b'x'),
    (0x03C9, b'w'),
    (0x03CC, b'o'),
    (0x03F2, b'c'),
    (0x03F9, b'c'),
    (0x0401, b'e'),
    (0x0405, b's'),
    (0x0406, b'i'),
    (0x0407, b'i'),
    (0x0408, b'j'),
    (0x0410, b'a'),
    (0x0412, b'b'),
    (0x0413, b'r'),
    (0x0415, b'e'),
    (0x041A, b'k'),
    (0x041C, b'm'),
    (0x041E, b'o'),
    (0x041F, b'n'),
    (0x0420, b'p'),
    (0x0421, b'c'),
    (0x0422, b't'),
    (0x0423, b'y'),
    (0x0425, b'x'),
    (0x0426, b'u'),
    (0x042C, b'b'),
    (0x0430, b'a'),
    (0x0432, b'b'),
    (0x0433, b'r'),
    (0x0435, b'e'),
    (0x043A, b'k'),
    (0x043C, b'm'),
    (0x043E, b'o'),
    (0x043F, b'n'),
    (0x0440, b'p'),
    (0x0441, b'c'),
    (0x0442, b't'),
    (0x0443, b'y'),
    (0x0445, b'x'),
    (0x0446, b'u'),
    (0x0451, b'e'),
    (0x0455, b's'),
    (0x0456, b'i'),
    (0x0457, b'i'),
    (0x0458, b'j'),
    (0x0474, b'v'),
    (0x0475, b'v'),
    (0x04AE, b'y'),
    (0x04AF, b'y'),
    (0x04BA, b'h'),
    (0x04BB, b'h'),
    (0x04C0, b'l'),
    (0x04CF, b'l'),
    (0x0500, b'd'),
    (0x0501, b'd'),
    (0x051A, b'q'),
    (0x051B, b'q'),
    (0x051C, b'w'),
    (0x051D, b'w'),
    (0x1D00, b'a'),
    (0x1D04, b'c'),
    (0x1D05, b'd'),
    (0x1D07, b'e'),
    (0x1D0A, b'j'),
    (0x1D0B, b'k'),
    (0x1D0D, b'm'),
    (0x1D0F, b'o'),
    (0x1D18, b'p'),
    (0x1D1B, b't'),
    (0x1D1C, b'u'),
    (0x1D20, b'v'),
    (0x1D21, b'w'),
    (0x1D22, b'z'),
    (0x1E02, b'b'),
    (0x1E03, b'b'),
    (0x1E0A, b'd'),
    (0x1E0B, b'd'),
    (0x1E1E, b'f'),
    (0x1E1F, b'f'),
    (0x1E22, b'h'),
    (0x1E23, b'h'),
    (0x1E40, b'm'),
    (0x1E41, b'm'),
    (0x1E44, b'n'),
    (0x1E45, b'n'),
    (0x1E56, b'p'),
    (0x1E57, b'p'),
    (0x1E58, b'r'),
    (0x1E59, b'r'),
    (0x1E60, b's'),
    (0x1E61, b's'),
    (0x1E6A, b't'),
    (0x1E6B, b't'),
    (0x1E80, b'w'),
    (0x1E81, b'w'),
    (0x1E82, b'w'),
    (0x1E83, b'w'),
    (0x1E84, b'w'),
    (0x1E85, b'w'),
    (0x1E8A, b'x'),
    (0x1E8B, b'x'),
    (0x1E8E, b'y'),
    (0x1E8F, b'y'),
    (0x1F00, b'a'),
    (0x1F08, b'a'),
    (0x210E, b'h'),
    (0x2113, b'l'),
    (0x2126, b'w'),
    (0x212B, b'a'),
    (0x2C6D, b'a'),
    (0xA731, b's'),
    (0xA7AC, b'g'),
    (0xA7AE, b'i'),
];

fn table_lookalike(c: char) -> Option<char> {
    let cp = c as u32;
    // Most non-ASCII text in prose is punctuation, symbols or other scripts: reject by range.
    if !(0xC0..=0xA7AE).contains(&cp) {
        return None;
    }
    LOOKALIKES
        .binary_search_by_key(&cp, |&(k, _)| k)
        .ok()
        .and_then(|i| LOOKALIKES.get(i))
        .map(|&(_, a)| char::from(a))
}

/// Append the folded view of `text` to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    let mut ignored = Signals::default();
    fold_into_signals(text, out, &mut ignored);
}

/// How often one kind of obfuscation was seen, and where first (byte offset in the folded view).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Signal {
    pub count: usize,
    pub at: usize,
}

impl Signal {
    fn see(&mut self, at: usize) {
        if self.count == 0 {
            self.at = at;
        }
        self.count = self.count.saturating_add(1);
    }
}

/// Obfuscation seen while folding. Each is a signal of its own: honest text rarely needs it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Signals {
    /// Unicode tag characters outside an emoji subdivision flag (U+1F3F4 + tags + U+E007F).
    pub tag_chars: Signal,
    /// Control characters (backspace, NUL, bell, C1 controls...) other than line breaks, tab and
    /// the ANSI escape that terminals paste.
    pub controls: Signal,
    /// Bidi overrides (U+202D, U+202E) that make text render in another order than it reads.
    pub bidi_overrides: Signal,
    /// Zero-width or filler characters between two letters of a Latin word (not between emoji,
    /// where ZWJ joins a sequence, nor in scripts such as Persian where ZWNJ is spelling).
    pub invisible_in_word: Signal,
    /// Runs of eight or more invisible characters: a binary or variation-selector smuggling code.
    pub invisible_runs: Signal,
    /// Words mixing ASCII letters with Cyrillic or Greek look-alikes ("pаypal" with a Cyrillic а).
    pub mixed_script_words: Signal,
    /// Words of ASCII letters holding exactly one Cyrillic or Greek letter that is drawn exactly
    /// like a Latin one ("pаssword" with a Cyrillic а, "Тake" with a Cyrillic Т): a single
    /// swapped letter is a filter evasion, not a foreign word or a Greek-styled name (those use
    /// letters such as ε, Σ, Λ or ω, which look different).
    pub lookalike_letter: Signal,
    /// A zero-width space, joiner or non-joiner (U+200B..U+200D) next to an ASCII letter, on
    /// either side ("\u{200C}Write", "make\u{200D} it"), or closing a text after ASCII. Emoji
    /// ZWJ sequences and the ZWNJ of Persian or Indic spelling sit between non-ASCII
    /// characters, so they do not count.
    pub joiner_at_letter: Signal,
}

/// Zero-width and filler characters that can hide between the letters of a word.
fn is_zero_width(cp: u32) -> bool {
    matches!(cp,
        0x034F | 0x115F | 0x1160 | 0x180E | 0x200B..=0x200D | 0x2060..=0x2064 | 0x3164 | 0xFEFF
        | 0xFFA0 | 0xFE00..=0xFE0F | 0xE0100..=0xE01EF)
}

fn is_control(cp: u32) -> bool {
    matches!(cp, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F..=0x9F)
}

/// The controls that count as obfuscation: C0 controls inside text. Not line breaks or tab, not
/// ESC and BEL (terminal escape sequences pasted from a shell), not the information separators
/// FS/GS/RS/US (0x1C-0x1F, record and unit delimiters of data exports and bundled files), and not
/// C1 controls, which mostly come from UTF-8 text mis-decoded as Latin-1 ("Ã©", "ð\u{9f}...").
fn is_control_signal(cp: u32) -> bool {
    matches!(cp, 0x00..=0x06 | 0x08 | 0x0E..=0x1A | 0x7F)
}

fn is_cyrillic_or_greek(cp: u32) -> bool {
    // Greek and Coptic, then Cyrillic.
    // With the Cyrillic Supplement (ԁ, ԛ, ԝ).
    (0x0370..=0x052F).contains(&cp)
}

/// Per-word state for the mixed-script signals.
#[derive(Default)]
struct WordState {
    ascii: bool,
    confusable: bool,
    start: usize,
    /// ASCII letters, Cyrillic/Greek look-alikes, and look-alikes drawn exactly like a Latin
    /// letter (saturating counts).
    letters: u8,
    confusables: u8,
    homoglyphs: u8,
}

/// Cyrillic and Greek letters drawn exactly like a Latin letter in common fonts. Greek letters
/// that only evoke one (ε, Σ, Λ, ω, η, γ, υ, α, ν, ι, κ) are left out: they style brand names
/// ("Nikε") more often than they hide a word.
fn is_homoglyph(cp: u32) -> bool {
    matches!(
        cp,
        // Greek capitals Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ, small omicron.
        0x0391 | 0x0392 | 0x0395 | 0x0396 | 0x0397 | 0x0399 | 0x039A | 0x039C | 0x039D | 0x039F
        | 0x03A1 | 0x03A4 | 0x03A5 | 0x03A7 | 0x03BF
        // Cyrillic Ѕ І Ј, А В Е К М Н О Р С Т Х, а е о р с у х, ѕ і ј, һ ԁ ԛ ԝ.
        | 0x0405 | 0x0406 | 0x0408 | 0x0410 | 0x0412 | 0x0415 | 0x041A | 0x041C | 0x041D
        | 0x041E | 0x0420 | 0x0421 | 0x0422 | 0x0425 | 0x0430 | 0x0435 | 0x043E | 0x0440
        | 0x0441 | 0x0443 | 0x0445 | 0x0455 | 0x0456 | 0x0458 | 0x04BB | 0x0501 | 0x051B
        | 0x051D
    )
}

const A_LETTER: u8 = 0;
const A_DIGIT: u8 = 1;
const A_PUNCT: u8 = 2;
const A_SPACE: u8 = 3;
const A_NEWLINE: u8 = 4;
const A_CONTROL: u8 = 5;

/// The class of every ASCII byte, for the fast path of the fold.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [A_CONTROL; 128];
    let mut b = 0usize;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            A_LETTER
        } else if c.is_ascii_digit() {
            A_DIGIT
        } else if c == b' ' || c == b'\t' {
            A_SPACE
        } else if c == b'\n' || c == b'\r' || c == 0x0b || c == 0x0c {
            A_NEWLINE
        } else if c.is_ascii_control() {
            A_CONTROL
        } else {
            A_PUNCT
        };
        b += 1;
    }
    t
};

/// Append the folded view of `text` to `out` and record the obfuscation signals seen on the way.
/// The text is read once and written once; no other copy is made.
pub fn fold_into_signals(text: &str, out: &mut String, sig: &mut Signals) {
    fold_with(text, out, sig, true);
}

/// The fold; `spans` takes the shortcut for plain ASCII spans (off only in the test that checks
/// the shortcut against the byte-at-a-time path).
fn fold_with(text: &str, out: &mut String, sig: &mut Signals, spans: bool) {
    let mut pending: Option<Folded> = None;
    let mut in_flag = false;
    let mut after_letter = false;
    let mut hidden_since_letter = false;
    let mut invisible_run = 0usize;
    // A ZWJ/ZWNJ seen after something other than an ASCII letter: an ASCII letter next counts.
    let mut joiner_pending = false;
    // ... and whether it followed ASCII punctuation or a digit (it ends the text: counted).
    let mut joiner_after_ascii = false;
    let mut word = WordState::default();
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(0);
        if b < 0x80 {
            // ASCII fast path: no char decoding, no table lookups. Same state changes as the
            // general path below for an ASCII character.
            i += 1;
            in_flag = false;
            invisible_run = 0;
            if joiner_pending {
                joiner_pending = false;
                if b.is_ascii_alphabetic() {
                    sig.joiner_at_letter.see(out.len());
                }
            }
            match ASCII_CLASS
                .get(usize::from(b))
                .copied()
                .unwrap_or(A_CONTROL)
            {
                A_LETTER | A_DIGIT => {
                    let letter = b.is_ascii_alphabetic();
                    flush_space(out, pending.take());
                    if letter && hidden_since_letter && after_letter {
                        sig.invisible_in_word.see(out.len());
                    }
                    hidden_since_letter = false;
                    after_letter = letter;
                    if !word.ascii && !word.confusable {
                        word.start = out.len();
                    }
                    if letter {
                        word.ascii = true;
                        word.letters = word.letters.saturating_add(1);
                    }
                    out.push(char::from(b.to_ascii_lowercase()));
                    // What follows, up to anything but letters, digits, punctuation and single
                    // spaces, changes no state but the word's: copy it lower-cased in one go
                    // instead of a byte at a time through the state machine. (A word already
                    // holding a confusable letter goes the long way, for the mixed-script signal.)
                    let end = if spans && !word.confusable {
                        plain_span_end(bytes, i)
                    } else {
                        i
                    };
                    if let Some(span) = text.get(i..end).filter(|s| !s.is_empty()) {
                        let at = out.len();
                        out.push_str(span);
                        if let Some(copied) = out.get_mut(at..) {
                            copied.make_ascii_lowercase();
                        }
                        let sb = span.as_bytes();
                        after_letter = sb.last().is_some_and(u8::is_ascii_alphabetic);
                        // The word in progress: the span's last run of letters and digits, which
                        // continues the current word when the span has no delimiter.
                        match sb.iter().rposition(|c| !c.is_ascii_alphanumeric()) {
                            Some(d) => {
                                word = WordState::default();
                                advance_word(&mut word, sb.get(d + 1..).unwrap_or(&[]), at + d + 1);
                            }
                            None => advance_word(&mut word, sb, at),
                        }
                        i = end;
                    }
                }
                A_PUNCT => {
                    flush_space(out, pending.take());
                    hidden_since_letter = false;
                    after_letter = false;
                    end_word(&mut word, sig);
                    out.push(char::from(b));
                }
                A_SPACE | A_NEWLINE => {
                    end_word(&mut word, sig);
                    after_letter = false;
                    hidden_since_letter = false;
                    let ws = if ASCII_CLASS.get(usize::from(b)) == Some(&A_NEWLINE) {
                        Folded::Newline
                    } else {
                        Folded::Space
                    };
                    pending = merge_space(pending, ws);
                }
                _ => {
                    if is_control_signal(u32::from(b)) {
                        sig.controls.see(out.len());
                    }
                    if is_control(u32::from(b)) {
                        hidden_since_letter = true;
                    }
                }
            }
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        let cp = c as u32;
        if matches!(cp, 0x200B..=0x200D) {
            // After an ASCII letter (a look-alike folded to one is not ASCII: `after_letter` is
            // also set by those, so look at the raw byte before), or before one.
            let prev = text
                .get(..i - c.len_utf8())
                .and_then(|t| t.as_bytes().last())
                .copied();
            if prev.is_some_and(|b| b.is_ascii_alphabetic()) {
                sig.joiner_at_letter.see(out.len());
            } else {
                joiner_pending = true;
                joiner_after_ascii = prev.is_some_and(|b| b.is_ascii_graphic());
            }
        } else {
            joiner_pending = false;
        }
        // Signals on the raw character.
        if (0xE0000..=0xE007F).contains(&cp) {
            if cp == 0xE007F {
                in_flag = false;
            } else if !in_flag {
                sig.tag_chars.see(out.len());
            }
        } else {
            in_flag = cp == 0x1F3F4;
        }
        if is_control_signal(cp) {
            sig.controls.see(out.len());
        }
        if cp == 0x202D || cp == 0x202E {
            sig.bidi_overrides.see(out.len());
        }
        if is_zero_width(cp) || (0x2060..=0x206F).contains(&cp) {
            invisible_run += 1;
            if invisible_run == 8 {
                sig.invisible_runs.see(out.len());
            }
            if is_zero_width(cp) {
                hidden_since_letter = true;
            }
        } else {
            invisible_run = 0;
        }
        let folded = fold_char(c);
        match folded {
            Folded::Drop => {
                if is_control(cp) {
                    hidden_since_letter = true;
                }
            }
            Folded::Char(f) => {
                flush_space(out, pending.take());
                let letter = f.is_ascii_alphabetic();
                if letter && hidden_since_letter && after_letter {
                    sig.invisible_in_word.see(out.len());
                }
                hidden_since_letter = false;
                after_letter = letter;
                if f.is_alphanumeric() {
                    if !word.ascii && !word.confusable {
                        word.start = out.len();
                    }
                    if c.is_ascii_alphabetic() {
                        word.ascii = true;
                        word.letters = word.letters.saturating_add(1);
                    } else if letter && is_cyrillic_or_greek(cp) && cp != 0x03BC {
                        // Not Greek mu: the micro prefix of SI units (5 μm, 10 μg, 3 μs).
                        word.confusable = true;
                        word.confusables = word.confusables.saturating_add(1);
                        if is_homoglyph(cp) {
                            word.homoglyphs = word.homoglyphs.saturating_add(1);
                        }
                    }
                } else {
                    end_word(&mut word, sig);
                }
                out.push(f);
            }
            ws => {
                end_word(&mut word, sig);
                after_letter = false;
                hidden_since_letter = false;
                pending = merge_space(pending, ws);
            }
        }
    }
    end_word(&mut word, sig);
    // A zero-width character closing a text after ASCII ("... the end.\u{200D}") hides nothing
    // visible and joins nothing: it is there to change the bytes a filter compares.
    if joiner_pending && joiner_after_ascii {
        sig.joiner_at_letter.see(out.len());
    }
    flush_space(out, pending);
}

/// The word state after the ASCII letters and digits `seg`, written at `base` of the output, as
/// the byte-at-a-time path leaves it.
fn advance_word(word: &mut WordState, seg: &[u8], base: usize) {
    for (k, c) in seg.iter().enumerate() {
        if !word.ascii && !word.confusable {
            word.start = base + k;
        }
        if c.is_ascii_alphabetic() {
            word.ascii = true;
            word.letters = word.letters.saturating_add(1);
        }
    }
}

/// The end of the plain span from `i`: ASCII letters, digits and punctuation, and single spaces
/// between them (a space run, a tab or a line break is folded, so it ends the span).
fn plain_span_end(bytes: &[u8], mut i: usize) -> usize {
    // Eight bytes at a time while all are printable ASCII and no space is followed by another
    // (a line of prose); the byte loop below finds where the span ends.
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let w = u64::from_le_bytes(*chunk);
        let printable = in_range_bits(w, b' ', b'~');
        let spaces = eq_bits(w, b' ');
        if printable != HIGHS || spaces & (spaces >> 8) != 0 {
            break;
        }
        // A space in the last byte counts only if the byte after it is plain: the next round sees it.
        i += if spaces >> 56 != 0 { 7 } else { 8 };
    }
    let plain = |b: Option<&u8>| {
        b.and_then(|&b| ASCII_CLASS.get(usize::from(b)))
            .is_some_and(|&c| matches!(c, A_LETTER | A_DIGIT | A_PUNCT))
    };
    loop {
        if plain(bytes.get(i)) {
            i += 1;
        } else if bytes.get(i) == Some(&b' ') && plain(bytes.get(i + 1)) {
            i += 2;
        } else {
            return i;
        }
    }
}

fn end_word(word: &mut WordState, sig: &mut Signals) {
    if word.ascii && word.confusable {
        sig.mixed_script_words.see(word.start);
        if word.confusables == 1 && word.homoglyphs == 1 && word.letters >= 1 {
            sig.lookalike_letter.see(word.start);
        }
    }
    *word = WordState::default();
}

pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

fn merge_space(pending: Option<Folded>, ws: Folded) -> Option<Folded> {
    match (pending, ws) {
        (Some(Folded::Newline), _) | (_, Folded::Newline) => Some(Folded::Newline),
        _ => Some(Folded::Space),
    }
}

fn flush_space(out: &mut String, pending: Option<Folded>) {
    match pending {
        Some(Folded::Newline) => out.push('\n'),
        Some(_) => out.push(' '),
        None => {}
    }
}

/// For each folded offset in `wanted` (ascending), the byte offset in `text` of the character
/// that produced that byte of its folded view (or `text.len()` past the end), all in one pass
/// over `text`: a text with many findings is not walked once per finding.
pub fn original_offsets(text: &str, wanted: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(wanted.len());
    // Every wanted offset the folded view has reached maps to `at`.
    let resolve = |produced: usize, at: usize, out: &mut Vec<usize>| {
        while wanted.get(out.len()).is_some_and(|&w| produced >= w) {
            out.push(at);
        }
    };
    let mut produced = 0usize;
    let mut pending: Option<(Folded, usize)> = None;
    for (i, c) in text.char_indices() {
        if out.len() == wanted.len() {
            return out;
        }
        match fold_char(c) {
            Folded::Drop => {}
            Folded::Char(f) => {
                if let Some((_, at)) = pending.take() {
                    resolve(produced, at, &mut out);
                    produced += 1;
                }
                resolve(produced, i, &mut out);
                produced += f.len_utf8();
            }
            ws => {
                let at = pending.map_or(i, |(_, at)| at);
                pending = merge_space(pending.map(|(f, _)| f), ws).map(|f| (f, at));
            }
        }
    }
    out.resize(wanted.len(), text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn original_offset(text: &str, folded_offset: usize) -> usize {
        original_offsets(text, &[folded_offset])[0]
    }

    #[test]
    fn many_offsets_map_in_one_pass_as_each_alone() {
        let text = "Hi!  \u{200b}IGNORE\t\tprevious \u{0430}nd\n\n all\u{e0041} x".repeat(3);
        let folded = fold(&text);
        let wanted: Vec<usize> = (0..=folded.len() + 2).collect();
        let alone: Vec<usize> = wanted
            .iter()
            .map(|&w| {
                // The single-offset walk, written out: the first point where the view reached `w`.
                let mut produced = 0usize;
                let mut pending: Option<(Folded, usize)> = None;
                for (i, c) in text.char_indices() {
                    match fold_char(c) {
                        Folded::Drop => {}
                        Folded::Char(f) => {
                            if let Some((_, at)) = pending.take() {
                                if produced >= w {
                                    return at;
                                }
                                produced += 1;
                            }
                            if produced >= w {
                                return i;
                            }
                            produced += f.len_utf8();
                        }
                        ws => {
                            let at = pending.map_or(i, |(_, at)| at);
                            pending = merge_space(pending.map(|(f, _)| f), ws).map(|f| (f, at));
                        }
                    }
                }
                text.len()
            })
            .collect();
        assert_eq!(original_offsets(&text, &wanted), alone);
    }

    #[test]
    fn plain_span_shortcut_folds_exactly_like_the_byte_path() {
        // Random texts over letters, digits, punctuation, every kind of white space, invisible
        // and control characters, confusable letters, tags and emoji: the shortcut must give
        // the same folded text and the same signals.
        const PALETTE: &[&str] = &[
            "a",
            "B",
            "z",
            "Q",
            "7",
            "0",
            ".",
            ",",
            "-",
            "'",
            "(",
            "]",
            " ",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\u{200b}",
            "\u{0430}",
            "\u{03bf}",
            "\u{e0041}",
            "\u{1f3f4}",
            "\u{e007f}",
            "\u{202e}",
            "\u{7}",
            "\u{ff21}",
            "\u{1d400}",
            "\u{e9}",
            "ab",
            "Word",
            "x1",
            "\u{2063}",
        ];
        let mut rng = crate::test_rng::TestRng::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let count = rng.below(24);
            let text = rng.join(PALETTE, count);
            let (mut fast, mut slow) = (String::new(), String::new());
            let (mut fast_sig, mut slow_sig) = (Signals::default(), Signals::default());
            fold_with(&text, &mut fast, &mut fast_sig, true);
            fold_with(&text, &mut slow, &mut slow_sig, false);
            assert_eq!(fast, slow, "{text:?}");
            assert_eq!(fast_sig, slow_sig, "{text:?}");
        }
    }

    /// The eight-byte steps of `plain_span_end` against the rule read a byte at a time, over
    /// random bytes from the edges of the ranges it tests.
    #[test]
    fn plain_span_end_matches_a_bytewise_reading() {
        fn reference(bytes: &[u8], mut i: usize) -> usize {
            let plain = |b: Option<&u8>| b.is_some_and(|&b| (0x21..=0x7e).contains(&b));
            loop {
                if plain(bytes.get(i)) {
                    i += 1;
                } else if bytes.get(i) == Some(&b' ') && plain(bytes.get(i + 1)) {
                    i += 2;
                } else {
                    return i;
                }
            }
        }
        let alphabet = [
            b'a', b'Z', b'0', b'!', b'~', b' ', b' ', b' ', 0x1f, 0x7f, 0x80, 0xa0, 0xff, b'\n',
            b'\t', 0x00,
        ];
        let mut rng = crate::test_rng::TestRng::new(0x2545_f491_4f6c_dd1d);
        for round in 0..50_000 {
            let len = rng.below(40);
            // Mostly plain text, so that long spans are common.
            let plain_only = round % 2 == 0;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let any_byte = !plain_only && rng.below(8) == 0;
                    let k = rng.below(if any_byte { 16 } else { 6 });
                    alphabet[k]
                })
                .collect();
            let from = rng.below(len + 1);
            assert_eq!(
                plain_span_end(&bytes, from),
                reference(&bytes, from),
                "{bytes:?} from {from}"
            );
        }
    }

    /// The letter sets the sorted table was generated from; the table must agree with them.
    fn table_lookalike_reference(c: char) -> Option<char> {
        const TABLE: &[(&str, char)] = &[
            ("àáâãäåāăąǎȁȃȧɑαаάἀ", 'a'),
            ("ƀɓЬβвḃ", 'b'),
            ("çćĉċčϲсƈ", 'c'),
            ("ďđɗԁḋ", 'd'),
            ("èéêëēĕėęěȅȇεеёέ", 'e'),
            ("ƒḟ", 'f'),
            ("ĝğġģǧɡɠ", 'g'),
            ("ĥħһḣℎ", 'h'),
            ("ìíîïĩīĭįıǐȉȋιіїίΐɩ", 'i'),
            ("ĵјǰ", 'j'),
            ("ķκкƙ", 'k'),
            ("ĺļľŀłℓӏ", 'l'),
            ("мṁ", 'm'),
            ("ñńņňŉηпṅ", 'n'),
            ("òóôõöøōŏőǒȍȏοоόσ", 'o'),
            ("ρрṗ", 'p'),
            ("ԛ", 'q'),
            ("ŕŗřȑȓгṙ", 'r'),
            ("śŝşšșѕṡ", 's'),
            ("ţťŧțτтṫ", 't'),
            ("ùúûüũūŭůűųǔȕȗυцμ", 'u'),
            ("νѵ", 'v'),
            ("ŵԝωẁẃẅ", 'w'),
            ("χхẋ", 'x'),
            ("ýÿŷуүγẏ", 'y'),
            ("źżžƶȥ", 'z'),
            ("ᴀ", 'a'),
            ("ʙ", 'b'),
            ("ᴄ", 'c'),
            ("ᴅ", 'd'),
            ("ᴇ", 'e'),
            ("ɢ", 'g'),
            ("ʜ", 'h'),
            ("ɪ", 'i'),
            ("ᴊ", 'j'),
            ("ᴋ", 'k'),
            ("ʟ", 'l'),
            ("ᴍ", 'm'),
            ("ɴ", 'n'),
            ("ᴏ", 'o'),
            ("ᴘ", 'p'),
            ("ʀ", 'r'),
            ("ꜱ", 's'),
            ("ᴛ", 't'),
            ("ᴜ", 'u'),
            ("ᴠ", 'v'),
            ("ᴡ", 'w'),
            ("ʏ", 'y'),
            ("ᴢ", 'z'),
        ];
        let lower = c.to_lowercase().next().unwrap_or(c);
        TABLE
            .iter()
            .find(|(set, _)| set.contains(lower) || set.contains(c))
            .map(|(_, a)| *a)
    }

    /// The folded view by `fold_char` alone, character by character: the fast path must agree.
    fn fold_reference(text: &str) -> String {
        let mut out = String::new();
        let mut pending = None;
        for c in text.chars() {
            match fold_char(c) {
                Folded::Drop => {}
                Folded::Char(f) => {
                    flush_space(&mut out, pending.take());
                    out.push(f);
                }
                ws => pending = merge_space(pending, ws),
            }
        }
        flush_space(&mut out, pending);
        out
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_character_fold() {
        let pieces = [
            "Ig",
            "NORE",
            " ",
            "\t",
            "\r\n",
            "\u{b}",
            "\u{1b}[0m",
            "\u{7f}",
            "\u{8}",
            "42",
            "!?",
            "\u{200b}",
            "\u{456}",
            "é",
            "\u{a0}",
            "ＩＧ",
            "\u{2028}",
            "\u{E0041}",
            "—",
            "x",
        ];
        // Every ordered pair and triple of pieces.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let t = format!("{a}{b}{c}");
                    assert_eq!(fold(&t), fold_reference(&t), "{t:?}");
                    let s = signals(&t);
                    assert_eq!(
                        s.controls.count > 0,
                        t.contains(['\u{8}', '\u{7f}']),
                        "{t:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn lookalike_table_matches_the_letter_sets() {
        for cp in 0x80..0x3_0000u32 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(
                    table_lookalike(c),
                    table_lookalike_reference(c),
                    "U+{cp:04X}"
                );
            }
        }
    }

    #[test]
    fn drops_invisible_characters() {
        assert_eq!(fold("ig\u{200b}no\u{200d}re\u{feff}"), "ignore");
        assert_eq!(fold("i\u{202e}gnore\u{fe0f}"), "ignore");
        assert_eq!(fold("i\u{308}gno\u{301}re"), "ignore");
        assert_eq!(fold("soft\u{ad}hyphen"), "softhyphen");
    }

    #[test]
    fn decodes_unicode_tag_characters() {
        let smuggled: String = "Hi!"
            .chars()
            .map(|c| char::from_u32(0xE0000 + c as u32).unwrap())
            .collect();
        assert_eq!(fold(&format!("ok{smuggled}")), "okhi!");
    }

    #[test]
    fn folds_wide_and_mathematical_letters() {
        assert_eq!(fold("ＩＧＮＯＲＥ"), "ignore");
        assert_eq!(fold("𝐢𝐠𝐧𝐨𝐫𝐞 𝟏𝟐"), "ignore 12");
        assert_eq!(fold("𝔦𝔤𝔫𝔬𝔯𝔢"), "ignore");
        assert_eq!(fold("ⓘⓖⓝⓞⓡⓔ"), "ignore");
        assert_eq!(fold("🅸🅶🅽🅾🆁🅴"), "ignore");
    }

    #[test]
    fn maps_confusable_letters_to_ascii() {
        // Cyrillic і, о, е and Greek ο inside Latin words.
        assert_eq!(fold("\u{456}gn\u{43e}r\u{435}"), "ignore");
        assert_eq!(fold("pr\u{3bf}mpt"), "prompt");
        assert_eq!(fold("ÏGNÖRÉ"), "ignore");
        assert_eq!(fold("ɪɢɴᴏʀᴇ"), "ignore");
    }

    #[test]
    fn lower_cases_and_collapses_white_space() {
        assert_eq!(
            fold("  Ignore \t\u{a0} ALL\r\n\n previous "),
            " ignore all\nprevious "
        );
        assert_eq!(fold("a\u{2003}b"), "a b");
    }

    #[test]
    fn keeps_punctuation_for_structural_patterns() {
        assert_eq!(fold("<|IM_START|>System"), "<|im_start|>system");
    }

    fn signals(text: &str) -> Signals {
        let mut out = String::new();
        let mut sig = Signals::default();
        fold_into_signals(text, &mut out, &mut sig);
        assert_eq!(out, fold(text), "signals must not change the folded view");
        sig
    }

    #[test]
    fn signals_tag_smuggling_but_not_subdivision_flags() {
        let smuggled: String = "run rm"
            .chars()
            .map(|c| char::from_u32(0xE0000 + c as u32).unwrap())
            .collect();
        assert_eq!(signals(&format!("hello{smuggled}")).tag_chars.count, 6);
        // England flag: black flag, tags g b e n g, cancel tag.
        let england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        assert_eq!(signals(&format!("go {england} team")).tag_chars.count, 0);
    }

    #[test]
    fn signals_control_characters_but_not_ansi_escapes_or_line_breaks() {
        assert_eq!(signals("how to b\u{8}uild").controls.count, 1);
        assert_eq!(
            signals("\u{1b}[31mred\u{1b}[0m\u{7}\r\n\tok")
                .controls
                .count,
            0
        );
        // Mojibake: UTF-8 emoji bytes read as Latin-1 leave C1 controls behind.
        assert_eq!(signals("movie: \u{f0}\u{9f}\u{91}\u{a8}").controls.count, 0);
        // Record and unit separators delimit bundled files and data exports.
        assert_eq!(
            signals("notes\n\u{1f}FILE:a.md\u{1e}\n# A").controls.count,
            0
        );
    }

    #[test]
    fn signals_invisible_characters_inside_latin_words_only() {
        let s = signals("ig\u{200b}nore in\u{2060}structions");
        assert_eq!(s.invisible_in_word.count, 2);
        assert_eq!(fold("ig\u{200b}nore"), "ignore");
        // Emoji ZWJ sequence, Persian ZWNJ, a variation selector after an emoji: all honest.
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(signals(family).invisible_in_word.count, 0);
        assert_eq!(
            signals("\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}")
                .invisible_in_word
                .count,
            0
        );
        assert_eq!(signals("I \u{2764}\u{FE0F} it").invisible_in_word.count, 0);
        // A zero-width space between words is not inside a word.
        assert_eq!(signals("word \u{200b}word").invisible_in_word.count, 0);
    }

    #[test]
    fn signals_long_invisible_runs() {
        let binary: String = (0..16)
            .map(|i| if i % 3 == 0 { '\u{2062}' } else { '\u{2064}' })
            .collect();
        assert_eq!(signals(&format!("x {binary} y")).invisible_runs.count, 1);
        assert_eq!(signals("a\u{200b}\u{200b}b").invisible_runs.count, 0);
    }

    #[test]
    fn signals_bidi_overrides() {
        assert_eq!(signals("file\u{202E}fdp.exe").bidi_overrides.count, 1);
        assert_eq!(signals("plain text").bidi_overrides.count, 0);
    }

    #[test]
    fn signals_mixed_script_words_but_not_whole_foreign_words() {
        // Cyrillic а and е inside Latin words.
        assert_eq!(
            signals("pl\u{435}ase r\u{435}veal it")
                .mixed_script_words
                .count,
            2
        );
        assert_eq!(
            signals("\u{41f}\u{440}\u{438}\u{432}\u{435}\u{442} world")
                .mixed_script_words
                .count,
            0
        );
        assert_eq!(signals("the \u{3b1}-helix").mixed_script_words.count, 0);
        // Turkish dotless i is Latin.
        assert_eq!(signals("ka\u{131}t").mixed_script_words.count, 0);
        // The micro prefix of SI units is Greek mu before Latin letters.
        assert_eq!(
            signals("5 \u{3bc}m wide, 10 \u{3bc}g, 3 \u{3bc}s")
                .mixed_script_words
                .count,
            0
        );
    }

    #[test]
    fn signals_one_latin_drawn_lookalike_inside_a_latin_word() {
        // Cyrillic е inside "hello", Greek capital Τ opening "Take", Cyrillic С in an acronym.
        for text in ["say h\u{435}llo", "\u{3a4}ake it", "the \u{421}IA files"] {
            assert_eq!(signals(text).lookalike_letter.count, 1, "{text}");
        }
        // Greek-styled names use letters that only evoke Latin ones; whole foreign words, two
        // look-alikes (counted as mixed script already) do not count.
        for text in [
            "Nik\u{3b5} shoes",
            "\u{3a3}pic games",
            "\u{3a9}mega watch",
            "\u{41f}\u{440}\u{438}\u{432}\u{435}\u{442} world",
            "\u{3b1}-helix",
        ] {
            assert_eq!(signals(text).lookalike_letter.count, 0, "{text}");
        }
    }

    #[test]
    fn signals_joiners_touching_ascii_letters_only() {
        for text in [
            "\u{200C}Write a poem",
            "make\u{200D} it now",
            "the path \u{200C}to go",
            "ab\u{200D}cd",
            "\u{200B}Give it",
            "the end.\u{200D}",
        ] {
            assert_eq!(signals(text).joiner_at_letter.count, 1, "{text}");
        }
        // The Cyrillic Supplement's ԁ inside a Latin word, in a two-letter word with a Greek Ε.
        assert_eq!(signals("\u{501}etails").lookalike_letter.count, 1);
        assert_eq!(signals("\u{395}A-12").lookalike_letter.count, 1);
        // Emoji ZWJ sequences, Persian and Devanagari joiners, a joiner between digits.
        for text in [
            "family \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} photo",
            "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}",
            "\u{915}\u{94D}\u{200D}\u{937}",
            "12\u{200D}34",
            "word \u{200b} word",
            "\u{1F44D}\u{200D}",
        ] {
            assert_eq!(signals(text).joiner_at_letter.count, 0, "{text}");
        }
    }

    #[test]
    fn maps_folded_offsets_back_to_the_original() {
        let text = "Hé\u{200b}llo  WORLD";
        let folded = fold(text);
        assert_eq!(folded, "hello world");
        let w = folded.find("world").unwrap();
        assert_eq!(&text[original_offset(text, w)..], "WORLD");
        let l = folded.find("llo").unwrap();
        assert_eq!(&text[original_offset(text, l)..], "llo  WORLD");
        assert_eq!(original_offset(text, folded.len()), text.len());
        assert_eq!(original_offset(text, 5), text.find("  ").unwrap());
    }
}
