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
}

/// What the redactors need of a rule set: complete, non-overlapping matches sorted by start.
/// A span covers the secret itself, not the context that identified it (for `password = x`,
/// only `x`), so the result does not depend on where a stream was split.
pub trait TextScanner {
    fn find(&self, text: &str) -> Vec<Span>;
    /// The longest match any rule can produce, in bytes.
    fn max_match_len(&self) -> usize;
    /// A bound on the ends of the matches `find(text)` reports, for a caller that scans a growing
    /// text again: each ends at or before the first character boundary at or after it. A
    /// scanner may leave out what it finds wholly inside `text[..from]` if the bound it gave for
    /// it then does not depend on where the caller cut the text: the caller keeps the largest
    /// bound earlier calls gave, in stream offsets, for the part before `from`. `None`: no bound
    /// known (the caller scans every time).
    fn match_reach(&self, _text: &str, _from: usize) -> Option<usize> {
        None
    }
}
