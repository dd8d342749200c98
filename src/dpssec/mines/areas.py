"""Hazardous areas and land-release records, the two models of mine-action accounting.

This is the models layer of :mod:`dpssec.mines`: frozen attrs classes whose fields are built
from the input vocabulary of :mod:`dpssec.boundary` (the same specifications a calculator
declares, see :data:`~dpssec.mines.criteria.CRITERION_SPECS`) and whose methods forward to
the calculators (:func:`~dpssec.mines.scoring.impact_score`,
:func:`~dpssec.mines.land_release.summarise_release`). The codes they use live in
:mod:`dpssec.mines.codes`, the criterion columns in :mod:`dpssec.mines.criteria`.

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
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from dpssec.boundary import (
    Amount,
    Area,
    Choice,
    Choices,
    Count,
    Date,
    Length,
    Number,
    Text,
    example,
    example_by,
)
from dpssec.errors import InputError

# Their former home: kept importable from here (defined in codes and criteria).
from dpssec.mines.codes import LIS_BLOCKAGES as LIS_BLOCKAGES
from dpssec.mines.codes import (
    AreaKind,
    AreaStatus,
    BlockedResource,
    ClearanceMethod,
    Contamination,
)
from dpssec.mines.criteria import (
    CONTAMINATION_CRITERIA,
    DISTANCE_CRITERIA,
    blocked_criterion,
)
from dpssec.mines.criteria import check_criteria_table as check_criteria_table
from dpssec.mines.criteria import criteria_table as criteria_table
from dpssec.mines.land_release import LandReleaseSummary, summarise_release
from dpssec.mines.scoring import ScoringScheme, impact_score
from dpssec.units import Q_, Quantity

if TYPE_CHECKING:  # pint's Quantity is generic for type checkers; cattrs needs the plain class
    AreaQuantity = Quantity[Any]
    Distance = Quantity[Any]
    Depth = Quantity[Any]
else:
    AreaQuantity = Distance = Depth = Quantity

__all__ = ["HazardousArea", "LandReleaseRecord"]


@example("HA-001", "CHA", "2.5 ha", contamination=["AP"], recent_victims=2)
@attrs.frozen
class HazardousArea:
    """A suspected or confirmed hazardous area and the community impact of its contamination.

    Parameters
    ----------
    id : str
        Identifier (e.g. the IMSMA ``hazard_poly_145`` or a national code).
    kind : AreaKind or str
        ``"SHA"`` (indirect evidence) or ``"CHA"`` (direct evidence).
    area : Quantity, float or str
        Estimated remaining area [m²]; ha and km² Quantities and text such as ``"2.5 ha"``
        are converted.
    status : AreaStatus or str
        ``"open"`` (default), ``"worked-on"`` or ``"closed"``.
    contamination : sequence of Contamination or str
        Device categories suspected or confirmed: ``"AP"``, ``"AV"``, ``"UXO"``, ``"IED"``
        (improvised devices), ``"CM"`` (cluster munition remnants), or one text with ``;``
        between them. Stored sorted, without repeats.
    recent_victims : int
        People killed or injured by explosive ordnance in the community in the last 24 months
        (the LIS "recent victims" window); a whole number >= 0 (``2.0`` is read as 2, ``2.5``
        is refused, as for every count).
    blocked_resources : sequence of BlockedResource or str
        Resources whose use the contamination blocks (see :class:`BlockedResource`).
    affected_population : int
        People living in the affected community [persons].
    distance_to_settlement, distance_to_road, distance_to_water, distance_to_school : Quantity, float or str, optional
        Distance from the area to the nearest settlement, road, water point and school [m]
        (PriSMA-style proximity criteria); ``None`` when unknown.
    location : str
        Administrative area or community (free text, may be empty).

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
    >>> HazardousArea("HA-8", "CHA", 2e4, recent_victims=2.0).recent_victims
    2
    >>> HazardousArea("HA-8", "CHA", -5)
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'area': 1 of 1 values are negative (first at index 0: -5.0)
    """

    id: str = Text().field()
    kind: AreaKind = Choice(AreaKind).field()
    area: AreaQuantity = Area().field()
    status: AreaStatus = Choice(AreaStatus).field(default=AreaStatus.OPEN)
    contamination: tuple[Contamination, ...] = Choices(Contamination).field(default=())
    recent_victims: int = Count().field(default=0)
    blocked_resources: tuple[BlockedResource, ...] = Choices(BlockedResource).field(default=())
    affected_population: int = Count().field(default=0)
    distance_to_settlement: Distance | None = Length(optional=True).field()
    distance_to_road: Distance | None = Length(optional=True).field()
    distance_to_water: Distance | None = Length(optional=True).field()
    distance_to_school: Distance | None = Length(optional=True).field()
    location: str = Text(empty=True).field(default="")

    @property
    def mines_present(self) -> bool:
        """Whether AP, AV or improvised mines are suspected or confirmed."""
        return any(c.is_mine for c in self.contamination)

    def score(self, scheme: ScoringScheme) -> float:
        """This area's score under a :class:`~dpssec.mines.scoring.ScoringScheme`."""
        return float(impact_score(self, scheme))

    def criteria(self) -> dict[str, float]:
        """This area's criterion values, keyed as in
        :func:`~dpssec.mines.criteria.criteria_table` (distances NaN when unknown)."""
        values = {
            "area": float(self.area.magnitude),
            "recent_victims": float(self.recent_victims),
            "affected_population": float(self.affected_population),
            "confirmed": float(self.kind is AreaKind.CHA),
            "mines": float(self.mines_present),
        }
        for name, member in CONTAMINATION_CRITERIA.items():
            values[name] = float(member in self.contamination)
        values["blocked_resources"] = float(len(self.blocked_resources))
        for resource in BlockedResource:
            values[blocked_criterion(resource)] = float(resource in self.blocked_resources)
        for name in DISTANCE_CRITERIA:
            distance = getattr(self, name)
            values[name] = np.nan if distance is None else float(distance.magnitude)
        return values


@example("HA-001", cancelled="0.24 km**2", reduced="35 ha", cleared=380_000)
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
    cancelled, reduced, cleared : Quantity, float or str
        Areas released by each route [m²]; ha and km² Quantities and text are converted.
    method : ClearanceMethod or str, optional
        Main clearance asset (``"manual"``, ``"mechanical"``, ``"dogs"``, ``"combined"``,
        ``"survey-only"``).
    start_date, end_date : datetime.date or str, optional
        Task dates (``"2024-05-31"`` accepted); the end may not precede the start.
    devices_found : int
        Explosive items found and destroyed.
    deminer_days : float
        Working days of deminers spent on the task [person·day].
    cost : float
        Cost of the task [currency units, see ``currency``].
    currency : str
        ISO 4217 code of ``cost`` (default ``"USD"``).
    clearance_depth : Quantity, float or str, optional
        Depth to which the land was cleared [cm]. IMAS 09.10 sets no universal depth: the
        national authority specifies it per task, so it is recorded rather than assumed.

    Raises
    ------
    InputError
        Negative areas, counts, days or costs; unknown methods; an end before the start.

    Examples
    --------
    >>> from dpssec.mines.areas import LandReleaseRecord
    >>> r = LandReleaseRecord("HA-001", cancelled="0.24 km**2", reduced="35 ha", cleared=380000)
    >>> r.released
    <Quantity(970000.0, 'meter ** 2')>
    """

    area_id: str = Text().field()
    cancelled: AreaQuantity = Area().field(default=0.0)
    reduced: AreaQuantity = Area().field(default=0.0)
    cleared: AreaQuantity = Area().field(default=0.0)
    method: ClearanceMethod | None = Choice(ClearanceMethod, optional=True).field()
    start_date: dt.date | None = Date(optional=True).field()
    end_date: dt.date | None = Date(optional=True).field()
    devices_found: int = Count().field(default=0)
    deminer_days: float = Number(lower=0).field(default=0.0)
    cost: float = Number(lower=0).field(default=0.0)
    currency: str = Text().field(default="USD")
    clearance_depth: Depth | None = Amount("cm", optional=True).field()

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
    def released(self) -> AreaQuantity:
        """Total area released (cancelled + reduced + cleared) [m²]."""
        total: AreaQuantity = self.cancelled + self.reduced + self.cleared
        return total

    def summary(self) -> LandReleaseSummary:
        """Shares, productivity, cost and device rates of this record (a
        :class:`~dpssec.mines.land_release.LandReleaseSummary`)."""
        return summarise_release([self])


# The example of the summary is declared here, where its records are defined (the calculator
# layer does not import the models).
example_by(
    lambda: summarise_release(
        [
            LandReleaseRecord("T1", cleared=Q_(600, "m**2"), deminer_days=20, cost=4200),
            LandReleaseRecord(
                "T2",
                cancelled=Q_(1, "ha"),
                reduced=Q_(2000, "m**2"),
                cleared=Q_(400, "m**2"),
                deminer_days=30,
                devices_found=3,
                cost=5800,
            ),
        ]
    )
)(LandReleaseSummary)
