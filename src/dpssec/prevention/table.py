"""Indicator tables: one indicator for many areas, years and groups at once, from a long table.

An observatory's data are long: one row per area, year, sex, age band... with a count and a
population (or a survey total). :func:`indicator_table` groups the rows by the key columns,
**sums counts and populations within each group** (never averages rates), and computes the
indicator for every group in one vectorised call:

========================  =============================================================
``indicator``             computes, per group
========================  =============================================================
``"rate"``                crude rate, exact/Byar limits (:func:`crime_rate`)
``"dsr"``                 directly standardised rate over ``age_band`` (Dobson/Fay–Feuer)
``"isr"``, ``"ratio"``    indirectly standardised rate / ratio against a reference
``"proportion"``          survey share ``count / total`` with a Wilson interval
``"apc"``                 annual percent change of the crude rate over ``year``
``"homicide_rate"``, ...  ``"rate"`` / ``"proportion"`` with the SDG 16 citation
``"feeling_safe_share"``  SDG 16.1.4 share ``safe / (safe + unsafe [+ unknown])``
========================  =============================================================

The result is a tidy table (:class:`IndicatorTable`): the key columns, ``value``, ``lower``,
``upper``, ``numerator``, ``denominator``, ``method``, ``suppressed`` and ``note`` per row, with
``to_frame()`` for pandas and ``to_records()`` for JSON.

For example:

>>> from dpssec.prevention import indicator_table
>>> data = {"area": ["A", "A", "B"], "sex": ["f", "m", "f"],
...         "count": [3, 12, 40], "population": [10_000, 11_000, 90_000]}
>>> t = indicator_table(data, by=["area"])
>>> t.keys["area"].tolist(), t.value.round(2).tolist()
(['A', 'B'], [71.43, 44.44])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from dpssec._checks import as_array, check_choice
from dpssec.errors import InputError
from dpssec.prevention._grouping import factorize, group_codes, group_sum, key_column
from dpssec.prevention.direct import directly_standardised_rate
from dpssec.prevention.indirect import indirectly_standardised_rate, indirectly_standardised_ratio
from dpssec.prevention.rates import (
    _check_multiplier,
    _check_threshold,
    crime_rate,
    describe_rule,
)
from dpssec.prevention.sdg16 import (
    DONT_KNOW_TREATMENTS,
    SDG_16_1_1,
    SDG_16_1_3,
    SDG_16_1_4,
    SDG_16_2_2,
    feeling_safe_share,
    violence_prevalence,
)
from dpssec.prevention.standard_populations import normalise_band_label, resolve_standard
from dpssec.prevention.trend import APC_REFERENCE, masked_loglinear_fit
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = ["INDICATORS", "IndicatorTable", "indicator_table"]

INDICATORS = (
    "rate",
    "dsr",
    "isr",
    "ratio",
    "proportion",
    "apc",
    "homicide_rate",
    "trafficking_victim_rate",
    "violence_prevalence",
    "feeling_safe_share",
)
"""Indicators :func:`indicator_table` computes (the SDG names are rates or proportions with the
indicator's citation attached)."""

_SDG = {
    "homicide_rate": ("rate", SDG_16_1_1),
    "trafficking_victim_rate": ("rate", SDG_16_2_2),
    "violence_prevalence": ("proportion", SDG_16_1_3),
    "feeling_safe_share": ("feeling_safe", SDG_16_1_4),
}


@attrs.frozen(eq=False)
class IndicatorTable(ResultMixin):
    """A tidy table of one indicator per group.

    Attributes
    ----------
    indicator : str
        One of :data:`INDICATORS`.
    keys : dict of str to ndarray
        The grouping columns, one label per row.
    value, lower, upper : ndarray
        The indicator and its confidence limits (NaN where suppressed).
    numerator, denominator : ndarray
        Summed counts and populations (totals; for ``"isr"``/``"ratio"`` the expected count).
    method : ndarray of str
        Interval method per row (``"exact"``, ``"byar"``, ``"dobson"``, ``"wilson"``, ...).
    suppressed : ndarray of bool
        Rows flagged by a suppression rule or for which the indicator is not defined.
    note : ndarray of str
        Why a row is suppressed (empty otherwise).
    confidence : float
    multiplier : float
    reference : Reference or None

    Examples
    --------
    >>> from dpssec.prevention import indicator_table
    >>> t = indicator_table({"area": ["A", "B"], "count": [3, 40],
    ...                      "population": [10_000, 90_000]}, min_count=5)
    >>> len(t), t.suppressed.tolist(), str(t.note[0])
    (2, [True, False], 'count < 5')
    >>> frame = t.to_frame()
    >>> list(frame.columns[:4]), frame["value"].round(2).tolist()
    (['area', 'value', 'lower', 'upper'], [nan, 44.44])
    """

    indicator: str
    keys: dict[str, np.ndarray]
    value: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    numerator: np.ndarray
    denominator: np.ndarray
    method: np.ndarray
    suppressed: np.ndarray
    note: np.ndarray
    confidence: float
    multiplier: float
    reference: Reference | None = None

    def __len__(self) -> int:
        return int(np.size(self.value))

    def _columns(self) -> dict[str, Any]:
        return {
            **self.keys,
            "value": self.value,
            "lower": self.lower,
            "upper": self.upper,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "method": self.method,
            "suppressed": self.suppressed,
            "note": self.note,
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One JSON-compatible dict per row (NaN as None).

        Examples
        --------
        >>> from dpssec.prevention import indicator_table
        >>> t = indicator_table({"area": ["A"], "count": [0], "population": [100]})
        >>> t.to_records()[0]["area"], t.to_records()[0]["value"], t.to_records()[0]["upper"]
        ('A', 0.0, 3688.879454113936)
        """
        columns = self._columns()
        records = []
        for i in range(len(self)):
            row: dict[str, Any] = {}
            for name, column in columns.items():
                item = np.asarray(column)[i]
                item = item.item() if hasattr(item, "item") else item
                row[name] = None if isinstance(item, float) and item != item else item
            records.append(row)
        return records

    def to_dict(self) -> dict[str, Any]:
        """The table as JSON-compatible data: settings and rows.

        Examples
        --------
        >>> import json
        >>> from dpssec.prevention import indicator_table
        >>> t = indicator_table({"country": ["BLZ"], "count": [113],
        ...                      "population": [441_406]}, "homicide_rate")
        >>> d = json.loads(json.dumps(t.to_dict()))
        >>> d["indicator"], d["multiplier"], round(d["rows"][0]["value"], 1)
        ('homicide_rate', 100000.0, 25.6)
        """
        return {
            "indicator": self.indicator,
            "confidence": self.confidence,
            "multiplier": self.multiplier,
            "reference": None if self.reference is None else str(self.reference),
            "rows": self.to_records(),
        }


def _columns_of(data: Any) -> dict[str, np.ndarray]:
    if hasattr(data, "columns") and hasattr(data, "to_numpy"):
        return {str(c): data[c].to_numpy() for c in data.columns}
    if isinstance(data, Mapping):
        return {str(k): np.asarray(v) for k, v in data.items()}
    raise InputError(
        f"data must be a pandas DataFrame or a mapping of column name to values; got "
        f"{type(data).__name__}"
    )


def _column(columns: dict[str, np.ndarray], name: str, role: str) -> np.ndarray:
    if name not in columns:
        raise InputError(
            f"column {name!r} ({role}) is not in the data; columns: {', '.join(columns)}"
        )
    return columns[name]


def _value_checks(
    indicator: str,
    *,
    count: str = "count",
    population: str = "population",
    total: str = "total",
    safe: str = "safe",
    unsafe: str = "unsafe",
    unknown: str = "unknown",
    year: str = "year",
) -> dict[str, tuple[str, dict[str, bool]]]:
    """The numeric columns ``indicator`` reads: column -> (role, checks of every row).

    The command line checks each row of a file with the same rules before the table is
    computed, so that it can report the line of the file.
    """
    base = _SDG.get(indicator, (indicator, None))[0]
    if base == "feeling_safe":
        return {
            safe: ("safe answers", {"nonnegative": True}),
            unsafe: ("unsafe answers", {"nonnegative": True}),
            unknown: ("don't-know answers", {"nonnegative": True}),
        }
    checks = {count: ("count", {"nonnegative": True})}
    if base == "proportion":
        checks[total] = ("total", {"positive": True})
    else:
        checks[population] = ("population", {"positive": True})
    if base == "apc":
        checks[year] = ("year", {})
    return checks


def indicator_table(
    data: Any,
    indicator: str = "rate",
    *,
    by: Sequence[str] | None = None,
    count: str = "count",
    population: str = "population",
    total: str = "total",
    safe: str = "safe",
    unsafe: str = "unsafe",
    unknown: str = "unknown",
    dont_know: str | None = None,
    age_band: str = "age_band",
    year: str = "year",
    standard: Any = "esp2013",
    reference_counts: Any = None,
    reference_populations: Any = None,
    method: str | None = None,
    multiplier: float | None = None,
    confidence: float = 0.95,
    min_count: float | None = None,
    min_population: float = 0,
    keep_suppressed_values: bool = False,
) -> IndicatorTable:
    """Compute one indicator for every group of a long table, vectorised.

    Parameters
    ----------
    data : pandas.DataFrame or mapping of column name to array-like
        The long table.
    indicator : str
        What to compute per group: ``"rate"``, ``"dsr"``, ``"isr"``, ``"ratio"``,
        ``"proportion"``, ``"apc"``, or an SDG name (``"homicide_rate"``,
        ``"trafficking_victim_rate"``: rates; ``"violence_prevalence"``: a proportion;
        ``"feeling_safe_share"``: SDG 16.1.4 from ``safe``, ``unsafe`` and ``unknown``).
    by : sequence of str, optional
        Grouping columns. Default: every column that is not a value column (``count``,
        ``population``, ``total``, ``age_band``; ``year`` for ``"apc"``; ``safe``, ``unsafe``
        and ``unknown`` for ``"feeling_safe_share"``).
    count, population, total, age_band, year : str
        Column names. ``total`` is the survey denominator of ``"proportion"``.
    safe, unsafe, unknown : str
        Column names of ``"feeling_safe_share"``: answers "very/fairly safe", "a bit/very
        unsafe" and "don't know" [persons, or weighted totals].
    dont_know : {"exclude", "include_in_denominator"}, optional
        Required with ``"feeling_safe_share"`` (and refused otherwise): drop the "don't know"
        answers from the denominator or keep them. No official rule exists, so there is no
        default (see :func:`feeling_safe_share`).
    standard : str, StandardPopulation, mapping or sequence
        Standard population of ``"dsr"``.
    reference_counts, reference_populations : array-like, optional
        Reference by age band (in the standard's band order) for ``"isr"``/``"ratio"``; default:
        the whole table summed by age band.
    method : str, optional
        ``"auto"``/``"exact"``/``"byar"`` for rates; ``"dobson"``/``"fay-feuer"`` for DSRs.
    multiplier : float, optional
        Default 100,000 for rates, DSRs and ISRs; 1 for ratios and proportions.
    confidence : float
        Confidence level (0.95 or 95).
    min_count : float, optional
        Suppression below this total count per group (default 10 for ``"dsr"`` as PHE, else 0).
    min_population : float
        Suppression below this population per group (rates, DSRs).
    keep_suppressed_values : bool
        Keep computed values of suppressed rows (still flagged).

    Returns
    -------
    IndicatorTable

    Raises
    ------
    InputError
        Missing columns, negative or missing counts, zero or missing populations, age bands that
        do not match the standard, a group without population in an age band, a group whose
        survey count exceeds its total (naming the group), ``dont_know`` missing for
        ``"feeling_safe_share"``, a multiplier or threshold that is not a number.

    Examples
    --------
    >>> from dpssec.prevention import indicator_table
    >>> data = {"area": ["A"] * 3 + ["B"] * 3, "year": [2020, 2021, 2022] * 2,
    ...         "count": [100, 110, 121, 50, 50, 0], "population": [1e6] * 6}
    >>> t = indicator_table(data, "apc", by=["area"])
    >>> float(t.value[0]), t.suppressed.tolist(), str(t.note[1])
    (10.0, [False, True], 'rate is 0 in a year: APC not defined')
    >>> survey = {"region": ["N", "N", "S"], "safe": [300, 250, 400],
    ...           "unsafe": [150, 200, 80], "unknown": [50, 50, 20]}
    >>> t = indicator_table(survey, "feeling_safe_share", dont_know="exclude")
    >>> t.keys["region"].tolist(), t.value.round(4).tolist(), t.denominator.tolist()
    (['N', 'S'], [0.6111, 0.8333], [900.0, 480.0])
    """
    check_choice(indicator, "indicator", INDICATORS)
    requested = indicator
    indicator, sdg_reference = _SDG.get(indicator, (indicator, None))
    if indicator == "feeling_safe":
        if dont_know is None:
            raise InputError(
                "indicator 'feeling_safe_share' needs dont_know: give dont_know='exclude' or "
                "dont_know='include_in_denominator' (no official rule says which; the choice is "
                "recorded in the result)"
            )
        check_choice(dont_know, "dont_know", DONT_KNOW_TREATMENTS)
    elif dont_know is not None:
        raise InputError(
            f"dont_know applies to indicator 'feeling_safe_share' only; got indicator={requested!r}"
        )
    if multiplier is not None:
        multiplier = _check_multiplier(multiplier)
    if min_count is not None:
        min_count = _check_threshold(min_count, "min_count")
    min_population = _check_threshold(min_population, "min_population")
    columns = _columns_of(data)
    checks = _value_checks(
        requested,
        count=count,
        population=population,
        total=total,
        safe=safe,
        unsafe=unsafe,
        unknown=unknown,
        year=year,
    )
    value_columns = {count, population, total, age_band, *checks}
    if by is None:
        by = [c for c in columns if c not in value_columns]
    for name in by:
        _column(columns, name, "grouping")
    n_rows = len(next(iter(columns.values()))) if columns else 0
    lengths = {name: len(col) for name, col in columns.items()}
    if len(set(lengths.values())) > 1:
        raise InputError(f"columns have different lengths: {lengths}")
    keys_in = [key_column(columns[name], name) for name in by]
    values = {
        name: as_array(_column(columns, name, role), name, **rules)
        for name, (role, rules) in checks.items()
    }
    codes, labels, n_groups = group_codes(keys_in, n_rows)
    keys = dict(zip(by, labels, strict=True))
    if indicator == "feeling_safe":
        sums = [group_sum(codes, values[name], n_groups) for name in (safe, unsafe, unknown)]
        return _feeling_safe_table(keys, sums, str(dont_know), multiplier, confidence)
    x = values[count]
    if indicator == "proportion":
        return _proportion_table(
            keys,
            codes,
            n_groups,
            x,
            values[total],
            multiplier,
            confidence,
            requested,
            sdg_reference,
        )
    n = values[population]
    if indicator == "rate":
        return _rate_table(
            keys,
            codes,
            n_groups,
            x,
            n,
            method,
            multiplier,
            confidence,
            min_count,
            min_population,
            keep_suppressed_values,
            requested,
            sdg_reference,
        )
    if indicator == "apc":
        return _apc_table(keys, codes, n_groups, x, n, values[year], multiplier, confidence)
    std = resolve_standard(standard)
    bands_in = _column(columns, age_band, "age band")
    band_index = _band_index(bands_in, std)
    counts2d = _pivot(codes, band_index, x, n_groups, len(std.bands))
    pops2d = _pivot(codes, band_index, n, n_groups, len(std.bands))
    _check_pivot(pops2d, keys, std.bands)
    if indicator == "dsr":
        threshold = 10.0 if min_count is None else min_count
        est = directly_standardised_rate(
            counts2d,
            pops2d,
            std,
            multiplier=100_000 if multiplier is None else multiplier,
            confidence=confidence,
            method=method or "dobson",
            min_count=threshold,
            keep_suppressed_values=keep_suppressed_values,
        )
        low_pop = est.denominator < min_population
        suppressed = np.asarray(est.suppressed) | low_pop
        rule = describe_rule(0, min_population)
        rule = " or ".join(part for part in (est.suppression_rule, rule) if part)
        note = np.where(suppressed, rule, "")
        keep = keep_suppressed_values
        return _from_estimate(
            indicator,
            keys,
            est,
            numerator=np.asarray(est.numerator),
            denominator=np.asarray(est.denominator),
            method=np.full(n_groups, est.method),
            suppressed=suppressed,
            note=note,
            reference=est.reference,
            limits=(
                _blank(est.value, low_pop, keep),
                _blank(est.lower, low_pop, keep),
                _blank(est.upper, low_pop, keep),
            ),
        )
    if reference_counts is None or reference_populations is None:
        reference_counts, reference_populations = counts2d.sum(axis=0), pops2d.sum(axis=0)
    if indicator == "isr":
        est = indirectly_standardised_rate(
            counts2d,
            pops2d,
            reference_counts,
            reference_populations,
            confidence=confidence,
            multiplier=100_000 if multiplier is None else multiplier,
        )
    else:
        est = indirectly_standardised_ratio(
            counts2d,
            pops2d,
            reference_counts,
            reference_populations,
            confidence=confidence,
            refvalue=1 if multiplier is None else multiplier,
        )
    observed = np.asarray(est.numerator)
    return _from_estimate(
        indicator,
        keys,
        est,
        numerator=observed,
        denominator=np.asarray(est.denominator),
        method=np.where(observed < 10, "exact", "byar"),
        suppressed=np.zeros(n_groups, dtype=bool),
        note=np.full(n_groups, ""),
        reference=est.reference,
    )


def _from_estimate(
    indicator: str,
    keys: dict[str, np.ndarray],
    est: Any,
    *,
    numerator: np.ndarray,
    denominator: np.ndarray,
    method: np.ndarray,
    suppressed: np.ndarray,
    note: np.ndarray,
    reference: Reference | None,
    limits: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> IndicatorTable:
    """An :class:`IndicatorTable` of an estimate's value, limits, confidence and multiplier.

    ``limits`` replaces ``(value, lower, upper)`` when they were post-processed (blanked).
    """
    value, lower, upper = limits or (
        np.asarray(est.value),
        np.asarray(est.lower),
        np.asarray(est.upper),
    )
    return IndicatorTable(
        indicator,
        keys,
        value,
        lower,
        upper,
        numerator,
        denominator,
        method,
        suppressed,
        note,
        est.confidence,
        float(est.multiplier or 1),
        reference,
    )


def _blank(values: Any, mask: np.ndarray, keep: bool) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    return arr if keep else np.where(mask, np.nan, arr)


def _band_index(bands_in: np.ndarray, std: Any) -> np.ndarray:
    raw, inverse = factorize(key_column(bands_in, "age_band"))
    uniques = [normalise_band_label(b) for b in raw]
    wanted = [normalise_band_label(b) for b in std.bands]
    unknown = [str(u) for u in uniques if u not in wanted]
    if unknown:
        raise InputError(
            f"age bands not in standard {std.name!r}: {', '.join(unknown)}. The standard's bands "
            f"are {', '.join(std.bands)}; use StandardPopulation.collapse_from() for an open "
            "last band"
        )
    position = np.asarray([wanted.index(u) for u in uniques], dtype=np.intp)
    index: np.ndarray = position[inverse.reshape(-1)]
    return index


def _pivot(
    codes: np.ndarray, band_index: np.ndarray, values: np.ndarray, n_groups: int, n_bands: int
) -> np.ndarray:
    flat = np.bincount(codes * n_bands + band_index, weights=values, minlength=n_groups * n_bands)
    return flat.reshape(n_groups, n_bands)


def _group_label(keys: dict[str, np.ndarray], group: int) -> str:
    """``"area=A, sex=f"`` for one group (``"the table"`` without grouping columns)."""
    return ", ".join(f"{k}={v[group]}" for k, v in keys.items()) or "the table"


def _refuse_groups(bad: np.ndarray, keys: dict[str, np.ndarray], problem: str) -> None:
    """Refuse the groups in ``bad``, naming how many and the first one."""
    if bad.any():
        first = _group_label(keys, int(np.argmax(bad)))
        raise InputError(f"{int(bad.sum())} of {bad.size} groups {problem}; first: {first}")


def _check_pivot(pops2d: np.ndarray, keys: dict[str, np.ndarray], bands: Sequence[str]) -> None:
    empty = pops2d <= 0
    if empty.any():
        group, _ = np.unravel_index(int(np.argmax(empty)), empty.shape)
        label = _group_label(keys, int(group))
        missing = [bands[int(j)] for j in np.flatnonzero(empty[group])]
        raise InputError(
            f"{int(empty.any(axis=1).sum())} groups have no population in some age band; first: "
            f"{label} is missing age bands {', '.join(missing)}"
        )


def _rate_table(
    keys: dict[str, np.ndarray],
    codes: np.ndarray,
    n_groups: int,
    x: np.ndarray,
    n: np.ndarray,
    method: str | None,
    multiplier: float | None,
    confidence: float,
    min_count: float | None,
    min_population: float,
    keep: bool,
    name: str,
    reference: Reference | None,
) -> IndicatorTable:
    counts = group_sum(codes, x, n_groups)
    pops = group_sum(codes, n, n_groups)
    est = crime_rate(
        counts,
        pops,
        multiplier=100_000 if multiplier is None else multiplier,
        confidence=confidence,
        method=method or "auto",
        min_count=min_count or 0,
        min_population=min_population,
        keep_suppressed_values=keep,
    )
    suppressed = np.asarray(est.suppressed)
    chosen = method or "auto"
    per_row = (
        np.where(counts < 10, "exact", "byar") if chosen == "auto" else np.full(n_groups, chosen)
    )
    return _from_estimate(
        name,
        keys,
        est,
        numerator=counts,
        denominator=pops,
        method=per_row,
        suppressed=suppressed,
        note=np.where(suppressed, est.suppression_rule, ""),
        reference=reference,
    )


def _proportion_table(
    keys: dict[str, np.ndarray],
    codes: np.ndarray,
    n_groups: int,
    x: np.ndarray,
    n: np.ndarray,
    multiplier: float | None,
    confidence: float,
    name: str,
    reference: Reference | None,
) -> IndicatorTable:
    counts = group_sum(codes, x, n_groups)
    totals = group_sum(codes, n, n_groups)
    _refuse_groups(counts > totals, keys, "have a count above their total")
    est = violence_prevalence(
        counts, totals, confidence=confidence, multiplier=1 if multiplier is None else multiplier
    )
    return _from_estimate(
        name,
        keys,
        est,
        numerator=counts,
        denominator=totals,
        method=np.full(n_groups, est.method),
        suppressed=np.zeros(n_groups, dtype=bool),
        note=np.full(n_groups, ""),
        reference=reference,
    )


def _feeling_safe_table(
    keys: dict[str, np.ndarray],
    sums: list[np.ndarray],
    dont_know: str,
    multiplier: float | None,
    confidence: float,
) -> IndicatorTable:
    safe, unsafe, unknown = sums
    answered = safe + unsafe + (unknown if dont_know == "include_in_denominator" else 0.0)
    denominator = "safe + unsafe + unknown" if dont_know != "exclude" else "safe + unsafe"
    _refuse_groups(
        answered <= 0,
        keys,
        f"have no answers to share ({denominator} is 0 with dont_know={dont_know!r})",
    )
    est = feeling_safe_share(
        safe,
        unsafe,
        unknown,
        dont_know=dont_know,
        confidence=confidence,
        multiplier=1 if multiplier is None else multiplier,
    )
    n_groups = safe.size
    return _from_estimate(
        "feeling_safe_share",
        keys,
        est,
        numerator=safe,
        denominator=np.asarray(est.denominator),
        method=np.full(n_groups, est.method),
        suppressed=np.zeros(n_groups, dtype=bool),
        note=np.full(n_groups, ""),
        reference=est.reference,
    )


def _apc_table(
    keys: dict[str, np.ndarray],
    codes: np.ndarray,
    n_groups: int,
    x: np.ndarray,
    n: np.ndarray,
    years: np.ndarray,
    multiplier: float | None,
    confidence: float,
) -> IndicatorTable:
    from scipy.special import stdtrit

    from dpssec._checks import check_confidence

    level = check_confidence(confidence)
    year_values, year_index = np.unique(years, return_inverse=True)
    year_index = year_index.reshape(-1)
    counts = _pivot(codes, year_index, x, n_groups, year_values.size)
    pops = _pivot(codes, year_index, n, n_groups, year_values.size)
    present = pops > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        log_rates = np.log(np.where(present, counts / np.where(present, pops, 1.0), 1.0))
    zero: np.ndarray = np.asarray((present & (counts <= 0)).any(axis=1))
    slope, se, points = masked_loglinear_fit(year_values, log_rates, present & ~zero[:, None])
    few = points < 3
    dof = np.where(few, 1.0, points - 2)
    t_crit = stdtrit(dof, 0.5 + level / 2)
    bad = zero | few
    note = np.where(
        zero, "rate is 0 in a year: APC not defined", np.where(few, "fewer than 3 years", "")
    )

    def pct(values: np.ndarray) -> np.ndarray:
        return np.where(bad, np.nan, 100 * np.expm1(values))

    return IndicatorTable(
        "apc",
        keys,
        pct(slope),
        pct(slope - t_crit * se),
        pct(slope + t_crit * se),
        counts.sum(axis=1),
        pops.sum(axis=1),
        np.full(n_groups, "log-linear (SEER)"),
        bad,
        note,
        level,
        100.0 if multiplier is None else float(multiplier),
        APC_REFERENCE,
    )
