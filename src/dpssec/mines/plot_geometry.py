"""What the mine-action pictures show, as plain data: priority bars and the burn-down.

Kernels of the pictures in :mod:`dpssec.mines.plots`, usable with any plotting library:

* :func:`priority_segments`: each area's score as stacked criterion contributions, in rank
  order, exactly as :meth:`Prioritisation.explain <dpssec.mines.Prioritisation.explain>`
  states them (for a points scheme or a weighted sum the segments add up to the score; TOPSIS
  closeness is not a sum, so its bars are not split);
* :func:`burndown_curves`: the remaining area over time: the history (when given), the
  projections by recent mean and by linear trend, the band between them, the constant rate
  that meets the deadline, and the deadline itself.

The OC curve of a sampling plan is :meth:`SamplingPlan.oc_curve
<dpssec.mines.sampling_plan.SamplingPlan.oc_curve>`.

For example:

>>> from dpssec.mines.forecast import completion_forecast
>>> from dpssec.mines.plot_geometry import burndown_curves
>>> f = completion_forecast(300_000, {2022: 100_000, 2023: 100_000}, deadline=2025)
>>> curves = burndown_curves(f)
>>> curves["mean"]["position"], curves["mean"]["remaining"]
([2024.0, 2027.0, 2028.0], [300000.0, 0.0, 0.0])
>>> curves["deadline"], curves["required"]["remaining"]
(2026.0, [300000.0, 0.0])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np

from dpssec.boundary import Area
from dpssec.errors import InputError

__all__ = ["burndown_curves", "calendar_position", "priority_segments"]


def calendar_position(day: dt.date) -> float:
    """A date as a position on a year axis: 31 Dec 2017 -> 2018.0, 1 Jul 2020 -> ~2020.5.

    Examples
    --------
    >>> import datetime as dt
    >>> from dpssec.mines.plot_geometry import calendar_position
    >>> calendar_position(dt.date(2017, 12, 31))
    2018.0
    """
    days = (dt.date(day.year + 1, 1, 1) - dt.date(day.year, 1, 1)).days
    return day.year + day.timetuple().tm_yday / days


def priority_segments(prioritisation: Any, *, top: int | None = None) -> dict[str, Any]:
    """Each area's score as stacked criterion contributions, in rank order.

    Parameters
    ----------
    prioritisation : Prioritisation
        The result of :func:`~dpssec.mines.prioritise`.
    top : int, optional
        Keep the first ``top`` areas.

    Returns
    -------
    dict
        ``areas``: one dict per area (rank order) with ``id``, ``rank``, ``score``,
        ``category``, ``y`` (rank 1 has the largest) and ``segments`` (``criterion``,
        ``label``, ``start``, ``width``; zero contributions left out); ``criteria`` and
        ``labels`` (every criterion, for a legend), ``additive`` (False for TOPSIS, whose
        bars hold one segment, the closeness), ``method``, ``verified``.

    Examples
    --------
    >>> from dpssec.mines.areas import HazardousArea
    >>> from dpssec.mines.prioritisation import prioritise
    >>> from dpssec.mines.scoring import LIS_PRESET
    >>> result = prioritise([HazardousArea("A", "SHA", 5e4, contamination=["UXO"],
    ...                                    blocked_resources=["roads"]),
    ...                      HazardousArea("B", "CHA", 2e4, contamination=["AP"],
    ...                                    recent_victims=3)], LIS_PRESET)
    >>> [(s["label"], s["start"], s["width"])
    ...  for s in priority_segments(result)["areas"][0]["segments"]]
    [('recent victims (last 24 months)', 0.0, 6.0), ('mines present', 6.0, 2.0)]
    """
    count = len(prioritisation.ids) if top is None else min(int(top), len(prioritisation.ids))
    additive = prioritisation.distance_to_ideal is None
    contributions = np.asarray(prioritisation.contributions, dtype=float)
    areas = []
    for i in range(count):
        segments = []
        if additive:
            start = 0.0
            for j, name in enumerate(prioritisation.criteria):
                part = float(contributions[i, j])
                if part == 0:
                    continue
                segments.append(
                    {
                        "criterion": name,
                        "label": prioritisation.labels[j] if prioritisation.labels else name,
                        "start": start,
                        "width": part,
                    }
                )
                start += part
        else:
            segments.append(
                {
                    "criterion": "closeness",
                    "label": "TOPSIS closeness",
                    "start": 0.0,
                    "width": float(prioritisation.score[i]),
                }
            )
        areas.append(
            {
                "id": prioritisation.ids[i],
                "rank": int(prioritisation.rank[i]),
                "score": float(prioritisation.score[i]),
                "category": prioritisation.category[i] if prioritisation.category else "",
                "y": float(count - 1 - i),
                "segments": segments,
            }
        )
    return {
        "areas": areas,
        "criteria": list(prioritisation.criteria),
        "labels": list(prioritisation.labels or prioritisation.criteria),
        "additive": additive,
        "method": prioritisation.method,
        "verified": bool(prioritisation.verified),
    }


_AREA = Area()


def _history(annual_release: Any, years: Any) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(annual_release, Mapping):
        years = list(annual_release.keys())
        annual_release = [_AREA.convert(v, "annual_release") for v in annual_release.values()]
    elif hasattr(annual_release, "index") and hasattr(annual_release, "to_numpy") and years is None:
        years = np.asarray(annual_release.index)
        annual_release = annual_release.to_numpy()
    if years is None:
        raise InputError("annual_release needs its years: a mapping {year: area} or years=")
    release = np.asarray(_AREA.convert(annual_release, "annual_release"), dtype=float)
    year_values = np.asarray(years, dtype=float)
    if release.shape != year_values.shape or release.ndim != 1:
        raise InputError("annual_release and years must be 1-D of one length")
    order = np.argsort(year_values)
    return year_values[order], release[order]


def burndown_curves(
    forecast: Any, annual_release: Any = None, *, years: Any = None, tail: float = 1.0
) -> dict[str, Any]:
    """Remaining area over time: history, both projections, the band, the deadline.

    Parameters
    ----------
    forecast : Forecast
        The result of :func:`~dpssec.mines.completion_forecast`.
    annual_release : mapping, Series or array-like, optional
        The release history the forecast was made from [m² per year] (a mapping
        ``{year: area}``, a Series indexed by year, or values with ``years=``); it adds the
        remaining area at the end of each history year.
    years : array-like, optional
        Years of ``annual_release`` when it is a plain sequence.
    tail : float
        Years drawn after the last completion or the deadline.

    Returns
    -------
    dict
        Positions are on a calendar axis (the end of 2017 is 2018.0; see
        :func:`calendar_position`); areas in m².

        * ``history``: ``position`` and ``remaining`` (empty without ``annual_release``);
        * ``mean`` and ``trend``: vertices of each projection (``position``, ``remaining``),
          piecewise linear; a projection that never finishes stays above zero to the end;
        * ``band``: ``position``, ``lower``, ``upper`` on a common grid, between the two
          projections;
        * ``required``: the constant-rate line that releases the area exactly by the
          deadline (None without a deadline);
        * ``deadline`` (position or None), ``deadline_date`` (ISO text or None), ``start``,
          ``mean_completion``, ``trend_completion`` (positions or None), ``reference``.

    Notes
    -----
    The trend projection's yearly release is ``max(r1 + b (k - 1), 0)`` for the ``k``-th year,
    from the forecast's ``trend_next_release`` r1 and slope b; where r1 was floored at zero
    while the slope is positive, the line is drawn from zero (it then finishes a little
    earlier than the forecast says, which keeps the exact year in ``trend_completion``).
    """
    remaining = float(forecast.remaining_area.to("m**2").magnitude)
    start = float(forecast.last_year + 1)
    deadline = calendar_position(forecast.deadline) if forecast.deadline is not None else None
    mean_t = forecast.mean_years_needed
    trend_t = forecast.trend_years_needed
    finishes = [start + t for t in (mean_t, trend_t) if t is not None]
    end = max([*finishes, deadline or start, start + 1.0]) + float(tail)
    # mean: a straight line to zero
    mean_rate = float(forecast.mean_release.to("m**2/year").magnitude)
    if mean_t is not None:
        mean = {"position": [start, start + mean_t], "remaining": [remaining, 0.0]}
        if start + mean_t < end:
            mean["position"].append(end)
            mean["remaining"].append(0.0)
    else:
        mean = {"position": [start, end], "remaining": [remaining, remaining]}
    # trend: year by year
    next_release = float(forecast.trend_next_release.to("m**2/year").magnitude)
    slope = float(forecast.trend_slope.to("m**2/year**2").magnitude)
    years_ahead = int(np.ceil(end - start))
    releases = np.maximum(next_release + slope * np.arange(years_ahead), 0.0)
    left = remaining - np.concatenate([[0.0], np.cumsum(releases)])
    positions = start + np.arange(years_ahead + 1, dtype=float)
    crossed = np.flatnonzero(left <= 0)
    if remaining <= 0:
        trend = {"position": [start, end], "remaining": [0.0, 0.0]}
    elif crossed.size:
        k = int(crossed[0])
        exact = positions[k - 1] + left[k - 1] / releases[k - 1]
        trend = {
            "position": [*positions[:k].tolist(), float(exact), end],
            "remaining": [*left[:k].tolist(), 0.0, 0.0],
        }
    else:
        trend = {"position": positions.tolist(), "remaining": left.tolist()}
    grid = np.union1d(
        np.linspace(start, end, 101), np.asarray(mean["position"] + trend["position"])
    )
    grid = grid[(grid >= start) & (grid <= end)]
    m = np.interp(grid, mean["position"], mean["remaining"])
    t = np.interp(grid, trend["position"], trend["remaining"])
    history: dict[str, list[float]] = {"position": [], "remaining": []}
    if annual_release is not None:
        hist_years, release = _history(annual_release, years)
        after = np.cumsum(release[::-1])[::-1]  # release from each year to the last
        history = {
            "position": [float(hist_years[0]), *(hist_years + 1).tolist()],
            "remaining": [float(remaining + after[0]), *(remaining + after - release).tolist()],
        }
    required = None
    if deadline is not None:
        required = {"position": [start, deadline], "remaining": [remaining, 0.0]}
    return {
        "history": history,
        "mean": mean,
        "trend": trend,
        "band": {
            "position": grid.tolist(),
            "lower": np.minimum(m, t).tolist(),
            "upper": np.maximum(m, t).tolist(),
        },
        "required": required,
        "required_release": (
            None
            if forecast.required_release is None
            else float(forecast.required_release.to("m**2/year").magnitude)
        ),
        "mean_release": mean_rate,
        "deadline": deadline,
        "deadline_date": None if forecast.deadline is None else forecast.deadline.isoformat(),
        "start": start,
        "mean_completion": None if mean_t is None else start + mean_t,
        "trend_completion": None if trend_t is None else start + trend_t,
        "recent_years": list(forecast.recent_years),
        "history_years": list(forecast.history_years),
        "reference": str(forecast.reference),
    }
