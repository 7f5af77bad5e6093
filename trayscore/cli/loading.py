"""What the commands build from the environment: settings, the shared clients, the history.

Every problem met on the way (a bad setting, a damaged keyring, a history file moved aside) is
one ``trayscore: ...`` line on stderr; the heavy libraries load only when a command asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trayscore.clients import TOKEN_VARIABLE

if TYPE_CHECKING:
    from trayscore.auth.service import AuthService
    from trayscore.cli.env import Environment
    from trayscore.clients import Clients
    from trayscore.history.store import HistoryStore
    from trayscore.settings.model import Settings


def load_settings(env: Environment) -> Settings:
    """The settings, strictly: a bad value is a settings error (exit 3); warnings are told."""
    from trayscore.settings.model import load_settings as load  # noqa: PLC0415

    settings = load(env.paths.settings_file, env.environ, env.paths.system_settings_files)
    for warning in settings.warnings:
        env.err(f"trayscore: {warning}")
    _warn_foreign_hosts(settings, env)
    return settings


def _warn_foreign_hosts(settings: Settings, env: Environment) -> None:
    """One stderr line when an override sends tokens to a host that is not Microsoft's."""
    if settings.foreign_token_hosts:
        where = ", ".join(f"{host} ({key})" for key, host in settings.foreign_token_hosts)
        env.err(
            f"trayscore: warning: tokens go to {where}, "
            f"not a Microsoft host of the {settings.cloud} cloud; remove the override unless "
            "you trust that host."
        )


def load_leniently(env: Environment, *, quiet: bool = False) -> Settings:
    """Settings for reading local files: a bad value is told and left at its default."""
    from trayscore.settings.model import load_settings as load  # noqa: PLC0415

    problems: list[str] = []
    settings = load(
        env.paths.settings_file, env.environ, env.paths.system_settings_files, problems=problems
    )
    for problem in [] if quiet else [*problems, *settings.warnings]:
        env.err(f"trayscore: {problem}")
    return settings


def keep_token_secret(env: Environment) -> None:
    """The access-token variable's value joins the secrets redacted from every line printed."""
    token = env.environ.get(TOKEN_VARIABLE, "").strip()
    if token:
        env.secrets.add(token)


def clients(
    settings: Settings,
    env: Environment,
    *,
    warn_always: bool = False,
    simulator_url: str | None = None,
    demo_tenant: int = 1,
) -> Clients:
    """The shared builder (trayscore.clients), telling a keyring problem on stderr.

    A keyring problem is told once a day (a monitoring script runs ``score`` all day long);
    ``warn_always`` tells it every time, where it is the answer (``login``). ``simulator_url``
    reads the demo's simulated tenant there (``demo_tenant``, for its own history).
    """
    from trayscore.clients import Clients  # noqa: PLC0415 - keeps --help and --version quick

    def warn(text: str) -> None:
        from trayscore.system.daily_notice import first_today  # noqa: PLC0415

        today = env.clock().astimezone().date()  # the user's day, not UTC's
        if warn_always or first_today(env.paths.told_today_file, text, today):
            env.err(f"trayscore: {text}")

    keep_token_secret(env)
    return Clients(
        settings,
        env.environ,
        clock=env.clock,
        on_warning=warn,
        settings_file=env.paths.settings_file,
        simulator_url=simulator_url,
        demo_tenant=demo_tenant,
    )


def auth_service(settings: Settings, env: Environment, *, warn_always: bool = False) -> AuthService:
    """The signed-in account's service; a keyring problem is told on stderr (see clients)."""
    service = clients(settings, env, warn_always=warn_always).auth()
    tell_notices(service, env)
    return service


def tell_built_notices(built: Clients, env: Environment) -> None:
    """What the sign-in service noticed while it was built (a damaged cache), if it was."""
    service = built.signed_in_service
    if service is not None:
        tell_notices(service, env)


def tell_notices(service: AuthService, env: Environment) -> None:
    """The sign-in service's notices, once each, on stderr."""
    for notice in service.notices:
        env.err(f"trayscore: {notice}")
    service.notices.clear()


def history_store(env: Environment, settings: Settings) -> HistoryStore:
    """The history of the configured cloud and tenant (the tray app records to the same)."""
    return clients(settings, env).history(env.paths)


def tell_history_problems(store: HistoryStore, env: Environment) -> None:
    """What the history store found wrong with its file, one stderr line each."""
    for problem in store.take_problems():
        env.err(f"trayscore: {problem}")
