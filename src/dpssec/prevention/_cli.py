"""Command line and demo of dpssec.prevention: ``dpssec prevention rates FILE [--json]``.

The demo uses the bundled data: real homicide figures (``prevention_homicide.csv``, a copy of
the project's sourced table) and a labelled synthetic age-band table
(``prevention_synthetic_age_bands.csv``) for the age-standardisation example, where no public
age-specific counts were at hand.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np

from dpssec._data import read_csv_rows
from dpssec.boundary import ArraySpec
from dpssec.errors import InputError
from dpssec.prevention.results import IndicatorTable
from dpssec.prevention.sdg16 import DONT_KNOW_TREATMENTS, homicide_rate
from dpssec.prevention.table import INDICATORS, indicator_table, value_columns
from dpssec.prevention.trend import annual_percent_change
from dpssec.rendering import DemoSection

__all__ = ["demo_sections", "read_table", "register"]

_NUMERIC = ("count", "population", "total", "safe", "unsafe", "unknown", "year")


def _homicide_rows() -> list[dict[str, str]]:
    return read_csv_rows("prevention_homicide.csv")


def _rates_with_intervals() -> DemoSection:
    rows = [r for r in _homicide_rows() if r["victims"] and r["rate_per_100k"]]
    latest: dict[str, dict[str, str]] = {}
    for row in rows:
        if row["iso3"] not in latest or int(row["year"]) > int(latest[row["iso3"]]["year"]):
            latest[row["iso3"]] = row
    chosen = sorted(latest.values(), key=lambda r: r["iso3"])
    victims = np.array([float(r["victims"]) for r in chosen])
    published = np.array([float(r["rate_per_100k"]) for r in chosen])
    # no population is published with these figures: the one implied by the published rate
    implied_population = victims / published * 100_000
    labels = [f"{r['iso3']} {r['year']}" for r in chosen]
    rate = homicide_rate(victims, implied_population)
    lines = [
        "SDG 16.1.1 victims of intentional homicide per 100,000, 95 % interval (PHE exact/Byar).",
        "Population = victims / published rate x 100,000 (not published with the counts).",
        f"  {'state, year':<12} {'victims':>8} {'rate':>7}  95 % interval      series",
    ]
    data = []
    for i, row in enumerate(chosen):
        lines.append(
            f"  {labels[i]:<12} {victims[i]:>8.0f} {rate.value[i]:>7.1f}  "
            f"{rate.lower[i]:>6.1f} - {rate.upper[i]:<6.1f}   {row['series']}"
        )
        data.append(
            {
                "iso3": row["iso3"],
                "year": int(row["year"]),
                "victims": victims[i],
                "rate": rate.value[i],
                "lower": rate.lower[i],
                "upper": rate.upper[i],
                "series": row["series"],
                "source": row["source"],
            }
        )
    smallest = int(np.argmin(victims))
    lines.append(
        f"  Small counts give wide intervals: {labels[smallest]} ({victims[smallest]:.0f} victims) "
        f"{100 * (rate.lower[smallest] / rate.value[smallest] - 1):+.0f} % / "
        f"{100 * (rate.upper[smallest] / rate.value[smallest] - 1):+.0f} %."
    )
    return DemoSection(
        "Prevention: homicide rates with intervals (real figures)",
        "\n".join(lines),
        {"rates": data},
    )


def _synthetic_table() -> dict[str, Any]:
    rows = read_csv_rows("prevention_synthetic_age_bands.csv")
    return {
        "area": [r["area"] for r in rows],
        "sex": [r["sex"] for r in rows],
        "age_band": [r["age_band"] for r in rows],
        "count": [float(r["count"]) for r in rows],
        "population": [float(r["population"]) for r in rows],
    }


def _standardised_comparison() -> DemoSection:
    data = _synthetic_table()
    crude = indicator_table(data, "rate", by=["area"])
    dsr = indicator_table(data, "dsr", by=["area"], standard="esp2013")
    by_sex = indicator_table(data, "rate", by=["area", "sex"])
    lines = [
        "SYNTHETIC age-band table (labelled in the data file): two areas, 19 ESP 2013 bands.",
        f"  {'area':<31} {'crude':>6} {'95 % interval':>15}   {'DSR':>6} {'95 % (Dobson)':>15}",
    ]
    for i, area in enumerate(crude.keys["area"]):
        lines.append(
            f"  {area:<31} {crude.value[i]:>6.1f} {crude.lower[i]:>6.1f} - {crude.upper[i]:<6.1f}"
            f"   {dsr.value[i]:>6.1f} {dsr.lower[i]:>6.1f} - {dsr.upper[i]:<6.1f}"
        )
    lines.append("  The crude ranking reverses once the age structures are standardised.")
    lines.append("  Crude rate by sex:")
    for i in range(len(by_sex)):
        lines.append(
            f"    {by_sex.keys['area'][i]:<31} {by_sex.keys['sex'][i]:<7} {by_sex.value[i]:>6.1f} "
            f"({by_sex.lower[i]:.1f} - {by_sex.upper[i]:.1f})"
        )
    return DemoSection(
        "Prevention: age-standardised comparison (synthetic data)",
        "\n".join(lines),
        {"crude": crude.to_records(), "dsr": dsr.to_records(), "by_sex": by_sex.to_records()},
    )


def _trend() -> DemoSection:
    rows = [r for r in _homicide_rows() if r["iso3"] == "HND" and r["series"] == "UNODC_GSH2013"]
    years = np.array([int(r["year"]) for r in rows])
    rates = np.array([float(r["rate_per_100k"]) for r in rows])
    early = annual_percent_change(years[years <= 2006], rates[years <= 2006])
    late = annual_percent_change(years[years >= 2006], rates[years >= 2006])
    lines = [
        "Honduras, homicide rate per 100,000 (UNODC Global Study on Homicide 2013 series):",
        "  " + ", ".join(f"{y}: {r:g}" for y, r in zip(years, rates, strict=True)),
        "Annual percent change (log-linear, t interval on n - 2 df, SEER):",
    ]
    data = {}
    for name, apc in (("2000-2006", early), ("2006-2012", late)):
        lines.append(
            f"  {name}: APC {apc.value:+.1f} % per year (95 % {apc.lower:+.1f} to "
            f"{apc.upper:+.1f}; p = {apc.p_value:.3g})"
        )
        data[name] = {"apc": apc.value, "lower": apc.lower, "upper": apc.upper, "p": apc.p_value}
    lines.append(
        "  Segments chosen by hand for the demo; Joinpoint-type segment search is not done."
    )
    return DemoSection("Prevention: homicide trend (real figures)", "\n".join(lines), data)


def demo_sections() -> list[DemoSection]:
    """The prevention part of ``dpssec demo`` (populations at risk: ``_populations_cli``)."""
    from dpssec.prevention import _populations_cli

    return [
        _rates_with_intervals(),
        _standardised_comparison(),
        _trend(),
        *_populations_cli.demo_sections(),
    ]


def read_table(path: str | Path, numeric: tuple[str, ...] = _NUMERIC) -> dict[str, np.ndarray]:
    """Read a CSV long table into columns; ``numeric`` columns become floats (empty -> NaN).

    Raises
    ------
    InputError
        A value that is not a number in a numeric column (naming the line and column).
    """
    return _read_rows(path, numeric)[0]


def _read_rows(
    path: str | Path, numeric: tuple[str, ...]
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The columns of a CSV file and the file line of each row (blank lines are skipped)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        raise InputError(f"{path}: no header row")
    columns: dict[str, list[Any]] = {name: [] for name in reader.fieldnames}
    lines: list[int] = []
    for row in reader:
        lines.append(reader.line_num)
        for name in reader.fieldnames:
            value = row.get(name) or ""
            if name in numeric:
                try:
                    columns[name].append(float(value) if value.strip() else math.nan)
                except ValueError:
                    raise InputError(
                        f"{path}, line {reader.line_num}, column {name!r}: {value!r} is not a "
                        "number"
                    ) from None
            else:
                columns[name].append(value)
    arrays = {
        name: np.asarray(values, dtype=float if name in numeric else object)
        for name, values in columns.items()
    }
    return arrays, np.asarray(lines, dtype=np.intp)


def _first_bad_row(
    column: np.ndarray, name: str, spec: ArraySpec, message: str, *, omit: bool = False
) -> int:
    """The row the check's message points at (found again by bisection if it names none)."""
    found = re.search(r"first at index (\d+)", message)
    if found:
        return int(found.group(1))
    good, bad = 0, column.size  # column[:good] passes the checks, column[:bad] does not
    while bad - good > 1:
        middle = (good + bad) // 2
        try:
            spec.prepare(column[:middle], name, missing_ok=omit)
        except InputError:
            bad = middle
        else:
            good = middle
    return bad - 1


def _cell(value: Any) -> str:
    """A cell as it was written: numbers read as floats print as ``2021``, not ``2021.0``."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _check_rows(
    path: str,
    columns: dict[str, np.ndarray],
    lines: np.ndarray,
    checks: dict[str, tuple[str, ArraySpec]],
    label_columns: list[str],
    *,
    omit: bool = False,
) -> None:
    """Check every value column as indicator_table will, reporting the file line and group."""
    for name, (_role, spec) in checks.items():
        if name not in columns:
            continue  # indicator_table names the missing column
        try:
            spec.prepare(columns[name], name, missing_ok=omit)
        except InputError as exc:
            message = str(exc)
            row = _first_bad_row(columns[name], name, spec, message, omit=omit)
            label = ", ".join(
                f"{c}={_cell(columns[c][row])}" for c in label_columns if c in columns and c != name
            )
            where = f"line {lines[row]}" + (f" ({label})" if label else "")
            located = message.replace(f"first at index {row}", f"first on {where}")
            if located == message:
                located = f"{message}; first on {where}"
            located = located.replace(f"parameter {name!r}", f"column {name!r}", 1)
            raise InputError(f"{path}: {located}") from None


def _rates_command(args: argparse.Namespace) -> int:
    names = {
        "count": args.count,
        "population": args.population,
        "total": args.total,
        "safe": args.safe,
        "unsafe": args.unsafe,
        "unknown": args.unknown,
        "year": args.year,
    }
    if args.indicator == "feeling_safe_share" and args.dont_know is None:
        raise InputError(
            "--indicator feeling_safe_share needs --dont-know exclude or --dont-know "
            "include_in_denominator (no official rule says which; the choice is recorded)"
        )
    columns, lines = _read_rows(args.file, tuple(names.values()))
    by = [c.strip() for c in args.by.split(",") if c.strip()] if args.by else None
    checks = value_columns(args.indicator, **names)
    not_labels = {args.count, args.population, args.total, args.age_band, *checks}
    labels = by if by is not None else [c for c in columns if c not in not_labels]
    if args.indicator in ("dsr", "isr", "ratio"):
        labels = [*labels, args.age_band]
    elif args.indicator == "apc":
        labels = [*labels, args.year]
    omit = args.nan_policy == "omit"
    _check_rows(args.file, columns, lines, checks, labels, omit=omit)
    table: IndicatorTable = indicator_table(
        columns,
        args.indicator,
        by=by,
        age_band=args.age_band,
        dont_know=args.dont_know,
        standard=args.standard,
        method=args.method,
        multiplier=args.multiplier,
        confidence=args.confidence,
        min_count=args.min_count,
        min_population=args.min_population,
        nan_policy=args.nan_policy,
        **names,
    )
    if args.json:
        print(json.dumps(table.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(table)
        if table.reference is not None:
            print(f"Method: {table.reference}")
    return 0


def register(subparsers: Any) -> None:
    """Add ``dpssec prevention rates`` (and ``survey`` and ``mse``, see ``_populations_cli``)."""
    from dpssec.prevention import _populations_cli

    _populations_cli.register(subparsers)
    rates = subparsers.add_parser(
        "rates",
        help="rates, standardised rates, survey shares (SDG 16.1.3, 16.1.4) or trends per group "
        "of a long CSV table",
        description=(
            "Compute an indicator for every group of a long CSV table (one row per area, year, "
            "sex, age band...). Counts and populations are summed within each group before "
            "dividing. Grouping columns default to every column that is not a value column."
        ),
    )
    rates.add_argument("file", help="CSV file with a header row")
    rates.add_argument("--indicator", choices=INDICATORS, default="rate")
    rates.add_argument("--by", help="comma-separated grouping columns")
    rates.add_argument("--count", default="count", help="column of counts (default: count)")
    rates.add_argument("--population", default="population", help="column of populations")
    rates.add_argument("--total", default="total", help="column of survey totals (proportion)")
    rates.add_argument("--safe", default="safe", help="column of 'safe' answers (16.1.4)")
    rates.add_argument("--unsafe", default="unsafe", help="column of 'unsafe' answers (16.1.4)")
    rates.add_argument("--unknown", default="unknown", help="column of 'don't know' (16.1.4)")
    rates.add_argument(
        "--dont-know",
        choices=DONT_KNOW_TREATMENTS,
        help="required with --indicator feeling_safe_share: drop 'don't know' answers from the "
        "denominator or keep them (no official rule)",
    )
    rates.add_argument("--age-band", default="age_band", help="column of age bands (dsr, isr)")
    rates.add_argument("--year", default="year", help="column of years (apc)")
    rates.add_argument("--standard", default="esp2013", help="esp2013, who2000 or esp1976")
    rates.add_argument("--method", help="auto/exact/byar (rates), dobson/fay-feuer (dsr)")
    rates.add_argument("--multiplier", type=float, help="default 100000 (rates), 1 (shares)")
    rates.add_argument("--confidence", type=float, default=0.95)
    rates.add_argument("--min-count", type=float, help="suppress below this count (dsr: 10)")
    rates.add_argument("--min-population", type=float, default=0.0)
    rates.add_argument(
        "--nan-policy",
        choices=("raise", "omit"),
        default="raise",
        help="empty or missing cells: refuse them (raise, the default) or leave their rows out "
        "(omit, with a warning saying how many)",
    )
    rates.add_argument("--json", action="store_true", help="print machine-readable JSON")
    rates.set_defaults(handler=_rates_command)
