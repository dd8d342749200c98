"""Inventory reconciliation: match a firearm register against a physical count.

ISACS/MOSAIC 05.20 asks for inventory accounting and loss reporting: a stockpile must be
proved, by physical count, to match its register. :func:`reconcile_inventory` matches the two
tables by a normalised identity, the serial number (upper case, spaces and separators removed),
the manufacturer and the model (upper case, spaces and separators removed), and reports

* **missing**: registered weapons the register says should be there (status in
  ``expected_statuses``, by default in stock or issued) that were not counted;
* **unregistered**: counted weapons with no register entry;
* **duplicates**: serial numbers that occur more than once for one manufacturer, in the register
  or in the count (a serial should identify one weapon of a maker);
* **status conflicts**: counted weapons whose register entry says they cannot be there
  (destroyed, transferred, lost or stolen, or any status outside ``expected_statuses``);
* **near matches**: a missing and an unregistered weapon of the same manufacturer and model
  whose serials differ only by O/0 or I/1 confusions, or of the same serial and manufacturer
  whose models differ ("model differs"), listed separately for a person to review.
  Near matches stay in the missing and unregistered lists: only a person can decide that the
  register or the count sheet has a typing error.

When an identity occurs several times, copies are matched one to one in row order: two
registered copies and one counted copy give one match and one missing weapon.

The matching is hash-based and vectorised (see :mod:`dpssec.arms.firearms.identity_kernels`): each
table is normalised and hashed with whole-column operations, equal identities are grouped by
sorting 64-bit hashes (checked against the strings), and categories are counted with
``numpy.bincount``. A register of a million weapons reconciles in a few seconds
(``benchmarks/bench_reconcile.py``).

For example:

>>> from dpssec.arms.firearms import FirearmRecord, reconcile_inventory
>>> register = [FirearmRecord("AB-100", "Glock", "17"), FirearmRecord("AB-101", "Glock", "17"),
...             FirearmRecord("X-9", "CZ", "75", status="destroyed")]
>>> counted = [FirearmRecord("ab100", "GLOCK", "17"), FirearmRecord("x 9", "CZ", "75")]
>>> result = reconcile_inventory(register, counted)
>>> [r.serial_number for r in result.missing], len(result.status_conflicts)
(['AB-101'], 1)
>>> print(result.status_conflicts[0].reason)
recorded destroyed but counted
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from dpssec.arms.firearms.identity_kernels import (
    confusable_fold,
    group_rows,
    hash_text,
    joint_codes,
    mix,
    rank_within,
)
from dpssec.arms.firearms.reconcile_results import (
    DuplicateSerial,
    InventoryReconciliation,
    NearMatch,
    StatusConflict,
)
from dpssec.arms.firearms.records import FirearmRecord, FirearmStatus
from dpssec.arms.firearms.register import COLUMNS, STATUSES, FirearmRegister
from dpssec.boundary import Choice, Records, calculator, is_lazy, short_repr
from dpssec.errors import DataQualityWarning, InputError

__all__ = [
    "DuplicateSerial",
    "InventoryReconciliation",
    "NearMatch",
    "StatusConflict",
    "FRAME_COLUMNS",
    "as_register",
    "frame_columns",
    "reconcile_inventory",
    "reconcile_tables",
    "warn_if_empty",
]

FRAME_COLUMNS = frozenset({*COLUMNS, "rows", "lines"})
"""Columns a register DataFrame may hold (besides ``source`` and ``notes``, which are ignored)."""


def frame_columns(frame: Any, name: str) -> dict[str, Any]:
    """The register columns of a pandas DataFrame as numpy arrays (missing text becomes "").

    Text columns are read with every missing marker (None, NaN, ``pd.NA``) as None, so that a
    ``string[pyarrow]`` column (what dask and Parquet give) reads like an object column.

    Raises
    ------
    InputError
        Unknown columns, or no ``serial_number`` or ``manufacturer`` column.
    """
    names = [c for c in frame.columns if c not in ("source", "notes")]
    if not set(names) <= FRAME_COLUMNS or not {"serial_number", "manufacturer"} <= set(names):
        raise InputError(
            f"{name}: unexpected columns {sorted(map(str, names))}; a register needs "
            "serial_number and manufacturer"
        )
    from pandas.api.types import infer_dtype

    columns = {}
    for column in names:
        series = frame[column]
        if series.dtype.kind in "iufb":
            columns[column] = series.to_numpy()
            continue
        if infer_dtype(series, skipna=True) in ("string", "empty"):
            # plain text: one C-level conversion instead of a Python call per value
            columns[column] = series.to_numpy(dtype=object, na_value="").astype(str)
        else:
            columns[column] = series.to_numpy(dtype=object, na_value=None)
    return columns


def as_register(value: Any, name: str, parameter: str | None = None) -> FirearmRegister:
    """A :class:`FirearmRegister` of a register, a sequence of records or a pandas DataFrame.

    ``parameter`` is the caller's parameter, named when ``value`` is none of these.
    """
    if isinstance(value, FirearmRegister):
        return value
    if hasattr(value, "columns") and hasattr(value, "to_numpy"):  # a pandas DataFrame
        return FirearmRegister.from_columns(**frame_columns(value, name), source=name)
    label = parameter or name
    if (
        isinstance(value, str | bytes | Mapping)
        or not isinstance(value, Iterable)
        or hasattr(value, "units")  # a pint Quantity says it is iterable
    ):
        raise InputError(
            f"parameter {label!r} must be a FirearmRegister, a sequence of FirearmRecord or a "
            f"DataFrame; got {short_repr(value)} ({type(value).__name__})"
        )
    records = Records(FirearmRecord).convert(value, label)
    return FirearmRegister.from_records(records, source=name)


def _duplicates(
    register: FirearmRegister,
    serial_maker: np.ndarray,
    serial: np.ndarray,
    maker: np.ndarray,
    maker_labels: np.ndarray,
    source: str,
) -> list[DuplicateSerial]:
    """Groups of rows sharing a (serial, manufacturer) group id, in order of first row."""
    if len(register) < 2:
        return []
    ids = serial_maker - serial_maker.min()
    repeated = np.flatnonzero(np.bincount(ids)[ids] > 1)
    if repeated.size == 0:
        return []
    order = repeated[np.argsort(ids[repeated], kind="stable")]
    groups = np.split(order, np.flatnonzero(np.diff(ids[order])) + 1)
    groups.sort(key=lambda g: int(g[0]))
    return [
        DuplicateSerial(
            source,
            str(serial[g[0]]),
            str(maker_labels[maker[g[0]]]),
            tuple(int(register.rows[i]) for i in g),
            tuple(register.record(int(i)) for i in g),
        )
        for g in groups
    ]


@calculator(
    expected_statuses=Choice(FirearmStatus, many=True),
    example={
        "register": [
            FirearmRecord("AB-100", "Glock", "17"),
            FirearmRecord("X-9", "CZ", "75", status=FirearmStatus.DESTROYED),
        ],
        "counted": [FirearmRecord("ab100", "GLOCK", "17"), FirearmRecord("x 9", "CZ", "75")],
    },
)
def reconcile_inventory(
    register: FirearmRegister | Sequence[FirearmRecord] | Any,
    counted: FirearmRegister | Sequence[FirearmRecord] | Any,
    *,
    expected_statuses: Sequence[FirearmStatus | str] = (
        FirearmStatus.IN_STOCK,
        FirearmStatus.ISSUED,
    ),
    compute: bool = True,
) -> Any:
    """Reconcile a firearm register with a physical count.

    Parameters
    ----------
    register : FirearmRegister, sequence of FirearmRecord, DataFrame or dask DataFrame
        What the records say is held. A DataFrame has the columns of :data:`COLUMNS`
        (``serial_number`` and ``manufacturer`` required), optionally ``rows`` (source row
        numbers for messages) and ``lines``.
    counted : FirearmRegister, sequence of FirearmRecord, DataFrame or dask DataFrame
        What was physically counted (statuses in it are ignored). When either table is a dask
        DataFrame, both are reconciled out of core (see
        :mod:`~dpssec.arms.firearms.reconcile_dask`): the same categories and rows.
    expected_statuses : FirearmStatus, str or a sequence of them
        Register statuses that should be found in the count: in stock and issued by default
        (a full accounting where issued weapons are presented); use ``"in stock"`` for a
        depot count, so that counted weapons recorded as issued are reported as conflicts.
    compute : bool
        For dask DataFrames: compute with the active scheduler (default), or return the lazy
        result (a :class:`dask.delayed.Delayed` of the reconciliation) to compute with others.

    Returns
    -------
    InventoryReconciliation
        Or a Delayed of it (dask input with ``compute=False``).

    Raises
    ------
    InputError
        Tables of another type, unknown statuses.
    SchemaError
        Invalid rows when records or a DataFrame are given (see :class:`FirearmRegister`).

    Warns
    -----
    DataQualityWarning
        When the register or the count has no records ("register has no records"): the result
        is then every counted weapon unregistered, or every expected weapon missing.

    Notes
    -----
    Identity: serial number, manufacturer and model, each upper-cased with spaces and the
    separators ``- / . _ : , ; \\ |`` removed. Duplicate serials: same normalised serial and
    manufacturer (any model). Near matches, between missing and unregistered weapons only: same
    identity after also mapping O to 0 and I to 1 in the serial, or same serial and
    manufacturer with another model (reason "same serial and maker, model differs").

    References
    ----------
    ISACS 05.20 (now MOSAIC 05.20), inventory accounting and loss reporting [secondary; its
    numeric content is not checked].

    Examples
    --------
    >>> from dpssec.arms.firearms import FirearmRecord, reconcile_inventory
    >>> reg = [FirearmRecord("BO-1207", "Beretta", "92FS")]
    >>> cnt = [FirearmRecord("B0-12O7", "Beretta", "92FS")]
    >>> r = reconcile_inventory(reg, cnt)
    >>> len(r.missing), len(r.unregistered), r.near_matches[0].reason
    (1, 1, "serials 'BO-1207' and 'B0-12O7' differ only by O/0 or I/1")
    """
    expected: set[FirearmStatus] = set(expected_statuses)  # type: ignore[arg-type]  # parsed
    if is_lazy(register) or is_lazy(counted):
        from dpssec.arms.firearms.reconcile_dask import reconcile_partitioned

        return reconcile_partitioned(register, counted, expected, compute=compute)
    reg = as_register(register, "register", "register")
    cnt = as_register(counted, "count", "counted")
    warn_if_empty(len(reg), reg.source, len(cnt), cnt.source)
    return reconcile_tables(reg, cnt, expected)


def warn_if_empty(register_size: int, register_source: str, counted_size: int, source: str) -> None:
    """Warn (DataQualityWarning) when the register or the count has no records."""
    for size, what, where, consequence in (
        (
            register_size,
            "register",
            register_source,
            "every counted weapon is reported unregistered",
        ),
        (counted_size, "count", source, "every expected registered weapon is reported missing"),
    ):
        if size == 0:
            warnings.warn(
                f"{what} has no records ({where}): {consequence}",
                DataQualityWarning,
                stacklevel=3,
            )


def reconcile_tables(
    reg: FirearmRegister, cnt: FirearmRegister, expected: set[FirearmStatus]
) -> InventoryReconciliation:
    """The reconciliation of two validated registers (the kernel of :func:`reconcile_inventory`).

    No warnings and no conversion: the out-of-core path runs it on each hash bucket of the two
    tables, where one side may well be empty.
    """
    expected_codes = np.array([STATUSES.index(s) for s in expected], dtype=np.int8)

    r_id, c_id = reg.identity(), cnt.identity()
    r_maker, c_maker, maker_labels = joint_codes(
        r_id.maker_codes, r_id.maker_labels, c_id.maker_codes, c_id.maker_labels
    )
    r_model, c_model, _ = joint_codes(
        r_id.model_codes, r_id.model_labels, c_id.model_codes, c_id.model_labels
    )
    n_reg = len(reg)
    serial = np.concatenate([r_id.serial, c_id.serial])
    maker = np.concatenate([r_maker, c_maker])
    model = np.concatenate([r_model, c_model])
    # One string-checked grouping by (serial, manufacturer) serves the duplicate check; the
    # identity adds the model, grouped on integers only.
    serial_maker = group_rows([serial, maker], hashes=mix(hash_text(serial), maker))
    ids = group_rows([serial_maker, model])
    r_ids, c_ids = ids[:n_reg], ids[n_reg:]
    groups = int(ids.max()) + 1 if ids.size else 0
    is_expected = np.isin(reg.status, expected_codes)
    n_expected = np.bincount(r_ids[is_expected], minlength=groups)
    n_other = np.bincount(r_ids[~is_expected], minlength=groups)
    n_counted = np.bincount(c_ids, minlength=groups)

    # Expected register rows: the first n_counted copies of an identity are matched.
    r_rank = np.where(is_expected, rank_within(np.where(is_expected, r_ids, -1)), 0)
    missing = np.flatnonzero(is_expected & (r_rank >= n_counted[r_ids]))
    # Counted rows: first against expected entries, then against the others (conflicts).
    c_rank = rank_within(c_ids)
    matched = c_rank < n_expected[c_ids]
    conflicting = ~matched & (c_rank < n_expected[c_ids] + n_other[c_ids])
    unregistered = np.flatnonzero(~matched & ~conflicting)
    pairs = _matched_pairs(r_ids, r_rank, is_expected, c_ids, c_rank, matched)

    conflicts: list[StatusConflict] = []
    conflict_rows = np.flatnonzero(conflicting)
    if conflict_rows.size:
        other = np.flatnonzero(~is_expected)
        other_rank = rank_within(r_ids[other])
        width = int(other_rank.max()) + 1
        keys = r_ids[other].astype(np.int64) * width + other_rank
        by_key = np.argsort(keys)
        wanted = c_ids[conflict_rows].astype(np.int64) * width + (
            c_rank[conflict_rows] - n_expected[c_ids[conflict_rows]]
        )
        partner = other[by_key[np.searchsorted(keys[by_key], wanted)]]
        for i, j in zip(partner.tolist(), conflict_rows.tolist(), strict=True):
            record = reg.record(i)
            conflicts.append(
                StatusConflict(
                    record,
                    cnt.record(j),
                    int(reg.rows[i]),
                    int(cnt.rows[j]),
                    f"recorded {record.status.value} but counted",
                )
            )

    near = _near_matches(reg, cnt, missing, unregistered, serial, maker, model)
    duplicates = [
        *_duplicates(reg, serial_maker[:n_reg], serial[:n_reg], r_maker, maker_labels, "register"),
        *_duplicates(cnt, serial_maker[n_reg:], serial[n_reg:], c_maker, maker_labels, "count"),
    ]
    return InventoryReconciliation(
        missing=tuple(reg.record(int(i)) for i in missing),
        unregistered=tuple(cnt.record(int(j)) for j in unregistered),
        duplicates=tuple(duplicates),
        status_conflicts=tuple(conflicts),
        near_matches=tuple(near),
        missing_rows=tuple(int(x) for x in reg.rows[missing]),
        unregistered_rows=tuple(int(x) for x in cnt.rows[unregistered]),
        register_size=n_reg,
        counted_size=len(cnt),
        matched=int(matched.sum()),
        expected_statuses=tuple(s.value for s in STATUSES if s in expected),
        matched_rows=np.column_stack([reg.rows[pairs[0]], cnt.rows[pairs[1]]]),
    )


def _matched_pairs(
    r_ids: np.ndarray,
    r_rank: np.ndarray,
    is_expected: np.ndarray,
    c_ids: np.ndarray,
    c_rank: np.ndarray,
    matched: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Register and count positions of the matched weapons: the k-th counted copy of an
    identity is matched with its k-th expected register entry."""
    counted = np.flatnonzero(matched)
    expected = np.flatnonzero(is_expected)
    if not counted.size:
        return np.zeros(0, dtype=np.int64), counted
    width = int(max(r_rank.max(initial=0), c_rank.max(initial=0))) + 1
    keys = r_ids[expected].astype(np.int64) * width + r_rank[expected]
    order = np.argsort(keys, kind="stable")
    wanted = c_ids[counted].astype(np.int64) * width + c_rank[counted]
    return expected[order[np.searchsorted(keys[order], wanted)]], counted


def _near_matches(
    reg: FirearmRegister,
    cnt: FirearmRegister,
    missing: np.ndarray,
    unregistered: np.ndarray,
    serial: np.ndarray,
    maker: np.ndarray,
    model: np.ndarray,
) -> list[NearMatch]:
    """Pairs of missing and unregistered weapons that may be one weapon typed differently.

    A pair shares the manufacturer and either the model, with serials equal up to O/0 and I/1,
    or the serial, with another model (a model typed "75 B" in one table and "75" in the other
    is as common a slip as an O for a 0). ``serial``, ``maker`` and ``model`` hold the
    register's rows, then the count's.
    """
    if missing.size == 0 or unregistered.size == 0:
        return []
    rows = np.concatenate([missing, unregistered + len(reg)])
    ids = group_rows([confusable_fold(serial[rows]), maker[rows]])
    k = missing.size
    both = np.intersect1d(ids[:k], ids[k:])
    counted_by_group: dict[int, list[int]] = {}
    in_both = np.isin(ids[k:], both)
    for j, group in zip(unregistered[in_both].tolist(), ids[k:][in_both].tolist(), strict=True):
        counted_by_group.setdefault(group, []).append(j)
    in_both = np.isin(ids[:k], both)
    n_reg = len(reg)
    pairs: list[NearMatch] = []
    for i, group in zip(missing[in_both].tolist(), ids[:k][in_both].tolist(), strict=True):
        for j in counted_by_group[group]:
            same_model = model[i] == model[n_reg + j]
            same_serial = serial[i] == serial[n_reg + j]
            if not (same_model or same_serial):
                continue  # both the serial and the model differ: too far apart to suggest
            a, b = reg.record(i), cnt.record(j)
            if same_model:
                reason = (
                    f"serials {a.serial_number!r} and {b.serial_number!r} differ only by O/0 or I/1"
                )
            else:
                reason = f"same serial and maker, model differs: {a.model!r} vs {b.model!r}"
            pairs.append(NearMatch(a, b, int(reg.rows[i]), int(cnt.rows[j]), reason))
    pairs.sort(key=lambda p: (p.register_row, p.counted_row))
    return pairs
