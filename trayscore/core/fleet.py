"""Several tenants in one tray, as pure logic (issue 21).

Which tenant is worst, what the rest add up to, when each is read, and how their score news is
told together.

The tray shows one icon for a fleet of tenants: the worst tenant with a score, judged in each
source's own direction (an exposure score of 81 is poor, a Secure Score of 81% is good). The
requests are spread over the interval and capped, so fifty tenants never arrive at the service
together, and each tenant backs off alone. Wordless: the ui layer says it in the user's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from trayscore.core.bands import SCORE_MAX, Severity
from trayscore.core.catalog import severity, spec_for
from trayscore.core.display_state import DisplayState, Look

SEVERITY_RANK: Final = MappingProxyType({Severity.POOR: 3, Severity.FAIR: 2, Severity.GOOD: 1})
"""Higher is worse: the first half of :func:`badness`."""

SCORED_LOOKS: Final = frozenset({Look.SCORE, Look.STALE})
UNSCORED_ORDER: Final = (Look.SIGN_IN, Look.ERROR, Look.SET_UP, Look.NO_DATA)
"""After the tenants with a score: first what the user can fix, last what is merely early."""


@dataclass(frozen=True)
class TenantView:
    """One tenant as the tray shows it: its name in the settings and its state now."""

    name: str
    state: DisplayState


def badness(state: DisplayState) -> tuple[int, float] | None:
    """How bad the score shown is, higher worse; None when no score is shown.

    (severity rank, directional score): poor 3, fair 2, good 1 by the source's bands, then the
    score itself where lower is better, else 100 minus it. A stale score counts with its last
    value. A points-only reading (no maximum, so no percentage and no band) has none.
    """
    reading = state.reading
    if state.look not in SCORED_LOOKS or reading is None or not reading.banded:
        return None
    rank = SEVERITY_RANK[severity(reading.source, reading.band)]
    lower_is_better = spec_for(reading.source).lower_is_better
    directional = reading.score if lower_is_better else SCORE_MAX - reading.score
    return rank, directional


def _order(view: TenantView) -> tuple[int, int, float]:
    bad = badness(view.state)
    if bad is not None:
        return 0, -bad[0], -bad[1]
    look = view.state.look
    place = UNSCORED_ORDER.index(look) if look in UNSCORED_ORDER else len(UNSCORED_ORDER)
    return 1, place, 0.0


def ranked(tenants: Sequence[TenantView]) -> list[TenantView]:
    """Worst first: those with a score by :func:`badness`, then sign-in, error, set-up, no data.

    Ties keep the settings' order. A score without a band (points only) comes last.
    """
    return sorted(tenants, key=_order)


def worst(tenants: Sequence[TenantView]) -> TenantView | None:
    """The worst tenant with a score (what the icon shows); None when none has one."""
    first = ranked(tenants)[:1]
    return first[0] if first and badness(first[0].state) is not None else None


@dataclass(frozen=True)
class FleetSummary:
    """The fleet in numbers, for the tooltip and the menu's status line.

    ``worst`` plus ``others`` plus the four counts make ``total``; ``others`` holds every
    severity, zero included.
    """

    worst: TenantView | None
    total: int
    others: Mapping[Severity, int]  # the other tenants with a score, counted by severity
    needs_sign_in: int  # look SIGN_IN or SET_UP: the user has something to do
    failing: int  # look ERROR
    waiting: int  # look NO_DATA: nothing read yet
    unbanded: int = 0  # a score without a band (points only): shown, not judged


def summarise(tenants: Sequence[TenantView]) -> FleetSummary:
    """Count the fleet: the worst, the others by severity, and those without a score by why."""
    top = worst(tenants)
    others = dict.fromkeys(Severity, 0)
    looks = dict.fromkeys(Look, 0)
    unbanded = 0
    for view in tenants:
        reading = view.state.reading
        if badness(view.state) is not None and reading is not None:
            if view is not top:
                others[severity(reading.source, reading.band)] += 1
        elif view.state.look in SCORED_LOOKS:
            unbanded += 1
        else:
            looks[view.state.look] += 1
    return FleetSummary(
        worst=top,
        total=len(tenants),
        others=MappingProxyType(others),
        needs_sign_in=looks[Look.SIGN_IN] + looks[Look.SET_UP],
        failing=looks[Look.ERROR],
        waiting=looks[Look.NO_DATA],
        unbanded=unbanded,
    )
