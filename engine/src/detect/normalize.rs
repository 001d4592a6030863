//! Text normalisation against obfuscation: the folded view the detectors read.
//!
//! One pass, char by char: invisible characters are dropped, Unicode tag characters are decoded to
//! the ASCII they smuggle, full-width / mathematical / enclosed letters and look-alike letters
//! (Cyrillic, Greek, accented Latin) become plain ASCII, everything is lower-cased, and runs of
//! white space become one space (or one newline if the run held a line break). Punctuation stays,
//! so structural patterns (`<|im_start|>`) still match. Offsets in the folded view map back to the
//! original text with `original_offset`, which re-runs the pass only when a finding needs it.

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

/// Look-alike letters by table: accented Latin, Cyrillic, Greek, small capitals, letterlike symbols.
fn table_lookalike(c: char) -> Option<char> {
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
/// ESC and BEL (terminal escape sequences pasted from a shell), and not C1 controls, which mostly
/// come from UTF-8 text mis-decoded as Latin-1 ("Ã©", "ð\u{9f}...").
fn is_control_signal(cp: u32) -> bool {
    matches!(cp, 0x00..=0x06 | 0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

fn is_cyrillic_or_greek(cp: u32) -> bool {
    // Greek and Coptic, then Cyrillic.
    (0x0370..=0x04FF).contains(&cp)
}

/// Per-word state for the mixed-script signal.
#[derive(Default)]
struct WordState {
    ascii: bool,
    confusable: bool,
    start: usize,
}

/// Append the folded view of `text` to `out` and record the obfuscation signals seen on the way.
/// The text is read once and written once; no other copy is made.
pub fn fold_into_signals(text: &str, out: &mut String, sig: &mut Signals) {
    let mut pending: Option<Folded> = None;
    let mut in_flag = false;
    let mut after_letter = false;
    let mut hidden_since_letter = false;
    let mut invisible_run = 0usize;
    let mut word = WordState::default();
    for c in text.chars() {
        let cp = c as u32;
        if c.is_ascii() && c.is_ascii_alphanumeric() && pending.is_none() && invisible_run == 0 {
            // Fast path for the common case: a plain ASCII letter or digit inside a word.
            if hidden_since_letter && after_letter && c.is_ascii_alphabetic() {
                sig.invisible_in_word.see(out.len());
            }
            hidden_since_letter = false;
            in_flag = false;
            after_letter = c.is_ascii_alphabetic();
            if c.is_ascii_alphabetic() {
                if !word.ascii && !word.confusable {
                    word.start = out.len();
                }
                word.ascii = true;
            }
            out.push(c.to_ascii_lowercase());
            continue;
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
                    } else if letter && is_cyrillic_or_greek(cp) {
                        word.confusable = true;
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
    flush_space(out, pending);
}

fn end_word(word: &mut WordState, sig: &mut Signals) {
    if word.ascii && word.confusable {
        sig.mixed_script_words.see(word.start);
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

/// The byte offset in `text` of the character that produced byte `folded_offset` of its folded
/// view (or `text.len()` past the end).
pub fn original_offset(text: &str, folded_offset: usize) -> usize {
    let mut produced = 0usize;
    let mut pending: Option<(Folded, usize)> = None;
    for (i, c) in text.char_indices() {
        match fold_char(c) {
            Folded::Drop => {}
            Folded::Char(f) => {
                if let Some((_, at)) = pending.take() {
                    if produced >= folded_offset {
                        return at;
                    }
                    produced += 1;
                }
                if produced >= folded_offset {
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
