//! Request dialects, each parsed into one `Conversation` view that the checks read.
//!
//! Parsing is typed and borrowing (no JSON DOM): text borrows from the body unless it had escapes.
//! Unknown fields are skipped; a known field of the wrong type, or one that appears twice, is a
//! parse error, so promptwall never judges a different request from the one the upstream reads.

mod anthropic;
mod common;
mod ollama;
mod openai_chat;
mod openai_responses;
mod strict;

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::policy::Scope;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Hash)]
pub enum Dialect {
    #[serde(rename = "openai_chat")]
    OpenAiChat,
    #[serde(rename = "openai_responses")]
    OpenAiResponses,
    #[serde(rename = "anthropic")]
    Anthropic,
    #[serde(rename = "ollama")]
    Ollama,
}

impl Dialect {
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::OpenAiChat => "openai_chat",
            Dialect::OpenAiResponses => "openai_responses",
            Dialect::Anthropic => "anthropic",
            Dialect::Ollama => "ollama",
        }
    }
}

/// Where a piece of text sits in the request: message index (if any) and field path inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<usize>,
    pub field: String,
}

impl Location {
    pub fn top(field: &str) -> Location {
        Location {
            message: None,
            field: field.to_string(),
        }
    }

    pub fn message(index: usize, field: impl Into<String>) -> Location {
        Location {
            message: Some(index),
            field: field.into(),
        }
    }
}

/// One run of text the model will read.
#[derive(Debug, Clone)]
pub struct TextRun<'a> {
    pub scope: Scope,
    pub location: Location,
    pub text: Cow<'a, str>,
}

/// A tool the request declares, with the byte span of its JSON value in the body (for stripping).
#[derive(Debug, Clone)]
pub struct ToolDecl<'a> {
    pub name: Cow<'a, str>,
    pub span: (usize, usize),
}

/// The one view of a request that every check reads, whatever the dialect.
#[derive(Debug, Clone, Default)]
pub struct Conversation<'a> {
    pub model: Option<Cow<'a, str>>,
    pub texts: Vec<TextRun<'a>>,
    pub tools: Vec<ToolDecl<'a>>,
    /// Byte span of the whole `tools` array value in the body.
    pub tools_span: Option<(usize, usize)>,
    /// Byte span of the `tool_choice` value, when present.
    pub tool_choice_span: Option<(usize, usize)>,
    /// The tool a `tool_choice` forces, if it names one.
    pub forced_tool: Option<Cow<'a, str>>,
    /// Tools named by earlier tool calls in the history, with where they sit.
    pub called_tools: Vec<(Cow<'a, str>, Location)>,
    pub message_count: usize,
    /// The completion length asked for; `Some(u64::MAX)` for "unbounded" (Ollama's -1).
    pub max_tokens: Option<u64>,
    pub stream: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parse a request body in the given dialect.
pub fn parse(dialect: Dialect, body: &[u8]) -> Result<Conversation<'_>, ParseError> {
    let text = std::str::from_utf8(body)
        .map_err(|e| ParseError(format!("request body is not valid UTF-8: {e}")))?;
    strict::check(text)?;
    match dialect {
        Dialect::OpenAiChat => openai_chat::parse(text),
        Dialect::OpenAiResponses => openai_responses::parse(text),
        Dialect::Anthropic => anthropic::parse(text),
        Dialect::Ollama => ollama::parse(text),
    }
}

#[cfg(test)]
mod tests;
