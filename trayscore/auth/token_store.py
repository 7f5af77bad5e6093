"""The msal token cache, kept in the OS keyring and nowhere else (memory when there is none).

Why this layout: Windows Credential Manager holds about 1,280 characters per secret and a real
cache is 3.5-10+ KB, so the cache is zlib-compressed, base64-encoded and split into chunks of at
most 1,200 characters, the same on every OS.

Why two slots: keyring cannot list entries, so every name this store may ever write must be
derivable from the profile alone: ``<profile>/manifest`` and chunks ``<profile>/a/<i>`` or
``<profile>/b/<i>``. A save writes its chunks into the slot the manifest does not point at, then
writes the manifest (one write: the commit), then removes what is left in the other slot. A crash
between any two writes therefore leaves the old or the new cache loadable. A slot always holds a
contiguous run from index 0 (written upwards, removed downwards), so leftovers of an interrupted
save or clean-up are found by probing and removed by the next save or clear.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Final, Protocol, cast

import keyring
from keyring.backends.chainer import ChainerBackend
from keyring.backends.fail import Keyring as FailKeyring
from keyring.errors import (
    InitError,
    KeyringError,
    KeyringLocked,
    NoKeyringError,
    PasswordDeleteError,
    PasswordSetError,
)

from trayscore.core.errors import TrayscoreError

SERVICE: Final = "trayscore"
CHUNK_CHARS: Final = 1200
"""Characters per entry: under Windows' 2,560-byte (1,280 UTF-16 characters) limit."""
MAX_CHUNKS: Final = 1000
"""About 1.2 MB of payload; bounds probing, and no real cache comes near it."""
FORMAT: Final = 1
SLOTS: Final = ("a", "b")
DAMAGED: Final = (
    "The saved sign-in in the keyring was damaged ({reason}) and has been discarded; sign in again."
)
_HEX: Final = frozenset("0123456789abcdef")


class SecretBackend(Protocol):
    """The shape of keyring's module-level API and of keyring backends."""

    def get_password(self, service: str, username: str) -> str | None:
        """The secret, or None when there is none."""
        ...

    def set_password(self, service: str, username: str, password: str) -> None:
        """Create or replace the secret."""
        ...

    def delete_password(self, service: str, username: str) -> None:
        """Remove the secret; keyring raises PasswordDeleteError when it is absent."""
        ...


class TokenStore(Protocol):
    """Where the serialized msal cache lives."""

    problem: str | None
    """Set by load() when it found a damaged cache and discarded it (one line, for the user)."""

    @property
    def persistent(self) -> bool:
        """False when the cache lives only in this process."""
        ...

    def load(self) -> str | None:
        """The serialized msal cache, or None."""
        ...

    def save(self, data: str) -> None:
        """Replace the stored cache."""
        ...

    def clear(self) -> None:
        """Remove every entry this store ever wrote."""
        ...


class SecretStoreUnavailable(TrayscoreError):
    """The keyring cannot be used (locked, missing, refused, D-Bus gone); never holds secrets."""

    kind = "keyring"

    @classmethod
    def because(cls, reason: str) -> SecretStoreUnavailable:
        """The user-facing message for a short, secret-free ``reason``."""
        return cls(
            f"No working keyring ({reason}): sign-in lasts only until trayscore quits. "
            "Install and unlock a Secret Service such as gnome-keyring or KWallet "
            "(or unlock the system keychain)."
        )


class _Damaged(Exception):
    """The stored cache cannot be trusted; the text says why (never secret data)."""


def _reason(error: Exception) -> str:
    """A short, secret-free reason: exception messages may quote what was being stored."""
    if isinstance(error, KeyringLocked):
        return "the keyring is locked"
    if isinstance(error, NoKeyringError):
        return "no keyring backend is available"
    if isinstance(error, InitError):
        return "the keyring could not be opened"
    if isinstance(error, PasswordSetError):
        return "the keyring refused to store an entry"
    if isinstance(error, KeyringError):
        return f"keyring error {type(error).__name__}"
    return f"cannot talk to the keyring: {type(error).__name__}"


def _refusal(backend: object) -> str | None:
    """Why ``backend`` must not hold tokens, or None when it may."""
    module = type(backend).__module__
    if module == "keyrings.alt" or module.startswith("keyrings.alt."):
        return f"refused {type(backend).__name__} from keyrings.alt: it keeps secrets in files"
    if isinstance(backend, FailKeyring):
        return "no keyring backend is available"
    try:
        priority = getattr(type(backend), "priority", None)
    except Exception as error:  # noqa: BLE001 - keyring reports "not viable" by raising here
        return f"backend {type(backend).__name__} is not usable: {type(error).__name__}"
    if isinstance(priority, int | float) and priority <= 0:
        return f"backend {type(backend).__name__} is not recommended (priority {priority})"
    return None


def usable_backend(candidate: object) -> tuple[SecretBackend | None, str | None]:
    """``candidate`` if it may hold tokens, else (None, why).

    A chainer is unwrapped to its best usable member: chained reads would otherwise also consult a
    plaintext file backend.
    """
    if isinstance(candidate, ChainerBackend):
        members: list[object] = list(type(candidate).backends)
        for member in members:
            if _refusal(member) is None:
                return cast("SecretBackend", member), None
        reasons = [reason for member in members if (reason := _refusal(member))]
        return None, reasons[0] if reasons else "no keyring backend is available"
    reason = _refusal(candidate)
    if reason is not None:
        return None, reason
    return cast("SecretBackend", candidate), None


def default_backend() -> tuple[SecretBackend | None, str | None]:
    """The backend keyring chose (PYTHON_KEYRING_BACKEND or auto-detection), or (None, why)."""
    try:
        chosen = keyring.get_keyring()
    except Exception as error:  # noqa: BLE001 - a broken keyring config must not stop the app
        return None, _reason(error)
    return usable_backend(chosen)


def profile_for(authority: str, client_id: str) -> str:
    """A stable short id, so different tenants or app registrations never share a cache."""
    key = f"{authority.strip().rstrip('/').lower()}\n{client_id.strip().lower()}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class _Manifest:
    """Which slot holds the current cache, in how many chunks, and the payload's sha256."""

    gen: int
    chunks: int
    sha256: str

    @property
    def slot(self) -> str:
        return SLOTS[self.gen % 2]

    def dump(self) -> str:
        fields = {"format": FORMAT, "gen": self.gen, "chunks": self.chunks, "sha256": self.sha256}
        return json.dumps(fields, separators=(",", ":"))

    @classmethod
    def parse(cls, raw: str) -> _Manifest:
        try:
            fields = json.loads(raw)
        except ValueError:
            raise _Damaged("manifest is not JSON") from None
        if not isinstance(fields, dict):
            raise _Damaged("manifest is not an object")
        if fields.get("format") != FORMAT:
            raise _Damaged("unknown format version")
        gen, chunks, digest = fields.get("gen"), fields.get("chunks"), fields.get("sha256")
        if type(gen) is not int or gen < 0:
            raise _Damaged("bad generation")
        if type(chunks) is not int or not 1 <= chunks <= MAX_CHUNKS:
            raise _Damaged("bad chunk count")
        if not isinstance(digest, str) or len(digest) != 64 or not set(digest) <= _HEX:
            raise _Damaged("bad checksum field")
        return cls(gen=gen, chunks=chunks, sha256=digest)


def _encode(data: str) -> str:
    return base64.b64encode(zlib.compress(data.encode("utf-8"), 9)).decode("ascii")


def _decode(payload: str, sha256: str) -> str:
    try:
        raw = payload.encode("ascii")
    except UnicodeEncodeError:
        raise _Damaged("not ASCII") from None
    if hashlib.sha256(raw).hexdigest() != sha256:
        raise _Damaged("checksum mismatch")
    try:
        return zlib.decompress(base64.b64decode(raw, validate=True)).decode("utf-8")
    except binascii.Error:
        raise _Damaged("bad base64") from None
    except zlib.error:
        raise _Damaged("bad compression") from None
    except UnicodeDecodeError:
        raise _Damaged("not UTF-8") from None


class KeyringTokenStore:
    """The cache in a keyring backend, chunked and committed by a manifest written last."""

    def __init__(self, backend: SecretBackend, profile: str, service: str = SERVICE) -> None:
        if not profile or "/" in profile:
            raise ValueError("profile must be a non-empty name without '/'")
        refusal = _refusal(backend)
        if refusal is not None:
            raise SecretStoreUnavailable.because(refusal)
        self._backend = backend
        self._profile = profile
        self._service = service
        self.problem: str | None = None

    @property
    def persistent(self) -> bool:
        """Always true: the keyring outlives the process."""
        return True

    @property
    def _manifest_name(self) -> str:
        return f"{self._profile}/manifest"

    def _chunk_name(self, slot: str, index: int) -> str:
        return f"{self._profile}/{slot}/{index}"

    def _get(self, username: str) -> str | None:
        try:
            return self._backend.get_password(self._service, username)
        except Exception as error:  # noqa: BLE001 - backends raise anything (D-Bus, pywin32)
            raise SecretStoreUnavailable.because(_reason(error)) from None

    def _set(self, username: str, value: str) -> None:
        try:
            self._backend.set_password(self._service, username, value)
        except Exception as error:  # noqa: BLE001 - the message could quote the secret
            raise SecretStoreUnavailable.because(_reason(error)) from None

    def _delete(self, username: str) -> None:
        try:
            self._backend.delete_password(self._service, username)
        except PasswordDeleteError:
            return  # already gone: that is what we wanted
        except Exception as error:  # noqa: BLE001 - backends raise anything (D-Bus, pywin32)
            raise SecretStoreUnavailable.because(_reason(error)) from None

    def probe(self) -> None:
        """Read the manifest once, so an unusable keyring shows up before anyone signs in."""
        self._get(self._manifest_name)

    def _current(self) -> _Manifest | None:
        raw = self._get(self._manifest_name)
        if raw is None:
            return None
        try:
            return _Manifest.parse(raw)
        except _Damaged:
            return None

    def load(self) -> str | None:
        """The cache, or None; a damaged one is removed and explained in ``problem``."""
        self.problem = None
        raw = self._get(self._manifest_name)
        if raw is None:
            return None
        manifest: _Manifest | None = None
        try:
            manifest = _Manifest.parse(raw)
            return _decode(self._payload(manifest), manifest.sha256)
        except _Damaged as damage:
            self._remove_all(manifest)
            self.problem = DAMAGED.format(reason=damage)
            return None

    def _payload(self, manifest: _Manifest) -> str:
        parts: list[str] = []
        for index in range(manifest.chunks):
            part = self._get(self._chunk_name(manifest.slot, index))
            if part is None:
                raise _Damaged(f"part {index + 1} of {manifest.chunks} is missing")
            parts.append(part)
        return "".join(parts)

    def save(self, data: str) -> None:
        """Write the new chunks, commit them with the manifest, then drop the old ones."""
        payload = _encode(data)
        chunks = [payload[i : i + CHUNK_CHARS] for i in range(0, len(payload), CHUNK_CHARS)]
        if len(chunks) > MAX_CHUNKS:
            raise SecretStoreUnavailable(
                f"The sign-in cache ({len(data) // 1024} KB) is too large for the keyring: "
                "sign-in lasts only until trayscore quits."
            )
        current = self._current()
        manifest = _Manifest(
            gen=current.gen + 1 if current else 0,
            chunks=len(chunks),
            sha256=hashlib.sha256(payload.encode("ascii")).hexdigest(),
        )
        for index, chunk in enumerate(chunks):
            self._set(self._chunk_name(manifest.slot, index), chunk)
        self._set(self._manifest_name, manifest.dump())
        self._sweep(manifest.slot, start=manifest.chunks)
        self._sweep(SLOTS[(manifest.gen + 1) % 2], start=0, known=current.chunks if current else 0)

    def clear(self) -> None:
        """Remove the manifest first (no half-deleted cache looks damaged), then both slots."""
        self._remove_all(self._current())

    def _remove_all(self, manifest: _Manifest | None) -> None:
        self._delete(self._manifest_name)
        for slot in SLOTS:
            known = manifest.chunks if manifest and manifest.slot == slot else 0
            self._sweep(slot, start=0, known=known)

    def _sweep(self, slot: str, *, start: int, known: int = 0) -> None:
        """Remove chunks ``start``.. of ``slot``, from the top down so the slot stays contiguous.

        Indices below ``known`` are deleted without probing (a missing one is fine).
        """
        end = max(start, known)
        while end < MAX_CHUNKS and self._get(self._chunk_name(slot, end)) is not None:
            end += 1
        for index in reversed(range(start, end)):
            self._delete(self._chunk_name(slot, index))


class MemoryTokenStore:
    """The cache in this process only: sign-in lasts until trayscore quits. Never a file."""

    def __init__(self) -> None:
        self._data: str | None = None
        self.problem: str | None = None

    @property
    def persistent(self) -> bool:
        """Always false: nothing survives the process."""
        return False

    def load(self) -> str | None:
        """The cache saved in this process, or None."""
        return self._data

    def save(self, data: str) -> None:
        """Keep ``data`` in memory."""
        self._data = data

    def clear(self) -> None:
        """Forget the cache."""
        self._data = None


def open_token_store(
    profile: str, backend: SecretBackend | None = None
) -> tuple[TokenStore, str | None]:
    """The keyring store for ``profile`` after one probe, or memory plus a one-line warning."""
    if backend is None:
        backend, reason = default_backend()
        if backend is None:
            return MemoryTokenStore(), SecretStoreUnavailable.because(reason or "unknown").message
    try:
        store = KeyringTokenStore(backend, profile)
        store.probe()
    except SecretStoreUnavailable as error:
        return MemoryTokenStore(), error.message
    return store, None
