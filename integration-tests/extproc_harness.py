"""promptwall as an ext_proc service: render Envoy configs from the shipped
envoy-config/envoy-extproc.yaml, run promptwall-extproc servers, and an Envoy that reads the
servers' counters and logs as if they were its own (so the same tests run against both hosts).
"""

from __future__ import annotations

import collections
import copy
import json
import os
import subprocess
import time
from pathlib import Path

import yaml

from envoy_harness import (
    PROMPTWALL_COUNTERS,
    REPO_ROOT,
    EnvoyProcess,
    EnvoyStartError,
    ListenerSpec,
    Upstream,
    add_loopback_cluster,
    connection_manager,
    spawn_logged,
    free_port,
    http_request,
    listeners_of,
    point_at_upstream,
)

SHIPPED_EXTPROC_CONFIG = REPO_ROOT / "envoy-config" / "envoy-extproc.yaml"
DEFAULT_SERVER = REPO_ROOT / "target" / "release" / "promptwall-extproc"
EXTPROC_CLUSTER = "promptwall_extproc"
HTTP2_OPTIONS = {
    "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
        "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
        "explicit_http_config": {"http2_protocol_options": {}},
    }
}


def server_path() -> Path:
    return Path(os.environ.get("PROMPTWALL_EXTPROC", DEFAULT_SERVER))


def prometheus_name(counter: str) -> str:
    return counter.replace(".", "_") + "_total"


class ExtProcServer:
    """One promptwall-extproc process serving one policy file."""

    launcher: list[str] = []  # benchmarks pin it with taskset

    def __init__(self, policy: dict, workdir: Path, extra_args: list[str] | None = None, ports: tuple[int, int] | None = None):
        workdir.mkdir(parents=True, exist_ok=True)
        self.policy_path = workdir / "policy.json"
        self.policy_path.write_text(json.dumps(policy, indent=2))
        self.log_path = workdir / "extproc.log"
        self.grpc_port, self.admin_port = ports or (free_port(), free_port())
        command = [
            *self.launcher,
            str(server_path()),
            "--policy", str(self.policy_path),
            "--listen", f"127.0.0.1:{self.grpc_port}",
            "--admin", f"127.0.0.1:{self.admin_port}",
            "--reload-seconds", "0.2",
            *(extra_args if extra_args is not None else ["--allow-mode-override"]),
        ]  # fmt: skip
        self.process = spawn_logged(command, self.log_path)

    @classmethod
    def start(
        cls, policy: dict, workdir: Path, extra_args: list[str] | None = None, ports: tuple[int, int] | None = None, timeout: float = 20
    ) -> ExtProcServer:
        """`extra_args` default to --allow-mode-override (the shipped config sets allow_mode_override)."""
        server = cls(policy, workdir, extra_args, ports)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                break
            if server.ready():
                return server
            time.sleep(0.05)
        server.stop()
        raise EnvoyStartError(f"promptwall-extproc did not become ready; log:\n{server.log()}")

    def ready(self) -> bool:
        try:
            return http_request(self.admin_port, "GET", "/readyz", timeout=1).status == 200
        except OSError:
            return False

    def metrics(self) -> dict[str, float]:
        text = http_request(self.admin_port, "GET", "/metrics").text
        values = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.partition(" ")
                values[name] = float(value)
        return values

    def counters(self) -> dict[str, int]:
        """The server's counters under the dotted names the wasm filter gives Envoy."""
        metrics = self.metrics()
        names = set(PROMPTWALL_COUNTERS) | {"promptwall.policy.reloads", "promptwall.policy.reload_failures"}
        counters = {name: int(metrics.get(prometheus_name(name), 0)) for name in names}
        counters["promptwall.policy.version"] = int(metrics.get("promptwall_policy_version", 0))
        return counters

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, timeout: float = 10) -> int | None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def load_shipped_extproc_config() -> dict:
    return yaml.safe_load(SHIPPED_EXTPROC_CONFIG.read_text())


def extproc_filter(listener: dict) -> dict:
    http_filters = connection_manager(listener)["http_filters"]
    return next(f["typed_config"] for f in http_filters if "ext_proc" in f["typed_config"]["@type"])


def render_extproc_config(upstream: Upstream, admin_port: int, listeners: list[tuple[ListenerSpec, int]]) -> dict:
    """The shipped ext_proc config, one copy of its listener per (spec, server gRPC port), each
    calling its own server through its own cluster."""
    config = load_shipped_extproc_config()
    config["admin"]["address"]["socket_address"]["port_value"] = admin_port
    template = listeners_of(config)[0]
    clusters = config["static_resources"]["clusters"]
    shipped_cluster = next(c for c in clusters if c["name"] == EXTPROC_CLUSTER)
    clusters.remove(shipped_cluster)
    copies = []
    for spec, grpc_port in listeners:
        listener = copy.deepcopy(template)
        listener["name"] = spec.name
        listener["address"]["socket_address"].update(address="127.0.0.1", port_value=spec.port)
        connection_manager(listener)["stat_prefix"] = spec.name
        cluster = f"{EXTPROC_CLUSTER}_{spec.name}"
        extproc_filter(listener)["grpc_service"]["envoy_grpc"]["cluster_name"] = cluster
        add_loopback_cluster(config, cluster, grpc_port)
        clusters[-1]["typed_extension_protocol_options"] = copy.deepcopy(HTTP2_OPTIONS)
        copies.append(listener)
    config["static_resources"]["listeners"] = copies
    point_at_upstream(config, upstream)
    return config


class ExtProcEnvoy(EnvoyProcess):
    """Envoy with the ext_proc filter, and the promptwall-extproc servers behind it. Counters and
    logs are the servers' (as the wasm filter's are Envoy's), so tests read them the same way."""

    servers: dict[str, ExtProcServer]

    @classmethod
    def launch(cls, upstream: Upstream, specs: list[ListenerSpec], workdir: Path, extra_args: list[str] | None = None) -> ExtProcEnvoy:
        servers = {}
        try:
            for spec in specs:
                servers[spec.name] = ExtProcServer.start(spec.policy, workdir / f"extproc-{spec.name}", extra_args)
            config = render_extproc_config(
                upstream, free_port(), [(spec, servers[spec.name].grpc_port) for spec in specs]
            )
            envoy = cls.start(config, workdir / "envoy")
        except Exception:
            for server in servers.values():
                server.stop()
            raise
        envoy.servers = servers
        return envoy

    def counters(self, contains: str = "") -> dict[str, int]:
        counters = super().counters(contains)
        for name, server in self.servers.items():
            for counter, value in server.counters().items():
                if contains in counter:
                    counters[f"extproc.{name}.{counter}"] = value
        return counters

    def promptwall_counters(self) -> collections.Counter:
        merged: collections.Counter = collections.Counter()
        for server in self.servers.values():
            counters = server.counters()
            merged.update({name: counters.get(name, 0) for name in PROMPTWALL_COUNTERS})
        return merged

    def log(self) -> str:
        return super().log() + "".join(server.log() for server in self.servers.values())

    def stop(self) -> None:
        super().stop()
        for server in getattr(self, "servers", {}).values():
            server.stop()
