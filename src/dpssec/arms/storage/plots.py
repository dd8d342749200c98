"""The depot site map, drawn with matplotlib (the optional ``plot`` extra).

:func:`plot_depot_map` draws what :func:`~dpssec.arms.storage.map_geometry.depot_map_geometry`
computes, to scale on the depot's grid (equal axes, metres): explosives buildings and
exposed sites, each building's required-distance circle (or front, side and rear sectors
where orientation matters) for each exposed-site kind, and each violation as a heavy dashed
vermillion line to the site that is too close, whose marker is an ``X``: the violation is
told by line style and marker as well as colour, so it survives grey printing. The legend
names the criteria set and its edition. Behind :meth:`Depot.plot
<dpssec.arms.storage.Depot.plot>`.

For example:

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from dpssec.arms.storage import AmmunitionStock, Depot, ExplosivesBuilding, ExposedSite
>>> store = ExplosivesBuilding("S1", "heavy_walled_building", 0, 0,
...                            [AmmunitionStock("mortar bombs", "1.1", "D", 10_000)])
>>> depot = Depot("example", [store], [ExposedSite("H1", "inhabited_building", 450, 0)])
>>> ax = depot.plot()
>>> round(ax.patches[0].radius, 1), ax.get_xlabel()
(478.3, 'grid east [m]')
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.arms.storage.map_geometry import depot_map_geometry
from dpssec.plotting import (
    PALETTE,
    VIOLATION_STYLE,
    axes_or_new,
    axis_label,
    series_colour,
)

__all__ = ["plot_depot_map", "violation_tag_positions"]


def plot_depot_map(
    depot: Any,
    report: Any = None,
    ax: Any = None,
    *,
    kinds: Any = None,
    labels: bool = True,
    title: str | None = None,
    **kwargs: Any,
) -> Any:
    """Map of a depot with its required-distance zones and violations, to scale.

    Parameters
    ----------
    depot : Depot
    report : ComplianceReport, optional
        Its :func:`~dpssec.arms.storage.depot_check.check_depot` report (checked when None).
    ax : matplotlib Axes, optional
    kinds : iterable of ExposedSiteKind or str, optional
        Exposed-site kinds whose zones are drawn (default: those of the depot's sites).
    labels : bool
        Write the ids beside the buildings and sites.
    title : str, optional
        Default: the depot's name and its number of violations.
    **kwargs
        Passed to matplotlib for the explosives buildings' markers (``color``,
        ``markersize``, ``alpha``...).

    Returns
    -------
    matplotlib Axes
    """
    data = depot_map_geometry(depot, report, kinds=kinds)
    features = data["features"]
    ax = axes_or_new(ax, figsize=(8.0, 8.0))  # says how to install matplotlib if missing
    from matplotlib.patches import Circle, Polygon, Wedge

    zones = [f for f in features if f["properties"]["role"] == "required_distance"]
    kind_names = sorted({z["properties"]["exposed_site_kind"] for z in zones})
    colour_of = {name: series_colour(n) for n, name in enumerate(kind_names)}
    shown: set[str] = set()
    for zone in zones:
        p = zone["properties"]
        colour = colour_of[p["exposed_site_kind"]]
        label = None
        if p["exposed_site_kind"] not in shown:
            label = f"required distance to {p['exposed_site_kind'].replace('_', ' ')}"
            shown.add(p["exposed_site_kind"])
        style: dict[str, Any] = {
            "fill": False,
            "edgecolor": colour,
            "linewidth": 1.0,
            "label": label,
        }
        cx, cy = p["center"]
        if p["shape"] == "circle":
            ax.add_patch(Circle((cx, cy), p["radius_m"], **style))
        else:
            for k, sector in enumerate(p["sectors"]):
                # matplotlib's angles run counter-clockwise from east; bearings clockwise from north
                ax.add_patch(
                    Wedge(
                        (cx, cy),
                        sector["radius_m"],
                        90.0 - sector["to_deg"],
                        90.0 - sector["from_deg"],
                        **{**style, "label": label if k == 0 else None},
                    )
                )
    violations = [f for f in features if f["properties"]["role"] == "violation"]
    points = [f["geometry"]["coordinates"] for f in features if f["properties"]["role"] != "violation"
              and f["geometry"]["type"] == "Point"]  # fmt: skip
    ends = [f["geometry"]["coordinates"] for f in violations]
    tags = violation_tag_positions(ends, points)
    for n, (line, tag) in enumerate(zip(violations, tags, strict=True), start=1):
        (x0, y0), (x1, y1) = line["geometry"]["coordinates"]
        p = line["properties"]
        ax.plot(
            [x0, x1],
            [y0, y1],
            color=VIOLATION_STYLE["color"],
            linestyle=VIOLATION_STYLE["linestyle"],
            linewidth=VIOLATION_STYLE["linewidth"] + 0.5,
            label="violation: closer than required" if "violation" not in shown else None,
        )
        shown.add("violation")
        # a number on the line, its distances in the legend: long labels would collide
        ax.annotate(
            str(n),
            xy=tag,
            fontsize="x-small",
            fontweight="bold",
            color=VIOLATION_STYLE["color"],
            ha="center",
            va="center",
            bbox={"boxstyle": "circle,pad=0.2", "facecolor": "white",
                  "edgecolor": VIOLATION_STYLE["color"]},
        )  # fmt: skip
        ax.plot(
            [],
            [],
            linestyle="none",
            marker=f"${n}$",
            color=VIOLATION_STYLE["color"],
            label=f"{p['id']}: {p['actual_distance_m']:.0f} m < {p['required_distance_m']:.0f} m",
        )
    buildings = [f for f in features if f["properties"]["role"] == "pes"]
    sites = [f for f in features if f["properties"]["role"] == "exposed_site"]
    if buildings:
        xy = np.array([b["geometry"]["coordinates"] for b in buildings], dtype=float)
        pes = {
            "linestyle": "none",
            "marker": "s",
            "markersize": 8,
            "color": PALETTE["black"],
            "label": "explosives building (PES)",
        }
        ax.plot(xy[:, 0], xy[:, 1], **(pes | kwargs))
        for b in buildings:
            door = b["properties"]["door_azimuth"]
            if door is not None:
                x, y = b["geometry"]["coordinates"]
                length = 0.04 * _span(xy)
                ax.annotate(
                    "",
                    xy=(
                        x + length * np.sin(np.radians(door)),
                        y + length * np.cos(np.radians(door)),
                    ),
                    xytext=(x, y),
                    arrowprops={"arrowstyle": "->", "color": PALETTE["black"]},
                )
    for status, marker, colour, size, text in (
        ("ok", "o", PALETTE["blue"], 7, "exposed site, complies"),
        ("warning", "D", PALETTE["orange"], 7, "exposed site, warning (unverified or caution)"),
        (
            "violation",
            VIOLATION_STYLE["marker"],
            VIOLATION_STYLE["color"],
            11,
            "exposed site too close",
        ),
    ):
        group = [s for s in sites if s["properties"]["status"] == status]
        if not group:
            continue
        xy = np.array([s["geometry"]["coordinates"] for s in group], dtype=float)
        ax.plot(
            xy[:, 0],
            xy[:, 1],
            linestyle="none",
            marker=marker,
            markersize=size,
            color=colour,
            markeredgecolor=PALETTE["black"],
            label=text,
        )
    if labels:
        for item in buildings + sites:
            x, y = item["geometry"]["coordinates"]
            ax.annotate(
                item["properties"]["id"],
                xy=(x, y),
                xytext=(5, 5),
                textcoords="offset points",
                fontsize="x-small",
            )
    if zones:  # a polygon of the zones' extent, invisible, so autoscaling includes them
        rings = np.concatenate([np.asarray(z["geometry"]["coordinates"][0]) for z in zones])
        ax.add_patch(Polygon(rings[[rings[:, 0].argmin(), rings[:, 1].argmin(),
                                    rings[:, 0].argmax(), rings[:, 1].argmax()]],
                             visible=False))  # fmt: skip
    ax.set_aspect("equal", adjustable="datalim")
    ax.autoscale_view()
    ax.set_xlabel(axis_label("grid east", "m"))
    ax.set_ylabel(axis_label("grid north", "m"))
    props = data["properties"]
    ax.set_title(
        title or f"{props['depot']}: {props['violations']} quantity-distance violation(s)",
        fontsize="medium",
    )
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        fontsize="x-small",
        title=f"Criteria: {props['criteria_title']}",
        title_fontsize="x-small",
    )
    return ax


def violation_tag_positions(
    lines: list[Any], avoid: list[Any], *, spacing: float = 0.03
) -> list[tuple[float, float]]:
    """Where to write each violation's number: on its line, clear of the others.

    Each tag goes at the first of 1/2, 1/3, 2/3, 1/4, 3/4... of its line that is at least
    ``spacing`` × the drawing's diagonal from the tags already placed and from the points in
    ``avoid`` (buildings and sites); the midpoint when no place is clear.

    Parameters
    ----------
    lines : list of ((x0, y0), (x1, y1))
    avoid : list of (x, y)
    spacing : float
        Smallest distance, as a share of the drawing's diagonal.

    Returns
    -------
    list of (x, y)

    Examples
    --------
    >>> from dpssec.arms.storage.plots import violation_tag_positions
    >>> violation_tag_positions([((0, 0), (100, 0)), ((0, 0), (100, 0))], [])
    [(50.0, 0.0), (33.33333333333333, 0.0)]
    """
    coordinates = [xy for line in lines for xy in line] + list(avoid)
    if not coordinates:
        return []
    xy = np.asarray(coordinates, dtype=float)
    extent = float(np.hypot(np.ptp(xy[:, 0]), np.ptp(xy[:, 1]))) or 100.0
    placed: list[tuple[float, float]] = []
    fixed = [tuple(map(float, xy)) for xy in avoid]
    fractions = (0.5, 1 / 3, 2 / 3, 0.25, 0.75, 0.4, 0.6, 0.2, 0.8)
    for (x0, y0), (x1, y1) in lines:
        candidates = [(x0 + f * (x1 - x0), y0 + f * (y1 - y0)) for f in fractions]
        candidates = [(float(x), float(y)) for x, y in candidates]

        def clear(xy: tuple[float, float]) -> bool:
            return all(
                np.hypot(xy[0] - a, xy[1] - b) >= spacing * extent for a, b in placed + fixed
            )

        placed.append(next((c for c in candidates if clear(c)), candidates[0]))
    return placed


def _span(xy: np.ndarray) -> float:
    extent = float(np.ptp(xy[:, 0]) + np.ptp(xy[:, 1])) if len(xy) > 1 else 0.0
    return extent if extent > 0 else 100.0
