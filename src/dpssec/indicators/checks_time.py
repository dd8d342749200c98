"""Checks over time: breaks in series and unusual year-on-year changes.

A series is the values of one state, indicator and part over the years. A change of source
between two consecutive values breaks it: the break is flagged, never "corrected", and the
change across it is not judged as a change. Year-on-year changes (``ln(v_t / v_t-1)``,
consecutive years, same source) are judged by their modified z-score among the changes of the
state's own series and among those of the states of its subregion.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from typing import Any

import numpy as np

from dpssec.countries import member_state
from dpssec.errors import InputError
from dpssec.indicators.catalogue_entry import COUNT_UNITS
from dpssec.indicators.context import ValidationContext, finding
from dpssec.indicators.report import ValidationFinding
from dpssec.indicators.robust import modified_z_scores
from dpssec.indicators.rules import SeriesBreakRule, YearOnYearRule
from dpssec.indicators.submission import Cell

__all__ = [
    "check_series_breaks",
    "check_year_on_year",
    "events",
    "year_on_year_changes",
]


def check_series_breaks(
    rule: SeriesBreakRule, context: ValidationContext
) -> list[ValidationFinding]:
    """One finding per change of source between consecutive values of a series."""
    out = []
    for (state, indicator, part), cells in sorted(context.series_index.items()):
        for before, after in itertools.pairwise(cells):
            if before.source and after.source and before.source != after.source:
                subject = f"{state} {before.year}-{after.year} {indicator}" + (
                    "" if part == "total" else f" [{part}]"
                )
                out.append(
                    finding(
                        rule,
                        f"the source changes between {before.year} ({before.source}) and "
                        f"{after.year} ({after.source}): values on either side are not one "
                        "series until their definitions are checked (flagged, not corrected)",
                        [before, after],
                        subject=subject,
                        details={
                            "year_before": before.year,
                            "year_after": after.year,
                            "source_before": before.source,
                            "source_after": after.source,
                        },
                    )
                )
    return out


def year_on_year_changes(cells: list[Cell]) -> list[tuple[Cell, Cell, float]]:
    """``(before, after, ln(after / before))`` for consecutive years from the same source.

    Values of 0 or less have no log change and are skipped.
    """
    changes = []
    for before, after in itertools.pairwise(cells):
        if after.year != before.year + 1 or before.source != after.source:
            continue
        if before.value is None or after.value is None or before.value <= 0 or after.value <= 0:
            continue
        changes.append((before, after, math.log(after.value / before.value)))
    return changes


def _value(cell: Cell) -> str:
    return cell.describe().rsplit(" = ", 1)[1]


def _scores(values: list[float]) -> np.ndarray | None:
    try:
        return np.asarray(modified_z_scores(values))
    except InputError:  # too few values, or MAD 0: the series cannot be judged
        return None


def events(context: ValidationContext, cell: Cell) -> float | None:
    """The number of events behind a value: the count itself, or a rate's implied count.

    For a rate per population (``homicide_rate``), ``value x population / scale`` with the
    population of :meth:`~dpssec.indicators.context.ValidationContext.population`; None
    when the value is not a count of events or the population is not known.
    """
    if cell.value is None:
        return None
    variable = context.variable(cell.indicator)
    if variable is not None:
        return cell.value if variable.unit in COUNT_UNITS and not variable.population else None
    entry = context.entry(cell.indicator)
    if entry is None or not entry.is_ratio or entry.scale is None:
        return None
    denominator = context.variable(entry.denominator.variable)
    if not entry.numerator.is_count or denominator is None or not denominator.population:
        return None
    found = context.population(cell.state, cell.year, cell.disaggregation)
    return None if found is None else cell.value * found[0] / entry.scale


def _enough_events(context: ValidationContext, changes: list[Any], minimum: float) -> list[Any]:
    kept = []
    for before, after, change in changes:
        counts = [events(context, before), events(context, after)]
        if all(c is None or c >= minimum for c in counts):
            kept.append((before, after, change))
    return kept


def check_year_on_year(rule: YearOnYearRule, context: ValidationContext) -> list[ValidationFinding]:
    """Changes unusual both for the state's own series and for its subregion."""
    own: dict[tuple[str, str, str], list[tuple[Cell, Cell, float]]] = {}
    region: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for key, cells in context.series_index.items():
        state, indicator, part = key
        changes = _enough_events(context, year_on_year_changes(cells), rule.min_events)
        if not changes:
            continue
        own[key] = changes
        subregion = member_state(state).subregion.value
        region[(subregion, indicator, part)].extend(c for _, _, c in changes)
    region_stats: dict[tuple[str, str, str], tuple[float, float]] = {}
    for key, values in region.items():
        if len(values) >= rule.min_region_changes:
            data = np.asarray(values)
            centre = float(np.median(data))
            mad = float(np.median(np.abs(data - centre)))
            if mad > 0:
                region_stats[key] = (centre, mad)
    out = []
    for (state, indicator, part), changes in sorted(own.items()):
        if len(changes) < rule.min_changes:
            continue
        scores = _scores([c for _, _, c in changes])
        subregion = member_state(state).subregion.value
        stats = region_stats.get((subregion, indicator, part))
        if scores is None or stats is None:
            continue
        centre, mad = stats
        for (before, after, change), z_own in zip(changes, scores, strict=True):
            z_region = 0.6745 * (change - centre) / mad
            if abs(z_own) <= rule.threshold or abs(z_region) <= rule.threshold:
                continue
            assert before.value is not None and after.value is not None
            percent = math.exp(change) - 1.0
            verb = "rose" if change > 0 else "fell"
            out.append(
                finding(
                    rule,
                    f"{verb} {abs(percent):.0%} from {before.year} ({_value(before)}) to "
                    f"{after.year} ({_value(after)}); modified z-score {z_own:+.1f} within the "
                    f"state's own series and {z_region:+.1f} within {subregion} (threshold "
                    f"{rule.threshold:g}): confirm with the state (a real change, a change of "
                    "method, or an error)",
                    [before, after],
                    subject=f"{state} {after.year} {indicator}"
                    + ("" if part == "total" else f" [{part}]"),
                    details={
                        "change": percent,
                        "log_change": change,
                        "z_own": float(z_own),
                        "z_region": float(z_region),
                        "subregion": subregion,
                    },
                )
            )
    return out
