"""Recidivism and reintegration rates of release cohorts, with censoring handled properly.

* :func:`recidivism_rate`: ``1 − S(follow_up)`` from the Kaplan-Meier curve of time to the
  first event, with its confidence interval (the curve and its interval come from
  :func:`dpssec.stats.kaplan_meier`);
* :func:`crude_recidivism_rate`: the share with an event among those **followed for the whole
  window** (the BJS-style cumulative percentage of a cohort with complete follow-up);
* :func:`reintegration_rate`: ``1 − recidivism`` = S(follow_up);
* :func:`analyse_recidivism`: all of them side by side for a :class:`ReleaseCohort`, with the
  naive rate that counts people not yet followed for the window as successes, and a
  statement of how far they differ.

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

from dpssec._checks import as_array, check_confidence, maybe_scalar
from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice.cohort import RecidivismMeasure, ReleaseCohort
from dpssec.justice.sources import BJS_RECIDIVISM, KAPLAN_MEIER
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.stats import Estimate, kaplan_meier, proportion
from dpssec.units import to_magnitude

if TYPE_CHECKING:
    from dpssec.stats import SurvivalCurve

__all__ = [
    "RecidivismResult",
    "analyse_recidivism",
    "crude_recidivism_rate",
    "recidivism_rate",
    "reintegration_rate",
]


def follow_up_days(follow_up: Any) -> Any:
    """``follow_up`` as days (Quantity of time or plain number), checked >= 0."""
    days = to_magnitude(follow_up, "day", "follow_up")
    return as_array(days, "follow_up", nonnegative=True)


def _check_within_curve(curve: SurvivalCurve, horizon: np.ndarray) -> None:
    longest = float(curve.time[-1])
    beyond = np.ravel(horizon) > longest
    if np.any(beyond) and curve.survival[-1] > 0:
        first = float(np.ravel(horizon)[np.argmax(beyond)])
        raise InputError(
            f"follow_up {first:g} days is beyond the longest observed follow-up ({longest:g} "
            "days): the Kaplan-Meier estimate is not defined there"
        )


def _estimates_at(curve: SurvivalCurve, horizon: np.ndarray, *kinds: str) -> list[Estimate]:
    """Estimates of each ``kind`` of :meth:`SurvivalCurve.estimate_at` at the window(s).

    Refuses a window beyond the curve; floats (not 0-d arrays) for a single window.
    """
    _check_within_curve(curve, horizon)
    scalar = np.ndim(horizon) == 0
    return [_maybe_scalar_estimate(curve.estimate_at(horizon, kind=k), scalar) for k in kinds]


def recidivism_rate(
    durations: Any,
    events: Any,
    *,
    follow_up: Any,
    confidence: float = 0.95,
    ci: str = "log-log",
) -> Estimate:
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
    curve = kaplan_meier(durations, events, confidence=check_confidence(confidence), ci=ci)
    horizon = np.asarray(follow_up_days(follow_up))
    return _estimates_at(curve, horizon, "cumulative_incidence")[0]


def reintegration_rate(
    durations: Any,
    events: Any,
    *,
    follow_up: Any,
    confidence: float = 0.95,
    ci: str = "log-log",
) -> Estimate:
    """Share without an event within ``follow_up``: ``1 − recidivism`` = S(follow_up).

    Same parameters as :func:`recidivism_rate`.

    Examples
    --------
    >>> from dpssec.justice import reintegration_rate
    >>> round(reintegration_rate([3, 7, 9, 4, 8], [1, 1, 1, 0, 0], follow_up=8).value, 4)
    0.6
    """
    curve = kaplan_meier(durations, events, confidence=check_confidence(confidence), ci=ci)
    horizon = np.asarray(follow_up_days(follow_up))
    return _estimates_at(curve, horizon, "survival")[0]


def _maybe_scalar_estimate(estimate: Estimate, scalar: bool) -> Estimate:
    if not scalar:
        return estimate
    return attrs.evolve(
        estimate,
        value=float(np.asarray(estimate.value)),
        lower=float(np.asarray(estimate.lower)),
        upper=float(np.asarray(estimate.upper)),
    )


def _complete_follow_up_counts(
    durations: np.ndarray,
    events: np.ndarray,
    horizon: np.ndarray,
    potential: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Events by each window and persons followed for the whole window.

    With ``potential`` (days from release to the end of observation, for everybody) the
    window is complete for those with ``potential >= h``, whether or not they had an event.
    Without it, only what the records show is used: events by h, and anyone observed for
    at least h (sorted searches).
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


def _potential(value: Any, durations: np.ndarray) -> np.ndarray:
    potential = np.atleast_1d(
        np.asarray(
            as_array(
                to_magnitude(value, "day", "potential_follow_up"),
                "potential_follow_up",
                nonnegative=True,
            )
        )
    )
    if potential.shape != durations.shape:
        raise InputError(
            f"lengths differ: durations has {durations.size} values, potential_follow_up has "
            f"{potential.size} values"
        )
    short = potential < durations
    if np.any(short):
        i = int(np.argmax(short))
        raise InputError(
            f"potential_follow_up is shorter than the observed duration in "
            f"{int(short.sum())} rows (first at row {i}: {potential[i]:g} < {durations[i]:g})"
        )
    return potential


def _records(durations: Any, events: Any) -> tuple[np.ndarray, np.ndarray]:
    durations = to_magnitude(durations, "day", "durations")
    if np.asarray(durations).dtype.kind == "b":
        raise InputError(
            "parameter 'durations' holds booleans; durations must be days >= 0 "
            "(did you swap durations and events?)"
        )
    d = np.atleast_1d(np.asarray(as_array(durations, "durations", nonnegative=True)))
    e = np.atleast_1d(np.asarray(as_array(events, "events", binary=True)))
    if d.shape != e.shape:
        raise InputError(
            f"lengths differ: durations has {d.size} values, events has {e.size} values"
        )
    if d.size == 0:
        raise InputError("parameter 'durations' is empty")
    return d, e


def crude_recidivism_rate(
    durations: Any,
    events: Any,
    *,
    follow_up: Any,
    potential_follow_up: Any = None,
    confidence: float = 0.95,
    method: str = "wilson",
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

    Returns
    -------
    Estimate
        ``numerator`` = events by the window among those followed for all of it;
        ``denominator`` = those followed for all of it.

    Raises
    ------
    InputError
        Nobody was followed for the whole window; a potential follow-up shorter than a
        duration.

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
    level = check_confidence(confidence)
    d, e = _records(durations, events)
    horizon = np.asarray(follow_up_days(follow_up))
    potential = None if potential_follow_up is None else _potential(potential_follow_up, d)
    if potential is None and np.any((e == 0) & (d < np.max(horizon))):
        warnings.warn(
            "crude_recidivism_rate without potential_follow_up: some records are censored "
            "before the window, so persons with an event but a short potential follow-up are "
            "kept while their non-recidivist peers are dropped (biased upwards). Pass "
            "potential_follow_up, or use ReleaseCohort.recidivism().",
            DataQualityWarning,
            stacklevel=2,
        )
    numerator, denominator = _complete_follow_up_counts(d, e, np.atleast_1d(horizon), potential)
    if np.any(denominator == 0):
        first = float(np.atleast_1d(horizon)[np.argmax(denominator == 0)])
        raise InputError(
            f"nobody was followed for the whole {first:g}-day window: the crude rate is "
            "undefined; use the Kaplan-Meier rate (recidivism_rate)"
        )
    scalar = np.ndim(horizon) == 0
    estimate = proportion(
        maybe_scalar(numerator.reshape(horizon.shape), scalar),
        maybe_scalar(denominator.reshape(horizon.shape), scalar),
        confidence=level,
        method=method,
    )
    return attrs.evolve(estimate, method=f"complete follow-up only, {estimate.method} interval")


@attrs.frozen
class RecidivismResult(ResultMixin):
    """Recidivism of a release cohort within one or several follow-up windows.

    Attributes
    ----------
    follow_up_days : float or ndarray
        Window(s) [days].
    measure : RecidivismMeasure
        What counted as an event and any waiting period.
    label : str
        The cohort's label.
    released : int
        Persons in the cohort.
    kaplan_meier : Estimate
        Recidivism ``1 − S(t)`` with its interval (uses everybody as long as observed).
    reintegration : Estimate
        ``S(t)`` = 1 − recidivism.
    crude : Estimate
        Complete-follow-up (BJS-style) rate among those released at least the window
        before the end of observation.
    complete_follow_up : float or ndarray
        Persons released at least the window before the end of observation.
    naive : float or ndarray
        Events by the window / everyone released: counts those not yet followed for the
        window as non-recidivists (biased low when follow-up is incomplete).
    statement : str
        The figures in words, with the size of the difference.
    references : tuple of Reference
    """

    follow_up_days: Any
    measure: RecidivismMeasure
    label: str
    released: int
    kaplan_meier: Estimate
    reintegration: Estimate
    crude: Estimate
    complete_follow_up: Any
    naive: Any
    statement: str
    references: tuple[Reference, ...] = (KAPLAN_MEIER, BJS_RECIDIVISM)

    def _columns(self) -> dict[str, Any]:
        km = self.kaplan_meier
        columns: dict[str, Any] = {
            "follow_up_days": self.follow_up_days,
            "event": self.measure.event.value,
            "kaplan_meier": km.value,
            "km_lower": km.lower,
            "km_upper": km.upper,
        }
        columns.update(
            crude=self.crude.value, crude_lower=self.crude.lower, crude_upper=self.crude.upper
        )
        columns.update(complete_follow_up=self.complete_follow_up, naive=self.naive)
        return columns


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def analyse_recidivism(
    cohort: ReleaseCohort,
    *,
    follow_up: Any,
    confidence: float = 0.95,
    ci: str = "log-log",
) -> RecidivismResult:
    """Kaplan-Meier, crude complete-follow-up and naive recidivism of a cohort, side by side.

    Parameters
    ----------
    cohort : ReleaseCohort
    follow_up : float, array-like or Quantity
        Window(s) [days], e.g. ``[365, 3 * 365, 5 * 365]``.
    confidence : float
    ci : {"log-log", "log", "plain"}

    Returns
    -------
    RecidivismResult

    Raises
    ------
    InputError
        ``cohort`` not a :class:`ReleaseCohort`; a window beyond the longest observed
        follow-up; a negative window; a bad ``confidence`` or ``ci``.
    UnitError
        ``follow_up`` given as a Quantity that is not a time.

    Examples
    --------
    >>> from dpssec.justice import ReleaseCohort, analyse_recidivism
    >>> cohort = ReleaseCohort(["2020-01-01", "2020-06-01", "2021-01-01", "2023-06-01"],
    ...                        ["2020-05-01", None, "2022-03-01", None], "2023-12-31")
    >>> r = analyse_recidivism(cohort, follow_up=365)
    >>> round(r.kaplan_meier.value, 3), r.crude.value, r.naive
    (0.25, 0.3333333333333333, 0.25)
    """
    if not isinstance(cohort, ReleaseCohort):
        raise InputError(f"cohort must be a ReleaseCohort; got {type(cohort).__name__}")
    level = check_confidence(confidence)
    durations, events = cohort.durations_and_events()
    curve = kaplan_meier(durations, events, confidence=level, ci=ci)
    horizon = np.asarray(follow_up_days(follow_up))
    km, reintegration = _estimates_at(curve, horizon, "cumulative_incidence", "survival")
    scalar = np.ndim(horizon) == 0
    potential = cohort.potential_follow_up
    complete = _complete_follow_up_counts(durations, events, np.atleast_1d(horizon), potential)[1]
    # The person with the longest duration (>= every window, checked above) has a potential
    # follow-up at least as long, so no complete-follow-up denominator is empty.
    crude = crude_recidivism_rate(
        durations, events, follow_up=horizon, potential_follow_up=potential, confidence=level
    )
    events_by = _complete_follow_up_counts(durations, events, np.atleast_1d(horizon))[0]
    naive = events_by / durations.size
    lines = []
    for i, h in enumerate(np.atleast_1d(horizon)):
        value = float(np.atleast_1d(km.value)[i])
        low, high = float(np.atleast_1d(km.lower)[i]), float(np.atleast_1d(km.upper)[i])
        text = (
            f"Within {h:g} days ({cohort.measure}): {_pct(value)} by Kaplan-Meier "
            f"({level:.0%} CI {_pct(low)} to {_pct(high)}, {ci})"
        )
        short = int(durations.size - complete[i])
        text += (
            f"; {_pct(float(np.atleast_1d(crude.value)[i]))} among the "
            f"{int(complete[i])} of {durations.size} released long enough ago to be "
            "followed for the whole window"
        )
        if short:
            low_note = " (too low)" if naive[i] < value - 1e-12 else ""
            text += (
                f"; counting the {short} not yet followed that long as successes would give "
                f"{_pct(float(naive[i]))}{low_note}"
            )
        lines.append(text + ".")
    return RecidivismResult(
        follow_up_days=float(horizon) if scalar else horizon,
        measure=cohort.measure,
        label=cohort.label,
        released=cohort.size,
        kaplan_meier=km,
        reintegration=reintegration,
        crude=crude,
        complete_follow_up=float(complete[0]) if scalar else complete,
        naive=float(naive[0]) if scalar else naive,
        statement="\n".join(lines),
    )
