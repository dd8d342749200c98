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


def test_pictograph_rows_unverified_in_both_sets() -> None:
    for criteria in (IATG_02_20_2021, AASTP1_2006):
        cell = criteria.cell("1.1", ExposedSiteKind.OTHER_ECM_DOOR_BARRICADE, "barricaded")
        assert cell.reference.verified is False
        assert all(not a.verified for a in cell.alternatives)
    # IATG inter-magazine rows are mapped from AASTP-1 Table 1: unverified there
    iatg = IATG_02_20_2021.cell("1.1", ExposedSiteKind.IGLOO_7BAR_REAR, "ecm_rear")
    aastp = AASTP1_2006.cell("1.1", ExposedSiteKind.IGLOO_7BAR_REAR, "ecm_rear")
    assert iatg.reference.verified is False and aastp.reference.verified is True
    assert [a.text for a in iatg.alternatives] == [a.text for a in aastp.alternatives] == ["D3"]


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
