"""Mixing of compatibility groups: AASTP-1 (2006) Tables 5 and 6 (arms.md §7.2-7.3, §11.4)."""

from __future__ import annotations

import itertools

import pytest

from dpssec.arms.storage import CompatibilityGroup, MixingCondition, MixingVerdict, mixing_rule
from dpssec.arms.storage.mixing import mixing_table
from dpssec.errors import InputError

P, NO, C = MixingVerdict.PERMITTED, MixingVerdict.NOT_PERMITTED, MixingVerdict.CONDITIONAL

# Table 6 re-typed from arms.md §7.2, row by row (X, blank, X<n>, <n>), independently of the
# upper-triangle encoding in the module.
TABLE_6_PRINTED = """
B X  .  X1 X1 X1 .  .  .  .  .  .  X
C .  X  X  X  2  4  .  .  .  .  X5 X
D X1 X  X  X  2  4  .  .  .  .  X5 X
E X1 X  X  X  2  4  .  .  .  .  X5 X
F X1 2  2  2  X  4  .  .  .  .  .  X
G .  4  4  4  4  X  .  .  .  .  .  X
H .  .  .  .  .  .  X  .  .  .  .  X
J .  .  .  .  .  .  .  X  .  .  .  X
K .  .  .  .  .  .  .  .  X  .  .  .
L .  .  .  .  .  .  .  .  .  3  .  .
N .  X5 X5 X5 .  .  .  .  .  .  X6 X7
S X  X  X  X  X  X  X  X  .  .  X7 X6
"""
COLUMNS_6 = "BCDEFGHJKLNS"

TABLE_5_PRINTED = """
A X  .  .  .  .  .
C .  X1 X1 3  .  X
D .  X1 X1 3  .  X
G .  3  3  X  .  X
L .  .  .  .  2  .
S .  X  X  X  .  X
"""
COLUMNS_5 = "ACDGLS"


def _cells(text: str, columns: str) -> dict[tuple[str, str], str]:
    cells = {}
    for line in text.strip().splitlines():
        row, *values = line.split()
        for column, value in zip(columns, values, strict=True):
            cells[(row, column)] = value
    return cells


@pytest.mark.parametrize(
    ("printed", "columns", "substances"),
    [(TABLE_6_PRINTED, COLUMNS_6, False), (TABLE_5_PRINTED, COLUMNS_5, True)],
)
def test_every_cell_matches_the_printed_table(printed: str, columns: str, substances: bool) -> None:
    for (a, b), cell in _cells(printed, columns).items():
        rule = mixing_rule(a, b, substances=substances)
        if cell == ".":
            assert rule.verdict is NO, (a, b)
        elif cell == "X" or (a == b == "S"):
            # S-S is printed "X6"; note 6 concerns 1.6N only (module notes)
            assert rule.verdict is P, (a, b)
        elif cell == "X7":
            assert rule.verdict is P, (a, b)
            assert rule.treat_as is CompatibilityGroup.N
        else:
            assert rule.verdict is C, (a, b)
            assert rule.reference.clause.endswith(f"note {cell.lstrip('X')}")


@pytest.mark.parametrize("substances", [False, True])
def test_matrix_is_symmetric(substances: bool) -> None:
    table = mixing_table(substances=substances)
    groups = sorted({a for a, _ in table})
    for a, b in itertools.product(groups, groups):
        assert table[(a, b)] is table[(b, a)]
        ra, rb = mixing_rule(a, b, substances=substances), mixing_rule(b, a, substances=substances)
        assert (ra.verdict, ra.note, ra.treat_as, ra.condition, ra.reference) == (
            rb.verdict,
            rb.note,
            rb.treat_as,
            rb.condition,
            rb.reference,
        )


# Every note's structured result (arms.md §7.2 notes 1-7, §7.3 notes 1-3, §11.4).
@pytest.mark.parametrize(
    ("a", "b", "substances", "verdict", "condition", "treat_as", "note"),
    [
        ("B", "F", False, C, MixingCondition.FUZES_WITH_THEIR_ARTICLES, "F", 1),
        ("D", "B", False, C, MixingCondition.FUZES_WITH_THEIR_ARTICLES, "F", 1),
        ("C", "F", False, C, MixingCondition.EFFECTIVE_SEGREGATION, None, 2),
        ("L", "L", False, C, MixingCondition.SAME_TYPE_ONLY, None, 3),
        ("G", "E", False, C, MixingCondition.NCA_DISCRETION, None, 4),
        ("N", "D", False, C, MixingCondition.N_WITH_OTHER_GROUPS, "D", 5),
        ("N", "N", False, C, MixingCondition.SAME_OR_COMPATIBLE_FAMILY, "D", 6),
        ("S", "N", False, P, MixingCondition.NONE, "N", 7),
        ("C", "D", True, C, MixingCondition.UN_TEST_SERIES_3, None, 1),
        ("L", "L", True, C, MixingCondition.SAME_TYPE_ONLY, None, 2),
        ("G", "C", True, C, MixingCondition.NCA_DISCRETION, None, 3),
    ],
)
def test_each_note_has_a_structured_result(
    a: str,
    b: str,
    substances: bool,
    verdict: MixingVerdict,
    condition: MixingCondition,
    treat_as: str | None,
    note: int,
) -> None:
    rule = mixing_rule(a, b, substances=substances)
    assert rule.verdict is verdict
    assert rule.condition is condition
    assert rule.treat_as == (None if treat_as is None else CompatibilityGroup(treat_as))
    assert rule.note
    table = "Table 5" if substances else "Table 6"
    assert rule.reference.clause == f"Part I, {table}, note {note}"
    assert rule.reference.document == "AASTP-1"
    assert rule.reference.verified


def test_rule_vectors_of_section_11_4() -> None:
    assert mixing_rule("C", "F").condition is MixingCondition.EFFECTIVE_SEGREGATION
    assert mixing_rule("B", "F").allowed
    assert mixing_rule("K", "S").verdict is NO
    assert not mixing_rule("K", "S").allowed
    assert mixing_rule("N", "D").treat_as is CompatibilityGroup.D
    assert mixing_rule("B", "C").verdict is NO  # blank in both directions
    assert mixing_rule("C", "B").verdict is NO


def test_plain_cells_have_no_condition() -> None:
    rule = mixing_rule(CompatibilityGroup.D, CompatibilityGroup.E)
    assert rule.verdict is P
    assert rule.condition is MixingCondition.NONE
    assert rule.treat_as is None
    assert "D + E: permitted" in str(rule)


@pytest.mark.parametrize(
    ("a", "b", "substances", "match"),
    [
        ("A", "D", False, "not in AASTP-1 .* Table 6"),
        ("F", "D", True, "not in AASTP-1 .* Table 5"),
        ("Z", "D", False, "'group_a': 'Z' is not one of 'A', 'B'"),
        (3, "D", False, "'group_a' must be one of .* got 3 \\(int\\)"),
        ("D", "CG Q", False, "'group_b': 'CG Q' is not one of"),
        ("D", "D", "yes", "'substances' must be True or False"),
    ],
)
def test_bad_groups_are_refused(a: object, b: str, substances: bool, match: str) -> None:
    with pytest.raises(InputError, match=match):
        mixing_rule(a, b, substances=substances)  # type: ignore[arg-type]
