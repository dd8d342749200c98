"""check_depot on hand-checkable depots, and the k-d tree pairs against all pairs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from dpssec.arms.storage import (
    AmmunitionStock,
    Depot,
    ExplosivesBuilding,
    ExposedSite,
    PESKind,
    check_depot,
    permissible_neq,
    required_distance,
)
from dpssec.arms.storage.depot_check import check_depot_with
from dpssec.errors import InputError
from dpssec.findings import Severity
from dpssec.serialization import from_json, to_json


def _stock(
    division: str = "1.1", group: str = "D", neq: float = 10_000.0, **kw: object
) -> AmmunitionStock:
    return AmmunitionStock(f"HD {division}{group}", division, group, neq, **kw)  # type: ignore[arg-type]


def _pairs(report: object) -> dict[str, object]:
    return {f.subject: f for f in report.findings if "->" in f.subject}  # type: ignore[attr-defined]


def test_hand_checkable_depot() -> None:
    store = ExplosivesBuilding("B1", "heavy_walled_building", 0, 0, [_stock()])
    sites = [
        ExposedSite("H1", "inhabited_building", 450, 0),  # IBD D13 = 22.2·10000^1/3 = 478.3 m
        ExposedSite("H2", "inhabited_building", 0, 600),
        ExposedSite("V1", "vulnerable_building", 0, -900),  # VBD 2 x 478.3 = 956.6 m
        ExposedSite("F1", "inhabited_building", 5000, 5000),  # far beyond reach
    ]
    report = check_depot(Depot("hand", [store], sites))
    pairs = _pairs(report)
    assert set(pairs) == {"B1 -> H1", "B1 -> H2", "B1 -> V1"}
    assert pairs["B1 -> V1"].details["required_distance_m"] == pytest.approx(
        2 * 22.2 * 10_000 ** (1 / 3)
    )  # type: ignore[attr-defined]
    h1, h2 = pairs["B1 -> H1"], pairs["B1 -> H2"]
    ibd = 22.2 * 10_000 ** (1 / 3)
    assert h1.severity is Severity.VIOLATION  # type: ignore[attr-defined]
    assert h1.details["required_distance_m"] == pytest.approx(ibd)  # type: ignore[attr-defined]
    assert h1.details["actual_distance_m"] == 450.0  # type: ignore[attr-defined]
    # explosives limit at 450 m: floor((450 / 22.2)^3) = 8328 kg (IATG clause 7.7: round down)
    assert h1.details["permissible_neq_kg"] == 8328.0  # type: ignore[attr-defined]
    assert h1.details["d_code"] == "D13"  # type: ignore[attr-defined]
    assert h2.severity is Severity.INFO  # type: ignore[attr-defined]
    assert h2.details["permissible_neq_kg"] == np.floor((600 / 22.2) ** 3)  # type: ignore[attr-defined]
    ref = h1.reference  # type: ignore[attr-defined]
    assert ref.document == "IATG 02.20" and ref.edition == "2021 (3rd ed.)"
    assert "Table D.1" in ref.clause and "row" in ref.clause and "column" in ref.clause
    assert len(report.violations) == 2
    assert not report.ok
    assert report.findings[0].code == "aggregation"


def test_ecm_orientation_front_and_rear() -> None:
    # door looks east: a house 450 m east faces the door (D13, 478 m); one 450 m west sees the
    # rear (D14 = 14.0·Q^1/3 = 301.6 m, table minimum 400 m)
    igloo = ExplosivesBuilding("M1", "earth_covered_magazine", 0, 0, [_stock()], door_azimuth=90)
    sites = [
        ExposedSite("E", "inhabited_building", 450, 0),
        ExposedSite("W", "inhabited_building", -450, 0),
    ]
    pairs = _pairs(check_depot(Depot("ecm", [igloo], sites)))
    east, west = pairs["M1 -> E"], pairs["M1 -> W"]
    assert east.details["orientation"] == "front"  # type: ignore[attr-defined]
    assert east.severity is Severity.VIOLATION  # type: ignore[attr-defined]
    assert west.details["orientation"] == "rear"  # type: ignore[attr-defined]
    assert west.details["required_distance_m"] == pytest.approx(400.0)  # type: ignore[attr-defined]
    assert west.severity is not Severity.VIOLATION  # type: ignore[attr-defined]
    expected = required_distance(
        10_000, "1.1", "inhabited_building", pes="earth_covered_magazine", orientation="rear"
    )
    assert west.details["required_distance_m"] == pytest.approx(expected.magnitude)  # type: ignore[attr-defined]


def test_hd14_does_not_change_the_distance_and_gives_the_overriding_warning() -> None:
    site = ExposedSite("H1", "inhabited_building", 20, 0)
    plain = ExplosivesBuilding("B1", "unbarricaded_stack", 0, 0, [_stock(neq=1000)])
    mixed = ExplosivesBuilding(
        "B1", "unbarricaded_stack", 0, 0, [_stock(neq=1000), _stock("1.4", "S", 5000)]
    )
    a = _pairs(check_depot(Depot("a", [plain], [site])))["B1 -> H1"]
    report = check_depot(Depot("b", [mixed], [site]))
    b = next(f for f in report.findings if f.code.startswith("qd-"))
    assert a.details == b.details  # type: ignore[attr-defined]
    assert [f.code for f in report.findings if f.code == "hd14-overriding-distance"] == [
        "hd14-overriding-distance"
    ]


def test_pes_to_pes_pairs_both_directions() -> None:
    b1 = ExplosivesBuilding("B1", "heavy_walled_building", 0, 0, [_stock()])
    b2 = ExplosivesBuilding("B2", "heavy_walled_building", 5, 0, [_stock(neq=1000)])
    pairs = _pairs(check_depot(Depot("imd", [b1, b2])))
    assert {"B1 -> B2", "B2 -> B1"} <= set(pairs)
    f = pairs["B1 -> B2"]
    assert f.code == "qd-imd"  # type: ignore[attr-defined]
    assert f.details["exposed_site_kind"] == "heavy_walled_building_unroofed"  # type: ignore[attr-defined]
    try:
        expected = required_distance(
            10_000,
            "1.1",
            "heavy_walled_building_unroofed",
            pes=PESKind.HEAVY_WALLED_BUILDING,
            protection_level="high",
        )
    except InputError:
        expected = required_distance(
            10_000, "1.1", "heavy_walled_building_unroofed", pes=PESKind.HEAVY_WALLED_BUILDING
        )
    assert f.details["required_distance_m"] == pytest.approx(expected.magnitude)  # type: ignore[attr-defined]


def test_igloo_target_face_is_computed() -> None:
    # B1's blast reaches M2; M2's door looks west, towards B1: the 3 bar igloo front row
    b1 = ExplosivesBuilding("B1", "unbarricaded_stack", 0, 0, [_stock()])
    m2 = ExplosivesBuilding(
        "M2", "earth_covered_magazine", 20, 0, [_stock(neq=100)], door_azimuth=270
    )
    m3 = ExplosivesBuilding(
        "M3",
        "earth_covered_magazine",
        0,
        -20,
        [_stock(neq=100)],
        door_azimuth=180,
        exposed_as="igloo_7bar_side",
    )
    pairs = _pairs(check_depot(Depot("faces", [b1, m2, m3])))
    assert pairs["B1 -> M2"].details["exposed_site_kind"] == "igloo_3bar_front"  # type: ignore[attr-defined]
    assert pairs["B1 -> M3"].details["exposed_site_kind"] == "igloo_7bar_rear"  # type: ignore[attr-defined]


def test_compatibility_findings() -> None:
    def codes(*stocks: AmmunitionStock) -> list[tuple[str, Severity]]:
        b = ExplosivesBuilding("B", "unbarricaded_stack", 0, 0, list(stocks))
        return [
            (f.code, f.severity)
            for f in check_depot(Depot("m", [b])).findings
            if f.code.startswith(("mixing", "hd12"))
        ]

    assert codes(_stock(group="K"), _stock("1.4", "S")) == [
        ("mixing-not-permitted", Severity.VIOLATION)
    ]
    assert codes(_stock(group="C"), _stock(group="F")) == [("mixing-conditional", Severity.WARNING)]
    assert codes(_stock(group="L", family="a"), _stock(group="L", family="b")) == [
        ("mixing-not-permitted", Severity.VIOLATION)
    ]
    assert codes(_stock(group="L", family="a"), _stock(group="L", family="a")) == []
    assert (
        codes(
            _stock("1.6", "N", item_neq=10, family="x"), _stock("1.6", "N", item_neq=10, family="x")
        )
        == []
    )
    assert codes(_stock(group="D"), _stock(group="E")) == []
    # IATG 02.20:2021 splits HD 1.2.1/1.2.2 at 0.136 kg per item
    assert codes(_stock("1.2.2", "E", 100, item_neq=0.5)) == [
        ("hd12-subdivision", Severity.WARNING)
    ]


def test_small_neq_warns_under_iatg() -> None:
    b = ExplosivesBuilding("B", "unbarricaded_stack", 0, 0, [_stock(neq=100)])
    far = ExposedSite("H", "inhabited_building", 1000, 0)
    near = ExposedSite("N", "inhabited_building", 200, 0)
    pairs = _pairs(check_depot(Depot("small", [b], [far, near])))
    assert pairs["B -> N"].severity is Severity.VIOLATION  # type: ignore[attr-defined]
    assert "B -> H" not in pairs  # 1000 m is beyond any distance 100 kg can need


def test_aastp1_depot_cites_aastp1() -> None:
    b = ExplosivesBuilding("B", "unbarricaded_stack", 0, 0, [_stock()])
    report = check_depot(
        Depot("n", [b], [ExposedSite("H", "inhabited_building", 450, 0)], criteria="AASTP1_2006")
    )
    f = _pairs(report)["B -> H"]
    assert f.reference.document == "AASTP-1"  # type: ignore[attr-defined]
    assert "AASTP-1" in report.criteria
    agg = next(x for x in report.findings if x.code == "aggregation")
    assert agg.reference is not None and agg.reference.document == "AASTP-1"


def test_independent_limits_for_12_plus_13() -> None:
    b = ExplosivesBuilding(
        "B", "unbarricaded_stack", 0, 0, [_stock("1.2.1", "E", 5000), _stock("1.3", "C", 17500)]
    )
    report = check_depot(
        Depot("n", [b], [ExposedSite("H", "inhabited_building", 300, 0)], criteria="AASTP1_2006")
    )
    (agg,) = [x for x in report.findings if x.code == "aggregation"]
    assert agg.message.startswith("assessed separately: HD 1.2.1 on 5000 kg, HD 1.3 on 17500 kg")
    f = _pairs(report)["B -> H"]
    limits = f.details["permissible_neq_kg"]  # type: ignore[attr-defined]
    assert set(limits) == {"1.2.1", "1.3"}
    assert (
        limits["1.3"]
        == permissible_neq(300, "1.3", "inhabited_building", criteria="AASTP1_2006").magnitude
    )


def test_bad_input_raises_before_computing() -> None:
    b = ExplosivesBuilding("B16", "unbarricaded_stack", 0, 0, [_stock("1.6", "N", 100)])
    with pytest.raises(InputError, match=r"building 'B16': HD 1\.6 stocks need item_neq"):
        check_depot(Depot("x", [b]))
    with pytest.raises(InputError, match="must be a Depot"):
        check_depot("depot.json")  # type: ignore[arg-type]


def _all_pairs(geometry: Any, buildings: bool) -> tuple[np.ndarray, np.ndarray]:
    """The plain all-pairs reach test (row-major order = sorted by source, then target)."""
    sources, targets, reach = geometry.xy, geometry.targets(buildings), geometry.reach(buildings)
    delta = targets[None, :, :] - sources[:, None, :]
    distance = np.hypot(delta[..., 0], delta[..., 1])
    source, target = np.nonzero(distance <= reach[:, None])
    return source, target


def test_kdtree_pairs_equal_all_pairs() -> None:
    rng = np.random.default_rng(7)
    kinds = [
        "earth_covered_magazine",
        "heavy_walled_building",
        "barricaded_stack",
        "unbarricaded_stack",
    ]
    divisions = [("1.1", "D"), ("1.2.1", "E"), ("1.2.2", "E"), ("1.3", "C"), ("1.4", "S")]
    buildings = []
    for i in range(25):
        stocks = [
            _stock(*divisions[j], float(rng.uniform(50, 30_000)))
            for j in rng.choice(5, size=int(rng.integers(1, 3)), replace=False)
        ]
        buildings.append(
            ExplosivesBuilding(
                f"B{i}",
                kinds[i % 4],
                *rng.uniform(0, 2000, 2),
                stocks,
                door_azimuth=float(rng.uniform(0, 360)),
            )
        )
    site_kinds = [
        "inhabited_building",
        "vulnerable_building",
        "public_traffic_route_low",
        "public_traffic_route_high",
        "workshop_unbarricaded",
    ]
    sites = [
        ExposedSite(f"E{i}", site_kinds[i % 5], *rng.uniform(-500, 2500, 2)) for i in range(200)
    ]
    for criteria in ("IATG_02_20_2021", "AASTP1_2006"):
        depot = Depot("random", buildings, sites, criteria=criteria)
        fast = check_depot(depot)
        slow = check_depot_with(depot, _all_pairs, "none")
        assert fast == slow
        assert any(f.code.startswith("qd-imd") for f in fast.findings)
        assert len(fast.violations) > 0


def test_report_round_trips_through_json() -> None:
    b = ExplosivesBuilding("B", "unbarricaded_stack", 0, 0, [_stock(), _stock("1.2.1", "E", 100)])
    report = check_depot(Depot("j", [b], [ExposedSite("H", "inhabited_building", 450, 0)]))
    text = to_json(report)
    assert from_json(text, type(report)).findings[0].code == report.findings[0].code


def test_hd14_hd16_heavy_walled_door_and_substances() -> None:
    s = AmmunitionStock
    buildings = [
        ExplosivesBuilding("P14", "unbarricaded_stack", 0, 0, [s("sa", "1.4", "S", 1000)]),
        ExplosivesBuilding(
            "P16", "barricaded_stack", 500, 0, [s("n", "1.6", "N", 20000, item_neq=100)]
        ),
        ExplosivesBuilding(
            "HW", "heavy_walled_building", 1000, 0, [s("x", "1.2.2", "E", 5000)], door_azimuth=0
        ),
        ExplosivesBuilding(
            "SUB",
            "unbarricaded_stack",
            2000,
            0,
            [
                s("azide", "1.1", "A", 10, substance=True),
                s("TNT", "1.1", "D", 100, substance=True),
                s("shells", "1.1", "D", 100),
            ],
        ),
    ]
    sites = [
        ExposedSite("H1", "inhabited_building", 5, 0),
        ExposedSite("H2", "inhabited_building", 600, 0),
        ExposedSite("N", "inhabited_building", 1000, 100),  # in front of HW's door
        ExposedSite("S", "inhabited_building", 1000, -100),  # behind it
    ]
    report = check_depot(Depot("x", buildings, sites, criteria="AASTP1_2006"))
    pairs = _pairs(report)
    assert pairs["P14 -> H1"].severity is Severity.VIOLATION  # type: ignore[attr-defined]
    assert pairs["P14 -> H1"].details["required_distance_m"] == 10.0  # type: ignore[attr-defined]
    hd16 = pairs["P16 -> H2"].details  # type: ignore[attr-defined]
    expected = required_distance(
        20000,
        "1.6",
        "inhabited_building",
        pes="barricaded_stack",
        item_neq=100,
        criteria="AASTP1_2006",
    )
    assert hd16["required_distance_m"] == pytest.approx(expected.magnitude)
    front, rear = pairs["HW -> N"].details, pairs["HW -> S"].details  # type: ignore[attr-defined]
    assert (front["orientation"], rear["orientation"]) == ("front", "rear")
    assert front["required_distance_m"] > rear["required_distance_m"]
    mixing = [f for f in report.findings if f.subject == "SUB" and f.code == "mixing-not-permitted"]
    assert len(mixing) == 2
    assert {f.reference.clause for f in mixing if f.reference} == {"Part I, Table 5", "§1.2.3.3 d"}


def test_feet_and_metres_give_the_same_findings() -> None:
    from dpssec.units import Q_

    def depot(unit: str, factor: float) -> Depot:
        b = ExplosivesBuilding(
            "M", "earth_covered_magazine", Q_(0, unit), Q_(0, unit), [_stock()], door_azimuth=45
        )
        sites = [
            ExposedSite("H", "inhabited_building", Q_(300 * factor, unit), Q_(300 * factor, unit)),
            ExposedSite("R", "public_traffic_route_high", Q_(-200 * factor, unit), Q_(0, unit)),
        ]
        return Depot("u", [b], sites)

    metres = _pairs(check_depot(depot("m", 1.0)))
    feet = _pairs(check_depot(depot("ft", 1 / 0.3048)))
    assert metres.keys() == feet.keys()
    for key, f in metres.items():
        g = feet[key]
        assert f.severity is g.severity  # type: ignore[attr-defined]
        for name in ("required_distance_m", "actual_distance_m"):
            assert f.details[name] == pytest.approx(g.details[name])  # type: ignore[attr-defined]


def test_empty_depot_bad_rounding_and_one_site_message() -> None:
    site = ExposedSite("H", "inhabited_building", 0, 0)
    # a depot without buildings has nothing to check: refused, not "0 violations" (issue 12)
    with pytest.raises(InputError, match="no buildings"):
        check_depot(Depot("empty", [], [site]))
    with pytest.raises(InputError, match="no buildings"):
        check_depot(Depot())
    b1 = ExplosivesBuilding("B1", "heavy_walled_building", 0, 0, [_stock()])
    b2 = ExplosivesBuilding("B2", "heavy_walled_building", 5, 0, [_stock(neq=1000)])
    with pytest.raises(InputError, match="'rounding': 'up' is not one of"):
        check_depot(Depot("r", [b1, b2]), rounding="up")
    assert check_depot(Depot("r", [b1]), rounding="TABLE").findings
    imd = check_depot(Depot("r", [b1, b2])).violations[0]
    assert "count as one site with their aggregate NEQ" in imd.message


@pytest.mark.parametrize(("criteria", "item"), [("IATG_02_20_2021", 0.5), ("AASTP1_2006", 1.0)])
def test_hd122_above_the_split_is_checked_as_hd121(criteria: str, item: float) -> None:
    # 1,000 kg: HD 1.2.2 IBD 88 m, HD 1.2.1 IBD 257-260 m; a house at 150 m passes only as 1.2.2
    stock = _stock("1.2.2", "E", 1000, item_neq=item)
    store = ExplosivesBuilding("B", "unbarricaded_stack", 0, 0, [stock])
    house = ExposedSite("H", "inhabited_building", 150, 0)
    report = check_depot(Depot("split", [store], [house], criteria=criteria))
    pair = _pairs(report)["B -> H"]
    assert pair.severity is Severity.VIOLATION  # type: ignore[attr-defined]
    assert pair.details["division"] == "1.2.1"  # type: ignore[attr-defined]
    (sub,) = [f for f in report.findings if f.code == "hd12-subdivision"]
    assert "reclassified as HD 1.2.1" in sub.message
    assert sub.reference is not None
    # below the split the declared HD 1.2.2 stands and the house complies
    small = ExplosivesBuilding(
        "B", "unbarricaded_stack", 0, 0, [_stock("1.2.2", "E", 1000, item_neq=0.1)]
    )
    report = check_depot(Depot("split", [small], [house], criteria=criteria))
    assert not report.violations


def test_large_ecm_rear_distance_only_when_declared_under_aastp1() -> None:
    # door east, house 450 m west (rear), 10,000 kg: a standard ECM needs D13 = 478.3 m
    # (violation); a large ECM (> 500 m³) needs D14 = 301.6 m, min 400 m (AASTP-1 §1.3.6.7 b)
    house = ExposedSite("W", "inhabited_building", -450, 0)
    verdicts = {}
    for large in (False, True):
        igloo = ExplosivesBuilding(
            "M1", "earth_covered_magazine", 0, 0, [_stock()], door_azimuth=90, large_ecm=large
        )
        depot = Depot("ecm", [igloo], [house], criteria="AASTP1_2006")
        pair = _pairs(check_depot(depot))["M1 -> W"]
        verdicts[large] = (pair.severity, pair.details["required_distance_m"])  # type: ignore[attr-defined]
        assert from_json(to_json(depot), Depot) == depot
    assert verdicts[False][0] is Severity.VIOLATION
    assert verdicts[False][1] == pytest.approx(22.2 * 10_000 ** (1 / 3))
    assert verdicts[True][0] is not Severity.VIOLATION
    assert verdicts[True][1] == pytest.approx(400.0)
    with pytest.raises(InputError, match="large_ecm"):
        ExplosivesBuilding("S", "unbarricaded_stack", 0, 0, [_stock()], large_ecm=True)


def test_protection_level_not_offered_by_the_cell_is_reported() -> None:
    # IATG D.1, igloo side to igloo side: the cell offers only 'virtually_complete' (D3a)
    a = ExplosivesBuilding("A", "earth_covered_magazine", 0, 0, [_stock()], door_azimuth=0)
    b = ExplosivesBuilding("B", "earth_covered_magazine", 60, 0, [_stock()], door_azimuth=0)
    report = check_depot(Depot("pair", [a, b], protection_level="high"))
    pair = _pairs(report)["A -> B"]
    assert pair.severity is Severity.WARNING  # type: ignore[attr-defined]
    assert "protection level 'high' not offered" in pair.message  # type: ignore[attr-defined]
    assert "'virtually_complete'" in pair.message  # type: ignore[attr-defined]


def test_orientation_for_a_stack_is_refused() -> None:
    with pytest.raises(InputError, match="orientation applies only"):
        required_distance(1_000, "1.1", "inhabited_building", orientation="front")
    with pytest.raises(InputError, match="orientation applies only"):
        permissible_neq(
            500, "1.1", "inhabited_building", pes="barricaded_stack", orientation="rear"
        )


def test_pair_permissible_neq_outside_the_table_is_flagged() -> None:
    # HD 1.1 1,090 kg, workshop 232 m from a heavy-walled door: permissible 75 kg lies in the
    # IATG rows below 500 kg; 2,000 m from a house the permissible NEQ is beyond 250,000 kg
    store = ExplosivesBuilding("HW", "heavy_walled_building", 0, 0, [_stock(neq=1090)])
    near = ExposedSite("WS", "workshop_unbarricaded", 232, 0)
    pairs = _pairs(check_depot(Depot("t", [store], [near])))
    assert "extreme caution" in pairs["HW -> WS"].message  # type: ignore[attr-defined]
    big = ExplosivesBuilding("B", "unbarricaded_stack", 0, 0, [_stock(neq=300_000)])
    house = ExposedSite("H", "inhabited_building", 100, 0)
    far = ExposedSite("F", "inhabited_building", 1480, 0)  # permissible (1480/22.2)^3 kg
    pairs = _pairs(check_depot(Depot("t", [big], [house, far])))
    assert "300000 kg is beyond the 250000 kg" in pairs["B -> H"].message  # type: ignore[attr-defined]
    assert "(beyond the 250000 kg" in pairs["B -> F"].message  # type: ignore[attr-defined]


def test_cg_l_without_family_is_a_warning() -> None:
    # audit finding 24: two CG L lots with no family must not pass as "the same type"
    b = ExplosivesBuilding(
        "B", "unbarricaded_stack", 0, 0, [_stock(group="L"), _stock(group="L", neq=5)]
    )
    (f,) = [x for x in check_depot(Depot("l", [b])).findings if x.code.startswith("mixing")]
    assert (f.code, f.severity) == ("mixing-family-unknown", Severity.WARNING)
    assert "family not given" in f.message
    n = ExplosivesBuilding(
        "N", "unbarricaded_stack", 0, 0, [_stock("1.6", "N", 10, item_neq=1)] * 2
    )
    codes = [x.code for x in check_depot(Depot("n", [n])).findings]
    assert "mixing-family-unknown" in codes
