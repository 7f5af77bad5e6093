"""Microsoft's documented samples (tests/contract/*.json), served as the simulator's answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from trayscore.simulator import Answer

CONTRACT_DIR = Path(__file__).resolve().parent.parent / "contract"


def fixture(name: str) -> dict[str, Any]:
    """One fixture file by name (without .json); it names its page and the day it was read."""
    data: dict[str, Any] = json.loads((CONTRACT_DIR / f"{name}.json").read_text("utf-8"))
    return data


def all_fixtures() -> list[str]:
    """Every fixture's name."""
    return sorted(path.stem for path in CONTRACT_DIR.glob("*.json"))


def answer(name: str) -> Answer:
    """The fixture as the simulator's scripted answer: its status, headers and body."""
    data = fixture(name)
    headers = tuple((key, str(value)) for key, value in data["headers"].items())
    return Answer(data["status"], json.dumps(data["body"]).encode(), headers)
