"""``trayscore simulate``: the Defender API and Graph Secure Score, simulated on loopback."""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING

from trayscore.core.errors import ExitStatus, TrayscoreError

if TYPE_CHECKING:
    import argparse

    from trayscore.cli.env import Environment


def run(args: argparse.Namespace, env: Environment) -> int:
    """Serve until Ctrl+C or SIGTERM; a taken port or an unknown ``--fail`` is one line."""
    from trayscore.simulator import FAULTS, Simulator  # noqa: PLC0415

    if args.fail and args.fail not in FAULTS:
        raise TrayscoreError(
            f"--fail {args.fail!r} is unknown; choose one of: {', '.join(FAULTS)}."
        )
    try:
        simulator = Simulator(
            seed=args.seed, port=args.port, token=args.token, step_seconds=args.step_seconds
        )
    except OSError as error:
        raise TrayscoreError(
            f"Cannot listen on 127.0.0.1:{args.port}: {error.strerror or error}. "
            "Choose another --port."
        ) from None
    if args.fail:
        simulator.fail_always(args.fail)
    env.out(f"trayscore simulator on {simulator.url} (seed {args.seed}); stop with Ctrl+C")

    def _stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        simulator.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        simulator.stop()
    return ExitStatus.OK
