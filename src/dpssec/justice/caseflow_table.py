"""The caseflow table: indicators per court, category and year, with sums before division.

:func:`caseflow_table` takes the rows of a return as columns (one row per court, category and
period) and gives, per group, the counts and the CEPEJ / CourTools indicators computed from the
group's totals, never as means of the rows' indicators. Flows (incoming, resolved) add up; the
pending stocks add up across courts and categories but not over time: a court's year made of
four quarters contributes its stock at the start of the first quarter and at the end of the
last. The disposition time of a group uses the days its periods cover (so a leap year counts
366 days, and a year with a quarter missing 274, with the group marked ``"incomplete"``).

Checks, and what happens:

* negative or fractional counts, a period ending before it starts, more cases resolved than
  were open (``resolved > pending_start + incoming``): **refused** (:class:`InputError` naming
  the row), because no return can legitimately report them;
* a row whose end stock does not follow from its flows (stock-identity break), two periods of
  one court and category that overlap, a period whose start stock differs from the end stock
  of the period just before it (carry-over break), days between periods that no period covers
  (a warning, and the group's status ``"incomplete"``): **findings** with the size of the gap, because real returns do all of these (transfers,
  reopened cases, revised counts, annual totals beside quarterly ones).

For example, two courts reporting the same year:

>>> import numpy as np
>>> from dpssec.justice import caseflow_table
>>> t = caseflow_table(["2023-01-01"] * 2, ["2023-12-31"] * 2, [900, 100], [1200, 300],
...                    [1100, 320], [1000, 80], court=["A", "B"], by="year")
>>> t.pending_end.tolist(), round(float(t.clearance_rate[0]), 2), t.period_days.tolist()
([1080.0], 94.67, [365])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import Date, Names, Population, TextLabels, calculator, example_by
from dpssec.errors import InputError
from dpssec.findings import ComplianceReport, Finding
from dpssec.justice.caseflow import CaseCount, warn_zero_denominator
from dpssec.justice.caseflow_checks import row_findings, series_findings, subject_of
from dpssec.justice.caseflow_kernels import (
    backlog_change_kernel,
    calendar_years,
    case_turnover_kernel,
    clearance_rate_kernel,
    covered_days,
    days_in_period_kernel,
    disposition_time_kernel,
    efficiency_rate_kernel,
    group_caseflow,
    group_codes,
    stock_gap_kernel,
)
from dpssec.justice.caseflow_sources import (
    CEPEJ_CASE_TURNOVER,
    CEPEJ_CLEARANCE_RATE,
    CEPEJ_DISPOSITION_TIME,
    COURTOOLS_CLEARANCE_RATE,
    NCSC_STOCK_IDENTITY,
)
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = ["GROUP_KEYS", "CaseflowTable", "caseflow_table"]


def _to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


GROUP_KEYS = ("court", "category", "year")
"""What ``by`` may name; ``year`` is the calendar year of a period's last day."""


def _tuple_or_none(value: Any) -> Any:
    return None if value is None else tuple(str(v) for v in value)


def _array(value: Any) -> Any:
    if value is None:
        return None
    arr = np.array(value)
    arr.setflags(write=False)
    return arr


_EQ = attrs.cmp_using(eq=lambda a, b: a is b or np.array_equal(a, b, equal_nan=True))


@example_by("caseflow_table")
@attrs.frozen(eq=False)
class CaseflowTable(ResultMixin):
    """Caseflow indicators per group (one row per court, category and year, as grouped).

    Attributes
    ----------
    by : tuple of str
        The grouping keys, in order.
    court, category : tuple of str or None
        The group's labels (None when not grouped by them).
    year : ndarray of int or None
        Calendar year of the group's last day (None when not grouped by year).
    start, end : tuple of datetime.date
        First and last day spanned by the group's periods.
    period_days : ndarray
        Days covered by the group's periods [days]: ``end - start + 1`` when they leave no
        day out, fewer when the return misses days (overlapping periods count once).
    rows, series : ndarray
        Input rows summed, and distinct court-and-category series among them.
    pending_start, incoming, resolved, pending_end : ndarray
        Group totals [cases] (stocks at the ends of each series, flows summed).
    clearance_rate : ndarray
        ``resolved x 100 / incoming`` [%].
    case_turnover_ratio : ndarray
        ``resolved / pending_end``.
    disposition_time : ndarray
        ``period_days x pending_end / resolved`` [days] (a flow estimate, not a case age).
    backlog_change : ndarray
        ``pending_end - pending_start`` [cases].
    stock_gap : ndarray
        ``pending_end - (pending_start + incoming - resolved)`` of the totals [cases].
    efficiency_rate : ndarray or None
        Resolved cases per FTE staff (None without staff figures).
    not_available, not_applicable : ndarray
        Rows of the group left out because a count was NA or NAP (only from a
        :class:`~dpssec.justice.CaseflowReturn`; 0 for plain columns).
    status : tuple of str
        ``"complete"``; ``"incomplete"`` (days between the group's first and last day that no
        period covers, or a court and category reporting fewer days than the group: its
        indicators describe the days covered, see ``period_days``); ``"partial"`` (rows with a
        count NA or NAP, its indicators from the counts known; said rather than
        ``"incomplete"`` when both apply); ``"NA"`` or ``"NAP"`` (no count known).
    findings : tuple of Finding
        Stock-identity breaks, overlapping periods, carry-over breaks, uncovered days.
    references : tuple of Reference
        Sources of the formulas (the CEPEJ ones secondary).
    """

    by: tuple[str, ...] = attrs.field(converter=_to_tuple)
    court: tuple[str, ...] | None = attrs.field(converter=_tuple_or_none)
    category: tuple[str, ...] | None = attrs.field(converter=_tuple_or_none)
    year: Any = attrs.field(converter=_array, eq=_EQ)
    start: tuple[dt.date, ...] = attrs.field(converter=_to_tuple)
    end: tuple[dt.date, ...] = attrs.field(converter=_to_tuple)
    period_days: Any = attrs.field(converter=_array, eq=_EQ)
    rows: Any = attrs.field(converter=_array, eq=_EQ)
    series: Any = attrs.field(converter=_array, eq=_EQ)
    pending_start: Any = attrs.field(converter=_array, eq=_EQ)
    incoming: Any = attrs.field(converter=_array, eq=_EQ)
    resolved: Any = attrs.field(converter=_array, eq=_EQ)
    pending_end: Any = attrs.field(converter=_array, eq=_EQ)
    clearance_rate: Any = attrs.field(converter=_array, eq=_EQ)
    case_turnover_ratio: Any = attrs.field(converter=_array, eq=_EQ)
    disposition_time: Any = attrs.field(converter=_array, eq=_EQ)
    backlog_change: Any = attrs.field(converter=_array, eq=_EQ)
    stock_gap: Any = attrs.field(converter=_array, eq=_EQ)
    efficiency_rate: Any = attrs.field(converter=_array, eq=_EQ)
    not_available: Any = attrs.field(converter=_array, eq=_EQ)
    not_applicable: Any = attrs.field(converter=_array, eq=_EQ)
    status: tuple[str, ...] = attrs.field(converter=_to_tuple)
    findings: tuple[Finding, ...] = attrs.field(converter=_to_tuple, repr=False)
    references: tuple[Reference, ...] = attrs.field(converter=_to_tuple, repr=False)

    KEY_COLUMNS: ClassVar[tuple[str, ...]] = GROUP_KEYS

    def __len__(self) -> int:
        return len(self.status)

    def report(self) -> ComplianceReport:
        """The findings as a :class:`~dpssec.findings.ComplianceReport`."""
        return ComplianceReport(self.findings, title="Caseflow checks", criteria="CEPEJ / NCSC")

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Incoming and resolved bars, the pending stock and the clearance rate; the Axes.

        Keywords (``court``, ``category``, ``title``) are those of
        :func:`dpssec.justice.plots.plot_caseflow`; others go to matplotlib for the bars
        (``alpha``, ``color``...).

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.justice import caseflow_table
        >>> t = caseflow_table(["2022-01-01", "2023-01-01"], ["2022-12-31", "2023-12-31"],
        ...                    [900, 1000], [1200, 1150], [1100, 1210], [1000, 940], by="year")
        >>> ax = t.plot()
        >>> [float(p.get_height()) for p in ax.patches]
        [1200.0, 1150.0, 1100.0, 1210.0]
        """
        from dpssec.justice.plots import plot_caseflow

        return plot_caseflow(self, ax, **kwargs)

    def _columns(self) -> dict[str, Any]:
        columns: dict[str, Any] = {}
        for name in GROUP_KEYS:
            if getattr(self, name) is not None:
                columns[name] = getattr(self, name)
        names = [
            "start",
            "end",
            "period_days",
            "rows",
            "pending_start",
            "incoming",
            "resolved",
            "pending_end",
            "clearance_rate",
            "case_turnover_ratio",
            "disposition_time",
            "backlog_change",
            "stock_gap",
            "efficiency_rate",
            "not_available",
            "not_applicable",
            "status",
        ]
        for name in names:
            value = getattr(self, name)
            if value is not None:
                columns[name] = value
        return columns


def _check_by(by: tuple[str, ...], court: Any, category: Any) -> None:
    unknown = [b for b in by if b not in GROUP_KEYS]
    if unknown:
        raise InputError(
            f"caseflow_table: by={unknown[0]!r} is not one of {', '.join(map(repr, GROUP_KEYS))}"
        )
    if len(set(by)) != len(by):
        raise InputError(f"caseflow_table: by names a key twice: {list(by)}")
    for name, labels in (("court", court), ("category", category)):
        if name in by and labels is None:
            raise InputError(f"caseflow_table: by includes {name!r} but no {name} labels given")


def _covered(
    group: np.ndarray, series: np.ndarray, start: np.ndarray, end: np.ndarray, grouped: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Days each group's periods cover, and whether some of the group's days go unreported.

    A group is incomplete when its periods leave days between its first and last day
    uncovered, or when one of its series (a court and category) covers fewer days than the
    group (its flows are then of a shorter period than the others').
    """
    groups = grouped.rows.size
    days = covered_days(group, start, end, groups)
    span = days_in_period_kernel(grouped.start, grouped.end)
    nseries = int(series.max()) + 1
    block = group.astype(np.int64) * nseries + series
    per_series = covered_days(block, start, end, groups * nseries).reshape(groups, nseries)
    present = np.zeros((groups, nseries), dtype=bool)
    present[group, series] = True
    short = (present & (per_series < days[:, None])).any(axis=1)
    return days, (days < span) | short


def _refuse_rows(mask: np.ndarray, message: str, describe: Any) -> None:
    if mask.any():
        i = int(np.argmax(mask))
        raise InputError(
            f"caseflow_table: {int(mask.sum())} of {mask.size} rows {message} (first at row "
            f"{i}: {describe(i)})"
        )


@calculator(
    start=Date(),
    end=Date(),
    pending_start=CaseCount(),
    incoming=CaseCount(),
    resolved=CaseCount(),
    pending_end=CaseCount(),
    court=TextLabels(optional=True),
    category=TextLabels(optional=True),
    staff=Population(optional=True),
    by=Names(optional=True),
    elementwise=False,
    example={
        "start": np.array(["2023-01-01", "2023-01-01", "2024-01-01"], dtype="datetime64[D]"),
        "end": np.array(["2023-12-31", "2023-12-31", "2024-12-31"], dtype="datetime64[D]"),
        "pending_start": [900, 100, 1000],
        "incoming": [1200, 300, 1150],
        "resolved": [1100, 320, 1210],
        "pending_end": [1000, 80, 940],
        "by": "year",
    },
)
def caseflow_table(
    start: Any,
    end: Any,
    pending_start: Any,
    incoming: Any,
    resolved: Any,
    pending_end: Any,
    *,
    court: Any = None,
    category: Any = None,
    staff: Any = None,
    by: Sequence[str] | str | None = None,
    nan_policy: str = "raise",
) -> CaseflowTable:
    """Caseflow indicators per court, case category and year, from group totals.

    Parameters
    ----------
    start, end : array-like of dates
        First and last day of each row's period (one value applies to every row).
    pending_start, incoming, resolved, pending_end : array-like
        The row's counts [cases], whole numbers >= 0.
    court, category : array-like of str, optional
        Each row's court (or court group) and case category; needed to group by them, and to
        know which rows are successive periods of one series (without them all rows are one
        court, or one category).
    staff : array-like, optional
        Staff in full-time equivalents per row [FTE], > 0, for the efficiency rate; a series
        contributes its day-weighted mean staff.
    by : str or sequence of str, optional
        Grouping keys among ``"court"``, ``"category"``, ``"year"`` (year of the period's last
        day); ``()`` gives one total row. Default: court and category where their labels are
        given, and year.
    nan_policy : {"raise", "omit"}
        A missing count or date is refused (default), or its whole row is left out of the sums
        (``"omit"``, with a :class:`~dpssec.errors.DataQualityWarning` counting the rows), so
        every indicator of a group comes from the same rows. Positions in messages then count
        the rows kept.

    Returns
    -------
    CaseflowTable
        One row per group, sorted by the keys, with ``findings``.

    Raises
    ------
    InputError
        Negative or fractional counts, a period ending before it starts, resolved above
        pending at start plus incoming (named by row, court, category and period), an unknown
        grouping key, ``by`` naming court or category without their labels, lengths or pandas
        indexes that differ.

    Notes
    -----
    Per group: ``CR = Σ resolved x 100 / Σ incoming``, ``CTR = Σ resolved / Σ pending_end``,
    ``DT = period_days x Σ pending_end / Σ resolved`` with ``period_days`` the days the
    group's periods cover (a return that misses a quarter has 274 days in its year, not 365,
    and the group's status says ``"incomplete"``) (CEPEJ formulas via Hodžić & Stawa
    [secondary]; CourTools Measure 2 [verified]). Zero denominators give infinite (or NaN) indicators, counted in a warning.
    Large tables are reduced by sums, so the cost is a sort and a few ``bincount`` passes.

    References
    ----------
    CEPEJ, European judicial systems (via Hodžić 2008); NCSC CourTools Measure 2; NCSC State
    Court Guide to Statistical Reporting (stock identity).

    Examples
    --------
    Four quarters of one court make its year: flows add up, stocks are taken at the ends.

    >>> from dpssec.justice import caseflow_table
    >>> starts = ["2023-01-01", "2023-04-01", "2023-07-01", "2023-10-01"]
    >>> ends = ["2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31"]
    >>> t = caseflow_table(starts, ends, [900, 950, 980, 1010], [300] * 4,
    ...                    [250, 270, 270, 310], [950, 980, 1010, 1000], court="A")
    >>> t.pending_start.tolist(), t.pending_end.tolist(), t.resolved.tolist()
    ([900.0], [1000.0], [1100.0])
    >>> round(float(t.disposition_time[0]), 1), t.findings
    (331.8, ())
    """
    if by is None:
        by = tuple(k for k, v in (("court", court), ("category", category)) if v is not None)
        by += ("year",)
    by = tuple(by)
    _check_by(by, court, category)
    columns = [np.atleast_1d(np.asarray(v)) for v in (start, end)]
    counts = [np.atleast_1d(np.asarray(v, dtype=float)) for v in (pending_start, incoming)]
    counts += [np.atleast_1d(np.asarray(v, dtype=float)) for v in (resolved, pending_end)]
    labels = [np.atleast_1d(np.asarray(v)) for v in (court, category) if v is not None]
    extra = [np.atleast_1d(np.asarray(staff, dtype=float))] if staff is not None else []
    n = max(a.shape[0] for a in [*columns, *counts, *labels, *extra])
    start_d, end_d = (np.broadcast_to(a, (n,)).astype("datetime64[D]") for a in columns)
    ps, inc, res, pe = (np.broadcast_to(a, (n,)) for a in counts)
    courts = np.broadcast_to(np.asarray(court), (n,)) if court is not None else None
    cats = np.broadcast_to(np.asarray(category), (n,)) if category is not None else None
    staff_a = np.broadcast_to(extra[0], (n,)) if extra else None
    show_court = courts if courts is not None else np.full(n, "all")
    show_cat = cats if cats is not None else np.full(n, "all")

    def describe(i: int) -> str:
        return subject_of(show_court, show_cat, start_d, end_d, i)

    if n == 0:
        raise InputError("caseflow_table: no rows; give at least one period")
    _refuse_rows(days_in_period_kernel(start_d, end_d) < 1, "end before they start", describe)
    _refuse_rows(
        res > ps + inc,
        "resolve more cases than were open (resolved > pending_start + incoming)",
        describe,
    )
    series, _ = group_codes(show_court, show_cat)
    keys = {"court": show_court, "category": show_cat, "year": calendar_years(end_d)}
    if by:
        group, uniques = group_codes(*(keys[name] for name in by))
    else:
        group, uniques = np.zeros(n, dtype=np.int64), []
    grouped = group_caseflow(group, series, start_d, end_d, ps, inc, res, pe, staff_a)
    days, incomplete = _covered(group, series, start_d, end_d, grouped)
    for den, num, what in (
        (grouped.incoming, grouped.resolved, "incoming"),
        (grouped.resolved, grouped.pending_end, "resolved"),
        (grouped.pending_end, grouped.resolved, "pending_end"),
    ):
        warn_zero_denominator("caseflow_table", den, num, what, rows="groups")
    with np.errstate(divide="ignore", invalid="ignore"):
        indicators = {
            "clearance_rate": clearance_rate_kernel(grouped.resolved, grouped.incoming),
            "case_turnover_ratio": case_turnover_kernel(grouped.resolved, grouped.pending_end),
            "disposition_time": disposition_time_kernel(
                grouped.pending_end, grouped.resolved, days
            ),
            "efficiency_rate": None
            if grouped.staff is None
            else efficiency_rate_kernel(grouped.resolved, grouped.staff),
        }
    found = row_findings(ps, inc, res, pe, describe)
    found += series_findings(series, start_d, end_d, ps, pe, describe)
    by_name = dict(zip(by, uniques, strict=True))
    groups = grouped.rows.size
    return CaseflowTable(
        by=by,
        court=by_name.get("court"),
        category=by_name.get("category"),
        year=by_name.get("year"),
        start=grouped.start.astype(dt.date).tolist(),
        end=grouped.end.astype(dt.date).tolist(),
        period_days=days,
        rows=grouped.rows,
        series=grouped.series,
        pending_start=grouped.pending_start,
        incoming=grouped.incoming,
        resolved=grouped.resolved,
        pending_end=grouped.pending_end,
        backlog_change=backlog_change_kernel(grouped.pending_start, grouped.pending_end),
        stock_gap=stock_gap_kernel(
            grouped.pending_start, grouped.incoming, grouped.resolved, grouped.pending_end
        ),
        not_available=np.zeros(groups, dtype=np.int64),
        not_applicable=np.zeros(groups, dtype=np.int64),
        status=tuple("incomplete" if gap else "complete" for gap in incomplete),
        findings=found,
        references=(
            CEPEJ_CLEARANCE_RATE,
            COURTOOLS_CLEARANCE_RATE,
            CEPEJ_CASE_TURNOVER,
            CEPEJ_DISPOSITION_TIME,
            NCSC_STOCK_IDENTITY,
        ),
        **indicators,
    )
