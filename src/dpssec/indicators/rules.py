"""The validation rules, as named and documented data.

Each rule is a frozen record: its name (what findings are filed under), what it checks, the
severity of its findings, the source that justifies it (a
:class:`~dpssec.references.Reference`; ``verified=False`` where the project chose a
threshold no standard sets) and its parameters (a tolerance, a threshold, the plausible
ranges). :data:`DEFAULT_RULES` is the set :func:`~dpssec.indicators.validate_submission`
applies; a :class:`RuleSet` is replaced or trimmed by name:

>>> from dpssec.indicators import DEFAULT_RULES
>>> DEFAULT_RULES["year-on-year"].threshold
3.5
>>> stricter = DEFAULT_RULES.replace("year-on-year", threshold=3.0).without("revisions")
>>> stricter["year-on-year"].threshold, "revisions" in stricter
(3.0, False)
>>> custom = DEFAULT_RULES.with_range("homicide_rate", 0, 120)
>>> custom["plausible-range"].ranges["homicide_rate"].upper
120.0

The checks that apply each kind of rule are in :mod:`dpssec.indicators.checks_values`,
:mod:`~dpssec.indicators.checks_consistency`, :mod:`~dpssec.indicators.checks_time` and
:mod:`~dpssec.indicators.checks_editions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

import attrs

from dpssec.boundary import Choice, Model, Number, Records, Size, Text, example, short_repr
from dpssec.errors import InputError
from dpssec.findings import Severity
from dpssec.indicators.catalogue_entry import NAMES, YEARS
from dpssec.indicators.rules_structure import (
    DuplicateRule,
    KnownDisaggregationRule,
    KnownIndicatorRule,
    PartWithinTotalRule,
    Rule,
    YearRangeRule,
)
from dpssec.indicators.sources import (
    ACCOUNTING_IDENTITY,
    CEPEJ_NA_NAP,
    LANDMINE_MONITOR_CASUALTIES,
    MODIFIED_Z_SCORE,
    PLAUSIBILITY_PRESETS,
    POPULATION_LIMIT,
    POPULATION_TOLERANCE,
    ROUNDING,
    SERIES_BREAKS,
    UNCTS_SENTENCING_STATUS,
    WPP_2022,
)
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

_TEXT = Text()
_SEVERITY = Choice(Severity)
_REFERENCE = Model(Reference)
_TOLERANCE = Number(lower=0.0)

__all__ = [
    "DEFAULT_RULES",
    "PLAUSIBLE_RANGES",
    "DefinitionBoundsRule",
    "DuplicateRule",
    "IdentityRule",
    "KnownDisaggregationRule",
    "KnownIndicatorRule",
    "PartWithinTotalRule",
    "PlausibleRange",
    "PlausibleRangeRule",
    "PopulationBoundRule",
    "RatioConsistencyRule",
    "RequiredCellsRule",
    "RevisionRule",
    "Rule",
    "RuleSet",
    "SeriesBreakRule",
    "YearOnYearRule",
    "YearRangeRule",
]


@example(name="definition-bounds", description="values within their definition's bounds")
@attrs.frozen(kw_only=True)
class DefinitionBoundsRule(Rule):
    """Values within the bounds their definition sets: counts and rates >= 0, shares <= 100 %.

    The bounds are the catalogue entries' ``lower`` and ``upper``; each finding cites the
    entry's own reference.
    """

    kind: ClassVar[str] = "bounds"


@example(0.0, 150.0, PLAUSIBILITY_PRESETS)
@attrs.frozen
class PlausibleRange:
    """A plausible range of an indicator's values (a preset, not a definition).

    Attributes
    ----------
    lower, upper : float or None
        None for no bound on that side.
    reference : Reference
        Why this range (``verified=False`` for the project's own presets).
    """

    lower: float | None = Number(optional=True).field()
    upper: float | None = Number(optional=True).field()
    reference: Reference = _REFERENCE.field(default=PLAUSIBILITY_PRESETS)

    def __attrs_post_init__(self) -> None:
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            raise InputError(
                f"a plausible range needs lower <= upper; got {self.lower} > {self.upper}"
            )


def _ranges(value: Any) -> dict[str, PlausibleRange]:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, PlausibleRange) for k, v in value.items()
    ):
        raise InputError(
            "parameter 'ranges' must map indicator identifiers to PlausibleRange objects; got "
            f"{short_repr(value)}"
        )
    return dict(value)


PLAUSIBLE_RANGES: Mapping[str, PlausibleRange] = {
    "prison_population_rate": PlausibleRange(10.0, 2_000.0),
    "occupancy": PlausibleRange(20.0, 600.0),
    "homicide_rate": PlausibleRange(0.0, 150.0),
    "trafficking_victim_rate": PlausibleRange(0.0, 50.0),
}
"""Plausible ranges per indicator, presets chosen by the project (``verified=False``).

* prison population rate 10-2,000 per 100,000: national rates in the Americas lie between
  about 80 and 1,100 in the sources bundled with dpssec; a value outside is more likely a
  rate per 1,000 or a count typed in the rate column;
* occupancy 20-600 % of official capacity: the highest bundled value is Haiti's 454 %; below
  20 % a capacity or unit error is likelier than an empty system (the OAS figure of 17 % for
  Paraguay is judged doubtful by the data's compilers);
* homicide rate 0-150 per 100,000 (the highest national rates in the bundled UNODC series
  are near 100);
* detected trafficking victims 0-50 per 100,000.

Override them with :meth:`RuleSet.with_range`.
"""


@example(name="plausible-range", description="values within plausible ranges")
@attrs.frozen(kw_only=True)
class PlausibleRangeRule(Rule):
    """Values within a plausible range for their indicator (overridable presets)."""

    kind: ClassVar[str] = "bounds"
    severity: Severity = _SEVERITY.field(default=Severity.WARNING)
    reference: Reference = _REFERENCE.field(default=PLAUSIBILITY_PRESETS)
    ranges: Mapping[str, PlausibleRange] = attrs.field(
        factory=lambda: dict(PLAUSIBLE_RANGES), converter=_ranges
    )


@example(name="count-within-population", description="counts of people not above the population")
@attrs.frozen(kw_only=True)
class PopulationBoundRule(Rule):
    """Counts of people (persons held, victims) not above the population of the state.

    The population is the submission's own ``national_population`` where given, else UN
    World Population Prospects 2022 (:func:`dpssec.data.population`; an age band made of
    five-year groups is compared with the population of that band).
    """

    kind: ClassVar[str] = "bounds"
    reference: Reference = _REFERENCE.field(default=WPP_2022)


@example(name="sex-adds-up", description="female + male + unknown = total", dimension="sex")
@attrs.frozen(kw_only=True)
class IdentityRule(Rule):
    """A breakdown adds up to its total (counts only; rates and shares do not add up).

    Attributes
    ----------
    dimension : str
        The dimension of :data:`~dpssec.indicators.disaggregations.DIMENSIONS` whose
        categories are summed.
    tolerance : float
        Allowed difference [in the count's unit], added to half a unit of the last decimal of
        each figure that has decimals; 0 by default (whole counts add up exactly).

    Notes
    -----
    A complete breakdown (all required categories reported; unknown taken as 0 when absent,
    NAP as 0) must equal the total; an incomplete one (a part NA or missing) must not exceed
    it. Age bands that overlap (``0-14`` and ``10-29``) cannot be summed: a violation naming
    them.
    """

    kind: ClassVar[str] = "identity"
    reference: Reference = _REFERENCE.field(default=ACCOUNTING_IDENTITY)
    dimension: str = _TEXT.field()
    tolerance: float = _TOLERANCE.field(default=0.0)


@example(name="ratio-consistency", description="ratios agree with their terms")
@attrs.frozen(kw_only=True)
class RatioConsistencyRule(Rule):
    """A submitted ratio agrees with its numerator and denominator submitted beside it.

    For every catalogue indicator that is one ratio (``value = numerator / denominator x
    scale``: a rate, an occupancy, a share) and whose terms are in the submission for the
    same state, year and part, the published value must lie within half a unit of its last
    decimal of the exact ratio (a value that is the exact ratio truncated is a warning,
    anything else a violation). Where the denominator is the population and the submission
    omits it, UN WPP 2022 stands in: a relative difference above ``population_tolerance``
    is a warning citing ``population_reference``, and above ``population_limit`` (the rate
    or its count is then wrong: no national estimate differs from WPP by so much) a
    violation citing ``limit_reference``.

    Attributes
    ----------
    population_tolerance : float
        Relative difference allowed between the population implied by a rate and WPP 2022.
    population_reference : Reference
        The source of that tolerance (a project preset, ``verified=False``).
    population_limit : float
        Relative difference beyond which the disagreement is a violation (0.25: a homicide
        rate of 50 sent with twice the victims the rate implies is one).
    limit_reference : Reference
        The source of that limit (a project preset, ``verified=False``).
    """

    kind: ClassVar[str] = "consistency"
    reference: Reference = _REFERENCE.field(default=ROUNDING)
    population_tolerance: float = _TOLERANCE.field(default=0.05)
    population_reference: Reference = _REFERENCE.field(default=POPULATION_TOLERANCE)
    population_limit: float = _TOLERANCE.field(default=0.25)
    limit_reference: Reference = _REFERENCE.field(default=POPULATION_LIMIT)


@example(name="series-break", description="a change of source breaks a series")
@attrs.frozen(kw_only=True)
class SeriesBreakRule(Rule):
    """A change of source between consecutive values of one series is flagged, not corrected.

    Needs the submission's ``source`` column; consecutive means the next year reported.
    """

    kind: ClassVar[str] = "time"
    severity: Severity = _SEVERITY.field(default=Severity.WARNING)
    reference: Reference = _REFERENCE.field(default=SERIES_BREAKS)


@example(name="year-on-year", description="unusual year-on-year changes")
@attrs.frozen(kw_only=True)
class YearOnYearRule(Rule):
    """A year-on-year change unusual both for the state's own series and for its region.

    Changes are ``ln(value_t / value_t-1)`` between consecutive years from the same source.
    A change is flagged when its modified z-score ``0.6745 (x - median) / MAD`` exceeds
    ``threshold`` in absolute value both among the changes of the state's own series and
    among those of the states of its subregion (same indicator and part), so that a
    state's volatile series and a region-wide shift are not flagged. Changes from or to a
    year with fewer than ``min_events`` events (a count, or the count a rate per 100,000
    implies with the population) are not judged: a handful of events make a rate jump by
    chance (PHE suppresses standardised rates below 10 events for the same reason).

    Attributes
    ----------
    threshold : float
        3.5, the modified z-score cut-off of Iglewicz and Hoaglin.
    min_changes : int
        Changes needed in the state's own series before it is judged.
    min_region_changes : int
        Changes needed in the region.
    min_events : float
        Events needed in both years for a change to be judged.
    """

    kind: ClassVar[str] = "time"
    severity: Severity = _SEVERITY.field(default=Severity.WARNING)
    reference: Reference = _REFERENCE.field(default=MODIFIED_Z_SCORE)
    threshold: float = Number(positive=True).field(default=3.5)
    min_changes: int = Size(lower=1).field(default=5)
    min_region_changes: int = Size(lower=1).field(default=10)
    min_events: float = _TOLERANCE.field(default=10.0)


@example(name="required-cells", description="the cells a questionnaire requires")
@attrs.frozen(kw_only=True)
class RequiredCellsRule(Rule):
    """Cells a questionnaire requires, missing or reported NA (NAP is an answer).

    Not in :data:`DEFAULT_RULES`: a submission of whatever is available (a latest-value
    table) is not incomplete. Add one with the indicators, years and states required.

    Attributes
    ----------
    indicators : tuple of str
        Required indicators or variables (all those submitted when empty).
    years : tuple of int
        Required years (the submission's range when empty).
    states : tuple of str
        Required states (those submitted when empty).
    """

    kind: ClassVar[str] = "completeness"
    severity: Severity = _SEVERITY.field(default=Severity.WARNING)
    reference: Reference = _REFERENCE.field(default=CEPEJ_NA_NAP)
    indicators: tuple[str, ...] = NAMES.field(default=())
    years: tuple[int, ...] = YEARS.field(default=())
    states: tuple[str, ...] = NAMES.field(default=())


@example(name="revisions", description="values changed since the previous edition")
@attrs.frozen(kw_only=True)
class RevisionRule(Rule):
    """The values that changed since the previous edition of the submission, and by how much.

    One note per changed cell (value to value, value to NA...) and one for the cells the new
    edition no longer has. Applied only when a previous edition is given.

    Attributes
    ----------
    tolerance : float
        Relative change below which two values count as equal (float noise).
    """

    kind: ClassVar[str] = "revision"
    severity: Severity = _SEVERITY.field(default=Severity.INFO)
    tolerance: float = _TOLERANCE.field(default=1e-9)


def _rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    rules: tuple[Rule, ...] = Records(Rule).convert(value, "rules")
    names = [r.name for r in rules]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InputError(f"rule names must be unique; repeated: {', '.join(repeated)}")
    return rules


@example(())
@attrs.frozen(eq=False)
class RuleSet(ResultMixin):
    """An ordered set of rules, addressed by name.

    Attributes
    ----------
    rules : tuple of Rule
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, name: object) -> bool:
        return any(r.name == name for r in self.rules)

    def __getitem__(self, name: str) -> Any:
        for rule in self.rules:
            if rule.name == name:
                return rule
        raise KeyError(f"no rule {name!r}; rules: {', '.join(r.name for r in self.rules)}")

    def get(self, name: str, default: Any = None) -> Any:
        """The rule named ``name``, or ``default``."""
        return next((r for r in self.rules if r.name == name), default)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.rules)

    def replace(self, name: str, **changes: Any) -> RuleSet:
        """The same rules with rule ``name``'s parameters changed (``threshold=3.0``)."""
        rule = self[name]
        try:
            changed = attrs.evolve(rule, **changes)
        except TypeError as exc:
            raise InputError(f"rule {name!r}: {exc}") from None
        return RuleSet(tuple(changed if r.name == name else r for r in self.rules))

    def without(self, *names: str) -> RuleSet:
        """The rules except those named."""
        for name in names:
            self[name]
        return RuleSet(tuple(r for r in self.rules if r.name not in names))

    def adding(self, *rules: Rule) -> RuleSet:
        """The rules followed by ``rules``."""
        return RuleSet((*self.rules, *rules))

    def with_range(
        self,
        indicator: str,
        lower: float | None,
        upper: float | None,
        reference: Reference | None = None,
    ) -> RuleSet:
        """Override the plausible range of one indicator (a user's range: ``verified=False``)."""
        from dpssec.indicators.catalogue import CATALOGUE

        identifier = CATALOGUE.resolve(indicator)
        if identifier is None:
            raise InputError(f"no indicator {indicator!r} in the catalogue")
        rule = self["plausible-range"]
        source = reference or Reference(
            "user-defined plausible range", "given to validate_submission", verified=False
        )
        low = None if lower is None else float(lower)
        high = None if upper is None else float(upper)
        ranges = {**rule.ranges, identifier: PlausibleRange(low, high, source)}
        return self.replace("plausible-range", ranges=ranges)

    def _columns(self) -> dict[str, Any]:
        return {
            "name": [r.name for r in self.rules],
            "kind": [r.kind for r in self.rules],
            "severity": [r.severity.value for r in self.rules],
            "description": [r.description for r in self.rules],
            "reference": [str(r.reference) for r in self.rules],
        }


DEFAULT_RULES = RuleSet(
    (
        KnownIndicatorRule(
            name="known-indicator",
            description="every indicator code names an indicator or a variable of the catalogue",
        ),
        YearRangeRule(
            name="year-range",
            description="years that can have data (not in the future; from 1900)",
        ),
        DuplicateRule(
            name="duplicates",
            description="one value per state, year, indicator and disaggregation",
        ),
        KnownDisaggregationRule(
            name="known-disaggregation",
            description="disaggregations are total or dimension:category the rules can place",
        ),
        DefinitionBoundsRule(
            name="definition-bounds",
            description="values within the bounds of their definition (counts and rates >= 0, "
            "shares <= 100 %)",
        ),
        PlausibleRangeRule(
            name="plausible-range",
            description="values within a plausible range for the indicator (presets)",
        ),
        PopulationBoundRule(
            name="count-within-population",
            description="counts of people not above the population of the state",
        ),
        PartWithinTotalRule(
            name="part-within-total",
            description="no part of a count is larger than its total",
        ),
        IdentityRule(
            name="sex-adds-up",
            description="female + male (+ unknown) = total",
            dimension="sex",
        ),
        IdentityRule(
            name="age-adds-up",
            description="age groups covering all ages add up to the total",
            dimension="age",
        ),
        IdentityRule(
            name="sentencing-status-adds-up",
            description="sentenced + unsentenced = persons held",
            dimension="status",
            reference=UNCTS_SENTENCING_STATUS,
        ),
        IdentityRule(
            name="casualty-outcome-adds-up",
            description="killed + injured + unknown = casualties",
            dimension="outcome",
            reference=LANDMINE_MONITOR_CASUALTIES,
        ),
        RatioConsistencyRule(
            name="ratio-consistency",
            description="a rate, occupancy or share agrees with its numerator and denominator "
            "within rounding",
        ),
        SeriesBreakRule(
            name="series-break",
            description="a change of source between consecutive values of a series",
        ),
        YearOnYearRule(
            name="year-on-year",
            description="year-on-year changes unusual for the state's own series and its region",
        ),
        RevisionRule(
            name="revisions",
            description="values changed since the previous edition, and by how much",
        ),
    )
)
"""The rules :func:`~dpssec.indicators.validate_submission` applies by default, in order."""
