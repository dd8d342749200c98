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

The result is a tidy table (:class:`~dpssec.prevention.results.IndicatorTable`): the key
columns, ``value``, ``lower``, ``upper``, ``numerator``, ``denominator``, ``method``,
``suppressed`` and ``note`` per row, with ``to_frame()`` for pandas and ``to_records()`` for
JSON. The per-indicator work is in the private module ``_table_builders``.

For example:

>>> from dpssec.prevention import indicator_table
>>> data = {"area": ["A", "A", "B"], "sex": ["f", "m", "f"],
...         "count": [3, 12, 40], "population": [10_000, 11_000, 90_000]}
>>> t = indicator_table(data, by=["area"])
>>> t.keys["area"].tolist(), t.value.round(2).tolist()
(['A', 'B'], [71.43, 44.44])
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from dpssec.boundary import (
    ArraySpec,
    Choice,
    Confidence,
    Count,
    Flag,
    Labels,
    Names,
    Number,
    Population,
    Scale,
    Text,
    calculator,
    is_lazy,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention._grouping import group_codes, group_sum
from dpssec.prevention._table_builders import (
    apc_table,
    band_index,
    blank,
    check_pivot,
    feeling_safe_table,
    from_estimate,
    pivot,
    proportion_table,
    rate_table,
)
from dpssec.prevention.direct import DSR_METHODS, DSR_MIN_COUNT, directly_standardised_rate
from dpssec.prevention.indirect import indirectly_standardised_rate, indirectly_standardised_ratio
from dpssec.prevention.rates import THRESHOLD, describe_rule
from dpssec.prevention.sdg16 import (
    DONT_KNOW_TREATMENTS,
    SDG_16_1_1,
    SDG_16_1_3,
    SDG_16_1_4,
    SDG_16_2_2,
)
from dpssec.prevention.standard_populations import resolve_standard
from dpssec.scale import check_compute
from dpssec.stats.intervals import AUTO_EXACT_BELOW, POISSON_METHODS

__all__ = ["INDICATORS", "indicator_table"]

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


def _columns_of(data: Any) -> dict[str, Any]:
    """The table's columns by name (pandas columns kept as Series: their labels name rows)."""
    if hasattr(data, "columns") and hasattr(data, "to_numpy") and hasattr(data, "iloc"):
        columns = {str(c): data[c] for c in data.columns}
    elif isinstance(data, Mapping):
        columns = {str(k): v for k, v in data.items()}
    else:
        raise InputError(
            f"data must be a pandas DataFrame or a mapping of column name to values; got "
            f"{type(data).__name__}"
        )
    lengths = {}
    for name, column in columns.items():
        if isinstance(column, str | bytes) or np.ndim(column) != 1:
            raise InputError(
                f"column {name!r} must hold one value per row (a list, an array or a Series); "
                f"got {type(column).__name__} of shape {np.shape(column)}"
            )
        lengths[name] = np.shape(column)[0]
    if len(set(lengths.values())) > 1:
        raise InputError(f"columns have different lengths: {lengths}")
    return columns


def _column(columns: dict[str, Any], name: str, role: str) -> Any:
    if name not in columns:
        raise InputError(
            f"column {name!r} ({role}) is not in the data; columns: {', '.join(columns)}"
        )
    return columns[name]


def value_columns(
    indicator: str,
    *,
    count: str = "count",
    population: str = "population",
    total: str = "total",
    safe: str = "safe",
    unsafe: str = "unsafe",
    unknown: str = "unknown",
    year: str = "year",
) -> dict[str, tuple[str, ArraySpec]]:
    """The numeric columns ``indicator`` reads: column name -> (role, the spec of its rows).

    :func:`indicator_table` checks each column with its spec; the command line checks the
    rows of a file with the same specs first, so that it can report the line of the file.

    Examples
    --------
    >>> from dpssec.prevention.table import value_columns
    >>> {name: role for name, (role, _) in value_columns("proportion").items()}
    {'count': 'count', 'total': 'total'}
    """
    base = _SDG.get(indicator, (indicator, None))[0]
    if base == "feeling_safe":
        answers = Count(whole=False)
        return {
            safe: ("safe answers", answers),
            unsafe: ("unsafe answers", answers),
            unknown: ("don't-know answers", answers),
        }
    checks: dict[str, tuple[str, ArraySpec]] = {count: ("count", Count(whole=False))}
    if base == "proportion":
        checks[total] = ("total", Population())
    else:
        checks[population] = ("population", Population())
    if base == "apc":
        checks[year] = ("year", Number())
    return checks


def _checked_columns(
    columns: dict[str, Any],
    checks: dict[str, tuple[str, ArraySpec]],
    keys: Sequence[str],
    extra_labels: Sequence[str],
    omit: bool,
) -> tuple[dict[str, np.ndarray], list[np.ndarray], dict[str, np.ndarray]]:
    """Value columns, key columns and label columns (age band) checked by their specs.

    With ``omit``, rows with a missing value in any of them are left out (with a warning).
    """
    missing: Any = None
    values: dict[str, Any] = {}
    for name, (role, spec) in checks.items():
        prepared = spec.prepare(_column(columns, name, role), name, missing_ok=omit)
        assert prepared is not None
        values[name] = prepared.values
        if prepared.missing is not None:
            missing = prepared.missing if missing is None else missing | prepared.missing
    labels: dict[str, Any] = {}
    for name in [*keys, *extra_labels]:
        if name in labels:
            continue
        prepared = Labels().prepare(_column(columns, name, "grouping"), name, missing_ok=omit)
        assert prepared is not None
        labels[name] = prepared.values
        if prepared.missing is not None:
            missing = prepared.missing if missing is None else missing | prepared.missing
    if missing is not None and missing.any():
        keep = ~missing
        warnings.warn(
            f"indicator_table: omitted {int(missing.sum())} of {missing.size} rows with a "
            f"missing value (first at row {int(np.argmax(missing))}) (nan_policy='omit')",
            DataQualityWarning,
            stacklevel=4,
        )
        values = {k: np.asarray(v)[keep] for k, v in values.items()}
        labels = {k: np.asarray(v)[keep] for k, v in labels.items()}
    values = {k: np.asarray(v, dtype=float) for k, v in values.items()}
    return values, [labels[name] for name in keys], labels


@calculator(
    elementwise=False,
    indicator=Choice(INDICATORS),
    by=Names(optional=True),
    count=Text(),
    population=Text(),
    total=Text(),
    safe=Text(),
    unsafe=Text(),
    unknown=Text(),
    dont_know=Choice(DONT_KNOW_TREATMENTS, optional=True),
    age_band=Text(),
    year=Text(),
    reference_counts=Count(whole=False, ndim=(1,), aligned=False, optional=True),
    reference_populations=Population(ndim=(1,), aligned=False, optional=True),
    method=Choice((*POISSON_METHODS, *DSR_METHODS), optional=True),
    multiplier=Scale(optional=True),
    confidence=Confidence(),
    min_count=Number(lower=0, aligned=False, ndim=(0,), optional=True),
    min_population=THRESHOLD,
    keep_suppressed_values=Flag(),
    example={
        "data": {
            "area": ["A", "A", "B"],
            "count": [3, 12, 40],
            "population": [10_000, 11_000, 90_000],
        }
    },
)
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
    nan_policy: str = "raise",
    compute: bool = True,
) -> Any:
    """Compute one indicator for every group of a long table, vectorised.

    Parameters
    ----------
    data : pandas.DataFrame, dask DataFrame or mapping of column name to array-like
        The long table. A dask DataFrame is reduced out of core: each partition is checked
        and summed by group, the sums are merged by a tree reduction, and the indicator,
        its interval and the suppression are computed on the group totals, as for a pandas
        DataFrame (:mod:`dpssec.prevention.table_dask`).
    indicator : str
        What to compute per group: ``"rate"``, ``"dsr"``, ``"isr"``, ``"ratio"``,
        ``"proportion"``, ``"apc"``, or an SDG name (``"homicide_rate"``,
        ``"trafficking_victim_rate"``: rates; ``"violence_prevalence"``: a proportion;
        ``"feeling_safe_share"``: SDG 16.1.4 from ``safe``, ``unsafe`` and ``unknown``).
    by : str or sequence of str, optional
        Grouping columns (one name is one column: ``by="area"``). Default: every column that
        is not a value column (``count``,
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
    nan_policy : {"raise", "omit"}
        A missing value (NaN, None, pandas NA) in a value, key or age-band column is refused
        with its column and row (default), or its row is left out before the sums, with a
        :class:`~dpssec.errors.DataQualityWarning` saying how many rows.
    compute : bool
        For a dask DataFrame: compute with the active scheduler (default), or return a
        :class:`dask.delayed.Delayed` of the table.

    Returns
    -------
    IndicatorTable
        Or a Delayed of it (dask DataFrame, ``compute=False``).

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
    if is_lazy(data):
        from dpssec.prevention.table_dask import indicator_table_partitioned

        options = {
            "indicator": indicator, "by": by, "count": count, "population": population,
            "total": total, "safe": safe, "unsafe": unsafe, "unknown": unknown,
            "dont_know": dont_know, "age_band": age_band, "year": year, "standard": standard,
            "reference_counts": reference_counts, "reference_populations": reference_populations,
            "method": method, "multiplier": multiplier, "confidence": confidence,
            "min_count": min_count, "min_population": min_population,
            "keep_suppressed_values": keep_suppressed_values, "nan_policy": nan_policy,
        }  # fmt: skip
        return indicator_table_partitioned(data, options, compute=compute)
    check_compute(compute)
    requested = indicator
    indicator, sdg_reference = _SDG.get(indicator, (indicator, None))
    if indicator == "feeling_safe":
        if dont_know is None:
            raise InputError(
                "indicator 'feeling_safe_share' needs dont_know: give dont_know='exclude' or "
                "dont_know='include_in_denominator' (no official rule says which; the choice is "
                "recorded in the result)"
            )
    elif dont_know is not None:
        raise InputError(
            f"dont_know applies to indicator 'feeling_safe_share' only; got indicator={requested!r}"
        )
    columns = _columns_of(data)
    checks = value_columns(
        requested,
        count=count,
        population=population,
        total=total,
        safe=safe,
        unsafe=unsafe,
        unknown=unknown,
        year=year,
    )
    not_keys = {count, population, total, age_band, *checks}
    if by is None:
        by = [c for c in columns if c not in not_keys]
    for name in by:
        _column(columns, name, "grouping")
    banded = indicator in ("dsr", "isr", "ratio")
    values, keys_in, label_columns = _checked_columns(
        columns, checks, list(by), [age_band] if banded else [], nan_policy == "omit"
    )
    n_rows = next(iter(values.values())).size
    codes, labels, n_groups = group_codes(keys_in, n_rows)
    keys = dict(zip(by, labels, strict=True))
    if indicator == "feeling_safe":
        sums = [group_sum(codes, values[name], n_groups) for name in (safe, unsafe, unknown)]
        return feeling_safe_table(keys, sums, str(dont_know), multiplier, confidence)
    x = values[count]
    if indicator == "proportion":
        return proportion_table(
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
        return rate_table(
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
        return apc_table(keys, codes, n_groups, x, n, values[year], multiplier, confidence)
    std = resolve_standard(standard)
    bands = band_index(label_columns[age_band], std)
    counts2d = pivot(codes, bands, x, n_groups, len(std.bands))
    pops2d = pivot(codes, bands, n, n_groups, len(std.bands))
    check_pivot(pops2d, keys, std.bands)
    if indicator == "dsr":
        threshold = DSR_MIN_COUNT if min_count is None else min_count
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
        return from_estimate(
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
                blank(est.value, low_pop, keep),
                blank(est.lower, low_pop, keep),
                blank(est.upper, low_pop, keep),
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
    return from_estimate(
        indicator,
        keys,
        est,
        numerator=observed,
        denominator=np.asarray(est.denominator),
        method=np.where(observed < AUTO_EXACT_BELOW, "exact", "byar"),
        suppressed=np.zeros(n_groups, dtype=bool),
        note=np.full(n_groups, ""),
        reference=est.reference,
    )
