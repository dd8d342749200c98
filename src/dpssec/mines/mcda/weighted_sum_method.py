"""Weighted sum model (WSM, simple additive weighting) on normalised criteria.

For example:

>>> from dpssec.mines.mcda import weighted_sum
>>> weighted_sum([[0, 10], [5, 0], [10, 5]], [0.5, 0.5], [True, False]).round(3)
array([0.  , 0.75, 0.75])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.boundary import Flag, calculator
from dpssec.mines.mcda.normalization import (
    BENEFIT,
    DECISION_MATRIX,
    NORMALIZATION,
    WEIGHTS,
    column_scaling,
    prepare_weighted,
)
from dpssec.references import Reference

__all__ = ["WEIGHTED_SUM_REFERENCE", "weighted_sum"]

WEIGHTED_SUM_REFERENCE = Reference(
    "Hwang & Yoon, Multiple Attribute Decision Making",
    "Springer 1981",
    "simple additive weighting (SAW)",
)
"""The method's classic source (formula as in the reference ``mines.md`` §1.5)."""


def weighted_sum_kernel(
    x: Any,
    weights: np.ndarray,
    benefit: np.ndarray,
    normalization: str,
    *,
    low: Any = None,
    high: Any = None,
) -> Any:
    """Weighted sums of checked inputs; numpy or dask, no per-row Python.

    ``low`` and ``high`` are the column minima and maxima of ``x`` if already known.
    """
    values, scale, offset = column_scaling(x, benefit, normalization, low=low, high=high)
    # sum_j w_j (values_ij scale_j + offset_j): one matrix-vector product.
    return values @ (weights * scale) + np.sum(weights * offset)


@calculator(
    elementwise=False,
    nan_policies=("raise",),
    matrix=DECISION_MATRIX,
    weights=WEIGHTS,
    benefit=BENEFIT,
    normalization=NORMALIZATION,
    normalize_weights=Flag(),
    example={
        "matrix": [[0, 10], [5, 0], [10, 5]],
        "weights": [0.5, 0.5],
        "benefit": [True, False],
    },
)
def weighted_sum(
    matrix: Any,
    weights: Any,
    benefit: Any,
    *,
    normalization: str = "minmax",
    normalize_weights: bool = False,
    nan_policy: str = "raise",
) -> Any:
    """Score alternatives by the weighted sum of their normalised criteria.

    Parameters
    ----------
    matrix : array-like, shape (alternatives, criteria)
        Criterion values, one row per alternative, one column per criterion.
    weights : array-like, shape (criteria,)
        Non-negative weights summing to 1 (see ``normalize_weights``).
    benefit : bool or sequence of bool
        One flag per criterion: True when larger is better, False for a cost criterion.
    normalization : {"minmax", "vector", "max", "sum", "none"}
        How each criterion is scaled (cost criteria reversed for "minmax", "max" and "vector",
        reciprocal for "sum", negated for "none"). Default "minmax", so that every
        criterion spans [0, 1] and the score lies in [0, 1]. pymcdm's WSM defaults to "sum".
    normalize_weights : bool
        If True, divide the weights by their sum; if False (default), weights that do not sum
        to 1 are an error.
    nan_policy : {"raise"}
        A missing value is refused (it would change the scale of its column); fill it or drop
        the alternative first (``prioritise(..., nan_policy="omit")`` does the latter).

    Returns
    -------
    ndarray, shape (alternatives,)
        ``S_i = sum_j w_j n_ij``; larger is better. The contribution of criterion ``j`` to
        alternative ``i`` is ``w_j n_ij`` (``weights * normalize_criteria(...)``), which
        explains a score line by line.

    Raises
    ------
    InputError
        Bad matrix, weights or benefit flags, or an unknown normalisation.

    References
    ----------
    Reference ``mines.md`` §1.5 (weighted sum) and §4.3 vector 7 (pymcdm's WSM test).

    Examples
    --------
    The pymcdm WSM test, whose weights (8, 5, 6, 7)/13 sum to 2, so they must be rescaled
    explicitly (which does not change the ranking):

    >>> from dpssec.mines.mcda import weighted_sum
    >>> x = [[96, 83, 75, 7], [63, 5, 56, 9], [72, 30, 32, 48], [11, 4, 27, 9], [77, 21, 17, 11]]
    >>> w = [8 / 13, 5 / 13, 6 / 13, 7 / 13]
    >>> s = weighted_sum(x, w, [True, True, False, False], normalization="sum",
    ...                  normalize_weights=True)
    >>> (2 * s).round(3)
    array([0.609, 0.313, 0.334, 0.265, 0.479])
    """
    arr, w, benefit_arr, low, high = prepare_weighted(
        matrix, weights, benefit, normalization, normalize_weights=normalize_weights
    )
    return weighted_sum_kernel(arr, w, benefit_arr, normalization, low=low, high=high)
