"""The Kubernetes manifests (deploy/kubernetes): valid for recent Kubernetes, and in step with the guide.

Offline: kubernetes-validate bundles the official Kubernetes JSON schemas. The strict ones are used, so an
unknown or misspelt field fails (the loose ones accept any extra field). The guide's side (the server's flags,
the probe's handler, the per-visitor memory figure) is read from milia_kit itself, not copied here.
"""
from __future__ import annotations

import copy
import inspect
import json
import re

import kubernetes_validate
import pytest
import yaml
from kubernetes_validate.utils import all_versions

from conftest import run_async
from milia_kit import front_door, serve
from milia_kit.paths import ROOT

HERE = ROOT / "deploy" / "kubernetes"
OLDEST_KUBERNETES = (1, 31)  # the oldest minor version the manifests are checked against (README.md says so)
NGINX = "nginx.ingress.kubernetes.io/"


def minor(version: str) -> tuple[int, int]:
    major, minor_, *_ = version.split(".")
    return int(major), int(minor_)


def recent_versions() -> list[str]:
    """Every Kubernetes minor version from OLDEST_KUBERNETES to the newest whose schemas the package bundles."""
    bundled = sorted({minor(v) for v in all_versions()})
    return [f"{a}.{b}" for a, b in bundled if (a, b) >= OLDEST_KUBERNETES]


def kustomization() -> dict:
    return yaml.safe_load((HERE / "kustomization.yaml").read_text())


def documents() -> list[tuple[str, dict]]:
    """(file name, document) for every manifest the kustomization applies."""
    return [(name, doc) for name in kustomization()["resources"]
            for doc in yaml.safe_load_all((HERE / name).read_text()) if doc]


def the(kind: str) -> dict:
    found = [doc for _, doc in documents() if doc["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def container() -> dict:
    containers = the("Deployment")["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1, "one container: the guide (its printer and kernels are its own processes)"
    return containers[0]


def options(command: list[str]) -> dict[str, str]:
    """`--name=value` and `--name value` options of a command line, by name."""
    found, args = {}, list(command)
    for i, arg in enumerate(args):
        if not arg.startswith("--"):
            continue
        if "=" in arg:
            name, value = arg.split("=", 1)
        else:
            name, value = arg, (args[i + 1] if i + 1 < len(args) and not args[i + 1].startswith("--") else "")
        found[name] = value
    return found


UNITS = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024, "K": 1000 / 2**20, "M": 10**6 / 2**20, "G": 10**9 / 2**20, "": 1 / 2**20}


def mebibytes(quantity) -> float:
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]i?)?", str(quantity)).groups()
    return float(number) * UNITS[unit or ""]


def container_port(port) -> int:
    """A probe's or Service's port (a number or a name) as the container's port number."""
    if isinstance(port, int):
        return port
    named = {p["name"]: p["containerPort"] for p in container()["ports"]}
    assert port in named, f"no container port named {port!r}"
    return named[port]


@pytest.mark.parametrize("version", recent_versions())
def test_every_manifest_is_valid_for_recent_kubernetes_versions(version):
    assert minor(version) >= OLDEST_KUBERNETES
    checked = []
    for name, doc in documents():
        # strict: additional (unknown) properties are errors; raises ValidationError or SchemaNotFoundError
        assert kubernetes_validate.validate(doc, version, strict=True) == version, (name, doc["kind"])
        checked.append(doc["kind"])
    assert sorted(checked) == ["Deployment", "Ingress", "Namespace", "Service"]


def test_the_checks_reach_a_kubernetes_version_still_supported_upstream():
    # The package's newest schemas must be at least as new as the pyproject.toml bound promises (1.33).
    assert minor(recent_versions()[-1]) >= (1, 33)


def test_the_validator_catches_a_misspelt_field_in_a_manifest():
    version = recent_versions()[-1]
    deployment, service = the("Deployment"), the("Service")
    for doc in (deployment, service):  # the originals pass, so a failure below is the typo's
        kubernetes_validate.validate(doc, version, strict=True)

    broken = copy.deepcopy(deployment)
    guide = broken["spec"]["template"]["spec"]["containers"][0]
    guide["readinesProbe"] = guide.pop("readinessProbe")
    with pytest.raises(kubernetes_validate.ValidationError, match="readinesProbe"):
        kubernetes_validate.validate(broken, version, strict=True)

    broken = copy.deepcopy(service)
    broken["spec"]["sessionAfinity"] = broken["spec"].pop("sessionAffinity")
    with pytest.raises(kubernetes_validate.ValidationError, match="sessionAfinity"):
        kubernetes_validate.validate(broken, version, strict=True)


def test_the_kustomization_applies_every_manifest_in_the_folder():
    listed = set(kustomization()["resources"])
    present = {path.name for path in HERE.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == present
    assert kustomization()["namespace"] == the("Namespace")["metadata"]["name"]
    image = container()["image"]
    assert any(image.startswith(entry["name"] + ":") for entry in kustomization()["images"])


def test_the_memory_limit_is_the_base_plus_max_visitors_times_the_per_visitor_budget():
    per_visitor = front_door.PER_VISITOR_MB
    command = options(container()["command"])
    max_visitors = int(command["--GuideVoila.max_visitors"])
    voila_json = json.loads((ROOT / "voila.json").read_text())
    pool = int(command.get("--VoilaConfiguration.default_pool_size",
                           voila_json["VoilaConfiguration"]["default_pool_size"]))
    budgets = the("Deployment")["metadata"]["annotations"]
    base = int(budgets["milia-kit/memory-server-mib"]) + int(budgets["milia-kit/memory-printer-mib"]) + pool * per_visitor
    limit = base + max_visitors * per_visitor

    resources = container()["resources"]
    assert mebibytes(resources["limits"]["memory"]) == limit
    assert mebibytes(resources["requests"]["memory"]) == limit  # request = limit: placed only where it all fits

    # The arithmetic written in the manifest's comment and in the README says the same.
    written = re.search(r"limit = base \+ visitors\s+= (\d+) \+ (\d+) x (\d+) = (\d+) Mi",
                        (HERE / "deployment.yaml").read_text())
    assert written and tuple(map(int, written.groups())) == (base, max_visitors, per_visitor, limit)
    assert f"{base} + {max_visitors} x {per_visitor} = {limit} Mi" in (HERE / "README.md").read_text()


def test_every_probe_asks_for_robots_txt_on_the_container_port_which_starts_no_kernel():
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    guide = container()
    port = int(options(guide["command"])["--port"])
    assert [p["containerPort"] for p in guide["ports"]] == [port]
    probes = [guide[name] for name in ("startupProbe", "readinessProbe", "livenessProbe")]
    for probe in probes:
        assert probe["httpGet"]["path"] == "/robots.txt"
        assert container_port(probe["httpGet"]["port"]) == port

    # The guide's server answers /robots.txt with the front door's own handler, not Voila's page handler (the
    # one that starts kernels), and that handler answers with no kernel manager at all.
    assert '"/robots.txt"' in inspect.getsource(serve.guide_server_class)
    page, _, robots = front_door.handlers(TornadoVoilaHandler, VoilaKernelWebsocketHandler, front_door.Door(1),
                                          front_door.Visitors())
    assert issubclass(page, TornadoVoilaHandler) and not issubclass(robots, TornadoVoilaHandler)

    async def fetch():
        import tornado.httpclient
        import tornado.httpserver
        import tornado.netutil
        import tornado.web

        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server = tornado.httpserver.HTTPServer(tornado.web.Application([("/robots.txt", robots)]))
        server.add_sockets(sockets)
        try:
            return await tornado.httpclient.AsyncHTTPClient().fetch(
                f"http://127.0.0.1:{sockets[0].getsockname()[1]}/robots.txt",
                headers={"User-Agent": "kube-probe/1.33"})
        finally:
            server.stop()

    response = run_async(fetch())
    assert response.code == 200 and response.body.decode() == front_door.ROBOTS_TXT


def test_the_liveness_probe_is_gentler_than_the_readiness_probe():
    guide = container()
    ready, live = guide["readinessProbe"], guide["livenessProbe"]

    def patience(probe):  # seconds of failures before the kubelet acts
        return probe.get("periodSeconds", 10) * probe.get("failureThreshold", 3)

    assert patience(live) > patience(ready)
    assert live.get("timeoutSeconds", 1) >= ready.get("timeoutSeconds", 1)
    assert patience(live) >= 60  # a restart ends every visit on the pod


def test_the_ingress_keeps_a_visitor_on_one_pod_by_cookie_and_holds_websockets_an_hour():
    notes = the("Ingress")["metadata"]["annotations"]
    assert notes[NGINX + "affinity"] == "cookie"
    assert notes[NGINX + "affinity-mode"] == "persistent"
    cookie = notes[NGINX + "session-cookie-name"]
    assert cookie and cookie != front_door.COOKIE  # the route cookie must not overwrite the front door's
    assert int(notes[NGINX + "proxy-read-timeout"]) >= 3600
    assert int(notes[NGINX + "proxy-send-timeout"]) >= 3600
    size = notes[NGINX + "proxy-body-size"]
    number, unit = re.fullmatch(r"(\d+)([kKmM]?)", size).groups()
    assert int(number) * {"": 1, "k": 1024, "m": 2**20}[unit.lower()] <= 2**20, "the guide takes no uploads"


def test_the_ingress_limits_each_client_because_the_guide_sees_only_the_ingress():
    notes = the("Ingress")["metadata"]["annotations"]
    assert int(notes[NGINX + "limit-connections"]) > 0
    assert int(options(container()["command"])["--GuideVoila.per_address"]) == 0


def test_the_ingress_serves_tls_for_its_host_and_reaches_the_guides_port_through_the_service():
    ingress, service = the("Ingress"), the("Service")
    hosts = {rule["host"] for rule in ingress["spec"]["rules"]}
    assert hosts == {"milia.clinic.example"}
    assert all(tls["secretName"] for tls in ingress["spec"]["tls"])
    assert hosts <= {host for tls in ingress["spec"]["tls"] for host in tls["hosts"]}
    assert ingress["metadata"]["annotations"][NGINX + "ssl-redirect"] == "true"

    backends = [path["backend"]["service"] for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]]
    assert backends and all(b["name"] == service["metadata"]["name"] for b in backends)
    ports = {p["name"]: p for p in service["spec"]["ports"]}
    for backend in backends:
        assert backend["port"]["name"] in ports
    assert service["spec"]["type"] == "ClusterIP"
    assert service["spec"].get("sessionAffinity", "None") == "None"  # the ingress's cookie does the sticking
    assert [p["port"] for p in ports.values()] == [80]
    guide_port = int(options(container()["command"])["--port"])
    assert all(container_port(p["targetPort"]) == guide_port for p in ports.values())

    pod_labels = the("Deployment")["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= pod_labels.items()


def test_the_container_flags_are_ones_the_guides_server_accepts():
    command = container()["command"]
    assert command[:3] == ["python", "-m", "milia_kit.serve"]  # exec form: python is PID 1 and gets the signals
    server = serve.guide_server_class()
    traits = server.class_traits(config=True)
    serve_options = set(re.findall(r'add_argument\("(--[a-z-]+)"', inspect.getsource(serve.main)))
    for name, value in options(command).items():
        if name.startswith(f"--{server.__name__}."):
            trait = name.split(".", 1)[1]
            assert trait in traits, f"{server.__name__} has no setting {trait!r}"
            traits[trait].validate(None, traits[trait].from_string(value))
        else:
            assert name in serve_options, f"milia_kit.serve takes no {name}"
    chosen = options(command)
    assert chosen["--host"] == "0.0.0.0"
    assert {"max_visitors", "per_address"} <= {name.split(".", 1)[1] for name in chosen if "." in name}
    # max_visitors=0 would size the cap from /proc/meminfo, which shows the node's memory, not the pod's limit.
    assert int(chosen["--GuideVoila.max_visitors"]) > 0


def test_the_pod_stops_the_guide_with_sigint_before_kubernetes_sends_sigterm():
    pod = the("Deployment")["spec"]["template"]["spec"]
    hook = " ".join(container()["lifecycle"]["preStop"]["exec"]["command"])
    assert "kill -INT 1" in hook  # PID 1 is python (the exec-form command)
    assert re.search(r"while kill -0 1\b", hook), "the hook waits for the guide to finish stopping"
    waits = sum(int(s) for s in re.findall(r"sleep (\d+);", hook))
    assert pod["terminationGracePeriodSeconds"] >= waits + 30


def test_the_pod_runs_without_root_privileges_or_capabilities():
    pod = the("Deployment")["spec"]["template"]["spec"]
    guide = container()["securityContext"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] > 0  # numeric, so the kubelet can check runAsNonRoot
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    assert guide["allowPrivilegeEscalation"] is False
    assert guide["capabilities"]["drop"] == ["ALL"] and not guide["capabilities"].get("add")
    assert pod["automountServiceAccountToken"] is False
    assert the("Namespace")["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
