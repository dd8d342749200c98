"""Checks of single values and of breakdowns: codes, duplicates, bounds, identities.

Each function applies one kind of rule of :mod:`dpssec.indicators.rules` to a
:class:`~dpssec.indicators.context.ValidationContext` and returns its findings.
"""

from __future__ import annotations

import difflib
import itertools
from collections import defaultdict

from dpssec.indicators.context import ValidationContext, finding, half_unit
from dpssec.indicators.disaggregations import (
    DIMENSIONS,
    TOTAL,
    age_band,
    age_bands_complete,
    split_disaggregation,
)
from dpssec.indicators.report import ValidationFinding
from dpssec.indicators.rules import (
    DefinitionBoundsRule,
    DuplicateRule,
    IdentityRule,
    KnownIndicatorRule,
    PlausibleRangeRule,
    PopulationBoundRule,
)
from dpssec.indicators.submission import Cell

__all__ = [
    "check_definition_bounds",
    "check_duplicates",
    "check_identity",
    "check_known_indicators",
    "check_plausible_ranges",
    "check_population_bound",
]


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"


def _rounding(cell: Cell) -> float:
    return half_unit(cell) if cell.decimals else 0.0


def check_known_indicators(
    rule: KnownIndicatorRule, context: ValidationContext
) -> list[ValidationFinding]:
    """One finding per unknown indicator code, with every row that uses it."""
    unknown: dict[str, list[Cell]] = defaultdict(list)
    for cell in context.submission:
        if not context.is_known(cell.indicator):
            unknown[cell.indicator].append(cell)
    codes = [*context.entries, *context.variables]
    out = []
    for code, cells in unknown.items():
        close = difflib.get_close_matches(code, codes, n=1, cutoff=0.5)
        hint = f"; closest: {close[0]!r}" if close else ""
        out.append(
            finding(
                rule,
                f"{code!r} is neither an indicator nor a variable of the catalogue "
                f"({len(cells)} row(s); not checked further){hint}",
                cells,
                subject=code,
                details={"code": code, "rows": len(cells), "closest": close[0] if close else ""},
            )
        )
    return out


def check_duplicates(rule: DuplicateRule, context: ValidationContext) -> list[ValidationFinding]:
    """Keys given more than once: conflicting values, or the same value repeated."""
    out = []
    for cells in context.repeated.values():
        values = {(c.status, c.value) for c in cells}
        if len(values) > 1:
            shown = ", ".join(c.describe().rsplit(" = ", 1)[1] for c in cells)
            out.append(
                finding(
                    rule,
                    f"given {len(cells)} times with different values ({shown}); keep one",
                    cells,
                )
            )
        else:
            out.append(
                finding(
                    rule,
                    f"given {len(cells)} times with the same value",
                    cells,
                    severity=rule.repeated_severity,
                )
            )
    return out


def check_definition_bounds(
    rule: DefinitionBoundsRule, context: ValidationContext
) -> list[ValidationFinding]:
    """Values outside the bounds of their definition (negative counts, shares above 100 %)."""
    out = []
    for cell in context.known_cells():
        if cell.status != "present" or cell.value is None:
            continue
        entry = context.entry(cell.indicator)
        lower = entry.lower if entry is not None else 0.0
        upper = entry.upper if entry is not None else None
        reference = entry.reference if entry is not None else rule.reference
        unit = entry.unit if entry is not None else context.variables[cell.indicator].unit
        if lower is not None and cell.value < lower:
            out.append(
                finding(
                    rule,
                    f"{cell.value:g} is below {lower:g}, impossible for {cell.indicator} ({unit})",
                    [cell],
                    reference=reference,
                    details={"value": cell.value, "lower": lower},
                )
            )
        elif upper is not None and cell.value > upper:
            out.append(
                finding(
                    rule,
                    f"{cell.value:g} is above {upper:g}, impossible for {cell.indicator} ({unit})",
                    [cell],
                    reference=reference,
                    details={"value": cell.value, "upper": upper},
                )
            )
    return out


def check_plausible_ranges(
    rule: PlausibleRangeRule, context: ValidationContext
) -> list[ValidationFinding]:
    """Values outside the plausible range preset for their indicator."""
    out = []
    for cell in context.known_cells():
        preset = rule.ranges.get(cell.indicator)
        if preset is None or cell.status != "present" or cell.value is None:
            continue
        low, high = preset.lower, preset.upper
        if (low is not None and cell.value < low) or (high is not None and cell.value > high):
            span = f"{'-inf' if low is None else f'{low:g}'} to {'inf' if high is None else f'{high:g}'}"
            out.append(
                finding(
                    rule,
                    f"{cell.value:g} is outside the plausible range {span} for "
                    f"{cell.indicator}: a typing or scale error (per 1,000 for per 100,000, a "
                    "count in the rate column) or a value to confirm",
                    [cell],
                    reference=preset.reference,
                    details={"value": cell.value, "lower": low, "upper": high},
                )
            )
    return out


def check_population_bound(
    rule: PopulationBoundRule, context: ValidationContext
) -> list[ValidationFinding]:
    """Counts of people above the population of their state and year."""
    out = []
    for cell in context.known_cells():
        variable = context.variable(cell.indicator)
        if variable is None or not variable.counts_persons:
            continue
        if cell.status != "present" or cell.value is None:
            continue
        found = context.population(cell.state, cell.year, cell.disaggregation)
        if found is None and cell.disaggregation != TOTAL:
            found = context.population(cell.state, cell.year)
        if found is None:
            continue
        population, population_cell = found
        if cell.value > population:
            origin = "as submitted" if population_cell is not None else "UN WPP 2022"
            cells = [cell] + ([population_cell] if population_cell is not None else [])
            out.append(
                finding(
                    rule,
                    f"{_number(cell.value)} {variable.unit} is more than the population of "
                    f"{_number(population)} ({origin}): a count in the wrong unit or the wrong "
                    "column",
                    cells,
                    details={"value": cell.value, "population": population},
                )
            )
    return out


def _overlapping_bands(bands: set[str]) -> tuple[str, str] | None:
    """The first two age bands (canonical codes) that share an age, or None."""
    parsed = sorted(
        (found[0], float("inf") if found[1] is None else found[1], band)
        for band in bands
        if band != "unknown" and (found := age_band(band)) is not None
    )
    for (_, high, name), (low, _, other) in itertools.pairwise(parsed):
        if low <= high:
            return name, other
    return None


def check_identity(rule: IdentityRule, context: ValidationContext) -> list[ValidationFinding]:
    """Breakdowns of counts that do not add up to their total (or exceed it when incomplete)."""
    dimension = next((d for d in DIMENSIONS if d.code == rule.dimension), None)
    if dimension is None:
        return []
    groups: dict[tuple[str, int, str], list[Cell]] = defaultdict(list)
    for cell in context.known_cells():
        if context.variable(cell.indicator) is None:
            continue  # rates and shares do not add up
        split = split_disaggregation(cell.disaggregation)
        if split is None or split[0] != dimension.code:
            continue
        if dimension.code != "age" and split[1] not in dimension.summed:
            continue
        groups[(cell.state, cell.year, cell.indicator)].append(cell)
    out = []
    for (state, year, indicator), parts in sorted(groups.items()):
        total = context.present(state, year, indicator)
        if total is None or total.value is None:
            continue
        present = [p for p in parts if p.status == "present" and p.value is not None]
        categories = {split_disaggregation(p.disaggregation)[1] for p in parts}  # type: ignore[index]
        answered = {
            split_disaggregation(p.disaggregation)[1]  # type: ignore[index]
            for p in parts
            if p.status in ("present", "NAP")
        }
        overlap = _overlapping_bands(categories) if dimension.code == "age" else None
        if overlap is not None:
            first, second = overlap
            out.append(
                finding(
                    rule,
                    f"the age bands {first} and {second} overlap: the parts count some people "
                    "twice and cannot add up to the total",
                    [*sorted(parts, key=lambda c: c.disaggregation), total],
                    subject=f"{state} {year} {indicator}",
                    details={"overlapping": [first, second]},
                )
            )
            continue
        if dimension.code == "age":
            complete = answered == categories and age_bands_complete(categories)
        else:
            complete = set(dimension.required) <= answered
        summed = sum(p.value for p in present if p.value is not None)
        # Whole counts are exact; a figure with decimals may be off by half its last unit.
        tolerance = rule.tolerance + sum(_rounding(c) for c in (total, *present))
        names = " + ".join(split_disaggregation(p.disaggregation)[1] for p in parts)  # type: ignore[index]
        cells = [*sorted(parts, key=lambda c: c.disaggregation), total]
        if complete and abs(summed - total.value) > tolerance + 1e-9 * abs(total.value):
            out.append(
                finding(
                    rule,
                    f"{names} = {_number(summed)}, but the total is {_number(total.value)} "
                    f"(difference {summed - total.value:+,.6g}; tolerance {tolerance:g})",
                    cells,
                    subject=f"{state} {year} {indicator}",
                    details={
                        "parts": summed,
                        "total": total.value,
                        "difference": summed - total.value,
                        "tolerance": tolerance,
                    },
                )
            )
        elif not complete and summed > total.value + tolerance + 1e-9 * abs(total.value):
            out.append(
                finding(
                    rule,
                    f"the parts given ({names}) add up to {_number(summed)}, more than the total "
                    f"{_number(total.value)}",
                    cells,
                    subject=f"{state} {year} {indicator}",
                    details={"parts": summed, "total": total.value},
                )
            )
    return out
