"""The criteria sets as data: complete matrices, references, verification flags."""

from __future__ import annotations

import pytest

from dpssec.arms.storage import AASTP1_2006, IATG_02_20_2021, ExposedSiteKind, ProtectionLevel
from dpssec.arms.storage.criteria import COLUMNS, parse_alternatives

GROUPS = ("1.1", "1.2.1", "1.2.2", "1.3", "1.3B", "1.4")


@pytest.mark.parametrize("criteria", [IATG_02_20_2021, AASTP1_2006], ids=lambda c: c.name)
def test_every_cell_present_and_cited(criteria: object) -> None:
    for group in GROUPS:
        for es in ExposedSiteKind:
            for column in COLUMNS:
                cell = criteria.cell(group, es, column)  # type: ignore[attr-defined]
                assert cell.alternatives
                assert cell.reference.document in ("IATG 02.20", "AASTP-1")
                assert cell.table
                for alternative in cell.alternatives:
                    for segment in alternative.segments:
                        if segment.code != "fixed":
                            key = {"1.2.1": "1.2", "1.2.2": "1.2", "1.3B": "1.3"}.get(group, group)
                            criteria.function(key, segment.code)  # type: ignore[attr-defined]


def test_pictograph_rows_unverified() -> None:
    # AASTP-1 (2006) rows 7-11 are read from pictographs
    cell = AASTP1_2006.cell("1.1", ExposedSiteKind.OTHER_ECM_DOOR_BARRICADE, "barricaded")
    assert cell.reference.verified is False
    assert all(not a.verified for a in cell.alternatives)
    # IATG Table C.1 describes its undefined-ECM rows in words; two AASTP readings have no
    # counterpart there and stay unverified
    assert IATG_02_20_2021.cell(
        "1.1", ExposedSiteKind.OTHER_ECM_DOOR_BARRICADE, "barricaded"
    ).reference.verified
    for kind in (
        ExposedSiteKind.OTHER_ECM_HATCHED_DOOR,
        ExposedSiteKind.OTHER_ECM_FIRE_RESISTANT_DOOR,
    ):
        assert not IATG_02_20_2021.cell("1.1", kind, "ecm_rear").reference.verified


def test_iatg_d1_differs_from_aastp_table1() -> None:
    """IATG D.1 igloo front <- igloo front: D8 (AASTP-1 2006 Table 1 row 3 column f: D4/D6)."""
    iatg = IATG_02_20_2021.cell("1.1", ExposedSiteKind.IGLOO_7BAR_FRONT, "ecm_front")
    aastp = AASTP1_2006.cell("1.1", ExposedSiteKind.IGLOO_7BAR_FRONT, "ecm_front")
    assert [a.text for a in iatg.alternatives] == ["D8"]
    assert [a.text for a in aastp.alternatives] == ["D4", "D6"]
    rear = IATG_02_20_2021.cell("1.1", ExposedSiteKind.IGLOO_7BAR_REAR, "ecm_rear")
    assert [a.text for a in rear.alternatives] == ["D3"] and rear.reference.verified
    stack = IATG_02_20_2021.cell("1.1", ExposedSiteKind.BARRICADED_STACK, "barricaded")
    assert [a.text for a in stack.alternatives] == ["D1 up to 30,000 kg; then D2", "D4", "D7"]


def test_set_parameters() -> None:
    assert IATG_02_20_2021.hd12_item_neq_split == 0.136
    assert AASTP1_2006.hd12_item_neq_split == 0.71
    assert IATG_02_20_2021.table_rounding["1.1"][-1] == (float("inf"), 20.0)
    assert AASTP1_2006.table_rounding["1.1"][-1] == (float("inf"), 10.0)
    assert "IATG_02_20_2021" in str(IATG_02_20_2021)
    assert IATG_02_20_2021.notes and AASTP1_2006.notes


def test_parse_alternatives() -> None:
    alternatives = parse_alternatives("D8bde, D9bje or D12ae")
    assert [a.text for a in alternatives] == ["D8", "D9", "D12"]
    assert [a.level for a in alternatives] == [
        ProtectionLevel.HIGH,
        ProtectionLevel.HIGH,
        ProtectionLevel.VIRTUALLY_COMPLETE,
    ]
    assert parse_alternatives("D9cje or D12fe")[1].level is None
    with pytest.raises(ValueError, match="cannot read"):
        parse_alternatives("D4 and more")


def test_sets_are_read_only() -> None:
    with pytest.raises(TypeError):
        IATG_02_20_2021.cells[("1.1", ExposedSiteKind.INHABITED_BUILDING, "barricaded")] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        AASTP1_2006.functions["1.1"]["D13"] = None  # type: ignore[index]
    assert IATG_02_20_2021 != AASTP1_2006
    assert len({IATG_02_20_2021, AASTP1_2006}) == 2


def test_criteria_sets_write_and_read_json_by_name() -> None:
    # issue 12: to_json(IATG_02_20_2021) used to end in a TypeError
    from dpssec.arms.storage import CriteriaSet
    from dpssec.errors import SchemaError
    from dpssec.serialization import from_json, to_json

    for criteria in (IATG_02_20_2021, AASTP1_2006):
        text = to_json(criteria)
        assert text == f'"{criteria.name}"'
        assert from_json(text, CriteriaSet) is criteria
    with pytest.raises(SchemaError, match="expected the name of a CriteriaSet"):
        from_json('"DESR"', CriteriaSet)
    import attrs

    national = attrs.evolve(IATG_02_20_2021, name="NATIONAL")
    with pytest.raises(SchemaError, match="only the named ones"):
        to_json(national)
