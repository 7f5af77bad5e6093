from datetime import UTC, datetime, timedelta

import pytest
from trayscore.timeparse import MAX_RETRY_AFTER_SECONDS, parse_instant, parse_retry_after

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
