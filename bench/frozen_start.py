"""Start-up of the frozen app (the .deb's bundle) against the virtual environment's, as a ratio.

Both run `--demo` alternately on one private Xvfb with trayer as the tray host; "icon shown" is
when the icon window is embedded in the tray (bench/startup.py's measure). Budget (issue 8): the
frozen app within 1.2x of the venv.

Usage: python bench/frozen_start.py [--runs N] [--bundle PATH]
  PATH defaults to dist/'s .deb extracted into a temporary folder (build it first:
  python3 packaging/build.py deb).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import one_run, tray_desktop

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 1.2


def main() -> None:
    """Alternate venv and frozen starts; print medians and the ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, tray_desktop() as env:
        for name in ("CONFIG", "DATA", "STATE", "CACHE"):
            env[f"XDG_{name}_HOME"] = f"{scratch}/{name.lower()}"
        frozen = args.bundle
        if frozen is None:
            debs = sorted((ROOT / "dist").glob("trayscore_*_amd64.deb"))
            if not debs:
                raise SystemExit("no .deb in dist/: run python3 packaging/build.py deb")
            subprocess.run(["dpkg-deb", "-x", str(debs[-1]), f"{scratch}/root"], check=True)
            frozen = Path(scratch) / "root" / "opt" / "trayscore" / "trayscore"
        programs = {
            "venv": [sys.executable, "-m", "trayscore", "--demo"],
            "frozen": [str(frozen), "--demo"],
        }
        times: dict[str, list[float]] = {name: [] for name in programs}
        rss: dict[str, list[float]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, command in programs.items():
                shown, memory = one_run(command, "trayscore", env, 1.0)
                times[name].append(shown)
                rss[name].append(memory)
    for name in programs:
        print(
            f"{name:7s} icon after {statistics.median(times[name]) * 1000:5.0f} ms "
            f"(median of {args.runs}), RSS {statistics.median(rss[name]):5.1f} MiB"
        )
    ratio = statistics.median(times["frozen"]) / statistics.median(times["venv"])
    print(f"frozen / venv start-up {ratio:.2f}x (budget <= {BUDGET}x)")


if __name__ == "__main__":
    main()
