"""A fake LLM upstream speaking the OpenAI, Anthropic and Ollama wire formats (stdlib only).

Run it alone with `python fake_llm.py --port 8000`, or import `start_fake_llm(port)`.

Replies are deterministic for a given request (ids derive from a hash of the request, timestamps
are fixed), so a test can compare a reply received through Envoy with one fetched directly.
Request headers steer it:
  x-fake-reply              the reply text (x-fake-reply-base64: the same, base64 of UTF-8, for
                            text a header cannot carry, such as newlines)
  x-fake-repeat             how many times the reply text is repeated (default 1)
  x-fake-delta-size         characters per streamed delta (default 4); every delta is its own
                            event or line, written and flushed on its own
  x-fake-interval-ms        pause between streamed events (default 0)
  x-fake-tool-call          answer with a call to this tool instead of text (not /api/generate)
  x-fake-tool-args          the call's arguments, a JSON object as text (default {"arg": "x"});
                            streamed in deltas of x-fake-delta-size characters
Every API request is recorded: `GET /__recorded` lists them, `POST /__reset` clears the list.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEFAULT_REPLY = "Hello from the fake LLM."
DEFAULT_DELTA_SIZE = 4
DEFAULT_TOOL_ARGS = '{"arg": "x"}'
FIXED_CREATED = 1_700_000_000  # a fixed Unix time keeps replies byte-for-byte reproducible
FIXED_CREATED_ISO = "2023-11-14T22:13:20Z"
MARKER_HEADER = "x-fake-llm"  # on every reply, so tests can tell upstream replies from Envoy's


@dataclass
class ToolCall:
    name: str
    arguments: str  # a JSON object as text, sent verbatim where the dialect carries a string

    @property
    def input(self) -> dict:
        return json.loads(self.arguments)


@dataclass
class LLMRequest:
    """What a dialect handler needs to know about one request."""

    path: str
    payload: dict
    reply_text: str
    delta_size: int
    digest: str  # stable per request body, used for ids
    tool_call: ToolCall | None = None

    @property
    def model(self) -> str:
        return str(self.payload.get("model", "fake-model"))

    def deltas(self, text: str | None = None) -> list[str]:
        """`text` (the reply text unless given) in pieces of `delta_size` characters."""
        text = self.reply_text if text is None else text
        size = self.delta_size
        return [text[i : i + size] for i in range(0, len(text), size)]

    def usage_counts(self) -> tuple[int, int]:
        """Rough token counts: about four bytes of request per input token, one per word out."""
        return max(1, len(json.dumps(self.payload)) // 4), max(1, len(self.reply_text.split()))


@dataclass
class JsonReply:
    body: dict
    status: int = 200


@dataclass
class StreamReply:
    content_type: str
    frames: list[bytes] = field(default_factory=list)
    interval: float = 0.0  # seconds between frames


def sse(data: dict | str, event: str | None = None) -> bytes:
    payload = data if isinstance(data, str) else json.dumps(data)
    prefix = f"event: {event}\n" if event else ""
    return f"{prefix}data: {payload}\n\n".encode()


def ndjson(data: dict) -> bytes:
    return (json.dumps(data) + "\n").encode()


# --- OpenAI Chat Completions -------------------------------------------------------------------


def openai_chat(req: LLMRequest) -> JsonReply | StreamReply:
    completion_id = f"chatcmpl-{req.digest}"
    call_id = f"call_{req.digest}"
    call = req.tool_call
    finish_reason = "tool_calls" if call else "stop"
    prompt_tokens, completion_tokens = req.usage_counts()
    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }
    if not req.payload.get("stream"):
        if call:
            function = {"name": call.name, "arguments": call.arguments}
            tool_calls = [{"id": call_id, "type": "function", "function": function}]
            message = {"role": "assistant", "content": None, "tool_calls": tool_calls, "refusal": None}
        else:
            message = {"role": "assistant", "content": req.reply_text, "refusal": None}
        return JsonReply(
            {
                "id": completion_id,
                "object": "chat.completion",
                "created": FIXED_CREATED,
                "model": req.model,
                "system_fingerprint": None,
                "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish_reason}],
                "usage": usage,
            }
        )

    def chunk(delta: dict, finish_reason: str | None = None) -> bytes:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
        return sse(
            {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": FIXED_CREATED,
                "model": req.model,
                "system_fingerprint": None,
                "choices": [choice],
            }
        )

    if call:
        # The first chunk names the tool; the arguments follow in fragments.
        call_start = {"index": 0, "id": call_id, "type": "function", "function": {"name": call.name, "arguments": ""}}
        frames = [chunk({"role": "assistant", "content": None, "tool_calls": [call_start]})]
        frames += [
            chunk({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]})
            for piece in req.deltas(call.arguments)
        ]
    else:
        frames = [chunk({"role": "assistant", "content": ""})]
        frames += [chunk({"content": piece}) for piece in req.deltas()]
    frames.append(chunk({}, finish_reason=finish_reason))
    if (req.payload.get("stream_options") or {}).get("include_usage"):
        frames.append(
            sse(
                {
                    "id": completion_id,
                    "object": "chat.completion.chunk",
                    "created": FIXED_CREATED,
                    "model": req.model,
                    "choices": [],
                    "usage": usage,
                }
            )
        )
    frames.append(sse("[DONE]"))
    return StreamReply("text/event-stream", frames)


# --- OpenAI Responses ---------------------------------------------------------------------------


def openai_responses(req: LLMRequest) -> JsonReply | StreamReply:
    response_id = f"resp_{req.digest}"
    message_id = f"msg_{req.digest}"
    function_call_id = f"fc_{req.digest}"
    call = req.tool_call
    input_tokens, output_tokens = req.usage_counts()

    def output_text(text: str) -> dict:
        return {"type": "output_text", "text": text, "annotations": [], "logprobs": []}

    def message(status: str, content: list[dict]) -> dict:
        return {"id": message_id, "type": "message", "role": "assistant", "status": status, "content": content}

    def function_call(status: str, arguments: str) -> dict:
        return {
            "id": function_call_id,
            "type": "function_call",
            "status": status,
            "call_id": f"call_{req.digest}",
            "name": call.name,
            "arguments": arguments,
        }

    def response(status: str, output: list[dict]) -> dict:
        return {
            "id": response_id,
            "object": "response",
            "created_at": FIXED_CREATED,
            "status": status,
            "model": req.model,
            "output": output,
            "parallel_tool_calls": True,
            "tool_choice": "auto",
            "tools": [],
            "error": None,
            "incomplete_details": None,
            "usage": {
                "input_tokens": input_tokens,
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens": output_tokens,
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": input_tokens + output_tokens,
            }
            if status == "completed"
            else None,
        }

    if call:
        final_item = function_call("completed", call.arguments)
    else:
        final_item = message("completed", [output_text(req.reply_text)])
    if not req.payload.get("stream"):
        return JsonReply(response("completed", [final_item]))

    # The full event sequence, so the SDK's stream accumulator can rebuild the response.
    if call:
        call_position = {"item_id": function_call_id, "output_index": 0}
        item_events = [
            {"type": "response.output_item.added", "output_index": 0, "item": function_call("in_progress", "")}
        ]
        item_events += [
            {"type": "response.function_call_arguments.delta", **call_position, "delta": piece}
            for piece in req.deltas(call.arguments)
        ]
        item_events.append(
            {"type": "response.function_call_arguments.done", **call_position, "arguments": call.arguments}
        )
    else:
        text_position = {"item_id": message_id, "output_index": 0, "content_index": 0}
        item_events = [
            {"type": "response.output_item.added", "output_index": 0, "item": message("in_progress", [])},
            {"type": "response.content_part.added", **text_position, "part": output_text("")},
        ]
        item_events += [
            {"type": "response.output_text.delta", **text_position, "delta": piece, "logprobs": []}
            for piece in req.deltas()
        ]
        item_events += [
            {"type": "response.output_text.done", **text_position, "text": req.reply_text, "logprobs": []},
            {"type": "response.content_part.done", **text_position, "part": output_text(req.reply_text)},
        ]
    events = [
        {"type": "response.created", "response": response("in_progress", [])},
        {"type": "response.in_progress", "response": response("in_progress", [])},
        *item_events,
        {"type": "response.output_item.done", "output_index": 0, "item": final_item},
        {"type": "response.completed", "response": response("completed", [final_item])},
    ]
    frames = [sse({**event, "sequence_number": n}, event=event["type"]) for n, event in enumerate(events)]
    return StreamReply("text/event-stream", frames)


# --- Anthropic Messages -------------------------------------------------------------------------


def anthropic_messages(req: LLMRequest) -> JsonReply | StreamReply:
    message_id = f"msg_{req.digest}"
    call = req.tool_call
    stop_reason = "tool_use" if call else "end_turn"
    input_tokens, output_tokens = req.usage_counts()

    def message(content: list[dict], stop_reason: str | None, out_tokens: int) -> dict:
        return {
            "id": message_id,
            "type": "message",
            "role": "assistant",
            "model": req.model,
            "content": content,
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": {"input_tokens": input_tokens, "output_tokens": out_tokens},
        }

    def tool_use(tool_input: dict) -> dict:
        return {"type": "tool_use", "id": f"toolu_{req.digest}", "name": call.name, "input": tool_input}

    if not req.payload.get("stream"):
        block = tool_use(call.input) if call else {"type": "text", "text": req.reply_text}
        return JsonReply(message([block], stop_reason, output_tokens))

    if call:
        first_block = tool_use({})
        deltas = [{"type": "input_json_delta", "partial_json": piece} for piece in req.deltas(call.arguments)]
    else:
        first_block = {"type": "text", "text": ""}
        deltas = [{"type": "text_delta", "text": piece} for piece in req.deltas()]
    events = [
        {"type": "message_start", "message": message([], None, 1)},
        {"type": "content_block_start", "index": 0, "content_block": first_block},
        *({"type": "content_block_delta", "index": 0, "delta": delta} for delta in deltas),
        {"type": "content_block_stop", "index": 0},
        {
            "type": "message_delta",
            "delta": {"stop_reason": stop_reason, "stop_sequence": None},
            "usage": {"output_tokens": output_tokens},
        },
        {"type": "message_stop"},
    ]
    return StreamReply("text/event-stream", [sse(event, event=event["type"]) for event in events])


# --- Ollama -------------------------------------------------------------------------------------


def ollama(req: LLMRequest) -> JsonReply | StreamReply:
    is_chat = req.path == "/api/chat"
    call = req.tool_call if is_chat else None  # /api/generate has no tools
    prompt_tokens, completion_tokens = req.usage_counts()

    def part(text: str, done: bool, with_tool_call: bool = False) -> dict:
        body: dict = {"model": req.model, "created_at": FIXED_CREATED_ISO}
        if is_chat:
            body["message"] = {"role": "assistant", "content": text}
            if with_tool_call:
                body["message"]["tool_calls"] = [{"function": {"name": call.name, "arguments": call.input}}]
        else:
            body["response"] = text
        body["done"] = done
        if done:
            body.update(
                done_reason="stop",
                total_duration=1_000_000,
                load_duration=100_000,
                prompt_eval_count=prompt_tokens,
                prompt_eval_duration=200_000,
                eval_count=completion_tokens,
                eval_duration=700_000,
            )
        return body

    # Ollama streams unless the request says "stream": false.
    if req.payload.get("stream", True) is False:
        return JsonReply(part("" if call else req.reply_text, done=True, with_tool_call=bool(call)))
    if call:
        frames = [ndjson(part("", done=False, with_tool_call=True))]  # the whole call in one line
    else:
        frames = [ndjson(part(piece, done=False)) for piece in req.deltas()]
    frames.append(ndjson(part("", done=True)))
    return StreamReply("application/x-ndjson", frames)


DIALECTS = {
    "/v1/chat/completions": openai_chat,
    "/v1/responses": openai_responses,
    "/v1/messages": anthropic_messages,
    "/api/chat": ollama,
    "/api/generate": ollama,
}

MODELS = {
    "object": "list",
    "data": [{"id": "fake-model", "object": "model", "created": FIXED_CREATED, "owned_by": "fake-llm"}],
}


# --- HTTP plumbing ------------------------------------------------------------------------------


class FakeLLMHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Envoy pools upstream connections
    server: FakeLLMServer

    def do_GET(self) -> None:
        self.handle_request()

    def do_POST(self) -> None:
        self.handle_request()

    def log_message(self, format: str, *args) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def handle_request(self) -> None:
        body, complete = self.read_body()
        path = self.path.split("?", 1)[0]
        if path == "/__recorded" and self.command == "GET":
            return self.send_json(JsonReply(self.server.recorded()))
        if path == "/__reset" and self.command == "POST":
            self.server.reset()
            return self.send_json(JsonReply({"ok": True}))

        self.server.record(
            {
                "method": self.command,
                "path": self.path,
                "headers": self.lower_case_headers(),
                "body": body.decode("utf-8", errors="replace"),
                "complete": complete,
            }
        )
        if not complete:
            self.close_connection = True
            return
        if path == "/v1/models" and self.command == "GET":
            return self.send_json(JsonReply(MODELS))
        dialect = DIALECTS.get(path)
        if dialect is None or self.command != "POST":
            return self.send_json(error_reply(404, f"fake LLM has no route {self.command} {path}"))
        try:
            payload = json.loads(body)
        except ValueError:
            return self.send_json(error_reply(400, "fake LLM: request body is not valid JSON"))
        if not isinstance(payload, dict):
            return self.send_json(error_reply(400, "fake LLM: request body is not a JSON object"))

        try:
            request = LLMRequest(
                path=path,
                payload=payload,
                reply_text=self.steered_reply_text(),
                delta_size=max(1, int(self.headers.get("x-fake-delta-size", DEFAULT_DELTA_SIZE))),
                digest=hashlib.sha256(path.encode() + b"\0" + body).hexdigest()[:24],
                tool_call=self.steered_tool_call(),
            )
        except ValueError as error:
            return self.send_json(error_reply(400, f"fake LLM: bad x-fake-* header: {error}"))
        reply = dialect(request)
        if isinstance(reply, JsonReply):
            self.send_json(reply)
        else:
            reply.interval = int(self.headers.get("x-fake-interval-ms", 0)) / 1000
            self.send_stream(reply)

    def steered_reply_text(self) -> str:
        encoded = self.headers.get("x-fake-reply-base64")
        text = base64.b64decode(encoded).decode() if encoded else self.headers.get("x-fake-reply", DEFAULT_REPLY)
        return text * int(self.headers.get("x-fake-repeat", 1))

    def steered_tool_call(self) -> ToolCall | None:
        name = self.headers.get("x-fake-tool-call")
        if not name:
            return None
        call = ToolCall(name, self.headers.get("x-fake-tool-args", DEFAULT_TOOL_ARGS))
        if not isinstance(call.input, dict):
            raise ValueError("x-fake-tool-args is not a JSON object")
        return call

    def lower_case_headers(self) -> dict[str, str]:
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            name = name.lower()
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        return headers

    def read_body(self) -> tuple[bytes, bool]:
        """The request body and whether it arrived whole (Envoy resets a request it refuses)."""
        try:
            if "chunked" in self.headers.get("transfer-encoding", "").lower():
                return self.read_chunked_body(), True
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            return body, len(body) == length
        except (ConnectionError, ValueError):
            return b"", False

    def read_chunked_body(self) -> bytes:
        body = bytearray()
        while True:
            line = self.rfile.readline()
            if not line:
                raise ConnectionResetError("connection closed inside a chunked body")
            size = int(line.split(b";", 1)[0].strip(), 16)
            if size == 0:
                break
            body += self.rfile.read(size)
            self.rfile.readline()  # the CRLF closing each chunk
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass  # trailers
        return bytes(body)

    def send_json(self, reply: JsonReply) -> None:
        data = json.dumps(reply.body).encode()
        self.send_response(reply.status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.send_header(MARKER_HEADER, "1")
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def send_stream(self, reply: StreamReply) -> None:
        self.send_response(200)
        self.send_header("content-type", reply.content_type)
        self.send_header("cache-control", "no-cache")
        self.send_header("transfer-encoding", "chunked")
        self.send_header(MARKER_HEADER, "1")
        self.end_headers()
        try:
            # One chunk per event, flushed at once, so a proxy that buffers would be noticed.
            for n, frame in enumerate(reply.frames):
                if n and reply.interval:
                    time.sleep(reply.interval)
                self.wfile.write(b"%x\r\n%s\r\n" % (len(frame), frame))
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client went away mid-stream


def error_reply(status: int, message: str) -> JsonReply:
    return JsonReply({"error": {"message": message, "type": "invalid_request_error", "code": None}}, status)


class FakeLLMServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, port: int, verbose: bool = False):
        super().__init__((host, port), FakeLLMHandler)
        self.verbose = verbose
        self._lock = threading.Lock()
        self._recorded: list[dict] = []

    @property
    def port(self) -> int:
        return self.server_address[1]

    def record(self, entry: dict) -> None:
        with self._lock:
            self._recorded.append(entry)

    def recorded(self) -> list[dict]:
        """Requests that reached the upstream whole."""
        with self._lock:
            return [r for r in self._recorded if r["complete"]]

    def aborted(self) -> list[dict]:
        """Requests whose headers arrived but whose body never did: Envoy sends request headers
        before promptwall's body verdict, and resets the upstream request when it refuses."""
        with self._lock:
            return [r for r in self._recorded if not r["complete"]]

    def reset(self) -> None:
        with self._lock:
            self._recorded.clear()

    def handle_error(self, request, client_address) -> None:
        # Clients and Envoy drop idle keep-alive connections at will; that is no error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


def start_fake_llm(port: int = 0, host: str = "127.0.0.1", verbose: bool = False) -> FakeLLMServer:
    """Start the fake LLM in a background thread; port 0 picks a free one (see `server.port`)."""
    server = FakeLLMServer(host, port, verbose)
    threading.Thread(target=server.serve_forever, name="fake-llm", daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    args = parser.parse_args()
    server = FakeLLMServer(args.host, args.port, verbose=not args.quiet)
    print(f"fake LLM listening on http://{args.host}:{server.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
