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
import re
import warnings
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from dpssec.cli_options import add_format_option, add_input_options, emit, read_options
from dpssec.data import data_file, population
from dpssec.errors import DataQualityWarning, InputError, SchemaError
from dpssec.findings import ComplianceReport, Finding
from dpssec.io import Table, read_table, require_values
from dpssec.justice import _caseflow_cli
from dpssec.justice.cell_space import CELL_SPACE_STANDARDS
from dpssec.justice.cohort import (
    EventType,
    RecidivismMeasure,
    ReleaseCohort,
    analyse_recidivism,
)
from dpssec.justice.cohort_io import read_release_cohorts
from dpssec.justice.facility import Cell
from dpssec.justice.occupancy import (
    OVERCROWDING_STANDARDS,
    classify_occupancy,
    occupancy_rate,
    prison_population_rate,
    system_overcrowding,
)
from dpssec.justice.pretrial import unsentenced_share
from dpssec.justice.programmes import compare_programmes
from dpssec.justice.published_schemas import PRISONS_LONG_SCHEMA, PRISONS_SCHEMA
from dpssec.justice.schemas import (
    CELL_SCHEMA,
    OCCUPANCY_SCHEMA,
    RELEASE_COHORT_SCHEMA,
    cohorts_from_table,
)
from dpssec.rendering import DemoSection
from dpssec.serialization import to_dict

__all__ = ["demo_sections", "register"]


# -- reading ---------------------------------------------------------------------------------


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


def _where(source: str, line: Any, kind: str, name: str) -> str:
    return f"{source}: line {line} ({kind} {name!r})"


# -- occupancy -------------------------------------------------------------------------------


def _occupancy_report(table: Table, standard: str) -> tuple[str, dict[str, Any]]:
    source = table.source
    names = [
        str(n) if n is not None else f"line {line}"
        for n, line in zip(table["name"], table.lines, strict=True)
    ]
    populations = table["population"]
    capacities = table["capacity"]
    line_numbers = table.lines.tolist()
    if not len(table):
        raise SchemaError(f"{source}: no facility rows", errors=["no data rows"])
    require_values(table, "population", "capacity")
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
            {
                "name": n,
                "population": float(p),
                "capacity": float(c),
                "occupancy_pct": float(o),
                "band": b,
            }
            for n, p, c, o, b in zip(
                names, populations, capacities, occupancy, bands.label, strict=True
            )
        ],
        "system": to_dict(system),
        "standard": standard,
        "standard_verified": bands.verified,
    }
    return "\n".join(lines), data


def _located(error: InputError, source: str, lines: list[Any], names: list[str]) -> SchemaError:
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
    table = read_table(args.file, OCCUPANCY_SCHEMA, **read_options(args))
    text, data = _occupancy_report(table, args.standard)
    emit(args, text=text, rows=data["facilities"], data=data)
    return 0


# -- cells -----------------------------------------------------------------------------------


def _cells_report(cells: list[Cell], source: str, standard: str) -> ComplianceReport:
    findings: list[Finding] = []
    for cell in cells:
        findings += cell.check(standard)
    chosen = CELL_SPACE_STANDARDS[standard]
    return ComplianceReport(
        findings,
        title=f"Cell space ({source})",
        criteria=f"{chosen.title} ({chosen.reference})",
    )


def _cells_command(args: argparse.Namespace) -> int:
    cells = read_table(args.file, CELL_SCHEMA, **read_options(args))
    if not cells:
        raise SchemaError(f"{args.file}: no cell rows", errors=["no data rows"])
    report = _cells_report(cells, Path(args.file).name, args.standard)
    emit(args, report)
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
    cohorts: dict[str, ReleaseCohort], windows: list[float]
) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    lines: list[str] = []
    data: dict[str, Any] = {"groups": {}, "comparisons": []}
    rows: list[dict[str, Any]] = []
    for name, cohort in cohorts.items():
        result = analyse_recidivism(cohort, follow_up=windows)
        lines += [f"{name}: {cohort.size} released; event: {cohort.measure}", result.statement, ""]
        data["groups"][name] = to_dict(result)
        rows += [{"group": name, **row} for row in result.flat_table().records()]
    if len(cohorts) == 2:
        first, second = cohorts.values()
        for window in windows:
            comparison = compare_programmes(first, second, follow_up=window)
            lines.append(comparison.statement)
            data["comparisons"].append(to_dict(comparison))
    return "\n".join(lines).rstrip(), data, rows


def _recidivism_command(args: argparse.Namespace) -> int:
    measure = RecidivismMeasure(EventType(args.event), waiting_period_days=args.waiting_days)
    table = read_table(
        args.file, attrs.evolve(RELEASE_COHORT_SCHEMA, build=None), **read_options(args)
    )
    cohorts = cohorts_from_table(table, follow_up_end=args.end, measure=measure)
    text, data, rows = _recidivism_report(cohorts, _windows(args.follow_up))
    emit(args, text=text, rows=rows, data=data)
    return 0


def register(subparsers: Any) -> None:
    """Add ``occupancy``, ``cells``, ``recidivism`` and ``caseflow`` under ``dpssec justice``."""
    occupancy = subparsers.add_parser(
        "occupancy",
        help="occupancy of each facility and of the system (CSV: name,population,capacity)",
        description="Occupancy of each facility (population x 100 / official capacity), its "
        "band and the system accounting. The file (CSV, .xlsx, .parquet) has a name, a "
        "population and a capacity column, named in English, Spanish, Portuguese or French "
        "(nombre/población/capacidad, nome/população/capacidade, nom/population/capacité; "
        "cupo, plazas, internos are understood); --column maps any other header.",
    )
    occupancy.add_argument("file", help="table of facilities: name, population, capacity")
    occupancy.add_argument(
        "--standard", choices=sorted(OVERCROWDING_STANDARDS), default="over-capacity"
    )
    add_input_options(occupancy)
    add_format_option(occupancy)
    occupancy.set_defaults(handler=_occupancy_command)

    cells = subparsers.add_parser(
        "cells", help="check cell space against a standard (CSV of cells)"
    )
    cells.add_argument(
        "file",
        help="table of cells: name, floor_area, occupants[, sanitary_area, sanitary_partitioned, "
        "min_wall_distance, ceiling_height] (m², m; '9 m2' and '2.6 m' are read)",
    )
    cells.add_argument("--standard", choices=sorted(CELL_SPACE_STANDARDS), default="cpt-minimum")
    add_input_options(cells)
    add_format_option(cells)
    cells.set_defaults(handler=_cells_command)

    recidivism = subparsers.add_parser(
        "recidivism", help="recidivism of a release cohort (CSV: release_date,event_date,...)"
    )
    recidivism.add_argument(
        "file", help="table: release_date, event_date[, follow_up_end][, group]"
    )
    recidivism.add_argument(
        "--follow-up", default="365,1095", help="windows in days, e.g. 365,1095"
    )
    recidivism.add_argument("--end", help="follow-up end for all rows (YYYY-MM-DD) if no column")
    recidivism.add_argument("--event", choices=[e.value for e in EventType], default="arrest")
    recidivism.add_argument("--waiting-days", type=int, default=0, help="waiting period in days")
    add_input_options(recidivism)
    add_format_option(recidivism)
    recidivism.set_defaults(handler=_recidivism_command)
    _caseflow_cli.register(subparsers)


# -- demo ------------------------------------------------------------------------------------


def _published_occupancy() -> tuple[str, dict[str, Any]]:
    prisons = read_table(data_file("justice_prisons.csv"), PRISONS_SCHEMA)
    notes = [n or "" for n in prisons["note"]]
    keep = np.array(
        [
            not np.isnan(o) and "DOUBTFUL" not in n
            for o, n in zip(prisons["occupancy_pct"], notes, strict=True)
        ]
    )
    codes = prisons["iso3"][keep].tolist()
    values = prisons["occupancy_pct"][keep]
    dates = prisons["occupancy_reference_date"][keep].tolist()
    bands = classify_occupancy(values)
    critical = classify_occupancy(values, standard="critical-120")
    over = [c for c, level in zip(codes, bands.level, strict=True) if level > 0]
    top = sorted(zip(values.tolist(), codes, dates, strict=True), key=lambda p: -p[0])[:5]
    lines = [
        f"Occupancy as published by the OAS observatory (6.5.1) or the World Prison Brief, "
        f"{len(codes)} member states:",
        f"  over official capacity (> 100 %): {len(over)} states ({bands.reference})",
        f"  at or above 120 % 'critical' (preset not verified): "
        f"{int((critical.level == 2).sum())} states",
        "  highest: " + ", ".join(f"{c} {v:g} % ({d or 'undated'})" for v, c, d in top),
    ]
    long = read_table(data_file("justice_prisons_long.csv"), PRISONS_LONG_SCHEMA)
    # Venezuela 2019: population, capacity and occupancy from the same OVP annual report.
    ven = {
        indicator: value
        for iso3, indicator, value, when in zip(
            long["iso3"], long["indicator"], long["value"], long["reference_date"], strict=True
        )
        if iso3 == "VEN" and when in ("2019", "2019-12")
    }
    held, places = ven["prison_population_total"], ven["official_capacity"]
    lines.append(
        f"  recomputed: Venezuela end 2019, {held:g} held / {places:g} places = "
        f"{occupancy_rate(held, places):.2f} % (OVP publishes {ven['occupancy_pct']:g})"
    )
    share = unsentenced_share(19_812, 54_766)
    lines.append(
        f"  Chile Feb 2024: 19812 of 54766 held without sentence = {share.value:.1f} % "
        f"(Chilean Gendarmerie via InSight Crime; the source does not state its definition). "
        f"A census has no sampling error; the 95 % superpopulation interval "
        f"{share.lower:.1f} to {share.upper:.1f} only shows the chance variation to expect "
        "between dates"
    )
    rate_lines, rate_data = _prison_population_rates(prisons)
    lines += rate_lines
    data = {
        "states": len(codes),
        "over_capacity": over,
        "highest": [{"iso3": c, "occupancy_pct": v} for v, c, _ in top],
        "venezuela_2019_recomputed_pct": occupancy_rate(held, places),
        "chile_2024_unsentenced_pct": share.value,
        "prison_population_rates": rate_data,
    }
    return "\n".join(lines), data


def _prison_population_rates(prisons: Table) -> tuple[list[str], list[dict[str, Any]]]:
    """Prison population rates recomputed with the UN WPP 2022 populations of the same year."""
    years = [int(str(d)[:4]) for d in prisons["reference_date"]]
    held = prisons["prison_population_total"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)  # small states: said below
        national = population(prisons["iso3"].tolist(), years)
    rates = prison_population_rate(held, national)
    published = prisons["prison_population_rate_per_100k"]
    order = np.argsort(-rates)[:5]
    lines = [
        "Prison population rates per 100,000, recomputed from the published totals and the UN "
        "World Population Prospects 2022 population of the same year (dpssec.data.population):",
        "  highest: "
        + ", ".join(
            f"{prisons['iso3'][i]} {rates[i]:.0f} ({years[i]}; published "
            + ("n/a" if np.isnan(published[i]) else f"{published[i]:.0f}")
            + ")"
            for i in order
        ),
        "  (the published rates may refer to another year than the total; WPP figures are "
        "rounded to thousands, coarse for the smallest states)",
    ]
    data = [
        {
            "iso3": str(prisons["iso3"][i]),
            "year": years[i],
            "prison_population": float(held[i]),
            "national_population": float(national[i]),
            "rate_per_100k": float(rates[i]),
            "published_rate_per_100k": float(published[i]),
        }
        for i in range(len(prisons))
    ]
    return lines, data


def demo_sections() -> list[DemoSection]:
    """The justice part of ``dpssec demo``."""
    published, published_data = _published_occupancy()
    facilities = read_table(data_file("justice_facilities_synthetic.csv"), OCCUPANCY_SCHEMA)
    system_text, system_data = _occupancy_report(facilities, "over-capacity")
    cells = read_table(data_file("justice_cells_synthetic.csv"), CELL_SCHEMA)
    report = _cells_report(cells, "justice_cells_synthetic.csv (SYNTHETIC)", "cpt-minimum")
    cohorts = read_release_cohorts(
        data_file("justice_release_cohort_synthetic.csv"),
        measure=RecidivismMeasure(EventType.REINCARCERATION),
    )
    cohort_text, cohort_data, _ = _recidivism_report(cohorts, [365.0, 3 * 365.0])
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
