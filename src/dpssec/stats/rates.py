"""Rates per population and proportions, each with a named confidence interval.

:func:`poisson_rate` (crime and death rates per 100 000, with exact or Byar limits) and
:func:`proportion` (shares with Wilson or Clopper-Pearson limits). Both reduce to the interval
kernels of :mod:`dpssec.stats.intervals`, work element-wise on arrays and stay lazy on dask.

Aggregate before dividing: the rate of a region is ``sum(count) / sum(population)``, never a
mean of the areas' rates.

For example:

>>> from dpssec.stats import poisson_rate
>>> print(poisson_rate(20, 100, multiplier=100))
Estimate
  value        20
  lower        12.2114
  upper        30.8899
  confidence   0.95
  method       byar
  numerator    20
  denominator  100
  multiplier   100
"""

from __future__ import annotations

from typing import Any

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Population,
    Scale,
    broadcast,
    calculator,
    not_above,
)
from dpssec.stats.intervals import (
    POISSON_METHODS,
    auto_method,
    clopper_pearson_limits,
    poisson_limits,
    wilson_share,
)
from dpssec.stats.results import Estimate

__all__ = ["PROPORTION_METHODS", "poisson_rate", "proportion"]

PROPORTION_METHODS = ("wilson", "clopper-pearson")
"""Names accepted by ``method`` of :func:`proportion`."""


@calculator(
    count=Count(whole=False),
    population=Population(),
    multiplier=Scale(),
    confidence=Confidence(),
    method=Choice(POISSON_METHODS),
    integers=True,
    example={"count": [20, 3], "population": [100_000, 50_000]},
)
def poisson_rate(
    count: Any,
    population: Any,
    *,
    multiplier: float = 100_000,
    confidence: float = 0.95,
    method: str = "auto",
    nan_policy: str = "raise",
) -> Estimate:
    """Rate of events per ``multiplier`` people (or person-time) with a Poisson interval.

    Parameters
    ----------
    count : array-like
        Events, >= 0 [events]. May exceed the population (repeat events). Non-integer counts
        (weighted or estimated) are allowed; text and booleans are refused.
    population : array-like
        Population or person-time at risk, > 0 [persons].
    multiplier : float
        Rate per this many (100 000 by default).
    confidence : float
        0.95 or 95.
    method : {"auto", "exact", "byar"}
        ``"exact"``: chi-square (Garwood) limits; ``"byar"``: Byar's approximation in the PHE
        form; ``"auto"``: exact below 10 events, Byar from 10 (as PHEindicatormethods'
        ``phe_rate``).
    nan_policy : {"raise", "propagate"}
        What a missing count or population does: refused (default), or NaN in that row's
        estimate with a :class:`~dpssec.errors.DataQualityWarning` giving the count.

    Returns
    -------
    Estimate
        ``value = count / population * multiplier`` with ``lower``/``upper`` on the same scale,
        ``numerator``, ``denominator``, ``multiplier`` and the method used (for ``"auto"`` the
        method actually applied when it is the same for every element).

    Raises
    ------
    InputError
        Negative, NaN or infinite counts; zero, negative, NaN or infinite populations; text
        or booleans; mismatched lengths; unknown method; bad confidence or multiplier.

    Notes
    -----
    Limits of the count, divided by the population and multiplied:
    exact lower = χ²_{α/2}(2x)/2 (0 at x = 0), upper = χ²_{1−α/2}(2x+2)/2;
    Byar lower = x(1 − 1/(9x) − z/(3√x))³, upper = (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³.
    epitools' ``pois.byar`` is a different variant (x + 0.5 in both limits) and is not offered.

    References
    ----------
    PHE Public Health Data Science. Technical Guide: Confidence Intervals (2018).
    PHEindicatormethods 2.1.0, ``phe_rate``.

    Examples
    --------
    >>> from dpssec.stats import poisson_rate
    >>> r = poisson_rate(1, 100, multiplier=100)
    >>> r.method, round(r.lower, 6), round(r.upper, 6)
    ('exact', 0.025318, 5.571643)
    >>> poisson_rate([2, 40], [1000, 2000], multiplier=1000).value
    array([ 2., 20.])
    """
    x, n = broadcast(count, population)
    lower, upper = poisson_limits(x, confidence, method)
    factor = multiplier / n
    label = auto_method(x) if method == "auto" else method
    return Estimate(
        value=x * factor,
        lower=lower * factor,
        upper=upper * factor,
        confidence=confidence,
        method=label,
        numerator=x,
        denominator=n,
        multiplier=multiplier,
    )


@calculator(
    count=Count(whole=False),
    total=Population(),
    multiplier=Scale(),
    confidence=Confidence(),
    method=Choice(
        ("wilson", "clopper-pearson"),
        aliases={"exact": "clopper-pearson", "beta": "clopper-pearson"},
    ),
    relations=[not_above("count", "total")],
    integers=True,
    divisors=("total",),  # a tiny count cannot make a proportion overflow
    example={"count": [65, 7], "total": [100, 50]},
)
def proportion(
    count: Any,
    total: Any,
    *,
    multiplier: float = 1,
    confidence: float = 0.95,
    method: str = "wilson",
    nan_policy: str = "raise",
) -> Estimate:
    """Proportion ``count / total`` (times ``multiplier``) with a Wilson or Clopper-Pearson interval.

    Parameters
    ----------
    count : array-like
        Cases with the attribute, 0 <= count <= total. Non-integer counts (weighted survey
        counts) are allowed; text and booleans are refused.
    total : array-like
        Cases examined, > 0.
    multiplier : float
        1 for a fraction (default), 100 for a percentage.
    confidence : float
        0.95 or 95.
    method : {"wilson", "clopper-pearson"}
        ``"wilson"``: Wilson score interval (PHE, statsmodels ``"wilson"``);
        ``"clopper-pearson"``: exact beta interval, α/2 in each tail (statsmodels ``"beta"``,
        SciPy ``binomtest(...).proportion_ci("exact")``; ``"exact"`` and ``"beta"`` are
        accepted as synonyms).
    nan_policy : {"raise", "propagate"}
        Missing counts or totals refused (default) or carried as NaN with a warning.

    Returns
    -------
    Estimate

    Raises
    ------
    InputError
        Negative counts, non-positive totals, ``count > total``, NaN, text or booleans,
        mismatched lengths, unknown method.

    Notes
    -----
    Wilson: (2x + z² ∓ z·sqrt(z² + 4x(1 − x/n))) / (2(n + z²)).
    Clopper-Pearson: lower = B⁻¹(α/2; x, n − x + 1), upper = B⁻¹(1 − α/2; x + 1, n − x), with 0 at
    x = 0 and 1 at x = n.

    References
    ----------
    Wilson EB. J Am Stat Assoc 1927;22:209-212. Clopper CJ, Pearson ES. Biometrika
    1934;26:404-413.

    Examples
    --------
    >>> from dpssec.stats import proportion
    >>> p = proportion(65, 100)
    >>> round(p.value, 2), round(p.lower, 6), round(p.upper, 6)
    (0.65, 0.552544, 0.736358)
    >>> round(proportion(7, 50, method="clopper-pearson", multiplier=100).lower, 4)
    5.8192
    """
    x, n = broadcast(count, total)
    if method == "wilson":
        lower, upper, share = wilson_share(x, n, confidence)
    else:
        lower, upper = clopper_pearson_limits(x, n, confidence)
        share = x / n
    if multiplier != 1:
        share, lower, upper = share * multiplier, lower * multiplier, upper * multiplier
    return Estimate(
        value=share,
        lower=lower,
        upper=upper,
        confidence=confidence,
        method=method,
        numerator=x,
        denominator=n,
        multiplier=multiplier,
    )
