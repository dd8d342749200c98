"""Mixed hazard divisions in one site: the governing division and the NEQ that counts.

Two rule sets are implemented side by side, never mixed:

* **AASTP-1 (2006)** Table 4 (p. I-2-8) with its notes and §1.3.2.5-1.3.2.6:

  - HD 1.4 is stored with anything *without aggregating its NEQ* (note 1); an overriding
    **25 m** applies "where appropriate" (§1.3.2.5 1), reported here separately as
    :attr:`Aggregation.overriding_distance` so that 1.4 never changes another division's
    distance;
  - HD 1.5 is treated as HD 1.1 (§1.2.1.2 e Note 2; the table's 1.5 row and column);
  - 1.2.1 + 1.2.2 aggregate as 1.2.1 (§1.3.2.5 2);
  - 1.2 + 1.3 are assessed **each on its own NEQ** (§1.3.2.5 6), but aggregate as **1.1** if
    note 2 applies: shaped charges, high-energy propellant, 1.3 at high loading density under
    heavy confinement, or 1.2.1 articles with an individual NEQ above 5 kg (carried as
    :class:`StockAttribute` values and item NEQs of the stocks);
  - 1.6 with 1.2.x or 1.3 keeps the indicated division only "if demonstrated by testing or
    analogy; if not: 1.1" (note 3); HD 1.6 lots among themselves stay 1.6 here, their families
    being checked as CG N mixing (Table 6 note 6). **Asymmetric cell:** row 1.6 / column 1.2.2 prints
    1.2.1 without note 3, while row 1.2.2 / column 1.6 prints note 3. This module applies note
    3 in both directions (the conservative, symmetric reading) and, when the behaviour is
    demonstrated, the printed 1.2.1. (Row 1.6 / column 1.2.1 likewise prints 1.2.1 without the
    note 3 of row 1.2.1 / column 1.6; it is read the same way.);
  - required distance (§1.3.2.5 4-7): 1.1 + 1.2 -> the greater of the 1.1 and 1.2 distances of
    the combined NEQ; 1.1 + 1.3 likewise; 1.2 + 1.3 -> each on its own NEQ; 1.1 + 1.2 + 1.3 ->
    the greatest of 1.1, 1.2 and 1.3 on the total;
  - permissible quantity (§1.3.2.6): the smallest limit for the combined cases; for 1.2 + 1.3
    each limit applies independently.

* **IATG 02.20:2021** Table 6: 1.1 + 1.2 -> aggregate, evaluate as 1.1 and as 1.2, take the
  greater; 1.1 + 1.2 + 1.3 -> aggregate all, evaluate as 1.1 and as 1.2; 1.1 + 1.3 ->
  aggregate, use 1.1; 1.2 + 1.3 -> each on its own NEQ, take the greatest. HD 1.4 distances are
  not NEQ-based, HD 1.5 is treated as 1.1 and HD 1.6 defers to AASTP-1 (clause 10.2), so
  the AASTP-1 rules above are used for 1.4, 1.5 and 1.6. IATG Table 6 has no counterpart of
  AASTP-1 note 2: its conditions are reported, not applied.

For example:

>>> from dpssec.arms.storage.aggregation import aggregate, governing_division
>>> governing_division(["1.1", "1.5"]).value
'1.1'
>>> agg = aggregate({"1.2.1": 5000, "1.3": 17500}, rules="aastp1-2006")
>>> [(a.division.value, a.neq.magnitude) for a in agg.assessments]
[('1.2.1', 5000.0), ('1.3', 17500.0)]
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from dpssec.arms.storage.classification import CompatibilityGroup, HazardDivision, StockAttribute
from dpssec.arms.storage.models import AmmunitionStock
from dpssec.boundary import (
    Choice,
    Flag,
    Length,
    Mass,
    Records,
    Text,
    calculator,
    example,
    example_by,
    register_aliases,
)
from dpssec.errors import InputError
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.units import Q_, Quantity, ureg

if TYPE_CHECKING:
    QuantityT = Quantity[Any]
else:  # serialization dispatches on the plain class (a generic alias is not a type)
    QuantityT = Quantity

__all__ = [
    "Aggregation",
    "Assessment",
    "MixedDivisionRules",
    "QuantityRule",
    "StockAttribute",
    "aggregate",
    "aggregate_stocks",
    "governing_division",
]

HD = HazardDivision
CG = CompatibilityGroup

AASTP1_TABLE_4 = Reference("AASTP-1", "Ed.1 Ch.2 (2006)", "Part I, Table 4")
AASTP1_MIXED_QD = AASTP1_TABLE_4.at("§1.3.2.5")
AASTP1_MIXED_QUANTITY = AASTP1_TABLE_4.at("§1.3.2.6")
IATG_TABLE_6 = Reference("IATG 02.20", "2021 (3rd ed.)", "Table 6")

HD14_OVERRIDING_DISTANCE_M = 25.0
"""AASTP-1 (2006) §1.3.2.5 1: HD 1.4 NEQ ignored in a mixed site, 25 m overriding [m]."""

HD121_LARGE_ITEM_KG = 5.0
"""AASTP-1 (2006) Table 4 note 2 (d): 1.2.1 articles above 5 kg NEQ each make 1.2 + 1.3 a 1.1."""


# pre-parsed units: building a Quantity from a unit string parses it every time (~0.2 ms)
_KG_UNIT = ureg.Unit("kilogram")
_M_UNIT = ureg.Unit("meter")
_NEQ = Mass(ndim=(0,))


def _kg(value: float) -> Any:
    return Q_(value, _KG_UNIT)


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


_NOTE_2_REASONS = {
    StockAttribute.SHAPED_CHARGES: "HD 1.2 shaped charges present (Table 4 note 2 a)",
    StockAttribute.HIGH_ENERGY_PROPELLANT: "high-energy propellant present (Table 4 note 2 b)",
    StockAttribute.HEAVY_CONFINEMENT: (
        "HD 1.3 at high loading density under heavy confinement (Table 4 note 2 c)"
    ),
}


class MixedDivisionRules(enum.Enum):
    """Which mixed-division rule set to apply."""

    AASTP1_2006 = "aastp1-2006"
    IATG_02_20_2021 = "iatg-02.20-2021"


register_aliases(
    MixedDivisionRules,
    {
        "AASTP-1": MixedDivisionRules.AASTP1_2006,
        "AASTP1": MixedDivisionRules.AASTP1_2006,
        "AASTP-1 2006": MixedDivisionRules.AASTP1_2006,
        "IATG": MixedDivisionRules.IATG_02_20_2021,
        "IATG 02.20": MixedDivisionRules.IATG_02_20_2021,
        "IATG 02.20:2021": MixedDivisionRules.IATG_02_20_2021,
    },
)


class QuantityRule(enum.Enum):
    """How the permissible quantities of the assessed divisions combine (AASTP-1 §1.3.2.6)."""

    COMBINED = "combined"
    """The smallest permissible NEQ applies to the combined NEQ."""
    INDEPENDENT = "independent"
    """Each division's NEQ is checked against its own limit (1.2 + 1.3)."""


@example("1.2.1", "5000 kg", "HD 1.2.1 assessed on its own", item_neq="12 kg")
@attrs.frozen
class Assessment:
    """One (division, NEQ) pair whose quantity-distance must be evaluated.

    Attributes
    ----------
    division : HazardDivision
        The division whose distance function is applied.
    neq : Quantity
        The NEQ it is applied to [kg].
    reason : str
        Why (the rule of the table).
    item_neq : Quantity or None
        NEQ of one munition [kg], for the HD 1.6 rule (AASTP-1 §1.3.8.3).
    """

    division: HazardDivision = Choice(HazardDivision).field()
    neq: QuantityT = Mass().field()
    reason: str = Text(empty=True).field()
    item_neq: QuantityT | None = Mass(optional=True).field()


@example_by("aggregate")
@attrs.frozen(eq=False)
class Aggregation(ResultMixin):
    """How the stocks of one site are counted.

    Attributes
    ----------
    governing_division : HazardDivision
        The division the mixture is treated as (for 1.2 + 1.3 assessed separately: the HD 1.2
        sub-division, with both listed in ``assessments``).
    total_neq : Quantity
        NEQ that counts [kg] (HD 1.4 excluded when mixed with other divisions).
    assessments : tuple of Assessment
        Each distance to evaluate; the required distance is the greatest of them.
    quantity_rule : QuantityRule
    overriding_distance : Quantity or None
        25 m when HD 1.4 is stored with other divisions (§1.3.2.5 1) [m].
    hd14_neq : Quantity
        NEQ of HD 1.4 stocks [kg] (not aggregated when mixed).
    reasons : tuple of str
        The table notes that applied.
    rules : MixedDivisionRules
    reference : Reference
    """

    governing_division: HazardDivision = Choice(HazardDivision).field()
    total_neq: QuantityT = Mass().field()
    # mypy's attrs plugin takes a spec-built field for one with a default: hence the ignores
    assessments: tuple[Assessment, ...] = attrs.field(converter=_tuple)  # type: ignore[misc]
    quantity_rule: QuantityRule = Choice(QuantityRule).field()
    hd14_neq: QuantityT = Mass().field()
    reasons: tuple[str, ...] = attrs.field(converter=_tuple)  # type: ignore[misc]
    rules: MixedDivisionRules = Choice(MixedDivisionRules).field()
    reference: Reference = attrs.field(validator=attrs.validators.instance_of(Reference))  # type: ignore[misc]
    overriding_distance: QuantityT | None = Length(optional=True).field()

    def __str__(self) -> str:
        if self.quantity_rule is QuantityRule.INDEPENDENT:
            # no single division governs a total: each is assessed on its own NEQ (IATG
            # Table 6 "1.2 + 1.3"); a "governing ... counted" headline would misread as one lot
            parts = " and ".join(
                f"HD {a.division.value} on {a.neq.magnitude:g} kg" for a in self.assessments
            )
            head = f"{parts} assessed separately, independent quantity limits ({self.reference})"
            return f"{head}\n{super().__str__()}"
        head = (
            f"governing division HD {self.governing_division.value}, "
            f"{self.total_neq.magnitude:g} kg counted, {self.quantity_rule.value} quantity "
            f"limits ({self.reference})"
        )
        return f"{head}\n{super().__str__()}"

    def _columns(self) -> dict[str, Any]:
        return {
            "division": [a.division.value for a in self.assessments],
            "neq_kg": [float(a.neq.magnitude) for a in self.assessments],
            "reason": [a.reason for a in self.assessments],
        }


_RULES = Choice(MixedDivisionRules)
_CONDITIONS = Choice(StockAttribute, many=True)


@calculator(
    divisions=Choice(HazardDivision, many=True),
    conditions=_CONDITIONS,
    demonstrated=Flag(),
    example={"divisions": ["1.2.1", "1.3"], "conditions": ["shaped_charges"]},
)
def governing_division(
    divisions: Iterable[HazardDivision | str],
    *,
    conditions: Iterable[StockAttribute | str] = (),
    demonstrated: bool = False,
) -> HazardDivision:
    """The division a mixture of hazard divisions is treated as (AASTP-1 2006 Table 4).

    Parameters
    ----------
    divisions : iterable of HazardDivision or str
        The divisions present in one site (repeats are ignored).
    conditions : iterable of StockAttribute or str
        Table 4 note 2 conditions present (shaped charges, high-energy propellant, heavy
        confinement); any of them turns 1.2 + 1.3 into 1.1. The fourth condition (1.2.1
        items above 5 kg) is derived from item NEQs by :func:`aggregate_stocks`.
    demonstrated : bool
        Note 3: the division indicated for a 1.6 mixture is demonstrated by testing or
        analogy (otherwise the mixture is 1.1).

    Returns
    -------
    HazardDivision
        For 1.2 + 1.3 without a note-2 condition the table gives no single division: the HD
        1.2 sub-division is returned and the two are assessed separately
        (see :func:`aggregate`).

    Raises
    ------
    InputError
        For no division, or an unknown division code.

    References
    ----------
    AASTP-1 Ed.1 Ch.2 (2006), Part I, Table 4 and notes 1-3; §1.2.1.2 e.

    Examples
    --------
    >>> from dpssec.arms.storage.aggregation import governing_division
    >>> governing_division(["1.2.1", "1.3"], conditions=["shaped_charges"]).value
    '1.1'
    >>> governing_division(["1.6", "1.3"]).value, governing_division(["1.4"]).value
    ('1.1', '1.4')
    """
    present: set[HazardDivision] = set(divisions)  # type: ignore[arg-type]  # parsed by the specs
    if not present:
        raise InputError("parameter 'divisions': at least one hazard division is needed")
    return _govern(present, set(conditions), demonstrated)[0]  # type: ignore[arg-type]


def _govern(
    present: set[HazardDivision], conditions: set[StockAttribute], demonstrated: bool
) -> tuple[HazardDivision, list[str]]:
    reasons: list[str] = []
    if present == {HD.HD_1_4}:
        return HD.HD_1_4, reasons
    if HD.HD_1_4 in present:
        reasons.append("HD 1.4 stored with other divisions is not aggregated (Table 4 note 1)")
        present = present - {HD.HD_1_4}
    if HD.HD_1_5 in present:
        reasons.append("HD 1.5 is treated as HD 1.1 (§1.2.1.2 e Note 2)")
        present = (present - {HD.HD_1_5}) | {HD.HD_1_1}
    if HD.HD_1_1 in present:
        return HD.HD_1_1, reasons
    if HD.HD_1_6 in present and len(present) > 1:
        if not demonstrated:
            reasons.append(
                "HD 1.6 with other divisions is 1.1 unless demonstrated by testing or analogy "
                "(Table 4 note 3)"
            )
            return HD.HD_1_1, reasons
        reasons.append("HD 1.6 mixture demonstrated by testing or analogy (Table 4 note 3)")
        present = present - {HD.HD_1_6}
        if HD.HD_1_2_2 in present:
            # Row 1.6 / column 1.2.2 of Table 4 prints 1.2.1 (the asymmetric cell).
            present = (present - {HD.HD_1_2_2}) | {HD.HD_1_2_1}
            reasons.append("1.6 + 1.2.2 is treated as 1.2.1 (Table 4, row 1.6)")
    if present == {HD.HD_1_6}:
        return HD.HD_1_6, reasons
    hd12 = None
    if HD.HD_1_2_1 in present:
        hd12 = HD.HD_1_2_1
        if HD.HD_1_2_2 in present:
            reasons.append("1.2.1 + 1.2.2 aggregate as 1.2.1 (§1.3.2.5 2)")
    elif HD.HD_1_2_2 in present:
        hd12 = HD.HD_1_2_2
    if hd12 is not None and HD.HD_1_3 in present:
        found = [
            _NOTE_2_REASONS[c]
            for c in sorted(conditions, key=lambda c: c.value)
            if c in _NOTE_2_REASONS
        ]
        if found:
            reasons.extend(f"1.2 + 1.3 aggregate as 1.1: {r}" for r in found)
            return HD.HD_1_1, reasons
        return hd12, reasons
    if hd12 is not None:
        return hd12, reasons
    return HD.HD_1_3, reasons


@calculator(
    rules=_RULES,
    conditions=_CONDITIONS,
    demonstrated=Flag(),
    item_neq=Mass(optional=True, ndim=(0,)),
    example={"quantities": {"1.2.1": 5000, "1.3": 17500}, "rules": "aastp1-2006"},
)
def aggregate(
    quantities: Mapping[HazardDivision | str, Any],
    *,
    rules: MixedDivisionRules | str = MixedDivisionRules.IATG_02_20_2021,
    conditions: Iterable[StockAttribute | str] = (),
    demonstrated: bool = False,
    item_neq: Any = None,
) -> Aggregation:
    """The assessments (division, NEQ) that decide the required distance of a mixed site.

    Parameters
    ----------
    quantities : mapping of HazardDivision or str to NEQ
        NEQ per division [kg] (numbers or mass Quantities; pounds are converted).
    rules : MixedDivisionRules or str
        ``"iatg-02.20-2021"`` (IATG Table 6, the default) or ``"aastp1-2006"`` (Table 4 and
        §1.3.2.5-6).
    conditions : iterable of StockAttribute or str
        AASTP-1 Table 4 note 2 conditions present (including, from :func:`aggregate_stocks`,
        1.2.1 items above 5 kg expressed by ``item_neq``).
    demonstrated : bool
        AASTP-1 Table 4 note 3 (1.6 mixtures).
    item_neq : float or Quantity, optional
        Largest NEQ of one munition [kg]: HD 1.6 rule (§1.3.8.3) and note 2 (d) for 1.2.1.

    Returns
    -------
    Aggregation

    Raises
    ------
    InputError
        Negative, NaN or non-mass NEQ (naming the division), unknown division or rule set,
        or an empty mapping.

    Examples
    --------
    >>> from dpssec.arms.storage.aggregation import aggregate
    >>> agg = aggregate({"1.1": 20000, "1.4": 5000})
    >>> agg.total_neq, agg.governing_division.value, agg.overriding_distance
    (<Quantity(20000.0, 'kilogram')>, '1.1', <Quantity(25.0, 'meter')>)
    """
    if not isinstance(quantities, Mapping):
        raise InputError(
            "parameter 'quantities' must map hazard divisions to NEQs, e.g. {'1.1': 500}; got "
            f"{type(quantities).__name__}"
        )
    neq: dict[HazardDivision, float] = {}
    for key, value in quantities.items():
        division = HazardDivision.parse(key, "quantities")
        quantity = float(_NEQ.convert(value, f"neq of HD {division.value}"))
        neq[division] = neq.get(division, 0.0) + quantity
    if not neq:
        raise InputError("parameter 'quantities': at least one division and NEQ is needed")
    item = None if item_neq is None else float(item_neq)
    large_items = item is not None and item > HD121_LARGE_ITEM_KG and HD.HD_1_2_1 in neq
    return _aggregate(neq, rules, set(conditions), demonstrated, item, large_items)  # type: ignore[arg-type]


def _aggregate(
    neq: dict[HazardDivision, float],
    rules: MixedDivisionRules,
    conditions: set[StockAttribute],
    demonstrated: bool,
    item_neq: float | None,
    large_121_items: bool,
) -> Aggregation:
    present = set(neq)
    aastp = rules is MixedDivisionRules.AASTP1_2006
    note2 = set(conditions) if aastp else set()
    governing: HazardDivision
    governing, reasons = _govern(present, note2, demonstrated)
    # large_121_items implies 1.2.1 present; governing is not 1.1 implies no 1.1 or 1.5
    if aastp and large_121_items and HD.HD_1_3 in present and governing is not HD.HD_1_1:
        governing = HD.HD_1_1
        reasons.append(
            f"1.2 + 1.3 aggregate as 1.1: 1.2.1 items above {HD121_LARGE_ITEM_KG:g} kg NEQ "
            "(Table 4 note 2 d)"
        )
    if not aastp:
        found = [
            _NOTE_2_REASONS[c]
            for c in sorted(conditions, key=lambda c: c.value)
            if c in _NOTE_2_REASONS
        ]
        if large_121_items:
            found.append(f"1.2.1 items above {HD121_LARGE_ITEM_KG:g} kg NEQ (Table 4 note 2 d)")
        if found and HD.HD_1_3 in present and {HD.HD_1_2_1, HD.HD_1_2_2} & present:
            reasons.append(
                "AASTP-1 (2006) Table 4 note 2 would aggregate this 1.2 + 1.3 as 1.1 ("
                + "; ".join(found)
                + "); IATG 02.20:2021 Table 6 has no such rule"
            )
    hd14 = neq.get(HD.HD_1_4, 0.0)
    mixed_with_14 = HD.HD_1_4 in present and present != {HD.HD_1_4}
    counted = {d: q for d, q in neq.items() if not (mixed_with_14 and d is HD.HD_1_4)}
    total = float(sum(counted.values()))
    reference = AASTP1_MIXED_QD if aastp else IATG_TABLE_6
    combined = QuantityRule.COMBINED

    def one(division: HazardDivision, quantity: float, reason: str) -> Assessment:
        item = item_neq if division is HD.HD_1_6 else None
        return Assessment(division, _kg(quantity), reason, None if item is None else _kg(item))

    if governing in (HD.HD_1_4, HD.HD_1_6) or (len(counted) == 1 and governing in counted):
        return Aggregation(
            governing,
            _kg(total),
            (one(governing, total, f"HD {governing.value} only"),),
            combined,
            _kg(hd14),
            tuple(reasons),
            rules,
            reference,
            Q_(HD14_OVERRIDING_DISTANCE_M, _M_UNIT) if mixed_with_14 else None,
        )
    # Sum by family after 1.5 -> 1.1 and the 1.6 / 1.2.2 readings of _govern.
    q11 = counted.get(HD.HD_1_1, 0.0) + counted.get(HD.HD_1_5, 0.0)
    q12 = counted.get(HD.HD_1_2_1, 0.0) + counted.get(HD.HD_1_2_2, 0.0)
    q13 = counted.get(HD.HD_1_3, 0.0)
    q16 = counted.get(HD.HD_1_6, 0.0)
    hd12 = HD.HD_1_2_1 if HD.HD_1_2_1 in counted or governing is HD.HD_1_2_1 else HD.HD_1_2_2
    has11 = q11 > 0 or HD.HD_1_1 in counted or HD.HD_1_5 in counted
    has12 = HD.HD_1_2_1 in counted or HD.HD_1_2_2 in counted
    has13 = HD.HD_1_3 in counted
    quantity_rule = combined
    assessments: tuple[Assessment, ...]
    if governing is HD.HD_1_1 and not has11 and not (has12 and has13):
        # A 1.6 mixture not demonstrated: the whole is 1.1.
        assessments = (one(HD.HD_1_1, total, "mixture treated as HD 1.1 on the total"),)
    elif governing is HD.HD_1_1 and not has11:
        assessments = (one(HD.HD_1_1, total, "1.2 + 1.3 aggregated as HD 1.1 on the total"),)
    elif has11 and has12 and has13:
        if aastp:
            assessments = (
                one(HD.HD_1_1, total, "1.1 + 1.2 + 1.3: 1.1 on the total (§1.3.2.5 7)"),
                one(hd12, total, "1.1 + 1.2 + 1.3: 1.2 on the total (§1.3.2.5 7)"),
                one(HD.HD_1_3, total, "1.1 + 1.2 + 1.3: 1.3 on the total (§1.3.2.5 7)"),
            )
        else:
            assessments = (
                one(HD.HD_1_1, total, "1.1 + 1.2 + 1.3: aggregate, evaluate as 1.1 (Table 6)"),
                one(hd12, total, "1.1 + 1.2 + 1.3: aggregate, evaluate as 1.2 (Table 6)"),
            )
    elif has11 and has12:
        clause = "§1.3.2.5 4" if aastp else "Table 6"
        assessments = (
            one(HD.HD_1_1, total, f"1.1 + 1.2: 1.1 on the combined NEQ ({clause})"),
            one(hd12, total, f"1.1 + 1.2: 1.2 on the combined NEQ ({clause})"),
        )
    elif has11 and has13:
        if aastp:
            assessments = (
                one(HD.HD_1_1, total, "1.1 + 1.3: 1.1 on the combined NEQ (§1.3.2.5 5)"),
                one(HD.HD_1_3, total, "1.1 + 1.3: 1.3 on the combined NEQ (§1.3.2.5 5)"),
            )
        else:
            assessments = (one(HD.HD_1_1, total, "1.1 + 1.3: aggregate, use 1.1 (Table 6)"),)
    elif has11:
        assessments = (one(HD.HD_1_1, total, "HD 1.1 (1.5 and 1.6 counted as 1.1)"),)
    elif has12 and has13:
        clause = "§1.3.2.5 6" if aastp else "Table 6"
        assessments = (
            one(hd12, q12 + q16, f"1.2 + 1.3: 1.2 on its own NEQ ({clause})"),
            one(HD.HD_1_3, q13, f"1.2 + 1.3: 1.3 on its own NEQ ({clause})"),
        )
        quantity_rule = QuantityRule.INDEPENDENT
    elif has12:
        assessments = (one(hd12, total, f"HD 1.2 aggregated as {hd12.value} (§1.3.2.5 2)"),)
    else:
        assessments = (one(HD.HD_1_3, total, "HD 1.3 (1.6 demonstrated as 1.3)"),)
    return Aggregation(
        governing,
        _kg(total),
        assessments,
        quantity_rule,
        _kg(hd14),
        tuple(reasons),
        rules,
        reference,
        Q_(HD14_OVERRIDING_DISTANCE_M, _M_UNIT) if mixed_with_14 else None,
    )


@calculator(
    stocks=Records(AmmunitionStock),
    rules=_RULES,
    example={
        "stocks": [
            AmmunitionStock("155 mm HE", HD.HD_1_2_1, CG.E, _kg(4000), item_neq=_kg(6.6)),
            AmmunitionStock("propellant", HD.HD_1_3, CG.C, _kg(2000)),
        ],
        "rules": "aastp1-2006",
    },
)
def aggregate_stocks(
    stocks: Iterable[AmmunitionStock],
    *,
    rules: MixedDivisionRules | str = MixedDivisionRules.IATG_02_20_2021,
) -> Aggregation:
    """:func:`aggregate` for the stocks of one building (:class:`AmmunitionStock` objects).

    Note-2 conditions come from the stocks' ``attributes`` (and 1.2.1 stocks whose
    ``item_neq`` exceeds 5 kg); note 3 applies when every 1.6 stock is marked
    ``mixture_demonstrated``; the HD 1.6 item NEQ is the largest of the 1.6 stocks.

    Examples
    --------
    >>> from dpssec.arms.storage.aggregation import aggregate_stocks
    >>> from dpssec.arms.storage.models import AmmunitionStock
    >>> stocks = [AmmunitionStock("155 mm HE", "1.2.1", "E", 4000, item_neq=6.6),
    ...           AmmunitionStock("propellant", "1.3", "C", 2000)]
    >>> aggregate_stocks(stocks, rules="aastp1-2006").governing_division.value
    '1.1'
    """
    # a pint Quantity says it is iterable and is not
    if (
        isinstance(stocks, str | bytes | Mapping)
        or not isinstance(stocks, Iterable)
        or (hasattr(stocks, "units"))
    ):
        raise InputError(
            f"parameter 'stocks' must be a sequence of AmmunitionStock; got {type(stocks).__name__}"
        )
    neq: dict[HazardDivision, float] = {}
    conditions: set[StockAttribute] = set()
    large_121 = False
    item_16: float | None = None
    demonstrated_16: list[bool] = []
    for stock in stocks:
        division = stock.division
        # model quantity fields are stored in their canonical unit (kg): no conversion
        quantity = float(stock.neq.magnitude)
        neq[division] = neq.get(division, 0.0) + quantity
        conditions |= set(stock.attributes)
        item = None if stock.item_neq is None else float(stock.item_neq.magnitude)
        if division is HD.HD_1_2_1 and item is not None and item > HD121_LARGE_ITEM_KG:
            large_121 = True
        if division is HD.HD_1_6:
            demonstrated_16.append(StockAttribute.MIXTURE_DEMONSTRATED in stock.attributes)
            if item is not None:
                item_16 = item if item_16 is None else max(item_16, item)
    if not neq:
        raise InputError("parameter 'stocks': a site needs at least one stock")
    demonstrated = bool(demonstrated_16) and all(demonstrated_16)
    return _aggregate(neq, rules, conditions, demonstrated, item_16, large_121)  # type: ignore[arg-type]
