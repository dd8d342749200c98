"""IATG 02.20:2021 (3rd edition, March 2021), *Quantity and separation distances*: the default set.

:data:`IATG_02_20_2021` differs from AASTP-1 (2006) where the IATG text does (the D-code
coefficients themselves are the same):

* D11 and D13 have a Q^2/3 branch up to and including 2,500 kg (1.0·Q^2/3 and 1.5·Q^2/3),
  and Table E.1 runs down to 50 kg with step minima: D11 147 m (≤ 75 kg), 160 m (100 kg),
  180 m; D13 220 / 240 / 270 m; D14-D15 220 / 258 / 294 / 376 / 400 m; D16-D17 220 / 240 /
  270 m. An intermediate NEQ takes the next greater row (AASTP-1 2006 §1.3.2.1 b). Values
  below 500 kg were extrapolated from US DoD tables "as a temporary measure" and are to be
  used "with extreme caution" (footnote 16): results below 500 kg warn.
* Rounding (clause 7.7, Table 7): up to 1 m below 100 m, 5 m to 500 m, 10 m to 1,000 m,
  20 m above; a back-calculated NEQ is rounded down to the kg.
* Public traffic routes by density class (Table 5): high = IBD, medium = PTRD (D11),
  low = 0.5 x D12; vulnerable buildings 2 x D12 = 44.4·Q^1/3 (Table D.1).
* HD 1.2.1 / 1.2.2 split at 0.136 kg HE per item (Table 9); HD 1.2 matrices F.1 and G.1;
  HD 1.3 matrices J.1 (HD 1.3.1) and K.1 (HD 1.3.2).
* The reduced distances of standard earth-covered magazines (D14-D17) are tabulated to
  250,000 kg, without AASTP-1's 45,000 kg limit.

Table D.1 has ten PES columns; dpssec maps its four PES kinds onto them (heavy-walled =
reinforced ESH, with or without its door towards the exposed site; barricaded stack = light
building or open stack, barricaded; unbarricaded stack = light building or open stack). Its
inter-magazine rows are transcribed in :data:`IATG_D1_MAGAZINE_ROWS`; they differ from
AASTP-1 (2006) Table 1 (e.g. igloo front to igloo front: D8 instead of D4/D6). The two
AASTP-1 pictograph rows without a Table C.1 counterpart, and the HD 1.2 and HD 1.3
inter-magazine cells, are flagged ``verified=False``.

For example:

>>> from dpssec.arms.storage import IATG_02_20_2021
>>> IATG_02_20_2021.function("1.1", "D13").formula
'1.5·Q^2/3 (Q ≤ 2500); 5.5·Q^1/2 (Q ≤ 4500); 22.2·Q^1/3'
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
    Branch,
    DistanceFunction,
)
from dpssec.arms.storage.sites import ExposedSiteKind as Kind
from dpssec.references import Reference

__all__ = ["IATG_02_20_2021", "IATG_D1_MAGAZINE_ROWS"]

_DOC = Reference(
    "IATG 02.20",
    "2021 (3rd ed.)",
    url="https://data.unsaferguard.org/iatg/en/V3_IATG-02.20_en.pdf",
)
_INF = math.inf
_E1 = "Annex E Table E.1"


def _three_branch(code: str, a: float, b: float, k: float) -> DistanceFunction:
    return DistanceFunction(
        code,
        (
            Branch("two_thirds", (a,), 2500.0, upper_inclusive=True),
            Branch("square_root", (b,), 4500.0, upper_inclusive=True),
            Branch("cube_root", (k,)),
        ),
        _DOC.at(f"{_E1}, {code}"),
        description=HD11_FUNCTIONS[code].description,
    )


def _with(function: DistanceFunction, floors: tuple[tuple[float, float], ...]) -> DistanceFunction:
    return function.with_floors(floors, _DOC.at(f"{_E1}, {function.code}"))


_D13_FLOORS = ((75.0, 220.0), (100.0, 240.0), (_INF, 270.0))
_HD11: dict[str, DistanceFunction] = {
    code: attrs.evolve(f, reference=_DOC.at(f"{_E1}, {code}")) for code, f in HD11_FUNCTIONS.items()
}
# Table E.1 rows 50-400 kg repeat the 500 kg values of D1-D10 (inter-magazine and workshop
# distances are not extrapolated below 500 kg)
for _code in ("D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10"):
    _HD11[_code] = attrs.evolve(_HD11[_code], neq_minimum=500.0)
_HD11.update(
    {
        "D11": _with(
            _three_branch("D11", 1.0, 3.6, 14.8), ((75.0, 147.0), (100.0, 160.0), (_INF, 180.0))
        ),
        "D13": _with(_three_branch("D13", 1.5, 5.5, 22.2), _D13_FLOORS),
        "D14": _with(
            HD11_FUNCTIONS["D14"],
            ((50.0, 220.0), (75.0, 258.0), (100.0, 294.0), (200.0, 376.0), (_INF, 400.0)),
        ),
        "D15": _with(
            HD11_FUNCTIONS["D15"],
            ((50.0, 220.0), (75.0, 258.0), (100.0, 294.0), (200.0, 376.0), (_INF, 400.0)),
        ),
        # the 75 kg row prints 258 m for D16/D17 (copied from D14/D15; 240 m at 100 kg):
        # the D13-like steps are used so that the distance does not fall with NEQ
        "D16": _with(HD11_FUNCTIONS["D16"], _D13_FLOORS),
        "D17": _with(HD11_FUNCTIONS["D17"], _D13_FLOORS),
    }
)

_D1 = "Annex D Table D.1"


def _put(
    cells: dict[tuple[str, Kind, str], MatrixCell],
    group: str,
    es: Kind,
    column: str,
    segments: tuple[Segment, ...],
    table: str,
    *,
    verified: bool = True,
    notes: str = "",
) -> None:
    clause = f"{table}, row {es.value}, column {COLUMN_LABELS[column]}"
    key, cell = matrix_cell(
        group,
        es,
        column,
        segments,
        table=table,
        reference=_DOC.at(clause, verified=verified),
        verified=verified,
        notes=notes,
    )
    cells[key] = cell


def _hd11_exterior() -> dict[tuple[str, Kind, str], MatrixCell]:
    cells: dict[tuple[str, Kind, str], MatrixCell] = {}
    reduced_note = "reduced QD for a standard ECM"
    for column in COLUMNS:
        stack = column in ("barricaded", "unbarricaded")
        if column in ("ecm_rear", "ecm_side"):
            ptrd, ibd = ("D16", "D14") if column == "ecm_rear" else ("D17", "D15")
            low = (Segment(ibd, factor=0.5, function_floors=False),)
            medium: tuple[Segment, ...] = (Segment(ptrd),)
            high: tuple[Segment, ...] = (Segment(ibd),)
            vulnerable = (Segment(ibd, factor=2.0, function_floors=False),)
            notes = reduced_note
        else:
            low = (Segment("D12", factor=0.5),)
            medium = (Segment("D11", floor=180.0 if column == "barricaded" else 270.0),)
            high = (Segment("D13", floor=270.0 if column == "barricaded" else 400.0),)
            vulnerable = (Segment("D12", factor=2.0),)
            notes = ""
        # IBD is D13 (> 400 m) from every column except the reduced ECM rear/side ones
        inhabited = high if column in ("ecm_rear", "ecm_side") else (Segment("D13", floor=400.0),)
        for es, segs in (
            (Kind.PUBLIC_TRAFFIC_ROUTE_LOW, low),
            (Kind.PUBLIC_TRAFFIC_ROUTE_MEDIUM, medium),
            (Kind.PUBLIC_TRAFFIC_ROUTE_HIGH, high),
            (Kind.INHABITED_BUILDING, inhabited),
            (Kind.VULNERABLE_BUILDING, vulnerable),
        ):
            _put(cells, "1.1", es, column, segs, _D1, notes=notes)
        _put(cells, "1.1", Kind.WORKSHOP_PROTECTED_BARRICADED, column, (Segment("D10"),), _D1)
        light = (Segment("D10"),) if stack else (Segment("D10", floor=270.0),)
        _put(cells, "1.1", Kind.WORKSHOP_LIGHT_BARRICADED, column, light, _D1)
        if column in ("ecm_rear", "ecm_side"):
            unbarricaded: tuple[Segment, ...] = (Segment("D10", floor=270.0),)
        elif column == "ecm_front":
            unbarricaded = (Segment("D13", floor=270.0),)
        elif column == "barricaded":
            unbarricaded = (Segment("D10"),)
        else:
            unbarricaded = (Segment("D13"),)
        _put(cells, "1.1", Kind.WORKSHOP_UNBARRICADED, column, unbarricaded, _D1)
    return cells


# Table D.1 inter-magazine rows, in the column order of COLUMNS: ECM with its front facing
# away (= rear towards the ES), side, front; reinforced ESH (any direction); reinforced ESH
# with its door towards the ES; light building or open stack, barricaded; ditto unbarricaded.
# Superscripts as in AASTP-1 Table 1: a/b/c = virtually complete / high / limited
# protection, g = no primary explosives, h = no items vulnerable to spall, i = open bomb-bay
# storage, e = effect of lobbed ammunition. The ES rows follow the order of Table C.1, except
# that of the four building/stack rows the two with the open-stack bomb-bay option (D1/D2)
# are read as the light building / open stack rows; the medium-building rows print the same
# cells without that option, so the default (largest) alternative is the same either way.
IATG_D1_MAGAZINE_ROWS: dict[Kind, tuple[str, ...]] = {
    Kind.IGLOO_7BAR_REAR: ("D3a", "D3a", "D4a", "D5a", "D5a", "D5a", "D5a"),
    Kind.IGLOO_7BAR_SIDE: ("D3a", "D3a", "D5a", "D5b", "D5b", "D5b", "D5b"),
    Kind.IGLOO_7BAR_FRONT: (
        "D4a",
        "D5a or D4b",
        "D8b",
        "D8b or D12a",
        "D8b or D12a",
        "D8b",
        "D8b",
    ),
    Kind.IGLOO_3BAR_REAR: ("D3a", "D3a", "D4a", "D5b", "D5b", "D5b", "D5b"),
    Kind.IGLOO_3BAR_SIDE: ("D3a", "D3a", "D5a", "D6b", "D6b", "D6b", "D6b"),
    Kind.IGLOO_3BAR_FRONT: (
        "D6a",
        "D6a",
        "D8b",
        "D9b or D12a",
        "D9b or D12a",
        "D8b",
        "D8b",
    ),
    # undefined ECM, headwall and door resistant to high-velocity projections, door towards
    Kind.OTHER_ECM_HEAVY_DOOR: (
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D9c",
        "D9c",
        "D9c",
        "D4cgh or D9b",
        "D9b",
    ),
    # undefined ECM, weaker, barricade in front of the door, door towards
    Kind.OTHER_ECM_DOOR_BARRICADE: (
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D9c",
        "D9b",
        "D9b",
        "D9b",
        "D9b",
    ),
    # undefined ECM, headwall and door may or may not resist low-velocity projections, door
    # towards the PES (the most exposed of the three undefined rows)
    Kind.OTHER_ECM_UNDEFINED_DOOR: (
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D9c",
        "D9c",
        "D9c",
        "D4cgh or D9c",
        "D9c",
    ),
    Kind.HEAVY_WALLED_BUILDING_ROOFED: (
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D5bgh or D7b",
        "D4cgh or D7b",
        "D4cgh or D7b",
        "D4cgh or D7b",
        "D4cgh or D7b",
    ),
    Kind.HEAVY_WALLED_BUILDING_UNROOFED: (
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D5bgh or D7b",
        "D4cgh or D7b",
        "D4cgh or D7b",
        "D4cgh or D7b",
        "D4cgh or D7b",
    ),
    Kind.BARRICADED_STACK: (
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D1bi, D2bi, D4bgh or D7b",
        "D1bi, D2bi, D4bgh or D7b",
    ),
    Kind.UNBARRICADED_STACK: (
        "D4bgh or D7b",
        "D4bgh or D7b",
        "D9c or D12b",
        "D9c or D12",
        "D9c or D12",
        "D1bi, D2bi, D4bgh or D7b",
        "D9c or D12",
    ),
}
# AASTP-1 (2006) rows 8 and 9 (read from pictographs) have no clear counterpart in Table
# C.1: they take the undefined-ECM row with the door towards the PES, unverified
IATG_D1_MAGAZINE_ROWS[Kind.OTHER_ECM_FIRE_RESISTANT_DOOR] = IATG_D1_MAGAZINE_ROWS[
    Kind.OTHER_ECM_UNDEFINED_DOOR
]
IATG_D1_MAGAZINE_ROWS[Kind.OTHER_ECM_HATCHED_DOOR] = IATG_D1_MAGAZINE_ROWS[
    Kind.OTHER_ECM_UNDEFINED_DOOR
]
_UNMAPPED = (Kind.OTHER_ECM_FIRE_RESISTANT_DOOR, Kind.OTHER_ECM_HATCHED_DOOR)


def _hd11_magazines() -> dict[tuple[str, Kind, str], MatrixCell]:
    cells: dict[tuple[str, Kind, str], MatrixCell] = {}
    for es, row in IATG_D1_MAGAZINE_ROWS.items():
        ok = es not in _UNMAPPED
        for column, text in zip(COLUMNS, row, strict=True):
            clause = f"{_D1}, row {es.value}, column {COLUMN_LABELS[column]}: {text}"
            cells[("1.1", es, column)] = MatrixCell(
                parse_alternatives(text, verified=ok),
                _D1,
                f"{es.value} ({es.description})",
                COLUMN_LABELS[column],
                _DOC.at(clause, verified=ok),
            )
    return cells


_SHELTERED = ("ecm_rear", "ecm_side", "heavy_walled")
_HD12_WEAK = (
    Kind.OTHER_ECM_UNDEFINED_DOOR,
    Kind.OTHER_ECM_FIRE_RESISTANT_DOOR,
    Kind.OTHER_ECM_HATCHED_DOOR,
    Kind.HEAVY_WALLED_BUILDING_UNROOFED,
    Kind.BARRICADED_STACK,
    Kind.UNBARRICADED_STACK,
)
_STACKS = (Kind.BARRICADED_STACK, Kind.UNBARRICADED_STACK)
_PROTECTED = Kind.WORKSHOP_PROTECTED_BARRICADED


def _hd12(sub: str) -> dict[tuple[str, Kind, str], MatrixCell]:
    table = "Annex F Table F.1" if sub == "1.2.1" else "Annex G Table G.1"
    ibd, ws, ptr = ("D2", "D4", "D6") if sub == "1.2.1" else ("D1", "D3", "D5")
    shelter_medium = 0.0 if sub == "1.2.1" else 20.0
    shelter_high = 60.0 if sub == "1.2.1" else 30.0
    ok = True  # F.1 and G.1 exterior and workshop rows read cell by cell
    cells: dict[tuple[str, Kind, str], MatrixCell] = {}
    none = (Segment("fixed", fixed=0.0),)
    for column in COLUMNS:
        sheltered = column in _SHELTERED
        for es in Kind:
            verified = True
            if es.is_magazine:
                # F.1 / G.1: no QD to igloos, to the stronger undefined ECMs and to a
                # reinforced ESH; D6 (1.2.1) / D5 (1.2.2) from an exposed PES face to an
                # undefined ECM with its door towards the PES, a semi-reinforced ESH and
                # stacks (the stack rows print D6 or D5: the larger is used, unverified)
                weak = not sheltered and es in _HD12_WEAK
                segs = (Segment(ptr),) if weak else none
                verified = es not in _UNMAPPED and not (weak and es in _STACKS)
            elif es.is_workshop:
                code = ptr if es is Kind.WORKSHOP_UNBARRICADED else ws
                segs = none if sheltered else (Segment(code),)
                verified = ok
            elif es is Kind.PUBLIC_TRAFFIC_ROUTE_LOW:
                # half the printed column (its 60 m / 30 m minimum included)
                segs = none if sheltered else (Segment(ibd, factor=0.5),)
                verified = ok
            elif es is Kind.PUBLIC_TRAFFIC_ROUTE_MEDIUM:
                segs = (Segment("fixed", fixed=shelter_medium),) if sheltered else (Segment(ptr),)
            else:
                segs = (Segment("fixed", fixed=shelter_high),) if sheltered else (Segment(ibd),)
            _put(cells, sub, es, column, segs, table, verified=verified)
    return cells


def _hd13(group: str) -> dict[tuple[str, Kind, str], MatrixCell]:
    table = "Annex J Table J.1" if group == "1.3" else "Annex K Table K.1"
    cells: dict[tuple[str, Kind, str], MatrixCell] = {}
    for column in COLUMNS:
        for es in Kind:
            verified = True
            if es.is_magazine:
                # J.1 / K.1 magazine rows vary cell by cell (no QD, 10, 25, 60 m, D1): the
                # largest value of the table is used, not checked cell by cell
                segs = (Segment("D1"),) if group == "1.3" else (Segment("fixed", fixed=60.0),)
                verified = False
            elif es.is_workshop:
                if group == "1.3":  # J.1: D2 from every PES
                    segs = (Segment("D2"),)
                elif es is _PROTECTED or (
                    column == "heavy_walled_door" and es is Kind.WORKSHOP_UNBARRICADED
                ):
                    segs = (Segment("fixed", fixed=25.0),)  # K.1: 25 m
                else:
                    segs = (Segment("fixed", fixed=60.0),)  # K.1: 60 m
            elif es is Kind.PUBLIC_TRAFFIC_ROUTE_LOW:
                segs = (Segment("D2"),) if group == "1.3" else (Segment("fixed", fixed=60.0),)
            elif es is Kind.PUBLIC_TRAFFIC_ROUTE_MEDIUM:
                segs = (Segment("D3"),)
            else:
                segs = (Segment("D4"),)
            _put(cells, group, es, column, segs, table, verified=verified)
    return cells


def _hd14() -> dict[tuple[str, Kind, str], MatrixCell]:
    cells: dict[tuple[str, Kind, str], MatrixCell] = {}
    for column in COLUMNS:
        for es in Kind:
            _put(
                cells,
                "1.4",
                es,
                column,
                (Segment("fixed", fixed=10.0),),
                "clause 10.2 (HD 1.4: > 10 m, not NEQ-based)",
                verified=es.is_magazine,
            )
    return cells


_CELLS: dict[tuple[str, Kind, str], MatrixCell] = {}
_CELLS.update(_hd11_magazines())
_CELLS.update(_hd11_exterior())
_CELLS.update(_hd12("1.2.1"))
_CELLS.update(_hd12("1.2.2"))
_CELLS.update(_hd13("1.3"))
_CELLS.update(_hd13("1.3B"))
_CELLS.update(_hd14())

_STEPS = ((100.0, 1.0), (500.0, 5.0), (1000.0, 10.0), (_INF, 20.0))
_CAUTION = (
    "IATG 02.20:2021 HD 1.1 values below 500 kg are extrapolated from DoDM 6055.09 "
    "'as a temporary measure' and must be used 'with extreme caution' (Annex E, footnote 16)"
)

#: IATG 02.20:2021 (3rd edition), the default criteria set of dpssec.
IATG_02_20_2021 = CriteriaSet(
    name="IATG_02_20_2021",
    title="IATG 02.20:2021 (3rd edition, March 2021), Quantity and separation distances",
    reference=_DOC,
    functions={
        "1.1": _HD11,
        "1.2": {
            c: attrs.evolve(f, reference=_DOC.at(f"Annex H Table H.1, {c}"))
            for c, f in HD12_FUNCTIONS.items()
        },
        "1.3": {
            c: attrs.evolve(f, reference=_DOC.at(f"Annex L Table L.1, {c}"))
            for c, f in HD13_FUNCTIONS.items()
        },
    },
    cells=_CELLS,
    table_rounding={"1.1": _STEPS, "1.2": _STEPS, "1.3": _STEPS, "1.4": ((_INF, 1.0),)},
    table_range={
        "1.1": (500.0, _CAUTION),
        "1.2": (10.0, "IATG 02.20:2021 Table H.1 starts at 10 kg NEQ"),
        "1.3": (500.0, "IATG 02.20:2021 Table L.1 starts at 500 kg NEQ"),
    },
    hd12_item_neq_split=0.136,
    table_limits={
        "1.1": (50.0, 250_000.0, "IATG 02.20:2021 Table E.1"),
        "1.2": (10.0, 500_000.0, "IATG 02.20:2021 Table H.1"),
        "1.3": (500.0, 250_000.0, "IATG 02.20:2021 Table L.1"),
    },
    notes=(
        "Q^2/3 branches of D11/D13 up to and including 2,500 kg (Table E.1 prints that row so)",
        "D11 2,500-4,500 kg = 3.6·Q^1/2 as printed; the 3,000-4,000 kg rows fit 3.7·Q^1/2",
        "D16/D17 75 kg row printed 258 m (as D14/D15): 220 m used",
        "D.1 inter-magazine rows transcribed; AASTP-1 pictograph rows 8-9 mapped, unverified",
    ),
)
