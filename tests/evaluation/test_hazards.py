"""Cox model: Fox and Weisberg's Rossi table, lifelines, the proportional-hazards tests."""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.evaluation import proportional_hazards
from dpssec.evaluation.examples import rossi
from dpssec.units import Q_
from tests.evaluation.conftest import load_rows

NAMES = ("fin", "age", "race", "wexp", "mar", "paro", "prio")
ROSSI = rossi()
PUBLISHED = {r["covariate"]: r for r in load_rows("rossi_cox_fox_weisberg.csv")}


@pytest.fixture(scope="module")
def cox() -> object:
    return proportional_hazards(ROSSI["week"], ROSSI["arrest"], {k: ROSSI[k] for k in NAMES})


def test_reproduces_fox_and_weisberg(cox: object) -> None:
    for name in NAMES:
        row = PUBLISHED[name]
        assert cox.coefficients[name].value == pytest.approx(row["coef"], abs=6e-6)  # type: ignore[attr-defined]
        assert cox.hazard_ratios[name].value == pytest.approx(row["exp_coef"], abs=6e-6)  # type: ignore[attr-defined]
        assert cox.coefficients[name].standard_error == pytest.approx(row["se"], abs=6e-6)  # type: ignore[attr-defined]
        assert cox.hazard_ratios[name].standard_error == pytest.approx(row["se"], abs=6e-6)  # type: ignore[attr-defined]
        assert cox.coefficients[name].statistic == pytest.approx(row["z"], abs=6e-4)  # type: ignore[attr-defined]
        assert cox.coefficients[name].p_value == pytest.approx(row["p"], abs=6e-6)  # type: ignore[attr-defined]
    lr = cox.likelihood_ratio_test  # type: ignore[attr-defined]
    assert lr.statistic == pytest.approx(33.27, abs=0.005)
    assert lr.df == 7 and lr.p_value == pytest.approx(2.362e-05, rel=1e-3)


def test_agrees_with_lifelines(cox: object) -> None:
    pd = pytest.importorskip("pandas")
    lifelines = pytest.importorskip("lifelines")
    from lifelines.statistics import proportional_hazard_test

    frame = pd.DataFrame(
        {"week": ROSSI["week"], "arrest": ROSSI["arrest"], **{k: ROSSI[k] for k in NAMES}}
    )
    fitted = lifelines.CoxPHFitter().fit(frame, "week", "arrest")
    summary = fitted.summary
    for name in NAMES:
        hr = cox.hazard_ratios[name]  # type: ignore[attr-defined]
        assert hr.value == pytest.approx(summary.loc[name, "exp(coef)"], rel=1e-6)
        assert hr.lower == pytest.approx(summary.loc[name, "exp(coef) lower 95%"], rel=1e-6)
        assert hr.upper == pytest.approx(summary.loc[name, "exp(coef) upper 95%"], rel=1e-6)

    def average_rank(times: object, events: object, weights: object) -> object:
        t = np.asarray(times)
        event_times = np.sort(t[np.asarray(events).astype(bool)])
        rank = (
            np.searchsorted(event_times, t, "left") + np.searchsorted(event_times, t, "right") + 1
        ) / 2
        return pd.Series(rank, index=times.index)  # type: ignore[attr-defined]

    test = proportional_hazard_test(fitted, frame, time_transform=average_rank).summary
    for name in NAMES:
        ours = cox.proportional_hazards_tests[name]  # type: ignore[attr-defined]
        assert ours.statistic == pytest.approx(test.loc[name, "test_statistic"], rel=1e-5)
        assert ours.p_value == pytest.approx(test.loc[name, "p"], rel=1e-4)
    flagged = {k for k, t in cox.proportional_hazards_tests.items() if t.p_value < 0.05}  # type: ignore[attr-defined]
    assert flagged == {"age", "wexp"}  # as Fox and Weisberg's cox.zph
    assert cox.proportional_hazards_global.df == 7  # type: ignore[attr-defined]
    assert "rejected for age, wexp" in cox.statement  # type: ignore[attr-defined]


def test_breslow_ties_match_statsmodels_and_time_units_do_not_matter() -> None:
    from statsmodels.duration.hazard_regression import PHReg

    X = np.column_stack([ROSSI[k] for k in ("fin", "prio")])
    ref = PHReg(ROSSI["week"], X, status=ROSSI["arrest"], ties="breslow").fit()
    ours = proportional_hazards(
        ROSSI["week"], ROSSI["arrest"], X, ties="breslow", names=["fin", "prio"]
    )
    np.testing.assert_allclose(
        [ours.coefficients[k].value for k in ("fin", "prio")], ref.params, rtol=1e-8
    )
    in_weeks = proportional_hazards(
        Q_(ROSSI["week"], "week"), ROSSI["arrest"], X, ties="breslow", names=["fin", "prio"]
    )
    assert in_weeks.hazard_ratios["fin"].value == pytest.approx(
        ours.hazard_ratios["fin"].value, rel=1e-10
    )
    assert in_weeks.proportional_hazards_tests["prio"].statistic == pytest.approx(
        ours.proportional_hazards_tests["prio"].statistic, rel=1e-10
    )


def test_names_from_frames_and_refusals() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"fin": ROSSI["fin"], "prio": ROSSI["prio"]})
    result = proportional_hazards(ROSSI["week"], ROSSI["arrest"], frame)
    assert result.names == ("fin", "prio")
    assert list(result.to_frame()["covariate"]) == ["fin", "prio"]
    single = proportional_hazards(ROSSI["week"], ROSSI["arrest"], ROSSI["fin"])
    assert single.names == ("x",)
    with pytest.raises(InputError, match="does not vary"):
        proportional_hazards(ROSSI["week"], ROSSI["arrest"], {"one": np.ones(432)})
    with pytest.raises(InputError, match="no events"):
        proportional_hazards([1, 2, 3], [0, 0, 0], [1, 0, 1])
    with pytest.raises(InputError, match="missing"):
        proportional_hazards([1, 2, 3], [1, 0, 1], [1.0, np.nan, 0.0])


def test_collinear_covariates_are_named_not_a_singular_matrix() -> None:
    covariates = {"fin": ROSSI["fin"], "age": ROSSI["age"], "k": ROSSI["age"] * 2}
    with pytest.raises(InputError, match="'k' is a linear combination of 'age'"):
        proportional_hazards(ROSSI["week"], ROSSI["arrest"], covariates)
    both = {"fin": ROSSI["fin"], "no_fin": 1 - ROSSI["fin"]}
    with pytest.raises(InputError, match="'no_fin' is a linear combination of 'fin'"):
        proportional_hazards(ROSSI["week"], ROSSI["arrest"], both)


def test_omit_fits_the_complete_cases_with_a_warning() -> None:
    age = ROSSI["age"].astype(float).copy()
    age[[3, 40]] = np.nan
    with pytest.warns(UserWarning, match="omitted 2 of 432"):
        cox = proportional_hazards(
            ROSSI["week"], ROSSI["arrest"], {"fin": ROSSI["fin"], "age": age}, nan_policy="omit"
        )
    keep = ~np.isnan(age)
    complete = proportional_hazards(
        ROSSI["week"][keep], ROSSI["arrest"][keep], {"fin": ROSSI["fin"][keep], "age": age[keep]}
    )
    assert cox.n == 430
    assert cox.hazard_ratios["fin"].value == pytest.approx(
        complete.hazard_ratios["fin"].value, rel=1e-12
    )
    with pytest.raises(InputError, match="missing"):
        proportional_hazards(ROSSI["week"], ROSSI["arrest"], {"fin": ROSSI["fin"], "age": age})
