"""The administrator's settings: every XDG_CONFIG_DIRS entry, trusted only when root's alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from trayscore.doctor.configuration import check_settings
from trayscore.settings.model import load_settings
from trayscore.system.paths import AppPaths, admin_settings_files

from tests.helpers.local_attacker import admin_settings, give_away, needs_root

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
ME = os.geteuid() if hasattr(os, "geteuid") else 0  # the owner these tests can create files as


def test_every_xdg_config_dirs_entry_is_read_most_important_first_then_etc_xdg() -> None:
    """XDG Base Directory Specification 0.8, "Environment variables": $XDG_CONFIG_DIRS is a
    preference-ordered, colon-separated list, the first directory the most important; relative
    paths are invalid and ignored; unset or empty means /etc/xdg.
    """
    # GIVEN Ubuntu GNOME's value  WHEN the administrator's files are listed
    ubuntu = admin_settings_files({"XDG_CONFIG_DIRS": "/etc/xdg/xdg-ubuntu:/etc/xdg"}, "linux")
    # THEN both entries are there, in order, each with trayscore/settings.toml
    assert ubuntu == (
        Path("/etc/xdg/xdg-ubuntu/trayscore/settings.toml"),
        Path("/etc/xdg/trayscore/settings.toml"),
    )
    # AND /etc/xdg comes last when the variable leaves it out; relative entries are dropped
    other = admin_settings_files({"XDG_CONFIG_DIRS": "/opt/kde/xdg:relative/xdg:"}, "linux")
    assert other == (
        Path("/opt/kde/xdg/trayscore/settings.toml"),
        Path("/etc/xdg/trayscore/settings.toml"),
    )
    # AND unset or empty means /etc/xdg alone
    for environ in ({}, {"XDG_CONFIG_DIRS": ""}):
        assert admin_settings_files(environ, "linux") == (Path("/etc/xdg/trayscore/settings.toml"),)
    # AND the per-user paths carry the same list
    paths = AppPaths.for_user({"XDG_CONFIG_DIRS": "/etc/xdg/xdg-ubuntu:/etc/xdg"})
    assert paths.system_settings_files == ubuntu


def test_the_administrators_file_in_the_second_entry_applies_with_its_locks(
    tmp_path: Path,
) -> None:
    """XDG Base Directory Specification 0.8, "Environment variables": every entry is searched."""
    # GIVEN XDG_CONFIG_DIRS whose first entry has no trayscore file and whose second has one
    # that sets and locks the tenant and the cloud
    first, second = tmp_path / "xdg-ubuntu", tmp_path / "xdg"
    first.mkdir()
    admin_settings(second, f'tenant = "{TENANT}"\ncloud = "gcc"\nlocked = ["tenant", "cloud"]\n')
    files = admin_settings_files({"XDG_CONFIG_DIRS": f"{first}:{second}"}, "linux")
    # AND a user file and an environment that try to change them
    user = tmp_path / "user.toml"
    user.write_text('tenant = "fabrikam.com"\ncloud = "commercial"\n', encoding="utf-8")
    # WHEN the settings load
    settings = load_settings(user, {"TRAYSCORE_CLOUD": "gcc-high"}, files, admin_owner=ME)
    # THEN the administrator's values hold and are locked, and the file is named as in force
    assert (settings.tenant, settings.cloud) == (TENANT, "gcc")
    assert settings.locked == frozenset({"tenant", "cloud"})
    assert settings.administered_by == (str(second / "trayscore" / "settings.toml"),)
    assert sum("set by your administrator" in w for w in settings.warnings) == 3


def test_a_more_important_entry_wins_and_every_entrys_locks_hold(tmp_path: Path) -> None:
    """XDG Base Directory Specification 0.8, "Environment variables": "When the same information
    is defined in multiple places the information defined relative to the more important base
    directory takes precedent."
    """
    # GIVEN two administrator's files that disagree on the cloud, each locking one key
    first = admin_settings(tmp_path / "a", 'cloud = "gcc"\nlocked = ["cloud"]\n')
    second = admin_settings(
        tmp_path / "b", 'cloud = "gcc-high"\nrefresh_minutes = 7\nlocked = ["refresh_minutes"]\n'
    )
    # WHEN the settings load with the first one more important
    settings = load_settings(tmp_path / "none.toml", {}, (first, second), admin_owner=ME)
    # THEN the first's value wins, the second's other value stays, and both locks hold
    assert settings.cloud == "gcc"
    assert settings.refresh_minutes == 7
    assert settings.locked == frozenset({"cloud", "refresh_minutes"})
    assert settings.administered_by == (str(first), str(second))


@pytest.mark.parametrize(
    ("mode", "folder_mode", "why"),
    [
        (0o666, 0o755, "group or others may change it (mode 0666)"),
        (0o664, 0o755, "group or others may change it (mode 0664)"),
        (0o644, 0o777, "group or others may write to its folder (mode 0777)"),
        (0o644, 0o1777, "group or others may write to its folder (mode 1777)"),
    ],
)
def test_an_administrators_file_an_ordinary_user_could_change_is_refused_and_reported(
    tmp_path: Path, mode: int, folder_mode: int, why: str
) -> None:
    # GIVEN an administrator's file that locks the tenant, in a place others may write to
    # (Kubuntu puts a user-writable folder first in XDG_CONFIG_DIRS)
    path = admin_settings(
        tmp_path, f'tenant = "{TENANT}"\nlocked = ["tenant"]\n', mode=mode, folder_mode=folder_mode
    )
    # WHEN the settings load
    settings = load_settings(tmp_path / "none.toml", {}, [path], admin_owner=ME)
    # THEN nothing in it applies, and a warning names the file and why it was refused
    assert settings.tenant is None
    assert settings.locked == frozenset()
    assert settings.administered_by == ()
    assert settings.warnings == (
        (
            f"administrator's settings file {path} ignored: {why}. An administrator's file "
            "must belong to root, and only root may change it and its folder."
        ),
    )


@needs_root
def test_an_administrators_file_not_owned_by_root_is_refused(tmp_path: Path) -> None:
    # GIVEN an administrator's file that another user owns, in a root-owned folder
    path = admin_settings(tmp_path, f'tenant = "{TENANT}"\nlocked = ["tenant"]\n')
    give_away(path)
    # WHEN the settings load with the real rule (root must own it)
    settings = load_settings(tmp_path / "none.toml", {}, [path])
    # THEN it is ignored and reported
    assert settings.tenant is None
    assert settings.locked == frozenset()
    assert f"{path} ignored: it belongs to uid 65534, not uid 0" in settings.warnings[0]
    # AND a folder that another user owns makes a root-owned file in it untrusted as well
    path.parent.chmod(0o755)
    os.chown(path, 0, 0)
    give_away(path.parent)
    settings = load_settings(tmp_path / "none.toml", {}, [path])
    assert settings.tenant is None
    assert "its folder belongs to uid 65534, not uid 0" in settings.warnings[0]


@needs_root
def test_doctor_names_the_administrators_files_in_force_and_the_refused_ones(
    tmp_path: Path,
) -> None:
    # GIVEN two administrator's files: root's own, and one another user owns
    # (with the registration, so the settings line is about the files, not "not set up")
    registration = 'tenant = "contoso.onmicrosoft.com"\nclient_id = "{}"\n'.format(
        "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
    )
    good = admin_settings(tmp_path / "good", registration + 'cloud = "gcc"\nlocked = ["cloud"]\n')
    planted = admin_settings(tmp_path / "planted", 'cloud = "gcc-high"\n')
    give_away(planted)
    # WHEN the doctor checks the settings
    check, settings = check_settings(tmp_path / "none.toml", {}, (planted, good))
    # THEN the line names the file in force and the refused one, as a warning
    assert settings is not None
    assert settings.cloud == "gcc"
    assert check.ok is None
    assert f"administrator's settings: {good}" in check.detail
    assert f"administrator's settings file {planted} ignored" in check.detail
    # AND with only the trusted file the check passes and still names it
    check, _ = check_settings(tmp_path / "none.toml", {}, (good,))
    assert check.ok is True
    assert check.detail.endswith(f"; administrator's settings: {good}")
