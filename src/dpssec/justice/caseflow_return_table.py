"""The caseflow table of a :class:`~dpssec.justice.CaseflowReturn`, with NA and NAP rows counted.

:func:`tabulate_return` (behind :meth:`CaseflowReturn.table
<dpssec.justice.CaseflowReturn.table>`) sends the rows whose four counts are known to
:func:`~dpssec.justice.caseflow_table`, counts the rows left out as NA (not available) or NAP
(not applicable) in each group, and keeps a line, with NaN indicators and status ``"NA"`` or
``"NAP"``, for a group whose rows are all left out.

For example:

>>> from dpssec.justice import CaseflowPeriod, CaseflowReturn
>>> from dpssec.justice.caseflow_return_table import tabulate_return
>>> r = CaseflowReturn([CaseflowPeriod("A", "2023-01-01", "2023-12-31", pending_start="NA",
...                                    incoming=10, resolved=5, pending_end=20)])
>>> tabulate_return(r, by="court").status
('NA',)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from dpssec.findings import Finding
from dpssec.justice.caseflow_checks import overlap_findings
from dpssec.justice.caseflow_kernels import calendar_years
from dpssec.justice.caseflow_table import GROUP_KEYS, CaseflowTable, caseflow_table

if TYPE_CHECKING:
    from dpssec.justice.caseflow_models import CaseflowReturn

__all__ = ["tabulate_return"]


def tabulate_return(caseflow: CaseflowReturn, *, by: Sequence[str] | str) -> CaseflowTable:
    """The table of a :class:`~dpssec.justice.CaseflowReturn` (see :meth:`CaseflowReturn.table`)."""
    from dpssec.justice.caseflow_models import MissingCode

    by = (by,) if isinstance(by, str) else tuple(by)
    columns = caseflow.arrays()
    periods = caseflow.periods
    codes = [
        "NAP"
        if any(v is MissingCode.NAP for v in p.counts)
        else "NA"
        if any(v is MissingCode.NA for v in p.counts)
        else ""
        for p in periods
    ]
    keep = np.array([c == "" for c in codes], dtype=bool)
    found: list[Finding] = []
    for period, code in zip(periods, codes, strict=True):
        if code:
            found += [f for f in period.findings() if f.code.startswith("caseflow-")]
    staff = columns["staff"][keep]
    use_staff = bool(keep.any()) and bool(np.isfinite(staff).all())
    table = None
    if keep.any():
        table = caseflow_table(
            columns["start"][keep],
            columns["end"][keep],
            columns["pending_start"][keep],
            columns["incoming"][keep],
            columns["resolved"][keep],
            columns["pending_end"][keep],
            court=columns["court"][keep],
            category=columns["category"][keep],
            staff=staff if use_staff else None,
            by=by,
        )
        found = [f for f in table.findings if f.code != "overlapping-periods"] + found
    found += overlap_findings(
        columns["court"], columns["category"], columns["start"], columns["end"]
    )
    left = [i for i, c in enumerate(codes) if c]
    return _merge_left_out(table, columns, codes, left, by, found)


def _merge_left_out(
    table: CaseflowTable | None,
    columns: dict[str, Any],
    codes: list[str],
    left: list[int],
    by: tuple[str, ...],
    found: list[Finding],
) -> CaseflowTable:
    keys = {"court": columns["court"], "category": columns["category"]}
    keys["year"] = calendar_years(columns["end"])
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    if table is not None:
        for i in range(len(table)):
            key = tuple(_key_value(getattr(table, name)[i]) for name in by)
            rows[key] = {name: _item(getattr(table, name), i) for name in _ROW_FIELDS}
    for i in left:
        key = tuple(_key_value(keys[name][i]) for name in by)
        row = rows.get(key)
        if row is None:
            row = _empty_row(by, key, columns, i)
            rows[key] = row
        field = "not_applicable" if codes[i] == "NAP" else "not_available"
        row[field] += 1
    ordered = [rows[k] for k in sorted(rows)]
    for row in ordered:
        if row["rows"] == 0:
            row["status"] = "NAP" if not row["not_available"] else "NA"
        elif row["not_available"] or row["not_applicable"]:
            row["status"] = "partial"  # rows with unknown counts; "incomplete" days said too
    values: dict[str, Any] = {}
    for name in _ROW_FIELDS:
        column = [row[name] for row in ordered]
        values[name] = None if all(v is None for v in column) else column
    if values.get("efficiency_rate") is not None:
        values["efficiency_rate"] = [np.nan if v is None else v for v in values["efficiency_rate"]]
    references = table.references if table is not None else ()
    return CaseflowTable(by=by, findings=found, references=references, **values)


_ROW_FIELDS = tuple(
    f.name for f in attrs.fields(CaseflowTable) if f.name not in ("by", "findings", "references")
)


def _key_value(value: Any) -> Any:
    return int(value) if isinstance(value, np.integer) else value


def _item(column: Any, i: int) -> Any:
    if column is None or isinstance(column, str):
        return column
    value = column[i]
    return value.item() if isinstance(value, np.generic) else value


def _empty_row(
    by: tuple[str, ...], key: tuple[Any, ...], columns: dict[str, Any], i: int
) -> dict[str, Any]:
    start = columns["start"][i].astype(dt.date)
    end = columns["end"][i].astype(dt.date)
    row: dict[str, Any] = dict.fromkeys(GROUP_KEYS)
    row.update(dict(zip(by, key, strict=True)))
    nan = float("nan")
    row.update(
        start=start,
        end=end,
        period_days=(end - start).days + 1,
        rows=0,
        series=0,
        efficiency_rate=None,
        not_available=0,
        not_applicable=0,
        status="",
    )
    for name in (
        "pending_start",
        "incoming",
        "resolved",
        "pending_end",
        "clearance_rate",
        "case_turnover_ratio",
        "disposition_time",
        "backlog_change",
        "stock_gap",
    ):
        row[name] = nan
    return row
