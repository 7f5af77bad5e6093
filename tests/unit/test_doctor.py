"""The doctor's check functions, each given its inputs directly."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path

from trayscore.config import Settings
from trayscore.doctor import (
    Check,
    check_account,
    check_history,
    check_host,
    check_notifications,
    check_settings,
    check_tray,
    check_versions,
    failed,
)
from trayscore.history import HistoryStore
from trayscore.models import Reading

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def test_lines_show_mark_name_detail_and_fix_only_when_not_ok() -> None:
    # GIVEN a passing, a failing and a warning check  WHEN shown  THEN marks and fixes fit
    assert Check("api", ok=True, detail="fine", fix="x").line() == "✓ api: fine"
    assert Check("api", ok=False, detail="down", fix="fix it").line() == "✗ api: down → fix it"
    assert Check("bus", ok=None, detail="none", fix="start").line() == "! bus: none → start"
    assert Check("api", ok=None, detail="d").to_json() == {
        "check": "api",
        "ok": None,
        "detail": "d",
        "fix": "",
    }


def test_only_blocking_failures_fail_the_command() -> None:
    # GIVEN a non-blocking failure and a warning  THEN it has not failed; a blocking one has
    soft = [Check("tray", ok=False, detail="x"), Check("bus", ok=None, detail="y")]
    assert not failed(soft)
    assert failed([*soft, Check("api", ok=False, detail="z", blocking=True)])


def test_bad_settings_name_the_key_and_the_file(tmp_path: Path) -> None:
    # GIVEN a settings file with a bad cloud  WHEN checked
    path = tmp_path / "settings.toml"
    path.write_text('cloud = "moon"\n', encoding="utf-8")
    check, settings = check_settings(path, {})
    # THEN it is a blocking failure naming the key, and the fix names the file
    assert settings is None
    assert check.ok is False
    assert check.blocking
    assert "'cloud'" in check.detail
    assert str(path) in check.fix


def test_missing_settings_are_valid(tmp_path: Path) -> None:
    check, settings = check_settings(tmp_path / "none.toml", {})
    assert check.ok is True
    assert settings == Settings()


def test_notifications_without_a_service_are_a_warning() -> None:
    # GIVEN a bus on which the probe finds nothing  THEN a warning, not a failure
    check = check_notifications("unix:path=/nowhere", lambda _address: None)
    assert check.ok is None
    assert "tray balloon" in check.detail
    assert check_notifications(None, lambda _address: None).ok is None


def test_notifications_with_a_service_pass() -> None:
    assert check_notifications("unix:path=/bus", lambda _address: object()).ok is True


def test_tray_depends_on_a_graphical_session_on_linux_only() -> None:
    assert check_tray({"DISPLAY": ":0"}, "linux").ok is True
    assert check_tray({"WAYLAND_DISPLAY": "wayland-0"}, "linux").ok is True
    assert check_tray({}, "linux").ok is False
    assert check_tray({}, "win32").ok is None


def test_a_closed_port_is_a_failure_with_a_fix() -> None:
    # GIVEN a loopback port nobody listens on
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # WHEN checked  THEN a blocking failure with a fix
    check = check_host("api", f"http://127.0.0.1:{port}", {}, blocking=True, timeout=2)
    assert check.ok is False
    assert check.blocking
    assert check.fix


def test_an_open_loopback_port_passes() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        check = check_host("api", f"http://127.0.0.1:{port}", {}, blocking=True, timeout=2)
    assert check.ok is True


def test_an_unresolvable_host_fails_at_dns() -> None:
    check = check_host("api", "https://doctor-test.invalid", {}, blocking=True, timeout=2)
    assert check.ok is False
    assert "DNS" in check.detail


def test_an_access_token_variable_is_used_and_never_shown() -> None:
    token = "tok-" + "Z" * 40
    check = check_account(Settings(), {"TRAYSCORE_ACCESS_TOKEN": token}, NOW)
    assert check.ok is True
    assert token not in check.detail


def test_no_app_registration_is_a_warning() -> None:
    check = check_account(Settings(), {}, NOW)
    assert check.ok is None
    assert "trayscore login" in check.fix


def test_history_counts_entries_and_the_last_time(tmp_path: Path) -> None:
    # GIVEN a history with one reading
    store = HistoryStore(tmp_path / "history.json", clock=lambda: NOW)
    store.record(Reading(source="exposure-score", score=42.0, time=NOW, fetched_at=NOW))
    # WHEN checked  THEN one entry and its time
    check = check_history(HistoryStore(tmp_path / "history.json", clock=lambda: NOW))
    assert check.ok is True
    assert check.detail.startswith("1 entries, last at 2026-11-28T09:30:00+00:00")


def test_an_empty_history_is_fine(tmp_path: Path) -> None:
    check = check_history(HistoryStore(tmp_path / "history.json"))
    assert check.ok is True
    assert "no entries yet" in check.detail


def test_versions_name_every_component() -> None:
    detail = check_versions().detail
    for name in ("trayscore", "Python", "PySide6", "msal", "requests", "keyring"):
        assert name in detail
