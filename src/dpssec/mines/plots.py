"""Pictures of mine action: the priority chart, the land-release burn-down, the OC curve.

Behind the ``plot()`` methods (matplotlib is the optional ``plot`` extra):

* :func:`plot_priorities`: each area's score stacked by criterion contribution, in rank order
  (``Prioritisation.plot``);
* :func:`plot_burndown`: remaining area over time, the history, the band between the
  recent-mean and linear-trend projections, the constant rate needed and the Article 5
  deadline (``Forecast.plot``);
* :func:`plot_oc_curve`: the operating characteristic of a QC sampling plan with the
  producer's and consumer's risk points (``SamplingPlan.plot``).

The geometry comes from :mod:`dpssec.mines.plot_geometry` and
:meth:`~dpssec.mines.sampling_plan.SamplingPlan.oc_curve`; nothing changes matplotlib's global
settings.

For example:

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from dpssec.mines.forecast import completion_forecast
>>> ax = completion_forecast(300_000, {2022: 100_000, 2023: 100_000}, deadline=2025).plot()
>>> ax.get_ylabel()
'remaining area [m²]'
"""

from __future__ import annotations

from typing import Any

from dpssec.mines.plot_geometry import burndown_curves, priority_segments
from dpssec.plotting import (
    PALETTE,
    VIOLATION_STYLE,
    axes_or_new,
    axis_label,
    series_colour,
)

__all__ = ["plot_burndown", "plot_oc_curve", "plot_priorities"]


def plot_priorities(
    prioritisation: Any,
    ax: Any = None,
    *,
    top: int | None = 15,
    title: str | None = None,
    **kwargs: Any,
) -> Any:
    """Each area's score stacked by criterion contribution, rank 1 at the top.

    Parameters
    ----------
    prioritisation : Prioritisation
    ax : matplotlib Axes, optional
    top : int or None
        Areas shown (default the first 15; None for all).
    title : str, optional
        Default: the method, flagged when its weights or bands are unverified.
    **kwargs
        Passed to matplotlib for the bar segments (``alpha``, ``height``, ``edgecolor``...).

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    Segments are the contributions that :meth:`~dpssec.mines.Prioritisation.explain` lists:
    for a points scheme or a weighted sum they add up to the score written at the end of each
    bar. TOPSIS closeness is not a sum of criterion parts, so its bars are not split.
    """
    data = priority_segments(prioritisation, top=top)
    areas = data["areas"]
    ax = axes_or_new(ax, figsize=(8.0, max(2.5, 0.35 * len(areas) + 1.5)))
    criteria = data["criteria"] if data["additive"] else ["closeness"]
    labels = data["labels"] if data["additive"] else ["TOPSIS closeness"]
    hatches = (None, "//", "..", "xx", "\\\\", "++", "oo", "--")
    for j, criterion in enumerate(criteria):
        pieces = [
            (area["y"], segment)
            for area in areas
            for segment in area["segments"]
            if segment["criterion"] == criterion
        ]
        if not pieces:
            continue
        style = {
            "color": series_colour(j),
            "hatch": hatches[j % len(hatches)],
            "edgecolor": PALETTE["black"],
            "linewidth": 0.5,
            "label": labels[j],
        }
        ax.barh(
            [y for y, _ in pieces],
            [s["width"] for _, s in pieces],
            left=[s["start"] for _, s in pieces],
            **(style | kwargs),
        )
    for area in areas:
        text = f" {area['score']:.3g}" + (f" ({area['category']})" if area["category"] else "")
        ax.text(area["score"], area["y"], text, va="center", ha="left", fontsize="small")
    ax.set_yticks([a["y"] for a in areas])
    ax.set_yticklabels([f"{a['rank']}. {a['id']}" for a in areas])
    ax.set_ylim(-0.6, len(areas) - 0.4)
    high = max((a["score"] for a in areas), default=1.0)
    ax.set_xlim(0.0, 1.2 * high if high > 0 else 1.0)
    unit = "points" if prioritisation.kinds else "0-1"
    quantity = "TOPSIS closeness" if not data["additive"] else "priority score"
    ax.set_xlabel(axis_label(quantity, unit))
    ax.set_ylabel("hazardous area (rank. id)")
    flag = "" if data["verified"] or "unverified" in data["method"] else " [unverified]"
    ax.set_title(title or f"Priorities with {data['method']}{flag}", fontsize="medium")
    ax.legend(loc="lower right", fontsize="small", title="criterion")
    return ax


def plot_burndown(
    forecast: Any,
    ax: Any = None,
    *,
    annual_release: Any = None,
    years: Any = None,
    area_unit: str = "m²",
    title: str | None = None,
    **kwargs: Any,
) -> Any:
    """Remaining area over time with the forecast band and the Article 5 deadline.

    Parameters
    ----------
    forecast : Forecast
    ax : matplotlib Axes, optional
    annual_release, years : optional
        The release history the forecast was made from, to draw the past (see
        :func:`~dpssec.mines.plot_geometry.burndown_curves`).
    area_unit : {"m²", "km²", "ha"}
        Unit of the area axis.
    title : str, optional
    **kwargs
        Passed to matplotlib for the recent-mean projection line (``color``, ``linewidth``,
        ``alpha``...).

    Returns
    -------
    matplotlib Axes
    """
    data = burndown_curves(forecast, annual_release, years=years)
    scale = {"m²": 1.0, "km²": 1e-6, "ha": 1e-4}[area_unit]
    ax = axes_or_new(ax)

    def scaled(values: list[float]) -> list[float]:
        return [v * scale for v in values]

    if data["history"]["position"]:
        ax.plot(
            data["history"]["position"],
            scaled(data["history"]["remaining"]),
            color=PALETTE["black"],
            marker="o",
            label="remaining (history)",
        )
    recent = data["recent_years"]
    history = data["history_years"]
    ax.fill_between(
        data["band"]["position"],
        scaled(data["band"]["lower"]),
        scaled(data["band"]["upper"]),
        color=PALETTE["sky_blue"],
        alpha=0.35,
        linewidth=0,
        label="forecast band (between the two projections)",
    )
    mean = {
        "color": PALETTE["blue"],
        "linewidth": 2.0,
        "label": f"mean release {recent[0]}-{recent[-1]}: "
        f"{data['mean_release'] * scale:,.0f} {area_unit}/year",
    }
    ax.plot(data["mean"]["position"], scaled(data["mean"]["remaining"]), **(mean | kwargs))
    ax.plot(
        data["trend"]["position"],
        scaled(data["trend"]["remaining"]),
        color=PALETTE["orange"],
        linewidth=2.0,
        linestyle="-.",
        label=f"linear trend {history[0]}-{history[-1]}",
    )
    if data["required"] is not None:
        ax.plot(
            data["required"]["position"],
            scaled(data["required"]["remaining"]),
            color=PALETTE["bluish_green"],
            linestyle=":",
            linewidth=2.0,
            label=f"needed: {data['required_release'] * scale:,.0f} {area_unit}/year",
        )
        ax.axvline(
            data["deadline"],
            color=VIOLATION_STYLE["color"],
            linestyle=VIOLATION_STYLE["linestyle"],
            linewidth=VIOLATION_STYLE["linewidth"],
            label=f"Article 5 deadline {data['deadline_date']}",
        )
    ax.set_ylim(bottom=0.0)
    ax.set_xlabel(axis_label("year", "calendar year"))
    ax.set_ylabel(axis_label("remaining area", area_unit))
    ax.set_title(
        title or "Land-release burn-down: projections, not standards (APMBC Article 5)",
        fontsize="medium",
    )
    ax.legend(loc="upper right", fontsize="small")
    return ax


def plot_oc_curve(
    plan: Any,
    ax: Any = None,
    *,
    defect_rates: Any = None,
    title: str | None = None,
    **kwargs: Any,
) -> Any:
    """The OC curve of a sampling plan with the producer's and consumer's risk points.

    Parameters
    ----------
    plan : SamplingPlan
    ax : matplotlib Axes, optional
    defect_rates : array-like, optional
        Rates to evaluate [fraction] (default: see
        :meth:`~dpssec.mines.sampling_plan.SamplingPlan.oc_curve`).
    title : str, optional
    **kwargs
        Passed to matplotlib for the OC curve (``color``, ``linewidth``, ``alpha``...).

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    The x axis is in percent of sub-plots defective. The producer's risk is the gap between
    the curve and 1 at the acceptable quality; the consumer's risk is the curve's height at
    the limiting quality.
    """
    curve = plan.oc_curve(defect_rates)
    ax = axes_or_new(ax)
    rates = [100 * p for p in curve["defect_rate"]]
    lot = f", N = {curve['lot_size']}" if curve["lot_size"] is not None else ""
    line = {
        "color": PALETTE["blue"],
        "linewidth": 2.0,
        "label": f"OC curve n = {curve['sample_size']}, c = {curve['acceptance_number']}{lot} "
        f"({curve['model']})",
    }
    ax.plot(rates, curve["acceptance"], **(line | kwargs))
    producer = curve["producer_point"]
    if producer is not None:
        ax.plot(
            [100 * producer["defect_rate"]],
            [producer["acceptance"]],
            linestyle="none",
            marker="o",
            markersize=8,
            color=PALETTE["bluish_green"],
            label=f"producer's risk α = {producer['risk']:.3f} at AQL "
            f"{100 * producer['defect_rate']:g} %",
        )
        ax.vlines(
            100 * producer["defect_rate"],
            producer["acceptance"],
            1.0,
            color=PALETTE["bluish_green"],
            linestyle=":",
        )
    consumer = curve["consumer_point"]
    if consumer is not None:
        ax.plot(
            [100 * consumer["defect_rate"]],
            [consumer["acceptance"]],
            linestyle="none",
            marker="X",
            markersize=9,
            color=PALETTE["vermillion"],
            label=f"consumer's risk β = {consumer['risk']:.3f} at LQ "
            f"{100 * consumer['defect_rate']:g} %",
        )
        ax.vlines(
            100 * consumer["defect_rate"],
            0.0,
            consumer["acceptance"],
            color=PALETTE["vermillion"],
            linestyle="--",
        )
    ax.set_ylim(0.0, 1.05)
    ax.set_xlim(left=0.0)
    ax.set_xlabel(axis_label("defect rate p", "% of sub-plots defective"))
    ax.set_ylabel(axis_label("probability of accepting the lot P_a", "probability"))
    ax.set_title(
        title
        or "Operating characteristic (OC) of a QC sampling plan\n"
        "(attribute sampling from first principles)",
        fontsize="medium",
    )
    ax.legend(loc="upper right", fontsize="small")
    return ax
