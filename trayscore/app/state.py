"""What the tray shows, in one place every controller shares: the display state and the history.

The controllers replace :attr:`AppState.tracker` (it is immutable) and then ask for a render;
the surfaces read it. Holding it here, not on the app, is what lets a controller work without
the app: a test hands it an ``AppState`` and looks at it afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trayscore.core.display_state import Tracker
    from trayscore.history.store import Entry

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The wall clock, aware."""
    return datetime.now(UTC)


@dataclass
class AppState:
    """The tracker every surface renders, and the primary score's history the popup charts."""

    tracker: Tracker
    runs: list[Entry] = field(default_factory=list)
