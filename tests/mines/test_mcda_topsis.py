"""TOPSIS (dpssec.mines.mcda.topsis_method).

Reference vectors from tests/data/mines/mcda_reference_vectors.json (mines.md §4.3 vectors
4-6); pymcdm 1.4's ``TOPSIS`` with the same normalisation function is the oracle on random
matrices (its cost conventions are the ones dpssec documents).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.mines.mcda import normalize_criteria, rank, topsis, topsis_details
from tests.mines.conftest import MCDA_VECTORS as VECTORS
from tests.mines.conftest import pymcdm_scores, random_problem


def test_tzeng_huang_vector() -> None:
    data = VECTORS["topsis_tzeng_huang"]
    closeness = topsis(data["matrix"], data["weights"], data["benefit"], normalization="vector")
    np.testing.assert_allclose(closeness, data["vector"], atol=5e-5)
    assert rank(closeness).tolist() == data["ranks"]


def test_tzeng_huang_minmax_matches_pymcdm() -> None:
    """No printed min-max value for this example; pymcdm's default TOPSIS is the oracle."""
    from pymcdm.methods import TOPSIS

    data = VECTORS["topsis_tzeng_huang"]
    closeness = topsis(data["matrix"], data["weights"], data["benefit"], normalization="minmax")
    expected = TOPSIS()(np.array(data["matrix"], float), np.array(data["weights"]), np.ones(3))
    np.testing.assert_allclose(closeness, expected, rtol=1e-12)


@pytest.mark.parametrize("normalization", ["vector", "minmax"])
def test_opricovic_tzeng_both_normalisations(normalization: str) -> None:
    data = VECTORS["topsis_opricovic_tzeng"]
    closeness = topsis(
        data["matrix"], data["weights"], data["benefit"], normalization=normalization
    )
    np.testing.assert_allclose(closeness, data[normalization], atol=5e-4)


def test_normalisation_flips_the_ranking() -> None:
    """mines.md §4.3 vector 5: alternative 1 is first under vector, second under min-max."""
    data = VECTORS["topsis_opricovic_tzeng"]
    args = (data["matrix"], data["weights"], data["benefit"])
    assert rank(topsis(*args, normalization="vector")).tolist() == [1, 2, 3]
    assert rank(topsis(*args, normalization="minmax")).tolist() == [2, 1, 2]


def test_raw_unscaled_matrix() -> None:
    """scikit-criteria raw TOPSIS: unit weights, no scaling (mines.md §4.3 vector 6)."""
    data = VECTORS["topsis_raw"]
    closeness = topsis(
        data["matrix"],
        data["weights"],
        data["benefit"],
        normalization="none",
        normalize_weights=True,
    )
    np.testing.assert_allclose(closeness, data["none"], atol=5e-9)


def test_vector_equals_classic_cost_handling() -> None:
    """Hwang & Yoon: keep cost columns, take their minimum as the ideal (mines.md §1.5)."""
    matrix, weights, benefit = random_problem(3, 30, 5)
    v = matrix / np.sqrt((matrix**2).sum(axis=0)) * weights
    ideal = np.where(benefit, v.max(axis=0), v.min(axis=0))
    anti = np.where(benefit, v.min(axis=0), v.max(axis=0))
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    np.testing.assert_allclose(
        topsis(matrix, weights, list(benefit)), d_minus / (d_plus + d_minus), rtol=1e-12
    )


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    alternatives=st.integers(2, 40),
    criteria=st.integers(1, 8),
    normalization=st.sampled_from(["vector", "minmax", "max", "sum"]),
)
def test_agrees_with_pymcdm(
    seed: int, alternatives: int, criteria: int, normalization: str
) -> None:
    matrix, weights, benefit = random_problem(seed, alternatives, criteria)
    ours = topsis(matrix, weights, list(benefit), normalization=normalization)
    oracle = pymcdm_scores("TOPSIS", normalization, matrix, weights, benefit)
    np.testing.assert_allclose(ours, oracle, rtol=1e-10, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    alternatives=st.integers(1, 30),
    criteria=st.integers(1, 6),
    normalization=st.sampled_from(["vector", "minmax", "max", "sum", "none"]),
    integers=st.booleans(),
)
def test_closeness_in_unit_interval_and_order_free(
    seed: int, alternatives: int, criteria: int, normalization: str, integers: bool
) -> None:
    matrix, weights, benefit = random_problem(seed, alternatives, criteria)
    if integers:  # small integers create ties and constant columns
        matrix = np.ceil(matrix / 25)
    closeness = topsis(matrix, weights, list(benefit), normalization=normalization)
    assert closeness.shape == (alternatives,)
    assert np.all((closeness >= 0) & (closeness <= 1))
    order = np.random.default_rng(seed).permutation(alternatives)
    shuffled = topsis(matrix[order], weights, list(benefit), normalization=normalization)
    np.testing.assert_allclose(shuffled, closeness[order], rtol=1e-12, atol=1e-15)
    # Ranks move with their rows, except where two different scores differ only by rounding.
    gaps = np.abs(closeness[:, None] - closeness[None, :])
    if np.all((gaps == 0) | (gaps > 1e-9)):
        assert rank(shuffled).tolist() == rank(closeness)[order].tolist()


def test_identical_alternatives_tie_at_one_half() -> None:
    closeness = topsis([[3, 4], [3, 4], [3, 4]], [0.5, 0.5], [True, False])
    assert closeness.tolist() == [0.5, 0.5, 0.5]
    assert rank(closeness).tolist() == [1, 1, 1]


def test_accepts_dataframe_and_single_benefit_flag() -> None:
    pd = pytest.importorskip("pandas")
    data = VECTORS["topsis_tzeng_huang"]
    frame = pd.DataFrame(data["matrix"], columns=["a", "b", "c"])
    np.testing.assert_allclose(
        topsis(frame, data["weights"], True), topsis(data["matrix"], data["weights"], [True] * 3)
    )


def test_dask_matrix_gives_the_numpy_answer() -> None:
    da = pytest.importorskip("dask.array")
    matrix, weights, benefit = random_problem(11, 200, 4)
    lazy = da.from_array(matrix, chunks=(50, 4))
    for normalization in ("vector", "minmax", "sum"):
        result = topsis(lazy, weights, list(benefit), normalization=normalization)
        assert hasattr(result, "compute")
        np.testing.assert_allclose(
            result.compute(scheduler="synchronous"),
            topsis(matrix, weights, list(benefit), normalization=normalization),
            rtol=1e-12,
        )


def test_dask_bad_values_raise_on_compute() -> None:
    da = pytest.importorskip("dask.array")
    matrix = np.ones((10, 2))
    matrix[7, 1] = 0.0
    lazy = da.from_array(matrix, chunks=(5, 2))
    result = topsis(lazy, [0.5, 0.5], [True, False], normalization="sum")
    with pytest.raises(InputError, match="zero or negative"):
        result.compute(scheduler="synchronous")


class TestBadInput:
    matrix: ClassVar[list[list[float]]] = [[1.0, 2.0], [3.0, 4.0]]

    def test_weights_must_sum_to_one(self) -> None:
        with pytest.raises(InputError, match=r"sum to 1; they sum to 2.*normalize_weights=True"):
            topsis(self.matrix, [1, 1], [True, True])
        np.testing.assert_allclose(
            topsis(self.matrix, [1, 1], [True, True], normalize_weights=True),
            topsis(self.matrix, [0.5, 0.5], [True, True]),
        )

    def test_weights_length(self) -> None:
        with pytest.raises(InputError, match="'weights' has 3 values but the matrix has 2"):
            topsis(self.matrix, [0.2, 0.3, 0.5], [True, True])

    def test_negative_or_zero_weights(self) -> None:
        with pytest.raises(InputError, match=r"weights.*negative"):
            topsis(self.matrix, [1.5, -0.5], [True, True])
        with pytest.raises(InputError, match="all weights are zero"):
            topsis(self.matrix, [0, 0], [True, True], normalize_weights=True)

    def test_benefit_length_and_type(self) -> None:
        with pytest.raises(InputError, match="'benefit' has 3 values but the matrix has 2"):
            topsis(self.matrix, [0.5, 0.5], [True, True, False])
        with pytest.raises(InputError, match="pymcdm-style"):
            topsis(self.matrix, [0.5, 0.5], [1, -1])

    def test_matrix_shape_and_values(self) -> None:
        with pytest.raises(InputError, match="2-D"):
            topsis([1, 2, 3], [1.0], [True])
        with pytest.raises(InputError, match=r"NaN.*row 1, column 0"):
            topsis([[1, 2], [np.nan, 4]], [0.5, 0.5], [True, True])
        with pytest.raises(InputError, match=r"'matrix'.*negative.*row 0, column 1"):
            topsis([[1, -2], [3, 4]], [0.5, 0.5], [True, True])
        with pytest.raises(InputError, match="'matrix' must be numbers"):
            topsis([[1, 2], [3]], [0.5, 0.5], [True, True])
        with pytest.raises(InputError, match="empty"):
            topsis(np.zeros((0, 2)), [0.5, 0.5], [True, True])

    def test_sum_normalisation_needs_positive_cost_values(self) -> None:
        with pytest.raises(InputError, match=r"cost criterion.*row 1, column 1"):
            topsis([[1, 2], [3, 0]], [0.5, 0.5], [True, False], normalization="sum")
        # a zero in a benefit column is fine
        topsis([[0, 2], [3, 1]], [0.5, 0.5], [True, False], normalization="sum")

    def test_negative_values_allowed_only_for_minmax_and_none(self) -> None:
        matrix = [[-1, 2], [3, 4]]
        for normalization in ("minmax", "none"):
            assert topsis(matrix, [0.5, 0.5], [True, True], normalization=normalization).shape == (
                2,
            )
        for normalization in ("vector", "max", "sum"):
            with pytest.raises(InputError, match="negative"):
                topsis(matrix, [0.5, 0.5], [True, True], normalization=normalization)

    def test_unknown_normalisation(self) -> None:
        with pytest.raises(InputError, match="'normalization': 'l2' is not one of"):
            topsis(self.matrix, [0.5, 0.5], [True, True], normalization="l2")


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    alternatives=st.integers(1, 30),
    criteria=st.integers(1, 6),
    normalization=st.sampled_from(["vector", "minmax", "max", "sum", "none"]),
)
def test_details_explain_the_closeness(
    seed: int, alternatives: int, criteria: int, normalization: str
) -> None:
    """Distances recomputed from the weighted normalised matrix and the reported points."""
    matrix, weights, benefit = random_problem(seed, alternatives, criteria)
    details = topsis_details(matrix, weights, list(benefit), normalization=normalization)
    weighted = weights * normalize_criteria(matrix, list(benefit), normalization=normalization)
    np.testing.assert_allclose(details.ideal, weighted.max(axis=0), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(details.anti_ideal, weighted.min(axis=0), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(
        details.distance_to_ideal,
        np.sqrt(((weighted - details.ideal) ** 2).sum(axis=1)),
        rtol=1e-9,
        atol=1e-12,
    )
    np.testing.assert_allclose(
        details.distance_to_anti_ideal,
        np.sqrt(((weighted - details.anti_ideal) ** 2).sum(axis=1)),
        rtol=1e-9,
        atol=1e-12,
    )
    np.testing.assert_array_equal(
        details.closeness, topsis(matrix, weights, list(benefit), normalization=normalization)
    )
    assert details.to_frame().shape == (alternatives, 3)
