"""Normalisations with benefit and cost criteria (dpssec.mines.mcda.normalization).

Each normalisation is checked against its formula (mines.md §1.5, pymcdm 1.4 conventions) and
against ``pymcdm.normalizations`` column by column.
"""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.mines.mcda import NORMALIZATIONS, normalize_criteria

MATRIX = np.array([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]])
BENEFIT = [False, True]


def test_formulas() -> None:
    x1, x2 = MATRIX[:, 0], MATRIX[:, 1]
    expected = {
        "vector": [1 - x1 / np.sqrt((x1**2).sum()), x2 / np.sqrt((x2**2).sum())],
        "minmax": [
            (x1.max() - x1) / (x1.max() - x1.min()),
            (x2 - x2.min()) / (x2.max() - x2.min()),
        ],
        "max": [1 - x1 / x1.max(), x2 / x2.max()],
        "sum": [(1 / x1) / (1 / x1).sum(), x2 / x2.sum()],
        "none": [-x1, x2],
    }
    for name, columns in expected.items():
        np.testing.assert_allclose(
            normalize_criteria(MATRIX, BENEFIT, normalization=name),
            np.column_stack(columns),
            rtol=1e-14,
        )


@pytest.mark.parametrize("name", ["vector", "minmax", "max", "sum"])
def test_agrees_with_pymcdm(name: str) -> None:
    from pymcdm import normalizations

    function = getattr(normalizations, f"{name}_normalization")
    rng = np.random.default_rng(7)
    matrix = rng.uniform(0.1, 50, size=(25, 6))
    benefit = [True, False, True, False, False, True]
    ours = normalize_criteria(matrix, benefit, normalization=name)
    for j, is_benefit in enumerate(benefit):
        np.testing.assert_allclose(ours[:, j], function(matrix[:, j], not is_benefit), rtol=1e-13)


def test_default_is_minmax_and_larger_is_better() -> None:
    result = normalize_criteria(MATRIX, BENEFIT)
    np.testing.assert_allclose(result, normalize_criteria(MATRIX, BENEFIT, normalization="minmax"))
    assert result[:, 0].argmax() == 0  # smallest cost is best


def test_degenerate_columns_give_constants_not_nan() -> None:
    matrix = np.array([[0.0, 4.0, 1.0], [0.0, 4.0, 2.0]])
    for name in ("vector", "minmax", "max", "sum"):
        benefit = [True, True, True] if name == "sum" else [True, False, True]
        result = normalize_criteria(matrix, benefit, normalization=name)
        assert np.all(np.isfinite(result)), name
        assert result[0, 0] == result[1, 0]
        assert result[0, 1] == result[1, 1]
    assert normalize_criteria(matrix, [True, False, True])[:, :2].tolist() == [[1, 1], [1, 1]]
    assert normalize_criteria(matrix, [True, False, True], normalization="max")[:, 0].tolist() == [
        0,
        0,
    ]
    assert normalize_criteria(matrix, [False, False, True], normalization="vector")[
        :, 0
    ].tolist() == [1, 1]


def test_names() -> None:
    assert set(NORMALIZATIONS) == {"vector", "minmax", "max", "sum", "none"}


def test_bad_input() -> None:
    with pytest.raises(InputError, match="'normalization': 'vectorial' is not one of"):
        normalize_criteria(MATRIX, BENEFIT, normalization="vectorial")
    # one parser for every choice: any case, '-' or '_' alike
    np.testing.assert_array_equal(
        normalize_criteria(MATRIX, BENEFIT, normalization="Min-Max"),
        normalize_criteria(MATRIX, BENEFIT, normalization="minmax"),
    )
    with pytest.raises(InputError, match="2-D"):
        normalize_criteria(np.zeros((2, 2, 2)), True)
    with pytest.raises(InputError, match="'benefit' has 1 values"):
        normalize_criteria(MATRIX, [True])
    with pytest.raises(InputError, match=r"infinite.*row 2, column 1"):
        normalize_criteria([[1, 1], [1, 1], [1, np.inf]], True)
    with pytest.raises(InputError, match="must be numbers; got text 'a'"):
        normalize_criteria([["a", "b"]], True)
