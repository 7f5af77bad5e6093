"""The Defender for Endpoint API's end, by date: one constant and what follows from it.

Microsoft announced in Message Center post MC1220762 ("Retirement notice: MDE and XDR APIs
retiring; migrate to Microsoft Graph Security API", added 2026-01-22) that the MDE and XDR APIs
"will no longer function" after 1 February 2027. trayscore does not guess retirement from error
shapes alone: from :data:`DEFENDER_API_RETIREMENT` on, any failure of a Defender API source is
the retirement (``ApiRetired``, exit 13), and from :data:`WARNING_DAYS` before it the app and
``doctor`` say it is coming. Pure and Qt-free: the tray, the CLI and the sources all ask here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Final

DEFENDER_API_RETIREMENT: Final = date(2027, 2, 1)
RETIREMENT_SOURCE: Final = "Microsoft 365 Message Center MC1220762"
WARNING_DAYS: Final = 30


def utc_day(moment: datetime) -> date:
    """The UTC calendar day of an aware instant (the retirement is one day worldwide)."""
    return moment.astimezone(UTC).date()


def days_left(today: date) -> int:
    """Whole days from ``today`` until the retirement day (0 on the day, negative after)."""
    return (DEFENDER_API_RETIREMENT - today).days


def is_retired(today: date) -> bool:
    """True on and after the retirement day: a failing Defender API is then the retirement."""
    return today >= DEFENDER_API_RETIREMENT


def warning_due(today: date) -> bool:
    """True in the last :data:`WARNING_DAYS` days before the retirement day."""
    return 0 < days_left(today) <= WARNING_DAYS
