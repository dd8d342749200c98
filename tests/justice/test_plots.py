"""What the justice pictures draw: occupancy bars and presets, Tournier's bars, curves, courts."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.justice import (
    OvercrowdingStandard,
    caseflow_table,
    classify_occupancy,
    compare_programmes,
    system_overcrowding,
    time_to_disposition,
)
from dpssec.justice.plot_geometry import occupancy_bars, system_overcrowding_bars
from dpssec.references import Reference
from tests.plot_helpers import (  # noqa: F401
    _rc_params_untouched,
    hide_matplotlib,
    legend_texts,
    new_axes,
)


def test_occupancy_bars_thresholds_and_bands() -> None:
    values = [95.0, 130.0, 110.0, 121.0]
    ax = new_axes()
    out = classify_occupancy(values, standard="critical-120").plot(ax, labels=["A", "B", "C", "D"])
    assert out is ax
    widths = sorted(float(p.get_width()) for p in ax.patches)
    assert widths == sorted(values)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["B", "D", "C", "A"]
    assert [line.get_xdata()[0] for line in ax.lines] == [100.0, 120.0]
    legend = legend_texts(ax)
    assert legend == [
        "100 % = official capacity",
        "120 % threshold, preset 'critical-120' (UNVERIFIED preset)",
        "within official capacity",
        "over official capacity",
        "critical overcrowding",
    ]
    assert ax.get_xlabel() == "occupancy [% of official capacity]"
    # bands differ by hatch as well as colour (grey print)
    hatches = {p.get_hatch() for p in ax.patches}
    assert hatches == {None, "//", "xx"}


def test_occupancy_own_standard_must_be_given() -> None:
    own = OvercrowdingStandard(
        "national-90", (90.0,), ("ok", "over"), Reference("National rule", "2024")
    )
    result = classify_occupancy([80.0, 95.0], standard=own)
    with pytest.raises(InputError, match="pass the OvercrowdingStandard itself"):
        result.plot()
    bars = occupancy_bars(result, ["a", "b"], standard=own)
    assert bars["thresholds"] == [90.0] and [r["band"] for r in bars["rows"]] == ["over", "ok"]


def test_system_bars_add_up() -> None:
    result = system_overcrowding([1180, 640, 300, 410, 520], [900, 700, 450, 380, 800])
    bars = system_overcrowding_bars(result)
    places, held = bars["bars"]
    assert sum(s["width"] for s in places["segments"]) == pytest.approx(result.capacity)
    assert sum(s["width"] for s in held["segments"]) == pytest.approx(result.population)
    assert held["segments"][1]["width"] == result.surplus
    assert places["segments"][1]["width"] == result.free_places
    ax = result.plot()
    assert len(ax.patches) == 4
    surplus = [p for p in ax.patches if p.get_hatch() == "xx"]
    assert len(surplus) == 1 and surplus[0].get_width() == pytest.approx(result.surplus)
    assert ax.get_xlabel() == "official capacity or persons held [places / persons]"
    assert f"{result.occupancy:.1f} %" in ax.get_title()


def test_programme_curves_with_window_and_at_risk() -> None:
    programme = ([30, 200, 365, 365, 400, 500], [1, 0, 0, 0, 0, 0], [400, 200, 365, 365, 400, 500])
    comparison = ([20, 60, 100, 365, 365, 380], [1, 1, 1, 0, 0, 0])
    c = compare_programmes(programme, comparison, follow_up=365)
    assert c.curves is not None
    ax = c.plot(at_risk_times=[0, 100, 200, 300, 400])
    assert legend_texts(ax) == ["programme", "comparison", "window: 365 days"]
    curves = [line for line in ax.lines if line.get_label() in ("programme", "comparison")]
    # cumulative incidence at the window equals the comparison's estimates
    for line, estimate in zip(curves, (c.programme, c.comparison), strict=True):
        x, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        assert y[np.searchsorted(x, 365.0, side="right") - 1] == pytest.approx(estimate.value)
    texts = [t.get_text() for t in ax.texts]
    assert texts[:7] == ["Number at risk", "programme", "6", "5", "5", "4", "2"]
    assert ax.get_xlabel() == "time since release [days]"
    assert ax.get_ylabel() == "recidivism 1 - S(t) [probability]"
    assert "95 %" in ax.get_title() and "log-rank" in ax.get_title()


def test_caseflow_chart() -> None:
    table = caseflow_table(
        ["2021-01-01", "2022-01-01", "2023-01-01"],
        ["2021-12-31", "2022-12-31", "2023-12-31"],
        [900, 1000, 940],
        [1200, 1150, 1100],
        [1100, 1210, 1180],
        [1000, 940, 860],
        by="year",
    )
    ax = table.plot()
    heights = [float(p.get_height()) for p in ax.patches]
    assert heights == [1200.0, 1150.0, 1100.0, 1100.0, 1210.0, 1180.0]
    (pending,) = ax.lines
    assert list(pending.get_ydata()) == [1000.0, 940.0, 860.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2021", "2022", "2023"]
    clearance = [t.get_text() for t in ax.texts]
    assert clearance == ["CR 92 %", "CR 105 %", "CR 107 %"]
    assert ax.get_ylabel() == "cases [cases per period]"
    assert legend_texts(ax) == ["pending at the end", "incoming", "resolved"]


def test_caseflow_chart_filters_a_court() -> None:
    table = caseflow_table(
        ["2023-01-01"] * 2, ["2023-12-31"] * 2, [900, 100], [1200, 300], [1100, 320],
        [1000, 80], court=["A", "B"], by=("court", "year"),
    )  # fmt: skip
    ax = table.plot(court="B")
    assert [float(p.get_height()) for p in ax.patches] == [300.0, 320.0]
    with pytest.raises(InputError, match="no row with court 'Z'"):
        table.plot(court="Z")


def test_caseflow_pending_line_never_joins_two_courts() -> None:
    table = caseflow_table(
        ["2022-01-01", "2023-01-01"] * 2, ["2022-12-31", "2023-12-31"] * 2,
        [900, 1000, 100, 120], [1200, 1150, 300, 310], [1100, 1210, 280, 330],
        [1000, 940, 120, 100], court=["A", "A", "B", "B"], by=("court", "year"),
    )  # fmt: skip
    ax = table.plot()
    lines = ax.get_lines()
    assert [list(line.get_xdata()) for line in lines] == [[0.0, 1.0], [2.0, 3.0]]
    assert [list(line.get_ydata()) for line in lines] == [[1000.0, 940.0], [120.0, 100.0]]
    assert legend_texts(ax).count("pending at the end") == 1


def test_time_to_disposition_marks_the_standard() -> None:
    filed = ["2023-01-10", "2023-02-01", "2023-03-15", "2023-04-01", "2023-05-20", "2023-06-01"]
    disposed = ["2023-03-01", "2023-06-15", None, "2023-07-01", None, "2023-10-01"]
    r = time_to_disposition(
        filed, disposed, reference_date=dt.date(2023, 12, 31), standard_days=120, target=0.9
    )
    ax = r.plot()
    standard = [line for line in ax.lines if list(line.get_xdata()) == [120.0, 120.0]]
    assert len(standard) == 1
    target = [line for line in ax.lines if list(line.get_ydata()) == [0.9, 0.9]]
    assert len(target) == 1
    point = next(line for line in ax.lines if line.get_marker() == "o")
    assert point.get_ydata()[0] == pytest.approx(r.within_standard.value)
    legend = legend_texts(ax)
    assert "time standard 120 days" in legend
    assert f"within 120 days: {100 * r.within_standard.value:.1f} %" in legend
    assert ax.get_xlabel() == "time since filing [days]"
    assert "CourTools" in ax.get_title()


def test_missing_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    result = system_overcrowding([110, 120], [100, 150])
    hide_matplotlib(monkeypatch)
    with pytest.raises(ImportError, match=r"dpssec\[plot\]"):
        result.plot()


def test_pending_age_bars_mark_the_bands_past_the_standard() -> None:
    from dpssec.justice import pending_age_profile

    p = pending_age_profile(
        ["2023-11-01", "2023-05-01", "2021-12-01", "2022-06-01"], [None] * 4,
        reference_date=dt.date(2023, 12, 31), standard_days=365,
    )  # fmt: skip
    ax = p.plot()
    heights = [float(b.get_height()) for b in ax.patches]
    assert heights == p.counts.tolist()
    hatched = [b.get_hatch() for b in ax.patches]
    assert hatched == [None, None, None, "xx", "xx"]  # 365-729 and 730+ past the standard
    assert [t.get_text() for t in ax.get_xticklabels()] == list(p.band_labels)
    assert [t.get_text() for t in ax.texts] == ["25 %", "0 %", "25 %", "25 %", "25 %"]
    assert ax.get_ylabel() == "pending cases [cases]"
    assert "median age" in ax.get_title() and "older than 365 days" in ax.get_title()


def test_backlog_plot_draws_the_stock_the_target_and_when() -> None:
    from dpssec.justice import project_backlog

    projection = project_backlog(1000, 1200, 1300, periods=5, target=700, start="2024-01-01")
    ax = projection.plot()
    stock = ax.get_lines()[0]
    assert stock.get_xdata().tolist() == [0, 1, 2, 3, 4, 5]
    assert stock.get_ydata().tolist() == [1000.0, *projection.pending.tolist()]
    legend = legend_texts(ax)
    assert "target 700 cases" in legend
    assert "target reached in period 3 (2026-12-31)" in legend
    assert ax.get_xticklabels()[3].get_text() == "3\n2026-12-31"
    never = project_backlog(1000, 1200, 1200, periods=3, target=500).plot()
    assert "never reaches 500" in never.get_title()
    assert not any("reached in period" in t for t in legend_texts(never))


def test_pretrial_plot_draws_each_group_and_the_limit() -> None:
    from dpssec.justice import pretrial_detention_length

    p = pretrial_detention_length(
        ["2023-01-01", "2023-03-01", "2023-06-01", "2023-02-01"],
        ["2023-05-01", None, "2023-07-01", "2023-12-01"],
        reference_date=dt.date(2023, 12, 31), legal_limit_days=180, group=["A", "A", "B", "B"],
    )  # fmt: skip
    ax = p.plot()
    assert legend_texts(ax) == ["all", "A", "B", "legal limit 180 days (as given)"]
    limit = next(line for line in ax.lines if line.get_label().startswith("legal limit"))
    assert list(limit.get_xdata()) == [180.0, 180.0]
    points = [line for line in ax.lines if line.get_marker() == "o"]
    assert [float(pt.get_ydata()[0]) for pt in points] == pytest.approx(p.beyond_limit.tolist())
    assert f"{100 * p.beyond_limit[0]:.1f} % held beyond 180 days" in ax.get_title()
