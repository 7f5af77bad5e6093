"""A real Secret Service for tests: gnome-keyring-daemon on a private D-Bus bus, headless.

Loaded as a pytest plugin (tests/conftest.py), so ``secret_service`` and
``locked_secret_service`` are available to every test.

Why a bus configuration of our own instead of ``dbus-daemon --session``: the stock session
configuration activates services on demand, so a call made before our daemon owned the name
would start a second, locked gnome-keyring (and unlock prompts would try to start the GTK
prompter). With no service directories nothing starts that this module does not own and kill.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

# Binary -> the Debian 12 package that ships it (scripts/apt-test-packages.txt lists them).
BINARIES = {
    "dbus-daemon": "dbus-daemon",
    "dbus-send": "dbus-bin",
    "gnome-keyring-daemon": "gnome-keyring",
}
KEYRING_PASSWORD = "trayscore-test-keyring"
SECRETS = "org.freedesktop.secrets"
DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default"
START_TIMEOUT = 30.0  # a limit, not a wait: a loaded 2-core machine was seen to need more than 10 s
STOP_TIMEOUT = 5.0
# The D-Bus socket and gnome-keyring's control socket live under base: keep it short (sun_path).
MAX_BASE_CHARS = 80

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

# Inherited variables that would point a daemon at the user's real session or display.
_SCRUBBED = (
    "DBUS_SESSION_BUS_ADDRESS",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "GNOME_KEYRING_CONTROL",
    "SSH_AUTH_SOCK",
    "PYTHON_KEYRING_BACKEND",
)


class SecretServiceError(RuntimeError):
    """The private Secret Service could not be started or controlled."""


def missing_binaries() -> list[str]:
    """The binaries this fake needs that are not on PATH."""
    return [name for name in BINARIES if shutil.which(name) is None]


def missing_reason(missing: list[str]) -> str:
    packages = sorted({BINARIES[name] for name in missing})
    return (
        f"a real Secret Service needs {', '.join(missing)}: "
        f"apt-get install --no-install-recommends {' '.join(packages)} "
        "(scripts/test.sh installs scripts/apt-test-packages.txt as root)"
    )


def _environment(base: Path) -> dict[str, str]:
    """HOME and XDG folders inside base: the daemons must never touch the real ones."""
    folders = {
        "HOME": base / "home",
        "XDG_CONFIG_HOME": base / "config",
        "XDG_DATA_HOME": base / "data",
        "XDG_CACHE_HOME": base / "cache",
        "XDG_STATE_HOME": base / "state",
        "XDG_RUNTIME_DIR": base / "run",
    }
    for path in folders.values():
        path.mkdir(parents=True, exist_ok=True)
    folders["XDG_RUNTIME_DIR"].chmod(0o700)
    return {name: str(path) for name, path in folders.items()}


def _read_address(bus: subprocess.Popen[bytes], deadline: float) -> str:
    """The first line dbus-daemon prints: its address, once it is listening."""
    assert bus.stdout is not None
    line = b""
    while not line.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or bus.poll() is not None:
            raise SecretServiceError(f"dbus-daemon did not start (exit code {bus.poll()})")
        ready, _, _ = select.select([bus.stdout], [], [], remaining)
        if ready:
            chunk = os.read(bus.stdout.fileno(), 4096)
            if not chunk:
                continue
            line += chunk
    return line.decode().strip()


def dbus_send(address: str, *args: str) -> str:
    """One method call on the private bus with dbus-send; its printed reply."""
    result = subprocess.run(
        ["dbus-send", f"--bus={address}", "--print-reply", *args],
        capture_output=True,
        text=True,
        timeout=STOP_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise SecretServiceError(f"dbus-send {args[1:3]} failed: {result.stderr.strip()}")
    return result.stdout


def secrets_service_is_up(address: str) -> bool:
    reply = dbus_send(
        address,
        "--dest=org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus.NameHasOwner",
        f"string:{SECRETS}",
    )
    return "boolean true" in reply


def lock_default_collection(address: str) -> None:
    """Lock the default collection through the Secret Service API, and check that it is."""
    dbus_send(
        address,
        f"--dest={SECRETS}",
        "/org/freedesktop/secrets",
        "org.freedesktop.Secret.Service.Lock",
        f"array:objpath:{DEFAULT_COLLECTION}",
    )
    reply = dbus_send(
        address,
        f"--dest={SECRETS}",
        DEFAULT_COLLECTION,
        "org.freedesktop.DBus.Properties.Get",
        "string:org.freedesktop.Secret.Collection",
        "string:Locked",
    )
    if "boolean true" not in reply:
        raise SecretServiceError(f"the default collection did not lock: {reply.strip()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the process and its whole group (start_new_session made it a leader), and reap it."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            continue
        break
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()


@contextmanager
def running_secret_service(base: Path, *, locked: bool = False) -> Iterator[dict[str, str]]:
    """Run dbus-daemon and an unlocked gnome-keyring in ``base``; yield the client environment.

    The environment holds DBUS_SESSION_BUS_ADDRESS, HOME, the XDG folders and
    PYTHON_KEYRING_BACKEND; merge it over os.environ for a subprocess. With ``locked`` the default
    collection is locked through the Secret Service ``Lock`` method once it is up. On exit both
    daemons' process groups are ended and reaped.
    """
    missing = missing_binaries()
    if missing:
        raise SecretServiceError(missing_reason(missing))
    if len(str(base)) > MAX_BASE_CHARS:
        raise SecretServiceError(f"{base} is too long for a unix socket path; use a short folder")
    env = _environment(base)
    daemon_env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED} | env
    config = base / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket=escape(str(base / "run" / "bus"))), "utf-8")
    deadline = time.monotonic() + START_TIMEOUT
    processes: list[subprocess.Popen[bytes]] = []
    try:
        with (base / "dbus-daemon.log").open("wb") as log:
            bus = subprocess.Popen(
                ["dbus-daemon", "--nofork", "--print-address=1", f"--config-file={config}"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
                env=daemon_env,
                start_new_session=True,
            )
        processes.append(bus)
        address = _read_address(bus, deadline)
        env["DBUS_SESSION_BUS_ADDRESS"] = daemon_env["DBUS_SESSION_BUS_ADDRESS"] = address
        keyring_log = base / "gnome-keyring.log"
        with keyring_log.open("wb") as log:
            keyring = subprocess.Popen(
                ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=log,
                env=daemon_env,
                start_new_session=True,
            )
        processes.append(keyring)
        assert keyring.stdin is not None
        keyring.stdin.write(KEYRING_PASSWORD.encode())
        keyring.stdin.close()
        while not secrets_service_is_up(address):
            if keyring.poll() is not None or time.monotonic() > deadline:
                log_text = keyring_log.read_text("utf-8", errors="replace").strip()
                raise SecretServiceError(f"gnome-keyring-daemon did not start: {log_text}")
            time.sleep(0.005)
        if locked:
            lock_default_collection(address)
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.SecretService.Keyring"
        yield dict(env)
    finally:
        for process in reversed(processes):
            _stop(process)


def _ci() -> bool:
    return os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}


def require_binaries() -> None:
    """Skip with the packages to install, except in CI, which must run everything."""
    missing = missing_binaries()
    if missing:
        if _ci():
            pytest.fail(f"CI must run the keyring tests, but {missing_reason(missing)}")
        pytest.skip(missing_reason(missing))


@contextmanager
def _fixture_service(monkeypatch: pytest.MonkeyPatch, *, locked: bool) -> Iterator[dict[str, str]]:
    require_binaries()
    with (
        tempfile.TemporaryDirectory(prefix="ts-ss-") as folder,
        running_secret_service(Path(folder), locked=locked) as env,
    ):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        yield env


@pytest.fixture
def secret_service(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A fresh, unlocked gnome-keyring on a private bus; its variables are also set in-process.

    keyring caches the backend it chose, so in-process tests construct
    ``keyring.backends.SecretService.Keyring()`` themselves (it connects per call, using
    DBUS_SESSION_BUS_ADDRESS); subprocesses get the yielded variables merged over os.environ.
    """
    with _fixture_service(monkeypatch, locked=False) as env:
        yield env


@pytest.fixture
def locked_secret_service(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Like ``secret_service``, with the default collection locked (unlock prompts fail)."""
    with _fixture_service(monkeypatch, locked=True) as env:
        yield env
