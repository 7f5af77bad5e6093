"""The log filter's patterns added for issue 17, finding 8: one test per gap the audit found."""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qs, quote, urlencode

import pytest
from trayscore.system.logs import REDACTED, RedactingFilter, redact

# The shape of an Entra refresh token: opaque, "1.A" (or "0.A") then base64url parts and dots.
ENTRA_RT = (
    "1.AXoAv4j5cvGGr0GRqy180BHbR_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_AA"
    ".AgABAAEAAAD--DLA3VO7QrddgJg7WevrAgDs_wUA9P-abcDEF0123456789"
)


@pytest.mark.parametrize(
    "text",
    [
        f"cache holds {ENTRA_RT} for the account",
        f"token={ENTRA_RT.replace('1.', '0.', 1)}; next",
        f"('{ENTRA_RT}',)",
    ],
)
def test_an_opaque_entra_refresh_token_is_redacted_next_to_no_key(text: str) -> None:
    """Microsoft identity platform, "Refresh tokens": opaque to the client, no JWT shape."""
    out = redact(text)
    assert ENTRA_RT[:12] not in out
    assert "AgABAAEAAAD" not in out
    assert REDACTED in out


def test_version_numbers_and_short_words_are_not_mistaken_for_refresh_tokens() -> None:
    text = "msal 1.39.0, requests 2.32.4, option 1.A and 0.Alpha"
    assert redact(text) == text


def test_msals_cache_secret_key_is_redacted() -> None:
    """msal's token cache (its serialize()) keeps every token under a "secret" key."""
    cache = {
        "AccessToken": {"k1": {"credential_type": "AccessToken", "secret": "at-opaque-value"}},
        "RefreshToken": {"k2": {"credential_type": "RefreshToken", "secret": "rt-opaque-value"}},
    }
    for text in (json.dumps(cache), repr(cache)):
        out = redact(text)
        assert "opaque-value" not in out
        assert "RefreshToken" in out  # the structure stays readable


def test_secret_equals_is_redacted_but_not_inside_longer_names() -> None:
    out = redact("secret=s3cr3t-value&client_secret=other-value&not_a_secret_id=keep")
    assert "s3cr3t-value" not in out
    assert "other-value" not in out
    assert "not_a_secret_id=keep" in out


def test_byte_string_keys_and_values_are_redacted() -> None:
    # GIVEN a form body as bytes, parsed as libraries do, and a bytes dict
    body = urlencode({"grant_type": "refresh_token", "refresh_token": "rt-bytes-value"}).encode()
    for text in (repr(parse_qs(body)), repr({b"code": b"code-bytes-value"})):
        out = redact(text)
        # THEN no value survives, and the keys still tell what was there
        assert "bytes-value" not in out, out
        assert f"b'{REDACTED}'" in out


@pytest.mark.parametrize("times", [1, 2])
def test_percent_encoded_codes_and_tokens_are_redacted(times: int) -> None:
    """RFC 3986 §2.1: a query inside a URL parameter is percent-encoded, once or twice."""
    inner = "?state=s1&code=code-secret-value&session_state=x"
    for _ in range(times):
        inner = quote(inner, safe="")
    out = redact(f"GET /continue?next=https://app.example/cb{inner} HTTP/1.1")
    assert "code-secret-value" not in out
    assert "state" in out  # only the secret goes


def test_a_url_with_a_user_and_password_keeps_only_its_host() -> None:
    """RFC 3986 §3.2.1: "user:password" in the userinfo is deprecated and must not be shown."""
    out = redact("via proxy http://alice:pa55w0rd@proxy.example:3128/ and https://api.example/x")
    assert "pa55w0rd" not in out
    assert "alice" not in out
    assert f"http://{REDACTED}@proxy.example:3128/" in out
    assert "https://api.example/x" in out


def test_the_filter_applies_every_new_pattern_to_a_record() -> None:
    # GIVEN one record with each gap, passed as arguments
    record = logging.LogRecord(
        "msal",
        logging.DEBUG,
        __file__,
        1,
        "%s %s %s",
        (ENTRA_RT, {"secret": "x-secret"}, b"secret=y"),
        None,
    )
    # WHEN the filter runs  THEN none of the values is left
    assert RedactingFilter().filter(record)
    message = record.getMessage()
    assert ENTRA_RT[:12] not in message
    assert "x-secret" not in message
    assert "secret=y" not in message
