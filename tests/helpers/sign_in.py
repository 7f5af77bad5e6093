"""Sign-in end to end, shared: the guarded API, a signed-in process environment, the CLI run.

The real msal signs in against the fake identity platform over TLS; the simulator behind a TLS
front accepts only that platform's live tokens; tokens go to a real gnome-keyring. Test modules
import the fixtures by name.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest
from trayscore.simulator import Simulator

from tests.fakes.identity import FakeIdentityPlatform
from tests.helpers import cli
from tests.helpers.cli import private_environment, private_folders
from tests.helpers.tls_front import TlsFront

CLIENT_ID: Final = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
TIMEOUT: Final = 90
TOKEN_PATTERNS: Final = re.compile(
    r"at-[A-Za-z0-9_-]{30,}|\b1\.A[A-Za-z0-9_-]{30,}|eyJhbGciOiJub25l"
)


@pytest.fixture
def guarded_simulator(identity_platform: FakeIdentityPlatform) -> Iterator[Simulator]:
    """The Defender API simulator accepting only live tokens from the fake identity platform."""
    with Simulator(seed=4, accept=identity_platform.is_valid_access_token) as simulator:
        yield simulator


@pytest.fixture
def guarded_api(
    identity_platform: FakeIdentityPlatform, guarded_simulator: Simulator
) -> Iterator[str]:
    """The guarded simulator over https: the account's tokens never go to plain http."""
    with TlsFront(guarded_simulator.url, identity_platform.ca) as front:
        yield front.url


def sign_in_environment(
    folder: Path, platform: FakeIdentityPlatform, keyring: dict[str, str], api: str
) -> dict[str, str]:
    """Private folders and keyring, the platform's CA trusted, the API at ``api``, no browser."""
    environ = private_environment(folder) | keyring | private_folders(folder)
    environ |= {
        "REQUESTS_CA_BUNDLE": platform.ca_file,
        "CURL_CA_BUNDLE": platform.ca_file,
        "TRAYSCORE_API_URL": api,
        "BROWSER": "false %s",  # no browser unless a test provides one
    }
    return environ


def run(
    args: list[str], env: dict[str, str], answers: str = ""
) -> subprocess.CompletedProcess[str]:
    """The CLI with sign-in's longer timeout; no traceback and no token of any kind printed."""
    result = cli.run(args, env, timeout=TIMEOUT, answers=answers)
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
        assert not TOKEN_PATTERNS.search(stream), stream
    return result
