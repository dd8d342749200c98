"""The result of a validation: findings with the cells they concern, coverage, revisions.

A :class:`ValidationFinding` is a :class:`dpssec.findings.Finding` (severity, message,
subject, the rule's source as a Reference, the numbers behind it) that also lists the
submitted :class:`~dpssec.indicators.submission.Cell` objects involved, each with its file
line. A :class:`ValidationReport` collects them with what was submitted, renders as text,
HTML or a pandas DataFrame (one row per cell of a finding), round-trips through JSON, and
gives the completeness matrix of states x indicators x years (:meth:`ValidationReport.completeness`).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from dpssec.boundary import Choice, Records, Size, Text, Year, example, short_repr
from dpssec.errors import InputError
from dpssec.findings import Finding, Severity
from dpssec.indicators.catalogue_entry import NAMES, YEARS
from dpssec.indicators.submission import CELL_STATUSES, Cell
from dpssec.references import Reference
from dpssec.rendering import ResultMixin, require_pandas

__all__ = [
    "STATUSES",
    "CompletenessMatrix",
    "Coverage",
    "ValidationFinding",
    "ValidationReport",
]

STATUSES = ("present", "NA", "NAP", "missing")
"""The status of a state x indicator x year cell: a value, not available, not applicable, absent."""

_SYMBOLS = {"present": "x", "NA": "a", "NAP": "n", "missing": "."}
_COUNT = Size(upper=10**15)


def _cells(value: Iterable[Cell]) -> tuple[Cell, ...]:
    cells: tuple[Cell, ...] = Records(Cell).convert(value, "cells")
    return cells


@example(
    "ratio-consistency",
    Severity.VIOLATION,
    "454.4 disagrees with 462.9",
    "HTI 2024 occupancy",
    cells=(Cell("HTI", 2024, "occupancy", value=454.4, decimals=1),),
)
@attrs.frozen(eq=False)
class ValidationFinding(Finding):
    """One finding of a validation: a :class:`~dpssec.findings.Finding` with its cells.

    Attributes
    ----------
    code : str
        The name of the rule (also :attr:`rule`).
    severity : Severity
    message : str
    subject : str
        ``"HTI 2024 occupancy"``.
    reference : Reference or None
        The source of the rule or of the definition the finding rests on.
    details : dict
        The numbers behind it (exact and published values, difference, z-scores), JSON-ready.
    cells : tuple of Cell
        The submitted rows involved, with their file lines.
    """

    cells: tuple[Cell, ...] = attrs.field(default=(), converter=_cells)

    @property
    def rule(self) -> str:
        """The name of the rule that made the finding."""
        return self.code

    @property
    def lines(self) -> list[int | str]:
        """The file lines of the cells involved (those known)."""
        return [c.line for c in self.cells if c.line is not None]


@example("HTI", "occupancy", 2024, "present")
@attrs.frozen
class Coverage:
    """What a submission holds for one state, indicator and year (any part).

    ``status`` is ``"present"`` when some value is given, else ``"NAP"`` or ``"NA"`` as
    reported.
    """

    state: str = Text().field()
    indicator: str = Text().field()
    year: int = Year().field()
    status: str = Choice(CELL_STATUSES).field()


def _coverage(value: Iterable[Coverage]) -> tuple[Coverage, ...]:
    coverage: tuple[Coverage, ...] = Records(Coverage).convert(value, "coverage")
    return coverage


def _symbols(value: Any) -> tuple[tuple[str, ...], ...]:
    rows: tuple[Any, ...] = Records((tuple, list)).convert(value, "symbols")
    out = []
    for i, row in enumerate(rows):
        if not all(isinstance(s, str) and s in _SYMBOLS.values() for s in row):
            raise InputError(
                f"parameter 'symbols': row {i} holds something else than the symbols "
                f"{', '.join(map(repr, _SYMBOLS.values()))}"
            )
        out.append(tuple(row))
    return tuple(out)


@example(("HTI",), ("occupancy",), (2023, 2024), ((".", "x"),))
@attrs.frozen(eq=False)
class CompletenessMatrix(ResultMixin):
    """States x indicators x years, each cell present, NA, NAP or missing.

    Attributes
    ----------
    states, indicators : tuple of str
    years : tuple of int
    symbols : tuple of tuple of str
        One row per (state, indicator) in that order, one symbol per year: ``x`` present,
        ``a`` NA (not available), ``n`` NAP (not applicable), ``.`` missing.
    """

    # mypy's attrs plugin takes a spec-built field for one with a default
    states: tuple[str, ...] = NAMES.field()
    indicators: tuple[str, ...] = NAMES.field()
    years: tuple[int, ...] = YEARS.field()
    symbols: tuple[tuple[str, ...], ...] = attrs.field(converter=_symbols)  # type: ignore[misc]

    def status(self, state: str, indicator: str, year: int) -> str:
        """The status of one cell: ``present``, ``NA``, ``NAP`` or ``missing``."""
        row = self.states.index(state) * len(self.indicators) + self.indicators.index(indicator)
        symbol = self.symbols[row][self.years.index(year)]
        return {v: k for k, v in _SYMBOLS.items()}[symbol]

    def counts(self) -> dict[str, int]:
        """How many cells have each status."""
        found = Counter(s for row in self.symbols for s in row)
        return {status: found.get(symbol, 0) for status, symbol in _SYMBOLS.items()}

    def _pairs(self) -> list[tuple[str, str]]:
        return [(s, i) for s in self.states for i in self.indicators]

    def _columns(self) -> dict[str, Any]:
        pairs = self._pairs()
        return {
            "state": [s for s, _ in pairs],
            "indicator": [i for _, i in pairs],
            **{str(year): [row[k] for row in self.symbols] for k, year in enumerate(self.years)},
        }

    def to_frame(self) -> Any:
        """A DataFrame indexed by (state, indicator), one column per year, statuses as words."""
        pd = require_pandas()
        words = {v: k for k, v in _SYMBOLS.items()}
        pairs = self._pairs()
        index = pd.MultiIndex.from_tuples(pairs, names=["state", "indicator"])
        data = [[words[s] for s in row] for row in self.symbols]
        return pd.DataFrame(data, index=index, columns=list(self.years))

    def __str__(self) -> str:
        counts = self.counts()
        total = sum(counts.values())
        head = (
            f"Completeness: {counts['present']} present, {counts['NA']} NA, {counts['NAP']} NAP, "
            f"{counts['missing']} missing of {total} state x indicator x year cells"
        )
        if not self.years:
            return head
        width = max([len(s) + len(i) + 1 for s, i in self._pairs()] or [10])
        first, last = self.years[0], self.years[-1]
        lines = [
            head,
            f"  {'':<{width}}  {first}{' ' * max(1, len(self.years) - 8)}{last}"
            if len(self.years) > 8
            else f"  {'':<{width}}  years {first}-{last}",
        ]
        for (state, indicator), row in zip(self._pairs(), self.symbols, strict=True):
            lines.append(f"  {state + ' ' + indicator:<{width}}  {''.join(row)}")
        lines.append("  x present  a NA (not available)  n NAP (not applicable)  . missing")
        return "\n".join(lines)


def _findings(value: Iterable[ValidationFinding]) -> tuple[ValidationFinding, ...]:
    findings: tuple[ValidationFinding, ...] = Records(ValidationFinding).convert(value, "findings")
    return findings


def _descriptions(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InputError(
            f"parameter 'descriptions' must map rule names to texts; got {short_repr(value)}"
        )
    return dict(value)


@example((), "submission.csv")
@attrs.frozen(eq=False)
class ValidationReport(ResultMixin):
    """The findings of :func:`~dpssec.indicators.validate_submission` and what was checked.

    Attributes
    ----------
    findings : tuple of ValidationFinding
        In the order of the rules, then by state and year.
    source : str
        The file validated (``"DataFrame"`` for a frame).
    values : int
        Rows read.
    states, indicators : tuple of str
        Those submitted.
    years : tuple of int
        The years submitted.
    rules : tuple of str
        The names of the rules applied.
    descriptions : dict
        Rule name to what it checks.
    coverage : tuple of Coverage
        What was submitted per state, indicator and year (for :meth:`completeness`).
    previous : str
        The previous edition compared with ("" when none).
    revised, added, withdrawn : int
        Cells changed, new and no longer present since the previous edition.
    """

    findings: tuple[ValidationFinding, ...] = attrs.field(converter=_findings)
    source: str = Text(empty=True).field(default="")
    values: int = _COUNT.field(default=0)
    states: tuple[str, ...] = NAMES.field(default=())
    indicators: tuple[str, ...] = NAMES.field(default=())
    years: tuple[int, ...] = YEARS.field(default=())
    rules: tuple[str, ...] = NAMES.field(default=())
    descriptions: dict[str, str] = attrs.field(factory=dict, converter=_descriptions)
    coverage: tuple[Coverage, ...] = attrs.field(default=(), converter=_coverage)
    previous: str = Text(empty=True).field(default="")
    revised: int = _COUNT.field(default=0)
    added: int = _COUNT.field(default=0)
    withdrawn: int = _COUNT.field(default=0)

    # -- summaries ------------------------------------------------------------------------

    @property
    def clean(self) -> bool:
        """True when there is no finding at all."""
        return not self.findings

    @property
    def passed(self) -> bool:
        """True when no finding asks for action: notes (revisions) only, or none.

        The command line exits with 1 when this is False; the notes of a comparison with a
        previous edition say what changed, which is not a fault.
        """
        return not any(f.severity is not Severity.INFO for f in self.findings)

    def by_severity(self, severity: Severity | str) -> list[ValidationFinding]:
        """The findings of one severity (``"violation"``, ``"warning"``, ``"info"``)."""
        wanted = Severity(severity) if isinstance(severity, str) else severity
        return [f for f in self.findings if f.severity is wanted]

    def by_rule(self, rule: str) -> list[ValidationFinding]:
        """The findings of one rule."""
        return [f for f in self.findings if f.code == rule]

    @property
    def violations(self) -> list[ValidationFinding]:
        return self.by_severity(Severity.VIOLATION)

    @property
    def warnings(self) -> list[ValidationFinding]:
        return self.by_severity(Severity.WARNING)

    def completeness(
        self,
        *,
        states: Iterable[str] | None = None,
        indicators: Iterable[str] | None = None,
        years: Iterable[int] | None = None,
    ) -> CompletenessMatrix:
        """The state x indicator x year matrix of present, NA, NAP and missing cells.

        By default the states and indicators submitted and every year from the first to the
        last submitted; a cell is missing when the submission has no row for it.
        """
        chosen_states = tuple(states) if states is not None else self.states
        chosen_indicators = tuple(indicators) if indicators is not None else self.indicators
        if years is not None:
            chosen_years = tuple(int(y) for y in years)
        elif self.years:
            chosen_years = tuple(range(min(self.years), max(self.years) + 1))
        else:
            chosen_years = ()
        found = {(c.state, c.indicator, c.year): c.status for c in self.coverage}
        rows = tuple(
            tuple(_SYMBOLS[found.get((s, i, y), "missing")] for y in chosen_years)
            for s in chosen_states
            for i in chosen_indicators
        )
        return CompletenessMatrix(chosen_states, chosen_indicators, chosen_years, rows)

    # -- renderings -----------------------------------------------------------------------

    def _headline(self) -> str:
        span = f", {min(self.years)}-{max(self.years)}" if self.years else ""
        return (
            f"Validation of {self.source or 'a submission'}: {self.values} values, "
            f"{len(self.states)} states, {len(self.indicators)} indicators{span}"
        )

    def _counts(self) -> str:
        n = Counter(f.severity for f in self.findings)
        return (
            f"{n[Severity.VIOLATION]} violation(s), {n[Severity.WARNING]} warning(s), "
            f"{n[Severity.INFO]} note(s)"
        )

    def __str__(self) -> str:
        lines = [self._headline()]
        if self.previous:
            lines.append(
                f"Compared with the previous edition {self.previous}: {self.revised} revised, "
                f"{self.added} added, {self.withdrawn} withdrawn"
            )
        lines.append(self._counts())
        numbers: dict[str, int] = {}
        current = None
        for finding in self.findings:
            if finding.code != current:
                current = finding.code
                described = self.descriptions.get(finding.code, "")
                lines += ["", f"{finding.code}: {described}" if described else finding.code]
            line = f"  {finding.severity.value.upper()} {finding.subject}: {finding.message}"
            if finding.reference is not None:
                number = numbers.setdefault(_cite(finding.reference), len(numbers) + 1)
                line += f" [{number}]"
            lines.append(line)
            for cell in finding.cells:
                where = f"line {cell.line}" if cell.line is not None else "no line"
                source = f"  ({cell.source})" if cell.source else ""
                lines.append(f"      {where}: {cell.describe()}{source}")
        if numbers:
            lines += ["", "References:"]
            lines += [f"  [{n}] {text}" for text, n in numbers.items()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = f"<p><b>{html.escape(self._headline())}</b><br>{html.escape(self._counts())}</p>"
        rows = []
        for finding in self.findings:
            cells = "<br>".join(
                html.escape((f"line {c.line}: " if c.line is not None else "") + c.describe())
                for c in finding.cells
            )
            reference = html.escape(_cite(finding.reference)) if finding.reference else ""
            rows.append(
                "<tr>"
                + "".join(
                    f"<td>{x}</td>"
                    for x in (
                        html.escape(finding.code),
                        html.escape(finding.severity.value),
                        html.escape(finding.subject),
                        html.escape(finding.message),
                        cells,
                        reference,
                    )
                )
                + "</tr>"
            )
        header = "".join(
            f"<th>{h}</th>" for h in ("rule", "severity", "subject", "message", "cells", "source")
        )
        return f"{head}<table><tr>{header}</tr>{''.join(rows)}</table>"

    def to_frame(self) -> Any:
        """One row per cell of each finding (a finding without cells gives one row)."""
        pd = require_pandas()
        columns = [
            "finding",
            "rule",
            "severity",
            "subject",
            "message",
            "state",
            "year",
            "indicator",
            "disaggregation",
            "value",
            "status",
            "line",
            "source",
            "reference",
            "verified",
        ]
        rows = []
        for number, finding in enumerate(self.findings):
            base = {
                "finding": number,
                "rule": finding.code,
                "severity": finding.severity.value,
                "subject": finding.subject,
                "message": finding.message,
                "reference": _cite(finding.reference) if finding.reference else "",
                "verified": finding.verified,
            }
            for cell in finding.cells or (None,):
                row = dict(base)
                if cell is not None:
                    row.update(
                        state=cell.state,
                        year=cell.year,
                        indicator=cell.indicator,
                        disaggregation=cell.disaggregation,
                        value=cell.value,
                        status=cell.status,
                        line=cell.line,
                        source=cell.source,
                    )
                rows.append(row)
        return pd.DataFrame(rows, columns=columns)

    def to_json(self, *, indent: int | None = None) -> str:
        """The report as JSON (read back by :meth:`from_json`)."""
        from dpssec.serialization import to_json

        return to_json(self, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> ValidationReport:
        """A report from :meth:`to_json`'s output."""
        from dpssec.serialization import from_json

        return from_json(text, cls)


def _cite(reference: Reference | None) -> str:
    return str(reference) if reference is not None else ""
