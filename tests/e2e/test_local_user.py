"""Another user of the same computer attacks trayscore, for real: uid 65534 through setpriv.

The attacker (tests/fakes/local_attacker.py) squats Qt's old single-instance name in the shared
/tmp, listens on ``[::1]`` at the sign-in port, and posts junk to the sign-in listener. trayscore
must start anyway, keep the authorization code from the squatter, and finish the sign-in.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from trayscore.auth.service import AuthService
from trayscore.auth.token_store import MemoryTokenStore
from trayscore.clients import sign_in_config
from trayscore.settings.model import Settings
from trayscore.system.instance_address import instance_key

from tests.fakes.browser import addresses_tried, drive_authorize
from tests.fakes.identity import FakeIdentityPlatform
from tests.fakes.local_attacker import LocalAttacker, unavailable

CLIENT_ID = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
TENANT = "contoso.example"
START_TIMEOUT = 30.0
SIGN_IN_TIMEOUT = 30.0


@pytest.fixture
def attacker_allowed() -> None:
    """Skip where no other user can be played (not root, no setpriv); CI must run these."""
    reason = unavailable()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}:
        pytest.fail(f"CI must run the local-attacker tests, but {reason}")
    pytest.skip(reason)


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    """A private, short XDG_RUNTIME_DIR like a desktop session's."""
    folder = Path(tempfile.mkdtemp(prefix="xrd-"))
    try:
        yield folder
    finally:
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()


def tray_environment(tmp_path: Path, runtime_dir: Path) -> dict[str, str]:
    """The tray offscreen, with this test's folders; no TMPDIR, so Qt's old name is /tmp/..."""
    drop = ("TRAYSCORE_", "DBUS_", "WAYLAND", "DISPLAY", "TMPDIR", "XDG_RUNTIME_DIR")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(tmp_path / name.lower())
    env |= {"XDG_RUNTIME_DIR": str(runtime_dir), "QT_QPA_PLATFORM": "offscreen"}
    return env


def start_tray(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "trayscore", "--demo"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_socket(process: subprocess.Popen[str], path: Path) -> None:
    """Until the tray listens at ``path``; fails with its output if it ended first."""
    deadline = time.monotonic() + START_TIMEOUT
    while not (path.exists() and stat.S_ISSOCK(path.lstat().st_mode)):
        if process.poll() is not None:
            _, stderr = process.communicate()
            pytest.fail(f"trayscore ended with {process.returncode} before listening: {stderr}")
        if time.monotonic() > deadline:
            pytest.fail(f"trayscore did not listen at {path} within {START_TIMEOUT:g} s")
        time.sleep(0.05)


def stop(process: subprocess.Popen[str]) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
    return process.returncode


@pytest.mark.usefixtures("attacker_allowed")
def test_a_squatter_on_the_old_socket_name_does_not_stop_the_start(
    tmp_path: Path, runtime_dir: Path
) -> None:
    # GIVEN another user listening on Qt's old, predictable name in the shared /tmp
    key = instance_key(tmp_path / "config" / "trayscore")
    old_name = Path("/tmp") / f"trayscore-{key}"  # noqa: S108 - the very name under attack
    env = tray_environment(tmp_path, runtime_dir)
    try:
        with LocalAttacker("unix", str(old_name)) as squatter:
            squatter.expect("ready")
            assert old_name.lstat().st_uid == 65534
            # WHEN trayscore starts
            first = start_tray(env)
            try:
                # THEN it runs, listening in the private runtime folder
                wait_for_socket(first, runtime_dir / f"trayscore-{key}")
                # AND a second start hands over to it (not to the squatter) and exits 0
                second = start_tray(env)
                assert second.wait(START_TIMEOUT) == 0, second.communicate()[1]
                assert first.poll() is None
            finally:
                assert stop(first) == 0
            lines = squatter.stop()
        # AND the squatter never heard from trayscore (no "show", no connection at all)
        assert [line for line in lines if line.startswith("got")] == []
    finally:
        old_name.unlink(missing_ok=True)


def test_a_file_in_the_way_stops_the_start_with_a_message_and_exit_14(
    tmp_path: Path, runtime_dir: Path
) -> None:
    # GIVEN a plain file at trayscore's own socket address
    key = instance_key(tmp_path / "config" / "trayscore")
    blocker = runtime_dir / f"trayscore-{key}"
    blocker.write_text("in the way")
    # WHEN trayscore starts
    result = subprocess.run(
        [sys.executable, "-m", "trayscore", "--demo"],
        env=tray_environment(tmp_path, runtime_dir),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # THEN it does not start, says why on stderr and in its log, and exits non-zero
    assert result.returncode == 14
    assert str(blocker) in result.stderr
    assert "not a socket" in result.stderr
    log = (tmp_path / "state" / "trayscore" / "log" / "trayscore.log").read_text()
    assert f"not started: {blocker}" in log
    # AND the file is left alone
    assert blocker.read_text() == "in the way"


# --- sign-in -----------------------------------------------------------------------------------


def sign_in_service(
    platform: FakeIdentityPlatform, session: requests.Session, attack: str
) -> tuple[AuthService, list[LocalAttacker], list[str]]:
    """An AuthService whose browser waits for the attacker to act on the sign-in port first.

    ``attack`` is ``tcp6`` (listen on [::1] at that port) or ``junk`` (post junk to the listener).
    The attacker learns the port as a real one would (from /proc/net/tcp); here it is told.
    """
    attackers: list[LocalAttacker] = []
    reports: list[str] = []

    def open_browser(url: str) -> bool:
        redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
        if attack == "tcp6":
            attacker = LocalAttacker("tcp6", str(urlsplit(redirect).port))
            attackers.append(attacker)
            reports.append(attacker.expect("ready"))
        else:
            with LocalAttacker("junk", redirect) as attacker:
                reports.append(attacker.expect("status"))
        threading.Thread(target=drive_authorize, args=(url, platform.ca_file), daemon=True).start()
        return True

    settings = Settings(client_id=CLIENT_ID, authority=platform.authority_for(TENANT))
    service = AuthService(
        sign_in_config(settings),
        MemoryTokenStore(),
        session=session,
        open_browser=open_browser,
    )
    return service, attackers, reports


def test_the_fake_browser_tries_ipv6_loopback_first_like_a_real_one() -> None:
    """What browsers do with ``localhost`` and what these tests rely on (FIELD-NOTES)."""
    assert addresses_tried("http://localhost:5000/") == [
        "http://[::1]:5000/",
        "http://127.0.0.1:5000/",
    ]
    assert addresses_tried("http://127.0.0.1:5000/") == ["http://127.0.0.1:5000/"]
    with socket.socket(socket.AF_INET6) as probe:
        probe.bind(("::1", 0))  # IPv6 loopback works here, so the attack below is real


@pytest.mark.usefixtures("attacker_allowed")
def test_a_squatter_on_ipv6_loopback_gets_no_code(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    """RFC 8252 section 8.3: the IP literal, not ``localhost``, so [::1] never gets the code."""
    # GIVEN another user listening on [::1] at the sign-in port before the browser answers
    service, attackers, reports = sign_in_service(identity_platform, msal_http_client, "tcp6")
    try:
        # WHEN the user signs in in the browser
        account = service.sign_in_browser(timeout=SIGN_IN_TIMEOUT)
    finally:
        lines = [line for attacker in attackers for line in attacker.stop()]
    # THEN the sign-in completes
    assert reports == ["ready"]
    assert account.username == "analyst@contoso.example"
    assert identity_platform.grants["authorization_code"] == 1
    # AND the squatter received nothing at all, so no code
    assert [line for line in lines if line.startswith("got")] == []


@pytest.mark.usefixtures("attacker_allowed")
def test_junk_from_another_user_does_not_end_the_sign_in(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    """The state binds the answer to the request (RFC 6749 section 10.12): junk is dropped."""
    # GIVEN another user posting a made-up answer to the listener before the browser answers
    service, _, reports = sign_in_service(identity_platform, msal_http_client, "junk")
    # WHEN the user then signs in in the browser
    account = service.sign_in_browser(timeout=SIGN_IN_TIMEOUT)
    # THEN the junk was refused and the real answer completed the sign-in
    assert reports == ["status 400"]
    assert account.username == "analyst@contoso.example"
    assert identity_platform.grants["authorization_code"] == 1
