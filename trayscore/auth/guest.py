"""Signing in to one tenant silently with another tenant's sign-in: the guest's way in.

An analyst who watches several tenants is often one home account, a member of one tenant and a
guest in the others. msal redeems a refresh token at another tenant's authority for the same app
registration (its "tenant switch"), so once one tenant is signed in, the others need no browser
where the account has access. What the other tenant's sign-in held is not kept: only this
tenant's account and tokens, and the refresh token they came from (ADR 016).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import msal
import requests

from trayscore.auth.application import build_application

if TYPE_CHECKING:
    from trayscore.auth.application import SignInConfig
    from trayscore.auth.service import AccountInfo, AuthService


def same_app(one: SignInConfig, other: SignInConfig) -> bool:
    """Whether two sign-ins use one app registration in one cloud (a refresh token serves both)."""
    host = urlsplit(one.authority).netloc.lower()
    return one.client_id == other.client_id and host == urlsplit(other.authority).netloc.lower()


def join_any(service: AuthService, others: Sequence[AuthService]) -> AccountInfo | None:
    """Sign ``service`` in with the first of ``others`` (same app) whose account has access."""
    for other in others:
        if other is service or not same_app(service.config, other.config):
            continue
        snapshot = other.snapshot()
        if snapshot is None:
            continue
        account = join(service, snapshot)
        if account is not None:
            return account
    return None


def join(service: AuthService, snapshot: str) -> AccountInfo | None:
    """Sign ``service`` in with the sign-in in ``snapshot`` (another tenant's, same app).

    None when the account has no access to this tenant or the network failed: then sign in
    the usual way, which says what is wrong.
    """
    trial = msal.SerializableTokenCache()
    trial.deserialize(snapshot)
    try:
        app = build_application(service.config, trial, service.http_session)
        accounts = app.get_accounts()
    except requests.RequestException:
        return None
    for account in accounts:
        try:
            result = app.acquire_token_silent_with_error(list(service.config.scopes), account)
        except requests.RequestException:
            return None
        claims = (result or {}).get("id_token_claims") or {}
        if result and "access_token" in result and claims.get("tid"):
            keep_realm(trial, str(claims["tid"]), str(account.get("home_account_id", "")))
            return service.adopt(trial)
    return None


def keep_realm(cache: msal.SerializableTokenCache, realm: str, home_account_id: str) -> None:
    """Keep only this tenant's part of ``cache``: its tokens, and the account as this tenant's.

    msal saves no account record for a tenant it reached with a refresh token, so the account
    the sign-in came with becomes this tenant's (its ``realm``); the other tenant's access and
    ID tokens go.
    """
    kinds = msal.TokenCache.CredentialType
    for entry in list(cache.search(kinds.ACCESS_TOKEN)):
        if entry.get("realm") != realm:
            cache.remove_at(entry)
    for entry in list(cache.search(kinds.ID_TOKEN)):
        if entry.get("realm") != realm:
            cache.remove_idt(entry)
    accounts = list(cache.search(kinds.ACCOUNT))
    if not any(entry.get("realm") == realm for entry in accounts):
        for entry in accounts:
            if entry.get("home_account_id") == home_account_id:
                cache.modify(kinds.ACCOUNT, entry, {"realm": realm})
                break
    for entry in list(cache.search(kinds.ACCOUNT)):
        if entry.get("realm") != realm:
            cache.remove_account(entry)
