"""Reconcile registers larger than memory: hash buckets of the normalised identity, on dask.

:func:`~dpssec.arms.firearms.reconcile_inventory` calls :func:`reconcile_partitioned` when the
register or the count is a dask DataFrame (a regional register merged across agencies, read
from Parquet). Every comparison the reconciliation makes is between rows that share the
normalised serial number with O/0 and I/1 folded together and the normalised manufacturer:

* an exact match, a duplicate serial and a status conflict share the serial and the maker;
* a near match shares the folded serial and the maker (or the serial, the maker and not the
  model).

So the two tables are **hash-partitioned** on that key (a dask shuffle, on disk with the
distributed peer-to-peer method): every bucket holds every copy of its identities from both
tables, duplicates across the original partitions meet in one bucket, and the in-memory
kernel :func:`~dpssec.arms.firearms.reconcile.reconcile_tables` reconciles each bucket on its
own (the map step). The buckets' discrepancies are merged by a tree reduction and put in row
order at the end, which gives the categories and rows of the in-memory path.

Row numbers: a ``rows`` column, when the frame has one; otherwise the 1-based position in the
frame. The positions are found without an extra pass: each bucket counts its rows of every
input partition, the counts are summed in the tree, and the final step turns (partition,
position in the partition) into the position in the frame. A row that fails the register's
checks raises :class:`~dpssec.errors.SchemaError` from the bucket that holds it, listing that
bucket's problems as "row L of partition P" (``ddf.partitions[P]``; the numbers of the
``rows`` column when there is one).

The hash is FNV-1a over the code points of each string without the array's padding, so it is
the same in every process and on every machine, whatever the width of a partition's strings.

For example:

>>> import dask.dataframe as dd
>>> import pandas as pd
>>> from dpssec.arms.firearms import reconcile_inventory
>>> register = dd.from_pandas(pd.DataFrame({
...     "serial_number": ["A-1", "B-2", "C-3", "C-3"], "manufacturer": ["CZ"] * 4,
...     "model": ["75", "75", "75", "75 B"]}), npartitions=2)
>>> counted = dd.from_pandas(pd.DataFrame({
...     "serial_number": ["a1", "D-4"], "manufacturer": ["cz", "CZ"], "model": ["75", "75"]}),
...     npartitions=1)
>>> result = reconcile_inventory(register, counted)
>>> result.missing_rows, result.unregistered_rows, result.duplicates[0].rows
((2, 3, 4), (2,), (3, 4))
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import attrs
import numpy as np

from dpssec.arms.firearms.identity_kernels import confusable_fold, normalise_text
from dpssec.arms.firearms.reconcile import (
    FRAME_COLUMNS,
    InventoryReconciliation,
    as_register,
    frame_columns,
    reconcile_tables,
    warn_if_empty,
)
from dpssec.arms.firearms.records import FirearmStatus
from dpssec.arms.firearms.register import FirearmRegister
from dpssec.boundary import is_lazy
from dpssec.errors import InputError, SchemaError
from dpssec.scale import (
    SPLIT_EVERY,
    check_compute,
    finish,
    lazy_function,
    task_name,
    tree_reduce,
)

__all__ = ["bucket_of", "reconcile_partitioned"]

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)


def _stable_hash(values: np.ndarray, h: np.ndarray | None = None) -> np.ndarray:
    """FNV-1a over the code points of each string, skipping the array's zero padding."""
    if values.shape[0] == 0:
        return np.zeros(0, dtype=np.uint64)
    codes = np.ascontiguousarray(values).view(np.uint32).reshape(values.shape[0], -1)
    if h is None:
        h = np.full(values.shape[0], _FNV_OFFSET, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(codes.shape[1]):
            column = codes[:, j]
            h = np.where(column != 0, (h ^ column.astype(np.uint64)) * _FNV_PRIME, h)
        return (h ^ np.uint64(0x1F)) * _FNV_PRIME  # a column break between two strings


def bucket_of(serial_number: Any, manufacturer: Any, buckets: int) -> np.ndarray:
    """The hash bucket of each row: of the folded normalised serial and the normalised maker.

    Rows that are one weapon in the reconciliation's sense (an exact match, a duplicate, a
    near match by O/0 or I/1, a near match by model) share their bucket.

    >>> from dpssec.arms.firearms.reconcile_dask import bucket_of
    >>> b = bucket_of(["BO-1207", "b0 12o7", "X-9"], ["Beretta", "BERETTA", "CZ"], 16)
    >>> bool(b[0] == b[1]), b.dtype
    (True, dtype('int64'))
    """
    serial = confusable_fold(normalise_text(serial_number))
    maker = normalise_text(manufacturer)
    if serial.dtype.itemsize == 0:
        serial = serial.astype("U1")
    h = _stable_hash(maker, _stable_hash(serial))
    return (h % np.uint64(buckets)).astype(np.int64)


def _to_frame(value: Any, name: str) -> Any:
    """A dask DataFrame of the register's columns (in-memory tables become one partition)."""
    import dask.dataframe as dd
    import pandas as pd

    if is_lazy(value):
        if getattr(value, "ndim", None) != 2 or not hasattr(value, "columns"):
            raise InputError(
                f"{name}: a dask {type(value).__name__}; give a dask DataFrame with the "
                "register's columns"
            )
        return value
    if isinstance(value, FirearmRegister):
        table = value
    elif hasattr(value, "columns") and hasattr(value, "to_numpy"):  # a pandas DataFrame
        return dd.from_pandas(value, npartitions=1)  # type: ignore[no-untyped-call]
    else:
        table = as_register(value, name)
    columns = dict(table.to_columns())
    columns["rows"] = table.rows
    return dd.from_pandas(pd.DataFrame(columns), npartitions=1)  # type: ignore[no-untyped-call]


_SHIFT = 32  # an unnumbered row is (partition << 32) + position + 1 until the offsets are known


def _tag(part: Any, table: int, buckets: int, partition_info: dict[str, Any] | None = None) -> Any:
    """Add the bucket, the table (0 register, 1 count) and the order of each row."""
    number = 0 if partition_info is None else int(partition_info["number"])
    n = len(part)
    order = (np.int64(number) << _SHIFT) + np.arange(n, dtype=np.int64)
    rows = part["rows"].to_numpy(dtype=np.int64) if "rows" in part.columns else order + 1
    columns = frame_columns(
        part[["serial_number", "manufacturer"]], "register" if table == 0 else "count"
    )
    return part.assign(
        _table=np.full(n, table, dtype=np.int8),
        _order=order,
        _row=rows,
        _bucket=bucket_of(columns["serial_number"], columns["manufacturer"], buckets),
    )


def _tagged(frame: Any, table: int, buckets: int) -> Any:
    name = "register" if table == 0 else "count"
    columns = [str(c) for c in frame.columns if c not in ("source", "notes")]
    if not set(columns) <= FRAME_COLUMNS or not {"serial_number", "manufacturer"} <= set(columns):
        raise InputError(
            f"{name}: unexpected columns {sorted(columns)}; a register needs serial_number and "
            "manufacturer"
        )
    kept = frame[columns]
    meta = kept._meta.assign(
        _table=np.int8(0), _order=np.int64(0), _row=np.int64(0), _bucket=np.int64(0)
    )
    return kept.map_partitions(_tag, table, buckets, meta=meta)


def _partition_rows(message: str) -> str:
    """ "row N" of an unnumbered row as "row L of partition P" (the offsets are not known yet)."""

    def repl(match: re.Match[str]) -> str:
        value = int(match.group(1)) - 1
        if value >> _SHIFT == 0 and "partition" not in match.group(0):
            return f"row {value + 1} of partition 0"
        return f"row {(value & ((1 << _SHIFT) - 1)) + 1} of partition {value >> _SHIFT}"

    return re.sub(r"row (\d+)", repl, message)


def _bucket_table(
    part: Any, table: int, columns: Sequence[str], source: str, numbered: bool
) -> FirearmRegister:
    rows = part[part["_table"] == table].sort_values("_order", kind="stable")
    data = frame_columns(rows[list(columns)], source)
    data.pop("rows", None)
    try:
        return FirearmRegister.from_columns(
            **data, rows=rows["_row"].to_numpy(dtype=np.int64), source=source
        )
    except SchemaError as exc:
        if numbered:
            raise
        raise SchemaError(
            _partition_rows(str(exc)), errors=[_partition_rows(e) for e in exc.errors]
        ) from None


class _Partial(NamedTuple):
    """What the map step returns: the bucket's discrepancies and rows per input partition."""

    result: InventoryReconciliation
    register_rows: np.ndarray
    counted_rows: np.ndarray


def _rows_per_partition(part: Any, table: int) -> np.ndarray:
    order = part.loc[part["_table"] == table, "_order"].to_numpy(dtype=np.int64)
    return np.bincount(order >> _SHIFT) if order.size else np.zeros(0, dtype=np.int64)


def _reconcile_bucket(
    part: Any,
    register_columns: Sequence[str],
    counted_columns: Sequence[str],
    numbered: tuple[bool, bool],
    expected: frozenset[FirearmStatus],
) -> _Partial:
    """The map step: the in-memory reconciliation of one hash bucket (or several)."""
    reg = _bucket_table(part, 0, register_columns, "register", numbered[0])
    cnt = _bucket_table(part, 1, counted_columns, "count", numbered[1])
    return _Partial(
        reconcile_tables(reg, cnt, set(expected)),
        _rows_per_partition(part, 0),
        _rows_per_partition(part, 1),
    )


def _add(arrays: Sequence[np.ndarray]) -> np.ndarray:
    total = np.zeros(max(a.size for a in arrays), dtype=np.int64)
    for a in arrays:
        total[: a.size] += a
    return total


def _merge(*parts: _Partial) -> _Partial:
    """Concatenate the discrepancies of several buckets (put in row order at the end)."""
    results = [p.result for p in parts]
    merged = InventoryReconciliation(
        missing=tuple(r for p in results for r in p.missing),
        unregistered=tuple(r for p in results for r in p.unregistered),
        duplicates=tuple(d for p in results for d in p.duplicates),
        status_conflicts=tuple(c for p in results for c in p.status_conflicts),
        near_matches=tuple(m for p in results for m in p.near_matches),
        missing_rows=tuple(r for p in results for r in p.missing_rows),
        unregistered_rows=tuple(r for p in results for r in p.unregistered_rows),
        register_size=sum(p.register_size for p in results),
        counted_size=sum(p.counted_size for p in results),
        matched=sum(p.matched for p in results),
        expected_statuses=results[0].expected_statuses,
    )
    return _Partial(
        merged, _add([p.register_rows for p in parts]), _add([p.counted_rows for p in parts])
    )


def _renumber(lengths: np.ndarray | None) -> Callable[[int], int]:
    """Encoded (partition, position) rows to 1-based positions in the whole frame."""
    if lengths is None:
        return lambda row: row
    offsets = np.concatenate([[0], np.cumsum(lengths)]).tolist()
    mask = (1 << _SHIFT) - 1
    return lambda row: int(offsets[(row - 1) >> _SHIFT] + ((row - 1) & mask) + 1)


def _finish(partial: _Partial, numbered: tuple[bool, bool]) -> InventoryReconciliation:
    """Global row numbers, then the in-memory path's order (by register row, by count row,
    register duplicates first)."""
    merged = partial.result
    warn_if_empty(merged.register_size, "register", merged.counted_size, "count")
    reg_row = _renumber(None if numbered[0] else partial.register_rows)
    cnt_row = _renumber(None if numbered[1] else partial.counted_rows)
    missing = sorted(
        zip(map(reg_row, merged.missing_rows), merged.missing, strict=True), key=lambda p: p[0]
    )
    unregistered = sorted(
        zip(map(cnt_row, merged.unregistered_rows), merged.unregistered, strict=True),
        key=lambda p: p[0],
    )
    duplicates = sorted(
        (
            attrs.evolve(d, rows=tuple(map(reg_row if d.source == "register" else cnt_row, d.rows)))
            for d in merged.duplicates
        ),
        key=lambda d: (d.source != "register", d.rows[0] if d.rows else 0),
    )
    conflicts = sorted(
        (
            attrs.evolve(
                c, register_row=reg_row(c.register_row), counted_row=cnt_row(c.counted_row)
            )
            for c in merged.status_conflicts
        ),
        key=lambda c: c.counted_row,
    )
    near = sorted(
        (
            attrs.evolve(
                m, register_row=reg_row(m.register_row), counted_row=cnt_row(m.counted_row)
            )
            for m in merged.near_matches
        ),
        key=lambda m: (m.register_row, m.counted_row),
    )
    return InventoryReconciliation(
        missing=tuple(r for _, r in missing),
        unregistered=tuple(r for _, r in unregistered),
        duplicates=tuple(duplicates),
        status_conflicts=tuple(conflicts),
        near_matches=tuple(near),
        missing_rows=tuple(r for r, _ in missing),
        unregistered_rows=tuple(r for r, _ in unregistered),
        register_size=merged.register_size,
        counted_size=merged.counted_size,
        matched=merged.matched,
        expected_statuses=merged.expected_statuses,
    )


def reconcile_partitioned(
    register: Any,
    counted: Any,
    expected: set[FirearmStatus],
    *,
    buckets: int | None = None,
    split_every: int = SPLIT_EVERY,
    compute: bool = True,
) -> Any:
    """:func:`~dpssec.arms.firearms.reconcile_inventory` on dask DataFrames (see the module).

    Parameters
    ----------
    register, counted : dask DataFrame, DataFrame, FirearmRegister or records
        At least one a dask DataFrame (the other becomes one partition).
    expected : set of FirearmStatus
        Parsed ``expected_statuses``.
    buckets : int, optional
        Hash buckets (partitions after the shuffle); default four times the sum of both
        tables' partitions, so that a bucket holds about a quarter of an input partition
        (with partitions of a million rows, a bucket's reconciliation stays well under
        2 GiB).
    split_every : int
        Fan-in of the tree reduction.
    compute : bool
        Compute with the active scheduler, or return a Delayed of the result.

    Returns
    -------
    InventoryReconciliation or Delayed
    """
    import dask.dataframe as dd

    check_compute(compute)
    reg, cnt = _to_frame(register, "register"), _to_frame(counted, "count")
    # about a quarter of an input partition per bucket: a bucket's in-memory reconciliation
    # holds its rows several times over (text columns, normalised forms, hashes)
    n_buckets = int(buckets) if buckets is not None else 4 * (reg.npartitions + cnt.npartitions)
    if n_buckets < 1:
        raise InputError(f"buckets must be at least 1; got {buckets!r}")
    both = dd.concat(  # type: ignore[no-untyped-call]
        [_tagged(reg, 0, n_buckets), _tagged(cnt, 1, n_buckets)], ignore_unknown_divisions=True
    )
    shuffled = both.shuffle("_bucket", npartitions=n_buckets)
    register_columns = [str(c) for c in reg.columns if c not in ("source", "notes")]
    counted_columns = [str(c) for c in cnt.columns if c not in ("source", "notes")]
    numbered = ("rows" in register_columns, "rows" in counted_columns)
    mapped = lazy_function(_reconcile_bucket)
    wanted = frozenset(expected)
    parts = [
        mapped(
            block,
            register_columns,
            counted_columns,
            numbered,
            wanted,
            dask_key_name=task_name("reconcile-bucket", block, sorted(s.value for s in wanted)),
        )
        for block in shuffled.to_delayed()
    ]
    merged = tree_reduce(parts, _merge, split_every=split_every, name="reconcile-merge")
    if compute:
        return _finish(finish(merged, True), numbered)
    return lazy_function(_finish)(merged, numbered, dask_key_name=task_name("reconcile", merged))
