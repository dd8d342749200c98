"""Checks of a caseflow return that report, rather than refuse: findings with the size of the gap.

Real returns legitimately break the rules these look for, so each is a
:class:`~dpssec.findings.Finding` (never an exception):

* ``stock-identity-break``: a row whose end stock does not follow from its flows, with the gap
  in cases (transfers, reopened or reclassified cases, a recount);
* ``overlapping-periods``: a period of a court and category that starts before an earlier one
  of the same court and category has ended, with the days shared (an annual total beside its
  quarters, a revised return beside the original); summing both counts their flows twice;
* ``carry-over-break``: a period whose start stock differs from the end stock of the period just
  before it, with the gap;
* ``uncovered-days``: days between consecutive periods that no period covers (a warning: the
  table marks a group spanning them ``"incomplete"``).

Used by :func:`~dpssec.justice.caseflow_table`, :class:`~dpssec.justice.CaseflowPeriod` and
:class:`~dpssec.justice.CaseflowReturn`.

For example:

>>> from dpssec.justice.caseflow_checks import stock_break_finding
>>> stock_break_finding("Penal 2 / criminal / 2023", 144, 328, 350, 159).details["gap"]
37.0
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.findings import Finding, Severity
from dpssec.justice.caseflow_kernels import group_codes, series_issues, stock_gap_kernel
from dpssec.justice.caseflow_sources import NCSC_STOCK_IDENTITY

__all__ = [
    "MAX_ROW_FINDINGS",
    "overlap_findings",
    "row_findings",
    "series_findings",
    "stock_break_finding",
    "subject_of",
]

MAX_ROW_FINDINGS = 50
"""Stock-identity breaks listed one by one; beyond this many, one finding counts the rest."""


def subject_of(court: np.ndarray, category: np.ndarray, start: Any, end: Any, i: int) -> str:
    """``court / category / start..end`` of row ``i``, as findings and errors name a row."""
    return f"{court[i]} / {category[i]} / {start[i]}..{end[i]}"


def stock_break_finding(
    subject: str, pending_start: float, incoming: float, resolved: float, pending_end: float
) -> Finding:
    """The finding for a return whose stocks do not follow from its flows, with the gap."""
    expected = pending_start + incoming - resolved
    gap = pending_end - expected
    return Finding(
        "stock-identity-break",
        Severity.WARNING,
        f"pending at end {pending_end:g} differs from pending at start + incoming - resolved "
        f"= {pending_start:g} + {incoming:g} - {resolved:g} = {expected:g} by {gap:+g} cases "
        "(transfers, reopened or reclassified cases, or a recount?)",
        subject=subject,
        reference=NCSC_STOCK_IDENTITY,
        details={"gap": float(gap), "expected_pending_end": float(expected)},
    )


def row_findings(
    ps: np.ndarray, inc: np.ndarray, res: np.ndarray, pe: np.ndarray, describe: Any
) -> list[Finding]:
    """One stock-identity finding per row that breaks it (at most :data:`MAX_ROW_FINDINGS`)."""
    gap = stock_gap_kernel(ps, inc, res, pe)
    broken = np.flatnonzero(gap != 0)
    found = [
        stock_break_finding(describe(int(i)), ps[i], inc[i], res[i], pe[i])
        for i in broken[:MAX_ROW_FINDINGS]
    ]
    if broken.size > MAX_ROW_FINDINGS:
        rest = broken[MAX_ROW_FINDINGS:]
        found.append(
            Finding(
                "stock-identity-break",
                Severity.WARNING,
                f"{rest.size} more rows break the stock identity (total gap "
                f"{float(gap[rest].sum()):+g} cases)",
                subject="caseflow table",
                reference=NCSC_STOCK_IDENTITY,
                details={"rows": int(rest.size), "gap": float(gap[rest].sum())},
            )
        )
    return found


def series_findings(
    series: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    ps: np.ndarray,
    pe: np.ndarray,
    describe: Any,
) -> list[Finding]:
    """Overlaps, carry-over breaks and uncovered days within each court-and-category series."""
    issues = series_issues(series, start, end, ps, pe)
    found = _overlaps(issues.overlap_row, issues.overlap_with, issues.overlap_days, describe)
    for row, after, gap in zip(issues.break_row, issues.break_after, issues.break_gap, strict=True):
        found.append(
            Finding(
                "carry-over-break",
                Severity.WARNING,
                f"pending at start {ps[row]:g} differs from pending at the end of the period "
                f"before ({describe(int(after))}: {pe[after]:g}) by {gap:+g} cases",
                subject=describe(int(row)),
                reference=NCSC_STOCK_IDENTITY,
                details={"gap": float(gap), "previous": describe(int(after))},
            )
        )
    for row, after, days in zip(issues.hole_row, issues.hole_after, issues.hole_days, strict=True):
        found.append(
            Finding(
                "uncovered-days",
                Severity.WARNING,
                f"{int(days)} days between this period and the one before "
                f"({describe(int(after))}) are in no period of the return: a group that "
                "spans them is incomplete, its indicators describe the days covered",
                subject=describe(int(row)),
                details={"days": int(days), "previous": describe(int(after))},
            )
        )
    return found


def _overlaps(rows: Any, others: Any, days: Any, describe: Any) -> list[Finding]:
    return [
        Finding(
            "overlapping-periods",
            Severity.WARNING,
            f"this period overlaps {describe(int(other))} by {int(d)} days: summing both "
            "counts their common flows twice (an annual total beside its quarters, or a "
            "revised return beside the original?)",
            subject=describe(int(row)),
            details={"overlap_days": int(d), "other": describe(int(other))},
        )
        for row, other, d in zip(rows, others, days, strict=True)
    ]


def overlap_findings(
    court: np.ndarray, category: np.ndarray, start: np.ndarray, end: np.ndarray
) -> list[Finding]:
    """Findings for periods of one court and category that overlap (with the days shared).

    Parameters
    ----------
    court, category : ndarray of str
        Labels per row.
    start, end : ndarray of datetime64[D]
        First and last day per row.

    Returns
    -------
    list of Finding
        One ``"overlapping-periods"`` warning per row that starts before an earlier period of
        its series has ended.

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.justice.caseflow_checks import overlap_findings
    >>> f = overlap_findings(np.array(["A", "A"], dtype=object), np.array(["all", "all"], dtype=object),
    ...                      np.array(["2023-01-01", "2023-07-01"], dtype="datetime64[D]"),
    ...                      np.array(["2023-12-31", "2023-09-30"], dtype="datetime64[D]"))
    >>> f[0].details["overlap_days"]
    92
    """
    series, _ = group_codes(court, category)
    zeros = np.zeros(court.shape[0])
    issues = series_issues(series, start, end, zeros, zeros)

    def describe(i: int) -> str:
        return subject_of(court, category, start, end, i)

    return _overlaps(issues.overlap_row, issues.overlap_with, issues.overlap_days, describe)
