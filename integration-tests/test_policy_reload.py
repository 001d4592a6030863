"""Policy as shared data: a remote policy source, hot reload on every worker, bad policies kept
out. Its own Envoy (two workers) and a local policy server."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from envoy_harness import (
    EnvoyProcess,
    ListenerSpec,
    add_loopback_cluster,
    Upstream,
    free_port,
    http_request,
    listeners_of,
    promptwall_plugin,
    render_config,
    shipped_policy,
    wasm_path,
)
from fake_llm import start_fake_llm

REFRESH_SECONDS = 2
SOURCE_CLUSTER = "policy_server"
TENANT_NAMESPACE = "promptwall.test.auth"
UNREACHABLE_CLUSTER = "policy_server_down"


class PolicyServer(ThreadingHTTPServer):
    """Serves one policy document with an ETag; tests swap the document."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), PolicyHandler)
        self.document = b"{}"
        self.requests = 0
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def serve(self, policy) -> None:
        self.document = policy if isinstance(policy, bytes) else json.dumps(policy).encode()


class PolicyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: PolicyServer

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requests += 1
        body = self.server.document
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("if-none-match") == etag:
            self.send_response(304)
            self.send_header("etag", etag)
            self.send_header("content-length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("etag", etag)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def policy_denying(model: str, **extra) -> dict:
    policy = shipped_policy()
    policy.pop("host", None)
    policy["models"] = {"allow": ["*"], "deny": [model]}
    policy.update(extra)
    return policy


@pytest.fixture(scope="module")
def policy_server():
    server = PolicyServer()
    server.serve(policy_denying("model-a"))
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def reloading_envoy(policy_server, tmp_path_factory):
    fake = start_fake_llm()
    inline = shipped_policy()
    inline["models"] = {"allow": ["*"], "deny": ["inline-only"]}
    inline["source"] = {"cluster": SOURCE_CLUSTER, "path": "/policy.json", "refresh_seconds": REFRESH_SECONDS, "timeout_ms": 1000}
    # A second plugin whose source never answers and whose policy says fail closed: its own
    # plugin name, so its shared-data keys are its own.
    closed = shipped_policy()
    closed["source"] = {"cluster": UNREACHABLE_CLUSTER, "path": "/policy.json", "refresh_seconds": 1,
                        "timeout_ms": 300, "startup": "fail_closed"}
    config = render_config(Upstream("127.0.0.1", fake.port), wasm_path(), admin_port=free_port(),
                           listeners=[ListenerSpec("reload", free_port(), inline), ListenerSpec("closed", free_port(), closed)])
    promptwall_plugin(listeners_of(config)[1])["name"] = "promptwall-closed"
    add_loopback_cluster(config, UNREACHABLE_CLUSTER, free_port(), connect_timeout="0.25s")
    add_loopback_cluster(config, SOURCE_CLUSTER, policy_server.port)
    # Stands in for jwt_authn: an earlier filter puts the caller's tenant into dynamic metadata.
    filters = listeners_of(config)[0]["filter_chains"][0]["filters"][0]["typed_config"]["http_filters"]
    filters.insert(0, {
        "name": "envoy.filters.http.header_to_metadata",
        "typed_config": {
            "@type": "type.googleapis.com/envoy.extensions.filters.http.header_to_metadata.v3.Config",
            "request_rules": [{"header": "x-test-tenant-claim", "remove": True,
                               "on_header_present": {"metadata_namespace": TENANT_NAMESPACE, "key": "tenant", "type": "STRING"}}],
        },
    })
    envoy = EnvoyProcess.start(config, tmp_path_factory.mktemp("reload"))
    yield envoy
    envoy.stop()
    fake.stop()


def status_for(envoy: EnvoyProcess, model: str, headers: dict | None = None) -> int:
    body = json.dumps({"model": model, "messages": [{"role": "user", "content": "hi"}]}).encode()
    # A new connection each time, so requests spread over both workers.
    return http_request(envoy.port("reload"), "POST", "/v1/chat/completions", body,
                        {"content-type": "application/json", "connection": "close", **(headers or {})}).status


def wait_until(predicate, timeout: float) -> float:
    """Seconds until `predicate` held for 20 requests in a row; fails after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if all(predicate() for _ in range(20)):
            return time.monotonic() - started
        time.sleep(0.1)
    pytest.fail(f"not within {timeout} s")


def test_fetched_policy_replaces_the_inline_one_on_every_worker(reloading_envoy, policy_server):
    wait_until(lambda: status_for(reloading_envoy, "model-a") == 403, timeout=5 * REFRESH_SECONDS + 5)
    assert status_for(reloading_envoy, "inline-only") == 200
    assert reloading_envoy.stat("promptwall.policy.reloads") >= 2  # each worker VM loaded it


def test_a_policy_change_is_enforced_within_one_refresh_interval(reloading_envoy, policy_server):
    wait_until(lambda: status_for(reloading_envoy, "model-a") == 403, timeout=5 * REFRESH_SECONDS + 5)
    policy_server.serve(policy_denying("model-b"))
    changed_at = time.monotonic()
    wait_until(lambda: status_for(reloading_envoy, "model-b") == 403 and status_for(reloading_envoy, "model-a") == 200,
               timeout=3 * REFRESH_SECONDS + 3)
    latency = time.monotonic() - changed_at
    print(f"reload latency: {latency:.2f} s (refresh interval {REFRESH_SECONDS} s)")
    # One refresh interval, plus the time the check itself takes (20 requests in a row) and slack
    # for a busy two-core machine.
    assert latency < REFRESH_SECONDS + 1.0


def test_a_broken_policy_on_the_server_keeps_the_last_good_one(reloading_envoy, policy_server):
    policy_server.serve(policy_denying("model-c"))
    wait_until(lambda: status_for(reloading_envoy, "model-c") == 403, timeout=3 * REFRESH_SECONDS + 3)
    failures = reloading_envoy.stat("promptwall.policy.reload_failures")
    for broken in [{"version": 1, "mode": "sometimes"}, b"{not json", {"version": 1, "source": {"cluster": "x", "path": "/p"}}]:
        policy_server.serve(broken)
        deadline = time.monotonic() + 3 * REFRESH_SECONDS + 3
        while reloading_envoy.stat("promptwall.policy.reload_failures") == failures and time.monotonic() < deadline:
            time.sleep(0.1)
        assert reloading_envoy.stat("promptwall.policy.reload_failures") > failures, broken
        failures = reloading_envoy.stat("promptwall.policy.reload_failures")
        assert all(status_for(reloading_envoy, "model-c") == 403 for _ in range(10))
    assert "fetched policy refused" in reloading_envoy.log()
    policy_server.serve(policy_denying("model-a"))


def test_monitor_mode_lets_through_and_writes_the_audit_line(reloading_envoy, policy_server):
    policy = policy_denying("model-m", mode="monitor")
    policy["response"] = {**policy["response"], "monitor_header": "x-promptwall-monitor"}
    policy_server.serve(policy)
    wait_until(lambda: reloading_envoy.stat("promptwall.policy.version") > 0 and status_for(reloading_envoy, "model-m") == 200
               and '"action":"monitor"' in reloading_envoy.log(), timeout=3 * REFRESH_SECONDS + 5)
    monitored = reloading_envoy.stat("promptwall.requests.monitored")
    assert status_for(reloading_envoy, "model-m") == 200
    assert reloading_envoy.stat("promptwall.requests.monitored") == monitored + 1
    line = next(l for l in reversed(reloading_envoy.log().splitlines()) if '"action":"monitor"' in l)
    audit = json.loads(line[line.index("{"):])
    assert audit["rule"] == "models.deny" and audit["model"] == "model-m"
    assert audit["route"] == "/v1/chat/completions" and audit["tenant"] is None
    # The policy asked to say so in a response header; allowed traffic carries none.
    body = json.dumps({"model": "model-m", "messages": [{"role": "user", "content": "hi"}]}).encode()
    headers = {"content-type": "application/json", "connection": "close"}
    reply = http_request(reloading_envoy.port("reload"), "POST", "/v1/chat/completions", body, headers)
    assert (reply.status, reply.headers.get("x-promptwall-monitor")) == (200, "models.deny")
    body = json.dumps({"model": "fine", "messages": [{"role": "user", "content": "hi"}]}).encode()
    reply = http_request(reloading_envoy.port("reload"), "POST", "/v1/chat/completions", body, headers)
    assert "x-promptwall-monitor" not in reply.headers
    policy_server.serve(policy_denying("model-a"))


def test_prometheus_shows_the_counters(reloading_envoy, policy_server):
    policy_server.serve(policy_denying("model-p"))
    wait_until(lambda: status_for(reloading_envoy, "model-p") == 403, timeout=3 * REFRESH_SECONDS + 3)
    def prometheus(name: str) -> int:
        # Envoy's Prometheus output drops the "wasmcustom." prefix: promptwall_requests_blocked{} 3
        text = http_request(reloading_envoy.admin_port, "GET", "/stats/prometheus").text
        return sum(int(float(l.split()[-1])) for l in text.splitlines()
                   if l.startswith((f"promptwall_{name}{{", f"promptwall_{name} ")))
    before = {n: prometheus(n) for n in ("requests_blocked", "requests_allowed", "findings_model")}
    assert [status_for(reloading_envoy, m) for m in ("model-p", "ok-1", "model-p", "ok-2", "ok-3")] == [403, 200, 403, 200, 200]
    after = {n: prometheus(n) for n in before}
    assert after["requests_blocked"] - before["requests_blocked"] == 2
    assert after["requests_allowed"] - before["requests_allowed"] == 3
    assert after["findings_model"] - before["findings_model"] == 2


def test_two_tenants_get_their_own_policies(reloading_envoy, policy_server):
    policy = policy_denying("model-a")
    policy["models"] = {"allow": ["shared-*"]}
    policy["overrides"] = [
        {"name": "tenant-red", "match": {"metadata": {"namespace": TENANT_NAMESPACE, "key": "tenant", "value": "red"}},
         "policy": {"models": {"allow": ["red-*"]}}},
        {"name": "tenant-blue", "match": {"metadata": {"namespace": TENANT_NAMESPACE, "key": "tenant", "value": "blue"}},
         "policy": {"models": {"allow": ["blue-*"]}}},
    ]
    policy_server.serve(policy)
    red, blue = {"x-test-tenant-claim": "red"}, {"x-test-tenant-claim": "blue"}
    # Loaded when the base refuses what the old policy allowed.
    wait_until(lambda: status_for(reloading_envoy, "other-1") == 403, timeout=3 * REFRESH_SECONDS + 3)
    assert status_for(reloading_envoy, "red-1", red) == 200
    assert status_for(reloading_envoy, "blue-1", red) == 403
    assert status_for(reloading_envoy, "blue-1", blue) == 200
    assert status_for(reloading_envoy, "red-1", blue) == 403
    # No claim: the base policy.
    assert status_for(reloading_envoy, "red-1") == 403
    assert status_for(reloading_envoy, "shared-1") == 200
    policy_server.serve(policy_denying("model-a"))


def test_an_unreachable_source_with_fail_closed_refuses_guarded_requests(reloading_envoy):
    body = json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}).encode()
    headers = {"content-type": "application/json"}
    unavailable = reloading_envoy.stat("promptwall.policy.unavailable")
    reply = http_request(reloading_envoy.port("closed"), "POST", "/v1/chat/completions", body, headers)
    assert reply.status == 503
    assert reply.json()["error"]["code"] == "policy.unavailable"
    assert reloading_envoy.stat("promptwall.policy.unavailable") == unavailable + 1
    # Unguarded paths are not the policy's business.
    assert http_request(reloading_envoy.port("closed"), "GET", "/v1/models").status == 200
    # The fetches fail and are counted, on and on.
    failures = reloading_envoy.stat("promptwall.policy.fetch_failures")
    deadline = time.monotonic() + 5
    while reloading_envoy.stat("promptwall.policy.fetch_failures") == failures and time.monotonic() < deadline:
        time.sleep(0.2)
    assert reloading_envoy.stat("promptwall.policy.fetch_failures") > failures
