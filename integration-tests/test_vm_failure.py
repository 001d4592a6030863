"""A worker's Wasm VM dies under `failure_policy: FAIL_CLOSED`: requests are refused from then on,
never passed uninspected.

The module is the test-only build with the `fault-injection` feature (target/fault-injection, made
by `make build-fault-injection`, never shipped), which traps on `x-promptwall-fault: trap`. Envoy
runs one worker so the next request meets the dead VM.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from envoy_harness import (
    REPO_ROOT,
    EnvoyProcess,
    ListenerSpec,
    Upstream,
    free_port,
    http_request,
    listeners_of,
    promptwall_plugin,
    render_config,
    shipped_policy,
)

FAULT_WASM = REPO_ROOT / "target" / "fault-injection" / "wasm32-wasip1" / "release" / "promptwall_filter.wasm"
CHAT = "/v1/chat/completions"
ALLOWED = json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": "Say hi"}]}).encode()


class OneWorkerEnvoy(EnvoyProcess):
    concurrency = 1


@pytest.fixture
def fault_envoy(fake_llm, tmp_path):
    if not FAULT_WASM.is_file():
        pytest.fail(f"{FAULT_WASM} is missing: run `make build-fault-injection`", pytrace=False)
    config = render_config(
        Upstream("127.0.0.1", fake_llm.port),
        FAULT_WASM,
        admin_port=free_port(),
        listeners=[ListenerSpec("fault", free_port(), shipped_policy())],
    )
    assert promptwall_plugin(listeners_of(config)[0])["failure_policy"] == "FAIL_CLOSED"
    process = OneWorkerEnvoy.start(config, tmp_path)
    yield process
    process.stop()


def test_dead_vm_fails_closed(fault_envoy: EnvoyProcess, upstream):
    port = fault_envoy.port("fault")
    headers = {"content-type": "application/json"}
    assert http_request(port, "POST", CHAT, ALLOWED, headers).status == 200
    upstream.reset()

    trapped = http_request(port, "POST", CHAT, ALLOWED, {**headers, "x-promptwall-fault": "trap"})
    after = [http_request(port, "POST", CHAT, ALLOWED, headers) for _ in range(5)]
    # An unguarded path is refused too: the filter can no longer tell paths apart.
    other = http_request(port, "GET", "/healthz", None, {})

    statuses = [trapped.status, *(r.status for r in after), other.status]
    assert all(s >= 500 for s in statuses), statuses
    assert upstream.recorded() == [], "a request reached the upstream past a dead VM"
    assert "fault injection: trapping this VM" in fault_envoy.log()
    print(f"\nVM failure: statuses after the trap {statuses}, first body {after[0].text[:120]!r}")
