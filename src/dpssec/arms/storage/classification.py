"""Hazard divisions, compatibility groups and classification codes ("1.1D", "1.2.1E").

Definitions after AASTP-1 Ed.1 Ch.2 (2006) §1.2.1.2 (divisions) and §1.2.2.3 (compatibility
groups), identical in substance to the UN Model Regulations; the HD 1.2.1 / 1.2.2 split is a
parameter of each criteria set (0.71 kg per item in AASTP-1 2006, 0.136 kg in IATG 02.20:2021
Table 9), not a constant of this module.

For example:

>>> from dpssec.arms.storage.classification import parse_classification
>>> c = parse_classification("1.2.1e")
>>> c.division.value, c.group.value, str(c)
('1.2.1', 'E', '1.2.1E')
"""

from __future__ import annotations

import enum
import re

import attrs

from dpssec.errors import InputError

__all__ = [
    "VALID_GROUPS",
    "Classification",
    "CompatibilityGroup",
    "HazardDivision",
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

    @classmethod
    def parse(cls, code: str | HazardDivision) -> HazardDivision:
        """Read ``"1.1"``, ``"HD 1.2.1"`` or a member; refuse anything else with the choices.

        >>> HazardDivision.parse("HD 1.3")
        <HazardDivision.HD_1_3: '1.3'>
        """
        if isinstance(code, HazardDivision):
            return code
        if not isinstance(code, str):
            raise InputError(f"a hazard division must be a string such as '1.1'; got {code!r}")
        key = code.strip().upper().removeprefix("HD").strip()
        for member in cls:
            if member.value == key:
                return member
        if key == "1.2":
            raise InputError(
                "hazard division '1.2' must be given as '1.2.1' or '1.2.2' (AASTP-1 2006 "
                "§1.2.1.2 b): the sub-division sets the distance"
            )
        choices = ", ".join(m.value for m in cls)
        raise InputError(f"unknown hazard division {code!r}; use one of {choices}")


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
    def parse(cls, code: str | CompatibilityGroup) -> CompatibilityGroup:
        """Read ``"d"``, ``"D"`` or a member; refuse anything else with the choices.

        >>> CompatibilityGroup.parse(" s ")
        <CompatibilityGroup.S: 'S'>
        """
        if isinstance(code, CompatibilityGroup):
            return code
        if isinstance(code, str):
            key = code.strip().upper()
            for member in cls:
                if member.value == key:
                    return member
        choices = " ".join(m.value for m in cls)
        raise InputError(f"unknown compatibility group {code!r}; use one of {choices}")


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


@attrs.frozen
class Classification:
    """A classification code: hazard division plus compatibility group (``"1.1D"``)."""

    division: HazardDivision
    group: CompatibilityGroup

    def __attrs_post_init__(self) -> None:
        check_combination(self.division, self.group)

    def __str__(self) -> str:
        return f"{self.division.value}{self.group.value}"


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
        For a malformed code, an unknown division or group, a bare ``"1.2"`` division, or a
        division-group pair that does not exist (``"1.1S"``, ``"1.4A"``, ``"1.5C"``,
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
    if not isinstance(code, str):
        raise InputError(f"a classification code must be a string such as '1.1D'; got {code!r}")
    match = _CODE.match(code.upper())
    if match is None:
        raise InputError(
            f"cannot read classification code {code!r}; expected a division and a group such "
            "as '1.1D' or '1.2.1E'"
        )
    return Classification(
        HazardDivision.parse(match.group(1)), CompatibilityGroup.parse(match.group(2))
    )
