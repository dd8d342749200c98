"""TOPSIS: closeness of each alternative to the ideal and anti-ideal solutions.

For example:

>>> from dpssec.mines.mcda import topsis
>>> topsis([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], [0.3, 0.4, 0.3], True).round(4)
array([0.5037, 0.6581, 0.7482, 0.334 ])
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Flag, calculator, example_by
from dpssec.boundary.fields import VALUES_EQ
from dpssec.mines.mcda.column_kernels import column_max, column_min, row_distances
from dpssec.mines.mcda.normalization import (
    BENEFIT,
    DECISION_MATRIX,
    NORMALIZATION,
    WEIGHTS,
    column_scaling,
    prepare_weighted,
)
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = ["TOPSIS_REFERENCE", "TopsisDetails", "topsis", "topsis_details"]

TOPSIS_REFERENCE = Reference(
    "Hwang & Yoon, Multiple Attribute Decision Making",
    "Springer 1981",
    "TOPSIS",
)
"""The method's source (formulas as in the reference ``mines.md`` §1.5)."""


def topsis_parts(
    x: Any,
    weights: np.ndarray,
    benefit: np.ndarray,
    normalization: str,
    *,
    low: Any = None,
    high: Any = None,
) -> tuple[Any, Any, Any, Any, Any]:
    """Closeness, both distances and the ideal and anti-ideal points of checked inputs.

    Returns ``(closeness, to_ideal, to_anti_ideal, ideal, anti_ideal)``, the last two in
    weighted normalised units (one value per criterion). numpy or dask, no per-row Python;
    ``low`` and ``high`` are the column minima and maxima of ``x`` if already known.
    """
    values, scale, offset = column_scaling(x, benefit, normalization, low=low, high=high)
    # Weighted normalised value v_ij = a_j * values_ij + b_j with a_j = w_j * scale_j. After
    # normalisation larger is better everywhere, so the ideal is the column max of v, reached
    # at the column max of the values where a_j >= 0 and at their min where a_j < 0.
    slope = weights * scale
    if normalization == "sum" or low is None or high is None:  # "sum": values are not x
        low = column_min(values)
        high = column_max(values)
    rising = slope >= 0
    best = np.where(rising, high, low)
    worst = np.where(rising, low, high)
    to_ideal, to_anti_ideal = row_distances(values, slope, best, worst)
    total = to_ideal + to_anti_ideal
    # total == 0 only when every alternative is identical on every weighted criterion:
    # they tie, and 0.5 (halfway) says so without a NaN.
    closeness = np.where(total > 0, to_anti_ideal / np.where(total > 0, total, 1.0), 0.5)
    shift = weights * offset
    return closeness, to_ideal, to_anti_ideal, slope * best + shift, slope * worst + shift


def topsis_kernel(
    x: Any,
    weights: np.ndarray,
    benefit: np.ndarray,
    normalization: str,
    *,
    low: Any = None,
    high: Any = None,
) -> Any:
    """Closeness coefficients of checked inputs (see :func:`topsis_parts`)."""
    return topsis_parts(x, weights, benefit, normalization, low=low, high=high)[0]


def _array(value: Any) -> Any:
    """Lists (read back from JSON) become float arrays; arrays, dask arrays stay as they are."""
    return np.asarray(value, dtype=float) if isinstance(value, list | tuple) else value


@example_by("topsis_details")
@attrs.frozen(eq=False)
class TopsisDetails(ResultMixin):
    """TOPSIS closeness with the distances and reference points it comes from.

    Attributes
    ----------
    closeness : ndarray
        ``C_i = D-_i / (D+_i + D-_i)`` per alternative, in [0, 1].
    distance_to_ideal : ndarray
        ``D+_i`` per alternative.
    distance_to_anti_ideal : ndarray
        ``D-_i`` per alternative.
    ideal : ndarray
        Ideal point ``A+`` per criterion, in weighted normalised units.
    anti_ideal : ndarray
        Anti-ideal point ``A-`` per criterion, in weighted normalised units.
    normalization : str
        Normalisation used.

    Arrays compare element-wise (NaN equal to NaN), so a JSON round trip can be asserted:
    ``from_json(to_json(d), TopsisDetails) == d``.
    """

    closeness: Any = attrs.field(converter=_array, eq=VALUES_EQ)
    distance_to_ideal: Any = attrs.field(converter=_array, eq=VALUES_EQ)
    distance_to_anti_ideal: Any = attrs.field(converter=_array, eq=VALUES_EQ)
    ideal: Any = attrs.field(converter=_array, eq=VALUES_EQ)
    anti_ideal: Any = attrs.field(converter=_array, eq=VALUES_EQ)
    normalization: str = "vector"
    reference: Reference = attrs.field(default=TOPSIS_REFERENCE, repr=False)

    def _columns(self) -> dict[str, Any]:
        return {
            "closeness": self.closeness,
            "distance_to_ideal": self.distance_to_ideal,
            "distance_to_anti_ideal": self.distance_to_anti_ideal,
        }


@calculator(
    elementwise=False,
    nan_policies=("raise",),
    matrix=DECISION_MATRIX,
    weights=WEIGHTS,
    benefit=BENEFIT,
    normalization=NORMALIZATION,
    normalize_weights=Flag(),
    example={
        "matrix": [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]],
        "weights": [0.3, 0.4, 0.3],
        "benefit": True,
    },
)
def topsis_details(
    matrix: Any,
    weights: Any,
    benefit: Any,
    *,
    normalization: str = "vector",
    normalize_weights: bool = False,
    nan_policy: str = "raise",
) -> TopsisDetails:
    """TOPSIS with its working shown: distances and the ideal and anti-ideal points.

    Parameters and checks are those of :func:`topsis`. To explain one alternative criterion
    by criterion, compare its weighted normalised values
    ``weights * normalize_criteria(matrix, benefit, normalization=...)`` with ``ideal`` and
    ``anti_ideal``: ``D+_i`` is the Euclidean norm of the gaps to ``ideal``.

    Returns
    -------
    TopsisDetails

    Examples
    --------
    >>> from dpssec.mines.mcda import topsis_details
    >>> d = topsis_details([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [False, True],
    ...                    normalization="minmax")
    >>> d.closeness.round(3), d.ideal, d.anti_ideal
    (array([0.5  , 0.617, 0.5  ]), array([0.5, 0.5]), array([0., 0.]))
    """
    arr, w, benefit_arr, low, high = prepare_weighted(
        matrix, weights, benefit, normalization, normalize_weights=normalize_weights
    )
    closeness, to_ideal, to_anti_ideal, ideal, anti_ideal = topsis_parts(
        arr, w, benefit_arr, normalization, low=low, high=high
    )
    return TopsisDetails(
        closeness=closeness,
        distance_to_ideal=to_ideal,
        distance_to_anti_ideal=to_anti_ideal,
        ideal=ideal,
        anti_ideal=anti_ideal,
        normalization=normalization,
    )


@calculator(
    elementwise=False,
    nan_policies=("raise",),
    matrix=DECISION_MATRIX,
    weights=WEIGHTS,
    benefit=BENEFIT,
    normalization=NORMALIZATION,
    normalize_weights=Flag(),
    example={
        "matrix": [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]],
        "weights": [0.3, 0.4, 0.3],
        "benefit": True,
    },
)
def topsis(
    matrix: Any,
    weights: Any,
    benefit: Any,
    *,
    normalization: str = "vector",
    normalize_weights: bool = False,
    nan_policy: str = "raise",
) -> Any:
    """Rank alternatives by their relative closeness to the ideal solution (TOPSIS).

    Parameters
    ----------
    matrix : array-like, shape (alternatives, criteria)
        Criterion values, one row per alternative (e.g. hazardous area), one column per
        criterion; a DataFrame, nested lists, an ndarray or a dask array (kept lazy).
    weights : array-like, shape (criteria,)
        Non-negative criterion weights summing to 1 (see ``normalize_weights``).
    benefit : bool or sequence of bool
        One flag per criterion: True when larger is better, False for a cost criterion (smaller
        is better). A single bool applies to every criterion.
    normalization : {"vector", "minmax", "max", "sum", "none"}
        How each criterion is scaled before weighting. Default "vector", the classic method of
        Hwang & Yoon. pymcdm defaults to "minmax", which can change the ranking.
    normalize_weights : bool
        If True, divide the weights by their sum; if False (default), weights that do not sum
        to 1 are an error, so that a typing mistake is not silently rescaled.
    nan_policy : {"raise"}
        A missing value is refused: it would move the ideal points and so every closeness.
        Fill it or drop the alternative first (:func:`~dpssec.mines.prioritisation.prioritise`
        offers ``nan_policy="omit"``).

    Returns
    -------
    ndarray, shape (alternatives,)
        Closeness coefficients ``C`` in [0, 1]; larger is better (rank them with :func:`rank`).

    Raises
    ------
    InputError
        Bad matrix, weights or benefit flags, or an unknown normalisation (the message names
        the parameter and the first bad row and column).

    Notes
    -----
    With ``n_ij`` the normalised values (cost criteria reversed, so larger is better
    everywhere; see :mod:`dpssec.mines.mcda.normalization`):

    ``v_ij = w_j n_ij``; ``A+_j = max_i v_ij``; ``A-_j = min_i v_ij``;
    ``D+_i = ||v_i - A+||``, ``D-_i = ||v_i - A-||``; ``C_i = D-_i / (D+_i + D-_i)``.

    For "vector" (and "none") this equals the classic formulation, which keeps the cost
    columns as they are and takes their minimum as the ideal. If every alternative is
    identical on every weighted criterion, all closeness values are 0.5 (a tie).

    References
    ----------
    Hwang, C. L. & Yoon, K. (1981), *Multiple Attribute Decision Making*, Springer.
    Reference ``mines.md`` §1.5 and §4.3 vectors 4-6.

    Examples
    --------
    Opricovic & Tzeng (2004): criterion 1 is a cost, criterion 2 a benefit. The two
    normalisations rank the alternatives differently:

    >>> from dpssec.mines.mcda import topsis
    >>> x = [[1, 3000], [2, 3750], [5, 4500]]
    >>> topsis(x, [0.5, 0.5], [False, True]).round(3)
    array([0.762, 0.722, 0.238])
    >>> topsis(x, [0.5, 0.5], [False, True], normalization="minmax").round(3)
    array([0.5  , 0.617, 0.5  ])
    """
    arr, w, benefit_arr, low, high = prepare_weighted(
        matrix, weights, benefit, normalization, normalize_weights=normalize_weights
    )
    return topsis_kernel(arr, w, benefit_arr, normalization, low=low, high=high)
