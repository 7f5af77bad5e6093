"""Planted links and other users' files at our fixed file names: refused, nothing written."""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from trayscore.core.models import Reading
from trayscore.history.store import HistoryStore, HistoryWriteError
from trayscore.settings.file import keep_broken_file, save_settings
from trayscore.settings.model import Settings
from trayscore.system.logs import configure_logging
from trayscore.system.private_files import UnsafeFileError, open_private, private_dir
from trayscore.system.window_memory import load_position, save_position

from tests.helpers.local_attacker import OTHER_UID, give_away, needs_root, plant_link

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and modes")

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
VICTIM_TEXT = "another file the attacker wants overwritten\n"


def reading(score: float = 33.4) -> Reading:
    return Reading(source="exposure-score", score=score, time=NOW, fetched_at=NOW)


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """The file a planted link points at."""
    path = tmp_path / "victim.txt"
    path.write_text(VICTIM_TEXT, encoding="utf-8")
    return path


def record(folder: Path) -> str:
    """Record one reading into ``folder``'s history; what the user is told."""
    try:
        HistoryStore(folder / "history.json", clock=lambda: NOW).record(reading())
    except HistoryWriteError as error:
        return error.message
    return ""


def log(folder: Path) -> str:
    """Set up logging into ``folder`` and log one line; the warning the user is told."""
    logger = logging.getLogger("trayscore.test.planted")
    logger.propagate = False
    with configure_logging(folder, verbose=False, logger=logger) as setup:
        logger.warning("a line that must not land in the victim")
        return setup.warning or ""


def keep_broken(folder: Path) -> str:
    """Keep a broken settings file aside, as the tray does before saving over it."""
    (folder / "settings.toml").write_text("broken = [\n", encoding="utf-8")
    try:
        keep_broken_file(folder / "settings.toml", NOW)
    except OSError as error:
        return error.strerror or ""
    return ""


def glance(folder: Path) -> str:
    """Remember the glance window's place (failures are silent by design)."""
    save_position(folder, 10, 20)
    return ""


# Every fixed file name we write, and the call that writes it.
FIXED_NAMES: dict[str, tuple[str, Callable[[Path], str]]] = {
    "history journal": ("history.json.journal", record),
    "history lock": ("history.json.lock", record),
    "log file": ("trayscore.log", log),
    "broken-settings copy": ("settings.toml.broken-20261128T093000Z", keep_broken),
    "glance-position temp file": (".glance.json.tmp", glance),
}


@pytest.mark.parametrize("what", FIXED_NAMES)
def test_a_link_planted_at_a_fixed_name_is_refused_and_its_target_untouched(
    tmp_path: Path, victim: Path, what: str
) -> None:
    # GIVEN our folder, with a symbolic link planted at one fixed file name
    folder = tmp_path / "trayscore"
    name, write = FIXED_NAMES[what]
    plant_link(folder / name, victim)
    # WHEN trayscore writes that file
    told = write(folder)
    # THEN the file the link points at is exactly as it was
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    # AND the link is still a link (nothing replaced it behind the user's back)
    assert (folder / name).is_symlink()
    # AND where the user is told, the message names the path and says why
    if what != "glance-position temp file":  # a window position is not worth a message
        assert f"refused {folder / name}: it is a symbolic link" in told


def test_a_link_planted_at_the_history_snapshot_is_moved_aside_never_followed(
    tmp_path: Path, victim: Path
) -> None:
    # GIVEN a link planted where the history's snapshot goes
    folder = tmp_path / "trayscore"
    plant_link(folder / "history.json", victim)
    store = HistoryStore(folder / "history.json", clock=lambda: NOW)
    # WHEN a reading is recorded and compacted
    store.record(reading())
    store.compact()
    # THEN the target is untouched, the history is a file of ours, and the user was told
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    assert not (folder / "history.json").is_symlink()
    assert [entry.score for entry in store.entries()] == [33.4]
    problems = " ".join(store.take_problems())
    assert f"refused {folder / 'history.json'}: it is a symbolic link" in problems


def test_reading_never_follows_a_planted_link(tmp_path: Path, victim: Path) -> None:
    # GIVEN links at the glance position and the journal, pointing at a file of numbers
    victim.write_text('{"x": 1, "y": 2}', encoding="utf-8")
    plant_link(tmp_path / "glance.json", victim)
    # WHEN they are read  THEN nothing comes from the target
    assert load_position(tmp_path) is None
    plant_link(tmp_path / "history.json.journal", victim)
    store = HistoryStore(tmp_path / "history.json", clock=lambda: NOW)
    assert store.entries() == []
    assert "it is a symbolic link" in " ".join(store.take_problems())


def test_our_folders_are_made_owner_only_even_when_they_already_exist(tmp_path: Path) -> None:
    # GIVEN config, data, state and log folders an older version left readable by everyone
    folders = {name: tmp_path / name / "trayscore" for name in ("config", "data", "state", "log")}
    for folder in folders.values():
        folder.mkdir(parents=True)
        folder.chmod(0o755)
        folder.parent.chmod(0o755)
    # WHEN trayscore writes into each
    save_settings(folders["config"] / "settings.toml", Settings())
    record(folders["data"])
    save_position(folders["state"], 1, 2)
    log(folders["log"])
    # THEN each is 0700, and what was written is 0600
    for folder in folders.values():
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((folders["data"] / "history.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((folders["state"] / "glance.json").stat().st_mode) == 0o600
    # AND only the trayscore leaf is ours to change: its parent keeps its mode
    for folder in folders.values():
        assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o755


def test_open_private_refuses_links_non_files_and_applies_truncation_only_after(
    tmp_path: Path, victim: Path
) -> None:
    # GIVEN a dangling link, a link to a file, a FIFO and a file of ours
    plant_link(tmp_path / "dangling", tmp_path / "nowhere")
    plant_link(tmp_path / "link", victim)
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "ours").write_text("old", encoding="utf-8")
    # WHEN each is opened to write (exclusively for the dangling one, as temp files are)
    # THEN links and the FIFO are refused, naming the path, and nothing was created or cut
    for name, flags in (
        ("dangling", os.O_WRONLY | os.O_CREAT | os.O_EXCL),
        ("link", os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
        ("fifo", os.O_RDONLY),
    ):
        with pytest.raises(UnsafeFileError) as refused:
            open_private(tmp_path / name, flags)
        assert str(tmp_path / name) in str(refused.value.strerror)
    assert not (tmp_path / "nowhere").exists()
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    # AND a file of ours opens, truncated as asked
    os.close(open_private(tmp_path / "ours", os.O_WRONLY | os.O_TRUNC))
    assert (tmp_path / "ours").read_text(encoding="utf-8") == ""


@needs_root
def test_a_file_another_user_owns_at_a_fixed_name_is_refused_untouched(tmp_path: Path) -> None:
    # GIVEN our data folder holding a journal that another user owns
    folder = tmp_path / "trayscore"
    folder.mkdir()
    journal = folder / "history.json.journal"
    journal.write_text('{"schema":1,"journal":1,"id":"ab"}\n', encoding="utf-8")
    give_away(journal)
    # WHEN a reading is recorded (as root, who could write anywhere)
    told = record(folder)
    # THEN it is refused, naming the file, and the file is unchanged
    assert f"refused {journal}: it belongs to another user (uid {OTHER_UID})" in told
    assert journal.read_text(encoding="utf-8") == '{"schema":1,"journal":1,"id":"ab"}\n'


@needs_root
def test_a_folder_another_user_owns_is_refused(tmp_path: Path) -> None:
    # GIVEN a data folder that another user owns (and may fill with anything)
    folder = tmp_path / "trayscore"
    folder.mkdir()
    give_away(folder)
    # WHEN trayscore would write there  THEN it refuses, naming the folder, and writes nothing
    with pytest.raises(UnsafeFileError, match="the folder belongs to another user"):
        private_dir(folder)
    assert f"refused {folder}: the folder belongs to another user" in record(folder)
    assert list(folder.iterdir()) == []
