"""Where tokens may go (issue 17, finding 7): Microsoft's hosts per cloud, loopback http, locks.

Hosts per cloud: Microsoft Defender for Endpoint, "Supported Microsoft Defender for Endpoint APIs"
(api.security.microsoft.com and its regional hosts) and "Microsoft Defender for Endpoint for US
Government customers" (api-gcc / api-gov.securitycenter.microsoft.us); Microsoft Graph, "National
cloud deployments" (graph.microsoft.com, graph.microsoft.us, dod-graph.microsoft.us).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from trayscore.auth.application import SignInConfig
from trayscore.auth.service import AuthService
from trayscore.auth.token_store import MemoryTokenStore
from trayscore.core.clouds import (
    CLOUDS,
    account_token_refusal,
    foreign_token_hosts,
    is_microsoft_host,
    receives_account_tokens,
)
from trayscore.core.errors import ConfigError
from trayscore.doctor.configuration import check_token_hosts
from trayscore.settings.model import Settings, load_settings

COMMERCIAL = CLOUDS["commercial"]


@pytest.mark.parametrize("name", list(CLOUDS))
def test_every_host_of_a_cloud_is_microsofts_for_that_cloud(name: str) -> None:
    # GIVEN a cloud's API base, regional hosts, token resource and Graph base
    cloud = CLOUDS[name]
    urls = [cloud.api_base, cloud.api_resource, cloud.graph_base, *cloud.regions.values()]
    # WHEN each is judged  THEN each is Microsoft's for that cloud, with a path or a port too
    for url in urls:
        assert is_microsoft_host(cloud, url), url
        assert is_microsoft_host(cloud, f"{url}:443/api/exposureScore"), url


@pytest.mark.parametrize(
    "url",
    [
        "https://api.security.microsoft.com.evil.example",  # a look-alike suffix
        "https://evil.example/api.security.microsoft.com",  # the name in the path
        "https://api.security.microsoft.com@evil.example",  # the name as a user name
        "https://security.microsoft.com",  # the portal, not an API host
        "https://graph.microsoft.us/v1.0",  # another cloud's Graph
        "https://api-gov.securitycenter.microsoft.us",  # another cloud's Defender
        "https://127.0.0.1:8443",
        "not a url",
    ],
)
def test_anything_else_is_not_microsofts_for_the_commercial_cloud(url: str) -> None:
    assert not is_microsoft_host(COMMERCIAL, url)


def test_host_names_compare_as_dns_does() -> None:
    # GIVEN the same host in capitals and with the root's trailing dot  THEN still Microsoft's
    assert is_microsoft_host(COMMERCIAL, "https://API.Security.Microsoft.COM./")


def test_a_us_government_cloud_does_not_trust_the_commercial_hosts() -> None:
    assert not is_microsoft_host(CLOUDS["gcc-high"], "https://api.security.microsoft.com")
    assert not is_microsoft_host(CLOUDS["dod"], "https://graph.microsoft.us/v1.0")
    assert is_microsoft_host(CLOUDS["dod"], "https://dod-graph.microsoft.us/v1.0")


def test_foreign_hosts_are_named_with_their_setting_and_plain_loopback_is_left_out() -> None:
    # GIVEN overrides: one foreign https host, one plain-http simulator, one Microsoft host
    urls = [
        ("api_url", "https://defender-proxy.example.test/api"),
        ("graph_url", "http://127.0.0.1:8123/v1.0"),
        ("other", "https://eu.api.security.microsoft.com"),
        ("unset", None),
    ]
    # WHEN judged  THEN only the https foreign host is named (loopback http gets no account
    # token at all, see below)
    assert foreign_token_hosts(COMMERCIAL, urls) == (("api_url", "defender-proxy.example.test"),)


def test_settings_name_their_foreign_hosts() -> None:
    settings = Settings(
        api_url="https://x.example.test", graph_url="https://graph.microsoft.com/v1.0"
    )
    assert settings.foreign_token_hosts == (("api_url", "x.example.test"),)
    assert Settings().foreign_token_hosts == ()
    # a Microsoft host of another cloud is foreign to this one
    assert Settings(
        cloud="gcc-high", graph_url="https://graph.microsoft.com/v1.0"
    ).foreign_token_hosts == (("graph_url", "graph.microsoft.com"),)


def test_plain_http_never_receives_an_account_token() -> None:
    assert not receives_account_tokens("http://127.0.0.1:8123")
    assert receives_account_tokens("https://api.security.microsoft.com")
    refusal = account_token_refusal("http://localhost:8123")
    assert refusal is not None
    assert "TRAYSCORE_ACCESS_TOKEN" in refusal
    assert account_token_refusal("https://127.0.0.1:8443") is None


def test_the_account_token_source_refuses_a_plain_http_destination_before_the_cache() -> None:
    # GIVEN an auth service (not even signed in) and a plain-http loopback destination
    service = AuthService(
        SignInConfig(
            client_id="3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
            authority="https://login.microsoftonline.com/contoso.example",
            scopes=("https://api.securitycenter.microsoft.com/Score.Read",),
        ),
        MemoryTokenStore(),
    )
    tokens = service.for_api("defender", destination="http://127.0.0.1:8123")
    # WHEN a token is asked for  THEN a settings error says why, not "sign in"
    with pytest.raises(ConfigError, match="plain http"):
        tokens.token()
    with pytest.raises(ConfigError, match="plain http"):
        tokens.token(force_refresh=True)


def test_an_administrator_locks_api_url_and_graph_url(tmp_path: Path) -> None:
    # GIVEN an administrator's file that sets both API bases and locks them
    system = tmp_path / "system.toml"
    system.write_text(
        'api_url = "https://eu.api.security.microsoft.com"\n'
        'graph_url = "https://graph.microsoft.com/v1.0"\n'
        'locked = ["api_url", "graph_url"]\n'
    )
    # AND a user file and the environment that point both at another host
    user = tmp_path / "settings.toml"
    user.write_text('api_url = "https://evil.example"\ngraph_url = "https://evil.example/v1.0"\n')
    environ = {
        "TRAYSCORE_API_URL": "https://evil.example",
        "TRAYSCORE_GRAPH_URL": "https://evil.example/v1.0",
    }
    # WHEN the settings load
    settings = load_settings(user, environ, system)
    # THEN the administrator's hosts are in force, each attempt is told, and no warning is due
    assert settings.api_base == "https://eu.api.security.microsoft.com"
    assert settings.graph_base == "https://graph.microsoft.com/v1.0"
    assert settings.locked == frozenset({"api_url", "graph_url"})
    assert sum("set by your administrator" in w for w in settings.warnings) == 4
    assert settings.foreign_token_hosts == ()


def test_doctor_has_one_line_on_token_hosts() -> None:
    # GIVEN default settings  THEN tokens go only to Microsoft
    fine = check_token_hosts(Settings())
    assert fine.ok is True
    assert "commercial" in fine.detail
    # GIVEN a foreign graph_url  THEN a warning (not a failure) names it and how to undo it
    warned = check_token_hosts(Settings(graph_url="https://graph.example.test/v1.0"))
    assert warned.ok is None
    assert not warned.blocking
    assert "graph.example.test (graph_url)" in warned.detail
    assert "graph_url" in warned.fix
    assert warned.to_json()["check"] == "token hosts"
