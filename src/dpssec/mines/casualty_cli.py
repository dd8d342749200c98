"""``dpssec mines casualties FILE`` and the casualty / victim / EORE part of ``dpssec demo``.

The command reads either casualty **records** (one row per casualty, see
:func:`~dpssec.mines.casualty_readers.read_casualties`) or, when the file lacks the record
columns, a published casualty **table** (one row per year or area with ``killed``,
``injured``...; see :func:`~dpssec.mines.casualty_readers.read_casualty_table`), as CSV, Excel,
Parquet or JSON (records), and prints totals, the civilian and
child shares over known status with the unknown counts beside them, and the findings (a
published total that is not killed + injured + unknown is reported, never corrected).
``--by`` groups records (``year`` by default; ``none`` for one line); ``--json`` prints data.

The demo uses the real Landmine Monitor figures bundled in
``dpssec/data/mines_casualties_americas.csv`` (copied from the shared mine-action table with
their sources, plus an ``edition`` column: the year of the edition or update each figure comes
from, read from its source) and the SYNTHETIC records of ``mines_casualties_synthetic.csv``,
``mines_victims_synthetic.json`` and ``mines_eore_sessions_synthetic.csv``.
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from dpssec.cli_options import add_format_option, add_input_options, emit, read_options
from dpssec.data import data_file, population
from dpssec.errors import DataQualityWarning, InputError
from dpssec.io import read_table
from dpssec.mines.article7 import article7_summary
from dpssec.mines.casualties import GROUPINGS, casualty_summary
from dpssec.mines.casualty_counts import CHILD_BASES, CasualtySummary, summarise_casualty_counts
from dpssec.mines.casualty_rates import casualty_rate, casualty_trend, revised_series
from dpssec.mines.casualty_readers import (
    read_casualties,
    read_casualty_table,
    read_sessions,
    read_victims,
)
from dpssec.mines.eore import (
    casualty_groups,
    casualty_rate_change,
    eore_coverage,
    people_reached,
    reach_by_group,
)
from dpssec.mines.schemas import MINE_ACTION_SCHEMA
from dpssec.mines.victim_assistance import (
    assistance_coverage,
    time_to_assistance,
    unmet_needs,
)
from dpssec.rendering import DemoSection

__all__ = ["casualty_text", "demo_sections", "register"]


def _pct(value: Any) -> str:
    number = float(value)
    return "   -" if np.isnan(number) else f"{100 * number:5.1f}%"


def _limits(estimate: Any, i: int) -> str:
    lower, upper = np.ravel(estimate.lower)[i], np.ravel(estimate.upper)[i]
    if np.isnan(lower):
        return ""
    return f"({100 * lower:.0f}-{100 * upper:.0f})"


def casualty_text(summary: CasualtySummary, title: str = "Casualties") -> str:
    """A casualty summary as a text table: totals, shares over known status, unknown counts.

    Examples
    --------
    >>> from dpssec.mines.casualty_cli import casualty_text
    >>> from dpssec.mines.casualty_counts import summarise_casualty_counts
    >>> print(casualty_text(summarise_casualty_counts(7, 49, civilian=40, military=16,
    ...                                               labels=["2017"])))
    Casualties
      group     total  killed  injured  unknown   civilian (95% CI)    status unknown
      2017         56       7       49        0   71.4% (59-82)                     -
    """

    total = np.atleast_1d(np.asarray(summary.total, dtype=float))

    def column(value: Any) -> np.ndarray:
        return np.broadcast_to(np.asarray(value, dtype=float), total.shape)

    labels = [str(g) for g in summary._columns().get("group", [])] or [
        "all" for _ in range(total.size)
    ]
    civ, child = summary.civilian_share, summary.child_share
    level = f"{summary.confidence:.0%}"
    width = max(8, *(len(label) + 2 for label in labels))
    reported = summary.reported_total
    head = f"  {'group':<{width}}{'total':>7}" + ("" if reported is None else f"{'published':>10}")
    head += f"{'killed':>8}{'injured':>9}{'unknown':>9}"
    if civ is not None:
        head += f"   {'civilian (' + level + ' CI)':<19}{'status unknown':>15}"
    if child is not None:
        head += f"   {'child (' + level + ' CI)':<19}{'age unknown':>12}"
    lines = [title, head]
    parts = [column(summary.killed), column(summary.injured), column(summary.unknown_outcome)]
    for i, label in enumerate(labels):
        line = f"  {label:<{width}}{total[i]:>7,.0f}"
        if reported is not None:
            line += f"{column(reported)[i]:>10,.0f}"
        line += "".join(f"{p[i]:>{w},.0f}" for p, w in zip(parts, (8, 9, 9), strict=True))
        if civ is not None:
            unknown = summary.unknown_status
            shown = "-" if unknown is None else f"{column(unknown)[i]:,.0f}"
            line += f"   {_pct(np.ravel(civ.value)[i])} {_limits(civ, i):<12}{shown:>15}"
        if child is not None:
            unknown_age = summary.unknown_age
            shown = "-" if unknown_age is None else f"{column(unknown_age)[i]:,.0f}"
            line += f"   {_pct(np.ravel(child.value)[i])} {_limits(child, i):<12}{shown:>12}"
        lines.append(line)
    if child is not None:
        lines.append(
            f"  child share among {summary.child_base} casualties of known age"
            + (f"; {summary.child_rule}" if summary.child_rule is not None else "")
        )
    lines += [f"  {f}" for f in summary.findings]
    return "\n".join(lines)


def _read(path: Path, options: dict[str, Any]) -> tuple[Any, Any]:
    """Records (accidents, casualties), or else a published table (its columns)."""
    try:
        return read_casualties(path, **options), None
    except InputError as records_error:
        if "missing column" not in str(records_error):
            raise
        try:
            return None, read_casualty_table(path, **options)
        except InputError as table_error:
            if "missing column" not in str(table_error):
                raise  # the file is a published table with a problem of its own: say that one
            raise InputError(
                f"{path.name} is neither casualty records nor a published casualty table. As "
                f"records: {records_error} As a table: {table_error}"
            ) from None


def _casualties(args: argparse.Namespace) -> int:
    path = Path(args.file)
    records_read, columns = _read(path, read_options(args))
    if columns is not None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DataQualityWarning)
            summary = summarise_casualty_counts(
                **columns, child_base=args.child_base, nan_policy="propagate"
            )
        notes = [str(w.message) for w in caught]
        title = f"Casualty table {path.name}"
    else:
        accidents, records = records_read
        by = None if args.by in (None, "none") else args.by.split(",")
        summary = casualty_summary(records, by=by, accidents=accidents, child_base=args.child_base)
        notes = []
        title = f"{len(records)} casualty records in {path.name}" + (
            f", by {', '.join(summary.by)}" if summary.by else ""
        )
    lines = [casualty_text(summary, title), *(f"  note: {note}" for note in notes)]
    if not summary.verified:
        lines.append("  [the child age cut is an unverified preset]")
    data = summary.to_dict()
    data["notes"] = notes
    emit(args, summary, text="\n".join(lines), data=data)
    return 0


def register(subparsers: Any) -> None:
    """Add ``dpssec mines casualties``."""
    command = subparsers.add_parser(
        "casualties",
        help="casualty totals and shares over known status from records or a published table",
        description="Summarise casualty records (one row per casualty) or a published table "
        "(columns killed, injured, ...): totals, civilian and child shares over known status "
        "with the unknown counts, and findings where published totals do not add up.",
    )
    command.add_argument("file", help="CSV or JSON file of casualty records, or a CSV table")
    command.add_argument(
        "--by",
        default="year",
        help=f"group records by one or more of {', '.join(GROUPINGS)} (comma-separated), or "
        "'none' (default: year)",
    )
    command.add_argument(
        "--child-base",
        choices=CHILD_BASES,
        default="civilian",
        help="child share among civilian casualties of known age (the Monitor's) or all",
    )
    add_input_options(command)
    add_format_option(command)
    command.set_defaults(handler=_casualties)


# -- demo -------------------------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, Any]]:
    """The rows of a bundled mine-action table (figures as published, as text)."""
    table = read_table(data_file(name), MINE_ACTION_SCHEMA)
    return [
        {**row, "year": str(row["year"]), "edition": _year_text(row.get("edition"))}
        for row in table.rows()
    ]


def _year_text(value: Any) -> str:
    return "" if value is None or value != value else f"{value:g}"


def _americas() -> list[dict[str, Any]]:
    return _rows("mines_casualties_americas.csv")


def _colombia() -> DemoSection:

    rows = [r for r in _americas() if r["iso3"] == "COL" and r["year"].isdigit()]
    totals = [r for r in rows if r["metric"] == "casualties_total"]
    series = revised_series(
        [int(r["year"]) for r in totals],
        [int(r["value"]) for r in totals],
        [int(r["edition"]) for r in totals],
        source=[r["source"].split(" http")[0] for r in totals],
    )
    lines = [
        "Colombia: mine/ERW casualties by year, latest Landmine Monitor edition (real figures)"
    ]
    lines += [f"  {f}" for f in series.findings]
    # killed + injured against the published total, edition by edition
    by_key: dict[tuple[str, str], dict[str, int]] = {}
    for r in rows:
        by_key.setdefault((r["year"], r["edition"]), {})[r["metric"]] = int(r["value"])
    checked = [
        (key, parts)
        for key, parts in sorted(by_key.items())
        if {"casualties_total", "casualties_killed", "casualties_injured"} <= set(parts)
    ]
    identity = summarise_casualty_counts(
        [p["casualties_killed"] for _, p in checked],
        [p["casualties_injured"] for _, p in checked],
        reported_total=[p["casualties_total"] for _, p in checked],
        labels=[f"{y} (ed. {e})" for (y, e), _ in checked],
    )
    lines.append(
        f"  killed + injured = published total in {len(checked)} of {len(checked)} year-editions"
        if not identity.findings
        else "  identity breaks:"
    )
    lines += [f"  {f}" for f in identity.findings]
    span = (series.year >= 2005) & (series.year <= 2016)
    years = series.year[span]
    counts = series.value[span]
    people = population("COL", years)
    rates = casualty_rate(counts, people)
    lines.append(f"  {'year':<6}{'casualties':>11}{'edition':>9}{'per 100,000 (exact 95% CI)':>32}")
    for i, year in enumerate(years):
        lines.append(
            f"  {year:<6}{counts[i]:>11,}{series.edition[span][i]:>9}"
            f"{rates.value[i]:>14.2f} ({rates.lower[i]:.2f}-{rates.upper[i]:.2f})"
        )
    trend = casualty_trend(years, counts, population=people)
    lines.append(f"  {trend}")
    latest = {r["metric"]: int(r["value"]) for r in rows if r["year"] == "2017"}
    col_2017 = summarise_casualty_counts(
        latest["casualties_killed"],
        latest["casualties_injured"],
        reported_total=latest["casualties_total"],
        civilian=latest["casualties_civilian"],
        military=latest["casualties_military"],
        labels=["2017"],
    )
    lines.append(casualty_text(col_2017, "  Colombia 2017 (Landmine Monitor 2018 profile)"))
    lines.append(
        "  Population: UN World Population Prospects 2022. The 2018 figure (180, CCCM, "
        "published before the year ended) is provisional and left out of the trend; the "
        "cumulative total fell from 11,470 (1990-2016) to 11,048 (1990-2017) after a data "
        "revision: revisions go both ways."
    )
    nic = {r["metric"]: int(r["value"]) for r in _americas() if r["iso3"] == "NIC"}
    nicaragua = summarise_casualty_counts(
        nic["civilian_casualties_killed"] + nic["deminer_casualties_killed"],
        nic["civilian_casualties_injured"] + nic["deminer_casualties_injured"],
        civilian=nic["civilian_casualties_killed"] + nic["civilian_casualties_injured"],
        military=0,
        deminer=nic["deminer_casualties_killed"] + nic["deminer_casualties_injured"],
        labels=["NIC"],
    )
    lines.append(
        casualty_text(
            nicaragua,
            "  Nicaragua, all casualties to completion in 2010 (AFP 2010; soldiers injured or "
            "killed in demining counted as deminers)",
        )
    )
    return DemoSection(
        "Mine action: casualties in the Americas (Landmine Monitor)",
        "\n".join(lines),
        {
            "colombia_series": series.to_dict(),
            "colombia_rates_per_100k": rates.value.tolist(),
            "colombia_apc_percent": trend.apc.value,
            "colombia_2017": col_2017.to_dict(),
            "nicaragua": nicaragua.to_dict(),
        },
    )


# SYNTHETIC figures for the demo: department populations and the at-risk population of the
# communities risk education targets (invented).
_DEPARTMENT_POPULATION = {
    "Alto Río": 450_000,
    "Costa": 300_000,
    "Llanura": 1_200_000,
    "Sierra": 800_000,
}
_AT_RISK = {"Operator A": 6_000, "Operator B": 4_000}
_BEFORE_AFTER: dict[
    str, Any
] = {  # per community: casualties and person-years before and after EORE reached it
    "casualties_before": [6, 4, 3, 5, 2],
    "exposure_before": [24_000, 15_000, 12_000, 20_000, 9_000],
    "casualties_after": [2, 1, 2, 1, 1],
    "exposure_after": [25_000, 15_500, 12_500, 21_000, 9_500],
}


def _synthetic() -> DemoSection:
    accidents, records = read_casualties(str(data_file("mines_casualties_synthetic.csv")))
    victims = read_victims(str(data_file("mines_victims_synthetic.json")))
    sessions = read_sessions(str(data_file("mines_eore_sessions_synthetic.csv")))
    by_department = casualty_summary(records, by="department")
    departments = list(by_department.groups or ())
    rates = casualty_rate(by_department.total, [_DEPARTMENT_POPULATION[d] for d in departments])
    lines = [
        f"SYNTHETIC records (invented, not real data): {len(records)} casualties in "
        f"{len(accidents)} accidents, {len(victims)} victims, {len(sessions)} risk-education "
        "sessions, 2019-2023",
        casualty_text(by_department, "Casualties by department"),
        "  per 100,000 over 2019-2023 (exact 95% CI): "
        + ", ".join(
            f"{d} {v:.1f} ({lo:.1f}-{hi:.1f})"
            for d, v, lo, hi in zip(departments, rates.value, rates.lower, rates.upper, strict=True)
        ),
    ]
    delay = time_to_assistance(victims, reference_date="2023-12-31")
    rehab = time_to_assistance(victims, reference_date="2023-12-31", kind="physical_rehabilitation")
    coverage = assistance_coverage(victims, among="in_need")
    lines.append("Victim assistance (coverage among victims with the need identified)")
    lines += [
        f"  {kind:<26}{got:>4} of {n:<4}{_pct(v)} {_limits(coverage.coverage, i)}"
        for i, (kind, got, n, v) in enumerate(
            zip(
                coverage.kind,
                coverage.received,
                coverage.victims,
                coverage.coverage.value,
                strict=True,
            )
        )
    ]
    lines.append(f"  {delay}")
    median = rehab.median_days
    lines.append(
        "  Physical rehabilitation: "
        + (
            f"median {median:g} days after the accident"
            if median is not None
            else "median not reached"
        )
        + f"; {100 * float(rehab.assisted_within(365)):.0f} % within a year"
    )
    needs = unmet_needs(victims)
    worst = int(np.nanargmax(needs.unmet_share.value))
    lines.append(
        f"  Highest unmet need: {needs.kind[worst].replace('_', ' ')} in {needs.group[worst]} "
        f"({needs.unmet[worst]} of {needs.in_need[worst]} victims)"
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataQualityWarning)
        reach = people_reached(sessions, by="organisation")
    lines.append("Risk education, people reached by organisation (never unique + attendances)")
    for i, group in enumerate(reach.group):
        extra = (
            ""
            if reach.basis[i].startswith("attendances")
            else (f"; {reach.attendances[i]:,} attendances")
        )
        lines.append(f"  {group:<12}{reach.reached[i]:>6,} {reach.basis[i]}{extra}")
    lines += [f"  warning: {w.message}" for w in caught]
    tracked = [i for i, g in enumerate(reach.group) if reach.basis[i] == "unique persons"]
    cover = eore_coverage(
        [reach.reached[i] for i in tracked], [_AT_RISK[reach.group[i]] for i in tracked]
    )
    lines.append(
        "  Coverage of the at-risk population (synthetic): "
        + ", ".join(f"{reach.group[i]} {_pct(cover.value[k])}" for k, i in enumerate(tracked))
    )
    profile = reach_by_group(
        reach.reached_by_group[tracked, :4].sum(axis=0), casualty_groups(records)[:4]
    )
    lines.append(
        "  Reach share / casualty share: "
        + ", ".join(
            f"{g} {r:.2f}" for g, r in zip(profile.groups, profile.ratio_to_casualties, strict=True)
        )
        + f" ({profile.test_casualties.name}: p = {profile.test_casualties.p_value:.2g})"
    )
    change = casualty_rate_change(**_BEFORE_AFTER)
    lines.append("  " + str(change).replace("\n", "\n  "))
    return DemoSection(
        "Mine action: casualties, victims and risk education (synthetic records)",
        "\n".join(lines),
        {
            "casualties_by_department": by_department.to_dict(),
            "median_days_to_first_assistance": delay.median_days,
            "people_reached": reach.reached.tolist(),
            "reach_basis": list(reach.basis),
            "ratio_to_casualties": profile.ratio_to_casualties.tolist(),
            "rate_ratio_after_before": change.rate_ratio.value,
        },
    )


def _article7() -> DemoSection:
    rows = [r for r in _americas() if r["iso3"] == "COL" and r["year"] == "2017"]
    value = {r["metric"]: int(r["value"]) for r in rows}
    release = {
        r["metric"]: float(r["value"])
        for r in _rows("mines_americas.csv")
        if r["iso3"] == "COL" and r["year"] == "2017" and r["metric"].startswith("area_")
    }
    counts = summarise_casualty_counts(
        value["casualties_killed"],
        value["casualties_injured"],
        reported_total=value["casualties_total"],
        civilian=value["casualties_civilian"],
        military=value["casualties_military"],
    )
    report = article7_summary(
        "COL",
        2017,
        cancelled=release["area_cancelled_m2"],
        reduced=release["area_reduced_m2"],
        cleared=release["area_cleared_m2"],
        casualty_counts=counts,
    )
    text = (
        "Real figures (Landmine Monitor profiles 2018-2019); risk education and victim "
        "assistance have no figures in the bundled data, so they read 'not reported'\n"
        + str(report)
    )
    return DemoSection(
        "Mine action: an Article 7-style summary, Colombia 2017", text, report.to_dict()
    )


def demo_sections() -> list[DemoSection]:
    """The casualty, victim-assistance, EORE and Article 7 part of ``dpssec demo``."""
    return [_colombia(), _synthetic(), _article7()]
