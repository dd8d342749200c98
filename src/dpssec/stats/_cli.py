"""Command line of dpssec.stats: the demo section and ``dpssec stats rate COUNT POPULATION``."""

from __future__ import annotations

import argparse
import json
from typing import Any

import numpy as np

from dpssec._data import read_csv_rows
from dpssec.rendering import DemoSection
from dpssec.stats.comparisons import risk_difference, risk_ratio
from dpssec.stats.hazard import nelson_aalen
from dpssec.stats.logrank import logrank_test
from dpssec.stats.rates import poisson_rate, proportion
from dpssec.stats.survival import kaplan_meier

__all__ = ["demo_sections", "register"]


def _homicide_section() -> DemoSection:
    rows = read_csv_rows("stats_homicide.csv")
    lines = [
        "Homicide rates per 100 000 with 95 % Poisson intervals (bundled stats_homicide.csv).",
        "The sources publish the count and the rate but no population; the population used is",
        "the one the published count and rate imply (victims x 100 000 / rate).",
    ]
    data: list[dict[str, Any]] = []
    for row in rows:
        victims = float(row["victims"])
        published = float(row["rate_per_100k"])
        population = victims * 100_000 / published
        rate = poisson_rate(victims, population)
        lines.append(
            f"  {row['iso3']} {row['year']}  {int(victims):>5} victims  rate {rate.value:5.1f} "
            f"({rate.lower:5.1f} to {rate.upper:5.1f}, {rate.method})  [{row['series']}]"
        )
        data.append(
            {
                "iso3": row["iso3"],
                "year": int(row["year"]),
                "victims": victims,
                "implied_population": population,
                "rate": rate.to_dict(),
                "source": row["source"],
            }
        )
    small = poisson_rate(7, 50_000)
    lines.append(
        f"  Illustrative (not real data): 7 homicides in 50 000 people: {small.value:.1f} "
        f"({small.lower:.1f} to {small.upper:.1f}, {small.method}): few events, wide interval."
    )
    return DemoSection("Stats: rates with confidence intervals", "\n".join(lines), {"rates": data})


def _survival_section() -> DemoSection:
    rows = read_csv_rows("stats_aml.csv")
    lines = [
        "Kaplan-Meier on R survival's public 'aml' dataset (Embury et al. 1977; a medical",
        "example, used because its R and lifelines outputs are published): time to relapse",
        "in weeks, maintained chemotherapy vs not.",
    ]
    data: dict[str, Any] = {}
    samples = []
    for group in ("Maintained", "Nonmaintained"):
        chosen = [r for r in rows if r["group"] == group]
        durations = np.array([float(r["time"]) for r in chosen])
        events = np.array([float(r["status"]) for r in chosen])
        samples.append((durations, events))
        curve = kaplan_meier(durations, events, ci="log")
        hazard = nelson_aalen(durations, events)
        low, high = curve.interval_at(26.0)
        lines.append(
            f"  {group:<13} n={len(chosen):>2}  S(26 weeks) = {curve.at(26.0):.3f} "
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
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(result)
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
    rate.add_argument("--json", action="store_true", help="print JSON")
    rate.set_defaults(handler=_rate_command)
