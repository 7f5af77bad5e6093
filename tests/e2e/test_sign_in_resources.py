"""One sign-in, two resources: the Defender API and Microsoft Graph, with the real msal against
the fake identity platform keeping Entra's rules (one resource per token, consent per scope)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from trayscore.auth.application import SignInConfig
from trayscore.auth.service import AuthService
from trayscore.auth.token_store import MemoryTokenStore
from trayscore.clients import build_source, sign_in_config
from trayscore.core.catalog import EXPOSURE_SCORE, SECURE_SCORE
from trayscore.core.errors import SignInRequired
from trayscore.settings.model import Settings
from trayscore.simulator import Simulator
from trayscore.sources.http import make_session

from tests.fakes.browser import BackgroundBrowser
from tests.fakes.identity import FakeIdentityPlatform
from tests.helpers.tls_front import TlsFront

CLIENT_ID = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
TENANT = "contoso.example"
DEFENDER = "https://api.securitycenter.microsoft.com"
GRAPH = "https://graph.microsoft.com"
DEFENDER_BASE = "https://api.security.microsoft.com"  # where the tokens would go: never contacted
GRAPH_BASE = f"{GRAPH}/v1.0"


@pytest.fixture
def strict_platform(identity_platform: FakeIdentityPlatform) -> FakeIdentityPlatform:
    """The fake identity platform refusing multi-resource tokens and unconsented scopes."""
    identity_platform.strict_resources = True
    return identity_platform


def service_for(
    platform: FakeIdentityPlatform,
    session: requests.Session,
    config: SignInConfig,
    store: MemoryTokenStore | None = None,
) -> tuple[AuthService, BackgroundBrowser]:
    """An AuthService whose browser is the fake one, driven on a thread like a real user."""
    browsers = BackgroundBrowser(platform.ca_file)
    service = AuthService(
        config, store or MemoryTokenStore(), session=session, open_browser=browsers
    )
    return service, browsers


def config_for(platform: FakeIdentityPlatform, source: str) -> SignInConfig:
    settings = Settings(
        client_id=CLIENT_ID, authority=platform.authority_for(TENANT), source=source
    )
    return sign_in_config(settings)


def authorize_requests(platform: FakeIdentityPlatform) -> int:
    return sum(1 for line in platform.requests if line.endswith("/oauth2/v2.0/authorize"))


@pytest.fixture
def guarded_simulator(strict_platform: FakeIdentityPlatform) -> Iterator[Simulator]:
    """The simulator accepting only live tokens from the fake identity platform."""
    with Simulator(seed=4, accept=strict_platform.is_valid_access_token) as simulator:
        yield simulator


def test_sign_in_config_asks_for_the_primary_scope_and_consents_to_the_other(
    identity_platform: FakeIdentityPlatform,
) -> None:
    # GIVEN each primary source  WHEN the sign-in config is built from settings
    exposure = config_for(identity_platform, "exposure-score")
    secure = config_for(identity_platform, "secure-score")
    # THEN the primary source's resource is signed in for and the other one is consented to
    assert exposure.scopes == (f"{DEFENDER}/Score.Read",)
    assert exposure.extra_scopes == (f"{GRAPH}/SecurityEvents.Read.All",)
    assert secure.scopes == (f"{GRAPH}/SecurityEvents.Read.All",)
    assert secure.extra_scopes == (f"{DEFENDER}/Score.Read",)
    # AND each API kind has its own scopes whatever the primary
    for config in (exposure, secure):
        assert config.scopes_for("defender") == (f"{DEFENDER}/Score.Read",)
        assert config.scopes_for("graph") == (f"{GRAPH}/SecurityEvents.Read.All",)


def test_one_browser_sign_in_gives_defender_and_graph_tokens_silently(
    strict_platform: FakeIdentityPlatform,
    msal_http_client: requests.Session,
    guarded_simulator: Simulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN a strict identity platform and trayscore configured for the exposure score
    service, browsers = service_for(
        strict_platform, msal_http_client, config_for(strict_platform, "exposure-score")
    )
    # WHEN the user signs in once in the browser
    account = service.sign_in_browser(timeout=30)
    browsers.join()
    assert account.username == "analyst@contoso.example"
    # THEN a Defender token and a Graph token both come silently, each for its own resource
    defender = service.for_api("defender", destination=DEFENDER_BASE).token()
    graph = service.for_api("graph", destination=GRAPH_BASE).token()
    assert strict_platform.audience_of(defender) == DEFENDER
    assert strict_platform.audience_of(graph) == GRAPH
    assert strict_platform.consented_scopes(CLIENT_ID) == {
        f"{DEFENDER}/Score.Read",
        f"{GRAPH}/SecurityEvents.Read.All",
    }
    # AND the user was asked once: one authorize page, one code; Graph's came by refresh token
    assert authorize_requests(strict_platform) == 1
    assert strict_platform.grants["authorization_code"] == 1
    assert strict_platform.grants["refresh_token"] == 1
    # AND asking again is served from the cache, with no further request at all
    before = len(strict_platform.requests)
    assert service.for_api("defender", destination=DEFENDER_BASE).token() == defender
    assert service.for_api("graph", destination=GRAPH_BASE).token() == graph
    assert len(strict_platform.requests) == before
    # AND both sources read through the simulator with the signed-in account's tokens
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", strict_platform.ca_file)  # the front's CA too
    session = make_session()
    with TlsFront(guarded_simulator.url, strict_platform.ca) as front:
        for spec in (EXPOSURE_SCORE, SECURE_SCORE):
            base = front.url + ("/v1.0" if spec is SECURE_SCORE else "")
            tokens = service.for_api(spec.api, destination=base)
            source = build_source(spec, base, tokens, session)
            assert source.fetch().source == spec.name


def test_without_consent_for_graph_the_graph_token_needs_a_sign_in(
    strict_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN a sign-in that consented to the Defender API only (as before issue 9)
    full = config_for(strict_platform, "exposure-score")
    defender_only = SignInConfig(
        client_id=full.client_id,
        authority=full.authority,
        scopes=full.scopes,
        instance_discovery=full.instance_discovery,
        api_scopes=full.api_scopes,
    )
    store = MemoryTokenStore()
    service, browsers = service_for(strict_platform, msal_http_client, defender_only, store)
    service.sign_in_browser(timeout=30)
    browsers.join()
    # WHEN the Graph token is asked for  THEN the platform refuses it: sign-in is needed
    defender = service.for_api("defender", destination=DEFENDER_BASE).token()
    assert strict_platform.audience_of(defender) == DEFENDER
    with pytest.raises(SignInRequired):
        service.for_api("graph", destination=GRAPH_BASE).token()
    # AND once an administrator consented for everyone, the next start gets it silently from
    # the same cache (the device-code case; msal holds back a refused request in one process)
    strict_platform.admin_consented.add(f"{GRAPH}/SecurityEvents.Read.All")
    restarted, _ = service_for(strict_platform, msal_http_client, defender_only, store)
    graph = restarted.for_api("graph", destination=GRAPH_BASE).token()
    assert strict_platform.audience_of(graph) == GRAPH
    assert authorize_requests(strict_platform) == 1
