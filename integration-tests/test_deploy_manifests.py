"""The Istio and Envoy Gateway manifests (istio/, envoy-gateway/), checked three ways:

- parsed, against the fields each resource requires, with the policy in them valid against
  policy-schema/policy.schema.json;
- the YAML in the READMEs is the YAML in the files (a user copies what is tested);
- Envoy runs the filter exactly as Istio / Envoy Gateway would generate it from the manifest, and
  enforces the policy: a denied model and an injection get a 403 in OpenAI's shape, an allowed
  request a 200.

The renderings below are what the control planes emit (assumptions stated in istio/README.md and
envoy-gateway/README.md): Istio builds the Wasm filter named `<namespace>.<name>` with `root_id`
= `spec.pluginName`, an empty `vm_id`, the V8 runtime, `configuration` a StringValue holding
`pluginConfig` marshalled to JSON (as protobuf Struct numbers: integral values lose their `.0`),
`failure_policy: FAIL_CLOSED` for `failStrategy: FAIL_CLOSE`, and no
`allow_on_headers_stop_iteration`; the istio-agent has already fetched the module into a local
file. Envoy Gateway adds the filter disabled in the listener, enables it on the routes of the
targeted HTTPRoute, and hands Envoy the module as a remote source on its own cache server, pinned
by sha256, with `config` as a StringValue of JSON.
"""

from __future__ import annotations

import copy
import hashlib
import http.server
import json
import re
import threading
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from envoy_harness import (
    add_loopback_cluster,
    REPO_ROOT,
    EnvoyProcess,
    EnvoyStartError,
    ListenerSpec,
    Upstream,
    connection_manager,
    free_port,
    http_request,
    listeners_of,
    render_config,
    replace_http_filter,
    wasm_path,
)
from llm_api import assert_enforces_the_demo_policy, chat

ISTIO_DIR = REPO_ROOT / "istio"
GATEWAY_DIR = REPO_ROOT / "envoy-gateway"
WASM_PLUGINS = sorted(ISTIO_DIR.glob("wasmplugin-*.yaml"))
EXTENSION_POLICY = GATEWAY_DIR / "extensionpolicy.yaml"
HTTP_ROUTE = GATEWAY_DIR / "httproute.yaml"
SCHEMA = Draft202012Validator(json.loads((REPO_ROOT / "policy-schema" / "policy.schema.json").read_text()))
DEMO_POLICY = json.loads((REPO_ROOT / "policy-schema" / "examples" / "demo.json").read_text())

WASM_TYPE = "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm"
STRING_VALUE_TYPE = "type.googleapis.com/google.protobuf.StringValue"
FILTER_CONFIG_TYPE = "type.googleapis.com/envoy.config.route.v3.FilterConfig"
V8 = "envoy.wasm.runtime.v8"
SHA256 = re.compile(r"^[a-f0-9]{64}$")
# Placeholders the READMEs tell users to replace (the digest changes with every code change).
IMAGE_DIGEST_PLACEHOLDER = "PROMPTWALL_IMAGE_DIGEST"
WASM_SHA256_PLACEHOLDER = "PROMPTWALL_WASM_SHA256"
ISTIO_PHASES = {"UNSPECIFIED_PHASE", "AUTHN", "AUTHZ", "STATS"}
ISTIO_FAIL_STRATEGIES = {"FAIL_CLOSE", "FAIL_OPEN"}


def load_manifest(path: Path) -> dict:
    [document] = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    return document


def schema_problems(policy: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in SCHEMA.iter_errors(policy)]


def policy_without_host() -> dict:
    policy = copy.deepcopy(DEMO_POLICY)
    policy.pop("host")
    return policy


def fill_digest(path: Path, placeholder: str, digest: str) -> dict:
    """The manifest as the README's `sed` command prepares it for `kubectl apply`."""
    return yaml.safe_load(path.read_text().replace(placeholder, digest))


def struct_json(value) -> str:
    """JSON as Istio marshals a protobuf Struct: every number is a double, and an integral double
    is written without a fraction (1.0 -> 1)."""

    def as_struct(v):
        if isinstance(v, bool) or v is None or isinstance(v, str):
            return v
        if isinstance(v, (int, float)):
            number = float(v)
            return int(number) if number.is_integer() else number
        if isinstance(v, dict):
            return {key: as_struct(item) for key, item in v.items()}
        return [as_struct(item) for item in v]

    return json.dumps(as_struct(value), separators=(",", ":"))


# --- Istio WasmPlugin: the manifests -------------------------------------------------------------


def test_there_are_wasm_plugins_for_each_target():
    names = {path.name for path in WASM_PLUGINS}
    assert names == {
        "wasmplugin-sidecar.yaml",
        "wasmplugin-gateway.yaml",
        "wasmplugin-waypoint.yaml",
        "wasmplugin-file.yaml",
    }


@pytest.mark.parametrize("path", WASM_PLUGINS, ids=lambda p: p.name)
def test_wasm_plugin_has_the_required_fields(path):
    plugin = load_manifest(path)
    spec = plugin["spec"]

    assert plugin["apiVersion"] == "extensions.istio.io/v1alpha1"
    assert plugin["kind"] == "WasmPlugin"
    assert plugin["metadata"]["name"] and plugin["metadata"]["namespace"]
    assert spec["failStrategy"] == "FAIL_CLOSE"
    assert spec["phase"] in ISTIO_PHASES
    # After authentication: a jwt_authn tenant claim must be in dynamic metadata for `overrides`.
    assert spec["phase"] in {"AUTHZ", "STATS"}
    assert spec["pluginName"] == "promptwall"  # Istio's root_id
    assert not ("selector" in spec and "targetRefs" in spec), "selector and targetRefs exclude each other"
    for match in spec.get("match", []):
        assert match["mode"] in {"UNDEFINED", "CLIENT", "SERVER", "CLIENT_AND_SERVER"}
        assert all(isinstance(port["number"], int) for port in match["ports"])
    for ref in spec.get("targetRefs", []):
        assert ref["kind"] in {"Gateway", "Service"} and ref["name"]
        assert ref.get("group", "") == ("gateway.networking.k8s.io" if ref["kind"] == "Gateway" else "")

    scheme = spec["url"].split("://")[0]
    assert scheme in {"oci", "file", "http", "https"}
    if scheme == "file":
        # Istio hands a file:// module to Envoy unverified: a sha256 here would suggest otherwise.
        assert "sha256" not in spec
    else:
        assert spec["sha256"] == IMAGE_DIGEST_PLACEHOLDER
        filled = fill_digest(path, IMAGE_DIGEST_PLACEHOLDER, "ab" * 32)
        assert SHA256.match(filled["spec"]["sha256"])
        assert IMAGE_DIGEST_PLACEHOLDER not in yaml.safe_dump(filled)


@pytest.mark.parametrize("path", WASM_PLUGINS, ids=lambda p: p.name)
def test_wasm_plugin_config_is_the_demo_policy_without_host(path):
    config = load_manifest(path)["spec"]["pluginConfig"]
    assert schema_problems(config) == []
    assert "host" not in config  # a WasmPlugin cannot set allow_on_headers_stop_iteration
    assert config == policy_without_host()
    # What the filter receives after Istio's Struct round trip is valid too.
    assert schema_problems(json.loads(struct_json(config))) == []


def test_both_oci_and_file_variants_exist():
    schemes = {load_manifest(path)["spec"]["url"].split("://")[0] for path in WASM_PLUGINS}
    assert {"oci", "file"} <= schemes


def test_dockerfile_is_a_single_plugin_wasm_layer_on_scratch():
    """Istio's Wasm OCI image, Docker variant: one layer holding plugin.wasm. (Not built here:
    there is no docker in the test environment.)"""
    instructions = [
        line.split(None, 1)
        for line in (ISTIO_DIR / "Dockerfile").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert instructions[0] == ["FROM", "scratch"]
    layer_making = [i for i in instructions[1:] if i[0].upper() in {"COPY", "ADD", "RUN"}]
    assert len(layer_making) == 1
    assert layer_making[0][0].upper() == "COPY"
    assert layer_making[0][1].split()[-1] in {"plugin.wasm", "./plugin.wasm", "/plugin.wasm"}


# --- Envoy Gateway EnvoyExtensionPolicy: the manifests ------------------------------------------


def test_extension_policy_has_the_required_fields():
    policy = load_manifest(EXTENSION_POLICY)
    spec = policy["spec"]

    assert policy["apiVersion"] == "gateway.envoyproxy.io/v1alpha1"
    assert policy["kind"] == "EnvoyExtensionPolicy"
    assert policy["metadata"]["name"] and policy["metadata"]["namespace"]
    [ref] = spec["targetRefs"]
    assert ref == {"group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "name": "llm-api"}
    [wasm] = spec["wasm"]
    assert wasm["rootID"] == "promptwall"
    assert wasm.get("failOpen", False) is False
    code = wasm["code"]
    assert code["type"] in {"HTTP", "Image"}
    source = code["http"] if code["type"] == "HTTP" else code["image"]
    assert source["url"].startswith("https://" if code["type"] == "HTTP" else "")
    assert source["sha256"] == WASM_SHA256_PLACEHOLDER
    filled = fill_digest(EXTENSION_POLICY, WASM_SHA256_PLACEHOLDER, "cd" * 32)
    assert SHA256.match(filled["spec"]["wasm"][0]["code"]["http"]["sha256"])


def test_extension_policy_config_is_the_demo_policy_without_host():
    [wasm] = load_manifest(EXTENSION_POLICY)["spec"]["wasm"]
    assert schema_problems(wasm["config"]) == []
    assert wasm["config"] == policy_without_host()


def test_http_route_is_the_target_and_covers_every_guarded_path():
    route = load_manifest(HTTP_ROUTE)
    [ref] = load_manifest(EXTENSION_POLICY)["spec"]["targetRefs"]
    assert route["apiVersion"] == "gateway.networking.k8s.io/v1"
    assert route["kind"] == ref["kind"]
    assert route["metadata"]["name"] == ref["name"]
    assert route["metadata"]["namespace"] == load_manifest(EXTENSION_POLICY)["metadata"]["namespace"]
    matched = {m["path"]["value"] for rule in route["spec"]["rules"] for m in rule["matches"]}
    guarded = {r["path"] for r in load_manifest(EXTENSION_POLICY)["spec"]["wasm"][0]["config"]["routes"]}
    assert guarded <= matched


# --- The READMEs show the tested YAML ------------------------------------------------------------


def yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```ya?ml\n(.*?)^```", markdown, flags=re.M | re.S)


MANIFEST_FILES = [*WASM_PLUGINS, EXTENSION_POLICY, HTTP_ROUTE]


@pytest.mark.parametrize("readme", [ISTIO_DIR / "README.md", GATEWAY_DIR / "README.md"], ids=lambda p: p.parent.name)
def test_readme_yaml_is_the_tested_yaml(readme):
    """A promptwall resource shown in a README is one of the files, verbatim; a README names the
    files it applies rather than carrying a second copy that could drift."""
    text = readme.read_text()
    files = {path: load_manifest(path) for path in MANIFEST_FILES}
    own = [path for path in MANIFEST_FILES if path.parent == readme.parent]
    for path in own:
        assert f"{path.parent.name}/{path.name}" in text, f"{readme} does not mention {path.name}"
    for block in yaml_blocks(text):
        for document in yaml.safe_load_all(block):
            if isinstance(document, dict) and document.get("kind") in {"WasmPlugin", "EnvoyExtensionPolicy"}:
                assert document in files.values(), f"{readme}: a {document['kind']} that is not in a file"


def test_readmes_tell_how_to_get_the_sha256():
    top = (REPO_ROOT / "README.md").read_text()
    assert "make repro" in top and "sha256" in top
    istio = (ISTIO_DIR / "README.md").read_text()
    assert IMAGE_DIGEST_PLACEHOLDER in istio and "docker build -f istio/Dockerfile" in istio
    gateway = (GATEWAY_DIR / "README.md").read_text()
    assert WASM_SHA256_PLACEHOLDER in gateway and "make repro" in gateway


# --- Envoy, configured as the control planes would ---------------------------------------------


def istio_wasm_filter(manifest: dict, wasm_file: Path) -> dict:
    """The HTTP filter Istio generates for a WasmPlugin (delivered by ECDS; inlined here)."""
    spec = manifest["spec"]
    name = f"{manifest['metadata']['namespace']}.{manifest['metadata']['name']}"
    plugin = {
        "name": name,
        "root_id": spec.get("pluginName", ""),
        "vm_config": {
            "vm_id": "",
            "runtime": V8,
            # The istio-agent fetched the module (oci/http) into a file; file:// is used as is.
            "code": {"local": {"filename": str(wasm_file)}},
            "environment_variables": {"key_values": {"ISTIO_META_WASM_PLUGIN_RESOURCE_VERSION": "1"}},
        },
        "configuration": {"@type": STRING_VALUE_TYPE, "value": struct_json(spec["pluginConfig"])},
        "failure_policy": {"FAIL_CLOSE": "FAIL_CLOSED", "FAIL_OPEN": "FAIL_OPEN"}[spec["failStrategy"]],
    }
    return {"name": name, "typed_config": {"@type": WASM_TYPE, "config": plugin}}


def gateway_wasm_filter_name(policy: dict, index: int) -> str:
    meta = policy["metadata"]
    return f"envoy.filters.http.wasm/envoyextensionpolicy/{meta['namespace']}/{meta['name']}/wasm/{index}"


def gateway_wasm_filter(policy: dict, index: int, module_url: str, sha256: str) -> dict:
    """The HTTP filter Envoy Gateway generates for spec.wasm[index]: disabled in the listener,
    enabled per route; the module from the gateway's cache server, pinned by sha256."""
    wasm = policy["spec"]["wasm"][index]
    plugin = {
        "name": wasm.get("name", ""),
        "root_id": wasm.get("rootID", ""),
        "vm_config": {
            "runtime": V8,
            "code": {
                "remote": {
                    "http_uri": {"uri": module_url, "cluster": "wasm_cluster", "timeout": "10s"},
                    "sha256": sha256,
                }
            },
        },
        "configuration": {"@type": STRING_VALUE_TYPE, "value": json.dumps(wasm["config"], separators=(",", ":"))},
        "failure_policy": "FAIL_OPEN" if wasm.get("failOpen") else "FAIL_CLOSED",
    }
    return {"name": gateway_wasm_filter_name(policy, index), "disabled": True, "typed_config": {"@type": WASM_TYPE, "config": plugin}}


def gateway_routes(http_route: dict, filter_name: str, template: dict) -> list[dict]:
    """One Envoy route per HTTPRoute match, with the policy's filter enabled on it."""
    routes = []
    for rule in http_route["spec"]["rules"]:
        for match in rule["matches"]:
            kind = {"Exact": "path", "PathPrefix": "prefix"}[match["path"]["type"]]
            route = copy.deepcopy(template)
            route["match"] = {kind: match["path"]["value"]}
            route["typed_per_filter_config"] = {filter_name: {"@type": FILTER_CONFIG_TYPE, "config": {}}}
            routes.append(route)
    return routes


class ModuleServer:
    """Envoy Gateway's wasm cache server, reduced to serving one file on loopback."""

    def __init__(self, module: bytes):
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("content-type", "application/wasm")
                self.send_header("content-length", str(len(module)))
                self.end_headers()
                self.wfile.write(module)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def built_wasm() -> Path:
    wasm = wasm_path()
    if not wasm.is_file():
        pytest.fail(f"promptwall filter not built: {wasm} is missing (or set PROMPTWALL_WASM)", pytrace=False)
    return wasm


def start(config: dict, workdir: Path) -> EnvoyProcess:
    try:
        return EnvoyProcess.start(config, workdir)
    except EnvoyStartError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="module")
def istio_envoy(fake_llm, built_wasm, tmp_path_factory):
    """One Envoy, one listener per WasmPlugin manifest, each filter rendered as Istio would."""
    plugins = [load_manifest(path) for path in WASM_PLUGINS]
    config = render_config(
        Upstream("127.0.0.1", fake_llm.port),
        built_wasm,
        admin_port=free_port(),
        listeners=[ListenerSpec(path.stem, free_port(), {"version": 1}) for path in WASM_PLUGINS],
    )
    for listener, plugin in zip(listeners_of(config), plugins):
        replace_http_filter(listener, istio_wasm_filter(plugin, built_wasm))
    envoy = start(config, tmp_path_factory.mktemp("istio-envoy"))
    yield envoy
    envoy.stop()


def render_gateway_config(
    policy: dict,
    upstream_port: int,
    built_wasm,
    listener_name: str,
    module_url: str,
    module_port: int,
    sha256: str,
    retries: int | None = None,
) -> dict:
    """One listener whose promptwall filter is rendered as Envoy Gateway renders the extension
    policy (module fetched from `module_url` through a loopback cluster, switched on per route)."""
    config = render_config(
        Upstream("127.0.0.1", upstream_port),
        built_wasm,
        admin_port=free_port(),
        listeners=[ListenerSpec(listener_name, free_port(), {"version": 1})],
    )
    [listener] = listeners_of(config)
    wasm_filter = gateway_wasm_filter(policy, 0, module_url, sha256)
    if retries is not None:
        wasm_filter["typed_config"]["config"]["vm_config"]["code"]["remote"]["retry_policy"] = {"num_retries": retries}
    replace_http_filter(listener, wasm_filter)
    [virtual_host] = connection_manager(listener)["route_config"]["virtual_hosts"]
    virtual_host["routes"] = gateway_routes(load_manifest(HTTP_ROUTE), wasm_filter["name"], virtual_host["routes"][0])
    add_loopback_cluster(config, "wasm_cluster", module_port, connect_timeout="5s")
    return config


@pytest.fixture(scope="module")
def gateway_envoy(fake_llm, built_wasm, tmp_path_factory):
    module = built_wasm.read_bytes()
    sha256 = hashlib.sha256(module).hexdigest()
    server = ModuleServer(module)
    policy = fill_digest(EXTENSION_POLICY, WASM_SHA256_PLACEHOLDER, sha256)
    assert policy["spec"]["wasm"][0]["code"]["http"]["sha256"] == sha256
    config = render_gateway_config(
        policy, fake_llm.port, built_wasm, "envoy-gateway", f"http://127.0.0.1:{server.port}/{sha256}.wasm", server.port, sha256
    )
    envoy = start(config, tmp_path_factory.mktemp("gateway-envoy"))
    yield envoy
    envoy.stop()
    server.stop()


@pytest.mark.parametrize("path", WASM_PLUGINS, ids=lambda p: p.name)
def test_envoy_enforces_the_wasm_plugin_as_istio_renders_it(istio_envoy, upstream, path):
    rendered = next(
        f for f in connection_manager(next(l for l in listeners_of(istio_envoy.config) if l["name"] == path.stem))["http_filters"]
        if f["name"].endswith(".promptwall")
    )
    plugin = rendered["typed_config"]["config"]
    assert plugin["vm_config"]["vm_id"] == "" and "allow_on_headers_stop_iteration" not in plugin
    assert_enforces_the_demo_policy(istio_envoy, path.stem, upstream)


def test_envoy_enforces_the_extension_policy_as_envoy_gateway_renders_it(gateway_envoy, upstream):
    assert_enforces_the_demo_policy(gateway_envoy, "envoy-gateway", upstream)


def test_envoy_refuses_a_module_that_does_not_match_the_pinned_sha256(upstream, built_wasm, tmp_path):
    """The pin is real: a module served with another sha256 than the policy's never guards (nor
    passes) traffic — the fetch fails and FAIL_CLOSED refuses requests, or Envoy never serves."""
    module = built_wasm.read_bytes()
    server = ModuleServer(module)
    policy = fill_digest(EXTENSION_POLICY, WASM_SHA256_PLACEHOLDER, "0" * 64)
    config = render_gateway_config(
        policy, upstream.port, built_wasm, "mismatch", f"http://127.0.0.1:{server.port}/module.wasm", server.port, "0" * 64, retries=0
    )
    envoy = EnvoyProcess(config, tmp_path)
    try:
        if envoy.wait_until_ready(timeout=20):
            reply = chat(envoy.port("mismatch"), "gpt-4o-mini", "Say hi")
            assert reply.status >= 500, reply.text
        assert upstream.recorded() == []
    finally:
        envoy.stop()
        server.stop()
    assert "failed to load" in envoy.log(), envoy.log_tail()
