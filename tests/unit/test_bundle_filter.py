"""packaging/bundle_filter.py: the frozen bundle keeps the same Qt pieces on Linux and Windows.

PySide6's wheels put Qt under ``PySide6/Qt/plugins`` on Linux and ``PySide6/plugins`` on
Windows (see the wheels' file lists on PyPI); PyInstaller keeps those destination paths with
the OS's separator.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_filter() -> ModuleType:
    # packaging/ must not be a package (it would shadow PyPI's packaging): loaded by path.
    spec = importlib.util.spec_from_file_location(
        "bundle_filter", ROOT / "packaging" / "bundle_filter.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
        "PySide6\\plugins\\networkinformation\\qnetworklistmanager.dll",
        "PySide6/Qt/translations/qtbase_fr.qm",
        "PySide6\\translations\\qtbase_fr.qm",
        "PySide6\\Qt6Core.dll",
        "trayscore/i18n/trayscore_fr.qm",
    ],
)
def test_what_the_app_needs_is_kept_in_both_layouts(dest: str) -> None:
    # GIVEN a file the app uses, in the Linux or the Windows layout THEN it is kept
    assert load_filter().kept(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6\\plugins\\platforms\\qdirect2d.dll",
        "PySide6\\plugins\\imageformats\\qjpeg.dll",
        "PySide6\\plugins\\sqldrivers\\qsqlite.dll",
        "PySide6\\plugins\\tls\\qschannelbackend.dll",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\translations\\qtbase_de.qm",
        "PySide6\\translations\\qt_help_fr.qm",
        "PySide6\\opengl32sw.dll",
    ],
)
def test_what_the_app_never_uses_is_dropped_in_both_layouts(dest: str) -> None:
    # GIVEN an unused plugin, catalogue or the software OpenGL DLL THEN it is left out
    assert not load_filter().kept(dest)
