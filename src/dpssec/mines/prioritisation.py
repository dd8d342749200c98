"""Explained priority lists of hazardous areas: score, rank and every criterion's share.

Transparency is the most common complaint about prioritisation (donors in Croatia in 2004,
operators in Lao PDR): a priority list must say *why* an area comes first. :func:`prioritise`
scores a set of hazardous areas with either

* a :class:`~dpssec.mines.scoring.ScoringScheme` (IMSMA-style points such as
  :data:`~dpssec.mines.scoring.LIS_PRESET`): the score is the sum of the factors' points, so
  each factor's contribution is exact and additive; or
* a multi-criteria method, ``"weighted_sum"`` or ``"topsis"`` from :mod:`dpssec.mines.mcda`,
  with explicit criteria, weights (numbers, a mapping, or an AHP result) and benefit/cost
  flags. For a weighted sum the contribution of criterion j is ``w_j · r_ij`` (its normalised
  value times its weight) and they add up to the score; for TOPSIS the table gives each
  criterion's weighted normalised value ``v_ij`` and the result keeps the distances to the
  ideal and anti-ideal points from which the closeness is formed.

The result, :class:`Prioritisation`, lists the areas by rank (ties share the best rank; equal
scores are listed by id), so the same areas in any input order give the same table.

For example:

>>> from dpssec.mines.areas import HazardousArea
>>> from dpssec.mines.prioritisation import prioritise
>>> from dpssec.mines.scoring import LIS_PRESET
>>> areas = [HazardousArea("A", "SHA", 5e4, contamination=["UXO"], blocked_resources=["roads"]),
...          HazardousArea("B", "CHA", 2e4, contamination=["AP"], recent_victims=3)]
>>> result = prioritise(areas, LIS_PRESET)
>>> result.ids, result.rank.tolist(), result.score.tolist()
(('B', 'A'), [1, 2], [8.0, 2.0])
>>> print(result.explain("B"))
B: rank 1 of 2, score 8 (medium) with LIS mine impact score (unverified weights and bands) [unverified]
  recent victims (last 24 months): 3 x 2 = 6
  mines present: yes x 2 = 2
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Flag,
    Names,
    Size,
    Text,
    calculator,
    example_by,
    parse_choice,
    short_repr,
)
from dpssec.boundary.fields import VALUES_EQ
from dpssec.errors import InputError
from dpssec.mines.codes import BlockedResource
from dpssec.mines.criteria import (
    DISTANCE_CRITERIA,
    AreaLike,
    CriterionColumns,
    blocked_criterion,
    criterion_columns,
)
from dpssec.mines.mcda import (
    NORMALIZATIONS,
    TOPSIS_REFERENCE,
    WEIGHTED_SUM_REFERENCE,
    AHPResult,
    normalize_criteria,
    rank,
    topsis_details,
    weighted_sum,
)
from dpssec.mines.mcda.normalization import BENEFIT
from dpssec.mines.plots import plot_priorities
from dpssec.mines.scoring import FactorKind, ScoringScheme
from dpssec.references import Reference
from dpssec.rendering import ResultMixin, format_value

__all__ = [
    "METHODS",
    "Prioritisation",
    "ScenarioComparison",
    "compare_priorities",
    "default_benefit",
    "prioritise",
]

METHODS: tuple[str, ...] = ("weighted_sum", "topsis")
"""Multi-criteria methods :func:`prioritise` accepts by name."""

_DECIMALS = 12  # scores are rounded to this many decimals before ranking (summation order noise)


def _matrix_field() -> Any:
    return attrs.field(converter=np.asarray, eq=VALUES_EQ)


@example_by("prioritise")
@attrs.frozen(kw_only=True, eq=False)
class Prioritisation(ResultMixin):
    """A ranked list of hazardous areas with the reasons for each position.

    Rows are in rank order (rank 1 first; equal scores share the best rank and are listed by
    id). ``to_frame()`` gives one row per area, indexed by its id, with its rank, score and
    category, each criterion's input value under the criterion's name (``affected_population``
    is the number of people) and its part of the score under ``<criterion>_contribution``.

    Attributes
    ----------
    ids : tuple of str
        Area ids in rank order.
    rank : ndarray of int
        1-based ranks (ties share the best rank).
    score : ndarray
        Scheme points, weighted sum or TOPSIS closeness.
    category : tuple of str
        Band label of each score (empty strings when the method has no bands).
    criteria : tuple of str
        Criterion names (columns of ``values`` and ``contributions``).
    labels : tuple of str
        Human-readable criterion labels.
    values : ndarray, shape (areas, criteria)
        Raw criterion values.
    contributions : ndarray, shape (areas, criteria)
        Each criterion's part of the score (scheme: ``w p``; weighted sum: ``w r``; TOPSIS: the
        weighted normalised value ``v``).
    weights : ndarray
        Weights used (after any normalisation of the weights).
    benefit : tuple of bool
        Larger is more urgent (True) or smaller is (False, e.g. distances).
    method : str
        Scheme name or method with its normalisation.
    reference : Reference or None
        Source of the scheme or method.
    verified : bool
        False when the scheme's weights or bands are unverified.
    kinds : tuple of str
        Schemes only: each factor's kind ("count", "yes/no", "value"), for the explanations.
    distance_to_ideal, distance_to_anti_ideal : ndarray or None
        TOPSIS only: ``D+`` and ``D-`` (closeness = ``D- / (D+ + D-)``).
    not_scored : tuple of tuple of str
        For each row, the blocked resources recorded for the area that the scheme or the
        chosen criteria have no factor for (e.g. ``("schools",)`` under
        :data:`~dpssec.mines.scoring.LIS_PRESET`, which scores only the ten LIS blockages).
        They add nothing to the score; the explanation and ``to_frame()`` list them so that
        they do not vanish silently. Empty when a ``blocked_resources`` count is scored.

    Examples
    --------
    >>> from dpssec.mines.areas import HazardousArea
    >>> from dpssec.mines.prioritisation import prioritise
    >>> from dpssec.mines.scoring import LIS_PRESET
    >>> result = prioritise([HazardousArea("A", "SHA", 100, blocked_resources=["roads"]),
    ...                      HazardousArea("B", "SHA", 100, blocked_resources=["schools"])],
    ...                     LIS_PRESET)
    >>> result.ids, result.score.tolist(), result.not_scored
    (('A', 'B'), [1.0, 0.0], ((), ('schools',)))
    """

    ids: tuple[str, ...]
    rank: np.ndarray = _matrix_field()
    score: np.ndarray = _matrix_field()
    category: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    values: np.ndarray = _matrix_field()
    contributions: np.ndarray = _matrix_field()
    weights: np.ndarray = _matrix_field()
    benefit: tuple[bool, ...] = ()
    method: str = ""
    reference: Reference | None = None
    verified: bool = True
    kinds: tuple[str, ...] = ()
    distance_to_ideal: np.ndarray | None = attrs.field(default=None, eq=VALUES_EQ)
    distance_to_anti_ideal: np.ndarray | None = attrs.field(default=None, eq=VALUES_EQ)
    not_scored: tuple[tuple[str, ...], ...] = ()

    def __len__(self) -> int:
        return len(self.ids)

    def _columns(self) -> dict[str, Any]:
        columns: dict[str, Any] = {
            "id": list(self.ids),
            "rank": self.rank,
            "score": self.score,
        }
        if any(self.category):
            columns["category"] = list(self.category)
        for j, name in enumerate(self.criteria):
            columns[name] = self.values[:, j]
            columns[f"{name}_contribution"] = self.contributions[:, j]
        if any(self.not_scored):
            columns["not_scored"] = ["; ".join(names) for names in self.not_scored]
        return columns

    def _index_columns(self) -> tuple[str, ...]:
        return ("id",)

    def _display_columns(self) -> dict[str, Any]:
        """Rank, id, score and category, then each criterion's contribution (the reasons)."""
        columns: dict[str, Any] = {"rank": self.rank, "id": list(self.ids), "score": self.score}
        if any(self.category):
            columns["category"] = list(self.category)
        for j, name in enumerate(self.criteria):
            columns[name] = self.contributions[:, j]
        if any(self.not_scored):
            columns["not_scored"] = ["; ".join(names) for names in self.not_scored]
        return columns

    def to_text(self, max_rows: int | None = 20) -> str:
        flag = "" if self.verified else " [unverified weights or bands]"
        head = f"Prioritisation with {self.method}{flag}"
        body = super().to_text(max_rows).split("\n", 1)[1]
        return f"{head}\n{body}"

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Each area's score stacked by criterion contribution, in rank order; the Axes.

        Keywords (``top``, ``title``) are those of :func:`dpssec.mines.plots.plot_priorities`;
        others go to matplotlib for the bar segments.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.mines.areas import HazardousArea
        >>> from dpssec.mines.prioritisation import prioritise
        >>> from dpssec.mines.scoring import LIS_PRESET
        >>> result = prioritise([HazardousArea("B", "CHA", 2e4, contamination=["AP"],
        ...                                    recent_victims=3)], LIS_PRESET)
        >>> [float(p.get_width()) for p in result.plot().patches]
        [6.0, 2.0]
        """

        return plot_priorities(self, ax, **kwargs)

    def position(self, area_id: str) -> int:
        """Row index of ``area_id`` in the ranked table."""
        try:
            return self.ids.index(area_id)
        except ValueError:
            raise InputError(f"no area with id {area_id!r} in this prioritisation") from None

    def top(self, n: int) -> tuple[str, ...]:
        """Ids of the first ``n`` rows (``n`` a whole number >= 0)."""
        return self.ids[: Size().convert(n, "n")]

    def explain(self, area_id: str) -> str:
        """Why ``area_id`` has its rank: one line per criterion that contributes to its score."""
        i = self.position(area_id)
        category = f" ({self.category[i]})" if self.category and self.category[i] else ""
        flag = "" if self.verified else " [unverified]"
        lines = [
            f"{area_id}: rank {self.rank[i]} of {len(self.ids)}, score "
            f"{format_value(self.score[i])}{category} with {self.method}{flag}"
        ]
        for j, label in enumerate(self.labels):
            value, part = self.values[i, j], self.contributions[i, j]
            kind = self.kinds[j] if self.kinds else ""
            if kind in (FactorKind.COUNT.value, FactorKind.VALUE.value, FactorKind.YES_NO.value):
                if part == 0:
                    continue
                shown = "yes" if kind == FactorKind.YES_NO.value else format_value(value)
                lines.append(
                    f"  {label}: {shown} x {format_value(self.weights[j])} = {format_value(part)}"
                )
            elif self.distance_to_ideal is None:
                normalised = part / self.weights[j] if self.weights[j] else 0.0
                lines.append(
                    f"  {label}: {format_value(value)} -> normalised {format_value(normalised)} "
                    f"x weight {format_value(self.weights[j])} = {format_value(part)}"
                )
            else:
                lines.append(
                    f"  {label}: {format_value(value)} -> weighted normalised "
                    f"{format_value(part)} (best {format_value(self.contributions[:, j].max())}, "
                    f"worst {format_value(self.contributions[:, j].min())})"
                )
        if self.distance_to_ideal is not None and self.distance_to_anti_ideal is not None:
            d_plus, d_minus = self.distance_to_ideal[i], self.distance_to_anti_ideal[i]
            lines.append(
                f"  closeness = D- / (D+ + D-) = {format_value(d_minus)} / "
                f"({format_value(d_plus)} + {format_value(d_minus)}) = {format_value(self.score[i])}"
            )
        if len(lines) == 1:
            lines.append("  no criterion contributes: every factor is zero")
        unscored = self.not_scored[i] if self.not_scored else ()
        if unscored:
            what = "this scheme" if self.kinds else "the chosen criteria"
            lines.append(
                f"  {len(unscored)} blocked resource(s) not scored by {what}: "
                + ", ".join(unscored)
            )
        return "\n".join(lines)


@calculator(criterion=Text(), example={"criterion": "distance_to_school"})
def default_benefit(criterion: str) -> bool:
    """Default direction of a criterion: distances are costs (closer is more urgent), the rest
    (victims, population, blocked resources, contamination, area) are benefits (more is more
    urgent).

    Parameters
    ----------
    criterion : str
        A criterion name, as in :func:`dpssec.mines.criteria.criteria_table`.

    Returns
    -------
    bool
        True when a larger value makes an area more urgent.

    Examples
    --------
    >>> from dpssec.mines.prioritisation import default_benefit
    >>> default_benefit("recent_victims"), default_benefit("distance_to_school")
    (True, False)
    """
    return criterion not in DISTANCE_CRITERIA


def _read_areas(areas: Any, id_column: str) -> tuple[Any, np.ndarray]:
    """The table (areas or the caller's columns) and its ids (a str array), checked."""
    if isinstance(areas, Mapping) or hasattr(areas, "columns"):
        if id_column not in (areas.keys() if hasattr(areas, "keys") else areas.columns):
            raise InputError(
                f"parameter 'id_column': the table of areas has no {id_column!r} column to "
                "identify the areas"
            )
        column = areas[id_column]
        ids = np.atleast_1d(np.asarray(getattr(column, "to_numpy", lambda: column)())).astype(str)
        table = areas
    elif isinstance(areas, Sequence) and not isinstance(areas, str | bytes):
        items = list(areas)
        for position, area in enumerate(items):
            if not isinstance(area, AreaLike):
                raise InputError(
                    f"areas: expected HazardousArea objects; item {position} is "
                    f"{type(area).__name__}"
                )
        table = items
        ids = np.array([a.id for a in items], dtype=str)
    else:
        raise InputError(
            "areas must be a list of HazardousArea or a table (dict of columns or DataFrame) "
            f"with an {id_column!r} column; got {type(areas).__name__}"
        )
    if ids.ndim != 1 or ids.size == 0:
        raise InputError("areas: nothing to prioritise (no areas given)")
    blank = np.char.strip(ids) == ""
    if blank.any():
        k = int(np.argmax(blank))
        raise InputError(
            f"areas: {int(blank.sum())} of {ids.size} ids are empty (first at row {k + 1}); "
            "every area needs a non-empty id"
        )
    by_id = np.argsort(ids, kind="stable")
    repeated = ids[by_id][1:] == ids[by_id][:-1]
    if repeated.any():
        k = int(np.argmax(repeated))
        first, second = sorted((int(by_id[k]), int(by_id[k + 1])))
        raise InputError(
            f"areas: id {str(ids[first])!r} appears twice (rows {first + 1} and {second + 1}, "
            "counting from 1); ids must be unique so the ranking can name each area"
        )
    return table, ids


def _not_scored(
    columns: Mapping[str, Any], size: int, criteria: Sequence[str]
) -> list[tuple[str, ...]]:
    """Per area, the blocked resources it records that no scored criterion covers."""
    if "blocked_resources" in criteria:  # the count covers every blocked resource
        return [()] * size
    left_out = [
        (resource.value, blocked_criterion(resource))
        for resource in BlockedResource
        if blocked_criterion(resource) in columns and blocked_criterion(resource) not in criteria
    ]
    if not left_out:
        return [()] * size
    present = np.column_stack([np.asarray(columns[c], dtype=float) > 0 for _, c in left_out])
    return [
        tuple(name for (name, _), yes in zip(left_out, row, strict=True) if yes) for row in present
    ]


def _in_order(rows: list[tuple[str, ...]], order: np.ndarray) -> tuple[tuple[str, ...], ...]:
    return tuple(rows[int(k)] for k in order)


def _ranked(ids: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row order (best first, equal scores by id) and competition ranks, order-independent."""
    rounded = np.round(np.asarray(score, dtype=float), _DECIMALS)
    order = np.lexsort((ids, -rounded))
    return order, rank(rounded)


def _weights_for(
    weights: Any, criteria: Sequence[str] | None
) -> tuple[Any, tuple[str, ...] | None]:
    if isinstance(weights, AHPResult):
        names = criteria if criteria is not None else weights.criteria
        return weights.weights, tuple(names)
    if isinstance(weights, Mapping):
        names = tuple(weights) if criteria is None else tuple(criteria)
        missing = [c for c in names if c not in weights]
        if missing:
            raise InputError(
                f"parameter 'weights': no weight for criterion {short_repr(missing[0])} (named "
                "in 'criteria')"
            )
        return [weights[c] for c in names], names
    return weights, None if criteria is None else tuple(criteria)


_EXAMPLE_TABLE = {
    "id": ["A", "B", "C"],
    "recent_victims": [0, 4, 1],
    "distance_to_settlement": [200.0, 1500.0, 100.0],
}


@calculator(
    elementwise=False,
    criteria=Names(optional=True),
    normalization=Choice(NORMALIZATIONS, optional=True, aliases={"min-max": "minmax"}),
    normalize_weights=Flag(),
    id_column=Text(),
    example={
        "areas": _EXAMPLE_TABLE,
        "scheme_or_method": "weighted_sum",
        "weights": {"recent_victims": 0.6, "distance_to_settlement": 0.4},
    },
)
def prioritise(
    areas: Any,
    scheme_or_method: ScoringScheme | str,
    *,
    criteria: Sequence[str] | None = None,
    weights: Any = None,
    benefit: Any = None,
    normalization: str | None = None,
    normalize_weights: bool = False,
    id_column: str = "id",
    nan_policy: str = "raise",
) -> Prioritisation:
    """Rank hazardous areas and explain each position criterion by criterion.

    Parameters
    ----------
    areas : sequence of HazardousArea, or table
        The areas; a table is a mapping of columns (``dict`` or pandas DataFrame) with an id
        column and one column per criterion (names as in
        :func:`dpssec.mines.criteria.criteria_table`). Each known column is read with its
        rule (:data:`~dpssec.mines.criteria.CRITERION_SPECS`), so an ``area`` column may hold
        ``"1.2 ha"`` and a distance ``"1.5 km"``, as in the command line's CSV reader.
    scheme_or_method : ScoringScheme or {"weighted_sum", "topsis"}
        A points scheme (e.g. :data:`~dpssec.mines.scoring.LIS_PRESET`) or the name of a
        multi-criteria method of :mod:`dpssec.mines.mcda`.
    criteria : sequence of str, optional
        Methods only: the criterion columns to use (default: the keys of a mapping of weights
        or the criteria of an AHP result). One name is one criterion.
    weights : array-like, mapping or AHPResult
        Methods only: one weight per criterion, summing to 1 unless ``normalize_weights``.
    benefit : bool, sequence of bool or mapping, optional
        Methods only: True where a larger value makes an area more urgent. Default:
        :func:`default_benefit` (distances are costs, everything else a benefit).
    normalization : str, optional
        Methods only: passed to the method; default that method's own ("minmax" for the
        weighted sum, "vector" for TOPSIS; see :mod:`dpssec.mines.mcda.normalization`).
    normalize_weights : bool
        Methods only: divide the weights by their sum instead of refusing a sum other than 1.
    id_column : str
        Name of the id column of a table.
    nan_policy : {"raise", "omit"}
        An area with a missing value in a scored criterion (an unknown distance, an empty
        cell): refused (default), or left out of the ranking with a
        :class:`~dpssec.errors.DataQualityWarning` naming how many and the first id.

    Returns
    -------
    Prioritisation

    Raises
    ------
    InputError
        Duplicate or missing ids, a missing criterion, bad values (negative counts, NaN in a
        criterion such as an unknown distance), weights that do not match the criteria, do
        not sum to 1 or name no criterion, an unknown method.

    Notes
    -----
    Scores: scheme ``S_i = Σ_f w_f p_if`` (GICHD IMSMA Impact Scoring Tool); weighted sum
    ``S_i = Σ_j w_j r_ij``; TOPSIS ``C_i = D_i⁻ / (D_i⁺ + D_i⁻)`` (Hwang & Yoon 1981).
    Ranking: ``rank_i = 1 + #{k : S_k > S_i}`` on scores rounded to 12 decimals, so
    floating-point noise from the order of a column sum cannot break a tie differently when
    the rows are shuffled.

    Examples
    --------
    >>> from dpssec.mines.prioritisation import prioritise
    >>> table = {"id": ["A", "B", "C"], "recent_victims": [0, 4, 1],
    ...          "distance_to_settlement": [200.0, 1500.0, 100.0]}
    >>> result = prioritise(table, "weighted_sum",
    ...                     weights={"recent_victims": 0.6, "distance_to_settlement": 0.4})
    >>> result.ids
    ('B', 'C', 'A')
    >>> print(result.explain("C"))
    C: rank 2 of 3, score 0.55 with weighted_sum (minmax normalisation)
      recent victims: 1 -> normalised 0.25 x weight 0.6 = 0.15
      distance to settlement: 100 -> normalised 1 x weight 0.4 = 0.4

    A DataFrame with areas in hectares and an unknown distance, leaving that area out:

    >>> import pandas as pd, warnings
    >>> from dpssec.errors import DataQualityWarning
    >>> warnings.simplefilter("ignore", DataQualityWarning)  # it says: 1 of 3 areas omitted
    >>> frame = pd.DataFrame({"id": ["A", "B", "C"], "area": ["1.2 ha", "300", "2 ha"],
    ...                       "distance_to_road": [50.0, None, 800.0]})
    >>> prioritise(frame, "topsis", weights={"area": 0.5, "distance_to_road": 0.5},
    ...            nan_policy="omit").ids
    ('A', 'C')
    """
    table, ids = _read_areas(areas, id_column)
    if isinstance(scheme_or_method, ScoringScheme):
        if weights is not None or criteria is not None or benefit is not None:
            raise InputError(
                "criteria, weights and benefit belong to a method; a ScoringScheme carries "
                "its own factors and weights"
            )
        read = criterion_columns(
            table,
            scheme_or_method.criteria,
            ids=ids,
            specs=scheme_or_method.specs,
            check_all=True,
            nan_policy=nan_policy,
            function="prioritise",
            parameter="areas",
        )
        return _with_scheme(read, scheme_or_method)
    if not isinstance(scheme_or_method, str):
        raise InputError(
            "scheme_or_method must be a ScoringScheme or one of "
            f"{', '.join(map(repr, METHODS))}; got {type(scheme_or_method).__name__}"
        )
    method = parse_choice(scheme_or_method, METHODS, "scheme_or_method")
    if weights is None:
        raise InputError(f"{method} needs weights (one per criterion)")
    weight_values, names = _weights_for(weights, criteria)
    if names is None:
        raise InputError(f"{method} needs the criteria names (or weights given as a mapping)")
    if not names:
        raise InputError(
            f"{method} needs at least one criterion ('criteria', or the keys of 'weights')"
        )
    read = criterion_columns(
        table,
        names,
        ids=ids,
        check_all=True,
        nan_policy=nan_policy,
        function="prioritise",
        parameter="areas', 'criteria' or 'weights",
    )
    return _with_method(
        read,
        method,
        weights=weight_values,
        names=names,
        benefit=benefit,
        normalization=normalization,
        normalize_weights=normalize_weights,
    )


def _with_scheme(read: CriterionColumns, scheme: ScoringScheme) -> Prioritisation:
    assert read.ids is not None
    ids = read.ids
    n = ids.size
    criteria = scheme.criteria
    points = scheme.points_of(read.columns)
    # Points are the values themselves for count factors and 0/1 for yes/no factors, which is
    # what an explanation shows ("3 x 2", "yes x 1").
    values = np.column_stack([np.asarray(points[name], dtype=float) for name in criteria])
    scale = float(scheme.weights.sum()) if scheme.aggregation == "mean" else 1.0
    weights = scheme.weights / scale
    parts = values * weights
    score = values @ scheme.weights
    if scheme.aggregation == "mean":
        score = score / scale
    if not np.all(np.isfinite(score)):
        raise InputError(
            "prioritise: the scores overflow (criterion values too large for 64-bit floats)"
        )
    order, ranks = _ranked(ids, score)
    category = tuple(scheme.category(score[order])) if scheme.bands else ("",) * n
    return Prioritisation(
        ids=tuple(ids[order].tolist()),
        rank=ranks[order],
        score=score[order],
        category=category,
        criteria=criteria,
        labels=tuple(f.title for f in scheme.factors),
        values=values[order],
        contributions=parts[order],
        weights=weights,
        benefit=(True,) * len(criteria),
        method=scheme.name or "scoring scheme",
        reference=scheme.reference,
        verified=scheme.verified,
        kinds=tuple(f.kind.value for f in scheme.factors),
        not_scored=_in_order(_not_scored(read.columns, n, criteria), order),
    )


def _benefit_flags(benefit: Any, names: tuple[str, ...]) -> np.ndarray:
    if benefit is None:
        return np.array([default_benefit(c) for c in names])
    if isinstance(benefit, Mapping):
        missing = [c for c in names if c not in benefit]
        if missing:
            raise InputError(f"benefit: no direction for criterion {missing[0]!r}")
        benefit = [benefit[c] for c in names]
    flags = BENEFIT.convert(benefit, "benefit")
    if np.ndim(flags) == 0:
        return np.full(len(names), bool(flags))
    if len(flags) != len(names):
        raise InputError(f"benefit has {len(flags)} flags but there are {len(names)} criteria")
    return np.asarray(flags, dtype=bool)


def _with_method(
    read: CriterionColumns,
    method: str,
    *,
    weights: Any,
    names: tuple[str, ...],
    benefit: Any,
    normalization: str | None,
    normalize_weights: bool,
) -> Prioritisation:
    assert read.ids is not None
    ids = read.ids
    matrix = np.column_stack([np.asarray(read.columns[name], dtype=float) for name in names])
    flags = _benefit_flags(benefit, names)
    chosen = normalization or ("minmax" if method == "weighted_sum" else "vector")
    options: dict[str, Any] = {"normalization": chosen, "normalize_weights": normalize_weights}
    d_plus = d_minus = None
    if method == "weighted_sum":
        reference = WEIGHTED_SUM_REFERENCE
        score = np.array(weighted_sum(matrix, weights, flags, **options), dtype=float)
    else:
        reference = TOPSIS_REFERENCE
        details = topsis_details(matrix, weights, flags, **options)
        score = np.array(details.closeness, dtype=float)
        d_plus = np.asarray(details.distance_to_ideal, dtype=float)
        d_minus = np.asarray(details.distance_to_anti_ideal, dtype=float)
    w = np.atleast_1d(np.asarray(weights, dtype=float))
    if normalize_weights:
        w = w / w.sum()
    # Weighted normalised values: a weighted sum's additive parts, TOPSIS's coordinates.
    contributions = np.asarray(normalize_criteria(matrix, flags, normalization=chosen)) * w
    order, ranks = _ranked(ids, score)
    return Prioritisation(
        ids=tuple(ids[order].tolist()),
        rank=ranks[order],
        score=score[order],
        category=("",) * ids.size,
        criteria=names,
        labels=tuple(n.replace("_", " ") for n in names),
        values=matrix[order],
        contributions=contributions[order],
        weights=w,
        benefit=tuple(bool(f) for f in flags),
        method=f"{method} ({chosen} normalisation)",
        reference=reference,
        verified=reference.verified,
        distance_to_ideal=None if d_plus is None else d_plus[order],
        distance_to_anti_ideal=None if d_minus is None else d_minus[order],
        not_scored=_in_order(_not_scored(read.columns, ids.size, names), order),
    )


@example_by(lambda: _example_comparison())
@attrs.frozen(kw_only=True, eq=False)
class ScenarioComparison(ResultMixin):
    """Ranks of the same areas under several scenarios (schemes, weights or methods).

    Attributes
    ----------
    ids : tuple of str
        Area ids, in the order of the first scenario's ranking.
    scenarios : tuple of str
        Scenario names.
    ranks : ndarray of int, shape (areas, scenarios)
        Rank of each area under each scenario.
    largest_shift : ndarray of int
        Largest difference between an area's ranks across scenarios.
    verified : tuple of bool
        Whether each scenario rests on verified weights and bands.
    """

    ids: tuple[str, ...]
    scenarios: tuple[str, ...]
    ranks: np.ndarray = _matrix_field()
    largest_shift: np.ndarray = _matrix_field()
    verified: tuple[bool, ...] = ()

    def _columns(self) -> dict[str, Any]:
        columns: dict[str, Any] = {"id": list(self.ids)}
        for j, name in enumerate(self.scenarios):
            flag = "" if self.verified[j] else " [unverified]"
            columns[f"rank: {name}{flag}"] = self.ranks[:, j]
        columns["largest_shift"] = self.largest_shift
        return columns


def compare_priorities(results: Mapping[str, Prioritisation]) -> ScenarioComparison:
    """Put the rankings of the same areas under several scenarios side by side.

    Different mandates (casualty reduction, water access, treaty completion) call for
    different weights; showing how far each area moves between them is part of a transparent
    prioritisation.

    Parameters
    ----------
    results : mapping of scenario name -> Prioritisation
        Rankings of the same set of areas (at least two).

    Returns
    -------
    ScenarioComparison

    Raises
    ------
    InputError
        Fewer than two scenarios, or rankings of different sets of areas.

    Examples
    --------
    >>> from dpssec.mines.prioritisation import compare_priorities, prioritise
    >>> from dpssec.mines.scoring import ScoringScheme
    >>> table = {"id": ["A", "B", "C"], "recent_victims": [2, 0, 1],
    ...          "blocked_drinking_water": [0, 1, 1]}
    >>> victims = prioritise(table, ScoringScheme({"recent_victims": 1}))
    >>> water = prioritise(table, ScoringScheme([("blocked_drinking_water", 1, "yes/no")]))
    >>> c = compare_priorities({"victims": victims, "water": water})
    >>> c.ids, c.ranks.tolist(), c.largest_shift.tolist()
    (('A', 'C', 'B'), [[1, 3], [2, 1], [3, 1]], [2, 1, 2])
    """
    if not isinstance(results, Mapping):
        raise InputError(
            "compare_priorities takes a mapping of scenario name -> Prioritisation; got "
            f"{type(results).__name__}"
        )
    names = tuple(results)
    if len(names) < 2:
        raise InputError("compare_priorities needs at least two scenarios")
    for name in names:
        if not isinstance(results[name], Prioritisation):
            raise InputError(
                f"scenario {name!r}: expected a Prioritisation; got {type(results[name]).__name__}"
            )
    first = results[names[0]]
    reference_ids = set(first.ids)
    columns = []
    for name in names:
        result = results[name]
        if set(result.ids) != reference_ids:
            extra = sorted(set(result.ids) ^ reference_ids)
            raise InputError(
                f"scenario {name!r} ranks different areas from {names[0]!r} "
                f"(first difference: {extra[0]!r})"
            )
        position = {area_id: k for k, area_id in enumerate(result.ids)}
        columns.append(np.array([result.rank[position[i]] for i in first.ids]))
    ranks = np.column_stack(columns)
    return ScenarioComparison(
        ids=first.ids,
        scenarios=names,
        ranks=ranks,
        largest_shift=ranks.max(axis=1) - ranks.min(axis=1),
        verified=tuple(results[n].verified for n in names),
    )


def _example_comparison() -> ScenarioComparison:
    """The declared example: three areas ranked by victims and by blocked water."""
    table = {
        "id": ["A", "B", "C"],
        "recent_victims": [2, 0, 1],
        "blocked_drinking_water": [0, 1, 1],
    }
    victims = prioritise(table, ScoringScheme({"recent_victims": 1}))
    water = prioritise(table, ScoringScheme([("blocked_drinking_water", 1, "yes/no")]))
    return compare_priorities({"victims": victims, "water": water})
