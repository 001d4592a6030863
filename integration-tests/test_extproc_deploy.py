"""promptwall-extproc as users deploy it, and what only the ext_proc host has.

- kgateway/ and envoy-gateway/extensionpolicy-extproc.yaml: parsed against the fields each resource
  requires; the server's policy valid against the schema; the READMEs carry no other YAML.
- Envoy configured as kgateway renders the GatewayExtension + TrafficPolicy (assumptions in
  kgateway/README.md: a listener filter `ext_proc/<namespace>/<name>` calling the cluster of the
  backendRef Service, `failure_mode_allow` from `failOpen`, and the TrafficPolicy's processing mode
  as an ExtProcPerRoute override on the route), with the server started with the Deployment's own
  arguments: it enforces the demo policy, redacts a streamed secret, and fails closed.
- Envoy configured as Envoy Gateway renders the ext_proc EnvoyExtensionPolicy: enforces too.
- The server itself: a policy file edit reloads, a bad edit keeps the last good policy, a bad
  policy at start is refused naming its JSON pointer, SIGTERM drains, a dead server fails closed.
"""

from __future__ import annotations

import copy
import json
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from envoy_harness import (
    REPO_ROOT,
    EnvoyProcess,
    EnvoyStartError,
    ListenerSpec,
    Upstream,
    add_loopback_cluster,
    connection_manager,
    free_port,
    http_request,
    listeners_of,
)
from extproc_harness import (
    HTTP2_OPTIONS,
    ExtProcEnvoy,
    ExtProcServer,
    extproc_filter,
    render_extproc_config,
    server_path,
)
from llm_api import assert_enforces_the_demo_policy, assert_policy_error, chat

KGATEWAY_DIR = REPO_ROOT / "kgateway"
SERVER_MANIFEST = KGATEWAY_DIR / "promptwall-extproc.yaml"
EXTENSION_MANIFEST = KGATEWAY_DIR / "gatewayextension.yaml"
KGATEWAY_ROUTE = KGATEWAY_DIR / "httproute.yaml"
GATEWAY_EXTPROC_POLICY = REPO_ROOT / "envoy-gateway" / "extensionpolicy-extproc.yaml"
SCHEMA = Draft202012Validator(json.loads((REPO_ROOT / "policy-schema" / "policy.schema.json").read_text()))
DEMO_POLICY = json.loads((REPO_ROOT / "policy-schema" / "examples" / "demo.json").read_text())
EXT_PROC_TYPE = "type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor"
PER_ROUTE_TYPE = "type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute"
FILTER_CONFIG_TYPE = "type.googleapis.com/envoy.config.route.v3.FilterConfig"
SECRET = "ghp_" + "Zq8XkP2mW9vR4tY7uB3nH6cJ1dF5gL0sA2eQ"


def documents(path: Path) -> dict[str, dict]:
    return {doc["kind"]: doc for doc in yaml.safe_load_all(path.read_text()) if doc}


def server_resources() -> dict[str, dict]:
    return documents(SERVER_MANIFEST)


def container() -> dict:
    [c] = server_resources()["Deployment"]["spec"]["template"]["spec"]["containers"]
    return c


def mounted_policy() -> dict:
    return json.loads(server_resources()["ConfigMap"]["data"]["policy.json"])


# --- The manifests -------------------------------------------------------------------------------


def test_server_manifest_mounts_a_valid_policy_where_the_server_reads_it():
    resources = server_resources()
    config_map, deployment, service = resources["ConfigMap"], resources["Deployment"], resources["Service"]
    policy = mounted_policy()
    assert list(SCHEMA.iter_errors(policy)) == []
    expected = {k: v for k, v in DEMO_POLICY.items() if k != "host"}
    assert policy == expected
    args = container()["args"]
    policy_file = Path(args[args.index("--policy") + 1])
    [mount] = container()["volumeMounts"]
    assert policy_file.parent == Path(mount["mountPath"]) and "subPath" not in mount  # subPath never updates
    [volume] = deployment["spec"]["template"]["spec"]["volumes"]
    assert volume["name"] == mount["name"] and volume["configMap"]["name"] == config_map["metadata"]["name"]
    assert policy_file.name in config_map["data"]
    probes = {container()["readinessProbe"]["httpGet"]["path"], container()["livenessProbe"]["httpGet"]["path"]}
    assert probes == {"/readyz", "/healthz"}
    drain = float(args[args.index("--drain-seconds") + 1])
    assert deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > drain
    assert deployment["spec"]["selector"]["matchLabels"] == service["spec"]["selector"]
    grpc = next(p for p in service["spec"]["ports"] if p["name"] == "grpc")
    listen_port = int(args[args.index("--listen") + 1].rsplit(":", 1)[1])
    assert grpc["appProtocol"] == "kubernetes.io/h2c"
    assert {"name": "grpc", "containerPort": listen_port} in container()["ports"]


def test_the_mounted_policy_loads_in_the_server(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(mounted_policy()))
    result = subprocess.run([str(server_path()), "--check", "--policy", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_gateway_extension_and_traffic_policy_have_the_required_fields():
    docs = documents(EXTENSION_MANIFEST)
    extension, traffic = docs["GatewayExtension"], docs["TrafficPolicy"]
    service = server_resources()["Service"]
    for doc in (extension, traffic):
        assert doc["apiVersion"] == "gateway.kgateway.dev/v1alpha1"
        assert doc["metadata"]["namespace"] == service["metadata"]["namespace"]
    assert extension["spec"]["type"] == "ExtProc"
    ext_proc = extension["spec"]["extProc"]
    assert ext_proc["failOpen"] is False  # kgateway defaults to true
    ref = ext_proc["grpcService"]["backendRef"]
    assert ref["name"] == service["metadata"]["name"]
    assert ref["port"] in [p["port"] for p in service["spec"]["ports"] if p["name"] == "grpc"]
    [target] = traffic["spec"]["targetRefs"]
    assert target == {"group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "name": "llm-api"}
    assert traffic["spec"]["extProc"]["extensionRef"]["name"] == extension["metadata"]["name"]
    mode = traffic["spec"]["extProc"]["processingMode"]
    assert mode["requestBodyMode"] == "BUFFERED" and mode["responseBodyMode"] in {"STREAMED", "BUFFERED"}


def test_routes_cover_every_guarded_path():
    route = documents(KGATEWAY_ROUTE)["HTTPRoute"]
    matched = {m["path"]["value"] for rule in route["spec"]["rules"] for m in rule["matches"]}
    assert {r["path"] for r in mounted_policy()["routes"]} <= matched


def test_envoy_gateway_extproc_policy_has_the_required_fields():
    policy = documents(GATEWAY_EXTPROC_POLICY)["EnvoyExtensionPolicy"]
    assert policy["apiVersion"] == "gateway.envoyproxy.io/v1alpha1"
    [ext_proc] = policy["spec"]["extProc"]
    assert ext_proc["failOpen"] is False
    [backend] = ext_proc["backendRefs"]
    assert backend["name"] == server_resources()["Service"]["metadata"]["name"]
    assert ext_proc["processingMode"]["request"]["body"] == "Buffered"
    assert ext_proc["processingMode"]["response"]["body"] in {"Streamed", "Buffered"}


def test_kgateway_readme_names_its_files_and_carries_no_other_yaml():
    text = (KGATEWAY_DIR / "README.md").read_text()
    known = [doc for path in (SERVER_MANIFEST, EXTENSION_MANIFEST, KGATEWAY_ROUTE) for doc in yaml.safe_load_all(path.read_text())]
    for path in (SERVER_MANIFEST, EXTENSION_MANIFEST, KGATEWAY_ROUTE):
        assert f"kgateway/{path.name}" in text
    for block in __import__("re").findall(r"^```ya?ml\n(.*?)^```", text, flags=__import__("re").M | __import__("re").S):
        for document in yaml.safe_load_all(block):
            if isinstance(document, dict) and "kind" in document:
                assert document in known, f"README shows a {document['kind']} that is not in a file"


# --- Envoy as the control planes render it --------------------------------------------------------

BODY_MODES = {"STREAMED": "STREAMED", "BUFFERED": "BUFFERED", "Streamed": "STREAMED", "Buffered": "BUFFERED"}


def deployment_args_without_addresses() -> list[str]:
    """The Deployment's arguments but the policy path and the addresses, which the harness sets to
    a temporary file and loopback ports."""
    args = list(container()["args"])
    for flag in ("--policy", "--listen", "--admin"):
        i = args.index(flag)
        del args[i : i + 2]
    return args


def start_manifest_server(workdir: Path) -> ExtProcServer:
    """The server as the Deployment runs it (its own arguments), on loopback."""
    return ExtProcServer.start(mounted_policy(), workdir, extra_args=deployment_args_without_addresses())


def kgateway_filter_name() -> str:
    meta = documents(EXTENSION_MANIFEST)["GatewayExtension"]["metadata"]
    return f"ext_proc/{meta['namespace']}/{meta['name']}"


def routes_with_filter_config(template: dict, filter_name: str, per_filter_config: dict) -> list[dict]:
    """One Envoy route per match of the HTTPRoute, each with `per_filter_config` for the filter."""
    routes = []
    for rule in documents(KGATEWAY_ROUTE)["HTTPRoute"]["spec"]["rules"]:
        for match in rule["matches"]:
            route = copy.deepcopy(template)
            route["match"] = {"path": match["path"]["value"]}
            route["typed_per_filter_config"] = {filter_name: per_filter_config}
            routes.append(route)
    return routes


def point_filter_at(config: dict, cluster: str, grpc_port: int) -> None:
    """Replace the shipped ext_proc cluster by the control plane's `cluster`, on the server."""
    clusters = config["static_resources"]["clusters"]
    clusters[:] = [c for c in clusters if not c["name"].startswith("promptwall_extproc")]
    add_loopback_cluster(config, cluster, grpc_port)
    clusters[-1]["typed_extension_protocol_options"] = copy.deepcopy(HTTP2_OPTIONS)


def render_kgateway(upstream_port: int, server: ExtProcServer) -> dict:
    docs = documents(EXTENSION_MANIFEST)
    ext_proc = docs["GatewayExtension"]["spec"]["extProc"]
    mode = docs["TrafficPolicy"]["spec"]["extProc"]["processingMode"]
    service = server_resources()["Service"]
    cluster = f"kube_{service['metadata']['namespace']}_{service['metadata']['name']}_{ext_proc['grpcService']['backendRef']['port']}"
    config = render_extproc_config(Upstream("127.0.0.1", upstream_port), free_port(), [(ListenerSpec("kgateway", free_port(), {}), server.grpc_port)])
    [listener] = listeners_of(config)
    hcm = connection_manager(listener)
    name = kgateway_filter_name()
    filter_config = {
        "@type": EXT_PROC_TYPE,
        "grpc_service": {"envoy_grpc": {"cluster_name": cluster}},
        "failure_mode_allow": ext_proc["failOpen"],
        "message_timeout": ext_proc["messageTimeout"],
    }
    hcm["http_filters"][0] = {"name": name, "typed_config": filter_config}
    overrides = {
        "processing_mode": {
            "request_header_mode": mode["requestHeaderMode"],
            "request_body_mode": BODY_MODES[mode["requestBodyMode"]],
            "request_trailer_mode": mode["requestTrailerMode"],
            "response_header_mode": mode["responseHeaderMode"],
            "response_body_mode": BODY_MODES[mode["responseBodyMode"]],
            "response_trailer_mode": mode["responseTrailerMode"],
        }
    }
    [virtual_host] = hcm["route_config"]["virtual_hosts"]
    per_route = {"@type": PER_ROUTE_TYPE, "overrides": overrides}
    virtual_host["routes"] = routes_with_filter_config(virtual_host["routes"][0], name, per_route)
    point_filter_at(config, cluster, server.grpc_port)
    return config


def render_envoy_gateway(upstream_port: int, server: ExtProcServer) -> dict:
    policy = documents(GATEWAY_EXTPROC_POLICY)["EnvoyExtensionPolicy"]
    [spec] = policy["spec"]["extProc"]
    [backend] = spec["backendRefs"]
    meta = policy["metadata"]
    name = f"envoy.filters.http.ext_proc/envoyextensionpolicy/{meta['namespace']}/{meta['name']}/extproc/0"
    cluster = f"envoyextensionpolicy/{meta['namespace']}/{meta['name']}/0"
    config = render_extproc_config(Upstream("127.0.0.1", upstream_port), free_port(), [(ListenerSpec("envoy-gateway", free_port(), {}), server.grpc_port)])
    [listener] = listeners_of(config)
    hcm = connection_manager(listener)
    mode = spec["processingMode"]
    filter_config = {
        "@type": EXT_PROC_TYPE,
        # The cluster name has slashes, so Envoy Gateway sets the authority to the Service's name.
        "grpc_service": {"envoy_grpc": {"cluster_name": cluster, "authority": f"{backend['name']}.{meta['namespace']}:{backend['port']}"}},
        "failure_mode_allow": spec["failOpen"],
        "message_timeout": spec["messageTimeout"],
        "allow_mode_override": mode.get("allowModeOverride", False),
        "processing_mode": {
            "request_header_mode": "SEND",
            "request_body_mode": BODY_MODES[mode["request"]["body"]],
            "response_header_mode": "SEND",
            "response_body_mode": BODY_MODES[mode["response"]["body"]],
            "request_trailer_mode": "SKIP",
            "response_trailer_mode": "SKIP",
        },
    }
    # Envoy Gateway adds the filter disabled and enables it on the targeted route's rules.
    hcm["http_filters"][0] = {"name": name, "disabled": True, "typed_config": filter_config}
    [virtual_host] = hcm["route_config"]["virtual_hosts"]
    enabled = {"@type": FILTER_CONFIG_TYPE, "config": {}}
    virtual_host["routes"] = routes_with_filter_config(virtual_host["routes"][0], name, enabled)
    point_filter_at(config, cluster, server.grpc_port)
    return config


@pytest.fixture(scope="module", params=["kgateway", "envoy-gateway"])
def rendered(request, fake_llm, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(request.param)
    server = start_manifest_server(workdir / "server")
    render = render_kgateway if request.param == "kgateway" else render_envoy_gateway
    try:
        envoy = ExtProcEnvoy.start(render(fake_llm.port, server), workdir / "envoy")
        envoy.servers = {request.param: server}
    except EnvoyStartError as error:
        server.stop()
        pytest.fail(str(error), pytrace=False)
    yield request.param, envoy, server
    envoy.stop()
    server.stop()


def test_envoy_enforces_the_policy_as_the_control_plane_renders_it(rendered, upstream):
    name, envoy, _ = rendered
    assert_enforces_the_demo_policy(envoy, name, upstream)


def test_a_secret_streamed_over_many_events_is_redacted(rendered, upstream):
    name, envoy, _ = rendered
    body = json.dumps({"model": "gpt-4o", "stream": True, "messages": [{"role": "user", "content": "token?"}]}).encode()
    headers = {"content-type": "application/json", "x-fake-reply": f"Your token is {SECRET} keep it", "x-fake-delta-size": "3"}
    reply = http_request(envoy.port(name), "POST", "/v1/chat/completions", body, headers)
    assert reply.status == 200
    text = "".join(
        json.loads(line[6:])["choices"][0]["delta"].get("content") or ""
        for line in reply.text.splitlines()
        if line.startswith("data: {")
    )
    assert SECRET not in text and SECRET[:12] not in text
    assert text.startswith("Your token is ") and text.endswith(" keep it")
    assert reply.text.rstrip().endswith("data: [DONE]")


def test_a_denied_tool_call_in_a_whole_answer_never_reaches_the_client(rendered, upstream):
    """Without allow_mode_override (neither control plane sets it here) the status has left with
    the headers: the body is replaced by the dialect's error, as the wasm filter does on Istio."""
    name, envoy, _ = rendered
    body = json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": "list files"}]}).encode()
    headers = {"content-type": "application/json", "x-fake-tool-call": "run_command"}
    reply = http_request(envoy.port(name), "POST", "/v1/chat/completions", body, headers)
    assert reply.status in {200, 403}
    assert "run_command\"" not in reply.text or "error" in reply.json()
    assert reply.json()["error"]["type"] == "policy_violation"


# --- The server on its own -------------------------------------------------------------------------


@pytest.fixture
def lone_server(tmp_path, fake_llm):
    """One server behind the shipped ext_proc config."""
    server = ExtProcServer.start(DEMO_POLICY, tmp_path / "server")
    config = render_extproc_config(Upstream("127.0.0.1", fake_llm.port), free_port(), [(ListenerSpec("lone", free_port(), {}), server.grpc_port)])
    envoy = EnvoyProcess.start(config, tmp_path / "envoy")
    yield envoy, server
    envoy.stop()
    server.stop()


def wait_for(condition, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_policy_file_edit_reloads_and_a_bad_edit_keeps_the_last_good(lone_server, upstream):
    envoy, server = lone_server
    port = envoy.port("lone")
    assert chat(port, "gpt-4o", "Say hi").status == 200
    stricter = copy.deepcopy(DEMO_POLICY)
    stricter["models"]["deny"].append("gpt-4o")
    server.policy_path.write_text(json.dumps(stricter))
    assert wait_for(lambda: server.counters()["promptwall.policy.reloads"] == 1)
    assert_policy_error(chat(port, "gpt-4o", "Say hi"), "openai_chat", "models.deny")

    server.policy_path.write_text('{"version": 1, "mode": "sometimes"}')
    assert wait_for(lambda: server.counters()["promptwall.policy.reload_failures"] == 1)
    assert "/mode" in server.log()
    assert_policy_error(chat(port, "gpt-4o", "Say hi"), "openai_chat", "models.deny")  # last good kept
    assert server.counters()["promptwall.policy.version"] == 2


def test_a_dead_server_fails_closed_and_sigterm_drains(lone_server, upstream):
    envoy, server = lone_server
    assert server.stop() == 0  # SIGTERM: drained and exited cleanly
    assert '"stopped"' in server.log()
    reply = chat(envoy.port("lone"), "gpt-4o-mini", "Say hi")
    assert reply.status >= 500
    assert upstream.recorded() == []


def test_a_bad_policy_at_start_is_refused_with_its_pointer(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text('{"version": 1, "mode": "sometimes"}')
    result = subprocess.run([str(server_path()), "--policy", str(path), "--listen", f"127.0.0.1:{free_port()}"], capture_output=True, text=True, timeout=10)
    assert result.returncode == 2
    assert "/mode" in result.stderr


def test_metrics_and_health_endpoints(lone_server):
    _, server = lone_server
    assert http_request(server.admin_port, "GET", "/healthz").status == 200
    assert http_request(server.admin_port, "GET", "/nope").status == 404
    text = http_request(server.admin_port, "GET", "/metrics").text
    assert "# TYPE promptwall_requests_blocked_total counter" in text
    assert "promptwall_extproc_streams_active" in text
