"""Difference in differences: against saturated statsmodels fits, the pre-trends check."""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.evaluation import difference_in_differences

sm = pytest.importorskip("statsmodels.api")

COUNTS = np.array([120.0, 95.0, 130.0, 128.0])
TREATED = np.array([1.0, 1.0, 0.0, 0.0])
AFTER = np.array([0.0, 1.0, 0.0, 1.0])
POPULATION = np.array([50_000.0, 50_000.0, 60_000.0, 60_000.0])


@pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")
def test_two_by_two_counts_is_the_saturated_poisson_interaction() -> None:
    X = np.column_stack([np.ones(4), TREATED, AFTER, TREATED * AFTER])
    ref = sm.GLM(COUNTS, X, family=sm.families.Poisson(), offset=np.log(POPULATION)).fit()
    did = difference_in_differences(COUNTS, TREATED, AFTER, population=POPULATION)
    assert np.log(did.effect.value) == pytest.approx(ref.params[3], rel=1e-8)
    assert did.effect.standard_error == pytest.approx(ref.bse[3], rel=1e-7)
    assert did.effect.standard_error == pytest.approx(np.sqrt(np.sum(1 / COUNTS)), rel=1e-12)
    assert did.form == "2x2 counts"
    np.testing.assert_allclose(did.cell_values, [240.0, 190.0, 216.6666667, 213.3333333])
    assert "parallel trends" in did.statement


def test_two_by_two_means_and_rows_summed_per_cell() -> None:
    rng = np.random.default_rng(3)
    treated = np.repeat([1, 1, 0, 0], 25)
    after = np.tile(np.repeat([0, 1], 25), 2)
    y = 10 + 2 * treated + 1 * after + 1.5 * treated * after + rng.normal(0, 1, 100)
    did = difference_in_differences(y, treated, after)
    X = np.column_stack([np.ones(100), treated, after, treated * after])
    ref = sm.OLS(y, X).fit()
    assert did.effect.value == pytest.approx(ref.params[3], rel=1e-10)
    cells = [y[(treated == a) & (after == b)] for a, b in ((1, 0), (1, 1), (0, 0), (0, 1))]
    se = np.sqrt(sum(c.var(ddof=1) / c.size for c in cells))
    assert did.effect.standard_error == pytest.approx(se, rel=1e-12)
    assert did.form == "2x2 means" and "Welch" in did.effect.method
    # several rows per cell with populations: summed before dividing
    split = difference_in_differences(
        np.r_[COUNTS, COUNTS],
        np.r_[TREATED, TREATED],
        np.r_[AFTER, AFTER],
        population=np.r_[POPULATION, POPULATION],
    )
    whole = difference_in_differences(COUNTS * 2, TREATED, AFTER, population=POPULATION * 2)
    assert split.effect.value == pytest.approx(whole.effect.value, rel=1e-12)


def _panel(seed: int, diverging: float) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    units = np.repeat(np.arange(12), 8)
    period = np.tile(np.arange(2015, 2023), 12)
    treated = (units < 6).astype(float)
    after = (period >= 2020).astype(float)
    pop = np.full(units.size, 50_000.0)
    log_rate = (
        np.log(4e-3)
        + 0.05 * rng.normal(size=12)[units]
        - 0.02 * (period - 2015)
        + diverging * treated * (period - 2015)
        - 0.25 * treated * after
    )
    counts = rng.poisson(pop * np.exp(log_rate)).astype(float)
    return {
        "counts": counts,
        "treated": treated,
        "after": after,
        "unit": units,
        "period": period.astype(float),
        "population": pop,
    }


def test_regression_form_matches_statsmodels_with_clustered_errors() -> None:
    p = _panel(11, 0.0)
    did = difference_in_differences(
        p["counts"],
        p["treated"],
        p["after"],
        population=p["population"],
        unit=p["unit"],
        time=p["period"],
    )
    unit_dummies = [(p["unit"] == u).astype(float) for u in range(1, 12)]
    period_dummies = [(p["period"] == y).astype(float) for y in range(2016, 2023)]
    X = np.column_stack([np.ones(96), *unit_dummies, *period_dummies, p["treated"] * p["after"]])
    ref = sm.GLM(p["counts"], X, family=sm.families.Poisson(), offset=np.log(p["population"])).fit(
        cov_type="cluster", cov_kwds={"groups": p["unit"]}
    )
    assert np.log(did.effect.value) == pytest.approx(ref.params[-1], rel=1e-8)
    assert did.effect.standard_error == pytest.approx(ref.bse[-1], rel=1e-8)
    assert did.form == "regression" and did.pre_trends is not None
    assert did.pre_trends.p_value > 0.05


def test_pre_trends_check_flags_diverging_groups() -> None:
    p = _panel(12, 0.08)
    did = difference_in_differences(
        p["counts"],
        p["treated"],
        p["after"],
        population=p["population"],
        unit=p["unit"],
        time=p["period"],
    )
    assert did.pre_trends is not None and did.pre_trends.p_value < 0.05
    assert "already diverging" in did.statement


def test_refusals() -> None:
    with pytest.raises(InputError, match="no rows for the cell 'control, after'"):
        difference_in_differences([1, 2, 3], [1, 1, 0], [0, 1, 0])
    with pytest.raises(InputError, match="no events"):
        difference_in_differences([0, 5, 3, 4], TREATED, AFTER, population=POPULATION)
    with pytest.raises(InputError, match="fewer than 2"):
        difference_in_differences([1.0, 2.0, 3.0, 4.0], TREATED, AFTER)
    with pytest.raises(InputError, match=">= 0"):
        difference_in_differences([-1, 5, 3, 4], TREATED, AFTER, population=POPULATION)


def test_regression_form_without_units_uses_group_and_period_effects() -> None:
    p = _panel(13, 0.0)
    did = difference_in_differences(
        p["counts"], p["treated"], p["after"], population=p["population"], time=p["period"]
    )
    period_dummies = [(p["period"] == y).astype(float) for y in range(2016, 2023)]
    X = np.column_stack([np.ones(96), p["treated"], *period_dummies, p["treated"] * p["after"]])
    ref = sm.GLM(p["counts"], X, family=sm.families.Poisson(), offset=np.log(p["population"])).fit()
    assert np.log(did.effect.value) == pytest.approx(ref.params[-1], rel=1e-8)
    assert did.effect.standard_error == pytest.approx(ref.bse[-1], rel=1e-8)
    assert "model-based" in did.covariance
