"""Pictures of prison occupancy, programme comparisons and court caseflow (matplotlib).

Behind the ``plot()`` methods of the justice results (matplotlib is the optional ``plot``
extra):

* :func:`plot_occupancy`: occupancy per prison or state with 100 % and the chosen threshold
  preset drawn (``OccupancyClassification.plot``);
* :func:`plot_system_overcrowding`: places and persons held as two stacked bars, the
  surplus and the free places that the system ratio hides (``SystemOvercrowding.plot``);
* :func:`plot_programme_comparison`: the two groups' recidivism curves with their bands, the
  window and the number at risk below the axis (``ProgrammeComparison.plot``);
* :func:`plot_caseflow`: incoming and resolved cases as bars, the pending stock as a line,
  the clearance rate written above (``CaseflowTable.plot``);
* :func:`plot_time_to_disposition`: the share of cases disposed by days since filing, with
  the time standard and the target marked (``TimeToDisposition.plot``).

The geometry comes from :mod:`dpssec.justice.plot_geometry`; nothing changes matplotlib's
global settings.

For example:

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from dpssec.justice import classify_occupancy
>>> ax = classify_occupancy([95, 130, 110]).plot(labels=["A", "B", "C"])
>>> ax.get_xlabel()
'occupancy [% of official capacity]'
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np

from dpssec.justice.plot_geometry import (
    caseflow_series,
    disposition_curve,
    occupancy_bars,
    system_overcrowding_bars,
)
from dpssec.plotting import (
    PALETTE,
    VIOLATION_STYLE,
    axes_or_new,
    axis_label,
    confidence_text,
    time_conversion,
)

__all__ = [
    "plot_caseflow",
    "plot_occupancy",
    "plot_programme_comparison",
    "plot_system_overcrowding",
    "plot_time_to_disposition",
]

# band 0 within capacity, then increasingly serious bands: colour, and hatch for grey print
_BAND_COLOURS = (PALETTE["sky_blue"], PALETTE["orange"], PALETTE["vermillion"])
_BAND_HATCHES = (None, "//", "xx")


def plot_occupancy(
    classification: Any,
    ax: Any = None,
    *,
    labels: Sequence[Any] | None = None,
    standard: Any = None,
    sort: str = "descending",
    title: str | None = None,
    **kwargs: Any,
) -> Any:
    """Occupancy per prison or state, 100 % and the preset's thresholds drawn.

    Parameters
    ----------
    classification : OccupancyClassification
    ax : matplotlib Axes, optional
    labels : sequence, optional
        One name per value (default: the Series index or ``row i``).
    standard : str or OvercrowdingStandard, optional
        The preset (default: the classification's; an own standard must be passed).
    sort : {"descending", "ascending", "none"}
    title : str, optional
    **kwargs
        Passed to matplotlib for the bars (``alpha``, ``height``, ``edgecolor``...); a
        ``color`` here replaces the band colours (the hatches still tell the bands apart).

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    Bars are coloured and hatched by band (within capacity: plain; each band above it: a
    denser hatch), so the bands stay apart in grey print. The legend names the preset, its
    source, and says when its thresholds are unverified.
    """
    bars = occupancy_bars(classification, labels, standard=standard, sort=sort)
    rows = bars["rows"]
    ax = axes_or_new(ax, figsize=(7.0, max(2.5, 0.28 * len(rows) + 1.5)))
    for level, band in enumerate(bars["band_labels"]):
        members = [r for r in rows if r["level"] == level]
        if not members:
            continue
        style = {
            "color": _BAND_COLOURS[min(level, 2)],
            "hatch": _BAND_HATCHES[min(level, 2)],
            "edgecolor": PALETTE["black"],
            "linewidth": 0.5,
            "label": band,
        }
        ax.barh([r["y"] for r in members], [r["occupancy"] for r in members], **(style | kwargs))
    for row in rows:
        if row["occupancy"] is None:
            ax.text(
                0.0,
                row["y"],
                " no value",
                va="center",
                fontstyle="italic",
                color=PALETTE["grey"],
            )
    flag = "" if bars["verified"] else " (UNVERIFIED preset)"
    for threshold in bars["thresholds"]:
        if threshold == 100.0:
            ax.axvline(
                100.0,
                color=PALETTE["black"],
                linewidth=1.5,
                label="100 % = official capacity",
            )
        else:
            ax.axvline(
                threshold,
                color=PALETTE["vermillion"],
                linestyle="--",
                linewidth=1.5,
                label=f"{threshold:g} % threshold, preset '{bars['standard']}'{flag}",
            )
    ax.set_yticks([r["y"] for r in rows])
    ax.set_yticklabels([r["label"] for r in rows])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(left=0.0)
    ax.set_xlabel(axis_label("occupancy", "% of official capacity"))
    ax.set_title(
        title or f"Occupancy: persons held x 100 / official capacity ({bars['standard']}{flag})",
        fontsize="medium",
    )
    ax.legend(
        loc="lower right",
        fontsize="small",
        title="\n".join(textwrap.wrap(f"Thresholds: {bars['reference_document']}", 48)),
        title_fontsize="small",
    )
    return ax


def plot_system_overcrowding(
    result: Any, ax: Any = None, *, title: str | None = None, **kwargs: Any
) -> Any:
    """Places and persons held as two stacked bars: what the system ratio hides.

    Parameters
    ----------
    result : SystemOvercrowding
    ax : matplotlib Axes, optional
    title : str, optional
        Default: the system occupancy and Tournier's accounting.
    **kwargs
        Passed to matplotlib for the bar segments (``alpha``, ``height``, ``linewidth``...).

    Returns
    -------
    matplotlib Axes
    """
    data = system_overcrowding_bars(result)
    ax = axes_or_new(ax, figsize=(7.0, 3.2))
    styles: dict[str, dict[str, Any]] = {
        "within": {"color": PALETTE["sky_blue"], "hatch": None},
        "free": {"color": "white", "hatch": "..", "edgecolor": PALETTE["bluish_green"]},
        "surplus": {"color": VIOLATION_STYLE["color"], "hatch": VIOLATION_STYLE["hatch"]},
    }
    seen: set[str] = set()
    for bar in data["bars"]:
        for segment in bar["segments"]:
            style = {"edgecolor": PALETTE["black"], **styles[segment["kind"]]}
            label = segment["label"] if segment["label"] not in seen else None
            seen.add(segment["label"])
            style |= {"height": 0.6, "linewidth": 0.8, "label": label}
            patches = ax.barh(
                [bar["y"]], [segment["width"]], left=[segment["start"]], **(style | kwargs)
            )
            if segment["width"] > 0:
                ax.bar_label(
                    patches,
                    labels=[f"{segment['width']:,.0f}"],
                    label_type="center",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
                )
    ax.set_yticks([b["y"] for b in data["bars"]])
    ax.set_yticklabels([b["name"] for b in data["bars"]])
    ax.set_ylim(-0.6, 1.9)
    ax.set_xlabel(axis_label("official capacity or persons held", "places / persons"))
    ax.set_title(
        title
        or (
            f"System occupancy {data['occupancy']:.1f} %: surplus {data['surplus']:,.0f}, "
            f"free places {data['free_places']:,.0f} (Tournier 2013)"
        ),
        fontsize="medium",
    )
    ax.legend(loc="upper right", fontsize="small", ncols=2)
    return ax


def plot_programme_comparison(
    comparison: Any,
    ax: Any = None,
    *,
    kind: str = "cumulative_incidence",
    at_risk: bool = True,
    at_risk_times: Any = None,
    time_unit: str | None = None,
    data_unit: str = "days",
    title: str | None = None,
    **kwargs: Any,
) -> Any:
    """Recidivism curves of the two groups, the window marked, the number at risk below.

    Parameters
    ----------
    comparison : ProgrammeComparison
        From :func:`~dpssec.justice.compare_programmes` (it keeps the two curves).
    ax : matplotlib Axes, optional
    kind : {"cumulative_incidence", "survival"}
        Share who reoffended by ``t`` (default) or still not.
    at_risk : bool
        Write the number at risk below the axis.
    at_risk_times : array-like, optional
        Times of the at-risk table [time_unit] (default: the axis ticks).
    time_unit : str, optional
        Unit the time axis is drawn in, converted from ``data_unit`` with pint (``"weeks"``,
        ``"months"``, ``"years"``); default ``data_unit``.
    data_unit : str
        Unit of the durations (days unless the groups were given in another plain unit).
    title : str, optional
        Default: the method, the level, the window and the log-rank p.
    **kwargs
        Passed to matplotlib for both curves' step lines (``linewidth``, ``alpha``...).

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    InputError
        A comparison made without its curves (built by hand).
    """
    from dpssec.errors import InputError
    from dpssec.stats.plots import plot_survival_curves

    if comparison.curves is None:
        raise InputError("this comparison carries no curves; use compare_programmes()")
    first, second = comparison.curves
    level = confidence_text(comparison.programme.confidence)
    factor, unit = time_conversion(data_unit, time_unit)
    window = comparison.follow_up_days * factor
    ax = plot_survival_curves(
        {comparison.labels[0]: first, comparison.labels[1]: second},
        ax,
        kind=kind,
        time_unit=time_unit,
        data_unit=data_unit,
        at_risk=at_risk,
        at_risk_times=at_risk_times,
        mark_time=window,
        mark_label=f"window: {window:.4g} {unit}",
        ylabel=axis_label(
            "recidivism 1 - S(t)" if kind == "cumulative_incidence" else "not reoffended S(t)",
            "probability",
        ),
        xlabel=axis_label("time since release", unit),
        title=title
        or (
            f"Kaplan-Meier, {level} {first.ci_method} bands; difference at {window:.4g} "
            f"{unit}: {100 * comparison.risk_difference.value:+.1f} points; log-rank "
            f"p = {comparison.logrank.p_value:.3g}"
        ),
        **kwargs,
    )
    ax.title.set_fontsize("medium")
    return ax


def plot_caseflow(
    table: Any,
    ax: Any = None,
    *,
    court: str | None = None,
    category: str | None = None,
    title: str | None = None,
    **kwargs: Any,
) -> Any:
    """Incoming and resolved cases as bars, the pending stock as a line, clearance above.

    Parameters
    ----------
    table : CaseflowTable
    ax : matplotlib Axes, optional
    court, category : str, optional
        Draw only this court's (category's) groups.
    title : str, optional
    **kwargs
        Passed to matplotlib for the incoming and resolved bars (``alpha``, ``width``,
        ``edgecolor``...); a ``color`` here colours both (the hatch tells them apart).

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    Each group's clearance rate (resolved x 100 / incoming, CEPEJ) is written above its bars:
    above 100 % the court resolved more than it received and its pending stock falls.
    """
    series = caseflow_series(table, court=court, category=category)
    n = len(series["labels"])
    ax = axes_or_new(ax, figsize=(max(6.0, 1.1 * n + 2.0), 4.0))
    x = np.arange(n, dtype=float)
    width = 0.38
    bars = {"edgecolor": PALETTE["black"], "linewidth": 0.5}
    incoming = bars | {"color": PALETTE["sky_blue"], "label": "incoming"}
    ax.bar(x - width / 2, series["incoming"], width, **(incoming | kwargs))
    done = bars | {"color": PALETTE["blue"], "hatch": "//", "label": "resolved"}
    resolved = ax.bar(x + width / 2, series["resolved"], width, **(done | kwargs))
    pending = np.asarray(series["pending_end"], dtype=float)
    for k, run in enumerate(series["runs"]):  # one line per court and category
        ax.plot(
            x[run],
            pending[run],
            color=PALETTE["vermillion"],
            marker="o",
            linestyle="--",
            linewidth=2.0,
            label="pending at the end" if k == 0 else None,
        )
    ax.bar_label(
        resolved,
        labels=[f"CR {c:.0f} %" if c == c else "CR n/a" for c in series["clearance_rate"]],
        padding=2,
        fontsize="small",
    )
    ax.set_xticks(x)
    ax.set_xticklabels(
        series["labels"], rotation=30 if n > 4 else 0, ha="right" if n > 4 else "center"
    )
    ax.set_ylabel(axis_label("cases", "cases per period"))
    ax.set_xlabel(axis_label("period", "calendar year" if table.year is not None else "dates"))
    where = " · ".join(v for v in (court, category) if v)
    ax.set_title(
        title or f"Caseflow{' of ' + where if where else ''}: CR = clearance rate (CEPEJ)",
        fontsize="medium",
    )
    known = [v for k in ("incoming", "resolved", "pending_end") for v in series[k] if v == v]
    ax.set_ylim(0.0, 1.15 * max([*known, 1.0]))
    ax.legend(loc="upper left", fontsize="small", ncols=3)
    return ax


def plot_time_to_disposition(
    result: Any, ax: Any = None, *, title: str | None = None, **kwargs: Any
) -> Any:
    """Share of cases disposed by days since filing, with the time standard and target.

    Parameters
    ----------
    result : TimeToDisposition
    ax : matplotlib Axes, optional
    title : str, optional
        Default: the method, the level and the measured share within the standard.
    **kwargs
        Passed to matplotlib for the curve (``color``, ``linewidth``...); its band takes the
        same colour.

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    The curve is ``1 - S(t)`` of a Kaplan-Meier estimate with pending cases censored at the
    reference date, so the share is not biased by leaving the longest (still open) cases out.
    Each standard is a vertical dashed line; the estimated share within it is a point with its
    interval; the target share, if given, a horizontal line (NCSC CourTools Measure 3).
    """
    data = disposition_curve(result)
    ax = axes_or_new(ax)
    level = confidence_text(data["confidence"])
    colour = kwargs.get("color", PALETTE["blue"])
    line = {
        "where": "post",
        "color": colour,
        "label": "share disposed (Kaplan-Meier, pending censored)",
    }
    ax.step(data["time"], data["value"], **(line | kwargs))
    ax.fill_between(
        data["time"],
        data["lower"],
        data["upper"],
        step="post",
        color=colour,
        alpha=0.2,
        linewidth=0,
        label=f"{level} {data['ci_method']} band",
    )
    for k, days in enumerate(data["standard_days"]):
        ax.axvline(
            days,
            color=PALETTE["black"],
            linestyle="--",
            linewidth=1.0,
            label=f"time standard {days:g} days" if k == 0 else None,
        )
        value = data["within"][k]
        ax.errorbar(
            [days],
            [value],
            yerr=[[value - data["within_lower"][k]], [data["within_upper"][k] - value]],
            fmt="o",
            color=PALETTE["vermillion"],
            capsize=3,
            label=f"within {days:g} days: {100 * value:.1f} %" if k == 0 else None,
        )
    if data["target"] is not None:
        ax.axhline(
            data["target"],
            color=PALETTE["bluish_green"],
            linestyle=":",
            linewidth=1.5,
            label=f"target {100 * data['target']:g} % within the standard",
        )
    ax.set_ylim(0.0, 1.05)
    ax.set_xlim(left=0.0)
    ax.set_xlabel(axis_label("time since filing", "days"))
    ax.set_ylabel(axis_label("cases disposed", "share of cases filed"))
    ax.set_title(
        title
        or (
            f"Time to disposition: median {data['median']:g} days; "
            f"{result.cases} cases, {result.pending} pending (NCSC CourTools Measure 3)"
        ),
        fontsize="medium",
    )
    ax.legend(loc="lower right", fontsize="small")
    return ax
