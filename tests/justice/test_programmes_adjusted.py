"""compare_programmes(adjust_for=...): the weighted comparison beside the crude one."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from dpssec.errors import DataQualityWarning, InputError
from dpssec.evaluation.examples import rossi
from dpssec.justice import compare_programmes

pytest.importorskip("statsmodels")


def _groups() -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], ...]:
    data = rossi()
    aid = data["fin"] == 1
    days = data["week"] * 7
    potential = np.full(days.size, 52 * 7.0)
    return (
        (days[aid], data["arrest"][aid], potential[aid]),
        (days[~aid], data["arrest"][~aid], potential[~aid]),
        (
            {"age": data["age"][aid], "prio": data["prio"][aid]},
            {"age": data["age"][~aid], "prio": data["prio"][~aid]},
        ),
    )


def test_adjust_for_keeps_the_crude_comparison_and_adds_the_weighted_one() -> None:
    programme, comparison, covariates = _groups()
    crude = compare_programmes(programme, comparison, follow_up=364)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        both = compare_programmes(programme, comparison, follow_up=364, adjust_for=covariates)
    assert crude.adjusted is None
    assert both.risk_difference == crude.risk_difference
    assert both.adjusted is not None
    assert both.adjusted.labels == ("programme", "comparison")
    assert both.adjusted.crude_difference.value == pytest.approx(
        crude.risk_difference.value, rel=1e-12
    )
    assert abs(both.adjusted.adjusted_difference.value - crude.risk_difference.value) < 0.02
    assert "risk difference (IPW-adjusted)" in list(both.to_frame()["quantity"])
    assert "Adjusted: Within 364 days" in both.statement


def test_adjust_for_must_be_a_pair() -> None:
    programme, comparison, covariates = _groups()
    with pytest.raises(InputError, match="pair"):
        compare_programmes(programme, comparison, follow_up=364, adjust_for=covariates[0])


def test_omit_drops_people_with_a_missing_value_in_either_group() -> None:
    programme, comparison, covariates = _groups()
    days = programme[0].astype(float).copy()
    days[2] = np.nan
    age_c = covariates[1]["age"].astype(float).copy()
    age_c[[0, 9]] = np.nan
    gappy = (days, programme[1], programme[2])
    gappy_covariates = (covariates[0], {"age": age_c, "prio": covariates[1]["prio"]})
    with pytest.raises(InputError, match="missing"):
        compare_programmes(gappy, comparison, follow_up=364)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataQualityWarning)
        omitted = compare_programmes(
            gappy, comparison, follow_up=364, adjust_for=gappy_covariates, nan_policy="omit"
        )
    messages = [str(w.message) for w in caught]
    assert any("omitted 1 of 216 people of the programme group" in m for m in messages)
    assert any("omitted 2 of 216 people of the comparison group" in m for m in messages)
    keep_p = ~np.isnan(days)
    keep_c = ~np.isnan(age_c)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        complete = compare_programmes(
            tuple(part[keep_p] for part in programme),
            tuple(part[keep_c] for part in comparison),
            follow_up=364,
            adjust_for=(
                {k: v[keep_p] for k, v in covariates[0].items()},
                {"age": age_c[keep_c], "prio": covariates[1]["prio"][keep_c]},
            ),
        )
    assert omitted.risk_difference.value == pytest.approx(complete.risk_difference.value)
    assert omitted.adjusted is not None and complete.adjusted is not None
    assert omitted.adjusted.adjusted_difference.value == pytest.approx(
        complete.adjusted.adjusted_difference.value, rel=1e-12
    )


def test_the_same_people_give_the_same_interval_by_either_path() -> None:
    """adjusted_comparison on interleaved rows and compare_programmes(adjust_for=) agree."""
    from dpssec.evaluation import adjusted_comparison

    data = rossi()
    days = data["week"] * 7
    covariates = {"age": data["age"], "prio": data["prio"]}
    programme, comparison, grouped = _groups()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        direct = adjusted_comparison(
            days, data["arrest"], data["fin"], covariates, follow_up=364, bootstrap=200
        )
        via = compare_programmes(programme, comparison, follow_up=364, adjust_for=grouped).adjusted
        shuffled = np.random.default_rng(3).permutation(days.size)
        reordered = adjusted_comparison(
            days[shuffled],
            data["arrest"][shuffled],
            data["fin"][shuffled],
            {k: v[shuffled] for k, v in covariates.items()},
            follow_up=364,
            bootstrap=200,
        )
    assert via is not None
    for other in (via, reordered):
        assert other.adjusted_difference.value == pytest.approx(
            direct.adjusted_difference.value, rel=1e-12
        )
    assert via.adjusted_difference.lower == pytest.approx(direct.adjusted_difference.lower)
    assert via.adjusted_difference.upper == pytest.approx(direct.adjusted_difference.upper)
