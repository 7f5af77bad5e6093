"""Another user of this computer, attacking trayscore: runs as uid 65534 (nobody) via setpriv.

This file is standard library only, so the system's ``python3`` runs its text as
``setpriv --reuid 65534 --regid 65534 --clear-groups python3 -I -c <text> MODE ...`` (the test's
virtual environment and checkout sit in root's private folders, which nobody can read). The
attacker reports on stdout, one line per event:

* ``unix PATH``: listens on a Unix socket at PATH, open to everyone (Qt's old predictable name in
  the shared /tmp); ``ready``, then ``got <n> bytes`` for each connection.
* ``tcp6 PORT``: listens on ``[::1]:PORT``, where browsers send ``http://localhost:PORT`` first,
  and serves a fake "sign in again" page; ``ready``, then ``got <n> bytes code=<yes|no>``.
* ``junk URL``: posts a made-up sign-in answer (a code and a guessed state) to URL; ``status <n>``.

:class:`LocalAttacker` starts one from a test and reads its lines.
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from urllib.parse import urlencode, urlsplit

NOBODY = 65534
SYSTEM_PYTHON = "/usr/bin/python3"
_READ_PAUSE = 1.0
_FAKE_PAGE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 40\r\nConnection: close\r\n\r\n"
    b"<h1>Session expired: sign in again</h1>\n"
)


def _say(line: str) -> None:
    print(line, flush=True)


def _drain(connection: socket.socket) -> bytes:
    """Everything the peer sends until it pauses for a second (or 64 KiB)."""
    connection.settimeout(_READ_PAUSE)
    data = b""
    while len(data) < 64 * 1024:
        try:
            chunk = connection.recv(4096)
        except TimeoutError:
            break
        if not chunk:
            break
        data += chunk
    return data


def _squat_unix(path: str) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        Path(path).chmod(0o777)
        server.listen()
        _say("ready")
        while True:
            connection, _ = server.accept()
            with connection:
                _say(f"got {len(_drain(connection))} bytes")


def _squat_tcp6(port: int) -> None:
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        server.bind(("::1", port))
        server.listen()
        _say("ready")
        while True:
            connection, _ = server.accept()
            with connection:
                data = _drain(connection)
                _say(f"got {len(data)} bytes code={'yes' if b'code=' in data else 'no'}")
                connection.sendall(_FAKE_PAGE)


def _post_junk(url: str) -> None:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    body = urlencode({"code": "0.junk-from-another-user", "state": "guessed"})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", parts.path or "/", body, headers)
    _say(f"status {connection.getresponse().status}")
    connection.close()


def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="local_attacker")
    parser.add_argument("mode", choices=["unix", "tcp6", "junk"])
    parser.add_argument("target")
    args = parser.parse_args(argv)
    if args.mode == "unix":
        _squat_unix(args.target)
    elif args.mode == "tcp6":
        _squat_tcp6(int(args.target))
    else:
        _post_junk(args.target)
    return 0


# --- the test's side ------------------------------------------------------------------------


def unavailable() -> str | None:
    """Why another user's process cannot be run here; None when it can."""
    if os.geteuid() != 0:
        return "running a process as another user (setpriv) needs root"
    if shutil.which("setpriv") is None:
        return "setpriv is missing (Debian package util-linux)"
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} is missing (Debian package python3)"
    return None


class LocalAttacker:
    """One attacker process as uid 65534; read its report lines with :meth:`expect`."""

    def __init__(self, mode: str, target: str) -> None:
        command = [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            SYSTEM_PYTHON,
            "-I",
            "-c",
            Path(__file__).read_text(encoding="utf-8"),
            mode,
            target,
        ]
        self._process = subprocess.Popen(
            command,
            cwd="/",
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._queue: queue.Queue[str | None] = queue.Queue()
        self.lines: list[str] = []
        self._ended = False
        threading.Thread(target=self._read, name="attacker-stdout", daemon=True).start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._queue.put(line.strip())
        self._queue.put(None)

    def expect(self, prefix: str, timeout: float = 15.0) -> str:
        """The next report line starting with ``prefix``; AssertionError when none comes."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                self._ended = True
                self._process.wait(5)
                error = self._process.stderr.read() if self._process.stderr else ""
                msg = f"the attacker ended ({self._process.returncode}) before {prefix!r}: {error}"
                raise AssertionError(msg)
            self.lines.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"the attacker did not report {prefix!r} within {timeout:g} s")

    def stop(self) -> list[str]:
        """End the attacker; every line it reported."""
        if self._process.poll() is None:
            self._process.terminate()
        self._process.wait(10)
        while not self._ended:
            try:
                line = self._queue.get(timeout=5)
            except queue.Empty:
                break
            if line is None:
                self._ended = True
                break
            self.lines.append(line)
        for stream in (self._process.stdout, self._process.stderr):
            if stream is not None:
                stream.close()
        return list(self.lines)

    def __enter__(self) -> LocalAttacker:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
