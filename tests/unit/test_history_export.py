"""The history's JSON export: the same rows ``trayscore history --json`` prints."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from trayscore.history.export import entries_to_json
from trayscore.history.retention import Entry

NOW = datetime(2026, 11, 28, 13, 45, tzinfo=UTC)


def test_json_export_is_one_array_of_each_entrys_machine_form() -> None:
    # GIVEN two runs
    entries = [
        Entry("exposure-score", 33.5, NOW, NOW + timedelta(seconds=1), NOW + timedelta(hours=1)),
        Entry("secure-score", 71.5, NOW, NOW, NOW),
    ]
    # WHEN exported as JSON
    text = entries_to_json(entries)
    # THEN it is one array of the entries' machine form, in order, and an empty history is []
    assert json.loads(text) == [entry.to_json() for entry in entries]
    assert json.loads(text)[0]["last_confirmed"] == "2026-11-28T14:45:00Z"
    assert entries_to_json([]) == "[]"
