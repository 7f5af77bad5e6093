"""An https front for a plain-http loopback server (the simulator), with a certificate from a CA.

The signed-in account's tokens never go to plain http (issue 17, finding 7), so a test that
sends real (fake-platform) tokens to the simulator puts this in front of it. The certificate
comes from the fake identity platform's CA, so the one ``REQUESTS_CA_BUNDLE`` trusts both.
"""

from __future__ import annotations

import contextlib
import select
import socket
import ssl
import threading
from typing import Self
from urllib.parse import urlsplit

import trustme

LOOPBACK = "127.0.0.1"


class TlsFront:
    """``https://127.0.0.1:PORT`` relaying each connection's bytes to ``target_url``."""

    def __init__(self, target_url: str, ca: trustme.CA) -> None:
        target = urlsplit(target_url)
        assert target.hostname is not None, target_url
        assert target.port is not None, target_url
        self._target = (target.hostname, target.port)
        self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert(LOOPBACK, "localhost").configure_cert(self._context)
        self._listener = socket.create_server((LOOPBACK, 0))
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"https://{LOOPBACK}:{self._listener.getsockname()[1]}"

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._relay, args=(connection,), daemon=True).start()

    def _relay(self, connection: socket.socket) -> None:
        with contextlib.ExitStack() as stack:
            stack.enter_context(connection)
            connection.settimeout(10)
            try:
                tls = stack.enter_context(self._context.wrap_socket(connection, server_side=True))
                upstream = stack.enter_context(socket.create_connection(self._target, timeout=10))
            except OSError:
                return  # a client that does not trust us, or hung up
            ends = {tls: upstream, upstream: tls}
            while True:
                ready = [tls] if tls.pending() else select.select(list(ends), [], [], 10)[0]
                if not ready:
                    return
                for end in ready:
                    try:
                        data = end.recv(65536)
                        if not data:
                            return
                        ends[end].sendall(data)
                    except OSError:
                        return

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._listener.close()
        self._thread.join(timeout=5)
