"""Recidivism and reintegration rates of release cohorts, with censoring handled properly.

* :func:`recidivism_rate`: ``1 − S(follow_up)`` from the Kaplan-Meier curve of time to the
  first event, with its confidence interval (the curve and its interval come from
  :func:`dpssec.stats.kaplan_meier`);
* :func:`crude_recidivism_rate`: the share with an event among those **followed for the whole
  window** (the BJS-style cumulative percentage of a cohort with complete follow-up);
* :func:`reintegration_rate`: ``1 − recidivism`` = S(follow_up);
* the kernels :func:`complete_follow_up_counts`, :func:`estimates_at` and
  :func:`check_within_curve`, and :func:`checked_records` (the boundary of one group's
  records), which :mod:`dpssec.justice.cohort` and :mod:`dpssec.justice.programmes` build on.

:func:`~dpssec.justice.cohort.analyse_recidivism` sets them side by side for a
:class:`~dpssec.justice.cohort.ReleaseCohort` (this module knows nothing of cohorts: the
cohort module uses it, never the other way round).

Durations are in days. A Quantity of time is accepted for ``durations``, ``follow_up`` and
``potential_follow_up`` and converted to days (``Q_(3, "year")`` is 1095.75 days, pint's Julian
year; pass ``3 * 365`` for whole 365-day years); a Quantity of another dimension raises
:class:`~dpssec.errors.UnitError`.

Why not a crude rate? A crude rate equals the Kaplan-Meier ``1 − S(t)`` only when nobody is
censored before t (the Rossi data). When the cohort includes people released recently, the
naive rate (events so far / everyone released) counts their unobserved future as success
and is too low; restricting to those with complete follow-up discards data and, if release
timing relates to risk, is biased as well. Kaplan-Meier uses everybody for as long as they
were observed.

For example:

>>> from dpssec.justice import recidivism_rate, crude_recidivism_rate
>>> durations = [30, 200, 365, 365, 400, 90, 500, 700]
>>> events = [1, 1, 0, 1, 0, 0, 1, 0]
>>> round(recidivism_rate(durations, events, follow_up=365).value, 4)
0.4167
>>> potential = [400, 600, 500, 365, 400, 90, 800, 700]   # days from release to data end
>>> crude_recidivism_rate(durations, events, follow_up=365, potential_follow_up=potential).value
0.42857142857142855
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Duration,
    Indicator,
    calculator,
    is_lazy,
    not_above,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice.boundary_rules import refuse_empty
from dpssec.scale import check_compute, finish, lazy_function, task_name
from dpssec.stats import Estimate, kaplan_meier, proportion

if TYPE_CHECKING:
    from dpssec.stats import SurvivalCurve

__all__ = [
    "crude_recidivism_rate",
    "recidivism_rate",
    "reintegration_rate",
]

CI_METHODS = ("log-log", "log", "plain")
"""Interval transforms of S(t) offered by :func:`dpssec.stats.kaplan_meier`."""

_DURATIONS = Duration()
_EVENTS = Indicator()
_WINDOWS = Duration(aligned=False)
_CI = Choice(CI_METHODS)
_PROPORTION_METHOD = Choice(
    ("wilson", "clopper-pearson"), aliases={"exact": "clopper-pearson", "beta": "clopper-pearson"}
)
_POTENTIAL_COVERS_DURATION = not_above(
    "durations",
    "potential_follow_up",
    "are longer than 'potential_follow_up' (the potential follow-up is shorter than the "
    "observed duration)",
)

# -- kernels (magnitudes in days, no checks) --------------------------------------------------


def check_within_curve(curve: SurvivalCurve, horizon: Any) -> None:
    """Refuse a window beyond the longest observed follow-up (unless the curve reached 0)."""
    refuse_empty("recidivism", follow_up=horizon)
    longest = float(curve.time[-1])
    beyond = np.ravel(horizon) > longest
    if np.any(beyond) and curve.survival[-1] > 0:
        first = float(np.ravel(horizon)[np.argmax(beyond)])
        raise InputError(
            f"follow_up {first:g} days is beyond the longest observed follow-up ({longest:g} "
            "days): the Kaplan-Meier estimate is not defined there"
        )


def estimates_at(curve: SurvivalCurve, horizon: Any, *kinds: str) -> list[Estimate]:
    """Estimates of each ``kind`` of :meth:`SurvivalCurve.estimate_at` at the window(s).

    Refuses a window beyond the curve; floats (not 0-d arrays) for a single window.
    """
    check_within_curve(curve, horizon)
    scalar = np.ndim(horizon) == 0
    return [_scalar_estimate(curve.estimate_at(horizon, kind=k), scalar) for k in kinds]


def _scalar_estimate(estimate: Estimate, scalar: bool) -> Estimate:
    if not scalar:
        return estimate
    return attrs.evolve(
        estimate,
        value=float(np.asarray(estimate.value)),
        lower=float(np.asarray(estimate.lower)),
        upper=float(np.asarray(estimate.upper)),
    )


def complete_follow_up_counts(
    durations: np.ndarray,
    events: np.ndarray,
    horizon: np.ndarray,
    potential: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Events by each window and persons followed for the whole window (the kernel).

    With ``potential`` (days from release to the end of observation, for everybody) the
    window is complete for those with ``potential >= h``, whether or not they had an event.
    Without it, only what the records show is used: events by h, and anyone observed for
    at least h (sorted searches).

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.justice.recidivism import complete_follow_up_counts
    >>> complete_follow_up_counts(np.array([30.0, 200.0]), np.array([1.0, 0.0]), np.array([365.0]),
    ...                           np.array([500.0, 200.0]))
    (array([1.]), array([1.]))
    """
    if potential is not None:
        numerators, denominators = [], []
        observed = events == 1
        for h in horizon:  # one vectorised pass per window, a handful of windows
            complete = potential >= h
            numerators.append(np.count_nonzero(complete & observed & (durations <= h)))
            denominators.append(np.count_nonzero(complete))
        return np.asarray(numerators, float), np.asarray(denominators, float)
    event_times = np.sort(durations[events == 1])
    all_times = np.sort(durations)
    with_event = np.searchsorted(event_times, horizon, side="right")
    # Followed at least the window: duration >= h (a censoring exactly at h completes it),
    # minus the events exactly at h counted already in with_event.
    reaching = durations.size - np.searchsorted(all_times, horizon, side="left")
    events_at = with_event - np.searchsorted(event_times, horizon, side="left")
    return with_event.astype(float), (with_event + reaching - events_at).astype(float)


@calculator(
    durations=_DURATIONS,
    events=_EVENTS,
    potential_follow_up=Duration(optional=True),
    relations=[_POTENTIAL_COVERS_DURATION],
    elementwise=False,
    example={"durations": [30, 200, 365], "events": [1, 0, 1], "potential_follow_up": None},
)
def checked_records(
    durations: Any, events: Any, potential_follow_up: Any = None
) -> tuple[Any, ...]:
    """Durations, events and potential follow-up of one group as checked day arrays.

    The boundary of a group given as a ``(durations, events[, potential_follow_up])`` tuple
    (:func:`~dpssec.justice.compare_programmes`): the same specs as
    :func:`crude_recidivism_rate`.

    Examples
    --------
    >>> from dpssec.justice.recidivism import checked_records
    >>> checked_records([3, 5], [True, False])
    (array([3., 5.]), array([1., 0.]), None)
    """
    return records_kernel(durations, events, potential_follow_up)


def records_kernel(durations: Any, events: Any, potential_follow_up: Any = None) -> tuple[Any, ...]:
    """One group's checked magnitudes as 1-d float arrays of the same length (no checks)."""
    d = np.atleast_1d(np.asarray(durations, dtype=float))
    refuse_empty("recidivism", durations=d)
    e = np.broadcast_to(np.asarray(events, dtype=float), d.shape)
    if potential_follow_up is None:
        return d, e, None
    return d, e, np.broadcast_to(np.asarray(potential_follow_up, dtype=float), d.shape)


def _curve(durations: Any, events: Any, confidence: float, ci: str) -> SurvivalCurve:
    d, e, _ = records_kernel(durations, events)
    curve: SurvivalCurve = kaplan_meier(d, e, confidence=confidence, ci=ci)
    return curve


def _estimate_at(curve: SurvivalCurve, horizon: np.ndarray, kind: str) -> Estimate:
    return estimates_at(curve, horizon, kind)[0]


def _rate(
    durations: Any,
    events: Any,
    horizon: np.ndarray,
    kind: str,
    confidence: float,
    ci: str,
    compute: bool,
) -> Any:
    """The estimate of ``kind`` at the window(s); dask records are reduced out of core (the
    table of distinct days merged over the partitions, :mod:`dpssec.stats.survival_dask`)."""
    check_compute(compute)
    if not (is_lazy(durations) or is_lazy(events)):
        return _estimate_at(_curve(durations, events, confidence, ci), horizon, kind)
    from dpssec.stats.survival_dask import reduce_records

    curve = reduce_records(
        kaplan_meier, [(durations, events, None)], [("durations", "events", "weights")],
        compute=False, confidence=confidence, ci=ci,
    )  # fmt: skip
    estimate = lazy_function(_estimate_at)(
        curve, horizon, kind, dask_key_name=task_name(f"recidivism-{kind}", curve, horizon)
    )
    return finish(estimate, compute)


# -- calculators ------------------------------------------------------------------------------


_KM_SPECS: dict[str, Any] = {
    "durations": _DURATIONS,
    "events": _EVENTS,
    "follow_up": _WINDOWS,
    "confidence": Confidence(),
    "ci": _CI,
}


@calculator(
    **_KM_SPECS,
    elementwise=False,
    example={
        "durations": [3, 7, 9, 11, 14, 21, 4, 8, 16, 24, 24],
        "events": [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
        "follow_up": [6, 12],
    },
)
def recidivism_rate(
    durations: Any,
    events: Any,
    *,
    follow_up: Any,
    confidence: float = 0.95,
    ci: str = "log-log",
    nan_policy: str = "raise",
    compute: bool = True,
) -> Any:
    """Share of a release cohort with an event within ``follow_up``, by Kaplan-Meier.

    Parameters
    ----------
    durations : array-like or Quantity
        Days from release to the first event or to the end of observation, >= 0 [days]; a
        Quantity of time is converted to days.
    events : array-like
        1 if the event was observed, 0 if censored.
    follow_up : float, array-like or Quantity
        Follow-up window(s) [days], e.g. ``3 * 365``.
    confidence : float
        0.95 or 95.
    ci : {"log-log", "log", "plain"}
        Interval transform of S(t) (see :func:`dpssec.stats.kaplan_meier`).
    nan_policy : {"raise", "omit"}
        A person with a missing duration or event is refused (default) or left out, with a
        :class:`~dpssec.errors.DataQualityWarning` counting them.
    compute : bool
        For dask records (dask arrays or columns of a dask DataFrame, reduced out of core to
        the table of distinct days): compute with the active scheduler (default), or return
        a Delayed of the estimate.

    Returns
    -------
    Estimate
        ``1 − S(follow_up)`` with limits ``1 − upper(S)``, ``1 − lower(S)``; a float for a
        scalar ``follow_up``, arrays for several windows.

    Raises
    ------
    InputError
        Bad durations or events; a window beyond the longest observed follow-up.
    UnitError
        ``durations`` or ``follow_up`` given as a Quantity that is not a time.

    Notes
    -----
    ``S(t) = Π_{t_j <= t} (1 − d_j/n_j)`` with Greenwood's variance; a person censored at
    t_j is still at risk at t_j.

    References
    ----------
    Kaplan & Meier (1958); Greenwood (1926).

    Examples
    --------
    >>> from dpssec.justice import recidivism_rate
    >>> r = recidivism_rate([3, 7, 9, 11, 14, 21, 4, 8, 16, 24, 24],
    ...                     [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], follow_up=[6, 12])
    >>> r.value.round(4)
    array([0.0909, 0.4228])
    """
    return _rate(
        durations, events, np.asarray(follow_up), "cumulative_incidence", confidence, ci, compute
    )


@calculator(
    **_KM_SPECS,
    elementwise=False,
    example={"durations": [3, 7, 9, 4, 8], "events": [1, 1, 1, 0, 0], "follow_up": 8},
)
def reintegration_rate(
    durations: Any,
    events: Any,
    *,
    follow_up: Any,
    confidence: float = 0.95,
    ci: str = "log-log",
    nan_policy: str = "raise",
    compute: bool = True,
) -> Any:
    """Share without an event within ``follow_up``: ``1 − recidivism`` = S(follow_up).

    Same parameters as :func:`recidivism_rate`.

    Examples
    --------
    >>> from dpssec.justice import reintegration_rate
    >>> round(reintegration_rate([3, 7, 9, 4, 8], [1, 1, 1, 0, 0], follow_up=8).value, 4)
    0.6
    """
    return _rate(durations, events, np.asarray(follow_up), "survival", confidence, ci, compute)


@calculator(
    durations=_DURATIONS,
    events=_EVENTS,
    follow_up=_WINDOWS,
    potential_follow_up=Duration(optional=True),
    confidence=Confidence(),
    method=_PROPORTION_METHOD,
    relations=[_POTENTIAL_COVERS_DURATION],
    elementwise=False,
    example={
        "durations": [30, 200, 100, 400],
        "events": [1, 0, 0, 0],
        "follow_up": 365,
        "potential_follow_up": [500, 200, 100, 400],
    },
)
def crude_recidivism_rate(
    durations: Any,
    events: Any,
    *,
    follow_up: Any,
    potential_follow_up: Any = None,
    confidence: float = 0.95,
    method: str = "wilson",
    nan_policy: str = "raise",
) -> Estimate:
    """Share with an event within ``follow_up`` among those followed for the whole window.

    Parameters
    ----------
    durations, events : array-like
        As for :func:`recidivism_rate`.
    follow_up : float, array-like or Quantity
        Window(s) [days].
    potential_follow_up : array-like, optional
        Days from each release to the end of observation, for everybody (events included)
        [days]. It decides who was followed for the whole window.
        :class:`ReleaseCohort` knows it; with bare durations it is unknown for those with an
        event (see Notes).
    confidence : float
    method : {"wilson", "clopper-pearson"}
        Interval of the binomial proportion (:func:`dpssec.stats.proportion`).
    nan_policy : {"raise", "omit"}
        A person with a missing duration or event is refused (default) or left out, with a
        :class:`~dpssec.errors.DataQualityWarning` counting them.

    Returns
    -------
    Estimate
        ``numerator`` = events by the window among those followed for all of it;
        ``denominator`` = those followed for all of it.

    Raises
    ------
    InputError
        Nobody was followed for the whole window; a potential follow-up shorter than a
        duration; no window (``follow_up=[]``); lengths that differ.

    Warns
    -----
    DataQualityWarning
        Without ``potential_follow_up`` when someone is censored before the window: then
        everybody with an event counts, but only the non-recidivists observed long enough,
        which biases the rate upwards.

    Notes
    -----
    This is the complete-follow-up cumulative percentage BJS publishes for fixed release
    cohorts. It equals the Kaplan-Meier ``1 − S(t)`` when nobody is censored before t; with
    staggered releases it discards everyone released too recently (a smaller sample, and a
    biased one if risk changed over the release period).

    Examples
    --------
    >>> from dpssec.justice import crude_recidivism_rate
    >>> c = crude_recidivism_rate([30, 200, 100, 400], [1, 0, 0, 0], follow_up=365,
    ...                           potential_follow_up=[500, 200, 100, 400])
    >>> c.value, c.numerator, c.denominator
    (0.5, 1.0, 2.0)
    """
    return crude_rate_kernel(durations, events, follow_up, potential_follow_up, confidence, method)


def crude_rate_kernel(
    durations: Any,
    events: Any,
    follow_up: Any,
    potential_follow_up: Any,
    confidence: float,
    method: str,
) -> Estimate:
    """The body of :func:`crude_recidivism_rate` on checked magnitudes [days]."""
    d, e, potential = records_kernel(durations, events, potential_follow_up)
    horizon = np.asarray(follow_up)
    refuse_empty("crude_recidivism_rate", follow_up=horizon)
    if potential is None and np.any((e == 0) & (d < np.max(horizon))):
        warnings.warn(
            "crude_recidivism_rate without potential_follow_up: some records are censored "
            "before the window, so persons with an event but a short potential follow-up are "
            "kept while their non-recidivist peers are dropped (biased upwards). Pass "
            "potential_follow_up, or use ReleaseCohort.recidivism().",
            DataQualityWarning,
            stacklevel=4,
        )
    numerator, denominator = complete_follow_up_counts(d, e, np.atleast_1d(horizon), potential)
    return crude_rate_from_counts(numerator, denominator, horizon, confidence, method)


def crude_rate_from_counts(
    numerator: np.ndarray,
    denominator: np.ndarray,
    horizon: np.ndarray,
    confidence: float,
    method: str,
) -> Estimate:
    """The crude rate from events by each window among those followed for the whole window
    (``numerator``) and their number (``denominator``); refuses an empty window."""
    if np.any(denominator == 0):
        first = float(np.atleast_1d(horizon)[np.argmax(denominator == 0)])
        raise InputError(
            f"nobody was followed for the whole {first:g}-day window: the crude rate is "
            "undefined; use the Kaplan-Meier rate (recidivism_rate)"
        )
    estimate = proportion(
        numerator.reshape(horizon.shape),
        denominator.reshape(horizon.shape),
        multiplier=1,
        confidence=confidence,
        method=method,
    )
    return attrs.evolve(estimate, method=f"complete follow-up only, {estimate.method} interval")
