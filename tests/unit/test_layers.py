"""The package's shape as tests: which layer may import which, no cycles, no oversized code.

Every module under ``trayscore/`` is parsed with :mod:`ast`, never imported, so these tests see
imports inside functions and under ``TYPE_CHECKING`` too, and run without Qt or a network. The
shape is the one the design of issue 18 describes: ``app`` -> ``ui`` and ``clients`` -> ``sources``,
``auth``, ``history``, ``settings`` -> ``system`` -> ``core``; ``cli`` and ``doctor`` are entry
points beside ``app`` and start the tray only lazily.

The ``KNOWN_*`` lists hold allowed exceptions (none since issue 18). An entry fails the test when
it no longer applies, so the lists only shrink.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parents[2]
PACKAGE: Final = ROOT / "trayscore"

# -- the direction of imports --------------------------------------------------------------

# Which trayscore layers each layer may import; a layer is a subpackage or a top-level module
# of trayscore (``trayscore`` itself, which holds only ``__version__``, anyone may import).
MAY_IMPORT: Final[dict[str, frozenset[str]]] = {
    # entry points: the CLI runs the doctor and the demo simulator; both start the tray lazily
    "__main__": frozenset({"cli"}),
    "cli": frozenset(
        {"cli", "doctor", "clients", "settings", "history", "sources", "auth", "system", "core"}
        | {"simulator", "translations"}
    ),
    "doctor": frozenset(
        {"doctor", "clients", "settings", "history", "sources", "auth", "system", "core"}
    ),
    # the application: builds widgets and connects them to what clients builds
    "app": frozenset(
        {"app", "ui", "clients", "settings", "history", "sources", "auth", "system", "core"}
        | {"simulator", "translations"}
    ),
    # widgets render core's state; never sources, auth, clients or the app
    "ui": frozenset({"ui", "settings", "system", "core", "translations"}),
    # the one builder of token source, auth, sources and history from Settings
    "clients": frozenset({"clients", "sources", "auth", "history", "settings", "system", "core"}),
    "auth": frozenset({"auth", "sources", "core"}),  # sources.http: the shared HTTP rules
    "sources": frozenset({"sources", "core"}),
    "history": frozenset({"history", "system", "core"}),  # system.private_files: 0600, no links
    "settings": frozenset({"settings", "system", "core"}),
    "system": frozenset({"system", "core"}),
    "core": frozenset({"core"}),
    "simulator": frozenset({"simulator", "core"}),  # the --demo Defender API, stdlib only
    "translations": frozenset({"translations"}),
}
# Allowed only inside a function: the CLI and the doctor start the tray, never load it up front.
LAZY_ONLY: Final = frozenset({("cli", "app"), ("doctor", "app")})
# Third-party packages a layer must never import (core may import no third party at all).
NEVER_EXTERNAL: Final[dict[str, frozenset[str]]] = {
    "ui": frozenset({"keyring", "msal", "requests"}),
    **{
        layer: frozenset({"PySide6", "shiboken6"})
        for layer in ("clients", "auth", "sources", "history", "settings", "system", "simulator")
    },
}
EXTERNAL_NAMES: Final = {
    "PySide6": "PySide6 (Qt)",
    "shiboken6": "shiboken6 (Qt)",
    "requests": "requests",
    "msal": "msal",
    "keyring": "keyring",
    "jeepney": "jeepney",
}

# Imports allowed to break the rules, each with why: (importing module, imported module) -> why.
KNOWN_BREAKS: Final[dict[tuple[str, str], str]] = {}
# Import cycles today, each as its sorted modules; same rules as KNOWN_BREAKS.
KNOWN_CYCLES: Final[list[list[str]]] = []

# -- sizes -----------------------------------------------------------------------------------

MODULE_LINES: Final = 500
CLASS_LINES: Final = 300
# Oversized modules and classes allowed for now, each with its size as a ceiling: they may
# shrink (and then must leave this list) but never grow. Empty since issue 18; keep it so.
KNOWN_LARGE: Final[dict[str, int]] = {}


@dataclass(frozen=True)
class Import:
    """One import statement's target, where it is, and whether it runs only when called."""

    importer: str  # dotted module name
    target: str  # dotted module name (a trayscore module, or the top-level name otherwise)
    line: int
    lazy: bool  # inside a function


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    """``trayscore.history.store`` -> ``history``; ``trayscore`` -> ``""`` (the root)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


@cache
def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _walk(node: ast.AST, lazy: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    for child in ast.iter_child_nodes(node):
        inner = lazy or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        yield child, inner
        yield from _walk(child, inner)


def imports_of(module: str) -> list[Import]:
    """Every import in ``module``, relative ones resolved, ``from a import b`` to ``a.b`` when
    ``b`` is a module."""
    path = modules()[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[Import] = []
    for node, lazy in _walk(tree(path)):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, node.lineno, lazy) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                target = submodule if submodule in modules() else base
                found.append(Import(module, target, node.lineno, lazy))
    return found


def all_imports() -> list[Import]:
    return [found for module in modules() for found in imports_of(module)]


def internal(found: Import) -> bool:
    return found.target == "trayscore" or found.target.startswith("trayscore.")


def layer_breaks() -> dict[tuple[str, str], str]:
    """(importer, imported) -> what is wrong, for every import against the table."""
    breaks: dict[tuple[str, str], str] = {}
    for found in all_imports():
        layer = layer_of(found.importer)
        if not internal(found) or layer == "" or found.target == "trayscore":
            continue
        imported = layer_of(found.target)
        if imported in MAY_IMPORT[layer]:
            continue
        if (layer, imported) in LAZY_ONLY:
            if found.lazy:
                continue
            problem = f"may import {imported} only inside a function (to start the tray)"
        else:
            problem = f"{layer} must not import {imported}"
        breaks.setdefault((found.importer, found.target), f"line {found.line}: {problem}")
    return breaks


def external_breaks() -> dict[tuple[str, str], str]:
    """(importer, third-party package) -> what is wrong."""
    breaks: dict[tuple[str, str], str] = {}
    for found in all_imports():
        layer = layer_of(found.importer)
        top = found.target.split(".")[0]
        if internal(found) or top in sys.stdlib_module_names or top == "__future__":
            continue
        if layer == "core" or top in NEVER_EXTERNAL.get(layer, ()):
            name = EXTERNAL_NAMES.get(top, top)
            rule = "only the standard library" if layer == "core" else f"never {name}"
            breaks.setdefault(
                (found.importer, top), f"line {found.line}: {layer} imports {name} ({rule})"
            )
    return breaks


def cycles() -> list[list[str]]:
    """Import cycles among trayscore modules (Tarjan's strongly connected components)."""
    graph: dict[str, set[str]] = {module: set() for module in modules()}
    for found in all_imports():
        if found.target in graph and found.target != found.importer:
            graph[found.importer].add(found.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def sizes() -> dict[str, int]:
    """Lines of every module, and of every class (``path::Class``), under trayscore/."""
    found: dict[str, int] = {}
    for path in modules().values():
        relative = path.relative_to(ROOT).as_posix()
        found[relative] = len(path.read_text(encoding="utf-8").splitlines())
        for node in ast.walk(tree(path)):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                found[f"{relative}::{node.name}"] = node.end_lineno - node.lineno + 1
    return found


def limit_of(name: str) -> int:
    return CLASS_LINES if "::" in name else MODULE_LINES


# -- the tests -------------------------------------------------------------------------------


def test_every_layer_is_in_the_table() -> None:
    # GIVEN the subpackages and top-level modules of trayscore
    layers = {layer_of(module) for module in modules()} - {""}
    # THEN each has its row: a new package must say what it may import
    assert layers == set(MAY_IMPORT)


def test_imports_go_one_way() -> None:
    # GIVEN every trayscore import, lazy ones included
    breaks = layer_breaks()
    # THEN none goes against the table, except the known breaks
    unknown = {key: why for key, why in breaks.items() if key not in KNOWN_BREAKS}
    assert unknown == {}, "\n".join(f"{a} -> {b}: {why}" for (a, b), why in unknown.items())
    # AND every known break still exists (fixed ones leave the list)
    fixed = sorted(set(KNOWN_BREAKS) - set(breaks))
    assert fixed == [], f"no longer broken, remove from KNOWN_BREAKS: {fixed}"


def test_core_imports_only_the_standard_library_and_lower_layers_no_qt() -> None:
    # GIVEN every third-party import
    breaks = external_breaks()
    # THEN core has none, widgets never reach the keyring, the network or MSAL, and nothing
    # below the app imports Qt
    assert breaks == {}, "\n".join(f"{a}: {why}" for (a, _), why in breaks.items())


def test_there_are_no_import_cycles() -> None:
    # GIVEN every import between trayscore modules, inside functions too
    found = cycles()
    # THEN no module reaches itself, except through the known cycles
    unknown = [cycle for cycle in found if cycle not in KNOWN_CYCLES]
    assert unknown == [], f"import cycles: {unknown}"
    # AND every known cycle still exists (broken ones leave the list)
    gone = [cycle for cycle in KNOWN_CYCLES if cycle not in found]
    assert gone == [], f"no longer a cycle, remove from KNOWN_CYCLES: {gone}"


def test_no_module_or_class_is_too_large() -> None:
    # GIVEN the size of every module and class
    found = sizes()
    # THEN none is over its limit, except the known large ones, which never grow
    over = {
        name: lines
        for name, lines in found.items()
        if lines > KNOWN_LARGE.get(name, limit_of(name))
    }
    assert over == {}, f"over the limit (module {MODULE_LINES}, class {CLASS_LINES}): {over}"
    # AND a known large one that shrank under the limit (or is gone) leaves the list
    shrunk = sorted(name for name in KNOWN_LARGE if found.get(name, 0) <= limit_of(name))
    assert shrunk == [], f"no longer over the limit, remove from KNOWN_LARGE: {shrunk}"
