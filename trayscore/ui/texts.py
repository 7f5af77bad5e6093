"""The words the tray shows: tooltip and status line, translated and in the user's locale.

Every string goes through Qt's translation; times use QLocale so a French desktop reads 14:05 and
a decimal comma. The tooltip stays within Windows' 128-character limit by shortening the problem
line first, then the account line: the score and its age always survive.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from trayscore.core.bands import Band, Severity, one_decimal
from trayscore.core.catalog import DEFAULT_SOURCE, severity, spec_for
from trayscore.core.display_state import DisplayState, Look

if TYPE_CHECKING:
    from trayscore.core.models import Reading

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

TOOLTIP_LIMIT: Final = 127


def band_name(band: Band) -> str:
    """The band as the user's language calls it."""
    names = {
        Band.LOW: translate("Tray", "Low"),
        Band.MEDIUM: translate("Tray", "Medium"),
        Band.HIGH: translate("Tray", "High"),
    }
    return names[band]


def severity_name(severity: Severity) -> str:
    """What a band means, in words: good, fair or poor news."""
    names = {
        Severity.GOOD: translate("Tray", "good"),
        Severity.FAIR: translate("Tray", "fair"),
        Severity.POOR: translate("Tray", "poor"),
    }
    return names[severity]


def direction_text(source: str) -> str:
    """Which way the source's number is good: the exposure score falls, the others rise."""
    if spec_for(source).lower_is_better:
        return translate("Tray", "lower is better")
    return translate("Tray", "higher is better")


def verdict(source: str, band: Band) -> str:
    """What the band means and which way to go, e.g. "poor, lower is better"."""
    return translate("Tray", "{severity}, {direction}").format(
        severity=severity_name(severity(source, band)), direction=direction_text(source)
    )


def source_title(source: str) -> str:
    """A source's name as a heading (e.g. "Exposure score"); literal for lupdate to find."""
    titles = {
        "exposure-score": translate("Tray", "Exposure score"),
        "device-secure-score": translate("Tray", "Device secure score"),
        "secure-score": translate("Tray", "Secure Score"),
    }
    return titles.get(source, source)


def source_subject(source: str) -> str:
    """A source's name as a sentence's subject (e.g. "The exposure score")."""
    subjects = {
        "exposure-score": translate("Tray", "The exposure score"),
        "device-secure-score": translate("Tray", "The device secure score"),
        "secure-score": translate("Tray", "The Secure Score"),
    }
    return subjects.get(source, source)


def score_text(score: float, locale: QLocale, source: str = DEFAULT_SOURCE) -> str:
    """One decimal with the locale's separator, e.g. 33.4 or 33,4; a percentage says so."""
    number = locale.toString(float(one_decimal(score)), "f", 1)
    if spec_for(source).unit == "%":
        return translate("Tray", "{number}%").format(number=number)
    return number


def day_text(moment: datetime, locale: QLocale) -> str:
    """A local date with the month's name (e.g. 2 Apr 2026): numeric short dates are ambiguous."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    # The pattern is translatable: a language may order day, month and year its own way.
    return locale.toString(local.date(), translate("Tray", "d MMM yyyy"))


def moment_text(moment: datetime, locale: QLocale) -> str:
    """A local date and short time, e.g. 2 Apr 2026 22:40."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    clock = locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    return translate("Tray", "{day} {time}").format(day=day_text(moment, locale), time=clock)


def time_text(moment: datetime, now: datetime, locale: QLocale) -> str:
    """A short local time, with the date when it is not today."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    today = QDateTime.fromSecsSinceEpoch(int(now.timestamp())).toLocalTime().date()
    if local.date() == today:
        return locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    return moment_text(moment, locale)


def headline(state: DisplayState, locale: QLocale) -> str:
    """The first line: the primary score and band, or what stands in for them."""
    reading = state.reading
    title = source_title(state.source)
    if state.look in {Look.SCORE, Look.STALE} and reading is not None:
        line = translate("Tray", "{title} {score} ({band})").format(
            title=title,
            score=score_text(reading.score, locale, reading.source),
            band=band_name(reading.band),
        )
        return line + (translate("Tray", " - out of date") if state.look is Look.STALE else "")
    if state.look is Look.SET_UP:
        return translate("Tray", "trayscore: not set up yet")
    if state.look is Look.SIGN_IN:
        return translate("Tray", "{title}: sign-in needed").format(title=title)
    if state.look is Look.ERROR:
        return translate("Tray", "{title} unavailable").format(title=title)
    return translate("Tray", "{title}: no data yet").format(title=title)


def reading_line(reading: Reading, locale: QLocale) -> str:
    """A secondary source in one line, e.g. "Secure Score 61.2% (Medium)".

    A points-only reading (no maximum, so no percentage or band) says its points.
    """
    if not reading.banded:
        return translate("Tray", "{title} {points} points").format(
            title=source_title(reading.source),
            points=locale.toString(float(reading.score), "g", 12),
        )
    return translate("Tray", "{title} {score} ({band}: {verdict})").format(
        title=source_title(reading.source),
        score=score_text(reading.score, locale, reading.source),
        band=band_name(reading.band),
        verdict=verdict(reading.source, reading.band),
    )


def timing(state: DisplayState, now: datetime, locale: QLocale) -> str:
    """When the number is from and when the next refresh comes."""
    parts = []
    as_of = time_text(state.reading.time, now, locale) if state.reading else None
    if as_of is not None:
        parts.append(translate("Tray", "as of {time}").format(time=as_of))
    if state.last_success is not None:
        updated = time_text(state.last_success, now, locale)
        if updated != as_of:  # the API stamps its answer when served: usually the same minute
            parts.append(translate("Tray", "updated {time}").format(time=updated))
    if state.refreshing:
        parts.append(translate("Tray", "refreshing..."))
    elif state.next_refresh is not None:
        upcoming = time_text(state.next_refresh, now, locale)
        parts.append(translate("Tray", "next refresh {time}").format(time=upcoming))
    return ", ".join(parts)


def _cut(text: str, room: int) -> str:
    if len(text) <= room:
        return text
    return text[: max(0, room - 3)].rstrip() + "..."


def foreign_hosts_line(state: DisplayState) -> str:
    """The warning that tokens go to a host that is not Microsoft's (empty when none do)."""
    if not state.foreign_hosts:
        return ""
    return translate("Tray", "⚠ Tokens go to {hosts}, not Microsoft").format(
        hosts=", ".join(state.foreign_hosts)
    )


def tooltip(state: DisplayState, now: datetime, locale: QLocale) -> str:
    """At most 127 characters; the score line and its age are never cut.

    A warning that tokens leave Microsoft comes next, before the account and the problem.
    """
    essential = [headline(state, locale), timing(state, now, locale)]
    essential = [line for line in essential if line]
    optional = [foreign_hosts_line(state), state.account or "", state.problem or ""]
    lines = list(essential)
    for text in optional:
        if not text:
            continue
        room = TOOLTIP_LIMIT - len("\n".join(lines)) - 1
        if room >= 12:
            lines.append(_cut(text, room))
    return _cut("\n".join(lines), TOOLTIP_LIMIT)


def status_line(state: DisplayState, now: datetime, locale: QLocale) -> str:
    """The disabled first menu entry: one short line; the demo's says it is the demo."""
    line = _status_words(state, now, locale)
    return translate("Tray", "Demo: {line}").format(line=line) if state.demo else line


def _status_words(state: DisplayState, now: datetime, locale: QLocale) -> str:
    reading = state.reading
    if state.look in {Look.SCORE, Look.STALE} and reading is not None:
        return translate("Tray", "{score} ({band}), as of {time}").format(
            score=score_text(reading.score, locale, reading.source),
            band=band_name(reading.band),
            time=time_text(reading.time, now, locale),
        )
    if state.look is Look.SET_UP:
        return translate("Tray", "Not set up yet")
    if state.look is Look.SIGN_IN:
        return translate("Tray", "Sign-in needed")
    if state.look is Look.ERROR:
        return translate("Tray", "Score unavailable")
    return translate("Tray", "No data yet")
