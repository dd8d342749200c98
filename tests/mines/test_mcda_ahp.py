"""AHP weights and consistency (dpssec.mines.mcda.ahp_method and random_index).

Reference vectors from tests/data/mines/mcda_reference_vectors.json (mines.md §4.3, vectors
1-3); pymcdm 1.4's ``AHP`` (eigenvector, Tummala-Ling RI) is the independent oracle.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.mines.mcda import (
    AHP_METHODS,
    RANDOM_INDEX_TABLES,
    AHPResult,
    RandomIndexTable,
    ahp,
)
from dpssec.references import Reference
from tests.mines.conftest import MCDA_VECTORS as VECTORS

SAATY_SCALE = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


def drinks_matrix() -> tuple[np.ndarray, list[str]]:
    data = VECTORS["ahp_drinks"]
    names = data["criteria"]
    index = {name: i for i, name in enumerate(names)}
    matrix = np.ones((len(names), len(names)))
    for row, col, value in data["judgements"]:
        matrix[index[row], index[col]] = value
        matrix[index[col], index[row]] = 1 / value
    return matrix, names


def reciprocal_from_upper(upper: list[float], n: int) -> np.ndarray:
    matrix = np.ones((n, n))
    iu = np.triu_indices(n, 1)
    matrix[iu] = upper
    matrix[(iu[1], iu[0])] = 1 / np.asarray(upper)
    return matrix


@pytest.mark.parametrize("table", ["saaty1980", "saaty2005", "donegan-dodd", "tummala-ling"])
def test_drinks_matrix_every_random_index_table(table: str) -> None:
    """Saaty (2008) drinks example; CR per table as in mines.md §4.3 vector 1."""
    data = VECTORS["ahp_drinks"]
    matrix, names = drinks_matrix()
    result = ahp(matrix, random_index=table, criteria=names)
    for name, weight in data["eigen_weights"].items():
        assert result.weights[names.index(name)] == pytest.approx(weight, abs=5e-5)
    assert result.lambda_max == pytest.approx(data["lambda_max"], abs=5e-5)
    assert result.consistency_index == pytest.approx(data["consistency_index"], abs=5e-5)
    assert result.consistency_ratio == pytest.approx(data["consistency_ratio"][table], abs=5e-5)
    assert result.consistent
    assert result.random_index == table
    assert result.reference == RANDOM_INDEX_TABLES[table].reference


def test_three_by_three_example_all_methods() -> None:
    data = VECTORS["ahp_3x3"]
    eigen = ahp(data["matrix"])
    np.testing.assert_allclose(eigen.weights, data["eigen_weights"], atol=5e-5)
    assert eigen.lambda_max == pytest.approx(data["lambda_max"], abs=5e-5)
    assert eigen.consistency_index == pytest.approx(data["consistency_index"], abs=5e-5)
    assert eigen.consistency_ratio == pytest.approx(data["consistency_ratio_saaty1980"], abs=5e-5)
    geometric = ahp(data["matrix"], method="geometric-mean")
    np.testing.assert_allclose(geometric.weights, data["geometric_mean_weights"], atol=5e-5)
    # n = 3: the geometric mean gives exactly the eigenvector (mines.md §1.5).
    np.testing.assert_allclose(geometric.weights, eigen.weights, rtol=1e-10)
    column = ahp(data["matrix"], method="column-mean")
    np.testing.assert_allclose(column.weights, data["column_mean_weights"], atol=5e-5)
    # Consistency is a property of the judgements, not of the weighting method.
    assert column.consistency_ratio == eigen.consistency_ratio


@pytest.mark.parametrize("table", sorted(RANDOM_INDEX_TABLES))
def test_wang_chin_matrix_is_inconsistent(table: str) -> None:
    result = ahp(VECTORS["ahp_wang_chin_6x6"]["matrix"], random_index=table)
    assert result.consistency_ratio > 0.10
    assert not result.consistent
    assert result.weights.sum() == pytest.approx(1.0)


def test_threshold_decides_consistency() -> None:
    matrix, _ = drinks_matrix()
    assert ahp(matrix, threshold=0.05).consistent
    assert not ahp(matrix, threshold=0.02).consistent


def test_random_index_tables_as_in_reference() -> None:
    """mines.md §1.5 table, n = 3..10."""
    expected = {
        "saaty1980": [0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49],
        "saaty2005": [0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49],
        "donegan-dodd": [0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055],
        "tummala-ling": [0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882],
    }
    for name, values in expected.items():
        table = RANDOM_INDEX_TABLES[name]
        assert [table.value(n) for n in range(3, 11)] == values
        assert table.value(1) == table.value(2) == 0.0
        assert isinstance(table.reference, Reference)
        assert table.reference.verified  # VERIFIED in mines.md (read in the library sources)


def test_custom_random_index_table() -> None:
    table = RandomIndexTable(
        "mine", (0.0, 0.0, 1.0), Reference("Local study", "2026", "Table 1", verified=False)
    )
    result = ahp(VECTORS["ahp_3x3"]["matrix"], random_index=table)
    assert result.random_index == "mine"
    assert result.consistency_ratio == pytest.approx(result.consistency_index)
    assert not result.reference.verified
    with pytest.raises(InputError, match="RI"):
        RandomIndexTable("bad", (0.0, 0.0, -1.0), Reference("x", "1"))


@settings(max_examples=20, deadline=None)
@given(
    n=st.integers(3, 9),
    data=st.data(),
)
def test_agrees_with_pymcdm_on_random_matrices(n: int, data: st.DataObject) -> None:
    """pymcdm AHP: eigenvector weights and CR with the Tummala-Ling table."""
    from pymcdm.weights.subjective import AHP

    upper = data.draw(
        st.lists(st.sampled_from(SAATY_SCALE), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2)
    )
    matrix = reciprocal_from_upper(upper, n)
    result = ahp(matrix, random_index="tummala-ling")
    oracle = AHP(matrix=matrix)
    np.testing.assert_allclose(result.weights, oracle(), rtol=1e-8, atol=1e-12)
    assert result.consistency_ratio == pytest.approx(max(oracle.get_cr(), 0.0), abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    weights=st.lists(st.floats(0.05, 20), min_size=1, max_size=10),
    method=st.sampled_from(AHP_METHODS),
)
def test_perfectly_consistent_matrix(weights: list[float], method: str) -> None:
    """a_ij = w_i / w_j: every method recovers w and CR = 0."""
    w = np.asarray(weights)
    matrix = w[:, None] / w[None, :]
    result = ahp(matrix, method=method)
    np.testing.assert_allclose(result.weights, w / w.sum(), rtol=1e-8)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)
    assert result.consistency_index >= 0
    assert result.consistent


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 10), data=st.data(), method=st.sampled_from(AHP_METHODS))
def test_weights_sum_to_one_and_are_positive(n: int, data: st.DataObject, method: str) -> None:
    size = n * (n - 1) // 2
    upper = data.draw(st.lists(st.sampled_from(SAATY_SCALE), min_size=size, max_size=size))
    result = ahp(reciprocal_from_upper(upper, n), method=method)
    assert result.weights.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.all(result.weights > 0)
    assert result.lambda_max >= n - 1e-9
    assert result.consistency_ratio >= 0


def test_sizes_one_and_two_are_consistent() -> None:
    one = ahp([[1]])
    assert one.weights.tolist() == [1.0]
    assert one.consistency_ratio == 0.0
    two = ahp([[1, 4], [0.25, 1]])
    np.testing.assert_allclose(two.weights, [0.8, 0.2])
    assert two.consistency_index == 0.0
    assert two.consistency_ratio == 0.0


def test_criteria_labels_from_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        VECTORS["ahp_3x3"]["matrix"],
        columns=["victims", "blocked_access", "population"],
        index=["victims", "blocked_access", "population"],
    )
    result = ahp(frame)
    assert result.criteria == ("victims", "blocked_access", "population")
    table = result.to_frame()
    assert list(table["criterion"]) == ["victims", "blocked_access", "population"]
    np.testing.assert_allclose(table["weight"], result.weights)
    text = str(result)
    assert "consistency ratio" in text and "victims" in text and "saaty1980" in text


def test_result_fields_in_api_order() -> None:
    result = ahp(VECTORS["ahp_3x3"]["matrix"])
    assert isinstance(result, AHPResult)
    weights, lambda_max, ci, cr, consistent = (
        result.weights,
        result.lambda_max,
        result.consistency_index,
        result.consistency_ratio,
        result.consistent,
    )
    assert AHPResult(weights, lambda_max, ci, cr, consistent).weights.tolist() == weights.tolist()
    assert isinstance(result.lambda_max, float) and isinstance(result.consistent, bool)


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 2, 3], [0.5, 1, 2]], "square"),
        ([[1, 2], [0.5, 1], [1, 1]], "square"),
        ([[1, 0], [0, 1]], r"zero or negative \(must be > 0\) \(first at row 0, column 1"),
        ([[1, -2], [-0.5, 1]], r"zero or negative \(must be > 0\)"),
        ([[1, np.nan], [1, 1]], r"missing \(NaN\).*row 0, column 1"),
        ([[1, 3], [3, 1]], "reciprocal"),
        ([[1, 3], [0.33, 1]], "reciprocal"),
        ([[2, 1], [1, 1]], "diagonal"),
        ([], "2-D table"),
        ([["a", "b"], ["c", "d"]], "must be numbers; got text 'a'"),
        (5, "2-D table"),
    ],
)
def test_bad_matrix_is_refused(matrix: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        ahp(matrix)


def test_three_digit_fractions_pass() -> None:
    result = ahp([[1, 3, 7], [0.333, 1, 2], [0.143, 0.5, 1]])
    assert result.weights.sum() == pytest.approx(1.0)


def test_bad_options_are_refused() -> None:
    matrix = VECTORS["ahp_3x3"]["matrix"]
    with pytest.raises(InputError, match="method"):
        ahp(matrix, method="geometric")
    with pytest.raises(InputError, match="random_index"):
        ahp(matrix, random_index="saaty")
    for threshold in (0, 1.5, -0.1, True):
        with pytest.raises(InputError, match="threshold"):
            ahp(matrix, threshold=threshold)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="criteria"):
        ahp(matrix, criteria=["a", "b"])


def test_matrix_larger_than_table_is_refused() -> None:
    with pytest.raises(InputError, match="size 1 to 10"):
        ahp(np.ones((11, 11)))
    big = RandomIndexTable("big", (0.0, 0.0, *([1.5] * 10)), Reference("x", "1"))
    assert ahp(np.ones((11, 11)), random_index=big).consistency_ratio == pytest.approx(0, abs=1e-9)


def test_size_dependent_thresholds_are_an_unverified_opt_in() -> None:
    from dpssec.mines.mcda import SAATY_SIZE_THRESHOLDS_UNVERIFIED, ConsistencyThresholds

    data = VECTORS["ahp_3x3"]  # CR 0.0332: consistent at 0.10 and at 0.05
    default = ahp(data["matrix"])
    assert default.threshold == 0.10
    assert default.threshold_reference.verified
    strict = ahp(data["matrix"], threshold=SAATY_SIZE_THRESHOLDS_UNVERIFIED)
    assert strict.threshold == 0.05
    assert strict.consistent
    assert not strict.threshold_reference.verified
    assert "[unverified]" in str(strict)
    matrix, _ = drinks_matrix()  # n = 7: the general 0.10
    assert ahp(matrix, threshold=SAATY_SIZE_THRESHOLDS_UNVERIFIED).threshold == 0.10
    tight = ConsistencyThresholds(((3, 0.01),), 0.10, Reference("Local rule", "2026"))
    assert not ahp(data["matrix"], threshold=tight).consistent
    with pytest.raises(InputError, match="threshold"):
        ahp(data["matrix"], threshold=ConsistencyThresholds(((3, 2.0),), 0.1, Reference("x", "1")))


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 8), data=st.data(), method=st.sampled_from(AHP_METHODS))
def test_relabelling_criteria_permutes_the_weights(
    n: int, data: st.DataObject, method: str
) -> None:
    size = n * (n - 1) // 2
    upper = data.draw(st.lists(st.sampled_from(SAATY_SCALE), min_size=size, max_size=size))
    matrix = reciprocal_from_upper(upper, n)
    order = np.asarray(data.draw(st.permutations(range(n))))
    original = ahp(matrix, method=method)
    relabelled = ahp(matrix[np.ix_(order, order)], method=method)
    np.testing.assert_allclose(relabelled.weights, original.weights[order], rtol=1e-9)
    assert relabelled.consistency_ratio == pytest.approx(original.consistency_ratio, abs=1e-9)
