"""The public names and keywords of ../shared/design/API.md, which other code depends on.

Each entry is (module, name, keywords with their documented defaults). A rename or a changed
default breaks this test before it breaks a user.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest

_NO_DEFAULT = inspect.Parameter.empty

CONTRACT: list[tuple[str, str, dict[str, Any]]] = [
    ("dpssec", "__version__", {}),
    ("dpssec.units", "ureg", {}),
    ("dpssec.units", "Q_", {}),
    ("dpssec.errors", "DpssecError", {}),
    ("dpssec.errors", "InputError", {}),
    ("dpssec.errors", "UnitError", {}),
    ("dpssec.errors", "SchemaError", {}),
    ("dpssec.errors", "DpssecWarning", {}),
    ("dpssec.errors", "DataQualityWarning", {}),
    ("dpssec.serialization", "to_dict", {"obj": _NO_DEFAULT}),
    ("dpssec.serialization", "from_dict", {"data": _NO_DEFAULT, "cls": _NO_DEFAULT}),
    ("dpssec.serialization", "to_json", {"obj": _NO_DEFAULT}),
    ("dpssec.serialization", "from_json", {"text": _NO_DEFAULT, "cls": _NO_DEFAULT}),
    (
        "dpssec.references",
        "Reference",
        {
            "document": _NO_DEFAULT,
            "edition": _NO_DEFAULT,
            "clause": "",
            "verified": True,
            "url": None,
        },
    ),
    ("dpssec.countries", "MEMBER_STATES", {}),
    ("dpssec.countries", "member_state", {"code": _NO_DEFAULT}),
    # dpssec.stats
    ("dpssec.stats", "Estimate", {}),
    (
        "dpssec.stats",
        "poisson_rate",
        {
            "count": _NO_DEFAULT,
            "population": _NO_DEFAULT,
            "multiplier": 100_000,
            "confidence": 0.95,
            "method": "auto",
        },
    ),
    (
        "dpssec.stats",
        "proportion",
        {
            "count": _NO_DEFAULT,
            "total": _NO_DEFAULT,
            "multiplier": 1,
            "confidence": 0.95,
            "method": "wilson",
        },
    ),
    (
        "dpssec.stats",
        "risk_difference",
        {
            "count_a": _NO_DEFAULT,
            "total_a": _NO_DEFAULT,
            "count_b": _NO_DEFAULT,
            "total_b": _NO_DEFAULT,
            "confidence": 0.95,
            "method": "newcombe",
        },
    ),
    (
        "dpssec.stats",
        "risk_ratio",
        {
            "count_a": _NO_DEFAULT,
            "total_a": _NO_DEFAULT,
            "count_b": _NO_DEFAULT,
            "total_b": _NO_DEFAULT,
            "confidence": 0.95,
            "method": "katz",
        },
    ),
    ("dpssec.stats", "SurvivalCurve", {}),
    (
        "dpssec.stats",
        "kaplan_meier",
        {
            "durations": _NO_DEFAULT,
            "events": _NO_DEFAULT,
            "weights": None,
            "confidence": 0.95,
            "ci": "log-log",
        },
    ),
    (
        "dpssec.stats",
        "nelson_aalen",
        {
            "durations": _NO_DEFAULT,
            "events": _NO_DEFAULT,
            "weights": None,
            "confidence": 0.95,
            "ties": "breslow",
        },
    ),
    ("dpssec.stats", "TestResult", {}),
    (
        "dpssec.stats",
        "logrank_test",
        {
            "durations_a": _NO_DEFAULT,
            "events_a": _NO_DEFAULT,
            "durations_b": _NO_DEFAULT,
            "events_b": _NO_DEFAULT,
        },
    ),
    # dpssec.arms (storage)
    ("dpssec.arms", "HazardDivision", {}),
    ("dpssec.arms", "CompatibilityGroup", {}),
    ("dpssec.arms", "MixingVerdict", {}),
    (
        "dpssec.arms",
        "mixing_rule",
        {"group_a": _NO_DEFAULT, "group_b": _NO_DEFAULT, "substances": False},
    ),
    ("dpssec.arms", "governing_division", {"divisions": _NO_DEFAULT}),
    ("dpssec.arms", "PESKind", {}),
    ("dpssec.arms", "Orientation", {}),
    ("dpssec.arms", "ExposedSiteKind", {}),
    ("dpssec.arms", "IATG_02_20_2021", {}),
    ("dpssec.arms", "AASTP1_2006", {}),
    (
        "dpssec.arms",
        "required_distance",
        {
            "neq": _NO_DEFAULT,
            "division": _NO_DEFAULT,
            "exposed_site": _NO_DEFAULT,
            "orientation": None,
            "protection_level": None,
            "rounding": "none",
        },
    ),
    (
        "dpssec.arms",
        "permissible_neq",
        {
            "distance": _NO_DEFAULT,
            "division": _NO_DEFAULT,
            "exposed_site": _NO_DEFAULT,
            "orientation": None,
            "protection_level": None,
        },
    ),
    (
        "dpssec.arms",
        "explain_distance",
        {"neq": _NO_DEFAULT, "division": _NO_DEFAULT, "exposed_site": _NO_DEFAULT},
    ),
    ("dpssec.arms", "AmmunitionStock", {}),
    ("dpssec.arms", "ExplosivesBuilding", {}),
    ("dpssec.arms", "ExposedSite", {}),
    ("dpssec.arms", "Depot", {}),
    ("dpssec.arms", "check_depot", {"depot": _NO_DEFAULT}),
    # dpssec.arms (firearms)
    (
        "dpssec.arms",
        "FirearmRecord",
        {
            "serial_number": _NO_DEFAULT,
            "manufacturer": _NO_DEFAULT,
            "model": _NO_DEFAULT,
            "calibre": None,
            "country_of_manufacture": None,
            "year_of_manufacture": None,
            "import_country": None,
            "import_year": None,
            "location": None,
        },
    ),
    ("dpssec.arms", "check_marking", {"record": _NO_DEFAULT, "profile": "ITI"}),
    (
        "dpssec.arms",
        "retention_until",
        {"record_kind": _NO_DEFAULT, "created": _NO_DEFAULT, "profile": "ITI"},
    ),
    ("dpssec.arms", "reconcile_inventory", {"register": _NO_DEFAULT, "counted": _NO_DEFAULT}),
    # dpssec.mines
    ("dpssec.mines", "HazardousArea", {}),
    ("dpssec.mines", "LandReleaseRecord", {}),
    ("dpssec.mines", "ScoringScheme", {"factors": _NO_DEFAULT, "bands": ()}),
    ("dpssec.mines", "impact_score", {}),
    ("dpssec.mines", "LIS_PRESET", {}),
    (
        "dpssec.mines",
        "ahp",
        {"matrix": _NO_DEFAULT, "method": "eigen", "random_index": "saaty1980", "threshold": 0.10},
    ),
    (
        "dpssec.mines",
        "topsis",
        {
            "matrix": _NO_DEFAULT,
            "weights": _NO_DEFAULT,
            "benefit": _NO_DEFAULT,
            "normalization": "vector",
        },
    ),
    (
        "dpssec.mines",
        "weighted_sum",
        {
            "matrix": _NO_DEFAULT,
            "weights": _NO_DEFAULT,
            "benefit": _NO_DEFAULT,
            "normalization": "minmax",
        },
    ),
    ("dpssec.mines", "entropy_weights", {"matrix": _NO_DEFAULT}),
    ("dpssec.mines", "rank", {"scores": _NO_DEFAULT, "descending": True}),
    ("dpssec.mines", "prioritise", {"areas": _NO_DEFAULT}),
    (
        "dpssec.mines",
        "release_summary",
        {"cancelled": _NO_DEFAULT, "reduced": _NO_DEFAULT, "cleared": _NO_DEFAULT},
    ),
    (
        "dpssec.mines",
        "zero_acceptance_sample_size",
        {"limiting_quality": _NO_DEFAULT, "consumer_risk": _NO_DEFAULT},
    ),
    (
        "dpssec.mines",
        "acceptance_probability",
        {
            "sample_size": _NO_DEFAULT,
            "acceptance_number": _NO_DEFAULT,
            "defect_rate": _NO_DEFAULT,
            "lot_size": None,
        },
    ),
    (
        "dpssec.mines",
        "area_acceptance_probability",
        {
            "items": _NO_DEFAULT,
            "fraction_searched": _NO_DEFAULT,
            "detection_probability": _NO_DEFAULT,
        },
    ),
    (
        "dpssec.mines",
        "completion_forecast",
        {"remaining_area": _NO_DEFAULT, "annual_release": _NO_DEFAULT, "deadline": None},
    ),
    # dpssec.justice
    ("dpssec.justice", "PrisonFacility", {}),
    ("dpssec.justice", "occupancy_rate", {"population": _NO_DEFAULT, "capacity": _NO_DEFAULT}),
    (
        "dpssec.justice",
        "system_overcrowding",
        {"populations": _NO_DEFAULT, "capacities": _NO_DEFAULT},
    ),
    (
        "dpssec.justice",
        "prison_population_rate",
        {"population": _NO_DEFAULT, "national_population": _NO_DEFAULT, "multiplier": 100_000},
    ),
    (
        "dpssec.justice",
        "unsentenced_share",
        {"unsentenced": _NO_DEFAULT, "total": _NO_DEFAULT, "definition": "un-cts"},
    ),
    (
        "dpssec.justice",
        "space_per_person",
        {"floor_area": _NO_DEFAULT, "occupants": _NO_DEFAULT, "sanitary_area": 0},
    ),
    ("dpssec.justice", "check_cell_space", {}),
    ("dpssec.justice", "project_population", {}),
    ("dpssec.justice", "years_to_capacity", {}),
    (
        "dpssec.justice",
        "recidivism_rate",
        {
            "durations": _NO_DEFAULT,
            "events": _NO_DEFAULT,
            "follow_up": _NO_DEFAULT,
            "confidence": 0.95,
        },
    ),
    ("dpssec.justice", "compare_programmes", {}),
    # dpssec.prevention
    (
        "dpssec.prevention",
        "crime_rate",
        {
            "count": _NO_DEFAULT,
            "population": _NO_DEFAULT,
            "multiplier": 100_000,
            "confidence": 0.95,
            "method": "auto",
        },
    ),
    ("dpssec.prevention", "STANDARD_POPULATIONS", {}),
    (
        "dpssec.prevention",
        "directly_standardised_rate",
        {
            "counts": _NO_DEFAULT,
            "populations": _NO_DEFAULT,
            "standard": _NO_DEFAULT,
            "multiplier": 100_000,
            "confidence": 0.95,
            "method": "dobson",
            "min_count": 10,
        },
    ),
    (
        "dpssec.prevention",
        "indirectly_standardised_ratio",
        {
            "counts_or_total": _NO_DEFAULT,
            "populations": _NO_DEFAULT,
            "reference_counts": _NO_DEFAULT,
            "reference_populations": _NO_DEFAULT,
            "confidence": 0.95,
        },
    ),
    (
        "dpssec.prevention",
        "indirectly_standardised_rate",
        {
            "counts_or_total": _NO_DEFAULT,
            "populations": _NO_DEFAULT,
            "reference_counts": _NO_DEFAULT,
            "reference_populations": _NO_DEFAULT,
            "multiplier": 100_000,
        },
    ),
    (
        "dpssec.prevention",
        "annual_percent_change",
        {"years": _NO_DEFAULT, "rates": _NO_DEFAULT, "confidence": 0.95},
    ),
    ("dpssec.prevention", "homicide_rate", {}),
    ("dpssec.prevention", "trafficking_victim_rate", {}),
    ("dpssec.prevention", "violence_prevalence", {}),
    ("dpssec.prevention", "feeling_safe_share", {}),
    # dpssec.prevention, populations at risk (second wave)
    (
        "dpssec.prevention",
        "SurveyDesign",
        {
            "weights": _NO_DEFAULT,
            "strata": None,
            "clusters": None,
            "fpc": None,
            "lonely_psu": "fail",
        },
    ),
    (
        "dpssec.prevention",
        "survey_proportion",
        {
            "values": _NO_DEFAULT,
            "design": _NO_DEFAULT,
            "domain": None,
            "by": None,
            "method": "logit",
            "confidence": 0.95,
        },
    ),
    (
        "dpssec.prevention",
        "survey_mean",
        {
            "values": _NO_DEFAULT,
            "design": _NO_DEFAULT,
            "domain": None,
            "by": None,
            "confidence": 0.95,
        },
    ),
    (
        "dpssec.prevention",
        "survey_total",
        {
            "values": _NO_DEFAULT,
            "design": _NO_DEFAULT,
            "domain": None,
            "by": None,
            "confidence": 0.95,
        },
    ),
    (
        "dpssec.prevention",
        "chapman_estimate",
        {"n1": _NO_DEFAULT, "n2": _NO_DEFAULT, "m": _NO_DEFAULT, "confidence": 0.95},
    ),
    (
        "dpssec.prevention",
        "multiple_systems_estimate",
        {"histories": _NO_DEFAULT, "counts": None, "max_interactions": 3, "selection": "bic"},
    ),
]


def _id(entry: tuple[str, str, dict[str, Any]]) -> str:
    return f"{entry[0]}.{entry[1]}"


@pytest.mark.parametrize("entry", CONTRACT, ids=[_id(e) for e in CONTRACT])
def test_public_name_and_keywords(entry: tuple[str, str, dict[str, Any]]) -> None:
    module_name, name, keywords = entry
    module = importlib.import_module(module_name)
    assert hasattr(module, name), f"{module_name} lost the public name {name}"
    if not keywords:
        return
    obj = getattr(module, name)
    parameters = inspect.signature(obj).parameters
    for keyword, default in keywords.items():
        assert keyword in parameters, f"{module_name}.{name} lost the keyword {keyword!r}"
        assert parameters[keyword].default == default, (
            f"{module_name}.{name}({keyword}=...) default changed to {parameters[keyword].default!r}"
        )


def test_reconciliation_result_fields() -> None:
    arms = importlib.import_module("dpssec.arms")
    fields = {f.name for f in __import__("attrs").fields(arms.InventoryReconciliation)}
    assert {"missing", "unregistered", "duplicates", "status_conflicts", "near_matches"} <= fields


def test_enum_values() -> None:
    arms = importlib.import_module("dpssec.arms")
    assert [m.value for m in arms.HazardDivision] == [
        "1.1",
        "1.2.1",
        "1.2.2",
        "1.3",
        "1.4",
        "1.5",
        "1.6",
    ]
    assert [m.value for m in arms.CompatibilityGroup] == list("ABCDEFGHJKLNS")
    assert {"PERMITTED", "NOT_PERMITTED", "CONDITIONAL"} <= {m.name for m in arms.MixingVerdict}
    assert {
        "EARTH_COVERED_MAGAZINE",
        "HEAVY_WALLED_BUILDING",
        "BARRICADED_STACK",
        "UNBARRICADED_STACK",
    } <= {m.name for m in arms.PESKind}
    assert {m.name for m in arms.Orientation} >= {"FRONT", "SIDE", "REAR"}
    assert {
        "INHABITED_BUILDING",
        "VULNERABLE_BUILDING",
        "PUBLIC_TRAFFIC_ROUTE_LOW",
        "PUBLIC_TRAFFIC_ROUTE_MEDIUM",
        "PUBLIC_TRAFFIC_ROUTE_HIGH",
        "WORKSHOP_PROTECTED_BARRICADED",
        "WORKSHOP_LIGHT_BARRICADED",
        "WORKSHOP_UNBARRICADED",
    } <= {m.name for m in arms.ExposedSiteKind}
    prevention = importlib.import_module("dpssec.prevention")
    assert {"esp2013", "who2000"} <= set(prevention.STANDARD_POPULATIONS)
