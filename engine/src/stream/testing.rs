//! A small scanner for stream tests, independent of the real rule set.

use regex_lite::Regex;

use super::{Span, TextScanner};

pub struct TestScanner {
    rules: Vec<(&'static str, Regex)>,
}

impl TestScanner {
    pub fn new() -> TestScanner {
        let rules = [
            ("test.key", r"sk-live-[0-9a-z]{20,}"),
            ("test.email", r"[a-z0-9._]+@[a-z0-9-]+\.[a-z]{2,}"),
            ("test.card", r"\b4[0-9]{3}(?: ?[0-9]{4}){3}\b"),
            ("test.assignment", r"password = (\S{8,})"),
            (
                "test.pem",
                r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----",
            ),
        ];
        TestScanner {
            rules: rules
                .into_iter()
                .filter_map(|(id, p)| Regex::new(p).ok().map(|r| (id, r)))
                .collect(),
        }
    }
}

impl TextScanner for TestScanner {
    fn find(&self, text: &str) -> Vec<Span> {
        let mut spans: Vec<Span> = self
            .rules
            .iter()
            .flat_map(|(id, re)| {
                // A context rule reports only its secret (group 1), not its keyword.
                re.captures_iter(text).filter_map(move |c| {
                    let m = c.get(1).or_else(|| c.get(0))?;
                    Some(Span {
                        start: m.start(),
                        end: m.end(),
                        rule: (*id).to_string(),
                        grows_over_blanks: false,
                    })
                })
            })
            .collect();
        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        let mut out: Vec<Span> = Vec::new();
        for s in spans {
            if out.last().is_none_or(|l| s.start >= l.end) {
                out.push(s);
            }
        }
        out
    }

    fn max_match_len(&self) -> usize {
        8192
    }
}
