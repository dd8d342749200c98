"""Adjusted programme comparison: recidivism of participants against similar non-participants.

:func:`adjusted_comparison` puts the pieces of :mod:`~dpssec.evaluation.weighting` together
for a reintegration programme whose participants were not chosen at random:

1. propensity scores from recorded covariates (logistic regression);
2. stabilised inverse-probability weights, scores truncated at stated bounds;
3. a balance table (standardised mean differences before and after weighting);
4. weighted Kaplan-Meier recidivism curves of both groups and the adjusted difference in
   recidivism at the follow-up window, with a bootstrap interval that refits the propensity
   model in every replicate; the crude (unweighted) difference beside it;
5. a Cox model of the programme indicator and the covariates (hazard ratio with its interval
   and a proportional-hazards check).

:func:`compare_groups` is the same for two groups given separately (the form
:func:`dpssec.justice.compare_programmes` uses).

For example, a programme group with fewer prior convictions than the comparison group:

>>> from dpssec.evaluation import adjusted_comparison
>>> c = adjusted_comparison(
...     durations=[30, 200, 365, 365, 90, 365, 20, 60, 100, 365, 365, 150, 45, 365],
...     events=[1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0],
...     treated=[1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
...     covariates={"prior": [2, 0, 1, 0, 3, 1, 4, 3, 2, 1, 0, 5, 3, 1]},
...     follow_up=365, bootstrap=50)
>>> round(c.crude_difference.value, 3), round(c.adjusted_difference.value, 3)
(-0.292, 0.036)
"""

from __future__ import annotations

import warnings
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Confidence,
    Duration,
    Flag,
    Indicator,
    Names,
    Number,
    Share,
    Size,
    calculator,
    example_by,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.evaluation.hazards import CoxResult, proportional_hazards
from dpssec.evaluation.inputs import accepts_named_columns, covariate_matrix
from dpssec.evaluation.weighting import (
    BalanceTable,
    PropensityScores,
    Weights,
    balance,
    fit_propensity,
    ip_weights,
)
from dpssec.rendering import ResultMixin
from dpssec.stats import Estimate, SurvivalCurve, kaplan_meier

__all__ = [
    "AdjustedComparison",
    "adjusted_comparison",
    "compare_groups",
    "describe",
    "weighted_recidivism",
]


def weighted_recidivism(
    durations: np.ndarray, events: np.ndarray, weights: np.ndarray, horizon: float
) -> float:
    """1 − S(horizon) of a weighted Kaplan-Meier curve (weights as in the at-risk sums)."""
    times, inverse = np.unique(durations, return_inverse=True)
    at_time = np.bincount(inverse, weights=weights, minlength=times.size)
    deaths = np.bincount(inverse, weights=weights * events, minlength=times.size)
    at_risk = np.cumsum(at_time[::-1])[::-1]
    keep = (times <= horizon) & (deaths > 0)
    return float(1.0 - np.prod(1.0 - deaths[keep] / at_risk[keep]))


@example_by("adjusted_comparison")
@attrs.frozen(kw_only=True, eq=False)
class AdjustedComparison(ResultMixin):
    """Recidivism of programme and comparison groups, crude and adjusted by weighting.

    Attributes
    ----------
    follow_up_days : float
    labels : tuple of str
        (programme, comparison).
    propensity : PropensityScores
    weights : Weights
    balance : BalanceTable
        Standardised mean differences before and after weighting.
    programme_curve, comparison_curve : SurvivalCurve
        Weighted Kaplan-Meier curves (their pointwise intervals treat the weights as
        frequencies and are indicative only).
    programme, comparison : float
        Weighted recidivism 1 − S(t) at the window.
    adjusted_difference : Estimate
        programme − comparison, weighted, with a bootstrap percentile interval.
    crude_difference : Estimate
        The same without weights (bootstrap interval from the same replicates).
    cox : CoxResult
        Cox model of the programme indicator and the covariates.
    bootstrap : int
        Replicates used (those whose propensity model could be fitted).
    statement : str
    """

    follow_up_days: float
    labels: tuple[str, str]
    propensity: PropensityScores
    weights: Weights
    balance: BalanceTable
    programme_curve: SurvivalCurve
    comparison_curve: SurvivalCurve
    programme: float
    comparison: float
    adjusted_difference: Estimate
    crude_difference: Estimate
    cox: CoxResult
    bootstrap: int
    statement: str = ""

    def _columns(self) -> dict[str, Any]:
        hr = self.cox.hazard_ratios[self.cox.names[0]]
        rows = [
            (
                f"recidivism {self.labels[0]} (weighted)",
                self.programme,
                None,
                None,
                "Kaplan-Meier, IPW",
            ),
            (
                f"recidivism {self.labels[1]} (weighted)",
                self.comparison,
                None,
                None,
                "Kaplan-Meier, IPW",
            ),
            ("adjusted difference", *self._triple(self.adjusted_difference)),
            ("crude difference", *self._triple(self.crude_difference)),
            ("hazard ratio (Cox, covariate-adjusted)", hr.value, hr.lower, hr.upper, hr.method),
        ]
        return {
            "quantity": [r[0] for r in rows],
            "value": [r[1] for r in rows],
            "lower": [r[2] for r in rows],
            "upper": [r[3] for r in rows],
            "method": [r[4] for r in rows],
        }

    @staticmethod
    def _triple(e: Estimate) -> tuple[Any, Any, Any, str]:
        return e.value, e.lower, e.upper, e.method


def _adjusted(
    d: np.ndarray,
    e: np.ndarray,
    t: np.ndarray,
    matrix: np.ndarray,
    keys: tuple[str, ...],
    *,
    horizon: float,
    stabilised: bool,
    lower: float,
    upper: float,
    bootstrap: int,
    seed: int,
    confidence: float,
    labels: tuple[str, str],
) -> AdjustedComparison:
    if t.min() == t.max():
        raise InputError(
            "adjusted_comparison: every row of 'treated' is in the same group; both a programme "
            "and a comparison group are needed"
        )
    for flag, label in ((1, labels[0]), (0, labels[1])):
        longest = d[t == flag].max()
        if horizon > longest:
            raise InputError(
                f"follow_up ({horizon:g} days) is beyond the longest follow-up of the {label} "
                f"group ({longest:g} days in 'durations')"
            )
    ps = fit_propensity(t, matrix, keys, confidence)
    w = ip_weights(t, ps.scores, stabilised=stabilised, lower=lower, upper=upper)
    table = balance(matrix, t, w.weights, keys)
    a, b = t == 1, t == 0
    curve_p = kaplan_meier(d[a], e[a], weights=w.weights[a], confidence=confidence)
    curve_c = kaplan_meier(d[b], e[b], weights=w.weights[b], confidence=confidence)
    f_p = weighted_recidivism(d[a], e[a], w.weights[a], horizon)
    f_c = weighted_recidivism(d[b], e[b], w.weights[b], horizon)
    crude_p = weighted_recidivism(d[a], e[a], np.ones(a.sum()), horizon)
    crude_c = weighted_recidivism(d[b], e[b], np.ones(b.sum()), horizon)
    rng = np.random.default_rng(seed)
    adjusted_draws, crude_draws = [], []
    n = d.size
    # Resample from the rows in a canonical order (the programme group first, each group in
    # its given order), so that a seed gives the same replicates however the groups are
    # interleaved: adjusted_comparison and compare_programmes(adjust_for=) agree.
    canonical = np.argsort(-t, kind="stable")
    for _ in range(bootstrap):
        idx = canonical[rng.integers(0, n, n)]
        tb = t[idx]
        if tb.min() == tb.max():
            continue
        try:
            psb = fit_propensity(tb, matrix[idx], keys, confidence, odds_ratios=False)
        except InputError:
            continue
        wb = ip_weights(tb, psb.scores, stabilised=stabilised, lower=lower, upper=upper).weights
        db, eb = d[idx], e[idx]
        ab, bb = tb == 1, tb == 0
        adjusted_draws.append(
            weighted_recidivism(db[ab], eb[ab], wb[ab], horizon)
            - weighted_recidivism(db[bb], eb[bb], wb[bb], horizon)
        )
        crude_draws.append(
            weighted_recidivism(db[ab], eb[ab], np.ones(ab.sum()), horizon)
            - weighted_recidivism(db[bb], eb[bb], np.ones(bb.sum()), horizon)
        )
    alpha = 1.0 - confidence

    def percentile(draws: list[float], value: float, what: str) -> Estimate:
        if len(draws) < 2:
            warnings.warn(
                f"adjusted_comparison: {len(draws)} bootstrap replicates of {bootstrap} could be "
                f"fitted; the {what} has no interval (NaN)",
                DataQualityWarning,
                stacklevel=4,
            )
            return Estimate(value, float("nan"), float("nan"), confidence, f"{what} (no bootstrap)")
        low, high = np.quantile(draws, [alpha / 2, 1 - alpha / 2])
        return Estimate(
            value,
            float(low),
            float(high),
            confidence,
            f"{what}, bootstrap percentile interval ({len(draws)} replicates)",
        )

    adjusted = percentile(adjusted_draws, f_p - f_c, "weighted Kaplan-Meier difference (IPW)")
    crude = percentile(crude_draws, crude_p - crude_c, "Kaplan-Meier difference (unweighted)")
    varying = [j for j in range(matrix.shape[1]) if np.ptp(matrix[:, j]) > 0]
    cox_columns = {"programme": t}
    cox_columns.update({keys[j]: matrix[:, j] for j in varying})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cox = proportional_hazards(d, e, cox_columns, confidence=confidence)
    for item in caught:  # the fit's chatter stays quiet; a test that is NaN is said
        if issubclass(item.category, DataQualityWarning) and "undefined" in str(item.message):
            warnings.warn(f"adjusted_comparison: {item.message}", DataQualityWarning, stacklevel=3)
    return AdjustedComparison(
        follow_up_days=horizon,
        labels=labels,
        propensity=ps,
        weights=w,
        balance=table,
        programme_curve=curve_p,
        comparison_curve=curve_c,
        programme=f_p,
        comparison=f_c,
        adjusted_difference=adjusted,
        crude_difference=crude,
        cox=cox,
        bootstrap=len(adjusted_draws),
    )


def describe(c: AdjustedComparison) -> str:
    """The statement of an adjusted comparison, in words."""
    hr = c.cox.hazard_ratios["programme"]
    pct = f"{100 * c.adjusted_difference.confidence:g} %"
    smd = c.balance.smd_after
    worst = float(np.max(np.abs(smd))) if smd is not None and smd.size else 0.0
    w = c.weights
    a = c.adjusted_difference
    return (
        f"Within {c.follow_up_days:g} days, weighted to balance {', '.join(c.balance.names)}: "
        f"{c.labels[0]} {100 * c.programme:.1f} %, {c.labels[1]} {100 * c.comparison:.1f} % "
        f"(inverse-probability weights, {'stabilised, ' if w.stabilised else ''}scores "
        f"truncated to [{w.bounds[0]:g}, {w.bounds[1]:g}], {w.truncated} truncated); adjusted "
        f"difference {100 * a.value:+.1f} points ({pct} CI {100 * a.lower:+.1f} to "
        f"{100 * a.upper:+.1f}); crude difference {100 * c.crude_difference.value:+.1f} points. "
        f"Largest |SMD| after weighting {worst:.2f}"
        + (
            f" (imbalanced: {', '.join(c.balance.imbalanced)})"
            if c.balance.imbalanced
            else " (balanced)"
        )
        + f". Cox hazard ratio for the programme, adjusted for the covariates: {hr.value:.3g} "
        f"({pct} CI {hr.lower:.3g} to {hr.upper:.3g}); proportional-hazards test for the "
        f"programme p = {c.cox.proportional_hazards_tests['programme'].p_value:.3g}. The "
        "weighted comparison estimates the difference for the whole cohort had everyone taken "
        "part or not (an average effect). What this cannot show: weighting balances recorded "
        "covariates only; anything unrecorded that led people into the programme and affects "
        "reoffending (motivation, selection by staff) still biases the comparison."
    )


def _keys(names: Any, p: int) -> tuple[str, ...]:
    keys = tuple(names) if names is not None else tuple(f"x{i + 1}" for i in range(p))
    if len(keys) != p:
        raise InputError(f"names has {len(keys)} names for {p} covariate column(s)")
    return keys


def _named(covariates: Any, names: Any = None) -> tuple[np.ndarray, tuple[str, ...]]:
    value, found = covariate_matrix(covariates, names)
    matrix = np.asarray(value, dtype=float)
    if matrix.ndim == 1:
        matrix = matrix[:, None]
    return matrix, _keys(found, matrix.shape[1])


@accepts_named_columns("covariates")
@calculator(
    elementwise=False,
    durations=Duration(),
    events=Indicator(),
    treated=Indicator(),
    covariates=Number(ndim=(1, 2)),
    follow_up=Duration(aligned=False, ndim=(0,)),
    stabilised=Flag(),
    lower=Share(aligned=False, ndim=(0,)),
    upper=Share(aligned=False, ndim=(0,)),
    bootstrap=Size(lower=0, upper=100_000),
    seed=Size(lower=0, upper=2**32 - 1),
    names=Names(optional=True),
    confidence=Confidence(),
    example={
        "durations": [30, 200, 365, 365, 90, 365, 20, 60, 100, 365, 365, 150, 45, 365],
        "events": [1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0],
        "treated": [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        "covariates": [2, 0, 1, 0, 3, 1, 4, 3, 2, 1, 0, 5, 3, 1],
        "follow_up": 365,
        "bootstrap": 20,
    },
)
def adjusted_comparison(
    durations: Any,
    events: Any,
    treated: Any,
    covariates: Any,
    *,
    follow_up: Any,
    stabilised: bool = True,
    lower: float = 0.01,
    upper: float = 0.99,
    bootstrap: int = 200,
    seed: int = 0,
    names: Any = None,
    confidence: float = 0.95,
    nan_policy: str = "raise",
) -> AdjustedComparison:
    """Recidivism of a programme group against a comparison group, adjusted by weighting.

    Parameters
    ----------
    durations : array-like
        Days from release to the event or censoring [days].
    events : array-like of 0/1
        1 = reoffended at that time (by the cohort's definition), 0 = censored.
    treated : array-like of 0/1
        1 for programme participants.
    covariates : array-like (n,) or (n, p), mapping of name to column, or DataFrame
        Characteristics recorded before the programme (age, prior convictions, offence,
        sentence length...).
    follow_up : float or Quantity
        The window [days].
    stabilised : bool
        Stabilised weights (True by default).
    lower, upper : float
        Propensity scores are truncated to [lower, upper] (0.01, 0.99).
    bootstrap : int
        Bootstrap replicates for the intervals (200; 0 for none).
    seed : int
        Seed of the bootstrap (reproducible results).
    names : str or list of str, optional
        Covariate names.
    confidence : float
        0.95 or 95.
    nan_policy : {"raise", "omit"}
        ``"omit"`` analyses the complete cases: people with a missing duration, event,
        group or covariate are dropped (a DataQualityWarning says how many). A choice, not a
        default: the comparison is then of the people with complete records.

    Returns
    -------
    AdjustedComparison
        Propensity model, weights, balance table, weighted curves, adjusted and crude
        differences at the window with intervals, the Cox model, ``statement``.

    Raises
    ------
    InputError
        One group only; a window beyond a group's longest follow-up; covariates that
        separate the groups.

    Notes
    -----
    Weighted Kaplan-Meier: ``S_w(t) = Π_{t_j ≤ t} (1 − Σ_{events at t_j} w / Σ_{at risk} w)``
    (Xie and Liu 2005); the difference's interval is the bootstrap percentile interval,
    resampling people and refitting the propensity model in each replicate, so it carries the
    uncertainty of the weights. The replicates are drawn from the programme group's rows
    followed by the comparison group's (each in its given order), so the interval for a seed
    does not depend on how the two groups' rows are interleaved. The Cox hazard ratio is adjusted by regression on the same
    covariates (not weighted), a second, different adjustment.

    References
    ----------
    Xie J, Liu C. Adjusted Kaplan-Meier estimator and log-rank test with inverse probability of
    treatment weighting for survival data. Stat Med 2005;24:3089-3110. Austin PC, Stuart EA.
    Stat Med 2015;34:3661-3679. Cole SR, Hernán MA. Am J Epidemiol 2008;168:656-664.

    Examples
    --------
    >>> import warnings
    >>> from dpssec.errors import DataQualityWarning
    >>> from dpssec.evaluation import adjusted_comparison
    >>> warnings.simplefilter("ignore", DataQualityWarning)  # bootstrap=0: no interval
    >>> c = adjusted_comparison([30, 200, 365, 90, 20, 60, 365, 150], [1, 0, 0, 1, 1, 1, 0, 1],
    ...                         [1, 1, 1, 1, 0, 0, 0, 0], {"prior": [2, 0, 1, 3, 4, 3, 1, 5]},
    ...                         follow_up=365, bootstrap=0)
    >>> round(c.crude_difference.value, 2)
    -0.25
    """
    d = np.asarray(durations, dtype=float)
    e = np.asarray(events, dtype=float)
    t = np.asarray(treated, dtype=float)
    matrix = np.asarray(covariates, dtype=float)
    if matrix.ndim == 1:
        matrix = matrix[:, None]
    keys = _keys(names, matrix.shape[1])
    result = _adjusted(
        d,
        e,
        t,
        matrix,
        keys,
        horizon=float(follow_up),
        stabilised=stabilised,
        lower=lower,
        upper=upper,
        bootstrap=bootstrap,
        seed=seed,
        confidence=confidence,
        labels=("programme", "comparison"),
    )
    return attrs.evolve(result, statement=describe(result))


def compare_groups(
    programme: tuple[Any, Any],
    comparison: tuple[Any, Any],
    adjust_for: tuple[Any, Any],
    *,
    follow_up: float,
    confidence: float = 0.95,
    labels: tuple[str, str] = ("programme", "comparison"),
    bootstrap: int = 200,
    seed: int = 0,
) -> AdjustedComparison:
    """:func:`adjusted_comparison` for two groups given separately.

    Parameters
    ----------
    programme, comparison : (durations, events)
        Checked arrays of each group [days].
    adjust_for : (covariates of the programme group, covariates of the comparison group)
        Each a mapping of name to column, a DataFrame or an array (rows = people of that
        group, same covariates in the same order).
    follow_up : float
        The window [days].

    Returns
    -------
    AdjustedComparison
    """
    if not (isinstance(adjust_for, tuple | list) and len(adjust_for) == 2):
        raise InputError(
            "adjust_for must be a pair (covariates of the programme group, covariates of the "
            "comparison group), e.g. ({'age': ages_p}, {'age': ages_c})"
        )
    xp, keys_p = _named(adjust_for[0])
    xc, keys_c = _named(adjust_for[1])
    if keys_p != keys_c:
        raise InputError(
            f"adjust_for: the two groups have different covariates ({keys_p} vs {keys_c})"
        )
    result: AdjustedComparison = adjusted_comparison(
        np.concatenate([np.asarray(programme[0], float), np.asarray(comparison[0], float)]),
        np.concatenate([np.asarray(programme[1], float), np.asarray(comparison[1], float)]),
        np.concatenate([np.ones(len(xp)), np.zeros(len(xc))]),
        np.vstack([xp, xc]),
        names=list(keys_p),
        follow_up=follow_up,
        confidence=confidence,
        bootstrap=bootstrap,
        seed=seed,
    )
    relabelled = attrs.evolve(result, labels=labels)
    return attrs.evolve(relabelled, statement=describe(relabelled))
