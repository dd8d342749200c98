"""What the checks share: a submission indexed by cell, the catalogue, the population.

:class:`ValidationContext` is built once per validation and handed to every check: it finds a
cell by its key, a state's series of an indicator, the catalogue entry or variable of a code,
and the population of a state in a year (the submission's own ``national_population`` where
given, else UN WPP 2022).
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from typing import Any

import attrs

from dpssec.boundary import example
from dpssec.errors import DataQualityWarning, InputError
from dpssec.findings import Severity
from dpssec.indicators.catalogue import CATALOGUE
from dpssec.indicators.catalogue_entry import CatalogueEntry, Variable
from dpssec.indicators.catalogue_model import Catalogue
from dpssec.indicators.disaggregations import TOTAL, age_band, split_disaggregation
from dpssec.indicators.report import ValidationFinding
from dpssec.indicators.rules import Rule
from dpssec.indicators.submission import Cell, Submission
from dpssec.references import Reference

__all__ = ["ValidationContext", "combine_parts", "finding", "half_unit"]

Key = tuple[str, int, str, str]


def _wpp(state: str, year: int, age: str | None) -> float | None:
    """UN WPP 2022 population, or None outside its years and age groups."""
    from dpssec.data import POPULATION_YEARS, population

    if not POPULATION_YEARS[0] <= year <= POPULATION_YEARS[1]:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataQualityWarning)
            return float(population(state, year, age=age))
    except InputError:
        return None


def half_unit(cell: Cell) -> float:
    """Half a unit of the last decimal written (0.05 for ``454.4``); 0 for an unknown count.

    Examples
    --------
    >>> from dpssec.indicators.context import half_unit
    >>> from dpssec.indicators.submission import Cell
    >>> half_unit(Cell("VEN", 2019, "occupancy", value=167.66, decimals=2))
    0.005
    """
    if cell.decimals is None:
        return 0.0
    return 0.5 * 10.0 ** (-cell.decimals)


def combine_parts(term_part: str, cell_part: str) -> str | None:
    """The part of a term for a cell's part: the one that is not the total, or None if both are.

    Examples
    --------
    >>> from dpssec.indicators.context import combine_parts
    >>> combine_parts("status:unsentenced", "total"), combine_parts("total", "sex:female")
    ('status:unsentenced', 'sex:female')
    """
    if term_part == TOTAL:
        return cell_part
    if cell_part == TOTAL:
        return term_part
    return None


def finding(
    rule: Rule,
    message: str,
    cells: list[Cell] | tuple[Cell, ...],
    *,
    subject: str = "",
    severity: Severity | None = None,
    reference: Reference | None = None,
    details: dict[str, Any] | None = None,
) -> ValidationFinding:
    """A finding of ``rule`` on ``cells`` (subject from the first cell unless given)."""
    if not subject and cells:
        first = cells[0]
        part = "" if first.disaggregation == TOTAL else f" [{first.disaggregation}]"
        subject = f"{first.state} {first.year} {first.indicator}{part}"
    return ValidationFinding(
        code=rule.name,
        severity=severity or rule.severity,
        message=message,
        subject=subject,
        reference=reference or rule.reference,
        details=details or {},
        cells=tuple(cells),
    )


@example(Submission(()))
@attrs.define
class ValidationContext:
    """A submission indexed for the checks.

    Attributes
    ----------
    submission : Submission
    previous : Submission or None
        The previous edition, for revisions.
    catalogue : Catalogue
    """

    submission: Submission
    previous: Submission | None = None
    catalogue: Catalogue = CATALOGUE
    first: dict[Key, Cell] = attrs.field(init=False, factory=dict)
    repeated: dict[Key, list[Cell]] = attrs.field(init=False, factory=dict)
    series_index: dict[tuple[str, str, str], list[Cell]] = attrs.field(init=False, factory=dict)
    entries: dict[str, CatalogueEntry] = attrs.field(init=False, factory=dict)
    wpp: dict[tuple[str, int, str | None], float | None] = attrs.field(init=False, factory=dict)
    variables: dict[str, Variable] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        self.entries = {e.identifier: e for e in self.catalogue}
        self.variables = {v.identifier: v for v in self.catalogue.all_variables()}
        all_cells: dict[Key, list[Cell]] = defaultdict(list)
        for cell in self.submission:
            all_cells[cell.key].append(cell)
        self.first = {key: cells[0] for key, cells in all_cells.items()}
        self.repeated = {key: cells for key, cells in all_cells.items() if len(cells) > 1}
        series: dict[tuple[str, str, str], list[Cell]] = defaultdict(list)
        for cell in self.first.values():
            if cell.status == "present" and self.is_known(cell.indicator):
                series[(cell.state, cell.indicator, cell.disaggregation)].append(cell)
        self.series_index = {k: sorted(v, key=lambda c: c.year) for k, v in series.items()}

    # -- the catalogue --------------------------------------------------------------------

    def entry(self, indicator: str) -> CatalogueEntry | None:
        """The catalogue entry of an indicator identifier, or None (a variable, unknown)."""
        return self.entries.get(indicator)

    def variable(self, indicator: str) -> Variable | None:
        """The variable of an identifier, or None (an indicator, unknown)."""
        return self.variables.get(indicator)

    def is_known(self, indicator: str) -> bool:
        return indicator in self.entries or indicator in self.variables

    # -- cells ----------------------------------------------------------------------------

    def cell(self, state: str, year: int, indicator: str, part: str = TOTAL) -> Cell | None:
        """The (first) cell of a key, or None."""
        return self.first.get((state, year, indicator, part))

    def present(self, state: str, year: int, indicator: str, part: str = TOTAL) -> Cell | None:
        """The cell of a key when it holds a value, else None."""
        found = self.cell(state, year, indicator, part)
        return found if found is not None and found.status == "present" else None

    def cells_of(self, indicator: str) -> list[Cell]:
        """The first cells of every key of an indicator, in file order."""
        return [c for c in self.first.values() if c.indicator == indicator]

    def known_cells(self) -> list[Cell]:
        """The first cell of every key whose indicator the catalogue knows."""
        return [c for c in self.first.values() if self.is_known(c.indicator)]

    def population(
        self, state: str, year: int, part: str = TOTAL
    ) -> tuple[float, Cell | None] | None:
        """The population of a state in a year [persons] and the cell it comes from.

        The submission's own ``national_population`` cell when present (the cell is
        returned), else UN WPP 2022 (cell None) for the total or an age band made of
        five-year groups from 1990 to 2030; None otherwise.
        """
        population_variables = [v.identifier for v in self.variables.values() if v.population]
        for identifier in population_variables:
            found = self.present(state, year, identifier, part)
            if found is not None and found.value is not None:
                return found.value, found
        age = None
        if part != TOTAL:
            split = split_disaggregation(part)
            if split is None or split[0] != "age":
                return None
            band = age_band(split[1])
            if band is None:
                return None
            low, high = band
            age = f"{low}+" if high is None else f"{low}-{high}"
        key = (state, year, age)
        if key not in self.wpp:
            self.wpp[key] = _wpp(state, year, age)
        value = self.wpp[key]
        return (value, None) if value is not None and value > 0 else None
