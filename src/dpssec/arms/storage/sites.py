"""Kinds of potential explosion sites (PES) and exposed sites (ES), orientations, protection levels.

These enums are the row and column keys of the quantity-distance matrices: AASTP-1 Ed.1 Ch.2
(2006) Annex I-A Table 1 (HD 1.1, columns a-f, rows 1-20), Table 2 (HD 1.2), Tables 3A/3B
(HD 1.3) and the matrices D.1, G.1, J.1 and K.1 of IATG 02.20:2021.

* :class:`PESKind` -- the building or stack that could explode (the table column);
* :class:`Orientation` -- the face of an earth-covered magazine turned towards the exposed site
  (front = door/headwall, side, rear; sectors of 150° / 135°, 100° for HD 1.2, AASTP-1 2006
  Annex I-A Note 1 and IATG 02.20:2021 Annex C);
* :class:`ExposedSiteKind` -- what is being protected (the table row): inhabited and vulnerable
  buildings, public traffic routes by density class, explosives workshops, and other magazines
  (the inter-magazine rows 1-15 of AASTP-1 Table 1);
* :class:`ProtectionLevel` -- the degree of protection wanted between magazines (AASTP-1 2006
  §1.3.1.9 b), which picks between the alternatives of a Table 1 cell.

Every calculator, model, JSON reader and the command line read these with
:func:`~dpssec.boundary.parse_choice`: a member, its value or name in any case, with ``-``,
``_`` and spaces alike, or one of the synonyms registered beside each enum (AASTP-1 2006's
"light" and "heavy" traffic routes, "igloo" for an earth-covered magazine, the Table 1
superscripts a, b, c for the protection levels).

For example:

>>> from dpssec.arms.storage.sites import ExposedSiteKind, PESKind
>>> ExposedSiteKind.IGLOO_7BAR_FRONT.table_row
3
>>> ExposedSiteKind("public_traffic_route_medium").is_magazine
False
>>> from dpssec.boundary import parse_choice
>>> parse_choice("Public traffic route (light)", ExposedSiteKind, "exposed_site").value
'public_traffic_route_medium'
>>> parse_choice("BARRICADED_STACK", PESKind, "pes"), parse_choice("igloo", PESKind, "pes").value
(<PESKind.BARRICADED_STACK: 'barricaded_stack'>, 'earth_covered_magazine')
"""

from __future__ import annotations

import enum

from dpssec.boundary import register_aliases

__all__ = ["ExposedSiteKind", "Orientation", "PESKind", "ProtectionLevel"]


class PESKind(enum.Enum):
    """Kind of potential explosion site (the column of the quantity-distance matrix).

    AASTP-1 Ed.1 Ch.2 (2006) Annex I-A Table 1 columns: an earth-covered magazine (columns a, b
    and f, chosen by :class:`Orientation`), a heavy-walled building (c: 30 cm reinforced-concrete
    walls), a barricaded (d) or unbarricaded (e) open stack, light structure or loaded vehicle.
    """

    EARTH_COVERED_MAGAZINE = "earth_covered_magazine"
    HEAVY_WALLED_BUILDING = "heavy_walled_building"
    BARRICADED_STACK = "barricaded_stack"
    UNBARRICADED_STACK = "unbarricaded_stack"

    @property
    def description(self) -> str:
        """Plain-language description of the PES kind."""
        return _PES_DESCRIPTIONS[self]


register_aliases(
    PESKind,
    {
        "igloo": PESKind.EARTH_COVERED_MAGAZINE,
        "ecm": PESKind.EARTH_COVERED_MAGAZINE,
        "heavy walled": PESKind.HEAVY_WALLED_BUILDING,
        "barricaded": PESKind.BARRICADED_STACK,
        "unbarricaded": PESKind.UNBARRICADED_STACK,
    },
)

_PES_DESCRIPTIONS = {
    PESKind.EARTH_COVERED_MAGAZINE: "earth-covered magazine (igloo), earth cover >= 0.6 m",
    PESKind.HEAVY_WALLED_BUILDING: (
        "heavy-walled building: 30 cm reinforced-concrete walls, optional 15 cm protective roof"
    ),
    PESKind.BARRICADED_STACK: "barricaded open stack, light structure or loaded vehicle",
    PESKind.UNBARRICADED_STACK: "unbarricaded open stack, light structure or loaded vehicle",
}


class Orientation(enum.Enum):
    """Face of an earth-covered magazine turned towards the exposed site.

    Front is the door/headwall face (the sector within lines at 150° to the front face from
    the front corners, 100° for HD 1.2), rear the sector within lines at 135° to the rear face
    from the rear corners, side everything else (AASTP-1 2006 Annex I-A Notes 1-2; IATG
    02.20:2021 Annex C). An exposed site on a sector boundary takes the greater distance.
    """

    FRONT = "front"
    SIDE = "side"
    REAR = "rear"


register_aliases(Orientation, {"door": Orientation.FRONT, "headwall": Orientation.FRONT})


class ProtectionLevel(enum.Enum):
    """Degree of protection against propagation between magazines (AASTP-1 2006 §1.3.1.9 b).

    The superscripts a, b and c of Annex I-A Table 1 mark which alternative of a cell gives
    which level; ``LIMITED`` is "not recommended for new construction".
    """

    VIRTUALLY_COMPLETE = "virtually_complete"
    HIGH = "high"
    LIMITED = "limited"

    @property
    def superscript(self) -> str:
        """The Table 1 superscript letter of the level (a, b or c)."""
        return {"virtually_complete": "a", "high": "b", "limited": "c"}[self.value]


# the superscripts of AASTP-1 (2006) Annex I-A Table 1
register_aliases(
    ProtectionLevel,
    {
        "a": ProtectionLevel.VIRTUALLY_COMPLETE,
        "b": ProtectionLevel.HIGH,
        "c": ProtectionLevel.LIMITED,
    },
)


class ExposedSiteKind(enum.Enum):
    """Kind of exposed site (the row of the quantity-distance matrix).

    Public traffic routes follow the density classes of IATG 02.20:2021 Table 5 (low, medium,
    high: 50 %, 67 % and 100 % of IBD); AASTP-1 (2006) "light traffic" is ``MEDIUM`` and
    "heavy traffic" ``HIGH``. Magazine rows carry their AASTP-1 (2006) Annex I-A Table 1 row
    number (:attr:`table_row`); the labels of rows 7-11 are read from small pictographs and are
    not verified against a clean copy of the table.
    """

    INHABITED_BUILDING = "inhabited_building"
    VULNERABLE_BUILDING = "vulnerable_building"
    PUBLIC_TRAFFIC_ROUTE_LOW = "public_traffic_route_low"
    PUBLIC_TRAFFIC_ROUTE_MEDIUM = "public_traffic_route_medium"
    PUBLIC_TRAFFIC_ROUTE_HIGH = "public_traffic_route_high"
    WORKSHOP_PROTECTED_BARRICADED = "workshop_protected_barricaded"
    WORKSHOP_LIGHT_BARRICADED = "workshop_light_barricaded"
    WORKSHOP_UNBARRICADED = "workshop_unbarricaded"
    IGLOO_7BAR_REAR = "igloo_7bar_rear"
    IGLOO_7BAR_SIDE = "igloo_7bar_side"
    IGLOO_7BAR_FRONT = "igloo_7bar_front"
    IGLOO_3BAR_REAR = "igloo_3bar_rear"
    IGLOO_3BAR_SIDE = "igloo_3bar_side"
    IGLOO_3BAR_FRONT = "igloo_3bar_front"
    OTHER_ECM_HEAVY_DOOR = "other_ecm_heavy_door"
    OTHER_ECM_FIRE_RESISTANT_DOOR = "other_ecm_fire_resistant_door"
    OTHER_ECM_HATCHED_DOOR = "other_ecm_hatched_door"
    OTHER_ECM_DOOR_BARRICADE = "other_ecm_door_barricade"
    OTHER_ECM_UNDEFINED_DOOR = "other_ecm_undefined_door"
    HEAVY_WALLED_BUILDING_ROOFED = "heavy_walled_building_roofed"
    HEAVY_WALLED_BUILDING_UNROOFED = "heavy_walled_building_unroofed"
    BARRICADED_STACK = "barricaded_stack"
    UNBARRICADED_STACK = "unbarricaded_stack"

    @property
    def table_row(self) -> int:
        """Row number in AASTP-1 (2006) Annex I-A Table 1 (the HD 1.1 matrix).

        Low-density routes (an IATG 02.20:2021 class) share row 19 with the other routes, and
        vulnerable buildings (2 x IBD, §1.3.1.13) row 20 with inhabited buildings.
        """
        return _TABLE1_ROWS[self]

    @property
    def is_magazine(self) -> bool:
        """Whether the site is itself an explosives store (an inter-magazine distance applies)."""
        return _TABLE1_ROWS[self] <= 15

    @property
    def is_workshop(self) -> bool:
        """Whether the site is an explosives workshop (process building)."""
        return _TABLE1_ROWS[self] in (16, 17, 18)

    @property
    def is_public_traffic_route(self) -> bool:
        """Whether the site is a public traffic route (road, railway, waterway, right of way)."""
        return _TABLE1_ROWS[self] == 19

    @property
    def label_verified(self) -> bool:
        """False for the rows whose label is a reading of an unclear pictograph (rows 7-11)."""
        return not 7 <= _TABLE1_ROWS[self] <= 11

    @property
    def description(self) -> str:
        """Plain-language description of the exposed site."""
        return _ES_DESCRIPTIONS[self]


register_aliases(
    ExposedSiteKind,
    {
        "inhabited": ExposedSiteKind.INHABITED_BUILDING,
        "vulnerable": ExposedSiteKind.VULNERABLE_BUILDING,
        # AASTP-1 (2006) names the IATG density classes by traffic
        "public traffic route (light)": ExposedSiteKind.PUBLIC_TRAFFIC_ROUTE_MEDIUM,
        "public traffic route light": ExposedSiteKind.PUBLIC_TRAFFIC_ROUTE_MEDIUM,
        "public traffic route (heavy)": ExposedSiteKind.PUBLIC_TRAFFIC_ROUTE_HIGH,
        "public traffic route heavy": ExposedSiteKind.PUBLIC_TRAFFIC_ROUTE_HIGH,
    },
)

_TABLE1_ROWS = {
    ExposedSiteKind.IGLOO_7BAR_REAR: 1,
    ExposedSiteKind.IGLOO_7BAR_SIDE: 2,
    ExposedSiteKind.IGLOO_7BAR_FRONT: 3,
    ExposedSiteKind.IGLOO_3BAR_REAR: 4,
    ExposedSiteKind.IGLOO_3BAR_SIDE: 5,
    ExposedSiteKind.IGLOO_3BAR_FRONT: 6,
    ExposedSiteKind.OTHER_ECM_HEAVY_DOOR: 7,
    ExposedSiteKind.OTHER_ECM_FIRE_RESISTANT_DOOR: 8,
    ExposedSiteKind.OTHER_ECM_HATCHED_DOOR: 9,
    ExposedSiteKind.OTHER_ECM_DOOR_BARRICADE: 10,
    ExposedSiteKind.OTHER_ECM_UNDEFINED_DOOR: 11,
    ExposedSiteKind.HEAVY_WALLED_BUILDING_ROOFED: 12,
    ExposedSiteKind.HEAVY_WALLED_BUILDING_UNROOFED: 13,
    ExposedSiteKind.BARRICADED_STACK: 14,
    ExposedSiteKind.UNBARRICADED_STACK: 15,
    ExposedSiteKind.WORKSHOP_PROTECTED_BARRICADED: 16,
    ExposedSiteKind.WORKSHOP_LIGHT_BARRICADED: 17,
    ExposedSiteKind.WORKSHOP_UNBARRICADED: 18,
    ExposedSiteKind.PUBLIC_TRAFFIC_ROUTE_LOW: 19,
    ExposedSiteKind.PUBLIC_TRAFFIC_ROUTE_MEDIUM: 19,
    ExposedSiteKind.PUBLIC_TRAFFIC_ROUTE_HIGH: 19,
    ExposedSiteKind.INHABITED_BUILDING: 20,
    ExposedSiteKind.VULNERABLE_BUILDING: 20,
}

_ES_DESCRIPTIONS = {
    ExposedSiteKind.INHABITED_BUILDING: "inhabited building (ordinary construction)",
    ExposedSiteKind.VULNERABLE_BUILDING: (
        "vulnerable building (curtain-wall, large glazing; hospitals, schools): 2 x IBD"
    ),
    ExposedSiteKind.PUBLIC_TRAFFIC_ROUTE_LOW: "public traffic route, low density",
    ExposedSiteKind.PUBLIC_TRAFFIC_ROUTE_MEDIUM: (
        "public traffic route, medium density (AASTP-1 2006 'light traffic')"
    ),
    ExposedSiteKind.PUBLIC_TRAFFIC_ROUTE_HIGH: (
        "public traffic route, high density (AASTP-1 2006 'heavy traffic')"
    ),
    ExposedSiteKind.WORKSHOP_PROTECTED_BARRICADED: (
        "explosives workshop, barricaded, with protective roof"
    ),
    ExposedSiteKind.WORKSHOP_LIGHT_BARRICADED: (
        "explosives workshop, barricaded, without protective roof (light roof)"
    ),
    ExposedSiteKind.WORKSHOP_UNBARRICADED: "explosives workshop, unbarricaded",
    ExposedSiteKind.IGLOO_7BAR_REAR: "igloo (7 bar headwall and door), rear towards the PES",
    ExposedSiteKind.IGLOO_7BAR_SIDE: "igloo (7 bar headwall and door), side towards the PES",
    ExposedSiteKind.IGLOO_7BAR_FRONT: "igloo (7 bar headwall and door), front towards the PES",
    ExposedSiteKind.IGLOO_3BAR_REAR: "igloo (3 bar headwall and door), rear towards the PES",
    ExposedSiteKind.IGLOO_3BAR_SIDE: "igloo (3 bar headwall and door), side towards the PES",
    ExposedSiteKind.IGLOO_3BAR_FRONT: "igloo (3 bar headwall and door), front towards the PES",
    ExposedSiteKind.OTHER_ECM_HEAVY_DOOR: (
        "other earth-covered magazine, headwall and door resistant to high-velocity "
        "projections, door towards the PES (pictograph reading)"
    ),
    ExposedSiteKind.OTHER_ECM_FIRE_RESISTANT_DOOR: (
        "other earth-covered magazine, headwall and door resistant to fire and low-velocity "
        "projections (pictograph reading)"
    ),
    ExposedSiteKind.OTHER_ECM_HATCHED_DOOR: (
        "other earth-covered magazine, third door variant (pictograph reading)"
    ),
    ExposedSiteKind.OTHER_ECM_DOOR_BARRICADE: (
        "other earth-covered magazine with a door barricade (pictograph reading)"
    ),
    ExposedSiteKind.OTHER_ECM_UNDEFINED_DOOR: (
        "other earth-covered magazine, undefined headwall and door (pictograph reading)"
    ),
    ExposedSiteKind.HEAVY_WALLED_BUILDING_ROOFED: "heavy-walled building with protective roof",
    ExposedSiteKind.HEAVY_WALLED_BUILDING_UNROOFED: (
        "heavy-walled building without protective roof"
    ),
    ExposedSiteKind.BARRICADED_STACK: "barricaded open stack or light structure",
    ExposedSiteKind.UNBARRICADED_STACK: "unbarricaded open stack or light structure",
}
