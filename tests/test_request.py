"""The visitor's request inside a kernel: same protocol and names as voila.utils.wait_for_request."""
import pytest

from milia_kit import request


def test_uses_the_environment_names_voila_sets():
    from voila.utils import ENV_VARIABLE

    for name in ("PREHEAT", "KERNEL_ID", "WS_PROTOCOL", "APP_IP", "APP_PORT", "SERVER_URL", "WS_BASE_URL"):
        assert getattr(request, name) == getattr(ENV_VARIABLE, f"VOILA_{name}")


def test_query_url_matches_voilas_defaults_and_overrides():
    env = {"VOILA_KERNEL_ID": "k1", "VOILA_APP_PORT": "9000", "VOILA_SERVER_URL": "/guide/"}
    assert request.query_url(env) == "ws://127.0.0.1:9000/guide/voila/query/k1"
    env["VOILA_WS_BASE_URL"] = "/ws/"
    env["VOILA_WS_PROTOCOL"] = "wss"
    assert request.query_url(env) == "wss://127.0.0.1:9000/ws/voila/query/k1"


def test_outside_preheat_it_returns_at_once_and_changes_nothing():
    env = {"QUERY_STRING": "step=care"}
    request.wait_for_request(env)
    assert env == {"QUERY_STRING": "step=care"}


def test_a_preheated_kernel_with_no_server_opens_with_defaults_not_an_error():
    env = {"VOILA_PREHEAT": "True", "VOILA_KERNEL_ID": "missing", "VOILA_APP_PORT": "1"}
    request.wait_for_request(env)  # nothing listens on port 1: connection refused
    assert "QUERY_STRING" not in env


@pytest.mark.parametrize("query, expected", [
    ("step=care&lang=es", {"step": "care", "lang": "es"}),
    ("step=care&step=call", {"step": "care"}),
    ("", {}),
    ("%3Cscript%3E=1&step=%3Cb%3E", {"<script>": "1", "step": "<b>"}),
    ("&".join(f"k{i}=v" for i in range(50)), {}),
])
def test_query_parsing_is_plain_and_bounded(query, expected):
    assert request.query({"QUERY_STRING": query}) == expected


def test_a_pooled_kernel_may_wait_for_its_visitor_as_long_as_it_takes():
    """A waiting cell with a time limit fails after the limit, and the next visitor gets a page without the guide
    (seen in CI with a 60 s VoilaExecutor.timeout): neither this wait nor Voila's cell runner may time out."""
    import json

    from milia_kit.paths import ROOT

    executor = json.loads((ROOT / "voila.json").read_text())["VoilaExecutor"]
    assert executor.get("timeout") in (None, 0) or executor["timeout"] >= 7 * 24 * 3600
    assert request.TIMEOUT_SECONDS is None
