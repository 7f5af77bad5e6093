"""How a reading is printed: the human line, the monitoring-plugin line, or JSON.

Machine output (``--json``, ``--check``) is English and stable; ``score`` and the demo share the
human line so the two never word a reading differently.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from trayscore.core.catalog import SourceSpec, source_named, spec_for
from trayscore.core.errors import CheckExit, ExitStatus, TrayscoreError

if TYPE_CHECKING:
    from trayscore.cli.env import Environment
    from trayscore.cli.tenants import Target
    from trayscore.core.models import Reading

DEMO_NOTE: Final = "(demo: the built-in simulator, not a real tenant)"
NO_MAXIMUM: Final = "Microsoft publishes no maximum for it, so no percentage or band"
CHECK_EXIT: Final = {"good": CheckExit.OK, "fair": CheckExit.WARNING, "poor": CheckExit.CRITICAL}
# The worst of several states, as Icinga and Nagios rank them: critical, unknown, warning, ok.
CHECK_SEVERITY: Final = {
    CheckExit.OK: 0,
    CheckExit.WARNING: 1,
    CheckExit.UNKNOWN: 2,
    CheckExit.CRITICAL: 3,
}
ALL_LABEL: Final = "TRAYSCORE"  # score --check --all over tenants that read different scores


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


def print_reading(
    env: Environment, reading: Reading, *, as_json: bool, as_check: bool, demo: bool = False
) -> int:
    """Print one reading in the chosen form; the exit code is the check's with ``--check``.

    The demo's reading says so: in words, or as ``"demo": true`` in JSON.
    """
    if as_json:
        env.out(json.dumps(reading.to_json() | ({"demo": True} if demo else {})))
        return ExitStatus.OK
    if as_check:
        line, code = check_line(reading)
        env.out(line)
        return code
    env.out(f"{human_line(reading)} {DEMO_NOTE}" if demo else human_line(reading))
    return ExitStatus.OK


def perf_label(name: str) -> str:
    """A tenant's name as a perfdata label: quoted, lower case, ``=`` and ``'`` made safe.

    The Nagios plugin guidelines (Performance data): a label with spaces is single-quoted, a
    quote in it is doubled, and ``=`` may not appear at all.
    """
    text = name.casefold().replace("=", "_").replace("'", "''")
    return f"'{text}'"


Outcome = tuple["Target", "Reading | TrayscoreError"]


def _check_row(
    target: Target, outcome: Reading | TrayscoreError, source: str | None
) -> tuple[CheckExit, str, str]:
    """One tenant's state, words and perfdata for ``score --check --all``."""
    from trayscore.core.bands import one_decimal  # noqa: PLC0415

    label = perf_label(target.name)
    if isinstance(outcome, TrayscoreError):
        spec = source_named(source or target.settings.source)
        return (
            CheckExit.UNKNOWN,
            f"{target.name} unknown ({outcome.message})",
            f"{label}=U;{thresholds(spec)};0;100",
        )
    spec = spec_for(outcome.source)
    if not outcome.banded:
        return (
            CheckExit.UNKNOWN,
            f"{target.name} {outcome.score:g} points (no band)",
            f"{label}={outcome.score:g};;;0;",
        )
    code = CHECK_EXIT[spec.severity(outcome.band).value]
    words = f"{target.name} {one_decimal(outcome.score)}{spec.unit} ({outcome.band.value})"
    return code, words, f"{label}={outcome.score:.2f};{thresholds(spec)};0;100"


def check_all(outcomes: Sequence[Outcome], source: str | None) -> tuple[str, CheckExit]:
    """``score --check --all``: the worst state, one line naming its tenant, perfdata for each.

    ``EXPOSURE CRITICAL - worst: Contoso 81.4 (high); 4 others: 2 ok, 1 warning, 1 unknown |
    'contoso'=81.40;30;70;0;100 ...``. A tenant that could not be read is UNKNOWN, with ``U``
    as its value. The label is the score's when every tenant reads the same one.
    """
    rows = [_check_row(target, outcome, source) for target, outcome in outcomes]
    if not rows:
        return f"{ALL_LABEL} UNKNOWN - no tenants to check", CheckExit.UNKNOWN
    worst = max(range(len(rows)), key=lambda index: CHECK_SEVERITY[rows[index][0]])
    code, words, _ = rows[worst]
    rest = [row[0] for index, row in enumerate(rows) if index != worst]
    summary = ""
    if rest:
        counts = ", ".join(
            f"{rest.count(state)} {state.name.lower()}"
            for state in sorted(set(rest), key=lambda state: -CHECK_SEVERITY[state])
        )
        summary = f"; {len(rest)} other{'s' if len(rest) > 1 else ''}: {counts}"
    sources = {source or target.settings.source for target, _ in outcomes}
    label = source_named(sources.pop()).check_label if len(sources) == 1 else ALL_LABEL
    perfdata = " ".join(row[2] for row in rows)
    return f"{label} {code.name} - worst: {words}{summary} | {perfdata}", code


def print_all(
    env: Environment,
    outcomes: Sequence[Outcome],
    source: str | None,
    *,
    as_json: bool,
    as_check: bool,
) -> int:
    """``score --all``: one row per tenant, in the settings' order.

    JSON is an array: each reading's object with ``tenant`` added, or ``tenant`` with an
    ``error`` (kind, message, exit_code). The exit code is 0 when every tenant was read, else the
    first failing tenant's; with ``--check`` it is the worst state (:func:`check_all`).
    """
    if as_check:
        line, code = check_all(outcomes, source)
        env.out(line)
        return code
    failed = [outcome for _, outcome in outcomes if isinstance(outcome, TrayscoreError)]
    if as_json:
        env.out(json.dumps([_json_row(target, outcome) for target, outcome in outcomes]))
    else:
        for target, outcome in outcomes:
            if isinstance(outcome, TrayscoreError):
                env.out(f"{target.name}: no score: {outcome.message}")
            else:
                env.out(f"{target.name}: {human_line(outcome)}")
        if any(target.demo for target, _ in outcomes):
            env.out(DEMO_NOTE)
    return failed[0].exit_code if failed else ExitStatus.OK


def _json_row(target: Target, outcome: Reading | TrayscoreError) -> dict[str, object]:
    if isinstance(outcome, TrayscoreError):
        error = {"kind": outcome.kind, "message": outcome.message, "exit_code": outcome.exit_code}
        return {"tenant": target.name, "error": error}
    return {"tenant": target.name, **outcome.to_json()}
