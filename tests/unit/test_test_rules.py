"""Rules for the tests themselves: shared pieces live in tests/helpers, not in other tests.

A test module that imports another one runs that module's import-time code, ties two tiers
together (a ui test breaking when an e2e file is renamed) and hides what is shared. Parsed with
:mod:`ast`, never imported.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Final

TESTS: Final = Path(__file__).resolve().parents[1]
ROOT: Final = TESTS.parent

# Test modules allowed to import another test module: (importer, imported) -> why. None since
# issue 18: shared pieces live in tests/helpers.
KNOWN_BREAKS: Final[dict[tuple[str, str], str]] = {}


def imported_modules(path: Path) -> set[str]:
    """Dotted names ``path`` imports, ``from a import b`` as both ``a`` and ``a.b``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def forbidden(importer: Path, module: str) -> bool:
    """A test module, or the conftest of another folder (its fixtures belong in helpers)."""
    parts = module.split(".")
    if parts[0] != "tests" or len(parts) < 2:
        return False
    if parts[-1].startswith("test_"):
        return True
    own_folder = ".".join(importer.parent.relative_to(ROOT).parts)
    return parts[-1] == "conftest" and ".".join(parts[:-1]) not in {own_folder, "tests"}


def test_no_test_module_imports_another_test_module() -> None:
    # GIVEN every Python file under tests/
    breaks = {
        (path.relative_to(ROOT).as_posix(), module)
        for path in sorted(TESTS.rglob("*.py"))
        for module in imported_modules(path)
        if forbidden(path, module)
    }
    # THEN none imports a test module or another folder's conftest, except the known ones
    unknown = sorted(breaks - set(KNOWN_BREAKS))
    assert unknown == [], f"move the shared pieces to tests/helpers: {unknown}"
    # AND every known break still exists (fixed ones leave the list)
    fixed = sorted(set(KNOWN_BREAKS) - breaks)
    assert fixed == [], f"no longer imported, remove from KNOWN_BREAKS: {fixed}"
