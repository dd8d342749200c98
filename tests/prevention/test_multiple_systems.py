"""Chapman and log-linear multiple systems estimation.

Oracles: Chapman's formula by hand; a statsmodels Poisson GLM written with a patsy formula on a
table built independently; the UK 2013 six-list data (Silverman 2014, Home Office) whose
published range is "between 10 thousand and 13 thousand"; the profile-likelihood limits
checked against the deviance they are defined by.
"""

from __future__ import annotations

import itertools
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention import (
    TOTAL_VICTIMS_LABEL,
    chapman_estimate,
    multiple_systems_estimate,
)
from dpssec.prevention.multiple_systems_models import capture_table, fit_loglinear

pd = pytest.importorskip("pandas")
DATA = Path(__file__).resolve().parents[1] / "data" / "prevention"


def test_chapman_by_hand() -> None:
    n1, n2, m = 120, 80, 24
    total = (n1 + 1) * (n2 + 1) / (m + 1) - 1  # 121 * 81 / 25 - 1 = 391.04
    variance = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
    r = chapman_estimate(n1, n2, m)
    assert r.value == pytest.approx(391.04, abs=1e-12) == pytest.approx(total)
    assert r.standard_error == pytest.approx(np.sqrt(variance), rel=1e-14)
    assert r.identified == 176 and r.unobserved == pytest.approx(215.04)
    f0 = total - 176
    c = np.exp(1.959963984540054 * np.sqrt(np.log(1 + variance / f0**2)))
    assert (r.lower, r.upper) == pytest.approx((176 + f0 / c, 176 + f0 * c), rel=1e-12)
    normal = chapman_estimate(n1, n2, m, method="normal")
    assert normal.lower == pytest.approx(total - 1.959963984540054 * np.sqrt(variance))
    assert r.label == TOTAL_VICTIMS_LABEL


def test_chapman_edge_cases() -> None:
    r = chapman_estimate(10, 10, 10)  # everyone on both lists: nobody hidden
    assert (r.value, r.lower, r.upper) == (10.0, 10.0, 10.0)
    with pytest.raises(InputError, match="above n1"):
        chapman_estimate(5, 10, 6)
    with pytest.raises(InputError, match="whole"):
        chapman_estimate(5.5, 10, 2)


def test_chapman_warns_when_the_lists_share_few_or_no_victims() -> None:
    with pytest.warns(DataQualityWarning, match=r"no victim is on both lists in 1 of 1 rows"):
        r = chapman_estimate(10, 10, 0)
    assert r.value == pytest.approx(120.0)  # finite by construction, but uninformative
    with pytest.warns(DataQualityWarning, match=r"fewer than 7 .* \(first at index 1: 5\)"):
        chapman_estimate([120, 20], [80, 30], [24, 5])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chapman_estimate(120, 80, 24)  # enough matches: silent


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 300), st.integers(0, 300), st.data())
def test_chapman_never_below_the_identified(n1: int, n2: int, data: Any) -> None:
    m = data.draw(st.integers(0, min(n1, n2)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)  # few matches: told, see below
        r = chapman_estimate(n1, n2, m)
    assert r.lower >= r.identified - 1e-9
    assert r.value >= r.identified - 1e-9
    assert r.lower <= r.value <= r.upper + 1e-9


THREE = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]]
THREE_COUNTS = [210, 150, 95, 32, 18, 14, 6]


def test_loglinear_equals_a_statsmodels_formula_glm() -> None:
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    cells = pd.DataFrame(THREE, columns=["police", "ngo", "shelter"])
    cells["count"] = THREE_COUNTS
    for formula, pairs in (
        ("count ~ police + ngo + shelter", []),
        ("count ~ police + ngo + shelter + police:ngo", [("police", "ngo")]),
        (
            "count ~ police + ngo + shelter + police:ngo + ngo:shelter",
            [("police", "ngo"), ("ngo", "shelter")],
        ),
    ):
        oracle = smf.glm(formula, data=cells, family=sm.families.Poisson()).fit()
        ours = multiple_systems_estimate(
            cells[["police", "ngo", "shelter"]],
            cells["count"],
            interactions=pairs,
            interval="wald-log",
        )
        assert ours.unobserved.value == pytest.approx(np.exp(oracle.params["Intercept"]), rel=1e-8)
        assert ours.total.value == pytest.approx(525 + np.exp(oracle.params["Intercept"]), rel=1e-9)
        assert ours.deviance == pytest.approx(oracle.deviance, abs=1e-8)
        z = 1.959963984540054
        se = oracle.bse["Intercept"]
        assert ours.total.upper == pytest.approx(
            525 + np.exp(oracle.params["Intercept"] + z * se), rel=1e-7
        )
        assert ours.lists == ("police", "ngo", "shelter")


def test_records_and_patterns_give_the_same_estimate() -> None:
    rows = np.repeat(np.asarray(THREE), THREE_COUNTS, axis=0)
    a = multiple_systems_estimate(rows)
    b = multiple_systems_estimate(THREE, THREE_COUNTS)
    assert a.total.value == pytest.approx(b.total.value, rel=1e-10)
    assert a.identified == 525


def test_profile_limits_are_where_the_deviance_rises_by_the_chi_square_quantile() -> None:
    r = multiple_systems_estimate(THREE, THREE_COUNTS, interactions=[("A", "B")])
    table = capture_table(np.asarray(THREE), np.asarray(THREE_COUNTS, dtype=float))
    best = fit_loglinear(table, [(0, 1)])
    for limit in (r.unobserved.lower, r.unobserved.upper):
        at = fit_loglinear(table, [(0, 1)], offset=float(np.log(limit)))
        assert at.deviance - best.deviance == pytest.approx(3.841458820694124, abs=1e-6)
    assert r.total.lower == pytest.approx(525 + r.unobserved.lower)
    assert "profile likelihood" in r.total.method


def test_uk_2013_published_range() -> None:
    """Home Office 2014: 2,744 known potential victims, total "between 10 thousand and 13 thousand"."""
    uk = pd.read_csv(DATA / "uk_2013_mse.csv")
    lists = ["LA", "NG", "PF", "GO", "GP", "NCA"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = multiple_systems_estimate(
            uk[lists], uk["count"], selection="stepwise", interval="wald-log"
        )
    assert r.identified == 2744
    assert 10_000 <= r.total.value <= 13_000
    assert (round(r.total.lower, -3), round(r.total.upper, -3)) == (10_000, 13_000)
    assert ("LA", "GP") in r.inestimable and ("LA", "NCA") in r.inestimable
    messages = " ".join(str(w.message) for w in caught)
    assert "no victim is on both of LA and GP" in messages and "sparse overlaps" in messages


def test_uk_2013_default_selection_is_not_the_published_model() -> None:
    """What the docstring and the guide say: the default (BIC, at most 3 interactions) gives
    about 13,500, above the published range; the stepwise rule keeps 7 interactions."""
    uk = pd.read_csv(DATA / "uk_2013_mse.csv")
    lists = ["LA", "NG", "PF", "GO", "GP", "NCA"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        default = multiple_systems_estimate(uk[lists], uk["count"])
        stepwise = multiple_systems_estimate(uk[lists], uk["count"], selection="stepwise")
    assert round(default.total.value, -2) == 13_500 and default.total.value > 13_000
    assert (round(default.total.lower, -3), round(default.total.upper, -2)) == (12_000, 15_300)
    assert len(default.interactions) == 3 and len(stepwise.interactions) == 7
    assert round(stepwise.total.value, -2) == 11_400


def test_model_selection_ranks_by_the_criterion() -> None:
    r = multiple_systems_estimate(THREE, THREE_COUNTS, selection="aic", max_interactions=2)
    aics = [m["aic"] for m in r.models]
    assert aics == sorted(aics)
    assert len(r.models) == 1 + 3 + 3
    bic = multiple_systems_estimate(THREE, THREE_COUNTS, selection="bic", max_interactions=2)
    assert bic.models[0]["bic"] == min(m["bic"] for m in bic.models)


def test_bootstrap_interval_is_seeded_and_brackets_the_estimate() -> None:
    a = multiple_systems_estimate(
        THREE, THREE_COUNTS, interval="bootstrap", n_bootstrap=199, seed=3
    )
    b = multiple_systems_estimate(
        THREE, THREE_COUNTS, interval="bootstrap", n_bootstrap=199, seed=3
    )
    assert a.total.lower == b.total.lower
    assert a.total.lower < a.total.value < a.total.upper


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=7, max_size=7))
def test_estimate_never_below_the_identified(counts: list[int]) -> None:
    counts[0] += 1
    counts[3] += 1  # keep some overlap so that a model exists
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            r = multiple_systems_estimate(THREE, counts, max_interactions=1, interval="wald-log")
        except InputError:
            return
    assert r.total.value >= r.identified
    assert r.total.lower >= r.identified


def test_not_closed_and_isolated_lists_warn() -> None:
    periods = {
        "A": ("2023-01-01", "2023-12-31"),
        "B": ("2023-01-01", "2023-12-31"),
        "C": ("2024-01-01", "2024-06-30"),
    }
    with pytest.warns(DataQualityWarning, match="not closed"):
        multiple_systems_estimate(THREE, THREE_COUNTS, list_periods=periods, interval="wald-log")
    isolated = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        multiple_systems_estimate(isolated, [40, 30, 20, 10], interval="wald-log")
    messages = [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]
    assert any("C share no victim with any other list" in m for m in messages)
    assert any("no victim is on both of A and C, B and C" in m for m in messages)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"histories": [[1, 0], [0, 0]], "counts": [3, 2]}, "on no list"),
        ({"histories": [[1], [1]]}, "2 to 8 lists"),
        ({"histories": [[2, 0], [0, 1]]}, "above 1"),
        ({"histories": THREE, "counts": [1, 2]}, "has 2 values"),
        ({"histories": THREE, "counts": THREE_COUNTS, "interactions": [("A", "Z")]}, "no list 'Z'"),
    ],
)
def test_refusals(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        multiple_systems_estimate(**arguments)


def test_eight_lists_are_accepted() -> None:
    rng = np.random.default_rng(1)
    truth = 3000
    capture = rng.random((truth, 8)) < np.linspace(0.05, 0.3, 8)
    seen = capture[capture.any(axis=1)].astype(int)
    r = multiple_systems_estimate(seen, max_interactions=0, interval="wald-log")
    assert r.identified == seen.shape[0]
    assert r.total.lower < truth < r.total.upper
    assert len(list(itertools.combinations(range(8), 2))) == 28
