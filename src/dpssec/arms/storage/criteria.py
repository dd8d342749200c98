"""The structure of a quantity-distance criteria set: matrix cells, alternatives, rounding.

A criteria set (:class:`CriteriaSet`) is frozen, versioned data: the D-code functions it uses,
its PES x ES matrix (one :class:`MatrixCell` per hazard-division group, exposed-site kind and
PES column), its rounding steps and its table ranges. The two sets shipped are
:data:`~dpssec.arms.storage.criteria_iatg.IATG_02_20_2021` (the default) and
:data:`~dpssec.arms.storage.criteria_aastp1.AASTP1_2006`.

A cell holds one or more :class:`Alternative` (the "D4 or D7" of a printed cell), each tagged
with the protection level it gives; an alternative is a sequence of :class:`Segment` by NEQ
(for the reduced distances of large earth-covered magazines: D14 up to 45,000 kg, then D13).
A segment is ``factor · max(D-code(Q), cell floor)``, or a fixed distance.

For example:

>>> from dpssec.arms.storage import IATG_02_20_2021, ExposedSiteKind
>>> cell = IATG_02_20_2021.cell("1.1", ExposedSiteKind.INHABITED_BUILDING, "unbarricaded")
>>> cell.alternatives[0].text
'D13 (≥ 400 m)'
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from dpssec.arms.storage.classification import HazardDivision
from dpssec.arms.storage.qd_functions import DistanceFunction
from dpssec.arms.storage.sites import ExposedSiteKind, Orientation, PESKind, ProtectionLevel
from dpssec.boundary import example_by
from dpssec.errors import InputError
from dpssec.references import Reference

__all__ = [
    "COLUMNS",
    "Alternative",
    "CriteriaSet",
    "MatrixCell",
    "Segment",
    "column_key",
    "matrix_cell",
    "parse_alternatives",
]

#: PES column keys: an earth-covered magazine by the face turned to the exposed site, a
#: heavy-walled building (door facing the ES or not: it matters for HD 1.2), stacks.
COLUMNS = (
    "ecm_rear",
    "ecm_side",
    "ecm_front",
    "heavy_walled",
    "heavy_walled_door",
    "barricaded",
    "unbarricaded",
)

COLUMN_LABELS = {
    "ecm_rear": "earth-covered magazine, rear towards the ES",
    "ecm_side": "earth-covered magazine, side towards the ES",
    "ecm_front": "earth-covered magazine, front (door) towards the ES",
    "heavy_walled": "heavy-walled building, door not towards the ES",
    "heavy_walled_door": "heavy-walled building, door or opening towards the ES",
    "barricaded": "barricaded open stack, light structure or vehicle",
    "unbarricaded": "unbarricaded open stack, light structure or vehicle",
    # a criteria set that reserves the reduced D14-D17 distances for a large ECM (AASTP-1 2006
    # §1.3.6.7 b: > 500 m³) keeps them in these columns; the plain ECM columns hold D11/D13
    "ecm_rear_large": "large earth-covered magazine (> 500 m³), rear towards the ES",
    "ecm_side_large": "large earth-covered magazine (> 500 m³), side towards the ES",
}


def column_key(pes: PESKind, orientation: Orientation | None) -> str:
    """The PES column for a PES kind and the face turned towards the exposed site.

    An earth-covered magazine needs an orientation. A heavy-walled building with no
    orientation is taken as having its door towards the exposed site (the larger HD 1.2
    distance); ``SIDE`` or ``REAR`` mean the door faces away.
    """
    if pes is PESKind.EARTH_COVERED_MAGAZINE:
        if orientation is None:
            raise InputError(
                "orientation is required for an earth-covered magazine PES: pass "
                "orientation=Orientation.FRONT, SIDE or REAR (the face turned towards the "
                "exposed site; AASTP-1 2006 Annex I-A Note 1, IATG 02.20:2021 Annex C)"
            )
        return f"ecm_{orientation.value}"
    if pes is PESKind.HEAVY_WALLED_BUILDING:
        return "heavy_walled_door" if orientation in (None, Orientation.FRONT) else "heavy_walled"
    return str(pes.value).removesuffix("_stack")


@attrs.frozen
class Segment:
    """One NEQ range of an alternative: ``factor · max(D-code(Q), floor)`` or a fixed distance.

    Parameters
    ----------
    code : str
        D-code key in the set's functions for the division group, or ``"fixed"``.
    factor : float
        Multiplier (0.5 x D12 for low-density routes, 2 x IBD for vulnerable buildings).
    floor : float
        Minimum distance printed in the cell ("D13 (≥ 400 m)") [m], applied before the factor.
    function_floors : bool
        Whether the D-code column's own minima apply (not for "0.5 x D12"-type multiples,
        which are taken of the formula).
    fixed : float or None
        A fixed distance [m] (``code == "fixed"``); 0 means "no QD".
    upper : float
        The segment applies for NEQ ≤ ``upper`` [kg] (45,000 kg for the reduced ECM distances).
    """

    code: str
    factor: float = 1.0
    floor: float = 0.0
    function_floors: bool = True
    fixed: float | None = None
    upper: float = math.inf

    @property
    def text(self) -> str:
        """The segment as a table would print it."""
        if self.code == "fixed":
            return "no QD" if not self.fixed else f"{self.fixed:g} m"
        text = self.code if self.factor == 1.0 else f"{self.factor:g} x {self.code}"
        if self.floor:
            text += f" (≥ {self.floor:g} m)"
        if self.upper != math.inf:
            text += f" up to {self.upper:,.0f} kg"
        return text


@attrs.frozen
class Alternative:
    """One alternative of a matrix cell, with the protection level it gives."""

    segments: tuple[Segment, ...]
    level: ProtectionLevel | None = None
    notes: str = ""
    verified: bool = True

    @property
    def text(self) -> str:
        """The alternative as text, e.g. ``"D14 (≥ 400 m) up to 45,000 kg; then D13"``."""
        parts = [s.text for s in self.segments]
        return "; then ".join(parts)


@attrs.frozen
class MatrixCell:
    """A cell of a PES x ES matrix: its alternatives and where it is printed."""

    alternatives: tuple[Alternative, ...]
    table: str
    row: str
    column: str
    reference: Reference

    def choose(self, protection_level: ProtectionLevel | None) -> Alternative:
        """The alternative for a protection level (default: the most protective one).

        Without a level, the alternative with the greatest distance is used (the cell's
        other alternatives need conditions such as "no very sensitive explosives"). With a
        level, the greatest distance among the alternatives of that level.
        """
        candidates = [
            a
            for a in self.alternatives
            if protection_level is None or a.level is None or a.level is protection_level
        ]
        if protection_level is not None:
            exact = [a for a in self.alternatives if a.level is protection_level]
            if not exact:
                levels = sorted({a.level.value for a in self.alternatives if a.level})
                raise InputError(
                    f"protection_level={protection_level.value!r} is not offered by "
                    f"{self.table}, row {self.row!r}, column {self.column!r}; "
                    f"available: {', '.join(levels) or 'none (the cell has one distance)'}"
                )
            candidates = exact
        return max(candidates, key=_size)


def matrix_cell(
    group: str,
    exposed_site: ExposedSiteKind,
    column: str,
    segments: tuple[Segment, ...],
    *,
    table: str,
    reference: Reference,
    verified: bool = True,
    notes: str = "",
) -> tuple[tuple[str, ExposedSiteKind, str], MatrixCell]:
    """A cell of one alternative, keyed as :attr:`CriteriaSet.cells` keys it.

    The row is labelled with the AASTP-1 (2006) Table 1 row number and the site's
    description, the column with :data:`COLUMN_LABELS`; ``reference`` is where it is printed.
    """
    alternative = Alternative(segments, None, notes, verified)
    return (group, exposed_site, column), MatrixCell(
        (alternative,),
        table,
        f"{exposed_site.table_row} ({exposed_site.description})",
        COLUMN_LABELS[column],
        reference,
    )


def _size(alternative: Alternative) -> float:
    # the alternatives of one printed cell are cube-root laws (or fixed distances): rank them
    # by coefficient, which orders them at every NEQ
    size = 0.0
    for s in alternative.segments:
        k = (s.fixed or 0.0) if s.code == "fixed" else _K.get(s.code, 0.0)
        size = max(size, s.factor * k)
    return size


_K = {
    "D1": 0.35,
    "D2": 0.44,
    "D3": 0.5,
    "D4": 0.8,
    "D5": 1.1,
    "D6": 1.8,
    "D7": 2.4,
    "D8": 3.6,
    "D9": 4.8,
    "D10": 8.0,
    "D11": 14.8,
    "D12": 22.2,
    "D13": 22.2,
}

_TOKEN = re.compile(r"^(D\d+)([a-o]*)(?:\(≥(\d+)\))?$")
_LEVELS = {
    "a": ProtectionLevel.VIRTUALLY_COMPLETE,
    "b": ProtectionLevel.HIGH,
    "c": ProtectionLevel.LIMITED,
}


def parse_alternatives(text: str, *, verified: bool = True) -> tuple[Alternative, ...]:
    """Read a printed AASTP-1 Table 1 cell such as ``"D4agh or D5ag"``.

    Superscript a/b/c give the protection level; the other letters are kept as notes.
    ``"D1bie, D2bie"`` (D1 up to 30,000 kg, D2 above) is one alternative of two segments.

    >>> [a.text for a in parse_alternatives("D1bie, D2bie, D4bghe or D7be")]
    ['D1 up to 30,000 kg; then D2', 'D4', 'D7']
    """
    tokens = [t.strip() for t in re.split(r",| or ", text) if t.strip()]
    alternatives: list[Alternative] = []
    i = 0
    while i < len(tokens):
        match = _TOKEN.match(tokens[i])
        if match is None:
            raise ValueError(f"cannot read table cell {text!r} at {tokens[i]!r}")
        code, letters, floor = match.group(1), match.group(2), match.group(3)
        level = next((_LEVELS[ch] for ch in letters if ch in _LEVELS), None)
        segments: tuple[Segment, ...] = (Segment(code, floor=float(floor or 0)),)
        if code == "D1" and i + 1 < len(tokens) and tokens[i + 1].startswith("D2"):
            segments = (Segment("D1", upper=30_000.0), Segment("D2"))
            i += 1
        alternatives.append(Alternative(segments, level, letters, verified))
        i += 1
    return tuple(alternatives)


Rounding = tuple[tuple[float, float], ...]


def _readonly(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(mapping))


def _readonly_nested(
    mapping: Mapping[str, Mapping[str, DistanceFunction]],
) -> Mapping[str, Mapping[str, DistanceFunction]]:
    return MappingProxyType({key: MappingProxyType(dict(value)) for key, value in mapping.items()})


@example_by(lambda: CriteriaSet.__dpssec_presets__()["IATG_02_20_2021"])
@attrs.frozen(eq=False)
class CriteriaSet:
    """A versioned quantity-distance criteria set (frozen data).

    Parameters
    ----------
    name : str
        Python name of the set (``"IATG_02_20_2021"``).
    title : str
        Document and edition in words.
    reference : Reference
        The document (clause empty).
    functions : mapping
        Division group (``"1.1"``, ``"1.2"``, ``"1.3"``) to D-code to function.
    cells : mapping
        ``(group, exposed-site kind, column)`` to :class:`MatrixCell`; groups are
        ``"1.1"``, ``"1.2.1"``, ``"1.2.2"``, ``"1.3"`` (propellant, AASTP-1 Table 3A / IATG
        J.1), ``"1.3B"`` (other HD 1.3, Table 3B / K.1, used for HD 1.6) and ``"1.4"``.
    table_rounding : mapping
        Group to rounding steps ``((upper [m], step [m]), ...)``: the step that applies to a
        raw distance below ``upper`` ("table" rounding).
    table_range : mapping
        Group to ``(lowest NEQ [kg] the set vouches for, caution text)``: results below it
        warn (e.g. IATG HD 1.1 below 500 kg, rows extrapolated "with extreme caution").
    table_limits : mapping
        Group to ``(lowest row [kg], highest row [kg], table name)`` of the printed table:
        NEQs outside it warn (read off a floor below, extrapolated with the formula above).
    hd12_item_neq_split : float
        Item NEQ [kg] separating HD 1.2.1 (above) from HD 1.2.2.
    notes : tuple of str
        What the set does that a reader should know (choices, printed quirks).

    The mappings are read-only and a set compares by identity: a set is a published edition,
    not a value to be edited in place (build a new one for a national variant). JSON writes
    a named set (:data:`~dpssec.arms.storage.CRITERIA_SETS`) as its name.
    """

    name: str
    title: str
    reference: Reference
    functions: Mapping[str, Mapping[str, DistanceFunction]] = attrs.field(
        converter=_readonly_nested, repr=False
    )
    cells: Mapping[tuple[str, ExposedSiteKind, str], MatrixCell] = attrs.field(
        converter=_readonly, repr=False
    )
    table_rounding: Mapping[str, Rounding] = attrs.field(converter=_readonly)
    table_range: Mapping[str, tuple[float, str]] = attrs.field(converter=_readonly, repr=False)
    hd12_item_neq_split: float
    notes: tuple[str, ...] = ()
    table_limits: Mapping[str, tuple[float, float, str]] = attrs.field(
        default={}, converter=_readonly, repr=False
    )

    def __str__(self) -> str:
        return f"{self.name} ({self.title})"

    @classmethod
    def __dpssec_presets__(cls) -> Mapping[str, CriteriaSet]:
        """The named sets (JSON writes a set as its name and reads it back as the object)."""
        from dpssec.arms.storage.criteria_sets import CRITERIA_SETS

        return CRITERIA_SETS

    def cell(self, group: str, exposed_site: ExposedSiteKind, column: str) -> MatrixCell:
        """The matrix cell for a division group, exposed-site kind and PES column."""
        try:
            return self.cells[(group, exposed_site, column)]
        except KeyError:
            raise InputError(
                f"{self.name} has no criterion for HD {group} with exposed site "
                f"{exposed_site.value!r} and PES column {column!r}"
            ) from None

    def hd12_subdivision(self, item_neq: float) -> HazardDivision:
        """HD 1.2.1 for items above the set's split NEQ per item [kg], else HD 1.2.2.

        >>> from dpssec.arms.storage import AASTP1_2006, IATG_02_20_2021
        >>> IATG_02_20_2021.hd12_subdivision(0.5).value, AASTP1_2006.hd12_subdivision(0.5).value
        ('1.2.1', '1.2.2')
        """
        if not isinstance(item_neq, int | float) or not item_neq >= 0:
            raise InputError(f"item_neq must be a non-negative number of kg; got {item_neq!r}")
        if item_neq > self.hd12_item_neq_split:
            return HazardDivision.HD_1_2_1
        return HazardDivision.HD_1_2_2

    def function(self, group: str, code: str) -> DistanceFunction:
        """The D-code function of a division group (``"1.1"``, ``"1.2"``, ``"1.3"``)."""
        return self.functions[group][code]
