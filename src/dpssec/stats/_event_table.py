"""Counting kernel shared by Kaplan-Meier, Nelson-Aalen and the log-rank test.

Turns individual records (duration, event, frequency weight) into the table of distinct times
with the number at risk just before each time, events and censorings. Three paths give the same
table:

* integer durations (days, weeks) of moderate range: one ``np.bincount`` on the code
  ``2 * duration + event``, O(n);
* other durations without weights: one sort of the durations' bit patterns with the event
  indicator in the lowest bit, which avoids the slow inverse index of ``np.unique``;
* other durations with weights: ``np.unique`` and ``np.bincount`` on the inverse index.

A record censored at an event time is still at risk at that time (R survival and lifelines do
the same): the number at risk at t is the total weight of records with duration >= t.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from dpssec._checks import as_array, check_same_length, is_lazy
from dpssec.errors import InputError

__all__ = ["EventTable", "event_table", "group_event_tables", "validated_records"]

_MAX_BINS = 50_000_000
"""Largest duration for which the counting path allocates one bin per unit of time."""

_CHUNK = 1 << 16
"""Records per chunk of the counting path (a few hundred kB: stays in cache)."""


class EventTable(NamedTuple):
    """Distinct times (ascending) with the weight at risk, of events and of censorings."""

    time: np.ndarray
    at_risk: np.ndarray
    events: np.ndarray
    censored: np.ndarray


def _records_array(value: Any, name: str, *, binary: bool) -> np.ndarray:
    """Validated 1-d array; integer and boolean input stays integer (the fast path)."""
    if is_lazy(value):
        value = as_array(value, name, nonnegative=True, binary=binary).compute()
    arr = np.asarray(value)
    if arr.dtype.kind in "iub" and arr.size and arr.ndim == 1:
        # One pass: read as unsigned, a negative value becomes huge, so the maximum alone
        # tells whether every value is >= 0 (and <= 1 for event indicators).
        top = int(arr.view(np.dtype(f"u{arr.dtype.itemsize}")).max())
        if top <= (1 if binary else np.iinfo(arr.dtype).max):
            return arr
    # Floats, objects, or bad integers: the shared checks convert and report problems.
    return np.atleast_1d(as_array(arr, name, nonnegative=True, binary=binary))


def validated_records(
    durations: Any,
    events: Any,
    weights: Any = None,
    *,
    names: tuple[str, str, str] = ("durations", "events", "weights"),
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Check and convert one sample of survival records (dask input is computed here)."""
    d_name, e_name, w_name = names
    if 0 in np.shape(durations):
        raise InputError(f"parameter {d_name!r} is empty: a survival curve needs records")
    d = _records_array(durations, d_name, binary=False)
    e = _records_array(events, e_name, binary=True)
    if d.ndim != 1 or e.ndim != 1:
        raise InputError(f"{d_name} and {e_name} must be one-dimensional")
    arrays = {d_name: d, e_name: e}
    w = None
    if weights is not None:
        w = np.atleast_1d(np.asarray(_materialise(as_array(weights, w_name, nonnegative=True))))
        arrays[w_name] = w
    check_same_length(**arrays)
    if w is not None and not np.any(w > 0):
        raise InputError(f"parameter {w_name!r}: every weight is zero")
    return d, e, w


def _materialise(value: Any) -> Any:
    return value.compute() if is_lazy(value) else value


def _integer_bins(durations: np.ndarray) -> np.ndarray | None:
    """``durations`` as int64 bin indices when they are whole numbers of moderate range."""
    top = durations.max()
    if top > _MAX_BINS or top > 20 * durations.size + 1_000_000:
        return None
    if durations.dtype.kind in "iub":
        return durations.astype(np.int64, copy=False)
    as_int = durations.astype(np.int64)
    if not np.array_equal(as_int, durations):
        return None
    return as_int


def _coded_counts(
    codes: np.ndarray, events: np.ndarray, weights: np.ndarray | None, size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Total and event weight per code from bincounts of ``2 * code + event``.

    The codes are built and counted in chunks that stay in the processor cache: the counting
    path is bound by memory traffic, and this reads each input once.
    """
    if events.dtype.kind not in "iub":
        events = events.astype(np.int64)
    both = np.zeros(2 * size)
    coded = np.empty(min(codes.size, _CHUNK), dtype=np.int64)
    for start in range(0, codes.size, _CHUNK):
        stop = min(start + _CHUNK, codes.size)
        part = coded[: stop - start]
        np.left_shift(codes[start:stop], 1, out=part)
        np.bitwise_or(part, events[start:stop], out=part)
        chunk_weights = None if weights is None else weights[start:stop]
        both += np.bincount(part, weights=chunk_weights, minlength=2 * size)
    observed = both[1::2]
    return both[0::2] + observed, observed


def _sorted_counts(times: np.ndarray, subset: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For sorted ``subset``: how many equal each time, and how many are >= each time."""
    left = np.searchsorted(subset, times, side="left")
    right = np.searchsorted(subset, times, side="right")
    return (right - left).astype(float), (subset.size - left).astype(float)


def _sorted_event_table(durations: np.ndarray, events: np.ndarray) -> EventTable:
    """Unweighted float durations: one sort of a key that carries the event bit.

    For non-negative floats the IEEE-754 bit pattern, read as an unsigned integer, sorts like
    the value; shifted left by one it leaves room for the event indicator, so a single sort
    orders times and brings each time's events together (``+ 0.0`` turns -0.0 into 0.0).
    """
    bits = (np.asarray(durations, dtype=np.float64) + 0.0).view(np.uint64)
    key = np.left_shift(bits, np.uint64(1))
    np.bitwise_or(key, (events != 0).astype(np.uint64), out=key)
    key.sort()
    time_bits = np.right_shift(key, np.uint64(1))
    first = np.empty(key.size, dtype=bool)
    first[0] = True
    np.not_equal(time_bits[1:], time_bits[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    times = time_bits[starts].view(np.float64)
    total = np.diff(np.append(starts, key.size)).astype(float)
    observed = np.add.reduceat((key & np.uint64(1)).astype(np.int64), starts).astype(float)
    at_risk = (key.size - starts).astype(float)
    return EventTable(times, at_risk, observed, total - observed)


def event_table(
    durations: np.ndarray, events: np.ndarray, weights: np.ndarray | None = None
) -> EventTable:
    """The event table of validated records (times with zero total weight are dropped).

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.stats._event_table import event_table
    >>> t = event_table(np.array([2.0, 2.0, 3.0, 5.0]), np.array([1.0, 0.0, 1.0, 0.0]))
    >>> t.time, t.at_risk, t.events, t.censored
    (array([2., 3., 5.]), array([4., 2., 1.]), array([1., 1., 0.]), array([1., 0., 1.]))
    """
    bins = _integer_bins(durations)
    if bins is not None:
        size = int(bins.max()) + 1
        times = np.arange(size, dtype=float)
    elif weights is None:
        return _sorted_event_table(durations, events)
    else:
        times, bins = np.unique(durations, return_inverse=True)
        size = times.size
    total, observed = _coded_counts(bins, events, weights, size)
    # At risk at bin j = weight of records in bins >= j (reverse cumulative sum).
    at_risk = np.cumsum(total[::-1])[::-1]
    keep = total > 0
    return EventTable(
        times[keep].astype(float), at_risk[keep], observed[keep], (total - observed)[keep]
    )


def group_event_tables(
    durations: np.ndarray,
    events: np.ndarray,
    weights: np.ndarray | None,
    groups: np.ndarray,
    n_groups: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-group at-risk and event weights on the pooled distinct times with at least one event.

    Returns ``(time, at_risk, events)`` where ``at_risk`` and ``events`` have shape
    ``(n_times, n_groups)``; ``groups`` holds integer group codes 0 .. n_groups - 1.
    """
    bins = _integer_bins(durations)
    if bins is None and weights is None:
        times = np.unique(durations[events != 0])
        at_risk = np.empty((times.size, n_groups))
        observed = np.empty((times.size, n_groups))
        for g in range(n_groups):
            member = groups == g
            _, at_risk[:, g] = _sorted_counts(times, np.sort(durations[member]))
            observed[:, g], _ = _sorted_counts(times, np.sort(durations[member & (events != 0)]))
        return times.astype(float), at_risk, observed
    if bins is not None:
        size = int(bins.max()) + 1
        times = np.arange(size, dtype=float)
    else:
        times, bins = np.unique(durations, return_inverse=True)
        size = times.size
    total, observed = _coded_counts(bins * n_groups + groups, events, weights, size * n_groups)
    total = total.reshape(size, n_groups)
    observed = observed.reshape(size, n_groups)
    at_risk = np.cumsum(total[::-1], axis=0)[::-1]
    keep = observed.sum(axis=1) > 0
    return times[keep].astype(float), at_risk[keep], observed[keep]
