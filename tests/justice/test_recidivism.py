"""Recidivism rates: Kaplan-Meier against lifelines, crude and naive rates, properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice import (
    RecidivismMeasure,
    ReleaseCohort,
    analyse_recidivism,
    crude_recidivism_rate,
    recidivism_rate,
    reintegration_rate,
)
from dpssec.units import Q_
from tests.justice.conftest import load_rows

lifelines = pytest.importorskip("lifelines")

PRISONERS = load_rows("km_prisoners11.csv")
MONTHS = np.array([r["months"] for r in PRISONERS])
RETURNED = np.array([r["event"] for r in PRISONERS])


def _lifelines_incidence(durations, events, times):
    """1 − S(t) and its log-log limits from lifelines' KaplanMeierFitter (step lookup)."""
    kmf = lifelines.KaplanMeierFitter().fit(durations, events)
    ci = kmf.confidence_interval_survival_function_
    index = np.searchsorted(kmf.timeline, times, side="right") - 1
    s = kmf.survival_function_.iloc[:, 0].to_numpy()[index]
    lower = ci.iloc[:, 0].to_numpy()[index]
    upper = ci.iloc[:, 1].to_numpy()[index]
    return 1 - s, 1 - upper, 1 - lower


def test_eleven_prisoners_by_hand_and_against_lifelines() -> None:
    r = recidivism_rate(MONTHS, RETURNED, follow_up=[3, 7])
    np.testing.assert_allclose(r.value, [1 - 10 / 11, 1 - 10 / 11 * 8 / 9], rtol=1e-12)
    times = np.array([0, 3, 4, 7, 8, 9, 11, 14, 16, 21, 24])
    ours = recidivism_rate(MONTHS, RETURNED, follow_up=times)
    value, lower, upper = _lifelines_incidence(MONTHS, RETURNED, times)
    np.testing.assert_allclose(ours.value, value, atol=1e-12)
    np.testing.assert_allclose(ours.lower, lower, atol=1e-9)
    np.testing.assert_allclose(ours.upper, upper, atol=1e-9)


def test_reintegration_is_one_minus_recidivism() -> None:
    r = recidivism_rate(MONTHS, RETURNED, follow_up=12)
    s = reintegration_rate(MONTHS, RETURNED, follow_up=12)
    assert isinstance(r.value, float)
    assert s.value == pytest.approx(1 - r.value)
    assert s.lower == pytest.approx(1 - r.upper) and s.upper == pytest.approx(1 - r.lower)


def test_rossi_crude_equals_kaplan_meier_without_early_censoring() -> None:
    rossi = lifelines.datasets.load_rossi()
    weeks, arrest = rossi["week"].to_numpy(), rossi["arrest"].to_numpy()
    km = recidivism_rate(weeks, arrest, follow_up=52)
    crude = crude_recidivism_rate(weeks, arrest, follow_up=52)
    assert crude.numerator == 114 and crude.denominator == 432
    assert km.value == pytest.approx(crude.value, rel=1e-12)
    times = np.array([4, 8, 13, 26, 52])
    value, lower, upper = _lifelines_incidence(weeks, arrest, times)
    ours = recidivism_rate(weeks, arrest, follow_up=times)
    np.testing.assert_allclose(ours.value, value, atol=1e-12)
    np.testing.assert_allclose(ours.lower, lower, atol=1e-9)
    np.testing.assert_allclose(ours.upper, upper, atol=1e-9)


def _synthetic_cohort(n: int, seed: int) -> ReleaseCohort:
    rng = np.random.default_rng(seed)
    release = np.datetime64("2015-01-01") + rng.integers(0, 6 * 365, n).astype("timedelta64[D]")
    gap = rng.exponential(900, n).astype(int).astype("timedelta64[D]")
    event = np.where(rng.random(n) < 0.7, release + gap, np.datetime64("NaT"))
    return ReleaseCohort(release, event, "2021-12-31", RecidivismMeasure("reincarceration"))


def test_cohort_analysis_agrees_with_lifelines() -> None:
    cohort = _synthetic_cohort(5000, seed=7)
    years = np.array([365, 3 * 365, 5 * 365])
    result = cohort.recidivism(follow_up=years)
    durations, events = cohort.durations_and_events()
    value, lower, upper = _lifelines_incidence(durations, events, years)
    np.testing.assert_allclose(result.kaplan_meier.value, value, atol=1e-12)
    np.testing.assert_allclose(result.kaplan_meier.lower, lower, atol=1e-9)
    np.testing.assert_allclose(result.kaplan_meier.upper, upper, atol=1e-9)
    np.testing.assert_allclose(result.reintegration.value, 1 - value, atol=1e-12)
    # everybody was followed one year, so the naive rate is right there; with staggered
    # releases it counts the unobserved as successes and is too low at 3 and 5 years
    assert result.naive[0] == pytest.approx(result.kaplan_meier.value[0])
    assert np.all(result.naive[1:] < result.kaplan_meier.value[1:] - 0.03)
    assert "too low" in result.statement and "reincarceration" in result.statement
    assert result.released == 5000
    frame_cols = result._columns()
    assert list(frame_cols)[:3] == ["follow_up_days", "event", "kaplan_meier"]


def test_complete_follow_up_counts_by_brute_force() -> None:
    rng = np.random.default_rng(3)
    durations = rng.integers(0, 50, 300).astype(float)
    events = (rng.random(300) < 0.5).astype(float)
    potential = np.where(events == 1, durations + rng.integers(0, 30, 300), durations)
    for h in (0, 10, 25, 49):
        crude = crude_recidivism_rate(durations, events, follow_up=h, potential_follow_up=potential)
        complete = potential >= h
        assert crude.denominator == complete.sum()
        assert crude.numerator == (complete & (events == 1) & (durations <= h)).sum()


def test_crude_without_potential_follow_up_warns_and_is_biased_upwards() -> None:
    # Two releases a year before the data end: one returned after 100 days, one did not.
    # Two more released 400 days before: both returned within the year.
    durations, events = [100, 365, 200, 300], [1, 0, 1, 1]
    potential = [365, 365, 400, 400]
    right = crude_recidivism_rate(durations, events, follow_up=400, potential_follow_up=potential)
    assert (right.numerator, right.denominator) == (2, 2)
    with pytest.warns(DataQualityWarning, match="biased upwards"):
        biased = crude_recidivism_rate(durations, events, follow_up=400)
    assert (biased.numerator, biased.denominator) == (3, 3)
    with pytest.raises(InputError, match="shorter than the observed duration"):
        crude_recidivism_rate(
            durations, events, follow_up=30, potential_follow_up=[50, 365, 400, 400]
        )


def test_cohort_crude_uses_release_dates() -> None:
    cohort = _synthetic_cohort(4000, seed=5)
    result = cohort.recidivism(follow_up=[365, 1095])
    potential = cohort.potential_follow_up
    durations, events = cohort.durations_and_events()
    for i, h in enumerate((365, 1095)):
        complete = potential >= h
        assert result.complete_follow_up[i] == complete.sum()
        expected = (complete & (events == 1) & (durations <= h)).sum() / complete.sum()
        assert result.crude.value[i] == pytest.approx(expected)
    # one homogeneous cohort with independent censoring: crude and Kaplan-Meier agree
    # within sampling error, the naive rate does not
    assert abs(result.crude.value[1] - result.kaplan_meier.value[1]) < 0.03
    assert result.naive[1] < result.kaplan_meier.value[1] - 0.03


def test_follow_up_units() -> None:
    rossi = lifelines.datasets.load_rossi()
    weeks = rossi["week"].to_numpy() * 7.0  # in days
    arrest = rossi["arrest"].to_numpy()
    a = recidivism_rate(weeks, arrest, follow_up=Q_(52, "week"))
    b = recidivism_rate(weeks, arrest, follow_up=364)
    assert a.value == b.value


@st.composite
def samples(draw):
    n = draw(st.integers(1, 40))
    durations = draw(st.lists(st.integers(0, 30), min_size=n, max_size=n))
    events = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    horizons = sorted(draw(st.lists(st.floats(0, max(durations)), min_size=1, max_size=6)))
    return np.array(durations, float), np.array(events, float), np.array(horizons)


@given(samples())
def test_recidivism_is_a_share_and_grows_with_follow_up(sample) -> None:
    durations, events, horizons = sample
    r = recidivism_rate(durations, events, follow_up=horizons)
    value = np.atleast_1d(r.value)
    assert np.all((value >= 0) & (value <= 1))
    assert np.all(np.diff(value) >= -1e-12)
    assert np.all(np.atleast_1d(r.lower) <= value + 1e-12)
    assert np.all(value <= np.atleast_1d(r.upper) + 1e-12)


def test_bad_input() -> None:
    with pytest.raises(InputError, match="beyond the longest observed follow-up"):
        recidivism_rate([10, 20], [1, 0], follow_up=30)
    with pytest.raises(InputError, match="follow_up"):
        recidivism_rate([10, 20], [1, 0], follow_up=-1)
    with pytest.raises(InputError, match="events"):
        recidivism_rate([10, 20], [1, 2], follow_up=5)
    with pytest.raises(
        InputError, match="nobody was followed for the whole follow_up window of 30 days"
    ):
        crude_recidivism_rate([10, 20], [0, 0], follow_up=30, potential_follow_up=[10, 20])
    with pytest.raises(InputError, match="lengths differ"):
        crude_recidivism_rate([10, 20], [0], follow_up=5)
    with pytest.raises(InputError, match="lengths differ"):
        crude_recidivism_rate([10, 20], [0, 1], follow_up=5, potential_follow_up=[30])
    with pytest.raises(InputError, match="ReleaseCohort"):
        analyse_recidivism((np.array([1.0]), np.array([1.0])), follow_up=1)  # type: ignore[arg-type]
    # an event at the very end makes S = 0 there: later windows are defined
    assert recidivism_rate([10, 20], [1, 1], follow_up=30).value == 1.0


@st.composite
def cohorts_with_windows(draw):
    n = draw(st.integers(2, 60))
    durations = np.array(draw(st.lists(st.integers(0, 400), min_size=n, max_size=n)), float)
    events = np.array(draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)), float)
    windows = np.array(
        draw(st.lists(st.integers(0, int(durations.max())), min_size=1, max_size=4)), float
    )
    return durations, events, windows


@settings(max_examples=25)
@given(cohorts_with_windows())
def test_kaplan_meier_rate_equals_lifelines(sample) -> None:
    durations, events, windows = sample
    ours = recidivism_rate(durations, events, follow_up=windows)
    value, lower, upper = _lifelines_incidence(durations, events, windows)
    np.testing.assert_allclose(np.atleast_1d(ours.value), value, atol=1e-12)
    np.testing.assert_allclose(np.atleast_1d(ours.lower), lower, atol=1e-9)
    np.testing.assert_allclose(np.atleast_1d(ours.upper), upper, atol=1e-9)
