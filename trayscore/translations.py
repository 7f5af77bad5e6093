"""The GUI's translation catalogues: ``.ts`` sources in the package, ``.qm`` built beside them.

No Qt import here: building runs ``pyside6-lrelease`` (it ships with PySide6-Essentials) as a
program, so the quick start, the tests and the packaging all build the same files the same way:
``python -m trayscore.translations``. The ``.qm`` files are build outputs and are not committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Final

CATALOGUE_DIR: Final = Path(__file__).resolve().parent / "i18n"
PREFIX: Final = "trayscore_"
SHIPPED: Final = ("en", "fr")


def catalogue(language: str, suffix: str = ".qm", folder: Path = CATALOGUE_DIR) -> Path:
    """The file of one language, e.g. i18n/trayscore_fr.qm."""
    return folder / f"{PREFIX}{language}{suffix}"


def gui_sources(package: Path = CATALOGUE_DIR.parent) -> list[Path]:
    """Every module that shows text in the GUI: what lupdate reads."""
    return [
        *sorted((package / "ui").rglob("*.py")),
        *sorted((package / "app").rglob("*.py")),
        # doctor's human lines: the CLI hands in Qt's translator
        *sorted((package / "doctor").rglob("*.py")),
    ]


def program(name: str, executable: str = sys.executable, platform: str = sys.platform) -> str:
    """A PySide6 tool (pyside6-lupdate, pyside6-lrelease) beside this interpreter, else on PATH.

    On Windows the tool is ``name.exe`` in the environment's ``Scripts`` folder, beside
    ``python.exe``: looking for the bare name there finds nothing.
    """
    names = (f"{name}.exe", name) if platform == "win32" else (name,)
    for candidate in names:
        beside = Path(executable).with_name(candidate)
        if beside.exists():
            return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found: install PySide6-Essentials")
    return found


def update(target: Path, language: str) -> None:
    """Run lupdate over the GUI sources into ``target`` (a .ts), keeping its translations."""
    subprocess.run(  # noqa: S603 - our own program and file names
        [
            program("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            *map(str, gui_sources()),
            "-target-language",
            language,
            "-ts",
            str(target),
        ],
        check=True,
    )


def stale(folder: Path = CATALOGUE_DIR) -> list[Path]:
    """The .ts sources whose .qm is missing or older."""
    out = []
    for source in sorted(folder.glob(f"{PREFIX}*.ts")):
        built = source.with_suffix(".qm")
        if not built.exists() or built.stat().st_mtime < source.stat().st_mtime:
            out.append(source)
    return out


def build(folder: Path = CATALOGUE_DIR, *, only_stale: bool = True) -> list[Path]:
    """Compile the catalogues in ``folder`` beside their sources; returns the .qm files written.

    setup.py calls it on the wheel's copy of the package, so every wheel carries them.
    """
    sources = stale(folder) if only_stale else sorted(folder.glob(f"{PREFIX}*.ts"))
    written = []
    for source in sources:
        target = source.with_suffix(".qm")
        subprocess.run(  # noqa: S603 - our own program and file names
            [program("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)],
            check=True,
        )
        written.append(target)
    return written


def main() -> int:
    """``python -m trayscore.translations [--all|--update]``: build what is missing or stale.

    ``--update`` first refreshes the .ts sources from the code (new strings arrive unfinished).
    """
    if "--update" in sys.argv[1:]:
        for language in SHIPPED:
            update(catalogue(language, ".ts"), language)
    written = build(only_stale="--all" not in sys.argv[1:])
    for path in written:
        print(f"built {path}")  # noqa: T201 - a build step's one line per file
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
