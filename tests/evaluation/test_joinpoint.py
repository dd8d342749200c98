"""Joinpoint: published NCI Joinpoint output, a loop of statsmodels fits, SEER's APC, properties."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.evaluation import JoinpointResults, joinpoint
from dpssec.evaluation.examples import homicide_rates
from tests.evaluation.conftest import load_rows, text_rows

sm = pytest.importorskip("statsmodels.api")

OPIOID: dict[str, dict[str, np.ndarray]] = {}
for row in load_rows("joinpoint_opioid_input.csv"):
    series = OPIOID.setdefault(row["series"], {"year": [], "rate": [], "se": []})  # type: ignore[dict-item]
    series["year"].append(row["year"])  # type: ignore[attr-defined]
    series["rate"].append(row["std_rate"])  # type: ignore[attr-defined]
    series["se"].append(row["sd"])  # type: ignore[attr-defined]
OPIOID = {k: {c: np.array(v) for c, v in d.items()} for k, d in OPIOID.items()}
PUBLISHED = load_rows("joinpoint_opioid_expected.csv")


def _published(series: str) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    rows = [r for r in PUBLISHED if r["series"] == series]
    apc = [r for r in rows if r["quantity"] == "APC"]
    aapc = next(r for r in rows if r["quantity"] == "AAPC")
    return int(rows[0]["joinpoints"]), apc, aapc


@pytest.mark.parametrize("series", sorted(OPIOID))
def test_reproduces_nci_joinpoint_apc_and_aapc(series: str) -> None:
    k, apc, aapc = _published(series)
    data = OPIOID[series]
    fit = joinpoint(data["year"], data["rate"], standard_errors=data["se"], n_joinpoints=k)
    assert fit.joinpoints.tolist() == [r["start"] for r in apc[1:]]
    for segment, expected in zip(fit.segments, apc, strict=True):
        assert (segment.start, segment.end) == (expected["start"], expected["end"])
        assert segment.estimate.value == pytest.approx(expected["value"], abs=6e-4)
        # intervals treat the joinpoints as known: inside Joinpoint's wider ones
        assert expected["lower"] <= segment.estimate.lower <= segment.estimate.value
        assert segment.estimate.value <= segment.estimate.upper <= expected["upper"]
    full = fit.aapc()
    assert full.value == pytest.approx(aapc["value"], abs=6e-4)
    assert aapc["lower"] <= full.lower and full.upper <= aapc["upper"]


def test_how_nci_joinpoint_intervals_differ() -> None:
    """Why dpssec's APC intervals are not Joinpoint's (the standards page says so).

    Joinpoint's published APC interval is exp(b ± t·se) with t on n − 3k − 2 degrees of
    freedom (the k joinpoints counted as parameters) and its own slope standard error; that
    error is not dpssec's (joinpoints known) error scaled by any one factor: it is smaller
    for one segment and up to 3.5 times larger for others, so it cannot be recovered from
    the fitted model alone.
    """
    from scipy import stats

    ratios = []
    for series, data in OPIOID.items():
        k, apc, _ = _published(series)
        n = data["year"].size
        t = stats.t.ppf(0.975, n - 3 * k - 2)
        fit = joinpoint(data["year"], data["rate"], standard_errors=data["se"], n_joinpoints=k)
        for segment, expected in zip(fit.segments, apc, strict=True):
            b, se = np.log1p(expected["value"] / 100), expected["nci_slope_se"]
            assert 100 * np.expm1(b - t * se) == pytest.approx(expected["lower"], abs=2e-3)
            assert 100 * np.expm1(b + t * se) == pytest.approx(expected["upper"], abs=2e-3)
            ratios.append(se / segment.estimate.standard_error)
    assert min(ratios) < 1.0 < 3.0 < max(ratios)


@pytest.mark.parametrize("series", ["drug_total", "heroin_total"])
def test_permutation_selection_agrees_with_nci(series: str) -> None:
    k, _, _ = _published(series)
    data = OPIOID[series]
    fit = joinpoint(data["year"], data["rate"], standard_errors=data["se"], permutations=999)
    assert fit.n_joinpoints == k
    assert [t.name.split("(level ")[1] for t in fit.tests] == ["0.01667)", "0.025)", "0.05)"]


@pytest.mark.slow
def test_permutation_selection_stops_where_nci_stopped() -> None:
    """drug_black: Joinpoint kept 2 joinpoints (2 vs 3: p = 0.1556 > 0.05)."""
    data = OPIOID["drug_black"]
    fit = joinpoint(data["year"], data["rate"], standard_errors=data["se"])
    assert fit.n_joinpoints == 2
    assert fit.tests[-1].p_value > 0.05 and fit.tests[1].p_value < 0.025


UK = text_rows("joinpoint_uk_mortality.csv")
UK_YEARS = np.arange(2002, 2019, dtype=float)


@pytest.mark.parametrize("row", UK, ids=[r["series"] for r in UK])
def test_reproduces_joinpoint_constant_variance_and_bic_selection(row: dict[str, str]) -> None:
    rates = np.array([float(row[str(y)]) for y in range(2002, 2019)])
    joinpoints = [float(j) for j in row["joinpoints"].split(";") if j]
    published = [float(a) for a in row["apc"].split(";")]
    fit = joinpoint(UK_YEARS, rates, selection="bic")
    assert fit.joinpoints.tolist() == joinpoints
    np.testing.assert_allclose([s.estimate.value for s in fit.segments], published, atol=6e-5)


def _brute_force(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, k: int
) -> tuple[float, tuple[float, ...]]:
    """A loop of statsmodels WLS fits over every admissible joinpoint set."""
    best = (np.inf, ())
    for c in itertools.combinations(range(2, x.size - 2), k):
        if any(b - a - 1 < 2 for a, b in itertools.pairwise(c)):
            continue
        taus = x[list(c)]
        X = np.column_stack([np.ones_like(x), x - x[0], *[np.maximum(x - t, 0) for t in taus]])
        fit = sm.WLS(y, X, weights=w).fit()
        sse = float(np.sum(w * fit.resid**2))
        if sse < best[0]:
            best = (sse, tuple(taus))
    return best


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_grid_search_equals_a_loop_of_statsmodels_fits(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = np.arange(1995.0, 2020.0)
    slope = np.where(x < 2004, 0.03, np.where(x < 2012, -0.05, 0.01))
    y = np.log(20.0) + np.cumsum(slope) + rng.normal(0, 0.03, x.size)
    w = rng.uniform(0.5, 2.0, x.size)
    rates = np.exp(y)
    se = rates / np.sqrt(w)
    for k in (1, 2, 3):
        sse, taus = _brute_force(x, y, w, k)
        fit = joinpoint(x, rates, standard_errors=se, n_joinpoints=k)
        assert tuple(fit.joinpoints) == taus
        assert fit.sse == pytest.approx(sse, rel=1e-8)
    chosen = joinpoint(x, rates, standard_errors=se, selection="bic")
    bics = [
        np.log(_brute_force(x, y, w, k)[0] / x.size) + 2 * (k + 1) * np.log(x.size) / x.size
        for k in range(4)
    ]
    assert chosen.n_joinpoints == int(np.argmin(bics))
    np.testing.assert_allclose(chosen.bic, bics, rtol=1e-8)


def test_single_segment_is_seers_annual_percent_change() -> None:
    from dpssec.prevention import annual_percent_change

    years, rates, _ = homicide_rates("COL")
    single = joinpoint(years, rates, n_joinpoints=0).segments[0].estimate
    apc = annual_percent_change(years, rates)
    assert single.value == pytest.approx(apc.value, rel=1e-10)
    assert single.lower == pytest.approx(apc.lower, rel=1e-10)
    assert single.upper == pytest.approx(apc.upper, rel=1e-10)
    # on the shared homicide series, segments reveal what one trend averages away
    trend = joinpoint(years, rates, selection="bic")
    assert trend.n_joinpoints >= 2
    assert min(s.estimate.value for s in trend.segments) < apc.value - 5


def test_counts_with_population_weigh_each_year_by_its_count() -> None:
    years = np.arange(2000.0, 2016.0)
    population = np.linspace(1e6, 1.2e6, 16)
    counts = np.round(
        population * 1e-4 * np.exp(np.where(years < 2008, 0.02, -0.04) * (years - 2000))
    )
    by_counts = joinpoint(years, counts, population=population, n_joinpoints=1)
    rates = counts / population * 1e5
    by_se = joinpoint(years, rates, standard_errors=rates / np.sqrt(counts), n_joinpoints=1)
    assert by_counts.joinpoints.tolist() == by_se.joinpoints.tolist()
    assert by_counts.segments[1].estimate.value == pytest.approx(
        by_se.segments[1].estimate.value, rel=1e-10
    )
    assert by_counts.outcome == "rate per 100,000"


def test_linear_model_slopes_match_ols() -> None:
    years = np.arange(2000.0, 2014.0)
    values = np.where(years < 2007, 2.0 * (years - 2000), 14 - 1.5 * (years - 2007)) + np.sin(years)
    fit = joinpoint(years, values, model="linear", n_joinpoints=1)
    tau = fit.joinpoints[0]
    X = np.column_stack([np.ones(14), years - 2000, np.maximum(years - tau, 0)])
    ref = sm.OLS(values, X).fit()
    assert fit.segments[0].estimate.value == pytest.approx(ref.params[1], rel=1e-10)
    assert fit.segments[1].estimate.value == pytest.approx(ref.params[1] + ref.params[2], rel=1e-10)
    # sigma² = SSE / (n - 2(k + 1)): the joinpoint counts as a parameter (OLS uses n - 3)
    assert fit.segments[0].estimate.standard_error == pytest.approx(
        ref.bse[1] * np.sqrt(11 / 10), rel=1e-8
    )


def test_aapc_within_one_segment_is_its_apc() -> None:
    data = OPIOID["drug_total"]
    fit = joinpoint(data["year"], data["rate"], standard_errors=data["se"], n_joinpoints=3)
    inside = fit.aapc(2007, 2012)
    segment = fit.segments[1].estimate
    assert inside.value == pytest.approx(segment.value, rel=1e-12)
    assert inside.lower == pytest.approx(segment.lower, rel=1e-12)
    with pytest.raises(InputError, match="within"):
        fit.aapc(1990, 2000)


def test_many_series_in_one_call_and_dataframes() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {s: OPIOID[s]["rate"] for s in ("drug_total", "heroin_total")},
        index=OPIOID["drug_total"]["year"],
    )
    results = joinpoint(None, frame, selection="bic")
    assert isinstance(results, JoinpointResults) and len(results) == 2
    alone = joinpoint(
        OPIOID["heroin_total"]["year"], OPIOID["heroin_total"]["rate"], selection="bic"
    )
    assert results["heroin_total"].joinpoints.tolist() == alone.joinpoints.tolist()
    assert results[1].aapc().value == pytest.approx(alone.aapc().value, rel=1e-12)
    assert list(results.to_frame()["series"]) == ["drug_total", "heroin_total"]


def test_refusals() -> None:
    years = np.arange(2000.0, 2010.0)
    with pytest.raises(InputError, match="cannot be placed"):
        joinpoint(years, np.arange(1.0, 11.0), n_joinpoints=3)
    with pytest.raises(InputError, match="values > 0"):
        joinpoint(years, np.r_[0.0, np.arange(2.0, 11.0)])
    with pytest.raises(InputError, match="increasing"):
        joinpoint(years[::-1], np.arange(1.0, 11.0))
    with pytest.raises(InputError, match="one series at a time"):
        joinpoint(years, np.ones((10, 2)), nan_policy="omit")
    short = joinpoint(years, np.exp(np.sin(years)), selection="bic")
    assert short.bic.size <= 3  # max_joinpoints lowered to what 10 years allow


def test_statement_and_plot(agg: Any) -> None:
    years, rates, _ = homicide_rates("COL")
    fit = joinpoint(years, rates, selection="bic")
    assert "What this cannot show" in fit.statement and "AAPC 1990-2023" in fit.statement
    ax = fit.plot(color="C4")
    lines = {line.get_label().split("\n")[0]: line for line in ax.get_lines()}
    np.testing.assert_allclose(lines["observed"].get_ydata(), rates)
    np.testing.assert_allclose(lines["loglinear joinpoint model"].get_ydata(), fit.fitted)
    segments = lines["loglinear joinpoint model"].get_label().split("\n")[1:]
    assert segments == [
        f"{s.start:g}-{s.end:g}: {s.estimate.value:+.2f} %/yr" for s in fit.segments
    ]
    assert lines["loglinear joinpoint model"].get_color() == "C4"
    assert "joinpoint" in lines
    assert ax.get_xlabel() == "year [calendar year]" and ax.get_ylabel() == "value"
    aapc = fit.aapc()
    assert f"AAPC {aapc.value:+.2f} %" in ax.get_title() and "95 % CI" in ax.get_title()
    # the fitted model's band: one shaded area spanning its pointwise interval
    (band,) = ax.collections
    assert "95 % band" in band.get_label()
    assert fit.fitted_lower is not None and fit.fitted_upper is not None
    assert np.all(fit.fitted_lower < fit.fitted) and np.all(fit.fitted < fit.fitted_upper)
    vertices = band.get_paths()[0].vertices
    assert vertices[:, 1].min() == pytest.approx(fit.fitted_lower.min())
    assert vertices[:, 1].max() == pytest.approx(fit.fitted_upper.max())
    labelled = fit.plot(ax=agg.subplots()[1], unit="per 100,000", band=False)
    assert labelled.get_ylabel() == "rate [per 100,000]" and not labelled.collections


def test_fitted_band_is_the_regression_band_with_joinpoints_known() -> None:
    """The band is statsmodels' interval of the mean on Joinpoint's n - 2(k + 1) df.

    The k joinpoints count as parameters (as for the APC intervals): sigma² = SSE/(n - 2k - 2)
    and t on those df, not OLS's n - k - 2.
    """
    from scipy import stats

    years, rates, _ = homicide_rates("COL")
    fit = joinpoint(years, rates, n_joinpoints=2)
    hinges = np.maximum(years[:, None] - fit.joinpoints[None, :], 0.0)
    X = np.column_stack([np.ones_like(years), years - years[0], hinges])
    ols = sm.OLS(np.log(rates), X).fit()
    df = years.size - 2 * (2 + 1)
    se = np.sqrt(np.einsum("ij,jk,ik->i", X, ols.normalized_cov_params, X) * ols.ssr / df)
    q = stats.t.ppf(0.975, df)
    assert fit.df == df and fit.fitted_lower is not None and fit.fitted_upper is not None
    np.testing.assert_allclose(np.log(fit.fitted_lower), ols.fittedvalues - q * se, rtol=1e-9)
    np.testing.assert_allclose(np.log(fit.fitted_upper), ols.fittedvalues + q * se, rtol=1e-9)


def test_a_gap_is_omitted_with_a_warning() -> None:
    from dpssec.errors import DataQualityWarning

    years, rates, _ = homicide_rates("COL")
    gappy = rates.copy()
    gappy[10] = np.nan
    with pytest.warns(DataQualityWarning, match="omitted 1 of 34"):
        fit = joinpoint(years, gappy, selection="bic", nan_policy="omit")
    assert fit.years.size == 33 and 2000.0 not in fit.years
