//! Engine microbenchmarks on the stable toolchain: each case runs in a loop timed with
//! `std::time::Instant` (median of five samples), and the results print as markdown tables.
//!
//! promptwall-bench [--quick]              all cases (BENCH_QUICK=1 also means --quick)
//! promptwall-bench --only CASE [N]        run one case N times untimed (for valgrind/callgrind)
//! promptwall-bench --list                 case names

use std::hint::black_box;
use std::time::{Duration, Instant};

use promptwall_bench::{
    answer_text, chat_bodies_in_turn, chat_body, deltas, json_escape, log_lines, plain, prose,
    sse_answer, sse_responses_answer, technical_prose, TextFn,
};
use promptwall_engine::detect::decode::decode_payloads;
use promptwall_engine::detect::normalize::fold;
use promptwall_engine::detect::secrets::SecretScanner;
use promptwall_engine::stream::redactor::Redactor;
use promptwall_engine::stream::{Framing, ResponsePolicy};
use promptwall_engine::{Action, Dialect, Policy, ResponseGuard};

/// The benchmarked policy: policy-schema/examples/default.json plus the host option the shipped
/// envoy-config/envoy.yaml sets.
const POLICY: &str = r#"{"version": 1, "host": {"allow_on_headers_stop_iteration": true}}"#;
const KB: usize = 1024;

struct Case {
    group: &'static str,
    name: String,
    /// Bytes one iteration processes (for MB/s).
    bytes: usize,
    note: String,
    run: Box<dyn FnMut()>,
}

fn policy() -> Policy {
    match Policy::from_json(POLICY.as_bytes()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("benchmark policy refused: {e}");
            std::process::exit(2);
        }
    }
}

/// A whole SSE answer through a response guard, in 16 KiB chunks as Envoy hands them over.
fn push_sse(policy: &Policy, dialect: Dialect, sse: &[u8]) -> ResponseGuard {
    let mut g = ResponseGuard::new(dialect, Framing::Sse);
    let chunks: Vec<&[u8]> = sse.chunks(16 * KB).collect();
    for (i, c) in chunks.iter().enumerate() {
        black_box(g.push(policy, c, i + 1 == chunks.len()));
    }
    g
}

fn leak<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

fn cases() -> Vec<Case> {
    let policy: &'static Policy = leak(policy());
    let scanner: &'static SecretScanner =
        leak(match SecretScanner::compile(&policy.doc.redaction) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("scanner: {e}");
                std::process::exit(2);
            }
        });
    let mut out = Vec::new();

    // Request path: the whole of Policy::inspect_body on chat-completion bodies.
    let texts: [(&str, TextFn); 4] = [
        ("prose", prose),
        ("no candidate", plain),
        ("log lines", log_lines),
        ("technical prose", technical_prose),
    ];
    for (label, text) in texts {
        for size in [KB, 16 * KB, 128 * KB] {
            for blocked in [false, true] {
                if blocked && label != "prose" {
                    continue;
                }
                let body = chat_body(size, blocked, text);
                let verdict = policy.inspect_body(Dialect::OpenAiChat, body.as_bytes());
                let note = format!("{:?}", verdict.action).to_lowercase();
                if blocked != (verdict.action == Action::Block) {
                    eprintln!("warning: {label} {size} blocked={blocked} gave {note}");
                }
                let bytes = body.len();
                let body = body.into_bytes();
                out.push(Case {
                    group: "request",
                    name: format!(
                        "inspect_body {label} {} KB{}",
                        size / KB,
                        if blocked { " (injection)" } else { "" }
                    ),
                    bytes,
                    note,
                    run: Box::new(move || {
                        black_box(policy.inspect_body(Dialect::OpenAiChat, black_box(&body)));
                    }),
                });
            }
        }
    }

    // The same body again and again lets the CPU's branch predictor learn it (a 16 KB body is
    // short enough to be memorised); a gateway sees a different body each time. Sixteen bodies
    // in turn keep the prediction honest.
    for size in [KB, 16 * KB] {
        let bodies: Vec<Vec<u8>> = chat_bodies_in_turn(size, false, prose)
            .map(String::into_bytes)
            .collect();
        let bytes = bodies.iter().map(Vec::len).sum::<usize>() / bodies.len();
        let mut next = 0usize;
        out.push(Case {
            group: "request",
            name: format!("inspect_body prose {} KB, 16 bodies in turn", size / KB),
            bytes,
            note: String::new(),
            run: Box::new(move || {
                next = (next + 1) % bodies.len();
                if let Some(body) = bodies.get(next) {
                    black_box(policy.inspect_body(Dialect::OpenAiChat, black_box(body)));
                }
            }),
        });
    }

    // Components on 128 KB of text.
    let secret_text = answer_text(16 * KB, 8, true);
    let inputs = [
        ("prose", prose(128 * KB, 3)),
        ("no candidate", plain(128 * KB, 3)),
        ("prose + 4 secrets", secret_text),
        ("technical prose", technical_prose(128 * KB, 3)),
    ];
    for (label, text) in &inputs {
        let component = |name: &str, note: String, run: Box<dyn FnMut()>| Case {
            group: "component",
            name: format!("{name} {label} {} KB", text.len() / KB),
            bytes: text.len(),
            note,
            run,
        };
        let t = text.clone();
        out.push(component(
            "normalize::fold",
            String::new(),
            Box::new(move || {
                black_box(fold(black_box(&t)));
            }),
        ));
        let t = text.clone();
        out.push(component(
            "decode_payloads",
            String::new(),
            Box::new(move || {
                let (mut budget, mut found) = (64 * KB, Vec::new());
                decode_payloads(black_box(&t), &mut budget, &mut found);
                black_box(found);
            }),
        ));
        let t = text.clone();
        let found = scanner.find(&t).len();
        out.push(component(
            "SecretScanner::find",
            format!("{found} matches"),
            Box::new(move || {
                black_box(scanner.find(black_box(&t)));
            }),
        ));
    }

    // Streaming: the response guard over an SSE answer in 16 KiB chunks, and one redactor fed
    // 8-byte deltas.
    let streams = [
        ("prose", answer_text(4096, 8, false)),
        ("prose + 4 secrets", answer_text(4096, 8, true)),
        ("no candidate", plain(4096 * 8, 5)),
        ("technical prose", technical_prose(4096 * 8, 11)),
    ];
    for (label, text) in &streams {
        let sse = sse_answer(text, 8).into_bytes();
        let text_len = text.len();
        let sse_len = sse.len();
        let redactions = push_sse(policy, Dialect::OpenAiChat, &sse).stats.redactions;
        out.push(Case {
            group: "stream",
            name: format!("ResponseGuard::push SSE {label} ({} events)", text_len / 8),
            bytes: sse_len,
            note: format!(
                "{redactions} redactions; text {:.0}% of bytes",
                100.0 * text_len as f64 / sse_len as f64
            ),
            run: Box::new(move || {
                black_box(push_sse(policy, Dialect::OpenAiChat, &sse));
            }),
        });
        if *label == "prose" {
            // The Responses API: every event carries its own sequence number.
            let sse = sse_responses_answer(text, 8).into_bytes();
            let sse_len = sse.len();
            out.push(Case {
                group: "stream",
                name: format!(
                    "ResponseGuard::push SSE Responses API {label} ({} events)",
                    text_len / 8
                ),
                bytes: sse_len,
                note: format!(
                    "text {:.0}% of bytes",
                    100.0 * text_len as f64 / sse_len as f64
                ),
                run: Box::new(move || {
                    black_box(push_sse(policy, Dialect::OpenAiResponses, &sse));
                }),
            });
        }
        let t = text.clone();
        let Some(text_scanner) = policy.scanner() else {
            continue;
        };
        out.push(Case {
            group: "stream",
            name: format!("Redactor::push {label} {} KB, 8-byte deltas", t.len() / KB),
            bytes: t.len(),
            note: String::new(),
            run: Box::new(move || {
                let mut r = Redactor::new(policy.max_hold_bytes(), policy.replacement());
                for d in deltas(&t, 8) {
                    black_box(r.push(text_scanner, d));
                }
                black_box(r.finish(text_scanner));
            }),
        });
    }

    out.push(Case {
        group: "policy",
        name: "Policy::from_json (default policy)".to_string(),
        bytes: 0,
        note: String::new(),
        run: Box::new(|| {
            black_box(Policy::from_json(black_box(POLICY.as_bytes())).is_ok());
        }),
    });
    out
}

/// The request bodies of the Envoy load benchmark, as one JSON object (for bench/envoy_bench.py).
fn print_bodies() {
    // Sixteen bodies of each kind (`16k.0` .. `16k.15`), sent in turn by the load generator: the
    // same body every time would let the CPU learn its branches.
    let mut bodies: Vec<(String, String)> = Vec::new();
    for size in [1, 16, 128] {
        for blocked in [false, true] {
            let kind = if blocked { "-blocked" } else { "" };
            for (k, body) in chat_bodies_in_turn(size * KB, blocked, prose).enumerate() {
                bodies.push((format!("{size}k{kind}.{k}"), body));
            }
        }
    }
    for (k, body) in chat_bodies_in_turn(KB, false, prose).enumerate() {
        let stream = body.replacen('{', r#"{"stream":true,"#, 1);
        bodies.push((format!("stream.{k}"), stream));
    }
    let mut out = String::from("{");
    for (i, (name, body)) in bodies.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("\"{name}\":\""));
        json_escape(body, &mut out);
        out.push('"');
    }
    out.push('}');
    println!("{out}");
}

/// The loop of `--only`, a function of its own so that callgrind can count just it
/// (`valgrind --tool=callgrind --toggle-collect='*run_only*' promptwall-bench --only CASE N`).
#[inline(never)]
fn run_only(case: &mut Case, times: u32) {
    for _ in 0..times {
        (case.run)();
    }
}

/// Median time per iteration over five samples of about `budget / 5` each.
fn measure(run: &mut dyn FnMut(), budget: Duration) -> Duration {
    run(); // warm-up
    let sample = budget / 5;
    let mut per_iter = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let mut n = 0u32;
        while n < 1_000_000 && (n == 0 || started.elapsed() < sample) {
            run();
            n += 1;
        }
        per_iter.push(started.elapsed() / n);
    }
    per_iter.sort();
    per_iter[2]
}

fn fmt_time(d: Duration) -> String {
    let ns = d.as_nanos() as f64;
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / d.as_secs_f64() / 1e6
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick")
        || std::env::var("BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
    if args.first().is_some_and(|a| a == "--bodies") {
        print_bodies();
        return;
    }
    let mut all = cases();
    if args.first().is_some_and(|a| a == "--list") {
        for c in &all {
            println!("{}", c.name);
        }
        return;
    }
    if args.first().is_some_and(|a| a == "--only") {
        let wanted = args.get(1).cloned().unwrap_or_default();
        let times: u32 = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(10);
        let Some(case) = all.iter_mut().find(|c| c.name == wanted) else {
            eprintln!("no case named {wanted:?} (see --list)");
            std::process::exit(2);
        };
        run_only(case, times.min(100_000));
        return;
    }
    let budget = Duration::from_millis(if quick { 100 } else { 500 });
    println!("| group | case | bytes | time / op | MB/s | note |");
    println!("|---|---|---:|---:|---:|---|");
    let mut results = Vec::new();
    for c in &mut all {
        let t = measure(&mut c.run, budget);
        let rate = if c.bytes > 0 {
            format!("{:.0}", mb_per_s(c.bytes, t))
        } else {
            "–".to_string()
        };
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            c.group,
            c.name,
            c.bytes,
            fmt_time(t),
            rate,
            c.note
        );
        results.push((c.name.clone(), c.bytes, t));
    }
    let rate_of = |name: &str| {
        results
            .iter()
            .find(|(n, _, _)| n == name)
            .map_or(0.0, |(_, b, t)| mb_per_s(*b, *t))
    };
    println!();
    let plain_rate = rate_of("inspect_body no candidate 128 KB");
    let prose_rate = rate_of("inspect_body prose 128 KB");
    println!(
        "- target ≥ 1000 MB/s on text with no candidate (whole request path, 128 KB): {plain_rate:.0} MB/s — {}",
        if plain_rate >= 1000.0 { "met" } else { "MISSED" }
    );
    println!(
        "- target ≥ 200 MB/s on dense prose through the whole request path (128 KB): {prose_rate:.0} MB/s — {}",
        if prose_rate >= 200.0 { "met" } else { "MISSED" }
    );
}
