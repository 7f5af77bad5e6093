"""docs/adr/: every record carries a Status and a Date and is listed in the index."""

from __future__ import annotations

import re
from pathlib import Path

ADR = Path(__file__).resolve().parents[2] / "docs" / "adr"
STATUS = re.compile(r"^- Status: (proposed|accepted|superseded by \d{3}|deprecated)$", re.MULTILINE)
DATE = re.compile(r"^- Date: \d{4}-\d\d-\d\d$", re.MULTILINE)


def records() -> list[Path]:
    return sorted(path for path in ADR.glob("[0-9][0-9][0-9]-*.md"))


def test_every_record_states_its_status_and_date() -> None:
    # GIVEN every decision record  WHEN its head is read  THEN it has a Status and a Date line
    assert records(), "no decision records found"
    for path in records():
        head = path.read_text(encoding="utf-8")[:600]
        assert STATUS.search(head), f"{path.name}: no '- Status: ...' line"
        assert DATE.search(head), f"{path.name}: no '- Date: YYYY-MM-DD' line"


def test_the_index_lists_every_record_once_with_its_status() -> None:
    # GIVEN the index  WHEN its rows are read  THEN each record has exactly one row, with the
    # same status and date the record itself states
    index = (ADR / "README.md").read_text(encoding="utf-8")
    for path in records():
        rows = [line for line in index.splitlines() if f"]({path.name})" in line]
        assert len(rows) == 1, f"{path.name}: {len(rows)} rows in docs/adr/README.md"
        text = path.read_text(encoding="utf-8")
        status = STATUS.search(text)
        date = DATE.search(text)
        assert status
        assert date
        assert f"| {status.group(1)} |" in rows[0]
        assert date.group(0).removeprefix("- Date: ") in rows[0]
