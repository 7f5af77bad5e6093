"""The doctor's words: English for JSON, the user's language for the human lines.

Qt-free: the CLI hands in Qt's translator for the human lines only; every sentence goes through
:func:`translate` with the literal context "Doctor", which is how lupdate finds it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Translate = Callable[[str, str, str | None, int], str]


def _english(_context: str, text: str, _disambiguation: str | None = None, n: int = -1) -> str:
    return text.replace("%n", str(n)) if n >= 0 else text


_TRANSLATE: ContextVar[Translate] = ContextVar("doctor_translate", default=_english)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """A sentence in the user's language for the human output, else English (JSON).

    Qt-free: the CLI hands in Qt's translator for the human lines only (``run_checks``);
    lupdate finds these strings by the call's name and literal context; ``n`` picks a plural
    and replaces ``%n``, as Qt's does.
    """
    return _TRANSLATE.get()(context, text, disambiguation, n)


@contextmanager
def speaking(translate_with: Translate | None) -> Iterator[None]:
    """Within the block, :func:`translate` words with ``translate_with`` (None: unchanged)."""
    token = _TRANSLATE.set(translate_with) if translate_with is not None else None
    try:
        yield
    finally:
        if token is not None:
            _TRANSLATE.reset(token)


def tls_fix() -> str:
    """What to do when TLS checks fail: usually TLS inspection."""
    return translate(
        "Doctor",
        "a proxy or security product may inspect TLS (TLS inspection): ask IT for its CA "
        "certificate and set REQUESTS_CA_BUNDLE (and SSL_CERT_FILE) to that PEM file",
    )


def network_fix() -> str:
    """What to do when a host cannot be reached."""
    return translate("Doctor", "check the network, DNS, firewall or proxy (HTTPS_PROXY) settings")


def check_title(name: str) -> str:
    """A check's name as the human output shows it (JSON keeps the English name)."""
    titles = {
        "settings": translate("Doctor", "settings"),
        "keyring": translate("Doctor", "keyring"),
        "notifications": translate("Doctor", "notifications"),
        "system tray": translate("Doctor", "system tray"),
        "authority": translate("Doctor", "authority"),
        "api": translate("Doctor", "api"),
        "account": translate("Doctor", "account"),
        "score": translate("Doctor", "score"),
        "retirement": translate("Doctor", "retirement"),
        "history": translate("Doctor", "history"),
        "versions": translate("Doctor", "versions"),
    }
    return titles.get(name, name)
