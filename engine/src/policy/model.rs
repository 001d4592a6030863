//! The policy document as users write it (policy-schema/policy.schema.json is the contract).
//! Unknown fields are refused everywhere so a typo never silently disables a guard.

use serde::{Deserialize, Serialize};

use crate::dialect::Dialect;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Enforce,
    Monitor,
    Off,
}

/// Who wrote a piece of text the model will read; policies choose which scopes to scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    System,
    User,
    Assistant,
    Tool,
    Document,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::System => "system",
            Scope::User => "user",
            Scope::Assistant => "assistant",
            Scope::Tool => "tool",
            Scope::Document => "document",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDoc {
    pub version: u32,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default = "default_routes")]
    pub routes: Vec<RouteSpec>,
    #[serde(default)]
    pub limits: Limits,
    #[serde(default)]
    pub models: ModelRules,
    #[serde(default)]
    pub tools: ToolRules,
    #[serde(default)]
    pub injection: InjectionRules,
    #[serde(default)]
    pub redaction: super::redaction::RedactionRules,
    #[serde(default)]
    pub response: ResponseSpec,
    #[serde(default)]
    pub bad_input: BadInput,
    #[serde(default)]
    pub host: HostOptions,
    /// Where the filter fetches the policy it enforces; the rest of this document is the policy
    /// used until the first fetch (or, with `startup: fail_closed`, nothing is).
    #[serde(default)]
    pub source: Option<PolicySource>,
    /// Variants of this policy selected per request (first match wins); see `policy::overrides`.
    #[serde(default)]
    pub overrides: Vec<super::overrides::Override>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SourceStartup {
    /// Enforce the inline policy until the source answers.
    #[default]
    Inline,
    /// Refuse guarded requests (503) until a policy has been fetched.
    FailClosed,
}

/// A remote policy document, fetched through an Envoy cluster by one elected worker.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySource {
    /// The Envoy cluster that serves the policy.
    pub cluster: String,
    pub path: String,
    /// `:authority` of the request (default: the cluster name).
    #[serde(default)]
    pub authority: Option<String>,
    #[serde(default = "default_refresh_seconds")]
    pub refresh_seconds: u64,
    #[serde(default = "default_fetch_timeout_ms")]
    pub timeout_ms: u64,
    #[serde(default)]
    pub startup: SourceStartup,
}

fn default_refresh_seconds() -> u64 {
    10
}

fn default_fetch_timeout_ms() -> u64 {
    2000
}

/// What the proxy hosting the filter allows; must match the host's own configuration.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct HostOptions {
    /// Set only when Envoy's Wasm `PluginConfig.allow_on_headers_stop_iteration` is true (Envoy
    /// 1.35+; Istio's WasmPlugin does not set it). Then request headers wait for the body's
    /// verdict (a refused request never reaches the upstream, a rewritten one keeps an exact
    /// `content-length`), and whole-JSON responses can be turned into a 403. Without it, pausing
    /// in a headers callback would stall the stream, so the filter never does.
    #[serde(default)]
    pub allow_on_headers_stop_iteration: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RouteSpec {
    /// Glob over the request path without its query string (`*` matches any run of characters).
    pub path: String,
    pub dialect: Dialect,
}

pub fn default_routes() -> Vec<RouteSpec> {
    [
        ("/v1/chat/completions", Dialect::OpenAiChat),
        ("/v1/responses", Dialect::OpenAiResponses),
        ("/v1/messages", Dialect::Anthropic),
        ("/api/chat", Dialect::Ollama),
        ("/api/generate", Dialect::Ollama),
    ]
    .into_iter()
    .map(|(path, dialect)| RouteSpec {
        path: path.to_string(),
        dialect,
    })
    .collect()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    #[serde(default = "default_max_body_bytes")]
    pub max_body_bytes: u64,
    #[serde(default = "default_max_messages")]
    pub max_messages: u64,
    /// Cap on the completion length a request may ask for; `None` means no cap.
    #[serde(default)]
    pub max_tokens: Option<u64>,
    #[serde(default)]
    pub mode: Option<Mode>,
}

fn default_max_body_bytes() -> u64 {
    1024 * 1024
}

fn default_max_messages() -> u64 {
    256
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: default_max_body_bytes(),
            max_messages: default_max_messages(),
            max_tokens: None,
            mode: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelRules {
    #[serde(default = "match_everything")]
    pub allow: Vec<String>,
    #[serde(default)]
    pub deny: Vec<String>,
    /// Router prefixes removed before matching, so `openai/gpt-4o` is judged as `gpt-4o`.
    #[serde(default = "default_provider_prefixes")]
    pub provider_prefixes: Vec<String>,
    /// Refuse Ollama-style names without a pinned tag (`llama3.2`, `llama3.2:latest`).
    #[serde(default)]
    pub refuse_floating_tags: bool,
    #[serde(default)]
    pub mode: Option<Mode>,
}

fn match_everything() -> Vec<String> {
    vec!["*".to_string()]
}

fn default_provider_prefixes() -> Vec<String> {
    [
        "openai/",
        "anthropic/",
        "ollama/",
        "ollama_chat/",
        "azure/",
        "vllm/",
        "hosted_vllm/",
    ]
    .into_iter()
    .map(String::from)
    .collect()
}

impl Default for ModelRules {
    fn default() -> Self {
        ModelRules {
            allow: match_everything(),
            deny: Vec::new(),
            provider_prefixes: default_provider_prefixes(),
            refuse_floating_tags: false,
            mode: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ToolAction {
    #[default]
    Block,
    Strip,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ToolRules {
    #[serde(default = "match_everything")]
    pub allow: Vec<String>,
    #[serde(default)]
    pub deny: Vec<String>,
    #[serde(default)]
    pub action: ToolAction,
    #[serde(default)]
    pub mode: Option<Mode>,
}

impl Default for ToolRules {
    fn default() -> Self {
        ToolRules {
            allow: match_everything(),
            deny: Vec::new(),
            action: ToolAction::Block,
            mode: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InjectionRules {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Option<Mode>,
    /// A scope whose findings weigh at least this much is blocked.
    #[serde(default = "default_threshold")]
    pub threshold: f64,
    #[serde(default = "default_scan_scopes")]
    pub scan_roles: Vec<Scope>,
    /// Extra phrases, matched on the normalised word view (case, spacing and punctuation ignored).
    #[serde(default)]
    pub extra_phrases: Vec<String>,
    /// Extra regexes (regex-lite syntax), matched on the normalised text view.
    #[serde(default)]
    pub extra_patterns: Vec<String>,
    #[serde(default)]
    pub disabled_families: Vec<crate::detect::injection::Family>,
    /// Thresholds per scope, overriding `threshold` for the scopes they name. By default text the
    /// model reads as data (tool results, documents) is held to a stricter threshold: instructions
    /// addressed to the model are suspicious there by themselves.
    #[serde(default = "default_scope_thresholds")]
    pub thresholds: ScopeThresholds,
}

/// A threshold per scope; a scope left out uses `injection.threshold`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeThresholds {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assistant: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<f64>,
}

impl ScopeThresholds {
    pub fn get(&self, scope: Scope) -> Option<f64> {
        match scope {
            Scope::System => self.system,
            Scope::User => self.user,
            Scope::Assistant => self.assistant,
            Scope::Tool => self.tool,
            Scope::Document => self.document,
        }
    }

    /// Every scope with its threshold, if set.
    pub fn entries(&self) -> [(Scope, Option<f64>); 5] {
        [
            (Scope::System, self.system),
            (Scope::User, self.user),
            (Scope::Assistant, self.assistant),
            (Scope::Tool, self.tool),
            (Scope::Document, self.document),
        ]
    }
}

impl InjectionRules {
    /// The threshold that decides for one scope.
    pub fn threshold_for(&self, scope: Scope) -> f64 {
        self.thresholds.get(scope).unwrap_or(self.threshold)
    }
}

fn default_scope_thresholds() -> ScopeThresholds {
    ScopeThresholds {
        tool: Some(DEFAULT_DATA_THRESHOLD),
        document: Some(DEFAULT_DATA_THRESHOLD),
        ..ScopeThresholds::default()
    }
}

/// Default threshold for tool results and documents (see docs/detection.md for how it was chosen).
pub const DEFAULT_DATA_THRESHOLD: f64 = 0.6;

fn yes() -> bool {
    true
}

fn default_threshold() -> f64 {
    1.0
}

fn default_scan_scopes() -> Vec<Scope> {
    vec![Scope::User, Scope::Tool, Scope::Document]
}

impl Default for InjectionRules {
    fn default() -> Self {
        InjectionRules {
            enabled: true,
            mode: None,
            threshold: default_threshold(),
            scan_roles: default_scan_scopes(),
            extra_phrases: Vec::new(),
            extra_patterns: Vec::new(),
            disabled_families: Vec::new(),
            thresholds: default_scope_thresholds(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSpec {
    #[serde(default = "default_status")]
    pub status: u16,
    #[serde(default = "default_message")]
    pub message: String,
    /// A response header naming the rule that a `monitor` decision would have enforced (off when
    /// unset, so monitored traffic looks unchanged to clients by default).
    #[serde(default)]
    pub monitor_header: Option<String>,
}

fn default_status() -> u16 {
    403
}

fn default_message() -> String {
    "Request blocked by promptwall policy".to_string()
}

impl Default for ResponseSpec {
    fn default() -> Self {
        ResponseSpec {
            status: default_status(),
            message: default_message(),
            monitor_header: None,
        }
    }
}

/// What to do with input the engine cannot inspect. `pass` lets it through uninspected, but it is
/// still counted and logged; the default refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OnBadInput {
    #[default]
    Reject,
    Pass,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct BadInput {
    /// Request body with a `Content-Encoding` other than identity.
    #[serde(default)]
    pub encoded_body: OnBadInput,
    /// Request body whose `Content-Type` is not JSON.
    #[serde(default)]
    pub non_json: OnBadInput,
    /// Request body that does not parse as the route's dialect.
    #[serde(default)]
    pub malformed: OnBadInput,
}
