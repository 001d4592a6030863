//! `promptwall eval`: detection rates per corpus category, through the whole request path.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};

use serde::de::DeserializeOwned;
use std::time::{Duration, Instant};

use promptwall_engine::{Category, Dialect, Policy};
use serde::Deserialize;
use serde_json::json;

use crate::{load_policy, Failure};

#[derive(Deserialize)]
struct Sample {
    text: String,
    label: Option<u8>,
    #[serde(default)]
    category: String,
}

#[derive(Default)]
struct Tally {
    label: u8,
    count: u64,
    flagged: u64,
}

pub(crate) fn run(args: &[String]) -> Result<(), Failure> {
    let mut corpus = None;
    let mut policy_path = None;
    let mut errors_path = None;
    let mut as_tool = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--corpus" => corpus = it.next().cloned(),
            "--policy" => policy_path = it.next().cloned(),
            "--errors" => errors_path = it.next().cloned(),
            // --as tool: every sample is the result of a tool call (indirect text, tool scope).
            "--as" => match it.next().map(String::as_str) {
                Some("user") => as_tool = false,
                Some("tool") => as_tool = true,
                _ => return Err(Failure::Usage("--as takes user or tool".into())),
            },
            other => return Err(Failure::Usage(format!("unknown argument {other}"))),
        }
    }
    let corpus = corpus.ok_or_else(|| Failure::Usage("eval needs --corpus FILE.jsonl".into()))?;
    let policy = load_policy(policy_path.as_deref())?;

    // With --errors FILE, every misclassified sample is written there (category, label, the rules
    // that fired) for error analysis; the corpus text itself is not copied.
    let mut errors = match &errors_path {
        Some(p) => Some(
            std::fs::File::create(p).map_err(|e| Failure::Io(format!("cannot write {p}: {e}")))?,
        ),
        None => None,
    };
    let mut tallies: BTreeMap<(String, u8), Tally> = BTreeMap::new();
    let (mut bytes, mut busy) = (0u64, Duration::ZERO);
    for item in samples::<Sample>(&corpus)? {
        let (n, sample) = item?;
        let Some(label) = sample.label else { continue };
        let body = if as_tool {
            json!({"model": "eval", "messages": [
                {"role": "user", "content": "Use the tool and answer."},
                {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1",
                    "type": "function", "function": {"name": "fetch", "arguments": "{}"}}]},
                {"role": "tool", "tool_call_id": "call_1", "content": sample.text}]})
        } else {
            json!({"model": "eval", "messages": [{"role": "user", "content": sample.text}]})
        }
        .to_string();
        let started = Instant::now();
        let (flagged, rules) = flags_injection(&policy, body.as_bytes());
        busy += started.elapsed();
        if let Some(out) = errors.as_mut() {
            if flagged != (label == 1) {
                use std::io::Write;
                let rec = json!({"line": n + 1, "category": sample.category, "label": label, "rules": rules});
                writeln!(out, "{rec}").map_err(|e| Failure::Io(e.to_string()))?;
            }
        }
        bytes += body.len() as u64;
        // Count each sample under its category and, for "group:sub" categories, its group too.
        let mut keys = vec![sample.category.clone()];
        if let Some((group, _)) = sample.category.split_once(':') {
            keys.push(group.to_string());
        }
        for key in keys {
            let t = tallies.entry((key, label)).or_default();
            t.label = label;
            t.count += 1;
            t.flagged += u64::from(flagged);
        }
    }
    print_table(&tallies);
    let secs = busy.as_secs_f64().max(1e-9);
    println!(
        "\nthroughput: {:.1} MB/s of request bodies ({} bytes in {:.3} s of inspection)",
        bytes as f64 / secs / 1e6,
        bytes,
        secs
    );
    Ok(())
}

fn flags_injection(policy: &Policy, body: &[u8]) -> (bool, Vec<String>) {
    let verdict = policy.inspect_body(Dialect::OpenAiChat, body);
    let injection = verdict
        .findings
        .iter()
        .filter(|f| f.category == Category::PromptInjection);
    let flagged = injection.clone().any(|f| f.decisive);
    let mut rules: Vec<String> = injection.map(|f| f.rule.clone()).collect();
    rules.dedup();
    (flagged, rules)
}

fn print_table(tallies: &BTreeMap<(String, u8), Tally>) {
    println!("| category | label | count | flagged | rate |");
    println!("|---|---|---:|---:|---:|");
    for ((category, _), t) in tallies {
        let rate = 100.0 * t.flagged as f64 / t.count.max(1) as f64;
        let kind = if t.label == 1 { "TPR" } else { "FPR" };
        println!(
            "| {category} | {} | {} | {} | {kind} {rate:.1}% |",
            t.label, t.count, t.flagged
        );
    }
}

/// The samples of a JSONL corpus with their line index, blank lines skipped; errors name the line.
pub(crate) fn samples<T: DeserializeOwned>(
    corpus: &str,
) -> Result<impl Iterator<Item = Result<(usize, T), Failure>> + '_, Failure> {
    let file = std::fs::File::open(corpus)
        .map_err(|e| Failure::Io(format!("cannot read {corpus}: {e}")))?;
    Ok(BufReader::new(file)
        .lines()
        .enumerate()
        .filter_map(move |(n, line)| {
            let line = match line {
                Ok(l) => l,
                Err(e) => return Some(Err(Failure::Io(format!("{corpus}: {e}")))),
            };
            if line.trim().is_empty() {
                return None;
            }
            Some(
                serde_json::from_str(&line)
                    .map(|s| (n, s))
                    .map_err(|e| Failure::Io(format!("{corpus}:{}: {e}", n + 1))),
            )
        }))
}
