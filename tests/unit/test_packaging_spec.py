"""The frozen app's spec lists what PyInstaller cannot find by reading the imports."""

from __future__ import annotations

from pathlib import Path

from trayscore.cli.main import COMMANDS

SPEC = Path(__file__).resolve().parents[2] / "packaging" / "trayscore.spec"


def test_every_command_module_is_a_hidden_import_of_the_frozen_app() -> None:
    # GIVEN the CLI's command table, whose modules are imported by name only when they run
    spec = SPEC.read_text(encoding="utf-8")
    # WHEN the spec's hidden imports are read  THEN each command's module is among them
    missing = sorted(
        module
        for module, _function in COMMANDS.values()
        if f'"trayscore.cli.commands.{module}"' not in spec
    )
    assert missing == [], f"add to hiddenimports in packaging/trayscore.spec: {missing}"
