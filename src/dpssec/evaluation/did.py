"""Difference in differences: did the areas with the programme change more than the others?

:func:`difference_in_differences` compares the change in the areas (or people) that received
an intervention with the change, over the same periods, in comparison areas:

* **2×2, counts with populations**: the ratio of rate ratios
  ``(r_T,after / r_T,before) / (r_C,after / r_C,before)`` with the Poisson interval on its log,
  ``se = sqrt(1/a + 1/b + 1/c + 1/d)`` (a..d the four cells' event counts);
* **2×2, means**: ``(m_T,after − m_T,before) − (m_C,after − m_C,before)`` with
  ``se² = Σ s²/n`` over the four cells and Welch-Satterthwaite degrees of freedom;
* **regression form** (``unit`` or ``time`` given): unit (or group) and period fixed effects
  plus the treated × after term, fitted by statsmodels — Poisson with the log population
  offset for counts, least squares for values — with standard errors clustered by unit. With
  two or more periods before the intervention, a parallel pre-trends check tests a linear
  treated × time trend in the pre-period.

For example, recorded robberies in districts with a new patrol scheme (treated) and without,
the year before and the year after:

>>> from dpssec.evaluation import difference_in_differences
>>> did = difference_in_differences([120, 95, 130, 128], treated=[1, 1, 0, 0], after=[0, 1, 0, 1],
...                                 population=[50_000, 50_000, 60_000, 60_000])
>>> round(did.effect.value, 3), round(did.effect.lower, 3), round(did.effect.upper, 3)
(0.804, 0.559, 1.156)
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Confidence,
    Indicator,
    Number,
    Population,
    Scale,
    calculator,
    example_by,
)
from dpssec.errors import InputError
from dpssec.evaluation.inputs import TimePoints, time_axis
from dpssec.evaluation.regression import fit_regression
from dpssec.evaluation.results import CoefficientEstimate, array_field, coefficient_estimate
from dpssec.rendering import ResultMixin
from dpssec.stats import TestResult

__all__ = ["DiDResult", "difference_in_differences"]

_CELLS = ("treated, before", "treated, after", "control, before", "control, after")


@example_by("difference_in_differences")
@attrs.frozen(kw_only=True, eq=False)
class DiDResult(ResultMixin):
    """A difference-in-differences estimate and the cell figures behind it.

    Attributes
    ----------
    effect : CoefficientEstimate
        The ratio of rate ratios (counts with populations) or the difference of differences
        (values), with its interval.
    form : str
        ``"2x2 counts"``, ``"2x2 means"`` or ``"regression"``.
    cells : tuple of str
        The four cells: treated/control × before/after.
    cell_values : ndarray
        Rate (per ``multiplier``) or mean of each cell.
    cell_sizes : ndarray
        Events (counts) or observations (means) of each cell.
    pre_trends : TestResult or None
        Test of a differential linear trend before the intervention (regression form with at
        least two pre-periods); None otherwise.
    covariance : str
        How the standard error was computed.
    statement : str
        What was estimated and what the design cannot show.
    """

    effect: CoefficientEstimate
    form: str
    cells: tuple[str, ...] = _CELLS
    cell_values: np.ndarray = array_field()
    cell_sizes: np.ndarray = array_field()
    pre_trends: TestResult | None = None
    covariance: str = ""
    statement: str = ""

    def _columns(self) -> dict[str, Any]:
        e = self.effect
        label = "ratio of rate ratios" if e.scale == "log" else "difference in differences"
        rows: list[tuple[str, Any, Any, Any, str]] = [
            (cell, float(v), None, None, f"n = {float(n):g}")
            for cell, v, n in zip(self.cells, self.cell_values, self.cell_sizes, strict=True)
        ]
        rows.append((label, e.value, e.lower, e.upper, e.method))
        if self.pre_trends is not None:
            rows.append(("pre-trends p", self.pre_trends.p_value, None, None, self.pre_trends.name))
        return {
            "quantity": [r[0] for r in rows],
            "value": [r[1] for r in rows],
            "lower": [r[2] for r in rows],
            "upper": [r[3] for r in rows],
            "method": [r[4] for r in rows],
        }


def _cell_masks(treated: np.ndarray, after: np.ndarray) -> list[np.ndarray]:
    masks = [
        (treated == 1) & (after == 0),
        (treated == 1) & (after == 1),
        (treated == 0) & (after == 0),
        (treated == 0) & (after == 1),
    ]
    for mask, cell in zip(masks, _CELLS, strict=True):
        if not mask.any():
            raise InputError(
                f"difference_in_differences: no rows for the cell '{cell}' (rows are placed by "
                "'treated' and 'after')"
            )
    return masks


def _two_by_two_counts(
    counts: np.ndarray,
    population: np.ndarray,
    masks: list[np.ndarray],
    confidence: float,
    multiplier: float,
) -> tuple[CoefficientEstimate, np.ndarray, np.ndarray]:
    events = np.array([counts[m].sum() for m in masks])
    people = np.array([population[m].sum() for m in masks])
    if np.any(events == 0):
        cell = _CELLS[int(np.argmax(events == 0))]
        raise InputError(
            f"difference_in_differences: no events ('outcome') in the cell '{cell}'; the ratio "
            "of rate ratios and its log interval do not exist"
        )
    rates = events / people
    b = np.log(rates[1] / rates[0]) - np.log(rates[3] / rates[2])
    se = np.sqrt(np.sum(1.0 / events))
    effect = coefficient_estimate(
        b,
        se,
        confidence=confidence,
        ratio=True,
        method="ratio of rate ratios, Poisson (log) interval",
    )
    return effect, rates * multiplier, events


def _two_by_two_means(
    values: np.ndarray, masks: list[np.ndarray], confidence: float
) -> tuple[CoefficientEstimate, np.ndarray, np.ndarray]:
    sizes = np.array([m.sum() for m in masks], dtype=float)
    if np.any(sizes < 2):
        cell = _CELLS[int(np.argmax(sizes < 2))]
        raise InputError(
            f"difference_in_differences: the cell '{cell}' has fewer than 2 observations; its "
            "variance (and the interval) cannot be estimated (without a population, the "
            "'outcome' of each cell is averaged over its rows)"
        )
    means = np.array([values[m].mean() for m in masks])
    variances = np.array([values[m].var(ddof=1) for m in masks]) / sizes
    b = (means[1] - means[0]) - (means[3] - means[2])
    se = float(np.sqrt(variances.sum()))
    df = float(variances.sum() ** 2 / np.sum(variances**2 / (sizes - 1)))
    effect = coefficient_estimate(
        b,
        se,
        confidence=confidence,
        ratio=False,
        method=f"difference of differences of means, Welch-Satterthwaite t ({df:.1f} df)",
        df=df,
    )
    return effect, means, sizes


def _dummies(labels: np.ndarray, prefix: str) -> tuple[list[np.ndarray], list[str]]:
    levels = np.unique(labels)
    return (
        [(labels == level).astype(float) for level in levels[1:]],
        [f"{prefix}[{level}]" for level in levels[1:]],
    )


def _regression(
    values: np.ndarray,
    treated: np.ndarray,
    after: np.ndarray,
    population: np.ndarray | None,
    unit: np.ndarray | None,
    period: np.ndarray | None,
    confidence: float,
) -> tuple[CoefficientEstimate, str, TestResult | None]:
    family = "poisson" if population is not None else "gaussian"
    offset = np.log(population) if population is not None else None
    covariance = "cluster" if unit is not None else "model"

    def design(rows: np.ndarray, with_effect: bool, trend: bool) -> tuple[np.ndarray, list[str]]:
        columns, names = [np.ones(rows.sum())], ["intercept"]
        if unit is not None:
            cols, nm = _dummies(unit[rows], "unit")
        else:
            cols, nm = [treated[rows].astype(float)], ["treated"]
        columns += cols
        names += nm
        if period is not None:
            cols, nm = _dummies(period[rows], "period")
        else:
            cols, nm = [after[rows].astype(float)], ["after"]
        columns += cols
        names += nm
        if with_effect:
            columns.append((treated * after)[rows].astype(float))
            names.append("treated:after")
        if trend and period is not None:
            columns.append(treated[rows] * period[rows])
            names.append("treated:time")
        return np.column_stack(columns), names

    everything = np.ones(values.size, dtype=bool)
    matrix, names = design(everything, True, False)
    fit = fit_regression(
        values,
        matrix,
        tuple(names),
        family=family,
        offset=offset,
        covariance=covariance,
        groups=unit,
        response="'outcome' (with 'population')",
    )
    effect = coefficient_estimate(
        fit.coefficient("treated:after"),
        fit.standard_error("treated:after"),
        confidence=confidence,
        ratio=family == "poisson",
        method=f"{family} regression with unit and period effects, {fit.covariance} standard errors",
        df=fit.df_resid if fit.use_t else None,
    )
    pre_trends = None
    if period is not None:
        before = after == 0
        if np.unique(period[before]).size >= 2:
            xp, names_p = design(before, False, True)
            pre = fit_regression(
                values[before],
                xp,
                tuple(names_p),
                family=family,
                offset=offset[before] if offset is not None else None,
                covariance=covariance,
                groups=unit[before] if unit is not None else None,
                response="'outcome' (with 'population')",
            )
            z = pre.coefficient("treated:time") / pre.standard_error("treated:time")
            from scipy import stats

            pre_trends = TestResult(
                z**2,
                float(stats.chi2.sf(z**2, 1)),
                1,
                "parallel pre-trends (Wald test of a treated x time trend before the intervention)",
            )
    return effect, fit.covariance, pre_trends


@calculator(
    elementwise=False,
    outcome=Number(),
    treated=Indicator(),
    after=Indicator(),
    population=Population(optional=True),
    time=TimePoints(optional=True),
    multiplier=Scale(),
    confidence=Confidence(),
    example={
        "outcome": [120, 95, 130, 128],
        "treated": [1, 1, 0, 0],
        "after": [0, 1, 0, 1],
        "population": [50_000, 50_000, 60_000, 60_000],
    },
)
def difference_in_differences(
    outcome: Any,
    treated: Any,
    after: Any,
    *,
    population: Any = None,
    unit: Any = None,
    time: Any = None,
    confidence: float = 0.95,
    multiplier: float = 100_000,
    nan_policy: str = "raise",
) -> DiDResult:
    """Difference in differences, 2×2 or with unit and period effects.

    Parameters
    ----------
    outcome : array-like
        One value per row: event counts (with ``population``), or individual values (scores,
        times, rates without populations).
    treated : array-like of 0/1
        1 for the areas or people that received the intervention.
    after : array-like of 0/1
        1 for rows in the period after the intervention began.
    population : array-like, optional
        Population at risk of each row [persons]: the outcome is then a count and the effect
        a ratio of rate ratios.
    unit : array-like, optional
        The area or person each row belongs to (any labels): unit fixed effects and standard
        errors clustered by unit (the regression form).
    time : array-like, optional
        The period of each row (numbers or dates): period fixed effects, and a parallel
        pre-trends check when there are two or more periods before.
    confidence : float
        0.95 or 95.
    multiplier : float
        Cell rates per this many persons.
    nan_policy : {"raise", "omit"}

    Returns
    -------
    DiDResult
        ``effect`` with its interval, the four cells, ``pre_trends`` and ``statement``.

    Raises
    ------
    InputError
        A cell with no rows (or no events, or fewer than 2 observations for means); negative
        counts with a population.

    Notes
    -----
    2×2 counts: ``RRR = (a/P_a · d/P_d) / (b/P_b · c/P_c)`` for treated after (a), treated
    before (b), control after (c), control before (d); ``ln RRR ± z·sqrt(1/a + 1/b + 1/c +
    1/d)``. 2×2 means: ``(ȳ_Ta − ȳ_Tb) − (ȳ_Ca − ȳ_Cb) ± t_ν·sqrt(Σ s²/n)``, ν by
    Welch-Satterthwaite. The regression form's effect is the treated × after coefficient
    (its exponential for counts); with ``unit``, covariances are cluster-robust
    (statsmodels ``cov_type="cluster"``).

    References
    ----------
    Angrist JD, Pischke J-S. *Mostly Harmless Econometrics*, ch. 5 (2009). Bertrand M, Duflo E,
    Mullainathan S. How much should we trust differences-in-differences estimates? Q J Econ
    2004;119:249-275 (clustered standard errors).

    Examples
    --------
    >>> from dpssec.evaluation import difference_in_differences
    >>> scores = difference_in_differences([3, 4, 5, 6, 6, 7, 3, 4, 4, 5, 4, 4],
    ...                                    treated=[1] * 6 + [0] * 6,
    ...                                    after=[0, 0, 0, 1, 1, 1] * 2)
    >>> round(scores.effect.value, 3), scores.form
    (1.667, '2x2 means')
    """
    values = np.asarray(outcome, dtype=float)
    treated = np.asarray(treated, dtype=float)
    after = np.asarray(after, dtype=float)
    try:
        masks = _cell_masks(treated, after)
    except InputError as exc:
        if nan_policy != "omit":
            raise
        raise InputError(
            f"{exc}; rows with a missing 'outcome' or 'population' were left out "
            "(nan_policy='omit')"
        ) from None
    pop = None
    if population is not None:
        pop = np.asarray(population, dtype=float)
        if np.any(values < 0):
            first = int(np.argmax(values < 0))
            raise InputError(
                f"parameter 'outcome': counts must be >= 0 with a population (first negative "
                f"at index {first}: {values[first]!r})"
            )
    if pop is not None:
        rates = np.array([values[m].sum() / pop[m].sum() for m in masks]) * multiplier
        sizes = np.array([values[m].sum() for m in masks])
    else:
        rates = np.array([values[m].mean() for m in masks])
        sizes = np.array([m.sum() for m in masks], dtype=float)
    pre_trends = None
    if unit is None and time is None:
        if pop is not None:
            effect, rates, sizes = _two_by_two_counts(values, pop, masks, confidence, multiplier)
            form, covariance = "2x2 counts", "Poisson (log) variance of the four cell counts"
        else:
            effect, rates, sizes = _two_by_two_means(values, masks, confidence)
            form, covariance = "2x2 means", "sum of the four cells' variances of the mean"
    else:
        units = None
        if unit is not None:
            units = np.asarray(unit)
            if units.shape != values.shape:
                raise InputError(
                    f"unit has {units.size} values but outcome has {values.size}; give one unit "
                    "label per row"
                )
        period = _period_numbers(time) if time is not None else None
        effect, covariance, pre_trends = _regression(
            values, treated, after, pop, units, period, confidence
        )
        form = "regression"
    ratio = effect.scale == "log"
    kind = "ratio of rate ratios" if ratio else "difference in differences"
    change = f"{100 * (effect.value - 1):+.1f} %" if ratio else f"{effect.value:+.4g}"
    statement = (
        f"{kind.capitalize()} {effect.value:.4g} ({100 * confidence:g} % CI {effect.lower:.4g} "
        f"to {effect.upper:.4g}; {change} in the treated group's change relative to the "
        f"control group's; {form}, {covariance}). What this design cannot show: it assumes "
        "that without the intervention the treated group would have changed as the control "
        "group did (parallel trends); it cannot exclude another change that hit only the "
        "treated areas at the same time, or a change in who is counted (displacement of "
        "crime to neighbouring control areas biases it towards a benefit)."
    )
    if pre_trends is not None:
        statement += f" Pre-trends check: p = {pre_trends.p_value:.3g}" + (
            " — the groups were already diverging before; the estimate is doubtful."
            if pre_trends.p_value < 0.05
            else " (no evidence of diverging trends before, which supports but does not "
            "prove parallel trends)."
        )
    return DiDResult(
        effect=effect,
        form=form,
        cell_values=rates,
        cell_sizes=sizes,
        pre_trends=pre_trends,
        covariance=covariance,
        statement=statement,
    )


def _period_numbers(time: Any) -> np.ndarray:
    """Periods as numbers on one axis (dates become months, years or days since the first)."""
    arr = np.asarray(time)
    levels, codes = np.unique(arr, return_inverse=True)
    axis = time_axis(levels) if levels.size >= 2 else None
    if axis is None:
        return np.zeros(arr.size)
    return axis.t[codes]
