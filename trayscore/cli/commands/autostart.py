"""``trayscore autostart on|off|status``: start the tray at login, or say whether it does."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from trayscore.core.errors import ExitStatus

if TYPE_CHECKING:
    import argparse

    from trayscore.cli.env import Environment


def run(args: argparse.Namespace, env: Environment) -> int:
    """Turn start at login on or off, or say whether it is on; a failure is one stderr line."""
    from pathlib import Path  # noqa: PLC0415

    from trayscore.system.autostart import current_launch_command, for_platform  # noqa: PLC0415

    home = env.environ.get("HOME")
    place = for_platform(sys.platform, env.environ, Path(home) if home else Path.home())
    if args.action == "on":
        state = place.enable(current_launch_command())
    elif args.action == "off":
        state = place.disable()
    else:
        state = place.status()
    if args.json:
        env.out(json.dumps(state.to_json()))
    else:
        env.out(f"Start at login: {'on' if state.enabled else 'off'} ({state.location})")
    return ExitStatus.OK
