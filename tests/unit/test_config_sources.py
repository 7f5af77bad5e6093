"""Settings for sources: the primary ``source`` and the Graph base ``graph_url``."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from trayscore.core.errors import ConfigError
from trayscore.settings.file import settings_to_toml, validate_fields
from trayscore.settings.model import Settings, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_the_exposure_score_and_the_clouds_graph(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "absent.toml", {})
    assert settings.source == "exposure-score"
    assert settings.graph_url is None
    assert settings.graph_base == "https://graph.microsoft.com/v1.0"


@pytest.mark.parametrize(
    ("cloud", "base"),
    [
        ("commercial", "https://graph.microsoft.com/v1.0"),
        ("gcc", "https://graph.microsoft.com/v1.0"),
        ("gcc-high", "https://graph.microsoft.us/v1.0"),
        ("dod", "https://dod-graph.microsoft.us/v1.0"),
    ],
)
def test_graph_base_follows_the_cloud(tmp_path: Path, cloud: str, base: str) -> None:
    settings = load_settings(write(tmp_path, f'cloud = "{cloud}"\n'), {})
    assert settings.graph_base == base


def test_file_and_environment_set_source_and_graph_url(tmp_path: Path) -> None:
    # GIVEN a file choosing Secure Score and a Graph override
    path = write(
        tmp_path, 'source = "Secure-Score"\ngraph_url = "https://graph.example.test/v1.0/"\n'
    )
    settings = load_settings(path, {})
    # THEN the name is kept exactly as the catalogue spells it and the URL loses its slash
    assert settings.source == "secure-score"
    assert settings.graph_base == "https://graph.example.test/v1.0"
    # WHEN the environment overrides both  THEN it wins and is marked as from the environment
    environ = {
        "TRAYSCORE_SOURCE": "device-secure-score",
        "TRAYSCORE_GRAPH_URL": "http://127.0.0.1:8765/v1.0",
    }
    overridden = load_settings(path, environ)
    assert overridden.source == "device-secure-score"
    assert overridden.graph_base == "http://127.0.0.1:8765/v1.0"
    assert {"source", "graph_url"} <= overridden.from_environment


@pytest.mark.parametrize(
    ("variable", "value", "fragment"),
    [
        ("TRAYSCORE_SOURCE", "exposure", "allowed: exposure-score, device-secure-score"),
        ("TRAYSCORE_GRAPH_URL", "http://graph.microsoft.com/v1.0", "https is required"),
        ("TRAYSCORE_GRAPH_URL", "https://graph.microsoft.com/v1.0?x=1", "without a query"),
    ],
)
def test_bad_values_name_the_variable_and_what_is_allowed(
    tmp_path: Path, variable: str, value: str, fragment: str
) -> None:
    with pytest.raises(ConfigError, match=variable) as caught:
        load_settings(tmp_path / "absent.toml", {variable: value})
    assert fragment in caught.value.message
    # AND the tray's lenient load keeps the default and says why
    problems: list[str] = []
    settings = load_settings(tmp_path / "absent.toml", {variable: value}, problems=problems)
    assert settings.source == "exposure-score"
    assert settings.graph_url is None
    assert len(problems) == 1


def test_the_file_writes_source_always_and_graph_url_only_when_set(tmp_path: Path) -> None:
    # GIVEN default settings  WHEN written  THEN source is there, graph_url is not
    plain = tomllib.loads(settings_to_toml(Settings()))
    assert plain["source"] == "exposure-score"
    assert "graph_url" not in plain
    # GIVEN a chosen source and a Graph override  WHEN written and read back  THEN equal
    chosen = Settings(source="secure-score", graph_url="https://graph.example.test/v1.0")
    text = settings_to_toml(chosen)
    assert tomllib.loads(text)["graph_url"] == "https://graph.example.test/v1.0"
    assert load_settings(write(tmp_path, text), {}) == chosen


def test_the_dialog_checks_source_and_graph_url_like_the_file() -> None:
    settings, errors = validate_fields({"source": "secure-score", "graph_url": ""})
    assert errors == {}
    assert settings is not None
    assert (settings.source, settings.graph_url) == ("secure-score", None)
    _, errors = validate_fields({"source": "groups"})
    assert "allowed: exposure-score" in errors["source"]
