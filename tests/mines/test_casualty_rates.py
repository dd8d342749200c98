"""Casualty rates (exact Poisson), the APC trend (against independent fits) and revision-aware
series."""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.mines import casualty_rate, casualty_trend, revised_series
from tests.mines.conftest import read_vectors

TOTALS = read_vectors("casualties_lm_totals.csv")


@pytest.mark.parametrize(("count", "population"), [(0, 80_000), (3, 250_000), (56, 48_351_671)])
def test_exact_limits_are_garwoods(count: int, population: float) -> None:
    from scipy import stats

    rate = casualty_rate(count, population)
    lower = stats.chi2.ppf(0.025, 2 * count) / 2 if count else 0.0
    upper = stats.chi2.ppf(0.975, 2 * count + 2) / 2
    assert rate.method == "exact"
    assert rate.lower == pytest.approx(lower / population * 1e5, rel=1e-9)
    assert rate.upper == pytest.approx(upper / population * 1e5, rel=1e-9)


def test_rate_refuses_swapped_columns() -> None:
    with pytest.raises(InputError, match="exceed the population"):
        casualty_rate(500_000, 1_000)


# -- trend --------------------------------------------------------------------------------------

YEARS = np.arange(2005, 2017)
# Colombia, latest Landmine Monitor edition (the demo's series), and WPP 2022 populations
COUNTS = np.array([1112, 1167, 895, 798, 674, 512, 496, 549, 374, 292, 222, 84])


def test_loglinear_apc_matches_a_least_squares_fit() -> None:
    from scipy import stats

    fit = stats.linregress(YEARS, np.log(COUNTS))
    trend = casualty_trend(YEARS, COUNTS, method="loglinear")
    t = stats.t.ppf(0.975, len(YEARS) - 2)
    assert trend.apc.value == pytest.approx(100 * np.expm1(fit.slope), rel=1e-9)
    assert trend.apc.lower == pytest.approx(100 * np.expm1(fit.slope - t * fit.stderr), rel=1e-9)
    assert trend.p_value == pytest.approx(fit.pvalue, rel=1e-6)


def test_poisson_apc_matches_a_direct_maximum_likelihood_fit() -> None:
    from scipy import optimize

    from dpssec.data import population

    people = population("COL", YEARS)
    x = YEARS - YEARS.mean()

    def negative_log_likelihood(beta: np.ndarray) -> float:
        mu = people * np.exp(beta[0] + beta[1] * x)
        return float(np.sum(mu - COUNTS * np.log(mu)))

    best = optimize.minimize(
        negative_log_likelihood,
        [np.log(COUNTS.sum() / people.sum()), 0.0],
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-10},
    )
    mu = people * np.exp(best.x[0] + best.x[1] * x)
    information = np.array([[mu.sum(), (mu * x).sum()], [(mu * x).sum(), (mu * x * x).sum()]])
    se = np.sqrt(np.linalg.inv(information)[1, 1])
    dispersion = np.sum((COUNTS - mu) ** 2 / mu) / (len(YEARS) - 2)

    poisson = casualty_trend(YEARS, COUNTS, population=people, method="poisson")
    quasi = casualty_trend(YEARS, COUNTS, population=people)
    assert poisson.apc.value == pytest.approx(100 * np.expm1(best.x[1]), rel=1e-5)
    upper = 100 * np.expm1(best.x[1] + 1.959963984540054 * se)
    assert poisson.apc.upper == pytest.approx(upper, rel=1e-5)
    assert quasi.dispersion == pytest.approx(dispersion, rel=1e-5)
    t = 2.2281388519649385  # Student's t, 0.975, 10 df: the scale is estimated
    wider = 100 * np.expm1(best.x[1] + t * se * np.sqrt(dispersion))
    assert quasi.apc.upper == pytest.approx(wider, rel=1e-5)
    assert quasi.apc.value == pytest.approx(poisson.apc.value)


R_TRENDS = read_vectors("r_casualty_trend.csv")
R_CASES = {
    "col_2013_2016": (np.arange(2013, 2017), COUNTS[8:], None),
    "col_2013_2016_rate": (np.arange(2013, 2017), COUNTS[8:], slice(8, 12)),
    "col_2005_2016_rate": (YEARS, COUNTS, slice(0, 12)),
}


@pytest.mark.parametrize("row", R_TRENDS, ids=lambda r: f"{r['case']}-{r['method']}")
def test_trend_matches_r_glm(row: dict[str, str]) -> None:
    """APC, interval and p of R's glm (quasipoisson: t on n - 2 df, as summary.glm)."""
    from dpssec.data import population

    years, counts, people = R_CASES[row["case"]]
    pop = None if people is None else population("COL", YEARS)[people]
    trend = casualty_trend(years, counts, population=pop, method=row["method"])
    assert trend.apc.value == pytest.approx(float(row["apc"]), rel=1e-9)
    assert trend.apc.lower == pytest.approx(float(row["lower"]), rel=1e-7)
    assert trend.apc.upper == pytest.approx(float(row["upper"]), rel=1e-7)
    assert trend.dispersion == pytest.approx(float(row["dispersion"]), rel=1e-7)
    if float(row["p_value"]) > 0:  # R's 0 is an underflow
        assert trend.p_value == pytest.approx(float(row["p_value"]), rel=1e-6)


def test_four_years_of_overdispersed_counts_give_a_wide_interval() -> None:
    """The reviewer's case: with t on 2 df the decline is not significant at 5 %."""
    trend = casualty_trend([2013, 2014, 2015, 2016], [374, 292, 222, 84])
    assert trend.apc.upper > 0 > trend.apc.lower
    assert trend.p_value == pytest.approx(0.0645, abs=1e-4)


def test_trend_refusals() -> None:
    with pytest.raises(InputError, match="at least 3 'years'"):
        casualty_trend([2019, 2020], [3, 4])
    with pytest.raises(InputError, match="year 2019 appears more than once"):
        casualty_trend([2019, 2019, 2020], [3, 4, 5])
    with pytest.raises(InputError, match="needs counts > 0"):
        casualty_trend([2019, 2020, 2021], [3, 0, 5], method="loglinear")
    assert casualty_trend([2019, 2020, 2021], [3, 0, 5]).apc.value > -100  # Poisson copes


# -- revisions ---------------------------------------------------------------------------------


def test_the_monitors_2016_revision() -> None:
    rows = [r for r in TOTALS if r["period"] == "2016"]
    s = revised_series(
        [2016, 2016], [int(r["total"]) for r in rows], [int(r["edition"]) for r in rows]
    )
    assert s.value.tolist() == [9437] and s.first_value.tolist() == [8605]
    assert s.edition.tolist() == [2018] and s.direction == ("upward",)
    assert "8,605 (edition 2017) revised upward to 9,437 (edition 2018), +832" in str(s.findings[0])


def test_each_revision_cites_the_source_that_replaced_the_figure() -> None:
    s = revised_series(
        [2006, 2006, 2008, 2008],
        [1106, 1167, 777, 798],
        [2007, 2008, 2009, 2011],
        source=["LM 2007", "LM 2008", "LM 2009", "Profile 2011"],
    )
    first, second = s.findings
    assert str(first.reference) == "LM 2008" and str(second.reference) == "Profile 2011"
    assert "1,106 (edition 2007, LM 2007) revised upward to 1,167 (edition 2008)" in str(first)
    assert first.details["first_source"] == "LM 2007"
    assert s.first_source == ("LM 2007", "LM 2009") and s.source == ("LM 2008", "Profile 2011")
    # without sources the findings cite nothing rather than another year's revision
    bare = revised_series([2006, 2006], [1106, 1167], [2007, 2008])
    assert bare.findings[0].reference is None
    assert "8,605" not in str(bare.findings[0])


def test_one_source_text_applies_to_every_row() -> None:
    s = revised_series([2006, 2006, 2007], [1106, 1167, 895], [2007, 2008, 2008], source="DAICMA")
    assert s.source == ("DAICMA", "DAICMA")
    assert str(s.findings[0].reference) == "DAICMA"
    with pytest.raises(InputError, match="2 sources for 3 rows of 'year'; give one per row"):
        revised_series([2006, 2006, 2007], [1106, 1167, 895], [2007, 2008, 2008], source=["a", "b"])


def test_revisions_in_any_order_and_downward() -> None:
    s = revised_series([2014, 2015, 2014, 2014], [292, 222, 286, 292], [2017, 2017, 2015, 2018])
    assert s.year.tolist() == [2014, 2015] and s.value.tolist() == [292, 222]
    assert s.editions.tolist() == [3, 1]
    down = revised_series([2016, 2016], [11470, 11048], [2017, 2018])
    assert down.direction == ("downward",) and down.change.tolist() == [-422]


def test_revision_refusals() -> None:
    with pytest.raises(InputError, match="rows 0 and 1 give 777 and 798 for 2008 in the same"):
        revised_series([2008, 2008], [777, 798], [2009, 2009])
    with pytest.raises(InputError, match="edition 2005 is before the year 2006"):
        revised_series([2006], [1106], [2005])
    assert revised_series([2008, 2008], [777, 777], [2009, 2009]).revised.tolist() == [False]
