"""What the prevention pictures draw: the APC trend and its band, suppressed table rows."""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.prevention import annual_percent_change, indicator_table
from dpssec.prevention.plot_geometry import apc_trend_lines
from tests.plot_helpers import (  # noqa: F401
    _rc_params_untouched,
    hide_matplotlib,
    legend_texts,
    new_axes,
)

YEARS = np.array([2000, 2001, 2002, 2003, 2004, 2005])
RATES = np.array([50.9, 54.8, 55.8, 61.4, 53.8, 63.0])


def test_fitted_line_and_band_agree_with_statsmodels() -> None:
    sm = pytest.importorskip("statsmodels.api")
    trend = annual_percent_change(YEARS, RATES)
    lines = apc_trend_lines(trend, YEARS, RATES, points=6)
    fit = sm.OLS(np.log(RATES), sm.add_constant(YEARS.astype(float))).fit()
    frame = fit.get_prediction(sm.add_constant(YEARS.astype(float))).summary_frame(alpha=0.05)
    assert lines["line_years"] == pytest.approx(YEARS)
    assert lines["fitted"] == pytest.approx(np.exp(frame["mean"]), rel=1e-9)
    assert lines["lower"] == pytest.approx(np.exp(frame["mean_ci_lower"]), rel=1e-9)
    assert lines["upper"] == pytest.approx(np.exp(frame["mean_ci_upper"]), rel=1e-9)
    assert lines["apc"] == pytest.approx(trend.value)


def test_trend_plot_draws_points_line_and_band() -> None:
    trend = annual_percent_change(YEARS, RATES)
    ax = new_axes()
    assert trend.plot(ax, years=YEARS, rates=RATES, label="Honduras") is ax
    observed, _fitted = ax.lines
    assert list(observed.get_xdata()) == YEARS.tolist()
    assert list(observed.get_ydata()) == pytest.approx(RATES)
    band = ax.collections[0].get_paths()[0].vertices
    lines = apc_trend_lines(trend, YEARS, RATES)
    assert band[:, 1].min() == pytest.approx(min(lines["lower"]))
    assert band[:, 1].max() == pytest.approx(max(lines["upper"]))
    assert ax.get_xlabel() == "year [calendar year]"
    assert ax.get_ylabel() == "rate [per 100,000 population]"
    assert legend_texts(ax) == [
        "Honduras, observed",
        f"fitted trend, APC {trend.value:+.1f} % per year",
        "95 % confidence band of the fitted line",
    ]
    assert "log-linear (SEER)" in ax.get_title()


def test_trend_refuses_other_data_and_several_series() -> None:
    trend = annual_percent_change(YEARS, RATES)
    with pytest.raises(InputError, match="pass the data the trend was fitted to"):
        apc_trend_lines(trend, YEARS, RATES[::-1])
    several = annual_percent_change(YEARS, np.vstack([RATES, RATES * 2]))
    with pytest.raises(InputError, match="draws one series"):
        apc_trend_lines(several, YEARS, RATES)


def test_indicator_table_marks_suppressed_rows() -> None:
    table = indicator_table(
        {"area": ["A", "B", "C"], "count": [3, 40, 25], "population": [10_000, 90_000, 60_000]},
        min_count=5,
    )
    ax = table.plot()
    assert [t.get_text() for t in ax.texts] == ["suppressed (count < 5)"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["B", "C", "A"]
    assert "suppressed: count < 5" in legend_texts(ax)


def test_missing_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    trend = annual_percent_change(YEARS, RATES)
    hide_matplotlib(monkeypatch)
    with pytest.raises(ImportError, match=r"dpssec\[plot\]"):
        trend.plot(years=YEARS, rates=RATES)


def test_trend_plot_needs_its_data() -> None:
    with pytest.raises(InputError, match="needs years= and rates="):
        annual_percent_change(YEARS, RATES).plot()
