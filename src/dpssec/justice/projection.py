"""Stock-flow projection of a prison population and the years left before it reaches capacity.

These are **analyst conventions**, not an official method: no agency definition of "years to
capacity" is known. They rest on Little's law as used in jail and prison
forecasting (NIC: average daily population = admissions per unit time x average length of
stay) and on the flow-simulation idea of projecting each admission cohort with a time-served
survival table. Results carry :data:`~dpssec.justice.sources.PROJECTION_CONVENTION`
(``verified=False``) so that nobody presents them as a ministry's method.

Discrete model, one step per period (a year if admissions are per year):

* mean length of stay L (constant exit hazard): ``P[t] = P[t−1] (1 − 1/L) + A[t]``; steady
  state ``P* = A x L``;
* time-served table S(k) (share of an admission cohort still inside k periods after the
  period of admission, S(0) included): ``P[t] = P0 R(t) + Σ_{j=1..t} A[j] S(t − j)``, where
  R(k) is the share of today's stock still inside after k periods; by default
  ``R(k) = Σ_{i≥k} S(i) / Σ_i S(i)``, the stock of a system in equilibrium; steady state
  ``P* = A x Σ S(k)``.

For example:

>>> from dpssec.justice import project_population, years_to_capacity
>>> p = project_population(1000, [400] * 5, mean_length_of_stay=3)
>>> p.population.round(1)
array([1000. , 1066.7, 1111.1, 1140.7, 1160.5, 1173.7])
>>> p.steady_state
1200.0
>>> round(years_to_capacity(1000, 1210, method="growth", growth_rate=0.05).years, 2)
3.91
"""

from __future__ import annotations

import math
import warnings
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Count,
    Duration,
    Indicator,
    Number,
    Population,
    Share,
    Size,
    broadcast,
    calculator,
    example_by,
)
from dpssec.boundary.arrays import is_lazy
from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice.boundary_rules import VALUES_EQ, refuse_empty
from dpssec.justice.sources import NIC_LITTLE_LAW, PROJECTION_CONVENTION
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = [
    "CapacityForecast",
    "PopulationProjection",
    "PopulationTrend",
    "population_trend",
    "project_population",
    "time_served_table",
    "years_to_capacity",
]

YEARS_TO_CAPACITY_METHODS = ("growth", "linear", "stock-flow")

MAX_PERIODS = 10_000
"""The longest projection or time-served table [periods]: 10,000 years, or 833 years of months."""


@example_by("project_population")
@attrs.frozen(eq=False)
class PopulationProjection(ResultMixin):
    """A projected prison population, one row per period.

    Attributes
    ----------
    period : ndarray of int
        0 (today) to T.
    population : ndarray
        Persons held at the end of each period [persons]; ``population[0]`` is today's stock.
    admissions : ndarray
        Admissions during each period (0 for period 0) [persons].
    releases : ndarray
        Exits during each period, ``P[t−1] + A[t] − P[t]`` (0 for period 0) [persons].
    steady_state : float
        Population the system tends to if admissions stay at their last value [persons].
    method : str
        ``"mean-length-of-stay"`` or ``"time-served-table"``.
    reference : Reference
        The analyst convention (unverified as an official method).
    """

    period: np.ndarray = attrs.field(eq=VALUES_EQ)
    population: np.ndarray = attrs.field(eq=VALUES_EQ)
    admissions: np.ndarray = attrs.field(eq=VALUES_EQ)
    releases: np.ndarray = attrs.field(eq=VALUES_EQ)
    steady_state: float
    method: str
    reference: Reference = PROJECTION_CONVENTION

    def first_period_at_or_above(self, capacity: float) -> float:
        """First period whose population is at least ``capacity`` (inf if none is)."""
        above = np.flatnonzero(self.population >= capacity)
        return float(self.period[above[0]]) if above.size else math.inf


def _survival_table(values: Any, name: str) -> np.ndarray:
    table = np.atleast_1d(np.asarray(values, dtype=float))
    refuse_empty("project_population", **{name: table})
    rises = np.flatnonzero(np.diff(table) > 0)
    if rises.size:
        i = int(rises[0]) + 1
        raise InputError(
            f"parameter {name!r} must be non-increasing (a survival table); {rises.size} rises, "
            f"first at index {i}: {table[i - 1]:g} -> {table[i]:g}"
        )
    return table


_STAY = Number(lower=1.0, ndim=(0,), aligned=False, optional=True)
_TABLE = Share(ndim=(0, 1), aligned=False, optional=True)


@calculator(
    initial_population=Count(whole=False, ndim=(0,)),
    admissions=Count(whole=False),
    mean_length_of_stay=_STAY,
    time_served_survival=_TABLE,
    initial_survival=_TABLE,
    periods=Size(lower=1, upper=MAX_PERIODS, optional=True),
    elementwise=False,
    example={"initial_population": 1000, "admissions": [400, 420, 440], "mean_length_of_stay": 3},
)
def project_population(
    initial_population: float,
    admissions: Any,
    *,
    mean_length_of_stay: float | None = None,
    time_served_survival: Any = None,
    initial_survival: Any = None,
    periods: int | None = None,
    nan_policy: str = "raise",
) -> PopulationProjection:
    """Project a prison population forward from admissions and lengths of stay.

    Parameters
    ----------
    initial_population : float
        Persons held today [persons], >= 0.
    admissions : array-like
        Admissions in each future period [persons per period]; a scalar with ``periods``
        repeats it.
    mean_length_of_stay : float, optional
        Average length of stay [periods], >= 1. Give this or ``time_served_survival``.
    time_served_survival : array-like, optional
        S(0), S(1), ...: share of an admission cohort still inside at the end of the period
        of admission and k periods later (non-increasing, in [0, 1]; taken as 0 beyond the
        table, so the table must cover the longest stays).
    initial_survival : array-like, optional
        R(1), R(2), ...: share of today's stock still inside after k periods (with
        ``time_served_survival`` only). Default: the equilibrium stock of the table.
    periods : int, optional
        Number of periods when ``admissions`` is a scalar, 1 to :data:`MAX_PERIODS`.
    nan_policy : {"raise", "omit"}
        A missing admissions value is refused (default) or its period left out (the later
        periods move up), with a :class:`~dpssec.errors.DataQualityWarning`.

    Returns
    -------
    PopulationProjection

    Raises
    ------
    InputError
        Neither or both stay models, negative admissions, a table that rises or leaves
        [0, 1], a length of stay under one period (for shorter stays use shorter periods,
        months instead of years), more than :data:`MAX_PERIODS` periods.

    Notes
    -----
    Little's law ``ADP = admissions per unit time x ALOS`` (NIC, accession 030198) gives the
    steady state. The discrete recursions are derived here (see the module notes) and are an
    analyst convention, not an official method. Survival-based stays beat naive stock/flow
    ratios in the literature (Luallen, Gaes & Cutler 2019); recidivist re-admissions are not
    modelled.

    References
    ----------
    NIC, *Forecasting Future Inmate Population* (accession 030198).

    Examples
    --------
    >>> from dpssec.justice import project_population
    >>> p = project_population(600, 300, periods=3, time_served_survival=[1.0, 0.6, 0.2])
    >>> p.population.round(1), p.steady_state
    (array([600. , 566.7, 546.7, 540. ]), 540.0)
    """
    return projection_kernel(
        initial_population,
        admissions,
        mean_length_of_stay,
        time_served_survival,
        initial_survival,
        periods,
    )


def projection_kernel(
    initial_population: Any,
    admissions: Any,
    mean_length_of_stay: Any,
    time_served_survival: Any,
    initial_survival: Any,
    periods: int | None,
) -> PopulationProjection:
    """The body of :func:`project_population` on checked magnitudes."""
    if (mean_length_of_stay is None) == (time_served_survival is None):
        raise InputError("give exactly one of mean_length_of_stay and time_served_survival")
    p0 = float(initial_population)
    flows = np.asarray(admissions, dtype=float)
    if flows.ndim == 0:
        if periods is None:
            raise InputError("a scalar admissions value needs periods= (a whole number)")
        flows = np.full(periods, float(flows))
    elif periods is not None and periods != flows.size:
        raise InputError(f"periods={periods} but admissions has {flows.size} values")
    if flows.size == 0:
        raise InputError("parameter 'admissions' must have at least one period")
    if flows.size > MAX_PERIODS:
        raise InputError(
            f"parameter 'admissions' has {flows.size:,} periods; at most {MAX_PERIODS:,} "
            "are projected"
        )
    horizon = flows.size
    if mean_length_of_stay is not None:
        stay = float(mean_length_of_stay)
        if initial_survival is not None:
            raise InputError("initial_survival goes with time_served_survival only")
        keep = 1.0 - 1.0 / stay
        population = np.empty(horizon + 1)
        population[0] = p0
        for t in range(horizon):  # one step per period, not per person
            population[t + 1] = population[t] * keep + flows[t]
        steady = float(flows[-1] * stay)
        method = "mean-length-of-stay"
    else:
        table = _survival_table(time_served_survival, "time_served_survival")
        if initial_survival is None:
            tail = np.cumsum(table[::-1])[::-1]
            remaining = np.concatenate([tail[1:], [0.0]]) / tail[0] if tail[0] > 0 else tail
        else:
            remaining = _survival_table(initial_survival, "initial_survival")
        stock = np.zeros(horizon)
        shown = min(horizon, remaining.size)
        stock[:shown] = remaining[:shown]
        inflow = np.convolve(flows, table)[:horizon]
        population = np.concatenate([[p0], p0 * stock + inflow])
        steady = float(flows[-1] * table.sum())
        method = "time-served-table"
    admitted = np.concatenate([[0.0], flows])
    releases = np.concatenate([[0.0], population[:-1] + flows - population[1:]])
    return PopulationProjection(
        np.arange(horizon + 1),
        population,
        admitted,
        releases,
        steady,
        method,
        PROJECTION_CONVENTION.at(
            f"{PROJECTION_CONVENTION.clause}; steady state after {NIC_LITTLE_LAW}"
        ),
    )


@calculator(
    durations=Duration(),
    events=Indicator(optional=True),
    period=Duration(positive=True, ndim=(0,), aligned=False),
    periods=Size(lower=1, upper=MAX_PERIODS, optional=True),
    elementwise=False,
    example={"durations": [100, 200, 400, 500], "events": [1, 1, 1, 0], "period": 365},
)
def time_served_table(
    durations: Any,
    events: Any = None,
    *,
    period: Any = 365,
    periods: int | None = None,
    nan_policy: str = "raise",
) -> np.ndarray:
    """A time-served table S(k) per period from individual stays (Kaplan-Meier).

    Parameters
    ----------
    durations : array-like or Quantity
        Time served from admission [days; a Quantity of time is converted]: to release for
        those released, to today for those still inside.
    events : array-like, optional
        1 = released (stay complete), 0 = still inside (censored); all 1 by default.
    period : float or Quantity
        Length of a projection period [days] (365 for yearly projections).
    periods : int, optional
        Number of table entries (1 to :data:`MAX_PERIODS`); by default as many whole periods
        as the data cover.
    nan_policy : {"raise", "omit"}
        A missing duration or event is refused (default) or the person left out, with a
        :class:`~dpssec.errors.DataQualityWarning`.

    Returns
    -------
    ndarray
        ``S(k) = (1/P) ∫_{kP}^{(k+1)P} S(t) dt``, k = 0, 1, ...: the share of an admission
        cohort still inside at the end of its k-th period, when admissions are spread evenly
        over the period of admission. Its sum times the period is the mean stay.

    Raises
    ------
    InputError
        A table longer than the data support (the survival curve is unknown beyond the
        longest stay unless it has reached 0), or longer than :data:`MAX_PERIODS` periods.

    Notes
    -----
    An analyst convention (uniform admissions within a period), in the spirit of the
    survival-based length-of-stay estimators that beat naive stock/flow ratios (Luallen, Gaes
    & Cutler 2019). The curve comes from :func:`dpssec.stats.kaplan_meier`, so people still
    inside (censored stays) are used correctly.

    Examples
    --------
    >>> from dpssec.justice import time_served_table
    >>> time_served_table([100, 200, 400, 500], period=365)
    array([0.70547945, 0.11643836])
    """
    from dpssec.stats import kaplan_meier

    length = float(period)
    stays = np.atleast_1d(np.asarray(durations, dtype=float))
    done = np.ones_like(stays) if events is None else np.asarray(events, dtype=float)
    stays, done = np.broadcast_arrays(stays, done)  # one stay for all: lengths were checked
    refuse_empty("time_served_table", durations=stays)
    curve = kaplan_meier(stays, done)
    last = float(curve.time[-1])
    ends_at_zero = curve.survival[-1] <= 0
    covered = math.inf if ends_at_zero else math.floor(last / length + 1e-9)
    if periods is None:
        whole = last / length if ends_at_zero else covered
        if whole > MAX_PERIODS:
            raise InputError(
                f"the stays ('durations', up to {last:g} days) cover {whole:,.6g} periods of "
                f"{length:g} days ('period'); at most {MAX_PERIODS:,} are tabulated: give a "
                "longer period or periods="
            )
        count = math.ceil(whole) if ends_at_zero else int(covered)
    else:
        count = periods
    if count > covered:
        raise InputError(
            f"a table of {count} periods of {length:g} days needs stays observed for "
            f"{count * length:g} days; the longest is {last:g} days with S = "
            f"{curve.survival[-1]:.3g} still inside"
        )
    if count < 1:
        raise InputError(
            f"the longest stay in 'durations' ({last:g} days) is shorter than one period of "
            f"{length:g} days ('period')"
        )
    # Area under the right-continuous step function S from 0 to each period boundary.
    knots = np.concatenate([[0.0], curve.time])
    levels = np.concatenate([[1.0], curve.survival])
    area = np.concatenate([[0.0], np.cumsum(levels[:-1] * np.diff(knots))])
    bounds = np.arange(count + 1) * length
    index = np.searchsorted(knots, bounds, side="right") - 1
    area_at = area[index] + levels[index] * (bounds - knots[index])
    table: np.ndarray = np.diff(area_at) / length
    return table


@example_by("population_trend")
@attrs.frozen(eq=False)
class PopulationTrend(ResultMixin):
    """Growth fitted to a population history (least squares).

    Attributes
    ----------
    growth_rate : float
        Annual growth from a log-linear fit, ``exp(slope of ln P) − 1``.
    annual_increase : float
        Persons per year from a linear fit.
    first_year, last_year : float
    observations : int
    """

    growth_rate: float
    annual_increase: float
    first_year: float
    last_year: float
    observations: int


@calculator(
    years=Number(),
    populations=Population(),
    elementwise=False,
    example={"years": [2019, 2020, 2021], "populations": [1000, 1100, 1210]},
)
def population_trend(years: Any, populations: Any, *, nan_policy: str = "raise") -> PopulationTrend:
    """Fit a constant growth rate and a linear trend to a population history.

    Parameters
    ----------
    years : array-like
        Years of the observations (at least two distinct).
    populations : array-like
        Persons held [persons], > 0 (the growth fit takes logarithms).
    nan_policy : {"raise", "omit"}
        A year with a missing population is refused (default) or left out of the fit, with
        a :class:`~dpssec.errors.DataQualityWarning`.

    Returns
    -------
    PopulationTrend

    Examples
    --------
    >>> from dpssec.justice import population_trend
    >>> t = population_trend([2019, 2020, 2021], [1000, 1100, 1210])
    >>> round(t.growth_rate, 6), round(t.annual_increase, 1)
    (0.1, 105.0)
    """
    x, y = np.broadcast_arrays(
        np.atleast_1d(np.asarray(years, dtype=float)),
        np.atleast_1d(np.asarray(populations, dtype=float)),
    )
    if np.unique(x).size < 2:
        raise InputError(
            "population_trend needs observations ('populations') in at least two distinct 'years'"
        )
    log_slope = np.polyfit(x, np.log(y), 1)[0]
    slope = np.polyfit(x, y, 1)[0]
    return PopulationTrend(
        float(np.expm1(log_slope)), float(slope), float(x.min()), float(x.max()), int(x.size)
    )


def _never_as_inf(value: Any) -> Any:
    """JSON writes "never" (inf) as null: read it back as inf."""
    if value is None:
        return math.inf
    if isinstance(value, list):
        return np.array([math.inf if v is None else v for v in value], dtype=float)
    return value


@example_by("years_to_capacity")
@attrs.frozen(eq=False)
class CapacityForecast(ResultMixin):
    """Years until a population reaches a capacity under a stated assumption.

    Attributes
    ----------
    years : float or ndarray
        Years from now (0 when already at or above capacity; inf when never under the
        assumption, written as null in JSON and read back as inf).
    population, capacity : float or ndarray
        Today's population and the capacity [persons], [places].
    method : str
        ``"growth"``, ``"linear"`` or ``"stock-flow"``.
    assumption : str
        The growth assumption in words.
    reference : Reference
        The analyst convention (``verified=False``).
    """

    years: Any = attrs.field(eq=VALUES_EQ, converter=_never_as_inf)
    population: Any = attrs.field(eq=VALUES_EQ)
    capacity: Any = attrs.field(eq=VALUES_EQ)
    method: str
    assumption: str
    reference: Reference = PROJECTION_CONVENTION

    PER_ELEMENT_FIELDS: ClassVar[tuple[str, ...]] = ("years", "population", "capacity")
    """Fields holding one value per element (a Series for Series input)."""


@calculator(
    population=Count(whole=False),
    capacity=Population(),
    method=Choice(YEARS_TO_CAPACITY_METHODS),
    growth_rate=Number(lower=-1.0, optional=True),
    annual_increase=Number(optional=True),
    admissions=Count(whole=False, ndim=(0,), aligned=False, optional=True),
    mean_length_of_stay=_STAY,
    time_served_survival=_TABLE,
    horizon=Size(lower=1, upper=MAX_PERIODS),
    finite_output=False,  # inf is the answer "never under this assumption"
    integers=True,
    example={"population": [900, 1300], "capacity": [1000, 1000], "growth_rate": 0.05},
)
def years_to_capacity(
    population: Any,
    capacity: Any,
    *,
    method: str = "growth",
    growth_rate: Any = None,
    annual_increase: Any = None,
    admissions: float | None = None,
    mean_length_of_stay: float | None = None,
    time_served_survival: Any = None,
    horizon: int = 100,
    nan_policy: str = "raise",
) -> CapacityForecast:
    """Years until the prison population reaches a capacity (an analyst convention).

    Parameters
    ----------
    population : array-like
        Persons held today [persons], >= 0 (P0).
    capacity : array-like
        Official capacity [places], > 0 (C).
    method : {"growth", "linear", "stock-flow"}
        ``"growth"``: constant annual growth ``growth_rate``;
        ``"linear"``: ``annual_increase`` persons per year;
        ``"stock-flow"``: yearly ``admissions`` with ``mean_length_of_stay`` [years] or a
        yearly ``time_served_survival`` table (see :func:`project_population`).
    growth_rate : array-like
        Annual growth as a fraction (0.05 = 5 %), > −1 (method ``"growth"``).
    annual_increase : array-like
        Persons per year (method ``"linear"``).
    admissions, mean_length_of_stay, time_served_survival
        Stock-flow inputs (scalars; one system at a time).
    horizon : int
        Years simulated by the stock-flow method before answering "never" (inf), 1 to
        :data:`MAX_PERIODS`.
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or carried to NaN rows with a
        :class:`~dpssec.errors.DataQualityWarning`.

    Returns
    -------
    CapacityForecast

    Raises
    ------
    InputError
        Unknown method; the method's input missing; negative population, non-positive
        capacity; ``growth_rate`` <= −1; stock-flow with arrays or a bad ``horizon``.

    Warns
    -----
    DataQualityWarning
        ``growth_rate`` above 1 (more than 100 % a year: probably a percentage such as 5
        given for 0.05).

    Notes
    -----
    * growth: ``t* = ln(C / P0) / ln(1 + g)``; inf if g <= 0 and P0 < C;
    * linear: ``t* = (C − P0) / b``; inf if b <= 0 and P0 < C;
    * stock-flow: the first whole year t with ``P[t] >= C``; inf if not reached within the
      horizon (e.g. when the steady state ``A x L`` is below C).

    In every method ``t* = 0`` when ``P0 >= C``. No agency defines "years to capacity"
    (unverified as an official method): present it as an illustration of an
    assumption, not a forecast.

    Examples
    --------
    >>> from dpssec.justice import years_to_capacity
    >>> years_to_capacity([900, 1300], 1000, method="linear", annual_increase=50).years
    array([2., 0.])
    >>> import warnings
    >>> from dpssec.errors import DataQualityWarning
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     never = years_to_capacity(1000, 1300, method="stock-flow", admissions=400,
    ...                               mean_length_of_stay=3)
    >>> never.years, caught[0].category is DataQualityWarning  # the steady state is 1,200
    (inf, True)
    """
    p0, cap, g = population, capacity, growth_rate
    if method == "growth":
        if g is None:
            raise InputError("method='growth' needs growth_rate (e.g. 0.05 for 5 % a year)")
        if not is_lazy(g) and np.any(g <= -1):
            raise InputError("parameter 'growth_rate' must be above -1 (a fall of 100 %)")
        if not is_lazy(g) and np.any(g > 1):
            # A growth above 100 % a year is almost always a percentage typed as a fraction.
            big = float(np.ravel(g)[np.argmax(np.ravel(g) > 1)])
            warnings.warn(
                f"growth_rate {big:g} means {100 * big:g} % a year; did you mean "
                f"{big / 100:g}? growth_rate is a fraction (0.05 = 5 %)",
                DataQualityWarning,
                stacklevel=3,
            )
        with np.errstate(divide="ignore", invalid="ignore"):
            raw = np.log(cap / np.maximum(p0, 1e-300)) / np.log1p(g)
        years = np.where(p0 >= cap, 0.0, np.where(g > 0, raw, np.inf))
        assumption = "constant annual growth rate"
    elif method == "linear":
        if annual_increase is None:
            raise InputError("method='linear' needs annual_increase (persons per year)")
        b = annual_increase
        with np.errstate(divide="ignore", invalid="ignore"):
            raw = (cap - p0) / b
        years = np.where(p0 >= cap, 0.0, np.where(b > 0, raw, np.inf))
        assumption = "constant annual increase (linear trend)"
    else:
        if np.ndim(p0) or np.ndim(cap):
            raise InputError("method='stock-flow' forecasts one system: pass scalars")
        if admissions is None:
            raise InputError("method='stock-flow' needs admissions per year")
        projection = projection_kernel(
            float(p0), admissions, mean_length_of_stay, time_served_survival, None, horizon
        )
        years = np.asarray(projection.first_period_at_or_above(float(cap)))
        assumption = (
            f"constant admissions of {float(admissions):g} a year, {projection.method}, "
            f"steady state {projection.steady_state:g}"
        )
    if not is_lazy(years):
        never = np.isinf(np.asarray(years, dtype=float))
        if never.any():
            warnings.warn(
                f"years_to_capacity: capacity is never reached under the assumption "
                f"({assumption}) in {int(never.sum())} of {never.size} rows: inf",
                DataQualityWarning,
                stacklevel=3,
            )
    years, p0, cap = broadcast(years, p0 * 1.0, cap * 1.0)
    return CapacityForecast(years, p0, cap, method, assumption)
