"""Where settings values come from: the user's file, administrators' files, the environment.

Each reader returns checked values keyed by the schema's names (:mod:`trayscore.settings.schema`);
:func:`trayscore.settings.model.load_settings` decides which wins. A hostile file (huge, deep,
a FIFO, not UTF-8, or an administrator's file an ordinary user could have written) is a settings
problem or a warning, never a hang or a crash.
"""

from __future__ import annotations

import os
import stat
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO, Final, NamedTuple

from trayscore.core.errors import ConfigError
from trayscore.settings.checks import Validator
from trayscore.settings.registry import POLICY_CHECKS, Policy
from trayscore.settings.schema import (
    ENV_OVERRIDES,
    FILE_KEYS,
    LOCKED,
    fold_aliases,
    locked_keys,
)
from trayscore.system.private_files import admin_file_problem, read_capped

SETTINGS_MAX_BYTES: Final = 1024 * 1024  # a real settings file is well under a kilobyte
SETTINGS_MAX_DEPTH: Final = 8  # a table of values is depth 2; deeper is no file of ours
# Who must own an administrator's file: root (Windows has no such owner; its files and the
# HKLM policy are protected by the system's ACLs instead).
ADMIN_OWNER: Final = None if sys.platform == "win32" else 0
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)  # a planted FIFO must not hang the open
_OPEN_FLAGS: Final = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | _NONBLOCK


class Problems:
    """Where bad values go: raised at once (strict), or kept and the value skipped (lenient)."""

    def __init__(self, sink: list[str] | None) -> None:
        self._sink = sink

    def __call__(self, error: ConfigError) -> None:
        """Raise ``error`` when strict, else note its message and carry on."""
        if self._sink is None:
            raise error
        self._sink.append(error.message)


def _too_deep(document: object) -> bool:
    """True when values nest deeper than any settings file needs (checked without recursion)."""
    stack: list[tuple[object, int]] = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > SETTINGS_MAX_DEPTH:
            return True
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return False


def _parse_file(path: Path, data: bytes, problem: Problems) -> dict[str, object]:
    """The TOML document in ``data``; a hostile file (deep, huge, not UTF-8) is a settings problem.

    Nesting is refused here, so no validator ever recurses through a hostile value.
    """
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        problem(ConfigError(f"settings file {path} is not valid TOML: {error}."))
    except UnicodeDecodeError as error:
        problem(ConfigError(f"settings file {path} cannot be read: {error}."))
    except RecursionError:
        problem(ConfigError(f"settings file {path} is nested too deeply to be settings."))
    except MemoryError:
        problem(ConfigError(f"settings file {path} is too large to read."))
    else:
        if not _too_deep(document):
            return document
        problem(ConfigError(f"settings file {path} is nested too deeply to be settings."))
    return {}


def _untrusted(path: Path, info: os.stat_result, owner: int | None) -> str | None:
    """Why an administrator's file must be ignored (see ``admin_file_problem``), or None."""
    if owner is None:
        return None
    try:
        why = admin_file_problem(info, path.parent.stat(), owner)
    except OSError as error:
        why = f"its folder cannot be checked ({error.strerror or error})"
    if why is None:
        return None
    return (
        f"administrator's settings file {path} ignored: {why}. An administrator's file must "
        "belong to root, and only root may change it and its folder."
    )


def _contents(fd: int, handle: BinaryIO) -> tuple[bytes | None, str]:
    """The bytes of an open settings file, or None and what is wrong (after "settings file X")."""
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        return None, "is not a regular file"
    try:
        # Undo the open's non-blocking mode. Windows opens blocking (it has no O_NONBLOCK), and
        # its set_blocking (Python 3.12+) works on pipes only: on a file, "Invalid function".
        if _NONBLOCK:
            os.set_blocking(fd, True)
        data = read_capped(handle, SETTINGS_MAX_BYTES)
    except OSError as error:
        return None, f"cannot be read: {error.strerror or error}"
    if data is None:
        return None, f"is larger than {SETTINGS_MAX_BYTES // (1024 * 1024)} MiB; not read"
    return data, ""


def read_file(
    path: Path,
    problem: Problems,
    *,
    admin_owner: int | None = None,
    refused: list[str] | None = None,
) -> dict[str, object] | None:
    """The file's values; None when there is no file (or an administrator's file is refused).

    At most ``SETTINGS_MAX_BYTES`` are read. With ``refused`` given, the file is an
    administrator's: it counts only when :func:`admin_file_problem` finds nothing wrong
    (owner ``admin_owner``; None checks nobody, as on Windows), else why goes to ``refused``.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as error:
        problem(ConfigError(f"settings file {path} cannot be read: {error.strerror or error}."))
        return {}
    with os.fdopen(fd, "rb") as handle:
        why = _untrusted(path, os.fstat(fd), admin_owner) if refused is not None else None
        if why is not None and refused is not None:
            refused.append(why)
            return None
        data, wrong = _contents(fd, handle)
    if data is None:
        problem(ConfigError(f"settings file {path} {wrong}."))
        return {}
    return _parse_file(path, data, problem)


class Source(NamedTuple):
    """An administrator's settings: where they were read, the values, and the checks for them."""

    where: object
    values: Mapping[str, object]
    checks: Mapping[str, Validator] = FILE_KEYS


def validated(
    raw: Mapping[str, object],
    path: object,
    warnings: list[str],
    problem: Problems,
    checks: Mapping[str, Validator] = FILE_KEYS,
) -> dict[str, object]:
    """Each known key's value checked; unknown keys are warnings, older spellings folded in."""
    values: dict[str, object] = {}
    for key, value in raw.items():
        validator = checks.get(key)
        if validator is None:
            known = ", ".join(checks)
            warnings.append(f"{path}: unknown setting {key!r} ignored (known: {known}).")
            continue
        try:
            values[key] = validator(value, f"setting {key!r} in {path}")
        except ConfigError as error:
            problem(error)
    return fold_aliases(values)


def administered(
    admin: list[Source], warnings: list[str], problem: Problems
) -> tuple[dict[str, object], frozenset[str]]:
    """The administrator's values (file, then policy) and the keys they lock."""
    values: dict[str, object] = {}
    locked: frozenset[str] = frozenset()
    for where, raw, checks in admin:
        system = dict(raw)
        if LOCKED in system:
            try:
                locked |= locked_keys(system.pop(LOCKED), f"setting {LOCKED!r} in {where}")
            except ConfigError as error:
                problem(error)
        values.update(validated(system, where, warnings, problem, checks))
    return values, locked


def policy_source(policy: tuple[str, Mapping[str, object]] | Policy, warnings: list[str]) -> Source:
    """The policy as an administrator's source; its own warnings join the settings' ones.

    Its values go through the policy's checks, which name a tenant's own subkey.
    """
    if isinstance(policy, Policy):
        warnings.extend(policy.warnings)  # e.g. an unknown value name: said, not dropped
        return Source(policy.where, policy.values, POLICY_CHECKS)
    where, values = policy
    return Source(where, values, POLICY_CHECKS)


def from_environment(
    environ: Mapping[str, str],
    locked: frozenset[str],
    by: str,
    warnings: list[str],
    problem: Problems,
) -> dict[str, object]:
    """The environment's overrides for this session, except keys an administrator locked."""
    values: dict[str, object] = {}
    for variable, key in ENV_OVERRIDES.items():
        if environ.get(variable):
            if key in locked:
                warnings.append(
                    f"{variable} is ignored: {key!r} is set by your administrator in {by}."
                )
                continue
            try:
                values[key] = FILE_KEYS[key](environ[variable], variable)
            except ConfigError as error:
                problem(error)
    return values
