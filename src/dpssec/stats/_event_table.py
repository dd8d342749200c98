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

The records arrive checked by the calculators' declarations (``Duration()``, ``Indicator()``,
weights ``Count(whole=False)``): durations >= 0 in days (or the unit of plain numbers), events
0/1, integer arrays unconverted. Kaplan-Meier, Nelson-Aalen and the two-group log-rank test
send dask input to :mod:`dpssec.stats.survival_dask`, which runs :func:`event_table` on each
partition and merges the tables; dask input that reaches this module (the k-group log-rank
test) is materialised here (one ``dask.compute`` call).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from dpssec.boundary.arrays import is_lazy
from dpssec.errors import InputError

__all__ = [
    "EventTable",
    "event_table",
    "group_event_tables",
    "materialised_records",
    "records_table",
]

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


def materialised_records(
    durations: Any,
    events: Any,
    weights: Any = None,
    *,
    names: tuple[str, str, str] = ("durations", "events", "weights"),
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Checked records as 1-D numpy arrays (dask computed once); empty or weightless refused.

    A survival curve needs at least one record, and frequency weights that are all zero leave
    nothing to count: both are refused here, naming the parameter.
    """
    if is_lazy(durations) or is_lazy(events) or is_lazy(weights):
        from dask.base import compute

        durations, events, weights = compute(durations, events, weights)  # type: ignore[no-untyped-call]
    d, e = np.atleast_1d(durations), np.atleast_1d(events)
    d, e = np.broadcast_arrays(d, e) if d.shape != e.shape else (d, e)
    if d.size == 0:
        raise InputError(f"parameter {names[0]!r} is empty: a survival curve needs records")
    w = None
    if weights is not None:
        w = np.broadcast_to(np.atleast_1d(weights), d.shape)
        if not np.any(w > 0):
            raise InputError(f"parameter {names[2]!r}: every weight is zero")
    return d, e, w


def _integer_bins(durations: np.ndarray) -> np.ndarray | None:
    """``durations`` as int64 bin indices when they are whole numbers of moderate range."""
    top = durations.max()  # ~0.2 ms per million records; the range decides the path
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
        # One table per group (one sort each), then look the pooled event times up in each.
        tables = []
        for g in range(n_groups):
            member = groups == g
            tables.append(_sorted_event_table(durations[member], events[member]))
        times = np.unique(np.concatenate([t.time[t.events > 0] for t in tables]))
        at_risk = np.zeros((times.size, n_groups))
        observed = np.zeros((times.size, n_groups))
        for g, table in enumerate(tables):
            index = np.searchsorted(table.time, times, side="left")
            inside = index < table.time.size
            safe = np.minimum(index, table.time.size - 1)
            at_risk[:, g] = np.where(inside, table.at_risk[safe], 0.0)
            same = inside & (table.time[safe] == times)
            observed[:, g] = np.where(same, table.events[safe], 0.0)
        return times, at_risk, observed
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


def _unsigned(arr: np.ndarray) -> np.ndarray:
    """The same memory read as unsigned integers (a negative value becomes huge)."""
    return arr.view(np.dtype(f"u{arr.dtype.itemsize}")) if arr.dtype.kind == "i" else arr


def _fused_integer_table(durations: Any, events: Any) -> EventTable | None:
    """Count integer records in one chunked pass; None when another path must run.

    For integer (or boolean) durations and events without weights, the ``2 * day + event``
    counting is done chunk by chunk while each chunk is in cache, so every input is read from
    memory once. A large range of days, or other types, returns None (the general path).
    """
    if not (isinstance(durations, np.ndarray) and isinstance(events, np.ndarray)):
        return None
    if durations.dtype.kind not in "iu" or events.dtype.kind not in "iub":
        return None
    if durations.ndim != 1 or events.shape != durations.shape or durations.size == 0:
        return None
    limit = min(_MAX_BINS, 20 * durations.size + 1_000_000)
    d_check = _unsigned(durations)
    counts = np.zeros(0)
    coded = np.empty(min(durations.size, _CHUNK), dtype=np.int64)
    for start in range(0, durations.size, _CHUNK):
        stop = min(start + _CHUNK, durations.size)
        if int(d_check[start:stop].max()) > limit:
            return None
        part = coded[: stop - start]
        # Widen inside the chunk: shifting an int8 day count in its own type would overflow.
        np.left_shift(durations[start:stop].astype(np.int64, copy=False), 1, out=part)
        np.bitwise_or(part, events[start:stop].astype(np.int64, copy=False), out=part)
        found = np.bincount(part)
        if found.size > counts.size:
            counts = np.concatenate([counts, np.zeros(found.size - counts.size)])
        counts[: found.size] += found
    if counts.size % 2:
        counts = np.append(counts, 0.0)
    observed = counts[1::2]
    total = counts[0::2] + observed
    at_risk = np.cumsum(total[::-1])[::-1]
    keep = total > 0
    times = np.flatnonzero(keep).astype(float)
    return EventTable(times, at_risk[keep], observed[keep], (total - observed)[keep])


def records_table(
    durations: Any,
    events: Any,
    weights: Any = None,
    *,
    names: tuple[str, str, str] = ("durations", "events", "weights"),
) -> EventTable:
    """The event table of one sample of checked records (dask input computed here)."""
    d, e, w = materialised_records(durations, events, weights, names=names)
    if w is None:
        fused = _fused_integer_table(d, e)
        if fused is not None:
            return fused
    return event_table(d, e, w)
