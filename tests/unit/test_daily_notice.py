"""Once-a-day warnings: said on the first command of a day, silent after, never silenced by a
file that is not ours."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from trayscore.system.daily_notice import first_today

from tests.helpers.local_attacker import needs_root

TODAY = date(2026, 12, 2)
TOMORROW = date(2026, 12, 3)
WARNING = "No working keyring: sign-in lasts only until trayscore quits."


def test_a_warning_is_said_once_a_day_and_again_the_next(tmp_path: Path) -> None:
    memory = tmp_path / "state" / "told-today"
    # GIVEN nothing said yet  THEN the first command says it, the next ones do not
    assert first_today(memory, WARNING, TODAY)
    assert not first_today(memory, WARNING, TODAY)
    # AND another warning is still said the same day
    assert first_today(memory, "another warning", TODAY)
    # AND the next day the first one is said again, and yesterday's lines are dropped
    assert first_today(memory, WARNING, TOMORROW)
    assert all(line.startswith("2026-12-03 ") for line in memory.read_text().splitlines())
    # AND the memory is private and holds no words of the warning
    assert oct(memory.stat().st_mode & 0o777) == "0o600"
    assert oct(memory.parent.stat().st_mode & 0o777) == "0o700"
    assert "keyring" not in memory.read_text()


def test_a_planted_link_is_not_followed_and_the_warning_is_said(tmp_path: Path) -> None:
    # GIVEN the memory's name is a link to a file of the user's
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    memory = tmp_path / "state" / "told-today"
    memory.parent.mkdir(mode=0o700)
    memory.symlink_to(target)
    # WHEN a warning is due  THEN it is said every time and nothing is written through the link
    assert first_today(memory, WARNING, TODAY)
    assert first_today(memory, WARNING, TODAY)
    assert target.read_text() == "keep me\n"


def test_a_huge_or_garbled_memory_only_costs_a_repeat(tmp_path: Path) -> None:
    memory = tmp_path / "told-today"
    memory.write_bytes(b"\xff\xfe" * 100_000)
    memory.chmod(0o600)
    assert first_today(memory, WARNING, TODAY)
    assert not first_today(memory, WARNING, TODAY)
    assert memory.stat().st_size < 100


@needs_root
def test_another_users_memory_is_refused_and_the_warning_is_said(tmp_path: Path) -> None:
    memory = tmp_path / "told-today"
    memory.write_text(f"{TODAY.isoformat()} 0000000000000000\n")
    os.chown(memory, 65534, 65534)
    assert first_today(memory, WARNING, TODAY)
    assert first_today(memory, WARNING, TODAY)
    assert memory.read_text() == f"{TODAY.isoformat()} 0000000000000000\n"
