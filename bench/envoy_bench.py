"""`make bench`: Envoy with no filter, with the no-op wasm filter and with promptwall, under the
same loopback load, plus the engine microbenchmarks; results go to docs/benchmarks.md.

Everything runs on 127.0.0.1. Envoy runs with --concurrency 1 pinned to CPU 0 (taskset); the load
generator (wrk, installed by scripts/bench_setup.sh into .tools/bench) and the canned upstream
(bench-upstream, a std-only Rust server from the bench crate) share CPU 1. Configurations are
interleaved within each round; the table shows medians over rounds.

BENCH_QUICK=1: one round of 1 s runs, fewer latency samples (a development check, under 2 minutes).
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "integration-tests"))

import envoy_harness as harness  # noqa: E402  (after the path set-up above)
import extproc_harness  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
ROUNDS = 1 if QUICK else 3
DURATION_S = 1 if QUICK else 3
CONNECTIONS = 8
WRK = REPO / ".tools" / "bench" / "wrk"
UPSTREAM_BIN = REPO / "target" / "release" / "bench-upstream"
MICRO_BIN = REPO / "target" / "release" / "promptwall-bench"
WASM_DIR = REPO / "target" / "wasm32-wasip1" / "release"
PROMPTWALL_WASM = WASM_DIR / "promptwall_filter.wasm"
NOOP_WASM = WASM_DIR / "promptwall_noop_filter.wasm"
DOC = REPO / "docs" / "benchmarks.md"
BEGIN, END = "<!-- bench:begin (written by make bench) -->", "<!-- bench:end -->"
ENVOY_CPU, LOAD_CPU = "0", "1"
CLK_TCK = os.sysconf("SC_CLK_TCK")
CHAT_PATH = "/v1/chat/completions"


def policy() -> dict:
    """policy-schema/examples/default.json plus the host options of envoy-config/envoy.yaml."""
    doc = json.loads((REPO / "policy-schema" / "examples" / "default.json").read_text())
    doc["host"] = harness.shipped_policy().get("host", {})
    return doc


# --- Configurations -----------------------------------------------------------------------------

CONFIGS = ("no filter", "no-op wasm", "promptwall", "promptwall ext_proc")
EXTPROC = "promptwall ext_proc"
EXTPROC_BIN = REPO / "target" / "release" / "promptwall-extproc"


# Where promptwall's cost per small request goes: the same module with parts of the policy off,
# measured on the 1 KB workload alongside the no-op filter (`make bench` only).
BREAKDOWN = {
    "route not guarded": {"routes": [{"path": "/not-this-path", "dialect": "openai_chat"}]},
    "request read, no detector": {"injection": {"enabled": False}, "redaction": {"enabled": False}},
    "request read, no detector, answer read for tool calls": {
        "injection": {"enabled": False}, "redaction": {"enabled": False}, "tools": {"deny": ["bench-never-called"]}},
}  # fmt: skip
BREAKDOWN_WORKLOAD = "1 KB allowed"


def render(config: str, upstream_port: int, admin_port: int, port: int) -> dict:
    """The shipped envoy.yaml, edited: one listener on `port`, the cluster on the bench upstream,
    and the filter swapped for the no-op module or removed (or, for a `BREAKDOWN` entry, promptwall
    with that policy change)."""
    upstream = harness.Upstream("127.0.0.1", upstream_port)
    wasm = NOOP_WASM if config == "no-op wasm" else PROMPTWALL_WASM
    spec = harness.ListenerSpec("bench", port, {**policy(), **BREAKDOWN.get(config, {})})
    rendered = harness.render_config(upstream, wasm, admin_port=admin_port, listeners=[spec])
    listener = harness.listeners_of(rendered)[0]
    if config == "no-op wasm":
        plugin = harness.promptwall_plugin(listener)
        plugin["name"] = plugin["root_id"] = plugin["vm_config"]["vm_id"] = "noop"
        plugin["configuration"]["value"] = "{}"
    elif config == "no filter":
        hcm = harness.connection_manager(listener)
        hcm["http_filters"] = [f for f in hcm["http_filters"] if f["name"] != harness.FILTER_NAME]
    return rendered


class PinnedEnvoy(harness.EnvoyProcess):
    """The harness's EnvoyProcess, started with one worker on CPU 0."""

    concurrency = 1
    launcher = ["taskset", "-c", ENVOY_CPU]
    log_options = ["--log-level", "warn"]

    def __init__(self, config: dict, workdir: Path):
        self.started_at = time.monotonic()
        super().__init__(config, workdir)

    def cpu_seconds(self) -> float:
        return proc_cpu_seconds(self.process.pid)

    def rss_mib(self) -> float:
        return proc_rss_mib(self.process.pid)


class PinnedServer(extproc_harness.ExtProcServer):
    launcher = ["taskset", "-c", ENVOY_CPU]


class PinnedExtProcEnvoy(PinnedEnvoy):
    """Envoy with the ext_proc filter and its promptwall-extproc server, both on CPU 0: the proxy's
    cost is the two processes' CPU and memory together."""

    server: PinnedServer

    def cpu_seconds(self) -> float:
        return super().cpu_seconds() + proc_cpu_seconds(self.server.process.pid)

    def rss_mib(self) -> float:
        return super().rss_mib() + proc_rss_mib(self.server.process.pid)

    def stop(self) -> None:
        super().stop()
        self.server.stop()


def proc_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14, 15)


def proc_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_envoy(config: str, upstream_port: int, workdir: Path) -> tuple[PinnedEnvoy, float]:
    """Envoy on `config`, and the seconds from exec to /ready LIVE with the listener accepting
    (for ext_proc, from the server's exec)."""
    if config == EXTPROC:
        began = time.monotonic()
        server = PinnedServer.start(policy(), workdir / "server", extra_args=["--allow-mode-override", "--log-level", "warn"])
        spec = harness.ListenerSpec("bench", harness.free_port(), {})
        rendered = extproc_harness.render_extproc_config(
            harness.Upstream("127.0.0.1", upstream_port), harness.free_port(), [(spec, server.grpc_port)]
        )
        envoy = PinnedExtProcEnvoy(rendered, workdir / "envoy")
        envoy.server = server
        envoy.started_at = began
    else:
        rendered = render(config, upstream_port, harness.free_port(), harness.free_port())
        envoy = PinnedEnvoy(rendered, workdir)
    if not envoy.wait_until_ready(60):
        envoy.stop()
        raise harness.EnvoyStartError(f"{config}: Envoy did not start:\n{envoy.log_tail()}")
    return envoy, time.monotonic() - envoy.started_at


# --- Workloads ----------------------------------------------------------------------------------


@dataclass
class Workload:
    name: str
    # Sent in turn, one per request: a gateway sees a different body every time, and the same
    # body again and again lets the CPU learn its branches (a 16 KB body is short enough).
    bodies: list[bytes]
    reply: str = "json"  # x-bench-reply
    blocked: bool = False  # promptwall answers 403 itself


def generate_bodies() -> dict[str, str]:
    """Request bodies from the bench crate's generator (the same prose as the microbenchmarks)."""
    out = subprocess.run([str(MICRO_BIN), "--bodies"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def workloads() -> list[Workload]:
    bodies = generate_bodies()
    out = []
    def variants(key: str) -> list[bytes]:
        return [bodies[k].encode() for k in sorted(bodies) if k.split(".")[0] == key]

    for size in ("1", "16", "128"):
        out.append(Workload(f"{size} KB allowed", variants(f"{size}k")))
        out.append(Workload(f"{size} KB blocked", variants(f"{size}k-blocked"), blocked=True))
    stream_body = variants("stream")
    out.append(Workload("SSE 500 events", stream_body, reply="sse-clean"))
    out.append(Workload("SSE 500 events, secrets", stream_body, reply="sse-secret"))
    return out


WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.headers["x-bench-reply"] = "%(reply)s"
local bodies = {}
for _, path in ipairs({%(bodies)s}) do
  local f = assert(io.open(path, "rb"))
  bodies[#bodies + 1] = f:read("*a")
  f:close()
end
local next_body = 0
request = function()
  next_body = next_body %% #bodies + 1
  return wrk.format(nil, nil, nil, bodies[next_body])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_per_1k: float
    non_2xx: int
    socket_errors: int


def run_wrk(port: int, workload: Workload, workdir: Path, envoy: PinnedEnvoy | None) -> Run:
    paths = []
    for k, body in enumerate(workload.bodies):
        body_file = workdir / f"body-{abs(hash(workload.name))}-{k}.json"
        body_file.write_bytes(body)
        paths.append(f'"{body_file}"')
    script = workdir / f"wrk-{abs(hash(workload.name))}.lua"
    script.write_text(WRK_SCRIPT % {"reply": workload.reply, "bodies": ", ".join(paths)})
    cpu_before = envoy.cpu_seconds() if envoy else 0.0
    command = [
        "taskset", "-c", LOAD_CPU, str(WRK), "-t1", f"-c{CONNECTIONS}", f"-d{DURATION_S}s",
        "--timeout", "10s", "-s", str(script), f"http://127.0.0.1:{port}{CHAT_PATH}",
    ]  # fmt: skip
    out = subprocess.run(command, check=True, capture_output=True, text=True, timeout=DURATION_S + 30).stdout
    cpu = (envoy.cpu_seconds() - cpu_before) if envoy else 0.0
    match = re.search(r"^BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", out, re.M)
    if not match:
        raise RuntimeError(f"unexpected wrk output:\n{out}")
    requests, duration_us, p50, p99, status_errors, socket_errors = map(int, match.groups())
    return Run(
        rps=requests / (duration_us / 1e6),
        p50_ms=p50 / 1000,
        p99_ms=p99 / 1000,
        cpu_per_1k=cpu / max(requests, 1) * 1000,
        non_2xx=status_errors,
        socket_errors=socket_errors,
    )


# --- Streaming latency --------------------------------------------------------------------------


def stamped_stream(port: int, text: str, events: int, interval_us: int) -> dict:
    """One stamped SSE answer: per event, arrival minus upstream send time (ms); per upstream
    delta, when its text reached the client minus its send time (only where no text changes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {
        "content-type": "application/json",
        "x-bench-reply": "stamped",
        "x-bench-text": text,
        "x-bench-events": str(events),
        "x-bench-interval-us": str(interval_us),
    }
    body = json.dumps({"model": "gpt-4o-mini", "stream": True, "messages": [{"role": "user", "content": "hi"}]})
    connection.request("POST", CHAT_PATH, body=body, headers=headers)
    response = connection.getresponse()
    buffer = b""
    received = []  # (arrival ns, created ns, content, end offset of the upstream delta)
    while True:
        data = response.read1(65536)
        arrival = time.time_ns()
        if not data:
            break
        buffer += data
        *complete, buffer = buffer.split(b"\n\n")
        for event in complete:
            payload = event.decode().removeprefix("data: ")
            if payload == "[DONE]":
                continue
            chunk = json.loads(payload)
            if chunk["choices"] and "content" in chunk["choices"][0]["delta"]:
                end = int(chunk["id"][1:]) if chunk["id"].startswith("o") else 0
                received.append((arrival, chunk["created"], chunk["choices"][0]["delta"]["content"], end))
    connection.close()
    event_delays = [(a - c) / 1e6 for a, c, _, _ in received]
    text_delays = []
    if text != "secret":
        # The upstream delta of event i ends at text offset ends[i] (its id); its text reached
        # the client with the first event whose cumulative text covers that offset.
        cumulative, arrivals = 0, []
        for a, _, content, _ in received:
            cumulative += len(content.encode())
            arrivals.append((cumulative, a))
        j = 0
        for _, created, _, end in received:
            while j < len(arrivals) and arrivals[j][0] < end:
                j += 1
            if j < len(arrivals):
                text_delays.append((arrivals[j][1] - created) / 1e6)
    redacted = sum(content.count("[REDACTED") for _, _, content, _ in received)
    return {"events": event_delays, "text": text_delays, "redacted": redacted}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


# --- Memory -------------------------------------------------------------------------------------


def big_stream(port: int, size: int) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"content-type": "application/json", "x-bench-reply": "big", "x-bench-bytes": str(size)}
    body = json.dumps({"model": "gpt-4o-mini", "stream": True, "messages": [{"role": "user", "content": "hi"}]})
    connection.request("POST", CHAT_PATH, body=body, headers=headers)
    response = connection.getresponse()
    total = 0
    while chunk := response.read1(1 << 20):
        total += len(chunk)
    connection.close()
    return total


def warm_requests(port: int, count: int, body: bytes) -> None:
    """`count` small allowed requests over one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(count):
        connection.request("POST", CHAT_PATH, body=body, headers={"content-type": "application/json"})
        connection.getresponse().read()
    connection.close()


# --- Report -------------------------------------------------------------------------------------


def machine() -> str:
    model = next(
        (l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")),
        platform.processor(),
    )
    version = subprocess.run([harness.envoy_binary(), "--version"], capture_output=True, text=True).stdout
    version = re.search(r"version: \S*?/(\d+\.\d+\.\d+)/", version) or re.search(r"version: (\S+)", version)
    load = Path("/proc/loadavg").read_text().split()[:3]
    return (
        f"{os.cpu_count()} CPUs ({model}), Linux {platform.release()}, Envoy {version.group(1) if version else '?'}; "
        f"load average before the run {' '.join(load)}"
    )


def fmt(value: float, digits: int = 2) -> str:
    return "–" if value != value else f"{value:.{digits}f}"


TARGETS = {  # (workload, metric): (limit, "≤" or "≥")
    ("1 KB allowed", "cpu"): (1.15, "≤"),
    ("16 KB allowed", "cpu"): (1.25, "≤"),
    ("128 KB allowed", "cpu"): (2.0, "≤"),
    ("16 KB allowed", "rps"): (0.85, "≥"),
}


def main() -> int:
    for needed in (WRK, UPSTREAM_BIN, MICRO_BIN, PROMPTWALL_WASM, NOOP_WASM, EXTPROC_BIN):
        if not needed.exists():
            print(f"make bench: {needed} is missing (run through `make bench`)", file=sys.stderr)
            return 1
    began = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="promptwall-bench-"))
    description = machine()
    print(f"bench: {description}; {'QUICK, ' if QUICK else ''}{ROUNDS} round(s) of {DURATION_S} s runs", flush=True)

    upstream_port = harness.free_port()
    upstream = subprocess.Popen(
        ["taskset", "-c", LOAD_CPU, str(UPSTREAM_BIN), str(upstream_port)],
        stderr=subprocess.DEVNULL,
        preexec_fn=harness.die_with_parent,
    )
    envoys: dict[str, PinnedEnvoy] = {}
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", upstream_port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)

        # Start time (exec to ready), several starts each; the last Envoy of each stays up.
        start_times: dict[str, list[float]] = {c: [] for c in CONFIGS}
        starts = 1 if QUICK else 3
        for attempt in range(starts):
            for config in CONFIGS:
                envoy, seconds = start_envoy(config, upstream_port, workdir / f"{config}-{attempt}".replace(" ", "_"))
                start_times[config].append(seconds)
                if attempt + 1 < starts:
                    envoy.stop()
                else:
                    envoys[config] = envoy
        rss_idle = {c: envoys[c].rss_mib() for c in CONFIGS}
        for config in BREAKDOWN:
            envoys[config], _ = start_envoy(config, upstream_port, workdir / f"breakdown-{len(envoys)}")
        ports = {c: envoys[c].port("bench") for c in envoys}

        # Is the upstream fast enough? Load it directly once.
        loads = workloads()
        direct = {w.name: run_wrk(upstream_port, w, workdir, None) for w in (loads[0], loads[6])}

        results: dict[tuple[str, str], list[Run]] = {}
        for round_index in range(ROUNDS):
            shift = round_index % len(CONFIGS)
            order = CONFIGS[shift:] + CONFIGS[:shift]
            for workload in loads:
                configs = list(order)
                if workload.name == BREAKDOWN_WORKLOAD:
                    # The breakdown configurations take their turn in the rotation too.
                    every = [*CONFIGS, *BREAKDOWN]
                    configs = every[round_index % len(every):] + every[:round_index % len(every)]
                for config in configs:
                    run = run_wrk(ports[config], workload, workdir, envoys[config])
                    results.setdefault((workload.name, config), []).append(run)
            print(f"bench: round {round_index + 1}/{ROUNDS} done ({time.monotonic() - began:.0f} s)", flush=True)
        requests_served = {c: envoys[c].counters("http.bench.downstream_rq_total") for c in CONFIGS}
        rss_after_load = {c: envoys[c].rss_mib() for c in CONFIGS}

        # Streaming latency.
        latency_events = 200 if QUICK else 500
        latency: dict[tuple[str, str], dict] = {}
        for text in ("words", "numbered", "tokens", "split", "secret"):
            for config in CONFIGS:
                samples = [stamped_stream(ports[config], text, latency_events, 1000) for _ in range(1 if QUICK else 2)]
                latency[(text, config)] = {
                    "events": [d for s in samples for d in s["events"]],
                    "text": [d for s in samples for d in s["text"]],
                    "redacted": samples[0]["redacted"],
                }

        # Memory: 10k small requests, then a 10 MB stream.
        small = loads[0].bodies[0]
        rss_10k, rss_stream, streamed = {}, {}, {}
        for config in CONFIGS:
            warm_requests(ports[config], 2000 if QUICK else 10000, small)
            rss_10k[config] = envoys[config].rss_mib()
            streamed[config] = big_stream(ports[config], 10 << 20)
            rss_stream[config] = envoys[config].rss_mib()

        micro = subprocess.run(
            ["taskset", "-c", ENVOY_CPU, str(MICRO_BIN)] + (["--quick"] if QUICK else []),
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
    finally:
        for envoy in envoys.values():
            envoy.stop()
        upstream.terminate()
        upstream.wait()

    # --- Render ---
    def med(workload: str, config: str, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in results[(workload, config)])

    lines = [
        f"Machine: {description}. Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{'BENCH_QUICK, ' if QUICK else ''}{ROUNDS} interleaved round(s) × {DURATION_S} s per run, "
        f"wrk -t1 -c{CONNECTIONS}, medians over rounds. A two-core virtual machine whose host is shared: "
        "absolute figures drift from run to run (the load average above says what ran just before); "
        "ratios are measured in the same run, configuration after configuration.",
        "",
        "Envoy `--concurrency 1` on CPU 0; wrk and the canned upstream (`bench-upstream`, std-only Rust) "
        "share CPU 1. CPU = Envoy utime+stime (/proc/<pid>/stat) per 1000 requests. Ratios are to the "
        "no-op wasm filter. Blocked requests: promptwall answers 403 itself (the upstream is never "
        "reached); the other two forward them.",
        "",
        "| workload | config | req/s | p50 ms | p99 ms | CPU s / 1k req | CPU × no-op | req/s × no-op | non-2xx |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for workload in loads:
        noop_cpu = med(workload.name, "no-op wasm", "cpu_per_1k")
        noop_rps = med(workload.name, "no-op wasm", "rps")
        for config in CONFIGS:
            cpu, rps = med(workload.name, config, "cpu_per_1k"), med(workload.name, config, "rps")
            non_2xx = sum(r.non_2xx for r in results[(workload.name, config)])
            errors = sum(r.socket_errors for r in results[(workload.name, config)])
            lines.append(
                f"| {workload.name} | {config} | {rps:.0f} | {fmt(med(workload.name, config, 'p50_ms'))} | "
                f"{fmt(med(workload.name, config, 'p99_ms'))} | {cpu:.3f} | {fmt(cpu / noop_cpu if noop_cpu else float('nan'))} | "
                f"{fmt(rps / noop_rps)} | {non_2xx}{f' ({errors} socket errors)' if errors else ''} |"
            )
    noop_cpu = med(BREAKDOWN_WORKLOAD, "no-op wasm", "cpu_per_1k")
    lines += [
        "",
        f"Where the cost of a small request goes ({BREAKDOWN_WORKLOAD}, the same module and run, parts of "
        "the default policy switched off):",
        "",
        "| promptwall with | CPU s / 1k req | CPU × no-op |",
        "|---|---:|---:|",
        *(
            f"| {config} | {med(BREAKDOWN_WORKLOAD, config, 'cpu_per_1k'):.3f} | "
            f"{fmt(med(BREAKDOWN_WORKLOAD, config, 'cpu_per_1k') / noop_cpu)} |"
            for config in [*BREAKDOWN, "promptwall"]
        ),
    ]
    lines += ["", "Targets (promptwall against the no-op filter, same run):", ""]
    for (workload, metric), (limit, sign) in TARGETS.items():
        attr = "cpu_per_1k" if metric == "cpu" else "rps"
        ratio = med(workload, "promptwall", attr) / med(workload, "no-op wasm", attr)
        ok = ratio <= limit if sign == "≤" else ratio >= limit
        what = "CPU per request" if metric == "cpu" else "throughput"
        lines.append(f"- {what}, {workload}: {ratio:.2f}× (target {sign} {limit}×) — {'met' if ok else '**missed**'}")
    lines += [
        "",
        "Upstream alone (wrk straight to bench-upstream, same CPU as wrk): "
        + ", ".join(f"{name}: {run.rps:.0f} req/s, p50 {run.p50_ms:.2f} ms" for name, run in direct.items()),
        "",
        "### Streaming latency",
        "",
        f"One stamped SSE answer of {latency_events} events, 1 ms apart, {'once' if QUICK else 'twice'} per "
        "configuration. *Event delay*: arrival at the client minus the upstream's send time (stamped "
        "in the event). *Text delay*: when an upstream delta's text had fully reached the client. "
        "`words`: every delta is a whole lower-case word and its space (no candidate); `numbered`: "
        "`item 12 ` deltas (whole words, digits: the redactor holds digit groups that could still grow "
        "into a card or phone number); `tokens`: `word12 ` deltas (letters and digits in one word); `split`: 8-byte deltas of prose (words split across events); "
        "`secret`: the same with four secrets split over events (text delay not computed: redaction "
        "changes lengths).",
        "",
        "| text | config | event p50 ms | event p99 ms | text p50 ms | text p99 ms | redactions seen |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for (text, config), s in latency.items():
        lines.append(
            f"| {text} | {config} | {fmt(percentile(s['events'], 50), 3)} | {fmt(percentile(s['events'], 99), 3)} | "
            f"{fmt(percentile(s['text'], 50), 3)} | {fmt(percentile(s['text'], 99), 3)} | {s['redacted']} |"
        )
    lines += [
        "",
        "### Start time and memory",
        "",
        "| config | exec → ready s (median) | RSS idle MiB | RSS after the load rounds MiB | "
        f"RSS after {'2k' if QUICK else '10k'} more requests MiB | RSS after a 10 MB stream MiB | requests served |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for config in CONFIGS:
        served = sum(requests_served[config].values()) if requests_served[config] else 0
        lines.append(
            f"| {config} | {statistics.median(start_times[config]):.2f} | {rss_idle[config]:.1f} | "
            f"{rss_after_load[config]:.1f} | {rss_10k[config]:.1f} | {rss_stream[config]:.1f} "
            f"({streamed[config] / 1e6:.1f} MB read) | {served} |"
        )
    sizes = {p.name: p.stat().st_size for p in (PROMPTWALL_WASM, NOOP_WASM)}
    lines += [
        "",
        "### Wasm modules",
        "",
        f"- promptwall_filter.wasm: {sizes[PROMPTWALL_WASM.name]} bytes "
        f"({sizes[PROMPTWALL_WASM.name] / 2**20:.2f} MiB; target ≤ 1.5 MB — "
        f"{'met' if sizes[PROMPTWALL_WASM.name] <= 1.5e6 else '**missed**'})",
        f"- promptwall_noop_filter.wasm: {sizes[NOOP_WASM.name]} bytes",
        "",
        "### Engine microbenchmarks (native, `promptwall-bench`, pinned to CPU 0)",
        "",
        micro.strip(),
        "",
        f"Whole `make bench` run: {time.monotonic() - began:.0f} s.",
    ]
    write_doc("\n".join(lines))
    print("\n".join(lines))
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


def write_doc(generated: str) -> None:
    """Replace the generated part of docs/benchmarks.md, keeping the hand-written text around it."""
    text = DOC.read_text() if DOC.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text = text.rstrip() + f"\n\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n{generated}\n{END}{tail}")


if __name__ == "__main__":
    sys.exit(main())
