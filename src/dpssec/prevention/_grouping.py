"""Vectorised grouping of long tables: group codes from key columns, then sums by group.

Rates for groups are computed by summing counts and populations within each group and then
dividing (never by averaging rates), so everything here reduces to ``np.bincount``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dpssec.errors import InputError

__all__ = ["group_codes", "group_sum", "key_column"]


def key_column(values: Any, name: str) -> np.ndarray:
    """A 1-D array of group labels (strings, numbers) with missing labels refused."""
    arr = np.asarray(values)
    if arr.ndim != 1:
        raise InputError(f"grouping column {name!r} must be one-dimensional; got shape {arr.shape}")
    if arr.dtype.kind == "f":
        bad = np.isnan(arr)
    elif arr.dtype.kind == "O":
        bad = np.asarray([v is None or (isinstance(v, float) and v != v) for v in arr], dtype=bool)
    else:
        bad = np.zeros(arr.shape, dtype=bool)
    if bad.any():
        first = int(np.argmax(bad))
        raise InputError(
            f"grouping column {name!r}: {int(bad.sum())} of {arr.size} labels are missing "
            f"(first at row {first})"
        )
    if arr.dtype.kind == "O":
        kinds = {type(v) for v in arr}
        if len(kinds) > 1:
            arr = arr.astype(str)
    return arr


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
        uniques, inverse = np.unique(column, return_inverse=True)
        # re-compact after each column so the combined code never overflows
        _, combined = np.unique(combined * uniques.size + inverse.reshape(-1), return_inverse=True)
        combined = combined.reshape(-1).astype(np.int64)
    _, first, codes = np.unique(combined, return_index=True, return_inverse=True)
    labels = [np.asarray(column)[first] for column in columns]
    return codes.reshape(-1), labels, int(first.size)


def group_sum(codes: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """Sum of ``values`` within each group (``values`` may be 1-D or rows x columns)."""
    if values.ndim == 1:
        return np.bincount(codes, weights=values, minlength=n_groups)
    out = np.zeros((n_groups, *values.shape[1:]), dtype=float)
    np.add.at(out, codes, values)
    return out
