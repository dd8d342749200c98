"""Impact scoring in the IMSMA style: weighted factors, configurable bands, named presets.

A :class:`ScoringScheme` is a set of :class:`Factor` s, each a criterion with a weight that is
either a *count* (the value is used as it is, e.g. recent victims) or a *yes/no* (it counts 1
when the value is positive, e.g. "drinking water blocked"), and a list of :class:`Band` s that
turn a score into a category (low / medium / high). The score of a subject is

    S = Σ_f w_f · p_f,   p_f = x_f for a count factor, p_f = [x_f > 0] for a yes/no factor,

as in the GICHD IMSMA NG Impact Scoring Tool (a factor counts once per location however many
linked items satisfy it). A scheme may instead average (``aggregation="mean"``:
S = Σ w_f p_f / Σ w_f), which is how programme-performance scores are formed.

Presets (named, overridable, each with its :class:`~dpssec.references.Reference`):

* :data:`LIS_PRESET` (alias ``SAC_LIS_1999_UNVERIFIED``): the Landmine Impact Survey mine
  impact score as widely quoted: 2 points per recent victim, 2 if mines are present, 1 if UXO
  is present, 1 per blocked resource type (ten types); bands 1–5 low, 6–10 medium, ≥ 11 high.
  **Unverified**: no primary source for the weights and bands has been read, so the preset
  and everything scored with it say ``verified=False``.
* :data:`LM_PERFORMANCE_2014`: Landmine Monitor "Mine Action Program Performance" (2014): ten
  criteria scored 0–10, unweighted mean, bands 0–3.9 very poor, 4.0–4.9 poor, 5.0–6.9
  average, ≥ 7.0 good; :data:`LM_PERFORMANCE_2015` adds ≥ 8.0 very good (the Mine Action
  Review bands).

For example (the three LIS worked examples of the project's mine-action reference):

>>> from dpssec.mines.areas import HazardousArea
>>> from dpssec.mines.scoring import LIS_PRESET, impact_score, impact_category
>>> areas = [
...     HazardousArea("a", "SHA", 1e4, contamination=["AP"], blocked_resources=["roads", "housing"]),
...     HazardousArea("b", "CHA", 1e4, contamination=["AP", "UXO"], recent_victims=2,
...                   blocked_resources=["roads", "housing", "drinking water"]),
...     HazardousArea("c", "CHA", 1e4, contamination=["AV"], recent_victims=4,
...                   blocked_resources=["roads", "housing", "drinking water", "fixed pasture"]),
... ]
>>> impact_score(areas, LIS_PRESET)
array([ 4., 10., 14.])
>>> impact_category([4, 10, 14], LIS_PRESET)
array(['low', 'medium', 'high'], dtype=object)

A criterion column missing from a table is refused rather than read as zero.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from dpssec._checks import as_array, check_same_length, is_scalar_input, maybe_scalar
from dpssec.errors import InputError
from dpssec.mines.areas import (
    LIS_BLOCKAGES,
    HazardousArea,
    blocked_criterion,
    criteria_table,
)
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = [
    "Band",
    "Factor",
    "FactorKind",
    "IMSMA_SCORING",
    "LIS_PRESET",
    "LM_PERFORMANCE_2014",
    "LM_PERFORMANCE_2015",
    "PERFORMANCE_CRITERIA",
    "PerformanceScore",
    "SAC_LIS_1999_UNVERIFIED",
    "ScoringScheme",
    "impact_category",
    "impact_score",
    "programme_performance",
]

_ROUND = 9  # decimals kept before banding, so that 6.999999999999999 is not "average"


class FactorKind(enum.Enum):
    """How a factor's value enters the score."""

    COUNT = "count"
    """The value itself (people, items); must be a whole number >= 0."""
    YES_NO = "yes/no"
    """1 when the value is positive (or true), else 0."""
    VALUE = "value"
    """The value itself, any number >= 0 (a 0-10 rating, an area)."""


def _factor_kind(value: Any) -> FactorKind:
    if isinstance(value, FactorKind):
        return value
    for member in FactorKind:
        if isinstance(value, str) and value.strip().lower() in (member.value, member.name.lower()):
            return member
    raise InputError(f"factor kind {value!r} is not one of 'count', 'yes/no', 'value'")


def _finite_nonnegative(instance: Any, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{attribute.name} must be a number; got {value!r}")
    if not np.isfinite(value) or value < 0:
        raise InputError(f"{attribute.name} must be a finite number >= 0; got {value!r}")


def _criterion_name(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{attribute.name} must be a non-empty string; got {value!r}")


@attrs.frozen
class Factor:
    """One factor of a scoring scheme.

    Parameters
    ----------
    criterion : str
        Name of the criterion column (see :func:`dpssec.mines.areas.criteria_table` for the
        columns a :class:`~dpssec.mines.areas.HazardousArea` provides).
    weight : float
        Points per unit (count) or for a "yes" (yes/no); >= 0.
    kind : FactorKind or str
        ``"count"`` (default), ``"yes/no"`` or ``"value"``.
    label : str
        What a person reads in explanations (defaults to the criterion name).
    upper : float, optional
        Largest acceptable value (10 for a 0-10 rating); larger values are refused.
    """

    criterion: str = attrs.field(validator=_criterion_name)
    weight: float = attrs.field(converter=float, validator=_finite_nonnegative)
    kind: FactorKind = attrs.field(default=FactorKind.COUNT, converter=_factor_kind)
    label: str = ""
    upper: float | None = None

    @property
    def title(self) -> str:
        """The label, or the criterion name when no label was given."""
        return self.label or self.criterion


@attrs.frozen
class Band:
    """A score band: scores from ``lower`` (inclusive) up to the next band's lower bound."""

    lower: float = attrs.field(converter=float)
    label: str = attrs.field(validator=_criterion_name)


def _to_factors(values: Any) -> tuple[Factor, ...]:
    if isinstance(values, Factor):
        values = [values]
    if isinstance(values, Mapping):  # {"recent_victims": 2, ...}: count factors
        values = [Factor(name, weight) for name, weight in values.items()]
    factors = tuple(v if isinstance(v, Factor) else Factor(*v) for v in values)
    if not factors:
        raise InputError("a scoring scheme needs at least one factor")
    names = [f.criterion for f in factors]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InputError(f"factors: criterion {repeated[0]!r} appears more than once")
    if not any(f.weight > 0 for f in factors):
        raise InputError("factors: at least one weight must be > 0")
    return factors


def _to_bands(values: Any) -> tuple[Band, ...]:
    if isinstance(values, Mapping):  # {"low": 1, "medium": 6}
        values = [Band(lower, label) for label, lower in values.items()]
    bands = tuple(v if isinstance(v, Band) else Band(*v) for v in values)
    lowers = [b.lower for b in bands]
    if any(not np.isfinite(x) for x in lowers):
        raise InputError("bands: lower bounds must be finite numbers")
    if any(b >= a for a, b in zip(lowers[1:], lowers[:-1], strict=True)):
        raise InputError(f"bands: lower bounds must increase strictly; got {lowers}")
    return bands


@attrs.frozen
class ScoringScheme:
    """A weighted scoring scheme with configurable bands (IMSMA Impact Scoring Tool semantics).

    Parameters
    ----------
    factors : sequence of Factor (or of ``(criterion, weight[, kind])`` tuples, or a mapping criterion -> weight)
        The factors; each criterion once.
    bands : sequence of Band (or of ``(lower, label)`` pairs, or a mapping label -> lower)
        Score bands in increasing order of their lower bounds; may be empty (no categories).
    name : str
        Name shown in results.
    aggregation : {"sum", "mean"}
        ``"sum"``: S = Σ w p (impact scores); ``"mean"``: S = Σ w p / Σ w (performance scores).
    reference : Reference, optional
        Where the weights and bands come from. A scheme whose reference is unverified makes
        every result computed with it say ``verified=False``.

    Examples
    --------
    >>> from dpssec.mines.scoring import ScoringScheme, Factor, impact_score
    >>> water_first = ScoringScheme(
    ...     [Factor("recent_victims", 3), Factor("blocked_drinking_water", 5, "yes/no")],
    ...     bands=[(0, "low"), (8, "high")], name="water first")
    >>> impact_score({"recent_victims": [1, 0], "blocked_drinking_water": [1, 0]}, water_first)
    array([8., 0.])
    >>> water_first.category([8, 0])
    array(['high', 'low'], dtype=object)
    """

    factors: tuple[Factor, ...] = attrs.field(converter=_to_factors)
    bands: tuple[Band, ...] = attrs.field(default=(), converter=_to_bands)
    name: str = ""
    aggregation: str = attrs.field(default="sum")
    reference: Reference | None = None

    @aggregation.validator
    def _check_aggregation(self, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in ("sum", "mean"):
            raise InputError(f"aggregation={value!r} is not one of 'sum', 'mean'")

    @property
    def verified(self) -> bool:
        """False when the scheme's reference is flagged unverified."""
        return self.reference is None or self.reference.verified

    @property
    def criteria(self) -> tuple[str, ...]:
        """The criterion names, in factor order."""
        return tuple(f.criterion for f in self.factors)

    @property
    def weights(self) -> np.ndarray:
        """The weights, in factor order."""
        return np.array([f.weight for f in self.factors], dtype=float)

    def points(self, data: Any) -> dict[str, Any]:
        """The points ``p_f`` of every factor (the count, or 0/1 for a yes/no), checked."""
        columns = _columns(data, self.criteria)
        points: dict[str, Any] = {}
        for factor in self.factors:
            values = as_array(
                columns[factor.criterion],
                factor.criterion,
                nonnegative=True,
                integer=factor.kind is FactorKind.COUNT,
                upper=factor.upper,
            )
            points[factor.criterion] = (
                (values > 0).astype(float) if factor.kind is FactorKind.YES_NO else values
            )
        if len(points) > 1:
            check_same_length(**points)
        return points

    def contributions(self, data: Any) -> dict[str, Any]:
        """Each factor's share of the score, ``w_f p_f`` (divided by Σw for ``"mean"``)."""
        points = self.points(data)
        scale = float(self.weights.sum()) if self.aggregation == "mean" else 1.0
        return {f.criterion: f.weight * points[f.criterion] / scale for f in self.factors}

    def score(self, data: Any) -> Any:
        """The score of every subject: Σ of the contributions (see :func:`impact_score`)."""
        return impact_score(data, self)

    def category(self, score: Any) -> Any:
        """The band label of each score (see :func:`impact_category`)."""
        return impact_category(score, self)


def _columns(data: Any, criteria: Sequence[str]) -> dict[str, Any]:
    """Criterion columns from areas, a mapping of columns (dict, DataFrame) or one area."""
    if isinstance(data, HazardousArea):
        table: Any = {k: v[0] for k, v in criteria_table([data]).items()}
    elif isinstance(data, Mapping) or hasattr(data, "columns"):
        table = data
    elif isinstance(data, Sequence) and data and all(isinstance(a, HazardousArea) for a in data):
        table = criteria_table(data)
    else:
        raise InputError(
            "data must be a HazardousArea, a list of them, or a mapping of criterion columns "
            f"(dict or DataFrame); got {type(data).__name__}"
        )
    available = list(table.keys()) if hasattr(table, "keys") else list(table.columns)
    missing = [c for c in criteria if c not in available]
    if missing:
        shown = ", ".join(map(str, available[:12])) + (", ..." if len(available) > 12 else "")
        raise InputError(
            f"criterion {missing[0]!r} is missing from the data "
            f"({len(missing)} missing in all); available: {shown}"
        )
    return {c: table[c] for c in criteria}


def impact_score(data: Any, scheme: ScoringScheme) -> Any:
    """Impact score of each subject under a scoring scheme.

    Parameters
    ----------
    data : HazardousArea, sequence of HazardousArea, or mapping of criterion columns
        Subjects to score. A mapping (``dict`` or pandas DataFrame) maps each criterion of the
        scheme to an array-like (scalar, list, ndarray, Series or dask array) of values.
    scheme : ScoringScheme
        Factors, weights and bands (e.g. :data:`LIS_PRESET`). There is no default: the choice
        of weights is the user's, and it is recorded in the results.

    Returns
    -------
    float or ndarray
        ``S = Σ_f w_f p_f`` (or its weighted mean for ``aggregation="mean"``); a float for one
        area or scalar columns.

    Raises
    ------
    InputError
        A missing criterion, negative or non-integer counts, NaN, values above a factor's
        ``upper`` bound, columns of different lengths.

    Notes
    -----
    IMSMA NG Impact Scoring Tool (GICHD IMSMA wiki, "Using the Impact Scoring Tool in
    IMSMANG", 2012-2016): ``p_f`` is the count for a count factor and 1 when the factor tests
    true otherwise. Scores are additive, so a ranking can be explained factor by factor
    (:func:`dpssec.mines.prioritisation.prioritise`).

    Examples
    --------
    >>> from dpssec.mines.areas import HazardousArea
    >>> from dpssec.mines.scoring import LIS_PRESET, impact_score
    >>> impact_score(HazardousArea("a", "CHA", 1e4, contamination=["AP"], recent_victims=4,
    ...                            blocked_resources=["roads", "housing"]), LIS_PRESET)
    12.0
    """
    if not isinstance(scheme, ScoringScheme):
        raise InputError(f"scheme must be a ScoringScheme; got {type(scheme).__name__}")
    points = scheme.points(data)
    parts = [f.weight * points[f.criterion] for f in scheme.factors]
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    if scheme.aggregation == "mean":  # divide once, so that a mean of 7s is exactly 7.0
        total = total / float(scheme.weights.sum())
    return maybe_scalar(total, is_scalar_input(*parts))


def impact_category(score: Any, scheme_or_bands: ScoringScheme | Sequence[Any]) -> Any:
    """Band label of each score (the last band whose lower bound is <= the score).

    Parameters
    ----------
    score : float or array-like
        Scores.
    scheme_or_bands : ScoringScheme or sequence of Band / ``(lower, label)``
        The bands to use.

    Returns
    -------
    str or ndarray of str (object dtype)

    Raises
    ------
    InputError
        No bands, NaN scores, or a score below the first band.

    Examples
    --------
    >>> from dpssec.mines.scoring import LM_PERFORMANCE_2014, impact_category
    >>> impact_category(7.0, LM_PERFORMANCE_2014)
    'good'
    >>> impact_category([3.9, 4.0, 6.9], [(0, "very poor"), (4, "poor"), (5, "average")])
    array(['very poor', 'poor', 'average'], dtype=object)
    """
    bands = (
        scheme_or_bands.bands
        if isinstance(scheme_or_bands, ScoringScheme)
        else _to_bands(scheme_or_bands)
    )
    if not bands:
        raise InputError("no bands to categorise with: give the scheme some bands")
    scalar = is_scalar_input(score)
    values = np.round(np.asarray(as_array(score, "score")), _ROUND)
    lowers = np.array([b.lower for b in bands])
    below = values < lowers[0]
    if np.any(below):
        index = int(np.argmax(np.ravel(below)))
        raise InputError(
            f"parameter 'score': {int(below.sum())} of {values.size} values are below the "
            f"first band ({bands[0].label!r} from {bands[0].lower:g}) (first at index {index}: "
            f"{float(np.ravel(values)[index]):g})"
        )
    labels = np.array([b.label for b in bands], dtype=object)
    result = labels[np.searchsorted(lowers, values, side="right") - 1]
    return str(result) if scalar else result


# -- presets ----------------------------------------------------------------------------------

IMSMA_SCORING = Reference(
    "GICHD IMSMA NG wiki, 'Using the Impact Scoring Tool in IMSMANG'",
    "revisions 2012-2016",
    "score = Σ weight × (count, or 1 when the factor tests true); scoring ranges configurable",
)
"""Where the scoring semantics of :class:`ScoringScheme` come from."""

_LIS_REFERENCE = Reference(
    "Landmine Impact Survey mine impact score (Survey Action Center), as widely quoted",
    "c. 1999-2004",
    "2 points per recent victim (24 months), 2 mines present, 1 UXO present, 1 per blocked "
    "resource type (10 types); bands 1-5 low, 6-10 medium, >= 11 high",
    verified=False,
)

LIS_PRESET = ScoringScheme(
    factors=(
        Factor("recent_victims", 2, "count", "recent victims (last 24 months)"),
        Factor("mines", 2, "yes/no", "mines present"),
        Factor("uxo", 1, "yes/no", "UXO present"),
        *(Factor(blocked_criterion(r), 1, "yes/no", f"blocked: {r.value}") for r in LIS_BLOCKAGES),
    ),
    bands=((0, "not impacted"), (1, "low"), (6, "medium"), (11, "high")),
    name="LIS mine impact score (unverified weights and bands)",
    reference=_LIS_REFERENCE,
)
"""Landmine Impact Survey mine impact score, **unverified** (see the module notes).

The structure (binary contamination and blockage variables, a count of recent victims over
24 months) is described by Sida Evaluation 01/06 (2001) and Frahler, *Journal of Mine Action*
7.3 (2003); the weights 2/2/1/1 and bands 1-5 / 6-10 / >= 11 are widely quoted but were not
read in a primary source. Tests must not assume a fixed share of high-impact communities: the
Yemen survey found 2.4 % high against about 10 % across the first four surveys.

"Mines present" is the ``mines`` criterion (AP, AV or improvised mines) and "UXO present" the
``uxo`` criterion only: cluster munition remnants, which the surveys did not record separately,
are not counted unless a factor for ``cluster_munitions`` is added to a copy of the scheme.
Likewise the four blocked resources outside the LIS list (schools, health facilities, markets,
places of worship) score nothing; :func:`~dpssec.mines.prioritisation.prioritise` lists them
per area as "not scored by this scheme" (``Prioritisation.not_scored``).
"""

SAC_LIS_1999_UNVERIFIED = LIS_PRESET
"""Alias of :data:`LIS_PRESET` (the name the mine-action reference recommends)."""

PERFORMANCE_CRITERIA: tuple[str, ...] = (
    "problem_understood",
    "target_date",
    "targeted_clearance",
    "efficient_clearance",
    "national_funding",
    "timely_clearance",
    "land_release_system",
    "national_standards",
    "reporting",
    "improving_performance",
)
"""The ten criteria of the Landmine Monitor programme-performance score, each scored 0-10."""

_LM_REFERENCE = Reference(
    "Landmine Monitor, Mine Action Program Performance",
    "2014",
    "10 criteria scored 0-10; overall = unweighted mean; 0-3.9 very poor, 4.0-4.9 poor, "
    "5.0-6.9 average, >= 7.0 good",
)

_PERFORMANCE_FACTORS = tuple(
    Factor(name, 1, "value", name.replace("_", " "), upper=10) for name in PERFORMANCE_CRITERIA
)

LM_PERFORMANCE_2014 = ScoringScheme(
    factors=_PERFORMANCE_FACTORS,
    bands=((0, "very poor"), (4, "poor"), (5, "average"), (7, "good")),
    name="Landmine Monitor programme performance (2014)",
    aggregation="mean",
    reference=_LM_REFERENCE,
)
"""Landmine Monitor 2014 programme-performance score: unweighted mean of ten 0-10 ratings."""

LM_PERFORMANCE_2015 = ScoringScheme(
    factors=_PERFORMANCE_FACTORS,
    bands=((0, "very poor"), (4, "poor"), (5, "average"), (7, "good"), (8, "very good")),
    name="Landmine Monitor programme performance (2015 bands)",
    aggregation="mean",
    reference=_LM_REFERENCE.at("2015 edition adds >= 8.0 very good (the Mine Action Review bands)"),
)
"""As :data:`LM_PERFORMANCE_2014` with the 2015 / Mine Action Review "very good" band (>= 8)."""


@attrs.frozen
class PerformanceScore(ResultMixin):
    """A programme-performance score and its band.

    Attributes
    ----------
    score : float or ndarray
        Mean of the criterion ratings (0-10).
    band : str or ndarray
        Band label.
    scheme : str
        Name of the scheme used.
    reference : Reference
    """

    score: Any
    band: Any
    scheme: str
    reference: Reference | None


def programme_performance(
    ratings: Any, scheme: ScoringScheme = LM_PERFORMANCE_2014
) -> PerformanceScore:
    """Landmine Monitor programme-performance score: the mean of ten 0-10 ratings, banded.

    Parameters
    ----------
    ratings : sequence of 10 numbers, (n, 10) array, or mapping criterion -> rating(s)
        Ratings in the order of :data:`PERFORMANCE_CRITERIA` (problem understood, target date,
        targeted clearance, efficient clearance, national funding, timely clearance, land
        release system, national standards, reporting, improving performance), or a mapping
        by criterion name. Rows of a 2-D array are programmes.
    scheme : ScoringScheme
        :data:`LM_PERFORMANCE_2014` (default) or :data:`LM_PERFORMANCE_2015`.

    Returns
    -------
    PerformanceScore

    Raises
    ------
    InputError
        Wrong number of ratings, ratings outside 0-10.

    Notes
    -----
    Overall score = unweighted mean of the ten ratings (Landmine Monitor 2014). Croatia 2014
    (6, 7, 8, 8, 7, 7, 6, 8, 7, 6) gives 7.0, "good".

    Examples
    --------
    >>> from dpssec.mines.scoring import programme_performance
    >>> result = programme_performance([6, 7, 8, 8, 7, 7, 6, 8, 7, 6])
    >>> result.score, result.band
    (7.0, 'good')
    """
    if isinstance(ratings, Mapping) or hasattr(ratings, "columns"):
        data = ratings
    else:
        matrix = np.asarray(as_array(ratings, "ratings"))
        k = len(scheme.factors)
        if matrix.ndim not in (1, 2) or matrix.shape[-1] != k:
            raise InputError(
                f"ratings: expected {k} ratings per programme (one per criterion of "
                f"{scheme.name!r}); got shape {matrix.shape}"
            )
        columns = matrix.T if matrix.ndim == 2 else matrix
        data = {
            c: columns[j] if matrix.ndim == 2 else float(columns[j])
            for j, c in enumerate(scheme.criteria)
        }
    score = impact_score(data, scheme)
    return PerformanceScore(score, impact_category(score, scheme), scheme.name, scheme.reference)
