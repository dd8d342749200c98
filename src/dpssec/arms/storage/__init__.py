"""Ammunition and explosives storage: IATG 02.20:2021 and AASTP-1 (2006) quantity-distances.

Hazard divisions and compatibility groups, mixing and aggregation rules, the
quantity-distance criteria sets, the depot models and ``check_depot``.
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
    Classification,
    CompatibilityGroup,
    HazardDivision,
    parse_classification,
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
    "ExposedSiteKind",
    "Orientation",
    "PESKind",
    "ProtectionLevel",
    # classification
    "Classification",
    "CompatibilityGroup",
    "HazardDivision",
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
    # models
    "AmmunitionStock",
    "Depot",
    "ExplosivesBuilding",
    "ExposedSite",
    "bearing",
    "sector_orientation",
]
