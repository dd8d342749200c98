"""Plots of the evaluation results (matplotlib, optional: ``pip install 'dpssec[plot]'``).

The ``plot()`` methods of :class:`~dpssec.evaluation.ITSResult` and
:class:`~dpssec.evaluation.JoinpointResult` call these functions. They draw on the Axes given
(or on a new figure's), never change matplotlib's global style, label the axes with the
quantity and its unit, title the picture with the method and the estimate with its
confidence level, and return the Axes so that a caller can add to the figure. What is drawn
comes from :mod:`dpssec.evaluation.plot_geometry` (plain data, for other plotting libraries).

For example:

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from dpssec.evaluation import interrupted_time_series
>>> its = interrupted_time_series(
...     [51, 47, 59, 53, 58, 49, 49, 45, 48, 61, 45, 45, 48, 48, 46, 50, 49, 56, 49, 40],
...     list(range(1, 21)), 11, family="poisson")
>>> ax = its.plot()
>>> ax.get_ylabel(), ax.get_xlabel()
('events [per period]', 'time [period]')
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.evaluation.plot_geometry import its_lines, joinpoint_lines
from dpssec.plotting import PALETTE, axes_or_new, require_matplotlib, series_colour

__all__ = ["plot_its", "plot_joinpoint", "require_matplotlib"]


def plot_its(
    result: Any, ax: Any = None, *, unit: str | None = None, title: str | None = None, **kwargs: Any
) -> Any:
    """Observed series, fitted segmented model, counterfactual and intervention line(s).

    Parameters
    ----------
    result : ITSResult
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    unit : str, optional
        Unit of the outcome for the y label (a Gaussian series of values).
    title : str, optional
        Default: the family and the level change with its interval.
    **kwargs
        Passed to the fitted line (``color``, ``linewidth``...); the counterfactual takes
        the same colour.

    Returns
    -------
    matplotlib Axes
    """
    ax = axes_or_new(ax)
    lines = its_lines(result, unit=unit)
    dates = result.dates
    x = dates if dates is not None else np.asarray(lines["x"], dtype=float)
    after = result.t >= result.intervention_times[0]
    ax.plot(x, lines["observed"], "o", color=PALETTE["grey"], markersize=3.5, label="observed")
    line = {"color": series_colour(0), "label": "fitted (segmented regression)"} | kwargs
    ax.plot(x, lines["fitted"], **line)
    ax.plot(
        x[after],
        lines["counterfactual"],
        linestyle="--",
        color=line["color"],
        label="counterfactual (pre-intervention trend continued)",
    )
    marks = (
        dates[[int(np.argmax(result.t >= p)) for p in result.intervention_times]]
        if (dates is not None)
        else np.asarray(lines["interventions"], dtype=float)
    )
    for i, (position, label) in enumerate(zip(marks, lines["intervention_labels"], strict=True)):
        ax.axvline(
            position,
            color=PALETTE["black"],
            linestyle=":",
            linewidth=1.0,
            label=f"intervention ({label})" if i == 0 else f"change point ({label})",
        )
    ax.set_xlabel(lines["xlabel"])
    ax.set_ylabel(lines["ylabel"])
    ax.set_title(title or lines["title"], fontsize="medium")
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_joinpoint(
    result: Any,
    ax: Any = None,
    *,
    unit: str | None = None,
    title: str | None = None,
    band: bool = True,
    **kwargs: Any,
) -> Any:
    """Observed values, the fitted joinpoint model with its band, and the joinpoints.

    Parameters
    ----------
    result : JoinpointResult
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    unit : str, optional
        Unit of the values for the y label (e.g. ``"per 100,000"``).
    title : str, optional
        Default: the model, the selection and the AAPC with its interval.
    band : bool
        Shade the fitted model's pointwise confidence band (joinpoints treated as known).
    **kwargs
        Passed to the fitted line (``color``, ``linewidth``...); the band takes its colour.

    Returns
    -------
    matplotlib Axes
    """
    ax = axes_or_new(ax)
    lines = joinpoint_lines(result, unit=unit)
    years = np.asarray(lines["years"], dtype=float)
    ax.plot(years, lines["observed"], "o", color=PALETTE["grey"], markersize=3.5, label="observed")
    label = "\n".join([f"{result.model} joinpoint model", *lines["segments"]])
    line = {"color": series_colour(1), "label": label} | kwargs
    ax.plot(years, lines["fitted"], **line)
    if band and lines["lower"]:
        ax.fill_between(
            years,
            lines["lower"],
            lines["upper"],
            color=line["color"],
            alpha=0.2,
            linewidth=0,
            label=lines["band_label"],
        )
    for i, year in enumerate(lines["joinpoints"]):
        ax.axvline(
            year,
            color=PALETTE["black"],
            linestyle=":",
            linewidth=1.0,
            label="joinpoint" if i == 0 else None,
        )
    ax.set_xlabel(lines["xlabel"])
    ax.set_ylabel(lines["ylabel"])
    ax.set_title(title or lines["title"], fontsize="medium")
    # the segments' APCs make a tall legend: beside the axes, never over the data
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    return ax
