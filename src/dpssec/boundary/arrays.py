"""Turning what a user passes into checked magnitudes: the array helpers the specs share.

Everything here is vectorised: a million rows cost a few reductions (``min``/``max``) per
parameter, and the slow path that counts and locates bad values runs only when a check fails.
"""

from __future__ import annotations

import contextlib
import math
import re
from typing import Any

import numpy as np

from dpssec.errors import InputError

__all__ = [
    "BlockPlace",
    "Prepared",
    "all_whole",
    "any_above",
    "block_place",
    "describe_position",
    "is_lazy",
    "is_pandas",
    "min_max_whole",
    "plain_column",
    "raise_bad",
    "same_values",
    "short_repr",
    "top_bits_whole",
]

FLOAT_MAX = float(np.finfo(float).max)


def is_lazy(value: object) -> bool:
    """Whether ``value`` is a lazy (dask) collection, or a Quantity wrapping one.

    pint's Quantity has a ``__dask_graph__`` method that fails when dask is not installed, so
    a Quantity is judged by its magnitude, and a failing method means "not lazy".
    """
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        value = value.magnitude
    graph = getattr(value, "__dask_graph__", None)
    if graph is None:
        return False
    try:
        return graph() is not None
    except Exception:  # a duck-typed method that needs dask, without dask installed
        return False


def is_pandas(value: object) -> bool:
    """Whether ``value`` is a pandas Series, Index or DataFrame (without importing pandas).

    A pandas scalar (a Timestamp, which is a ``datetime``) is not: it has no ``ndim``.
    """
    module = type(value).__module__
    return module.startswith("pandas.") and hasattr(value, "to_numpy") and hasattr(value, "ndim")


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+>")
_CLASS = re.compile(r"<class '([\w.]+)'>")


def short_repr(value: object) -> str:
    """A repr cut to 60 characters, safe against hostile ``__repr__``.

    An object without a repr of its own is shown by its type (``<object>``), not by its
    memory address.
    """
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    if _ADDRESS.search(text):
        text = f"<{type(value).__name__}>"
    text = _CLASS.sub(r"\1", text)  # a class by its name, not "<class '...'>"
    return text if len(text) <= 60 else text[:57] + "..."


def describe_position(position: int, index: Any, *, offset: int = 0, lazy: bool = False) -> str:
    """``index 3`` or ``index 3, label 'ARG'`` (the label of a pandas index when there is one)."""
    text = f"index {position + offset}"
    if index is not None and not _is_default_index(index):
        with contextlib.suppress(Exception):  # a label that cannot be shown is left out
            label = index[position]
            label = label.item() if isinstance(label, np.generic) else label  # not np.str_('a')
            text += f", label {label!r}"
    if lazy:
        text += " of a dask block" if not offset else ""
    return text


def _is_default_index(index: Any) -> bool:
    """A pandas RangeIndex 0, 1, 2, ...: its labels are the positions, so not repeated."""
    return (
        type(index).__name__ == "RangeIndex"
        and getattr(index, "start", None) == 0
        and getattr(index, "step", None) == 1
    )


class Prepared:
    """A parameter after conversion: magnitudes plus what the output needs to know."""

    __slots__ = (
        "bounded",
        "columns",
        "index",
        "lazy",
        "missing",
        "name",
        "scalar",
        "series_name",
        "smallest",
        "values",
    )

    def __init__(
        self,
        values: Any,
        name: str,
        *,
        index: Any = None,
        series_name: Any = None,
        missing: Any = None,
    ) -> None:
        self.values = values
        self.name = name
        self.index = index
        self.series_name = series_name
        self.lazy = is_lazy(values)
        self.scalar = not self.lazy and np.ndim(values) == 0 and index is None
        self.missing = missing
        self.bounded: bool | None = False
        self.columns: list[Any] | None = None  # the column labels of a DataFrame
        self.smallest: float | None = None  # the smallest value, where the checks read it

    @property
    def length(self) -> Any:
        if np.ndim(self.values) == 0:
            return None
        return np.shape(self.values)[0]


def pandas_values(value: Any, name: str, *, allow_2d: bool) -> tuple[Any, Any, Any]:
    """(values, index, name) of a pandas object; nullable NA becomes NaN for numbers."""
    if value.ndim == 2:
        if not allow_2d:
            columns = list(value.columns)[:5]
            raise InputError(
                f"parameter {name!r} takes one column; got a DataFrame with "
                f"{value.shape[1]} columns {columns}. Pass one column, e.g. df[{columns[0]!r}]"
                if columns
                else f"parameter {name!r} takes one column; got an empty DataFrame"
            )
        return _frame_values(value), value.index, None
    index = getattr(value, "index", None)
    series_name = getattr(value, "name", None)
    dtype = value.dtype
    kind = getattr(dtype, "kind", "O")
    if getattr(dtype, "na_value", None) is not None and kind in "iufb" and value.hasnans:
        # a nullable Int64/Float64 column with gaps: the gaps are missing values (NaN)
        return value.to_numpy(dtype=float, na_value=np.nan), index, series_name
    if kind == "b" and str(dtype) == "boolean":
        return value.to_numpy(dtype=bool), index, series_name
    return value.to_numpy(), index, series_name


def _frame_values(frame: Any) -> Any:
    if all(getattr(t, "kind", "O") in "iuf" for t in frame.dtypes):
        return frame.to_numpy(dtype=float, na_value=np.nan)
    return frame.to_numpy()


def numbers_from_objects(
    arr: np.ndarray, name: str, index: Any, *, parse_text: Any = None, booleans: bool = False
) -> np.ndarray:
    """Float values of an object or text array; None/NA become NaN, text and booleans refused.

    ``parse_text`` (a callable) reads text cells (quantities such as ``"1.2 ha"``) instead of
    refusing them.
    """
    flat = arr.ravel()
    out = np.empty(flat.shape, dtype=float)
    for position, item in enumerate(flat.tolist()):
        if item is None or (item is not item) or _is_na(item):
            out[position] = np.nan
            continue
        where = describe_position(position, index)
        if isinstance(item, bool | np.bool_):
            if booleans:
                out[position] = float(item)
                continue
            raise InputError(
                f"parameter {name!r} must be numbers; got the boolean {item!r} at {where}"
            )
        if isinstance(item, str | bytes):
            if parse_text is not None and isinstance(item, str):
                out[position] = parse_text(item)
                continue
            raise InputError(f"parameter {name!r} must be numbers; got text {item!r} at {where}")
        if hasattr(item, "magnitude") and hasattr(item, "units"):
            raise InputError(
                f"parameter {name!r}: a Quantity inside a list at {where}; pass Q_(list, unit) "
                "or plain numbers"
            )
        if not isinstance(item, int | float | np.integer | np.floating):
            raise InputError(
                f"parameter {name!r} must be numbers; got {short_repr(item)} "
                f"({type(item).__name__}) at {where}"
            )
        try:
            out[position] = float(item)
        except OverflowError:
            raise InputError(
                f"parameter {name!r}: {short_repr(item)} at {where} is too large for a "
                f"64-bit float (the largest is about {FLOAT_MAX:.3g})"
            ) from None
    return out.reshape(arr.shape)


def _is_na(item: Any) -> bool:
    module = type(item).__module__
    return module.startswith("pandas") and type(item).__name__ in ("NAType", "NaTType")


def scalar_number(value: Any, name: str) -> float:
    """A Python or numpy scalar number as a float; text, booleans and overflow refused."""
    if isinstance(value, bool | np.bool_):
        raise InputError(f"parameter {name!r} must be numbers; got the boolean {value!r}")
    if isinstance(value, str | bytes):
        raise InputError(f"parameter {name!r} must be numbers; got text {value!r}")
    if not isinstance(value, int | float | np.integer | np.floating):
        raise InputError(
            f"parameter {name!r} must be numbers; got {short_repr(value)} ({type(value).__name__})"
        )
    try:
        return float(value)
    except OverflowError:
        raise InputError(
            f"parameter {name!r}: {short_repr(value)} is too large for a 64-bit float"
        ) from None


_BLOCK = 1 << 16
"""Elements per block of :func:`min_max` (512 kB of doubles: the second reduction hits cache)."""


def min_max(arr: np.ndarray) -> tuple[Any, Any]:
    """``(arr.min(), arr.max())`` reading a long contiguous array from memory once, not twice.

    NaN propagates as in numpy's reductions.
    """
    if arr.size < 4 * _BLOCK or not arr.flags.c_contiguous:
        return arr.min(), arr.max()
    flat = arr.reshape(-1)
    low, high = flat[:_BLOCK].min(), flat[:_BLOCK].max()
    for start in range(_BLOCK, flat.size, _BLOCK):
        block = flat[start : start + _BLOCK]
        low = np.minimum(low, block.min())
        high = np.maximum(high, block.max())
    return low, high


def min_max_whole(arr: np.ndarray) -> tuple[Any, Any, bool]:
    """:func:`min_max` and, for a column without NaN, :func:`all_whole`, in one read of it.

    The third item is only meaningful when the minimum and maximum are not NaN.
    """
    flat = arr.reshape(-1) if arr.flags.c_contiguous else np.ravel(arr)
    if flat.size <= 4 * _BLOCK:
        low, high = flat.min(), flat.max()
        return low, high, bool(low == low and high == high and all_whole(flat))
    scratch = _WholeScratch()
    low, high, whole = flat[:1].min(), flat[:1].max(), True
    for start in range(0, flat.size, _BLOCK):
        block = flat[start : start + _BLOCK]
        low = np.minimum(low, block.min())
        high = np.maximum(high, block.max())
        whole = whole and scratch.whole(block)
    return low, high, whole


def top_bits_whole(arr: np.ndarray) -> tuple[Any, bool]:
    """The largest 64-bit pattern of a C-contiguous float64 array, and :func:`all_whole`, in
    one read of it.

    As unsigned integers, non-negative finite doubles sort below the pattern of +inf, and NaN,
    infinities and negative numbers above it: one maximum checks a column of counts for all
    of them. The second item is only meaningful when the first is below that of +inf.

    Examples
    --------
    >>> import numpy as np
    >>> top, whole = top_bits_whole(np.array([0.0, 3.0, 12.0]))
    >>> float(np.array(top, dtype=np.uint64).view(np.float64)), whole
    (12.0, True)
    """
    bits = arr.reshape(-1).view(np.uint64)
    flat = arr.reshape(-1)
    if flat.size <= 4 * _BLOCK:
        return bits.max(), all_whole(flat)
    scratch = _WholeScratch()
    top, whole = bits[:1].max(), True
    for start in range(0, flat.size, _BLOCK):
        top = max(top, bits[start : start + _BLOCK].max())
        whole = whole and scratch.whole(flat[start : start + _BLOCK])
    return top, whole


def all_whole(arr: np.ndarray) -> bool:
    """Whether every value of a float array without NaN is a whole number.

    Block by block (the truncation and the comparison run on a block while it is in cache,
    with no temporary the size of the column): a third of the cost of
    ``np.array_equal(np.trunc(arr), arr)`` on a million rows.

    Examples
    --------
    >>> import numpy as np
    >>> all_whole(np.array([0.0, 3.0, 1e6])), all_whole(np.array([2.0, 2.5]))
    (True, False)
    """
    flat = arr.reshape(-1) if arr.flags.c_contiguous else np.ravel(arr)
    if flat.size <= _BLOCK:
        return bool(np.array_equal(np.trunc(flat), flat))
    scratch = _WholeScratch()
    return all(scratch.whole(flat[start : start + _BLOCK]) for start in range(0, flat.size, _BLOCK))


class _WholeScratch:
    """Buffers of one block, reused for the truncation and the comparison of every block."""

    __slots__ = ("differs", "truncated")

    def __init__(self) -> None:
        self.truncated = np.empty(_BLOCK)
        self.differs = np.empty(_BLOCK, dtype=bool)

    def whole(self, block: np.ndarray) -> bool:
        size = block.size
        np.trunc(block, out=self.truncated[:size])
        np.not_equal(self.truncated[:size], block, out=self.differs[:size])
        return not self.differs[:size].any()


def any_above(small: Any, large: Any) -> bool:
    """Whether ``small > large`` anywhere (NaN compares False); long columns block by block.

    Examples
    --------
    >>> any_above([1.0, 2.0], [2.0, 2.0]), any_above([1.0, 3.0], 2.0)
    (False, True)
    """
    if (
        not isinstance(small, np.ndarray)
        or not isinstance(large, np.ndarray)
        or small.shape != large.shape
        or small.ndim != 1
        or small.size <= 4 * _BLOCK
    ):
        with np.errstate(invalid="ignore"):
            return bool(np.any(np.greater(small, large)))
    above = np.empty(_BLOCK, dtype=bool)
    for start in range(0, small.size, _BLOCK):
        stop = min(start + _BLOCK, small.size)
        part = above[: stop - start]
        with np.errstate(invalid="ignore"):
            np.greater(small[start:stop], large[start:stop], out=part)
        if part.any():
            return True
    return False


def plain_column(value: Any, integers: bool) -> np.ndarray | None:
    """The 1-D array the checks would hand to a kernel unchanged (float64, or int64 where the
    kernel takes integers, as an ndarray or a Series' own values), or None."""
    if isinstance(value, np.ndarray):
        arr = value
    elif is_pandas(value) and value.ndim == 1:
        dtype = getattr(value, "dtype", None)
        if not isinstance(dtype, np.dtype):
            return None  # an extension dtype (nullable integers, categories) is converted
        arr = value.to_numpy()
    else:
        return None
    if arr.ndim != 1:
        return None
    if arr.dtype == np.float64 or (integers and arr.dtype == np.int64):
        return arr
    return None


def same_values(given: Any, checked: Any) -> bool:
    """Whether the checks handed on ``given`` itself: the same memory, dtype, shape and strides
    for an array, the same number for a scalar (a kernel's result for one is valid for both).

    Examples
    --------
    >>> import numpy as np
    >>> column = np.arange(4.0)
    >>> same_values(column, column[:]), same_values(column, column.copy())
    (True, False)
    """
    if isinstance(given, np.ndarray):
        return (
            isinstance(checked, np.ndarray)
            and checked.dtype == given.dtype
            and checked.shape == given.shape
            and checked.strides == given.strides
            and checked.__array_interface__["data"][0] == given.__array_interface__["data"][0]
        )
    return bool(np.ndim(checked) == 0 and float(checked) == given)


def first_bad(mask: np.ndarray) -> tuple[int, int]:
    """(count, first position) of True values in ``mask``."""
    flat = np.ravel(mask)
    count = int(np.count_nonzero(flat))
    return count, int(np.argmax(flat)) if count else -1


class BlockPlace:
    """Where one block of a dask collection sits, for the messages of a check run on it.

    ``kind`` is ``"block"`` (a dask array) or ``"partition"`` (a dask Series or DataFrame),
    ``number`` its 0-based number, ``offset`` the global position of its first value (NaN when
    the chunk sizes are unknown, as for the columns of a DataFrame) and ``labels`` the index of
    a partition (its rows' labels) or None.
    """

    __slots__ = ("kind", "labels", "number", "offset")

    def __init__(self, kind: str, number: int, offset: float, labels: Any = None) -> None:
        self.kind = kind
        self.number = number
        self.offset = offset
        self.labels = labels

    def describe(self, size: int) -> str:
        """``the 5000 values of dask block 2 (x.blocks[2])``."""
        attribute = "blocks" if self.kind == "block" else "partitions"
        return f"the {size} values of dask {self.kind} {self.number} (.{attribute}[{self.number}])"

    def where(self, position: int) -> str:
        """The position of a value of the block: global where known, else within the block."""
        if self.offset == self.offset:  # known
            text = f"global index {int(self.offset) + position}"
        else:
            text = f"row {position} of the {self.kind}"
        if self.labels is not None:
            with contextlib.suppress(Exception):  # a label that cannot be shown is left out
                label = self.labels[position]
                label = label.item() if isinstance(label, np.generic) else label
                return f"{text}, label {label!r}"
        if self.offset != self.offset:
            text += " (its global position is unknown: the chunk sizes are unknown)"
        return text


def block_place(block_info: Any) -> BlockPlace | None:
    """The :class:`BlockPlace` of the output block of a ``map_blocks`` call, or None."""
    if not block_info or None not in block_info:
        return None
    info = block_info[None]
    if len(info.get("chunk-location", ())) != 1:
        return None  # the places of 2-d blocks are given as before
    offset = info["array-location"][0][0]
    offset = float("nan") if offset is None or offset != offset else float(offset)
    return BlockPlace("block", int(info["chunk-location"][0]), offset)


def raise_bad(
    values: np.ndarray,
    name: str,
    mask: np.ndarray,
    reason: str,
    index: Any,
    *,
    offset: int = 0,
    lazy: bool = False,
    place: BlockPlace | None = None,
) -> None:
    """Raise the standard message if ``mask`` has a True value.

    ``place`` (or a :class:`BlockPlace` given as ``index``, as the checks of a spec pass it
    on) says which dask block ``values`` are (the check of a lazy collection runs block by
    block): the count is then that block's and the position global where it is known.
    """
    if isinstance(index, BlockPlace):
        place, index = index, None
    count, position = first_bad(mask)
    if not count:
        return
    shown = np.ravel(values)[position]
    shown = shown.item() if hasattr(shown, "item") else shown
    if place is not None and np.ndim(values) == 1:
        error = InputError(
            f"parameter {name!r}: {count} of {place.describe(np.size(values))} {reason} "
            f"(first at {place.where(position)}: {shown!r})"
        )
        error.reason = reason
        raise error
    if np.ndim(values) == 2:  # a table: name the row (with its label) and the column
        row, column = divmod(position, np.shape(values)[1])
        where = describe_position(row, index, offset=offset, lazy=lazy)
        where = where.replace("index", "row", 1) + f", column {column}"
    else:
        where = describe_position(position, index, offset=offset, lazy=lazy)
    error = InputError(
        f"parameter {name!r}: {count} of {values.size} values {reason} (first at {where}: {shown!r})"
    )
    error.reason = reason
    raise error


def finite_number(value: float) -> bool:
    return not (math.isnan(value) or math.isinf(value))
