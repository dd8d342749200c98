"""Kaplan-Meier survival curves with Greenwood variance and a named confidence interval.

:func:`kaplan_meier` returns a :class:`SurvivalCurve`: one row per distinct observed time (event
or censoring) with the number at risk, events, censorings, S(t) and its limits. Frequency
weights make a table of (duration, event, count) rows (a database or dask group-by) give the same
curve as the expanded records. Integer durations (days) take an O(n) counting path.

Which interval? ``ci="log-log"`` (default) is lifelines' only choice; R survival's default is
``ci="log"``; ``"plain"`` is the linear Greenwood interval. The curve records its choice in
``ci_method`` so that a number can always be traced to its method.

For example:

>>> from dpssec.stats import kaplan_meier
>>> curve = kaplan_meier([9, 13, 13, 18, 23], [1, 1, 0, 1, 1])
>>> curve.survival
array([0.8, 0.6, 0.3, 0. ])
>>> curve.at(15), curve.median()
(0.6, 18.0)
"""

from __future__ import annotations

import collections
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Duration,
    Indicator,
    Share,
    calculator,
    example_by,
)
from dpssec.boundary.arrays import is_lazy
from dpssec.errors import InputError
from dpssec.rendering import ResultMixin
from dpssec.scale import check_compute
from dpssec.stats._event_table import records_table
from dpssec.stats.quantiles import normal_quantile
from dpssec.stats.results import ARRAY_EQ, Estimate, readonly_array

__all__ = ["KM_CI_METHODS", "RECORD_SPECS", "SurvivalCurve", "kaplan_meier"]

KM_CI_METHODS = ("log-log", "log", "plain")
"""Names accepted by ``ci`` of :func:`kaplan_meier`."""

RECORD_SPECS: dict[str, Any] = {
    "durations": Duration(),
    "events": Indicator(),
    "weights": Count(whole=False, optional=True),
}
"""What one sample of survival records accepts, shared by every survival calculator:
durations >= 0 [days; a Quantity of time or ``timedelta64`` is converted, plain numbers are
taken as they are], event indicators 0/1 or booleans, optional frequency weights >= 0."""

RECORDS_EXAMPLE: dict[str, Any] = {
    "durations": [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
    "events": [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0],
}
"""Valid records (the maintained group of the AML data, R survival) for the API tests."""

TIME = Duration(lower=None)
"""A time at which a curve is read [days]: before the first time the curve's start value."""


def step_lookup(
    time: np.ndarray, values: np.ndarray, t: Any, before: float, name: str = "t"
) -> Any:
    """Right-continuous step function: ``values[j]`` for time[j] <= t < time[j+1].

    The kernel of the curves' ``at`` methods, on checked magnitudes (``t`` in the curve's
    unit): a float for a scalar ``t``, an ndarray for an array, lazy for a dask array.
    ``name`` is accepted for callers that pass the parameter's name; it is not used.
    """
    if is_lazy(t):
        return t.map_blocks(_step, time, values, before, dtype=float)
    return _step(t, time, values, before)


def _step(t: Any, time: np.ndarray, values: np.ndarray, before: float) -> Any:
    index = np.searchsorted(time, t, side="right") - 1
    result = np.where(index >= 0, values[np.maximum(index, 0)], before)
    return result if np.ndim(result) else float(result)


def check_column_lengths(curve: Any, *settings: str) -> None:
    """Refuse a curve (frozen attrs class) whose array fields, all but ``settings``, differ in length."""
    sizes = {
        f.name: getattr(curve, f.name).size
        for f in attrs.fields(type(curve))
        if f.name not in settings
    }
    common = collections.Counter(sizes.values()).most_common(1)[0][0]
    odd = {name: size for name, size in sizes.items() if size != common}
    if odd:
        named = ", ".join(f"parameter {name!r} has {size}" for name, size in odd.items())
        raise InputError(
            f"{type(curve).__name__} columns must have equal lengths: {named}; "
            f"the other columns have {common}"
        )


def greenwood_terms(at_risk: np.ndarray, events: np.ndarray) -> np.ndarray:
    """d / (n (n − d)) per time; +inf where every one at risk has the event (S drops to 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = events / (at_risk * (at_risk - events))
    return np.where(events > 0, np.where(at_risk > events, terms, np.inf), 0.0)


def km_limits(
    survival: np.ndarray, variance: np.ndarray, confidence: float, ci: str
) -> tuple[np.ndarray, np.ndarray]:
    """Confidence limits of S from the Greenwood sum ``variance`` (of log S).

    Where S = 1 (no event yet) the limits are [1, 1]; where S = 0 they are [0, 0] (lifelines'
    convention; R reports NA there).
    """
    z = normal_quantile(confidence)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        root = np.sqrt(variance)
        if ci == "plain":
            half = z * survival * root
            lower, upper = survival - half, survival + half
        elif ci == "log":
            lower, upper = survival * np.exp(-z * root), survival * np.exp(z * root)
        else:  # log-log: S ** exp(±z sqrt(V) / ln S); ln S < 0, so the "+" gives the lower limit
            # S ** a written as exp(a ln S): the same value, much cheaper than a power.
            log_s = np.log(survival)
            spread = np.exp(z * root / log_s)
            lower = np.exp(log_s / spread)
            upper = np.exp(log_s * spread)
    one = survival >= 1.0
    zero = survival <= 0.0
    lower = np.where(one, 1.0, np.where(zero, 0.0, np.clip(lower, 0.0, 1.0)))
    upper = np.where(one, 1.0, np.where(zero, 0.0, np.clip(upper, 0.0, 1.0)))
    return np.minimum(lower, survival), np.maximum(upper, survival)


@example_by("kaplan_meier")
@attrs.frozen(eq=False)
class SurvivalCurve(ResultMixin):
    """A Kaplan-Meier curve: one row per distinct observed time.

    Attributes
    ----------
    time : ndarray
        Distinct durations with at least one record (events or censorings), ascending
        [unit of the input durations].
    at_risk : ndarray
        Weight (number) at risk just before each time: records with duration >= time.
    events, censored : ndarray
        Weight of events and of censorings at each time.
    survival : ndarray
        S(t) just after each time (right-continuous step function).
    lower, upper : ndarray
        Pointwise confidence limits of S(t).
    confidence : float
        Confidence level as a fraction.
    ci_method : str
        ``"log-log"``, ``"log"`` or ``"plain"`` (Greenwood variance in each case).
    """

    time: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    at_risk: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    events: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    censored: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    survival: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    lower: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    upper: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    confidence: float = attrs.field(converter=float)
    ci_method: str = attrs.field(validator=attrs.validators.in_(KM_CI_METHODS))

    def __attrs_post_init__(self) -> None:
        check_column_lengths(self, "confidence", "ci_method")

    @calculator(t=TIME)
    def at(self, t: Any, *, nan_policy: str = "raise") -> Any:
        """S(t), a right-continuous step function (1 before the first time).

        Parameters
        ----------
        t : array-like or Quantity
            Times [days, or the unit of plain durations]; a Quantity of time is converted to
            days. Scalar in, float out; Series in, Series out.
        nan_policy : {"raise", "propagate"}
            A missing time is refused, or gives NaN (with a warning).

        Examples
        --------
        >>> from dpssec.stats import kaplan_meier
        >>> kaplan_meier([1, 2, 3], [1, 1, 0]).at([0, 1, 1.5, 2, 10]).round(4)
        array([1.    , 0.6667, 0.6667, 0.3333, 0.3333])
        """
        return step_lookup(self.time, self.survival, t, 1.0)

    @calculator(t=TIME)
    def interval_at(self, t: Any, *, nan_policy: str = "raise") -> tuple[Any, Any]:
        """``(lower, upper)`` limits of S(t) as step functions (``(1, 1)`` before the first time).

        Examples
        --------
        >>> from dpssec.stats import kaplan_meier
        >>> low, high = kaplan_meier([2, 4, 6, 8], [1, 1, 0, 1], ci="plain").interval_at([1, 5])
        >>> low.round(3), high.round(3)
        (array([1.  , 0.01]), array([1.  , 0.99]))
        """
        return (
            step_lookup(self.time, self.lower, t, 1.0),
            step_lookup(self.time, self.upper, t, 1.0),
        )

    @calculator(t=TIME)
    def cumulative_incidence(self, t: Any, *, nan_policy: str = "raise") -> Any:
        """1 − S(t): the share who had the event by ``t`` (e.g. reoffended within 3 years).

        Examples
        --------
        >>> from dpssec.stats import kaplan_meier
        >>> kaplan_meier([1, 2, 3, 4], [1, 0, 1, 0]).cumulative_incidence(3)
        0.625
        """
        return 1.0 - step_lookup(self.time, self.survival, t, 1.0)

    @calculator(t=TIME, kind=Choice(("survival", "cumulative_incidence")))
    def estimate_at(self, t: Any, *, kind: str = "survival", nan_policy: str = "raise") -> Estimate:
        """S(t) or 1 − S(t) at ``t`` with the curve's confidence limits, as an :class:`Estimate`.

        Parameters
        ----------
        t : array-like or Quantity
            Time(s) [days, or the unit of plain durations; a Quantity is converted to days].
        kind : {"survival", "cumulative_incidence"}
            The cumulative incidence's limits are 1 − the survival limits, swapped.

        Examples
        --------
        >>> from dpssec.stats import kaplan_meier
        >>> e = kaplan_meier([1, 2, 3, 4], [1, 0, 1, 0]).estimate_at(3, kind="cumulative_incidence")
        >>> e.value, e.method
        (0.625, 'kaplan-meier, log-log interval')
        """
        value = step_lookup(self.time, self.survival, t, 1.0)
        lower = step_lookup(self.time, self.lower, t, 1.0)
        upper = step_lookup(self.time, self.upper, t, 1.0)
        if kind == "cumulative_incidence":
            value, lower, upper = 1.0 - value, 1.0 - upper, 1.0 - lower
        return Estimate(
            value=value,
            lower=lower,
            upper=upper,
            confidence=self.confidence,
            method=f"kaplan-meier, {self.ci_method} interval",
        )

    def greenwood_variance(self) -> np.ndarray:
        """Greenwood sum V(t) = Σ d/(n(n − d)), the variance of log S(t); +inf once S = 0."""
        return np.cumsum(greenwood_terms(self.at_risk, self.events))

    def standard_error(self) -> np.ndarray:
        """se(S) = S·sqrt(V) (Greenwood); 0 once S = 0 (R reports NaN there)."""
        variance = self.greenwood_variance()
        with np.errstate(invalid="ignore"):
            se = self.survival * np.sqrt(variance)
        return np.where(self.survival > 0, se, 0.0)

    @calculator(
        p=Share(positive=True, aligned=False, ndim=(0,)), elementwise=False, finite_output=False
    )
    def quantile(self, p: float) -> float:
        """Smallest time with 1 − S(t) >= p (lifelines' rule); +inf if the curve never gets there.

        R's ``quantile.survfit`` takes the midpoint of a flat stretch where S equals 1 − p
        exactly; this does not. ``p = 1`` gives the time at which S reaches 0.

        Raises
        ------
        InputError
            ``p`` not a number in (0, 1].

        Examples
        --------
        >>> from dpssec.stats import kaplan_meier
        >>> curve = kaplan_meier([2, 4, 6, 8], [1, 1, 0, 1])
        >>> curve.quantile(0.25), curve.quantile(0.5), curve.quantile(0.9)
        (2.0, 4.0, 8.0)
        """
        # Round-off guard: S computed as a product may sit 1e-16 above 0.5 on a flat.
        reached = np.flatnonzero(self.survival <= (1.0 - p) + 1e-12)
        return float(self.time[reached[0]]) if reached.size else float("inf")

    def median(self) -> float:
        """Median survival time: smallest t with S(t) <= 0.5 (+inf if never reached).

        Examples
        --------
        >>> from dpssec.stats import kaplan_meier
        >>> kaplan_meier([5, 8, 12, 20], [1, 1, 1, 0]).median()
        8.0
        """
        return self.quantile(0.5)

    def median_interval(self) -> tuple[float, float]:
        """Confidence limits of the median (Brookmeyer-Crowley, from the curve's own limits).

        ``(lower, upper)``: the first times at which the lower and the upper limit of S reach
        0.5; +inf when never reached (R prints NA).

        Examples
        --------
        >>> from dpssec.stats import kaplan_meier
        >>> curve = kaplan_meier([9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
        ...                      [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0], ci="log")
        >>> curve.median(), curve.median_interval()
        (31.0, (18.0, inf))
        """
        limits = []
        for band in (self.lower, self.upper):
            reached = np.flatnonzero(band <= 0.5 + 1e-12)
            limits.append(float(self.time[reached[0]]) if reached.size else float("inf"))
        return limits[0], limits[1]

    def plot(
        self,
        ax: Any = None,
        *,
        show_ci: bool = True,
        label: str | None = None,
        time_unit: str | None = None,
        data_unit: str = "days",
        **kwargs: Any,
    ) -> Any:
        """Draw the step curve and its confidence band with matplotlib; return the Axes.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; a new figure when None.
        show_ci : bool
            Draw the pointwise confidence band.
        label : str, optional
            Legend entry of the curve (the legend is shown when a label is given).
        time_unit : str, optional
            Unit the time axis is drawn in, converted from ``data_unit`` with pint
            (``"weeks"``, ``"months"``, ``"years"``); default ``data_unit``.
        data_unit : str
            Unit of the curve's times: ``"days"`` for curves from days or Quantities; name the
            unit of plain durations in another unit (``"weeks"``).
        **kwargs
            Keywords of :func:`dpssec.stats.plots.plot_survival_curves` (``kind=
            "cumulative_incidence"``, ``at_risk=True``, ``at_risk_times``, ``title``...); the
            rest go to matplotlib for the step line (``color``, ``linewidth``...).

        Returns
        -------
        matplotlib Axes

        Raises
        ------
        ImportError
            When matplotlib (the ``plot`` extra) is not installed.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.stats import kaplan_meier
        >>> ax = kaplan_meier([5, 8, 12, 20], [1, 1, 1, 0]).plot(label="cohort A")
        >>> ax.get_legend().get_texts()[0].get_text(), ax.get_xlabel()
        ('cohort A', 'time [days]')
        >>> ax = kaplan_meier([7, 14, 28], [1, 1, 0]).plot(time_unit="weeks", color="#D55E00")
        >>> ax.get_lines()[0].get_xdata().tolist(), ax.get_xlabel()
        ([0.0, 1.0, 2.0, 4.0], 'time [weeks]')
        """
        from dpssec.stats.plots import plot_survival_curves

        kwargs.setdefault("at_risk", False)
        return plot_survival_curves(
            {label or "": self},
            ax,
            show_ci=show_ci,
            time_unit=time_unit,
            data_unit=data_unit,
            **kwargs,
        )


@calculator(
    elementwise=False,
    integers=True,
    confidence=Confidence(),
    ci=Choice(KM_CI_METHODS),
    example=RECORDS_EXAMPLE,
    **RECORD_SPECS,
)
def kaplan_meier(
    durations: Any,
    events: Any,
    *,
    weights: Any = None,
    confidence: float = 0.95,
    ci: str = "log-log",
    nan_policy: str = "raise",
    compute: bool = True,
) -> Any:
    """Kaplan-Meier estimate of S(t) with Greenwood variance and a named interval.

    Parameters
    ----------
    durations : array-like or Quantity
        Time from the start of follow-up to the event or censoring, >= 0 [days]. A Quantity of
        time (``Q_(d, "week")``) or numpy ``timedelta64`` values are converted to days; plain
        numbers are taken as they are, so plain weeks give a curve in weeks. Booleans are
        refused.
    events : array-like
        1 if the event (e.g. re-arrest) was observed, 0 if censored; booleans accepted.
    weights : array-like, optional
        Frequency weights (record counts), >= 0: a (duration, event, count) table gives the
        same curve as the expanded records.
    confidence : float
        0.95 or 95.
    ci : {"log-log", "log", "plain"}
        Interval transform: ``"log-log"`` (lifelines), ``"log"`` (R survival's default),
        ``"plain"`` (linear).
    nan_policy : {"raise", "omit"}
        A record with a missing duration, event or weight (NaN, None, pandas NA, NaT) is
        refused (default), or left out with a :class:`~dpssec.errors.DataQualityWarning`
        saying how many.

    compute : bool
        For dask input: compute with the active scheduler (default), or return a
        :class:`dask.delayed.Delayed` of the curve.

    Returns
    -------
    SurvivalCurve
        Or a Delayed of it (dask input, ``compute=False``).

    Raises
    ------
    InputError
        Negative, NaN, infinite or boolean durations; events other than 0/1; negative
        weights; mismatched lengths; empty input; unknown ``ci``.
    UnitError
        ``durations`` given as a Quantity that is not a time.

    Notes
    -----
    With n_j at risk just before t_j (a censoring at t_j counts as at risk) and d_j events:
    S(t) = Π_{t_j <= t} (1 − d_j/n_j); Greenwood V(t) = Σ d_j/(n_j(n_j − d_j)).
    Limits, z = Φ⁻¹(1 − α/2): plain S ± z·S·sqrt(V) clipped to [0, 1]; log S·exp(∓z·sqrt(V))
    (upper clipped at 1); log-log S^exp(±z·sqrt(V)/ln S). Where S = 1 the limits are [1, 1];
    where S = 0, [0, 0] (R reports NA).

    Dask input (dask arrays, or columns of one dask DataFrame) is reduced **out of core**:
    each partition is counted into its table of distinct times, the tables are merged by a
    tree reduction and the curve is built from the merged table, never holding the records
    (:mod:`dpssec.stats.survival_dask`; the same curve as in memory). ``compute=False``
    returns a Delayed of the curve; see the guide *Scaling out*.

    References
    ----------
    Kaplan EL, Meier P. J Am Stat Assoc 1958;53:457-481. Greenwood M. Reports on Public Health
    and Medical Subjects 33, 1926. Kalbfleisch JD, Prentice RL. The Statistical Analysis of
    Failure Time Data, 2nd ed., 2002 (log-log interval). R survival 3.8 ``survfit``.

    Examples
    --------
    >>> from dpssec.stats import kaplan_meier
    >>> curve = kaplan_meier([9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
    ...                      [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0], ci="log")
    >>> round(curve.at(31), 4), round(curve.interval_at(31)[0], 4)
    (0.4909, 0.2549)
    """
    if any(is_lazy(x) for x in (durations, events, weights)):
        from dpssec.stats.survival_dask import RECORD_NAMES, reduce_records

        return reduce_records(
            kaplan_meier, [(durations, events, weights)], [RECORD_NAMES],
            compute=compute, confidence=confidence, ci=ci,
        )  # fmt: skip
    check_compute(compute)
    table = records_table(durations, events, weights)
    with np.errstate(divide="ignore", invalid="ignore"):
        survival = np.cumprod(1.0 - table.events / table.at_risk)
    variance = np.cumsum(greenwood_terms(table.at_risk, table.events))
    lower, upper = km_limits(survival, variance, confidence, ci)
    return SurvivalCurve(
        **table._asdict(),
        survival=survival,
        lower=lower,
        upper=upper,
        confidence=confidence,
        ci_method=ci,
    )
