"""Copy summary: one ticket-ready line (what, when with its offset, which tenant, how it moved,
the other scores), "Copied" on the button, and the demo's data marked as the demo's; Export
starts in Documents and keeps the popup open."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QEvent, QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from trayscore.core.display_state import Tracker
from trayscore.core.models import Reading
from trayscore.ui.popup import HistoryPopup

from tests.helpers.popup import NOW, C, runs


@pytest.fixture
def berlin() -> Iterator[None]:
    """The user's clock in Berlin (UTC+01:00 in November), as the summary's reader may not be."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def popup_for(qtbot: QtBot, tracker: Tracker) -> HistoryPopup:
    popup = HistoryPopup()
    qtbot.addWidget(popup)
    popup.show_state(tracker.state_at(NOW), NOW, C)
    popup.set_history(runs((40.0, 200), (55.0, 60), (30.0, 0.5)), NOW)
    return popup


def tracker(*, demo: bool = False) -> Tracker:
    primary = Reading("exposure-score", 30.0, NOW - timedelta(minutes=5), NOW)
    secure = Reading("secure-score", 61.2, NOW - timedelta(hours=13), NOW)
    base = Tracker(timedelta(minutes=15), tenant="contoso.onmicrosoft.com", demo=demo)
    return base.succeeded(primary).with_extras((secure,), ())


def test_the_summary_is_one_ticket_ready_line(qtbot: QtBot, berlin: None) -> None:
    # GIVEN the popup of a tenant with a history and a second score
    popup = popup_for(qtbot, tracker())
    # WHEN the user copies the summary
    popup.copy_button.click()
    text = QGuiApplication.clipboard().text()
    # THEN one line names the score, the moment with its UTC offset, the tenant, the changes
    # and the other score, and the button says it copied
    assert "\n" not in text
    assert text.startswith(
        "Exposure score 30.0 (Medium) at 2026-11-28T14:55+01:00, tenant contoso.onmicrosoft.com; "
    )
    assert "24 h -25.0" in text
    assert text.endswith("; Secure Score 61.2 points")  # the other rows, as the popup shows them
    assert popup.copy_button.text() == "Copied"


def test_the_demo_summary_says_it_is_the_demo(qtbot: QtBot) -> None:
    # GIVEN the demo's popup
    popup = popup_for(qtbot, tracker(demo=True))
    # THEN it wears the Demo badge, and what it copies starts with "Demo:"
    assert popup.demo_badge.isVisibleTo(popup)
    assert popup.demo_badge.text() == "Demo: simulated data, not your tenant"
    popup.copy_summary()
    assert QGuiApplication.clipboard().text().startswith("Demo: Exposure score 30.0 (Medium)")


def test_a_real_tenants_popup_has_no_demo_badge(qtbot: QtBot) -> None:
    popup = popup_for(qtbot, tracker())
    assert not popup.demo_badge.isVisibleTo(popup)


def test_export_starts_in_documents_and_the_popup_stays_open(qtbot: QtBot, tmp_path: Path) -> None:
    # GIVEN the popup on screen, once active
    popup = popup_for(qtbot, tracker())
    popup.show()
    qtbot.waitExposed(popup)
    chosen = str(tmp_path / "history.csv")
    asked: list[str] = []

    def user_answers(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        # the file dialog takes the focus: the popup hears it lose activation
        popup._was_active = True
        QApplication.sendEvent(popup, QEvent(QEvent.Type.ActivationChange))
        return chosen, ""

    popup.ask_save_path = user_answers  # type: ignore[assignment]
    # WHEN the user exports
    with qtbot.waitSignal(popup.export_requested, timeout=1000) as sent:
        popup.export_button.click()
    # THEN the dialog started in Documents, the path chosen is exported, and the popup is open
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert asked == [QDir(documents or QDir.homePath()).filePath("trayscore-history.csv")]
    assert sent.args == [chosen]
    assert popup.isVisible()
