//! Hostcalls that report failure instead of panicking. The SDK's trait methods unwrap the host's
//! answer, and a panic kills the worker's VM; here a failed call is counted and the caller decides
//! (always towards refusing, never towards passing uninspected).

use std::cell::Cell;

use proxy_wasm::hostcalls;
use proxy_wasm::types::{BufferType, MapType};

thread_local! {
    /// Failed hostcalls since the last time the counter was flushed to Envoy.
    static FAILURES: Cell<u64> = const { Cell::new(0) };
}

fn failed<T>(result: Result<T, proxy_wasm::types::Status>) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(_) => {
            FAILURES.with(|f| f.set(f.get() + 1));
            None
        }
    }
}

/// Failures not yet handed to the counter (to tell whether a callback's own calls failed).
pub fn pending_failures() -> u64 {
    FAILURES.with(Cell::get)
}

/// Failures counted since the last call (for the `hostcall_failures` counter).
pub fn take_failures() -> u64 {
    FAILURES.with(|f| f.replace(0))
}

pub fn request_header(name: &str) -> Option<String> {
    header(MapType::HttpRequestHeaders, name)
}

pub fn response_header(name: &str) -> Option<String> {
    header(MapType::HttpResponseHeaders, name)
}

/// A header of the policy source's answer.
pub fn call_response_header(name: &str) -> Option<String> {
    header(MapType::HttpCallResponseHeaders, name)
}

/// A header's value, read as bytes: the SDK's string reader panics (killing the VM) on a value
/// that is not UTF-8, which HTTP/1.1 allows (obs-text) and any client or upstream can send. Such
/// bytes become U+FFFD, so a decision on the value sees that it is not the expected text.
fn header(map: MapType, name: &str) -> Option<String> {
    let value = failed(hostcalls::get_map_value_bytes(map, name)).flatten()?;
    Some(match String::from_utf8(value) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Set (or with `None` remove) a request header; false when the host refused.
pub fn set_request_header(name: &str, value: Option<&str>) -> bool {
    failed(hostcalls::set_map_value(
        MapType::HttpRequestHeaders,
        name,
        value,
    ))
    .is_some()
}

pub fn set_response_header(name: &str, value: Option<&str>) -> bool {
    failed(hostcalls::set_map_value(
        MapType::HttpResponseHeaders,
        name,
        value,
    ))
    .is_some()
}

/// The whole buffered request body; `None` when the host could not give it.
pub fn request_body(size: usize) -> Option<Vec<u8>> {
    failed(hostcalls::get_buffer(BufferType::HttpRequestBody, 0, size))
        .map(Option::unwrap_or_default)
}

pub fn response_body(size: usize) -> Option<Vec<u8>> {
    failed(hostcalls::get_buffer(BufferType::HttpResponseBody, 0, size))
        .map(Option::unwrap_or_default)
}

pub fn set_request_body(size: usize, body: &[u8]) -> bool {
    failed(hostcalls::set_buffer(
        BufferType::HttpRequestBody,
        0,
        size,
        body,
    ))
    .is_some()
}

pub fn set_response_body(size: usize, body: &[u8]) -> bool {
    failed(hostcalls::set_buffer(
        BufferType::HttpResponseBody,
        0,
        size,
        body,
    ))
    .is_some()
}

pub fn send_response(status: u16, body: &[u8]) -> bool {
    let headers = vec![("content-type", "application/json")];
    failed(hostcalls::send_http_response(
        u32::from(status),
        headers,
        Some(body),
    ))
    .is_some()
}

pub fn plugin_configuration() -> Option<Vec<u8>> {
    failed(hostcalls::get_buffer(
        BufferType::PluginConfiguration,
        0,
        usize::MAX,
    ))
    .flatten()
}

/// Linear memory of this VM in bytes (what the module has grown to; wasm memory never shrinks).
pub fn vm_memory_bytes() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        const WASM_PAGE: u64 = 65536;
        core::arch::wasm32::memory_size(0) as u64 * WASM_PAGE
    }
    #[cfg(not(target_arch = "wasm32"))]
    0
}
