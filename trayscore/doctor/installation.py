"""What is on this machine: the history file and the versions of trayscore and its libraries."""

from __future__ import annotations

import platform
from importlib import metadata
from typing import TYPE_CHECKING

from trayscore.doctor.result import Check, passed, warning
from trayscore.doctor.words import translate

if TYPE_CHECKING:
    from trayscore.history.store import HistoryStore


def check_history(store: HistoryStore) -> Check:
    """The history file: entry count, the last entry's time, and any problem found."""
    entries = store.entries()
    problems = store.take_problems()
    if entries:
        last = max(entry.last_confirmed for entry in entries)
        detail = translate(
            "Doctor", "%n entries, last at {time} ({path})", "", len(entries)
        ).format(time=last.isoformat(), path=store.path)
    else:
        detail = translate("Doctor", "no entries yet ({path})").format(path=store.path)
    if problems:
        fix = translate("Doctor", "see the message above")
        return warning("history", f"{detail}; {' '.join(problems)}", fix)
    return passed("history", detail)


def _version(package: str) -> str:
    if package == "PySide6":
        try:
            import PySide6  # noqa: PLC0415 - the package only: no Qt module, no GUI
        except ImportError:
            return "not installed"
        return str(PySide6.__version__)
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def check_versions() -> Check:
    """trayscore, Python and the libraries it relies on (read from metadata, no import)."""
    parts = [f"trayscore {_version('trayscore')}", f"Python {platform.python_version()}"]
    parts += [f"{name} {_version(name)}" for name in ("PySide6", "msal", "requests", "keyring")]
    return passed("versions", ", ".join(parts))
