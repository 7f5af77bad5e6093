"""Several tenants in one tray: the worst in the icon, every tenant in the popup, worst first.

The demo's simulator serves five tenants on loopback; one of them fails with a server error and
one refuses its token, as a tenant whose sign-in lapsed does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from pytestqt.qtbot import QtBot
from trayscore.app.fleet import FleetApp
from trayscore.app.fleet_surfaces import sparkline
from trayscore.app.options import AppOptions
from trayscore.core.bands import Band, displayed_integer
from trayscore.core.display_state import Look
from trayscore.history.retention import Entry
from trayscore.settings.model import Settings, TenantEntry
from trayscore.simulator import Simulator
from trayscore.system.paths import AppPaths
from trayscore.ui.icon import BAND_FILL, render_pixmap
from trayscore.ui.texts import score_text

from tests.helpers.app import TRAY_GRACE_MS, SpyTray, environment
from tests.helpers.popup import installed_catalogue

FAILING, LAPSED = 4, 5  # the simulated tenants that answer 500 and 401


def five_tenants(paths: AppPaths, made: list[FleetApp]) -> FleetApp:
    """The demo's five tenants, two of them in trouble, read until each has an answer."""
    options = AppOptions(demo=True, tenants=5, tray_grace_ms=TRAY_GRACE_MS)
    app = FleetApp(settings=Settings(), paths=paths, environ={}, options=options, tray=SpyTray())
    made.append(app)
    assert app.simulator is not None
    app.simulator.fail_always("server-error", tenant=FAILING)
    app.simulator.fail_always("unauthorized", tenant=LAPSED)
    app.start()
    return app


def answered(app: FleetApp) -> bool:
    return all(
        slot.state.tracker.reading is not None or slot.state.tracker.error is not None
        for slot in app.slots
    )


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The English catalogue, as the app installs it: it holds the plural forms."""
    with installed_catalogue("en"):
        yield


def test_the_icon_shows_the_worst_tenant_and_the_popup_lists_all_worst_first(
    qtbot: QtBot, paths: AppPaths, fleet_factory: list[FleetApp]
) -> None:
    # GIVEN five tenants: three read, one failing, one whose sign-in lapsed
    app = five_tenants(paths, fleet_factory)
    qtbot.waitUntil(lambda: answered(app), timeout=20_000)
    scores = {s.name: s.state.tracker.reading.score for s in app.slots if s.state.tracker.reading}
    worst_name = max(scores, key=lambda name: scores[name])
    # THEN the icon shows the worst tenant's number, in high's red, with a count of five
    spec = app.view.spec
    assert spec is not None
    assert spec.text == str(displayed_integer(scores[worst_name]))
    assert spec.band is Band.HIGH
    assert spec.count == 5
    image = render_pixmap(spec, 32).toImage()
    assert image.pixelColor(29, 3) == QColor(BAND_FILL[Band.HIGH])  # the square, top right
    badge = [image.pixelColor(x, y) for x in range(12) for y in range(12)]
    assert any(pixel.lightness() < 50 for pixel in badge)  # the count badge, top left, dark
    # AND the tooltip names the worst and sums up the rest within 127 characters
    tip = app.view.tray.toolTip()
    assert tip.startswith(f"Demo: {worst_name} {displayed_integer(scores[worst_name])} (High)")
    assert "1 needs sign-in" in tip
    assert "1 unavailable" in tip
    assert len(tip) <= 127
    # WHEN the icon is clicked
    app.surfaces.toggle_list()
    popup = app.surfaces.popup
    qtbot.waitExposed(popup)
    # THEN every tenant has a row, worst first; the lapsed sign-in and the failure come last
    rows = popup.rows
    assert rows[0].name == worst_name
    assert len(rows) == 5
    assert [row.state.look for row in rows[-2:]] == [Look.SIGN_IN, Look.ERROR]
    # AND the first row's dot wears high's red, and its words say so
    grab = popup.list.viewport().grab().toImage()
    first = popup.list.visualRect(popup.model.index(0, 0))
    dots = [
        grab.pixelColor(x, y)
        for x in range(first.left(), first.left() + 30)
        for y in range(first.top(), first.bottom())
    ]
    assert any(_near(pixel, QColor(BAND_FILL[Band.HIGH])) for pixel in dots)
    reading = rows[0].state.reading
    assert reading is not None
    status = popup.words.status(rows[0], app.locale)
    assert status.startswith(f"{score_text(reading.score, app.locale)} (High: poor)")
    assert popup.words.status(rows[-2], app.locale).startswith("Sign-in needed")
    # AND a screen reader hears each row as one sentence
    spoken = popup.model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith(f"{worst_name}: Exposure score ")
    # WHEN the worst row is clicked
    qtbot.mouseClick(popup.list.viewport(), Qt.MouseButton.LeftButton, pos=first.center())
    # THEN that tenant's own chart and details replace the list
    detail = app.surfaces.detail
    assert detail is not None
    qtbot.waitExposed(detail)
    assert detail.headline.text().startswith(f"{worst_name}: Exposure score")
    assert len(detail.runs) > 100  # the demo's 90 simulated days, read from the file
    # AND the rows hold only the month they show (fifty tenants' years stay on disk)
    month = app.clock() - timedelta(days=31, minutes=5)
    assert all(run.last_confirmed >= month for slot in app.slots for run in slot.state.runs)
    assert not popup.isVisible()


def test_copy_summary_and_export_cover_every_tenant(
    qtbot: QtBot, paths: AppPaths, fleet_factory: list[FleetApp], tmp_path: Path
) -> None:
    # GIVEN the five tenants, read
    app = five_tenants(paths, fleet_factory)
    qtbot.waitUntil(lambda: answered(app), timeout=20_000)
    app.surfaces.show_list()
    popup = app.surfaces.popup
    # WHEN the summary is copied  THEN one line per tenant, marked as the demo's
    popup.copy_summary()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Demo: ")
    assert len(text.splitlines()) == 5
    # WHEN every tenant's history is exported
    target = tmp_path / "tenants.csv"
    popup.ask_save_path = lambda *_args: (str(target), "")
    popup.export_button.click()
    # THEN one CSV with a tenant column holds each tenant's whole history (the demo's tenants
    # all start with 90 simulated days, the failing ones too)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert {row["tenant"] for row in rows} == {slot.name for slot in app.slots}
    assert len(rows) == sum(len(slot.reader.all_runs()) for slot in app.slots)


def test_each_tenant_is_scheduled_on_its_own(
    qtbot: QtBot, paths: AppPaths, fleet_factory: list[FleetApp]
) -> None:
    # GIVEN the five tenants, read once
    app = five_tenants(paths, fleet_factory)
    qtbot.waitUntil(lambda: answered(app), timeout=20_000)
    due = {slot.name: app.schedule.next_due(slot.name) for slot in app.slots}
    # THEN the failing tenant is tried again on its own backoff, the others on the interval
    failing, lapsed = app.slots[FAILING - 1].name, app.slots[LAPSED - 1].name
    assert due[failing] is not None
    assert all(due[slot.name] is not None for slot in app.slots[:3])
    # AND the lapsed sign-in waits for the user: no timed read until Sign in
    assert due[lapsed] is None
    assert app.slots[LAPSED - 1].state.tracker.next_refresh is None
    # AND no more than two requests are ever out at once
    assert len(app.schedule.in_flight) <= 2


def _near(pixel: QColor, colour: QColor, tolerance: int = 40) -> bool:
    pairs = ((pixel.red(), colour.red()), (pixel.green(), colour.green()))
    return all(abs(a - b) <= tolerance for a, b in (*pairs, (pixel.blue(), colour.blue())))


def test_in_the_last_30_days_the_tenants_hear_of_the_defender_api_end_once(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, fleet_factory: list[FleetApp]
) -> None:
    # GIVEN two tenants reading the exposure score, 12 days before the Defender API stops
    settings = Settings(
        api_url=sim.url,
        graph_url=f"{sim.url}/v1.0",
        client_id="3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
        tenants=(TenantEntry("Contoso", "contoso.example"), TenantEntry("Fabrikam", "fab.example")),
    )
    options = AppOptions(tray_grace_ms=TRAY_GRACE_MS)
    tray = SpyTray()
    app = FleetApp(
        settings=settings, paths=paths, environ=environment(), options=options, tray=tray,
        clock=lambda: datetime(2027, 1, 20, 9, 0, tzinfo=UTC),
    )  # fmt: skip
    fleet_factory.append(app)
    app.start()
    qtbot.waitUntil(lambda: all(s.state.tracker.reading for s in app.slots), timeout=20_000)
    # THEN one notification says so (the tray's balloon here), once for the whole list
    qtbot.waitUntil(lambda: any("Defender API" in body for _, body in tray.balloons))
    told = [title for title, body in tray.balloons if "Defender API" in body]
    assert len(told) == 1
    # AND a tenant's own page says when, with no switch (the list says what each reads)
    app.surfaces.show_tenant("Fabrikam")
    detail = app.surfaces.detail
    assert detail is not None
    assert detail.retirement.text().startswith("The Defender API stops on 1 February 2027")
    assert not detail.switch_button.isVisibleTo(detail)


def test_a_sparkline_is_at_most_60_points_and_ends_on_the_newest_score(
    paths: AppPaths, fleet_factory: list[FleetApp]
) -> None:
    # GIVEN a tenant whose month holds from one to 2,881 readings
    options = AppOptions(demo=True, tenants=2, tray_grace_ms=TRAY_GRACE_MS)
    app = FleetApp(settings=Settings(), paths=paths, environ={}, options=options, tray=SpyTray())
    fleet_factory.append(app)
    slot, now = app.slots[0], app.clock()
    for count in (1, 59, 60, 61, 2880, 2881):
        moments = [now - timedelta(minutes=count - i) for i in range(count)]
        slot.state.runs = [
            Entry("exposure-score", float(i % 100), moment, moment, moment)
            for i, moment in enumerate(moments)
        ]
        # WHEN its row's sparkline is drawn  THEN 60 points at most, the last the newest
        points = sparkline(slot, now)
        assert len(points) <= 60
        assert points[-1] == slot.state.runs[-1].score
