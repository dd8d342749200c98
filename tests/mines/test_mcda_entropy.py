"""Entropy weights (dpssec.mines.mcda.entropy).

mines.md §4.3 vector 8 (Elsayed et al. 2017 matrix from pymcdm's tests) and pymcdm 1.4's
``entropy_weights`` as the oracle on strictly positive matrices (where the methods coincide).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.mines.mcda import entropy_weights
from tests.mines.conftest import MCDA_VECTORS as VECTORS


def test_elsayed_vector() -> None:
    data = VECTORS["entropy_elsayed"]
    np.testing.assert_allclose(entropy_weights(data["matrix"]), data["weights"], atol=5e-7)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), alternatives=st.integers(2, 40), criteria=st.integers(1, 8))
def test_agrees_with_pymcdm_on_positive_matrices(
    seed: int, alternatives: int, criteria: int
) -> None:
    from pymcdm.weights import entropy_weights as oracle

    matrix = np.random.default_rng(seed).uniform(0.01, 100, size=(alternatives, criteria))
    weights = entropy_weights(matrix)
    np.testing.assert_allclose(weights, oracle(matrix), rtol=1e-10, atol=1e-13)
    assert weights.sum() == pytest.approx(1.0)
    assert np.all(weights >= 0)


def test_zero_cells_use_the_limit_zero_log_zero() -> None:
    matrix = np.array([[0.0, 1.0], [1.0, 2.0], [1.0, 3.0]])
    p = matrix / matrix.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.nan_to_num(p * np.log(p))
    entropy = -plogp.sum(axis=0) / np.log(3)
    np.testing.assert_allclose(entropy_weights(matrix), (1 - entropy) / (1 - entropy).sum())


def test_constant_column_gets_zero_weight() -> None:
    weights = entropy_weights([[5, 1], [5, 7], [5, 3]])
    assert weights[0] == pytest.approx(0.0, abs=1e-12)
    assert weights[1] == pytest.approx(1.0)


def test_bad_input() -> None:
    with pytest.raises(InputError, match="at least two alternatives"):
        entropy_weights([[1, 2]])
    with pytest.raises(InputError, match=r"zero for every alternative.*criterion 1"):
        entropy_weights([[1, 0], [2, 0]])
    with pytest.raises(InputError, match="no criterion varies"):
        entropy_weights([[1, 2], [1, 2]])
    with pytest.raises(InputError, match=r"negative.*row 1, column 0"):
        entropy_weights([[1, 2], [-1, 2]])


def test_dask_matrix_is_computed() -> None:
    da = pytest.importorskip("dask.array")
    data = VECTORS["entropy_elsayed"]
    lazy = da.from_array(np.array(data["matrix"]), chunks=(5, 5))
    np.testing.assert_allclose(entropy_weights(lazy), entropy_weights(data["matrix"]))
