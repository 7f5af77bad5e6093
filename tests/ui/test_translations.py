"""Translation: every shown string is wrapped and catalogued, French is complete and natural.

Three nets: lupdate run over the code must find exactly the catalogue's strings (a new string
not added fails); a pseudo-translator marks every string that goes through Qt's translation and
the UI is searched for text without the mark (an unwrapped string fails); the French catalogue
has no unfinished entry and keeps every placeholder.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QMenu,
    QWidget,
)
from pytestqt.qtbot import QtBot
from trayscore.app.language import install_language
from trayscore.app.options import AppOptions
from trayscore.app.root import TrayApp
from trayscore.core.bands import Band
from trayscore.core.models import iso_utc
from trayscore.core.notice_policy import Kind, Notice, Urgency
from trayscore.settings.model import Settings
from trayscore.simulator import Simulator
from trayscore.system.paths import AppPaths
from trayscore.translations import CATALOGUE_DIR, build, catalogue, update
from trayscore.ui.notifications.texts import notice_text
from trayscore.ui.settings_dialog import SettingsDialog
from trayscore.ui.welcome import WelcomeDialog

from tests.helpers.app import FakeSleepClocks, make_app, started
from tests.helpers.cli import score_answer

OPEN, CLOSE = "\u27ea", "\u27eb"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n")
# Shown as they are on purpose: each language by its own name, region codes, numbers.
NOT_WORDS = {"English", "Français", "auto"}


def catalogue_entries(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()  # noqa: S314 - our own committed catalogue
    entries = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            entries[(name, message.findtext("source") or "")] = message
    return entries


class Pseudo(QTranslator):
    """Wraps every translated string in marks and records (context, source)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[tuple[str, str]] = set()

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        self.seen.add((context, source))
        return OPEN + source + CLOSE

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


@pytest.fixture
def pseudo(qtbot: QtBot) -> Iterator[Pseudo]:
    translator = Pseudo()
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def french(qtbot: QtBot) -> Iterator[QLocale]:
    build()  # the .qm from the committed .ts (the quick start builds them too)
    before = QLocale()
    app = QApplication.instance()
    assert app is not None
    locale, translators = install_language(app, "fr")
    yield locale
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(before)


def texts_of(widget: QWidget) -> list[str]:
    """Every piece of text a user can read in a widget and its children."""
    found = [widget.windowTitle()] if widget.isWindow() else []
    found += [label.text() for label in widget.findChildren(QLabel)]
    found += [button.text() for button in widget.findChildren(QAbstractButton)]
    found += [group.title() for group in widget.findChildren(QGroupBox)]
    for combo in widget.findChildren(QComboBox):
        found.extend(combo.itemText(index) for index in range(combo.count()))
    return found


def menu_texts(menu: QMenu) -> list[str]:
    found = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        found.append(action.text())
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found.extend(menu_texts(submenu))
    return found


def notices() -> list[Notice]:
    now = datetime(2026, 11, 28, 14, 5, tzinfo=UTC)
    earlier = now - timedelta(hours=3)
    normal, critical = Urgency.NORMAL, Urgency.CRITICAL
    medium, high = Band.MEDIUM, Band.HIGH
    return [
        Notice(Kind.BAND_CHANGED, critical, 72, high, 63, medium, earlier, 9, True),
        Notice(Kind.WORSENED, normal, 60, medium, 54, medium, earlier, 6, True),
        Notice(Kind.SIGN_IN_NEEDED, critical),
        Notice(Kind.OUTAGE, normal, 40, medium, since=earlier),
        Notice(Kind.RECOVERED, normal, 40, medium, since=earlier),
    ]


def shown_texts(qtbot: QtBot, paths: AppPaths, made: list[TrayApp]) -> list[str]:
    demo = TrayApp(
        settings=Settings(),
        paths=paths,
        environ={},
        options=AppOptions(demo=True, tray_grace_ms=50),
        sleep_clocks=FakeSleepClocks(),
    )
    app = started(demo, made)  # the demo: its account line is shown too
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    app.show_history()
    dialog = SettingsDialog(Settings(), autostart=False)
    welcome = WelcomeDialog("https://example.invalid/docs")
    qtbot.addWidget(dialog)
    qtbot.addWidget(welcome)
    now = datetime.now(UTC)
    texts = [
        *app.view.tray.toolTip().splitlines(),
        *menu_texts(app.view.menu),
        *texts_of(app.surfaces.popup),
        *texts_of(dialog),
        *texts_of(welcome),
    ]
    for notice in notices():
        words = notice_text(notice, now, QLocale(), problem=None)
        texts += [words.title, words.body, *(label for _key, label in words.actions)]
    return [text for text in texts if text.strip()]


def test_every_shown_string_goes_through_translation_and_is_catalogued(
    qtbot: QtBot, paths: AppPaths, app_factory: list[TrayApp], pseudo: Pseudo
) -> None:
    # GIVEN the tray, its menu, the popup, the dialogs and every notification, drawn under a
    # pseudo-translator that marks what it translated
    texts = shown_texts(qtbot, paths, app_factory)
    assert len(texts) > 60
    # THEN every text a user reads carries the mark (words outside it would stay English)
    unwrapped = [
        text
        for text in texts
        if OPEN not in text
        and text not in NOT_WORDS
        and re.search(r"[A-Za-z]{2}", text)
        and not re.fullmatch(r"[a-z]{2,14}", text)  # region codes
    ]
    assert unwrapped == []
    # AND every string of ours that was translated is in the catalogue lupdate keeps
    ours = catalogue_entries(catalogue("fr", ".ts"))
    contexts = {context for context, _source in ours}
    missing = sorted(pair for pair in pseudo.seen if pair[0] in contexts and pair not in ours)
    assert missing == []
    assert {context for context, _ in pseudo.seen} >= {"Tray", "TrayView", "HistoryPopup"}


def test_lupdate_finds_exactly_the_catalogued_strings(tmp_path: Path) -> None:
    # GIVEN the committed French catalogue, copied  WHEN lupdate reads the code into the copy
    copy = tmp_path / "trayscore_fr.ts"
    copy.write_bytes(catalogue("fr", ".ts").read_bytes())
    update(copy, "fr")
    # THEN nothing was added (every string in the code is catalogued) and nothing dropped
    assert set(catalogue_entries(copy)) == set(catalogue_entries(catalogue("fr", ".ts")))


def test_the_french_catalogue_is_complete_and_keeps_placeholders() -> None:
    entries = catalogue_entries(catalogue("fr", ".ts"))
    assert len(entries) > 100
    for (context, source), message in entries.items():
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") is None, f"unfinished: {context} {source!r}"
        forms = [form.text or "" for form in translation.iter("numerusform")]
        texts = forms or [translation.text or ""]
        for text in texts:
            assert text.strip(), f"empty: {context} {source!r}"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source))
            assert text.count("&") == source.count("&"), f"mnemonic: {source!r}"
        if message.get("numerus") == "yes":
            assert len(forms) == 2  # French: one (0 and 1), many


def test_the_catalogues_build_into_the_package(tmp_path: Path) -> None:
    # WHEN lrelease builds a copy of the sources  THEN each language gets a loadable .qm
    for source in CATALOGUE_DIR.glob("*.ts"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    written = build(tmp_path, only_stale=False)
    assert sorted(path.name for path in written) == ["trayscore_en.qm", "trayscore_fr.qm"]
    translator = QTranslator()
    assert translator.load(str(tmp_path / "trayscore_fr.qm"))
    assert translator.translate("Tray", "High") == "Élevé"


def test_in_french_the_tray_menu_and_popup_speak_french_with_a_decimal_comma(
    qtbot: QtBot, paths: AppPaths, app_factory: list[TrayApp], french: QLocale
) -> None:
    # GIVEN the French catalogue in force and a score of 33.5 at 14:05 today
    with Simulator(seed=1) as sim:
        sim.script(score_answer(33.5, iso_utc(datetime.now(UTC))))
        app = started(make_app(paths, sim), app_factory)
        qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    # THEN the tooltip, the status line and the menu are French, with a decimal comma
    tooltip = app.view.tray.toolTip()
    assert tooltip.startswith("Score d'exposition 33,5 (Moyen)")
    assert "à jour à" in tooltip
    assert re.match(r"33,5 \(Moyen\) · à jour à \d\d:\d\d$", app.view.status_action.text())
    menu = menu_texts(app.view.menu)
    assert "Actualiser maintenant" in menu
    assert "Afficher l'historique" in menu
    assert "Pendant 1 heure" in menu
    assert "Pendant 4 heures" in menu
    assert "Quitter" in menu
    # AND the popup too
    app.show_history()
    popup_texts = texts_of(app.surfaces.popup)
    assert "trayscore - historique" in popup_texts
    assert "&Copier le résumé" in popup_texts  # with its mnemonic
    assert any(text.startswith("Score d'exposition 33,5 (Moyen)") for text in popup_texts)
    assert {"7 j", "30 j", "90 j", "1 an"} <= set(popup_texts)


def test_in_french_a_notification_reads_naturally(qtbot: QtBot, french: QLocale) -> None:
    now = datetime.now(UTC)
    earlier = now - timedelta(hours=3)
    notice = Notice(
        Kind.BAND_CHANGED, Urgency.CRITICAL, 72, Band.HIGH, 63, Band.MEDIUM, earlier, 9, True
    )
    words = notice_text(notice, now, french, problem=None)
    assert words.title == "Score d'exposition s'est dégradé : désormais Élevé"
    assert words.body.startswith("Le score d'exposition est monté à 72 (Élevé), soit 9 de plus")
    assert words.actions == (("history", "Afficher l'historique"),)
