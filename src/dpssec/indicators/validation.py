"""``validate_submission``: apply the rules to a country's submission and report.

The orchestrator: read the submission (and the previous edition), index it once, apply each
rule of the rule set with the check for its kind, and collect the findings, the coverage and
the revision counts in a :class:`~dpssec.indicators.report.ValidationReport`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from dpssec.errors import InputError
from dpssec.indicators.checks_consistency import check_ratio_consistency
from dpssec.indicators.checks_editions import (
    check_required_cells,
    check_revisions,
    revision_counts,
)
from dpssec.indicators.checks_structure import (
    check_known_disaggregations,
    check_part_within_total,
    check_year_range,
)
from dpssec.indicators.checks_time import check_series_breaks, check_year_on_year
from dpssec.indicators.checks_values import (
    check_definition_bounds,
    check_duplicates,
    check_identity,
    check_known_indicators,
    check_plausible_ranges,
    check_population_bound,
)
from dpssec.indicators.context import ValidationContext
from dpssec.indicators.report import Coverage, ValidationFinding, ValidationReport
from dpssec.indicators.rules import (
    DEFAULT_RULES,
    DefinitionBoundsRule,
    DuplicateRule,
    IdentityRule,
    KnownDisaggregationRule,
    KnownIndicatorRule,
    PartWithinTotalRule,
    PlausibleRangeRule,
    PopulationBoundRule,
    RatioConsistencyRule,
    RequiredCellsRule,
    RevisionRule,
    Rule,
    RuleSet,
    SeriesBreakRule,
    YearOnYearRule,
    YearRangeRule,
)
from dpssec.indicators.submission import Submission, read_submission

__all__ = ["CHECKS", "validate_submission"]

CHECKS: dict[type[Rule], Callable[[Any, ValidationContext], list[ValidationFinding]]] = {
    KnownIndicatorRule: check_known_indicators,
    YearRangeRule: check_year_range,
    DuplicateRule: check_duplicates,
    KnownDisaggregationRule: check_known_disaggregations,
    DefinitionBoundsRule: check_definition_bounds,
    PlausibleRangeRule: check_plausible_ranges,
    PopulationBoundRule: check_population_bound,
    PartWithinTotalRule: check_part_within_total,
    IdentityRule: check_identity,
    RatioConsistencyRule: check_ratio_consistency,
    SeriesBreakRule: check_series_breaks,
    YearOnYearRule: check_year_on_year,
    RequiredCellsRule: check_required_cells,
    RevisionRule: check_revisions,
}
"""The check that applies each kind of rule."""


def _rule_set(rules: Any) -> RuleSet:
    if rules is None:
        return DEFAULT_RULES
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, Rule | str):
        rules = [rules]
    if not isinstance(rules, Iterable):
        raise InputError(
            "parameter 'rules' must be a RuleSet, a sequence of rules or of rule names; got "
            f"{type(rules).__name__}"
        )
    chosen = []
    for item in rules:
        if isinstance(item, str):
            try:
                chosen.append(DEFAULT_RULES[item])
            except KeyError:
                raise InputError(
                    f"parameter 'rules': no default rule {item!r}; the rules are "
                    f"{', '.join(DEFAULT_RULES.names)}"
                ) from None
        else:
            chosen.append(item)
    return RuleSet(tuple(chosen))


def _coverage(submission: Submission) -> tuple[Coverage, ...]:
    rank = {"present": 2, "NAP": 1, "NA": 0}
    best: dict[tuple[str, str, int], str] = {}
    for cell in submission:
        key = (cell.state, cell.indicator, cell.year)
        if key not in best or rank.get(cell.status, 0) > rank.get(best[key], 0):
            best[key] = cell.status
    return tuple(Coverage(s, i, y, status) for (s, i, y), status in sorted(best.items()))


def validate_submission(table: Any, *, previous: Any = None, rules: Any = None) -> ValidationReport:
    """Check a country's submission against named rules, and optionally its previous edition.

    Parameters
    ----------
    table : path, bytes, file, pandas DataFrame, Table or Submission
        The submission in long form: columns ``state``, ``year``, ``indicator``,
        ``disaggregation`` (optional), ``value`` and ``source`` (optional), their names in
        English, Spanish, Portuguese or French (see
        :data:`~dpssec.indicators.submission.SUBMISSION_SCHEMA`). Read a file with other
        headers with :func:`~dpssec.indicators.read_submission` (``columns={...}``) first.
    previous : same as ``table``, optional
        The previous edition of the same submission: the cells that changed are listed (rule
        ``revisions``).
    rules : RuleSet, sequence of Rule or of rule names, optional
        The rules to apply (:data:`~dpssec.indicators.rules.DEFAULT_RULES` by default);
        override presets with :meth:`~dpssec.indicators.rules.RuleSet.replace` and
        :meth:`~dpssec.indicators.rules.RuleSet.with_range`.

    Returns
    -------
    ValidationReport
        Findings (each with its rule, severity, cells with file lines and the rule's
        source), coverage for :meth:`~ValidationReport.completeness`, revision counts.

    Raises
    ------
    InputError
        A file that cannot be opened, a missing column, a rule of a kind no check knows.
    SchemaError
        Cells that cannot be read (unknown state, a year or value that is not one), all
        listed with their lines.

    Notes
    -----
    The rules, in the default order: indicators known to the catalogue; years that can have
    data (none after the current year; from 1900); one value per cell; disaggregations the
    rules can place (an unknown category is a violation, an unknown dimension a warning);
    values within their definition's bounds (shares 0-100 %) and plausible ranges (presets,
    ``verified=False``); counts of people not above the population (UN WPP 2022); no part of
    a count above its total; breakdowns by sex, age (bands not overlapping), sentencing
    status and casualty outcome adding up to their totals; ratios (rates, occupancy, shares)
    agreeing with the numerator and denominator submitted beside them within rounding (a
    rate more than 25 % from what the count and UN WPP 2022 imply is a violation); breaks in series where the source changes; year-on-year changes
    unusual for the state and its region (modified z-scores); revisions against the previous
    edition. Completeness (present / NA / NAP / missing) is a matrix, not a finding, unless a
    :class:`~dpssec.indicators.rules.RequiredCellsRule` is added.

    Examples
    --------
    >>> from dpssec.indicators import validate_submission
    >>> csv = (b"state,year,indicator,value\\n"
    ...        b"VEN,2019,prison_population,43992\\n"
    ...        b"VEN,2019,official_capacity,26238\\n"
    ...        b"VEN,2019,occupancy,167.66\\n")
    >>> report = validate_submission(csv)
    >>> [(f.rule, f.severity.value, f.subject) for f in report.findings]
    [('ratio-consistency', 'warning', 'VEN 2019 occupancy')]
    >>> report.findings[0].lines
    [4, 2, 3]
    """
    submission = read_submission(table)
    earlier = read_submission(previous) if previous is not None else None
    chosen = _rule_set(rules)
    context = ValidationContext(submission, earlier)
    findings: list[ValidationFinding] = []
    for rule in chosen:
        check = next((c for kind, c in CHECKS.items() if type(rule) is kind), None)
        if check is None:
            check = next((c for kind, c in CHECKS.items() if isinstance(rule, kind)), None)
        if check is None:
            raise InputError(f"rule {rule.name!r}: no check applies a {type(rule).__name__}")
        findings.extend(check(rule, context))
    revised = added = withdrawn = 0
    if earlier is not None:
        revision = chosen.get("revisions")
        tolerance = revision.tolerance if isinstance(revision, RevisionRule) else 1e-9
        revised, added, withdrawn = revision_counts(submission, earlier, tolerance)
    cells = list(submission)
    return ValidationReport(
        findings=tuple(findings),
        source=submission.source,
        values=len(cells),
        states=tuple(sorted({c.state for c in cells})),
        indicators=tuple(dict.fromkeys(sorted({c.indicator for c in cells}))),
        years=tuple(sorted({c.year for c in cells})),
        rules=chosen.names,
        descriptions={r.name: r.description for r in chosen},
        coverage=_coverage(submission),
        previous=earlier.source if earlier is not None else "",
        revised=revised,
        added=added,
        withdrawn=withdrawn,
    )
