"""Joinpoint kernels: grid search over admissible joinpoints, permutation tests and BIC.

Pure numpy on checked magnitudes. A model with k joinpoints τ_1 < ... < τ_k is the
continuous piecewise-linear regression::

    y_t = b_0 + b_1·(x_t − x_1) + Σ_j δ_j·(x_t − τ_j)+

fitted by (weighted) least squares; ``y`` is the log of the rate (log-linear model) or the rate
itself (linear model). As in NCI's Joinpoint (grid search at the observed x values), a
joinpoint sits on an observation, with at least ``min_end`` observations between it and either
end of the series and at least ``min_between`` observations between two joinpoints (the
joinpoints themselves excluded). For every admissible set the residual sum of squares comes
from one QR factorisation of the weighted design, so all sets of a given size, for one series
or for many permuted copies of it, are searched with matrix products instead of a loop of fits.

For example:

>>> import numpy as np
>>> from dpssec.evaluation.joinpoint_fit import admissible_sets, best_fit
>>> admissible_sets(9, 1, min_end=2, min_between=2).ravel().tolist()
[2, 3, 4, 5, 6]
>>> x = np.arange(9.0)
>>> y = np.where(x < 4, x, 4 - 0.5 * (x - 4))
>>> best_fit(x, y, np.ones(9), 1, min_end=2, min_between=2).joinpoints.tolist()
[4.0]
"""

from __future__ import annotations

import itertools
from typing import Any

import attrs
import numpy as np

__all__ = [
    "Grid",
    "SegmentFit",
    "admissible_sets",
    "best_fit",
    "bic",
    "design",
    "fit_at",
    "permutation_selection",
    "prepare_grid",
]


def admissible_sets(n: int, k: int, *, min_end: int, min_between: int) -> np.ndarray:
    """Indices (m, k) of the observations that may carry k joinpoints (NCI's rules)."""
    if k == 0:
        return np.zeros((1, 0), dtype=np.intp)
    candidates = range(min_end, n - min_end)
    sets = [
        c
        for c in itertools.combinations(candidates, k)
        if all(b - a - 1 >= min_between for a, b in itertools.pairwise(c))
    ]
    return np.array(sets, dtype=np.intp).reshape(len(sets), k)


def design(x: np.ndarray, joinpoints: np.ndarray) -> np.ndarray:
    """Design matrices for joinpoints of shape (..., k): shape (..., n, k + 2)."""
    joinpoints = np.asarray(joinpoints, dtype=float)
    lead = joinpoints.shape[:-1]
    n = x.size
    ones = np.broadcast_to(np.ones(n), (*lead, n))
    time = np.broadcast_to(x - x[0], (*lead, n))
    hinges = np.maximum(x[..., :, None] - joinpoints[..., None, :], 0.0)
    return np.concatenate([ones[..., None], time[..., None], hinges], axis=-1)


@attrs.frozen(eq=False)
class Grid:
    """Every admissible k-joinpoint set of one (weighted) series, factorised once.

    Attributes
    ----------
    k : int
    sets : ndarray (m, k)
        Observation indices of the joinpoints.
    common : ndarray (n, 2)
        Orthonormal basis of the intercept and time columns, shared by every set (the first
        two columns of each weighted design are the same, so are their QR factors).
    basis : ndarray (n, k·m)
        The remaining orthonormal columns of each set's weighted design, column j of every
        set before column j + 1: for a weighted outcome z, the residual sum of squares of set
        c is ``|z|² − |commonᵀz|² − Σ_j (q_jcᵀz)²``.
    """

    k: int
    sets: np.ndarray
    common: np.ndarray
    basis: np.ndarray

    @property
    def size(self) -> int:
        return int(self.sets.shape[0])

    def sse(self, z: np.ndarray, chunk: int = 128) -> tuple[np.ndarray, np.ndarray]:
        """Smallest residual sum of squares of each row of ``z`` (P, n), and the set index."""
        z = np.atleast_2d(z)
        shared = z @ self.common
        total = np.einsum("ij,ij->i", z, z) - np.einsum("ij,ij->i", shared, shared)
        if self.k == 0:
            return np.maximum(total, 0.0), np.zeros(z.shape[0], dtype=np.intp)
        m = self.size
        best = np.empty(z.shape[0])
        where = np.empty(z.shape[0], dtype=np.intp)
        for start in range(0, z.shape[0], chunk):
            block = z[start : start + chunk] @ self.basis  # (P, k·m)
            np.square(block, out=block)
            explained = block[:, :m].copy()
            for j in range(1, self.k):
                explained += block[:, j * m : (j + 1) * m]
            idx = explained.argmax(axis=1)
            rows = np.arange(block.shape[0])
            where[start : start + chunk] = idx
            best[start : start + chunk] = total[start : start + chunk] - explained[rows, idx]
        return np.maximum(best, 0.0), where


def prepare_grid(
    x: np.ndarray, sqrt_w: np.ndarray, k: int, *, min_end: int, min_between: int
) -> Grid:
    """Factorise the weighted designs of every admissible k-joinpoint set."""
    sets = admissible_sets(x.size, k, min_end=min_end, min_between=min_between)
    dm = design(x, x[sets]) * sqrt_w[:, None]
    q, _ = np.linalg.qr(dm)  # (m, n, k + 2)
    common = np.ascontiguousarray(q[0, :, :2])
    rest = np.transpose(q[:, :, 2:], (1, 2, 0)).reshape(x.size, -1)  # column j of every set
    return Grid(k, sets, common, np.ascontiguousarray(rest))


@attrs.frozen(eq=False)
class SegmentFit:
    """The least-squares fit of a model with given joinpoints."""

    joinpoints: np.ndarray
    coefficients: np.ndarray
    covariance: np.ndarray  # unscaled (XᵀWX)⁻¹
    sse: float
    fitted: np.ndarray

    @property
    def slopes(self) -> np.ndarray:
        """Slope of each segment (b_1, b_1 + δ_1, ...)."""
        return np.cumsum(self.coefficients[1:])

    def slope_covariance(self, sigma2: float) -> np.ndarray:
        k = self.joinpoints.size
        tri = np.tril(np.ones((k + 1, k + 1)))
        return np.asarray(sigma2 * tri @ self.covariance[1:, 1:] @ tri.T)


def fit_at(x: np.ndarray, y: np.ndarray, w: np.ndarray, joinpoints: Any) -> SegmentFit:
    """Weighted least squares with the joinpoints fixed."""
    taus = np.asarray(joinpoints, dtype=float).reshape(-1)
    dm = design(x, taus)
    sw = np.sqrt(w)
    coef, *_ = np.linalg.lstsq(dm * sw[:, None], y * sw, rcond=None)
    fitted = dm @ coef
    sse = float(np.sum(w * (y - fitted) ** 2))
    cov = np.linalg.inv((dm * w[:, None]).T @ dm)
    return SegmentFit(taus, coef, cov, sse, fitted)


def best_fit(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, k: int, *, min_end: int, min_between: int
) -> SegmentFit:
    """The k-joinpoint model with the smallest (weighted) residual sum of squares."""
    grid = prepare_grid(x, np.sqrt(w), k, min_end=min_end, min_between=min_between)
    _, where = grid.sse(y * np.sqrt(w))
    return fit_at(x, y, w, x[grid.sets[where[0]]])


def bic(sse: np.ndarray, n: int, k: np.ndarray) -> np.ndarray:
    """Joinpoint's BIC: ln(SSE/n) + 2(k + 1)·ln(n)/n (the model with the smallest wins)."""
    penalty = 2.0 * (np.asarray(k, dtype=float) + 1.0) * np.log(n) / n
    return np.asarray(np.log(np.maximum(sse, 1e-300) / n) + penalty)


def permutation_selection(
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    grids: dict[int, Grid],
    *,
    alpha: float,
    permutations: int,
    rng: np.random.Generator,
) -> tuple[int, list[tuple[int, int, float, float, float]]]:
    """Kim et al.'s sequential permutation procedure; returns k and the tests made.

    Starting with k0 = 0 and k1 = K, test H0: k0 against H1: k1 at level α/(K − k0); on
    rejection k0 increases, otherwise k1 decreases, until k0 = k1. The statistic is
    (SSE_0 − SSE_1)/SSE_1; its permutation distribution comes from permuting the
    standardised residuals of the null model (√w·r) and refitting both models by grid
    search. The p-value is (1 + #{T* ≥ T})/(1 + permutations). Each test row is
    (k0, k1, statistic, p-value, level).
    """
    sw = np.sqrt(w)
    z = y * sw
    kmax = max(grids)
    k0, k1 = 0, kmax
    tests: list[tuple[int, int, float, float, float]] = []
    best = {k: grid.sse(z) for k, grid in grids.items()}
    while k0 < k1:
        level = alpha / (kmax - k0)
        sse0, sse1 = float(best[k0][0][0]), float(best[k1][0][0])
        statistic = (sse0 - sse1) / sse1 if sse1 > 0 else np.inf
        null = fit_at(x, y, w, x[grids[k0].sets[best[k0][1][0]]])
        residuals = (y - null.fitted) * sw
        order = rng.permuted(np.broadcast_to(residuals, (permutations, x.size)), axis=1)
        zstar = null.fitted * sw + order
        s0, _ = grids[k0].sse(zstar)
        s1, _ = grids[k1].sse(zstar)
        with np.errstate(divide="ignore", invalid="ignore"):
            tstar = (s0 - s1) / s1
        p = float((1 + np.count_nonzero(tstar >= statistic * (1 - 1e-12))) / (1 + permutations))
        tests.append((k0, k1, float(statistic), p, level))
        if p < level:
            k0 += 1
        else:
            k1 -= 1
    return k0, tests
