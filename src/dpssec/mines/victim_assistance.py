"""Victim assistance: coverage, time to first assistance, unmet needs (calculators and tables).

* :func:`time_to_first_assistance`: from accident and assistance dates, the Kaplan-Meier curve
  of "not yet assisted" over days since the accident; victims not assisted by the reference
  date are censored there, so the curve neither drops them nor counts them as never assisted;
* :func:`time_to_assistance`: the same from :class:`~dpssec.mines.victim_models.Victim` records;
* :func:`assistance_coverage`: victims who received each kind of assistance over known victims
  (or over victims with that need identified), Wilson intervals, overall or by group;
* :func:`unmet_needs`: needs identified but not met, by department (or another grouping).

For example:

>>> from dpssec.mines.victim_assistance import time_to_first_assistance
>>> delay = time_to_first_assistance(
...     ["2017-03-01", "2017-03-01", "2017-06-10", "2017-09-01"],
...     ["2017-03-01", "2017-03-15", None, "2017-10-01"],
...     "2017-12-31")
>>> delay.assisted, delay.not_yet_assisted, delay.median_days
(3, 1, 14.0)
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Date,
    Names,
    OpenDate,
    Records,
    calculator,
    example_by,
    parse_choice,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.mines.casualty_counts import wilson_share
from dpssec.mines.casualty_sources import IMAS_13_10
from dpssec.mines.victim_models import Assistance, AssistanceKind, Victim, VictimKind
from dpssec.references import Reference
from dpssec.rendering import ResultMixin, format_value
from dpssec.stats import Estimate, SurvivalCurve, kaplan_meier

__all__ = [
    "AMONG",
    "AssistanceCoverage",
    "AssistanceDelay",
    "UnmetNeeds",
    "assistance_coverage",
    "time_to_assistance",
    "time_to_first_assistance",
    "unmet_needs",
]

AMONG = ("all", "in_need")
"""Denominators of :func:`assistance_coverage`: all known victims, or those with the need."""

_KM_CI = ("log-log", "log", "plain")


@example_by("time_to_assistance")
@attrs.frozen(eq=False)
class AssistanceDelay(ResultMixin):
    """Days from the accident to the first assistance, as a survival curve of "not yet assisted".

    Attributes
    ----------
    curve : SurvivalCurve
        S(t) = share not yet assisted t days after the accident (Kaplan-Meier; victims not yet
        assisted are censored at the reference date).
    assisted, not_yet_assisted : int
    reference_date : datetime.date
    reference : Reference

    Examples
    --------
    >>> from dpssec.mines.victim_assistance import time_to_first_assistance
    >>> d = time_to_first_assistance(["2020-01-01"] * 3, ["2020-01-11", "2020-01-31", None],
    ...                              "2020-03-01")
    >>> round(d.assisted_within(30), 4)
    0.6667
    """

    curve: SurvivalCurve
    assisted: int
    not_yet_assisted: int
    reference_date: dt.date
    reference: Reference = IMAS_13_10

    @property
    def median_days(self) -> float | None:
        """Median days to first assistance (None while fewer than half are assisted)."""
        median = self.curve.median()
        return None if median is None or not np.isfinite(median) else float(median)

    def assisted_within(self, days: Any) -> Any:
        """Share assisted within ``days`` of the accident (1 - S(days))."""
        return self.curve.cumulative_incidence(days)

    def __str__(self) -> str:
        median = self.median_days
        text = "not reached" if median is None else f"{median:g} day{'' if median == 1 else 's'}"
        return (
            f"Time to first assistance (reference date {self.reference_date}): "
            f"{self.assisted} assisted, {self.not_yet_assisted} not yet (censored); "
            f"median {text}"
        )

    def _columns(self) -> dict[str, Any]:
        return {
            "days": self.curve.time,
            "at_risk": self.curve.at_risk,
            "assisted": self.curve.events,
            "censored": self.curve.censored,
            "not_yet_assisted_share": self.curve.survival,
            "lower": self.curve.lower,
            "upper": self.curve.upper,
        }


def _days(values: Any) -> np.ndarray:
    if hasattr(values, "compute") and hasattr(values, "__dask_graph__"):
        values = values.compute()
    return np.asarray(values, dtype="datetime64[D]")


@calculator(
    accident_date=Date(),
    first_assistance_date=OpenDate(),  # not yet assisted: censored, not missing
    reference_date=Date(aligned=False, ndim=(0,)),
    confidence=Confidence(),
    ci=Choice(_KM_CI),
    elementwise=False,
    example={
        "accident_date": np.array(["2017-03-01", "2017-05-01", "2017-06-10"], "datetime64[D]"),
        "first_assistance_date": np.array(["2017-03-01", "2017-05-20", "NaT"], "datetime64[D]"),
        "reference_date": "2017-12-31",
    },
)
def time_to_first_assistance(
    accident_date: Any,
    first_assistance_date: Any,
    reference_date: Any,
    *,
    confidence: float = 0.95,
    ci: str = "log-log",
    nan_policy: str = "raise",
) -> AssistanceDelay:
    """Time from accident to first assistance as a Kaplan-Meier curve, censored at a date.

    Parameters
    ----------
    accident_date : array-like of dates
        Date of each victim's accident.
    first_assistance_date : array-like of dates
        Date of the first assistance; None, NaT or an empty cell for a victim not yet
        assisted (censored at ``reference_date``).
    reference_date : date
        The date the data describe (the end of the reporting period).
    confidence : float
        0.95 or 95.
    ci : {"log-log", "log", "plain"}
        Interval of the curve (see :func:`dpssec.stats.kaplan_meier`).
    nan_policy : {"raise", "omit"}
        A missing accident date is refused (default) or its victim left out, with a warning.

    Returns
    -------
    AssistanceDelay
        ``.curve`` (S(t) = share not yet assisted after t days), ``.median_days``,
        ``.assisted_within(days)``, counts.

    Raises
    ------
    InputError
        A first assistance before the accident, an accident after the reference date (each
        with its row), text that is not a date, lengths that differ.

    Warns
    -----
    DataQualityWarning
        First assistances dated after the reference date (censored there), with the count and
        the first row.

    Notes
    -----
    Duration = first assistance − accident [days] for victims assisted by the reference date
    (event), reference date − accident for the others (censored); an assistance dated after
    the reference date is not yet known at it and is censored too, with a
    :class:`~dpssec.errors.DataQualityWarning` that counts them. S(t) by Kaplan-Meier with
    Greenwood's variance.

    References
    ----------
    Kaplan EL, Meier P. J Am Stat Assoc 1958;53:457-481. IMAS 13.10 (victim assistance).

    Examples
    --------
    >>> from dpssec.mines.victim_assistance import time_to_first_assistance
    >>> time_to_first_assistance(["2017-03-10"], ["2017-03-01"], "2017-12-31")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: time_to_first_assistance: parameter 'first_assistance_date', row 0: first assistance 2017-03-01 is before the accident 2017-03-10
    """
    # one date may stand for every row (the decorator checked the lengths)
    accident, first = np.broadcast_arrays(
        np.atleast_1d(_days(accident_date)), _days(first_assistance_date)
    )
    reference = _days(reference_date)
    if accident.size == 0:
        raise InputError("time_to_first_assistance: parameter 'accident_date' is empty")
    late = accident > reference
    if late.any():
        i = int(np.argmax(late))
        raise InputError(
            f"time_to_first_assistance: parameter 'accident_date', row {i}: accident "
            f"{accident[i]} is after the reference date {reference}"
        )
    with np.errstate(invalid="ignore"):
        early = ~np.isnat(first) & (first < accident)
    if early.any():
        i = int(np.argmax(early))
        raise InputError(
            f"time_to_first_assistance: parameter 'first_assistance_date', row {i}: first "
            f"assistance {first[i]} is before the accident {accident[i]}"
        )
    assisted = ~np.isnat(first) & (first <= reference)
    later = ~np.isnat(first) & (first > reference)
    if later.any():
        i = int(np.argmax(later))
        warnings.warn(
            f"time_to_first_assistance: {int(later.sum())} of {accident.size} first assistances "
            f"are dated after the reference date {reference} (first at row {i}: {first[i]}); "
            "they are not yet known at that date and are counted as not yet assisted "
            "(censored there); give a later reference_date to count them",
            DataQualityWarning,
            stacklevel=3,
        )
    end = np.where(assisted, first, reference)
    durations = (end - accident).astype(float)
    curve = kaplan_meier(durations, assisted.astype(float), confidence=confidence, ci=ci)
    return AssistanceDelay(
        curve=curve,
        assisted=int(assisted.sum()),
        not_yet_assisted=int((~assisted).sum()),
        reference_date=dt.date.fromisoformat(str(reference)),
    )


_EXAMPLE_VICTIMS = [
    Victim(
        "V-1",
        VictimKind.SURVIVOR,
        accident_date=dt.date(2017, 3, 1),
        department="Meta",
        needs=(AssistanceKind.MEDICAL, AssistanceKind.PHYSICAL_REHABILITATION),
        assistance=(Assistance(AssistanceKind.MEDICAL, dt.date(2017, 3, 1)),),
    ),
    Victim("V-2", VictimKind.FAMILY_MEMBER, accident_date=dt.date(2017, 5, 1), department="Cauca"),
]


@calculator(
    victims=Records(Victim, empty=False, noun="victim"),
    reference_date=Date(aligned=False, ndim=(0,)),
    confidence=Confidence(),
    ci=Choice(_KM_CI),
    elementwise=False,
    example={"victims": _EXAMPLE_VICTIMS, "reference_date": "2017-12-31"},
)
def time_to_assistance(
    victims: Sequence[Victim],
    *,
    reference_date: Any,
    kind: AssistanceKind | str | None = None,
    confidence: float = 0.95,
    ci: str = "log-log",
) -> AssistanceDelay:
    """Time from accident to first assistance (of one kind, or of any) for victim records.

    Parameters
    ----------
    victims : sequence of Victim
        Each with an accident date (given, or from its casualty's accident).
    reference_date : date
        End of the reporting period; victims not yet assisted are censored there.
    kind : AssistanceKind or str, optional
        Only this kind of assistance (e.g. ``"physical_rehabilitation"``); any kind by default.
    confidence : float
    ci : {"log-log", "log", "plain"}

    Returns
    -------
    AssistanceDelay

    Raises
    ------
    InputError
        A victim without an accident date (named by id), an accident after the reference date.

    Examples
    --------
    >>> from dpssec.mines.victim_assistance import time_to_assistance
    >>> from dpssec.mines.victim_models import Assistance, Victim
    >>> vs = [Victim("V-1", "survivor", accident_date="2017-03-01",
    ...              assistance=[Assistance("medical", "2017-03-03")]),
    ...       Victim("V-2", "survivor", accident_date="2017-04-01")]
    >>> time_to_assistance(vs, reference_date="2017-12-31").assisted
    1
    """
    records = list(victims)
    wanted = None if kind is None else parse_choice(kind, AssistanceKind, "kind")
    accident, first = [], []
    for record in records:
        day = record.date_of_accident
        if day is None:
            raise InputError(
                f"time_to_assistance: victim {record.id!r} has no accident date (give "
                "accident_date or a casualty whose accident is known)"
            )
        accident.append(day)
        first.append(record.first_assistance(wanted))
    return time_to_first_assistance(
        np.array(accident, dtype="datetime64[D]"),
        np.array([d if d is not None else "NaT" for d in first], dtype="datetime64[D]"),
        np.datetime64(reference_date, "D"),
        confidence=confidence,
        ci=ci,
    )


# -- coverage and unmet needs ---------------------------------------------------------------


def _group_of(victim: Victim, keys: tuple[str, ...]) -> Any:
    values = []
    for key in keys:
        if key == "department":
            values.append(victim.home_department)
        elif key == "kind":
            values.append(victim.kind.value)
        elif key == "sex":
            values.append(victim.sex.value if victim.sex is not None else None)
        else:
            values.append(getattr(victim, key))
    return tuple(values) if len(values) > 1 else values[0]


_VICTIM_GROUPINGS = ("department", "municipality", "country", "kind", "sex")


def _groups(records: list[Victim], by: Any) -> tuple[tuple[Any, ...], list[Any], tuple[str, ...]]:
    names = (by,) if isinstance(by, str) else (by or ())
    keys = tuple(parse_choice(k, _VICTIM_GROUPINGS, "by") for k in names)
    if not keys:
        return ("all victims",), ["all victims"] * len(records), keys
    labels = [_group_of(v, keys) for v in records]
    ordered = tuple(sorted(set(labels), key=lambda g: (g is None, str(g))))
    return ordered, labels, keys


@example_by("assistance_coverage")
@attrs.frozen(eq=False)
class AssistanceCoverage(ResultMixin):
    """Coverage of each kind of assistance, one row per group and kind.

    Attributes
    ----------
    group : tuple
    kind : tuple of str
    received : ndarray
        Victims who received that kind of assistance (among the denominator).
    victims : ndarray
        The denominator: known victims of the group, or those with the need identified.
    coverage : Estimate
        ``received / victims`` with Wilson limits (NaN where the denominator is 0).
    among : str
    by : tuple of str
    reference : Reference

    Examples
    --------
    >>> from dpssec.mines.victim_assistance import assistance_coverage
    >>> from dpssec.mines.victim_models import Assistance, Victim
    >>> c = assistance_coverage([Victim("V-1", "survivor", accident_date="2017-03-01",
    ...                                 assistance=[Assistance("medical", "2017-03-01")]),
    ...                          Victim("V-2", "survivor", accident_date="2017-04-01")],
    ...                         kinds=["medical"])
    >>> c.received.tolist(), c.victims.tolist(), c.coverage.value.tolist()
    ([1], [2], [0.5])
    """

    group: tuple[Any, ...]
    kind: tuple[str, ...]
    received: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    victims: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    coverage: Estimate
    among: str
    by: tuple[str, ...] = ()
    reference: Reference = IMAS_13_10

    def _columns(self) -> dict[str, Any]:
        return {
            "group": [_show(g) for g in self.group],
            "kind": list(self.kind),
            "received": self.received,
            "victims": self.victims,
            "coverage": self.coverage.value,
            "lower": self.coverage.lower,
            "upper": self.coverage.upper,
        }


def _show(group: Any) -> str:
    if isinstance(group, tuple):
        return " / ".join(_show(g) for g in group)
    return "(not recorded)" if group is None else format_value(group)


def _kind_list(kinds: Any) -> tuple[AssistanceKind, ...]:
    return tuple(AssistanceKind) if kinds is None else tuple(kinds)  # parsed by the spec


@calculator(
    victims=Records(Victim),
    kinds=Choice(AssistanceKind, many=True, optional=True),
    among=Choice(AMONG, aliases={"in need": "in_need", "needs": "in_need"}),
    by=Names(optional=True),
    until=Date(optional=True, aligned=False, ndim=(0,)),
    confidence=Confidence(),
    elementwise=False,
    example={"victims": _EXAMPLE_VICTIMS, "by": "department"},
)
def assistance_coverage(
    victims: Sequence[Victim],
    *,
    kinds: Any = None,
    among: str = "all",
    by: Any = None,
    until: Any = None,
    confidence: float = 0.95,
) -> AssistanceCoverage:
    """Share of victims who received each kind of assistance, with Wilson intervals.

    Parameters
    ----------
    victims : sequence of Victim
        The known victims (survivors and indirect victims).
    kinds : list of AssistanceKind or str, optional
        The kinds to report (all five by default).
    among : {"all", "in_need"}
        Denominator: all known victims of the group (default), or those whose needs
        assessment identified that need.
    by : str or list of str, optional
        ``"department"`` (the victim's, else the accident's), ``"municipality"``,
        ``"country"``, ``"kind"`` or ``"sex"``.
    until : date, optional
        Count only assistance received on or before this date (the end of a reporting period).
    confidence : float

    Returns
    -------
    AssistanceCoverage
        One row per group and kind.

    Raises
    ------
    InputError
        Records that are not victims, an unknown kind or grouping.

    Notes
    -----
    Coverage = victims who received the kind of assistance / known victims; it describes the
    victims identified, not all victims (the unidentified are outside any register).

    References
    ----------
    IMAS 13.10, Victim assistance in mine action.

    Examples
    --------
    >>> from dpssec.mines.victim_assistance import assistance_coverage
    >>> from dpssec.mines.victim_models import Assistance, Victim
    >>> vs = [Victim("V-1", "survivor", accident_date="2017-03-01", needs=["medical"],
    ...              assistance=[Assistance("medical", "2017-03-01")]),
    ...       Victim("V-2", "survivor", accident_date="2017-04-01", needs=["referral"])]
    >>> assistance_coverage(vs, kinds="medical", among="in_need").coverage.value.tolist()
    [1.0]
    """
    records = list(victims)
    wanted = _kind_list(kinds)
    last = None if until is None else dt.date.fromisoformat(str(np.datetime64(until, "D")))
    groups, labels, keys = _groups(records, by)
    rows_group, rows_kind, received, denominators = [], [], [], []
    for group in groups:
        members = [v for v, label in zip(records, labels, strict=True) if label == group]
        for kind in wanted:
            pool = members if among == "all" else [v for v in members if kind in v.needs]
            rows_group.append(group)
            rows_kind.append(kind.value)
            received.append(sum(v.received(kind, until=last) for v in pool))
            denominators.append(len(pool))
    got = np.array(received, dtype=float)
    known = np.array(denominators, dtype=float)
    return AssistanceCoverage(
        group=tuple(rows_group),
        kind=tuple(rows_kind),
        received=got.astype(int),
        victims=known.astype(int),
        coverage=wilson_share(got, known, confidence),
        among=among,
        by=keys,
    )


@example_by("unmet_needs")
@attrs.frozen(eq=False)
class UnmetNeeds(ResultMixin):
    """Needs identified and not met, one row per group and kind of assistance.

    Attributes
    ----------
    group : tuple
    kind : tuple of str
    in_need : ndarray
        Victims whose needs assessment identified the need.
    met, unmet : ndarray
        Of those, who received that assistance and who did not.
    unmet_share : Estimate
        ``unmet / in_need`` with Wilson limits (NaN where nobody is in need).
    by : tuple of str
    reference : Reference

    Examples
    --------
    >>> from dpssec.mines.victim_assistance import unmet_needs
    >>> from dpssec.mines.victim_models import Victim
    >>> u = unmet_needs([Victim("V-1", "survivor", department="Meta", needs=["referral"])])
    >>> u.group, u.unmet.tolist()
    (('Meta',), [1])
    """

    group: tuple[Any, ...]
    kind: tuple[str, ...]
    in_need: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    met: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    unmet: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    unmet_share: Estimate
    by: tuple[str, ...] = ()
    reference: Reference = IMAS_13_10

    def _columns(self) -> dict[str, Any]:
        return {
            "group": [_show(g) for g in self.group],
            "kind": list(self.kind),
            "in_need": self.in_need,
            "met": self.met,
            "unmet": self.unmet,
            "unmet_share": self.unmet_share.value,
            "lower": self.unmet_share.lower,
            "upper": self.unmet_share.upper,
        }


@calculator(
    victims=Records(Victim),
    by=Names(optional=True),
    confidence=Confidence(),
    elementwise=False,
    example={"victims": _EXAMPLE_VICTIMS},
)
def unmet_needs(
    victims: Sequence[Victim], *, by: Any = "department", confidence: float = 0.95
) -> UnmetNeeds:
    """Needs identified but not met, by department (or another grouping) and kind.

    Parameters
    ----------
    victims : sequence of Victim
    by : str or list of str, optional
        ``"department"`` by default (the victim's, else the accident's); None for one row per
        kind.
    confidence : float

    Returns
    -------
    UnmetNeeds
        Rows only for kinds someone in the group needs.

    Raises
    ------
    InputError
        Records that are not victims, an unknown grouping.

    Examples
    --------
    >>> from dpssec.mines.victim_assistance import unmet_needs
    >>> from dpssec.mines.victim_models import Assistance, Victim
    >>> vs = [Victim("V-1", "survivor", department="Meta", accident_date="2017-01-05",
    ...              needs=["medical", "physical rehabilitation"],
    ...              assistance=[Assistance("medical", "2017-01-05")]),
    ...       Victim("V-2", "survivor", department="Meta", needs=["physical rehabilitation"])]
    >>> u = unmet_needs(vs)
    >>> list(u.kind), u.unmet.tolist()
    (['medical', 'physical_rehabilitation'], [0, 2])
    """
    records = list(victims)
    groups, labels, keys = _groups(records, by)
    rows_group, rows_kind, in_need, met = [], [], [], []
    for group in groups:
        members = [v for v, label in zip(records, labels, strict=True) if label == group]
        for kind in AssistanceKind:
            pool = [v for v in members if kind in v.needs]
            if not pool:
                continue
            rows_group.append(group)
            rows_kind.append(kind.value)
            in_need.append(len(pool))
            met.append(sum(v.received(kind) for v in pool))
    need = np.array(in_need, dtype=int)
    done = np.array(met, dtype=int)
    return UnmetNeeds(
        group=tuple(rows_group),
        kind=tuple(rows_kind),
        in_need=need,
        met=done,
        unmet=need - done,
        unmet_share=wilson_share((need - done).astype(float), need.astype(float), confidence),
        by=keys,
    )
