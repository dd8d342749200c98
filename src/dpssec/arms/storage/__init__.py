"""Ammunition and explosives storage: IATG 02.20:2021 and AASTP-1 (2006) quantity-distances.

Hazard divisions and compatibility groups, the kinds of potential explosion sites and exposed
sites, the quantity-distance criteria sets (``IATG_02_20_2021``, the default, and
``AASTP1_2006``) and the calculators ``required_distance``, ``permissible_neq`` and
``explain_distance``; mixing and aggregation rules, the depot models and ``check_depot``.
"""

from __future__ import annotations

from dpssec.arms.storage.aggregation import (
    Aggregation,
    Assessment,
    MixedDivisionRules,
    QuantityRule,
    StockAttribute,
    aggregate,
    aggregate_stocks,
    governing_division,
)
from dpssec.arms.storage.classification import (
    VALID_GROUPS,
    Classification,
    CompatibilityGroup,
    HazardDivision,
    parse_classification,
)
from dpssec.arms.storage.criteria import CriteriaSet
from dpssec.arms.storage.criteria_aastp1 import AASTP1_2006
from dpssec.arms.storage.criteria_iatg import IATG_02_20_2021
from dpssec.arms.storage.depot_check import check_depot
from dpssec.arms.storage.depot_report import PAIR_COLUMNS, DepotReport
from dpssec.arms.storage.distances import (
    CRITERIA_SETS,
    DistanceExplanation,
    explain_distance,
    permissible_neq,
    required_distance,
)
from dpssec.arms.storage.mixing import (
    MixingCondition,
    MixingRule,
    MixingVerdict,
    mixing_rule,
    mixing_table,
)
from dpssec.arms.storage.models import (
    AmmunitionStock,
    Depot,
    ExplosivesBuilding,
    ExposedSite,
    bearing,
    sector_orientation,
)
from dpssec.arms.storage.sites import ExposedSiteKind, Orientation, PESKind, ProtectionLevel

__all__: list[str] = [
    "AASTP1_2006",
    "CRITERIA_SETS",
    "CriteriaSet",
    "DistanceExplanation",
    "ExposedSiteKind",
    "IATG_02_20_2021",
    "Orientation",
    "PESKind",
    "ProtectionLevel",
    "explain_distance",
    "permissible_neq",
    "required_distance",
    # classification
    "Classification",
    "CompatibilityGroup",
    "HazardDivision",
    "VALID_GROUPS",
    "parse_classification",
    # mixing and aggregation
    "MixingCondition",
    "MixingRule",
    "MixingVerdict",
    "mixing_rule",
    "mixing_table",
    "Aggregation",
    "Assessment",
    "MixedDivisionRules",
    "QuantityRule",
    "StockAttribute",
    "aggregate",
    "aggregate_stocks",
    "governing_division",
    # models and the depot check
    "check_depot",
    "DepotReport",
    "PAIR_COLUMNS",
    "AmmunitionStock",
    "Depot",
    "ExplosivesBuilding",
    "ExposedSite",
    "bearing",
    "sector_orientation",
]
