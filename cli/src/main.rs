//! `promptwall`: run the engine offline, so a policy can be tested in a user's own CI.
//!
//!   promptwall validate POLICY
//!   promptwall inspect [--policy POLICY] [--path PATH] [--jsonl]   (request bodies on stdin)
//!   promptwall eval --corpus FILE.jsonl [--policy POLICY]
//!
//! Exit status: 0 whatever the decisions, 1 for a policy error, 2 for a usage or I/O error.

mod eval;
mod eval_redaction;
mod redact;

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

use promptwall_engine::{Category, HeadDecision, Policy, RequestHead, Verdict};
use serde_json::json;

const USAGE: &str = "usage:
  promptwall validate POLICY
  promptwall inspect [--policy POLICY] [--path PATH] [--jsonl]
  promptwall eval --corpus FILE.jsonl [--policy POLICY]
  promptwall redact [--policy POLICY] --format sse|ndjson|json|text [--chunk-size N] [--dialect D]

inspect reads one request body from stdin (or, with --jsonl, one body per line) and prints one
JSON object per request: action (allow | block | monitor | rewrite), rule, category, findings.
Without --policy it uses the built-in default policy. PATH defaults to /v1/chat/completions.
eval wraps each labelled text (JSONL with text, label, category) as the user message of a chat
request, runs the whole request path, and prints per category the count and the rate flagged as
prompt injection (TPR for label 1, FPR for label 0), plus the throughput.
redact feeds a response body from stdin to the streaming engine in chunks of N bytes (default: all
at once) and writes exactly what a client would receive. D: openai_chat (default),
openai_responses, anthropic, ollama.";

pub(crate) enum Failure {
    Usage(String),
    Policy(String),
    Io(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("validate") => validate(&args[1..]),
        Some("inspect") => inspect(&args[1..]),
        Some("eval") if corpus_task(&args[1..]).is_some_and(|t| t == "secrets" || t == "pii") => {
            eval_redaction::run(&args[1..])
        }
        Some("eval") => eval::run(&args[1..]),
        Some("redact") => redact::run(&args[1..]),
        Some("eval-redaction") => eval_redaction::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(Failure::Usage("expected a command".into())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(m)) => {
            eprintln!("promptwall: {m}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Io(m)) => {
            eprintln!("promptwall: {m}");
            ExitCode::from(2)
        }
        Err(Failure::Policy(m)) => {
            eprintln!("promptwall: {m}");
            ExitCode::from(1)
        }
    }
}

pub(crate) fn load_policy(path: Option<&str>) -> Result<Policy, Failure> {
    match path {
        None => {
            Policy::builtin_default().map_err(|e| Failure::Policy(format!("built-in policy: {e}")))
        }
        Some(p) => {
            let bytes =
                std::fs::read(p).map_err(|e| Failure::Io(format!("cannot read {p}: {e}")))?;
            Policy::from_json(&bytes).map_err(|e| Failure::Policy(format!("{p}: {e}")))
        }
    }
}

fn validate(args: &[String]) -> Result<(), Failure> {
    let [path] = args else {
        return Err(Failure::Usage(
            "validate takes exactly one policy file".into(),
        ));
    };
    load_policy(Some(path))?;
    println!("{path}: valid");
    Ok(())
}

struct InspectArgs {
    policy: Option<String>,
    path: String,
    jsonl: bool,
}

fn parse_inspect_args(args: &[String]) -> Result<InspectArgs, Failure> {
    let mut out = InspectArgs {
        policy: None,
        path: "/v1/chat/completions".into(),
        jsonl: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match a.as_str() {
            "--policy" => out.policy = Some(value("--policy")?),
            "--path" => out.path = value("--path")?,
            "--jsonl" => out.jsonl = true,
            other => return Err(Failure::Usage(format!("unknown argument {other}"))),
        }
    }
    Ok(out)
}

fn inspect(args: &[String]) -> Result<(), Failure> {
    let args = parse_inspect_args(args)?;
    let policy = load_policy(args.policy.as_deref())?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut emit = |body: &[u8]| -> Result<(), Failure> {
        let line = judge(&policy, &args.path, body).to_string();
        writeln!(out, "{line}").map_err(|e| Failure::Io(format!("stdout: {e}")))
    };
    if args.jsonl {
        for line in io::stdin().lock().lines() {
            let line = line.map_err(|e| Failure::Io(format!("stdin: {e}")))?;
            if !line.trim().is_empty() {
                emit(line.as_bytes())?;
            }
        }
    } else {
        let mut body = Vec::new();
        io::stdin()
            .read_to_end(&mut body)
            .map_err(|e| Failure::Io(format!("stdin: {e}")))?;
        emit(&body)?;
    }
    Ok(())
}

/// The decision for one body, as the filter would make it for a JSON request on `path`.
fn judge(policy: &Policy, path: &str, body: &[u8]) -> serde_json::Value {
    let head = RequestHead {
        path,
        content_type: Some("application/json"),
        content_encoding: None,
        content_length: Some(body.len() as u64),
    };
    let verdict = match policy.check_head(&head) {
        HeadDecision::Pass => {
            return json!({"action": "allow", "guarded": false, "findings": []});
        }
        HeadDecision::Decided(v) => v,
        HeadDecision::Inspect(dialect) => policy.inspect_body(dialect, body),
    };
    describe(&verdict)
}

fn describe(v: &Verdict) -> serde_json::Value {
    let mut out = serde_json::to_value(v).unwrap_or_else(|e| json!({"error": e.to_string()}));
    if let Some(obj) = out.as_object_mut() {
        if v.action == promptwall_engine::Action::Block {
            obj.insert("status".into(), json!(v.status));
        }
        if let Some(r) = &v.rewritten {
            obj.insert("rewritten".into(), json!(String::from_utf8_lossy(r)));
        }
        if v.category == Some(Category::Input) {
            if let Some(reply) = &v.reply {
                obj.insert("reason".into(), json!(String::from_utf8_lossy(reply)));
            }
        }
    }
    out
}

/// The `task` of a corpus's first sample (`injection`, `secrets`, `pii`), to pick the evaluation.
fn corpus_task(args: &[String]) -> Option<String> {
    let path = args.iter().skip_while(|a| *a != "--corpus").nth(1)?;
    let file = std::fs::File::open(path).ok()?;
    let first = io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .find(|l| !l.trim().is_empty())?;
    let v: serde_json::Value = serde_json::from_str(&first).ok()?;
    v["task"].as_str().map(String::from)
}
