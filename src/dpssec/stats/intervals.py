"""Confidence-interval kernels for counts and proportions (pure vectorised numpy/scipy).

These take plain numbers or arrays (numpy or dask) that were already validated, and return
``(lower, upper)``. The public calculators :func:`~dpssec.stats.poisson_rate` and
:func:`~dpssec.stats.proportion` check their inputs and wrap them in an
:class:`~dpssec.stats.Estimate`; other subpackages (standardised rates, recidivism) call the
kernels directly. Only ``scipy.special`` is used (light to import), never ``scipy.stats``; the
quantiles come from :mod:`dpssec.stats.quantiles`, which keeps them valid for counts and
totals up to 1e300.

For example:

>>> from dpssec.stats import poisson_count_interval, wilson_interval
>>> [round(v, 6) for v in poisson_count_interval(5, method="exact")]
[1.623486, 11.668332]
>>> [round(v, 6) for v in wilson_interval(65, 100)]
[0.552544, 0.736358]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.boundary import Choice, Confidence, Count, Population, calculator, not_above
from dpssec.boundary.arrays import is_lazy
from dpssec.stats.fused import FUSED_FROM, fused_byar, fused_wilson
from dpssec.stats.quantiles import beta_quantile, gamma_quantile, normal_quantile

__all__ = [
    "AUTO_EXACT_BELOW",
    "POISSON_METHODS",
    "auto_method",
    "byar_count_interval",
    "clopper_pearson_interval",
    "exact_count_interval",
    "normal_quantile",
    "poisson_count_interval",
    "wilson_interval",
]

POISSON_METHODS = ("auto", "exact", "byar")
"""Names accepted by ``method`` of the Poisson functions."""

AUTO_EXACT_BELOW = 10
"""``method="auto"`` uses the exact interval below this many events and Byar's from it (PHE)."""


AUTO_LABEL = f"auto (exact below {AUTO_EXACT_BELOW} events, byar from {AUTO_EXACT_BELOW})"
"""The method named for ``"auto"`` when some counts were below the switch and some not."""


def auto_method(count: Any) -> str:
    """The interval ``method="auto"`` applied to ``count``: ``"exact"``, ``"byar"`` or both.

    Examples
    --------
    >>> from dpssec.stats.intervals import auto_method
    >>> auto_method(3), auto_method([12, 40]), auto_method([3, 40])
    ('exact', 'byar', 'auto (exact below 10 events, byar from 10)')
    """
    if is_lazy(count) or np.size(count) == 0:
        return AUTO_LABEL
    below = np.asarray(count) < AUTO_EXACT_BELOW
    if below.all():
        return "exact"
    if not below.any():
        return "byar"
    return AUTO_LABEL


def exact_count_interval(count: Any, confidence: float) -> tuple[Any, Any]:
    """Exact (Garwood) Poisson limits of a count: χ²_{α/2}(2x)/2 and χ²_{1−α/2}(2x+2)/2.

    The lower limit is 0 at ``count`` = 0 (as R's ``qchisq`` with 0 degrees of freedom). The
    chi-square quantiles are computed as gamma quantiles of shape x and x + 1 (the same
    numbers), which do not overflow for counts up to the largest float.
    """
    alpha = 1.0 - confidence
    x = count
    positive = x > 0
    lower = np.where(positive, gamma_quantile(np.where(positive, x, 1.0), alpha / 2), 0.0)
    upper = gamma_quantile(x + 1, 1 - alpha / 2)
    return lower, upper


def byar_count_interval(count: Any, confidence: float) -> tuple[Any, Any]:
    """Byar's approximation in the PHE (Breslow & Day) form.

    lower = x (1 − 1/(9x) − z/(3√x))³, upper = (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³. The lower
    limit is 0 at ``count`` = 0 and is floored at 0 where the cube goes negative (tiny counts at
    high confidence), where PHEindicatormethods returns NA.
    """
    z = normal_quantile(confidence)
    x = count
    if _fused(x):
        return fused_byar(x, z)
    safe = np.where(x > 0, x, 1.0)
    lower = np.where(x > 0, safe * (1 - 1 / (9 * safe) - z / (3 * np.sqrt(safe))) ** 3, 0.0)
    x1 = x + 1
    upper = x1 * (1 - 1 / (9 * x1) + z / (3 * np.sqrt(x1))) ** 3
    return np.maximum(lower, 0.0), upper


def _fused(*arrays: Any) -> bool:
    """Whether the fused block kernels apply: long 1-D numpy arrays (not scalars, not dask)."""
    return all(
        isinstance(a, np.ndarray) and a.ndim == 1 and a.shape[0] >= FUSED_FROM for a in arrays
    )


def poisson_limits(count: Any, confidence: float, method: str) -> tuple[Any, Any]:
    """Kernel of :func:`poisson_count_interval` on validated magnitudes (``method`` parsed).

    For ``"auto"`` on numpy arrays the exact limits are computed only where the count is below
    :data:`AUTO_EXACT_BELOW` (a gamma quantile costs about a hundred times Byar's formula).
    """
    if method == "exact":
        return exact_count_interval(count, confidence)
    if method == "byar":
        return byar_count_interval(count, confidence)
    byar_lower, byar_upper = byar_count_interval(count, confidence)
    use_exact = count < AUTO_EXACT_BELOW
    if isinstance(count, np.ndarray) and count.ndim >= 1:
        small = np.flatnonzero(use_exact)
        if small.size:
            lower = np.array(byar_lower, dtype=float)
            upper = np.array(byar_upper, dtype=float)
            exact_lower, exact_upper = exact_count_interval(count.ravel()[small], confidence)
            lower.ravel()[small] = exact_lower
            upper.ravel()[small] = exact_upper
            return lower, upper
        return byar_lower, byar_upper
    exact_lower, exact_upper = exact_count_interval(count, confidence)
    return (
        np.where(use_exact, exact_lower, byar_lower),
        np.where(use_exact, exact_upper, byar_upper),
    )


@calculator(
    count=Count(whole=False),
    confidence=Confidence(),
    method=Choice(POISSON_METHODS),
    integers=True,
    example={"count": [0, 5, 65]},
)
def poisson_count_interval(
    count: Any, *, confidence: float = 0.95, method: str = "exact", nan_policy: str = "raise"
) -> tuple[Any, Any]:
    """Confidence limits of a Poisson count (not yet divided by a population).

    Parameters
    ----------
    count : array-like
        Observed events, >= 0 [events]. Whole numbers are usual; non-integers are accepted
        (the chi-square form is then the gamma interval).
    confidence : float
        0.95 or 95.
    method : {"exact", "byar", "auto"}
        ``"exact"``: chi-square (Garwood); ``"byar"``: Byar's approximation (PHE form);
        ``"auto"``: exact below 10 events, Byar from 10 (PHEindicatormethods' switch).

    Returns
    -------
    (lower, upper) : float or ndarray
        Limits of the expected count; divide by the population (and multiply) for a rate.

    Raises
    ------
    InputError
        Negative, NaN or infinite counts; an unknown method; a bad confidence.

    Notes
    -----
    Exact: lower = χ²_{α/2}(2x)/2 (0 at x = 0), upper = χ²_{1−α/2}(2x + 2)/2 (Garwood 1936;
    Ulm 1990). Byar: see :func:`byar_count_interval` (Breslow & Day 1987; PHE Technical Guide
    "Confidence Intervals", 2018). These limits feed directly standardised rates (Dobson) and
    standardised ratios.

    References
    ----------
    Garwood F. Fiducial limits for the Poisson distribution. Biometrika 1936;28:437-442.
    Breslow NE, Day NE. Statistical Methods in Cancer Research, vol. II. IARC, 1987.

    Examples
    --------
    >>> from dpssec.stats import poisson_count_interval
    >>> [round(v, 6) for v in poisson_count_interval(0)]
    [0.0, 3.688879]
    >>> [round(v, 4) for v in poisson_count_interval(65, method="byar")]
    [50.1632, 82.8491]
    """
    return poisson_limits(count, confidence, method)


def wilson_limits(count: Any, total: Any, confidence: float) -> tuple[Any, Any]:
    """Kernel of :func:`wilson_interval` on validated arrays (proportions, not multiplied)."""
    lower, upper, _ = wilson_share(count, total, confidence)
    return lower, upper


def wilson_share(count: Any, total: Any, confidence: float) -> tuple[Any, Any, Any]:
    """Wilson limits and the share ``count / total`` (one pass over long arrays)."""
    z = normal_quantile(confidence)
    x, n = count, total
    if (
        _fused(x)
        and (isinstance(n, np.ndarray) or np.ndim(n) == 0)
        and np.shape(n) in ((), x.shape)
    ):
        return fused_wilson(x, np.broadcast_to(n, x.shape), z)
    z2 = z * z
    p = x / n
    root = z * np.sqrt(z2 + 4 * x * (1 - p))
    scale = 0.5 / (n + z2)
    centre = (2 * x + z2) * scale
    half = root * scale
    # Bound round-off only (x = 0 gives z² − z·z, which may be −1e-17; x = n may give 1 − 1e-16).
    lower = np.minimum(np.maximum(centre - half, 0.0), p)
    upper = np.maximum(np.minimum(centre + half, 1.0), p)
    return lower, upper, p


def clopper_pearson_limits(count: Any, total: Any, confidence: float) -> tuple[Any, Any]:
    """Kernel of :func:`clopper_pearson_interval` on validated arrays."""
    alpha = 1.0 - confidence
    x, n = count, total
    some = x > 0
    not_all = x < n
    lower = np.where(some, beta_quantile(np.where(some, x, 1.0), n - x + 1, alpha / 2), 0.0)
    upper = np.where(
        not_all, beta_quantile(x + 1, np.where(not_all, n - x, 1.0), 1 - alpha / 2), 1.0
    )
    # Bound round-off only: for totals near 1e300 the interval is narrower than a float's step.
    p = x / n
    return np.minimum(lower, p), np.maximum(upper, p)


_PROPORTION_SPECS: dict[str, Any] = {
    "count": Count(whole=False),
    "total": Population(),
    "confidence": Confidence(),
    "relations": [not_above("count", "total")],
    "integers": True,
    "divisors": ("total",),  # a tiny count cannot make an interval overflow
    "example": {"count": [65, 7], "total": [100, 50]},
}


@calculator(**_PROPORTION_SPECS)
def wilson_interval(
    count: Any, total: Any, *, confidence: float = 0.95, nan_policy: str = "raise"
) -> tuple[Any, Any]:
    """Wilson score interval of the proportion ``count / total`` (not multiplied).

    Parameters
    ----------
    count : array-like
        Successes, 0 <= count <= total.
    total : array-like
        Trials, > 0.
    confidence : float
        0.95 or 95.

    Returns
    -------
    (lower, upper) : float or ndarray
        Limits of the proportion, in [0, 1].

    Raises
    ------
    InputError
        Negative counts, non-positive totals, ``count > total``, NaN, mismatched lengths.

    Notes
    -----
    (2x + z² ∓ z·sqrt(z² + 4x(1 − x/n))) / (2(n + z²)) (Wilson 1927; the form of the PHE
    Technical Guide, equal to statsmodels' ``proportion_confint(method="wilson")``).

    References
    ----------
    Wilson EB. Probable inference, the law of succession, and statistical inference.
    J Am Stat Assoc 1927;22:209-212.

    Examples
    --------
    >>> from dpssec.stats import wilson_interval
    >>> [round(v, 6) for v in wilson_interval(1045, 5000)]
    [0.197955, 0.220491]
    """
    return wilson_limits(count, total, confidence)


@calculator(**_PROPORTION_SPECS)
def clopper_pearson_interval(
    count: Any, total: Any, *, confidence: float = 0.95, nan_policy: str = "raise"
) -> tuple[Any, Any]:
    """Clopper-Pearson ("exact") interval of ``count / total``, α/2 in each tail.

    lower = B⁻¹(α/2; x, n − x + 1) (0 at x = 0); upper = B⁻¹(1 − α/2; x + 1, n − x) (1 at x = n),
    the convention of SciPy and statsmodels (``method="beta"``). The one-sided zero-event bound
    1 − α^(1/n) is a different quantity and is not what this returns.

    The beta quantiles are :func:`~dpssec.stats.quantiles.beta_quantile`: scipy's
    ``betaincinv`` while ``n`` is at most 1e5; above, a Cornish-Fisher expansion when both
    ``x`` and ``n − x`` exceed 1e7, the Poisson (gamma) limit when ``n − x`` (or ``x``) exceeds
    1e13 times the square root of the other, and otherwise scipy's value checked against the
    beta distribution function and solved again where it misses (relative error below 1e-12
    throughout; see that function's Notes). Valid for any finite counts up to 1e300, where
    scipy and statsmodels give NaN (and, for some parameters such as ``x = 999``,
    ``n = 5e8``, a wrong upper limit).

    Examples
    --------
    >>> from dpssec.stats import clopper_pearson_interval
    >>> [round(v, 7) for v in clopper_pearson_interval(7, 50)]
    [0.0581917, 0.267396]
    """
    return clopper_pearson_limits(count, total, confidence)
