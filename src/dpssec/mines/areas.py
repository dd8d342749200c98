"""Hazardous areas and land-release records, the two models of mine-action accounting.

:class:`HazardousArea` mirrors the IMSMA *Land* item and the GICHD minimum data requirements for
a contaminated area: an identifier, the class (SHA on indirect evidence, CHA on direct evidence),
the IMSMA status (open, worked on, closed), the area, the device categories suspected or
confirmed, and the community impact a prioritisation looks at (recent victims in the last 24
months, blocked resources, affected population, distances to settlements, roads, water and
schools). :class:`LandReleaseRecord` is the land-release product of one task: the area
cancelled by non-technical survey, reduced by technical survey and cleared, with the method,
dates, devices found, deminer-days and cost.

Both are frozen attrs classes: areas are stored as Quantities in m² and accept a plain number
(read as m²), a Quantity in ha or km², or a string such as ``"2.5 ha"``. Bad values are refused
when the object is built, with the field's name; reading JSON reports the field's path.

For example:

>>> from dpssec.mines.areas import HazardousArea
>>> from dpssec.units import Q_
>>> ha = HazardousArea("HA-001", "CHA", area=Q_(2.5, "ha"), contamination=["AP", "UXO"],
...                    recent_victims=2, blocked_resources=["drinking water", "roads"])
>>> ha.area
<Quantity(25000.0, 'meter ** 2')>
>>> [c.value for c in ha.contamination], ha.mines_present
(['AP', 'UXO'], True)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from dpssec._fields import quantity_field
from dpssec.errors import InputError
from dpssec.units import Quantity

if TYPE_CHECKING:  # pint's Quantity is generic for type checkers; cattrs needs the plain class
    Area = Quantity[Any]
    Distance = Quantity[Any]
    Depth = Quantity[Any]
else:
    Area = Distance = Depth = Quantity

__all__ = [
    "AreaKind",
    "AreaStatus",
    "BlockedResource",
    "ClearanceMethod",
    "Contamination",
    "HazardousArea",
    "LandReleaseRecord",
    "check_criteria_table",
    "criteria_table",
]


def _key(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


class _ParseMixin:
    """``parse`` for the enums below: members, values and documented aliases, any case."""

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {}

    @classmethod
    def parse(cls, value: Any) -> Any:
        if isinstance(value, cls):
            return value
        members = list(cls)  # type: ignore[call-overload]
        if isinstance(value, str):
            key = _key(value)
            key = cls._aliases().get(key, key)
            for member in members:
                if _key(member.value) == key or _key(member.name) == key:
                    return member
        choices = ", ".join(repr(m.value) for m in members)
        raise InputError(f"unknown {cls.__name__} {value!r}; use one of {choices}")


class AreaKind(_ParseMixin, enum.Enum):
    """Class of a hazardous area (IMAS 04.10 concepts; IMSMA land classes).

    ``SHA``: suspected hazardous area, reasonable suspicion on *indirect* evidence.
    ``CHA``: confirmed hazardous area, contamination confirmed by *direct* evidence.
    """

    SHA = "SHA"
    CHA = "CHA"


class AreaStatus(_ParseMixin, enum.Enum):
    """IMSMA life-cycle status of a hazardous area: open, worked on, closed."""

    OPEN = "open"
    WORKED_ON = "worked-on"
    CLOSED = "closed"


class Contamination(_ParseMixin, enum.Enum):
    """Device categories suspected or confirmed in an area (GICHD MDR device categories)."""

    AP_MINES = "AP"
    AV_MINES = "AV"
    UXO = "UXO"
    IMPROVISED_DEVICES = "IED"
    CLUSTER_MUNITIONS = "CM"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {
            "ap mine": "ap",
            "anti personnel mines": "ap",
            "anti personnel mine": "ap",
            "av mine": "av",
            "anti vehicle mines": "av",
            "anti vehicle mine": "av",
            "anti tank mines": "av",
            "at": "av",
            "unexploded ordnance": "uxo",
            "improvised mines": "ied",
            "improvised devices": "ied",
            "improvised explosive devices": "ied",
            "cluster munition remnants": "cm",
            "cluster munitions": "cm",
            "submunitions": "cm",
        }

    @property
    def is_mine(self) -> bool:
        """Whether the category counts as "mines present" (AP, AV or improvised mines)."""
        return self in (
            Contamination.AP_MINES,
            Contamination.AV_MINES,
            Contamination.IMPROVISED_DEVICES,
        )


class BlockedResource(_ParseMixin, enum.Enum):
    """Resources whose use the contamination blocks.

    The first ten are the Landmine Impact Survey blockage variables as they are usually quoted
    (their exact names are unverified, and national surveys adapted the list); the last four
    come from the Cambodia Level One Survey's user scoring (schools, health facilities, markets,
    places of worship).
    """

    RAINFED_CROPLAND = "rainfed-cropland"
    IRRIGATED_CROPLAND = "irrigated-cropland"
    FIXED_PASTURE = "fixed-pasture"
    MIGRATORY_PASTURE = "migratory-pasture"
    DRINKING_WATER = "drinking-water"
    OTHER_WATER = "other-water"
    NON_AGRICULTURAL_LAND = "non-agricultural-land"
    ROADS = "roads"
    HOUSING = "housing"
    OTHER_INFRASTRUCTURE = "other-infrastructure"
    SCHOOLS = "schools"
    HEALTH_FACILITIES = "health-facilities"
    MARKETS = "markets"
    PLACES_OF_WORSHIP = "places-of-worship"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {
            "rain fed cropland": "rainfed cropland",
            "water": "drinking water",
            "road": "roads",
            "school": "schools",
            "market": "markets",
        }


LIS_BLOCKAGES: tuple[BlockedResource, ...] = tuple(BlockedResource)[:10]
"""The ten Landmine Impact Survey blockage variables (names unverified, see the class)."""


class ClearanceMethod(_ParseMixin, enum.Enum):
    """Main asset used on a task: manual, mechanical, mine detection dogs, or a combination."""

    MANUAL = "manual"
    MECHANICAL = "mechanical"
    DOGS = "dogs"
    COMBINED = "combined"
    SURVEY_ONLY = "survey-only"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {"mdd": "dogs", "mine detection dogs": "dogs", "survey": "survey only"}


def _enum_tuple(cls: Any, name: str) -> Any:
    """Converter: an iterable of members, values or aliases -> sorted tuple without repeats."""

    def convert(values: Any) -> tuple[Any, ...]:
        if isinstance(values, str):
            values = [v for v in values.replace(",", ";").split(";") if v.strip()]
        if not isinstance(values, Iterable):
            raise InputError(f"{name}: expected a list of {cls.__name__} values; got {values!r}")
        members = {cls.parse(v) for v in values}
        order = list(cls)
        return tuple(sorted(members, key=order.index))

    convert.__name__ = f"to_{name}"
    return convert


def _shown(value: Any) -> str:
    """A value for a message: numbers as ``-1`` or ``2.5`` (never ``np.float64(2.5)``)."""
    if isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
        return f"{float(value):g}"
    return repr(value)


def _bad_count(values: np.ndarray) -> np.ndarray:
    """True where a count is not a whole number >= 0: the rule of a :class:`HazardousArea`
    count field and of a count column in :func:`check_criteria_table` alike."""
    result: np.ndarray = ~np.isfinite(values) | (values < 0) | (values != np.round(values))
    return result


def _count(name: str) -> Any:
    """Converter for a count: a whole, non-negative number (refuses booleans and 2.5)."""

    def convert(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
            raise InputError(f"{name} must be a whole number >= 0; got {_shown(value)}")
        if _bad_count(np.array([float(value)]))[0]:
            raise InputError(f"{name} must be a whole number >= 0; got {_shown(value)}")
        return int(value)

    convert.__name__ = f"to_{name}"
    return convert


def _nonnegative_number(name: str) -> Any:
    def convert(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
            raise InputError(f"{name} must be a number >= 0; got {value!r}")
        number = float(value)
        if not np.isfinite(number) or number < 0:
            raise InputError(f"{name} must be a finite number >= 0; got {_shown(value)}")
        return number

    convert.__name__ = f"to_{name}"
    return convert


def _to_contamination(values: Any) -> tuple[Contamination, ...]:
    result: tuple[Contamination, ...] = _enum_tuple(Contamination, "contamination")(values)
    return result


def _to_blocked(values: Any) -> tuple[BlockedResource, ...]:
    result: tuple[BlockedResource, ...] = _enum_tuple(BlockedResource, "blocked_resources")(values)
    return result


def _to_kind(value: Any) -> AreaKind:
    result: AreaKind = AreaKind.parse(value)
    return result


def _to_status(value: Any) -> AreaStatus:
    result: AreaStatus = AreaStatus.parse(value)
    return result


def _to_method(value: Any) -> ClearanceMethod | None:
    result: ClearanceMethod | None = None if value is None else ClearanceMethod.parse(value)
    return result


_victims = _count("recent_victims")
_population = _count("affected_population")
_devices = _count("devices_found")
_deminer_days = _nonnegative_number("deminer_days")
_cost = _nonnegative_number("cost")


def _to_recent_victims(value: Any) -> int:
    return int(_victims(value))


def _to_affected_population(value: Any) -> int:
    return int(_population(value))


def _to_devices_found(value: Any) -> int:
    return int(_devices(value))


def _to_deminer_days(value: Any) -> float:
    return float(_deminer_days(value))


def _to_cost(value: Any) -> float:
    return float(_cost(value))


def _identifier(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{attribute.name} must be a non-empty string; got {value!r}")


@attrs.frozen
class HazardousArea:
    """A suspected or confirmed hazardous area and the community impact of its contamination.

    Parameters
    ----------
    id : str
        Identifier (e.g. the IMSMA ``hazard_poly_145`` or a national code).
    kind : AreaKind or str
        ``"SHA"`` (indirect evidence) or ``"CHA"`` (direct evidence).
    area : Quantity or float
        Estimated remaining area [m²]; ha and km² Quantities are converted.
    status : AreaStatus or str
        ``"open"`` (default), ``"worked-on"`` or ``"closed"``.
    contamination : sequence of Contamination or str
        Device categories suspected or confirmed: ``"AP"``, ``"AV"``, ``"UXO"``, ``"IED"``
        (improvised devices), ``"CM"`` (cluster munition remnants). Stored sorted, without
        repeats.
    recent_victims : int
        People killed or injured by explosive ordnance in the community in the last 24 months
        (the LIS "recent victims" window).
    blocked_resources : sequence of BlockedResource or str
        Resources whose use the contamination blocks (see :class:`BlockedResource`).
    affected_population : int
        People living in the affected community [persons].
    distance_to_settlement, distance_to_road, distance_to_water, distance_to_school : Quantity or float, optional
        Distance from the area to the nearest settlement, road, water point and school [m]
        (PriSMA-style proximity criteria); ``None`` when unknown.
    location : str
        Administrative area or community (free text).

    Raises
    ------
    InputError
        Negative area or counts, unknown codes, an empty id.

    Examples
    --------
    >>> from dpssec.mines.areas import HazardousArea
    >>> ha = HazardousArea("HA-7", "SHA", "1.5 ha", contamination="AP; UXO",
    ...                    blocked_resources=["water"], distance_to_road="1.2 km")
    >>> ha.area.magnitude, ha.distance_to_road.magnitude, ha.blocked_resources[0].value
    (15000.0, 1200.0, 'drinking-water')
    >>> HazardousArea("HA-8", "CHA", -5)
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: area must be >= 0 m**2; got -5
    """

    id: str = attrs.field(validator=_identifier)
    kind: AreaKind = attrs.field(converter=_to_kind)
    area: Area = quantity_field("m**2", "area")
    status: AreaStatus = attrs.field(default=AreaStatus.OPEN, converter=_to_status)
    contamination: tuple[Contamination, ...] = attrs.field(default=(), converter=_to_contamination)
    recent_victims: int = attrs.field(default=0, converter=_to_recent_victims)
    blocked_resources: tuple[BlockedResource, ...] = attrs.field(default=(), converter=_to_blocked)
    affected_population: int = attrs.field(default=0, converter=_to_affected_population)
    distance_to_settlement: Distance | None = quantity_field(
        "m", "distance_to_settlement", optional=True
    )
    distance_to_road: Distance | None = quantity_field("m", "distance_to_road", optional=True)
    distance_to_water: Distance | None = quantity_field("m", "distance_to_water", optional=True)
    distance_to_school: Distance | None = quantity_field("m", "distance_to_school", optional=True)
    location: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    @property
    def mines_present(self) -> bool:
        """Whether AP, AV or improvised mines are suspected or confirmed."""
        return any(c.is_mine for c in self.contamination)

    def score(self, scheme: Any) -> float:
        """This area's score under a :class:`~dpssec.mines.scoring.ScoringScheme`."""
        from dpssec.mines.scoring import impact_score  # the calculator layer

        return float(impact_score(self, scheme))

    def criteria(self) -> dict[str, float]:
        """This area's criterion values, keyed as in :func:`criteria_table`."""
        return {name: float(values[0]) for name, values in criteria_table([self]).items()}


CONTAMINATION_CRITERIA: dict[str, Contamination] = {
    "ap_mines": Contamination.AP_MINES,
    "av_mines": Contamination.AV_MINES,
    "uxo": Contamination.UXO,
    "improvised_devices": Contamination.IMPROVISED_DEVICES,
    "cluster_munitions": Contamination.CLUSTER_MUNITIONS,
}

DISTANCE_CRITERIA = (
    "distance_to_settlement",
    "distance_to_road",
    "distance_to_water",
    "distance_to_school",
)


def blocked_criterion(resource: BlockedResource) -> str:
    """Criterion name of a blocked resource: ``"blocked_drinking_water"``."""
    return "blocked_" + resource.value.replace("-", "_")


def criteria_table(areas: Sequence[HazardousArea]) -> dict[str, np.ndarray]:
    """The criterion columns of a list of areas, as float arrays (one value per area).

    Columns: ``area`` [m²], ``recent_victims``, ``affected_population``, ``confirmed`` (1 for
    a CHA), ``mines`` (1 when AP, AV or improvised mines are present), ``ap_mines``,
    ``av_mines``, ``uxo``, ``improvised_devices``, ``cluster_munitions`` (0/1),
    ``blocked_resources`` (number of distinct blocked resources), one ``blocked_<resource>``
    column (0/1) per :class:`BlockedResource`, and ``distance_to_settlement``, ``_road``,
    ``_water``, ``_school`` [m] (NaN when unknown, refused later if a method uses them).

    Examples
    --------
    >>> from dpssec.mines.areas import HazardousArea, criteria_table
    >>> table = criteria_table([HazardousArea("a", "SHA", area=100, contamination=["UXO"]),
    ...                         HazardousArea("b", "CHA", area=50, recent_victims=3)])
    >>> table["uxo"], table["recent_victims"], table["confirmed"]
    (array([1., 0.]), array([0., 3.]), array([0., 1.]))
    """
    areas = list(areas)
    if not all(isinstance(a, HazardousArea) for a in areas):
        bad = next(i for i, a in enumerate(areas) if not isinstance(a, HazardousArea))
        raise InputError(
            f"areas: expected HazardousArea objects; item {bad} is {type(areas[bad]).__name__}"
        )
    table: dict[str, np.ndarray] = {
        "area": np.array([a.area.magnitude for a in areas], dtype=float),
        "recent_victims": np.array([a.recent_victims for a in areas], dtype=float),
        "affected_population": np.array([a.affected_population for a in areas], dtype=float),
        "confirmed": np.array([a.kind is AreaKind.CHA for a in areas], dtype=float),
        "mines": np.array([a.mines_present for a in areas], dtype=float),
    }
    for name, member in CONTAMINATION_CRITERIA.items():
        table[name] = np.array([member in a.contamination for a in areas], dtype=float)
    table["blocked_resources"] = np.array([len(a.blocked_resources) for a in areas], dtype=float)
    for resource in BlockedResource:
        table[blocked_criterion(resource)] = np.array(
            [resource in a.blocked_resources for a in areas], dtype=float
        )
    for name in DISTANCE_CRITERIA:
        values = [getattr(a, name) for a in areas]
        table[name] = np.array([np.nan if v is None else v.magnitude for v in values], dtype=float)
    return table


@attrs.frozen
class LandReleaseRecord:
    """The land-release product of one task: area cancelled, reduced and cleared.

    IMAS 04.10 terms: *cancelled* land was found to hold no evidence of contamination by
    non-technical survey, *reduced* land by technical survey, and *cleared* land was processed
    by removing or destroying all specified hazards to the specified depth.

    Parameters
    ----------
    area_id : str
        The hazardous area (or task) the record belongs to.
    cancelled, reduced, cleared : Quantity or float
        Areas released by each route [m²]; ha and km² Quantities are converted.
    method : ClearanceMethod or str, optional
        Main clearance asset (``"manual"``, ``"mechanical"``, ``"dogs"``, ``"combined"``,
        ``"survey-only"``).
    start_date, end_date : datetime.date, optional
        Task dates; the end may not precede the start.
    devices_found : int
        Explosive items found and destroyed.
    deminer_days : float
        Working days of deminers spent on the task [person·day].
    cost : float
        Cost of the task [currency units, see ``currency``].
    currency : str
        ISO 4217 code of ``cost`` (default ``"USD"``).
    clearance_depth : Quantity or float, optional
        Depth to which the land was cleared [cm]. IMAS 09.10 sets no universal depth: the
        national authority specifies it per task, so it is recorded rather than assumed.

    Examples
    --------
    >>> from dpssec.mines.areas import LandReleaseRecord
    >>> r = LandReleaseRecord("HA-001", cancelled="0.24 km**2", reduced="35 ha", cleared=380000)
    >>> r.released
    <Quantity(970000.0, 'meter ** 2')>
    """

    area_id: str = attrs.field(validator=_identifier)
    cancelled: Area = quantity_field("m**2", "cancelled", default=0.0)
    reduced: Area = quantity_field("m**2", "reduced", default=0.0)
    cleared: Area = quantity_field("m**2", "cleared", default=0.0)
    method: ClearanceMethod | None = attrs.field(default=None, converter=_to_method)
    start_date: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(dt.date))
    )
    end_date: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(dt.date))
    )
    devices_found: int = attrs.field(default=0, converter=_to_devices_found)
    deminer_days: float = attrs.field(default=0.0, converter=_to_deminer_days)
    cost: float = attrs.field(default=0.0, converter=_to_cost)
    currency: str = attrs.field(default="USD", validator=_identifier)
    clearance_depth: Depth | None = quantity_field("cm", "clearance_depth", optional=True)

    def __attrs_post_init__(self) -> None:
        if (
            self.start_date is not None
            and self.end_date is not None
            and self.end_date < self.start_date
        ):
            raise InputError(
                f"end_date {self.end_date} precedes start_date {self.start_date} "
                f"(record {self.area_id!r})"
            )

    @property
    def released(self) -> Area:
        """Total area released (cancelled + reduced + cleared) [m²]."""
        total: Area = self.cancelled + self.reduced + self.cleared
        return total

    def summary(self) -> Any:
        """Shares, productivity, cost and device rates of this record (a
        :class:`~dpssec.mines.land_release.LandReleaseSummary`)."""
        from dpssec.mines.land_release import summarise_release  # the calculator layer

        return summarise_release([self])


COUNT_CRITERIA: tuple[str, ...] = ("recent_victims", "affected_population", "blocked_resources")
"""Criterion columns that hold whole numbers >= 0 (as the :class:`HazardousArea` counts)."""

BINARY_CRITERIA: tuple[str, ...] = (
    "confirmed",
    "mines",
    *CONTAMINATION_CRITERIA,
    *(blocked_criterion(r) for r in BlockedResource),
)
"""Criterion columns that hold 0 or 1 (a yes/no attribute of a :class:`HazardousArea`)."""


def _column_rule(name: str) -> tuple[str, Any] | None:
    """What a criterion column must hold, as a :class:`HazardousArea` field would: the rule's
    wording and a predicate that is True for the *bad* values (NaN handled per rule)."""
    if name == "area":
        return "a finite area >= 0 [m²]", lambda v: ~np.isfinite(v) | (v < 0)
    if name in COUNT_CRITERIA:
        return "a whole number >= 0", _bad_count
    if name in BINARY_CRITERIA:
        return "0 or 1 (no/yes)", lambda v: ~np.isin(v, (0.0, 1.0))
    if name in DISTANCE_CRITERIA:
        # NaN is an unknown distance (None on a HazardousArea); methods that use it refuse it.
        return "a distance >= 0 [m] (empty when unknown)", lambda v: np.isinf(v) | (v < 0)
    return None


def check_criteria_table(table: Any, ids: Any) -> None:
    """Refuse a table of areas whose known criterion columns hold values a
    :class:`HazardousArea` would refuse: a negative or non-finite ``area``, negative or
    fractional counts, yes/no columns other than 0/1, negative distances.

    The check is the one a list of :class:`HazardousArea` (and the CSV reader, which builds
    them) passes by construction, so a table and a list of areas are held to the same rules.
    Unknown columns are left to the method that uses them.

    Parameters
    ----------
    table : mapping of columns or DataFrame
        Criterion columns named as in :func:`criteria_table`.
    ids : sequence of str
        The area ids, one per row (named in the message).

    Raises
    ------
    InputError
        Naming the column, how many rows are bad, and the first bad row (1-based) with its id.

    Examples
    --------
    >>> from dpssec.mines.areas import check_criteria_table
    >>> check_criteria_table({"area": [100.0, -5.0]}, ["A", "B"])
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: areas: column 'area' must hold a finite area >= 0 [m²]: 1 of 2 rows are bad (first at row 2, id 'B': -5)
    """
    ids = np.asarray(ids).astype(str)
    blank = np.char.strip(ids) == ""
    if blank.any():
        k = int(np.argmax(blank))
        raise InputError(
            f"areas: {int(blank.sum())} of {ids.size} ids are empty (first at row {k + 1}); "
            "every area needs a non-empty id"
        )
    names = list(table.keys()) if hasattr(table, "keys") else list(table.columns)
    for name in names:
        rule = _column_rule(str(name))
        if rule is None:
            continue
        wording, is_bad = rule
        try:
            values = np.asarray(table[name], dtype=float)
        except (TypeError, ValueError):
            raise InputError(
                f"areas: column {name!r} must hold {wording}; it holds values that are not numbers"
            ) from None
        if values.shape != ids.shape:
            raise InputError(
                f"areas: column {name!r} has {values.size} values for {ids.size} areas"
            )
        bad = np.asarray(is_bad(values))
        if bad.any():
            k = int(np.argmax(bad))
            raise InputError(
                f"areas: column {name!r} must hold {wording}: {int(bad.sum())} of {ids.size} rows "
                f"are bad (first at row {k + 1}, id {str(ids[k])!r}: {float(values[k]):g})"
            )
