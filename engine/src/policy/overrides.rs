//! Overrides: variants of the base policy selected per request by host, path, header or Envoy
//! dynamic metadata (for example a tenant claim that `jwt_authn` put there).
//!
//! An override replaces whole sections of the base policy. It can never switch a guard off: a
//! section's mode `off`, `injection.enabled: false` and `redaction.enabled: false` are refused, as
//! are the sections that only the base may hold (routes, host, source, overrides). So whatever a
//! request does to be matched by another override, the guards stay on. A header the client sets
//! must still not select a weaker policy: match on headers that a trusted filter sets, or on
//! metadata, and make the base the strictest policy.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::glob::Glob;
use super::{pointer_of_key, PolicyError};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub name: String,
    #[serde(rename = "match")]
    pub when: OverrideMatch,
    /// Sections of a policy document that replace the base's sections of the same name.
    pub policy: serde_json::Map<String, Value>,
}

/// All given conditions must hold; an empty match is refused.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OverrideMatch {
    /// Glob over the request's `:authority` (port removed).
    #[serde(default)]
    pub host: Option<String>,
    /// Glob over the path without query string.
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub header: Option<ValueMatch>,
    /// A dynamic-metadata value: `namespace` (e.g. `envoy.filters.http.jwt_authn`) and `key`.
    #[serde(default)]
    pub metadata: Option<MetadataMatch>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ValueMatch {
    pub name: String,
    /// Glob over the value.
    pub value: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MetadataMatch {
    pub namespace: String,
    pub key: String,
    pub value: String,
}

/// The request facts an override can select on.
pub trait RequestFacts {
    fn host(&self) -> Option<String>;
    fn path(&self) -> Option<String>;
    fn header(&self, name: &str) -> Option<String>;
    fn metadata(&self, namespace: &str, key: &str) -> Option<String>;
}

/// A compiled match.
#[derive(Debug)]
pub struct Selector {
    host: Option<Glob>,
    path: Option<Glob>,
    header: Option<(String, Glob)>,
    metadata: Option<(String, String, Glob)>,
}

impl Selector {
    pub fn matches(&self, facts: &dyn RequestFacts) -> bool {
        let lower = |s: &str| s.to_lowercase();
        let host_ok = self.host.as_ref().is_none_or(|g| {
            facts.host().is_some_and(|h| {
                let name = h.rsplit_once(':').map_or(h.as_str(), |(name, _)| name);
                g.matches(&lower(name))
            })
        });
        let path_ok = self.path.as_ref().is_none_or(|g| {
            facts
                .path()
                .is_some_and(|p| g.matches(&lower(p.split(['?', '#']).next().unwrap_or(""))))
        });
        let header_ok = self
            .header
            .as_ref()
            .is_none_or(|(name, g)| facts.header(name).is_some_and(|v| g.matches(&lower(&v))));
        let metadata_ok = self.metadata.as_ref().is_none_or(|(ns, key, g)| {
            facts
                .metadata(ns, key)
                .is_some_and(|v| g.matches(&lower(&v)))
        });
        host_ok && path_ok && header_ok && metadata_ok
    }

    pub fn needs_metadata(&self) -> Option<(&str, &str)> {
        self.metadata
            .as_ref()
            .map(|(ns, key, _)| (ns.as_str(), key.as_str()))
    }
}

/// Sections only the base policy may hold.
const BASE_ONLY: &[&str] = &["version", "routes", "host", "source", "overrides"];

/// Check an override and return its compiled selector; `at` is its JSON pointer.
pub fn compile_selector(o: &Override, at: &str) -> Result<Selector, PolicyError> {
    let m = &o.when;
    if m.host.is_none() && m.path.is_none() && m.header.is_none() && m.metadata.is_none() {
        return Err(PolicyError::new(
            format!("{at}/match"),
            "an override needs at least one condition",
        ));
    }
    for key in o.policy.keys() {
        if BASE_ONLY.contains(&key.as_str()) {
            return Err(PolicyError::new(
                format!("{at}/policy/{}", pointer_of_key(key)),
                "only the base policy may set this",
            ));
        }
    }
    refuse_switching_off(&o.policy, &format!("{at}/policy"))?;
    Ok(Selector {
        host: m.host.as_deref().map(Glob::new),
        path: m.path.as_deref().map(Glob::new),
        header: m
            .header
            .as_ref()
            .map(|h| (h.name.to_lowercase(), Glob::new(&h.value))),
        metadata: m
            .metadata
            .as_ref()
            .map(|x| (x.namespace.clone(), x.key.clone(), Glob::new(&x.value))),
    })
}

fn refuse_switching_off(
    sections: &serde_json::Map<String, Value>,
    at: &str,
) -> Result<(), PolicyError> {
    if sections.get("mode").and_then(Value::as_str) == Some("off") {
        return Err(PolicyError::new(
            format!("{at}/mode"),
            "an override cannot switch the policy off",
        ));
    }
    for (name, section) in sections {
        if section.get("mode").and_then(Value::as_str) == Some("off") {
            return Err(PolicyError::new(
                format!("{at}/{}/mode", pointer_of_key(name)),
                "an override cannot switch a guard off",
            ));
        }
        if matches!(name.as_str(), "injection" | "redaction")
            && section.get("enabled") == Some(&Value::Bool(false))
        {
            return Err(PolicyError::new(
                format!("{at}/{name}/enabled"),
                "an override cannot switch a guard off",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::policy::Policy;
    use crate::Dialect;

    #[derive(Default)]
    struct Facts {
        host: Option<String>,
        path: Option<String>,
        headers: HashMap<String, String>,
        metadata: HashMap<(String, String), String>,
    }

    impl RequestFacts for Facts {
        fn host(&self) -> Option<String> {
            self.host.clone()
        }
        fn path(&self) -> Option<String> {
            self.path.clone()
        }
        fn header(&self, name: &str) -> Option<String> {
            self.headers.get(name).cloned()
        }
        fn metadata(&self, namespace: &str, key: &str) -> Option<String> {
            self.metadata
                .get(&(namespace.to_string(), key.to_string()))
                .cloned()
        }
    }

    const DOC: &str = r#"{
        "version": 1,
        "models": {"allow": ["base-*"]},
        "overrides": [
            {"name": "tenant-a", "match": {"metadata": {"namespace": "jwt", "key": "tenant", "value": "a"}},
             "policy": {"models": {"allow": ["a-*"]}}},
            {"name": "beta-host", "match": {"host": "beta.*", "path": "/v1/*"},
             "policy": {"tools": {"deny": ["*"]}, "mode": "monitor"}}
        ]
    }"#;

    fn model_allowed(p: &Policy, facts: &Facts, model: &str) -> bool {
        let body =
            format!(r#"{{"model":"{model}","messages":[{{"role":"user","content":"hi"}}]}}"#);
        let v = p
            .variant(p.select(facts))
            .inspect_body(Dialect::OpenAiChat, body.as_bytes());
        v.action == crate::Action::Allow
    }

    #[test]
    fn the_first_matching_override_applies_and_the_base_otherwise() {
        let p = Policy::from_json(DOC.as_bytes()).unwrap();
        let base = Facts::default();
        assert!(model_allowed(&p, &base, "base-1") && !model_allowed(&p, &base, "a-1"));
        let mut tenant = Facts::default();
        tenant
            .metadata
            .insert(("jwt".into(), "tenant".into()), "a".into());
        assert_eq!(p.variant_name(p.select(&tenant)), Some("tenant-a"));
        assert!(model_allowed(&p, &tenant, "a-1") && !model_allowed(&p, &tenant, "base-1"));
        let beta = Facts {
            host: Some("Beta.example.com:8443".into()),
            path: Some("/v1/chat/completions?x".into()),
            ..Facts::default()
        };
        assert_eq!(p.variant_name(p.select(&beta)), Some("beta-host"));
        assert_eq!(
            p.variant(p.select(&beta)).doc.mode,
            crate::policy::Mode::Monitor
        );
        // The variant keeps the base's other sections.
        assert_eq!(p.variant(p.select(&beta)).doc.models.allow, ["base-*"]);
        let wrong_path = Facts {
            host: Some("beta.example.com".into()),
            path: Some("/api/chat".into()),
            ..Facts::default()
        };
        assert_eq!(p.select(&wrong_path), None);
    }

    #[test]
    fn an_override_cannot_switch_a_guard_off_or_touch_base_sections() {
        let err = |o: &str| {
            let doc = format!(
                r#"{{"version":1,"overrides":[{{"name":"x","match":{{"header":{{"name":"x-t","value":"1"}}}},"policy":{o}}}]}}"#
            );
            Policy::from_json(doc.as_bytes()).unwrap_err().pointer
        };
        assert_eq!(err(r#"{"mode":"off"}"#), "/overrides/0/policy/mode");
        assert_eq!(
            err(r#"{"injection":{"mode":"off"}}"#),
            "/overrides/0/policy/injection/mode"
        );
        assert_eq!(
            err(r#"{"injection":{"enabled":false}}"#),
            "/overrides/0/policy/injection/enabled"
        );
        assert_eq!(
            err(r#"{"redaction":{"enabled":false}}"#),
            "/overrides/0/policy/redaction/enabled"
        );
        assert_eq!(err(r#"{"routes":[]}"#), "/overrides/0/policy/routes");
        assert_eq!(
            err(r#"{"models":{"allow":[""]}}"#),
            "/overrides/0/policy/models/allow/0"
        );
        assert_eq!(err(r#"{"modles":{}}"#), "/overrides/0/policy/modles");
        let empty = r#"{"version":1,"overrides":[{"name":"x","match":{},"policy":{}}]}"#;
        assert_eq!(
            Policy::from_json(empty.as_bytes()).unwrap_err().pointer,
            "/overrides/0/match"
        );
    }
}

#[cfg(test)]
mod cost {
    use super::tests_support::HeaderFacts;
    use crate::policy::Policy;

    /// `cargo test --release -p promptwall-engine selection_cost -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn selection_cost() {
        let overrides: Vec<String> = (0..8)
            .map(|i| format!(r#"{{"name":"t{i}","match":{{"header":{{"name":"x-tenant","value":"t{i}"}},"path":"/v1/*"}},"policy":{{"models":{{"allow":["m{i}-*"]}}}}}}"#))
            .collect();
        let doc = format!(r#"{{"version":1,"overrides":[{}]}}"#, overrides.join(","));
        let p = Policy::from_json(doc.as_bytes()).unwrap();
        let facts = HeaderFacts("t7");
        let n = 1_000_000;
        let started = std::time::Instant::now();
        let mut hits = 0;
        for _ in 0..n {
            hits += usize::from(p.select(&facts).is_some());
        }
        let per = started.elapsed().as_nanos() as f64 / n as f64;
        assert_eq!(hits, n);
        println!("select among 8 overrides (last matches): {per:.0} ns per request");
    }
}

#[cfg(test)]
mod tests_support {
    use super::RequestFacts;

    pub struct HeaderFacts(pub &'static str);

    impl RequestFacts for HeaderFacts {
        fn host(&self) -> Option<String> {
            None
        }
        fn path(&self) -> Option<String> {
            Some("/v1/chat/completions".into())
        }
        fn header(&self, _: &str) -> Option<String> {
            Some(self.0.into())
        }
        fn metadata(&self, _: &str, _: &str) -> Option<String> {
            None
        }
    }
}
