"""The result of a depot check: its findings, and one row per PES–exposed-site pair as a table.

:class:`DepotReport` is the :class:`~dpssec.findings.ComplianceReport` of
:func:`~dpssec.arms.storage.check_depot` (it prints and serialises as one). Its flat table
(``to_frame()``, ``to_csv()``, ``dpssec arms check --format csv``) has one row per pair of a
potential explosion site and an exposed site within reach, indexed by the two ids, with the
numbers an inspector charts or filters: the NEQ and governing division, the required and the
actual distance, the largest NEQ the actual distance permits, the verdict and the clause
(table, row, column and D-code of the criteria set).

For example:

>>> from dpssec.arms.storage import check_depot
>>> from dpssec.boundary import example_of
>>> report = example_of(check_depot).call(check_depot)
>>> row = report.flat_table().columns
>>> row["pes"], row["exposed_site"], row["verdict"], row["required_distance_m"]
(['S1'], ['H1'], ['violation'], [478.28450118707815])
"""

from __future__ import annotations

from typing import Any

import attrs

from dpssec.boundary import example_by
from dpssec.findings import ComplianceReport, Finding, Severity

__all__ = ["DepotReport", "PAIR_COLUMNS"]

PAIR_COLUMNS = (
    "pes",
    "exposed_site",
    "exposed_site_kind",
    "division",
    "neq_kg",
    "required_distance_m",
    "actual_distance_m",
    "permissible_neq_kg",
    "verdict",
    "clause",
    "orientation",
    "d_code",
    "criteria",
)
"""The columns of a depot report's flat table (one row per PES–exposed-site pair)."""

_VERDICT = {
    Severity.INFO: "complies",
    Severity.WARNING: "warning",
    Severity.VIOLATION: "violation",
}


def _permissible(details: dict[str, Any]) -> Any:
    value = details.get("permissible_neq_kg")
    if isinstance(value, dict):  # per division of a mixed 1.2 + 1.3 stock: the governing one
        value = value.get(details.get("division"))
    return value


def _pair_row(finding: Finding) -> dict[str, Any]:
    details = finding.details
    clause = ", ".join(
        str(part)
        for part in (details.get("table"), details.get("row"), details.get("column"))
        if part
    )
    return {
        "pes": details.get("pes"),
        "exposed_site": details.get("exposed_site"),
        "exposed_site_kind": details.get("exposed_site_kind"),
        "division": details.get("division"),
        "neq_kg": details.get("neq_kg"),
        "required_distance_m": details.get("required_distance_m"),
        "actual_distance_m": details.get("actual_distance_m"),
        "permissible_neq_kg": _permissible(details),
        "verdict": _VERDICT[finding.severity],
        "clause": clause,
        "orientation": details.get("orientation") or None,
        "d_code": details.get("d_code"),
        "criteria": details.get("criteria"),
    }


@example_by(lambda: _example_report())
@attrs.frozen(eq=False)
class DepotReport(ComplianceReport):
    """The findings of a depot check; its table has one row per PES–exposed-site pair."""

    def pair_findings(self) -> list[Finding]:
        """The quantity-distance findings (one per pair within reach)."""
        return [f for f in self.findings if "exposed_site" in f.details and "pes" in f.details]

    def _columns(self) -> dict[str, Any]:
        rows = [_pair_row(f) for f in self.pair_findings()]
        return {name: [r[name] for r in rows] for name in PAIR_COLUMNS}

    def _index_columns(self) -> tuple[str, ...]:
        return ("pes", "exposed_site")

    def findings_report(self) -> ComplianceReport:
        """The same findings as a plain report (its table: one row per finding)."""
        return ComplianceReport(self.findings, title=self.title, criteria=self.criteria)


def _example_report() -> DepotReport:
    from dpssec.arms.storage.depot_check import check_depot
    from dpssec.boundary import call_example

    report: DepotReport = call_example(check_depot)
    return report
