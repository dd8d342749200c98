"""Log-linear models for multiple systems estimation (kernels; fitting by statsmodels GLM).

K lists of identified victims give a 2^K table of capture histories whose all-absent cell is
unobserved. A log-linear Poisson model on the 2^K - 1 observed cells, with an intercept, the
K list effects and chosen two-list interactions (never the K-way interaction), extrapolates
to the unobserved cell: its expected count is ``exp(intercept)`` (Fienberg 1972; Bishop,
Fienberg & Holland 1975, ch. 6; Cormack 1989).

* :func:`capture_table`: counts of every observed pattern (zeros included) and pair overlaps;
* :func:`design_matrix`: intercept, list effects and the chosen pairwise products;
* :func:`fit_loglinear`: the Poisson GLM (``statsmodels``, imported when called);
* :func:`profile_interval`: profile-likelihood limits of the intercept (the other parameters
  maximised at each value), as ``MASS::confint`` profiles a GLM coefficient;
* :func:`stepwise_interactions`: the stepwise rule of SparseMSE (Chan, Silverman & Vincent
  2021): add the pair whose observed overlap has the smallest two-sided Poisson p-value under
  the current model, while it is below ``pthresh``.

For example:

>>> import numpy as np
>>> from dpssec.prevention.multiple_systems_models import capture_table, design_matrix
>>> table = capture_table(np.array([[1, 0], [0, 1], [1, 1]]), np.array([30, 20, 10]))
>>> table.patterns.tolist(), table.counts.tolist()
([[1, 0], [0, 1], [1, 1]], [30.0, 20.0, 10.0])
>>> design_matrix(table.patterns, ()).tolist()
[[1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [1.0, 1.0, 1.0]]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from dpssec.errors import InputError

__all__ = [
    "CaptureTable",
    "LoglinearFit",
    "capture_table",
    "design_matrix",
    "fit_loglinear",
    "profile_interval",
    "stepwise_interactions",
]

Pair = tuple[int, int]


@attrs.frozen(eq=False)
class CaptureTable:
    """The observed 2^K - 1 cells of a capture-history table.

    Attributes
    ----------
    patterns : ndarray of int, shape (2^K - 1, K)
        Every non-empty pattern (1 = on the list), ordered by the number of lists, then by
        binary code.
    counts : ndarray of float
        Identified victims with each pattern (zeros included).
    overlaps : ndarray of float, shape (K, K)
        Victims on both lists i and j (whatever their other lists); the diagonal holds list
        sizes.
    """

    patterns: np.ndarray
    counts: np.ndarray
    overlaps: np.ndarray

    @property
    def n_lists(self) -> int:
        return int(self.patterns.shape[1])

    @property
    def identified(self) -> float:
        return float(self.counts.sum())


def capture_table(histories: np.ndarray, counts: np.ndarray) -> CaptureTable:
    """Aggregate capture histories (rows of 0/1, with counts) into the observed cells.

    Raises
    ------
    InputError
        A row with no list (the unobserved pattern cannot be counted).
    """
    k = histories.shape[1]
    code = (histories.astype(np.int64) * (1 << np.arange(k, dtype=np.int64))).sum(axis=1)
    empty = code == 0
    if np.any(empty & (counts > 0)):
        row = int(np.argmax(empty & (counts > 0)))
        raise InputError(
            f"parameter 'histories': row {row} is on no list; identified victims are on at least "
            "one list (the all-absent cell is what is estimated)"
        )
    full = np.bincount(code, weights=counts, minlength=1 << k)
    codes = np.arange(1, 1 << k)
    bits = (codes[:, None] >> np.arange(k)) & 1
    order = np.lexsort((codes, bits.sum(axis=1)))
    patterns = bits[order]
    cell_counts = full[codes[order]]
    overlaps = patterns.T @ (patterns * cell_counts[:, None])
    return CaptureTable(patterns=patterns, counts=cell_counts, overlaps=overlaps.astype(float))


def design_matrix(patterns: np.ndarray, interactions: Sequence[Pair]) -> np.ndarray:
    """Columns: intercept, one per list, one product per chosen pair of lists."""
    columns = [np.ones(patterns.shape[0]), *patterns.T.astype(float)]
    columns += [(patterns[:, i] * patterns[:, j]).astype(float) for i, j in interactions]
    return np.column_stack(columns)


@attrs.frozen(eq=False)
class LoglinearFit:
    """A fitted log-linear model.

    Attributes
    ----------
    interactions : tuple of (int, int)
    params, standard_errors : ndarray
        Intercept, list effects, interactions (log scale).
    fitted : ndarray
        Expected counts of the observed cells.
    log_likelihood, deviance : float
    n_parameters : int
    converged : bool
        The Poisson MLE exists (finite, full rank, iterations converged).
    """

    interactions: tuple[Pair, ...]
    params: np.ndarray
    standard_errors: np.ndarray
    fitted: np.ndarray
    log_likelihood: float
    deviance: float
    n_parameters: int
    converged: bool

    @property
    def unobserved(self) -> float:
        """Expected count of the all-absent cell, ``exp(intercept)``."""
        return float(np.exp(self.params[0]))

    def criterion(self, name: str, identified: float) -> float:
        """AIC (``-2 logL + 2p``) or BIC (``-2 logL + p log n``, n identified victims)."""
        penalty = 2.0 if name == "aic" else math.log(max(identified, 2.0))
        return -2.0 * self.log_likelihood + penalty * self.n_parameters


def fit_loglinear(
    table: CaptureTable, interactions: Sequence[Pair], *, offset: float | None = None
) -> LoglinearFit:
    """Fit the Poisson log-linear model (statsmodels GLM) with the given interactions.

    ``offset`` fixes the intercept (for the profile likelihood): the model is then fitted
    without its intercept column, with this offset.
    """
    import warnings

    import statsmodels.api as sm

    x = design_matrix(table.patterns, interactions)
    rank = np.linalg.matrix_rank(x)
    kwargs: dict[str, Any] = {}
    if offset is not None:
        x = x[:, 1:]
        kwargs["offset"] = np.full(table.counts.size, offset)
    model = sm.GLM(table.counts, x, family=sm.families.Poisson(), **kwargs)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        # a saturated model (two lists) fits exactly: statsmodels then warns of "perfect
        # prediction"; existence is judged below from rank, convergence and finite values
        warnings.simplefilter("ignore")
        result = model.fit()
    params = np.asarray(result.params, dtype=float)
    with np.errstate(invalid="ignore"):
        errors = np.asarray(result.bse, dtype=float)
    if offset is not None:
        params = np.r_[offset, params]
        errors = np.r_[0.0, errors]
    converged = (
        rank == design_matrix(table.patterns, interactions).shape[1]
        and bool(result.converged)
        and bool(np.all(np.abs(params) < 25))
        and bool(np.all(np.isfinite(errors)))
    )
    return LoglinearFit(
        interactions=tuple(interactions),
        params=params,
        standard_errors=errors,
        fitted=np.asarray(result.fittedvalues, dtype=float),
        log_likelihood=float(result.llf),
        deviance=float(result.deviance),
        n_parameters=int(design_matrix(table.patterns, interactions).shape[1]),
        converged=converged,
    )


def profile_interval(
    table: CaptureTable, fit: LoglinearFit, confidence: float
) -> tuple[float, float]:
    """Profile-likelihood limits of the intercept: ``D(b) - D(b_hat) = chi2_1(confidence)``."""
    from scipy.optimize import brentq
    from scipy.special import chdtri

    cut = float(chdtri(1, 1 - confidence))
    centre = float(fit.params[0])
    step = max(float(fit.standard_errors[0]), 1e-3)

    def excess(b: float) -> float:
        return fit_loglinear(table, fit.interactions, offset=b).deviance - fit.deviance - cut

    limits = []
    for direction in (-1.0, 1.0):
        distance = step
        for _ in range(60):
            if excess(centre + direction * distance) > 0:
                break
            distance *= 2
        else:  # pragma: no cover - a flat likelihood
            limits.append(math.inf * direction)
            continue
        a, b = sorted((centre, centre + direction * distance))
        limits.append(brentq(excess, a, b, xtol=1e-12, rtol=1e-12))
    return limits[0], limits[1]


def stepwise_interactions(
    table: CaptureTable, candidates: Sequence[Pair], pthresh: float
) -> LoglinearFit:
    """SparseMSE's stepwise selection by two-sided Poisson p-values of the pair overlaps."""
    from scipy.special import pdtr, pdtrc

    chosen: list[Pair] = []
    fit = fit_loglinear(table, chosen)
    remaining = list(candidates)
    while remaining:
        p_values = []
        for i, j in remaining:
            expected = float(np.sum(fit.fitted * table.patterns[:, i] * table.patterns[:, j]))
            observed = float(table.overlaps[i, j])
            lower = pdtr(observed, expected)  # P(X <= observed)
            upper = pdtrc(observed - 1, expected) if observed > 0 else 1.0  # P(X >= observed)
            p_values.append(min(lower, upper))
        order = np.argsort(p_values, kind="stable")
        added = False
        for position in order:
            if p_values[position] >= pthresh:
                break
            trial = fit_loglinear(table, [*chosen, remaining[position]])
            if trial.converged:
                chosen.append(remaining.pop(int(position)))
                fit = trial
                added = True
                break
        if not added:
            break
    return fit
