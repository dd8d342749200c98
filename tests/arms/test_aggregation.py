"""Mixed hazard divisions: AASTP-1 (2006) Table 4 / §1.3.2.5-6 and IATG 02.20:2021 Table 6.

Vectors from arms.md §6, §11.4 and §14.8.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.arms.storage import (
    AmmunitionStock,
    HazardDivision,
    MixedDivisionRules,
    QuantityRule,
    aggregate,
    aggregate_stocks,
    governing_division,
)
from dpssec.errors import InputError, UnitError
from dpssec.units import Q_

HD = HazardDivision
AASTP = MixedDivisionRules.AASTP1_2006
IATG = MixedDivisionRules.IATG_02_20_2021

# AASTP-1 (2006) Table 4 as printed (arms.md §6.1); "1" note 1 (the other HD), "2" note 2,
# "3" note 3, "1.3(3)" / "1.6(3)" the division with note 3.
TABLE_4 = """
1.1   1.1 1.1   1.1   1.1    1 1.1 1.1
1.2.1 1.1 1.2.1 1.2.1 2      1 1.1 3
1.2.2 1.1 1.2.1 1.2.2 2      1 1.1 3
1.3   1.1 2     2     1.3    1 1.1 3
1.4   1   1     1     1      1.4 1 1
1.5   1.1 1.1   1.1   1.1    1 1.1 1.1
1.6   1.1 1.2.1 1.2.1 1.3(3) 1 1.1 1.6(3)
"""
ORDER = ["1.1", "1.2.1", "1.2.2", "1.3", "1.4", "1.5", "1.6"]


def _table_4() -> dict[tuple[str, str], str]:
    cells = {}
    for line in TABLE_4.strip().splitlines():
        row, *values = line.split()
        for column, value in zip(ORDER, values, strict=True):
            cells[(row, column)] = value
    return cells


@pytest.mark.parametrize("demonstrated", [False, True])
def test_table_4_pairs(demonstrated: bool) -> None:
    for (row, column), cell in _table_4().items():
        if row == "1.6" and column in ("1.2.1", "1.2.2"):
            continue  # printed without note 3 in row 1.6 only: tested below
        got = governing_division([row, column], demonstrated=demonstrated).value
        if cell == "1":
            expected = column if row == "1.4" else row
            if row == column == "1.4":
                expected = "1.4"
            if expected == "1.5":
                expected = "1.1"
        elif cell == "2":
            expected = "1.2.1" if "1.2.1" in (row, column) else "1.2.2"
        elif cell == "3":
            other = row if column == "1.6" else column
            expected = ("1.2.1" if other.startswith("1.2") else other) if demonstrated else "1.1"
        elif cell.endswith("(3)"):
            expected = cell[:3] if demonstrated or row == column else "1.1"
        else:
            expected = cell
        assert got == expected, (row, column, cell)


def test_asymmetric_cell_is_read_symmetrically() -> None:
    # Row 1.6 / column 1.2.2 prints 1.2.1; row 1.2.2 / column 1.6 prints note 3 (and row 1.6
    # / column 1.2.1 prints 1.2.1 without the note 3 of row 1.2.1 / column 1.6).
    assert governing_division(["1.6", "1.2.1"]) is HD.HD_1_1
    assert governing_division(["1.6", "1.2.1"], demonstrated=True) is HD.HD_1_2_1
    assert governing_division(["1.6", "1.2.2"]) is HD.HD_1_1
    assert governing_division(["1.2.2", "1.6"]) is HD.HD_1_1
    assert governing_division(["1.6", "1.2.2"], demonstrated=True) is HD.HD_1_2_1
    assert governing_division(["1.2.2", "1.6"], demonstrated=True) is HD.HD_1_2_1


def test_governing_division_is_order_independent() -> None:
    for a, b, c in itertools.permutations(ORDER, 3):
        assert governing_division([a, b, c]) is governing_division([c, a, b])


# -- §11.4 rule tests -------------------------------------------------------------------------


def test_hd15_counts_as_hd11_on_the_total() -> None:
    agg = aggregate({"1.1": 800, "1.5": 300}, rules=AASTP)
    assert agg.governing_division is HD.HD_1_1
    assert [(a.division, a.neq.magnitude) for a in agg.assessments] == [(HD.HD_1_1, 1100.0)]


def test_hd11_with_hd16_is_hd11() -> None:
    assert governing_division(["1.1", "1.6"]) is HD.HD_1_1
    agg = aggregate({"1.1": 1000, "1.6": 500}, rules=AASTP)
    assert [(a.division, a.neq.magnitude) for a in agg.assessments] == [(HD.HD_1_1, 1500.0)]


def test_hd121_with_hd122_is_hd121_on_the_total() -> None:
    agg = aggregate({"1.2.1": 1000, "1.2.2": 3000}, rules=AASTP)
    assert [(a.division, a.neq.magnitude) for a in agg.assessments] == [(HD.HD_1_2_1, 4000.0)]


def test_large_hd121_items_turn_12_plus_13_into_11() -> None:
    stocks = [
        AmmunitionStock("155 mm HE", "1.2.1", "E", 4000, item_neq=6.0),
        AmmunitionStock("propellant", "1.3", "C", 2000),
    ]
    agg = aggregate_stocks(stocks, rules=AASTP)
    assert agg.governing_division is HD.HD_1_1
    assert [(a.division, a.neq.magnitude) for a in agg.assessments] == [(HD.HD_1_1, 6000.0)]
    assert any("note 2 d" in r for r in agg.reasons)
    # 5 kg exactly is not "above 5 kg": assessed separately
    iatg = aggregate_stocks(stocks, rules=IATG)
    assert iatg.quantity_rule is QuantityRule.INDEPENDENT
    assert any("note 2 d" in r and "IATG" in r for r in iatg.reasons)
    small = [AmmunitionStock("x", "1.2.1", "E", 4000, item_neq=5.0), stocks[1]]
    assert aggregate_stocks(small, rules=AASTP).quantity_rule is QuantityRule.INDEPENDENT


@pytest.mark.parametrize(
    "attribute", ["shaped_charges", "high_energy_propellant", "heavy_confinement"]
)
def test_note_2_attributes_turn_12_plus_13_into_11(attribute: str) -> None:
    stocks = [
        AmmunitionStock("a", "1.2.2", "E", 1000, attributes=[attribute]),
        AmmunitionStock("b", "1.3", "C", 500),
    ]
    assert aggregate_stocks(stocks, rules=AASTP).governing_division is HD.HD_1_1
    # IATG Table 6 has no such rule: reported, not applied
    iatg = aggregate_stocks(stocks, rules=IATG)
    assert iatg.quantity_rule is QuantityRule.INDEPENDENT
    assert any("IATG 02.20:2021 Table 6 has no such rule" in r for r in iatg.reasons)


def test_hd14_is_not_aggregated_and_gives_the_overriding_25_m() -> None:
    agg = aggregate({"1.1": 20000, "1.4": 5000}, rules=AASTP)
    assert agg.total_neq.magnitude == 20000.0
    assert agg.hd14_neq.magnitude == 5000.0
    assert agg.overriding_distance is not None
    assert agg.overriding_distance.to("m").magnitude == 25.0
    assert [(a.division, a.neq.magnitude) for a in agg.assessments] == [(HD.HD_1_1, 20000.0)]
    alone = aggregate({"1.4": 5000})
    assert alone.governing_division is HD.HD_1_4
    assert alone.overriding_distance is None


def test_annex_ib_example_12_and_13_separately() -> None:
    agg = aggregate({"1.3": 17500, "1.2.1": 5000}, rules=AASTP)
    assert [(a.division, a.neq.magnitude) for a in agg.assessments] == [
        (HD.HD_1_2_1, 5000.0),
        (HD.HD_1_3, 17500.0),
    ]
    assert agg.quantity_rule is QuantityRule.INDEPENDENT


# -- required-distance rules, both rule sets (§6.2, §14.8) ------------------------------------


@pytest.mark.parametrize(
    ("quantities", "rules", "expected"),
    [
        ({"1.1": 100, "1.2.2": 50}, AASTP, [("1.1", 150), ("1.2.2", 150)]),
        ({"1.1": 100, "1.3": 50}, AASTP, [("1.1", 150), ("1.3", 150)]),
        ({"1.1": 1, "1.2.1": 2, "1.3": 3}, AASTP, [("1.1", 6), ("1.2.1", 6), ("1.3", 6)]),
        ({"1.1": 100, "1.2.2": 50}, IATG, [("1.1", 150), ("1.2.2", 150)]),
        ({"1.1": 100, "1.3": 50}, IATG, [("1.1", 150)]),
        ({"1.1": 1, "1.2.1": 2, "1.3": 3}, IATG, [("1.1", 6), ("1.2.1", 6)]),
        ({"1.2.2": 40, "1.3": 60}, IATG, [("1.2.2", 40), ("1.3", 60)]),
        ({"1.3": 60}, IATG, [("1.3", 60)]),
        ({"1.6": 60}, AASTP, [("1.6", 60)]),
        ({"1.6": 60, "1.3": 10}, AASTP, [("1.1", 70)]),
    ],
)
def test_assessments(
    quantities: dict[str, float], rules: MixedDivisionRules, expected: list[tuple[str, float]]
) -> None:
    agg = aggregate(quantities, rules=rules)
    assert [(a.division.value, a.neq.magnitude) for a in agg.assessments] == [
        (d, float(q)) for d, q in expected
    ]


def test_quantity_rule_is_combined_except_12_plus_13() -> None:
    assert aggregate({"1.1": 1, "1.2.1": 1}, rules=AASTP).quantity_rule is QuantityRule.COMBINED
    assert aggregate({"1.2.1": 1, "1.3": 1}, rules=AASTP).quantity_rule is QuantityRule.INDEPENDENT


divisions = st.sampled_from(["1.1", "1.2.1", "1.2.2", "1.3", "1.5", "1.6"])


@given(
    st.dictionaries(divisions, st.floats(0, 1e6), min_size=1, max_size=5),
    st.floats(0, 1e6),
    st.sampled_from(list(MixedDivisionRules)),
    st.booleans(),
)
def test_hd14_never_changes_another_divisions_assessment(
    quantities: dict[str, float], hd14: float, rules: MixedDivisionRules, demonstrated: bool
) -> None:
    without = aggregate(quantities, rules=rules, demonstrated=demonstrated)
    with_14 = aggregate({**quantities, "1.4": hd14}, rules=rules, demonstrated=demonstrated)
    assert with_14.assessments == without.assessments
    assert with_14.governing_division is without.governing_division
    assert with_14.total_neq == without.total_neq
    assert with_14.overriding_distance is not None
    assert with_14.overriding_distance.magnitude == 25.0


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantities", "error", "match"),
    [
        ({"1.1": -1}, InputError, "neq of HD 1.1"),
        ({"1.1": float("nan")}, InputError, "neq of HD 1.1.* missing \\(NaN\\)"),
        ({"1.1": float("inf")}, InputError, "neq of HD 1.1.* infinite"),
        ({"1.1": "ten"}, InputError, "neq of HD 1.1.*cannot read 'ten'"),
        ({"1.7": 10}, InputError, "'quantities': '1.7' is not one of"),
        ({"1.2": 10}, InputError, "'1.2.1' or '1.2.2'"),
        ({"1.1": Q_(10, "m")}, UnitError, "neq of HD 1.1"),
        ({}, InputError, "at least one"),
    ],
)
def test_bad_quantities(quantities: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        aggregate(quantities)


def test_pounds_are_converted() -> None:
    agg = aggregate({"1.1": Q_(2204.62262185, "lb")})
    assert agg.total_neq.to("kg").magnitude == pytest.approx(1000.0)


def test_unknown_rules_and_conditions() -> None:
    with pytest.raises(InputError, match="rules"):
        aggregate({"1.1": 1}, rules="nato")
    with pytest.raises(InputError, match="conditions"):
        governing_division(["1.1"], conditions=["wet"])
    with pytest.raises(InputError, match="at least one"):
        governing_division([])
    with pytest.raises(InputError, match=r"'divisions\[1\]': '1.9' is not one of"):
        governing_division(["1.1", "1.9"])
    with pytest.raises(InputError, match="'quantities' must map hazard divisions"):
        aggregate([("1.1", 5)])  # type: ignore[arg-type]


def test_stocks_must_be_stock_models() -> None:
    # issue 12: aggregate_stocks([[]]) used to end in an AttributeError
    with pytest.raises(
        InputError, match=r"'stocks': item 0 is \[\] \(list\), not an AmmunitionStock"
    ):
        aggregate_stocks([[]])
    with pytest.raises(InputError, match="'stocks' must be a sequence"):
        aggregate_stocks(5)  # type: ignore[arg-type]


def test_aggregation_renders() -> None:
    agg = aggregate({"1.1": 100, "1.2.1": 50, "1.4": 3}, rules=AASTP)
    text = str(agg)
    assert text.startswith("governing division HD 1.1, 150 kg counted, combined")
    assert "§1.3.2.5 4" in text
    assert "<table>" in agg._repr_html_()


def test_independent_limits_render_without_a_governing_total() -> None:
    # audit finding 20: 1.2.1 + 1.3 is not "HD 1.2.1, 22500 kg counted"
    agg = aggregate({"1.2.1": 5000, "1.3": 17500}, rules="IATG_02_20_2021")
    assert agg.quantity_rule is QuantityRule.INDEPENDENT
    head = str(agg).splitlines()[0]
    assert head.startswith("HD 1.2.1 on 5000 kg and HD 1.3 on 17500 kg assessed separately")
    assert "counted" not in head and "governing" not in head
