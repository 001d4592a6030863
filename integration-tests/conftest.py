"""Session fixtures: one fake LLM and one Envoy per host for the whole run (the machine has two cores).

`envoy` is parametrised over the two hosts, so every test that uses it runs against both:
  wasm    - Envoy with the promptwall wasm filter (envoy-config/envoy.yaml);
  extproc - Envoy with the ext_proc filter and promptwall-extproc (envoy-config/envoy-extproc.yaml).
A behaviour that differs between them is a bug. Each Envoy has two listeners, copies of the shipped one:
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
from extproc_harness import ExtProcEnvoy, server_path
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


def listener_specs() -> list[ListenerSpec]:
    return [
        ListenerSpec("demo", free_port(), shipped_policy()),
        ListenerSpec("strip", free_port(), strip_policy()),
    ]


@pytest.fixture(scope="session", params=["wasm", "extproc"])
def host(request) -> str:
    """Which promptwall host the session's `envoy` runs."""
    return request.param


@pytest.fixture(scope="session")
def envoy(host: str, fake_llm: FakeLLMServer, tmp_path_factory) -> EnvoyProcess:
    if host == "extproc":
        yield from extproc_envoy(fake_llm, tmp_path_factory)
        return
    wasm = wasm_path()
    if not wasm.is_file():
        pytest.fail(f"promptwall filter not built: {wasm} is missing (or set PROMPTWALL_WASM)", pytrace=False)
    config = render_config(
        Upstream("127.0.0.1", fake_llm.port),
        wasm,
        admin_port=free_port(),
        listeners=listener_specs(),
    )
    try:
        process = EnvoyProcess.start(config, tmp_path_factory.mktemp("envoy"))
    except EnvoyStartError as error:
        pytest.fail(str(error), pytrace=False)
    yield process
    process.stop()


def extproc_envoy(fake_llm: FakeLLMServer, tmp_path_factory):
    if not server_path().is_file():
        pytest.fail(f"promptwall-extproc not built: {server_path()} is missing (or set PROMPTWALL_EXTPROC)", pytrace=False)
    try:
        process = ExtProcEnvoy.launch(Upstream("127.0.0.1", fake_llm.port), listener_specs(), tmp_path_factory.mktemp("extproc"))
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
