"""Sign-in end to end: the CLI as subprocesses, the real msal against the fake identity platform
over TLS, tokens in a real gnome-keyring, the score from the simulator guarding its tokens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from trayscore.auth.token_store import KeyringTokenStore, profile_for
from trayscore.simulator import Simulator

from tests.fakes.browser import browser_env
from tests.fakes.identity import FakeIdentityPlatform
from tests.helpers.cli import private_environment
from tests.helpers.sign_in import CLIENT_ID, TOKEN_PATTERNS, run, sign_in_environment

TENANT = "contoso.example"


@pytest.fixture
def env(
    tmp_path: Path,
    identity_platform: FakeIdentityPlatform,
    secret_service: dict[str, str],
    guarded_api: str,
) -> dict[str, str]:
    """A process environment: private folders and keyring, the fake authority, its CA."""
    environ = sign_in_environment(tmp_path / "user", identity_platform, secret_service, guarded_api)
    environ |= {
        "TRAYSCORE_AUTHORITY": identity_platform.authority_for(TENANT),
        "TRAYSCORE_CLIENT_ID": CLIENT_ID,
    }
    return environ


def login_with_device_code(env: dict[str, str], platform: FakeIdentityPlatform) -> None:
    platform.auto_approve_after_polls = 1
    result = run(["login", "--device-code"], env)
    assert result.returncode == 0, result.stderr
    assert "enter the code" in result.stdout
    assert "Signed in as analyst@contoso.example" in result.stdout
    assert "kept in the OS keyring" in result.stdout


def keyring_store(platform: FakeIdentityPlatform) -> KeyringTokenStore:
    """The store the CLI used, read in-process from the same gnome-keyring."""
    from keyring.backends.SecretService import Keyring  # noqa: PLC0415

    profile = profile_for(platform.authority_for(TENANT), CLIENT_ID)
    return KeyringTokenStore(Keyring(), profile)


def cached_refresh_tokens(store: KeyringTokenStore) -> list[str]:
    data = store.load()
    assert data is not None
    return [entry["secret"] for entry in json.loads(data).get("RefreshToken", {}).values()]


def assert_no_token_in_files(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            assert not TOKEN_PATTERNS.search(text), path


def test_device_code_login_then_score_in_a_new_process(
    env: dict[str, str], identity_platform: FakeIdentityPlatform, tmp_path: Path
) -> None:
    # GIVEN a device-code sign-in in one process
    login_with_device_code(env, identity_platform)
    # WHEN another process asks for the score
    result = run(["score", "--json"], env)
    # THEN it uses the cached token, with no new sign-in
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "exposure-score"
    assert identity_platform.grants["device_code"] == 1
    assert identity_platform.grants["refresh_token"] == 0
    # AND status names the account and the expiry, never a token
    status = run(["status", "--json"], env)
    assert status.returncode == 0
    info = json.loads(status.stdout)
    assert info["account"] == "analyst@contoso.example"
    assert info["token_store"] == "keyring"
    assert 55 <= info["access_token_expires_in_minutes"] <= 60
    assert "expires in" in run(["status"], env).stdout
    # AND no token is in any file anywhere under the test's folders
    assert_no_token_in_files(tmp_path)


def test_expiry_refreshes_silently_and_writes_the_rotated_token_back(
    env: dict[str, str], identity_platform: FakeIdentityPlatform
) -> None:
    # GIVEN access tokens that msal treats as expired at once (under 5 minutes left)
    identity_platform.expires_in = 60
    login_with_device_code(env, identity_platform)
    store = keyring_store(identity_platform)
    first = cached_refresh_tokens(store)
    # WHEN two later processes read the score
    for _ in range(2):
        assert run(["score", "--json"], env).returncode == 0
    # THEN each refreshed silently, and the rotated refresh token was written back each time
    # (the strict fake invalidates a used refresh token, so a stale cache would fail the second)
    assert identity_platform.grants["refresh_token"] == 2
    latest = cached_refresh_tokens(store)
    assert latest != first
    assert all(identity_platform.is_valid_refresh_token(token) for token in latest)


def test_a_401_forces_one_refresh_and_one_retry(
    env: dict[str, str], identity_platform: FakeIdentityPlatform, guarded_simulator: Simulator
) -> None:
    login_with_device_code(env, identity_platform)
    # GIVEN the API refuses the (still unexpired) cached token once
    guarded_simulator.script("unauthorized")
    # WHEN the score is read  THEN a forced refresh and one retry succeed
    result = run(["score", "--json"], env)
    assert result.returncode == 0, result.stderr
    assert identity_platform.grants["refresh_token"] == 1


def test_a_revoked_sign_in_asks_to_sign_in_again_and_keeps_the_account(
    env: dict[str, str], identity_platform: FakeIdentityPlatform
) -> None:
    identity_platform.expires_in = 60
    login_with_device_code(env, identity_platform)
    # GIVEN an administrator revoked the user's sessions
    identity_platform.revoke_all(include_access_tokens=True)
    # WHEN the score is read
    result = run(["score"], env)
    # THEN the user is told to sign in again, and the account is not silently forgotten
    assert result.returncode == 4
    assert "expired or was revoked" in result.stderr
    assert "invalid_grant" in result.stderr
    assert json.loads(run(["status", "--json"], env).stdout)["account"] == "analyst@contoso.example"


def test_interactive_login_through_the_system_browser(
    env: dict[str, str], identity_platform: FakeIdentityPlatform
) -> None:
    # GIVEN a (fake) system browser that signs the user in
    env |= browser_env(identity_platform.ca_file)
    # WHEN the user runs `trayscore login`
    result = run(["login", "--timeout", "60"], env)
    # THEN the authorization code with PKCE is redeemed and tokens land in the keyring
    assert result.returncode == 0, result.stderr
    assert "Signed in as analyst@contoso.example" in result.stdout
    assert identity_platform.grants["authorization_code"] == 1
    assert run(["score", "--json"], env).returncode == 0


def test_cancelling_in_the_browser_is_a_clear_message(
    env: dict[str, str], identity_platform: FakeIdentityPlatform
) -> None:
    env |= browser_env(identity_platform.ca_file, cancel=True)
    result = run(["login", "--timeout", "60"], env)
    assert result.returncode == 4
    assert "cancelled or declined" in result.stderr
    assert identity_platform.grants["authorization_code"] == 0


def test_a_browser_that_never_answers_times_out(env: dict[str, str]) -> None:
    env["BROWSER"] = "true %s"  # "opens", then nothing ever comes back
    result = run(["login", "--timeout", "1"], env)
    assert result.returncode == 4
    assert "did not finish within 1 s" in result.stderr


def test_setup_goes_from_no_settings_to_a_signed_in_score(
    env: dict[str, str], identity_platform: FakeIdentityPlatform, tmp_path: Path
) -> None:
    # GIVEN a new user with no client ID anywhere (sign-in goes to the fake platform's authority)
    del env["TRAYSCORE_CLIENT_ID"]
    assert run(["status"], env).returncode == 3  # not set up
    identity_platform.auto_approve_after_polls = 1
    # WHEN they run setup, type the tenant and client ID, keep the cloud, and use a device code
    result = run(["setup", "--device-code"], env, answers=f"{TENANT}\n{CLIENT_ID}\n\n")
    # THEN the values are saved and the same command signs them in, into the keyring
    assert result.returncode == 0, result.stderr
    assert "Saved to " in result.stdout
    assert "enter the code" in result.stdout
    assert "Signed in as analyst@contoso.example" in result.stdout
    assert "kept in the OS keyring" in result.stdout
    # AND the next command reads the score with that sign-in, and no token is in any file
    assert run(["score", "--json"], env).returncode == 0
    assert identity_platform.grants["device_code"] == 1
    assert_no_token_in_files(tmp_path)


def test_no_browser_falls_back_to_a_device_code(
    env: dict[str, str], identity_platform: FakeIdentityPlatform
) -> None:
    identity_platform.auto_approve_after_polls = 1
    result = run(["login"], env)  # BROWSER=false: no browser can open
    assert result.returncode == 0, result.stderr
    assert "using a device code instead" in result.stdout
    assert identity_platform.grants["device_code"] == 1


def test_an_expired_device_code_says_start_again(
    env: dict[str, str], identity_platform: FakeIdentityPlatform
) -> None:
    identity_platform.device_code_expires_in = 1
    result = run(["login", "--device-code"], env)
    assert result.returncode == 4
    assert "device code expired" in result.stderr


def test_logout_removes_every_keyring_entry(
    env: dict[str, str], identity_platform: FakeIdentityPlatform
) -> None:
    login_with_device_code(env, identity_platform)
    result = run(["logout"], env)
    assert result.returncode == 0
    assert "Signed out analyst@contoso.example" in result.stdout
    # THEN nothing of trayscore's is left in the keyring collection
    import secretstorage  # noqa: PLC0415

    with secretstorage.dbus_init() as connection:
        collection = secretstorage.get_default_collection(connection)
        assert list(collection.search_items({"service": "trayscore"})) == []
    assert run(["score"], env).returncode == 4


def test_a_damaged_cache_in_the_keyring_is_reported_and_discarded(
    env: dict[str, str], identity_platform: FakeIdentityPlatform
) -> None:
    login_with_device_code(env, identity_platform)
    # GIVEN the first chunk of the stored cache overwritten with garbage
    from keyring.backends.SecretService import Keyring  # noqa: PLC0415

    backend = Keyring()
    profile = profile_for(identity_platform.authority_for(TENANT), CLIENT_ID)
    manifest = json.loads(backend.get_password("trayscore", f"{profile}/manifest") or "{}")
    slot = "ab"[manifest["gen"] % 2]
    assert backend.get_password("trayscore", f"{profile}/{slot}/0")
    backend.set_password("trayscore", f"{profile}/{slot}/0", "garbage")
    # WHEN the score is read  THEN the user learns why sign-in is needed
    result = run(["score"], env)
    assert result.returncode == 4
    assert "damaged" in result.stderr
    assert "Not signed in" in result.stderr


def test_without_a_keyring_tokens_stay_in_memory_and_the_user_is_told(
    env: dict[str, str], identity_platform: FakeIdentityPlatform, tmp_path: Path
) -> None:
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    identity_platform.auto_approve_after_polls = 1
    result = run(["login", "--device-code"], env)
    assert result.returncode == 0, result.stderr
    assert "No working keyring" in result.stderr
    assert "kept in memory only" in result.stdout
    # AND the next process is not signed in: nothing was written anywhere
    assert run(["score"], env).returncode == 4
    # AND login says it again the same day, where other commands tell it once a day
    assert "No working keyring" in run(["login", "--device-code"], env).stderr
    assert_no_token_in_files(tmp_path)


def test_a_locked_keyring_falls_back_to_memory(
    tmp_path: Path,
    identity_platform: FakeIdentityPlatform,
    locked_secret_service: dict[str, str],
    guarded_api: str,
) -> None:
    environ = private_environment(tmp_path / "user") | locked_secret_service
    environ |= {
        "REQUESTS_CA_BUNDLE": identity_platform.ca_file,
        "TRAYSCORE_AUTHORITY": identity_platform.authority_for(TENANT),
        "TRAYSCORE_CLIENT_ID": CLIENT_ID,
        "TRAYSCORE_API_URL": guarded_api,
    }
    identity_platform.auto_approve_after_polls = 1
    result = run(["login", "--device-code"], environ)
    assert result.returncode == 0, result.stderr
    assert "keyring" in result.stderr.lower()
    assert "kept in memory only" in result.stdout
    assert_no_token_in_files(tmp_path)
