"""Fixtures shared by every test folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from trayscore.simulator import Simulator

# Fixtures of the fakes: the identity platform over TLS and a real Secret Service (gnome-keyring).
pytest_plugins = [
    "tests.fakes.identity",
    "tests.fakes.secret_service",
    "tests.fakes.notification_server",
]

FIXED_NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
TEST_TOKEN = "tok-" + "Q" * 40


@pytest.fixture
def simulator() -> Iterator[Simulator]:
    """A simulator on loopback that accepts only TEST_TOKEN and stamps FIXED_NOW."""
    with Simulator(seed=3, token=TEST_TOKEN, wall=lambda: FIXED_NOW) as running:
        yield running
