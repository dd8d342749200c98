"""prioritise: explained rankings with schemes and MCDA methods, order invariance, refusals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.mines.areas import HazardousArea
from dpssec.mines.mcda import ahp, topsis, weighted_sum
from dpssec.mines.prioritisation import (
    Prioritisation,
    ScenarioComparison,
    compare_priorities,
    default_benefit,
    prioritise,
)
from dpssec.mines.scoring import LIS_PRESET, ScoringScheme, impact_score
from dpssec.serialization import from_json, to_json

AREAS = [
    HazardousArea("HA-01", "SHA", "2 ha", contamination=["UXO"], blocked_resources=["roads"]),
    HazardousArea(
        "HA-02",
        "CHA",
        8000,
        contamination=["AP"],
        recent_victims=4,
        blocked_resources=["drinking water", "rainfed cropland", "roads", "housing"],
    ),
    HazardousArea(
        "HA-03",
        "CHA",
        5000,
        contamination=["AP", "UXO"],
        recent_victims=2,
        blocked_resources=["roads", "housing", "fixed pasture"],
    ),
    HazardousArea(
        "HA-04", "SHA", 1000, contamination=["AP"], blocked_resources=["roads", "housing"]
    ),
    HazardousArea(
        "HA-05",
        "SHA",
        1000,
        contamination=["AP"],
        blocked_resources=["schools", "roads", "housing"],
    ),
    HazardousArea("HA-06", "CHA", 300),
]


def test_lis_prioritisation_table_and_explanations() -> None:
    result = prioritise(AREAS, LIS_PRESET)
    assert result.ids == ("HA-02", "HA-03", "HA-04", "HA-05", "HA-01", "HA-06")
    assert result.rank.tolist() == [1, 2, 3, 3, 5, 6]  # HA-04 and HA-05 tie (schools is not LIS)
    assert result.score.tolist() == [14, 10, 4, 4, 2, 0]
    assert result.category == ("high", "medium", "low", "low", "low", "not impacted")
    np.testing.assert_allclose(result.contributions.sum(axis=1), result.score)
    assert result.verified is False
    text = result.explain("HA-02")
    assert text.splitlines()[0].startswith("HA-02: rank 1 of 6, score 14 (high)")
    assert "[unverified]" in text.splitlines()[0]
    assert "recent victims (last 24 months): 4 x 2 = 8" in text
    assert "blocked: drinking-water: yes x 1 = 1" in text
    assert "no criterion contributes" in result.explain("HA-06")
    with pytest.raises(InputError, match="no area with id"):
        result.explain("HA-99")


def test_scheme_scores_match_impact_score() -> None:
    result = prioritise(AREAS, LIS_PRESET)
    direct = dict(zip([a.id for a in AREAS], impact_score(AREAS, LIS_PRESET), strict=True))
    assert {i: direct[i] for i in result.ids} == dict(zip(result.ids, result.score, strict=True))


def test_to_frame_has_the_inputs_and_the_scores_under_distinct_names() -> None:
    pytest.importorskip("pandas")
    result = prioritise(AREAS, LIS_PRESET)
    frame = result.to_frame()
    assert frame.index.name == "id" and frame.index[0] == "HA-02"
    assert list(frame.columns[:3]) == ["rank", "score", "category"]
    # per factor its input value and its contribution, then the blocked resources the scheme
    # does not score (HA-05)
    assert len(frame.columns) == 3 + 2 * len(LIS_PRESET.factors) + 1
    assert frame.columns[-1] == "not_scored"
    area = next(a for a in AREAS if a.id == "HA-02")
    assert frame.loc["HA-02", "recent_victims"] == area.recent_victims
    assert frame.loc["HA-02", "recent_victims_contribution"] == 8.0
    parts = frame[[f"{c}_contribution" for c in result.criteria]].sum(axis=1)
    np.testing.assert_allclose(parts, frame["score"])
    html = prioritise(AREAS, LIS_PRESET)._repr_html_()
    assert html.startswith("<table>") and "HA-02" in html


@settings(max_examples=25)
@given(st.permutations(range(len(AREAS))))
def test_ranking_does_not_depend_on_input_order(order: list[int]) -> None:
    shuffled = [AREAS[i] for i in order]
    assert prioritise(shuffled, LIS_PRESET) == prioritise(AREAS, LIS_PRESET)
    weights = {"recent_victims": 0.5, "area": 0.2, "blocked_resources": 0.3}
    for method in ("weighted_sum", "topsis"):
        a = prioritise(shuffled, method, weights=weights)
        b = prioritise(AREAS, method, weights=weights)
        assert a.ids == b.ids and a.rank.tolist() == b.rank.tolist()
        np.testing.assert_allclose(a.score, b.score, rtol=0, atol=1e-12)


@settings(max_examples=25)
@given(
    st.lists(st.integers(0, 5), min_size=2, max_size=15),
    st.randoms(use_true_random=False),
)
def test_ties_share_the_best_rank_and_are_listed_by_id(victims: list[int], rnd: Any) -> None:
    ids = [f"A{i:02d}" for i in range(len(victims))]
    table = {"id": ids, "recent_victims": victims}
    scheme = ScoringScheme({"recent_victims": 1})
    result = prioritise(table, scheme)
    for k in range(len(ids)):
        assert result.rank[k] == 1 + sum(s > result.score[k] for s in result.score)
        if k and result.score[k] == result.score[k - 1]:
            assert result.ids[k] > result.ids[k - 1]
    perm = list(range(len(ids)))
    rnd.shuffle(perm)
    shuffled = {"id": [ids[i] for i in perm], "recent_victims": [victims[i] for i in perm]}
    assert prioritise(shuffled, scheme) == result


def test_weighted_sum_contributions_add_up_to_the_method_score() -> None:
    weights = {"recent_victims": 0.5, "affected_population": 0.3, "distance_to_settlement": 0.2}
    table = {
        "id": ["a", "b", "c", "d"],
        "recent_victims": [0, 3, 1, 2],
        "affected_population": [1200, 300, 5000, 0],
        "distance_to_settlement": [250.0, 1800.0, 90.0, 600.0],
    }
    result = prioritise(table, "weighted_sum", weights=weights)
    np.testing.assert_allclose(result.contributions.sum(axis=1), result.score)
    matrix = np.column_stack([table[c] for c in weights])
    direct = weighted_sum(matrix, list(weights.values()), [True, True, False])
    expected = dict(zip(table["id"], direct, strict=True))
    np.testing.assert_allclose(result.score, [expected[i] for i in result.ids])
    assert result.benefit == (True, True, False)  # distances are costs by default
    assert "distance to settlement: 90 -> normalised 1 x weight 0.2 = 0.2" in result.explain("c")


def test_topsis_reference_vector_tzeng_huang() -> None:
    """Tzeng & Huang (2011), as in scikit-criteria's test; mines.md §4.3 vector 4."""
    x = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], dtype=float)
    table = {"id": ["A1", "A2", "A3", "A4"], "c1": x[:, 0], "c2": x[:, 1], "c3": x[:, 2]}
    result = prioritise(table, "topsis", weights={"c1": 0.3, "c2": 0.4, "c3": 0.3}, benefit=True)
    assert result.ids == ("A3", "A2", "A1", "A4")
    np.testing.assert_allclose(result.score, [0.7482, 0.6581, 0.5037, 0.3340], atol=5e-5)
    assert result.distance_to_ideal is not None and result.distance_to_anti_ideal is not None
    closeness = result.distance_to_anti_ideal / (
        result.distance_to_ideal + result.distance_to_anti_ideal
    )
    np.testing.assert_allclose(closeness, result.score, rtol=1e-12)
    np.testing.assert_allclose(
        result.score, np.sort(topsis(x, [0.3, 0.4, 0.3], True))[::-1], rtol=1e-12
    )
    assert "closeness = D- / (D+ + D-)" in result.explain("A3")


def test_ahp_weights_drive_a_method() -> None:
    judgement = ahp(
        [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]],
        criteria=["recent_victims", "blocked_resources", "area"],
    )
    result = prioritise(AREAS, "weighted_sum", weights=judgement)
    assert result.criteria == ("recent_victims", "blocked_resources", "area")
    np.testing.assert_allclose(result.weights, judgement.weights)
    assert result.ids[0] == "HA-02"


def test_weights_must_sum_to_one_unless_asked() -> None:
    weights = {"recent_victims": 2, "area": 1}
    with pytest.raises(InputError, match="must sum to 1"):
        prioritise(AREAS, "weighted_sum", weights=weights)
    result = prioritise(AREAS, "weighted_sum", weights=weights, normalize_weights=True)
    np.testing.assert_allclose(result.weights, [2 / 3, 1 / 3])
    np.testing.assert_allclose(result.contributions.sum(axis=1), result.score)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scheme_or_method": "promethee", "weights": [1.0]}, "is not one of"),
        ({"scheme_or_method": "topsis"}, "needs weights"),
        ({"scheme_or_method": "topsis", "weights": [0.5, 0.5]}, "needs the criteria"),
        (
            {"scheme_or_method": "topsis", "weights": [0.5, 0.5], "criteria": ["area"]},
            "has 2 values but the matrix has 1",
        ),
        (
            {"scheme_or_method": "topsis", "weights": {"area": 1.0}, "benefit": [True, False]},
            "benefit has 2 flags",
        ),
        ({"scheme_or_method": "topsis", "weights": {"altitude": 1.0}}, "'altitude' is missing"),
        (
            {"scheme_or_method": "weighted_sum", "weights": {"distance_to_road": 1.0}},
            "distance_to_road.*missing \\(NaN\\)",
        ),
        ({"scheme_or_method": LIS_PRESET, "weights": [1.0]}, "belong to a method"),
        ({"scheme_or_method": 3}, "must be a ScoringScheme"),
    ],
)
def test_bad_calls_are_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        prioritise(AREAS, **kwargs)


def test_bad_areas_are_refused() -> None:
    with pytest.raises(InputError, match=r"'HA-01' appears twice \(rows 1 and 2, counting"):
        prioritise([AREAS[0], AREAS[0]], LIS_PRESET)
    with pytest.raises(InputError, match=r"'b' appears twice \(rows 2 and 4,"):
        prioritise({"id": ["a", "b", "c", "b"], "area": [1, 2, 3, 4]}, LIS_PRESET)
    with pytest.raises(InputError, match="nothing to prioritise"):
        prioritise([], LIS_PRESET)
    with pytest.raises(InputError, match="no 'id' column"):
        prioritise({"recent_victims": [1]}, ScoringScheme({"recent_victims": 1}))
    with pytest.raises(InputError, match=r"'recent_victims': 1 of 2 values are negative.*'b'"):
        prioritise(
            {"id": ["a", "b"], "recent_victims": [1, -1]}, ScoringScheme({"recent_victims": 1})
        )


@pytest.mark.parametrize(
    ("column", "values", "message"),
    [
        ("area", [5.0, -1.0], r"'area': 1 of 2 values are negative.*index 1, label 'b': -1.0\)"),
        ("area", [np.inf, 1.0], r"'area': 1 of 2 values are infinite.*label 'a': inf"),
        ("recent_victims", [1, 2.5], r"'recent_victims'.*not whole numbers.*label 'b': 2\.5"),
        ("affected_population", [-3, 1], r"'affected_population'.*negative.*label 'a'"),
        ("distance_to_road", [np.nan, -2.0], r"'distance_to_road'.*negative.*label 'b'"),
        ("mines", [0, 2], r"'mines': 1 of 2 values are above 1.*label 'b'"),
    ],
)
@pytest.mark.parametrize("as_frame", [False, True])
def test_tables_are_held_to_the_hazardous_area_rules(
    column: str, values: list[float], message: str, as_frame: bool
) -> None:
    table: Any = {"id": ["a", "b"], "area": [5.0, 1.0], "recent_victims": [1, 0], column: values}
    if as_frame:
        table = pytest.importorskip("pandas").DataFrame(table)
    with pytest.raises(InputError, match=message):
        prioritise(table, "weighted_sum", weights={"recent_victims": 1.0})
    with pytest.raises(InputError, match=message):
        prioritise(table, ScoringScheme({"recent_victims": 1}))
    # The same value on a HazardousArea is refused as well: one set of rules.
    if column in ("area", "recent_victims", "affected_population", "distance_to_road"):
        bad = next(v for v in values if not (np.isfinite(v) and v >= 0 and v in (0, 1, 5)))
        with pytest.raises(InputError, match=column):
            HazardousArea("a", "SHA", **{"area": 1.0, column: bad})


def test_unknown_distances_and_empty_ids_in_tables() -> None:
    table = {"id": ["a", "b"], "area": [5.0, 1.0], "distance_to_road": [np.nan, 3.0]}
    assert prioritise(table, "weighted_sum", weights={"area": 1.0}).ids == ("a", "b")
    with pytest.raises(InputError, match="ids are empty"):
        prioritise({"id": ["a", " "], "area": [1.0, 2.0]}, "weighted_sum", weights={"area": 1.0})


def test_blocked_resources_without_a_factor_are_listed_not_dropped() -> None:
    result = prioritise(AREAS, LIS_PRESET)
    # HA-05 blocks schools, which the ten LIS blockages do not include.
    assert result.not_scored[result.position("HA-05")] == ("schools",)
    assert all(not result.not_scored[result.position(i)] for i in ("HA-01", "HA-02", "HA-06"))
    text = result.explain("HA-05")
    assert "1 blocked resource(s) not scored by this scheme: schools" in text
    assert result.to_frame().loc["HA-05", "not_scored"] == "schools"
    # A scheme that scores the count of blocked resources covers schools too.
    counted = prioritise(AREAS, ScoringScheme({"blocked_resources": 1}))
    assert not any(counted.not_scored) and "not scored" not in counted.explain("HA-05")
    # Methods list the blocked resources outside the chosen criteria.
    ws = prioritise(AREAS, "weighted_sum", weights={"recent_victims": 1.0})
    assert ws.not_scored[ws.position("HA-02")] == (
        "rainfed-cropland",
        "drinking-water",
        "roads",
        "housing",
    )
    assert "not scored by the chosen criteria: rainfed-cropland" in ws.explain("HA-02")
    table = {"id": ["a", "b"], "recent_victims": [1, 0], "blocked_markets": [0, 1]}
    victims = ScoringScheme({"recent_victims": 1})
    assert prioritise(table, victims).not_scored == ((), ("markets",))


def test_dataframe_input_and_default_benefit() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": ["x", "y"], "recent_victims": [1, 0], "mines": [0, 1]})
    result = prioritise(frame, ScoringScheme([("recent_victims", 2), ("mines", 2, "yes/no")]))
    assert result.rank.tolist() == [1, 1] and result.ids == ("x", "y")
    assert default_benefit("distance_to_water") is False and default_benefit("uxo") is True
    assert isinstance(result, Prioritisation) and len(result) == 2
    assert "Prioritisation with" in str(result)


def test_prioritisation_json_round_trip() -> None:
    weights = {"recent_victims": 0.5, "area": 0.5}
    for result in (
        prioritise(AREAS, LIS_PRESET),
        prioritise(AREAS, "topsis", weights=weights),
        prioritise(AREAS, "weighted_sum", weights=weights),
    ):
        assert from_json(to_json(result), Prioritisation) == result


@settings(max_examples=30)
@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 3000), st.floats(10, 5000)),
        min_size=2,
        max_size=25,
    ),
    st.sampled_from(["weighted_sum", "topsis"]),
    st.randoms(use_true_random=False),
)
def test_method_rankings_are_order_free_and_explained(
    rows: list[tuple[int, int, float]], method: str, rnd: Any
) -> None:
    ids = [f"R{i:03d}" for i in range(len(rows))]
    columns = ["recent_victims", "affected_population", "distance_to_school"]
    table = {"id": ids, **{c: [r[j] for r in rows] for j, c in enumerate(columns)}}
    weights = dict(zip(columns, (0.5, 0.3, 0.2), strict=True))
    result = prioritise(table, method, weights=weights)
    perm = list(range(len(rows)))
    rnd.shuffle(perm)
    shuffled = {k: [v[i] for i in perm] for k, v in table.items()}
    again = prioritise(shuffled, method, weights=weights)
    assert again.ids == result.ids and again.rank.tolist() == result.rank.tolist()
    assert np.all(np.diff(result.score) <= 1e-12)  # listed best first
    if method == "weighted_sum":
        np.testing.assert_allclose(result.contributions.sum(axis=1), result.score, atol=1e-12)
    else:
        assert np.all((result.score >= 0) & (result.score <= 1))


def test_compare_priorities() -> None:
    lis = prioritise(AREAS, LIS_PRESET)
    water = prioritise(
        AREAS, ScoringScheme([("blocked_drinking_water", 5, "yes/no"), ("recent_victims", 1)])
    )
    comparison = compare_priorities({"LIS": lis, "water first": water})
    assert isinstance(comparison, ScenarioComparison)
    assert comparison.ids == lis.ids
    assert comparison.ranks[:, 0].tolist() == lis.rank.tolist()
    row = comparison.ids.index("HA-03")
    assert comparison.ranks[row].tolist() == [2, 2]
    assert comparison.verified == (False, True)
    assert np.all(comparison.largest_shift >= 0)
    assert "rank: LIS [unverified]" in str(comparison)
    with pytest.raises(InputError, match="at least two"):
        compare_priorities({"LIS": lis})
    with pytest.raises(InputError, match="ranks different areas"):
        compare_priorities({"LIS": lis, "fewer": prioritise(AREAS[:3], LIS_PRESET)})


def test_counts_follow_one_rule_on_areas_and_tables() -> None:
    # An infinite count used to overflow in int(); the shared rule refuses it on both paths.
    with pytest.raises(InputError, match="'recent_victims': 1 of 1 values are infinite"):
        HazardousArea("a", "SHA", 1.0, recent_victims=float("inf"))
    with pytest.raises(InputError, match="'recent_victims': 1 of 1 values are infinite"):
        prioritise({"id": ["a"], "recent_victims": [np.inf]}, ScoringScheme({"recent_victims": 1}))
