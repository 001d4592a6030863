//! The shared-data protocol that lets every worker VM of one Envoy share one policy, and one of
//! them fetch it from a remote source. Pure functions; the filter does the hostcalls.
//!
//! Keys are namespaced by plugin (Istio leaves `vm_id` empty, so every plugin in the proxy shares
//! one shared-data namespace):
//! - `promptwall/<plugin>/version`: the published version, decimal. Small: polled on every tick.
//! - `promptwall/<plugin>/document`: `<version>\n<etag>\n<policy JSON>`. The version inside the
//!   value guards against reading a document from a different publish than the version key (a set
//!   on a missing key ignores CAS, so two first publishes can race).
//! - `promptwall/<plugin>/lease`: `<holder>:<expiry ms>`, the fetcher's lease; it expires if the
//!   holder stops renewing it, and any VM may then take it.

/// Shared-data keys of one plugin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespace {
    prefix: String,
}

impl Namespace {
    pub fn new(plugin_name: &str) -> Namespace {
        let name = if plugin_name.is_empty() {
            "default"
        } else {
            plugin_name
        };
        Namespace {
            prefix: format!("promptwall/{name}/"),
        }
    }

    pub fn version_key(&self) -> String {
        format!("{}version", self.prefix)
    }

    pub fn document_key(&self) -> String {
        format!("{}document", self.prefix)
    }

    pub fn lease_key(&self) -> String {
        format!("{}lease", self.prefix)
    }
}

pub fn encode_document(version: u64, etag: &str, document: &[u8]) -> Vec<u8> {
    let etag: String = etag.chars().filter(|c| *c != '\n').collect();
    let mut out = format!("{version}\n{etag}\n").into_bytes();
    out.extend_from_slice(document);
    out
}

/// (version, etag, policy document) of a published value; `None` when malformed.
pub fn decode_document(value: &[u8]) -> Option<(u64, String, &[u8])> {
    let first = value.iter().position(|&b| b == b'\n')?;
    let version = parse_version(&value[..first])?;
    let rest = &value[first + 1..];
    let second = rest.iter().position(|&b| b == b'\n')?;
    let etag = std::str::from_utf8(&rest[..second]).ok()?.to_string();
    Some((version, etag, &rest[second + 1..]))
}

pub fn parse_version(value: &[u8]) -> Option<u64> {
    std::str::from_utf8(value).ok()?.trim().parse().ok()
}

/// What a VM should write to the lease key, if anything: take a free or expired lease, renew its
/// own. `None`: someone else holds a live lease.
pub fn lease_claim(current: Option<&[u8]>, me: u64, now_ms: u64, ttl_ms: u64) -> Option<Vec<u8>> {
    let claim = format!("{me}:{}", now_ms.saturating_add(ttl_ms)).into_bytes();
    match current.and_then(parse_lease) {
        Some((holder, expiry)) if holder != me && expiry > now_ms => None,
        _ => Some(claim),
    }
}

/// Whether `me` holds a live lease according to `current`.
pub fn holds_lease(current: Option<&[u8]>, me: u64, now_ms: u64) -> bool {
    current
        .and_then(parse_lease)
        .is_some_and(|(holder, expiry)| holder == me && expiry > now_ms)
}

fn parse_lease(value: &[u8]) -> Option<(u64, u64)> {
    let text = std::str::from_utf8(value).ok()?;
    let (holder, expiry) = text.split_once(':')?;
    Some((holder.parse().ok()?, expiry.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_namespaced_by_plugin() {
        let ns = Namespace::new("llm-guard");
        assert_eq!(ns.version_key(), "promptwall/llm-guard/version");
        assert_ne!(
            Namespace::new("a").document_key(),
            Namespace::new("b").document_key()
        );
        assert_eq!(Namespace::new("").lease_key(), "promptwall/default/lease");
    }

    #[test]
    fn documents_round_trip_with_their_version() {
        let v = encode_document(7, "\"abc\"", br#"{"version":1}"#);
        assert_eq!(
            decode_document(&v),
            Some((7, "\"abc\"".to_string(), &br#"{"version":1}"#[..]))
        );
        assert_eq!(decode_document(b"garbage"), None);
        assert_eq!(decode_document(b"x\n\n{}"), None);
        // A newline in an ETag cannot break the framing.
        let v = encode_document(1, "a\nb", b"{}");
        assert_eq!(decode_document(&v).map(|d| d.1), Some("ab".to_string()));
    }

    #[test]
    fn one_holder_at_a_time_until_the_lease_expires() {
        let now = 1_000;
        let mine = lease_claim(None, 1, now, 500).unwrap();
        assert!(holds_lease(Some(&mine), 1, now));
        assert!(lease_claim(Some(&mine), 2, now + 100, 500).is_none());
        // The holder renews; another takes over only after expiry.
        assert!(lease_claim(Some(&mine), 1, now + 100, 500).is_some());
        assert!(lease_claim(Some(&mine), 2, now + 500, 500).is_some());
        assert!(!holds_lease(Some(&mine), 1, now + 500));
        assert!(lease_claim(Some(b"junk"), 2, now, 500).is_some());
    }
}
