"""The 35 member states of the Organization of American States (OAS).

Codes are ISO 3166-1 (alpha-2, alpha-3, numeric); names in English and Spanish; subregions are
the four the Department of Public Security reports by: North America (Canada, Mexico, United
States), Central America (the seven isthmus states), the Caribbean and South America. Note that
the UN M49 scheme puts Mexico in Central America and Guyana and Suriname are CARICOM members
while lying in South America: dpssec follows geography here and says so.

Cuba is listed because it remains a member state (its 1962 exclusion was lifted in 2009; it has
not resumed participation). Venezuela's 2017 denunciation of the OAS Charter is disputed by its
National Assembly's representation, and the Organization still lists 35 states.

For example:

>>> from dpssec.countries import MEMBER_STATES, member_state
>>> len(MEMBER_STATES)
35
>>> member_state("col").name_es
'Colombia'
>>> member_state("MEX").alpha2, member_state("mx").alpha3
('MX', 'MEX')
>>> member_state("COK")
Traceback (most recent call last):
...
dpssec.errors.InputError: 'COK' is not the ISO 3166 code of an OAS member state; closest: COL, ...
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from dpssec.errors import InputError

__all__ = ["MEMBER_STATES", "MemberState", "Subregion", "member_state", "member_states"]


class Subregion(enum.Enum):
    """The four subregions dpssec groups member states by."""

    NORTH_AMERICA = "North America"
    CENTRAL_AMERICA = "Central America"
    CARIBBEAN = "Caribbean"
    SOUTH_AMERICA = "South America"


@attrs.frozen
class MemberState:
    """An OAS member state.

    Attributes
    ----------
    alpha2, alpha3 : str
        ISO 3166-1 alpha-2 and alpha-3 codes (upper case).
    numeric : str
        ISO 3166-1 numeric code (three digits, as a string).
    name_en, name_es : str
        Short names in English and Spanish.
    subregion : Subregion
    """

    alpha2: str
    alpha3: str
    numeric: str
    name_en: str
    name_es: str
    subregion: Subregion

    def __str__(self) -> str:
        return f"{self.name_en} ({self.alpha3})"


_N, _C, _K, _S = (
    Subregion.NORTH_AMERICA,
    Subregion.CENTRAL_AMERICA,
    Subregion.CARIBBEAN,
    Subregion.SOUTH_AMERICA,
)

_ROWS: tuple[tuple[str, str, str, str, str, Subregion], ...] = (
    ("AG", "ATG", "028", "Antigua and Barbuda", "Antigua y Barbuda", _K),
    ("AR", "ARG", "032", "Argentina", "Argentina", _S),
    ("BS", "BHS", "044", "Bahamas", "Bahamas", _K),
    ("BB", "BRB", "052", "Barbados", "Barbados", _K),
    ("BZ", "BLZ", "084", "Belize", "Belice", _C),
    ("BO", "BOL", "068", "Bolivia", "Bolivia", _S),
    ("BR", "BRA", "076", "Brazil", "Brasil", _S),
    ("CA", "CAN", "124", "Canada", "Canadá", _N),
    ("CL", "CHL", "152", "Chile", "Chile", _S),
    ("CO", "COL", "170", "Colombia", "Colombia", _S),
    ("CR", "CRI", "188", "Costa Rica", "Costa Rica", _C),
    ("CU", "CUB", "192", "Cuba", "Cuba", _K),
    ("DM", "DMA", "212", "Dominica", "Dominica", _K),
    ("DO", "DOM", "214", "Dominican Republic", "República Dominicana", _K),
    ("EC", "ECU", "218", "Ecuador", "Ecuador", _S),
    ("SV", "SLV", "222", "El Salvador", "El Salvador", _C),
    ("GD", "GRD", "308", "Grenada", "Granada", _K),
    ("GT", "GTM", "320", "Guatemala", "Guatemala", _C),
    ("GY", "GUY", "328", "Guyana", "Guyana", _S),
    ("HT", "HTI", "332", "Haiti", "Haití", _K),
    ("HN", "HND", "340", "Honduras", "Honduras", _C),
    ("JM", "JAM", "388", "Jamaica", "Jamaica", _K),
    ("MX", "MEX", "484", "Mexico", "México", _N),
    ("NI", "NIC", "558", "Nicaragua", "Nicaragua", _C),
    ("PA", "PAN", "591", "Panama", "Panamá", _C),
    ("PY", "PRY", "600", "Paraguay", "Paraguay", _S),
    ("PE", "PER", "604", "Peru", "Perú", _S),
    ("KN", "KNA", "659", "Saint Kitts and Nevis", "San Cristóbal y Nieves", _K),
    ("LC", "LCA", "662", "Saint Lucia", "Santa Lucía", _K),
    ("VC", "VCT", "670", "Saint Vincent and the Grenadines", "San Vicente y las Granadinas", _K),
    ("SR", "SUR", "740", "Suriname", "Surinam", _S),
    ("TT", "TTO", "780", "Trinidad and Tobago", "Trinidad y Tobago", _K),
    ("US", "USA", "840", "United States", "Estados Unidos", _N),
    ("UY", "URY", "858", "Uruguay", "Uruguay", _S),
    ("VE", "VEN", "862", "Venezuela", "Venezuela", _S),
)

MEMBER_STATES: Mapping[str, MemberState] = MappingProxyType(
    {row[1]: MemberState(*row) for row in _ROWS}
)
"""The 35 OAS member states keyed by ISO 3166-1 alpha-3 code, in English alphabetical order."""

_BY_CODE: dict[str, MemberState] = {}
for _state in MEMBER_STATES.values():
    _BY_CODE[_state.alpha2] = _state
    _BY_CODE[_state.alpha3] = _state
    _BY_CODE[_state.numeric] = _state


def _similarity(a: str, b: str) -> float:
    """Same letters in the same place count double; difflib's ratio breaks ties."""
    same_place = sum(x == y for x, y in zip(a, b, strict=False))
    return 2 * same_place + difflib.SequenceMatcher(None, a, b).ratio()


def member_state(code: str) -> MemberState:
    """Look up a member state by ISO 3166-1 alpha-2, alpha-3 or numeric code.

    Parameters
    ----------
    code : str
        ``"CO"``, ``"col"``, ``"170"``: case and surrounding spaces are ignored.

    Returns
    -------
    MemberState

    Raises
    ------
    InputError
        If the code is not that of a member state; the message suggests the closest codes.

    Examples
    --------
    >>> from dpssec.countries import member_state
    >>> member_state(" br ").name_en
    'Brazil'
    >>> member_state("170").alpha3
    'COL'
    """
    if not isinstance(code, str):
        raise InputError(f"a member-state code must be a string such as 'COL'; got {code!r}")
    key = code.strip().upper()
    state = _BY_CODE.get(key)
    if state is not None:
        return state
    candidates = [c for c in _BY_CODE if len(c) == len(key) and not c.isdigit()] or [
        s.alpha3 for s in MEMBER_STATES.values()
    ]
    scored = sorted(candidates, key=lambda c: (-_similarity(key, c), c))
    close = [c for c in scored if _similarity(key, c) > 0][:5]
    by_name = [
        s.alpha3
        for s in MEMBER_STATES.values()
        if key and (key in s.name_en.upper() or key in s.name_es.upper())
    ]
    suggestions = list(dict.fromkeys(by_name + close))[:5]
    hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
    raise InputError(f"{code!r} is not the ISO 3166 code of an OAS member state{hint}")


def member_states(subregion: Subregion | str | None = None) -> list[MemberState]:
    """All member states, or those of one subregion (enum or its name).

    Examples
    --------
    >>> from dpssec.countries import member_states
    >>> [s.alpha3 for s in member_states("North America")]
    ['CAN', 'MEX', 'USA']
    """
    if subregion is None:
        return list(MEMBER_STATES.values())
    if isinstance(subregion, str):
        try:
            subregion = Subregion(subregion)
        except ValueError:
            names = ", ".join(repr(s.value) for s in Subregion)
            raise InputError(f"unknown subregion {subregion!r}; use one of {names}") from None
    return [s for s in MEMBER_STATES.values() if s.subregion is subregion]
