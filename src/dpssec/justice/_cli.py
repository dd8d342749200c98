"""The justice part of the command line: demo sections and ``dpssec justice ...`` commands.

* ``dpssec justice occupancy FILE``: occupancy and band of each facility and the system
  accounting (surplus, free places, hidden overcrowding);
* ``dpssec justice cells FILE``: cell-space findings against a standard;
* ``dpssec justice recidivism FILE --follow-up 365,1095``: Kaplan-Meier, crude and naive
  recidivism of a release cohort, and the programme comparison when the file has two groups;
* ``dpssec justice caseflow FILE``: court caseflow indicators and checks
  (:mod:`dpssec.justice._caseflow_cli`).

Input files are CSV with a header row; lines starting with ``#`` are comments.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dpssec._data import data_file
from dpssec.errors import InputError, SchemaError
from dpssec.findings import ComplianceReport, Finding
from dpssec.justice import _caseflow_cli
from dpssec.justice.cell_checks import check_cell_space
from dpssec.justice.cell_space import CELL_SPACE_STANDARDS
from dpssec.justice.cohort import EventType, RecidivismMeasure, analyse_recidivism
from dpssec.justice.cohort_io import read_release_cohorts, read_text_file
from dpssec.justice.occupancy import (
    OVERCROWDING_STANDARDS,
    classify_occupancy,
    occupancy_rate,
    system_overcrowding,
)
from dpssec.justice.pretrial import unsentenced_share
from dpssec.justice.programmes import compare_programmes
from dpssec.rendering import DemoSection
from dpssec.serialization import to_dict

__all__ = ["demo_sections", "register"]


# -- reading ---------------------------------------------------------------------------------


def _numbered_rows(text: str, source: str) -> list[tuple[int, dict[str, str]]]:
    """CSV rows with their line numbers in the file ('#' comment and blank lines skipped)."""
    kept = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not kept:
        raise SchemaError(f"{source}: no header row", errors=["no header row"])
    reader = csv.DictReader([line for _, line in kept])
    return list(zip([number for number, _ in kept[1:]], reader, strict=False))


def _rows(text: str, source: str) -> list[dict[str, str]]:
    return [row for _, row in _numbered_rows(text, source)]


def _column(row: dict[str, str], names: Iterable[str], source: str, line: int) -> str:
    for name in names:
        if name in row and row[name] is not None:
            return row[name].strip()
    wanted = " or ".join(names)
    raise SchemaError(f"{source}: line {line}: missing column {wanted}", errors=[wanted])


def _number(text: str, source: str, line: int, column: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise SchemaError(
            f"{source}: line {line}, column {column!r}: {text!r} is not a number",
            errors=[f"line {line}, column {column}: not a number"],
        ) from None
    if not math.isfinite(value):
        raise SchemaError(f"{source}: line {line}, column {column!r}: {text!r} is not finite")
    return value


def _where(source: str, line: int, kind: str, name: str) -> str:
    return f"{source}: line {line} ({kind} {name!r})"


def _facilities(text: str, source: str) -> tuple[list[str], list[float], list[float], list[int]]:
    """Names, populations, capacities and file line numbers; bad values named by line."""
    names, populations, capacities, lines = [], [], [], []
    for line, row in _numbered_rows(text, source):
        name = row.get("name") or row.get("facility") or f"row {line}"
        population = _number(_column(row, ["population"], source, line), source, line, "population")
        cap_text = _column(row, ["capacity", "official_capacity"], source, line)
        capacity = _number(cap_text, source, line, "capacity")
        if population < 0:
            raise SchemaError(
                f"{_where(source, line, 'facility', name)}: population {population:g} is negative",
                errors=[f"line {line}, column population: negative"],
            )
        if capacity <= 0:
            raise SchemaError(
                f"{_where(source, line, 'facility', name)}: capacity {capacity:g} must be > 0 "
                "(official places)",
                errors=[f"line {line}, column capacity: not > 0"],
            )
        names.append(name)
        populations.append(population)
        capacities.append(capacity)
        lines.append(line)
    if not names:
        raise SchemaError(f"{source}: no facility rows", errors=["no data rows"])
    return names, populations, capacities, lines


def _format_number(value: float) -> str:
    """Whole numbers without exponent (1,250,000 not 1.25e+06); others to one decimal."""
    return f"{int(value)}" if float(value).is_integer() else f"{value:.1f}"


def _table(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    """Plain-text table; widths from the header and the cells; the first ``left`` columns
    and the last column are left-aligned, the numbers between right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    last = len(header) - 1

    def fmt(cells: list[str]) -> str:
        parts = [
            c.ljust(w) if i < left or i == last else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=False))
        ]
        return "  ".join(parts).rstrip()

    return [fmt(r) for r in [header, *rows]]


# -- occupancy -------------------------------------------------------------------------------


def _occupancy_report(text: str, source: str, standard: str) -> tuple[str, dict[str, Any]]:
    names, populations, capacities, line_numbers = _facilities(text, source)
    try:
        occupancy = occupancy_rate(populations, capacities)
        bands = classify_occupancy(occupancy, standard=standard)
        system = system_overcrowding(populations, capacities)
    except InputError as error:
        raise _located(error, source, line_numbers, names) from None
    rows = [
        [name, _format_number(p), _format_number(c), f"{o:.1f} %", label]
        for name, p, c, o, label in zip(
            names, populations, capacities, occupancy, bands.label, strict=True
        )
    ]
    rows.append(
        [
            "system",
            _format_number(system.population),
            _format_number(system.capacity),
            f"{system.occupancy:.1f} %",
            "",
        ]
    )
    lines = _table(["facility", "population", "capacity", "occupancy", "band"], rows)
    lines.append(
        f"surplus {system.surplus:g}, free places {system.free_places:g}, apparent "
        f"over-population {system.apparent_overpopulation:+g} ({system.reference})"
    )
    lines.append(system.statement)
    lines.append(f"bands: {standard} ({bands.reference})")
    data = {
        "facilities": [
            {"name": n, "population": p, "capacity": c, "occupancy_pct": float(o), "band": b}
            for n, p, c, o, b in zip(
                names, populations, capacities, occupancy, bands.label, strict=True
            )
        ],
        "system": to_dict(system),
        "standard": standard,
        "standard_verified": bands.verified,
    }
    return "\n".join(lines), data


def _located(error: InputError, source: str, lines: list[int], names: list[str]) -> SchemaError:
    """A calculator's error with its 0-based row index replaced by the file line and name."""
    message = str(error)
    found = re.search(r"at index (\d+)", message)
    if found and int(found.group(1)) < len(lines):
        i = int(found.group(1))
        message = message.replace(
            found.group(0), f"at {_where(source, lines[i], 'facility', names[i])}"
        )
    else:
        message = f"{source}: {message}"
    return SchemaError(message, errors=[message])


def _occupancy_command(args: argparse.Namespace) -> int:
    path = Path(args.file)
    text, data = _occupancy_report(read_text_file(path), str(path), args.standard)
    print(json.dumps(data, indent=2, ensure_ascii=False) if args.json else text)
    return 0


# -- cells -----------------------------------------------------------------------------------


def _flag(text: str, source: str, line: int) -> bool | None:
    value = text.strip().lower()
    if value in ("", "na", "unknown"):
        return None
    if value in ("true", "yes", "1"):
        return True
    if value in ("false", "no", "0"):
        return False
    raise SchemaError(
        f"{source}: line {line}, column 'sanitary_partitioned': {text!r} is not true/false"
    )


def _cells_report(text: str, source: str, standard: str) -> ComplianceReport:
    findings: list[Finding] = []
    for line, row in _numbered_rows(text, source):
        name = row.get("name") or f"row {line}"
        occupants = _number(_column(row, ["occupants"], source, line), source, line, "occupants")
        if occupants != int(occupants):
            raise SchemaError(f"{source}: line {line}, column 'occupants': not a whole number")
        optional = {}
        for column in ("sanitary_area", "min_wall_distance", "ceiling_height"):
            value = (row.get(column) or "").strip()
            optional[column] = _number(value, source, line, column) if value else None
        floor_area = _number(_column(row, ["floor_area"], source, line), source, line, "floor_area")
        partitioned = _flag(row.get("sanitary_partitioned") or "", source, line)
        try:
            findings += check_cell_space(
                floor_area,
                int(occupants),
                sanitary_area=optional["sanitary_area"] or 0.0,
                standard=standard,
                min_wall_distance=optional["min_wall_distance"],
                ceiling_height=optional["ceiling_height"],
                sanitary_partitioned=partitioned,
                subject=name,
            )
        except InputError as error:
            message = f"{_where(source, line, 'cell', name)}: {error}"
            raise SchemaError(message, errors=[message]) from None
    chosen = CELL_SPACE_STANDARDS[standard]
    return ComplianceReport(
        findings,
        title=f"Cell space ({source})",
        criteria=f"{chosen.title} ({chosen.reference})",
    )


def _cells_command(args: argparse.Namespace) -> int:
    path = Path(args.file)
    report = _cells_report(read_text_file(path), str(path), args.standard)
    print(json.dumps(to_dict(report), indent=2, ensure_ascii=False) if args.json else str(report))
    return 1 if report.violations else 0


# -- recidivism ------------------------------------------------------------------------------


def _windows(text: str) -> list[float]:
    try:
        values = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise SchemaError(
            f"--follow-up {text!r}: give days separated by commas, e.g. 365,1095"
        ) from None
    if not values:
        raise SchemaError("--follow-up needs at least one window in days")
    return values


def _recidivism_report(
    path: Any, windows: list[float], measure: RecidivismMeasure, end: str | None
) -> tuple[str, dict[str, Any]]:
    cohorts = read_release_cohorts(path, follow_up_end=end, measure=measure)
    lines: list[str] = []
    data: dict[str, Any] = {"groups": {}, "comparisons": []}
    for name, cohort in cohorts.items():
        result = analyse_recidivism(cohort, follow_up=windows)
        lines += [f"{name}: {cohort.size} released; event: {cohort.measure}", result.statement, ""]
        data["groups"][name] = to_dict(result)
    if len(cohorts) == 2:
        first, second = cohorts.values()
        for window in windows:
            comparison = compare_programmes(first, second, follow_up=window)
            lines.append(comparison.statement)
            data["comparisons"].append(to_dict(comparison))
    return "\n".join(lines).rstrip(), data


def _recidivism_command(args: argparse.Namespace) -> int:
    measure = RecidivismMeasure(EventType(args.event), waiting_period_days=args.waiting_days)
    text, data = _recidivism_report(Path(args.file), _windows(args.follow_up), measure, args.end)
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str) if args.json else text)
    return 0


def register(subparsers: Any) -> None:
    """Add ``occupancy``, ``cells``, ``recidivism`` and ``caseflow`` under ``dpssec justice``."""
    occupancy = subparsers.add_parser(
        "occupancy",
        help="occupancy of each facility and of the system (CSV: name,population,capacity)",
    )
    occupancy.add_argument("file", help="CSV with population and capacity columns")
    occupancy.add_argument(
        "--standard", choices=sorted(OVERCROWDING_STANDARDS), default="over-capacity"
    )
    occupancy.add_argument("--json", action="store_true", help="print machine-readable JSON")
    occupancy.set_defaults(handler=_occupancy_command)

    cells = subparsers.add_parser(
        "cells", help="check cell space against a standard (CSV of cells)"
    )
    cells.add_argument("file", help="CSV: name,floor_area,occupants[,sanitary_area,...] (m², m)")
    cells.add_argument("--standard", choices=sorted(CELL_SPACE_STANDARDS), default="cpt-minimum")
    cells.add_argument("--json", action="store_true", help="print machine-readable JSON")
    cells.set_defaults(handler=_cells_command)

    recidivism = subparsers.add_parser(
        "recidivism", help="recidivism of a release cohort (CSV: release_date,event_date,...)"
    )
    recidivism.add_argument("file", help="CSV: release_date,event_date[,follow_up_end][,group]")
    recidivism.add_argument(
        "--follow-up", default="365,1095", help="windows in days, e.g. 365,1095"
    )
    recidivism.add_argument("--end", help="follow-up end for all rows (YYYY-MM-DD) if no column")
    recidivism.add_argument("--event", choices=[e.value for e in EventType], default="arrest")
    recidivism.add_argument("--waiting-days", type=int, default=0, help="waiting period in days")
    recidivism.add_argument("--json", action="store_true", help="print machine-readable JSON")
    recidivism.set_defaults(handler=_recidivism_command)
    _caseflow_cli.register(subparsers)


# -- demo ------------------------------------------------------------------------------------


def _published_occupancy() -> tuple[str, dict[str, Any]]:
    text = data_file("justice_prisons.csv").read_text(encoding="utf-8")
    rows = [
        r
        for r in _rows(text, "justice_prisons.csv")
        if r["occupancy_pct"] and "DOUBTFUL" not in r["note"]
    ]
    values = [float(r["occupancy_pct"]) for r in rows]
    bands = classify_occupancy(values)
    critical = classify_occupancy(values, standard="critical-120")
    over = [r["iso3"] for r, level in zip(rows, bands.level, strict=True) if level > 0]
    top = sorted(zip(values, rows, strict=True), key=lambda p: -p[0])[:5]
    lines = [
        f"Occupancy as published by the OAS observatory (6.5.1) or the World Prison Brief, "
        f"{len(rows)} member states:",
        f"  over official capacity (> 100 %): {len(over)} states ({bands.reference})",
        f"  at or above 120 % 'critical' (preset not verified): "
        f"{int((critical.level == 2).sum())} states",
        "  highest: "
        + ", ".join(
            f"{r['iso3']} {v:g} % ({r['occupancy_reference_date'] or 'undated'})" for v, r in top
        ),
    ]
    long_text = data_file("justice_prisons_long.csv").read_text(encoding="utf-8")
    # Venezuela 2019: population, capacity and occupancy from the same OVP annual report.
    ven = {
        r["indicator"]: r
        for r in _rows(long_text, "justice_prisons_long.csv")
        if r["iso3"] == "VEN" and r["reference_date"] in ("2019", "2019-12")
    }
    population = float(ven["prison_population_total"]["value"])
    capacity = float(ven["official_capacity"]["value"])
    lines.append(
        f"  recomputed: Venezuela end 2019, {population:g} held / {capacity:g} places = "
        f"{occupancy_rate(population, capacity):.2f} % (OVP publishes {ven['occupancy_pct']['value']})"
    )
    share = unsentenced_share(19_812, 54_766)
    lines.append(
        f"  Chile Feb 2024: 19812 of 54766 held without sentence = {share.value:.1f} % "
        f"(Chilean Gendarmerie via InSight Crime; the source does not state its definition). "
        f"A census has no sampling error; the 95 % superpopulation interval "
        f"{share.lower:.1f} to {share.upper:.1f} only shows the chance variation to expect "
        "between dates"
    )
    data = {
        "states": len(rows),
        "over_capacity": over,
        "highest": [{"iso3": r["iso3"], "occupancy_pct": v} for v, r in top],
        "venezuela_2019_recomputed_pct": occupancy_rate(population, capacity),
        "chile_2024_unsentenced_pct": share.value,
    }
    return "\n".join(lines), data


def demo_sections() -> list[DemoSection]:
    """The justice part of ``dpssec demo``."""
    published, published_data = _published_occupancy()
    facilities_text = data_file("justice_facilities_synthetic.csv").read_text(encoding="utf-8")
    system_text, system_data = _occupancy_report(
        facilities_text, "justice_facilities_synthetic.csv (SYNTHETIC)", "over-capacity"
    )
    cells_text = data_file("justice_cells_synthetic.csv").read_text(encoding="utf-8")
    report = _cells_report(cells_text, "justice_cells_synthetic.csv (SYNTHETIC)", "cpt-minimum")
    cohort_text, cohort_data = _recidivism_report(
        data_file("justice_release_cohort_synthetic.csv"),
        [365.0, 3 * 365.0],
        RecidivismMeasure(EventType.REINCARCERATION),
        None,
    )
    return [
        DemoSection(
            "Justice: occupancy and pre-trial detention (OAS member states)",
            published + "\n\nA SYNTHETIC five-prison system:\n" + system_text,
            {"published": published_data, "synthetic_system": system_data},
        ),
        DemoSection(
            "Justice: cell space against the CPT minimum standard (SYNTHETIC cells)",
            str(report),
            {"violations": len(report.violations), "findings": len(report.findings)},
        ),
        DemoSection(
            "Justice: recidivism of a SYNTHETIC release cohort (censoring handled by Kaplan-Meier)",
            cohort_text,
            {
                "groups": {
                    name: {
                        "kaplan_meier": group["kaplan_meier"]["value"],
                        "crude": group["crude"]["value"],
                        "naive": group["naive"],
                    }
                    for name, group in cohort_data["groups"].items()
                },
                "comparisons": [c["statement"] for c in cohort_data["comparisons"]],
            },
        ),
        *_caseflow_cli.demo_sections(),
    ]
