"""The base of the validation rules and the rules on a submission's shape.

:class:`Rule` is what every rule has (a name, a description, a severity and a source). The
rules here check the submission's structure before any number: indicator codes the catalogue
knows, one value per cell, disaggregations the rules can place, years that can have data,
and parts that cannot exceed their total. The other rules are in :mod:`dpssec.indicators.rules`,
which re-exports these and holds :data:`~dpssec.indicators.rules.DEFAULT_RULES`.

For example:

>>> from dpssec.indicators.rules_structure import YearRangeRule
>>> rule = YearRangeRule(name="year-range", description="years that can have data")
>>> rule.earliest, rule.latest is None
(1900, True)
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from dpssec.boundary import Choice, Model, Size, Text, example
from dpssec.findings import Severity
from dpssec.indicators.sources import (
    ACCOUNTING_IDENTITY,
    SUBMISSION_FORMAT,
    YEAR_RANGE,
)
from dpssec.references import Reference

__all__ = [
    "DuplicateRule",
    "KnownDisaggregationRule",
    "KnownIndicatorRule",
    "PartWithinTotalRule",
    "Rule",
    "YearRangeRule",
]


_TEXT = Text()
_SEVERITY = Choice(Severity)
_REFERENCE = Model(Reference)


@example(name="a-rule", description="what it checks")
@attrs.frozen(kw_only=True)
class Rule:
    """What every rule has: a name, a description, a severity and a source.

    Attributes
    ----------
    name : str
        The name findings are filed under (``"ratio-consistency"``).
    description : str
        What the rule checks, in one sentence.
    severity : Severity
        Of its findings (some rules give a milder severity to a milder case, as documented).
    reference : Reference
        The source that justifies the rule.
    """

    kind: ClassVar[str] = "rule"

    name: str = _TEXT.field()
    description: str = _TEXT.field()
    severity: Severity = _SEVERITY.field(default=Severity.VIOLATION)
    reference: Reference = _REFERENCE.field(default=SUBMISSION_FORMAT)


@example(name="known-indicator", description="indicators are in the catalogue")
@attrs.frozen(kw_only=True)
class KnownIndicatorRule(Rule):
    """Every indicator code names an indicator or a variable of the catalogue."""

    kind: ClassVar[str] = "structure"


@example(name="duplicates", description="one value per cell")
@attrs.frozen(kw_only=True)
class DuplicateRule(Rule):
    """One value per state, year, indicator and disaggregation.

    Conflicting values are a violation; the same value repeated is reported with
    ``repeated_severity`` (a warning by default).
    """

    kind: ClassVar[str] = "structure"
    repeated_severity: Severity = _SEVERITY.field(default=Severity.WARNING)


@example(name="known-disaggregation", description="disaggregations the rules can place")
@attrs.frozen(kw_only=True)
class KnownDisaggregationRule(Rule):
    """Every disaggregation is ``total`` or ``dimension:category`` the rules can place.

    A category the rules do not know for a known dimension (``sex:alien``, an age that is not
    a band) and a part that names no dimension (``blah``) are violations: the value cannot be
    put in its breakdown. A dimension the rules do not know (``region:north``) is reported
    with ``unknown_dimension_severity`` (a warning): its parts are only checked against the
    total (rule ``part-within-total``), never summed.

    Attributes
    ----------
    unknown_dimension_severity : Severity
    """

    kind: ClassVar[str] = "structure"
    unknown_dimension_severity: Severity = _SEVERITY.field(default=Severity.WARNING)


@example(name="year-range", description="years that can have data")
@attrs.frozen(kw_only=True)
class YearRangeRule(Rule):
    """Years that can have data: not after ``latest``, not before ``earliest``.

    A value for a year after ``latest`` (by default the year the validation runs: a year
    that has not begun has no data) is a violation; a year before ``earliest`` (1900) is
    reported with ``early_severity`` (a warning: historical series exist, but a typed
    ``1800`` for ``2018`` is likelier).

    Attributes
    ----------
    earliest : int
    latest : int or None
        None for the current year when the validation runs.
    early_severity : Severity
    """

    kind: ClassVar[str] = "structure"
    reference: Reference = _REFERENCE.field(default=YEAR_RANGE)
    earliest: int = Size(lower=1000, upper=9999).field(default=1900)
    latest: int | None = Size(lower=1000, upper=9999, optional=True).field(default=None)
    early_severity: Severity = _SEVERITY.field(default=Severity.WARNING)


@example(name="part-within-total", description="no part of a count above its total")
@attrs.frozen(kw_only=True)
class PartWithinTotalRule(Rule):
    """No part of a count is larger than its total (any dimension, combined parts too).

    The parts the identity rules sum (sex, age bands, sentencing status, casualty outcome)
    are left to them; this rule covers the others: unknown dimensions and categories,
    overlapping categories (the WPB's remand) and combined parts (``sex:female;age:0-17``).
    """

    kind: ClassVar[str] = "identity"
    reference: Reference = _REFERENCE.field(default=ACCOUNTING_IDENTITY)
