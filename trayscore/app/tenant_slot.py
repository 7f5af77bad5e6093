"""One tenant of several in the tray: its reader and its state (ADR 016)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trayscore.app.reading import ScoreReader
    from trayscore.app.sign_in import SignInController
    from trayscore.app.state import AppState
    from trayscore.settings.model import Settings


@dataclass
class TenantSlot:
    """One tenant the tray reads: its reader and its state (the sign-in updates it too)."""

    name: str
    settings: Settings
    reader: ScoreReader
    state: AppState
    sign_in: SignInController | None = field(default=None, repr=False)
