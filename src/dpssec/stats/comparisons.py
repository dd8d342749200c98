"""Two-group comparisons of a binary outcome: risk difference and risk ratio with intervals.

Typical use: reoffending within a fixed follow-up, programme (group A) against control
(group B), when everyone was followed for the whole window (otherwise compare Kaplan-Meier
curves). Both functions are element-wise and stay lazy on dask.

For example:

>>> from dpssec.stats import risk_difference, risk_ratio
>>> rd = risk_difference(7, 34, 1, 34)
>>> round(rd.value, 4), round(rd.lower, 4), round(rd.upper, 4)
(0.1765, 0.0189, 0.3404)
>>> round(risk_ratio(7, 34, 1, 34).lower, 4)
0.9096
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Number,
    Population,
    calculator,
    not_above,
)
from dpssec.boundary.arrays import is_lazy
from dpssec.errors import InputError
from dpssec.stats.intervals import normal_quantile, wilson_limits
from dpssec.stats.results import Estimate

__all__ = ["risk_difference", "risk_ratio"]

P = ParamSpec("P")
R = TypeVar("R")


def _two_group_calculator(**extra: Any) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """The boundary shared by the two comparisons: two proportions, checked alike."""
    return calculator(
        count_a=Count(whole=False),
        total_a=Population(),
        count_b=Count(whole=False),
        total_b=Population(),
        confidence=Confidence(),
        relations=[not_above("count_a", "total_a"), not_above("count_b", "total_b")],
        integers=True,
        example={
            "count_a": [7, 48],
            "total_a": [34, 216],
            "count_b": [1, 66],
            "total_b": [34, 216],
        },
        **extra,
    )


@_two_group_calculator(method=Choice(("newcombe",)))
def risk_difference(
    count_a: Any,
    total_a: Any,
    count_b: Any,
    total_b: Any,
    *,
    confidence: float = 0.95,
    method: str = "newcombe",
    nan_policy: str = "raise",
) -> Estimate:
    """Difference of proportions p_A − p_B with Newcombe's hybrid score interval.

    Parameters
    ----------
    count_a, total_a : array-like
        Group A: cases with the outcome (0 <= count_a <= total_a) and group size (> 0).
    count_b, total_b : array-like
        Group B.
    confidence : float
        0.95 or 95.
    method : {"newcombe"}
        Newcombe's method 10 (hybrid score, from the two Wilson intervals).

    Returns
    -------
    Estimate
        ``value`` = p_A − p_B (a fraction; multiply by 100 for percentage points).

    Raises
    ------
    InputError
        Negative counts, non-positive totals, counts above totals, NaN, mismatched lengths.

    Notes
    -----
    With Wilson limits (l_A, u_A), (l_B, u_B) and d = p_A − p_B:
    L = d − sqrt((p_A − l_A)² + (u_B − p_B)²), U = d + sqrt((u_A − p_A)² + (p_B − l_B)²).
    Zero cells need no special treatment: the Wilson limits exist for 0 and for n events. Equal
    to statsmodels' ``confint_proportions_2indep(compare="diff", method="newcomb")``.

    References
    ----------
    Newcombe RG. Interval estimation for the difference between independent proportions.
    Stat Med 1998;17:873-890 (method 10). Fagerland MW, Lydersen S, Laake P. Stat Methods Med
    Res 2015;24:224-254.

    Examples
    --------
    >>> from dpssec.stats import risk_difference
    >>> risk_difference([48, 0], [216, 30], [66, 3], [216, 30]).value.round(4)
    array([-0.0833, -0.1   ])
    """
    xa, na, xb, nb = count_a, total_a, count_b, total_b
    pa, pb = xa / na, xb / nb
    la, ua = wilson_limits(xa, na, confidence)
    lb, ub = wilson_limits(xb, nb, confidence)
    diff = pa - pb
    lower = diff - np.sqrt((pa - la) ** 2 + (ub - pb) ** 2)
    upper = diff + np.sqrt((ua - pa) ** 2 + (pb - lb) ** 2)
    return Estimate(value=diff, lower=lower, upper=upper, confidence=confidence, method="newcombe")


@_two_group_calculator(
    method=Choice(("katz",)), zero_correction=Number(lower=0, aligned=False, ndim=(0,))
)
def risk_ratio(
    count_a: Any,
    total_a: Any,
    count_b: Any,
    total_b: Any,
    *,
    confidence: float = 0.95,
    method: str = "katz",
    zero_correction: float = 0.5,
    nan_policy: str = "raise",
) -> Estimate:
    """Ratio of proportions p_A / p_B with Katz's log interval.

    Parameters
    ----------
    count_a, total_a, count_b, total_b : array-like
        As in :func:`risk_difference`.
    confidence : float
        0.95 or 95.
    method : {"katz"}
        Katz log (Wald interval on log RR).
    zero_correction : float
        Added to both counts and both totals of a comparison in which either count is zero
        (there log RR and its variance do not exist); 0.5 by default, the "log-adjusted" form of
        statsmodels. Comparisons without a zero count are never corrected. 0 refuses zero
        counts with an InputError instead.

    Returns
    -------
    Estimate
        ``value`` = p_A / p_B (the corrected ratio where a correction was applied, so that it
        always lies inside its interval); ``corrected`` says which elements were corrected
        (a bool for scalar input, a boolean array otherwise): there the uncorrected ratio is
        0 or infinite and ``value`` is not the observed ratio.

    Raises
    ------
    InputError
        As :func:`risk_difference`; a zero count when ``zero_correction`` is 0; a negative
        correction.

    Notes
    -----
    RR·exp(∓ z·sqrt(1/x_A − 1/n_A + 1/x_B − 1/n_B)). Without zero counts equal to statsmodels'
    ``confint_proportions_2indep(compare="ratio", method="log")``; with them, to its
    ``method="log-adjusted"`` (which statsmodels applies to every comparison).

    References
    ----------
    Katz D, Baptista J, Azen SP, Pike MC. Obtaining confidence intervals for the risk ratio in
    cohort studies. Biometrics 1978;34:469-474.

    Examples
    --------
    >>> from dpssec.stats import risk_ratio
    >>> r = risk_ratio(48, 216, 66, 216)
    >>> round(r.value, 4), round(r.lower, 4), round(r.upper, 4)
    (0.7273, 0.5279, 1.002)
    >>> zero = risk_ratio(0, 30, 3, 30)
    >>> round(zero.value, 3), round(zero.upper, 3), zero.corrected
    (0.143, 2.65, True)
    """
    zero_correction = float(zero_correction)
    xa, na, xb, nb = count_a, total_a, count_b, total_b
    has_zero = (xa == 0) | (xb == 0)
    lazy = is_lazy(xa) or is_lazy(xb)
    if zero_correction == 0 and lazy:
        raise InputError("zero_correction=0 checks for zero counts and needs numpy input")
    if zero_correction == 0:
        shape = np.broadcast_shapes(np.shape(xa), np.shape(xb))
        for name, x in (("count_a", xa), ("count_b", xb)):
            zero = np.ravel(np.broadcast_to(x, shape) == 0)
            if zero.any():
                raise InputError(
                    f"parameter {name!r}: {int(zero.sum())} of {zero.size} values are zero, where "
                    f"the Katz log interval does not exist (first at index "
                    f"{int(np.argmax(zero))}); use zero_correction=0.5"
                )
    add = np.where(has_zero, float(zero_correction), 0.0)
    xa, na, xb, nb = xa + add, na + add, xb + add, nb + add
    ratio = (xa / na) / (xb / nb)
    z = normal_quantile(confidence)
    spread = np.exp(z * np.sqrt(1 / xa - 1 / na + 1 / xb - 1 / nb))
    label = "katz"
    if zero_correction > 0 and (lazy or np.any(has_zero)):
        label = f"katz ({zero_correction:g} added where a count is 0)"
    return Estimate(
        value=ratio,
        lower=ratio / spread,
        upper=ratio * spread,
        confidence=confidence,
        method=label,
        corrected=has_zero & (zero_correction > 0),
    )
