"""The log file and its redaction filter: what is scrubbed, what is kept, where files go."""

from __future__ import annotations

import io
import logging
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from trayscore.system.logs import (
    BACKUP_COUNT,
    LOG_FILE_NAME,
    REDACTED,
    LoggingSetup,
    RedactingFilter,
    configure_logging,
    redact,
)

JWT = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXBhcnQ"
UNSIGNED_JWT = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJ0aWQiOiJhYmMifQ."
OPAQUE = "tok-" + "Q" * 40
SECRET = "s3cr3t-VALUE_with.dots~and-more"


def make_record(
    msg: object,
    args: tuple[object, ...] | None = None,
    exc_info: logging._SysExcInfoType | None = None,
) -> logging.LogRecord:
    return logging.LogRecord("test", logging.INFO, __file__, 1, msg, args, exc_info)


@pytest.fixture
def isolated_logger(request: pytest.FixtureRequest) -> logging.Logger:
    """A private logger that does not propagate, so no test writes through the root logger."""
    logger = logging.getLogger(f"trayscore-test.{request.node.name}")
    logger.propagate = False
    return logger


@pytest.fixture
def setups() -> Iterator[list[LoggingSetup]]:
    """Collects every LoggingSetup of a test and removes it afterwards, even on failure."""
    made: list[LoggingSetup] = []
    yield made
    for setup in made:
        setup.remove()


# ---- what is redacted ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"Authorization: Bearer {OPAQUE}",
        f"authorization: bearer {OPAQUE}",
        f"AUTHORIZATION:Bearer {OPAQUE}",
        f"{{'Authorization': 'Bearer {OPAQUE}', 'Accept': 'application/json'}}",
        f'{{"Authorization": "Bearer {OPAQUE}"}}',
        f"send: b'GET /api HTTP/1.1\\r\\nAuthorization: Bearer {OPAQUE}\\r\\nHost: x\\r\\n\\r\\n'",
        f"header: Authorization: Basic {OPAQUE}",
        f"authorization={OPAQUE}",
    ],
)
def test_authorization_header_values_are_redacted_in_any_quoting(text: str) -> None:
    # WHEN a header dump is redacted THEN the token is gone and the marker is there
    result = redact(text)
    assert OPAQUE not in result
    assert REDACTED in result


@pytest.mark.parametrize(
    "text",
    [
        f"token {JWT} was sent",
        f"id_token_claims from {UNSIGNED_JWT}",
        f"({JWT})",
        f"x={JWT};",
    ],
)
def test_jwts_are_redacted_anywhere(text: str) -> None:
    result = redact(text)
    assert "eyJ" not in result
    assert REDACTED in result


@pytest.mark.parametrize(
    "key",
    [
        "access_token",
        "refresh_token",
        "id_token",
        "client_secret",
        "code",
        "assertion",
        "device_code",
        "client_assertion",
        "password",
        "code_verifier",
        "Access_Token",
    ],
)
@pytest.mark.parametrize(
    "template",
    [
        "POST body: grant_type=x&{key}={secret}&client_id=abc",
        "https://host/cb?{key}={secret}",
        "https://host/cb?state=1&{key}={secret}#frag",
        '{{"{key}": "{secret}", "token_type": "Bearer"}}',
        '{{"{key}":"{secret}"}}',
        "{{'{key}': '{secret}', 'expires_in': 3600}}",
        "call({key}='{secret}', other=1)",
        "send: b'{key}={secret}&scope=openid'",
    ],
)
def test_secret_fields_are_redacted_in_queries_forms_and_json(key: str, template: str) -> None:
    # GIVEN a secret in one of the places OAuth puts it
    text = template.format(key=key, secret=SECRET)
    # WHEN redacted THEN the value is gone and the key is kept, so the line still reads
    result = redact(text)
    assert SECRET not in result
    assert key in result
    assert REDACTED in result


def test_json_values_with_escaped_quotes_are_redacted_whole() -> None:
    result = redact(r'{"password": "a\"b\"c", "user": "ann"}')
    assert result == f'{{"password": "{REDACTED}", "user": "ann"}}'


def test_long_opaque_tokens_after_bearer_are_redacted_in_prose() -> None:
    result = redact(f"retrying with Bearer {OPAQUE} after a 401")
    assert result == f"retrying with Bearer {REDACTED} after a 401"


@pytest.mark.parametrize(
    "text",
    [
        "Fetched the exposure score: 42.5 (HTTP 200) from https://api.securitycenter.microsoft.com",
        "HTTP 403; code Forbidden, correlation id 5b3e",
        "grant_type=authorization_code&response_type=code&user_code=ABCD-EFGH",
        '{"token_type": "Bearer", "expires_in": 3599, "error_codes": [70008]}',
        "The API refused the Bearer token (HTTP 401); sign in again.",
        "no Authorization header was sent",
        "code_challenge=abc&code_challenge_method=S256",
        "eyJ alone is not a token, nor is a.b.c",
        "",
    ],
)
def test_text_without_secrets_is_untouched(text: str) -> None:
    assert redact(text) == text


def test_redaction_is_idempotent() -> None:
    once = redact(f"Authorization: Bearer {OPAQUE} code={SECRET} {JWT}")
    assert redact(once) == once


# ---- the filter on records -----------------------------------------------------------------


def test_filter_formats_args_before_redacting_and_clears_them() -> None:
    # GIVEN a record whose secret arrives as a %-argument
    header = {"Authorization": f"Bearer {OPAQUE}"}
    record = make_record("headers %s sent to %s", (header, "host"))
    # WHEN filtered
    assert RedactingFilter().filter(record) is True
    # THEN the message is final, redacted text and there are no args left to leak
    assert record.args is None
    assert record.msg == f"headers {{'Authorization': 'Bearer {REDACTED}'}} sent to host"
    assert record.getMessage() == record.msg


def test_filter_copes_with_arguments_that_do_not_fit() -> None:
    record = make_record("only one %s", (f"access_token={SECRET}", "extra"))
    RedactingFilter().filter(record)
    assert SECRET not in record.getMessage()
    assert "only one" in record.getMessage()


def test_filter_handles_a_non_string_message() -> None:
    record = make_record(ValueError(f"refresh_token={SECRET}"))
    RedactingFilter().filter(record)
    assert record.getMessage() == f"refresh_token={REDACTED}"


def test_filter_redacts_exception_and_stack_text() -> None:
    # GIVEN a record carrying an exception whose text holds a token
    def fail() -> None:
        raise RuntimeError(f"server said access_token={SECRET} and {JWT}")

    try:
        fail()
    except RuntimeError:
        record = make_record("failed", exc_info=sys.exc_info())
    record.stack_info = f"Stack: Authorization: Bearer {OPAQUE}"
    # WHEN filtered and formatted
    RedactingFilter().filter(record)
    formatted = logging.Formatter("%(message)s").format(record)
    # THEN the traceback is there, the secrets are not
    assert "RuntimeError" in formatted
    assert "Traceback" in formatted
    for secret in (SECRET, JWT, OPAQUE):
        assert secret not in formatted


# ---- the file handler ----------------------------------------------------------------------


def test_verbose_logging_writes_redacted_records_to_file_and_stream(
    tmp_path: Path, isolated_logger: logging.Logger, setups: list[LoggingSetup]
) -> None:
    # GIVEN verbose logging into a fresh folder, with a stream standing in for stderr
    stream = io.StringIO()
    setup = configure_logging(
        tmp_path / "logs", verbose=True, stream=stream, logger=isolated_logger
    )
    setups.append(setup)
    # WHEN something logs a token at DEBUG
    isolated_logger.debug("calling with %s", f"Authorization: Bearer {OPAQUE}")
    # THEN file and stream have the line, redacted
    assert setup.warning is None
    assert setup.log_file == tmp_path / "logs" / LOG_FILE_NAME
    text = setup.log_file.read_text(encoding="utf-8")
    for output in (text, stream.getvalue()):
        assert f"Authorization: Bearer {REDACTED}" in output
        assert OPAQUE not in output
        assert "DEBUG" in output


def test_quiet_logging_is_info_level_and_file_only(
    tmp_path: Path, isolated_logger: logging.Logger, setups: list[LoggingSetup]
) -> None:
    stream = io.StringIO()
    setup = configure_logging(tmp_path, verbose=False, stream=stream, logger=isolated_logger)
    setups.append(setup)
    isolated_logger.debug("not kept")
    isolated_logger.info("kept")
    assert setup.log_file is not None
    text = setup.log_file.read_text(encoding="utf-8")
    assert "kept" in text
    assert "not kept" not in text
    assert stream.getvalue() == ""
    assert len(setup.handlers) == 1


def test_verbose_turns_on_library_debug_logging_and_remove_restores_it(
    tmp_path: Path, isolated_logger: logging.Logger
) -> None:
    # GIVEN the library loggers' levels before
    names = ("urllib3", "requests", "msal", "http.client")
    before = {name: logging.getLogger(name).level for name in names}
    handlers_before = list(isolated_logger.handlers)
    # WHEN verbose logging is configured THEN they log DEBUG
    setup = configure_logging(tmp_path, verbose=True, stream=io.StringIO(), logger=isolated_logger)
    try:
        assert all(logging.getLogger(name).level == logging.DEBUG for name in names)
        assert isolated_logger.level == logging.DEBUG
    finally:
        setup.remove()
    # AND after remove() levels and handlers are as before
    assert {name: logging.getLogger(name).level for name in names} == before
    assert isolated_logger.handlers == handlers_before
    assert setup.handlers == []
    setup.remove()  # a second remove is harmless


def test_the_root_logger_is_the_default_target_and_is_left_clean(tmp_path: Path) -> None:
    root = logging.getLogger()
    handlers_before, level_before = list(root.handlers), root.level
    with configure_logging(tmp_path, verbose=False) as setup:
        assert all(handler in root.handlers for handler in setup.handlers)
        logging.getLogger("trayscore.some.module").info("password=%s", SECRET)
    assert root.handlers == handlers_before
    assert root.level == level_before
    text = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert f"password={REDACTED}" in text
    assert SECRET not in text


def test_files_are_0600_and_the_folder_0700(
    tmp_path: Path, isolated_logger: logging.Logger, setups: list[LoggingSetup]
) -> None:
    # GIVEN a log file left over with wide permissions in a wide folder
    folder = tmp_path / "state" / "log"
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    (folder / LOG_FILE_NAME).write_text("old\n", encoding="utf-8")
    (folder / LOG_FILE_NAME).chmod(0o644)
    # WHEN logging is configured and writes
    setups.append(configure_logging(folder, verbose=False, logger=isolated_logger))
    isolated_logger.info("hello")
    # THEN the folder is private and so is the file, whose old lines are kept
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / LOG_FILE_NAME).stat().st_mode) == 0o600
    assert (folder / LOG_FILE_NAME).read_text(encoding="utf-8").startswith("old\n")


def test_a_new_folder_and_file_are_private(
    tmp_path: Path, isolated_logger: logging.Logger, setups: list[LoggingSetup]
) -> None:
    folder = tmp_path / "new" / "log"
    setups.append(configure_logging(folder, verbose=False, logger=isolated_logger))
    isolated_logger.info("hello")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / LOG_FILE_NAME).stat().st_mode) == 0o600


def test_rotation_keeps_three_private_backups(
    tmp_path: Path, isolated_logger: logging.Logger, setups: list[LoggingSetup]
) -> None:
    # GIVEN logging into a folder
    setups.append(configure_logging(tmp_path, verbose=False, logger=isolated_logger))
    # WHEN more than 4 MiB are logged (1 MiB per file)
    line = "x" * 1023
    for _ in range(4 * 1024 + 200):
        isolated_logger.info(line)
    # THEN there are exactly three backups beside the current file, all 0600 and at most 1 MiB
    files = sorted(path.name for path in tmp_path.iterdir())
    expected = [LOG_FILE_NAME] + [f"{LOG_FILE_NAME}.{n}" for n in range(1, BACKUP_COUNT + 1)]
    assert files == expected
    for name in files:
        path = tmp_path / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.stat().st_size <= 1024 * 1024


@pytest.mark.parametrize("how", ["folder-under-a-file", "log-file-is-a-folder"])
def test_an_unusable_folder_gives_a_warning_not_an_exception(
    tmp_path: Path, isolated_logger: logging.Logger, setups: list[LoggingSetup], how: str
) -> None:
    # GIVEN a log folder that cannot be created or a log file that cannot be opened
    # (not chmod: the suite may run as root, who may write anywhere)
    if how == "folder-under-a-file":
        (tmp_path / "plain-file").write_text("", encoding="utf-8")
        folder = tmp_path / "plain-file" / "log"
    else:
        folder = tmp_path / "log"
        (folder / LOG_FILE_NAME).mkdir(parents=True)
    stream = io.StringIO()
    # WHEN logging is configured (verbose, so a stream handler is still wanted)
    setup = configure_logging(folder, verbose=True, stream=stream, logger=isolated_logger)
    setups.append(setup)
    isolated_logger.info("still logging")
    # THEN there is no file handler, a warning naming the file, and the stream still works
    assert setup.log_file is None
    assert setup.warning is not None
    assert LOG_FILE_NAME in setup.warning
    assert "still logging" in stream.getvalue()
    assert len(setup.handlers) == 1


def test_the_log_file_opens_without_os_fchmod(
    tmp_path: Path,
    isolated_logger: logging.Logger,
    setups: list[LoggingSetup],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows Python has ``os.fchmod`` only from 3.13 ("Availability: Unix, Windows",
    changed in version 3.13, Python docs, os.fchmod): 3.11 and 3.12 there must still log."""
    # GIVEN a Python without os.fchmod, as on Windows before 3.13
    monkeypatch.delattr("os.fchmod")
    # WHEN logging is configured and a record is written
    setup = configure_logging(tmp_path / "logs", verbose=False, logger=isolated_logger)
    setups.append(setup)
    isolated_logger.info("refreshed")
    # THEN the file exists and holds the record, with no warning
    assert setup.warning is None
    assert setup.log_file is not None
    assert "refreshed" in setup.log_file.read_text(encoding="utf-8")
