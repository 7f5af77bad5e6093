"""How this run of the tray was started: shared by launch (which parses it) and root.

A module of its own so that neither of the two imports the other: launch builds the root lazily,
after the icon is up, and the root never needs launch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from trayscore.settings.model import Settings

TRAY_GRACE_MS: Final = 5_000


@dataclass(frozen=True)
class AppOptions:
    """How this run was started."""

    demo: bool = False
    tenants: int = 1  # the demo's simulated tenants (--demo --tenants N)
    tray_grace_ms: int = TRAY_GRACE_MS
    verbose: bool = False


def fleet_wanted(settings: Settings, options: AppOptions) -> bool:
    """Whether this run shows several tenants: a [[tenants]] list, or the demo's several.

    Here, not beside FleetApp, so a one-tenant start never imports the several-tenant app.
    """
    return options.tenants > 1 if options.demo else bool(settings.tenants)
