"""Several simulated tenants: each its own seed and series, together spread over the bands.

Tenant 1 is the simulator's one tenant of before: :class:`~.series.ScoreSeries` swings over every
band. Tenants 2 and 3 keep the bands tenant 1 leaves (:class:`KeeperSeries`): tenant 2 stays low
and rises into medium while tenant 1 is low, tenant 3 stays high and dips into medium while
tenant 1 is high, so from three tenants on every band has a tenant at every step. Tenants 4 and
on each swing inside one band (medium, low, high, medium, ...) with a seed of their own, now and
then crossing its edge.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final

from trayscore.core.bands import LOW_MAX, MEDIUM_MAX, SCORE_MAX, SCORE_MIN, Band, band_of
from trayscore.simulator.series import ScoreSeries, Series

LOW_EDGE: Final = LOW_MAX + 0.5  # from here the icon shows 30: medium
HIGH_EDGE: Final = MEDIUM_MAX + 0.5  # from here the icon shows 70: high
KEEPER_NOISE: Final = 1.5  # within the margins below, so a keeper never leaves its range
# Tenants 4 and on: the band each sits in, in turn, and the centre and swing of its series there
# (a per-step noise of +-3 on top lets the swing cross the band's edge now and then).
BAND_TURNS: Final = (Band.MEDIUM, Band.LOW, Band.HIGH)
IN_BAND: Final = {Band.LOW: (16.0, 13.0), Band.MEDIUM: (50.0, 18.0), Band.HIGH: (84.0, 13.0)}


@dataclass(frozen=True)
class Keeper:
    """How a keeper follows the leader: where it sits, by where the leader is.

    ``home`` while the leader is elsewhere, ``away`` (in the medium band) while the leader is in
    the keeper's band. A range is (at the leader's lowest, at its highest) over ``own`` or
    ``rest``: the leader's span inside or outside the keeper's band.
    """

    own: tuple[float, float]
    rest: tuple[float, float]
    home: tuple[float, float]
    away: tuple[float, float]


KEEPERS: Final = {
    Band.LOW: Keeper((SCORE_MIN, LOW_EDGE), (LOW_EDGE, SCORE_MAX), (27.0, 5.0), (45.0, 33.0)),
    Band.HIGH: Keeper((HIGH_EDGE, SCORE_MAX), (SCORE_MIN, HIGH_EDGE), (95.0, 73.0), (66.0, 55.0)),
}


def _along(value: float, span: tuple[float, float], to: tuple[float, float]) -> float:
    """``value``'s place in ``span`` carried over to the range ``to`` (clamped to its ends)."""
    start, end = span
    share = min(1.0, max(0.0, (value - start) / (end - start)))
    return to[0] + (to[1] - to[0]) * share


class KeeperSeries:
    """A tenant that holds one band (low or high) and steps into medium while the leader is in it.

    With the leader (which crosses every band) and one keeper of each, three tenants always cover
    all three bands. Deterministic: the leader's series and the keeper's own seed (its noise).
    """

    def __init__(self, leader: Series, seed: int, band: Band) -> None:
        self._leader = leader
        self._seed = seed
        self._keeper = KEEPERS[band]
        self._band = band

    def at(self, step: int, offset: float = 0.0) -> float:
        """The score at a step; ``offset`` shifts it for a related series (device groups)."""
        lead = self._leader.at(step)
        keeper = self._keeper
        if band_of(lead) is self._band:
            value = _along(lead, keeper.own, keeper.away)
        else:
            value = _along(lead, keeper.rest, keeper.home)
        rng = random.Random(self._seed * 1_000_003 + step)  # noqa: S311 - a simulation
        noise = rng.uniform(-KEEPER_NOISE, KEEPER_NOISE)
        return min(SCORE_MAX, max(SCORE_MIN, value + noise + offset))


def tenant_seed(seed: int, number: int) -> int:
    """The seed of tenant ``number`` (from 1) of a simulator seeded ``seed``; tenant 1 keeps it."""
    return seed if number == 1 else seed * 1_000 + number


def home_band(number: int) -> Band:
    """The band tenant ``number`` mostly sits in (tenant 1 swings over all, around medium)."""
    if number == 1:
        return Band.MEDIUM
    if number in (2, 3):
        return (Band.LOW, Band.HIGH)[number - 2]
    return BAND_TURNS[(number - 4) % len(BAND_TURNS)]


def tenant_series(seed: int, count: int) -> tuple[Series, ...]:
    """The series of tenants 1 to ``count`` of a simulator seeded ``seed``."""
    if count < 1:
        raise ValueError(f"a simulator serves at least one tenant, not {count}")
    leader = ScoreSeries(seed)
    series: list[Series] = [leader]
    for number in range(2, count + 1):
        own_seed = tenant_seed(seed, number)
        band = home_band(number)
        if number <= 3:
            series.append(KeeperSeries(leader, own_seed, band))
        else:
            centre, swing = IN_BAND[band]
            series.append(ScoreSeries(own_seed, centre=centre, swing=swing))
    return tuple(series)
