"""Property: nothing the simulator can answer makes the client raise anything but its own errors."""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from trayscore.core.errors import TrayscoreError
from trayscore.core.models import Reading
from trayscore.simulator import Answer, Simulator
from trayscore.sources.exposure import ExposureScoreSource
from trayscore.sources.http import StaticToken, make_session
from trayscore.sources.limits import HttpLimits

from tests.conftest import FIXED_NOW, TEST_TOKEN

LIMITS = HttpLimits(connect_seconds=2, read_seconds=1, total_seconds=2, max_body_bytes=4096)

json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["2019-12-03T07:23:53.2804990Z", "2019-12-03T07:23:53Z", "2019-12-03"]),
)
json_value = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
instants = st.sampled_from(
    ["2019-12-03T07:23:53.2804990Z", "2026-01-01T00:00:00+01:00", "2019-12-03T07:23:53"]
)
score_like = st.fixed_dictionaries(
    {},
    optional={
        "score": st.floats(min_value=-5, max_value=105) | st.integers(0, 100) | json_value,
        "time": instants | json_value,
        "@odata.context": st.text(max_size=20),
    },
)
bodies = st.one_of(
    score_like.map(lambda d: json.dumps(d).encode()),
    score_like.map(lambda d: json.dumps(d).encode()),
    json_value.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=300),
    st.sampled_from(
        [b"NaN", b'{"score": Infinity, "time": "2019-12-03T07:23:53Z"}', b"[" * 5000, b"1e999"]
    ),
    st.just(b"x" * 5000),
)
header_value = st.text(alphabet=string.printable.strip() + " ", max_size=40)
headers: st.SearchStrategy[list[tuple[str, str]]] = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "Retry-After",
                "Content-Type",
                "Content-Encoding",
                "Transfer-Encoding",
                "Content-Length",
                "X-Note",
                "Location",
            ]
        ),
        st.one_of(
            header_value,
            st.sampled_from(["gzip", "chunked", "deflate", "-1", "abc", "99999999999", "0"]),
        ),
    ),
    max_size=3,
) | st.just([])
plausible = st.builds(
    Answer,
    status=st.just(200),
    body=st.fixed_dictionaries(
        {"score": st.floats(min_value=-1, max_value=101), "time": instants}
    ).map(lambda d: json.dumps(d).encode()),
)
wild = st.builds(
    Answer,
    status=st.just(200)
    | st.sampled_from([204, 301, 401, 403, 404, 410, 429, 500, 503])
    | st.integers(200, 599),
    body=bodies,
    headers=headers.map(tuple),
    cut_short=st.sampled_from([False, False, False, True]),
)
answers = plausible | wild


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answer=answers)
def test_any_answer_gives_a_reading_or_a_typed_error(simulator: Simulator, answer: Answer) -> None:
    # GIVEN the simulator scripted with an arbitrary status, headers and body
    simulator.script(answer)
    source = ExposureScoreSource(
        simulator.url,
        StaticToken(TEST_TOKEN),
        make_session(),
        limits=LIMITS,
        clock=lambda: FIXED_NOW,
    )
    # WHEN the client fetches
    try:
        reading = source.fetch()
    except TrayscoreError as error:
        event(type(error).__name__)
        # THEN a failure is one of ours, on one line, without the token
        message = error.message
        assert "\n" not in message
        assert TEST_TOKEN not in message
        return
    # THEN a success is a valid reading
    event("Reading")
    assert isinstance(reading, Reading)
    assert 0.0 <= reading.score <= 100.0
    assert reading.time.tzinfo is not None
