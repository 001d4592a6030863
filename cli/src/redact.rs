//! `promptwall redact`: a response body through the same streaming engine the filter runs, in
//! chunks of N bytes, writing exactly what a client would receive.

use std::io::{Read, Write};

use promptwall_engine::stream::redactor::Redactor;
use promptwall_engine::stream::{Framing, ResponsePolicy};
use promptwall_engine::{Dialect, Policy, ResponseGuard};

use crate::{load_policy, Failure};

pub(crate) fn run(args: &[String]) -> Result<(), Failure> {
    let mut policy_path = None;
    let mut format = None;
    let mut chunk_size = 0usize;
    let mut dialect = Dialect::OpenAiChat;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| Failure::Usage(format!("{a} needs a value")))
        };
        match a.as_str() {
            "--policy" => policy_path = Some(value()?.clone()),
            "--format" => format = Some(value()?.clone()),
            "--chunk-size" => {
                chunk_size = value()?
                    .parse()
                    .map_err(|_| Failure::Usage("--chunk-size takes a positive number".into()))?
            }
            "--dialect" => {
                let d = value()?;
                dialect = serde_json::from_value(serde_json::Value::String(d.clone()))
                    .map_err(|_| Failure::Usage(format!("unknown dialect {d}")))?;
            }
            other => return Err(Failure::Usage(format!("unknown argument {other}"))),
        }
    }
    let format = format
        .ok_or_else(|| Failure::Usage("redact needs --format sse|ndjson|json|text".into()))?;
    let policy = load_policy(policy_path.as_deref())?;
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .map_err(|e| Failure::Io(format!("stdin: {e}")))?;
    let chunk = if chunk_size == 0 {
        input.len().max(1)
    } else {
        chunk_size
    };
    let out = match format.as_str() {
        "text" => redact_text(&policy, &input, chunk)?,
        "sse" => through_guard(&policy, dialect, Framing::Sse, &input, chunk),
        "ndjson" => through_guard(&policy, dialect, Framing::Ndjson, &input, chunk),
        "json" => through_guard(&policy, dialect, Framing::Json, &input, chunk),
        other => return Err(Failure::Usage(format!("unknown format {other}"))),
    };
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Failure::Io(format!("stdout: {e}")))
}

fn through_guard(
    policy: &Policy,
    dialect: Dialect,
    framing: Framing,
    input: &[u8],
    chunk: usize,
) -> Vec<u8> {
    let mut guard = ResponseGuard::new(dialect, framing);
    let pieces: Vec<&[u8]> = if input.is_empty() {
        vec![input]
    } else {
        input.chunks(chunk).collect()
    };
    let mut out = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let o = guard.push(policy, piece, i + 1 == pieces.len());
        match o.replace {
            // A refused whole body: what the client gets instead (its status goes to stderr).
            Some(r) => {
                eprintln!("promptwall: response replaced with status {}", r.status);
                out = r.body;
            }
            None => out.extend(o.bytes),
        }
    }
    out
}

fn redact_text(policy: &Policy, input: &[u8], chunk: usize) -> Result<Vec<u8>, Failure> {
    let text =
        std::str::from_utf8(input).map_err(|e| Failure::Io(format!("stdin is not UTF-8: {e}")))?;
    let Some(scanner) = policy.scanner() else {
        return Ok(input.to_vec());
    };
    let mut redactor = Redactor::new(policy.max_hold_bytes(), policy.replacement());
    let mut out = String::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + chunk).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        out.push_str(&redactor.push(scanner, &text[start..end]).text);
        start = end;
    }
    out.push_str(&redactor.finish(scanner).text);
    Ok(out.into_bytes())
}
