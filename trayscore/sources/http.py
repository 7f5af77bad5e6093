"""One careful GET shared by every source: timeouts, a body cap, and errors mapped to types.

Every way a request can go wrong ends here as a ``TrayscoreError`` with a
message that says what to do. Redirects are not followed (a redirect would carry the bearer token
to a host we did not choose), and nothing from the request headers is ever put in a message.
The limits and the watchdog that enforces the total deadline are in
:mod:`trayscore.sources.limits`; what each failure means is in :mod:`trayscore.sources.failures`.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, NoReturn, Protocol
from urllib.parse import urlsplit

import requests
import urllib3

from trayscore import __version__
from trayscore.core.clouds import is_loopback_host
from trayscore.core.errors import ApiRetired, BadResponse, SignInRequired, TrayscoreError
from trayscore.core.retirement import is_retired, utc_day
from trayscore.sources.failures import (
    ApiProblem,
    host_of,
    network_failure,
    raise_for_status,
    too_slow,
)
from trayscore.sources.limits import HttpLimits, Watch, Watchdog, WatchedAdapter

USER_AGENT: Final = f"trayscore/{__version__} (+https://github.com/trayscore/trayscore)"
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


class ApiSession(requests.Session):
    """A session that never proxies loopback and carries the watchdog of total deadlines.

    Loopback (127.0.0.0/8, ::1, localhost) is this computer: an ``http_proxy`` is for leaving
    it, and a proxy that sees a loopback request would see its token too.
    """

    def __init__(self) -> None:
        super().__init__()
        self.watchdog = Watchdog()
        adapter = WatchedAdapter()
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
            raise too_slow(limits)
        chunks.append(chunk)
    return b"".join(chunks)


def _deadline(
    session: requests.Session, seconds: float
) -> contextlib.AbstractContextManager[Watch]:
    """The session's watchdog over the block; a plain requests.Session has none to offer."""
    if isinstance(session, ApiSession):
        return session.watchdog.deadline(seconds)
    return contextlib.nullcontext(Watch())


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
                raise too_slow(limits)
            raise_for_status(response, body, problem, clock())
    except TrayscoreError:
        raise
    except (
        requests.exceptions.ChunkedEncodingError,
        requests.exceptions.ContentDecodingError,
    ):
        if watch.fired:
            raise too_slow(limits) from None
        raise BadResponse(
            f"The answer from {host_of(url)} was cut off or garbled; trayscore will try again."
        ) from None
    except requests.RequestException as error:
        if watch.fired:
            raise too_slow(limits) from None
        raise network_failure(url, error, limits) from None
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise BadResponse(
            f"The answer from {host_of(url)} is not valid JSON. "
            "Check TRAYSCORE_API_URL or the proxy."
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
