"""AASTP-1 Edition 1 Change 2 (May 2006), Part I, Annex I-A: the NATO criteria set.

:data:`AASTP1_2006` carries the HD 1.1 D-codes D1-D17 with their table minima (D11 180 m,
D13 270 m, D14/D15 400 m, D16/D17 270 m), the PES x Kind matrix of Table 1 (rows 1-20, columns
a-f), the HD 1.2 functions of Table 2, the HD 1.3 functions of Tables 3A/3B, HD 1.4 at a
fixed 10 m, and the reduced distances of large earth-covered magazines (D14-D17) up to
45,000 kg (§1.3.6.7 b). The reduced distances apply only to a magazine declared large
(> 500 m³: ``large_ecm=True``; columns ``ecm_rear_large``/``ecm_side_large``); a standard ECM's
rear and side keep D11 (≥ 270 m) and D13 (≥ 400 m). Tables are rounded up to 1 m below 100 m, 5 m to 500 m and 10 m above
(HD 1.1 and HD 1.3, as the printed values show: HD 1.3 D4 at 10,000 kg is printed 140 m for
137.9 m), and to 1 m for HD 1.2.

Choices and printed quirks (each is tested):

* HD 1.3 D1 is 0.22·Q^1/2; the table prints "Q^1/3" but its values follow the root.
* D11 below 4,500 kg uses the printed 3.6·Q^1/2; the printed values at 2,500-4,000 kg
  (185, 205, 220, 235 m) fit 3.7·Q^1/2.
* Row 20 column b prints D14 where §1.3.6.7 b requires D15 for the side of an ECM: D15 is
  used.
* Rows 7-11 (other earth-covered magazines) are read from small pictographs: their cells are
  present but flagged ``verified=False``.
* "Vulnerable building" = 2 x the inhabited-building cell (§1.3.1.13) for HD 1.1; for HD 1.2
  and 1.3 the IBD is used (flagged unverified). "Low-density route" (an IATG class) uses the
  light-traffic distance (flagged unverified).

For example:

>>> from dpssec.arms.storage import AASTP1_2006, ExposedSiteKind
>>> ibd = ExposedSiteKind.INHABITED_BUILDING
>>> AASTP1_2006.cell("1.1", ibd, "ecm_rear_large").alternatives[0].text
'D14 (≥ 400 m) up to 45,000 kg; then D13 (≥ 400 m)'
>>> AASTP1_2006.cell("1.1", ibd, "ecm_rear").alternatives[0].text
'D13 (≥ 400 m)'
"""

from __future__ import annotations

import math

import attrs

from dpssec.arms.storage.criteria import (
    COLUMN_LABELS,
    COLUMNS,
    CriteriaSet,
    MatrixCell,
    Segment,
    matrix_cell,
    parse_alternatives,
)
from dpssec.arms.storage.qd_functions import (
    HD11_FUNCTIONS,
    HD12_FUNCTIONS,
    HD13_FUNCTIONS,
    DistanceFunction,
)
from dpssec.arms.storage.sites import ExposedSiteKind as Kind
from dpssec.references import Reference

__all__ = ["AASTP1_2006", "TABLE1_MAGAZINE_ROWS"]

_DOC = Reference("AASTP-1", "Ed.1 Ch.2 (2006)")
_T1 = "Annex I-A Table 1"
_INF = math.inf

# Table 1 column letter for each PES column key (a = ECM rear, b = side, f = front).
_LETTER = {
    "ecm_rear": "a",
    "ecm_side": "b",
    "ecm_front": "f",
    "heavy_walled": "c",
    "heavy_walled_door": "c",
    "barricaded": "d",
    "unbarricaded": "e",
    "ecm_rear_large": "a",
    "ecm_side_large": "b",
}

#: Table 1 rows 1-15 (inter-magazine distances), columns a b c d e f as printed.
TABLE1_MAGAZINE_ROWS: dict[Kind, tuple[str, str, str, str, str, str]] = {
    Kind.IGLOO_7BAR_REAR: ("D3ag", "D3ag", "D5a", "D5a", "D5a", "D4ag"),
    Kind.IGLOO_7BAR_SIDE: ("D3ag", "D3ag", "D5b", "D5b", "D5b", "D4ag"),
    Kind.IGLOO_7BAR_FRONT: (
        "D4agh or D5ag",
        "D4agh or D5ag",
        "D6be",
        "D6be",
        "D6be",
        "D4bghe or D6ae",
    ),
    Kind.IGLOO_3BAR_REAR: ("D3ag", "D3ag", "D5b", "D5b", "D5b", "D5ag"),
    Kind.IGLOO_3BAR_SIDE: ("D3ag", "D3ag", "D6b", "D6b", "D6b", "D5bg"),
    Kind.IGLOO_3BAR_FRONT: ("D4bgh or D6a", "D4bgh or D6a", "D6ce", "D6ce", "D6ce", "D6ce"),
    Kind.OTHER_ECM_HEAVY_DOOR: (
        "D4ag",
        "D4b or D5a",
        "D8bde, D9bje or D12ae",
        "D8be",
        "D8bde",
        "D8bde",
    ),
    Kind.OTHER_ECM_FIRE_RESISTANT_DOOR: (
        "D6a",
        "D6a",
        "D9bde, D9bje or D12ae",
        "D8be",
        "D8bde",
        "D8bde",
    ),
    Kind.OTHER_ECM_HATCHED_DOOR: (
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D9ce",
        "D4cghe or D9ce",
        "D9ce",
        "D9ce",
    ),
    Kind.OTHER_ECM_DOOR_BARRICADE: ("D4bgh or D7b", "D4bgh or D7b", "D9b", "D9b", "D9b", "D9b"),
    Kind.OTHER_ECM_UNDEFINED_DOOR: (
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D9cje",
        "D4cghe or D9ce",
        "D9cje",
        "D9cje",
    ),
    Kind.HEAVY_WALLED_BUILDING_ROOFED: (
        "D4cgh or D7b",
        "D4cgh or D7b",
        "D4cghe or D7be",
        "D4cghe or D7be",
        "D4cghe or D7be",
        "D5cghe or D7be",
    ),
    Kind.HEAVY_WALLED_BUILDING_UNROOFED: (
        "D4cgh or D7b",
        "D4cgh or D7b",
        "D4cghe or D7be",
        "D4cghe or D7be",
        "D4cghe or D7be",
        "D5cghe or D7be",
    ),
    Kind.BARRICADED_STACK: (
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D4bghe or D7be",
        "D1bie, D2bie, D4bghe or D7be",
        "D1bie, D2bie, D4bghe or D7be",
        "D4bghe or D7be",
    ),
    Kind.UNBARRICADED_STACK: (
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D9cje or D12fe",
        "D1bie, D2bie, D4bghe or D7be",
        "D9cje or D12fe",
        "D9cje or D12fe",
    ),
}

_LETTER_INDEX = {"a": 0, "b": 1, "c": 2, "d": 3, "e": 4, "f": 5}


def table1_magazine_cells(
    reference: Reference, table: str, *, verified: bool | None = None
) -> dict[tuple[str, Kind, str], MatrixCell]:
    """The inter-magazine cells of Table 1 (rows 1-15) for every PES column.

    ``verified=None`` keeps the row's own status (rows 7-11 unverified); ``False`` marks all.
    """
    cells: dict[tuple[str, Kind, str], MatrixCell] = {}
    for es, row in TABLE1_MAGAZINE_ROWS.items():
        ok = es.label_verified if verified is None else verified and es.label_verified
        for column in COLUMNS:
            letter = _LETTER[column]
            text = row[_LETTER_INDEX[letter]]
            cells[("1.1", es, column)] = MatrixCell(
                parse_alternatives(text, verified=ok),
                table,
                f"{es.table_row} ({es.description})",
                f"{letter} ({COLUMN_LABELS[column]})",
                reference.at(f"{_T1}, row {es.table_row}, column {letter}: {text}", verified=ok),
            )
    return cells


def _cell(
    group: str,
    es: Kind,
    column: str,
    segments: tuple[Segment, ...],
    *,
    table: str,
    clause: str,
    verified: bool = True,
    notes: str = "",
) -> tuple[tuple[str, Kind, str], MatrixCell]:
    reference = _DOC.at(clause, verified=verified)
    return matrix_cell(
        group,
        es,
        column,
        segments,
        table=table,
        reference=reference,
        verified=verified,
        notes=notes,
    )


def _hd11_exterior() -> dict[tuple[str, Kind, str], MatrixCell]:
    cells: dict[tuple[str, Kind, str], MatrixCell] = {}
    reduced = 45_000.0

    def put(
        es: Kind,
        column: str,
        segs: tuple[Segment, ...],
        *,
        verified: bool = True,
        notes: str = "",
        clause_extra: str = "",
    ) -> None:
        clause = f"{_T1}, row {es.table_row}, column {_LETTER[column]}{clause_extra}"
        key, cell = _cell(
            "1.1", es, column, segs, table=_T1, clause=clause, verified=verified, notes=notes
        )
        cells[key] = cell

    def exterior_rows(
        column: str,
        light: tuple[Segment, ...],
        heavy_ptr: tuple[Segment, ...],
        notes: str,
        side_note: str,
    ) -> None:
        put(Kind.PUBLIC_TRAFFIC_ROUTE_MEDIUM, column, light, notes="k: light traffic")
        put(
            Kind.PUBLIC_TRAFFIC_ROUTE_LOW,
            column,
            light,
            verified=False,
            notes="no low-density class in AASTP-1 (2006): light-traffic distance used",
        )
        put(Kind.PUBLIC_TRAFFIC_ROUTE_HIGH, column, heavy_ptr, notes=notes)
        put(Kind.INHABITED_BUILDING, column, heavy_ptr, notes=notes + side_note)
        vulnerable = tuple(attrs.evolve(s, factor=2.0) for s in heavy_ptr)
        put(
            Kind.VULNERABLE_BUILDING,
            column,
            vulnerable,
            clause_extra="; §1.3.1.13 (vulnerable constructions: 2 x IBD)",
        )

    for column in COLUMNS:
        ecm = column.startswith("ecm")
        heavy = column.startswith("heavy")
        put(Kind.WORKSHOP_PROTECTED_BARRICADED, column, (Segment("D10"),))
        if column in ("barricaded", "unbarricaded"):
            # superscript o: serious fragment hazard (270 m); read as a 270 m minimum
            put(
                Kind.WORKSHOP_LIGHT_BARRICADED,
                column,
                (Segment("D10", floor=270.0),),
                verified=False,
                notes="o: serious fragment hazard (270 m), read as a minimum",
            )
        else:
            put(Kind.WORKSHOP_LIGHT_BARRICADED, column, (Segment("D10", floor=270.0),))
        if column in ("ecm_rear", "ecm_side"):
            put(Kind.WORKSHOP_UNBARRICADED, column, (Segment("D10", floor=270.0),))
        elif column == "barricaded":
            put(
                Kind.WORKSHOP_UNBARRICADED,
                column,
                (Segment("D10", floor=270.0),),
                verified=False,
                notes="o: serious fragment hazard (270 m), read as a minimum",
            )
        else:
            put(Kind.WORKSHOP_UNBARRICADED, column, (Segment("D13"),))

        # row 19 (public traffic routes) and row 20 (inhabited buildings)
        if column in ("ecm_rear", "ecm_side"):
            # the reduced D14-D17 are for a large ECM only (> 500 m³, NEQ ≤ 45,000 kg;
            # §1.3.6.7 b, note n): they live in the "_large" column; a standard ECM keeps
            # the full D11 (≥ 270 m) and D13 (≥ 400 m)
            ptr_code, ibd_code = ("D16", "D14") if column == "ecm_rear" else ("D17", "D15")
            large_light: tuple[Segment, ...] = (
                Segment(ptr_code, floor=270.0, upper=reduced),
                Segment("D11", floor=270.0),
            )
            large_heavy: tuple[Segment, ...] = (
                Segment(ibd_code, floor=400.0, upper=reduced),
                Segment("D13", floor=400.0),
            )
            side_note = ""
            if column == "ecm_side":
                side_note = "; printed D14, §1.3.6.7 b requires D15 for the side: D15 used"
            exterior_rows(
                f"{column}_large",
                large_light,
                large_heavy,
                "n: reduced QD for a large ECM (> 500 m³), NEQ ≤ 45,000 kg (§1.3.6.7 b)",
                side_note,
            )
            exterior_rows(
                column,
                (Segment("D11", floor=270.0),),
                (Segment("D13", floor=400.0),),
                "standard ECM: the reduced D14-D17 of note n need a large ECM (> 500 m³; "
                "§1.3.6.7 b)",
                "",
            )
        elif ecm or heavy:
            exterior_rows(
                column, (Segment("D11", floor=270.0),), (Segment("D13", floor=400.0),), "", ""
            )
        else:
            exterior_rows(
                column,
                (Segment("D11"),),
                (Segment("D13"),),
                "m: consider 400 m to built-up areas",
                "",
            )
    return cells


_SHELTERED = ("ecm_rear", "ecm_side", "heavy_walled")
_T2 = "Annex I-A Table 2"


def _hd12(sub: str) -> dict[tuple[str, Kind, str], MatrixCell]:
    ibd, ws, ptr = ("D2", "D4", "D6") if sub == "1.2.1" else ("D1", "D3", "D5")
    fixed = 60.0 if sub == "1.2.1" else 30.0
    cells: dict[tuple[str, Kind, str], MatrixCell] = {}

    def put(es: Kind, column: str, segs: tuple[Segment, ...], verified: bool = True) -> None:
        col = "a" if column in _SHELTERED else "b"
        key, cell = _cell(
            sub,
            es,
            column,
            segs,
            table=_T2,
            clause=f"{_T2} ({'D2/D4/D6' if sub == '1.2.1' else 'D1/D3/D5'}), column {col}",
            verified=verified,
        )
        cells[key] = cell

    none = (Segment("fixed", fixed=0.0),)
    for column in COLUMNS:
        sheltered = column in _SHELTERED
        for es in Kind:
            if es.is_magazine:
                weak = not sheltered and not (es.table_row <= 6 or es.table_row in (12, 13))
                put(es, column, (Segment(ptr),) if weak else none, verified=not weak)
            elif es.is_workshop:
                code = ptr if es is Kind.WORKSHOP_UNBARRICADED else ws
                put(es, column, none if sheltered else (Segment(code),), verified=False)
            elif sheltered:
                # §1.3.1.5: consider 30 m (1.2.2) / 60 m (1.2.1) where the PES is earth-covered
                put(es, column, (Segment("fixed", fixed=fixed),))
            elif es in (Kind.PUBLIC_TRAFFIC_ROUTE_LOW, Kind.PUBLIC_TRAFFIC_ROUTE_MEDIUM):
                put(es, column, (Segment(ptr),), verified=es is Kind.PUBLIC_TRAFFIC_ROUTE_MEDIUM)
            else:
                put(es, column, (Segment(ibd),), verified=es is not Kind.VULNERABLE_BUILDING)
    return cells


def _hd13(group: str) -> dict[tuple[str, Kind, str], MatrixCell]:
    table = "Annex I-A Table 3A" if group == "1.3" else "Annex I-A Table 3B"
    cells: dict[tuple[str, Kind, str], MatrixCell] = {}

    def put(es: Kind, column: str, segs: tuple[Segment, ...], verified: bool = True) -> None:
        key, cell = _cell(group, es, column, segs, table=table, clause=table, verified=verified)
        cells[key] = cell

    for column in COLUMNS:
        front = column == "ecm_front"
        for es in Kind:
            if es.is_magazine:
                segs = (Segment("D1"),) if group == "1.3" else (Segment("fixed", fixed=60.0),)
                put(es, column, segs, verified=False)
            elif es.is_workshop:
                segs = (Segment("D2"),) if group == "1.3" else (Segment("fixed", fixed=60.0),)
                put(es, column, segs, verified=group == "1.3")
            elif group == "1.3" and es in (
                Kind.PUBLIC_TRAFFIC_ROUTE_LOW,
                Kind.PUBLIC_TRAFFIC_ROUTE_MEDIUM,
            ):
                put(
                    es,
                    column,
                    (Segment("D3", floor=160.0 if front else 0.0),),
                    verified=es is Kind.PUBLIC_TRAFFIC_ROUTE_MEDIUM,
                )
            else:
                floor = 240.0 if front and group == "1.3" else 0.0
                put(
                    es,
                    column,
                    (Segment("D4", floor=floor),),
                    verified=es is not Kind.VULNERABLE_BUILDING,
                )
    return cells


def _hd14() -> dict[tuple[str, Kind, str], MatrixCell]:
    cells: dict[tuple[str, Kind, str], MatrixCell] = {}
    for column in COLUMNS:
        for es in Kind:
            key, cell = _cell(
                "1.4",
                es,
                column,
                (Segment("fixed", fixed=10.0),),
                table="Annex I-A §A.2.3",
                clause="Annex I-A §A.2.3 (HD 1.4: 10 m, not NEQ-dependent)",
                verified=es.is_magazine,
            )
            cells[key] = cell
    return cells


def _floored(code: str, floor: float) -> DistanceFunction:
    function = HD11_FUNCTIONS[code]
    return function.with_floors(((_INF, floor),), function.reference)


_HD11 = dict(HD11_FUNCTIONS)
_HD11.update(
    {
        "D11": _floored("D11", 180.0),
        "D13": _floored("D13", 270.0),
        "D14": _floored("D14", 400.0),
        "D15": _floored("D15", 400.0),
        "D16": _floored("D16", 270.0),
        "D17": _floored("D17", 270.0),
    }
)

_STEPS_11 = ((100.0, 1.0), (500.0, 5.0), (_INF, 10.0))
_STEPS_1M = ((_INF, 1.0),)

_CELLS: dict[tuple[str, Kind, str], MatrixCell] = {}
_CELLS.update(table1_magazine_cells(_DOC, _T1))
_CELLS.update(_hd11_exterior())
_CELLS.update(_hd12("1.2.1"))
_CELLS.update(_hd12("1.2.2"))
_CELLS.update(_hd13("1.3"))
_CELLS.update(_hd13("1.3B"))
_CELLS.update(_hd14())

_BELOW_500 = (
    "AASTP-1 (2006) tables apply to more than 500 kg NEQ; smaller quantities need special "
    "consideration (§1.3.1.1 b)"
)

#: AASTP-1 Ed.1 Ch.2 (2006) Part I, Annex I-A (NATO).
AASTP1_2006 = CriteriaSet(
    name="AASTP1_2006",
    title="AASTP-1 Edition 1 Change 2 (May 2006), Part I, Annex I-A",
    reference=_DOC,
    functions={"1.1": _HD11, "1.2": dict(HD12_FUNCTIONS), "1.3": dict(HD13_FUNCTIONS)},
    cells=_CELLS,
    table_rounding={"1.1": _STEPS_11, "1.2": _STEPS_1M, "1.3": _STEPS_11, "1.4": _STEPS_1M},
    table_range={
        "1.1": (500.0, _BELOW_500),
        "1.2": (10.0, "AASTP-1 (2006) Table 2 starts at 10 kg NEQ"),
        "1.3": (500.0, _BELOW_500),
    },
    hd12_item_neq_split=0.71,
    # §1.3.2.1 c: the tables run to 250,000 kg; above that the formulas are extrapolated
    table_limits={
        "1.1": (500.0, 250_000.0, "AASTP-1 (2006) Annex I-A (§1.3.2.1 c)"),
        "1.2": (10.0, 250_000.0, "AASTP-1 (2006) Annex I-A Table 2"),
        "1.3": (500.0, 250_000.0, "AASTP-1 (2006) Annex I-A Tables 3A/3B"),
    },
    notes=(
        "HD 1.3 D1 = 0.22·Q^1/2 (printed Q^1/3; the printed values follow the root)",
        "D11 < 4,500 kg = 3.6·Q^1/2 as printed; the printed values fit 3.7·Q^1/2",
        "row 20 column b: D15 (printed D14, contradicting §1.3.6.7 b)",
        "rows 7-11 read from pictographs: unverified",
    ),
)
