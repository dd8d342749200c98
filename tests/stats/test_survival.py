"""Kaplan-Meier: R survival's aml table, lifelines as oracle, weights, properties, errors."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.serialization import from_json, to_json
from dpssec.stats import SurvivalCurve, kaplan_meier
from tests.stats.conftest import load_rows

AML = load_rows("aml.csv")
AML_R = load_rows("aml_survfit.csv")


def aml(group: str) -> tuple[np.ndarray, np.ndarray]:
    rows = [r for r in AML if r["group"] == group]
    return np.array([r["time"] for r in rows]), np.array([r["status"] for r in rows])


@pytest.mark.parametrize("group", ["Maintained", "Nonmaintained"])
@pytest.mark.parametrize(
    ("ci", "prefix", "tol"),
    [("log", "log", 6e-4), ("log-log", "loglog", 6e-5), ("plain", "plain", 6e-5)],
)
def test_aml_matches_r_survfit(group: str, ci: str, prefix: str, tol: float) -> None:
    """R: summary(survfit(Surv(time, status) ~ x, data = aml, conf.type = ci))."""
    curve = kaplan_meier(*aml(group), ci=ci)
    for row in (r for r in AML_R if r["group"] == group):
        (j,) = np.flatnonzero(curve.time == row["time"])
        assert curve.at_risk[j] == row["at_risk"] and curve.events[j] == row["events"]
        assert curve.survival[j] == pytest.approx(row["survival"], abs=6e-5)
        assert curve.standard_error()[j] == pytest.approx(row["se"], abs=6e-5)
        # R prints the upper "log" limit to 3 dp, hence the looser tolerance there.
        assert curve.lower[j] == pytest.approx(row[f"{prefix}_lower"], abs=6e-5)
        assert curve.upper[j] == pytest.approx(row[f"{prefix}_upper"], abs=tol)


def test_aml_zero_survival_row_and_medians() -> None:
    curve = kaplan_meier(*aml("Nonmaintained"))
    assert curve.survival[-1] == 0.0 and curve.lower[-1] == 0.0 and curve.upper[-1] == 0.0
    assert curve.median() == 23.0  # R: 23 (8-NA)
    maintained = kaplan_meier(*aml("Maintained"), ci="log")
    assert maintained.median() == 31.0  # R: 31 (18-NA)
    assert maintained.median_interval() == (18.0, float("inf"))
    assert kaplan_meier(*aml("Nonmaintained"), ci="log").median_interval()[0] == 8.0


def test_censoring_at_event_time_is_at_risk() -> None:
    curve = kaplan_meier([13, 13, 20], [1, 0, 1])
    assert curve.at_risk[0] == 3 and curve.survival[0] == pytest.approx(2 / 3)


def test_step_function_lookup() -> None:
    curve = kaplan_meier(*aml("Maintained"))
    assert curve.at(8.99) == 1.0 and curve.at(9) == curve.survival[0]
    assert curve.at(-1) == 1.0
    assert isinstance(curve.at(10), float)
    np.testing.assert_array_equal(curve.at([9, 1000]), [curve.survival[0], curve.survival[-1]])
    assert curve.cumulative_incidence(9) == pytest.approx(1 - curve.survival[0])
    estimate = curve.estimate_at([9, 18], kind="cumulative_incidence")
    np.testing.assert_allclose(estimate.lower, 1 - curve.interval_at([9, 18])[1])


def _lifelines_km(durations: np.ndarray, events: np.ndarray, weights: Any = None) -> Any:
    from lifelines import KaplanMeierFitter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return KaplanMeierFitter().fit(durations, events, weights=weights)


def survival_records(first: int = 0) -> st.SearchStrategy[tuple[list[int], list[int]]]:
    return st.integers(1, 60).flatmap(
        lambda n: st.tuples(
            st.lists(st.integers(first, 40), min_size=n, max_size=n),
            st.lists(st.integers(0, 1), min_size=n, max_size=n),
        )
    )


records = survival_records()


# lifelines' median is +inf when S reaches 0.5 only at t = 0, so the oracle data start at 1.
@settings(max_examples=25)
@given(survival_records(first=1), st.booleans())
def test_matches_lifelines(data: tuple[list[int], list[int]], as_float: bool) -> None:
    durations = np.array(data[0], dtype=float)
    if as_float:
        durations = durations * 0.37 + 0.01  # the sort/unique path
    events = np.array(data[1])
    curve = kaplan_meier(durations, events)
    fitted = _lifelines_km(durations, events)
    np.testing.assert_allclose(
        curve.survival, fitted.survival_function_.loc[curve.time].to_numpy()[:, 0], atol=1e-10
    )
    bounds = fitted.confidence_interval_.loc[curve.time].to_numpy()
    np.testing.assert_allclose(curve.lower, bounds[:, 0], atol=1e-10)
    np.testing.assert_allclose(curve.upper, bounds[:, 1], atol=1e-10)
    if not np.any(np.isclose(curve.survival, 0.5, atol=1e-9)):  # lifelines' round-off at 0.5
        assert curve.median() == fitted.median_survival_time_


@settings(max_examples=40)
@given(
    records,
    st.lists(st.integers(0, 5), min_size=60, max_size=60),
    st.sampled_from(["log-log", "log", "plain"]),
)
def test_weighted_equals_expanded(
    data: tuple[list[int], list[int]], counts: list[int], ci: str
) -> None:
    durations, events = np.array(data[0], dtype=float), np.array(data[1])
    weights = np.array(counts[: durations.size])
    if weights.sum() == 0:
        weights[0] = 1
    weighted = kaplan_meier(durations, events, weights=weights, ci=ci)
    expanded = kaplan_meier(np.repeat(durations, weights), np.repeat(events, weights), ci=ci)
    for name in ("time", "at_risk", "events", "censored", "survival", "lower", "upper"):
        np.testing.assert_allclose(getattr(weighted, name), getattr(expanded, name), atol=1e-12)
    floats = kaplan_meier(durations + 0.5, events, weights=weights, ci=ci)
    np.testing.assert_allclose(floats.survival, weighted.survival, atol=1e-12)


@given(records, st.sampled_from(["log-log", "log", "plain"]), st.sampled_from([0.8, 0.95, 0.99]))
def test_bounds_property(data: tuple[list[int], list[int]], ci: str, level: float) -> None:
    curve = kaplan_meier(*data, ci=ci, confidence=level)
    assert np.all(np.diff(curve.survival) <= 0)
    assert np.all(curve.lower >= 0) and np.all(curve.upper <= 1)
    assert np.all(curve.lower <= curve.survival) and np.all(curve.survival <= curve.upper)


def test_array_types_agree(array_type: Any) -> None:
    durations, events = aml("Nonmaintained")
    expected = kaplan_meier(durations, events)
    result = kaplan_meier(array_type(durations.tolist()), array_type(events.tolist()))
    assert result == expected


def test_json_round_trip_and_frame() -> None:
    curve = kaplan_meier(*aml("Maintained"), ci="plain")
    assert from_json(to_json(curve), SurvivalCurve) == curve
    frame = curve.to_frame()
    assert (
        list(frame.columns)[:3] == ["time", "at_risk", "events"] and len(frame) == curve.time.size
    )


def test_plot() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    ax = kaplan_meier(*aml("Maintained")).plot(label="Maintained")
    assert ax.get_ylabel() == "survival S(t) [probability]"


def test_bad_inputs() -> None:
    with pytest.raises(
        InputError, match=r"'durations': 1 of 3 values are negative \(first at index 1"
    ):
        kaplan_meier([1, -2, 3], [1, 1, 1])
    with pytest.raises(InputError, match=r"'durations': 1 of 3 values are missing \(NaN\)"):
        kaplan_meier([1, np.nan, 3], [1, 1, 1])
    with pytest.raises(InputError, match=r"'events': 2 of 3 values are above 1 \(first at index 0"):
        kaplan_meier([1, 2, 3], [2, 1, 5])
    with pytest.raises(InputError, match=r"'weights': 1 of 3 values are negative"):
        kaplan_meier([1, 2, 3], [1, 1, 1], weights=[1, -1, 1])
    with pytest.raises(InputError, match="lengths differ"):
        kaplan_meier([1, 2, 3], [1, 1])
    with pytest.raises(InputError, match="empty"):
        kaplan_meier([], [])
    with pytest.raises(InputError, match="parameter 'ci'"):
        kaplan_meier([1], [1], ci="logit")


def test_float_paths_agree_including_negative_zero() -> None:
    durations = np.array([-0.0, 0.0, 0.5, 0.5, 1.25, 3.0, 3.0])
    events = np.array([1, 0, 1, 1, 0, 1, 0])
    unweighted = kaplan_meier(durations, events)  # bit-pattern sort path
    weighted = kaplan_meier(durations, events, weights=np.ones(7))  # unique path
    integer_like = kaplan_meier(durations * 4, events)  # counting path (0, 2, 5, 12)
    np.testing.assert_array_equal(unweighted.time, [0.0, 0.5, 1.25, 3.0])
    for name in ("at_risk", "events", "censored", "survival", "lower", "upper"):
        np.testing.assert_allclose(getattr(unweighted, name), getattr(weighted, name), rtol=1e-15)
        np.testing.assert_allclose(
            getattr(unweighted, name), getattr(integer_like, name), rtol=1e-15
        )


def test_eleven_prisoners_by_hand() -> None:
    """JHU public-health example (statistics.md §8.9): returns at 3, 7, 9, 11, 14, 21 months;
    censored at 4, 8, 16, 24, 24. Checked by hand: S(3) = 10/11, S(7) = 10/11 · 8/9."""
    durations = [3, 7, 9, 11, 14, 21, 4, 8, 16, 24, 24]
    events = [1] * 6 + [0] * 5
    curve = kaplan_meier(durations, events)
    assert curve.at(3) == pytest.approx(10 / 11)
    assert curve.at(6) == pytest.approx(10 / 11)
    assert curve.at(7) == pytest.approx(10 / 11 * 8 / 9)
    assert curve.at(9) == pytest.approx(10 / 11 * 8 / 9 * 6 / 7)
    assert curve.at(11) == pytest.approx(10 / 11 * 8 / 9 * 6 / 7 * 5 / 6)
    assert curve.median() == 14.0  # S(11) = 0.577, S(14) = 0.577 · 3/4 = 0.433


def test_rossi_recidivism_week_52_equals_crude_share() -> None:
    """Rossi et al. (1980) data shipped with lifelines (statistics.md §8.8): 432 released
    prisoners, 114 arrests, nobody censored before week 52, so 1 − S(52) = 114/432."""
    datasets = pytest.importorskip("lifelines.datasets")
    rossi = datasets.load_rossi()
    curve = kaplan_meier(rossi["week"], rossi["arrest"])
    assert curve.cumulative_incidence(52) == pytest.approx(114 / 432, rel=1e-12)
    fitted = _lifelines_km(rossi["week"].to_numpy(), rossi["arrest"].to_numpy())
    for week in (4, 8, 13, 26, 52):
        assert curve.at(week) == pytest.approx(fitted.predict(week), abs=1e-12)
    lower, upper = curve.interval_at([26, 52])
    bounds = fitted.confidence_interval_.loc[[26, 52]].to_numpy()
    np.testing.assert_allclose(np.c_[lower, upper], bounds, atol=1e-12)


@pytest.mark.parametrize("dtype", [np.int8, np.uint8, np.int16, np.uint32, np.int64, np.uint64])
@pytest.mark.parametrize("event_dtype", [bool, np.int8, np.uint64, np.int64])
def test_integer_dtypes_take_the_same_table(dtype: Any, event_dtype: Any) -> None:
    durations = np.array([0, 3, 3, 7, 100, 120, 127, 127, 64])
    events = np.array([1, 1, 0, 1, 0, 1, 1, 0, 1])
    expected = kaplan_meier(durations.astype(float) + 0.0, events.astype(float))
    result = kaplan_meier(durations.astype(dtype), events.astype(event_dtype))
    assert result == expected
    big = kaplan_meier(np.repeat(durations, 20_000).astype(dtype), np.repeat(events, 20_000))
    np.testing.assert_allclose(big.survival, expected.survival, rtol=1e-12)


def test_integer_input_errors_from_the_fast_path() -> None:
    with pytest.raises(
        InputError, match=r"'durations': 1 of 3 values are negative \(first at index 2"
    ):
        kaplan_meier(np.array([1, 2, -3]), np.array([1, 0, 1]))
    with pytest.raises(InputError, match=r"'events': 1 of 3 values are above 1 \(first at index 1"):
        kaplan_meier(np.array([1, 2, 3]), np.array([1, 2, 1]))
    huge = kaplan_meier(np.array([1, 10**12]), np.array([1, 1]))  # falls back to sorting
    np.testing.assert_array_equal(huge.time, [1.0, 1e12])
