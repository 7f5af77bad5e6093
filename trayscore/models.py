"""Plain values that flow from sources to history, policy and the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from trayscore.bands import Band, band_of


@dataclass(frozen=True)
class Reading:
    """One successful fetch: what the API said, and when it said it and we heard it."""

    source: str
    score: float
    time: datetime
    fetched_at: datetime

    @property
    def band(self) -> Band:
        """The band of this reading, by the number the user sees."""
        return band_of(self.score)

    def to_json(self) -> dict[str, object]:
        """The stable machine form (English keys, ISO-8601 UTC times)."""
        return {
            "source": self.source,
            "score": self.score,
            "band": self.band.value,
            "time": iso_utc(self.time),
            "fetched_at": iso_utc(self.fetched_at),
        }


def iso_utc(moment: datetime) -> str:
    """ISO-8601 in UTC with a ``Z``, microseconds only when there are any."""
    text = moment.astimezone(UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"
