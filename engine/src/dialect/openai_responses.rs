//! OpenAI Responses (`/v1/responses`): `instructions` plus `input` as a string or a list of items.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::common::{choose_tool, declare_tools, from_json, scope_of_role, Content, MessageSink};
use super::{Conversation, ParseError};
use crate::policy::Scope;

#[derive(Deserialize)]
struct ResponsesRequest<'a> {
    #[serde(borrow, default)]
    model: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    instructions: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    input: Option<&'a RawValue>,
    #[serde(borrow, default)]
    tools: Option<&'a RawValue>,
    #[serde(borrow, default)]
    tool_choice: Option<&'a RawValue>,
    #[serde(default)]
    max_output_tokens: Option<u64>,
    #[serde(default)]
    stream: Option<bool>,
}

#[derive(Deserialize)]
struct InputItem<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    role: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    content: Option<Content<'a>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    arguments: Option<&'a RawValue>,
    #[serde(borrow, default)]
    output: Option<Content<'a>>,
}

pub(crate) fn parse(body: &str) -> Result<Conversation<'_>, ParseError> {
    let req: ResponsesRequest = from_json(body)?;
    let mut conv = Conversation {
        model: req.model,
        max_tokens: req.max_output_tokens,
        stream: req.stream.unwrap_or(false),
        ..Conversation::default()
    };
    declare_tools(&mut conv, body, req.tools)?;
    choose_tool(&mut conv, body, req.tool_choice)?;
    if let Some(instructions) = req.instructions {
        let mut sink = MessageSink {
            conv: &mut conv,
            index: None,
            scope: Scope::System,
        };
        sink.text(Scope::System, "instructions".into(), instructions);
    }
    let Some(input) = req.input else {
        return Ok(conv);
    };
    if input.get().starts_with('"') {
        let text: Cow<str> = from_json(input.get())?;
        conv.message_count = 1;
        let mut sink = MessageSink {
            conv: &mut conv,
            index: Some(0),
            scope: Scope::User,
        };
        sink.text(Scope::User, "input".into(), text);
        return Ok(conv);
    }
    let items: Vec<InputItem> = from_json(input.get())
        .map_err(|e| ParseError(format!("`input` must be a string or an array: {}", e.0)))?;
    conv.message_count = items.len();
    for (i, item) in items.into_iter().enumerate() {
        let kind = item.kind.as_deref().unwrap_or("message");
        let scope = match (&item.role, kind) {
            (Some(role), _) => scope_of_role(role),
            (None, "function_call_output" | "custom_tool_call_output") => Scope::Tool,
            (None, _) => Scope::User,
        };
        let mut sink = MessageSink {
            conv: &mut conv,
            index: Some(i),
            scope,
        };
        if let Some(content) = item.content {
            sink.content("content", content)?;
        }
        if let Some(output) = item.output {
            sink.scope = Scope::Tool;
            sink.content("output", output)?;
        }
        if matches!(kind, "function_call" | "custom_tool_call") {
            sink.tool_call(String::new(), item.name, item.arguments)?;
        }
    }
    Ok(conv)
}
