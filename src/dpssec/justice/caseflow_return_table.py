"""The caseflow table of a :class:`~dpssec.justice.CaseflowReturn`, with NA and NAP counts.

:func:`tabulate_return` (behind :meth:`CaseflowReturn.table
<dpssec.justice.CaseflowReturn.table>`) sends the rows whose four counts are known to
:func:`~dpssec.justice.caseflow_table`. A group with a row that has a count NA (not available)
or NAP (not applicable) is computed from what is known (:func:`known_indicators`): each count
and each indicator from the rows, or series, whose inputs are known, so one unknown stock does
not blank the group's flows and clearance rate. Such rows are counted in ``not_available`` or
``not_applicable``, the group's status is ``"partial"``, and ``"NA"`` or ``"NAP"`` when no count
of the group is known.

For example:

>>> from dpssec.justice import CaseflowPeriod, CaseflowReturn
>>> from dpssec.justice.caseflow_return_table import tabulate_return
>>> r = CaseflowReturn([CaseflowPeriod("A", "2023-01-01", "2023-12-31", pending_start="NA",
...                                    incoming=10, resolved=5, pending_end=20)])
>>> t = tabulate_return(r, by="court")
>>> t.status, t.incoming.tolist(), t.clearance_rate.tolist(), t.not_available.tolist()
(('partial',), [10.0], [50.0], [1])
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

__all__ = ["known_indicators", "tabulate_return"]


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
    columns["not_applicable"] = {
        name: np.array([getattr(p, name) is MissingCode.NAP for p in periods], dtype=bool)
        for name in ("pending_start", "incoming", "resolved", "pending_end")
    }
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


def known_indicators(columns: dict[str, Any], rows: Sequence[int]) -> dict[str, Any]:
    """Counts and indicators of one group from the counts that are known (NaN = NA or NAP).

    The group's counts are totals, so a count NA anywhere in the group makes its total NaN
    (``columns["not_applicable"]``, a mapping of count name to a mask of NAP cells, marks
    cells that are not part of the group at all: they are left out of the totals). Flows add
    up over rows; stocks are taken per series (court and category) at its first and last
    period. Each indicator comes from the rows, or series, whose inputs are known: the
    clearance rate from the rows where incoming and resolved are known; the turnover ratio and
    disposition time from the series whose end stock and every resolved count are known; the
    backlog change from those whose two stocks are known; the stock gap from those fully
    known. Whatever has no known input is NaN.

    Examples
    --------
    >>> import numpy as np
    >>> columns = {"court": np.array(["A", "B"]), "category": np.array(["all", "all"]),
    ...            "start": np.array(["2023-01-01"] * 2, dtype="datetime64[D]"),
    ...            "end": np.array(["2023-12-31"] * 2, dtype="datetime64[D]"),
    ...            "pending_start": np.array([100.0, 50.0]), "incoming": np.array([200.0, 40.0]),
    ...            "resolved": np.array([150.0, 30.0]), "pending_end": np.array([150.0, np.nan])}
    >>> k = known_indicators(columns, [0, 1])
    >>> k["incoming"], k["clearance_rate"], k["pending_end"], k["disposition_time"]
    (240.0, 75.0, nan, 365.0)
    """
    from dpssec.justice.caseflow_kernels import covered_days

    idx = np.asarray(rows, dtype=np.int64)
    ps, inc, res, pe = (columns[k][idx] for k in ("pending_start", "incoming", "resolved",
                                                    "pending_end"))  # fmt: skip
    start, end = columns["start"][idx], columns["end"][idx]
    known = {k: ~np.isnan(v) for k, v in (("ps", ps), ("inc", inc), ("res", res), ("pe", pe))}

    absent = columns.get("not_applicable", {})
    nap = {
        key: np.asarray(absent.get(name, np.zeros(len(columns["court"]), dtype=bool)))[idx]
        for key, name in (("ps", "pending_start"), ("inc", "incoming"), ("res", "resolved"),
                          ("pe", "pending_end"))
    }  # fmt: skip

    def total(values: np.ndarray, mask: np.ndarray) -> float:
        return float(values[mask].sum()) if mask.any() else float("nan")

    def grand_total(values: np.ndarray, key: str) -> float:
        """The group's total: NaN when a cell is NA (NAP cells are not part of it)."""
        if np.any(~known[key] & ~nap[key]):
            return float("nan")
        return total(values, known[key])

    both = known["inc"] & known["res"]
    out: dict[str, Any] = {
        "incoming": grand_total(inc, "inc"),
        "resolved": grand_total(res, "res"),
    }
    with np.errstate(divide="ignore", invalid="ignore"):
        out["clearance_rate"] = float(np.float64(total(res, both)) * 100.0 / total(inc, both))
    labels = [f"{columns['court'][i]}\x00{columns['category'][i]}" for i in idx]
    stocks = {"ps": 0.0, "pe": 0.0, "ps_n": 0, "pe_n": 0, "ps_na": 0, "pe_na": 0}
    turnover = {"res": 0.0, "pe": 0.0, "n": 0}
    backlog = {"ps": 0.0, "pe": 0.0, "n": 0}
    gap = {"value": 0.0, "n": 0}
    for label in dict.fromkeys(labels):
        member = np.array([lab == label for lab in labels])
        order = np.flatnonzero(member)[np.argsort(start[member], kind="stable")]
        first, last = order[0], order[-1]
        for key, row, values in (("ps", first, ps), ("pe", last, pe)):
            if known[key][row]:
                stocks[key] += values[row]
                stocks[f"{key}_n"] += 1
            elif not nap[key][row]:
                stocks[f"{key}_na"] += 1
        all_res = bool(known["res"][order].all())
        if known["pe"][last] and all_res:
            turnover["res"] += res[order].sum()
            turnover["pe"] += pe[last]
            turnover["n"] += 1
        if known["ps"][first] and known["pe"][last]:
            backlog["ps"] += ps[first]
            backlog["pe"] += pe[last]
            backlog["n"] += 1
        if known["ps"][first] and known["pe"][last] and all_res and known["inc"][order].all():
            gap["value"] += pe[last] - (ps[first] + inc[order].sum() - res[order].sum())
            gap["n"] += 1
    nan = float("nan")
    days = int(covered_days(np.zeros(idx.size, dtype=np.int64), start, end, 1)[0])
    out["pending_start"] = stocks["ps"] if stocks["ps_n"] and not stocks["ps_na"] else nan
    out["pending_end"] = stocks["pe"] if stocks["pe_n"] and not stocks["pe_na"] else nan
    with np.errstate(divide="ignore", invalid="ignore"):
        res_sum, pe_sum = np.float64(turnover["res"]), np.float64(turnover["pe"])
        known_series = turnover["n"] > 0
        out["case_turnover_ratio"] = float(res_sum / pe_sum) if known_series else nan
        out["disposition_time"] = float(days * pe_sum / res_sum) if known_series else nan
    out["backlog_change"] = backlog["pe"] - backlog["ps"] if backlog["n"] else nan
    out["stock_gap"] = gap["value"] if gap["n"] else nan
    out["period_days"] = days
    out["any_known"] = bool(np.any([known[k].any() for k in known]))
    return out


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
    members: dict[tuple[Any, ...], list[int]] = {}
    all_keys = [tuple(_key_value(keys[name][i]) for name in by) for i in range(len(codes))]
    for i, key in enumerate(all_keys):
        members.setdefault(key, []).append(i)
    for i in left:
        key = all_keys[i]
        row = rows.get(key)
        if row is None:
            row = _empty_row(by, key, columns, i)
            rows[key] = row
        field = "not_applicable" if codes[i] == "NAP" else "not_available"
        row[field] += 1
    for key, row in rows.items():
        if not (row["not_available"] or row["not_applicable"]):
            continue
        known = known_indicators(columns, members[key])
        any_known = known.pop("any_known")
        row.update(known)
        row["rows"] = len(members[key])
        row["efficiency_rate"] = None if row["efficiency_rate"] is None else float("nan")
        if not any_known:
            row["status"] = "NAP" if not row["not_available"] else "NA"
        else:
            row["status"] = "partial"  # said rather than "incomplete" when both apply
    ordered = [rows[k] for k in sorted(rows)]
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
