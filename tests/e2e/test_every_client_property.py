"""Property: no server body or header makes any client raise anything but a TrayscoreError.

Every client (exposure, device secure score, device groups, Secure Score through Graph) meets
arbitrary statuses (206 with Graph's Warning header included), headers and JSON bodies shaped
like each endpoint's documented answer, over real HTTP from the loopback simulator.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from trayscore.core.errors import TrayscoreError
from trayscore.core.text import printable
from trayscore.simulator import Answer, Simulator
from trayscore.sources.device import DeviceSecureScoreSource
from trayscore.sources.exposure import ExposureScoreSource
from trayscore.sources.groups import ExposureByGroupSource
from trayscore.sources.http import StaticToken, make_session
from trayscore.sources.limits import HttpLimits
from trayscore.sources.secure_score import SecureScoreSource

from tests.conftest import FIXED_NOW, TEST_TOKEN

LIMITS = HttpLimits(connect_seconds=2, read_seconds=1, total_seconds=2, max_body_bytes=8192)
TOKENS = StaticToken(TEST_TOKEN)

leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(
        [
            "2019-12-03T09:51:28.214338Z",
            "2019-12-03T09:51:28.2143399Z",
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-14:00",
            "2019-13-03T00:00:00Z",
            "\x1b]0;title\x07",
        ]
    ),
)
value = st.recursive(
    leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner)
)
row = st.fixed_dictionaries(
    {},
    optional={
        "time": leaf,
        "score": leaf,
        "rbacGroupName": leaf,
        "rbacGroupId": leaf,
        "createdDateTime": leaf,
        "currentScore": leaf,
        "maxScore": leaf,
        "extra": value,
    },
)
bodies = st.one_of(
    row.map(lambda d: json.dumps(d).encode()),
    st.fixed_dictionaries(
        {"value": st.lists(row, max_size=4) | value},
        optional={"@odata.nextLink": st.text(max_size=40) | leaf},
    ).map(lambda d: json.dumps(d).encode()),
    value.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=200),
)
warnings = st.one_of(
    st.just('199 - "Microsoft/SecureScore/403/10"'),
    st.builds(
        lambda vendor, status: f'199 - "{vendor}/P/{status}/1"',
        st.text(max_size=10),
        st.integers(0, 999),
    ),
    st.text(max_size=40),
)
header_sets = st.lists(
    st.tuples(
        st.sampled_from(["Warning", "Retry-After", "Content-Type", "X-Note"]),
        warnings | st.sampled_from(["30", "-1", "Wed, 21 Oct 2015 07:28:00 GMT", "soon"]),
    ),
    max_size=2,
)
answers = st.builds(
    Answer,
    status=st.sampled_from([200, 200, 206, 206, 400, 401, 403, 404, 410, 429, 500, 503, 504]),
    body=bodies,
    headers=header_sets.map(tuple),
)
Client = Callable[[Simulator], Callable[[], object]]
CLIENTS: dict[str, Client] = {
    "exposure": lambda s: (
        ExposureScoreSource(
            s.url, TOKENS, make_session(), limits=LIMITS, clock=lambda: FIXED_NOW
        ).fetch
    ),
    "device": lambda s: (
        DeviceSecureScoreSource(
            s.url, TOKENS, make_session(), limits=LIMITS, clock=lambda: FIXED_NOW
        ).fetch
    ),
    "groups": lambda s: (
        ExposureByGroupSource(
            s.url, TOKENS, make_session(), limits=LIMITS, clock=lambda: FIXED_NOW
        ).fetch
    ),
    "secure-score": lambda s: (
        SecureScoreSource(
            f"{s.url}/v1.0", TOKENS, make_session(), limits=LIMITS, clock=lambda: FIXED_NOW
        ).fetch
    ),
    "secure-score-backfill": lambda s: (
        lambda: SecureScoreSource(
            f"{s.url}/v1.0", TOKENS, make_session(), limits=LIMITS, clock=lambda: FIXED_NOW
        ).snapshots(3)
    ),
}


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(client=st.sampled_from(sorted(CLIENTS)), answer=answers)
def test_no_answer_makes_a_client_raise_anything_but_its_own_errors(
    simulator: Simulator, client: str, answer: Answer
) -> None:
    # GIVEN the simulator answering the next request(s) with an arbitrary answer
    simulator.fail_always(answer)
    outcome: object
    try:
        # WHEN a client fetches
        outcome = CLIENTS[client](simulator)()
    except TrayscoreError as error:
        outcome = error
    finally:
        simulator.fail_always(None)
    if isinstance(outcome, TrayscoreError):
        # THEN a failure is one of ours: one line, no token, no control character
        event(f"{client}: {type(outcome).__name__}")
        assert "\n" not in outcome.message
        assert TEST_TOKEN not in outcome.message
        assert printable(outcome.message, len(outcome.message)) == outcome.message
        return
    event(f"{client}: answer")
    # THEN a success carries only printable group names
    for item in outcome if isinstance(outcome, list) else [outcome]:
        name = getattr(item, "name", "")
        assert printable(name, len(name)) == name
