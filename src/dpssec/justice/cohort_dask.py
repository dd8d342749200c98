"""Release cohorts larger than memory: one pass over dask dates gives the curve and the rates.

A national prison system's releases over twenty years may not fit in memory. A
:class:`~dpssec.justice.cohort.ReleaseCohort` whose dates are dask collections (columns of a
dask DataFrame read from Parquet, or dask arrays) is **lazy**: nothing is read when it is
made. Its reductions read the partitions one at a time:

1. the map step checks one partition's dates (the in-memory rules, each message naming the
   partition, the row within it and its index label; when the library computes the result
   itself the message gives the row of the whole cohort too, counted in a second pass over
   the partitions before the bad one, made only when a check fails), derives durations, events and the potential follow-up, and keeps
   only small tables: the weight of records and of events per distinct day
   (:func:`~dpssec.stats.survival_dask.partition_counts`) and, per follow-up window, how many
   were followed for the whole window and how many of those had an event by then;
2. a tree reduction merges them (sums);
3. the finish step builds the Kaplan-Meier curve from the merged table of days (weighted
   records, :func:`~dpssec.stats.survival_dask.table_records`) and the
   :class:`~dpssec.justice.cohort.RecidivismResult` from the counts, exactly as in memory
   (:func:`~dpssec.justice.cohort.recidivism_from_counts`).

The release and event dates must be partitioned alike (two columns of one DataFrame are);
``follow_up_end`` is one date for everybody or a third such column. Persons released within
the measure's waiting period are counted in the map step and the warning of the in-memory
cohort is given when the result is computed.

For example:

>>> import dask.dataframe as dd
>>> import pandas as pd
>>> from dpssec.justice import ReleaseCohort
>>> frame = dd.from_pandas(pd.DataFrame({
...     "release": ["2020-01-01", "2020-06-01", "2021-01-01", "2023-06-01"],
...     "event": ["2020-05-01", None, "2022-03-01", None]}), npartitions=2)
>>> cohort = ReleaseCohort(frame["release"], frame["event"], "2023-12-31")
>>> cohort.lazy, round(cohort.recidivism(follow_up=365).kaplan_meier.value, 3)
(True, 0.25)
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from dpssec.boundary import is_lazy
from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice.cohort import (
    CohortRowError,
    date_column,
    follow_up_durations,
    recidivism_from_counts,
    validate_dates,
)
from dpssec.scale import (
    SPLIT_EVERY,
    check_compute,
    lazy_function,
    map_reduce,
    partition_blocks,
    task_name,
)
from dpssec.stats import kaplan_meier
from dpssec.stats.survival_dask import TimeCounts, merge_counts, partition_counts, table_records

if TYPE_CHECKING:
    from dpssec.justice.cohort import ReleaseCohort

__all__ = [
    "CohortCounts",
    "PartitionRowError",
    "check_lazy_cohort",
    "cohort_counts",
    "compute_counts",
    "global_row_error",
    "lazy_columns",
    "lazy_curve",
    "lazy_recidivism",
]

_NAMES = ("release_dates", "event_dates", "follow_up_end")


class CohortCounts(NamedTuple):
    """What a pass over a lazy cohort keeps: all a curve and the rates need."""

    counts: TimeCounts
    complete: np.ndarray
    numerator: np.ndarray
    released: int
    late: int


class PartitionRowError(CohortRowError):
    """A :class:`~dpssec.justice.cohort.CohortRowError` found in one partition of a lazy cohort.

    ``row`` is the row within partition ``partition`` (``label`` its index label, when the
    partition has an index); :func:`global_row_error` turns it into the row of the whole
    cohort.
    """

    def __init__(
        self, message: str, row: int, detail: str, partition: int, label: Any = None
    ) -> None:
        super().__init__(message, row, detail)
        self.partition = partition
        self.label = label

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.row, self.detail, self.partition, self.label))

    @classmethod
    def of(cls, error: CohortRowError, number: int, release: Any) -> PartitionRowError:
        """Place ``error`` (about row ``error.row`` of the partition ``release``) in its partition."""
        label = None
        index = getattr(release, "index", None)
        if index is not None:
            label = index[error.row]
            label = label.item() if isinstance(label, np.generic) else label
        where = f"row {error.row} of the partition"
        message = str(error).replace(f"first at row {error.row}", f"first at {where}", 1)
        if label is not None:
            message = message.replace(where, f"{where}, label {label!r}", 1)
        return cls(f"{_place(number)}: {message}", error.row, error.detail, number, label)


def _place(number: int) -> str:
    return f"dask partition {number} (.partitions[{number}])"


def _rows_before(column: Any, number: int) -> int:
    """How many records the partitions before ``number`` of a dask column hold (a pass)."""
    if number == 0:
        return 0
    if hasattr(column, "divisions"):  # a dask Series
        return int(column.partitions[:number].map_partitions(len).compute().sum())
    sizes = column.chunks[0][:number]
    if all(size == size for size in sizes):  # known chunk sizes
        return int(sum(sizes))
    from dask.base import compute

    blocks = column.to_delayed().ravel()[:number]
    lengths = compute(*(lazy_function(len)(block) for block in blocks))  # type: ignore[no-untyped-call]
    return int(sum(lengths))


def global_row_error(cohort: ReleaseCohort, error: PartitionRowError) -> CohortRowError:
    """The error of a partition restated with the row of the whole cohort (0-based)."""
    row = _rows_before(cohort.release_dates, error.partition) + error.row
    where = f"first at row {error.row} of the partition"
    message = str(error).replace(
        where, f"first at row {row} of the cohort, row {error.row} of the partition", 1
    )
    return CohortRowError(message, row, error.detail)


def compute_counts(cohort: ReleaseCohort, counts: Any) -> CohortCounts:
    """Compute the Delayed ``counts`` of :func:`cohort_counts`; a bad row is given globally."""
    try:
        computed: CohortCounts = counts.compute()
    except PartitionRowError as exc:
        raise global_row_error(cohort, exc) from None
    return computed


def check_lazy_cohort(cohort: ReleaseCohort) -> None:
    """Refuse a cohort that mixes dask and in-memory per-person dates (checked at once)."""
    for name in ("release_dates", "event_dates"):
        if not is_lazy(getattr(cohort, name)):
            raise InputError(
                f"parameter {name!r}: give the release and event dates both as dask "
                "collections (columns of one dask DataFrame) or both in memory"
            )
    end = cohort.follow_up_end
    if not is_lazy(end) and np.ndim(end) != 0:
        raise InputError(
            "parameter 'follow_up_end': for dask dates give one date for everybody or a dask "
            "column partitioned like the release dates"
        )


def _columns(cohort: ReleaseCohort) -> tuple[Any, ...]:
    end = cohort.follow_up_end
    return cohort.release_dates, cohort.event_dates, end if is_lazy(end) else None


def _plain(column: Any) -> Any:
    """A pandas column of text with pandas' NA (what Parquet and dask give) as None, index kept."""
    if hasattr(column, "dtype") and hasattr(column, "where") and column.dtype.kind not in "Mm":
        return column.astype(object).where(column.notna(), None)
    return column


def _records(
    number: int, release: Any, event: Any, end: Any, scalar_end: Any, wait: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Durations, events, potential follow-up and late releases of one checked partition."""
    try:
        r = date_column(_plain(release), "release_dates")
        e = date_column(_plain(event), "event_dates")
        ends = scalar_end if end is None else date_column(_plain(end), "follow_up_end")
        if e.shape != r.shape or np.ndim(ends) not in (0, 1):
            raise InputError(
                f"lengths differ: release_dates has {r.size} values, event_dates has {e.size}"
            )
        validate_dates(r, e, ends)
    except CohortRowError as exc:
        raise PartitionRowError.of(exc, number, release) from None
    except InputError as exc:
        raise InputError(f"partition {number}: {exc}") from None
    durations, observed = follow_up_durations.kernel(r, e, ends, wait)  # type: ignore[attr-defined]
    stop = ends - np.timedelta64(wait, "D")
    potential = np.maximum((stop - r).astype(np.int64), 0).astype(float)
    late = int(np.count_nonzero(r > stop)) if wait else 0
    return durations, observed, potential, late


def _partition(
    number: int,
    release: Any,
    event: Any,
    end: Any,
    *,
    scalar_end: Any,
    wait: int,
    horizon: np.ndarray,
) -> CohortCounts:
    durations, events, potential, late = _records(number, release, event, end, scalar_end, wait)
    complete = np.array([np.count_nonzero(potential >= h) for h in horizon], dtype=float)
    numerator = np.array(
        [np.count_nonzero((potential >= h) & (events == 1) & (durations <= h)) for h in horizon],
        dtype=float,
    )
    return CohortCounts(
        partition_counts(durations, events), complete, numerator, int(durations.size), late
    )


def _merge(*parts: CohortCounts) -> CohortCounts:
    return CohortCounts(
        merge_counts(*(p.counts for p in parts)),
        np.sum([p.complete for p in parts], axis=0),
        np.sum([p.numerator for p in parts], axis=0),
        sum(p.released for p in parts),
        sum(p.late for p in parts),
    )


def cohort_counts(cohort: ReleaseCohort, horizon: np.ndarray, **options: Any) -> Any:
    """A Delayed :class:`CohortCounts` of a lazy cohort for the follow-up windows ``horizon``."""
    horizon = np.atleast_1d(np.asarray(horizon, dtype=float))
    scalar_end = None if is_lazy(cohort.follow_up_end) else cohort.follow_up_end

    def chunk(number: int, release: Any, event: Any, end: Any = None) -> CohortCounts:
        return _partition(
            number, release, event, end, scalar_end=scalar_end,
            wait=cohort.measure.waiting_period_days, horizon=horizon,
        )  # fmt: skip

    return map_reduce(
        chunk,
        _columns(cohort),
        _merge,
        name="release-cohort",
        names=_NAMES,
        with_index=True,
        compute=False,
        split_every=options.get("split_every", SPLIT_EVERY),
    )


def _warn_late(cohort: ReleaseCohort, counts: CohortCounts) -> None:
    if counts.late:
        warnings.warn(
            f"{counts.late} of {counts.released} persons were released within the "
            f"{cohort.measure.waiting_period_days}-day waiting period before follow_up_end: "
            "they have 0 days of follow-up, are censored at release and add nothing to the "
            "rates; consider leaving them out of the cohort",
            DataQualityWarning,
            stacklevel=4,
        )


def _curve(counts: CohortCounts, confidence: float, ci: str) -> Any:
    if counts.released == 0:
        raise InputError("parameter 'release_dates' must list at least one release")
    durations, events, weights = table_records(counts.counts)
    return kaplan_meier(durations, events, weights=weights, confidence=confidence, ci=ci)


def _finish_curve(cohort: ReleaseCohort, counts: CohortCounts, confidence: float, ci: str) -> Any:
    _warn_late(cohort, counts)
    return _curve(counts, confidence, ci)


def lazy_curve(
    cohort: ReleaseCohort,
    *,
    confidence: float = 0.95,
    ci: str = "log-log",
    compute: bool = True,
    split_every: int = SPLIT_EVERY,
) -> Any:
    """The Kaplan-Meier curve of a lazy cohort (a Delayed of it with ``compute=False``)."""
    check_compute(compute)
    counts = cohort_counts(cohort, np.zeros(0), split_every=split_every)
    if compute:
        return _finish_curve(cohort, compute_counts(cohort, counts), confidence, ci)
    return lazy_function(_finish_curve)(
        cohort, counts, confidence, ci, dask_key_name=task_name("cohort-curve", counts, ci)
    )


def _finish_recidivism(
    cohort: ReleaseCohort, horizon: np.ndarray, counts: CohortCounts, confidence: float, ci: str
) -> Any:
    _warn_late(cohort, counts)
    curve = _curve(counts, confidence, ci)
    windows = np.atleast_1d(horizon)
    table = counts.counts
    events_by = np.array([table.events[table.time <= h].sum() for h in windows], dtype=float)
    return recidivism_from_counts(
        cohort,
        curve,
        horizon,
        counts.numerator,
        counts.complete,
        events_by,
        counts.released,
        ci,
    )


def lazy_recidivism(
    cohort: ReleaseCohort,
    horizon: np.ndarray,
    *,
    confidence: float = 0.95,
    ci: str = "log-log",
    compute: bool = True,
    split_every: int = SPLIT_EVERY,
) -> Any:
    """:func:`~dpssec.justice.cohort.analyse_recidivism` of a lazy cohort, in one pass."""
    check_compute(compute)
    counts = cohort_counts(cohort, horizon, split_every=split_every)
    if compute:
        return _finish_recidivism(cohort, horizon, compute_counts(cohort, counts), confidence, ci)
    return lazy_function(_finish_recidivism)(
        cohort, horizon, counts, confidence, ci,
        dask_key_name=task_name("cohort-recidivism", counts, horizon, ci),
    )  # fmt: skip


def lazy_columns(cohort: ReleaseCohort) -> tuple[Any, Any, Any]:
    """Durations [days], events and potential follow-up [days] of a lazy cohort as dask
    arrays (one block per partition, lengths unknown until computed)."""
    import dask.array as da

    scalar_end = None if is_lazy(cohort.follow_up_end) else cohort.follow_up_end
    wait = cohort.measure.waiting_period_days
    columns = _columns(cohort)
    records = lazy_function(_records)
    parts = [
        records(i, release, event, end, scalar_end, wait,
                dask_key_name=task_name("cohort-records", i, release, event, end, wait))
        for i, (release, event, end) in enumerate(partition_blocks(columns, _NAMES))
    ]  # fmt: skip
    pick = lazy_function(_pick)
    out = []
    for k in range(3):
        blocks = [
            da.from_delayed(  # type: ignore[no-untyped-call]
                pick(p, k, dask_key_name=task_name("cohort-column", p, k)),
                shape=(np.nan,),
                dtype=float,
            )
            for p in parts
        ]
        out.append(da.concatenate(blocks))  # type: ignore[no-untyped-call]
    return out[0], out[1], out[2]


def _pick(records: tuple[Any, ...], k: int) -> np.ndarray:
    return np.asarray(records[k], dtype=float)
