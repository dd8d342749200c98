"""Result pieces shared by the evaluation designs.

* :class:`CoefficientEstimate`: an :class:`~dpssec.stats.Estimate` of a model quantity (a rate
  ratio, a hazard ratio, a difference) that also carries the standard error of the
  coefficient behind it, its test statistic and p-value, and the scale the interval was built
  on (``"log"`` for ratios, ``"identity"`` for differences);
* :func:`coefficient_estimate`: the one place where a coefficient and its standard error become
  such an estimate (Wald interval, normal or Student t);
* :func:`array_field`: an attrs field for a read-only float array compared by value.

For example:

>>> from dpssec.evaluation.results import coefficient_estimate
>>> rr = coefficient_estimate(-0.1116, 0.0172, confidence=0.95, ratio=True, method="poisson GLM")
>>> round(rr.value, 4), round(rr.lower, 4), round(rr.upper, 4), rr.scale
(0.8944, 0.8648, 0.925, 'log')
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.boundary import example_by
from dpssec.stats import Estimate

__all__ = ["CoefficientEstimate", "array_field", "coefficient_estimate", "readonly"]


def readonly(value: Any) -> np.ndarray:
    """A read-only float ndarray copy of ``value`` (results never share the caller's memory)."""
    arr = np.array(value, dtype=float)
    arr.setflags(write=False)
    return arr


def _same_array(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return np.shape(a) == np.shape(b) and bool(
        np.array_equal(np.asarray(a), np.asarray(b), equal_nan=np.asarray(a).dtype.kind == "f")
    )


_ARRAY_EQ = attrs.cmp_using(eq=_same_array)


def array_field(*, optional: bool = False) -> Any:
    """An attrs field holding a read-only float array (or None when ``optional``)."""
    if optional:
        return attrs.field(
            default=None, converter=attrs.converters.optional(readonly), eq=_ARRAY_EQ
        )
    return attrs.field(converter=readonly, eq=_ARRAY_EQ)


def _float_or_array(value: Any) -> Any:
    if value is None:
        return None
    if np.ndim(value) == 0:
        return float(value)
    return readonly(value)


@example_by(
    lambda: coefficient_estimate(0.2, 0.05, confidence=0.95, ratio=True, method="Poisson GLM")
)
@attrs.frozen(eq=False)
class CoefficientEstimate(Estimate):
    """An estimate from a fitted model, with the coefficient's standard error and test.

    Attributes
    ----------
    value, lower, upper : float or ndarray
        The quantity and its interval: ``exp(b)`` and ``exp(b ∓ q·se)`` on the ``"log"`` scale
        (rate ratios, hazard ratios, odds ratios), ``b`` and ``b ∓ q·se`` on the
        ``"identity"`` scale (differences, slopes).
    standard_error : float or ndarray
        Standard error of the coefficient ``b`` (on the log scale for ratios).
    statistic : float or ndarray
        ``b / se`` (z or t).
    p_value : float or ndarray
        Two-sided p-value of ``b = 0`` (no change, ratio 1).
    scale : str
        ``"log"`` or ``"identity"``.
    """

    standard_error: Any = attrs.field(default=None, converter=_float_or_array, eq=_ARRAY_EQ)
    statistic: Any = attrs.field(default=None, converter=_float_or_array, eq=_ARRAY_EQ)
    p_value: Any = attrs.field(default=None, converter=_float_or_array, eq=_ARRAY_EQ)
    scale: str = "identity"

    def _columns(self) -> dict[str, Any]:
        columns = super()._columns()
        columns.update(standard_error=self.standard_error, p_value=self.p_value)
        return columns


def coefficient_estimate(
    coefficient: Any,
    standard_error: Any,
    *,
    confidence: float,
    ratio: bool,
    method: str,
    df: float | None = None,
) -> CoefficientEstimate:
    """A Wald estimate from a coefficient and its standard error.

    Parameters
    ----------
    coefficient, standard_error : float or array
        ``b`` and ``se(b)``.
    confidence : float
        Confidence level (a fraction).
    ratio : bool
        Report ``exp(b)`` with limits ``exp(b ∓ q·se)`` (log-link models); otherwise ``b``.
    method : str
        How the coefficient was estimated (shown in the result).
    df : float, optional
        Degrees of freedom of a Student t quantile and p-value; None for the normal.

    Returns
    -------
    CoefficientEstimate
    """
    from scipy import stats

    b = np.asarray(coefficient, dtype=float)
    se = np.asarray(standard_error, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = b / se
    if df is None:
        q = float(stats.norm.ppf(0.5 + confidence / 2))
        p = 2 * stats.norm.sf(np.abs(z))
    else:
        q = float(stats.t.ppf(0.5 + confidence / 2, df))
        p = 2 * stats.t.sf(np.abs(z), df)
    low, high = b - q * se, b + q * se
    if ratio:
        b, low, high = np.exp(b), np.exp(low), np.exp(high)
    return CoefficientEstimate(
        value=b,
        lower=low,
        upper=high,
        confidence=confidence,
        method=method,
        standard_error=se,
        statistic=z,
        p_value=p,
        scale="log" if ratio else "identity",
    )
