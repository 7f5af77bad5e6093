"""New settings through the reader and the settings controller, without an event loop."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot
from trayscore.app.reading import ScoreReader
from trayscore.auth.token_store import MemoryTokenStore
from trayscore.clients import Clients
from trayscore.settings.model import Settings, same_account
from trayscore.system.paths import AppPaths

TENANT = "contoso.onmicrosoft.com"
CLIENT = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
SIGNED_UP = Settings(tenant=TENANT, client_id=CLIENT)


def reader_signed_in(paths: AppPaths) -> ScoreReader:
    """A reader whose sign-in service was built (as after a sign-in)."""
    clients = Clients(SIGNED_UP, {}, open_store=lambda _profile: (MemoryTokenStore(), None))
    clients.auth()
    return ScoreReader(clients, paths)


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ({"tenant": "fabrikam.onmicrosoft.com"}, False),
        ({"client_id": "04b07795-8ddb-461a-bbee-02f9e1bf7b46"}, False),
        ({"cloud": "gcc"}, False),
        ({"authority": "https://login.example/contoso"}, False),
        ({"refresh_minutes": 60}, True),
        ({"api_url": "https://eu.api.security.microsoft.com"}, True),
    ],
)
def test_the_account_is_the_cloud_tenant_app_and_authority(
    change: dict[str, object], same: bool
) -> None:
    assert same_account(SIGNED_UP, replace(SIGNED_UP, **change)) is same  # type: ignore[arg-type]


def test_another_authority_signs_the_previous_account_out(paths: AppPaths) -> None:
    # GIVEN a reader signed in to one registration
    reader = reader_signed_in(paths)
    previous = reader.clients.signed_in_service
    # WHEN the authority changes
    change = reader.use(replace(SIGNED_UP, authority="https://login.example/contoso"))
    # THEN the previous service is handed back to be signed out, and a new one will be built
    assert change.signed_out is previous
    assert reader.clients.signed_in_service is None


def test_a_new_interval_keeps_the_account_the_clients_and_the_series(paths: AppPaths) -> None:
    reader = reader_signed_in(paths)
    previous = reader.clients.signed_in_service
    change = reader.use(replace(SIGNED_UP, refresh_minutes=60))
    assert change.signed_out is None
    assert not change.new_series
    assert reader.clients.signed_in_service is previous


def test_another_primary_score_is_a_new_series_on_the_same_account(
    qtbot: QtBot, paths: AppPaths
) -> None:
    reader = reader_signed_in(paths)
    change = reader.use(replace(SIGNED_UP, source="secure-score"))
    assert change.new_series
    assert change.signed_out is None
