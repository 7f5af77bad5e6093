"""The words of a notification: a short title and one body line, translated, in the user's locale.

The policy says what to tell as data (trayscore.policy.Notice); this turns it into sentences.
Whole sentences are translated (never glued from fragments), so each language orders its words.
Scores are the integers the icon shows: the user can check "up 9" against the tray.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

from trayscore.bands import displayed_integer
from trayscore.policy import Kind, Notice, Urgency
from trayscore.ui.texts import band_name, time_text

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


@dataclass(frozen=True)
class NoticeText:
    """What a notification shows, and which buttons it offers (action key, label)."""

    title: str
    body: str
    critical: bool
    actions: tuple[tuple[str, str], ...]


def notice_text(notice: Notice, now: datetime, locale: QLocale, problem: str | None) -> NoticeText:
    """Title, body and buttons for ``notice``; ``problem`` is the current error's message."""
    history = ("history", translate("Notifications", "Show history"))
    critical = notice.urgency is Urgency.CRITICAL
    if notice.kind is Kind.SIGN_IN_NEEDED:
        return NoticeText(
            translate("Notifications", "trayscore: sign-in needed"),
            translate(
                "Notifications", "The exposure score cannot be read until you sign in again."
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
            translate("Notifications", "Exposure score not updating"), body, critical, (history,)
        )
    if notice.kind is Kind.RECOVERED:
        body = (
            translate("Notifications", "Updating again: {score} ({band}).").format(
                score=displayed_integer(notice.score), band=band_name(notice.band)
            )
            if notice.score is not None and notice.band is not None
            else translate("Notifications", "Updating again.")
        )
        return NoticeText(
            translate("Notifications", "Exposure score updating again"), body, critical, (history,)
        )
    return NoticeText(_score_title(notice), _score_body(notice, now, locale), critical, (history,))


def _score_title(notice: Notice) -> str:
    if notice.kind is Kind.BAND_CHANGED and notice.band is not None:
        return translate("Notifications", "Exposure score now {band}").format(
            band=band_name(notice.band)
        )
    return (
        translate("Notifications", "Exposure score rising")
        if (notice.change or 0) > 0
        else translate("Notifications", "Exposure score falling")
    )


def _score_body(notice: Notice, now: datetime, locale: QLocale) -> str:
    """E.g. "Exposure score rose to 72 (High), up 9 since 09:05"."""
    if notice.score is None or notice.band is None:
        return ""
    score, band = displayed_integer(notice.score), band_name(notice.band)
    change = notice.change or 0
    if notice.previous_at is None or change == 0:
        return translate("Notifications", "Exposure score is {score} ({band}).").format(
            score=score, band=band
        )
    when = time_text(notice.previous_at, now, locale)
    template = (
        translate(
            "Notifications", "Exposure score rose to {score} ({band}), up {change} since {time}."
        )
        if change > 0
        else translate(
            "Notifications", "Exposure score fell to {score} ({band}), down {change} since {time}."
        )
    )
    return template.format(score=score, band=band, change=abs(change), time=when)
