"""Release cohorts: follow-up durations and censoring derived from dates, vectorised.

A :class:`ReleaseCohort` holds, for each person released, the release date, the date of the
first recidivism event (NaT when none is recorded) and the end of follow-up (the data
extraction date, one for all or one per person), with the :class:`RecidivismMeasure` that
says what an event is (arrest, charge, conviction, reincarceration) and any waiting period.

Durations and censoring follow one rule, applied to numpy ``datetime64`` arrays at once:

* observation ends at ``follow_up_end − waiting_period``: an offence dated in the last
  waiting period may not be proven yet (the UK Ministry of Justice waits 6 months);
* a person with an event on or before that end has ``duration = event − release`` and
  ``event = 1``; everyone else is censored at ``end − release`` (events after the end are
  ignored);
* a release after the follow-up end, an event before the release, or a missing date is an
  :class:`~dpssec.errors.InputError` naming the first row.

For example:

>>> import numpy as np
>>> from dpssec.justice import ReleaseCohort
>>> cohort = ReleaseCohort(
...     release_dates=["2020-01-01", "2020-03-01", "2021-06-30"],
...     event_dates=["2020-07-01", None, "2024-02-01"],
...     follow_up_end="2023-12-31",
... )
>>> cohort.durations
array([ 182., 1400.,  914.])
>>> cohort.events
array([1., 0., 0.])
"""

from __future__ import annotations

import datetime as dt
import enum
import warnings
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Date,
    Duration,
    OpenDate,
    Size,
    calculator,
    example,
    example_by,
    is_lazy,
    parse_choice,
    short_repr,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice.boundary_rules import VALUES_EQ
from dpssec.justice.recidivism import (
    CI_METHODS,
    complete_follow_up_counts,
    crude_rate_from_counts,
    estimates_at,
)
from dpssec.justice.sources import BJS_RECIDIVISM, KAPLAN_MEIER
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.scale import check_compute
from dpssec.stats import Estimate, SurvivalCurve, kaplan_meier

__all__ = [
    "EventType",
    "RecidivismMeasure",
    "RecidivismResult",
    "ReleaseCohort",
    "analyse_recidivism",
    "follow_up_durations",
]


class EventType(enum.Enum):
    """What counts as recidivism (the taxonomy matters more than the estimator)."""

    ARREST = "arrest"
    CHARGE = "charge"
    CONVICTION = "conviction"
    REINCARCERATION = "reincarceration"


def _waiting_days(value: Any) -> int:
    """A waiting period as whole days: a number of days, a Quantity of time or a timedelta."""
    if isinstance(value, dt.timedelta):
        value = value / dt.timedelta(days=1)
    days = Duration(ndim=(0,)).convert(value, "waiting_period_days")
    whole: int = Count().scalar(days, "waiting_period_days")
    return whole


@example("reincarceration", waiting_period_days=30, description="return to prison")
@attrs.frozen
class RecidivismMeasure:
    """The definition a recidivism figure follows.

    Attributes
    ----------
    event : EventType
        ``"arrest"``, ``"charge"``, ``"conviction"`` or ``"reincarceration"`` (any case).
    waiting_period_days : int
        Days before the data extraction during which events are not yet fully recorded
        (MoJ proven reoffending: about 183 days, a further 6 months); 0 by default. A
        Quantity of time or a ``timedelta`` is accepted.
    description : str
        Free text (jurisdiction, what a reincarceration includes: revocations, holds).

    Notes
    -----
    Only the binary measure (share of persons with at least one event) is computed; the
    MoJ frequency measure (reoffences per offender) is not.
    """

    event: EventType = Choice(EventType).field(default="arrest")
    waiting_period_days: int = attrs.field(default=0, converter=_waiting_days)
    description: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    def __str__(self) -> str:
        text = f"first {self.event.value}"
        if self.waiting_period_days:
            text += f", {self.waiting_period_days}-day waiting period"
        return text + (f" ({self.description})" if self.description else "")


_DATES = Date()
_EVENT_DATES = OpenDate()  # no event recorded (NaT) is a value, not a missing date


def _date_array(spec: Date, value: Any, name: str) -> np.ndarray:
    """A read-only datetime64[D] copy of ``value``, checked by ``spec``.

    Missing dates (NaT) are kept here: :class:`ReleaseCohort` refuses them with the row, which
    the file reader turns into a line number.
    """
    if isinstance(value, list | tuple):
        value = [None if item == "" else item for item in value] or np.array([], "M8[D]")
    prepared = spec.prepare(value, name, missing_ok=True)
    arr = np.array(prepared.values if prepared is not None else [], dtype="datetime64[D]")
    arr.setflags(write=False)
    return arr


_DATE_SPECS = {"release_dates": _DATES, "event_dates": _EVENT_DATES, "follow_up_end": _DATES}


def date_column(value: Any, name: str) -> np.ndarray:
    """One date column of a cohort as a read-only ``datetime64[D]`` array, checked by its spec.

    ``name`` is ``"release_dates"``, ``"event_dates"`` (NaT means no event) or
    ``"follow_up_end"``. Used by :class:`ReleaseCohort` and, partition by partition, by the
    out-of-core reductions of a lazy cohort (:mod:`dpssec.justice.cohort_dask`).
    """
    return _date_array(_DATE_SPECS[name], value, name)


# a dask collection stays lazy: its partitions are checked when a reduction reads them


def _release_dates(value: Any) -> Any:
    return value if is_lazy(value) else date_column(value, "release_dates")


def _event_dates(value: Any) -> Any:
    return value if is_lazy(value) else date_column(value, "event_dates")


def _end_dates(value: Any) -> Any:
    return value if is_lazy(value) else date_column(value, "follow_up_end")


def _first_bad(mask: np.ndarray) -> tuple[int, int]:
    return int(np.count_nonzero(mask)), int(np.argmax(mask))


@calculator(
    release=_DATES,
    event=_EVENT_DATES,
    end=_DATES,
    waiting_period_days=Size(lower=0, upper=36_500),
    example={
        "release": np.array(["2020-01-01", "2020-03-01", "2021-06-30"], "datetime64[D]"),
        "event": np.array(["2020-07-01", "NaT", "2024-02-01"], "datetime64[D]"),
        "end": np.array(["2023-12-31", "2023-12-31", "2023-12-31"], "datetime64[D]"),
    },
)
def follow_up_durations(
    release: Any, event: Any, end: Any, waiting_period_days: int = 0
) -> tuple[Any, Any]:
    """Durations [days] and event indicators from release, event and follow-up end dates.

    Parameters
    ----------
    release : array-like of dates
        Release dates (``datetime.date``, ISO text, numpy or pandas dates); a missing one is
        refused.
    event : array-like of dates
        Date of the first event; NaT (None, ``""``) where none is recorded.
    end : date or array-like of dates
        End of follow-up (the data extraction date), one for all or one per person.
    waiting_period_days : int
        Days before ``end`` whose events are not counted yet (0 to 36,500).

    Returns
    -------
    (durations, events)
        Days from release to the event or to ``end − waiting_period_days`` (>= 0), and 1
        where the event was observed by then; Series for Series input. Dates out of order
        are not checked here: :class:`ReleaseCohort` is the boundary that does.

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.justice import follow_up_durations
    >>> d, e = follow_up_durations(["2020-01-01", "2020-06-01"], ["2020-01-31", None],
    ...                            "2020-12-31")
    >>> d, e
    (array([ 30., 213.]), array([1., 0.]))
    """
    stop = end - np.timedelta64(waiting_period_days, "D")
    # NaT compares False, so a missing event is never "observed".
    observed = event <= stop
    last = np.where(observed, event, stop)
    days = (last - release).astype(np.int64)
    return np.maximum(days, 0).astype(float), observed.astype(float)


class CohortRowError(InputError):
    """An InputError about one row of a cohort, which the file reader turns into a line number.

    ``row`` is the 0-based row, ``detail`` the problem without the row.
    """

    def __init__(self, message: str, row: int, detail: str) -> None:
        super().__init__(message)
        self.row = row
        self.detail = detail

    def __reduce__(self) -> tuple[Any, ...]:
        # an error raised on a dask worker travels pickled to the client
        return (type(self), (str(self), self.row, self.detail))


def validate_dates(release: np.ndarray, event: np.ndarray, end: np.ndarray) -> None:
    """Refuse missing release or end dates, a release after the end, an event before release.

    Raises
    ------
    CohortRowError
        Naming the first bad row (0-based) of the arrays given.
    """
    count, index = _first_bad(np.isnat(release))
    if count:
        raise CohortRowError(
            f"parameter 'release_dates': {count} of {release.size} dates are missing "
            f"(first at row {index})",
            index,
            "release date missing",
        )
    ends = np.broadcast_to(end, release.shape)
    count, index = _first_bad(np.isnat(ends))
    if count:
        raise CohortRowError(
            f"parameter 'follow_up_end': missing for {count} of {release.size} persons "
            f"(first at row {index}); give the date the records were extracted",
            index,
            "follow-up end missing",
        )
    count, index = _first_bad(release > ends)
    if count:
        detail = f"release {release[index]} > follow_up_end {ends[index]}"
        raise CohortRowError(
            f"dates out of order: release after the follow-up end in {count} rows (first at "
            f"row {index}: {detail})",
            index,
            f"dates out of order: {detail}",
        )
    before = event < release  # NaT compares False
    count, index = _first_bad(before)
    if count:
        detail = f"event {event[index]} < release {release[index]}"
        raise CohortRowError(
            f"event before release in {count} rows (first at row {index}: {detail})",
            index,
            f"event before release: {detail}",
        )


def as_measure(value: Any) -> RecidivismMeasure:
    """A :class:`RecidivismMeasure` from itself, an :class:`EventType` or an event name."""
    if isinstance(value, RecidivismMeasure):
        return value
    if isinstance(value, str | EventType):
        return RecidivismMeasure(event=parse_choice(value, EventType, "measure"))
    raise InputError(
        f"parameter 'measure' must be a RecidivismMeasure or an event name; got {short_repr(value)}"
    )


def _same_dates(a: np.ndarray, b: np.ndarray) -> bool:
    if is_lazy(a) or is_lazy(b):
        return a is b  # comparing lazy columns would read them
    return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=True))


_DATE_EQ = attrs.cmp_using(eq=_same_dates)


@example(
    ["2020-01-15", "2020-03-01", "2020-06-30"],
    ["2020-09-01", None, None],
    "2022-12-31",
    label="programme A",
)
@attrs.frozen
class ReleaseCohort:
    """People released from custody, followed until an event or the end of follow-up.

    Parameters
    ----------
    release_dates : array-like of dates
        Release dates (ISO strings, ``datetime.date``, ``datetime64`` or a pandas Series).
    event_dates : array-like of dates
        Date of the first event of the measure after release; None, "" or NaT when none
        is recorded.
    follow_up_end : date or array-like of dates
        Date the records were extracted (one for all or one per person).
    measure : RecidivismMeasure or str
        What an event is (default: first arrest, no waiting period).
    label : str
        Name of the cohort or group ("programme", "2019 releases").

    Raises
    ------
    InputError
        Missing release or follow-up end dates, a release after the follow-up end, an event
        before the release, different lengths; each message names the first row.

    Warns
    -----
    DataQualityWarning
        Persons released within the waiting period before ``follow_up_end``: their follow-up
        is 0 days (censored at release); the warning counts them and names the first row.

    Examples
    --------
    >>> from dpssec.justice import ReleaseCohort
    >>> cohort = ReleaseCohort(["2020-01-01", "2020-06-01"], ["2020-03-01", None], "2021-01-01")
    >>> cohort.durations, cohort.events
    (array([ 60., 214.]), array([1., 0.]))
    """

    release_dates: np.ndarray = attrs.field(converter=_release_dates, eq=_DATE_EQ)
    event_dates: np.ndarray = attrs.field(converter=_event_dates, eq=_DATE_EQ)
    follow_up_end: np.ndarray = attrs.field(converter=_end_dates, eq=_DATE_EQ)
    measure: RecidivismMeasure = attrs.field(factory=RecidivismMeasure, converter=as_measure)
    label: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    def __attrs_post_init__(self) -> None:
        if self.lazy:
            from dpssec.justice.cohort_dask import check_lazy_cohort

            check_lazy_cohort(self)
            return
        n = self.release_dates.size
        if self.release_dates.ndim != 1 or n == 0:
            raise InputError("parameter 'release_dates' must list at least one release")
        if self.event_dates.shape != self.release_dates.shape:
            raise InputError(
                f"lengths differ: release_dates has {n} values, event_dates has "
                f"{self.event_dates.size} values"
            )
        if self.follow_up_end.ndim == 1 and self.follow_up_end.size != n:
            raise InputError(
                f"lengths differ: release_dates has {n} values, follow_up_end has "
                f"{self.follow_up_end.size} values (give one date or one per person)"
            )
        validate_dates(self.release_dates, self.event_dates, self.follow_up_end)
        self._warn_released_in_waiting_period()

    def _warn_released_in_waiting_period(self) -> None:
        wait = self.measure.waiting_period_days
        if not wait:
            return
        late = self.release_dates > self.follow_up_end - np.timedelta64(wait, "D")
        count, index = _first_bad(np.ravel(late))
        if count:
            warnings.warn(
                f"{count} of {self.size} persons were released within the {wait}-day waiting "
                f"period before follow_up_end (first at row {index}): they have 0 days of "
                "follow-up, are censored at release and add nothing to the rates; consider "
                "leaving them out of the cohort",
                DataQualityWarning,
                stacklevel=3,
            )

    @property
    def lazy(self) -> bool:
        """True when the dates are dask collections (a cohort larger than memory).

        A lazy cohort is checked partition by partition when a reduction reads it
        (:meth:`curve`, :meth:`recidivism`, :attr:`size`); see
        :mod:`dpssec.justice.cohort_dask`.
        """
        return is_lazy(self.release_dates) or is_lazy(self.event_dates)

    @property
    def size(self) -> int:
        """Number of persons released (for a lazy cohort: one pass that counts them)."""
        if self.lazy:
            from dpssec.justice.cohort_dask import cohort_counts, compute_counts

            return int(compute_counts(self, cohort_counts(self, np.zeros(0))).released)
        return int(self.release_dates.size)

    def durations_and_events(self) -> tuple[np.ndarray, np.ndarray]:
        """Follow-up durations [days] and event indicators (1 = event observed).

        Lazy dask arrays (one block per partition) for a lazy cohort.
        """
        if self.lazy:
            from dpssec.justice.cohort_dask import lazy_columns

            durations, events, _ = lazy_columns(self)
            return durations, events
        return follow_up_durations(
            self.release_dates,
            self.event_dates,
            self.follow_up_end,
            self.measure.waiting_period_days,
        )

    @property
    def potential_follow_up(self) -> np.ndarray:
        """Days from each release to the end of observation, whatever happened [days].

        Decides who was followed for a whole window (the complete-follow-up rate). A lazy
        dask array for a lazy cohort.
        """
        if self.lazy:
            from dpssec.justice.cohort_dask import lazy_columns

            return lazy_columns(self)[2]  # type: ignore[no-any-return]
        stop = self.follow_up_end - np.timedelta64(self.measure.waiting_period_days, "D")
        days = (stop - self.release_dates).astype(np.int64)
        potential: np.ndarray = np.maximum(days, 0).astype(float)
        return potential

    @property
    def durations(self) -> np.ndarray:
        """Days from release to the event or to the end of observation."""
        return self.durations_and_events()[0]

    @property
    def events(self) -> np.ndarray:
        """1 where the event was observed within the observation window, else 0."""
        return self.durations_and_events()[1]

    def curve(self, *, confidence: float = 0.95, ci: str = "log-log", compute: bool = True) -> Any:
        """Kaplan-Meier curve of time to the first event [days] (:func:`dpssec.stats.kaplan_meier`).

        For a lazy cohort the records are reduced partition by partition to the table of
        distinct days; ``compute=False`` then returns a Delayed of the curve.
        """
        if self.lazy:
            from dpssec.justice.cohort_dask import lazy_curve

            return lazy_curve(self, confidence=confidence, ci=ci, compute=compute)
        durations, events = self.durations_and_events()
        return kaplan_meier(durations, events, confidence=confidence, ci=ci)

    def recidivism(
        self, *, follow_up: Any, confidence: float = 0.95, ci: str = "log-log", compute: bool = True
    ) -> Any:
        """Recidivism within ``follow_up`` [days]: Kaplan-Meier and crude rates side by side."""
        return analyse_recidivism(
            self, follow_up=follow_up, confidence=confidence, ci=ci, compute=compute
        )


# -- the analysis of a cohort (the orchestrator over the recidivism calculators) -----------


@example_by("analyse_recidivism")
@attrs.frozen(eq=False)
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

    follow_up_days: Any = attrs.field(eq=VALUES_EQ)
    measure: RecidivismMeasure
    label: str
    released: int
    kaplan_meier: Estimate
    reintegration: Estimate
    crude: Estimate
    complete_follow_up: Any = attrs.field(eq=VALUES_EQ)
    naive: Any = attrs.field(eq=VALUES_EQ)
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


@calculator(
    follow_up=Duration(aligned=False),
    confidence=Confidence(),
    ci=Choice(CI_METHODS),
    elementwise=False,
    example={
        "cohort": ReleaseCohort(
            ["2020-01-01", "2020-06-01", "2021-01-01", "2023-06-01"],
            ["2020-05-01", None, "2022-03-01", None],
            "2023-12-31",
        ),
        "follow_up": [365, 730],
    },
)
def analyse_recidivism(
    cohort: ReleaseCohort,
    *,
    follow_up: Any,
    confidence: float = 0.95,
    ci: str = "log-log",
    compute: bool = True,
) -> Any:
    """Kaplan-Meier, crude complete-follow-up and naive recidivism of a cohort, side by side.

    Parameters
    ----------
    cohort : ReleaseCohort
    follow_up : float, array-like or Quantity
        Window(s) [days], e.g. ``[365, 3 * 365, 5 * 365]``.
    confidence : float
    ci : {"log-log", "log", "plain"}
    compute : bool
        For a lazy cohort (dask dates): compute with the active scheduler (default), or
        return a Delayed of the result. One pass over the records gives the curve and every
        count (:mod:`dpssec.justice.cohort_dask`).

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
    horizon = np.asarray(follow_up)
    if cohort.lazy:
        from dpssec.justice.cohort_dask import lazy_recidivism

        return lazy_recidivism(cohort, horizon, confidence=confidence, ci=ci, compute=compute)
    check_compute(compute)
    durations, events = cohort.durations_and_events()
    curve = kaplan_meier(durations, events, confidence=confidence, ci=ci)
    windows = np.atleast_1d(horizon)
    potential = cohort.potential_follow_up
    numerator, complete = complete_follow_up_counts(durations, events, windows, potential)
    events_by = complete_follow_up_counts(durations, events, windows)[0]
    return recidivism_from_counts(
        cohort, curve, horizon, numerator, complete, events_by, durations.size, ci
    )


def recidivism_from_counts(
    cohort: ReleaseCohort,
    curve: SurvivalCurve,
    horizon: np.ndarray,
    numerator: np.ndarray,
    complete: np.ndarray,
    events_by: np.ndarray,
    released: int,
    ci: str,
) -> RecidivismResult:
    """The :class:`RecidivismResult` of a cohort from its curve and its counts per window.

    ``numerator`` and ``complete``: events by each window among those followed for all of it,
    and how many were (:func:`~dpssec.justice.recidivism.complete_follow_up_counts` with the
    potential follow-up); ``events_by``: events by each window among everybody; ``released``:
    the cohort's size. The in-memory and the out-of-core analyses share it.
    """
    level = curve.confidence
    km, reintegration = estimates_at(curve, horizon, "cumulative_incidence", "survival")
    scalar = np.ndim(horizon) == 0
    # The person with the longest duration (>= every window, checked above) has a potential
    # follow-up at least as long, so no complete-follow-up denominator is empty.
    crude = crude_rate_from_counts(numerator, complete, horizon, level, "wilson")
    naive = events_by / released
    lines = []
    for i, h in enumerate(np.atleast_1d(horizon)):
        value = float(np.atleast_1d(km.value)[i])
        low, high = float(np.atleast_1d(km.lower)[i]), float(np.atleast_1d(km.upper)[i])
        text = (
            f"Within {h:g} days ({cohort.measure}): {_pct(value)} by Kaplan-Meier "
            f"({level:.0%} CI {_pct(low)} to {_pct(high)}, {ci})"
        )
        short = int(released - complete[i])
        text += (
            f"; {_pct(float(np.atleast_1d(crude.value)[i]))} among the "
            f"{int(complete[i])} of {released} released long enough ago to be "
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
        released=released,
        kaplan_meier=km,
        reintegration=reintegration,
        crude=crude,
        complete_follow_up=float(complete[0]) if scalar else complete,
        naive=float(naive[0]) if scalar else naive,
        statement="\n".join(lines),
    )
