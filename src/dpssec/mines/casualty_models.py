"""Accidents and casualties: the event-based records of mine/ERW casualty surveillance (models).

:class:`Accident` mirrors the IMSMA *Accident* item and the GICHD minimum data requirements: an
identifier, the date, where it happened (country, department, municipality, place,
coordinates), the device type, the activity at the time, whether the device was tampered with,
and whether it was a demining accident. :class:`Casualty` is one person killed or injured in an
accident (or whose outcome is not known), with the Landmine Monitor's disaggregation: civilian,
military and security forces, deminer or unknown status; sex; age in years or, where only that
was recorded, an age group.

A casualty is not a victim: a *casualty* is an individual in an event; a *victim* in the
IMAS 13.10 sense also includes affected families and communities
(:class:`~dpssec.mines.victim_models.Victim`).

Both are frozen attrs classes whose fields are declared with the input vocabulary of
:mod:`dpssec.boundary`, so they accept the same spellings as the calculators: ``"Killed"``,
``"military and security forces"``, a date as ``"2017-03-04"``, an age as ``34`` or ``34.0``.
Bad values are refused when the record is built, with the field's name; JSON reading reports the
field's path.

For example:

>>> from dpssec.mines.casualty_models import Accident, Casualty
>>> accident = Accident("ACC-17-004", "2017-03-04", "improvised mine", country="co",
...                     department="Antioquia", activity="farming")
>>> accident.device_type.value, accident.country, accident.year
('improvised_mine', 'COL', 2017)
>>> person = Casualty(accident, "injured", "civilian", sex="female", age=12)
>>> person.is_child(), person.accident_id
(True, 'ACC-17-004')
>>> Casualty("ACC-17-004", "herido", "Fuerza Pública").status.value  # an id, Spanish terms
'military'
>>> from dpssec.serialization import from_json, to_json
>>> from_json(to_json(person), Casualty) == person
True
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from dpssec.boundary import (
    Choice,
    Date,
    Flag,
    Number,
    Text,
    example,
    register_aliases,
)
from dpssec.countries import MemberStateCode as MemberStateCode
from dpssec.errors import InputError
from dpssec.mines.casualty_sources import CHILD_UNDER_18, ChildAgeRule

__all__ = [
    "Accident",
    "AgeGroup",
    "Casualty",
    "DeviceType",
    "MemberStateCode",
    "Outcome",
    "Sex",
    "Status",
]


class Outcome(enum.Enum):
    """What happened to a casualty (Landmine Monitor: killed, injured, or not known)."""

    KILLED = "killed"
    INJURED = "injured"
    UNKNOWN = "unknown"


class Status(enum.Enum):
    """Civilian, military and security forces, deminer, or not known (Landmine Monitor)."""

    CIVILIAN = "civilian"
    MILITARY = "military"
    DEMINER = "deminer"
    UNKNOWN = "unknown"


class Sex(enum.Enum):
    """Sex as recorded (``None`` on a record means not recorded)."""

    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


class AgeGroup(enum.Enum):
    """Child or adult, for records that give no age in years."""

    CHILD = "child"
    ADULT = "adult"
    UNKNOWN = "unknown"


class DeviceType(enum.Enum):
    """The device that caused an accident (Landmine Monitor categories).

    ``improvised_mine`` is a victim-activated improvised explosive device (an improvised
    anti-personnel mine); a command-detonated device is not a mine casualty.
    """

    AP_MINE = "ap_mine"
    AV_MINE = "av_mine"
    IMPROVISED_MINE = "improvised_mine"
    CLUSTER_SUBMUNITION = "cluster_submunition"
    ERW = "erw"
    UNKNOWN = "unknown"


# Synonyms used by the sources the project reads: the Landmine Monitor's wording ("military and
# security forces"), the device codes of dpssec.mines.areas ("AP", "AV"), and the terms of
# Colombia's official casualty statistics (OACP / Descontamina Colombia, as reported:
# civil / Fuerza Pública, herido / muerto, menor de edad, MUSE) and of the Colombian Campaign
# Against Landmines ("por determinar" for an outcome not known).
register_aliases(
    Outcome,
    {"muerto": Outcome.KILLED, "herido": Outcome.INJURED, "por determinar": Outcome.UNKNOWN},
)
register_aliases(
    Status,
    {
        "military and security forces": Status.MILITARY,
        "security forces": Status.MILITARY,
        "civil": Status.CIVILIAN,
        "fuerza pública": Status.MILITARY,
        "fuerza publica": Status.MILITARY,
    },
)
register_aliases(AgeGroup, {"menor de edad": AgeGroup.CHILD, "adulto": AgeGroup.ADULT})
register_aliases(
    DeviceType,
    {
        "antipersonnel mine": DeviceType.AP_MINE,
        "anti-personnel mine": DeviceType.AP_MINE,
        "AP": DeviceType.AP_MINE,
        "antivehicle mine": DeviceType.AV_MINE,
        "anti-vehicle mine": DeviceType.AV_MINE,
        "anti-tank mine": DeviceType.AV_MINE,
        "AV": DeviceType.AV_MINE,
        "AT": DeviceType.AV_MINE,
        "victim-activated IED": DeviceType.IMPROVISED_MINE,
        "cluster munition remnant": DeviceType.CLUSTER_SUBMUNITION,
        "submunition": DeviceType.CLUSTER_SUBMUNITION,
        "explosive remnants of war": DeviceType.ERW,
        "UXO": DeviceType.ERW,
        "AXO": DeviceType.ERW,
        "MUSE": DeviceType.ERW,
    },
)


@example("ACC-17-004", "2017-03-04", "improvised_mine", country="COL", department="Antioquia")
@attrs.frozen
class Accident:
    """A mine/ERW accident (IMSMA *Accident* item; GICHD minimum data).

    Attributes
    ----------
    id : str
        The accident's identifier (IMSMA ``accident_34``, a national code).
    date : datetime.date
        Day of the accident (``"YYYY-MM-DD"`` accepted).
    device_type : DeviceType
        ``"ap_mine"``, ``"av_mine"``, ``"improvised_mine"``, ``"cluster_submunition"``,
        ``"erw"`` or ``"unknown"`` (default); synonyms such as ``"AP"``, ``"UXO"``,
        ``"anti-tank mine"`` and ``"MUSE"`` are accepted.
    country : str or None
        ISO 3166 code of the member state, stored as alpha-3 (``"co"`` becomes ``"COL"``).
    department, municipality, place : str or None
        First and second administrative levels and the locality (gazetteer name).
    latitude, longitude : float or None
        WGS 84 coordinates [degrees].
    activity : str or None
        What the people were doing (free text as recorded: ``"farming"``, ``"tampering"``...).
    tampering : bool or None
        Whether the device was handled deliberately (None: not recorded).
    demining : bool
        A demining accident (during clearance) rather than a mine/ERW accident.

    Examples
    --------
    >>> from dpssec.mines.casualty_models import Accident
    >>> Accident("A-1", "2016-11-30", "UXO", country="PER").device_type
    <DeviceType.ERW: 'erw'>
    >>> Accident("A-2", "2016-02-30")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'date': '2016-02-30' is not a date as 'YYYY-MM-DD'
    """

    id: str = Text().field()
    date: dt.date = Date().field()
    device_type: DeviceType = Choice(DeviceType).field(default="unknown")
    country: str | None = MemberStateCode(optional=True).field(kw_only=True)
    department: str | None = Text(optional=True).field(kw_only=True)
    municipality: str | None = Text(optional=True).field(kw_only=True)
    place: str | None = Text(optional=True).field(kw_only=True)
    latitude: float | None = Number(lower=-90, upper=90, optional=True).field(kw_only=True)
    longitude: float | None = Number(lower=-180, upper=180, optional=True).field(kw_only=True)
    activity: str | None = Text(optional=True).field(kw_only=True)
    tampering: bool | None = Flag(optional=True).field(kw_only=True)
    demining: bool = Flag().field(default=False, kw_only=True)

    @property
    def year(self) -> int:
        """Calendar year of the accident."""
        return self.date.year


def _accident_or_id(value: Any) -> Accident | str:
    if isinstance(value, Accident):
        return value
    converted: str = Text().convert(value, "accident")
    return converted


@example("ACC-17-004", "injured", "civilian", sex="female", age=12)
@attrs.frozen
class Casualty:
    """A person killed or injured by a mine/ERW (or whose outcome is not known).

    Parameters
    ----------
    accident : Accident or str
        The accident, or its id (resolved against a list of accidents where the accident's
        date, place or device is needed).
    outcome : {"killed", "injured", "unknown"}
        Landmine Monitor outcome; ``"muerto"``, ``"herido"`` and ``"por determinar"`` are
        accepted (Colombian statistics).
    status : {"civilian", "military", "deminer", "unknown"}
        ``"military"`` means military and security forces (``"Fuerza Pública"`` accepted).
    sex : {"female", "male", "unknown"} or None
        None: not recorded.
    age : float or None
        Age in years, 0 to 120.
    age_group : {"child", "adult", "unknown"} or None
        For records with no age in years; where ``age`` is given too, the two must agree under
        the 18-year cut of :data:`~dpssec.mines.casualty_sources.CHILD_UNDER_18` (refused at
        construction otherwise; a summary under another child rule checks them again under
        that rule). Records kept under another cut: give the age alone, the rule decides.
    id : str or None
        The casualty's record id (no names are kept: casualty data are personal data).

    Examples
    --------
    >>> from dpssec.mines.casualty_models import Casualty
    >>> c = Casualty("ACC-9", "killed", "deminer", sex="male", age=41)
    >>> c.outcome.value, c.status.value, c.is_child()
    ('killed', 'deminer', False)
    >>> Casualty("ACC-9", "injured", "civilian", age_group="child").is_child()
    True
    >>> Casualty("ACC-9", "injured", "civilian", age=130)
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'age': 1 of 1 values are above 120 (first at index 0: 130.0)
    >>> Casualty("ACC-9", "killed", "civilian", age=40, age_group="child")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'age_group': 'child' contradicts the age 40 (a child is under 18, CHILD_UNDER_18); give the age alone, or correct one of them
    """

    accident: Accident | str = attrs.field(converter=_accident_or_id)
    outcome: Outcome = Choice(Outcome).field()
    status: Status = Choice(Status).field()
    sex: Sex | None = Choice(Sex, optional=True).field(kw_only=True)
    age: float | None = Number(lower=0, upper=120, optional=True).field(kw_only=True)
    age_group: AgeGroup | None = Choice(AgeGroup, optional=True).field(kw_only=True)
    id: str | None = Text(optional=True).field(kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.age is None or self.age_group is None:
            return
        stated = {"child": True, "adult": False}.get(self.age_group.value)
        if stated is not None and stated != CHILD_UNDER_18.is_child(self.age):
            raise InputError(
                f"parameter 'age_group': {self.age_group.value!r} contradicts the age "
                f"{self.age:g} (a child is under {CHILD_UNDER_18.under:g}, CHILD_UNDER_18); "
                "give the age alone, or correct one of them"
            )

    @property
    def accident_id(self) -> str:
        """The accident's id, whether the accident or only its id is stored."""
        return self.accident.id if isinstance(self.accident, Accident) else self.accident

    def is_child(self, rule: ChildAgeRule = CHILD_UNDER_18) -> bool | None:
        """True or False from the age (or the age group where no age was recorded); None if
        neither is known. The age cut is the rule's (:data:`CHILD_UNDER_18` by default,
        unverified)."""
        if self.age is not None:
            return bool(rule.is_child(self.age))
        if self.age_group is AgeGroup.CHILD:
            return True
        if self.age_group is AgeGroup.ADULT:
            return False
        return None
