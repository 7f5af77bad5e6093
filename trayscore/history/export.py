"""The history as files for other tools: CSV (a spreadsheet) and JSON (scripts).

Both are locale-free and use ISO-8601 UTC times and full-precision scores, so an export reads
the same on every machine; the JSON rows are :meth:`Entry.to_json`, the CSV columns their keys.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Final

from trayscore.history.retention import Entry

CSV_COLUMNS: Final = ("source", "score", "band", "time", "fetched_at", "last_confirmed")


def entries_to_csv(entries: Sequence[Entry]) -> str:
    """CSV with a header row, ISO-8601 UTC times and full-precision scores (locale-free)."""
    import csv  # noqa: PLC0415 - only exports need it, and the store re-exports this function
    import io  # noqa: PLC0415

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        row = entry.to_json()
        writer.writerow([row[column] for column in CSV_COLUMNS])
    return buffer.getvalue()


def entries_to_json(entries: Sequence[Entry]) -> str:
    """One JSON array of the entries' machine form, as ``trayscore history --json`` prints it."""
    return json.dumps([entry.to_json() for entry in entries])


def tenants_to_csv(histories: Sequence[tuple[str, Sequence[Entry]]]) -> str:
    """Several tenants' histories in one CSV: a ``tenant`` column first, then the usual ones.

    A name a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first, OWASP's "CSV
    Injection") is written with a leading apostrophe, so it stays text.
    """
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("tenant", *CSV_COLUMNS))
    for name, entries in histories:
        cell = f"'{name}" if name[:1] in {"=", "+", "-", "@"} else name
        for entry in entries:
            row = entry.to_json()
            writer.writerow([cell, *(row[column] for column in CSV_COLUMNS)])
    return buffer.getvalue()
