"""Settings that follow Microsoft's reality: the default source by the retirement date, the
Defender token audience, and the scopes the code asks for, each named in the admin's guide."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from trayscore.auth.service import AuthService
from trayscore.auth.token_store import MemoryTokenStore
from trayscore.clients import sign_in_config
from trayscore.core.clouds import CLOUDS
from trayscore.core.errors import ConfigError, SignInRequired
from trayscore.doctor.configuration import check_retirement
from trayscore.settings.model import Settings, load_settings
from trayscore.system.session import has_display

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "app-registration.md"
CLIENT = "00000000-0000-0000-0000-0000000000aa"


def load(tmp_path: Path, text: str = "", today: date | None = None, **environ: str) -> Settings:
    path = tmp_path / "settings.toml"
    path.write_text(text, "utf-8")
    return load_settings(path, environ, None, policy=None, today=today)


def test_the_default_source_is_the_exposure_score_until_the_retirement_day(
    tmp_path: Path,
) -> None:
    assert load(tmp_path, today=date(2027, 1, 31)).source == "exposure-score"


def test_a_first_run_on_or_after_the_retirement_day_defaults_to_secure_score(
    tmp_path: Path,
) -> None:
    assert load(tmp_path, today=date(2027, 2, 1)).source == "secure-score"
    assert load(tmp_path, today=date(2028, 6, 1)).source == "secure-score"


def test_a_source_the_user_chose_is_kept_after_the_retirement_day(tmp_path: Path) -> None:
    chosen = load(tmp_path, 'source = "exposure-score"\n', today=date(2027, 3, 1))
    assert chosen.source == "exposure-score"
    by_env = load(tmp_path, today=date(2027, 3, 1), TRAYSCORE_SOURCE="device-secure-score")
    assert by_env.source == "device-secure-score"


def test_defender_resource_changes_the_defender_scope_only(tmp_path: Path) -> None:
    # GIVEN a GCC High tenant whose administrator set the token audience by hand
    settings = load(
        tmp_path,
        'cloud = "gcc-high"\ndefender_resource = "https://api-gov.securitycenter.microsoft.us"\n',
    )
    # THEN the Defender scope is on that resource, and Graph's is the cloud's own
    assert settings.defender_scope == "https://api-gov.securitycenter.microsoft.us/Score.Read"
    config = sign_in_config(
        Settings(
            cloud="gcc-high",
            tenant="contoso.onmicrosoft.us",
            client_id=CLIENT,
            defender_resource="https://wdatp.example.us",
        )
    )
    assert config.scopes_for("defender") == ("https://wdatp.example.us/Score.Read",)
    assert config.scopes_for("graph") == ("https://graph.microsoft.us/SecurityEvents.Read.All",)


@pytest.mark.parametrize(
    "value", ["http://api.example.com", "https://api.example.com/Score.Read", "api.example.com"]
)
def test_defender_resource_must_be_an_https_resource_without_a_path(
    tmp_path: Path, value: str
) -> None:
    with pytest.raises(ConfigError, match="defender_resource"):
        load(tmp_path, f'defender_resource = "{value}"\n')


def _requested_scopes() -> set[str]:
    """Every scope the code can ask for: each API of each cloud, as sign-in builds them."""
    scopes: set[str] = set()
    for cloud in CLOUDS:
        settings = Settings(cloud=cloud, tenant="contoso.onmicrosoft.com", client_id=CLIENT)
        config = sign_in_config(settings)
        for api in ("defender", "graph"):
            scopes.update(config.scopes_for(api))
        scopes.update(config.scopes, config.extra_scopes)
    return scopes


def test_every_scope_the_code_requests_is_named_in_the_administrators_guide() -> None:
    # GIVEN the guide an administrator follows to register the app
    guide = GUIDE.read_text("utf-8")
    # THEN every scope trayscore can request is written there, so consent covers it
    scopes = _requested_scopes()
    assert scopes  # the check is not vacuous
    missing = sorted(scope for scope in scopes if f"`{scope}`" not in guide)
    assert not missing, f"docs/app-registration.md does not name: {missing}"
    # AND each permission has its admin consent step
    for permission in {scope.rsplit("/", 1)[1] for scope in scopes}:
        assert re.search(rf"\*\*{re.escape(permission)}\*\*", guide), permission
    assert "admin consent" in guide


def test_the_guide_covers_what_issue_15_found_missing() -> None:
    guide = GUIDE.read_text("utf-8")
    for needed in (
        "https://microsoft.com/deviceloginus",
        "msauth.com.msauth.unsignedapp://auth",
        'tenant = "organizations"',
        'cloud = "commercial"',
        "defender_resource",
    ):
        assert needed in guide, needed


class BrokerApp:
    """msal's PublicClientApplication as far as the broker sign-in uses it."""

    CONSOLE_WINDOW_HANDLE = object()

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def acquire_token_interactive(self, scopes: list[str], **kwargs: Any) -> dict[str, str]:
        self.calls.append({"scopes": scopes, **kwargs})
        return {"error": "access_denied", "error_description": "test stops here"}


@pytest.mark.parametrize(("window", "expected"), [(4242, 4242), (None, "console")])
def test_the_broker_opens_over_the_window_it_is_given(
    monkeypatch: pytest.MonkeyPatch, window: int | None, expected: object
) -> None:
    # GIVEN the broker on Windows, and msal's application replaced by a recorder
    settings = Settings(tenant="contoso.onmicrosoft.com", client_id=CLIENT, sign_in_method="broker")
    service = AuthService(sign_in_config(settings), MemoryTokenStore(), platform="win32")
    app = BrokerApp()
    monkeypatch.setattr(service, "_application", lambda: app)
    # WHEN the tray signs in with its own window handle (the CLI with none)
    with pytest.raises(SignInRequired):
        service.sign_in_browser(timeout=5, parent_window=window)
    # THEN msal gets that handle, not the console's; the CLI keeps the console's
    handle = app.calls[0]["parent_window_handle"]
    assert handle == (app.CONSOLE_WINDOW_HANDLE if expected == "console" else expected)


def test_doctor_says_when_the_defender_api_stops() -> None:
    exposure = Settings()
    soon = check_retirement(exposure, datetime(2027, 1, 20, tzinfo=UTC))
    assert soon is not None
    assert soon.ok is None
    assert "in 12 days" in soon.detail
    gone = check_retirement(exposure, datetime(2027, 2, 2, tzinfo=UTC))
    assert gone is not None
    assert gone.ok is False
    assert "secure-score" in gone.fix
    assert check_retirement(exposure, datetime(2026, 12, 1, tzinfo=UTC)) is None
    assert (
        check_retirement(Settings(source="secure-score"), datetime(2027, 2, 2, tzinfo=UTC)) is None
    )


def test_a_wayland_session_counts_only_when_qt_can_speak_wayland() -> None:
    # GIVEN a Wayland session without Xwayland (no DISPLAY)
    wayland = {"WAYLAND_DISPLAY": "wayland-0"}
    # THEN the packaged build (X11's plugin alone) has no display: exit 12, not Qt's abort
    assert not has_display(wayland, "linux", wayland_plugin=lambda: False)
    assert has_display(wayland, "linux", wayland_plugin=lambda: True)
    assert has_display({"DISPLAY": ":0", **wayland}, "linux", wayland_plugin=lambda: False)
    assert not has_display({}, "linux", wayland_plugin=lambda: True)
    assert has_display({}, "win32")
