"""Vectorised grouping of long tables: group codes from key columns, then sums by group.

Rates for groups are computed by summing counts and populations within each group and then
dividing (never by averaging rates), so everything here reduces to ``np.bincount``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dpssec.errors import InputError

__all__ = ["factorize", "group_codes", "group_sum", "key_column"]


def key_column(values: Any, name: str) -> np.ndarray:
    """A 1-D array of group labels (strings, numbers) with missing labels refused."""
    arr = np.asarray(values)
    if arr.ndim != 1:
        raise InputError(f"grouping column {name!r} must be one-dimensional; got shape {arr.shape}")
    if arr.dtype.kind == "f":
        _refuse_missing(np.isnan(arr), name)
    elif arr.dtype.kind == "O":
        _refuse_missing(_missing_objects(arr), name)
    if arr.dtype.kind == "O" and _mixed_types(arr):
        arr = arr.astype(str)  # mixed label types are compared as text
    return arr


def _refuse_missing(bad: np.ndarray, name: str) -> None:
    if bad.any():
        raise InputError(
            f"grouping column {name!r}: {int(bad.sum())} of {bad.size} labels are missing "
            f"(first at row {int(np.argmax(bad))})"
        )


def _pandas() -> Any:
    """pandas for large tables (hash-based, linear time); None when absent."""
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        return None
    return pd


# below this many rows, sorting in numpy is fast enough and importing pandas is not worth it
_LARGE = 100_000


def _missing_objects(arr: np.ndarray) -> np.ndarray:
    pd = _pandas() if arr.size >= _LARGE else None
    if pd is None:
        # None, and NaN (the only value not equal to itself)
        return np.asarray([v is None or v != v for v in arr], dtype=bool)
    # factorize marks missing labels with code -1 in one hashing pass (faster than isna)
    codes, _ = pd.factorize(arr, sort=False)
    return np.asarray(codes < 0)


def _mixed_types(arr: np.ndarray) -> bool:
    pd = _pandas() if arr.size >= _LARGE else None
    if pd is None:
        return len(set(map(type, arr))) > 1
    return str(pd.api.types.infer_dtype(arr, skipna=False)).startswith("mixed")


def factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique labels and the code of each row (hash-based with pandas, else sorting)."""
    pd = _pandas() if values.size >= _LARGE else None
    if pd is None:
        uniques, inverse = np.unique(values, return_inverse=True)
        return uniques, inverse.reshape(-1)
    codes, uniques = pd.factorize(values, sort=True)
    return np.asarray(uniques), np.asarray(codes, dtype=np.intp)


def group_codes(
    columns: Sequence[np.ndarray], n_rows: int
) -> tuple[np.ndarray, list[np.ndarray], int]:
    """Group code of each row, the label columns of each group (sorted), and the group count.

    With no key columns every row belongs to one group.
    """
    if not columns:
        return np.zeros(n_rows, dtype=np.intp), [], 1
    combined = np.zeros(n_rows, dtype=np.int64)
    for column in columns:
        uniques, inverse = factorize(column)
        # re-compact after each column so the combined code never overflows; sorted uniques
        # keep the groups in lexicographic order of the key columns
        _, combined = factorize(combined * uniques.size + inverse)
    n_groups = int(combined.max()) + 1 if n_rows else 0
    first = np.full(n_groups, n_rows, dtype=np.intp)
    np.minimum.at(first, combined, np.arange(n_rows, dtype=np.intp))
    labels = [np.asarray(column)[first] for column in columns]
    return combined, labels, n_groups


def group_sum(codes: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """Sum of ``values`` within each group (``values`` may be 1-D or rows x columns)."""
    if values.ndim == 1:
        return np.bincount(codes, weights=values, minlength=n_groups)
    out = np.zeros((n_groups, *values.shape[1:]), dtype=float)
    np.add.at(out, codes, values)
    return out
