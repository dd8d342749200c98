"""Indirect standardisation: standardised ratios (SMR/SIR) and indirectly standardised rates.

The expected count of an area is what it would have had with the reference (e.g. national)
age-specific rates: ``E = Σ (x_ref,i / n_ref,i)·n_i``. The ratio is ``O/E`` (× ``refvalue``),
and the indirectly standardised rate is ``O/E × ref_rate`` with
``ref_rate = Σx_ref / Σn_ref × multiplier``. Limits are those of the observed count ``O``
(exact below 10, Byar from 10, as PHEindicatormethods ``calculate_ISRatio`` /
``calculate_ISRate``) divided by ``E``.

The observed count can be given by age band (summed here) or as a total per area
(``observed_totals`` in PHEindicatormethods 2.0.1): the shape of ``counts_or_total`` says
which.

For example:

>>> from dpssec.prevention import indirectly_standardised_ratio
>>> smr = indirectly_standardised_ratio(50, [1000, 2000], [10, 40], [1000, 2000])
>>> smr.value, smr.numerator, smr.denominator
(1.0, 50.0, 50.0)
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from dpssec.boundary import Confidence, Count, Population, Scale, calculator
from dpssec.boundary.arrays import is_lazy
from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention.results import IndicatorEstimate
from dpssec.references import Reference
from dpssec.stats.intervals import auto_method, poisson_limits

__all__ = ["ISR_REFERENCE", "indirectly_standardised_rate", "indirectly_standardised_ratio"]

ISR_REFERENCE = Reference(
    "PHEindicatormethods (R), calculate_ISRatio and calculate_ISRate",
    "2.1.0 (2024-12-13)",
    "E = Σ x_ref/n_ref·n; limits of O exact below 10, Byar from 10, divided by E",
)
"""Citation of the indirect standardisation method."""

_ISR_SPECS: dict[str, Any] = {
    "counts_or_total": Count(whole=False, ndim=(0, 1, 2), aligned=False),
    "populations": Count(whole=False, ndim=(1, 2), aligned=False),
    "reference_counts": Count(whole=False, ndim=(1,), aligned=False),
    "reference_populations": Population(ndim=(1,), aligned=False),
    "confidence": Confidence(),
    "elementwise": False,
    "omits": "values",
    "integers": True,
    "example": {
        "counts_or_total": [[4, 2], [30, 12]],
        "populations": [[1000, 500], [8000, 2500]],
        "reference_counts": [50, 30],
        "reference_populations": [10000, 5000],
    },
}
"""The declaration shared by the standardised ratio and rate."""


def _check_band_counts(bands: dict[str, int]) -> None:
    """Refuse arrays whose number of age bands differs, naming the odd one(s) out."""
    lengths = list(bands.values())
    if len(set(lengths)) == 1:
        return
    listing = ", ".join(f"{name} has {length}" for name, length in bands.items())
    usual = max(set(lengths), key=lengths.count)
    if lengths.count(usual) > len(lengths) / 2:
        odd = [name for name, length in bands.items() if length != usual]
        verb = "has" if len(odd) == 1 else "have"
        raise InputError(
            f"{' and '.join(repr(name) for name in odd)} {verb} a different number of age bands "
            f"from the others ({usual}): {listing}"
        )
    raise InputError(f"the arrays have different numbers of age bands: {listing}")


def _omit_missing(observed: Any, n: Any, x_ref: Any, n_ref: Any) -> tuple[Any, Any]:
    """``nan_policy="omit"``: areas with a missing count or population are left out."""
    if any(is_lazy(v) for v in (observed, n, x_ref, n_ref)):
        raise InputError("nan_policy='omit' needs numpy input here (compute the dask arrays)")
    for name, ref in (("reference_counts", x_ref), ("reference_populations", n_ref)):
        if np.isnan(ref).any():
            raise InputError(
                f"parameter {name!r}: {int(np.isnan(ref).sum())} of {ref.size} values are "
                "missing; the reference must be complete (nan_policy='omit' leaves out areas)"
            )
    observed, n = np.asarray(observed, dtype=float), np.asarray(n, dtype=float)
    if n.ndim == 2 and observed.ndim == 1 and observed.shape[0] != n.shape[0]:
        raise InputError(
            f"parameter 'counts_or_total' has {observed.shape[0]} totals for {n.shape[0]} areas "
            "(rows of 'populations')"
        )
    if observed.ndim == 0 and np.isnan(observed):
        raise InputError(
            "parameter 'counts_or_total' is missing (NaN): one total cannot be left out "
            "(nan_policy='omit' leaves out areas, rows of a table)"
        )
    gone = np.isnan(n).any(axis=-1)
    gone = gone | (
        np.isnan(observed).any(axis=-1) if observed.ndim == n.ndim else np.isnan(observed)
    )
    if not np.any(gone):
        return observed, n
    if n.ndim == 1:
        raise InputError(
            "counts_or_total or populations have missing values and the only area cannot be "
            "left out (nan_policy='omit' leaves out areas, rows of a table)"
        )
    warnings.warn(
        f"omitted {int(gone.sum())} of {gone.size} areas with a missing count or population "
        f"(first: area {int(np.argmax(gone))}) (nan_policy='omit')",
        DataQualityWarning,
        stacklevel=5,
    )
    return (observed[~gone] if observed.ndim else observed), n[~gone]


def _expected_and_observed(
    observed: Any,
    n: Any,
    x_ref: Any,
    n_ref: Any,
) -> tuple[Any, Any, Any]:
    observed = observed if is_lazy(observed) else np.asarray(observed)
    bands = {"populations": n.shape[-1]}
    if observed.ndim == n.ndim:  # counts by age band (totals have no band axis)
        bands["counts_or_total"] = observed.shape[-1]
    bands |= {"reference_counts": x_ref.shape[0], "reference_populations": n_ref.shape[0]}
    _check_band_counts(bands)
    if observed.shape == n.shape:
        observed = np.sum(observed, axis=-1)
    elif observed.shape != n.shape[:-1]:
        raise InputError(
            f"parameter 'counts_or_total' must have the shape of populations {n.shape} (counts "
            f"by age band) or {n.shape[:-1]} (observed totals); got {observed.shape}"
        )
    expected = np.sum(x_ref / n_ref * n, axis=-1)
    if not is_lazy(expected) and np.any(np.asarray(expected) <= 0):
        bad = np.atleast_1d(np.asarray(expected) <= 0)
        raise InputError(
            f"expected count is 0 for {int(bad.sum())} of {bad.size} areas (first at area "
            f"{int(np.argmax(bad))}): the reference rates are 0 wherever the area has population"
        )
    total_reference_rate = np.sum(x_ref) / np.sum(n_ref)
    return observed, expected, total_reference_rate


def _ratio(
    counts_or_total: Any,
    populations: Any,
    reference_counts: Any,
    reference_populations: Any,
    confidence: float,
    scale_kind: str,
    scale: float,
    nan_policy: str,
) -> IndicatorEstimate:
    """Kernel of both: O/E (times the reference rate for the rate) with limits of O."""
    if nan_policy == "omit":
        counts_or_total, populations = _omit_missing(
            counts_or_total, populations, reference_counts, reference_populations
        )
    observed, expected, ref_rate = _expected_and_observed(
        counts_or_total, populations, reference_counts, reference_populations
    )
    factor = scale if scale_kind == "ratio" else ref_rate * scale
    lower_count, upper_count = poisson_limits(observed, confidence, "auto")

    def out(values: Any) -> Any:
        return values / expected * factor

    return IndicatorEstimate(
        value=out(observed),
        lower=out(lower_count),
        upper=out(upper_count),
        confidence=confidence,
        method=auto_method(observed),
        numerator=observed,
        denominator=expected,
        multiplier=scale,
        reference=ISR_REFERENCE,
    )


@calculator(refvalue=Scale(), **_ISR_SPECS)
def indirectly_standardised_ratio(
    counts_or_total: Any,
    populations: Any,
    reference_counts: Any,
    reference_populations: Any,
    *,
    confidence: float = 0.95,
    refvalue: float = 1,
    nan_policy: str = "raise",
) -> IndicatorEstimate:
    """Standardised ratio ``O/E`` (SMR, SIR) with exact/Byar limits, for one or many areas.

    Parameters
    ----------
    counts_or_total : array-like
        Observed events: by age band, shape of ``populations``; or totals, shape
        ``populations.shape[:-1]`` (a scalar for one area) [events].
    populations : array-like, shape (bands,) or (areas, bands)
        The areas' populations by age band [persons].
    reference_counts, reference_populations : array-like, shape (bands,)
        Events and population of the reference (e.g. the country) by age band.
    confidence : float
        Confidence level (0.95 or 95).
    refvalue : float
        Scale of the ratio (1; 100 for an SMR in percent).
    nan_policy : {"raise", "omit"}
        Missing values refused (default), or areas (rows) with a missing observed count or
        population left out, with a :class:`~dpssec.errors.DataQualityWarning`; the reference
        must be complete.

    Returns
    -------
    IndicatorEstimate
        ``value`` = O/E × refvalue; ``numerator`` = O; ``denominator`` = E; ``method`` "exact"
        (O < 10) or "byar" per area.

    Raises
    ------
    InputError
        Negative counts, shapes that disagree (naming the array that is short), a reference
        population of 0, an expected count of 0, a ``refvalue`` that is not a positive number.

    Notes
    -----
    ``E = Σ (x_ref,i / n_ref,i)·n_i``; limits = exact (``O < 10``) or Byar limits of ``O``,
    divided by ``E``, times ``refvalue`` (PHEindicatormethods ``calculate_ISRatio``). epitools
    ``ageadjust.indirect`` uses a log-normal interval instead; it is not this one.

    References
    ----------
    PHEindicatormethods 2.1.0, ``calculate_ISRatio``.

    Examples
    --------
    >>> from dpssec.prevention import indirectly_standardised_ratio
    >>> smr = indirectly_standardised_ratio([4, 2], [1000, 500], [50, 30], [10000, 5000])
    >>> round(smr.value, 4), smr.method
    (0.75, 'exact')
    """
    return _ratio(
        counts_or_total,
        populations,
        reference_counts,
        reference_populations,
        confidence,
        "ratio",
        refvalue,
        nan_policy,
    )


@calculator(multiplier=Scale(), **_ISR_SPECS)
def indirectly_standardised_rate(
    counts_or_total: Any,
    populations: Any,
    reference_counts: Any,
    reference_populations: Any,
    *,
    confidence: float = 0.95,
    multiplier: float = 100_000,
    nan_policy: str = "raise",
) -> IndicatorEstimate:
    """Indirectly standardised rate ``O/E × ref_rate`` per ``multiplier``, with limits.

    Parameters
    ----------
    counts_or_total, populations, reference_counts, reference_populations, confidence
        As :func:`indirectly_standardised_ratio`.
    nan_policy : {"raise", "omit"}
        As :func:`indirectly_standardised_ratio`.
    multiplier : float
        Rate per this many persons.

    Returns
    -------
    IndicatorEstimate
        ``value`` = O/E × Σx_ref/Σn_ref × multiplier; ``numerator`` = O; ``denominator`` = E.

    Raises
    ------
    InputError
        As :func:`indirectly_standardised_ratio`; a ``multiplier`` that is not a positive number.

    Notes
    -----
    ``ISR = O/E × ref_rate``, ``ref_rate = Σx_ref / Σn_ref × M``; limits as for the ratio,
    times ``ref_rate`` (PHEindicatormethods ``calculate_ISRate``).

    References
    ----------
    PHEindicatormethods 2.1.0, ``calculate_ISRate``.

    Examples
    --------
    >>> from dpssec.prevention import indirectly_standardised_rate
    >>> isr = indirectly_standardised_rate([4, 2], [1000, 500], [50, 30], [10000, 5000])
    >>> round(isr.value, 4)
    400.0
    """
    return _ratio(
        counts_or_total,
        populations,
        reference_counts,
        reference_populations,
        confidence,
        "rate",
        multiplier,
        nan_policy,
    )
