"""The token store against a real gnome-keyring Secret Service on a private D-Bus bus."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
import secretstorage
from keyring.backends.SecretService import Keyring as SecretServiceKeyring
from trayscore.auth.token_store import (
    CHUNK_CHARS,
    SERVICE,
    KeyringTokenStore,
    MemoryTokenStore,
    SecretBackend,
    SecretStoreUnavailable,
    open_token_store,
    profile_for,
)

from tests.fakes.memory_keyring import incompressible, msal_like_cache
from tests.fakes.secret_service import require_binaries, running_secret_service

PROFILE = profile_for("https://login.microsoftonline.com/contoso.onmicrosoft.com", "app")
CACHE = msal_like_cache(10_000)
TIMEOUT = 60


def secret_service_backend() -> SecretBackend:
    """A fresh backend: keyring's global one was chosen before the private bus existed."""
    return SecretServiceKeyring()


def our_items() -> dict[str, str]:
    """Every item with service=trayscore in the Secret Service, by username."""
    with closing(secretstorage.dbus_init()) as connection:
        items = secretstorage.search_items(connection, {"service": SERVICE})
        return {item.get_attributes()["username"]: item.get_secret().decode() for item in items}


def run_python(code: str, env: dict[str, str], stdin: str = "") -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=stdin,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_10kb_cache_round_trips_through_gnome_keyring(secret_service: dict[str, str]) -> None:
    # GIVEN a real, unlocked gnome-keyring
    # WHEN a 10 KB cache is saved, then loaded by a store on a fresh connection
    KeyringTokenStore(secret_service_backend(), PROFILE).save(CACHE)
    store = KeyringTokenStore(secret_service_backend(), PROFILE)
    # THEN it comes back exactly, stored as a manifest plus chunks of at most 1,200 characters
    assert store.load() == CACHE
    assert store.problem is None
    items = our_items()
    assert f"{PROFILE}/manifest" in items
    assert len(items) >= 3
    assert all(name.startswith(f"{PROFILE}/") for name in items)
    assert all(len(secret) <= CHUNK_CHARS for secret in items.values())
    assert "AccessToken" not in "".join(items.values())


def test_clear_leaves_no_entry_of_ours_and_spares_other_apps(
    secret_service: dict[str, str],
) -> None:
    # GIVEN two saves (both slots used) and another application's secret
    backend = secret_service_backend()
    backend.set_password("other-app", "user", "keep me")
    store = KeyringTokenStore(backend, PROFILE)
    store.save(incompressible(20_000))
    store.save(CACHE)
    # WHEN the store is cleared
    store.clear()
    # THEN no item with service=trayscore is left, and the other secret is untouched
    assert our_items() == {}
    assert backend.get_password("other-app", "user") == "keep me"
    assert store.load() is None


def test_separate_processes_share_the_cache_through_the_default_backend(
    secret_service: dict[str, str],
) -> None:
    # GIVEN a process that opens the store the way the app does (keyring's own backend choice)
    save = (
        "import sys\n"
        "from trayscore.auth.token_store import KeyringTokenStore, open_token_store\n"
        f"store, warning = open_token_store({PROFILE!r})\n"
        "assert warning is None, warning\n"
        "assert isinstance(store, KeyringTokenStore), store\n"
        "store.save(sys.stdin.read())\n"
    )
    run_python(save, secret_service, stdin=CACHE)
    # WHEN another process loads it  THEN it reads the same cache
    load = (
        "import hashlib\n"
        "from trayscore.auth.token_store import open_token_store\n"
        f"store, _ = open_token_store({PROFILE!r})\n"
        "print(hashlib.sha256(store.load().encode()).hexdigest())\n"
    )
    assert run_python(load, secret_service) == hashlib.sha256(CACHE.encode()).hexdigest()


def test_a_locked_keyring_raises_secret_store_unavailable(
    locked_secret_service: dict[str, str],
) -> None:
    # GIVEN gnome-keyring with its default collection locked (no prompt can unlock it headless)
    store = KeyringTokenStore(secret_service_backend(), PROFILE)
    # WHEN the store is used  THEN each call says the keyring is locked, never a raw D-Bus error
    for call in (store.load, lambda: store.save(CACHE), store.clear):
        with pytest.raises(SecretStoreUnavailable, match="the keyring is locked"):
            call()
    # AND opening the store falls back to memory with that warning
    opened, warning = open_token_store(PROFILE, secret_service_backend())
    assert isinstance(opened, MemoryTokenStore)
    assert warning is not None
    assert "locked" in warning


def test_a_locked_keyring_in_a_subprocess_falls_back_to_memory(
    locked_secret_service: dict[str, str],
) -> None:
    code = (
        "from trayscore.auth.token_store import open_token_store\n"
        f"store, warning = open_token_store({PROFILE!r})\n"
        "print(type(store).__name__, '|', warning)\n"
    )
    kind, warning = run_python(code, locked_secret_service).split(" | ")
    assert kind == "MemoryTokenStore"
    assert warning.startswith("No working keyring (the keyring is locked)")


@pytest.fixture
def short_folder() -> Iterator[Path]:
    require_binaries()
    with tempfile.TemporaryDirectory(prefix="ts-ss-") as folder:
        yield Path(folder)


def processes_on(address: str) -> list[int]:
    """Pids of processes whose environment names the bus ``address`` (Linux /proc)."""
    found = []
    needle = f"DBUS_SESSION_BUS_ADDRESS={address}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def test_the_secret_service_stops_without_orphans_and_the_store_then_reports_it(
    short_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a store that worked on a running Secret Service
    with running_secret_service(short_folder) as env:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        backend = secret_service_backend()
        store = KeyringTokenStore(backend, PROFILE)
        store.save("cache")
        assert processes_on(env["DBUS_SESSION_BUS_ADDRESS"])
    # WHEN the daemons are gone  THEN no process of theirs is left
    assert processes_on(env["DBUS_SESSION_BUS_ADDRESS"]) == []
    # AND the store says the keyring is unusable instead of leaking a D-Bus exception
    with pytest.raises(SecretStoreUnavailable, match="No working keyring"):
        store.load()
    opened, warning = open_token_store(PROFILE, backend)
    assert isinstance(opened, MemoryTokenStore)
    assert warning is not None
