"""What the frozen bundle keeps of PySide6: read by packaging/trayscore.spec, tested by unit tests.

PySide6's wheels lay Qt out differently per OS: ``PySide6/Qt/plugins`` and
``PySide6/Qt/translations`` on Linux, ``PySide6/plugins`` and ``PySide6/translations`` on
Windows, whose DLLs sit in ``PySide6/`` itself. PyInstaller keeps those paths as the
destination names, with the OS's own separator. Every rule here matches both layouts.
"""

from __future__ import annotations

from typing import Final

# The layouts' Qt roots inside the bundle, Linux first.
QT_ROOTS: Final = ("PySide6/Qt/", "PySide6/")
# Qt plugins the app uses. Linux: X11 (xcb) with its GL integrations, the compose-key input
# context (accents typed in the settings dialog), NetworkManager reachability. Windows: the
# windows platform, its native widget style and the Network List Manager reachability. Not
# kept: GTK platform theme (drags in the host's GTK 3), Wayland and eglfs, TLS backends
# (requests does TLS), image formats beyond Qt's built-in PNG, the SVG icon engine, QML, SQL.
KEEP_PLUGINS: Final = (
    "platforms/libqxcb.so",
    "xcbglintegrations/",
    "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "networkinformation/libqnetworkmanager.so",
    "platforms/qwindows.dll",
    "styles/qmodernwindowsstyle.dll",
    "networkinformation/qnetworklistmanager.dll",
)
# Qt's own catalogues: only the languages the app ships (standard buttons, context menus).
KEEP_QT_TRANSLATIONS: Final = ("qtbase_fr.qm",)
# Whole files never shipped: Mesa's software OpenGL for Windows (20 MB; the app draws with
# QPainter, and QtOpenGL is excluded).
DROP_FILES: Final = ("opengl32sw.dll",)


def _inside(dest: str, folder: str) -> str | None:
    """The part of ``dest`` below Qt's ``folder`` in either layout, or None when outside it."""
    path = dest.replace("\\", "/")
    for root in QT_ROOTS:
        marker = f"{root}{folder}/"
        if path.startswith(marker):
            return path[len(marker) :]
    return None


def plugin_kept(dest: str) -> bool:
    """False for a Qt plugin the app does not use; True for anything that is not a plugin."""
    inner = _inside(dest, "plugins")
    if inner is None:
        return True
    return any(inner == keep or inner.startswith(keep) for keep in KEEP_PLUGINS)


def translation_kept(dest: str) -> bool:
    """False for Qt's catalogues of languages the app does not ship."""
    inner = _inside(dest, "translations")
    return inner is None or inner in KEEP_QT_TRANSLATIONS


def kept(dest: str) -> bool:
    """Whether the bundle keeps the file PyInstaller would put at ``dest``."""
    name = dest.replace("\\", "/").rsplit("/", 1)[-1]
    return name not in DROP_FILES and plugin_kept(dest) and translation_kept(dest)
