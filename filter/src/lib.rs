//! promptwall as a proxy-wasm filter: moves bytes between Envoy and the engine, decides nothing.
//!
//! Host facts this relies on (Envoy 1.40, V8): pausing from a headers callback also stops the body
//! callbacks unless the Wasm PluginConfig sets `allow_on_headers_stop_iteration` (Envoy 1.35+), so
//! headers are held only when the policy says the host allows it (`host.allow_on_headers_stop_iteration`);
//! otherwise request headers leave before the verdict, `content-length` is dropped up front on
//! routes whose body may be rewritten, and a header set after that point is refused by the host.
//! Every hostcall goes through `host`, which reports failure instead of panicking.

#[cfg(feature = "fault-injection")]
mod fault;
mod host;
mod metrics;
mod source;

use std::rc::Rc;

use log::{error, info, warn};
use promptwall_engine::policy::overrides::RequestFacts;
use promptwall_engine::stream::{Framing, StreamStats};
use promptwall_engine::verdict::AuditContext;
use promptwall_engine::{
    Action as Decision, Dialect, HeadDecision, Output, Policy, RequestHead, ResponseDecision,
    ResponseGuard, Verdict,
};
use proxy_wasm::hostcalls;
use proxy_wasm::traits::{Context, HttpContext, RootContext};
use proxy_wasm::types::{Action, ContextType, LogLevel};

use metrics::Metrics;
use source::SourceSync;

proxy_wasm::main! {{
    proxy_wasm::set_log_level(LogLevel::Info);
    proxy_wasm::set_root_context(|_| -> Box<dyn RootContext> { Box::new(Root::default()) });
}}

#[derive(Default)]
struct Root {
    policy: Option<Rc<Policy>>,
    /// False while a `fail_closed` source has not delivered a policy: guarded requests get 503.
    ready: bool,
    metrics: Option<Rc<Metrics>>,
    sync: Option<SourceSync>,
}

impl Context for Root {
    fn on_http_call_response(
        &mut self,
        token_id: u32,
        _num_headers: usize,
        body_size: usize,
        _num_trailers: usize,
    ) {
        let (Some(sync), Some(metrics)) = (self.sync.as_mut(), self.metrics.as_ref()) else {
            return;
        };
        if let Some(policy) = sync.on_response(token_id, body_size, metrics) {
            self.adopt(policy);
        }
    }
}

impl Root {
    fn adopt(&mut self, policy: Policy) {
        self.policy = Some(Rc::new(policy));
        self.ready = true;
    }
}

impl RootContext for Root {
    fn on_configure(&mut self, _plugin_configuration_size: usize) -> bool {
        let config = host::plugin_configuration().unwrap_or_default();
        if config.iter().all(u8::is_ascii_whitespace) {
            error!("no policy configured: the filter configuration must be a policy JSON document");
            return false;
        }
        let policy = match Policy::from_json(&config) {
            Ok(policy) => policy,
            Err(e) => {
                // Refusing the configuration makes Envoy reject the filter: never half-loaded.
                error!("{e}");
                return false;
            }
        };
        info!(
            "policy loaded (mode {:?}, {} guarded routes{})",
            policy.doc.mode,
            policy.doc.routes.len(),
            if policy.doc.source.is_some() {
                ", remote source"
            } else {
                ""
            }
        );
        // Defined once per VM; nothing is counted while Envoy checks the configuration.
        if self.metrics.is_none() {
            self.metrics = Some(Rc::new(Metrics::define()));
        }
        self.ready = true;
        if let Some(src) = policy.doc.source.clone() {
            self.ready = src.startup == promptwall_engine::policy::SourceStartup::Inline;
            let plugin = proxy_wasm::hostcalls::get_property(vec!["plugin_name"])
                .ok()
                .flatten()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            let mut sync = SourceSync::new(&plugin, src);
            // Configuration time: load what other VMs published, but count nothing here.
            let shared = sync.load_shared(None);
            self.sync = Some(sync);
            // Short ticks: a new version reaches every worker within one tick of its publish.
            let _ = proxy_wasm::hostcalls::set_tick_period(source::TICK);
            self.policy = Some(Rc::new(policy));
            if let Some(p) = shared {
                self.adopt(p);
            }
            return true;
        }
        self.policy = Some(Rc::new(policy));
        true
    }

    fn on_tick(&mut self) {
        let (Some(sync), Some(metrics)) = (self.sync.as_mut(), self.metrics.clone()) else {
            return;
        };
        let loaded = sync.load_shared(Some(&metrics));
        sync.tick(&metrics);
        if let Some(policy) = loaded {
            self.adopt(policy);
        }
    }

    fn create_http_context(&self, _context_id: u32) -> Option<Box<dyn HttpContext>> {
        let policy = self.policy.clone()?;
        let metrics = self.metrics.clone()?;
        Some(Box::new(Guard {
            policy,
            monitored_rule: None,
            length_dropped: false,
            selected: None,
            ready: self.ready,
            metrics,
            dialect: None,
            route: None,
            response: None,
            counted: StreamStats::default(),
            response_buffered: 0,
            path: String::new(),
            request_id: String::new(),
        }))
    }

    fn get_type(&self) -> Option<ContextType> {
        Some(ContextType::HttpContext)
    }
}

struct Guard {
    policy: Rc<Policy>,
    /// The rule a monitor decision would have enforced, for the optional response header.
    monitored_rule: Option<String>,
    /// Whether `content-length` was dropped (so a rewritten body is framed right).
    length_dropped: bool,
    /// The override that applies to this request (`None`: the base policy).
    selected: Option<usize>,
    /// False until a `fail_closed` source has delivered a policy.
    ready: bool,
    metrics: Rc<Metrics>,
    /// Set when the request is on a guarded route and its body is being inspected.
    dialect: Option<Dialect>,
    /// The dialect of a guarded route, kept for the response; cleared when the filter answers
    /// itself, so its own error body is not counted as an inspected answer.
    route: Option<Dialect>,
    /// The response guard, when the response body is inspected.
    response: Option<ResponseGuard>,
    /// The part of the guard's statistics already added to the counters.
    counted: StreamStats,
    /// Bytes of a whole-JSON answer Envoy holds for us (to read it if trailers end it).
    response_buffered: usize,
    path: String,
    request_id: String,
}

impl Context for Guard {}

impl HttpContext for Guard {
    fn on_http_request_headers(&mut self, _num_headers: usize, end_of_stream: bool) -> Action {
        #[cfg(feature = "fault-injection")]
        fault::trap_if_asked();
        let failures_before = host::pending_failures();
        let Some(headers) = host::request_headers() else {
            // The request could not be read: it is not passed on unjudged.
            return self.fail_closed(None);
        };
        self.path = headers.get(":path").unwrap_or_default();
        let content_type = headers.get("content-type");
        let content_encoding = headers.get("content-encoding");
        let content_length = headers
            .get("content-length")
            .and_then(|v| v.trim().parse().ok());
        self.selected = self.policy.select(&HostFacts(&headers));
        if host::pending_failures() > failures_before {
            // The request could not be read whole: it is not passed on unjudged.
            return self.fail_closed(None);
        }
        let head = RequestHead {
            path: &self.path,
            content_type: content_type.as_deref(),
            content_encoding: content_encoding.as_deref(),
            content_length,
        };
        match self.active().check_head(&head) {
            HeadDecision::Pass => Action::Continue,
            HeadDecision::Decided(verdict) => self.apply(verdict, None),
            HeadDecision::Inspect(dialect) if !self.ready => {
                // The policy source has not answered yet and the policy says fail closed.
                let body = promptwall_engine::verdict::error_body(
                    Some(dialect),
                    503,
                    "promptwall: no policy has been loaded yet",
                    "policy.unavailable",
                    false,
                );
                self.metrics.policy_unavailable();
                host::send_response(503, &body);
                Action::Pause
            }
            HeadDecision::Inspect(dialect) => {
                self.request_id = headers.get("x-request-id").unwrap_or_default();
                // The upstream must answer in a form promptwall can read (if this fails, an
                // encoded answer is refused on the way back).
                host::set_request_header("accept-encoding", None);
                self.route = Some(dialect);
                if end_of_stream {
                    return Action::Continue;
                }
                self.dialect = Some(dialect);
                if self.holds_headers() {
                    // Headers wait for the verdict: nothing reaches the upstream before it.
                    return Action::Pause;
                }
                if self.active().may_rewrite_requests() {
                    // Headers leave before the verdict: let Envoy frame a body that may change.
                    self.length_dropped = host::set_request_header("content-length", None);
                }
                Action::Continue
            }
        }
    }

    fn on_http_request_body(&mut self, body_size: usize, end_of_stream: bool) -> Action {
        let Some(dialect) = self.dialect else {
            return Action::Continue;
        };
        if !end_of_stream {
            if body_size as u64 > self.active().doc.limits.max_body_bytes {
                // Refuse as soon as the limit is passed rather than buffering the rest.
                self.dialect = None;
                let verdict = self.active().oversized(dialect);
                return self.apply(verdict, None);
            }
            // Keep buffering until the whole body is here.
            return Action::Pause;
        }
        self.dialect = None;
        let Some(body) = host::request_body(body_size).filter(|b| b.len() == body_size) else {
            warn!("the host did not hand over the {body_size}-byte request body");
            return self.fail_closed(Some(dialect));
        };
        let verdict = self.active().inspect_body(dialect, &body);
        self.apply(verdict, Some(body_size))
    }

    fn on_http_request_trailers(&mut self, _num_trailers: usize) -> Action {
        // The body callbacks never saw its end, so the body is still unjudged: without this the
        // default would send it on as it is.
        let Some(dialect) = self.dialect.take() else {
            return Action::Continue;
        };
        let verdict = self.active().request_trailers(dialect);
        self.apply(verdict, None)
    }

    fn on_http_response_headers(&mut self, _num_headers: usize, end_of_stream: bool) -> Action {
        if let (Some(rule), Some(header)) = (
            &self.monitored_rule,
            &self.active().doc.response.monitor_header,
        ) {
            host::set_response_header(header, Some(rule));
        }
        let Some(dialect) = self.route else {
            return Action::Continue;
        };
        if end_of_stream {
            return Action::Continue;
        }
        let Some(headers) = host::response_headers() else {
            return self.fail_closed(Some(dialect));
        };
        let status = headers
            .get(":status")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let content_type = headers.get("content-type");
        let content_encoding = headers.get("content-encoding");
        match self.active().check_response_head(
            dialect,
            status,
            content_type.as_deref(),
            content_encoding.as_deref(),
        ) {
            ResponseDecision::Pass => Action::Continue,
            ResponseDecision::Refuse {
                status,
                body,
                reason,
            } => {
                self.metrics.response_refused(reason);
                warn!(
                    "{{\"promptwall\":\"response_refused\",\"request_id\":\"{}\",\"reason\":\"{reason}\"}}",
                    self.request_id
                );
                host::send_response(status, &body);
                Action::Pause
            }
            ResponseDecision::Guard(guard) => {
                // The body may change length: let Envoy frame it. If the length cannot be
                // dropped, the answer cannot be rewritten safely: refuse it.
                if !host::set_response_header("content-length", None) {
                    return self.fail_closed(Some(dialect));
                }
                let whole = guard.framing() == Framing::Json;
                self.response = Some(guard);
                self.metrics.response_inspected();
                // A whole JSON body is judged at its end, where a denied tool call turns it into a
                // 403, if the host lets the headers wait for that; otherwise the status stays and
                // only the body is replaced.
                if whole && self.holds_headers() {
                    Action::Pause
                } else {
                    Action::Continue
                }
            }
        }
    }

    fn on_http_response_body(&mut self, body_size: usize, end_of_stream: bool) -> Action {
        let Some(mut guard) = self.response.take() else {
            return Action::Continue;
        };
        if guard.framing() == Framing::Json && !end_of_stream {
            // Envoy buffers the body for us until its end.
            self.response_buffered = body_size;
            self.response = Some(guard);
            return Action::Pause;
        }
        let Some(chunk) = host::response_body(body_size) else {
            // Unread, so unjudged: it is held back, never sent (the stream stalls and times out).
            self.response = Some(guard);
            return Action::Pause;
        };
        let out = guard.push(self.active(), &chunk, end_of_stream);
        if !self.send_in_place_of(&chunk, body_size, &out) {
            // The unredacted chunk must not go out: hold it (the stream stalls and times out).
            self.response = Some(guard);
            return Action::Pause;
        }
        // Count as it happens: a client may finish reading before the upstream's end arrives.
        self.metrics
            .record_response(&guard.stats, &mut self.counted);
        if end_of_stream {
            if let Some(line) = guard.audit_line(|| self.audit_context()) {
                info!("{line}");
            }
        } else {
            self.response = Some(guard);
        }
        Action::Continue
    }

    fn on_http_response_trailers(&mut self, _num_trailers: usize) -> Action {
        // Trailers end the answer: the body callbacks never saw its end, so finish the judgement
        // here instead of letting the default pass what is buffered or held.
        let Some(mut guard) = self.response.take() else {
            return Action::Continue;
        };
        let whole = guard.framing() == Framing::Json;
        let (body, size) = if whole {
            // Still buffered by Envoy (every body callback paused), so it can be read and replaced.
            let size = self.response_buffered;
            match host::response_body(size).filter(|b| b.len() == size) {
                Some(body) => (body, size),
                None => {
                    warn!(
                        "{{\"promptwall\":\"response_held\",\"request_id\":\"{}\",\"reason\":\"trailers_body_unreadable\",\"buffered_bytes\":{size}}}",
                        self.request_id
                    );
                    return self.end_response_unsent();
                }
            }
        } else {
            (Vec::new(), 0)
        };
        let out = guard.push(self.active(), &body, true);
        self.metrics
            .record_response(&guard.stats, &mut self.counted);
        if let Some(line) = guard.audit_line(|| self.audit_context()) {
            info!("{line}");
        }
        if whole {
            if !self.send_in_place_of(&body, size, &out) {
                return self.end_response_unsent();
            }
            return Action::Continue;
        }
        if out.bytes.is_empty() {
            return Action::Continue;
        }
        // A streamed answer's held remainder (the start of what may be a secret) cannot be sent
        // after the last body callback: hold the trailers back rather than end the answer without it.
        warn!(
            "{{\"promptwall\":\"response_held\",\"request_id\":\"{}\",\"reason\":\"trailers_after_held_text\",\"held_bytes\":{}}}",
            self.request_id,
            out.bytes.len()
        );
        self.end_response_unsent()
    }

    fn on_log(&mut self) {
        self.metrics.hostcall_failures(host::take_failures());
        self.metrics.vm_memory(host::vm_memory_bytes());
    }
}

impl Guard {
    /// Put what the guard returned in place of the `size` bytes of `original` Envoy holds (the
    /// whole chunk, never a middle offset: Envoy refuses those). A whole-answer replacement also
    /// gets its status when the headers are still held. False when the host refused the body.
    fn send_in_place_of(&self, original: &[u8], size: usize, out: &Output) -> bool {
        let new_body = match &out.replace {
            Some(replace) => {
                if self.holds_headers() {
                    host::set_response_header(":status", Some(&replace.status.to_string()));
                    host::set_response_header("content-type", Some("application/json"));
                }
                &replace.body
            }
            None => &out.bytes,
        };
        new_body.as_slice() == original || host::set_response_body(size, new_body)
    }

    /// What is left of the answer cannot be judged or delivered as judged: hold it back (the
    /// stream stalls until Envoy's timeout). Resetting the stream from the trailers callback is not
    /// an option: in Envoy 1.40 `proxy_close_stream` there crashes Envoy (seen in the catalogue).
    fn end_response_unsent(&mut self) -> Action {
        self.metrics.hostcall_failures(host::take_failures());
        Action::Pause
    }

    fn audit_context(&self) -> AuditContext<'_> {
        AuditContext {
            request_id: &self.request_id,
            path: &self.path,
            route: self.active().route_pattern(&self.path),
            tenant: self.policy.variant_name(self.selected),
        }
    }

    /// The policy in force for this request: the selected override, or the base.
    fn active(&self) -> &Policy {
        self.policy.variant(self.selected)
    }

    /// Whether headers may wait for the body (the host runs with allow_on_headers_stop_iteration).
    fn holds_headers(&self) -> bool {
        // A host option: always the base policy's.
        self.policy.doc.host.allow_on_headers_stop_iteration
    }

    /// A hostcall failed where the request or answer could otherwise pass unjudged: refuse it.
    fn fail_closed(&mut self, dialect: Option<Dialect>) -> Action {
        let body = promptwall_engine::verdict::error_body(
            dialect,
            500,
            "promptwall: the proxy could not hand the message to the policy engine",
            "host.failure",
            false,
        );
        self.metrics.hostcall_failures(host::take_failures());
        self.route = None;
        host::send_response(500, &body);
        Action::Pause
    }

    /// Count, log and carry out a verdict.
    fn apply(&mut self, verdict: Verdict, body_size: Option<usize>) -> Action {
        self.metrics.record(&verdict);
        if verdict.action == Decision::Monitor {
            self.monitored_rule = verdict.rule.clone();
        }
        if let Some(line) = verdict.audit_line(|| self.audit_context()) {
            info!("{line}");
        }
        match verdict.action {
            Decision::Block => {
                self.route = None;
                host::send_response(verdict.status, verdict.reply.as_deref().unwrap_or_default());
                Action::Pause
            }
            Decision::Rewrite => {
                let (Some(new_body), Some(size)) = (verdict.rewritten.as_deref(), body_size) else {
                    return Action::Continue;
                };
                // The original body must never go out instead: any failure refuses the request.
                let framed = self.holds_headers() || self.length_dropped;
                if !framed || !host::set_request_body(size, new_body) {
                    return self.fail_closed(verdict.dialect);
                }
                if self.holds_headers() {
                    // Still held, so the length can be made exact.
                    let length = new_body.len().to_string();
                    if !host::set_request_header("content-length", Some(&length)) {
                        return self.fail_closed(verdict.dialect);
                    }
                }
                Action::Continue
            }
            Decision::Allow | Decision::Monitor => Action::Continue,
        }
    }
}

/// Request facts for override selection: the request's headers, and metadata read from the
/// current HTTP context.
struct HostFacts<'h>(&'h host::HeaderMap);

impl RequestFacts for HostFacts<'_> {
    fn host(&self) -> Option<String> {
        self.0.get(":authority")
    }

    fn path(&self) -> Option<String> {
        self.0.get(":path")
    }

    fn header(&self, name: &str) -> Option<String> {
        self.0.get(name)
    }

    fn metadata(&self, namespace: &str, key: &str) -> Option<String> {
        let value =
            hostcalls::get_property(vec!["metadata", "filter_metadata", namespace, key]).ok()??;
        String::from_utf8(value).ok()
    }
}
