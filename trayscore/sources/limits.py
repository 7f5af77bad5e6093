"""How long and how much one request may take, and the watchdog that enforces the total.

Socket timeouts bound each read, not the whole request: a server that dribbles its headers a
byte at a time stays under the read timeout for ever. So the limits live here together with the
one thing that enforces the total: urllib3 connections that report their sockets to the
requesting thread's :class:`Watch`, and a :class:`Watchdog` whose timer shuts them at the
deadline. Kept apart from the GET itself (:mod:`trayscore.sources.http`) because it reaches into
urllib3's connection classes, which nothing else should need to know about.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


@dataclass(frozen=True)
class HttpLimits:
    """How long and how much a request may take; the total bounds a dribbling server too."""

    connect_seconds: float = 10.0
    read_seconds: float = 15.0
    total_seconds: float = 30.0
    max_body_bytes: int = 64 * 1024


@dataclass
class Watch:
    """One request under a deadline: the sockets it uses, and whether the deadline cut them."""

    sockets: list[socket.socket] = field(default_factory=list)
    fired: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, sock: socket.socket) -> None:
        """A socket this request uses; shut at once when the deadline already passed."""
        with self.lock:
            self.sockets.append(sock)
            if self.fired:
                _shut(sock)

    def cut(self) -> None:
        """The deadline passed: end every blocked read or write of this request now."""
        with self.lock:
            self.fired = True
            for sock in self.sockets:
                _shut(sock)


_CURRENT = threading.local()  # the Watch of the request this thread is making, if any


class Watchdog:
    """Cuts the connection a thread's request is using when that request's deadline passes.

    Socket timeouts bound each read, not the whole request: a server that dribbles its headers
    a byte at a time stays under the read timeout for ever. The watched connections of an
    :class:`~trayscore.sources.http.ApiSession` report their sockets to the requesting thread's
    current :class:`Watch`; a timer shuts them down at the deadline, which ends the blocked read
    at once. Stateless: one per session, no classes made per session (a session that dies must
    leave no reference cycles for a garbage collection on some other thread).
    """

    @staticmethod
    @contextlib.contextmanager
    def deadline(seconds: float) -> Iterator[Watch]:
        """Everything this thread sends or reads inside the block ends by ``seconds``."""
        watch = Watch()
        previous = getattr(_CURRENT, "watch", None)
        _CURRENT.watch = watch
        timer = threading.Timer(seconds, watch.cut)
        timer.daemon = True
        timer.start()
        try:
            yield watch
        finally:
            timer.cancel()
            _CURRENT.watch = previous


def _watch(sock: socket.socket | None) -> None:
    watch: Watch | None = getattr(_CURRENT, "watch", None)
    if watch is not None and sock is not None:
        watch.add(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _Watched:
    """Mixed into urllib3's connections: report each socket to the thread's current Watch."""

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        _watch(sock)  # sending a request (TLS wraps it: then getresponse's)
        return sock

    def getresponse(self) -> Any:
        """A reused connection's socket is watched too (``_new_conn`` ran for another request)."""
        _watch(getattr(self, "sock", None))
        return super().getresponse()  # type: ignore[misc]


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class _WatchedPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS: Final[Mapping[str, type[HTTPConnectionPool]]] = {
    "http": _WatchedPool,
    "https": _WatchedHTTPSPool,
}


class WatchedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections (direct or through an http proxy) report to a watch."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """urllib3's pool manager, making watched connections."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_WATCHED_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        """The proxy's manager, making watched connections (SOCKS keeps its own)."""
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if isinstance(manager, urllib3.ProxyManager):
            manager.pool_classes_by_scheme = dict(_WATCHED_POOLS)
        return manager
