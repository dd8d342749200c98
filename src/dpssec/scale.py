"""Out-of-core reductions on dask: per-partition tables merged by a tree (the core helpers).

A national table (release cohorts over twenty years, a merged firearm register, a decade of
incident rows) may not fit in one machine's memory. The calculators that need *all* rows at
once (a survival curve needs the table of distinct times; a reconciliation needs every copy of
an identity; a grouped indicator table needs the sums of every group) accept dask collections
and reduce them in the manner of dask's own group-by aggregations:

1. a **map step** turns each partition into a small table (an event table, sums per group, the
   discrepancies of one hash bucket), where the records of that partition are read, checked
   and counted, then dropped;
2. a **tree reduction** merges the small tables ``split_every`` at a time, level by level, until
   one table is left;
3. a **finish step** turns that table into the result (a curve, a reconciliation, a table).

Nothing here starts a cluster or picks a scheduler: the graph runs with whatever is active
(a ``distributed.Client`` made by the user, ``dask.config.set(scheduler=...)``, or dask's
default threaded scheduler). ``compute=False`` returns the lazy result (a
:class:`dask.delayed.Delayed`) for users composing larger graphs; ``dask.compute(a, b)`` then
reads shared inputs once.

Progress of a long run: with the local schedulers wrap the call in
``dask.diagnostics.ProgressBar()``; on a ``distributed`` cluster open the dashboard
(``client.dashboard_link``) or pass the lazy result to ``distributed.progress``. Task names
start with ``dpssec-`` and the calculator's step (``dpssec-event-table``,
``dpssec-event-table-merge``), so the steps can be told apart in the dashboard. Whether a value
is a dask collection is decided by :func:`dpssec.boundary.is_lazy`.

For example:

>>> import dask.array as da
>>> import numpy as np
>>> from dpssec.scale import map_reduce
>>> x = da.arange(10, chunks=3)
>>> map_reduce(lambda block: int(np.sum(block)), (x,), lambda *s: sum(s), name="total")
45
>>> lazy = map_reduce(lambda block: int(np.sum(block)), (x,), lambda *s: sum(s), name="total",
...                   compute=False)
>>> type(lazy).__name__, lazy.compute()
('Delayed', 45)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dpssec.boundary import is_lazy
from dpssec.errors import InputError

__all__ = [
    "SPLIT_EVERY",
    "check_compute",
    "finish",
    "lazy_function",
    "map_reduce",
    "partition_blocks",
    "task_name",
    "tree_reduce",
]

SPLIT_EVERY = 8
"""Small tables merged by one task of the tree reduction (dask's group-by uses 8 as well)."""


def lazy_function(func: Callable[..., Any]) -> Any:
    """``dask.delayed(func, pure=True)``: calls of it build tasks (keys from their arguments).

    >>> from dpssec.scale import lazy_function
    >>> lazy_function(max)(1, 2).compute()
    2
    """
    from dask.delayed import delayed

    return delayed(func, pure=True)


def task_name(step: str, *parts: Any) -> str:
    """A task key ``dpssec-<step>-<token>`` (deterministic for the same inputs).

    >>> from dpssec.scale import task_name
    >>> task_name("event-table", 1, 2).startswith("dpssec-event-table-")
    True
    """
    from dask.base import tokenize

    return f"dpssec-{step}-{tokenize(*parts)}"


def _blocks_of(value: Any, name: str) -> list[Any]:
    """The delayed partitions of one 1-d dask array, Series or DataFrame."""
    if hasattr(value, "divisions"):  # a dask DataFrame or Series: its partitions
        return list(value.to_delayed())
    if getattr(value, "ndim", 1) != 1:
        raise InputError(
            f"parameter {name!r}: a dask array of shape {value.shape}; give a one-dimensional "
            "column"
        )
    return list(value.to_delayed().ravel())


def _known(chunks: Any) -> bool:
    return not any(size != size for sizes in chunks for size in sizes)  # NaN: unknown


def partition_blocks(
    columns: Sequence[Any], names: Sequence[str] | None = None
) -> list[tuple[Any, ...]]:
    """The aligned partitions of several 1-d dask columns, as tuples of delayed blocks.

    Parameters
    ----------
    columns : sequence of dask arrays or dask Series (None allowed)
        One value per record (durations, events, weights...). Arrays are re-chunked to the
        chunks of the first array so that block ``i`` of every column holds the same records;
        Series (and DataFrames) must have the same number of partitions (columns of one
        DataFrame do). A None column gives None in every tuple.
    names : sequence of str, optional
        Parameter names for messages.

    Returns
    -------
    list of tuple
        One tuple per partition, one delayed block (or None) per column.

    Raises
    ------
    InputError
        A column that is not a dask collection (mix in-memory and dask columns by making both
        dask), a 2-d array, partitions that cannot be aligned.

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> from dpssec.scale import partition_blocks
    >>> parts = partition_blocks([da.arange(5, chunks=2), da.ones(5, chunks=3)])
    >>> len(parts), [a.shape for a, _ in dask.compute(*parts)]
    (3, [(2,), (2,), (1,)])
    """
    labels = list(names) if names is not None else [f"column {i}" for i in range(len(columns))]
    present = [(label, c) for label, c in zip(labels, columns, strict=True) if c is not None]
    for label, column in present:
        if not is_lazy(column):
            raise InputError(
                f"parameter {label!r}: an in-memory {type(column).__name__} among dask "
                "columns; give every column as a dask collection (dask.array.from_array or "
                "dask.dataframe.from_pandas) or none"
            )
    arrays = [c for _, c in present if not hasattr(c, "divisions")]
    first_chunks = arrays[0].chunks if arrays else None
    blocks: list[list[Any] | None] = []
    for label, column in zip(labels, columns, strict=True):
        if column is None:
            blocks.append(None)
            continue
        if (
            not hasattr(column, "divisions")
            and first_chunks is not None
            and column.ndim == 1
            and _known(column.chunks)
            and _known(first_chunks)
            and column.chunks != first_chunks
            and column.shape == arrays[0].shape
        ):
            # unknown chunk sizes (columns of a DataFrame) cannot be re-chunked: their blocks
            # are the frame's partitions, aligned by construction
            column = column.rechunk(first_chunks)
        blocks.append(_blocks_of(column, label))
    counts = {label: len(b) for label, b in zip(labels, blocks, strict=True) if b is not None}
    if len(set(counts.values())) > 1:
        parts = ", ".join(f"{k} has {v}" for k, v in counts.items())
        raise InputError(
            f"the dask columns are not partitioned alike ({parts} partitions); take them "
            "from one DataFrame, or give arrays of one length"
        )
    n = next(iter(counts.values()), 0)
    return [tuple(None if b is None else b[i] for b in blocks) for i in range(n)]


def tree_reduce(
    parts: Sequence[Any],
    combine: Callable[..., Any],
    *,
    split_every: int = SPLIT_EVERY,
    name: str = "merge",
) -> Any:
    """Merge delayed small tables ``split_every`` at a time until one is left.

    ``combine(*tables)`` takes 1 to ``split_every`` tables and returns one of the same kind;
    it must be associative (sums, unions), so that the tree's shape does not change the result.

    Examples
    --------
    >>> import dask
    >>> from dpssec.scale import tree_reduce
    >>> parts = [dask.delayed(i) for i in range(20)]
    >>> tree_reduce(parts, lambda *t: sum(t), split_every=4).compute()
    190
    """
    if split_every < 2:
        raise InputError(f"split_every must be at least 2; got {split_every!r}")
    level = list(parts)
    if not level:
        raise InputError("nothing to merge: the dask collection has no partitions")
    depth = 0
    merge = lazy_function(combine)
    while len(level) > 1:
        level = [
            merge(
                *level[i : i + split_every],
                dask_key_name=task_name(name, depth, i, *level[i : i + split_every]),
            )
            for i in range(0, len(level), split_every)
        ]
        depth += 1
    return level[0]


def map_reduce(
    chunk: Callable[..., Any],
    columns: Sequence[Any],
    combine: Callable[..., Any],
    finalize: Callable[[Any], Any] | None = None,
    *,
    name: str = "table",
    names: Sequence[str] | None = None,
    split_every: int = SPLIT_EVERY,
    compute: bool = True,
    with_index: bool = False,
) -> Any:
    """Map ``chunk`` over the aligned partitions of ``columns``, tree-merge, then finish.

    Parameters
    ----------
    chunk : callable
        ``chunk(*blocks)`` (``chunk(i, *blocks)`` with ``with_index=True``) returns the small
        table of one partition; ``blocks`` are numpy arrays or pandas objects.
    columns : sequence of dask collections (None allowed)
        See :func:`partition_blocks`.
    combine : callable
        Associative merge of 1 to ``split_every`` small tables.
    finalize : callable, optional
        Turns the merged table into the result.
    name : str
        Step name in task keys (``dpssec-<name>``, ``dpssec-<name>-merge``...).
    names : sequence of str, optional
        Parameter names for messages.
    split_every : int
        Fan-in of the tree.
    compute : bool
        Compute with the active scheduler (default), or return the lazy result.
    with_index : bool
        Pass the partition number first (for messages naming the partition).

    Returns
    -------
    object or Delayed
    """
    check_compute(compute)
    parts = partition_blocks(columns, names)
    mapped = lazy_function(chunk)
    # the functions are part of the key: two reductions of the same columns with different
    # settings (closures) must not share tasks when computed together
    functions = task_name("functions", chunk, combine, finalize)
    tables = [
        mapped(
            *((i, *blocks) if with_index else blocks),
            dask_key_name=task_name(name, functions, i, *blocks),
        )
        for i, blocks in enumerate(parts)
    ]
    merged = tree_reduce(tables, combine, split_every=split_every, name=f"{name}-merge")
    if finalize is not None:
        merged = lazy_function(finalize)(merged, dask_key_name=task_name(f"{name}-finish", merged))
    return finish(merged, compute)


def finish(lazy: Any, compute: bool) -> Any:
    """``lazy.compute()`` with the active scheduler, or ``lazy`` itself when ``compute=False``.

    >>> import dask
    >>> from dpssec.scale import finish
    >>> lazy = dask.delayed(2) + 1
    >>> finish(lazy, True), finish(lazy, False) is lazy
    (3, True)
    """
    check_compute(compute)
    return lazy.compute() if compute else lazy


def check_compute(compute: object) -> None:
    """Refuse a ``compute`` keyword that is not True or False (before any graph is built)."""
    if not isinstance(compute, bool):
        raise InputError(f"compute must be True or False; got {compute!r}")
