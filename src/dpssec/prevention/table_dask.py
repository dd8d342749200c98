"""Indicator tables of long tables larger than memory: sums per group, then the indicator.

Every indicator of :func:`~dpssec.prevention.table.indicator_table` is computed from **sums
within groups** (counts and populations, survey counts and totals, answers), never from rates
of rows. So a dask DataFrame (a decade of incident rows of a large member state, read from
Parquet) is reduced in the manner of dask's group-by aggregation:

1. the map step checks one partition's value and key columns with the specs of the in-memory
   path (a negative count or a zero population is refused, naming the partition and row;
   ``nan_policy="omit"`` drops rows with a missing value and counts them) and sums the value
   columns by the grouping keys (plus ``age_band`` for standardised rates and ``year`` for
   the annual percent change);
2. a tree reduction merges the partial sums (a small table: one row per group, band and year);
3. the finish step runs the in-memory :func:`~dpssec.prevention.table.indicator_table` on the
   summed table: division, intervals and **suppression after the reduction**, on the group
   totals, exactly as for a pandas DataFrame.

Counts that are whole numbers add exactly, so the table equals the in-memory one; weighted
survey totals may differ in the last bits (sums in another order).

For example:

>>> import dask.dataframe as dd
>>> import pandas as pd
>>> from dpssec.prevention import indicator_table
>>> rows = pd.DataFrame({"area": ["A", "A", "B", "B"], "sex": ["f", "m", "f", "m"],
...                      "count": [3, 12, 40, 2], "population": [10_000, 11_000, 90_000, 80]})
>>> t = indicator_table(dd.from_pandas(rows, npartitions=2), by=["area"], min_count=20)
>>> t.keys["area"].tolist(), t.value.round(2).tolist(), t.suppressed.tolist()
(['A', 'B'], [nan, 46.63], [True, False])

Area B is shown although one of its rows has 2 events: suppression applies to the group's
total (42), after the reduction.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from dpssec.boundary import Labels
from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention.table import indicator_table, value_columns
from dpssec.scale import SPLIT_EVERY, check_compute, finish, lazy_function, map_reduce, task_name

__all__ = ["GroupSums", "indicator_table_partitioned"]


class GroupSums(NamedTuple):
    """Sums of the value columns by group, and the rows read and left out."""

    sums: Any
    rows: int
    omitted: int


def _partition_sums(
    number: int,
    part: Any,
    *,
    checks: dict[str, Any],
    keys: Sequence[str],
    year: str | None,
    omit: bool,
) -> GroupSums:
    import pandas as pd

    values: dict[str, Any] = {}
    missing: Any = None
    try:
        for name, (_, spec) in checks.items():
            prepared = spec.prepare(part[name], name, missing_ok=omit)
            values[name] = np.asarray(prepared.values, dtype=float)
            if prepared.missing is not None:
                missing = prepared.missing if missing is None else missing | prepared.missing
        labels: dict[str, Any] = {}
        for name in keys:
            if name in labels or name == year:
                continue
            prepared = Labels().prepare(part[name], name, missing_ok=omit)
            assert prepared is not None  # a label column is not optional
            labels[name] = np.asarray(prepared.values)
            if prepared.missing is not None:
                missing = prepared.missing if missing is None else missing | prepared.missing
    except InputError as exc:
        raise InputError(f"data (partition {number}): {exc}") from None
    omitted = 0
    if missing is not None and np.any(missing):
        keep = ~np.asarray(missing)
        omitted = int(np.count_nonzero(~keep))
        values = {k: v[keep] for k, v in values.items()}
        labels = {k: v[keep] for k, v in labels.items()}
    frame = pd.DataFrame({**labels, **values})
    group = [k for k in keys if k in frame.columns]
    summed = [c for c in values if c not in group]
    if group:
        sums = frame.groupby(group, sort=False, dropna=False)[summed].sum()
    else:
        sums = frame[summed].sum().to_frame().T
    return GroupSums(sums, len(part), omitted)


def _merge(*parts: GroupSums) -> GroupSums:
    import pandas as pd

    frames = [p.sums for p in parts]
    both = pd.concat(frames)
    if both.index.nlevels > 1 or both.index.name is not None:
        sums = both.groupby(level=list(range(both.index.nlevels)), sort=False).sum()
    else:
        sums = both.sum().to_frame().T
    return GroupSums(sums, sum(p.rows for p in parts), sum(p.omitted for p in parts))


def _table(merged: GroupSums, options: dict[str, Any], warn: bool) -> Any:
    if warn and merged.omitted:
        warnings.warn(
            f"indicator_table: omitted {merged.omitted} of {merged.rows} rows with a missing "
            "value (nan_policy='omit')",
            DataQualityWarning,
            stacklevel=4,
        )
    sums = merged.sums
    table = sums.reset_index() if sums.index.name or sums.index.nlevels > 1 else sums
    return indicator_table(table, **{**options, "nan_policy": "raise"})


def indicator_table_partitioned(
    data: Any,
    options: dict[str, Any],
    *,
    compute: bool = True,
    split_every: int = SPLIT_EVERY,
) -> Any:
    """:func:`~dpssec.prevention.table.indicator_table` on a dask DataFrame (see the module).

    Parameters
    ----------
    data : dask DataFrame
        The long table.
    options : dict
        The other arguments of :func:`~dpssec.prevention.table.indicator_table`, parsed.
    compute : bool
        Compute with the active scheduler, or return a Delayed of the table.
    split_every : int
        Fan-in of the tree reduction.

    Returns
    -------
    IndicatorTable or Delayed
    """
    check_compute(compute)
    if getattr(data, "ndim", 2) != 2 or not hasattr(data, "columns"):
        raise InputError(
            f"data must be a DataFrame (pandas or dask) or a mapping; got {type(data).__name__}"
        )
    requested = options["indicator"]
    names = {k: options[k] for k in ("count", "population", "total", "safe", "unsafe")}
    checks = value_columns(requested, **names, unknown=options["unknown"], year=options["year"])
    columns = [str(c) for c in data.columns]
    age_band, year = options["age_band"], options["year"]
    not_keys = {options["count"], options["population"], options["total"], age_band, *checks}
    by = options["by"]
    if by is None:
        by = [c for c in columns if c not in not_keys]
    banded = requested in ("dsr", "isr", "ratio")
    keys = [*by, *([age_band] if banded else [])]
    is_apc = year in checks and checks[year][0] == "year"
    roles = [*((k, "grouping") for k in keys), *((n, r) for n, (r, _) in checks.items())]
    for name, role in roles:
        if name not in columns:
            raise InputError(
                f"column {name!r} ({role}) is not in the data; columns: {', '.join(columns)}"
            )
    group_keys = [*keys, *([year] if is_apc else [])]

    def chunk(number: int, part: Any) -> GroupSums:
        return _partition_sums(
            number, part, checks=checks, keys=group_keys, year=year if is_apc else None,
            omit=options["nan_policy"] == "omit",
        )  # fmt: skip

    wanted = sorted({*group_keys, *checks})
    merged = map_reduce(
        chunk,
        (data[wanted],),
        _merge,
        name="indicator-sums",
        names=("data",),
        with_index=True,
        split_every=split_every,
        compute=False,
    )
    final = {**options, "by": list(by)}
    if compute:
        return _table(finish(merged, True), final, True)
    return lazy_function(_table)(
        merged, final, True, dask_key_name=task_name("indicator-table", merged, sorted(final))
    )
