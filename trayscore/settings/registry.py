r"""An administrator's settings on Windows: the registry's policy key for trayscore.

Group Policy and Intune write values there; they preset settings for every user and can lock
them, exactly like the system-wide settings file on Linux and macOS. The values become the same
keys and types that file has, and ``load_settings`` checks them with the
same validators, so a bad policy value is reported like a bad file value. Nothing here validates:
it only maps names and registry types, so this module is pure and tested on any OS. The value
names and types are the schema's (:mod:`trayscore.settings.schema`), never listed here.

The ``[[tenants]]`` list is the ``Tenants`` subkey's numbered subkeys, ``Tenants\1``,
``Tenants\2``, ..., read in order until the first missing number. An entry's values are named
like the top-level values they stand beside (``Tenant``, ``ClientId``, ``Cloud``, ``Source``,
``Authority``), plus ``Name``; they become the list of tables the file's ``[[tenants]]`` is.
ADMX cannot describe such a list: administrators write it with Group Policy Preferences or a
script (README, "Managed deployment").
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Protocol

from trayscore.settings.checks import Validator, WholeNumber, flag
from trayscore.settings.schema import FILE_KEYS, KEYS, LOCKED, NOTIFICATION_KEYS, Key, Written
from trayscore.settings.tenants import FIELD_CHECKS, MAX_TENANTS, check_tenants

POLICY_KEY: Final = r"SOFTWARE\Policies\trayscore"
POLICY_SOURCE_NAME: Final = r"HKLM\SOFTWARE\Policies\trayscore"


_SUBKEYS: Final = (Written.TABLE, Written.TABLES)


def _value_names(rows: tuple[Key, ...]) -> dict[str, str]:
    """Registry value name -> settings key, in the policy's order; tables are subkeys instead."""
    named = [row for row in rows if row.registry is not None and row.written not in _SUBKEYS]
    return {str(row.registry): row.name for row in sorted(named, key=lambda row: row.policy_order)}


_TABLE: Final = next(row for row in KEYS if row.written is Written.TABLE)
NOTIFICATIONS_KEY: Final = POLICY_KEY + "\\" + str(_TABLE.registry)
# Registry value name -> settings key. Matched case-insensitively, as Windows matches them.
VALUE_NAMES: Final[Mapping[str, str]] = _value_names(KEYS)
# The Notifications subkey -> the [notifications] table's keys.
NOTIFICATION_NAMES: Final[Mapping[str, str]] = _value_names(NOTIFICATION_KEYS)
_LIST: Final = next(row for row in KEYS if row.written is Written.TABLES)
TENANTS_KEY: Final = POLICY_KEY + "\\" + str(_LIST.registry)
TENANTS_SOURCE_NAME: Final = POLICY_SOURCE_NAME + "\\" + str(_LIST.registry)
# An entry's fields that no top-level key shares, with their value names.
_ENTRY_ONLY: Final[Mapping[str, str]] = {"name": "Name"}


def _entry_names() -> dict[str, str]:
    """An entry's value name -> its field, in the entry's order.

    A field a top-level key shares has that key's value name (``ClientId``), so the two cannot
    drift; a new field with neither is refused at import.
    """
    shared = {row.name: str(row.registry) for row in KEYS if row.registry}
    names: dict[str, str] = {}
    for field in FIELD_CHECKS:
        name = _ENTRY_ONLY.get(field) or shared.get(field)
        if name is None:
            raise TypeError(f"tenant field {field!r} has no policy value name")
        names[name] = field
    return names


# The Tenants subkey's numbered subkeys -> a [[tenants]] table's keys.
TENANT_NAMES: Final[Mapping[str, str]] = _entry_names()
# Which keys are numbers and flags: a registry hands them over as text or DWORDs.
WHOLE_NUMBERS: Final = frozenset(
    row.name for row in KEYS + NOTIFICATION_KEYS if isinstance(row.check, WholeNumber)
)
FLAGS: Final = frozenset(
    row.name for row in KEYS + NOTIFICATION_KEYS if row.check is flag and row.registry
)
# Names a "Locked" list may use: the registry's (any case) and the file's, for every key.
_LOCKED_NAMES: Final[Mapping[str, str]] = {
    str(row.registry).casefold(): row.name for row in KEYS if row.registry
} | {row.name: row.name for row in KEYS if row.registry}
_FLAG_WORDS: Final[Mapping[str, bool]] = {"0": False, "1": True, "false": False, "true": True}


class RegistryReader(Protocol):
    """Reads one key's values under HKLM; None when the key does not exist."""

    def values(self, key: str) -> Mapping[str, object] | None:
        """Value name -> data: str (REG_SZ), int (REG_DWORD), list[str] (REG_MULTI_SZ)..."""
        ...


def _check_policy_tenants(value: object, where: str) -> object:
    r"""The list's usual check, with each problem naming the entry's subkey (``Tenants\2``)."""
    return check_tenants(value, where, entry_at=lambda number: f"\\{_LIST.registry}\\{number}")


# The checks of the policy's values: the file's, but a tenant's problem names its subkey.
POLICY_CHECKS: Final[Mapping[str, Validator]] = {
    **FILE_KEYS,
    _LIST.name: _check_policy_tenants,
}


@dataclass(frozen=True)
class Policy:
    """The policy as settings keys (the system file's types), and what could not be used."""

    values: dict[str, object]
    warnings: tuple[str, ...] = ()
    where: str = POLICY_SOURCE_NAME  # how warnings and locks name it


def policy_values(reader: RegistryReader) -> Policy | None:
    """The administrator's settings, or None when the policy key does not exist."""
    raw = reader.values(POLICY_KEY)
    if raw is None:
        return None
    warnings: list[str] = []
    values = _mapped(raw, VALUE_NAMES, POLICY_SOURCE_NAME, warnings)
    notifications = reader.values(NOTIFICATIONS_KEY)
    if notifications is not None:
        where = POLICY_SOURCE_NAME + "\\" + str(_TABLE.registry)
        table = _mapped(notifications, NOTIFICATION_NAMES, where, warnings)
        if table:
            values["notifications"] = table
    tenants = _tenants(reader, warnings)
    if tenants:
        values[_LIST.name] = tenants
    return Policy(values, tuple(warnings))


def _tenants(reader: RegistryReader, warnings: list[str]) -> list[dict[str, object]]:
    r"""``Tenants\1``, ``Tenants\2``, ... to the first missing number, as ``[[tenants]]`` tables.

    One more than the list may hold is read, for its check to refuse the list as the file's
    would be, rather than to drop an entry unsaid. Values in ``Tenants`` itself are warned about:
    each entry needs its own numbered subkey.
    """
    stray = [name for name in reader.values(TENANTS_KEY) or {} if name]
    if stray:
        warnings.append(
            f"{TENANTS_SOURCE_NAME}: values {', '.join(map(repr, stray))} ignored; each tenant "
            f"is a numbered subkey of its own ({_LIST.registry}\\1, {_LIST.registry}\\2, ...)."
        )
    entries: list[dict[str, object]] = []
    for number in range(1, MAX_TENANTS + 2):
        raw = reader.values(f"{TENANTS_KEY}\\{number}")
        if raw is None:
            break
        where = f"{TENANTS_SOURCE_NAME}\\{number}"
        entries.append(_mapped(raw, TENANT_NAMES, where, warnings))
    return entries


def _mapped(
    raw: Mapping[str, object], names: Mapping[str, str], where: str, warnings: list[str]
) -> dict[str, object]:
    by_folded = {name.casefold(): key for name, key in names.items()}
    values: dict[str, object] = {}
    for name, data in raw.items():
        if not name:
            continue  # the key's unnamed default value: tools leave it behind, it means nothing
        key = by_folded.get(name.casefold())
        if key is None:
            known = ", ".join(names)
            warnings.append(f"{where}: unknown value {name!r} ignored (known: {known}).")
            continue
        values[key] = _converted(key, data)
    return values


def _converted(key: str, data: object) -> object:
    """Registry types to the settings file's types where that is unambiguous.

    Anything else is passed through as it is, for config's validators to reject with their
    usual "setting 'X' in <where> is ...; allowed: ..." message.
    """
    if key == LOCKED:
        return _locked(data)
    if isinstance(data, list) and len(data) == 1:
        data = data[0]  # a REG_MULTI_SZ holding one string where one string was meant
    if key in WHOLE_NUMBERS and isinstance(data, str) and data.strip().isdigit():
        return int(data.strip())
    if key in FLAGS and isinstance(data, int | str) and not isinstance(data, bool):
        return _FLAG_WORDS.get(str(data).strip().lower(), data)  # REG_DWORD 0/1, or as text
    return data


def _locked(data: object) -> object:
    """REG_MULTI_SZ or a comma-separated REG_SZ, as a list of settings keys.

    Registry-style names (``ClientId``) are accepted beside the file's (``client_id``).
    """
    if isinstance(data, str):
        items: list[object] = list(data.split(","))
    elif isinstance(data, list | tuple):
        items = list(data)
    else:
        return data
    if not all(isinstance(item, str) for item in items):
        return data
    names = [str(item).strip() for item in items if str(item).strip()]
    return [_LOCKED_NAMES.get(name.casefold(), name) for name in names]


class WinregReader:
    """The real registry (HKEY_LOCAL_MACHINE, its 64-bit view), on Windows only."""

    def values(self, key: str) -> Mapping[str, object] | None:
        """Every value of ``key`` under HKLM, or None when it does not exist (or off Windows)."""
        if sys.platform == "win32":
            found = _read_hklm(key)
        else:
            found = None
        return found


if sys.platform == "win32":  # typeshed has winreg for win32 only; mypy checks this on Windows

    def _read_hklm(key: str) -> dict[str, object] | None:
        import winreg  # noqa: PLC0415

        access = winreg.KEY_READ | winreg.KEY_WOW64_64KEY  # the same view from 32-bit Python
        try:
            handle = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key, 0, access)
        except OSError:
            return None
        found: dict[str, object] = {}
        with handle:
            index = 0
            while True:
                try:
                    name, data, kind = winreg.EnumValue(handle, index)
                except OSError:
                    return found
                if kind == winreg.REG_EXPAND_SZ and isinstance(data, str):
                    data = winreg.ExpandEnvironmentStrings(data)
                found[name] = data
                index += 1


def read_policy(
    platform: str = sys.platform, reader: RegistryReader | None = None
) -> Policy | None:
    """For :func:`trayscore.settings.model.load_settings`: the policy with its warnings, or None.

    None off Windows. The warnings (an unknown value name) reach doctor and the settings dialog.
    """
    if platform != "win32":
        return None
    return policy_values(reader or WinregReader())
