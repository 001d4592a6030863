//! `redaction`: which secrets and PII are redacted in prompts and in model output.
//! The rules themselves live in `crate::detect::secrets`; this is the part users write.

use serde::{Deserialize, Serialize};

use super::{Mode, PolicyError};
use crate::detect::secrets::{Kind, SecretScanner};

/// Secrets and PII found in a prompt on its way to the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RequestSecrets {
    /// Replace each match before the request leaves.
    #[default]
    Redact,
    /// Refuse the request.
    Block,
    Off,
}

/// Secrets and PII in model output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ResponseSecrets {
    #[default]
    Redact,
    Off,
}

/// A rule of the user's own: a regex-lite pattern, matched over the whole text.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CustomRule {
    pub id: String,
    pub pattern: String,
    #[serde(default = "default_custom_kind")]
    pub kind: Kind,
    /// Longest match the pattern may produce; longer matches are dropped (the stream hold-back
    /// relies on this bound).
    #[serde(default = "default_custom_max_len")]
    pub max_len: usize,
}

fn default_custom_kind() -> Kind {
    Kind::Secret
}

fn default_custom_max_len() -> usize {
    256
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RedactionRules {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Option<Mode>,
    #[serde(default)]
    pub request: RequestSecrets,
    #[serde(default)]
    pub response: ResponseSecrets,
    /// Rule ids, or prefixes ending in '.' (`secret.aws.`); an unknown id is an error.
    #[serde(default)]
    pub disabled_rules: Vec<String>,
    /// Opt-in rules to switch on (broad PII families such as dates, postcodes, licence plates and
    /// bare national-id digit strings are off unless named here): rule ids or prefixes ending in
    /// '.'; an unknown id is an error. `disabled_rules` wins over this list.
    #[serde(default)]
    pub enabled_rules: Vec<String>,
    /// PII rules (`pii.*`) on.
    #[serde(default = "yes")]
    pub pii: bool,
    #[serde(default)]
    pub custom: Vec<CustomRule>,
    /// What a match is replaced with; `{rule}` becomes the rule id.
    #[serde(default = "default_replacement")]
    pub replacement: String,
    /// Cap on the bytes a stream may hold back while a candidate is in flight.
    #[serde(default = "default_max_hold_bytes")]
    pub max_hold_bytes: u64,
}

fn yes() -> bool {
    true
}

fn default_replacement() -> String {
    "[REDACTED:{rule}]".to_string()
}

fn default_max_hold_bytes() -> u64 {
    65536
}

impl Default for RedactionRules {
    fn default() -> Self {
        RedactionRules {
            enabled: true,
            mode: None,
            request: RequestSecrets::default(),
            response: ResponseSecrets::default(),
            disabled_rules: Vec::new(),
            enabled_rules: Vec::new(),
            pii: true,
            custom: Vec::new(),
            replacement: default_replacement(),
            max_hold_bytes: default_max_hold_bytes(),
        }
    }
}

impl RedactionRules {
    /// The text that replaces a match of `rule`.
    pub fn replacement_for(&self, rule: &str) -> String {
        self.replacement.replace("{rule}", rule)
    }

    /// Validate the section (errors name a JSON pointer under `/redaction`) by compiling it.
    pub fn validate(&self) -> Result<(), PolicyError> {
        SecretScanner::compile(self).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::PolicyDoc;

    fn doc(json: &str) -> Result<PolicyDoc, String> {
        serde_json::from_str::<PolicyDoc>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn defaults_are_on_and_redacting() {
        let d = doc(r#"{"version":1}"#).unwrap();
        let r = &d.redaction;
        assert!(r.enabled && r.pii);
        assert_eq!(r.request, RequestSecrets::Redact);
        assert_eq!(r.response, ResponseSecrets::Redact);
        assert_eq!(r.max_hold_bytes, 65536);
        assert_eq!(
            r.replacement_for("secret.github.pat"),
            "[REDACTED:secret.github.pat]"
        );
    }

    #[test]
    fn section_parses_and_refuses_unknown_fields() {
        let d = doc(
            r#"{"version":1,"redaction":{"request":"block","response":"off","pii":false,
            "disabled_rules":["pii.phone","secret.aws."],
            "custom":[{"id":"acme.key","pattern":"ACME-[0-9]{8}","kind":"secret"}]}}"#,
        )
        .unwrap();
        assert_eq!(d.redaction.request, RequestSecrets::Block);
        assert_eq!(d.redaction.custom[0].max_len, 256);
        assert!(d.redaction.validate().is_ok());
        assert!(doc(r#"{"version":1,"redaction":{"reqest":"block"}}"#).is_err());
        assert!(doc(r#"{"version":1,"redaction":{"response":"block"}}"#).is_err());
    }
}

#[cfg(test)]
mod example_tests {
    use crate::detect::secrets::SecretScanner;
    use crate::policy::Policy;

    #[test]
    fn the_schema_example_loads_and_compiles() {
        let p = Policy::from_json(include_bytes!(
            "../../../policy-schema/examples/redaction.json"
        ))
        .unwrap();
        let s = SecretScanner::compile(&p.doc.redaction).unwrap();
        let m = s.find("badge EMP-004211 issued");
        assert_eq!(m[0].rule, "acme.employee_id");
        assert_eq!(
            p.doc.redaction.replacement_for("acme.employee_id"),
            "[acme.employee_id removed]"
        );
        assert!(
            s.find("203.0.113.9").is_empty(),
            "pii.ip is disabled in the example"
        );
    }
}
