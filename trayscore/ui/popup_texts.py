"""The history popup's words: periods, changes, device groups and the clipboard summary.

Pure functions of what they are given, so the popup only lays widgets out and the wording can be
read (and tested) apart from it. Every string keeps the translation context "HistoryPopup" it had
as the popup's own ``self.tr``, so the catalogues stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from html import escape
from typing import Final

from PySide6.QtCore import QCoreApplication, QLocale, QObject
from PySide6.QtGui import QPalette

from trayscore.core.bands import Band
from trayscore.core.catalog import EXPOSURE_SCORE, improvement, severity, spec_for
from trayscore.core.contrast import readable_text
from trayscore.core.display_state import DisplayState
from trayscore.core.trend import Change
from trayscore.ui.icon import BAND_FILL, drawn_band
from trayscore.ui.texts import band_name, reading_line, score_text, severity_name, verdict

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

RANGES: Final = (
    ("7d", timedelta(days=7)),
    ("30d", timedelta(days=30)),
    ("90d", timedelta(days=90)),
    ("1y", timedelta(days=365)),
)
DELTAS: Final = (
    ("24 h", timedelta(hours=24)),
    ("7 d", timedelta(days=7)),
    ("30 d", timedelta(days=30)),
)
GROUPS_SHOWN: Final = 5


def period_name(name: str) -> str:
    """A range or delta period in the user's language (literal for lupdate to find)."""
    names = {
        "7d": translate("HistoryPopup", "7 d"),
        "30d": translate("HistoryPopup", "30 d"),
        "90d": translate("HistoryPopup", "90 d"),
        "1y": translate("HistoryPopup", "1 y"),
        "24 h": translate("HistoryPopup", "24 h"),
        "7 d": translate("HistoryPopup", "7 d"),
        "30 d": translate("HistoryPopup", "30 d"),
    }
    return names[name]


def period_spoken(name: str) -> str:
    """A period in full words, for a screen reader ("7 d" reads as "7 D")."""
    names = {
        "7d": translate("HistoryPopup", "7 days"),
        "30d": translate("HistoryPopup", "30 days"),
        "90d": translate("HistoryPopup", "90 days"),
        "1y": translate("HistoryPopup", "1 year"),
        "24 h": translate("HistoryPopup", "24 hours"),
        "7 d": translate("HistoryPopup", "7 days"),
        "30 d": translate("HistoryPopup", "30 days"),
    }
    return names[name]


def verdict_html(state: DisplayState) -> str:
    """Under the headline: the band's colour, what it means, and which way is better.

    A dot in the band's colour, then "poor, lower is better", and whose bands they are when
    they are trayscore's own. Rich text of our own words only; empty without a banded score.
    """
    reading = state.reading
    if reading is None or not reading.banded:
        return ""
    words = verdict(reading.source, reading.band)
    if not spec_for(reading.source).microsoft_bands:
        words = translate("HistoryPopup", "{verdict} (trayscore's bands)").format(verdict=words)
    fill = BAND_FILL[drawn_band(reading.source, reading.band)]
    return f'<span style="color:{fill}">\u25cf</span> {escape(words)}'


def groups_text(state: DisplayState, locale: QLocale, more_groups: Callable[[int], str]) -> str:
    """The worst device groups first, as many as fit in a glance.

    ``more_groups`` words the count left out: a plural, which lupdate only records as one from a
    ``self.tr`` call, so the popup keeps that string and hands it in.
    """
    shown = state.groups[:GROUPS_SHOWN]
    lines = [
        translate("HistoryPopup", "{name}: {score} ({band}: {severity})").format(
            name=group.name,
            score=score_text(group.score, locale),
            band=band_name(group.band),
            severity=severity_name(severity(EXPOSURE_SCORE, group.band)),
        )
        for group in shown
    ]
    if not lines:
        return ""
    more = len(state.groups) - len(shown)
    heading = translate("HistoryPopup", "Exposure by device group, worst first (lower is better):")
    tail = [more_groups(more)] if more > 0 else []
    return "\n".join([heading, *lines, *tail])


class HistoryAge(QObject):
    """How long ago the first reading was, in words, for a change over a shorter history.

    A QObject for its ``self.tr``: lupdate records a plural (%n) only from a ``self.tr`` call.
    """

    def short(self, age: timedelta) -> str:
        """As shown: "6 min ago", "5 hours ago", "3 days ago"."""
        if age < timedelta(hours=1):
            return self.tr("%n min ago", "", max(1, age // timedelta(minutes=1)))
        return self._hours_or_days(age)

    def spoken(self, age: timedelta) -> str:
        """As a screen reader says it: minutes in full ("min" may be read as a word)."""
        if age < timedelta(hours=1):
            return self.tr("%n minute(s) ago", "", max(1, age // timedelta(minutes=1)))
        return self._hours_or_days(age)

    def _hours_or_days(self, age: timedelta) -> str:
        """Hours for the first two days (a day and a half is "36 hours"), days after."""
        if age < timedelta(days=2):
            return self.tr("%n hour(s) ago", "", round(age / timedelta(hours=1)))
        return self.tr("%n day(s) ago", "", round(age / timedelta(days=1)))


def delta_text(
    name: str, change: Change | None, source: str, palette: QPalette, locale: QLocale
) -> str:
    """The change over a period as shown: an arrow, the amount, coloured by good or bad.

    The colour is the band's only where text in it stays readable (4.5:1) on this
    palette's background, as under a high-contrast theme it may not be. While the history is
    shorter than the period the change is since the first reading, and a second line says so:
    a bare "-" for the first month of an install looked broken.
    """
    if change is None:
        return translate("HistoryPopup", "{period}: no data yet").format(period=period_name(name))
    rounded = round(change.amount, 1)
    good = improvement(source, rounded) > 0  # up is bad for exposure, good for Secure Score
    text_colour = palette.color(QPalette.ColorRole.WindowText).name()
    if rounded != 0:
        arrow = "\u25b2" if rounded > 0 else "\u25bc"
        background = palette.color(QPalette.ColorRole.Window).name()
        band = BAND_FILL[Band.LOW] if good else BAND_FILL[Band.HIGH]
        colour = readable_text(band, background, text_colour)
    else:
        arrow, colour = "=", text_colour
    amount = locale.toString(float(abs(rounded)), "f", 1)
    shown = f"{period_name(name)}: <span style='color:{colour}'>{arrow} {amount}</span>"
    if change.history is None:
        return shown
    since = translate("HistoryPopup", "since first reading ({age})").format(
        age=HistoryAge().short(change.history)
    )
    return f"{shown}<br>{escape(since)}"


def delta_spoken(name: str, change: Change | None, source: str, locale: QLocale) -> str:
    """The same change in words, for a screen reader (an arrow glyph says nothing)."""
    period = period_spoken(name)
    if change is None:
        return translate("HistoryPopup", "Change over {period}: no data yet").format(period=period)
    rounded = round(change.amount, 1)
    amount = locale.toString(float(abs(rounded)), "f", 1)
    if rounded == 0:
        words = translate("HistoryPopup", "unchanged")
    elif improvement(source, rounded) > 0:
        words = (
            translate("HistoryPopup", "up {amount}, better")
            if rounded > 0
            else translate("HistoryPopup", "down {amount}, better")
        )
    else:
        words = (
            translate("HistoryPopup", "up {amount}, worse")
            if rounded > 0
            else translate("HistoryPopup", "down {amount}, worse")
        )
    if change.history is not None:
        return translate(
            "HistoryPopup",
            "Change since the first reading {age} (less than {period} of history): {change}",
        ).format(
            age=HistoryAge().spoken(change.history),
            period=period,
            change=words.format(amount=amount),
        )
    return translate("HistoryPopup", "Change over {period}: {change}").format(
        period=period, change=words.format(amount=amount)
    )


def summary_text(
    state: DisplayState,
    headline: str,
    changes: Sequence[tuple[str, Change | None]],
    locale: QLocale,
    words: SummaryWords,
) -> str:
    """One ticket-ready line for the clipboard.

    What, where and when, then how it moved, then the other scores: "Exposure score 30.0
    (Medium) at 2026-11-28T10:00+01:00, tenant contoso.onmicrosoft.com; 24 h -25.0, 7 d +1.0,
    30 d - ; Secure Score 61.2% (Medium)". The time carries its offset, so a reader in another
    time zone reads the same moment; ``changes`` pairs each :data:`DELTAS` name with its
    change, None where there is no data, and a change since the first reading says so, once:
    the longer periods' fallbacks are the same change and are left out.
    """
    parts = []
    told_since_first = False
    for name, change in changes:
        if change is None:
            value = "-"
        elif change.history is not None and told_since_first:
            continue  # a longer period's fallback is the same change: told once
        else:
            sign = "+" if change.amount >= 0 else "-"
            value = sign + locale.toString(float(abs(round(change.amount, 1))), "f", 1)
            if change.history is not None:
                value += f" ({words.since_first})"
                told_since_first = True
        parts.append(f"{period_name(name)} {value}")
    where = []
    if state.reading is not None:
        where.append(
            words.at.format(time=state.reading.time.astimezone().isoformat("T", "minutes"))
        )
    if state.tenant:
        where.append(words.tenant.format(tenant=state.tenant))
    first = " ".join([headline, *where[:1]]) + "".join(f", {item}" for item in where[1:])
    sections = [first, ", ".join(parts), *(reading_line(other, locale) for other in state.others)]
    line = "; ".join(section for section in sections if section)
    return f"{words.demo}: {line}" if state.demo else line


@dataclass(frozen=True)
class SummaryWords:
    """The summary's words in the user's language (translated where the popup is)."""

    at: str  # "at {time}"
    tenant: str  # "tenant {tenant}"
    since_first: str  # "since first reading"
    demo: str  # "Demo"
