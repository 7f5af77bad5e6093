from datetime import UTC, datetime, timedelta

import pytest
from trayscore.core.timeparse import MAX_RETRY_AFTER_SECONDS, parse_instant, parse_retry_after

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-12-03T07:23:53Z", datetime(2019, 12, 3, 7, 23, 53, tzinfo=UTC)),
        ("2019-12-03T07:23:53.2Z", datetime(2019, 12, 3, 7, 23, 53, 200000, tzinfo=UTC)),
        ("2019-12-03T07:23:53.280499Z", datetime(2019, 12, 3, 7, 23, 53, 280499, tzinfo=UTC)),
        ("2019-12-03T07:23:53.2804990Z", datetime(2019, 12, 3, 7, 23, 53, 280499, tzinfo=UTC)),
        ("2019-12-03T07:23:53.123456789Z", datetime(2019, 12, 3, 7, 23, 53, 123456, tzinfo=UTC)),
        ("2019-12-03T09:23:53+02:00", datetime(2019, 12, 3, 7, 23, 53, tzinfo=UTC)),
        ("2019-12-03T02:23:53.5-05:00", datetime(2019, 12, 3, 7, 23, 53, 500000, tzinfo=UTC)),
        # RFC 3339 section 5.6 allows a lower-case z (and t, which this parser does not take)
        ("2019-12-03T07:23:53z", datetime(2019, 12, 3, 7, 23, 53, tzinfo=UTC)),
        ("2019-12-03T07:23:53.25z", datetime(2019, 12, 3, 7, 23, 53, 250000, tzinfo=UTC)),
    ],
)
def test_instants_with_any_fraction_and_zone_parse_to_utc(text: str, expected: datetime) -> None:
    assert parse_instant(text) == expected
    assert parse_instant(text).tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        "2019-12-03T07:23:53",  # no zone: not an instant
        "2019-12-03 07:23:53Z",
        "2019-13-03T07:23:53Z",
        "2019-12-03T25:00:00Z",
        "20191203T072353Z",
        "yesterday",
        "",
        "2019-12-03T07:23:53.Z",
    ],
)
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_instant(text)


def test_retry_after_in_seconds_and_as_a_date() -> None:
    assert parse_retry_after("42", NOW) == 42.0
    assert parse_retry_after(" 7 ", NOW) == 7.0
    later = "Sat, 28 Nov 2026 12:01:30 GMT"
    assert parse_retry_after(later, NOW) == 90.0
    assert parse_retry_after("Sat, 28 Nov 2026 11:00:00 GMT", NOW) == 0.0
    assert parse_retry_after("99999999", NOW) == MAX_RETRY_AFTER_SECONDS
    assert parse_retry_after(None, NOW) is None
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after("-5", NOW) is None
    assert parse_retry_after("", NOW + timedelta(0)) is None


@pytest.mark.parametrize(
    "text",
    [
        "yesterday",
        "2019-12-03 07:23:53Z",
        "2019-12-03T07:23:53.123456Z and then 50 more characters",
    ],
)
def test_a_refused_instant_is_quoted_up_to_40_characters(text: str) -> None:
    # GIVEN a text that is no instant WHEN parsed THEN the error quotes its first 40 characters
    # (it reaches logs and the history's problem lines: bounded, and never more than was sent)
    with pytest.raises(ValueError, match=r"^not an ISO-8601 instant: ") as refused:
        parse_instant(text)
    assert str(refused.value) == f"not an ISO-8601 instant: {text[:40]!r}"


@pytest.mark.parametrize(
    "header",
    [
        "Sat, 28 Nov 2026 12:01:30 GMT",
        "Sat, 28 Nov 2026 12:01:30 -0000",  # RFC 5322 section 3.3: UTC, with no zone known
        "Sat, 28 Nov 2026 13:01:30 +0100",
        "Sat, 28 Nov 2026 07:01:30 -0500",
    ],
)
def test_retry_after_dates_in_any_zone(header: str) -> None:
    # GIVEN an HTTP-date (RFC 9110 section 10.2.3) 90 s after now, in some zone
    # THEN it waits 90 s
    assert parse_retry_after(header, NOW) == 90.0
