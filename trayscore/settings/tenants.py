"""Several tenants in one tray: the ``[[tenants]]`` list of the settings file.

An MSSP analyst looks after many organisations; each entry names one (ADR 016)::

    client_id = "3f2a1b4c-..."          # shared by every entry that does not name its own

    [[tenants]]
    name = "Contoso"
    tenant = "contoso.onmicrosoft.com"

    [[tenants]]
    name = "Fabrikam (GCC)"
    tenant = "fabrikam.onmicrosoft.us"
    cloud = "gcc-high"
    client_id = "9d8c..."
    source = "secure-score"

An entry's ``client_id``, ``cloud`` and ``source`` default to the top-level keys, so one
multi-tenant app registration serves every entry; ``authority`` is the entry's own (an authority
names one tenant). Without a list, the top-level keys are the one tenant, exactly as before.
Each field is checked by the very validator its top-level key uses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from enum import Enum
from typing import Final

from trayscore.core.errors import ConfigError
from trayscore.settings import checks

MAX_TENANTS: Final = 200  # a hostile file's list is refused before anything is built from it
NAME_MAX: Final = 64  # a display name fits a popup row and a tooltip


@dataclass(frozen=True)
class TenantEntry:
    """One ``[[tenants]]`` table; a None field takes the top-level key's value."""

    name: str
    tenant: str | None = None
    client_id: str | None = None
    cloud: str | None = None
    source: str | None = None
    authority: str | None = None


def display_name(value: object, where: str) -> str:
    """A tenant's display name: printable text, 1 to 64 characters, trimmed."""
    if isinstance(value, str):
        text = value.strip()
        if 0 < len(text) <= NAME_MAX and text.isprintable():
            return text
    raise checks.bad(where, value, f"a name of 1 to {NAME_MAX} printable characters")


# Each field's check: the top-level key's own validator, so both spellings accept the same.
FIELD_CHECKS: Final[dict[str, Callable[[object, str], object]]] = {
    "name": display_name,
    "tenant": checks.tenant,
    "client_id": checks.client_id,
    "cloud": checks.CLOUD,
    "source": checks.SOURCE,
    "authority": checks.authority,
}
assert tuple(FIELD_CHECKS) == tuple(item.name for item in fields(TenantEntry))  # noqa: S101


def check_tenants(
    value: object, where: str, *, entry_at: Callable[[int], str] | None = None
) -> tuple[TenantEntry, ...]:
    r"""The ``tenants`` key: a list of tables, each with a unique name and a tenant or authority.

    A problem names the entry (``tenants[2].client_id``) and what is allowed; unknown keys in an
    entry are errors, as they are in ``[notifications]``. When the list's source keeps each entry
    in a place of its own (the Windows policy's ``Tenants\2``), ``entry_at(2)`` is added after
    the source that ends ``where``, so the problem names the place to fix.
    """
    allowed = 'a list of [[tenants]] tables, each with name = "..." and tenant = "..."'
    if not isinstance(value, list):
        raise checks.bad(where, value, allowed)
    if len(value) > MAX_TENANTS:
        raise ConfigError(f"{where} lists {len(value)} tenants; at most {MAX_TENANTS} are allowed.")
    entries: list[TenantEntry] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(value, start=1):
        at = where + entry_at(index) if entry_at else where
        entry = _entry(item, at, f"tenants[{index}]")
        folded = entry.name.casefold()
        if folded in seen:
            raise ConfigError(
                f"{where}: tenants[{index}] and tenants[{seen[folded]}] are both named "
                f"{entry.name!r}; each tenant needs its own name."
            )
        seen[folded] = index
        entries.append(entry)
    return tuple(entries)


def _entry(item: object, where: str, place: str) -> TenantEntry:
    """One table; ``where`` names the key (``setting 'tenants' in FILE``), ``place`` the entry."""
    here = where.replace("'tenants'", f"'{place}'")
    if not isinstance(item, dict):
        raise checks.bad(here, item, 'a table with name = "..." and tenant = "..."')
    values: dict[str, object] = {}
    for key, raw in item.items():
        check = FIELD_CHECKS.get(key)
        if check is None:
            known = ", ".join(FIELD_CHECKS)
            raise ConfigError(f"{here} has the unknown key {key!r}; allowed: {known}.")
        values[key] = check(raw, where.replace("'tenants'", f"'{place}.{key}'"))
    if "name" not in values:
        raise ConfigError(f'{here} has no name; every tenant needs name = "...".')
    if "tenant" not in values and "authority" not in values:
        raise ConfigError(f'{here} ({values["name"]!r}) needs tenant = "..." (or an authority).')
    return TenantEntry(**values)  # type: ignore[arg-type]


class Gap(Enum):
    """What an entry lacks as a whole, not any one value: the dialog words each its own way."""

    NAME = "name"  # no name
    DUPLICATE = "duplicate"  # the name of an earlier entry, in any case
    TENANT = "tenant"  # neither a tenant nor an authority
    CLIENT_ID = "client_id"  # no client ID of its own, and none at the top to share


@dataclass(frozen=True)
class RowCheck:
    """One entry as typed: the entry when every value is allowed, else what is wrong, by field.

    A field's problem is the validator's one line (``...; allowed: ...``) or a :class:`Gap`.
    """

    entry: TenantEntry | None
    problems: dict[str, str | Gap]


def check_rows(
    rows: Sequence[Mapping[str, str]], shared_client_id: str | None
) -> tuple[RowCheck, ...]:
    """The list as the settings dialog holds it, checked as the user types.

    Each row maps :data:`FIELD_CHECKS`' keys to text; a blank one is unset (it takes the
    top-level key's value). The checks are the ones :func:`check_tenants` runs on load, plus
    :func:`~trayscore.settings.model.tenants_problem`'s: a client ID of the entry's own or a
    top-level one (``shared_client_id``, blank when none).
    """
    shared = bool(shared_client_id and shared_client_id.strip())
    seen: set[str] = set()
    results = []
    for index, row in enumerate(rows, start=1):
        values: dict[str, object] = {}
        problems: dict[str, str | Gap] = {}
        for key, check in FIELD_CHECKS.items():
            raw = row.get(key, "")
            if not raw.strip():
                continue
            try:
                values[key] = check(raw, f"setting 'tenants[{index}].{key}'")
            except ConfigError as error:
                problems[key] = error.message
        name = values.get("name")
        if "name" not in row or not row["name"].strip():
            problems["name"] = Gap.NAME
        elif isinstance(name, str):
            if name.casefold() in seen:
                problems["name"] = Gap.DUPLICATE
            seen.add(name.casefold())
        if not (row.get("tenant", "").strip() or row.get("authority", "").strip()):
            problems["tenant"] = Gap.TENANT
        if not shared and not row.get("client_id", "").strip():
            problems["client_id"] = Gap.CLIENT_ID
        entry = None if problems else TenantEntry(**values)  # type: ignore[arg-type]
        results.append(RowCheck(entry, problems))
    return tuple(results)


def as_row(entry: TenantEntry) -> dict[str, str]:
    """An entry as the dialog's text fields hold it (an unset value is blank)."""
    return {key: getattr(entry, key) or "" for key in FIELD_CHECKS}


def as_table(entry: TenantEntry) -> dict[str, str]:
    """An entry as its ``[[tenants]]`` table, only the keys it sets (for :func:`check_tenants`)."""
    return {key: value for key, value in as_row(entry).items() if value}
