"""Depot models: stocks, explosives buildings, exposed sites and the depot; ECM orientation.

Frozen attrs classes that store what an authority records about a depot and round-trip through
JSON (:mod:`dpssec.serialization`). Positions are on a local metric grid (``x`` east, ``y``
north, in metres; feet are converted); a door azimuth is in degrees clockwise from grid north.
Distances are measured between these points: record for each building the point from which
AASTP-1 (2006) §1.3.2.2 a measures (the nearest point of the PES to the exposed site), or
accept the centre-to-centre distance as an approximation.

Orientation of an earth-covered magazine (ECM) towards an exposed site follows AASTP-1 (2006)
Annex I-A Notes 1-2 and IATG 02.20:2021 Annex C: the front sector lies between lines drawn at
**150°** to the front face from the front corners, i.e. within 150° - 90° = **60°** of the door
axis; the rear sector between lines at **135°** to the rear face, i.e. within **45°** of the
rear axis; everything else is side. For HD 1.2 the front lines are at **100°** (within 10° of
the door axis). A site on a boundary takes the greater distance (front before side before
rear). Treating the magazine as a point ignores the width of its faces, which matters only
for exposed sites within a few magazine widths.

For example:

>>> from dpssec.arms.storage.models import sector_orientation
>>> sector_orientation(90.0, 150.0).value, sector_orientation(90.0, 151.0).value
('front', 'side')
>>> sector_orientation(90.0, 270.0).value
'rear'
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from dpssec._checks import as_array, is_scalar_input
from dpssec._fields import quantity_field
from dpssec.arms.storage.aggregation import StockAttribute
from dpssec.arms.storage.classification import (
    CompatibilityGroup,
    HazardDivision,
    check_combination,
)
from dpssec.arms.storage.sites import ExposedSiteKind, Orientation, PESKind, ProtectionLevel
from dpssec.errors import InputError
from dpssec.units import Quantity

__all__ = [
    "CRITERIA_NAMES",
    "AmmunitionStock",
    "Depot",
    "ExplosivesBuilding",
    "ExposedSite",
    "bearing",
    "sector_orientation",
]

if TYPE_CHECKING:
    QuantityT = Quantity[Any]
else:  # serialization dispatches on the plain class (a generic alias is not a type)
    QuantityT = Quantity

CRITERIA_NAMES = ("IATG_02_20_2021", "AASTP1_2006")
"""Names of the criteria sets a :class:`Depot` may name (``dpssec.arms.storage`` attributes)."""

FRONT_SECTOR_DEG = 150.0
"""Front-sector lines at 150° to the front face (AASTP-1 2006 Annex I-A Note 1) [deg]."""
FRONT_SECTOR_HD12_DEG = 100.0
"""Front-sector lines at 100° to the front face for HD 1.2 (Annex I-A Note 2) [deg]."""
REAR_SECTOR_DEG = 135.0
"""Rear-sector lines at 135° to the rear face (Annex I-A Note 1) [deg]."""

_TOLERANCE_DEG = 1e-9  # a site on a boundary (up to rounding) takes the greater distance


# -- orientation ------------------------------------------------------------------------------


def bearing(from_x: Any, from_y: Any, to_x: Any, to_y: Any) -> Any:
    """Grid bearing from one point to another, degrees clockwise from grid north.

    Parameters
    ----------
    from_x, from_y, to_x, to_y : array-like
        Grid coordinates [m] (east, north).

    Returns
    -------
    float or ndarray
        Bearing in [0, 360) [deg].

    Examples
    --------
    >>> from dpssec.arms.storage.models import bearing
    >>> bearing(0, 0, 10, 0), bearing(0, 0, 0, -5)
    (90.0, 180.0)
    """
    scalar = is_scalar_input(from_x, from_y, to_x, to_y)
    dx = np.asarray(to_x, dtype=float) - np.asarray(from_x, dtype=float)
    dy = np.asarray(to_y, dtype=float) - np.asarray(from_y, dtype=float)
    result = np.mod(np.degrees(np.arctan2(dx, dy)), 360.0)
    return float(result) if scalar else result


def _sector_codes(door_azimuth: Any, bearing_deg: Any, front_half_angle: Any) -> Any:
    """0 front, 1 side, 2 rear (kernel on magnitudes in degrees)."""
    deviation = np.abs(np.mod(np.asarray(bearing_deg) - door_azimuth + 180.0, 360.0) - 180.0)
    rear_half_angle = REAR_SECTOR_DEG - 90.0
    front = deviation <= front_half_angle + _TOLERANCE_DEG
    rear = deviation > 180.0 - rear_half_angle + _TOLERANCE_DEG
    return np.where(front, 0, np.where(rear, 2, 1))


_ORIENTATIONS = np.array([Orientation.FRONT, Orientation.SIDE, Orientation.REAR], dtype=object)


def sector_orientation(
    door_azimuth: Any, bearing: Any, *, division: HazardDivision | str | None = None
) -> Any:
    """The face of an earth-covered magazine turned towards an exposed site.

    Parameters
    ----------
    door_azimuth : array-like
        Direction the door (front face) looks, clockwise from grid north [deg].
    bearing : array-like
        Bearing from the magazine to the exposed site [deg].
    division : HazardDivision or str, optional
        ``"1.2.1"`` or ``"1.2.2"`` narrows the front sector to the 100° lines.

    Returns
    -------
    Orientation or ndarray of Orientation
        Scalar in, scalar out.

    Raises
    ------
    InputError
        For NaN or infinite angles.

    Notes
    -----
    Front if the bearing is within ``150° - 90° = 60°`` of the door azimuth (``10°`` for HD
    1.2), rear if within ``135° - 90° = 45°`` of the opposite direction, side otherwise;
    boundaries go to the sector with the greater distance.

    References
    ----------
    AASTP-1 Ed.1 Ch.2 (2006) Annex I-A Notes 1-2; IATG 02.20:2021 Annex C.

    Examples
    --------
    >>> from dpssec.arms.storage.models import sector_orientation
    >>> sector_orientation(0.0, 11.0, division="1.2.1").value
    'side'
    >>> [o.value for o in sector_orientation(0.0, [0.0, 90.0, 225.0])]
    ['front', 'side', 'side']
    """
    scalar = is_scalar_input(door_azimuth, bearing)
    door = as_array(door_azimuth, "door_azimuth")
    toward = as_array(bearing, "bearing")
    front_deg = FRONT_SECTOR_DEG
    if division is not None and HazardDivision.parse(division) in (
        HazardDivision.HD_1_2_1,
        HazardDivision.HD_1_2_2,
    ):
        front_deg = FRONT_SECTOR_HD12_DEG
    codes = _sector_codes(door, toward, front_deg - 90.0)
    if scalar:
        return _ORIENTATIONS[int(codes)]
    return _ORIENTATIONS[np.asarray(codes)]


# -- validators and converters ----------------------------------------------------------------


def _nonempty_text(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{attribute.name} must be a non-empty string; got {value!r}")


def _attributes(values: Iterable[StockAttribute | str]) -> tuple[StockAttribute, ...]:
    if isinstance(values, str):
        values = [values]
    parsed = set()
    for value in values:
        if isinstance(value, StockAttribute):
            parsed.add(value)
            continue
        try:
            parsed.add(StockAttribute(value))
        except ValueError:
            choices = ", ".join(m.value for m in StockAttribute)
            raise InputError(f"unknown stock attribute {value!r}; use one of {choices}") from None
    return tuple(sorted(parsed, key=lambda a: a.value))


def _azimuth(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise InputError(f"door_azimuth must be a number of degrees; got {value!r}")
    azimuth = float(value)
    if not math.isfinite(azimuth) or not 0.0 <= azimuth < 360.0:
        raise InputError(f"door_azimuth must be in [0, 360) degrees; got {value!r}")
    return azimuth


def _nonempty_tuple(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if len(value) == 0:
        raise InputError(f"{attribute.name}: a building needs at least one stock; got none")


def _enum_value(cls: Any, value: Any) -> Any:
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(m.value for m in cls)
        raise InputError(f"unknown {cls.__name__} {value!r}; use one of {choices}") from None


def _pes_kind(value: Any) -> PESKind:
    result: PESKind = _enum_value(PESKind, value)
    return result


def _exposed_kind(value: Any) -> ExposedSiteKind:
    result: ExposedSiteKind = _enum_value(ExposedSiteKind, value)
    return result


def _optional_exposed_kind(value: Any) -> ExposedSiteKind | None:
    return None if value is None else _exposed_kind(value)


def _protection_level(value: Any) -> ProtectionLevel:
    result: ProtectionLevel = _enum_value(ProtectionLevel, value)
    return result


def _division(value: Any) -> HazardDivision:
    return HazardDivision.parse(value)


def _group(value: Any) -> CompatibilityGroup:
    return CompatibilityGroup.parse(value)


# -- models -----------------------------------------------------------------------------------


@attrs.frozen
class AmmunitionStock:
    """One lot of ammunition or explosives in a building.

    Parameters
    ----------
    description : str
    division : HazardDivision or str
        ``"1.1"``, ``"1.2.1"``, ... (read with :meth:`HazardDivision.parse`).
    group : CompatibilityGroup or str
        ``"D"``, ``"E"``, ...
    neq : float or Quantity
        Net explosive quantity of the lot [kg]; pounds are converted.
    item_neq : float or Quantity, optional
        NEQ of one item [kg] (the HD 1.2.1 > 5 kg rule, the HD 1.6 single-munition rule).
    attributes : iterable of StockAttribute or str
        AASTP-1 Table 4 note conditions (shaped charges, high-energy propellant, heavy
        confinement, demonstrated 1.6 mixture).
    family : str
        Type of a CG L lot or family of a CG N lot (lots of different types/families may not
        be mixed freely; AASTP-1 Table 6 notes 3 and 6).
    substance : bool
        True for a substance (bulk explosive), read against Table 5 instead of Table 6.

    Examples
    --------
    >>> from dpssec.arms.storage.models import AmmunitionStock
    >>> from dpssec.units import Q_
    >>> s = AmmunitionStock("TNT blocks", "1.1", "D", Q_(2204.62262, "lb"))
    >>> round(s.neq.magnitude, 3), str(s.neq.units)
    (1000.0, 'kilogram')
    """

    description: str = attrs.field(validator=attrs.validators.instance_of(str))
    division: HazardDivision = attrs.field(converter=_division)
    group: CompatibilityGroup = attrs.field(converter=_group)
    neq: QuantityT = quantity_field("kg", "neq")
    item_neq: QuantityT | None = quantity_field("kg", "item_neq", optional=True)
    attributes: tuple[StockAttribute, ...] = attrs.field(default=(), converter=_attributes)
    family: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    substance: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    def __attrs_post_init__(self) -> None:
        try:
            check_combination(self.division, self.group)
        except InputError as error:
            raise InputError(f"stock {self.description!r}: {error}") from None
        if self.item_neq is not None and self.item_neq > self.neq:
            raise InputError(
                f"stock {self.description!r}: item_neq {self.item_neq:~} exceeds the lot's "
                f"neq {self.neq:~}"
            )


@attrs.frozen
class ExplosivesBuilding:
    """A potential explosion site: a magazine, heavy-walled building or (un)barricaded stack.

    Parameters
    ----------
    id : str
        Unique within the depot.
    kind : PESKind or str
    x, y : float or Quantity
        Position on the local grid [m] (east, north).
    stocks : sequence of AmmunitionStock
        At least one.
    door_azimuth : float, optional
        Direction the door faces, clockwise from grid north [deg]; required for an
        earth-covered magazine (it decides front/side/rear), ignored otherwise.
    exposed_as : ExposedSiteKind or str, optional
        How the building counts when another PES threatens it (a magazine row of AASTP-1
        Table 1). For an earth-covered magazine give one igloo row (7 bar or 3 bar; the face is
        computed) or an "other ECM" row. Default: 3 bar igloo for an ECM, heavy-walled without
        protective roof, barricaded or unbarricaded stack.
    large_ecm : bool
        True for a large earth-covered magazine (internal volume > 500 m³). Under AASTP-1
        (2006) only a large ECM earns the reduced rear/side distances D14-D17 (§1.3.6.7 b,
        Table 1 note n); the default (a standard ECM) keeps D11/D13. Only valid for an ECM.

    Raises
    ------
    InputError
        For no stocks, an empty id, an ECM without door azimuth, a non-magazine
        ``exposed_as``, or ``large_ecm`` on a building that is not an ECM.

    Examples
    --------
    >>> from dpssec.arms.storage.models import AmmunitionStock, ExplosivesBuilding
    >>> igloo = ExplosivesBuilding("ECM-1", "earth_covered_magazine", 0, 0,
    ...                            [AmmunitionStock("mortar bombs", "1.1", "D", 20_000)],
    ...                            door_azimuth=90, large_ecm=True)
    >>> igloo.orientation_towards(-500, 0).value, igloo.neq
    ('rear', <Quantity(20000.0, 'kilogram')>)
    """

    id: str = attrs.field(validator=_nonempty_text)
    kind: PESKind = attrs.field(converter=_pes_kind)
    x: QuantityT = quantity_field("m", "x", nonnegative=False)
    y: QuantityT = quantity_field("m", "y", nonnegative=False)
    # mypy's attrs plugin cannot see that quantity_field has no default
    stocks: tuple[AmmunitionStock, ...] = attrs.field(  # type: ignore[misc]
        converter=tuple, validator=_nonempty_tuple
    )
    door_azimuth: float | None = attrs.field(default=None, converter=_azimuth)
    exposed_as: ExposedSiteKind | None = attrs.field(default=None, converter=_optional_exposed_kind)
    large_ecm: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    def __attrs_post_init__(self) -> None:
        for i, stock in enumerate(self.stocks):
            if not isinstance(stock, AmmunitionStock):
                raise InputError(
                    f"building {self.id!r}: stocks[{i}] must be an AmmunitionStock; got {stock!r}"
                )
        if self.kind is PESKind.EARTH_COVERED_MAGAZINE and self.door_azimuth is None:
            raise InputError(
                f"building {self.id!r}: an earth-covered magazine needs its door_azimuth "
                "(degrees clockwise from grid north) to find front, side and rear"
            )
        if self.large_ecm and self.kind is not PESKind.EARTH_COVERED_MAGAZINE:
            raise InputError(
                f"building {self.id!r}: large_ecm applies only to an earth-covered magazine; "
                f"got kind {self.kind.value!r}"
            )
        if self.exposed_as is not None and not self.exposed_as.is_magazine:
            raise InputError(
                f"building {self.id!r}: exposed_as must be a magazine row of AASTP-1 Table 1 "
                f"(igloo, other ECM, heavy-walled, stack); got {self.exposed_as.value!r}"
            )

    @property
    def position(self) -> tuple[float, float]:
        """Grid position (x, y) [m] as plain floats."""
        return (float(self.x.magnitude), float(self.y.magnitude))

    @property
    def neq(self) -> QuantityT:
        """Total NEQ of the stocks, all divisions [kg] (see :func:`aggregate_stocks`)."""
        total: QuantityT = sum((s.neq for s in self.stocks[1:]), self.stocks[0].neq)
        return total

    def orientation_towards(
        self, x: Any, y: Any, *, division: HazardDivision | str | None = None
    ) -> Orientation | None:
        """Face of this ECM turned towards the point (x, y) [m]; None for other kinds."""
        if self.kind is not PESKind.EARTH_COVERED_MAGAZINE or self.door_azimuth is None:
            return None
        own_x, own_y = self.position
        toward = bearing(own_x, own_y, x, y)
        result: Orientation = sector_orientation(self.door_azimuth, toward, division=division)
        return result


@attrs.frozen
class ExposedSite:
    """Something to protect: a house, a road, a school, a workshop.

    Parameters
    ----------
    id : str
        Unique within the depot.
    kind : ExposedSiteKind or str
    x, y : float or Quantity
        Position on the local grid [m].
    description : str

    Examples
    --------
    >>> from dpssec.arms.storage.models import ExposedSite
    >>> from dpssec.units import Q_
    >>> school = ExposedSite("S1", "vulnerable_building", Q_(1640.42, "ft"), 0, "school")
    >>> round(school.x.magnitude, 1), school.kind.value
    (500.0, 'vulnerable_building')
    """

    id: str = attrs.field(validator=_nonempty_text)
    kind: ExposedSiteKind = attrs.field(converter=_exposed_kind)
    x: QuantityT = quantity_field("m", "x", nonnegative=False)
    y: QuantityT = quantity_field("m", "y", nonnegative=False)
    description: str = attrs.field(default="", validator=attrs.validators.instance_of(str))


def _criteria_name(value: Any) -> str:
    name = getattr(value, "name", value)
    if isinstance(name, str):
        key = "".join(ch for ch in name.upper() if ch.isalnum())
        for known in CRITERIA_NAMES:
            if key == known.replace("_", ""):
                return known
    raise InputError(f"criteria must be one of {', '.join(CRITERIA_NAMES)}; got {value!r}")


@attrs.frozen
class Depot:
    """An explosives area: its buildings, the sites around it and the criteria set to apply.

    Parameters
    ----------
    name : str
        Used in report titles and messages; default ``"depot"``.
    buildings : sequence of ExplosivesBuilding
        The potential explosion sites (default none; pass them by keyword or after the name).
    exposed_sites : sequence of ExposedSite
    criteria : str
        ``"IATG_02_20_2021"`` (default) or ``"AASTP1_2006"``.
    protection_level : ProtectionLevel or str
        Protection wanted between magazines (AASTP-1 2006 §1.3.1.9 b); default ``high``.
    notes : str
        Free text (e.g. "synthetic example").

    Raises
    ------
    InputError
        For duplicate ids (buildings and exposed sites share one namespace) or an unknown
        criteria name.

    Examples
    --------
    >>> from dpssec.arms.storage.models import AmmunitionStock, Depot, ExplosivesBuilding
    >>> stock = AmmunitionStock("mortar bombs", "1.1", "D", 500)
    >>> b = ExplosivesBuilding("M1", "unbarricaded_stack", 0, 0, [stock])
    >>> Depot("demo", [b, b])
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: depot 'demo': duplicate id 'M1' (buildings[0] and buildings[1])
    """

    name: str = attrs.field(default="depot", validator=attrs.validators.instance_of(str))
    buildings: tuple[ExplosivesBuilding, ...] = attrs.field(default=(), converter=tuple)
    exposed_sites: tuple[ExposedSite, ...] = attrs.field(default=(), converter=tuple)
    criteria: str = attrs.field(default="IATG_02_20_2021", converter=_criteria_name)
    protection_level: ProtectionLevel = attrs.field(
        default=ProtectionLevel.HIGH, converter=_protection_level
    )
    notes: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    def __attrs_post_init__(self) -> None:
        seen: dict[str, str] = {}
        items: list[tuple[str, Any]] = [
            (f"buildings[{i}]", b) for i, b in enumerate(self.buildings)
        ] + [(f"exposed_sites[{i}]", s) for i, s in enumerate(self.exposed_sites)]
        for where, item in items:
            expected = ExplosivesBuilding if where.startswith("b") else ExposedSite
            if not isinstance(item, expected):
                raise InputError(
                    f"depot {self.name!r}: {where} must be an {expected.__name__}; got {item!r}"
                )
            if item.id in seen:
                raise InputError(
                    f"depot {self.name!r}: duplicate id {item.id!r} ({seen[item.id]} and {where})"
                )
            seen[item.id] = where

    def map_geometry(self, report: Any = None, **kwargs: Any) -> dict[str, Any]:
        """The site map as GeoJSON-like data in this depot's grid [m].

        See :func:`dpssec.arms.storage.map_geometry.depot_map_geometry` (``report`` is the
        :func:`~dpssec.arms.storage.depot_check.check_depot` report; checked when None).
        """
        from dpssec.arms.storage.map_geometry import depot_map_geometry

        return depot_map_geometry(self, report, **kwargs)

    def plot(self, ax: Any = None, *, report: Any = None, **kwargs: Any) -> Any:
        """Site map to scale: zones, violations, criteria in the legend; the matplotlib Axes.

        Keywords (``kinds``, ``labels``, ``title``) are those of
        :func:`dpssec.arms.storage.plots.plot_depot_map`.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.arms.storage import (AmmunitionStock, Depot, ExplosivesBuilding,
        ...                                  ExposedSite)
        >>> store = ExplosivesBuilding("S1", "unbarricaded_stack", 0, 0,
        ...                            [AmmunitionStock("grenades", "1.1", "E", 500)])
        >>> house = ExposedSite("H1", "inhabited_building", 100, 0)
        >>> Depot("d", [store], [house]).plot().get_ylabel()
        'grid north [m]'
        """
        from dpssec.arms.storage.plots import plot_depot_map

        return plot_depot_map(self, report, ax, **kwargs)
