"""Writing the settings file, and checking values typed into the settings dialog.

No Qt here: the dialog calls :func:`validate_fields` as the user types and the app calls
:func:`save_settings` when the user applies. The checks are the ones :mod:`trayscore.settings.model`
runs on load, so a value the dialog accepts is a value the next start-up accepts.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from trayscore.core.errors import ConfigError
from trayscore.settings.model import Settings, region_problem, same_account
from trayscore.settings.schema import (
    FILE_KEYS,  # the very validators load_settings runs, reused per key
    UNSET_WHEN_BLANK,
    WRITTEN_KEYS,
    WRITTEN_LISTS,
    WRITTEN_TABLES,
    fold_aliases,
)
from trayscore.system.private_files import open_private, private_dir, restrict_mode

HEADER: Final = (
    "# trayscore settings, written by the settings dialog.\n"
    "# Edit by hand if you like; the dialog rewrites the whole file and drops comments.\n"
)


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in {'"', "\\"}:
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_string(value)
    raise TypeError(f"cannot write {type(value).__name__} to the settings file")


def settings_to_toml(settings: Settings) -> str:
    """The settings as TOML that :func:`trayscore.settings.model.load_settings` reads back equal.

    Every user key is written, defaults included, so the file documents what is in effect;
    tenant and client ID only when set, the overrides (``api_url``, ``graph_url``, ``authority``,
    ``defender_resource``) only when set, after the others (the schema's ``Written`` column).
    Keys an administrator locked are left out: the user's file cannot change them anyway.
    Tables (``[notifications]``) come next, every key of them; the ``[[tenants]]`` list
    last, each entry's keys only when set (an unset one takes the top-level key's value).
    """
    lines = [HEADER]
    for key in WRITTEN_KEYS:
        value = getattr(settings, key)
        if value is not None and key not in settings.locked:
            lines.append(f"{key} = {_toml_value(value)}\n")
    for table in WRITTEN_TABLES:
        lines.append(f"\n[{table}]\n")
        values = getattr(settings, table)
        lines.extend(
            f"{item.name} = {_toml_value(getattr(values, item.name))}\n" for item in fields(values)
        )
    for name in WRITTEN_LISTS:
        if name in settings.locked:
            continue
        for entry in getattr(settings, name):
            lines.append(f"\n[[{name}]]\n")
            lines.extend(
                f"{item.name} = {_toml_value(getattr(entry, item.name))}\n"
                for item in fields(entry)
                if getattr(entry, item.name) is not None
            )
    return "".join(lines)


def for_file(settings: Settings, file_only: Settings) -> Settings:
    """What to write: values an environment variable set this session stay as the file had them.

    ``file_only`` is the settings loaded without the environment. An override such as
    TRAYSCORE_API_URL is for this session; saving from the dialog must not make it permanent.
    """
    kept = {key: getattr(file_only, key) for key in settings.from_environment}
    return replace(settings, **kept)


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings file atomically: a private temp file beside it, fsync, then replace.

    The whole file is rewritten: comments and keys this writer does not know are lost. The
    file is readable by its owner only (0600); the folder is made owner-only (0700), also when
    it exists. The temp file's random name is created exclusively, never through a link.
    """
    folder = private_dir(path.parent)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(settings_to_toml(settings))
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(0o600)
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX only)
        with contextlib.suppress(OSError):
            directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)


def validate_fields(values: Mapping[str, object]) -> tuple[Settings | None, dict[str, str]]:
    """Check each value with the validator ``load_settings`` uses for that key.

    ``values`` holds settings keys (``notifications`` as a dict of its keys); an empty or
    ``None`` value of a key whose default is "not set" (tenant, client ID, the URLs) means
    that. Returns the settings when every value is allowed, else ``None`` and one line per bad
    key naming what is allowed.
    """
    checked: dict[str, object] = {}
    errors: dict[str, str] = {}
    for key, value in values.items():
        validator = FILE_KEYS.get(key)
        if validator is None:
            errors[key] = f"{key!r} is not a known setting; allowed: {', '.join(FILE_KEYS)}."
            continue
        blank = value is None or (isinstance(value, str) and not value.strip())
        if blank and key in UNSET_WHEN_BLANK:
            checked[key] = None
            continue
        try:
            checked[key] = validator(value, f"setting {key!r}")
        except ConfigError as error:
            errors[key] = error.message
    if errors:
        return None, errors
    settings = replace(Settings(), **fold_aliases(checked))  # type: ignore[arg-type]
    wrong_region = region_problem(settings)
    if wrong_region is not None:
        errors["region"] = wrong_region.message
        return None, errors
    return settings, errors


def changes_account(old: Settings, new: Settings) -> bool:
    """True when the new settings sign in another account (:func:`same_account`, the one rule)."""
    return not same_account(old, new)


def keep_broken_file(path: Path, now: datetime) -> Path | None:
    """Copy a settings file that could not be used aside before it is rewritten.

    The copy is ``<name>.broken-<UTC time>`` beside it, owner-only; returns its path, or None
    when there is no file. The user's hand-written text is never lost to a save. The copy's
    name is predictable, so it is never written through a link planted there
    (:class:`~trayscore.system.private_files.UnsafeFileError`, an OSError naming the path).
    """
    try:
        source = path.open("rb")
    except FileNotFoundError:
        return None
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}.broken-{stamp}")
    with source:
        fd = open_private(kept, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "wb") as copy:
            shutil.copyfileobj(source, copy)
            restrict_mode(copy.fileno())  # an older copy of the same second may be wider
    return kept
