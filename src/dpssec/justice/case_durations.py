"""Case durations measured from case dates, with the cases still pending taken into account.

Two traps this module avoids:

* the **disposition time** (:func:`~dpssec.justice.disposition_time`) is a flow estimate from
  counts, not a measured duration or age: compare it with measured durations before quoting it
  as "how long cases take";
* durations averaged over **closed cases only** are biased short: the long cases are the ones
  still open. Here pending cases enter as censored at the reference date (Kaplan-Meier), so
  they count for as long as they have been open.

* :func:`time_to_disposition`: the share of cases still pending t days after filing
  (Kaplan-Meier, pending cases censored at the reference date), its median with an interval,
  and the share disposed within a time standard (NCSC CourTools Measure 3), beside the
  closed-only figures for contrast;
* :func:`lower_median`: the median rule below, for durations without censoring.

The age of the active pending caseload is in :mod:`dpssec.justice.pending_ages`; the
comparison with the disposition time in :mod:`dpssec.justice.flow_comparison`.

The median rule: the smallest time ``t`` at which the estimated share still pending is at most
one half. Without censoring this is the sample's lower median, the ``ceil(n/2)``-th smallest
duration (``numpy.quantile(..., method="inverted_cdf")``), not the mean of the two middle
values.

For example (eight cases, three still pending on 31 December 2023):

>>> import datetime as dt
>>> from dpssec.justice import time_to_disposition
>>> filed = ["2023-01-10", "2023-02-01", "2023-03-15", "2023-04-01", "2023-05-20",
...          "2023-06-01", "2023-08-01", "2023-09-01"]
>>> disposed = ["2023-03-01", "2023-06-15", None, "2023-07-01", None, "2023-10-01",
...             "2023-11-15", None]
>>> r = time_to_disposition(filed, disposed, reference_date=dt.date(2023, 12, 31))
>>> r.median, r.closed_only_median
(122.0, 106.0)
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Date,
    Duration,
    Number,
    OpenDate,
    Share,
    calculator,
    example_by,
    is_lazy,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice.caseflow_kernels import lower_median_kernel, reversed_spells, spell_durations
from dpssec.justice.caseflow_sources import COURTOOLS_TIME_TO_DISPOSITION
from dpssec.justice.flow_comparison import FlowComparison, compare_flow
from dpssec.justice.sources import KAPLAN_MEIER
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.stats import Estimate, SurvivalCurve, kaplan_meier

__all__ = ["KM_INTERVALS", "TimeToDisposition", "lower_median", "time_to_disposition"]


def _to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


KM_INTERVALS = ("log-log", "log", "plain")

NOT_REACHED = "not reached"
"""How the text and HTML views show an infinite median or limit: the curve never got there."""


def shown_not_reached(columns: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The columns with infinite values of ``names`` shown as "not reached" (for display).

    The data (``to_frame``, CSV, JSON) keep ``inf``; a reader of a printed table should not
    have to know that ``inf`` means the Kaplan-Meier curve never fell to one half.

    >>> shown_not_reached({"median": float("inf"), "n": 3}, ["median"])
    {'median': 'not reached', 'n': 3}
    """
    shown = dict(columns)
    for name in names:
        value = shown.get(name)
        if value is None:
            continue
        if np.ndim(value) == 0:
            shown[name] = NOT_REACHED if np.isinf(float(value)) else value
        else:
            shown[name] = [NOT_REACHED if np.isinf(v) else v for v in np.asarray(value).tolist()]
    return shown


@calculator(
    values=Number(),
    elementwise=False,
    example={"values": [5.0, 1.0, 4.0, 2.0]},
)
def lower_median(values: Any, *, nan_policy: str = "raise") -> float:
    """The ``ceil(n/2)``-th smallest value: the Kaplan-Meier median rule without censoring.

    Parameters
    ----------
    values : array-like
        Numbers (durations in days, for instance).
    nan_policy : {"raise", "omit"}
        A missing value is refused (default) or left out (warned).

    Returns
    -------
    float
        The lower median: the smallest value with at least half of the
        values at or below it, as ``numpy.quantile(values, 0.5, method="inverted_cdf")``.

    Examples
    --------
    >>> from dpssec.justice import lower_median
    >>> lower_median([5, 1, 4, 2]), lower_median([3, 1, 2])
    (2.0, 2.0)
    """
    if not is_lazy(values) and np.size(values) == 0:
        raise InputError("parameter 'values' is empty: there is no median")
    return lower_median_kernel(values)


@example_by("time_to_disposition")
@attrs.frozen(eq=False)
class TimeToDisposition(ResultMixin):
    """Time from filing to disposition, with pending cases censored at the reference date.

    Attributes
    ----------
    reference_date : datetime.date
    cases, disposed, pending : int
        Cases analysed; disposed by the reference date; still pending (censored).
    excluded : int
        Cases filed after the reference date, left out (warned).
    curve : SurvivalCurve
        Kaplan-Meier share of cases still pending ``t`` days after filing.
    median : float
        Median time to disposition [days] (+inf when fewer than half are ever seen disposed).
    median_lower, median_upper : float
        Its confidence limits (Brookmeyer-Crowley, from the curve's interval).
    standard_days : float or ndarray
        The time standard(s) [days].
    within_standard : Estimate
        Share of cases disposed within the standard, ``1 - S(standard)``, with its interval
        (fraction).
    target : float or None
        The share the standard asks for (e.g. 0.9), if given.
    meets_target : bool, ndarray or None
        Whether the estimated share reaches it.
    closed_only_median, closed_only_mean : float
        The same over disposed cases only, biased short: for contrast, not for use.
    closed_only_within_standard : float or ndarray
        Share of disposed cases disposed within the standard (what a count of closed files
        gives; biased high).
    statement : str
    references : tuple of Reference
    """

    reference_date: dt.date
    cases: int
    disposed: int
    pending: int
    excluded: int
    curve: SurvivalCurve = attrs.field(repr=False)
    median: float
    median_lower: float
    median_upper: float
    standard_days: Any
    within_standard: Estimate
    target: float | None
    meets_target: Any
    closed_only_median: float
    closed_only_mean: float
    closed_only_within_standard: Any
    statement: str
    references: tuple[Reference, ...] = attrs.field(converter=_to_tuple, repr=False)

    def _columns(self) -> dict[str, Any]:
        return {
            "reference_date": self.reference_date,
            "cases": self.cases,
            "disposed": self.disposed,
            "pending": self.pending,
            "median": self.median,
            "median_lower": self.median_lower,
            "median_upper": self.median_upper,
            "standard_days": self.standard_days,
            "within_standard": self.within_standard.value,
            "within_lower": self.within_standard.lower,
            "within_upper": self.within_standard.upper,
            "closed_only_median": self.closed_only_median,
            "closed_only_within_standard": self.closed_only_within_standard,
        }

    def _display_columns(self) -> dict[str, Any]:
        names = ("median", "median_lower", "median_upper", "closed_only_median")
        return shown_not_reached(self._columns(), names)

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Share of cases disposed by days since filing, the standard marked; the Axes.

        See :func:`dpssec.justice.plots.plot_time_to_disposition` (``title``; other keywords
        go to matplotlib for the curve).

        Examples
        --------
        >>> import datetime as dt
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.justice import time_to_disposition
        >>> r = time_to_disposition(["2023-01-01", "2023-01-01", "2023-06-01"],
        ...                         ["2023-03-02", "2023-12-01", None],
        ...                         reference_date=dt.date(2023, 12, 31), standard_days=90)
        >>> ax = r.plot()
        >>> ax.get_xlabel(), ax.lines[1].get_xdata()[0]
        ('time since filing [days]', 90.0)
        """
        from dpssec.justice.plots import plot_time_to_disposition

        return plot_time_to_disposition(self, ax, **kwargs)

    def compare_with_flow(self, disposition_time: float, *, factor: float = 2.0) -> FlowComparison:
        """Set a disposition time against the measured median; see :class:`FlowComparison`.

        Examples
        --------
        >>> import datetime as dt
        >>> from dpssec.justice import time_to_disposition
        >>> r = time_to_disposition(["2023-01-01", "2023-02-01", "2023-03-01"],
        ...                         ["2023-02-01", "2023-04-01", None],
        ...                         reference_date=dt.date(2023, 12, 31))
        >>> r.compare_with_flow(400.0).disagree
        True
        """
        return compare_flow(
            disposition_time,
            self.median,
            "median time to disposition (Kaplan-Meier, pending cases censored)",
            factor,
        )


def _exclude_after(function: str, start: np.ndarray, reference: np.datetime64) -> np.ndarray:
    late = start > reference
    if late.any():
        warnings.warn(
            f"{function}: {int(late.sum())} of {late.size} cases were filed after the reference "
            f"date {reference} and are left out",
            DataQualityWarning,
            stacklevel=4,
        )
    return np.asarray(~late)


def _refuse_reversed(function: str, start: np.ndarray, end: np.ndarray, what: str) -> None:
    bad = reversed_spells(start, end)
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(
            f"{function}: {int(bad.sum())} of {bad.size} {what} (first at index {i}: "
            f"{start[i]} then {end[i]})"
        )


@calculator(
    filed=Date(),
    disposed=OpenDate(),
    reference_date=Date(aligned=False, ndim=(0,)),
    standard_days=Duration(positive=True, aligned=False),
    target=Share(aligned=False, optional=True, ndim=(0,)),
    confidence=Confidence(),
    ci=Choice(KM_INTERVALS),
    elementwise=False,
    example={
        "filed": np.array(
            ["2023-01-10", "2023-02-01", "2023-03-15", "2023-04-01", "2023-09-01"],
            dtype="datetime64[D]",
        ),
        "disposed": np.array(
            ["2023-03-01", "2023-06-15", "NaT", "2023-07-01", "NaT"], dtype="datetime64[D]"
        ),
        "reference_date": np.datetime64("2023-12-31"),
        "standard_days": 180,
    },
)
def time_to_disposition(
    filed: Any,
    disposed: Any,
    *,
    reference_date: Any,
    standard_days: Any = 365,
    target: Any = None,
    confidence: float = 0.95,
    ci: str = "log-log",
    nan_policy: str = "raise",
) -> TimeToDisposition:
    """Time from filing to disposition (Kaplan-Meier), pending cases censored at the reference date.

    Parameters
    ----------
    filed : array-like of dates
        Filing date of each case.
    disposed : array-like of dates
        Disposition date, or empty (None, NaT, ``""``) for a case still pending. A disposition
        after the reference date counts as pending on that date.
    reference_date : date
        The day of measurement (end of the period analysed). Cases filed after it are left out
        with a :class:`~dpssec.errors.DataQualityWarning`.
    standard_days : float, array-like or Quantity
        Time standard(s) [days], > 0, e.g. 365 for "90 % within 365 days".
    target : float, optional
        The share the standard asks for, as a fraction (0.9 for 90 %).
    confidence : float
        Level of the intervals (0.95 or 95).
    ci : {"log-log", "log", "plain"}
        Interval of the curve (see :func:`dpssec.stats.kaplan_meier`).
    nan_policy : {"raise", "omit"}
        A missing filing date is refused (default) or its case left out (``"omit"``, warned).
        An empty disposition date is never missing: it means pending.

    Returns
    -------
    TimeToDisposition

    Raises
    ------
    InputError
        A disposition before its filing (with the position), text that is not a date, no case
        filed by the reference date, a bad level or interval name.

    Notes
    -----
    Durations are ``disposed - filed`` in days for disposed cases and ``reference_date -
    filed`` for pending ones, which are censored: the estimate S(t) = Π (1 - d_j / n_j)
    (Kaplan & Meier 1958) keeps them at risk for as long as they have been open. The share
    within the standard is ``1 - S(standard)`` with the curve's interval; NCSC CourTools
    Measure 3 defines the measure as the percentage of cases resolved within established time
    frames. The closed-only figures beside it (median over disposed cases, share of disposed
    cases within the standard) are what a count of closed files gives; they leave out the
    longest cases and are shown only for contrast. Median: the rule in the module docs.

    References
    ----------
    NCSC CourTools, Measure 3. Kaplan & Meier, J. Am. Stat. Assoc. 53, 1958.

    Examples
    --------
    >>> import datetime as dt
    >>> from dpssec.justice import time_to_disposition
    >>> r = time_to_disposition(["2023-01-01", "2023-01-01", "2023-06-01"],
    ...                         ["2023-03-02", "2023-12-01", None],
    ...                         reference_date=dt.date(2023, 12, 31), standard_days=90)
    >>> r.disposed, r.pending, r.median, round(r.within_standard.value, 3)
    (2, 1, 334.0, 0.333)
    """
    reference = np.datetime64(np.asarray(reference_date).item(), "D")
    start = np.atleast_1d(np.asarray(filed)).astype("datetime64[D]")
    # one date may stand for every case (the decorator checked the lengths)
    start, end = np.broadcast_arrays(start, np.asarray(disposed).astype("datetime64[D]"))
    _refuse_reversed("time_to_disposition", start, end, "cases are disposed before they are filed")
    keep = _exclude_after("time_to_disposition", start, reference)
    start, end = start[keep], end[keep]
    if start.size == 0:
        raise InputError(f"time_to_disposition: no case filed by the reference date {reference}")
    durations, events = spell_durations(start, end, reference)
    curve = kaplan_meier(durations, events, confidence=confidence, ci=ci)
    standard = np.asarray(standard_days, dtype=float)
    scalar = standard.ndim == 0
    within = curve.estimate_at(float(standard) if scalar else standard, kind="cumulative_incidence")
    closed = durations[events == 1]
    with np.errstate(invalid="ignore"):
        closed_within = (
            np.mean(closed[:, None] <= np.atleast_1d(standard)[None, :], axis=0)
            if closed.size
            else np.full(np.atleast_1d(standard).shape, np.nan)
        )
    closed_share = float(closed_within[0]) if scalar else closed_within
    meets = None
    if target is not None:
        met = np.asarray(within.value) >= float(target)
        meets = bool(met) if scalar else met
    low, high = curve.median_interval()
    median = curve.median()
    undefined = [
        text
        for text, missing in (
            ("the median (fewer than half the cases disposed)", not np.isfinite(median)),
            ("the closed-only figures (no case disposed)", closed.size == 0),
        )
        if missing
    ]
    if undefined:
        warnings.warn(
            f"time_to_disposition: by {reference}, {' and '.join(undefined)}: not reached "
            "(inf) or undefined (NaN)",
            DataQualityWarning,
            stacklevel=3,
        )
    disposed_n, pending_n = int(events.sum()), int(events.size - events.sum())
    statement = _duration_statement(
        median, lower_median_kernel(closed), within, standard, target, meets, pending_n, scalar
    )
    return TimeToDisposition(
        reference_date=reference.astype(dt.date),
        cases=int(events.size),
        disposed=disposed_n,
        pending=pending_n,
        excluded=int((~keep).sum()),
        curve=curve,
        median=median,
        median_lower=low,
        median_upper=high,
        standard_days=float(standard) if scalar else standard,
        within_standard=within,
        target=None if target is None else float(target),
        meets_target=meets,
        closed_only_median=lower_median_kernel(closed),
        closed_only_mean=float(closed.mean()) if closed.size else float("nan"),
        closed_only_within_standard=closed_share,
        statement=statement,
        references=(COURTOOLS_TIME_TO_DISPOSITION, KAPLAN_MEIER),
    )


def _duration_statement(
    median: float,
    closed_median: float,
    within: Estimate,
    standard: np.ndarray,
    target: Any,
    meets: Any,
    pending: int,
    scalar: bool,
) -> str:
    shown = "never reached (fewer than half disposed)" if np.isinf(median) else f"{median:g} days"
    parts = [f"Median time to disposition: {shown}, with the {pending} pending cases counted "]
    parts[0] += f"as open to the reference date (closed cases only: {closed_median:g} days)."
    if scalar:
        share = f"{100 * within.value:.1f} % ({100 * within.lower:.1f} to {100 * within.upper:.1f})"
        text = f" Disposed within {float(standard):g} days: {share}"
        if target is not None:
            verdict = "meets" if meets else "does not meet"
            text += f", which {verdict} the target of {100 * float(target):g} %"
        parts.append(text + ".")
    return "".join(parts)
