"""The tray icon, drawn with QPainter: the score as a number on a shape that names the band.

Bands differ by shape and lightness as well as hue (circle for low, rounded square for medium,
square for high), so colour-blind users and monochrome panels can still tell them apart. The
digits are drawn as a path fitted to the shape, so "100" stays legible at 16 px with any font.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTransform,
)

from trayscore.core.bands import Band, Severity, displayed_integer
from trayscore.core.catalog import severity
from trayscore.core.display_state import DisplayState, Look
from trayscore.ui.start_icon import START_SIDES, start_icon_path

ICON_SIZES: Final = (16, 22, 24, 32, 48, 64)
BAND_FILL: Final = {Band.LOW: "#43A047", Band.MEDIUM: "#FDD835", Band.HIGH: "#B71C1C"}
BAND_INK: Final = {Band.LOW: "#FFFFFF", Band.MEDIUM: "#1A1A1A", Band.HIGH: "#FFFFFF"}
SIGN_IN_FILL: Final = "#1565C0"
ERROR_FILL: Final = "#424242"
NO_DATA_INK: Final = "#9E9E9E"
PROBLEM_BADGE: Final = "#FF6F00"
SNOOZE_BADGE: Final = "#37474F"
OUTLINE: Final = QColor(0, 0, 0, 150)
STALE_OPACITY: Final = 0.45
SEVERITY_LOOK: Final = {
    Severity.GOOD: Band.LOW,
    Severity.FAIR: Band.MEDIUM,
    Severity.POOR: Band.HIGH,
}
# Monochrome: the bands still differ by shape, and by lightness far apart from each other.
MONO_FILL: Final = {Band.LOW: "#EEEEEE", Band.MEDIUM: "#8A8A8A", Band.HIGH: "#1A1A1A"}
MONO_INK: Final = {Band.LOW: "#1A1A1A", Band.MEDIUM: "#000000", Band.HIGH: "#FFFFFF"}
MONO_HIGH_OUTLINE: Final = QColor(
    255, 255, 255, 190
)  # a black square must not vanish on a dark panel


@dataclass(frozen=True)
class IconStyle:
    """The user's choice: colour or monochrome, with the number or the band's shape alone."""

    monochrome: bool = False
    number: bool = True


@dataclass(frozen=True)
class IconSpec:
    """Everything that decides the picture; equal specs draw equal icons (so no setIcon)."""

    look: Look
    text: str = ""
    band: Band | None = None  # the drawing's band: exposure's band of the same severity
    problem_badge: bool = False
    monochrome: bool = False
    snoozed: bool = False  # notifications are snoozed: a "z" in the bottom-left corner
    count: int = 0  # several tenants: how many, in the top-left corner (the icon is the worst's)


def icon_spec(
    state: DisplayState, style: IconStyle | None = None, *, snoozed: bool = False
) -> IconSpec:
    """What to draw for a state, in the user's style; ``snoozed`` adds the snooze badge."""
    style = style or IconStyle()
    reading = state.reading
    if state.look in {Look.SCORE, Look.STALE} and reading is not None:
        return IconSpec(
            look=state.look,
            text=str(displayed_integer(reading.score)) if style.number else "",
            band=drawn_band(reading.source, reading.band),
            problem_badge=state.look is Look.SCORE and state.problem is not None,
            monochrome=style.monochrome,
            snoozed=snoozed,
        )
    return IconSpec(look=state.look, monochrome=style.monochrome, snoozed=snoozed)


def drawn_band(source: str, band: Band) -> Band:
    """The look of a band: by what it means, so a high Secure Score wears low exposure's green.

    The drawings (colour and shape) are named after the exposure bands; other sources borrow
    the one of the same severity.
    """
    return SEVERITY_LOOK[severity(source, band)]


def _colour(spec: IconSpec, name: str) -> QColor:
    """A colour of the drawing; in monochrome, the grey of the same lightness."""
    colour = QColor(name)
    if spec.monochrome:
        return QColor.fromHsl(0, 0, colour.lightness(), colour.alpha())
    return colour


def _shape(band: Band | None, box: QRectF) -> QPainterPath:
    path = QPainterPath()
    side = box.width()
    if band is Band.LOW:
        path.addEllipse(box)
    elif band is Band.HIGH:
        path.addRoundedRect(box, side * 0.04, side * 0.04)
    else:
        path.addRoundedRect(box, side * 0.24, side * 0.24)
    return path


def _fitted_text(text: str, box: QRectF) -> QPainterPath:
    """The text as a path, as tall as the box allows and squeezed sideways only when too wide."""
    font = QFont("DejaVu Sans")
    font.setBold(True)
    font.setPixelSize(100)
    raw = QPainterPath()
    raw.addText(0.0, 0.0, font, text)
    bounds = raw.boundingRect()
    if bounds.isEmpty():
        return raw
    scale_y = box.height() / bounds.height()
    scale_x = min(scale_y, box.width() / bounds.width())
    transform = QTransform()
    transform.translate(box.center().x(), box.center().y())
    transform.scale(scale_x, scale_y)
    transform.translate(-bounds.center().x(), -bounds.center().y())
    return transform.map(raw)


def _draw_score(painter: QPainter, spec: IconSpec, side: float) -> None:
    band = spec.band or Band.MEDIUM
    inset = max(0.5, side * 0.03)
    box = QRectF(inset, inset, side - 2 * inset, side - 2 * inset)
    fill, ink = (MONO_FILL, MONO_INK) if spec.monochrome else (BAND_FILL, BAND_INK)
    mono_high = spec.monochrome and band is Band.HIGH
    painter.setPen(QPen(MONO_HIGH_OUTLINE if mono_high else OUTLINE, max(1.0, side / 32)))
    painter.setBrush(QColor(fill[band]))
    painter.drawPath(_shape(band, box))
    if not spec.text:
        return  # the number is switched off: the band's shape and shade say it all
    wide = len(spec.text) >= 3
    text_width = side * (0.92 if wide else 0.8) * (0.86 if band is Band.LOW else 1.0)
    text_box = QRectF(0, 0, text_width, side * (0.5 if wide else 0.56))
    text_box.moveCenter(box.center())
    if spec.count > 1:  # the count badge takes the top left: the number moves down, smaller
        text_box = QRectF(0, 0, text_width * 0.9, side * (0.4 if wide else 0.44))
        text_box.moveCenter(box.center() + QPointF(side * 0.04, side * 0.2))
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(QColor(ink[band]))
    painter.drawPath(_fitted_text(spec.text, text_box))


def _draw_stale_marker(painter: QPainter, side: float) -> None:
    """A small clock in the corner: the number is old."""
    radius = side * 0.22
    centre = QPointF(side - radius - side * 0.02, side - radius - side * 0.02)
    painter.setOpacity(1.0)
    painter.setPen(QPen(QColor("#212121"), max(1.0, side / 24)))
    painter.setBrush(QColor("#FFFFFF"))
    painter.drawEllipse(centre, radius, radius)
    painter.drawLine(centre, centre + QPointF(0, -radius * 0.6))
    painter.drawLine(centre, centre + QPointF(radius * 0.5, 0))


def _draw_badge(painter: QPainter, spec: IconSpec, side: float) -> None:
    radius = side * 0.16
    centre = QPointF(side - radius - 0.5, radius + 0.5)
    painter.setPen(QPen(QColor("#FFFFFF"), max(1.0, side / 32)))
    painter.setBrush(QColor("#000000") if spec.monochrome else QColor(PROBLEM_BADGE))
    painter.drawEllipse(centre, radius, radius)


def _draw_snooze_badge(painter: QPainter, spec: IconSpec, side: float) -> None:
    """A white "z" on a dark disc in the bottom-left corner: notifications are snoozed.

    Bottom left, because the problem badge takes the top right and the stale clock the bottom
    right; dark with a white rim, so it reads on every band's fill and on any panel.
    """
    radius = side * 0.2
    centre = QPointF(radius + 0.5, side - radius - 0.5)
    painter.setOpacity(1.0)
    painter.setPen(QPen(QColor("#FFFFFF"), max(1.0, side / 32)))
    painter.setBrush(_colour(spec, SNOOZE_BADGE))
    painter.drawEllipse(centre, radius, radius)
    letter = QRectF(0, 0, radius * 1.1, radius * 1.1)
    letter.moveCenter(centre)
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(QColor("#FFFFFF"))
    painter.drawPath(_fitted_text("z", letter))


def _draw_count_badge(painter: QPainter, spec: IconSpec, side: float) -> None:
    """How many tenants the icon stands for: a white figure on black, top left.

    Top left, the one corner the other badges leave; "9+" beyond nine, so it stays legible.
    """
    text = str(spec.count) if spec.count < 10 else "9+"
    box = QRectF(0.0, 0.0, side * (0.4 if len(text) == 1 else 0.54), side * 0.38)
    painter.setOpacity(1.0)
    painter.setPen(QPen(QColor("#FFFFFF"), max(1.0, side / 32)))
    painter.setBrush(QColor("#212121"))
    painter.drawRoundedRect(box, side * 0.1, side * 0.1)
    figure = box.adjusted(side * 0.07, side * 0.07, -side * 0.07, -side * 0.07)
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(QColor("#FFFFFF"))
    painter.drawPath(_fitted_text(text, figure))


def _blue_square(painter: QPainter, spec: IconSpec, side: float) -> None:
    """The account looks' ground (sign in, set up); leaves the painter ready for white marks."""
    inset = max(0.5, side * 0.03)
    box = QRectF(inset, inset, side - 2 * inset, side - 2 * inset)
    painter.setPen(QPen(OUTLINE, max(1.0, side / 32)))
    painter.setBrush(_colour(spec, SIGN_IN_FILL))
    painter.drawRoundedRect(box, side * 0.24, side * 0.24)
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(QColor("#FFFFFF"))


def _draw_sign_in(painter: QPainter, spec: IconSpec, side: float) -> None:
    """A person on blue: someone has to sign in."""
    _blue_square(painter, spec, side)
    painter.drawEllipse(QPointF(side / 2, side * 0.36), side * 0.15, side * 0.15)
    body = QPainterPath()
    body.moveTo(side * 0.2, side * 0.84)
    body.cubicTo(side * 0.2, side * 0.5, side * 0.8, side * 0.5, side * 0.8, side * 0.84)
    body.closeSubpath()
    painter.drawPath(body)


def _draw_set_up(painter: QPainter, spec: IconSpec, side: float) -> None:
    """A plus on blue: nothing is set up yet, add your organisation."""
    _blue_square(painter, spec, side)
    bar, reach = side * 0.16, side * 0.56
    painter.drawRect(QRectF((side - bar) / 2, (side - reach) / 2, bar, reach))
    painter.drawRect(QRectF((side - reach) / 2, (side - bar) / 2, reach, bar))


def _draw_error(painter: QPainter, spec: IconSpec, side: float) -> None:
    """An exclamation mark on dark grey: no score, and why is in the tooltip."""
    inset = max(0.5, side * 0.03)
    box = QRectF(inset, inset, side - 2 * inset, side - 2 * inset)
    painter.setPen(QPen(QColor("#FFFFFF"), max(1.0, side / 24)))
    painter.setBrush(QColor(ERROR_FILL))
    painter.drawEllipse(box)
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(QColor("#FFFFFF") if spec.monochrome else QColor(PROBLEM_BADGE))
    painter.drawRoundedRect(
        QRectF(side * 0.43, side * 0.18, side * 0.14, side * 0.44), side * 0.05, side * 0.05
    )
    painter.drawEllipse(QPointF(side / 2, side * 0.76), side * 0.08, side * 0.08)


def _draw_no_data(painter: QPainter, side: float) -> None:
    """A grey ring with a dash: nothing to show yet."""
    pen_width = max(1.0, side / 10)
    box = QRectF(pen_width, pen_width, side - 2 * pen_width, side - 2 * pen_width)
    painter.setPen(QPen(QColor(NO_DATA_INK), pen_width))
    painter.setBrush(QBrush())  # no brush: the default
    painter.drawEllipse(box)
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(QColor(NO_DATA_INK))
    painter.drawRect(QRectF(side * 0.3, side * 0.45, side * 0.4, side * 0.1))


def paint_icon(painter: QPainter, spec: IconSpec, side: float) -> None:
    """Draw ``spec`` into a ``side`` x ``side`` square of logical pixels."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if spec.look is Look.SCORE:
        _draw_score(painter, spec, side)
        if spec.problem_badge:
            _draw_badge(painter, spec, side)
    elif spec.look is Look.STALE:
        painter.setOpacity(STALE_OPACITY)
        _draw_score(painter, spec, side)
        _draw_stale_marker(painter, side)
    elif spec.look is Look.SIGN_IN:
        _draw_sign_in(painter, spec, side)
    elif spec.look is Look.SET_UP:
        _draw_set_up(painter, spec, side)
    elif spec.look is Look.ERROR:
        _draw_error(painter, spec, side)
    else:
        _draw_no_data(painter, side)
    if spec.snoozed:
        _draw_snooze_badge(painter, spec, side)
    if spec.count > 1:
        _draw_count_badge(painter, spec, side)


def render_pixmap(spec: IconSpec, side: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """One transparent pixmap at the screen's device pixel ratio."""
    pixmap = QPixmap(round(side * device_pixel_ratio), round(side * device_pixel_ratio))
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    try:
        paint_icon(painter, spec, float(side))
    finally:
        painter.end()
    return pixmap


def build_icon(spec: IconSpec, device_pixel_ratio: float = 1.0) -> QIcon:
    """An icon with every common tray size, sharp on high-DPI screens."""
    icon = QIcon()
    for side in ICON_SIZES:
        icon.addPixmap(render_pixmap(spec, side, device_pixel_ratio))
    return icon


def write_start_icons() -> None:
    """Regenerate the shipped PNGs after changing the "no data yet" drawing."""
    for side in START_SIDES:
        render_pixmap(IconSpec(Look.NO_DATA), side).save(str(start_icon_path(side)), "PNG")
