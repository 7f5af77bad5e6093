"""Plain values that flow from sources to history, policy and the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from trayscore.bands import Band
from trayscore.sources.catalog import band_for


@dataclass(frozen=True)
class Reading:
    """One successful fetch: what the API said, and when it said it and we heard it.

    ``score`` is always 0-100 in the source's direction; a source that counts points also
    carries them (``current`` of ``maximum``), so the percentage can be checked against them.
    """

    source: str
    score: float
    time: datetime
    fetched_at: datetime
    current: float | None = None
    maximum: float | None = None

    @property
    def band(self) -> Band:
        """The band of this reading by its source's bands, by the number the user sees."""
        return band_for(self.source, self.score)

    def to_json(self) -> dict[str, object]:
        """The stable machine form (English keys, ISO-8601 UTC times; points when counted)."""
        data: dict[str, object] = {
            "source": self.source,
            "score": self.score,
            "band": self.band.value,
            "time": iso_utc(self.time),
            "fetched_at": iso_utc(self.fetched_at),
        }
        if self.current is not None and self.maximum is not None:
            data["current"] = self.current
            data["max"] = self.maximum
        return data


def iso_utc(moment: datetime) -> str:
    """ISO-8601 in UTC with a ``Z``, microseconds only when there are any."""
    text = moment.astimezone(UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"
