"""Disaggregation by sex, age band and migrant status (calculators and age-band presets).

SDG and OAS indicators are published by sex, age and, for populations at risk, migrant
status. This module gives

* :data:`AGE_BAND_PRESETS`: named age bands (children / youth / adults under the UN youth
  definition, children under the Convention on the Rights of the Child, WHO adolescents,
  five-year bands), each with its reference; :meth:`AgeBandPreset.label` labels ages;
* :func:`survey_breakdown`: a design-based estimate (proportion, mean, total) for every cell
  of the crossing of the grouping variables **and** every margin and the total, in one call,
  each estimated from all the data (so totals stay consistent whatever is suppressed), with
  suppression per cell (too few respondents, too large a relative standard error);
* :func:`count_breakdown`: the same for counts and rates from records (detected victims per
  100,000 by sex and age band), with primary and complementary (secondary) suppression so a
  suppressed cell cannot be recovered by subtracting the others from its margin.

For example:

>>> from dpssec.prevention import AGE_BAND_PRESETS
>>> AGE_BAND_PRESETS["un_youth"].label([8, 16, 24, 25, 70]).tolist()
['children (0-14)', 'youth (15-24)', 'youth (15-24)', 'adults (25+)', 'adults (25+)']
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Number,
    Preset,
    Scale,
    calculator,
    example_by,
)
from dpssec.boundary.arrays import is_pandas
from dpssec.errors import InputError
from dpssec.prevention.survey_design import SurveyDesign, SurveyValues, factorize
from dpssec.prevention.survey_estimators import survey_mean, survey_proportion, survey_total
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = [
    "AGE_BAND_PRESETS",
    "ALL",
    "AgeBandPreset",
    "Breakdown",
    "count_breakdown",
    "survey_breakdown",
]

ALL = "(all)"
"""The label of a margin: the row covers every value of that grouping variable."""


@example_by(lambda: AGE_BAND_PRESETS["un_youth"])
@attrs.frozen
class AgeBandPreset:
    """Named age bands: ``(label, lowest age, highest age or None)`` in years, contiguous.

    Examples
    --------
    >>> from dpssec.prevention import AGE_BAND_PRESETS
    >>> AGE_BAND_PRESETS["crc_children"].label(17)
    'children (0-17)'
    """

    name: str
    bands: tuple[tuple[str, float, float | None], ...]
    reference: Reference

    @classmethod
    def named(cls, preset: Any) -> AgeBandPreset:
        """A preset of :data:`AGE_BAND_PRESETS` by name (or the preset given).

        Raises
        ------
        InputError
            An unknown name.

        Examples
        --------
        >>> from dpssec.prevention import AgeBandPreset
        >>> AgeBandPreset.named("un_youth").labels.tolist()
        ['children (0-14)', 'youth (15-24)', 'adults (25+)']
        """
        if isinstance(preset, AgeBandPreset):
            return preset
        if preset not in AGE_BAND_PRESETS:
            raise InputError(
                f"parameter 'preset': {preset!r} is not one of {list(AGE_BAND_PRESETS)} (or "
                "give an AgeBandPreset)"
            )
        return AGE_BAND_PRESETS[preset]

    def label(self, ages: Any) -> Any:
        """The band of each age (completed years; a str for one age, an array otherwise).

        Raises
        ------
        InputError
            Ages outside 0-120 (naming the first), missing or non-numeric ages.

        Examples
        --------
        >>> from dpssec.prevention import AGE_BAND_PRESETS
        >>> AGE_BAND_PRESETS["un_youth"].label([8, 16, 24, 25]).tolist()
        ['children (0-14)', 'youth (15-24)', 'youth (15-24)', 'adults (25+)']
        >>> AGE_BAND_PRESETS["un_youth"].label([30, 130])
        Traceback (most recent call last):
        ...
        dpssec.errors.InputError: parameter 'ages': 1 of 2 values are above 120 (first at index 1: 130)
        """
        values = _AGES.convert(ages.to_numpy() if is_pandas(ages) else ages, "ages")
        out = self.labels[np.searchsorted(self.edges, np.floor(values), side="right")]
        return str(out) if np.ndim(out) == 0 else out

    @property
    def edges(self) -> np.ndarray:
        return np.asarray([b[1] for b in self.bands[1:]], dtype=float)

    @property
    def labels(self) -> np.ndarray:
        return np.asarray([b[0] for b in self.bands])


_AGES = Number(lower=0.0, upper=120.0)


def _five_year() -> tuple[tuple[str, float, float | None], ...]:
    bands: list[tuple[str, float, float | None]] = [
        (f"{a}-{a + 4}", float(a), float(a + 4)) for a in range(0, 85, 5)
    ]
    return (*bands, ("85+", 85.0, None))


AGE_BAND_PRESETS: dict[str, AgeBandPreset] = {
    "un_youth": AgeBandPreset(
        "un_youth",
        (("children (0-14)", 0, 14), ("youth (15-24)", 15, 24), ("adults (25+)", 25, None)),
        Reference(
            "United Nations, definition of youth for statistical purposes",
            "A/36/215 (1981); UN DESA",
            "youth = persons aged 15 to 24",
            verified=False,
        ),
    ),
    "crc_children": AgeBandPreset(
        "crc_children",
        (("children (0-17)", 0, 17), ("adults (18+)", 18, None)),
        Reference(
            "UN Convention on the Rights of the Child",
            "1989",
            "art. 1: a child is a person below 18; the UN Trafficking Protocol art. 3(d) uses it",
            verified=False,
        ),
    ),
    "who_adolescents": AgeBandPreset(
        "who_adolescents",
        (
            ("children (0-9)", 0, 9),
            ("adolescents (10-19)", 10, 19),
            ("adults (20+)", 20, None),
        ),
        Reference("WHO, adolescent health", "", "adolescents = ages 10 to 19", verified=False),
    ),
    "five_year": AgeBandPreset(
        "five_year",
        _five_year(),
        Reference("Five-year age groups (UN WPP, ESP 2013)", "", "0-4 ... 85+", verified=True),
    ),
}
"""Age-band presets by name. Only the five-year bands are a plain convention; the others are
definitions the project has not re-read in their primary source (``verified=False``); pass
an :class:`AgeBandPreset` of your own for a national definition (e.g. a youth law's 12-29).

There is no OAS preset: the project's reference material (``prevention.md``) holds no age
bands defined by the OAS for statistical purposes, and the member states' youth laws differ,
so none is offered rather than one invented; build an :class:`AgeBandPreset` with the bands
and the citation you use."""


# -- breakdown tables ----------------------------------------------------------------------


@example_by("count_breakdown")
@attrs.frozen(eq=False)
class Breakdown(ResultMixin):
    """An indicator for every cell, margin and the total of a crossing of grouping variables.

    Attributes
    ----------
    keys : dict of str to tuple
        One label per row and variable; :data:`ALL` marks a margin.
    value, lower, upper : ndarray
        The indicator and its limits (NaN where suppressed).
    standard_error : ndarray
        Standard errors (NaN where suppressed): design-based for surveys; for rates of counts
        the Poisson standard error ``sqrt(count) / population * multiplier`` (the intervals
        are exact or Byar's, not ``rate +/- 1.96 SE``).
    count, base : ndarray
        For surveys, respondents and the estimated population of the row; for counts, the
        summed count and population.
    suppressed : ndarray of bool
    reason : tuple of str
        Why a row is suppressed (``"primary: ..."``, ``"complementary"``), empty otherwise.
    indicator : str

    Examples
    --------
    >>> from dpssec.prevention import count_breakdown
    >>> t = count_breakdown([3, 40], [9000, 80000], by={"sex": ["f", "m"]})
    >>> len(t), t.to_frame().columns[:3].tolist()
    (3, ['sex', 'value', 'lower'])
    """

    BLANKED_WHERE: ClassVar[str] = "suppressed"

    keys: dict[str, tuple[Any, ...]]
    value: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    standard_error: np.ndarray
    count: np.ndarray
    base: np.ndarray
    suppressed: np.ndarray
    reason: tuple[str, ...]
    indicator: str

    def __len__(self) -> int:
        return int(self.value.size)

    def _columns(self) -> dict[str, Any]:
        return {
            **self.keys,
            "value": self.value,
            "lower": self.lower,
            "upper": self.upper,
            "standard_error": self.standard_error,
            "count": self.count,
            "base": self.base,
            "suppressed": self.suppressed,
            "reason": self.reason,
        }

    def cell(self, **labels: Any) -> dict[str, Any]:
        """The row with these labels (others at :data:`ALL`) as a dict.

        Raises
        ------
        KeyError
            No such row.

        Examples
        --------
        >>> from dpssec.prevention import count_breakdown
        >>> t = count_breakdown([3, 40], [9000, 80000], by={"sex": ["f", "m"]})
        >>> t.cell(sex="m")["count"]
        40.0
        """
        mask = np.ones(len(self), dtype=bool)
        for name, column in self.keys.items():
            mask &= np.asarray(column, dtype=object) == labels.get(name, ALL)
        if not mask.any():
            raise KeyError(f"no row {labels}")
        i = int(np.argmax(mask))
        row = {}
        for name, value in self._columns().items():
            item = np.asarray(value)[i]
            row[name] = item.item() if isinstance(item, np.generic) else item
        return row


def _plain_labels(labels: np.ndarray) -> list[Any]:
    return [v.item() if isinstance(v, np.generic) else v for v in labels.tolist()]


def _columns_of(by: Any, age_bands: AgeBandPreset | None = None) -> dict[str, Any]:
    if not isinstance(by, Mapping) or not by:
        raise InputError(
            "parameter 'by' must be a mapping of grouping variables, e.g. {'sex': ..., "
            "'age_band': ..., 'migrant': ...}"
        )
    columns = {str(k): (v.to_numpy() if is_pandas(v) else np.asarray(v)) for k, v in by.items()}
    if age_bands is None:
        return columns
    if "age" not in columns:
        raise InputError(
            f"parameter 'age_bands' labels the ages of by['age']; by has {list(columns)}"
        )
    return {
        ("age_band" if k == "age" else k): (_bands(v, age_bands) if k == "age" else v)
        for k, v in columns.items()
    }


def _bands(ages: np.ndarray, preset: AgeBandPreset) -> np.ndarray:
    """Band labels of ages in years; a missing age is ``"unknown"``."""
    prepared = _AGES.prepare(ages, "by['age']", missing_ok=True)
    assert prepared is not None  # ages are given
    values = np.asarray(prepared.values, dtype=np.float64)
    out = np.full(values.shape, "unknown", dtype=object)
    known = ~np.isnan(values)
    if known.any():
        out[known] = np.atleast_1d(preset.label(values[known]))
    return out


def _levels(columns: dict[str, Any]) -> list[tuple[str, ...]]:
    names = list(columns)
    return [
        combo for size in range(len(names), -1, -1) for combo in itertools.combinations(names, size)
    ]


_EXAMPLE_DESIGN = SurveyDesign([120.0, 80.0, 100.0, 90.0, 110.0, 95.0], strata=[1, 1, 1, 2, 2, 2])

_SURVEY: dict[str, Any] = {
    "proportion": survey_proportion,
    "mean": survey_mean,
    "total": survey_total,
}


@calculator(
    values=SurveyValues(),
    statistic=Choice(tuple(_SURVEY)),
    confidence=Confidence(),
    min_respondents=Count(aligned=False, ndim=(0,)),
    max_relative_se=Number(positive=True, aligned=False, ndim=(0,)),
    age_bands=Preset(AGE_BAND_PRESETS, AgeBandPreset, optional=True),
    elementwise=False,
    example={
        "values": [1, 0, 1, 1, 0, 0],
        "design": _EXAMPLE_DESIGN,
        "by": {"sex": ["f", "m", "f", "m", "f", "m"]},
    },
)
def survey_breakdown(
    values: Any,
    design: SurveyDesign,
    *,
    by: Mapping[str, Any],
    statistic: str = "proportion",
    domain: Any = None,
    confidence: float = 0.95,
    min_respondents: float = 0,
    max_relative_se: float = np.inf,
    age_bands: Any = None,
    **options: Any,
) -> Breakdown:
    """A survey indicator for every cell, margin and the total of ``by``, in one call.

    Parameters
    ----------
    values : array-like
        One answer or value per respondent.
    design : SurveyDesign
    by : mapping
        Grouping variables, e.g. ``{"sex": ..., "age_band": ..., "migrant": ...}``.
    statistic : {"proportion", "mean", "total"}
    domain : array-like, optional
        Restrict everything to a subpopulation (rows kept in the design).
    confidence : float
    min_respondents : float
        Suppress rows with fewer respondents (primary suppression).
    max_relative_se : float
        Suppress rows whose standard error exceeds this fraction of the estimate.
    age_bands : str or AgeBandPreset, optional
        A preset of :data:`AGE_BAND_PRESETS` by name (``"un_youth"``) or your own: then
        ``by["age"]`` holds ages in years (NaN when unknown), and the rows are by
        ``"age_band"`` (``"unknown"`` for a missing age).
    **options
        Passed to the estimator (``method``, ``dont_know``, ``multiplier``...).

    Returns
    -------
    Breakdown
        The crossing first, then each margin, then the total (:data:`ALL` labels).

    Raises
    ------
    InputError
        As the estimator; ``by`` not a mapping; an age outside 0-120 or no ``by["age"]`` with
        ``age_bands``.

    Notes
    -----
    Every row is a domain estimate from all the data (R ``svyby`` on each level), so the
    margins and total are those of the full sample, not sums of the published cells, and
    weighted totals of the cells add up to their margins. Thresholds such as NCHS's 30
    respondents are national practice, not a standard: set them explicitly.

    Examples
    --------
    >>> from dpssec.prevention import SurveyDesign, survey_breakdown
    >>> d = SurveyDesign([1.0] * 6)
    >>> t = survey_breakdown([1, 0, 1, 1, 0, 0], d, by={"sex": list("fmfmfm")})
    >>> t.keys["sex"], t.value.round(3).tolist()
    (('f', 'm', '(all)'), [0.667, 0.333, 0.5])
    >>> ages = [12, 16, 30, 19, 70, 40, 10, 22]
    >>> t = survey_breakdown([1, 0, 1, 1, 0, 0, 0, 1], SurveyDesign([1.0] * 8),
    ...                      by={"age": ages}, age_bands="un_youth")
    >>> t.keys["age_band"]
    ('adults (25+)', 'children (0-14)', 'youth (15-24)', '(all)')
    """
    columns = _columns_of(by, age_bands)
    estimator = _SURVEY[statistic]
    keys: dict[str, list[Any]] = {name: [] for name in columns}
    fields: dict[str, list[Any]] = {
        k: [] for k in ("value", "lower", "upper", "standard_error", "count", "base")
    }
    for level in _levels(columns):
        grouping = {name: columns[name] for name in level} or None
        result = estimator(
            values, design, domain=domain, by=grouping, confidence=confidence, **options
        )
        size = 1 if grouping is None else len(result)
        groups = result.groups or {}
        for name in columns:
            keys[name].extend(_plain_labels(groups[name]) if name in groups else [ALL] * size)
        fields["value"].extend(np.atleast_1d(result.value))
        fields["lower"].extend(np.atleast_1d(result.lower))
        fields["upper"].extend(np.atleast_1d(result.upper))
        fields["standard_error"].extend(np.atleast_1d(result.standard_error))
        fields["count"].extend(np.atleast_1d(result.sample_size))
        fields["base"].extend(np.atleast_1d(result.denominator))
    arrays = {k: np.asarray(v, dtype=float) for k, v in fields.items()}
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = arrays["standard_error"] / np.abs(arrays["value"])
    few = arrays["count"] < min_respondents
    noisy = relative > max_relative_se
    suppressed = few | noisy
    reason = np.where(
        few,
        f"primary: fewer than {min_respondents:g} respondents",
        np.where(noisy, f"primary: relative SE above {max_relative_se:g}", ""),
    )
    return _breakdown(keys, arrays, suppressed, reason, f"survey {statistic}")


def _breakdown(
    keys: dict[str, list[Any]],
    arrays: dict[str, np.ndarray],
    suppressed: np.ndarray,
    reason: np.ndarray,
    indicator: str,
) -> Breakdown:
    blank = {k: np.where(suppressed, np.nan, arrays[k]) for k in ("value", "lower", "upper")}
    return Breakdown(
        keys={k: tuple(v) for k, v in keys.items()},
        value=blank["value"],
        lower=blank["lower"],
        upper=blank["upper"],
        standard_error=np.where(suppressed, np.nan, arrays["standard_error"]),
        count=arrays["count"],
        base=arrays["base"],
        suppressed=suppressed,
        reason=tuple(str(r) for r in reason.tolist()),
        indicator=indicator,
    )


@calculator(
    counts=Count(),
    population=Count(positive=True, whole=False),
    multiplier=Scale(),
    confidence=Confidence(),
    min_count=Count(aligned=False, ndim=(0,)),
    age_bands=Preset(AGE_BAND_PRESETS, AgeBandPreset, optional=True),
    elementwise=False,
    example={
        "counts": [3, 40, 12, 8],
        "population": [9000, 80000, 20000, 15000],
        "by": {"sex": ["f", "m", "f", "m"]},
    },
)
def count_breakdown(
    counts: Any,
    population: Any,
    *,
    by: Mapping[str, Any],
    multiplier: float = 100_000,
    confidence: float = 0.95,
    min_count: float = 0,
    age_bands: Any = None,
) -> Breakdown:
    """Counts and rates per ``multiplier`` for every cell, margin and the total of ``by``.

    Parameters
    ----------
    counts : array-like
        Events or persons per input row (e.g. detected victims) [persons].
    population : array-like
        Population of each input row [persons], > 0.
    by : mapping
        Grouping variables of the input rows (``{"sex": ..., "age_band": ...}``).
    multiplier : float
        Rate base (100,000).
    confidence : float
    min_count : float
        Primary suppression below this count (cells with 0 are not suppressed); each margin
        line with a single suppressed cell gets a complementary suppression of its smallest
        other non-zero cell.
    age_bands : str or AgeBandPreset, optional
        As :func:`survey_breakdown`: ``by["age"]`` holds ages, the rows are by ``"age_band"``.

    Returns
    -------
    Breakdown
        Summed counts and populations, rates with PHE exact/Byar intervals
        (:func:`dpssec.stats.poisson_rate`, ``method="auto"``) and the Poisson standard error
        ``sqrt(count) / population * multiplier`` of each rate.

    Raises
    ------
    InputError
        Negative or missing counts, non-positive populations, lengths that differ, ``by`` not
        a mapping or with a missing label.

    Notes
    -----
    Counts and populations are summed before dividing (never an average of rates); margins
    and the total are sums over all input rows, so they are the same whatever is suppressed.

    Examples
    --------
    >>> from dpssec.prevention import count_breakdown
    >>> t = count_breakdown([3, 40, 12, 8], [9000, 80000, 20000, 15000],
    ...                     by={"sex": ["f", "m", "f", "m"]}, min_count=10)
    >>> t.keys["sex"], t.count.tolist(), t.suppressed.tolist()
    (('f', 'm', '(all)'), [15.0, 48.0, 63.0], [False, False, False])
    """
    from dpssec.stats import poisson_rate

    columns = _columns_of(by, age_bands)
    counts = np.atleast_1d(np.asarray(counts, dtype=float))
    population = np.broadcast_to(np.asarray(population, dtype=float), counts.shape)
    n = counts.size
    codes = {}
    for name, labels in columns.items():
        code, uniques = factorize(labels, f"by[{name!r}]")
        if code.size != n:
            raise InputError(f"by: {name!r} has {code.size} labels for {n} rows")
        codes[name] = (code, uniques)
    keys: dict[str, list[Any]] = {name: [] for name in columns}
    summed_counts: list[float] = []
    summed_population: list[float] = []
    level_of_row: list[tuple[str, ...]] = []
    for level in _levels(columns):
        if level:
            shape = tuple(codes[name][1].size for name in level)
            flat = np.ravel_multi_index(tuple(codes[name][0] for name in level), shape)
            cells, inverse = np.unique(flat, return_inverse=True)
            c = np.bincount(inverse.reshape(-1), weights=np.broadcast_to(counts, (n,)))
            p = np.bincount(inverse.reshape(-1), weights=np.broadcast_to(population, (n,)))
            positions = np.unravel_index(cells, shape)
            for name in columns:
                if name in level:
                    chosen = codes[name][1][positions[level.index(name)]]
                    keys[name].extend(_plain_labels(chosen))
                else:
                    keys[name].extend([ALL] * cells.size)
            size = cells.size
        else:
            c = np.atleast_1d(np.sum(counts))
            p = np.atleast_1d(np.sum(population))
            for name in columns:
                keys[name].append(ALL)
            size = 1
        summed_counts.extend(c.tolist())
        summed_population.extend(p.tolist())
        level_of_row.extend([level] * size)
    count_arr = np.asarray(summed_counts)
    population_arr = np.asarray(summed_population)
    rate = poisson_rate(count_arr, population_arr, multiplier=multiplier, confidence=confidence)
    primary = (count_arr > 0) & (count_arr < min_count)
    suppressed = primary.copy()
    reason = np.where(primary, f"primary: count below {min_count:g}", "").astype(object)
    _complementary(keys, level_of_row, count_arr, suppressed, reason, list(columns))
    arrays = {
        "value": np.asarray(rate.value, dtype=float),
        "lower": np.asarray(rate.lower, dtype=float),
        "upper": np.asarray(rate.upper, dtype=float),
        "standard_error": np.sqrt(count_arr) / population_arr * multiplier,
        "count": count_arr,
        "base": population_arr,
    }
    return _breakdown(keys, arrays, suppressed, reason, f"rate per {multiplier:g}")


def _complementary(
    keys: dict[str, list[Any]],
    level_of_row: list[tuple[str, ...]],
    counts: np.ndarray,
    suppressed: np.ndarray,
    reason: np.ndarray,
    names: list[str],
) -> None:
    """Suppress a second cell in every margin line that has exactly one suppressed cell."""
    labels = {k: np.asarray(v, dtype=object) for k, v in keys.items()}
    for _ in range(len(names) + 1):  # repeat: a new suppression can expose another line
        changed = False
        for level in {lv for lv in level_of_row if lv}:
            rows = np.flatnonzero([lv == level for lv in level_of_row])
            for dropped in level:  # lines: vary one variable, the others fixed
                fixed = [n for n in level if n != dropped]
                line_key = [tuple(labels[n][r] for n in fixed) for r in rows]
                for key in set(line_key):
                    line = rows[[k == key for k in line_key]]
                    hidden = line[suppressed[line]]
                    if hidden.size != 1:
                        continue
                    candidates = line[~suppressed[line] & (counts[line] > 0)]
                    if candidates.size == 0:
                        continue
                    pick = candidates[np.argmin(counts[candidates])]
                    suppressed[pick] = True
                    reason[pick] = "complementary"
                    changed = True
        if not changed:
            break
