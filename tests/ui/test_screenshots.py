"""The README's screenshots (docs/images/) are what the code draws today.

scripts/render_screenshots.py renders them offscreen at a fixed clock, time zone, font, style and
history; this test renders them again and compares pixel by pixel, with a small tolerance for
anti-aliasing. When it fails, run the script and commit the new images.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from tests.helpers.images import differing_share

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"
SCRIPT = ROOT / "scripts" / "render_screenshots.py"
SHARE_ALLOWED = 0.005  # of the pixels may differ by more than that
SIZE_LIMIT = 64 * 1024  # bytes per image: small PNGs in the repository


def test_the_committed_screenshots_match_what_the_code_renders(tmp_path: Path) -> None:
    # GIVEN the images rendered now from the code, into a folder of the test's own
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rendered = sorted(path.name for path in tmp_path.glob("*.png"))
    # THEN the same set of images is committed, each small
    assert rendered == sorted(path.name for path in IMAGES.glob("*.png"))
    stale = []
    for name in rendered:
        committed, fresh = QImage(str(IMAGES / name)), QImage(str(tmp_path / name))
        assert (IMAGES / name).stat().st_size <= SIZE_LIMIT, name
        # AND each matches its fresh render in size and, but for anti-aliasing, in pixels
        if committed.size() != fresh.size():
            stale.append(f"{name}: {committed.size().toTuple()} != {fresh.size().toTuple()}")
        elif (share := differing_share(committed, fresh)) > SHARE_ALLOWED:
            stale.append(f"{name}: {share:.1%} of the pixels differ")
    assert not stale, f"run {SCRIPT.relative_to(ROOT)} and commit docs/images/: {stale}"


def test_the_readme_and_the_metainfo_show_every_screenshot() -> None:
    """AppStream: <screenshots> in the metainfo (freedesktop.org AppStream, Metainfo files)."""
    readme = (ROOT / "README.md").read_text("utf-8")
    metainfo = (ROOT / "packaging" / "linux" / "io.github.trayscore.metainfo.xml").read_text(
        "utf-8"
    )
    for path in IMAGES.glob("*.png"):
        assert f"docs/images/{path.name}" in readme, path.name
    for name in ("bands-en.png", "popup-en.png", "notification-en.png"):
        assert f"docs/images/{name}</image>" in metainfo, name
