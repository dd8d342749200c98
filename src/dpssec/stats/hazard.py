"""Nelson-Aalen cumulative hazard with an explicit choice of tie handling.

``ties="breslow"`` is the plain Nelson-Aalen increment d/n with Aalen's variance d/n² (R survival
``ctype=1``, its default). ``ties="fleming-harrington"`` treats tied events as if they happened
one after another, Σ_{k<d} 1/(n − k), with variance Σ 1/(n − k)² (R ``ctype=2``, and lifelines'
default ``nelson_aalen_smoothing=True``). lifelines with smoothing switched off uses d/n but a
binomial-type variance (1 − d/n)(d/n)/n, which is neither; it is not offered here.

For example:

>>> from dpssec.stats import nelson_aalen
>>> nelson_aalen([5, 5, 8, 9], [1, 1, 1, 0]).cumulative_hazard
array([0.5, 1. , 1. ])
>>> nelson_aalen([5, 5, 8, 9], [1, 1, 1, 0], ties="fleming-harrington").cumulative_hazard.round(4)
array([0.5833, 1.0833, 1.0833])
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Choice, Confidence, calculator, example_by, is_lazy
from dpssec.rendering import ResultMixin
from dpssec.scale import check_compute
from dpssec.stats._event_table import records_table
from dpssec.stats.quantiles import normal_quantile
from dpssec.stats.results import ARRAY_EQ, readonly_array
from dpssec.stats.survival import (
    RECORD_SPECS,
    RECORDS_EXAMPLE,
    TIME,
    check_column_lengths,
    step_lookup,
)

__all__ = ["TIES_METHODS", "CumulativeHazardCurve", "nelson_aalen"]

TIES_METHODS = ("breslow", "fleming-harrington")
"""Names accepted by ``ties`` of :func:`nelson_aalen`."""


@example_by("nelson_aalen")
@attrs.frozen(eq=False)
class CumulativeHazardCurve(ResultMixin):
    """A Nelson-Aalen cumulative hazard H(t): one row per distinct observed time.

    Attributes
    ----------
    time, at_risk, events, censored : ndarray
        As in :class:`~dpssec.stats.SurvivalCurve`.
    cumulative_hazard : ndarray
        H(t) just after each time (right-continuous step function).
    variance : ndarray
        Variance of H(t) under the chosen tie handling.
    lower, upper : ndarray
        Pointwise limits H·exp(∓z·sqrt(V)/H) ([0, 0] while H = 0).
    confidence : float
    ties : str
        ``"breslow"`` or ``"fleming-harrington"``.
    """

    time: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    at_risk: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    events: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    censored: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    cumulative_hazard: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    variance: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    lower: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    upper: np.ndarray = attrs.field(converter=readonly_array, eq=ARRAY_EQ)
    confidence: float = attrs.field(converter=float)
    ties: str = attrs.field(validator=attrs.validators.in_(TIES_METHODS))

    def __attrs_post_init__(self) -> None:
        check_column_lengths(self, "confidence", "ties")

    @calculator(t=TIME)
    def at(self, t: Any, *, nan_policy: str = "raise") -> Any:
        """H(t) as a right-continuous step function (0 before the first time).

        ``t`` as in :meth:`~dpssec.stats.SurvivalCurve.at` [days; a Quantity is converted].

        Examples
        --------
        >>> from dpssec.stats import nelson_aalen
        >>> nelson_aalen([1, 2, 3], [1, 1, 0]).at([0.5, 2.5])
        array([0. , 0.8333...])
        """
        return step_lookup(self.time, self.cumulative_hazard, t, 0.0)


def _fleming_harrington(at_risk: np.ndarray, events: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Σ_{k<d} 1/(n − k) and Σ_{k<d} 1/(n − k)² per time."""
    if np.array_equal(events, np.round(events)):
        counts = events.astype(np.int64)
        has = counts > 0
        reps = counts[has]
        starts = np.cumsum(reps) - reps
        k = np.arange(int(reps.sum())) - np.repeat(starts, reps)
        terms = 1.0 / (np.repeat(at_risk[has], reps) - k)
        increment = np.zeros_like(at_risk)
        variance = np.zeros_like(at_risk)
        if reps.size:
            increment[has] = np.add.reduceat(terms, starts)
            variance[has] = np.add.reduceat(terms * terms, starts)
        return increment, variance
    # Non-integer (weighted) event counts: the same sums written with digamma/trigamma.
    from scipy.special import polygamma, psi

    increment = psi(at_risk + 1) - psi(at_risk - events + 1)
    variance = polygamma(1, at_risk - events + 1) - polygamma(1, at_risk + 1)
    return increment, variance


@calculator(
    elementwise=False,
    integers=True,
    confidence=Confidence(),
    ties=Choice(TIES_METHODS),
    example=RECORDS_EXAMPLE,
    **RECORD_SPECS,
)
def nelson_aalen(
    durations: Any,
    events: Any,
    *,
    weights: Any = None,
    confidence: float = 0.95,
    ties: str = "breslow",
    nan_policy: str = "raise",
    compute: bool = True,
) -> Any:
    """Nelson-Aalen estimate of the cumulative hazard H(t).

    Parameters
    ----------
    durations, events, weights : array-like
        As in :func:`~dpssec.stats.kaplan_meier` (durations >= 0 [days; a Quantity of time is
        converted to days], events 0/1, frequency weights).
    confidence : float
        0.95 or 95.
    ties : {"breslow", "fleming-harrington"}
        ``"breslow"``: increment d/n, variance d/n² (R survival ``ctype=1``).
        ``"fleming-harrington"``: increment Σ_{k<d} 1/(n − k), variance Σ 1/(n − k)²
        (R ``ctype=2``; lifelines' default).
    nan_policy : {"raise", "omit"}
        Records with a missing value refused (default) or left out, with a warning.
    compute : bool
        For dask input: compute with the active scheduler (default), or return a Delayed.

    Returns
    -------
    CumulativeHazardCurve
        Or a Delayed of it (dask input, ``compute=False``).

    Raises
    ------
    InputError
        As :func:`~dpssec.stats.kaplan_meier`; an unknown ``ties``.
    UnitError
        ``durations`` given as a Quantity that is not a time.

    Notes
    -----
    Limits H·exp(∓z·sqrt(V)/H) (log transform, as lifelines); [0, 0] while H = 0. For weighted
    (non-integer) event counts the Fleming-Harrington sums are evaluated with digamma and
    trigamma functions, ψ(n + 1) − ψ(n − d + 1) and ψ₁(n − d + 1) − ψ₁(n + 1).
    Dask input is reduced out of core, as in :func:`~dpssec.stats.kaplan_meier`.

    References
    ----------
    Nelson W. Technometrics 1972;14:945-966. Aalen O. Ann Stat 1978;6:701-726. Fleming TR,
    Harrington DP. Commun Stat Theory Methods 1984;13:2469-2486. R survival 3.8 ``survfitKM``.

    Examples
    --------
    >>> from dpssec.stats import nelson_aalen
    >>> curve = nelson_aalen([5, 5, 8, 8, 12, 16, 23], [1, 1, 1, 1, 1, 0, 1])
    >>> round(curve.at(5), 4), round(float(curve.variance[0]) ** 0.5, 4)
    (0.2857, 0.202)
    """
    if any(is_lazy(x) for x in (durations, events, weights)):
        from dpssec.stats.survival_dask import RECORD_NAMES, reduce_records

        return reduce_records(
            nelson_aalen, [(durations, events, weights)], [RECORD_NAMES],
            compute=compute, confidence=confidence, ties=ties,
        )  # fmt: skip
    check_compute(compute)
    table = records_table(durations, events, weights)
    if ties == "breslow":
        increment = table.events / table.at_risk
        step_variance = table.events / table.at_risk**2
    else:
        increment, step_variance = _fleming_harrington(table.at_risk, table.events)
    hazard = np.cumsum(increment)
    variance = np.cumsum(step_variance)
    z = normal_quantile(confidence)
    positive = hazard > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = np.exp(z * np.sqrt(variance) / hazard)
    lower = np.where(positive, hazard / spread, 0.0)
    upper = np.where(positive, hazard * spread, 0.0)
    return CumulativeHazardCurve(
        **table._asdict(),
        cumulative_hazard=hazard,
        variance=variance,
        lower=lower,
        upper=upper,
        confidence=confidence,
        ties=ties,
    )
