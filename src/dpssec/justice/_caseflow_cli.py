"""The court-caseflow part of the command line: ``dpssec justice caseflow FILE`` and the demo.

``dpssec justice caseflow FILE`` reads a caseflow return (CSV, see
:func:`~dpssec.justice.read_caseflow`), prints the indicators per court, category and year and
the checks (stock-identity breaks, overlapping periods, NA and NAP); with ``--cases CASES``
(a CSV with ``filed`` and ``disposed`` columns, ``disposed`` empty while pending) it adds the
time to disposition and the age of the pending cases of one court, compared with that court's
disposition time. Registered from :mod:`dpssec.justice._cli`.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

import numpy as np

from dpssec.cli_options import add_format_option, add_input_options, emit, read_options
from dpssec.data import data_file
from dpssec.errors import InputError
from dpssec.io import read_table, require_values
from dpssec.justice.backlog import capacity_needed, project_backlog
from dpssec.justice.case_durations import time_to_disposition
from dpssec.justice.caseflow_models import CaseflowPeriod, CaseflowReturn
from dpssec.justice.caseflow_readers import read_caseflow
from dpssec.justice.caseflow_table import CaseflowTable
from dpssec.justice.pending_ages import pending_age_profile
from dpssec.justice.pretrial_length import pretrial_detention_length
from dpssec.justice.schemas import CASES_SCHEMA, PRETRIAL_SCHEMA
from dpssec.rendering import DemoSection

__all__ = ["caseflow_report", "demo_sections", "register"]


def _cell(value: Any, digits: int = 1) -> str:
    if value is None:
        return ""
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return "-"
        if np.isinf(value):
            return "inf"
        return f"{value:.{digits}f}"
    return str(value)


def table_lines(table: CaseflowTable) -> list[str]:
    """The table as aligned text: labels, counts, CR %, CTR, DT days and status per group."""
    keys = [k for k in ("court", "category", "year") if getattr(table, k) is not None]
    header = [
        *keys,
        "pending_start",
        "incoming",
        "resolved",
        "pending_end",
        "CR %",
        "CTR",
        "DT days",
        "status",
    ]
    rows = []
    for i in range(len(table)):
        row = [str(getattr(table, k)[i]) for k in keys]
        row += [
            _cell(float(getattr(table, n)[i]), 0)
            for n in ("pending_start", "incoming", "resolved", "pending_end")
        ]
        row += [
            _cell(float(table.clearance_rate[i])),
            _cell(float(table.case_turnover_ratio[i]), 2),
            _cell(float(table.disposition_time[i])),
            table.status[i],
        ]
        rows.append(row)
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
    left = len(keys)
    return [
        "  ".join(
            c.ljust(w) if j < left or j == len(header) - 1 else c.rjust(w)
            for j, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in [header, *rows]
    ]


def _read_cases(path: Any, **options: Any) -> tuple[Any, Any]:
    """Filing and disposal dates of a table of cases (NaT while pending)."""
    table = read_table(path, CASES_SCHEMA, **options)
    require_values(table, "filed")
    return table["filed"], table["disposed"]


def _court_period(caseflow: CaseflowReturn, court: str | None, day: dt.date) -> CaseflowReturn:
    """The longest complete period of each category of ``court`` ending on ``day``."""
    courts = sorted({p.court for p in caseflow.periods})
    if court is None:
        if len(courts) != 1:
            raise InputError(f"the return has several courts {courts}; choose one with --court")
        court = courts[0]
    chosen: dict[str, CaseflowPeriod] = {}
    for p in caseflow.periods:
        if p.court == court and p.end == day and p.complete:
            best = chosen.get(p.category)
            if best is None or p.period_days > best.period_days:
                chosen[p.category] = p
    if not chosen:
        raise InputError(f"no complete period of court {court!r} ends on {day}")
    return CaseflowReturn(list(chosen.values()), source=court)


def caseflow_report(
    caseflow: CaseflowReturn,
    *,
    by: tuple[str, ...] = ("court", "category", "year"),
    cases: tuple[list[str], list[str]] | None = None,
    court: str | None = None,
    reference_date: dt.date | None = None,
    standard_days: float = 365.0,
    factor: float = 2.0,
) -> tuple[str, dict[str, Any]]:
    """Text and JSON data of the caseflow command (and of the demo)."""
    table = caseflow.table(by=by)
    report = caseflow.findings()
    lines = [f"Caseflow of {caseflow.source or 'the return'} ({len(caseflow)} rows):"]
    lines += ["  " + line for line in table_lines(table)]
    lines.append("  CR: clearance rate; CTR: case turnover ratio; DT: disposition time, a flow ")
    lines.append("  estimate (period days x pending / resolved), not a measured case age.")
    lines.append("")
    lines.append(str(report))
    data: dict[str, Any] = {"table": table.to_dict(), "findings": report.to_dict()}
    if cases is not None:
        day = reference_date or max(p.end for p in caseflow.periods)
        flow = _court_period(caseflow, court, day).table(by=())
        dt_days = float(flow.disposition_time[0])
        durations = time_to_disposition(*cases, reference_date=day, standard_days=standard_days)
        ages = pending_age_profile(*cases, reference_date=day, standard_days=standard_days)
        versus = durations.compare_with_flow(dt_days, factor=factor)
        versus_age = ages.compare_with_flow(dt_days, factor=factor)
        lines += ["", f"Case durations ({durations.cases} cases, reference date {day}):"]
        lines += ["  " + durations.statement, "  " + ages.statement]
        lines += ["  " + versus.statement, "  " + versus_age.statement]
        data["durations"] = {
            "median": durations.median,
            "median_interval": [durations.median_lower, durations.median_upper],
            "closed_only_median": durations.closed_only_median,
            "within_standard": durations.within_standard.value,
            "pending_median_age": ages.median_age,
            "disposition_time": dt_days,
            "flow_vs_median_ratio": versus.ratio,
            "disagree": versus.disagree,
        }
    return "\n".join(lines), data


def _command(args: argparse.Namespace) -> int:
    options = read_options(args)
    caseflow = read_caseflow(args.file, **options)
    by = tuple(k.strip() for k in args.by.split(",") if k.strip())
    cases = None
    if args.cases:
        cases = _read_cases(args.cases, encoding=options["encoding"])
    day = dt.date.fromisoformat(args.reference_date) if args.reference_date else None
    text, data = caseflow_report(
        caseflow,
        by=by,
        cases=cases,
        court=args.court,
        reference_date=day,
        standard_days=args.standard_days,
        factor=args.factor,
    )
    emit(args, text=text, rows=lambda: _table_rows(caseflow, by), data=data)
    return 0


def _table_rows(caseflow: CaseflowReturn, by: tuple[str, ...]) -> list[dict[str, Any]]:
    return caseflow.table(by=by).flat_table().records()


def register(subparsers: Any) -> None:
    """Add ``caseflow`` under ``dpssec justice``."""
    parser = subparsers.add_parser(
        "caseflow",
        help="court caseflow indicators and checks (CSV: court,category,start,end,"
        "pending_start,incoming,resolved,pending_end)",
    )
    parser.add_argument(
        "file", help="caseflow return (CSV, .xlsx, .parquet); counts may be NA or NAP"
    )
    parser.add_argument("--by", default="court,category,year", help="grouping keys")
    parser.add_argument("--cases", help="table of one court's cases: filed, disposed")
    parser.add_argument("--court", help="the court of --cases (when the return has several)")
    parser.add_argument("--reference-date", help="YYYY-MM-DD (default: the latest period end)")
    parser.add_argument("--standard-days", type=float, default=365.0, help="time standard")
    parser.add_argument("--factor", type=float, default=2.0, help="disagreement factor")
    add_input_options(parser)
    add_format_option(parser)
    parser.set_defaults(handler=_command)


def demo_sections() -> list[DemoSection]:
    """Caseflow, durations, backlog and pre-trial detention on the SYNTHETIC bundled data."""
    source = "justice_caseflow_synthetic.csv (SYNTHETIC)"
    caseflow = read_caseflow(data_file("justice_caseflow_synthetic.csv"), name=source)
    cases = _read_cases(data_file("justice_cases_synthetic.csv"))
    text, data = caseflow_report(caseflow, cases=cases, court="Juzgado Penal 1")
    year = _court_period(caseflow, "Juzgado Penal 1", dt.date(2023, 12, 31)).periods[0]
    pending = float(year.pending_end)  # type: ignore[arg-type]
    incoming = float(year.incoming)  # type: ignore[arg-type]
    projection = project_backlog(pending, incoming, float(year.resolved), periods=3, target=200)  # type: ignore[arg-type]
    needed = capacity_needed(
        pending, incoming, target=200, start="2024-01-01", by="2025-12-31", whole=True
    )
    text += (
        f"\n\nBacklog of Juzgado Penal 1 at the 2023 pace: {projection.statement} To reach 200 "
        f"pending by the end of 2025 it must resolve {needed:.0f} cases a year (2023: "
        f"{year.resolved})."
    )
    records = read_table(data_file("justice_pretrial_synthetic.csv"), PRETRIAL_SCHEMA)
    pretrial = pretrial_detention_length(
        records["admitted"],
        records["ended"],
        reference_date=dt.date(2023, 12, 31),
        legal_limit_days=365,
        group=records["facility"],
    )
    pretrial_text = (
        "Pre-trial detention in three SYNTHETIC facilities (justice_pretrial_synthetic.csv), "
        "against an illustrative limit of 365 days (no country's limit is built in):\n"
        + pretrial.statement
        + "\n"
        + str(pretrial)
    )
    return [
        DemoSection(
            "Justice: court caseflow of SYNTHETIC courts (CEPEJ and CourTools measures)",
            "SYNTHETIC data: invented courts and cases, generated reproducibly by "
            "tests/data/justice/make_synthetic_caseflow.py.\n\n" + text,
            {**data, "backlog": projection.statement, "capacity_needed": needed},
        ),
        DemoSection(
            "Justice: length of pre-trial detention (SYNTHETIC records)",
            pretrial_text,
            {
                "median_days": pretrial.median_days.tolist(),
                "beyond_limit": pretrial.beyond_limit.tolist(),
                "held_now": pretrial.held_now.tolist(),
            },
        ),
    ]
