"""``trayscore setup``: the tenant and client ID, asked for and checked, saved; then ``login``.

The same path as the tray's Settings → OK & sign in, for a terminal: every value goes through
the validator ``load_settings`` runs for its key, a value an administrator locked is shown and
kept, and nothing is written until every answer is valid.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Final

from trayscore.cli.commands.account import login
from trayscore.cli.loading import load_settings
from trayscore.core.clouds import CLOUDS
from trayscore.core.errors import ConfigError, ExitStatus
from trayscore.core.links import REGISTRATION_GUIDE_URL

if TYPE_CHECKING:
    import argparse

    from trayscore.cli.env import Environment
    from trayscore.settings.model import Settings

# the setting (also the flag's attribute), its name for people, what a valid value looks like
QUESTIONS: Final = (
    ("tenant", "Tenant", "your organisation's domain, e.g. contoso.onmicrosoft.com, or its ID"),
    ("client_id", "Client ID", "the app registration's application ID, a GUID"),
    ("cloud", "Cloud", ", ".join(CLOUDS)),
)


def _flag(key: str) -> str:
    return f"--{key.replace('_', '-')}"


class _NoAnswer(Exception):
    """The input ended before a required value was given."""


def _ask(env: Environment, key: str, question: str, current: str | None) -> str:
    """Ask until the validator accepts the answer; an empty answer keeps ``current``."""
    from trayscore.settings.schema import FILE_KEYS  # noqa: PLC0415

    prompt = f"{question} [{current}]: " if current else f"{question}: "
    while True:
        answer = env.ask(prompt)
        if answer is None:
            raise _NoAnswer(key)
        if not answer and current:
            return current
        try:
            return str(FILE_KEYS[key](answer, key.replace("_", " ")))
        except ConfigError as error:
            env.err(f"trayscore: {error.message}")


def _chosen(args: argparse.Namespace, env: Environment, settings: Settings) -> dict[str, str]:
    """Each value from its flag, else asked for; an administrator's locked value is kept."""
    from trayscore.settings.schema import FILE_KEYS  # noqa: PLC0415

    chosen: dict[str, str] = {}
    for key, label, hint in QUESTIONS:
        current = getattr(settings, key)
        given = getattr(args, key)
        if key in settings.locked:
            if given is not None and given != current:
                by = " and ".join(settings.administered_by)
                raise ConfigError(f"{key} is set by your administrator ({by}); it stays {current}.")
            env.out(f"{label}: {current} (set by your administrator)")
            continue
        if given is not None:
            chosen[key] = str(FILE_KEYS[key](given, _flag(key)))
        elif key == "cloud" and env.stdin is None:
            continue  # not asked where nothing can answer: the setting stays
        else:
            chosen[key] = _ask(env, key, f"{label} ({hint})", current)
    return chosen


def run(args: argparse.Namespace, env: Environment) -> int:
    """Ask, check, save to the user's settings file, then sign in unless ``--no-login``."""
    from trayscore.settings.file import save_settings  # noqa: PLC0415
    from trayscore.settings.model import load_settings as load_file  # noqa: PLC0415
    from trayscore.settings.model import region_problem  # noqa: PLC0415
    from trayscore.settings.schema import ENV_OVERRIDES  # noqa: PLC0415

    settings = load_settings(env)  # a broken file is a settings error here, as everywhere
    path = env.paths.settings_file
    if env.stdin is not None and not (args.tenant and args.client_id):
        env.out(f"Your administrator has these values (guide: {REGISTRATION_GUIDE_URL}).")
    try:
        chosen = _chosen(args, env, settings)
    except _NoAnswer as missing:
        key = str(missing)
        env.err(f"trayscore: setup needs {key} (give {_flag(key)}); nothing was saved.")
        return ExitStatus.USAGE
    saved = replace(load_file(path, {}, env.paths.system_settings_files), **chosen)  # type: ignore[arg-type]
    problem = region_problem(saved)
    if problem is not None:
        raise problem
    save_settings(path, saved)
    env.out(f"Saved to {path}.")
    variables = {key: variable for variable, key in ENV_OVERRIDES.items()}
    for key in sorted(set(chosen) & settings.from_environment):
        env.err(f"trayscore: warning: {variables[key]} is set and wins over the file.")
    if args.no_login:
        env.out("Sign in with `trayscore login` when you are ready.")
        return ExitStatus.OK
    return login(args, env)
