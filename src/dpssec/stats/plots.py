"""Pictures of the shared statistics, drawn with matplotlib (the optional ``plot`` extra).

* :func:`plot_forest`: estimates with their intervals across countries or programmes, sorted,
  with suppressed cells marked and an overall (regional) value; behind
  :meth:`Estimate.plot <dpssec.stats.Estimate.plot>` and the prevention results' ``plot()``;
* :func:`plot_survival_curves`: Kaplan-Meier curves with their bands, as survival or
  cumulative incidence, with the number at risk below the axis (as lifelines'
  ``add_at_risk_counts`` does); behind :meth:`SurvivalCurve.plot
  <dpssec.stats.SurvivalCurve.plot>`.

Each function returns the matplotlib Axes it drew on (a new figure's when ``ax`` is None) and
changes no global setting. The geometry comes from :mod:`dpssec.stats.plot_geometry`.

For example:

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from dpssec.stats import poisson_rate
>>> from dpssec.stats.plots import plot_forest
>>> ax = plot_forest(poisson_rate([12, 40], [50_000, 90_000]), labels=["A", "B"])
>>> ax.get_xlabel()
'rate [per 100,000 population]'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from dpssec.errors import InputError
from dpssec.plotting import (
    PALETTE,
    axes_or_new,
    axis_label,
    confidence_text,
    series_colour,
    time_conversion,
)
from dpssec.stats.plot_geometry import at_risk_counts, forest_layout, survival_steps

__all__ = ["plot_forest", "plot_survival_curves", "value_axis_label"]

_SCALES = {100_000.0: "per 100,000 population", 1_000.0: "per 1,000", 100.0: "%"}


def value_axis_label(multiplier: float | None, method: str = "") -> str:
    """The value axis of an estimate: a rate per its multiplier, a ratio, a share or a value.

    Examples
    --------
    >>> from dpssec.stats.plots import value_axis_label
    >>> value_axis_label(100_000), value_axis_label(None, "katz"), value_axis_label(1)
    ('rate [per 100,000 population]', 'ratio [1 = no difference]', 'proportion [0-1]')
    """
    lowered = method.lower()
    if "ratio" in lowered or "katz" in lowered or lowered.startswith("isr"):
        return axis_label("ratio", "1 = no difference")
    if multiplier is None:
        return axis_label("estimate", "unit of the input")
    if multiplier == 1.0:
        return axis_label("proportion", "0-1")
    if multiplier == 100.0:
        return axis_label("percentage", "%")
    return axis_label("rate", _SCALES.get(float(multiplier), f"per {multiplier:,.0f}"))


def plot_forest(
    result: Any,
    ax: Any = None,
    *,
    labels: Sequence[Any] | None = None,
    sort: str = "descending",
    overall: Any = None,
    overall_label: str = "overall",
    xlabel: str | None = None,
    title: str | None = None,
    null_value: float | None = None,
    log_scale: bool = False,
    color: str | None = None,
    **kwargs: Any,
) -> Any:
    """Forest plot: one estimate with its interval per row, sorted, suppressed cells marked.

    Parameters
    ----------
    result : Estimate, IndicatorEstimate or IndicatorTable
        Estimates with their limits (see :func:`~dpssec.stats.plot_geometry.forest_layout`).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    labels : sequence, optional
        Row labels (default: group labels, table keys or ``row i``).
    sort : {"descending", "ascending", "label", "none"}
        Row order from the top; suppressed and missing rows last.
    overall : Estimate or float, optional
        Overall (regional) value: a diamond below the rows and a dotted vertical line.
    overall_label : str
        Its label (e.g. ``"Americas"``).
    xlabel : str, optional
        Value axis label with its unit; default from the multiplier or method
        (:func:`value_axis_label`).
    title : str, optional
        Default: the indicator, the confidence level and the interval method.
    null_value : float, optional
        A reference line (1 for ratios, 0 for differences); drawn at 1 by default when the
        method is a ratio.
    log_scale : bool
        Logarithmic value axis (ratios).
    color : str, optional
        Colour of the estimates (default: Okabe-Ito blue).
    **kwargs
        Passed to matplotlib for the estimates' markers (``marker``, ``markersize``,
        ``alpha``...); a ``color`` here colours the intervals too.

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    Suppressed rows (a suppression rule applies, value blanked) are kept in their own rows at
    the bottom, labelled "suppressed" with the rule; rows without a value and no flag are
    labelled "no value". Neither is dropped silently.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from dpssec.prevention import crime_rate
    >>> rates = crime_rate([3, 40, 90], [2_000, 120_000, 150_000], min_count=5,
    ...                    by=["north", "south", "east"])
    >>> ax = plot_forest(rates)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['east', 'south', 'north']
    >>> any("suppressed" in t.get_text() for t in ax.texts)
    True
    """
    layout = forest_layout(result, labels, sort=sort, overall=overall, overall_label=overall_label)
    ax = axes_or_new(ax, figsize=(7.0, max(2.5, 0.32 * len(layout["rows"]) + 1.6)))
    colour = kwargs.get("color", color or PALETTE["blue"])
    level = confidence_text(layout["confidence"])
    method = layout["method"]
    drawn = [r for r in layout["rows"] if r["value"] is not None]
    blank = [r for r in layout["rows"] if r["value"] is None]
    interval_label = f"estimate and {level} interval" + (f" ({method})" if method else "")
    if drawn:
        ys = [r["y"] for r in drawn]
        lows = [r["lower"] if r["lower"] is not None else r["value"] for r in drawn]
        highs = [r["upper"] if r["upper"] is not None else r["value"] for r in drawn]
        ax.hlines(ys, lows, highs, color=colour, linewidth=1.5, alpha=kwargs.get("alpha"))
        markers = {"linestyle": "none", "marker": "s", "color": colour, "label": interval_label}
        ax.plot([r["value"] for r in drawn], ys, **(markers | kwargs))
    for row in blank:
        word = "suppressed" if row["suppressed"] else "no value"
        note = row["note"] if row["note"] and row["note"] != word else ""
        ax.text(
            0.02,
            row["y"],
            f"{word} ({note})" if note else word,
            transform=ax.get_yaxis_transform(),
            va="center",
            ha="left",
            fontstyle="italic",
            color=PALETTE["grey"],
        )
    if any(r["suppressed"] for r in blank):
        rule = layout["suppression_rule"]
        ax.plot(
            [],
            [],
            linestyle="none",
            marker="$\\varnothing$",
            color=PALETTE["grey"],
            label="suppressed" + (f": {rule}" if rule else ""),
        )
    total = layout["overall"]
    if total is not None and total["value"] is not None:
        text = f"{total['label']}: {total['value']:.3g}"
        if total["lower"] is not None and total["upper"] != total["lower"]:
            text += f" ({level} {total['lower']:.3g}-{total['upper']:.3g})"
            ax.hlines([total["y"]], [total["lower"]], [total["upper"]], color=PALETTE["black"])
        ax.plot(
            [total["value"]],
            [total["y"]],
            linestyle="none",
            marker="D",
            markersize=8,
            color=PALETTE["black"],
            label=text,
        )
        ax.axvline(total["value"], color=PALETTE["black"], linestyle=":", linewidth=1.0)
        ax.axhline(-0.75, color=PALETTE["grey"], linewidth=0.5)
    ratio_like = "ratio" in method.lower() or "katz" in method.lower()
    reference = null_value if null_value is not None else (1.0 if ratio_like else None)
    if reference is not None:
        ax.axvline(reference, color=PALETTE["grey"], linestyle="-", linewidth=1.0)
    if log_scale:
        ax.set_xscale("log")
    ticks = [r["y"] for r in layout["rows"]]
    names = [r["label"] for r in layout["rows"]]
    if total is not None:
        ticks.append(total["y"])
        names.append(total["label"])
    ax.set_yticks(ticks)
    ax.set_yticklabels(names)
    bottom = (total["y"] if total is not None else 0.0) - 0.75
    ax.set_ylim(bottom, len(layout["rows"]) - 0.25)
    ax.set_xlabel(xlabel or value_axis_label(layout["multiplier"], method))
    what = layout["indicator"] or "Estimates"
    ax.set_title(
        title or f"{what}: {level} confidence intervals" + (f" ({method})" if method else "")
    )
    # beside the axes: inside, it would cover the bottom rows (suppressed cells, the
    # regional value) wherever it went
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    return ax


def _curve_items(curves: Any) -> list[tuple[str, Any]]:
    if hasattr(curves, "survival") and hasattr(curves, "time"):
        return [("", curves)]
    if isinstance(curves, Mapping):
        return [(str(k), v) for k, v in curves.items()]
    items = list(curves)
    if all(isinstance(i, tuple) and len(i) == 2 for i in items):
        return [(str(k), v) for k, v in items]
    return [(f"group {i + 1}", c) for i, c in enumerate(items)]


def plot_survival_curves(
    curves: Any,
    ax: Any = None,
    *,
    kind: str = "survival",
    show_ci: bool = True,
    time_unit: str | None = None,
    data_unit: str = "days",
    xlabel: str | None = None,
    ylabel: str | None = None,
    at_risk: bool = True,
    at_risk_times: Any = None,
    title: str | None = None,
    mark_time: float | None = None,
    mark_label: str | None = None,
    colors: Sequence[str] | None = None,
    **kwargs: Any,
) -> Any:
    """Kaplan-Meier curves with their bands and the number at risk below the axis.

    Parameters
    ----------
    curves : SurvivalCurve, mapping label -> SurvivalCurve, or sequence of (label, curve)
        The curves; labels go to the legend (an empty label is left out of it).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    kind : {"survival", "cumulative_incidence"}
        ``S(t)``, or ``1 - S(t)`` (e.g. the share who reoffended by ``t``).
    show_ci : bool
        Draw each curve's pointwise confidence band.
    time_unit : str, optional
        Unit the time axis is drawn in: the curves' times are converted to it from
        ``data_unit`` with pint (``"weeks"``, ``"months"``, ``"years"``: a year of 365.25
        days, a month of a twelfth of it); default ``data_unit``. A unit that is not a time
        is refused.
    data_unit : str
        Unit of the curves' times: ``"days"`` (curves built from days or Quantities, which
        are converted to days); name the unit of curves built from plain numbers in another
        unit (``"weeks"``).
    xlabel, ylabel : str, optional
        Axis labels (defaults name the quantity and its unit).
    at_risk : bool
        Write the number at risk of each curve below the axis, at ``at_risk_times``.
    at_risk_times : array-like, optional
        Times of the at-risk table [time_unit]; default: the axis ticks within the curves'
        range.
    title : str, optional
        Default: "Kaplan-Meier, <level> <method> interval".
    mark_time : float, optional
        A vertical line at this time [time_unit] (a follow-up window, a time standard).
    mark_label : str, optional
        Its legend entry.
    colors : sequence of str, optional
        One colour per curve (default: the Okabe-Ito order).
    **kwargs
        Passed to matplotlib for every curve's step line (``color``, ``linewidth``,
        ``alpha``...); a ``color`` here colours the bands too.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from dpssec.stats import kaplan_meier
    >>> from dpssec.stats.plots import plot_survival_curves
    >>> a = kaplan_meier([5, 8, 12, 12, 20, 31], [1, 0, 1, 1, 0, 1])
    >>> b = kaplan_meier([3, 4, 9, 10, 15, 22], [1, 1, 1, 0, 1, 1])
    >>> ax = plot_survival_curves({"A": a, "B": b}, at_risk_times=[0, 10, 20, 30])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A', 'B']
    >>> ax.get_xlabel()
    'time [days]'
    """
    items = _curve_items(curves)
    if not items:
        raise InputError("plot_survival_curves needs at least one curve")
    factor, unit = time_conversion(data_unit, time_unit)
    ax = axes_or_new(ax)
    ends = []
    palette = []
    for n, (label, curve) in enumerate(items):
        steps = survival_steps(curve, kind=kind)
        times = np.asarray(steps["time"], dtype=float) * factor
        default = colors[n] if colors is not None and n < len(colors) else series_colour(n)
        colour = kwargs.get("color", default)
        palette.append(colour)
        line = {"where": "post", "color": colour, "label": label if label else None}
        ax.step(times, steps["value"], **(line | kwargs))
        if show_ci:
            ax.fill_between(
                times,
                steps["lower"],
                steps["upper"],
                step="post",
                alpha=0.2,
                color=colour,
                linewidth=0,
            )
        ends.append(float(times[-1]))
    if mark_time is not None:
        ax.axvline(
            float(mark_time),
            color=PALETTE["black"],
            linestyle="--",
            linewidth=1.0,
            label=mark_label,
        )
    ax.set_ylim(0.0, 1.05)
    ax.set_xlim(left=min(0.0, *(factor * float(c.time[0]) for _, c in items if c.time.size)))
    quantity = "survival S(t)" if kind == "survival" else "cumulative incidence 1 - S(t)"
    ax.set_ylabel(ylabel or axis_label(quantity, "probability"))
    ax.set_xlabel(xlabel or axis_label("time", unit))
    first = items[0][1]
    level = confidence_text(first.confidence)
    ax.set_title(title or f"Kaplan-Meier, {level} {first.ci_method} interval")
    if any(label for label, _ in items) or mark_label:
        ax.legend(loc="best", fontsize="small")
    if at_risk:
        _at_risk_table(ax, items, at_risk_times, max(ends), palette, factor)
    return ax


def _at_risk_table(
    ax: Any,
    items: list[tuple[str, Any]],
    times: Any,
    end: float,
    palette: list[str],
    factor: float = 1.0,
) -> None:
    """Numbers at risk written below the x axis, one row per curve (lifelines' layout).

    ``times`` and ``end`` are on the drawn axis; ``factor`` converts the curves' times to it.
    """
    if times is None:
        ticks = np.asarray(ax.get_xticks(), dtype=float)
        low, high = ax.get_xlim()
        times = ticks[(ticks >= max(low, 0.0)) & (ticks <= min(high, end))]
    points = np.atleast_1d(np.asarray(times, dtype=float))
    ax.annotate(
        "Number at risk",
        xy=(0.0, 0.0),
        xycoords="axes fraction",
        xytext=(-18, -44),
        textcoords="offset points",
        ha="right",
        va="top",
        fontsize="small",
        fontweight="bold",
    )
    for row, (label, curve) in enumerate(items):
        counts = at_risk_counts(curve, points / factor)
        offset = -44 - 12 * (row + 1)
        ax.annotate(
            label or "at risk",
            xy=(0.0, 0.0),
            xycoords="axes fraction",
            xytext=(-18, offset),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize="small",
            color=palette[row],
        )
        for t, count in zip(points, counts, strict=True):
            ax.annotate(
                f"{count:g}",
                xy=(float(t), 0.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, offset),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize="small",
            )
