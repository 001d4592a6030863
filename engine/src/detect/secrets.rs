//! Secret and PII detection for redaction.
//!
//! One byte-pair filter pass over every rule's literal anchors (token prefixes such as `ghp_`,
//! keywords such as `password`, `@`, `-----BEGIN `; see `anchors.rs`) plus one byte pass that
//! finds digit clusters decide where each regex runs: a regex only sees a window around its own
//! anchors, never the whole text. Text without anchors costs those two linear passes. Candidates are then validated
//! (entropy, placeholders, Luhn, mod-97, SSN rules, JWT header, ...) and overlaps resolved.

mod alphabet;
mod anchors;
mod rules;
mod shape;

use regex_lite::Regex;
use serde::{Deserialize, Serialize};

use super::bytes8::in_range_bits;
use super::pii;
use crate::policy::{PolicyError, RedactionRules};
use alphabet::{
    byte_set, byte_table, contains, intersects, match_alphabet, ByteSet, ByteTable, LETTERS,
};
use anchors::AnchorSet;
use rules::RULES;
use shape::Shape;

/// What a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Secret,
    Pii,
}

/// A complete, validated match: `start..end` are byte offsets in the scanned text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecretMatch {
    pub rule: String,
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// How a candidate is validated after its regex matched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Check {
    None,
    /// Shannon entropy of the span at least this (bits per character), and not a placeholder.
    Entropy(f32),
    /// Shannon entropy of the last `-` segment (the random part after numeric ids, Slack's
    /// `xoxa-2-<team>-<user>-<secret>`) at least this, and not a placeholder.
    TailEntropy(f32),
    /// A value found by its keyword: must look random, not like a placeholder, variable or word.
    Value,
    /// A value stated after its keyword in a sentence: `Value`, and not a described property
    /// (`AES256-encrypted`, `gpt2-based`).
    Stated,
    /// A password: in a URL's userinfo, or after the user name of curl's `-u user:password`.
    UrlPassword,
    Pem,
    Jwt,
    /// Discord bot token: entropy, and the first segment is the base64 of a numeric user id.
    Discord,
    /// A value under `data:` in a Kubernetes `kind: Secret` manifest: padded base64 of at least
    /// 6 bytes, in the `data:` block, with the `kind: Secret` line within 2 KiB.
    K8sData,
    Luhn,
    Iban,
    Ssn,
    Phone,
    Email,
    Ipv4,
    Ipv6,
    /// A national identifier or account number with its own checksum or structure rules.
    Id(pii::IdKind),
}

/// The ids of every built-in rule, in table order, without repeats.
pub fn builtin_rule_ids() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for d in RULES {
        if !ids.contains(&d.id) {
            ids.push(d.id);
        }
    }
    ids
}

/// The documentation each built-in rule follows, `(id, kind, source)`, one line per rule id.
pub fn builtin_rule_docs() -> Vec<(&'static str, Kind, &'static str)> {
    let mut out: Vec<(&'static str, Kind, &'static str)> = Vec::new();
    for d in RULES {
        match out.iter_mut().find(|(id, _, _)| *id == d.id) {
            Some(_) => {}
            None => out.push((d.id, d.kind, d.doc)),
        }
    }
    out
}

struct Compiled {
    id: String,
    kind: Kind,
    re: Regex,
    /// Index of the capture group named `s` (the reported span), if any.
    group: Option<usize>,
    /// A second reported span (group `t`): the next value of a list after one keyword.
    group2: Option<usize>,
    digits: usize,
    /// A digit cluster only triggers the rule when it (or the byte after it) holds one of
    /// these bytes (`None`: no such need).
    cluster_needs: Option<ByteSet>,
    glued: bool,
    back: usize,
    min: usize,
    max: usize,
    check: Check,
    tier: u8,
    assign: bool,
    anchored: bool,
    word_start: bool,
    /// Runs of letters and digits, and of digits, every match holds (0: no bound).
    word_run: usize,
    digit_run: usize,
    upper_near_digit: bool,
    /// Custom rules have no anchors: they run over the whole text.
    whole_text: bool,
    /// The bytes a match can hold (`None`: not known). An unanchored run skips the parts of its
    /// window made of other bytes. (A table: number-dense text sends tens of thousands of
    /// windows through it, one byte at a time.)
    alphabet: Option<Box<ByteTable>>,
    /// The match starts one character before its run of `alphabet` (a regex opening with one
    /// byte of context): each run is searched from the character before it.
    lead: bool,
    /// What a run of `alphabet` must hold before the regex runs over it.
    shape: Shape,
}

/// The compiled rule set of one policy. Build it once per policy; `find` is `&self`.
pub struct SecretScanner {
    rules: Vec<Compiled>,
    /// Anchors of every rule: keywords ignore ASCII case, token prefixes do not (so a prefix such
    /// as `ND` or `SK` never wakes on `and` or `ask` in prose). `anchor_users[p]`: the rules
    /// anchored by pattern `p`.
    anchors: AnchorSet,
    anchor_users: Vec<Vec<usize>>,
    /// Rules without anchors that run over the whole text (custom rules).
    whole_text_rules: Vec<usize>,
    /// Rules triggered by digit clusters, fewest digits first.
    digit_rules: Vec<usize>,
    /// Those of them that are not `glued` and need no `cluster_needs` byte (same order), and
    /// the letters with every byte some of them needs: a cluster touching no letter and holding
    /// none of those bytes (most numbers of prose) is only read by these.
    plain_digit_rules: Vec<usize>,
    letters_and_needs: ByteSet,
    min_cluster_digits: usize,
    max_len: usize,
}

impl std::fmt::Debug for SecretScanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretScanner")
            .field("rules", &self.rules.len())
            .field("max_len", &self.max_len)
            .finish()
    }
}

/// Is `id` switched off by `disabled` (exact ids, or prefixes ending in '.')?
fn disabled_by(disabled: &[String], id: &str) -> bool {
    disabled
        .iter()
        .any(|d| d == id || (d.ends_with('.') && id.starts_with(d.as_str())))
}

impl SecretScanner {
    pub fn compile(cfg: &RedactionRules) -> Result<SecretScanner, PolicyError> {
        let ids = builtin_rule_ids();
        let lists = [
            ("disabled_rules", &cfg.disabled_rules),
            ("enabled_rules", &cfg.enabled_rules),
        ];
        for (i, d, list) in lists
            .iter()
            .flat_map(|(name, l)| l.iter().enumerate().map(move |(i, d)| (i, d, *name)))
        {
            let known = if d.ends_with('.') {
                ids.iter().any(|id| id.starts_with(d.as_str()))
                    || cfg.custom.iter().any(|c| c.id.starts_with(d.as_str()))
            } else {
                ids.contains(&d.as_str()) || cfg.custom.iter().any(|c| &c.id == d)
            };
            if !known {
                return Err(PolicyError::new(
                    format!("/redaction/{list}/{i}"),
                    format!("unknown rule id or prefix {d:?} (prefixes end with '.')"),
                ));
            }
        }
        if cfg.max_hold_bytes == 0 {
            return Err(PolicyError::new(
                "/redaction/max_hold_bytes",
                "must be at least 1",
            ));
        }
        if !cfg.replacement.is_empty() && cfg.replacement.contains(['\n', '\r']) {
            return Err(PolicyError::new(
                "/redaction/replacement",
                "must be a single line",
            ));
        }

        let mut rules = Vec::new();
        // Anchor patterns `(bytes, case-insensitive)` and, per pattern, the rules using it.
        let mut patterns: Vec<(Vec<u8>, bool)> = Vec::new();
        let mut anchor_users: Vec<Vec<usize>> = Vec::new();
        let mut digit_rules = Vec::new();
        for d in RULES {
            if disabled_by(&cfg.disabled_rules, d.id)
                || (d.kind == Kind::Pii && !cfg.pii)
                || (d.opt_in && !disabled_by(&cfg.enabled_rules, d.id))
            {
                continue;
            }
            // Keyword rules run anchored at the start of the identifier holding their keyword.
            let src = if d.anchored {
                format!(r"^[A-Za-z0-9_.%+\-]*?(?:{})", d.re)
            } else {
                d.re.to_string()
            };
            let re = Regex::new(&src).map_err(|e| {
                PolicyError::new("/redaction", format!("built-in rule {}: {e}", d.id))
            })?;
            let idx = rules.len();
            for a in d.anchors {
                let key = if d.cs {
                    (a.as_bytes().to_vec(), false)
                } else {
                    (a.to_ascii_lowercase().into_bytes(), true)
                };
                let pid = match patterns.iter().position(|p| *p == key) {
                    Some(p) => p,
                    None => {
                        patterns.push(key);
                        anchor_users.push(Vec::new());
                        patterns.len() - 1
                    }
                };
                anchor_users[pid].push(idx);
            }
            if d.digits > 0 {
                digit_rules.push(idx);
            }
            // The bytes a match holds, read from the regex; for a regex opening with a byte of
            // context, the shape's alphabet of the body, searched from the character before.
            let own_alphabet = match_alphabet(&src);
            let lead_alphabet = own_alphabet
                .is_none()
                .then(|| d.shape.lead_alphabet())
                .flatten();
            rules.push(Compiled {
                id: d.id.to_string(),
                kind: d.kind,
                group: group_s(&re),
                group2: group_named(&re, "t"),
                re,
                digits: d.digits,
                cluster_needs: byte_set(d.cluster_needs),
                glued: d.glued,
                back: d.back,
                min: d.min,
                max: d.max,
                check: d.check,
                tier: d.tier,
                assign: d.assign,
                anchored: d.anchored,
                word_start: d.word_start,
                word_run: d.word_run,
                digit_run: d.digit_run,
                upper_near_digit: d.upper_near_digit,
                whole_text: false,
                alphabet: own_alphabet.or(lead_alphabet).map(|set| byte_table(&set)),
                lead: lead_alphabet.is_some(),
                shape: d.shape,
            });
        }
        for (i, c) in cfg.custom.iter().enumerate() {
            let at = |f: &str| format!("/redaction/custom/{i}/{f}");
            if c.id.trim().is_empty() || c.id.contains(char::is_whitespace) {
                return Err(PolicyError::new(
                    at("id"),
                    "must be a non-empty id without spaces",
                ));
            }
            if ids.contains(&c.id.as_str()) || cfg.custom[..i].iter().any(|o| o.id == c.id) {
                return Err(PolicyError::new(
                    at("id"),
                    format!("duplicate rule id {:?}", c.id),
                ));
            }
            if c.pattern.is_empty() {
                return Err(PolicyError::new(at("pattern"), "must not be empty"));
            }
            let re = Regex::new(&c.pattern)
                .map_err(|e| PolicyError::new(at("pattern"), e.to_string()))?;
            if re.is_match("") {
                return Err(PolicyError::new(
                    at("pattern"),
                    "must not match the empty string",
                ));
            }
            if c.max_len == 0 || c.max_len as u64 > cfg.max_hold_bytes {
                return Err(PolicyError::new(
                    at("max_len"),
                    format!(
                        "must be between 1 and max_hold_bytes ({})",
                        cfg.max_hold_bytes
                    ),
                ));
            }
            if disabled_by(&cfg.disabled_rules, &c.id) || (c.kind == Kind::Pii && !cfg.pii) {
                continue;
            }
            rules.push(Compiled {
                id: c.id.clone(),
                kind: c.kind,
                group: group_s(&re),
                group2: None,
                re,
                digits: 0,
                cluster_needs: None,
                glued: false,
                back: 0,
                min: 1,
                max: c.max_len,
                check: Check::None,
                tier: 0,
                assign: false,
                anchored: false,
                word_start: false,
                word_run: 0,
                digit_run: 0,
                upper_near_digit: false,
                whole_text: true,
                // A policy's own pattern runs as written, over every byte.
                alphabet: None,
                lead: false,
                shape: Shape::Any,
            });
        }
        let anchors = AnchorSet::new(&patterns);
        let whole_text_rules = (0..rules.len()).filter(|&r| rules[r].whole_text).collect();
        let max_len = rules.iter().map(|r| r.max).max().unwrap_or(0);
        // Fewest digits first: `find` stops at the first rule a cluster has too few digits for.
        digit_rules.sort_by_key(|&r| rules[r].digits);
        let min_cluster_digits = digit_rules.first().map_or(usize::MAX, |&r| rules[r].digits);
        let plain_digit_rules = digit_rules
            .iter()
            .copied()
            .filter(|&r| !rules[r].glued && rules[r].cluster_needs.is_none())
            .collect();
        let mut letters_and_needs: ByteSet = LETTERS;
        for needs in digit_rules.iter().filter_map(|&r| rules[r].cluster_needs) {
            for (u, n) in letters_and_needs.iter_mut().zip(needs) {
                *u |= n;
            }
        }
        Ok(SecretScanner {
            rules,
            anchors,
            anchor_users,
            whole_text_rules,
            digit_rules,
            plain_digit_rules,
            letters_and_needs,
            min_cluster_digits,
            max_len,
        })
    }

    /// Longest match any enabled rule can produce, in bytes (bounds the streaming hold-back).
    pub fn max_match_len(&self) -> usize {
        self.max_len
    }

    /// Number of enabled rule entries (a rule id may have several).
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Complete matches, validated (Luhn, mod-97, entropy ...), non-overlapping (longest/most
    /// specific wins), sorted by start.
    pub fn find(&self, text: &str) -> Vec<SecretMatch> {
        let bytes = text.as_bytes();
        // (rule, from, to): the byte ranges where a rule must run. Flat lists, so that a call on a
        // short text with no anchor costs the automaton pass and nothing per rule.
        let mut windows: Vec<(usize, usize, usize)> = Vec::new();
        // (rule, start): for keyword rules, where the identifiers holding their keyword start.
        let mut keyed: Vec<(usize, usize)> = Vec::new();
        self.anchors.each_match(text, |pattern, start, end| {
            self.anchor_windows(bytes, pattern, start, end, &mut windows, &mut keyed)
        });
        // The digit rules' windows (all windows are sorted together below, so the order they
        // are found in does not matter).
        if !self.digit_rules.is_empty() {
            let mut clusters = DigitClusters::new(self.min_cluster_digits);
            each_digit(bytes, |i| {
                if let Some((s, e, n)) = clusters.digit(i) {
                    self.cluster_windows(bytes, s, e, n, &mut windows);
                }
            });
            if let Some((s, e, n)) = clusters.finish() {
                self.cluster_windows(bytes, s, e, n, &mut windows);
            }
        }
        let mut cands: Vec<(usize, usize, usize)> = Vec::new(); // (rule, start, end)
        keyed.sort_unstable();
        keyed.dedup();
        for &(r, k) in &keyed {
            let to = (k + self.rules[r].max + 1).min(bytes.len());
            self.run(r, text, k, to, true, &mut cands);
        }
        for &r in &self.whole_text_rules {
            self.run(r, text, 0, bytes.len(), false, &mut cands);
        }
        // Per rule, overlapping windows merged into one run.
        sort_windows(&mut windows, self.rules.len());
        let mut i = 0;
        while i < windows.len() {
            let (r, from, mut to) = windows[i];
            i += 1;
            while i < windows.len() && windows[i].0 == r && windows[i].1 <= to {
                to = to.max(windows[i].2);
                i += 1;
            }
            if self.rules[r].whole_text {
                continue;
            }
            self.run(r, text, from, to, false, &mut cands);
        }
        if cands.is_empty() {
            return Vec::new();
        }
        self.resolve(cands)
    }

    /// The windows (or, for keyword rules, the identifier starts) of the rules using the anchor
    /// `pattern`, found at `m_start..m_end`.
    fn anchor_windows(
        &self,
        bytes: &[u8],
        pattern: usize,
        m_start: usize,
        m_end: usize,
        windows: &mut Vec<(usize, usize, usize)>,
        keyed: &mut Vec<(usize, usize)>,
    ) {
        let Some(users) = self.anchor_users.get(pattern) else {
            return;
        };
        for &r in users {
            let rule = &self.rules[r];
            // Keyword rules, and PII rules whose keywords must start a word (`born`
            // is not in `stubborn`, `plate` not in `template`).
            if rule.word_start
                && (rule.anchored || rule.kind == Kind::Pii)
                && !starts_word(bytes, m_start)
            {
                continue;
            }
            if rule.check == Check::Stated && !statement_decided(bytes, m_end).0 {
                continue;
            }
            if rule.anchored {
                if !rule.assign || assignment_follows(bytes, m_end) {
                    let lim = m_start.saturating_sub(rule.back);
                    let mut k = m_start;
                    while k > lim && is_ident(bytes[k - 1]) {
                        k -= 1;
                    }
                    keyed.push((r, k));
                }
                continue;
            }
            let from = m_start.saturating_sub(rule.back + 1);
            let to = anchor_window_end(rule, m_start, m_end).min(bytes.len());
            windows.push((r, from, to));
        }
    }

    /// The windows of the digit rules that take the digit cluster `s..e` of `n` digits.
    #[inline(never)]
    fn cluster_windows(
        &self,
        bytes: &[u8],
        s: usize,
        e: usize,
        n: usize,
        windows: &mut Vec<(usize, usize, usize)>,
    ) {
        self.cluster_rules(bytes, s, e, n, |r, rule| {
            let to = cluster_window_end(rule, s, e).min(bytes.len());
            windows.push((r, s.saturating_sub(rule.back + 1), to));
        });
    }

    /// Each digit rule that takes the digit cluster `s..e` of `n` digits, in order.
    #[inline(always)]
    fn cluster_rules(
        &self,
        bytes: &[u8],
        s: usize,
        e: usize,
        n: usize,
        mut take: impl FnMut(usize, &Compiled),
    ) {
        // The cluster and the byte after it; with the byte before it too, whether it holds or
        // touches a letter.
        let cluster = bytes.get(s..(e + 1).min(bytes.len())).unwrap_or(&[]);
        let letter_before = s
            .checked_sub(1)
            .and_then(|p| bytes.get(p))
            .is_some_and(u8::is_ascii_alphabetic);
        // Without a letter or a needed byte, the glued rules and those needing a byte skip it:
        // one look at its bytes, and only the plain rules.
        if !letter_before
            && !cluster
                .iter()
                .any(|&b| contains(&self.letters_and_needs, b))
        {
            for &r in &self.plain_digit_rules {
                let rule = &self.rules[r];
                // Sorted by digits: no later rule takes this cluster.
                if n < rule.digits {
                    break;
                }
                take(r, rule);
            }
            return;
        }
        let held = byte_set(cluster);
        let lettered = letter_before || intersects(&LETTERS, &held);
        for &r in &self.digit_rules {
            let rule = &self.rules[r];
            if n < rule.digits {
                break;
            }
            if rule.glued && !lettered {
                continue;
            }
            if rule
                .cluster_needs
                .is_none_or(|needs| intersects(&needs, &held))
            {
                take(r, rule);
            }
        }
    }

    /// Run rule `r` over `text[from..to]` (widened to char boundaries), pushing valid candidates.
    /// `anchored`: the window starts at an identifier boundary (keyword rules).
    fn run(
        &self,
        r: usize,
        text: &str,
        from: usize,
        to: usize,
        anchored: bool,
        out: &mut Vec<(usize, usize, usize)>,
    ) {
        let rule = &self.rules[r];
        let mut from = from.min(text.len());
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = to.min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let Some(window) = text.get(from..to) else {
            return;
        };
        // A window without the runs of letters and digits every match holds cannot match.
        if !rule.gates_pass(window.as_bytes()) {
            return;
        }
        let mut push = |whole: (usize, usize), span: (usize, usize)| {
            // A match touching a cut edge of the window may be part of something longer.
            if (whole.0 == 0 && from > 0 && !anchored)
                || (whole.1 == window.len() && to < text.len())
            {
                return;
            }
            if whole.1 - whole.0 > rule.max || span.1 - span.0 < rule.min {
                return;
            }
            let (s, e) = (from + span.0, from + span.1);
            if self.valid(rule, text, s, e) {
                out.push((r, s, e));
            }
        };
        let mut found = Vec::new();
        let segmented = match &rule.alphabet {
            Some(alphabet) if !anchored => {
                segment_matches(rule, window, alphabet, &mut found).is_some()
            }
            _ => false,
        };
        if !segmented {
            found.clear();
            all_matches(rule, window, &mut found);
        }
        for (whole, span) in found {
            push(whole, span);
        }
    }

    fn valid(&self, rule: &Compiled, text: &str, s: usize, e: usize) -> bool {
        let Some(v) = text.get(s..e) else {
            return false;
        };
        // A token right after a '.' is part of a file name or host (`video.ico-...`), not a token.
        if rule.tier == 0 && rule.kind == Kind::Secret && s > 0 && text.as_bytes()[s - 1] == b'.' {
            return false;
        }
        match rule.check {
            Check::None => true,
            Check::Entropy(min) => {
                !is_placeholder(v) && !sequential(v) && !elided(text, e) && entropy(v) >= min
            }
            Check::TailEntropy(min) => {
                let tail = v.rsplit('-').next().unwrap_or(v);
                // A short tail cannot reach `min`: 10 random characters have at most log2(10).
                let bound = min.min(0.8 * (tail.len().max(1) as f32).log2());
                !is_placeholder(v) && !elided(text, e) && entropy(tail) >= bound
            }
            Check::Value => keyword_value_ok(text, s, e, v),
            Check::Stated => {
                // Markdown emphasis around a heading word (`**Secret Management**`) is not
                // part of a value.
                let v = v.trim_matches(['*', '_', '~']);
                keyword_value_ok(text, s, e, v) && !described(v)
            }
            Check::UrlPassword => plausible_password(v),
            Check::Pem => pem_body_ok(v),
            Check::Jwt => jwt_ok(v),
            Check::Discord => {
                let id = v
                    .split('.')
                    .next()
                    .and_then(b64url_decode)
                    .unwrap_or_default();
                (17..=20).contains(&id.len())
                    && id.iter().all(u8::is_ascii_digit)
                    && entropy(v) >= 3.5
            }
            Check::K8sData => k8s_secret_data(text, s, e),
            Check::Luhn => isolated_number(text, s, e) && pii::valid_card(v),
            Check::Iban => pii::valid_iban(v),
            Check::Ssn => isolated_number(text, s, e) && pii::valid_ssn(v),
            Check::Phone => {
                isolated_number(text, s, e) && !in_account_groups(text, s) && pii::valid_phone(v)
            }
            Check::Email => pii::valid_email(v),
            Check::Ipv4 => isolated_number(text, s, e) && pii::valid_ipv4(v),
            Check::Id(kind) => isolated_number(text, s, e) && pii::valid_id(kind, v),
            Check::Ipv6 => {
                let next = text.as_bytes().get(e).copied().unwrap_or(b' ');
                !next.is_ascii_alphanumeric() && pii::valid_ipv6(v)
            }
        }
    }

    /// Keep non-overlapping candidates: lower tier first (provider formats, then keyword
    /// context, then PII), then the longer match, then the earlier one.
    fn resolve(&self, mut cands: Vec<(usize, usize, usize)>) -> Vec<SecretMatch> {
        cands.sort_unstable_by(|a, b| {
            let (ra, rb) = (&self.rules[a.0], &self.rules[b.0]);
            ra.tier
                .cmp(&rb.tier)
                .then((b.2 - b.1).cmp(&(a.2 - a.1)))
                .then(a.1.cmp(&b.1))
                .then(a.0.cmp(&b.0))
        });
        // Kept spans are disjoint: only the one starting last before `c`'s end can overlap it.
        let mut kept: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
        for (r, start, end) in cands {
            let clash = kept
                .range(..end)
                .next_back()
                .is_some_and(|(_, &(e, _))| e > start);
            if !clash {
                kept.insert(start, (end, r));
            }
        }
        kept.into_iter()
            .map(|(start, (end, r))| SecretMatch {
                rule: self.rules[r].id.clone(),
                kind: self.rules[r].kind,
                start,
                end,
            })
            .collect()
    }
}

/// The longest literal anchor of any built-in rule (custom rules have none).
const MAX_ANCHOR_LEN: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < RULES.len() {
        let anchors = RULES[i].anchors;
        let mut j = 0;
        while j < anchors.len() {
            if anchors[j].len() > max {
                max = anchors[j].len();
            }
            j += 1;
        }
        i += 1;
    }
    max
};

/// Where the window of an anchored (not keyword) rule for the anchor at `start..end` ends, before
/// it is cut at the end of the text: the rule's longest match from the anchor, or just past it.
fn anchor_window_end(rule: &Compiled, start: usize, end: usize) -> usize {
    (start + rule.max + 1).max(end + 1)
}

/// Where the window of a digit rule over the cluster `s..e` ends, before it is cut at the end
/// of the text: 8 bytes past the cluster, or the rule's longest match from its start.
fn cluster_window_end(rule: &Compiled, s: usize, e: usize) -> usize {
    (e + 8).max(s + rule.max + 1)
}

/// Streaming support (`stream::redactor`), kept apart from `find`: it reads `find`'s triggers.
impl SecretScanner {
    /// How far the matches `find(text)` reports can reach, and how much of `text` that answer
    /// settles (`stream::Reach`): each match ends at or before the first character boundary at
    /// or after `end`; `keep` names the latest Kubernetes manifest anchor, which the Secret data
    /// rule reads back to, so the caller keeps it as context. For a caller that scans a
    /// growing text again, only the anchors and digit clusters that end after `from` are counted:
    /// a bound given here does not depend on the bytes before the anchor or cluster (which the
    /// caller may cut off later), so the bound an earlier call gave for the rest still holds.
    /// `None`: no bound (custom rules read the whole text).
    ///
    /// This follows how `find` opens windows, a match lying inside its window: a keyword rule
    /// runs from the start of the identifier holding its anchor for `max + 1` bytes, and only
    /// when an assignment follows the keyword (`assignment_follows`); any other anchored rule to
    /// `max + 1` bytes after its anchor's start (or just past its end); a digit rule as
    /// `cluster_window_end` says, for the rules `find` offers the cluster to (`cluster_rules`,
    /// shared with `find`). Anchors are counted whatever is before them. A keyword whose
    /// assignment test still reads past the end of `text` opens no window in `find(text)`, but
    /// may in a longer text: `settled` stops before it, so the next call judges it again.
    pub fn match_reach(&self, text: &str, from: usize) -> Option<crate::stream::Reach> {
        if !self.whole_text_rules.is_empty() {
            return None;
        }
        let bytes = text.as_bytes();
        let from = from.min(text.len());
        let mut reach = 0;
        let mut settled = text.len();
        let mut keep: Option<(usize, usize)> = None;
        // An anchor ending after `from` starts at most MAX_ANCHOR_LEN - 1 bytes before it.
        let mut at = from.saturating_sub(MAX_ANCHOR_LEN.saturating_sub(1));
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        self.anchors
            .each_match(text.get(at..).unwrap_or(""), |pattern, start, end| {
                let users = self
                    .anchor_users
                    .get(pattern)
                    .map_or(&[][..], Vec::as_slice);
                // A keyword rule's window starts at or before its anchor: the same bound holds.
                for rule in users.iter().filter_map(|&r| self.rules.get(r)) {
                    // `find` opens no window for a keyword no assignment follows (`the key
                    // point`), and once the bytes after the keyword that say so are here, no
                    // later text changes that.
                    if rule.check == Check::Stated {
                        match statement_decided(bytes, at + end) {
                            (false, true) => continue,
                            // Judged again when the rest arrives; a window `find(text)` opens
                            // now is still counted.
                            (may, false) => {
                                settled = settled.min(at + start);
                                if !may {
                                    continue;
                                }
                            }
                            (true, true) => {}
                        }
                    }
                    if rule.anchored && rule.assign {
                        match assignment_decided(bytes, at + end) {
                            Some(false) => continue,
                            // `find(text)` opens no window yet; a longer text may: judged again.
                            None => {
                                settled = settled.min(at + start);
                                continue;
                            }
                            Some(true) => {}
                        }
                    }
                    let window_end = anchor_window_end(rule, at + start, at + end);
                    reach = reach.max(window_end);
                    if rule.check == Check::K8sData && keep.is_none_or(|(k, _)| k < at + start) {
                        keep = Some((at + start, window_end));
                    }
                }
            });
        let new_digit = bytes
            .get(from..)
            .is_some_and(|b| b.iter().any(u8::is_ascii_digit));
        if self.digit_rules.is_empty() || !new_digit {
            return Some(crate::stream::Reach {
                end: reach,
                settled,
                keep,
            });
        }
        // The clusters of the whole text, as `find` reads them (a cluster cut at the front could
        // hold too few digits for a rule that takes it whole); their windows unclipped, since the
        // text may go on.
        let mut clusters = DigitClusters::new(self.min_cluster_digits);
        let mut reach_of = |s: usize, e: usize, n: usize| {
            if e > from {
                self.cluster_rules(bytes, s, e, n, |_, rule| {
                    reach = reach.max(cluster_window_end(rule, s, e));
                });
            }
        };
        each_digit(bytes, |i| {
            if let Some((s, e, n)) = clusters.digit(i) {
                reach_of(s, e, n);
            }
        });
        if let Some((s, e, n)) = clusters.finish() {
            reach_of(s, e, n);
        }
        Some(crate::stream::Reach {
            end: reach,
            settled,
            keep,
        })
    }
}

fn group_s(re: &Regex) -> Option<usize> {
    group_named(re, "s")
}

fn group_named(re: &Regex, name: &str) -> Option<usize> {
    re.capture_names().position(|n| n == Some(name))
}

/// Cheap test run at a keyword anchor before its regex: the rest of the identifier, a closing
/// quote, blanks and at most one type word (`var token string =`), then an assignment operator
/// (of any keyword rule: `rules::ASSIGN` has them all). Prose (`the token is`, `tests pass;`,
/// `the key.`) stops here without running a regex.
fn assignment_follows(b: &[u8], from: usize) -> bool {
    assignment_decided(b, from).unwrap_or(false)
}

/// `assignment_follows`, and whether more text after `b` could change its answer: `None` when
/// its reading ran into the end of `b` before its 48-byte limit (a stream's text that is still
/// growing), so only a decided `Some(false)` may be relied on while it grows.
fn assignment_decided(b: &[u8], from: usize) -> Option<bool> {
    let cap = from + 48;
    let lim = cap.min(b.len());
    let mut i = from;
    let skip = |i: &mut usize, f: &dyn Fn(u8) -> bool| {
        while *i < lim && f(b[*i]) {
            *i += 1;
        }
    };
    skip(&mut i, &|c| {
        c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
    });
    skip(&mut i, &|c| matches!(c, b'"' | b'\'' | b']' | b'`'));
    skip(&mut i, &|c| matches!(c, b' ' | b'\t'));
    if i < lim && b[i].is_ascii_alphabetic() {
        let word = i;
        skip(&mut i, &|c| c.is_ascii_alphanumeric() || c == b'&');
        if i - word > 8 {
            // More text could only make the word longer.
            return Some(false);
        }
        if i == b.len() && i < cap {
            // The word may still grow.
            return None;
        }
        // The only word the rules' regexes allow there is a type (`rules::ASSIGN`); prose
        // (`the key point, ...`) stops here.
        if !matches!(&b[word..i], b"string" | b"String" | b"str") {
            return Some(false);
        }
        skip(&mut i, &|c| matches!(c, b' ' | b'\t'));
    }
    // The operators of `rules::ASSIGN`: `.`, `+` and `?` only before `=` (`.=`, `+=`, `?=`),
    // `-` only in `->`; so a keyword ending a sentence (`the key.`) opens no window.
    // (The second byte of an operator may lie just past the limit.)
    if i == lim {
        // Reading stopped at the limit: no assignment, unless the text ended before it.
        return (lim == cap).then_some(false);
    }
    match b[i] {
        b'=' | b':' | b'>' => Some(true),
        // After a comma every rule wants its value at once (`key, value`): a list in prose
        // (`the key, then ...`) has a word there.
        b',' => value_follows(b, i + 1),
        b'.' | b'+' | b'?' => b.get(i + 1).map(|&c| c == b'='),
        b'-' => b.get(i + 1).map(|&c| c == b'>'),
        _ => Some(false),
    }
}

/// Cheap test run at the anchor of a stated credential (`rules::STATED`) before its regex, and
/// by `match_reach`: whether a value the regex and `Check::Stated` could accept follows. After
/// the keyword's ending (`s`, the `word` of `pass`, the `key` of `secret_key`) and a blank come
/// at most four words the regex reads before a value (a linking verb, `now`, `set`, `to`, the
/// `key` of `secret key`) or a `for/of/on <what>` of at most 48 bytes, then a token of 8 or
/// more value bytes, not letters alone. Prose (`tokens per second`, `the token is valid`,
/// `Secret Management`) stops here without running the regex.
///
/// Returns `(may match, decided)`: `decided` is false when the reading ran into the end of `b`,
/// where a longer text may answer otherwise (the stream redactor judges it again then).
fn statement_decided(b: &[u8], from: usize) -> (bool, bool) {
    let mut i = from;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'-') {
        i += 1;
    }
    // What may follow an anchor inside the keyword (`pass` + `word`, `token` + `s`): a stem
    // ending, then the regex's optional `s` or `es`.
    let stem = |e: &[u8]| {
        matches!(
            e,
            b"" | b"key" | b"_key" | b"-key" | b"word" | b"wd" | b"phrase" | b"code" | b"wort"
        )
    };
    let ending_ok = lower_short(&b[from..i]).is_some_and(|(w, n)| {
        let ending = &w[..n];
        stem(ending)
            || ending.strip_suffix(b"s").is_some_and(stem)
            || ending.strip_suffix(b"es").is_some_and(stem)
    });
    if !ending_ok {
        return (false, i < b.len() || i - from > 7);
    }
    if i >= b.len() || !(b[i] == b' ' || b[i] == b'\t') {
        return (false, i < b.len());
    }
    let mut words = 0;
    loop {
        let Some((t, e)) = next_token(b, i) else {
            // The token runs into the end of the text: judged as it is (the end of a stream
            // is the end of its last token), and again if it grows.
            return (value_after_link(b[i..].trim_ascii_start()), false);
        };
        let token = &b[t..e];
        if token.len() >= 8 {
            // A token cut at 64 bytes is left to the regex.
            return (token.len() >= 64 || value_after_link(token), true);
        }
        if token == b":" {
            // `secret : value`: the regex's colon before the value.
            i = e;
            continue;
        }
        let bare = token.strip_suffix(b":").unwrap_or(token);
        let Some((w, n)) = lower_short(bare) else {
            return (false, true);
        };
        let link = is_link_word(&w[..n]);
        if link && words < 4 {
            // The `key` of `secret key` belongs to the keyword (a qualifier may follow it).
            if !w[..n].starts_with(b"key") {
                words += 1;
            }
            i = e;
            continue;
        }
        if words == 0 && matches!(&w[..n], b"for" | b"of" | b"on") {
            // `for the admin account is <value>`: some token of the next 48 bytes.
            let mut k = e;
            while k < (e + 48).min(b.len()) {
                match next_token(b, k) {
                    Some((t, e2)) if e2 > t => {
                        if e2 - t >= 64 || value_after_link(&b[t..e2]) {
                            return (true, true);
                        }
                        k = e2;
                    }
                    Some(_) => return (false, true),
                    None => return (value_after_link(b[k..].trim_ascii_start()), false),
                }
            }
            return (false, true);
        }
        return (false, true);
    }
}

/// A word `rules::STATED` reads between a keyword and its value (lower case).
fn is_link_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"is"
            | b"was"
            | b"are"
            | b"were"
            | b"reads"
            | b"remains"
            | b"lautet"
            | b"ist"
            | b"est"
            | b"es"
            | b"\xC3\xA9"
            | b"will"
            | b"be"
            | b"should"
            | b"now"
            | b"still"
            | b"set"
            | b"changed"
            | b"reset"
            | b"updated"
            | b"to"
            | b"key"
            | b"keys"
            | b"keyes"
    )
}

/// `value_like`, for the token itself or for what follows a linking word and a colon glued to
/// it (`is:Xk29...`).
fn value_after_link(t: &[u8]) -> bool {
    value_like(t)
        || t.iter().position(|&c| c == b':').is_some_and(|c| {
            lower_short(&t[..c]).is_some_and(|(w, n)| is_link_word(&w[..n]))
                && value_like(&t[c + 1..])
        })
}

/// `t` lower-cased, when it has at most 8 bytes.
fn lower_short(t: &[u8]) -> Option<([u8; 8], usize)> {
    let mut w = [0u8; 8];
    w.get_mut(..t.len())?.copy_from_slice(t);
    w.make_ascii_lowercase();
    Some((w, t.len()))
}

/// The token (up to white space, at most 64 bytes) starting after the blanks at `i`, or `None`
/// when it runs into the end of `b` (it may still grow).
fn next_token(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let mut t = i;
    while t < b.len() && (b[t] == b' ' || b[t] == b'\t') {
        t += 1;
    }
    match b[t..].iter().take(64).position(u8::is_ascii_whitespace) {
        Some(n) => Some((t, t + n)),
        None if b.len() - t >= 64 => Some((t, t + 64)),
        None => None,
    }
}

/// A token `Check::Stated` may accept, read as the rule's regex reads it: after an optional
/// colon and opening quote, the run of value bytes, trimmed as the check trims it; 8 or more
/// bytes, and not only words and dotted references (`plausible_value` takes none of those).
fn value_like(t: &[u8]) -> bool {
    // The colon may be the regex's or the value's first byte.
    quoted_value_like(t) || t.strip_prefix(b":").is_some_and(quoted_value_like)
}

/// `value_like` after the colon.
fn quoted_value_like(t: &[u8]) -> bool {
    let t = t
        .strip_prefix("\u{201C}".as_bytes())
        .or_else(|| t.strip_prefix("\u{2018}".as_bytes()))
        .or_else(|| t.strip_prefix(b"\""))
        .or_else(|| t.strip_prefix(b"'"))
        .or_else(|| t.strip_prefix(b"`"))
        .unwrap_or(t);
    let run = t
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || b"_-+/=.~:!@#%^&*?|$".contains(&c)))
        .unwrap_or(t.len());
    let v = &t[..run];
    let v = {
        let start = v.iter().position(|c| !matches!(c, b'*' | b'_' | b'~'));
        let end = v.iter().rposition(|c| !matches!(c, b'*' | b'_' | b'~'));
        match (start, end) {
            (Some(s), Some(e)) => &v[s..=e],
            _ => &[][..],
        }
    };
    let end = v
        .iter()
        .rposition(|c| !matches!(c, b'.' | b',' | b';' | b':'))
        .map_or(0, |k| k + 1);
    let v = &v[..end];
    let word = |seg: &[u8]| {
        !seg.is_empty()
            && seg
                .iter()
                .all(|&c| c.is_ascii_alphabetic() || c == b'_' || c == b'-')
    };
    v.len() >= 8 && !v.split(|&c| c == b'.').all(word)
}

/// Whether at least eight value characters follow `v` (after blanks, one line break and an
/// opening quote), as every keyword rule's regex reads the value after a comma (`rules::ASSIGN`
/// has the widest value alphabet and the shortest value); `None` when `b` ends first.
fn value_follows(b: &[u8], mut v: usize) -> Option<bool> {
    // `rules::ASSIGN`'s value alphabets, bare and quoted.
    let is_value = |c: u8| c.is_ascii_alphanumeric() || b"_-+/=.~:!@#%^&*?|".contains(&c);
    let is_quoted_value = |c: u8| is_value(c) || b"$(){}[]<>,;".contains(&c);
    let blanks = |v: &mut usize| {
        while b.get(*v).is_some_and(|&c| c == b' ' || c == b'\t') {
            *v += 1;
        }
    };
    let start = v;
    blanks(&mut v);
    if b.get(v) == Some(&b'\r') && b.get(v + 1) == Some(&b'\n') {
        v += 2;
        blanks(&mut v);
    } else if b.get(v) == Some(&b'\n') {
        v += 1;
        blanks(&mut v);
    } else if b.get(v) == Some(&b'\r') && v + 1 == b.len() {
        return None;
    }
    if v - start > 64 {
        // A long run of blanks: let the regex judge it.
        return Some(true);
    }
    let quoted = b.get(v).is_some_and(|c| matches!(c, b'"' | b'\'' | b'`'));
    if quoted {
        v += 1;
    }
    for k in 0..8 {
        match b.get(v + k) {
            None => return None,
            Some(&c) if !(is_value(c) || (quoted && is_quoted_value(c))) => return Some(false),
            Some(_) => {}
        }
    }
    Some(true)
}

/// Does a word start at `i`: no letter or digit before it, or a camelCase boundary
/// (lower-case letter or digit, then an upper-case letter)?
fn starts_word(b: &[u8], i: usize) -> bool {
    let Some(&prev) = i.checked_sub(1).and_then(|p| b.get(p)) else {
        return true;
    };
    let cur = b.get(i).copied().unwrap_or(b' ');
    !prev.is_ascii_alphanumeric()
        || ((prev.is_ascii_lowercase() || prev.is_ascii_digit()) && cur.is_ascii_uppercase())
}

/// Does `bytes` hold at least `n` bytes in a row of the class `is`? Looks at the last byte a
/// run could end at and skips `n` bytes past one outside the class, so a window with few such
/// bytes (digits in a log line) is read at about one byte in `n`.
fn has_run(bytes: &[u8], n: usize, is: fn(&u8) -> bool) -> bool {
    if n == 0 {
        return true;
    }
    let mut end = n - 1;
    while let Some(b) = bytes.get(end) {
        if !is(b) {
            end += n;
            continue;
        }
        // Bytes of the class in a row ending at `end`, up to `n`.
        let held = bytes[end + 1 - n..=end]
            .iter()
            .rev()
            .take_while(|b| is(b))
            .count();
        if held == n {
            return true;
        }
        // The byte before those breaks every run through it: the next run ends `n` after it.
        end = end - held + n;
    }
    false
}

/// Does `bytes` hold an upper-case ASCII letter at most two bytes from a digit?
fn upper_near_digit(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, b)| {
        b.is_ascii_digit()
            && bytes[i.saturating_sub(2)..(i + 3).min(bytes.len())]
                .iter()
                .any(u8::is_ascii_uppercase)
    })
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'%' | b'+')
}

impl Compiled {
    /// Whether `text` holds the runs of letters and digits (and the upper-case letter next to a
    /// digit) that every match of the rule holds.
    fn gates_pass(&self, text: &[u8]) -> bool {
        (self.word_run <= 1 || has_run(text, self.word_run, u8::is_ascii_alphanumeric))
            && (self.digit_run == 0 || has_run(text, self.digit_run, u8::is_ascii_digit))
            && (!self.upper_near_digit || upper_near_digit(text))
    }
}

/// `(whole match, reported span)` pairs of a rule, as `run` checks them.
type Found = Vec<((usize, usize), (usize, usize))>;

/// Every match of `rule` over `window`, by the regex's own iterators.
fn all_matches(rule: &Compiled, window: &str, found: &mut Found) {
    match rule.group {
        None => {
            for m in rule.re.find_iter(window) {
                found.push(((m.start(), m.end()), (m.start(), m.end())));
            }
        }
        Some(g) => {
            for caps in rule.re.captures_iter(window) {
                record_captures(rule, g, &caps, found);
            }
        }
    }
}

/// The reported spans of one match of a rule with a reported group `g` (and group `t`, when the
/// rule has one), each with the whole match; none when group `g` took no part.
fn record_captures(rule: &Compiled, g: usize, caps: &regex_lite::Captures<'_>, found: &mut Found) {
    let Some(whole) = caps.get(0) else {
        return;
    };
    let w = (whole.start(), whole.end());
    let second = rule.group2.and_then(|t| caps.get(t));
    match (caps.get(g), second) {
        (Some(span), second) => {
            found.push((w, (span.start(), span.end())));
            if let Some(t) = second {
                found.push((w, (t.start(), t.end())));
            }
        }
        // Group `t` in an alternative of its own (`rules::ASSIGN`'s quoted value).
        (None, Some(t)) => found.push((w, (t.start(), t.end()))),
        (None, None) => {}
    }
}

/// The matches of `rule` over `hay` from `start` on, as the iterators would give them once
/// they reach `start` (a non-empty match resumes the search at its end). `None` on an empty
/// match, which the iterators step over in their own way.
fn matches_from(rule: &Compiled, hay: &str, start: usize, found: &mut Found) -> Option<()> {
    let mut pos = start;
    while pos <= hay.len() {
        match rule.group {
            None => {
                let Some(m) = rule.re.find_at(hay, pos) else {
                    break;
                };
                if m.is_empty() {
                    return None;
                }
                found.push(((m.start(), m.end()), (m.start(), m.end())));
                pos = m.end();
            }
            Some(g) => {
                let Some(caps) = rule.re.captures_at(hay, pos) else {
                    break;
                };
                let Some(whole) = caps.get(0) else {
                    break;
                };
                if whole.is_empty() {
                    return None;
                }
                record_captures(rule, g, &caps, found);
                pos = whole.end();
            }
        }
    }
    Some(())
}

/// The matches of an unanchored rule over `window`, searched only in the runs of bytes its
/// regex can hold (`alphabet`) that are long enough for a match and have its shape; the same
/// matches as one search over the whole window, since no match crosses a byte outside the
/// alphabet (IPv6: except the one byte of context before it, so its runs are searched from the
/// character before them), and a shape only turns away runs without a match (IPv6: without a
/// valid one). Each run is searched in the window cut one character after it, so `\b` and `$`
/// see the real next character. `None` on an empty match: the caller then searches the whole
/// window.
fn segment_matches(
    rule: &Compiled,
    window: &str,
    alphabet: &ByteTable,
    found: &mut Found,
) -> Option<()> {
    let bytes = window.as_bytes();
    let held = |i: usize| bytes.get(i).is_some_and(|&b| alphabet[usize::from(b)]);
    let mut i = 0;
    while i < bytes.len() {
        if !held(i) {
            i += 1;
            continue;
        }
        let start = i;
        while held(i) {
            i += 1;
        }
        // Alphabets are ASCII, so run edges are character boundaries. A run too short for the
        // rule, or without the runs of letters and digits every match of it holds, has none.
        let run = bytes.get(start..i)?;
        if run.len() < rule.min.max(1) || !rule.gates_pass(run) || !rule.shape.admits(run) {
            continue;
        }
        let cut = match window.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c) => i + c.len_utf8(),
            None => i,
        };
        let hay = window.get(..cut)?;
        // A rule with a lead byte starts one character before its run (or at the window start).
        let from = if rule.lead {
            window
                .get(..start)?
                .char_indices()
                .next_back()
                .map_or(0, |(k, _)| k)
        } else {
            start
        };
        matches_from(rule, hay, from, found)?;
    }
    Some(())
}

/// `windows` (`(rule, from, to)`, every rule below `rule_count`) sorted as `sort_unstable` sorts
/// them, by rule, then `from`, then `to`: grouped by rule first (a counting pass), then each
/// rule's sorted on its own. Number-dense text opens tens of thousands of windows, and each
/// rule's come nearly in order already (the digit clusters' exactly), which the sort of a
/// rule's part detects; one sort of the whole list cost more than the runs over short texts.
fn sort_windows(windows: &mut Vec<(usize, usize, usize)>, rule_count: usize) {
    // A short list (a short text's, a streamed chunk's) is sorted whole: the same order, without
    // the counting pass over every rule.
    if windows.len() < 64 {
        windows.sort_unstable();
        return;
    }
    // `next[r]`: where rule `r`'s windows start in the sorted list, then where they end.
    let mut next = vec![0usize; rule_count];
    for &(r, _, _) in windows.iter() {
        if let Some(n) = next.get_mut(r) {
            *n += 1;
        }
    }
    let mut sum = 0;
    for n in next.iter_mut() {
        let count = *n;
        *n = sum;
        sum += count;
    }
    let mut sorted = vec![(0, 0, 0); windows.len()];
    for &w in windows.iter() {
        if let Some(n) = next.get_mut(w.0) {
            if let Some(slot) = sorted.get_mut(*n) {
                *slot = w;
            }
            *n += 1;
        }
    }
    let mut lo = 0;
    for &hi in &next {
        if let Some(part) = sorted.get_mut(lo..hi) {
            part.sort_unstable();
        }
        lo = hi;
    }
    *windows = sorted;
}

/// The offset of every ASCII digit in `bytes`, in increasing order. Eight bytes at a time: the
/// words holding a digit are collected, and the digits of a word are the set bits of
/// `digit_bits`. (A pass of its own: flags in the anchor pass's pair table saved instructions
/// but cost time in V8, where most pairs then took the table's slow branch.)
#[inline(always)]
fn each_digit(bytes: &[u8], mut f: impl FnMut(usize)) {
    // Which words of prose hold a digit is as unpredictable as the text: the words of a block
    // are tested without a branch per word (each written, the count advanced for one with a
    // digit), then the digits of those read.
    const BLOCK: usize = 64;
    let mut held = [(0usize, 0u64); BLOCK];
    let whole = bytes.len() - bytes.len() % 8;
    for (n, block) in bytes
        .get(..whole)
        .unwrap_or(&[])
        .chunks(8 * BLOCK)
        .enumerate()
    {
        let mut count = 0usize;
        for (j, word) in block.chunks_exact(8).enumerate() {
            let Ok(word) = <[u8; 8]>::try_from(word) else {
                continue;
            };
            let found = digit_bits(u64::from_le_bytes(word));
            // `count` ≤ `j` < BLOCK: the mask only spares a bounds check.
            held[count & (BLOCK - 1)] = (8 * (n * BLOCK + j), found);
            count += usize::from(found != 0);
        }
        for &(at, mut found) in held.get(..count).unwrap_or(&[]) {
            while found != 0 {
                f(at + (found.trailing_zeros() / 8) as usize);
                found &= found - 1;
            }
        }
    }
    for (j, b) in bytes.iter().enumerate().skip(whole) {
        if b.is_ascii_digit() {
            f(j);
        }
    }
}

/// 0x80 in each of the eight bytes of `x` that is an ASCII digit, 0 elsewhere.
#[inline(always)]
fn digit_bits(x: u64) -> u64 {
    in_range_bits(x, b'0', b'9')
}

/// Runs of digits whose neighbours are at most 6 bytes apart, with at least `min` digits, read
/// from the offsets of the digits in increasing order: each cluster as `(start, end, digit
/// count)`.
struct DigitClusters {
    min: usize,
    start: usize,
    last: usize,
    count: usize,
}

impl DigitClusters {
    fn new(min: usize) -> DigitClusters {
        DigitClusters {
            min,
            start: 0,
            last: 0,
            count: 0,
        }
    }

    /// The digit at `i`; the cluster before it when `i` ends it. A cluster is only judged at its
    /// next digit (or at the end), by the distance from the last one.
    fn digit(&mut self, i: usize) -> Option<(usize, usize, usize)> {
        let mut ended = None;
        if self.count > 0 && i - self.last > 6 {
            if self.count >= self.min {
                ended = Some((self.start, self.last + 1, self.count));
            }
            self.count = 0;
        }
        if self.count == 0 {
            self.start = i;
        }
        self.count += 1;
        self.last = i;
        ended
    }

    /// The last cluster, after the last digit.
    fn finish(&self) -> Option<(usize, usize, usize)> {
        (self.count >= self.min && self.count > 0).then_some((
            self.start,
            self.last + 1,
            self.count,
        ))
    }
}

/// The number at `s..e` is not part of a longer number (a digit, or a separator then a digit,
/// just before or after it).
fn isolated_number(text: &str, s: usize, e: usize) -> bool {
    let b = text.as_bytes();
    let before = |k: usize| s.checked_sub(k).and_then(|i| b.get(i)).copied();
    let after = |k: usize| b.get(e + k - 1).copied();
    let is_sep = |c: Option<u8>| matches!(c, Some(b'-' | b'.' | b' ' | b'/' | b','));
    let is_digit = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_digit() || c.is_ascii_alphabetic());
    if is_digit(before(1)) || (before(1) == Some(b'.') && is_digit(before(2))) {
        return false;
    }
    if is_sep(before(1)) && before(2).is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    if is_digit(after(1)) || (is_sep(after(1)) && after(2).is_some_and(|c| c.is_ascii_digit())) {
        return false;
    }
    true
}

/// Does the number at `s` continue an IBAN written in groups (ISO 13616 print format: country
/// code and check digits, then groups of four letters and digits, `MT84 MALT 0110 ...`)? Such
/// digits belong to an account number, even one whose check digits fail, not to a phone number.
fn in_account_groups(text: &str, s: usize) -> bool {
    let Some(before) = text.get(s.saturating_sub(64)..s) else {
        return false;
    };
    let Some(prefix) = before.strip_suffix(' ') else {
        return false;
    };
    let upper_alnum = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    for (n, g) in prefix.rsplit(' ').enumerate() {
        let b = g.as_bytes();
        if b.len() == 4
            && b[..2].iter().all(u8::is_ascii_uppercase)
            && b[2..].iter().all(u8::is_ascii_digit)
        {
            return n >= 1;
        }
        if b.len() != 4 || !b.iter().all(upper_alnum) {
            return false;
        }
    }
    false
}

/// Shannon entropy in bits per character.
pub fn entropy(s: &str) -> f32 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in s.bytes() {
        counts[b as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = n as f32;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f32 / n;
            -p * p.log2()
        })
        .sum()
}

/// Markers that declare a value a stand-in: a real random token holds none of them.
const DECLARED_PLACEHOLDERS: &[&str] = &[
    "xxxx",
    "****",
    "####",
    "....",
    "${",
    "{{",
    "}}",
    "%s",
    "%(",
    "changeme",
    "change_me",
    "change-me",
    "example",
    "placeholder",
    "redacted",
    "your_",
    "your-",
    "yourkey",
    "yourtoken",
    "yourpassword",
    "insert",
    "replace_me",
    "replaceme",
    "dummy",
    "_here",
    "-here",
    "todo",
    "fixme",
    "lorem",
];

/// Demo words and keyboard rows that mark a made-up value after a keyword. A random token holds
/// a given 5-letter run with probability about n/36^5; provider formats (which have their own
/// prefix as evidence) do not apply this list, keyword values (weaker evidence) do.
const FILLER_WORDS: &[&str] = &[
    "asdfgh", "zxcvbn", "qwerty", "hello", "world", "foobar", "sample",
];

/// A value that declares itself a stand-in (see `DECLARED_PLACEHOLDERS`).
pub fn declared_placeholder(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    DECLARED_PLACEHOLDERS.iter().any(|w| lower.contains(w)) || angle_placeholder(v)
}

/// A name in angle brackets (`<token>`, `<YOUR API KEY>`, `<db-password>`), or a bracket with
/// nothing after it (`<`, `abc>`): how documentation marks what to fill in. A random value may
/// hold `<` or `>` among other symbols (WordPress salts do) and is not one.
fn angle_placeholder(v: &str) -> bool {
    let Some(open) = v.find('<') else {
        return v.ends_with('>');
    };
    let rest = v.get(open + 1..).unwrap_or("");
    match rest.find('>') {
        Some(close) => {
            let name = rest.get(..close).unwrap_or("");
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'_' | b'-' | b'.'))
        }
        None => rest.is_empty(),
    }
}

/// A keyword's value made of demo words (`FILLER_WORDS`).
fn filler(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    FILLER_WORDS.iter().any(|w| lower.contains(w)) || hyphenated_words(v)
}

/// A value that reads as words joined by hyphens (`x-my-test-value-y`): three or more pieces
/// between hyphens that are lower-case letters only, 3 to 8 of them, with a vowel. A random
/// base64url token (mixed case and digits) has such a piece rarely, three of them almost never.
fn hyphenated_words(v: &str) -> bool {
    let mut pieces = v.split('-');
    // The first and last pieces are not delimited on both sides.
    pieces.next();
    pieces.next_back();
    pieces
        .filter(|p| {
            (3..=8).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_lowercase())
                && p.bytes()
                    .any(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
        })
        .count()
        >= 3
}

/// Values that stand in for a secret in docs and templates: declared placeholders or one
/// character making up most of the value.
pub fn is_placeholder(v: &str) -> bool {
    if declared_placeholder(v) {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    let b = lower.as_bytes();
    // One character making up most of the value.
    let mut longest_same = 0;
    let mut run = 0;
    for i in 0..b.len() {
        run = if i > 0 && b[i] == b[i - 1] {
            run + 1
        } else {
            1
        };
        longest_same = longest_same.max(run);
    }
    longest_same * 2 > b.len() && b.len() >= 6
}

/// A value that reads as words: CamelCase humps (an upper-case letter, 2+ lower-case letters
/// with a vowel) making up most of it (`PaymentScheduleItemDisplayName`). Random base62
/// text rarely has three such humps covering 60% of it.
pub fn fabricated(v: &str) -> bool {
    // CamelCase words: humps of an upper-case letter and 2+ lower-case letters with a vowel.
    let raw = v.as_bytes();
    let mut words = 0;
    let mut word_bytes = 0;
    let mut k = 0;
    while k < raw.len() {
        if raw[k].is_ascii_uppercase() {
            let mut j = k + 1;
            while j < raw.len() && raw[j].is_ascii_lowercase() {
                j += 1;
            }
            let hump = &raw[k..j];
            if hump.len() >= 3
                && hump[1..]
                    .iter()
                    .any(|c| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u'))
            {
                words += 1;
                word_bytes += hump.len();
            }
            k = j;
        } else {
            k += 1;
        }
    }
    words >= 3 && word_bytes * 10 >= raw.len() * 6
}

/// At least half of the value in runs of 3+ consecutive letters or digits (`abc`, `1234`, `CBA`,
/// case ignored): a hand-made stand-in. A provider-issued token is random by design (a run of 3
/// has probability about 2/36^2 per position), so provider rules reject it; keyword values do not,
/// because people choose passwords like `abcd1234`.
pub fn sequential(v: &str) -> bool {
    let b: Vec<u8> = v.bytes().map(|c| c.to_ascii_lowercase()).collect();
    if b.len() < 8 {
        return false;
    }
    // +1 or -1 between two letters or two digits, else 0.
    let delta = |x: u8, y: u8| -> i16 {
        let d = i16::from(y) - i16::from(x);
        let same_class = x.is_ascii_alphanumeric()
            && y.is_ascii_alphanumeric()
            && x.is_ascii_digit() == y.is_ascii_digit();
        if same_class && d.abs() == 1 {
            d
        } else {
            0
        }
    };
    let mut in_runs = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        let d = delta(b[i], b[i + 1]);
        if d == 0 {
            i += 1;
            continue;
        }
        let mut j = i + 2;
        while j < b.len() && delta(b[j - 1], b[j]) == d {
            j += 1;
        }
        if j - i >= 3 {
            in_runs += j - i;
        }
        i = j - 1;
    }
    in_runs * 2 >= b.len()
}

/// The key before a keyword value names a password (`db_password`, `PWD`): the value may be
/// chosen by a person, so demo words and CamelCase words do not make it a placeholder.
fn password_key(text: &str, s: usize) -> bool {
    let from = s.saturating_sub(48);
    let before = text
        .as_bytes()
        .get(from..s)
        .unwrap_or(&[])
        .to_ascii_lowercase();
    let key = before.rsplit(|c| *c == b'\n').next().unwrap_or(&[]);
    key.windows(4).any(|w| w == b"pass")
        || key.windows(3).any(|w| w == b"pwd" || w == b"_pw")
        || key.ends_with(b"pw")
}

/// The value is cut off where it ends (`ops_eyJzaWdu...`, `abc..[Redacted]`): an elided example.
fn elided(text: &str, e: usize) -> bool {
    let rest = text.as_bytes().get(e..).unwrap_or(&[]);
    let before = text.as_bytes().get(..e).unwrap_or(&[]);
    rest.starts_with(b"..")
        || rest.starts_with("\u{2026}".as_bytes())
        || rest.starts_with(b"[")
        || before.ends_with(b"..")
}

/// The value `v` of a keyword rule's match at `s..e` of `text`: it looks random, is not cut off,
/// and (unless the key names a password, which a person may choose) is not made of demo or
/// CamelCase words.
fn keyword_value_ok(text: &str, s: usize, e: usize, v: &str) -> bool {
    let bytes = text.as_bytes();
    // A call in code (`key = x509.load(...)`): the value stops at the bracket.
    let called = bytes.get(e).is_some_and(|&b| b == b'(');
    let quoted = || {
        s.checked_sub(1)
            .and_then(|q| bytes.get(q))
            .is_some_and(|&q| matches!(q, b'"' | b'\'' | b'`'))
    };
    plausible_value(v)
        && !elided(text, e)
        && !called
        // An unquoted name in code (`token: node.dot2_token`, `key = win32api.RegOpenKey`).
        && (quoted() || !code_reference(v))
        && (password_key(text, s) || !(filler(v) || fabricated(v)))
}

/// A value that says what something is rather than being it: its last hyphenated piece is a
/// lower-case word ending like an adjective or participle (`AES256-encrypted`, `gpt2-based`,
/// `x86-compatible`, `256-bit`). A random base64url tail ends so about once in 10^5.
fn described(v: &str) -> bool {
    let Some((_, last)) = v.trim_end_matches(['.', ',', ';', ':']).rsplit_once('-') else {
        return false;
    };
    last.len() >= 3
        && last.bytes().all(|b| b.is_ascii_lowercase())
        && [
            "ed", "ing", "able", "ible", "less", "ly", "based", "bit", "bits", "long", "only",
            "safe",
        ]
        .iter()
        .any(|end| last.ends_with(end))
}

/// A name in code rather than a value: a dotted path of identifiers with few digits
/// (`node.or2_token`, `win32api.RegEnumKey`; a JWT's segments carry many digits and are long),
/// or an UPPER_SNAKE constant (`CASE_KW2`).
fn code_reference(v: &str) -> bool {
    let v = v.trim_end_matches(['.', ',', ';', ':']);
    let digits = v.bytes().filter(u8::is_ascii_digit).count();
    let dotted =
        v.contains('.') && v.len() <= 48 && digits <= 3 && v.split('.').all(code_identifier);
    let constant = v.contains('_')
        && code_identifier(v)
        && !v.bytes().any(|b| b.is_ascii_lowercase())
        && !v.starts_with('_');
    dotted || constant
}

/// A name as most programming languages spell one: a letter or `_`, then letters, digits, `_`.
fn code_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A keyword's value that looks like a real secret rather than a word, variable or placeholder.
fn plausible_value(v: &str) -> bool {
    // A path in code (`proc_macro2::`, `token::Brace`), before its trailing colons go.
    if v.contains("::") {
        return false;
    }
    let v = v.trim_end_matches(['.', ',', ';', ':']);
    if v.len() < 8 || is_placeholder(v) {
        return false;
    }
    // Variables, templates and placeholders: `$HOME`, `<your-key>`, `#{ENV[...]}`, `<%= ... %>`,
    // `{% ... %}` (`${...}`, `{{...}}` and `%(...)` are declared placeholders, above).
    if v.starts_with([
        '$', '%', '@', '/', '.', '&', '*', '#', '!', '?', '=', '-', '<', '(', '[', '{', ':',
    ]) || v.contains("://")
        || ["#{", "<%", "{%"].iter().any(|t| v.contains(t))
    {
        return false;
    }
    // A keyword argument read as an assignment (`def get(self, key, default=None)`).
    let keyword_argument = v.split_once('=').is_some_and(|(name, rest)| {
        !rest.trim_start_matches('=').is_empty() && code_identifier(name)
    });
    if keyword_argument {
        return false;
    }
    // A call or an index in code (`getenv(1)`, `keys[0]`): a name, then the bracket.
    if let Some(open) = v.find(['(', '[']) {
        let name = v.get(..open).unwrap_or("");
        let code = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
            && v.ends_with([')', ']']);
        if code {
            return false;
        }
    }
    let digit = v.bytes().any(|b| b.is_ascii_digit());
    let lower = v.bytes().any(|b| b.is_ascii_lowercase());
    let upper = v.bytes().any(|b| b.is_ascii_uppercase());
    let alpha = lower || upper;
    // A dotted identifier (`config.db.password`) or an UPPER_SNAKE constant name is a reference.
    let ident = |seg: &str| {
        !seg.is_empty()
            && seg
                .bytes()
                .all(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'-')
    };
    // Letters only: a word, a CamelCase name or a dotted reference (`config.db.password`), not a
    // value; random letter-only tokens are left to provider rules.
    if v.split('.').all(ident) {
        return false;
    }
    let classes_ok =
        (digit && alpha) || (upper && lower && v.len() >= 12) || (digit && v.len() >= 16);
    // Entropy floors near the 1st percentile of random values of the same alphabet: 16 random
    // digits fall below 3.0 bits three times in four (their maximum is log2(10) = 3.32), 16
    // random hex characters one time in seven.
    let floor = if v.len() < 16 {
        2.7
    } else if v.bytes().all(|b| b.is_ascii_digit()) {
        2.3
    } else if v.bytes().all(|b| b.is_ascii_hexdigit()) {
        2.6
    } else {
        3.0
    };
    classes_ok && entropy(v) >= floor
}

/// A password in a URL or after `-u user:`: present, not a template or a placeholder word.
fn plausible_password(pw: &str) -> bool {
    const WORDS: &[&str] = &[
        "password", "passwd", "pass", "pwd", "secret", "token", "test", "yyy", "xxx",
    ];
    if pw.len() < 3 || is_placeholder(pw) {
        return false;
    }
    if pw.starts_with(['$', '{', '[', '<', '%', '(', '*']) {
        return false;
    }
    let lower = pw.to_ascii_lowercase();
    !WORDS.contains(&lower.as_str())
}

/// A PEM body with at least 64 base64 characters between the header and the footer.
fn pem_body_ok(v: &str) -> bool {
    let body_start = v
        .find("-----BEGIN ")
        .and_then(|i| v[i + 11..].find("-----").map(|j| i + 11 + j + 5));
    let Some(start) = body_start else {
        return false;
    };
    let end = v[start..].find("-----END").map_or(v.len(), |j| start + j);
    let body = v.get(start..end).unwrap_or("");
    let body = body.replace("\\n", "").replace("\\r", "");
    let b64 = body
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
        .count();
    b64 >= 64
        && !is_placeholder(
            &body
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>(),
        )
}

/// `v` (at `s..e`) is a value in the `data:` block of a Kubernetes Secret. Only the region from
/// the last of the rule's anchors (`apiVersion:`, `kind: Secret`) before the value up to the
/// value is read: the streaming redactor keeps exactly that as context (`Reach::keep`), so a
/// stream split anywhere is judged like the whole text. A top-level `kind:` line in the region
/// decides; with none (`kubectl get -o yaml` prints `data:` before `kind:`), the value must look
/// like secret data: base64 of text, or long and random.
fn k8s_secret_data(text: &str, s: usize, e: usize) -> bool {
    let v = &text[s..e];
    if v.len() % 4 != 0 || is_placeholder(v) {
        return false;
    }
    let Some(decoded) = b64url_decode(v).filter(|d| d.len() >= 6) else {
        return false;
    };
    let mut from = s.saturating_sub(rules::K8S_REGION);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let lower = text[from..s].to_ascii_lowercase();
    let Some(anchor) = rules::K8S_ANCHORS
        .iter()
        .filter_map(|a| lower.rfind(a))
        .max()
    else {
        return false;
    };
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '\t']).len();
    // Lines of the region, nearest first; the last is the anchor's (from the anchor on).
    let mut lines = text[from + anchor..s].rsplit('\n');
    // The key line (or the value's own line after a `|` / `>` block indicator).
    let mut key_line = lines.next().unwrap_or("");
    if key_line.trim().is_empty() {
        key_line = lines.next().unwrap_or("");
    }
    let key_indent = indent(key_line);
    let mut data_indent = None;
    let mut kind_secret = None;
    for l in lines {
        let t = l.trim();
        if t == "---" {
            return false;
        }
        let Some(top) = data_indent else {
            if t.is_empty() || t.starts_with('#') || indent(l) >= key_indent {
                continue;
            }
            if t != "data:" {
                return false;
            }
            data_indent = Some(indent(l));
            continue;
        };
        // The nearest top-level `kind:` line names the document (not an owner reference's).
        if let Some(k) = t.strip_prefix("kind:").filter(|_| indent(l) <= top) {
            kind_secret = Some(
                k.trim()
                    .trim_matches(['"', '\''])
                    .eq_ignore_ascii_case("secret"),
            );
            break;
        }
    }
    match (data_indent, kind_secret) {
        (None, _) | (_, Some(false)) => false,
        (Some(_), Some(true)) => true,
        (Some(_), None) => {
            let text_like = std::str::from_utf8(&decoded)
                .is_ok_and(|d| !d.chars().any(|c| c.is_control() && !c.is_whitespace()));
            text_like || (v.len() >= 24 && entropy(v) >= 4.0)
        }
    }
}

/// A JWT: the header decodes (base64url) to a JSON object naming `alg` or `typ`, and the
/// payload decodes to something that starts like a JSON object.
fn jwt_ok(v: &str) -> bool {
    let mut parts = v.split('.');
    let (Some(h), Some(p)) = (parts.next(), parts.next()) else {
        return false;
    };
    let Some(header) = b64url_decode(h) else {
        return false;
    };
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(&header) else {
        return false;
    };
    let Some(obj) = json.as_object() else {
        return false;
    };
    if !(obj.contains_key("alg") || obj.contains_key("typ")) {
        return false;
    }
    let payload = b64url_decode(p).unwrap_or_default();
    payload.first() == Some(&b'{')
}

/// Decode unpadded base64url (or standard base64); trailing partial bits are dropped.
pub(crate) fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for b in s.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests;
