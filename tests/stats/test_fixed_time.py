"""Fixed-time comparison of two Kaplan-Meier curves: hand computation, lifelines, errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.stats import kaplan_meier, survival_difference_at
from tests.stats.conftest import load_rows

AML = load_rows("aml.csv")


def _curve(group: str):  # type: ignore[no-untyped-def]
    rows = [r for r in AML if r["group"] == group]
    return kaplan_meier([r["time"] for r in rows], [r["status"] for r in rows])


def test_by_hand_at_20_weeks() -> None:
    """S_A = 0.715909, V_A = 1/110 + 1/90 + 1/56; S_B = 0.583333, V_B = 2/120 + 2/80 + 1/56."""
    a, b = _curve("Maintained"), _curve("Nonmaintained")
    s_a, v_a = 0.715909090909091, 1 / 110 + 1 / 90 + 1 / 56
    s_b, v_b = 7 / 12, 2 / 120 + 2 / 80 + 1 / 56
    x = (np.log(-np.log(s_a)) - np.log(-np.log(s_b))) ** 2 / (
        v_a / np.log(s_a) ** 2 + v_b / np.log(s_b) ** 2
    )
    result = survival_difference_at(a, b, 20)
    assert result.statistic == pytest.approx(x, rel=1e-12)
    np.testing.assert_allclose(result.observed, [s_a, s_b], rtol=1e-12)


def _lifelines(t: float, a: tuple, b: tuple) -> float:
    from lifelines import KaplanMeierFitter
    from lifelines.statistics import survival_difference_at_fixed_point_in_time_test

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fa, fb = KaplanMeierFitter().fit(*a), KaplanMeierFitter().fit(*b)
        return survival_difference_at_fixed_point_in_time_test(t, fa, fb).test_statistic


def test_matches_lifelines_at_common_observed_times() -> None:
    """lifelines interpolates the Greenwood sum between observed times, so compare where both
    curves have an observed time: aml week 23, Rossi weeks 8 and 52 (both fin groups)."""
    rows = {g: [r for r in AML if r["group"] == g] for g in ("Maintained", "Nonmaintained")}
    a = ([r["time"] for r in rows["Maintained"]], [r["status"] for r in rows["Maintained"]])
    b = ([r["time"] for r in rows["Nonmaintained"]], [r["status"] for r in rows["Nonmaintained"]])
    ours = survival_difference_at(kaplan_meier(*a), kaplan_meier(*b), 23)
    assert ours.statistic == pytest.approx(_lifelines(23, a, b), rel=1e-12)
    datasets = pytest.importorskip("lifelines.datasets")
    rossi = datasets.load_rossi()
    groups = [rossi[rossi["fin"] == f] for f in (1, 0)]
    data = [(g["week"].to_numpy(), g["arrest"].to_numpy()) for g in groups]
    curves = [kaplan_meier(*d) for d in data]
    for week in (8, 52):
        ours = survival_difference_at(*curves, week)
        assert ours.statistic == pytest.approx(_lifelines(week, *data), rel=1e-12)


def test_undefined_cases() -> None:
    a, b = _curve("Maintained"), _curve("Nonmaintained")
    with pytest.raises(InputError, match="group B"):
        survival_difference_at(a, b, 45)  # S_B = 0
    with pytest.raises(InputError, match="group A"):
        survival_difference_at(a, b, 1)  # S_A = 1
    with pytest.raises(InputError, match="takes one value"):
        survival_difference_at(a, b, [20, 30])
    with pytest.raises(InputError, match="SurvivalCurve"):
        survival_difference_at(a, [1, 2], 20)  # type: ignore[arg-type]
