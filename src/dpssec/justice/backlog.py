"""Backlog projection: the pending stock forward at a given pace, and the pace a target needs.

* :func:`project_backlog`: from the cases pending now, the cases expected in each period and
  the court's resolution capacity per period (constant, a linear trend, or a series), the
  pending stock at the end of each period, and the first period in which it is at or below a
  target, or a statement that at this capacity it never gets there;
* :func:`capacity_needed`: the smallest constant number of resolutions per period that brings
  the stock to the target by the end of a given period, or by a date (``start=``, ``by=`` and
  ``period=``: eight quarters from 1 January 2025 to 31 December 2026, for instance); a rate
  [cases per period], or whole cases with ``whole=True``;
* :func:`periods_until`: how many whole years, quarters or months run from a start to a date.

Both are arithmetic on the stock identity with the stock floored at zero (a court cannot
resolve cases it does not have): ``resolved[t] = min(capacity[t], pending[t-1] +
incoming[t])``, ``pending[t] = pending[t-1] + incoming[t] - resolved[t]``. That is a
derived analyst convention, not a published method (reference ``verified=False``).

For example, 1 000 cases pending, 1 200 arriving a year and capacity for 1 300:

>>> from dpssec.justice import capacity_needed, project_backlog
>>> p = project_backlog(1000, 1200, 1300, periods=5, target=700)
>>> p.pending.tolist(), p.target_period
([900.0, 800.0, 700.0, 600.0, 500.0], 3)
>>> capacity_needed(1000, 1200, target=700, periods=2)
1350.0
>>> capacity_needed(1000, 1200, target=500, start="2025-01-01", by="2027-12-31", whole=True)
1367
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Choice, Count, Date, Flag, Number, Size, calculator, example_by
from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice.caseflow_kernels import capacity_needed_kernel, reflected_stock
from dpssec.justice.caseflow_sources import BACKLOG_CONVENTION
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = ["PERIODS", "BacklogProjection", "capacity_needed", "periods_until", "project_backlog"]

PERIODS = {"year": 12, "quarter": 3, "month": 1}
"""Lengths of the calendar periods a projection may count in, in months."""


def _period_ends(start: Any, count: int, period: str) -> list[dt.date]:
    """Last day of each of ``count`` calendar periods from ``start``."""
    first = np.datetime64(start, "D")
    month = first.astype("datetime64[M]")
    offset = first - month.astype("datetime64[D]")
    step = PERIODS[period]
    ends = [
        ((month + step * (k + 1)).astype("datetime64[D]") + offset - np.timedelta64(1, "D"))
        for k in range(count)
    ]
    return [e.astype(dt.date) for e in ends]


@calculator(
    start=Date(aligned=False, ndim=(0,)),
    by=Date(aligned=False, ndim=(0,)),
    period=Choice(tuple(PERIODS)),
    elementwise=False,
    example={"start": "2025-01-01", "by": "2026-12-31", "period": "quarter"},
)
def periods_until(start: Any, by: Any, period: str = "year") -> int:
    """Whole calendar periods from ``start`` that end on or before the date ``by``.

    A period of a year, a quarter or a month runs from ``start`` (its first day) to the day
    before the same day of the month a year, three months or a month later.

    Raises
    ------
    InputError
        ``by`` before the end of the first period, or an unknown period.

    Warns
    -----
    DataQualityWarning
        ``by`` falls inside a period: only the whole periods before it are counted.

    Examples
    --------
    >>> from dpssec.justice.backlog import periods_until
    >>> periods_until("2025-01-01", "2026-12-31", "quarter")
    8
    """
    first = np.datetime64(start, "D")
    last = np.datetime64(by, "D")
    months = int((last.astype("datetime64[M]") - first.astype("datetime64[M]")).astype(int) + 1)
    count = max(months // PERIODS[period] + 1, 0)
    ends = _period_ends(first, count, period)
    whole = [e for e in ends if np.datetime64(e, "D") <= last]
    if not whole:
        raise InputError(
            f"by={last} is before the end of the first {period} from {first} "
            f"({ends[0] if ends else first}): no whole period to project"
        )
    if np.datetime64(whole[-1], "D") != last:
        warnings.warn(
            f"the date {last} falls inside a {period}: counting the {len(whole)} whole "
            f"{period}(s) from {first} to {whole[-1]}",
            DataQualityWarning,
            stacklevel=3,
        )
    return len(whole)


def _readonly(value: Any) -> np.ndarray:
    arr = np.array(value, dtype=float)
    arr.setflags(write=False)
    return arr


_EQ = attrs.cmp_using(eq=np.array_equal)


def _date_tuple(value: Any) -> tuple[dt.date, ...] | None:
    return None if value is None else tuple(value)


@example_by("project_backlog")
@attrs.frozen(eq=False)
class BacklogProjection(ResultMixin):
    """The pending stock projected period by period.

    Attributes
    ----------
    period : ndarray
        1, 2, ..., T.
    incoming, capacity, resolved, pending : ndarray
        Per period [cases]: expected incoming, resolution capacity, cases resolved
        (capacity, or fewer when the stock runs out), pending at the end.
    pending_now : float
        The stock at the start [cases].
    target : float or None
        Backlog target [cases].
    target_period : int or None
        First period ending at or below the target (0 if the stock is there already); None if
        not reached in the projection.
    never : bool
        True when, at this capacity, the stock never reaches the target (constant or
        non-improving inputs): more periods would not help.
    statement : str
    reference : Reference
        The derived convention (``verified=False``).
    period_end : tuple of datetime.date or None
        Last day of each period, when the projection was given its ``start`` date.
    target_date : datetime.date or None
        Last day of the period in which the target is reached (with ``start``).
    """

    period: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    incoming: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    capacity: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    resolved: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    pending: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    pending_now: float
    target: float | None
    target_period: int | None
    never: bool
    statement: str = attrs.field(repr=False)
    reference: Reference = attrs.field(default=BACKLOG_CONVENTION, repr=False)
    period_end: tuple[dt.date, ...] | None = attrs.field(default=None, converter=_date_tuple)
    target_date: dt.date | None = None

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """The projected pending stock, capacity and incoming, and the target; the Axes.

        See :func:`dpssec.justice.duration_plots.plot_backlog` (``title``; other keywords go
        to matplotlib for the pending-stock line).

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.justice import project_backlog
        >>> ax = project_backlog(1000, 1200, 1300, periods=4, target=800).plot()
        >>> ax.get_lines()[0].get_ydata().tolist()
        [1000.0, 900.0, 800.0, 700.0, 600.0]
        """
        from dpssec.justice.duration_plots import plot_backlog

        return plot_backlog(self, ax, **kwargs)

    def _columns(self) -> dict[str, Any]:
        dated = {} if self.period_end is None else {"period_end": list(self.period_end)}
        return {
            "period": self.period,
            **dated,
            "incoming": self.incoming,
            "capacity": self.capacity,
            "resolved": self.resolved,
            "pending": self.pending,
        }


def _series(value: Any, trend: float, periods: int) -> np.ndarray:
    base = np.broadcast_to(np.asarray(value, dtype=float), (periods,))
    return np.asarray(np.maximum(base + trend * np.arange(periods), 0.0))


def _horizon(name: str, periods: Any, *arrays: Any) -> int:
    lengths = {np.size(a) for a in arrays if np.ndim(a) == 1}
    if len(lengths) > 1:
        raise InputError(f"{name}: incoming and capacity have different lengths {sorted(lengths)}")
    length = lengths.pop() if lengths else None
    if length == 0:
        raise InputError(f"{name}: incoming and capacity are empty; give at least one period")
    if periods is None:
        if length is None:
            raise InputError(
                f"{name}: give periods= (how many periods to project) when incoming and "
                "capacity are single values"
            )
        return int(length)
    if length is not None and length != periods:
        raise InputError(f"{name}: periods={periods} but the series have {length} values")
    return int(periods)


@calculator(
    pending=Count(whole=False, aligned=False, ndim=(0,)),
    incoming=Count(whole=False),
    capacity=Count(whole=False),
    target=Count(whole=False, aligned=False, optional=True, ndim=(0,)),
    periods=Size(lower=1, upper=100_000, optional=True),
    incoming_trend=Number(aligned=False, ndim=(0,)),
    capacity_trend=Number(aligned=False, ndim=(0,)),
    start=Date(aligned=False, optional=True, ndim=(0,)),
    period=Choice(tuple(PERIODS)),
    elementwise=False,
    example={
        "pending": 1000,
        "incoming": [1200, 1250, 1250, 1300],
        "capacity": [1300, 1350, 1400, 1400],
        "target": 800,
    },
)
def project_backlog(
    pending: Any,
    incoming: Any,
    capacity: Any,
    *,
    periods: int | None = None,
    target: Any = None,
    incoming_trend: Any = 0.0,
    capacity_trend: Any = 0.0,
    start: Any = None,
    period: str = "year",
    nan_policy: str = "raise",
) -> BacklogProjection:
    """Project the pending stock forward and find when it reaches a target.

    Parameters
    ----------
    pending : float
        Cases pending now [cases], >= 0.
    incoming : float or array-like
        Cases expected per period [cases], >= 0: one value (constant, or the first period's
        value with ``incoming_trend``) or one per period.
    capacity : float or array-like
        Cases the court can resolve per period [cases], >= 0, as ``incoming``.
    periods : int, optional
        Periods to project; needed when ``incoming`` and ``capacity`` are single values, and
        must match their length otherwise.
    target : float, optional
        Backlog target [cases]: the stock to get down to.
    incoming_trend, capacity_trend : float
        Change per period [cases per period] added to a single starting value (0 by default);
        projected values are floored at 0.
    start : date, optional
        First day of the first period: the result then dates each period (``period_end``)
        and the period in which the target is reached (``target_date``).
    period : {"year", "quarter", "month"}
        Length of a period, for those dates ("year" by default).
    nan_policy : {"raise", "omit"}
        A missing value is refused (default) or its period dropped (``"omit"``, warned).

    Returns
    -------
    BacklogProjection

    Raises
    ------
    InputError
        Negative counts, series of different lengths, ``periods`` missing or not matching.

    Notes
    -----
    ``resolved[t] = min(capacity[t], pending[t-1] + incoming[t])`` and ``pending[t] =
    max(0, pending[t-1] + incoming[t] - capacity[t])``, solved without a loop. When incoming
    and capacity are single values (constant, or with trends), the search for the target goes
    on past the horizon (up to 10 000 periods), and the target is "never" reached when, at the
    end of that search, capacity does not exceed incoming (for constants: whenever capacity <=
    incoming). With series the answer is limited to the periods given,
    and cannot be continued. A derived analyst convention, not an official method.

    Examples
    --------
    >>> from dpssec.justice import project_backlog
    >>> p = project_backlog(1000, 1200, 1150, periods=3, target=800)
    >>> p.never, p.pending.tolist()
    (True, [1050.0, 1100.0, 1150.0])
    >>> print(p.statement)
    At this capacity the backlog never reaches 800 cases: capacity (1150 per period) does not exceed incoming (1200 per period).
    """
    incoming, capacity = np.asarray(incoming, dtype=float), np.asarray(capacity, dtype=float)
    horizon = _horizon("project_backlog", periods, incoming, capacity)
    inflow = _series(incoming, float(incoming_trend), horizon)
    outflow = _series(capacity, float(capacity_trend), horizon)
    begin = float(pending)
    stock = reflected_stock(begin, inflow - outflow)
    before = np.concatenate([[begin], stock[:-1]])
    resolved = before + inflow - stock
    scalar_inputs = np.ndim(incoming) == 0 and np.ndim(capacity) == 0
    goal = None if target is None else float(target)

    def extend(length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        more_in = _series(incoming, float(incoming_trend), length)
        more_out = _series(capacity, float(capacity_trend), length)
        return reflected_stock(begin, more_in - more_out), more_in, more_out

    reached, never, statement = _target(
        begin, stock, inflow, outflow, goal, extend if scalar_inputs else None
    )
    ends = None if start is None else _period_ends(start, horizon, period)
    target_date = None
    if start is not None and reached:
        target_date = _period_ends(start, reached, period)[-1]
        statement += f" Period {reached} is the {period} ending {target_date}."
    return BacklogProjection(
        period=np.arange(1, horizon + 1),
        incoming=inflow,
        capacity=outflow,
        resolved=resolved,
        pending=stock,
        pending_now=begin,
        target=goal,
        target_period=reached,
        never=never,
        statement=statement,
        period_end=ends,
        target_date=target_date,
    )


def _target(
    start: float,
    stock: np.ndarray,
    inflow: np.ndarray,
    outflow: np.ndarray,
    target: float | None,
    extend: Any,
) -> tuple[int | None, bool, str]:
    """The first period at or below the target, whether it is never reached, and a sentence.

    ``extend(n)`` projects ``n`` periods from single values and trends (None for series, which
    cannot be continued): the search then goes on past the horizon, up to
    :data:`SEARCH_LIMIT` periods.
    """
    horizon = stock.size
    end = f"After {horizon} periods the backlog is {stock[-1]:g} cases (now {start:g})."
    if target is None:
        return None, False, end
    if start <= target:
        return 0, False, f"The backlog ({start:g} cases) is already at or below {target:g}."
    hits = np.flatnonzero(stock <= target)
    if hits.size:
        t = int(hits[0]) + 1
        return t, False, f"The backlog reaches {target:g} cases in period {t} ({stock[t - 1]:g})."
    if extend is not None:
        longer, more_in, more_out = extend(SEARCH_LIMIT)
        hits = np.flatnonzero(longer <= target)
        if hits.size:
            t = int(hits[0]) + 1
            return (
                t,
                False,
                f"The backlog reaches {target:g} cases in period {t}, beyond the {horizon} "
                "projected (inputs continued as given).",
            )
        last_in, last_cap = float(more_in[-1]), float(more_out[-1])
        if last_cap <= last_in:
            return (
                None,
                True,
                f"At this capacity the backlog never reaches {target:g} cases: capacity "
                f"({last_cap:g} per period) does not exceed incoming ({last_in:g} per period).",
            )
        return (
            None,
            False,
            f"The backlog does not reach {target:g} cases within {SEARCH_LIMIT} periods.",
        )
    note = ""
    if float(outflow[-1]) <= float(inflow[-1]):
        note = " In the last period capacity does not exceed incoming."
    return (
        None,
        False,
        f"The backlog does not reach {target:g} cases within the {horizon} periods given. "
        f"{end}{note}",
    )


SEARCH_LIMIT = 10_000
"""Periods searched for the target when single values (and trends) can be continued."""


@calculator(
    pending=Count(whole=False, aligned=False, ndim=(0,)),
    incoming=Count(whole=False),
    target=Count(whole=False, aligned=False, ndim=(0,)),
    periods=Size(lower=1, upper=100_000, optional=True),
    start=Date(aligned=False, optional=True, ndim=(0,)),
    by=Date(aligned=False, optional=True, ndim=(0,)),
    period=Choice(tuple(PERIODS)),
    whole=Flag(),
    elementwise=False,
    example={"pending": 1000, "incoming": [300, 320, 310, 330], "target": 500},
)
def capacity_needed(
    pending: Any,
    incoming: Any,
    *,
    target: Any,
    periods: int | None = None,
    start: Any = None,
    by: Any = None,
    period: str = "year",
    whole: bool = False,
    nan_policy: str = "raise",
) -> float | int:
    """Resolutions per period needed to bring the backlog to a target by a period or a date.

    Parameters
    ----------
    pending : float
        Cases pending now [cases], >= 0.
    incoming : float or array-like
        Cases expected per period [cases], >= 0: one value (with ``periods``) or one per period
        up to the deadline.
    target : float
        The stock to reach [cases], >= 0.
    periods : int, optional
        Periods until the deadline (e.g. 8 quarters); needed when ``incoming`` is one value
        and no date is given.
    start, by : date, optional
        The first day of the first period and the deadline: the periods are the whole
        periods of length ``period`` from ``start`` that end by ``by``
        (:func:`periods_until`), instead of ``periods``.
    period : {"year", "quarter", "month"}
        Length of a period when counting from dates ("year" by default): ``incoming`` and
        the result are per this period.
    whole : bool
        Round up to whole cases: the smallest whole number of resolutions per period that
        still reaches the target (an int).
    nan_policy : {"raise", "omit"}
        A missing value is refused (default) or its period dropped (warned).

    Returns
    -------
    float or int
        The smallest constant capacity that leaves at most ``target`` pending at the end of
        the last period (0 when the target is met with no resolutions), as a **rate** [cases
        per period]: 1 366.67 a year means 4 100 cases over three years, not a fraction of a
        case. ``whole=True`` gives it rounded up to whole cases (1 367).

    Raises
    ------
    InputError
        Negative counts; neither ``periods`` nor ``start`` and ``by`` (with single values);
        ``periods`` not matching ``incoming`` or the dates; ``by`` before the first period
        ends.

    Warns
    -----
    DataQualityWarning
        ``by`` falls inside a period (only whole periods are counted).

    Notes
    -----
    With the stock floored at zero, the stock after ``T`` periods is ``max(pending + S_T,
    max_k (S_T - S_k))``, where ``S`` is the running sum of incoming minus capacity; the
    capacity must make every term at most the target, so it is the largest of
    ``((incoming after period k) + [k = 0] pending - target) / (T - k)`` over ``k = 0..T-1``.
    For constant incoming that is ``incoming + (pending - target) / T``. A derived analyst
    convention.

    Examples
    --------
    >>> from dpssec.justice import capacity_needed, project_backlog
    >>> c = capacity_needed(1000, [300, 320, 310, 330], target=500)
    >>> c, float(project_backlog(1000, [300, 320, 310, 330], c).pending[-1])
    (440.0, 500.0)
    >>> round(capacity_needed(1000, 1200, target=500, periods=3), 2)  # a rate per year
    1366.67
    >>> capacity_needed(1000, 1200, target=500, periods=3, whole=True)  # whole cases
    1367
    """
    incoming = np.asarray(incoming, dtype=float)  # a dask series is computed: it is short
    periods = _dated_periods("capacity_needed", periods, start, by, period)
    horizon = _horizon("capacity_needed", periods, incoming)
    inflow = np.broadcast_to(np.asarray(incoming, dtype=float), (horizon,))
    rate = capacity_needed_kernel(float(pending), inflow, float(target))
    if whole:
        return math.ceil(rate - 1e-9 * max(1.0, rate))
    return rate


def _dated_periods(name: str, periods: Any, start: Any, by: Any, period: str) -> Any:
    """``periods``, or the whole periods from ``start`` to ``by`` when the dates are given."""
    if by is None:
        return periods
    if start is None:
        raise InputError(
            f"{name}: by= (a deadline) needs start= (the first day of the first period)"
        )
    counted = periods_until(start, by, period)
    if periods is not None and periods != counted:
        raise InputError(
            f"{name}: periods={periods} but there are {counted} whole {period}(s) from {start} "
            f"to {by}; give one or the other"
        )
    return counted
