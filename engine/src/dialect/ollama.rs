//! Ollama native API: `/api/chat` (messages) and `/api/generate` (prompt, system, template).

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::common::{choose_tool, declare_tools, from_json, MessageSink};
use super::openai_chat::{add_message, ChatMessage};
use super::{Conversation, ParseError};
use crate::policy::Scope;

#[derive(Deserialize)]
struct OllamaRequest<'a> {
    #[serde(borrow, default)]
    model: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    messages: Option<Vec<ChatMessage<'a>>>,
    #[serde(borrow, default)]
    prompt: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    suffix: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    system: Option<Cow<'a, str>>,
    /// Replaces the model's prompt template, so it is read like a system prompt.
    #[serde(borrow, default)]
    template: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    tools: Option<&'a RawValue>,
    #[serde(borrow, default)]
    tool_choice: Option<&'a RawValue>,
    #[serde(default)]
    options: Option<Options>,
    #[serde(default)]
    stream: Option<bool>,
}

#[derive(Deserialize)]
struct Options {
    #[serde(default)]
    num_predict: Option<i64>,
}

pub(crate) fn parse(body: &str) -> Result<Conversation<'_>, ParseError> {
    let req: OllamaRequest = from_json(body)?;
    let mut conv = Conversation {
        model: req.model,
        // Ollama streams unless told not to; -1 (or any negative) means "until the model stops".
        stream: req.stream.unwrap_or(true),
        max_tokens: req
            .options
            .and_then(|o| o.num_predict)
            .map(|n| u64::try_from(n).unwrap_or(u64::MAX)),
        ..Conversation::default()
    };
    declare_tools(&mut conv, body, req.tools)?;
    choose_tool(&mut conv, body, req.tool_choice)?;
    let mut top = MessageSink {
        conv: &mut conv,
        index: None,
        scope: Scope::User,
    };
    for (field, text, scope) in [
        ("system", req.system, Scope::System),
        ("template", req.template, Scope::System),
        ("prompt", req.prompt, Scope::User),
        ("suffix", req.suffix, Scope::User),
    ] {
        if let Some(t) = text {
            top.text(scope, field.to_string(), t);
        }
    }
    let messages = req.messages.unwrap_or_default();
    conv.message_count = messages.len().max(usize::from(!conv.texts.is_empty()));
    for (i, msg) in messages.into_iter().enumerate() {
        add_message(&mut conv, i, msg)?;
    }
    Ok(conv)
}
