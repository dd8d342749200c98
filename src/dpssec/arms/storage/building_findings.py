"""Findings about one building: compatibility of its stocks, HD 1.2 sub-division, aggregation.

Used by :func:`~dpssec.arms.storage.depot_check.check_depot`. Mixing follows AASTP-1 (2006)
Table 6 for articles and Table 5 for substances (:mod:`~dpssec.arms.storage.mixing`); a CG A
substance mixed with articles is refused (§1.2.3.3 d); CG L lots of different ``family``
(type) and CG N lots of different families are told apart.
"""

from __future__ import annotations

import itertools
from typing import Any

import attrs

from dpssec.arms.storage.aggregation import Aggregation, QuantityRule
from dpssec.arms.storage.classification import CompatibilityGroup, HazardDivision
from dpssec.arms.storage.mixing import (
    IATG_01_50_MIXING,
    MixingCondition,
    MixingVerdict,
    mixing_rule,
)
from dpssec.arms.storage.models import AmmunitionStock, ExplosivesBuilding
from dpssec.errors import InputError
from dpssec.findings import Finding, Severity
from dpssec.references import Reference

__all__ = ["aggregation_finding", "mixing_findings", "reclassify_hd122", "subdivision_findings"]

HD = HazardDivision
_AASTP1_MIXING = Reference("AASTP-1", "Ed.1 Ch.2 (2006)", "§1.2.3.3 d")
_SPLIT_REFERENCE = {
    "IATG_02_20_2021": Reference("IATG 02.20", "2021 (3rd ed.)", "Table 9"),
    "AASTP1_2006": Reference("AASTP-1", "Ed.1 Ch.2 (2006)", "§1.2.1.2 b"),
}


def _above_split(stock: AmmunitionStock, split: float) -> bool:
    return (
        stock.division is HD.HD_1_2_2
        and stock.item_neq is not None
        and float(stock.item_neq.magnitude) > split  # stored in kg
    )


def reclassify_hd122(building: ExplosivesBuilding, split: float) -> ExplosivesBuilding:
    """The building with every HD 1.2.2 stock whose item NEQ is above ``split`` [kg] as HD 1.2.1.

    The split belongs to the criteria set (IATG 02.20:2021 Table 9: 0.136 kg; AASTP-1 2006
    §1.2.1.2 b: 0.71 kg); a stock declared HD 1.2.2 on the other set's split is measured with
    the larger HD 1.2.1 distances. The building is returned unchanged when nothing moves.
    """
    if not any(_above_split(s, split) for s in building.stocks):
        return building
    stocks = tuple(
        attrs.evolve(s, division=HD.HD_1_2_1) if _above_split(s, split) else s
        for s in building.stocks
    )
    return attrs.evolve(building, stocks=stocks)


def mixing_findings(building: ExplosivesBuilding, iatg: bool) -> list[Finding]:
    """One finding per pair of stocks whose groups are not freely mixable (IATG: ``iatg``)."""
    findings = []
    stocks = building.stocks
    seen: set[tuple[Any, ...]] = set()
    for a, b in itertools.combinations(stocks, 2):
        key = (a.group, b.group, a.substance, b.substance, a.family == b.family)
        if key in seen:
            continue
        seen.add(key)
        finding = _mixing_finding(building, a, b, iatg)
        if finding is not None:
            findings.append(finding)
    return findings


def _mixing_finding(
    building: ExplosivesBuilding, a: AmmunitionStock, b: AmmunitionStock, iatg: bool
) -> Finding | None:
    subject = building.id
    pair = f"CG {a.group.value} ({a.description}) and CG {b.group.value} ({b.description})"
    details: dict[str, Any] = {"groups": [a.group.value, b.group.value]}
    if iatg:
        details["iatg_mixing_reference"] = str(IATG_01_50_MIXING)
    if a.substance != b.substance and CompatibilityGroup.A in (a.group, b.group):
        return Finding(
            "mixing-not-permitted",
            Severity.VIOLATION,
            f"{pair}: CG A substances should not be mixed with other groups",
            subject,
            _AASTP1_MIXING,
            details,
        )
    substances = a.substance and b.substance
    try:
        rule = mixing_rule(a.group, b.group, substances=substances)
    except InputError:
        # a substance group absent from Table 5 mixed as an article, or the reverse
        rule = mixing_rule(a.group, b.group, substances=not substances)
    details.update(
        verdict=rule.verdict.value,
        condition=rule.condition.value,
        treat_as=None if rule.treat_as is None else rule.treat_as.value,
    )
    if rule.verdict is MixingVerdict.NOT_PERMITTED:
        return Finding(
            "mixing-not-permitted",
            Severity.VIOLATION,
            f"{pair} may not share a building",
            subject,
            rule.reference,
            details,
        )
    same_family = rule.condition in (
        MixingCondition.SAME_TYPE_ONLY,
        MixingCondition.SAME_OR_COMPATIBLE_FAMILY,
    )
    if same_family and not a.family and not b.family:
        # two lots without a type/family would otherwise pass as "the same type"
        return Finding(
            "mixing-family-unknown",
            Severity.WARNING,
            f"{pair}: family not given; cannot confirm they are of the same "
            f"{'type' if rule.condition is MixingCondition.SAME_TYPE_ONLY else 'family'} "
            "(set AmmunitionStock.family)",
            subject,
            rule.reference,
            details,
        )
    if rule.condition is MixingCondition.SAME_TYPE_ONLY:
        if a.family == b.family:
            return None
        return Finding(
            "mixing-not-permitted",
            Severity.VIOLATION,
            f"{pair}: CG L of different types ({a.family!r}, {b.family!r}) must be stored apart",
            subject,
            rule.reference,
            details,
        )
    if rule.condition is MixingCondition.SAME_OR_COMPATIBLE_FAMILY and a.family == b.family:
        return None
    if rule.verdict is MixingVerdict.CONDITIONAL:
        treat = f"; treat as CG {rule.treat_as.value}" if rule.treat_as is not None else ""
        return Finding(
            "mixing-conditional",
            Severity.WARNING,
            f"{pair}: conditional on {rule.condition.value}{treat} ({rule.note})",
            subject,
            rule.reference,
            details,
        )
    if rule.treat_as is not None:
        return Finding(
            "mixing-permitted",
            Severity.INFO,
            f"{pair}: permitted; may be treated as CG {rule.treat_as.value}",
            subject,
            rule.reference,
            details,
        )
    return None


def subdivision_findings(building: ExplosivesBuilding, split: float, name: str) -> list[Finding]:
    """A warning for each HD 1.2.2 stock whose item NEQ is above the set's split [kg].

    The depot check reclassifies these stocks (:func:`reclassify_hd122`); the finding says so.
    """
    findings = []
    for stock in building.stocks:
        if _above_split(stock, split):
            assert stock.item_neq is not None
            item = float(stock.item_neq.magnitude)
            findings.append(
                Finding(
                    "hd12-subdivision",
                    Severity.WARNING,
                    f"{stock.description}: declared HD 1.2.2, but its item NEQ {item:g} kg is "
                    f"above the {split:g} kg HD 1.2.1/1.2.2 split of {name}; reclassified as "
                    "HD 1.2.1 for aggregation and distances",
                    building.id,
                    _SPLIT_REFERENCE.get(name),
                    {"item_neq_kg": item, "split_kg": split, "assessed_as": "1.2.1"},
                )
            )
    return findings


def aggregation_finding(building: ExplosivesBuilding, agg: Aggregation) -> Finding:
    """How the building's stocks count: governing division, NEQ, assessments, reasons."""
    parts = ", ".join(f"HD {a.division.value} on {a.neq.magnitude:g} kg" for a in agg.assessments)
    total = float(agg.total_neq.magnitude)
    if agg.quantity_rule is QuantityRule.INDEPENDENT:
        text = f"assessed separately: {parts}"
    else:
        text = (
            f"governing division HD {agg.governing_division.value}, {total:g} kg counted; "
            f"assessed as {parts}"
        )
    if agg.overriding_distance is not None:
        text += (
            f"; HD 1.4 ({agg.hd14_neq.magnitude:g} kg) not aggregated, "
            f"{agg.overriding_distance.magnitude:g} m overriding"
        )
    if agg.quantity_rule is QuantityRule.INDEPENDENT:
        text += "; each division's quantity limit applies independently"
    if agg.reasons:
        text += " (" + "; ".join(agg.reasons) + ")"
    return Finding(
        "aggregation",
        Severity.INFO,
        text,
        building.id,
        agg.reference,
        {
            "governing_division": agg.governing_division.value,
            "total_neq_kg": total,
            "assessments": [[a.division.value, float(a.neq.magnitude)] for a in agg.assessments],
            "quantity_rule": agg.quantity_rule.value,
        },
    )
