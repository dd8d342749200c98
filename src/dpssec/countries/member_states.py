"""The 35 member states of the Organization of American States (OAS): a view on ISO 3166-1.

Codes are ISO 3166-1 (alpha-2, alpha-3, numeric), read from the country table of
:mod:`dpssec.countries.iso3166` (each state's :attr:`MemberState.country`); names in English
and Spanish; subregions are
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
from typing import Any

import attrs

from dpssec.boundary import example, example_by, short_repr
from dpssec.boundary.choices import parse_choice
from dpssec.boundary.specs import Text
from dpssec.countries.iso3166 import COUNTRIES, Country, add_names, fold_name
from dpssec.errors import InputError

__all__ = [
    "MEMBER_STATES",
    "MemberState",
    "MemberStateCode",
    "Subregion",
    "member_state",
    "member_states",
]


class Subregion(enum.Enum):
    """The four subregions dpssec groups member states by."""

    NORTH_AMERICA = "North America"
    CENTRAL_AMERICA = "Central America"
    CARIBBEAN = "Caribbean"
    SOUTH_AMERICA = "South America"


@example_by("member_state")
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

    @property
    def country(self) -> Country:
        """The state's ISO 3166-1 entry (:data:`~dpssec.countries.COUNTRIES`)."""
        return COUNTRIES[self.alpha3]


_N, _C, _K, _S = (
    Subregion.NORTH_AMERICA,
    Subregion.CENTRAL_AMERICA,
    Subregion.CARIBBEAN,
    Subregion.SOUTH_AMERICA,
)

_ROWS: tuple[tuple[str, str, str, Subregion], ...] = (
    ("ATG", "Antigua and Barbuda", "Antigua y Barbuda", _K),
    ("ARG", "Argentina", "Argentina", _S),
    ("BHS", "Bahamas", "Bahamas", _K),
    ("BRB", "Barbados", "Barbados", _K),
    ("BLZ", "Belize", "Belice", _C),
    ("BOL", "Bolivia", "Bolivia", _S),
    ("BRA", "Brazil", "Brasil", _S),
    ("CAN", "Canada", "Canadá", _N),
    ("CHL", "Chile", "Chile", _S),
    ("COL", "Colombia", "Colombia", _S),
    ("CRI", "Costa Rica", "Costa Rica", _C),
    ("CUB", "Cuba", "Cuba", _K),
    ("DMA", "Dominica", "Dominica", _K),
    ("DOM", "Dominican Republic", "República Dominicana", _K),
    ("ECU", "Ecuador", "Ecuador", _S),
    ("SLV", "El Salvador", "El Salvador", _C),
    ("GRD", "Grenada", "Granada", _K),
    ("GTM", "Guatemala", "Guatemala", _C),
    ("GUY", "Guyana", "Guyana", _S),
    ("HTI", "Haiti", "Haití", _K),
    ("HND", "Honduras", "Honduras", _C),
    ("JAM", "Jamaica", "Jamaica", _K),
    ("MEX", "Mexico", "México", _N),
    ("NIC", "Nicaragua", "Nicaragua", _C),
    ("PAN", "Panama", "Panamá", _C),
    ("PRY", "Paraguay", "Paraguay", _S),
    ("PER", "Peru", "Perú", _S),
    ("KNA", "Saint Kitts and Nevis", "San Cristóbal y Nieves", _K),
    ("LCA", "Saint Lucia", "Santa Lucía", _K),
    ("VCT", "Saint Vincent and the Grenadines", "San Vicente y las Granadinas", _K),
    ("SUR", "Suriname", "Surinam", _S),
    ("TTO", "Trinidad and Tobago", "Trinidad y Tobago", _K),
    ("USA", "United States", "Estados Unidos", _N),
    ("URY", "Uruguay", "Uruguay", _S),
    ("VEN", "Venezuela", "Venezuela", _S),
)


def _member(alpha3: str, name_en: str, name_es: str, subregion: Subregion) -> MemberState:
    iso = COUNTRIES[alpha3]  # member states are a view on the ISO 3166-1 table
    return MemberState(iso.alpha2, alpha3, iso.numeric, name_en, name_es, subregion)


MEMBER_STATES: Mapping[str, MemberState] = MappingProxyType(
    {row[0]: _member(*row) for row in _ROWS}
)
"""The 35 OAS member states keyed by ISO 3166-1 alpha-3 code, in English alphabetical order."""

# the members' English and Spanish names find their ISO entry too ("Estados Unidos")
add_names({name: s.alpha3 for s in MEMBER_STATES.values() for name in (s.name_en, s.name_es)})

_BY_NAME: dict[str, MemberState] = {
    fold_name(n): s for s in MEMBER_STATES.values() for n in (s.name_en, s.name_es)
}
_BY_CODE: dict[str, MemberState] = {}
for _state in MEMBER_STATES.values():
    _BY_CODE[_state.alpha2] = _state
    _BY_CODE[_state.alpha3] = _state
    _BY_CODE[_state.numeric] = _state


def _similarity(a: str, b: str) -> float:
    """Same letters in the same place count double; difflib's ratio breaks ties."""
    same_place = sum(x == y for x, y in zip(a, b, strict=False))
    return 2 * same_place + difflib.SequenceMatcher(None, a, b).ratio()


@example("JAM")
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
        raise InputError(
            f"a member-state code must be a string such as 'COL'; got {short_repr(code)}"
        )
    key = code.strip().upper()
    if not key:
        raise InputError("a member-state code is empty; give one such as 'COL'")
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
    raise InputError(f"{short_repr(code)} is not the ISO 3166 code of an OAS member state{hint}")


@example("caribbean")
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
    chosen = parse_choice(subregion, Subregion, "subregion")
    return [s for s in MEMBER_STATES.values() if s.subregion is chosen]


@attrs.frozen(kw_only=True)
class MemberStateCode(Text):
    """Input spec: an OAS member state by ISO 3166 code (alpha-2, alpha-3 or numeric, any case)
    or name, stored as alpha-3; ``optional=True`` lets an empty cell be None.

    The one rule for the ``iso3``/``country`` column of a table and the ``country`` field of a
    model (:mod:`dpssec.boundary` specs).

    Examples
    --------
    >>> from dpssec.countries import MemberStateCode
    >>> MemberStateCode().convert("co", "country"), MemberStateCode().convert("Perú", "country")
    ('COL', 'PER')
    """

    def describe(self) -> str:
        return "an OAS member state (ISO 3166 code)"

    def convert(self, value: Any, name: str) -> Any:
        text = super().convert(value, name)
        if text is None:
            return None
        try:
            return member_state(text).alpha3
        except InputError as exc:
            found = _BY_NAME.get(fold_name(text))
            if found is not None:
                return found.alpha3
            message = str(exc).replace("ISO 3166 code of", "ISO 3166 code or the name of")
            raise InputError(f"parameter {name!r}: {message}") from None
