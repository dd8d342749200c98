"""Normalisation of a decision matrix, column by column, with benefit and cost criteria.

Multi-criteria scores depend on how each criterion is put on a common scale, and the
choice can flip a ranking (TOPSIS under vector versus min-max normalisation in the reference
example of Opricovic & Tzeng 2004), so dpssec never picks one silently: every method takes
``normalization`` explicitly, with a documented default.

Names (``x`` a column, ``r`` its normalised value; a *cost* criterion is one where smaller is
better):

========== ============================== =============================================
name       benefit criterion              cost criterion
========== ============================== =============================================
"vector"   ``x / sqrt(sum x²)``           ``1 - x / sqrt(sum x²)``
"minmax"   ``(x - min) / (max - min)``    ``(max - x) / (max - min)``
"max"      ``x / max``                    ``1 - x / max``
"sum"      ``x / sum x``                  ``(1/x) / sum(1/x)`` (values must be > 0)
"none"     ``x`` (already scaled)         ``-x``
========== ============================== =============================================

These are the conventions of pymcdm 1.4 (``pymcdm.normalizations``) for the first four. For
TOPSIS the reversed cost columns of "vector" and the negated ones of "none" give exactly the
classic Hwang & Yoon result (ideal = column minimum for a cost criterion), because reversing a
column is an affine map that keeps distances.

Degenerate columns carry no information and get a constant instead of NaN: a constant column
under "minmax" gives 1 (as pymcdm does); an all-zero column under "vector", "max" or "sum"
gives 0 for a benefit criterion and 1 for a cost criterion ("vector", "max").

For example:

>>> from dpssec.mines.mcda import normalize_criteria
>>> normalize_criteria([[1, 10], [3, 30]], [True, False], normalization="minmax")
array([[0., 1.],
       [1., 0.]])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.boundary import Choice, Flags, Number, calculator
from dpssec.mines.mcda.column_kernels import (
    column_max,
    column_min,
    column_sum,
    column_sum_of_squares,
)
from dpssec.mines.mcda.matrix_checks import check_benefit, check_matrix, check_weights
from dpssec.references import Reference

__all__ = [
    "BENEFIT",
    "DECISION_MATRIX",
    "NORMALIZATIONS",
    "NORMALIZATION_REFERENCE",
    "WEIGHTS",
    "normalize_criteria",
]

DECISION_MATRIX = Number(ndim=(2,), aligned=False)
"""A decision matrix: rows are alternatives (hazardous areas), columns criteria; a 2-D array,
nested lists, a DataFrame or a dask array of real numbers (NaN and infinities refused)."""

WEIGHTS = Number(lower=0, ndim=(0, 1), aligned=False)
"""Criterion weights: one number >= 0 per criterion."""

BENEFIT = Flags(hint="For pymcdm-style types write [t == 1 for t in types].")
"""Benefit flags: True (larger is better) or False (a cost), one per criterion or one for all;
integers are refused, so that pymcdm's ``[1, -1]`` cannot turn a cost into a benefit."""

NORMALIZATIONS: tuple[str, ...] = ("vector", "minmax", "max", "sum", "none")
"""Accepted ``normalization`` names (see the module table)."""

NORMALIZATION = Choice(NORMALIZATIONS, aliases={"min-max": "minmax"})
"""The ``normalization`` option of every method (any case; ``"min-max"`` accepted)."""

NORMALIZATION_REFERENCE = Reference(
    "pymcdm",
    "1.4.0",
    "pymcdm.normalizations (minmax, max, sum, vector; cost handling)",
    url="https://github.com/kotbaton/pymcdm",
)
"""Where the cost-criterion conventions of the normalisations are read (the reference §1.5)."""


def _safe(denominator: Any) -> Any:
    """Replace zero denominators by 1 (the column is constant zero; see the module notes)."""
    return np.where(denominator == 0, 1.0, denominator)


def column_scaling(
    x: Any,
    benefit: np.ndarray,
    normalization: str,
    *,
    low: Any = None,
    high: Any = None,
) -> tuple[Any, Any, Any]:
    """Write a normalisation as ``normalized = values * scale + offset``, column by column.

    ``values`` is ``x`` itself except under "sum", where cost columns hold ``1/x``; every
    other normalisation is an affine map of each column. Scoring kernels use the affine form
    directly, so that a million-row matrix is never normalised into a full-size temporary.
    Works on numpy and dask arrays (checked input). ``low`` and ``high``, the column minima
    and maxima of ``x`` if already known, save a pass over the data.
    """
    low = column_min(x) if low is None and normalization == "minmax" else low
    high = column_max(x) if high is None and normalization in ("minmax", "max") else high
    if normalization == "sum":
        # Reciprocal only in cost columns (already checked > 0), so no division by zero.
        values = np.where(benefit, x, 1.0 / np.where(benefit, 1.0, x)) if not np.all(benefit) else x
        return values, 1.0 / _safe(column_sum(values)), np.zeros(benefit.shape)
    sign = np.where(benefit, 1.0, -1.0)
    flip = np.where(benefit, 0.0, 1.0)
    if normalization == "vector":
        return x, sign / _safe(np.sqrt(column_sum_of_squares(x))), flip
    if normalization == "max":
        return x, sign / _safe(high), flip
    if normalization == "minmax":
        span = high - low
        constant = span == 0
        scale = np.where(constant, 0.0, sign / _safe(span))
        # benefit: (x - low)/span; cost: (high - x)/span; constant column: 1 (as pymcdm).
        offset = np.where(constant, 1.0, np.where(benefit, -low, high) / _safe(span))
        return x, scale, offset
    if normalization == "none":
        return x, sign, np.zeros(benefit.shape)
    raise AssertionError(normalization)  # pragma: no cover - checked by the callers


def normalize_kernel(x: Any, benefit: np.ndarray, normalization: str) -> Any:
    """Normalise the columns of ``x`` (already checked); works on numpy and dask arrays.

    Written out column formula by column formula (not through :func:`column_scaling`), so
    that min-max values are exactly 0 and 1 at the extremes.
    """
    if normalization == "minmax":
        low = column_min(x)
        high = column_max(x)
        span = high - low
        return np.where(span == 0, 1.0, np.where(benefit, x - low, high - x) / _safe(span))
    values, scale, _ = column_scaling(x, benefit, normalization)
    if normalization == "sum":
        return values * scale
    if normalization == "none":
        return np.where(benefit, x, -x)
    ratio = x * np.abs(scale)
    return np.where(benefit, ratio, 1.0 - ratio)


def prepare(x: Any, benefit: Any, normalization: str) -> tuple[Any, np.ndarray, Any, Any]:
    """Check converted ``matrix`` and ``benefit`` together for ``normalization``.

    Returns ``(matrix, benefit, column_minima, column_maxima)``; the range is ``None`` for a
    lazy matrix.
    """
    benefit_arr = check_benefit(benefit, x.shape[1])
    arr, low, high = check_matrix(
        x,
        nonnegative=normalization in ("vector", "max", "sum"),
        positive_columns=~benefit_arr if normalization == "sum" else None,
    )
    return arr, benefit_arr, low, high


def prepare_weighted(
    x: Any, weights: Any, benefit: Any, normalization: str, *, normalize_weights: bool
) -> tuple[Any, np.ndarray, np.ndarray, Any, Any]:
    """:func:`prepare` plus :func:`check_weights`: the rules of the weighted scoring methods.

    Returns ``(matrix, weights, benefit, column_minima, column_maxima)``.
    """
    arr, benefit_arr, low, high = prepare(x, benefit, normalization)
    w = check_weights(weights, benefit_arr.shape[0], normalize_weights=normalize_weights)
    return arr, w, benefit_arr, low, high


@calculator(
    elementwise=False,
    nan_policies=("raise",),
    matrix=DECISION_MATRIX,
    benefit=BENEFIT,
    normalization=NORMALIZATION,
    example={"matrix": [[1, 3000], [2, 3750], [5, 4500]], "benefit": [False, True]},
)
def normalize_criteria(
    matrix: Any, benefit: Any, *, normalization: str = "minmax", nan_policy: str = "raise"
) -> Any:
    """Put every criterion of a decision matrix on a common scale.

    Parameters
    ----------
    matrix : array-like, shape (alternatives, criteria)
        Raw criterion values, one row per alternative (hazardous area), one column per
        criterion. Must be >= 0 for "vector", "max" and "sum".
    benefit : bool or sequence of bool
        One flag per criterion: True when larger is better (benefit), False when smaller is
        better (cost). A single bool applies to every criterion.
    normalization : {"minmax", "vector", "max", "sum", "none"}
        See the module table. Default "minmax".
    nan_policy : {"raise"}
        A missing value is refused: it would change the scale of its whole column. Fill it,
        or drop the alternative first (:func:`~dpssec.mines.prioritisation.prioritise` offers
        ``nan_policy="omit"``).

    Returns
    -------
    ndarray, shape (alternatives, criteria)
        Normalised values; larger is better in every column.

    Raises
    ------
    InputError
        Unknown normalisation, a matrix that is not 2-D, NaN or infinite values, negative
        values where the normalisation needs them >= 0, a zero or negative value in a cost
        column under "sum", or a ``benefit`` of the wrong length or type.

    Notes
    -----
    Cost-criterion conventions as in pymcdm 1.4 (reference ``mines.md`` §1.5).

    Examples
    --------
    >>> from dpssec.mines.mcda import normalize_criteria
    >>> normalize_criteria([[1, 3000], [2, 3750], [5, 4500]], [False, True],
    ...                    normalization="sum").round(4)
    array([[0.5882, 0.2667],
           [0.2941, 0.3333],
           [0.1176, 0.4   ]])
    """
    arr, benefit_arr, _, _ = prepare(matrix, benefit, normalization)
    return normalize_kernel(arr, benefit_arr, normalization)
