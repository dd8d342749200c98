"""Victims and the assistance they receive (models).

In IMAS 13.10, as in the Convention on Cluster Munitions, a *victim* is a person killed or
injured **and** the families and communities affected (physical, psychological or economic
harm). Victim assistance is mostly delivered outside mine action; the sector identifies victims
and refers them. So a :class:`Victim` is not a :class:`~dpssec.mines.casualty_models.Casualty`:

* a ``"survivor"`` is a casualty who survived (injured), linked to the casualty record where
  known;
* a ``"family_member"`` or ``"community_member"`` is indirectly affected, e.g. the family of a
  person killed (persons killed are casualties; their families are the victims who receive
  assistance).

Each victim carries the needs identified and the :class:`Assistance` received (medical,
physical rehabilitation, psychological support, socio-economic inclusion, referral) with dates,
which feed coverage, time to first assistance and unmet needs
(:mod:`dpssec.mines.victim_assistance`). A date of assistance before the accident is refused
when the record is built.

For example:

>>> from dpssec.mines.victim_models import Assistance, Victim
>>> v = Victim("V-1", "survivor", accident_date="2017-03-04", department="Antioquia",
...            needs=["medical", "physical rehabilitation"],
...            assistance=[Assistance("medical", "2017-03-04"),
...                        Assistance("referral", "2017-03-20")])
>>> v.first_assistance(), [k.value for k in v.unmet_needs]
(datetime.date(2017, 3, 4), ['physical_rehabilitation'])
>>> Victim("V-2", "survivor", accident_date="2017-03-04",
...        assistance=[Assistance("medical", "2017-02-27")])
Traceback (most recent call last):
...
dpssec.errors.InputError: victim 'V-2': medical assistance on 2017-02-27 is before the accident on 2017-03-04
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from dpssec.boundary import (
    Choice,
    Date,
    Number,
    Records,
    Text,
    example,
    parse_choice,
    register_aliases,
)
from dpssec.errors import InputError
from dpssec.mines.casualty_models import Accident, Casualty, MemberStateCode, Outcome, Sex

__all__ = ["Assistance", "AssistanceKind", "Victim", "VictimKind"]


class VictimKind(enum.Enum):
    """Who the victim is: a surviving casualty, or a family or community member affected."""

    SURVIVOR = "survivor"
    FAMILY_MEMBER = "family_member"
    COMMUNITY_MEMBER = "community_member"


class AssistanceKind(enum.Enum):
    """The components of victim assistance the issue and IMAS 13.10 name."""

    MEDICAL = "medical"
    PHYSICAL_REHABILITATION = "physical_rehabilitation"
    PSYCHOLOGICAL_SUPPORT = "psychological_support"
    SOCIO_ECONOMIC_INCLUSION = "socio_economic_inclusion"
    REFERRAL = "referral"


# The Convention on Cluster Munitions (Art. 5) and the Monitor speak of "psychological and
# psychosocial support" and "emergency and continuing medical care".
register_aliases(
    AssistanceKind,
    {
        "psychosocial support": AssistanceKind.PSYCHOLOGICAL_SUPPORT,
        "psychological and psychosocial support": AssistanceKind.PSYCHOLOGICAL_SUPPORT,
        "emergency and continuing medical care": AssistanceKind.MEDICAL,
    },
)


@example("medical", "2017-03-04", provider="Hospital San Vicente")
@attrs.frozen
class Assistance:
    """One assistance a victim received.

    Attributes
    ----------
    kind : AssistanceKind
        ``"medical"``, ``"physical_rehabilitation"``, ``"psychological_support"``,
        ``"socio_economic_inclusion"`` or ``"referral"``.
    date : datetime.date
        When it was received (first day).
    provider : str or None

    Examples
    --------
    >>> from dpssec.mines.victim_models import Assistance
    >>> Assistance("psychosocial support", "2018-01-15").kind.value
    'psychological_support'
    """

    kind: AssistanceKind = Choice(AssistanceKind).field()
    date: dt.date = Date().field()
    provider: str | None = Text(optional=True).field(kw_only=True)


def _kinds(value: Any) -> tuple[AssistanceKind, ...]:
    kinds: tuple[AssistanceKind, ...] = _NEEDS.convert(value, "needs")
    return kinds


_NEEDS = Choice(AssistanceKind, many=True)


def _assistance(value: Any) -> tuple[Assistance, ...]:
    items = Records(Assistance, single=True).convert(value, "assistance")
    return tuple(sorted(items, key=lambda a: (a.date, a.kind.value)))


def _casualty_or_id(value: Any) -> Casualty | str | None:
    if value is None or isinstance(value, Casualty):
        return value
    converted: str = Text().convert(value, "casualty")
    return converted


@example("V-1", "survivor", accident_date="2017-03-04", needs=["medical"])
@attrs.frozen
class Victim:
    """A victim in the IMAS 13.10 sense, with the needs identified and the assistance received.

    Parameters
    ----------
    id : str
    kind : {"survivor", "family_member", "community_member"}
    accident_date : datetime.date, optional
        Date of the accident that made the person a victim; taken from ``casualty`` when that
        is a Casualty whose accident is an Accident (they must then agree).
    casualty : Casualty or str, optional
        The casualty record (the survivor's own, or the family's relative's), or its id.
    sex : {"female", "male", "unknown"} or None
    age : float or None
        Age in years at the accident, 0 to 120.
    country, department, municipality : str or None
        Where the victim lives (for unmet needs by department); the accident's department is
        used where none is given.
    needs : list of AssistanceKind
        Needs identified (by a needs assessment).
    assistance : list of Assistance
        Assistance received, sorted by date.

    Raises
    ------
    InputError
        An assistance dated before the accident; an accident date that contradicts the
        casualty's accident; a survivor whose casualty record says killed.

    Examples
    --------
    >>> from dpssec.mines.victim_models import Victim
    >>> Victim("V-7", "family member", accident_date="2016-05-01").kind.value
    'family_member'
    """

    id: str = Text().field()
    kind: VictimKind = Choice(VictimKind).field()
    accident_date: dt.date | None = Date(optional=True).field(kw_only=True)
    casualty: Casualty | str | None = attrs.field(
        default=None, converter=_casualty_or_id, kw_only=True
    )
    sex: Sex | None = Choice(Sex, optional=True).field(kw_only=True)
    age: float | None = Number(lower=0, upper=120, optional=True).field(kw_only=True)
    country: str | None = MemberStateCode(optional=True).field(kw_only=True)
    department: str | None = Text(optional=True).field(kw_only=True)
    municipality: str | None = Text(optional=True).field(kw_only=True)
    needs: tuple[AssistanceKind, ...] = attrs.field(factory=tuple, converter=_kinds, kw_only=True)
    assistance: tuple[Assistance, ...] = attrs.field(
        factory=tuple, converter=_assistance, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        accident = self._accident()
        if accident is not None and self.accident_date not in (None, accident.date):
            raise InputError(
                f"victim {self.id!r}: accident_date {self.accident_date} differs from the date "
                f"of accident {accident.id!r} ({accident.date})"
            )
        if (
            self.kind is VictimKind.SURVIVOR
            and isinstance(self.casualty, Casualty)
            and self.casualty.outcome is Outcome.KILLED
        ):
            raise InputError(
                f"victim {self.id!r}: a survivor cannot be a casualty recorded as killed (the "
                "family of a person killed are family_member victims)"
            )
        day = self.date_of_accident
        if day is not None:
            for item in self.assistance:
                if item.date < day:
                    raise InputError(
                        f"victim {self.id!r}: {item.kind.value.replace('_', ' ')} assistance on "
                        f"{item.date} is before the accident on {day}"
                    )

    def _accident(self) -> Accident | None:
        if isinstance(self.casualty, Casualty) and isinstance(self.casualty.accident, Accident):
            return self.casualty.accident
        return None

    @property
    def date_of_accident(self) -> dt.date | None:
        """The accident date: given, or that of the linked casualty's accident."""
        accident = self._accident()
        return accident.date if accident is not None else self.accident_date

    @property
    def home_department(self) -> str | None:
        """The department given, else the linked accident's department."""
        if self.department is not None:
            return self.department
        accident = self._accident()
        return accident.department if accident is not None else None

    def first_assistance(
        self, kind: AssistanceKind | str | None = None, *, until: dt.date | None = None
    ) -> dt.date | None:
        """Date of the first assistance (of one kind, or of any; on or before ``until`` if
        given), or None if none."""
        wanted = None if kind is None else parse_choice(kind, AssistanceKind, "kind")
        dates = [
            a.date
            for a in self.assistance
            if (wanted is None or a.kind is wanted) and (until is None or a.date <= until)
        ]
        return min(dates) if dates else None

    def received(self, kind: AssistanceKind | str, *, until: dt.date | None = None) -> bool:
        """Whether the victim received this kind of assistance (by ``until`` if given)."""
        return self.first_assistance(kind, until=until) is not None

    @property
    def unmet_needs(self) -> tuple[AssistanceKind, ...]:
        """Needs identified for which no assistance of that kind is recorded."""
        return tuple(k for k in self.needs if not self.received(k))
