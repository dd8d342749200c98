"""Post-clearance quality-control sampling, from first principles.

Land that has been cleared is inspected by re-searching a sample of it. These functions give
the statistics of such inspection plans without the copyrighted ISO 2859 tables:

* :func:`zero_acceptance_sample_size`: how many sub-plots to inspect so that a lot at the
  limiting quality is accepted with probability at most the consumer's risk (c = 0 plans);
* :func:`acceptance_probability`: the operating characteristic (OC) of an attribute plan,
  binomial for a large lot, hypergeometric for a finite lot of ``lot_size`` sub-plots;
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

from typing import Any

import attrs
import numpy as np

from dpssec._checks import as_array, check_choice, check_confidence, is_scalar_input, maybe_scalar
from dpssec.errors import InputError
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = [
    "IMAS_09_20_REFERENCE",
    "ITEMS_DISTRIBUTIONS",
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

ITEMS_DISTRIBUTIONS: tuple[str, ...] = ("fixed", "poisson")
"""How ``items`` is read by :func:`area_acceptance_probability` and :func:`residual_risk`."""


def _broadcast(**arrays: Any) -> None:
    try:
        np.broadcast_shapes(*(np.shape(a) for a in arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{k} has shape {np.shape(v)}" for k, v in arrays.items())
        raise InputError(f"parameters do not match in shape: {shapes}") from None


def _probability(value: Any, name: str) -> Any:
    return as_array(value, name, lower=0.0, upper=1.0)


def zero_acceptance_sample_size(limiting_quality: Any, consumer_risk: Any) -> Any:
    """Smallest sample with zero acceptance number that protects the consumer.

    Parameters
    ----------
    limiting_quality : float or array-like
        Limiting quality ``p_LQ`` [fraction, 0 < p <= 1]: the share of defective sub-plots
        (sub-plots with a missed item) that must be rejected with high probability.
    consumer_risk : float or array-like
        Consumer's risk ``beta`` [fraction, 0 < beta <= 1]: the largest acceptable probability
        of accepting a lot at the limiting quality (0.05 for 95 % confidence).

    Returns
    -------
    int or ndarray of int
        ``n = ceil(ln beta / ln(1 - p_LQ))``: inspect ``n`` sub-plots and reject the lot if
        any defect is found (c = 0).

    Raises
    ------
    InputError
        Values outside (0, 1], NaN, or shapes that do not broadcast.

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
    scalar = is_scalar_input(limiting_quality, consumer_risk)
    p = as_array(limiting_quality, "limiting_quality", positive=True, upper=1.0)
    beta = as_array(consumer_risk, "consumer_risk", positive=True, upper=1.0)
    _broadcast(limiting_quality=p, consumer_risk=beta)
    with np.errstate(divide="ignore"):
        exact = np.log(beta) / np.log1p(-p)
    # Guard against a quotient that should be a whole number landing just above it; at least
    # one sub-plot is always inspected (p_LQ = 1 or beta = 1 give the one-sample plan).
    n = np.maximum(np.ceil(exact - 1e-9 * np.maximum(exact, 1.0)), 1).astype(np.int64)
    return maybe_scalar(n, scalar)


def acceptance_probability(
    sample_size: Any,
    acceptance_number: Any,
    defect_rate: Any,
    *,
    lot_size: Any = None,
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
        Number of sub-plots in the lot, ``N`` >= ``n``. When given, sampling is without
        replacement (hypergeometric) and ``D = p N`` must be a whole number of defective
        sub-plots; when omitted, the lot is taken as large (binomial).

    Returns
    -------
    float or ndarray
        ``P_a``, the probability of finding at most ``c`` defects.

    Raises
    ------
    InputError
        Non-integer or negative counts, ``c > n``, ``n > N``, rates outside [0, 1], a
        ``p N`` that is not a whole number, or shapes that do not broadcast.

    Notes
    -----
    Binomial: ``P_a = sum_{d=0..c} C(n, d) p^d (1 - p)^(n - d)``.
    Hypergeometric: ``P_a = sum_{d=0..c} C(D, d) C(N - D, n - d) / C(N, n)``.

    References
    ----------
    Reference ``mines.md`` §2.4 (OC values for n = 50 reproduced in the tests).

    Examples
    --------
    >>> from dpssec.mines import acceptance_probability
    >>> acceptance_probability(50, 1, [0.005, 0.01, 0.02, 0.05]).round(3)
    array([0.974, 0.911, 0.736, 0.279])
    >>> round(acceptance_probability(40, 0, 1 / 400, lot_size=400), 6)
    0.9
    """
    from scipy import stats

    scalar = is_scalar_input(sample_size, acceptance_number, defect_rate, lot_size)
    n = as_array(sample_size, "sample_size", positive=True, integer=True)
    c = as_array(acceptance_number, "acceptance_number", nonnegative=True, integer=True)
    p = _probability(defect_rate, "defect_rate")
    _broadcast(sample_size=n, acceptance_number=c, defect_rate=p)
    if np.any(c > n):
        raise InputError(
            "parameter 'acceptance_number' exceeds 'sample_size' in "
            f"{int(np.count_nonzero(c > n))} cases; such a plan accepts every lot "
            "(were the arguments swapped?)"
        )
    if lot_size is None:
        result = stats.binom.cdf(c, n, p)
    else:
        big_n = as_array(lot_size, "lot_size", positive=True, integer=True)
        _broadcast(sample_size=n, acceptance_number=c, defect_rate=p, lot_size=big_n)
        if np.any(n > big_n):
            raise InputError("parameter 'sample_size' exceeds 'lot_size' for some cases")
        defectives = p * big_n
        whole = np.round(defectives)
        if np.any(np.abs(defectives - whole) > 1e-9 * np.maximum(big_n, 1.0)):
            raise InputError(
                "with 'lot_size', defect_rate x lot_size must be a whole number of defective "
                "sub-plots (e.g. defect_rate=3/400 for 3 of 400); got "
                f"{float(np.ravel(defectives)[int(np.argmax(np.ravel(np.abs(defectives - whole))))]):g}"
            )
        result = stats.hypergeom.cdf(c, big_n, whole, n)
    return maybe_scalar(np.asarray(result, dtype=float), scalar)


def area_acceptance_probability(
    items: Any,
    fraction_searched: Any,
    detection_probability: Any,
    *,
    items_distribution: str = "fixed",
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

    Returns
    -------
    float or ndarray
        ``P_a = (1 - f q)^K`` (fixed) or ``exp(-rho A f q)`` (Poisson): the probability that
        the area is accepted on zero finds.

    Raises
    ------
    InputError
        Negative or (for "fixed") non-integer items, probabilities outside [0, 1], an unknown
        distribution, or shapes that do not broadcast.

    References
    ----------
    Reference ``mines.md`` §2.4 (area model).

    Examples
    --------
    >>> from dpssec.mines import area_acceptance_probability
    >>> area_acceptance_probability([1, 3, 5, 10], 0.10, 0.9).round(4)
    array([0.91  , 0.7536, 0.624 , 0.3894])
    """
    check_choice(items_distribution, "items_distribution", ITEMS_DISTRIBUTIONS)
    scalar = is_scalar_input(items, fraction_searched, detection_probability)
    k = as_array(items, "items", nonnegative=True, integer=items_distribution == "fixed")
    f = _probability(fraction_searched, "fraction_searched")
    q = _probability(detection_probability, "detection_probability")
    _broadcast(items=k, fraction_searched=f, detection_probability=q)
    fixed = items_distribution == "fixed"
    result = (1.0 - f * q) ** k if fixed else np.exp(-k * f * q)
    return maybe_scalar(result, scalar)


@attrs.frozen
class ResidualRisk(ResultMixin):
    """Expected items left after clearance and inspection (Poisson model).

    Attributes
    ----------
    expected_after_clearance : float or ndarray
        ``Lambda_0 (1 - q_c)``: items expected to be missed by clearance.
    expected_remaining : float or ndarray
        ``Lambda_res = Lambda_0 (1 - q_c)(1 - f q)``: expected to remain after inspection
        has removed what it found.
    probability_any_remaining : float or ndarray
        ``1 - exp(-Lambda_res)``: probability that at least one item remains.
    inspection_acceptance : float or ndarray
        ``exp(-Lambda_0 (1 - q_c) f q)``: probability that the inspection finds nothing, i.e.
        that the land is accepted as it is.
    """

    expected_after_clearance: Any
    expected_remaining: Any
    probability_any_remaining: Any
    inspection_acceptance: Any
    reference: Reference = attrs.field(default=SAMPLING_REFERENCE, repr=False)


def residual_risk(
    expected_items: Any,
    clearance_detection: Any,
    fraction_searched: Any,
    detection_probability: Any,
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

    Returns
    -------
    ResidualRisk
        Expected items after clearance and after inspection, the probability that at least
        one item remains, and the probability that the inspection accepts the land.

    Raises
    ------
    InputError
        Negative counts, probabilities outside [0, 1], or shapes that do not broadcast.

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
    scalar = is_scalar_input(
        expected_items, clearance_detection, fraction_searched, detection_probability
    )
    lam0 = as_array(expected_items, "expected_items", nonnegative=True)
    qc = _probability(clearance_detection, "clearance_detection")
    f = _probability(fraction_searched, "fraction_searched")
    q = _probability(detection_probability, "detection_probability")
    _broadcast(
        expected_items=lam0,
        clearance_detection=qc,
        fraction_searched=f,
        detection_probability=q,
    )
    after_clearance = lam0 * (1.0 - qc)
    remaining = after_clearance * (1.0 - f * q)
    return ResidualRisk(
        expected_after_clearance=maybe_scalar(after_clearance, scalar),
        expected_remaining=maybe_scalar(remaining, scalar),
        probability_any_remaining=maybe_scalar(-np.expm1(-remaining), scalar),
        inspection_acceptance=maybe_scalar(np.exp(-after_clearance * f * q), scalar),
    )


def zero_find_upper_bound(sample_size: Any, *, confidence: float = 0.95) -> Any:
    """Upper confidence bound on the defect rate after zero finds in ``n`` inspections.

    Parameters
    ----------
    sample_size : int or array-like
        Sub-plots inspected with no defect found, ``n`` >= 1.
    confidence : float
        One-sided confidence level (0.95 or 95).

    Returns
    -------
    float or ndarray
        ``p_U = 1 - (1 - confidence)^(1/n)``, the exact (Clopper-Pearson) one-sided bound;
        the "rule of three" ``3/n`` approximates it at 95 %.

    Examples
    --------
    >>> from dpssec.mines.sampling import zero_find_upper_bound
    >>> round(zero_find_upper_bound(299), 4)
    0.0100
    """
    level = check_confidence(confidence)
    scalar = is_scalar_input(sample_size)
    n = as_array(sample_size, "sample_size", positive=True, integer=True)
    return maybe_scalar(-np.expm1(np.log1p(-level) / n), scalar)
