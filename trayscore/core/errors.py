"""Errors as values the user can act on.

Every failure a source or the settings can meet is one of these types. Each carries a one-line
message that says what happened and what to do, and the CLI exit code for its class, so the CLI,
the tray and the notifications all tell the same story. Messages never contain a token.

Every exit code the command line can return is a member of one of the enums below (after
httpie's ``status.py``): the error classes, the commands and the ``--help`` epilog all read them
from here, so a code cannot be documented as one thing and returned for another.
"""

from __future__ import annotations

from enum import IntEnum, unique
from typing import ClassVar, Self


class _DescribedExit(IntEnum):
    """An exit code with the words ``trayscore --help`` lists it with ("" when not listed)."""

    description: str

    def __new__(cls, code: int, description: str = "") -> Self:
        member = int.__new__(cls, code)
        member._value_ = code
        member.description = description
        return member

    @classmethod
    def listed(cls) -> str:
        """``"0 ok, 1 internal error, ..."``: the members with a description, in order."""
        return ", ".join(
            f"{member.value} {member.description}" for member in cls if member.description
        )


@unique
class ExitStatus(_DescribedExit):
    """What the command line returns: one code per kind of failure, documented in ``--help``."""

    OK = 0, "ok"
    INTERNAL_ERROR = 1, "internal error"
    USAGE = 2, "usage"  # argparse's own code for a bad command line
    SETTINGS = 3, "settings"
    SIGN_IN_NEEDED = 4, "sign-in needed"
    PERMISSION = 5, "permission missing"
    NOT_FOUND = 6, "wrong host or API not found"
    THROTTLED = 7, "throttled"
    UNAVAILABLE = 8, "service unavailable"
    UNREACHABLE = 9, "unreachable"
    TLS = 10, "TLS failure"
    BAD_RESPONSE = 11, "bad response"
    NO_DISPLAY = 12, "no graphical session"
    API_RETIRED = 13, "Defender API retired (use source secure-score)"
    INSTANCE_UNAVAILABLE = 14, "the tray's single-instance address cannot be claimed"
    INTERRUPTED = 130  # Ctrl+C: the shells' 128 + SIGINT, not listed


@unique
class CheckExit(_DescribedExit):
    """``score --check``: the monitoring-plugin codes (Nagios, Icinga, Zabbix read them)."""

    OK = 0, "low"
    WARNING = 1, "medium"
    CRITICAL = 2, "high"
    UNKNOWN = 3, "unknown"


@unique
class DoctorExit(_DescribedExit):
    """``doctor``: whether a blocking check failed (the others only inform)."""

    PASSED = 0, "no blocking check failed"
    FAILED = 1, "settings, keyring or API host failed"


def exit_codes_help() -> str:
    """The ``--help`` epilog: every listed code of the three tables."""
    return (
        f"exit codes: {ExitStatus.listed()}; doctor: {DoctorExit.listed()}; "
        f"score --check: {CheckExit.listed()}"
    )


class TrayscoreError(Exception):
    """Base of every expected failure; ``str(error)`` is the one-line message for the user."""

    # A failure with no code of its own exits 1, as an unexpected one does.
    exit_code: ClassVar[ExitStatus] = ExitStatus.INTERNAL_ERROR
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

    exit_code = ExitStatus.SETTINGS
    kind = "config"


class NotSetUp(ConfigError):
    """No app registration (tenant and client ID) and no token: the first thing to do is setup.

    One type for every command, so "not set up" is one exit code (settings) wherever it is met,
    and the tray can tell it from a sign-in that is merely needed.
    """


class TenantChoice(TrayscoreError):
    """The command needs one tenant and the settings list several (or none by that name).

    A command-line mistake, so argparse's code: naming the tenant is the fix.
    """

    exit_code = ExitStatus.USAGE
    kind = "usage"


class SignInRequired(TrayscoreError):
    """No usable token: the user has to sign in (again)."""

    exit_code = ExitStatus.SIGN_IN_NEEDED
    kind = "sign-in-required"


class NotSignedIn(SignInRequired):
    """No account at all (as opposed to one whose sign-in expired); apps word the fix their way."""


class PermissionMissing(TrayscoreError):
    """Signed in, but the account or app lacks the permission or role to read the score."""

    exit_code = ExitStatus.PERMISSION
    kind = "permission-missing"


class FeatureDisabled(PermissionMissing):
    """Defender's 403 ``DisabledFeature``: the tenant lacks the feature or its licence.

    No permission or role fixes it, so it is told apart from a missing permission; it keeps
    the permission's exit code because monitoring treats both as "access refused".
    """

    kind = "feature-disabled"


class SourceRetired(TrayscoreError):
    """The endpoint does not exist: a wrong host, or an API Microsoft has retired."""

    exit_code = ExitStatus.NOT_FOUND
    kind = "not-found"


class ApiRetired(SourceRetired):
    """Microsoft has retired this API (MC1220762): switching source is the fix, not retrying.

    A ``SourceRetired`` too, so code that handles a missing endpoint still handles this one.
    """

    exit_code = ExitStatus.API_RETIRED
    kind = "api-retired"


class Throttled(TrayscoreError):
    """Too many requests; ``retry_after`` is how many seconds the service asked us to wait."""

    exit_code = ExitStatus.THROTTLED
    kind = "throttled"

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServiceUnavailable(TrayscoreError):
    """The service answered with a server error; trying again later is the fix.

    A 503 may carry Retry-After (Microsoft Graph documents it), kept in ``retry_after``.
    """

    exit_code = ExitStatus.UNAVAILABLE
    kind = "service-unavailable"

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Offline(TrayscoreError):
    """The service could not be reached: no network, DNS failure, refused or timed out."""

    exit_code = ExitStatus.UNREACHABLE
    kind = "unreachable"


class TlsFailure(TrayscoreError):
    """The TLS handshake or certificate check failed (often a TLS-inspecting proxy)."""

    exit_code = ExitStatus.TLS
    kind = "tls"


class BadResponse(TrayscoreError):
    """The service answered, but not with a score trayscore can trust."""

    exit_code = ExitStatus.BAD_RESPONSE
    kind = "bad-response"


class NoDisplay(TrayscoreError):
    """There is no screen to put a tray icon on."""

    exit_code = ExitStatus.NO_DISPLAY
    kind = "no-display"


class InstanceUnavailable(TrayscoreError):
    """The single-instance name cannot be claimed, so trayscore does not start; says why."""

    exit_code = ExitStatus.INSTANCE_UNAVAILABLE
    kind = "instance-unavailable"
