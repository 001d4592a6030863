//! Anthropic Messages (`/v1/messages`): top-level `system`, content blocks, `tool_use`/`tool_result`.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::common::{choose_tool, declare_tools, from_json, scope_of_role, Content, MessageSink};
use super::{Conversation, ParseError};
use crate::policy::Scope;

#[derive(Deserialize)]
struct MessagesRequest<'a> {
    #[serde(borrow, default)]
    model: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    system: Option<Content<'a>>,
    #[serde(borrow)]
    messages: Vec<Message<'a>>,
    #[serde(borrow, default)]
    tools: Option<&'a RawValue>,
    #[serde(borrow, default)]
    tool_choice: Option<&'a RawValue>,
    #[serde(default)]
    max_tokens: Option<u64>,
    #[serde(default)]
    stream: Option<bool>,
}

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(borrow)]
    role: Cow<'a, str>,
    #[serde(borrow, default)]
    content: Option<Content<'a>>,
}

pub(crate) fn parse(body: &str) -> Result<Conversation<'_>, ParseError> {
    let req: MessagesRequest = from_json(body)?;
    let mut conv = Conversation {
        model: req.model,
        message_count: req.messages.len(),
        max_tokens: req.max_tokens,
        stream: req.stream.unwrap_or(false),
        ..Conversation::default()
    };
    declare_tools(&mut conv, body, req.tools)?;
    choose_tool(&mut conv, body, req.tool_choice)?;
    if let Some(system) = req.system {
        let mut sink = MessageSink {
            conv: &mut conv,
            index: None,
            scope: Scope::System,
        };
        sink.content("system", system)?;
    }
    for (i, msg) in req.messages.into_iter().enumerate() {
        let mut sink = MessageSink {
            conv: &mut conv,
            index: Some(i),
            scope: scope_of_role(&msg.role),
        };
        if let Some(content) = msg.content {
            sink.content("content", content)?;
        }
    }
    Ok(conv)
}
