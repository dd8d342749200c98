"""Ranks from scores, with ties sharing the best rank ("1, 2, 2, 4").

For example:

>>> from dpssec.mines.mcda import rank
>>> rank([0.7, 0.2, 0.7, 0.5])
array([1, 4, 1, 3])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec._checks import as_array, is_lazy
from dpssec.errors import InputError

__all__ = ["rank"]


def rank(scores: Any, *, descending: bool = True) -> np.ndarray:
    """1-based ranks of scores; tied scores share the best rank (competition ranking).

    Parameters
    ----------
    scores : array-like, shape (alternatives,)
        Scores such as TOPSIS closeness or weighted sums. NaN is refused. A dask array is
        computed (every rank depends on every score).
    descending : bool
        True (default): the largest score gets rank 1. False: the smallest does (for costs,
        risks read the other way, or distances).

    Returns
    -------
    ndarray of int, shape (alternatives,)
        Rank of each alternative in input order; equal scores get the same (best) rank, and
        the next rank skips accordingly ("1, 2, 2, 4"), so a rank is always 1 + the number of
        strictly better alternatives. The result does not depend on the order of the rows.

    Raises
    ------
    InputError
        Scores that are not 1-D, or NaN / infinite scores.

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
    if is_lazy(scores):
        scores = np.asarray(scores)  # a rank depends on every score: compute a dask input
    if np.size(scores) == 0 and np.ndim(scores) == 1:
        return np.zeros(0, dtype=np.int64)
    arr = as_array(scores, "scores")
    if arr.ndim != 1:
        raise InputError(f"parameter 'scores' must be 1-D; got shape {arr.shape}")
    ordered = np.sort(arr)
    if descending:
        better = arr.shape[0] - np.searchsorted(ordered, arr, side="right")
    else:
        better = np.searchsorted(ordered, arr, side="left")
    ranks: np.ndarray = (better + 1).astype(np.int64)
    return ranks
