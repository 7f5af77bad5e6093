"""One careful GET shared by every source: timeouts, a body cap, and errors mapped to types.

Every way a request can go wrong ends here as a ``TrayscoreError`` with a
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
from typing import Any, Final, NoReturn, Protocol
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from trayscore import __version__
from trayscore.core.clouds import is_loopback_host
from trayscore.core.errors import (
    ApiRetired,
    BadResponse,
    FeatureDisabled,
    Offline,
    PermissionMissing,
    ServiceUnavailable,
    SignInRequired,
    SourceRetired,
    Throttled,
    TlsFailure,
    TrayscoreError,
)
from trayscore.core.retirement import is_retired, utc_day
from trayscore.core.timeparse import parse_retry_after

USER_AGENT: Final = f"trayscore/{__version__} (+https://github.com/trayscore/trayscore)"
_SAFE_DETAIL_RE: Final = re.compile(r"[^A-Za-z0-9 ._:/@()\-]")
HTTP_OK: Final = 200
HTTP_PARTIAL: Final = 206
DISABLED_FEATURE: Final = "DisabledFeature"
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
    404 whose error body says retired: the typed :class:`~trayscore.core.errors.ApiRetired`.
    """

    service: str
    permission_hint: str
    retirement: str | None = None


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
    :class:`ApiSession` report their sockets to the requesting thread's current
    :class:`Watch`; a timer shuts them down at the deadline, which ends the blocked read at
    once. Stateless: one per session, no classes made per session (a session that dies must
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


class _WatchedAdapter(HTTPAdapter):
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


class ApiSession(requests.Session):
    """A session that never proxies loopback and carries the watchdog of total deadlines.

    Loopback (127.0.0.0/8, ::1, localhost) is this computer: an ``http_proxy`` is for leaving
    it, and a proxy that sees a loopback request would see its token too.
    """

    def __init__(self) -> None:
        super().__init__()
        self.watchdog = Watchdog()
        adapter = _WatchedAdapter()
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


def _error_object(body: bytes) -> dict[str, object]:
    """The ``error`` object of a Defender or Graph error body, or an empty dict."""
    try:
        error = json.loads(body.decode("utf-8"))["error"]
    except (ValueError, KeyError, TypeError, RecursionError):
        return {}
    return error if isinstance(error, dict) else {}


def _request_id(error: dict[str, object]) -> str:
    """Graph's ``innerError.request-id`` (the docs spell the key innerError and innererror)."""
    for key, inner in error.items():
        if key.lower() == "innererror" and isinstance(inner, dict):
            value = inner.get("request-id")
            if isinstance(value, str | int) and not isinstance(value, bool):
                return _clean(value, 60)
    return ""


def _error_detail(body: bytes) -> str:
    """The error body as ``code X, correlation id Y`` or ``request id Y`` (empty when none).

    Defender puts its correlation id in ``target`` ("Common Microsoft Defender for Endpoint API
    errors"); Graph puts ``request-id`` in ``innerError`` ("Microsoft Graph error responses and
    resource types"). Either is what an administrator quotes when opening a support ticket.
    """
    error = _error_object(body)
    parts = []
    if isinstance(error.get("code"), str) and error["code"]:
        parts.append(f"code {_clean(error['code'], 40)}")
    if isinstance(error.get("target"), str) and error["target"]:
        parts.append(f"correlation id {_clean(error['target'], 60)}")
    request_id = _request_id(error)
    if request_id:
        parts.append(f"request id {request_id}")
    return f"; {', '.join(parts)}" if parts else ""


def _error_code(body: bytes) -> str:
    code = _error_object(body).get("code")
    return code if isinstance(code, str) else ""


def _says_retired(body: bytes) -> bool:
    """True when an error body's code or message says the API was retired or deprecated."""
    error = _error_object(body)
    text = f"{error.get('code', '')} {error.get('message', '')}".lower()
    return any(word in text for word in _RETIRED_WORDS)


_WARNING_RE: Final = re.compile(r'199\s+\S+\s+"([^"]*)"')


@dataclass(frozen=True)
class ProviderFailure:
    """One entry of Graph's ``Warning: 199 - "{Vendor}/{Provider}/{Status}/{Latency}"``."""

    provider: str
    status: int


def provider_failures(header: str | None) -> list[ProviderFailure]:
    """The failed providers a Graph 206 answer names.

    "Microsoft Graph Security API error responses"; entries without that shape are skipped.
    """
    found = []
    for entry in _WARNING_RE.findall(header or ""):
        fields = entry.split("/")
        if len(fields) < 4 or not fields[-2].strip().isdigit():
            continue
        provider = _clean("/".join(fields[:-2]), 60) or "a provider"
        found.append(ProviderFailure(provider, int(fields[-2].strip())))
    return found


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


def _raise_for_partial(response: requests.Response, problem: ApiProblem, now: datetime) -> None:
    """Graph reports a data provider's failure as HTTP 206 with a Warning header.

    "Microsoft Graph Security API error responses": ``Warning: 199 - "{Vendor}/{Provider}/
    {StatusCode}/{LatencyInMs}"``, one entry per failed provider (403 not granted or not
    licensed, 504 timed out, 500 internal). The worst named failure is raised; a 206 without
    such an entry is read like a 200.
    """
    failures = provider_failures(response.headers.get("Warning"))
    if not failures:
        return
    by_status = {failure.status: failure for failure in failures}
    names = ", ".join(f"{failure.provider} {failure.status}" for failure in failures)
    said = f"HTTP 206 with provider failures: {names}"
    if HTTP_FORBIDDEN in by_status:
        raise PermissionMissing(
            f"{problem.service} denied access ({said}): {problem.permission_hint}"
        )
    if HTTP_TOO_MANY in by_status:
        retry_after = parse_retry_after(response.headers.get("Retry-After"), now)
        raise Throttled(
            f"{problem.service} is throttling requests ({said}); retry later.",
            retry_after=retry_after,
        )
    if any(status >= HTTP_SERVER_ERROR for status in by_status):
        raise ServiceUnavailable(
            f"{problem.service} could not answer ({said}); trayscore will try again later.",
            retry_after=parse_retry_after(response.headers.get("Retry-After"), now),
        )
    raise BadResponse(f"{problem.service} answered only in part ({said}); not a usable score.")


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
    if status == HTTP_PARTIAL:
        _raise_for_partial(response, problem, now)
        return
    if status == HTTP_UNAUTHORIZED:
        raise SignInRequired(
            f"{problem.service} refused the sign-in (HTTP 401: token expired or invalid"
            f"{detail}). Sign in again."
        )
    if status == HTTP_FORBIDDEN and _error_code(body) == DISABLED_FEATURE:
        raise FeatureDisabled(
            "Defender Vulnerability Management is not enabled or licensed for this tenant "
            f"(HTTP 403{detail}). No permission fixes this: ask your administrator about the "
            "licence, or choose Microsoft Secure Score as the source."
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
    retry_after = parse_retry_after(response.headers.get("Retry-After"), now)
    if status == HTTP_TOO_MANY:
        wait = f"retry in {retry_after:.0f} s" if retry_after is not None else "retry later"
        raise Throttled(
            f"{problem.service} is throttling requests (HTTP 429{detail}); {wait}.",
            retry_after=retry_after,
        )
    if status >= HTTP_SERVER_ERROR:
        wait = f"in {retry_after:.0f} s" if retry_after is not None else "later"
        raise ServiceUnavailable(
            f"{problem.service} is unavailable (HTTP {status}{detail}); "
            f"trayscore will try again {wait}.",
            retry_after=retry_after,
        )
    if status != HTTP_OK:
        raise BadResponse(
            f"{problem.service} answered HTTP {status}{detail}, not a score. "
            "Check TRAYSCORE_API_URL or the proxy."
        )


def _retired_by_date(problem: ApiProblem, error: TrayscoreError, now: datetime) -> None:
    """From the retirement day on, any failure of a retiring API is the retirement itself.

    MC1220762: the Defender for Endpoint API "will no longer function" after 2027-02-01, and
    nobody can say which status a switched-off API will answer (or whether its host still
    resolves). A 401, 403, 404, DNS, TLS or timeout failure then all mean the same thing.
    """
    if problem.retirement is None or isinstance(error, ApiRetired):
        return
    if is_retired(utc_day(now)):
        raise ApiRetired(f"{problem.retirement} (This request failed: {error.message})")


@contextlib.contextmanager
def retirement_applies(problem: ApiProblem, clock: Clock) -> Iterator[None]:
    """Around a retiring API's request and parsing: from its retirement day, failure is it.

    See :func:`_retired_by_date`.
    """
    try:
        yield
    except TrayscoreError as error:
        _retired_by_date(problem, error, clock())
        raise


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

    For an API with a retirement date, every failure from that day on is ``ApiRetired``.
    """
    with retirement_applies(problem, clock):
        return _get_json(session, url, token, problem, limits=limits, clock=clock)


def _get_json(
    session: requests.Session,
    url: str,
    token: str,
    problem: ApiProblem,
    *,
    limits: HttpLimits,
    clock: Clock,
) -> object:
    """One GET within ``limits.total_seconds``, slow headers included.

    The session's watchdog cuts the connection at the deadline (see :class:`Watchdog`).
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
