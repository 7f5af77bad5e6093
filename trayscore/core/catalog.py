"""The catalogue of scores trayscore can read: one frozen description per source.

Everything that differs between sources lives here as data (endpoint, permission, direction,
scale, bands), so the CLI, the history and the tray treat them alike and a new source is one
entry. No network code here: this module is imported on the tray's start-up path.
See docs/adr/009-sources.md.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from trayscore.core.bands import EXPOSURE_BANDS, SECURE_BANDS, Band, BandScale, Severity
from trayscore.core.clouds import Cloud


class ApiKind(enum.StrEnum):
    """Which service answers, and so which token and base URL a source needs."""

    DEFENDER = "defender"
    GRAPH = "graph"


@dataclass(frozen=True)
class SourceSpec:
    """One score: where it is read, with which permission, and how to judge its number."""

    name: str
    title: str
    api: ApiKind
    path: str
    permission: str
    lower_is_better: bool
    bands: BandScale
    scale: tuple[float, float] = (0.0, 100.0)
    unit: str = ""
    check_label: str = ""
    percent_of_maximum: bool = False  # the API counts points; 0-100 needs the maximum
    # Where the portal shows this score, after the cloud's portal host. Microsoft Learn:
    # "Endpoints > Vulnerability management > Dashboard (https://security.microsoft.com/
    # tvm_dashboard)" holds the exposure and device secure scores; "Microsoft Secure Score ...
    # can be found at https://security.microsoft.com/securescore".
    portal_path: str = "/tvm_dashboard"
    # Whose bands: Microsoft documents the exposure score's (0-29 low, 30-69 medium, 70-100
    # high); the secure scores' cut-offs are trayscore's own, and the GUI says so.
    microsoft_bands: bool = False

    def scopes(self, cloud: Cloud) -> tuple[str, ...]:
        """The delegated scopes a token for this source needs in ``cloud``."""
        if self.api is ApiKind.GRAPH:
            return (cloud.graph_scope,)
        return (cloud.score_scope,)

    def band_of(self, score: float) -> Band:
        """The band of a score of this source (by the number the user sees)."""
        return self.bands.band_of(score)

    def severity(self, band: Band) -> Severity:
        """Whether ``band`` is good, fair or poor news for this source."""
        return self.bands.severity(band)

    def improvement(self, change: float) -> float:
        """A change signed so that positive is better (direction-aware deltas and arrows)."""
        return self.bands.improvement(change)


EXPOSURE_SCORE: Final = SourceSpec(
    name="exposure-score",  # in users' history files: never rename
    title="Exposure score",
    api=ApiKind.DEFENDER,
    path="/api/exposureScore",
    permission="Score.Read",
    lower_is_better=True,
    bands=EXPOSURE_BANDS,
    check_label="EXPOSURE",
    microsoft_bands=True,
)
DEVICE_SECURE_SCORE: Final = SourceSpec(
    name="device-secure-score",
    title="Device secure score",
    api=ApiKind.DEFENDER,
    path="/api/configurationScore",
    permission="Score.Read",
    lower_is_better=False,
    bands=SECURE_BANDS,
    unit="%",
    check_label="DEVICE-SECURE-SCORE",
    percent_of_maximum=True,
)
SECURE_SCORE: Final = SourceSpec(
    name="secure-score",
    title="Secure Score",
    api=ApiKind.GRAPH,
    path="/security/secureScores",
    permission="SecurityEvents.Read.All",
    lower_is_better=False,
    bands=SECURE_BANDS,
    unit="%",
    check_label="SECURE-SCORE",
    percent_of_maximum=True,
    portal_path="/securescore",
)
EXPOSURE_BY_GROUP_PATH: Final = "/api/exposureScore/ByMachineGroups"
"""Exposure per device group: banded and directed like ``EXPOSURE_SCORE``."""

SOURCES: Final = MappingProxyType(
    {spec.name: spec for spec in (EXPOSURE_SCORE, DEVICE_SECURE_SCORE, SECURE_SCORE)}
)
SOURCE_NAMES: Final = tuple(SOURCES)
DEFAULT_SOURCE: Final = EXPOSURE_SCORE.name


def source_named(name: str) -> SourceSpec:
    """Look a source up by its name; ValueError names the choices."""
    try:
        return SOURCES[name]
    except KeyError:
        raise ValueError(f"unknown source {name!r}; allowed: {', '.join(SOURCES)}") from None


def spec_for(source: str) -> SourceSpec:
    """The source's description; an unknown name (a newer trayscore's) is judged as exposure."""
    return SOURCES.get(source, EXPOSURE_SCORE)


def band_for(source: str, score: float) -> Band:
    """The band of ``score`` by the bands of ``source``."""
    return spec_for(source).band_of(score)


def severity(source: str | SourceSpec, band: Band) -> Severity:
    """Good, fair or poor: what the GUI colours by, so a high secure score is green."""
    spec = source if isinstance(source, SourceSpec) else spec_for(source)
    return spec.severity(band)


def improvement(source: str | SourceSpec, change: float) -> float:
    """``change`` signed so positive is better news for ``source`` (arrows, deltas, notices)."""
    spec = source if isinstance(source, SourceSpec) else spec_for(source)
    return spec.improvement(change)
