"""The words of several tenants in the tray: the tooltip and the menu's status line.

The icon shows the worst tenant; the tooltip names it and sums up the rest within Qt's 127
characters, e.g. "Contoso 81 (High) · 4 others: 2 fair, 2 good · 1 needs sign-in". The others are
counted by what their bands mean (good, fair, poor), the one scale every score shares.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject

from trayscore.core.bands import Severity, displayed_integer
from trayscore.core.catalog import spec_for
from trayscore.core.display_state import Look
from trayscore.core.fleet import FleetSummary, TenantView
from trayscore.ui.texts import TOOLTIP_LIMIT, band_name, severity_name

SEPARATOR = " \u00b7 "


class FleetWords(QObject):
    """Translated with ``self.tr`` (lupdate records plurals only from it)."""

    def worst_line(self, view: TenantView) -> str:
        """The worst tenant as the icon shows it, e.g. "Contoso 81 (High)"."""
        reading = view.state.reading
        if reading is None or view.state.look not in {Look.SCORE, Look.STALE}:
            return view.name
        number = str(displayed_integer(reading.score))
        if spec_for(reading.source).unit == "%":
            number = self.tr("{number}%").format(number=number)
        line = self.tr("{name} {score} ({band})").format(
            name=view.name, score=number, band=band_name(reading.band)
        )
        return line + (self.tr(", out of date") if view.state.look is Look.STALE else "")

    def rest(self, summary: FleetSummary) -> list[str]:
        """The others in a few words each: by meaning, then what needs a hand."""
        parts = []
        counted = [
            (s, summary.others.get(s, 0)) for s in (Severity.POOR, Severity.FAIR, Severity.GOOD)
        ]
        scored = sum(count for _, count in counted)
        if scored:
            words = ", ".join(f"{n} {severity_name(severity)}" for severity, n in counted if n)
            parts.append(self.tr("%n other(s): {counts}", "", scored).format(counts=words))
        if summary.needs_sign_in:
            parts.append(self.tr("%n need(s) sign-in", "", summary.needs_sign_in))
        if summary.failing:
            parts.append(self.tr("%n unavailable", "", summary.failing))
        if summary.waiting:
            parts.append(self.tr("%n without data yet", "", summary.waiting))
        return parts

    def tooltip(self, summary: FleetSummary, *, demo: bool) -> str:
        """At most 127 characters: the worst first, never cut; then as much of the rest as fits."""
        head = self.worst_line(summary.worst) if summary.worst else self.tr("No scores yet")
        if demo:
            head = self.tr("Demo: {line}").format(line=head)
        text = head
        for part in self.rest(summary):
            if len(text) + len(SEPARATOR) + len(part) > TOOLTIP_LIMIT:
                break
            text += SEPARATOR + part
        return text[:TOOLTIP_LIMIT]

    def status(self, summary: FleetSummary, locale: QLocale, *, demo: bool) -> str:
        """The menu's first line: the worst of how many tenants."""
        del locale
        if summary.worst is None:
            line = self.tr("%n tenant(s), no score yet", "", summary.total)
        else:
            line = self.tr("Worst of %n tenant(s): {worst}", "", summary.total).format(
                worst=self.worst_line(summary.worst)
            )
        return self.tr("Demo: {line}").format(line=line) if demo else line
