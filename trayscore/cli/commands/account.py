"""``trayscore login``, ``logout`` and ``status``: the signed-in account, never a token."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from trayscore.cli.loading import auth_service, load_settings, tell_notices
from trayscore.core.errors import ExitStatus

if TYPE_CHECKING:
    import argparse

    from trayscore.auth.service import AuthService
    from trayscore.cli.env import Environment


def _where_tokens_live(service: AuthService) -> str:
    if service.persistent:
        return "Tokens are kept in the OS keyring."
    return "Tokens are kept in memory only and are forgotten when this command ends."


def login(args: argparse.Namespace, env: Environment) -> int:
    """Sign in with the system browser, falling back to a device code where none opens."""
    from trayscore.auth.service import BrowserUnavailable  # noqa: PLC0415

    settings = load_settings(env)
    service = auth_service(settings, env, warn_always=True)  # where the tokens go matters now
    account = None
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


def logout(_args: argparse.Namespace, env: Environment) -> int:
    """Sign out and remove every stored token."""
    service = auth_service(load_settings(env), env)
    account = service.sign_out()
    tell_notices(service, env)
    if account is None:
        env.out("Not signed in; no stored tokens remain.")
    else:
        env.out(f"Signed out {account.username}; every stored token was removed.")
    return ExitStatus.OK


def status(args: argparse.Namespace, env: Environment) -> int:
    """The account, tenant and token expiry; exit 4 when nobody is signed in."""
    settings = load_settings(env)
    service = auth_service(settings, env)
    account = service.account()
    minutes = account.minutes_left(env.clock()) if account else None
    if args.json:
        env.out(
            json.dumps(
                {
                    "signed_in": account is not None,
                    "account": account.username if account else None,
                    "tenant": account.tenant_id if account else settings.tenant,
                    "cloud": settings.cloud,
                    "access_token_expires_in_minutes": minutes,
                    "token_store": "keyring" if service.persistent else "memory",
                }
            )
        )
        return ExitStatus.OK if account else ExitStatus.SIGN_IN_NEEDED
    if account is None:
        env.out(f"Not signed in (cloud {settings.cloud}); run `trayscore login`.")
        return ExitStatus.SIGN_IN_NEEDED
    env.out(f"Signed in as {account.username}")
    env.out(f"Tenant: {account.tenant_id} (cloud {settings.cloud})")
    if minutes is None:
        env.out("Access token: none cached; the next request refreshes it silently.")
    elif minutes < 0:
        env.out("Access token: expired; the next request refreshes it silently.")
    else:
        env.out(f"Access token: expires in {minutes} min; refreshed silently.")
    env.out(_where_tokens_live(service))
    return ExitStatus.OK
