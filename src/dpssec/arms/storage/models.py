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

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from dpssec.arms.storage.classification import (
    CompatibilityGroup,
    HazardDivision,
    StockAttribute,
    check_combination,
)
from dpssec.arms.storage.criteria_sets import CRITERIA_NAME, CRITERIA_NAMES
from dpssec.arms.storage.sites import ExposedSiteKind, Orientation, PESKind, ProtectionLevel
from dpssec.boundary import (
    Choice,
    Flag,
    Length,
    Mass,
    Number,
    Records,
    Relation,
    Text,
    calculator,
    example,
)
from dpssec.boundary import is_lazy as _is_lazy
from dpssec.errors import InputError
from dpssec.units import Quantity

__all__ = [
    "CRITERIA_NAMES",
    "AmmunitionStock",
    "Depot",
    "ExplosivesBuilding",
    "ExposedSite",
    "bearing",
    "sector_codes",
    "sector_orientation",
]

if TYPE_CHECKING:
    QuantityT = Quantity[Any]
else:  # serialization dispatches on the plain class (a generic alias is not a type)
    QuantityT = Quantity

FRONT_SECTOR_DEG = 150.0
"""Front-sector lines at 150° to the front face (AASTP-1 2006 Annex I-A Note 1) [deg]."""
FRONT_SECTOR_HD12_DEG = 100.0
"""Front-sector lines at 100° to the front face for HD 1.2 (Annex I-A Note 2) [deg]."""
REAR_SECTOR_DEG = 135.0
"""Rear-sector lines at 135° to the rear face (Annex I-A Note 1) [deg]."""

_TOLERANCE_DEG = 1e-9  # a site on a boundary (up to rounding) takes the greater distance
_COORDINATE = Length(lower=None)  # grid coordinates may be negative


# -- orientation ------------------------------------------------------------------------------


@attrs.frozen
class _DistinctPoints(Relation):
    """Refuse a pair of identical points: a point has no bearing to itself."""

    small: str = "from_x"
    large: str = "to_x"

    def check(self, values: Mapping[str, Any], index: Any) -> None:
        items = [values.get(k) for k in ("from_x", "from_y", "to_x", "to_y")]
        if any(item is None for item in items):
            return
        fx, fy, tx, ty = (item.values for item in items)  # type: ignore[union-attr]
        if any(_is_lazy(v) for v in (fx, fy, tx, ty)):
            import dask.array as da

            first = items[0]
            assert first is not None
            first.values = da.map_blocks(  # type: ignore[no-untyped-call]
                _refuse_same_block, *da.broadcast_arrays(fx, fy, tx, ty), dtype=float
            )
            return
        same = np.broadcast_to(
            (fx == tx) & (fy == ty), np.broadcast_shapes(*map(np.shape, (fx, fy, tx, ty)))
        )
        if np.any(same):
            position = int(np.argmax(np.ravel(same)))
            label = ""
            if index is not None and type(index).__name__ != "RangeIndex":
                label = f", label {index[position]!r}"
            raise InputError(
                f"bearing: {int(np.count_nonzero(same))} of {same.size} point pairs are the "
                f"same point (first at index {position}{label}): a point has no bearing to "
                "itself (from_x, from_y equal to to_x, to_y)"
            )


def _refuse_same_block(fx: Any, fy: Any, tx: Any, ty: Any) -> Any:
    same = (fx == tx) & (fy == ty)
    if np.any(same):
        raise InputError(
            f"bearing: {int(np.count_nonzero(same))} point pairs of a dask block are the same "
            "point: a point has no bearing to itself"
        )
    return fx


@calculator(
    from_x=_COORDINATE,
    from_y=_COORDINATE,
    to_x=_COORDINATE,
    to_y=_COORDINATE,
    relations=[_DistinctPoints()],
    example={"from_x": [0, 0, 5], "from_y": [0, 0, 5], "to_x": [10, 0, 4], "to_y": [0, -5, 6]},
)
def bearing(from_x: Any, from_y: Any, to_x: Any, to_y: Any, *, nan_policy: str = "raise") -> Any:
    """Grid bearing from one point to another, degrees clockwise from grid north.

    Parameters
    ----------
    from_x, from_y, to_x, to_y : array-like or Quantity
        Grid coordinates [m] (east, north); feet and text such as ``"-50 ft"`` are converted.
    nan_policy : {"raise", "propagate"}
        A missing coordinate is refused (default) or gives NaN in its row, with a warning.

    Returns
    -------
    float, ndarray or Series
        Bearing in [0, 360) [deg].

    Raises
    ------
    InputError
        Text that is not a length, booleans, NaN or infinite coordinates, and two identical
        points (a point has no bearing to itself), naming the first.

    Examples
    --------
    >>> from dpssec.arms.storage.models import bearing
    >>> bearing(0, 0, 10, 0), bearing(0, 0, 0, -5)
    (90.0, 180.0)
    >>> bearing(0, 0, 0, 0)
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: bearing: 1 of 1 point pairs are the same point (first at index 0): a point has no bearing to itself (from_x, from_y equal to to_x, to_y)
    """
    dx = to_x - from_x
    dy = to_y - from_y
    return np.mod(np.degrees(np.arctan2(dx, dy)), 360.0)


def sector_codes(door_azimuth: Any, bearing_deg: Any, front_half_angle: Any) -> Any:
    """0 front, 1 side, 2 rear (kernel on magnitudes in degrees; numpy or dask)."""
    deviation = np.abs(np.mod(bearing_deg - door_azimuth + 180.0, 360.0) - 180.0)
    rear_half_angle = REAR_SECTOR_DEG - 90.0
    front = deviation <= front_half_angle + _TOLERANCE_DEG
    rear = deviation > 180.0 - rear_half_angle + _TOLERANCE_DEG
    return np.where(front, 0, np.where(rear, 2, 1))


_ORIENTATIONS = np.array([Orientation.FRONT, Orientation.SIDE, Orientation.REAR], dtype=object)


def _orientations(codes: Any) -> Any:
    return _ORIENTATIONS[np.asarray(codes, dtype=np.intp)]


@calculator(
    door_azimuth=Number(),
    bearing=Number(),
    division=Choice(HazardDivision, optional=True),
    example={"door_azimuth": [90.0, 90.0, 90.0], "bearing": [150.0, 151.0, 270.0]},
)
def sector_orientation(
    door_azimuth: Any,
    bearing: Any,
    *,
    division: HazardDivision | str | None = None,
    nan_policy: str = "raise",
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
    nan_policy : {"raise", "propagate"}
        A missing angle is refused (default) or gives NaN in its row, with a warning.

    Returns
    -------
    Orientation, ndarray of Orientation or Series
        Scalar in, scalar out.

    Raises
    ------
    InputError
        For NaN or infinite angles, text or booleans.

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
    front_deg = FRONT_SECTOR_DEG
    if division in (HazardDivision.HD_1_2_1, HazardDivision.HD_1_2_2):
        front_deg = FRONT_SECTOR_HD12_DEG
    codes = sector_codes(door_azimuth, bearing, front_deg - 90.0)
    if _is_lazy(codes):
        return codes.map_blocks(_orientations, dtype=object)
    return _orientations(codes)


# -- field specs ------------------------------------------------------------------------------


def _attributes(values: Any) -> tuple[StockAttribute, ...]:
    parsed = Choice(StockAttribute, many=True).convert(values, "attributes")
    return tuple(sorted(parsed, key=lambda a: a.value))


# -- models -----------------------------------------------------------------------------------


@example("155 mm HE projectiles", "1.1", "D", "12000 kg", item_neq=6.6)
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

    description: str = Text(empty=True).field()
    division: HazardDivision = Choice(HazardDivision).field()
    group: CompatibilityGroup = Choice(CompatibilityGroup).field()
    neq: QuantityT = Mass().field()
    item_neq: QuantityT | None = Mass(optional=True).field()
    attributes: tuple[StockAttribute, ...] = attrs.field(default=(), converter=_attributes)
    family: str = Text(empty=True).field(default="")
    substance: bool = Flag().field(default=False)

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


_EXAMPLE_STOCKS = [AmmunitionStock("mortar bombs", "1.1", "D", 20_000)]  # type: ignore[arg-type]


@example("ECM-1", "earth_covered_magazine", 0, 0, _EXAMPLE_STOCKS, door_azimuth=90)
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

    id: str = Text().field()
    kind: PESKind = Choice(PESKind).field()
    x: QuantityT = _COORDINATE.field()
    y: QuantityT = _COORDINATE.field()
    # mypy's attrs plugin takes a spec-built field for one with a default
    stocks: tuple[AmmunitionStock, ...] = Records(
        AmmunitionStock, empty=False, noun="stock"
    ).field()
    door_azimuth: float | None = Number(lower=0.0, upper=360.0, optional=True).field()
    exposed_as: ExposedSiteKind | None = Choice(ExposedSiteKind, optional=True).field()
    large_ecm: bool = Flag().field(default=False)

    def __attrs_post_init__(self) -> None:
        if self.door_azimuth == 360.0:
            raise InputError(
                f"building {self.id!r}: door_azimuth must be in [0, 360) degrees; got 360 "
                "(give 0 for north)"
            )
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


@example("H1", "inhabited_building", "420 m", 10, "farmhouse")
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

    id: str = Text().field()
    kind: ExposedSiteKind = Choice(ExposedSiteKind).field()
    x: QuantityT = _COORDINATE.field()
    y: QuantityT = _COORDINATE.field()
    description: str = Text(empty=True).field(default="")


@example(
    "example",
    [ExplosivesBuilding("S1", "unbarricaded_stack", 0, 0, _EXAMPLE_STOCKS)],  # type: ignore[arg-type]
    [ExposedSite("H1", "inhabited_building", 450, 0)],  # type: ignore[arg-type]
    criteria="AASTP-1 2006",
)
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
    criteria : str or CriteriaSet
        ``"IATG_02_20_2021"`` (default) or ``"AASTP1_2006"`` (other spellings such as
        ``"AASTP-1 2006"`` and the set objects are accepted); stored as the name.
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

    name: str = Text(empty=True).field(default="depot")
    buildings: tuple[ExplosivesBuilding, ...] = Records(ExplosivesBuilding).field(default=())
    exposed_sites: tuple[ExposedSite, ...] = Records(ExposedSite).field(default=())
    criteria: str = CRITERIA_NAME.field(default="IATG_02_20_2021")
    protection_level: ProtectionLevel = Choice(ProtectionLevel).field(default="high")
    notes: str = Text(empty=True).field(default="")

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
        :func:`dpssec.arms.storage.plots.plot_depot_map`; others go to matplotlib for the
        explosives buildings' markers.

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
