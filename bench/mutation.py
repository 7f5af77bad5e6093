"""Mutation testing of the pure modules: does each one's own unit test file notice a changed line?

Usage: python bench/mutation.py [--module NAME ...] [--jobs 1|2] [--fail-under PERCENT] [--keep]

For each module below, mutmut 3 (the ``dev`` extra) makes small changes ("mutants") to that
module only, ``<`` to ``<=``, ``is`` to ``is not``, a constant to another, and runs the module's
own unit tests (and only those) against each; a mutant the tests fail on is *killed*. A test
file that lets many mutants survive runs the code without checking what it does.

Each module gets a work folder ``mutants/<module>/`` (ignored by git) holding a copy of
``trayscore/`` and ``tests/`` and a ``pyproject.toml`` whose ``[tool.mutmut]`` names that module
and its test files, so modules never kill each other's mutants through shared tests. mutmut
copies that again into its own ``mutants/`` inside and keeps its results there, so after a run::

    cd mutants/history_journal && ../../.venv/bin/mutmut show NAME

shows a survivor's diff. The folder is rebuilt on every run unless ``--keep`` is given (then
mutmut tests only the mutants it has no result for, which is right only if nothing changed).

The score printed per module is killed / (total - equivalent). Killed includes a timeout (the
mutant made a test loop until mutmut's CPU limit stopped it). An *equivalent* mutant changes
the code but cannot change what it does (``x < 0`` against ``x <= 0`` where ``x`` is never 0);
they are listed, each with the reason, in ``bench/mutation_equivalent.toml``, keyed by mutant
name. mutmut numbers mutants by position in each function, so an edit to a function can
renumber them: the script names a listed mutant that does not exist or was killed, so the list
can be checked again.

It runs by hand, not in CI (the whole set took about 12 minutes with two children on a shared
two-core machine, most of it the history store): ``bench/`` is outside pytest's ``testpaths``.
``--jobs`` caps mutmut's parallel children (default 2: these machines are shared). The exit
status is 1 when a module scores below ``--fail-under`` (default 90).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "mutants"
EQUIVALENT_FILE = ROOT / "bench" / "mutation_equivalent.toml"
MUTMUT = Path(sys.executable).parent / "mutmut"

# Each pure module and the unit test files that are its own. The store's journal handling
# (append, replay, compaction, damaged journals) is tested in test_history_journal.py, so that
# file is the store's too.
MODULES: dict[str, tuple[str, ...]] = {
    "history_journal": ("tests/unit/test_history_journal.py",),
    "history": (
        "tests/unit/test_history.py",
        "tests/unit/test_history_journal.py",
        "tests/unit/test_history_record_many.py",
    ),
    "policy": ("tests/unit/test_policy.py",),
    "schedule": ("tests/unit/test_schedule.py",),
    "trend": ("tests/unit/test_trend.py",),
    "timeparse": ("tests/unit/test_timeparse.py",),
    "bands": ("tests/unit/test_bands.py",),
}
# mutmut's statuses that count as the tests noticing the mutant.
KILLED = frozenset({"killed", "timeout", "caught by type check"})
_RESULT = re.compile(r"^\s+(\S+): (.+)$")


@dataclass
class Score:
    """One module's mutants by status, and what the equivalent list says of them."""

    module: str
    seconds: float
    statuses: dict[str, str]
    equivalent: set[str] = field(default_factory=set)
    stale: list[str] = field(default_factory=list)

    @property
    def killed(self) -> int:
        """Mutants some test failed on (a timeout too: the test noticed, by never ending)."""
        return sum(1 for status in self.statuses.values() if status in KILLED)

    @property
    def survivors(self) -> list[str]:
        """Mutants no test noticed, that are not listed as equivalent."""
        return sorted(
            name
            for name, status in self.statuses.items()
            if status not in KILLED and name not in self.equivalent
        )

    @property
    def percent(self) -> float:
        """Killed out of the mutants that could be killed at all."""
        counted = len(self.statuses) - len(self.equivalent)
        return 100.0 if counted <= 0 else 100.0 * self.killed / counted


def load_equivalent() -> dict[str, str]:
    """The equivalent mutants' names and reasons; a missing or blank reason is an error."""
    if not EQUIVALENT_FILE.exists():
        return {}
    table = tomllib.loads(EQUIVALENT_FILE.read_text("utf-8"))
    for name, reason in table.items():
        if not isinstance(reason, str) or not reason.strip():
            raise SystemExit(f"{EQUIVALENT_FILE.name}: {name} needs a reason (a string)")
    return {name: str(reason) for name, reason in table.items()}


def prepare(module: str, tests: tuple[str, ...], workdir: Path) -> None:
    """A work folder with a copy of the package and tests and this module's mutmut settings."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    shutil.copytree(ROOT / "trayscore", workdir / "trayscore", ignore=skip)
    shutil.copytree(ROOT / "tests", workdir / "tests", ignore=skip)
    # The project's own settings (pytest's markers, timeout, qt_api) plus mutmut's for this module.
    settings = (ROOT / "pyproject.toml").read_text("utf-8")
    selection = ", ".join(f'"{test}"' for test in tests)
    settings += f"""
[tool.mutmut]
source_paths = ["trayscore"]
only_mutate = ["trayscore/{module}.py"]
pytest_add_cli_args_test_selection = [{selection}]
pytest_add_cli_args = ["-p", "no:cacheprovider"]
use_git_change_detection = false
"""
    (workdir / "pyproject.toml").write_text(settings, "utf-8")


def run_module(module: str, jobs: int, keep: bool) -> Score:
    """Run mutmut on one module in its work folder; its mutants' statuses by name."""
    workdir = WORK / module
    if not (keep and workdir.exists()):
        prepare(module, MODULES[module], workdir)
    log = workdir / "mutmut-run.log"
    start = time.monotonic()
    with log.open("w") as output:
        done = subprocess.run(
            [str(MUTMUT), "run", "--max-children", str(jobs)],
            cwd=workdir,
            stdout=output,
            stderr=subprocess.STDOUT,
            check=False,
        )
    seconds = time.monotonic() - start
    if done.returncode != 0:
        raise SystemExit(f"{module}: mutmut run failed (exit {done.returncode}); see {log}")
    listing = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    statuses = {}
    for line in listing.splitlines():
        if matched := _RESULT.match(line):
            statuses[matched.group(1)] = matched.group(2)
    if not statuses:
        raise SystemExit(f"{module}: mutmut made no mutants; see {log}")
    return Score(module, seconds, statuses)


def apply_equivalent(score: Score, equivalent: dict[str, str]) -> None:
    """Mark the listed equivalent mutants of this module; name the entries that no longer fit."""
    prefix = f"trayscore.{score.module}."
    for name in sorted(equivalent):
        if not name.startswith(prefix):
            continue
        status = score.statuses.get(name)
        if status is None:
            score.stale.append(f"{name}: listed as equivalent but no such mutant")
        elif status in KILLED:
            score.stale.append(f"{name}: listed as equivalent but {status} (renumbered?)")
        else:
            score.equivalent.add(name)


def main() -> int:
    """Run the chosen modules, print a score per module, and the survivors to look at."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", choices=sorted(MODULES), default=None)
    parser.add_argument("--jobs", type=int, choices=(1, 2), default=2)
    parser.add_argument("--fail-under", type=float, default=90.0)
    parser.add_argument("--keep", action="store_true", help="reuse mutmut's earlier results")
    args = parser.parse_args()
    if not MUTMUT.exists():
        print(f"{MUTMUT} not found: install the dev extra (pip install -e '.[dev]')")
        return 2
    equivalent = load_equivalent()
    modules = args.module or list(MODULES)
    started = time.monotonic()
    scores = []
    for module in modules:
        print(f"{module}: running mutmut ...", flush=True)
        score = run_module(module, args.jobs, args.keep)
        apply_equivalent(score, equivalent)
        scores.append(score)
    total_seconds = time.monotonic() - started

    print()
    print(f"{'module':<16} {'killed':>6} {'total':>6} {'equiv':>6} {'score':>7} {'time':>7}")
    for score in scores:
        print(
            f"{score.module:<16} {score.killed:>6} {len(score.statuses):>6}"
            f" {len(score.equivalent):>6} {score.percent:>6.1f}% {score.seconds:>6.0f}s"
        )
    print(f"total run time {total_seconds:.0f}s")
    for score in scores:
        for line in score.stale:
            print(f"stale: {line}")
        for name in score.survivors:
            status = score.statuses[name]
            print(f"survived: {name}" + ("" if status == "survived" else f" ({status})"))
    if any(score.survivors for score in scores):
        print("see one: cd mutants/<module> && ../../.venv/bin/mutmut show NAME")
    return 1 if any(score.percent < args.fail_under for score in scores) else 0


if __name__ == "__main__":
    sys.exit(main())
