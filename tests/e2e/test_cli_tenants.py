"""Several tenants from the command line: --tenant, --all, --check --all, per-tenant sign-in.

The CLI runs as subprocesses; the real msal signs in against the fake identity platform over TLS,
each tenant's tokens go to its own entries in a real gnome-keyring; the simulator behind TLS
accepts only the platform's live tokens. The analyst is one home account, a guest in two
tenants (two tenant GUIDs, one user object).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from trayscore.auth.token_store import KeyringTokenStore, profile_for

from tests.fakes.browser import browser_env
from tests.fakes.identity import FakeIdentityPlatform
from tests.helpers.cli import private_environment, run_clean
from tests.helpers.sign_in import CLIENT_ID, run, sign_in_environment

CONTOSO = "11111111-2222-4333-8444-555555555555"
FABRIKAM = "66666666-7777-4888-9999-aaaaaaaaaaaa"


@pytest.fixture
def two_tenants(
    tmp_path: Path,
    identity_platform: FakeIdentityPlatform,
    secret_service: dict[str, str],
    guarded_api: str,
) -> dict[str, str]:
    """A user whose settings list Contoso and Fabrikam, sharing one app registration."""
    env = sign_in_environment(tmp_path / "user", identity_platform, secret_service, guarded_api)
    env |= browser_env(identity_platform.ca_file)  # a (fake) browser that signs the user in
    settings = Path(env["XDG_CONFIG_HOME"]) / "trayscore" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    entries = "".join(
        f'\n[[tenants]]\nname = "{name}"\ntenant = "{tenant}"\n'
        f'authority = "{identity_platform.authority_for(tenant)}"\n'
        for name, tenant in (("Contoso", CONTOSO), ("Fabrikam", FABRIKAM))
    )
    settings.write_text(f'client_id = "{CLIENT_ID}"\n{entries}', encoding="utf-8")
    return env


def keyring_cache(platform: FakeIdentityPlatform, tenant: str) -> str | None:
    """What the CLI left in gnome-keyring for one tenant's sign-in, read in-process."""
    from keyring.backends.SecretService import Keyring  # noqa: PLC0415

    profile = profile_for(platform.authority_for(tenant), CLIENT_ID)
    return KeyringTokenStore(Keyring(), profile).load()


def test_each_tenant_signs_in_on_its_own_and_all_are_read_in_one_command(
    two_tenants: dict[str, str], identity_platform: FakeIdentityPlatform
) -> None:
    env, platform = two_tenants, identity_platform
    # GIVEN two tenants, nobody signed in  WHEN a command needs one without saying which
    result = run(["score"], env)
    # THEN it names the tenants and how to choose (a usage error: exit 2)
    assert result.returncode == 2
    assert "The settings list 2 tenants (Contoso, Fabrikam): name one with --tenant" in (
        result.stderr
    )
    # WHEN the analyst signs in to Contoso alone
    result = run(["login", "--tenant", "contoso", "--timeout", "60"], env)
    assert result.returncode == 0, result.stderr
    assert "Signed in as analyst@contoso.example" in result.stdout
    # THEN only Contoso's sign-in is in the keyring
    assert keyring_cache(platform, CONTOSO) is not None
    assert keyring_cache(platform, FABRIKAM) is None
    # AND status says so per tenant, and exits 4 for the one still to sign in
    status = run(["status", "--json"], env)
    assert status.returncode == 4
    rows = json.loads(status.stdout)
    assert [(row["name"], row["signed_in"]) for row in rows] == [
        ("Contoso", True),
        ("Fabrikam", False),
    ]
    assert (
        "Fabrikam: Not signed in (cloud commercial); run `trayscore login --tenant Fabrikam`."
        in (run(["status"], env).stdout)
    )
    # WHEN every tenant is read as JSON
    result = run(["score", "--all", "--json"], env)
    # THEN each row names its tenant: Contoso's score, Fabrikam's sign-in error; exit 4
    contoso, fabrikam = json.loads(result.stdout)
    assert contoso["tenant"] == "Contoso"
    assert 0 <= contoso["score"] <= 100
    assert fabrikam["tenant"] == "Fabrikam"
    assert fabrikam["error"]["exit_code"] == 4
    assert result.returncode == 4
    # WHEN Fabrikam signs in too (the same home account, a guest there)
    result = run(["login", "--tenant", "Fabrikam", "--timeout", "60"], env)
    # THEN Contoso's sign-in is redeemed there: no browser
    assert result.returncode == 0, result.stderr
    assert "with the sign-in of another tenant, without a browser" in result.stdout
    assert f"(tenant {FABRIKAM})" in result.stdout
    assert platform.grants["authorization_code"] == 1
    # THEN each tenant has its own entries, and a monitoring check reads both
    assert keyring_cache(platform, FABRIKAM) not in {None, keyring_cache(platform, CONTOSO)}
    check = run(["score", "--check", "--all"], env)
    line = check.stdout.strip()
    assert line.startswith("EXPOSURE ")
    assert "worst: " in line
    assert "; 1 other: " in line
    perfdata = line.split(" | ", 1)[1].split()
    assert [item.split("=")[0] for item in perfdata] == ["'contoso'", "'fabrikam'"]
    assert all(item.endswith(";30;70;0;100") for item in perfdata)
    assert check.returncode in {0, 1, 2}
    # WHEN Contoso signs out  THEN Fabrikam stays signed in
    assert run(["logout", "--tenant", "Contoso"], env).returncode == 0
    assert keyring_cache(platform, CONTOSO) is None
    assert keyring_cache(platform, FABRIKAM) is not None
    result = run(["score", "--tenant", "Fabrikam", "--json"], env)
    assert result.returncode == 0, result.stderr


def test_a_tenant_that_fails_makes_the_check_unknown_with_u_as_its_value(
    two_tenants: dict[str, str],
) -> None:
    # GIVEN nobody signed in to either tenant
    # WHEN the monitoring check reads all
    check = run(["score", "--check", "--all"], two_tenants)
    # THEN both are unknown, the worst state is UNKNOWN (3), and each has a 'U' perfdata value
    assert check.returncode == 3
    line = check.stdout.strip()
    assert line.startswith("EXPOSURE UNKNOWN - worst: Contoso unknown (")
    assert line.endswith("| 'contoso'=U;30;70;0;100 'fabrikam'=U;30;70;0;100")


def test_an_unknown_tenant_name_lists_the_real_ones(two_tenants: dict[str, str]) -> None:
    result = run(["history", "--tenant", "Northwind"], two_tenants)
    assert result.returncode == 2
    assert "No tenant is named 'Northwind'; the tenants are: Contoso, Fabrikam." in result.stderr


def test_an_old_single_tenant_file_reads_with_all_as_a_list_of_one(
    tmp_path: Path,
    identity_platform: FakeIdentityPlatform,
    secret_service: dict[str, str],
    guarded_api: str,
) -> None:
    # GIVEN today's one-tenant settings (top-level keys), signed in
    env = sign_in_environment(tmp_path / "user", identity_platform, secret_service, guarded_api)
    env |= browser_env(identity_platform.ca_file)
    settings = Path(env["XDG_CONFIG_HOME"]) / "trayscore" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(
        f'tenant = "{CONTOSO}"\nclient_id = "{CLIENT_ID}"\n'
        f'authority = "{identity_platform.authority_for(CONTOSO)}"\n',
        encoding="utf-8",
    )
    assert run(["login", "--timeout", "60"], env).returncode == 0
    # WHEN it is read as every tenant, and as before
    every = run(["score", "--all", "--check"], env)
    one = run(["score", "--check"], env)
    # THEN --all reads the one tenant, named after it, with its perfdata
    assert f"'{CONTOSO}'=" in every.stdout
    assert every.returncode == one.returncode
    # AND the single reading is exactly as before: one line, "score=" perfdata
    assert " | score=" in one.stdout
    # AND status keeps its one JSON object
    assert isinstance(json.loads(run(["status", "--json"], env).stdout), dict)


def test_the_demo_works_with_every_reading_command(tmp_path: Path) -> None:
    # GIVEN a newcomer with no settings at all
    env = private_environment(tmp_path)
    # WHEN they try the demo's score, groups, history and status
    score = run_clean(["--demo", "score", "--json"], env)
    groups = run_clean(["--demo", "groups"], env)
    history = run_clean(["--demo", "history", "--json"], env)
    status = run_clean(["--demo", "status"], env)
    # THEN each answers from the simulator, marked as the demo's, with exit 0
    assert [r.returncode for r in (score, groups, history, status)] == [0, 0, 0, 0]
    reading = json.loads(score.stdout)
    assert reading["demo"] is True
    assert 0 <= reading["score"] <= 100
    assert groups.stdout.startswith("Device group")
    # AND the demo's reading went to the demo's own history, never to a tenant's
    assert json.loads(history.stdout)
    data = Path(env["XDG_DATA_HOME"]) / "trayscore"
    assert sorted(path.name for path in data.glob("*history*.json")) == ["demo-history.json"]
    assert "needs no sign-in" in status.stdout
    # AND no settings file was written
    assert not (Path(env["XDG_CONFIG_HOME"]) / "trayscore" / "settings.toml").exists()


def test_the_demo_simulates_several_tenants_for_monitoring(tmp_path: Path) -> None:
    # GIVEN no settings  WHEN the demo's five tenants are checked as monitoring would
    env = private_environment(tmp_path)
    check = run_clean(["--demo", "--tenants", "5", "score", "--check", "--all"], env)
    # THEN every band has a tenant, so the worst is high: CRITICAL (2), naming that tenant
    assert check.returncode == 2
    line = check.stdout.strip()
    assert line.startswith("EXPOSURE CRITICAL - worst: ")
    assert "; 4 others: " in line
    labels = [item.split("=")[0] for item in line.split(" | ", 1)[1].split()[::2]]
    assert labels[0] == "'contoso"  # "'contoso (demo)'": the label holds a space
    # AND as JSON each row names its demo tenant, and each has its own demo history
    rows = json.loads(
        run_clean(["--demo", "--tenants", "5", "score", "--all", "--json"], env).stdout
    )
    assert [row["tenant"] for row in rows] == [
        "Contoso (demo)", "Fabrikam (demo)", "Northwind (demo)", "Tailspin (demo)",
        "Woodgrove (demo)",
    ]  # fmt: skip
    data = Path(env["XDG_DATA_HOME"]) / "trayscore"
    assert len(list(data.glob("demo-history*.json"))) == 5
    # AND one tenant's 90 simulated days are there from the first run
    history = run_clean(
        ["--demo", "--tenants", "5", "history", "--tenant", "fabrikam", "--json"], env
    )
    assert len(json.loads(history.stdout)) > 100
    # AND --tenants without --demo is a usage error: real tenants live in the settings
    assert run(["--tenants", "3", "score"], env).returncode == 2
