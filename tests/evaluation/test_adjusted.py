"""Propensity scores, weights, balance and the adjusted programme comparison."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from dpssec.errors import DataQualityWarning, InputError
from dpssec.evaluation import (
    adjusted_comparison,
    balance_table,
    inverse_probability_weights,
    propensity_scores,
)
from dpssec.evaluation.adjusted import compare_groups, weighted_recidivism
from dpssec.stats import kaplan_meier

sm = pytest.importorskip("statsmodels.api")


def _cohort(seed: int, n: int = 600, effect: float = 0.0) -> dict[str, np.ndarray]:
    """Older people and those with fewer priors join more, and reoffend less: confounding."""
    rng = np.random.default_rng(seed)
    age = rng.uniform(18, 60, n)
    prior = rng.poisson(2.0, n).astype(float)
    join = rng.random(n) < 1 / (1 + np.exp(-(-2.0 + 0.06 * age - 0.4 * prior)))
    hazard = 0.004 * np.exp(-0.03 * (age - 35) + 0.3 * prior + effect * join)
    time = rng.exponential(1 / hazard)
    censor = rng.uniform(400, 1100, n)
    return {
        "durations": np.ceil(np.minimum(time, censor)),
        "events": (time <= censor).astype(float),
        "treated": join.astype(float),
        "age": age,
        "prior": prior,
    }


def test_propensity_scores_are_statsmodels_logit() -> None:
    c = _cohort(1)
    ps = propensity_scores(c["treated"], {"age": c["age"], "prior": c["prior"]})
    X = sm.add_constant(np.column_stack([c["age"], c["prior"]]))
    ref = sm.Logit(c["treated"], X).fit(disp=0)
    np.testing.assert_allclose(ps.scores, ref.predict(X), rtol=1e-8)
    assert ps.odds_ratios["prior"].value == pytest.approx(np.exp(ref.params[2]), rel=1e-8)


def test_weights_formula_truncation_and_effective_size() -> None:
    w = inverse_probability_weights([1, 1, 0, 0], [0.999, 0.5, 0.5, 0.2])
    assert w.truncated == 1
    np.testing.assert_allclose(w.weights, [0.5 / 0.99, 1.0, 1.0, 0.5 / 0.8])
    raw = inverse_probability_weights([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.2], stabilised=False)
    np.testing.assert_allclose(raw.weights, [1 / 0.9, 2.0, 2.0, 1.25])
    with pytest.raises(InputError, match="below upper"):
        inverse_probability_weights([1, 0], [0.5, 0.5], lower=0.6, upper=0.4)
    with pytest.warns(DataQualityWarning, match="effective size"):
        inverse_probability_weights([1] * 10 + [0] * 10, [0.01] + [0.5] * 19)


def test_balance_table_standardised_differences() -> None:
    t = np.array([1, 1, 1, 0, 0, 0])
    x = np.array([5.0, 6.0, 7.0, 1.0, 2.0, 3.0])
    b = np.array([1.0, 1.0, 0.0, 0.0, 0.0, 1.0])
    table = balance_table({"x": x, "b": b}, t)
    assert table.smd_before[0] == pytest.approx(4.0, rel=1e-12)  # (6 - 2) / sqrt((1 + 1) / 2)
    assert table.smd_before[1] == pytest.approx((2 / 3 - 1 / 3) / np.sqrt(1 / 3), rel=1e-12)
    assert table.smd_after is None and table.imbalanced == ("x", "b")


def test_weighted_kaplan_meier_agrees_with_stats() -> None:
    c = _cohort(2)
    w = np.random.default_rng(0).uniform(0.2, 3.0, c["durations"].size)
    curve = kaplan_meier(c["durations"], c["events"], weights=w)
    for h in (90.0, 365.0, 730.0):
        assert weighted_recidivism(c["durations"], c["events"], w, h) == pytest.approx(
            1 - curve.at(h), rel=1e-12
        )


def test_equal_covariates_give_the_crude_comparison() -> None:
    c = _cohort(3)
    result = adjusted_comparison(
        c["durations"],
        c["events"],
        c["treated"],
        {"site": np.ones(c["durations"].size)},
        follow_up=365,
        bootstrap=30,
    )
    assert result.propensity.dropped == ("site",)
    np.testing.assert_allclose(result.weights.weights, 1.0, rtol=1e-12)
    assert result.adjusted_difference.value == pytest.approx(
        result.crude_difference.value, abs=1e-14
    )
    assert result.adjusted_difference.lower == pytest.approx(
        result.crude_difference.lower, abs=1e-14
    )
    crude = kaplan_meier(c["durations"][c["treated"] == 1], c["events"][c["treated"] == 1])
    assert result.programme == pytest.approx(1 - crude.at(365), rel=1e-12)


def test_weighting_removes_confounding_that_biases_the_crude_comparison() -> None:
    c = _cohort(4, n=3000, effect=0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        result = adjusted_comparison(
            c["durations"],
            c["events"],
            c["treated"],
            {"age": c["age"], "prior": c["prior"]},
            follow_up=365,
            bootstrap=40,
        )
    assert result.crude_difference.upper < 0  # participants look better...
    assert abs(result.adjusted_difference.value) < abs(result.crude_difference.value) / 3
    assert result.adjusted_difference.lower < 0 < result.adjusted_difference.upper
    assert np.all(np.abs(result.balance.smd_after) < 0.1)
    assert np.all(np.abs(result.balance.smd_before) > 0.2)
    assert (
        result.cox.hazard_ratios["programme"].lower
        < 1
        < result.cox.hazard_ratios["programme"].upper
    )
    assert "cannot show" in result.statement and "unrecorded" in result.statement


def test_compare_groups_and_refusals() -> None:
    c = _cohort(5)
    p, q = c["treated"] == 1, c["treated"] == 0
    result = compare_groups(
        (c["durations"][p], c["events"][p]),
        (c["durations"][q], c["events"][q]),
        ({"age": c["age"][p]}, {"age": c["age"][q]}),
        follow_up=365,
        labels=("mentoring", "usual release"),
        bootstrap=10,
    )
    assert result.labels == ("mentoring", "usual release")
    assert result.statement.count("mentoring") == 1
    with pytest.raises(InputError, match="pair"):
        compare_groups(
            (c["durations"][p], c["events"][p]),
            (c["durations"][q], c["events"][q]),
            {"age": c["age"]},
            follow_up=365,
        )
    with pytest.raises(InputError, match="beyond the longest"):
        adjusted_comparison([1, 2, 3, 4], [1, 0, 1, 0], [1, 1, 0, 0], [1, 2, 3, 4], follow_up=30)
    with pytest.raises(InputError, match="separate"):
        propensity_scores([1, 1, 0, 0], [5, 6, 1, 2])


def test_collinear_covariates_are_named_not_called_separation() -> None:
    c = _cohort(3)
    covariates = {"age": c["age"], "age_months": 12 * c["age"]}
    with pytest.raises(InputError, match="'age_months' is a linear combination of 'age'"):
        propensity_scores(c["treated"], covariates)
    with pytest.raises(InputError, match="linear combination"):
        adjusted_comparison(
            c["durations"], c["events"], c["treated"], covariates, follow_up=365, bootstrap=0
        )


def test_omit_analyses_the_complete_cases() -> None:
    c = _cohort(4, n=300)
    age = c["age"].copy()
    age[[5, 17, 200]] = np.nan
    keep = ~np.isnan(age)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        omitted = adjusted_comparison(
            c["durations"],
            c["events"],
            c["treated"],
            {"age": age, "prior": c["prior"]},
            follow_up=365,
            bootstrap=20,
            nan_policy="omit",
        )
        complete = adjusted_comparison(
            c["durations"][keep],
            c["events"][keep],
            c["treated"][keep],
            {"age": age[keep], "prior": c["prior"][keep]},
            follow_up=365,
            bootstrap=20,
        )
    assert omitted.adjusted_difference.value == pytest.approx(
        complete.adjusted_difference.value, rel=1e-12
    )
    assert omitted.adjusted_difference.lower == pytest.approx(
        complete.adjusted_difference.lower, rel=1e-12
    )
    with pytest.warns(DataQualityWarning, match="omitted 3 of 300"):
        table = balance_table({"age": age}, c["treated"], nan_policy="omit")
    reference = balance_table({"age": age[keep]}, c["treated"][keep])
    assert table.smd_before[0] == pytest.approx(reference.smd_before[0], rel=1e-12)
