"""One careful GET shared by every source: timeouts, a body cap, and errors mapped to types.

Every way a request can go wrong ends here as a :class:`~trayscore.errors.TrayscoreError` with a
message that says what to do. Redirects are not followed (a redirect would carry the bearer token
to a host we did not choose), and nothing from the request headers is ever put in a message.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar, Final, NoReturn, Protocol
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from trayscore import __version__
from trayscore.clouds import is_loopback_host
from trayscore.errors import (
    ApiRetired,
    BadResponse,
    Offline,
    PermissionMissing,
    ServiceUnavailable,
    SignInRequired,
    SourceRetired,
    Throttled,
    TlsFailure,
    TrayscoreError,
)
from trayscore.timeparse import parse_retry_after

USER_AGENT: Final = f"trayscore/{__version__} (+https://github.com/trayscore/trayscore)"
_SAFE_DETAIL_RE: Final = re.compile(r"[^A-Za-z0-9 ._:/@()\-]")
HTTP_OK: Final = 200
HTTP_UNAUTHORIZED: Final = 401
HTTP_FORBIDDEN: Final = 403
HTTP_TOO_MANY: Final = 429
HTTP_SERVER_ERROR: Final = 500
HTTP_NOT_FOUND: Final = 404
HTTP_GONE: Final = 410
GONE_OR_MISSING: Final = frozenset({HTTP_NOT_FOUND, HTTP_GONE})
_RETIRED_WORDS: Final = ("retire", "deprecat", "decommission", "sunset", "no longer available")

Clock = Callable[[], datetime]


class TokenSource(Protocol):
    """Where a source gets its bearer token; ``can_refresh`` says a 401 is worth one retry."""

    @property
    def can_refresh(self) -> bool:
        """True when ``token(force_refresh=True)`` can return a different, fresher token."""
        ...

    def token(self, *, force_refresh: bool = False) -> str:
        """A bearer token for the API; raises SignInRequired when there is none."""
        ...


@dataclass(frozen=True)
class StaticToken:
    """A token handed in from outside (TRAYSCORE_ACCESS_TOKEN): nothing to refresh."""

    value: str = field(repr=False)
    can_refresh: bool = False

    def token(self, *, force_refresh: bool = False) -> str:
        """The same token every time."""
        del force_refresh
        return self.value


def utc_now() -> datetime:
    """The wall clock, aware, in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class HttpLimits:
    """How long and how much a request may take; the total bounds a dribbling server too."""

    connect_seconds: float = 10.0
    read_seconds: float = 15.0
    total_seconds: float = 30.0
    max_body_bytes: int = 64 * 1024


@dataclass(frozen=True)
class ApiProblem:
    """What one endpoint needs to phrase its errors.

    ``retirement``, for an API Microsoft has announced to retire, is the message for a 410, or a
    404 whose error body says retired: the typed :class:`~trayscore.errors.ApiRetired`.
    """

    service: str
    permission_hint: str
    retirement: str | None = None


@dataclass
class Watch:
    """One request under a deadline: the sockets it uses, and whether the deadline cut them."""

    sockets: list[socket.socket] = field(default_factory=list)
    fired: bool = False


class Watchdog:
    """Cuts the connection a thread's request is using when that request's deadline passes.

    Socket timeouts bound each read, not the whole request: a server that dribbles its headers
    a byte at a time stays under the read timeout for ever. The connections of a
    :class:`ApiSession` report their socket here (in the requesting thread); a timer shuts it
    down at the deadline, which ends the blocked read at once.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watches: dict[int, Watch] = {}

    def watch(self, sock: socket.socket) -> None:
        """Called by a connection in the requesting thread: cut this socket at the deadline."""
        with self._lock:
            current = self._watches.get(threading.get_ident())
            if current is not None:
                current.sockets.append(sock)
                if current.fired:
                    _shut(sock)

    def _cut(self, ident: int, watch: Watch) -> None:
        with self._lock:
            if self._watches.get(ident) is not watch:
                return  # the request ended as the timer fired: its connection may be reused
            watch.fired = True
            for sock in watch.sockets:
                _shut(sock)

    @contextlib.contextmanager
    def deadline(self, seconds: float) -> Iterator[Watch]:
        """Everything this thread sends or reads inside the block ends by ``seconds``."""
        ident = threading.get_ident()
        watch = Watch()
        with self._lock:
            self._watches[ident] = watch
        timer = threading.Timer(seconds, self._cut, (ident, watch))
        timer.daemon = True
        timer.start()
        try:
            yield watch
        finally:
            timer.cancel()
            with self._lock:
                self._watches.pop(ident, None)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _Watched:
    """Mixed into urllib3's connections: report each socket to the session's watchdog."""

    watchdog: ClassVar[Watchdog]

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        self.watchdog.watch(sock)  # sending a request (TLS wraps it: then getresponse's)
        return sock

    def getresponse(self) -> Any:
        """A reused connection's socket is watched too (``_new_conn`` ran for another request)."""
        sock = getattr(self, "sock", None)
        if sock is not None:
            self.watchdog.watch(sock)
        return super().getresponse()  # type: ignore[misc]


class _WatchedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections (direct or through an http proxy) report to a watchdog."""

    def __init__(self, watchdog: Watchdog) -> None:
        connection: dict[str, type[HTTPConnection]] = {
            "http": type("WatchedHTTPConnection", (_Watched, HTTPConnection), {}),
            "https": type("WatchedHTTPSConnection", (_Watched, HTTPSConnection), {}),
        }
        for cls in connection.values():
            cls.watchdog = watchdog  # type: ignore[attr-defined]
        self._pools: Mapping[str, type[HTTPConnectionPool]] = {
            "http": type(
                "WatchedPool", (HTTPConnectionPool,), {"ConnectionCls": connection["http"]}
            ),
            "https": type(
                "WatchedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": connection["https"]}
            ),
        }
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """urllib3's pool manager, making watched connections."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(self._pools)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        """The proxy's manager, making watched connections (SOCKS keeps its own)."""
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if isinstance(manager, urllib3.ProxyManager):
            manager.pool_classes_by_scheme = dict(self._pools)
        return manager


class ApiSession(requests.Session):
    """A session that never proxies loopback and carries the watchdog of total deadlines.

    Loopback (127.0.0.0/8, ::1, localhost) is this computer: an ``http_proxy`` is for leaving
    it, and a proxy that sees a loopback request would see its token too.
    """

    def __init__(self) -> None:
        super().__init__()
        self.watchdog = Watchdog()
        adapter = _WatchedAdapter(self.watchdog)
        self.mount("https://", adapter)
        self.mount("http://", adapter)

    def merge_environment_settings(  # type: ignore[override]
        self,
        url: str | bytes | None,
        proxies: Any,
        stream: Any,
        verify: Any,
        cert: Any,
    ) -> dict[str, Any]:
        """Requests' merge of the environment, with no proxy at all for a loopback URL."""
        settings: dict[str, Any] = dict(
            super().merge_environment_settings(url, proxies, stream, verify, cert)
        )
        text = url.decode("utf-8", "replace") if isinstance(url, bytes) else url or ""
        try:
            host = urlsplit(text).hostname or ""
        except ValueError:
            host = ""
        if is_loopback_host(host):
            settings["proxies"] = {}
        return settings


def make_session() -> ApiSession:
    """A session that honours proxies (never for loopback) and REQUESTS_CA_BUNDLE.

    It always verifies TLS; its watchdog bounds each request's total time (``get_json``).
    """
    session = ApiSession()
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "application/json"
    session.verify = True
    return session


def _clean(text: object, limit: int = 80) -> str:
    """Server-supplied text made safe for one terminal line (no control or escape characters)."""
    cleaned = _SAFE_DETAIL_RE.sub("", str(text)).strip()
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 3] + "..."


def _error_detail(body: bytes) -> str:
    """The Defender error body as ``code X, correlation id Y`` (empty when there is none)."""
    try:
        error = json.loads(body.decode("utf-8"))["error"]
    except (ValueError, KeyError, TypeError, RecursionError):
        return ""
    if not isinstance(error, dict):
        return ""
    parts = []
    if error.get("code"):
        parts.append(f"code {_clean(error['code'], 40)}")
    if error.get("target"):
        parts.append(f"correlation id {_clean(error['target'], 60)}")
    return f"; {', '.join(parts)}" if parts else ""


def _says_retired(body: bytes) -> bool:
    """True when an error body's code or message says the API was retired or deprecated."""
    try:
        error = json.loads(body.decode("utf-8"))["error"]
    except (ValueError, KeyError, TypeError, RecursionError):
        return False
    if not isinstance(error, dict):
        return False
    text = f"{error.get('code', '')} {error.get('message', '')}".lower()
    return any(word in text for word in _RETIRED_WORDS)


def _host(url: str) -> str:
    return urlsplit(url).netloc


def network_failure(
    url: str, error: requests.RequestException, limits: HttpLimits
) -> TrayscoreError:
    """The typed error for a request that got no HTTP answer (shared with sign-in)."""
    host = _host(url)
    text = str(error).lower()
    if isinstance(error, requests.exceptions.SSLError):
        reason = "certificate verify failed" if "certificate" in text else "handshake failed"
        return TlsFailure(
            f"TLS to {host} failed ({reason}). If a corporate proxy inspects TLS, point "
            "REQUESTS_CA_BUNDLE at its CA certificate; trayscore never turns verification off."
        )
    if isinstance(error, requests.exceptions.ConnectTimeout):
        reason = f"no connection within {limits.connect_seconds:g} s"
    elif isinstance(error, requests.exceptions.ReadTimeout):
        reason = f"no answer within {limits.read_seconds:g} s"
    elif "name or service not known" in text or "resolve" in text or "nodename" in text:
        reason = "the host name could not be resolved"
    elif "refused" in text:
        reason = "the connection was refused"
    elif isinstance(error, requests.exceptions.ProxyError):
        reason = "the proxy refused the connection"
    else:
        reason = "the connection failed"
    return Offline(
        f"Cannot reach {host}: {reason}. Check the network or proxy; trayscore will try again."
    )


def _read_some(response: requests.Response) -> bytes:
    """Whatever has arrived (at most 16 KiB), so a dribbling server meets the total deadline."""
    try:
        return response.raw.read1(16 * 1024, decode_content=True)
    except urllib3.exceptions.ReadTimeoutError:
        raise requests.exceptions.ReadTimeout from None
    except urllib3.exceptions.HTTPError:
        raise requests.exceptions.ChunkedEncodingError from None


def _read_body(response: requests.Response, limits: HttpLimits, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_body_bytes:
        raise BadResponse(
            f"The answer is too large ({int(declared)} bytes; at most "
            f"{limits.max_body_bytes} are read). Check TRAYSCORE_API_URL or the proxy."
        )
    chunks: list[bytes] = []
    size = 0
    while chunk := _read_some(response):
        size += len(chunk)
        if size > limits.max_body_bytes:
            raise BadResponse(
                f"The answer is larger than the {limits.max_body_bytes} bytes trayscore reads. "
                "Check TRAYSCORE_API_URL or the proxy."
            )
        if time.monotonic() > deadline:
            raise _too_slow(limits)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_slow(limits: HttpLimits) -> Offline:
    return Offline(
        f"The answer took longer than {limits.total_seconds:g} s; trayscore will try again."
    )


def _deadline(
    session: requests.Session, seconds: float
) -> contextlib.AbstractContextManager[Watch]:
    """The session's watchdog over the block; a plain requests.Session has none to offer."""
    if isinstance(session, ApiSession):
        return session.watchdog.deadline(seconds)
    return contextlib.nullcontext(Watch())


def _raise_for_status(
    response: requests.Response, body: bytes, problem: ApiProblem, now: datetime
) -> None:
    status = response.status_code
    detail = _error_detail(body)
    host = _host(response.url)
    if status == HTTP_UNAUTHORIZED:
        raise SignInRequired(
            f"{problem.service} refused the sign-in (HTTP 401: token expired or invalid"
            f"{detail}). Sign in again."
        )
    if status == HTTP_FORBIDDEN:
        raise PermissionMissing(
            f"{problem.service} denied access (HTTP 403{detail}): {problem.permission_hint}"
        )
    retired = status == HTTP_GONE or (status == HTTP_NOT_FOUND and _says_retired(body))
    if problem.retirement is not None and retired:
        raise ApiRetired(f"{problem.retirement} (HTTP {status} from {host}{detail})")
    if status in GONE_OR_MISSING:
        what = "has retired this API" if status == HTTP_GONE else "has no such API at this host"
        raise SourceRetired(
            f"{host} {what} (HTTP {status}{detail}). Check the cloud and region settings or "
            "TRAYSCORE_API_URL; Microsoft retires the Defender API after 2027-02-01."
        )
    if status == HTTP_TOO_MANY:
        retry_after = parse_retry_after(response.headers.get("Retry-After"), now)
        wait = f"retry in {retry_after:.0f} s" if retry_after is not None else "retry later"
        raise Throttled(
            f"{problem.service} is throttling requests (HTTP 429{detail}); {wait}.",
            retry_after=retry_after,
        )
    if status >= HTTP_SERVER_ERROR:
        raise ServiceUnavailable(
            f"{problem.service} is unavailable (HTTP {status}{detail}); "
            "trayscore will try again later."
        )
    if status != HTTP_OK:
        raise BadResponse(
            f"{problem.service} answered HTTP {status}{detail}, not a score. "
            "Check TRAYSCORE_API_URL or the proxy."
        )


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON number")


def get_json(
    session: requests.Session,
    url: str,
    token: str,
    problem: ApiProblem,
    *,
    limits: HttpLimits,
    clock: Clock = utc_now,
) -> object:
    """GET ``url`` with a bearer token and return the parsed JSON body, or raise a typed error.

    ``limits.total_seconds`` bounds the whole exchange, slow headers included: the session's
    watchdog cuts the connection at the deadline (see :class:`Watchdog`).
    """
    deadline = time.monotonic() + limits.total_seconds
    watch = Watch()
    try:
        with (
            _deadline(session, limits.total_seconds) as watch,
            session.get(
                url,
                headers={"Authorization": f"Bearer {token}"},
                timeout=(limits.connect_seconds, limits.read_seconds),
                allow_redirects=False,
                stream=True,
                verify=True,
            ) as response,
        ):
            body = _read_body(response, limits, deadline)
            if watch.fired:  # a cut can look like a short answer: headers ended by EOF
                raise _too_slow(limits)
            _raise_for_status(response, body, problem, clock())
    except TrayscoreError:
        raise
    except (
        requests.exceptions.ChunkedEncodingError,
        requests.exceptions.ContentDecodingError,
    ):
        if watch.fired:
            raise _too_slow(limits) from None
        raise BadResponse(
            f"The answer from {_host(url)} was cut off or garbled; trayscore will try again."
        ) from None
    except requests.RequestException as error:
        if watch.fired:
            raise _too_slow(limits) from None
        raise network_failure(url, error, limits) from None
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise BadResponse(
            f"The answer from {_host(url)} is not valid JSON. Check TRAYSCORE_API_URL or the proxy."
        ) from None


def get_json_authorized(
    session: requests.Session,
    url: str,
    tokens: TokenSource,
    problem: ApiProblem,
    *,
    limits: HttpLimits,
    clock: Clock = utc_now,
) -> object:
    """Like :func:`get_json`; a 401 forces one token refresh and one retry where that can help."""
    try:
        return get_json(session, url, tokens.token(), problem, limits=limits, clock=clock)
    except SignInRequired:
        if not tokens.can_refresh:
            raise
    fresh = tokens.token(force_refresh=True)
    return get_json(session, url, fresh, problem, limits=limits, clock=clock)
