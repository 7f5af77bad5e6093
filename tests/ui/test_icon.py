"""Icon pixels per band and state, drawn offscreen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from trayscore.core.bands import Band
from trayscore.core.display_state import DisplayState, Look
from trayscore.core.models import Reading
from trayscore.ui.icon import (
    BAND_FILL,
    ERROR_FILL,
    SIGN_IN_FILL,
    SNOOZE_BADGE,
    IconSpec,
    IconStyle,
    icon_spec,
    render_pixmap,
)

from tests.helpers.images import differing_share

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def image(spec: IconSpec, side: int = 32, dpr: float = 1.0) -> QImage:
    return render_pixmap(spec, side, dpr).toImage()


def close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    pairs = zip((a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue()), strict=True)
    return all(abs(x - y) <= tolerance for x, y in pairs)


@pytest.mark.parametrize("band", list(Band))
def test_each_band_wears_its_colour(qtbot: QtBot, band: Band) -> None:
    # GIVEN a score in each band  WHEN drawn  THEN the shape is filled with the band colour
    pixel = image(IconSpec(Look.SCORE, "42", band)).pixelColor(16, 3)
    assert pixel.alpha() == 255
    assert close(pixel, QColor(BAND_FILL[band]))


def test_bands_differ_by_shape_not_only_colour(qtbot: QtBot) -> None:
    # THEN the top-left corner tells them apart: only "high" is a sharp square
    corners = {
        band: image(IconSpec(Look.SCORE, "42", band)).pixelColor(2, 2).alpha() for band in Band
    }
    assert corners[Band.HIGH] == 255
    assert corners[Band.MEDIUM] < 128
    assert corners[Band.LOW] < 128
    # AND low is a circle: a point inside the rounded square's edge but outside a circle
    low, medium = (
        image(IconSpec(Look.SCORE, "42", Band.LOW)),
        image(IconSpec(Look.SCORE, "42", Band.MEDIUM)),
    )
    assert low.pixelColor(4, 4).alpha() < 128
    assert medium.pixelColor(4, 4).alpha() == 255


def ink_columns(img: QImage, ink: QColor) -> list[int]:
    return [
        x
        for x in range(img.width())
        if any(
            close(img.pixelColor(x, y), ink, 60)
            for y in range(img.height() // 4, 3 * img.height() // 4)
        )
    ]


@pytest.mark.parametrize("side", [16, 22, 32, 64])
def test_100_is_drawn_across_the_icon_and_inside_it(qtbot: QtBot, side: int) -> None:
    img = image(IconSpec(Look.SCORE, "100", Band.HIGH), side)
    columns = ink_columns(img, QColor("#FFFFFF"))
    # THEN white ink spans most of the width (three digits), but leaves the edges red
    assert min(columns) <= side * 0.25
    assert max(columns) >= side * 0.75
    assert min(columns) >= 1
    assert max(columns) <= side - 2


def test_stale_is_dimmed_and_marked(qtbot: QtBot) -> None:
    img = image(IconSpec(Look.STALE, "42", Band.MEDIUM))
    assert 90 <= img.pixelColor(16, 3).alpha() <= 140
    # the clock marker sits in the bottom-right corner, opaque white
    marker = img.pixelColor(26, 26)
    assert marker.alpha() == 255
    assert close(marker, QColor("#FFFFFF"))


@pytest.mark.parametrize(
    ("look", "point", "colour"),
    [(Look.SIGN_IN, (16, 3), SIGN_IN_FILL), (Look.ERROR, (6, 16), ERROR_FILL)],
)
def test_sign_in_and_error_have_their_own_looks(
    qtbot: QtBot, look: Look, point: tuple[int, int], colour: str
) -> None:
    pixel = image(IconSpec(look)).pixelColor(*point)
    assert pixel.alpha() == 255
    assert close(pixel, QColor(colour))


def test_not_set_up_is_a_white_plus_on_blue_unlike_sign_in(qtbot: QtBot) -> None:
    # GIVEN nothing set up  WHEN drawn  THEN a white plus on the sign-in blue
    img = image(IconSpec(Look.SET_UP))
    assert close(img.pixelColor(5, 5), QColor(SIGN_IN_FILL))  # the square's corner area
    assert close(img.pixelColor(16, 16), QColor("#FFFFFF"))  # the crossing
    assert close(img.pixelColor(16, 8), QColor("#FFFFFF"))  # the upright bar
    assert close(img.pixelColor(8, 8), QColor(SIGN_IN_FILL))  # between the arms
    # AND it is another picture than sign-in's person
    assert image(IconSpec(Look.SET_UP)) != image(IconSpec(Look.SIGN_IN))


@pytest.mark.parametrize("look", [Look.SCORE, Look.STALE, Look.SIGN_IN, Look.NO_DATA])
def test_snoozed_notifications_wear_a_z_badge_in_the_bottom_left(qtbot: QtBot, look: Look) -> None:
    # GIVEN notifications snoozed, whatever the icon shows
    plain = IconSpec(look, "42" if look in {Look.SCORE, Look.STALE} else "", Band.LOW)
    snoozed = IconSpec(plain.look, plain.text, plain.band, snoozed=True)
    # WHEN drawn  THEN a dark opaque disc sits in the bottom-left corner, with white in it (the z)
    img = image(snoozed)
    for point in ((2, 25), (7, 20)):  # left of the z, above it
        pixel = img.pixelColor(*point)
        assert pixel.alpha() == 255
        assert close(pixel, QColor(SNOOZE_BADGE), tolerance=30)
    disc = [img.pixelColor(x, y) for x in range(3, 11) for y in range(21, 29)]
    assert any(close(pixel, QColor("#FFFFFF"), tolerance=30) for pixel in disc)
    # AND the top-right quarter, where the problem badge goes, is the plain drawing's
    top_right = [(x, y) for x in range(20, 32) for y in range(12)]
    plain_image = image(plain)
    assert all(img.pixelColor(x, y) == plain_image.pixelColor(x, y) for x, y in top_right)


def test_the_snooze_badge_is_part_of_the_spec(qtbot: QtBot) -> None:
    # GIVEN a score  WHEN its spec is made with and without a snooze  THEN they differ in the flag
    reading = Reading("exposure-score", 20.0, NOW, NOW)
    state = DisplayState(Look.SCORE, reading=reading)
    assert icon_spec(state, snoozed=True) == IconSpec(Look.SCORE, "20", Band.LOW, snoozed=True)
    assert icon_spec(state).snoozed is False


def test_no_data_is_an_empty_ring(qtbot: QtBot) -> None:
    img = image(IconSpec(Look.NO_DATA))
    assert img.pixelColor(16, 8).alpha() == 0  # inside the ring
    assert img.pixelColor(16, 1).alpha() > 0  # the ring


def test_high_dpi_pixmaps_have_device_pixels(qtbot: QtBot) -> None:
    pixmap = render_pixmap(IconSpec(Look.SCORE, "42", Band.LOW), 32, 2.0)
    assert (pixmap.width(), pixmap.height()) == (64, 64)
    assert pixmap.devicePixelRatio() == 2.0


def test_spec_follows_the_displayed_number_and_problem_badge(qtbot: QtBot) -> None:
    reading = Reading("exposure-score", 29.5, NOW, NOW)
    spec = icon_spec(DisplayState(Look.SCORE, reading=reading, problem="Cannot reach"))
    assert spec == IconSpec(Look.SCORE, "30", Band.MEDIUM, problem_badge=True)
    assert icon_spec(DisplayState(Look.STALE, reading=reading)).problem_badge is False
    assert icon_spec(DisplayState(Look.SIGN_IN, reading=reading)) == IconSpec(Look.SIGN_IN)


@pytest.mark.parametrize("side", [64, 128])
def test_the_shipped_start_icon_is_what_the_drawing_code_draws(qtbot: QtBot, side: int) -> None:
    # GIVEN the PNGs shown before any painting  THEN they match today's drawing, but for the
    # anti-aliasing rounding that differs by CPU (tests/helpers/images.py); after changing the
    # drawing, run scripts/render_start_icons.py
    from trayscore.ui.start_icon import start_icon_path  # noqa: PLC0415

    shipped = QImage(str(start_icon_path(side))).convertToFormat(QImage.Format.Format_ARGB32)
    drawn = image(IconSpec(Look.NO_DATA), side).convertToFormat(QImage.Format.Format_ARGB32)
    assert shipped.size() == drawn.size()
    assert differing_share(shipped, drawn, tolerance=16) == 0.0


def grey(pixel: QColor) -> bool:
    return (
        max(pixel.red(), pixel.green(), pixel.blue())
        - min(pixel.red(), pixel.green(), pixel.blue())
        <= 2
    )


@pytest.mark.parametrize("look", [Look.SCORE, Look.STALE, Look.SIGN_IN, Look.ERROR])
def test_monochrome_has_no_colour_at_all(qtbot: QtBot, look: Look) -> None:
    # GIVEN the monochrome style  WHEN any look is drawn  THEN every visible pixel is a grey
    for band in Band:
        img = image(IconSpec(look, "42", band, problem_badge=True, monochrome=True))
        visible = [
            img.pixelColor(x, y)
            for x in range(img.width())
            for y in range(img.height())
            if img.pixelColor(x, y).alpha() > 0
        ]
        assert len(visible) > 100
        assert all(grey(pixel) for pixel in visible)


def test_monochrome_bands_differ_by_shade_and_shape(qtbot: QtBot) -> None:
    # GIVEN one score per band in monochrome  THEN the fills are far apart in lightness
    fills = {
        band: image(IconSpec(Look.SCORE, "42", band, monochrome=True)).pixelColor(16, 3)
        for band in Band
    }
    shades = sorted(fill.lightness() for fill in fills.values())
    assert shades[1] - shades[0] >= 80
    assert shades[2] - shades[1] >= 80
    assert fills[Band.LOW].lightness() > fills[Band.HIGH].lightness()  # more exposure, darker


def test_without_the_number_only_the_band_shape_is_drawn(qtbot: QtBot) -> None:
    # GIVEN the number switched off
    reading = Reading("exposure-score", 81.4, NOW, NOW)
    spec = icon_spec(DisplayState(Look.SCORE, reading=reading), IconStyle(number=False))
    # THEN the spec has no text, and the icon is the band's colour all through the middle
    assert spec.text == ""
    img = image(spec)
    assert all(close(img.pixelColor(x, 16), QColor(BAND_FILL[Band.HIGH]), 8) for x in range(4, 28))
