//! Envoy counters (proxy-wasm metrics; Envoy shows them with a `wasmcustom.` prefix). Which
//! events raise which counter is the engine's (`promptwall_engine::metrics`), shared with ext_proc.

use std::cell::Cell;

use proxy_wasm::hostcalls::{define_metric, increment_metric, record_metric};
use proxy_wasm::types::MetricType;

use promptwall_engine::metrics::{response_gains, verdict_counters, Counter};
use promptwall_engine::stream::StreamStats;
use promptwall_engine::Verdict;

pub struct Metrics {
    /// One metric id per `Counter`, by index; `None` where the host refused to define it.
    counters: [Option<u32>; Counter::COUNT],
    policy_version: Option<u32>,
    vm_memory_bytes: Option<u32>,
    /// The value last written to `vm_memory_bytes` by this VM.
    vm_memory_recorded: Cell<u64>,
}

impl Metrics {
    pub fn define() -> Metrics {
        Metrics {
            // A metric that cannot be defined is left out rather than failing the filter.
            counters: Counter::ALL.map(|c| define_metric(MetricType::Counter, c.name()).ok()),
            policy_version: define_metric(MetricType::Gauge, "promptwall.policy.version").ok(),
            vm_memory_bytes: define_metric(MetricType::Gauge, "promptwall.vm.memory_bytes").ok(),
            vm_memory_recorded: Cell::new(0),
        }
    }

    fn add(&self, counter: Counter, n: u64) {
        if let (Some(id), Ok(n)) = (self.counters[counter as usize], i64::try_from(n)) {
            if n > 0 {
                let _ = increment_metric(id, n);
            }
        }
    }

    fn bump(&self, counter: Counter) {
        self.add(counter, 1);
    }

    /// One VM loaded a new policy version (each VM counts its own load).
    pub fn policy_reloaded(&self, version: u64) {
        self.bump(Counter::PolicyReloads);
        if let Some(id) = self.policy_version {
            let _ = record_metric(id, version);
        }
    }

    /// This VM's linear memory; each worker VM sets the same gauge, so Envoy shows the last one
    /// written (a soak test watches it grow, or not).
    pub fn vm_memory(&self, bytes: u64) {
        // Written when it changes (wasm memory only grows), not on every request: a hostcall
        // per request for an unchanged value.
        if bytes == self.vm_memory_recorded.replace(bytes) {
            return;
        }
        if let Some(id) = self.vm_memory_bytes {
            let _ = record_metric(id, bytes);
        }
    }

    pub fn policy_reload_failed(&self) {
        self.bump(Counter::PolicyReloadFailures);
    }

    pub fn policy_fetch_failed(&self) {
        self.bump(Counter::PolicyFetchFailures);
    }

    pub fn hostcall_failures(&self, n: u64) {
        self.add(Counter::HostFailures, n);
    }

    pub fn policy_unavailable(&self) {
        self.bump(Counter::PolicyUnavailable);
    }

    pub fn response_inspected(&self) {
        self.bump(Counter::ResponsesInspected);
    }

    pub fn response_refused(&self, reason: &str) {
        self.bump(Counter::of_response_refusal(reason));
    }

    /// Add what `stats` has gained since `counted`, and remember it as counted.
    pub fn record_response(&self, stats: &StreamStats, counted: &mut StreamStats) {
        for (counter, n) in response_gains(stats, counted) {
            self.add(counter, n);
        }
    }

    pub fn record(&self, verdict: &Verdict) {
        for counter in verdict_counters(verdict) {
            self.bump(counter);
        }
    }
}
