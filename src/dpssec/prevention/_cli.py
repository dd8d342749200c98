"""Command line and demo of dpssec.prevention: ``dpssec prevention rates FILE [--json]``.

The demo uses the bundled data: real homicide figures (``prevention_homicide.csv``, a copy of
the project's sourced table) and a labelled synthetic age-band table
(``prevention_synthetic_age_bands.csv``) for the age-standardisation example, where no public
age-specific counts were at hand.
"""

from __future__ import annotations

import argparse
import re
import warnings
from typing import Any

import numpy as np

from dpssec.boundary import ArraySpec
from dpssec.cli_options import add_format_option, add_input_options, emit, read_options
from dpssec.data import data_file, population
from dpssec.errors import DataQualityWarning, InputError
from dpssec.io import Table, numeric_schema
from dpssec.io import read_table as read_io_table
from dpssec.prevention.results import IndicatorTable
from dpssec.prevention.schemas import HOMICIDE_SCHEMA
from dpssec.prevention.sdg16 import DONT_KNOW_TREATMENTS, homicide_rate
from dpssec.prevention.table import INDICATORS, indicator_table, value_columns
from dpssec.prevention.trend import annual_percent_change
from dpssec.rendering import DemoSection

__all__ = ["demo_sections", "read_long_table", "register"]

_NUMERIC = ("count", "population", "total", "safe", "unsafe", "unknown", "year")


def _homicide() -> Table:
    table: Table = read_io_table(data_file("prevention_homicide.csv"), HOMICIDE_SCHEMA)
    return table


def _rates_with_intervals() -> DemoSection:
    table = _homicide()
    counted = np.flatnonzero(~np.isnan(table["victims"]))
    latest: dict[str, int] = {}
    for i in counted.tolist():
        iso3 = str(table["iso3"][i])
        if iso3 not in latest or table["year"][i] > table["year"][latest[iso3]]:
            latest[iso3] = i
    rows = [latest[k] for k in sorted(latest)]
    victims = table["victims"][rows]
    years = table["year"][rows].astype(int)
    codes = table["iso3"][rows].tolist()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)  # small states: said below
        populations = population(codes, years.tolist())
    labels = [f"{c} {y}" for c, y in zip(codes, years, strict=True)]
    rate = homicide_rate(victims, populations)
    published = table["rate_per_100k"][rows]
    lines = [
        "SDG 16.1.1 victims of intentional homicide per 100,000, 95 % interval (PHE exact/Byar).",
        "Population: UN World Population Prospects 2022, same year (dpssec.data.population).",
        f"  {'state, year':<12} {'victims':>8} {'rate':>7}  95 % interval   published  series",
    ]
    data = []
    for k, i in enumerate(rows):
        lines.append(
            f"  {labels[k]:<12} {victims[k]:>8.0f} {rate.value[k]:>7.1f}  "
            f"{rate.lower[k]:>6.1f} - {rate.upper[k]:<6.1f} {published[k]:>8.1f}   "
            f"{table['series'][i]}"
        )
        data.append(
            {
                "iso3": codes[k],
                "year": int(years[k]),
                "victims": float(victims[k]),
                "population": float(populations[k]),
                "rate": float(rate.value[k]),
                "lower": float(rate.lower[k]),
                "upper": float(rate.upper[k]),
                "published_rate": float(published[k]),
                "series": table["series"][i],
                "source": table["source"][i],
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
    return read_long_table(data_file("prevention_synthetic_age_bands.csv"), ("count", "population"))


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
    table = _homicide()
    chosen = (table["iso3"] == "HND") & (table["series"] == "UNODC_GSH2013")
    years = table["year"][chosen].astype(int)
    rates = table["rate_per_100k"][chosen]
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


def read_long_table(
    path: Any, numeric: tuple[str, ...] = _NUMERIC, **options: Any
) -> dict[str, np.ndarray]:
    """Read a long table into columns; ``numeric`` columns become floats (empty -> NaN).

    The file goes through :func:`dpssec.io.read_table` (CSV in any usual encoding and dialect,
    .xlsx, .parquet); the other columns are kept as text (the grouping columns).

    Raises
    ------
    InputError
        A missing, empty or unreadable file.
    SchemaError
        A value that is not a number in a numeric column (naming the line and column).
    """
    return _read_rows(path, numeric, options)[0]


def _read_rows(
    path: Any, numeric: tuple[str, ...], options: dict[str, Any] | None = None
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The columns of a long table (numbers read by the shared rule) and each row's line."""
    table = read_io_table(path, numeric_schema("long table", numeric), **(options or {}))
    columns = {
        name: values
        if values.dtype.kind == "f"
        else np.array(["" if v is None else v for v in values], dtype=object)
        for name, values in table.as_columns().items()
    }
    return columns, np.asarray(table.lines, dtype=np.intp)


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
    columns, lines = _read_rows(args.file, tuple(names.values()), read_options(args))
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
    text = table.to_text(max_rows=None)
    if table.reference is not None:
        text += f"\nMethod: {table.reference}"
    emit(args, table, text=text, data=table.to_dict())
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
    rates.add_argument("file", help="table (CSV, .xlsx, .parquet) with a header row")
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
    add_input_options(rates)
    add_format_option(rates)
    rates.set_defaults(handler=_rates_command)
