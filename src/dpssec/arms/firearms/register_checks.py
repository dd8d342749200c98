"""Column checks of a register: each problem named with its row (used by ``register``).

Every check works on whole columns: a distinct country, status or written year is read once,
with the same specs as a :class:`~dpssec.arms.firearms.FirearmRecord` field (so a column and a
record accept the same values, ``"2001.0"`` included), and each kind of problem lists at most
``MAX_LISTED`` rows (the rest are counted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
import numpy as np

from dpssec.arms.firearms.identity_kernels import as_text, hash_groups, hash_text
from dpssec.arms.firearms.records import EARLIEST_YEAR, YEAR, FirearmStatus, parse_status
from dpssec.countries import country_code
from dpssec.errors import DpssecError, SchemaError

__all__ = [
    "MAX_LISTED",
    "STATUSES",
    "Problems",
    "map_distinct",
    "read_countries",
    "read_statuses",
    "read_years",
]

STATUSES: tuple[FirearmStatus, ...] = tuple(FirearmStatus)
"""Status codes of a register's ``status`` column index this tuple."""

MAX_LISTED = 20  # rows listed per kind of problem; the rest are counted


class Problems:
    """Collects row-numbered problems, listing at most ``MAX_LISTED`` rows of each kind.

    ``lines`` (the file line of each entry, when read from a file) turns "row 3" into
    "row 3 (line 4)".
    """

    def __init__(self, lines: np.ndarray | None = None) -> None:
        self.errors: list[str] = []
        self.count = 0
        self.lines = lines

    def where(self, rows: np.ndarray, i: int) -> str:
        """``"row N"`` or ``"row N (line L)"`` for the entry at position ``i``."""
        if self.lines is None:
            return f"row {int(rows[i])}"
        return f"row {int(rows[i])} (line {int(self.lines[i])})"

    def add(self, rows: np.ndarray, mask: np.ndarray, describe: Callable[[int], str]) -> None:
        bad = np.flatnonzero(mask)
        self.count += int(bad.size)
        for i in bad[:MAX_LISTED]:
            self.errors.append(f"{self.where(rows, int(i))}, {describe(int(i))}")
        if bad.size > MAX_LISTED:
            self.errors.append(f"... and {bad.size - MAX_LISTED} more such row(s)")

    def raise_if_any(self, source: str) -> None:
        if self.errors:
            shown = "; ".join(self.errors[:5])
            more = f"; ... ({self.count - 5} more)" if self.count > 5 else ""
            raise SchemaError(
                f"{source}: {self.count} problem(s): {shown}{more}", errors=self.errors
            )


def map_distinct(
    values: np.ndarray, lookup: Callable[[str], Any]
) -> tuple[list[Any], np.ndarray, dict[int, str]]:
    """Apply ``lookup`` once per distinct value; (results per group, group ids, errors)."""
    ids, order, new_group = hash_groups(hash_text(values))
    representatives = values[order[new_group]]
    if np.any(representatives[ids] != values):  # hash collision: group exactly
        representatives, ids = np.unique(values, return_inverse=True)
        ids = ids.reshape(-1)
    results: list[Any] = []
    failures: dict[int, str] = {}
    for k, value in enumerate(representatives.tolist()):
        try:
            results.append(lookup(value))
        except DpssecError as exc:
            results.append(None)
            failures[k] = str(exc)
    return results, ids, failures


def read_countries(values: Any, name: str, rows: np.ndarray, problems: Problems) -> np.ndarray:
    """Alpha-3 codes (current or former, ``""`` = not recorded) of a column of countries."""
    raw = np.strings.strip(as_text(values))
    if raw.shape[0] == 0:
        return raw.astype("U3")
    results, ids, failures = map_distinct(raw, lambda v: country_code(v) if v else "")
    codes: np.ndarray = np.array([r or "" for r in results], dtype="U3")[ids]
    if failures:
        bad = np.isin(ids, list(failures))
        problems.add(rows, bad, lambda i: f"{name}: {failures[int(ids[i])]}")
    return codes


def _year_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_years(values: Any, name: str, rows: np.ndarray, problems: Problems) -> np.ndarray:
    """Whole years as int64 (0 = not recorded); strings such as '2015' or numbers."""
    arr = np.asarray(values, dtype=object if not isinstance(values, np.ndarray) else None)
    n = arr.shape[0]
    if arr.dtype.kind in "iu":
        years = arr.astype(np.int64)
        readable = np.ones(n, dtype=bool)
    elif arr.dtype.kind == "f":  # pandas columns with gaps: NaN means not recorded
        missing = np.isnan(arr)
        whole = missing | (arr == np.floor(np.where(missing, 0.0, arr)))
        readable = whole
        years = np.where(whole & ~missing, np.where(missing, 0.0, arr), 0.0).astype(np.int64)
        problems.add(rows, ~whole, lambda i: f"{name}: {float(arr[i])} is not a whole year")
    else:
        # text ("2001", "2001.0", "") and mixed objects: each distinct value read once by the
        # record's own year spec
        text = np.strings.strip(as_text([_year_text(v) for v in arr.tolist()]))
        lenient = attrs.evolve(YEAR, lower=None, upper=None)  # the range is checked below
        results, ids, failures = map_distinct(text, lambda v: lenient.scalar(v, name) if v else 0)
        years = np.array([r if r is not None else 0 for r in results], dtype=np.int64)[ids]
        readable = ~np.isin(ids, list(failures))
        problems.add(rows, ~readable, lambda i: f"{name}: {arr[i]!r} is not a whole year")
    this_year = dt.date.today().year
    out_of_range = readable & (years != 0) & ((years < EARLIEST_YEAR) | (years > this_year))
    problems.add(
        rows,
        out_of_range,
        lambda i: (
            f"{name}: {int(years[i])} is not a plausible year "
            f"(expected {EARLIEST_YEAR}-{this_year})"
        ),
    )
    return years


def read_statuses(values: Any, rows: np.ndarray, problems: Problems) -> np.ndarray:
    """Codes into :data:`STATUSES` of a column of statuses (empty = in stock)."""
    raw = as_text(values)
    results, ids, failures = map_distinct(
        raw, lambda v: STATUSES.index(parse_status(v)) if v.strip() else 0
    )
    codes: np.ndarray = np.array([r if r is not None else 0 for r in results], dtype=np.int8)[ids]
    if failures:
        bad = np.isin(ids, list(failures))
        problems.add(rows, bad, lambda i: failures[int(ids[i])])
    return codes
