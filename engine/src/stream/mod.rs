//! Response streams: framing (SSE, NDJSON, JSON), per-field redactors with bounded hold-back,
//! and the rewriting of events with the safe text.

pub mod deltas;
pub mod guard;
pub mod json_text;
pub mod redactor;

pub use guard::{Framing, Output, Replace, ResponseGuard, ResponsePolicy, StreamStats};
#[cfg(test)]
pub(crate) mod testing;

/// A match of a redaction rule in a text, in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub rule: String,
    /// The rule's match may go on after a blank or a comma (a name's next word, a date's
    /// year: the PII rules), so a stream holds it while the next word arrives. A provider
    /// token ends where it ends and is released at once.
    pub grows_over_blanks: bool,
}

/// What the redactors need of a rule set: complete, non-overlapping matches sorted by start.
/// A span covers the secret itself, not the context that identified it (for `password = x`,
/// only `x`), so the result does not depend on where a stream was split.
pub trait TextScanner {
    fn find(&self, text: &str) -> Vec<Span>;
    /// The longest match any rule can produce, in bytes.
    fn max_match_len(&self) -> usize;
    /// A bound on the ends of the matches `find(text)` reports, for a caller that scans a growing
    /// text again (see `Reach`). A scanner may leave out what it judged wholly inside
    /// `text[..from]` if the bound it gave for it then does not depend on where the caller cut
    /// the text: the caller keeps the largest bound earlier calls gave, in stream offsets, and
    /// passes as `from` what the last call settled. `None`: no bound known (the caller scans
    /// every time).
    fn match_reach(&self, _text: &str, _from: usize) -> Option<Reach> {
        None
    }
}

/// What `TextScanner::match_reach` says of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// Each match `find` reports in this text, or in a longer one that begins with the same
    /// text after `settled`, ends at or before the first character boundary at or after `end`.
    pub end: usize,
    /// Up to here the text is judged for good; after it, a trigger (a keyword whose following
    /// bytes are not all here yet) needs more text to be judged, and the next call must be
    /// given it again (its `from` at most `settled`). At most the text's length.
    pub settled: usize,
    /// `(start, end)`: a rule reads back to a trigger at `start` (the manifest line of a
    /// Kubernetes Secret), so the caller keeps the text from `start` as context until what it
    /// has released reaches `end`. The latest such trigger in the text, if any.
    pub keep: Option<(usize, usize)>,
}
