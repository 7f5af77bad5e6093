"""Every exit code comes from the one table in trayscore.core.errors, and each means one thing."""

from __future__ import annotations

import importlib
import itertools
import pkgutil

import pytest
import trayscore
from trayscore.auth.service import BrowserUnavailable
from trayscore.cli.parser import build_parser
from trayscore.core.errors import (
    CheckExit,
    DoctorExit,
    ExitStatus,
    SignInRequired,
    TenantChoice,
    TrayscoreError,
    exit_codes_help,
)

# Packages that load Qt when imported: the unit tier never imports them (and defines no errors
# there); __main__ would run the command line.
QT_PACKAGES = ("trayscore.ui", "trayscore.app")
NOT_IMPORTED = ("trayscore.__main__",)

# Two conditions (and their subclasses) may share a code only when the fix is the same.
SHARED_ON_PURPOSE: list[tuple[type[TrayscoreError], type[TrayscoreError]]] = [
    # No browser opens here: signing in (with a device code) is the fix, as for SignInRequired.
    (BrowserUnavailable, SignInRequired),
]

# The text `trayscore --help` printed before the table existed (tests/golden holds it too).
RECORDED_EPILOG = (
    "exit codes: 0 ok, 1 internal error, 2 usage, 3 settings, 4 sign-in needed, "
    "5 permission missing, 6 wrong host or API not found, 7 throttled, "
    "8 service unavailable, 9 unreachable, 10 TLS failure, 11 bad response, "
    "12 no graphical session, 13 Defender API retired (use source secure-score), "
    "14 the tray's single-instance address cannot be claimed; "
    "doctor: 0 no blocking check failed, 1 settings, keyring or API host failed; "
    "score --check: 0 low, 1 medium, 2 high, 3 unknown"
)


def _every_error_class() -> list[type[TrayscoreError]]:
    """Every TrayscoreError subclass the Qt-free modules define (they are all imported)."""
    for module in pkgutil.walk_packages(trayscore.__path__, "trayscore."):
        if module.name.startswith(QT_PACKAGES) or module.name in NOT_IMPORTED:
            continue
        importlib.import_module(module.name)
    found: list[type[TrayscoreError]] = []
    waiting: list[type[TrayscoreError]] = [TrayscoreError]
    while waiting:
        cls = waiting.pop()
        found.append(cls)
        waiting.extend(cls.__subclasses__())
    return found


ERRORS = _every_error_class()


def _owner(error: type[TrayscoreError]) -> type[TrayscoreError]:
    """The class that gave ``error`` its code: the condition it stands for."""
    return next(cls for cls in error.__mro__ if "exit_code" in vars(cls))


@pytest.mark.parametrize("error", ERRORS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_error_class_exits_with_a_member_of_the_table(error: type[TrayscoreError]) -> None:
    # GIVEN an error class anywhere in trayscore  THEN its exit code is an ExitStatus member
    assert isinstance(error.exit_code, ExitStatus)
    # AND it is a failure: neither success nor the shells' Ctrl+C code
    assert error.exit_code not in {ExitStatus.OK, ExitStatus.INTERRUPTED}
    # AND argparse's "usage" only for the same condition: a command line that names no tenant
    # of several, or one that does not exist (issue 21), is a bad command line too
    assert (error.exit_code is ExitStatus.USAGE) == (error is TenantChoice)


def test_each_specific_code_belongs_to_one_condition() -> None:
    # GIVEN the classes that set an exit code of their own, other than the generic 1
    owners = {_owner(error) for error in ERRORS}
    specific = [owner for owner in owners if owner.exit_code is not ExitStatus.INTERNAL_ERROR]
    # WHEN their codes are compared (a subclass that keeps its parent's code is that condition)
    shared_on_purpose = {frozenset(pair) for pair in SHARED_ON_PURPOSE}
    clashes = [
        (first.__name__, second.__name__)
        for first, second in itertools.combinations(specific, 2)
        if first.exit_code == second.exit_code
        and frozenset({first, second}) not in shared_on_purpose
    ]
    # THEN no two conditions share a code, but for the pairs that share on purpose
    assert clashes == []


def test_every_code_from_settings_to_instance_has_an_error_class() -> None:
    # GIVEN the failure codes the errors stand for (1 and 130 are not errors' own; 2 is
    # argparse's, shared by the one error that is a bad command line too)
    own = set(ExitStatus) - {ExitStatus.OK, ExitStatus.INTERNAL_ERROR, ExitStatus.INTERRUPTED}
    # THEN every one of them is some error class's code
    assert own == {error.exit_code for error in ERRORS} - {ExitStatus.INTERNAL_ERROR}


def test_the_help_epilog_is_the_table_and_the_recorded_text() -> None:
    # GIVEN the command line's help  WHEN its epilog is read
    epilog = build_parser().epilog
    # THEN it is generated from the three tables, and reads as it always did
    assert epilog == exit_codes_help() == RECORDED_EPILOG
    for table in (ExitStatus, DoctorExit, CheckExit):
        for member in table:
            assert (f"{member.value} {member.description}" in epilog) == bool(member.description)


def test_the_tables_hold_the_documented_codes() -> None:
    # GIVEN the tables  THEN the codes are the ones scripts and monitoring already rely on
    assert [(member.name, member.value) for member in ExitStatus] == [
        ("OK", 0),
        ("INTERNAL_ERROR", 1),
        ("USAGE", 2),
        ("SETTINGS", 3),
        ("SIGN_IN_NEEDED", 4),
        ("PERMISSION", 5),
        ("NOT_FOUND", 6),
        ("THROTTLED", 7),
        ("UNAVAILABLE", 8),
        ("UNREACHABLE", 9),
        ("TLS", 10),
        ("BAD_RESPONSE", 11),
        ("NO_DISPLAY", 12),
        ("API_RETIRED", 13),
        ("INSTANCE_UNAVAILABLE", 14),
        ("INTERRUPTED", 130),
    ]
    assert [int(member) for member in CheckExit] == [0, 1, 2, 3]
    assert [int(member) for member in DoctorExit] == [0, 1]
