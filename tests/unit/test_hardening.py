"""Core dumps off and not dumpable, in a process of its own (setrlimit(2), prctl(2))."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from trayscore.system.hardening import harden_process

PR_GET_DUMPABLE = 3


def run_python(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter (hardening cannot be undone in this one)."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.split()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl(2) is Linux's")
def test_a_hardened_process_writes_no_core_and_is_not_dumpable() -> None:
    """prctl(2) PR_SET_DUMPABLE: 0 keeps ptrace and /proc/PID/mem of the same user out too."""
    # GIVEN a fresh process, dumpable with the inherited core limit
    # WHEN it hardens itself  THEN nothing failed, RLIMIT_CORE is 0/0 and PR_GET_DUMPABLE is 0
    words = run_python(
        f"""
        import ctypes, resource
        from trayscore.system.hardening import harden_process
        libc = ctypes.CDLL(None)
        before = libc.prctl({PR_GET_DUMPABLE}, 0, 0, 0, 0)
        failed = harden_process()
        soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
        print(before, len(failed), soft, hard, libc.prctl({PR_GET_DUMPABLE}, 0, 0, 0, 0))
        """
    )
    assert words == ["1", "0", "0", "0", "0"]


def test_the_cli_entry_hardens_before_anything_else() -> None:
    # GIVEN the command line entry point  WHEN it runs any command (here: --version)
    words = run_python(
        f"""
        import ctypes, resource, sys
        from trayscore.cli.main import main
        try:
            main(["--version"])
        except SystemExit:
            pass
        libc = ctypes.CDLL(None)
        core = resource.getrlimit(resource.RLIMIT_CORE)[0]
        print(core, libc.prctl({PR_GET_DUMPABLE}, 0, 0, 0, 0))
        """
    )
    # THEN the process can no longer write a core file nor be read by its neighbours
    assert words[-2:] == ["0", "0"]


def test_other_systems_are_left_alone_without_an_error() -> None:
    # GIVEN Windows  THEN there is nothing to do and nothing failed
    assert harden_process("win32") == ()
