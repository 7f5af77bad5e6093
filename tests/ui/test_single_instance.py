"""One instance per settings folder, claimed where only this user can reach.

The place follows the XDG Base Directory Specification ("$XDG_RUNTIME_DIR ... MUST be owned by the
user, and he MUST be the only one having read and write access to it. Its Unix access mode MUST be
0700"); a crash's leftover socket does not block the next start; what someone else put at the
address is never talked to.
"""

from __future__ import annotations

import os
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from trayscore.system.instance_address import (
    InstanceUnavailable,
    instance_address,
    instance_key,
    socket_problem,
    windows_pipe_name,
)
from trayscore.ui.single_instance import SingleInstance

UID = os.getuid()


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    """A private (0700) folder with a short path, as a session's XDG_RUNTIME_DIR is."""
    folder = Path(tempfile.mkdtemp(prefix="xrd-"))
    folder.chmod(0o700)
    try:
        yield folder
    finally:
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()


def address_in(runtime_dir: Path, config_dir: Path) -> str:
    return instance_address(
        config_dir, config_dir / "state", {"XDG_RUNTIME_DIR": str(runtime_dir)}, platform="linux"
    )


def test_a_second_instance_hands_over_and_the_first_shows_up(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path
) -> None:
    name = address_in(runtime_dir, tmp_path)
    first = SingleInstance(name)
    assert first.claim()
    try:
        second = SingleInstance(name)
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert not second.claim()
    finally:
        first.release()


def test_different_settings_folders_do_not_collide(tmp_path: Path, runtime_dir: Path) -> None:
    a = SingleInstance(address_in(runtime_dir, tmp_path / "a"))
    b = SingleInstance(address_in(runtime_dir, tmp_path / "b"))
    try:
        assert a.claim()
        assert b.claim()
    finally:
        a.release()
        b.release()


def test_a_stale_socket_left_by_a_crash_is_replaced(tmp_path: Path, runtime_dir: Path) -> None:
    # GIVEN a socket file of ours nobody listens on (what a crashed instance leaves behind)
    name = address_in(runtime_dir, tmp_path)
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(name)
    leftover.close()
    assert Path(name).exists()
    # WHEN trayscore starts  THEN it takes over
    fresh = SingleInstance(name)
    try:
        assert fresh.claim()
    finally:
        fresh.release()


# --- where the socket lives ------------------------------------------------------------------


def test_the_socket_is_a_full_path_in_the_private_runtime_dir(
    tmp_path: Path, runtime_dir: Path
) -> None:
    """XDG Base Directory Specification, ``$XDG_RUNTIME_DIR``: the user's own 0700 folder."""
    # GIVEN a session with its private runtime folder  WHEN the address is built
    address = address_in(runtime_dir, tmp_path)
    # THEN it is a full path there (Qt would put a plain name in the shared /tmp)
    assert Path(address) == runtime_dir / f"trayscore-{instance_key(tmp_path)}"
    # AND the socket Qt makes there is reachable by this user only
    instance = SingleInstance(address)
    try:
        assert instance.claim()
        assert stat.S_ISSOCK(Path(address).lstat().st_mode)
        assert Path(address).lstat().st_uid == UID
    finally:
        instance.release()


@pytest.mark.parametrize("runtime", [None, "relative/run", "open", "missing"])
def test_without_a_usable_runtime_dir_a_private_state_folder_is_used(
    tmp_path: Path, runtime: str | None
) -> None:
    """The spec: with no usable $XDG_RUNTIME_DIR, fall back to a folder with the same rights."""
    # GIVEN no runtime folder, a relative one, one open to others (0755), or one that is gone
    environ: dict[str, str] = {}
    if runtime == "open":
        (tmp_path / "open").mkdir(mode=0o755)
        (tmp_path / "open").chmod(0o755)
        environ["XDG_RUNTIME_DIR"] = str(tmp_path / "open")
    elif runtime == "missing":
        environ["XDG_RUNTIME_DIR"] = str(tmp_path / "missing")
    elif runtime is not None:
        environ["XDG_RUNTIME_DIR"] = runtime
    state = tmp_path / "state"
    # WHEN the address is built
    address = Path(instance_address(tmp_path, state, environ, platform="linux", uid=UID))
    # THEN the socket goes into state/run, made 0700, never into a shared folder
    assert address.parent == state / "run"
    assert stat.S_IMODE((state / "run").stat().st_mode) == 0o700
    assert not str(address).startswith(tempfile.gettempdir() + "/trayscore")


def test_a_fallback_folder_of_ours_left_open_is_tightened(tmp_path: Path) -> None:
    # GIVEN a state/run folder of ours that is readable by others
    (tmp_path / "state" / "run").mkdir(parents=True)
    (tmp_path / "state" / "run").chmod(0o755)
    # WHEN the address is built  THEN the folder is 0700 again
    instance_address(tmp_path, tmp_path / "state", {}, platform="linux", uid=UID)
    assert stat.S_IMODE((tmp_path / "state" / "run").stat().st_mode) == 0o700


def test_a_fallback_folder_of_another_user_is_refused(tmp_path: Path) -> None:
    # GIVEN a state/run folder owned by someone else (here: we pretend to be another uid)
    (tmp_path / "state" / "run").mkdir(parents=True, mode=0o700)
    # WHEN the address is built  THEN trayscore refuses, naming the folder and the owner
    with pytest.raises(InstanceUnavailable, match=r"state/run belongs to user id \d+, not to you"):
        instance_address(tmp_path, tmp_path / "state", {}, platform="linux", uid=UID + 1)


def test_a_fallback_folder_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    # GIVEN state/run planted as a symbolic link to an open folder
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "run").symlink_to(tmp_path / "elsewhere")
    # WHEN the address is built  THEN it is refused, not followed
    with pytest.raises(InstanceUnavailable, match="symbolic link"):
        instance_address(tmp_path, tmp_path / "state", {}, platform="linux", uid=UID)


def test_macos_uses_the_per_user_temp_dir(tmp_path: Path, runtime_dir: Path) -> None:
    """macOS gives each user a 0700 ``$TMPDIR`` under /var/folders (DARWIN_USER_TEMP_DIR)."""
    environ = {"TMPDIR": f"{runtime_dir}/", "XDG_RUNTIME_DIR": "/nowhere"}
    address = instance_address(tmp_path, tmp_path / "state", environ, platform="darwin", uid=UID)
    assert Path(address).parent == runtime_dir


def test_an_overlong_socket_path_is_refused_with_what_to_do(tmp_path: Path) -> None:
    # GIVEN a state folder so deep that the socket path exceeds sun_path (108 bytes on Linux)
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    # WHEN the address is built  THEN the start stops with the fix, instead of a silent failure
    with pytest.raises(InstanceUnavailable, match=r"longer than the 107 bytes.*XDG_RUNTIME_DIR"):
        instance_address(tmp_path, deep, {}, platform="linux", uid=UID)


def test_the_windows_pipe_name_holds_the_users_sid(tmp_path: Path) -> None:
    """Named pipes share one namespace per machine: the SID keeps each user's name apart."""
    alice, bob = "S-1-5-21-1004336348-1177238915-682003330-1001", "S-1-5-21-1-2-3-1002"
    # GIVEN two users with the same settings folder path
    a = instance_address(tmp_path, tmp_path, {}, platform="win32", sid=alice)
    b = instance_address(tmp_path, tmp_path, {}, platform="win32", sid=bob)
    # THEN each name carries its own SID and the folder's key, and they differ
    assert a == f"trayscore-{alice}-{instance_key(tmp_path)}"
    assert b == f"trayscore-{bob}-{instance_key(tmp_path)}"
    # AND something that is not a SID is never put into a pipe name
    with pytest.raises(ValueError, match="not a SID"):
        windows_pipe_name("0000abcd", "S-1-5\\..\\x")


# --- what is already at the address ------------------------------------------------------------


def test_a_file_in_the_way_is_reported_and_never_removed(tmp_path: Path, runtime_dir: Path) -> None:
    # GIVEN a plain file where the socket goes
    name = address_in(runtime_dir, tmp_path)
    Path(name).write_text("not a socket")
    # WHEN trayscore tries to claim the name  THEN it refuses and says why
    with pytest.raises(InstanceUnavailable, match="not a socket"):
        SingleInstance(name).claim()
    # AND the file is left as it was
    assert Path(name).read_text() == "not a socket"


def test_a_socket_of_another_user_is_not_talked_to(tmp_path: Path) -> None:
    # GIVEN a listening socket that belongs to another user (we pretend to be another uid)
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as squatter:
        squatter.bind(str(path))
        squatter.listen()
        # THEN it is reported, naming its owner
        problem = socket_problem(str(path), uid=UID + 1)
        assert problem is not None
        assert f"belongs to user id {UID}, not to you" in problem
        # AND ours, or nothing at all, is fine; a Windows pipe name is no path
        assert socket_problem(str(path), uid=UID) is None
        assert socket_problem(str(tmp_path / "nothing"), uid=UID) is None
        assert socket_problem("trayscore-S-1-5-21-1-1001-0000abcd") is None


@pytest.mark.skipif(os.geteuid() != 0, reason="making a file another user's needs root")
def test_a_live_socket_of_another_user_gets_no_connection(
    tmp_path: Path, runtime_dir: Path
) -> None:
    # GIVEN another user's socket listening at our address (only root can put it there)
    name = address_in(runtime_dir, tmp_path)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as squatter:
        squatter.bind(name)
        squatter.listen()
        squatter.setblocking(False)
        os.chown(name, 65534, 65534)
        # WHEN trayscore starts  THEN it refuses, names the owner
        with pytest.raises(InstanceUnavailable, match="belongs to user id 65534"):
            SingleInstance(name).claim()
        # AND it never connected (so sent no "show")
        with pytest.raises(BlockingIOError):
            squatter.accept()
