"""Kernels of the court caseflow measures: pure numpy on magnitudes, no checks, no units.

The element-wise kernels (clearance rate, case turnover ratio, disposition time, changes of the
pending stock, the stock-identity gap) use only operators, so they run unchanged on numpy
arrays, pandas Series and dask arrays. The others work on in-memory numpy arrays: grouping with
stocks taken at the ends of each series and flows summed, the checks of periods within a
series (overlaps, carry-over breaks), durations from dates, and the reflected stock recursion
of the backlog projection.

Public calculators (:mod:`dpssec.justice.caseflow`, :mod:`dpssec.justice.caseflow_table`,
:mod:`dpssec.justice.case_durations`, :mod:`dpssec.justice.backlog`) check the inputs and call
these; ``.kernel`` of a calculator is its unchecked body.

For example:

>>> import numpy as np
>>> from dpssec.justice.caseflow_kernels import reflected_stock, disposition_time_kernel
>>> round(disposition_time_kernel(1000, 1100, 365), 1)
331.8
>>> reflected_stock(100.0, np.array([-60.0, -60.0, 30.0]))
array([40.,  0., 30.])
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

__all__ = [
    "GroupedCaseflow",
    "SeriesIssues",
    "backlog_change_kernel",
    "block_day_order",
    "calendar_years",
    "capacity_needed_kernel",
    "case_turnover_kernel",
    "clearance_rate_kernel",
    "covered_days",
    "days_in_period_kernel",
    "disposition_time_kernel",
    "efficiency_rate_kernel",
    "group_caseflow",
    "group_codes",
    "lower_median_kernel",
    "reflected_stock",
    "relative_backlog_change_kernel",
    "reversed_spells",
    "series_issues",
    "spell_durations",
    "stock_gap_kernel",
]


# -- element-wise (duck-array safe) ---------------------------------------------------------


def clearance_rate_kernel(resolved: Any, incoming: Any) -> Any:
    """``resolved x 100 / incoming`` [%]."""
    return resolved * 100.0 / incoming


def case_turnover_kernel(resolved: Any, pending_end: Any) -> Any:
    """``resolved / pending_end`` (turnovers of the end stock per period)."""
    return resolved / pending_end  # true division: float for integer columns too


def disposition_time_kernel(pending_end: Any, resolved: Any, period_days: Any) -> Any:
    """``period_days x pending_end / resolved`` [days] = period_days / case turnover ratio."""
    return pending_end * 1.0 * period_days / resolved


def backlog_change_kernel(pending_start: Any, pending_end: Any) -> Any:
    """``pending_end - pending_start`` [cases] (float, so unsigned input cannot wrap)."""
    return np.subtract(pending_end, pending_start, dtype=float)  # one pass, cast in the loop


def relative_backlog_change_kernel(pending_start: Any, pending_end: Any) -> Any:
    """``(pending_end - pending_start) x 100 / pending_start`` [%]."""
    return np.subtract(pending_end, pending_start, dtype=float) * 100.0 / pending_start


def stock_gap_kernel(pending_start: Any, incoming: Any, resolved: Any, pending_end: Any) -> Any:
    """Reported end stock minus the stock identity's: ``pe - (ps + incoming - resolved)``."""
    expected = np.add(pending_start, incoming, dtype=float) - resolved
    return pending_end - expected


def efficiency_rate_kernel(resolved: Any, staff: Any) -> Any:
    """``resolved / staff`` [cases per full-time equivalent and period]."""
    return resolved / staff  # true division: float for integer columns too


def days_in_period_kernel(start: Any, end: Any) -> Any:
    """Days from ``start`` to ``end``, both included (datetime64[D] in, int64 out)."""
    return (end - start).astype("timedelta64[D]").astype(np.int64) + 1


# -- dates and durations ----------------------------------------------------------------------


def calendar_years(day: np.ndarray) -> np.ndarray:
    """Calendar year of each datetime64[D] day (int64)."""
    return np.asarray(day.astype("datetime64[Y]").astype(np.int64) + 1970)


def reversed_spells(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Rows whose end (not NaT) comes before their start."""
    return np.asarray(~np.isnat(end) & (end < start))


def lower_median_kernel(values: Any) -> float:
    """The ``ceil(n/2)``-th smallest value; NaN for none."""
    arr = np.sort(np.asarray(values, dtype=float).ravel())
    if arr.size == 0:
        return float("nan")
    return float(arr[(arr.size + 1) // 2 - 1])


def spell_durations(start: np.ndarray, end: np.ndarray, reference: Any) -> tuple[Any, Any]:
    """Durations [days] and event flags of spells from ``start`` to ``end`` (datetime64[D]).

    A spell without an end (NaT) or ending after ``reference`` is censored at ``reference``:
    its duration is ``reference - start`` and its flag 0. Otherwise the flag is 1.
    """
    reference = np.datetime64(reference, "D")
    ended = ~np.isnat(end) & (end <= reference)
    stop = np.where(ended, end, reference)
    durations = (stop - start).astype("timedelta64[D]").astype(float)
    return durations, ended.astype(float)


# -- the backlog projection -------------------------------------------------------------------


def reflected_stock(pending: float, net: np.ndarray) -> np.ndarray:
    """Stock after each period of ``P[t] = max(0, P[t-1] + net[t])``, ``P[0] = pending``.

    The recursion (Lindley's) is solved without a loop: with ``S`` the running sum of ``net``,
    ``P[t] = S[t] - min(-pending, min(S[1..t]))``.
    """
    running = np.cumsum(net, dtype=float)
    floor = np.minimum(np.minimum.accumulate(running), -float(pending))
    return np.asarray(running - floor)


def capacity_needed_kernel(pending: float, incoming: np.ndarray, target: float) -> float:
    """Smallest constant resolutions per period that leave at most ``target`` pending at the end.

    With ``T`` periods and the stock floored at zero, the stock at ``T`` is
    ``max(pending + S_T, max_k (S_T - S_k))`` with ``S`` the running sum of incoming minus
    capacity, so the capacity must satisfy, for every ``k = 0..T-1``,
    ``(sum of incoming after k) + [k = 0] pending - (T - k) capacity <= target``.
    """
    incoming = np.asarray(incoming, dtype=float)
    periods = incoming.size
    after = np.cumsum(incoming[::-1])[::-1]  # incoming of periods k+1..T, for k = 0..T-1
    extra = np.zeros(periods)
    extra[0] = pending
    needed = (after + extra - target) / (periods - np.arange(periods))
    return float(max(0.0, needed.max()))


# -- grouping ---------------------------------------------------------------------------------


def group_codes(*keys: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Integer code per row of the distinct combinations of ``keys``, and each key's values.

    Codes follow the sorted order of the combinations; with no key every row is group 0. Text
    keys are factorised with a dictionary (one pass) rather than sorted as strings, and the
    keys are combined as one integer, so a million rows cost a few tenths of a second.
    """
    if not keys:
        return np.zeros(0, dtype=np.int64), []
    factors = [_factorize(np.asarray(key)) for key in keys]
    sizes = [max(1, values.size) for values, _ in factors]
    if float(np.prod(np.asarray(sizes, dtype=float))) >= 2.0**62:
        stacked = np.stack([codes for _, codes in factors], axis=1)
        combos, inverse = np.unique(stacked, axis=0, return_inverse=True)
        return inverse.ravel().astype(np.int64), [
            values[combos[:, i]] for i, (values, _) in enumerate(factors)
        ]
    combined = np.zeros(factors[0][1].size, dtype=np.int64)
    for (_, codes), size in zip(factors, sizes, strict=True):
        combined = combined * size + codes
    unique, inverse = np.unique(combined, return_inverse=True)
    columns = []
    for (values, _), size in zip(reversed(factors), reversed(sizes), strict=True):
        columns.append(values[unique % size])
        unique = unique // size
    return inverse.ravel().astype(np.int64), columns[::-1]


def _factorize(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values of ``key`` and each row's position among them."""
    if key.dtype.kind in "biufmM":
        values, inverse = np.unique(key, return_inverse=True)
        return values, inverse.ravel().astype(np.int64)
    items = key.tolist()
    table = {item: code for code, item in enumerate(dict.fromkeys(items))}
    codes = np.fromiter(map(table.__getitem__, items), dtype=np.int64, count=len(items))
    seen = np.asarray(list(table), dtype=key.dtype)
    order = np.argsort(seen, kind="stable")
    rank = np.empty(order.size, dtype=np.int64)
    rank[order] = np.arange(order.size)
    return seen[order], rank[codes]


class GroupedCaseflow(NamedTuple):
    """Per-group totals: stocks at the ends of each series, flows summed, dates spanned."""

    start: np.ndarray
    end: np.ndarray
    rows: np.ndarray
    series: np.ndarray
    pending_start: np.ndarray
    incoming: np.ndarray
    resolved: np.ndarray
    pending_end: np.ndarray
    staff: np.ndarray | None


def group_caseflow(
    group: np.ndarray,
    series: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    pending_start: np.ndarray,
    incoming: np.ndarray,
    resolved: np.ndarray,
    pending_end: np.ndarray,
    staff: np.ndarray | None = None,
) -> GroupedCaseflow:
    """Sum caseflow rows into groups, taking stocks where they belong.

    Flows (incoming, resolved) add up over every row. Stocks add up across series (courts,
    categories) but not over time: within a group each series (one court and category)
    contributes the pending stock at the start of its first period and at the end of its last
    period. Staff is a stock as well: each series contributes its day-weighted mean, and the
    series are summed. ``group`` and ``series`` are integer codes; dates are datetime64[D].
    """
    groups = int(group.max()) + 1 if group.size else 0
    nseries = int(series.max()) + 1 if series.size else 0
    day = start.astype("datetime64[D]").astype(np.int64)
    order = block_day_order(group * nseries + series, day)
    block = group[order] * nseries + series[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = block[1:] != block[:-1]
    last = np.ones(order.size, dtype=bool)
    last[:-1] = block[1:] != block[:-1]
    g_sorted = group[order]
    ps = np.bincount(g_sorted[first], weights=pending_start[order][first], minlength=groups)
    pe = np.bincount(g_sorted[last], weights=pending_end[order][last], minlength=groups)
    inc = np.bincount(group, weights=incoming, minlength=groups)
    res = np.bincount(group, weights=resolved, minlength=groups)
    rows = np.bincount(group, minlength=groups)
    nser = np.bincount(g_sorted[first], minlength=groups)
    final = end.astype("datetime64[D]").astype(np.int64)
    low = np.full(groups, np.iinfo(np.int64).max)
    high = np.full(groups, np.iinfo(np.int64).min)
    np.minimum.at(low, group, day)
    np.maximum.at(high, group, final)
    total_staff = None
    if staff is not None:
        days = (final - day + 1).astype(float)
        block_id = np.cumsum(first) - 1
        weighted = np.bincount(block_id, weights=(staff[order] * days[order]))
        span = np.bincount(block_id, weights=days[order])
        total_staff = np.bincount(g_sorted[first], weights=weighted / span, minlength=groups)
    return GroupedCaseflow(
        low.astype("datetime64[D]"),
        high.astype("datetime64[D]"),
        rows,
        nser,
        ps,
        inc,
        res,
        pe,
        total_staff,
    )


class SeriesIssues(NamedTuple):
    """Rows of a series that overlap an earlier period, or break the carry-over of stocks.

    ``overlap_row``/``overlap_with``/``overlap_days``: a row whose period starts before an
    earlier period of the same series has ended. ``break_row``/``break_after``/``break_gap``:
    a period that follows the previous one without a gap or overlap but whose pending stock at
    the start differs from the previous period's pending stock at the end (gap = start stock
    minus previous end stock). ``hole_row``/``hole_after``/``hole_days``: days between
    consecutive periods that no period covers.
    """

    overlap_row: np.ndarray
    overlap_with: np.ndarray
    overlap_days: np.ndarray
    break_row: np.ndarray
    break_after: np.ndarray
    break_gap: np.ndarray
    hole_row: np.ndarray
    hole_after: np.ndarray
    hole_days: np.ndarray


def series_issues(
    series: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    pending_start: np.ndarray,
    pending_end: np.ndarray,
) -> SeriesIssues:
    """Find overlapping periods, carry-over breaks and uncovered days within each series.

    Rows are compared in the order of their start dates within a series; a row overlaps when it
    starts on or before the latest end of the rows before it (so a year that contains its
    quarters is found for each quarter). Indexes refer to the input rows.
    """
    day = start.astype("datetime64[D]").astype(np.int64)
    final = end.astype("datetime64[D]").astype(np.int64)
    order = block_day_order(series.astype(np.int64), day)
    s, d, f = series[order], day[order], final[order]
    same = np.zeros(order.size, dtype=bool)
    same[1:] = s[1:] == s[:-1]
    # running maximum of the end dates within each series, and which row holds it
    big = np.int64(1) << np.int64(40)
    keyed = s.astype(np.int64) * big + f
    running = np.maximum.accumulate(keyed)
    holder = _running_argmax(keyed)
    prev_end = np.empty(order.size, dtype=np.int64)
    prev_end[1:] = running[:-1] - s[1:].astype(np.int64) * big
    prev_row = np.empty(order.size, dtype=np.int64)
    prev_row[1:] = holder[:-1]
    prev_end[0] = np.iinfo(np.int32).min
    prev_row[0] = 0
    overlap = same & (d <= prev_end)
    days_over = np.minimum(prev_end, f) - d + 1
    adjacent = same & (d == prev_end + 1)
    ps_sorted = pending_start[order]
    pe_prev = np.empty(order.size)
    pe_prev[1:] = pending_end[order][prev_row[1:]]
    pe_prev[0] = np.nan
    gap = ps_sorted - pe_prev
    broken = adjacent & (gap != 0)
    hole = same & (d > prev_end + 1)
    return SeriesIssues(
        order[overlap],
        order[prev_row[overlap]],
        days_over[overlap],
        order[broken],
        order[prev_row[broken]],
        gap[broken],
        order[hole],
        order[prev_row[hole]],
        (d - prev_end - 1)[hole],
    )


def covered_days(block: np.ndarray, start: np.ndarray, end: np.ndarray, blocks: int) -> np.ndarray:
    """Days covered by the union of each block's periods (overlaps counted once).

    ``block`` holds integer codes 0..blocks-1; ``start`` and ``end`` are datetime64[D] (a
    period's first and last day). Within a block, each period adds the days after the latest
    end of the periods that start before it.

    >>> import numpy as np
    >>> start = np.array(["2023-01-01", "2023-07-01", "2023-01-01"], dtype="datetime64[D]")
    >>> end = np.array(["2023-03-31", "2023-12-31", "2023-12-31"], dtype="datetime64[D]")
    >>> covered_days(np.array([0, 0, 1]), start, end, 2).tolist()
    [274, 365]
    """
    if block.size == 0:
        return np.zeros(blocks, dtype=np.int64)
    day = start.astype("datetime64[D]").astype(np.int64)
    final = end.astype("datetime64[D]").astype(np.int64)
    order = block_day_order(block.astype(np.int64), day)
    b, d, f = block[order].astype(np.int64), day[order], final[order]
    shift = int(f.min()) - 1
    big = np.int64(1) << np.int64(40)
    running = np.maximum.accumulate(b * big + (f - shift))
    previous = np.full(order.size, shift, dtype=np.int64)  # no earlier period: nothing covered
    same = np.zeros(order.size, dtype=bool)
    same[1:] = b[1:] == b[:-1]
    previous[1:] = np.where(same[1:], running[:-1] - b[1:] * big + shift, shift)
    first_new = np.maximum(d, np.where(same, previous + 1, d))
    added = np.maximum(f - first_new + 1, 0)
    return np.bincount(b, weights=added, minlength=blocks).astype(np.int64)


def block_day_order(block: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Row order by ``block`` (integer codes), then ``day`` (int days), ties in input order.

    One stable sort of a combined integer key (a tenth of a second for a million rows);
    a lexicographic sort when the key would not fit in 64 bits.
    """
    if block.size == 0:
        return np.zeros(0, dtype=np.int64)
    low = int(day.min())
    span = int(day.max()) - low + 1
    if int(block.max()) < (1 << 62) // span:
        return np.argsort(block * span + (day - low), kind="stable")
    return np.lexsort((day, block))


def _running_argmax(values: np.ndarray) -> np.ndarray:
    """Position of the running maximum (the latest position on ties)."""
    positions = np.arange(values.size)
    is_new = np.ones(values.size, dtype=bool)
    running = np.maximum.accumulate(values)
    is_new[1:] = values[1:] >= running[:-1]
    return np.asarray(np.maximum.accumulate(np.where(is_new, positions, 0)))
