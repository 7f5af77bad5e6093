"""The parsers accept what Microsoft documents and its plausible variants, and nothing worse."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from trayscore.core.contrast import TEXT_MINIMUM, contrast_ratio, readable_text, rgb
from trayscore.core.errors import BadResponse
from trayscore.core.retirement import (
    DEFENDER_API_RETIREMENT,
    WARNING_DAYS,
    days_left,
    is_retired,
    utc_day,
    warning_due,
)
from trayscore.core.text import printable
from trayscore.core.timeparse import parse_instant
from trayscore.sources.device import parse_device_score
from trayscore.sources.failures import ProviderFailure, provider_failures
from trayscore.sources.groups import UNNAMED_GROUP, parse_groups
from trayscore.sources.secure_score import next_link, parse_secure_scores

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TIME = "2019-12-03T09:51:28.214338Z"


def groups_body(*rows: dict[str, object]) -> dict[str, object]:
    return {"value": list(rows)}


@pytest.mark.parametrize(
    ("group_id", "expected"),
    [
        (None, "Servers"),  # null
        ("7f3c", "7f3c"),  # a string, as the reference types it
        (42, "42"),  # an integer, as tenants were seen to send
    ],
)
def test_group_id_may_be_null_a_string_or_an_int(group_id: object, expected: str) -> None:
    # GIVEN a group row whose rbacGroupId is one of the shapes seen
    row = {"time": TIME, "score": 40.0, "rbacGroupName": "Servers", "rbacGroupId": group_id}
    # WHEN it is parsed  THEN its id is the text of it, or the name when null
    assert parse_groups(groups_body(row), NOW)[0].group_id == expected


def test_group_id_missing_falls_back_to_the_name_and_a_missing_name_to_a_placeholder() -> None:
    rows = [{"time": TIME, "score": 40.0, "rbacGroupName": "Servers"}, {"time": TIME, "score": 9}]
    parsed = parse_groups(groups_body(*rows), NOW)
    assert [(g.name, g.group_id) for g in parsed] == [
        ("Servers", "Servers"),
        (UNNAMED_GROUP, UNNAMED_GROUP),
    ]


def test_a_boolean_or_object_group_id_is_refused() -> None:
    for bad in (True, {"id": 1}, [1]):
        row = {"time": TIME, "score": 40.0, "rbacGroupName": "Servers", "rbacGroupId": bad}
        with pytest.raises(BadResponse, match="rbacGroupId"):
            parse_groups(groups_body(row), NOW)


def test_group_names_lose_every_control_character() -> None:
    # GIVEN a group name that would retitle the terminal, clear it and reverse the text
    hostile = "Ser\x1b]0;owned\x07vers\x1b[2J\x9b2J\u202etxt.exe\r\nX"
    row = {"time": TIME, "score": 40.0, "rbacGroupName": hostile, "rbacGroupId": "\x1b[31mid"}
    # WHEN it is parsed
    group = parse_groups(groups_body(row), NOW)[0]
    # THEN no C0, C1 or bidi control is left in the name or the id
    for text in (group.name, group.group_id):
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in text)
    assert group.name == "Ser]0;ownedvers[2J2Jtxt.exe X"


@given(st.text())
def test_printable_never_lets_a_control_character_through(text: str) -> None:
    shown = printable(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert len(shown) <= 200


@pytest.mark.parametrize("points", [0, 340, 999.5, 1000, 1234.5, 10**6])
def test_device_secure_score_has_no_invented_ceiling(points: float) -> None:
    # GIVEN the documented shape with any number of points, 1,000 or more included
    reading = parse_device_score({"time": TIME, "score": points}, NOW)
    # THEN the points are kept as they are, with no maximum, percentage or band
    assert (reading.score, reading.current, reading.maximum) == (points, points, None)
    assert not reading.banded
    with pytest.raises(ValueError, match="no band"):
        _ = reading.band


def test_device_secure_score_with_a_stated_maximum_gets_a_percentage() -> None:
    reading = parse_device_score({"time": TIME, "score": 340, "maxScore": 800}, NOW)
    assert reading.banded
    assert math.isclose(reading.score, 42.5)
    assert (reading.current, reading.maximum) == (340, 800)


@pytest.mark.parametrize("body", [{"time": TIME, "score": -1}, {"time": TIME, "score": "340"}])
def test_device_secure_score_still_refuses_nonsense(body: dict[str, object]) -> None:
    with pytest.raises(BadResponse):
        parse_device_score(body, NOW)


def snapshot(day: int, current: object = 300.0, maximum: object = 600.0) -> dict[str, object]:
    return {
        "createdDateTime": f"2026-11-{day:02d}T00:00:00Z",
        "currentScore": current,
        "maxScore": maximum,
    }


@pytest.mark.parametrize(
    "bad",
    [
        snapshot(2, maximum=0),
        snapshot(2, maximum=-5),
        snapshot(2, current=700.0),
        {"createdDateTime": "yesterday", "currentScore": 1.0, "maxScore": 2.0},
        {"createdDateTime": "0001-01-01T00:00:00+14:00", "currentScore": 1.0, "maxScore": 2.0},
    ],
)
def test_one_bad_secure_score_snapshot_is_skipped_and_the_rest_kept(
    bad: dict[str, object], caplog: pytest.LogCaptureFixture
) -> None:
    # GIVEN three daily snapshots, the middle one unusable
    body = {"value": [snapshot(3), bad, snapshot(1)]}
    # WHEN the page is parsed
    readings = parse_secure_scores(body, None)
    # THEN the two good days remain, newest first, and the bad one is logged
    assert [r.time.day for r in readings] == [3, 1]
    assert "snapshot skipped" in caplog.text


def test_a_page_that_is_not_a_collection_is_still_refused() -> None:
    with pytest.raises(BadResponse):
        parse_secure_scores({"value": "nope"}, None)


def test_next_link_is_followed_only_on_the_same_scheme_and_host() -> None:
    base = "https://graph.microsoft.com/v1.0"
    same = "https://graph.microsoft.com/v1.0/security/secureScores?$skiptoken=abc"
    assert next_link({"@odata.nextLink": same}, base) == same
    for elsewhere in (
        "https://evil.example/v1.0/security/secureScores",
        "http://graph.microsoft.com/v1.0/security/secureScores",
        "https://graph.microsoft.com:8443/x",
    ):
        assert next_link({"@odata.nextLink": elsewhere}, base) is None
    assert next_link({"@odata.nextLink": 5}, base) is None
    assert next_link({}, base) is None


def test_the_documented_warning_header_names_each_failed_provider() -> None:
    # "Microsoft Graph Security API error responses": one 199 entry per failed provider
    header = '199 - "{Vendor2}/{Provider 2}/504/10000", 199 - "{Vendor4}/{Provider 4}/403/10"'
    assert provider_failures(header) == [
        ProviderFailure("Vendor2/Provider 2", 504),
        ProviderFailure("Vendor4/Provider 4", 403),
    ]
    assert provider_failures('199 - "Microsoft/SecureScore/429/12"') == [
        ProviderFailure("Microsoft/SecureScore", 429)
    ]
    assert provider_failures(None) == []
    assert provider_failures('199 - "no/status/here"') == []
    assert provider_failures("110 - stale") == []


@pytest.mark.parametrize(
    "text", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2019-13-03T00:00:00Z"]
)
def test_an_instant_out_of_range_is_a_value_error_not_an_overflow(text: str) -> None:
    with pytest.raises(ValueError, match="instant"):
        parse_instant(text)


def test_retirement_dates_come_from_one_constant() -> None:
    # MC1220762: the Defender for Endpoint API stops working after 1 February 2027
    assert date(2027, 2, 1) == DEFENDER_API_RETIREMENT
    assert WARNING_DAYS == 30
    assert days_left(date(2026, 12, 1)) == 62  # what issue 15 counted on the day it was filed
    assert not warning_due(date(2027, 1, 1))  # 31 days before: not yet
    assert warning_due(date(2027, 1, 2))  # 30 days before
    assert warning_due(date(2027, 1, 31))
    assert not warning_due(DEFENDER_API_RETIREMENT)  # on the day it is retired, no longer due
    assert not is_retired(date(2027, 1, 31))
    assert is_retired(DEFENDER_API_RETIREMENT)
    assert is_retired(date(2030, 1, 1))
    # the day is UTC's: late on 31 January in Los Angeles is already 1 February
    assert utc_day(datetime.fromisoformat("2027-01-31T20:00:00-08:00")) == DEFENDER_API_RETIREMENT


def test_a_faint_band_colour_is_shaded_until_readable_as_text() -> None:
    # WCAG 2.2, 1.4.3 Contrast (Minimum): text at least 4.5:1 against its background
    green, light, dark = "#43A047", "#EFEFEF", "#000000"
    assert contrast_ratio(green, light) < TEXT_MINIMUM  # too faint as it is
    shaded = readable_text(green, light, "#000000")
    assert contrast_ratio(shaded, light) >= TEXT_MINIMUM
    red, grn, blue = rgb(shaded)
    assert grn > max(red, blue)  # still green: the meaning survives
    assert readable_text(green, dark, "#FFFFFF") == green  # readable already: kept
