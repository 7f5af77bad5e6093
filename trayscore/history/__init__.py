"""The local history of readings: a JSON snapshot, an append-only journal, retention, export."""
