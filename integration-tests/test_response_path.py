"""Black-box tests of the response path: model output through Envoy running promptwall.

The demo policy redacts secrets and PII in replies, streamed or not, and in prompts on their way to
the model; it blocks tool calls the model makes to denied tools. The fake LLM is steered by
`x-fake-*` headers (see fake_llm.py) to answer with a given text or tool call.

The secrets below follow the documented formats but are made up.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import math
import re
import string
import time
import zlib
from dataclasses import dataclass

import anthropic
import openai
import pytest

from envoy_harness import PROMPTWALL_COUNTERS, Reply
from fake_llm import MARKER_HEADER
from llm_api import assert_policy_error
from test_request_path import (  # noqa: F401 (openai_client, anthropic_client: fixtures)
    ANTHROPIC,
    OLLAMA_CHAT,
    OLLAMA_GENERATE,
    OPENAI_CHAT,
    OPENAI_RESPONSES,
    ROUTES,
    ROUTES_WITH_TOOLS,
    Route,
    anthropic_client,
    answer_text,
    openai_client,
    post_json,
    sse_events,
    tool,
    user_request,
)

REDACTIONS = "promptwall.responses.redactions"
TOOL_BLOCKED = "promptwall.responses.tool_blocked"
REQUESTS_REWRITTEN = "promptwall.requests.rewritten"
PROMPT = "Summarise the ticket."


# --- Fake secrets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Secret:
    value: str
    rule_prefix: str  # the rule id that redacts it starts with this: "secret." or "pii."


BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def github_classic_token(random_part: str) -> str:
    """`ghp_`, 30 random characters, then their CRC32 in 6 base62 digits (GitHub's checksum)."""
    assert len(random_part) == 30
    checksum, digits = zlib.crc32(random_part.encode()), ""
    for _ in range(6):
        checksum, digit = divmod(checksum, 62)
        digits = BASE62[digit] + digits
    return "ghp_" + random_part + digits


def rsa_private_key_pem() -> str:
    """A PEM block of the RSA private key shape (its DER header, then filler bytes; no real key)."""
    der = b"\x30\x82\x04\xa4\x02\x01\x00" + hashlib.sha512(b"promptwall test key").digest() * 4
    body = base64.b64encode(der).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join(["-----BEGIN RSA PRIVATE KEY-----", *lines, "-----END RSA PRIVATE KEY-----"])


GITHUB_TOKEN = Secret(github_classic_token("Rk7QxT2mVp9LsW4nZc8HbJ3yFd6GqN"), "secret.")
AWS_ACCESS_KEY_ID = Secret("AKIA" + "Q7XW3Z5NB2KD6RTM", "secret.")
RSA_PRIVATE_KEY = Secret(rsa_private_key_pem(), "secret.")
TEST_CARD = Secret("4111 1111 1111 1111", "pii.")  # Visa's Luhn-valid test number
EMAIL = Secret("maria.keller@northwind-mail.com", "pii.")

Text = tuple[str | Secret, ...]  # literal text and the secrets in it, in order

SECRETS_REPLY: Text = (
    "Here is what I found. The deploy token is ",
    GITHUB_TOKEN,
    " and the access key id is ",
    AWS_ACCESS_KEY_ID,
    ". Send the invoice to ",
    EMAIL,
    " and charge the card ",
    TEST_CARD,
    " before noon.",
)
PEM_REPLY: Text = ("Here is the key you asked for:\n", RSA_PRIVATE_KEY, "\nStore it somewhere safe.")
# Digits, dots, slashes and parentheses that a redactor may hold while they could still grow into a
# card number or an address, and that never do.
BENIGN_REPLY = "Release 2.4.1 fixes 3 bugs in the parser; see docs/setup.md (section 4) or ask on #infra. Thanks!"
# Streamed in six-character deltas, every event ends between words: no text waits for the next one.
WHOLE_WORDS_REPLY = "Alpha bravo delta gamma kappa hotel india lemon mango olive pizza "


def plain(text: Text) -> str:
    return "".join(part.value if isinstance(part, Secret) else part for part in text)


def secrets_in(text: Text) -> list[Secret]:
    return [part for part in text if isinstance(part, Secret)]


def marker_pattern(secret: Secret) -> str:
    return r"\[REDACTED:" + re.escape(secret.rule_prefix) + r"[A-Za-z0-9_.:-]+\]"


def redacted_pattern(text: Text) -> str:
    """A regex for `text` with each secret replaced by a `[REDACTED:<rule id>]` marker."""
    return "".join(marker_pattern(part) if isinstance(part, Secret) else re.escape(part) for part in text)


def leaked_fragments(received: str, secret: Secret) -> list[str]:
    """Pieces of `secret` longer than 4 characters found in `received`, as is or JSON-escaped."""
    fragments = set()
    for form in (secret.value, json.dumps(secret.value)[1:-1]):
        fragments |= {form[i : i + 5] for i in range(len(form) - 4) if form[i : i + 5] in received}
    return sorted(fragments)


def assert_no_leak(received: str, secrets: list[Secret]) -> None:
    leaks = {secret.value[:12]: leaked_fragments(received, secret) for secret in secrets}
    assert not any(leaks.values()), f"secret fragments reached the client: {leaks}"


def assert_redacted(received: str, text: Text) -> None:
    assert re.fullmatch(redacted_pattern(text), received), (
        f"expected {plain(text)!r} with every secret redacted, got {received!r}"
    )
    assert_no_leak(received, secrets_in(text))


# --- Steering the fake LLM and reading replies ------------------------------------------------------


def fake_llm_headers(
    reply: str | None = None,
    *,
    delta_size: int = 4,
    repeat: int = 1,
    interval_ms: int = 0,
    tool_call: str | None = None,
    tool_args: dict | None = None,
) -> dict[str, str]:
    headers = {"x-fake-delta-size": str(delta_size), "x-fake-repeat": str(repeat)}
    if reply is not None:
        headers["x-fake-reply-base64"] = base64.b64encode(reply.encode()).decode()
    if interval_ms:
        headers["x-fake-interval-ms"] = str(interval_ms)
    if tool_call:
        headers["x-fake-tool-call"] = tool_call
        headers["x-fake-tool-args"] = json.dumps(tool_args or {"arg": "x"})
    return headers


def is_ndjson(reply: Reply) -> bool:
    return reply.headers.get("content-type", "").startswith("application/x-ndjson")


def is_sse(reply: Reply) -> bool:
    return reply.headers.get("content-type", "").startswith("text/event-stream")


def frames(reply: Reply) -> list[bytes]:
    """The stream's events (SSE) or lines (NDJSON), without their separators."""
    if is_ndjson(reply):
        return [line for line in reply.body.split(b"\n") if line]
    return [frame for frame in reply.body.replace(b"\r\n", b"\n").split(b"\n\n") if frame]


def assert_well_formed(reply: Reply) -> None:
    """Complete framing, and every event or line is whole JSON (the SSE terminator aside)."""
    if "content-length" in reply.headers:
        assert int(reply.headers["content-length"]) == len(reply.body)
    if is_ndjson(reply):
        assert reply.body.endswith(b"\n")
        for line in frames(reply):
            json.loads(line)
    elif is_sse(reply):
        assert reply.body.replace(b"\r\n", b"\n").endswith(b"\n\n")
        for _, data in sse_events(reply.body):
            if data != "[DONE]":
                json.loads(data)
    else:
        reply.json()


def frame_delta(route: Route, frame: bytes) -> str:
    """The text delta one streamed event carries ("" for events that carry none)."""
    if route.dialect == "ollama":
        part = json.loads(frame)
        return part["message"]["content"] if route is OLLAMA_CHAT else part["response"]
    [(name, data)] = sse_events(frame + b"\n\n")
    if data == "[DONE]":
        return ""
    event = json.loads(data)
    if route is OPENAI_CHAT:
        return (event["choices"][0]["delta"].get("content") or "") if event["choices"] else ""
    if route is OPENAI_RESPONSES:
        return event["delta"] if name == "response.output_text.delta" else ""
    return event["delta"]["text"] if name == "content_block_delta" else ""


def tool_calls_in(route: Route, reply: Reply) -> list[tuple[str, dict]]:
    """(name, arguments) of each tool call in a reply, streamed or not, arguments parsed."""
    if is_ndjson(reply):
        parts = [json.loads(line) for line in frames(reply)]
        return [
            (call["function"]["name"], call["function"]["arguments"])
            for part in parts
            for call in part["message"].get("tool_calls", [])
        ]
    if not is_sse(reply):
        body = reply.json()
        if route is OPENAI_CHAT:
            calls = body["choices"][0]["message"].get("tool_calls") or []
            return [(c["function"]["name"], json.loads(c["function"]["arguments"])) for c in calls]
        if route is OPENAI_RESPONSES:
            items = [item for item in body["output"] if item["type"] == "function_call"]
            return [(item["name"], json.loads(item["arguments"])) for item in items]
        if route is ANTHROPIC:
            return [(block["name"], block["input"]) for block in body["content"] if block["type"] == "tool_use"]
        return [(c["function"]["name"], c["function"]["arguments"]) for c in body["message"].get("tool_calls", [])]

    names: dict = {}  # call key -> tool name
    arguments: dict = {}  # call key -> argument fragments joined
    for name, data in sse_events(reply.body):
        if data == "[DONE]":
            continue
        event = json.loads(data)
        if route is OPENAI_CHAT:
            delta = event["choices"][0]["delta"] if event["choices"] else {}
            for call in delta.get("tool_calls") or []:
                if "name" in call.get("function", {}):
                    names[call["index"]] = call["function"]["name"]
                arguments[call["index"]] = arguments.get(call["index"], "") + call["function"].get("arguments", "")
        elif route is OPENAI_RESPONSES:
            if name == "response.output_item.added" and event["item"]["type"] == "function_call":
                names[event["item"]["id"]] = event["item"]["name"]
            elif name == "response.function_call_arguments.delta":
                arguments[event["item_id"]] = arguments.get(event["item_id"], "") + event["delta"]
        elif name == "content_block_start" and event["content_block"]["type"] == "tool_use":
            names[event["index"]] = event["content_block"]["name"]
        elif name == "content_block_delta" and event["delta"]["type"] == "input_json_delta":
            arguments[event["index"]] = arguments.get(event["index"], "") + event["delta"]["partial_json"]
    return [(names[key], json.loads(arguments.get(key) or "{}")) for key in names]


def assert_redaction_count(changes, route: Route, stream: bool, secrets: int) -> None:
    """One count per secret redacted. A streamed Responses reply repeats its text (or arguments) in
    the events that close the part, the item and the response, which may count again."""
    if route is OPENAI_RESPONSES and stream:
        assert changes[REDACTIONS] >= secrets
    else:
        assert changes[REDACTIONS] == secrets


DELIVERIES = [
    pytest.param(False, 4, id="json"),
    pytest.param(True, 1, id="stream-delta-1"),
    pytest.param(True, 4, id="stream-delta-4"),
]


def test_harness_reads_the_response_counters():
    """envoy.counter_changes() reports only the counters it knows by name."""
    assert {REDACTIONS, TOOL_BLOCKED} <= set(PROMPTWALL_COUNTERS)


# --- Redaction in replies, raw HTTP -----------------------------------------------------------------


@pytest.mark.parametrize("stream, delta_size", DELIVERIES)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_secrets_in_reply_are_redacted(envoy, upstream, route, stream, delta_size):
    headers = fake_llm_headers(plain(SECRETS_REPLY), delta_size=delta_size)
    with envoy.counter_changes() as changes:
        _, reply = post_json(envoy.port("demo"), route.path, user_request(route, PROMPT, stream=stream), headers)

    assert reply.status == 200, reply.text
    assert reply.headers[MARKER_HEADER] == "1"
    assert_well_formed(reply)
    assert_redacted(answer_text(route, reply), SECRETS_REPLY)  # also checks the closing event or line
    assert_no_leak(reply.text, secrets_in(SECRETS_REPLY))  # in any field: ids, done events, totals
    assert_redaction_count(changes, route, stream, len(secrets_in(SECRETS_REPLY)))


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_private_key_split_over_forty_events_is_redacted(envoy, upstream, route):
    delta_size = math.ceil(len(RSA_PRIVATE_KEY.value) / 40)
    headers = fake_llm_headers(plain(PEM_REPLY), delta_size=delta_size)
    with envoy.counter_changes() as changes:
        _, reply = post_json(envoy.port("demo"), route.path, user_request(route, PROMPT, stream=True), headers)

    assert reply.status == 200, reply.text
    assert_well_formed(reply)
    assert_redacted(answer_text(route, reply), PEM_REPLY)
    assert_no_leak(reply.text, [RSA_PRIVATE_KEY])
    assert_redaction_count(changes, route, True, 1)


@pytest.mark.parametrize(
    "stream, reply_text, delta_size",
    [
        pytest.param(False, BENIGN_REPLY, 4, id="json"),
        pytest.param(True, WHOLE_WORDS_REPLY, 6, id="stream-whole-words"),
    ],
)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_reply_without_secrets_is_byte_identical(envoy, upstream, route, stream, reply_text, delta_size):
    payload = user_request(route, PROMPT, stream=stream)
    headers = fake_llm_headers(reply_text, delta_size=delta_size)
    _, direct = post_json(upstream.port, route.path, payload, headers)

    with envoy.counter_changes() as changes:
        _, reply = post_json(envoy.port("demo"), route.path, payload, headers)

    assert reply.status == 200, reply.text
    assert reply.headers["content-type"] == direct.headers["content-type"]
    assert reply.body == direct.body
    assert answer_text(route, reply) == reply_text
    assert changes[REDACTIONS] == 0


@pytest.mark.parametrize("delta_size", [1, 3])
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_streamed_reply_without_secrets_keeps_its_text_and_events(envoy, upstream, route, delta_size):
    """Deltas that split words are re-framed (a word waits for its end), nothing else changes."""
    payload = user_request(route, PROMPT, stream=True)
    headers = fake_llm_headers(BENIGN_REPLY, delta_size=delta_size)
    _, direct = post_json(upstream.port, route.path, payload, headers)

    with envoy.counter_changes() as changes:
        _, reply = post_json(envoy.port("demo"), route.path, payload, headers)

    assert reply.status == 200, reply.text
    assert reply.headers["content-type"] == direct.headers["content-type"]
    assert_well_formed(reply)
    assert answer_text(route, reply) == BENIGN_REPLY
    events_without_delta = [frame for frame in frames(direct) if not frame_delta(route, frame)]
    if route.dialect == "ollama":
        # The closing line may carry the end of the text that waited for more; all else stays.
        closing, upstream_closing = json.loads(frames(reply)[-1]), json.loads(events_without_delta.pop())
        if route is OLLAMA_CHAT:
            closing["message"]["content"] = ""
        else:
            closing["response"] = ""
        assert closing == upstream_closing
    assert missing_in_order(events_without_delta, frames(reply)) == []
    assert changes[REDACTIONS] == 0


def missing_in_order(expected: list[bytes], received: list[bytes]) -> list[bytes]:
    """The `expected` frames that are not found in `received`, in order, byte for byte."""
    remaining = iter(received)
    return [frame for frame in expected if not any(frame == candidate for candidate in remaining)]


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_events_away_from_a_secret_pass_unchanged(envoy, upstream, route):
    """Events of whole words pass unchanged; only those that carry part of the secret change."""
    # Six-character deltas end between words, before the secret and again after its ", ".
    before, after = "Alpha bravo delta gamma kappa ", ", hotel india lemon mango olive pizza "
    text = (before, GITHUB_TOKEN, after)
    assert len(before) % 6 == 0 and (len(before) + len(GITHUB_TOKEN.value) + 2) % 6 == 0
    payload = user_request(route, PROMPT, stream=True)
    headers = fake_llm_headers(plain(text), delta_size=6)
    _, direct = post_json(upstream.port, route.path, payload, headers)

    _, reply = post_json(envoy.port("demo"), route.path, payload, headers)

    assert reply.status == 200, reply.text
    assert_well_formed(reply)
    assert_redacted(answer_text(route, reply), text)
    upstream_frames, received_frames = frames(direct), frames(reply)
    secret_start, secret_end = len(before), len(before) + len(GITHUB_TOKEN.value)
    first_secret_event, unchanged, offset = None, [], 0
    for index, frame in enumerate(upstream_frames):
        delta = frame_delta(route, frame)
        start, offset = offset, offset + len(delta)
        touches_secret = bool(delta) and start < secret_end + 2 and offset > secret_start
        if touches_secret and first_secret_event is None:
            first_secret_event = index
        if not touches_secret and GITHUB_TOKEN.value not in frame.decode():  # (Responses' closing events)
            unchanged.append(frame)
    assert received_frames[:first_secret_event] == upstream_frames[:first_secret_event]
    assert missing_in_order(unchanged, received_frames) == []


def test_text_before_a_secret_is_not_held_back(envoy, upstream):
    """Streaming latency: the words before a secret arrive while the upstream is still sending."""
    before = "Alpha bravo charlie delta echo "
    text = (before, GITHUB_TOKEN, " foxtrot.")
    headers = fake_llm_headers(plain(text), delta_size=4, interval_ms=50)
    connection = http.client.HTTPConnection("127.0.0.1", envoy.port("demo"), timeout=10)
    started = time.monotonic()
    connection.request(
        "POST",
        OPENAI_CHAT.path,
        json.dumps(user_request(OPENAI_CHAT, PROMPT, stream=True)),
        {"content-type": "application/json", **headers},
    )
    response = connection.getresponse()
    assert response.status == 200
    content, before_arrived_at = "", None
    while line := response.readline():
        if not line.startswith(b"data: ") or line.strip() == b"data: [DONE]":
            continue
        chunk = json.loads(line[len("data: ") :])
        content += (chunk["choices"][0]["delta"].get("content") or "") if chunk["choices"] else ""
        if before_arrived_at is None and content.startswith(before.rstrip()):
            before_arrived_at = time.monotonic() - started
    finished_at = time.monotonic() - started
    connection.close()

    assert_redacted(content, text)
    # About 23 events 50 ms apart: the first 31 characters are sent by 0.4 s, the last event at 1.1 s.
    assert before_arrived_at is not None
    assert finished_at - before_arrived_at >= 0.4, (before_arrived_at, finished_at)


def test_large_stream_without_secrets_is_byte_identical(envoy, upstream):
    sentence = "The quick brown fox jumps over the dog. "  # 40 characters: deltas end between words
    assert 1000 % len(sentence) == 0
    payload = user_request(OPENAI_CHAT, PROMPT, stream=True)
    headers = fake_llm_headers(sentence, delta_size=1000, repeat=10 * 2**20 // len(sentence) + 1)
    _, direct = post_json(upstream.port, OPENAI_CHAT.path, payload, headers)

    with envoy.counter_changes() as changes:
        _, reply = post_json(envoy.port("demo"), OPENAI_CHAT.path, payload, headers)

    assert reply.status == 200
    assert len(direct.body) > 10 * 2**20
    assert len(reply.body) == len(direct.body)
    assert reply.body == direct.body
    assert changes[REDACTIONS] == 0


# --- Redaction in replies, official SDKs ------------------------------------------------------------


@pytest.mark.parametrize("delta_size", [1, 2, 3, 4])
def test_openai_sdk_stream_is_redacted(openai_client, upstream, delta_size):
    stream = openai_client.chat.completions.create(
        model=OPENAI_CHAT.model,
        messages=[{"role": "user", "content": PROMPT}],
        stream=True,
        extra_headers=fake_llm_headers(plain(SECRETS_REPLY), delta_size=delta_size),
    )
    chunks = list(stream)

    choices = [chunk.choices[0] for chunk in chunks if chunk.choices]
    assert_redacted("".join(choice.delta.content or "" for choice in choices), SECRETS_REPLY)
    assert [choice.finish_reason for choice in choices if choice.finish_reason] == ["stop"]
    assert choices[-1].finish_reason == "stop"


def test_openai_sdk_completion_is_redacted(openai_client, upstream):
    completion = openai_client.chat.completions.create(
        model=OPENAI_CHAT.model,
        messages=[{"role": "user", "content": PROMPT}],
        extra_headers=fake_llm_headers(plain(SECRETS_REPLY)),
    )
    assert_redacted(completion.choices[0].message.content, SECRETS_REPLY)
    assert completion.choices[0].finish_reason == "stop"


@pytest.mark.parametrize("delta_size", [1, 4])
def test_openai_sdk_responses_stream_is_redacted(openai_client, upstream, delta_size):
    stream = openai_client.responses.create(
        model=OPENAI_RESPONSES.model,
        input=PROMPT,
        stream=True,
        extra_headers=fake_llm_headers(plain(SECRETS_REPLY), delta_size=delta_size),
    )
    events = list(stream)

    assert events[-1].type == "response.completed"
    assert_redacted("".join(e.delta for e in events if e.type == "response.output_text.delta"), SECRETS_REPLY)
    [done] = [e for e in events if e.type == "response.output_text.done"]
    assert_redacted(done.text, SECRETS_REPLY)
    assert_redacted(events[-1].response.output_text, SECRETS_REPLY)


def test_openai_sdk_response_is_redacted(openai_client, upstream):
    response = openai_client.responses.create(
        model=OPENAI_RESPONSES.model, input=PROMPT, extra_headers=fake_llm_headers(plain(SECRETS_REPLY))
    )
    assert_redacted(response.output_text, SECRETS_REPLY)


@pytest.mark.parametrize("delta_size", [1, 4])
def test_anthropic_sdk_raw_stream_is_redacted(anthropic_client, upstream, delta_size):
    stream = anthropic_client.messages.create(
        model=ANTHROPIC.model,
        max_tokens=256,
        messages=[{"role": "user", "content": PROMPT}],
        stream=True,
        extra_headers=fake_llm_headers(plain(SECRETS_REPLY), delta_size=delta_size),
    )
    events = list(stream)

    assert events[-1].type == "message_stop"
    text = "".join(e.delta.text for e in events if e.type == "content_block_delta" and e.delta.type == "text_delta")
    assert_redacted(text, SECRETS_REPLY)


def test_anthropic_sdk_stream_helper_is_redacted(anthropic_client, upstream):
    with anthropic_client.messages.stream(
        model=ANTHROPIC.model,
        max_tokens=256,
        messages=[{"role": "user", "content": PROMPT}],
        extra_headers=fake_llm_headers(plain(PEM_REPLY) + " " + plain(SECRETS_REPLY), delta_size=3),
    ) as stream:
        text = "".join(stream.text_stream)
        message = stream.get_final_message()

    expected = (*PEM_REPLY, " ", *SECRETS_REPLY)
    assert_redacted(text, expected)
    assert_redacted(message.content[0].text, expected)
    assert message.stop_reason == "end_turn"


def test_anthropic_sdk_message_is_redacted(anthropic_client, upstream):
    message = anthropic_client.messages.create(
        model=ANTHROPIC.model,
        max_tokens=256,
        messages=[{"role": "user", "content": PROMPT}],
        extra_headers=fake_llm_headers(plain(SECRETS_REPLY)),
    )
    assert_redacted(message.content[0].text, SECRETS_REPLY)


# --- Tool calls in replies ----------------------------------------------------------------------------

WEATHER_ARGS = {"city": "Oslo", "unit": "celsius"}


def tool_call_request(route: Route, stream: bool) -> dict:
    """A request that declares only an allowed tool: a denied call comes from the model alone."""
    return user_request(route, "What is the weather in Oslo?", stream=stream, tools=[tool(route, "get_weather")])


@pytest.mark.parametrize("stream", [False, True], ids=["json", "stream"])
@pytest.mark.parametrize("route", ROUTES_WITH_TOOLS, ids=str)
def test_allowed_tool_call_passes_intact(envoy, upstream, route, stream):
    payload = tool_call_request(route, stream)
    headers = fake_llm_headers(tool_call="get_weather", tool_args=WEATHER_ARGS, delta_size=3)
    _, direct = post_json(upstream.port, route.path, payload, headers)

    with envoy.counter_changes() as changes:
        _, reply = post_json(envoy.port("demo"), route.path, payload, headers)

    assert reply.status == 200, reply.text
    assert_well_formed(reply)
    assert tool_calls_in(route, reply) == [("get_weather", WEATHER_ARGS)]
    if not stream:  # streamed argument fragments may be re-framed like text
        assert reply.body == direct.body
    assert changes[TOOL_BLOCKED] == 0


def test_openai_sdk_accumulates_allowed_streamed_tool_call(openai_client, upstream):
    with openai_client.chat.completions.stream(
        model=OPENAI_CHAT.model,
        messages=[{"role": "user", "content": "What is the weather in Oslo?"}],
        tools=[tool(OPENAI_CHAT, "get_weather")],
        extra_headers=fake_llm_headers(tool_call="get_weather", tool_args=WEATHER_ARGS, delta_size=2),
    ) as stream:
        completion = stream.get_final_completion()

    [call] = completion.choices[0].message.tool_calls
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == WEATHER_ARGS
    assert completion.choices[0].finish_reason == "tool_calls"


@pytest.mark.parametrize("stream", [False, True], ids=["json", "stream"])
@pytest.mark.parametrize("route", ROUTES_WITH_TOOLS, ids=str)
def test_secret_in_tool_call_arguments_is_redacted(envoy, upstream, route, stream):
    note = ("Rotate ", GITHUB_TOKEN, " tonight")
    headers = fake_llm_headers(tool_call="create_ticket", tool_args={"body": plain(note)}, delta_size=3)
    with envoy.counter_changes() as changes:
        _, reply = post_json(envoy.port("demo"), route.path, tool_call_request(route, stream), headers)

    assert reply.status == 200, reply.text
    assert_well_formed(reply)
    [(name, arguments)] = tool_calls_in(route, reply)  # the joined fragments still parse as JSON
    assert name == "create_ticket"
    assert list(arguments) == ["body"]
    assert_redacted(arguments["body"], note)
    assert_no_leak(reply.text, [GITHUB_TOKEN])
    assert_redaction_count(changes, route, stream, 1)
    assert changes[TOOL_BLOCKED] == 0


@pytest.mark.parametrize("route", ROUTES_WITH_TOOLS, ids=str)
def test_denied_tool_call_in_reply_is_refused(envoy, upstream, route):
    headers = fake_llm_headers(tool_call="run_command", tool_args={"command": "rm -rf /srv"})
    with envoy.counter_changes() as changes:
        _, reply = post_json(envoy.port("demo"), route.path, tool_call_request(route, stream=False), headers)

    # Refused on the way back (the request did reach the model): the upstream's headers may
    # remain, its body must not.
    assert_policy_error(reply, route.dialect, "tools.deny")
    assert "rm -rf" not in reply.text
    assert len(upstream.recorded()) == 1
    assert changes[TOOL_BLOCKED] == 1


def test_openai_sdk_raises_on_denied_tool_call(openai_client, upstream):
    with pytest.raises(openai.PermissionDeniedError) as raised:
        openai_client.chat.completions.create(
            model=OPENAI_CHAT.model,
            messages=[{"role": "user", "content": "List the files."}],
            extra_headers=fake_llm_headers(tool_call="exec_python", tool_args={"code": "print(1)"}),
        )
    assert raised.value.status_code == 403
    assert raised.value.code == "tools.deny"


@pytest.mark.parametrize("denied_tool", ["run_command", "shell_exec"])
def test_openai_sdk_stream_raises_on_denied_tool_call(envoy, openai_client, upstream, denied_tool):
    received = []
    with envoy.counter_changes() as changes:
        with pytest.raises(openai.APIError) as raised:
            stream = openai_client.chat.completions.create(
                model=OPENAI_CHAT.model,
                messages=[{"role": "user", "content": "List the files."}],
                stream=True,
                extra_headers=fake_llm_headers(tool_call=denied_tool, tool_args={"command": "ls"}, delta_size=2),
            )
            for chunk in stream:
                received.append(chunk)

    assert "tools.deny" in str(raised.value)
    assert raised.value.code == "tools.deny"
    assert not any(chunk.choices and chunk.choices[0].delta.tool_calls for chunk in received)
    assert changes[TOOL_BLOCKED] == 1


def post_denied_tool_call_stream(envoy, route: Route) -> Reply:
    """A streamed reply whose model calls a denied tool; checks what every dialect shares."""
    headers = fake_llm_headers(tool_call="delete_records", tool_args={"table": "users"}, delta_size=2)
    with envoy.counter_changes() as changes:
        _, reply = post_json(envoy.port("demo"), route.path, tool_call_request(route, stream=True), headers)
    assert reply.status == 200, reply.text  # the stream had begun: the refusal is its last event
    assert_well_formed(reply)
    assert changes[TOOL_BLOCKED] == 1
    return reply


def test_denied_tool_call_ends_openai_chat_stream_with_error_event(envoy, upstream):
    reply = post_denied_tool_call_stream(envoy, OPENAI_CHAT)

    events = sse_events(reply.body)
    assert events[-1] == (None, "[DONE]")
    error = json.loads(events[-2][1])["error"]
    assert error["code"] == "tools.deny"
    assert error["type"] == "policy_violation"
    assert "tools.deny" in error["message"]
    assert not any("tool_calls" in data for _, data in events[:-2])


def test_denied_tool_call_ends_openai_responses_stream_with_error_event(envoy, upstream):
    reply = post_denied_tool_call_stream(envoy, OPENAI_RESPONSES)

    events = sse_events(reply.body)
    name, data = events[-1]
    assert name == "error"
    error = json.loads(data)  # the Responses error event's own fields
    assert (error["type"], error["code"]) == ("error", "tools.deny")
    assert "tools.deny" in error["message"]
    assert not any('"function_call"' in data for _, data in events[:-1])


def test_openai_sdk_responses_stream_raises_on_denied_tool_call(openai_client, upstream):
    with pytest.raises(openai.APIError) as raised:
        stream = openai_client.responses.create(
            model=OPENAI_RESPONSES.model,
            input="Clean up.",
            stream=True,
            extra_headers=fake_llm_headers(tool_call="exec_sql", tool_args={"query": "drop"}, delta_size=2),
        )
        for _ in stream:
            pass
    assert "tools.deny" in str(raised.value)


def test_denied_tool_call_ends_anthropic_stream_with_error_event(envoy, upstream):
    reply = post_denied_tool_call_stream(envoy, ANTHROPIC)

    events = sse_events(reply.body)
    name, data = events[-1]
    assert name == "error"
    body = json.loads(data)
    assert body["type"] == "error"
    assert body["error"]["type"] == "permission_error"
    assert "tools.deny" in body["error"]["message"]
    assert not any('"tool_use"' in data for _, data in events[:-1])


def test_denied_tool_call_ends_ollama_stream_with_error_line(envoy, upstream):
    reply = post_denied_tool_call_stream(envoy, OLLAMA_CHAT)

    lines = [json.loads(line) for line in frames(reply)]
    assert list(lines[-1]) == ["error"]
    assert "tools.deny" in lines[-1]["error"]
    assert not any("tool_calls" in line.get("message", {}) for line in lines)


def test_anthropic_sdk_stream_raises_on_denied_tool_call(anthropic_client, upstream):
    with pytest.raises(anthropic.APIError) as raised:
        with anthropic_client.messages.stream(
            model=ANTHROPIC.model,
            max_tokens=256,
            messages=[{"role": "user", "content": "Clean up."}],
            tools=[tool(ANTHROPIC, "get_weather")],
            extra_headers=fake_llm_headers(tool_call="shell", tool_args={"command": "ls"}, delta_size=2),
        ) as stream:
            for _ in stream:
                pass
    assert "tools.deny" in str(raised.value)


# --- Redaction in prompts -------------------------------------------------------------------------------


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_secrets_in_prompt_are_redacted_before_the_model(envoy, upstream, route):
    prompt = ("Please rotate ", GITHUB_TOKEN, " and tell ", EMAIL, " when it is done.")
    with envoy.counter_changes() as changes:
        _, reply = post_json(envoy.port("demo"), route.path, user_request(route, plain(prompt)))

    assert reply.status == 200, reply.text
    [received] = upstream.recorded()
    forwarded = json.loads(received["body"])
    forwarded_prompt = prompt_text(route, forwarded)
    assert_redacted(forwarded_prompt, prompt)
    assert forwarded == user_request(route, forwarded_prompt)  # nothing else changed
    assert_no_leak(received["body"], secrets_in(prompt))
    headers = received["headers"]
    if "content-length" in headers:
        assert int(headers["content-length"]) == len(received["body"].encode())
    else:
        assert headers.get("transfer-encoding") == "chunked"
    assert changes[REQUESTS_REWRITTEN] == 1
    assert changes["promptwall.requests.blocked"] == 0


def prompt_text(route: Route, payload: dict) -> str:
    """The user text of a request built by `user_request`."""
    if route is OPENAI_RESPONSES:
        return payload["input"][0]["content"]
    if route is OLLAMA_GENERATE:
        return payload["prompt"]
    return payload["messages"][0]["content"]
