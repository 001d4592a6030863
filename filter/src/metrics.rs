//! Envoy counters (proxy-wasm metrics; Envoy shows them with a `wasmcustom.` prefix).

use proxy_wasm::hostcalls::{define_metric, increment_metric, record_metric};
use proxy_wasm::types::MetricType;

use promptwall_engine::stream::StreamStats;
use promptwall_engine::{Action, Category, Refusal, Verdict};

pub struct Metrics {
    inspected: Option<u32>,
    allowed: Option<u32>,
    blocked: Option<u32>,
    rewritten: Option<u32>,
    monitored: Option<u32>,
    refused: [Option<u32>; 4],
    findings: [Option<u32>; 7],
    responses_inspected: Option<u32>,
    redactions: Option<u32>,
    tool_blocked: Option<u32>,
    hold_cap_hits: Option<u32>,
    dropped_bytes: Option<u32>,
    response_refused_encoded: Option<u32>,
    response_refused_content_type: Option<u32>,
    policy_reloads: Option<u32>,
    policy_reload_failures: Option<u32>,
    policy_fetch_failures: Option<u32>,
    policy_unavailable: Option<u32>,
    policy_version: Option<u32>,
    hostcall_failures: Option<u32>,
    vm_memory_bytes: Option<u32>,
}

const REFUSALS: [Refusal; 4] = [
    Refusal::Malformed,
    Refusal::Oversized,
    Refusal::Encoded,
    Refusal::ContentType,
];

const CATEGORIES: [Category; 7] = [
    Category::PromptInjection,
    Category::Model,
    Category::Tool,
    Category::Limits,
    Category::Secret,
    Category::Pii,
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
            responses_inspected: counter("promptwall.responses.inspected"),
            redactions: counter("promptwall.responses.redactions"),
            tool_blocked: counter("promptwall.responses.tool_blocked"),
            hold_cap_hits: counter("promptwall.responses.hold_cap_hits"),
            dropped_bytes: counter("promptwall.responses.dropped_bytes"),
            response_refused_encoded: counter("promptwall.responses.refused_encoded"),
            response_refused_content_type: counter("promptwall.responses.refused_content_type"),
            policy_reloads: counter("promptwall.policy.reloads"),
            policy_reload_failures: counter("promptwall.policy.reload_failures"),
            policy_fetch_failures: counter("promptwall.policy.fetch_failures"),
            policy_unavailable: counter("promptwall.policy.unavailable"),
            policy_version: define_metric(MetricType::Gauge, "promptwall.policy.version").ok(),
            hostcall_failures: counter("promptwall.hostcall_failures"),
            vm_memory_bytes: define_metric(MetricType::Gauge, "promptwall.vm.memory_bytes").ok(),
        }
    }

    /// One VM loaded a new policy version (each VM counts its own load).
    pub fn policy_reloaded(&self, version: u64) {
        bump(self.policy_reloads);
        if let Some(id) = self.policy_version {
            let _ = record_metric(id, version);
        }
    }

    /// This VM's linear memory; each worker VM sets the same gauge, so Envoy shows the last one
    /// written (a soak test watches it grow, or not).
    pub fn vm_memory(&self, bytes: u64) {
        if let Some(id) = self.vm_memory_bytes {
            let _ = record_metric(id, bytes);
        }
    }

    pub fn policy_reload_failed(&self) {
        bump(self.policy_reload_failures);
    }

    pub fn policy_fetch_failed(&self) {
        bump(self.policy_fetch_failures);
    }

    pub fn hostcall_failures(&self, n: u64) {
        add(self.hostcall_failures, n);
    }

    pub fn policy_unavailable(&self) {
        bump(self.policy_unavailable);
    }

    pub fn response_inspected(&self) {
        bump(self.responses_inspected);
    }

    pub fn response_refused(&self, reason: &str) {
        bump(match reason {
            "encoded" => self.response_refused_encoded,
            _ => self.response_refused_content_type,
        });
    }

    /// Add what `stats` has gained since `counted`, and remember it as counted.
    pub fn record_response(&self, stats: &StreamStats, counted: &mut StreamStats) {
        add(
            self.redactions,
            stats.redactions.saturating_sub(counted.redactions),
        );
        add(
            self.hold_cap_hits,
            stats.cap_hits.saturating_sub(counted.cap_hits),
        );
        add(
            self.dropped_bytes,
            stats.dropped_bytes.saturating_sub(counted.dropped_bytes),
        );
        if stats.tool_blocked.is_some() && counted.tool_blocked.is_none() {
            bump(self.tool_blocked);
        }
        counted.redactions = stats.redactions;
        counted.cap_hits = stats.cap_hits;
        counted.dropped_bytes = stats.dropped_bytes;
        counted.tool_blocked.clone_from(&stats.tool_blocked);
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
    add(id, 1);
}

fn add(id: Option<u32>, n: u64) {
    if let (Some(id), Ok(n)) = (id, i64::try_from(n)) {
        if n > 0 {
            let _ = increment_metric(id, n);
        }
    }
}
