"""Objective criterion weights from Shannon entropy: criteria that vary more weigh more.

For example:

>>> from dpssec.mines.mcda import entropy_weights
>>> entropy_weights([[1, 5], [1, 1], [1, 9]]).round(3)
array([0., 1.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.boundary import Number, calculator, is_lazy
from dpssec.errors import InputError
from dpssec.mines.mcda.matrix_checks import check_matrix
from dpssec.references import Reference

__all__ = ["ENTROPY_REFERENCE", "entropy_weights"]

ENTROPY_REFERENCE = Reference(
    "Zeleny, Multiple Criteria Decision Making",
    "McGraw-Hill 1982",
    "entropy weights",
    verified=False,
)
"""Usual source of the method; the formula itself is checked against pymcdm's test data."""


@calculator(
    elementwise=False,
    nan_policies=("raise",),
    matrix=Number(ndim=(2,), lower=0, aligned=False),
    example={"matrix": [[7, 9, 9], [8, 7, 8], [9, 6, 8], [6, 7, 8]]},
)
def entropy_weights(matrix: Any, *, nan_policy: str = "raise") -> np.ndarray:
    """Weights of the criteria by the entropy method.

    Parameters
    ----------
    matrix : array-like, shape (alternatives, criteria)
        Non-negative criterion values, at least two alternatives; every column needs a
        positive sum. A dask array is computed.
    nan_policy : {"raise"}
        A missing value is refused (it would change its column's entropy).

    Returns
    -------
    ndarray, shape (criteria,)
        Weights summing to 1.

    Raises
    ------
    InputError
        Negative, NaN or infinite values; fewer than two alternatives; an all-zero column; or
        no criterion that varies (all weights would be 0/0).

    Notes
    -----
    ``p_ij = x_ij / sum_i x_ij``; ``E_j = -sum_i p_ij ln p_ij / ln m`` (with ``0 ln 0 = 0``);
    ``w_j = (1 - E_j) / sum_k (1 - E_k)``. A constant column has ``E = 1`` and weight 0.

    pymcdm 1.4 sets ``E_j = 0`` (the largest weight) for any column that contains a zero;
    dpssec uses the limit ``0 ln 0 = 0`` instead, so the two agree only on strictly positive
    matrices.

    References
    ----------
    Reference ``mines.md`` §4.3 vector 8 (Elsayed et al. 2017 matrix in pymcdm's tests).

    Examples
    --------
    >>> from dpssec.mines.mcda import entropy_weights
    >>> entropy_weights([[7, 9, 9], [8, 7, 8], [9, 6, 8], [6, 7, 8]]).round(4)
    array([0.4749, 0.4677, 0.0574])
    """
    if is_lazy(matrix):
        matrix = np.asarray(matrix)  # the weights depend on whole columns: compute it
    arr, _, _ = check_matrix(matrix)
    alternatives = arr.shape[0]
    if alternatives < 2:
        raise InputError("parameter 'matrix': entropy weights need at least two alternatives")
    totals = np.sum(arr, axis=0)
    zero = np.flatnonzero(totals == 0)
    if zero.size:
        raise InputError(
            f"parameter 'matrix': {zero.size} criteria are zero for every alternative "
            f"(first: criterion {int(zero[0])}); their entropy is undefined"
        )
    p = arr / totals
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    entropy = -np.sum(plogp, axis=0) / np.log(alternatives)
    diversity = np.maximum(1.0 - entropy, 0.0)
    total = float(np.sum(diversity))
    if total <= 0:
        raise InputError(
            "parameter 'matrix': no criterion varies between alternatives, so entropy "
            "weights are undefined (every criterion has entropy 1)"
        )
    weights: np.ndarray = diversity / total
    return weights
