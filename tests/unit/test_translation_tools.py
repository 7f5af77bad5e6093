"""Finding PySide6's translation tools, as each OS installs console scripts."""

from __future__ import annotations

from pathlib import Path

from trayscore.translations import program


def test_windows_finds_the_exe_beside_python(tmp_path: Path) -> None:
    """pip puts a console script on Windows as ``Scripts\\NAME.exe`` beside ``python.exe``
    (pip's documentation, "Console scripts" / distlib's launchers)."""
    # GIVEN a Windows environment's Scripts folder with python.exe and pyside6-lrelease.exe
    scripts = tmp_path / "Scripts"
    scripts.mkdir()
    (scripts / "python.exe").touch()
    (scripts / "pyside6-lrelease.exe").touch()
    # WHEN the tool is looked up there THEN the .exe is found
    found = program("pyside6-lrelease", str(scripts / "python.exe"), "win32")
    assert found == str(scripts / "pyside6-lrelease.exe")


def test_linux_finds_the_bare_name_beside_python(tmp_path: Path) -> None:
    # GIVEN a venv's bin folder with python and pyside6-lrelease THEN the bare name is found
    (tmp_path / "python").touch()
    (tmp_path / "pyside6-lrelease").touch()
    found = program("pyside6-lrelease", str(tmp_path / "python"), "linux")
    assert found == str(tmp_path / "pyside6-lrelease")
