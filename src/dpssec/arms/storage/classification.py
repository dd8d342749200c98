"""Hazard divisions, compatibility groups and classification codes ("1.1D", "1.2.1E").

Definitions after AASTP-1 Ed.1 Ch.2 (2006) §1.2.1.2 (divisions) and §1.2.2.3 (compatibility
groups), identical in substance to the UN Model Regulations; the HD 1.2.1 / 1.2.2 split is a
parameter of each criteria set (0.71 kg per item in AASTP-1 2006, 0.136 kg in IATG 02.20:2021
Table 9), not a constant of this module.

Each division belongs to a *table group*, the key of the quantity-distance tables it is read
from (:data:`TABLE_GROUPS`, :attr:`HazardDivision.table_group`): HD 1.5 is read as HD 1.1,
HD 1.6 by its own rule (AASTP-1 2006 §1.3.8.3) from the HD 1.1 and HD 1.3 tables.

For example:

>>> from dpssec.arms.storage.classification import HazardDivision, parse_classification
>>> c = parse_classification("1.2.1e")
>>> c.division.value, c.group.value, str(c)
('1.2.1', 'E', '1.2.1E')
>>> HazardDivision.parse("HD 1.5").table_group, TABLE_GROUPS["1.2.1"].functions
('1.1', '1.2')
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from dpssec.boundary import (
    Choice,
    Text,
    calculator,
    example_by,
    parse_choice,
    register_aliases,
)
from dpssec.errors import InputError

__all__ = [
    "TABLE_GROUPS",
    "VALID_GROUPS",
    "Classification",
    "CompatibilityGroup",
    "HazardDivision",
    "StockAttribute",
    "TableGroup",
    "check_combination",
    "parse_classification",
]


class HazardDivision(enum.Enum):
    """UN hazard divisions of Class 1 as used for storage (with the HD 1.2 sub-divisions)."""

    HD_1_1 = "1.1"
    HD_1_2_1 = "1.2.1"
    HD_1_2_2 = "1.2.2"
    HD_1_3 = "1.3"
    HD_1_4 = "1.4"
    HD_1_5 = "1.5"
    HD_1_6 = "1.6"

    @property
    def definition(self) -> str:
        """What the division means (AASTP-1 2006 §1.2.1.2)."""
        return _HD_DEFINITIONS[self]

    @property
    def table_group(self) -> str:
        """The key of the quantity-distance tables the division is read from.

        ``"1.1"`` for HD 1.1 and HD 1.5 (treated as HD 1.1 for storage, AASTP-1 2006
        §1.2.1.2 e), ``"1.6"`` for HD 1.6 (its own rule), otherwise the division itself; see
        :data:`TABLE_GROUPS` for what each group reads.
        """
        return "1.1" if self is HazardDivision.HD_1_5 else str(self.value)

    @classmethod
    def parse(cls, code: str | HazardDivision, name: str = "division") -> HazardDivision:
        """Read ``"1.1"``, ``"HD 1.2.1"`` or a member (:func:`~dpssec.boundary.parse_choice`).

        >>> HazardDivision.parse("HD 1.3")
        <HazardDivision.HD_1_3: '1.3'>
        """
        parsed: HazardDivision = parse_choice(code, cls, name)
        return parsed


_HD_DEFINITIONS = {
    HazardDivision.HD_1_1: "mass explosion hazard",
    HazardDivision.HD_1_2_1: (
        "projection hazard, no mass explosion; items with fragments of considerable range "
        "(larger HE items)"
    ),
    HazardDivision.HD_1_2_2: (
        "projection hazard, no mass explosion; smaller HE items and non-HE items "
        "(inert-projectile cartridges, pyrotechnics, rocket motors)"
    ),
    HazardDivision.HD_1_3: (
        "fire hazard with minor blast or projection hazard or both, no mass explosion"
    ),
    HazardDivision.HD_1_4: "no significant hazard; effects largely confined to the package",
    HazardDivision.HD_1_5: (
        "very insensitive substances with a mass explosion hazard (treated as HD 1.1 for storage)"
    ),
    HazardDivision.HD_1_6: "extremely insensitive articles with no mass explosion hazard",
}


register_aliases(
    HazardDivision,
    {
        f"{prefix}{member.value}": member
        for member in HazardDivision
        for prefix in ("HD ", "HD", "Division ")
    },
    hints={
        "1.2": "give '1.2.1' or '1.2.2' (AASTP-1 2006 §1.2.1.2 b): the sub-division sets the "
        "distance",
        "HD 1.2": "give '1.2.1' or '1.2.2' (AASTP-1 2006 §1.2.1.2 b): the sub-division sets the "
        "distance",
    },
)


@attrs.frozen
class TableGroup:
    """What one table group of the quantity-distance criteria reads.

    Attributes
    ----------
    name : str
        The group: the matrix key of a criteria set (``"1.1"``, ``"1.2.1"``, ``"1.2.2"``,
        ``"1.3"``, ``"1.3B"``, ``"1.4"``) or ``"1.6"`` (read from the ``"1.1"`` and ``"1.3B"``
        matrices by the HD 1.6 rule).
    functions : str
        The D-code family of its formulas (``"1.1"``, ``"1.2"``, ``"1.3"``; ``""`` where the
        group has no D-codes of its own).
    rounding : str
        The key of the printed-table rounding steps that apply.
    tables : str
        The key of the set's table range and limits (the NEQs its tables vouch for).
    """

    name: str
    functions: str
    rounding: str
    tables: str


TABLE_GROUPS: Mapping[str, TableGroup] = MappingProxyType(
    {
        "1.1": TableGroup("1.1", "1.1", "1.1", "1.1"),
        "1.2.1": TableGroup("1.2.1", "1.2", "1.2", "1.2"),
        "1.2.2": TableGroup("1.2.2", "1.2", "1.2", "1.2"),
        "1.3": TableGroup("1.3", "1.3", "1.3", "1.3"),
        # HD 1.3 other than propellant (AASTP-1 Table 3B / IATG K.1), used by the HD 1.6 rule
        "1.3B": TableGroup("1.3B", "1.3", "1.3", "1.3"),
        "1.4": TableGroup("1.4", "", "1.4", "1.4"),
        # HD 1.6: the greater of one munition under HD 1.1 and the total under Table 3B;
        # rounded and range-checked as HD 1.1
        "1.6": TableGroup("1.6", "", "1.1", "1.1"),
    }
)
"""The one table of division groups: formulas, rounding steps and table ranges of each."""


class CompatibilityGroup(enum.Enum):
    """The thirteen compatibility groups (AASTP-1 2006 §1.2.2.3)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"
    H = "H"
    J = "J"
    K = "K"
    L = "L"
    N = "N"
    S = "S"

    @property
    def definition(self) -> str:
        """What the group contains (AASTP-1 2006 §1.2.2.3)."""
        return _CG_DEFINITIONS[self]

    @classmethod
    def parse(cls, code: str | CompatibilityGroup, name: str = "group") -> CompatibilityGroup:
        """Read ``"d"``, ``"CG D"`` or a member (:func:`~dpssec.boundary.parse_choice`).

        >>> CompatibilityGroup.parse(" s ")
        <CompatibilityGroup.S: 'S'>
        """
        parsed: CompatibilityGroup = parse_choice(code, cls, name)
        return parsed


_CG_DEFINITIONS = {
    CompatibilityGroup.A: "primary explosive substance",
    CompatibilityGroup.B: (
        "article containing a primary explosive and not containing two or more effective "
        "protective features"
    ),
    CompatibilityGroup.C: (
        "propellant or other deflagrating explosive substance, or article containing it"
    ),
    CompatibilityGroup.D: (
        "secondary detonating explosive or black powder, or article containing it, without "
        "means of initiation and propelling charge; or article with primary explosive and two "
        "or more effective protective features"
    ),
    CompatibilityGroup.E: (
        "article with secondary detonating explosive, without means of initiation, with "
        "propelling charge (other than one containing flammable liquid or gel or hypergolic "
        "liquids)"
    ),
    CompatibilityGroup.F: (
        "article with secondary detonating explosive with its own means of initiation, with "
        "or without propelling charge"
    ),
    CompatibilityGroup.G: (
        "pyrotechnic substance or article, illuminating, incendiary, tear- or smoke-producing "
        "(other than water-activated or containing white phosphorus, phosphides, pyrophoric "
        "substances, flammable liquid or gel, or hypergolic liquids)"
    ),
    CompatibilityGroup.H: "article containing explosive substance and white phosphorus",
    CompatibilityGroup.J: "article containing explosive substance and flammable liquid or gel",
    CompatibilityGroup.K: "article containing explosive substance and a toxic chemical agent",
    CompatibilityGroup.L: (
        "explosive substance or article presenting a special risk (water-activated, hypergolic "
        "liquids, phosphides or pyrophoric substances); each type to be isolated"
    ),
    CompatibilityGroup.N: "articles containing only extremely insensitive detonating substances",
    CompatibilityGroup.S: (
        "substance or article whose hazardous effects are confined within the package unless "
        "the package has been degraded by fire"
    ),
}


register_aliases(
    CompatibilityGroup,
    {
        f"{prefix}{member.value}": member
        for member in CompatibilityGroup
        for prefix in ("CG ", "CG")
    },
)


class StockAttribute(enum.Enum):
    """Properties of a stock that change how a mixture is aggregated (AASTP-1 Table 4 notes)."""

    SHAPED_CHARGES = "shaped_charges"
    """HD 1.2 shaped charges present (note 2 a)."""
    HIGH_ENERGY_PROPELLANT = "high_energy_propellant"
    """High-energy propellant, e.g. some tank-gun rounds (note 2 b)."""
    HEAVY_CONFINEMENT = "heavy_confinement"
    """HD 1.3 at high loading density under relatively heavy confinement (note 2 c)."""
    MIXTURE_DEMONSTRATED = "mixture_demonstrated"
    """The division of a 1.6 mixture is demonstrated by testing or analogy (note 3)."""


def _groups(letters: str) -> frozenset[CompatibilityGroup]:
    return frozenset(CompatibilityGroup(letter) for letter in letters)


_ALL = "ABCDEFGHJKLNS"

#: Compatibility groups that can occur with each hazard division. Encoded rules: CG A
#: (primary explosive substances) only in HD 1.1; CG N (extremely insensitive articles) only
#: in HD 1.6 and HD 1.6 only with N (AASTP-1 2006 §1.2.2.3, arms.md §7.1); CG S only in
#: HD 1.4, and HD 1.4 only with B, C, D, E, F, G or S; HD 1.5 only with D (UN Model
#: Regulations 2.1.2.4, the list of classification codes; not transcribed in the project's
#: reference, so the list's finer exclusions -- e.g. no 1.1H, 1.1K or 1.3D in the UN list --
#: are NOT enforced here).
VALID_GROUPS: dict[HazardDivision, frozenset[CompatibilityGroup]] = {
    HazardDivision.HD_1_1: _groups(_ALL.replace("N", "").replace("S", "")),
    HazardDivision.HD_1_2_1: _groups(_ALL.replace("A", "").replace("N", "").replace("S", "")),
    HazardDivision.HD_1_2_2: _groups(_ALL.replace("A", "").replace("N", "").replace("S", "")),
    HazardDivision.HD_1_3: _groups(_ALL.replace("A", "").replace("N", "").replace("S", "")),
    HazardDivision.HD_1_4: _groups("BCDEFGS"),
    HazardDivision.HD_1_5: _groups("D"),
    HazardDivision.HD_1_6: _groups("N"),
}


def check_combination(division: HazardDivision, group: CompatibilityGroup) -> None:
    """Refuse a division-group pair that no classification code has (see :data:`VALID_GROUPS`).

    Raises
    ------
    InputError
        Naming the groups valid for the division, e.g. for ``1.1S``.

    Examples
    --------
    >>> from dpssec.arms.storage.classification import (
    ...     CompatibilityGroup, HazardDivision, check_combination)
    >>> check_combination(HazardDivision.HD_1_1, CompatibilityGroup.S)
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: classification 1.1S does not exist: HD 1.1 takes CG A, B, C, D, E, F, G, H, J, K, L (CG S occurs only in HD 1.4)
    """
    valid = VALID_GROUPS[division]
    if group in valid:
        return
    homes = [d.value for d, groups in VALID_GROUPS.items() if group in groups]
    letters = ", ".join(sorted(g.value for g in valid))
    raise InputError(
        f"classification {division.value}{group.value} does not exist: HD {division.value} "
        f"takes CG {letters} (CG {group.value} occurs only in HD {' or '.join(homes)})"
    )


_CODE = re.compile(r"^\s*(?:HD\s*)?(1\.[1-6](?:\.[12])?)\s*([A-Za-z])\s*$")


@example_by("parse_classification")
@attrs.frozen
class Classification:
    """A classification code: hazard division plus compatibility group (``"1.1D"``)."""

    division: HazardDivision = Choice(HazardDivision).field()
    group: CompatibilityGroup = Choice(CompatibilityGroup).field()

    def __attrs_post_init__(self) -> None:
        check_combination(self.division, self.group)

    def __str__(self) -> str:
        return f"{self.division.value}{self.group.value}"


@calculator(code=Text(), example={"code": "1.2.1E"})
def parse_classification(code: str) -> Classification:
    """Parse a classification code such as ``"1.1D"``, ``"1.2.1E"`` or ``"HD 1.4S"``.

    Parameters
    ----------
    code : str
        Division followed by the compatibility-group letter; case and spaces are ignored.

    Returns
    -------
    Classification

    Raises
    ------
    InputError
        For text that is not a code, an unknown division or group, a bare ``"1.2"`` division,
        or a division-group pair that does not exist (``"1.1S"``, ``"1.4A"``, ``"1.5C"``,
        ``"1.6D"``; see :data:`VALID_GROUPS`).

    Examples
    --------
    >>> from dpssec.arms.storage.classification import parse_classification
    >>> str(parse_classification("hd 1.4 s"))
    '1.4S'
    >>> parse_classification("1.7D")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: cannot read classification code '1.7D'; expected a division and a group such as '1.1D' or '1.2.1E'
    """
    match = _CODE.match(code.upper())
    if match is None:
        raise InputError(
            f"cannot read classification code {code!r}; expected a division and a group such "
            "as '1.1D' or '1.2.1E'"
        )
    return Classification(
        HazardDivision.parse(match.group(1)), CompatibilityGroup.parse(match.group(2))
    )
