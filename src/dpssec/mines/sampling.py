"""Post-clearance quality-control sampling, from first principles.

Land that has been cleared is inspected by re-searching a sample of it. These functions give
the statistics of such inspection plans without the copyrighted ISO 2859 tables:

* :func:`zero_acceptance_sample_size`: how many sub-plots to inspect so that a lot at the
  limiting quality is accepted with probability at most the consumer's risk (c = 0 plans);
* :func:`acceptance_probability`: the operating characteristic (OC) of an attribute plan,
  binomial for a large lot, hypergeometric for a finite lot of ``lot_size`` sub-plots (and
  the binomial limit, with a stated error bound, for lots above
  :data:`HYPERGEOMETRIC_MAX_LOT`);
* :func:`area_acceptance_probability`: the chance that a random search of part of an area
  finds none of the items left in it;
* :func:`residual_risk`: the expected number of items left after clearance plus inspection;
* :func:`zero_find_upper_bound`: what zero finds in ``n`` inspections prove.

QC sampling detects *systematic* failure of a clearance process (a lot with many misses);
it cannot show that a single missed item is absent. Say so whenever these numbers are
presented.

For example:

>>> from dpssec.mines import zero_acceptance_sample_size, acceptance_probability
>>> zero_acceptance_sample_size(0.01, 0.05)
299
>>> round(acceptance_probability(50, 0, 0.02), 3)
0.364
"""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Share,
    broadcast,
    calculator,
    example_by,
    is_lazy,
    missing_rows,
    not_above,
)
from dpssec.boundary.fields import VALUES_EQ
from dpssec.errors import DataQualityWarning, InputError
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = [
    "ACCEPTANCE_METHODS",
    "BINOMIAL_LIMIT_REFERENCE",
    "HYPERGEOMETRIC_MAX_LOT",
    "IMAS_09_20_REFERENCE",
    "ITEMS_DISTRIBUTIONS",
    "MAX_SUB_PLOTS",
    "SAMPLING_REFERENCE",
    "ResidualRisk",
    "acceptance_probability",
    "area_acceptance_probability",
    "residual_risk",
    "zero_acceptance_sample_size",
    "zero_find_upper_bound",
]

SAMPLING_REFERENCE = Reference(
    "Attribute acceptance sampling from first principles",
    "binomial, hypergeometric and Poisson models",
    "as collected in the project's mine-action reference, §2.4 (values recomputed with scipy)",
)
"""Standard formulas (no criteria tables); the test values are recomputed independently."""

IMAS_09_20_REFERENCE = Reference(
    "IMAS 09.20 Inspection of cleared land: sampling procedures",
    "Ed. 2, 1 Jan 2003 (amendments 1-3)",
    "attribute sampling of lots of cleared land with acceptance number 0 (general design; "
    "the lot, sample and acceptance tables have not been read)",
    verified=False,
)
"""The IMAS standard that introduced sampling of cleared land (reported withdrawn, with QC
moved to IMAS 07.40); dpssec does not reproduce its tables."""

BINOMIAL_LIMIT_REFERENCE = Reference(
    "Ehm, Binomial approximation to the Polya distribution",
    "Statistics & Probability Letters 11(1), 1991, 7-16",
    "total variation distance between the hypergeometric (N, D, n) and the binomial "
    "(n, D/N) distributions at most (n - 1)/(N - 1); with n and D exchanged (the "
    "distribution is symmetric in them), (min(n, D) - 1)/(N - 1)",
    verified=False,
)
"""The error bound of the binomial limit used for very large lots. The paper has not been read
here (``verified=False``); the bound is checked against exact rational sums in the tests."""

ITEMS_DISTRIBUTIONS: tuple[str, ...] = ("fixed", "poisson")
"""How ``items`` is read by :func:`area_acceptance_probability`."""

ACCEPTANCE_METHODS: tuple[str, ...] = ("auto", "hypergeometric", "binomial")
"""``method`` of :func:`acceptance_probability`."""

HYPERGEOMETRIC_MAX_LOT = 10**8
"""Largest lot whose hypergeometric OC is summed exactly (``method="auto"`` switches to the
binomial limit above it). scipy's hypergeometric distribution stays within about 1e-8 of the
exact sum up to here (checked against rational arithmetic in the tests) and answers in well
under a second; above it its run time grows with the lot (20 s at 10**15) and its error with
it (1e-4 at 10**13)."""

MAX_SUB_PLOTS = 10**15
"""Largest lot or sample size accepted (whole numbers stay exact in 64-bit floats)."""

_BINOMIAL_WARNING = 1e-6  # warn when the binomial limit's error bound is larger than this


def _refuse(values: Any, bad: Any, message: str) -> Any:
    """Raise ``message`` (with the count and first position) where ``bad``; dask: lazily.

    Rows that ``nan_policy="propagate"`` fills are left out.
    """
    missing = missing_rows()

    def check(block: np.ndarray, mask: np.ndarray, skip: Any = None) -> np.ndarray:
        found = np.asarray(mask, dtype=bool)
        if skip is not None:
            found = found & ~np.asarray(skip, dtype=bool)
        if np.any(found):
            k = int(np.argmax(np.ravel(found)))
            shown = float(np.ravel(np.broadcast_to(block, found.shape))[k])
            raise InputError(
                f"{message}; got {shown:g} ({int(np.count_nonzero(found))} of {found.size} "
                f"values, first at index {k})"
            )
        return block

    if is_lazy(values) or is_lazy(bad):
        import dask.array as da

        args = [values, bad] if missing is None else [values, bad, missing]
        return da.map_blocks(check, *args, dtype=float)  # type: ignore[no-untyped-call]
    return check(values, bad, missing)


@calculator(
    limiting_quality=Share(lower=1e-12),
    consumer_risk=Share(positive=True),
    example={"limiting_quality": [0.001, 0.01, 0.05], "consumer_risk": [0.10, 0.05, 0.01]},
)
def zero_acceptance_sample_size(
    limiting_quality: Any, consumer_risk: Any, *, nan_policy: str = "raise"
) -> Any:
    """Smallest sample with zero acceptance number that protects the consumer.

    Parameters
    ----------
    limiting_quality : float or array-like
        Limiting quality ``p_LQ`` [fraction, 1e-12 <= p <= 1]: the share of defective
        sub-plots (sub-plots with a missed item) that must be rejected with high probability.
    consumer_risk : float or array-like
        Consumer's risk ``beta`` [fraction, 0 < beta <= 1]: the largest acceptable probability
        of accepting a lot at the limiting quality (0.05 for 95 % confidence).
    nan_policy : {"raise", "propagate"}
        A missing value: refused (default), or NaN in its row with a warning.

    Returns
    -------
    int, ndarray of int or Series
        ``n = ceil(ln beta / ln(1 - p_LQ))``: inspect ``n`` sub-plots and reject the lot if
        any defect is found (c = 0). (Float with NaN where a value was missing.)

    Raises
    ------
    InputError
        Values outside their ranges (a ``p_LQ`` below 1e-12 would need more than 10**14
        sub-plots), NaN, or lengths that differ.

    Notes
    -----
    The probability of accepting a lot with defect rate ``p`` is ``(1 - p)^n``; the smallest
    ``n`` with ``(1 - p_LQ)^n <= beta`` is the formula above. From first principles; the
    ISO 2859-2 tables are not used.

    References
    ----------
    Reference ``mines.md`` §2.4 (the sample-size table there is reproduced in the tests).

    Examples
    --------
    >>> from dpssec.mines import zero_acceptance_sample_size
    >>> zero_acceptance_sample_size([0.001, 0.005, 0.01, 0.02, 0.05], 0.10)
    array([2302,  460,  230,  114,   45])
    """
    exact = np.log(consumer_risk) / np.log1p(-limiting_quality)
    # Guard against a quotient that should be a whole number landing just above it; at least
    # one sub-plot is always inspected (p_LQ = 1 or beta = 1 give the one-sample plan).
    n = np.maximum(np.ceil(exact - 1e-9 * np.maximum(exact, 1.0)), 1)
    return n.astype(np.int64)


def _whole_defectives(rate: Any, lot: Any) -> Any:
    """``D = p N``, refused unless it is a whole number of sub-plots."""
    defectives = rate * lot
    bad = np.abs(defectives - np.round(defectives)) > 1e-9 * np.maximum(lot, 1.0)
    checked = _refuse(
        defectives,
        bad,
        "with 'lot_size', defect_rate x lot_size must be a whole number of defective "
        "sub-plots (e.g. defect_rate=3/400 for 3 of 400)",
    )
    return np.round(checked)


def binomial_cdf(acceptance_number: Any, sample_size: Any, rate: Any) -> Any:
    """``P(X <= c)`` for ``X ~ Binomial(n, p)`` (a kernel; numpy, or dask block by block).

    ``scipy.stats.binom`` (Boost's incomplete beta) stays accurate for samples up to
    :data:`MAX_SUB_PLOTS`.
    """
    if any(is_lazy(x) for x in (acceptance_number, sample_size, rate)):
        import dask.array as da

        arrays = broadcast(acceptance_number, sample_size, rate)
        return da.map_blocks(_binomial_block, *arrays, dtype=float)  # type: ignore[no-untyped-call]
    return _binomial_block(acceptance_number, sample_size, rate)


def _binomial_block(acceptance_number: Any, sample_size: Any, rate: Any) -> Any:
    from scipy import stats

    return stats.binom.cdf(acceptance_number, sample_size, rate)


def lot_oc(acceptance_number: Any, sample_size: Any, defectives: Any, lot_size: Any) -> Any:
    """OC of finite lots: hypergeometric up to :data:`HYPERGEOMETRIC_MAX_LOT`, else the
    binomial limit (a numpy kernel; dask runs it block by block)."""
    from scipy import stats

    c, n, d, lot = np.broadcast_arrays(
        *(
            np.asarray(x, dtype=float)
            for x in (acceptance_number, sample_size, defectives, lot_size)
        )
    )
    # Hyp(N, D, n) = Hyp(N, n, D): the limit Binomial(min(n, D), max(n, D) / N) is the closer.
    fewer = d < n
    out = np.array(binomial_cdf(c, np.where(fewer, d, n), np.where(fewer, n, d) / lot), dtype=float)
    exact = lot <= HYPERGEOMETRIC_MAX_LOT
    if np.any(exact):
        out[exact] = stats.hypergeom.cdf(c[exact], lot[exact], d[exact], n[exact])
    return out


@calculator(
    sample_size=Count(positive=True, upper=MAX_SUB_PLOTS),
    acceptance_number=Count(upper=MAX_SUB_PLOTS),
    defect_rate=Share(),
    lot_size=Count(positive=True, upper=MAX_SUB_PLOTS, optional=True),
    method=Choice(ACCEPTANCE_METHODS),
    relations=[
        not_above(
            "acceptance_number",
            "sample_size",
            "exceed 'sample_size' (such a plan accepts every lot: were the arguments swapped?)",
        ),
        not_above("sample_size", "lot_size", "exceed 'lot_size' (a sample is part of its lot)"),
    ],
    example={
        "sample_size": [50, 50, 40],
        "acceptance_number": [0, 1, 0],
        "defect_rate": [0.02, 0.02, 0.0025],
        "lot_size": [400, 10**9, 10**15],
    },
)
def acceptance_probability(
    sample_size: Any,
    acceptance_number: Any,
    defect_rate: Any,
    *,
    lot_size: Any = None,
    method: str = "auto",
    nan_policy: str = "raise",
) -> Any:
    """Probability that an attribute sampling plan accepts a lot (the OC curve).

    Parameters
    ----------
    sample_size : int or array-like
        Number of sub-plots (or items) inspected, ``n`` >= 1.
    acceptance_number : int or array-like
        Largest number of defects that still accepts the lot, ``c`` (0 <= c <= n).
    defect_rate : float or array-like
        Fraction of the lot that is defective, ``p`` [0..1].
    lot_size : int or array-like, optional
        Number of sub-plots in the lot, ``N`` >= ``n`` (at most 10**15). When given, sampling
        is without replacement (hypergeometric) and ``D = p N`` must be a whole number of
        defective sub-plots; when omitted, the lot is taken as large (binomial).
    method : {"auto", "hypergeometric", "binomial"}
        ``"auto"`` (default): binomial without ``lot_size``; with it, the exact hypergeometric
        sum for lots up to :data:`HYPERGEOMETRIC_MAX_LOT` (10**8 sub-plots) and the binomial
        limit above it (see Notes). ``"hypergeometric"`` insists on the exact sum (lots
        above the limit are refused); ``"binomial"`` uses the binomial model even for a
        finite lot.
    nan_policy : {"raise", "propagate"}
        A missing value: refused (default), or NaN in its row with a warning.

    Returns
    -------
    float, ndarray or Series
        ``P_a``, the probability of finding at most ``c`` defects.

    Raises
    ------
    InputError
        Non-integer or negative counts, ``c > n``, ``n > N``, rates outside [0, 1], a
        ``p N`` that is not a whole number, lots above 10**15 (or above 10**8 with
        ``method="hypergeometric"``), lengths that differ.

    Warns
    -----
    DataQualityWarning
        When the binomial limit replaces the hypergeometric sum with an error bound above
        1e-6 (a sample and a number of defective sub-plots both above a millionth of a lot
        of more than 10**8 sub-plots).

    Notes
    -----
    Binomial: ``P_a = sum_{d=0..c} C(n, d) p^d (1 - p)^(n - d)``, computed as
    ``1 - I_p(c + 1, n - c)``.
    Hypergeometric: ``P_a = sum_{d=0..c} C(D, d) C(N - D, n - d) / C(N, n)``
    (``scipy.stats.hypergeom``, within about 1e-8 of the exact sum for ``N <= 10**8``).

    The switch of ``method="auto"``: for ``N > 10**8`` the binomial limit is used. The
    hypergeometric distribution is symmetric in ``n`` and ``D`` (drawing ``n`` of ``N`` with
    ``D`` marked, or marking ``D`` and drawing ``n``), so the limit is taken on the smaller
    of the two: ``Binomial(n, D/N)`` when ``n <= D``, ``Binomial(D, n/N)`` otherwise. Its
    absolute error is at most ``(min(n, D) - 1) / (N - 1)`` (Ehm 1991, total variation
    distance between the two distributions; :data:`BINOMIAL_LIMIT_REFERENCE`), e.g. 4e-13
    for ``n = 40`` in a lot of 10**14, and 0 when ``n`` or ``D`` is 1 or ``n = N``. Every
    result is therefore within ``max(1e-8, (min(n, D) - 1)/(N - 1))`` of the exact value,
    and no call runs longer than a fraction of a second (summing the hypergeometric terms
    for a lot of 10**15 takes scipy more than 20 seconds and loses accuracy).

    References
    ----------
    Reference ``mines.md`` §2.4 (OC values for n = 50 reproduced in the tests). Ehm, W.
    (1991), Statistics & Probability Letters 11, 7-16.

    Examples
    --------
    >>> from dpssec.mines import acceptance_probability
    >>> acceptance_probability(50, 1, [0.005, 0.01, 0.02, 0.05]).round(3)
    array([0.974, 0.911, 0.736, 0.279])
    >>> round(acceptance_probability(40, 0, 1 / 400, lot_size=400), 6)
    0.9
    >>> round(acceptance_probability(40, 0, 0.0025, lot_size=10**15), 5)  # binomial limit
    0.90472
    """
    n, c, p = broadcast(sample_size, acceptance_number, defect_rate)
    if lot_size is None or method == "binomial":
        return binomial_cdf(c, n, p)
    n, c, p, lot = broadcast(n, c, p, lot_size)
    if method == "hypergeometric":
        lot = _refuse(
            lot,
            lot > HYPERGEOMETRIC_MAX_LOT,
            f"parameter 'lot_size': method='hypergeometric' sums lots of at most "
            f"{HYPERGEOMETRIC_MAX_LOT:.0e} sub-plots exactly; use method='auto' (the binomial "
            "limit, error at most (n - 1)/(N - 1)) for larger lots",
        )
    defectives = _whole_defectives(p, lot)
    if is_lazy(defectives) or is_lazy(lot):
        import dask.array as da

        return da.map_blocks(lot_oc, c, n, defectives, lot, dtype=float)  # type: ignore[no-untyped-call]
    _warn_binomial_limit(n, defectives, lot)
    return lot_oc(c, n, defectives, lot)


def _warn_binomial_limit(sample_size: Any, defectives: Any, lot_size: Any) -> None:
    limit = np.maximum(np.minimum(sample_size, defectives) - 1, 0) / np.maximum(lot_size - 1, 1)
    # Binomial(m, 1) is exact: the whole lot inspected, or every sub-plot defective.
    limit = np.where(np.maximum(sample_size, defectives) == lot_size, 0.0, limit)
    loose = (lot_size > HYPERGEOMETRIC_MAX_LOT) & (limit > _BINOMIAL_WARNING)
    missing = missing_rows()
    if missing is not None:
        loose = loose & ~missing
    if np.any(loose):
        worst = float(np.max(np.where(loose, limit, 0.0)))
        warnings.warn(
            f"acceptance_probability: {int(np.count_nonzero(loose))} lot(s) above "
            f"{HYPERGEOMETRIC_MAX_LOT:.0e} sub-plots use the binomial limit, whose error may "
            f"reach {worst:.2g} here ((min(n, D) - 1)/(N - 1), Ehm 1991)",
            DataQualityWarning,
            stacklevel=4,
        )


@calculator(
    items=Count(whole=False),
    fraction_searched=Share(),
    detection_probability=Share(),
    items_distribution=Choice(ITEMS_DISTRIBUTIONS),
    example={"items": [1, 3, 5, 10], "fraction_searched": 0.10, "detection_probability": 0.9},
)
def area_acceptance_probability(
    items: Any,
    fraction_searched: Any,
    detection_probability: Any,
    *,
    items_distribution: str = "fixed",
    nan_policy: str = "raise",
) -> Any:
    """Probability that inspecting part of an area finds none of the items left in it.

    Parameters
    ----------
    items : float or array-like
        Items (mines, ERW) left in the area after clearance: a whole number ``K`` for
        ``items_distribution="fixed"``, or the expected number ``rho A`` (density times area)
        for ``"poisson"``.
    fraction_searched : float or array-like
        Fraction of the area re-searched at random, ``f`` [0..1].
    detection_probability : float or array-like
        Probability that the inspection finds an item in the searched part, ``q`` [0..1].
    items_distribution : {"fixed", "poisson"}
        Read ``items`` as a known count (default) or as a Poisson mean.
    nan_policy : {"raise", "propagate"}
        A missing value: refused (default), or NaN in its row with a warning.

    Returns
    -------
    float, ndarray or Series
        ``P_a = (1 - f q)^K`` (fixed) or ``exp(-rho A f q)`` (Poisson): the probability that
        the area is accepted on zero finds.

    Raises
    ------
    InputError
        Negative or (for "fixed") non-integer items, probabilities outside [0, 1], an unknown
        distribution, or lengths that differ.

    References
    ----------
    Reference ``mines.md`` §2.4 (area model).

    Examples
    --------
    >>> from dpssec.mines import area_acceptance_probability
    >>> area_acceptance_probability([1, 3, 5, 10], 0.10, 0.9).round(4)
    array([0.91  , 0.7536, 0.624 , 0.3894])
    """
    searched = fraction_searched * detection_probability
    if items_distribution == "poisson":
        return np.exp(-items * searched)
    counted = _refuse(
        items,
        items != np.trunc(items),
        "parameter 'items' must be whole numbers with items_distribution='fixed' (use "
        "'poisson' for an expected number)",
    )
    return (1.0 - searched) ** counted


@example_by("residual_risk")
@attrs.frozen(eq=False)
class ResidualRisk(ResultMixin):
    """Expected items left after clearance and inspection (Poisson model).

    Attributes
    ----------
    expected_after_clearance : float, ndarray or Series
        ``Lambda_0 (1 - q_c)``: items expected to be missed by clearance.
    expected_remaining : float, ndarray or Series
        ``Lambda_res = Lambda_0 (1 - q_c)(1 - f q)``: expected to remain after inspection
        has removed what it found.
    probability_any_remaining : float, ndarray or Series
        ``1 - exp(-Lambda_res)``: probability that at least one item remains.
    inspection_acceptance : float, ndarray or Series
        ``exp(-Lambda_0 (1 - q_c) f q)``: probability that the inspection finds nothing, i.e.
        that the land is accepted as it is.
    """

    expected_after_clearance: Any = attrs.field(eq=VALUES_EQ)
    expected_remaining: Any = attrs.field(eq=VALUES_EQ)
    probability_any_remaining: Any = attrs.field(eq=VALUES_EQ)
    inspection_acceptance: Any = attrs.field(eq=VALUES_EQ)
    reference: Reference = attrs.field(default=SAMPLING_REFERENCE, repr=False)

    PER_ELEMENT_FIELDS: ClassVar[tuple[str, ...]] = (
        "expected_after_clearance",
        "expected_remaining",
        "probability_any_remaining",
        "inspection_acceptance",
    )
    """Fields holding one value per row: scalars for scalar input, Series for Series input."""


@calculator(
    expected_items=Count(whole=False),
    clearance_detection=Share(),
    fraction_searched=Share(),
    detection_probability=Share(),
    integers=True,
    example={
        "expected_items": [100, 20],
        "clearance_detection": [0.99, 0.95],
        "fraction_searched": 0.10,
        "detection_probability": 0.9,
    },
)
def residual_risk(
    expected_items: Any,
    clearance_detection: Any,
    fraction_searched: Any,
    detection_probability: Any,
    *,
    nan_policy: str = "raise",
) -> ResidualRisk:
    """Residual contamination after clearance plus post-clearance inspection.

    Parameters
    ----------
    expected_items : float or array-like
        ``Lambda_0``, items expected in the area before clearance (density x area) [count].
    clearance_detection : float or array-like
        ``q_c`` [0..1], probability that clearance finds and removes an item.
    fraction_searched : float or array-like
        ``f`` [0..1], fraction of the cleared area re-searched in inspection (0 for none).
    detection_probability : float or array-like
        ``q`` [0..1], detection probability of the inspection in the searched part.
    nan_policy : {"raise", "propagate"}
        A missing value: refused (default), or NaN in its row with a warning.

    Returns
    -------
    ResidualRisk
        Expected items after clearance and after inspection, the probability that at least
        one item remains, and the probability that the inspection accepts the land.

    Raises
    ------
    InputError
        Negative counts, probabilities outside [0, 1], or lengths that differ.

    Notes
    -----
    Items are Poisson distributed and each is found independently:
    ``Lambda_res = Lambda_0 (1 - q_c)(1 - f q)``, ``P(>= 1 left) = 1 - exp(-Lambda_res)``.
    It treats items found in inspection as removed and ignores any re-clearance that a find
    would trigger, so it is conservative for processes that re-clear failed lots.

    References
    ----------
    Reference ``mines.md`` §2.4 (residual risk).

    Examples
    --------
    >>> from dpssec.mines import residual_risk
    >>> risk = residual_risk(100, 0.99, 0.10, 0.9)
    >>> round(risk.expected_remaining, 4), round(risk.probability_any_remaining, 4)
    (0.91, 0.5975)
    """
    after_clearance = expected_items * (1.0 - clearance_detection)
    remaining = after_clearance * (1.0 - fraction_searched * detection_probability)
    return ResidualRisk(
        expected_after_clearance=after_clearance,
        expected_remaining=remaining,
        probability_any_remaining=-np.expm1(-remaining),
        inspection_acceptance=np.exp(-after_clearance * fraction_searched * detection_probability),
    )


@calculator(
    sample_size=Count(positive=True),
    confidence=Confidence(),
    example={"sample_size": [299, 50]},
)
def zero_find_upper_bound(
    sample_size: Any, *, confidence: float = 0.95, nan_policy: str = "raise"
) -> Any:
    """Upper confidence bound on the defect rate after zero finds in ``n`` inspections.

    Parameters
    ----------
    sample_size : int or array-like
        Sub-plots inspected with no defect found, ``n`` >= 1.
    confidence : float
        One-sided confidence level (0.95 or 95).
    nan_policy : {"raise", "propagate"}
        A missing value: refused (default), or NaN in its row with a warning.

    Returns
    -------
    float, ndarray or Series
        ``p_U = 1 - (1 - confidence)^(1/n)``, the exact (Clopper-Pearson) one-sided bound;
        the "rule of three" ``3/n`` approximates it at 95 %.

    Examples
    --------
    >>> from dpssec.mines.sampling import zero_find_upper_bound
    >>> round(zero_find_upper_bound(299), 4)
    0.0100
    """
    return -np.expm1(np.log1p(-confidence) / sample_size)
