"""The results of a reconciliation: what is missing, unregistered, duplicated, in conflict.

:class:`InventoryReconciliation` is what :func:`~dpssec.arms.firearms.reconcile_inventory`
returns; its flat table (``to_frame()``, ``to_csv()``) has one row per record with its category
and the row it was matched with. :class:`DuplicateSerial`, :class:`StatusConflict` and
:class:`NearMatch` are the discrepancies it lists.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.arms.firearms.records import FirearmRecord, FirearmStatus
from dpssec.boundary import example_by
from dpssec.findings import ComplianceReport, Finding, Severity
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = [
    "INVENTORY_REFERENCE",
    "DuplicateSerial",
    "InventoryReconciliation",
    "NearMatch",
    "StatusConflict",
]

INVENTORY_REFERENCE = Reference(
    "ISACS 05.20 Stockpile management: weapons",
    "v1.0, 2012-08-27 (now MOSAIC 05.20)",
    "inventory accounting and loss reporting",
    verified=False,
)
"""The desired outcome a reconciliation serves (numeric content of 05.20 not checked)."""


@example_by(lambda: _example_reconciliation().duplicates[0])
@attrs.frozen
class DuplicateSerial:
    """One serial number occurring more than once for one manufacturer.

    Attributes
    ----------
    source : str
        ``"register"`` or ``"count"``.
    serial_number, manufacturer : str
        In normalised form.
    rows : tuple of int
        Source rows of the entries.
    records : tuple of FirearmRecord
    """

    source: str
    serial_number: str
    manufacturer: str
    rows: tuple[int, ...]
    records: tuple[FirearmRecord, ...]


@example_by(lambda: _example_reconciliation().status_conflicts[0])
@attrs.frozen
class StatusConflict:
    """A counted weapon whose register entry says it cannot be there."""

    record: FirearmRecord
    counted: FirearmRecord
    register_row: int
    counted_row: int
    reason: str


@example_by(lambda: _example_reconciliation().near_matches[0])
@attrs.frozen
class NearMatch:
    """A missing and an unregistered weapon that may be one weapon typed differently.

    Either the serials differ only by O/0 or I/1 (same manufacturer and model), or the serial
    and manufacturer are the same and the model differs; ``reason`` says which.
    """

    record: FirearmRecord
    counted: FirearmRecord
    register_row: int
    counted_row: int
    reason: str


def _pairs(value: Any) -> np.ndarray:
    return np.asarray(value, dtype=np.int64).reshape(-1, 2)


@example_by(lambda: _example_reconciliation())
@attrs.frozen(eq=False)
class InventoryReconciliation(ResultMixin):
    """The result of :func:`reconcile_inventory`.

    Attributes
    ----------
    missing : tuple of FirearmRecord
        Expected in the count but not found.
    unregistered : tuple of FirearmRecord
        Counted but not in the register.
    duplicates : tuple of DuplicateSerial
    status_conflicts : tuple of StatusConflict
    near_matches : tuple of NearMatch
        For review; their weapons also appear in ``missing`` and ``unregistered``.
    missing_rows, unregistered_rows : tuple of int
        Source rows of the missing (register) and unregistered (count) weapons.
    register_size, counted_size, matched : int
        Entries in each table and weapons matched with an expected status.
    expected_statuses : tuple of str
    matched_rows : ndarray of int, shape (matched, 2)
        The register row and the count row of each matched weapon (empty for a reconciliation
        of dask DataFrames, which keeps only the count of matches so that the reduction stays
        small); not compared by ``==``.

    ``to_frame()`` (and ``to_csv()``, ``dpssec arms reconcile --format csv``) gives one row per
    record: its category (matched, missing, unregistered, status conflict), the table and row
    it comes from, the row of the record it was matched with, the serial, manufacturer, model
    and status of discrepancies, and a note (a near match to review, a duplicate serial).

    Examples
    --------
    >>> from dpssec.arms.firearms import FirearmRecord, reconcile_inventory
    >>> result = reconcile_inventory(
    ...     [FirearmRecord("A-1", "CZ", "75"), FirearmRecord("B-2", "Glock", "17")],
    ...     [FirearmRecord("a1", "CZ", "75"), FirearmRecord("C-3", "Taurus", "PT92")])
    >>> result.summary()["missing"], result.unregistered_rows, result.ok
    (1, (2,), False)
    >>> [f.code for f in result.report().findings]
    ['weapon-missing', 'weapon-unregistered']
    """

    missing: tuple[FirearmRecord, ...]
    unregistered: tuple[FirearmRecord, ...]
    duplicates: tuple[DuplicateSerial, ...]
    status_conflicts: tuple[StatusConflict, ...]
    near_matches: tuple[NearMatch, ...]
    missing_rows: tuple[int, ...]
    unregistered_rows: tuple[int, ...]
    register_size: int
    counted_size: int
    matched: int
    expected_statuses: tuple[str, ...]
    # which rows matched is a view for the flat table, not part of what a reconciliation found
    # (the out-of-core path keeps only the count): two results compare equal without it
    matched_rows: np.ndarray = attrs.field(
        factory=lambda: np.zeros((0, 2), dtype=np.int64), converter=_pairs, repr=False, eq=False
    )

    @property
    def ok(self) -> bool:
        """True when nothing is missing, unregistered, duplicated or in conflict."""
        return not (self.missing or self.unregistered or self.duplicates or self.status_conflicts)

    def summary(self) -> dict[str, int]:
        """Counts per category."""
        return {
            "register": self.register_size,
            "counted": self.counted_size,
            "matched": self.matched,
            "missing": len(self.missing),
            "unregistered": len(self.unregistered),
            "duplicate serials": len(self.duplicates),
            "status conflicts": len(self.status_conflicts),
            "near matches (review)": len(self.near_matches),
        }

    def _records(self) -> list[dict[str, Any]]:
        notes: dict[tuple[str, int], list[str]] = {}
        for near in self.near_matches:
            text = f"near match: {near.reason}"
            notes.setdefault(("register", near.register_row), []).append(text)
            notes.setdefault(("count", near.counted_row), []).append(text)
        for dup in self.duplicates:
            for row in dup.rows:
                text = f"serial {dup.serial_number} repeated in the {dup.source}"
                notes.setdefault((dup.source, row), []).append(text)

        def entry(
            category: str,
            source: str,
            number: int,
            record: FirearmRecord | None,
            matched: int | None = None,
            note: str = "",
        ) -> dict[str, Any]:
            return {
                "source": source,
                "row": number,
                "category": category,
                "matched_row": matched,
                "serial_number": record.serial_number if record else None,
                "manufacturer": record.manufacturer if record else None,
                "model": record.model if record else None,
                "status": record.status.value if record else None,
                "note": "; ".join([*([note] if note else []), *notes.get((source, number), [])]),
            }

        rows = [
            entry("matched", "register", int(r), None, int(c))
            for r, c in self.matched_rows.tolist()
        ]
        rows += [
            entry("missing", "register", n, record)
            for record, n in zip(self.missing, self.missing_rows, strict=True)
        ]
        rows += [
            entry("status conflict", "register", c.register_row, c.record, c.counted_row, c.reason)
            for c in self.status_conflicts
        ]
        rows += [
            entry("unregistered", "count", n, record)
            for record, n in zip(self.unregistered, self.unregistered_rows, strict=True)
        ]
        return rows

    def _columns(self) -> dict[str, Any]:
        rows = self._records()
        names = (
            "source",
            "row",
            "category",
            "matched_row",
            "serial_number",
            "manufacturer",
            "model",
            "status",
            "note",
        )
        return {name: [r[name] for r in rows] for name in names}

    def _index_columns(self) -> tuple[str, ...]:
        return ("source", "row")

    def __str__(self) -> str:
        width = max(len(k) for k in self.summary())
        lines = ["InventoryReconciliation"]
        lines += [f"  {k.ljust(width)}  {v}" for k, v in self.summary().items()]
        return "\n".join(lines)

    def report(self) -> ComplianceReport:
        """The discrepancies as findings (missing weapons are violations: report the loss)."""
        ref = INVENTORY_REFERENCE
        findings: list[Finding] = []
        for record, row in zip(self.missing, self.missing_rows, strict=True):
            findings.append(
                Finding(
                    "weapon-missing",
                    Severity.VIOLATION,
                    f"registered ({record.status.value}) at row {row} but not counted",
                    subject=record.serial_number,
                    reference=ref,
                    details={"register_row": row, "manufacturer": record.manufacturer},
                )
            )
        for record, row in zip(self.unregistered, self.unregistered_rows, strict=True):
            findings.append(
                Finding(
                    "weapon-unregistered",
                    Severity.VIOLATION,
                    f"counted at row {row} but not in the register",
                    subject=record.serial_number,
                    reference=ref,
                    details={"counted_row": row, "manufacturer": record.manufacturer},
                )
            )
        for conflict in self.status_conflicts:
            findings.append(
                Finding(
                    "status-conflict",
                    Severity.VIOLATION,
                    f"{conflict.reason} (register row {conflict.register_row}, count row "
                    f"{conflict.counted_row})",
                    subject=conflict.record.serial_number,
                    reference=ref,
                )
            )
        for dup in self.duplicates:
            findings.append(
                Finding(
                    "duplicate-serial",
                    Severity.WARNING,
                    f"serial {dup.serial_number} of {dup.manufacturer} occurs "
                    f"{len(dup.rows)} times in the {dup.source} (rows "
                    f"{', '.join(map(str, dup.rows))})",
                    subject=dup.serial_number,
                    reference=ref,
                )
            )
        for near in self.near_matches:
            findings.append(
                Finding(
                    "near-match",
                    Severity.INFO,
                    f"{near.reason} (register row {near.register_row}, count row "
                    f"{near.counted_row}): review",
                    subject=near.record.serial_number,
                    reference=ref,
                )
            )
        return ComplianceReport(
            tuple(findings), title="Inventory reconciliation", criteria="physical count"
        )


def _example_reconciliation() -> InventoryReconciliation:
    """A reconciliation with one of each finding (the declared example of its classes)."""
    register = [
        FirearmRecord("AB-100", "Glock", "17"),
        FirearmRecord("AB-100", "Glock", "17", status=FirearmStatus.ISSUED),
        FirearmRecord("X-9", "CZ", "75", status=FirearmStatus.DESTROYED),
        FirearmRecord("TA-40O14", "Taurus", "PT92"),
        FirearmRecord("M-77", "Beretta", "92"),
    ]
    counted = [
        FirearmRecord("ab100", "GLOCK", "17"),
        FirearmRecord("x 9", "CZ", "75"),
        FirearmRecord("TA-40014", "Taurus", "PT92"),
        FirearmRecord("Z-1", "FN", "FAL"),
    ]
    from dpssec.arms.firearms.reconcile import reconcile_inventory  # it imports this module

    result: InventoryReconciliation = reconcile_inventory(register, counted)
    return result
