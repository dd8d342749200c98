"""Cox proportional hazards: how much faster do some people reoffend, other things equal?

:func:`proportional_hazards` fits the Cox model with statsmodels (``PHReg``, Efron or
Breslow ties) and reports, keyed by covariate name, the coefficients and the hazard ratios
with Wald intervals, the likelihood-ratio test of the model, and a check of the proportional
hazards assumption: Grambsch and Therneau's test of the scaled Schoenfeld residuals against
the rank of the event time, per covariate and globally (the approximation R's
``cox.zph`` used before survival 3.0, and lifelines uses).

For example, the recidivism of 432 prisoners released in Maryland (Rossi, Berk and Lenihan
1980), the model of Fox and Weisberg's appendix on Cox regression:

>>> from dpssec.evaluation import proportional_hazards
>>> from dpssec.evaluation.examples import rossi
>>> data = rossi()
>>> cox = proportional_hazards(data["week"], data["arrest"],
...                            {k: data[k] for k in ("fin", "age", "race", "wexp", "mar",
...                                                  "paro", "prio")})
>>> round(cox.coefficients["fin"].value, 5), round(cox.hazard_ratios["fin"].value, 5)
(-0.37942, 0.68426)
>>> round(cox.likelihood_ratio_test.statistic, 2)
33.27
"""

from __future__ import annotations

import warnings
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Duration,
    Indicator,
    Names,
    Number,
    calculator,
    example_by,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.evaluation.inputs import accepts_named_columns, collinear_covariate
from dpssec.evaluation.results import CoefficientEstimate, coefficient_estimate
from dpssec.rendering import ResultMixin
from dpssec.stats import TestResult

__all__ = ["CoxResult", "TIES", "proportional_hazards", "schoenfeld_residuals"]

TIES = ("efron", "breslow")
"""Approximations of the partial likelihood for tied event times."""


def schoenfeld_residuals(
    durations: np.ndarray,
    events: np.ndarray,
    covariates: np.ndarray,
    coefficients: np.ndarray,
    ties: str = "efron",
) -> np.ndarray:
    """Schoenfeld residuals x_i − E[x | risk set at t_i] of the events (rows in input order).

    With Efron's ties, the expectation for the d events tied at t is the average over
    l = 0..d − 1 of (R1 − (l/d)·D1)/(R0 − (l/d)·D0), R the risk-set and D the tied-event
    weighted sums (as R survival and lifelines compute it). Rows without an event get NaN.
    """
    matrix = np.asarray(covariates, dtype=float)
    w = np.exp(matrix @ coefficients)
    times, inverse = np.unique(durations, return_inverse=True)
    m, p = times.size, matrix.shape[1]
    dead = events == 1

    def by_time(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return np.bincount(inverse[mask], weights=values[mask], minlength=m)

    at_time0 = by_time(w, np.ones_like(dead))
    at_time1 = np.column_stack([by_time(w * matrix[:, j], np.ones_like(dead)) for j in range(p)])
    risk0 = np.cumsum(at_time0[::-1])[::-1]
    risk1 = np.cumsum(at_time1[::-1], axis=0)[::-1]
    d = np.bincount(inverse[dead], minlength=m)
    if ties == "breslow":
        expected = risk1 / np.where(risk0 > 0, risk0, 1.0)[:, None]
    else:
        tied0 = by_time(w, dead)
        tied1 = np.column_stack([by_time(w * matrix[:, j], dead) for j in range(p)])
        steps = np.arange(max(int(d.max()), 1))
        valid = steps[None, :] < d[:, None]
        frac = np.where(valid, steps[None, :] / np.maximum(d, 1)[:, None], 0.0)
        den = risk0[:, None] - frac * tied0[:, None]
        num = risk1[:, None, :] - frac[..., None] * tied1[:, None, :]
        ratio = np.where(valid[..., None], num / np.where(den > 0, den, 1.0)[..., None], 0.0)
        expected = ratio.sum(axis=1) / np.maximum(d, 1)[:, None]
    residuals = np.full(matrix.shape, np.nan)
    residuals[dead] = matrix[dead] - expected[inverse[dead]]
    return residuals


def _ph_tests(
    durations: np.ndarray,
    events: np.ndarray,
    residuals: np.ndarray,
    covariance: np.ndarray,
    names: tuple[str, ...],
) -> tuple[dict[str, TestResult], TestResult]:
    from scipy import stats

    dead = events == 1
    event_times = np.sort(durations[dead])
    t = durations[dead]
    rank = (
        np.searchsorted(event_times, t, "left") + np.searchsorted(event_times, t, "right") + 1
    ) / 2.0
    g = rank - rank.mean()
    resid = residuals[dead]
    d = int(dead.sum())
    u_sum = g @ resid
    gg = float(g @ g)
    scaled = d * covariance @ u_sum
    with np.errstate(divide="ignore", invalid="ignore"):
        each = scaled**2 / (d * np.diag(covariance) * gg)
    tests = {
        name: TestResult(
            float(each[i]),
            float(stats.chi2.sf(each[i], 1)),
            1,
            "Grambsch-Therneau (scaled Schoenfeld residuals vs rank of time)",
        )
        for i, name in enumerate(names)
    }
    with np.errstate(divide="ignore", invalid="ignore"):
        overall = float(d * u_sum @ covariance @ u_sum / gg)
    if not np.isfinite(overall):
        warnings.warn(
            "the proportional-hazards test is undefined (NaN): the event times do not vary "
            "(one time, or a single event), so residuals cannot be set against time",
            DataQualityWarning,
            stacklevel=4,
        )
    global_test = TestResult(
        overall,
        float(stats.chi2.sf(overall, len(names))),
        len(names),
        "Grambsch-Therneau global test (rank of time)",
    )
    return tests, global_test


@example_by("proportional_hazards")
@attrs.frozen(kw_only=True, eq=False)
class CoxResult(ResultMixin):
    """A fitted Cox proportional hazards model.

    Attributes
    ----------
    names : tuple of str
        The covariates, in order.
    coefficients : dict of str to CoefficientEstimate
        log hazard ratio per unit of each covariate, with its Wald interval and
        ``standard_error``.
    hazard_ratios : dict of str to CoefficientEstimate
        exp(coefficient) with its interval; ``standard_error`` is the coefficient's.
    likelihood_ratio_test : TestResult
        2·(log L(β̂) − log L(0)) on as many degrees of freedom as covariates.
    proportional_hazards_tests : dict of str to TestResult
        Grambsch-Therneau test of each covariate (small p: its effect changes over time).
    proportional_hazards_global : TestResult
        The same, all covariates together.
    n, events : int
        People and events.
    ties : str
    log_likelihood : float
    statement : str
    """

    names: tuple[str, ...]
    coefficients: dict[str, CoefficientEstimate]
    hazard_ratios: dict[str, CoefficientEstimate]
    likelihood_ratio_test: TestResult
    proportional_hazards_tests: dict[str, TestResult]
    proportional_hazards_global: TestResult
    n: int
    events: int
    ties: str
    log_likelihood: float
    statement: str = ""

    def _columns(self) -> dict[str, Any]:
        return {
            "covariate": list(self.names),
            "coefficient": [self.coefficients[k].value for k in self.names],
            "standard_error": [self.coefficients[k].standard_error for k in self.names],
            "hazard_ratio": [self.hazard_ratios[k].value for k in self.names],
            "lower": [self.hazard_ratios[k].lower for k in self.names],
            "upper": [self.hazard_ratios[k].upper for k in self.names],
            "p_value": [self.coefficients[k].p_value for k in self.names],
            "ph_test_p": [self.proportional_hazards_tests[k].p_value for k in self.names],
        }


@accepts_named_columns("covariates")
@calculator(
    elementwise=False,
    durations=Duration(),
    events=Indicator(),
    covariates=Number(ndim=(1, 2)),
    ties=Choice(TIES),
    names=Names(optional=True),
    confidence=Confidence(),
    example={
        "durations": [5, 8, 12, 3, 9, 15, 7, 11, 4, 14, 6, 10],
        "events": [1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1],
        "covariates": [0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0],
    },
)
def proportional_hazards(
    durations: Any,
    events: Any,
    covariates: Any,
    *,
    ties: str = "efron",
    confidence: float = 0.95,
    names: Any = None,
    nan_policy: str = "raise",
) -> CoxResult:
    """Cox proportional hazards regression with a proportional-hazards check.

    Parameters
    ----------
    durations : array-like
        Time from the start of follow-up (release) to the event or censoring [days; any
        time unit gives the same hazard ratios].
    events : array-like of 0/1
        1 = the event (re-arrest, reconviction) happened at that time; 0 = censored.
    covariates : array-like (n,) or (n, p), mapping of name to column, or DataFrame
        The covariates, one row per person (a programme indicator, age, prior offences...).
    ties : {"efron", "breslow"}
        Tied event times: Efron's approximation (R survival's and lifelines' default) or
        Breslow's.
    confidence : float
        0.95 or 95.
    names : str or list of str, optional
        Covariate names (taken from a mapping's keys or a DataFrame's columns; ``x1``,
        ``x2``... otherwise).
    nan_policy : {"raise", "omit"}
        Missing values are refused by default: decide how to handle missing covariates
        first. ``"omit"`` fits the complete cases (people with a missing duration, event or
        covariate dropped, with a DataQualityWarning saying how many): a choice, not a
        default, and biased when missingness depends on the outcome.

    Returns
    -------
    CoxResult
        ``coefficients`` and ``hazard_ratios`` keyed by name (each with
        ``.standard_error``), ``likelihood_ratio_test``, ``proportional_hazards_tests`` and
        ``proportional_hazards_global``, ``statement``.

    Raises
    ------
    InputError
        No events; a covariate that does not vary or is a linear combination of others;
        names that do not match the columns.

    Notes
    -----
    Partial likelihood maximised by statsmodels ``PHReg``; Wald intervals
    ``exp(b ∓ z·se)``. Proportional-hazards check: with scaled Schoenfeld residuals
    r*_k = d·V·r_k and g the centred average rank of the event times,
    ``T_j = (Σ_k g_k r*_kj)² / (d·V_jj·Σ g_k²)`` (chi-square, 1 df) and the global
    ``d·Uᵀ V u_sum / Σ g_k²`` with ``u_sum = Σ_k g_k r_k`` (p df), Grambsch and Therneau (1994).

    References
    ----------
    Cox DR. Regression models and life-tables. J R Stat Soc B 1972;34:187-220. Efron B. The
    efficiency of Cox's likelihood function for censored data. J Am Stat Assoc
    1977;72:557-565. Grambsch PM, Therneau TM. Proportional hazards tests and diagnostics
    based on weighted residuals. Biometrika 1994;81:515-526. Fox J, Weisberg S. Cox
    proportional-hazards regression for survival data in R, appendix to *An R Companion to
    Applied Regression* (2nd ed., 2011).

    Examples
    --------
    >>> from dpssec.evaluation import proportional_hazards
    >>> cox = proportional_hazards([5, 8, 12, 3, 9, 15, 7, 11, 4, 14, 6, 10],
    ...                            [1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1],
    ...                            {"programme": [0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0]})
    >>> round(cox.hazard_ratios["programme"].value, 3)
    0.108
    """
    from statsmodels.duration.hazard_regression import PHReg

    dur = np.asarray(durations, dtype=float)
    ev = np.asarray(events, dtype=float)
    matrix = np.asarray(covariates, dtype=float)
    if matrix.ndim == 1:
        matrix = matrix[:, None]
    p = matrix.shape[1]
    keys = tuple(names) if names is not None else tuple(f"x{i + 1}" for i in range(p))
    if p == 1 and names is None:
        keys = ("x",)
    if len(keys) != p:
        raise InputError(f"names has {len(keys)} names for {p} covariate column(s)")
    if not ev.any():
        raise InputError("proportional_hazards: no events; hazard ratios cannot be estimated")
    constant = [keys[j] for j in range(p) if np.ptp(matrix[:, j]) == 0]
    if constant:
        raise InputError(f"proportional_hazards: covariate {constant[0]!r} does not vary")
    collinear = collinear_covariate(matrix, keys)
    if collinear is not None:
        raise InputError(
            f"proportional_hazards: covariate {collinear[0]!r} is a linear combination of "
            f"{', '.join(repr(k) for k in collinear[1])}; their hazard ratios cannot be told "
            "apart: drop one"
        )
    model = PHReg(dur, matrix, status=ev, ties=ties)
    fit = model.fit()
    b = np.asarray(fit.params, dtype=float)
    cov = np.asarray(fit.cov_params(), dtype=float)
    se = np.sqrt(np.diag(cov))
    method = f"Cox partial likelihood ({ties} ties), Wald interval"
    coefficients = {
        k: coefficient_estimate(b[j], se[j], confidence=confidence, ratio=False, method=method)
        for j, k in enumerate(keys)
    }
    ratios = {
        k: coefficient_estimate(b[j], se[j], confidence=confidence, ratio=True, method=method)
        for j, k in enumerate(keys)
    }
    from scipy import stats

    loglike = float(fit.llf)
    lr = 2.0 * (loglike - float(model.loglike(np.zeros(p))))
    lr_test = TestResult(
        lr, float(stats.chi2.sf(lr, p)), p, "likelihood ratio (model vs no covariates)"
    )
    residuals = schoenfeld_residuals(dur, ev, matrix, b, ties)
    ph, ph_global = _ph_tests(dur, ev, residuals, cov, keys)
    flagged = [k for k in keys if ph[k].p_value < 0.05]
    pct = f"{100 * confidence:g} %"
    parts = [
        f"Cox model of {dur.size} people, {int(ev.sum())} events ({ties} ties); likelihood ratio "
        f"chi-square {lr:.2f} on {p} df (p = {lr_test.p_value:.3g})."
    ]
    for k in keys:
        r = ratios[k]
        parts.append(
            f"Hazard ratio per unit of {k}: {r.value:.3g} ({pct} CI {r.lower:.3g} to {r.upper:.3g})."
        )
    parts.append(
        "Proportional hazards: "
        + (
            f"rejected for {', '.join(flagged)} (p < 0.05): their hazard ratio changes over "
            "follow-up, so the single ratio is an average; stratify or split the follow-up."
            if flagged
            else f"no evidence against it (global p = {ph_global.p_value:.3g})."
        )
    )
    parts.append(
        "What this cannot show: hazard ratios adjust only for the covariates in the model; "
        "people who joined a programme may differ in ways not recorded, so a hazard ratio is "
        "an association, not the programme's effect, unless allocation was random."
    )
    return CoxResult(
        names=keys,
        coefficients=coefficients,
        hazard_ratios=ratios,
        likelihood_ratio_test=lr_test,
        proportional_hazards_tests=ph,
        proportional_hazards_global=ph_global,
        n=int(dur.size),
        events=int(ev.sum()),
        ties=ties,
        log_likelihood=loglike,
        statement=" ".join(parts),
    )
