"""Render the README's and the AppStream metainfo's screenshots from the real widgets.

    .venv/bin/python scripts/render_screenshots.py            # writes docs/images/*.png
    .venv/bin/python scripts/render_screenshots.py --out DIR  # elsewhere (the test compares)
    .venv/bin/python scripts/render_screenshots.py --review DIR  # also 200 % and high contrast

Offscreen, at a fixed clock, time zone, font and history, so the same code gives the same
pixels: tests/ui/test_screenshots.py renders them again and fails when docs/images/ is out of
date. The icon in each band, the history popup, and a notification (the app's own title, body,
icon and buttons, on a neutral card: the desktop draws the real one), and the list of several
tenants, in English and French.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["TZ"] = "UTC"
os.environ["QT_SCALE_FACTOR"] = "1"
time.tzset()

from PySide6.QtCore import QLocale, Qt, QTranslator  # noqa: E402 - after the platform is set
from PySide6.QtGui import QColor, QFont, QPalette  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from trayscore.core.bands import Band  # noqa: E402
from trayscore.core.display_state import Look, Tracker  # noqa: E402
from trayscore.core.models import Reading  # noqa: E402
from trayscore.core.notice_policy import Kind, Notice, Urgency  # noqa: E402
from trayscore.translations import catalogue  # noqa: E402
from trayscore.ui.icon import IconSpec, render_pixmap  # noqa: E402
from trayscore.ui.notifications.texts import notice_text  # noqa: E402
from trayscore.ui.popup import HistoryPopup  # noqa: E402
from trayscore.ui.texts import band_name  # noqa: E402

ROOT: Final = Path(__file__).resolve().parents[1]
IMAGES: Final = ROOT / "docs" / "images"
NOW: Final = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)
FONT: Final = ("DejaVu Sans", 9)  # fonts-dejavu-core: the same glyphs on every test machine
# (score, days ago): a month that starts medium, dips, climbs into high and eases a little.
HISTORY: Final = ((64.0, 30), (58.5, 24), (61.0, 19), (70.5, 12), (81.0, 6), (76.5, 2), (72.5, 0.4))
BAND_SCORES: Final = {Band.LOW: 22.0, Band.MEDIUM: 48.0, Band.HIGH: 81.0}
LANGUAGES: Final = {
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
    "fr": QLocale(QLocale.Language.French, QLocale.Country.France),
}


class Run:
    """A history run as the popup reads it."""

    def __init__(self, score: float, start: datetime, end: datetime) -> None:
        self.score, self.time, self.last_confirmed = score, start, end


def history() -> list[Run]:
    """HISTORY as runs, each lasting until the next one starts."""
    runs = []
    for index, (score, days) in enumerate(HISTORY):
        start = NOW - timedelta(days=days)
        end = NOW - timedelta(days=HISTORY[index + 1][1]) if index + 1 < len(HISTORY) else NOW
        runs.append(Run(score, start, end))
    return runs


def popup(locale: QLocale, palette: QPalette | None = None) -> HistoryPopup:
    """The history popup with a month of history, as a user sees it after a click."""
    widget = HistoryPopup()
    if palette is not None:
        widget.setPalette(palette)
    reading = Reading("exposure-score", HISTORY[-1][0], NOW - timedelta(minutes=4), NOW)
    state = Tracker(timedelta(minutes=15)).succeeded(reading).state_at(NOW)
    widget.show_state(state, NOW, locale)
    widget.set_history(history(), NOW)  # type: ignore[arg-type]
    return widget


# Five tenants, worst first, as the list popup shows them: (name, score or None, look).
TENANTS: Final = (
    ("Contoso", 81.4, Look.SCORE),
    ("Tailspin", 62.6, Look.SCORE),
    ("Northwind", 48.2, Look.STALE),
    ("Fabrikam", 11.6, Look.SCORE),
    ("Woodgrove", None, Look.SIGN_IN),
)


def tenants(locale: QLocale) -> QWidget:
    """The list of tenants, worst first: a month's sparkline and the week's change each."""
    from trayscore.core.errors import SignInRequired  # noqa: PLC0415
    from trayscore.core.trend import Change  # noqa: PLC0415
    from trayscore.ui.fleet_popup import FleetPopup, TenantRow  # noqa: PLC0415

    widget = FleetPopup()
    rows = []
    for number, (name, score, look) in enumerate(TENANTS):
        tracker = Tracker(timedelta(minutes=15))
        if score is None:
            state = tracker.failed(SignInRequired("Sign in again.")).state_at(NOW)
            rows.append(TenantRow(name, state))
            continue
        age = timedelta(hours=2) if look is Look.STALE else timedelta(minutes=4)
        reading = Reading("exposure-score", score, NOW - age, NOW - age)
        state = tracker.succeeded(reading).state_at(NOW)
        wave = [
            math.sin(step / 5 + number * 1.3) - math.sin(29 / 5 + number * 1.3)
            for step in range(30)
        ]
        spark = tuple(min(100.0, max(0.0, score + 9 * value)) for value in wave)
        change = Change(round(score - spark[-8], 1))
        rows.append(TenantRow(name, state, change, spark))
    widget.show_tenants(rows, locale, demo=False)
    widget.resize(440, 330)
    return widget


def bands(locale: QLocale) -> QWidget:
    """The tray icon in each band, at tray size and larger, with the band's name."""
    del locale
    strip = QWidget()
    strip.setObjectName("bands")
    layout = QHBoxLayout(strip)
    for band, score in BAND_SCORES.items():
        column = QVBoxLayout()
        spec = IconSpec(Look.SCORE, text=str(round(score)), band=band)
        row = QHBoxLayout()
        for side in (22, 48):
            icon = QLabel(strip)
            icon.setPixmap(render_pixmap(spec, side))
            row.addWidget(icon, 0, Qt.AlignmentFlag.AlignBottom)
        column.addLayout(row)
        column.addWidget(QLabel(band_name(band), strip), 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(column)
    return strip


def notification(locale: QLocale) -> QWidget:
    """A band-change notification: the app's title, body, icon and buttons on a plain card."""
    notice = Notice(
        Kind.BAND_CHANGED,
        Urgency.NORMAL,
        score=72.5,
        band=Band.HIGH,
        previous_score=64.0,
        previous_band=Band.MEDIUM,
        previous_at=NOW - timedelta(hours=5),
        change=9,
        got_worse=True,
    )
    text = notice_text(notice, NOW, locale, None)
    card = QFrame()
    card.setObjectName("notification")
    card.setFrameShape(QFrame.Shape.StyledPanel)
    card.setFixedWidth(380)
    icon = QLabel(card)
    icon.setPixmap(render_pixmap(IconSpec(Look.SCORE, text="73", band=Band.HIGH), 48))
    title = QLabel(text.title, card)
    bold = title.font()
    bold.setBold(True)
    title.setFont(bold)
    body = QLabel(text.body, card)
    body.setWordWrap(True)
    words = QVBoxLayout()
    words.addWidget(title)
    words.addWidget(body)
    top = QHBoxLayout()
    top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
    top.addLayout(words, 1)
    buttons = QHBoxLayout()
    buttons.addStretch()
    for _, label in text.actions:
        buttons.addWidget(QPushButton(label, card))
    layout = QVBoxLayout(card)
    layout.addLayout(top)
    layout.addLayout(buttons)
    return card


def high_contrast(window: str, text: str) -> QPalette:
    """A high-contrast palette like Windows' High Contrast Black / White."""
    palette = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        palette.setColor(role, QColor(window))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(role, QColor(text))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1AEBFF"))
    return palette


def save(widget: QWidget, path: Path) -> None:
    """Lay out, grab and write ``widget`` as an 8-bit PNG."""
    if not isinstance(widget, HistoryPopup) and widget.objectName() != "fleetPopup":
        widget.adjustSize()
    widget.show()
    QApplication.processEvents()
    image = widget.grab().toImage()
    image.save(str(path), "PNG", 9)
    widget.hide()
    widget.deleteLater()


def render(app: QApplication, out: Path, review: Path | None) -> list[Path]:
    """Every screenshot into ``out`` (and the accessibility variants into ``review``)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for code, locale in LANGUAGES.items():
        translator = QTranslator()
        if not translator.load(str(catalogue(code))):
            raise SystemExit(f"no catalogue for {code}: run python -m trayscore.translations")
        app.installTranslator(translator)
        QLocale.setDefault(locale)
        for name, build in (
            ("bands", bands),
            ("popup", popup),
            ("notification", notification),
            ("tenants", tenants),
        ):
            path = out / f"{name}-{code}.png"
            save(build(locale), path)
            written.append(path)
        if review is not None and code == "en":
            review.mkdir(parents=True, exist_ok=True)
            for theme, (window, text) in {
                "black": ("#000000", "#FFFFFF"),
                "white": ("#FFFFFF", "#000000"),
            }.items():
                save(popup(locale, high_contrast(window, text)), review / f"popup-hc-{theme}.png")
            base = QFont(app.font())
            large = QFont(base)
            large.setPointSizeF(base.pointSizeF() * 2)
            app.setFont(large)
            save(popup(locale), review / "popup-200.png")
            app.setFont(base)
        app.removeTranslator(translator)
    return written


def main(argv: list[str]) -> int:
    """Render, and name each file written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=IMAGES, help="where the PNGs go")
    parser.add_argument("--review", type=Path, help="also render 200 %% and high contrast here")
    args = parser.parse_args(argv)
    app = QApplication(["trayscore"])
    app.setStyle("Fusion")  # the same look on every machine, whatever the desktop's style
    app.setPalette(app.style().standardPalette())
    app.setFont(QFont(*FONT))
    for path in render(app, args.out, args.review):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
