"""Logging to a private, rotating file, with every record scrubbed of tokens and secrets.

No Qt and no hidden state: the caller passes the folder and the verbosity, and gets back a
:class:`LoggingSetup` whose :meth:`~LoggingSetup.remove` undoes everything that was installed.
Each handler installed here carries a :class:`RedactingFilter`, so bearer tokens, JWTs and OAuth
secrets never reach the file or the console, whichever library logged them.
"""

from __future__ import annotations

import http.client
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any, Final, TextIO

from trayscore.system.private_files import open_private, private_dir, restrict_mode

LOG_FILE_NAME: Final = "trayscore.log"
MAX_BYTES: Final = 1024 * 1024
BACKUP_COUNT: Final = 3
FILE_MODE: Final = 0o600
FOLDER_MODE: Final = 0o700
REDACTED: Final = "[redacted]"
LOG_FORMAT: Final = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
VERBOSE_LOGGERS: Final = ("urllib3", "requests", "msal")
HTTP_WIRE_LOGGER: Final = "http.client"

# "secret" is the key msal's token cache keeps every token under.
_SENSITIVE_KEYS: Final = (
    "access_token|refresh_token|id_token|client_secret|client_assertion|assertion|"
    "device_code|code_verifier|code|password|secret"
)
# A key that is a whole word: "user_code" or "error_codes" are not "code".
_KEY_START: Final = r"(?<![A-Za-z0-9_])"
# ...or one right after a percent-escape (once or twice encoded): %26code%3D, %253Fcode%253D.
_AFTER_ESCAPE: Final = r"(?<=%[0-9A-Fa-f]{2})|(?<=%25[0-9A-Fa-f]{2})"
_PATTERNS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    # Authorization: Bearer x / 'Authorization': 'Bearer x' / "authorization"="Basic x" ...
    (
        re.compile(
            r"(\bauthorization\b['\"]?\s*[:=]\s*['\"]?(?:[A-Za-z][A-Za-z-]*[ \t]+)?+)"
            r"[^\s'\",;\\}\[\])]+",
            re.IGNORECASE,
        ),
        rf"\g<1>{REDACTED}",
    ),
    # JSON or a Python dict: "access_token": "x" / 'code': 'x' (escaped quotes included), and
    # bytes, also in parse_qs's lists: b'refresh_token': b'x' / b'code': [b'x'].
    (
        re.compile(
            rf"(?P<q>['\"])(?P<key>{_SENSITIVE_KEYS})(?P=q)(?P<sep>\s*:\s*(?:\[\s*)?)"
            r"(?P<b>b?)(?P<v>['\"])(?:\\.|(?!(?P=v))[^\\])*(?P=v)",
            re.IGNORECASE,
        ),
        rf"\g<q>\g<key>\g<q>\g<sep>\g<b>\g<v>{REDACTED}\g<v>",
    ),
    # Percent-encoded query strings inside a URL or a form: code%3Dx%26 (and %253D, twice).
    (
        re.compile(
            rf"(?:{_KEY_START}|{_AFTER_ESCAPE})(?P<key>{_SENSITIVE_KEYS})(?P<eq>%(?:25)?3D)"
            r"(?:(?!%(?:25)?26)[^&\s'\"\\,;)#\[])+",
            re.IGNORECASE,
        ),
        rf"\g<key>\g<eq>{REDACTED}",
    ),
    # Query strings, form bodies, keyword reprs: access_token=x& / code='x'
    (
        re.compile(
            rf"{_KEY_START}(?P<key>{_SENSITIVE_KEYS})=(?P<v>['\"]?)[^&\s'\"\\,;)#\[]+(?P=v)",
            re.IGNORECASE,
        ),
        rf"\g<key>=\g<v>{REDACTED}\g<v>",
    ),
    # Any JWT: three base64url parts, the first a JSON object ("eyJ"); the last may be empty.
    (
        re.compile(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"),
        REDACTED,
    ),
    # A long opaque token after "Bearer", wherever it is.
    (
        re.compile(r"\b(bearer\s+)[A-Za-z0-9\-._~+/]{16,}=*", re.IGNORECASE),
        rf"\g<1>{REDACTED}",
    ),
    # Entra's opaque refresh tokens (and msal's cache entries of them), next to no key at all:
    # "1.AXoA..." or "0.ARoA...", base64url parts joined by dots.
    (
        re.compile(r"\b[01]\.A[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]+)*"),
        REDACTED,
    ),
    # Credentials in a URL: scheme://user:password@host keeps only scheme and host.
    (
        re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)[^\s/@'\"]*:[^\s/@'\"]*@"),
        rf"\g<scheme>{REDACTED}@",
    ),
)


def redact(text: str) -> str:
    """``text`` with every token or secret this module knows replaced by ``[redacted]``."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record in place: the formatted message, the exception and stack text.

    The message is formatted first (``msg % args``), then redacted, then stored with
    ``args = None``, so a secret passed as an argument is caught as well. Never drops a record.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact ``record`` and let it through."""
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not leak its arguments
            message = f"{record.msg!s} (arguments did not fit: {record.args!r})"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files are created 0600 (also after each rollover).

    Never through a symbolic link planted at the log's fixed name, nor into another's file.
    """

    def _open(self) -> TextIOWrapper:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        descriptor = open_private(Path(self.baseFilename), flags, FILE_MODE)
        try:
            restrict_mode(descriptor, FILE_MODE)  # an older file may have been created wider
            return open(  # noqa: PTH123 - a descriptor, not a path
                descriptor, "a", encoding=self.encoding, errors=self.errors
            )
        except BaseException:
            os.close(descriptor)
            raise


def _wire_print(*values: object, sep: str | None = " ", **_: object) -> None:
    """Stands in for ``print`` inside http.client: its debug output goes to logging instead."""
    logging.getLogger(HTTP_WIRE_LOGGER).debug((sep or " ").join(str(v) for v in values))


@dataclass
class LoggingSetup:
    """What :func:`configure_logging` installed; :meth:`remove` takes it all back."""

    handlers: list[logging.Handler]
    log_file: Path | None
    warning: str | None
    _logger: logging.Logger = field(repr=False)
    _saved_levels: list[tuple[logging.Logger, int]] = field(repr=False)
    _saved_wire: tuple[int, Any] | None = field(default=None, repr=False)

    def remove(self) -> None:
        """Detach and close the handlers, restore levels and http.client; safe to call twice."""
        for handler in self.handlers:
            self._logger.removeHandler(handler)
            handler.close()
        self.handlers = []
        for logger, level in reversed(self._saved_levels):
            logger.setLevel(level)
        self._saved_levels = []
        if self._saved_wire is not None:
            debuglevel, printer = self._saved_wire
            http.client.HTTPConnection.debuglevel = debuglevel
            if printer is None:
                vars(http.client).pop("print", None)
            else:
                setattr(http.client, "print", printer)  # noqa: B010 - a module global
            self._saved_wire = None

    def __enter__(self) -> LoggingSetup:
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()


def _open_file_handler(log_dir: Path) -> tuple[logging.Handler | None, str | None]:
    log_file = log_dir / LOG_FILE_NAME
    try:
        private_dir(log_dir)  # 0700, even when it exists
        handler = _PrivateRotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return None, f"Cannot write the log file {log_file} ({reason}); logging to a file is off."
    return handler, None


def configure_logging(
    log_dir: Path,
    *,
    verbose: bool,
    stream: TextIO | None = None,
    http_wire: bool = False,
    logger: logging.Logger | None = None,
) -> LoggingSetup:
    """Log to ``log_dir/trayscore.log`` (rotating, 0600 in a 0700 folder) with redaction.

    ``verbose`` lowers the level to DEBUG, turns on urllib3/requests/msal debug logging and adds
    a handler on ``stream`` (stderr by default). ``http_wire`` (process-wide, for diagnosis
    only) makes http.client dump each request it sends, routed into the ``http.client`` logger
    so it is redacted like everything else instead of being printed raw to stdout.
    Handlers go on ``logger`` (the root logger by default). A file that cannot be created turns
    file logging off and is reported in ``LoggingSetup.warning``; it never raises.
    """
    target = logger if logger is not None else logging.getLogger()
    level = logging.DEBUG if verbose else logging.INFO
    formatter = logging.Formatter(LOG_FORMAT)
    redacting = RedactingFilter()
    handlers: list[logging.Handler] = []
    file_handler, warning = _open_file_handler(log_dir)
    if file_handler is not None:
        handlers.append(file_handler)
    if verbose:
        handlers.append(logging.StreamHandler(stream if stream is not None else sys.stderr))
    for handler in handlers:
        handler.setLevel(level)
        handler.setFormatter(formatter)
        handler.addFilter(redacting)
        target.addHandler(handler)
    saved_levels = [(target, target.level)]
    target.setLevel(level)
    if verbose:
        for name in (*VERBOSE_LOGGERS, HTTP_WIRE_LOGGER):
            library = logging.getLogger(name)
            saved_levels.append((library, library.level))
            library.setLevel(logging.DEBUG)
    saved_wire: tuple[int, Any] | None = None
    if http_wire:
        saved_wire = (http.client.HTTPConnection.debuglevel, vars(http.client).get("print"))
        setattr(http.client, "print", _wire_print)  # noqa: B010 - a module global
        http.client.HTTPConnection.debuglevel = 1
    return LoggingSetup(
        handlers=handlers,
        log_file=log_dir / LOG_FILE_NAME if file_handler is not None else None,
        warning=warning,
        _logger=target,
        _saved_levels=saved_levels,
        _saved_wire=saved_wire,
    )
