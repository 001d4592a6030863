"""Policy files and configs, checked three ways: the JSON schema, the Rust policy model (through
`promptwall validate`), and Envoy loading the filter."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from envoy_harness import (
    REPO_ROOT,
    SHIPPED_CONFIG,
    EnvoyProcess,
    ListenerSpec,
    Upstream,
    free_port,
    listener_policy,
    render_config,
    wasm_path,
)

SCHEMA_PATH = REPO_ROOT / "policy-schema" / "policy.schema.json"
EXAMPLES = sorted((REPO_ROOT / "policy-schema" / "examples").glob("*.json"))
INVALID_EXAMPLES = sorted((REPO_ROOT / "policy-schema" / "invalid").glob("*.json"))


def cli_binary() -> Path:
    return Path(os.environ.get("PROMPTWALL_CLI") or REPO_ROOT / "target" / "release" / "promptwall")


def promptwall_validate(path: Path) -> subprocess.CompletedProcess:
    cli = cli_binary()
    assert cli.is_file(), f"promptwall CLI not built: {cli} is missing (or set PROMPTWALL_CLI)"
    return subprocess.run([str(cli), "validate", str(path)], capture_output=True, text=True, timeout=30)


@pytest.fixture(scope="module")
def schema() -> Draft202012Validator:
    document = json.loads(SCHEMA_PATH.read_text())
    Draft202012Validator.check_schema(document)
    return Draft202012Validator(document)


# --- JSON pointers ------------------------------------------------------------------------------


def json_pointer(path) -> str:
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in path)


def schema_error_pointers(schema: Draft202012Validator, document) -> set[str]:
    """Every place where the schema finds fault with `document`, as JSON pointers.

    For a missing or unexpected property the schema reports the enclosing object; the property's
    own pointer is added as well, since that is the natural place for a tool to point at."""
    pointers = set()
    errors = list(schema.iter_errors(document))
    while errors:
        error = errors.pop()
        errors.extend(error.context)
        pointers.add(json_pointer(error.absolute_path))
        if error.validator == "required":
            named = [name for name in error.validator_value if name not in error.instance]
        elif error.validator in ("additionalProperties", "unevaluatedProperties"):
            named = [name for name in error.instance if name not in error.schema.get("properties", {})]
        else:
            named = []
        pointers.update(json_pointer([*error.absolute_path, name]) for name in named)
    pointers.discard("")  # the whole document: no text to look for
    return pointers


def mentions_pointer(text: str, pointer: str) -> bool:
    """Whether `text` names `pointer` as a whole (so "/mode" is not found in "/models/mode")."""
    return re.search(r"(?<![\w/~.-])" + re.escape(pointer) + r"(?![\w/~-])", text) is not None


# --- Policy files -------------------------------------------------------------------------------


def test_there_are_valid_and_invalid_policy_examples():
    assert EXAMPLES, "policy-schema/examples/ has no policies"
    assert INVALID_EXAMPLES, "policy-schema/invalid/ has no policies to be rejected"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_example_policy_matches_schema(schema, path):
    problems = [f"{json_pointer(e.absolute_path)}: {e.message}" for e in schema.iter_errors(json.loads(path.read_text()))]
    assert problems == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_example_policy_loads_in_rust_model(path):
    result = promptwall_validate(path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", INVALID_EXAMPLES, ids=lambda path: path.name)
def test_invalid_policy_is_rejected_by_schema(schema, path):
    assert list(schema.iter_errors(json.loads(path.read_text()))) != []


@pytest.mark.parametrize("path", INVALID_EXAMPLES, ids=lambda path: path.name)
def test_invalid_policy_is_rejected_by_rust_model_at_the_same_place(schema, path):
    result = promptwall_validate(path)

    assert result.returncode != 0, f"accepted: {result.stdout}"
    # Schema and Rust model must agree on where the policy is wrong.
    expected = schema_error_pointers(schema, json.loads(path.read_text()))
    assert any(mentions_pointer(result.stderr, pointer) for pointer in expected), (
        f"stderr names none of the schema's error locations {sorted(expected)}:\n{result.stderr}"
    )


def test_shipped_envoy_config_embeds_the_demo_policy():
    shipped = yaml.safe_load(SHIPPED_CONFIG.read_text())
    [listener] = shipped["static_resources"]["listeners"]
    demo = json.loads((REPO_ROOT / "policy-schema" / "examples" / "demo.json").read_text())
    assert listener_policy(listener) == demo


# --- Envoy --------------------------------------------------------------------------------------


def test_envoy_refuses_an_invalid_policy(tmp_path):
    wasm = wasm_path()
    assert wasm.is_file(), f"promptwall filter not built: {wasm} is missing (or set PROMPTWALL_WASM)"
    invalid_policy = {"version": 1, "mode": "sometimes"}
    config = render_config(
        Upstream("127.0.0.1", free_port()),
        wasm,
        admin_port=free_port(),
        listeners=[ListenerSpec("invalid", free_port(), invalid_policy)],
    )
    envoy = EnvoyProcess(config, tmp_path)  # its own short-lived Envoy, with its own base id
    try:
        became_ready = envoy.wait_until_ready(timeout=15)
        exit_code = envoy.process.poll()
    finally:
        envoy.stop()

    assert not became_ready, "Envoy served with an invalid policy"
    assert exit_code != 0  # None: still up but never ready, which is a refusal too
    assert mentions_pointer(envoy.log(), "/mode"), envoy.log_tail()
