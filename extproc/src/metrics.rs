//! The server's counters: the engine's `Counter` set (the same names the wasm filter gives
//! Envoy), kept in atomics and served in the Prometheus text format.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};

use promptwall_engine::metrics::{response_gains, verdict_counters, Counter};
use promptwall_engine::stream::StreamStats;
use promptwall_engine::Verdict;

#[derive(Default)]
pub struct Metrics {
    counters: [AtomicU64; Counter::COUNT],
    pub policy_version: AtomicU64,
    pub streams_active: AtomicU64,
    pub streams_total: AtomicU64,
    /// Streams ended with a gRPC error (a message promptwall could not accept).
    pub stream_errors: AtomicU64,
}

impl Metrics {
    pub fn add(&self, counter: Counter, n: u64) {
        self.counters[counter as usize].fetch_add(n, Ordering::Relaxed);
    }

    pub fn bump(&self, counter: Counter) {
        self.add(counter, 1);
    }

    pub fn get(&self, counter: Counter) -> u64 {
        self.counters[counter as usize].load(Ordering::Relaxed)
    }

    pub fn record(&self, verdict: &Verdict) {
        for counter in verdict_counters(verdict) {
            self.bump(counter);
        }
    }

    /// Add what `stats` has gained since `counted`, and remember it as counted.
    pub fn record_response(&self, stats: &StreamStats, counted: &mut StreamStats) {
        for (counter, n) in response_gains(stats, counted) {
            self.add(counter, n);
        }
    }

    /// The Prometheus text exposition: `promptwall.requests.blocked` is
    /// `promptwall_requests_blocked_total`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for counter in Counter::ALL {
            let name = format!("{}_total", counter.name().replace('.', "_"));
            let _ = writeln!(out, "# TYPE {name} counter\n{name} {}", self.get(counter));
        }
        let gauges = [
            ("promptwall_policy_version", &self.policy_version),
            ("promptwall_extproc_streams_active", &self.streams_active),
        ];
        for (name, value) in gauges {
            let _ = writeln!(
                out,
                "# TYPE {name} gauge\n{name} {}",
                value.load(Ordering::Relaxed)
            );
        }
        let totals = [
            ("promptwall_extproc_streams_total", &self.streams_total),
            (
                "promptwall_extproc_stream_errors_total",
                &self.stream_errors,
            ),
        ];
        for (name, value) in totals {
            let _ = writeln!(
                out,
                "# TYPE {name} counter\n{name} {}",
                value.load(Ordering::Relaxed)
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_render_under_prometheus_names() {
        let m = Metrics::default();
        m.bump(Counter::RequestsBlocked);
        m.add(Counter::ResponsesRedactions, 3);
        let text = m.render();
        assert!(
            text.contains("\npromptwall_requests_blocked_total 1\n"),
            "{text}"
        );
        assert!(text.contains("\npromptwall_responses_redactions_total 3\n"));
        assert!(text.contains("# TYPE promptwall_policy_version gauge\n"));
    }
}
