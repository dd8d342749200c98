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

import csv
import datetime as dt
import enum
import os
import warnings
from importlib.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from dpssec.errors import DataQualityWarning, InputError, SchemaError
from dpssec.serialization import from_dict, register_hooks, to_dict
from dpssec.units import to_magnitude

if TYPE_CHECKING:
    from dpssec.justice.recidivism import RecidivismResult
    from dpssec.stats import SurvivalCurve

__all__ = [
    "EventType",
    "RecidivismMeasure",
    "ReleaseCohort",
    "follow_up_durations",
    "read_release_cohorts",
]


class EventType(enum.Enum):
    """What counts as recidivism (the taxonomy matters more than the estimator)."""

    ARREST = "arrest"
    CHARGE = "charge"
    CONVICTION = "conviction"
    REINCARCERATION = "reincarceration"


def _event_type(value: Any) -> EventType:
    if isinstance(value, EventType):
        return value
    for member in EventType:
        if member.value == value:
            return member
    raise InputError(f"event={value!r} is not one of {', '.join(repr(m.value) for m in EventType)}")


def _days(value: Any) -> int:
    if isinstance(value, dt.timedelta):
        value = value.days
    magnitude = to_magnitude(value, "day", "waiting_period")
    if isinstance(magnitude, bool) or not isinstance(magnitude, int | float | np.number):
        raise InputError(f"waiting_period must be a number of days; got {value!r}")
    days = float(magnitude)
    if not np.isfinite(days) or days < 0 or days != round(days):
        raise InputError(f"waiting_period must be a whole number of days >= 0; got {value!r}")
    return round(days)


@attrs.frozen
class RecidivismMeasure:
    """The definition a recidivism figure follows.

    Attributes
    ----------
    event : EventType
        ``"arrest"``, ``"charge"``, ``"conviction"`` or ``"reincarceration"``.
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

    event: EventType = attrs.field(default=EventType.ARREST, converter=_event_type)
    waiting_period_days: int = attrs.field(default=0, converter=_days)
    description: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    def __str__(self) -> str:
        text = f"first {self.event.value}"
        if self.waiting_period_days:
            text += f", {self.waiting_period_days}-day waiting period"
        return text + (f" ({self.description})" if self.description else "")


def _dates(value: Any, name: str) -> np.ndarray:
    """``value`` as a read-only datetime64[D] array (NaT for missing)."""
    if hasattr(value, "to_numpy"):  # pandas Series / Index
        value = value.to_numpy()
    if isinstance(value, np.ndarray) and value.dtype.kind == "M":
        arr = value.astype("datetime64[D]", copy=True)  # our own read-only copy
    else:
        if isinstance(value, np.ndarray):
            numeric = value.dtype.kind in "iufb"
        else:
            items = value if isinstance(value, list | tuple) else [value]
            numeric = any(
                isinstance(v, int | float | np.number) and not isinstance(v, bool) for v in items
            )
        if numeric:
            raise InputError(
                f"parameter {name!r} must hold dates (ISO strings, datetime.date or "
                f"datetime64); got numbers"
            )
        try:
            arr = np.asarray(_none_to_nat(value), dtype="datetime64[D]")
        except (TypeError, ValueError) as exc:
            raise InputError(f"parameter {name!r}: cannot read dates ({exc})") from None
    if arr.ndim > 1:
        raise InputError(f"parameter {name!r} must be one-dimensional")
    arr.setflags(write=False)
    return arr


def _none_to_nat(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ["NaT" if v is None or v == "" else v for v in value]
    return value


def _first_bad(mask: np.ndarray) -> tuple[int, int]:
    return int(np.count_nonzero(mask)), int(np.argmax(mask))


def follow_up_durations(
    release: np.ndarray, event: np.ndarray, end: np.ndarray, waiting_period_days: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Durations [days] and event indicators from datetime64[D] arrays (the kernel).

    ``end`` may be 0-d (one extraction date) or per person. No checks: see
    :class:`ReleaseCohort` for the boundary.

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.justice import follow_up_durations
    >>> d, e = follow_up_durations(np.array(["2020-01-01"], "datetime64[D]"),
    ...                            np.array(["2020-01-31"], "datetime64[D]"),
    ...                            np.datetime64("2020-12-31"), 0)
    >>> d, e
    (array([30.]), array([1.]))
    """
    stop = end - np.timedelta64(waiting_period_days, "D")
    # NaT compares False, so a missing event is never "observed".
    observed = event <= stop
    last = np.where(observed, event, stop)
    days = (last - release).astype(np.int64)
    return np.maximum(days, 0).astype(float), observed.astype(float)


class _RowError(InputError):
    """An InputError about one row, which file readers turn into a line number."""

    def __init__(self, message: str, row: int, detail: str) -> None:
        super().__init__(message)
        self.row = row
        self.detail = detail


def _validate(release: np.ndarray, event: np.ndarray, end: np.ndarray) -> None:
    count, index = _first_bad(np.isnat(release))
    if count:
        raise _RowError(
            f"parameter 'release_dates': {count} of {release.size} dates are missing "
            f"(first at row {index})",
            index,
            "release date missing",
        )
    ends = np.broadcast_to(end, release.shape)
    count, index = _first_bad(np.isnat(ends))
    if count:
        raise _RowError(
            f"parameter 'follow_up_end': missing for {count} of {release.size} persons "
            f"(first at row {index}); give the date the records were extracted",
            index,
            "follow-up end missing",
        )
    count, index = _first_bad(release > ends)
    if count:
        detail = f"release {release[index]} > follow_up_end {ends[index]}"
        raise _RowError(
            f"dates out of order: release after the follow-up end in {count} rows (first at "
            f"row {index}: {detail})",
            index,
            f"dates out of order: {detail}",
        )
    before = event < release  # NaT compares False
    count, index = _first_bad(before)
    if count:
        detail = f"event {event[index]} < release {release[index]}"
        raise _RowError(
            f"event before release in {count} rows (first at row {index}: {detail})",
            index,
            f"event before release: {detail}",
        )


def _measure(value: Any) -> RecidivismMeasure:
    if isinstance(value, RecidivismMeasure):
        return value
    if isinstance(value, str | EventType):
        return RecidivismMeasure(event=value)
    raise InputError(f"measure must be a RecidivismMeasure or an event name; got {value!r}")


def _same_dates(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=True))


def _release_dates(value: Any) -> np.ndarray:
    return _dates(value, "release_dates")


def _event_dates(value: Any) -> np.ndarray:
    return _dates(value, "event_dates")


def _end_dates(value: Any) -> np.ndarray:
    return _dates(value, "follow_up_end")


_DATE_EQ = attrs.cmp_using(eq=_same_dates)


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
    measure: RecidivismMeasure = attrs.field(factory=RecidivismMeasure, converter=_measure)
    label: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    def __attrs_post_init__(self) -> None:
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
        _validate(self.release_dates, self.event_dates, self.follow_up_end)
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
    def size(self) -> int:
        """Number of persons released."""
        return int(self.release_dates.size)

    def durations_and_events(self) -> tuple[np.ndarray, np.ndarray]:
        """Follow-up durations [days] and event indicators (1 = event observed)."""
        return follow_up_durations(
            self.release_dates,
            self.event_dates,
            self.follow_up_end,
            self.measure.waiting_period_days,
        )

    @property
    def potential_follow_up(self) -> np.ndarray:
        """Days from each release to the end of observation, whatever happened [days].

        Decides who was followed for a whole window (the complete-follow-up rate).
        """
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

    def curve(self, *, confidence: float = 0.95, ci: str = "log-log") -> SurvivalCurve:
        """Kaplan-Meier curve of time to the first event [days] (:func:`dpssec.stats.kaplan_meier`)."""
        from dpssec.stats import kaplan_meier

        durations, events = self.durations_and_events()
        return kaplan_meier(durations, events, confidence=confidence, ci=ci)

    def recidivism(
        self, *, follow_up: Any, confidence: float = 0.95, ci: str = "log-log"
    ) -> RecidivismResult:
        """Recidivism within ``follow_up`` [days]: Kaplan-Meier and crude rates side by side."""
        from dpssec.justice.recidivism import analyse_recidivism

        return analyse_recidivism(self, follow_up=follow_up, confidence=confidence, ci=ci)


# -- JSON: dates as ISO strings, missing events as null ----------------------------------------

_COHORT_KEYS = ("release_dates", "event_dates", "follow_up_end", "measure", "label")


def _iso(values: np.ndarray) -> Any:
    text = [None if np.isnat(v) else str(v) for v in np.atleast_1d(values)]
    return text[0] if values.ndim == 0 else text


def _unstructure_cohort(cohort: ReleaseCohort) -> dict[str, Any]:
    return {
        "release_dates": _iso(cohort.release_dates),
        "event_dates": _iso(cohort.event_dates),
        "follow_up_end": _iso(cohort.follow_up_end),
        "measure": to_dict(cohort.measure),
        "label": cohort.label,
    }


def _structure_cohort(data: Any, _: Any) -> ReleaseCohort:
    if not isinstance(data, dict):
        raise TypeError(f"expected a ReleaseCohort object, got {type(data).__name__}")
    extra = sorted(set(data) - set(_COHORT_KEYS))
    if extra:
        raise ValueError(f"unknown field(s) {', '.join(extra)}")
    missing = [k for k in _COHORT_KEYS[:3] if k not in data]
    if missing:
        raise ValueError(f"required field(s) missing: {', '.join(missing)}")
    for key in ("release_dates", "event_dates"):
        if not isinstance(data[key], list):
            raise TypeError(f"{key} must be a list of ISO dates")
        bad = [i for i, v in enumerate(data[key]) if v is not None and not isinstance(v, str)]
        if bad:
            raise TypeError(f"{key}[{bad[0]}] must be an ISO date string or null")
    measure = from_dict(data.get("measure", {}), RecidivismMeasure)
    label = data.get("label", "")
    if not isinstance(label, str):
        raise TypeError("label must be a string")
    return ReleaseCohort(
        data["release_dates"], data["event_dates"], data["follow_up_end"], measure, label
    )


register_hooks(ReleaseCohort, structure=_structure_cohort, unstructure=_unstructure_cohort)


def read_release_cohorts(
    path: str | os.PathLike[str] | Traversable,
    *,
    release_column: str = "release_date",
    event_column: str = "event_date",
    end_column: str = "follow_up_end",
    group_column: str | None = "group",
    follow_up_end: Any = None,
    measure: RecidivismMeasure | str = "arrest",
) -> dict[str, ReleaseCohort]:
    """Read release cohorts from a CSV file, one per value of ``group_column``.

    Parameters
    ----------
    path : str, Path or Traversable
        CSV with a header row; ``#`` lines are comments (a Traversable such as a bundled
        data file is read with its ``read_text``).
    release_column, event_column, end_column : str
        Columns of the release date, event date (empty when none) and follow-up end.
    group_column : str or None
        Column naming the group (programme / comparison); absent or None: one cohort "all".
    follow_up_end : date, optional
        One follow-up end for everybody, used when the file has no ``end_column``.
    measure : RecidivismMeasure or str
        The event definition.

    Returns
    -------
    dict of str to ReleaseCohort
        In order of first appearance.

    Raises
    ------
    SchemaError
        A missing column or an unreadable date, with its row and column.
    InputError
        Dates out of order, with the line of the file.

    Examples
    --------
    >>> from importlib.resources import files
    >>> from dpssec.justice import read_release_cohorts
    >>> path = files("dpssec") / "data" / "justice_release_cohort_synthetic.csv"  # SYNTHETIC
    >>> cohorts = read_release_cohorts(path, measure="reincarceration")
    >>> {name: cohort.size for name, cohort in cohorts.items()}
    {'programme': 300, 'comparison': 300}
    """
    text = (
        Path(path).read_text(encoding="utf-8")
        if isinstance(path, str | os.PathLike)
        else path.read_text(encoding="utf-8")
    )
    kept = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    reader = csv.DictReader([line for _, line in kept])
    line_numbers = [number for number, _ in kept[1:]]
    columns = reader.fieldnames or []
    needed = [release_column, event_column]
    if follow_up_end is None:
        needed.append(end_column)
    missing = [c for c in needed if c not in columns]
    if missing:
        raise SchemaError(
            f"{path}: missing column(s) {', '.join(missing)} (found {', '.join(columns)})"
            + ("; or give follow_up_end" if end_column in missing else ""),
            errors=[f"missing column {c}" for c in missing],
        )
    groups: dict[str, dict[str, list[Any]]] = {}
    grouped = group_column is not None and group_column in columns
    for number, row in zip(line_numbers, reader, strict=False):
        key = (row.get(group_column or "") or "").strip() if grouped else "all"
        group = groups.setdefault(key, {"release": [], "event": [], "end": [], "line": []})
        group["line"].append(number)
        for column, field in ((release_column, "release"), (event_column, "event")):
            value = (row.get(column) or "").strip()
            _check_iso(value, path, number, column)
            group[field].append(value)
        if follow_up_end is None:
            value = (row.get(end_column) or "").strip()
            _check_iso(value, path, number, end_column)
            group["end"].append(value)
    if not groups:
        raise SchemaError(f"{path}: no data rows", errors=["no data rows"])
    chosen = _measure(measure)
    cohorts = {}
    for key, g in groups.items():
        try:
            cohorts[key] = ReleaseCohort(
                g["release"],
                g["event"],
                follow_up_end if follow_up_end is not None else g["end"],
                chosen,
                key,
            )
        except _RowError as exc:
            raise InputError(f"{path}: line {g['line'][exc.row]}: {exc.detail}") from None
    return cohorts


def _check_iso(value: str, path: Any, line: int, column: str) -> None:
    if not value:
        return
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise SchemaError(
            f"{path}: line {line}, column {column!r}: {value!r} is not an ISO date (YYYY-MM-DD)",
            errors=[f"line {line}, column {column}: not an ISO date"],
        ) from None
