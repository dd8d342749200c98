"""What the mine-action pictures draw: stacked priorities, the burn-down band, the OC curve."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from dpssec.errors import InputError
from dpssec.mines.areas import HazardousArea
from dpssec.mines.forecast import completion_forecast
from dpssec.mines.plot_geometry import burndown_curves, priority_segments
from dpssec.mines.prioritisation import prioritise
from dpssec.mines.sampling_plan import sampling_plan
from dpssec.mines.scoring import LIS_PRESET
from tests.plot_helpers import (  # noqa: F401
    _rc_params_untouched,
    hide_matplotlib,
    legend_texts,
    new_axes,
)

AREAS = [
    HazardousArea("A", "SHA", 5e4, contamination=["UXO"], blocked_resources=["roads"]),
    HazardousArea("B", "CHA", 2e4, contamination=["AP"], recent_victims=3),
    HazardousArea("C", "CHA", 1e4, contamination=["AP", "AV"], recent_victims=1,
                  blocked_resources=["water", "roads"]),
]  # fmt: skip


def test_stacked_bars_sum_to_the_score() -> None:
    result = prioritise(AREAS, LIS_PRESET)
    ax = new_axes()
    assert result.plot(ax) is ax
    for area in priority_segments(result)["areas"]:
        widths = [s["width"] for s in area["segments"]]
        assert sum(widths) == pytest.approx(area["score"])
    y_of = {t.get_text().split(". ", 1)[1]: t.get_position()[1] for t in ax.get_yticklabels()}
    for i, area_id in enumerate(result.ids):
        bars = [p for p in ax.patches if p.get_y() + p.get_height() / 2 == y_of[area_id]]
        assert sum(p.get_width() for p in bars) == pytest.approx(result.score[i])
    # rank 1 at the top
    assert next(t.get_text() for t in ax.get_yticklabels()) == f"1. {result.ids[0]}"
    assert ax.get_xlabel() == "priority score [points]"
    assert "unverified" in ax.get_title() and result.method in ax.get_title()
    explained = result.explain(result.ids[0])
    for label in legend_texts(ax):
        assert label in {*result.labels}
    assert any(label in explained for label in legend_texts(ax))


def test_weighted_sum_bars_and_topsis_bars() -> None:
    weights = {"recent_victims": 0.5, "area": 0.5}
    ws = prioritise(AREAS, "weighted_sum", weights=weights)
    ax = ws.plot()
    assert sum(p.get_width() for p in ax.patches) == pytest.approx(float(np.sum(ws.score)))
    assert ax.get_xlabel() == "priority score [0-1]"
    topsis = prioritise(AREAS, "topsis", weights=weights)
    data = priority_segments(topsis)
    assert not data["additive"]
    assert [a["segments"][0]["width"] for a in data["areas"]] == pytest.approx(topsis.score)
    assert topsis.plot().get_xlabel() == "TOPSIS closeness [0-1]"


def test_burndown_band_spans_both_projections_and_deadline() -> None:
    history = {2014: 90_845, 2015: 37_576.5, 2016: 37_576.5, 2017: 35_507}
    forecast = completion_forecast(97_469, history, deadline="2022-12-31")
    curves = burndown_curves(forecast, history)
    band = curves["band"]
    assert band["upper"][0] == band["lower"][0] == pytest.approx(97_469)
    # the band reaches zero at the mean's completion; the trend never finishes
    zero = np.asarray(band["position"])[np.asarray(band["lower"]) == 0.0][0]
    assert zero == pytest.approx(curves["mean_completion"])
    assert curves["trend_completion"] is None and min(band["upper"]) > 0
    ax = forecast.plot(annual_release=history)
    fill = ax.collections[0].get_paths()[0].vertices
    assert fill[:, 0].min() == pytest.approx(2018.0)
    assert fill[:, 1].max() == pytest.approx(97_469)
    history_line = ax.lines[0]
    assert list(history_line.get_xdata()) == [2014, 2015, 2016, 2017, 2018]
    assert history_line.get_ydata()[-1] == pytest.approx(97_469)
    assert history_line.get_ydata()[0] == pytest.approx(97_469 + sum(history.values()))
    deadline = [line for line in ax.lines if line.get_label().startswith("Article 5 deadline")]
    assert len(deadline) == 1
    assert deadline[0].get_xdata()[0] == pytest.approx(2023.0)
    assert ax.get_ylabel() == "remaining area [m²]"
    assert "Article 5 deadline 2022-12-31" in legend_texts(ax)


def test_burndown_trend_reaches_zero_at_its_completion() -> None:
    forecast = completion_forecast(300_000, [50_000, 100_000, 150_000], years=[2021, 2022, 2023])
    curves = burndown_curves(forecast)
    trend = curves["trend"]
    zero = trend["position"][trend["remaining"].index(0.0)]
    assert zero == pytest.approx(curves["trend_completion"])
    assert curves["required"] is None and curves["deadline"] is None
    with pytest.raises(InputError, match="needs its years"):
        burndown_curves(forecast, [1.0, 2.0])


def test_oc_curve_points_and_risks() -> None:
    plan = sampling_plan(50, 1, acceptable_quality=0.005, limiting_quality=0.05)
    curve = plan.oc_curve()
    expected = stats.binom.cdf(1, 50, np.asarray(curve["defect_rate"]))
    assert curve["acceptance"] == pytest.approx(expected)
    assert curve["consumer_point"]["acceptance"] == pytest.approx(plan.consumer_risk)
    assert 1 - curve["producer_point"]["acceptance"] == pytest.approx(plan.producer_risk)
    ax = plan.plot()
    oc = ax.lines[0]
    assert np.asarray(oc.get_xdata()) == pytest.approx(100 * np.asarray(curve["defect_rate"]))
    consumer = next(line for line in ax.lines if line.get_marker() == "X")
    assert consumer.get_xdata()[0] == pytest.approx(5.0)
    assert consumer.get_ydata()[0] == pytest.approx(plan.consumer_risk)
    legend = legend_texts(ax)
    assert legend[0] == "OC curve n = 50, c = 1 (binomial)"
    assert legend[1].startswith("producer's risk α = 0.026 at AQL 0.5 %")
    assert legend[2].startswith("consumer's risk β = 0.279 at LQ 5 %")
    assert ax.get_ylabel() == "probability of accepting the lot P_a [probability]"


def test_oc_curve_of_a_finite_lot_is_hypergeometric() -> None:
    plan = sampling_plan(40, 0, lot_size=400, limiting_quality=0.01)
    curve = plan.oc_curve()
    defective = np.round(np.asarray(curve["defect_rate"]) * 400)
    assert np.allclose(defective, np.round(defective))
    assert curve["acceptance"] == pytest.approx(stats.hypergeom.cdf(0, 400, defective, 40))
    assert plan.consumer_risk == pytest.approx(stats.hypergeom.cdf(0, 400, 4, 40))
    with pytest.raises(InputError):
        sampling_plan(10, 11)


def test_missing_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = sampling_plan(299, 0, limiting_quality=0.01)
    hide_matplotlib(monkeypatch)
    with pytest.raises(ImportError, match=r"dpssec\[plot\]"):
        plan.plot()
