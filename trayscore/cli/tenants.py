"""Which tenants a command reads: ``--tenant NAME``, ``--all``, the only one, or the demo's.

A settings file with a ``[[tenants]]`` list names several organisations (ADR 016). A command
that reads one of them needs ``--tenant`` when there are several, so a monitoring script never
reads a tenant it did not mean; ``score --all`` reads each. ``--demo`` reads the built-in
simulator instead, with no tenant, sign-in or settings at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trayscore.cli.loading import clients, load_settings, tell_history_problems
from trayscore.core.errors import TenantChoice

if TYPE_CHECKING:
    import argparse

    from trayscore.cli.env import Environment
    from trayscore.clients import Clients
    from trayscore.settings.model import Profile, Settings


@dataclass(frozen=True)
class Target:
    """One tenant a command reads: its name, its settings, and in the demo its simulator."""

    name: str
    settings: Settings
    simulator_url: str | None = None  # the demo's tenant, served on loopback
    demo_tenant: int = 1  # which of the simulator's tenants (its own demo history)

    @property
    def demo(self) -> bool:
        """Whether this is the built-in simulator's tenant, not an organisation's."""
        return self.simulator_url is not None


def chosen(
    profiles: Sequence[Profile], wanted: str | None, *, every: bool = False
) -> list[Profile]:
    """The tenants a command reads: all (``every``), the one named, or the only one.

    :class:`TenantChoice` (exit 2) when several are listed and none is named, or when no
    tenant has that name; both name the tenants there are.
    """
    if every:
        return list(profiles)
    names = ", ".join(profile.name for profile in profiles)
    if wanted is not None:
        found = [profile for profile in profiles if profile.matches(wanted)]
        if not found:
            raise TenantChoice(f"No tenant is named {wanted!r}; the tenants are: {names}.")
        return found[:1]
    if len(profiles) > 1:
        raise TenantChoice(
            f"The settings list {len(profiles)} tenants ({names}): name one with "
            "--tenant NAME (or read them all with `trayscore score --all`)."
        )
    return list(profiles)


@contextmanager
def targets(
    args: argparse.Namespace, env: Environment, settings: Settings | None = None
) -> Iterator[list[Target]]:
    """The tenants ``args`` ask for, ready to build clients for, while the command runs.

    ``--demo`` starts the simulator for the command's duration; otherwise the settings (loaded
    strictly here unless given) decide, with ``--tenant`` and ``--all`` where the command has them.
    """
    if getattr(args, "demo", False):
        with _demo_targets(getattr(args, "demo_tenants", None) or 1, env) as demo:
            yield _chosen_targets(demo, args)
        return
    if settings is None:
        settings = load_settings(env)
    profiles = chosen(
        settings.profiles, getattr(args, "tenant", None), every=getattr(args, "all", False)
    )
    yield [Target(profile.name, profile.settings) for profile in profiles]


def _chosen_targets(found: list[Target], args: argparse.Namespace) -> list[Target]:
    """``--tenant`` and ``--all`` among the demo's tenants, as among the settings' ones."""
    if getattr(args, "all", False) or len(found) == 1:
        return found
    names = ", ".join(target.name for target in found)
    wanted = getattr(args, "tenant", None)
    if wanted is None:
        raise TenantChoice(
            f"The demo serves {len(found)} tenants ({names}): name one with --tenant NAME "
            "(or read them all with `trayscore --demo --tenants N score --all`)."
        )
    folded = wanted.strip().casefold()
    picked = [
        target
        for target in found
        if folded in {target.name.casefold(), target.name.casefold().removesuffix(" (demo)")}
    ]
    if not picked:
        raise TenantChoice(f"No tenant is named {wanted!r}; the tenants are: {names}.")
    return picked[:1]


def target_clients(target: Target, env: Environment) -> Clients:
    """The clients of one tenant a command reads (the demo's on its simulator)."""
    return clients(
        target.settings, env, simulator_url=target.simulator_url, demo_tenant=target.demo_tenant
    )


@contextmanager
def _demo_targets(count: int, env: Environment) -> Iterator[list[Target]]:
    """The demo's simulated tenants on loopback (the tray's ``--demo`` reads the same series).

    Each demo tenant's own history starts with its 90 simulated days, as in the tray.
    """
    from trayscore.clients import DEMO_SEED, DEMO_TOKEN, demo_tenant_name  # noqa: PLC0415
    from trayscore.settings.model import Settings  # noqa: PLC0415
    from trayscore.simulator import Simulator  # noqa: PLC0415 - only the demo needs a server

    with Simulator(seed=DEMO_SEED, token=DEMO_TOKEN, tenants=count) as simulator:
        found = [
            Target(
                demo_tenant_name(number, count), Settings(), simulator.tenant_url(number), number
            )
            for number in range(1, count + 1)
        ]
        for target in found:
            store = target_clients(target, env).history(env.paths)
            store.seed(simulator.past_readings(target.demo_tenant, env.clock()))
            tell_history_problems(store, env)
        yield found
