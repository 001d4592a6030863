//! Policy loading: parse, validate (errors name a JSON pointer), compile to matchers.

pub mod glob;
pub mod model;
pub mod overrides;
mod pointer;
pub mod redaction;

use std::fmt;

pub use model::*;
pub use redaction::{CustomRule, RedactionRules, RequestSecrets, ResponseSecrets};

use std::sync::Arc;

use crate::detect::injection::InjectionDetector;
use crate::detect::secrets::SecretScanner;
use crate::dialect::Dialect;
use glob::{Glob, GlobSet};

/// Why a policy document was refused: where (RFC 6901 JSON pointer) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub pointer: String,
    pub reason: String,
}

impl PolicyError {
    pub fn new(pointer: impl Into<String>, reason: impl Into<String>) -> PolicyError {
        PolicyError {
            pointer: pointer.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "(document root)"
        } else {
            &self.pointer
        };
        write!(f, "invalid policy at {}: {}", at, self.reason)
    }
}

impl std::error::Error for PolicyError {}

/// The built-in policy: guards the four dialects' usual paths, every detector on, any model.
pub const DEFAULT_POLICY_JSON: &str = r#"{"version": 1}"#;

/// A validated policy compiled to matchers, ready to judge requests.
#[derive(Debug)]
pub struct Policy {
    pub doc: PolicyDoc,
    routes: Vec<(Glob, Dialect)>,
    model_allow: GlobSet,
    model_deny: GlobSet,
    tool_allow: GlobSet,
    pub(crate) tool_deny: GlobSet,
    /// `models.provider_prefixes`, lower-cased once here rather than on every request.
    pub(crate) provider_prefixes: Vec<String>,
    /// Shared (`Arc`) with the overrides whose section is the base's: compiling them once keeps
    /// policy load time from growing with each override.
    pub(crate) injection: Option<Arc<InjectionDetector>>,
    pub(crate) secrets: Option<Arc<SecretScanner>>,
    /// Compiled overrides, in order; the first whose selector matches applies.
    variants: Vec<(String, overrides::Selector, Policy)>,
}

impl Policy {
    pub fn from_json(bytes: &[u8]) -> Result<Policy, PolicyError> {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let doc: PolicyDoc = serde::Deserialize::deserialize(&mut de)
            .map_err(|e| PolicyError::new(pointer::pointer_of_error(bytes, &e), e.to_string()))?;
        de.end()
            .map_err(|e| PolicyError::new("", format!("trailing data: {e}")))?;
        Policy::compile(doc)
    }

    /// A policy fetched from a remote source: it may not name a source of its own (no chains).
    pub fn from_remote_json(bytes: &[u8]) -> Result<Policy, PolicyError> {
        let policy = Policy::from_json(bytes)?;
        if policy.doc.source.is_some() {
            return Err(PolicyError::new(
                "/source",
                "a fetched policy cannot name another source",
            ));
        }
        Ok(policy)
    }

    pub fn builtin_default() -> Result<Policy, PolicyError> {
        Policy::from_json(DEFAULT_POLICY_JSON.as_bytes())
    }

    pub fn compile(doc: PolicyDoc) -> Result<Policy, PolicyError> {
        Policy::compile_sharing(doc, None)
    }

    /// Compile `doc`, taking its detectors from `base` where its sections are the base's.
    fn compile_sharing(doc: PolicyDoc, base: Option<&Detectors>) -> Result<Policy, PolicyError> {
        validate(&doc)?;
        // The base's detectors are compiled before the overrides so that they can share them;
        // an error in an override is still reported before one in the base sections.
        let own = Detectors::compile(&doc, base);
        let variants = compile_overrides(&doc, own.as_ref().ok())?;
        let own = own?;
        Ok(Policy {
            variants,
            secrets: doc.redaction.enabled.then(|| own.secrets.clone()),
            routes: doc
                .routes
                .iter()
                .map(|r| (Glob::new(&r.path), r.dialect))
                .collect(),
            model_allow: GlobSet::new(&doc.models.allow),
            model_deny: GlobSet::new(&doc.models.deny),
            tool_allow: GlobSet::new(&doc.tools.allow),
            tool_deny: GlobSet::new(&doc.tools.deny),
            provider_prefixes: doc
                .models
                .provider_prefixes
                .iter()
                .map(|p| p.to_lowercase())
                .collect(),
            injection: own.injection,
            doc,
        })
    }

    /// Which override applies to a request (the first whose conditions hold), `None` for the base.
    pub fn select(&self, facts: &dyn overrides::RequestFacts) -> Option<usize> {
        self.variants
            .iter()
            .position(|(_, selector, _)| selector.matches(facts))
    }

    /// The policy `select` picked.
    pub fn variant(&self, selected: Option<usize>) -> &Policy {
        selected
            .and_then(|i| self.variants.get(i))
            .map_or(self, |(_, _, p)| p)
    }

    /// The name of an override, for logs.
    pub fn variant_name(&self, selected: Option<usize>) -> Option<&str> {
        selected
            .and_then(|i| self.variants.get(i))
            .map(|(n, _, _)| n.as_str())
    }

    /// Metadata (namespace, key) pairs the overrides select on, so hosts fetch only those.
    pub fn metadata_keys(&self) -> Vec<(&str, &str)> {
        self.variants
            .iter()
            .filter_map(|(_, s, _)| s.needs_metadata())
            .collect()
    }

    /// The path pattern of the guarded route a path falls under.
    pub fn route_pattern(&self, path: &str) -> Option<&str> {
        let path = path.split(['?', '#']).next().unwrap_or(path).to_lowercase();
        self.routes
            .iter()
            .position(|(glob, _)| glob.matches(&path))
            .and_then(|i| self.doc.routes.get(i))
            .map(|r| r.path.as_str())
    }

    /// The dialect of a guarded path (query string ignored), or `None` when the path is not guarded.
    pub fn route(&self, path: &str) -> Option<Dialect> {
        let path = path.split(['?', '#']).next().unwrap_or(path).to_lowercase();
        self.routes
            .iter()
            .find(|(glob, _)| glob.matches(&path))
            .map(|(_, d)| *d)
    }

    /// The mode a rule group runs in: its own if set, else the policy's; `off` at policy level wins.
    pub fn effective_mode(&self, rule_mode: Option<Mode>) -> Mode {
        match (self.doc.mode, rule_mode) {
            (Mode::Off, _) => Mode::Off,
            (policy_mode, None) => policy_mode,
            (_, Some(m)) => m,
        }
    }

    pub(crate) fn model_denied(&self, normalized: &str) -> bool {
        self.model_deny.matches(normalized)
    }

    pub(crate) fn model_allowed(&self, normalized: &str) -> bool {
        self.model_allow.matches(normalized)
    }

    /// Whether the tool rules can deny any name (the default, allow `*` and deny nothing, cannot).
    pub(crate) fn restricts_tools(&self) -> bool {
        let tools = &self.doc.tools;
        !tools.deny.is_empty() || !tools.allow.iter().any(|p| p == "*")
    }

    pub(crate) fn tool_denied(&self, name: &str) -> bool {
        let name = name.to_lowercase();
        self.tool_deny.matches(&name) || !self.tool_allow.matches(&name)
    }
}

/// A policy's compiled detectors, and the sections they were compiled from (as JSON values, to
/// tell whether an override changes them).
struct Detectors {
    injection_section: serde_json::Value,
    injection: Option<Arc<InjectionDetector>>,
    redaction_section: serde_json::Value,
    /// Compiled even when redaction is disabled, so a broken section is refused rather than
    /// waiting.
    secrets: Arc<SecretScanner>,
}

impl Detectors {
    fn compile(doc: &PolicyDoc, base: Option<&Detectors>) -> Result<Detectors, PolicyError> {
        let section = |v: Result<serde_json::Value, serde_json::Error>| v.unwrap_or_default();
        let injection_section = section(serde_json::to_value(&doc.injection));
        let redaction_section = section(serde_json::to_value(&doc.redaction));
        let same = |a: &serde_json::Value, b: &serde_json::Value| !a.is_null() && a == b;
        let injection = match base {
            Some(b) if same(&b.injection_section, &injection_section) => b.injection.clone(),
            _ if doc.injection.enabled => {
                Some(Arc::new(InjectionDetector::compile(&doc.injection)?))
            }
            _ => None,
        };
        let secrets = match base {
            Some(b) if same(&b.redaction_section, &redaction_section) => b.secrets.clone(),
            _ => Arc::new(SecretScanner::compile(&doc.redaction)?),
        };
        Ok(Detectors {
            injection_section,
            injection,
            redaction_section,
            secrets,
        })
    }
}

/// Each override as a whole policy: the base document with the override's sections in place.
fn compile_overrides(
    doc: &PolicyDoc,
    shared: Option<&Detectors>,
) -> Result<Vec<(String, overrides::Selector, Policy)>, PolicyError> {
    let mut out = Vec::new();
    for (i, o) in doc.overrides.iter().enumerate() {
        let at = format!("/overrides/{i}");
        let selector = overrides::compile_selector(o, &at)?;
        // Through text rather than a Value deserializer: it reuses the one parser the module
        // already carries instead of instantiating a second, Value-based one.
        let base = serde_json::to_string(doc).map_err(|e| PolicyError::new(&at, e.to_string()))?;
        let mut merged: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&base).map_err(|e| PolicyError::new(&at, e.to_string()))?;
        merged.remove("overrides");
        merged.remove("source");
        for (k, v) in &o.policy {
            merged.insert(k.clone(), v.clone());
        }
        let text = serde_json::to_vec(&merged).map_err(|e| PolicyError::new(&at, e.to_string()))?;
        let mut de = serde_json::Deserializer::from_slice(&text);
        let variant: PolicyDoc = serde::Deserialize::deserialize(&mut de).map_err(|e| {
            PolicyError::new(
                format!("{at}/policy{}", pointer::pointer_of_error(&text, &e)),
                e.to_string(),
            )
        })?;
        let policy = Policy::compile_sharing(variant, shared).map_err(|e| {
            let inner = e.pointer.clone();
            PolicyError::new(format!("{at}/policy{inner}"), e.reason)
        })?;
        out.push((o.name.clone(), selector, policy));
    }
    Ok(out)
}

pub(crate) fn pointer_of_key(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn validate(doc: &PolicyDoc) -> Result<(), PolicyError> {
    if doc.version != 1 {
        return Err(PolicyError::new(
            "/version",
            format!(
                "unsupported policy version {} (this build reads 1)",
                doc.version
            ),
        ));
    }
    if doc.routes.is_empty() {
        return Err(PolicyError::new(
            "/routes",
            "at least one guarded route is required",
        ));
    }
    for (i, r) in doc.routes.iter().enumerate() {
        if !(r.path.starts_with('/') || r.path.starts_with('*')) {
            return Err(PolicyError::new(
                format!("/routes/{i}/path"),
                "a route path must start with '/' or '*'",
            ));
        }
    }
    if doc.limits.max_body_bytes == 0 {
        return Err(PolicyError::new(
            "/limits/max_body_bytes",
            "must be at least 1",
        ));
    }
    if doc.limits.max_messages == 0 {
        return Err(PolicyError::new(
            "/limits/max_messages",
            "must be at least 1",
        ));
    }
    if doc.limits.max_tokens == Some(0) {
        return Err(PolicyError::new("/limits/max_tokens", "must be at least 1"));
    }
    for (field, list) in [
        ("/models/allow", &doc.models.allow),
        ("/models/deny", &doc.models.deny),
        ("/models/provider_prefixes", &doc.models.provider_prefixes),
        ("/tools/allow", &doc.tools.allow),
        ("/tools/deny", &doc.tools.deny),
        ("/injection/extra_phrases", &doc.injection.extra_phrases),
    ] {
        if let Some(i) = list.iter().position(|s| s.trim().is_empty()) {
            return Err(PolicyError::new(
                format!("{field}/{i}"),
                "must not be empty",
            ));
        }
    }
    if !(400..=599).contains(&doc.response.status) {
        return Err(PolicyError::new(
            "/response/status",
            "a blocking status must be a 4xx or 5xx code",
        ));
    }
    if let Some(src) = &doc.source {
        if src.cluster.trim().is_empty() {
            return Err(PolicyError::new("/source/cluster", "must not be empty"));
        }
        if !src.path.starts_with('/') {
            return Err(PolicyError::new("/source/path", "must start with '/'"));
        }
        if src.refresh_seconds == 0 {
            return Err(PolicyError::new(
                "/source/refresh_seconds",
                "must be at least 1",
            ));
        }
        if src.timeout_ms == 0 {
            return Err(PolicyError::new("/source/timeout_ms", "must be at least 1"));
        }
    }
    let t = doc.injection.threshold;
    if !(t.is_finite() && t > 0.0) {
        return Err(PolicyError::new(
            "/injection/threshold",
            "must be a positive number",
        ));
    }
    for (scope, t) in doc.injection.thresholds.entries() {
        if let Some(t) = t {
            if !(t.is_finite() && t > 0.0) {
                return Err(PolicyError::new(
                    format!("/injection/thresholds/{}", scope.as_str()),
                    "must be a positive number",
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_share_the_detectors_of_sections_they_do_not_change() {
        let doc = r#"{
            "version": 1,
            "overrides": [
                {"name": "models", "match": {"host": "a.*"}, "policy": {"models": {"allow": ["a-*"]}}},
                {"name": "pii", "match": {"host": "b.*"}, "policy": {"redaction": {"pii": false}}},
                {"name": "inj", "match": {"host": "c.*"}, "policy": {"injection": {"enabled": true, "extra_phrases": ["open sesame"]}}}
            ]
        }"#;
        let p = Policy::from_json(doc.as_bytes()).unwrap();
        let (base_inj, base_sec) = (p.injection.as_ref().unwrap(), p.secrets.as_ref().unwrap());
        let v = |i: usize| p.variant(Some(i));
        assert!(Arc::ptr_eq(base_inj, v(0).injection.as_ref().unwrap()));
        assert!(Arc::ptr_eq(base_sec, v(0).secrets.as_ref().unwrap()));
        assert!(Arc::ptr_eq(base_inj, v(1).injection.as_ref().unwrap()));
        assert!(!Arc::ptr_eq(base_sec, v(1).secrets.as_ref().unwrap()));
        assert!(Arc::ptr_eq(base_sec, v(2).secrets.as_ref().unwrap()));
        assert!(!Arc::ptr_eq(base_inj, v(2).injection.as_ref().unwrap()));
        assert!(v(1).secrets.as_ref().unwrap().rule_count() < base_sec.rule_count());
    }

    fn err(doc: &str) -> PolicyError {
        Policy::from_json(doc.as_bytes()).expect_err(doc)
    }

    #[test]
    fn default_policy_guards_the_four_dialects() {
        let p = Policy::builtin_default().unwrap();
        assert_eq!(p.route("/v1/chat/completions"), Some(Dialect::OpenAiChat));
        assert_eq!(
            p.route("/v1/chat/completions?x=1"),
            Some(Dialect::OpenAiChat)
        );
        assert_eq!(p.route("/v1/responses"), Some(Dialect::OpenAiResponses));
        assert_eq!(p.route("/v1/messages"), Some(Dialect::Anthropic));
        assert_eq!(p.route("/api/chat"), Some(Dialect::Ollama));
        assert_eq!(p.route("/api/generate"), Some(Dialect::Ollama));
        assert_eq!(p.route("/v1/models"), None);
        assert!(p.injection.is_some());
        assert!(p.model_allowed("anything"));
    }

    #[test]
    fn errors_name_the_json_pointer() {
        assert_eq!(err(r#"{"version":1,"mode":"sometimes"}"#).pointer, "/mode");
        assert_eq!(
            err(r#"{"version":1,"models":{"allow":[""]}}"#).pointer,
            "/models/allow/0"
        );
        assert_eq!(
            err(r#"{"version":1,"models":{"allow":[3]}}"#).pointer,
            "/models/allow/0"
        );
        assert_eq!(err(r#"{"version":2}"#).pointer, "/version");
        assert_eq!(
            err(r#"{"version":1,"response":{"status":200}}"#).pointer,
            "/response/status"
        );
        assert_eq!(
            err(r#"{"version":1,"injection":{"extra_patterns":["(unclosed"]}}"#).pointer,
            "/injection/extra_patterns/0"
        );
        assert_eq!(
            err(r#"{"version":1,"injection":{"thresholds":{"tool":0}}}"#).pointer,
            "/injection/thresholds/tool"
        );
        assert!(
            err(r#"{"version":1,"injection":{"thresholds":{"robot":1}}}"#)
                .pointer
                .starts_with("/injection/thresholds")
        );
        assert_eq!(
            err(r#"{"version":1,"routes":[{"path":"v1","dialect":"openai_chat"}]}"#).pointer,
            "/routes/0/path"
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        let e = err(r#"{"version":1,"modles":{}}"#);
        assert!(e.reason.contains("modles"), "{e}");
        let e = err(r#"{"version":1,"tools":{"deny":["x"],"acton":"strip"}}"#);
        assert!(e.pointer.starts_with("/tools"), "{e}");
    }

    #[test]
    fn missing_version_and_trailing_data_are_refused() {
        assert!(err(r#"{}"#).reason.contains("version"));
        assert!(err(r#"{"version":1} x"#).reason.contains("trailing"));
    }

    #[test]
    fn rule_mode_overrides_policy_mode_except_off() {
        let p = Policy::from_json(br#"{"version":1,"mode":"monitor"}"#).unwrap();
        assert_eq!(p.effective_mode(None), Mode::Monitor);
        assert_eq!(p.effective_mode(Some(Mode::Enforce)), Mode::Enforce);
        let p = Policy::from_json(br#"{"version":1,"mode":"off"}"#).unwrap();
        assert_eq!(p.effective_mode(Some(Mode::Enforce)), Mode::Off);
    }
}
