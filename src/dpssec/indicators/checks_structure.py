"""Checks of a submission's shape: years, disaggregations, parts against their total.

Each function applies one kind of rule of :mod:`dpssec.indicators.rules_structure` to a
:class:`~dpssec.indicators.context.ValidationContext` and returns its findings.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from dpssec.indicators.context import ValidationContext, finding, half_unit
from dpssec.indicators.disaggregations import DIMENSIONS, TOTAL, age_band, split_disaggregation
from dpssec.indicators.report import ValidationFinding
from dpssec.indicators.rules_structure import (
    KnownDisaggregationRule,
    PartWithinTotalRule,
    YearRangeRule,
)
from dpssec.indicators.submission import Cell

__all__ = ["check_known_disaggregations", "check_part_within_total", "check_year_range"]

_DIMENSIONS = {d.code: d for d in DIMENSIONS}


def check_year_range(rule: YearRangeRule, context: ValidationContext) -> list[ValidationFinding]:
    """One finding per year after ``latest`` (violation) or before ``earliest`` (warning)."""
    latest = rule.latest if rule.latest is not None else dt.date.today().year
    by_year: dict[int, list[Cell]] = defaultdict(list)
    for cell in context.submission:
        if cell.year > latest or cell.year < rule.earliest:
            by_year[cell.year].append(cell)
    out = []
    for year, cells in sorted(by_year.items()):
        if year > latest:
            message = (
                f"{len(cells)} value(s) for {year}, after {latest}: a year that has not begun "
                "has no data (a typing error in the year?)"
            )
            severity = rule.severity
        else:
            message = (
                f"{len(cells)} value(s) for {year}, before {rule.earliest}: confirm the year "
                "(a typing error such as 1800 for 2018?)"
            )
            severity = rule.early_severity
        out.append(
            finding(
                rule,
                message,
                cells,
                subject=f"year {year}",
                severity=severity,
                details={
                    "year": year,
                    "rows": len(cells),
                    "earliest": rule.earliest,
                    "latest": latest,
                },
            )
        )
    return out


def _problem(part: str) -> tuple[str, str] | None:
    """(kind, explanation) when a canonical part cannot be placed; None when it can."""
    if ":" not in part:
        return "unplaced", (
            f"{part!r} is neither 'total' nor dimension:category (sex:female, age:15-24, "
            "status:unsentenced, outcome:killed)"
        )
    name, _, category = part.partition(":")
    dimension = _DIMENSIONS.get(name)
    if dimension is None:
        known = ", ".join(_DIMENSIONS)
        return "unknown-dimension", (
            f"the dimension {name!r} is not one the rules know ({known}): its parts are only "
            "checked against the total, never summed"
        )
    if dimension.code == "age":
        if category == "unknown" or age_band(category) is not None:
            return None
        return "unknown-category", (
            f"{category!r} is not an age band (such as 15-24 or 65+) nor 'unknown'"
        )
    if category in {c.code for c in dimension.categories}:
        return None
    codes = ", ".join(c.code for c in dimension.categories)
    return "unknown-category", (
        f"{category!r} is not a category of {name} ({codes}): the value cannot be placed in "
        "its breakdown"
    )


def check_known_disaggregations(
    rule: KnownDisaggregationRule, context: ValidationContext
) -> list[ValidationFinding]:
    """One finding per disaggregation the rules cannot place, with every row that uses it."""
    found: dict[tuple[str, str, str], list[Cell]] = defaultdict(list)
    for cell in context.known_cells():
        if cell.disaggregation == TOTAL:
            continue
        for part in cell.disaggregation.split(";"):
            problem = _problem(part)
            if problem is not None:
                found[(part, *problem)].append(cell)
    out = []
    for (part, kind, explanation), cells in found.items():
        severity = rule.unknown_dimension_severity if kind == "unknown-dimension" else None
        out.append(
            finding(
                rule,
                f"{explanation} ({len(cells)} row(s))",
                cells,
                subject=f"disaggregation {part}",
                severity=severity,
                details={"part": part, "problem": kind, "rows": len(cells)},
            )
        )
    return out


def _summed_by_identity(part: str) -> bool:
    """Whether an identity rule sums this part (then it is left to that rule)."""
    split = split_disaggregation(part)
    if split is None:
        return False
    name, category = split
    dimension = _DIMENSIONS.get(name)
    if dimension is None:
        return False
    if dimension.code == "age":
        return category == "unknown" or age_band(category) is not None
    return category in dimension.summed


def check_part_within_total(
    rule: PartWithinTotalRule, context: ValidationContext
) -> list[ValidationFinding]:
    """Parts of a count larger than their total (the parts no identity rule sums)."""
    out = []
    for cell in context.known_cells():
        if cell.disaggregation == TOTAL or context.variable(cell.indicator) is None:
            continue  # rates and shares of a part may exceed the total's
        if cell.status != "present" or cell.value is None:
            continue
        if _summed_by_identity(cell.disaggregation):
            continue
        total = context.present(cell.state, cell.year, cell.indicator)
        if total is None or total.value is None:
            continue
        tolerance = half_unit(cell) + half_unit(total) if cell.decimals or total.decimals else 0.0
        if cell.value > total.value + tolerance + 1e-9 * abs(total.value):
            out.append(
                finding(
                    rule,
                    f"the part {cell.disaggregation} is {cell.value:,.6g}, more than the total "
                    f"{total.value:,.6g}: a part cannot exceed its total",
                    [cell, total],
                    details={"part": cell.value, "total": total.value},
                )
            )
    return out
