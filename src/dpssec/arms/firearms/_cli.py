"""Command line and demo of the firearms part: ``dpssec arms reconcile``, ``marking``, ``retention``.

``dpssec arms reconcile REGISTER COUNT [--json] [--expected STATUS ...]`` reads two CSV or JSON
files and prints what is missing, unregistered, duplicated, in conflict and worth a review.
``dpssec arms marking FILE [--profile NAME] [--json]`` checks the marks recorded in a JSON
register against a marking profile; a register without marks (any CSV register) is refused
with "marks not recorded", and a JSON record without a ``marks`` list gets one INFO finding
``marks-not-recorded`` (a record with ``"marks": []`` was inspected and has no mark). Both exit with
0 when nothing is wrong, 1 when discrepancies or violations were found, and 2 on unreadable
input. ``dpssec arms retention FILE --on DATE [--profile NAME] [--json]`` lists the records of a
CSV file (``record_id``, ``record_kind``, ``created``) that may not be destroyed on that day.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from dpssec.arms.firearms.marking import check_marking, marking_report
from dpssec.arms.firearms.profiles import MARKING_PROFILES
from dpssec.arms.firearms.readers import read_register
from dpssec.arms.firearms.reconcile import InventoryReconciliation, reconcile_inventory
from dpssec.arms.firearms.records import FirearmRecord, FirearmStatus, Mark, MarkKind
from dpssec.arms.firearms.register import FirearmRegister
from dpssec.arms.firearms.retention import (
    RETENTION_PROFILES,
    records_to_keep,
    retention_until,
)
from dpssec.arms.firearms.schemas import RETENTION_SCHEMA
from dpssec.cli_options import add_format_option, add_input_options, emit, read_options
from dpssec.data import data_file
from dpssec.errors import InputError
from dpssec.io import read_table, require_values
from dpssec.rendering import DemoSection

REGISTER_FILE = "arms_firearms_register.csv"
COUNT_FILE = "arms_firearms_count.csv"


def _bundled(name: str) -> FirearmRegister:
    return read_register(data_file(name), format="csv")


def _reconciliation_lines(result: InventoryReconciliation) -> list[str]:
    lines = [f"  {name:<22} {count:>8}" for name, count in result.summary().items()]
    for record, row in zip(result.missing, result.missing_rows, strict=True):
        lines.append(
            f"  missing       {record.serial_number:<12} {record.manufacturer} {record.model} "
            f"(register row {row}, {record.status.value})"
        )
    for record, row in zip(result.unregistered, result.unregistered_rows, strict=True):
        lines.append(
            f"  unregistered  {record.serial_number:<12} {record.manufacturer} {record.model} "
            f"(count row {row})"
        )
    for conflict in result.status_conflicts:
        lines.append(
            f"  conflict      {conflict.record.serial_number:<12} {conflict.reason} "
            f"(register row {conflict.register_row}, count row {conflict.counted_row})"
        )
    for dup in result.duplicates:
        rows = ", ".join(map(str, dup.rows))
        lines.append(
            f"  duplicate     {dup.serial_number:<12} {dup.manufacturer}: {dup.source} rows {rows}"
        )
    for near in result.near_matches:
        lines.append(f"  review        {near.reason}")
    return lines


def _reconciliation_data(result: InventoryReconciliation) -> dict[str, Any]:
    return {
        "summary": result.summary(),
        "missing": [
            {"row": row, "serial_number": r.serial_number, "manufacturer": r.manufacturer}
            for r, row in zip(result.missing, result.missing_rows, strict=True)
        ],
        "unregistered": [
            {"row": row, "serial_number": r.serial_number, "manufacturer": r.manufacturer}
            for r, row in zip(result.unregistered, result.unregistered_rows, strict=True)
        ],
        "status_conflicts": [
            {
                "register_row": c.register_row,
                "counted_row": c.counted_row,
                "serial_number": c.record.serial_number,
                "reason": c.reason,
            }
            for c in result.status_conflicts
        ],
        "duplicates": [
            {"source": d.source, "serial_number": d.serial_number, "rows": list(d.rows)}
            for d in result.duplicates
        ],
        "near_matches": [
            {"register_row": n.register_row, "counted_row": n.counted_row, "reason": n.reason}
            for n in result.near_matches
        ],
        "expected_statuses": list(result.expected_statuses),
    }


def _demo_record() -> FirearmRecord:
    return FirearmRecord(
        "TA-40114",
        "Taurus",
        "PT92",
        calibre="9x19",
        country_of_manufacture="BR",
        year_of_manufacture=2009,
        marks=[
            Mark(MarkKind.MANUFACTURER, "TAURUS"),
            Mark(MarkKind.COUNTRY_OF_MANUFACTURE, "BRA"),
            Mark(MarkKind.SERIAL_NUMBER, "TA40114"),
            Mark(MarkKind.MODEL, "PT92"),
            Mark(MarkKind.CALIBRE, "9mm"),
        ],
    )


def demo_sections() -> list[DemoSection]:
    """The firearms part of ``dpssec demo`` (synthetic register and count)."""
    result = reconcile_inventory(_bundled(REGISTER_FILE), _bundled(COUNT_FILE))
    reconcile_text = "\n".join(
        [
            f"Synthetic register ({REGISTER_FILE}) against a physical count ({COUNT_FILE}):",
            *_reconciliation_lines(result),
        ]
    )
    record = _demo_record()
    marking_lines = [
        f"Weapon {record.serial_number} ({record.manufacturer} {record.model}), marks: "
        + ", ".join(f"{m.kind.value}={m.text}" for m in record.marks or ())
    ]
    marking_data: dict[str, Any] = {}
    for profile in ("ITI", "ISACS 05.30", "EU"):
        findings = check_marking(record, profile)
        marking_data[profile] = [
            {"code": f.code, "severity": f.severity.value, "rule": f.details.get("rule")}
            for f in findings
        ]
        marking_lines.append(f"  {profile}: {len(findings)} finding(s)")
        marking_lines += [f"    {f.severity.value:<9} {f.message}" for f in findings]
    made = dt.date(2009, 6, 30)
    until = {kind: retention_until(kind, made).isoformat() for kind in ("manufacture", "export")}
    marking_lines.append(
        f"Records of 30 Jun 2009 kept (ITI para 12, unverified preset): manufacture until "
        f"{until['manufacture']}, export until {until['export']}"
    )
    marking_lines.append(
        "Every profile above is an unverified preset: its text was not read in the primary source."
    )
    return [
        DemoSection(
            "Arms: firearm inventory reconciliation (synthetic data)",
            reconcile_text,
            _reconciliation_data(result),
        ),
        DemoSection(
            "Arms: firearm marking and record retention",
            "\n".join(marking_lines),
            {"marking": marking_data, "retention_until": until},
        ),
    ]


def _reconcile(args: argparse.Namespace) -> int:
    options = read_options(args)
    register = read_register(
        args.register, ignore_extra_columns=args.ignore_extra_columns, **_table_options(options)
    )
    counted = read_register(
        args.count, ignore_extra_columns=args.ignore_extra_columns, **_table_options(options)
    )
    expected = args.expected or [FirearmStatus.IN_STOCK.value, FirearmStatus.ISSUED.value]
    result = reconcile_inventory(register, counted, expected_statuses=expected)
    emit(
        args,
        result,
        text=lambda: "\n".join(
            [
                f"Reconciliation of {args.register} against {args.count}",
                *_reconciliation_lines(result),
            ]
        ),
        data=_reconciliation_data(result),
    )
    return 0 if result.ok else 1


def _table_options(options: dict[str, Any]) -> dict[str, Any]:
    return {
        "columns": options["columns"],
        "encoding": options["encoding"],
        "sheet": options["sheet"],
    }


def _marking(args: argparse.Namespace) -> int:
    register = read_register(args.file)
    records = list(register)
    if not any(r.marks_recorded for r in records):
        # Without marks every weapon would be reported as "no mark found": a false alarm.
        raise InputError(
            f"{args.file}: marks not recorded, nothing to check ("
            + (
                "a table register has no marks column; "
                if register.records is None
                else "no record has a 'marks' list; "
            )
            + "use a JSON register with the marks found on each weapon, "
            "'marks': [] for an inspected weapon without marks)"
        )
    report = marking_report(records, args.profile)
    payload = {
        "profile": args.profile,
        "criteria": report.criteria,
        "findings": [
            {
                "subject": f.subject,
                "code": f.code,
                "severity": f.severity.value,
                "message": f.message,
                "reference": str(f.reference) if f.reference else None,
                "verified": f.verified,
            }
            for f in report.findings
        ],
    }
    emit(args, report, data=payload)
    return 0 if report.ok else 1


def _retention(args: argparse.Namespace) -> int:
    table = read_table(args.file, RETENTION_SCHEMA, **read_options(args))
    require_values(table, "record_id", "record_kind", "created")
    check = records_to_keep(
        table["record_id"].tolist(),
        table["record_kind"].tolist(),
        table["created"],
        args.on,
        profile=args.profile,
    )
    status = "" if check.verified else " (unverified preset)"
    lines = [
        f"{len(check.record_ids)} of {check.checked} record(s) may not be destroyed on "
        f"{check.on.isoformat()} under {check.profile}{status}"
    ]
    lines += [
        f"  {record_id:<20} {kind:<12} keep until {until.isoformat()}"
        for record_id, kind, until in zip(
            check.record_ids, check.kinds, check.keep_until, strict=True
        )
    ]
    keep = [
        {"record_id": i, "kind": k, "keep_until": d.isoformat()}
        for i, k, d in zip(check.record_ids, check.kinds, check.keep_until, strict=True)
    ]
    payload = {
        "on": check.on.isoformat(),
        "profile": check.profile,
        "verified": check.verified,
        "checked": check.checked,
        "keep": keep,
    }
    emit(args, check, text="\n".join(lines), rows=keep, data=payload)
    return 0


def register(subparsers: Any) -> None:
    """Add ``dpssec arms reconcile``, ``dpssec arms marking`` and ``dpssec arms retention``."""
    reconcile = subparsers.add_parser(
        "reconcile",
        help="reconcile a firearm register with a physical count (CSV, Excel, Parquet or JSON)",
        description="Match a firearm register against a physical count by normalised serial, "
        "manufacturer and model. Headers may be in English, Spanish, Portuguese or French "
        "(número de serie, fabricante, modelo...); --column maps others. Exit code 0: "
        "everything matches; 1: discrepancies; 2: unreadable input. Errors in a table name "
        "the data row (the first row after the header is row 1) and the file line: "
        "'row 2 (line 3)'. --format csv: one row per record with its category.",
    )
    reconcile.add_argument(
        "register", metavar="REGISTER", help="register file (.csv, .xlsx, .json)"
    )
    reconcile.add_argument("count", metavar="COUNT", help="count sheet (.csv, .xlsx, .json)")
    reconcile.add_argument(
        "--expected",
        action="append",
        metavar="STATUS",
        choices=[s.value for s in FirearmStatus],
        help="register status expected in the count (repeat; default: 'in stock' and 'issued')",
    )
    reconcile.add_argument(
        "--ignore-extra-columns", action="store_true", help="skip unknown columns"
    )
    add_input_options(reconcile)
    add_format_option(reconcile)
    reconcile.set_defaults(handler=_reconcile)
    marking = subparsers.add_parser(
        "marking",
        help="check recorded firearm marks against a marking profile",
        description="Check the marks of each record (JSON register with marks) against a "
        "profile. A register without marks (a table register) is refused: marks not recorded "
        "are not marks missing. Exit code 0: no violation; 1: violations; 2: unreadable "
        "input or no marks recorded.",
    )
    marking.add_argument("file", metavar="FILE", help="register (.json with marks)")
    marking.add_argument(
        "--profile", default="ITI", choices=list(MARKING_PROFILES), help="marking profile"
    )
    add_format_option(marking)
    marking.set_defaults(handler=_marking)
    retention = subparsers.add_parser(
        "retention",
        help="list the firearm records that may not be destroyed yet",
        description="Read a table of records (record_id, record_kind, created) and list those "
        "whose retention period (ITI para 12 or UN Firearms Protocol Art. 7, unverified "
        "presets) has not ended on the given day.",
    )
    retention.add_argument(
        "file", metavar="FILE", help="table with record_id, record_kind, created"
    )
    retention.add_argument(
        "--on", default=dt.date.today().isoformat(), help="day of the planned destruction"
    )
    retention.add_argument(
        "--profile", default="ITI", choices=list(RETENTION_PROFILES), help="retention profile"
    )
    add_input_options(retention)
    add_format_option(retention)
    retention.set_defaults(handler=_retention)
