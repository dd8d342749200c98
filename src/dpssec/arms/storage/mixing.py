"""Which compatibility groups may share a building: AASTP-1 (2006) Tables 5 and 6 as data.

Table 6 (p. I-2-10) governs the mixing of *articles* in above-ground storage; Table 5 (p. I-2-9)
the mixing of *substances*. Each cell is an ``X`` (permitted), a blank (not permitted) or a
note. Every note is turned into a structured :class:`MixingRule`: a verdict, the condition the
note imposes (:class:`MixingCondition`), the group the mixture must be treated as
(``treat_as``) and the :class:`~dpssec.references.Reference` of the note.

Reading of the notes (AASTP-1 2006 Part I, Chapter 2, Section II):

* Table 6 note 1 (B with D, E, F): CG B fuzes only with the articles they will be assembled
  to; the NEQ is aggregated and treated as **CG F** -> CONDITIONAL, ``treat_as=F``.
* note 2 (F with C, D, E): same building only if **effectively segregated** -> CONDITIONAL.
* note 3 (L with L): L is stored apart from every other group **and from other types of L**
  -> CONDITIONAL (same type only).
* note 4 (G with C, D, E, F): at the discretion of the **National Competent Authority** ->
  CONDITIONAL.
* note 5 (N with C, D, E): N should not in general be stored with other groups except S; if
  it is, N is treated as **CG D** -> CONDITIONAL, ``treat_as=D``.
* note 6 (N with N): 1.6N munitions may be mixed; the set stays N for one family or
  demonstrated "compatible families", otherwise it is treated as **CG D** -> CONDITIONAL,
  ``treat_as=D`` (the fallback).
* note 7 (N with S): a mixed set of 1.6N and 1.4S may be treated as **CG N** -> PERMITTED,
  ``treat_as=N``.
* Table 5 note 1 (C, D with C, D): permitted if every substance passed **UN Test Series 3**
  -> CONDITIONAL; note 2 (L with L): as Table 6 note 3; note 3 (G with C, D): NCA discretion.

The printed Table 6 also puts note 6 on the S-S cell; note 6 speaks only of 1.6N munitions,
so S with S is read as a plain ``X`` (the note's mark is kept in ``MixingRule.note``). The
matrices are symmetric (tested). Groups absent from a table (A among articles; B, E, F, H, J,
K, N among substances) are refused rather than guessed.

IATG 02.20:2021 (footnote 18) places the mixing rules in IATG 01.50 clause 7.1, whose table the
project has not read; it is expected to match AASTP-1 Table 6 (an assumption, flagged by
:data:`IATG_01_50_MIXING`).

For example:

>>> from dpssec.arms.storage.mixing import mixing_rule
>>> rule = mixing_rule("B", "F")
>>> rule.verdict.value, rule.treat_as.value
('conditional', 'F')
>>> mixing_rule("K", "S").verdict.value
'not permitted'
"""

from __future__ import annotations

import enum

import attrs

from dpssec.arms.storage.classification import CompatibilityGroup
from dpssec.boundary import Choice, Flag, calculator, example_by
from dpssec.errors import InputError
from dpssec.references import Reference

__all__ = [
    "IATG_01_50_MIXING",
    "MixingCondition",
    "MixingRule",
    "MixingVerdict",
    "mixing_rule",
    "mixing_table",
]

_AASTP1 = Reference("AASTP-1", "Ed.1 Ch.2 (2006)", "Part I, Table 6")
_TABLE_5 = _AASTP1.at("Part I, Table 5")
_TABLE_6 = _AASTP1.at("Part I, Table 6")

IATG_01_50_MIXING = Reference(
    "IATG 01.50",
    "2nd ed. (2015)",
    "clause 7.1 (mixing rules; assumed to match AASTP-1 2006 Table 6, table not checked)",
    verified=False,
)
"""IATG 02.20:2021 footnote 18 defers mixing to IATG 01.50 clause 7.1 (content unverified)."""


class MixingVerdict(enum.Enum):
    """What a mixing table says about two compatibility groups in one building."""

    PERMITTED = "permitted"
    NOT_PERMITTED = "not permitted"
    CONDITIONAL = "conditional"


class MixingCondition(enum.Enum):
    """The condition a table note attaches to a cell (``NONE`` for a plain X or blank)."""

    NONE = "none"
    FUZES_WITH_THEIR_ARTICLES = "CG B fuzes only with the articles they will be assembled to"
    EFFECTIVE_SEGREGATION = "effective segregation to prevent propagation"
    SAME_TYPE_ONLY = "same type of CG L only"
    NCA_DISCRETION = "at the discretion of the National Competent Authority"
    N_WITH_OTHER_GROUPS = "CG N should not in general be stored with groups other than S"
    SAME_OR_COMPATIBLE_FAMILY = "same 1.6N family or demonstrated compatible families"
    UN_TEST_SERIES_3 = "every substance passed UN Test Series 3"


@example_by("mixing_rule")
@attrs.frozen
class MixingRule:
    """The answer of a mixing table for two groups.

    Attributes
    ----------
    verdict : MixingVerdict
    note : str
        The meaning of the table note that applies (empty for a plain cell).
    treat_as : CompatibilityGroup or None
        The group the mixture (or, for note 5, the CG N articles) must be treated as.
    reference : Reference
        Table and note.
    condition : MixingCondition
        The condition the note imposes.
    group_a, group_b : CompatibilityGroup or None
        The two groups, as asked.
    """

    verdict: MixingVerdict
    note: str
    treat_as: CompatibilityGroup | None
    reference: Reference
    condition: MixingCondition = MixingCondition.NONE
    group_a: CompatibilityGroup | None = None
    group_b: CompatibilityGroup | None = None

    @property
    def allowed(self) -> bool:
        """True unless the table forbids the mixture outright."""
        return self.verdict is not MixingVerdict.NOT_PERMITTED

    def __str__(self) -> str:
        pair = " + ".join(g.value for g in (self.group_a, self.group_b) if g is not None)
        text = f"{pair}: {self.verdict.value}" if pair else self.verdict.value
        if self.condition is not MixingCondition.NONE:
            text += f" ({self.condition.value})"
        if self.treat_as is not None:
            text += f", treat as CG {self.treat_as.value}"
        return f"{text} [{self.reference}]"


# Table 6, articles: the upper triangle as printed ("X", "" blank, "X1" X with note 1, "2"
# note alone; an "X" with a note and a bare note read the same: the note decides). Symmetry
# is built below and tested.
_TABLE_6_ROWS: dict[str, dict[str, str]] = {
    "B": {"B": "X", "D": "X1", "E": "X1", "F": "X1", "S": "X"},
    "C": {"C": "X", "D": "X", "E": "X", "F": "2", "G": "4", "N": "X5", "S": "X"},
    "D": {"D": "X", "E": "X", "F": "2", "G": "4", "N": "X5", "S": "X"},
    "E": {"E": "X", "F": "2", "G": "4", "N": "X5", "S": "X"},
    "F": {"F": "X", "G": "4", "S": "X"},
    "G": {"G": "X", "S": "X"},
    "H": {"H": "X", "S": "X"},
    "J": {"J": "X", "S": "X"},
    "K": {"K": "X"},
    "L": {"L": "3"},
    "N": {"N": "X6", "S": "X7"},
    "S": {"S": "X6"},
}
_TABLE_6_GROUPS = "BCDEFGHJKLNS"

# Table 5, substances (same encoding).
_TABLE_5_ROWS: dict[str, dict[str, str]] = {
    "A": {"A": "X"},
    "C": {"C": "X1", "D": "X1", "G": "3", "S": "X"},
    "D": {"D": "X1", "G": "3", "S": "X"},
    "G": {"G": "X", "S": "X"},
    "L": {"L": "2"},
    "S": {"S": "X"},
}
_TABLE_5_GROUPS = "ACDGLS"

G = CompatibilityGroup

# (condition, treat_as, verdict, meaning) of each note; the S-S cell of Table 6 is handled
# separately (see the module notes).
_TABLE_6_NOTES: dict[int, tuple[MixingCondition, CompatibilityGroup | None, MixingVerdict, str]] = {
    1: (
        MixingCondition.FUZES_WITH_THEIR_ARTICLES,
        G.F,
        MixingVerdict.CONDITIONAL,
        "CG B fuzes may be stored with the articles to which they will be assembled, but the "
        "NEQ must be aggregated and treated as CG F",
    ),
    2: (
        MixingCondition.EFFECTIVE_SEGREGATION,
        None,
        MixingVerdict.CONDITIONAL,
        "storage in the same building is permitted if effectively segregated to prevent "
        "propagation",
    ),
    3: (
        MixingCondition.SAME_TYPE_ONLY,
        None,
        MixingVerdict.CONDITIONAL,
        "CG L is stored separately from all other groups and from different types of CG L",
    ),
    4: (
        MixingCondition.NCA_DISCRETION,
        None,
        MixingVerdict.CONDITIONAL,
        "mixing CG G with other groups is at the discretion of the National Competent Authority",
    ),
    5: (
        MixingCondition.N_WITH_OTHER_GROUPS,
        G.D,
        MixingVerdict.CONDITIONAL,
        "CG N should not in general be stored with other groups except S; if stored with C, D "
        "or E, the CG N articles are treated as CG D",
    ),
    6: (
        MixingCondition.SAME_OR_COMPATIBLE_FAMILY,
        G.D,
        MixingVerdict.CONDITIONAL,
        "1.6N munitions may be mixed; the set stays CG N if of one family or of demonstrated "
        "compatible families (no instant transmission), otherwise it is treated as CG D",
    ),
    7: (
        MixingCondition.NONE,
        G.N,
        MixingVerdict.PERMITTED,
        "a mixed set of 1.6N and 1.4S munitions may be treated as CG N",
    ),
}

_TABLE_5_NOTES: dict[int, tuple[MixingCondition, CompatibilityGroup | None, MixingVerdict, str]] = {
    1: (
        MixingCondition.UN_TEST_SERIES_3,
        None,
        MixingVerdict.CONDITIONAL,
        "permitted if all substances passed UN Test Series 3; failures need review by the "
        "National Competent Authority",
    ),
    2: (
        MixingCondition.SAME_TYPE_ONLY,
        None,
        MixingVerdict.CONDITIONAL,
        "CG L substances are kept separate from all others, including other types of CG L",
    ),
    3: (
        MixingCondition.NCA_DISCRETION,
        None,
        MixingVerdict.CONDITIONAL,
        "mixing CG G with other groups is at the discretion of the National Competent Authority",
    ),
}


def _build(
    rows: dict[str, dict[str, str]],
    groups: str,
    notes: dict[int, tuple[MixingCondition, CompatibilityGroup | None, MixingVerdict, str]],
    reference: Reference,
) -> dict[tuple[CompatibilityGroup, CompatibilityGroup], MixingRule]:
    table: dict[tuple[CompatibilityGroup, CompatibilityGroup], MixingRule] = {}
    for a in groups:
        for b in groups:
            printed = rows.get(a, {}).get(b, rows.get(b, {}).get(a, ""))
            ga, gb = G(a), G(b)
            number = int(printed.lstrip("X")) if printed.lstrip("X") else 0
            if printed == "":
                rule = MixingRule(
                    MixingVerdict.NOT_PERMITTED,
                    "blank cell: mixing not permitted",
                    None,
                    reference,
                    group_a=ga,
                    group_b=gb,
                )
            elif number == 0 or (a == b == "S" and reference is _TABLE_6):
                mark = f"printed with note {number}, which concerns 1.6N only" if number else ""
                rule = MixingRule(
                    MixingVerdict.PERMITTED, mark, None, reference, group_a=ga, group_b=gb
                )
            else:
                condition, treat_as, verdict, meaning = notes[number]
                rule = MixingRule(
                    verdict,
                    meaning,
                    treat_as,
                    reference.at(f"{reference.clause}, note {number}"),
                    condition,
                    group_a=ga,
                    group_b=gb,
                )
            table[(ga, gb)] = rule
    return table


_ARTICLES = _build(_TABLE_6_ROWS, _TABLE_6_GROUPS, _TABLE_6_NOTES, _TABLE_6)
_SUBSTANCES = _build(_TABLE_5_ROWS, _TABLE_5_GROUPS, _TABLE_5_NOTES, _TABLE_5)


@calculator(
    group_a=Choice(CompatibilityGroup),
    group_b=Choice(CompatibilityGroup),
    substances=Flag(),
    example={"group_a": "B", "group_b": "F"},
)
def mixing_rule(
    group_a: CompatibilityGroup | str,
    group_b: CompatibilityGroup | str,
    *,
    substances: bool = False,
) -> MixingRule:
    """May articles (or substances) of two compatibility groups share a building?

    Parameters
    ----------
    group_a, group_b : CompatibilityGroup or str
        Compatibility groups (``"D"``, ``CompatibilityGroup.F``).
    substances : bool
        Read AASTP-1 Table 5 (substances) instead of Table 6 (articles).

    Returns
    -------
    MixingRule
        Verdict, the note's meaning, ``treat_as`` and the reference of the cell or note.

    Raises
    ------
    InputError
        For an unknown group, or a group the table does not list (A among articles; B, E, F,
        H, J, K, N among substances).

    Notes
    -----
    The tables are symmetric; the answer does not depend on the order of the two groups.

    References
    ----------
    AASTP-1 Ed.1 Ch.2 (2006), Part I, Tables 5 and 6 and their notes.

    Examples
    --------
    >>> from dpssec.arms.storage.mixing import mixing_rule
    >>> print(mixing_rule("N", "D"))
    N + D: conditional (CG N should not in general be stored with groups other than S), treat as CG D [AASTP-1 Ed.1 Ch.2 (2006), Part I, Table 6, note 5]
    >>> mixing_rule("C", "D", substances=True).condition.value
    'every substance passed UN Test Series 3'
    """
    a, b = CompatibilityGroup(group_a), CompatibilityGroup(group_b)  # parsed by the specs
    table, listed, name = (
        (_SUBSTANCES, _TABLE_5_GROUPS, "Table 5 (substances)")
        if substances
        else (_ARTICLES, _TABLE_6_GROUPS, "Table 6 (articles)")
    )
    for group in (a, b):
        if group.value not in listed:
            raise InputError(
                f"compatibility group {group.value} is not in AASTP-1 (2006) {name}, which "
                f"lists {' '.join(listed)}"
                + ("; use substances=True for CG A" if group is G.A and not substances else "")
            )
    return table[(a, b)]


@calculator(substances=Flag(), example={"substances": True})
def mixing_table(*, substances: bool = False) -> dict[tuple[str, str], MixingVerdict]:
    """The whole matrix as ``{("B", "D"): verdict, ...}`` (for display and tests).

    Examples
    --------
    >>> from dpssec.arms.storage.mixing import mixing_table
    >>> len(mixing_table()), len(mixing_table(substances=True))
    (144, 36)
    """
    table = _SUBSTANCES if substances else _ARTICLES
    return {(a.value, b.value): rule.verdict for (a, b), rule in table.items()}
