"""Boundary checks specific to the justice calculators (pairs of columns that must be ordered)."""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec._checks import is_lazy
from dpssec.errors import InputError

__all__ = ["as_whole_number", "check_not_above", "is_whole_number"]


def is_whole_number(value: object) -> bool:
    """A Python or numpy integer, not a boolean (``True`` is an ``int`` in Python).

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.justice._checks import is_whole_number
    >>> is_whole_number(np.int64(3)), is_whole_number(True), is_whole_number(3.0)
    (True, False, False)
    """
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def as_whole_number(value: Any) -> Any:
    """A numpy integer (a pandas row gives ``np.int64``) as a Python int; other values unchanged.

    Used as an attrs converter before a validator that refuses non-integers, so
    ``np.int64(120)`` is stored as ``120`` and ``np.True_`` or ``2.5`` are still refused.

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.justice._checks import as_whole_number
    >>> as_whole_number(np.int64(120)), as_whole_number(2.5)
    (120, 2.5)
    """
    return int(value) if isinstance(value, np.integer) else value


def _raise_if_above(
    small: np.ndarray, large: np.ndarray, names: tuple[str, str], where: str
) -> None:
    small_b, large_b = np.broadcast_arrays(np.asarray(small), np.asarray(large))
    bad = np.ravel(small_b > large_b)
    count = int(np.count_nonzero(bad))
    if count:
        index = int(np.argmax(bad))
        a, b = np.ravel(small_b)[index], np.ravel(large_b)[index]
        raise InputError(
            f"parameter {names[0]!r} exceeds {names[1]!r} in {count} of {bad.size} rows "
            f"(first at index {index}{where}: {a:g} > {b:g})"
        )


def check_not_above(small: Any, large: Any, small_name: str, large_name: str) -> Any:
    """Refuse rows where ``small > large`` (e.g. unsentenced above the total); return ``small``.

    Dask inputs stay lazy: the check runs block by block when the result is computed.

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.justice._checks import check_not_above
    >>> check_not_above(np.array([1.0, 5.0]), np.array([2.0, 4.0]), "unsentenced", "total")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'unsentenced' exceeds 'total' in 1 of 2 rows (first at index 1: 5 > 4)
    """
    names = (small_name, large_name)
    if is_lazy(small) or is_lazy(large):
        import dask.array as da

        def check(block_small: np.ndarray, block_large: np.ndarray) -> np.ndarray:
            _raise_if_above(block_small, block_large, names, " of a dask block")
            return np.broadcast_arrays(block_small, block_large)[0]

        return da.map_blocks(check, small, large, dtype=float)  # type: ignore[no-untyped-call]
    _raise_if_above(small, large, names, "")
    return small
