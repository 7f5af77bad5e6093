"""A tenant signs in silently with another tenant's sign-in of the same app (a guest there).

The real msal against the fake identity platform over TLS. MSAL acquires tokens silently "for
resources outside the home tenant" with the account it holds (MSAL.NET 2.6.1 release notes,
github.com/AzureAD/microsoft-authentication-library-for-dotnet/releases/tag/2.6.1; msal
Python's acquire_token_silent at another tenant's authority redeems the cached refresh token
there), which is how a guest reaches a tenant it was invited to. The fake platform redeems a
refresh token at any tenant's path. Each tenant keeps its own cache; only its own tokens go in.
"""

from __future__ import annotations

import json

import requests
from trayscore.auth.application import SignInConfig
from trayscore.auth.guest import join_any
from trayscore.auth.service import AuthService
from trayscore.auth.token_store import MemoryTokenStore

from tests.fakes.identity import FakeIdentityPlatform

CLIENT = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
OTHER_CLIENT = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"
CONTOSO = "11111111-2222-4333-8444-555555555555"
FABRIKAM = "66666666-7777-4888-9999-aaaaaaaaaaaa"
SCOPES = ("https://api.securitycenter.microsoft.com/Score.Read",)


def service(
    platform: FakeIdentityPlatform, session: requests.Session, tenant: str, client: str = CLIENT
) -> AuthService:
    config = SignInConfig(client, platform.authority_for(tenant), SCOPES, instance_discovery=False)
    return AuthService(config, MemoryTokenStore(), session=session)


def signed_in(platform: FakeIdentityPlatform, session: requests.Session) -> AuthService:
    """Contoso, signed in with a device code."""
    contoso = service(platform, session, CONTOSO)
    platform.auto_approve_after_polls = 1
    contoso.finish_device_flow(contoso.start_device_flow())
    return contoso


def test_a_second_tenant_signs_in_silently_with_only_its_own_tokens(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN Contoso signed in, Fabrikam not
    contoso = signed_in(identity_platform, msal_http_client)
    fabrikam = service(identity_platform, msal_http_client, FABRIKAM)
    before = contoso.snapshot()
    # WHEN Fabrikam joins with Contoso's sign-in
    account = join_any(fabrikam, [contoso])
    # THEN it is signed in, in its own tenant, by a refresh token and no new sign-in
    assert account is not None
    assert account.tenant_id == FABRIKAM
    assert identity_platform.grants["device_code"] == 1
    assert identity_platform.grants["refresh_token"] == 1
    assert fabrikam.token()  # and it reads tokens on its own from now on
    # AND its cache holds no token or account of Contoso's; Contoso's is untouched
    cache = json.loads(fabrikam.snapshot() or "{}")
    realms = {e["realm"] for kind in cache.values() for e in kind.values() if "realm" in e}
    assert realms == {FABRIKAM}
    assert contoso.snapshot() == before


def test_no_join_across_app_registrations_or_with_a_revoked_sign_in(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN Contoso signed in
    contoso = signed_in(identity_platform, msal_http_client)
    # WHEN a tenant of another app registration tries  THEN nothing is tried, nothing changes
    other_app = service(identity_platform, msal_http_client, FABRIKAM, OTHER_CLIENT)
    assert join_any(other_app, [contoso]) is None
    assert identity_platform.grants["refresh_token"] == 0
    # WHEN the sign-in was revoked  THEN the join fails quietly: sign in the usual way
    identity_platform.revoke_all()
    fabrikam = service(identity_platform, msal_http_client, FABRIKAM)
    assert join_any(fabrikam, [contoso]) is None
    assert fabrikam.account() is None
