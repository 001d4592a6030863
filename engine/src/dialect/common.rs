//! Pieces shared by the dialect parsers: content (string or parts), tool declarations, spans.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{Conversation, Location, ParseError, TextRun, ToolDecl};
use crate::policy::Scope;

pub(crate) fn from_json<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, ParseError> {
    serde_json::from_str(text).map_err(|e| ParseError(format!("invalid request JSON: {e}")))
}

/// Byte span of a borrowed raw value inside the body it was parsed from.
pub(crate) fn span_of(body: &str, raw: &RawValue) -> (usize, usize) {
    let start = (raw.get().as_ptr() as usize).saturating_sub(body.as_ptr() as usize);
    (start, start + raw.get().len())
}

/// Map a dialect's role name to the scope it speaks for. Unknown roles are treated as user text,
/// the most scrutinised scope, since the upstream may still show them to the model.
pub(crate) fn scope_of_role(role: &str) -> Scope {
    match role {
        "system" | "developer" => Scope::System,
        "assistant" | "model" => Scope::Assistant,
        "tool" | "function" | "ipython" => Scope::Tool,
        _ => Scope::User,
    }
}

/// Message content: a plain string or an array of typed parts/blocks.
#[derive(Debug)]
pub(crate) enum Content<'a> {
    Text(Cow<'a, str>),
    /// Each part with its raw JSON, read whole when its type is not one promptwall knows.
    Parts(Vec<(Part<'a>, &'a RawValue)>),
}

impl<'de: 'a, 'a> Deserialize<'de> for Content<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ContentVisitor;
        impl<'de> Visitor<'de> for ContentVisitor {
            type Value = Content<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an array of content parts")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Content::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Content::Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Content::Text(Cow::Owned(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Content::Parts(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut parts = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(raw) = seq.next_element::<&'de RawValue>()? {
                    let part: Part<'de> =
                        serde_json::from_str(raw.get()).map_err(de::Error::custom)?;
                    parts.push((part, raw));
                }
                Ok(Content::Parts(parts))
            }
        }
        d.deserialize_any(ContentVisitor)
    }
}

/// The union of text-bearing content parts across dialects: OpenAI chat parts (`text`), Responses
/// parts (`input_text`, `output_text`), Anthropic blocks (`text`, `tool_use`, `tool_result`,
/// `document`). Fields whose shape varies by type are kept raw and read by type.
#[derive(Debug, Deserialize)]
pub(crate) struct Part<'a> {
    #[serde(rename = "type", borrow, default)]
    pub kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub text: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub input: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub content: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub source: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub title: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub context: Option<Cow<'a, str>>,
}

/// Part types whose only text the model reads is `text` (or none: media, files). Any other type
/// is read whole.
const KNOWN_PART_TYPES: &[&str] = &[
    "text",
    "input_text",
    "output_text",
    "image_url",
    "input_image",
    "image",
    "input_audio",
    "audio",
    "file",
    "input_file",
    // Earlier assistant turns: reasoning and refusals were never scanned, and a thinking block's
    // signature must reach the provider unchanged.
    "thinking",
    "redacted_thinking",
    "refusal",
];

/// Anthropic document source; only text-bearing forms matter (`text`, `content`).
#[derive(Debug, Deserialize)]
struct DocSource<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    data: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    content: Option<&'a RawValue>,
}

/// Collects the text runs of one message into the conversation.
pub(crate) struct MessageSink<'c, 'a> {
    pub conv: &'c mut Conversation<'a>,
    pub index: Option<usize>,
    pub scope: Scope,
}

impl<'c, 'a> MessageSink<'c, 'a> {
    fn location(&self, field: String) -> Location {
        Location {
            message: self.index,
            field,
        }
    }

    pub fn text(&mut self, scope: Scope, field: String, text: Cow<'a, str>) {
        if !text.is_empty() {
            let location = self.location(field);
            self.conv.texts.push(TextRun {
                scope,
                location,
                text,
            });
        }
    }

    /// A previous tool call: remember the tool's name and scan its arguments as assistant text.
    pub fn tool_call(
        &mut self,
        field: String,
        name: Option<Cow<'a, str>>,
        args: Option<&'a RawValue>,
    ) -> Result<(), ParseError> {
        if let Some(name) = name {
            let location = self.location(format!("{field}.name"));
            self.conv.called_tools.push((name, location));
        }
        if let Some(args) = args {
            let text = strings_in(args)?;
            self.text(Scope::Assistant, format!("{field}.arguments"), text);
        }
        Ok(())
    }

    pub fn content(&mut self, field: &str, content: Content<'a>) -> Result<(), ParseError> {
        match content {
            Content::Text(t) => self.text(self.scope, field.to_string(), t),
            Content::Parts(parts) => {
                for (i, (part, raw)) in parts.into_iter().enumerate() {
                    self.part(&format!("{field}[{i}]"), part, raw)?;
                }
            }
        }
        Ok(())
    }

    pub fn raw_content(&mut self, field: &str, raw: &'a RawValue) -> Result<(), ParseError> {
        let content: Content<'a> = from_json(raw.get())?;
        self.content(field, content)
    }

    fn part(&mut self, field: &str, part: Part<'a>, raw: &'a RawValue) -> Result<(), ParseError> {
        let kind = part.kind.as_deref().unwrap_or("text");
        match kind {
            "tool_use" | "server_tool_use" => {
                self.tool_call(field.to_string(), part.name, part.input)?;
            }
            "tool_result" | "function_call_output" | "web_search_tool_result" => {
                if let Some(raw) = part.content {
                    let mut inner = MessageSink {
                        conv: self.conv,
                        index: self.index,
                        scope: Scope::Tool,
                    };
                    inner.raw_content(&format!("{field}.content"), raw)?;
                }
            }
            "document" | "search_result" => {
                let mut inner = MessageSink {
                    conv: self.conv,
                    index: self.index,
                    scope: Scope::Document,
                };
                if let Some(t) = part.title {
                    inner.text(Scope::Document, format!("{field}.title"), t);
                }
                if let Some(t) = part.context {
                    inner.text(Scope::Document, format!("{field}.context"), t);
                }
                if let Some(raw) = part.source {
                    inner.document_source(&format!("{field}.source"), raw)?;
                }
                if let Some(raw) = part.content {
                    inner.raw_content(&format!("{field}.content"), raw)?;
                }
            }
            kind if KNOWN_PART_TYPES.contains(&kind) => {
                if let Some(t) = part.text {
                    self.text(self.scope, format!("{field}.text"), t);
                }
            }
            _ => {
                // A type promptwall does not know may still be shown to the model (a newer API
                // version, a provider extension): every string in it is read, none skipped.
                let text = strings_in(raw)?;
                self.text(self.scope, field.to_string(), text);
            }
        }
        Ok(())
    }

    fn document_source(&mut self, field: &str, raw: &'a RawValue) -> Result<(), ParseError> {
        // A search_result's source is a URL string; only object sources carry text.
        if !raw.get().starts_with('{') {
            return Ok(());
        }
        let source: DocSource<'a> = from_json(raw.get())?;
        match source.kind.as_deref() {
            Some("text") => {
                if let Some(d) = source.data {
                    self.text(Scope::Document, format!("{field}.data"), d);
                }
            }
            Some("content") => {
                if let Some(raw) = source.content {
                    self.raw_content(&format!("{field}.content"), raw)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// All string values inside a JSON value, decoded and joined by newlines; a JSON string that itself
/// holds JSON (OpenAI's `arguments`) is opened too. Text that is not JSON is returned as it is.
///
/// Read without a DOM so that an object with the same key twice is seen: a map would keep one of
/// the two values, and which one the upstream keeps depends on its parser, so such a value is
/// refused rather than scanned on a guess.
pub(crate) fn strings_in(raw: &RawValue) -> Result<Cow<'_, str>, ParseError> {
    let mut collected = CollectedStrings::default();
    if collect_strings(raw.get(), &mut collected, 0).is_err() {
        // Valid JSON (it is a RawValue) that serde_json will not walk: scan the raw text.
        return Ok(Cow::Borrowed(raw.get()));
    }
    match collected.duplicate_key {
        Some(key) => Err(ParseError(format!(
            "the key `{key}` appears twice in one object of a tool call's arguments"
        ))),
        None => Ok(Cow::Owned(collected.text)),
    }
}

#[derive(Default)]
struct CollectedStrings {
    text: String,
    duplicate_key: Option<String>,
}

fn collect_strings(
    json: &str,
    out: &mut CollectedStrings,
    depth: usize,
) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(json);
    de::DeserializeSeed::deserialize(StringCollector { out, depth }, &mut de)?;
    de.end()
}

/// Appends every string value it visits to `out`; notes the first key an object repeats.
struct StringCollector<'o> {
    out: &'o mut CollectedStrings,
    depth: usize,
}

impl<'de> de::DeserializeSeed<'de> for StringCollector<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StringCollector<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        let nested = s.trim_start();
        if self.depth < 2 && (nested.starts_with('{') || nested.starts_with('[')) {
            // Opened only if it is JSON; a string that merely starts with a bracket is text.
            let mut inner = CollectedStrings::default();
            if collect_strings(s, &mut inner, self.depth + 1).is_ok() {
                if self.out.duplicate_key.is_none() {
                    self.out.duplicate_key = inner.duplicate_key;
                }
                push_line(&mut self.out.text, &inner.text);
                return Ok(());
            }
        }
        push_line(&mut self.out.text, s);
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(StringCollector {
                out: &mut *self.out,
                depth: self.depth,
            })?
            .is_some()
        {}
        Ok(())
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys: Vec<Cow<'de, str>> = Vec::new();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if self.out.duplicate_key.is_none() && keys.contains(&key) {
                self.out.duplicate_key = Some(key.to_string());
            }
            keys.push(key);
            map.next_value_seed(StringCollector {
                out: &mut *self.out,
                depth: self.depth,
            })?;
        }
        Ok(())
    }
}

fn push_line(out: &mut String, s: &str) {
    if s.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(s);
}

/// A tool declaration or a `tool_choice` object, across dialects.
#[derive(Debug, Deserialize)]
struct ToolSpec<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    function: Option<FunctionName<'a>>,
    #[serde(borrow, default)]
    server_label: Option<Cow<'a, str>>,
}

#[derive(Debug, Deserialize)]
struct FunctionName<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
}

/// `type` values that describe how a choice is made rather than naming a tool.
const CHOICE_MODES: &[&str] = &[
    "auto",
    "any",
    "none",
    "required",
    "function",
    "tool",
    "custom",
    "allowed_tools",
];

impl<'a> ToolSpec<'a> {
    /// The name the policy judges: the function's name, else the declared name, else the built-in
    /// tool type (`web_search_preview`, `code_interpreter`, ...); MCP servers as `mcp:<label>`.
    fn policy_name(self) -> Option<Cow<'a, str>> {
        if let Some(n) = self.function.and_then(|f| f.name) {
            return Some(n);
        }
        if let Some(n) = self.name {
            return Some(n);
        }
        match self.kind {
            Some(k) if k == "mcp" => Some(Cow::Owned(format!(
                "mcp:{}",
                self.server_label.as_deref().unwrap_or("")
            ))),
            Some(k) if !CHOICE_MODES.contains(&k.as_ref()) => Some(k),
            _ => None,
        }
    }
}

/// Record the declared tools (`tools` array) with their spans.
pub(crate) fn declare_tools<'a>(
    conv: &mut Conversation<'a>,
    body: &'a str,
    tools: Option<&'a RawValue>,
) -> Result<(), ParseError> {
    let Some(raw) = tools else { return Ok(()) };
    if raw.get() == "null" {
        return Ok(());
    }
    let items: Vec<&'a RawValue> =
        from_json(raw.get()).map_err(|e| ParseError(format!("`tools` must be an array: {e}")))?;
    conv.tools_span = Some(span_of(body, raw));
    for item in items {
        let spec: ToolSpec<'a> = from_json(item.get())?;
        let name = spec
            .policy_name()
            .ok_or_else(|| ParseError("a tool in `tools` has no name".to_string()))?;
        conv.tools.push(ToolDecl {
            name,
            span: span_of(body, item),
        });
    }
    Ok(())
}

/// Record which tool a `tool_choice` forces, if any.
pub(crate) fn choose_tool<'a>(
    conv: &mut Conversation<'a>,
    body: &'a str,
    choice: Option<&'a RawValue>,
) -> Result<(), ParseError> {
    let Some(raw) = choice else { return Ok(()) };
    conv.tool_choice_span = Some(span_of(body, raw));
    if raw.get().starts_with('{') {
        let spec: ToolSpec<'a> = from_json(raw.get())?;
        conv.forced_tool = spec.policy_name();
    }
    Ok(())
}
