//! Policy loading: `Policy::from_json` on arbitrary bytes.
//!
//! Invariants: no panic; an accepted policy's document, serialised again with serde_json, loads
//! again, and serialising that gives the same JSON (the document round-trips).
#![no_main]

use libfuzzer_sys::fuzz_target;
use promptwall_engine::Policy;

fuzz_target!(|data: &[u8]| {
    let Ok(policy) = Policy::from_json(data) else {
        return;
    };
    let _ = Policy::from_remote_json(data);
    let json = serde_json::to_vec(&policy.doc)
        .unwrap_or_else(|e| panic!("an accepted policy does not serialise: {e}"));
    let again = Policy::from_json(&json).unwrap_or_else(|e| {
        panic!(
            "re-serialised policy refused: {e}\n{}",
            String::from_utf8_lossy(&json)
        )
    });
    let json2 = serde_json::to_vec(&again.doc)
        .unwrap_or_else(|e| panic!("the reloaded policy does not serialise: {e}"));
    assert_eq!(
        String::from_utf8_lossy(&json),
        String::from_utf8_lossy(&json2),
        "serialise → load → serialise is not stable"
    );
});
