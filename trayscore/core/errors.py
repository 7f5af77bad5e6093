"""Errors as values the user can act on.

Every failure a source or the settings can meet is one of these types. Each carries a one-line
message that says what happened and what to do, and the CLI exit code for its class, so the CLI,
the tray and the notifications all tell the same story. Messages never contain a token.
"""

from __future__ import annotations

from typing import ClassVar


class TrayscoreError(Exception):
    """Base of every expected failure; ``str(error)`` is the one-line message for the user."""

    exit_code: ClassVar[int] = 1
    kind: ClassVar[str] = "error"
    retry_after: float | None = None  # seconds the service asked us to wait, when it said

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        """The one-line message (whitespace folded, so it is always one line)."""
        return str(self)


class ConfigError(TrayscoreError):
    """A setting or environment variable has a value trayscore cannot use."""

    exit_code = 3
    kind = "config"


class SignInRequired(TrayscoreError):
    """No usable token: the user has to sign in (again)."""

    exit_code = 4
    kind = "sign-in-required"


class NotSignedIn(SignInRequired):
    """No account at all (as opposed to one whose sign-in expired); apps word the fix their way."""


class PermissionMissing(TrayscoreError):
    """Signed in, but the account or app lacks the permission or role to read the score."""

    exit_code = 5
    kind = "permission-missing"


class FeatureDisabled(PermissionMissing):
    """Defender's 403 ``DisabledFeature``: the tenant lacks the feature or its licence.

    No permission or role fixes it, so it is told apart from a missing permission; it keeps
    the permission's exit code because monitoring treats both as "access refused".
    """

    kind = "feature-disabled"


class SourceRetired(TrayscoreError):
    """The endpoint does not exist: a wrong host, or an API Microsoft has retired."""

    exit_code = 6
    kind = "not-found"


class ApiRetired(SourceRetired):
    """Microsoft has retired this API (MC1220762): switching source is the fix, not retrying.

    A ``SourceRetired`` too, so code that handles a missing endpoint still handles this one.
    """

    exit_code = 13
    kind = "api-retired"


class Throttled(TrayscoreError):
    """Too many requests; ``retry_after`` is how many seconds the service asked us to wait."""

    exit_code = 7
    kind = "throttled"

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServiceUnavailable(TrayscoreError):
    """The service answered with a server error; trying again later is the fix.

    A 503 may carry Retry-After (Microsoft Graph documents it), kept in ``retry_after``.
    """

    exit_code = 8
    kind = "service-unavailable"

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Offline(TrayscoreError):
    """The service could not be reached: no network, DNS failure, refused or timed out."""

    exit_code = 9
    kind = "unreachable"


class TlsFailure(TrayscoreError):
    """The TLS handshake or certificate check failed (often a TLS-inspecting proxy)."""

    exit_code = 10
    kind = "tls"


class BadResponse(TrayscoreError):
    """The service answered, but not with a score trayscore can trust."""

    exit_code = 11
    kind = "bad-response"
