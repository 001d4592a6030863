//! Case-insensitive globs with `*` (any run, possibly empty) and `?` (one character).

#[derive(Debug, Clone)]
pub struct Glob {
    pattern: Vec<char>,
}

impl Glob {
    pub fn new(pattern: &str) -> Glob {
        Glob {
            pattern: pattern.to_lowercase().chars().collect(),
        }
    }

    /// `text` must already be lower-cased.
    pub fn matches(&self, text: &str) -> bool {
        let text: Vec<char> = text.chars().collect();
        // Iterative wildcard match with one backtrack point: linear in practice, never exponential.
        let (mut p, mut t) = (0usize, 0usize);
        let mut star: Option<(usize, usize)> = None;
        while t < text.len() {
            match self.pattern.get(p) {
                Some('*') => {
                    star = Some((p, t));
                    p += 1;
                }
                Some(&c) if c == '?' || c == text[t] => {
                    p += 1;
                    t += 1;
                }
                _ => match star {
                    Some((sp, st)) => {
                        p = sp + 1;
                        t = st + 1;
                        star = Some((sp, st + 1));
                    }
                    None => return false,
                },
            }
        }
        self.pattern[p..].iter().all(|&c| c == '*')
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
    fn case_insensitive_pattern() {
        assert!(Glob::new("Claude-*").matches("claude-sonnet-4"));
    }
}
