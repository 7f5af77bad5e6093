"""``trayscore login``, ``logout`` and ``status``: the signed-in account, never a token."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from trayscore.cli.loading import auth_service, load_settings, tell_notices
from trayscore.cli.tenants import chosen
from trayscore.core.errors import ExitStatus, TenantChoice

if TYPE_CHECKING:
    import argparse

    from trayscore.auth.service import AccountInfo, AuthService
    from trayscore.cli.env import Environment
    from trayscore.settings.model import Profile, Settings


def _where_tokens_live(service: AuthService) -> str:
    if service.persistent:
        return "Tokens are kept in the OS keyring."
    return "Tokens are kept in memory only and are forgotten when this command ends."


def login(args: argparse.Namespace, env: Environment) -> int:
    """Sign in with the system browser, falling back to a device code where none opens."""
    from trayscore.auth.service import BrowserUnavailable  # noqa: PLC0415

    if args.demo:
        raise TenantChoice("The demo needs no sign-in: its simulated tenant is read as it is.")
    every = load_settings(env).profiles
    (profile,) = chosen(every, args.tenant)
    settings = profile.settings
    service = auth_service(settings, env, warn_always=True)  # where the tokens go matters now
    account = _as_guest(service, [p for p in every if p is not profile], env)
    if account is not None:
        env.out(
            f"Signed in as {account.username} (tenant {account.tenant_id}) with the sign-in of "
            "another tenant, without a browser."
        )
        env.out(_where_tokens_live(service))
        return ExitStatus.OK
    if not args.device_code and settings.sign_in_method != "device_code":
        env.out(
            f"Opening your browser to sign in (waiting up to {args.timeout:.0f} s; "
            "Ctrl+C cancels) ..."
        )
        try:
            account = service.sign_in_browser(timeout=args.timeout)
        except BrowserUnavailable:
            env.out("No browser could be opened here; using a device code instead.")
    if account is None:
        prompt = service.start_device_flow()
        env.out(prompt.message)
        account = service.finish_device_flow(prompt)
    tell_notices(service, env)
    env.out(f"Signed in as {account.username} (tenant {account.tenant_id}).")
    env.out(_where_tokens_live(service))
    return ExitStatus.OK


def _as_guest(service: AuthService, others: list[Profile], env: Environment) -> AccountInfo | None:
    """Signed in already to another tenant with the same app: try that sign-in here, silently."""
    from trayscore.auth.guest import join_any  # noqa: PLC0415

    donors = [auth_service(other.settings, env) for other in others]
    return join_any(service, [donor for donor in donors if donor.account() is not None])


def logout(args: argparse.Namespace, env: Environment) -> int:
    """Sign out and remove every stored token: of each tenant, or of the one named."""
    settings = load_settings(env)
    profiles = chosen(settings.profiles, args.tenant, every=args.tenant is None)
    several = len(settings.profiles) > 1
    for profile in profiles:
        service = auth_service(profile.settings, env)
        account = service.sign_out()
        tell_notices(service, env)
        named = f"{profile.name}: " if several else ""
        if account is None:
            env.out(f"{named}Not signed in; no stored tokens remain.")
        else:
            env.out(f"{named}Signed out {account.username}; every stored token was removed.")
    return ExitStatus.OK


def status(args: argparse.Namespace, env: Environment) -> int:
    """Each tenant's account and token expiry; exit 4 when a tenant has nobody signed in.

    Settings with one tenant print as they always did (one JSON object); a [[tenants]] list
    prints a block per tenant, or a JSON array with each tenant's name.
    """
    if args.demo:
        env.out("Demo: the built-in simulator needs no sign-in (no tenant, no account).")
        return ExitStatus.OK
    settings = load_settings(env)
    named = bool(settings.tenants)
    found = [_status_of(profile, env, named=named) for profile in settings.profiles]
    if args.json:
        rows = [row for _, row, _ in found]
        env.out(json.dumps(rows if named else rows[0]))
    else:
        for _, _, lines in found:
            for line in lines:
                env.out(line)
    return max(code for code, _, _ in found)


def _status_of(
    profile: Profile, env: Environment, *, named: bool
) -> tuple[ExitStatus, dict[str, object], list[str]]:
    """One tenant's exit code, JSON object and human lines (prefixed with its name if ``named``)."""
    settings: Settings = profile.settings
    service = auth_service(settings, env)
    account = service.account()
    minutes = account.minutes_left(env.clock()) if account else None
    code = ExitStatus.OK if account else ExitStatus.SIGN_IN_NEEDED
    row: dict[str, object] = {"name": profile.name} if named else {}
    row |= {
        "signed_in": account is not None,
        "account": account.username if account else None,
        "tenant": account.tenant_id if account else settings.tenant,
        "cloud": settings.cloud,
        "access_token_expires_in_minutes": minutes,
        "token_store": "keyring" if service.persistent else "memory",
    }
    prefix = f"{profile.name}: " if named else ""
    if account is None:
        flag = f" --tenant {_quoted(profile.name)}" if named else ""
        lines = [f"{prefix}Not signed in (cloud {settings.cloud}); run `trayscore login{flag}`."]
        return code, row, lines
    lines = [
        f"{prefix}Signed in as {account.username}",
        f"{prefix}Tenant: {account.tenant_id} (cloud {settings.cloud})",
    ]
    if minutes is None:
        lines.append(f"{prefix}Access token: none cached; the next request refreshes it silently.")
    elif minutes < 0:
        lines.append(f"{prefix}Access token: expired; the next request refreshes it silently.")
    else:
        lines.append(f"{prefix}Access token: expires in {minutes} min; refreshed silently.")
    lines.append(f"{prefix}{_where_tokens_live(service)}")
    return code, row, lines


def _quoted(name: str) -> str:
    """A tenant name as one shell word, quoted when it needs to be."""
    import shlex  # noqa: PLC0415

    return shlex.quote(name)
