"""Fast column statistics and row distances for tall decision matrices (kernels only).

A decision matrix for a national programme is tall and narrow (a million areas x 8
criteria). numpy reduces such a C-ordered array along axis 0 with an inner loop only as long
as a row, which is slow; viewing ``k`` consecutive rows as one wide row makes the inner loop
``k`` times longer and gives the same result (min and max exactly; sums to rounding). Row
distances are computed in row blocks that stay in cache instead of full-size temporaries.

Everything falls back to plain numpy calls for other array types (dask stays lazy).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["column_max", "column_min", "column_sum", "column_sum_of_squares", "row_distances"]

_ROWS_PER_WIDE_ROW = 64
_BLOCK_ROWS = 16_384


def _is_tall_c_array(x: Any) -> bool:
    return isinstance(x, np.ndarray) and x.ndim == 2 and x.flags.c_contiguous and x.shape[0] > 1


_PLAIN: dict[Any, Any] = {np.minimum: np.min, np.maximum: np.max, np.add: np.sum}


def _reduce(ufunc: np.ufunc, x: Any) -> Any:
    if not _is_tall_c_array(x):
        return _PLAIN[ufunc](x, axis=0)  # array-function dispatch keeps dask lazy
    rows, columns = x.shape
    k = min(_ROWS_PER_WIDE_ROW, rows)
    head = (rows // k) * k
    wide = ufunc.reduce(x[:head].reshape(-1, k * columns), axis=0)
    result = ufunc.reduce(wide.reshape(k, columns), axis=0)
    if head < rows:
        result = ufunc(result, ufunc.reduce(x[head:], axis=0))
    return result


def column_min(x: Any) -> Any:
    """Minimum of every column (NaN propagates)."""
    return _reduce(np.minimum, x)


def column_max(x: Any) -> Any:
    """Maximum of every column (NaN propagates)."""
    return _reduce(np.maximum, x)


def column_sum(x: Any) -> Any:
    """Sum of every column."""
    return _reduce(np.add, x)


def column_sum_of_squares(x: Any) -> Any:
    """Sum of squares of every column."""
    if not _is_tall_c_array(x):
        return np.sum(x * x, axis=0)
    rows, columns = x.shape
    k = min(_ROWS_PER_WIDE_ROW, rows)
    head = (rows // k) * k
    wide = x[:head].reshape(-1, k * columns)
    result = np.einsum("ij,ij->j", wide, wide).reshape(k, columns).sum(axis=0)
    if head < rows:
        tail = x[head:]
        result = result + np.einsum("ij,ij->j", tail, tail)
    return result


def row_distances(x: Any, scale: Any, first: Any, second: Any) -> tuple[Any, Any]:
    """Euclidean distances of every row to two points, after scaling the columns.

    Returns ``(||scale * (x_i - first)||, ||scale * (x_i - second)||)`` for every row ``i``.
    """
    if not isinstance(x, np.ndarray):
        d1 = (x - first) * scale
        d2 = (x - second) * scale
        return np.sqrt(np.sum(d1 * d1, axis=1)), np.sqrt(np.sum(d2 * d2, axis=1))
    rows, columns = x.shape
    out1 = np.empty(rows)
    out2 = np.empty(rows)
    size = min(_BLOCK_ROWS, rows)
    scaled = np.empty((size, columns))
    squared = np.empty((size, columns))
    ones = np.ones(columns)
    # scale * (x - second) = scale * (x - first) + scale * (first - second): one subtraction.
    shift = scale * (first - second)
    for start in range(0, rows, _BLOCK_ROWS):
        block = x[start : start + _BLOCK_ROWS]
        n = block.shape[0]
        d = scaled[:n]
        q = squared[:n]
        np.subtract(block, first, out=d)
        d *= scale
        np.multiply(d, d, out=q)
        np.dot(q, ones, out=out1[start : start + n])
        d += shift
        np.multiply(d, d, out=q)
        np.dot(q, ones, out=out2[start : start + n])
    return np.sqrt(out1, out=out1), np.sqrt(out2, out=out2)
