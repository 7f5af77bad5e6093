"""Build the source for a catalogue entry: the one place that maps a name to its client class.

The tray and the CLI both call :func:`build_source`, giving the base URL and token source of the
entry's API kind (:func:`base_url_for`; ``AuthService.for_api(spec.api)`` for tokens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from trayscore.core.catalog import (
    DEVICE_SECURE_SCORE,
    EXPOSURE_SCORE,
    SECURE_SCORE,
    ApiKind,
    SourceSpec,
)
from trayscore.sources.device import DeviceSecureScoreSource
from trayscore.sources.exposure import ExposureScoreSource
from trayscore.sources.http import Clock, TokenSource, utc_now
from trayscore.sources.secure_score import SecureScoreSource

if TYPE_CHECKING:
    import requests

    from trayscore.core.models import Reading
    from trayscore.settings.model import Settings


class ScoreSource(Protocol):
    """Anything that reads one score: one request per ``fetch``, typed errors on failure."""

    @property
    def name(self) -> str:
        """The catalogue name of the source."""
        ...

    def fetch(self) -> Reading:
        """The current reading, or a :class:`~trayscore.core.errors.TrayscoreError`."""
        ...


def base_url_for(spec: SourceSpec, settings: Settings) -> str:
    """The base URL the source's API kind has in these settings (overrides included)."""
    return settings.graph_base if spec.api is ApiKind.GRAPH else settings.api_base


def build_source(
    spec: SourceSpec,
    base_url: str,
    tokens: TokenSource,
    session: requests.Session,
    clock: Clock = utc_now,
) -> ScoreSource:
    """The client for ``spec``; ``tokens`` must be for the spec's API kind."""
    if spec is SECURE_SCORE:
        return SecureScoreSource(base_url, tokens, session, clock=clock)
    if spec is DEVICE_SECURE_SCORE:
        return DeviceSecureScoreSource(base_url, tokens, session, clock=clock)
    if spec is EXPOSURE_SCORE:
        return ExposureScoreSource(base_url, tokens, session, clock=clock)
    raise ValueError(f"no client for source {spec.name!r}")
