"""The source catalogue: names, endpoints, scopes, direction, bands and what a band means."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from trayscore.core.bands import EXPOSURE_BANDS, SECURE_BANDS, Band, Severity, band_of
from trayscore.core.catalog import (
    DEFAULT_SOURCE,
    DEVICE_SECURE_SCORE,
    EXPOSURE_SCORE,
    SECURE_SCORE,
    SOURCE_NAMES,
    ApiKind,
    band_for,
    improvement,
    severity,
    source_named,
)
from trayscore.core.clouds import CLOUDS
from trayscore.core.models import Reading
from trayscore.core.notice_policy import Kind, NotificationPolicy

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
scores = st.floats(min_value=0.0, max_value=100.0, allow_nan=False)


def test_the_catalogue_lists_three_sources_and_keeps_the_exposure_name() -> None:
    # GIVEN the catalogue  THEN its names are the ones users' history files and settings use
    assert SOURCE_NAMES == ("exposure-score", "device-secure-score", "secure-score")
    assert DEFAULT_SOURCE == "exposure-score"
    # AND each knows its API, endpoint, permission and direction
    assert (EXPOSURE_SCORE.api, EXPOSURE_SCORE.path) == (ApiKind.DEFENDER, "/api/exposureScore")
    assert (DEVICE_SECURE_SCORE.api, DEVICE_SECURE_SCORE.path) == (
        ApiKind.DEFENDER,
        "/api/configurationScore",
    )
    assert (SECURE_SCORE.api, SECURE_SCORE.path) == (ApiKind.GRAPH, "/security/secureScores")
    assert [s.permission for s in (EXPOSURE_SCORE, DEVICE_SECURE_SCORE, SECURE_SCORE)] == [
        "Score.Read",
        "Score.Read",
        "SecurityEvents.Read.All",
    ]
    assert EXPOSURE_SCORE.lower_is_better
    assert not DEVICE_SECURE_SCORE.lower_is_better
    assert not SECURE_SCORE.lower_is_better
    for spec in (EXPOSURE_SCORE, DEVICE_SECURE_SCORE, SECURE_SCORE):
        assert spec.scale == (0.0, 100.0)
        assert source_named(spec.name) is spec


def test_an_unknown_source_name_lists_the_choices() -> None:
    with pytest.raises(ValueError, match="allowed: exposure-score, device-secure-score"):
        source_named("exposure")


@pytest.mark.parametrize("cloud", list(CLOUDS))
def test_each_source_asks_for_its_resource_scope_in_every_cloud(cloud: str) -> None:
    info = CLOUDS[cloud]
    assert EXPOSURE_SCORE.scopes(info) == (info.score_scope,)
    assert DEVICE_SECURE_SCORE.scopes(info) == (info.score_scope,)
    assert SECURE_SCORE.scopes(info) == (f"{info.graph_resource}/SecurityEvents.Read.All",)


def test_graph_hosts_and_scopes_follow_the_cloud() -> None:
    expected = {
        "commercial": "https://graph.microsoft.com",
        "gcc": "https://graph.microsoft.com",
        "gcc-high": "https://graph.microsoft.us",
        "dod": "https://dod-graph.microsoft.us",
    }
    for name, host in expected.items():
        assert CLOUDS[name].graph_base == f"{host}/v1.0"
        assert CLOUDS[name].graph_scope == f"{host}/SecurityEvents.Read.All"


@pytest.mark.parametrize(
    ("source", "score", "band", "meaning"),
    [
        ("exposure-score", 29.4, Band.LOW, Severity.GOOD),
        ("exposure-score", 29.6, Band.MEDIUM, Severity.FAIR),
        ("exposure-score", 70.0, Band.HIGH, Severity.POOR),
        ("secure-score", 39.4, Band.LOW, Severity.POOR),
        ("secure-score", 39.5, Band.MEDIUM, Severity.FAIR),
        ("secure-score", 69.4, Band.MEDIUM, Severity.FAIR),
        ("secure-score", 69.5, Band.HIGH, Severity.GOOD),
        ("device-secure-score", 100.0, Band.HIGH, Severity.GOOD),
        ("device-secure-score", 0.0, Band.LOW, Severity.POOR),
    ],
)
def test_bands_and_their_meaning_depend_on_the_source(
    source: str, score: float, band: Band, meaning: Severity
) -> None:
    # GIVEN a score of a source  WHEN it is banded  THEN the band and its meaning are the source's
    assert band_for(source, score) is band
    assert severity(source, band) is meaning
    assert severity(source_named(source), band) is meaning


def test_band_ranges_are_documented_and_cover_0_to_100() -> None:
    assert EXPOSURE_BANDS.ranges() == (
        (Band.LOW, 0, 29),
        (Band.MEDIUM, 30, 69),
        (Band.HIGH, 70, 100),
    )
    assert SECURE_BANDS.ranges() == ((Band.LOW, 0, 39), (Band.MEDIUM, 40, 69), (Band.HIGH, 70, 100))


@given(score=scores)
def test_the_exposure_bands_are_unchanged(score: float) -> None:
    assert band_for("exposure-score", score) is band_of(score)
    assert band_for("a-newer-trayscores-source", score) is band_of(score)


@given(before=scores, after=scores)
def test_improvement_is_positive_exactly_when_the_news_is_good(before: float, after: float) -> None:
    change = after - before
    assert (improvement("exposure-score", change) > 0) == (after < before)
    assert (improvement("secure-score", change) > 0) == (after > before)
    assert improvement(DEVICE_SECURE_SCORE, change) == change


def test_a_reading_is_banded_by_its_source_and_carries_points_in_json() -> None:
    # GIVEN the same number read from two sources
    exposure = Reading("exposure-score", 35.0, NOW, NOW)
    secure = Reading("secure-score", 35.0, NOW, NOW, current=70.0, maximum=200.0)
    # THEN the exposure one is medium and the secure one low (poor)
    assert exposure.band is Band.MEDIUM
    assert secure.band is Band.LOW
    # AND the JSON keys stay, and only a reading with points adds current and max
    assert set(exposure.to_json()) == {"source", "score", "band", "time", "fetched_at"}
    assert secure.to_json() == {
        "source": "secure-score",
        "score": 35.0,
        "band": "low",
        "time": "2026-11-28T09:30:00Z",
        "fetched_at": "2026-11-28T09:30:00Z",
        "current": 70.0,
        "max": 200.0,
    }


def test_notifications_follow_the_catalogue_direction() -> None:
    # GIVEN the notification policy built with Secure Score's direction (higher is better)
    policy = NotificationPolicy(lower_is_better=SECURE_SCORE.lower_is_better).started(NOW)
    later = NOW + timedelta(minutes=5)
    policy, first = policy.reading(60.0, later)
    assert first is None  # the first value is adopted silently
    # WHEN the secure score rises by 8  THEN that is good news: nothing is told
    _, notice = policy.reading(68.0, later + timedelta(minutes=15))
    assert notice is None
    # WHEN it falls by 8 instead  THEN it is told as worse
    _, notice = policy.reading(52.0, later + timedelta(minutes=15))
    assert notice is not None
    assert notice.kind is Kind.WORSENED
    assert notice.got_worse is True
    assert notice.change == -8
