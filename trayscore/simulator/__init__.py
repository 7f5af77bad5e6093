"""A loopback stand-in for the Defender API and Graph's Secure Score, for ``--demo`` and tests.

It speaks the same paths, error bodies and time stamps as the real services, requires a bearer
token, serves score series that are deterministic for a seed and cross bands, and can be
scripted to answer with every failure the client must survive, on every path. It binds to
loopback only.

Paths: ``/api/exposureScore``, ``/api/exposureScore/ByMachineGroups``,
``/api/configurationScore`` (points out of 1,000) and Graph's ``/v1.0/security/secureScores``
(daily snapshots newest first, ``$top`` and ``$skip`` honoured), for one tenant at the root or
several under ``/tenants/<i>``. A package so each part reads on its own: :mod:`.series` (the
scores), :mod:`.tenants` (several tenants over the bands), :mod:`.past` (a tenant's simulated
90 days), :mod:`.bodies` (the normal answers), :mod:`.faults` (the scripted failures),
:mod:`.handler` (HTTP) and :mod:`.server` (:class:`Simulator`); the names callers use are
re-exported here.
"""

from trayscore.simulator.bodies import (
    DEFENDER_PREFIX,
    GRAPH_DAYS_KEPT,
    GRAPH_PREFIX,
    GRAPH_SECURE_SCORES,
)
from trayscore.simulator.faults import FAULTS, Answer
from trayscore.simulator.handler import LOOPBACK
from trayscore.simulator.past import PAST_DAYS, past_readings
from trayscore.simulator.series import ScoreSeries, Series, api_time, secure_score_percent
from trayscore.simulator.server import Simulator
from trayscore.simulator.tenants import home_band, tenant_series

__all__ = [
    "DEFENDER_PREFIX",
    "FAULTS",
    "GRAPH_DAYS_KEPT",
    "GRAPH_PREFIX",
    "GRAPH_SECURE_SCORES",
    "LOOPBACK",
    "PAST_DAYS",
    "Answer",
    "ScoreSeries",
    "Series",
    "Simulator",
    "api_time",
    "home_band",
    "past_readings",
    "secure_score_percent",
    "tenant_series",
]
