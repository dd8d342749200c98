"""Directly standardised rates (DSR) with Dobson or Fay–Feuer intervals, for many areas at once.

A DSR is the rate an area would have if its age-specific rates applied to a standard
population: ``DSR = Σ w_i·x_i/n_i`` with the standard's weights ``w_i`` normalised to sum to 1.
Counts and populations are ``(age bands,)`` for one area or ``(areas, age bands)`` for many;
the whole table is standardised in one vectorised call.

Two interval methods, kept distinct (the label "Dobson (Fay–Feuer gamma)" seen in some tools
conflates them):

* ``"dobson"`` (PHEindicatormethods ``calculate_dsr``, PHStatsMethods ``ph_dsr``): the Byar
  limits of the total count ``O`` carried to the DSR through ``sqrt(var/O)``;
* ``"fay-feuer"`` (epitools ``ageadjust.direct``): gamma limits, conservative when a small
  stratum has no events.

PHE suppresses the DSR and its limits when ``O < 10``; that is the documented default here
(``min_count=10``), flagged per area. With ``nan_policy="omit"`` a missing count is left out
of its area's sums (PHE counts NA as 0) and an area with a missing population is left out.

For example:

>>> import numpy as np
>>> from dpssec.prevention import directly_standardised_rate
>>> pops = np.full(19, 1000.0)
>>> dsr = directly_standardised_rate(np.full(19, 5.0), pops, "esp2013")
>>> round(dsr.value, 9), dsr.method
(500.0, 'dobson')
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Flag,
    Names,
    Number,
    Population,
    Scale,
    calculator,
)
from dpssec.boundary.arrays import is_lazy
from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention.rates import SUPPRESSION_RULES, THRESHOLD, describe_rule
from dpssec.prevention.results import IndicatorEstimate, apply_suppression
from dpssec.prevention.standard_populations import StandardPopulation, resolve_standard
from dpssec.references import Reference
from dpssec.stats.intervals import poisson_limits

__all__ = [
    "DOBSON_REFERENCE",
    "DSR_METHODS",
    "DSR_MIN_COUNT",
    "FAY_FEUER_REFERENCE",
    "directly_standardised_rate",
]

DOBSON_REFERENCE = Reference(
    "Dobson et al., Confidence intervals for weighted sums of Poisson parameters",
    "Stat Med 1991;10:457-62 (as implemented in PHEindicatormethods 2.1.0 calculate_dsr)",
    "DSR limits from Byar limits of the total count; suppressed when the total count < 10",
)
"""Citation of the Dobson method and the PHE suppression rule."""

FAY_FEUER_REFERENCE = Reference(
    "Fay & Feuer, Confidence intervals for directly standardized rates: a method based on "
    "the gamma distribution",
    "Stat Med 1997;16:791-801 (as implemented in R epitools 0.5-10.1 ageadjust.direct)",
    "gamma limits with shape dsr²/var and, for the upper limit, the largest w_i/n_i added",
)
"""Citation of the Fay–Feuer gamma method."""

DSR_METHODS = ("dobson", "fay-feuer")
"""Names accepted by ``method`` of :func:`directly_standardised_rate`."""

DSR_MIN_COUNT: float = SUPPRESSION_RULES["phe-dsr"].min_count
"""The default ``min_count`` of a DSR: PHE's rule, DSR and limits blanked below 10 events."""

# the Dobson limits are built from Byar limits of O, which need O >= 1
_DOBSON_ZERO = "total count is 0 (Dobson interval undefined)"


def _banded(values: Any, name: str, standard: StandardPopulation, order: np.ndarray | None) -> Any:
    """Checked values with the age bands on the last axis, in the standard's order."""
    if np.ndim(values) == 0:
        raise InputError(f"parameter {name!r} must have an age-band axis; got a scalar")
    if order is not None:
        if np.shape(values)[-1] != order.size:
            raise InputError(
                f"parameter {name!r} has {np.shape(values)[-1]} age bands but age_bands lists "
                f"{order.size}"
            )
        return np.take(values, order, axis=-1)
    if np.shape(values)[-1] != len(standard.bands):
        raise InputError(
            f"parameter {name!r} has {np.shape(values)[-1]} age bands but standard "
            f"{standard.name!r} has {len(standard.bands)} ({', '.join(standard.bands)}); pass "
            "age_bands= to match by label, or use StandardPopulation.collapse_from() for an open "
            "last band"
        )
    return values


def _omit_missing(counts: Any, populations: Any) -> tuple[Any, Any]:
    """``nan_policy="omit"``: missing counts count 0; areas with a missing population go."""
    if is_lazy(counts) or is_lazy(populations):
        from dask.base import compute

        counts, populations = compute(counts, populations)  # type: ignore[no-untyped-call]
    counts, populations = np.asarray(counts, dtype=float), np.asarray(populations, dtype=float)
    missing_counts = np.isnan(counts)
    if missing_counts.any():
        warnings.warn(
            f"directly_standardised_rate: {int(missing_counts.sum())} of {counts.size} counts "
            "are missing and are left out of their area's sums, as 0 (nan_policy='omit')",
            DataQualityWarning,
            stacklevel=4,
        )
        counts = np.where(missing_counts, 0.0, counts)
    gone = np.isnan(populations)
    if not gone.any():
        return counts, populations
    if populations.ndim == 1:
        raise InputError(
            f"parameter 'populations': {int(gone.sum())} of {gone.size} values are missing and "
            "the only area cannot be left out (nan_policy='omit' leaves out areas, rows of a "
            "table)"
        )
    area = gone.any(axis=-1)
    warnings.warn(
        f"directly_standardised_rate: omitted {int(area.sum())} of {area.size} areas with a "
        f"missing population (first: area {int(np.argmax(area))}) (nan_policy='omit')",
        DataQualityWarning,
        stacklevel=4,
    )
    return counts[~area], populations[~area]


def _dsr_terms(
    counts: Any, squared_counts: Any, populations: Any, weights: np.ndarray
) -> tuple[Any, Any, Any, Any]:
    """Kernel: DSR (per person), its variance, the total count and max w_i/n_i per area."""
    ratio = weights / populations
    dsr = np.sum(counts * ratio, axis=-1)
    variance = np.sum(squared_counts * ratio**2, axis=-1)
    observed = np.sum(counts, axis=-1)
    return dsr, variance, observed, np.max(ratio, axis=-1)


def _dobson_limits(dsr: Any, variance: Any, observed: Any, level: float) -> tuple[Any, Any]:
    safe = np.where(observed > 0, observed, 1.0)
    lower_count, upper_count = poisson_limits(safe, level, "byar")
    spread = np.sqrt(variance / safe)
    lower = dsr + spread * (lower_count - safe)
    upper = dsr + spread * (upper_count - safe)
    return np.where(observed > 0, lower, np.nan), np.where(observed > 0, upper, np.nan)


def _fay_feuer_limits(dsr: Any, variance: Any, max_ratio: Any, level: float) -> tuple[Any, Any]:
    from scipy.special import gammaincinv

    alpha = 1 - level
    positive = variance > 0
    safe_var = np.where(positive, variance, 1.0)
    safe_dsr = np.where(positive, dsr, 1.0)
    lower = np.where(
        positive,
        gammaincinv(safe_dsr**2 / safe_var, alpha / 2) * (safe_var / safe_dsr),
        0.0,
    )
    upper_var = variance + max_ratio**2
    upper_mean = dsr + max_ratio
    upper = gammaincinv(upper_mean**2 / upper_var, 1 - alpha / 2) * (upper_var / upper_mean)
    return lower, upper


@calculator(
    elementwise=False,
    omits="values",
    integers=True,
    counts=Count(whole=False, ndim=(1, 2, 3), aligned=False),
    populations=Population(ndim=(1, 2), aligned=False),
    multiplier=Scale(),
    confidence=Confidence(),
    method=Choice(DSR_METHODS),
    min_count=THRESHOLD,
    age_bands=Names(optional=True),
    event_frequencies=Number(positive=True, optional=True, aligned=False, ndim=(1,)),
    keep_suppressed_values=Flag(),
    example={
        "counts": [[1, 2], [30, 40]],
        "populations": [[100, 100], [100, 200]],
        "standard": {"0-39": 3, "40+": 1},
    },
)
def directly_standardised_rate(
    counts: Any,
    populations: Any,
    standard: Any,
    *,
    multiplier: float = 100_000,
    confidence: float = 0.95,
    method: str = "dobson",
    min_count: float = DSR_MIN_COUNT,
    age_bands: Sequence[object] | None = None,
    event_frequencies: Any = None,
    keep_suppressed_values: bool = False,
    nan_policy: str = "raise",
) -> IndicatorEstimate:
    """Directly age-standardised rate with a Dobson or Fay–Feuer interval, for many areas.

    Parameters
    ----------
    counts : array-like, shape (bands,) or (areas, bands)
        Events per age band [events], >= 0. With ``event_frequencies``: shape
        ``(frequencies, bands)`` or ``(areas, frequencies, bands)``, the number of *persons*
        with each event frequency (non-independent events).
    populations : array-like, shape (bands,) or (areas, bands)
        Population per age band [persons], > 0 (zero or missing populations are refused).
    standard : str, StandardPopulation, mapping or sequence
        ``"esp2013"``, ``"who2000"``, ``"esp1976"``, a :class:`StandardPopulation`, a mapping
        ``{band: weight}`` or weights in the data's band order. Weights are normalised by their
        sum.
    multiplier : float
        Rate per this many persons.
    confidence : float
        Confidence level (0.95 or 95).
    method : {"dobson", "fay-feuer"}
        Interval method (see the module notes).
    min_count : float
        Suppression rule: areas whose total count ``O`` is below this are flagged and their DSR
        and limits blanked. 10 is PHE's rule ("DSR NA for total count < 10"). The Dobson
        interval needs ``O >= 1``, so areas with ``O = 0`` are always flagged with "dobson"
        (with ``min_count=0`` the ``suppression_rule`` then says so).
    age_bands : sequence of str, optional
        Labels of the data's band axis; the data are then reordered to the standard's bands and
        any mismatch is reported by band.
    event_frequencies : array-like, shape (frequencies,), optional
        Non-independent events (PHEindicatormethods 2.1.0): number of events each person in a
        frequency class had; events per band are ``Σ_f f·x_f`` and the variance ``Σ_f f²·var_f``.
        Dobson method only.
    keep_suppressed_values : bool
        Keep the computed DSR and limits of suppressed areas (still flagged).
    nan_policy : {"raise", "omit"}
        Missing counts or populations (NaN) are refused (default); with ``"omit"`` a missing
        count is left out of its area's sums (PHE's behaviour: NA counts as 0) and an area
        (row) with a missing population is left out of the result, each with a
        :class:`~dpssec.errors.DataQualityWarning` saying how many. (This replaces the
        former ``missing_counts="zero"``.)

    Returns
    -------
    IndicatorEstimate
        ``value``, ``lower``, ``upper`` per ``multiplier``; ``numerator`` = total events ``O``;
        ``denominator`` = total population; ``suppressed`` per area; scalars for one area.

    Raises
    ------
    InputError
        Negative or missing counts, zero or missing populations, band counts or labels that do
        not match the standard (naming the bands), unknown method, a ``multiplier`` or
        ``min_count`` that is not a number (a string such as ``"1e5"`` is refused).

    Notes
    -----
    With ``w_i`` the standard's weights normalised to sum to 1 and ``M`` the multiplier:
    ``DSR = Σ w_i x_i / n_i``; ``var = Σ x_i (w_i / n_i)²``; ``O = Σ x_i``.

    * Dobson: ``lower = (DSR + sqrt(var/O)·(L_Byar(O) − O))·M``, upper likewise with
      ``U_Byar(O)``.
    * Fay–Feuer: ``lower = G⁻¹(α/2; DSR²/var, var/DSR)``,
      ``upper = G⁻¹(1 − α/2; (DSR + wm)²/(var + wm²), (var + wm²)/(DSR + wm))`` with
      ``wm = max w_i/n_i`` (gamma shape and scale), times ``M``.

    References
    ----------
    Dobson AJ et al. (1991), Stat Med 10:457-62; Fay MP, Feuer EJ (1997), Stat Med 16:791-801;
    PHEindicatormethods 2.1.0 ``calculate_dsr``; epitools 0.5-10.1 ``ageadjust.direct``.

    Examples
    --------
    >>> from dpssec.prevention import directly_standardised_rate
    >>> dsr = directly_standardised_rate([[1, 2], [30, 40]], [[100, 100], [100, 200]],
    ...                                  {"0-39": 3, "40+": 1}, multiplier=100)
    >>> dsr.suppressed.tolist(), float(dsr.value[1])
    ([True, False], 27.5)
    >>> directly_standardised_rate([1, 2], [10, 10], "esp2013")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'counts' has 2 age bands but standard 'esp2013' has 19 ...
    """
    level, threshold = confidence, min_count
    std = resolve_standard(standard)
    order = None if age_bands is None else std.order_of(list(age_bands))
    x = _banded(counts, "counts", std, order)
    n = _banded(populations, "populations", std, order)
    if nan_policy == "omit":
        x, n = _omit_missing(x, n)
    if event_frequencies is not None:
        if method != "dobson":
            raise InputError("event_frequencies (non-independent events) needs method='dobson'")
        freq = event_frequencies
        if x.ndim < 2 or x.shape[-2] != freq.size:
            raise InputError(
                "with event_frequencies of length F, counts must have shape (F, bands) or "
                f"(areas, F, bands); got counts {x.shape} and {freq.size} frequencies"
            )
        squared = np.sum(x * (freq**2)[:, None], axis=-2)
        x = np.sum(x * freq[:, None], axis=-2)
    else:
        squared = x
    if x.shape != n.shape:
        summed = " after summing over 'event_frequencies'" if event_frequencies is not None else ""
        raise InputError(
            f"shapes differ: counts {x.shape} (events per band{summed}) and populations {n.shape}"
        )
    if x.ndim > 2:
        raise InputError(f"counts must be (bands,) or (areas, bands); got shape {x.shape}")
    dsr, variance, observed, max_ratio = _dsr_terms(x, squared, n, std.weights)
    rule = describe_rule(threshold, 0)
    if method == "dobson":
        lower, upper = _dobson_limits(dsr, variance, observed, level)
        suppressed = (observed < threshold) | (observed <= 0)
        if threshold == 0:  # O = 0 is suppressed all the same: say why
            rule = _DOBSON_ZERO
        reference = DOBSON_REFERENCE
    else:
        lower, upper = _fay_feuer_limits(dsr, variance, max_ratio, level)
        suppressed = observed < threshold
        reference = FAY_FEUER_REFERENCE
    keep = keep_suppressed_values

    def out(values: Any) -> Any:
        return apply_suppression(values * multiplier, suppressed, keep)

    return IndicatorEstimate(
        value=out(dsr),
        lower=out(lower),
        upper=out(upper),
        confidence=level,
        method=method,
        numerator=observed,
        denominator=np.sum(n, axis=-1),
        multiplier=multiplier,
        suppressed=suppressed,
        suppression_rule=rule,
        reference=reference.at(
            f"{reference.clause}; standard: {std.name} ({std.reference})",
            verified=reference.verified and std.reference.verified,
        ),
    )
