"""Hostile local files: nested too deep, too large, not files at all, or random bytes."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from trayscore.core.errors import ConfigError
from trayscore.history.store import HISTORY_MAX_BYTES, HistoryStore
from trayscore.settings.model import SETTINGS_MAX_BYTES, Settings, load_settings

from tests.helpers.local_attacker import deep_toml

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
TOML_ALPHABET = "abcnotifs_=\"[]{}.,=#\n\t 0123456789-+:tTzZe\\'\u00e9\x00"


def test_a_10000_deep_settings_file_is_a_settings_problem_naming_the_file(tmp_path: Path) -> None:
    # GIVEN a settings file whose one value nests 10,000 arrays deep
    path = tmp_path / "settings.toml"
    path.write_text(deep_toml(), encoding="utf-8")
    # WHEN it is loaded strictly (the CLI)  THEN it is a ConfigError naming the file
    with pytest.raises(ConfigError) as caught:
        load_settings(path, {})
    assert caught.value.message == f"settings file {path} is nested too deeply to be settings."
    # WHEN it is loaded leniently (the tray)  THEN the defaults apply and the problem is told
    problems: list[str] = []
    assert load_settings(path, {}, problems=problems) == Settings()
    assert problems == [f"settings file {path} is nested too deeply to be settings."]


def test_a_value_nested_deeper_than_settings_ever_are_is_refused_before_validation(
    tmp_path: Path,
) -> None:
    # GIVEN a value TOML can parse, but nested 100 deep (a validator quoting it would recurse)
    path = tmp_path / "settings.toml"
    path.write_text("tenant = " + "[" * 100 + "]" * 100 + "\n", encoding="utf-8")
    # WHEN loaded  THEN it is the same settings problem
    with pytest.raises(ConfigError, match="nested too deeply"):
        load_settings(path, {})


def test_a_settings_file_over_1_mib_is_not_read(tmp_path: Path) -> None:
    # GIVEN a settings file of exactly 1 MiB (valid, padded with a comment), and one byte more
    path = tmp_path / "settings.toml"
    line = "refresh_minutes = 7\n#"
    path.write_text(line + "x" * (SETTINGS_MAX_BYTES - len(line)), encoding="utf-8")
    # THEN the first is read
    assert SETTINGS_MAX_BYTES == 1024 * 1024
    assert load_settings(path, {}).refresh_minutes == 7
    # AND the second is refused, naming the file and the limit
    with path.open("a", encoding="utf-8") as more:
        more.write("x")
    with pytest.raises(ConfigError) as caught:
        load_settings(path, {})
    assert caught.value.message == f"settings file {path} is larger than 1 MiB; not read."


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_fifo_as_settings_file_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    # GIVEN a FIFO where the settings file goes (reading it would wait forever)
    path = tmp_path / "settings.toml"
    os.mkfifo(path)
    # WHEN loaded  THEN it is refused at once, naming the file
    with pytest.raises(ConfigError) as caught:
        load_settings(path, {})
    assert caught.value.message == f"settings file {path} is not a regular file."


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), st.text(TOML_ALPHABET, max_size=400)))
def test_the_settings_reader_turns_any_file_into_settings_or_a_config_error(
    tmp_path: Path, data: bytes | str
) -> None:
    # GIVEN any bytes, or TOML-like text, as the settings file
    path = tmp_path / "fuzz.toml"
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    # WHEN loaded strictly  THEN the result is settings or a one-line ConfigError, nothing else
    refusal = ""
    try:
        load_settings(path, {})
    except ConfigError as error:
        refusal = error.message
    assert "\n" not in refusal
    # AND loaded leniently it always gives settings, with each problem as one line
    problems: list[str] = []
    assert isinstance(load_settings(path, {}, problems=problems), Settings)
    assert all(isinstance(problem, str) and "\n" not in problem for problem in problems)


def history_document(rows: object) -> bytes:
    return json.dumps({"schema": 1, "journal": 0, "sources": {"exposure-score": rows}}).encode()


@FUZZ
@given(
    snapshot=st.one_of(
        st.binary(max_size=300),
        st.recursive(
            st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=30),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=12), inner, max_size=4)
            ),
            max_leaves=20,
        ).map(history_document),
    ),
    journal=st.binary(max_size=300),
)
def test_the_history_reader_reads_any_files_without_raising(
    tmp_path: Path, snapshot: bytes, journal: bytes
) -> None:
    # GIVEN any bytes as the snapshot (or a schema-1 document with any rows) and as the journal
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():  # hypothesis runs every example in the same tmp_path
        old.unlink()
    (folder / "history.json").write_bytes(snapshot)
    (folder / "history.json.journal").write_bytes(journal)
    store = HistoryStore(folder / "history.json", clock=lambda: NOW)
    # WHEN it is read  THEN entries come back (perhaps none), and problems are one-line strings
    entries = store.entries()
    assert all(0.0 <= entry.score <= 100.0 for entry in entries)
    assert all("\n" not in problem for problem in store.take_problems())


def test_a_10000_deep_history_is_moved_aside_as_corrupt(tmp_path: Path) -> None:
    # GIVEN a history snapshot nested 10,000 deep
    path = tmp_path / "history.json"
    path.write_text("[" * 10_000 + "]" * 10_000, encoding="utf-8")
    store = HistoryStore(path, clock=lambda: NOW)
    # WHEN read  THEN it is a history problem naming the file, and the history starts anew
    assert store.entries() == []
    assert store.take_problems() == [
        (
            f"{path} was not valid JSON; moved it aside to "
            "history.json.corrupt-20261128T093000Z and started a new history."
        )
    ]


@pytest.mark.parametrize("name", ["history.json", "history.json.journal"])
def test_a_history_file_over_64_mib_is_not_read_and_is_moved_aside(
    tmp_path: Path, name: str
) -> None:
    # GIVEN a snapshot or a journal one byte over 64 MiB (sparse: nothing is really written)
    assert HISTORY_MAX_BYTES == 64 * 1024 * 1024
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.write(b'{"schema":1,"journal":1,"id":"ab"}\n')
        handle.truncate(HISTORY_MAX_BYTES + 1)
    store = HistoryStore(tmp_path / "history.json", clock=lambda: NOW)
    # WHEN read  THEN it is set aside as a history problem naming the file and the limit
    assert store.entries() == []
    problems = store.take_problems()
    assert len(problems) == 1
    assert problems[0].startswith(f"{path} was ")
    assert "larger than 64 MiB, more than any history holds" in problems[0]
    assert f"moved it aside to {name}.corrupt-20261128T093000Z" in problems[0]
    assert not path.exists()
