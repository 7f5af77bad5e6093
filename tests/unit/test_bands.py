import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from trayscore.core.bands import (
    EXPOSURE_BANDS,
    SECURE_BANDS,
    Band,
    BandScale,
    Severity,
    band_of,
    displayed_integer,
    one_decimal,
)


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
    [
        (33.491554051195706, "33.4"),
        (33.44, "33.4"),
        (33.5, "33.5"),
        (29.46, "29.4"),
        (0.04, "0.0"),
        # exact halves of a tenth round up, as the integer does (not to the even tenth)
        (33.25, "33.3"),
        (0.25, "0.3"),
    ],
)
def test_one_decimal_never_contradicts_the_icon(score: float, text: str) -> None:
    assert str(one_decimal(score)) == text


# -- a source's own bands (BandScale) --------------------------------------------------------

SCALE = BandScale(low_max=10, medium_max=20, lower_is_better=True)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0.0, Band.LOW),
        (10.0, Band.LOW),
        (10.49, Band.LOW),
        (10.5, Band.MEDIUM),
        (11.0, Band.MEDIUM),
        (20.0, Band.MEDIUM),
        (20.49, Band.MEDIUM),
        (20.5, Band.HIGH),
        (21.0, Band.HIGH),
        (100.0, Band.HIGH),
    ],
)
def test_a_scale_bands_by_its_own_limits_and_the_number_shown(score: float, band: Band) -> None:
    # GIVEN a scale whose low band ends at 10 and medium at 20 (not the exposure limits)
    # WHEN a score is banded THEN its displayed integer decides, each limit inside its band
    assert SCALE.band_of(score) is band


def test_a_scale_refuses_scores_outside_0_to_100() -> None:
    with pytest.raises(ValueError, match="finite number in"):
        SCALE.band_of(100.5)


@given(st.floats(min_value=0.0, max_value=100.0))
def test_the_exposure_scale_is_band_of(score: float) -> None:
    # GIVEN any valid score THEN the exposure scale and band_of agree
    assert EXPOSURE_BANDS.band_of(score) is band_of(score)


@pytest.mark.parametrize(
    ("score", "band"),
    [(39.0, Band.LOW), (39.5, Band.MEDIUM), (69.0, Band.MEDIUM), (69.5, Band.HIGH)],
)
def test_the_secure_scale_s_low_band_ends_at_39(score: float, band: Band) -> None:
    assert SECURE_BANDS.band_of(score) is band


@pytest.mark.parametrize(
    ("scale", "expected"),
    [
        (
            EXPOSURE_BANDS,
            {Band.LOW: Severity.GOOD, Band.MEDIUM: Severity.FAIR, Band.HIGH: Severity.POOR},
        ),
        (
            SECURE_BANDS,
            {Band.LOW: Severity.POOR, Band.MEDIUM: Severity.FAIR, Band.HIGH: Severity.GOOD},
        ),
    ],
    ids=["lower-is-better", "higher-is-better"],
)
def test_severity_follows_the_direction_of_the_score(
    scale: BandScale, expected: dict[Band, Severity]
) -> None:
    # GIVEN a scale of one direction WHEN each band's severity is asked
    # THEN the middle is fair and the good end is the one the direction favours
    assert {band: scale.severity(band) for band in Band} == expected


@pytest.mark.parametrize(
    ("scale", "change", "improvement"),
    [
        (EXPOSURE_BANDS, -2.5, 2.5),
        (EXPOSURE_BANDS, 4.0, -4.0),
        (SECURE_BANDS, -2.5, -2.5),
        (SECURE_BANDS, 4.0, 4.0),
    ],
)
def test_improvement_is_positive_for_good_news(
    scale: BandScale, change: float, improvement: float
) -> None:
    # GIVEN a change of score WHEN signed by the scale THEN a fall of exposure is an improvement
    assert scale.improvement(change) == improvement


def test_ranges_cover_0_to_100_band_by_band() -> None:
    # GIVEN the two scales THEN each band's first and last displayed integer, in order, no gap
    assert EXPOSURE_BANDS.ranges() == (
        (Band.LOW, 0, 29),
        (Band.MEDIUM, 30, 69),
        (Band.HIGH, 70, 100),
    )
    assert SECURE_BANDS.ranges() == (
        (Band.LOW, 0, 39),
        (Band.MEDIUM, 40, 69),
        (Band.HIGH, 70, 100),
    )
    # AND every range's limits band as the range says
    for band, first, last in SCALE.ranges():
        assert SCALE.band_of(float(first)) is band
        assert SCALE.band_of(float(last)) is band
