"""Ranks from scores, with ties sharing the best rank ("1, 2, 2, 4").

For example:

>>> from dpssec.mines.mcda import rank
>>> rank([0.7, 0.2, 0.7, 0.5])
array([1, 4, 1, 3])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.boundary import Flag, Number, calculator, missing_rows

__all__ = ["rank"]


@calculator(
    elementwise=False,
    nan_policies=("raise", "propagate"),
    scores=Number(ndim=(1,)),
    descending=Flag(),
    example={"scores": [0.7, 0.2, 0.7, 0.5]},
)
def rank(scores: Any, *, descending: bool = True, nan_policy: str = "raise") -> np.ndarray:
    """1-based ranks of scores; tied scores share the best rank (competition ranking).

    Parameters
    ----------
    scores : array-like, shape (alternatives,)
        Scores such as TOPSIS closeness or weighted sums. NaN is refused. A dask array is
        computed (every rank depends on every score).
    descending : bool
        True (default): the largest score gets rank 1. False: the smallest does (for costs,
        risks read the other way, or distances). Only True or False.
    nan_policy : {"raise", "propagate"}
        A missing score: refused (default), or a NaN rank, the others ranked among
        themselves (with a :class:`~dpssec.errors.DataQualityWarning`).

    Returns
    -------
    ndarray of int (float with NaN under "propagate"), shape (alternatives,)
        Rank of each alternative in input order; equal scores get the same (best) rank, and
        the next rank skips accordingly ("1, 2, 2, 4"), so a rank is always 1 + the number of
        strictly better alternatives. The result does not depend on the order of the rows.

    Raises
    ------
    InputError
        Scores that are not 1-D, text, NaN or infinite scores, a ``descending`` that is not
        True or False.

    Notes
    -----
    ``rank_i = 1 + #{k : s_k > s_i}`` (descending). pymcdm averages tied ranks (1.5, 1.5)
    instead; the shared best rank is the usual convention for priority lists, where two
    areas tied for first place are both "first".

    Examples
    --------
    >>> from dpssec.mines.mcda import rank
    >>> rank([3.0, 1.0, 2.0], descending=False)
    array([3, 1, 2])
    """
    arr = np.asarray(scores)  # a rank depends on every score: a dask input is computed
    missing = missing_rows()
    if missing is not None:
        present = ~np.asarray(missing)
        ranks = np.full(arr.shape, np.nan)
        ranks[present] = rank_kernel(arr[present], descending)
        return ranks
    return rank_kernel(arr, descending)


def rank_kernel(scores: np.ndarray, descending: bool) -> np.ndarray:
    """Competition ranks of checked scores (1 + the number of strictly better scores)."""
    ordered = np.sort(scores)
    if descending:
        better = scores.shape[0] - np.searchsorted(ordered, scores, side="right")
    else:
        better = np.searchsorted(ordered, scores, side="left")
    ranks: np.ndarray = (better + 1).astype(np.int64)
    return ranks
