"""Plots of the evaluation results (matplotlib, optional: ``pip install 'dpssec[plot]'``).

The ``plot()`` methods of :class:`~dpssec.evaluation.ITSResult` and
:class:`~dpssec.evaluation.JoinpointResult` call these functions. They draw on the Axes given
(or on a new figure's), never change matplotlib's global style, label the axes with the
quantity and its unit, and return the Axes so that a caller can add to the figure.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["plot_its", "plot_joinpoint", "require_matplotlib"]


def require_matplotlib() -> Any:
    """Import ``matplotlib.pyplot`` or raise an ImportError naming the ``plot`` extra."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - exercised only without matplotlib
        raise ImportError(
            "plot() needs matplotlib, which is optional: pip install 'dpssec[plot]'"
        ) from None
    return plt


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    plt = require_matplotlib()
    _, ax = plt.subplots()
    return ax


def plot_its(result: Any, ax: Any = None, **kwargs: Any) -> Any:
    """Observed series, fitted segmented model, counterfactual and intervention line(s).

    ``kwargs`` go to the fitted line (``color``, ``linewidth``...).
    """
    require_matplotlib()
    ax = _axes(ax)
    dates = result.dates
    x = dates if dates is not None else result.t
    scale = result.plot_scale()
    ax.plot(x, result.observed * scale, "o", color="0.35", markersize=3.5, label="observed")
    line = {"color": "C0", "label": "fitted (segmented regression)"} | kwargs
    ax.plot(x, result.fitted * scale, **line)
    after = result.t >= result.intervention_times[0]
    ax.plot(
        x[after],
        (result.counterfactual * scale)[after],
        linestyle="--",
        color=line["color"],
        label="counterfactual (pre-intervention trend continued)",
    )
    for i, position in enumerate(result.intervention_times):
        first = int(np.argmax(result.t >= position))
        ax.axvline(
            x[first],
            color="0.5",
            linestyle=":",
            label="intervention" if i == 0 else None,
        )
    ax.set_xlabel("date" if dates is not None else f"time [{result.time_unit}]")
    ax.set_ylabel(result.outcome)
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_joinpoint(result: Any, ax: Any = None, **kwargs: Any) -> Any:
    """Observed values, the fitted joinpoint model and its joinpoints, APC in the legend.

    ``kwargs`` go to the fitted line.
    """
    require_matplotlib()
    ax = _axes(ax)
    ax.plot(result.years, result.values, "o", color="0.35", markersize=3.5, label="observed")
    label = "; ".join(
        f"{s.start:g}-{s.end:g}: {s.estimate.value:+.2f}"
        + (" %/yr" if result.model == "loglinear" else "/yr")
        for s in result.segments
    )
    line = {"color": "C1", "label": f"{result.model} joinpoint model ({label})"} | kwargs
    ax.plot(result.years, result.fitted, **line)
    for i, year in enumerate(result.joinpoints):
        ax.axvline(year, color="0.5", linestyle=":", label="joinpoint" if i == 0 else None)
    ax.set_xlabel("year")
    ax.set_ylabel(result.outcome)
    ax.legend(loc="best", fontsize="small")
    return ax
