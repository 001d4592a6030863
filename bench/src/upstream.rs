//! A tiny, fast canned LLM upstream for the Envoy load benchmark (std only, one thread per
//! connection, HTTP/1.1 keep-alive). It reads and discards the request body and answers by the
//! `x-bench-reply` request header:
//!   json (default)  a small chat completion
//!   sse-clean       500 SSE chunk events of prose, no secret (one write, content-length)
//!   sse-secret      the same with four secrets split over events
//!   stamped         events written one by one (chunked, flushed, `x-bench-interval-us` apart,
//!                   default 1000), each with its send time in ns since the Unix epoch in
//!                   `created`; `x-bench-events` (default 500) and `x-bench-text`: `words` (each
//!                   delta is a whole lower-case word and its space), `numbered` (`item 12 `:
//!                   whole words with numbers), `tokens` (`word12 `: letters and digits),
//!                   `split` (8-byte deltas of prose), `secret` (split,
//!                   with secrets); each event's `id` is `o<end offset of its delta in the text>`
//!   big             `x-bench-bytes` (default 10 MB) of SSE prose, chunked in 64 KiB writes
//! Usage: bench-upstream PORT (127.0.0.1 only).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use promptwall_bench::{
    answer_text, deltas, plain, sse_answer, sse_end, sse_event_with_id, JSON_ANSWER,
};

const STREAM_EVENTS: usize = 500;
const STREAM_DELTA: usize = 8;

struct Canned {
    json: Vec<u8>,
    sse_clean: Vec<u8>,
    sse_secret: Vec<u8>,
}

fn whole(content_type: &str, body: &str) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

fn main() {
    let port: u16 = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(18000);
    let canned = Arc::new(Canned {
        json: whole("application/json", JSON_ANSWER),
        sse_clean: whole(
            "text/event-stream",
            &sse_answer(
                &answer_text(STREAM_EVENTS, STREAM_DELTA, false),
                STREAM_DELTA,
            ),
        ),
        sse_secret: whole(
            "text/event-stream",
            &sse_answer(
                &answer_text(STREAM_EVENTS, STREAM_DELTA, true),
                STREAM_DELTA,
            ),
        ),
    });
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("bench-upstream: cannot listen on 127.0.0.1:{port}: {e}");
            std::process::exit(1);
        }
    };
    eprintln!("bench-upstream: listening on 127.0.0.1:{port}");
    for stream in listener.incoming().flatten() {
        let canned = Arc::clone(&canned);
        std::thread::spawn(move || {
            let _ = serve(stream, &canned);
        });
    }
}

struct Request {
    headers: Vec<(String, String)>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn number(&self, name: &str, default: u64) -> u64 {
        self.header(name)
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(default)
    }
}

fn serve(stream: TcpStream, canned: &Canned) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::with_capacity(64 * 1024, stream);
    while let Some(request) = read_request(&mut reader)? {
        match request.header("x-bench-reply").unwrap_or("json") {
            "sse-clean" => writer.write_all(&canned.sse_clean)?,
            "sse-secret" => writer.write_all(&canned.sse_secret)?,
            "stamped" => stamped(&mut writer, &request)?,
            "big" => big(&mut writer, request.number("x-bench-bytes", 10 << 20))?,
            _ => writer.write_all(&canned.json)?,
        }
    }
    Ok(())
}

/// Headers, then the body (content-length or chunked) read and dropped. `None` at end of input.
fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Request>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((n, v)) = l.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let request = Request { headers };
    let chunked = request
        .header("transfer-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
    if chunked {
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let size_text = line.trim().split(';').next().unwrap_or("0");
            let size = u64::from_str_radix(size_text, 16).unwrap_or(0);
            if size == 0 {
                // Trailers (none expected) end with an empty line.
                loop {
                    line.clear();
                    if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
                        break;
                    }
                }
                break;
            }
            std::io::copy(&mut reader.by_ref().take(size + 2), &mut std::io::sink())?;
        }
    } else {
        let len = request.number("content-length", 0);
        std::io::copy(&mut reader.by_ref().take(len), &mut std::io::sink())?;
    }
    Ok(Some(request))
}

fn now_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

fn chunk(writer: &mut TcpStream, data: &[u8]) -> std::io::Result<()> {
    let mut out = format!("{:x}\r\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
    writer.write_all(&out)
}

const STREAM_HEAD: &[u8] =
    b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";

fn stamped(writer: &mut TcpStream, request: &Request) -> std::io::Result<()> {
    let events = request
        .number("x-bench-events", STREAM_EVENTS as u64)
        .min(100_000) as usize;
    let interval =
        Duration::from_micros(request.number("x-bench-interval-us", 1000).min(1_000_000));
    let pieces: Vec<String> = match request.header("x-bench-text").unwrap_or("words") {
        "split" => split(&answer_text(events, STREAM_DELTA, false)),
        "secret" => split(&answer_text(events, STREAM_DELTA, true)),
        "numbered" => (0..events).map(|i| format!("item {i} ")).collect(),
        "tokens" => (0..events).map(|i| format!("word{i} ")).collect(),
        _ => plain(events * 12, 9)
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(events)
            .map(|w| format!("{w} "))
            .collect(),
    };
    writer.write_all(STREAM_HEAD)?;
    let mut event = String::new();
    let mut offset = 0;
    for piece in &pieces {
        event.clear();
        offset += piece.len();
        sse_event_with_id(piece, &format!("o{offset}"), now_ns(), &mut event);
        chunk(writer, event.as_bytes())?;
        std::thread::sleep(interval);
    }
    event.clear();
    sse_end(&mut event);
    chunk(writer, event.as_bytes())?;
    writer.write_all(b"0\r\n\r\n")
}

fn split(text: &str) -> Vec<String> {
    deltas(text, STREAM_DELTA)
        .into_iter()
        .map(str::to_string)
        .collect()
}

fn big(writer: &mut TcpStream, bytes: u64) -> std::io::Result<()> {
    let block = sse_answer(&answer_text(2048, STREAM_DELTA, false), STREAM_DELTA);
    // One 64 KiB-ish block of whole events (the trailing finish/[DONE] events cut off).
    let events_end = block.find("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},").unwrap_or(block.len());
    let mut cut = events_end.min(64 * 1024);
    while cut > 0 && !block[..cut].ends_with("\n\n") {
        cut -= 1;
    }
    let unit = &block.as_bytes()[..cut.max(1)];
    writer.write_all(STREAM_HEAD)?;
    let mut sent = 0u64;
    while sent < bytes {
        chunk(writer, unit)?;
        sent += unit.len() as u64;
    }
    let mut end = String::new();
    sse_end(&mut end);
    chunk(writer, end.as_bytes())?;
    writer.write_all(b"0\r\n\r\n")
}
