//! A streaming redactor for one text field: text goes in as deltas, safe text comes out at once,
//! holding back only the suffix that could still grow into a match.
//!
//! What is held: the trailing token (a secret or an e-mail address has no white space in it); a
//! trailing run of short digit groups (card numbers, phone numbers, IBANs are written in groups);
//! and an open PEM private-key block until its END line. A match that touches the end of the
//! buffer is held too, since more input may extend it. Everything before is redacted and emitted.
//! The hold is capped: past the cap, held text is released (redacted as far as it can be judged)
//! and an open PEM block is replaced whole while its remainder is dropped until END.

use super::{Span, TextScanner};

/// Bytes of already-emitted text kept so that context rules ("password = ...") still see their
/// keyword after it was released. More is kept while a rule reads back further (`Reach::keep`).
const CONTEXT_BYTES: usize = 96;
/// Longest digit group (and count of groups) the numeric hold looks at.
const MAX_GROUP: usize = 6;
const MAX_NUMERIC_RUN: usize = 64;
/// Digitless upper-case groups held at the end of a run ("K-AB ", "HRB ").
const MAX_LETTER_PREFIX: usize = 2;
const PEM_BEGIN: &str = "-----BEGIN";
const PEM_END: &str = "-----END";

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Emitted {
    pub text: String,
    /// Rule ids of the redactions made in this output.
    pub redacted: Vec<String>,
    /// Whether the hold-back cap forced text out.
    pub cap_hit: bool,
}

#[derive(Debug)]
pub struct Redactor {
    pending: String,
    context: String,
    cap: usize,
    replacement: String,
    /// Inside an over-long PEM block: drop text until its END line.
    suppressing_pem: bool,
    /// Reused buffer for the context plus pending text scanned on each release.
    scratch: String,
    /// Bytes released so far: the stream offset where the pending text starts.
    released: usize,
    /// The largest `TextScanner::match_reach` bound seen, as a stream offset: while the pending
    /// text starts at or after it, nothing already released can lead to a match in it.
    reach: usize,
    /// Stream offset up to which `match_reach` has judged the text for good (`Reach::settled`):
    /// only what follows is new to it. Pending text dropped inside an over-long private key
    /// moves later text back, so this is reset to `released` then (a `reach` bound only gets
    /// more cautious).
    examined: usize,
    /// `Reach::keep` in stream offsets: the context reaches back to the first while the
    /// released text ends before the second.
    keep: Option<(usize, usize)>,
}

impl Redactor {
    pub fn new(cap: usize, replacement: &str) -> Redactor {
        Redactor {
            pending: String::new(),
            context: String::new(),
            cap: cap.max(64),
            replacement: replacement.to_string(),
            suppressing_pem: false,
            scratch: String::new(),
            released: 0,
            reach: 0,
            examined: 0,
            keep: None,
        }
    }

    /// Bytes currently held back.
    pub fn held(&self) -> usize {
        self.pending.len()
    }

    /// Set the hold-back cap for the next pushes. A stream shares one cap among its fields, so
    /// a field may hold only what the others leave (down to nothing: then it releases at once).
    pub fn set_cap(&mut self, cap: usize) {
        self.cap = cap;
    }

    pub fn push(&mut self, scanner: &dyn TextScanner, delta: &str) -> Emitted {
        // Fast path: the held trailing token still growing (none ending it, no delimiter arriving)
        // leaves the held text held, so there is nothing to scan until it ends or reaches the
        // cap. (What it holds before the token, a day or a digit group, could at most be
        // released one token later.)
        let growing_token = !self.suppressing_pem
            && !self.pending.is_empty()
            && !self.pending.ends_with(is_token_delimiter)
            && !delta.contains(is_token_delimiter)
            && self.pending.len() + delta.len() <= self.cap;
        self.pending.push_str(delta);
        if growing_token {
            return Emitted::default();
        }
        self.release(scanner, false)
    }

    /// End of the field: everything left is judged and released.
    pub fn finish(&mut self, scanner: &dyn TextScanner) -> Emitted {
        self.release(scanner, true)
    }

    fn release(&mut self, scanner: &dyn TextScanner, eof: bool) -> Emitted {
        let mut out = Emitted::default();
        if self.suppressing_pem && !self.skip_suppressed_pem() {
            if eof {
                // The field ended inside an over-long block (already replaced): the rest of it is
                // dropped and the redactor starts clean, should the field go on.
                self.pending.clear();
                self.context.clear();
                self.suppressing_pem = false;
            }
            self.examined = self.released;
            return out;
        }
        // Scan the kept context plus the pending text; only matches reaching into pending count.
        let ctx_len = self.context.len();
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        text.push_str(&self.context);
        text.push_str(&self.pending);
        let matches = self.matches_in_pending(scanner, &text, ctx_len);

        let mut hold = if eof {
            text.len()
        } else {
            hold_start(&text, ctx_len)
        };
        if !eof {
            // A match still open at the end, or straddling the hold point, waits as a whole; so
            // does one of a rule that reads over blanks when only blanks (and a comma) separate
            // it from the held text, which may extend it: a name's next word ("Dr Ada" +
            // "Lovelace"), a date's year ("March 12" + ", 1985").
            for m in &matches {
                let blanks_to_hold = m.grows_over_blanks
                    && m.end <= hold
                    && text.as_bytes()[m.end..hold]
                        .iter()
                        .all(|&c| c == b' ' || c == b'\t' || c == b',');
                if m.end >= text.len() || (m.start < hold && m.end > hold) || blanks_to_hold {
                    hold = hold.min(m.start.max(ctx_len));
                }
            }
        }
        let mut cap_hit = false;
        if text.len() - hold > self.cap {
            cap_hit = true;
            if let Some(begin) = open_pem(&text, ctx_len) {
                if begin >= hold {
                    // An over-long PEM block: release what precedes it, replace the block.
                    hold = begin;
                    self.suppressing_pem = true;
                }
            }
            if !self.suppressing_pem {
                // Rounded up to a char boundary, so what stays held is within the cap.
                hold = ceil_char_boundary(&text, text.len() - self.cap);
            }
        }

        let released_end = hold.max(ctx_len);
        let mut cursor = ctx_len;
        for m in matches
            .iter()
            .filter(|m| m.start < released_end && m.end <= released_end)
        {
            let start = m.start.max(cursor);
            if start > cursor {
                out.text.push_str(&text[cursor..start]);
            }
            if m.end > cursor {
                out.text
                    .push_str(&self.replacement.replace("{rule}", &m.rule));
                out.redacted.push(m.rule.clone());
                cursor = m.end;
            }
        }
        if released_end > cursor {
            out.text.push_str(&text[cursor..released_end]);
        }
        if self.suppressing_pem {
            out.text
                .push_str(&self.replacement.replace("{rule}", "secret.private_key.pem"));
            out.redacted.push("secret.private_key.pem".to_string());
        }
        out.cap_hit = cap_hit;

        self.pending.clear();
        self.pending.push_str(&text[released_end..]);
        // Only what this call released: the old context is already remembered.
        self.released += released_end - ctx_len;
        let context_len = match self.keep {
            Some((from, until)) if from < self.released && self.released < until => {
                (self.released - from).max(CONTEXT_BYTES)
            }
            _ => CONTEXT_BYTES,
        };
        self.remember(&text[ctx_len..released_end], context_len);
        // The buffers are reused, but a large delta must not leave a large allocation behind: a
        // stream may have many fields, so each keeps only about twice what it holds now.
        let keep = 2 * (self.pending.len() + self.context.len().max(CONTEXT_BYTES));
        self.pending.shrink_to(keep);
        if text.capacity() <= keep {
            self.scratch = text;
        }
        if self.suppressing_pem {
            self.pending.clear();
            self.context.clear();
            self.examined = self.released;
            if eof {
                self.suppressing_pem = false;
            }
        }
        out
    }

    /// The matches of `text` (the context, then the pending text from `ctx_len`) that reach into
    /// the pending text. The scanner runs only when one may: when neither the pending text nor
    /// what was released before it can lead to a match ending past the context (most word ends
    /// of prose), there is none.
    fn matches_in_pending(
        &mut self,
        scanner: &dyn TextScanner,
        text: &str,
        ctx_len: usize,
    ) -> Vec<Span> {
        let start = self.released.saturating_sub(ctx_len);
        let reach = scanner.match_reach(text, self.examined.saturating_sub(start));
        self.examined = start + reach.map_or(text.len(), |r| r.settled);
        let Some(reach) = reach else {
            return full_matches(scanner, text, ctx_len);
        };
        self.reach = self.reach.max(start + reach.end);
        if let Some((from, until)) = reach.keep {
            if self.keep.is_none_or(|(k, _)| k < start + from) {
                self.keep = Some((start + from, start + until));
            }
        }
        if self.reach <= self.released {
            debug_assert!(
                scanner.find(text).iter().all(|m| m.end <= ctx_len),
                "a match ends in the pending text of {text:?} ({ctx_len})"
            );
            return Vec::new();
        }
        full_matches(scanner, text, ctx_len)
    }

    /// While suppressing an over-long PEM block, drop pending text up to and including its END
    /// line. Returns true when the block is over and normal processing resumes.
    fn skip_suppressed_pem(&mut self) -> bool {
        let Some((_, end)) = pem_end_line(&self.pending) else {
            // Keep only what could still become an END line: its length is bounded.
            let keep = floor_char_boundary(
                &self.pending,
                self.pending.len().saturating_sub(MAX_PEM_END_LINE),
            );
            self.pending.drain(..keep);
            return false;
        };
        self.pending.drain(..end);
        self.examined = self.released;
        self.suppressing_pem = false;
        true
    }

    /// Add `released` to the context, keeping its last `len` bytes (or a few more, to a
    /// character boundary).
    fn remember(&mut self, released: &str, len: usize) {
        if released.len() >= len {
            // Only its tail is kept; copying it alone keeps the buffer small after a large delta.
            let cut = floor_char_boundary(released, released.len() - len);
            self.context.clear();
            self.context.push_str(&released[cut..]);
            return;
        }
        self.context.push_str(released);
        if self.context.len() > len {
            let cut = floor_char_boundary(&self.context, self.context.len() - len);
            self.context.drain(..cut);
        }
    }
}

/// The matches of `text` that end past `ctx_len`.
fn full_matches(scanner: &dyn TextScanner, text: &str, ctx_len: usize) -> Vec<Span> {
    scanner
        .find(text)
        .into_iter()
        .filter(|m| m.end > ctx_len)
        .collect()
}

/// The earliest offset (>= `from`) that must be held back because it could start a match.
fn hold_start(text: &str, from: usize) -> usize {
    let token = trailing_token_start(text);
    let numeric = trailing_numeric_run_start(text);
    let pem = open_pem(text, from).unwrap_or(text.len());
    // Only a line break can release a private line of a key file (the trailing token holds
    // the line itself), so the key file is looked for only then.
    let line_break = text
        .as_bytes()
        .get(from..)
        .is_some_and(|p| p.contains(&b'\n'));
    let ppk = if line_break {
        open_putty_key(text).unwrap_or(text.len())
    } else {
        text.len()
    };
    let day = trailing_day_and_word_start(text);
    token.min(numeric).min(pem).min(ppk).min(day).max(from)
}

/// Offset of a PuTTY key file's `Private-Lines:` whose `Private-MAC:` (or `Private-Hash:`)
/// line has not come yet: its private lines are several lines of base64, which the trailing
/// token alone would release line by line before the rule (`secret.putty.private_key`) can
/// read them whole.
fn open_putty_key(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // The last one: a key file before it is closed by its own MAC line or was cut short. Found
    // from its dash (this runs on every delta; a searcher built per call would cost more).
    let is_at = |i: usize, label: &[u8]| {
        i >= 7
            && bytes.get(i - 7..i) == Some(b"Private")
            && bytes.get(i..).is_some_and(|t| t.starts_with(label))
    };
    let begin = memchr::memrchr_iter(b'-', bytes).find(|&i| is_at(i, b"-Lines:"))? - 7;
    let closed = memchr::memchr_iter(b'-', bytes.get(begin..)?)
        .any(|i| is_at(begin + i, b"-MAC:") || is_at(begin + i, b"-Hash:"));
    (!closed).then_some(begin)
}

/// Whether one of the last 16 bytes is an ASCII digit: every shape `trailing_day_and_word_start`
/// takes has one there (its year, or its day when no year has begun: "21st September, " is 16
/// bytes). Most prose has none, and two words' test is cheaper than reading the shape back.
fn digit_in_last_16(bytes: &[u8]) -> bool {
    use crate::detect::bytes8::in_range_bits;
    let n = bytes.len();
    let word = |at: usize| {
        bytes
            .get(at..at + 8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .map_or(0, u64::from_le_bytes)
    };
    if n < 16 {
        return bytes.iter().any(u8::is_ascii_digit);
    }
    in_range_bits(word(n - 16), b'0', b'9') | in_range_bits(word(n - 8), b'0', b'9') != 0
}

/// Start of a day number, a word and the start of a year at the end of the text ("3 Ap",
/// "21st June ", "3 April 19"): a date rule takes "3 April 1984" whole once the year is there,
/// so the day waits with the rest (one token at most, since the next word ends the shape).
fn trailing_day_and_word_start(text: &str) -> usize {
    let bytes = text.as_bytes();
    if !digit_in_last_16(bytes) {
        return text.len();
    }
    // Back from `end` over at most `max` bytes that `f` accepts.
    let back_over = |end: usize, max: usize, f: fn(u8) -> bool| {
        let mut i = end;
        while i > 0 && end - i < max && f(bytes[i - 1]) {
            i -= 1;
        }
        i
    };
    let year = back_over(text.len(), 3, |b| b.is_ascii_digit());
    let gap = back_over(year, 2, |b| matches!(b, b' ' | b',' | b'-'));
    if year < text.len() && gap == year {
        return text.len();
    }
    let word = back_over(gap, 9, |b| b.is_ascii_alphabetic());
    if word == gap || word == 0 || !matches!(bytes[word - 1], b' ' | b'-') {
        return text.len();
    }
    let mut i = word - 1;
    if i >= 2 && matches!(&bytes[i - 2..i], b"st" | b"nd" | b"rd" | b"th") {
        i -= 2;
    }
    let begin = back_over(i, 2, |b| b.is_ascii_digit());
    let alone = begin == 0 || !bytes[begin - 1].is_ascii_alphanumeric();
    if begin < i && alone {
        begin
    } else {
        text.len()
    }
}

/// What ends the trailing token. Only characters no rule's match can contain: a delimiter a
/// secret may contain (`|` in an assigned value, `,` or `(` in a curl password) would release the
/// start of a value that becomes a match only once more of it arrives (found by fuzzing).
fn is_token_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '`')
}

fn trailing_token_start(text: &str) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| is_token_delimiter(*c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Start of a trailing run of short groups holding a digit ("+1 (555) 123-4", "4111 1111 11",
/// "GB29 NWBK 60"), which a card, phone or IBAN rule may still complete. Short upper-case groups
/// (an IBAN's bank code) belong to the run too, but a run needs a digit to be held, except at
/// its end: up to `MAX_LETTER_PREFIX` upper-case groups or a lone `(` / `+` there may still be
/// followed by the digits of an identifier that starts with them ("AB 12 34 56 C", "DE 284",
/// "HRB 48213", "K-AB 1234", "+63 (917)"), so they wait for the next group.
fn trailing_numeric_run_start(text: &str) -> usize {
    let bytes = text.as_bytes();
    let is_separator = |b: u8| matches!(b, b' ' | b'-' | b'.' | b'/');
    let in_group =
        |b: u8| b.is_ascii_digit() || b.is_ascii_uppercase() || matches!(b, b'(' | b')' | b'+');
    let mut start = text.len();
    let mut has_digit = false;
    let mut prefix_groups = 0;
    let mut i = text.len();
    // A separator just typed may be followed by the next group.
    if i > 0 && is_separator(bytes[i - 1]) {
        i -= 1;
    } else if i >= 3
        && bytes[i - 1].is_ascii_alphabetic()
        && bytes[i - 2] == b' '
        && bytes[i - 3].is_ascii_digit()
    {
        // So may a single letter just typed after a digit group: the case-insensitive
        // identifier rules read "82210225 q111" as one value (DE SVNR), and the letter's group
        // is still growing.
        i -= 2;
    }
    while i > 0 && text.len() - i < MAX_NUMERIC_RUN {
        // One group: digits, capitals and phone punctuation, back to a separator. Card, phone and
        // IBAN groups have no lower-case letters, and prose words with digits ("item12 item13")
        // must not chain into a held run.
        let group_end = i;
        while i > 0 && in_group(bytes[i - 1]) {
            i -= 1;
        }
        // A single lower-case letter glued to a long run of digits ("t411132111", a DE KVNR
        // written in lower case) starts an identifier, not a word: it belongs to the group.
        if i > 0
            && bytes[i - 1].is_ascii_lowercase()
            && (i < 2 || !bytes[i - 2].is_ascii_alphanumeric())
            && group_end - i >= 6
            && bytes[i..group_end].iter().all(u8::is_ascii_digit)
        {
            i -= 1;
        }
        let group = &bytes[i..group_end];
        let glued_to_word = i > 0 && bytes[i - 1].is_ascii_alphanumeric();
        // An unbroken card number (up to 19 digits) is a group too: the next group decides whether
        // the scanner sees a card or a longer number.
        // So is one with its international `+` ("+441234567890"), whose next group may make a
        // longer number that no longer reads as a phone number, and an identifier of digits
        // with a check letter at either end ("44444444A", "X1234567L"), which a next group of
        // digits likewise makes part of a longer number.
        let number = group.strip_prefix(b"+").unwrap_or(group);
        let number = match number.split_first() {
            Some((first, rest)) if first.is_ascii_alphabetic() => rest,
            _ => number,
        };
        let number = match number.split_last() {
            Some((last, rest)) if last.is_ascii_uppercase() => rest,
            _ => number,
        };
        let unbroken_number = is_card_length_number(number);
        if glued_to_word || (group.len() > MAX_GROUP + 2 && !unbroken_number) {
            // Not a group of its own ("item12", "card)4111", "ABCDEFGH12"), but a number can still
            // start after a bracket or plus sign inside it: hold that tail, and the run ends.
            if let Some(j) = group.iter().rposition(|&b| matches!(b, b'(' | b')' | b'+')) {
                let from = if group.get(j) == Some(&b')') {
                    j + 1
                } else {
                    j
                };
                let tail = group.get(from..).unwrap_or_default();
                // A whole number after it is held like an unbroken number in its own group: the
                // next group decides whether it is a card (found by fuzzing: "4444144+4111…").
                let digits_after = tail.strip_prefix(b"+").unwrap_or(tail);
                if !tail.is_empty()
                    && (tail.len() <= MAX_GROUP + 2 || is_card_length_number(digits_after))
                    && tail.iter().any(u8::is_ascii_digit)
                {
                    start = i + from;
                }
            }
            break;
        }
        let digits = group.iter().any(u8::is_ascii_digit);
        let bank_code = group.len() <= 4 && group.iter().all(u8::is_ascii_uppercase);
        let opener = !group.is_empty() && group.iter().all(|b| matches!(b, b'(' | b'+'));
        if group.is_empty() || !(digits || bank_code || opener) {
            break;
        }
        has_digit |= digits;
        if !has_digit && !opener {
            prefix_groups += 1;
        }
        if has_digit || prefix_groups <= MAX_LETTER_PREFIX {
            start = i;
        }
        if i > 0 && is_separator(bytes[i - 1]) {
            i -= 1;
        } else {
            break;
        }
    }
    // IPv6 groups are joined by colons and may be hex ("fe80::1", "::111"): a held run right
    // after a colon takes the hex-and-colon run before it too, which the IP rule reads whole
    // (found by fuzzing: "::" was released and the rest redacted without it).
    if start < text.len() && start > 0 && bytes[start - 1] == b':' {
        let mut j = start;
        while j > 0
            && text.len() - j < MAX_NUMERIC_RUN
            && (bytes[j - 1] == b':' || bytes[j - 1].is_ascii_hexdigit())
        {
            j -= 1;
        }
        start = j;
    }
    start
}

/// Digits only, and no more than a card number has (19): the next group may still make them a
/// card, or a longer number that is not one.
fn is_card_length_number(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.len() <= 19 && bytes.iter().all(u8::is_ascii_digit)
}

/// Offset of the first private-key BEGIN line not yet closed by its END line, at or after `from`
/// or in the context before it. The first, not the last: a second "-----BEGIN" inside an open
/// block must not release the block before it. BEGIN and END lines are read exactly as the
/// scanner's rule reads them (`-----BEGIN [label ]PRIVATE KEY[ BLOCK]-----`), so a line the rule
/// does not take for an END ("-----END R-----") does not end the hold either.
fn open_pem(text: &str, from: usize) -> Option<usize> {
    let mut at = 0;
    while let Some(begin) = find_pem_begin(text, at) {
        let after = begin + PEM_BEGIN.len();
        let tail = text.get(after..)?;
        match pem_header(tail) {
            Header::Pending => return Some(begin.max(from.min(begin))),
            Header::Other => at = after,
            Header::Key(len) => {
                let body = after + len;
                match text.get(body..).and_then(pem_end_line) {
                    Some((_, end)) => at = body + end,
                    None => return Some(begin.max(from.min(begin))),
                }
            }
        }
    }
    None
}

/// The first `-----BEGIN` at or after `at`. The same as `str::find`, without building a two-way
/// searcher per call (this runs on every released delta): a memchr for its first dash.
fn find_pem_begin(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let tail = bytes.get(at..)?;
    memchr::memchr_iter(b'-', tail)
        .map(|i| at + i)
        .find(|&i| bytes[i..].starts_with(PEM_BEGIN.as_bytes()))
}

/// Labels a private-key BEGIN or END line may carry (the scanner's rule).
const PEM_LABELS: [&str; 8] = [
    "",
    "RSA ",
    "EC ",
    "DSA ",
    "OPENSSH ",
    "ENCRYPTED ",
    "PGP ",
    "SSH2 ENCRYPTED ",
];
/// The longest END line: "-----END SSH2 ENCRYPTED PRIVATE KEY BLOCK-----".
const MAX_PEM_END_LINE: usize = 46;

#[derive(Debug, PartialEq, Eq)]
enum Header {
    /// A whole private-key line; the length of what follows the marker, closing dashes included.
    Key(usize),
    /// Could still become one as more text arrives.
    Pending,
    Other,
}

/// Read what follows "-----BEGIN" or "-----END".
fn pem_header(tail: &str) -> Header {
    let mut pending = false;
    for label in PEM_LABELS {
        for block in ["", " BLOCK"] {
            let line = format!(" {label}PRIVATE KEY{block}-----");
            if tail.starts_with(&line) {
                return Header::Key(line.len());
            }
            pending |= line.starts_with(tail);
        }
    }
    if pending {
        Header::Pending
    } else {
        Header::Other
    }
}

/// The first whole private-key END line in `text`: (start, end) byte offsets.
fn pem_end_line(text: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    while let Some(rel) = text.get(at..).and_then(|t| t.find(PEM_END)) {
        let start = at + rel;
        let after = start + PEM_END.len();
        if let Header::Key(len) = pem_header(text.get(after..)?) {
            return Some((start, after + len));
        }
        at = after;
    }
    None
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod context_tests {
    use super::super::testing::TestScanner;
    use super::Redactor;

    /// Found by fuzzing: the kept context was appended to itself on every release, so a release
    /// that emitted nothing doubled it (":" became "::", which then read as an IPv6 address).
    #[test]
    fn the_context_keeps_each_released_byte_once() {
        let scanner = TestScanner::new();
        let mut r = Redactor::new(4096, "[REDACTED]");
        // A colon right before the digits would be held with them now (an IPv6 address may
        // still be growing), so a space parts them.
        r.push(&scanner, ": 111 ");
        assert_eq!(r.context, ": ");
        r.push(&scanner, " ");
        r.push(&scanner, "");
        assert_eq!(r.context.matches(':').count(), 1, "{:?}", r.context);
    }
}

#[cfg(test)]
mod hold_tests {
    use super::trailing_numeric_run_start as run;

    #[test]
    fn digit_group_runs_include_iban_bank_codes() {
        // (text, the held tail)
        for (t, held) in [
            ("pay to GB29 NWBK 6016", "GB29 NWBK 6016"),
            ("pay to GB29 NWBK", "GB29 NWBK"),
            ("call +1 (555) 123-", "+1 (555) 123-"),
            // Upper-case words alone are held only as the last two groups (an identifier may
            // start with them: "HRB 48213", "K-AB 1234"), a lone bracket or plus sign too.
            ("WE SAW THE END ", "THE END "),
            ("Amtsgericht Köln HRB ", "HRB "),
            ("call +63 (", "+63 ("),
            // Found by fuzzing: a whole card number waits for the group after it.
            ("n 7555551111111 ", "7555551111111 "),
            // Lower-case words, and words with digits in prose, are not held.
            ("the end ", ""),
            ("see item12 item13 ", ""),
        ] {
            assert_eq!(&t[run(t)..], held, "{t}");
        }
    }

    #[test]
    fn a_day_waits_with_the_month_and_the_start_of_a_year() {
        use super::trailing_day_and_word_start as day;
        for (t, held) in [
            ("born on 3 Ap", "3 Ap"),
            ("born on 3 April ", "3 April "),
            ("born on 21st June, 19", "21st June, 19"),
            ("born 3-mar", "3-mar"),
            ("Born on the 21st September, ", "21st September, "),
            (
                "a long sentence before it: 21st September, 19",
                "21st September, 19",
            ),
        ] {
            assert_eq!(&t[day(t)..], held, "{t}");
        }
        // Not a day: three digits, glued to a word, a year with no gap, a long word.
        for t in [
            "in 300 days",
            "item3 Ap",
            "3 April1984",
            "3 extraordinarily",
        ] {
            assert_eq!(day(t), t.len(), "{t}");
        }
    }

    /// Found by fuzz/response_stream: the deltas "card)4111 111 " + "1111" released "4111 "
    /// (its group "card)4111" was too long) before the rest made it a phone number.
    #[test]
    fn a_number_after_a_bracket_in_a_long_group_is_held() {
        let t = "card)4111 111 ";
        assert_eq!(&t[run(t)..], "4111 111 ");
        let t = "reachmeat+4111 22";
        assert_eq!(&t[run(t)..], "+4111 22");
        // No number after the bracket: nothing more is held.
        let t = "function(x) 12";
        assert_eq!(&t[run(t)..], "12");
    }

    /// Found by fuzz/redactor: "-----END R-----" inside a private key ended the hold although the
    /// scanner does not take it for an END line, so the block was released before its real END.
    #[test]
    fn only_a_whole_private_key_end_line_closes_the_block() {
        use super::{open_pem, pem_end_line};
        let t = "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END R-----";
        assert_eq!(open_pem(t, 0), Some(0));
        let t = "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END R-----END RSA PRIVATE KEY-----2";
        assert_eq!(open_pem(t, 0), None);
        assert_eq!(pem_end_line(t), Some((t.len() - 30, t.len() - 1)));
        // A header still arriving is held; one that cannot become a key header is not.
        assert_eq!(open_pem("x -----BEGIN OPENSSH PRIV", 0), Some(2));
        assert_eq!(open_pem("x -----BEGIN the list\n", 0), None);
    }

    /// Found by fuzz/redactor: a second "-----BEGIN" inside an open private-key block made the
    /// hold start there, releasing the first block's header and body.
    #[test]
    fn the_first_open_pem_block_is_held_not_the_last() {
        use super::open_pem;
        let t = "-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\nQUJDQ-----BEGIN RSA PRIVA";
        assert_eq!(open_pem(t, 0), Some(0));
        // A closed block before an open one: the open one.
        let t =
            "-----BEGIN PRIVATE KEY-----\nab\n-----END PRIVATE KEY-----\nx -----BEGIN PRIVATE KEY";
        assert_eq!(open_pem(t, 0), t.rfind("-----BEGIN"));
        // A certificate does not hold; a private key after it does.
        let t = "-----BEGIN CERTIFICATE-----\nab\n-----BEGIN EC PRIVATE KEY-----\nxy";
        assert_eq!(open_pem(t, 0), t.rfind("-----BEGIN"));
        let t = "-----BEGIN CERTIFICATE-----\nab";
        assert_eq!(open_pem(t, 0), None);
    }
}
