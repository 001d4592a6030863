//! Hostcalls that report failure instead of panicking. The SDK's hostcall wrappers panic on any
//! status they do not expect (and its header reader on a value that is not UTF-8), and a panic
//! kills the worker's VM; so the calls made while a request or answer is in flight go to the ABI
//! directly (`abi`), and a failed call is counted and the caller decides (always towards refusing,
//! never towards passing uninspected).

use std::cell::Cell;

use proxy_wasm::types::{BufferType, MapType};

thread_local! {
    /// Failed hostcalls since the last time the counter was flushed to Envoy.
    static FAILURES: Cell<u64> = const { Cell::new(0) };
}

fn failed<T>(result: Result<T, u32>) -> Option<T> {
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

/// A header of the policy source's answer.
pub fn call_response_header(name: &str) -> Option<String> {
    header(MapType::HttpCallResponseHeaders, name)
}

/// A header's value, read as bytes: HTTP/1.1 allows values that are not UTF-8 (obs-text) and any
/// client or upstream can send them. Such bytes become U+FFFD, so a decision on the value sees
/// that it is not the expected text.
fn header(map: MapType, name: &str) -> Option<String> {
    let value = failed(abi::get_header(map, name)).flatten()?;
    Some(match String::from_utf8(value) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// All request headers in one hostcall (each call costs about a microsecond in Envoy's V8, more
/// than the lookups it replaces); `None` when the host could not give them.
pub fn request_headers() -> Option<HeaderMap> {
    failed(abi::get_header_pairs(MapType::HttpRequestHeaders)).map(HeaderMap)
}

pub fn response_headers() -> Option<HeaderMap> {
    failed(abi::get_header_pairs(MapType::HttpResponseHeaders)).map(HeaderMap)
}

/// A header map as the host serialized it: names and raw values, in order.
#[derive(Debug, Default)]
pub struct HeaderMap(Vec<abi::Pair>);

impl HeaderMap {
    /// The value of `name` (ASCII case-insensitive). A name that appears more than once (HTTP/2
    /// peers may send it so) gives its values joined by commas, as HTTP defines them: a
    /// single-value lookup would see only the first and miss, say, a second content-encoding.
    /// Bytes that are not UTF-8 become U+FFFD.
    pub fn get(&self, name: &str) -> Option<String> {
        let mut values = self
            .0
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| String::from_utf8_lossy(v));
        let first = values.next()?;
        Some(values.fold(first.into_owned(), |mut all, v| {
            all.push(',');
            all.push_str(&v);
            all
        }))
    }
}

/// Set (or with `None` remove) a request header; false when the host refused.
pub fn set_request_header(name: &str, value: Option<&str>) -> bool {
    failed(abi::set_header(MapType::HttpRequestHeaders, name, value)).is_some()
}

pub fn set_response_header(name: &str, value: Option<&str>) -> bool {
    failed(abi::set_header(MapType::HttpResponseHeaders, name, value)).is_some()
}

/// The whole buffered request body; `None` when the host could not give it.
pub fn request_body(size: usize) -> Option<Vec<u8>> {
    failed(abi::get_buffer(BufferType::HttpRequestBody, 0, size)).map(Option::unwrap_or_default)
}

pub fn response_body(size: usize) -> Option<Vec<u8>> {
    failed(abi::get_buffer(BufferType::HttpResponseBody, 0, size)).map(Option::unwrap_or_default)
}

pub fn set_request_body(size: usize, body: &[u8]) -> bool {
    failed(abi::set_buffer(BufferType::HttpRequestBody, 0, size, body)).is_some()
}

pub fn set_response_body(size: usize, body: &[u8]) -> bool {
    failed(abi::set_buffer(BufferType::HttpResponseBody, 0, size, body)).is_some()
}

pub fn send_response(status: u16, body: &[u8]) -> bool {
    failed(abi::send_local_response(
        u32::from(status),
        &[("content-type", "application/json")],
        body,
    ))
    .is_some()
}

pub fn plugin_configuration() -> Option<Vec<u8>> {
    failed(abi::get_buffer(
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

/// The proxy-wasm ABI calls, declared here so that every status comes back as a number instead of
/// a panic. The host hands out data in memory it got from the SDK's `proxy_on_memory_allocate`
/// (a `Vec<u8>` of exactly that capacity), which is taken back the same way the SDK does.
mod abi {
    use proxy_wasm::types::{BufferType, MapType};
    use std::ptr::{null, null_mut};

    const OK: u32 = 0;
    const NOT_FOUND: u32 = 1;
    const SERIALIZATION_FAILURE: u32 = 3;

    /// A header's name and raw value.
    pub type Pair = (Vec<u8>, Vec<u8>);

    // The SDK declares the same imports with enum types; the wasm signatures are identical.
    #[allow(clashing_extern_declarations)]
    extern "C" {
        fn proxy_get_header_map_value(
            map_type: u32,
            key_data: *const u8,
            key_size: usize,
            return_value_data: *mut *mut u8,
            return_value_size: *mut usize,
        ) -> u32;
        fn proxy_get_header_map_pairs(
            map_type: u32,
            return_map_data: *mut *mut u8,
            return_map_size: *mut usize,
        ) -> u32;
        fn proxy_replace_header_map_value(
            map_type: u32,
            key_data: *const u8,
            key_size: usize,
            value_data: *const u8,
            value_size: usize,
        ) -> u32;
        fn proxy_remove_header_map_value(
            map_type: u32,
            key_data: *const u8,
            key_size: usize,
        ) -> u32;
        fn proxy_get_buffer_bytes(
            buffer_type: u32,
            start: usize,
            max_size: usize,
            return_buffer_data: *mut *mut u8,
            return_buffer_size: *mut usize,
        ) -> u32;
        fn proxy_set_buffer_bytes(
            buffer_type: u32,
            start: usize,
            size: usize,
            buffer_data: *const u8,
            buffer_size: usize,
        ) -> u32;
        fn proxy_send_local_response(
            status_code: u32,
            status_code_details_data: *const u8,
            status_code_details_size: usize,
            body_data: *const u8,
            body_size: usize,
            headers_data: *const u8,
            headers_size: usize,
            grpc_status: i32,
        ) -> u32;
    }

    /// Data the host returned: owned again, freed when dropped.
    fn take(data: *mut u8, size: usize) -> Vec<u8> {
        if data.is_null() {
            return Vec::new();
        }
        // SAFETY: the host wrote `size` bytes into a buffer `proxy_on_memory_allocate` made as a
        // `Vec<u8>` with capacity `size` and forgot; nothing else owns it.
        unsafe { Vec::from_raw_parts(data, size, size) }
    }

    fn proxy_get_header_map_pairs_checked(map: MapType) -> Result<Vec<u8>, u32> {
        let (mut data, mut size) = (null_mut(), 0);
        // SAFETY: pointers to live locals for the duration of the call.
        let status = unsafe { proxy_get_header_map_pairs(map as u32, &mut data, &mut size) };
        match status {
            OK => Ok(take(data, size)),
            other => Err(other),
        }
    }

    /// Every (name, value) of a header map, decoded from the ABI's encoding (see
    /// `serialize_pairs`); a malformed encoding is a failure, never a panic.
    pub fn get_header_pairs(map: MapType) -> Result<Vec<Pair>, u32> {
        let bytes = proxy_get_header_map_pairs_checked(map)?;
        parse_pairs(&bytes).ok_or(SERIALIZATION_FAILURE)
    }

    pub(super) fn parse_pairs(bytes: &[u8]) -> Option<Vec<Pair>> {
        if bytes.is_empty() {
            return Some(Vec::new());
        }
        let word = |at: usize| -> Option<usize> {
            let b = bytes.get(at..at.checked_add(4)?)?;
            Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        let count = word(0)?;
        let mut data = 4usize.checked_add(count.checked_mul(8)?)?;
        let mut pairs = Vec::with_capacity(count.min(bytes.len() / 8));
        for i in 0..count {
            let (key_len, value_len) = (word(4 + i * 8)?, word(8 + i * 8)?);
            let key = bytes.get(data..data.checked_add(key_len)?)?.to_vec();
            data = data.checked_add(key_len + 1)?;
            let value = bytes.get(data..data.checked_add(value_len)?)?.to_vec();
            data = data.checked_add(value_len + 1)?;
            pairs.push((key, value));
        }
        Some(pairs)
    }

    pub fn get_header(map: MapType, name: &str) -> Result<Option<Vec<u8>>, u32> {
        let (mut data, mut size) = (null_mut(), 0);
        // SAFETY: pointers to live locals and to `name`'s bytes for the duration of the call.
        let status = unsafe {
            proxy_get_header_map_value(map as u32, name.as_ptr(), name.len(), &mut data, &mut size)
        };
        match status {
            OK => Ok(Some(take(data, size))),
            NOT_FOUND => Ok(None),
            other => Err(other),
        }
    }

    pub fn set_header(map: MapType, name: &str, value: Option<&str>) -> Result<(), u32> {
        // SAFETY: the key and value slices outlive the call.
        let status = unsafe {
            match value {
                Some(v) => proxy_replace_header_map_value(
                    map as u32,
                    name.as_ptr(),
                    name.len(),
                    v.as_ptr(),
                    v.len(),
                ),
                None => proxy_remove_header_map_value(map as u32, name.as_ptr(), name.len()),
            }
        };
        ok(status)
    }

    pub fn get_buffer(kind: BufferType, start: usize, max: usize) -> Result<Option<Vec<u8>>, u32> {
        let (mut data, mut size) = (null_mut(), 0);
        // SAFETY: pointers to live locals for the duration of the call.
        let status =
            unsafe { proxy_get_buffer_bytes(kind as u32, start, max, &mut data, &mut size) };
        match status {
            OK => Ok(Some(take(data, size))),
            NOT_FOUND => Ok(None),
            other => Err(other),
        }
    }

    pub fn set_buffer(kind: BufferType, start: usize, size: usize, data: &[u8]) -> Result<(), u32> {
        // SAFETY: `data` outlives the call.
        ok(unsafe { proxy_set_buffer_bytes(kind as u32, start, size, data.as_ptr(), data.len()) })
    }

    pub fn send_local_response(
        status: u32,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<(), u32> {
        let headers = serialize_pairs(headers);
        // SAFETY: every slice outlives the call; no details string (null, 0).
        ok(unsafe {
            proxy_send_local_response(
                status,
                null(),
                0,
                body.as_ptr(),
                body.len(),
                headers.as_ptr(),
                headers.len(),
                -1,
            )
        })
    }

    fn ok(status: u32) -> Result<(), u32> {
        if status == OK {
            Ok(())
        } else {
            Err(status)
        }
    }

    /// The ABI's header map encoding: the pair count, each key's and value's length (u32, little
    /// endian), then each key and value followed by a NUL.
    pub(super) fn serialize_pairs(pairs: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
        for (k, v) in pairs {
            out.extend_from_slice(&(k.len() as u32).to_le_bytes());
            out.extend_from_slice(&(v.len() as u32).to_le_bytes());
        }
        for (k, v) in pairs {
            out.extend_from_slice(k.as_bytes());
            out.push(0);
            out.extend_from_slice(v.as_bytes());
            out.push(0);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn header_pairs_are_serialized_as_the_abi_reads_them() {
        let bytes = super::abi::serialize_pairs(&[("content-type", "application/json")]);
        let mut expected = vec![1, 0, 0, 0, 12, 0, 0, 0, 16, 0, 0, 0];
        expected.extend_from_slice(b"content-type\0application/json\0");
        assert_eq!(bytes, expected);
    }

    #[test]
    fn header_pairs_round_trip_and_repeated_names_are_joined() {
        let pairs = [
            (":path", "/v1/x"),
            ("content-encoding", "identity"),
            ("Content-Encoding", "gzip"),
        ];
        let map = super::HeaderMap(
            super::abi::parse_pairs(&super::abi::serialize_pairs(&pairs)).unwrap_or_default(),
        );
        assert_eq!(map.get(":path").as_deref(), Some("/v1/x"));
        assert_eq!(
            map.get("content-encoding").as_deref(),
            Some("identity,gzip")
        );
        assert_eq!(map.get("x-missing"), None);
        let latin1 = super::HeaderMap(vec![(b"x-request-id".to_vec(), b"caf\xe9".to_vec())]);
        assert_eq!(latin1.get("x-request-id").as_deref(), Some("caf\u{fffd}"));
    }

    #[test]
    fn a_malformed_header_encoding_is_refused_not_a_panic() {
        let good = super::abi::serialize_pairs(&[("a", "b"), ("cc", "dd")]);
        for cut in 1..good.len() - 1 {
            // Cut anywhere (but before the final NUL) the encoding cannot be read whole.
            assert!(
                super::abi::parse_pairs(&good[..cut]).is_none(),
                "cut at {cut}"
            );
        }
        assert!(super::abi::parse_pairs(&[255, 255, 255, 255]).is_none());
        assert_eq!(super::abi::parse_pairs(&[]), Some(Vec::new()));
    }
}
