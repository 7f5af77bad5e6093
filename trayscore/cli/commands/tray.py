"""``trayscore`` with no command: the tray app; with no graphical session, the demo's line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trayscore.core.catalog import EXPOSURE_SCORE
from trayscore.core.errors import ExitStatus, NoDisplay

if TYPE_CHECKING:
    import argparse

    from trayscore.cli.env import Environment
    from trayscore.settings.model import Settings


def run(args: argparse.Namespace, env: Environment) -> int:
    """The tray app; on a console with no graphical session the demo falls back to one line."""
    from trayscore.app.launch import AppOptions, run_tray  # noqa: PLC0415
    from trayscore.system.session import has_display  # noqa: PLC0415

    if not has_display(dict(env.environ)):
        if args.demo:
            env.err("trayscore: no graphical session here; showing the demo score instead.")
            return demo(env)
        raise NoDisplay(
            "No graphical session this trayscore can use (DISPLAY is not set, and a Wayland "
            "session needs Xwayland for this build): the tray app cannot start. Use "
            "`trayscore score` here."
        )
    from trayscore.settings.model import Settings, load_settings  # noqa: PLC0415

    def settings(problems: list[str]) -> Settings:
        """Lenient: a bad value is left at its default and told in the app, never fatal."""
        if args.demo:
            return Settings()
        loaded = load_settings(
            env.paths.settings_file, env.environ, env.paths.system_settings_files, problems=problems
        )
        for warning in loaded.warnings:
            env.err(f"trayscore: {warning}")
        return loaded

    options = AppOptions(demo=args.demo, verbose=args.verbose, tenants=args.demo_tenants or 1)
    return run_tray(settings, env.paths, env.environ, options)


def demo(env: Environment) -> int:
    """One reading from the built-in simulator, printed as ``score`` prints one."""
    from trayscore.cli.output import DEMO_NOTE, human_line  # noqa: PLC0415
    from trayscore.clients import DEMO_SEED, DEMO_TOKEN, Clients  # noqa: PLC0415
    from trayscore.settings.model import Settings  # noqa: PLC0415
    from trayscore.simulator import Simulator  # noqa: PLC0415 - only the demo needs a server

    with Simulator(seed=DEMO_SEED, token=DEMO_TOKEN) as simulator:
        built = Clients(Settings(), env.environ, clock=env.clock, simulator_url=simulator.url)
        reading = built.source(EXPOSURE_SCORE).fetch()
    env.out(f"{human_line(reading)} {DEMO_NOTE}")
    return ExitStatus.OK
