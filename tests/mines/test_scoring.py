"""Scoring schemes: IMSMA semantics, LIS worked examples, performance means, bands, refusals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.mines.areas import HazardousArea
from dpssec.mines.scoring import (
    LIS_PRESET,
    LM_PERFORMANCE_2014,
    LM_PERFORMANCE_2015,
    PERFORMANCE_CRITERIA,
    SAC_LIS_1999_UNVERIFIED,
    Band,
    Factor,
    FactorKind,
    ScoringScheme,
    impact_category,
    impact_score,
    programme_performance,
)
from dpssec.serialization import from_json, to_json
from tests.conftest import compute
from tests.mines.conftest import read_vectors


def _lis_area(row: dict[str, str]) -> HazardousArea:
    return HazardousArea(
        row["id"],
        "CHA",
        1000,
        contamination=row["contamination"],
        recent_victims=int(row["recent_victims"]),
        blocked_resources=row["blocked_resources"],
    )


def test_lis_worked_examples() -> None:
    rows = read_vectors("ops_lis_examples.csv")
    areas = [_lis_area(r) for r in rows]
    scores = impact_score(areas, LIS_PRESET)
    np.testing.assert_array_equal(scores, [float(r["expected_score"]) for r in rows])
    assert list(impact_category(scores, LIS_PRESET)) == [r["expected_category"] for r in rows]
    for area, row in zip(areas, rows, strict=True):
        assert impact_score(area, LIS_PRESET) == float(row["expected_score"])


def test_lis_preset_is_flagged_unverified() -> None:
    assert SAC_LIS_1999_UNVERIFIED is LIS_PRESET
    assert LIS_PRESET.verified is False
    assert "[unverified]" in str(LIS_PRESET.reference)
    assert LM_PERFORMANCE_2014.verified is True
    assert len(LIS_PRESET.factors) == 13  # victims, mines, UXO and the ten blockages


def test_lis_bands_edges() -> None:
    edges = [0, 1, 5, 6, 10, 11, 40]
    expected = ["not impacted", "low", "low", "medium", "medium", "high", "high"]
    assert list(impact_category(edges, LIS_PRESET)) == expected


def test_only_lis_blockages_count_in_the_lis_score() -> None:
    schools_only = HazardousArea("a", "SHA", 1, blocked_resources=["schools", "markets"])
    assert impact_score(schools_only, LIS_PRESET) == 0.0


def test_yes_no_counts_once_and_count_is_linear() -> None:
    scheme = ScoringScheme([("recent_victims", 2), Factor("uxo", 1, "yes/no")])
    data = {"recent_victims": [0, 1, 5], "uxo": [0, 3, 1]}
    np.testing.assert_array_equal(impact_score(data, scheme), [0, 3, 11])


def test_scalar_in_scalar_out_and_array_types(array_type: Any) -> None:
    scheme = ScoringScheme({"recent_victims": 2, "affected_population": 0.001})
    assert impact_score({"recent_victims": 3, "affected_population": 1000}, scheme) == 7.0
    assert isinstance(
        impact_score({"recent_victims": 3, "affected_population": 1000}, scheme), float
    )
    data = {
        "recent_victims": array_type([0, 1, 2]),
        "affected_population": array_type([0, 0, 1000]),
    }
    result = np.asarray(compute(impact_score(data, scheme)))
    np.testing.assert_allclose(result, [0, 2, 5])


def test_dask_input_stays_lazy(raise_if_dask_computes: Any) -> None:
    da = pytest.importorskip("dask.array")
    scheme = ScoringScheme([("recent_victims", 2), ("uxo", 1, "yes/no")])
    data = {
        "recent_victims": da.from_array(np.array([0.0, 1.0, 4.0]), chunks=2),
        "uxo": da.from_array(np.array([1.0, 0.0, 3.0]), chunks=2),
    }
    with raise_if_dask_computes:
        lazy = impact_score(data, scheme)
    np.testing.assert_array_equal(compute(lazy), [1, 2, 9])
    bad = {"recent_victims": da.from_array(np.array([0.0, -1.0]), chunks=1), "uxo": [0, 0]}
    with pytest.raises(InputError, match="negative"):
        compute(impact_score(bad, scheme))


def test_dataframe_input() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"recent_victims": [1, 2], "mines": [1, 0], "other": ["x", "y"]})
    scheme = ScoringScheme([("recent_victims", 2), ("mines", 2, "yes/no")])
    np.testing.assert_array_equal(impact_score(frame, scheme), [4, 4])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"recent_victims": [1, -1], "uxo": [0, 0]},
            "'recent_victims': 1 of 2 values are negative",
        ),
        ({"recent_victims": [1.5, 1], "uxo": [0, 0]}, "not whole numbers"),
        ({"recent_victims": [1, np.nan], "uxo": [0, 0]}, "NaN"),
        ({"recent_victims": [1, 2], "uxo": [0, 0, 1]}, "lengths differ"),
        ({"recent_victims": [1, 2]}, "criterion 'uxo' is missing"),
        ("not data", "'data' must be"),
    ],
)
def test_bad_data_is_refused(data: Any, message: str) -> None:
    scheme = ScoringScheme([("recent_victims", 2), ("uxo", 1, "yes/no")])
    with pytest.raises(InputError, match=message):
        impact_score(data, scheme)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"factors": []}, "at least one factor"),
        ({"factors": [("a", -1)]}, "'weight': 1 of 1 values are negative"),
        ({"factors": [("a", 0)]}, "at least one weight must be > 0"),
        ({"factors": [("a", 1), ("a", 2)]}, "appears more than once"),
        ({"factors": [("a", 1, "maybe")]}, "'kind': 'maybe' is not one of 'count', 'yes/no'"),
        ({"factors": [("a", 1)], "bands": [(5, "high"), (1, "low")]}, "must increase"),
        ({"factors": [("a", 1)], "aggregation": "median"}, "aggregation"),
    ],
)
def test_bad_schemes_are_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        ScoringScheme(**kwargs)


def test_category_refusals() -> None:
    with pytest.raises(InputError, match="below the first band"):
        impact_category([2, -1], [(0, "low")])
    with pytest.raises(InputError, match="no bands"):
        impact_category(1, ScoringScheme({"a": 1}))


def test_bands_from_mapping_and_band_objects() -> None:
    scheme = ScoringScheme({"a": 1}, bands={"low": 0, "high": 10})
    assert scheme.bands == (Band(0, "low"), Band(10, "high"))
    assert scheme.category(9.999) == "low" and scheme.category(10) == "high"


def test_performance_reference_vectors() -> None:
    rows = read_vectors("ops_performance_scores.csv")
    ratings = np.array([[float(r[f"r{i}"]) for i in range(1, 11)] for r in rows])
    result = programme_performance(ratings)
    np.testing.assert_allclose(result.score, [float(r["expected_mean"]) for r in rows])
    assert list(result.band) == [r["expected_band_2014"] for r in rows]
    croatia = programme_performance(ratings[0])
    assert croatia.score == 7.0 and croatia.band == "good"  # exactly 7.0, not 6.999...


def test_performance_2015_band_and_mapping_input() -> None:
    ratings = dict.fromkeys(PERFORMANCE_CRITERIA, 8)
    assert programme_performance(ratings, LM_PERFORMANCE_2015).band == "very good"
    assert programme_performance(ratings, LM_PERFORMANCE_2014).band == "good"


def test_performance_refusals() -> None:
    with pytest.raises(InputError, match="expected 10 ratings"):
        programme_performance([7, 7, 7])
    with pytest.raises(InputError, match="above 10"):
        programme_performance([11, 7, 7, 7, 7, 7, 7, 7, 7, 7])


@given(
    st.lists(st.integers(0, 50), min_size=1, max_size=20),
    st.lists(st.integers(0, 1), min_size=1, max_size=20),
)
def test_score_is_sum_of_contributions(victims: list[int], mines: list[int]) -> None:
    n = min(len(victims), len(mines))
    data = {"recent_victims": victims[:n], "mines": mines[:n]}
    scheme = ScoringScheme([("recent_victims", 2), ("mines", 2, FactorKind.YES_NO)])
    parts = scheme.contributions(data)
    np.testing.assert_allclose(impact_score(data, scheme), sum(parts.values()))
    assert np.all(impact_score(data, scheme) >= 0)


def test_preset_json_round_trip() -> None:
    for scheme in (LIS_PRESET, LM_PERFORMANCE_2015):
        assert from_json(to_json(scheme), ScoringScheme) == scheme


_factor = st.builds(
    Factor,
    criterion=st.sampled_from(["recent_victims", "mines", "uxo", "area", "blocked_roads"]),
    weight=st.floats(0.1, 100),
    kind=st.sampled_from(FactorKind),
    label=st.text(max_size=10),
    upper=st.none() | st.floats(1, 1e6),
)


@given(
    st.lists(_factor, min_size=1, max_size=5, unique_by=lambda f: f.criterion),
    st.lists(st.floats(0, 100), max_size=4, unique=True),
    st.sampled_from(["sum", "mean"]),
)
def test_scheme_json_round_trip(factors: list[Factor], lowers: list[float], how: str) -> None:
    bands = [Band(x, f"band {i}") for i, x in enumerate(sorted(lowers))]
    scheme = ScoringScheme(factors, bands, name="custom", aggregation=how)
    assert from_json(to_json(scheme), ScoringScheme) == scheme
