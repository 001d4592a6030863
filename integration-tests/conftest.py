"""Session fixtures: one fake LLM and one Envoy for the whole run (the machine has two cores).

The Envoy has two listeners, each a copy of the shipped one:
  demo  - the shipped policy, unchanged;
  strip - the same policy with denied tools stripped instead of blocked, and a 4 KiB body limit.
"""

from __future__ import annotations

import pytest

from envoy_harness import (
    EnvoyProcess,
    EnvoyStartError,
    ListenerSpec,
    Upstream,
    free_port,
    render_config,
    shipped_policy,
    wasm_path,
)
from fake_llm import FakeLLMServer, start_fake_llm

STRIP_LISTENER_BODY_LIMIT = 4096


def strip_policy() -> dict:
    policy = shipped_policy()
    policy["tools"]["action"] = "strip"
    policy["limits"]["max_body_bytes"] = STRIP_LISTENER_BODY_LIMIT
    return policy


@pytest.fixture(scope="session")
def fake_llm():
    server = start_fake_llm(port=0)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def envoy(fake_llm: FakeLLMServer, tmp_path_factory) -> EnvoyProcess:
    wasm = wasm_path()
    if not wasm.is_file():
        pytest.fail(f"promptwall filter not built: {wasm} is missing (or set PROMPTWALL_WASM)", pytrace=False)
    config = render_config(
        Upstream("127.0.0.1", fake_llm.port),
        wasm,
        admin_port=free_port(),
        listeners=[
            ListenerSpec("demo", free_port(), shipped_policy()),
            ListenerSpec("strip", free_port(), strip_policy()),
        ],
    )
    try:
        process = EnvoyProcess.start(config, tmp_path_factory.mktemp("envoy"))
    except EnvoyStartError as error:
        pytest.fail(str(error), pytrace=False)
    yield process
    process.stop()


@pytest.fixture
def upstream(fake_llm: FakeLLMServer) -> FakeLLMServer:
    """The fake LLM with an empty request record, to assert on what reached it in this test."""
    fake_llm.reset()
    return fake_llm


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the tail of Envoy's log to every failing test that used the shared Envoy."""
    report = yield
    envoy = getattr(item, "funcargs", {}).get("envoy")
    if report.failed and isinstance(envoy, EnvoyProcess):
        report.sections.append(("Envoy log (tail)", envoy.log_tail()))
    return report
