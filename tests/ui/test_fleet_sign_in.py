"""Signing in to one tenant of several: the real msal, the fake identity platform over TLS.

The analyst is one home account, a guest in two tenants (two tenant GUIDs); each tenant has its
own token cache. Signing in to one never touches the other; once one is signed in, the other
signs in silently with it (msal's tenant switch), with no browser.
"""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot
from trayscore.app.fleet import FleetApp
from trayscore.app.options import AppOptions
from trayscore.auth.token_store import MemoryTokenStore, TokenStore, profile_for
from trayscore.core.display_state import Look
from trayscore.settings.model import load_settings
from trayscore.simulator import Simulator
from trayscore.system.paths import AppPaths

from tests.fakes.identity import FakeIdentityPlatform
from tests.helpers.app import TRAY_GRACE_MS, SpyTray
from tests.helpers.tls_front import TlsFront

CLIENT = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
CONTOSO = "11111111-2222-4333-8444-555555555555"
FABRIKAM = "66666666-7777-4888-9999-aaaaaaaaaaaa"


def test_one_tenant_signs_in_in_the_browser_and_the_next_silently_as_a_guest(
    qtbot: QtBot,
    paths: AppPaths,
    trust_identity_platform: FakeIdentityPlatform,
    fake_browser: object,
    fleet_factory: list[FleetApp],
) -> None:
    platform = trust_identity_platform
    stores: dict[str, MemoryTokenStore] = {}

    def open_store(profile: str) -> tuple[TokenStore, str | None]:
        """Each tenant's cache on its own, as the keyring keeps them."""
        return stores.setdefault(profile, MemoryTokenStore()), None

    with (
        Simulator(seed=2, accept=platform.is_valid_access_token) as simulator,
        TlsFront(simulator.url, platform.ca) as api,
    ):
        # GIVEN settings listing Contoso and Fabrikam, nobody signed in
        paths.settings_file.parent.mkdir(parents=True)
        entries = "".join(
            f'\n[[tenants]]\nname = "{name}"\ntenant = "{tenant}"\n'
            f'authority = "{platform.authority_for(tenant)}"\n'
            for name, tenant in (("Contoso", CONTOSO), ("Fabrikam", FABRIKAM))
        )
        paths.settings_file.write_text(f'client_id = "{CLIENT}"\n{entries}', encoding="utf-8")
        settings = load_settings(paths.settings_file, {"TRAYSCORE_API_URL": api.url})
        options = AppOptions(tray_grace_ms=TRAY_GRACE_MS)
        app = FleetApp(
            settings=settings, paths=paths, environ={}, options=options, tray=SpyTray(),
            open_store=open_store,
        )  # fmt: skip
        fleet_factory.append(app)
        app.start()
        contoso, fabrikam = app.slots
        # THEN both rows ask for a sign-in, on their own pages
        qtbot.waitUntil(
            lambda: all(s.state.tracker.error is not None for s in app.slots), timeout=20_000
        )
        now = app.clock()
        assert [s.state.tracker.state_at(now).look for s in app.slots] == [Look.SIGN_IN] * 2
        assert "open this tenant and choose Sign in" in str(contoso.state.tracker.error)
        # WHEN the analyst signs in to Contoso (the browser signs them in)
        app.sign_in("Contoso")
        # THEN Contoso's score comes, and Fabrikam still waits for its own sign-in
        qtbot.waitUntil(lambda: contoso.state.tracker.reading is not None, timeout=30_000)
        assert platform.grants["authorization_code"] == 1
        assert contoso.state.tracker.account == "analyst@contoso.example"
        assert fabrikam.state.tracker.state_at(app.clock()).look is Look.SIGN_IN
        # AND only Contoso's cache holds tokens
        filled = [profile for profile, store in stores.items() if store.load()]
        assert filled == [profile_for(platform.authority_for(CONTOSO), CLIENT)]
        # AND the icon shows Contoso's score, the tooltip the one left to sign in
        spec = app.view.spec
        assert spec is not None
        assert spec.look is Look.SCORE
        assert "1 need" in app.view.tray.toolTip()
        # WHEN the analyst signs in to Fabrikam, where the same account is a guest
        contoso_cache = stores[profile_for(platform.authority_for(CONTOSO), CLIENT)].load()
        app.sign_in("Fabrikam")
        # THEN no browser opens: Contoso's sign-in is redeemed at Fabrikam's authority
        qtbot.waitUntil(lambda: fabrikam.state.tracker.reading is not None, timeout=30_000)
        assert platform.grants["authorization_code"] == 1
        assert platform.grants["refresh_token"] >= 1
        # AND Fabrikam's own cache holds Fabrikam's account only; Contoso's is as it was
        fabrikam_profile = profile_for(platform.authority_for(FABRIKAM), CLIENT)
        assert fabrikam_profile in stores
        cache = json.loads(stores[fabrikam_profile].load() or "{}")
        realms = {e["realm"] for kind in cache.values() for e in kind.values() if "realm" in e}
        assert realms == {FABRIKAM}  # the home account is Contoso's; no token of Contoso's
        assert stores[profile_for(platform.authority_for(CONTOSO), CLIENT)].load() == contoso_cache
        assert fabrikam.state.tracker.account == "analyst@contoso.example"
