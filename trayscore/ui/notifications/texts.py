"""The words of a notification: a short title and one body line, translated, in the user's locale.

The policy says what to tell as data (core.notice_policy.Notice); this turns it into sentences.
Whole sentences are translated (never glued from fragments), so each language orders its words.
Scores are the integers the icon shows: the user can check "up 9" against the tray.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

from trayscore.core.bands import displayed_integer
from trayscore.core.catalog import DEFAULT_SOURCE, spec_for
from trayscore.core.notice_policy import Kind, Notice, Urgency
from trayscore.ui.texts import band_name, source_subject, source_title, time_text

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


@dataclass(frozen=True)
class NoticeText:
    """What a notification shows, and which buttons it offers (action key, label)."""

    title: str
    body: str
    critical: bool
    actions: tuple[tuple[str, str], ...]


def notice_text(
    notice: Notice,
    now: datetime,
    locale: QLocale,
    problem: str | None,
    source: str = DEFAULT_SOURCE,
) -> NoticeText:
    """Title, body and buttons for ``notice`` about ``source``; ``problem`` is the error's text."""
    title, subject = source_title(source), source_subject(source)
    history = ("history", translate("Notifications", "Show history"))
    critical = notice.urgency is Urgency.CRITICAL
    if notice.kind is Kind.SIGN_IN_NEEDED:
        return NoticeText(
            translate("Notifications", "trayscore: sign-in needed"),
            translate("Notifications", "{subject} cannot be read until you sign in again.").format(
                subject=subject
            ),
            critical,
            (("sign-in", translate("Notifications", "Sign in")),),
        )
    if notice.kind is Kind.OUTAGE:
        since = time_text(notice.since, now, locale) if notice.since else None
        body = (
            translate("Notifications", "No new score since {time}.").format(time=since)
            if since
            else translate("Notifications", "No new score for a while.")
        )
        if problem:
            body = translate("Notifications", "{sentence} {problem}").format(
                sentence=body, problem=problem
            )
        return NoticeText(
            translate("Notifications", "{title} not updating").format(title=title),
            body,
            critical,
            (history,),
        )
    if notice.kind is Kind.RECOVERED:
        body = (
            translate("Notifications", "Updating again: {score} ({band}).").format(
                score=_shown(notice.score, source), band=band_name(notice.band)
            )
            if notice.score is not None and notice.band is not None
            else translate("Notifications", "Updating again.")
        )
        return NoticeText(
            translate("Notifications", "{title} updating again").format(title=title),
            body,
            critical,
            (history,),
        )
    return NoticeText(
        _score_title(notice, title),
        _score_body(notice, now, locale, source),
        critical,
        (history,),
    )


def _shown(score: float, source: str) -> str:
    """The integer the icon shows, with its unit (72, or 72% for a percentage)."""
    number = str(displayed_integer(score))
    if spec_for(source).unit == "%":
        return translate("Tray", "{number}%").format(number=number)
    return number


def _score_title(notice: Notice, title: str) -> str:
    if notice.kind is Kind.BAND_CHANGED and notice.band is not None:
        # Worse or better in words: "High" alone is bad news for exposure, good for Secure Score.
        words = (
            translate("Notifications", "{title} worsened: now {band}")
            if notice.got_worse
            else translate("Notifications", "{title} improved: now {band}")
        )
        return words.format(title=title, band=band_name(notice.band))
    if (notice.change or 0) > 0:
        return translate("Notifications", "{title} rising").format(title=title)
    return translate("Notifications", "{title} falling").format(title=title)


def _score_body(notice: Notice, now: datetime, locale: QLocale, source: str) -> str:
    """E.g. "The exposure score rose to 72 (High), up 9 since 09:05"."""
    if notice.score is None or notice.band is None:
        return ""
    subject = source_subject(source)
    score, band = _shown(notice.score, source), band_name(notice.band)
    change = notice.change or 0
    if notice.previous_at is None or change == 0:
        return translate("Notifications", "{subject} is {score} ({band}).").format(
            subject=subject, score=score, band=band
        )
    when = time_text(notice.previous_at, now, locale)
    template = (
        translate("Notifications", "{subject} rose to {score} ({band}), up {change} since {time}.")
        if change > 0
        else translate(
            "Notifications", "{subject} fell to {score} ({band}), down {change} since {time}."
        )
    )
    return template.format(subject=subject, score=score, band=band, change=abs(change), time=when)
