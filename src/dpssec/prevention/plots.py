"""Pictures of the prevention indicators, drawn with matplotlib (the optional ``plot`` extra).

* rates and ratios across countries or areas with their intervals: the forest plot of
  :func:`dpssec.stats.plots.plot_forest`, reached through ``IndicatorEstimate.plot()`` and
  :meth:`IndicatorTable.plot <dpssec.prevention.IndicatorTable.plot>` (suppressed cells are
  kept in their rows and marked);
* :func:`plot_apc_trend`: observed rates, the fitted annual-percent-change line and its band;
  behind :meth:`TrendEstimate.plot <dpssec.prevention.TrendEstimate.plot>`.

For example:

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from dpssec.prevention import annual_percent_change
>>> from dpssec.prevention.plots import plot_apc_trend
>>> years, rates = [2000, 2001, 2002, 2003, 2004], [50.9, 54.8, 55.8, 61.4, 53.8]
>>> ax = plot_apc_trend(annual_percent_change(years, rates), years=years, rates=rates)
>>> ax.get_xlabel()
'year [calendar year]'
"""

from __future__ import annotations

from typing import Any

from dpssec.plotting import PALETTE, axes_or_new, axis_label, confidence_text
from dpssec.prevention.plot_geometry import apc_trend_lines

__all__ = ["plot_apc_trend"]


def plot_apc_trend(
    trend: Any,
    ax: Any = None,
    *,
    years: Any,
    rates: Any,
    rate_unit: str = "per 100,000 population",
    label: str | None = None,
    title: str | None = None,
    log_scale: bool = False,
    **kwargs: Any,
) -> Any:
    """Observed rates, the fitted log-linear trend and its confidence band.

    Parameters
    ----------
    trend : TrendEstimate
        One series' :func:`~dpssec.prevention.annual_percent_change`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    years, rates : array-like
        The data the trend was fitted to.
    rate_unit : str
        Unit of the rates for the y axis.
    label : str, optional
        Name of the series (a country), for the legend and the title.
    title : str, optional
        Default: the series, the APC with its interval, the method.
    log_scale : bool
        Logarithmic rate axis (the fitted line is then straight).
    **kwargs
        Passed to matplotlib for the fitted line (``color``, ``linewidth``...); its band
        takes the same colour.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from dpssec.prevention import annual_percent_change
    >>> years, rates = [2019, 2020, 2021, 2022], [10.0, 11.5, 12.1, 13.9]
    >>> ax = annual_percent_change(years, rates).plot(years=years, rates=rates, label="X")
    >>> [t.get_text() for t in ax.get_legend().get_texts()][:2]
    ['X, observed', 'fitted trend, APC +10.9 % per year']
    """
    lines = apc_trend_lines(trend, years, rates)
    ax = axes_or_new(ax)
    level = confidence_text(lines["confidence"])
    name = label or "observed"
    ax.plot(
        lines["years"],
        lines["observed"],
        linestyle="none",
        marker="o",
        color=PALETTE["black"],
        label=f"{label}, observed" if label else "observed",
    )
    colour = kwargs.get("color", PALETTE["blue"])
    fitted = {
        "color": colour,
        "linewidth": 2.0,
        "label": f"fitted trend, APC {lines['apc']:+.1f} % per year",
    }
    ax.plot(lines["line_years"], lines["fitted"], **(fitted | kwargs))
    ax.fill_between(
        lines["line_years"],
        lines["lower"],
        lines["upper"],
        color=colour,
        alpha=0.2,
        linewidth=0,
        label=f"{level} confidence band of the fitted line",
    )
    if log_scale:
        ax.set_yscale("log")
    ax.set_xlabel(axis_label("year", "calendar year"))
    ax.set_ylabel(axis_label("rate", rate_unit))
    ax.set_title(
        title
        or (
            f"{name if label else 'Trend'}: APC {lines['apc']:+.1f} % per year\n"
            f"({level} CI {lines['apc_lower']:+.1f} to {lines['apc_upper']:+.1f}; "
            f"{lines['method']})"
        ),
        fontsize="medium",
    )
    ax.legend(loc="best", fontsize="small")
    return ax
