"""How this run of the tray was started: shared by launch (which parses it) and root.

A module of its own so that neither of the two imports the other: launch builds the root lazily,
after the icon is up, and the root never needs launch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

TRAY_GRACE_MS: Final = 5_000


@dataclass(frozen=True)
class AppOptions:
    """How this run was started."""

    demo: bool = False
    tenants: int = 1  # the demo's simulated tenants (--demo --tenants N)
    tray_grace_ms: int = TRAY_GRACE_MS
    verbose: bool = False
