"""Propensity scores, inverse-probability weights and covariate balance.

When people were not allocated to a programme at random, the comparison group can be
reweighted to resemble the programme group on recorded covariates:

* :func:`propensity_scores`: P(programme | covariates) by logistic regression (statsmodels);
* :func:`inverse_probability_weights`: weights 1/e for participants and 1/(1 − e) for the
  others, stabilised by the marginal shares (Robins, Hernán and Brumback 2000) and with the
  scores truncated at stated bounds;
* :func:`balance_table`: standardised mean differences of each covariate before and after
  weighting (an absolute SMD below 0.1 is the usual mark of balance, Austin 2009).

For example:

>>> from dpssec.evaluation import balance_table, inverse_probability_weights, propensity_scores
>>> treated = [1, 1, 1, 0, 0, 0, 0, 1, 0, 0]
>>> age = [22, 25, 31, 40, 35, 28, 45, 24, 38, 30]
>>> ps = propensity_scores(treated, {"age": age})
>>> w = inverse_probability_weights(treated, ps.scores)
>>> table = balance_table({"age": age}, treated, weights=w.weights)
>>> round(float(table.smd_before[0]), 2), bool(abs(table.smd_after[0]) < abs(table.smd_before[0]))
(-2.0, True)
"""

from __future__ import annotations

import warnings
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Flag,
    Indicator,
    Names,
    Number,
    Share,
    calculator,
    example_by,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.evaluation.inputs import accepts_named_columns, collinear_covariate
from dpssec.evaluation.results import CoefficientEstimate, array_field, coefficient_estimate
from dpssec.rendering import ResultMixin

__all__ = [
    "BalanceTable",
    "PropensityScores",
    "Weights",
    "balance_table",
    "inverse_probability_weights",
    "propensity_scores",
]


def _matrix(covariates: Any, names: Any) -> tuple[np.ndarray, tuple[str, ...]]:
    matrix = np.asarray(covariates, dtype=float)
    if matrix.ndim == 1:
        matrix = matrix[:, None]
    keys = tuple(names) if names is not None else tuple(f"x{i + 1}" for i in range(matrix.shape[1]))
    if len(keys) != matrix.shape[1]:
        raise InputError(f"names has {len(keys)} names for {matrix.shape[1]} covariate column(s)")
    return matrix, keys


@example_by("propensity_scores")
@attrs.frozen(kw_only=True, eq=False)
class PropensityScores(ResultMixin):
    """Propensity scores from a logistic regression of programme membership.

    Attributes
    ----------
    scores : ndarray
        P(programme | covariates) of each person.
    names : tuple of str
        Covariates in the model (those that vary).
    odds_ratios : dict of str to CoefficientEstimate
        Odds ratio of programme membership per unit of each covariate.
    dropped : tuple of str
        Covariates left out because they do not vary (they cannot predict anything).
    """

    scores: np.ndarray = array_field()
    names: tuple[str, ...]
    odds_ratios: dict[str, CoefficientEstimate]
    dropped: tuple[str, ...] = ()

    def _columns(self) -> dict[str, Any]:
        return {
            "covariate": list(self.names),
            "odds_ratio": [self.odds_ratios[k].value for k in self.names],
            "lower": [self.odds_ratios[k].lower for k in self.names],
            "upper": [self.odds_ratios[k].upper for k in self.names],
        }


def fit_propensity(
    treated: np.ndarray,
    matrix: np.ndarray,
    keys: tuple[str, ...],
    confidence: float = 0.95,
    *,
    odds_ratios: bool = True,
) -> PropensityScores:
    """The logistic model behind :func:`propensity_scores` (checked arrays in).

    ``odds_ratios=False`` skips the odds-ratio table (bootstrap replicates need the scores only).
    """
    import statsmodels.api as sm

    if treated.size and np.ptp(treated) == 0:
        raise InputError(
            "propensity_scores: every row of 'treated' is in the same group; both treated "
            "and untreated rows are needed"
        )
    varying = [j for j in range(matrix.shape[1]) if np.ptp(matrix[:, j]) > 0]
    dropped = tuple(keys[j] for j in range(matrix.shape[1]) if j not in varying)
    collinear = collinear_covariate(matrix[:, varying], tuple(keys[j] for j in varying))
    if collinear is not None:
        raise InputError(
            f"propensity_scores: covariate {collinear[0]!r} is a linear combination of "
            f"{', '.join(repr(k) for k in collinear[1])}; the model cannot tell them apart: "
            "drop one"
        )
    design = np.column_stack([np.ones(treated.size), matrix[:, varying]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fit = sm.Logit(treated, design).fit(disp=0, maxiter=200)
        except Exception as exc:  # statsmodels raises its own PerfectSeparationError
            raise InputError(
                "propensity_scores: the covariates separate the groups perfectly (someone's "
                "membership is certain), so weights cannot be formed; drop or coarsen a "
                f"covariate ({type(exc).__name__})"
            ) from None
    scores = np.asarray(fit.predict(design), dtype=float)
    if np.any((scores < 1e-8) | (scores > 1 - 1e-8)):
        raise InputError(
            "propensity_scores: some scores are 0 or 1 (the covariates almost separate the "
            "groups); weights would be extreme; drop or coarsen a covariate"
        )
    names = tuple(keys[j] for j in varying)
    if not odds_ratios:
        return PropensityScores(scores=scores, names=names, odds_ratios={}, dropped=dropped)
    bse = np.sqrt(np.diag(np.asarray(fit.cov_params())))
    odds = {
        name: coefficient_estimate(
            fit.params[i + 1],
            bse[i + 1],
            confidence=confidence,
            ratio=True,
            method="logistic regression (statsmodels Logit)",
        )
        for i, name in enumerate(names)
    }
    return PropensityScores(scores=scores, names=names, odds_ratios=odds, dropped=dropped)


@accepts_named_columns("covariates")
@calculator(
    elementwise=False,
    nan_policies=("raise",),
    treated=Indicator(),
    covariates=Number(ndim=(1, 2)),
    names=Names(optional=True),
    example={
        "treated": [1, 1, 1, 0, 0, 0, 0, 1, 0, 0],
        "covariates": [22, 25, 31, 40, 35, 28, 45, 24, 38, 30],
    },
)
def propensity_scores(
    treated: Any, covariates: Any, *, names: Any = None, nan_policy: str = "raise"
) -> PropensityScores:
    """Propensity scores P(programme | covariates) by logistic regression.

    Parameters
    ----------
    treated : array-like of 0/1
        1 for programme participants.
    covariates : array-like (n,) or (n, p), mapping of name to column, or DataFrame
        Characteristics recorded before the programme began (never ones it could change).
    names : str or list of str, optional
        Covariate names (a mapping's keys or a DataFrame's columns otherwise).
    nan_policy : {"raise"}
        One score per person is returned, so rows are not dropped here: select the complete
        cases first (:func:`adjusted_comparison` and :func:`balance_table` offer ``"omit"``).

    Returns
    -------
    PropensityScores
        ``scores``, the odds ratios of the model, and the covariates ``dropped`` because
        they do not vary.

    Raises
    ------
    InputError
        Covariates that separate the groups (a score of 0 or 1).

    Notes
    -----
    ``logit P(T = 1 | x) = a + bᵀx`` by maximum likelihood (statsmodels ``Logit``).

    References
    ----------
    Rosenbaum PR, Rubin DB. The central role of the propensity score in observational studies
    for causal effects. Biometrika 1983;70:41-55.

    Examples
    --------
    >>> from dpssec.evaluation import propensity_scores
    >>> ps = propensity_scores([1, 1, 1, 0, 0, 0, 0, 1, 0, 0],
    ...                        {"age": [22, 25, 31, 40, 35, 28, 45, 24, 38, 30]})
    >>> round(float(ps.scores[0]), 3), round(ps.odds_ratios["age"].value, 3)
    (0.963, 0.618)
    """
    matrix, keys = _matrix(covariates, names)
    return fit_propensity(np.asarray(treated, dtype=float), matrix, keys)


@example_by("inverse_probability_weights")
@attrs.frozen(kw_only=True, eq=False)
class Weights(ResultMixin):
    """Inverse-probability-of-treatment weights.

    Attributes
    ----------
    weights : ndarray
        One weight per person.
    stabilised : bool
        Whether the weights are multiplied by the marginal share of the person's group.
    bounds : tuple of float
        The propensity scores were truncated to this range before weighting.
    truncated : int
        How many scores were moved to a bound.
    effective_sizes : tuple of float
        Kish's effective sample size (Σw)²/Σw² of the programme and the comparison group.
    """

    weights: np.ndarray = array_field()
    stabilised: bool
    bounds: tuple[float, float]
    truncated: int
    effective_sizes: tuple[float, float]

    def _columns(self) -> dict[str, Any]:
        return {
            "stabilised": self.stabilised,
            "bounds": f"{self.bounds[0]:g}-{self.bounds[1]:g}",
            "truncated": self.truncated,
            "effective_size_programme": self.effective_sizes[0],
            "effective_size_comparison": self.effective_sizes[1],
            "max_weight": float(self.weights.max()),
        }


def ip_weights(
    treated: np.ndarray, scores: np.ndarray, *, stabilised: bool, lower: float, upper: float
) -> Weights:
    """The weights of :func:`inverse_probability_weights` (checked arrays in)."""
    if not 0 < lower <= upper < 1:  # a score truncated to 0 or 1 gives an infinite weight
        raise InputError(
            "parameters 'lower' and 'upper' must satisfy 0 < lower <= upper < 1; got "
            f"lower={lower:g}, upper={upper:g}"
        )
    clipped = np.clip(scores, lower, upper)
    truncated = int(np.count_nonzero(clipped != scores))
    share = treated.mean() if stabilised else 1.0
    other = (1.0 - treated.mean()) if stabilised else 1.0
    weights = np.where(treated == 1, share / clipped, other / (1.0 - clipped))

    def kish(mask: np.ndarray) -> float:
        w = weights[mask]
        return float(w.sum() ** 2 / np.sum(w**2)) if w.size else 0.0

    return Weights(
        weights=weights,
        stabilised=stabilised,
        bounds=(lower, upper),
        truncated=truncated,
        effective_sizes=(kish(treated == 1), kish(treated == 0)),
    )


@calculator(
    elementwise=False,
    nan_policies=("raise",),
    treated=Indicator(),
    scores=Share(),
    stabilised=Flag(),
    lower=Share(aligned=False, ndim=(0,)),
    upper=Share(aligned=False, ndim=(0,)),
    example={
        "treated": [1, 1, 1, 0, 0, 0, 0, 1, 0, 0],
        "scores": [0.8, 0.7, 0.5, 0.2, 0.3, 0.55, 0.1, 0.75, 0.25, 0.5],
    },
)
def inverse_probability_weights(
    treated: Any,
    scores: Any,
    *,
    stabilised: bool = True,
    lower: float = 0.01,
    upper: float = 0.99,
    nan_policy: str = "raise",
) -> Weights:
    """Inverse-probability-of-treatment weights, stabilised and with truncated scores.

    Parameters
    ----------
    treated : array-like of 0/1
        1 for programme participants.
    scores : array-like
        Propensity scores in [0, 1].
    stabilised : bool
        Multiply by the marginal share of each group, P(T = 1) for participants and
        P(T = 0) for the others, so the weights average about 1 (True by default).
    lower, upper : float
        Scores are truncated to [lower, upper] first (0.01 and 0.99 by default), which bounds
        the weights; the result says how many scores were moved.
    nan_policy : {"raise"}
        One weight per person is returned, so rows are not dropped here.

    Returns
    -------
    Weights
        ``weights``, the bounds, how many scores were truncated and Kish's effective sizes.

    Raises
    ------
    InputError
        ``lower >= upper``; only one group present.

    Warns
    -----
    DataQualityWarning
        An effective size below half the group size (a few people carry the comparison).

    Notes
    -----
    ``w = P(T=1)/e`` for participants and ``P(T=0)/(1 − e)`` for the others (stabilised),
    ``1/e`` and ``1/(1 − e)`` otherwise, e the truncated score.

    References
    ----------
    Robins JM, Hernán MA, Brumback B. Marginal structural models and causal inference in
    epidemiology. Epidemiology 2000;11:550-560. Cole SR, Hernán MA. Constructing inverse
    probability weights for marginal structural models. Am J Epidemiol 2008;168:656-664.

    Examples
    --------
    >>> from dpssec.evaluation import inverse_probability_weights
    >>> w = inverse_probability_weights([1, 0, 1, 0], [0.8, 0.2, 0.5, 0.5])
    >>> w.weights.round(3).tolist()
    [0.625, 0.625, 1.0, 1.0]
    """
    if not lower < upper:
        raise InputError(f"lower ({lower:g}) must be below upper ({upper:g})")
    t = np.asarray(treated, dtype=float)
    if t.min() == t.max():
        raise InputError(
            "inverse_probability_weights: every row of 'treated' is in the same group; both "
            "treated and untreated rows are needed"
        )
    result = ip_weights(
        t, np.asarray(scores, dtype=float), stabilised=stabilised, lower=lower, upper=upper
    )
    sizes = (float(np.sum(t == 1)), float(np.sum(t == 0)))
    small = [e < 0.5 * n for e, n in zip(result.effective_sizes, sizes, strict=True)]
    if any(small):
        warnings.warn(
            "inverse_probability_weights: the effective size of the "
            + ("programme" if small[0] else "comparison")
            + " group is below half its size: a few people carry the weighted comparison",
            DataQualityWarning,
            stacklevel=3,
        )
    return result


@example_by("balance_table")
@attrs.frozen(kw_only=True, eq=False)
class BalanceTable(ResultMixin):
    """Covariate balance between programme and comparison, before and after weighting.

    Attributes
    ----------
    names : tuple of str
    mean_programme, mean_comparison : ndarray
        Unweighted means.
    smd_before : ndarray
        Standardised mean differences (programme − comparison) / pooled SD.
    weighted_mean_programme, weighted_mean_comparison, smd_after : ndarray or None
        The same with the weights (the denominator stays the unweighted pooled SD, so the
        two SMDs are on one scale).
    threshold : float
        Absolute SMD above which a covariate is called imbalanced (0.1).
    """

    names: tuple[str, ...]
    mean_programme: np.ndarray = array_field()
    mean_comparison: np.ndarray = array_field()
    smd_before: np.ndarray = array_field()
    weighted_mean_programme: np.ndarray | None = array_field(optional=True)
    weighted_mean_comparison: np.ndarray | None = array_field(optional=True)
    smd_after: np.ndarray | None = array_field(optional=True)
    threshold: float = 0.1

    @property
    def imbalanced(self) -> tuple[str, ...]:
        """Covariates with an absolute SMD above the threshold after weighting (before, without weights)."""
        smd = self.smd_after if self.smd_after is not None else self.smd_before
        return tuple(n for n, d in zip(self.names, smd, strict=True) if abs(d) > self.threshold)

    def _columns(self) -> dict[str, Any]:
        columns: dict[str, Any] = {
            "covariate": list(self.names),
            "mean_programme": self.mean_programme,
            "mean_comparison": self.mean_comparison,
            "smd_before": self.smd_before,
        }
        if self.smd_after is not None:
            columns["smd_after"] = self.smd_after
        return columns


def balance(
    matrix: np.ndarray, treated: np.ndarray, weights: np.ndarray | None, keys: tuple[str, ...]
) -> BalanceTable:
    """The table of :func:`balance_table` (checked arrays in)."""
    a, b = treated == 1, treated == 0
    m1, m0 = matrix[a].mean(axis=0), matrix[b].mean(axis=0)
    v1 = matrix[a].var(axis=0, ddof=1) if a.sum() > 1 else np.zeros(matrix.shape[1])
    v0 = matrix[b].var(axis=0, ddof=1) if b.sum() > 1 else np.zeros(matrix.shape[1])
    pooled = np.sqrt((v1 + v0) / 2.0)
    safe = np.where(pooled > 0, pooled, 1.0)
    before = np.where(pooled > 0, (m1 - m0) / safe, 0.0)
    if weights is None:
        return BalanceTable(names=keys, mean_programme=m1, mean_comparison=m0, smd_before=before)
    w1, w0 = weights[a], weights[b]
    wm1 = (w1[:, None] * matrix[a]).sum(axis=0) / w1.sum()
    wm0 = (w0[:, None] * matrix[b]).sum(axis=0) / w0.sum()
    after = np.where(pooled > 0, (wm1 - wm0) / safe, 0.0)
    return BalanceTable(
        names=keys,
        mean_programme=m1,
        mean_comparison=m0,
        smd_before=before,
        weighted_mean_programme=wm1,
        weighted_mean_comparison=wm0,
        smd_after=after,
    )


@accepts_named_columns("covariates")
@calculator(
    elementwise=False,
    covariates=Number(ndim=(1, 2)),
    treated=Indicator(),
    weights=Number(lower=0, optional=True),
    names=Names(optional=True),
    example={
        "covariates": [22, 25, 31, 40, 35, 28, 45, 24, 38, 30],
        "treated": [1, 1, 1, 0, 0, 0, 0, 1, 0, 0],
        "weights": [1.2, 0.8, 0.9, 1.1, 1.0, 1.3, 0.7, 0.9, 1.0, 1.1],
    },
)
def balance_table(
    covariates: Any,
    treated: Any,
    *,
    weights: Any = None,
    names: Any = None,
    nan_policy: str = "raise",
) -> BalanceTable:
    """Standardised mean differences of the covariates, before and after weighting.

    Parameters
    ----------
    covariates : array-like (n,) or (n, p), mapping of name to column, or DataFrame
    treated : array-like of 0/1
    weights : array-like, optional
        Weights (inverse-probability weights); without them only "before" is computed.
    names : str or list of str, optional
    nan_policy : {"raise", "omit"}
        ``"omit"`` compares the rows with no missing covariate, treatment or weight (a
        DataQualityWarning says how many were dropped).

    Returns
    -------
    BalanceTable

    Notes
    -----
    ``SMD = (x̄_1 − x̄_0) / sqrt((s_1² + s_0²)/2)`` with the unweighted variances in the
    denominator both before and after weighting (Austin and Stuart 2015), weighted means after.
    A binary covariate's SMD uses the same formula (its variance is p(1 − p)·n/(n − 1)).

    References
    ----------
    Austin PC. Balance diagnostics for comparing the distribution of baseline covariates
    between treatment groups in propensity-score matched samples. Stat Med
    2009;28:3083-3107. Austin PC, Stuart EA. Moving towards best practice when using inverse
    probability of treatment weighting (IPTW). Stat Med 2015;34:3661-3679.

    Examples
    --------
    >>> from dpssec.evaluation import balance_table
    >>> t = balance_table({"prior": [3, 4, 1, 0]}, [1, 1, 0, 0])
    >>> round(float(t.smd_before[0]), 3)
    4.243
    """
    matrix, keys = _matrix(covariates, names)
    t = np.asarray(treated, dtype=float)
    if t.size and np.ptp(t) == 0:
        raise InputError(
            "balance_table: every row of 'treated' is in the same group; both treated and "
            "untreated rows are needed"
        )
    w = None if weights is None else np.asarray(weights, dtype=float)
    if w is not None:
        for label, group in (("treated", t == 1), ("untreated", t == 0)):
            if not np.any(np.broadcast_to(w, t.shape)[group] > 0):
                raise InputError(
                    f"parameter 'weights': every {label} row has weight 0; the weighted means "
                    "are undefined"
                )
    return balance(matrix, t, w, keys)
