"""What the justice pictures show, as plain data: occupancy bars, system accounting, caseflow.

Kernels of the pictures in :mod:`dpssec.justice.plots`, usable with any plotting library:

* :func:`occupancy_bars`: one bar per prison or state, sorted, with its band under the chosen
  threshold preset, and the thresholds to draw (100 % and the preset's);
* :func:`system_overcrowding_bars`: Tournier's accounting as two stacked bars, places
  (occupied + free) and persons held (within capacity + surplus), which shows what a system
  ratio hides;
* :func:`caseflow_series`: incoming, resolved and pending cases of one court's groups in
  order, with the clearance rate;
* :func:`disposition_curve`: the share of cases disposed by each day since filing, with its
  band and the time standard;
* :func:`pending_age_bars`: the pending caseload by age band, the bands past the time standard
  marked;
* :func:`backlog_path`: the pending stock period by period from now, with the target and the
  period (or date) it is reached;
* :func:`pretrial_curves`: the share of each group still held unsentenced by days since
  admission, with the legal limit and the share beyond it.

For example:

>>> from dpssec.justice import system_overcrowding
>>> from dpssec.justice.plot_geometry import system_overcrowding_bars
>>> bars = system_overcrowding_bars(system_overcrowding([110, 120], [100, 150]))
>>> [(s["label"], s["width"]) for s in bars["bars"][1]["segments"]]
[('held within capacity', 220.0), ('held above capacity (surplus)', 10.0)]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dpssec.errors import InputError
from dpssec.justice.occupancy import OVERCROWDING_STANDARDS, OvercrowdingStandard

__all__ = [
    "backlog_path",
    "caseflow_series",
    "disposition_curve",
    "occupancy_bars",
    "pending_age_bars",
    "pretrial_curves",
    "system_overcrowding_bars",
]


def _values(value: Any) -> np.ndarray:
    compute = getattr(value, "compute", None)
    if callable(compute) and not hasattr(value, "to_numpy"):
        value = compute()
    return np.atleast_1d(np.asarray(value))


def _standard_of(classification: Any, standard: Any) -> OvercrowdingStandard:
    if isinstance(standard, OvercrowdingStandard):
        return standard
    key = standard if isinstance(standard, str) else classification.standard
    found = OVERCROWDING_STANDARDS.get(key)
    if found is None:
        raise InputError(
            f"occupancy bars: standard {key!r} is not a shipped preset; pass the "
            "OvercrowdingStandard itself as standard="
        )
    return found


def occupancy_bars(
    classification: Any,
    labels: Sequence[Any] | None = None,
    *,
    standard: Any = None,
    sort: str = "descending",
) -> dict[str, Any]:
    """Bars of occupancy per prison or state, with their band and the thresholds to draw.

    Parameters
    ----------
    classification : OccupancyClassification
        The result of :func:`~dpssec.justice.classify_occupancy`.
    labels : sequence, optional
        One name per value (default: the Series index, or ``row i``).
    standard : str or OvercrowdingStandard, optional
        The threshold preset; default: the classification's own (an own standard must be
        passed here, since the result keeps only its key).
    sort : {"descending", "ascending", "none"}
        Order from the top bar down; missing values last.

    Returns
    -------
    dict
        ``rows``: dicts with ``label``, ``occupancy`` [%] (None when missing), ``level``,
        ``band`` and ``y`` (the top bar has the largest ``y``); ``thresholds`` [%] (100 first
        when the preset has it) with ``band_labels``; ``standard``, ``reference`` (the
        citation), ``reference_document`` and ``verified``.

    Examples
    --------
    >>> from dpssec.justice import classify_occupancy
    >>> from dpssec.justice.plot_geometry import occupancy_bars
    >>> bars = occupancy_bars(classify_occupancy([95, 130, 110], standard="critical-120"),
    ...                       ["A", "B", "C"])
    >>> [(r["label"], r["band"]) for r in bars["rows"]]
    [('B', 'critical overcrowding'), ('C', 'over official capacity'), ('A', 'within official capacity')]
    >>> bars["thresholds"], bars["verified"]
    ([100.0, 120.0], False)
    """
    if sort not in ("descending", "ascending", "none"):
        raise InputError(f"sort must be 'descending', 'ascending' or 'none'; got {sort!r}")
    chosen = _standard_of(classification, standard)
    occupancy = _values(classification.occupancy).astype(float)
    size = occupancy.size
    if labels is not None:
        names = [str(v) for v in labels]
    elif hasattr(classification.occupancy, "index"):
        names = [str(v) for v in classification.occupancy.index]
    else:
        names = [f"row {i}" for i in range(size)]
    if len(names) != size:
        raise InputError(f"labels: {len(names)} labels for {size} occupancy values")
    present = np.isfinite(occupancy)
    index = np.arange(size)
    if sort == "none":
        order = list(index[present])
    else:
        sign = -1.0 if sort == "descending" else 1.0
        order = sorted(index[present], key=lambda i: (sign * occupancy[i], names[i]))
    order += list(index[~present])
    level = np.searchsorted(np.asarray(chosen.thresholds), occupancy, side="left")
    rows = []
    for position, i in enumerate(order):
        ok = bool(present[i])
        rows.append(
            {
                "label": names[i],
                "occupancy": float(occupancy[i]) if ok else None,
                "level": int(level[i]) if ok else None,
                "band": chosen.labels[int(level[i])] if ok else "no value",
                "y": float(size - 1 - position),
            }
        )
    return {
        "rows": rows,
        "thresholds": list(chosen.thresholds),
        "band_labels": list(chosen.labels),
        "standard": chosen.key,
        "reference": str(chosen.reference),
        "reference_document": chosen.reference.document,
        "verified": bool(chosen.verified),
    }


def system_overcrowding_bars(result: Any) -> dict[str, Any]:
    """Tournier's accounting of a prison system as two stacked horizontal bars.

    Parameters
    ----------
    result : SystemOvercrowding
        The result of :func:`~dpssec.justice.system_overcrowding`.

    Returns
    -------
    dict
        ``bars``: two dicts, ``places`` (official capacity = occupied places + free places)
        and ``persons held`` (population = held within capacity + surplus), each with
        ``segments`` (``label``, ``start``, ``width`` [places or persons], ``kind``:
        ``"within"``, ``"free"`` or ``"surplus"``) and ``y``; ``occupancy`` [%],
        ``apparent_overpopulation``, ``surplus``, ``free_places``, ``hidden_overcrowding``,
        ``statement``, ``reference``.

    Notes
    -----
    Occupied places and persons held within capacity are the same number,
    ``Σ min(population_i, capacity_i)``: the two bars share their first segment, and differ
    by the free places (left unused in some prisons) and the surplus (held above capacity in
    others). Their difference is the apparent over-population ``Σ pop − Σ cap``.
    """
    within = float(result.population - result.surplus)
    return {
        "bars": [
            {
                "name": "places (official capacity)",
                "y": 1.0,
                "segments": [
                    {"label": "occupied places", "start": 0.0, "width": within, "kind": "within"},
                    {
                        "label": "free places",
                        "start": within,
                        "width": float(result.free_places),
                        "kind": "free",
                    },
                ],
            },
            {
                "name": "persons held",
                "y": 0.0,
                "segments": [
                    {
                        "label": "held within capacity",
                        "start": 0.0,
                        "width": within,
                        "kind": "within",
                    },
                    {
                        "label": "held above capacity (surplus)",
                        "start": within,
                        "width": float(result.surplus),
                        "kind": "surplus",
                    },
                ],
            },
        ],
        "occupancy": float(result.occupancy),
        "apparent_overpopulation": float(result.apparent_overpopulation),
        "surplus": float(result.surplus),
        "free_places": float(result.free_places),
        "hidden_overcrowding": bool(result.hidden_overcrowding),
        "statement": str(result.statement),
        "reference": str(result.reference),
    }


def caseflow_series(
    table: Any, *, court: str | None = None, category: str | None = None
) -> dict[str, Any]:
    """Incoming, resolved and pending cases of a caseflow table's groups, in row order.

    Parameters
    ----------
    table : CaseflowTable
        The result of :func:`~dpssec.justice.caseflow_table`.
    court, category : str, optional
        Keep only this court's (category's) rows, when the table is grouped by it.

    Returns
    -------
    dict
        ``labels`` (the year, or the groups' labels), ``incoming``, ``resolved``,
        ``pending_start``, ``pending_end`` [cases], ``clearance_rate`` [%],
        ``disposition_time`` [days] (NaN where not known), ``court``, ``category``, and
        ``runs``: the row positions of each court and category in turn (a line of the
        pending stock joins the periods of one run, never two courts).

    Raises
    ------
    InputError
        A court or category the table is not grouped by, or that has no row.
    """
    keep = np.ones(len(table), dtype=bool)
    for name, wanted in (("court", court), ("category", category)):
        if wanted is None:
            continue
        labels = getattr(table, name)
        if labels is None:
            raise InputError(f"caseflow chart: the table is not grouped by {name}")
        keep &= np.asarray(labels) == wanted
        if not keep.any():
            raise InputError(f"caseflow chart: no row with {name} {wanted!r}")
    index = np.flatnonzero(keep)
    parts = []
    runs: list[list[int]] = []
    previous: tuple[str, ...] | None = None
    for position, i in enumerate(index):
        group = tuple(
            str(getattr(table, name)[i])
            for name in ("court", "category")
            if getattr(table, name) is not None
        )
        if group != previous:
            runs.append([])
            previous = group
        runs[-1].append(position)
        words = []
        if table.court is not None and court is None:
            words.append(str(table.court[i]))
        if table.category is not None and category is None:
            words.append(str(table.category[i]))
        if table.year is not None:
            words.append(str(int(table.year[i])))
        else:
            words.append(f"{table.start[i]} to {table.end[i]}")
        parts.append(" · ".join(words))

    def pick(column: Any) -> list[float]:
        return [float(v) for v in np.asarray(column, dtype=float)[index]]

    return {
        "labels": parts,
        "incoming": pick(table.incoming),
        "resolved": pick(table.resolved),
        "pending_start": pick(table.pending_start),
        "pending_end": pick(table.pending_end),
        "clearance_rate": pick(table.clearance_rate),
        "disposition_time": pick(table.disposition_time),
        "court": court,
        "category": category,
        "runs": runs,
    }


def disposition_curve(result: Any) -> dict[str, Any]:
    """The share of cases disposed by each day since filing, with the time standard(s).

    Parameters
    ----------
    result : TimeToDisposition
        The result of :func:`~dpssec.justice.time_to_disposition`.

    Returns
    -------
    dict
        ``time`` [days], ``value``, ``lower``, ``upper`` (share disposed, ``1 - S(t)``, as
        step-function vertices), ``standard_days``, ``within``, ``within_lower``,
        ``within_upper`` (one per standard), ``target``, ``median`` [days],
        ``confidence``, ``ci_method``.
    """
    from dpssec.stats.plot_geometry import survival_steps

    steps = survival_steps(result.curve, kind="cumulative_incidence")
    within = result.within_standard
    return {
        **steps,
        "standard_days": [float(v) for v in np.atleast_1d(result.standard_days)],
        "within": [float(v) for v in np.atleast_1d(within.value)],
        "within_lower": [float(v) for v in np.atleast_1d(within.lower)],
        "within_upper": [float(v) for v in np.atleast_1d(within.upper)],
        "target": result.target,
        "median": float(result.median),
    }


def pending_age_bars(profile: Any) -> dict[str, Any]:
    """The pending caseload by age band (CourTools Measure 4), as bars.

    Parameters
    ----------
    profile : PendingAgeProfile

    Returns
    -------
    dict
        ``bands`` (one per band: ``label``, ``x``, ``count``, ``share`` [%] (NaN without
        pending cases), ``past_standard``: the band starts at or after the time standard),
        ``standard_days``, ``median_age``, ``pending``, ``beyond_standard``,
        ``reference_date`` (ISO text).

    Examples
    --------
    >>> import datetime as dt
    >>> from dpssec.justice import pending_age_profile
    >>> from dpssec.justice.plot_geometry import pending_age_bars
    >>> p = pending_age_profile(["2023-11-01", "2021-12-01"], [None, None],
    ...                         reference_date=dt.date(2023, 12, 31))
    >>> [(b["label"], b["count"], b["past_standard"]) for b in pending_age_bars(p)["bands"]][-2:]
    [('365-729', 0, True), ('730+', 1, True)]
    """
    bands = []
    for k, label in enumerate(profile.band_labels):
        lower = float(label.split("-")[0].rstrip("+"))
        bands.append(
            {
                "label": label,
                "x": k,
                "count": int(profile.counts[k]),
                "share": float(profile.shares[k]),
                "past_standard": lower >= profile.standard_days,
            }
        )
    return {
        "bands": bands,
        "standard_days": float(profile.standard_days),
        "median_age": float(profile.median_age),
        "pending": int(profile.pending),
        "beyond_standard": int(profile.beyond_standard),
        "reference_date": str(profile.reference_date),
    }


def backlog_path(projection: Any) -> dict[str, Any]:
    """The projected pending stock from now (period 0) to the last period.

    Parameters
    ----------
    projection : BacklogProjection

    Returns
    -------
    dict
        ``period`` (0, 1, ..., T), ``pending`` (the stock now, then at the end of each period),
        ``incoming``, ``capacity`` (per period, from period 1), ``dates`` (ISO text of each
        period's last day, the start as period 0's, or None), ``target``, ``target_period``
        (None when not reached within the projection), ``target_date``, ``never``.

    Examples
    --------
    >>> from dpssec.justice import project_backlog
    >>> from dpssec.justice.plot_geometry import backlog_path
    >>> path = backlog_path(project_backlog(1000, 1200, 1300, periods=3, target=900))
    >>> path["period"], path["pending"], path["target_period"]
    ([0, 1, 2, 3], [1000.0, 900.0, 800.0, 700.0], 1)
    """
    reached = projection.target_period
    inside = reached is not None and reached <= projection.period.size
    dates = None
    if projection.period_end is not None:
        first = np.datetime64(projection.period_end[0], "D")
        length = (
            np.datetime64(projection.period_end[1], "D") - first
            if len(projection.period_end) > 1
            else None
        )
        start = str(first - length) if length is not None else None
        dates = [start, *(str(d) for d in projection.period_end)]
    return {
        "period": [0, *(int(p) for p in projection.period)],
        "pending": [float(projection.pending_now), *(float(v) for v in projection.pending)],
        "incoming": [float(v) for v in projection.incoming],
        "capacity": [float(v) for v in projection.capacity],
        "dates": dates,
        "target": projection.target,
        "target_period": reached if inside else None,
        "target_date": None if projection.target_date is None else str(projection.target_date),
        "never": bool(projection.never),
    }


def pretrial_curves(result: Any) -> dict[str, Any]:
    """Share of each group still held unsentenced by days since admission, and the limit.

    Parameters
    ----------
    result : PretrialLength

    Returns
    -------
    dict
        ``groups`` (one per group: ``label``, ``time`` [days], ``held`` (share still held),
        ``lower``, ``upper`` (its band), ``beyond_limit`` with ``beyond_lower`` and
        ``beyond_upper`` (the estimate at the limit), ``median_days``), ``legal_limit_days``,
        ``confidence``, ``ci_method``, ``reference_date``.
    """
    from dpssec.stats.plot_geometry import survival_steps

    groups = []
    for k, (label, curve) in enumerate(zip(result.group, result.curves, strict=True)):
        steps = survival_steps(curve)
        groups.append(
            {
                "label": label,
                "time": [float(t) for t in steps["time"]],
                "held": [float(v) for v in steps["value"]],
                "lower": [float(v) for v in steps["lower"]],
                "upper": [float(v) for v in steps["upper"]],
                "beyond_limit": float(result.beyond_limit[k]),
                "beyond_lower": float(result.beyond_lower[k]),
                "beyond_upper": float(result.beyond_upper[k]),
                "median_days": float(result.median_days[k]),
            }
        )
    first = result.curves[0]
    return {
        "groups": groups,
        "legal_limit_days": float(result.legal_limit_days),
        "confidence": float(first.confidence),
        "ci_method": first.ci_method,
        "reference_date": str(result.reference_date),
    }
