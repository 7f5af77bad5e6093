"""The wheel a plain ``pip install`` / ``pipx install`` builds carries the compiled catalogues."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A compiled Qt catalogue starts with this magic (qtbase's src/corelib/kernel/qtranslator.cpp).
QM_MAGIC = bytes.fromhex("3CB86418CAEF9C95CD211CBF60A1BDDD")


def test_the_wheel_built_from_a_clean_tree_contains_the_french_catalogue(tmp_path: Path) -> None:
    """PEP 517 build_wheel through setuptools' build_py (setup.py), as pip runs it."""
    # GIVEN a copy of the source tree with no compiled catalogue in it, as a fresh clone
    tree = tmp_path / "tree"
    shutil.copytree(
        ROOT / "trayscore",
        tree / "trayscore",
        ignore=shutil.ignore_patterns("*.qm", "__pycache__"),
    )
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, tree / name)
    assert not list(tree.rglob("*.qm"))
    # WHEN pip builds its wheel (offline: this environment's setuptools and PySide6)
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"),
            *("--no-index", "--quiet", "-w", str(tmp_path / "out"), str(tree)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    # THEN the wheel holds trayscore/i18n/trayscore_fr.qm, a real Qt catalogue
    (wheel,) = (tmp_path / "out").glob("trayscore-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "trayscore/i18n/trayscore_fr.qm" in names
        assert archive.read("trayscore/i18n/trayscore_fr.qm").startswith(QM_MAGIC)
    # AND the source copy was left without build outputs
    assert not list((tree / "trayscore").rglob("*.qm"))
