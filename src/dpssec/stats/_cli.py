"""Command line of dpssec.stats: the demo section and ``dpssec stats rate COUNT POPULATION``."""

from __future__ import annotations

import argparse
import warnings
from typing import Any

from dpssec.cli_options import add_format_option, emit
from dpssec.data import data_file, population
from dpssec.errors import DataQualityWarning
from dpssec.io import read_table
from dpssec.rendering import DemoSection
from dpssec.stats.comparisons import risk_difference, risk_ratio
from dpssec.stats.hazard import nelson_aalen
from dpssec.stats.logrank import logrank_test
from dpssec.stats.rates import poisson_rate, proportion
from dpssec.stats.schemas import EVENT_COUNTS_SCHEMA, SURVIVAL_SCHEMA
from dpssec.stats.survival import kaplan_meier

__all__ = ["demo_sections", "register"]


def _homicide_section() -> DemoSection:
    table = read_table(data_file("stats_homicide.csv"), EVENT_COUNTS_SCHEMA)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)  # Belize: said in the text
        populations = population(table["iso3"].tolist(), table["year"].astype(int).tolist())
    rates = poisson_rate(table["victims"], populations)
    lines = [
        "Homicide rates per 100 000 with 95 % Poisson intervals (bundled stats_homicide.csv),",
        "from the published counts and the UN World Population Prospects 2022 population of",
        "the same year (dpssec.data.population; rounded to thousands, coarse for small states):",
    ]
    data: list[dict[str, Any]] = []
    for i in range(len(table)):
        iso3, year, victims = str(table["iso3"][i]), int(table["year"][i]), table["victims"][i]
        published = table["rate_per_100k"][i]
        lines.append(
            f"  {iso3} {year}  {int(victims):>5} victims  rate {rates.value[i]:5.1f} "
            f"({rates.lower[i]:5.1f} to {rates.upper[i]:5.1f}, {rates.method})  published "
            f"{published:g}  [{table['series'][i]}]"
        )
        data.append(
            {
                "iso3": iso3,
                "year": year,
                "victims": float(victims),
                "population": float(populations[i]),
                "rate": float(rates.value[i]),
                "lower": float(rates.lower[i]),
                "upper": float(rates.upper[i]),
                "published_rate": float(published),
                "source": table["source"][i],
            }
        )
    small = poisson_rate(7, 50_000)
    lines.append(
        f"  Illustrative (not real data): 7 homicides in 50 000 people: {small.value:.1f} "
        f"({small.lower:.1f} to {small.upper:.1f}, {small.method}): few events, wide interval."
    )
    return DemoSection("Stats: rates with confidence intervals", "\n".join(lines), {"rates": data})


def _survival_section() -> DemoSection:
    aml = read_table(data_file("stats_aml.csv"), SURVIVAL_SCHEMA)
    lines = [
        "Kaplan-Meier on R survival's public 'aml' dataset (Embury et al. 1977; a medical",
        "example, used because its R and lifelines outputs are published): time to relapse",
        "in weeks, maintained chemotherapy vs not.",
    ]
    data: dict[str, Any] = {}
    samples = []
    for group in ("Maintained", "Nonmaintained"):
        chosen = aml["group"] == group
        durations, events = aml["duration"][chosen], aml["event"][chosen]
        samples.append((durations, events))
        curve = kaplan_meier(durations, events, ci="log")
        hazard = nelson_aalen(durations, events)
        low, high = curve.interval_at(26.0)
        lines.append(
            f"  {group:<13} n={int(chosen.sum()):>2}  S(26 weeks) = {curve.at(26.0):.3f} "
            f"(95 % log CI {low:.3f} to {high:.3f})  median {curve.median():g} weeks  "
            f"Nelson-Aalen H(26) = {hazard.at(26.0):.3f}"
        )
        data[group] = {
            "time": curve.time.tolist(),
            "survival": curve.survival.tolist(),
            "median": curve.median(),
            "cumulative_hazard_26": hazard.at(26.0),
        }
    test = logrank_test(*samples[0], *samples[1])
    lines.append(
        f"  Log-rank test, maintained vs not: chi-square {test.statistic:.3f} (1 df), "
        f"p = {test.p_value:.4f} (R survdiff: 3.4, p = 0.0653)"
    )
    data["logrank"] = {"statistic": test.statistic, "p_value": test.p_value}
    lines.append("  (ci='log' is R survival's default; lifelines uses 'log-log', also offered.)")
    return DemoSection(
        "Stats: Kaplan-Meier, Nelson-Aalen and the log-rank test", "\n".join(lines), data
    )


def _proportion_section() -> DemoSection:
    # Textbook two-group data (7/34 vs 1/34) tabulated by Fagerland et al. and in the
    # statsmodels tests; illustrative, not public-security data.
    share = proportion(7, 34, multiplier=100)
    difference = risk_difference(7, 34, 1, 34)
    ratio = risk_ratio(7, 34, 1, 34)
    lines = [
        "Proportions and two-group comparisons on textbook data (7 of 34 vs 1 of 34; the",
        "example of Fagerland et al. and of statsmodels' tests, not public-security data):",
        f"  proportion 7/34 = {share.value:.1f} % (95 % {share.method} CI {share.lower:.1f} "
        f"to {share.upper:.1f})",
        f"  risk difference {difference.value:+.3f} (95 % {difference.method} CI "
        f"{difference.lower:+.3f} to {difference.upper:+.3f})",
        f"  risk ratio {ratio.value:.2f} (95 % {ratio.method} CI {ratio.lower:.2f} to "
        f"{ratio.upper:.2f}): one event in the second group, so a wide interval",
    ]
    data = {
        "proportion": share.to_dict(),
        "risk_difference": difference.to_dict(),
        "risk_ratio": ratio.to_dict(),
    }
    return DemoSection("Stats: proportions, risk difference and risk ratio", "\n".join(lines), data)


def demo_sections() -> list[DemoSection]:
    """The stats part of ``dpssec demo``."""
    return [_homicide_section(), _proportion_section(), _survival_section()]


def _rate_command(args: argparse.Namespace) -> int:
    result = poisson_rate(
        args.count,
        args.population,
        multiplier=args.multiplier,
        confidence=args.confidence,
        method=args.method,
    )
    emit(args, result)
    return 0


def register(subparsers: Any) -> None:
    """Add ``dpssec stats rate``."""
    rate = subparsers.add_parser(
        "rate",
        help="rate per 100 000 with a Poisson confidence interval",
        description="Rate of COUNT events in POPULATION with an exact or Byar interval.",
    )
    rate.add_argument("count", type=float, help="number of events")
    rate.add_argument("population", type=float, help="population or person-time at risk")
    rate.add_argument("--multiplier", type=float, default=100_000, help="rate per (100000)")
    rate.add_argument("--confidence", type=float, default=0.95, help="0.95 or 95 (0.95)")
    rate.add_argument(
        "--method", choices=("auto", "exact", "byar"), default="auto", help="interval (auto)"
    )
    add_format_option(rate)
    rate.set_defaults(handler=_rate_command)
