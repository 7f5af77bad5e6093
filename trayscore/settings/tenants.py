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

from collections.abc import Callable
from dataclasses import dataclass, fields
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
