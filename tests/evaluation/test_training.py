"""Training evaluation against scipy and statsmodels; the Kirkpatrick model."""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.errors import DataQualityWarning, InputError
from dpssec.evaluation import (
    KirkpatrickEvaluation,
    attendance_rate,
    completion_rate,
    pass_fail_change,
    training_gain,
)
from dpssec.stats import proportion

stats = pytest.importorskip("scipy.stats")

PRE = np.array([55, 60, 48, 70, 62, 51, 66, 58, 45, 73.0])
POST = np.array([68, 71, 60, 78, 70, 65, 72, 69, 47, 80.0])


def test_mean_change_and_wilcoxon_match_scipy() -> None:
    g = training_gain(PRE, POST)
    ref = stats.ttest_rel(POST, PRE)
    low, high = ref.confidence_interval(0.95)
    assert g.mean_change.value == pytest.approx(np.mean(POST - PRE), rel=1e-12)
    assert g.mean_change.lower == pytest.approx(low, rel=1e-10)
    assert g.mean_change.upper == pytest.approx(high, rel=1e-10)
    assert g.mean_change.p_value == pytest.approx(ref.pvalue, rel=1e-10)
    w = stats.wilcoxon(POST - PRE)
    assert g.wilcoxon.p_value == pytest.approx(w.pvalue, rel=1e-12)


def test_hedges_g_and_its_noncentral_t_interval() -> None:
    g = training_gain(PRE, POST)
    d = POST - PRE
    n = d.size
    j = 1 - 3 / (4 * (n - 1) - 1)
    dz = d.mean() / d.std(ddof=1)
    assert g.hedges_g.value == pytest.approx(j * dz, rel=1e-12)
    t_obs = dz * np.sqrt(n)
    # the limits are the noncentrality parameters that put t_obs at the 97.5 % and 2.5 % points
    assert stats.nct.cdf(t_obs, n - 1, g.hedges_g.lower / j * np.sqrt(n)) == pytest.approx(
        0.975, abs=1e-9
    )
    assert stats.nct.cdf(t_obs, n - 1, g.hedges_g.upper / j * np.sqrt(n)) == pytest.approx(
        0.025, abs=1e-9
    )


def test_normalised_gains() -> None:
    with pytest.warns(DataQualityWarning, match="maximum on the pre-test"):
        g = training_gain([40, 50, 100, 80], [70, 75, 100, 90])
    np.testing.assert_allclose(g.gains, [0.5, 0.5, np.nan, 0.5])
    assert g.class_gain == pytest.approx((83.75 - 67.5) / (100 - 67.5), rel=1e-12)
    with pytest.raises(InputError, match="above maximum=10"):
        training_gain([5, 11], [6, 7], maximum=10)
    with pytest.raises(InputError, match="same amount"):
        training_gain([1, 2, 3], [2, 3, 4])


def test_pass_fail_change_matches_statsmodels_mcnemar() -> None:
    from statsmodels.stats.contingency_tables import mcnemar

    before = np.array([0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0])
    after = np.array([1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1])
    c = pass_fail_change(before, after)
    np.testing.assert_array_equal(c.table, [[3, 1], [6, 2]])
    assert c.mcnemar.p_value == pytest.approx(mcnemar(c.table, exact=True).pvalue, rel=1e-12)
    assert c.mcnemar.p_value == pytest.approx(2 * stats.binom.cdf(1, 7, 0.5), rel=1e-12)
    assert c.difference.value == pytest.approx(5 / 12, rel=1e-12)
    assert c.pass_after.value == pytest.approx(9 / 12, rel=1e-12)


def test_completion_and_attendance() -> None:
    r = completion_rate([18, 25], [20, 32])
    ref = proportion([18, 25], [20, 32])
    np.testing.assert_allclose(r.lower, ref.lower, rtol=1e-12)
    with pytest.raises(InputError, match="greater than 'enrolled'"):
        completion_rate(21, 20)
    a = np.array([10, 8, 12, 6, 11.0])
    s = np.full(5, 12.0)
    r = attendance_rate(a, s)
    ratio = a.sum() / s.sum()
    se = np.sqrt(5 / 4 * np.sum((a - ratio * s) ** 2)) / s.sum()
    assert r.value == pytest.approx(ratio, rel=1e-12)
    assert r.upper - r.value == pytest.approx(stats.norm.ppf(0.975) * se, rel=1e-10)


def test_attendance_with_one_schedule_for_everyone() -> None:
    # a single scheduled number is each participant's schedule, not the pooled total
    one = attendance_rate([10, 8, 9], 10)
    each = attendance_rate([10, 8, 9], [10, 10, 10])
    assert one.value == pytest.approx(0.9, rel=1e-12)
    assert (one.numerator, one.denominator) == (27.0, 30.0)
    assert (one.lower, one.upper) == pytest.approx((each.lower, each.upper), rel=1e-12)
    assert one.lower <= one.value <= one.upper
    with pytest.raises(InputError, match="greater than 'scheduled'"):
        attendance_rate([10, 11, 9], 10)


def test_kirkpatrick_levels_reported_together() -> None:
    report = KirkpatrickEvaluation(
        programme="Custody-officer course",
        reaction=proportion(40, 44),
        learning=training_gain(PRE, POST),
        results=None,
    )
    assert report.missing == ("behaviour", "results")
    frame = report.to_frame()
    assert list(frame["level"]) == ["1. reaction", "2. learning", "3. behaviour", "4. results"]
    assert frame["value"][1] == pytest.approx(np.mean(POST - PRE))
    assert "3. behaviour (do participants apply it at work" in report.statement
    with pytest.raises(InputError):
        KirkpatrickEvaluation(programme="  ")
