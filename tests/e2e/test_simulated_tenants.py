"""Several simulated tenants over real HTTP: each under its own URL, with its own scores and
faults, read by the real clients."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from trayscore.core.bands import Band, band_of
from trayscore.core.errors import ServiceUnavailable, SignInRequired
from trayscore.simulator import Simulator, tenant_series
from trayscore.sources.exposure import ExposureScoreSource
from trayscore.sources.groups import ExposureByGroupSource
from trayscore.sources.http import StaticToken, make_session
from trayscore.sources.limits import HttpLimits
from trayscore.sources.secure_score import SecureScoreSource

from tests.conftest import FIXED_NOW, TEST_TOKEN
from tests.helpers.cli import UNTRANSLATED, private_environment, run, simulation

QUICK = HttpLimits(connect_seconds=2, read_seconds=2, total_seconds=4)
SEED = 5


@pytest.fixture
def three() -> Iterator[Simulator]:
    """Three tenants at one moment (step 0, FIXED_NOW), accepting only TEST_TOKEN."""
    with Simulator(
        seed=SEED, token=TEST_TOKEN, tenants=3, monotonic=lambda: 0.0, wall=lambda: FIXED_NOW
    ) as running:
        yield running


def exposure(url: str) -> ExposureScoreSource:
    return ExposureScoreSource(url, StaticToken(TEST_TOKEN), make_session(), limits=QUICK)


def get(url: str) -> requests.Response:
    headers = {"Authorization": f"Bearer {TEST_TOKEN}"}
    return make_session().get(url, headers=headers, timeout=5)


def test_each_tenant_serves_its_own_score_under_its_own_url(three: Simulator) -> None:
    # GIVEN three simulated tenants
    expected = [series.at(0) for series in tenant_series(SEED, 3)]
    # WHEN the exposure score client reads each tenant's URL
    scores = [exposure(three.tenant_url(number)).fetch().score for number in (1, 2, 3)]
    # THEN each reads its own series, and the three are low, medium and high
    assert scores == expected
    assert {band_of(score) for score in scores} == set(Band)
    assert [three.score(number) for number in (1, 2, 3)] == expected
    # AND the root URL is tenant 1's, as it always was
    assert exposure(three.url).fetch().score == expected[0]
    assert three.tenant_url(2) == f"{three.url}/tenants/2"
    assert three.tenants == 3


def test_each_tenant_has_its_own_groups_and_secure_scores(three: Simulator) -> None:
    # GIVEN three tenants
    def groups(number: int) -> list[float]:
        source = ExposureByGroupSource(
            three.tenant_url(number), StaticToken(TEST_TOKEN), make_session(), limits=QUICK
        )
        return [group.score for group in source.fetch()]

    def secure(number: int) -> SecureScoreSource:
        url = f"{three.tenant_url(number)}/v1.0"
        return SecureScoreSource(url, StaticToken(TEST_TOKEN), make_session(), limits=QUICK)

    # WHEN each tenant's groups and 90 days of Secure Score are read
    # THEN they differ between tenants
    assert len({tuple(groups(number)) for number in (1, 2, 3)}) == 3
    pasts = [secure(number).snapshots() for number in (1, 2, 3)]
    assert len({tuple(reading.score for reading in past) for past in pasts}) == 3
    assert all(len(past) == 90 for past in pasts)
    # AND Graph names each tenant by its own ID
    top = "/v1.0/security/secureScores?$top=1"
    ids = {
        get(f"{url}{top}").json()["value"][0]["azureTenantId"]
        for url in (three.url, *map(three.tenant_url, (2, 3)))
    }
    assert len(ids) == 3


def test_graph_next_links_stay_under_the_tenants_url() -> None:
    # GIVEN two tenants whose Graph pages by 7 snapshots, and the same two unpaged
    def simulator(page: int | None) -> Simulator:
        return Simulator(
            seed=SEED, token=TEST_TOKEN, tenants=2, graph_page_size=page, wall=lambda: FIXED_NOW
        )

    def snapshots(running: Simulator, number: int) -> list[float]:
        url = f"{running.tenant_url(number)}/v1.0"
        source = SecureScoreSource(url, StaticToken(TEST_TOKEN), make_session(), limits=QUICK)
        return [reading.score for reading in source.snapshots(20)]

    with simulator(7) as paged, simulator(None) as whole:
        # WHEN tenant 2's snapshots are asked for  THEN the next page is tenant 2's too
        link = get(f"{paged.tenant_url(2)}/v1.0/security/secureScores?$top=20").json()
        assert link["@odata.nextLink"].startswith(f"{paged.tenant_url(2)}/v1.0/security/")
        # AND following the links reads tenant 2's snapshots, as one page does, not tenant 1's
        assert snapshots(paged, 2) == snapshots(whole, 2)
        assert snapshots(paged, 2) != snapshots(whole, 1)


def test_one_tenant_can_need_sign_in_and_another_fail_while_the_rest_answer(
    three: Simulator,
) -> None:
    # GIVEN tenant 2 refusing the token and tenant 3 failing, for every request
    three.fail_always("unauthorized", tenant=2)
    three.fail_always("server-error", tenant=3)
    # WHEN each tenant is read
    # THEN tenant 2 needs sign-in, tenant 3 is unavailable, and tenant 1 answers as usual
    with pytest.raises(SignInRequired):
        exposure(three.tenant_url(2)).fetch()
    with pytest.raises(ServiceUnavailable):
        exposure(three.tenant_url(3)).fetch()
    assert exposure(three.tenant_url(1)).fetch().score == three.score(1)
    assert exposure(three.url).fetch().score == three.score(1)
    # AND once cleared, tenant 2 answers again while tenant 3 still fails
    three.fail_always(None, tenant=2)
    assert exposure(three.tenant_url(2)).fetch().score == three.score(2)
    assert get(f"{three.tenant_url(3)}/api/exposureScore").status_code == 500


def test_a_script_is_the_tenants_it_was_given_to_and_tenant_one_is_the_default(
    three: Simulator,
) -> None:
    # GIVEN one scripted failure for tenant 3, and one with no tenant named
    three.script("unavailable", tenant=3)
    three.script("forbidden")
    # WHEN tenant 2 is read, then tenant 3 and tenant 1 (at the root or its own URL)
    assert get(f"{three.tenant_url(2)}/api/exposureScore").status_code == 200
    assert get(f"{three.tenant_url(3)}/api/exposureScore").status_code == 503
    assert get(f"{three.tenant_url(1)}/api/exposureScore").status_code == 403
    # THEN each scripted answer went to its tenant once, then all is normal
    assert get(f"{three.url}/api/exposureScore").status_code == 200
    assert get(f"{three.tenant_url(3)}/api/exposureScore").status_code == 200


def test_a_tenant_that_is_not_served_is_not_found(three: Simulator) -> None:
    # GIVEN three tenants  WHEN a fourth, a zeroth or a padded number is asked for
    for path in (
        "/tenants/4/api/exposureScore",
        "/tenants/0/api/exposureScore",
        "/tenants/01/api/exposureScore",
        "/tenants/x/api/exposureScore",
        "/tenants/2",
    ):
        # THEN the answer is a documented 404, counted like any request
        answer = get(f"{three.url}{path}")
        assert answer.status_code == 404, path
        assert answer.json()["error"]["code"] == "ResourceNotFound"
    assert three.requests_served == 5
    # AND the simulator refuses to name or script a tenant it does not serve
    with pytest.raises(ValueError, match="no tenant 4"):
        three.tenant_url(4)
    with pytest.raises(ValueError, match="no tenant 0"):
        three.fail_always("unauthorized", tenant=0)


def test_the_simulated_past_ends_near_what_the_tenant_serves_now(three: Simulator) -> None:
    # GIVEN three tenants  WHEN each one's 90 days are asked for
    for number in (1, 2, 3):
        past = three.past_readings(number, FIXED_NOW)
        # THEN they run over 90 days up to now, into the score the tenant serves
        assert past[0].time == FIXED_NOW - timedelta(days=90)
        assert past[-1].time < FIXED_NOW
        assert abs(past[-1].score - three.score(number)) <= 2.0


def test_trayscore_simulate_serves_three_tenants_each_at_the_url_it_prints(tmp_path: Path) -> None:
    # GIVEN `trayscore simulate --tenants 3` in its own process (one step an hour: step 0 now)
    env = private_environment(tmp_path, also_hide=UNTRANSLATED)
    args = ["--seed", str(SEED), "--token", TEST_TOKEN, "--step-seconds", "3600"]
    with simulation([*args, "--tenants", "3"], env, tenants=3) as running:
        # THEN after its banner it printed each tenant's base URL
        assert running.tenant_urls == tuple(f"{running.url}/tenants/{n}" for n in (1, 2, 3))
        # WHEN `trayscore score --json` reads each tenant's URL
        scores = []
        for url in running.tenant_urls:
            reading = env | {"TRAYSCORE_API_URL": url, "TRAYSCORE_ACCESS_TOKEN": TEST_TOKEN}
            result = run(["score", "--json"], reading)
            assert result.returncode == 0, result.stderr
            scores.append(json.loads(result.stdout)["score"])
        # THEN each reads its own tenant's score: one low, one medium, one high
        assert scores == [series.at(0) for series in tenant_series(SEED, 3)]
        assert {band_of(score) for score in scores} == set(Band)


def test_trayscore_simulate_refuses_a_number_of_tenants_it_cannot_serve(tmp_path: Path) -> None:
    env = private_environment(tmp_path, also_hide=UNTRANSLATED)
    for wrong in ("0", "101", "three", "-2"):
        result = run(["simulate", "--tenants", wrong], env)
        assert result.returncode == 2, wrong
        assert "is not a number of tenants (1 to 100)" in result.stderr
