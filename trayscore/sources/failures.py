"""Every way an API request can fail, as a typed ``TrayscoreError`` with a message to act on.

HTTP status codes, Defender's and Graph's error bodies, Graph's partial (206) answers and the
network and TLS failures below HTTP all end here, so each source and sign-in phrase the same
failure the same way. Server-supplied text is cleaned to one safe line, and nothing from the
request headers (the bearer token) is ever put in a message. The GET itself lives in
:mod:`trayscore.sources.http`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Final
from urllib.parse import urlsplit

import requests

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
from trayscore.core.timeparse import parse_retry_after
from trayscore.sources.limits import HttpLimits

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


@dataclass(frozen=True)
class ApiProblem:
    """What one endpoint needs to phrase its errors.

    ``retirement``, for an API Microsoft has announced to retire, is the message for a 410, or a
    404 whose error body says retired: the typed :class:`~trayscore.core.errors.ApiRetired`.
    """

    service: str
    permission_hint: str
    retirement: str | None = None


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


def host_of(url: str) -> str:
    """The host (and port) a message names: never the path or query, which may carry ids."""
    return urlsplit(url).netloc


def network_failure(
    url: str, error: requests.RequestException, limits: HttpLimits
) -> TrayscoreError:
    """The typed error for a request that got no HTTP answer (shared with sign-in)."""
    host = host_of(url)
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


def too_slow(limits: HttpLimits) -> Offline:
    """The error for an answer that did not end within ``limits.total_seconds``."""
    return Offline(
        f"The answer took longer than {limits.total_seconds:g} s; trayscore will try again."
    )


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


def raise_for_status(
    response: requests.Response, body: bytes, problem: ApiProblem, now: datetime
) -> None:
    """Raise the typed error an answer's status (and error body) means; a 200 passes."""
    status = response.status_code
    detail = _error_detail(body)
    host = host_of(response.url)
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
