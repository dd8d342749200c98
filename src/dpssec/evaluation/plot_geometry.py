"""What the evaluation pictures show, as plain data any plotting library can draw.

* :func:`its_lines`: the observed series, the fitted segmented model, the counterfactual
  after the (first) intervention and the change points of an
  :class:`~dpssec.evaluation.ITSResult`, on the scale the plot shows (rates per multiplier
  when a population was given), with the axis labels and their units;
* :func:`joinpoint_lines`: the observed values, the fitted joinpoint model with its pointwise
  band, the joinpoints and one label per segment of a
  :class:`~dpssec.evaluation.JoinpointResult`.

Both return dicts of lists and strings (JSON-ready); :mod:`dpssec.evaluation.plotting` hands
them to matplotlib.

For example:

>>> from dpssec.evaluation import joinpoint
>>> from dpssec.evaluation.plot_geometry import joinpoint_lines
>>> trend = joinpoint(list(range(2008, 2020)),
...                   [10.2, 10.9, 11.4, 12.3, 13.1, 13.8, 13.2, 12.6, 12.1, 11.5, 11.1, 10.5],
...                   n_joinpoints=1)
>>> lines = joinpoint_lines(trend, unit="per 100,000")
>>> lines["joinpoints"], lines["ylabel"]
([2013.0], 'rate [per 100,000]')
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.plotting import axis_label, confidence_text

__all__ = ["its_lines", "joinpoint_lines"]


def _outcome_label(outcome: str, per: str, unit: str | None) -> str:
    """``rate [per 100,000 per month]``, ``events [per month]``; ``unit`` overrides."""
    if outcome.startswith("rate per "):
        return axis_label("rate", unit or f"{outcome.removeprefix('rate ')} per {per}")
    if outcome == "count":
        return axis_label("events", unit or f"per {per}")
    return axis_label(outcome, unit)


def its_lines(result: Any, *, unit: str | None = None) -> dict[str, Any]:
    """The lines of an interrupted time series picture.

    Parameters
    ----------
    result : ITSResult
    unit : str, optional
        Unit of the outcome for the y label (needed for a Gaussian series of values, whose
        unit dpssec does not know; counts and rates are labelled without it).

    Returns
    -------
    dict
        ``x`` (dates as ISO text, or the time numbers), ``dates`` (bool), ``observed``,
        ``fitted``, ``counterfactual_x`` and ``counterfactual`` (from the first intervention
        on), ``interventions`` (the x of each change point) and ``intervention_labels``,
        ``xlabel``, ``ylabel``, ``title`` (the level change with its interval).
    """
    dates = result.dates
    x = result.time.tolist()
    scale = result.plot_scale()
    after = result.t >= result.intervention_times[0]
    positions = [int(np.argmax(result.t >= p)) for p in np.atleast_1d(result.intervention_times)]
    level = result.level_change
    values = np.atleast_1d(level.value)
    lows, highs = np.atleast_1d(level.lower), np.atleast_1d(level.upper)
    kind = "rate ratio" if result.ratio else "difference"
    ci = confidence_text(level.confidence)
    effect = f"level change {kind} {values[0]:.3g} ({ci} CI {lows[0]:.3g} to {highs[0]:.3g})"
    if values.size > 1:
        effect += f" at {result.interventions[0]}; {values.size} change points"
    title = f"Interrupted time series, {result.family} segmented regression: {effect}"
    return {
        "x": x,
        "dates": dates is not None,
        "observed": (result.observed * scale).tolist(),
        "fitted": (result.fitted * scale).tolist(),
        "counterfactual_x": [v for v, a in zip(x, after, strict=True) if a],
        "counterfactual": (result.counterfactual * scale)[after].tolist(),
        "interventions": [x[i] for i in positions],
        "intervention_labels": list(result.interventions),
        "xlabel": "date" if dates is not None else axis_label("time", result.time_unit),
        "ylabel": _outcome_label(result.outcome, result.time_unit, unit),
        "title": title,
    }


def joinpoint_lines(result: Any, *, unit: str | None = None) -> dict[str, Any]:
    """The lines of a joinpoint picture.

    Parameters
    ----------
    result : JoinpointResult
    unit : str, optional
        Unit of the values for the y label (e.g. ``"per 100,000"`` for rates given with
        their standard errors); counts with a population are labelled without it.

    Returns
    -------
    dict
        ``years``, ``observed``, ``fitted``, ``lower`` and ``upper`` (the fitted model's
        pointwise band; empty when the result has none), ``joinpoints``, ``segments`` (one
        legend text per segment: its years and APC or slope), ``xlabel``, ``ylabel``,
        ``title`` (model, selection and the AAPC with its interval), ``band_label``.
    """
    loglinear = result.model == "loglinear"
    segments = [
        f"{s.start:g}-{s.end:g}: {s.estimate.value:+.2f}" + (" %/yr" if loglinear else "/yr")
        for s in result.segments
    ]
    full = result.aapc()
    ci = confidence_text(result.confidence)
    name = "AAPC" if loglinear else "average annual change"
    sign = " %" if loglinear else ""
    title = (
        f"Joinpoint ({result.model}, {result.n_joinpoints} joinpoint(s), {result.selection}): "
        f"{name} {full.value:+.2f}{sign} ({ci} CI {full.lower:+.2f} to {full.upper:+.2f})"
    )
    if result.outcome.startswith("rate per "):
        ylabel = axis_label("rate", unit or result.outcome.removeprefix("rate "))
    else:
        ylabel = axis_label("rate" if unit else result.outcome, unit)
    lower = [] if result.fitted_lower is None else result.fitted_lower.tolist()
    upper = [] if result.fitted_upper is None else result.fitted_upper.tolist()
    return {
        "years": result.years.tolist(),
        "observed": result.values.tolist(),
        "fitted": result.fitted.tolist(),
        "lower": lower,
        "upper": upper,
        "joinpoints": result.joinpoints.tolist(),
        "segments": segments,
        "xlabel": axis_label("year", "calendar year"),
        "ylabel": ylabel,
        "title": title,
        "band_label": f"{ci} band of the fitted model (joinpoints known)",
    }
