//! The built-in rules, written from each provider's documented token format (the `doc` field names
//! the source). Regexes are regex-lite syntax; large counted repetitions are avoided (regex-lite
//! unrolls them) and replaced by `min`/`max` length checks in code.

use super::shape::{Group, Shape};
use super::{Check, Kind};
use crate::detect::pii::IdKind;

/// How far after its `apiVersion:` or `kind: Secret` line a Secret's data value is looked for.
pub(crate) const K8S_REGION: usize = 4096;
/// The lines a Kubernetes manifest region starts at (lower case: the anchors ignore case).
pub(crate) const K8S_ANCHORS: &[&str] = &[
    "apiversion:",
    "kind: secret",
    "kind: \"secret",
    "kind: 'secret",
];

/// One rule. A rule id may appear on several entries (one format written as two regexes).
pub(crate) struct Def {
    pub id: &'static str,
    pub kind: Kind,
    /// Literals that must occur in (or just before) every match: they decide where the regex runs.
    pub anchors: &'static [&'static str],
    /// Anchors must match with this exact case (token prefixes); otherwise ASCII case is ignored.
    pub cs: bool,
    /// Rules run on digit clusters (runs of digits, gaps of at most 6 bytes) holding at least
    /// this many digits, instead of (or as well as) literal anchors. 0: no digit trigger.
    pub digits: usize,
    /// A digit cluster only triggers the rule when it holds one of these bytes (`.` for IPv4).
    pub cluster_needs: &'static [u8],
    /// A digit cluster only triggers the rule when it holds an ASCII letter or touches one (the
    /// byte before its first digit or after its last): identifiers that mix letters and digits
    /// (PAN, GSTIN, fiscal code, MBI) do, years and version numbers in prose do not. Only for
    /// rules whose every match has a digit next to a letter (checked by a test).
    pub glued: bool,
    /// How far before its anchor a match may start.
    pub back: usize,
    /// Shortest reported span, in bytes.
    pub min: usize,
    /// Longest whole match, in bytes: bounds the window and the stream hold-back.
    pub max: usize,
    pub check: Check,
    /// Overlap resolution: lower tier wins, then the longer match.
    pub tier: u8,
    /// A keyword anchor only counts when an assignment operator follows it (cheap pre-check).
    pub assign: bool,
    /// Run the regex anchored at the start of the word holding the anchor (scanning back over
    /// identifier characters) instead of over a window around it.
    pub anchored: bool,
    /// The keyword must start a word: not preceded by a letter or digit, except at a camelCase
    /// boundary (`myOkta`), so `rookTable` does not hold `okta`.
    pub word_start: bool,
    /// Every match holds a run of at least this many ASCII letters and digits in a row (0: no
    /// such bound). Checked on a window before its regex runs: prose around a year or a keyword
    /// rarely has one, and the scan costs far less than the regex.
    pub word_run: usize,
    /// Every match holds a run of at least this many ASCII digits in a row (0: no such bound).
    pub digit_run: usize,
    /// Every match holds an upper-case ASCII letter at most two bytes from a digit (`B1`, `K 1`,
    /// `6 A`): number plates and postcodes. Checked on the window before its regex runs.
    pub upper_near_digit: bool,
    /// The digit groups every match holds (see `shape.rs`), tested on each run of the rule's
    /// alphabet before its regex runs there.
    pub shape: Shape,
    /// The regex; a group named `s` marks the reported span (the value, not its keyword).
    pub re: &'static str,
    pub doc: &'static str,
    /// Off unless the policy names it in `redaction.enabled_rules` (broad PII families).
    pub opt_in: bool,
}

/// A provider token with a distinctive prefix.
const fn tok(
    id: &'static str,
    anchors: &'static [&'static str],
    re: &'static str,
    min: usize,
    max: usize,
    entropy: f32,
    doc: &'static str,
) -> Def {
    Def {
        id,
        kind: Kind::Secret,
        anchors,
        cs: true,
        digits: 0,
        cluster_needs: &[],
        glued: false,
        back: 0,
        min,
        max,
        check: Check::Entropy(entropy),
        tier: 0,
        assign: false,
        anchored: false,
        word_start: false,
        word_run: 0,
        digit_run: 0,
        upper_near_digit: false,
        shape: Shape::Any,
        re,
        doc,
        opt_in: false,
    }
}

/// A value recognised by a keyword before it (case-insensitive anchors).
const fn ctx(
    id: &'static str,
    anchors: &'static [&'static str],
    re: &'static str,
    back: usize,
    max: usize,
    check: Check,
    doc: &'static str,
) -> Def {
    Def {
        id,
        kind: Kind::Secret,
        anchors,
        cs: false,
        digits: 0,
        cluster_needs: &[],
        glued: false,
        back,
        min: 8,
        max,
        check,
        tier: 1,
        assign: true,
        anchored: true,
        word_start: true,
        word_run: 0,
        digit_run: 0,
        upper_near_digit: false,
        shape: Shape::Any,
        re,
        doc,
        opt_in: false,
    }
}

/// A PII rule triggered by digit clusters (and optional literal anchors).
#[allow(clippy::too_many_arguments)] // a table row constructor, read positionally
const fn pii(
    id: &'static str,
    anchors: &'static [&'static str],
    digits: usize,
    re: &'static str,
    back: usize,
    max: usize,
    check: Check,
    doc: &'static str,
) -> Def {
    Def {
        id,
        kind: Kind::Pii,
        anchors,
        cs: false,
        digits,
        cluster_needs: &[],
        glued: false,
        back,
        min: 3,
        max,
        check,
        tier: 2,
        assign: false,
        anchored: false,
        word_start: false,
        word_run: 0,
        digit_run: 0,
        upper_near_digit: false,
        shape: Shape::Any,
        re,
        doc,
        opt_in: false,
    }
}

/// A national identifier or account number triggered by digit clusters, validated by `kind`.
const fn id(
    id: &'static str,
    digits: usize,
    re: &'static str,
    back: usize,
    max: usize,
    kind: IdKind,
    doc: &'static str,
) -> Def {
    Def {
        min: 8,
        ..pii(id, &[], digits, re, back, max, Check::Id(kind), doc)
    }
}

/// An identifier that is only reported after one of its keywords (`passport`, `SIN`, ...): the
/// keywords are the anchors and the regex runs from the keyword over the next `max` bytes.
const fn near(
    id: &'static str,
    keywords: &'static [&'static str],
    re: &'static str,
    max: usize,
    kind: IdKind,
    doc: &'static str,
) -> Def {
    Def {
        min: 5,
        ..pii(id, keywords, 0, re, 0, max, Check::Id(kind), doc)
    }
}

/// An opt-in rule: off unless `redaction.enabled_rules` names it (broad PII families).
const fn opt(d: Def) -> Def {
    Def { opt_in: true, ..d }
}

/// A structure-only PII rule triggered by digit clusters (opt-in families: plates, postcodes).
const fn shape(
    id: &'static str,
    digits: usize,
    re: &'static str,
    back: usize,
    max: usize,
    doc: &'static str,
) -> Def {
    Def {
        min: 3,
        ..pii(
            id,
            &[],
            digits,
            re,
            back,
            max,
            Check::Id(IdKind::Shape),
            doc,
        )
    }
}

const E: f32 = 3.0;

// Digit groups of the shapes (see `shape.rs`): exact lengths, any first digit.
const G2: Group = (2, 2, false);
const G3: Group = (3, 3, false);
const G4: Group = (4, 4, false);

/// Consecutive digit groups one byte apart, as a separator-bounded regex writes them.
const fn groups(seqs: &'static [&'static [Group]]) -> Shape {
    Shape::Groups { escape: b"", seqs }
}

/// The digit groups of the national phone formats below (`+` and `(` forms always run): 3-3-2-2,
/// 0x-2-2-2-2, (2-4)-(3-4)-4, trunk 0 + 1-4 digits then 3-2-2 (separators optional), and
/// 0 + 1-3 digits, `-`, 6-8 digits.
const PHONE: Shape = Shape::Groups {
    escape: b"+(",
    seqs: &[
        &[G3, G3, G2, G2],
        &[(2, 2, true), G2, G2, G2, G2],
        &[(2, 4, false), (3, 4, false), G4],
        &[(2, 5, true), G3, G2, G2],
        &[(2, 5, true), (5, 5, false), G2],
        &[(2, 5, true), G3, G4],
        &[(2, 5, true), (7, 7, false)],
        &[(2, 4, true), (6, 8, false)],
    ],
};

// Shared pieces of the generic assignment rule.
// key (containing a keyword), optional closing quote, an assignment operator, optional quote, value.
/// The value is read to its closing quote when it is quoted, so a generated password with `$`,
/// brackets, `,` or `;` in it (`"Xk9$mP2#qL7!"`) is redacted whole (group `t`), else up to the
/// first character a bare value does not hold (group `s`). A name in angle brackets inside it
/// (`"<your-token>"`) makes it a placeholder (`secrets::angle_placeholder`).
const ASSIGN: &str = r#"(?i:[A-Za-z0-9_.\-]*(?:passw(?:or)?d|passphrase|pwd|_pw|pw_|[_.\-]pass(?:\b|_)|secret|token|api[_.\-]?key|apikey|access[_.\-]?key|private[_.\-]?key|auth[a-z_]*|credential|key)[A-Za-z0-9_.\-]*)["'\]]?(?:[ \t]*:?[ \t]*(?:string|String|str|&str|&'static str)\b)?[ \t]*(?:=|:=|::=|:::=|\?=|\.=|\+=|=>|->|:|,[ \t]*|>)[ \t]*(?:\r?\n[ \t]*)?(?:["'](?P<t>[A-Za-z0-9_\-+/=.~:!@#%^&*?|$(){}\[\]<>,;]{8,256})["']|["'`]?(?P<s>[A-Za-z0-9_\-+/=.~:!@#%^&*?|]{8,}))"#;

/// A credential stated in a sentence, as a model's answer discloses one: `The API key is X`,
/// `the password was set to X`, `Use the token X`, `Set OPENAI_API_KEY to X`, `Das Passwort
/// lautet X`. The keyword (read from its anchor, so an identifier may end in it:
/// `GITHUB_TOKEN`, not `--token-file`), an optional `for/of/on <what>`, an optional linking
/// verb, then the value, which must pass the same test as an assigned one (`Check::Stated`):
/// `the token is invalid` or `the tokenizer is gpt2-based` is not a secret.
const STATED: &str = r#"(?i:(?:passw(?:or)?d|passphrase|passcode|passwort|kennwort|secret(?:[ _\-]?key)?|(?:api|access|private|licen[cs]e|encryption|signing|master)[ _\-]?key|token|credential|mot de passe|contrase(?:ñ|n)a|senha)(?:s|es)?(?:[ \t]+(?:for|of|on)[ \t]+[^\n.:;!?"'`]{1,40}?)?[ \t]+(?:(?:(?:is|was|are|were|reads|remains|lautet|ist|est|es|é|will be|should be)(?:[ \t]+(?:now|still))?(?:[ \t]+(?:set|changed|reset|updated)[ \t]+to)?|(?:set|changed|reset|updated)[ \t]+to|to)(?:[ \t]*:[ \t]*|[ \t]+))?(?::[ \t]*)?["'`“‘]?)(?P<s>[A-Za-z0-9_\-+/=.~:!@#%^&*?|$]{7,}[A-Za-z0-9_\-+/=~!@#%^&*?|$])"#;

// Shared pieces of the PII families with a bare (opt-in) and a keyword (default) form.
macro_rules! date_re {
    () => {
        concat!(
            r"\b(?:[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+\-][0-9]{2}:?[0-9]{2})?)?|[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}|[0-9]{1,2}/[0-9]{2,4}",
            r"|[0-9]{1,2}(?:st|nd|rd|th)?[ \-](?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:[ \-,]+[0-9]{2,4})?",
            r"|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \-][0-9]{1,4}(?:st|nd|rd|th)?(?:,? [0-9]{4})?)\b"
        )
    };
}
// Number plate shapes, upper case: DVLA current / prefix / suffix, FZV (Germany), Turkey,
// Nigeria, India (state codes of the Central Motor Vehicles Rules), France (SIV, AA-123-AA
// without I, O, U), Italy (since 1994: AA 123 AA without I, O, Q, U), Spain (since 2000: 4
// digits, 3 consonants).
macro_rules! plate {
    () => {
        concat!(
            r"[A-Z]{2}[0-9]{2}[ \-]?[A-Z]{3}|[A-Z][0-9]{1,3} ?[A-Z]{3}|[A-Z]{3} ?[0-9]{1,3}[A-Z]",
            r"|[A-ZÄÖÜ]{1,3}[ \-][A-Z]{1,2}[ \-][1-9][0-9]{0,3}[EH]?",
            r"|(?:0[1-9]|[1-7][0-9]|8[01]) ?[A-Z]{1,3} ?[0-9]{2,4}",
            r"|[A-Z]{3}-?[0-9]{3}[A-Z]{2}",
            r"|(?:AN|AP|AR|AS|BR|CG|CH|DD|DL|DN|GA|GJ|HP|HR|JH|JK|KA|KL|LA|LD|MH|ML|MN|MP|MZ|NL|OD|OR|PB|PY|RJ|SK|TG|TN|TR|TS|UK|UP|WB)[0-9]{1,2}[A-Z]{0,3}[0-9]{4}",
            r"|[A-HJ-NP-TV-Z]{2}-[0-9]{3}-[A-HJ-NP-TV-Z]{2}|[A-HJ-NPR-TV-Z]{2} ?[0-9]{3} ?[A-HJ-NPR-TV-Z]{2}",
            r"|[0-9]{4}[ \-]?[BCDFGHJKLMNPRSTVWXYZ]{3}"
        )
    };
}
// A capitalised name of up to three words (Latin-1 letters; `O'Neill`, `Smith-Jones`), ending in a
// letter (not the closing quote of `'Nakamura'`).
macro_rules! name_re {
    () => {
        r"[A-ZÀ-ÖØ-Þ](?:[A-Za-zÀ-ÖØ-öø-ÿ'\-]{0,29}[A-Za-zÀ-ÖØ-öø-ÿ])(?: [A-ZÀ-ÖØ-Þ](?:[A-Za-zÀ-ÖØ-öø-ÿ'\-]{0,29}[A-Za-zÀ-ÖØ-öø-ÿ])){0,2}"
    };
}
const NAME_FIELDS: &[&str] = &[
    "fullname",
    "full name",
    "full_name",
    "full-name",
    "firstname",
    "first name",
    "first_name",
    "first-name",
    "lastname",
    "last name",
    "last_name",
    "last-name",
    "givenname",
    "given name",
    "given_name",
    "familyname",
    "family name",
    "family_name",
    "surname",
    "sur_name",
    "patient name",
    "patient_name",
    "patientname",
    "vorname",
    "nachname",
    "nombre completo",
    "apellido",
];
macro_rules! plate_kw {
    () => {
        r"plates?|registration|reg\.? ?no|reg\.? number|car reg|vehicle|kennzeichen|nummernschild|plaka|immatriculation|matr[ií]cula|targa"
    };
}
const PLATE_KEYWORDS: &[&str] = &[
    "plate",
    "registration",
    "reg no",
    "reg. no",
    "reg number",
    "reg. number",
    "car reg",
    "vehicle",
    "kennzeichen",
    "nummernschild",
    "plaka",
    "immatriculation",
    "matricula",
    "matrícula",
    "targa",
];

pub(crate) const RULES: &[Def] = &[
    // ---------------------------------------------------------------- cloud providers
    tok("secret.aws.access_key_id", &["AKIA", "ASIA", "ABIA", "ACCA"],
        r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b", 20, 20, 2.5,
        "AWS IAM User Guide, 'Unique identifiers' (AKIA long-term, ASIA temporary, ABIA/ACCA)"),
    Def { word_start: false, ..ctx("secret.aws.secret_access_key",
        &["secret_access_key", "secretaccesskey", "secret-access-key", "aws_secret", "awssecret", "aws-secret", "secret_key"],
        r#"(?i:[A-Za-z0-9_\-]*secret[_\-]?(?:access[_\-]?)?key)["']?[ \t]*(?:=|:=|:|=>|,)[ \t]*["']?(?P<s>[A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)"#,
        40, 140, Check::Entropy(3.5),
        "AWS IAM User Guide, 'Managing access keys' (40-character secret access key)") },
    tok("secret.aws.bedrock_api_key", &["ABSKQmVkcm9ja0FQSUtleS"],
        r"\bABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{40}[A-Za-z0-9+/]*={0,2}", 100, 400, 3.5,
        "Amazon Bedrock User Guide, 'API keys' (long-term keys, ABSK + base64 'BedrockAPIKey-')"),
    tok("secret.aws.bedrock_short_term_key", &["bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t"],
        r"\bbedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%&_\-]*", 44, 4096, 3.0,
        "Amazon Bedrock User Guide, 'API keys' (short-term keys, presigned 'bedrock.amazonaws.com')"),
    tok("secret.gcp.api_key", &["AIza"], r"\b(?P<s>AIza[0-9A-Za-z_\-]{35})(?:[^A-Za-z0-9_\-]|$)", 39, 40, 3.5,
        "Google Cloud docs, 'Manage API keys' (AIza + 35 characters)"),
    Def { assign: false, anchored: false, tier: 0, ..ctx("secret.gcp.service_account_key", &["\"private_key\""],
        r#""private_key"[ \t]*:[ \t]*"(?P<s>-----BEGIN (?:RSA )?PRIVATE KEY-----(?:\\n|\\r|[A-Za-z0-9+/=])+-----END (?:RSA )?PRIVATE KEY-----(?:\\n)?)""#,
        0, 8192, Check::Pem,
        "Google Cloud IAM docs, 'Create and delete service account keys' (JSON key file, private_key)") },
    // The window opens at the manifest's `apiVersion:` or `kind: Secret` line and the check reads
    // no further back (the streaming redactor keeps that much context), so `kubectl get secret
    // -o yaml`, which prints `data:` before `kind:`, is judged the same split or whole. Tier 2:
    // a keyword rule that also matches (`password: ...`) keeps the value.
    Def { assign: false, anchored: false, word_start: false, min: 12, tier: 2, ..ctx("secret.kubernetes.secret_data",
        K8S_ANCHORS,
        r#"(?m)^[ \t]+[A-Za-z0-9._\-]+:[ \t]*(?:[|>][\-+]?[ \t]*\r?\n[ \t]+)?["']?(?P<s>[A-Za-z0-9+/]{12}[A-Za-z0-9+/]*={0,2})["']?[ \t]*\r?$"#,
        0, K8S_REGION, Check::K8sData,
        "Kubernetes docs, 'Secrets' (kind: Secret; values under data: are base64-encoded)") },
    tok("secret.gcp.oauth_client_secret", &["GOCSPX-"], r"\b(?P<s>GOCSPX-[A-Za-z0-9_\-]{28})(?:[^A-Za-z0-9_\-]|$)", 35, 36, 3.0,
        "Google Identity docs, OAuth 2.0 client secrets (GOCSPX- prefix)"),
    tok("secret.gcp.oauth_access_token", &["ya29."], r"\bya29\.[A-Za-z0-9_\-]{30}[A-Za-z0-9_\-]*", 35, 2048, 3.5,
        "Google Identity docs, OAuth 2.0 access tokens (ya29. prefix)"),
    Def { assign: false, anchored: false, ..ctx("secret.azure.storage_account_key", &["accountkey="],
        r"(?i:AccountKey)=(?P<s>[A-Za-z0-9+/]{86}==)", 0, 110, Check::Entropy(4.0),
        "Azure Storage docs, 'Configure a connection string' (AccountKey, 64 bytes base64)") },
    Def { assign: false, anchored: false, ..ctx("secret.azure.shared_access_key", &["sharedaccesskey="],
        r"(?i:SharedAccessKey)=(?P<s>[A-Za-z0-9+/]{42,43}=)", 0, 64, Check::Entropy(4.0),
        "Azure Service Bus / Event Hubs docs, SAS connection strings (SharedAccessKey, 32 bytes base64)") },
    Def { assign: false, anchored: false, ..ctx("secret.azure.sas_signature", &["sig="],
        r"[?&]sig=(?P<s>[A-Za-z0-9%+/]{40,}(?:=|%3[dD]){0,2})", 1, 200, Check::Entropy(4.0),
        "Azure Storage docs, 'Grant limited access with SAS' (sig= signature parameter)") },
    Def { cs: true, back: 10, ..tok("secret.azure.ad_client_secret", &["Q~"],
        r"(?:^|[^A-Za-z0-9_~.\-])(?P<s>[A-Za-z0-9_~.\-]{3}[0-9]Q~[A-Za-z0-9_~.\-]{31,34})(?:$|[^A-Za-z0-9_~.\-])",
        37, 46, 3.5,
        "Microsoft identity platform docs, application client secrets (3 chars + digit + 'Q~' + 31-34)") },
    tok("secret.alibaba.access_key_id", &["LTAI"], r"\bLTAI[A-Za-z0-9]{12,20}\b", 16, 24, 3.0,
        "Alibaba Cloud RAM docs, AccessKey pairs (AccessKey ID starts with LTAI)"),
    tok("secret.tencent.secret_id", &["AKID"], r"\bAKID[A-Za-z0-9]{32}\b", 36, 36, 3.5,
        "Tencent Cloud CAM docs, API keys (SecretId starts with AKID)"),
    tok("secret.digitalocean.pat", &["dop_v1_"], r"\bdop_v1_[a-f0-9]{64}\b", 71, 71, 3.0,
        "DigitalOcean docs, 'How to create a personal access token' (dop_v1_)"),
    tok("secret.digitalocean.oauth_token", &["doo_v1_"], r"\bdoo_v1_[a-f0-9]{64}\b", 71, 71, 3.0,
        "DigitalOcean API docs, OAuth tokens (doo_v1_)"),
    tok("secret.digitalocean.refresh_token", &["dor_v1_"], r"\bdor_v1_[a-f0-9]{64}\b", 71, 71, 3.0,
        "DigitalOcean API docs, OAuth refresh tokens (dor_v1_)"),
    tok("secret.heroku.api_key", &["HRKU-"], r"\b(?P<s>HRKU-[A-Za-z0-9_\-]{58,60})(?:[^A-Za-z0-9_\-]|$)", 60, 67, 3.5,
        "Heroku Dev Center, 'Heroku API tokens' (HRKU- prefix)"),
    ctx("secret.heroku.legacy_api_key", &["heroku"],
        r#"(?i:heroku)[A-Za-z0-9_\-]*["']?[ \t]*(?:=|:=|:|=>|,)[ \t]*["']?(?P<s>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\b"#,
        0, 120, Check::Entropy(3.0),
        "Heroku Dev Center, 'Heroku CLI authentication' (legacy API key, a UUID)"),
    tok("secret.cloudflare.origin_ca_key", &["v1.0-"], r"\bv1\.0-[a-f0-9]{24}-[a-f0-9]{146}\b", 176, 176, 3.0,
        "Cloudflare docs, Origin CA keys (v1.0- prefix)"),
    ctx("secret.cloudflare.api_key", &["cloudflare", "cf_api"],
        r#"(?i:cloudflare|cf_api)[A-Za-z0-9_\-]*["']?[ \t]*(?:=|:=|:|=>|,)[ \t]*["']?(?P<s>[A-Za-z0-9_\-]{37,40})\b"#,
        0, 120, Check::Value,
        "Cloudflare docs, API tokens (40 chars) and Global API key (37 hex)"),
    ctx("secret.fastly.api_token", &["fastly"],
        r#"(?i:fastly)[A-Za-z0-9_\-]*["']?[ \t]*(?:=|:=|:|=>|,)[ \t]*["']?(?P<s>[A-Za-z0-9_\-]{32})\b"#,
        0, 120, Check::Value, "Fastly docs, 'Using API tokens' (32 characters)"),
    tok("secret.yandex.iam_token", &["t1."], r"\bt1\.[A-Za-z0-9_\-]{50}[A-Za-z0-9_\-]*(?:={0,2}\.[A-Za-z0-9_\-]{86}={0,2})?", 80, 4096, 3.5,
        "Yandex Cloud docs, IAM tokens (t1.<payload>.<86-character signature>, payload of any length)"),
    tok("secret.yandex.api_key", &["AQVN"], r"\b(?P<s>AQVN[A-Za-z0-9_\-]{35,38})(?:[^A-Za-z0-9_\-]|$)", 39, 43, 3.5,
        "Yandex Cloud docs, API keys (AQVN prefix)"),
    // ---------------------------------------------------------------- code hosting, CI, registries
    tok("secret.github.pat", &["ghp_"], r"\bghp_[A-Za-z0-9]{36}\b", 40, 40, E,
        "GitHub docs, 'About authentication to GitHub', token prefixes (ghp_)"),
    tok("secret.github.oauth_token", &["gho_"], r"\bgho_[A-Za-z0-9]{36}\b", 40, 40, E,
        "GitHub docs, token prefixes (gho_ OAuth access token)"),
    tok("secret.github.user_to_server_token", &["ghu_"], r"\bghu_[A-Za-z0-9]{36}\b", 40, 40, E,
        "GitHub docs, token prefixes (ghu_ GitHub App user-to-server)"),
    tok("secret.github.server_to_server_token", &["ghs_"], r"\bghs_[A-Za-z0-9]{36}\b", 40, 40, E,
        "GitHub docs, token prefixes (ghs_ GitHub App installation)"),
    tok("secret.github.refresh_token", &["ghr_"], r"\bghr_[A-Za-z0-9]{36,76}\b", 40, 80, E,
        "GitHub docs, token prefixes (ghr_ refresh token)"),
    tok("secret.github.fine_grained_pat", &["github_pat_"], r"\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b", 93, 93, E,
        "GitHub docs, fine-grained personal access tokens (github_pat_)"),
    tok("secret.gitlab.pat", &["glpat-"], r"\bglpat-[A-Za-z0-9_\-]{20}[A-Za-z0-9_\-]*(?:\.[0-9a-z]{2}\.[0-9a-z]{7,9})?\b", 26, 400, E,
        "GitLab docs, 'Token prefixes' (glpat- personal, project and group access tokens)"),
    tok("secret.gitlab.oauth_app_secret", &["gloas-"], r"\b(?P<s>gloas-[A-Za-z0-9_\-]{64})(?:[^A-Za-z0-9_\-]|$)", 70, 71, E,
        "GitLab docs, token prefixes (gloas- OAuth application secret)"),
    tok("secret.gitlab.deploy_token", &["gldt-"], r"\b(?P<s>gldt-[A-Za-z0-9_\-]{20})(?:[^A-Za-z0-9_\-]|$)", 25, 26, E,
        "GitLab docs, token prefixes (gldt- deploy token)"),
    tok("secret.gitlab.runner_token", &["glrt-", "glrtr-"], r"\bglrtr?-[A-Za-z0-9_\-]{20}[A-Za-z0-9_\-]*(?:\.[0-9a-z]{2}\.[0-9a-z]{7,9})?\b", 25, 400, E,
        "GitLab docs, token prefixes (glrt- runner authentication token)"),
    tok("secret.gitlab.runner_registration_token", &["GR1348941"], r"\b(?P<s>GR1348941[A-Za-z0-9_\-]{20})(?:[^A-Za-z0-9_\-]|$)", 29, 30, E,
        "GitLab docs, token prefixes (GR1348941 runner registration token)"),
    tok("secret.gitlab.ci_job_token", &["glcbt-"], r"\b(?P<s>glcbt-(?:[0-9a-fA-F]{1,5}_)?[A-Za-z0-9_\-]{20})(?:[^A-Za-z0-9_\-]|$)", 26, 41, E,
        "GitLab docs, token prefixes (glcbt- CI/CD job token)"),
    tok("secret.gitlab.trigger_token", &["glptt-"], r"\bglptt-[0-9a-f]{40}\b", 46, 46, E,
        "GitLab docs, token prefixes (glptt- pipeline trigger token)"),
    tok("secret.gitlab.feed_token", &["glft-"], r"\b(?P<s>glft-[A-Za-z0-9_\-]{20})(?:[^A-Za-z0-9_\-]|$)", 25, 26, E,
        "GitLab docs, token prefixes (glft- feed token)"),
    tok("secret.gitlab.incoming_mail_token", &["glimt-"], r"\b(?P<s>glimt-[A-Za-z0-9_\-]{25})(?:[^A-Za-z0-9_\-]|$)", 31, 32, E,
        "GitLab docs, token prefixes (glimt- incoming mail token)"),
    tok("secret.gitlab.agent_token", &["glagent-"], r"\b(?P<s>glagent-[A-Za-z0-9_\-]{50})(?:[^A-Za-z0-9_\-]|$)", 58, 59, E,
        "GitLab docs, token prefixes (glagent- Kubernetes agent token)"),
    tok("secret.gitlab.scim_token", &["glsoat-"], r"\b(?P<s>glsoat-[A-Za-z0-9_\-]{20})(?:[^A-Za-z0-9_\-]|$)", 27, 28, E,
        "GitLab docs, token prefixes (glsoat- SCIM OAuth token)"),
    tok("secret.gitlab.feature_flags_token", &["glffct-"], r"\b(?P<s>glffct-[A-Za-z0-9_\-]{20})(?:[^A-Za-z0-9_\-]|$)", 27, 28, E,
        "GitLab docs, token prefixes (glffct- feature flags client token)"),
    Def { assign: false, anchored: false, ..ctx("secret.gitlab.session_cookie", &["_gitlab_session="],
        r"_gitlab_session=(?P<s>[0-9a-z]{32})\b", 0, 64, Check::Entropy(3.0),
        "GitLab docs, token prefixes (_gitlab_session cookie)") },
    tok("secret.npm.access_token", &["npm_"], r"\bnpm_[A-Za-z0-9]{36}\b", 40, 40, E,
        "npm docs, 'About access tokens' (npm_ prefix)"),
    tok("secret.pypi.api_token", &["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"],
        r"\bpypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\-]{50}[A-Za-z0-9_\-]*", 70, 1024, E,
        "PyPI docs, API tokens (macaroon, base64 'pypi.org' / 'test.pypi.org' after pypi-)"),
    Def { back: 40, ..ctx("secret.sidekiq.credentials", &["contribsys__com"],
        r#"(?i:BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM)["']?[ \t]*(?:=|:=|:|=>)[ \t]*["']?(?P<s>[a-f0-9]{8}:[a-f0-9]{8})\b"#,
        0, 80, Check::Entropy(2.5), "Sidekiq wiki, 'Commercial: Bundler' (BUNDLE_ENTERPRISE__CONTRIBSYS__COM=user:pass)") },
    tok("secret.rubygems.api_key", &["rubygems_"], r"\brubygems_[a-f0-9]{48}\b", 57, 57, E,
        "RubyGems guides, API key scopes (rubygems_ prefix)"),
    tok("secret.clojars.token", &["CLOJARS_"], r"\bCLOJARS_[a-z0-9]{60}\b", 68, 68, E,
        "Clojars wiki, deploy tokens (CLOJARS_ prefix)"),
    tok("secret.databricks.token", &["dapi", "dkea", "dose"], r"\b(?:dapi|dkea|dose)[a-f0-9]{32}(?:-[0-9])?\b", 36, 38, 3.0,
        "Databricks docs, personal access tokens (dapi + 32 hex)"),
    tok("secret.jfrog.api_key", &["AKCp"], r"\bAKCp[A-Za-z0-9]{69}\b", 73, 73, E,
        "JFrog Artifactory docs, API keys (AKCp prefix)"),
    tok("secret.jfrog.reference_token", &["cmVmdGtuOjAx"], r"\bcmVmdGtuOjAx[A-Za-z0-9]{52}\b", 64, 64, E,
        "JFrog platform docs, reference tokens (base64 'reftkn:01')"),
    Def { back: 11, ..tok("secret.firebase.fcm_server_key", &[":APA91b"],
        r"\bAAAA[A-Za-z0-9_\-]{7}:APA91b[A-Za-z0-9_\-]{120,160}", 131, 171, E,
        "Firebase Cloud Messaging docs, legacy server keys (AAAA + 7, ':APA91b' + ~134; deprecated legacy HTTP API)") },
    Def { back: 14, ..tok("secret.terraform.api_token", &[".atlasv1."], r"\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_\-=]{60,70}\b", 80, 100, E,
        "HashiCorp Terraform Cloud docs, API tokens (<id>.atlasv1.<secret>)") },
    tok("secret.vault.service_token", &["hvs."], r"\bhvs\.[A-Za-z0-9_\-]{24}[A-Za-z0-9_\-]*", 28, 256, 3.5,
        "HashiCorp Vault docs, 'Tokens' (hvs. service token)"),
    tok("secret.vault.batch_token", &["hvb."], r"\bhvb\.[A-Za-z0-9_\-]{24}[A-Za-z0-9_\-]*", 28, 512, 3.5,
        "HashiCorp Vault docs, 'Tokens' (hvb. batch token)"),
    tok("secret.vault.recovery_token", &["hvr."], r"\bhvr\.[A-Za-z0-9_\-]{24}[A-Za-z0-9_\-]*", 28, 256, 3.5,
        "HashiCorp Vault docs, 'Tokens' (hvr. recovery token)"),
    ctx("secret.vault.legacy_token", &["vault"],
        r#"(?i:vault)[A-Za-z0-9_\-]*["']?[ \t]*(?:=|:=|:|=>|,)[ \t]*["']?(?P<s>s\.[A-Za-z0-9]{24})\b"#,
        0, 120, Check::Value, "HashiCorp Vault docs, 'Tokens' (pre-1.10 s. service token, in context)"),
    // A service token may carry its config's slug ("dp.st.prd.<token>").
    tok("secret.doppler.token", &["dp.pt.", "dp.st.", "dp.sa.", "dp.said.", "dp.ct.", "dp.scim.", "dp.audit."],
        r"\bdp\.(?:pt|sa|said|ct|scim|audit|st(?:\.[a-z0-9_\-]{2,35})?)\.[A-Za-z0-9]{40,44}\b", 46, 86, E,
        "Doppler docs, 'Auth Token Formats' (dp.pt., dp.st. with an optional config slug, dp.sa., dp.said., dp.ct., dp.scim., dp.audit.)"),
    tok("secret.circleci.api_token", &["CCIPAT_", "CCIPRJ_"],
        r"\bCCIP(?:AT|RJ)_[1-9A-HJ-NP-Za-km-z]{20,24}_[a-f0-9]{40}\b", 69, 72, E,
        "CircleCI changelog, 'New format for API access tokens' (CCIPAT_/CCIPRJ_ + base58 UUID + 40 hex)"),
    tok("secret.pulumi.access_token", &["pul-"], r"\bpul-[a-f0-9]{40}\b", 44, 44, E,
        "Pulumi docs, access tokens (pul- prefix)"),
    tok("secret.postman.api_key", &["PMAK-"], r"\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b", 64, 64, E,
        "Postman docs, 'Generate a Postman API key' (PMAK- prefix)"),
    tok("secret.grafana.cloud_token", &["glc_"], r"\bglc_[A-Za-z0-9+/]{32}[A-Za-z0-9+/]*={0,2}", 36, 400, 3.5,
        "Grafana Cloud docs, access policies tokens (glc_ prefix)"),
    tok("secret.grafana.service_account_token", &["glsa_"], r"\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}\b", 46, 46, E,
        "Grafana docs, service account tokens (glsa_ prefix)"),
    tok("secret.grafana.api_key", &["eyJrIjoi"], r"\beyJrIjoi[A-Za-z0-9]{60}[A-Za-z0-9]*={0,2}", 68, 400, 3.5,
        "Grafana docs, legacy API keys (base64 JSON starting {\"k\":)"),
    tok("secret.sourcegraph.access_token", &["sgp_"], r"\bsgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}\b", 44, 67, E,
        "Sourcegraph docs, access tokens (sgp_[instance_]<40 hex>)"),
    // Tokens issued before the sgp_ prefix: 40 hex characters, only after a Sourcegraph key name.
    ctx("secret.sourcegraph.access_token", &["sourcegraph"],
        r#"(?i:sourcegraph)[A-Za-z0-9_.\-]*["']?[ \t]*(?:=|:=|:|=>|,)[ \t]*["']?(?P<s>[0-9a-fA-F]{40})\b"#,
        0, 120, Check::Value, ""),
    tok("secret.sonarqube.token", &["squ_", "sqp_", "sqa_"], r"\b(?P<s>sq[upa]_[0-9a-f]{40})(?:[^A-Za-z0-9_\-]|$)", 44, 45, E,
        "SonarQube docs, 'Managing your tokens' (squ_ user, sqp_ project analysis, sqa_ global analysis + 40 hex)"),
    // `sonar.login` (SONAR_LOGIN) is the documented scanner property that carries a token.
    ctx("secret.sonarqube.token", &["sonar.login", "sonar_login", "sonar-login", "sonarlogin"],
        r#"(?i:sonar)[._\-]?(?i:login)["']?[ \t]*(?:=|:=|::=|:::=|\?=|:|=>|,)[ \t]*["'`]?(?P<s>[A-Za-z0-9_]{20,})"#,
        0, 200, Check::Value, ""),
    tok("secret.docker.access_token", &["dckr_pat_", "dckr_oat_"], r"\b(?P<s>dckr_(?:pat|oat)_[A-Za-z0-9_\-]{20}[A-Za-z0-9_\-]*)(?:[^A-Za-z0-9_\-]|$)", 29, 200, E,
        "Docker docs, 'Personal access tokens' and organization access tokens (dckr_pat_, dckr_oat_)"),
    tok("secret.supabase.access_token", &["sbp_", "sb_secret_"], r"\b(?P<s>sbp_[0-9a-f]{40}|sb_secret_[A-Za-z0-9_\-]{20}[A-Za-z0-9_\-]*)(?:[^A-Za-z0-9_\-]|$)", 30, 200, E,
        "Supabase docs, management API access tokens (sbp_ + 40 hex) and secret API keys (sb_secret_)"),
    tok("secret.tailscale.key", &["tskey-"], r"\b(?P<s>tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6}[A-Za-z0-9]*-[A-Za-z0-9]{20}[A-Za-z0-9]*)(?:[^A-Za-z0-9_\-]|$)", 40, 200, E,
        "Tailscale docs, auth keys, API access tokens and OAuth clients (tskey-auth-, tskey-api-, tskey-client-)"),
    tok("secret.buildkite.api_token", &["bkua_"], r"\b(?P<s>bkua_[0-9a-f]{40})(?:[^A-Za-z0-9_\-]|$)", 45, 46, E,
        "Buildkite docs, API access tokens (bkua_ + 40 hex)"),
    tok("secret.contentful.pat", &["CFPAT-"], r"\b(?P<s>CFPAT-[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)", 49, 50, E,
        "Contentful docs, content management personal access tokens (CFPAT- prefix)"),
    tok("secret.hubspot.private_app_token", &["pat-na", "pat-eu", "pat-ap"],
        r"\bpat-(?:na|eu|ap)[0-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", 44, 48, E,
        "HubSpot developer docs, private app access tokens (pat-<region>- + UUID)"),
    tok("secret.nuget.api_key", &["oy2"], r"\b(?P<s>oy2[a-z0-9]{43})(?:[^A-Za-z0-9_\-]|$)", 46, 47, E,
        "NuGet docs, 'Scoped API keys' (nuget.org API keys: oy2 + 43 characters)"),
    tok("secret.prefect.api_key", &["pnu_"], r"\bpnu_[A-Za-z0-9]{36}\b", 40, 40, E,
        "Prefect docs, API keys (pnu_ prefix)"),
    tok("secret.readme.api_key", &["rdme_"], r"\brdme_[a-z0-9]{70}\b", 75, 75, E,
        "ReadMe docs, API keys (rdme_ prefix)"),
    tok("secret.octopus.api_key", &["API-"], r"\bAPI-[A-Z0-9]{26}\b", 30, 30, E,
        "Octopus Deploy docs, 'How to create an API key' (API- + 26 characters)"),
    tok("secret.harness.pat", &["pat.", "sat."], r"\b(?:pat|sat)\.[A-Za-z0-9_\-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20}\b", 72, 72, E,
        "Harness docs, API keys and tokens (pat.<account>.<token>.<secret>)"),
    tok("secret.fly.access_token", &["fo1_"], r"\b(?P<s>fo1_[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)", 47, 48, E,
        "Fly.io docs, access tokens (fo1_ prefix)"),
    tok("secret.fly.macaroon", &["fm1a_", "fm1r_", "fm2_"], r"\b(?:FlyV1 )?fm[12][ar]?_[A-Za-z0-9+/=_\-]{100}[A-Za-z0-9+/=_\-,]*", 110, 4096, 3.5,
        "Fly.io docs, 'Access tokens' (FlyV1 fm2_ macaroons)"),
    tok("secret.openshift.user_token", &["sha256~"], r"\b(?P<s>sha256~[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)", 50, 51, E,
        "OpenShift docs, OAuth access tokens (sha256~ prefix)"),
    tok("secret.scalingo.api_token", &["tk-us-"], r"\b(?P<s>tk-us-[A-Za-z0-9_\-]{48})(?:[^A-Za-z0-9_\-]|$)", 54, 55, E,
        "Scalingo docs, API tokens (tk-us- prefix)"),
    tok("secret.planetscale.service_token", &["pscale_tkn_"], r"\bpscale_tkn_[A-Za-z0-9_\-.=]{32,64}\b", 43, 75, E,
        "PlanetScale docs, service tokens (pscale_tkn_)"),
    tok("secret.planetscale.oauth_token", &["pscale_oauth_"], r"\bpscale_oauth_[A-Za-z0-9_\-.=]{32,64}", 45, 77, E,
        "PlanetScale docs, OAuth tokens (pscale_oauth_)"),
    tok("secret.planetscale.password", &["pscale_pw_"], r"\bpscale_pw_[A-Za-z0-9_\-.=]{32,64}", 42, 74, E,
        "PlanetScale docs, database passwords (pscale_pw_)"),
    tok("secret.settlemint.token", &["sm_aat_", "sm_pat_", "sm_sat_"], r"\bsm_(?:aat|pat|sat)_[a-z0-9]{16}\b", 23, 23, E,
        "SettleMint docs, access tokens (sm_aat_, sm_pat_, sm_sat_)"),
    tok("secret.infracost.api_key", &["ico-"], r"\bico-[A-Za-z0-9]{32}\b", 36, 36, E,
        "Infracost docs, API keys (ico- prefix)"),
    tok("secret.defined_networking.api_token", &["dnkey-"], r"\bdnkey-[a-z0-9=_\-]{26}-[a-z0-9=_\-]{52}", 85, 85, E,
        "Defined Networking docs, API keys (dnkey- prefix)"),
    tok("secret.age.secret_key", &["AGE-SECRET-KEY-1"], r"\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b", 74, 74, 2.5,
        "age specification (C2SP), X25519 identity encoding (AGE-SECRET-KEY-1, Bech32)"),
    tok("secret.onepassword.service_account_token", &["ops_eyJ"], r"\bops_eyJ[A-Za-z0-9+/]{250}[A-Za-z0-9+/]*={0,3}", 254, 4096, 4.0,
        "1Password developer docs, service accounts (ops_ + base64 JSON)"),
    tok("secret.onepassword.secret_key", &["A3-"],
        r"\bA3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}\b", 37, 40, 3.0,
        "1Password support, 'About your Secret Key' (A3-XXXXXX-...)"),
    // ---------------------------------------------------------------- chat and collaboration
    Def { check: Check::TailEntropy(E), ..tok("secret.slack.bot_token", &["xoxb-"], r"\bxoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,34}\b", 30, 70, E,
        "Slack API docs, 'Token types' (xoxb- bot token)") },
    Def { check: Check::TailEntropy(E), ..tok("secret.slack.user_token", &["xoxp-", "xoxe-"], r"\bxox[pe]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{28,34}\b", 60, 100, E,
        "Slack API docs, 'Token types' (xoxp- user token)") },
    Def { check: Check::TailEntropy(E), ..tok("secret.slack.workspace_token", &["xoxa-", "xoxr-"], r"\bxox[ar]-(?:[0-9]-)?[0-9]{6,14}-[0-9]{6,14}-[0-9]{6,14}-[A-Za-z0-9]{10,34}\b", 40, 100, E,
        "Slack API docs, 'Token types' (xoxa- workspace access, xoxr- refresh)") },
    Def { check: Check::TailEntropy(E), ..tok("secret.slack.legacy_token", &["xoxo-", "xoxs-"], r"\bxox[os]-[0-9]{6,14}-[0-9]{6,14}(?:-[0-9]{6,14})?-[A-Za-z0-9]{10,64}\b", 30, 110, E,
        "Slack API docs, legacy tokens (xoxo-, xoxs-)") },
    tok("secret.slack.config_token", &["xoxe.xox"], r"\bxoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{100}[A-Za-z0-9]*", 110, 400, E,
        "Slack API docs, app configuration tokens (xoxe.xoxp-1-)"),
    tok("secret.slack.refresh_token", &["xoxe-1-"], r"\bxoxe-[0-9]-[A-Za-z0-9]{100}[A-Za-z0-9]*", 107, 400, E,
        "Slack API docs, token rotation refresh tokens (xoxe-1-)"),
    tok("secret.slack.app_token", &["xapp-"], r"\bxapp-[0-9]-[A-Z0-9]{6,14}-[0-9]{8,16}-[a-f0-9]{64}\b", 90, 110, E,
        "Slack API docs, app-level tokens (xapp-)"),
    tok("secret.slack.webhook_url", &["hooks.slack.com/"],
        r"hooks\.slack\.com/(?:services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}|services/[A-Za-z0-9+/]{40}[A-Za-z0-9+/]*|(?:workflows|triggers)/[A-Za-z0-9/]{20}[A-Za-z0-9/]*)", 40, 200, E,
        "Slack API docs, 'Sending messages using incoming webhooks' and workflow triggers"),
    Def { back: 10, ..tok("secret.discord.bot_token", &["MT", "Mj", "Mz", "ND", "NT", "Nj", "Nz", "OD", "OT"],
        r"\b(?P<s>[MNO][A-Za-z0-9_\-]{23,27}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,40})(?:[^A-Za-z0-9_\-]|$)", 59, 76, 3.5,
        "Discord developer docs, bot tokens (base64 user id . timestamp . HMAC)") }.with_check(Check::Discord),
    tok("secret.discord.webhook_url", &["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"],
        r"discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_\-]{60,68}", 90, 130, E,
        "Discord developer docs, 'Webhook resource' (webhook URL with id and token)"),
    Def { back: 17, ..tok("secret.telegram.bot_token", &[":A"], r"\b(?P<s>[0-9]{5,16}:A[A-Za-z0-9_\-]{34})(?:[^A-Za-z0-9_\-]|$)", 41, 53, 3.5,
        "Telegram Bot API docs, 'Authorizing your bot' (<bot id>:<35-character secret starting A>)") },
    Def { back: 72, ..tok("secret.microsoft.teams_webhook_url", &[".webhook.office.com/webhookb2/"],
        r"https://[a-z0-9\-]+\.webhook\.office\.com/webhookb2/[a-z0-9\-]{36}@[a-z0-9\-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9\-]{36}", 150, 260, E,
        "Microsoft Teams docs, 'Create incoming webhooks' (webhookb2 URL)") },
    tok("secret.linear.api_key", &["lin_api_"], r"\blin_api_[A-Za-z0-9]{40}\b", 48, 48, E,
        "Linear developer docs, personal API keys (lin_api_)"),
    tok("secret.linear.oauth_token", &["lin_oauth_"], r"\blin_oauth_[a-f0-9]{64}\b", 74, 74, E,
        "Linear developer docs, OAuth tokens (lin_oauth_)"),
    tok("secret.notion.integration_token", &["ntn_"], r"\bntn_[A-Za-z0-9]{46}\b", 50, 50, 3.5,
        "Notion developer docs, internal integration tokens (ntn_)"),
    tok("secret.notion.legacy_token", &["secret_"], r"\bsecret_[A-Za-z0-9]{43}\b", 50, 50, 4.0,
        "Notion developer docs, legacy integration tokens (secret_ + 43)"),
    tok("secret.atlassian.api_token", &["ATATT3"], r"\bATATT3[A-Za-z0-9_\-=]{180}[A-Za-z0-9_\-=]*", 186, 300, 4.0,
        "Atlassian support, 'Manage API tokens for your Atlassian account' (ATATT3 prefix)"),
    tok("secret.atlassian.admin_api_key", &["ATCTT3"], r"\bATCTT3[A-Za-z0-9_\-=]{180}[A-Za-z0-9_\-=]*", 186, 300, 4.0,
        "Atlassian admin docs, organization API keys (ATCTT3 prefix)"),
    tok("secret.figma.pat", &["figd_"], r"\b(?P<s>figd_[A-Za-z0-9_\-]{40})(?:[^A-Za-z0-9_\-]|$)", 45, 46, E,
        "Figma developer docs, personal access tokens (figd_)"),
    tok("secret.dropbox.access_token", &["sl."], r"\bsl\.[A-Za-z0-9_\-]{130}[A-Za-z0-9_\-]*", 133, 1400, 4.0,
        "Dropbox developer docs, short-lived access tokens (sl. prefix)"),
    tok("secret.mapbox.secret_token", &["sk.eyJ"], r"\bsk\.eyJ[A-Za-z0-9_\-]{20}[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]{20,}", 50, 300, 4.0,
        "Mapbox docs, 'Access tokens' (secret tokens start sk.eyJ)"),
    tok("secret.typeform.pat", &["tfp_"], r"\btfp_[A-Za-z0-9_\-=.]{59}", 63, 63, E,
        "Typeform developer docs, personal access tokens (tfp_)"),
    tok("secret.frameio.api_token", &["fio-u-"], r"\bfio-u-[A-Za-z0-9_\-=]{64}\b", 70, 70, E,
        "Frame.io developer docs, developer tokens (fio-u-)"),
    // ---------------------------------------------------------------- payments and commerce
    tok("secret.stripe.secret_key", &["sk_live_", "sk_test_", "sk_prod_"], r"\bsk_(?:live|test|prod)_[A-Za-z0-9]{20}[A-Za-z0-9]*", 28, 255, E,
        "Stripe docs, 'API keys' (sk_live_, sk_test_ secret keys)"),
    tok("secret.stripe.restricted_key", &["rk_live_", "rk_test_", "rk_prod_"], r"\brk_(?:live|test|prod)_[A-Za-z0-9]{20}[A-Za-z0-9]*", 28, 255, E,
        "Stripe docs, 'Restricted API keys' (rk_live_, rk_test_)"),
    tok("secret.stripe.webhook_secret", &["whsec_"], r"\bwhsec_[A-Za-z0-9+/=]{32}[A-Za-z0-9+/=]*", 38, 120, E,
        "Stripe docs, 'Check webhook signatures' (whsec_ signing secret)"),
    tok("secret.shopify.access_token", &["shpat_"], r"\bshpat_[a-fA-F0-9]{32}\b", 38, 38, E,
        "Shopify dev docs, access tokens (shpat_ admin API access token)"),
    tok("secret.shopify.shared_secret", &["shpss_"], r"\bshpss_[a-fA-F0-9]{32}\b", 38, 38, E,
        "Shopify dev docs, app shared secrets (shpss_)"),
    tok("secret.shopify.custom_app_token", &["shpca_"], r"\bshpca_[a-fA-F0-9]{32}\b", 38, 38, E,
        "Shopify dev docs, custom app access tokens (shpca_)"),
    tok("secret.shopify.private_app_token", &["shppa_"], r"\bshppa_[a-fA-F0-9]{32}\b", 38, 38, E,
        "Shopify dev docs, private app passwords (shppa_)"),
    tok("secret.square.access_token", &["sq0atp-", "EAAA"], r"\b(?:sq0atp-[A-Za-z0-9_\-]{22}|EAAA[A-Za-z0-9_\-]{60})\b", 29, 64, E,
        "Square developer docs, access tokens (EAAA production, legacy sq0atp-)"),
    tok("secret.square.oauth_secret", &["sq0csp-"], r"\b(?P<s>sq0csp-[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)", 50, 51, E,
        "Square developer docs, application secrets (sq0csp-)"),
    tok("secret.braintree.access_token", &["access_token$production$", "access_token$sandbox$"],
        r"access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}", 70, 80, 3.0,
        "PayPal/Braintree docs, access tokens (access_token$production$<merchant>$<secret>)"),
    tok("secret.flutterwave.secret_key", &["FLWSECK"], r"\bFLWSECK(?:_TEST)?-[a-h0-9]{32}-X\b", 42, 47, 3.0,
        "Flutterwave docs, API keys (FLWSECK- / FLWSECK_TEST- secret keys)"),
    tok("secret.flutterwave.encryption_key", &["FLWSECK"], r"\bFLWSECK(?:_TEST)?-?[a-f0-9]{12}\b", 19, 25, 3.0,
        "Flutterwave docs, encryption keys (FLWSECK_TEST + 12 hex)"),
    Def { digits: 15, cluster_needs: b"|", back: 2, digit_run: 15, ..tok("secret.facebook.app_access_token", &[], r"\b(?P<s>[0-9]{15,16}\|[A-Za-z0-9_\-]{27})(?:[^A-Za-z0-9_\-]|$)", 43, 45, 3.0,
        "Meta for Developers, 'Access tokens', app access tokens ({app-id}|{app-secret})") },
    tok("secret.easypost.api_key", &["EZAK", "EZTK"], r"\bEZ[AT]K[A-Za-z0-9]{54}\b", 58, 58, E,
        "EasyPost docs, API keys (EZAK production, EZTK test)"),
    tok("secret.shippo.api_token", &["shippo_live_", "shippo_test_"], r"\bshippo_(?:live|test)_[a-f0-9]{40}\b", 52, 52, E,
        "Shippo docs, API tokens (shippo_live_, shippo_test_)"),
    tok("secret.duffel.api_token", &["duffel_live_", "duffel_test_"], r"\bduffel_(?:live|test)_[A-Za-z0-9_\-=]{43}\b", 55, 55, E,
        "Duffel docs, access tokens (duffel_live_, duffel_test_)"),
    tok("secret.facebook.access_token", &["EAA"], r"\bEAA[A-Za-z0-9]{100}[A-Za-z0-9]*", 103, 512, 4.0,
        "Meta for Developers, 'Access tokens' (EAA prefix)"),
    // ---------------------------------------------------------------- messaging, email, monitoring
    tok("secret.twilio.api_key", &["SK"], r"\bSK[0-9a-fA-F]{32}\b", 34, 34, 3.0,
        "Twilio docs, 'API keys' (API key SID: SK + 32 hex)"),
    ctx("secret.twilio.auth_token", &["twilio"],
        r#"(?i:twilio)[A-Za-z0-9_\-]*(?i:auth|token|secret)[A-Za-z0-9_\-]*["']?[ \t]*(?:=|:=|:|=>|,)[ \t]*["']?(?P<s>[0-9a-f]{32})\b"#,
        0, 120, Check::Entropy(3.0), "Twilio docs, 'Auth tokens' (32 hex, paired with an AC account SID)"),
    tok("secret.sendgrid.api_key", &["SG."], r"\b(?P<s>SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)", 69, 70, E,
        "Twilio SendGrid docs, 'API keys' (SG.<22>.<43>)"),
    tok("secret.sendinblue.api_key", &["xkeysib-", "xsmtpsib-"], r"\bx(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}\b", 89, 90, E,
        "Brevo (Sendinblue) docs, API keys (xkeysib-) and SMTP keys (xsmtpsib-)"),
    tok("secret.mailgun.api_key", &["key-"], r"\bkey-[0-9a-f]{32}\b", 36, 36, 3.0,
        "Mailgun docs, API keys (key- + 32 hex)"),
    tok("secret.mailgun.public_key", &["pubkey-"], r"\bpubkey-[0-9a-f]{32}\b", 39, 39, 3.0,
        "Mailgun docs, public validation keys (pubkey- + 32 hex)"),
    Def { back: 33, ..tok("secret.mailchimp.api_key", &["-us"], r"\b[0-9a-f]{32}-us[0-9]{1,2}\b", 36, 37, 3.0,
        "Mailchimp Marketing API docs, API keys (<32 hex>-us<dc>)") },
    ctx("secret.datadog.api_key", &["datadog", "dd_api_key", "dd_app_key", "dd-api-key", "dd-application-key"],
        r#"(?i:datadog|dd[_\-](?:api|app|application)[_\-]?key)[A-Za-z0-9_\-]*["']?[ \t]*(?:=|:=|:|=>|,)[ \t]*["']?(?P<s>[a-f0-9]{40}|[a-f0-9]{32})\b"#,
        0, 120, Check::Entropy(3.0), "Datadog docs, 'API and application keys' (32 / 40 hex)"),
    tok("secret.newrelic.user_api_key", &["NRAK-"], r"\bNRAK-[A-Z0-9]{27}\b", 32, 32, E,
        "New Relic docs, 'New Relic API keys' (NRAK- user key)"),
    tok("secret.newrelic.insert_key", &["NRII-"], r"\b(?P<s>NRII-[A-Za-z0-9_\-]{32})(?:[^A-Za-z0-9_\-]|$)", 37, 38, E,
        "New Relic docs, insert keys (NRII-)"),
    tok("secret.newrelic.browser_key", &["NRJS-"], r"\bNRJS-[a-f0-9]{19}\b", 24, 24, 3.0,
        "New Relic docs, browser keys (NRJS-)"),
    Def { back: 36, ..tok("secret.newrelic.license_key", &["NRAL"], r"\b[a-f0-9]{36}NRAL\b", 40, 40, 3.0,
        "New Relic docs, license keys (40 characters ending NRAL)") },
    tok("secret.sentry.user_token", &["sntryu_"], r"\bsntryu_[a-f0-9]{64}\b", 71, 71, 3.2,
        "Sentry docs, user auth tokens (sntryu_)"),
    tok("secret.sentry.org_token", &["sntrys_eyJ"], r"\bsntrys_eyJ[A-Za-z0-9+/=]{60}[A-Za-z0-9+/=]*_[A-Za-z0-9+/]{43}\b", 110, 1024, 4.0,
        "Sentry docs, organization auth tokens (sntrys_ + base64 JSON + _ + secret)"),
    Def { assign: false, anchored: false, back: 60, ..ctx("secret.sentry.dsn", &["sentry.io/"],
        r"https?://(?P<s>[0-9a-f]{32})(?::[0-9a-f]{32})?@(?:o[0-9]+\.)?(?:ingest\.)?(?:[a-z]{2}\.)?sentry\.io/[0-9]+",
        0, 160, Check::Entropy(3.0), "Sentry docs, 'Data Source Name' (public key in the DSN)") },
    tok("secret.dynatrace.api_token", &["dt0c01."], r"\bdt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}\b", 96, 96, E,
        "Dynatrace docs, 'Access tokens' (dt0c01.<public>.<secret>)"),
    ctx("secret.sumologic.access_id", &["sumo"],
        r#"(?:[Ss]umo|SUMO)(?:[Ll]ogic|LOGIC)?(?:[_.\-A-Z][A-Za-z0-9_.\-]*)?["']?[ \t]*(?:=|:=|:|=>|,)[ \t]*["']?(?P<s>su[A-Za-z0-9]{12})\b"#,
        0, 120, Check::Value, "Sumo Logic docs, 'Access Keys' (access ID: su + 12 characters, after a Sumo Logic key name)"),
    tok("secret.adobe.client_secret", &["p8e-"], r"\b(?P<s>p8e-[A-Za-z0-9]{32})(?:[^A-Za-z0-9_\-]|$)", 36, 37, E,
        "Adobe Developer Console docs, OAuth server-to-server credentials (client secret, p8e- prefix)"),
    ctx("secret.okta.api_token", &["okta"],
        r#"(?i:okta)[A-Za-z0-9_\-]*["']?[ \t]*(?:=|:=|:|=>|,)[ \t]*["']?(?P<s>00[A-Za-z0-9_\-=]{40})\b"#,
        0, 120, Check::Value, "Okta developer docs, API tokens (00 + 40 characters)"),
    tok("secret.launchdarkly.access_token", &["api-", "sdk-", "mob-"],
        r"\b(?:api|sdk|mob)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\b", 40, 40, 3.0,
        "LaunchDarkly docs, API access tokens and SDK keys (api-/sdk-/mob- + UUID)"),
    tok("secret.intra42.client_secret", &["s-s4t2"], r"\bs-s4t2(?:ud|af)-[a-f0-9]{64}\b", 73, 73, 3.0,
        "42 intra API docs, application secrets (s-s4t2ud-, s-s4t2af-)"),
    // ---------------------------------------------------------------- AI providers
    // The prefixes are distinctive enough that the inner structure of issued keys (the
    // 'T3BlbkFJ' marker, Anthropic's length and 'AA' ending) is not required: a key retyped,
    // cut or made by another generator is still a key.
    tok("secret.openai.project_key", &["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-None-"],
        r"\bsk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\-]{32}[A-Za-z0-9_\-]*", 40, 400, E,
        "OpenAI platform docs, API keys (sk-proj-, sk-svcacct-, sk-admin-; issued keys hold 'T3BlbkFJ')"),
    tok("secret.openai.legacy_key", &["sk-"], r"\bsk-[A-Za-z0-9]{48}\b", 51, 51, E,
        "OpenAI platform docs, legacy user API keys (sk- + 48; issued keys hold 'T3BlbkFJ' after 20)"),
    tok("secret.anthropic.api_key", &["sk-ant-api03-"], r"\bsk-ant-api03-[A-Za-z0-9_\-]{32}[A-Za-z0-9_\-]*", 45, 200, E,
        "Anthropic docs, API keys (sk-ant-api03-; issued keys are 108 characters ending AA)"),
    tok("secret.anthropic.admin_key", &["sk-ant-admin01-"], r"\bsk-ant-admin01-[A-Za-z0-9_\-]{32}[A-Za-z0-9_\-]*", 47, 200, E,
        "Anthropic docs, Admin API keys (sk-ant-admin01-)"),
    tok("secret.anthropic.oauth_token", &["sk-ant-oat01-", "sk-ant-ort01-"], r"\bsk-ant-o[ar]t01-[A-Za-z0-9_\-]{80}[A-Za-z0-9_\-]*", 93, 200, E,
        "Anthropic docs, OAuth access/refresh tokens (sk-ant-oat01-, sk-ant-ort01-)"),
    tok("secret.huggingface.access_token", &["hf_"], r"\bhf_[A-Za-z0-9]{34}\b", 37, 37, 3.5,
        "Hugging Face docs, 'User access tokens' (hf_ + 34)"),
    tok("secret.huggingface.org_token", &["api_org_"], r"\bapi_org_[A-Za-z0-9]{34}\b", 42, 42, 3.5,
        "Hugging Face docs, organization API tokens (api_org_)"),
    tok("secret.groq.api_key", &["gsk_"], r"\bgsk_[A-Za-z0-9]{52}\b", 56, 56, E,
        "GroqCloud docs, API keys (gsk_)"),
    tok("secret.replicate.api_token", &["r8_"], r"\br8_[A-Za-z0-9]{37}\b", 40, 40, E,
        "Replicate docs, API tokens (r8_)"),
    tok("secret.langfuse.secret_key", &["sk-lf-"], r"\bsk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", 42, 42, E,
        "Langfuse docs, API keys (secret key sk-lf- + UUID; the pk-lf- public key is not a secret)"),
    tok("secret.pinecone.api_key", &["pcsk_"], r"\b(?P<s>pcsk_[A-Za-z0-9_]{40}[A-Za-z0-9_]*)(?:[^A-Za-z0-9_\-]|$)", 45, 200, E,
        "Pinecone docs, 'Manage API keys' (pcsk_ prefix)"),
    tok("secret.tavily.api_key", &["tvly-"], r"\b(?P<s>tvly-[A-Za-z0-9_\-]{24}[A-Za-z0-9_\-]*)(?:[^A-Za-z0-9_\-]|$)", 29, 200, E,
        "Tavily docs, API keys (tvly- prefix)"),
    tok("secret.openrouter.api_key", &["sk-or-v1-"], r"\b(?P<s>sk-or-v1-[0-9a-f]{64})(?:[^A-Za-z0-9_\-]|$)", 73, 74, E,
        "OpenRouter docs, API keys (sk-or-v1- + 64 hex)"),
    tok("secret.perplexity.api_key", &["pplx-"], r"\bpplx-[A-Za-z0-9]{48}\b", 53, 53, E,
        "Perplexity docs, API keys (pplx-)"),
    tok("secret.xai.api_key", &["xai-"], r"\bxai-[A-Za-z0-9]{80}\b", 84, 84, E,
        "xAI docs, API keys (xai-)"),
    tok("secret.nvidia.api_key", &["nvapi-"], r"\b(?P<s>nvapi-[A-Za-z0-9_\-]{64})(?:[^A-Za-z0-9_\-]|$)", 70, 71, E,
        "NVIDIA NGC / build.nvidia.com docs, API keys (nvapi-)"),
    tok("secret.deepseek.api_key", &["sk-"], r"\bsk-[0-9a-f]{32}\b", 35, 35, E,
        "DeepSeek platform docs, API keys (sk- + 32 lower-case hex; Alibaba DashScope keys share the shape)"),
    tok("secret.cerebras.api_key", &["csk-"], r"\bcsk-[a-z0-9]{48}\b", 52, 52, E,
        "Cerebras inference docs, API keys (csk-)"),
    tok("secret.elevenlabs.api_key", &["sk_"], r"\bsk_[0-9a-f]{48}\b", 51, 51, E,
        "ElevenLabs docs, API keys (sk_ + 48 hex)"),
    tok("secret.cartesia.api_key", &["sk_car_"], r"\b(?P<s>sk_car_[A-Za-z0-9_]{20})(?:[^A-Za-z0-9_\-]|$)", 27, 28, E,
        "Cartesia docs, API keys (sk_car_)"),
    tok("secret.cursor.api_key", &["key_"], r"\bkey_[0-9a-f]{64}\b", 68, 68, E,
        "Cursor docs, Admin/Integrations API keys (key_ + 64 hex)"),
    tok("secret.posthog.personal_api_key", &["phx_"], r"\b(?P<s>phx_[A-Za-z0-9_\-]{47})(?:[^A-Za-z0-9_\-]|$)", 51, 52, E,
        "PostHog docs, personal API keys (phx_; the phc_ project key is public by design)"),
    tok("secret.resend.api_key", &["re_"], r"\bre_[1-9A-HJ-NP-Za-km-z]{8}_[1-9A-HJ-NP-Za-km-z]{24}\b", 36, 36, E,
        "Resend docs, API keys (re_ + two base58 parts)"),
    tok("secret.neon.api_key", &["napi_"], r"\bnapi_[A-Za-z0-9]{64}\b", 69, 69, E,
        "Neon docs, API keys (napi_)"),
    tok("secret.render.api_key", &["rnd_"], r"\brnd_[A-Za-z0-9]{28}\b", 32, 32, E,
        "Render docs, API keys (rnd_)"),
    tok("secret.langsmith.api_key", &["lsv2_pt_", "lsv2_sk_"], r"\blsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}\b", 51, 51, 3.0,
        "LangSmith docs, API keys (lsv2_pt_, lsv2_sk_)"),
    ctx("secret.cohere.api_key", &["cohere", "co_api_key"],
        r#"(?i:cohere|co_api_key)[A-Za-z0-9_\-]*["']?[ \t]*(?:=|:=|:|=>|,)[ \t]*["']?(?P<s>[A-Za-z0-9]{40})\b"#,
        0, 120, Check::Value, "Cohere docs, API keys (40 characters, in context)"),
    ctx("secret.mistral.api_key", &["mistral"],
        r#"(?i:mistral)[A-Za-z0-9_\-]*["']?[ \t]*(?:=|:=|:|=>|,)[ \t]*["']?(?P<s>[A-Za-z0-9]{32})\b"#,
        0, 120, Check::Value, "Mistral AI docs, API keys (32 characters, in context)"),
    // ---------------------------------------------------------------- structural formats
    Def { back: 0, ..tok("secret.jwt", &["eyJ"],
        r"\beyJ[A-Za-z0-9_\-]{10}[A-Za-z0-9_\-]*\.eyJ[A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]*)?", 30, 8192, 0.0,
        "RFC 7519 (JWT) and RFC 7515 (JWS compact serialisation)") }.with_check(Check::Jwt),
    tok("secret.pem.private_key", &["-----BEGIN "],
        r"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP|SSH2 ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP|SSH2 ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----",
        60, 16384, 0.0, "RFC 7468 (PEM textual encodings), RFC 4880 (OpenPGP armor)").with_check(Check::Pem),
    tok("secret.pem.private_key", &["-----BEGIN "],
        r"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP|SSH2 ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s]|\\[nr])*",
        60, 16384, 0.0, "").with_check(Check::Pem),
    // The same keys base64-encoded whole, as kubeconfig `client-key-data`, Helm values and
    // Secret data carry them: the encoding of each header is fixed, so it is a literal prefix.
    // (One short anchor, `-----BEGIN` encoded: the stream re-reads as many bytes of old text
    // as the longest anchor has, so the six full headers are left to the regex.)
    tok("secret.pem.private_key_base64", &["LS0tLS1CRUdJTi"],
        r"LS0tLS1CRUdJTiB(?:SU0EgUFJJVkFURSBLRVktLS0t|QUklWQVRFIEtFWS0tLS0t|FQyBQUklWQVRFIEtFWS0tLS0t|PUEVOU1NIIFBSSVZBVEUgS0VZLS0t|EU0EgUFJJVkFURSBLRVktLS0t|FTkNSWVBURUQgUFJJVkFURSBLRVktLS0t)[A-Za-z0-9+/]{64,}={0,2}",
        100, 16384, 3.0, "RFC 7468 PEM private key headers, base64-encoded (RFC 4648); Kubernetes docs, kubeconfig client-key-data"),
    // PuTTY's own key file: the private part is the base64 lines after `Private-Lines: N`, up to
    // the `Private-MAC:` line that always follows them (so a stream holds the key until then).
    Def { check: Check::Entropy(3.0), assign: false, anchored: false, word_start: false, ..ctx("secret.putty.private_key", &["Private-Lines:"],
        r"Private-Lines:[ \t]*[0-9]{1,3}\r?\n(?P<s>[A-Za-z0-9+/=]{16,}(?:\r?\n[A-Za-z0-9+/=]{1,128}){0,64})\r?\nPrivate-(?:MAC|Hash):",
        0, 12288, Check::Entropy(3.0), "PuTTY manual, appendix C (PPK file format: Private-Lines)") },
    // `.netrc`: `machine HOST login USER password PASS`, on one line or several. Run anchored
    // at the word `machine` (`^`: one try there, not a search of the window after it, since
    // "machine" is common in prose).
    Def { assign: false, back: 0, ..ctx("secret.netrc.password", &["machine"],
        r"^machine[ \t]+[^\s]+(?:\s+(?:login|account|port)[ \t]+[^\s]+){0,3}\s+password[ \t]+(?P<s>[^\s]{3,})",
        0, 400, Check::UrlPassword, "GNU inetutils and curl manuals, the .netrc file (machine, login, password)") },
    // Database and remote-shell clients given the password on the command line: `mysql -pPASS`
    // (no space, per the MySQL manual), `sshpass -p PASS`, OpenLDAP's `-w PASS`.
    Def { assign: false, back: 0, ..ctx("secret.generic.cli_flag", &["mysql", "mariadb"],
        r#"^(?:mysql|mysqldump|mysqladmin|mysqlimport|mariadb|mariadb-dump)\b[^\n|;&]{0,200}?[ \t]-p["']?(?P<s>[^\s"'$]{4,})"#,
        0, 320, Check::UrlPassword, "MySQL manual, --password / -p (the password follows -p with no space)") },
    Def { assign: false, back: 0, ..ctx("secret.generic.cli_flag", &["sshpass", "ldapsearch", "ldapmodify", "ldapadd", "ldapdelete", "ldappasswd", "ldapwhoami"],
        r#"^(?:sshpass[ \t]+-p|ldap(?:search|modify|add|delete|passwd|whoami)\b[^\n|;&]{0,200}?[ \t]-w)[ \t]*["']?(?P<s>[^\s"'$]{4,})"#,
        0, 320, Check::UrlPassword, "sshpass(1) -p; OpenLDAP ldapsearch(1) -w passwd") },
    Def { assign: false, anchored: false, back: 24, ..ctx("secret.url.database_password", &["://"],
        r#"(?i:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb|couchdb|neo4j(?:\+s)?|ldaps?|s?ftp|smtps?|jdbc:[a-z]+)://[^\s:/@'"`<>]*:(?P<s>[^\s/@'"`<>]{3,})@[A-Za-z0-9_.\-\[\]]+"#,
        0, 512, Check::UrlPassword, "RFC 3986 userinfo in database connection URIs (PostgreSQL, MySQL, MongoDB, Redis, AMQP docs)") },
    Def { assign: false, anchored: false, back: 26, ..ctx("secret.url.basic_auth", &["://"],
        r#"(?i:[a-z][a-z0-9+.\-]{1,24})://[^\s:/@'"`<>]+:(?P<s>[^\s/@'"`<>]{3,})@[A-Za-z0-9_.\-]+"#,
        0, 512, Check::UrlPassword, "RFC 3986 userinfo (user:password@host) in URLs of any scheme (http, git, cloudinary, ...)") },
    ctx("secret.http.authorization", &["authorization"],
        r#"(?i:authorization)["']?[ \t]*[:=][ \t]*["']?(?:[A-Za-z][A-Za-z0-9\-]{1,20}[ \t]+)?(?P<s>[A-Za-z0-9_\-.=+/~]{16,})"#,
        0, 4096, Check::Value, "RFC 9110 Authorization header (RFC 6750 bearer, RFC 7617 basic)"),
    // RFC 7617: the Basic credential is base64("user:password"); an API key sent as the user name
    // with an empty password (`key:`) encodes to as few as 8 characters.
    ctx("secret.http.authorization", &["authorization"],
        r#"(?i:authorization)["']?[ \t]*[:=][ \t]*["']?(?i:basic)[ \t]+(?P<s>[A-Za-z0-9+/]{7,}={0,2})"#,
        0, 4096, Check::Value, ""),
    // A .NET application setting whose key names a credential (`<add key="StripeApiKey"
    // value="..." />`): the key and the value are attributes, so no assignment operator follows
    // the keyword.
    Def { assign: false, anchored: false, word_start: false, tier: 2, ..ctx("secret.dotnet.app_setting", &["<add"],
        r#"<add[ \t]+key="(?i:[A-Za-z0-9_.:\-]*(?:passw(?:or)?d|pwd|secret|token|api[_.\-]?key|apikey|access[_.\-]?key|private[_.\-]?key|credential|key)[A-Za-z0-9_.:\-]*)"[ \t]+value="(?P<s>[^"<>]{8,256})""#,
        0, 400, Check::Value,
        "Microsoft docs, 'appSettings element' of .NET configuration files (add key/value)") },
    Def { assign: false, anchored: false, back: 24, ..ctx("secret.nuget.cleartext_password", &["\"cleartextpassword\"", "key=\"password\""],
        r#"<add[ \t]+key="(?i:(?:ClearText)?Password)"[ \t]+value="(?P<s>[^"<>]{3,256})""#,
        0, 320, Check::UrlPassword,
        "NuGet docs, 'nuget.config reference', packageSourceCredentials ClearTextPassword (and Password, encrypted)") },
    Def { assign: false, anchored: false, back: 8, ..ctx("secret.curl.user_password", &["-u", "--user"],
        r#"(?:^|\s)(?:-u|--user)[ =]*["']?[^\s"':$]*["']?:["']?(?P<s>[^\s"'$]{4,})"#,
        0, 300, Check::UrlPassword, "curl manual, -u/--user <user:password> (the password is reported: a user name quoted apart is released before it)") },
    // `-u key:` (user name, empty password) is how APIs that take the key as the user name are
    // called (curl manual, -u; Stripe and Mailgun docs use this form): the user part is the key.
    Def { assign: false, anchored: false, back: 8, ..ctx("secret.curl.user_password", &["-u", "--user"],
        r#"(?:^|\s)(?:-u|--user)[ =]*["']?(?P<s>[^\s"':$]{8,}):["']?(?:\s|$)"#,
        0, 300, Check::Value, "") },
    // A command-line flag naming a credential, then a space and its value
    // (`--api-key VALUE`, `--password VALUE`): the POSIX/GNU long-option form of an assignment.
    Def { assign: false, anchored: false, word_start: false, back: 48, ..ctx("secret.generic.cli_flag",
        &["-password", "-passwd", "-passphrase", "-token", "-secret", "-api-key", "-apikey", "-access-key", "-private-key", "-auth-key"],
        r#"(?:^|[\s"'`(\[])--?[A-Za-z0-9_\-]{0,40}?(?i:passw(?:or)?d|passphrase|token|secret|secret-?key|api-?key|access-?key|private-?key|auth-?key)[ \t]+["']?(?P<s>[A-Za-z0-9_+=!@#%^&*?|][A-Za-z0-9_\-+/=.~:!@#%^&*?|]{7,})"#,
        0, 600, Check::Value,
        "POSIX utility conventions and GNU long options (--name value): a flag naming a credential") },
    Def { back: 64, word_start: false, ..ctx("secret.generic.assignment",
        &["pass", "pwd", "_pw", "pw_", "secret", "token", "key", "auth", "credential"],
        ASSIGN, 0, 4096, Check::Value,
        "Keyword assignments in code and configuration (key = value, \"key\": \"value\", key: value)") },
    // After the assignment rule: where both read the same value, the assignment's id is kept.
    Def { assign: false, word_start: false, ..ctx("secret.generic.statement",
        // `pass`, `secret`, `token`, `credential` are the assignment rule's anchors too: shared,
        // they cost the anchor search nothing more.
        &["pass", "kennwort", "secret", "token", "credential",
          "api key", "api-key", "api_key", "apikey", "access key", "access_key", "access-key", "accesskey",
          "private key", "private_key", "private-key", "license key", "licence key",
          "encryption key", "signing key", "master key", "mot de passe", "contraseña", "contrasena", "senha"],
        STATED, 0, 200, Check::Stated,
        "A credential stated in a sentence (the API key is <value>, password was set to <value>, use the token <value>)") },
    // ---------------------------------------------------------------- PII
    Def { shape: Shape::Chain(13), ..pii("pii.credit_card", &[], 13, r"\b[0-9](?:[ \-]?[0-9]){12,18}\b", 2, 40, Check::Luhn,
        "ISO/IEC 7812 (PAN length 13-19, Luhn check digit)") },
    Def { shape: Shape::UpperUpperDigitDigit, ..pii("pii.iban", &[], 7, r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\b", 16, 50, Check::Iban,
        "ISO 13616 (IBAN structure, per-country length, ISO 7064 mod 97-10)") },
    Def { digit_run: 4, shape: groups(&[&[G3, G2, G4]]), ..pii("pii.us_ssn", &[], 9, r"\b[0-9]{3}[ \-.][0-9]{2}[ \-.][0-9]{4}\b", 2, 11, Check::Ssn,
        "SSA, 'Social Security Number randomization' (area/group/serial rules)") },
    // Nine bare digits are an SSN only after its name (`SSN: 536225361`, `my social security
    // number is ...`); alone they are any number.
    Def { min: 9, digit_run: 9, word_start: true, ..pii("pii.us_ssn", &["ssn", "social security"], 0,
        r"(?i:\bssns?\b|social security)[^0-9\n]{0,40}?\b(?P<s>[0-9]{9})\b", 0, 70, Check::Ssn, "") },
    // A payment card's security code after its name: PCI DSS forbids keeping it once a payment
    // is authorised, so it has no place in an answer.
    Def { min: 3, digit_run: 3, word_start: true, ..pii("pii.card_security_code",
        &["cvv", "cvc", "card security code", "card verification"], 0,
        r"(?i:\bcvv2?\b|\bcvc2?\b|card security code|card verification (?:value|code))[^0-9\n]{0,20}?\b(?P<s>[0-9]{3,4})\b",
        0, 60, Check::None,
        "PCI DSS, card verification code (CVV2, CVC2: 3 digits; American Express CID: 4), after its name") },
    Def { digits: 0, min: 6, anchored: true, ..pii("pii.email", &["@"], 0,
        r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+",
        64, 320, Check::Email, "RFC 5321/5322 addr-spec (dot-atom subset), RFC 1035 labels") },
    // A phone match loses to a checksum-validated identifier over the same digits.
    Def { tier: 3, shape: PHONE, ..pii("pii.phone", &[], 7, concat!(
        r"\+[1-9][0-9]{0,3}[ \-.]?(?:\([0-9]{1,4}\)[ \-.]?)?[0-9]{1,5}(?:[ \-.]?[0-9]{1,5}){1,5}\b",
        r"|(?:\b0[ \-]?)?\([0-9]{2,5}\)[ \-.]?[0-9]{2,5}[ \-.]?[0-9]{3,5}\b",
        r"|(?:\b0[ \-.])?\b[0-9]{3}[ \-.][0-9]{3}[ \-.][0-9]{2}[ \-.][0-9]{2}\b",
        r"|\b0[1-9](?:[ \-.][0-9]{2}){4}\b",
        r"|\b[0-9]{2,4}[\-. ][0-9]{3,4}[\-. ][0-9]{4}\b",
        r"|\b0[0-9]{1,4}[\-. ][0-9]{3}[\-. ]?[0-9]{2}[\-. ]?[0-9]{2}\b",
        r"|\b0[0-9]{1,3}-[0-9]{6,8}\b"),
        4, 32, Check::Phone,
        "ITU-T E.164 (+CC, at most 15 digits); national formats: (415) 555-0132, 3-3-4 (NANP), \
         3-3-2-2, 2-2-2-2-2, trunk-prefixed 0xx xxx xx xx, 0x-xxxxxxx, 0 + 9-10 digits") },
    // A bare digit string is a phone number only when a keyword says so.
    // Keywords in English and words for a mobile in other languages (Turkish `cep`, Spanish and
    // Portuguese `celular`/`móvil`, `GSM`; German `Handy` and French `portable` are English
    // words too and made the anchor pass slower on prose, so they are not keywords).
    Def { tier: 3, digit_run: 7, ..near("pii.phone", &["phone", "tel", "mobile", "cell", "call", "fax", "whatsapp", "contact", "cep", "gsm", "movil", "móvil", "celular"],
        r"(?i:phone|\btel|mobile|\bcell|\bcall|\bfax|whatsapp|contact|\bcep\b|\bgsm\b|\bm[oó]vil|celular)[^0-9\n]{0,30}?(?P<s>\+?\b[0-9]{7,15})\b", 70, IdKind::Phone, "") },
    // ---------------------------------------------------------------- national ids, accounts
    // Grouped forms with a strong checksum run on digit clusters alone; bare digit strings whose
    // checksum passes for 1 in 10 or 11 random numbers are only reported after their keyword.
    Def { digit_run: 4, shape: groups(&[&[G4, G4, (1, 1, false)]]), ..id("pii.aba_routing", 9, r"\b[0-9]{4}-[0-9]{4}-[0-9]\b", 2, 11, IdKind::AbaRouting,
        "ABA / Federal Reserve routing number policy (9 digits, weights 3-7-1 mod 10, prefix 00-12, 21-32, 61-72, 80)") },
    Def { digit_run: 4, ..near("pii.aba_routing", &["routing"], r"(?i:\brouting)[^0-9\n]{0,40}?\b(?P<s>[0-9]{9}|[0-9]{4}-[0-9]{4}-[0-9])\b",
        80, IdKind::AbaRouting, "") },
    Def { cs: true, digit_run: 4, ..near("pii.aba_routing", &["ABA", "RTN"], r"\b(?:ABA|RTN)\b[^0-9\n]{0,40}?\b(?P<s>[0-9]{9}|[0-9]{4}-[0-9]{4}-[0-9])\b",
        80, IdKind::AbaRouting, "") },
    Def { word_run: 26, ..near("pii.crypto.bitcoin", &["bitcoin", "btc", "wallet", "address", "crypto", "donat"],
        r"\b(?P<s>[13][1-9A-HJ-NP-Za-km-z]{25,34})\b", 200, IdKind::BitcoinBase58,
        "Bitcoin base58check addresses (P2PKH 0x00, P2SH 0x05; double SHA-256 checksum) and BIP 173 / BIP 350 segwit addresses (bech32, bech32m)") },
    // A wallet's private key, after a word about keys or wallets (a bare 51-52 character
    // base58 run is rare, but checking every such run would cost every text a scan).
    Def { kind: Kind::Secret, tier: 0, word_run: 51, ..near("secret.bitcoin.wif_private_key",
        &["wif", "private key", "privkey", "priv key", "secret key", "bitcoin", "btc", "wallet", "importprivkey", "sweep"],
        r"\b(?P<s>[59KLc][1-9A-HJ-NP-Za-km-z]{50,51})\b", 200, IdKind::BitcoinWif,
        "Bitcoin wiki, 'Wallet import format' (base58check of 0x80 or 0xEF, the 32-byte key, 0x01 if compressed)") },
    Def { word_run: 9, ..near("pii.crypto.bitcoin", &["bc1", "tb1"], r"\b(?P<s>(?:bc|tb|BC|TB)1[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87})\b",
        90, IdKind::BitcoinBech32, "") },
    Def { cs: true, word_run: 42, ..near("pii.crypto.ethereum", &["0x"], r"\b(?P<s>0x[0-9a-fA-F]{40})\b", 42, IdKind::Ethereum,
        "Ethereum Yellow Paper (20-byte account address, 0x + 40 hex)") },
    Def { digit_run: 4, shape: groups(&[&[G3, G2, G4]]), ..id("pii.us_itin", 9, r"\b9[0-9]{2}[ \-][5-9][0-9][ \-][0-9]{4}\b", 2, 11, IdKind::UsItin,
        "IRS, 'Individual Taxpayer Identification Number' (9XX-XX-XXXX, group 50-65, 70-88, 90-92, 94-99)") },
    Def { cs: true, digit_run: 9, ..near("pii.us_itin", &["ITIN"], r"\bITIN\b[^0-9\n]{0,40}?\b(?P<s>9[0-9]{8})\b", 60, IdKind::UsItin, "") },
    Def { digit_run: 9, ..near("pii.us_itin", &["taxpayer identification"], r"(?i:taxpayer identification)[^0-9\n]{0,40}?\b(?P<s>9[0-9]{8})\b", 80, IdKind::UsItin, "") },
    Def { digit_run: 4, shape: groups(&[&[G3, G3, G4]]), ..id("pii.uk_nhs", 10, r"\b[0-9]{3}[ \-][0-9]{3}[ \-][0-9]{4}\b", 2, 12, IdKind::UkNhs,
        "NHS Digital, NHS number (10 digits, weights 10..2, mod 11 check digit)") },
    Def { digit_run: 10, ..near("pii.uk_nhs", &["nhs"], r"(?i:\bnhs)[^0-9\n]{0,40}?\b(?P<s>[0-9]{10})\b", 60, IdKind::UkNhs, "") },
    // Spaced only after an upper-case prefix: a stream releases a word holding lower-case letters
    // ("ab ", "cl8415 ") before the digits after it arrive, so "ab 12 34 56 c" could not be
    // judged the same split and whole.
    Def { shape: Shape::Nino, ..id("pii.uk_nino", 6, r"\b(?:[A-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-Da-d]|[A-Za-z]{2}[0-9]{6}[A-Da-d])\b", 4, 13, IdKind::UkNino,
        "HMRC National Insurance Manual NIM39110 (prefix letters, 6 digits, suffix A-D)") },
    Def { digit_run: 3, shape: groups(&[&[G3, G3, G3]]), ..id("pii.ca_sin", 9, r"\b[0-9]{3}[ \-][0-9]{3}[ \-][0-9]{3}\b", 2, 11, IdKind::CaSin,
        "Employment and Social Development Canada, Social Insurance Number (9 digits, Luhn; 0 unused)") },
    Def { cs: true, digit_run: 9, ..near("pii.ca_sin", &["SIN", "NAS"], r"\b(?:SIN|NAS)\b[^0-9\n]{0,40}?\b(?P<s>[0-9]{9})\b", 60, IdKind::CaSin, "") },
    Def { digit_run: 9, ..near("pii.ca_sin", &["social insurance", "assurance sociale"],
        r"(?i:social insurance|assurance sociale)[^0-9\n]{0,40}?\b(?P<s>[0-9]{9})\b", 80, IdKind::CaSin, "") },
    Def { digit_run: 7, word_run: 7, ..id("pii.es_nif", 7, r"\b[XYZxyz]?[0-9]{7,8}[ \-]?[A-Za-z]\b", 2, 12, IdKind::EsNif,
        "Spain, Real Decreto 1553/2005 and Orden INT/2058/2008 (DNI/NIF and NIE control letter, mod 23)") },
    Def { glued: true, word_run: 16, ..id("pii.it_fiscal_code", 4,
        r"\b[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z]\b",
        16, 16, IdKind::ItFiscalCode, "Italy, DM 23/12/1976 (codice fiscale, control character)") },
    Def { digit_run: 4, shape: groups(&[&[G4, G4, G4]]), ..id("pii.in_aadhaar", 12, r"\b[2-9][0-9]{3}[ \-:][0-9]{4}[ \-:][0-9]{4}\b", 2, 14, IdKind::InAadhaar,
        "UIDAI, Aadhaar number (12 digits, first 2-9, Verhoeff check digit)") },
    Def { digit_run: 12, ..near("pii.in_aadhaar", &["aadhaar", "aadhar", "uidai"], r"(?i:aadhaa?r|uidai)[^0-9\n]{0,40}?\b(?P<s>[2-9][0-9]{11})\b",
        80, IdKind::InAadhaar, "") },
    Def { glued: true, word_run: 10, digit_run: 4, ..id("pii.in_pan", 4, r"\b[A-Z]{5}[0-9]{4}[A-Z]\b", 6, 10, IdKind::InPan,
        "Income Tax Department of India, PAN structure (AAAAA9999A, fourth letter the holder type)") },
    Def { word_run: 9, digit_run: 7, ..id("pii.sg_nric", 7, r"\b[STFGstfg][0-9]{7}[A-Za-z]\b", 2, 9, IdKind::SgNric,
        "Singapore ICA NRIC/FIN (S, T, F, G series; weights 2,7,6,5,4,3,2, check-letter tables)") },
    Def { digit_run: 3, ..near("pii.au_tfn", &["tfn", "tax file"], r"(?i:\btfn|\btax file)[^0-9\n]{0,40}?\b(?P<s>[0-9]{3}[ \-]?[0-9]{3}[ \-]?[0-9]{3})\b",
        80, IdKind::AuTfn, "Australian Taxation Office, tax file number (9 digits, weights 1,4,3,7,5,8,6,9,10 mod 11)") },
    Def { digit_run: 2, ..id("pii.au_abn", 11, r"\b[0-9]{2} [0-9]{3} [0-9]{3} [0-9]{3}\b|\b[0-9]{11}\b", 2, 14, IdKind::AuAbn,
        "Australian Business Register, 'ABN format' (11 digits, first minus 1, weights 10,1,3..19 mod 89)") },
    Def { digit_run: 5, ..id("pii.au_medicare", 10, r"\b[2-6][0-9]{3} [0-9]{5} [0-9](?:[ \-/][1-9])?\b", 2, 14, IdKind::AuMedicare,
        "Services Australia, Medicare card number (first 2-6, weights 1,3,7,9 mod 10, issue number)") },
    Def { digit_run: 10, ..near("pii.au_medicare", &["medicare"], r"(?i:medicare)[^0-9\n]{0,40}?\b(?P<s>[2-6][0-9]{9,10})\b", 80, IdKind::AuMedicare, "") },
    Def { digit_run: 11, ..id("pii.de_tax_id", 11, r"\b[1-9][0-9]{10}\b", 2, 11, IdKind::DeTaxId,
        "BZSt, Steuerliche Identifikationsnummer (11 digits, ISO 7064 MOD 11,10 check digit, one digit repeated 2-3 times)") },
    Def { digit_run: 2, ..near("pii.de_tax_id", &["steuer-id", "steuerid", "identifikationsnummer", "idnr", "steuer-idnr"],
        r"(?i:steuer-?id|identifikationsnummer|idnr)[^0-9\n]{0,40}?\b(?P<s>[1-9][0-9]{10}|[1-9][0-9] [0-9]{3} [0-9]{3} [0-9]{3})\b",
        80, IdKind::DeTaxIdInContext, "") },
    Def { digit_run: 8, ..near("pii.us_passport", &["passport", "travel document"],
        r"(?i:passport|travel document)[^0-9\n]{0,40}?\b(?P<s>[A-Za-z]?[0-9]{8,9})\b", 80, IdKind::KeywordNumber,
        "US Department of State, passport book/card numbers (9 digits, or a letter + 8 digits), only after a keyword") },
    near("pii.us_driver_license", &["driver", "driving"],
        r"(?i:\bdriv(?:er'?s?|ing)[ \-]?licen[cs]e)[^0-9\n]{0,40}?\b(?P<s>[A-Za-z]{0,3}[0-9](?:-?[0-9]){4,13})\b",
        100, IdKind::KeywordNumber,
        "AAMVA DL/ID card design standard (state formats: 1-3 letters and 5-14 digits), only after a keyword"),
    // ------------------------------------------------ national ids with check digits (default on)
    Def { digit_run: 6, ..id("pii.fi_hetu", 9, r"\b[0-9]{6}[\-+A-FU-Y][0-9]{3}[0-9A-Y]\b", 2, 11, IdKind::FiHetu,
        "Finnish Digital and Population Data Services Agency, personal identity code (DDMMYY, century sign, individual number 002-999, check character mod 31)") },
    Def { digit_run: 6, ..id("pii.kr_rrn", 13, r"\b[0-9]{6}-[0-9]{7}\b", 2, 14, IdKind::KrRrnHyphen,
        "Korea, Resident Registration Act (RRN and foreigner registration number: YYMMDD-GNNNNNN, gender/century digit; check digit on numbers before Oct 2020)") },
    Def { digit_run: 6, ..near("pii.kr_rrn", &["rrn", "frn", "resident registration", "foreigner registration", "주민등록", "외국인등록"],
        r"(?i:rrn|frn|resident registration|foreigner registration|주민등록|외국인등록)[^0-9\n]{0,40}?\b(?P<s>[0-9]{6}-?[0-9]{7})\b", 90, IdKind::KrRrnLoose, "") },
    opt(Def { digit_run: 6, ..id("pii.loose.kr_rrn", 13, r"\b[0-9]{6}-[0-9]{7}\b", 2, 14, IdKind::KrRrnLoose,
        "Korean RRN/FRN hyphen form without the check digit (numbers re-issued since October 2020 have none)") }),
    Def { digit_run: 5, ..id("pii.kr_brn", 10, r"\b[0-9]{3}-[0-9]{2}-[0-9]{5}\b", 2, 12, IdKind::KrBrn,
        "Korea National Tax Service, business registration number (3-2-5, weights 1,3,7,1,3,7,1,3,5)") },
    Def { digit_run: 6, ..id("pii.kr_driver_license", 12, r"\b[0-9]{2}[ \-][0-9]{2}[ \-][0-9]{6}[ \-][0-9]{2}\b", 2, 15, IdKind::KrDriverLicense,
        "Korean National Police Agency, driver's licence number (region 11-28, 2-2-6-2)") },
    Def { digit_run: 5, ..id("pii.th_tnin", 13, r"\b[1-8][ \-][0-9]{4}[ \-][0-9]{5}[ \-][0-9]{2}[ \-][0-9]\b", 2, 17, IdKind::ThTnin,
        "Thailand Department of Provincial Administration, national id (13 digits, 1-4-5-2-1, weights 13..2 mod 11)") },
    Def { digit_run: 13, ..near("pii.th_tnin", &["thai", "national id"], r"(?i:thai|national id)[^0-9\n]{0,40}?\b(?P<s>[1-8][0-9]{12})\b", 80, IdKind::ThTnin, "") },
    Def { digit_run: 11, ..id("pii.tr_tckn", 11, r"\b[1-9][0-9]{10}\b", 2, 11, IdKind::TrTckn,
        "Turkey, T.C. kimlik numarası (11 digits, first not 0, two check digits)") },
    Def { digit_run: 11, ..id("pii.pl_pesel", 11, r"\b[0-9]{11}\b", 2, 11, IdKind::PlPesel,
        "Poland, PESEL (YYMMDD with the century in the month, serial, weights 1,3,7,9 mod 10)") },
    Def { digit_run: 6, ..id("pii.se_personnummer", 10, r"\b(?:18|19|20)?[0-9]{6}[\-+][0-9]{4}\b|\b(?:18|19|20)[0-9]{10}\b", 2, 13, IdKind::SePersonnummer,
        "Skatteverket, personnummer and samordningsnummer ((YY)YYMMDD-NNNC, Luhn over 10 digits)") },
    Def { digit_run: 6, ..id("pii.se_orgnr", 10, r"\b[0-9]{6}-[0-9]{4}\b", 2, 11, IdKind::SeOrgNr,
        "Bolagsverket, organisationsnummer (NNNNNN-NNNN, third digit at least 2, Luhn)") },
    Def { digits: 0, anchors: &["DE"], cs: true, digit_run: 3, ..id("pii.de_vat_id", 9, r"\bDE[ .\-]?[0-9]{3}[ .\-]?[0-9]{3}[ .\-]?[0-9]{3}\b", 5, 14, IdKind::DeVatId,
        "BZSt, Umsatzsteuer-Identifikationsnummer (DE + 9 digits, ISO 7064 MOD 11,10)") },
    Def { digit_run: 6, ..id("pii.de_svnr", 11, r"\b[0-9]{2} ?[0-9]{6} ?[A-Za-z] ?[0-9]{3}\b", 2, 15, IdKind::DeSvnr,
        "Deutsche Rentenversicherung, Versicherungsnummer (area, DDMMYY, initial, serial, check digit)") },
    Def { digit_run: 9, ..id("pii.de_kvnr", 9, r"\b[A-Za-z][0-9]{9}\b", 2, 10, IdKind::DeKvnr,
        "GKV-Spitzenverband, Krankenversichertennummer (letter + 8 digits + check digit, weights 1,2)") },
    Def { cs: true, digit_run: 1, ..near("pii.de_handelsregister", &["HRA", "HRB"], r"\b(?P<s>HR[AB] ?[1-9][0-9]{0,5}(?: [A-Z]{1,2}\b)?)\b", 16, IdKind::Shape,
        "Handelsregisterverordnung (HRA/HRB + register number)") },
    Def { digit_run: 2, ..near("pii.de_tax_number", &["steuernummer", "st.-nr", "stnr", "st-nr", "st.nr"],
        r"(?i:steuernummer|st\.?-?nr)[^0-9\n]{0,20}?\b(?P<s>[0-9]{2,3}/[0-9]{3,4}/[0-9]{4,5}|[0-9]{13})\b", 60, IdKind::KeywordCode,
        "German Steuernummer (state formats FF/BBB/UUUUP, 13-digit ELSTER form), after its keyword") },
    Def { digit_run: 9, ..near("pii.de_lanr", &["lanr", "arztnummer"], r"(?i:lanr|arztnummer)[^0-9\n]{0,30}?\b(?P<s>[0-9]{9})\b", 60, IdKind::DeLanr,
        "KBV, lebenslange Arztnummer (6 digits, check digit weights 4,9, specialty 2 digits), after its keyword") },
    Def { digit_run: 9, ..near("pii.de_bsnr", &["bsnr", "betriebsstätte"], r"(?i:bsnr|betriebsstätten?-?nummer)[^0-9\n]{0,30}?\b(?P<s>[0-9]{9})\b", 60, IdKind::DeBsnr,
        "KBV, Betriebsstättennummer (9 digits, KV region first), after its keyword") },
    Def { digit_run: 1, ..near("pii.de_document", &["ausweis", "reisepass", "pass-nr", "passnummer", "dokumentennummer"],
        r"(?i:ausweis|reisepass|pass-nr|passnummer|dokumentennummer)[^\n]{0,30}?\b(?P<s>[CFGHJKLMNPRTVWXYZcfghjklmnprtvwxyz][CFGHJKLMNPRTVWXYZcfghjklmnprtvwxyz0-9]{8})\b", 70, IdKind::DeDocument,
        "BSI TR-03127 / PassV, Personalausweis and Reisepass serial (9 characters, no vowels), after a keyword") },
    Def { word_run: 11, ..near("pii.de_driving_licence", &["führerschein", "fuehrerschein", "fahrerlaubnis"],
        r"(?i:führerschein|fuehrerschein|fahrerlaubnis)[^\n]{0,30}?\b(?P<s>[A-Za-z0-9]{11})\b", 70, IdKind::KeywordCode,
        "FeV Anlage 8, Führerscheinnummer (11 letters and digits), after a keyword") },
    Def { digit_run: 5, ..near("pii.de_plz", &["plz", "postleitzahl"], r"(?i:plz|postleitzahl)[^0-9\n]{0,10}?\b(?P<s>[0-9]{5})\b", 30, IdKind::DePlz,
        "Deutsche Post, Postleitzahl (5 digits), after its keyword") },
    Def { glued: true, word_run: 15, digit_run: 4, ..id("pii.in_gstin", 4, r"\b[0-9]{2}[A-Za-z]{5}[0-9]{4}[A-Za-z][1-9A-Za-z][Zz][0-9A-Za-z]\b", 4, 15, IdKind::InGstin,
        "CBIC, GSTIN (state code, PAN, entity number, Z, mod-36 check character)") },
    Def { word_run: 15, ..near("pii.in_gstin", &["gstin"], r"(?i:gstin)[^\n]{0,40}?\b(?P<s>[0-9]{2}[A-Za-z]{5}[0-9]{4}[A-Za-z][1-9A-Za-z][Zz][0-9A-Za-z])\b", 200, IdKind::InGstinShape, "") },
    Def { digit_run: 7, ..near("pii.in_voter", &["voter", "epic", "vote"], r"(?i:voter|epic|vote)[^\n]{0,40}?\b(?P<s>[A-Za-z]{3}[0-9]{7})\b", 70, IdKind::KeywordCode,
        "Election Commission of India, EPIC voter id (3 letters + 7 digits), after a keyword") },
    Def { word_run: 8, ..near("pii.passport", &["passport", "pasaporte", "reisepass", "passeport", "passaporto", "여권"],
        r"(?i:passport|pasaporte|reisepass|passeport|passaporto|여권)[^\n]{0,30}?\b(?P<s>[A-Za-z0-9]{8,9})\b", 80, IdKind::KeywordCode,
        "ICAO Doc 9303 passport numbers (8-9 letters and digits, at least 4 digits), after a keyword in English, Spanish, German, French, Italian or Korean") },
    // With display dashes, near its name only: gated on digit clusters alone, the dashed shape's
    // regex ran around every number in prose and cost more than most PII rules together.
    // Bare, as stored (no dashes): only where an 11-character letter/digit run exists.
    Def { glued: true, digit_run: 2, word_run: 11, ..id("pii.us_mbi", 4, r"\b[1-9][A-Za-z][A-Za-z0-9][0-9][A-Za-z][A-Za-z0-9][0-9][A-Za-z]{2}[0-9]{2}\b", 4, 11, IdKind::UsMbi,
        "CMS, Medicare Beneficiary Identifier (11 characters, per-position classes, no S L O I B Z)") },
    // As printed on the card and in CMS's format specification: 4-3-4 with hyphens.
    Def { glued: true, cluster_needs: b"-", word_run: 4, shape: Shape::Template(b"daxd-axd-aadd"), ..id("pii.us_mbi", 4, r"\b[1-9][A-Za-z][A-Za-z0-9][0-9]-[A-Za-z][A-Za-z0-9][0-9]-[A-Za-z]{2}[0-9]{2}\b", 4, 13, IdKind::UsMbi, "") },
    Def { digit_run: 2, word_start: true, ..near("pii.us_mbi", &["mbi", "medicare", "beneficiary"],
        r"(?i:mbi|medicare|beneficiary)[^\n]{0,40}?\b(?P<s>[1-9][A-Za-z][A-Za-z0-9][0-9]-?[A-Za-z][A-Za-z0-9][0-9]-?[A-Za-z]{2}[0-9]{2})\b", 60, IdKind::UsMbi,
        "CMS, Medicare Beneficiary Identifier (11 characters, per-position classes, no S L O I B Z), near its name") },
    Def { digit_run: 4, shape: groups(&[&[G4, G3, G3]]), ..id("pii.us_npi", 10, r"\b[12][0-9]{3}[ \-][0-9]{3}[ \-][0-9]{3}\b", 2, 12, IdKind::UsNpi,
        "CMS NPPES, National Provider Identifier (10 digits, Luhn with prefix 80840)") },
    Def { digit_run: 10, ..near("pii.us_npi", &["npi", "provider identifier", "national provider"], r"(?i:npi|provider identifier|national provider)[^0-9\n]{0,30}?\b(?P<s>[12][0-9]{9})\b", 70, IdKind::UsNpi, "") },
    Def { digit_run: 3, ..near("pii.au_acn", &["acn"], r"(?i:\bacn)[^0-9\n]{0,30}?\b(?P<s>[0-9]{3} ?[0-9]{3} ?[0-9]{3})\b", 60, IdKind::AuAcn,
        "ASIC, Australian Company Number (9 digits, weights 8..1, complement mod 10), after its keyword") },
    Def { digit_run: 11, ..near("pii.it_vat", &["partita iva", "p.iva", "p. iva", "vat"], r"(?i:partita iva|p\. ?iva|vat)[^0-9\n]{0,30}?\b(?:IT)?(?P<s>[0-9]{11})\b", 70, IdKind::ItVat,
        "Agenzia delle Entrate, partita IVA (11 digits, office code, Luhn-style check), after a keyword") },
    Def { digit_run: 5, ..near("pii.it_identity_card", &["carta d'identit", "carta di identit", "identity card"],
        r"(?i:carta d'identit|carta di identit|identity card)[^\n]{0,30}?\b(?P<s>[A-Za-z]{2} ?[0-9]{7}|[A-Za-z]{2}[0-9]{5}[A-Za-z]{2})\b", 70, IdKind::KeywordCode,
        "Italian carta d'identità (paper AA1234567, CIE CA00000AA), after a keyword") },
    Def { cs: true, digit_run: 3, ..near("pii.ph_tin", &["TIN"], r"\bTIN\b[^0-9\n]{0,20}?\b(?P<s>[0-9]{3}-?[0-9]{3}-?[0-9]{3}(?:-?[0-9]{3,5})?)\b", 50, IdKind::KeywordCode,
        "Philippine BIR, Taxpayer Identification Number (9 digits + branch code), after TIN") },
    Def { cs: true, digit_run: 5, ..near("pii.sg_uen", &["UEN"], r"\bUEN\b[^\n]{0,20}?\b(?P<s>[0-9]{8,9}[A-Z]|[RST][0-9]{2}[A-Z]{2}[0-9]{4}[A-Z])\b", 50, IdKind::KeywordCode,
        "ACRA, Unique Entity Number (8-9 digits + letter, or T/S/R + year + entity type + 4 digits + letter), after UEN") },
    Def { digit_run: 4, ..near("pii.certificate_number", &["certificate number", "certificate no", "certificate #", "cert no"],
        r"(?i:certificate number|certificate no|certificate #|cert no)[^\n]{0,15}?\b(?P<s>[A-Za-z]{0,4}[0-9][A-Za-z0-9\-]{4,20})\b", 60, IdKind::KeywordCode,
        "Certificate numbers (licence, birth, registration certificates), after a keyword") },
    Def { digit_run: 6, ..id("pii.uk_driving_licence", 6, r"\b[A-Z][A-Z9]{4}[0-9]{6}[A-Z9]{2}[0-9][A-Z]{2}\b", 6, 16, IdKind::UkDrivingLicence,
        "DVLA, driving licence number (surname, decade, month +50 for women, day, year, initials, check characters)") },
    // Anchors must start a word, and no `ether`: it sits inside `whether` and `together` and made
    // the regex run all over prose; the colon/hyphen form brings its own digit cluster.
    Def { digits: 2, cluster_needs: b":-", word_start: true, shape: Shape::Mac, ..pii("pii.mac", &["mac", "hwaddr", "bssid", "hardware address"], 2,
        r"\b[0-9A-Fa-f]{2}(?:[:\-][0-9A-Fa-f]{2}){5}\b|\b[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\b", 16, 80, Check::Id(IdKind::Mac),
        "IEEE 802 MAC-48 addresses (six hex pairs with one separator; the Cisco xxxx.xxxx.xxxx form near a keyword such as MAC or ether)") },
    // ------------------------------------------------ context-anchored forms of broad families
    // Postcodes, number plates and dates are opt-in bare (see below); after a keyword that names
    // them they are personal data in any text. Each runs only after its keyword (which must start
    // a word) and over a short window.
    Def { word_start: true, anchored: true, upper_near_digit: true, ..near("pii.uk_postcode", &["postcode", "post code", "post_code", "post-code", "postal code", "postal_code", "postal-code", "postalcode", "address"],
        r"(?i:post(?:al)?[ _\-]?code|address)[^\n]*?\b(?P<s>[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})\b", 60, IdKind::UkPostcode,
        "Royal Mail, UK postcode (outward code A9/A99/AA9/AA99/A9A/AA9A + inward code 9AA, per-position letter rules), after postcode / postal code / address") },
    // The plate, and the next one of a list after the same keyword (`plates AB12 CDE and XY13
    // FGH`, group `t`). The gap is bounded by the window (`max`), not by a counted repetition:
    // regex-lite unrolls those, and the plate alternation then runs from every gap length.
    Def { word_start: true, anchored: true, upper_near_digit: true, ..near("pii.vehicle_plate", PLATE_KEYWORDS,
        concat!(r"(?i:", plate_kw!(), r")[^\n]*?\b(?P<s>", plate!(), r")(?:(?:,? (?:and|or|&) |, ?|/ ?|; ?)(?P<t>", plate!(), r"))?(?:[^A-Za-z0-9]|$)"), 80, IdKind::VehiclePlate,
        "Number plates after a plate keyword: DVLA marks (AB12 CDE, A123 BCD, ABC 123D), FZV German plates (district, letters, number, E/H), Turkish (province 01-81), Nigerian (LGA code, 3 digits, 2 letters), Indian (state code, RTO, series, number), French SIV (AA-123-AA), Italian (AA 123 AA), Spanish (1234 BCD)") },
    Def { word_start: true, anchored: true, min: 4, digit_run: 1, ..near("pii.date_of_birth", &["born", "birth", "dob", "d.o.b", "geboren", "geb.", "nacimiento", "naissance", "nascita"],
        concat!(r#"(?i:born|birth[a-z_\-]*|dob|d\.o\.b\.?|geboren|geb\.|nacimiento|naissance|nascita)(?:[ \t:=,\-"']+|(?i:on|in|am|is|was|le|el|the|de|du|date|year)\b){0,6}(?P<s>"#, date_re!(), r"|\b(?:19|20)[0-9]{2}\b)"), 80, IdKind::BirthDate,
        "Dates of birth: a calendar date (ISO 8601, D/M/Y, M/D/Y, D.M.Y, English month names) or a year, after born / birth / DOB / geboren / nacimiento / naissance / nascita") },
    // A personal name after a courtesy title written as a title (capital first letter, so `ms`
    // and `DR` are not titles), or after a self-introduction. Not `Miss`: a verb at the start of a
    // sentence and a pageant title (`Miss Congeniality`). The bare-name and lower-case forms stay in the
    // opt-in `pii.person_name`.
    Def { cs: true, word_start: true, anchored: true, ..shape("pii.titled_name", 0,
        concat!(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?[ \\.]+(?:(?:Dr|Prof)\.?[ ]+)?(?P<s>", name_re!(), r")"), 0, 90,
        "Personal names after a courtesy title (Mr, Mrs, Ms, Mx, Dr, Prof; the name capitalised, up to three words) or a self-introduction (my name is, mein Name ist, je m'appelle, me llamo, mi chiamo)") }
        .with_anchors(&["Mr", "Ms", "Mx", "Dr", "Prof"]),
    Def { word_start: true, anchored: true, ..shape("pii.titled_name", 0,
        concat!(r"(?i:my name is|mein name ist|je m'appelle|me llamo|mi chiamo)[ ]+(?P<s>", name_re!(), r")"), 0, 110, "") }
        .with_anchors(&["my name is", "mein name ist", "je m'appelle", "me llamo", "mi chiamo"]),
    // A name in a field that names it (forms, records, JSON): `Surname: Okafor`,
    // `"first_name": "Amara"`. Type names and placeholders in code are not names.
    Def { word_start: true, anchored: true, min: 2, ..near("pii.name_field", NAME_FIELDS,
        concat!(r"(?i:full[ _\-]?name|first[ _\-]?name|last[ _\-]?name|given[ _\-]?name|family[ _\-]?name|sur[ _\-]?name|patient[ _\-]?name|vorname|nachname|nombre completo|apellidos?)",
            r#"["']?[ \t]*(?::|=|=>|is)[ \t]*["']?(?P<s>"#, name_re!(), r")"),
        90, IdKind::PersonName,
        "Personal names in a field that names them (full / first / last / given / family name, surname, patient name, Vorname, Nachname, nombre completo, apellido), capitalised, not a type name or placeholder") },
    // ------------------------------------------------ opt-in families (`redaction.enabled_rules`)
    // Bare forms of identifiers whose digits alone are too generic for everyday text, and broad
    // families (dates, postcodes, plates, names, URLs) that would redact ordinary answers.
    opt(id("pii.bare.ca_sin", 9, r"\b[0-9]{9}\b", 2, 9, IdKind::CaSin, "Bare 9-digit Canadian SIN (Luhn) without its keyword")),
    opt(id("pii.bare.in_aadhaar", 12, r"\b[2-9][0-9]{11}\b", 2, 12, IdKind::InAadhaar, "Bare 12-digit Aadhaar (Verhoeff) without its keyword")),
    opt(id("pii.bare.uk_nhs", 10, r"\b[0-9]{10}\b", 2, 10, IdKind::UkNhs, "Bare 10-digit NHS number (mod 11) without its keyword")),
    opt(id("pii.bare.de_tax_id", 11, r"\b[1-9][0-9]{10}\b", 2, 11, IdKind::DeTaxIdInContext, "Bare Steuer-IdNr with the check digit only")),
    opt(id("pii.bare.kr_rrn", 13, r"\b[0-9]{13}\b", 2, 13, IdKind::KrRrn, "Bare 13-digit Korean RRN/FRN (date, check digit)")),
    opt(id("pii.bare.th_tnin", 13, r"\b[1-8][0-9]{12}\b", 2, 13, IdKind::ThTnin, "Bare 13-digit Thai national id (mod 11)")),
    opt(id("pii.bare.se_personnummer", 10, r"\b[0-9]{10}\b", 2, 10, IdKind::SePersonnummer, "Bare 10-digit Swedish personnummer (date, Luhn)")),
    opt(id("pii.bare.se_orgnr", 10, r"\b[0-9]{10}\b", 2, 10, IdKind::SeOrgNr, "Bare 10-digit Swedish organisationsnummer (Luhn)")),
    opt(id("pii.bare.kr_brn", 10, r"\b[0-9]{10}\b", 2, 10, IdKind::KrBrn, "Bare 10-digit Korean business registration number")),
    opt(id("pii.bare.kr_driver_license", 12, r"\b[0-9]{12}\b", 2, 12, IdKind::KrDriverLicense, "Bare 12-digit Korean driver's licence")),
    opt(id("pii.bare.us_npi", 10, r"\b[12][0-9]{9}\b", 2, 10, IdKind::UsNpi, "Bare 10-digit NPI (Luhn with 80840)")),
    opt(id("pii.bare.us_itin", 9, r"\b9[0-9]{8}\b", 2, 9, IdKind::UsItin, "Bare 9-digit ITIN (IRS group ranges)")),
    opt(id("pii.bare.au_acn", 9, r"\b[0-9]{9}\b", 2, 9, IdKind::AuAcn, "Bare 9-digit Australian Company Number")),
    opt(id("pii.bare.it_vat", 11, r"\b[0-9]{11}\b", 2, 11, IdKind::ItVat, "Bare 11-digit partita IVA")),
    opt(id("pii.bare.de_lanr", 9, r"\b[0-9]{9}\b", 2, 9, IdKind::DeLanr, "Bare 9-digit LANR (check digit)")),
    opt(id("pii.bare.de_bsnr", 9, r"\b[0-9]{9}\b", 2, 9, IdKind::DeBsnr, "Bare 9-digit BSNR (KV region)")),
    opt(Def { word_run: 9, ..id("pii.bare.de_document", 4, r"\b[CFGHJKLMNPRTVWXYZcfghjklmnprtvwxyz][CFGHJKLMNPRTVWXYZcfghjklmnprtvwxyz0-9]{8}\b", 2, 9, IdKind::DeDocument,
        "Bare German ID card / passport serial (9 characters, no vowels)") }),
    opt(Def { word_run: 11, ..id("pii.bare.de_driving_licence", 8, r"\b[A-Za-z]{2}[0-9]{8}[A-Za-z0-9]\b", 4, 11, IdKind::KeywordCode, "Bare German driving licence number (2 letters, 8 digits, 1 character)") }),
    opt(Def { digit_run: 2, ..id("pii.bare.de_tax_number", 9, r"\b[0-9]{2,3}/[0-9]{3,4}/[0-9]{4,5}\b", 2, 13, IdKind::KeywordCode, "Bare German Steuernummer in a slash form") }),
    opt(Def { glued: true, word_run: 15, ..id("pii.loose.in_gstin", 4, r"\b[0-9]{2}[A-Za-z]{5}[0-9]{4}[A-Za-z][1-9A-Za-z][Zz][0-9A-Za-z]\b", 4, 15, IdKind::InGstinShape, "GSTIN structure without the check character") }),
    opt(Def { word_run: 10, ..id("pii.loose.in_pan", 4, r"\b[A-Za-z]{5}[0-9]{4}[A-Za-z]\b", 6, 10, IdKind::KeywordCode, "PAN structure without the holder-type letter rule") }),
    opt(Def { word_run: 10, ..id("pii.bare.in_voter", 7, r"\b[A-Z]{3}[0-9]{7}\b", 4, 10, IdKind::KeywordCode, "Bare EPIC voter id (3 letters + 7 digits)") }),
    opt(Def { word_run: 8, ..id("pii.bare.passport", 6, r"\b(?:[A-Za-z][0-9]{8}|[A-Za-z]{2}[0-9]{7}|[A-Za-z]{3}[0-9]{6}|[A-Z][1-9][0-9]{5}[1-9]|[MSROD][0-9]{3}[A-Z][0-9]{4})\b", 4, 10, IdKind::KeywordCode,
        "Bare passport numbers: 9 characters, 1-3 letters then digits (ES, IT, KR, UK-style), India A + 7 digits (no 0 at either end), Korea M123A4567") }),
    opt(Def { word_run: 9, ..id("pii.bare.it_identity_card", 5, r"\b[A-Za-z]{2}[0-9]{5}[A-Za-z]{2}\b", 3, 9, IdKind::KeywordCode, "Bare Italian CIE number (CA00000AA)") }),
    opt(Def { digit_run: 3, ..id("pii.bare.ph_tin", 9, r"\b[0-9]{3}-[0-9]{3}-[0-9]{3}(?:-[0-9]{3,5})?\b", 2, 17, IdKind::KeywordCode, "Philippine TIN in its grouped form") }),
    opt(Def { word_run: 9, ..id("pii.bare.sg_uen", 4, r"\b[0-9]{8,9}[A-Z]\b|\b[RST][0-9]{2}[A-Z]{2}[0-9]{4}[A-Z]\b", 4, 10, IdKind::KeywordCode, "Bare Singapore UEN structures") }),
    opt(Def { digit_run: 9, ..id("pii.bare.phone", 10, r"\b0?[2-5][0-9]{9}\b|\b09[0-9]{9}\b", 2, 11, IdKind::KeywordCode,
        "Bare national phone numbers without separators: Turkey (BTK plan: area codes 2xx-4xx, mobile 5xx, optional trunk 0), Philippines mobile (09xx)") }),
    opt(Def { digits: 1, ..shape("pii.date", 1, date_re!(),
        12, 40, "Calendar dates: ISO 8601, D/M/Y, M/D/Y, D.M.Y, M/Y, and English month names (month and day validated)") }.with_check(Check::Id(IdKind::Date))),
    opt(Def { cs: true, ..shape("pii.postcode.uk", 2, r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?) ?[0-9][ABD-HJLNP-UW-Z]{2}\b", 6, 8,
        "Royal Mail, UK postcode (outward code + inward code)") }),
    opt(Def { digit_run: 5, min: 5, ..id("pii.postcode.de", 5, r"\b[0-9]{5}\b", 2, 5, IdKind::DePlz, "Deutsche Post, Postleitzahl (5 digits, 01001-99998)") }),
    opt(Def { check: Check::Id(IdKind::UkVehicle), ..shape("pii.vehicle.uk", 1, r"\b(?:[A-Z]{2}[0-9]{2}[ \-]?[A-Z]{3}|[A-Z][0-9]{1,3} ?[A-Z]{3}|[A-Z]{3} ?[0-9]{1,3}[A-Z])\b", 6, 8,
        "DVLA, vehicle registration marks (current AB12 CDE, prefix A123 BCD, suffix ABC 123D)") }),
    opt(shape("pii.vehicle.de", 1, r"\b[A-ZÄÖÜ]{1,3}[ \-][A-Z]{1,2}[ \-][1-9][0-9]{0,3}[EH]?\b", 8, 13, "FZV, German number plates (district, letters, number, E/H suffix)")),
    opt(shape("pii.vehicle.tr", 2, r"\b(?:0[1-9]|[1-7][0-9]|8[01]) ?[A-Z]{1,3} ?[0-9]{2,4}\b", 2, 11, "Turkish number plates (province 01-81, letters, number)")),
    opt(shape("pii.vehicle.ng", 3, r"\b[A-Za-z]{3}-?[0-9]{3}[A-Za-z]{2}\b", 4, 9, "Nigerian number plates (LGA code, 3 digits, 2 letters)")),
    opt(shape("pii.vehicle.in", 3, r"\b(?:AN|AP|AR|AS|BR|CG|CH|DD|DL|DN|GA|GJ|HP|HR|JH|JK|KA|KL|LA|LD|MH|ML|MN|MP|MZ|NL|OD|OR|PB|PY|RJ|SK|TG|TN|TR|TS|UK|UP|WB)[0-9]{1,2}[A-Z]{0,3}[0-9]{4}\b|\b[A-Z]{2,3}[0-9]{4}\b", 4, 11,
        "Indian vehicle registration (state code, RTO district, series, number)")),
    opt(Def { digits: 0, anchors: &["mr", "mrs", "ms", "miss", "dr", "name is", "call me"], ..shape("pii.person_name", 0,
        r"\b(?:(?i:mr|mrs|ms|miss|dr|prof)\.?|(?i:name is|call me))[ \\.]+(?:(?i:mr|mrs|ms|dr)\.?[ ]+)?(?P<s>[A-Z][A-Za-z'\-]{1,30})", 0, 60,
        "Personal names after an honorific or 'my name is' / 'call me' (no NLP: other names are not found)") }),
    opt(Def { digits: 0, anchors: &["://", "www.", ".com", ".org", ".net", ".io", ".site", ".co."], back: 64, ..shape("pii.url", 0,
        r"\bhttps?://[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+[^\s'<>]*|\b(?:[A-Za-z0-9\-]+\.)+(?:com|org|net|io|site|co\.[a-z]{2}|[a-z]{2})\b", 64, 300,
        "URLs and domain names (RFC 3986, RFC 1035)") }),
    Def { cluster_needs: b".", ..pii("pii.ip", &[], 4, r"\b[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?:/[0-9]{1,2})?\b",
        2, 20, Check::Ipv4, "RFC 791 dotted-quad IPv4 (RFC 4632 CIDR suffix)") },
    Def { cluster_needs: b":", shape: Shape::Ipv6, ..pii("pii.ip", &["::"], 4, r"(?:^|[^0-9A-Za-z:.])(?P<s>[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:(?:[0-9A-Fa-f:]|\.[0-9])*(?:%[A-Za-z0-9]+)?(?:/[0-9]{1,3})?)",
        40, 80, Check::Ipv6, "RFC 4291 / RFC 5952 IPv6 text forms") },
];

impl Def {
    const fn with_check(mut self, check: Check) -> Def {
        self.check = check;
        self
    }

    const fn with_anchors(mut self, anchors: &'static [&'static str]) -> Def {
        self.anchors = anchors;
        self
    }
}
