"""Analytic Hierarchy Process: criterion weights and consistency from pairwise judgements.

For example:

>>> from dpssec.mines.mcda import ahp
>>> result = ahp([[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]])
>>> result.weights.round(4), round(result.consistency_ratio, 4), result.consistent
(array([0.637 , 0.2583, 0.1047]), 0.0332, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Names,
    Number,
    Share,
    calculator,
    column_labels,
    example_by,
    parse_choice,
)
from dpssec.boundary.fields import VALUES_EQ
from dpssec.errors import InputError
from dpssec.mines.mcda.random_index import RANDOM_INDEX_TABLES, RandomIndexTable
from dpssec.references import Reference
from dpssec.rendering import ResultMixin, format_value

__all__ = [
    "AHP_METHODS",
    "AHP_REFERENCE",
    "AHPResult",
    "ConsistencyThresholds",
    "RECIPROCAL_TOLERANCE",
    "SAATY_SIZE_THRESHOLDS_UNVERIFIED",
    "ahp",
]

AHP_METHODS: tuple[str, ...] = ("eigen", "geometric-mean", "column-mean")
"""Weight-derivation methods: principal eigenvector (Saaty), row geometric mean, and mean of
the column-normalised rows (the "approximate" method)."""

AHP_REFERENCE = Reference(
    "Saaty, The Analytic Hierarchy Process",
    "McGraw-Hill 1980",
    "eigenvector weights, CI = (lambda_max - n)/(n - 1), CR = CI/RI, accept CR <= 0.10",
)
"""Source of the method and of the 0.10 consistency threshold (reference ``mines.md`` §1.5)."""


@example_by(lambda: SAATY_SIZE_THRESHOLDS_UNVERIFIED)
@attrs.frozen
class ConsistencyThresholds:
    """Consistency-ratio thresholds that depend on the matrix size, with their source.

    Parameters
    ----------
    by_size : tuple of (int, float)
        ``(n, threshold)`` pairs for the sizes with their own limit.
    default : float
        Threshold for every other size.
    reference : Reference
        Where the limits come from (with the verified flag).
    """

    by_size: tuple[tuple[int, float], ...]
    default: float
    reference: Reference

    def value(self, n: int) -> float:
        """Threshold for a matrix of size ``n``."""
        return float(dict(self.by_size).get(n, self.default))


SAATY_SIZE_THRESHOLDS_UNVERIFIED: ConsistencyThresholds = ConsistencyThresholds(
    by_size=((3, 0.05), (4, 0.08)),
    default=0.10,
    reference=Reference(
        "Saaty, consistency limits by matrix size",
        "as commonly quoted",
        "CR <= 0.05 for n = 3, 0.08 for n = 4, 0.10 otherwise",
        verified=False,
    ),
)
"""Stricter limits for small matrices, widely quoted but not read in a primary source
(reference ``mines.md`` §1.5 and §6): opt in with ``ahp(..., threshold=...)``."""

RECIPROCAL_TOLERANCE = 1e-3
"""Largest accepted ``|a_ij * a_ji - 1|``: judgements typed as 0.333 for 1/3 pass, 0.33 does not."""


def _float_array(value: Any) -> np.ndarray:
    arr = np.array(value, dtype=float)
    arr.flags.writeable = False
    return arr


@example_by("ahp")
@attrs.frozen(eq=False)
class AHPResult(ResultMixin):
    """Weights and consistency of an AHP pairwise comparison matrix.

    Attributes
    ----------
    weights : ndarray
        Criterion weights, summing to 1.
    lambda_max : float
        Principal eigenvalue of the matrix (whatever ``method`` derived the weights).
    consistency_index : float
        ``CI = (lambda_max - n) / (n - 1)`` (0 for n <= 2).
    consistency_ratio : float
        ``CR = CI / RI(n)`` (0 for n <= 2).
    consistent : bool
        ``CR <= threshold``.
    method : str
        Weight-derivation method.
    random_index : str
        Name of the random-index table.
    random_index_value : float
        RI(n) used.
    threshold : float
        Consistency threshold applied.
    criteria : tuple of str
        Criterion labels (``"0"``, ``"1"``, ... when none were given).
    reference : Reference
        Source of the random-index table (its verified flag carries over).
    threshold_reference : Reference
        Source of the consistency threshold (Saaty's 0.10 unless a preset was given).

    Examples
    --------
    >>> from dpssec.mines.mcda import ahp
    >>> result = ahp([[1, 3], [1/3, 1]], criteria=["victims", "access"])
    >>> result.criteria, result.weights.tolist(), result.consistent
    (('victims', 'access'), [0.75, 0.25], True)
    """

    weights: np.ndarray = attrs.field(converter=_float_array, eq=VALUES_EQ)
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    consistent: bool
    method: str = "eigen"
    random_index: str = "saaty1980"
    random_index_value: float = 0.0
    threshold: float = 0.10
    criteria: tuple[str, ...] = ()
    reference: Reference = AHP_REFERENCE
    threshold_reference: Reference = AHP_REFERENCE

    def _columns(self) -> dict[str, Any]:
        return {"criterion": list(self.criteria), "weight": self.weights}

    def __str__(self) -> str:
        verdict = "consistent" if self.consistent else "NOT consistent"
        width = max((len(c) for c in self.criteria), default=6)
        lines = [
            f"AHPResult ({self.method} weights, random index {self.random_index})",
            f"  lambda_max          {format_value(self.lambda_max)}",
            f"  consistency index   {format_value(self.consistency_index)}",
            f"  consistency ratio   {format_value(self.consistency_ratio)} "
            f"(RI = {format_value(self.random_index_value)}, threshold "
            f"{format_value(self.threshold)}: {verdict})",
            "  weights:",
        ]
        lines += [
            f"    {c.ljust(width)}  {w:.4f}"
            for c, w in zip(self.criteria, self.weights, strict=True)
        ]
        lines.append(f"  random index source: {self.reference}")
        lines.append(f"  threshold source: {self.threshold_reference}")
        return "\n".join(lines)


def check_pairwise(arr: np.ndarray) -> np.ndarray:
    """Refuse a converted (positive, finite) matrix that is not a square reciprocal one."""
    if arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        raise InputError(
            f"parameter 'matrix' must be a square pairwise comparison matrix; got shape {arr.shape}"
        )
    diagonal = np.abs(np.diag(arr) - 1.0) > RECIPROCAL_TOLERANCE
    if np.any(diagonal):
        i = int(np.argmax(diagonal))
        raise InputError(
            f"parameter 'matrix': the diagonal must be 1 (a criterion compared with itself); "
            f"entry ({i}, {i}) is {float(arr[i, i]):g}"
        )
    mismatch = np.abs(arr * arr.T - 1.0) > RECIPROCAL_TOLERANCE
    if np.any(mismatch):
        i, j = (int(k) for k in np.argwhere(mismatch)[0])
        raise InputError(
            f"parameter 'matrix' is not reciprocal: entry ({i}, {j}) is {float(arr[i, j]):g} and "
            f"entry ({j}, {i}) is {float(arr[j, i]):g}, but a_ji must equal 1/a_ij "
            f"(= {1.0 / float(arr[i, j]):g}); write fractions such as 1/3 rather than 0.33"
        )
    return arr


def _criteria_labels(criteria: Sequence[str] | None, n: int) -> tuple[str, ...]:
    if criteria is None:
        columns = column_labels("matrix")  # a DataFrame's columns name the criteria
        criteria = [str(c) for c in columns] if columns else [str(i) for i in range(n)]
    labels = tuple(str(c) for c in criteria)
    if len(labels) != n:
        raise InputError(
            f"parameter 'criteria' has {len(labels)} names but the matrix has {n} criteria"
        )
    return labels


def principal_eigen(arr: np.ndarray) -> tuple[float, np.ndarray]:
    """Perron eigenvalue and its eigenvector normalised to sum 1 (positive matrix)."""
    values, vectors = np.linalg.eig(arr)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    return float(values[k].real), vector / np.sum(vector)


_THRESHOLD = Share(positive=True)


@calculator(
    elementwise=False,
    nan_policies=("raise",),
    matrix=Number(ndim=(2,), positive=True, aligned=False),
    method=Choice(AHP_METHODS),
    criteria=Names(optional=True),
    example={"matrix": [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]},
)
def ahp(
    matrix: Any,
    *,
    method: str = "eigen",
    random_index: str | RandomIndexTable = "saaty1980",
    threshold: float | ConsistencyThresholds = 0.10,
    criteria: Sequence[str] | None = None,
    nan_policy: str = "raise",
) -> AHPResult:
    """Criterion weights and consistency ratio from an AHP pairwise comparison matrix.

    Parameters
    ----------
    matrix : array-like, shape (n, n)
        Pairwise judgements ``a_ij`` (how much more important criterion i is than j, usually
        on Saaty's 1/9..9 scale): positive, ``a_ii = 1`` and reciprocal ``a_ji = 1/a_ij``
        (within :data:`RECIPROCAL_TOLERANCE`). A DataFrame's column labels name the criteria.
    method : {"eigen", "geometric-mean", "column-mean"}
        How weights are derived: "eigen" (default), Saaty's principal right eigenvector;
        "geometric-mean", the normalised geometric mean of each row (logarithmic least
        squares); "column-mean", the mean of each row after normalising every column to sum
        1 (pyDecision's default). The three coincide for a perfectly consistent matrix and
        "eigen" and "geometric-mean" coincide for n <= 3.
    random_index : {"saaty1980", "saaty2005", "donegan-dodd", "tummala-ling"} or RandomIndexTable
        Table of random consistency indices RI(n) (:data:`RANDOM_INDEX_TABLES`). Default
        "saaty1980". pymcdm uses "tummala-ling", AHPy "donegan-dodd".
    threshold : float or ConsistencyThresholds
        Largest consistency ratio accepted as consistent; default 0.10 (Saaty). A
        :class:`ConsistencyThresholds` preset such as
        :data:`SAATY_SIZE_THRESHOLDS_UNVERIFIED` picks the limit by matrix size; its source is
        reported in ``threshold_reference``.
    criteria : sequence of str, optional
        Criterion names for the result's table (default "0", "1", ...).
    nan_policy : {"raise"}
        A missing judgement is refused (the method needs the full matrix).

    Returns
    -------
    AHPResult
        ``weights``, ``lambda_max``, ``consistency_index``, ``consistency_ratio``,
        ``consistent`` and the method, table and threshold used.

    Raises
    ------
    InputError
        A matrix that is not square, positive and reciprocal with unit diagonal (the message
        names the first bad entry); an unknown method or table; a threshold outside (0, 1];
        a matrix larger than the random-index table covers (n > 10 for the built-in ones).

    Notes
    -----
    ``lambda_max`` is the principal eigenvalue of the matrix whatever the weighting method,
    because consistency is a property of the judgements: ``CI = (lambda_max - n)/(n - 1)``,
    ``CR = CI / RI(n)``; for n <= 2 every reciprocal matrix is consistent and CI = CR = 0.
    ``lambda_max >= n`` for a positive reciprocal matrix, so rounding noise below n is
    clipped to CI = 0. A CR above the threshold means the judgements should be revisited,
    not that the weights are wrong by a known amount; the weights are still returned.

    References
    ----------
    Saaty, T. L. (1980), *The Analytic Hierarchy Process*, McGraw-Hill. Reference
    ``mines.md`` §1.5 (random-index tables) and §4.3 vectors 1-3.

    Examples
    --------
    Saaty's (2008) drinks matrix has the same CI under every table, but a different CR:

    >>> from dpssec.mines.mcda import ahp
    >>> a = [[1, 9, 5, 2, 1, 1, 1/2], [1/9, 1, 1/3, 1/9, 1/9, 1/9, 1/9],
    ...      [1/5, 3, 1, 1/3, 1/4, 1/3, 1/9], [1/2, 9, 3, 1, 1/2, 1, 1/3],
    ...      [1, 9, 4, 2, 1, 2, 1/2], [1, 9, 3, 1, 1/2, 1, 1/3], [2, 9, 9, 3, 2, 3, 1]]
    >>> round(ahp(a).consistency_ratio, 4), round(ahp(a, random_index="donegan-dodd").consistency_ratio, 4)
    (0.0223, 0.0235)
    """
    if isinstance(random_index, RandomIndexTable):
        table = random_index
    else:
        name = parse_choice(random_index, tuple(RANDOM_INDEX_TABLES), "random_index")
        table = RANDOM_INDEX_TABLES[name]
    arr = check_pairwise(np.asarray(matrix))
    n = arr.shape[0]
    labels = _criteria_labels(criteria, n)
    if isinstance(threshold, ConsistencyThresholds):
        limit, threshold_reference = threshold.value(n), threshold.reference
    else:
        limit, threshold_reference = threshold, AHP_REFERENCE
    limit = _THRESHOLD.scalar(limit, "threshold")
    ri = table.value(n)
    lambda_max, eigen_weights = principal_eigen(arr)
    if not np.isfinite(lambda_max):
        raise InputError(
            "parameter 'matrix': its eigenvalue overflows; judgements belong on a scale such "
            "as Saaty's 1/9 to 9"
        )
    if method == "eigen":
        weights = eigen_weights
    elif method == "geometric-mean":
        geometric = np.exp(np.mean(np.log(arr), axis=1))
        weights = geometric / np.sum(geometric)
    else:
        weights = np.mean(arr / np.sum(arr, axis=0), axis=1)
    ci = max((lambda_max - n) / (n - 1), 0.0) if n > 2 else 0.0
    cr = ci / ri if n > 2 else 0.0
    return AHPResult(
        weights=weights,
        lambda_max=lambda_max,
        consistency_index=ci,
        consistency_ratio=cr,
        consistent=bool(cr <= limit),
        method=method,
        random_index=table.name,
        random_index_value=ri,
        threshold=float(limit),
        criteria=labels,
        reference=table.reference,
        threshold_reference=threshold_reference,
    )
