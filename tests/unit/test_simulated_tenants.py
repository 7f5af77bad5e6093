"""Several simulated tenants: each its own series, together spread over the three bands."""

from __future__ import annotations

from collections import Counter

import pytest
from trayscore.core.bands import Band, band_of
from trayscore.simulator import ScoreSeries, home_band, tenant_series

EVERY_BAND = set(Band)
# Moments to look at: the demo's first minutes, and hours and weeks of 60-second steps later.
SAMPLED_STEPS = (*range(30), 97, 500, 1_441, 10_080, 43_201, 129_600)


@pytest.mark.parametrize("count", [3, 5, 50])
@pytest.mark.parametrize("seed", [1, 7, 2026])
def test_from_three_tenants_on_every_band_has_a_tenant_at_every_sampled_moment(
    count: int, seed: int
) -> None:
    # GIVEN a simulator's tenants
    series = tenant_series(seed, count)
    # WHEN their scores are read at the same step, for many steps
    for step in SAMPLED_STEPS:
        bands = {band_of(tenant.at(step)) for tenant in series}
        # THEN low, medium and high each have at least one tenant
        assert bands == EVERY_BAND, f"step {step}: only {sorted(bands)}"


def test_tenant_one_is_the_one_tenant_of_before_whatever_the_count() -> None:
    # GIVEN the series of one tenant, as the simulator has always served, and of fifty
    before = ScoreSeries(7)
    for count in (1, 3, 50):
        first = tenant_series(7, count)[0]
        # THEN tenant 1's is the very same series, device groups' offsets included
        assert [first.at(step) for step in range(40)] == [before.at(step) for step in range(40)]
        assert first.at(12, offset=-15.0) == before.at(12, offset=-15.0)


def test_every_tenant_has_a_series_of_its_own() -> None:
    # GIVEN fifty tenants
    series = tenant_series(7, 50)
    # WHEN each is read over an hour of steps
    curves = {tuple(tenant.at(step) for step in range(60)) for tenant in series}
    # THEN no two tenants tell the same story
    assert len(curves) == 50


def test_the_series_are_deterministic_for_a_seed_and_differ_between_seeds() -> None:
    # GIVEN the same seed twice and another seed
    one, again, other = tenant_series(3, 6), tenant_series(3, 6), tenant_series(4, 6)
    # THEN the same seed gives the same scores, another seed other scores
    for number in range(6):
        scores = [one[number].at(step) for step in range(50)]
        assert scores == [again[number].at(step) for step in range(50)]
        assert scores != [other[number].at(step) for step in range(50)]


def test_tenants_from_the_fourth_sit_in_their_band_and_now_and_then_cross_its_edge() -> None:
    # GIVEN tenants 4 to 12, in turn medium, low and high
    series = tenant_series(7, 12)
    assert [home_band(number) for number in range(4, 7)] == [Band.MEDIUM, Band.LOW, Band.HIGH]
    for number in range(4, 13):
        # WHEN one is read over a thousand steps
        bands = Counter(band_of(series[number - 1].at(step)) for step in range(1_000))
        # THEN it is mostly in its own band, yet leaves it at times
        home = home_band(number)
        assert bands[home] > 800, (number, bands)
        assert bands[home] < 1_000, (number, bands)


def test_tenants_two_and_three_hold_low_and_high_and_step_into_medium_meanwhile() -> None:
    # GIVEN three tenants
    leader, low, high = tenant_series(7, 3)
    for step in range(2_000):
        lead = band_of(leader.at(step))
        # THEN tenant 2 is low unless tenant 1 is, then medium; tenant 3 likewise for high
        assert band_of(low.at(step)) is (Band.MEDIUM if lead is Band.LOW else Band.LOW)
        assert band_of(high.at(step)) is (Band.MEDIUM if lead is Band.HIGH else Band.HIGH)


def test_device_group_offsets_move_every_tenant_within_the_scale() -> None:
    # GIVEN five tenants  WHEN read with the device groups' offsets
    for tenant in tenant_series(7, 5):
        for offset in (-15.0, -3.0, 9.0, 21.0):
            # THEN every score stays a valid exposure score
            assert all(0.0 <= tenant.at(step, offset=offset) <= 100.0 for step in range(200))


def test_a_simulator_serves_at_least_one_tenant() -> None:
    with pytest.raises(ValueError, match="at least one tenant"):
        tenant_series(1, 0)
