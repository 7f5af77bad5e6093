"""Offscreen Qt for every UI test: widgets and QPainter work, no screen is needed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from trayscore.simulator import Simulator
from trayscore.system.paths import AppPaths

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot
    from trayscore.app.fleet import FleetApp
    from trayscore.app.root import TrayApp


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    """Every per-user folder inside the test's own temporary folder."""
    config, data, state, cache, log = (
        tmp_path / name for name in ("config", "data", "state", "cache", "log")
    )
    return AppPaths(config, data, state, cache, log)


@pytest.fixture
def sim() -> Iterator[Simulator]:
    """A running simulator of the exposure-score API."""
    with Simulator(seed=9) as running:
        yield running


@pytest.fixture
def app_factory(qtbot: QtBot) -> Iterator[list[TrayApp]]:
    """Apps a test started; shut down when it ends."""
    made: list[TrayApp] = []
    yield made
    for app in made:
        app.shutdown()


@pytest.fixture
def fleet_factory(qtbot: QtBot) -> Iterator[list[FleetApp]]:
    """Several-tenant apps a test started; shut down when it ends."""
    made: list[FleetApp] = []
    yield made
    for app in made:
        app.shutdown()
