"""Render the application icon from its one source drawing (resources/trayscore.svg).

Writes ``<out>/hicolor/<n>x<n>/apps/trayscore.png`` at every standard size, the scalable SVG,
a multi-size ``trayscore.ico`` (PNG entries, Vista and later) and ``trayscore.icns`` (PNG
entries). Both containers are written here byte by byte: Qt writes single images only.
Usage: python packaging/icons.py OUT  (needs PySide6: run it with the build environment).
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SOURCE = Path(__file__).resolve().parent.parent / "resources" / "trayscore.svg"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# icns element types holding PNG data, by pixel size (the @2x ones reuse the larger renders).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def render(renderer: QSvgRenderer, side: int) -> bytes:
    """The drawing at ``side`` x ``side`` pixels, as PNG bytes."""
    image = QImage(side, side, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    # Through a file: PySide6's QImage.save(QIODevice, format) takes a str at run time and
    # bytes in its type stubs, so neither spelling satisfies both.
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "icon.png"
        if not image.save(str(path)):
            raise SystemExit(f"cannot write a {side} px PNG")
        return path.read_bytes()


def ico(images: dict[int, bytes]) -> bytes:
    """An .ico with one PNG entry per size (a 256 px entry is written as 0 x 0)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for side, png in sorted(images.items()):
        dim = 0 if side >= 256 else side
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    """An .icns with PNG elements."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(images[side])) + images[side] for kind, side in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main(out: Path) -> int:
    """Render everything into ``out``."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    sizes = sorted({*HICOLOR_SIZES, *ICO_SIZES, *(side for _kind, side in ICNS_TYPES)})
    images = {side: render(renderer, side) for side in sizes}
    for side in HICOLOR_SIZES:
        folder = out / "hicolor" / f"{side}x{side}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "trayscore.png").write_bytes(images[side])
    scalable = out / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable / "trayscore.svg")
    (out / "trayscore.ico").write_bytes(ico({side: images[side] for side in ICO_SIZES}))
    (out / "trayscore.icns").write_bytes(icns(images))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
