"""An in-memory keyring backend (Windows size limit, crash injection, lock) and sample caches."""

from __future__ import annotations

import base64
import json
import random

from keyring.errors import KeyringLocked, PasswordDeleteError

WINDOWS_SECRET_BYTES = 2560
"""Credential Manager's limit; keyring stores UTF-16-LE, so about 1,280 characters."""


class CredentialTooLarge(OSError):
    """What pywin32 raises for an oversized secret: error 1783."""

    def __init__(self) -> None:
        super().__init__(1783, "CredWrite", "The stub received bad data.")


class Crash(BaseException):
    """The process died at this write: a BaseException, so no ``except Exception`` swallows it."""


class MemoryKeyring:
    """Entries in a dict. ``crash_at=N`` kills the N-th write (0-based; sets and deletes count).

    After a crash every call raises Crash until :meth:`restart`, as a dead process does nothing.
    The crashing write itself does not happen.
    """

    def __init__(self, *, crash_at: int | None = None, locked: bool = False) -> None:
        self.entries: dict[tuple[str, str], str] = {}
        self.writes = 0
        self.crash_at = crash_at
        self.crashed = False
        self.locked = locked
        self.largest = 0

    def restart(self) -> None:
        """A new process on the same keyring: the crash is over."""
        self.crashed = False
        self.crash_at = None

    def _check(self) -> None:
        if self.crashed:
            raise Crash("already crashed")
        if self.locked:
            raise KeyringLocked("Failed to unlock the collection!")

    def _write(self) -> None:
        self._check()
        if self.crash_at is not None and self.writes == self.crash_at:
            self.crashed = True
            raise Crash(f"crash at write {self.writes}")
        self.writes += 1

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._write()
        if len(password.encode("utf-16-le")) > WINDOWS_SECRET_BYTES:
            raise CredentialTooLarge
        self.largest = max(self.largest, len(password))
        self.entries[service, username] = password

    def delete_password(self, service: str, username: str) -> None:
        self._write()
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("No such password!")


def msal_like_cache(size: int, seed: int = 1) -> str:
    """A JSON cache shaped like msal's, about ``size`` characters, with random token bodies."""
    rng = random.Random(seed)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    cache: dict[str, dict[str, dict[str, str]]] = {"AccessToken": {}, "RefreshToken": {}}
    index = 0
    while len(json.dumps(cache)) < size:
        secret = "".join(rng.choices(alphabet, k=400))
        cache["AccessToken"][f"uid.utid-login.windows.net-accesstoken-{index}"] = {
            "credential_type": "AccessToken",
            "secret": secret,
            "home_account_id": "uid.utid",
            "target": "https://api.securitycenter.microsoft.com/Score.Read",
        }
        index += 1
    return json.dumps(cache)


def incompressible(size: int, seed: int = 2) -> str:
    return base64.b64encode(random.Random(seed).randbytes(size * 3 // 4)).decode("ascii")[:size]
