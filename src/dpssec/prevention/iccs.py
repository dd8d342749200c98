"""The International Classification of Crime for Statistical Purposes (ICCS), level 1.

UNODC, ICCS version 1.0 (March 2015). The eleven level-1 sections are an enum whose values are
the two-digit codes, so that ``ICCSSection("01")`` reads a code from a data file. The level-1
titles are a secondary transcription (matched in two independent public code files); the
section-01 sub-codes used by the SDG 16.1.1 indicator were read in the OAS indicator glossary.

For example:

>>> from dpssec.prevention import ICCSSection, section_of
>>> ICCSSection("01").title
'Acts leading to death or intending to cause death'
>>> section_of("0101") is ICCSSection.DEATH
True
>>> section_of("020111").name
'HARM'
"""

from __future__ import annotations

import enum

from dpssec.errors import InputError
from dpssec.references import Reference

__all__ = [
    "ICCS_REFERENCE",
    "INTENTIONAL_HOMICIDE",
    "SERIOUS_ASSAULT",
    "TRAFFICKING_IN_PERSONS",
    "ICCSSection",
    "section_of",
]

ICCS_REFERENCE = Reference(
    "UNODC, International Classification of Crime for Statistical Purposes (ICCS)",
    "version 1.0 (March 2015)",
    "level-1 sections 01-11",
    verified=False,
    url="https://www.unodc.org/unodc/en/data-and-analysis/statistics/iccs.html",
)
"""Citation of the level-1 titles (secondary transcription, hence ``verified=False``)."""

_TITLES = {
    "01": "Acts leading to death or intending to cause death",
    "02": "Acts causing harm or intending to cause harm to the person",
    "03": "Injurious acts of a sexual nature",
    "04": "Acts against property involving violence or threat against a person",
    "05": "Acts against property only",
    "06": "Acts involving controlled psychoactive substances or other drugs",
    "07": "Acts involving fraud, deception or corruption",
    "08": "Acts against public order, authority and provisions of the State",
    "09": "Acts against public safety and state security",
    "10": "Acts against the natural environment",
    "11": "Other criminal acts not elsewhere classified",
}


class ICCSSection(enum.Enum):
    """ICCS level-1 sections; the value is the two-digit code.

    Raises
    ------
    ValueError
        ``ICCSSection("12")``: not a level-1 code (the enum's own error; :func:`section_of`
        raises :class:`~dpssec.errors.InputError` and accepts codes of any level).

    Examples
    --------
    >>> from dpssec.prevention import ICCSSection
    >>> ICCSSection("06").name, ICCSSection.DRUGS.value
    ('DRUGS', '06')
    """

    DEATH = "01"
    HARM = "02"
    SEXUAL = "03"
    PROPERTY_WITH_VIOLENCE = "04"
    PROPERTY = "05"
    DRUGS = "06"
    FRAUD_DECEPTION_CORRUPTION = "07"
    PUBLIC_ORDER = "08"
    PUBLIC_SAFETY_STATE_SECURITY = "09"
    ENVIRONMENT = "10"
    OTHER = "11"

    @property
    def title(self) -> str:
        """The section's title in ICCS 1.0."""
        return _TITLES[self.value]


INTENTIONAL_HOMICIDE = "0101"
"""ICCS code of intentional homicide, the numerator of SDG 16.1.1 (OAS IOS glossary, read)."""

SERIOUS_ASSAULT = "020111"
"""ICCS code of serious assault (OAS IOS glossary, read)."""

TRAFFICKING_IN_PERSONS = "0204"
"""ICCS code of trafficking in persons, SDG 16.2.2 (secondary: Eurostat code list)."""


def section_of(code: str) -> ICCSSection:
    """The level-1 section of an ICCS code of any level (its first two digits).

    Parameters
    ----------
    code : str
        An ICCS code of level 1 to 4 (``"01"``, ``"0101"``, ``"020111"``); surrounding spaces
        are ignored.

    Returns
    -------
    ICCSSection

    Raises
    ------
    InputError
        If the code is not made of digits or its section is not 01-11.

    Examples
    --------
    >>> from dpssec.prevention import INTENTIONAL_HOMICIDE, section_of
    >>> section_of(INTENTIONAL_HOMICIDE).title
    'Acts leading to death or intending to cause death'
    >>> section_of(" 0204 ").name
    'HARM'
    >>> section_of("12")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: ICCS code '12' is not valid: expected digits starting with a section 01-11
    """
    text = str(code).strip()
    if len(text) < 2 or not text.isdigit() or text[:2] not in _TITLES:
        raise InputError(
            f"ICCS code {code!r} is not valid: expected digits starting with a section 01-11"
        )
    return ICCSSection(text[:2])
