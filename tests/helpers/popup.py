"""Popups with a made-up history, for the UI tests of the popup and its accessibility."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from pytestqt.qtbot import QtBot
from trayscore.core.display_state import Tracker
from trayscore.core.models import Reading
from trayscore.translations import catalogue
from trayscore.ui.popup import HistoryPopup

NOW = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)
C = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@contextmanager
def installed_catalogue(language: str) -> Iterator[None]:
    """One language's catalogue installed, as the app does: English holds the plural forms."""
    translator = QTranslator()
    assert translator.load(str(catalogue(language)))
    QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)


@dataclass(frozen=True)
class R:
    """A run as the popup reads it: a score, when it started, when it was last confirmed."""

    score: float
    time: datetime
    last_confirmed: datetime


def runs(*scores_days_ago: tuple[float, float]) -> list[R]:
    """Runs from (score, days ago) pairs, each lasting until the next; the last until NOW."""
    made = []
    for index, (score, days) in enumerate(scores_days_ago):
        start = NOW - timedelta(days=days)
        end = (
            NOW - timedelta(days=scores_days_ago[index + 1][1])
            if index + 1 < len(scores_days_ago)
            else NOW
        )
        made.append(R(score, start, end))
    return made


def shown_popup(qtbot: QtBot, history: list[R], locale: QLocale = C) -> HistoryPopup:
    """A popup on screen with ``history`` and the state of its last score."""
    popup = HistoryPopup()
    qtbot.addWidget(popup)
    latest = history[-1].score if history else None
    tracker = Tracker(timedelta(minutes=15))
    if latest is not None:
        tracker = tracker.succeeded(Reading("exposure-score", latest, NOW, NOW))
    popup.show_state(tracker.state_at(NOW), NOW, locale)
    popup.set_history(history, NOW)
    popup.show()
    qtbot.waitExposed(popup)
    return popup
