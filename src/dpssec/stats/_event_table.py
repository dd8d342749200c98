"""Counting kernel shared by Kaplan-Meier, Nelson-Aalen and the log-rank test.

Turns individual records (duration, event, frequency weight) into the table of distinct times
with the number at risk just before each time, events and censorings. Two paths give the same
table:

* integer durations (days, weeks) of moderate range: one ``np.bincount`` per column, O(n);
* other durations: ``np.unique`` (a sort) and ``np.bincount`` on the inverse index.

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


class EventTable(NamedTuple):
    """Distinct times (ascending) with the weight at risk, of events and of censorings."""

    time: np.ndarray
    at_risk: np.ndarray
    events: np.ndarray
    censored: np.ndarray


def _materialise(value: Any) -> Any:
    if is_lazy(value):
        return value.compute()
    return value


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
    d = np.atleast_1d(_materialise(as_array(durations, d_name, nonnegative=True)))
    e = np.atleast_1d(_materialise(as_array(events, e_name, binary=True)))
    if d.ndim != 1 or e.ndim != 1:
        raise InputError(f"{d_name} and {e_name} must be one-dimensional")
    arrays = {d_name: d, e_name: e}
    w = None
    if weights is not None:
        w = np.atleast_1d(_materialise(as_array(weights, w_name, nonnegative=True)))
        arrays[w_name] = w
    check_same_length(**arrays)
    if w is not None and not np.any(w > 0):
        raise InputError(f"parameter {w_name!r}: every weight is zero")
    return d, e, w


def _integer_bins(durations: np.ndarray) -> np.ndarray | None:
    """``durations`` as int64 bin indices when they are whole numbers of moderate range."""
    top = durations.max()
    if top > _MAX_BINS or top > 20 * durations.size + 1_000_000:
        return None
    as_int = durations.astype(np.int64)
    if not np.array_equal(as_int, durations):
        return None
    return as_int


def _table_from_bins(times: np.ndarray, total: np.ndarray, observed: np.ndarray) -> EventTable:
    # At risk at bin j = weight of records in bins >= j (reverse cumulative sum).
    at_risk = np.cumsum(total[::-1])[::-1]
    keep = total > 0
    return EventTable(times[keep], at_risk[keep], observed[keep], (total - observed)[keep])


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
    observed_weight = events if weights is None else events * weights
    bins = _integer_bins(durations)
    if bins is not None:
        size = int(bins.max()) + 1
        total = np.bincount(bins, weights=weights, minlength=size).astype(float)
        observed = np.bincount(bins, weights=observed_weight, minlength=size)
        return _table_from_bins(np.arange(size, dtype=float), total, observed)
    times, inverse = np.unique(durations, return_inverse=True)
    total = np.bincount(inverse, weights=weights, minlength=times.size).astype(float)
    observed = np.bincount(inverse, weights=observed_weight, minlength=times.size)
    return _table_from_bins(times, total, observed)


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
    observed_weight = events if weights is None else events * weights
    bins = _integer_bins(durations)
    if bins is not None:
        size = int(bins.max()) + 1
        times = np.arange(size, dtype=float)
    else:
        times, bins = np.unique(durations, return_inverse=True)
        size = times.size
    index = bins * n_groups + groups
    total = np.bincount(index, weights=weights, minlength=size * n_groups).astype(float)
    observed = np.bincount(index, weights=observed_weight, minlength=size * n_groups)
    total = total.reshape(size, n_groups)
    observed = observed.reshape(size, n_groups)
    at_risk = np.cumsum(total[::-1], axis=0)[::-1]
    keep = observed.sum(axis=1) > 0
    return times[keep], at_risk[keep], observed[keep]
