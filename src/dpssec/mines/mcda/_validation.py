"""Boundary checks shared by the multi-criteria methods (decision matrix, weights, benefit).

The checks run once per call on the whole matrix (vectorised), so a table of a million
hazardous areas costs one pass; messages name the parameter and, for a decision matrix, the
row (alternative) and column (criterion) of the first bad value.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec._checks import as_array, is_lazy
from dpssec.errors import InputError
from dpssec.mines.mcda._columns import column_max, column_min

__all__ = [
    "WEIGHT_SUM_TOLERANCE",
    "check_benefit",
    "check_decision_matrix",
    "check_decision_matrix_range",
    "check_weights",
]

WEIGHT_SUM_TOLERANCE = 1e-6
"""How far a weight vector's sum may stray from 1 before it is refused (rounding slack)."""


def _locate(mask: np.ndarray) -> tuple[int, int, int]:
    """Number of True cells and the (row, column) of the first one in row-major order."""
    count = int(np.count_nonzero(mask))
    row, column = np.unravel_index(int(np.argmax(mask)), mask.shape)
    return count, int(row), int(column)


def check_decision_matrix(
    matrix: Any,
    name: str = "matrix",
    *,
    nonnegative: bool = False,
    positive_columns: np.ndarray | None = None,
) -> Any:
    """Return ``matrix`` as a 2-D float array (alternatives x criteria) after checking it.

    See :func:`check_decision_matrix_range`, which also returns the column minima and maxima.
    """
    arr, _, _ = check_decision_matrix_range(
        matrix, name, nonnegative=nonnegative, positive_columns=positive_columns
    )
    return arr


def check_decision_matrix_range(
    matrix: Any,
    name: str = "matrix",
    *,
    nonnegative: bool = False,
    positive_columns: np.ndarray | None = None,
) -> tuple[Any, Any, Any]:
    """Check a decision matrix; return ``(array, column_minima, column_maxima)``.

    The column range is what the check computes anyway; scoring kernels reuse it. For a
    lazy (dask) matrix the range is ``None`` (nothing is computed here).

    Parameters
    ----------
    matrix : array-like, shape (alternatives, criteria)
        Decision matrix; a pandas DataFrame, nested lists, an ndarray or a dask array.
    name : str
        Parameter name for messages.
    nonnegative : bool
        Refuse negative values.
    positive_columns : ndarray of bool, optional
        Columns that must be strictly positive (cost criteria under sum normalisation).

    Raises
    ------
    InputError
        Wrong shape, non-numeric, NaN or infinite values, or values of the wrong sign, naming
        the row and column of the first bad value.
    """
    if is_lazy(matrix):
        if matrix.ndim != 2:
            raise InputError(
                f"parameter {name!r} must be 2-D (alternatives x criteria); got shape {matrix.shape}"
            )
        arr = as_array(matrix, name, nonnegative=nonnegative)
        if positive_columns is not None and bool(np.any(positive_columns)):
            # Checked lazily: cells of the other columns are replaced by 1 for the check only.
            probe = as_array(np.where(positive_columns, arr, 1.0), name, positive=True)
            arr = np.where(positive_columns, probe, arr)
        return arr, None, None
    try:
        arr = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InputError(f"parameter {name!r} must be a numeric table; {exc}") from None
    if arr.ndim != 2:
        raise InputError(
            f"parameter {name!r} must be 2-D (one row per alternative, one column per "
            f"criterion); got shape {arr.shape}"
        )
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise InputError(f"parameter {name!r} is empty (shape {arr.shape})")
    # Fast path: column minima and maxima (NaN propagates) decide whether anything is wrong;
    # the full cell masks that locate the first bad value are built only when it is.
    low = column_min(arr)
    high = column_max(arr)
    finite = bool(np.all(np.isfinite(low)) and np.all(np.isfinite(high)))
    sign_ok = not nonnegative or bool(np.all(low >= 0))
    positive_ok = positive_columns is None or bool(np.all(low[positive_columns] > 0))
    if finite and sign_ok and positive_ok:
        return arr, low, high
    checks: list[tuple[np.ndarray, str]] = [(~np.isfinite(arr), "are NaN or infinite")]
    if nonnegative:
        checks.append((arr < 0, "are negative"))
    if positive_columns is not None:
        checks.append(
            (
                positive_columns & (arr <= 0),
                "are zero or negative in a column that must be > 0 "
                "(a cost criterion under sum normalisation takes reciprocals)",
            )
        )
    for mask, reason in checks:
        count, row, column = _locate(mask)
        if count:
            raise InputError(
                f"parameter {name!r}: {count} of {arr.size} values {reason} "
                f"(first at row {row}, criterion {column}: {float(arr[row, column]):g})"
            )
    raise AssertionError("unreachable: a failed fast check always has a located cell")


def check_benefit(benefit: Any, criteria: int) -> np.ndarray:
    """Return ``benefit`` as a bool array of length ``criteria`` (True = larger is better).

    A single bool applies to every criterion. Integers are refused: pymcdm-style types
    ``[1, -1]`` would otherwise read as ``[True, True]`` and silently turn a cost into a benefit.
    """
    if isinstance(benefit, bool | np.bool_):
        return np.full(criteria, bool(benefit))
    values = list(np.asarray(benefit, dtype=object).ravel()) if np.ndim(benefit) else [benefit]
    bad = [i for i, v in enumerate(values) if not isinstance(v, bool | np.bool_)]
    if bad:
        first = values[bad[0]]
        shown = f"{float(first):g}" if isinstance(first, int | float | np.number) else repr(first)
        raise InputError(
            f"parameter 'benefit' must hold one bool per criterion (True = larger is better, "
            f"False = cost); value {bad[0]} is {shown}. For pymcdm-style types "
            f"write [t == 1 for t in types]."
        )
    if len(values) != criteria:
        raise InputError(
            f"parameter 'benefit' has {len(values)} values but the matrix has {criteria} criteria"
        )
    return np.array([bool(v) for v in values])


def check_weights(weights: Any, criteria: int, *, normalize_weights: bool = False) -> np.ndarray:
    """Return ``weights`` as a float array of length ``criteria`` that sums to 1.

    Parameters
    ----------
    weights : array-like
        One non-negative weight per criterion.
    criteria : int
        Number of criteria (matrix columns).
    normalize_weights : bool
        ``False`` (default): weights must already sum to 1 (within
        :data:`WEIGHT_SUM_TOLERANCE`), otherwise :class:`InputError`. ``True``: divide them by
        their sum (they must still be non-negative with a positive sum).

    Raises
    ------
    InputError
        Wrong length, negative or non-finite weights, a zero sum, or a sum other than 1 when
        normalisation was not asked for.
    """
    arr = as_array(weights, "weights", nonnegative=True)
    if arr.ndim != 1:
        arr = np.atleast_1d(arr)
        if arr.ndim != 1:
            raise InputError(f"parameter 'weights' must be 1-D; got shape {arr.shape}")
    if arr.shape[0] != criteria:
        raise InputError(
            f"parameter 'weights' has {arr.shape[0]} values but the matrix has {criteria} criteria"
        )
    total = float(np.sum(arr))
    if total <= 0:
        raise InputError("parameter 'weights': all weights are zero; at least one must be > 0")
    if normalize_weights:
        normalized: np.ndarray = arr / total
        return normalized
    if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        raise InputError(
            f"parameter 'weights' must sum to 1; they sum to {total:.10g}. Pass "
            f"normalize_weights=True to divide them by their sum."
        )
    checked: np.ndarray = arr
    return checked
