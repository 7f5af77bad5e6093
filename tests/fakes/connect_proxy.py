"""A tiny HTTPS proxy (HTTP CONNECT) for tests: pipes bytes both ways, records what it was asked."""

from __future__ import annotations

import contextlib
import select
import socket
import socketserver
import threading
from typing import Self


class _Handler(socketserver.BaseRequestHandler):
    server: ConnectProxy

    def handle(self) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.request.recv(4096)
            if not chunk:
                return  # a bare TCP probe: connected and closed
            head += chunk
        lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        first = lines[0].split()
        if len(first) < 2 or first[0] != "CONNECT":
            self.request.sendall(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n")
            return
        headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
        with self.server.lock:
            self.server.connects.append(first[1])
            self.server.headers.append(headers)
        if self.server.refuse is not None:
            self.request.sendall(f"HTTP/1.1 {self.server.refuse}\r\n\r\n".encode("latin-1"))
            return
        host, _, port = first[1].rpartition(":")
        try:
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=5)
        except OSError:
            self.request.sendall(b"HTTP/1.1 502 Bad Gateway\r\n\r\n")
            return
        self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        with upstream:
            self._pipe(upstream)

    def _pipe(self, upstream: socket.socket) -> None:
        sockets = [self.request, upstream]
        while True:
            readable, _, _ = select.select(sockets, [], [], 5)
            if not readable:
                return
            for sock in readable:
                data = sock.recv(65536)
                if not data:
                    return
                (upstream if sock is self.request else self.request).sendall(data)


class ConnectProxy(socketserver.ThreadingTCPServer):
    """``with ConnectProxy() as proxy:`` then HTTPS_PROXY=proxy.url.

    ``connects`` lists the ``host:port`` targets asked for and ``headers`` each request's
    headers; ``refuse`` (e.g. ``"407 Proxy Authentication Required"``) answers every CONNECT
    with that status instead of tunnelling.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, refuse: str | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.refuse = refuse
        self.lock = threading.Lock()
        self.connects: list[str] = []
        self.headers: list[dict[str, str]] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        """The port it listens on (127.0.0.1)."""
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        """The proxy's address as HTTPS_PROXY wants it."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        with contextlib.suppress(RuntimeError):
            self._thread.join(5)
