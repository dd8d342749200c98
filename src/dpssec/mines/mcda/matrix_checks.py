"""Rules between the parameters of the multi-criteria methods (after the specs have run).

The input vocabulary (:mod:`dpssec.boundary`) has already refused text, booleans, NaN,
infinities, negative weights and a matrix that is not 2-D. What is left depends on several
parameters at once and is checked here, once per call on the whole matrix (vectorised): the
signs a normalisation needs, the strictly positive cost columns of "sum", one weight and one
benefit flag per criterion, and weights that sum to 1. Messages name the parameter and, for a
matrix, the row (alternative) and column (criterion) of the first bad value.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.boundary import is_lazy
from dpssec.errors import InputError
from dpssec.mines.mcda.column_kernels import column_max, column_min

__all__ = [
    "WEIGHT_SUM_TOLERANCE",
    "check_benefit",
    "check_matrix",
    "check_weights",
]

WEIGHT_SUM_TOLERANCE = 1e-6
"""How far a weight vector's sum may stray from 1 before it is refused (rounding slack)."""


def _locate(mask: np.ndarray) -> tuple[int, int, int]:
    """Number of True cells and the (row, column) of the first one in row-major order."""
    count = int(np.count_nonzero(mask))
    row, column = np.unravel_index(int(np.argmax(mask)), mask.shape)
    return count, int(row), int(column)


def _refuse_cells(arr: np.ndarray, mask: np.ndarray, name: str, reason: str) -> None:
    count, row, column = _locate(mask)
    if count:
        raise InputError(
            f"parameter {name!r}: {count} of {arr.size} values {reason} "
            f"(first at row {row}, column {column}: {float(arr[row, column])!r})"
        )


_NEGATIVE = "are negative (this normalisation needs values >= 0)"
_COST = (
    "are zero or negative in a column that must be > 0 "
    "(a cost criterion under sum normalisation takes reciprocals)"
)


def check_matrix(
    x: Any,
    name: str = "matrix",
    *,
    nonnegative: bool = False,
    positive_columns: np.ndarray | None = None,
) -> tuple[Any, Any, Any]:
    """Check a converted decision matrix; return ``(matrix, column_minima, column_maxima)``.

    The column range is what the check computes anyway; scoring kernels reuse it. For a
    lazy (dask) matrix the checks run when it is computed and the range is ``None``.

    Raises
    ------
    InputError
        An empty matrix; negative values where ``nonnegative``; values <= 0 in
        ``positive_columns``. The message names the row and column of the first bad value.
    """
    if 0 in x.shape:
        raise InputError(f"parameter {name!r} is empty (shape {x.shape})")
    if is_lazy(x):

        def check(block: np.ndarray) -> np.ndarray:
            if nonnegative:
                _refuse_cells(block, block < 0, name, _NEGATIVE)
            if positive_columns is not None:
                _refuse_cells(block, positive_columns & (block <= 0), name, _COST)
            return block

        return x.map_blocks(check, dtype=float), None, None
    low = column_min(x)
    high = column_max(x)
    if nonnegative and bool(np.any(low < 0)):
        _refuse_cells(x, x < 0, name, _NEGATIVE)
    if positive_columns is not None and bool(np.any(low[positive_columns] <= 0)):
        _refuse_cells(x, positive_columns & (x <= 0), name, _COST)
    return x, low, high


def check_benefit(benefit: Any, criteria: int) -> np.ndarray:
    """``benefit`` (already True/False or an array of them) as one flag per criterion."""
    if np.ndim(benefit) == 0:
        return np.full(criteria, bool(benefit))
    flags = np.asarray(benefit, dtype=bool)
    if flags.shape[0] != criteria:
        raise InputError(
            f"parameter 'benefit' has {flags.shape[0]} values but the matrix has {criteria} "
            "criteria"
        )
    return flags


def check_weights(weights: Any, criteria: int, *, normalize_weights: bool = False) -> np.ndarray:
    """Return converted ``weights`` (>= 0) as one weight per criterion that sums to 1.

    Parameters
    ----------
    weights : float or ndarray
        One non-negative weight per criterion (checked by the spec).
    criteria : int
        Number of criteria (matrix columns).
    normalize_weights : bool
        ``False`` (default): weights must already sum to 1 (within
        :data:`WEIGHT_SUM_TOLERANCE`), otherwise :class:`InputError`. ``True``: divide them by
        their sum (which must be positive).

    Raises
    ------
    InputError
        Wrong length, a zero sum, or a sum other than 1 when normalisation was not asked for.
    """
    arr = np.atleast_1d(np.asarray(weights, dtype=float))
    if arr.shape[0] != criteria:
        raise InputError(
            f"parameter 'weights' has {arr.shape[0]} values but the matrix has {criteria} criteria"
        )
    total = float(np.sum(arr))
    if not np.isfinite(total):
        raise InputError("parameter 'weights': their sum overflows; give weights on a usual scale")
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
    return arr
