"""Where the CLI sends tokens (issue 17, finding 7): a warning for a host that is not Microsoft's,
no account token for plain http, and never a proxy for loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from trayscore.simulator import Simulator
from trayscore.sources.http import make_session

from tests.conftest import TEST_TOKEN
from tests.helpers.cli import private_environment, run
from tests.helpers.net import closed_port

TENANT = "contoso.example"
CLIENT_ID = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
WARNING = "trayscore: warning: tokens go to"


def test_a_host_that_is_not_microsofts_is_warned_once_on_stderr(tmp_path: Path) -> None:
    # GIVEN both API bases pointed away from Microsoft (an https host that refuses at once)
    env = private_environment(tmp_path) | {
        "TRAYSCORE_API_URL": f"https://127.0.0.1:{closed_port()}",
        "TRAYSCORE_GRAPH_URL": "https://graph.example.test/v1.0",
        "TRAYSCORE_ACCESS_TOKEN": TEST_TOKEN,
    }
    # WHEN a score is read
    result = run(["score", "--no-record"], env)
    # THEN one stderr line names both hosts and their settings, before the command's own error
    warnings = [line for line in result.stderr.splitlines() if line.startswith(WARNING)]
    expected = (
        f"{WARNING} 127.0.0.1 (api_url), graph.example.test (graph_url), not a Microsoft host "
        "of the commercial cloud; remove the override unless you trust that host."
    )
    assert warnings == [expected]
    assert result.returncode == 9, result.stderr  # unreachable: the warning changes no exit code
    assert TEST_TOKEN not in result.stderr + result.stdout


def test_microsofts_own_hosts_are_not_warned(tmp_path: Path) -> None:
    # GIVEN a regional Microsoft host chosen by URL, and no sign-in configured
    env = private_environment(tmp_path) | {
        "TRAYSCORE_API_URL": "https://eu.api.security.microsoft.com"
    }
    # WHEN a command loads the settings  THEN no warning (it fails for want of an app, offline)
    result = run(["status"], env)
    assert WARNING not in result.stderr
    assert result.returncode == 3, result.stderr


def test_plain_http_gets_no_account_token_and_says_how_to_test(tmp_path: Path) -> None:
    # GIVEN a signed-in configuration (tenant and app) and the API on plain-http loopback
    with Simulator(seed=5) as simulator:
        env = private_environment(tmp_path) | {
            "TRAYSCORE_TENANT": TENANT,
            "TRAYSCORE_CLIENT_ID": CLIENT_ID,
            "TRAYSCORE_API_URL": simulator.url,
        }
        # WHEN a score is read without TRAYSCORE_ACCESS_TOKEN
        result = run(["score", "--no-record"], env)
        # THEN it is refused as a settings problem, naming the way out, and nothing was sent
        assert result.returncode == 3, result.stderr
        assert "plain http" in result.stderr
        assert "TRAYSCORE_ACCESS_TOKEN" in result.stderr
        assert simulator.requests_served == 0
        # AND a token handed in on purpose is used (the simulator takes any)
        env["TRAYSCORE_ACCESS_TOKEN"] = TEST_TOKEN
        assert run(["score", "--no-record"], env).returncode == 0
        assert simulator.requests_served == 1


PROXY_VARIABLES = (
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
)


def test_loopback_is_reached_directly_even_with_a_dead_proxy_set(tmp_path: Path) -> None:
    # GIVEN every proxy variable pointing at a dead proxy, and no no_proxy at all
    proxy = f"http://127.0.0.1:{closed_port()}"
    with Simulator(seed=6) as simulator:
        env = private_environment(tmp_path) | {
            "TRAYSCORE_API_URL": simulator.url,
            "TRAYSCORE_ACCESS_TOKEN": TEST_TOKEN,
        }
        env = {k: v for k, v in env.items() if k.lower() != "no_proxy"}
        env |= dict.fromkeys(PROXY_VARIABLES, proxy)
        # WHEN the score is read from the loopback simulator
        result = run(["score", "--no-record"], env)
        # THEN it was reached directly: the proxy's refusal never mattered
        assert result.returncode == 0, result.stderr
        assert simulator.requests_served == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8123/",
        "http://127.7.0.1/",
        "http://[::1]:8123/",
        "https://localhost:8443/",
    ],
)
def test_a_session_never_proxies_loopback(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Loopback is 127.0.0.0/8 and ::1 (RFC 1122 §3.2.1.3, RFC 4291 §2.5.3) and localhost
    (RFC 6761 §6.3)."""
    # GIVEN proxies in the environment
    for name in PROXY_VARIABLES:
        monkeypatch.setenv(name, "http://proxy.example.test:3128")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    session = make_session()
    # WHEN the session works out a loopback request's settings  THEN no proxy is in them
    assert session.merge_environment_settings(url, {}, None, None, None)["proxies"] == {}
    # AND Microsoft's hosts still go through the proxy
    remote = session.merge_environment_settings(
        "https://api.security.microsoft.com/api/exposureScore", {}, None, None, None
    )
    assert remote["proxies"]["https"] == "http://proxy.example.test:3128"
