"""Interrupted time series: the Lopez Bernal et al. (2017) tutorial, statsmodels, properties."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

from dpssec.errors import DataQualityWarning, InputError
from dpssec.evaluation import interrupted_time_series
from tests.evaluation.conftest import load_rows

sm = pytest.importorskip("statsmodels.api")

SICILY = load_rows("sicily.csv")
EXPECTED = {(r["model"], r["term"]): r for r in load_rows("sicily_expected.csv")}
ACES = np.array([r["aces"] for r in SICILY])
TIME = np.array([r["time"] for r in SICILY])
MONTH = np.array([r["month"] for r in SICILY])
STDPOP = np.array([r["stdpop"] for r in SICILY])
DATES = np.array(
    [f"{int(r['year'])}-{int(r['month']):02d}-01" for r in SICILY], dtype="datetime64[D]"
)


def its(*args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return interrupted_time_series(*args, **kwargs)


@pytest.mark.parametrize(
    ("model", "family", "seasonality"),
    [("model1", "poisson", None), ("model2", "quasipoisson", None), ("model3", "quasipoisson", 2)],
)
def test_sicily_step_change_models_of_the_tutorial(
    model: str, family: str, seasonality: int | None
) -> None:
    """Rcode.R models 1-3: glm(aces ~ offset(log(stdpop)) + smokban + time [+ harmonic])."""
    result = its(
        ACES,
        TIME,
        37,
        population=STDPOP,
        family=family,
        seasonality=seasonality,
        slope_change=False,
    )
    level, trend = EXPECTED[(model, "smokban")], EXPECTED[(model, "time")]
    assert np.log(result.level_change.value) == pytest.approx(level["coef"], rel=1e-8)
    assert result.level_change.standard_error == pytest.approx(level["se"], rel=1e-7)
    assert np.log(result.pre_trend.value) == pytest.approx(trend["coef"], rel=1e-8)
    assert result.pre_trend.standard_error == pytest.approx(trend["se"], rel=1e-7)
    if family == "quasipoisson":
        assert result.dispersion == pytest.approx(level["dispersion"], rel=1e-8)
    z = 1.959963984540054
    assert result.level_change.lower == pytest.approx(
        np.exp(level["coef"] - z * level["se"]), rel=1e-7
    )
    assert result.n_before == 36 and result.n_after == 23


def test_sicily_slope_change_model_and_the_centred_parametrisation() -> None:
    """Model 4 centres the slope at t = 36; dpssec at the first post period, t = 37.

    The slope change is the same; dpssec's level change is R's smokban + I(time-36):smokban
    (the change at t = 37 rather than the extrapolation to t = 36).
    """
    result = its(ACES, TIME, 37, population=STDPOP, seasonality=2)
    b2 = EXPECTED[("model4", "smokban")]["coef"]
    b3 = EXPECTED[("model4", "smokban:I(time - 36)")]
    assert np.log(result.slope_change.value) == pytest.approx(b3["coef"], rel=1e-7)
    assert result.slope_change.standard_error == pytest.approx(b3["se"], rel=1e-6)
    assert np.log(result.level_change.value) == pytest.approx(b2 + b3["coef"], rel=1e-7)
    assert "centred" in result.parametrisation


def test_negative_binomial_without_a_population_matches_glm_nb() -> None:
    """MASS::glm.nb on the counts alone (statsmodels' default BFGS stops short here).

    Coefficients, alpha = 1/theta and the standard errors (theta treated as known, as
    summary.negbin does) agree.
    """
    result = its(ACES, TIME, 37, family="negative-binomial")
    level = EXPECTED[("nb_no_offset", "smokban")]
    slope = EXPECTED[("nb_no_offset", "smokban:I(time - 37)")]
    trend = EXPECTED[("nb_no_offset", "time")]
    assert np.log(result.level_change.value) == pytest.approx(level["coef"], rel=1e-6)
    assert np.log(result.slope_change.value) == pytest.approx(slope["coef"], rel=1e-5)
    assert np.log(result.pre_trend.value) == pytest.approx(trend["coef"], rel=1e-6)
    assert result.dispersion == pytest.approx(level["alpha"], rel=1e-6)
    assert result.level_change.value == pytest.approx(0.894, abs=5e-4)
    for ours, ref in ((result.level_change, level), (result.slope_change, slope)):
        assert ours.standard_error == pytest.approx(ref["se"], rel=1e-6)


def test_newey_west_matches_r_sandwich() -> None:
    """sandwich::NeweyWest(fit, lag = 3, prewhite = FALSE, adjust = FALSE) in R."""
    result = its(ACES, TIME, 37, population=STDPOP, autocorrelation="newey-west", lags=3)
    level = EXPECTED[("poisson_newey_west_lag3", "smokban")]
    slope = EXPECTED[("poisson_newey_west_lag3", "smokban:I(time - 37)")]
    assert np.log(result.level_change.value) == pytest.approx(level["coef"], rel=1e-8)
    assert result.level_change.standard_error == pytest.approx(level["se"], rel=1e-8)
    assert result.slope_change.standard_error == pytest.approx(slope["se"], rel=1e-8)


RANDOM = load_rows("its_random.csv")
RANDOM_EXPECTED = {(r["family"], r["term"]): r for r in load_rows("its_random_expected.csv")}


@pytest.mark.parametrize("family", ["poisson", "quasipoisson", "gaussian", "negative-binomial"])
def test_agrees_with_r_on_random_data(family: str) -> None:
    """R's glm, lm and MASS::glm.nb on a simulated series (make_r_its_reference.R)."""
    t = np.array([r["t"] for r in RANDOM])
    y = np.array([r["count"] for r in RANDOM])
    pop = np.array([r["population"] for r in RANDOM])
    if family == "gaussian":
        ours = its(y / pop * 1e5, t, 25, family="gaussian", seasonality=1)
    else:
        ours = its(y, t, 25, population=pop, family=family, seasonality=1)
    to_coef = (lambda v: v) if family == "gaussian" else np.log
    tol = 1e-6 if family == "negative-binomial" else 1e-8  # alpha by two optimisers
    for estimate, term in (
        (ours.level_change, "on"),
        (ours.slope_change, "I((t - 25) * on)"),
        (ours.pre_trend, "t"),
    ):
        ref = RANDOM_EXPECTED[(family, term)]
        assert to_coef(estimate.value) == pytest.approx(ref["coef"], rel=tol)
        assert estimate.standard_error == pytest.approx(ref["se"], rel=tol)
    ref = RANDOM_EXPECTED[(family, "on")]
    if family == "negative-binomial":
        assert ours.dispersion == pytest.approx(ref["alpha"], rel=1e-6)
    elif family != "poisson":
        assert ours.dispersion == pytest.approx(ref["dispersion"], rel=1e-8)


def test_crude_comparison_hides_the_step() -> None:
    """statistics.md §8.12: mean standardised rate 213.27 before, 220.51 after."""
    rate = ACES / STDPOP * 100_000
    assert rate[TIME < 37].mean() == pytest.approx(213.27, abs=0.005)
    assert rate[TIME >= 37].mean() == pytest.approx(220.51, abs=0.005)
    assert its(ACES, TIME, 37, population=STDPOP, slope_change=False).level_change.upper < 1


def test_dates_numbers_series_and_frames_give_the_same_fit() -> None:
    pd = pytest.importorskip("pandas")
    by_number = its(ACES, TIME, 37, population=STDPOP, seasonality=2)
    by_date = its(ACES, DATES, "2005-01-10", population=STDPOP, seasonality=2)
    index = pd.DatetimeIndex(DATES.astype("datetime64[ns]"))
    series = its(
        pd.Series(ACES, index=index),
        None,
        "2005-01-01",
        population=pd.Series(STDPOP, index=index),
        seasonality=2,
    )
    frame = pd.DataFrame({"count": ACES, "population": STDPOP, "month": DATES})
    by_frame = its(frame, "month", "2005-01-01", seasonality=2)
    periods = its(
        pd.Series(ACES, index=index.to_period("M")),
        None,
        "2005-01-01",
        population=STDPOP,
        seasonality=2,
    )
    for other in (by_date, series, by_frame, periods):
        assert other.level_change.value == pytest.approx(by_number.level_change.value, rel=1e-12)
        assert other.time_unit == "month"
        assert other.time[0] == "2002-01-01"
    assert by_number.time_unit == "period"


def test_a_dataframe_names_its_columns() -> None:
    pd = pytest.importorskip("pandas")
    by_number = its(ACES, TIME, 37, population=STDPOP, seasonality=2)
    frame = pd.DataFrame({"aces": ACES, "stdpop": STDPOP, "month": DATES})
    named = its(frame, "month", "2005-01-01", population="stdpop", column="aces", seasonality=2)
    assert named.level_change.value == pytest.approx(by_number.level_change.value, rel=1e-12)
    assert named.population is not None
    with pytest.raises(InputError, match="no column 'pop'"):
        its(frame, "month", "2005-01-01", population="pop", column="aces")
    with pytest.raises(InputError, match=r"column='\.\.\.'"):
        its(frame, "month", "2005-01-01")
    control = pd.DataFrame({"count": ACES, "other": np.round(ACES * 1.1), "month": DATES})
    controlled = its(control, "month", "2005-01-01", control="other")
    assert controlled.controlled


def test_series_table_keeps_the_dates() -> None:
    pd = pytest.importorskip("pandas")
    index = pd.DatetimeIndex(DATES.astype("datetime64[ns]"))
    result = its(pd.Series(ACES, index=index), None, "2005-01-01", population=STDPOP)
    frame = result.series_frame()
    assert frame.index.equals(index.rename("date"))
    np.testing.assert_allclose(frame["fitted"].to_numpy(), result.fitted)
    np.testing.assert_allclose(frame["counterfactual"].to_numpy(), result.counterfactual)
    np.testing.assert_allclose(frame["observed_rate"].to_numpy(), ACES / STDPOP * 1e5)
    assert frame.loc["2005-01-01", "observed"] == ACES[36]
    table = result.series_table()
    assert table.keys == ("time",) and table.columns["time"][0] == "2002-01-01"
    assert table.to_csv().splitlines()[0].startswith("time,observed,fitted,counterfactual")
    numeric = its(ACES, TIME, 37).series_frame()
    assert numeric.index.name == "time" and numeric.index[0] == 1.0
    assert len(result.to_frame()) == 6  # the summary stays the summary


def test_a_pandas_timestamp_is_a_date() -> None:
    pd = pytest.importorskip("pandas")
    index = pd.DatetimeIndex(DATES.astype("datetime64[ns]"))
    series = pd.Series(ACES, index=index)
    by_text = its(series, None, "2005-01-01", population=STDPOP)
    by_timestamp = its(series, None, pd.Timestamp("2005-01-01"), population=STDPOP)
    assert by_timestamp.level_change.value == pytest.approx(by_text.level_change.value, rel=1e-12)
    assert by_timestamp.interventions == by_text.interventions
    with pytest.raises(InputError, match="time of day"):
        its(series, None, pd.Timestamp("2005-01-01 10:30"), population=STDPOP)


def _design(t: np.ndarray, T0: float, season: np.ndarray | None = None) -> np.ndarray:
    on = (t >= T0).astype(float)
    columns = [np.ones_like(t), t, on, (t - T0) * on]
    if season is not None:
        columns += [np.sin(2 * np.pi * season / 12), np.cos(2 * np.pi * season / 12)]
    return np.column_stack(columns)


@pytest.mark.parametrize("family", ["poisson", "quasipoisson", "negative-binomial", "gaussian"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_agrees_with_statsmodels_on_random_data(family: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 48
    t = np.arange(1.0, n + 1)
    pop = rng.uniform(9e4, 1.1e5, n)
    mu = pop * 1e-3 * np.exp(0.005 * t - 0.2 * (t >= 25))
    y = rng.poisson(rng.gamma(20.0, mu / 20.0)).astype(float)  # overdispersed (alpha = 0.05)
    X = _design(t, 25.0, season=t)
    if family == "gaussian":
        rate = y / pop * 1e5
        ref = sm.OLS(rate, X).fit()
        params, bse = ref.params, ref.bse
    elif family == "negative-binomial":
        from statsmodels.discrete.discrete_model import NegativeBinomial

        model = NegativeBinomial(y, X, offset=np.log(pop))
        start = model.fit(disp=0, maxiter=500).params
        joint = model.fit(start_params=start, disp=0, method="newton")
        nb = sm.families.NegativeBinomial(alpha=joint.params[-1])
        ref = sm.GLM(y, X, family=nb, offset=np.log(pop)).fit(tol=1e-12)
        np.testing.assert_allclose(ref.params, joint.params[:-1], rtol=1e-6)
        params, bse = ref.params, ref.bse  # se with alpha known, as MASS::glm.nb
    else:
        ref = sm.GLM(y, X, family=sm.families.Poisson(), offset=np.log(pop)).fit(
            scale="X2" if family == "quasipoisson" else None
        )
        params, bse = ref.params, ref.bse
    ours = its(y, t, 25, population=pop, family=family, seasonality=1)
    to_coef = (lambda v: v) if family == "gaussian" else np.log
    assert to_coef(ours.level_change.value) == pytest.approx(params[2], rel=1e-8, abs=1e-10)
    assert to_coef(ours.slope_change.value) == pytest.approx(params[3], rel=1e-6, abs=1e-10)
    assert ours.level_change.standard_error == pytest.approx(bse[2], rel=1e-6)
    assert ours.slope_change.standard_error == pytest.approx(bse[3], rel=1e-6)


def test_newey_west_matches_statsmodels_hac() -> None:
    X = _design(TIME, 37.0)
    ref = sm.GLM(ACES, X, family=sm.families.Poisson(), offset=np.log(STDPOP)).fit(
        cov_type="HAC", cov_kwds={"maxlags": 3}
    )
    ours = its(ACES, TIME, 37, population=STDPOP, autocorrelation="newey-west", lags=3)
    assert ours.level_change.standard_error == pytest.approx(ref.bse[2], rel=1e-8)
    assert "3 lags" in ours.covariance
    default = its(ACES, TIME, 37, population=STDPOP, autocorrelation="newey-west")
    assert "3 lags" in default.covariance  # floor(4 (59/100)^(2/9)) = 3


def _null_series(rng: np.random.Generator, n: int = 40) -> np.ndarray:
    t = np.arange(1.0, n + 1)
    return rng.poisson(200 * np.exp(0.004 * t)).astype(float)


@pytest.mark.slow
def test_no_change_level_interval_covers_one_about_95_percent() -> None:
    rng = np.random.default_rng(20260101)
    t = np.arange(1.0, 41)
    hits = 0
    simulations = 200
    for _ in range(simulations):
        result = its(_null_series(rng), t, 21, family="poisson")
        hits += result.level_change.lower <= 1 <= result.level_change.upper
    # binomial(200, 0.95): 0.90-0.99 holds with probability > 0.999
    assert 0.90 <= hits / simulations <= 0.99


def test_reversing_the_step_reverses_the_estimate() -> None:
    rng = np.random.default_rng(7)
    t = np.arange(1.0, 31)
    base = 50 + 0.3 * t + rng.normal(0, 1.0, t.size)
    step = 4.0 * (t >= 16)
    up = its(base + step, t, 16, family="gaussian")
    down = its(base - step, t, 16, family="gaussian")
    assert up.level_change.value > 0 > down.level_change.value
    assert up.level_change.value - down.level_change.value == pytest.approx(8.0, rel=1e-9)
    mu = 100 * np.exp(0.01 * t)
    counts_up = rng.poisson(mu * np.where(t >= 16, 1.4, 1.0)).astype(float)
    counts_down = rng.poisson(mu * np.where(t >= 16, 1 / 1.4, 1.0)).astype(float)
    assert its(counts_up, t, 16, family="poisson").level_change.value > 1
    assert its(counts_down, t, 16, family="poisson").level_change.value < 1


def test_control_series_removes_a_common_shock() -> None:
    t = np.arange(1.0, 31)
    shock = np.where(t >= 16, 0.8, 1.0)
    control = np.round(500 * np.exp(0.01 * t) * shock)
    treated = np.round(400 * np.exp(0.01 * t) * shock * np.where(t >= 16, 0.9, 1.0))
    alone = its(treated, t, 16, family="quasipoisson")
    both = its(treated, t, 16, control=control, family="quasipoisson")
    assert alone.level_change.value == pytest.approx(0.72, abs=0.01)
    assert both.level_change.value == pytest.approx(0.9, abs=0.01)
    assert both.controlled and "control series" in both.statement
    assert both.counterfactual[20] == pytest.approx(
        both.fitted[20] / both.level_change.value * np.exp(0), rel=0.02
    )


def test_several_change_points() -> None:
    t = np.arange(1.0, 37)
    mu = 100 * np.exp(0.005 * t) * np.where(t >= 13, 0.9, 1.0) * np.where(t >= 25, 0.8, 1.0)
    result = its(np.round(mu), t, [13, 25], family="poisson")
    assert result.level_change.value == pytest.approx([0.9, 0.8], abs=0.01)
    assert result.interventions == ("13", "25")
    assert len(result.to_frame()) >= 6


def test_refusals_and_warnings() -> None:
    t = np.arange(1.0, 13)
    y = np.arange(20.0, 32.0)
    with pytest.raises(InputError, match="at least 3"):
        interrupted_time_series(y, t, 11)
    with pytest.raises(InputError, match="not inside"):
        interrupted_time_series(y, t, 40)
    with pytest.raises(InputError, match="strictly increasing"):
        interrupted_time_series(y, t[::-1], 6)
    with pytest.raises(InputError, match="Fourier"):
        interrupted_time_series(y, t, 6, seasonality=6)
    with pytest.raises(InputError, match="must be a date"):
        interrupted_time_series(ACES, DATES, 37)
    with pytest.raises(InputError, match="population and control_population"):
        interrupted_time_series(y, t, 6, population=np.full(12, 1e4), control=y)
    with pytest.warns(DataQualityWarning, match="fewer than 8"):
        interrupted_time_series(
            y + np.array([0, 1, 0, 2, 1, 0, 1, 0, 2, 1, 0, 1]), t, 6, family="poisson"
        )
    with pytest.warns(DataQualityWarning, match="autocorrelation"):
        interrupted_time_series(ACES, TIME, 37, population=STDPOP, slope_change=False)


def test_gaps_omitted_with_a_warning() -> None:
    y = ACES.copy()
    y[5] = np.nan
    with pytest.warns(DataQualityWarning, match="omitted 1 of 59"):
        result = interrupted_time_series(
            y, TIME, 37, population=STDPOP, seasonality=2, nan_policy="omit"
        )
    assert result.observed.size == 58


def test_statement_and_rendering() -> None:
    result = its(ACES, DATES, "2005-01-01", population=STDPOP, seasonality=2, slope_change=False)
    assert "cannot show" in result.statement and "2005-01-01" in result.statement
    assert "rate ratio 0.885" in result.statement
    assert "level change" in str(result)
    assert "<table>" in result._repr_html_()
    from dpssec.serialization import to_json

    assert '"family": "quasipoisson"' in to_json(result)


def test_plot_draws_the_series_fit_and_counterfactual(agg: Any) -> None:
    result = its(ACES, DATES, "2005-01-01", population=STDPOP, seasonality=2)
    ax = result.plot(color="C3")
    lines = {line.get_label(): line for line in ax.get_lines()}
    rate = ACES / STDPOP * 100_000
    np.testing.assert_allclose(lines["observed"].get_ydata(), rate)
    fitted = lines["fitted (segmented regression)"]
    np.testing.assert_allclose(fitted.get_ydata(), result.fitted / STDPOP * 100_000)
    assert fitted.get_color() == "C3"
    counterfactual = lines["counterfactual (pre-intervention trend continued)"]
    assert len(counterfactual.get_ydata()) == 23 and counterfactual.get_linestyle() == "--"
    assert "intervention (2005-01-01)" in lines
    assert lines["intervention (2005-01-01)"].get_xdata()[0] == np.datetime64("2005-01-01")
    assert ax.get_ylabel() == "rate [per 100,000 per month]" and ax.get_xlabel() == "date"
    lc = result.level_change
    assert ax.get_title().startswith("Interrupted time series, quasipoisson")
    assert f"rate ratio {lc.value:.3g} (95 % CI {lc.lower:.3g} to {lc.upper:.3g})" in ax.get_title()
    numeric = its(ACES, TIME, 37)
    ax2 = numeric.plot(ax=agg.subplots()[1], title="Sicily")
    assert ax2.get_xlabel() == "time [period]" and ax2.get_ylabel() == "events [per period]"
    assert ax2.get_title() == "Sicily"
    gaussian = its(ACES / STDPOP * 1e5, TIME, 37, family="gaussian")
    ax3 = gaussian.plot(ax=agg.subplots()[1], unit="per 100,000")
    assert ax3.get_ylabel() == "value [per 100,000]" and "difference" in ax3.get_title()


def test_controlled_series_with_newey_west_uses_a_panel_hac() -> None:
    t = np.arange(1.0, 31)
    rng = np.random.default_rng(5)
    control = rng.poisson(500 * np.exp(0.01 * t)).astype(float)
    treated = rng.poisson(400 * np.exp(0.01 * t) * np.where(t >= 16, 0.85, 1.0)).astype(float)
    result = its(treated, t, 16, control=control, autocorrelation="newey-west", lags=2)
    assert "2 lags" in result.covariance and result.controlled
    assert result.level_change.lower < 0.85 < result.level_change.upper


@pytest.mark.parametrize(
    ("start", "step", "unit"),
    [("2000-01-01", "Y", "year"), ("2020-01-06", "W", "week"), ("2020-01-01", "D", "day")],
)
def test_time_axis_of_yearly_weekly_and_daily_dates(start: str, step: str, unit: str) -> None:
    days = {"Y": None, "W": 7, "D": 1}[step]
    if days is None:
        dates = np.array([f"{2000 + i}-01-01" for i in range(20)], dtype="datetime64[D]")
    else:
        dates = np.datetime64(start) + np.arange(20) * days
    y = np.round(100 * np.exp(0.01 * np.arange(20)) * np.where(np.arange(20) >= 10, 0.8, 1.0))
    result = its(y, dates, dates[10], family="poisson")
    assert result.time_unit == unit
    assert result.n_before == 10 and result.level_change.value == pytest.approx(0.8, abs=0.01)
