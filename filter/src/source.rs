//! Remote policy source and hot reload through proxy-wasm shared data (the protocol is in
//! `promptwall_engine::sync`). Every worker VM polls the small version key on its tick and loads a
//! newer document; one worker, holding a lease, fetches from the source and publishes.

use std::time::{Duration, UNIX_EPOCH};

use log::{error, info, warn};
use promptwall_engine::policy::PolicySource;
use promptwall_engine::sync::{
    decode_document, encode_document, holds_lease, lease_claim, parse_version, Namespace,
};
use promptwall_engine::Policy;
use proxy_wasm::hostcalls;

use crate::metrics::Metrics;

/// How often every VM looks for a newer version (and the leader for its next fetch).
pub const TICK: Duration = Duration::from_millis(200);

pub struct SourceSync {
    ns: Namespace,
    source: PolicySource,
    /// This VM's identity in the lease.
    me: u64,
    /// Version of the policy this VM enforces (0: the inline one).
    pub version: u64,
    etag: String,
    next_fetch_ms: u64,
    in_flight: Option<u32>,
}

pub fn now_ms() -> u64 {
    hostcalls::get_current_time()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl SourceSync {
    pub fn new(plugin_name: &str, source: PolicySource) -> SourceSync {
        let nanos = hostcalls::get_current_time()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        SourceSync {
            ns: Namespace::new(plugin_name),
            source,
            // VMs start at different instants; the nanosecond clock tells them apart.
            me: nanos | 1,
            version: 0,
            etag: String::new(),
            next_fetch_ms: 0,
            in_flight: None,
        }
    }

    /// A newer policy published by any VM, if there is one. `metrics` is `None` while Envoy is
    /// only checking the configuration (`on_configure`): nothing is counted then.
    pub fn load_shared(&mut self, metrics: Option<&Metrics>) -> Option<Policy> {
        let (value, _) = hostcalls::get_shared_data(&self.ns.version_key()).ok()?;
        let published = parse_version(&value?)?;
        if published <= self.version {
            return None;
        }
        let (doc, _) = hostcalls::get_shared_data(&self.ns.document_key()).ok()?;
        let doc = doc?;
        let (version, etag, body) = decode_document(&doc)?;
        if version != published {
            // Caught between the two writes of a publish: the next tick sees both.
            return None;
        }
        match Policy::from_remote_json(body) {
            Ok(policy) => {
                self.version = version;
                self.etag = etag;
                if let Some(m) = metrics {
                    m.policy_reloaded(version);
                }
                info!("policy version {version} loaded from shared data");
                Some(policy)
            }
            Err(e) => {
                // Never replaces the policy in force.
                self.version = version;
                if let Some(m) = metrics {
                    m.policy_reload_failed();
                }
                error!("shared policy version {version} refused: {e}");
                None
            }
        }
    }

    /// Renew or take the fetch lease, and fetch when it is time.
    pub fn tick(&mut self, metrics: &Metrics) {
        let now = now_ms();
        let ttl = self
            .source
            .refresh_seconds
            .saturating_mul(3000)
            .saturating_add(self.source.timeout_ms);
        let key = self.ns.lease_key();
        let Ok((current, cas)) = hostcalls::get_shared_data(&key) else {
            return;
        };
        if let Some(claim) = lease_claim(current.as_deref(), self.me, now, ttl) {
            if hostcalls::set_shared_data(&key, Some(&claim), cas).is_err() {
                return; // another VM won this round
            }
        } else if !holds_lease(current.as_deref(), self.me, now) {
            return;
        }
        if self.in_flight.is_some() || now < self.next_fetch_ms {
            return;
        }
        let authority = self
            .source
            .authority
            .clone()
            .unwrap_or_else(|| self.source.cluster.clone());
        let mut headers = vec![
            (":method", "GET"),
            (":path", self.source.path.as_str()),
            (":authority", authority.as_str()),
            ("accept", "application/json"),
        ];
        if !self.etag.is_empty() {
            headers.push(("if-none-match", self.etag.as_str()));
        }
        let timeout = Duration::from_millis(self.source.timeout_ms);
        match hostcalls::dispatch_http_call(&self.source.cluster, headers, None, vec![], timeout) {
            Ok(token) => self.in_flight = Some(token),
            Err(status) => {
                metrics.policy_fetch_failed();
                warn!(
                    "policy fetch from cluster {} not dispatched: {status:?}",
                    self.source.cluster
                );
                self.next_fetch_ms =
                    now.saturating_add(self.source.refresh_seconds.saturating_mul(1000));
            }
        }
    }

    /// The source answered: validate, publish for every VM, and return the policy to enforce here.
    pub fn on_response(
        &mut self,
        token: u32,
        body_size: usize,
        metrics: &Metrics,
    ) -> Option<Policy> {
        if self.in_flight != Some(token) {
            return None;
        }
        self.in_flight = None;
        // The next fetch one interval after this one began (less a tick), so a change on the
        // server is enforced everywhere within about one refresh interval.
        let interval = self.source.refresh_seconds.saturating_mul(1000);
        self.next_fetch_ms =
            now_ms().saturating_add(interval.saturating_sub(TICK.as_millis() as u64));
        let status = crate::host::call_response_header(":status").unwrap_or_default();
        if status == "304" {
            return None;
        }
        if status != "200" {
            metrics.policy_fetch_failed();
            warn!(
                "policy source answered {status:?}; keeping policy version {}",
                self.version
            );
            return None;
        }
        let body = hostcalls::get_buffer(
            proxy_wasm::types::BufferType::HttpCallResponseBody,
            0,
            body_size,
        )
        .ok()
        .flatten()
        .unwrap_or_default();
        let policy = match Policy::from_remote_json(&body) {
            Ok(p) => p,
            Err(e) => {
                metrics.policy_reload_failed();
                error!(
                    "fetched policy refused, keeping version {}: {e}",
                    self.version
                );
                return None;
            }
        };
        let etag = crate::host::call_response_header("etag").unwrap_or_default();
        let version = self.publish(&etag, &body)?;
        self.version = version;
        self.etag = etag;
        metrics.policy_reloaded(version);
        info!("policy version {version} fetched and published");
        Some(policy)
    }

    fn publish(&self, etag: &str, body: &[u8]) -> Option<u64> {
        let key = self.ns.version_key();
        let (current, cas) = hostcalls::get_shared_data(&key).ok()?;
        let version = current
            .as_deref()
            .and_then(parse_version)
            .unwrap_or(0)
            .max(self.version)
            + 1;
        // The document first, then the version that announces it.
        hostcalls::set_shared_data(
            &self.ns.document_key(),
            Some(&encode_document(version, etag, body)),
            None,
        )
        .ok()?;
        hostcalls::set_shared_data(&key, Some(version.to_string().as_bytes()), cas).ok()?;
        Some(version)
    }
}
