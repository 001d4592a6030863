//! Envoy counters (proxy-wasm metrics; Envoy shows them with a `wasmcustom.` prefix).

use proxy_wasm::hostcalls::{define_metric, increment_metric};
use proxy_wasm::types::MetricType;

use promptwall_engine::{Action, Category, Refusal, Verdict};

pub struct Metrics {
    inspected: Option<u32>,
    allowed: Option<u32>,
    blocked: Option<u32>,
    rewritten: Option<u32>,
    monitored: Option<u32>,
    refused: [Option<u32>; 4],
    findings: [Option<u32>; 5],
}

const REFUSALS: [Refusal; 4] = [
    Refusal::Malformed,
    Refusal::Oversized,
    Refusal::Encoded,
    Refusal::ContentType,
];

const CATEGORIES: [Category; 5] = [
    Category::PromptInjection,
    Category::Model,
    Category::Tool,
    Category::Limits,
    Category::Input,
];

fn counter(name: &str) -> Option<u32> {
    // A metric that cannot be defined is left out rather than failing the filter.
    define_metric(MetricType::Counter, name).ok()
}

impl Metrics {
    pub fn define() -> Metrics {
        Metrics {
            inspected: counter("promptwall.requests.inspected"),
            allowed: counter("promptwall.requests.allowed"),
            blocked: counter("promptwall.requests.blocked"),
            rewritten: counter("promptwall.requests.rewritten"),
            monitored: counter("promptwall.requests.monitored"),
            refused: REFUSALS.map(|r| counter(&format!("promptwall.refused.{}", r.as_str()))),
            findings: CATEGORIES.map(|c| counter(&format!("promptwall.findings.{}", c.as_str()))),
        }
    }

    pub fn record(&self, verdict: &Verdict) {
        bump(self.inspected);
        bump(match verdict.action {
            Action::Allow => self.allowed,
            Action::Block => self.blocked,
            Action::Rewrite => self.rewritten,
            Action::Monitor => self.monitored,
        });
        if let Some(r) = verdict.refusal {
            bump(
                REFUSALS
                    .iter()
                    .position(|x| *x == r)
                    .and_then(|i| self.refused[i]),
            );
        }
        // One count per category present in the request, not per hit.
        for (i, c) in CATEGORIES.iter().enumerate() {
            if verdict
                .findings
                .iter()
                .any(|f| f.category == *c && f.decisive)
            {
                bump(self.findings[i]);
            }
        }
    }
}

fn bump(id: Option<u32>) {
    if let Some(id) = id {
        let _ = increment_metric(id, 1);
    }
}
