"""The account and one real read, built through :class:`~trayscore.clients.Clients`.

The doctor asks the same builder as ``score`` and the tray, so it judges the token a request
would really carry (``TRAYSCORE_ACCESS_TOKEN``, checked the same way, else the account's).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from trayscore.clients import TOKEN_VARIABLE, Clients, env_token
from trayscore.core.catalog import source_named
from trayscore.doctor.result import Check, passed, warning
from trayscore.doctor.words import translate

if TYPE_CHECKING:
    from trayscore.settings.model import Settings


def check_account(settings: Settings, environ: Mapping[str, str], now: datetime) -> Check:
    """The signed-in account and its token expiry, never a token."""
    name = "account"
    if env_token(environ) is not None:
        detail = translate("Doctor", "{variable} is set: requests use it (not shown)")
        return passed(name, detail.format(variable=TOKEN_VARIABLE))
    if not settings.is_set_up:
        fix = translate("Doctor", "run `trayscore setup`")
        return warning(name, translate("Doctor", "no app registration configured"), fix)
    account = Clients(settings, environ, clock=lambda: now).auth().account()
    if account is None:
        fix = translate("Doctor", "run `trayscore login`")
        return warning(name, translate("Doctor", "not signed in"), fix)
    minutes = account.minutes_left(now)
    if minutes is None:
        expiry = translate("Doctor", "no access token cached")
    elif minutes < 0:
        expiry = translate(
            "Doctor", "access token expired (refreshed silently on the next request)"
        )
    else:
        expiry = translate("Doctor", "access token expires in {minutes} min").format(
            minutes=minutes
        )
    detail = translate("Doctor", "signed in as {account} (tenant {tenant}); {expiry}")
    return passed(
        name, detail.format(account=account.username, tenant=account.tenant_id, expiry=expiry)
    )


def check_score(settings: Settings, environ: Mapping[str, str], now: datetime) -> Check:
    """One real read of the primary score, with a token only silent sign-in can give.

    A failure is the client's own message, with Defender's correlation id or Graph's request
    id when the service sent one: what an administrator quotes in a support ticket.
    """
    spec = source_named(settings.source)
    clients = Clients(settings, environ, clock=lambda: now)
    if env_token(environ) is None:  # the account's token: only when one is signed in
        skipped = translate("Doctor", "skipped: not signed in")
        if not settings.is_set_up or clients.auth().account() is None:
            return warning("score", skipped)
    source = clients.source(spec)
    reading = source.fetch()
    shown = f"{reading.score:g} points" if not reading.banded else f"{reading.score:.1f}{spec.unit}"
    return passed("score", f"{spec.title} {shown}")
