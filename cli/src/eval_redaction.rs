//! `promptwall eval-redaction`: recall and false-positive rate of the secret and PII rules over a
//! labelled JSONL corpus (`text`, `label`, `category`, optional `expected_spans` in characters).
//!
//! Label 1 counts as found when every expected span is overlapped by a match (without spans: any
//! match in the text); label 0 counts as a false positive when anything matches. The corpus `task`
//! ("secrets" or "pii") selects which kind of match counts, so an e-mail address in a secrets
//! sample is not a secret hit; `--kind all` counts both.
//!
//! By default each text is streamed through the response redactor in deltas of 1 to 4 characters
//! (as a model streams tokens), and a secret counts as found when it was redacted and no piece of
//! it of 8 bytes or more reached the output (pieces also present elsewhere in the input, such as a
//! provider name in the variable name, are not counted); `--whole` scans each text in one piece instead.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use promptwall_engine::detect::secrets::{Kind, SecretMatch, SecretScanner};
use promptwall_engine::stream::redactor::Redactor;
use serde::Deserialize;

use crate::{load_policy, Failure};

#[derive(Deserialize)]
struct Sample {
    text: String,
    label: Option<u8>,
    #[serde(default)]
    category: String,
    #[serde(default)]
    task: String,
    #[serde(default)]
    expected_spans: Vec<(usize, usize)>,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    pos: u64,
    found: u64,
    neg: u64,
    flagged: u64,
}

impl Tally {
    fn add(&mut self, label: u8, hit: bool) {
        if label == 1 {
            self.pos += 1;
            self.found += u64::from(hit);
        } else {
            self.neg += 1;
            self.flagged += u64::from(hit);
        }
    }
}

pub(crate) fn run(args: &[String]) -> Result<(), Failure> {
    let mut corpus = None;
    let mut policy_path = None;
    let mut kind = None;
    let mut show_misses = 0usize;
    let mut whole = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--corpus" => corpus = it.next().cloned(),
            "--policy" => policy_path = it.next().cloned(),
            "--kind" => kind = it.next().cloned(),
            "--whole" => whole = true,
            "--show-misses" => {
                show_misses = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| Failure::Usage("--show-misses needs a number".into()))?
            }
            other => return Err(Failure::Usage(format!("unknown argument {other}"))),
        }
    }
    let corpus =
        corpus.ok_or_else(|| Failure::Usage("eval-redaction needs --corpus FILE.jsonl".into()))?;
    let policy = load_policy(policy_path.as_deref())?;
    let scanner = SecretScanner::compile(&policy.doc.redaction)
        .map_err(|e| Failure::Policy(e.to_string()))?;

    let mut by_category: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_source: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    // Which rule families fired, on positives and on negatives.
    let mut fired: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let (mut bytes, mut busy) = (0u64, Duration::ZERO);
    let mut misses: Vec<String> = Vec::new();
    for item in crate::eval::samples::<Sample>(&corpus)? {
        let (n, sample) = item?;
        let Some(label) = sample.label else { continue };
        let started = Instant::now();
        let matches = if whole {
            scanner.find(&sample.text)
        } else {
            streamed_matches(&scanner, &policy.doc.redaction.replacement, &sample.text, n)
        };
        busy += started.elapsed();
        bytes += sample.text.len() as u64;
        let want = match (kind.as_deref(), sample.task.as_str()) {
            (Some("all"), _) => None,
            (Some("pii"), _) | (None, "pii") => Some(Kind::Pii),
            _ => Some(Kind::Secret),
        };
        let counted: Vec<&SecretMatch> = matches
            .iter()
            .filter(|m| want.is_none_or(|k| m.kind == k))
            .collect();
        let hit = if label == 1 && !sample.expected_spans.is_empty() {
            let spans = char_spans_to_bytes(&sample.text, &sample.expected_spans);
            spans
                .iter()
                .all(|&(s, e)| counted.iter().any(|m| m.start < e && s < m.end))
        } else {
            !counted.is_empty()
        };
        for m in &counted {
            let e = fired.entry(family(&m.rule)).or_default();
            if label == 1 {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        if (label == 1) != hit && misses.len() < show_misses {
            let rules: Vec<&str> = counted.iter().map(|m| m.rule.as_str()).collect();
            let text: String = sample.text.chars().take(160).collect();
            misses.push(format!(
                "{} label={label} rules={rules:?} {text:?}",
                sample.category
            ));
        }
        let source = sample
            .category
            .split_once(':')
            .map_or(sample.category.as_str(), |(s, _)| s)
            .to_string();
        by_category
            .entry(sample.category)
            .or_default()
            .add(label, hit);
        by_source.entry(source).or_default().add(label, hit);
        total.add(label, hit);
    }
    println!("| category | positives | recall | negatives | FPR |");
    println!("|---|---:|---:|---:|---:|");
    for (cat, t) in &by_category {
        print_row(cat, t);
    }
    println!();
    println!("| source | positives | recall | negatives | FPR |");
    println!("|---|---:|---:|---:|---:|");
    for (src, t) in &by_source {
        print_row(src, t);
    }
    print_row("**overall**", &total);
    println!();
    println!("| rule family | matches on label 1 | matches on label 0 |");
    println!("|---|---:|---:|");
    for (f, (p, q)) in &fired {
        println!("| {f} | {p} | {q} |");
    }
    let secs = busy.as_secs_f64().max(1e-9);
    println!(
        "\n{} rule entries, max match length {} bytes; scan throughput {:.1} MB/s ({} bytes in {:.3} s)",
        scanner.rule_count(),
        scanner.max_match_len(),
        bytes as f64 / secs / 1e6,
        bytes,
        secs
    );
    for m in misses {
        println!("MISS {m}");
    }
    Ok(())
}

fn print_row(name: &str, t: &Tally) {
    let pct = |a: u64, b: u64| {
        if b == 0 {
            "-".to_string()
        } else {
            format!("{:.1}%", 100.0 * a as f64 / b as f64)
        }
    };
    println!(
        "| {name} | {} | {} | {} | {} |",
        t.pos,
        pct(t.found, t.pos),
        t.neg,
        pct(t.flagged, t.neg)
    );
}

/// `secret.aws.access_key_id` -> `secret.aws`; `pii.phone` -> `pii.phone`.
fn family(rule: &str) -> String {
    let parts: Vec<&str> = rule.split('.').collect();
    match parts.as_slice() {
        ["secret", p, ..] => format!("secret.{p}"),
        _ => rule.to_string(),
    }
}

/// Expected spans are in characters (Python offsets); matches are in bytes.
fn char_spans_to_bytes(text: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let at = |c: usize| offsets.get(c).copied().unwrap_or(text.len());
    spans.iter().map(|&(s, e)| (at(s), at(e))).collect()
}

/// Stream `text` through a redactor in deltas of 1 to 4 characters and report, as matches, the
/// spans of the original text that did not reach the output: a span counts only if no 8-byte
/// piece of it appears in the output.
fn streamed_matches(
    scanner: &SecretScanner,
    replacement: &str,
    text: &str,
    seed: usize,
) -> Vec<SecretMatch> {
    let mut redactor = Redactor::new(65536, replacement);
    let mut out = String::new();
    let mut rules: Vec<String> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut step = seed;
    while i < chars.len() {
        step = step.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let n = 1 + (step >> 16) % 4;
        let end = chars.get(i + n).map_or(text.len(), |c| c.0);
        let e = redactor.push(scanner, &text[chars[i].0..end]);
        out.push_str(&e.text);
        rules.extend(e.redacted);
        i += n;
    }
    let e = redactor.finish(scanner);
    out.push_str(&e.text);
    rules.extend(e.redacted);
    // The markers themselves name rules ("planetscale"), which must not count as leaked text.
    for rule in &rules {
        out = out.replace(&replacement.replace("{rule}", rule), "\u{0}");
    }
    // Which whole-text matches were hidden: no 8-byte piece of them is in the output.
    scanner
        .find(text)
        .into_iter()
        .filter(|m| {
            let elsewhere = format!("{}\u{0}{}", &text[..m.start], &text[m.end..]);
            rules.contains(&m.rule) && !leaks(&text[m.start..m.end], &out, &elsewhere)
        })
        .collect()
}

/// Whether an 8-byte piece of `secret` appears in `output` that the rest of the input does not
/// explain (`rubygemsToken = "rubygems_..."`: the provider name is in the variable name too).
fn leaks(secret: &str, output: &str, elsewhere: &str) -> bool {
    let b = secret.as_bytes();
    if b.len() <= 8 {
        return output.contains(secret) && !elsewhere.contains(secret);
    }
    b.windows(8)
        .filter_map(|w| std::str::from_utf8(w).ok())
        .any(|w| output.contains(w) && !elsewhere.contains(w))
}
