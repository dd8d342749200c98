"""Explosive ordnance risk education (EORE) sessions and their beneficiaries (models).

IMAS 12.10 asks that risk education reach women, girls, boys and men according to their
different vulnerabilities, so beneficiaries are counted by sex and age group
(:class:`Beneficiaries`: girls, boys, women, men, and those whose sex or age was not recorded).
An :class:`EORESession` (the IMSMA *Education activity*; GICHD minimum data: location, date,
organisation, delivery method, beneficiaries) carries them twice:

* ``attendances``: the people present, whether or not they came before;
* ``unique_persons``: of those, the people reached for the first time, where the operator
  tracks them (None where it does not).

Summing attendances over sessions counts a person once per session; summing unique persons
counts each person once. The two are kept apart and never added together
(:func:`~dpssec.mines.eore.people_reached`). Unique persons can never exceed attendances, and
groups that do not add up to a reported total are refused when the record is built.

For example:

>>> from dpssec.mines.eore_models import Beneficiaries, EORESession
>>> s = EORESession("RE-001", "2019-04-02",
...                 attendances=Beneficiaries(girls=30, boys=25, women=20, men=10),
...                 unique_persons=Beneficiaries(girls=12, boys=10, women=20, men=10),
...                 organisation="Operator A", delivery_method="face to face",
...                 audience="school", department="Meta")
>>> s.attendances.total, s.unique_persons.total, s.attendances.female
(85, 52, 50)
>>> Beneficiaries(girls=10, boys=10, women=5, men=5, reported_total=40)
Traceback (most recent call last):
...
dpssec.errors.InputError: beneficiaries by sex and age (girls 10 + boys 10 + women 5 + men 5 + unknown 0 = 30) do not add up to the reported total 40 ('reported_total')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import Count, Date, OptionSpec, Text, example, short_repr
from dpssec.errors import InputError
from dpssec.mines.casualty_models import MemberStateCode

__all__ = ["GROUP_FIELDS", "Beneficiaries", "BeneficiariesInput", "EORESession"]

GROUP_FIELDS = ("girls", "boys", "women", "men")
"""The sex and age groups of :class:`Beneficiaries`, in table order."""


def _shown(count: int) -> str:
    return str(count) if count < 10**15 else f"{count:.6g}"


@example(girls=30, boys=25, women=20, men=10)
@attrs.frozen
class Beneficiaries:
    """People counted by sex and age group (girls, boys, women, men; the rest unknown).

    Attributes
    ----------
    girls, boys, women, men : int
        Persons [persons], >= 0. Girls and boys are under the child age
        (:data:`~dpssec.mines.casualty_sources.EORE_BENEFICIARY_GROUPS`).
    unknown : int
        Persons whose sex or age group was not recorded.
    reported_total : int or None
        The total as reported; it must equal the sum of the groups and ``unknown``.
    with_disability : int or None
        Of the total, persons with disabilities, where recorded.

    Raises
    ------
    InputError
        Groups that do not add up to ``reported_total``; more persons with disabilities than
        persons; negative or fractional counts.

    Examples
    --------
    >>> from dpssec.mines.eore_models import Beneficiaries
    >>> b = Beneficiaries(girls=3, men=2, unknown=5, reported_total=10)
    >>> b.total, b.children, b.adults, b.groups.tolist()
    (10, 3, 2, [3, 0, 0, 2])
    """

    girls: int = Count().field(default=0)
    boys: int = Count().field(default=0)
    women: int = Count().field(default=0)
    men: int = Count().field(default=0)
    unknown: int = Count().field(default=0)
    reported_total: int | None = Count(optional=True).field()
    with_disability: int | None = Count(optional=True).field()

    def __attrs_post_init__(self) -> None:
        if self.reported_total is not None and self.reported_total != self.total:
            parts = " + ".join(
                f"{name} {getattr(self, name)}" for name in (*GROUP_FIELDS, "unknown")
            )
            raise InputError(
                f"beneficiaries by sex and age ({parts} = {self.total}) do not add up to the "
                f"reported total {_shown(self.reported_total)} ('reported_total')"
            )
        if self.with_disability is not None and self.with_disability > self.total:
            raise InputError(
                f"with_disability ({self.with_disability}) exceeds the {self.total} beneficiaries"
            )

    @property
    def total(self) -> int:
        """All persons counted."""
        return self.girls + self.boys + self.women + self.men + self.unknown

    @property
    def female(self) -> int:
        return self.girls + self.women

    @property
    def male(self) -> int:
        return self.boys + self.men

    @property
    def children(self) -> int:
        return self.girls + self.boys

    @property
    def adults(self) -> int:
        return self.women + self.men

    @property
    def groups(self) -> np.ndarray:
        """Girls, boys, women, men as an integer array."""
        return np.array([getattr(self, name) for name in GROUP_FIELDS], dtype=int)

    def exceeds(self, other: Beneficiaries) -> tuple[str, ...]:
        """The groups (and ``"total"``) in which this count is larger than ``other``'s."""
        names = [n for n in (*GROUP_FIELDS, "unknown") if getattr(self, n) > getattr(other, n)]
        if self.total > other.total:
            names.append("total")
        return tuple(names)


_GROUP_NAMES = tuple(f.name for f in attrs.fields(Beneficiaries))


@attrs.frozen(kw_only=True)
class BeneficiariesInput(OptionSpec):
    """The input spec of a beneficiary count: a :class:`Beneficiaries` or a mapping of its fields.

    Examples
    --------
    >>> from dpssec.mines.eore_models import BeneficiariesInput
    >>> BeneficiariesInput().convert({"girls": 3, "boys": 2}, "attendances").total
    5
    """

    kind: ClassVar[str] = "a Beneficiaries record or a mapping such as {'girls': 3}"

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if isinstance(value, Beneficiaries):
            return value
        if isinstance(value, Mapping):
            unknown = [k for k in value if k not in _GROUP_NAMES]
            if unknown:
                raise InputError(
                    f"parameter {name!r}: unknown group(s) {', '.join(map(short_repr, unknown))}; "
                    f"use {', '.join(_GROUP_NAMES)}"
                )
            return Beneficiaries(**value)
        raise InputError(f"parameter {name!r} must be {self.kind}; got {type(value).__name__}")


@example("RE-001", "2019-04-02", {"girls": 30, "boys": 25, "women": 20, "men": 10})
@attrs.frozen
class EORESession:
    """One explosive ordnance risk education session (IMSMA *Education activity*).

    Parameters
    ----------
    id : str
    date : datetime.date
    attendances : Beneficiaries or mapping
        People present, by sex and age group.
    unique_persons : Beneficiaries or mapping, optional
        Of the people present, those reached for the first time (where the operator tracks
        persons); never more than ``attendances`` in any group.
    organisation : str, optional
        The implementing organisation.
    delivery_method : str, optional
        As recorded (face to face, mass media, digital...; categories not standardised here).
    audience : str, optional
        Who the session was for (a school, returnees, farmers...).
    country, department, municipality, place : str, optional
        Where it was delivered; ``place`` is the community.

    Raises
    ------
    InputError
        Unique persons above attendances in a group or in total; counts that do not add up.

    Examples
    --------
    >>> from dpssec.mines.eore_models import EORESession
    >>> EORESession("RE-9", "2019-05-01", {"women": 10}, unique_persons={"women": 12})
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: session 'RE-9': unique persons exceed attendances in women, total
    """

    id: str = Text().field()
    date: dt.date = Date().field()
    attendances: Beneficiaries = BeneficiariesInput().field()
    unique_persons: Beneficiaries | None = BeneficiariesInput(optional=True).field(kw_only=True)
    organisation: str | None = Text(optional=True).field(kw_only=True)
    delivery_method: str | None = Text(optional=True).field(kw_only=True)
    audience: str | None = Text(optional=True).field(kw_only=True)
    country: str | None = MemberStateCode(optional=True).field(kw_only=True)
    department: str | None = Text(optional=True).field(kw_only=True)
    municipality: str | None = Text(optional=True).field(kw_only=True)
    place: str | None = Text(optional=True).field(kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.unique_persons is not None:
            over = self.unique_persons.exceeds(self.attendances)
            if over:
                raise InputError(
                    f"session {self.id!r}: unique persons exceed attendances in {', '.join(over)}"
                )

    @property
    def year(self) -> int:
        return self.date.year
