"""Start-up time and memory of `trayscore --demo` against a bare PySide6 tray, as ratios.

The programs run alternately on one private Xvfb with trayer as the tray host: the bare tray,
the bare tray that also loads msal/requests/keyring/platformdirs after its icon (the memory floor
of any app that signs in and fetches, see shared/FIELD-NOTES.md), and trayscore. "Icon shown" is
the moment the program's icon window is embedded in the tray (seen by polling the X window tree).
RSS is read from /proc after the app settled (icon shown, services started, first score fetched).

Usage: python bench/startup.py [--runs N] [--settle S] [--soak MINUTES]
  --soak samples trayscore --demo's RSS every minute for that long (fast demo polling).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BENCH = Path(__file__).resolve().parent


@contextmanager
def tray_desktop() -> Iterator[dict[str, str]]:
    """Xvfb plus trayer; yields the environment for programs to show up there."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "800x200x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as reader:
        display = ":" + reader.readline().strip()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRAYSCORE_", "DBUS_"))}
    env |= {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    trayer = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "left", "--widthtype", "pixel", "--width", "200"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    try:
        yield env
    finally:
        for process in (trayer, xvfb):
            process.terminate()
            process.wait(5)


def embedded(env: dict[str, str], window_class: str) -> bool:
    """True once a window named ``window_class`` (the app name) sits inside trayer's panel."""
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True, check=False
    ).stdout
    panel = tree.split('"panel"', 1)[-1]
    return f'"{window_class}": ("' in panel


def rss_mib(pid: int) -> float:
    """Resident memory of a process in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def one_run(
    command: list[str], window_class: str, env: dict[str, str], settle: float
) -> tuple[float, float]:
    """Seconds until the icon is embedded, and RSS after ``settle`` seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not embedded(env, window_class):
            if time.perf_counter() - start > 30:
                raise RuntimeError(f"{window_class} showed no icon within 30 s")
            time.sleep(0.002)
        shown = time.perf_counter() - start
        time.sleep(settle)
        return shown, rss_mib(process.pid)
    finally:
        process.terminate()
        process.wait(10)


def soak(env: dict[str, str], minutes: int) -> None:
    """RSS of trayscore --demo once a minute while it polls the simulator every 10 s."""
    process = subprocess.Popen(
        [sys.executable, "-m", "trayscore", "--demo"], env=env, stdout=subprocess.DEVNULL
    )
    try:
        for minute in range(minutes + 1):
            if minute:
                time.sleep(60)
            print(f"soak minute {minute:3d}: RSS {rss_mib(process.pid):6.1f} MiB", flush=True)
    finally:
        process.terminate()
        process.wait(10)


def main() -> None:
    """Alternate the bare tray and trayscore; print medians, the time ratio and the RSS gap."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--settle", type=float, default=3.0)
    parser.add_argument("--soak", type=int, default=0, metavar="MINUTES")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home, tray_desktop() as env:
        for name in ("CONFIG", "DATA", "STATE", "CACHE"):
            env[f"XDG_{name}_HOME"] = f"{home}/{name.lower()}"
        if args.soak:
            soak(env, args.soak)
            return
        bare = [sys.executable, str(BENCH / "bare_tray.py")]
        loaded = [*bare, "--load-libraries"]
        ours = [sys.executable, "-m", "trayscore", "--demo"]
        programs = (
            ("bare", bare, "baretray"),
            ("bare+libs", loaded, "baretray"),
            ("trayscore", ours, "trayscore"),
        )
        times: dict[str, list[float]] = {name: [] for name, _, _ in programs}
        memory: dict[str, list[float]] = {name: [] for name, _, _ in programs}
        for _ in range(args.runs):
            for name, command, window_class in programs:
                shown, rss = one_run(command, window_class, env, args.settle)
                times[name].append(shown)
                memory[name].append(rss)
    for name, values in times.items():
        print(
            f"{name:10s} icon after {statistics.median(values) * 1000:6.0f} ms (median of "
            f"{args.runs}), RSS {statistics.median(memory[name]):5.1f} MiB"
        )
    ratio = statistics.median(times["trayscore"]) / statistics.median(times["bare"])
    ours_rss = statistics.median(memory["trayscore"])
    print(f"start-up ratio to the bare tray {ratio:.2f}x (target <= 1.15x)")
    print(
        f"RSS above the bare tray {ours_rss - statistics.median(memory['bare']):+.1f} MiB; "
        f"above bare+libs {ours_rss - statistics.median(memory['bare+libs']):+.1f} MiB"
    )


if __name__ == "__main__":
    main()
