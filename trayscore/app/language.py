"""The GUI's language: the setting, else the system's; our catalogue and Qt's own.

Dates, times and numbers follow the same locale (QLocale.setDefault), so a French desktop reads
"33,5 (Moyen) · à jour à 14:05". Machine output (JSON, CSV, --check) never passes through here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from trayscore.translations import SHIPPED, catalogue


def chosen_locale(setting: str) -> QLocale:
    """``auto``: the system's locale (LANG, LC_ALL, ...) when we ship its language, else English."""
    if setting != "auto":
        return QLocale(setting)
    system = QLocale.system()
    if (
        system.language() == QLocale.Language.C
        or QLocale.languageToCode(system.language()) in SHIPPED
    ):
        return system  # the C locale ("POSIX") keeps its plain formats: 24-hour clock, dot
    return QLocale(QLocale.Language.English, system.territory())


def install_language(app: QCoreApplication, setting: str) -> tuple[QLocale, list[QTranslator]]:
    """Load the catalogues for ``setting`` into ``app``; returns the locale and the translators.

    Keep the translators alive as long as the app: Qt does not own them.
    """
    locale = chosen_locale(setting)
    QLocale.setDefault(locale)
    code = QLocale.languageToCode(locale.language())
    # The C locale still reads English: our English catalogue holds its plural forms
    # ("1 day", "30 days"), which the source text's "day(s)" only stands in for.
    ours = catalogue(code if code in SHIPPED else "en")
    translators: list[QTranslator] = []
    qt_own = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for path in (str(ours), f"{qt_own}/qtbase_{code}.qm"):
        translator = QTranslator(app)
        if translator.load(path):
            app.installTranslator(translator)
            translators.append(translator)
    return locale, translators
