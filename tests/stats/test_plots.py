"""What the statistics pictures draw: forest rows, survival steps, number at risk, legends."""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.prevention import crime_rate
from dpssec.stats import Estimate, kaplan_meier, poisson_rate, risk_ratio
from dpssec.stats.plot_geometry import at_risk_counts, forest_layout, survival_steps
from dpssec.stats.plots import plot_forest, plot_survival_curves
from tests.plot_helpers import (  # noqa: F401
    _rc_params_untouched,
    hide_matplotlib,
    legend_texts,
    new_axes,
)


def _segments(ax: object) -> list[np.ndarray]:
    collections = ax.collections  # type: ignore[attr-defined]
    return [np.asarray(s) for c in collections for s in c.get_segments()]


def test_forest_draws_each_interval_sorted() -> None:
    rates = poisson_rate([12, 40, 7], [50_000, 90_000, 80_000])
    ax = new_axes()
    out = rates.plot(ax=ax, labels=["A", "B", "C"])
    assert out is ax
    # sorted descending from the top: B (44.4), A (24), C (8.75)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["B", "A", "C"]
    segments = _segments(ax)
    assert len(segments) == 3
    lows = sorted(s[0, 0] for s in segments)
    assert lows == pytest.approx(sorted(np.asarray(rates.lower)))
    highs = sorted(s[1, 0] for s in segments)
    assert highs == pytest.approx(sorted(np.asarray(rates.upper)))
    markers = ax.lines[0]
    assert list(markers.get_xdata()) == pytest.approx(sorted(np.asarray(rates.value))[::-1])
    assert list(markers.get_ydata()) == [2.0, 1.0, 0.0]
    assert ax.get_xlabel() == "rate [per 100,000 population]"
    assert "95 %" in ax.get_title() and "byar" in ax.get_title()
    assert legend_texts(ax)[0].startswith("estimate and 95 % interval")


def test_forest_marks_suppressed_cells_and_the_regional_value() -> None:
    rates = crime_rate(
        [3, 40, 90, 1], [2_000, 120_000, 150_000, 500], min_count=5, by=["n", "s", "e", "w"]
    )
    region = crime_rate(134, 272_500)
    ax = rates.plot(overall=region, overall_label="region")
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["suppressed (count < 5)", "suppressed (count < 5)"]
    # suppressed rows are at the bottom, in label order, without an interval
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["e", "s", "n", "w", "region"]
    assert len(_segments(ax)) == 3  # two rows + the region's interval
    legend = legend_texts(ax)
    assert "suppressed: count < 5" in legend
    assert any(t.startswith("region: ") for t in legend)
    diamond = next(line for line in ax.lines if line.get_marker() == "D")
    assert diamond.get_xdata()[0] == pytest.approx(region.value)
    # the legend sits beside the axes: it covers neither the suppressed rows nor the diamond
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.x0 >= ax.get_window_extent(renderer).x1


def test_forest_ratio_gets_a_reference_line_and_log_axis() -> None:
    ratio = risk_ratio([10, 4], [100, 80], [5, 8], [120, 90])
    ax = plot_forest(ratio, labels=["X", "Y"], log_scale=True)
    assert ax.get_xscale() == "log"
    assert ax.get_xlabel() == "ratio [1 = no difference]"
    vertical = [line for line in ax.lines if list(line.get_xdata()) == [1.0, 1.0]]
    assert len(vertical) == 1


def test_forest_layout_is_plain_data_and_checks_labels() -> None:
    e = Estimate([2.0, np.nan], [1.0, np.nan], [3.0, np.nan], 0.9, "exact")
    layout = forest_layout(e, ["a", "b"])
    assert layout["rows"][1] == {
        "label": "b",
        "value": None,
        "lower": None,
        "upper": None,
        "y": 0.0,
        "suppressed": False,
        "missing": True,
        "note": "no value",
    }
    assert layout["confidence"] == 0.9
    with pytest.raises(InputError, match="3 labels for 2 estimates"):
        forest_layout(e, ["a", "b", "c"])
    with pytest.raises(InputError, match="sort must be one of"):
        forest_layout(e, sort="random")
    ax = plot_forest(e, labels=["a", "b"])
    assert [t.get_text() for t in ax.texts] == ["no value"]


def test_survival_plot_legend_time_unit_and_given_axes() -> None:
    curve = kaplan_meier([5, 8, 12, 12, 20, 31], [1, 0, 1, 1, 0, 1])
    ax = new_axes()
    # durations given in plain weeks: the data's unit, not converted
    assert curve.plot(ax, label="cohort A", data_unit="weeks") is ax
    assert legend_texts(ax) == ["cohort A"]
    assert ax.get_xlabel() == "time [weeks]"
    assert ax.get_ylabel() == "survival S(t) [probability]"
    assert ax.get_title() == "Kaplan-Meier, 95 % log-log interval"
    (line,) = ax.lines
    assert list(line.get_xdata()) == [0.0, 5.0, 8.0, 12.0, 20.0, 31.0]
    assert list(line.get_ydata()) == pytest.approx([1.0, *curve.survival])
    assert len(ax.collections) == 1  # the band
    # without a label no legend
    assert kaplan_meier([1, 2], [1, 0]).plot(show_ci=False).get_legend() is None


def test_survival_plot_converts_days_to_the_unit_shown() -> None:
    curve = kaplan_meier([7, 14, 28, 61, 365.25], [1, 1, 0, 1, 0])
    ax = curve.plot(time_unit="weeks", at_risk=True, at_risk_times=[0, 2, 4])
    (line,) = ax.lines
    assert line.get_xdata()[1:4].tolist() == pytest.approx([1.0, 2.0, 4.0])
    assert ax.get_xlabel() == "time [weeks]"
    # the at-risk table reads the curve at 0, 14 and 28 days
    counts = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert counts == ["5", "4", "3"]
    years = curve.plot(time_unit="years")
    assert years.lines[0].get_xdata()[-1] == pytest.approx(1.0)
    assert years.get_xlabel() == "time [years]"
    months = curve.plot(time_unit="months")
    assert months.lines[0].get_xdata()[-1] == pytest.approx(12.0)
    with pytest.raises(InputError, match="not a unit of time"):
        curve.plot(time_unit="metres")
    with pytest.raises(InputError, match="not a unit of time"):
        curve.plot(time_unit="fortnightz")


def test_survival_steps_cumulative_incidence_swaps_limits() -> None:
    curve = kaplan_meier([2, 4, 4, 6, 9], [1, 1, 0, 1, 0])
    steps = survival_steps(curve, kind="cumulative_incidence")
    assert steps["value"] == pytest.approx([0.0, *(1 - curve.survival)])
    assert steps["lower"] == pytest.approx([0.0, *(1 - curve.upper)])
    assert steps["upper"] == pytest.approx([0.0, *(1 - curve.lower)])
    with pytest.raises(InputError, match="kind must be one of"):
        survival_steps(curve, kind="hazard")


def test_number_at_risk_matches_lifelines() -> None:
    lifelines = pytest.importorskip("lifelines")
    durations = np.array([5, 8, 12, 12, 20, 31, 33, 40, 41, 60])
    events = np.array([1, 0, 1, 1, 0, 1, 0, 1, 1, 0])
    times = np.array([0.0, 10.0, 25.0, 35.0, 50.0, 70.0])  # between observed times
    fitter = lifelines.KaplanMeierFitter().fit(durations, events)
    table = fitter.event_table
    expected = [
        float((table.at_risk - table.removed).loc[:t].iloc[-1]) if t >= 0 else len(durations)
        for t in times
    ]
    ours = at_risk_counts(kaplan_meier(durations, events), times)
    assert ours.tolist() == expected


def test_at_risk_table_below_the_axis() -> None:
    a = kaplan_meier([5, 8, 12, 12, 20, 31], [1, 0, 1, 1, 0, 1])
    b = kaplan_meier([3, 4, 9, 10, 15, 22], [1, 1, 1, 0, 1, 1])
    ax = plot_survival_curves(
        {"A": a, "B": b}, kind="cumulative_incidence", at_risk_times=[0, 10, 20, 30]
    )
    texts = [t.get_text() for t in ax.texts]
    assert texts[0] == "Number at risk"
    assert texts[1:6] == ["A", "6", "4", "2", "1"]
    assert texts[6:] == ["B", "6", "3", "1", "0"]
    # every count sits below the axes (negative offset from the bottom)
    assert all(t.xyann[1] < 0 for t in ax.texts)
    assert ax.get_ylabel() == "cumulative incidence 1 - S(t) [probability]"
    assert legend_texts(ax) == ["A", "B"]
    assert len(ax.lines) == 2 and len(ax.collections) == 2


def test_missing_matplotlib_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    curve = kaplan_meier([1, 2, 3], [1, 1, 0])
    hide_matplotlib(monkeypatch)
    with pytest.raises(ImportError, match=r"pip install 'dpssec\[plot\]'"):
        curve.plot()
    with pytest.raises(ImportError, match="matplotlib"):
        poisson_rate(3, 100).plot()


def test_importing_the_plot_modules_does_not_import_matplotlib() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import dpssec.stats.plots, dpssec.justice.plots, dpssec.mines.plots, "
        "dpssec.prevention.plots, dpssec.arms.storage.plots, dpssec.arms.storage.map_geometry; "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
