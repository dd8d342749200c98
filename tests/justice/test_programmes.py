"""compare_programmes against lifelines (log-rank, fixed-time test) and dpssec.stats."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice import RecidivismMeasure, ReleaseCohort, compare_programmes
from dpssec.stats import risk_difference, risk_ratio

lifelines = pytest.importorskip("lifelines")
ll_logrank = lifelines.statistics.logrank_test
ll_fixed = lifelines.statistics.survival_difference_at_fixed_point_in_time_test


def _rossi_groups():
    rossi = lifelines.datasets.load_rossi()
    aid = rossi[rossi["fin"] == 1]
    none = rossi[rossi["fin"] == 0]
    return (
        (aid["week"].to_numpy(float), aid["arrest"].to_numpy(float)),
        (none["week"].to_numpy(float), none["arrest"].to_numpy(float)),
    )


def test_rossi_financial_aid() -> None:
    aid, none = _rossi_groups()
    c = compare_programmes(aid, none, follow_up=52)
    assert c.programme.value == pytest.approx(48 / 216)
    assert c.comparison.value == pytest.approx(66 / 216)
    # no censoring before week 52: the crude counts are the whole groups
    expected = risk_difference(48, 216, 66, 216)
    assert c.crude_risk_difference == expected
    assert c.crude_risk_ratio == risk_ratio(48, 216, 66, 216)
    assert c.risk_difference.value == pytest.approx(expected.value)
    reference = ll_logrank(aid[0], none[0], aid[1], none[1])
    assert c.logrank.statistic == pytest.approx(reference.test_statistic, rel=1e-10)
    assert c.logrank.p_value == pytest.approx(reference.p_value, rel=1e-10)
    assert "An association, not an effect" in c.statement


def _kmf(durations, events):
    return lifelines.KaplanMeierFitter().fit(durations, events)


@pytest.mark.parametrize("week", [8.0, 24.0, 40.0, 52.0])
def test_fixed_time_test_matches_lifelines(week) -> None:
    """Weeks observed in both groups: between observed times lifelines interpolates the
    Greenwood sum linearly (``interpolate_at_times``), while dpssec reads the step function."""
    aid, none = _rossi_groups()
    c = compare_programmes(aid, none, follow_up=week)
    reference = ll_fixed(week, _kmf(*aid), _kmf(*none))
    assert c.fixed_time is not None
    assert c.fixed_time.statistic == pytest.approx(reference.test_statistic, rel=1e-9)
    assert c.fixed_time.p_value == pytest.approx(reference.p_value, rel=1e-9)


def test_km_difference_interval_from_greenwood() -> None:
    rng = np.random.default_rng(11)
    n = 800
    d_p = rng.integers(1, 1500, n).astype(float)
    e_p = (rng.random(n) < 0.4).astype(float)
    d_c = rng.integers(1, 1500, n).astype(float)
    e_c = (rng.random(n) < 0.55).astype(float)
    with pytest.warns(DataQualityWarning, match="biased upwards"):
        c = compare_programmes((d_p, e_p), (d_c, e_c), follow_up=730)
    ses = []
    for d, e in ((d_p, e_p), (d_c, e_c)):
        kmf = _kmf(d, e)
        s = float(kmf.predict(730))
        sq = float(kmf._cumulative_sq_.loc[:730].iloc[-1])  # Greenwood sum at 730
        ses.append((1 - s, s * math.sqrt(sq)))
    (f_p, se_p), (f_c, se_c) = ses
    half = 1.959963984540054 * math.sqrt(se_p**2 + se_c**2)
    assert c.risk_difference.value == pytest.approx(f_p - f_c, abs=1e-12)
    assert c.risk_difference.lower == pytest.approx(f_p - f_c - half, rel=1e-9)
    assert c.risk_difference.upper == pytest.approx(f_p - f_c + half, rel=1e-9)
    assert c.risk_ratio is not None
    assert c.risk_ratio.value == pytest.approx(f_p / f_c)
    assert c.risk_ratio.lower < c.risk_ratio.value < c.risk_ratio.upper
    # log-rank over the window equals lifelines on the truncated records
    trunc = [(np.minimum(d, 730), np.where(d <= 730, e, 0)) for d, e in ((d_p, e_p), (d_c, e_c))]
    reference = ll_logrank(trunc[0][0], trunc[1][0], trunc[0][1], trunc[1][1])
    assert c.logrank.statistic == pytest.approx(reference.test_statistic, rel=1e-10)
    frame = c._columns()
    assert frame["quantity"][0] == "recidivism programme"


def test_cohorts_and_measures() -> None:
    a = ReleaseCohort(["2020-01-01", "2020-01-01"], ["2020-03-01", None], "2021-01-01", label="A")
    b = ReleaseCohort(
        ["2020-01-01", "2020-01-01"], ["2020-02-01", "2020-06-01"], "2021-01-01", label="B"
    )
    c = compare_programmes(a, b, follow_up=300)
    assert c.labels == ("A", "B")
    assert c.fixed_time is None  # S_B(300) = 0
    other = ReleaseCohort(["2020-01-01"], [None], "2021-01-01", RecidivismMeasure("conviction"))
    with pytest.raises(InputError, match="different measures"):
        compare_programmes(a, other, follow_up=100)
    with pytest.raises(InputError, match="ReleaseCohort or a \\(durations, events"):
        compare_programmes({"durations": [1]}, b, follow_up=100)
    with pytest.raises(InputError, match="'follow_up' takes one value"):
        compare_programmes(a, b, follow_up=[100, 200])
    with pytest.raises(InputError, match="beyond the longest"):
        compare_programmes(a, b, follow_up=400)


def test_potential_follow_up_as_third_element() -> None:
    programme = ([100, 365, 200, 300, 420], [1, 0, 1, 1, 0], [365, 365, 400, 400, 420])
    comparison = ([50, 400, 400, 400], [1, 0, 0, 0], [400, 400, 400, 400])
    c = compare_programmes(programme, comparison, follow_up=400)
    assert c.crude_risk_difference.value == pytest.approx(2 / 3 - 1 / 4)


def test_no_events_gives_no_ratio() -> None:
    c = compare_programmes(
        ([10, 20, 30], [0, 0, 0], [10, 30, 30]),
        ([10, 20, 30], [1, 0, 0], [30, 30, 30]),
        follow_up=25,
    )
    assert c.risk_ratio is None and c.programme.value == 0.0


def test_km_risk_difference_interval_is_bounded() -> None:
    # No events in the programme vs 4 of 5 in the comparison: the Wald lower limit is −1.151.
    c = compare_programmes(
        ([46, 47, 48, 49, 50], [0, 0, 0, 0, 0]),
        ([1, 2, 3, 4, 50], [1, 1, 1, 1, 0]),
        follow_up=45,
    )
    assert c.risk_difference.value == pytest.approx(-0.8)
    assert c.risk_difference.lower == -1.0
    assert -1.0 <= c.risk_difference.lower <= c.risk_difference.upper <= 1.0
    assert "bounded" in c.risk_difference.method


def test_undefined_ratio_keeps_its_row_with_the_reason() -> None:
    c = compare_programmes(
        ([10, 20, 30], [0, 0, 0], [10, 30, 30]),
        ([10, 20, 30], [1, 0, 0], [30, 30, 30]),
        follow_up=25,
    )
    assert c.risk_ratio is None
    assert c.risk_ratio_note == "undefined: no events in programme by the window"
    assert c.risk_ratio_note in c.statement
    table = c.to_frame()
    row = table[table["quantity"] == "risk ratio (KM)"]
    assert len(row) == 1 and row["method"].iloc[0] == c.risk_ratio_note
    other = compare_programmes(([3, 20], [1, 0]), ([10, 30], [1, 0]), follow_up=5)
    assert other.risk_ratio_note == "undefined: no events in comparison by the window"


def test_computed_ratio_has_no_note() -> None:
    c = compare_programmes(
        ([5, 8, 12, 30, 30], [1, 0, 1, 0, 0], [30, 8, 30, 30, 30]),
        ([2, 4, 6, 9, 30], [1, 1, 1, 1, 0]),
        follow_up=20,
    )
    assert c.risk_ratio is not None and c.risk_ratio_note == ""


def test_group_errors_name_the_group() -> None:
    good = ([1, 2, 3], [1, 0, 1])
    with pytest.raises(InputError, match="must be a ReleaseCohort"):
        compare_programmes((1, 2), good, follow_up=1)
    with pytest.raises(InputError, match=r"^comparison: lengths differ"):
        compare_programmes(good, ([1, 2, 3], [1, 0]), follow_up=1)
    with pytest.raises(InputError, match=r"^programme: parameter 'events'"):
        compare_programmes(([1, 2, 3], [1, 0, 2]), good, follow_up=1)
