"""Mine action on the command line: ``dpssec mines rank FILE``, ``dpssec mines forecast``.

``rank`` reads hazardous areas from a table (CSV, .xlsx, .parquet) or a JSON file and prints an
explained priority list; ``forecast`` projects the completion year from a release history.
Both take ``--format table|csv|json``. The module also gives the mine-action part of
``dpssec demo``.

Tables are read by :func:`~dpssec.mines.schemas.read_areas` (the columns of
:data:`~dpssec.mines.schemas.HAZARDOUS_AREA_SCHEMA`, in English, Spanish, Portuguese or French;
``--column`` maps others); every bad cell or row is reported with its line in one
:class:`~dpssec.errors.SchemaError`. JSON files hold a list of areas (or ``{"areas": [...]}``)
in the format of :mod:`dpssec.serialization`.
"""

from __future__ import annotations

import argparse
from typing import Any

from dpssec.boundary import Size, parse_quantity
from dpssec.cli_options import add_format_option, add_input_options, emit, read_options
from dpssec.data import data_file
from dpssec.errors import InputError
from dpssec.io import read_table
from dpssec.mines import casualty_cli
from dpssec.mines.forecast import Forecast, completion_forecast
from dpssec.mines.land_release import release_summary
from dpssec.mines.prioritisation import METHODS, Prioritisation, prioritise
from dpssec.mines.sampling import (
    acceptance_probability,
    area_acceptance_probability,
    zero_acceptance_sample_size,
)
from dpssec.mines.schemas import MINE_ACTION_SCHEMA, read_areas
from dpssec.mines.scoring import (
    LIS_PRESET,
    LM_PERFORMANCE_2015,
    impact_category,
    programme_performance,
)
from dpssec.rendering import DemoSection, format_value

__all__ = ["demo_sections", "register"]


def _reasons(result: Prioritisation, row: int, limit: int = 3) -> str:
    parts = sorted(
        (
            (float(v), label)
            for v, label in zip(result.contributions[row], result.labels, strict=True)
        ),
        reverse=True,
    )
    shown = [f"{label} {format_value(v)}" for v, label in parts[:limit] if v > 0]
    return ", ".join(shown) or "-"


def _ranking_text(result: Prioritisation, top: int | None) -> str:
    rows = range(len(result) if top is None else min(top, len(result)))
    flag = "" if result.verified else "  [unverified weights or bands]"
    lines = [f"Priority list with {result.method}{flag}", f"  source: {result.reference}"]
    lines.append(f"  {'rank':>4}  {'id':<10} {'score':>8}  {'category':<13} main reasons")
    for i in rows:
        category = result.category[i] if result.category else ""
        lines.append(
            f"  {result.rank[i]:>4}  {result.ids[i]:<10} {format_value(result.score[i]):>8}  "
            f"{category:<13} {_reasons(result, i)}"
            + (
                f"; not scored: {', '.join(result.not_scored[i])}"
                if result.not_scored and result.not_scored[i]
                else ""
            )
        )
    return "\n".join(lines)


def _ranking_data(result: Prioritisation) -> dict[str, Any]:
    return {
        "method": result.method,
        "verified": result.verified,
        "reference": str(result.reference) if result.reference is not None else None,
        "areas": [
            {
                "rank": int(result.rank[i]),
                "id": result.ids[i],
                "score": float(result.score[i]),
                "category": result.category[i] if result.category else "",
                "contributions": {
                    c: float(result.contributions[i, j]) for j, c in enumerate(result.criteria)
                },
                "not_scored": list(result.not_scored[i]) if result.not_scored else [],
            }
            for i in range(len(result))
        ],
    }


def _parse_weights(text: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    for part in text.split(","):
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--weights: expected criterion=weight pairs; got {part!r}")
        try:
            weights[name.strip()] = float(value)
        except ValueError:
            raise InputError(f"--weights: {value!r} is not a number (in {part!r})") from None
    return weights


def _rank(args: argparse.Namespace) -> int:
    top = None if args.top is None else Size(lower=1).convert(args.top, "--top")
    explain = Size().convert(args.explain, "--explain")
    areas = read_areas(args.file, **read_options(args))
    if args.method is None:
        if args.weights is not None:
            raise InputError("--weights needs --method weighted_sum or topsis")
        result = prioritise(areas, LIS_PRESET)
    else:
        if args.weights is None:
            raise InputError(f"--method {args.method} needs --weights criterion=weight,...")
        try:
            result = prioritise(
                areas,
                args.method,
                weights=_parse_weights(args.weights),
                normalization=args.normalization,
                normalize_weights=args.normalize_weights,
            )
        except InputError as exc:
            # The library's hint names the Python keyword; on the command line it is a flag.
            text = str(exc)
            if "normalize_weights=True" not in text:
                raise
            raise InputError(
                text.replace("Pass normalize_weights=True", "Add --normalize-weights")
            ) from None
    text = "\n\n".join([_ranking_text(result, top), *map(result.explain, result.top(explain))])
    emit(args, result, text=text, data=_ranking_data(result))
    return 0


def _area_text(text: str, option: str) -> float:
    """An area typed on the command line: a bare number in m², or a quantity such as
    ``5 km^2`` or ``1.5 ha`` (the same reading as the area cells of a rank CSV)."""
    return parse_quantity(text, "m**2", option)


def _parse_history(text: str) -> dict[int, float]:
    history: dict[int, float] = {}
    for part in text.split(","):
        year, sep, value = part.partition(":")
        if not sep:
            raise InputError(f"--history: expected year:area pairs; got {part!r}")
        try:
            key = int(year)
        except ValueError:
            raise InputError(
                f"--history: expected year:area pairs such as 2016:37576; got {part!r}"
            ) from None
        if key in history:
            raise InputError(f"--history: year {key} appears more than once")
        history[key] = _area_text(value, "--history")
    return history


def _forecast(args: argparse.Namespace) -> int:
    forecast = completion_forecast(
        _area_text(args.remaining, "--remaining"),
        _parse_history(args.history),
        deadline=args.deadline,
        recent=args.recent,
    )
    emit(args, forecast, data=forecast.to_dict())
    return 0


def register(subparsers: Any) -> None:
    """Add ``dpssec mines rank``, ``dpssec mines forecast`` and ``dpssec mines casualties``."""
    casualty_cli.register(subparsers)
    rank = subparsers.add_parser(
        "rank",
        help="rank hazardous areas from a CSV or JSON file, with the reasons",
        description="Rank hazardous areas. Default: the LIS impact score (unverified weights, "
        "flagged as such); or --method weighted_sum|topsis with --weights.",
    )
    rank.add_argument("file", help="CSV or JSON file of hazardous areas")
    rank.add_argument("--method", choices=METHODS, help="multi-criteria method instead of LIS")
    rank.add_argument(
        "--weights",
        help="criterion=weight pairs, e.g. recent_victims=0.5,distance_to_settlement=0.5",
    )
    rank.add_argument("--normalization", help="normalisation for --method (default: the method's)")
    rank.add_argument(
        "--normalize-weights", action="store_true", help="divide the weights by their sum"
    )
    rank.add_argument("--top", type=int, default=None, help="show only the first N areas")
    rank.add_argument(
        "--explain", type=int, default=0, metavar="N", help="explain the first N areas in full"
    )
    add_input_options(rank)
    add_format_option(rank)
    rank.set_defaults(handler=_rank)

    forecast = subparsers.add_parser(
        "forecast",
        help="project the completion year from annual release, against a deadline",
    )
    forecast.add_argument(
        "--remaining",
        required=True,
        help="area left: m² as a bare number, or with a unit ('5 km^2', '1.5 ha')",
    )
    forecast.add_argument(
        "--history",
        required=True,
        help="year:area pairs (m² or with a unit), e.g. 2016:37576,2017:3.5 ha",
    )
    forecast.add_argument(
        "--deadline", help="deadline: a date (2025-12-31) or a year (2025: its 31 December)"
    )
    forecast.add_argument("--recent", type=int, default=3, help="years in the recent mean")
    add_format_option(forecast)
    forecast.set_defaults(handler=_forecast)


# -- demo -------------------------------------------------------------------------------------


def _americas() -> dict[tuple[str, str, str], str]:
    table = read_table(data_file("mines_americas.csv"), MINE_ACTION_SCHEMA)
    return {
        (iso3, year, metric): value
        for iso3, year, metric, value in zip(
            table["iso3"], table["year"], table["metric"], table["value"], strict=True
        )
    }


def ecuador_history() -> tuple[float, dict[int, float], str]:
    """Ecuador's remaining area (end 2017), a derived release history and its 2022 deadline.

    The annual release is derived as the fall of the remaining contaminated area between the
    Landmine Monitor figures for end 2013, end 2014 (CHA + SHA), end 2016 and end 2017; the
    2015-2016 fall is split evenly between the two years.
    """
    data = _americas()

    def value(year: str, metric: str) -> float:
        return float(data[("ECU", year, metric)])

    end = {
        2013: value("2013", "contamination_remaining_m2"),
        2014: value("2014", "confirmed_hazardous_area_m2")
        + value("2014", "suspected_hazardous_area_m2"),
        2016: value("2016", "contamination_remaining_m2"),
        2017: value("2017", "contamination_remaining_m2"),
    }
    history = {
        2014: end[2013] - end[2014],
        2015: (end[2014] - end[2016]) / 2,
        2016: (end[2014] - end[2016]) / 2,
        2017: end[2016] - end[2017],
    }
    return end[2017], history, data[("ECU", "2022", "article5_deadline_third_extension")]


def _demo_ranking() -> DemoSection:
    areas = read_areas(data_file("mines_hazardous_areas_synthetic.csv"))
    lis = prioritise(areas, LIS_PRESET)
    weights = {"recent_victims": 0.4, "affected_population": 0.3, "distance_to_settlement": 0.3}
    ws = prioritise(areas, "weighted_sum", weights=weights)
    text = "\n".join(
        [
            "8 SYNTHETIC hazardous areas (bundled example, not real data)",
            _ranking_text(lis, 5),
            "",
            lis.explain(lis.ids[0]),
            "",
            _ranking_text(ws, 5),
            "",
            ws.explain(ws.ids[0]),
        ]
    )
    return DemoSection(
        "Mine action: an explained priority list",
        text,
        {"lis": _ranking_data(lis), "weighted_sum": _ranking_data(ws)},
    )


def _demo_release() -> DemoSection:
    data = _americas()
    countries = ("COL", "PER", "ECU")

    def area(iso3: str, route: str) -> float:
        return float(data[(iso3, "2017", f"area_{route}_m2")])

    summary = release_summary(
        [area(c, "cancelled") for c in countries],
        [area(c, "reduced") for c in countries],
        [area(c, "cleared") for c in countries],
    )
    lines = ["Land released in 2017 (Landmine Monitor country profiles)"]
    lines.append(f"  {'':4}{'released m²':>13}{'cancelled':>11}{'reduced':>9}{'cleared':>9}")
    for i, iso3 in enumerate(countries):
        lines.append(
            f"  {iso3:4}{summary.released.magnitude[i]:>13,.0f}"
            f"{summary.share_cancelled[i]:>11.0%}{summary.share_reduced[i]:>9.0%}"
            f"{summary.share_cleared[i]:>9.0%}"
        )
    lines.append(
        "  Peru's profile summary says '0.27 km² released'; its three components add up to "
        f"{summary.released.magnitude[1]:,.0f} m²."
    )
    croatia = programme_performance([6, 7, 8, 8, 7, 7, 6, 8, 7, 6])
    lines.append(
        f"Programme performance, Croatia 2014 (Landmine Monitor): mean "
        f"{croatia.score:.1f} -> {croatia.band}"
    )
    editions = sorted(
        (year, float(value))
        for (iso3, year, metric), value in data.items()
        if iso3 == "COL" and metric == "mar_performance_score"
    )
    bands = impact_category([score for _, score in editions], LM_PERFORMANCE_2015)
    lines.append(
        "Colombia, Mine Action Review scores by Clearing the Mines edition: "
        + ", ".join(
            f"{year} {score:.1f} ({band})"
            for (year, score), band in zip(editions, bands, strict=True)
        )
    )
    return DemoSection(
        "Mine action: land release and programme performance",
        "\n".join(lines),
        {
            "countries": list(countries),
            "released_m2": summary.released.magnitude.tolist(),
            "share_cancelled": summary.share_cancelled.tolist(),
            "share_reduced": summary.share_reduced.tolist(),
            "share_cleared": summary.share_cleared.tolist(),
            "croatia_2014_performance": croatia.score,
            "colombia_mine_action_review": dict(editions),
        },
    )


def _demo_forecast() -> DemoSection:
    remaining, history, deadline = ecuador_history()
    forecast: Forecast = completion_forecast(remaining, history, deadline=deadline)
    reported_2021 = float(_americas()[("ECU", "2021", "contamination_remaining_m2")])
    text = "\n".join(
        [
            "Ecuador, Article 5 deadline 31 Dec 2022 (release history derived from the "
            "remaining-area figures of the Landmine Monitor)",
            str(forecast),
            f"  The 2022 Monitor profile still reported {reported_2021:,.0f} m² to clear.",
        ]
    )
    return DemoSection("Mine action: will the deadline be met?", text, forecast.to_dict())


def _demo_sampling() -> DemoSection:
    limiting = [0.01, 0.02, 0.05]
    sizes = [int(zero_acceptance_sample_size(p, 0.05)) for p in limiting]
    rates = [0.005, 0.01, 0.02, 0.05]
    oc = acceptance_probability(50, 0, rates)
    area = area_acceptance_probability([1, 3, 5, 10], 0.10, 0.9)
    lines = [
        "Sub-plots to inspect with zero finds allowed, consumer's risk 5 %: "
        + ", ".join(f"{p:.0%} defective -> {n}" for p, n in zip(limiting, sizes, strict=True)),
        "Chance of accepting a lot when 50 sub-plots are inspected (c = 0): "
        + ", ".join(f"{p:.1%} -> {a:.3f}" for p, a in zip(rates, oc, strict=True)),
        "Chance that re-searching 10 % of an area (detection 90 %) finds none of 1, 3, 5, 10 "
        "items left: " + ", ".join(f"{a:.3f}" for a in area),
        "QC sampling detects systematic failure of a clearance process, not single missed "
        "items: in 2010, 7.1 million m² of external re-search cost US$5.9 M and found about "
        "six mines (GICHD 2012).",
    ]
    return DemoSection(
        "Mine action: post-clearance inspection",
        "\n".join(lines),
        {
            "zero_acceptance_sample_size_beta_0.05": dict(
                zip(map(str, limiting), sizes, strict=True)
            ),
            "acceptance_probability_n50_c0": dict(
                zip(map(str, rates), [float(a) for a in oc], strict=True)
            ),
        },
    )


def demo_sections() -> list[DemoSection]:
    """The mine-action part of ``dpssec demo``."""
    sections = [_demo_ranking(), _demo_release(), _demo_sampling(), _demo_forecast()]
    return sections + casualty_cli.demo_sections()
