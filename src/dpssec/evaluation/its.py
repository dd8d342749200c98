"""Interrupted time series: did the series change when the policy started?

:func:`interrupted_time_series` fits the segmented regression of the statistics reference (§9)
in its centred form::

    log E[Y_t] = log(pop_t) + β0 + β1·t + β2·X_t + β3·(t − T0)·X_t (+ Fourier pairs)

so that ``exp(β2)`` is the rate ratio at the intervention T0 itself (the level change),
``exp(β3)`` the change in the per-period trend and ``exp(β1)`` the trend before. The Gaussian
family fits the same terms to rates or values on their own scale (Wagner et al. 2002), so β2
is a difference. More than one change point (a phase-in, a later amendment) adds one level
and one slope term per change point; a control series (controlled ITS) adds the group
interactions of :mod:`~dpssec.evaluation.its_design`. Fitting is done by statsmodels
(:mod:`~dpssec.evaluation.regression`).

The series may be arrays, a pandas Series with a date index (``time=None``) or a DataFrame
(the counts in its ``count`` column or the one named by ``column``; ``time``, ``population``
and ``control`` may be column names; ``time=None`` uses the index; a ``population`` column is
used when ``population`` is not given). :meth:`ITSResult.series_frame` gives the observed,
fitted and counterfactual series as a table indexed by the dates.

For example, the monthly acute coronary events in Sicily before and after the 2005 smoking
ban (Lopez Bernal et al. 2017), quasi-Poisson with the standardised population as offset and
two seasonal Fourier pairs (the tutorial's model 3):

>>> from dpssec.evaluation import interrupted_time_series
>>> from dpssec.evaluation.examples import sicily_series
>>> sicily = sicily_series()
>>> its = interrupted_time_series(sicily["aces"], sicily["date"], "2005-01-01",
...                               population=sicily["stdpop"], seasonality=2, slope_change=False)
>>> round(its.level_change.value, 3), round(its.level_change.lower, 3), its.time_unit
(0.885, 0.839, 'month')
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Flag,
    Population,
    Scale,
    Size,
    Text,
    calculator,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.evaluation.inputs import (
    TimePoints,
    accepts_time_frames,
    axis_position,
    format_time,
    time_axis,
)
from dpssec.evaluation.its_design import SegmentedDesign, segmented_design
from dpssec.evaluation.its_results import ITSResult, its_statement
from dpssec.evaluation.regression import (
    FAMILIES,
    FittedRegression,
    fit_regression,
    newey_west_lags,
)
from dpssec.evaluation.results import CoefficientEstimate, coefficient_estimate
from dpssec.stats import TestResult

__all__ = ["AUTOCORRELATION", "ITSResult", "interrupted_time_series"]

F = TypeVar("F", bound=Callable[..., Any])

AUTOCORRELATION = ("none", "newey-west")
"""Treatments of residual autocorrelation: none, or Newey-West (HAC) standard errors."""

MIN_POINTS = 3
"""Fewer points than this on a side of a change point are refused."""

ADVISED_POINTS = 8
"""Fewer points than this on a side give a DataQualityWarning."""

_FAMILY_ALIASES = {
    "quasi-poisson": "quasipoisson",
    "quasi": "quasipoisson",
    "negbin": "negative-binomial",
    "nb": "negative-binomial",
    "normal": "gaussian",
    "linear": "gaussian",
    "ols": "gaussian",
}


def _segments(t: np.ndarray, changes: np.ndarray, interventions: tuple[str, ...]) -> list[int]:
    edges = np.concatenate([[-np.inf], changes, [np.inf]])
    sizes = [int(np.count_nonzero((t >= a) & (t < b))) for a, b in itertools.pairwise(edges)]
    labels = ["before " + interventions[0]]
    labels += [f"between {a} and {b}" for a, b in itertools.pairwise(interventions)]
    labels += ["from " + interventions[-1]]
    for size, label in zip(sizes, labels, strict=True):
        if size < MIN_POINTS:
            raise InputError(
                f"interrupted_time_series: {size} time point(s) {label}; at least {MIN_POINTS} "
                "are needed on each side of a change point to estimate a level and a trend"
            )
    return sizes


def _contrast(fit: FittedRegression, names: tuple[str, ...]) -> tuple[float, float]:
    c = np.array([1.0 if n in names else 0.0 for n in fit.names])
    return float(c @ fit.params), float(np.sqrt(c @ fit.cov @ c))


def _effects(
    fit: FittedRegression, names: tuple[str, ...], confidence: float, method: str
) -> CoefficientEstimate:
    index = [fit.names.index(n) for n in names]
    b = fit.params[index]
    se = np.sqrt(np.diag(fit.cov)[index])
    if b.size == 1:
        b, se = b[0], se[0]
    return coefficient_estimate(
        b,
        se,
        confidence=confidence,
        ratio=fit.link == "log",
        method=method,
        df=fit.df_resid if fit.use_t else None,
    )


def _ljung_box(residuals: np.ndarray) -> TestResult:
    from statsmodels.stats.diagnostic import acorr_ljungbox

    lags = int(max(1, min(10, residuals.size // 5)))
    table = acorr_ljungbox(residuals, lags=[lags])
    return TestResult(
        float(table["lb_stat"].iloc[0]),
        float(table["lb_pvalue"].iloc[0]),
        lags,
        f"Ljung-Box ({lags} lags)",
    )


@accepts_time_frames
@calculator(
    elementwise=False,
    counts=Count(whole=False),
    time=TimePoints(),
    intervention=TimePoints(aligned=False),
    population=Population(optional=True),
    seasonality=Size(lower=0, upper=6, optional=True),
    period=Scale(upper=1000),
    family=Choice(FAMILIES, aliases=_FAMILY_ALIASES),
    slope_change=Flag(),
    autocorrelation=Choice(AUTOCORRELATION, optional=True, aliases={"hac": "newey-west"}),
    lags=Size(lower=1, upper=1000, optional=True),
    control=Count(whole=False, optional=True),
    control_population=Population(optional=True),
    multiplier=Scale(),
    column=Text(optional=True),
    confidence=Confidence(),
    example={
        "counts": [51, 47, 59, 53, 58, 49, 49, 45, 48, 61, 45, 45, 48, 48, 46, 50, 49, 56, 49, 40],
        "time": list(range(1, 21)),
        "intervention": 11,
        "population": [10_000 + 10 * i for i in range(20)],
        "family": "poisson",
    },
)
def interrupted_time_series(
    counts: Any,
    time: Any,
    intervention: Any,
    *,
    population: Any = None,
    seasonality: int | None = None,
    period: float = 12,
    family: str = "quasipoisson",
    slope_change: bool = True,
    autocorrelation: str | None = None,
    control: Any = None,
    confidence: float = 0.95,
    lags: int | None = None,
    control_population: Any = None,
    multiplier: float = 100_000,
    column: str | None = None,
    nan_policy: str = "raise",
) -> ITSResult:
    """Segmented regression of an interrupted time series (level and slope change).

    Parameters
    ----------
    counts : array-like, Series with a date index, or DataFrame
        Events per period (counts >= 0); for ``family="gaussian"``, the values or rates
        themselves. A DataFrame holds the counts in its ``count`` (or ``counts``) column, or
        in the one named by ``column``.
    time : array-like, str or None
        The periods, in order: numbers (1, 2, 3...; years) or dates (monthly dates are read
        as months, the calendar month giving the season). A column name of a DataFrame
        ``counts``, or None to use the index of a Series or DataFrame.
    intervention : number, date, or a sequence of them
        When the intervention started: the first period it applies to. Several values
        model several change points (a phase-in, a later amendment), each with its own level
        and slope change.
    population : array-like or str, optional
        Population at risk per period [persons] (a log offset, so the model is of rates);
        for ``family="gaussian"`` the outcome becomes ``counts / population × multiplier``.
        With a DataFrame ``counts``, a column name (its ``population`` column is used when
        this is not given); ``control`` and ``control_population`` may name columns too.
    seasonality : int, optional
        Number of Fourier pairs (sin, cos) of the seasonal position; 0 or None for none.
    period : float
        Length of the seasonal cycle in periods (12 for monthly data).
    family : {"quasipoisson", "poisson", "negative-binomial", "gaussian"}
        ``"quasipoisson"`` (default): Poisson fit, standard errors scaled by the Pearson
        dispersion; ``"negative-binomial"``: NB2 by maximum likelihood; ``"gaussian"``:
        ordinary least squares on the values or rates (Wagner et al. 2002).
    slope_change : bool
        Estimate a change in trend as well as in level (True by default).
    autocorrelation : {None, "none", "newey-west"}
        Residual autocorrelation treatment: none, or Newey-West (HAC) standard errors with
        ``lags`` lags (default ⌊4(n/100)^(2/9)⌋, stated in the result).
    control : array-like, optional
        Counts of a control series over the same periods, untouched by the intervention
        (controlled ITS): the effects are then relative to the control's change.
    confidence : float
        0.95 or 95.
    lags : int, optional
        Newey-West lags.
    control_population : array-like, optional
        Population of the control series (required with ``population`` and ``control``).
    multiplier : float
        Rates per this many persons (Gaussian family with a population; plots).
    column : str, optional
        The count column of a DataFrame ``counts`` (``count`` or ``counts`` by default).
    nan_policy : {"raise", "omit"}
        ``"omit"`` drops periods with a missing value (a gap in the series) with a warning.

    Returns
    -------
    ITSResult
        ``level_change`` and ``slope_change`` (rate ratios with intervals for the count
        families, differences for the Gaussian), ``pre_trend``, ``fitted``,
        ``counterfactual``, the dispersion, Durbin-Watson and Ljung-Box diagnostics,
        ``statement`` and ``plot()``.

    Raises
    ------
    InputError
        Fewer than 3 periods on a side of a change point; times not increasing; an
        intervention outside the series; too many Fourier pairs for the period; a control
        without its population (or the reverse).

    Warns
    -----
    DataQualityWarning
        Fewer than 8 periods on a side; residual autocorrelation (Ljung-Box p < 0.05)
        without ``autocorrelation="newey-west"``.

    Notes
    -----
    ``log E[Y_t] = log(pop_t) + β0 + β1·t + Σ_j [β2j·X_jt + β3j·(t − T_j)·X_jt] + Σ_k
    [γk sin(2πk s_t/P) + δk cos(2πk s_t/P)]``, with ``X_jt = 1(t ≥ T_j)``. Because the slope
    term is centred at T_j, ``exp(β2j)`` is the level change at T_j; Wagner's ``time_after``
    (1, 2, ... after the change) moves it by one period's slope change, and ``β3·t·X_t`` would
    move it to t = 0. Quasi-Poisson: φ = Σ r_Pearson²/(n − p), standard errors × √φ.
    Intervals are Wald intervals on the coefficient (normal quantiles; Student t for the
    Gaussian family), exponentiated for the count families.

    References
    ----------
    Lopez Bernal J, Cummins S, Gasparrini A. Interrupted time series regression for the
    evaluation of public health interventions: a tutorial. Int J Epidemiol 2017;46:348-355.
    Wagner AK, Soumerai SB, Zhang F, Ross-Degnan D. Segmented regression analysis of
    interrupted time series studies in medication use research. J Clin Pharm Ther
    2002;27:299-309. Newey WK, West KD. Automatic lag selection in covariance matrix
    estimation. Rev Econ Stud 1994;61:631-653.

    Examples
    --------
    >>> from dpssec.evaluation import interrupted_time_series
    >>> its = interrupted_time_series(
    ...     [51, 47, 59, 53, 58, 49, 49, 45, 48, 61, 45, 45, 48, 48, 46, 50, 49, 56, 49, 40],
    ...     list(range(1, 21)), 11, family="poisson")
    >>> round(its.level_change.value, 2), its.n_before, its.n_after
    (0.9, 10, 10)
    """
    controlled = control is not None
    if (control_population is not None) and not controlled:
        raise InputError("control_population given without control")
    if controlled and (population is None) != (control_population is None):
        raise InputError(
            "give population and control_population together (or neither) with a control "
            "series ('control'): the two series must be modelled on the same scale"
        )
    pairs = int(seasonality or 0)
    if pairs and 2 * pairs >= period:
        raise InputError(
            f"seasonality={pairs} Fourier pairs is too many for a period of {period:g} "
            f"(at most {int((period - 1) // 2)})"
        )
    axis = time_axis(time)
    n = axis.t.size
    changes = np.unique(axis_position(axis, intervention, "intervention"))
    if changes.size == 0:
        raise InputError("parameter 'intervention' is empty; give when the intervention started")
    raw = np.atleast_1d(np.asarray(intervention))
    labels = tuple(format_time(v) for v in np.sort(raw))
    if len(labels) != changes.size:
        labels = tuple(f"{c:g}" for c in changes)
    outside = changes[(changes <= axis.t[0]) | (changes > axis.t[-1])]
    if outside.size:
        raise InputError(
            f"interrupted_time_series: intervention {labels[int(np.flatnonzero(np.isin(changes, outside))[0])]} "
            "is not inside the series (it must come after the first period and no later than "
            "the last)"
        )
    sizes = _segments(axis.t, changes, labels)
    notes: list[str] = []
    small = [s for s in (sizes[0], sizes[-1]) if s < ADVISED_POINTS]
    if small:
        notes.append(
            f"only {min(small)} periods on one side of the intervention (fewer than "
            f"{ADVISED_POINTS}): the trend on that side is poorly estimated"
        )
        warnings.warn(f"interrupted_time_series: {notes[-1]}", DataQualityWarning, stacklevel=3)
    counts = np.asarray(counts, dtype=float)
    values = counts
    outcome = "count"
    offset = None
    if population is not None:
        population = np.asarray(population, dtype=float)
        outcome = f"rate per {multiplier:,.0f}"
        if family == "gaussian":
            values = counts / population * multiplier
        else:
            offset = np.log(population)
    elif family == "gaussian":
        outcome = "value"
    y = values
    groups = None
    if controlled:
        control_values = np.asarray(control, dtype=float)
        if control_population is not None:
            control_population = np.asarray(control_population, dtype=float)
            if family == "gaussian":
                control_values = control_values / control_population * multiplier
            else:
                offset = np.concatenate([np.asarray(offset), np.log(control_population)])
        y = np.concatenate([values, control_values])
        groups = np.repeat([0, 1], n)
    design: SegmentedDesign = segmented_design(
        axis.t,
        axis.season,
        changes,
        slope_change=slope_change,
        seasonality=pairs,
        period=period,
        controlled=controlled,
    )
    newey = autocorrelation == "newey-west"
    lag_count = (lags or newey_west_lags(n)) if newey else None
    fit = fit_regression(
        y,
        design.matrix,
        design.names,
        family=family,
        offset=offset,
        covariance="newey-west" if newey else "model",
        lags=lag_count,
        groups=groups if newey else None,
        response="'counts' (with 'population')",
    )
    method = f"{family} regression, {fit.covariance} standard errors"
    level = _effects(fit, design.level, confidence, method)
    slope = _effects(fit, design.slope, confidence, method) if slope_change else None
    b, se = _contrast(fit, design.trend)
    trend = coefficient_estimate(
        b,
        se,
        confidence=confidence,
        ratio=fit.link == "log",
        method=method,
        df=fit.df_resid if fit.use_t else None,
    )
    treated_offset = offset[:n] if offset is not None else None
    fitted = fit.fitted[:n]
    counterfactual = fit.predict(design.counterfactual, treated_offset)
    observed = values if fit.link == "identity" or offset is None else counts
    residuals = fit.residuals[:n]
    from statsmodels.stats.stattools import durbin_watson

    dw = float(durbin_watson(residuals))
    ljung = _ljung_box(residuals)
    if ljung.p_value < 0.05:
        note = (
            f"residual autocorrelation found (Ljung-Box p = {ljung.p_value:.3g}, "
            f"Durbin-Watson {dw:.2f})"
        )
        if not newey:
            note += ": the standard errors may be too small; consider autocorrelation='newey-west'"
            warnings.warn(f"interrupted_time_series: {note}", DataQualityWarning, stacklevel=3)
        notes.append(note)
    statement = its_statement(
        family=family,
        n=n,
        unit=axis.unit,
        labels=labels,
        sizes=sizes,
        level=level,
        slope=slope,
        trend=trend,
        confidence=confidence,
        controlled=controlled,
        offset=population is not None,
        pairs=pairs,
        covariance=fit.covariance,
    )
    parametrisation = (
        ("log E[Y_t] = log(pop_t) + " if offset is not None else "log E[Y_t] = ")
        if fit.link == "log"
        else "E[Y_t] = "
    ) + "b0 + b1*t + sum_j [b2j*X_jt + b3j*(t - T_j)*X_jt]"
    if not slope_change:
        parametrisation = parametrisation.replace(" + b3j*(t - T_j)*X_jt", "")
    if pairs:
        parametrisation += f" + {pairs} Fourier pair(s) of period {period:g}"
    if controlled:
        parametrisation += " + the same terms times the group indicator (controlled ITS)"
    parametrisation += "; X_jt = 1(t >= T_j), slope term centred at T_j"
    return ITSResult(
        family=family,
        level_change=level,
        slope_change=slope,
        pre_trend=trend,
        time=axis.dates.astype(str) if axis.dates is not None else axis.t,
        t=axis.t,
        time_unit=axis.unit,
        interventions=labels,
        intervention_times=changes,
        observed=observed,
        fitted=fitted,
        counterfactual=counterfactual,
        population=population,
        outcome=outcome,
        multiplier=float(multiplier),
        dispersion=fit.dispersion,
        covariance=fit.covariance,
        durbin_watson=dw,
        ljung_box=ljung,
        n_before=sizes[0],
        n_after=sizes[-1],
        controlled=controlled,
        parametrisation=parametrisation,
        statement=statement,
        notes=tuple(notes),
    )
