"""Several tenants in one tray: the worst of them, the summary, the shared schedule, batching."""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from trayscore.core.bands import Band, Severity
from trayscore.core.catalog import severity, spec_for
from trayscore.core.display_state import DisplayState, Look
from trayscore.core.fleet import (
    FleetSummary,
    TenantView,
    badness,
    ranked,
    summarise,
    worst,
)
from trayscore.core.models import Reading

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
FIFTEEN = timedelta(minutes=15)
EXPOSURE = "exposure-score"
SECURE = "secure-score"
DEVICE = "device-secure-score"


def scored(name: str, source: str, score: float, look: Look = Look.SCORE) -> TenantView:
    """A tenant showing ``score``; a percentage source carries its points, as the API gives."""
    points = (score, 100.0) if spec_for(source).percent_of_maximum else (None, None)
    reading = Reading(source, score, T0, T0, current=points[0], maximum=points[1])
    return TenantView(name, DisplayState(look=look, reading=reading))


def looking(name: str, look: Look) -> TenantView:
    return TenantView(name, DisplayState(look=look))


def names_of(views: Sequence[TenantView]) -> list[str]:
    return [view.name for view in views]


# -- the worst of them ---------------------------------------------------------------------


def test_exposure_81_is_worse_than_a_secure_score_of_75_percent() -> None:
    # GIVEN the catalog's own bands: exposure 81 is high and poor; Secure Score 75% is high
    # and good (a high secure score is good news)
    assert spec_for(EXPOSURE).band_of(81) is Band.HIGH
    assert severity(EXPOSURE, Band.HIGH) is Severity.POOR
    assert spec_for(SECURE).band_of(75) is Band.HIGH
    assert severity(SECURE, Band.HIGH) is Severity.GOOD
    exposure, secure = scored("a", EXPOSURE, 81), scored("b", SECURE, 75)
    # WHEN they are judged
    # THEN the exposure is worse, by severity first, then by the score in its direction
    assert badness(exposure.state) == (3, 81.0)
    assert badness(secure.state) == (1, 25.0)
    assert worst([secure, exposure]) is exposure


def test_severity_decides_before_the_number() -> None:
    # GIVEN a Secure Score of 35% (low: poor) and an exposure score of 60 (medium: fair)
    assert severity(SECURE, spec_for(SECURE).band_of(35)) is Severity.POOR
    assert severity(EXPOSURE, spec_for(EXPOSURE).band_of(60)) is Severity.FAIR
    secure, exposure = scored("a", SECURE, 35), scored("b", EXPOSURE, 60)
    # THEN the poor one is worse although 65 points from the top is less than 60 is from zero
    assert worst([exposure, secure]) is secure


def test_within_a_severity_the_score_in_its_own_direction_decides() -> None:
    # GIVEN three poor tenants: exposure 72 and 81, and a Secure Score of 25% (75 from the top)
    low_exposure = scored("a", EXPOSURE, 72)
    high_exposure = scored("b", EXPOSURE, 81)
    secure = scored("c", SECURE, 25)
    # THEN the ranking runs 81, 25% (75 below full marks), 72
    assert names_of(ranked([low_exposure, high_exposure, secure])) == ["b", "c", "a"]
    # AND the device secure score is judged like the Secure Score
    device = Reading(DEVICE, 50, T0, T0, current=5, maximum=10)
    assert badness(DisplayState(look=Look.SCORE, reading=device)) == (2, 50.0)


def test_a_stale_score_counts_with_its_last_value() -> None:
    # GIVEN a stale exposure of 90 and a fresh one of 40
    stale = scored("old", EXPOSURE, 90, look=Look.STALE)
    fresh = scored("new", EXPOSURE, 40)
    # THEN the stale one is the worst
    assert badness(stale.state) == (3, 90.0)
    assert worst([fresh, stale]) is stale


@pytest.mark.parametrize("look", [Look.SIGN_IN, Look.ERROR, Look.SET_UP, Look.NO_DATA])
def test_a_state_that_shows_no_score_has_no_badness(look: Look) -> None:
    # GIVEN a state with an old reading that is not shown (sign-in needed, say)
    state = DisplayState(look=look, reading=Reading(EXPOSURE, 95, T0, T0))
    # THEN it is not judged
    assert badness(state) is None
    assert badness(DisplayState(look=look)) is None


def test_a_points_only_reading_has_no_badness() -> None:
    # GIVEN a device secure score in points without the maximum (no percentage, no band)
    points = Reading(DEVICE, 420, T0, T0, current=420)
    assert not points.banded
    # THEN it is shown but not judged, and is not the worst
    view = TenantView("points", DisplayState(look=Look.SCORE, reading=points))
    assert badness(view.state) is None
    assert worst([view]) is None


def test_the_ranking_puts_scores_first_then_sign_in_error_set_up_and_no_data() -> None:
    # GIVEN tenants of every kind, in the settings' order
    tenants = [
        looking("waiting", Look.NO_DATA),
        scored("good", EXPOSURE, 10),
        looking("setup", Look.SET_UP),
        looking("broken", Look.ERROR),
        scored("poor", EXPOSURE, 85),
        looking("signin", Look.SIGN_IN),
        scored("fair", SECURE, 50, look=Look.STALE),
    ]
    # WHEN ranked
    order = names_of(ranked(tenants))
    # THEN the scores come worst first, then what the user can fix, then what is only early
    assert order == ["poor", "fair", "good", "signin", "broken", "setup", "waiting"]
    # AND the input is untouched
    assert names_of(tenants)[0] == "waiting"


def test_ties_keep_the_settings_order() -> None:
    # GIVEN equal scores and equal looks
    tenants = [
        looking("e1", Look.ERROR),
        scored("s1", EXPOSURE, 50),
        looking("e2", Look.ERROR),
        scored("s2", EXPOSURE, 50),
    ]
    # THEN they keep the order they came in
    assert names_of(ranked(tenants)) == ["s1", "s2", "e1", "e2"]
    assert worst(tenants) is tenants[1]


def test_worst_is_none_without_any_score() -> None:
    # GIVEN a fleet where nobody has a score, and an empty fleet
    tenants = [looking("a", Look.SIGN_IN), looking("b", Look.NO_DATA)]
    # THEN there is no worst tenant for the icon
    assert worst(tenants) is None
    assert worst([]) is None
    assert ranked([]) == []


def test_worst_skips_tenants_without_a_score() -> None:
    # GIVEN a sign-in tenant first in the settings and one with a good score
    good = scored("good", EXPOSURE, 5)
    # THEN the icon shows the score, not the sign-in
    assert worst([looking("signin", Look.SIGN_IN), good]) is good


# -- the summary ---------------------------------------------------------------------------


def test_the_summary_counts_the_others_by_severity_and_the_rest_by_why() -> None:
    # GIVEN nine tenants
    tenants = [
        scored("poor", EXPOSURE, 81),
        scored("poor too", SECURE, 20),
        scored("fair", EXPOSURE, 40),
        scored("good", SECURE, 90, look=Look.STALE),
        looking("signin", Look.SIGN_IN),
        looking("setup", Look.SET_UP),
        looking("broken", Look.ERROR),
        looking("waiting", Look.NO_DATA),
        looking("waiting too", Look.NO_DATA),
    ]
    # WHEN summarised
    summary = summarise(tenants)
    # THEN the worst is named and the others are counted beside it
    assert summary.worst is tenants[0]  # exposure 81 beats a Secure Score 80 from the top
    assert summary.total == 9
    assert dict(summary.others) == {Severity.POOR: 1, Severity.FAIR: 1, Severity.GOOD: 1}
    assert (summary.needs_sign_in, summary.failing, summary.waiting) == (2, 1, 2)
    assert summary.unbanded == 0


def test_the_summary_of_an_empty_or_scoreless_fleet() -> None:
    # GIVEN no tenants, then two waiting for a sign-in
    empty = summarise([])
    signin = summarise([looking("a", Look.SIGN_IN), looking("b", Look.SIGN_IN)])
    # THEN nothing is the worst and every severity is counted as zero
    assert empty == FleetSummary(
        worst=None,
        total=0,
        others=empty.others,
        needs_sign_in=0,
        failing=0,
        waiting=0,
    )
    assert dict(empty.others) == dict.fromkeys(Severity, 0)
    assert (signin.worst, signin.total, signin.needs_sign_in) == (None, 2, 2)


def test_the_summary_adds_up_to_the_total() -> None:
    # GIVEN a fleet with a points-only reading among others
    points = Reading(DEVICE, 420, T0, T0, current=420)
    tenants = [
        TenantView("points", DisplayState(look=Look.SCORE, reading=points)),
        scored("a", EXPOSURE, 30),
        scored("b", EXPOSURE, 31),
        looking("c", Look.ERROR),
    ]
    # WHEN summarised
    summary = summarise(tenants)
    # THEN every tenant is counted exactly once
    assert summary.worst is tenants[2]
    assert summary.unbanded == 1
    counted = 1 + sum(summary.others.values()) + summary.needs_sign_in
    counted += summary.failing + summary.waiting + summary.unbanded
    assert counted == summary.total == 4
