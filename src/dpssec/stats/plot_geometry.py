"""What the statistics pictures show, as plain data: forest-plot rows and survival steps.

These kernels compute the geometry of a picture without drawing it, so that matplotlib
(:mod:`dpssec.stats.plots`), plotly, Altair or a web page can draw the same thing:

* :func:`forest_layout`: the rows of a forest plot (label, value, limits, vertical position),
  sorted, with suppressed or missing cells kept and flagged, and an optional overall
  (regional) value;
* :func:`survival_steps`: a Kaplan-Meier curve and its band as step-function vertices,
  as survival ``S(t)`` or cumulative incidence ``1 - S(t)``;
* :func:`at_risk_counts`: the number at risk at chosen times (the table below a survival plot).

Every function returns JSON-ready dicts and lists of floats.

For example:

>>> from dpssec.stats import Estimate
>>> from dpssec.stats.plot_geometry import forest_layout
>>> layout = forest_layout(Estimate([2.0, 5.0], [1.0, 4.0], [3.0, 6.0], 0.95, "exact"),
...                        labels=["A", "B"])
>>> [(r["label"], r["y"]) for r in layout["rows"]]
[('B', 1.0), ('A', 0.0)]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dpssec.errors import InputError

__all__ = ["FOREST_SORTS", "SURVIVAL_KINDS", "at_risk_counts", "forest_layout", "survival_steps"]

FOREST_SORTS = ("descending", "ascending", "label", "none")
"""Orders :func:`forest_layout` accepts (``"descending"``: the largest value at the top)."""

SURVIVAL_KINDS = ("survival", "cumulative_incidence")
"""What a survival picture shows: ``S(t)`` or ``1 - S(t)``."""


def _materialised(value: Any) -> Any:
    compute = getattr(value, "compute", None)
    if callable(compute) and not hasattr(value, "to_numpy"):
        return compute()
    return value


def _column(value: Any, size: int | None = None) -> np.ndarray:
    arr = np.atleast_1d(np.asarray(_materialised(value), dtype=float))
    if size is not None and arr.size == 1 and size != 1:
        arr = np.full(size, float(arr[0]))
    return arr


def _labels_of(result: Any, size: int, labels: Sequence[Any] | None) -> list[str]:
    if labels is not None:
        names = [str(v) for v in labels]
    elif getattr(result, "keys", None) is not None and isinstance(result.keys, dict):
        columns = [np.asarray(v).astype(str) for v in result.keys.values()]
        names = [" · ".join(parts) for parts in zip(*columns, strict=True)] if columns else []
    elif getattr(result, "group", None) is not None:
        names = [str(v) for v in np.atleast_1d(np.asarray(result.group))]
    elif hasattr(result.value, "index") and hasattr(result.value, "to_numpy"):
        names = [str(v) for v in result.value.index]
    else:
        names = [f"row {i}" for i in range(size)] if size > 1 else [""]
    if len(names) != size:
        raise InputError(f"labels: {len(names)} labels for {size} estimates")
    return names


def _method_of(result: Any) -> str:
    method = getattr(result, "method", "")
    if isinstance(method, str):
        return method
    names = sorted({str(m) for m in np.atleast_1d(np.asarray(method)) if str(m)})
    return "/".join(names)


def forest_layout(
    result: Any,
    labels: Sequence[Any] | None = None,
    *,
    sort: str = "descending",
    overall: Any = None,
    overall_label: str = "overall",
) -> dict[str, Any]:
    """Rows of a forest plot: one estimate and its interval per label, in drawing order.

    Parameters
    ----------
    result : Estimate, IndicatorEstimate or IndicatorTable
        Estimates with ``value``, ``lower``, ``upper`` (arrays or scalars) and ``confidence``;
        ``suppressed`` flags and the suppression rule or notes are used when present.
    labels : sequence, optional
        One label per estimate; default: the result's group labels, its table keys, the
        index of a Series result, or ``row i``.
    sort : {"descending", "ascending", "label", "none"}
        Order from the top row down; suppressed and missing rows always come last.
    overall : Estimate or float, optional
        The overall (regional, national) value, drawn below the rows.
    overall_label : str
        Its label.

    Returns
    -------
    dict
        ``rows``: list of dicts with ``label``, ``value``, ``lower``, ``upper`` (None where
        blank), ``y`` (vertical position: the top row has the largest ``y``; rows are 1 apart,
        the bottom one at 0), ``suppressed`` (bool), ``missing`` (no value and not flagged) and
        ``note``; ``overall``: dict with ``label``, ``value``, ``lower``, ``upper``, ``y``
        (= -1.5) or None; ``confidence``, ``method``, ``multiplier``, ``indicator``,
        ``suppression_rule``.

    Raises
    ------
    InputError
        Labels of another length, an unknown ``sort``.

    Examples
    --------
    >>> from dpssec.prevention import crime_rate
    >>> rates = crime_rate([3, 40, 90], [2_000, 120_000, 150_000], min_count=5,
    ...                    by=["north", "south", "east"])
    >>> layout = forest_layout(rates, overall=crime_rate(133, 272_000), overall_label="region")
    >>> [(r["label"], r["suppressed"]) for r in layout["rows"]]
    [('east', False), ('south', False), ('north', True)]
    >>> layout["overall"]["label"], round(layout["overall"]["value"], 1)
    ('region', 48.9)
    """
    if sort not in FOREST_SORTS:
        raise InputError(f"sort must be one of {', '.join(FOREST_SORTS)}; got {sort!r}")
    value = _column(result.value)
    size = value.size
    lower, upper = _column(result.lower, size), _column(result.upper, size)
    flags = getattr(result, "suppressed", None)
    suppressed = (
        np.zeros(size, dtype=bool)
        if flags is None
        else np.broadcast_to(np.asarray(_materialised(flags), dtype=bool), (size,))
    )
    rule = str(getattr(result, "suppression_rule", "") or "")
    notes_field = getattr(result, "note", None)
    notes = (
        [str(n) for n in np.atleast_1d(np.asarray(notes_field))]
        if notes_field is not None and np.size(notes_field) == size
        else [rule if s else "" for s in suppressed]
    )
    if not rule and suppressed.any():
        rule = "; ".join(sorted({notes[i] for i in np.flatnonzero(suppressed) if notes[i]}))
    names = _labels_of(result, size, labels)
    missing = ~np.isfinite(value) & ~suppressed
    shown = ~suppressed & ~missing
    index = np.arange(size)
    if sort == "descending":
        order = sorted(index[shown], key=lambda i: (-value[i], names[i]))
    elif sort == "ascending":
        order = sorted(index[shown], key=lambda i: (value[i], names[i]))
    elif sort == "label":
        order = sorted(index[shown], key=lambda i: names[i])
    else:
        order = list(index[shown])
    blank = index[~shown]
    order += list(blank) if sort == "none" else sorted(blank, key=lambda i: names[i])

    def number(x: float) -> float | None:
        return float(x) if np.isfinite(x) else None

    rows = []
    for position, i in enumerate(order):
        rows.append(
            {
                "label": names[i],
                "value": number(value[i]),
                "lower": number(lower[i]),
                "upper": number(upper[i]),
                "y": float(size - 1 - position),
                "suppressed": bool(suppressed[i]),
                "missing": bool(missing[i]),
                "note": notes[i] or (rule if suppressed[i] else ("no value" if missing[i] else "")),
            }
        )
    total = None
    if overall is not None:
        if hasattr(overall, "value"):
            o_value = float(np.asarray(_materialised(overall.value)).reshape(-1)[0])
            o_lower = float(np.asarray(_materialised(overall.lower)).reshape(-1)[0])
            o_upper = float(np.asarray(_materialised(overall.upper)).reshape(-1)[0])
        else:
            o_value = o_lower = o_upper = float(overall)
        total = {
            "label": overall_label,
            "value": number(o_value),
            "lower": number(o_lower),
            "upper": number(o_upper),
            "y": -1.5,
        }
    multiplier = getattr(result, "multiplier", None)
    return {
        "rows": rows,
        "overall": total,
        "confidence": float(result.confidence),
        "method": _method_of(result),
        "multiplier": None if multiplier is None else float(multiplier),
        "indicator": str(getattr(result, "indicator", "") or ""),
        "suppression_rule": rule,
    }


def survival_steps(curve: Any, *, kind: str = "survival") -> dict[str, Any]:
    """Vertices of a Kaplan-Meier step function and its band, from time 0.

    Parameters
    ----------
    curve : SurvivalCurve
    kind : {"survival", "cumulative_incidence"}
        ``S(t)``, or ``1 - S(t)`` (the band's limits swap: 1 - upper, 1 - lower).

    Returns
    -------
    dict
        ``time``, ``value``, ``lower``, ``upper``: lists to be drawn as a step function that
        holds each value until the next time (matplotlib ``where="post"``), starting at
        ``min(0, first time)`` with S = 1; ``confidence`` and ``ci_method``.

    Examples
    --------
    >>> from dpssec.stats import kaplan_meier
    >>> from dpssec.stats.plot_geometry import survival_steps
    >>> steps = survival_steps(kaplan_meier([2, 4, 4, 6], [1, 1, 0, 1]),
    ...                        kind="cumulative_incidence")
    >>> steps["time"], steps["value"]
    ([0.0, 2.0, 4.0, 6.0], [0.0, 0.25, 0.5, 1.0])
    """
    if kind not in SURVIVAL_KINDS:
        raise InputError(f"kind must be one of {', '.join(SURVIVAL_KINDS)}; got {kind!r}")
    start = min(0.0, float(curve.time[0])) if curve.time.size else 0.0
    time = np.concatenate([[start], curve.time])
    value = np.concatenate([[1.0], curve.survival])
    lower = np.concatenate([[1.0], curve.lower])
    upper = np.concatenate([[1.0], curve.upper])
    if kind == "cumulative_incidence":
        value, lower, upper = 1.0 - value, 1.0 - upper, 1.0 - lower
    return {
        "time": time.tolist(),
        "value": value.tolist(),
        "lower": lower.tolist(),
        "upper": upper.tolist(),
        "confidence": float(curve.confidence),
        "ci_method": str(curve.ci_method),
    }


def at_risk_counts(curve: Any, times: Any) -> np.ndarray:
    """Number at risk at each of ``times``: the weight with duration >= t.

    This is R survival's ``n.risk`` read at ``t`` (records censored or with the event at
    ``t`` still count). Between observed times it equals what lifelines'
    ``add_at_risk_counts`` prints.

    Parameters
    ----------
    curve : SurvivalCurve
    times : array-like
        Times [unit of the curve], >= 0.

    Returns
    -------
    ndarray
        One count per time (0 beyond the last observed time).

    Examples
    --------
    >>> from dpssec.stats import kaplan_meier
    >>> from dpssec.stats.plot_geometry import at_risk_counts
    >>> at_risk_counts(kaplan_meier([2, 4, 4, 6], [1, 1, 0, 1]), [0, 3, 4, 5, 7]).tolist()
    [4.0, 3.0, 3.0, 1.0, 0.0]
    """
    points = np.atleast_1d(np.asarray(times, dtype=float))
    index = np.searchsorted(curve.time, points, side="left")
    inside = index < curve.time.size
    counts = np.where(inside, curve.at_risk[np.minimum(index, max(curve.time.size - 1, 0))], 0.0)
    return np.asarray(counts, dtype=float)
