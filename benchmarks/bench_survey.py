"""Benchmark: design-based proportions for 200 domains, dpssec against samplics.

Run: PYTHONPATH=src python benchmarks/bench_survey.py [respondents]

Data (synthetic, seeded): 1,000,000 respondents in 1,000 strata x 20 PSUs (20,000 PSUs, 50
respondents each), weights uniform on [50, 150], a yes/no answer with a PSU effect, and 200
domains (a label per respondent). Both sides estimate the weighted proportion and its Taylor
linearisation standard error in every domain, with replacement (no fpc); the numbers must agree
(1e-9 relative) before the ratio is printed. samplics is the Python tool a user would otherwise
pick (archived by its author in 2025, still installable); it is not a dependency of dpssec.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np
from _timing import best_of

from dpssec.prevention import SurveyDesign, survey_proportion


def make_data(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    strata, per_stratum = 1_000, 20
    psus = strata * per_stratum
    psu = np.sort(rng.integers(0, psus, n))
    effect = rng.normal(0.0, 0.5, psus)[psu]
    answer = (rng.random(n) < 1 / (1 + np.exp(2.0 - effect))).astype(float)
    return {
        "answer": answer,
        "weight": rng.uniform(50, 150, n),
        "stratum": psu // per_stratum,
        "psu": psu,
        "domain": rng.integers(0, 200, n),
    }


def run_dpssec(data: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    design = SurveyDesign(data["weight"], strata=data["stratum"], clusters=data["psu"])
    result = survey_proportion(data["answer"], design, by=data["domain"])
    return np.asarray(result.value), np.asarray(result.standard_error)


def run_samplics(data: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    import samplics

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimator = samplics.TaylorEstimator(samplics.PopParam.mean)
        estimator.estimate(
            y=data["answer"],
            samp_weight=data["weight"],
            stratum=data["stratum"],
            psu=data["psu"],
            domain=data["domain"],
        )
    keys = sorted(estimator.point_est)
    return (
        np.asarray([estimator.point_est[k] for k in keys]),
        np.asarray([estimator.stderror[k] for k in keys]),
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    data = make_data(n, np.random.default_rng(20261206))
    ours_s, (value, se) = best_of(lambda: run_dpssec(data), 3, warm_up=True)
    design_s, design = best_of(
        lambda: SurveyDesign(data["weight"], strata=data["stratum"], clusters=data["psu"]), 3
    )
    estimate_s, _ = best_of(lambda: survey_proportion(data["answer"], design, by=data["domain"]), 3)
    theirs_s, (their_value, their_se) = best_of(lambda: run_samplics(data), 1)
    gap = max(
        float(np.max(np.abs(value / their_value - 1))), float(np.max(np.abs(se / their_se - 1)))
    )
    if gap > 1e-9:
        raise SystemExit(f"dpssec and samplics differ by {gap:.3g} (relative)")
    print(f"respondents {n:,}, strata 1,000, PSUs 20,000, domains {value.size}")
    print(
        f"dpssec design + 200 proportions  {ours_s:8.3f} s  (design {design_s:.3f} s, "
        f"estimates {estimate_s:.3f} s)"
    )
    print(f"samplics TaylorEstimator          {theirs_s:8.3f} s")
    print(f"ratio {theirs_s / ours_s:.1f}x; largest relative difference {gap:.2g}")


if __name__ == "__main__":
    main()
