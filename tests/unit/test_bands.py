import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from trayscore.bands import Band, band_of, displayed_integer, one_decimal


@pytest.mark.parametrize(
    ("score", "shown", "band"),
    [
        (0.0, 0, Band.LOW),
        (29.0, 29, Band.LOW),
        (29.44, 29, Band.LOW),
        (29.49, 29, Band.LOW),
        (29.5, 30, Band.MEDIUM),
        (29.6, 30, Band.MEDIUM),
        (30.0, 30, Band.MEDIUM),
        (33.491554051195706, 33, Band.MEDIUM),
        (69.49, 69, Band.MEDIUM),
        (69.5, 70, Band.HIGH),
        (70.0, 70, Band.HIGH),
        (99.96, 100, Band.HIGH),
        (100.0, 100, Band.HIGH),
    ],
)
def test_band_follows_the_number_the_user_sees(score: float, shown: int, band: Band) -> None:
    # GIVEN a score  WHEN it is displayed and banded  THEN number and band agree
    assert displayed_integer(score) == shown
    assert band_of(score) is band


@pytest.mark.parametrize("score", [-0.1, 100.01, math.nan, math.inf, -math.inf])
def test_scores_outside_the_scale_are_refused(score: float) -> None:
    with pytest.raises(ValueError, match="finite number in"):
        band_of(score)


@given(st.floats(min_value=0.0, max_value=100.0))
def test_icon_tooltip_and_band_never_disagree(score: float) -> None:
    # GIVEN any valid score
    tenth = one_decimal(score)
    shown = displayed_integer(score)
    # THEN the integer is the nearest one, the decimal is within 0.1 and rounds to that integer,
    # and every display of the score wears the same band
    assert abs(shown - score) <= 0.5
    assert abs(float(tenth) - score) <= 0.1
    assert displayed_integer(float(tenth)) == shown
    assert band_of(score) is band_of(float(tenth)) is band_of(float(shown))


@pytest.mark.parametrize(
    ("score", "text"),
    [(33.491554051195706, "33.4"), (33.44, "33.4"), (33.5, "33.5"), (29.46, "29.4"), (0.04, "0.0")],
)
def test_one_decimal_never_contradicts_the_icon(score: float, text: str) -> None:
    assert str(one_decimal(score)) == text
