"""What the prevention pictures show, as plain data: the fitted APC trend and its band.

:func:`apc_trend_lines` turns an annual-percent-change fit
(:func:`~dpssec.prevention.annual_percent_change`) and the series it was fitted to into the
observed points, the fitted log-linear line and its confidence band, so that any plotting
library can draw them. The forest plot of rates across countries is
:func:`dpssec.stats.plot_geometry.forest_layout`.

For example:

>>> from dpssec.prevention import annual_percent_change
>>> from dpssec.prevention.plot_geometry import apc_trend_lines
>>> years, rates = [2019, 2020, 2021, 2022], [10.0, 11.0, 12.1, 13.31]
>>> lines = apc_trend_lines(annual_percent_change(years, rates), years, rates, points=4)
>>> [round(v, 2) for v in lines["fitted"]]
[10.0, 11.0, 12.1, 13.31]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.errors import InputError

__all__ = ["apc_trend_lines"]


def apc_trend_lines(trend: Any, years: Any, rates: Any, *, points: int = 60) -> dict[str, Any]:
    """Observed rates, the fitted log-linear trend and the confidence band of the fitted line.

    Parameters
    ----------
    trend : TrendEstimate
        The result of :func:`~dpssec.prevention.annual_percent_change` for one series.
    years : array-like
        The years the trend was fitted to [years].
    rates : array-like
        The rates it was fitted to (any multiplier).
    points : int
        Number of points of the fitted line between the first and the last year (>= 2).

    Returns
    -------
    dict
        ``years`` and ``observed`` (the data), ``line_years``, ``fitted``, ``lower``,
        ``upper`` (the line ``exp(b0 + m t)`` and its pointwise band
        ``exp(b0 + m t ± t_{n-2} se_fit(t))``, ``se_fit = SE(m) sqrt(Sxx/n + (t - mean t)²)``),
        ``apc``, ``apc_lower``, ``apc_upper`` [% per year], ``confidence``, ``method``.

    Raises
    ------
    InputError
        Several series in ``trend``, lengths that differ, or data that do not give the
        trend's slope (the trend was fitted to other data).

    Notes
    -----
    The band is that of the fitted mean of ``ln r`` (ordinary least squares), back-transformed;
    the residual variance is recovered from the slope's standard error as
    ``s² = SE(m)² Sxx``. It is not a prediction interval for a new year's rate.
    """
    from scipy.special import stdtrit

    if np.ndim(trend.value) != 0:
        raise InputError(
            "apc_trend_lines draws one series; the trend holds several (pick one row of rates "
            "and fit it alone)"
        )
    t = np.asarray(years, dtype=float)
    r = np.asarray(rates, dtype=float)
    if t.ndim != 1 or t.shape != r.shape:
        raise InputError(f"years and rates must be 1-D of one length; got {t.shape} and {r.shape}")
    if np.any(r <= 0):
        raise InputError("rates must be > 0 (the APC is fitted to their logarithms)")
    log_r = np.log(r)
    mean_t = t.mean()
    sxx = float(np.sum((t - mean_t) ** 2))
    slope = float(np.sum((t - mean_t) * (log_r - log_r.mean())) / sxx)
    if not np.isclose(slope, float(trend.slope), rtol=1e-6, atol=1e-12):
        raise InputError(
            f"these years and rates give a slope of {slope:.6g}, the trend's is "
            f"{float(trend.slope):.6g}: pass the data the trend was fitted to"
        )
    intercept = log_r.mean() - slope * mean_t
    grid = np.linspace(t.min(), t.max(), max(int(points), 2))
    fitted = intercept + slope * grid
    t_crit = float(stdtrit(trend.df, 0.5 + trend.confidence / 2))
    se_fit = float(trend.standard_error) * np.sqrt(sxx / t.size + (grid - mean_t) ** 2)
    return {
        "years": t.tolist(),
        "observed": r.tolist(),
        "line_years": grid.tolist(),
        "fitted": np.exp(fitted).tolist(),
        "lower": np.exp(fitted - t_crit * se_fit).tolist(),
        "upper": np.exp(fitted + t_crit * se_fit).tolist(),
        "apc": float(trend.value),
        "apc_lower": float(trend.lower),
        "apc_upper": float(trend.upper),
        "confidence": float(trend.confidence),
        "method": str(trend.method),
    }
