"""Plain values that flow from sources to history, policy and the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from trayscore.core.bands import Band
from trayscore.core.catalog import EXPOSURE_SCORE, band_for, spec_for


@dataclass(frozen=True)
class Reading:
    """One successful fetch: what the API said, and when it said it and we heard it.

    ``score`` is 0-100 in the source's direction; a source that counts points also carries
    them (``current`` of ``maximum``), so the percentage can be checked against them. A source
    whose percentage needs a maximum that the answer did not state (the device secure score)
    gives a points-only reading: ``score`` and ``current`` are the points, ``maximum`` is None
    and the reading is not :attr:`banded`.
    """

    source: str
    score: float
    time: datetime
    fetched_at: datetime
    current: float | None = None
    maximum: float | None = None

    @property
    def banded(self) -> bool:
        """False for a points-only reading: without a maximum there is no percentage or band."""
        return self.maximum is not None or not spec_for(self.source).percent_of_maximum

    @property
    def band(self) -> Band:
        """The band of this reading by its source's bands; ValueError when not banded."""
        if not self.banded:
            raise ValueError(f"a points-only {self.source} reading has no band")
        return band_for(self.source, self.score)

    def to_json(self) -> dict[str, object]:
        """The stable machine form (English keys, ISO-8601 UTC times; points when counted)."""
        data: dict[str, object] = {
            "source": self.source,
            "score": self.score,
            "band": self.band.value if self.banded else None,
            "time": iso_utc(self.time),
            "fetched_at": iso_utc(self.fetched_at),
        }
        if self.current is not None:
            data["current"] = self.current
            data["max"] = self.maximum
        if not self.banded:
            data["unit"] = "points"
        return data


@dataclass(frozen=True)
class GroupReading:
    """One device group's exposure score.

    ``group_id`` is Microsoft's rbacGroupId as text, or the name where the answer has none;
    both are free of control characters.
    """

    name: str
    group_id: str
    score: float
    time: datetime
    fetched_at: datetime

    @property
    def band(self) -> Band:
        """The exposure band of the group's score (lower is better)."""
        return EXPOSURE_SCORE.band_of(self.score)

    def to_json(self) -> dict[str, object]:
        """The stable machine form: name, id, score (full precision), band."""
        return {
            "name": self.name,
            "id": self.group_id,
            "score": self.score,
            "band": self.band.value,
        }


def iso_utc(moment: datetime) -> str:
    """ISO-8601 in UTC with a ``Z``, microseconds only when there are any."""
    text = moment.astimezone(UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"
