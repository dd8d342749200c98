"""One compiled pass over a long float column: its bounds and whether it holds whole numbers.

Checking a million-row float64 column of counts with numpy takes several passes over it (the
bounds, then a truncation and a comparison for the whole-number test: about 0.7 ms per million
rows on the project machine), while the kernel it guards (``resolved / pending_end``) reads it
once. With numba installed (the ``fast`` extra: ``pip install "dpssec[fast]"``), the boundary
reads such a column once instead, in a loop compiled to machine code that runs at the speed of
memory (about 0.3 ms per million rows) and outside the interpreter lock, so that a kernel
started on the second core (:mod:`~dpssec.boundary.overlap`) runs beside it.

The scan only answers "are all values present, what are the smallest and the largest, are they
whole?". A column that holds NaN, and every column whose values break a rule, goes on to the
numpy code that counts and locates the culprits, so the messages, the warnings and every number
are the same with and without numba: only the time differs.

How it reads: each double's 64-bit pattern, mapped to an integer that sorts as the number does
(the sign bit kept, the other bits flipped for negative numbers), gives the minimum and the
maximum by integer comparisons, which the compiler vectorises; NaN sorts beyond both
infinities, so the same two reductions find it. The whole-number test compares each value
with its floor and ORs the answers (no floating-point sum: one that may be reordered could
cancel a fraction against the rest of the column).

It applies to C-contiguous float64 arrays of at least :data:`MIN_ROWS` values: shorter columns
are checked with numpy at once and never load numba. The first long column of a process loads
numba and the compiled scans (about 0.4 s once they are cached on disk; a second or two on the
very first run, which writes the cache); every later one costs the pass alone. Turn it off
with ``DPSSEC_COMPILED=0`` in the environment or :func:`set_enabled` (``False``); without
numba it is off.

>>> import numpy as np
>>> from dpssec.justice import case_turnover_ratio
>>> resolved = np.full(MIN_ROWS, 1100.0)
>>> pending = np.full(MIN_ROWS, 1000.0)
>>> previous = set_enabled(False)
>>> with_numpy = case_turnover_ratio(resolved, pending)
>>> _ = set_enabled(True)
>>> bool(np.array_equal(case_turnover_ratio(resolved, pending), with_numpy))
True
>>> _ = set_enabled(previous)
"""

from __future__ import annotations

import functools
import importlib.util
import threading
import warnings
from typing import Any

import numpy as np

from dpssec.boundary.switches import Switch

__all__ = ["MIN_ROWS", "available", "enabled", "set_enabled", "summary"]

MIN_ROWS = 1 << 18
"""Fewest values for which a float64 column is scanned by the compiled loop (262,144): below,
numpy's reductions run from cache and the saving is a few microseconds."""

_FLIP = np.int64(0x7FFF_FFFF_FFFF_FFFF)
_TOP = int(np.float64(np.inf).view(np.int64))  # +inf sorts here; NaN above
_BOTTOM = int(np.int64(np.float64(-np.inf).view(np.int64)) ^ _FLIP)  # -inf; NaN below

_switch = Switch("DPSSEC_COMPILED")
_lock = threading.Lock()


def available() -> bool:
    """Whether numba can be imported (the ``fast`` extra), without importing it."""
    return importlib.util.find_spec("numba") is not None


def enabled() -> bool:
    """Whether long float columns are scanned by the compiled loop (numba present and allowed)."""
    return _switch.on and available()


def set_enabled(flag: bool) -> bool:
    """Allow (True) or forbid (False) the compiled scan; returns the previous setting.

    Anything but True or False (``"no"``, ``0``) is refused (:class:`~dpssec.boundary.switches.Switch`).
    The results are the same either way: only the time of the checks of long float columns
    changes (see the module's notes).
    """
    return _switch.set(flag)


def summary(arr: np.ndarray, *, whole: bool) -> tuple[float, float, bool | None] | None:
    """``(min, max, all whole)`` of a long float64 column in one compiled pass, or None.

    None means "not scanned here": the column is short, not C-contiguous float64, the scan is
    off or numba is missing, or the column holds NaN (the caller's numpy code then finds and
    reports the missing values, under the caller's ``nan_policy``). The third item is None when
    ``whole`` is False; it is False when a value is not whole or is infinite.
    """
    if (
        arr.size < MIN_ROWS
        or arr.dtype != np.float64
        or not arr.flags.c_contiguous
        or not _switch.on
        or (scans := _scans()) is None
    ):
        return None
    values = arr.reshape(-1)
    bits = values.view(np.int64)
    if whole:
        low_key, high_key, fractional = scans.bounds_fraction(values, bits)
    else:
        low_key, high_key = scans.bounds(bits)
        fractional = 0
    if high_key > _TOP or low_key < _BOTTOM:  # NaN: the caller's numpy code reports it
        return None
    return _number(low_key), _number(high_key), (not fractional) if whole else None


def _number(key: int) -> float:
    """The double whose sortable integer key is ``key`` (the mapping is its own inverse)."""
    flipped = np.int64(key) ^ (_FLIP if key < 0 else np.int64(0))
    return float(flipped.view(np.float64))


class _Scans:
    """The compiled loops (numba dispatchers, compiled for C-contiguous 1-D columns)."""

    def __init__(self, bounds: Any, bounds_fraction: Any) -> None:
        self.bounds = bounds
        self.bounds_fraction = bounds_fraction


_loaded: list[_Scans | None] = []  # filled once: the scans, or None where they cannot run


def _scans() -> _Scans | None:
    if not _loaded:
        with _lock:  # one thread compiles (or loads from the disk cache); the others wait
            if not _loaded:
                _loaded.append(_load())
    return _loaded[0]


def _load() -> _Scans | None:
    if not available():
        return None
    try:
        try:
            return _compile(cache=True)
        except RuntimeError:  # no writable cache directory: compile for this process only
            return _compile(cache=False)
    except Exception as exc:  # numba present but unusable here (e.g. with this numpy)
        warnings.warn(
            f"dpssec: the compiled scan of long columns is unavailable ({type(exc).__name__}: "
            f"{exc}); they are checked with numpy, with the same results",
            RuntimeWarning,
            stacklevel=4,
        )
        return None


def _compile(*, cache: bool) -> _Scans:
    import numba

    flip = _FLIP
    jit = functools.partial(numba.njit, nogil=True, cache=cache, boundscheck=False)

    @jit("UniTuple(int64, 2)(int64[::1])")
    def bounds(bits: np.ndarray) -> tuple[int, int]:  # pragma: no cover - compiled
        low = high = ((bits[0] >> 63) & flip) ^ bits[0]
        for i in range(bits.size):
            key = ((bits[i] >> 63) & flip) ^ bits[i]
            low = min(low, key)
            high = max(high, key)
        return low, high

    @jit("UniTuple(int64, 3)(float64[::1], int64[::1])")
    def bounds_fraction(
        values: np.ndarray, bits: np.ndarray
    ) -> tuple[int, int, int]:  # pragma: no cover - compiled
        low = high = ((bits[0] >> 63) & flip) ^ bits[0]
        fractional = 0
        for i in range(bits.size):
            key = ((bits[i] >> 63) & flip) ^ bits[i]
            low = min(low, key)
            high = max(high, key)
            fractional |= values[i] != np.floor(values[i])
        return low, high, fractional

    return _Scans(bounds, bounds_fraction)
