"""The per-indicator builders of :func:`dpssec.prevention.indicator_table` (private).

Each builder takes the group codes and the checked value columns of a long table, sums them
within each group (``np.bincount``), calls the indicator's calculator once for all groups and
returns an :class:`~dpssec.prevention.results.IndicatorTable`. Groups that cannot be computed
are named by their key columns, never by a group index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dpssec.errors import InputError
from dpssec.prevention._grouping import factorize, group_sum
from dpssec.prevention.rates import crime_rate
from dpssec.prevention.results import IndicatorTable
from dpssec.prevention.sdg16 import feeling_safe_share, violence_prevalence
from dpssec.prevention.standard_populations import normalise_band_label
from dpssec.prevention.trend import APC_REFERENCE, masked_loglinear_fit
from dpssec.references import Reference
from dpssec.stats.intervals import AUTO_EXACT_BELOW


def from_estimate(
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


def blank(values: Any, mask: np.ndarray, keep: bool) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    return arr if keep else np.where(mask, np.nan, arr)


def band_index(bands_in: np.ndarray, std: Any) -> np.ndarray:
    raw, inverse = factorize(bands_in)
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


def pivot(
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


def check_pivot(pops2d: np.ndarray, keys: dict[str, np.ndarray], bands: Sequence[str]) -> None:
    empty = pops2d <= 0
    if empty.any():
        group, _ = np.unravel_index(int(np.argmax(empty)), empty.shape)
        label = _group_label(keys, int(group))
        missing = [bands[int(j)] for j in np.flatnonzero(empty[group])]
        raise InputError(
            f"{int(empty.any(axis=1).sum())} groups have no population in some age band; first: "
            f"{label} is missing age bands {', '.join(missing)}"
        )


def rate_table(
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
        np.where(counts < AUTO_EXACT_BELOW, "exact", "byar")
        if chosen == "auto"
        else np.full(n_groups, chosen)
    )
    return from_estimate(
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


def proportion_table(
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
    return from_estimate(
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


def feeling_safe_table(
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
    return from_estimate(
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


def apc_table(
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

    level = confidence
    year_values, year_index = np.unique(years, return_inverse=True)
    year_index = year_index.reshape(-1)
    counts = pivot(codes, year_index, x, n_groups, year_values.size)
    pops = pivot(codes, year_index, n, n_groups, year_values.size)
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
