"""Caseflow returns as models: one court, case category and period, with CEPEJ's NA and NAP.

* :class:`MissingCode`: ``NA`` (not available: the category exists but the figure is not known)
  and ``NAP`` (not applicable: the category does not exist in the system), as the CEPEJ
  explanatory note defines them. Both differ from zero and from each other everywhere: in the
  model, in the readers (:func:`~dpssec.justice.read_caseflow`) and in JSON (``"NA"``,
  ``"NAP"``);
* :class:`ReturnedCount`: the field specification of a reported count (a whole number >= 0,
  ``"NA"`` or ``"NAP"``);
* :class:`CaseflowPeriod`: pending at start, incoming, resolved, pending at end of one court,
  category and period; its indicators forward to the calculators of
  :mod:`dpssec.justice.caseflow`, with the period length taken from its dates;
* :class:`CaseflowReturn`: the periods of a return together, checked for overlapping periods
  and tabulated (:meth:`CaseflowReturn.table`).

An indicator that needs a count given as NAP is NAP; otherwise, if it needs a count given as
NA, it is NA. A break of the stock identity is a finding with the size of the gap, never an
error, because real returns break it (transfers, reopened cases, revised counts); resolving
more cases than were open (``resolved > pending_start + incoming``) and a period that ends
before it starts are impossible, and refused.

For example:

>>> import datetime as dt
>>> from dpssec.justice import CaseflowPeriod, MissingCode
>>> p = CaseflowPeriod("Juzgado Penal 1", dt.date(2023, 1, 1), dt.date(2023, 12, 31),
...                    pending_start=900, incoming=1200, resolved=1100, pending_end=1000)
>>> round(p.clearance_rate, 2), p.case_turnover_ratio, round(p.disposition_time, 1)
(91.67, 1.1, 331.8)
>>> q = CaseflowPeriod("Juzgado Penal 1", "2023-01-01", "2023-12-31", pending_start="NA",
...                    incoming=1200, resolved=1100, pending_end="NAP", category="civil")
>>> q.clearance_rate == 1100 * 100 / 1200, q.backlog_change, q.disposition_time
(True, <MissingCode.NAP: 'NAP'>, <MissingCode.NAP: 'NAP'>)
>>> from dpssec.serialization import from_json, to_json
>>> from_json(to_json(q), CaseflowPeriod) == q
True
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from dpssec.boundary import (
    Count,
    Date,
    Records,
    Text,
    call_example,
    choice_key,
    example,
    example_by,
    register_aliases,
)
from dpssec.errors import InputError
from dpssec.findings import ComplianceReport, Finding, Severity
from dpssec.justice.caseflow import (
    backlog_change,
    case_turnover_ratio,
    clearance_rate,
    days_in_period,
    disposition_time,
    efficiency_rate,
    stock_identity_gap,
)
from dpssec.justice.caseflow_checks import overlap_findings, stock_break_finding
from dpssec.justice.caseflow_sources import CEPEJ_NA_NAP

if TYPE_CHECKING:
    from dpssec.justice.caseflow_table import CaseflowTable

__all__ = ["CaseflowPeriod", "CaseflowReturn", "MissingCode", "ReturnedCount"]


class MissingCode(enum.Enum):
    """Why a figure of a return is missing (CEPEJ-GT-EVAL(2017)10, "NA and NAP").

    ``NA`` (not available): the category exists in the system but the figure is not known.
    ``NAP`` (not applicable): the question does not apply (the category or court type does not
    exist). The CEPEJ warns that mixing them up leads to wrong interpretations; neither is 0.
    """

    NA = "NA"
    NAP = "NAP"


register_aliases(
    MissingCode,
    {
        "not available": MissingCode.NA,
        "not known": MissingCode.NA,
        "unknown": MissingCode.NA,
        "not applicable": MissingCode.NAP,
    },
)

_CODE_KEYS = {"na", "nap", "not_available", "not_known", "unknown", "not_applicable"}


@attrs.frozen(kw_only=True)
class ReturnedCount(Count):
    """A count as a return reports it: a whole number >= 0, or ``NA`` / ``NAP``.

    Codes are read by :func:`~dpssec.boundary.parse_choice` on :class:`MissingCode` (``"NA"``,
    ``"nap"``, ``"not applicable"``...). ``"n/a"`` is refused: it is used for both meanings.
    Anything else follows :class:`~dpssec.boundary.Count` (text digits, fractions, negatives,
    NaN and booleans are refused). ``whole=False`` for staff in full-time equivalents.
    """

    def describe(self) -> str:
        return super().describe() + ", 'NA' (not available) or 'NAP' (not applicable)"

    def scalar(self, value: Any, name: str) -> Any:
        if isinstance(value, MissingCode):
            return value
        if isinstance(value, str):
            if choice_key(value) in _CODE_KEYS:
                return MissingCode.NA if choice_key(value) in _NA_KEYS else MissingCode.NAP
            raise InputError(
                f"parameter {name!r} must be {self.describe()}; got text {value!r}"
                + ("; 'n/a' is ambiguous: write NA or NAP" if choice_key(value) == "n/a" else "")
            )
        return super().scalar(value, name)


_NA_KEYS = {"na", "not_available", "not_known", "unknown"}


def _combine(function: Callable[..., Any], *values: Any, **options: Any) -> Any:
    """NAP if any input is NAP, else NA if any is NA, else the calculator's value."""
    if any(v is MissingCode.NAP for v in values):
        return MissingCode.NAP
    if any(v is MissingCode.NA for v in values):
        return MissingCode.NA
    return function(*values, **options)


@example(
    "Juzgado Penal 1",
    dt.date(2023, 1, 1),
    dt.date(2023, 12, 31),
    pending_start=900,
    incoming=1200,
    resolved=1100,
    pending_end=1000,
)
@attrs.frozen
class CaseflowPeriod:
    """The caseflow of one court (or group of courts), case category and period.

    Attributes
    ----------
    court : str
        The court or court group, as the return names it.
    start, end : datetime.date
        First and last day of the period (both belong to it).
    pending_start : int or MissingCode
        Cases pending at the start of the first day [cases].
    incoming : int or MissingCode
        Cases received during the period [cases].
    resolved : int or MissingCode
        Cases resolved during the period [cases].
    pending_end : int or MissingCode
        Cases pending at the end of the last day [cases].
    category : str
        Case category (``"criminal"``, ``"civil litigious"``...); ``"all"`` by default.
    staff : float, MissingCode or None
        Staff in full-time equivalents for the efficiency rate [FTE]; None when not reported.

    Raises
    ------
    InputError
        A negative or fractional count, text other than NA/NAP, a period ending before it
        starts, or more cases resolved than were open (``resolved > pending_start +
        incoming``), which no return can legitimately report.
    """

    court: str = Text().field()
    start: dt.date = Date().field()
    end: dt.date = Date().field()
    pending_start: int | MissingCode = ReturnedCount().field()
    incoming: int | MissingCode = ReturnedCount().field()
    resolved: int | MissingCode = ReturnedCount().field()
    pending_end: int | MissingCode = ReturnedCount().field()
    category: str = Text().field(default="all")
    staff: float | MissingCode | None = ReturnedCount(whole=False, optional=True).field(
        default=None
    )

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InputError(
                f"{self.subject}: the period ends ('end' {self.end}) before it starts ('start' "
                f"{self.start})"
            )
        ps, inc, res = self.pending_start, self.incoming, self.resolved
        known = isinstance(ps, int) and isinstance(inc, int) and isinstance(res, int)
        if known and res > ps + inc:  # type: ignore[operator]
            raise InputError(
                f"{self.subject}: resolved ({res}) exceeds pending at start + incoming "
                f"({ps} + {inc} = {ps + inc}); a court cannot resolve more cases than it had"  # type: ignore[operator]
            )
        if isinstance(self.staff, float) and self.staff <= 0:
            raise InputError(f"{self.subject}: staff must be > 0 FTE; got {self.staff}")

    @property
    def subject(self) -> str:
        """``court / category / start..end``, as findings and errors name the period."""
        return f"{self.court} / {self.category} / {self.start}..{self.end}"

    @property
    def period_days(self) -> int:
        """Days in the period, both ends included (:func:`~dpssec.justice.days_in_period`)."""
        return int(days_in_period(self.start, self.end))

    @property
    def counts(self) -> tuple[Any, Any, Any, Any]:
        """``(pending_start, incoming, resolved, pending_end)``."""
        return self.pending_start, self.incoming, self.resolved, self.pending_end

    @property
    def complete(self) -> bool:
        """True when all four counts are numbers (neither NA nor NAP)."""
        return all(isinstance(v, int) for v in self.counts)

    @property
    def clearance_rate(self) -> Any:
        """:func:`~dpssec.justice.clearance_rate` [%], or NA / NAP."""
        return _combine(clearance_rate, self.resolved, self.incoming)

    @property
    def case_turnover_ratio(self) -> Any:
        """:func:`~dpssec.justice.case_turnover_ratio`, or NA / NAP."""
        return _combine(case_turnover_ratio, self.resolved, self.pending_end)

    @property
    def disposition_time(self) -> Any:
        """:func:`~dpssec.justice.disposition_time` [days] over this period's length, or NA / NAP."""
        return _combine(
            disposition_time, self.pending_end, self.resolved, period_days=self.period_days
        )

    @property
    def backlog_change(self) -> Any:
        """:func:`~dpssec.justice.backlog_change` [cases], or NA / NAP."""
        return _combine(backlog_change, self.pending_start, self.pending_end)

    @property
    def stock_gap(self) -> Any:
        """:func:`~dpssec.justice.stock_identity_gap` [cases], or NA / NAP."""
        return _combine(stock_identity_gap, *self.counts)

    @property
    def efficiency_rate(self) -> Any:
        """:func:`~dpssec.justice.efficiency_rate` [cases per FTE], NA / NAP, or None."""
        if self.staff is None:
            return None
        return _combine(efficiency_rate, self.resolved, self.staff)

    def findings(self) -> list[Finding]:
        """A break of the stock identity (with its size) and the counts given as NA or NAP."""
        found: list[Finding] = []
        gap = self.stock_gap
        if isinstance(gap, float) and gap != 0:
            found.append(stock_break_finding(self.subject, *self.counts))
        names = ("pending_start", "incoming", "resolved", "pending_end")
        for code in MissingCode:
            missing = [n for n, v in zip(names, self.counts, strict=True) if v is code]
            if missing:
                meaning = "not available" if code is MissingCode.NA else "not applicable"
                found.append(
                    Finding(
                        f"caseflow-{code.value.lower()}",
                        Severity.INFO,
                        f"{', '.join(missing)} {code.value} ({meaning}); the indicators that "
                        f"need {'it' if len(missing) == 1 else 'them'} are {code.value}",
                        subject=self.subject,
                        reference=CEPEJ_NA_NAP,
                        details={"counts": missing, "code": code.value},
                    )
                )
        return found


def _periods(values: Iterable[CaseflowPeriod]) -> tuple[CaseflowPeriod, ...]:
    periods: tuple[CaseflowPeriod, ...] = Records(CaseflowPeriod).convert(values, "periods")
    return periods


@example_by(lambda: CaseflowReturn([call_example(CaseflowPeriod)], source="return.csv"))
@attrs.frozen
class CaseflowReturn:
    """The caseflow periods of a return (several courts, categories and periods).

    Attributes
    ----------
    periods : tuple of CaseflowPeriod
    source : str
        Where the return came from (a file name), for findings and reports.
    """

    periods: tuple[CaseflowPeriod, ...] = attrs.field(converter=_periods)
    source: str = Text(empty=True).field(default="")

    def __len__(self) -> int:
        return len(self.periods)

    def arrays(self) -> dict[str, Any]:
        """Columns of the return: labels, dates, and counts with NaN for NA and NAP."""

        def number(value: Any) -> float:
            return float(value) if isinstance(value, int | float) else float("nan")

        periods = self.periods
        return {
            "court": np.array([p.court for p in periods], dtype=str),
            "category": np.array([p.category for p in periods], dtype=str),
            "start": np.array([p.start for p in periods], dtype="datetime64[D]"),
            "end": np.array([p.end for p in periods], dtype="datetime64[D]"),
            **{
                name: np.array([number(getattr(p, name)) for p in periods])
                for name in ("pending_start", "incoming", "resolved", "pending_end", "staff")
            },
        }

    def findings(self) -> ComplianceReport:
        """Every period's findings, and overlapping periods of one court and category."""
        found: list[Finding] = []
        for period in self.periods:
            found += period.findings()
        if self.periods:
            columns = self.arrays()
            found += overlap_findings(
                columns["court"], columns["category"], columns["start"], columns["end"]
            )
        return ComplianceReport(
            found, title=f"Caseflow return {self.source}".strip(), criteria="CEPEJ / NCSC"
        )

    def table(self, *, by: Sequence[str] | str = ("court", "category", "year")) -> CaseflowTable:
        """Indicators per group, sums before division; NA and NAP rows counted apart.

        Rows with all four counts known go into :func:`~dpssec.justice.caseflow_table`. A
        group with a count NA or NAP is computed from what is known
        (:func:`~dpssec.justice.caseflow_return_table.known_indicators`): a total is NaN when
        one of its cells is NA (NAP cells are not part of the group), and each indicator comes
        from the rows or series whose inputs are known, so an unknown end stock leaves the
        flows and the clearance rate in place. Such rows are counted in the table's
        ``not_available`` or ``not_applicable`` column (NAP first: a row with both is "not
        applicable"), and the group's ``status`` is ``"partial"``, or ``"NA"`` / ``"NAP"``
        when none of its counts is known.

        Examples
        --------
        >>> from dpssec.justice import CaseflowPeriod, CaseflowReturn
        >>> r = CaseflowReturn([
        ...     CaseflowPeriod("A", "2023-01-01", "2023-12-31", pending_start=900,
        ...                    incoming=1200, resolved=1100, pending_end=1000),
        ...     CaseflowPeriod("B", "2023-01-01", "2023-12-31", pending_start=100,
        ...                    incoming=300, resolved=320, pending_end=80),
        ...     CaseflowPeriod("C", "2023-01-01", "2023-12-31", pending_start="NAP",
        ...                    incoming="NAP", resolved="NAP", pending_end="NAP")])
        >>> t = r.table(by="year")
        >>> t.resolved.tolist(), round(float(t.clearance_rate[0]), 2), t.not_applicable.tolist()
        ([1420.0], 94.67, [1])
        """
        from dpssec.justice.caseflow_return_table import tabulate_return

        return tabulate_return(self, by=by)
