"""Nelson-Aalen: aml values (lifelines / R), lifelines as oracle, tie methods, errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.serialization import from_json, to_json
from dpssec.stats import CumulativeHazardCurve, nelson_aalen
from tests.stats.conftest import load_rows

NONMAINTAINED = [r for r in load_rows("aml.csv") if r["group"] == "Nonmaintained"]
T = np.array([r["time"] for r in NONMAINTAINED])
E = np.array([r["status"] for r in NONMAINTAINED])


def test_aml_fleming_harrington_matches_lifelines_default() -> None:
    """lifelines NelsonAalenFitter() (nelson_aalen_smoothing=True), statistics.md §8.6."""
    curve = nelson_aalen(T, E, ties="fleming-harrington")
    events = curve.events > 0
    expected = [0.1742, 0.3854, 0.5104, 0.6770, 0.8770, 1.1270, 1.4604, 1.9604, 2.9604]
    np.testing.assert_allclose(curve.cumulative_hazard[events], expected, atol=6e-5)
    assert curve.lower[0] == pytest.approx(0.0435, abs=6e-5)
    assert curve.upper[0] == pytest.approx(0.6976, abs=6e-5)


def test_aml_breslow_matches_r_ctype1() -> None:
    """R: survfit(..., ctype = 1): H = d/n, se(H) at t = 5 is 0.1179 (Aalen variance d/n²)."""
    curve = nelson_aalen(T, E)
    events = curve.events > 0
    expected = [0.1667, 0.3667, 0.4917, 0.6583, 0.8583, 1.1083, 1.4417, 1.9417, 2.9417]
    np.testing.assert_allclose(curve.cumulative_hazard[events], expected, atol=6e-5)
    assert np.sqrt(curve.variance[0]) == pytest.approx(0.1179, abs=6e-5)


def _lifelines_na(durations: np.ndarray, events: np.ndarray, smoothing: bool) -> object:
    from lifelines import NelsonAalenFitter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return NelsonAalenFitter(nelson_aalen_smoothing=smoothing).fit(durations, events)


records = st.integers(1, 60).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(1, 30), min_size=n, max_size=n),
        st.lists(st.integers(0, 1), min_size=n, max_size=n),
    )
)


@settings(max_examples=25)
@given(records)
def test_matches_lifelines(data: tuple[list[int], list[int]]) -> None:
    durations, events = np.array(data[0], dtype=float), np.array(data[1])
    fh = nelson_aalen(durations, events, ties="fleming-harrington")
    fitted = _lifelines_na(durations, events, smoothing=True)
    np.testing.assert_allclose(
        fh.cumulative_hazard, fitted.cumulative_hazard_.loc[fh.time].to_numpy()[:, 0], atol=1e-10
    )
    bounds = fitted.confidence_interval_.loc[fh.time].to_numpy()
    positive = fh.cumulative_hazard > 0
    np.testing.assert_allclose(fh.lower[positive], bounds[positive, 0], atol=1e-10)
    np.testing.assert_allclose(fh.upper[positive], bounds[positive, 1], atol=1e-10)
    breslow = nelson_aalen(durations, events)
    plain = _lifelines_na(durations, events, smoothing=False)
    np.testing.assert_allclose(
        breslow.cumulative_hazard,
        plain.cumulative_hazard_.loc[breslow.time].to_numpy()[:, 0],
        atol=1e-10,
    )


@settings(max_examples=40)
@given(
    records,
    st.lists(st.integers(0, 4), min_size=60, max_size=60),
    st.sampled_from(["breslow", "fleming-harrington"]),
)
def test_weighted_equals_expanded(
    data: tuple[list[int], list[int]], counts: list[int], ties: str
) -> None:
    durations, events = np.array(data[0], dtype=float), np.array(data[1])
    weights = np.array(counts[: durations.size])
    weights[0] = max(weights[0], 1)
    weighted = nelson_aalen(durations, events, weights=weights, ties=ties)
    expanded = nelson_aalen(np.repeat(durations, weights), np.repeat(events, weights), ties=ties)
    for name in ("time", "at_risk", "cumulative_hazard", "variance", "lower", "upper"):
        np.testing.assert_allclose(getattr(weighted, name), getattr(expanded, name), atol=1e-12)
    assert np.all(weighted.lower <= weighted.cumulative_hazard)
    assert np.all(weighted.cumulative_hazard <= weighted.upper)
    assert np.all(np.diff(weighted.cumulative_hazard) >= 0)


def test_fractional_weights_use_digamma_form() -> None:
    # With integer-valued weights given as 0.5 + 0.5, the integer and digamma paths must agree.
    whole = nelson_aalen(
        [1, 1, 2, 3], [1, 1, 1, 0], weights=[2, 1, 1, 1], ties="fleming-harrington"
    )
    split = nelson_aalen(
        [1, 1, 1, 2, 3], [1, 1, 1, 1, 0], weights=[1.5, 0.5, 1, 1, 1], ties="fleming-harrington"
    )
    np.testing.assert_allclose(split.cumulative_hazard, whole.cumulative_hazard, rtol=1e-12)
    half = nelson_aalen([1, 2], [1, 1], weights=[0.5, 1], ties="fleming-harrington")
    assert np.all(np.isfinite(half.cumulative_hazard)) and half.cumulative_hazard[0] > 0


def test_json_round_trip_and_lookup() -> None:
    curve = nelson_aalen(T, E, ties="fleming-harrington")
    assert from_json(to_json(curve), CumulativeHazardCurve) == curve
    assert curve.at(4.9) == 0.0 and curve.at(5) == curve.cumulative_hazard[0]


def test_bad_inputs() -> None:
    with pytest.raises(InputError, match="parameter 'ties'"):
        nelson_aalen(T, E, ties="efron")
    with pytest.raises(
        InputError, match=r"'events': 1 of 12 values are above 1 \(first at index 3"
    ):
        nelson_aalen(T, np.where(np.arange(12) == 3, 2, E))


def test_curves_refuse_columns_of_different_lengths() -> None:
    from dpssec.stats import SurvivalCurve

    with pytest.raises(InputError, match=r"CumulativeHazardCurve columns .* got \[1, 2\]"):
        CumulativeHazardCurve(
            [1, 2],
            [2, 1],
            [1, 1],
            [0, 0],
            [0.5, 1.5],
            [0.1, 0.2],
            [0.1, 0.2],
            [1.0],
            0.95,
            "breslow",
        )
    with pytest.raises(InputError, match=r"SurvivalCurve columns .* got \[1, 2\]"):
        SurvivalCurve([1, 2], [2, 1], [1, 1], [0, 0], [0.5, 0.0], [0.1], [0.9, 0.0], 0.95, "log")
