"""The unsentenced (pre-trial) share of the prison population, under an explicit definition.

Two definitions are in use and differ in who counts as "without sentence":

* ``"un-cts"`` (SDG 16.3.2, UNODC): unsentenced = untried or awaiting a first-instance
  decision; persons awaiting the outcome of an appeal count as **sentenced**;
* ``"wpb-remand"`` (World Prison Brief / ICPR): pre-trial or remand = not yet tried, convicted
  **or definitively sentenced**, so persons convicted but awaiting appeal or final sentence
  are included.

Pass the count awaiting appeal separately (``awaiting_appeal``) and the function applies the
chosen definition; without it both give the same number, and the result still records which
definition the figure claims to follow.

For example:

>>> from dpssec.justice import unsentenced_share
>>> s = unsentenced_share(417, 1000, awaiting_appeal=30)
>>> s.value, s.definition
(41.7, 'un-cts')
>>> unsentenced_share(417, 1000, awaiting_appeal=30, definition="wpb-remand").value
44.7
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Scale,
    calculator,
    example_by,
    not_above,
)
from dpssec.justice.boundary_rules import refuse_above
from dpssec.justice.sources import SDG_16_3_2, UNCTS_UNSENTENCED, WPB_REMAND
from dpssec.references import Reference
from dpssec.stats import Estimate, proportion

__all__ = ["UnsentencedDefinition", "UnsentencedShare", "unsentenced_share"]


class UnsentencedDefinition(enum.Enum):
    """Which detainees count as held without sentence."""

    UN_CTS = "un-cts"
    WPB_REMAND = "wpb-remand"

    @property
    def reference(self) -> Reference:
        return SDG_16_3_2 if self is UnsentencedDefinition.UN_CTS else WPB_REMAND


@example_by("unsentenced_share")
@attrs.frozen(eq=False)
class UnsentencedShare(Estimate):
    """An :class:`~dpssec.stats.Estimate` of the unsentenced share with its definition.

    Attributes
    ----------
    definition : str
        ``"un-cts"`` or ``"wpb-remand"``.
    reference : Reference
        The document defining who counts.
    """

    definition: str = "un-cts"
    reference: Reference = SDG_16_3_2

    def _columns(self) -> dict[str, Any]:
        return {**super()._columns(), "definition": self.definition}


@calculator(
    unsentenced=Count(),
    total=Count(positive=True),
    awaiting_appeal=Count(),
    definition=Choice(UnsentencedDefinition),
    multiplier=Scale(),
    confidence=Confidence(),
    method=Choice(
        ("wilson", "clopper-pearson"),
        aliases={"exact": "clopper-pearson", "beta": "clopper-pearson"},
    ),
    relations=[not_above("unsentenced", "total")],
    integers=True,
    example={"unsentenced": [200, 50], "total": [500, 1000], "awaiting_appeal": [10, 0]},
)
def unsentenced_share(
    unsentenced: Any,
    total: Any,
    *,
    definition: str | UnsentencedDefinition = "un-cts",
    awaiting_appeal: Any = 0,
    multiplier: float = 100,
    confidence: float = 0.95,
    method: str = "wilson",
    nan_policy: str = "raise",
) -> UnsentencedShare:
    """Share of persons held without sentence, in percent by default.

    Parameters
    ----------
    unsentenced : array-like
        Persons held untried or awaiting a first-instance decision on the reference date
        [persons].
    total : array-like
        All persons held on the same date [persons], > 0.
    definition : {"un-cts", "wpb-remand"}
        ``"un-cts"`` (SDG 16.3.2; default): ``awaiting_appeal`` counts as sentenced;
        ``"wpb-remand"``: ``awaiting_appeal`` is added to the numerator.
    awaiting_appeal : array-like
        Persons convicted at first instance but awaiting appeal or a definitive sentence
        [persons], 0 by default.
    multiplier : float
        100 for a percentage (default, as SDG 16.3.2 is published), 1 for a fraction.
    confidence : float
        Level of the interval (0.95 or 95).
    method : {"wilson", "clopper-pearson"}
        Interval of :func:`dpssec.stats.proportion`.
    nan_policy : {"raise", "propagate"}
        Missing counts refused (default) or carried to NaN rows with a
        :class:`~dpssec.errors.DataQualityWarning`.

    Returns
    -------
    UnsentencedShare
        An :class:`~dpssec.stats.Estimate` that also records ``definition`` and its reference;
        its per-row fields are Series for Series input.

    Raises
    ------
    InputError
        Unsentenced (plus awaiting appeal) above the total, negative counts, zero total,
        unknown definition.

    Notes
    -----
    ``share = unsentenced_on_date / total_held_on_date x 100`` (SDG 16.3.2 metadata as
    reproduced by national statistics offices; secondary). The counts are a census on one
    day, so the share itself has no sampling error. The interval treats the count as a
    binomial sample from an underlying process (the superpopulation view): it says how much
    the share could move by chance between dates or facilities of that size, which helps
    when comparing them, and it must not be reported as a margin of error of the count.

    References
    ----------
    SDG indicator 16.3.2 metadata; UNODC UN-CTS definitions; Coyle et al., *Imprisonment
    Worldwide*, ch. 3.

    Examples
    --------
    >>> from dpssec.justice import unsentenced_share
    >>> s = unsentenced_share([200, 50], [500, 1000], multiplier=1)
    >>> s.value
    array([0.4 , 0.05])
    >>> unsentenced_share(600, 500)
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'unsentenced': 1 of 1 values are greater than 'total' (first at index 0: 600.0 > 500.0)
    """
    chosen = Choice(UnsentencedDefinition).convert(definition, "definition")
    both = refuse_above(
        unsentenced + awaiting_appeal,
        total,
        "unsentenced + awaiting_appeal",
        "are greater than 'total'",
    )
    # Under UN-CTS persons awaiting appeal count as sentenced; WPB counts them as remand.
    numerator = both if chosen is UnsentencedDefinition.WPB_REMAND else unsentenced
    estimate = proportion(
        numerator, total, multiplier=multiplier, confidence=confidence, method=method
    )
    reference = chosen.reference
    if chosen is UnsentencedDefinition.UN_CTS:
        reference = reference.at(f"{reference.clause}; {UNCTS_UNSENTENCED.clause}")
    fields: dict[str, Any] = {f.name: getattr(estimate, f.name) for f in attrs.fields(Estimate)}
    return UnsentencedShare(**fields, definition=chosen.value, reference=reference)
