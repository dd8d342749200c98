"""The prison facility model: counts on a reference date, capacity and optional cells.

:class:`PrisonFacility` stores what a prison administration reports for one establishment
on one day (UN-CTS counts are "on a specified day"; SPACE I and UN-CTS dates differ, so the
date is explicit) and forwards to the calculators: occupancy, overcrowding band,
unsentenced share and cell checks. It holds no formula of its own.

For example:

>>> import datetime as dt
>>> from dpssec.justice import Cell, PrisonFacility
>>> f = PrisonFacility("Centro Norte", "CRI", dt.date(2024, 1, 31), official_capacity=800,
...                    population=936, unsentenced=210, sentenced=726,
...                    cells=(Cell("A-1", floor_area=9.0, occupants=3, sanitary_area=1.0),))
>>> f.occupancy_rate()
117.0
>>> f.country_name
'Costa Rica'
>>> from dpssec.serialization import from_json, to_json
>>> from_json(to_json(f), PrisonFacility) == f
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from dpssec.boundary import Area as AreaSpec
from dpssec.boundary import Count, Date, Flag, Records, Text, example
from dpssec.boundary import Length as LengthSpec
from dpssec.countries import MemberStateCode, member_state
from dpssec.errors import InputError
from dpssec.findings import ComplianceReport, Finding
from dpssec.justice.cell_checks import check_cell_space
from dpssec.justice.cell_space import (
    CELL_SPACE_STANDARD,
    CellSpaceStandard,
    capacity_from_floor_area,
)
from dpssec.justice.occupancy import (
    OccupancyClassification,
    OvercrowdingStandard,
    classify_occupancy,
    occupancy_rate,
)
from dpssec.units import Q_, Quantity

if TYPE_CHECKING:  # pint's Quantity is generic for type checkers; cattrs needs the plain class
    from dpssec.stats import Estimate

    Area = Quantity[Any]
    Length = Quantity[Any]
else:
    Area = Length = Quantity

__all__ = ["Cell", "CountsBySex", "PrisonFacility"]


@example(180, 30)
@attrs.frozen
class CountsBySex:
    """A count split by sex, as UN-CTS reports it.

    Attributes
    ----------
    male, female : int
        Persons [persons], >= 0.
    """

    male: int = Count().field()
    female: int = Count().field()

    @property
    def total(self) -> int:
        return self.male + self.female


@example("A-12", 3, "9 m**2", sanitary_area=1.2, sanitary_partitioned=True, ceiling_height="2.6 m")
@attrs.frozen
class Cell:
    """A cell or dormitory of a facility.

    Attributes
    ----------
    name : str
    occupants : int
        Persons held in it on the reference date [persons].
    floor_area : Quantity
        Floor area including any in-cell sanitary annexe [m²], > 0.
    sanitary_area : Quantity
        Sanitary annexe area [m²], at most the floor area.
    sanitary_partitioned : bool or None
        Whether the annexe is fully partitioned (None: not known).
    min_wall_distance : Quantity or None
        Shortest distance between opposite walls [m].
    ceiling_height : Quantity or None
        Floor-to-ceiling height [m].
    """

    name: str = Text().field()
    occupants: int = Count().field()
    floor_area: Area = AreaSpec(positive=True).field()
    sanitary_area: Area = AreaSpec().field(default=0.0)
    sanitary_partitioned: bool | None = Flag(optional=True).field()
    min_wall_distance: Length | None = LengthSpec(positive=True, optional=True).field()
    ceiling_height: Length | None = LengthSpec(positive=True, optional=True).field()

    def __attrs_post_init__(self) -> None:
        if self.sanitary_area.magnitude > self.floor_area.magnitude:
            raise InputError(
                f"cell {self.name!r}: sanitary_area {self.sanitary_area} exceeds floor_area "
                f"{self.floor_area}"
            )

    def check(self, standard: str | CellSpaceStandard = "cpt-minimum") -> list[Finding]:
        """Findings of :func:`~dpssec.justice.check_cell_space` for this cell."""
        return check_cell_space(
            self.floor_area,
            self.occupants,
            sanitary_area=self.sanitary_area,
            standard=standard,
            min_wall_distance=self.min_wall_distance,
            ceiling_height=self.ceiling_height,
            sanitary_partitioned=self.sanitary_partitioned,
            subject=self.name,
        )

    def capacity(self, standard: str | CellSpaceStandard = "cpt-minimum") -> int:
        """Persons the cell can hold under ``standard`` (area only)."""
        places: int = capacity_from_floor_area(
            self.floor_area, sanitary_area=self.sanitary_area, standard=standard
        )
        return places


def _cell_tuple(cells: Iterable[Cell]) -> tuple[Cell, ...]:
    checked: tuple[Cell, ...] = Records(Cell).convert(cells, "cells")
    return checked


@example(
    "Centro Norte",
    "CR",
    "2024-01-31",
    official_capacity=800,
    population=936,
    unsentenced=210,
    sentenced=726,
    unsentenced_by_sex=CountsBySex(180, 30),
    cells=[Cell("A-12", 3, Q_(9, "m**2"))],
)
@attrs.frozen
class PrisonFacility:
    """A prison, jail or other penal establishment on a reference date.

    Attributes
    ----------
    name : str
    country : str
        ISO 3166 code of an OAS member state (alpha-2 or alpha-3 accepted; stored as alpha-3).
    reference_date : datetime.date
        Day the counts refer to.
    official_capacity : int
        Places available without overcrowding [places], > 0.
    population : int
        Persons held on the reference date [persons].
    unsentenced, sentenced : int or None
        Persons held without / with a sentence (UN-CTS: persons awaiting appeal count as
        sentenced). Their sum may be below the population (e.g. civil detainees).
    unsentenced_by_sex, sentenced_by_sex : CountsBySex or None
        The same counts split by sex; when both a total and a split are given they must agree.
    awaiting_appeal : int or None
        Persons convicted at first instance and awaiting appeal, counted among the sentenced
        (UN-CTS); the World Prison Brief counts them as remand (``definition="wpb-remand"``).
    cells : tuple of Cell

    Raises
    ------
    InputError
        A count that is not a whole number (numpy integers and integral floats such as
        ``120.0`` are accepted, ``120.5``, text and booleans are not), negative, or a zero
        capacity; an empty name; a reference date that is not a day (ISO text is read); a
        country outside the OAS; sentenced plus unsentenced above the population; a split by
        sex that disagrees with its total; two cells with the same name.

    Examples
    --------
    >>> import datetime as dt
    >>> from dpssec.justice import PrisonFacility
    >>> f = PrisonFacility("Centro Norte", "CR", dt.date(2024, 1, 31), official_capacity=800,
    ...                    population=936, unsentenced=210, sentenced=726)
    >>> f.country, round(f.occupancy_rate(), 1), round(f.unsentenced_share().value, 1)
    ('CRI', 117.0, 22.4)
    """

    name: str = Text().field()
    country: str = MemberStateCode().field()
    reference_date: dt.date = Date().field()
    official_capacity: int = Count(positive=True).field()
    population: int = Count().field()
    unsentenced: int | None = Count(optional=True).field()
    sentenced: int | None = Count(optional=True).field()
    unsentenced_by_sex: CountsBySex | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(CountsBySex))
    )
    sentenced_by_sex: CountsBySex | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(CountsBySex))
    )
    awaiting_appeal: int | None = Count(optional=True).field()
    cells: tuple[Cell, ...] = attrs.field(default=(), converter=_cell_tuple)

    def __attrs_post_init__(self) -> None:
        where = f"facility {self.name!r}"
        for label in ("unsentenced", "sentenced"):
            total = getattr(self, label)
            split: CountsBySex | None = getattr(self, f"{label}_by_sex")
            if split is not None and total is not None and split.total != total:
                raise InputError(
                    f"{where}: {label}_by_sex sums to {split.total} but {label} is {total}"
                )
        unsentenced = self.unsentenced_count
        sentenced = self.sentenced_count
        if unsentenced is not None and unsentenced > self.population:
            raise InputError(
                f"{where}: unsentenced ({unsentenced}) is above the population ({self.population})"
            )
        if sentenced is not None and sentenced > self.population:
            raise InputError(
                f"{where}: sentenced ({sentenced}) is above the population ({self.population})"
            )
        if (
            unsentenced is not None
            and sentenced is not None
            and unsentenced + sentenced > self.population
        ):
            raise InputError(
                f"{where}: unsentenced + sentenced ({unsentenced + sentenced}) is above the "
                f"population ({self.population})"
            )
        if (
            self.awaiting_appeal is not None
            and sentenced is not None
            and self.awaiting_appeal > sentenced
        ):
            raise InputError(
                f"{where}: awaiting_appeal ({self.awaiting_appeal}) is above the sentenced "
                f"count ({sentenced}); under UN-CTS they are part of it"
            )
        names = [c.name for c in self.cells]
        if len(set(names)) != len(names):
            dup = next(n for n in names if names.count(n) > 1)
            raise InputError(
                f"{where}: parameter 'cells': cell name {dup!r} appears more than once"
            )

    @property
    def unsentenced_count(self) -> int | None:
        """Unsentenced persons from the total or the split by sex (None if neither is given)."""
        if self.unsentenced is not None:
            return self.unsentenced
        return None if self.unsentenced_by_sex is None else self.unsentenced_by_sex.total

    @property
    def sentenced_count(self) -> int | None:
        """Sentenced persons from the total or the split by sex (None if neither is given)."""
        if self.sentenced is not None:
            return self.sentenced
        return None if self.sentenced_by_sex is None else self.sentenced_by_sex.total

    @property
    def country_name(self) -> str:
        return member_state(self.country).name_en

    def occupancy_rate(self) -> float:
        """Population x 100 / official capacity [%] (:func:`~dpssec.justice.occupancy_rate`)."""
        rate: float = occupancy_rate(self.population, self.official_capacity)
        return rate

    def overcrowding(
        self, standard: str | OvercrowdingStandard = "over-capacity"
    ) -> OccupancyClassification:
        """The occupancy band under a threshold preset (:func:`~dpssec.justice.classify_occupancy`)."""
        return classify_occupancy(self.occupancy_rate(), standard=standard)

    def unsentenced_share(
        self, *, definition: str = "un-cts", confidence: float = 0.95
    ) -> Estimate:
        """Share of the population held without sentence (:func:`~dpssec.justice.unsentenced_share`)."""
        from dpssec.justice.pretrial import unsentenced_share

        count = self.unsentenced_count
        if count is None:
            raise InputError(f"facility {self.name!r}: no unsentenced count was given")
        return unsentenced_share(
            count,
            self.population,
            definition=definition,
            awaiting_appeal=self.awaiting_appeal or 0,
            confidence=confidence,
        )

    def check_cells(self, standard: str | CellSpaceStandard = "cpt-minimum") -> ComplianceReport:
        """Check every cell against a living-space standard."""
        chosen: CellSpaceStandard = CELL_SPACE_STANDARD.convert(standard, "standard")
        findings: list[Finding] = [f for cell in self.cells for f in cell.check(chosen)]
        return ComplianceReport(
            findings,
            title=f"Cell space, {self.name} ({self.reference_date.isoformat()})",
            criteria=f"{chosen.title} ({chosen.reference})",
        )

    def area_capacity(self, standard: str | CellSpaceStandard = "cpt-minimum") -> int:
        """Persons the listed cells can hold under ``standard`` (area only; 0 without cells)."""
        return sum(cell.capacity(standard) for cell in self.cells)
