"""Scripted answers: every failure a client must survive, as the real services would send it.

Error bodies carry what Microsoft's carry (Defender's correlation id in ``target``, Graph's
request id in ``innerError``), Graph's partial answers carry its ``Warning`` header, and the
``retired`` faults answer the Defender paths as Microsoft retiring the API would (HTTP 410 or
a 404 that says so, MC1220762) while Graph keeps working. ``trayscore simulate --fail`` and the
tests name these by their keys in :data:`FAULTS`.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Final

from trayscore.simulator.bodies import DEFENDER_PREFIX, GRAPH_PREFIX, score_body


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


def error_body(code: str, message: str) -> bytes:
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


FAULTS: Final[dict[str, Answer]] = {
    "unauthorized": Answer(401, error_body("Unauthorized", "Invalid Authorization token")),
    "forbidden": Answer(403, error_body("Forbidden", "Missing application roles.")),
    "not-found": Answer(404, error_body("ResourceNotFound", "Resource not found")),
    "gone": Answer(410, error_body("Gone", "This API has been retired")),
    "throttled": Answer(
        429, error_body("TooManyRequests", "Too many requests"), (("Retry-After", "42"),)
    ),
    "throttled-date": Answer(429, error_body("TooManyRequests", "Too many requests")),
    "server-error": Answer(500, error_body("InternalServerError", "Internal error")),
    "unavailable": Answer(503, error_body("ServiceUnavailable", "Try again later")),
    "unavailable-retry": Answer(
        503, error_body("ServiceUnavailable", "Try again later"), (("Retry-After", "120"),)
    ),
    "disabled-feature": Answer(403, error_body("DisabledFeature", "Tenant feature isn't enabled.")),
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
    "truncated": Answer(200, score_body(33.5), cut_short=True),
    "wrong-type": Answer(200, score_body("33.5")),
    "missing-field": Answer(200, b'{"time": "2019-12-03T07:23:53.280499Z"}'),
    "nan": Answer(200, b'{"time": "2019-12-03T07:23:53.280499Z", "score": NaN}'),
    "out-of-range": Answer(200, score_body(133.5)),
    "bad-time": Answer(200, b'{"time": "yesterday", "score": 33.5}'),
    "oversized": Answer(200, b'{"score": 33.5, "pad": "' + b"x" * (2 * 1024 * 1024) + b'"}'),
    "hang": Answer(200, hold=True),
    # Microsoft retiring the Defender API (MC1220762): Defender paths only, Graph still answers.
    "retired": Answer(
        410,
        error_body("Gone", "The Microsoft Defender for Endpoint API has been retired."),
        only_under=DEFENDER_PREFIX,
    ),
    "retired-404": Answer(
        404,
        error_body("ApiRetired", "This API was retired on 2027-02-01 (MC1220762)."),
        only_under=DEFENDER_PREFIX,
    ),
}
