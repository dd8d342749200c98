"""Casualty records summarised as the Landmine Monitor counts them (orchestrator).

:func:`casualty_summary` counts :class:`~dpssec.mines.casualty_models.Casualty` records,
overall or grouped by year, country, department, municipality, device type, status, outcome,
sex or demining accident, and gives a :class:`~dpssec.mines.casualty_counts.CasualtySummary`:
totals as killed + injured + unknown, the civilian share over casualties of known status with
the unknown count beside it, and the child share over civilian casualties of known age with the
unknown count beside it. Adding records of unknown status changes no share; it raises only the
unknown count.

A casualty may name its accident by id: pass the accidents as ``accidents=`` wherever the
grouping needs the accident's date, place or device.

For example:

>>> from dpssec.mines.casualties import casualty_summary
>>> from dpssec.mines.casualty_models import Accident, Casualty
>>> a = Accident("A-1", "2018-05-02", "improvised mine", country="COL", department="Meta")
>>> b = Accident("A-2", "2019-01-20", "ERW", country="COL", department="Cauca")
>>> people = [Casualty(a, "killed", "military", age=23), Casualty(a, "injured", "civilian", age=9),
...           Casualty(b, "injured", "civilian", age=40), Casualty(b, "injured", "unknown")]
>>> s = casualty_summary(people)
>>> s.total, s.killed, s.injured, s.unknown_outcome, s.unknown_status
(4, 1, 3, 0, 1)
>>> round(s.civilian_share.value, 4), round(s.child_share.value, 2)
(0.6667, 0.5)
>>> by_year = casualty_summary(people, by="year")
>>> by_year.groups, by_year.total.tolist()
((2018, 2019), [2, 2])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Names,
    Preset,
    Records,
    calculator,
    parse_choice,
)
from dpssec.errors import InputError
from dpssec.mines.casualty_counts import CHILD_BASES, CasualtySummary
from dpssec.mines.casualty_models import Accident, Casualty, DeviceType, Outcome, Status
from dpssec.mines.casualty_sources import CHILD_AGE_RULES, CHILD_UNDER_18, ChildAgeRule

__all__ = ["GROUPINGS", "casualty_summary", "resolve_accidents"]

GROUPINGS = (
    "year",
    "country",
    "department",
    "municipality",
    "device_type",
    "demining",
    "status",
    "outcome",
    "sex",
)
"""What :func:`casualty_summary` can group by (the first six need the accident)."""

_ACCIDENT_KEYS = {"year", "country", "department", "municipality", "device_type", "demining"}

_EXAMPLE_ACCIDENT = Accident("A-1", dt.date(2018, 5, 2), DeviceType.IMPROVISED_MINE, country="COL")
_EXAMPLE = [
    Casualty(_EXAMPLE_ACCIDENT, Outcome.KILLED, Status.MILITARY, age=23),
    Casualty(_EXAMPLE_ACCIDENT, Outcome.INJURED, Status.CIVILIAN, age=9),
    Casualty(_EXAMPLE_ACCIDENT, Outcome.INJURED, Status.UNKNOWN),
]


@calculator(
    casualties=Records(Casualty),
    accidents=Records(Accident, optional=True),
    elementwise=False,
    example={"casualties": _EXAMPLE, "accidents": [_EXAMPLE_ACCIDENT]},
)
def resolve_accidents(
    casualties: Sequence[Casualty], accidents: Iterable[Accident] | None = None
) -> list[Accident | None]:
    """The accident of each casualty: its own, or the one in ``accidents`` with its id.

    Parameters
    ----------
    casualties : sequence of Casualty
    accidents : iterable of Accident, optional
        Accidents to resolve casualties that name theirs by id.

    Returns
    -------
    list
        One Accident per casualty, or None where only an unknown id is stored.

    Raises
    ------
    InputError
        Two different accidents with the same id (among ``accidents`` or the casualties).

    Examples
    --------
    >>> from dpssec.mines.casualties import resolve_accidents
    >>> from dpssec.mines.casualty_models import Accident, Casualty
    >>> a = Accident("A-1", "2018-05-02")
    >>> [x.id if x else None for x in resolve_accidents(
    ...     [Casualty("A-1", "injured", "civilian"), Casualty("A-9", "killed", "civilian")], [a])]
    ['A-1', None]
    """
    known: dict[str, Accident] = {}

    def add(accident: Accident, where: str) -> None:
        earlier = known.setdefault(accident.id, accident)
        if earlier != accident:
            raise InputError(
                f"two different accidents have the id {accident.id!r} ({where}); accident ids "
                "must be unique"
            )

    for accident in accidents or ():
        add(accident, "in accidents")
    for i, casualty in enumerate(casualties):
        if isinstance(casualty.accident, Accident):
            add(casualty.accident, f"casualty {i}")
    return [known.get(c.accident_id) for c in casualties]


def _key_function(name: str) -> Callable[[Casualty, Accident | None], Any]:
    def value(casualty: Casualty, accident: Accident | None) -> Any:
        if name in _ACCIDENT_KEYS:
            assert accident is not None  # checked before
            if name == "year":
                return accident.year
            item = getattr(accident, name)
        else:
            item = getattr(casualty, name)
        return item.value if hasattr(item, "value") else item

    return value


def _sort_key(group: Any) -> Any:
    if isinstance(group, tuple):
        return tuple(_sort_key(g) for g in group)
    return (group is None, str(type(group).__name__), group if group is not None else 0)


@calculator(
    casualties=Records(Casualty),
    accidents=Records(Accident, optional=True),
    by=Names(optional=True),
    child_base=Choice(CHILD_BASES),
    child_rule=Preset(CHILD_AGE_RULES, ChildAgeRule),
    confidence=Confidence(),
    elementwise=False,
    example={"casualties": _EXAMPLE, "by": "status"},
)
def casualty_summary(
    casualties: Sequence[Casualty],
    *,
    by: Any = None,
    accidents: Iterable[Accident] | None = None,
    child_rule: ChildAgeRule = CHILD_UNDER_18,
    child_base: str = "civilian",
    confidence: float = 0.95,
) -> CasualtySummary:
    """Totals and shares over known status from casualty records, overall or by group.

    Parameters
    ----------
    casualties : sequence of Casualty
        One record per person killed or injured (or of unknown outcome).
    by : str or list of str, optional
        Group by one or more of :data:`GROUPINGS` (``"year"``, ``"country"``,
        ``"department"``, ``"municipality"``, ``"device_type"``, ``"demining"``,
        ``"status"``, ``"outcome"``, ``"sex"``); groups are sorted, "not recorded" last.
    accidents : iterable of Accident, optional
        The accidents of casualties that store only an accident id.
    child_rule : ChildAgeRule or str
        Who is a child (:data:`~dpssec.mines.casualty_sources.CHILD_UNDER_18` by default,
        ``"under_18"`` by name, unverified: the result says ``verified=False``).
    child_base : {"civilian", "all"}
        Child share among civilian casualties of known age (the Monitor's practice) or among
        all casualties of known age.
    confidence : float
        0.95 or 95.

    Returns
    -------
    CasualtySummary
        Python ints for an overall summary; arrays with ``.groups`` for a grouped one.
        ``.total``, ``.killed``, ``.injured``, ``.unknown_outcome``, ``.civilian_share``
        and ``.child_share`` (Estimates over known status / age), ``.unknown_status`` and
        ``.unknown_age`` beside them.

    Raises
    ------
    InputError
        A record that is not a Casualty; an unknown grouping; a grouping that needs an
        accident a casualty names only by an id not in ``accidents``; an age and an age group
        that disagree under ``child_rule``; two accidents with one id.

    Notes
    -----
    The counts are those of :func:`~dpssec.mines.casualty_counts.summarise_casualty_counts`:
    civilian share = civilian / (civilian + military + deminer); child share = children /
    (children + adults) among the base. Totals are *recorded* casualties; the Monitor
    acknowledges under-counting.

    References
    ----------
    Landmine Monitor 2019, Casualties; Landmine Monitor casualty FAQ (children).

    Examples
    --------
    >>> from dpssec.mines.casualties import casualty_summary
    >>> from dpssec.mines.casualty_models import Accident, Casualty
    >>> a = Accident("A-1", "2017-07-01", "AP", country="PER")
    >>> s = casualty_summary([Casualty(a, "injured", "civilian", age=15),
    ...                      Casualty(a, "unknown", "civilian", age_group="adult")], by="country")
    >>> s.groups, s.unknown_outcome.tolist(), s.child_share.value.tolist()
    (('PER',), [1], [0.5])
    """
    records = list(casualties)
    keys = tuple(parse_choice(name, GROUPINGS, "by") for name in (by or ()))
    resolved = resolve_accidents.kernel(records, accidents)  # type: ignore[attr-defined]
    if _ACCIDENT_KEYS.intersection(keys):
        for i, (record, accident) in enumerate(zip(records, resolved, strict=True)):
            if accident is None:
                raise InputError(
                    f"casualty_summary: casualty {i}{_id(record)} names accident "
                    f"{record.accident_id!r}, which is not among the accidents given; grouping "
                    f"by {', '.join(keys)} needs it (pass accidents=...)"
                )
    child = _child_flags(records, child_rule)
    if keys:
        functions = [_key_function(k) for k in keys]
        labels = [
            tuple(f(c, a) for f in functions) if len(keys) > 1 else functions[0](c, a)
            for c, a in zip(records, resolved, strict=True)
        ]
        groups = tuple(sorted(set(labels), key=_sort_key))
        position = {g: i for i, g in enumerate(groups)}
        index = np.array([position[label] for label in labels], dtype=int)
        size = len(groups)
    else:
        groups, index, size = None, np.zeros(len(records), dtype=int), 1
    counts: dict[str, Any] = _counts(records, child, index, size, child_base)
    if groups is None:
        counts = {k: int(v[0]) for k, v in counts.items()}
    return CasualtySummary(
        **counts,
        confidence=confidence,
        child_base=child_base,
        groups=groups,
        by=keys,
        child_rule=child_rule,
    )


def _id(record: Casualty) -> str:
    return f" (id {record.id!r})" if record.id else ""


def _child_flags(records: Sequence[Casualty], rule: ChildAgeRule) -> np.ndarray:
    """1 child, 0 adult, -1 unknown; an age that contradicts the age group is refused."""
    flags = np.full(len(records), -1, dtype=int)
    for i, record in enumerate(records):
        flag = record.is_child(rule)
        if record.age is not None and record.age_group is not None:
            stated = {"child": True, "adult": False}.get(record.age_group.value)
            if stated is not None and stated != flag:
                raise InputError(
                    f"casualty {i}{_id(record)}: age {record.age:g} and age group "
                    f"{record.age_group.value!r} disagree under the rule '{rule.name}'"
                )
        if flag is not None:
            flags[i] = int(flag)
    return flags


def _counts(
    records: Sequence[Casualty],
    child: np.ndarray,
    index: np.ndarray,
    size: int,
    child_base: str,
) -> dict[str, np.ndarray]:
    outcome = np.array([r.outcome.value for r in records], dtype=object)
    status = np.array([r.status.value for r in records], dtype=object)

    def count(mask: Any) -> np.ndarray:
        return np.bincount(index, weights=np.asarray(mask, dtype=float), minlength=size).astype(int)

    base = status == Status.CIVILIAN.value if child_base == "civilian" else np.ones(len(records))
    base = np.asarray(base, dtype=bool)
    return {
        "killed": count(outcome == Outcome.KILLED.value),
        "injured": count(outcome == Outcome.INJURED.value),
        "unknown_outcome": count(outcome == Outcome.UNKNOWN.value),
        "civilian": count(status == Status.CIVILIAN.value),
        "military": count(status == Status.MILITARY.value),
        "deminer": count(status == Status.DEMINER.value),
        "unknown_status": count(status == Status.UNKNOWN.value),
        "children": count(base & (child == 1)),
        "adults": count(base & (child == 0)),
        "unknown_age": count(base & (child == -1)),
    }
