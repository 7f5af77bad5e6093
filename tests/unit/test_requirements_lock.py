"""packaging/requirements.lock is current: the installers build from exactly the declared set.

Offline: the lock is read as text. Regenerate it with the command in its header (uv's "pip
compile", https://docs.astral.sh/uv/pip/compile/) whenever [project].dependencies change.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "packaging" / "requirements.lock"
PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)(?:\s*;\s*(?P<marker>[^\\]+?))?\s*\\?$"
)


def locked() -> dict[str, tuple[Version, list[str], list[str]]]:
    """Each pinned package: its version, its hashes and what it is there for ("via")."""
    pins: dict[str, tuple[Version, list[str], list[str]]] = {}
    current: str | None = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        found = PIN.match(line)
        if found:
            current = canonicalize_name(found["name"])
            pins[current] = (Version(found["version"]), [], [])
        elif current is not None and "--hash=sha256:" in line:
            pins[current][1].append(line.split("--hash=sha256:")[1].split()[0])
        elif current is not None and line.strip().startswith("#"):
            pins[current][2].append(line.strip("# ").removeprefix("via ").strip())
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(text) for text in project["dependencies"]]


def test_the_lock_pins_every_declared_dependency_within_its_range() -> None:
    # GIVEN pyproject.toml's dependencies and the lock
    pins = locked()
    for requirement in declared():
        # THEN each is pinned, at a version its specifier allows (a raised floor shows here)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is declared but not locked: regenerate the lock"
        version = pins[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{name}=={version} is outside {requirement.specifier}: regenerate the lock"
        )


def test_the_lock_was_made_from_exactly_the_declared_dependencies() -> None:
    # GIVEN the packages the lock says come from pyproject.toml
    direct = {
        name for name, (_v, _h, via) in locked().items() if "trayscore (pyproject.toml)" in via
    }
    # THEN they are exactly the declared ones: none dropped from pyproject.toml but kept here
    assert direct == {canonicalize_name(requirement.name) for requirement in declared()}


def test_every_pin_has_a_hash_and_the_lock_covers_every_platform() -> None:
    pins = locked()
    assert pins
    assert all(hashes for _version, hashes, _via in pins.values())
    header = LOCK.read_text(encoding="utf-8").splitlines()[:3]
    command = " ".join(header)
    # one lock for the .deb, Windows and macOS installers: --universal keeps their markers
    assert "--generate-hashes" in command
    assert "--universal" in command
    assert "pywin32-ctypes" in pins  # keyring's Windows backend, needed by the Windows build


def test_the_security_floors_are_declared() -> None:
    """CVE-2024-47081 (requests < 2.32.4), and urllib3 < 2.6.3's decompression CVEs."""
    floors = {str(canonicalize_name(r.name)): r.specifier for r in declared()}
    assert not floors["requests"].contains("2.32.3")
    assert floors["requests"].contains("2.32.4")
    assert not floors["urllib3"].contains("2.6.2")
    assert floors["urllib3"].contains("2.6.3")
