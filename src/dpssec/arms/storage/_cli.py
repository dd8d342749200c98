"""Command line and demo of the storage checks: ``dpssec arms check FILE.json [--json]``.

The demo runs :func:`~dpssec.arms.storage.check_depot` on a small SYNTHETIC depot bundled as
``dpssec/data/arms_demo_depot.json`` (an invented layout, not a real site).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dpssec.cli_options import add_format_option, emit
from dpssec.errors import InputError, SchemaError
from dpssec.rendering import DemoSection

DEMO_DEPOT = "arms_demo_depot.json"


def _load(text: str) -> Any:
    from dpssec.arms.storage.models import Depot
    from dpssec.serialization import from_json

    return from_json(text, Depot)


def demo_sections() -> list[DemoSection]:
    """The storage part of ``dpssec demo``: a depot check of the synthetic demo depot."""
    from dpssec.arms.storage.depot_check import check_depot
    from dpssec.data import data_file
    from dpssec.serialization import to_dict

    depot = _load(data_file(DEMO_DEPOT).read_text(encoding="utf-8"))
    report = check_depot(depot)
    shown = [f for f in report.findings if f.severity.value != "info"]
    lines = [
        f"{depot.name}: {len(depot.buildings)} explosives buildings, "
        f"{len(depot.exposed_sites)} exposed sites, criteria {report.criteria}",
        f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s), "
        f"{len(report.findings)} finding(s); violations and warnings:",
        *(f"  {f}" for f in shown),
        "(synthetic example data; run `dpssec arms check FILE.json` on a real depot file)",
    ]
    return [
        DemoSection(
            "Arms: ammunition depot check (IATG 02.20:2021, synthetic depot)",
            "\n".join(lines),
            {
                "depot": depot.name,
                "criteria": report.criteria,
                "violations": len(report.violations),
                "warnings": len(report.warnings),
                "findings": to_dict(report)["findings"],
            },
        )
    ]


def _check(args: argparse.Namespace) -> int:
    from dpssec.arms.storage.depot_check import check_depot
    from dpssec.serialization import to_dict

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark (Notepad) is fine
    except UnicodeDecodeError as exc:
        raise SchemaError(f"{path}: not a UTF-8 text file ({exc})") from None
    except OSError as exc:  # missing, a directory, unreadable
        raise SchemaError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    try:
        depot = _load(text)
    except SchemaError as exc:
        raise SchemaError(f"{path}: {exc}", errors=exc.errors) from None
    try:
        # a file holding {} reads as a depot without buildings: refused, never "0 violations"
        report = check_depot(depot, rounding=args.rounding)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    emit(args, report, data=to_dict(report))
    return 1 if report.violations else 0


def register(subparsers: Any) -> None:
    """Add ``dpssec arms check FILE.json [--json] [--rounding R]``."""
    parser = subparsers.add_parser(
        "check",
        help="check an ammunition depot (JSON) for compatibility and quantity-distances",
        description=(
            "Read a depot (buildings with stocks, exposed sites, criteria) from a JSON file and "
            "print the compliance report (--format csv: one row per PES-exposed-site pair with "
            "the required and actual distance, permissible NEQ, verdict and clause). Exit code "
            "0 without violations, 1 with violations, 2 for a file that cannot be read."
        ),
    )
    parser.add_argument("file", metavar="FILE.json", help="depot description in JSON")
    parser.add_argument(
        "--rounding",
        choices=("none", "ceil", "table"),
        default="none",
        help="rounding of the required distances (default: none, the formula value)",
    )
    add_format_option(parser)
    parser.set_defaults(handler=_check)
