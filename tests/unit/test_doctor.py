"""The doctor's check functions, each given its inputs directly."""

from __future__ import annotations

import io
import os
import socket
import subprocess
from collections.abc import Mapping, Sequence
from contextlib import redirect_stdout
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from trayscore.cli.parser import build_parser
from trayscore.core.errors import DoctorExit, ExitStatus
from trayscore.core.models import Reading
from trayscore.doctor.account import check_account
from trayscore.doctor.configuration import check_settings
from trayscore.doctor.desktop import PROBE_TIMEOUT, check_notifications, check_tray
from trayscore.doctor.installation import check_history, check_versions
from trayscore.doctor.network import Proxy, check_host, proxy_for
from trayscore.doctor.result import Check, failed
from trayscore.history.store import HistoryStore
from trayscore.settings.model import Settings
from trayscore.system.autostart import current_launch_command
from trayscore.system.session import TrayProbe

from tests.fakes.connect_proxy import ConnectProxy
from tests.fakes.identity import FakeIdentityPlatform
from tests.helpers.net import closed_port

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def test_lines_show_mark_name_detail_and_fix_only_when_not_ok() -> None:
    # GIVEN a passing, a failing and a warning check  WHEN shown  THEN marks and fixes fit
    assert Check("api", ok=True, detail="fine", fix="x").line() == "✓ api: fine"
    assert Check("api", ok=False, detail="down", fix="fix it").line() == "✗ api: down → fix it"
    assert Check("bus", ok=None, detail="none", fix="start").line() == "! bus: none → start"
    assert Check("api", ok=None, detail="d").to_json() == {
        "check": "api",
        "ok": None,
        "detail": "d",
        "fix": "",
    }


def test_only_blocking_failures_fail_the_command() -> None:
    # GIVEN a non-blocking failure and a warning  THEN it has not failed; a blocking one has
    soft = [Check("tray", ok=False, detail="x"), Check("bus", ok=None, detail="y")]
    assert not failed(soft)
    assert failed([*soft, Check("api", ok=False, detail="z", blocking=True)])


def test_bad_settings_name_the_key_and_the_file(tmp_path: Path) -> None:
    # GIVEN a settings file with a bad cloud  WHEN checked
    path = tmp_path / "settings.toml"
    path.write_text('cloud = "moon"\n', encoding="utf-8")
    check, settings = check_settings(path, {})
    # THEN it is a blocking failure naming the key, and the fix names the file
    assert settings is None
    assert check.ok is False
    assert check.blocking
    assert "'cloud'" in check.detail
    assert str(path) in check.fix


def test_no_settings_file_is_not_set_up_and_blocks(tmp_path: Path) -> None:
    # GIVEN no settings file and no token  WHEN checked
    check, settings = check_settings(tmp_path / "none.toml", {})
    # THEN the defaults load, but the line is a blocking "not set up" naming the file and the way
    assert settings == Settings()
    assert (check.ok, check.blocking) == (False, True)
    assert check.detail == f"not set up: there is no settings file at {tmp_path / 'none.toml'}"
    assert check.fix.startswith("run `trayscore setup`")


def test_no_settings_file_with_a_token_is_valid_and_says_there_is_no_file(tmp_path: Path) -> None:
    check, settings = check_settings(tmp_path / "none.toml", {"TRAYSCORE_ACCESS_TOKEN": "t" * 20})
    assert check.ok is True
    assert settings == Settings()
    assert check.detail.startswith(f"valid (no file at {tmp_path / 'none.toml'}, defaults")


def test_notifications_without_a_service_are_a_warning() -> None:
    # GIVEN a bus on which the probe finds nothing  THEN a warning, not a failure
    check = check_notifications("unix:path=/nowhere", lambda _address: None)
    assert check.ok is None
    assert "tray balloon" in check.detail
    assert check_notifications(None, lambda _address: None).ok is None


def test_windows_gets_windows_advice_for_notifications() -> None:
    """Windows shows a tray icon's messages as toasts, governed by Settings > System >
    Notifications (Microsoft support, "Change notification settings in Windows")."""
    # GIVEN Windows, where there is no session bus and no notification daemon to start
    check = check_notifications(None, lambda _address: None, "win32")
    # THEN the advice names Windows' own setting, never a Linux daemon
    assert check.ok is None
    assert "Settings > System > Notifications" in check.fix
    assert "dunst" not in check.fix
    assert "dunst" not in check_notifications(None, lambda _address: None, "darwin").fix


def test_notifications_with_a_service_pass() -> None:
    assert check_notifications("unix:path=/bus", lambda _address: object()).ok is True


class FakeProbe:
    """A tray probe runner that answers ``code`` (or raises ``error``) and records each call."""

    def __init__(self, code: int = TrayProbe.AVAILABLE, error: Exception | None = None) -> None:
        self.code = code
        self.error = error
        self.calls: list[tuple[list[str], dict[str, str]]] = []

    def __call__(self, command: Sequence[str], environ: Mapping[str, str]) -> int:
        self.calls.append((list(command), dict(environ)))
        if self.error is not None:
            raise self.error
        return self.code


def test_a_linux_console_has_no_tray_and_nothing_is_started() -> None:
    # GIVEN Linux with neither DISPLAY nor WAYLAND_DISPLAY
    probe = FakeProbe()
    # WHEN the tray is checked
    check = check_tray({}, "linux", probe)
    # THEN it is broken (not blocking) with the way that works here, and no probe ran
    assert (check.ok, check.blocking) == (False, False)
    assert check.detail == "no graphical session (DISPLAY and WAYLAND_DISPLAY are not set)"
    assert "`trayscore score`" in check.fix
    assert probe.calls == []


@pytest.mark.parametrize("platform_name", ["linux", "win32", "darwin"])
def test_the_probe_is_this_program_asked_with_the_callers_environment(platform_name: str) -> None:
    # GIVEN a display (Windows and macOS always have one) and a probe that finds a tray host
    environ = {"DISPLAY": ":5", "LANG": "C.UTF-8"}
    probe = FakeProbe(TrayProbe.AVAILABLE)
    # WHEN the tray is checked
    check = check_tray(environ, platform_name, probe)
    # THEN this installation's program ran `doctor --probe-tray` once, in the caller's environment
    assert probe.calls == [([*current_launch_command(), "doctor", "--probe-tray"], environ)]
    # AND a tray host that answers passes
    assert check.ok is True
    assert check.detail == "a tray host answers (X11 system tray or StatusNotifierItem)"


def test_no_tray_host_is_a_warning_naming_the_small_window() -> None:
    # GIVEN a display on which Qt finds no tray host  WHEN the tray is checked
    check = check_tray({"DISPLAY": ":5"}, "linux", FakeProbe(TrayProbe.NO_TRAY_HOST))
    # THEN a warning (the app still works): the score is shown in a small window instead
    assert check.ok is None
    assert not failed([check])
    assert check.detail == "no tray host: trayscore shows its score in a small window"
    assert check.fix == "start a panel with a system tray (on GNOME: the AppIndicator extension)"


@pytest.mark.parametrize(
    ("code", "ending"),
    [(-6, "signal SIGABRT"), (1, "exit 1"), (3, "exit 3"), (-200, "signal 200")],
    ids=["Qt aborted", "internal error", "Windows abort", "unknown signal"],
)
def test_a_probe_that_dies_is_broken_naming_how(code: int, ending: str) -> None:
    # GIVEN a display Qt cannot open: the probe is killed, or exits with a code of no answer
    check = check_tray({"DISPLAY": ":5"}, "linux", FakeProbe(code))
    # THEN the tray is broken (not blocking), naming how the probe ended, with a fix
    assert (check.ok, check.blocking) == (False, False)
    assert check.detail == f"the display cannot be opened ({ending})"
    assert "DISPLAY" in check.fix
    assert "Traceback" not in check.line()


def test_another_trayscore_without_the_probe_is_named() -> None:
    # GIVEN the program that would start refuses --probe-tray (argparse's usage exit)
    check = check_tray({"DISPLAY": ":5"}, "linux", FakeProbe(ExitStatus.USAGE))
    # THEN the tray is broken, naming that program, not the display
    assert check.ok is False
    program = " ".join(current_launch_command())
    assert check.detail == (f"`{program}` runs another trayscore, without the tray probe (exit 2)")
    assert check.fix == "reinstall trayscore"


def test_a_probe_that_hangs_or_cannot_start_is_broken_without_a_traceback() -> None:
    # GIVEN a probe that outlives its timeout, and one whose program cannot be started
    hung = FakeProbe(error=subprocess.TimeoutExpired(["trayscore"], PROBE_TIMEOUT))
    missing = FakeProbe(error=FileNotFoundError(2, "No such file"))
    # WHEN the tray is checked with each
    late = check_tray({"DISPLAY": ":5"}, "linux", hung)
    absent = check_tray({"DISPLAY": ":5"}, "win32", missing)
    # THEN both are broken lines that say what happened, in one line each
    assert late.ok is False
    assert late.detail == "Qt did not answer within 15 s"
    assert absent.ok is False
    assert absent.detail == "the tray probe cannot start (FileNotFoundError)"


def test_the_probes_answers_are_never_codes_of_a_failing_command() -> None:
    # GIVEN the probe's exit codes and those the command line returns otherwise
    others = {int(code) for code in (*ExitStatus, *DoctorExit)} - {0}
    # THEN "no tray host" is none of them, and only "available" is 0
    assert int(TrayProbe.AVAILABLE) == 0
    assert TrayProbe.NO_TRAY_HOST not in others


def test_the_probe_flag_parses_but_is_hidden_from_the_help() -> None:
    # GIVEN the command line  WHEN doctor's child process is asked for
    args = build_parser().parse_args(["doctor", "--probe-tray"])
    # THEN it is understood, yet `trayscore doctor --help` does not show it to users
    assert (args.command, args.probe_tray, args.json) == ("doctor", True, False)
    assert build_parser().parse_args(["doctor"]).probe_tray is False
    shown = io.StringIO()
    with redirect_stdout(shown), pytest.raises(SystemExit):
        build_parser().parse_args(["doctor", "--help"])
    assert "--json" in shown.getvalue()
    assert "probe" not in shown.getvalue()


def test_a_closed_port_is_a_failure_with_a_fix() -> None:
    # GIVEN a loopback port nobody listens on
    port = closed_port()
    # WHEN checked  THEN a blocking failure with a fix
    check = check_host("api", f"http://127.0.0.1:{port}", {}, blocking=True, timeout=2)
    assert check.ok is False
    assert check.blocking
    assert check.fix


def test_an_open_loopback_port_passes() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        check = check_host("api", f"http://127.0.0.1:{port}", {}, blocking=True, timeout=2)
    assert check.ok is True


def test_an_unresolvable_host_fails_at_dns() -> None:
    check = check_host("api", "https://doctor-test.invalid", {}, blocking=True, timeout=2)
    assert check.ok is False
    assert "DNS" in check.detail


def test_an_access_token_variable_is_used_and_never_shown() -> None:
    token = "tok-" + "Z" * 40
    check = check_account(Settings(), {"TRAYSCORE_ACCESS_TOKEN": token}, NOW)
    assert check.ok is True
    assert token not in check.detail


def test_no_app_registration_is_a_warning() -> None:
    check = check_account(Settings(), {}, NOW)
    assert check.ok is None
    assert "trayscore setup" in check.fix


def test_history_counts_entries_and_the_last_time(tmp_path: Path) -> None:
    # GIVEN a history with one reading
    store = HistoryStore(tmp_path / "history.json", clock=lambda: NOW)
    store.record(Reading(source="exposure-score", score=42.0, time=NOW, fetched_at=NOW))
    # WHEN checked  THEN one entry and its time
    check = check_history(HistoryStore(tmp_path / "history.json", clock=lambda: NOW))
    assert check.ok is True
    assert check.detail.startswith("1 entries, last at 2026-11-28T09:30:00+00:00")


def test_an_empty_history_is_fine(tmp_path: Path) -> None:
    check = check_history(HistoryStore(tmp_path / "history.json"))
    assert check.ok is True
    assert "no entries yet" in check.detail


def test_versions_name_every_component() -> None:
    detail = check_versions().detail
    for name in ("trayscore", "Python", "PySide6", "msal", "requests", "keyring"):
        assert name in detail


PROXY_ENVIRONMENTS: list[dict[str, str]] = [
    {},
    {"HTTPS_PROXY": "http://upper:3128"},
    {"https_proxy": "http://lower:3128", "HTTPS_PROXY": "http://upper:3128"},
    {"https_proxy": "", "HTTPS_PROXY": "http://upper:3128"},  # an empty lowercase one unsets
    {"HTTP_PROXY": "http://plain:3128"},
    {"ALL_PROXY": "http://all:3128"},
    {"all_proxy": "socks5://all:1080", "HTTPS_PROXY": "http://upper:3128"},
    {"HTTPS_PROXY": "proxy.corp:8080"},  # no scheme: http://
    {"HTTPS_PROXY": "http://u:p@upper:3128", "NO_PROXY": "example.com"},
    {"HTTPS_PROXY": "http://upper:3128", "NO_PROXY": ".example.com, localhost"},
    {"HTTPS_PROXY": "http://upper:3128", "no_proxy": "EXAMPLE.COM"},
    {"HTTPS_PROXY": "http://upper:3128", "NO_PROXY": "*"},
    {"HTTPS_PROXY": "http://upper:3128", "NO_PROXY": "10.0.0.0/8,127.0.0.1"},
    {"HTTPS_PROXY": "http://upper:3128", "NO_PROXY": "api.example.com:8443"},
    {"HTTPS_PROXY": "http://upper:3128", "no_proxy": "", "NO_PROXY": "example.com"},
    {"HTTPS_PROXY": "http://upper:3128", "NO_PROXY": "Example.COM,::1"},
    {"Https_Proxy": "http://mixed:3128"},
]
PROXY_URLS = [
    "https://login.example.com",
    "https://example.com/tenant",
    "https://api.example.com:8443",
    "https://notexample.com",
    "https://10.1.2.3",
    "http://127.0.0.1:8080",
    "https://localhost:9",
    "https://[::1]:9",
]


def requests_proxy(url: str) -> str | None:
    """What requests itself picks for ``url`` from os.environ (trust_env, as the app's session)."""
    session = requests.Session()
    proxies = session.merge_environment_settings(url, {}, None, None, None)["proxies"]
    scheme = url.split(":", 1)[0]
    chosen = proxies.get(scheme) or proxies.get("all")
    if chosen and "://" not in chosen:
        chosen = f"http://{chosen}"
    return chosen


@pytest.mark.parametrize("environ", PROXY_ENVIRONMENTS)
def test_the_proxy_is_the_one_requests_would_use(
    environ: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN proxy variables in the process's environment (and no others)
    for name in list(os.environ):
        if name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    for url in PROXY_URLS:
        # WHEN doctor picks the proxy for a URL from the same variables
        picked = proxy_for(url, environ)
        # THEN it is the one requests picks (the app's sessions trust the environment)
        assert (picked.url if picked else None) == requests_proxy(url), url


def test_the_proxy_names_the_variable_that_set_it() -> None:
    environ = {"https_proxy": "http://lower:3128", "HTTPS_PROXY": "http://upper:3128"}
    assert proxy_for("https://a.example", environ) == Proxy("http://lower:3128", "https_proxy")
    assert proxy_for("https://a.example", {"ALL_PROXY": "http://all:1"}) == Proxy(
        "http://all:1", "ALL_PROXY"
    )


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://alice:s3cret@proxy.corp:3128", "http://***@proxy.corp:3128"),
        ("http://alice@proxy.corp", "http://***@proxy.corp"),
        ("https://proxy.corp:8443", "https://proxy.corp:8443"),
        ("http://[::1]:3128", "http://[::1]:3128"),
        ("http://alice:s3cret@proxy.corp:port", "http://***@proxy.corp"),
    ],
)
def test_a_proxy_is_shown_without_its_credentials(url: str, shown: str) -> None:
    assert Proxy(url, "HTTPS_PROXY").shown == shown


def test_a_dead_proxy_is_named_in_the_fix_and_the_host_is_not_probed_directly() -> None:
    # GIVEN HTTPS_PROXY, with credentials, at a port nothing listens on, for a host with no DNS
    port = closed_port()
    environ = {"HTTPS_PROXY": f"http://alice:s3cret@127.0.0.1:{port}"}
    # WHEN checked
    check = check_host("api", "https://doctor-test.invalid", environ, blocking=True, timeout=2)
    # THEN the failure is the proxy's, not a DNS lookup the app would never make
    assert check.ok is False
    assert check.blocking
    assert check.detail.startswith(f"cannot connect to the proxy http://***@127.0.0.1:{port}: ")
    assert "DNS" not in check.detail
    # AND the fix names the variable and the address, never the credentials
    assert f"http://***@127.0.0.1:{port}" in check.fix
    assert "HTTPS_PROXY" in check.fix
    assert "alice" not in check.line()
    assert "s3cret" not in check.line()


def test_no_proxy_sends_the_check_direct() -> None:
    # GIVEN a dead proxy that NO_PROXY excludes the host from
    environ = {"HTTPS_PROXY": f"http://127.0.0.1:{closed_port()}", "NO_PROXY": ".invalid"}
    # WHEN checked  THEN doctor went direct: its DNS lookup failed, the proxy was not involved
    check = check_host("api", "https://doctor-test.invalid", environ, blocking=True, timeout=2)
    assert check.ok is False
    assert "DNS lookup of doctor-test.invalid failed" in check.detail
    assert "proxy" not in check.detail


def test_a_proxy_that_wants_credentials_is_a_refusal_naming_the_variable() -> None:
    # GIVEN a proxy answering every CONNECT with 407, given credentials in https_proxy
    with ConnectProxy(refuse="407 Proxy Authentication Required") as proxy:
        environ = {"https_proxy": f"http://alice:s3cret@127.0.0.1:{proxy.port}"}
        # WHEN the authority is checked through it
        check = check_host(
            "authority", "https://login.example.com", environ, blocking=False, timeout=5
        )
    # THEN it asked the proxy (with the credentials, as requests sends them) and nobody else
    assert proxy.connects == ["login.example.com:443"]
    assert proxy.headers[0]["Proxy-Authorization"].startswith("Basic ")
    # AND the failure says the proxy refused, and what to check in which variable
    assert check.ok is False
    assert check.detail == (
        f"the proxy http://***@127.0.0.1:{proxy.port} refused login.example.com:443: "
        "407 Proxy Authentication Required"
    )
    assert f"http://***@127.0.0.1:{proxy.port}" in check.fix
    assert "https_proxy" in check.fix
    assert "s3cret" not in check.line()


def test_a_proxy_that_cannot_reach_the_host_is_a_refusal() -> None:
    # GIVEN a working proxy and a target port nothing listens on
    port = closed_port()
    with ConnectProxy() as proxy:
        environ = {"HTTPS_PROXY": proxy.url}
        check = check_host("api", f"https://127.0.0.1:{port}", environ, blocking=True, timeout=5)
    # THEN the proxy was asked, and its 502 is reported as its refusal
    assert proxy.connects == [f"127.0.0.1:{port}"]
    assert check.ok is False
    assert check.detail.endswith(f"refused 127.0.0.1:{port}: 502 Bad Gateway")
    assert proxy.url in check.fix


def test_tls_through_a_proxy_is_checked_against_the_ca_bundle() -> None:
    # GIVEN the fake identity platform behind a working proxy
    with FakeIdentityPlatform() as platform, ConnectProxy() as proxy:
        environ = {"HTTPS_PROXY": proxy.url}
        # WHEN checked without trusting its CA, then trusting it
        untrusted = check_host("api", platform.base_url, environ, blocking=True, timeout=5)
        trusted = check_host(
            "api",
            platform.base_url,
            environ | {"REQUESTS_CA_BUNDLE": platform.ca_file},
            blocking=True,
            timeout=5,
        )
    # THEN the first suggests TLS inspection, the second passes, both through the proxy
    assert untrusted.ok is False
    assert "failed certificate checks" in untrusted.detail
    assert "REQUESTS_CA_BUNDLE" in untrusted.fix
    assert trusted.ok is True
    assert (
        trusted.detail == f"{platform.base_url} answers through the proxy {proxy.url} (HTTPS_PROXY)"
    )
    assert proxy.connects == [f"127.0.0.1:{platform.port}"] * 2
