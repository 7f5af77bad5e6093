"""Several tenants in one settings file: the [[tenants]] list, and the old file as a list of one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from trayscore.core.errors import ConfigError
from trayscore.settings.file import settings_to_toml
from trayscore.settings.model import Settings, TenantEntry, load_settings
from trayscore.settings.tenants import (
    FIELD_CHECKS,
    Gap,
    as_row,
    as_table,
    check_rows,
    check_tenants,
)

from tests.helpers.local_attacker import admin_settings

CLIENT = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
OTHER_CLIENT = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"
ME = os.geteuid() if hasattr(os, "geteuid") else 0
LIST = f"""
client_id = "{CLIENT}"
source = "exposure-score"

[[tenants]]
name = "Contoso"
tenant = "contoso.onmicrosoft.com"

[[tenants]]
name = "Fabrikam (GCC High)"
tenant = "fabrikam.onmicrosoft.us"
cloud = "gcc-high"
client_id = "{OTHER_CLIENT}"
source = "secure-score"
"""


def loaded(tmp_path: Path, text: str, problems: list[str] | None = None) -> Settings:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path, {}, problems=problems, policy=None)


def test_an_old_single_tenant_file_is_a_list_of_one(tmp_path: Path) -> None:
    # GIVEN today's file: one tenant in the top-level keys
    settings = loaded(tmp_path, f'tenant = "contoso.onmicrosoft.com"\nclient_id = "{CLIENT}"\n')
    # WHEN its tenants are listed
    (only,) = settings.profiles
    # THEN there is one, named after its tenant, with exactly the file's settings
    assert only.name == "contoso.onmicrosoft.com"
    assert only.settings is settings
    assert settings.tenants == ()
    assert settings.is_set_up


def test_each_entry_takes_the_shared_keys_it_does_not_name(tmp_path: Path) -> None:
    # GIVEN two entries: one sharing the top-level app registration, one with its own cloud,
    # app registration and primary score
    settings = loaded(tmp_path, LIST)
    # WHEN the tenants are listed
    contoso, fabrikam = settings.profiles
    # THEN they keep the file's order and names
    assert (contoso.name, fabrikam.name) == ("Contoso", "Fabrikam (GCC High)")
    # AND the first uses the shared client ID, cloud and source
    assert contoso.settings.tenant == "contoso.onmicrosoft.com"
    assert contoso.settings.client_id == CLIENT
    assert contoso.settings.cloud == "commercial"
    assert contoso.settings.source == "exposure-score"
    # AND the second its own, with its cloud's automatic region
    assert fabrikam.settings.client_id == OTHER_CLIENT
    assert (fabrikam.settings.cloud, fabrikam.settings.region) == ("gcc-high", "auto")
    assert fabrikam.settings.source == "secure-score"
    # AND each is one tenant's settings, set up
    assert all(p.settings.tenants == () and p.settings.is_set_up for p in settings.profiles)
    assert settings.is_set_up


def test_a_tenant_is_found_by_its_name_or_its_tenant_in_any_case(tmp_path: Path) -> None:
    contoso, fabrikam = loaded(tmp_path, LIST).profiles
    assert contoso.matches("contoso")
    assert contoso.matches("CONTOSO.onmicrosoft.com")
    assert fabrikam.matches(" fabrikam (gcc high) ")
    assert not fabrikam.matches("Contoso")


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ('[[tenants]]\ntenant = "contoso.onmicrosoft.com"\n', "tenants[1]' in "),
        ('[[tenants]]\nname = "A"\n', 'needs tenant = "..."'),
        ('[[tenants]]\nname = "A"\ntenant = "a.com"\nclient = "x"\n', "unknown key 'client'"),
        ('[[tenants]]\nname = "A"\ntenant = "a.com"\nclient_id = "nope"\n', "tenants[1].client_id"),
        ('[[tenants]]\nname = ""\ntenant = "a.com"\n', "tenants[1].name"),
        (
            (
                '[[tenants]]\nname = "A"\ntenant = "a.com"\n'
                '[[tenants]]\nname = "a"\ntenant = "b.com"\n'
            ),
            "tenants[2] and tenants[1] are both named 'a'",
        ),
        ('tenants = "contoso"\n', "a list of [[tenants]] tables"),
    ],
)
def test_a_bad_entry_is_named_with_what_is_allowed(
    tmp_path: Path, entries: str, message: str
) -> None:
    # GIVEN a list with one mistake  WHEN the settings load strictly
    with pytest.raises(ConfigError) as raised:
        loaded(tmp_path, f'client_id = "{CLIENT}"\n{entries}')
    # THEN the one-line error names the entry (and field) and what is wrong
    assert message in raised.value.message
    assert "\n" not in raised.value.message


def test_an_entry_without_any_client_id_is_left_out_and_told(tmp_path: Path) -> None:
    # GIVEN no top-level client ID, and one entry without its own
    text = f"""
[[tenants]]
name = "Contoso"
tenant = "contoso.onmicrosoft.com"
client_id = "{CLIENT}"

[[tenants]]
name = "Northwind"
tenant = "northwind.example"
"""
    # WHEN the tray loads them leniently
    problems: list[str] = []
    settings = loaded(tmp_path, text, problems)
    # THEN the entry that cannot sign in is told by name and left out; the other stays
    assert [p.name for p in settings.profiles] == ["Contoso"]
    assert "'Northwind' has no client_id" in problems[0]
    # AND the command line refuses the file instead of guessing
    with pytest.raises(ConfigError):
        loaded(tmp_path, text)


def test_a_top_level_tenant_beside_a_list_is_ignored_with_a_warning(tmp_path: Path) -> None:
    settings = loaded(tmp_path, 'tenant = "old.example"\n' + LIST)
    assert [p.name for p in settings.profiles] == ["Contoso", "Fabrikam (GCC High)"]
    assert any("'tenant' is ignored while [[tenants]]" in w for w in settings.warnings)


def test_the_list_is_written_back_as_read(tmp_path: Path) -> None:
    # GIVEN the two-tenant settings  WHEN the dialog's writer writes them and they load again
    settings = loaded(tmp_path, LIST)
    text = settings_to_toml(settings)
    again = loaded(tmp_path, text)
    # THEN nothing changed, and an entry's unset keys stay unset (they follow the shared ones)
    assert again == settings
    assert again.tenants[0] == TenantEntry("Contoso", tenant="contoso.onmicrosoft.com")
    assert text.count("[[tenants]]") == 2


def test_an_administrator_can_preset_and_lock_the_list(tmp_path: Path) -> None:
    # GIVEN an administrator's file that lists the tenants and locks the list
    admin_folder = tmp_path / "xdg"
    admin = admin_settings(
        admin_folder, f'client_id = "{CLIENT}"\nlocked = ["tenants"]\n' + LIST.split("\n", 3)[3]
    )
    # AND a user's file with a list of its own
    user = tmp_path / "user.toml"
    user.write_text('[[tenants]]\nname = "Mine"\ntenant = "mine.example"\n', encoding="utf-8")
    # WHEN the settings load
    settings = load_settings(user, {}, admin, admin_owner=ME, policy=None)
    # THEN the administrator's list is in force, locked, and the user's is ignored, with a word
    assert [p.name for p in settings.profiles] == ["Contoso", "Fabrikam (GCC High)"]
    assert "tenants" in settings.locked
    assert any("'tenants' is set by your administrator" in w for w in settings.warnings)
    # AND the dialog's writer does not write a list the user cannot change
    assert "[[tenants]]" not in settings_to_toml(settings)


def test_a_list_longer_than_any_real_one_is_refused_in_one_line(tmp_path: Path) -> None:
    # GIVEN a file listing 300 tenants  WHEN it loads  THEN one line refuses it, before any
    # entry is built
    entry = '[[tenants]]\nname = "x"\ntenant = "x.example"\n'
    with pytest.raises(ConfigError, match="lists 300 tenants; at most 200 are allowed"):
        loaded(tmp_path, entry * 300)


def test_doctor_says_how_many_tenants_and_checks_the_first(tmp_path: Path) -> None:
    # GIVEN a settings file listing two tenants
    from trayscore.doctor.configuration import check_settings  # noqa: PLC0415

    path = tmp_path / "settings.toml"
    path.write_text(LIST, encoding="utf-8")
    # WHEN doctor checks the settings
    check, settings = check_settings(path, {}, ())
    # THEN the line passes and says the checks that follow read the first tenant, by name
    assert check.ok is True
    assert "2 tenants listed; the checks below read the first, Contoso" in check.detail
    assert settings is not None


def row(**values: str) -> dict[str, str]:
    """One entry as the settings dialog holds it: every field's text, blank when unset."""
    return {key: values.get(key, "") for key in FIELD_CHECKS}


def test_the_dialogs_rows_are_checked_as_load_checks_the_list() -> None:
    # GIVEN two good rows, the second with its own cloud and client ID
    rows = [
        row(name="Contoso", tenant="Contoso.onmicrosoft.com"),
        row(name="Fabrikam", tenant="fabrikam.onmicrosoft.us", cloud="gcc-high",
            client_id=OTHER_CLIENT),
    ]  # fmt: skip
    # WHEN checked with a shared client ID
    checks = check_rows(rows, CLIENT)
    # THEN each becomes the entry load would make of the same table
    assert [check.entry for check in checks] == [
        TenantEntry("Contoso", tenant="contoso.onmicrosoft.com"),
        TenantEntry("Fabrikam", "fabrikam.onmicrosoft.us", OTHER_CLIENT, "gcc-high"),
    ]
    assert all(not check.problems for check in checks)


def test_a_rows_problems_are_named_by_field() -> None:
    # GIVEN a bad client ID, a name used twice in another case, a row with neither tenant nor
    # authority, and one without a name
    rows = [
        row(name="Contoso", tenant="contoso.onmicrosoft.com", client_id="1234"),
        row(name="CONTOSO", tenant="fabrikam.onmicrosoft.com"),
        row(name="Northwind"),
        row(tenant="tailspin.onmicrosoft.com"),
    ]
    # WHEN checked with no client ID to share
    checks = check_rows(rows, "  ")
    # THEN the validator's line, or what is missing, is under each field
    first = checks[0].problems["client_id"]
    assert isinstance(first, str)
    assert "tenants[1].client_id" in first
    assert "allowed: " in first
    assert checks[1].problems == {"name": Gap.DUPLICATE, "client_id": Gap.CLIENT_ID}
    assert checks[2].problems == {"tenant": Gap.TENANT, "client_id": Gap.CLIENT_ID}
    assert checks[3].problems["name"] is Gap.NAME
    assert all(check.entry is None for check in checks)


def test_an_entry_as_a_row_and_as_a_table_round_trips_through_the_check() -> None:
    # GIVEN an entry with an authority of its own and no tenant
    entry = TenantEntry("Contoso", authority="https://login.microsoftonline.com/contoso.com")
    # THEN its row is every field's text, its table only the keys it sets, and both check back
    assert as_row(entry)["tenant"] == ""
    assert as_table(entry) == {"name": "Contoso", "authority": entry.authority}
    assert check_rows([as_row(entry)], CLIENT)[0].entry == entry
    assert check_tenants([as_table(entry)], "setting 'tenants'") == (entry,)
