"""A loopback stand-in for the Defender API and Graph's Secure Score, for ``--demo`` and tests.

It speaks the same paths, error bodies and time stamps as the real services, requires a bearer
token, serves score series that are deterministic for a seed and cross bands, and can be
scripted to answer with every failure the client must survive, on every path. It binds to
loopback only.

Paths: ``/api/exposureScore``, ``/api/exposureScore/ByMachineGroups``,
``/api/configurationScore`` (points out of 1,000) and Graph's ``/v1.0/security/secureScores``
(daily snapshots newest first, ``$top`` and ``$skip`` honoured). The ``retired`` fault answers the
Defender paths as Microsoft retiring the API would (HTTP 410) while Graph keeps working.

Bodies have exactly the fields Microsoft's documented samples show, with their 6- and 7-digit
fractions of a second (tests/contract holds those samples): no ``rbacGroupId``, no maximum for
the device secure score. ``extra_fields=True`` adds the fields real tenants were seen to send
(an integer ``rbacGroupId``, Graph's ``@odata.context``).
"""

from __future__ import annotations

import json
import math
import random
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Final, Self
from urllib.parse import parse_qs, urlsplit

LOOPBACK: Final = "127.0.0.1"
ODATA_BASE: Final = "https://api.security.microsoft.com/api/$metadata"
HOLD_LIMIT_SECONDS: Final = 600.0
UA_HISTORY: Final = 100  # bounded: the demo runs for days
GROUP_NAMES: Final = ("Servers", "Workstations", "Finance laptops", "Build agents")
DEFENDER_PREFIX: Final = "/api/"
GRAPH_PREFIX: Final = "/v1.0/"
GRAPH_SECURE_SCORES: Final = "/v1.0/security/secureScores"
GRAPH_ODATA: Final = "https://graph.microsoft.com/v1.0/$metadata#security/secureScores"
GRAPH_DAYS_KEPT: Final = 90  # Graph holds 90 days of daily snapshots by default
SIMULATED_TENANT: Final = "9e1f3c2a-5b7d-4e8f-a1b2-c3d4e5f6a7b8"
CONTROLS: Final = (
    ("Identity", "MFARegistrationV2", 9.0),
    ("Device", "DefenderForEndpoint_AV", 8.0),
    ("Data", "DLPEnabled", 1.0),
)


@dataclass(frozen=True)
class Answer:
    """A scripted answer. ``body=None`` means the normal body for the path."""

    status: int = 200
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()
    delay_seconds: float = 0.0
    hold: bool = False
    cut_short: bool = False
    only_under: str | None = None  # the answer applies to paths under this prefix only

    def applies_to(self, path: str) -> bool:
        """Whether this answer replaces the normal one for ``path``."""
        return self.only_under is None or path.startswith(self.only_under)


def _error_body(code: str, message: str) -> bytes:
    """A Defender error: ``code``, ``message`` and the correlation id in ``target``."""
    error = {"code": code, "message": message, "target": str(uuid.UUID(int=0x5EED))}
    return json.dumps({"error": error}).encode()


def _graph_error_body(code: str, message: str) -> bytes:
    """A Microsoft Graph error: the request id sits in ``innerError``, there is no target."""
    inner = {"request-id": str(uuid.UUID(int=0x6EED)), "date": "2026-12-01T09:00:00"}
    return json.dumps({"error": {"code": code, "message": message, "innerError": inner}}).encode()


def _provider_warning(status: int, latency_ms: int) -> tuple[tuple[str, str], ...]:
    """Graph's 206 Warning for one failed provider.

    As "Microsoft Graph Security API error responses" shows it.
    """
    return (("Warning", f'199 - "Microsoft/SecureScore/{status}/{latency_ms}"'),)


def _score_body(score: object) -> bytes:
    return json.dumps(
        {
            "@odata.context": f"{ODATA_BASE}#ExposureScore/$entity",
            "time": "2019-12-03T07:23:53.2804990Z",
            "score": score,
        }
    ).encode()


FAULTS: Final[dict[str, Answer]] = {
    "unauthorized": Answer(401, _error_body("Unauthorized", "Invalid Authorization token")),
    "forbidden": Answer(403, _error_body("Forbidden", "Missing application roles.")),
    "not-found": Answer(404, _error_body("ResourceNotFound", "Resource not found")),
    "gone": Answer(410, _error_body("Gone", "This API has been retired")),
    "throttled": Answer(
        429, _error_body("TooManyRequests", "Too many requests"), (("Retry-After", "42"),)
    ),
    "throttled-date": Answer(429, _error_body("TooManyRequests", "Too many requests")),
    "server-error": Answer(500, _error_body("InternalServerError", "Internal error")),
    "unavailable": Answer(503, _error_body("ServiceUnavailable", "Try again later")),
    "unavailable-retry": Answer(
        503, _error_body("ServiceUnavailable", "Try again later"), (("Retry-After", "120"),)
    ),
    "disabled-feature": Answer(
        403, _error_body("DisabledFeature", "Tenant feature isn't enabled.")
    ),
    "graph-forbidden": Answer(
        403,
        _graph_error_body("Authorization_RequestDenied", "Insufficient privileges."),
        only_under=GRAPH_PREFIX,
    ),
    "partial-forbidden": Answer(
        206, b'{"value": []}', _provider_warning(403, 10), only_under=GRAPH_PREFIX
    ),
    "partial-throttled": Answer(
        206, b'{"value": []}', _provider_warning(429, 12), only_under=GRAPH_PREFIX
    ),
    "partial-timeout": Answer(
        206, b'{"value": []}', _provider_warning(504, 10000), only_under=GRAPH_PREFIX
    ),
    "redirect": Answer(302, b"", (("Location", "http://example.invalid/"),)),
    "not-json": Answer(200, b"<html><body>Sign in to your proxy</body></html>"),
    "truncated": Answer(200, _score_body(33.5), cut_short=True),
    "wrong-type": Answer(200, _score_body("33.5")),
    "missing-field": Answer(200, b'{"time": "2019-12-03T07:23:53.280499Z"}'),
    "nan": Answer(200, b'{"time": "2019-12-03T07:23:53.280499Z", "score": NaN}'),
    "out-of-range": Answer(200, _score_body(133.5)),
    "bad-time": Answer(200, b'{"time": "yesterday", "score": 33.5}'),
    "oversized": Answer(200, b'{"score": 33.5, "pad": "' + b"x" * (2 * 1024 * 1024) + b'"}'),
    "hang": Answer(200, hold=True),
    # Microsoft retiring the Defender API (MC1220762): Defender paths only, Graph still answers.
    "retired": Answer(
        410,
        _error_body("Gone", "The Microsoft Defender for Endpoint API has been retired."),
        only_under=DEFENDER_PREFIX,
    ),
    "retired-404": Answer(
        404,
        _error_body("ApiRetired", "This API was retired on 2027-02-01 (MC1220762)."),
        only_under=DEFENDER_PREFIX,
    ),
}


class ScoreSeries:
    """A deterministic, realistic-looking exposure score over time steps.

    A slow swing between about 18 and 82 (so every band is visited once a period of 10 to 16
    steps) with a little per-step noise; the same seed always gives the same series.
    """

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)  # noqa: S311 - a simulation, not cryptography
        self._seed = seed
        self._phase = rng.uniform(0.0, 2 * math.pi)
        self._period = rng.uniform(10.0, 16.0)

    def at(self, step: int, offset: float = 0.0) -> float:
        """The score at a step; ``offset`` shifts it for a related series (device groups)."""
        noise = random.Random(self._seed * 1_000_003 + step).uniform(-3.0, 3.0)  # noqa: S311
        swing = 32.0 * math.sin(self._phase + 2 * math.pi * step / self._period)
        return min(100.0, max(0.0, 50.0 + swing + noise + offset))


def api_time(moment: datetime, digits: int = 7) -> str:
    """A time stamp as the API writes it: UTC, six or seven fractional digits, ``Z``.

    The documented samples show both ("2019-12-03T07:23:53.280499Z" for the exposure score,
    "2019-12-03T09:15:58.1665846Z" for the device secure score).
    """
    text = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    return text + "0" * (digits - 6) + "Z"


@dataclass
class _State:
    series: ScoreSeries
    seed: int
    token: str | None
    accept: Callable[[str], bool] | None
    step_seconds: float
    extra_fields: bool
    graph_page_size: int | None
    monotonic: Callable[[], float]
    wall: Callable[[], datetime]
    started: float
    script: deque[Answer] = field(default_factory=deque)
    always: Answer | None = None
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    served: int = 0
    user_agents: deque[str] = field(default_factory=lambda: deque(maxlen=UA_HISTORY))

    def step(self) -> int:
        return int((self.monotonic() - self.started) / self.step_seconds)

    def next_answer(self, path: str) -> Answer | None:
        """The scripted answer for this request, if one applies to its path (else normal)."""
        with self.lock:
            self.served += 1
            if self.script:
                if self.script[0].applies_to(path):
                    return self.script.popleft()
                return None
            if self.always is not None and self.always.applies_to(path):
                return self.always
            return None


def _query_count(query: dict[str, list[str]], name: str, default: int) -> int:
    """An OData ``$top``/``$skip`` value; ValueError (HTTP 400) when it is not a count."""
    values = query.get(name)
    if not values:
        return default
    text = values[-1]
    if not text.isdigit():
        raise ValueError(f"Invalid value '{text[:20]}' for query option {name}")
    return int(text)


def secure_score_percent(series: ScoreSeries, day: int) -> float:
    """The simulated Secure Score on a day (an ordinal): a slow swing over the bands."""
    return 100.0 - series.at(day)


def _secure_scores_body(
    state: _State, now: datetime, query: dict[str, list[str]], here: str
) -> bytes:
    """Graph's answer: daily snapshots newest first, the same for a day whatever the paging.

    With ``graph_page_size`` set, a ``$top`` larger than a page is answered a page at a time
    with an ``@odata.nextLink`` (``here`` is the simulator's base URL) for the rest.
    """
    top = _query_count(query, "$top", GRAPH_DAYS_KEPT)
    skip = _query_count(query, "$skip", 0)
    rest = 0
    if state.graph_page_size is not None and top > state.graph_page_size:
        top, rest = state.graph_page_size, top - state.graph_page_size
    today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    maximum = 300.0 + 10.0 * (state.seed % 10)
    snapshots = []
    for index in range(skip, min(skip + top, GRAPH_DAYS_KEPT)):
        day = today - timedelta(days=index)
        percent = secure_score_percent(state.series, day.toordinal())
        current = round(maximum * percent / 100.0, 2)
        snapshots.append(
            {
                "id": f"{SIMULATED_TENANT}_{day.strftime('%Y-%m-%d')}",
                "azureTenantId": SIMULATED_TENANT,
                "activeUserCount": 250,
                "licensedUserCount": 300,
                "createdDateTime": day.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "currentScore": current,
                "maxScore": maximum,
                "enabledServices": ["HasExchange", "HasSharePoint", "HasMDEP"],
                "averageComparativeScores": [
                    {"basis": "AllTenants", "averageScore": round(maximum * 0.45, 2)},
                ],
                "controlScores": [
                    {
                        "controlCategory": category,
                        "controlName": name,
                        "description": f"Simulated control {name}.",
                        "score": round(points * percent / 100.0, 2),
                    }
                    for category, name, points in CONTROLS
                ],
                "vendorInformation": {
                    "provider": "SecureScore",
                    "providerVersion": None,
                    "subProvider": None,
                    "vendor": "Microsoft",
                },
            }
        )
    answer: dict[str, object] = {"value": snapshots}
    if state.extra_fields:
        answer = {"@odata.context": GRAPH_ODATA, **answer}
    if rest and skip + top < GRAPH_DAYS_KEPT:
        answer["@odata.nextLink"] = f"{here}{GRAPH_SECURE_SCORES}?$top={rest}&$skip={skip + top}"
    return json.dumps(answer).encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "trayscore-simulator"
    timeout = 60

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet: requests are not logged (they carry bearer tokens)."""

    def _send(self, status: int, body: bytes, headers: Iterable[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        names = set()
        for name, value in headers:
            self.send_header(name, value)
            names.add(name.lower())
        if "content-type" not in names:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        if "content-length" not in names:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _authorized(self, state: _State) -> bool:
        value = self.headers.get("Authorization", "")
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return False
        if state.accept is not None:
            return state.accept(token)
        return state.token is None or token == state.token

    def _normal_body(self, state: _State, target: str) -> bytes | None:
        parts = urlsplit(target)
        path = parts.path
        now = state.wall()
        step = state.step()
        if path == GRAPH_SECURE_SCORES:
            here = f"http://{self.headers.get('Host', LOOPBACK)}"
            return _secure_scores_body(state, now, parse_qs(parts.query), here)
        if path == "/api/exposureScore":
            return json.dumps(
                {
                    "@odata.context": f"{ODATA_BASE}#ExposureScore/$entity",
                    "time": api_time(now, 6),
                    "score": state.series.at(step),
                }
            ).encode()
        if path == "/api/exposureScore/ByMachineGroups":
            return self._groups_body(state, now, step)
        if path == "/api/configurationScore":
            return json.dumps(
                {
                    "@odata.context": f"{ODATA_BASE}#ConfigurationScore/$entity",
                    "time": api_time(now, 7),
                    "score": round(1000 - 10.0 * state.series.at(step)),  # points, no maximum
                }
            ).encode()
        return None

    @staticmethod
    def _groups_body(state: _State, now: datetime, step: int) -> bytes:
        """Every group as documented (time, score, rbacGroupName), 6- and 7-digit times."""
        groups: list[dict[str, object]] = []
        for index, name in enumerate(GROUP_NAMES):
            group: dict[str, object] = {
                "time": api_time(now, 6 + index % 2),
                "score": state.series.at(step, offset=12.0 * index - 15.0),
                "rbacGroupName": name,
            }
            if state.extra_fields:
                group["rbacGroupId"] = 1000 + index
            groups.append(group)
        return json.dumps(
            {"@odata.context": f"{ODATA_BASE}#ExposureScore", "value": groups}
        ).encode()

    def do_GET(self) -> None:
        """Serve one API request, or the scripted answer in its place."""
        state = self.server.state
        with state.lock:
            state.user_agents.append(self.headers.get("User-Agent", ""))
        answer = state.next_answer(self.path.split("?", 1)[0])
        if answer is None:
            self._serve_normal(state)
            return
        self._serve_scripted(state, answer)

    def _serve_normal(self, state: _State) -> None:
        path = self.path.split("?", 1)[0]
        if not self._authorized(state):
            self._send(401, _error_body("Unauthorized", "Invalid Authorization token"))
            return
        try:
            body = self._normal_body(state, self.path)
        except ValueError as error:
            self._send(400, _error_body("BadRequest", str(error)))
            return
        if body is None:
            self._send(404, _error_body("ResourceNotFound", f"No resource at {path}"))
            return
        self._send(200, body)

    def _serve_scripted(self, state: _State, answer: Answer) -> None:
        with state.lock:
            release = state.release
        if answer.hold:
            release.wait(HOLD_LIMIT_SECONDS)
        if answer.delay_seconds:
            release.wait(answer.delay_seconds)
        body = answer.body
        if body is None:
            try:
                body = self._normal_body(state, self.path) or b""
            except ValueError:
                body = b""
        headers = list(answer.headers)
        if answer.status == 429 and not any(n.lower() == "retry-after" for n, _ in headers):
            when = state.wall() + timedelta(seconds=90)
            headers.append(("Retry-After", format_datetime(when, usegmt=True)))
        if answer.cut_short:
            headers.append(("Content-Length", str(len(body) + 100)))
            headers.append(("Connection", "close"))
            self.close_connection = True
        self._send(answer.status, body, headers)

    def _refuse_method(self) -> None:
        self._send(405, _error_body("MethodNotAllowed", "Only GET is supported"))

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse_method  # noqa: N815


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], state: _State) -> None:
        super().__init__(address, _Handler)
        self.state = state

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up early (a timeout, a cap) is normal here, not worth a trace."""
        del request, client_address


class Simulator:
    """The Defender API on loopback; use as a context manager or call start()/stop().

    Any bearer token is accepted unless ``token`` names the one to accept, or ``accept`` decides
    (tests pass the fake identity platform's check, so expired tokens get a 401).
    ``extra_fields`` adds fields beyond the documented samples; ``graph_page_size`` makes
    Graph page by its own size with ``@odata.nextLink``.
    """

    def __init__(
        self,
        *,
        seed: int = 1,
        port: int = 0,
        token: str | None = None,
        accept: Callable[[str], bool] | None = None,
        step_seconds: float = 60.0,
        extra_fields: bool = False,
        graph_page_size: int | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._state = _State(
            series=ScoreSeries(seed),
            seed=seed,
            token=token,
            accept=accept,
            step_seconds=step_seconds,
            extra_fields=extra_fields,
            graph_page_size=graph_page_size,
            monotonic=monotonic,
            wall=wall,
            started=monotonic(),
        )
        self._server = _Server((LOOPBACK, port), self._state)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port it listens on (chosen by the OS when 0 was asked)."""
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The base URL to give a source, e.g. ``http://127.0.0.1:54321``."""
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def requests_served(self) -> int:
        """How many requests arrived so far."""
        return self._state.served

    @property
    def user_agents(self) -> list[str]:
        """The User-Agent of the last 100 requests (never the Authorization header)."""
        with self._state.lock:
            return list(self._state.user_agents)

    def script(self, *answers: Answer | str) -> None:
        """Answer the next requests with these, in order, then go back to normal."""
        with self._state.lock:
            self._state.script.extend(FAULTS[a] if isinstance(a, str) else a for a in answers)

    def fail_always(self, answer: Answer | str | None) -> None:
        """Answer every request with this until called again with None."""
        with self._state.lock:
            self._state.always = FAULTS[answer] if isinstance(answer, str) else answer

    def release_held(self) -> None:
        """Let the answers held so far go now; later ``hang`` answers hold again."""
        with self._state.lock:
            held, self._state.release = self._state.release, threading.Event()
        held.set()

    def start(self) -> Self:
        """Serve on a background thread."""
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="trayscore-simulator",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve on this thread until :meth:`stop` is called from another."""
        self._server.serve_forever()

    def stop(self) -> None:
        """Stop serving (when started with :meth:`start`), release anything held, close."""
        with self._state.lock:
            self._state.release.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
