"""The settings schema is the one list of keys: every other table is derived from its rows."""

from __future__ import annotations

import typing
from collections import Counter
from dataclasses import fields
from pathlib import Path

from trayscore.settings import file, registry, schema
from trayscore.settings.checks import WholeNumber, flag
from trayscore.settings.model import ENV_OVERRIDES, NotificationSettings, Settings, load_settings
from trayscore.settings.schema import KEYS, NOTIFICATION_KEYS, Role, Written
from trayscore.settings.tenants import FIELD_CHECKS


def test_each_key_appears_exactly_once_in_the_schema() -> None:
    # GIVEN the schema's rows and the [notifications] table's rows
    for rows in (KEYS, NOTIFICATION_KEYS):
        # WHEN their names, environment variables and registry value names are counted
        names = Counter(row.name for row in rows)
        variables = Counter(row.env for row in rows if row.env)
        values = Counter(str(row.registry).casefold() for row in rows if row.registry)
        # THEN none is there twice (registry names case-insensitively, as Windows compares)
        assert max(names.values()) == 1
        assert not variables or max(variables.values()) == 1
        assert max(values.values()) == 1


def test_the_settings_fields_are_the_schemas_setting_rows() -> None:
    # GIVEN the schema's setting rows (not the older spellings, not the administrator's lock)
    rows = [row for row in KEYS if row.role is Role.SETTING]
    # WHEN the Settings dataclass's compared fields are derived
    declared = [item for item in fields(Settings) if item.compare]
    hints = typing.get_type_hints(Settings)
    # THEN they are the rows' names in the rows' order, with the rows' types and defaults
    assert [item.name for item in declared] == [row.name for row in rows]
    assert [hints[item.name] for item in declared] == [row.type for row in rows]
    assert [item.default for item in declared] == [row.default for row in rows]
    # AND the same holds for the [notifications] table
    table = fields(NotificationSettings)
    table_hints = typing.get_type_hints(NotificationSettings)
    assert [(item.name, item.default) for item in table] == [
        (row.name, row.default) for row in NOTIFICATION_KEYS
    ]
    assert [table_hints[item.name] for item in table] == [row.type for row in NOTIFICATION_KEYS]


def test_the_file_keys_and_environment_overrides_are_the_rows() -> None:
    # GIVEN the schema WHEN the keys a file may hold and the environment overrides are derived
    # THEN a file takes every row but the administrator's lock, in the schema's order
    assert list(schema.FILE_KEYS) == [row.name for row in KEYS if row.role is not Role.ADMIN]
    assert all(
        schema.FILE_KEYS[row.name] is row.check for row in KEYS if row.name in schema.FILE_KEYS
    )
    # AND each environment variable names its row's key, in the schema's order
    assert list(ENV_OVERRIDES.items()) == [(row.env, row.name) for row in KEYS if row.env]
    # AND an administrator may lock every key a file may hold
    assert frozenset(schema.FILE_KEYS) == schema.LOCKABLE


def test_the_registry_names_are_the_rows() -> None:
    # GIVEN the schema WHEN the policy's value names and types are derived
    subkeys = {Written.TABLE, Written.TABLES}  # a table and a list are subkeys, not values
    by_order = sorted(
        (row for row in KEYS if row.registry and row.written not in subkeys),
        key=lambda row: row.policy_order,
    )
    # THEN every row with a registry name is a policy value, in the published order
    assert list(registry.VALUE_NAMES.items()) == [(row.registry, row.name) for row in by_order]
    assert list(registry.VALUE_NAMES) == [
        "Tenant", "ClientId", "Cloud", "Region", "RefreshMinutes", "ApiUrl", "GraphUrl",
        "Authority", "DefenderResource", "Source", "SignInMethod", "IconStyle", "IconNumber",
        "Language", "Locked",
    ]  # fmt: skip
    assert list(registry.NOTIFICATION_NAMES.items()) == [
        (row.registry, row.name) for row in NOTIFICATION_KEYS
    ]
    assert registry.NOTIFICATIONS_KEY == registry.POLICY_KEY + r"\Notifications"
    # AND the tenants list is a subkey whose entries' values are named like the top-level ones
    assert registry.TENANTS_KEY == registry.POLICY_KEY + r"\Tenants"
    assert list(registry.TENANT_NAMES.values()) == list(FIELD_CHECKS)
    shared = {row.name: row.registry for row in KEYS if row.name in FIELD_CHECKS}
    assert all(registry.TENANT_NAMES[str(name)] == field for field, name in shared.items())
    assert list(registry.TENANT_NAMES) == [
        "Name", "Tenant", "ClientId", "Cloud", "Source", "Authority"
    ]  # fmt: skip
    # AND the numbers and flags a registry may hand over as text are the rows' checks
    every = KEYS + NOTIFICATION_KEYS
    assert {r.name for r in every if isinstance(r.check, WholeNumber)} == registry.WHOLE_NUMBERS
    assert {r.name for r in every if r.check is flag and r.registry} == registry.FLAGS


def test_the_written_file_follows_the_rows(tmp_path: Path) -> None:
    # GIVEN settings with every key set, and none locked
    path = tmp_path / "settings.toml"
    path.write_text(
        'tenant = "organizations"\nclient_id = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"\n'
        'api_url = "https://api.example.com"\ngraph_url = "https://graph.example.com/v1.0"\n'
        'authority = "https://login.example.com"\ndefender_resource = "https://res.example.com"\n',
        encoding="utf-8",
    )
    settings = load_settings(path, {}, policy=None)
    # WHEN they are written
    text = file.settings_to_toml(settings)
    keys = [line.split(" = ")[0] for line in text.splitlines() if " = " in line]
    # THEN the main rows come first, then the overrides, then each table's rows
    main = [row.name for row in KEYS if row.written is Written.MAIN]
    overrides = [row.name for row in KEYS if row.written is Written.OVERRIDE]
    assert keys == main + overrides + [row.name for row in NOTIFICATION_KEYS]
    assert "\n[notifications]\n" in text
    # AND a blank value means "not set" exactly for the rows whose default is not set
    assert frozenset(row.name for row in KEYS if row.default is None) == schema.UNSET_WHEN_BLANK
