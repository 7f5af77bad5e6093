"""What the tray says about the Defender API's end (MC1220762), in the user's language.

The dates come from :mod:`trayscore.core.retirement`; this module only words them, and says which
primary sources they concern (those read from the Defender API). The app shows the sentence in
the popup with a one-click switch to Microsoft Secure Score, and notifies it once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from trayscore.core.catalog import ApiKind, spec_for
from trayscore.core.retirement import DEFENDER_API_RETIREMENT, days_left, is_retired, warning_due

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")
NOTICE_KIND = "retirement"  # the notification's kind (replaced in place, told once)
SWITCH_ACTION = "switch-secure-score"


def concerns(source: str) -> bool:
    """True when ``source`` is read from the retiring Defender API."""
    return spec_for(source).api is ApiKind.DEFENDER


def _day(locale: QLocale) -> str:
    day = DEFENDER_API_RETIREMENT
    return locale.toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")


def retirement_text(source: str, today: date, locale: QLocale) -> str | None:
    """The sentence for the popup and the notification, or None when there is nothing to say."""
    if not concerns(source):
        return None
    if is_retired(today):
        return translate(
            "Retirement",
            "Microsoft retired the Defender API on {date}; Microsoft Secure Score keeps working.",
        ).format(date=_day(locale))
    if warning_due(today):
        days = days_left(today)
        if days == 1:
            text = translate(
                "Retirement",
                "The Defender API stops tomorrow, {date}; Microsoft Secure Score keeps working.",
            )
        else:  # 2 to 30: always a plural, so no plural forms are needed
            text = translate(
                "Retirement",
                "The Defender API stops on {date}, in {days} days; "
                "Microsoft Secure Score keeps working.",
            )
        return text.format(date=_day(locale), days=days)
    return None


def notice_title() -> str:
    """The notification's title."""
    return translate("Retirement", "The Defender API is retiring")


def switch_label() -> str:
    """The one-click switch, on the popup's button and the notification's action."""
    return translate("Retirement", "Switch to Secure Score")
