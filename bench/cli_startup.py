"""CLI start-up cost as a ratio against a bare interpreter, measured in one alternating run.

Usage: python bench/cli_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from trayscore.simulator import Simulator


def _time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    """Alternate the three commands, then print medians and ratios to the bare interpreter."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with Simulator(seed=2) as simulator:
        env = dict(os.environ, TRAYSCORE_API_URL=simulator.url, TRAYSCORE_ACCESS_TOKEN="bench")  # noqa: S106
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "trayscore --version": [sys.executable, "-m", "trayscore", "--version"],
            "trayscore score --json": [sys.executable, "-m", "trayscore", "score", "--json"],
        }
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                samples[name].append(_time(command, env))
    base = statistics.median(samples["python -c pass"])
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:28s} median {median * 1000:7.1f} ms   ratio {median / base:5.2f}x")


if __name__ == "__main__":
    main()
