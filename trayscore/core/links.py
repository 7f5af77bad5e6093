"""Addresses trayscore sends people to; one definition each, read by the CLI, doctor and tray."""

from __future__ import annotations

from typing import Final

REGISTRATION_GUIDE_URL: Final = (
    "https://github.com/trayscore/trayscore/blob/main/docs/app-registration.md"
)
