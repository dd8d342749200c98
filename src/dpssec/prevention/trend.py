"""Annual percent change (APC) of a rate: the log-linear trend of SEER*Stat and Joinpoint.

The model is ``ln(r_t) = b0 + m·t`` fitted by least squares; ``APC = 100·(e^m - 1)``; the
interval is ``100·(e^{m ± t_{n-2}·SE(m)} - 1)`` with Student's t on ``n - 2`` degrees of
freedom, and ``m = 0`` is tested with the same t. The APC is not defined when a rate is zero
(SEER does not compute it), so zero rates are refused rather than dropped.

Many series can be fitted in one call: ``rates`` of shape ``(series, years)`` gives one APC per
row (the closed-form least-squares slope, no Python loop).

For example:

>>> from dpssec.prevention import annual_percent_change
>>> apc = annual_percent_change([2019, 2020, 2021, 2022], [10.0, 11.0, 12.1, 13.31])
>>> round(apc.value, 6), apc.method
(10.0, 'log-linear (SEER)')
"""

from __future__ import annotations

import warnings
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Confidence, Number, calculator, example_by
from dpssec.boundary.arrays import is_lazy
from dpssec.errors import DataQualityWarning, InputError
from dpssec.references import Reference
from dpssec.stats import Estimate
from dpssec.stats.results import SAME

__all__ = ["APC_REFERENCE", "TrendEstimate", "annual_percent_change"]

APC_REFERENCE = Reference(
    "NCI SEER*Stat, Trend Algorithms (annual percent change)",
    "online help, current",
    "log-linear least-squares fit; t-based interval on n - 2 df; not computed if any rate is 0",
    url="https://seer.cancer.gov/seerstat/WebHelp/Trend_Algorithms.htm",
)
"""Citation of the log-linear APC."""


def _array_or_float(value: Any) -> Any:
    if np.ndim(value) == 0:
        return float(value)
    return np.asarray(value, dtype=float)


def _int_or_array(value: Any) -> Any:
    return int(value) if np.ndim(value) == 0 else np.asarray(value, dtype=int)


@example_by("annual_percent_change")
@attrs.frozen(eq=False)
class TrendEstimate(Estimate):
    """An :class:`~dpssec.stats.Estimate` of the APC [%] with the fit behind it.

    Attributes
    ----------
    slope : float or ndarray
        ``m`` in ``ln(r) = b0 + m·t`` [per year].
    standard_error : float or ndarray
        Standard error of ``m``.
    p_value : float or ndarray
        Two-sided p-value of ``m = 0`` (t on ``df`` degrees of freedom).
    df : int or ndarray of int
        Degrees of freedom, ``n - 2`` (one per series when ``nan_policy="omit"`` left out
        different years in different series).
    reference : Reference
        The method's citation.

    Examples
    --------
    >>> from dpssec.prevention import annual_percent_change
    >>> t = annual_percent_change([2020, 2021, 2022], [100, 110, 121])
    >>> round(t.value, 6), t.df
    (10.0, 1)
    """

    slope: Any = attrs.field(default=np.nan, converter=_array_or_float, eq=SAME)
    standard_error: Any = attrs.field(default=np.nan, converter=_array_or_float, eq=SAME)
    p_value: Any = attrs.field(default=np.nan, converter=_array_or_float, eq=SAME)
    df: Any = attrs.field(default=0, converter=_int_or_array, eq=SAME)
    reference: Reference = APC_REFERENCE

    def plot(self, ax: Any = None, *, years: Any = None, rates: Any = None, **kwargs: Any) -> Any:
        """Observed rates, the fitted trend and its band; return the matplotlib Axes.

        ``years`` and ``rates`` are the data the trend was fitted to; other keywords
        (``rate_unit``, ``label``, ``title``, ``log_scale``) are those of
        :func:`dpssec.prevention.plots.plot_apc_trend`; others go to matplotlib for the
        fitted line.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.prevention import annual_percent_change
        >>> years, rates = [2019, 2020, 2021, 2022], [10.0, 11.5, 12.1, 13.9]
        >>> ax = annual_percent_change(years, rates).plot(years=years, rates=rates)
        >>> ax.get_ylabel()
        'rate [per 100,000 population]'
        """
        from dpssec.prevention.plots import plot_apc_trend

        if years is None or rates is None:
            raise InputError(
                "TrendEstimate.plot needs years= and rates=, the data the trend was fitted to"
            )
        return plot_apc_trend(self, ax, years=years, rates=rates, **kwargs)

    def _columns(self) -> dict[str, Any]:
        columns = super()._columns()
        columns.update(slope=self.slope, p_value=self.p_value, df=self.df)
        return columns


def _loglinear_fit(years: np.ndarray, log_rates: Any) -> tuple[Any, Any]:
    """Least-squares slope of ``log_rates`` (..., n) on ``years`` (n,) and its standard error."""
    centred = years - years.mean()
    sxx = np.sum(centred**2)
    mean_y = np.mean(log_rates, axis=-1, keepdims=True)
    slope = np.sum(centred * (log_rates - mean_y), axis=-1) / sxx
    residuals = log_rates - mean_y - slope[..., None] * centred
    dof = years.size - 2
    variance = np.sum(residuals**2, axis=-1) / dof
    return slope, np.sqrt(variance / sxx)


def masked_loglinear_fit(
    years: np.ndarray, log_rates: np.ndarray, present: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-row least-squares slope, its standard error and the number of points, using only
    the years where ``present`` (rows x years) is true; rows with < 3 points give NaN."""
    weight = present.astype(float)
    points = weight.sum(axis=-1)
    safe_points = np.where(points > 0, points, 1.0)
    y = np.where(present, log_rates, 0.0)
    mean_t = (weight * years).sum(axis=-1) / safe_points
    mean_y = y.sum(axis=-1) / safe_points
    centred = (years - mean_t[:, None]) * weight
    sxx = (centred**2).sum(axis=-1)
    ok = (points >= 3) & (sxx > 0)
    safe_sxx = np.where(ok, sxx, 1.0)
    slope = (centred * (y - mean_y[:, None])).sum(axis=-1) / safe_sxx
    residuals = (y - mean_y[:, None] - slope[:, None] * centred) * weight
    dof = np.where(ok, points - 2, 1.0)
    se = np.sqrt((residuals**2).sum(axis=-1) / dof / safe_sxx)
    return np.where(ok, slope, np.nan), np.where(ok, se, np.nan), points


def _omitted_fit(years: np.ndarray, values: Any) -> tuple[Any, Any, Any]:
    """``nan_policy="omit"``: each series fitted on its years with a rate (and a year)."""
    if is_lazy(values):
        values = values.compute()
    present = ~np.isnan(years) & ~np.isnan(values)
    if present.all():
        slope, se = _loglinear_fit(years, np.log(values))
        return slope, se, years.size - 2
    rows, where = np.atleast_2d(values), np.atleast_2d(present)
    warnings.warn(
        f"annual_percent_change: left out {int(where.size - where.sum())} of {where.size} "
        "values with a missing year or rate (nan_policy='omit')",
        DataQualityWarning,
        stacklevel=4,
    )
    log_rates = np.log(np.where(where, rows, 1.0))
    slope, se, points = masked_loglinear_fit(
        np.where(np.isnan(years), 0.0, years), log_rates, where
    )
    few = points < 3
    if few.any():
        first = int(np.argmax(few))
        raise InputError(
            f"annual_percent_change: {int(few.sum())} series have fewer than 3 years with a rate "
            f"once missing values are left out (first: series {first}, {int(points[first])} "
            "years); the APC needs at least 3"
        )
    dof = (points - 2).astype(int)
    if values.ndim == 1:
        return slope[0], se[0], int(dof[0])
    return slope, se, dof


@calculator(
    years=Number(ndim=(1,), aligned=False),
    rates=Number(positive=True, ndim=(1, 2), aligned=False),
    confidence=Confidence(),
    elementwise=False,
    omits="values",
    example={"years": [2019, 2020, 2021, 2022], "rates": [10.0, 11.0, 12.1, 13.31]},
)
def annual_percent_change(
    years: Any, rates: Any, *, confidence: float = 0.95, nan_policy: str = "raise"
) -> TrendEstimate:
    """Annual percent change of a rate series, with a t-based confidence interval.

    Parameters
    ----------
    years : array-like, shape (n,)
        Calendar years (or any equally meaningful time points) [years]; distinct, n >= 3.
    rates : array-like, shape (n,) or (series, n)
        Rates (any multiplier; the APC does not depend on it), all > 0. A 2-D array fits one
        trend per row.
    confidence : float
        Confidence level (0.95 or 95).
    nan_policy : {"raise", "omit"}
        A missing year or rate is refused (default), or left out of its series' fit (each
        series is fitted on the years it has, at least 3), with a
        :class:`~dpssec.errors.DataQualityWarning` saying how many values were left out.

    Returns
    -------
    TrendEstimate
        ``value`` = APC [%], ``lower``/``upper`` its limits, ``slope``, ``standard_error``,
        ``p_value`` and ``df``; scalars for one series, arrays for several.

    Raises
    ------
    InputError
        Fewer than 3 years, repeated years, lengths that differ, zero, negative or missing rates.

    Notes
    -----
    ``ln(r_t) = b0 + m·t`` by least squares; ``APC = 100·(e^m − 1)``;
    ``CI = 100·(e^{m ∓ t·SE_m} − 1)``, t the ``(1 + confidence)/2`` quantile of Student's t on
    ``n − 2`` degrees of freedom (SEER*Stat "Trend Algorithms"). Points are unweighted; the SEER
    weighted APC and Joinpoint's multi-segment intervals are not implemented.

    References
    ----------
    NCI SEER*Stat, Trend Algorithms, https://seer.cancer.gov/seerstat/WebHelp/Trend_Algorithms.htm

    Examples
    --------
    >>> from dpssec.prevention import annual_percent_change
    >>> apc = annual_percent_change([2000, 2001, 2002, 2003, 2004], [50.9, 54.8, 55.8, 61.4, 53.8])
    >>> round(apc.value, 2), round(apc.lower, 2), round(apc.upper, 2)
    (2.27, -4.45, 9.47)
    >>> annual_percent_change([2000, 2001, 2002], [1.0, 0.0, 2.0])
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'rates': 1 of 3 values are zero or negative (must be > 0) ...
    """
    from scipy.special import stdtr, stdtrit

    # the years are few: always materialised (a dask array of years is computed here)
    t_years = np.asarray(years.compute() if is_lazy(years) else years, dtype=float)
    values = rates
    if np.shape(values)[-1] != t_years.size:
        raise InputError(
            f"lengths differ: years has {t_years.size} values, rates has {np.shape(values)[-1]} "
            "per series"
        )
    if t_years.size < 3:
        raise InputError(
            f"annual_percent_change needs at least 3 years for an interval; got {t_years.size}"
        )
    known = t_years[~np.isnan(t_years)]
    if np.unique(known).size != known.size:
        raise InputError("parameter 'years': repeated years; aggregate counts per year first")
    if nan_policy == "omit":
        slope, se, dof = _omitted_fit(t_years, values)
    else:
        slope, se = _loglinear_fit(t_years, np.log(values))
        dof = t_years.size - 2
    t_crit = stdtrit(dof, 0.5 + confidence / 2)
    p_value = np.where(se > 0, 2 * stdtr(dof, -np.abs(slope) / np.where(se > 0, se, 1)), 0.0)
    return TrendEstimate(
        value=100 * np.expm1(slope),
        lower=100 * np.expm1(slope - t_crit * se),
        upper=100 * np.expm1(slope + t_crit * se),
        confidence=confidence,
        method="log-linear (SEER)",
        slope=slope,
        standard_error=se,
        p_value=p_value,
        df=dof,
    )
