"""How a reading is printed: the human line, the monitoring-plugin line, or JSON.

Machine output (``--json``, ``--check``) is English and stable; ``score`` and the demo share the
human line so the two never word a reading differently.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Final

from trayscore.core.catalog import SourceSpec, spec_for
from trayscore.core.errors import CheckExit, ExitStatus

if TYPE_CHECKING:
    from trayscore.cli.env import Environment
    from trayscore.core.models import Reading

NO_MAXIMUM: Final = "Microsoft publishes no maximum for it, so no percentage or band"
CHECK_EXIT: Final = {"good": CheckExit.OK, "fair": CheckExit.WARNING, "poor": CheckExit.CRITICAL}


def human_line(reading: Reading) -> str:
    """``Exposure score 27.9 (low) at 2026-11-28 09:30 UTC``, in the user's time zone."""
    from trayscore.core.bands import one_decimal  # noqa: PLC0415 - keep the tray's start lean

    spec = spec_for(reading.source)
    local = reading.time.astimezone()
    when = local.strftime("%Y-%m-%d %H:%M %Z").strip()
    if not reading.banded:
        return f"{spec.title} {reading.score:g} points at {when} ({NO_MAXIMUM})"
    line = f"{spec.title} {one_decimal(reading.score)}{spec.unit} ({reading.band.value}) at {when}"
    if reading.current is not None and reading.maximum is not None:
        line += f" ({reading.current:g} of {reading.maximum:g} points)"
    return line


def thresholds(spec: SourceSpec) -> str:
    """Warning and critical thresholds as monitoring-plugin ranges (``N:`` alerts below N)."""
    low, medium = spec.bands.low_max + 1, spec.bands.medium_max + 1
    if spec.lower_is_better:
        return f"{low};{medium}"
    return f"{medium}:;{low}:"


def check_line(reading: Reading) -> tuple[str, CheckExit]:
    """The monitoring-plugin line (state, text, perfdata) and its exit code."""
    from trayscore.core.bands import one_decimal  # noqa: PLC0415
    from trayscore.core.models import iso_utc  # noqa: PLC0415

    spec = spec_for(reading.source)
    if not reading.banded:
        return (
            f"{spec.check_label} UNKNOWN - {spec.title.lower()} {reading.score:g} points at "
            f"{iso_utc(reading.time)}: {NO_MAXIMUM} | score={reading.score:g};;;0;"
        ), CheckExit.UNKNOWN
    band = reading.band
    code = CHECK_EXIT[spec.severity(band).value]
    line = (
        f"{spec.check_label} {code.name} - {spec.title.lower()} "
        f"{one_decimal(reading.score)}{spec.unit} ({band.value}) at {iso_utc(reading.time)} "
        f"| score={reading.score:.2f};{thresholds(spec)};0;100"
    )
    return line, code


def print_reading(env: Environment, reading: Reading, *, as_json: bool, as_check: bool) -> int:
    """Print one reading in the chosen form; the exit code is the check's with ``--check``."""
    if as_json:
        env.out(json.dumps(reading.to_json()))
        return ExitStatus.OK
    if as_check:
        line, code = check_line(reading)
        env.out(line)
        return code
    env.out(human_line(reading))
    return ExitStatus.OK
