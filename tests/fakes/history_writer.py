"""Keep recording readings into a history file; print each index once it is durably recorded.

Usage: python history_writer.py PATH FIRST_INDEX BASE_EPOCH_SECONDS [COMPACT_EVERY]

Reading ``i`` has the API time BASE + i minutes and a score that differs from its neighbours, so
every reading starts a new run and the history grows. With COMPACT_EVERY = n > 0 the journal is
also compacted after every n-th reading, so that kills land in compactions as well as appends.
The crash test kills this with SIGKILL.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trayscore.core.models import Reading
from trayscore.history.store import HistoryStore

SOURCE = "crash"


def reading_for(index: int, base: datetime) -> Reading:
    """The reading the writer records as number ``index``."""
    at = base + timedelta(minutes=index)
    return Reading(SOURCE, (index % 997) / 10, at, at)


def main() -> None:
    """Record forever, one line on stdout after each successful record."""
    path, first, base_seconds = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    compact_every = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    base = datetime.fromtimestamp(base_seconds, UTC)
    store = HistoryStore(path)
    index = first
    while True:
        store.record(reading_for(index, base))
        print(index, flush=True)
        if compact_every and index % compact_every == 0:
            store.compact()
        index += 1


if __name__ == "__main__":
    main()
