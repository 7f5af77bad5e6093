"""The history's snapshot file: its format, strict parsing, and writing it in one piece.

Snapshot (schema 1), ``<name>``::

    {"schema":1,"journal":7,"write_id":"<hex>","sources":{"<source>":[
        {"score":33.4,"time":"...Z","fetched_at":"...Z","last_confirmed":"...Z"}, ...]}}

``journal`` is the last journal generation folded into it (``trayscore.history.journal``);
``write_id`` is fresh at every write, so the first bytes tell a reader the file was replaced.
A file from a newer schema is read as far as possible (its entries this version understands)
and never written to; anything else off makes the whole file corrupt.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from trayscore.history.journal import instant, score_of
from trayscore.history.retention import Entry, Runs, object_new

SCHEMA_VERSION: Final = 1
HISTORY_MAX_BYTES: Final = 64 * 1024 * 1024  # years of readings are a few MiB; more is hostile
HEAD_BYTES: Final = 96  # enough for the head this version writes, up to the write id
_HEAD: Final = re.compile(rb'\{"schema":(\d{1,9}),"journal":(\d{1,18}),')

Signature = tuple[int, int, int, bytes]  # inode, size, mtime, first bytes: which file this is


class Corrupt(Exception):
    """The file's content is not a history this version can trust (internal)."""


@dataclass
class Loaded:
    """What one read of the snapshot gave: its runs, and whether this version may write over it."""

    runs: Runs
    refusal: str | None  # why this version must not write over the file, if it must not
    signature: Signature | None
    absorbed: int = 0  # the last journal generation folded into this snapshot


def too_large() -> str:
    """Why a file over ``HISTORY_MAX_BYTES`` is not read (as the end of a sentence)."""
    return f"larger than {HISTORY_MAX_BYTES // (1024 * 1024)} MiB, more than any history holds"


def absorbed_from_head(head: bytes) -> int | None:
    """The absorbed generation, when ``head`` starts exactly as this version writes; else None.

    Only that exact form is trusted unparsed; anything else must be read in full.
    """
    match = _HEAD.match(head)
    if match is not None and int(match[1]) == SCHEMA_VERSION:
        return int(match[2])
    return None


def parse_snapshot(data: bytes, refuse_newer: Callable[[int], str]) -> Loaded:
    """The snapshot in ``data``; Corrupt for anything off.

    ``refuse_newer(schema)`` is called for a newer version's file and returns why this version
    will not write over it (and may tell the user).
    """
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise Corrupt("not valid JSON" if data.strip() else "empty file") from error
    except MemoryError:
        raise Corrupt(too_large()) from None
    if not isinstance(document, dict):
        raise Corrupt("not a JSON object")
    schema = document.get("schema")
    if type(schema) is not int or schema < 1:
        raise Corrupt("no valid schema version")
    absorbed = document.get("journal", 0)
    if schema > SCHEMA_VERSION:
        refusal = refuse_newer(schema)
        absorbed = absorbed if type(absorbed) is int and absorbed >= 0 else 0
        runs = _lenient_runs(document.get("sources"))
        return Loaded(runs, refusal, signature=None, absorbed=absorbed)
    if type(absorbed) is not int or absorbed < 0:
        raise Corrupt("holding no valid journal generation")
    runs = _strict_runs(document.get("sources"))
    return Loaded(runs, refusal=None, signature=None, absorbed=absorbed)


def snapshot_bytes(runs: Runs, absorbed: int, write_id: str) -> bytes:
    """The whole snapshot file for ``runs`` (sources without runs are left out)."""
    sources = ",".join(
        f"{json.dumps(name)}:[{','.join([entry._line for entry in rows])}]"
        for name, rows in runs.items()
        if rows
    )
    head = f'{{"schema":{SCHEMA_VERSION},"journal":{absorbed},"write_id":"{write_id}"'
    return f'{head},"sources":{{{sources}}}}}\n'.encode()


def _strict_runs(sources: object) -> Runs:
    """Schema-1 sources; any wrong type makes the whole file corrupt."""
    if not isinstance(sources, dict):
        raise Corrupt("missing its sources")
    runs: Runs = {}
    for name, rows in sources.items():
        if not isinstance(rows, list) or not name:
            raise Corrupt("holding a source that is not a list")
        try:
            runs[name] = [_entry(name, row) for row in rows]
        except (ValueError, TypeError, KeyError) as error:
            raise Corrupt("holding an entry of the wrong type") from error
    return runs


def _lenient_runs(sources: object) -> Runs:
    """A newer schema's sources: keep every entry this version understands, skip the rest."""
    runs: Runs = {}
    if not isinstance(sources, dict):
        return runs
    for name, rows in sources.items():
        if not isinstance(rows, list):
            continue
        for row in rows:
            with contextlib.suppress(ValueError, TypeError, KeyError):
                runs.setdefault(name, []).append(_entry(name, row))
    return runs


def _entry(source: str, row: object) -> Entry:
    """One snapshot row, strictly: ValueError/TypeError/KeyError for anything off.

    The hot loop of a load (thousands of rows): exact type checks, the fast time parser, one
    parse for the common ``last_confirmed == fetched_at``, and no dataclass ``__init__``.
    """
    if type(row) is not dict:
        raise TypeError("entry is not an object")
    score = row["score"]
    if type(score) is not float or not 0.0 <= score <= 100.0:
        score = score_of(score)
    fetched_text, confirmed_text = row["fetched_at"], row["last_confirmed"]
    start, fetched = instant(row["time"]), instant(fetched_text)
    confirmed = fetched if confirmed_text == fetched_text else instant(confirmed_text)
    entry = object_new(Entry)
    entry.__dict__.update(
        source=source, score=score, time=start, fetched_at=fetched, last_confirmed=confirmed
    )
    return entry
