"""``trayscore simulate``: the Defender API and Graph Secure Score, simulated on loopback.

With ``--tenants N`` it serves N tenants and prints each one's base URL after the banner, one a
line; one tenant prints the banner alone, as before.
"""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING

from trayscore.core.errors import ExitStatus, TrayscoreError

if TYPE_CHECKING:
    import argparse

    from trayscore.cli.env import Environment


def run(args: argparse.Namespace, env: Environment) -> int:
    """Serve until Ctrl+C or SIGTERM; a taken port or an unknown ``--fail`` is one line.

    ``--fail`` applies to every tenant.
    """
    from trayscore.simulator import FAULTS, Simulator  # noqa: PLC0415

    if args.fail and args.fail not in FAULTS:
        raise TrayscoreError(
            f"--fail {args.fail!r} is unknown; choose one of: {', '.join(FAULTS)}."
        )
    try:
        simulator = Simulator(
            seed=args.seed,
            port=args.port,
            token=args.token,
            step_seconds=args.step_seconds,
            tenants=args.tenants,
        )
    except OSError as error:
        raise TrayscoreError(
            f"Cannot listen on 127.0.0.1:{args.port}: {error.strerror or error}. "
            "Choose another --port."
        ) from None
    numbers = range(1, simulator.tenants + 1)
    if args.fail:
        for number in numbers:
            simulator.fail_always(args.fail, tenant=number)
    env.out(f"trayscore simulator on {simulator.url} (seed {args.seed}); stop with Ctrl+C")
    if simulator.tenants > 1:
        for number in numbers:
            env.out(f"tenant {number}: {simulator.tenant_url(number)}")

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
