//! OpenAI chat completions (`/v1/chat/completions`), also spoken by vLLM, Ollama and most routers.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::common::{choose_tool, declare_tools, from_json, scope_of_role, Content, MessageSink};
use super::{Conversation, ParseError};

#[derive(Deserialize)]
struct ChatRequest<'a> {
    #[serde(borrow, default)]
    model: Option<Cow<'a, str>>,
    #[serde(borrow)]
    messages: Vec<ChatMessage<'a>>,
    #[serde(borrow, default)]
    tools: Option<&'a RawValue>,
    #[serde(borrow, default)]
    tool_choice: Option<&'a RawValue>,
    /// Deprecated predecessors of `tools`/`tool_choice`, still accepted by the API.
    #[serde(borrow, default)]
    functions: Option<&'a RawValue>,
    #[serde(borrow, default)]
    function_call: Option<&'a RawValue>,
    #[serde(default)]
    max_tokens: Option<u64>,
    #[serde(default)]
    max_completion_tokens: Option<u64>,
    #[serde(default)]
    stream: Option<bool>,
}

#[derive(Deserialize)]
pub(crate) struct ChatMessage<'a> {
    #[serde(borrow)]
    pub role: Cow<'a, str>,
    #[serde(borrow, default)]
    pub content: Option<Content<'a>>,
    #[serde(borrow, default)]
    pub tool_calls: Option<Vec<ToolCall<'a>>>,
    #[serde(borrow, default)]
    pub function_call: Option<FunctionCall<'a>>,
}

#[derive(Deserialize)]
pub(crate) struct ToolCall<'a> {
    #[serde(borrow, default)]
    pub function: Option<FunctionCall<'a>>,
}

#[derive(Deserialize)]
pub(crate) struct FunctionCall<'a> {
    #[serde(borrow, default)]
    pub name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub arguments: Option<&'a RawValue>,
}

pub(crate) fn parse(body: &str) -> Result<Conversation<'_>, ParseError> {
    let req: ChatRequest = from_json(body)?;
    let mut conv = Conversation {
        model: req.model,
        message_count: req.messages.len(),
        max_tokens: req.max_completion_tokens.or(req.max_tokens),
        stream: req.stream.unwrap_or(false),
        ..Conversation::default()
    };
    if req.tools.is_some() && req.functions.is_some() {
        return Err(ParseError(
            "`tools` and `functions` cannot both be given".into(),
        ));
    }
    declare_tools(&mut conv, body, req.tools.or(req.functions))?;
    choose_tool(&mut conv, body, req.tool_choice.or(req.function_call))?;
    for (i, msg) in req.messages.into_iter().enumerate() {
        add_message(&mut conv, i, msg)?;
    }
    Ok(conv)
}

/// Shared with Ollama's chat, whose messages have the same shape.
pub(crate) fn add_message<'a>(
    conv: &mut Conversation<'a>,
    index: usize,
    msg: ChatMessage<'a>,
) -> Result<(), ParseError> {
    let mut sink = MessageSink {
        conv,
        index: Some(index),
        scope: scope_of_role(&msg.role),
    };
    if let Some(content) = msg.content {
        sink.content("content", content)?;
    }
    for (j, call) in msg.tool_calls.into_iter().flatten().enumerate() {
        if let Some(f) = call.function {
            sink.tool_call(format!("tool_calls[{j}].function"), f.name, f.arguments)?;
        }
    }
    if let Some(f) = msg.function_call {
        sink.tool_call("function_call".to_string(), f.name, f.arguments)?;
    }
    Ok(())
}
