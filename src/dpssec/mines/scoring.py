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

from dpssec.boundary import (
    ArraySpec,
    Choice,
    Count,
    Number,
    Text,
    calculator,
    example,
    example_by,
    is_lazy,
    missing_rows,
    register_aliases,
)
from dpssec.boundary.fields import VALUES_EQ
from dpssec.errors import InputError
from dpssec.mines.codes import LIS_BLOCKAGES
from dpssec.mines.criteria import YesNo, blocked_criterion, criterion_columns
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = [
    "AGGREGATIONS",
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

AGGREGATIONS: tuple[str, ...] = ("sum", "mean")
"""How a :class:`ScoringScheme` combines its factors (``aggregation``)."""


class FactorKind(enum.Enum):
    """How a factor's value enters the score."""

    COUNT = "count"
    """The value itself (people, items); must be a whole number >= 0."""
    YES_NO = "yes/no"
    """1 when the value is positive (or true), else 0."""
    VALUE = "value"
    """The value itself, any number >= 0 (a 0-10 rating, an area)."""


register_aliases(FactorKind, {"yes-no": FactorKind.YES_NO, "boolean": FactorKind.YES_NO})


@example("recent_victims", 2, "count", label="recent victims", upper=10)
@attrs.frozen
class Factor:
    """One factor of a scoring scheme.

    Parameters
    ----------
    criterion : str
        Name of the criterion column (see :func:`dpssec.mines.criteria.criteria_table` for the
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

    criterion: str = Text().field()
    weight: float = Number(lower=0).field()
    kind: FactorKind = Choice(FactorKind).field(default=FactorKind.COUNT)
    label: str = Text(empty=True).field(default="")
    upper: float | None = Number(lower=None, optional=True).field()

    @property
    def title(self) -> str:
        """The label, or the criterion name when no label was given."""
        return self.label or self.criterion

    @property
    def spec(self) -> ArraySpec:
        """What the factor's column must hold: whole numbers >= 0 for a count, numbers
        >= 0 (at most ``upper``) for a value, booleans or numbers >= 0 for a yes/no."""
        if self.kind is FactorKind.COUNT:
            return Count(upper=self.upper)
        if self.kind is FactorKind.YES_NO:
            return YesNo(upper=self.upper)
        return Number(lower=0, upper=self.upper)


@example(6, "high")
@attrs.frozen
class Band:
    """A score band: scores from ``lower`` (inclusive) up to the next band's lower bound."""

    lower: float = Number(lower=None).field()
    label: str = Text().field()


def _items(values: Any, cls: type[Any], name: str, shape: str) -> tuple[Any, ...]:
    """Build ``cls`` items from instances or tuples of their arguments; anything else refused."""
    if isinstance(values, str | bytes) or not isinstance(values, list | tuple):
        raise InputError(
            f"{name} must be a list of {cls.__name__} (or of {shape} tuples, or a mapping); "
            f"got {type(values).__name__}"
        )
    items = []
    for position, value in enumerate(values):
        if isinstance(value, cls):
            items.append(value)
        elif isinstance(value, list | tuple):
            try:
                items.append(cls(*value))
            except InputError as exc:  # too few or too many items, a value the class refuses
                raise InputError(
                    f"{name}[{position}] must be a {cls.__name__} or a tuple {shape}: {exc}"
                ) from None
        else:
            raise InputError(
                f"{name}[{position}] must be a {cls.__name__} or a tuple {shape}; got "
                f"{type(value).__name__}"
            )
    return tuple(items)


def _to_factors(values: Any) -> tuple[Factor, ...]:
    if isinstance(values, Factor):
        values = [values]
    if isinstance(values, Mapping):  # {"recent_victims": 2, ...}: count factors
        values = [Factor(name, weight) for name, weight in values.items()]
    factors: tuple[Factor, ...] = _items(values, Factor, "factors", "(criterion, weight[, kind])")
    if not factors:
        raise InputError("parameter 'factors': a scoring scheme needs at least one factor")
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
    bands: tuple[Band, ...] = _items(values, Band, "bands", "(lower, label)")
    lowers = [b.lower for b in bands]
    if any(b >= a for a, b in zip(lowers[1:], lowers[:-1], strict=True)):
        raise InputError(f"bands: lower bounds must increase strictly; got {lowers}")
    return bands


@example_by(lambda: LIS_PRESET)
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
    name: str = Text(empty=True).field(default="")
    aggregation: str = Choice(AGGREGATIONS).field(default="sum")
    reference: Reference | None = None

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
        """The points ``p_f`` of every factor (the count, or 0/1 for a yes/no), checked.

        ``data`` is what :func:`impact_score` takes; each column is read with its factor's
        rule (:attr:`Factor.spec`).
        """
        return self.points_of(criterion_columns(data, self.criteria, specs=self.specs).columns)

    @property
    def specs(self) -> dict[str, ArraySpec]:
        """The rule of each factor's column (:attr:`Factor.spec`), by criterion."""
        return {f.criterion: f.spec for f in self.factors}

    def points_of(self, columns: Mapping[str, Any]) -> dict[str, Any]:
        """The points of checked columns (magnitudes, as :func:`criterion_columns` gives)."""
        points: dict[str, Any] = {}
        for factor in self.factors:
            values = columns[factor.criterion]
            points[factor.criterion] = (
                np.greater(values, 0).astype(float) if factor.kind is FactorKind.YES_NO else values
            )
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


_EXAMPLE_SCHEME = ScoringScheme(
    [Factor("recent_victims", 2), Factor("mines", 2, FactorKind.YES_NO)],
    bands=[(0, "low"), (6, "high")],
)


@calculator(
    elementwise=True,
    nan_policies=("raise", "propagate"),
    example={
        "data": {"recent_victims": [3, 0, 1], "mines": [True, False, True]},
        "scheme": _EXAMPLE_SCHEME,
    },
)
def impact_score(data: Any, scheme: ScoringScheme, *, nan_policy: str = "raise") -> Any:
    """Impact score of each subject under a scoring scheme.

    Parameters
    ----------
    data : HazardousArea, sequence of HazardousArea, or mapping of criterion columns
        Subjects to score. A mapping (``dict`` or pandas DataFrame) maps each criterion of the
        scheme to an array-like (scalar, list, ndarray, Series) of values; each column is
        read with its factor's rule (:attr:`Factor.spec`), and a known criterion such as
        ``area`` also accepts text with a unit (``"1.2 ha"``).
    scheme : ScoringScheme
        Factors, weights and bands (e.g. :data:`LIS_PRESET`). There is no default: the choice
        of weights is the user's, and it is recorded in the results.
    nan_policy : {"raise", "propagate"}
        A missing value in a scored column: refused (default), or NaN for that subject with a
        :class:`~dpssec.errors.DataQualityWarning` giving the count.

    Returns
    -------
    float, ndarray or Series
        ``S = Σ_f w_f p_f`` (or its weighted mean for ``aggregation="mean"``); a float for one
        area or scalar columns, a Series with the frame's index for a DataFrame.

    Raises
    ------
    InputError
        A missing criterion, negative or non-integer counts, NaN, values above a factor's
        ``upper`` bound, columns of different lengths, values so large the score overflows.

    Notes
    -----
    IMSMA NG Impact Scoring Tool (GICHD IMSMA wiki, "Using the Impact Scoring Tool in
    IMSMANG", 2012-2016): ``p_f`` is the count for a count factor and 1 when the factor tests
    true otherwise. Scores are additive, so a ranking can be explained factor by factor
    (:func:`dpssec.mines.prioritisation.prioritise`).

    Examples
    --------
    >>> from dpssec.mines.areas import HazardousArea
    >>> from dpssec.mines.scoring import LIS_PRESET, ScoringScheme, impact_score
    >>> impact_score(HazardousArea("a", "CHA", 1e4, contamination=["AP"], recent_victims=4,
    ...                            blocked_resources=["roads", "housing"]), LIS_PRESET)
    12.0
    >>> import pandas as pd, warnings
    >>> from dpssec.errors import DataQualityWarning
    >>> warnings.simplefilter("ignore", DataQualityWarning)  # it says: 1 of 2 areas missing
    >>> table = pd.DataFrame({"recent_victims": [2, None]}, index=["HA-1", "HA-2"])
    >>> impact_score(table, ScoringScheme({"recent_victims": 1}), nan_policy="propagate")
    HA-1    2.0
    HA-2    NaN
    Name: impact_score, dtype: float64
    """
    if not isinstance(scheme, ScoringScheme):
        raise InputError(f"scheme must be a ScoringScheme; got {type(scheme).__name__}")
    read = criterion_columns(
        data, scheme.criteria, specs=scheme.specs, nan_policy=nan_policy, function="impact_score"
    )
    points = scheme.points_of(read.columns)
    total = scheme_total(scheme, points)
    if is_lazy(total):  # checked when computed, by the specs of the columns
        return total
    if not np.all(np.isfinite(total)):
        raise InputError(
            "impact_score: the score overflows (values too large for 64-bit floats); "
            "check the scale of the criterion columns"
        )
    if read.missing is not None:
        total = np.where(read.missing, np.nan, total)
    if read.scalar:
        return float(np.ravel(total)[0])
    if read.index is not None:
        import pandas as pd

        return pd.Series(np.asarray(total, dtype=float), index=read.index, name="impact_score")
    return np.asarray(total, dtype=float)


def scheme_total(scheme: ScoringScheme, points: Mapping[str, Any]) -> Any:
    """The kernel of :func:`impact_score`: ``Σ_f w_f p_f`` (divided by ``Σ w`` for a mean)."""
    parts = [f.weight * points[f.criterion] for f in scheme.factors]
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    if scheme.aggregation == "mean":  # divide once, so that a mean of 7s is exactly 7.0
        total = total / float(scheme.weights.sum())
    return total


def _bands_of(scheme_or_bands: Any) -> tuple[Band, ...]:
    if isinstance(scheme_or_bands, ScoringScheme):
        return scheme_or_bands.bands
    try:
        return _to_bands(scheme_or_bands)
    except InputError as exc:
        raise InputError(f"parameter 'scheme_or_bands': {exc}") from None


@calculator(
    score=Number(),
    example={"score": [4.0, 10.0, 14.0], "scheme_or_bands": [(0, "low"), (6, "high")]},
)
def impact_category(
    score: Any, scheme_or_bands: ScoringScheme | Sequence[Any], *, nan_policy: str = "raise"
) -> Any:
    """Band label of each score (the last band whose lower bound is <= the score).

    Parameters
    ----------
    score : float or array-like
        Scores.
    scheme_or_bands : ScoringScheme or sequence of Band / ``(lower, label)``
        The bands to use.
    nan_policy : {"raise", "propagate"}
        A missing score: refused (default), or NaN in place of its label, with a warning.

    Returns
    -------
    str, ndarray of str (object dtype) or Series
        One label per score (a Series with the input's index for a Series).

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
    bands = _bands_of(scheme_or_bands)
    if not bands:
        raise InputError("no bands to categorise with: give 'scheme_or_bands' some bands")
    lowers = np.array([b.lower for b in bands])
    labels = np.array([b.label for b in bands], dtype=object)
    missing = missing_rows()
    if is_lazy(score):
        args = [score] if missing is None else [score, missing]
        return score.map_blocks(band_labels, *args[1:], lowers=lowers, labels=labels, dtype=object)
    return band_labels(score, missing, lowers=lowers, labels=labels)


def band_labels(score: Any, missing: Any = None, *, lowers: np.ndarray, labels: np.ndarray) -> Any:
    """The kernel of :func:`impact_category`: the label of the last band whose lower bound is
    <= each score (rounded to 9 decimals); scores below the first band are refused."""
    values = np.round(score, _ROUND)
    below = values < lowers[0]
    if missing is not None:
        below = below & ~np.asarray(missing, dtype=bool)
    if np.any(below):
        index = int(np.argmax(np.ravel(below)))
        raise InputError(
            f"parameter 'score': {int(np.count_nonzero(below))} of {np.size(values)} values "
            f"are below the first band ({labels[0]!r} from {lowers[0]:g}) (first at "
            f"index {index}: {float(np.ravel(values)[index]):g})"
        )
    return labels[np.searchsorted(lowers, values, side="right") - 1]


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

LIS_PRESET: ScoringScheme = ScoringScheme(
    factors=(
        Factor("recent_victims", 2, FactorKind.COUNT, "recent victims (last 24 months)"),
        Factor("mines", 2, FactorKind.YES_NO, "mines present"),
        Factor("uxo", 1, FactorKind.YES_NO, "UXO present"),
        *(
            Factor(blocked_criterion(r), 1, FactorKind.YES_NO, f"blocked: {r.value}")
            for r in LIS_BLOCKAGES
        ),
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
    Factor(name, 1, FactorKind.VALUE, name.replace("_", " "), upper=10)
    for name in PERFORMANCE_CRITERIA
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


@example_by("programme_performance")
@attrs.frozen(eq=False)
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

    score: Any = attrs.field(eq=VALUES_EQ)
    band: Any = attrs.field(eq=VALUES_EQ)
    scheme: str = ""
    reference: Reference | None = None


_RATINGS = Number(lower=0, upper=10, ndim=(1, 2), aligned=False)


@calculator(elementwise=False, example={"ratings": [6, 7, 8, 8, 7, 7, 6, 8, 7, 6]})
def programme_performance(
    ratings: Any, scheme: ScoringScheme = LM_PERFORMANCE_2014
) -> PerformanceScore:
    """Landmine Monitor programme-performance score: the mean of ten 0-10 ratings, banded.

    Parameters
    ----------
    ratings : sequence of 10 numbers, (n, 10) array, or mapping criterion -> rating(s)
        Ratings 0-10 in the order of :data:`PERFORMANCE_CRITERIA` (problem understood, target
        date, targeted clearance, efficient clearance, national funding, timely clearance,
        land release system, national standards, reporting, improving performance), or a
        mapping (dict or DataFrame) by criterion name. Rows of a 2-D array are programmes.
    scheme : ScoringScheme
        :data:`LM_PERFORMANCE_2014` (default) or :data:`LM_PERFORMANCE_2015`.

    Returns
    -------
    PerformanceScore

    Raises
    ------
    InputError
        Wrong number of ratings, ratings outside 0-10, NaN.

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
    if not isinstance(scheme, ScoringScheme):
        raise InputError(f"scheme must be a ScoringScheme; got {type(scheme).__name__}")
    if isinstance(ratings, Mapping) or hasattr(ratings, "columns"):
        data = ratings  # by criterion name: each column read with its factor's rule
    else:
        values = _RATINGS.convert(ratings, "ratings")
        k = len(scheme.factors)
        if np.shape(values)[-1] != k:
            raise InputError(
                f"ratings: expected {k} ratings per programme (one per criterion of "
                f"{scheme.name!r}); got shape {np.shape(values)}"
            )
        data = {c: values.T[j] for j, c in enumerate(scheme.criteria)}
    try:
        score = impact_score(data, scheme)
    except InputError as exc:
        raise InputError(str(exc).replace("('data';", "('ratings';")) from None
    return PerformanceScore(score, impact_category(score, scheme), scheme.name, scheme.reference)
