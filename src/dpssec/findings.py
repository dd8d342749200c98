"""Findings and compliance reports shared by every checker (depots, marking, cells).

A :class:`Finding` is one statement a checker makes about one subject (a building pair, a
firearm record, a cell): how serious it is, what it says, the numbers behind it, and the
:class:`~dpssec.references.Reference` of the clause that decides it. A
:class:`ComplianceReport` collects the findings of one check.

For example:

>>> from dpssec.findings import ComplianceReport, Finding, Severity
>>> from dpssec.references import Reference
>>> ref = Reference("CPT standards", "CPT/Inf(2015)44", "§9")
>>> f = Finding("cell-space", Severity.VIOLATION, "3.2 m² per person, below 4 m²",
...             subject="cell A-12", reference=ref)
>>> report = ComplianceReport((f,), title="Cell space")
>>> report.ok, len(report.violations)
(False, 1)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from dpssec.boundary import Choice, Model, Records, Text, example, short_repr
from dpssec.errors import InputError
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = ["ComplianceReport", "Finding", "Severity"]


class Severity(enum.Enum):
    """How serious a finding is."""

    VIOLATION = "violation"
    WARNING = "warning"
    INFO = "info"


def _details(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise InputError(f"details must be a mapping of names to values; got {short_repr(value)}")
    return dict(value)


@example(
    "cell-space",
    Severity.VIOLATION,
    "3.2 m² per person, below 4 m²",
    subject="cell A-12",
    reference=Reference("CPT standards", "CPT/Inf(2015)44", "§9"),
    details={"area_per_person_m2": 3.2, "minimum_m2": 4.0},
)
@attrs.frozen(eq=False)
class Finding(ResultMixin):
    """One statement of a check.

    Attributes
    ----------
    code : str
        Short machine-readable kind, e.g. ``"qd-inhabited-building"``, ``"mark-missing"``.
    severity : Severity
    message : str
        What a person reads.
    subject : str
        What the finding concerns (a building id, a serial number, a cell).
    reference : Reference or None
        The clause that decides it.
    details : dict
        The numbers behind it (required and actual distance, area per person, ...), JSON-ready.
    """

    code: str = Text().field()
    severity: Severity = Choice(Severity).field()
    message: str = Text(empty=True).field()
    subject: str = Text(empty=True).field(default="")
    reference: Reference | None = Model(Reference, optional=True).field()
    details: dict[str, Any] = attrs.field(factory=dict, converter=_details)

    @property
    def verified(self) -> bool:
        """False when the deciding reference is unverified (or missing)."""
        return self.reference is not None and self.reference.verified

    def __str__(self) -> str:
        where = f" [{self.subject}]" if self.subject else ""
        cite = f" ({self.reference})" if self.reference is not None else ""
        return f"{self.severity.value.upper()}{where}: {self.message}{cite}"


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, bool | int | float | str)


def _to_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    records: tuple[Finding, ...] = Records(Finding).convert(findings, "findings")
    return records


@example(
    [
        Finding("cell-space", Severity.VIOLATION, "3.2 m² per person", subject="A-12"),
        Finding("cell-space", Severity.INFO, "5.1 m² per person", subject="A-13"),
    ],
    title="Cell space",
    criteria="CPT minimum",
)
@attrs.frozen(eq=False)
class ComplianceReport(ResultMixin):
    """The findings of one check.

    Attributes
    ----------
    findings : tuple of Finding
    title : str
        What was checked.
    criteria : str
        The criteria set or profile used (e.g. ``"IATG 02.20:2021"``).
    """

    findings: tuple[Finding, ...] = attrs.field(converter=_to_findings)
    title: str = Text(empty=True).field(default="")
    criteria: str = Text(empty=True).field(default="")

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.VIOLATION]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """True when there is no violation."""
        return not self.violations

    def _columns(self) -> dict[str, Any]:
        """One row per finding, with the numbers behind it (its scalar ``details``)."""
        columns: dict[str, Any] = {
            "severity": [f.severity.value for f in self.findings],
            "code": [f.code for f in self.findings],
            "subject": [f.subject for f in self.findings],
            "message": [f.message for f in self.findings],
            "reference": [str(f.reference) if f.reference else "" for f in self.findings],
        }
        keys: list[str] = []
        for finding in self.findings:
            keys += [
                k
                for k, v in finding.details.items()
                if k not in keys and k not in columns and _scalar(v)
            ]
        for key in keys:
            columns[key] = [v if _scalar(v := f.details.get(key)) else None for f in self.findings]
        return columns

    def __str__(self) -> str:
        head = self.title or "Compliance report"
        if self.criteria:
            head += f" ({self.criteria})"
        counts = (
            f"{len(self.violations)} violation(s), {len(self.warnings)} warning(s), "
            f"{len(self.findings)} finding(s)"
        )
        # Each distinct citation is printed once, at the end, and numbered in the lines.
        numbers: dict[str, int] = {}
        lines = [head, counts]
        for finding in self.findings:
            where = f" [{finding.subject}]" if finding.subject else ""
            line = f"  {finding.severity.value.upper()}{where}: {finding.message}"
            if finding.reference is not None:
                number = numbers.setdefault(str(finding.reference), len(numbers) + 1)
                line += f" [{number}]"
            lines.append(line)
        if numbers:
            lines.append("References:")
            lines += [f"  [{n}] {text}" for text, n in numbers.items()]
        return "\n".join(lines)
