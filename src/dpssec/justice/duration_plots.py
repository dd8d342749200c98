"""Pictures of how long cases and detentions last, and of the backlog ahead (matplotlib).

Behind the ``plot()`` methods of (matplotlib is the optional ``plot`` extra):

* :func:`plot_pending_ages`: the pending caseload by age band, the bands past the time
  standard hatched (``PendingAgeProfile.plot``);
* :func:`plot_backlog`: the pending stock projected period by period, with the target and
  the period it is reached (``BacklogProjection.plot``);
* :func:`plot_pretrial_length`: the share still held unsentenced by days since admission, per
  group, with the legal limit and the share beyond it (``PretrialLength.plot``).

The geometry comes from :mod:`dpssec.justice.plot_geometry`; nothing changes matplotlib's
global settings.

For example:

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from dpssec.justice import project_backlog
>>> ax = project_backlog(1000, 1200, 1300, periods=4, target=800).plot()
>>> ax.get_ylabel()
'pending cases [cases]'
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.justice.plot_geometry import backlog_path, pending_age_bars, pretrial_curves
from dpssec.plotting import (
    PALETTE,
    VIOLATION_STYLE,
    axes_or_new,
    axis_label,
    confidence_text,
    series_colour,
)

__all__ = ["plot_backlog", "plot_pending_ages", "plot_pretrial_length"]


def plot_pending_ages(
    profile: Any, ax: Any = None, *, title: str | None = None, **kwargs: Any
) -> Any:
    """The pending caseload by age band, the bands past the time standard marked.

    Parameters
    ----------
    profile : PendingAgeProfile
    ax : matplotlib Axes, optional
    title : str, optional
        Default: the date, the median age and the cases older than the standard.
    **kwargs
        Passed to matplotlib for the bars (``alpha``, ``width``, ``color``...).

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    A band that starts at or after the time standard is drawn in the violation style
    (vermillion and cross-hatched, so it shows in grey print); the share of the pending
    caseload is written above each bar (NCSC CourTools Measure 4).
    """
    data = pending_age_bars(profile)
    bands = data["bands"]
    ax = axes_or_new(ax)
    for past in (False, True):
        chosen = [b for b in bands if b["past_standard"] is past]
        if not chosen:
            continue
        style = {
            "color": VIOLATION_STYLE["color"] if past else PALETTE["sky_blue"],
            "hatch": VIOLATION_STYLE["hatch"] if past else None,
            "edgecolor": PALETTE["black"],
            "linewidth": 0.5,
            "label": f"older than the {data['standard_days']:g}-day standard"
            if past
            else "within the standard",
        }
        bars = ax.bar([b["x"] for b in chosen], [b["count"] for b in chosen], **(style | kwargs))
        ax.bar_label(
            bars,
            labels=[f"{b['share']:.0f} %" if b["share"] == b["share"] else "" for b in chosen],
            padding=2,
            fontsize="small",
        )
    ax.set_xticks([b["x"] for b in bands])
    ax.set_xticklabels([b["label"] for b in bands])
    ax.set_xlabel(axis_label("age of the pending case", "days since filing"))
    ax.set_ylabel(axis_label("pending cases", "cases"))
    median = data["median_age"]
    shown = f"median age {median:g} days" if median == median else "no case pending"
    ax.set_title(
        title
        or (
            f"Pending cases on {data['reference_date']}: {data['pending']}, {shown};\n"
            f"{data['beyond_standard']} older than {data['standard_days']:g} days "
            "(NCSC CourTools Measure 4)"
        ),
        fontsize="medium",
    )
    ax.set_ylim(0.0, 1.15 * max([b["count"] for b in bands] + [1]))
    ax.legend(loc="upper right", fontsize="small")
    return ax


def plot_backlog(
    projection: Any, ax: Any = None, *, title: str | None = None, **kwargs: Any
) -> Any:
    """The pending stock from now to the last period, the target and when it is reached.

    The flows behind it (incoming and capacity per period) are in the result and in
    :func:`~dpssec.justice.plot_geometry.backlog_path`; they are not drawn on the stock's axis.

    Parameters
    ----------
    projection : BacklogProjection
    ax : matplotlib Axes, optional
    title : str, optional
        Default: the projection's statement (when the target is reached, or that it never is).
    **kwargs
        Passed to matplotlib for the pending-stock line (``color``, ``linewidth``...).

    Returns
    -------
    matplotlib Axes
    """
    data = backlog_path(projection)
    ax = axes_or_new(ax)
    x = np.asarray(data["period"], dtype=float)
    line = {
        "color": series_colour(0),
        "marker": "o",
        "linewidth": 2.0,
        "label": "pending at the end of the period (projected)",
    }
    ax.plot(x, data["pending"], **(line | kwargs))
    if data["target"] is not None:
        ax.axhline(
            data["target"],
            color=PALETTE["black"],
            linestyle="--",
            linewidth=1.0,
            label=f"target {data['target']:g} cases",
        )
    if data["target_period"]:
        when = f" ({data['target_date']})" if data["target_date"] else ""
        ax.axvline(
            data["target_period"],
            color=PALETTE["grey"],
            linestyle=":",
            label=f"target reached in period {data['target_period']}{when}",
        )
    ax.set_xticks(x)
    if data["dates"] is not None:
        ax.set_xticklabels(
            [f"{int(p)}\n{d}" if d else str(int(p)) for p, d in zip(x, data["dates"], strict=True)],
            fontsize="small",
        )
        ax.set_xlabel(axis_label("period", "number and last day"))
    else:
        ax.set_xlabel(axis_label("period", "0 = now"))
    ax.set_ylabel(axis_label("pending cases", "cases"))
    ax.set_ylim(bottom=0.0)
    statement = projection.statement.split(". ")[0].rstrip(".")
    ax.set_title(title or f"Backlog projection: {statement}", fontsize="medium")
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_pretrial_length(
    result: Any, ax: Any = None, *, title: str | None = None, **kwargs: Any
) -> Any:
    """Share of each group still held unsentenced by days since admission, with the limit.

    Parameters
    ----------
    result : PretrialLength
    ax : matplotlib Axes, optional
    title : str, optional
        Default: the method, the limit and the share of all detainees beyond it.
    **kwargs
        Passed to matplotlib for every group's step line (``linewidth``, ``alpha``...).

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    Each curve is a Kaplan-Meier estimate with those still held censored at the reference
    date; the point on the legal limit is the estimated share held longer than it, with its
    interval. The limit is the one passed to
    :func:`~dpssec.justice.pretrial_detention_length` (no country's limit is built in).
    """
    data = pretrial_curves(result)
    ax = axes_or_new(ax)
    level = confidence_text(data["confidence"])
    limit = data["legal_limit_days"]
    for k, group in enumerate(data["groups"]):
        colour = kwargs.get("color", series_colour(k))
        line = {"where": "post", "color": colour, "label": group["label"]}
        ax.step(group["time"], group["held"], **(line | kwargs))
        ax.fill_between(
            group["time"],
            group["lower"],
            group["upper"],
            step="post",
            color=colour,
            alpha=0.15,
            linewidth=0,
        )
        value = group["beyond_limit"]
        ax.errorbar(
            [limit],
            [value],
            yerr=[[value - group["beyond_lower"]], [group["beyond_upper"] - value]],
            fmt="o",
            color=colour,
            capsize=3,
        )
    ax.axvline(
        limit,
        color=VIOLATION_STYLE["color"],
        linestyle=VIOLATION_STYLE["linestyle"],
        linewidth=1.5,
        label=f"legal limit {limit:g} days (as given)",
    )
    ax.set_ylim(0.0, 1.05)
    ax.set_xlim(left=0.0)
    ax.set_xlabel(axis_label("time since admission", "days"))
    ax.set_ylabel(axis_label("still held unsentenced", "share of admissions"))
    overall = data["groups"][0]
    ax.set_title(
        title
        or (
            f"Pre-trial detention (Kaplan-Meier, {level} {data['ci_method']} bands):\n"
            f"{100 * overall['beyond_limit']:.1f} % held beyond {limit:g} days"
        ),
        fontsize="medium",
    )
    ax.legend(loc="upper right", fontsize="small")
    return ax
