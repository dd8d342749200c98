"""Ammunition and explosives storage: IATG 02.20:2021 and AASTP-1 (2006) quantity-distances.

Will hold hazard divisions and compatibility groups, mixing and aggregation rules, the
quantity-distance criteria sets, the depot models and ``check_depot``.
"""

from __future__ import annotations

from dpssec.arms.storage.sites import ExposedSiteKind, Orientation, PESKind, ProtectionLevel

__all__: list[str] = ["ExposedSiteKind", "Orientation", "PESKind", "ProtectionLevel"]
