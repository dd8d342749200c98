"""Countries: every ISO 3166-1 country, the former codes of ISO 3166-3, the OAS member states.

* :mod:`~dpssec.countries.iso3166`: :data:`COUNTRIES` (all 249 ISO 3166-1 entries) and
  :func:`country`, which finds one by alpha-2, alpha-3 or numeric code or by name;
* :mod:`~dpssec.countries.former`: :data:`FORMER_COUNTRIES` (ISO 3166-3: ``SU``, ``YU``,
  ``CS``, ``DD`` and the others) with the date of each change and the successor states,
  :func:`former_country` and :func:`former_countries`;
* :mod:`~dpssec.countries.member_states`: the 35 OAS member states, a view on the ISO table
  with Spanish names and subregions (:data:`MEMBER_STATES`, :func:`member_state`);
* :func:`country_code`: the alpha-3 code of a current or an unambiguous former country, as
  records store it.

For example:

>>> from dpssec.countries import MEMBER_STATES, country, country_code, member_state
>>> len(MEMBER_STATES), member_state("col").name_es, country("DE").name
(35, 'Colombia', 'Germany')
>>> country_code("Germany"), country_code("SU"), country_code("East Germany")
('DEU', 'SUN', 'DDR')
"""

from __future__ import annotations

from dpssec.boundary import Flag, example
from dpssec.countries.former import (
    FORMER_COUNTRIES,
    ISO_3166_3,
    FormerCountry,
    former_countries,
    former_country,
    is_former_country,
)
from dpssec.countries.iso3166 import (
    COUNTRIES,
    Country,
    add_names,
    country,
    fold_name,
    is_country,
)
from dpssec.countries.member_states import (
    MEMBER_STATES,
    MemberState,
    MemberStateCode,
    Subregion,
    member_state,
    member_states,
)
from dpssec.errors import InputError

__all__ = [
    "COUNTRIES",
    "Country",
    "FORMER_COUNTRIES",
    "FormerCountry",
    "ISO_3166_3",
    "MEMBER_STATES",
    "MemberState",
    "MemberStateCode",
    "Subregion",
    "add_names",
    "country",
    "country_code",
    "fold_name",
    "former_countries",
    "former_country",
    "is_country",
    "is_former_country",
    "member_state",
    "member_states",
]


@example("Brasil")
def country_code(code_or_name: str, *, former: bool = True) -> str:
    """The ISO alpha-3 code of a country, current or (with ``former=True``) withdrawn.

    A current code or name wins; otherwise a former one (ISO 3166-3) gives its withdrawn
    alpha-3 code (``"SU"`` -> ``"SUN"``). ``"CS"``, which meant two countries, must be given
    as ``"CSK"`` or ``"SCG"``.

    Raises
    ------
    InputError
        No such country (with the closest names), or an ambiguous former code.

    Examples
    --------
    >>> from dpssec.countries import country_code
    >>> country_code("br"), country_code("Yugoslavia"), country_code("CSK")
    ('BRA', 'YUG', 'CSK')
    >>> country_code("SU", former=False)
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: 'SU' is not a current ISO 3166-1 country code or name: it is the former code of USSR...
    """
    former = Flag().convert(former, "former")
    try:
        return country(code_or_name).alpha3
    except InputError:
        if not former or not former_countries(code_or_name):
            raise
    return former_country(code_or_name).alpha3
