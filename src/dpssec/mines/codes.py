"""The codes of mine-action records and their documented synonyms (the lowest layer).

IMSMA and the GICHD minimum data requirements code a hazardous area by its class (SHA, CHA),
its status, the device categories found in it, the resources its contamination blocks, and the
clearance method of a task. Each code is an enum here, with its synonyms registered once
beside it (:func:`~dpssec.boundary.register_aliases`), so that models, calculators, the file
readers and the command line accept the same spellings through
:func:`~dpssec.boundary.parse_choice`.

For example:

>>> from dpssec.boundary import parse_choice
>>> from dpssec.mines.codes import Contamination
>>> parse_choice("anti-personnel mines", Contamination, "contamination")
<Contamination.AP_MINES: 'AP'>
"""

from __future__ import annotations

import enum

from dpssec.boundary import register_aliases

__all__ = [
    "LIS_BLOCKAGES",
    "AreaKind",
    "AreaStatus",
    "BlockedResource",
    "ClearanceMethod",
    "Contamination",
]


class AreaKind(enum.Enum):
    """Class of a hazardous area (IMAS 04.10 concepts; IMSMA land classes).

    ``SHA``: suspected hazardous area, reasonable suspicion on *indirect* evidence.
    ``CHA``: confirmed hazardous area, contamination confirmed by *direct* evidence.
    """

    SHA = "SHA"
    CHA = "CHA"


register_aliases(
    AreaKind,
    {"suspected hazardous area": AreaKind.SHA, "confirmed hazardous area": AreaKind.CHA},
)


class AreaStatus(enum.Enum):
    """IMSMA life-cycle status of a hazardous area: open, worked on, closed."""

    OPEN = "open"
    WORKED_ON = "worked-on"
    CLOSED = "closed"


class Contamination(enum.Enum):
    """Device categories suspected or confirmed in an area (GICHD MDR device categories)."""

    AP_MINES = "AP"
    AV_MINES = "AV"
    UXO = "UXO"
    IMPROVISED_DEVICES = "IED"
    CLUSTER_MUNITIONS = "CM"

    @property
    def is_mine(self) -> bool:
        """Whether the category counts as "mines present" (AP, AV or improvised mines)."""
        return self in (
            Contamination.AP_MINES,
            Contamination.AV_MINES,
            Contamination.IMPROVISED_DEVICES,
        )


register_aliases(
    Contamination,
    {
        "ap mine": Contamination.AP_MINES,
        "anti personnel mine": Contamination.AP_MINES,
        "anti personnel mines": Contamination.AP_MINES,
        "av mine": Contamination.AV_MINES,
        "anti vehicle mine": Contamination.AV_MINES,
        "anti vehicle mines": Contamination.AV_MINES,
        "anti tank mines": Contamination.AV_MINES,
        "at": Contamination.AV_MINES,
        "unexploded ordnance": Contamination.UXO,
        "improvised mines": Contamination.IMPROVISED_DEVICES,
        "improvised devices": Contamination.IMPROVISED_DEVICES,
        "improvised explosive devices": Contamination.IMPROVISED_DEVICES,
        "cluster munition remnants": Contamination.CLUSTER_MUNITIONS,
        "cluster munitions": Contamination.CLUSTER_MUNITIONS,
        "submunitions": Contamination.CLUSTER_MUNITIONS,
    },
)


class BlockedResource(enum.Enum):
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


register_aliases(
    BlockedResource,
    {
        "rain fed cropland": BlockedResource.RAINFED_CROPLAND,
        "water": BlockedResource.DRINKING_WATER,
        "road": BlockedResource.ROADS,
        "school": BlockedResource.SCHOOLS,
        "market": BlockedResource.MARKETS,
    },
)

LIS_BLOCKAGES: tuple[BlockedResource, ...] = tuple(BlockedResource)[:10]
"""The ten Landmine Impact Survey blockage variables (names unverified, see the class)."""


class ClearanceMethod(enum.Enum):
    """Main asset used on a task: manual, mechanical, mine detection dogs, or a combination."""

    MANUAL = "manual"
    MECHANICAL = "mechanical"
    DOGS = "dogs"
    COMBINED = "combined"
    SURVEY_ONLY = "survey-only"


register_aliases(
    ClearanceMethod,
    {
        "mdd": ClearanceMethod.DOGS,
        "mine detection dogs": ClearanceMethod.DOGS,
        "survey": ClearanceMethod.SURVEY_ONLY,
    },
)
