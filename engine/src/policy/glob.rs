//! Case-insensitive globs with `*` (any run, possibly empty) and `?` (one character).

#[derive(Debug, Clone)]
pub struct Glob {
    pattern: Vec<u8>,
}

impl Glob {
    pub fn new(pattern: &str) -> Glob {
        Glob {
            pattern: pattern.to_lowercase().into_bytes(),
        }
    }

    /// `text` must already be lower-cased. Runs on bytes with no allocation (it sits on the
    /// per-request path); `?` consumes one whole UTF-8 character.
    pub fn matches(&self, text: &str) -> bool {
        let (pat, text) = (self.pattern.as_slice(), text.as_bytes());
        let char_len = |i: usize| {
            let mut j = i + 1;
            while j < text.len() && (text[j] & 0xC0) == 0x80 {
                j += 1;
            }
            j - i
        };
        // Iterative wildcard match with one backtrack point: linear in practice, never exponential.
        let (mut p, mut t) = (0usize, 0usize);
        let mut star: Option<(usize, usize)> = None;
        while t < text.len() {
            match pat.get(p) {
                Some(b'*') => {
                    star = Some((p, t));
                    p += 1;
                }
                Some(b'?') => {
                    p += 1;
                    t += char_len(t);
                }
                Some(&c) if c == text[t] => {
                    p += 1;
                    t += 1;
                }
                _ => match star {
                    Some((sp, st)) => {
                        let next = st + char_len(st);
                        p = sp + 1;
                        t = next;
                        star = Some((sp, next));
                    }
                    None => return false,
                },
            }
        }
        pat[p..].iter().all(|&c| c == b'*')
    }
}

/// A set of globs; matches when any member does.
#[derive(Debug, Clone, Default)]
pub struct GlobSet {
    globs: Vec<Glob>,
}

impl GlobSet {
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> GlobSet {
        GlobSet {
            globs: patterns.iter().map(|p| Glob::new(p.as_ref())).collect(),
        }
    }

    pub fn matches(&self, lowercase_text: &str) -> bool {
        self.globs.iter().any(|g| g.matches(lowercase_text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_and_question_mark() {
        assert!(Glob::new("gpt-4o*").matches("gpt-4o-mini"));
        assert!(Glob::new("gpt-4o*").matches("gpt-4o"));
        assert!(!Glob::new("gpt-4o*").matches("gpt-4"));
        assert!(Glob::new("*uncensored*").matches("llama3-uncensored:8b"));
        assert!(Glob::new("llama3.?").matches("llama3.2"));
        assert!(!Glob::new("llama3.?").matches("llama3.21"));
        assert!(Glob::new("*").matches(""));
        assert!(Glob::new("a*b*c").matches("axxbyyc"));
        assert!(!Glob::new("a*b*c").matches("axxbyy"));
    }

    #[test]
    fn question_mark_is_one_character_even_outside_ascii() {
        assert!(Glob::new("caf?").matches("café"));
        assert!(Glob::new("*é").matches("café"));
        assert!(!Glob::new("caf??").matches("café"));
    }

    #[test]
    fn case_insensitive_pattern() {
        assert!(Glob::new("Claude-*").matches("claude-sonnet-4"));
    }
}
