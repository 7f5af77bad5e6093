"""``trayscore doctor`` as a user runs it: a subprocess against the simulator and the fakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from trayscore.simulator import Simulator

from tests.fakes.connect_proxy import ConnectProxy
from tests.fakes.identity import FakeIdentityPlatform
from tests.fakes.notification_server import Recorder
from tests.helpers.cli import DOCTOR_CHECKS, cli_environment, line_of, run_clean
from tests.helpers.desktop import Desktop
from tests.helpers.net import closed_port

NAMES = list(DOCTOR_CHECKS)


@pytest.fixture
def doctor_env(tmp_path: Path, simulator: Simulator) -> dict[str, str]:
    """Private XDG folders, the API at the simulator, a token, no display or session bus."""
    hidden = ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR")
    certificates = ("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "CURL_CA_BUNDLE")
    env = cli_environment(tmp_path, simulator.url, also_hide=hidden + certificates)
    return {k: v for k, v in env.items() if not k.lower().endswith("_proxy")}


@pytest.mark.desktop  # the tray check asks Qt for a real tray host: Xvfb and trayer
def test_everything_passes_against_the_simulator_and_the_fakes(
    doctor_env: dict[str, str],
    secret_service: dict[str, str],
    identity_platform: FakeIdentityPlatform,
    desktop: Desktop,
) -> None:
    # GIVEN a real keyring, a notification service on its bus, an X display with a tray host
    # (trayer), a trusted authority
    recorder = Recorder(secret_service["DBUS_SESSION_BUS_ADDRESS"]).start()
    env = doctor_env | secret_service
    env |= {
        "DISPLAY": desktop.display,
        "QT_QPA_PLATFORM": "xcb",
        "TRAYSCORE_AUTHORITY": identity_platform.authority_for("organizations"),
        "REQUESTS_CA_BUNDLE": identity_platform.ca_file,
    }
    try:
        # WHEN doctor runs
        result = run_clean(["doctor"], env)
    finally:
        recorder.stop()
    # THEN every check passes, one line each, and it exits 0
    lines = result.stdout.splitlines()
    assert [line[2:].split(":")[0] for line in lines] == NAMES
    assert all(line.startswith("✓ ") for line in lines), result.stdout
    assert "→" not in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr


def test_broken_settings_name_the_key_and_fail(doctor_env: dict[str, str], tmp_path: Path) -> None:
    # GIVEN a settings file with a bad refresh interval
    settings = tmp_path / "config" / "trayscore" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('refresh_minutes = "soon"\n', encoding="utf-8")
    # WHEN doctor runs
    result = run_clean(["doctor"], doctor_env)
    # THEN the settings line fails, names the key and the file, and the exit code is not 0
    line = line_of(result, "settings")
    assert line.startswith("✗ settings: ")
    assert "refresh_minutes" in line
    assert f"→ fix settings.toml at {settings}" in line
    assert result.returncode != 0


def test_a_new_user_is_told_not_set_up_with_the_real_file_and_the_way(
    doctor_env: dict[str, str], tmp_path: Path
) -> None:
    # GIVEN a new user: no settings file and no token
    env = {k: v for k, v in doctor_env.items() if k != "TRAYSCORE_ACCESS_TOKEN"}
    settings = tmp_path / "config" / "trayscore" / "settings.toml"
    # WHEN doctor runs
    result = run_clean(["doctor"], env)
    # THEN the settings line fails (not "valid"), names the real file and `trayscore setup`
    line = line_of(result, "settings")
    assert line.startswith(f"✗ settings: not set up: there is no settings file at {settings} → ")
    assert "run `trayscore setup`" in line
    assert result.returncode == 1
    # AND with a file that lacks the registration, the line names that file
    settings.parent.mkdir(parents=True)
    settings.write_text("refresh_minutes = 30\n", encoding="utf-8")
    line = line_of(run_clean(["doctor"], env), "settings")
    assert line.startswith(f"✗ settings: not set up: no tenant and client ID in {settings} → ")


def test_an_unreachable_api_fails_with_a_fix(doctor_env: dict[str, str]) -> None:
    # GIVEN the API URL at a closed local port
    env = doctor_env | {"TRAYSCORE_API_URL": f"http://127.0.0.1:{closed_port()}"}
    # WHEN doctor runs
    result = run_clean(["doctor"], env)
    # THEN the api line fails with a fix, and the exit code is 1
    line = line_of(result, "api")
    assert line.startswith("✗ api: cannot connect to 127.0.0.1:")
    assert "→ " in line
    assert result.returncode == 1


def test_an_untrusted_certificate_suggests_tls_inspection(
    doctor_env: dict[str, str], identity_platform: FakeIdentityPlatform
) -> None:
    # GIVEN the API at the fake identity platform, whose self-signed CA is not trusted
    env = doctor_env | {"TRAYSCORE_API_URL": identity_platform.base_url}
    # WHEN doctor runs
    result = run_clean(["doctor"], env)
    # THEN the api line fails and suggests TLS inspection and REQUESTS_CA_BUNDLE
    line = line_of(result, "api")
    assert line.startswith("✗ api: TLS certificate of 127.0.0.1:")
    assert "TLS inspection" in line
    assert "REQUESTS_CA_BUNDLE" in line
    assert result.returncode == 1


def test_no_notification_service_is_a_warning(doctor_env: dict[str, str], empty_bus: str) -> None:
    # GIVEN a session bus on which no notification service answers
    env = doctor_env | {"DBUS_SESSION_BUS_ADDRESS": empty_bus}
    # WHEN doctor runs
    result = run_clean(["doctor"], env)
    # THEN the notifications line is a warning naming the tray balloon fallback
    line = line_of(result, "notifications")
    assert line.startswith("! notifications: no service: notifications use the tray balloon")


def test_json_is_an_array_of_checks(doctor_env: dict[str, str]) -> None:
    # GIVEN the simulator and no keyring  WHEN doctor --json runs
    result = run_clean(["doctor", "--json"], doctor_env)
    # THEN stdout is one JSON array with the stable keys, in the usual order
    checks = json.loads(result.stdout)
    assert [check["check"] for check in checks] == NAMES
    for check in checks:
        assert set(check) == {"check", "ok", "detail", "fix"}
        assert check["ok"] in (True, False, None)
        assert isinstance(check["detail"], str)
        assert isinstance(check["fix"], str)
    api = next(check for check in checks if check["check"] == "api")
    assert api["ok"] is True
    account = next(check for check in checks if check["check"] == "account")
    assert "TRAYSCORE_ACCESS_TOKEN is set" in account["detail"]
    failed = any(check["ok"] is False and check["check"] == "keyring" for check in checks)
    assert result.returncode == (1 if failed else 0)


def test_the_authority_is_reached_through_the_proxy_when_one_is_set(
    doctor_env: dict[str, str], identity_platform: FakeIdentityPlatform
) -> None:
    # GIVEN HTTPS_PROXY pointing at a working proxy and a trusted (fake) authority
    with ConnectProxy() as proxy:
        env = doctor_env | {
            "HTTPS_PROXY": proxy.url,
            "TRAYSCORE_AUTHORITY": identity_platform.authority_for("organizations"),
            "REQUESTS_CA_BUNDLE": identity_platform.ca_file,
        }
        # WHEN doctor runs
        result = run_clean(["doctor"], env)
    # THEN the authority line passes, naming the proxy it went through
    line = line_of(result, "authority")
    assert line == (
        f"✓ authority: {identity_platform.authority_for('organizations')} answers through "
        f"the proxy {proxy.url} (HTTPS_PROXY)"
    )
    # AND the proxy was asked for exactly the authority's host:port
    assert proxy.connects == [f"127.0.0.1:{identity_platform.port}"]
    # AND the plain-http API, which no proxy variable covers, was checked directly
    assert line_of(result, "api").startswith("✓ api: 127.0.0.1:")


def test_a_dead_proxy_fails_with_a_fix_naming_the_variable_and_address(
    doctor_env: dict[str, str], identity_platform: FakeIdentityPlatform
) -> None:
    # GIVEN HTTPS_PROXY at a port nothing listens on
    port = closed_port()
    env = doctor_env | {
        "HTTPS_PROXY": f"http://127.0.0.1:{port}",
        "TRAYSCORE_AUTHORITY": identity_platform.authority_for("organizations"),
        "REQUESTS_CA_BUNDLE": identity_platform.ca_file,
    }
    # WHEN doctor runs
    result = run_clean(["doctor"], env)
    # THEN the authority line fails at the proxy, and the fix names the variable and address
    line = line_of(result, "authority")
    detail, fix = line.split(" → ")
    assert detail.startswith(f"✗ authority: cannot connect to the proxy http://127.0.0.1:{port}: ")
    assert f"http://127.0.0.1:{port}" in fix
    assert "HTTPS_PROXY" in fix


@pytest.mark.parametrize("alive", [True, False], ids=["working proxy", "dead proxy"])
def test_proxy_credentials_never_appear_in_the_output(
    doctor_env: dict[str, str], identity_platform: FakeIdentityPlatform, alive: bool
) -> None:
    # GIVEN HTTPS_PROXY with a user and password, at a working proxy or a closed port
    with ConnectProxy() as proxy:
        port = proxy.port if alive else closed_port()
        env = doctor_env | {
            "HTTPS_PROXY": f"http://alice:s3cret-pass@127.0.0.1:{port}",
            "TRAYSCORE_AUTHORITY": identity_platform.authority_for("organizations"),
            "REQUESTS_CA_BUNDLE": identity_platform.ca_file,
        }
        # WHEN doctor runs, human and JSON
        human, machine = run_clean(["doctor"], env), run_clean(["doctor", "--json"], env)
    # THEN the proxy is shown with its credentials masked, in both forms
    authority = next(c for c in json.loads(machine.stdout) if c["check"] == "authority")
    assert authority["ok"] is alive
    assert f"http://***@127.0.0.1:{port}" in line_of(human, "authority")
    assert f"http://***@127.0.0.1:{port}" in authority["detail"] + authority["fix"]
    # AND neither the user nor the password appears anywhere
    for output in (human.stdout, human.stderr, machine.stdout, machine.stderr):
        assert "s3cret-pass" not in output
        assert "alice" not in output
    # AND only the working proxy was asked (once per run), given them as requests sends them
    assert proxy.connects == [f"127.0.0.1:{identity_platform.port}"] * (2 if alive else 0)
    assert all(headers["Proxy-Authorization"].startswith("Basic ") for headers in proxy.headers)


def test_in_french_the_lines_are_french_and_the_json_stays_english(
    doctor_env: dict[str, str],
) -> None:
    # GIVEN a French desktop session
    french = doctor_env | {"LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8"}
    english = doctor_env | {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    # WHEN doctor prints its lines  THEN they speak French, with French punctuation
    lines = run_clean(["doctor"], french).stdout.splitlines()
    assert lines[0].startswith("✓ réglages : valides (")
    assert any(line.startswith("! zone de notification : ") for line in lines) or any(
        line.startswith("✗ zone de notification : pas de session graphique") for line in lines
    )
    assert any(line.startswith("✓ versions : trayscore ") for line in lines)
    # AND the JSON is the same, English, whatever the language
    assert (
        run_clean(["doctor", "--json"], french).stdout
        == run_clean(["doctor", "--json"], english).stdout
    )
    assert '"check": "settings"' in run_clean(["doctor", "--json"], french).stdout


def test_doctor_into_a_cp1252_pipe_writes_every_line(doctor_env: dict[str, str]) -> None:
    """Windows gives a redirected stdout the ANSI code page ("the encoding is the ANSI code
    page when not a console", Python docs, sys.stdout): cp1252 has no "✓", "✗" or "→"."""
    # GIVEN stdout is a pipe that encodes cp1252, as `trayscore doctor > file` on Windows
    env = doctor_env | {"PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    # WHEN doctor runs
    result = run_clean(["doctor"], env)
    # THEN there is no internal error, every check has its line, with ASCII marks
    assert "internal error" not in result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0].split(" ", 1)[1] for line in lines] == NAMES
    assert {line.split(" ", 1)[0] for line in lines} <= {"OK", "X", "!"}
    assert "->" in result.stdout
