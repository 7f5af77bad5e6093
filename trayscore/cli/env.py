"""The outside world a command sees, as one object (httpie's ``Environment``).

Streams, variables, per-user folders, the clock and the secrets to keep out of every printed
line travel together, so a test hands in its own instead of patching globals.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final, TextIO

from trayscore.core.text import console_safe
from trayscore.system.paths import AppPaths

REDACTED: Final = "[redacted]"
MIN_SECRET_LENGTH: Final = 8  # real bearer tokens are hundreds of characters


@dataclass
class Environment:
    """Everything the CLI reads from the outside world, so tests can hand in their own."""

    stdout: TextIO
    stderr: TextIO
    environ: Mapping[str, str]
    paths: AppPaths
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    secrets: set[str] = field(default_factory=set)
    stdin: TextIO | None = None  # where ``ask`` reads answers; None: nothing to ask

    @classmethod
    def from_process(cls) -> Environment:
        """The real process: its streams, variables and per-user folders."""
        return cls(sys.stdout, sys.stderr, os.environ, AppPaths.for_user(), stdin=sys.stdin)

    def _redact(self, text: str) -> str:
        for secret in self.secrets:
            if len(secret) >= MIN_SECRET_LENGTH:  # "x" as a test token must not eat every x
                text = text.replace(secret, REDACTED)
        return text

    def out(self, text: str) -> None:
        """One line to stdout, with any known secret removed, in what the stream can encode."""
        line = console_safe(self._redact(text), getattr(self.stdout, "encoding", None))
        print(line, file=self.stdout, flush=True)

    def err(self, text: str) -> None:
        """One line to stderr, with any known secret removed, in what the stream can encode."""
        line = console_safe(self._redact(text), getattr(self.stderr, "encoding", None))
        print(line, file=self.stderr, flush=True)

    def ask(self, prompt: str) -> str | None:
        """Print ``prompt`` without a line end and read one answer; None at end of input."""
        if self.stdin is None:
            return None
        text = console_safe(self._redact(prompt), getattr(self.stdout, "encoding", None))
        print(text, end="", file=self.stdout, flush=True)
        line = self.stdin.readline()
        if not line:
            print(file=self.stdout, flush=True)  # the user's Ctrl+D left the cursor on the prompt
            return None
        return line.strip()
