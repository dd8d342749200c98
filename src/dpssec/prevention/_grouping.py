"""Vectorised grouping of long tables: group codes from key columns, then sums by group.

Rates for groups are computed by summing counts and populations within each group and then
dividing (never by averaging rates), so everything here reduces to ``np.bincount``. The key
columns arrive checked by :class:`~dpssec.boundary.Labels` (missing labels refused or their
rows omitted, mixed types compared as text).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["factorize", "group_codes", "group_sum"]


def _pandas() -> Any:
    """pandas for large tables (hash-based, linear time); None when absent."""
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        return None
    return pd


# below this many rows, sorting in numpy is fast enough and importing pandas is not worth it
_LARGE = 100_000


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
