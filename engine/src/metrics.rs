//! The counters every host keeps, and what raises them, so the wasm filter and the ext_proc
//! server count the same events under the same names.

use crate::stream::StreamStats;
use crate::verdict::{Action, Category, Refusal, Verdict};

/// One promptwall counter. Hosts keep one cell per variant, indexed by `as usize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    RequestsInspected,
    RequestsAllowed,
    RequestsBlocked,
    RequestsRewritten,
    RequestsMonitored,
    RefusedMalformed,
    RefusedOversized,
    RefusedEncoded,
    RefusedContentType,
    FindingsPromptInjection,
    FindingsModel,
    FindingsTool,
    FindingsLimits,
    FindingsSecret,
    FindingsPii,
    FindingsInput,
    ResponsesInspected,
    ResponsesRedactions,
    ResponsesToolBlocked,
    ResponsesHoldCapHits,
    ResponsesDroppedBytes,
    ResponsesRefusedEncoded,
    ResponsesRefusedContentType,
    PolicyReloads,
    PolicyReloadFailures,
    PolicyFetchFailures,
    PolicyUnavailable,
    HostFailures,
}

impl Counter {
    pub const COUNT: usize = Counter::ALL.len();

    pub const ALL: [Counter; 28] = [
        Counter::RequestsInspected,
        Counter::RequestsAllowed,
        Counter::RequestsBlocked,
        Counter::RequestsRewritten,
        Counter::RequestsMonitored,
        Counter::RefusedMalformed,
        Counter::RefusedOversized,
        Counter::RefusedEncoded,
        Counter::RefusedContentType,
        Counter::FindingsPromptInjection,
        Counter::FindingsModel,
        Counter::FindingsTool,
        Counter::FindingsLimits,
        Counter::FindingsSecret,
        Counter::FindingsPii,
        Counter::FindingsInput,
        Counter::ResponsesInspected,
        Counter::ResponsesRedactions,
        Counter::ResponsesToolBlocked,
        Counter::ResponsesHoldCapHits,
        Counter::ResponsesDroppedBytes,
        Counter::ResponsesRefusedEncoded,
        Counter::ResponsesRefusedContentType,
        Counter::PolicyReloads,
        Counter::PolicyReloadFailures,
        Counter::PolicyFetchFailures,
        Counter::PolicyUnavailable,
        Counter::HostFailures,
    ];

    /// The dotted name (Envoy shows the filter's as `wasmcustom.<name>`).
    pub fn name(self) -> &'static str {
        match self {
            Counter::RequestsInspected => "promptwall.requests.inspected",
            Counter::RequestsAllowed => "promptwall.requests.allowed",
            Counter::RequestsBlocked => "promptwall.requests.blocked",
            Counter::RequestsRewritten => "promptwall.requests.rewritten",
            Counter::RequestsMonitored => "promptwall.requests.monitored",
            Counter::RefusedMalformed => "promptwall.refused.malformed",
            Counter::RefusedOversized => "promptwall.refused.oversized",
            Counter::RefusedEncoded => "promptwall.refused.encoded",
            Counter::RefusedContentType => "promptwall.refused.content_type",
            Counter::FindingsPromptInjection => "promptwall.findings.prompt_injection",
            Counter::FindingsModel => "promptwall.findings.model",
            Counter::FindingsTool => "promptwall.findings.tool",
            Counter::FindingsLimits => "promptwall.findings.limits",
            Counter::FindingsSecret => "promptwall.findings.secret",
            Counter::FindingsPii => "promptwall.findings.pii",
            Counter::FindingsInput => "promptwall.findings.input",
            Counter::ResponsesInspected => "promptwall.responses.inspected",
            Counter::ResponsesRedactions => "promptwall.responses.redactions",
            Counter::ResponsesToolBlocked => "promptwall.responses.tool_blocked",
            Counter::ResponsesHoldCapHits => "promptwall.responses.hold_cap_hits",
            Counter::ResponsesDroppedBytes => "promptwall.responses.dropped_bytes",
            Counter::ResponsesRefusedEncoded => "promptwall.responses.refused_encoded",
            Counter::ResponsesRefusedContentType => "promptwall.responses.refused_content_type",
            Counter::PolicyReloads => "promptwall.policy.reloads",
            Counter::PolicyReloadFailures => "promptwall.policy.reload_failures",
            Counter::PolicyFetchFailures => "promptwall.policy.fetch_failures",
            Counter::PolicyUnavailable => "promptwall.policy.unavailable",
            Counter::HostFailures => "promptwall.hostcall_failures",
        }
    }

    fn of_refusal(refusal: Refusal) -> Counter {
        match refusal {
            Refusal::Malformed => Counter::RefusedMalformed,
            Refusal::Oversized => Counter::RefusedOversized,
            Refusal::Encoded => Counter::RefusedEncoded,
            Refusal::ContentType => Counter::RefusedContentType,
        }
    }

    fn of_category(category: Category) -> Counter {
        match category {
            Category::PromptInjection => Counter::FindingsPromptInjection,
            Category::Model => Counter::FindingsModel,
            Category::Tool => Counter::FindingsTool,
            Category::Limits => Counter::FindingsLimits,
            Category::Secret => Counter::FindingsSecret,
            Category::Pii => Counter::FindingsPii,
            Category::Input => Counter::FindingsInput,
        }
    }

    /// The counter for a response refused at its headers (`reason` from `ResponseDecision`).
    pub fn of_response_refusal(reason: &str) -> Counter {
        match reason {
            "encoded" => Counter::ResponsesRefusedEncoded,
            _ => Counter::ResponsesRefusedContentType,
        }
    }
}

/// The counters one request verdict raises, each by one: inspected, its action, its refusal,
/// and one per category with a decisive finding (per request, not per hit).
pub fn verdict_counters(verdict: &Verdict) -> Vec<Counter> {
    let mut raised = vec![
        Counter::RequestsInspected,
        match verdict.action {
            Action::Allow => Counter::RequestsAllowed,
            Action::Block => Counter::RequestsBlocked,
            Action::Rewrite => Counter::RequestsRewritten,
            Action::Monitor => Counter::RequestsMonitored,
        },
    ];
    raised.extend(verdict.refusal.map(Counter::of_refusal));
    for finding in verdict.findings.iter().filter(|f| f.decisive) {
        let counter = Counter::of_category(finding.category);
        if !raised.contains(&counter) {
            raised.push(counter);
        }
    }
    raised
}

/// What a response's statistics gained since `counted` (which is then brought up to date), as
/// (counter, amount) pairs with a non-zero amount. Hosts call it per chunk, so counts rise while
/// the answer streams.
pub fn response_gains(stats: &StreamStats, counted: &mut StreamStats) -> Vec<(Counter, u64)> {
    let mut gains = vec![
        (
            Counter::ResponsesRedactions,
            stats.redactions.saturating_sub(counted.redactions),
        ),
        (
            Counter::ResponsesHoldCapHits,
            stats.cap_hits.saturating_sub(counted.cap_hits),
        ),
        (
            Counter::ResponsesDroppedBytes,
            stats.dropped_bytes.saturating_sub(counted.dropped_bytes),
        ),
    ];
    if stats.tool_blocked.is_some() && counted.tool_blocked.is_none() {
        gains.push((Counter::ResponsesToolBlocked, 1));
    }
    counted.redactions = stats.redactions;
    counted.cap_hits = stats.cap_hits;
    counted.dropped_bytes = stats.dropped_bytes;
    counted.tool_blocked.clone_from(&stats.tool_blocked);
    gains.retain(|(_, n)| *n > 0);
    gains
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Finding;

    #[test]
    fn every_counter_is_listed_once_at_its_index() {
        for (i, c) in Counter::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "{c:?}");
        }
        let mut names: Vec<_> = Counter::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Counter::COUNT);
    }

    fn finding(category: Category, decisive: bool) -> Finding {
        Finding {
            rule: "r".into(),
            category,
            family: None,
            subject: None,
            location: crate::dialect::Location::top("model"),
            offset: 0,
            length: 0,
            hash: None,
            weight: None,
            mode: crate::policy::Mode::Enforce,
            decisive,
        }
    }

    #[test]
    fn a_verdict_counts_each_decisive_category_once() {
        let mut v = Verdict::allow(None);
        v.action = Action::Block;
        v.refusal = Some(Refusal::Malformed);
        v.findings = vec![
            finding(Category::Secret, true),
            finding(Category::Secret, true),
            finding(Category::Model, false),
        ];
        assert_eq!(
            verdict_counters(&v),
            vec![
                Counter::RequestsInspected,
                Counter::RequestsBlocked,
                Counter::RefusedMalformed,
                Counter::FindingsSecret
            ]
        );
    }

    #[test]
    fn response_gains_are_deltas_and_a_tool_block_counts_once() {
        let mut counted = StreamStats::default();
        let mut stats = StreamStats {
            redactions: 2,
            ..StreamStats::default()
        };
        assert_eq!(
            response_gains(&stats, &mut counted),
            vec![(Counter::ResponsesRedactions, 2)]
        );
        stats.redactions = 3;
        stats.tool_blocked = Some("tools.deny".into());
        assert_eq!(
            response_gains(&stats, &mut counted),
            vec![
                (Counter::ResponsesRedactions, 1),
                (Counter::ResponsesToolBlocked, 1)
            ]
        );
        assert!(response_gains(&stats, &mut counted).is_empty());
    }
}
