"""Benchmark: dpssec.mines.mcda against pymcdm on a national-scale decision matrix.

Scores 1,000,000 synthetic hazardous areas on 8 criteria (5 benefit, 3 cost) with

* TOPSIS, vector normalisation (the classic method) and min-max normalisation (pymcdm's default);
* the weighted sum with min-max normalisation;
* AHP-weighted scoring: weights from an 8 x 8 pairwise matrix, then the weighted sum;

and compares with pymcdm 1.4's ``TOPSIS``, ``WSM`` and ``AHP`` given the same normalisation
functions. pymcdm is timed twice: as a user calls it (input validation on, the default), and
with ``validation=False`` (its bare arithmetic). Results must agree (max |difference| <= 1e-12
and identical ranks) before a ratio is printed.

Run: PYTHONPATH=src python benchmarks/bench_mcda.py [--rows N] [--repeats K] [--no-validated]
(about 2 minutes on an idle 2-core machine; most of it is pymcdm's validated calls)
"""

from __future__ import annotations

import argparse
import functools
import platform
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from _timing import best_of

from dpssec.mines.mcda import ahp, rank, topsis, weighted_sum

CRITERIA = 8
BENEFIT = np.array([True, True, True, True, True, False, False, False])


def pairwise_matrix() -> np.ndarray:
    """Judgements on Saaty's scale from priorities 8:7:...:1, rounded to whole numbers."""
    priority = np.arange(CRITERIA, 0, -1, dtype=float)
    matrix = np.ones((CRITERIA, CRITERIA))
    for i in range(CRITERIA):
        for j in range(i + 1, CRITERIA):
            value = float(min(9, max(1, round(priority[i] / priority[j]))))
            matrix[i, j] = value
            matrix[j, i] = 1 / value
    return matrix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5, help="repeats for dpssec")
    parser.add_argument(
        "--peer-repeats", type=int, default=2, help="repeats for pymcdm without validation"
    )
    parser.add_argument(
        "--no-validated",
        action="store_true",
        help="skip pymcdm's default (validated) calls, which take most of the run time",
    )
    args = parser.parse_args()

    from pymcdm import normalizations
    from pymcdm.methods import TOPSIS, WSM
    from pymcdm.weights.subjective import AHP

    rng = np.random.default_rng(20261129)
    # Synthetic: counts, populations, areas and distances on very different scales.
    scales = np.array([5, 2_000, 10, 50_000, 3, 2_000, 30, 1e6])
    matrix = rng.uniform(0.01, 1.0, size=(args.rows, CRITERIA)) * scales
    weights = rng.dirichlet(np.ones(CRITERIA))
    types = np.where(BENEFIT, 1, -1)
    pairwise = pairwise_matrix()

    cases: list[tuple[str, Callable[[], Any], Callable[[bool], Any]]] = [
        (
            "TOPSIS, vector",
            lambda: topsis(matrix, weights, BENEFIT, normalization="vector"),
            lambda v: TOPSIS(normalizations.vector_normalization)(
                matrix, weights, types, validation=v
            ),
        ),
        (
            "TOPSIS, min-max",
            lambda: topsis(matrix, weights, BENEFIT, normalization="minmax"),
            lambda v: TOPSIS(normalizations.minmax_normalization)(
                matrix, weights, types, validation=v
            ),
        ),
        (
            "weighted sum, min-max",
            lambda: weighted_sum(matrix, weights, BENEFIT, normalization="minmax"),
            lambda v: WSM(normalizations.minmax_normalization)(
                matrix, weights, types, validation=v
            ),
        ),
        (
            "AHP weights + weighted sum",
            lambda: weighted_sum(matrix, ahp(pairwise).weights, BENEFIT, normalization="minmax"),
            lambda v: WSM(normalizations.minmax_normalization)(
                matrix, AHP(matrix=pairwise)(), types, validation=v
            ),
        ),
    ]

    print(f"dpssec.mines.mcda vs pymcdm: {args.rows:,} areas x {CRITERIA} criteria")
    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")
    header = (
        f"{'method':28} {'dpssec s':>9} {'pymcdm s':>9} {'ratio':>7} "
        f"{'no-valid s':>10} {'ratio':>7} {'max|diff|':>10}"
    )
    print(header)
    print("-" * len(header))
    for name, ours, theirs in cases:
        ours_time, ours_result = best_of(ours, args.repeats)
        bare_time, bare_result = best_of(functools.partial(theirs, False), args.peer_repeats)
        user_time, user_result = float("nan"), bare_result
        if not args.no_validated:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # pymcdm warns about dominated alternatives
                user_time, user_result = best_of(functools.partial(theirs, True), 1)
        difference = float(
            max(
                np.max(np.abs(ours_result - bare_result)), np.max(np.abs(ours_result - user_result))
            )
        )
        same_ranks = np.array_equal(rank(ours_result), rank(bare_result))
        if difference > 1e-12 or not same_ranks:
            raise SystemExit(
                f"{name}: results differ (max |diff| {difference:.3g}, ranks {same_ranks})"
            )
        print(
            f"{name:28} {ours_time:9.3f} {user_time:9.3f} {user_time / ours_time:6.1f}x "
            f"{bare_time:10.3f} {bare_time / ours_time:6.1f}x {difference:10.1e}"
        )
    print("ratio = pymcdm time / dpssec time (best of repeats, same data, same process);")
    print("'pymcdm s' is the default call (validation on), 'no-valid s' uses validation=False.")


if __name__ == "__main__":
    main()
