"""The token store: chunked for Windows' limit, crash-safe, and never a plaintext file."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import zlib
from collections.abc import Callable

import keyring.core
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from keyring.backends.chainer import ChainerBackend
from keyring.backends.fail import Keyring as FailKeyring
from keyring.errors import InitError, NoKeyringError
from trayscore.auth.token_store import (
    CHUNK_CHARS,
    SERVICE,
    KeyringTokenStore,
    MemoryTokenStore,
    SecretStoreUnavailable,
    TokenStore,
    default_backend,
    open_token_store,
    profile_for,
    usable_backend,
)

from tests.fakes.memory_keyring import (
    Crash,
    CredentialTooLarge,
    MemoryKeyring,
    incompressible,
    msal_like_cache,
)

PROFILE = "0123456789abcdef"


def ours(backend: MemoryKeyring, profile: str = PROFILE) -> dict[str, str]:
    return {u: p for (s, u), p in backend.entries.items() if s == SERVICE and u.startswith(profile)}


def fail_keyring() -> FailKeyring:
    return FailKeyring()


def problem_of(store: KeyringTokenStore) -> str | None:
    """Read afresh: mypy would otherwise keep an earlier narrowing of the attribute."""
    return store.problem


def store_on(backend: MemoryKeyring, profile: str = PROFILE) -> KeyringTokenStore:
    return KeyringTokenStore(backend, profile)


# --- round trips and the Windows limit ---------------------------------------------------------


def test_the_fake_enforces_the_windows_limit() -> None:
    # GIVEN the in-memory keyring  WHEN one secret of 1,281 characters is stored  THEN error 1783
    backend = MemoryKeyring()
    backend.set_password(SERVICE, "fits", "x" * 1280)
    with pytest.raises(CredentialTooLarge):
        backend.set_password(SERVICE, "too-big", "x" * 1281)


@pytest.mark.parametrize(
    "data",
    [msal_like_cache(10_000), incompressible(100_000), "", '{"a": "é 漢字 🔑"}'],
    ids=["10KB-msal-like", "100KB-random", "empty", "unicode"],
)
def test_a_cache_round_trips_in_entries_of_at_most_1200_characters(data: str) -> None:
    # GIVEN a store on a keyring with Windows' limit
    backend = MemoryKeyring()
    # WHEN the cache is saved and loaded by a fresh store
    store_on(backend).save(data)
    loaded = store_on(backend).load()
    # THEN it comes back exactly, and no entry went over 1,200 characters
    assert loaded == data
    assert all(len(value) <= CHUNK_CHARS for value in backend.entries.values())
    assert backend.largest <= CHUNK_CHARS


def test_a_big_cache_is_split_and_entries_hold_only_the_payload_and_manifest() -> None:
    # GIVEN a 100 KB incompressible cache  WHEN saved
    backend = MemoryKeyring()
    data = incompressible(100_000)
    store_on(backend).save(data)
    # THEN it spans many chunks of one slot, plus one small manifest
    names = sorted(ours(backend))
    manifest = json.loads(ours(backend)[f"{PROFILE}/manifest"])
    assert set(manifest) == {"format", "gen", "chunks", "sha256"}
    assert manifest["chunks"] > 80
    assert len(names) == manifest["chunks"] + 1
    assert all(name.startswith((f"{PROFILE}/a/", f"{PROFILE}/manifest")) for name in names)
    payload = "".join(ours(backend)[f"{PROFILE}/a/{i}"] for i in range(manifest["chunks"]))
    assert zlib.decompress(base64.b64decode(payload)).decode() == data


def test_an_empty_keyring_loads_nothing_without_a_problem() -> None:
    store = store_on(MemoryKeyring())
    assert store.load() is None
    assert store.problem is None
    assert store.persistent is True


# --- crash safety ------------------------------------------------------------------------------

OLD = msal_like_cache(6_000, seed=3)
BIG = incompressible(9_000, seed=4)
SMALL = msal_like_cache(3_500, seed=5)


def writes_of_save(before: list[str], data: str) -> int:
    backend = MemoryKeyring()
    for earlier in before:
        store_on(backend).save(earlier)
    start = backend.writes
    store_on(backend).save(data)
    return backend.writes - start


def check_crash(before: list[str], new: str, crash_after: int, *, expect_crash: bool) -> None:
    # GIVEN a keyring holding the saves in `before`, and a crash at one write of the next save
    backend = MemoryKeyring()
    for earlier in before:
        store_on(backend).save(earlier)
    old = before[-1] if before else None
    backend.crash_at = backend.writes + crash_after
    with contextlib.suppress(Crash):
        store_on(backend).save(new)
    assert backend.crashed is expect_crash
    backend.restart()
    # WHEN a new process loads  THEN it gets exactly the old or the new cache, and no problem
    store = store_on(backend)
    loaded = store.load()
    assert store.problem is None
    assert loaded in {old, new}
    # AND the next save leaves only the manifest and its chunks: leftovers are cleaned up
    store.save(SMALL)
    manifest = json.loads(ours(backend)[f"{PROFILE}/manifest"])
    assert len(ours(backend)) == manifest["chunks"] + 1
    assert store_on(backend).load() == SMALL
    # AND clear() leaves nothing behind
    store.clear()
    assert backend.entries == {}


@pytest.mark.parametrize(
    ("before", "new"),
    [([], OLD), ([OLD], BIG), ([BIG], OLD), ([OLD, BIG], SMALL), ([BIG, SMALL, BIG], OLD)],
    ids=["first-save", "grow", "shrink", "third-save", "fourth-save"],
)
def test_a_crash_at_any_write_leaves_the_old_or_the_new_cache(before: list[str], new: str) -> None:
    total = writes_of_save(before, new)
    assert total > 3
    for crash_after in range(total + 1):
        check_crash(before, new, crash_after, expect_crash=crash_after < total)


def test_a_crash_during_clear_leaves_nothing_that_looks_damaged() -> None:
    # GIVEN a saved cache
    for crash_after in range(12):
        backend = MemoryKeyring()
        store_on(backend).save(BIG)
        backend.crash_at = backend.writes + crash_after
        # WHEN clear() crashes at some write
        with contextlib.suppress(Crash):
            store_on(backend).clear()
        backend.restart()
        # THEN the cache is either intact or gone, never "damaged"; the next clear empties it
        store = store_on(backend)
        assert store.load() in {BIG, None}
        assert store.problem is None
        store.clear()
        assert backend.entries == {}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    caches=st.lists(st.text(max_size=4000), min_size=1, max_size=4),
    new=st.text(max_size=4000) | st.builds(incompressible, st.integers(0, 6000)),
    crash_after=st.integers(0, 30),
)
def test_property_any_crash_point_leaves_old_or_new(
    caches: list[str], new: str, crash_after: int
) -> None:
    backend = MemoryKeyring()
    for cache in caches:
        store_on(backend).save(cache)
    backend.crash_at = backend.writes + crash_after
    with contextlib.suppress(Crash):
        store_on(backend).save(new)
    backend.restart()
    store = store_on(backend)
    assert store.load() in {caches[-1], new}
    assert store.problem is None


# --- clean-up and profiles ---------------------------------------------------------------------


def test_many_saves_keep_only_the_current_generation() -> None:
    # GIVEN many saves of shrinking and growing caches
    backend = MemoryKeyring()
    store = store_on(backend)
    for size in (9_000, 2_000, 30_000, 500, 12_000):
        store.save(incompressible(size, seed=size))
    # THEN only the manifest and the current chunks remain
    manifest = json.loads(ours(backend)[f"{PROFILE}/manifest"])
    assert manifest["gen"] == 4
    assert len(ours(backend)) == manifest["chunks"] + 1
    assert store.load() == incompressible(12_000, seed=12_000)


def test_clear_leaves_the_backend_empty_and_is_idempotent() -> None:
    backend = MemoryKeyring()
    store = store_on(backend)
    store.save(BIG)
    store.save(OLD)
    store.clear()
    assert backend.entries == {}
    store.clear()
    assert store.load() is None


def test_profiles_do_not_collide() -> None:
    # GIVEN two tenants' stores on one keyring
    backend = MemoryKeyring()
    one = profile_for("https://login.microsoftonline.com/tenant-one", "app")
    two = profile_for("https://login.microsoftonline.com/tenant-two", "app")
    store_on(backend, one).save("one")
    store_on(backend, two).save("two")
    # WHEN one is cleared  THEN the other is untouched
    store_on(backend, one).clear()
    assert store_on(backend, one).load() is None
    assert store_on(backend, two).load() == "two"
    assert all(name.startswith(two) for (_, name) in backend.entries)


def test_profile_for_is_stable_short_and_separates_apps_and_tenants() -> None:
    authority = "https://login.microsoftonline.com/contoso.onmicrosoft.com"
    profile = profile_for(authority, "04B07795-8DDB-461A-BBEE-02F9E1BF7B46")
    assert profile == profile_for(authority.upper() + "/", "04b07795-8ddb-461a-bbee-02f9e1bf7b46")
    assert len(profile) == 16
    assert int(profile, 16) >= 0
    assert profile != profile_for(authority, "another-app")
    assert profile != profile_for("https://login.microsoftonline.us/contoso", "04b07795")


def test_a_profile_with_a_slash_is_rejected() -> None:
    with pytest.raises(ValueError, match="profile"):
        KeyringTokenStore(MemoryKeyring(), "a/b")


# --- damage ------------------------------------------------------------------------------------


def rewrite_manifest(backend: MemoryKeyring, payload: str) -> None:
    """Store `payload` as slot a with a manifest whose checksum matches it."""
    backend.entries = {
        (SERVICE, f"{PROFILE}/a/0"): payload,
        (SERVICE, f"{PROFILE}/manifest"): json.dumps(
            {
                "format": 1,
                "gen": 0,
                "chunks": 1,
                "sha256": hashlib.sha256(payload.encode()).hexdigest(),
            }
        ),
    }


def set_manifest(backend: MemoryKeyring, **fields: object) -> None:
    key = (SERVICE, f"{PROFILE}/manifest")
    backend.entries[key] = json.dumps({**json.loads(backend.entries[key]), **fields})


def corrupt_missing_chunk(backend: MemoryKeyring) -> None:
    del backend.entries[SERVICE, f"{PROFILE}/a/2"]


def corrupt_changed_chunk(backend: MemoryKeyring) -> None:
    key = (SERVICE, f"{PROFILE}/a/1")
    backend.entries[key] = backend.entries[key][::-1]


def corrupt_manifest_not_json(backend: MemoryKeyring) -> None:
    backend.entries[SERVICE, f"{PROFILE}/manifest"] = "{not json"


def corrupt_manifest_not_object(backend: MemoryKeyring) -> None:
    backend.entries[SERVICE, f"{PROFILE}/manifest"] = "[1, 2]"


def corrupt_format_version(backend: MemoryKeyring) -> None:
    set_manifest(backend, format=2)


def corrupt_chunk_count_low(backend: MemoryKeyring) -> None:
    set_manifest(backend, chunks=2)


def corrupt_chunk_count_high(backend: MemoryKeyring) -> None:
    set_manifest(backend, chunks=40)


def corrupt_chunk_count_type(backend: MemoryKeyring) -> None:
    set_manifest(backend, chunks="5")


def corrupt_generation(backend: MemoryKeyring) -> None:
    set_manifest(backend, gen=-1)


def corrupt_checksum_field(backend: MemoryKeyring) -> None:
    set_manifest(backend, sha256="not-hex")


def corrupt_bad_base64(backend: MemoryKeyring) -> None:
    rewrite_manifest(backend, "@@@@ not base64 @@@@")


def corrupt_bad_zlib(backend: MemoryKeyring) -> None:
    rewrite_manifest(backend, base64.b64encode(b"definitely not zlib").decode())


def corrupt_not_utf8(backend: MemoryKeyring) -> None:
    rewrite_manifest(backend, base64.b64encode(zlib.compress(b"\xff\xfe\xfa")).decode())


def corrupt_not_ascii(backend: MemoryKeyring) -> None:
    rewrite_manifest(backend, "é")


@pytest.mark.parametrize(
    "corrupt",
    [
        corrupt_missing_chunk,
        corrupt_changed_chunk,
        corrupt_manifest_not_json,
        corrupt_manifest_not_object,
        corrupt_format_version,
        corrupt_chunk_count_low,
        corrupt_chunk_count_high,
        corrupt_chunk_count_type,
        corrupt_generation,
        corrupt_checksum_field,
        corrupt_bad_base64,
        corrupt_bad_zlib,
        corrupt_not_utf8,
        corrupt_not_ascii,
    ],
)
def test_a_damaged_cache_is_discarded_and_explained(
    corrupt: Callable[[MemoryKeyring], None],
) -> None:
    # GIVEN a saved 6 KB cache (five chunks), then damaged
    backend = MemoryKeyring()
    store_on(backend).save(incompressible(6_000))
    corrupt(backend)
    # WHEN a store loads it
    store = store_on(backend)
    # THEN nothing is returned, the user is told in one line, and every entry is removed
    assert store.load() is None
    assert store.problem is not None
    assert store.problem.startswith("The saved sign-in in the keyring was damaged")
    assert store.problem.endswith("has been discarded; sign in again.")
    assert "\n" not in store.problem
    assert backend.entries == {}
    # AND the next load is simply empty, and saving works again
    assert store.load() is None
    assert problem_of(store) is None
    store.save("fresh")
    assert store_on(backend).load() == "fresh"


def test_a_damaged_manifest_does_not_stop_the_next_save() -> None:
    backend = MemoryKeyring()
    store_on(backend).save(BIG)
    corrupt_manifest_not_json(backend)
    store_on(backend).save(SMALL)
    assert store_on(backend).load() == SMALL
    manifest = json.loads(ours(backend)[f"{PROFILE}/manifest"])
    assert len(ours(backend)) == manifest["chunks"] + 1


# --- an unusable keyring -----------------------------------------------------------------------


class RaisingBackend:
    """A backend whose every call raises ``error``."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


def test_a_locked_keyring_raises_secret_store_unavailable_with_a_helpful_message() -> None:
    # GIVEN a locked keyring
    backend = MemoryKeyring(locked=True)
    store = store_on(backend)
    # WHEN the store is used  THEN each call says the keyring is locked and what to do
    for call in (store.load, lambda: store.save("secret-token-data"), store.clear):
        with pytest.raises(SecretStoreUnavailable) as caught:
            call()
        assert "locked" in caught.value.message
        assert "sign-in lasts only until trayscore quits" in caught.value.message
        assert "gnome-keyring" in caught.value.message
        assert caught.value.__cause__ is None


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (NoKeyringError("No recommended backend was available."), "no keyring backend"),
        (InitError("Failed to create the collection"), "could not be opened"),
        (ConnectionRefusedError(111, "Connection refused"), "ConnectionRefusedError"),
    ],
)
def test_backend_errors_become_secret_store_unavailable(error: Exception, reason: str) -> None:
    store = KeyringTokenStore(RaisingBackend(error), PROFILE)
    with pytest.raises(SecretStoreUnavailable, match=reason):
        store.load()
    with pytest.raises(SecretStoreUnavailable, match=reason):
        store.clear()


class QuotingKeyring(MemoryKeyring):
    """Its write error quotes the secret, as a careless backend might."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise ValueError(f"cannot store {password}")


def test_an_error_quoting_the_secret_never_reaches_the_message() -> None:
    # GIVEN a backend whose error quotes what was being stored  WHEN a save fails
    with pytest.raises(SecretStoreUnavailable) as caught:
        store_on(QuotingKeyring()).save("refresh-token-SECRET")
    # THEN neither the message nor a chained exception carries it
    assert "SECRET" not in str(caught.value)
    assert "ValueError" in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_a_cache_too_large_for_the_keyring_is_refused_before_any_write() -> None:
    backend = MemoryKeyring()
    with pytest.raises(SecretStoreUnavailable, match="too large"):
        store_on(backend).save(incompressible(1_400_000))
    assert backend.writes == 0


def test_open_token_store_uses_a_working_keyring() -> None:
    backend = MemoryKeyring()
    store, warning = open_token_store(PROFILE, backend)
    assert warning is None
    assert isinstance(store, KeyringTokenStore)
    store.save("x")
    assert store_on(backend).load() == "x"


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (MemoryKeyring(locked=True), "locked"),
        (fail_keyring(), "no keyring backend"),
        (RaisingBackend(InitError("no collection")), "could not be opened"),
    ],
)
def test_open_token_store_falls_back_to_memory_with_a_warning(backend: object, reason: str) -> None:
    # GIVEN an unusable keyring  WHEN the store is opened
    store, warning = open_token_store(PROFILE, backend)  # type: ignore[arg-type]
    # THEN tokens live in memory for this run, and one line says why and what to do
    assert isinstance(store, MemoryTokenStore)
    assert warning is not None
    assert reason in warning
    assert "\n" not in warning
    assert "Secret Service" in warning


class PlaintextKeyring(MemoryKeyring):
    """Looks like keyrings.alt's file backend."""

    priority = 0.5


PlaintextKeyring.__module__ = "keyrings.alt.file"


def test_a_plaintext_file_backend_is_refused() -> None:
    # GIVEN keyrings.alt's plaintext backend  WHEN the store is opened on it
    backend = PlaintextKeyring()
    store, warning = open_token_store(PROFILE, backend)
    # THEN memory is used, the warning says why, and nothing was read or written
    assert isinstance(store, MemoryTokenStore)
    assert warning is not None
    assert "keyrings.alt" in warning
    assert backend.entries == {}
    with pytest.raises(SecretStoreUnavailable, match="files"):
        KeyringTokenStore(backend, PROFILE)


class Viable(MemoryKeyring):
    priority = 5


class EmptyChainer(ChainerBackend):
    backends = ()


class AltFirstChainer(ChainerBackend):
    backends = (PlaintextKeyring(), Viable())


def test_usable_backend_refuses_empty_chainers_and_unwraps_to_a_safe_member() -> None:
    empty = EmptyChainer()
    assert usable_backend(empty) == (None, "no keyring backend is available")
    chosen, reason = usable_backend(AltFirstChainer())
    assert reason is None
    assert isinstance(chosen, Viable)
    assert usable_backend(fail_keyring())[0] is None


def test_default_backend_refuses_the_fail_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN keyring found no backend  WHEN asked  THEN no backend, and why
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail_keyring())
    assert default_backend() == (None, "no keyring backend is available")
    store, warning = open_token_store(PROFILE)
    assert isinstance(store, MemoryTokenStore)
    assert warning is not None
    assert warning.startswith("No working keyring (no keyring backend is available)")


def test_default_backend_returns_keyrings_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = Viable()
    monkeypatch.setattr(keyring.core, "_keyring_backend", chosen)
    assert default_backend() == (chosen, None)


# --- memory ------------------------------------------------------------------------------------


def test_the_memory_store_keeps_data_in_this_process_only() -> None:
    store: TokenStore = MemoryTokenStore()
    assert store.persistent is False
    assert store.load() is None
    store.save("cache")
    assert store.load() == "cache"
    store.clear()
    assert store.load() is None
    assert MemoryTokenStore().load() is None
