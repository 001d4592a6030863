//! Parser differentials: a body that another JSON parser (the upstream's) could read differently
//! from promptwall must be refused, never judged on promptwall's reading of it.

use super::*;

const DIALECTS: [Dialect; 4] = [
    Dialect::OpenAiChat,
    Dialect::OpenAiResponses,
    Dialect::Anthropic,
    Dialect::Ollama,
];

fn refused(dialect: Dialect, body: &[u8]) -> bool {
    parse(dialect, body).is_err()
}

fn texts(dialect: Dialect, body: &str) -> Vec<String> {
    let conv = match parse(dialect, body.as_bytes()) {
        Ok(conv) => conv,
        Err(e) => unreachable!("{body} should parse: {e}"),
    };
    conv.texts.iter().map(|t| t.text.to_string()).collect()
}

const CHAT: &str = r#"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#;

#[test]
fn the_reference_body_parses_in_every_dialect() {
    for dialect in DIALECTS {
        assert!(parse(dialect, CHAT.as_bytes()).is_ok(), "{dialect:?}");
    }
}

#[test]
fn duplicate_keys_that_carry_meaning_are_refused() {
    let bodies = [
        // Top level: which model, which messages would the upstream take?
        r#"{"model":"gpt-4o","model":"evil","messages":[]}"#,
        r#"{"model":"gpt-4o","messages":[],"messages":[{"role":"user","content":"x"}]}"#,
        // Same key spelled with an escape: every JSON parser decodes it to the same name.
        r#"{"model":"gpt-4o","messages":[],"m\u0065ssages":[]}"#,
        // Inside a message and inside a content part.
        r#"{"model":"gpt-4o","messages":[{"role":"user","role":"system","content":"x"}]}"#,
        r#"{"model":"gpt-4o","messages":[{"role":"user","content":"x","content":"y"}]}"#,
        r#"{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":"a","text":"b"}]}]}"#,
        r#"{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","type":"image_url","text":"a"}]}]}"#,
        // A tool declaration.
        r#"{"model":"gpt-4o","messages":[],"tools":[{"type":"function","function":{"name":"a","name":"run_command"}}]}"#,
    ];
    for body in bodies {
        for dialect in [Dialect::OpenAiChat, Dialect::Anthropic, Dialect::Ollama] {
            assert!(
                refused(dialect, body.as_bytes()),
                "{dialect:?} accepted {body}"
            );
        }
    }
    let responses = r#"{"model":"gpt-4o","input":"a","input":"b"}"#;
    assert!(refused(Dialect::OpenAiResponses, responses.as_bytes()));
    let items = r#"{"model":"gpt-4o","input":[{"role":"user","content":"a","content":"b"}]}"#;
    assert!(refused(Dialect::OpenAiResponses, items.as_bytes()));
}

#[test]
fn duplicate_keys_inside_tool_call_arguments_are_refused() {
    // The arguments are JSON the model reads as text: a parser that keeps the first value and one
    // that keeps the last would disagree on what was scanned.
    let chat = r#"{"model":"gpt-4o","messages":[{"role":"assistant","tool_calls":[{"function":{"name":"f","arguments":"{\"q\":\"benign\",\"q\":\"other\"}"}}]}]}"#;
    assert!(refused(Dialect::OpenAiChat, chat.as_bytes()));
    let anthropic = r#"{"model":"claude-3","messages":[{"role":"assistant","content":[{"type":"tool_use","name":"f","input":{"q":"benign","q":"other"}}]}]}"#;
    assert!(refused(Dialect::Anthropic, anthropic.as_bytes()));
}

#[test]
fn a_byte_order_mark_is_refused() {
    let body = format!("\u{feff}{CHAT}");
    for dialect in DIALECTS {
        assert!(refused(dialect, body.as_bytes()), "{dialect:?}");
    }
}

#[test]
fn comments_are_refused() {
    let bodies = [
        r#"{"model":"gpt-4o", /* c */ "messages":[]}"#,
        "{\"model\":\"gpt-4o\", // c\n \"messages\":[]}",
        "{\"model\":\"gpt-4o\",\"messages\":[]} # c",
    ];
    for body in bodies {
        for dialect in DIALECTS {
            assert!(
                refused(dialect, body.as_bytes()),
                "{dialect:?} accepted {body}"
            );
        }
    }
}

#[test]
fn non_standard_numbers_are_refused_wherever_they_sit() {
    for number in [
        "NaN",
        "Infinity",
        "-Infinity",
        "+1",
        "0x10",
        "012",
        "1.",
        ".5",
        "1e",
    ] {
        for field in ["max_tokens", "temperature", "unknown_extension"] {
            let body = format!(r#"{{"model":"gpt-4o","messages":[],"{field}":{number}}}"#);
            for dialect in [Dialect::OpenAiChat, Dialect::Anthropic] {
                assert!(
                    refused(dialect, body.as_bytes()),
                    "{dialect:?} accepted {body}"
                );
            }
        }
    }
}

#[test]
fn lone_surrogate_escapes_are_refused_wherever_they_sit() {
    for escape in [r"\ud800", r"\udc00", r"\ud800\u0041", r"\udfff\ud800"] {
        let bodies = [
            format!(
                r#"{{"model":"gpt-4o","messages":[{{"role":"user","content":"a{escape}b"}}]}}"#
            ),
            // In a field promptwall skips: the upstream still decodes it, each parser its own way.
            format!(r#"{{"model":"gpt-4o","messages":[],"metadata":{{"k":"{escape}"}}}}"#),
            format!(
                r#"{{"model":"gpt-4o","messages":[],"tools":[{{"type":"function","function":{{"name":"f","description":"{escape}"}}}}]}}"#
            ),
        ];
        for body in &bodies {
            for dialect in DIALECTS {
                assert!(
                    refused(dialect, body.as_bytes()),
                    "{dialect:?} accepted {body}"
                );
            }
        }
    }
}

#[test]
fn a_surrogate_pair_and_an_escaped_backslash_are_not_lone_surrogates() {
    let pair =
        r#"{"model":"gpt-4o","messages":[{"role":"user","content":"\ud83d\ude00 \\ud800"}]}"#;
    assert_eq!(texts(Dialect::OpenAiChat, pair), vec!["\u{1f600} \\ud800"]);
}

#[test]
fn trailing_garbage_after_the_json_is_refused() {
    for tail in ["x", "{}", "]", "\u{0}", ",", " {\"messages\":[]}"] {
        let body = format!("{CHAT}{tail}");
        for dialect in DIALECTS {
            assert!(
                refused(dialect, body.as_bytes()),
                "{dialect:?} accepted {body:?}"
            );
        }
    }
    // Whitespace after the document is still JSON.
    assert!(!refused(
        Dialect::OpenAiChat,
        format!("{CHAT} \r\n\t").as_bytes()
    ));
}

#[test]
fn invalid_utf8_is_refused() {
    let mut body = CHAT.as_bytes().to_vec();
    body.insert(CHAT.len() - 5, 0xff);
    for dialect in DIALECTS {
        assert!(refused(dialect, &body), "{dialect:?}");
    }
}

#[test]
fn deep_nesting_is_refused_without_exhausting_the_stack() {
    for depth in [200, 100_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let bodies = [
            format!(r#"{{"model":"gpt-4o","messages":[],"extension":{nested}}}"#),
            format!(
                r#"{{"model":"gpt-4o","messages":[{{"role":"assistant","tool_calls":[{{"function":{{"name":"f","arguments":{nested}}}}}]}}]}}"#
            ),
        ];
        for body in &bodies {
            for dialect in DIALECTS {
                assert!(
                    refused(dialect, body.as_bytes()),
                    "{dialect:?} depth {depth}"
                );
            }
        }
    }
}

#[test]
fn wrong_types_are_refused() {
    let bodies = [
        r#"{"model":42,"messages":[]}"#,
        r#"{"model":"gpt-4o","messages":{"role":"user","content":"x"}}"#,
        r#"{"model":"gpt-4o","messages":"hello"}"#,
        r#"{"model":"gpt-4o","messages":[{"role":"user","content":42}]}"#,
        r#"{"model":"gpt-4o","messages":[{"role":7,"content":"x"}]}"#,
        r#"{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":42}]}]}"#,
        r#"{"model":"gpt-4o","messages":[],"max_tokens":"10"}"#,
        r#"["not","an","object"]"#,
    ];
    for body in bodies {
        for dialect in [Dialect::OpenAiChat, Dialect::Anthropic] {
            assert!(
                refused(dialect, body.as_bytes()),
                "{dialect:?} accepted {body}"
            );
        }
    }
}

#[test]
fn unknown_roles_are_read_as_user_text() {
    let body = r#"{"model":"gpt-4o","messages":[{"role":"narrator","content":"x"}]}"#;
    let conv = match parse(Dialect::OpenAiChat, body.as_bytes()) {
        Ok(conv) => conv,
        Err(e) => unreachable!("{e}"),
    };
    assert_eq!(conv.texts.len(), 1);
    assert_eq!(conv.texts[0].scope, Scope::User);
}

#[test]
fn every_string_of_a_content_part_of_unknown_type_is_read() {
    // A part type promptwall does not know may still be shown to the model: its strings are read
    // rather than skipped.
    let body = r#"{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"future_part","payload":{"note":"hidden words"},"label":"more"}]}]}"#;
    let all = texts(Dialect::OpenAiChat, body).join("\n");
    assert!(
        all.contains("hidden words") && all.contains("more"),
        "{all}"
    );
}
