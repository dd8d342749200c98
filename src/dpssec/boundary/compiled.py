"""One compiled pass over long float columns: their bounds, whether they hold whole numbers,
and, for a declared ratio or difference of two columns, the result.

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

A calculator whose body is a ratio or a difference of its only two columns may declare it
(``fused=Ratio(...)`` or ``fused=Difference(...)``, :class:`Ratio`, :class:`Difference`): one
compiled pass then checks both columns and computes the result, so that each column is read
once in all, as by the bare expression; the checks that follow reuse what the pass read.

It applies to C-contiguous float64 arrays of at least :data:`MIN_ROWS` values: shorter columns
are checked with numpy at once and never load numba. The first long column of a process loads
numba and the compiled scans (about 0.5 s once they are cached on disk; a few seconds on the
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

import contextvars
import functools
import importlib.util
import threading
import warnings
from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np

from dpssec.boundary.arrays import plain_column, same_values
from dpssec.boundary.switches import Switch

__all__ = ["MIN_ROWS", "Difference", "Ratio", "available", "enabled", "set_enabled", "summary"]

MIN_ROWS = 1 << 18
"""Fewest values for which a float64 column is scanned by the compiled loop (262,144): below,
numpy's reductions run from cache and the saving is a few microseconds."""

_FLIP = np.int64(0x7FFF_FFFF_FFFF_FFFF)
_TOP = int(np.float64(np.inf).view(np.int64))  # +inf sorts here; NaN above
_BOTTOM = int(np.int64(np.float64(-np.inf).view(np.int64)) ^ _FLIP)  # -inf; NaN below

_switch = Switch("DPSSEC_COMPILED")
_lock = threading.Lock()
_KNOWN: contextvars.ContextVar[dict[tuple[Any, ...], tuple[int, int, int]] | None]
_KNOWN = contextvars.ContextVar("dpssec_compiled_known", default=None)
"""Columns already read by a fused pass of the current call (see :func:`start_fused`)."""


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
    memo = _KNOWN.get()
    known = memo.get(_place(values)) if memo is not None else None
    if known is None:  # (the whole-number test costs nothing beside the read of the column)
        known = scans.bounds_fraction(values, values.view(np.int64))
    low_key, high_key, fractional = known
    if high_key > _TOP or low_key < _BOTTOM:  # NaN: the caller's numpy code reports it
        return None
    return _number(low_key), _number(high_key), (not fractional) if whole else None


def _finite(instance: Any, attribute: Any, value: float) -> None:
    if not np.isfinite(value) or value == 0:
        raise ValueError(f"{attribute.name} must be a finite number other than 0; got {value!r}")


def _pairs(value: Any) -> tuple[tuple[str, Any], ...]:
    """``when=`` as (option, value) pairs; a mapping is accepted too."""
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(k), v) for k, v in items)


@attrs.frozen
class Ratio:
    """A kernel that is ``numerator * scale / denominator``, row by row.

    Declared on a calculator (``@calculator(..., fused=Ratio("resolved", "incoming", 100.0))``)
    whose kernel computes exactly that, in that order, and whose only columns are those two.
    With numba, two long float64 columns are then read once: one compiled pass checks both
    (as :func:`summary` does) and divides, writing the result, which is kept if the checks
    pass on those very columns; the kernel is not run. Without numba, or for other input, the
    calculator runs as declared otherwise. The contract tests compare the fused result with
    the kernel's, bit for bit, for every calculator that declares one. ``when`` lists
    ``(option, value)`` pairs under which alone the kernel is that ratio.
    """

    numerator: str = attrs.field(validator=attrs.validators.instance_of(str))
    denominator: str = attrs.field(validator=attrs.validators.instance_of(str))
    scale: float = attrs.field(default=1.0, converter=float, validator=_finite)
    when: tuple[tuple[str, Any], ...] = attrs.field(default=(), converter=_pairs)

    @property
    def columns(self) -> tuple[str, str]:
        return self.numerator, self.denominator


@attrs.frozen
class Difference:
    """A kernel that is ``minuend - subtrahend`` (in float), row by row: as :class:`Ratio`.

    ``when`` lists ``(option, value)`` pairs under which alone the kernel is that difference
    (``when=(("relative", False),)`` for a change that is otherwise relative).
    """

    minuend: str = attrs.field(validator=attrs.validators.instance_of(str))
    subtrahend: str = attrs.field(validator=attrs.validators.instance_of(str))
    when: tuple[tuple[str, Any], ...] = attrs.field(default=(), converter=_pairs)

    @property
    def columns(self) -> tuple[str, str]:
        return self.minuend, self.subtrahend


class FusedRun:
    """The result of a fused pass, and what its checks may reuse until :meth:`close`."""

    __slots__ = ("_given", "_token", "out")

    def __init__(self, out: np.ndarray, given: dict[str, np.ndarray], token: Any) -> None:
        self.out = out
        self._given = given
        self._token = token

    def close(self) -> None:
        """Forget the columns' summaries (the end of the call's checks)."""
        if self._token is not None:
            _KNOWN.reset(self._token)
            self._token = None

    def result_for(self, checked: Mapping[str, Any]) -> tuple[bool, Any]:
        """``(True, result)`` if the checks handed on the very columns read, else (False, None)."""
        if all(k in checked and same_values(v, checked[k]) for k, v in self._given.items()):
            return True, self.out
        return False, None


def start_fused(
    declared: Ratio | Difference,
    arguments: Mapping[str, Any],
    defaults: Mapping[str, Any] | None = None,
) -> FusedRun | None:
    """Check two long float64 columns and compute the declared kernel in one pass, or None if
    the call does not qualify (scan off or numba missing, a column short, converted, strided
    or not float64, an option outside ``when``: its value in ``arguments``, else in
    ``defaults``, the signature's).

    The caller must :meth:`FusedRun.close` the run after its checks, which meanwhile find the
    two columns' summaries without reading them again.
    """
    if not _switch.on:
        return None
    first_name, second_name = declared.columns
    first = plain_column(arguments.get(first_name), integers=False)
    second = plain_column(arguments.get(second_name), integers=False)
    if (
        first is None
        or second is None
        or first.shape != second.shape
        or first.size < MIN_ROWS
        or not (first.flags.c_contiguous and second.flags.c_contiguous)
    ):
        return None
    for option, value in declared.when:
        given = arguments[option] if option in arguments else (defaults or {}).get(option)
        if given != value:
            return None
    if (scans := _scans()) is None:
        return None
    out = np.empty(first.size)
    found = np.empty(6, dtype=np.int64)
    bits = first.view(np.int64), second.view(np.int64)
    subtract = isinstance(declared, Difference)
    scale = declared.scale if isinstance(declared, Ratio) else 0.0
    scans.two_columns(first, bits[0], second, bits[1], scale, subtract, out, found)
    keys = [int(k) for k in found]
    memo = {
        _place(first): (keys[0], keys[1], keys[2]),
        _place(second): (keys[3], keys[4], keys[5]),
    }
    token = _KNOWN.set(memo)
    return FusedRun(out, {first_name: first, second_name: second}, token)


def _place(arr: np.ndarray) -> tuple[Any, ...]:
    return (arr.__array_interface__["data"][0], arr.shape, arr.strides)


def _number(key: int) -> float:
    """The double whose sortable integer key is ``key`` (the mapping is its own inverse)."""
    flipped = np.int64(key) ^ (_FLIP if key < 0 else np.int64(0))
    return float(flipped.view(np.float64))


class _Scans:
    """The compiled loops (numba dispatchers, compiled for C-contiguous 1-D columns)."""

    def __init__(self, bounds_fraction: Any, two_columns: Any) -> None:
        self.bounds_fraction = bounds_fraction
        self.two_columns = two_columns


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

    # IEEE arithmetic (x / 0 is inf, 0 / 0 NaN), not Python's ZeroDivisionError; the
    # operations in the kernel's order, uncontracted, so that the result is the kernel's. The
    # choice of operation is the same for every row (the compiler takes it out of the loop).
    @jit(
        "void(float64[::1], int64[::1], float64[::1], int64[::1], float64, boolean, "
        "float64[::1], int64[::1])",
        error_model="numpy",
    )
    def two_columns(
        top: np.ndarray,
        top_bits: np.ndarray,
        bottom: np.ndarray,
        bottom_bits: np.ndarray,
        scale: float,
        subtract: bool,
        out: np.ndarray,
        found: np.ndarray,
    ) -> None:  # pragma: no cover - compiled
        low_top = high_top = ((top_bits[0] >> 63) & flip) ^ top_bits[0]
        low_bottom = high_bottom = ((bottom_bits[0] >> 63) & flip) ^ bottom_bits[0]
        fractional_top = fractional_bottom = 0
        for i in range(top.size):
            key = ((top_bits[i] >> 63) & flip) ^ top_bits[i]
            low_top = min(low_top, key)
            high_top = max(high_top, key)
            fractional_top |= top[i] != np.floor(top[i])
            key = ((bottom_bits[i] >> 63) & flip) ^ bottom_bits[i]
            low_bottom = min(low_bottom, key)
            high_bottom = max(high_bottom, key)
            fractional_bottom |= bottom[i] != np.floor(bottom[i])
            if subtract:
                out[i] = top[i] - bottom[i]
            else:
                out[i] = top[i] * scale / bottom[i]
        found[0], found[1], found[2] = low_top, high_top, fractional_top
        found[3], found[4], found[5] = low_bottom, high_bottom, fractional_bottom

    return _Scans(bounds_fraction, two_columns)
