"""The history's journal format, and the fast parsing both history files share.

The journal (``<name>.journal``, next to the snapshot) is JSON lines::

    {"schema":1,"journal":7,"id":"<hex>"}
    {"source":"exposure-score","score":33.4,"time":"...Z","fetched_at":"...Z"}
    ...

The first line is the header: the journal's generation (the snapshot names the last generation
it absorbed, so a journal that is not newer holds nothing new) and a random id that, with the
inode, tells a reader it is still looking at the same journal. Every other line is one recorded
reading. Only complete lines count: a line without its newline is an append a killed writer never
finished; readers ignore it and the next writer cuts it off. See docs/adr/005-history-journal.md.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from trayscore.core.models import iso_utc
from trayscore.core.timeparse import parse_instant

JOURNAL_SCHEMA: Final = 1  # moves with the snapshot's schema
BINARY: Final = getattr(os, "O_BINARY", 0)  # no newline translation on Windows
HEADER_BYTES: Final = 512  # a header is ~60 bytes; a first line longer than this is not one
_TAIL_CHUNK: Final = 4096
_fromisoformat = datetime.fromisoformat
_raw_decode = json.JSONDecoder().raw_decode


@dataclass(frozen=True)
class Header:
    """A journal's first line: who may read it, which generation it is, and its exact bytes."""

    schema: int
    generation: int
    line: bytes


def header_line(generation: int) -> bytes:
    """A new journal's first line (its random id makes every journal's header unique)."""
    text = f'{{"schema":{JOURNAL_SCHEMA},"journal":{generation},"id":"{secrets.token_hex(8)}"}}\n'
    return text.encode()


def parse_header(line: bytes) -> Header:
    """The header of a journal; ValueError when the first line is not one.

    A line longer than ``HEADER_BYTES`` (newline included) is refused before it is parsed, so
    a reader holding the whole line and a writer holding only the file's first bytes agree.
    """
    if len(line) > HEADER_BYTES:
        raise ValueError("its first line is too long for a header")
    try:
        document = json.loads(line)
    except (ValueError, RecursionError) as error:
        raise ValueError("its first line is not JSON") from error
    schema = document.get("schema") if isinstance(document, dict) else None
    generation = document.get("journal") if isinstance(document, dict) else None
    if type(schema) is not int or schema < 1 or type(generation) is not int or generation < 1:
        raise ValueError("its first line is not a header")
    return Header(schema, generation, line)


def reading_line(source: str, score: float, time: datetime, fetched_at: datetime) -> bytes:
    """One reading as a journal line, newline included (times in the canonical UTC form)."""
    row = {
        "source": source,
        "score": score,
        "time": iso_utc(time),
        "fetched_at": iso_utc(fetched_at),
    }
    return (json.dumps(row, separators=(",", ":"), allow_nan=False) + "\n").encode()


def parse_reading(line: str) -> tuple[str, float, datetime, datetime]:
    """A journal line's reading; ValueError/TypeError/KeyError when it is not a valid one.

    ``raw_decode`` is ``json.loads`` without its per-call wrapping (half the cost of a line);
    a line it does not take whole (surrounding spaces, or really bad) goes to ``json.loads``.
    """
    try:
        row, end = _raw_decode(line)
        if end != len(line):
            raise ValueError("trailing characters")  # noqa: TRY301 - the same fallback
    except ValueError:
        row = json.loads(line)
    if type(row) is not dict:
        raise TypeError("line is not an object")
    source = row["source"]
    if type(source) is not str or not source:
        raise TypeError("source is not a name")
    return source, score_of(row["score"]), instant(row["time"]), instant(row["fetched_at"])


def score_of(value: object) -> float:
    """A stored score: a JSON number (not a boolean) within 0..100, as ``band_of`` accepts."""
    if type(value) is int:
        if not 0 <= value <= 100:  # checked before float(): a huge int would overflow
            raise ValueError("score out of range")
        return float(value)
    if type(value) is not float:
        raise TypeError("score is not a number")
    if not 0.0 <= value <= 100.0:  # NaN and the infinities fail this too
        raise ValueError("score out of range")
    return value


def instant(text: object) -> datetime:
    """A stored time: the canonical ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z`` fast, anything else strictly.

    The files hold thousands of times in the one form ``iso_utc`` writes; ``fromisoformat``
    reads it ~15x faster than the strict regex. The guard admits only that shape (separators in
    place: ``fromisoformat`` alone also takes ``,`` or ``:`` before a fraction), where the two
    parsers agree (a property test holds them to it); everything else goes to ``parse_instant``.
    """
    if type(text) is not str:
        raise TypeError("time is not a string")
    size = len(text)
    if (
        (size == 20 or (size == 27 and text[19] == "."))
        and text[-1] == "Z"
        and text[10] == "T"
        and text[4] == text[7] == "-"
        and text[13] == text[16] == ":"
    ):
        try:
            return _fromisoformat(text)
        except ValueError:
            pass  # parse_instant says why, in its words
    return parse_instant(text)


def complete_length(fd: int, size: int) -> int:
    """The length of the file up to and including its last newline (0 when it has none)."""
    if size and read_at(fd, 1, size - 1) == b"\n":
        return size
    end = size
    while end > 0:
        start = max(0, end - _TAIL_CHUNK)
        found = read_at(fd, end - start, start).rfind(b"\n")
        if found >= 0:
            return start + found + 1
        end = start
    return 0


def read_at(fd: int, size: int, offset: int) -> bytes:
    """Up to ``size`` bytes at ``offset`` (``os.pread`` is POSIX-only; appends ignore the seek)."""
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)
