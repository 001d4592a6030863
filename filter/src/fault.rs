//! Test-only (cargo feature `fault-injection`, never in a release build or a shipped config): a
//! request carrying `x-promptwall-fault: trap` makes the VM trap, so end-to-end tests can check
//! what Envoy does with a dead worker VM under `failure_policy: FAIL_CLOSED`.

use crate::host;

pub const FAULT_HEADER: &str = "x-promptwall-fault";

pub fn trap_if_asked() {
    if host::request_headers()
        .and_then(|h| h.get(FAULT_HEADER))
        .as_deref()
        == Some("trap")
    {
        log::error!("fault injection: trapping this VM on request");
        #[cfg(target_arch = "wasm32")]
        core::arch::wasm32::unreachable();
    }
}
