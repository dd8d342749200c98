"""Consistency across indicators: a published ratio against its own numerator and denominator.

For each catalogue indicator that is one ratio (``value = numerator / denominator x scale``),
a published value is compared with the ratio of the counts submitted beside it (same state,
year and part). It must lie within half a unit of its last decimal of the exact ratio, the
counts being exact when whole. A value that equals the exact ratio cut (truncated) at its
decimals is a warning: the arithmetic is right, the rounding is not. Any other difference is a
violation, and the finding says what the published value implies (the count for this
denominator, or the denominator for this count).

When the denominator is the population and the submission does not give it, the population of
UN WPP 2022 stands in: states compute rates with their own population estimates, so only a
relative difference above the rule's tolerance (5 %) is reported, as a warning; a rate whose
implied population is more than the rule's limit (25 %) from WPP is a violation.
"""

from __future__ import annotations

import math

from dpssec.findings import Severity
from dpssec.indicators.catalogue_entry import CatalogueEntry
from dpssec.indicators.context import ValidationContext, combine_parts, finding, half_unit
from dpssec.indicators.disaggregations import TOTAL
from dpssec.indicators.report import ValidationFinding
from dpssec.indicators.robust import rounding_agrees, truncation_agrees
from dpssec.indicators.rules import RatioConsistencyRule
from dpssec.indicators.submission import Cell

__all__ = ["check_ratio_consistency"]


def _show(value: float, decimals: int | None = None) -> str:
    if decimals is not None and 0 <= decimals <= 10:
        return f"{value:,.{decimals}f}"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.6g}"


def _term(variable: str, part: str) -> str:
    return variable if part == TOTAL else f"{variable}[{part}]"


def _formula(entry: CatalogueEntry, num_part: str = TOTAL, den_part: str = TOTAL) -> str:
    """``prison_population[status:unsentenced] / prison_population x 100``: the parts named."""
    scale = "" if entry.scale == 1 else f" x {entry.scale:,.0f}"
    return (
        f"{_term(entry.numerator.variable, num_part)} / "
        f"{_term(entry.denominator.variable, den_part)}{scale}"
    )


def _input_error(cell: Cell, value: float) -> float:
    """Half a unit of the last decimal of a count given with decimals (0 when whole)."""
    return 0.0 if float(value).is_integer() else half_unit(cell)


def check_ratio_consistency(
    rule: RatioConsistencyRule, context: ValidationContext
) -> list[ValidationFinding]:
    """Ratios that disagree with their numerator and denominator."""
    out: list[ValidationFinding] = []
    for entry in context.catalogue:
        if not entry.is_ratio or entry.scale is None:
            continue
        for cell in context.cells_of(entry.identifier):
            if cell.status != "present" or cell.value is None:
                continue
            found = _check_one(rule, context, entry, entry.scale, cell)
            if found is not None:
                out.append(found)
    return sorted(out, key=lambda f: (f.cells[0].state, f.cells[0].year, f.cells[0].indicator))


def _check_one(
    rule: RatioConsistencyRule,
    context: ValidationContext,
    entry: CatalogueEntry,
    scale: float,
    cell: Cell,
) -> ValidationFinding | None:
    assert cell.value is not None
    num_part = combine_parts(entry.numerator.disaggregation, cell.disaggregation)
    den_part = combine_parts(entry.denominator.disaggregation, cell.disaggregation)
    if num_part is None or den_part is None:
        return None
    numerator = context.present(cell.state, cell.year, entry.numerator.variable, num_part)
    if numerator is None or numerator.value is None:
        return None
    variable = context.variable(entry.denominator.variable)
    denominator_cell: Cell | None
    if variable is not None and variable.population:
        found = context.population(cell.state, cell.year, den_part)
        if found is None:
            return None
        denominator, denominator_cell = found
    else:
        denominator_cell = context.present(
            cell.state, cell.year, entry.denominator.variable, den_part
        )
        if denominator_cell is None or denominator_cell.value is None:
            return None
        denominator = denominator_cell.value
    if denominator <= 0:
        return None
    exact = numerator.value * scale / denominator
    if denominator_cell is None:
        return _against_population(rule, entry, scale, cell, numerator, denominator, exact)
    # The interval of exact ratios the (possibly rounded) counts allow.
    dn = _input_error(numerator, numerator.value)
    dd = _input_error(denominator_cell, denominator)
    low = (numerator.value - dn) * scale / (denominator + dd)
    high = (numerator.value + dn) * scale / max(denominator - dd, 1e-300)
    decimals = cell.decimals
    margin = half_unit(cell) + 1e-9 * max(abs(exact), 1.0)
    if low - margin <= cell.value <= high + margin:
        return None
    cells = [cell, numerator, denominator_cell]
    details = {
        "published": cell.value,
        "exact": exact,
        "difference": cell.value - exact,
        "decimals": decimals,
        "numerator": numerator.value,
        "denominator": denominator,
    }
    formula = (
        f"{_formula(entry, num_part, den_part)} = {_show(numerator.value)} / "
        f"{_show(denominator)}"
        + ("" if scale == 1 else f" x {scale:,.0f}")
        + f" = {exact:,.{max(decimals or 0, 0) + 3}f}"
    )
    if decimals is not None and bool(truncation_agrees(cell.value, exact, decimals=decimals)):
        rounded = round(exact, decimals)
        return finding(
            rule,
            f"{_show(cell.value, decimals)} is {formula} truncated, not rounded: rounded to "
            f"{decimals} decimal(s) it is {_show(rounded, decimals)}",
            cells,
            severity=Severity.WARNING,
            reference=rule.reference,
            details={**details, "rounded": rounded, "truncated": True},
        )
    implied_numerator = cell.value * denominator / scale
    implied_denominator = numerator.value * scale / cell.value if cell.value else math.inf
    implied = (
        f"; the published value implies {_show(implied_numerator, 0)} "
        f"{entry.numerator.unit} for {_show(denominator)} {entry.denominator.unit}, or "
        f"{_show(implied_denominator, 0)} {entry.denominator.unit} for "
        f"{_show(numerator.value)} {entry.numerator.unit}"
        if math.isfinite(implied_denominator)
        else ""
    )
    return finding(
        rule,
        f"{_show(cell.value, decimals)} disagrees with {formula} (difference "
        f"{cell.value - exact:+,.{max(decimals or 0, 1)}f}, beyond the rounding of "
        f"{half_unit(cell):g}){implied}",
        cells,
        reference=entry.reference,
        details={
            **details,
            "implied_numerator": implied_numerator,
            "implied_denominator": implied_denominator
            if math.isfinite(implied_denominator)
            else None,
        },
    )


def _against_population(
    rule: RatioConsistencyRule,
    entry: CatalogueEntry,
    scale: float,
    cell: Cell,
    numerator: Cell,
    population: float,
    exact: float,
) -> ValidationFinding | None:
    assert cell.value is not None and numerator.value is not None
    if exact == 0 or cell.value == 0:
        return None
    if bool(rounding_agrees(cell.value, exact, decimals=cell.decimals or 0)):
        return None
    relative = cell.value / exact - 1.0
    if abs(relative) <= rule.population_tolerance:
        return None
    implied = numerator.value * scale / cell.value
    beyond_limit = abs(implied / population - 1.0) > rule.population_limit
    verdict = (
        f"beyond the {rule.population_limit:.0%} no national population estimate explains: the "
        "value or its count is wrong"
        if beyond_limit
        else f"beyond the {rule.population_tolerance:.0%} allowed for a national population "
        "estimate"
    )
    return finding(
        rule,
        f"{_show(cell.value, cell.decimals)} implies a population of {_show(implied, 0)} for "
        f"{_show(numerator.value)} {entry.numerator.unit}, {implied / population - 1:+.1%} "
        f"from UN WPP 2022 ({_show(population, 0)}); with that population the value would be "
        f"{exact:,.2f} ({relative:+.1%}, {verdict})",
        [cell, numerator],
        severity=Severity.VIOLATION if beyond_limit else Severity.WARNING,
        reference=rule.limit_reference if beyond_limit else rule.population_reference,
        details={
            "published": cell.value,
            "exact_with_wpp": exact,
            "relative_difference": relative,
            "numerator": numerator.value,
            "population_wpp": population,
            "implied_population": implied,
        },
    )
