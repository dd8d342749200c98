"""Court caseflow indicators, element-wise over courts and periods (CEPEJ and NCSC CourTools).

* :func:`clearance_rate`: resolved cases as a percentage of incoming cases (CEPEJ Clearance
  Rate, CourTools Measure 2); above 100 % the pending stock shrinks;
* :func:`case_turnover_ratio`: resolved cases per case pending at the end of the period;
* :func:`disposition_time`: ``period_days / case_turnover_ratio`` [days], a flow-based
  estimate of how long the pending cases will take, **not** a measured case age;
* :func:`backlog_change`: change of the pending stock over the period (cases or %);
* :func:`stock_identity_gap`: how far a return is from ``pending_end = pending_start +
  incoming - resolved``;
* :func:`efficiency_rate`: resolved cases per full-time-equivalent staff member (an analyst
  convention: the CEPEJ formula has not been read);
* :func:`days_in_period`: the length of a period from its first and last day.

A zero denominator is not refused: a court with no incoming cases has an infinite clearance
rate if it resolved any (and an undefined one, NaN, if it resolved none), and a court that
resolved nothing has an infinite disposition time. Those rows are counted in a
:class:`~dpssec.errors.DataQualityWarning` (not for dask input, where counting would compute
the graph).

For the worked example of the project's reference notes (pending at start 900, incoming 1 200,
resolved 1 100, so 1 000 pending at the end of a year):

>>> from dpssec.justice import case_turnover_ratio, clearance_rate, disposition_time
>>> round(clearance_rate(1100, 1200), 2), case_turnover_ratio(1100, 1000)
(91.67, 1.1)
>>> round(disposition_time(1000, 1100), 1)
331.8
"""

from __future__ import annotations

import warnings
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Count,
    Date,
    Difference,
    Duration,
    Flag,
    Population,
    Ratio,
    calculator,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice.caseflow_kernels import (
    backlog_change_kernel,
    case_turnover_kernel,
    clearance_rate_kernel,
    days_in_period_kernel,
    disposition_time_kernel,
    efficiency_rate_kernel,
    relative_backlog_change_kernel,
    stock_gap_kernel,
)

__all__ = [
    "CaseCount",
    "backlog_change",
    "case_turnover_ratio",
    "clearance_rate",
    "days_in_period",
    "disposition_time",
    "efficiency_rate",
    "stock_identity_gap",
]


@attrs.frozen(kw_only=True)
class CaseCount(Count):
    """A number of cases: a whole number >= 0, as :class:`~dpssec.boundary.Count`.

    The one difference: while a row with a missing value is computed under
    ``nan_policy="propagate"`` (its result is then set to NaN), the missing value stands in as
    1, not 0, so that a missing denominator is not mistaken for a zero one in the warnings.
    """

    @property
    def fill(self) -> float:
        return 1.0


def is_dask(value: Any) -> bool:
    """Whether ``value`` is a lazy dask collection (checked without importing dask)."""
    graph = getattr(value, "__dask_graph__", None)
    return graph is not None and graph() is not None


def warn_zero_denominator(
    function: str,
    denominator: Any,
    numerator: Any,
    what: str,
    *,
    rows: str = "rows",
    stacklevel: int = 4,
) -> None:
    """Count rows whose ``denominator`` is 0 and warn (infinite, or NaN where 0/0).

    Nothing is counted for dask input (it would compute the graph).
    """
    if is_dask(denominator) or is_dask(numerator):
        return
    den = np.asarray(denominator)
    zero = den == 0
    if not zero.any():
        return
    both = zero & (np.asarray(numerator) == 0)
    count, total = int(np.count_nonzero(zero)), zero.size
    first = int(np.argmax(np.ravel(zero)))
    undefined = int(np.count_nonzero(both))
    where = f" (first at index {first})" if den.ndim else ""
    parts = []
    if count > undefined:
        parts.append(f"{count - undefined} infinite")
    if undefined:
        parts.append(f"{undefined} undefined (0/0, NaN)")
    warnings.warn(
        f"{function}: {count} of {total} {rows} have {what} = 0{where}; results: "
        + ", ".join(parts),
        DataQualityWarning,
        stacklevel=stacklevel,
    )


@calculator(
    resolved=CaseCount(),
    incoming=CaseCount(),
    zero_denominators=("incoming",),
    integers=True,
    divisors=("incoming",),
    overlap=True,
    fused=Ratio("resolved", "incoming", 100.0),
    example={"resolved": [1100, 480], "incoming": [1200, 400]},
)
def clearance_rate(resolved: Any, incoming: Any, *, nan_policy: str = "raise") -> Any:
    """Clearance rate: resolved cases as a percentage of incoming cases in the same period.

    Parameters
    ----------
    resolved : array-like
        Cases resolved (disposed, outgoing) in the period [cases], whole numbers >= 0.
    incoming : array-like
        Cases received (filed) in the same period [cases], whole numbers >= 0.
    nan_policy : {"raise", "propagate"}
        A missing value is refused (default) or gives NaN in its row with a
        :class:`~dpssec.errors.DataQualityWarning`.

    Returns
    -------
    float, ndarray or Series
        ``resolved x 100 / incoming`` [%]: 100 % keeps the pending stock unchanged, above 100 %
        it shrinks, below it grows. Infinite where nothing came in but cases were resolved,
        NaN where nothing came in and nothing was resolved (both warned).

    Raises
    ------
    InputError
        Negative or fractional counts, text, booleans, NaN under ``nan_policy="raise"``,
        different lengths or pandas indexes.

    Notes
    -----
    ``CR = resolved / incoming x 100`` (CEPEJ Clearance Rate, described by Hodžić, CEPEJ
    newsletter 2008 [secondary]; NCSC CourTools Measure 2, "outgoing cases as a percentage of
    incoming cases" [verified]). The ratio is resolved over incoming, never the inverse (a
    mistake some online calculators make). With the stock identity ``pending_end =
    pending_start + incoming - resolved``, CR = 100 % exactly when the stock is unchanged.
    For a group of courts, sum the counts first (:func:`~dpssec.justice.caseflow_table`); a
    mean of the courts' rates is not the group's rate.

    References
    ----------
    NCSC CourTools, Measure 2 (Clearance Rates). CEPEJ, European judicial systems, chapter on
    court activity (via Hodžić 2008).

    Examples
    --------
    >>> from dpssec.justice import clearance_rate
    >>> clearance_rate(1200, 1200)
    100.0
    >>> clearance_rate([1100, 480], [1200, 400]).round(2)
    array([ 91.67, 120.  ])
    """
    return clearance_rate_kernel(resolved, incoming)


@calculator(
    resolved=CaseCount(),
    pending_end=CaseCount(),
    zero_denominators=("pending_end",),
    integers=True,
    divisors=("pending_end",),
    overlap=True,
    fused=Ratio("resolved", "pending_end"),
    example={"resolved": [1100, 480], "pending_end": [1000, 120]},
)
def case_turnover_ratio(resolved: Any, pending_end: Any, *, nan_policy: str = "raise") -> Any:
    """Case turnover ratio: resolved cases per case still pending at the end of the period.

    Parameters
    ----------
    resolved : array-like
        Cases resolved in the period [cases], whole numbers >= 0.
    pending_end : array-like
        Cases pending (unresolved) at the end of the period [cases], whole numbers >= 0.
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or carried to NaN rows with a warning.

    Returns
    -------
    float, ndarray or Series
        ``resolved / pending_end``: how many times the end stock was turned over in the period.
        Infinite where nothing is pending at the end (the court cleared its stock), NaN where
        nothing was pending and nothing resolved (both warned).

    Raises
    ------
    InputError
        As :func:`clearance_rate`.

    Notes
    -----
    ``CTR = resolved / pending_end`` (CEPEJ, via Hodžić 2008 [secondary]). Its reciprocal
    times the period length is the disposition time (:func:`disposition_time`).

    References
    ----------
    CEPEJ, European judicial systems, chapter on court activity (via Hodžić & Stawa).

    Examples
    --------
    >>> from dpssec.justice import case_turnover_ratio
    >>> case_turnover_ratio(1100, 1000)
    1.1
    """
    return case_turnover_kernel(resolved, pending_end)


@calculator(
    pending_end=CaseCount(),
    resolved=CaseCount(),
    period_days=Duration(positive=True),
    zero_denominators=("resolved",),
    integers=True,
    divisors=("resolved", "period_days"),
    overlap=True,
    example={"pending_end": [1000, 120], "resolved": [1100, 480], "period_days": [365, 181]},
)
def disposition_time(
    pending_end: Any, resolved: Any, *, period_days: Any = 365, nan_policy: str = "raise"
) -> Any:
    """Disposition time: the days the pending stock would take at the period's pace [days].

    Parameters
    ----------
    pending_end : array-like
        Cases pending at the end of the period [cases], whole numbers >= 0.
    resolved : array-like
        Cases resolved in the period [cases], whole numbers >= 0.
    period_days : array-like or Quantity
        Length of the period [days], > 0: 365 for a calendar year (the default, as the CEPEJ
        publishes annual data), 366 for a leap year, 90 or so for a quarter; one value or one
        per row. Take it from the period's dates with :func:`days_in_period` (a
        :class:`~dpssec.justice.CaseflowPeriod` and :func:`~dpssec.justice.caseflow_table` do).
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or carried to NaN rows with a warning.

    Returns
    -------
    float, ndarray or Series
        ``period_days x pending_end / resolved`` [days]. **Infinite where nothing was resolved**
        (``finite_output=False``: the answer is "never at this pace", so it is returned, with a
        :class:`~dpssec.errors.DataQualityWarning` counting the rows, rather than refused); NaN
        where nothing was pending either.

    Raises
    ------
    InputError
        As :func:`clearance_rate`; a period length <= 0.

    Notes
    -----
    ``DT = period_days / CTR = period_days x pending_end / resolved`` (CEPEJ: 365 / CTR for a
    year, via Hodžić & Stawa [secondary]); so ``DT x CTR = period_days``. It is a flow-based
    estimate of the time needed to resolve the cases pending, assuming the period's pace goes
    on: it is **not** a measured case age or duration. Measure those from case dates with
    :func:`~dpssec.justice.time_to_disposition` and
    :func:`~dpssec.justice.pending_age_profile`.

    References
    ----------
    CEPEJ, European judicial systems, chapter on court activity (via Hodžić & Stawa).

    Examples
    --------
    >>> from dpssec.justice import disposition_time
    >>> round(disposition_time(1000, 1100), 1)
    331.8
    >>> round(disposition_time(1000, 1100, period_days=366), 1)   # a leap year
    332.7
    >>> disposition_time([1000, 120], [1100, 480], period_days=[365, 181]).round(1)
    array([331.8,  45.2])
    """
    return disposition_time_kernel(pending_end, resolved, period_days)


@calculator(
    pending_start=CaseCount(),
    pending_end=CaseCount(),
    relative=Flag(),
    zero_denominators=("pending_start",),
    integers=True,
    divisors=("pending_start",),
    overlap=True,
    fused=Difference("pending_end", "pending_start", when=(("relative", False),)),
    example={"pending_start": [900, 150], "pending_end": [1000, 120]},
)
def backlog_change(
    pending_start: Any, pending_end: Any, *, relative: bool = False, nan_policy: str = "raise"
) -> Any:
    """Change of the pending stock over a period, in cases or in percent.

    Parameters
    ----------
    pending_start, pending_end : array-like
        Cases pending at the start and at the end of the period [cases], whole numbers >= 0.
    relative : bool
        False (default): ``pending_end - pending_start`` [cases]; True: that change as a
        percentage of ``pending_start`` [%] (infinite where nothing was pending at the start,
        warned).
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or carried to NaN rows with a warning.

    Returns
    -------
    float, ndarray or Series
        Positive when the backlog grew.

    Raises
    ------
    InputError
        As :func:`clearance_rate`; ``relative`` other than True or False.

    Notes
    -----
    With the stock identity, ``pending_end - pending_start = incoming - resolved``: a
    clearance rate below 100 % and a growing backlog are the same statement. "Backlog" here is
    the whole pending stock, as the CEPEJ total backlog; cases older than a time standard are
    measured by :func:`~dpssec.justice.pending_age_profile`.

    Examples
    --------
    >>> from dpssec.justice import backlog_change
    >>> backlog_change(900, 1000)
    100.0
    >>> round(backlog_change(900, 1000, relative=True), 2)
    11.11
    """
    if relative:
        return relative_backlog_change_kernel(pending_start, pending_end)
    return backlog_change_kernel(pending_start, pending_end)


@calculator(
    pending_start=CaseCount(),
    incoming=CaseCount(),
    resolved=CaseCount(),
    pending_end=CaseCount(),
    integers=True,
    divisors=(),
    overlap=True,
    example={
        "pending_start": [900, 150],
        "incoming": [1200, 450],
        "resolved": [1100, 480],
        "pending_end": [1000, 125],
    },
)
def stock_identity_gap(
    pending_start: Any,
    incoming: Any,
    resolved: Any,
    pending_end: Any,
    *,
    nan_policy: str = "raise",
) -> Any:
    """How far a caseflow return is from the stock identity, in cases.

    Parameters
    ----------
    pending_start, incoming, resolved, pending_end : array-like
        The four counts of one period [cases], whole numbers >= 0.
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or carried to NaN rows with a warning.

    Returns
    -------
    float, ndarray or Series
        ``pending_end - (pending_start + incoming - resolved)`` [cases]: 0 when the return is
        consistent; positive when more cases are reported pending than the flows explain
        (transfers in, reopened cases, a recount), negative when fewer.

    Raises
    ------
    InputError
        As :func:`clearance_rate`.

    Notes
    -----
    The identity ``pending_end = pending_start + incoming - resolved`` (NCSC statistical
    reporting guide, caseload summary [secondary]) often fails in real returns (cases
    transferred, reopened or reclassified, counts revised at year end), so a gap is reported
    as a finding with its size (:class:`~dpssec.justice.CaseflowPeriod`,
    :func:`~dpssec.justice.caseflow_table`), never refused.

    Examples
    --------
    >>> from dpssec.justice import stock_identity_gap
    >>> stock_identity_gap([900, 150], [1200, 450], [1100, 480], [1000, 125]).tolist()
    [0.0, 5.0]
    """
    return stock_gap_kernel(pending_start, incoming, resolved, pending_end)


@calculator(
    resolved=CaseCount(),
    staff=Population(),
    integers=True,
    divisors=("staff",),
    overlap=True,
    fused=Ratio("resolved", "staff"),
    example={"resolved": [1100, 480], "staff": [4.5, 2.0]},
)
def efficiency_rate(resolved: Any, staff: Any, *, nan_policy: str = "raise") -> Any:
    """Resolved cases per full-time-equivalent staff member in the period.

    Parameters
    ----------
    resolved : array-like
        Cases resolved in the period [cases], whole numbers >= 0.
    staff : array-like
        Staff in full-time equivalents [FTE], > 0: judges, or judges and court staff, as the
        return states (say which beside the result). One half-time post counts 0.5 (CEPEJ
        explanatory note, "gross figures and full-time equivalent").
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or carried to NaN rows with a warning.

    Returns
    -------
    float, ndarray or Series
        ``resolved / staff`` [cases per FTE and period].

    Raises
    ------
    InputError
        As :func:`clearance_rate`; zero or negative staff.

    Notes
    -----
    The CEPEJ names an "efficiency rate" (staff input against case output), but its formula
    has not been read in a CEPEJ text: this is an analyst convention (reference
    ``verified=False``). Compare courts only over periods of the same length.

    Examples
    --------
    >>> from dpssec.justice import efficiency_rate
    >>> efficiency_rate([1100, 480], [4.5, 2.0]).round(1)
    array([244.4, 240. ])
    """
    return efficiency_rate_kernel(resolved, staff)


@calculator(
    start=Date(),
    end=Date(),
    example={
        "start": np.array(["2023-01-01", "2024-01-01"], dtype="datetime64[D]"),
        "end": np.array(["2023-12-31", "2024-06-30"], dtype="datetime64[D]"),
    },
)
def days_in_period(start: Any, end: Any, *, nan_policy: str = "raise") -> Any:
    """Length of a period in days, counting its first and its last day.

    Parameters
    ----------
    start : array-like of dates
        First day of the period (``datetime.date``, ``"YYYY-MM-DD"``, numpy or pandas dates).
    end : array-like of dates
        Last day of the period, on or after ``start``.
    nan_policy : {"raise", "propagate"}
        A missing date is refused (default) or gives NaN in its row with a warning.

    Returns
    -------
    int, ndarray or Series
        ``end - start + 1`` [days]: 365 for 1 January to 31 December 2023, 366 for 2024.

    Raises
    ------
    InputError
        An end before its start (with the position), text that is not a date, a time of day.

    Notes
    -----
    Caseflow returns give periods by their first and last day ("1 January to 31 December"),
    with the pending stock counted at the start of the first day and at the end of the last,
    so both days belong to the period.

    Examples
    --------
    >>> from dpssec.justice import days_in_period
    >>> days_in_period("2023-01-01", "2023-12-31"), days_in_period("2024-01-01", "2024-12-31")
    (365, 366)
    """
    days = days_in_period_kernel(start, end)
    if is_dask(days):
        return days.map_blocks(_refuse_reversed_block, dtype=days.dtype)
    return _refuse_reversed_block(days)


def _refuse_reversed_block(days: Any) -> Any:
    bad = np.asarray(days) < 1
    if bad.any():
        first = int(np.argmax(np.ravel(bad)))
        where = f" (first at index {first})" if np.ndim(days) else ""
        raise InputError(
            f"days_in_period: {int(bad.sum())} of {bad.size} periods end before they start{where}"
        )
    return days
