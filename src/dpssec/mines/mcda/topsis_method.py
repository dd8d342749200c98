"""TOPSIS: closeness of each alternative to the ideal and anti-ideal solutions.

For example:

>>> from dpssec.mines.mcda import topsis
>>> topsis([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], [0.3, 0.4, 0.3], True).round(4)
array([0.5037, 0.6581, 0.7482, 0.334 ])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.mines.mcda._columns import column_max, column_min, row_distances
from dpssec.mines.mcda._validation import check_weights
from dpssec.mines.mcda.normalization import column_scaling, prepare
from dpssec.references import Reference

__all__ = ["TOPSIS_REFERENCE", "topsis"]

TOPSIS_REFERENCE = Reference(
    "Hwang & Yoon, Multiple Attribute Decision Making",
    "Springer 1981",
    "TOPSIS",
)
"""The method's source (formulas as in the reference ``mines.md`` §1.5)."""


def topsis_kernel(
    x: Any,
    weights: np.ndarray,
    benefit: np.ndarray,
    normalization: str,
    *,
    low: Any = None,
    high: Any = None,
) -> Any:
    """Closeness coefficients of checked inputs; numpy or dask, no per-row Python.

    ``low`` and ``high`` are the column minima and maxima of ``x`` if already known.
    """
    values, scale, _ = column_scaling(x, benefit, normalization, low=low, high=high)
    # Weighted normalised value v_ij = a_j * values_ij + b_j with a_j = w_j * scale_j. After
    # normalisation larger is better everywhere, so the ideal is the column max of v, reached
    # at the column max of the values where a_j >= 0 and at their min where a_j < 0.
    slope = weights * scale
    if normalization == "sum" or low is None or high is None:  # "sum": values are not x
        low = column_min(values)
        high = column_max(values)
    rising = slope >= 0
    to_ideal, to_anti_ideal = row_distances(
        values, slope, np.where(rising, high, low), np.where(rising, low, high)
    )
    total = to_ideal + to_anti_ideal
    # total == 0 only when every alternative is identical on every weighted criterion:
    # they tie, and 0.5 (halfway) says so without a NaN.
    return np.where(total > 0, to_anti_ideal / np.where(total > 0, total, 1.0), 0.5)


def topsis(
    matrix: Any,
    weights: Any,
    benefit: Any,
    *,
    normalization: str = "vector",
    normalize_weights: bool = False,
) -> Any:
    """Rank alternatives by their relative closeness to the ideal solution (TOPSIS).

    Parameters
    ----------
    matrix : array-like, shape (alternatives, criteria)
        Criterion values, one row per alternative (e.g. hazardous area), one column per
        criterion; a DataFrame, nested lists, an ndarray or a dask array (kept lazy).
    weights : array-like, shape (criteria,)
        Non-negative criterion weights summing to 1 (see ``normalize_weights``).
    benefit : bool or sequence of bool
        One flag per criterion: True when larger is better, False for a cost criterion (smaller
        is better). A single bool applies to every criterion.
    normalization : {"vector", "minmax", "max", "sum", "none"}
        How each criterion is scaled before weighting. Default "vector", the classic method of
        Hwang & Yoon. pymcdm defaults to "minmax", which can change the ranking.
    normalize_weights : bool
        If True, divide the weights by their sum; if False (default), weights that do not sum
        to 1 are an error, so that a typing mistake is not silently rescaled.

    Returns
    -------
    ndarray, shape (alternatives,)
        Closeness coefficients ``C`` in [0, 1]; larger is better (rank them with :func:`rank`).

    Raises
    ------
    InputError
        Bad matrix, weights or benefit flags, or an unknown normalisation (the message names
        the parameter and the first bad row and criterion).

    Notes
    -----
    With ``n_ij`` the normalised values (cost criteria reversed, so larger is better
    everywhere; see :mod:`dpssec.mines.mcda.normalization`):

    ``v_ij = w_j n_ij``; ``A+_j = max_i v_ij``; ``A-_j = min_i v_ij``;
    ``D+_i = ||v_i - A+||``, ``D-_i = ||v_i - A-||``; ``C_i = D-_i / (D+_i + D-_i)``.

    For "vector" (and "none") this equals the classic formulation, which keeps the cost
    columns as they are and takes their minimum as the ideal. If every alternative is
    identical on every weighted criterion, all closeness values are 0.5 (a tie).

    References
    ----------
    Hwang, C. L. & Yoon, K. (1981), *Multiple Attribute Decision Making*, Springer.
    Reference ``mines.md`` §1.5 and §4.3 vectors 4-6.

    Examples
    --------
    Opricovic & Tzeng (2004): criterion 1 is a cost, criterion 2 a benefit. The two
    normalisations rank the alternatives differently:

    >>> from dpssec.mines.mcda import topsis
    >>> x = [[1, 3000], [2, 3750], [5, 4500]]
    >>> topsis(x, [0.5, 0.5], [False, True]).round(3)
    array([0.762, 0.722, 0.238])
    >>> topsis(x, [0.5, 0.5], [False, True], normalization="minmax").round(3)
    array([0.5  , 0.617, 0.5  ])
    """
    arr, benefit_arr, low, high = prepare(matrix, benefit, normalization)
    w = check_weights(weights, benefit_arr.shape[0], normalize_weights=normalize_weights)
    return topsis_kernel(arr, w, benefit_arr, normalization, low=low, high=high)
