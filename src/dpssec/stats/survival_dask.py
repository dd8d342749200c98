"""Survival curves and tests of records larger than memory: per-partition counts, merged.

A Kaplan-Meier or Nelson-Aalen curve and a log-rank test need only the *event table*: for each
distinct time, the weight of records ending there and of events among them; the number at
risk is the reverse cumulative sum of the first. Both are sums, so a dask collection of
records is reduced without ever holding the records:

1. the map step builds each partition's :class:`TimeCounts` with the in-memory counting
   kernel (:func:`~dpssec.stats._event_table.event_table`: one ``bincount`` for whole-day
   durations, one sort for other times), a table of at most as many rows as distinct times;
2. a tree reduction merges the tables ``split_every`` at a time (the union of their times,
   weights added);
3. the finish step turns the merged counts into the in-memory calculator's input: one record
   per (time, event or censoring) with the count as its frequency weight
   (:func:`table_records`). A weighted table gives the curve of the expanded records (the
   counts are exact integers in float64 up to 2**53, and the at-risk sums add the same
   integers), so :func:`~dpssec.stats.kaplan_meier`, :func:`~dpssec.stats.nelson_aalen` and
   :func:`~dpssec.stats.logrank_test` finish the job unchanged (:func:`reduce_records`).

With whole-day durations the tables have one row per distinct day (a few thousand over a
decade of follow-up), whatever the number of records. With float durations that are mostly
distinct the merged table is as long as the data: round durations to days (or hours) first.

For example:

>>> import dask.array as da
>>> from dpssec.stats.survival_dask import lazy_event_table
>>> d = da.from_array([9, 13, 13, 18, 23], chunks=2)
>>> e = da.from_array([1, 1, 0, 1, 1], chunks=2)
>>> table = lazy_event_table(d, e).compute()
>>> table.time, table.at_risk, table.events
(array([ 9., 13., 18., 23.]), array([5., 4., 2., 1.]), array([1., 1., 1., 1.]))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np

from dpssec.boundary import is_lazy
from dpssec.errors import InputError
from dpssec.scale import (
    SPLIT_EVERY,
    finish,
    lazy_function,
    map_reduce,
    task_name,
)
from dpssec.stats._event_table import EventTable, event_table

__all__ = [
    "RECORD_NAMES",
    "TimeCounts",
    "as_dask_sample",
    "counts_table",
    "lazy_counts",
    "lazy_event_table",
    "merge_counts",
    "partition_counts",
    "reduce_records",
    "table_records",
]


RECORD_NAMES = ("durations", "events", "weights")
"""The parameter names of one sample of records (Kaplan-Meier, Nelson-Aalen)."""


class TimeCounts(NamedTuple):
    """Distinct times (ascending) with the weight of records ending there and of events."""

    time: np.ndarray
    total: np.ndarray
    events: np.ndarray


_EMPTY = TimeCounts(np.zeros(0), np.zeros(0), np.zeros(0))


def partition_counts(durations: Any, events: Any, weights: Any = None) -> TimeCounts:
    """The counts of one partition of checked records (numpy arrays or pandas Series).

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.stats.survival_dask import partition_counts
    >>> partition_counts(np.array([2, 2, 5]), np.array([1, 0, 1]))
    TimeCounts(time=array([2., 5.]), total=array([2., 1.]), events=array([1., 1.]))
    """
    d = np.asarray(durations).reshape(-1)
    if d.size == 0:
        return _EMPTY
    e = np.broadcast_to(np.asarray(events).reshape(-1), d.shape)
    w = None
    if weights is not None:
        w = np.broadcast_to(np.asarray(weights, dtype=float).reshape(-1), d.shape)
        if not np.any(w > 0):
            return _EMPTY
    table = event_table(d, np.ascontiguousarray(e), w)
    return TimeCounts(table.time, table.events + table.censored, table.events)


def merge_counts(*parts: TimeCounts) -> TimeCounts:
    """The union of the tables' times, with their weights added (associative).

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.stats.survival_dask import TimeCounts, merge_counts
    >>> a = TimeCounts(np.array([1.0, 4.0]), np.array([2.0, 1.0]), np.array([1.0, 0.0]))
    >>> b = TimeCounts(np.array([4.0, 7.0]), np.array([3.0, 1.0]), np.array([2.0, 1.0]))
    >>> merge_counts(a, b).total
    array([2., 4., 1.])
    """
    present = [p for p in parts if p.time.size]
    if len(present) <= 1:
        return present[0] if present else _EMPTY
    time = np.concatenate([p.time for p in present])
    distinct, where = np.unique(time, return_inverse=True)
    where = where.reshape(-1)
    total = np.bincount(where, np.concatenate([p.total for p in present]), distinct.size)
    events = np.bincount(where, np.concatenate([p.events for p in present]), distinct.size)
    return TimeCounts(distinct, total, events)


def counts_table(
    counts: TimeCounts, names: Sequence[str] = ("durations", "events", "weights")
) -> EventTable:
    """The event table of the merged counts (at risk: weight of records lasting >= t).

    Raises
    ------
    InputError
        No records at all, or frequency weights that are all zero.
    """
    if counts.time.size == 0:
        raise InputError(
            f"parameter {names[0]!r} is empty (or every {names[2]!r} is zero): a survival "
            "curve needs records"
        )
    at_risk = np.cumsum(counts.total[::-1])[::-1]
    return EventTable(counts.time, at_risk, counts.events, counts.total - counts.events)


def lazy_event_table(
    durations: Any,
    events: Any,
    weights: Any = None,
    *,
    names: Sequence[str] = ("durations", "events", "weights"),
    split_every: int = SPLIT_EVERY,
) -> Any:
    """A Delayed :class:`~dpssec.stats._event_table.EventTable` of dask records.

    Parameters
    ----------
    durations, events : dask array or dask Series
        Checked records (the calculators' declarations check each block when it is read).
    weights : dask array or dask Series, optional
        Frequency weights.
    names : sequence of str
        Parameter names for messages.
    split_every : int
        Fan-in of the tree reduction.
    """
    columns = (durations, events, weights)
    return map_reduce(
        partition_counts,
        columns,
        merge_counts,
        lambda counts: counts_table(counts, names),
        name="event-table",
        names=names,
        split_every=split_every,
        compute=False,
    )


def lazy_counts(
    durations: Any,
    events: Any,
    weights: Any = None,
    *,
    names: Sequence[str] = ("durations", "events", "weights"),
    split_every: int = SPLIT_EVERY,
) -> Any:
    """A Delayed :class:`TimeCounts` of one sample of dask records (map, then tree merge)."""
    return map_reduce(
        partition_counts,
        (durations, events, weights),
        merge_counts,
        name="event-table",
        names=names,
        split_every=split_every,
        compute=False,
    )


def table_records(
    counts: TimeCounts, names: Sequence[str] = ("durations", "events", "weights")
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(durations, events, weights): one weighted record per time with events, one per time
    with censorings (the input that gives an in-memory calculator the same table).

    Raises
    ------
    InputError
        No records, or every weight zero.

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.stats.survival_dask import TimeCounts, table_records
    >>> table_records(TimeCounts(np.array([2.0, 5.0]), np.array([3.0, 1.0]), np.array([1.0, 1.0])))
    (array([2., 2., 5.]), array([1, 0, 1]), array([1., 2., 1.]))
    """
    counts_table(counts, names)  # refuses an empty table
    censored = counts.total - counts.events
    time = np.repeat(counts.time, 2)
    events = np.tile(np.array([1, 0]), counts.time.size)
    weights = np.column_stack([counts.events, censored]).reshape(-1)
    keep = weights > 0
    return time[keep], events[keep], weights[keep]


def _finish_records(
    function: Callable[..., Any],
    names: Sequence[Sequence[str]],
    options: dict[str, Any],
    *samples: TimeCounts,
) -> Any:
    arguments: list[Any] = []
    weights: dict[str, Any] = {}
    for counts, (d_name, e_name, w_name) in zip(samples, names, strict=True):
        durations, events, w = table_records(counts, (d_name, e_name, w_name))
        arguments += [durations, events]
        weights[w_name] = w
    return function(*arguments, **weights, **options)


def reduce_records(
    function: Callable[..., Any],
    samples: Sequence[tuple[Any, Any, Any]],
    names: Sequence[Sequence[str]],
    *,
    compute: bool = True,
    split_every: int = SPLIT_EVERY,
    **options: Any,
) -> Any:
    """Run a survival calculator on dask records through their merged tables of times.

    Parameters
    ----------
    function : callable
        The in-memory calculator, called as ``function(d_1, e_1, ..., w_1=..., **options)``
        with each sample's table as weighted records (:func:`table_records`).
    samples : sequence of (durations, events, weights)
        One tuple of dask columns per sample (weights may be None).
    names : sequence of (durations, events, weights) names
        The calculator's parameter names of each sample (the weights' name is its keyword).
    compute : bool
        Compute with the active scheduler, or return a Delayed of the result.
    split_every : int
        Fan-in of the tree reductions.
    **options
        Passed to ``function`` (``confidence``, ``ci``...).

    Examples
    --------
    >>> import dask.array as da
    >>> from dpssec.stats import kaplan_meier
    >>> from dpssec.stats.survival_dask import reduce_records
    >>> d = da.from_array([9, 13, 13, 18, 23], chunks=2)
    >>> e = da.from_array([1, 1, 0, 1, 1], chunks=2)
    >>> curve = reduce_records(kaplan_meier, [(d, e, None)],
    ...                        [("durations", "events", "weights")], ci="log")
    >>> curve.survival.tolist(), curve.ci_method
    ([0.8, 0.6, 0.3, 0.0], 'log')
    """
    tables = [
        lazy_counts(d, e, w, names=n, split_every=split_every)
        for (d, e, w), n in zip(samples, names, strict=True)
    ]
    name = getattr(function, "__name__", "survival").replace("_", "-")
    result = lazy_function(_finish_records)(
        function,
        [tuple(n) for n in names],
        options,
        *tables,
        dask_key_name=task_name(name, *tables, sorted(options.items())),
    )
    return finish(result, compute)


def as_dask_sample(durations: Any, events: Any, weights: Any) -> tuple[Any, Any, Any]:
    """One sample's columns as dask arrays when another sample of the call is dask.

    A two-sample test may get one group in memory and the other as dask: the in-memory group
    becomes a one-block dask array, so that every group is reduced the same way.
    """
    import dask.array as da

    columns = [durations, events, weights]
    if any(is_lazy(c) for c in columns if c is not None):
        return durations, events, weights
    arrays = [None if c is None else np.atleast_1d(np.asarray(c)) for c in columns]
    n = max(a.shape[0] for a in arrays if a is not None)
    out = [
        None if a is None else da.from_array(np.broadcast_to(a, (n,)), chunks=-1)  # type: ignore[no-untyped-call]
        for a in arrays
    ]
    return out[0], out[1], out[2]
