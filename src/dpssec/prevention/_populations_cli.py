"""Demo sections and commands for populations at risk: surveys and hidden victims.

``dpssec prevention survey FILE``: a design-based estimate from survey microdata (one row per
respondent, columns for the answer, the weight, strata, PSUs, fpc, groups).
``dpssec prevention mse FILE``: a multiple-systems estimate of total victims from a table of
capture histories (one column per list, 0/1, optional count column).

The demo data are SYNTHETIC, drawn here from a stated design with a fixed seed: no public
microdata with their design variables, nor public list overlaps of the Americas, were at hand.
"""

from __future__ import annotations

import argparse
import warnings
from typing import Any

import numpy as np

from dpssec.cli_options import add_format_option, add_input_options, emit, read_options
from dpssec.errors import InputError
from dpssec.io import numeric_schema, read_table
from dpssec.prevention.disaggregation import survey_breakdown
from dpssec.prevention.multiple_systems import chapman_estimate, multiple_systems_estimate
from dpssec.prevention.survey_design import SurveyDesign
from dpssec.prevention.survey_estimators import survey_mean, survey_proportion, survey_total
from dpssec.prevention.survey_indicators import (
    feeling_safe_share_survey,
    partner_violence_prevalence_survey,
    violence_prevalence_survey,
)
from dpssec.rendering import DemoSection
from dpssec.stats import proportion

__all__ = ["demo_sections", "register", "synthetic_lists", "synthetic_survey"]

SURVEY_DESIGN_TEXT = (
    "20 strata x 6 PSUs (census areas) drawn from 200 per stratum, 25 respondents aged 15+ per "
    "PSU (3,000 respondents); weights = persons represented; a PSU effect on victimisation"
)
LISTS_TEXT = (
    "1,500 victims; police, NGO, labour inspection and shelter lists with capture "
    "probabilities 0.30, (NGO) 0.40 for victims the police found and 0.15 for the others, "
    "0.10 and 0.08"
)


def synthetic_survey(seed: int = 2024) -> dict[str, np.ndarray]:
    """SYNTHETIC microdata drawn from :data:`SURVEY_DESIGN_TEXT` (columns as a dict)."""
    rng = np.random.default_rng(seed)
    strata, psus, per_psu = 20, 6, 25
    n = strata * psus * per_psu
    stratum = np.repeat(np.arange(1, strata + 1), psus * per_psu)
    psu = np.repeat(np.arange(strata * psus), per_psu)
    population = rng.integers(40_000, 160_000, strata)  # persons 15+ per stratum
    weight = population[stratum - 1] / (psus * per_psu) * rng.uniform(0.8, 1.2, n)
    effect = rng.normal(0, 0.6, strata * psus)[psu]
    female = rng.random(n) < 0.52
    migrant = rng.random(n) < 0.12
    age = rng.integers(15, 80, n)
    logit = -2.2 + effect + 0.3 * migrant + 0.4 * (age < 25)
    violence = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
    safe_logit = 0.6 - 0.6 * female - effect
    safe = (rng.random(n) < 1 / (1 + np.exp(-safe_logit))).astype(float)
    safe[rng.random(n) < 0.05] = np.nan  # don't know / refused
    partnered = (female & (rng.random(n) < 0.8)).astype(float)
    ipv = np.where(partnered > 0, (rng.random(n) < 0.09 + 0.05 * (effect > 0)), 0).astype(float)
    return {
        "stratum": stratum,
        "psu": psu,
        "weight": weight,
        "fpc": np.full(n, 200),
        "sex": np.where(female, "female", "male"),
        "migrant": np.where(migrant, "migrant", "national"),
        "age": age.astype(float),
        "violence": violence,
        "safe": safe,
        "ever_partnered": partnered,
        "partner_violence": ipv,
    }


def synthetic_lists(seed: int = 7) -> tuple[np.ndarray, tuple[str, ...], int]:
    """SYNTHETIC capture histories of :data:`LISTS_TEXT`: (histories, list names, true total)."""
    rng = np.random.default_rng(seed)
    total = 1_500
    p = np.array([0.30, 0.20, 0.10, 0.08])
    on = rng.random((total, 4)) < p
    on[:, 1] = np.where(on[:, 0], rng.random(total) < 0.40, rng.random(total) < 0.15)
    seen = on[on.any(axis=1)].astype(int)
    return seen, ("police", "ngo", "labour", "shelter"), total


def _survey_section() -> DemoSection:
    data = synthetic_survey()
    design = SurveyDesign(
        data["weight"], strata=data["stratum"], clusters=data["psu"], fpc=data["fpc"]
    )
    violence = violence_prevalence_survey(data["violence"], design, form="physical")
    naive = proportion(float(data["violence"].sum()), float(data["violence"].size))
    by = {"sex": data["sex"], "migrant": data["migrant"]}
    table = survey_breakdown(data["violence"], design, by=by, min_respondents=200)
    young = (data["age"] < 25).astype(float)
    young_women = young * (data["sex"] == "female")
    domain = survey_proportion(data["violence"], design, domain=young_women)
    safe = {
        rule: feeling_safe_share_survey(data["safe"], design, dont_know=rule)
        for rule in ("exclude", "include_in_denominator")
    }
    ipv = partner_violence_prevalence_survey(
        data["partner_violence"], data["ever_partnered"], design
    )
    victims = survey_total(data["violence"], design)
    age = survey_mean(data["age"], design)
    lines = [
        "SYNTHETIC survey microdata, drawn from a stated design: " + SURVEY_DESIGN_TEXT + ".",
        f"  Design: {design.describe()}.",
        f"  SDG 16.1.3 (physical violence, 12 months): {100 * violence.value:.1f} % "
        f"(95 % logit {100 * violence.lower:.1f}-{100 * violence.upper:.1f}; SE "
        f"{100 * violence.standard_error:.2f}; design effect {violence.design_effect:.2f}, "
        f"effective n {violence.effective_sample_size:.0f} of {violence.sample_size:.0f})",
        f"  Ignoring the design (unweighted Wilson): {100 * naive.value:.1f} % "
        f"({100 * naive.lower:.1f}-{100 * naive.upper:.1f}): too narrow.",
        f"  Young women 15-24 as a domain (rows kept): {100 * domain.value:.1f} % "
        f"({100 * domain.lower:.1f}-{100 * domain.upper:.1f}, {domain.sample_size:.0f} "
        "respondents)",
        "  By sex and migrant status (one call; cells under 200 respondents suppressed):",
    ]
    for i in range(len(table)):
        label = f"{table.keys['sex'][i]} / {table.keys['migrant'][i]}"
        shown = (
            f"suppressed ({table.reason[i]})"
            if table.suppressed[i]
            else f"{100 * table.value[i]:5.1f} % ({100 * table.lower[i]:.1f}-"
            f"{100 * table.upper[i]:.1f})"
        )
        lines.append(f"    {label:<22} n={table.count[i]:>5.0f}  {shown}")
    lines += [
        "  SDG 16.1.4 feeling safe after dark: "
        f"{100 * safe['exclude'].value:.1f} % with 'don't know' excluded, "
        f"{100 * safe['include_in_denominator'].value:.1f} % kept in the denominator "
        "(no official rule: the choice is recorded).",
        f"  SDG 5.2.1 partner violence, ever-partnered women 15+: {100 * ipv.value:.1f} % "
        f"({100 * ipv.lower:.1f}-{100 * ipv.upper:.1f})",
        f"  Estimated persons subjected to violence: {victims.value:,.0f} "
        f"(SE {victims.standard_error:,.0f}); mean age of respondents' population "
        f"{age.value:.1f}.",
    ]
    return DemoSection(
        "Prevention: victimisation survey, design-based (synthetic microdata)",
        "\n".join(lines),
        {
            "design": SURVEY_DESIGN_TEXT,
            "violence": {
                "value": violence.value,
                "lower": violence.lower,
                "upper": violence.upper,
                "design_effect": violence.design_effect,
            },
            "naive_wilson": {"value": naive.value, "lower": naive.lower, "upper": naive.upper},
            "breakdown": [
                {
                    "sex": table.keys["sex"][i],
                    "migrant": table.keys["migrant"][i],
                    "value": None if table.suppressed[i] else float(table.value[i]),
                    "respondents": float(table.count[i]),
                    "suppressed": bool(table.suppressed[i]),
                }
                for i in range(len(table))
            ],
            "feeling_safe": {k: v.value for k, v in safe.items()},
            "partner_violence": ipv.value,
        },
    )


def _mse_section() -> DemoSection:
    histories, names, truth = synthetic_lists()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = multiple_systems_estimate(histories, lists=list(names), selection="bic")
    n1 = int(histories[:, 0].sum())
    n2 = int(histories[:, 1].sum())
    both = int((histories[:, 0] & histories[:, 1]).sum())
    chapman = chapman_estimate(n1, n2, both)
    lines = [
        "SYNTHETIC lists of identified victims: " + LISTS_TEXT + ".",
        f"  Identified (distinct) victims: {result.identified} of a true total of {truth}.",
        f"  Log-linear MSE, {result.selection.upper()} over models with up to 3 interactions: "
        f"chosen {', '.join(':'.join(p) for p in result.interactions) or 'main effects only'}",
        f"  Estimated total victims: {result.total.value:,.0f} (95 % profile likelihood "
        f"{result.total.lower:,.0f}-{result.total.upper:,.0f}); unidentified "
        f"{result.unobserved.value:,.0f}.",
        f"  Chapman on police and NGO only: {chapman.value:,.0f} ({chapman.lower:,.0f}-"
        f"{chapman.upper:,.0f}): the two lists are dependent, so two lists underestimate.",
        f"  Label: {result.label}.",
        "  SDG 16.2.2 as published stays the detected-victims rate (identified victims per "
        "100,000); the MSE total is reported beside it, never merged into it.",
    ]
    lines += [f"  Warning: {w.message}" for w in caught]
    return DemoSection(
        "Prevention: hidden victims by multiple systems estimation (synthetic lists)",
        "\n".join(lines),
        {
            "lists": list(names),
            "identified": result.identified,
            "true_total": truth,
            "estimated_total": result.total.value,
            "lower": result.total.lower,
            "upper": result.total.upper,
            "interactions": [list(p) for p in result.interactions],
            "chapman_two_lists": chapman.value,
            "label": result.label,
        },
    )


def demo_sections() -> list[DemoSection]:
    """The populations-at-risk part of ``dpssec demo``."""
    return [_survey_section(), _mse_section()]


# -- commands ----------------------------------------------------------------------------


def _read(
    args: argparse.Namespace, numbers: list[str | None]
) -> tuple[dict[str, np.ndarray], list[int]]:
    """The columns of the table (the named numeric ones read as numbers) and each row's line."""
    wanted = [n for n in numbers if n]
    table = read_table(args.file, numeric_schema("microdata", wanted), **read_options(args))
    return table.as_columns(), table.lines.tolist()


def _numbers(path: str, columns: dict[str, np.ndarray], name: str, lines: list[int]) -> np.ndarray:
    if name not in columns:
        raise InputError(f"{path}: no column {name!r}; have {list(columns)}")
    return np.asarray(columns[name], dtype=float)


def _labels(path: str, columns: dict[str, np.ndarray], name: str | None) -> Any:
    if name is None:
        return None
    if name not in columns:
        raise InputError(f"{path}: no column {name!r}; have {list(columns)}")
    values = columns[name]
    if values.dtype.kind == "f":  # a grouping column that was also read as numbers
        return np.array([f"{v:g}" for v in values], dtype=object)
    return np.array(["" if v is None else v for v in values], dtype=object)


def _survey_command(args: argparse.Namespace) -> int:
    columns, lines = _read(args, [args.value, args.weights, args.fpc, args.domain])
    values = _numbers(args.file, columns, args.value, lines)
    design = SurveyDesign(
        _numbers(args.file, columns, args.weights, lines),
        strata=_labels(args.file, columns, args.strata),
        clusters=_labels(args.file, columns, args.clusters),
        fpc=None if args.fpc is None else _numbers(args.file, columns, args.fpc, lines),
        lonely_psu=args.lonely_psu,
        nest=args.nest,
    )
    by = None
    if args.by:
        by = {c.strip(): _labels(args.file, columns, c.strip()) for c in args.by.split(",")}
    domain = None if args.domain is None else _numbers(args.file, columns, args.domain, lines)
    if args.statistic == "proportion":
        result = survey_proportion(
            values,
            design,
            domain=domain,
            by=by,
            method=args.method,
            dont_know=args.dont_know,
            confidence=args.confidence,
        )
    else:
        estimator = survey_mean if args.statistic == "mean" else survey_total
        result = estimator(
            values,
            design,
            domain=domain,
            by=by,
            confidence=args.confidence,
            nan_policy="omit" if args.dont_know == "exclude" else "raise",
        )
    emit(
        args,
        result,
        text=lambda: f"Design: {design.describe()}\n{_result_text(result)}",
        data=_records(result.to_frame()) if args.format == "json" else None,
    )
    return 0


def _records(frame: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = frame.to_dict(orient="records")
    for row in rows:
        for key, value in row.items():
            if isinstance(value, float) and value != value:
                row[key] = None
    return rows


def _result_text(result: Any) -> str:
    return str(result.to_text(max_rows=None)) if hasattr(result, "to_text") else str(result)


def _mse_command(args: argparse.Namespace) -> int:
    names = [c.strip() for c in args.lists.split(",") if c.strip()]
    columns, lines = _read(args, [*names, args.count])
    histories = np.column_stack([_numbers(args.file, columns, c, lines) for c in names])
    counts = None if args.count is None else _numbers(args.file, columns, args.count, lines)
    result = multiple_systems_estimate(
        histories,
        counts,
        lists=names,
        selection=args.selection,
        interval=args.interval,
        max_interactions=args.max_interactions,
        confidence=args.confidence,
    )
    if args.format == "json":
        payload = {
            "label": result.label,
            "identified": result.identified,
            "estimated_total": result.total.value,
            "lower": result.total.lower,
            "upper": result.total.upper,
            "unobserved": result.unobserved.value,
            "interval": result.total.method,
            "interactions": [list(p) for p in result.interactions],
            "selection": result.selection,
            "models": result.models,
        }
        emit(args, data=payload)
    else:
        emit(args, result)
    return 0


def register(subparsers: Any) -> None:
    """Add ``dpssec prevention survey`` and ``dpssec prevention mse``."""
    survey = subparsers.add_parser(
        "survey",
        help="design-based proportion, mean or total from survey microdata (CSV)",
        description="One row per respondent; the design from the weight, strata, PSU and fpc "
        "columns (R survey conventions). Domains keep every row in the design.",
    )
    survey.add_argument("file")
    survey.add_argument("--value", required=True, help="column of the answer (1/0, empty = NA)")
    survey.add_argument("--weights", required=True, help="column of sampling weights")
    survey.add_argument("--strata", help="column of strata")
    survey.add_argument("--clusters", help="column of PSUs")
    survey.add_argument("--fpc", help="column of population PSUs per stratum (or fractions)")
    survey.add_argument("--lonely-psu", default="fail", choices=["fail", "certainty", "centre"])
    survey.add_argument(
        "--nest",
        action="store_true",
        help="PSU codes restart in each stratum (R's nest=TRUE); without it a PSU code found "
        "in two strata is refused",
    )
    survey.add_argument("--by", help="comma-separated grouping columns")
    survey.add_argument("--domain", help="column of 1/0 for the subpopulation")
    survey.add_argument(
        "--statistic", default="proportion", choices=["proportion", "mean", "total"]
    )
    survey.add_argument("--method", default="logit", choices=["logit", "beta", "wilson", "mean"])
    survey.add_argument(
        "--dont-know",
        choices=["exclude", "include_in_denominator"],
        help="treatment of empty answers (required when there are some)",
    )
    survey.add_argument("--confidence", type=float, default=0.95)
    add_input_options(survey)
    add_format_option(survey)
    survey.set_defaults(handler=_survey_command)
    mse = subparsers.add_parser(
        "mse",
        help="multiple systems estimate of total victims from list overlaps (CSV)",
        description="One column per list (1 = on the list); one row per victim, or per "
        "pattern with --count. The result is an estimate of total victims, not the "
        "detected-victims rate.",
    )
    mse.add_argument("file")
    mse.add_argument("--lists", required=True, help="comma-separated list columns")
    mse.add_argument("--count", help="column of counts per pattern")
    mse.add_argument(
        "--selection",
        default="bic",
        choices=["bic", "aic", "stepwise"],
        help="model choice (default bic over at most --max-interactions pairs; stepwise is the "
        "rule that reproduces the Home Office's UK 2013 estimate)",
    )
    mse.add_argument("--interval", default="profile", choices=["profile", "wald-log", "bootstrap"])
    mse.add_argument("--max-interactions", type=int, default=3)
    mse.add_argument("--confidence", type=float, default=0.95)
    add_input_options(mse)
    add_format_option(mse)
    mse.set_defaults(handler=_mse_command)
