"""Command line and demo of dpssec.evaluation: ``dpssec evaluate its FILE --intervention DATE``.

The demo uses real published data bundled with dpssec: the Sicily acute coronary events
around the 2005 smoking ban (Lopez Bernal et al. 2017), the homicide rate of Colombia (UNODC)
and the Rossi recidivism experiment (Rossi, Berk and Lenihan 1980); the training example is
labelled synthetic.
"""

from __future__ import annotations

import argparse
import warnings
from typing import Any, cast

from dpssec.cli_options import add_format_option, add_input_options, emit, read_options
from dpssec.errors import DataQualityWarning
from dpssec.evaluation.adjusted import adjusted_comparison
from dpssec.evaluation.examples import (
    ROSSI_SOURCE,
    SICILY_SOURCE,
    homicide_rates,
    rossi,
    sicily_series,
)
from dpssec.evaluation.hazards import proportional_hazards
from dpssec.evaluation.its import AUTOCORRELATION, interrupted_time_series
from dpssec.evaluation.joinpoint_results import JoinpointResult
from dpssec.evaluation.joinpoint_trend import joinpoint
from dpssec.evaluation.kirkpatrick import KirkpatrickEvaluation
from dpssec.evaluation.regression import FAMILIES
from dpssec.evaluation.schemas import read_series, time_value
from dpssec.evaluation.training import training_gain
from dpssec.evaluation.training_rates import pass_fail_change
from dpssec.rendering import DemoSection
from dpssec.stats import proportion

__all__ = ["demo_sections", "register"]


def _its_section() -> DemoSection:
    s = sicily_series()
    rate = s["aces"] / s["stdpop"] * 100_000
    before, after = rate[s["smokban"] == 0].mean(), rate[s["smokban"] == 1].mean()
    its = interrupted_time_series(
        s["aces"],
        s["date"],
        "2005-01-01",
        population=s["stdpop"],
        seasonality=2,
        slope_change=False,
    )
    lc = its.level_change
    lines = [
        "Sicily, monthly acute coronary events 2002-2006 and the smoking ban of January 2005",
        f"(real published data: {SICILY_SOURCE}).",
        f"  Crude means per 100,000 (age-standardised): {before:.1f} before, {after:.1f} after "
        "- the rising trend hides the drop.",
        f"  Segmented quasi-Poisson regression, 2 seasonal Fourier pairs (the tutorial's model 3): "
        f"level change rate ratio {lc.value:.3f} (95 % CI {lc.lower:.3f} to {lc.upper:.3f}), "
        f"dispersion {its.dispersion:.2f}, Durbin-Watson {its.durbin_watson:.2f}.",
        f"  Pre-ban trend: x{its.pre_trend.value**12:.3f} per year.",
        "  The design cannot rule out another change in January 2005; a control series would.",
    ]
    return DemoSection(
        "Evaluation: interrupted time series (real published series)",
        "\n".join(lines),
        {
            "crude_before": before,
            "crude_after": after,
            "level_change": lc.value,
            "lower": lc.lower,
            "upper": lc.upper,
            "dispersion": its.dispersion,
            "source": SICILY_SOURCE,
        },
    )


def _joinpoint_section() -> DemoSection:
    years, rates, source = homicide_rates("COL")
    single = cast(JoinpointResult, joinpoint(years, rates, n_joinpoints=0))
    trend = cast(JoinpointResult, joinpoint(years, rates, permutations=999))
    lines = [
        f"Colombia, intentional homicides per 100,000, {years[0]:g}-{years[-1]:g} ({source}).",
        f"  One log-linear trend (SEER APC): {single.segments[0].estimate.value:+.2f} % per year.",
        f"  Joinpoint (up to 3 joinpoints, permutation tests, 999 permutations): "
        f"{trend.n_joinpoints} joinpoint(s) at {', '.join(f'{j:g}' for j in trend.joinpoints)}.",
    ]
    for seg in trend.segments:
        e = seg.estimate
        lines.append(
            f"    {seg.start:g}-{seg.end:g}: APC {e.value:+.2f} % (95 % CI {e.lower:+.2f} to "
            f"{e.upper:+.2f})"
        )
    full = trend.aapc()
    lines.append(f"  AAPC over the whole series: {full.value:+.2f} % per year.")
    return DemoSection(
        "Evaluation: joinpoint trend of homicide (real figures)",
        "\n".join(lines),
        {
            "joinpoints": trend.joinpoints.tolist(),
            "apc": [s.estimate.value for s in trend.segments],
            "aapc": full.value,
            "single_apc": single.segments[0].estimate.value,
            "source": source,
        },
    )


def _rossi_section() -> DemoSection:
    data = rossi()
    names = ("age", "prio", "wexp", "mar", "paro", "race")
    covariates = {k: data[k] for k in names}
    cox = proportional_hazards(data["week"], data["arrest"], {"fin": data["fin"], **covariates})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        adjusted = adjusted_comparison(
            data["week"] * 7,
            data["arrest"],
            data["fin"],
            covariates,
            follow_up=52 * 7,
            bootstrap=100,
        )
    hr = cox.hazard_ratios["fin"]
    flagged = [k for k, t in cox.proportional_hazards_tests.items() if t.p_value < 0.05]
    d = adjusted.adjusted_difference
    lines = [
        f"Rossi recidivism experiment: 432 men released in Maryland ({ROSSI_SOURCE}).",
        f"  Cox model: hazard ratio of re-arrest with financial aid {hr.value:.3f} (95 % CI "
        f"{hr.lower:.3f} to {hr.upper:.3f}), adjusted for {', '.join(names)}.",
        "  Proportional hazards rejected for: " + (", ".join(flagged) or "none") + ".",
        f"  Re-arrest within 52 weeks, weighted (IPW) for the same covariates: aid "
        f"{100 * adjusted.programme:.1f} %, no aid {100 * adjusted.comparison:.1f} %; difference "
        f"{100 * d.value:+.1f} points (95 % bootstrap CI {100 * d.lower:+.1f} to "
        f"{100 * d.upper:+.1f}); crude {100 * adjusted.crude_difference.value:+.1f} points.",
        "  Aid was randomised, so weighting changes little: the two agree, as they should.",
    ]
    return DemoSection(
        "Evaluation: recidivism, Cox model and weighted comparison (real study data)",
        "\n".join(lines),
        {
            "hazard_ratio_fin": hr.value,
            "lower": hr.lower,
            "upper": hr.upper,
            "adjusted_difference": d.value,
            "crude_difference": adjusted.crude_difference.value,
            "source": ROSSI_SOURCE,
        },
    )


def _training_section() -> DemoSection:
    pre = [52, 61, 47, 70, 58, 49, 66, 55, 63, 45, 59, 68]
    post = [66, 70, 59, 79, 71, 57, 73, 62, 75, 60, 64, 80]
    gain = training_gain(pre, post)
    passed = pass_fail_change([p >= 60 for p in pre], [p >= 60 for p in post])
    report = KirkpatrickEvaluation(
        programme="Investigation-skills course (SYNTHETIC example)",
        reaction=proportion(11, 12),
        learning=gain,
        behaviour=proportion(7, 12),
        notes="reaction: rated the course useful; behaviour: applied the interview protocol at "
        "the three-month follow-up (supervisor check)",
    )
    lines = [
        "SYNTHETIC training course (invented scores, for illustration): 12 officers, pre/post test.",
        "  " + gain.statement.split(" What this")[0],
        f"  Pass mark 60: {passed.table[1, 0]:.0f} moved from fail to pass, "
        f"{passed.table[0, 1]:.0f} from pass to fail; McNemar p = {passed.mcnemar.p_value:.3g}.",
        f"  Kirkpatrick: reaction {100 * report.reaction.value:.0f} % found it useful; behaviour "
        f"{100 * report.behaviour.value:.0f} % applied it at three months.",
        "  " + report.statement,
    ]
    return DemoSection(
        "Evaluation: training course (synthetic data)",
        "\n".join(lines),
        {
            "mean_change": gain.mean_change.value,
            "hedges_g": gain.hedges_g.value,
            "class_gain": gain.class_gain,
            "mcnemar_p": passed.mcnemar.p_value,
            "missing_levels": list(report.missing),
        },
    )


def demo_sections() -> list[DemoSection]:
    """The evaluation part of ``dpssec demo``."""
    return [_its_section(), _joinpoint_section(), _rossi_section(), _training_section()]


# -- dpssec evaluate its -------------------------------------------------------------------


def _its_command(args: argparse.Namespace) -> int:
    series = read_series(
        args.file,
        time=args.time_column,
        count=args.count_column,
        population=args.population_column,
        **read_options(args),
    )
    intervention = [time_value(v, "--intervention") for v in args.intervention.split(",")]
    result = interrupted_time_series(
        series["count"],
        series["time"],
        intervention if len(intervention) > 1 else intervention[0],
        population=series["population"],
        seasonality=args.seasonality,
        period=args.period,
        family=args.family,
        slope_change=not args.no_slope_change,
        autocorrelation=args.autocorrelation,
        lags=args.lags,
        confidence=args.confidence,
        nan_policy="omit" if args.omit_missing else "raise",
    )
    if args.plot:
        from dpssec.evaluation.plotting import require_matplotlib

        plt = require_matplotlib()
        ax = result.plot()
        ax.figure.savefig(args.plot, dpi=120, bbox_inches="tight")
        plt.close(ax.figure)
    lines = [str(result), "", result.statement, *(f"Note: {note}" for note in result.notes)]
    emit(args, result, text="\n".join(lines), data=result.to_dict())
    return 0


def register(subparsers: Any) -> None:
    """Add ``dpssec evaluate its``."""
    its = subparsers.add_parser(
        "its",
        help="interrupted time series of a CSV series (time, count[, population])",
        description=(
            "Segmented regression of a series around an intervention: level and slope change "
            "(rate ratios for counts) with intervals, the counterfactual and diagnostics. The "
            "CSV has a header row with time (numbers or dates YYYY-MM-DD / YYYY-MM), count and, "
            "optionally, population columns; '#' lines are comments."
        ),
    )
    its.add_argument("file", help="table: CSV, .xlsx or .parquet")
    its.add_argument(
        "--intervention",
        required=True,
        help="first period of the intervention (a date or a number); several, comma-separated, "
        "for a phase-in",
    )
    its.add_argument("--family", choices=FAMILIES, default="quasipoisson")
    its.add_argument("--seasonality", type=int, default=None, help="Fourier pairs (e.g. 2)")
    its.add_argument("--period", type=float, default=12, help="seasonal period (12 months)")
    its.add_argument("--no-slope-change", action="store_true", help="level change only")
    its.add_argument("--autocorrelation", choices=AUTOCORRELATION, default=None)
    its.add_argument("--lags", type=int, default=None, help="Newey-West lags")
    its.add_argument("--confidence", type=float, default=0.95)
    its.add_argument("--time-column", default="time")
    its.add_argument("--count-column", default="count")
    its.add_argument("--population-column", default="population")
    its.add_argument(
        "--omit-missing", action="store_true", help="drop periods with a missing count"
    )
    its.add_argument("--plot", help="save the plot to this image file (needs matplotlib)")
    add_input_options(its)
    add_format_option(its)
    its.set_defaults(handler=_its_command)
