"""Sources and counting presets for casualties, victims and risk education (data, no formulas).

Every casualty, victim-assistance and risk-education result cites one of the references below.
The counting rules the project could not read in a primary text are named, overridable presets
flagged ``verified=False``, and every result computed with them says so:

* :data:`CHILD_UNDER_18`: a casualty or beneficiary is a child below 18 years of age (the cut
  the Landmine Monitor's child figures are understood to use; not read in a primary text);
* :data:`UNIQUE_PERSONS_WHERE_KNOWN` and :data:`ATTENDANCES_ONLY`: how people reached by
  explosive ordnance risk education (EORE) are counted across sessions (TNMA 05.10/01
  *Measurement and reporting of beneficiaries* exists but has not been read);
* :data:`EORE_BENEFICIARY_GROUPS`: girls, boys, women and men (IMAS 12.10, secondary) split at
  :data:`CHILD_UNDER_18`.

For example:

>>> from dpssec.mines.casualty_sources import CHILD_UNDER_18
>>> CHILD_UNDER_18.is_child([7, 17.9, 18, 45]).tolist()
[True, True, False, False]
>>> CHILD_UNDER_18.verified
False
>>> from dpssec.mines.casualty_sources import ChildAgeRule
>>> national = ChildAgeRule("under 15 (national rule)", 15,
...                         CHILD_UNDER_18.reference.at("a national rule"))
>>> national.is_child([14, 15]).tolist()
[True, False]
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.boundary import example_by
from dpssec.references import Reference

__all__ = [
    "ATTENDANCES_ONLY",
    "CHILD_AGE_RULES",
    "CHILD_UNDER_18",
    "EORE_BENEFICIARY_GROUPS",
    "GICHD_MDR",
    "IMAS_12_10",
    "IMAS_13_10",
    "IMSMA_INFORMATION_MODEL",
    "LANDMINE_MONITOR_CASUALTIES",
    "LANDMINE_MONITOR_CHILDREN",
    "LANDMINE_MONITOR_REVISIONS",
    "MINE_BAN_CONVENTION_ARTICLE_7",
    "REACH_COUNTING_RULES",
    "REACH_RULE_ALIASES",
    "TNMA_05_10_01",
    "UNIQUE_PERSONS_WHERE_KNOWN",
    "BeneficiaryGroups",
    "ChildAgeRule",
    "ReachCountingRule",
]

# -- documents ------------------------------------------------------------------------------

IMAS_13_10 = Reference(
    "IMAS 13.10",
    "Ed. 1, Amd 1 (latest amendment 17 Jan 2023)",
    "victim assistance in mine action: victims include persons killed or injured and affected "
    "families and communities; the sector identifies and refers",
    verified=False,
    url="https://www.mineactionstandards.org/",
)
"""IMAS 13.10 *Victim assistance in mine action* (edition and the notion of "victim" seen only in
secondary sources, e.g. Lebanon NMAS 13.10 ed. 2.1, 2020)."""

IMAS_12_10 = Reference(
    "IMAS 12.10",
    "2nd ed. (1 Apr 2010), Amd 3 (Sept 2020)",
    "explosive ordnance risk education for women, girls, boys and men",
    verified=False,
    url="https://www.mineactionstandards.org/",
)
"""IMAS 12.10 *Explosive ordnance risk education* (renamed from mine risk education by
Amendment 3; seen in secondary sources)."""

TNMA_05_10_01 = Reference(
    "TNMA 05.10/01",
    "not read",
    "measurement and reporting of beneficiaries (categories and double counting)",
    verified=False,
)
"""Technical note for mine action on beneficiaries: known to exist, text not read."""

LANDMINE_MONITOR_CASUALTIES = Reference(
    "Landmine Monitor",
    "2019",
    "Casualties chapter: totals as killed + injured + unknown; civilian share 'where the status "
    "was known'",
    url="https://archives2.the-monitor.org/en-gb/reports/2019/landmine-monitor-2019/casualties.aspx",
)
"""The Landmine Monitor's casualty counting (shares over casualties of known status)."""

LANDMINE_MONITOR_CHILDREN = Reference(
    "Landmine Monitor",
    "casualty FAQ (2017 data)",
    "child casualties as a share of civilian casualties for whom the age was known",
    url=(
        "http://www.the-monitor.org/en-gb/the-issues/faqs/casualties/"
        "who-was-injured-or-killed-by-mines,-cluster-munitions-and-other-erw-in-2012.aspx"
    ),
)
"""The Monitor's child share: children among civilian casualties of known age."""

LANDMINE_MONITOR_REVISIONS = Reference(
    "Landmine Monitor",
    "2018",
    "Casualties chapter: totals of earlier years are updated as late reports arrive (the "
    "2016 total first published as 8,605, updated to 9,437)",
    url="https://archives2.the-monitor.org/en-gb/reports/2018/landmine-monitor-2018/casualties.aspx",
)
"""Published totals are revised in later editions: store the edition with every total."""

MINE_BAN_CONVENTION_ARTICLE_7 = Reference(
    "Convention on the Prohibition of Anti-Personnel Mines",
    "1997",
    "Article 7 (transparency measures); Article 5 (destruction in mined areas); Article 6.3 "
    "(assistance for mine victims)",
)
"""The treaty whose annual transparency reports the Article 7-style summary follows."""

GICHD_MDR = Reference(
    "GICHD Minimum Data Requirements",
    "draft (GICHD/mdr)",
    "accident (date, device category, demining or not), victim (gender, killed/injured, "
    "activity, tampering), risk education (date, organisation, delivery method, beneficiaries)",
    url="https://github.com/GICHD/mdr",
)
"""The GICHD's proposed minimum data for accidents, victims and risk education."""

IMSMA_INFORMATION_MODEL = Reference(
    "GICHD IMSMA NG wiki",
    "'Understanding IMSMA Information Model' (2012-2019)",
    "items Accident, Victim, Assistance, Education activity",
)
"""The IMSMA items the models mirror."""


# -- presets --------------------------------------------------------------------------------


@example_by(lambda: CHILD_UNDER_18)
@attrs.frozen
class ChildAgeRule:
    """Who counts as a child: a person whose age in years is below ``under``.

    Attributes
    ----------
    name : str
    under : float
        Age [years] from which a person is an adult.
    reference : Reference
        Where the cut comes from; ``verified=False`` for a cut not read in a primary text.

    Examples
    --------
    >>> from dpssec.mines.casualty_sources import CHILD_UNDER_18
    >>> CHILD_UNDER_18.is_child(12.5)
    True
    """

    name: str
    under: float = attrs.field(converter=float)
    reference: Reference

    @property
    def verified(self) -> bool:
        return self.reference.verified

    def is_child(self, age: Any) -> Any:
        """True where ``age`` [years] is below the cut (a bool for one age, else an array)."""
        result = np.asarray(age, dtype=float) < self.under
        return bool(result) if result.ndim == 0 else result

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})"


CHILD_UNDER_18: ChildAgeRule = ChildAgeRule(
    "child: under 18 years",
    18,
    Reference(
        "Landmine Monitor",
        "casualty data (children disaggregated since 2005)",
        "child = under 18 years of age",
        verified=False,
    ),
)
"""Children are casualties or beneficiaries under 18 (unverified; override with a
:class:`ChildAgeRule` of your own)."""


@example_by(lambda: UNIQUE_PERSONS_WHERE_KNOWN)
@attrs.frozen
class ReachCountingRule:
    """How people reached by risk education are counted across sessions.

    Attributes
    ----------
    name : str
    basis : {"unique_persons", "attendances"}
        ``"unique_persons"``: people reached are the sum of the sessions' first-time attendees,
        wherever every session of a group reports them; a group where some session does not is
        reported on the attendances basis, labelled as such (never a mix of the two).
        ``"attendances"``: people present at each session, summed (a person at three sessions
        counts three times).
    reference : Reference

    Examples
    --------
    >>> from dpssec.mines.casualty_sources import UNIQUE_PERSONS_WHERE_KNOWN
    >>> UNIQUE_PERSONS_WHERE_KNOWN.basis, UNIQUE_PERSONS_WHERE_KNOWN.verified
    ('unique_persons', False)
    """

    name: str
    basis: str = attrs.field(validator=attrs.validators.in_(("unique_persons", "attendances")))
    reference: Reference

    @property
    def verified(self) -> bool:
        return self.reference.verified


UNIQUE_PERSONS_WHERE_KNOWN: ReachCountingRule = ReachCountingRule(
    "unique persons where every session reports them, else attendances (labelled)",
    "unique_persons",
    TNMA_05_10_01,
)
"""Default EORE counting rule (unverified: TNMA 05.10/01 not read)."""

ATTENDANCES_ONLY = ReachCountingRule("attendances", "attendances", TNMA_05_10_01)
"""Count attendances only (what many operators report; overcounts repeat attendees)."""

REACH_COUNTING_RULES: dict[str, ReachCountingRule] = {
    "unique_persons_where_known": UNIQUE_PERSONS_WHERE_KNOWN,
    "attendances": ATTENDANCES_ONLY,
}
"""The reach counting rules by name: ``rule="attendances"`` is :data:`ATTENDANCES_ONLY`."""

REACH_RULE_ALIASES = {
    "unique_persons": "unique_persons_where_known",
    "unique": "unique_persons_where_known",
    "attendances_only": "attendances",
}
"""Other spellings of the rules' names."""

CHILD_AGE_RULES: dict[str, ChildAgeRule] = {"under_18": CHILD_UNDER_18}
"""The child age rules by name: ``child_rule="under_18"`` is :data:`CHILD_UNDER_18`."""


@example_by(lambda: EORE_BENEFICIARY_GROUPS)
@attrs.frozen
class BeneficiaryGroups:
    """The sex and age groups of risk-education beneficiaries.

    Attributes
    ----------
    names : tuple of str
        The groups, in the order used by tables.
    child_rule : ChildAgeRule
        The age that separates girls and boys from women and men.
    reference : Reference

    Examples
    --------
    >>> from dpssec.mines.casualty_sources import EORE_BENEFICIARY_GROUPS
    >>> EORE_BENEFICIARY_GROUPS.names
    ('girls', 'boys', 'women', 'men')
    """

    names: tuple[str, ...]
    child_rule: ChildAgeRule
    reference: Reference

    @property
    def verified(self) -> bool:
        return self.reference.verified and self.child_rule.verified


EORE_BENEFICIARY_GROUPS: BeneficiaryGroups = BeneficiaryGroups(
    ("girls", "boys", "women", "men"),
    CHILD_UNDER_18,
    IMAS_12_10.at(
        "women, girls, boys and men (the TNMA 05.10/01 categories and age bands are unverified)"
    ),
)
"""Girls, boys, women and men (IMAS 12.10, secondary), split at :data:`CHILD_UNDER_18`."""
