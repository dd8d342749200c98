"""Weighted sum (dpssec.mines.mcda.weighted_sum_method).

mines.md §4.3 vector 7 (pymcdm's WSM test) and pymcdm 1.4's ``WSM`` as the oracle on random
matrices, for every normalisation both libraries share.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.mines.mcda import normalize_criteria, rank, weighted_sum
from tests.mines.conftest import MCDA_VECTORS as VECTORS
from tests.mines.conftest import pymcdm_scores, random_problem


def test_pymcdm_wsm_vector() -> None:
    """Weights (8,5,6,7)/13 sum to 2: refused as given, accepted when rescaling is asked for."""
    data = VECTORS["wsm_pymcdm"]
    with pytest.raises(InputError, match="sum to 1; they sum to 2"):
        weighted_sum(data["matrix"], data["weights"], data["benefit"], normalization="sum")
    scores = weighted_sum(
        data["matrix"],
        data["weights"],
        data["benefit"],
        normalization="sum",
        normalize_weights=True,
    )
    # Rescaling by the weights' sum (2) is the only difference from the printed values.
    np.testing.assert_allclose(2 * scores, data["sum_unnormalised_weights"], atol=5e-4)
    assert rank(scores).tolist() == [1, 4, 3, 5, 2]


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    alternatives=st.integers(1, 40),
    criteria=st.integers(1, 8),
    normalization=st.sampled_from(["vector", "minmax", "max", "sum"]),
)
def test_agrees_with_pymcdm(
    seed: int, alternatives: int, criteria: int, normalization: str
) -> None:
    matrix, weights, benefit = random_problem(seed, alternatives, criteria)
    ours = weighted_sum(matrix, weights, list(benefit), normalization=normalization)
    oracle = pymcdm_scores("WSM", normalization, matrix, weights, benefit)
    np.testing.assert_allclose(ours, oracle, rtol=1e-10, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    alternatives=st.integers(1, 30),
    criteria=st.integers(1, 6),
)
def test_minmax_scores_in_unit_interval_and_explained_by_contributions(
    seed: int, alternatives: int, criteria: int
) -> None:
    matrix, weights, benefit = random_problem(seed, alternatives, criteria)
    scores = weighted_sum(matrix, weights, list(benefit))
    assert np.all((scores >= -1e-12) & (scores <= 1 + 1e-12))
    contributions = weights * normalize_criteria(matrix, list(benefit), normalization="minmax")
    np.testing.assert_allclose(contributions.sum(axis=1), scores, rtol=1e-12, atol=1e-12)
    order = np.random.default_rng(seed).permutation(alternatives)
    np.testing.assert_allclose(
        weighted_sum(matrix[order], weights, list(benefit)), scores[order], rtol=1e-12
    )


def test_cost_criterion_prefers_small_values() -> None:
    # area blocked (benefit of clearing) vs estimated cost (cost)
    scores = weighted_sum([[10, 5], [10, 1], [2, 1]], [0.5, 0.5], [True, False])
    np.testing.assert_allclose(scores, [0.5, 1.0, 0.5])
    assert rank(scores).tolist() == [2, 1, 2]


def test_none_normalisation_subtracts_costs() -> None:
    scores = weighted_sum([[0.2, 0.5], [0.9, 0.1]], [0.5, 0.5], [True, False], normalization="none")
    np.testing.assert_allclose(scores, [0.5 * 0.2 - 0.5 * 0.5, 0.5 * 0.9 - 0.5 * 0.1])


def test_dask_matrix_gives_the_numpy_answer() -> None:
    da = pytest.importorskip("dask.array")
    matrix, weights, benefit = random_problem(5, 120, 3)
    lazy = weighted_sum(da.from_array(matrix, chunks=(40, 3)), weights, list(benefit))
    np.testing.assert_allclose(
        lazy.compute(scheduler="synchronous"), weighted_sum(matrix, weights, list(benefit))
    )


def test_bad_input() -> None:
    with pytest.raises(InputError, match="'weights' has 1 values but the matrix has 2"):
        weighted_sum([[1, 2]], [1.0], [True, True])
    with pytest.raises(InputError, match="'benefit'"):
        weighted_sum([[1, 2]], [0.5, 0.5], ["yes", "no"])
    with pytest.raises(InputError, match="normalization"):
        weighted_sum([[1, 2]], [0.5, 0.5], True, normalization="zscore")
    with pytest.raises(InputError, match=r"weights.*NaN"):
        weighted_sum([[1, 2]], [0.5, np.nan], True)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    factor=st.floats(1e-3, 1e3),
    normalization=st.sampled_from(["vector", "minmax", "max", "sum"]),
)
def test_units_of_a_criterion_do_not_matter(seed: int, factor: float, normalization: str) -> None:
    """Measuring a criterion in other units (m² vs ha) leaves every normalised score unchanged."""
    matrix, weights, benefit = random_problem(seed, 20, 4)
    rescaled = matrix.copy()
    rescaled[:, 1] *= factor
    np.testing.assert_allclose(
        weighted_sum(rescaled, weights, list(benefit), normalization=normalization),
        weighted_sum(matrix, weights, list(benefit), normalization=normalization),
        rtol=1e-9,
        atol=1e-12,
    )
