"""ISO 3166-3: codes withdrawn from ISO 3166-1, with the date of the change and the successors.

A weapon made in 1978 in the Soviet Union is marked ``SU``, one made in 1985 in Yugoslavia
``YU``: those codes were right when the mark was made and are no error today. ISO 3166-3
keeps every code withdrawn from ISO 3166-1 since its first edition (1974) with a four-letter
code whose last two letters name what replaced it (``HH``: divided, no single successor).
:data:`FORMER_COUNTRIES` holds the 31 entries of ISO 3166-3 as published by the Debian
``iso-codes`` package (version 4.15: alpha-2, alpha-3, alpha-4 and numeric codes, the English
name, the withdrawal date, given as a year where ISO gives no day); the successor states are
those named by the entry (the change its four-letter code records), written as today's
ISO 3166-1 alpha-2 codes, with the history spelt out where one change led to another.

Two alpha-2 codes were used twice: ``CS`` was Czechoslovakia until 1993 and Serbia and
Montenegro from 2003 to 2006; several others were given to another country after their
withdrawal (``AI``, ``BQ``, ``GE``, ``SK``), so a current code always means today's country.

For example:

>>> from dpssec.countries import former_country, former_countries
>>> su = former_country("SU")
>>> su.name, su.withdrawn, su.alpha4
('USSR', '1992-08-30', 'SUHH')
>>> su.valid_in(1978), su.valid_in(2001)
(True, False)
>>> [f.name for f in former_countries("CS")]
['Czechoslovakia', 'Serbia and Montenegro']
>>> former_country("CS", year=1985).successors
('CZ', 'SK')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from dpssec.boundary import example, example_by, short_repr
from dpssec.countries.iso3166 import COUNTRIES, Country, fold_name
from dpssec.errors import InputError
from dpssec.references import Reference

__all__ = [
    "FORMER_COUNTRIES",
    "ISO_3166_3",
    "FormerCountry",
    "former_countries",
    "former_country",
    "is_former_country",
]

ISO_3166_3 = Reference(
    "ISO 3166-3",
    "Codes for formerly used names of countries; entries as in Debian iso-codes 4.15",
)
"""The standard the former codes come from."""

_BY_ALPHA2 = {c.alpha2: c for c in COUNTRIES.values()}


@example_by("former_country")
@attrs.frozen
class FormerCountry:
    """A country code withdrawn from ISO 3166-1 (an ISO 3166-3 entry).

    Attributes
    ----------
    alpha4 : str
        The ISO 3166-3 code (former alpha-2 + what replaced it: ``"SUHH"``).
    alpha2, alpha3 : str
        The withdrawn ISO 3166-1 codes (``"SU"``, ``"SUN"``).
    numeric : str
        The withdrawn numeric code, or ``""`` where ISO 3166-3 gives none.
    name : str
        Short English name (``"USSR"``).
    full_name : str
        The name as ISO 3166-3 gives it.
    withdrawn : str
        Date the code was withdrawn, ISO 8601 (``"1992-08-30"``) or a year (``"1977"``).
    successors : tuple of str
        Today's ISO 3166-1 alpha-2 codes of the successor states.
    introduced : str
        When the code came into use (``"1974"``, the first edition, unless later).
    note : str
        The history behind the successors, where one change led to another.
    """

    alpha4: str
    alpha2: str
    alpha3: str
    numeric: str
    name: str
    full_name: str
    withdrawn: str
    successors: tuple[str, ...]
    introduced: str = "1974"
    note: str = ""

    @property
    def withdrawal_year(self) -> int:
        """The year the code was withdrawn."""
        return int(self.withdrawn[:4])

    @property
    def successor_countries(self) -> tuple[Country, ...]:
        """The successor states as :class:`~dpssec.countries.Country` objects."""
        return tuple(_BY_ALPHA2[code] for code in self.successors)

    def valid_in(self, year: int) -> bool | None:
        """Whether a mark made in ``year`` could rightly use this code.

        True before the year of withdrawal (and from the year of introduction), False after
        it, None in the year of the change itself (the mark may be either side of it).
        """
        if year < int(self.introduced[:4]) or year > self.withdrawal_year:
            return False
        if year == self.withdrawal_year or year == int(self.introduced[:4]) > 1974:
            return None
        return True

    def successor_text(self) -> str:
        """The successor states as ``"Czechia (CZ), Slovakia (SK)"``."""
        return ", ".join(
            f"{c.common_name or c.name} ({c.alpha2})" for c in self.successor_countries
        )

    def describe(self) -> str:
        """One line: name, dates, ISO 3166-3 code and successors."""
        since = f"from {self.introduced}, " if self.introduced != "1974" else ""
        return (
            f"{self.name} ({since}withdrawn {self.withdrawn}, ISO 3166-3 {self.alpha4}); "
            f"successor state(s): {self.successor_text()}"
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.alpha3}, former)"


_SOVIET = ("AM", "AZ", "BY", "EE", "GE", "KG", "KZ", "LT", "LV", "MD", "RU", "TJ", "TM", "UA", "UZ")
_SFRY = ("BA", "HR", "ME", "MK", "RS", "SI")

# (alpha4, alpha2, alpha3, numeric, short name, ISO name, withdrawn, successors, introduced, note)
_ROWS: tuple[tuple[str, str, str, str, str, str, str, tuple[str, ...], str, str], ...] = (
    ("AIDJ", "AI", "AFI", "262", "French Afars and Issas", "French Afars and Issas", "1977",
     ("DJ",), "1974", "renamed Djibouti"),
    ("ANHH", "AN", "ANT", "530", "Netherlands Antilles", "Netherlands Antilles", "2010-12-15",
     ("BQ", "CW", "SX"), "1974",
     "divided into Bonaire, Sint Eustatius and Saba, Curaçao and Sint Maarten; numeric code 532 "
     "until Aruba (AW) separated in 1986"),
    ("BQAQ", "BQ", "ATB", "", "British Antarctic Territory", "British Antarctic Territory",
     "1979", ("AQ",), "1974", "merged into Antarctica"),
    ("BUMM", "BU", "BUR", "104", "Burma", "Burma, Socialist Republic of the Union of",
     "1989-12-05", ("MM",), "1974", "renamed Myanmar"),
    ("BYAA", "BY", "BYS", "112", "Byelorussian SSR", "Byelorussian SSR Soviet Socialist Republic",
     "1992-06-15", ("BY",), "1974", "renamed Belarus (alpha-3 BLR; the alpha-2 code stayed BY)"),
    ("CSHH", "CS", "CSK", "200", "Czechoslovakia", "Czechoslovakia, Czechoslovak Socialist Republic",
     "1993-06-15", ("CZ", "SK"), "1974", "divided into the Czech Republic and Slovakia"),
    ("CSXX", "CS", "SCG", "891", "Serbia and Montenegro", "Serbia and Montenegro", "2006-09-26",
     ("ME", "RS"), "2003-07-23", "divided into Montenegro and Serbia"),
    ("CTKI", "CT", "CTE", "128", "Canton and Enderbury Islands", "Canton and Enderbury Islands",
     "1984", ("KI",), "1974", "merged into Kiribati"),
    ("DDDE", "DD", "DDR", "278", "German Democratic Republic", "German Democratic Republic",
     "1990-10-30", ("DE",), "1974", "merged into Germany"),
    ("DYBJ", "DY", "DHY", "204", "Dahomey", "Dahomey", "1977", ("BJ",), "1974", "renamed Benin"),
    ("FQHH", "FQ", "ATF", "", "French Southern and Antarctic Territories",
     "French Southern and Antarctic Territories", "1979", ("AQ", "TF"), "1974",
     "divided between Antarctica and the French Southern Territories"),
    ("FXFR", "FX", "FXX", "249", "France, Metropolitan", "France, Metropolitan", "1997-07-14",
     ("FR",), "1974", "merged into France"),
    ("GEHH", "GE", "GEL", "296", "Gilbert and Ellice Islands", "Gilbert and Ellice Islands",
     "1979", ("KI", "TV"), "1974", "divided into Kiribati and Tuvalu; GE is now Georgia"),
    ("HVBF", "HV", "HVO", "854", "Upper Volta", "Upper Volta, Republic of", "1984", ("BF",),
     "1974", "renamed Burkina Faso"),
    ("JTUM", "JT", "JTN", "396", "Johnston Island", "Johnston Island", "1986", ("UM",), "1974",
     "merged into the United States Minor Outlying Islands"),
    ("MIUM", "MI", "MID", "488", "Midway Islands", "Midway Islands", "1986", ("UM",), "1974",
     "merged into the United States Minor Outlying Islands"),
    ("NHVU", "NH", "NHB", "548", "New Hebrides", "New Hebrides", "1980", ("VU",), "1974",
     "renamed Vanuatu"),
    ("NQAQ", "NQ", "ATN", "216", "Dronning Maud Land", "Dronning Maud Land", "1983", ("AQ",),
     "1974", "merged into Antarctica"),
    ("NTHH", "NT", "NTZ", "536", "Neutral Zone", "Neutral Zone", "1993-07-12", ("IQ", "SA"),
     "1974", "divided between Iraq and Saudi Arabia"),
    ("PCHH", "PC", "PCI", "582", "Pacific Islands (trust territory)",
     "Pacific Islands (trust territory)", "1986", ("FM", "MH", "MP", "PW"), "1974",
     "divided into Micronesia, the Marshall Islands, the Northern Mariana Islands and Palau"),
    ("PUUM", "PU", "PUS", "849", "US Miscellaneous Pacific Islands",
     "US Miscellaneous Pacific Islands", "1986", ("UM",), "1974",
     "merged into the United States Minor Outlying Islands"),
    ("PZPA", "PZ", "PCZ", "", "Panama Canal Zone", "Panama Canal Zone", "1980", ("PA",), "1974",
     "merged into Panama"),
    ("RHZW", "RH", "RHO", "716", "Southern Rhodesia", "Southern Rhodesia", "1980", ("ZW",), "1974",
     "renamed Zimbabwe"),
    ("SKIN", "SK", "SKM", "", "Sikkim", "Sikkim", "1975", ("IN",), "1974",
     "merged into India; SK is now Slovakia"),
    ("SUHH", "SU", "SUN", "810", "USSR", "USSR, Union of Soviet Socialist Republics",
     "1992-08-30", _SOVIET, "1974",
     "ISO 3166-3 gives the thirteen new codes; Belarus (BY) and Ukraine (UA) had their own "
     "codes already"),
    ("TPTL", "TP", "TMP", "626", "East Timor", "East Timor", "2002-05-20", ("TL",), "1974",
     "renamed Timor-Leste (formerly Portuguese Timor)"),
    ("VDVN", "VD", "VDR", "", "Democratic Republic of Viet-Nam", "Viet-Nam, Democratic Republic of",
     "1977", ("VN",), "1974", "merged into Viet Nam"),
    ("WKUM", "WK", "WAK", "872", "Wake Island", "Wake Island", "1986", ("UM",), "1974",
     "merged into the United States Minor Outlying Islands"),
    ("YDYE", "YD", "YMD", "720", "Democratic Yemen", "Yemen, Democratic, People's Democratic "
     "Republic of", "1990-08-14", ("YE",), "1974", "merged into Yemen"),
    ("YUCS", "YU", "YUG", "891", "Yugoslavia", "Yugoslavia, (Socialist) Federal Republic of",
     "2003-07-23", _SFRY, "1974",
     "ISO 3166-3 YUCS: the code passed to Serbia and Montenegro (CS, 2003-2006; now RS and ME); "
     "Slovenia, Croatia, Bosnia and Herzegovina (1992) and North Macedonia (1993) had left the "
     "Socialist Federal Republic and received their own codes; numeric code 890 until 1992"),
    ("ZRCD", "ZR", "ZAR", "180", "Zaire", "Zaire, Republic of", "1997-07-14", ("CD",), "1974",
     "renamed the Democratic Republic of the Congo"),
)  # fmt: skip

FORMER_COUNTRIES: Mapping[str, FormerCountry] = MappingProxyType(
    {row[0]: FormerCountry(*row) for row in _ROWS}
)
"""The 31 entries of ISO 3166-3, keyed by their four-letter code."""

_EXTRA_NAMES = {
    "SUHH": ("Soviet Union", "Union of Soviet Socialist Republics", "URSS", "Unión Soviética"),
    "DDDE": ("East Germany", "GDR", "DDR"),
    "CSHH": ("Czechoslovak Socialist Republic", "Checoslovaquia"),
    "YUCS": ("Socialist Federal Republic of Yugoslavia", "SFRY", "Yugoslavia", "Federal "
             "Republic of Yugoslavia"),
    "ZRCD": ("Republic of Zaire",),
}  # fmt: skip

_LOOKUP: dict[str, tuple[FormerCountry, ...]] = {}


def _add(key: str, entry: FormerCountry) -> None:
    if key and entry not in _LOOKUP.get(key, ()):
        _LOOKUP[key] = (*_LOOKUP.get(key, ()), entry)


for _entry in FORMER_COUNTRIES.values():
    for _key in (_entry.alpha4, _entry.alpha2, _entry.alpha3, _entry.numeric):
        _add(_key, _entry)
    for _name in (_entry.name, _entry.full_name, _entry.full_name.split(",")[0]):
        _add(fold_name(_name), _entry)
    for _name in _EXTRA_NAMES.get(_entry.alpha4, ()):
        _add(fold_name(_name), _entry)


@example("SU")
def former_countries(code_or_name: object) -> tuple[FormerCountry, ...]:
    """Every ISO 3166-3 entry a code or name can mean (none, one, or two for ``CS``).

    Codes (alpha-2, alpha-3, the four-letter code, numeric) and names are matched as by
    :func:`~dpssec.countries.country`; a code that is in use today is still found here when
    it once meant another country (``GE``: Gilbert and Ellice Islands until 1979).

    Examples
    --------
    >>> from dpssec.countries import former_countries
    >>> [f.alpha4 for f in former_countries("yugoslavia")], former_countries("FR")
    (['YUCS'], ())
    """
    if not isinstance(code_or_name, str):
        return ()
    found = _LOOKUP.get(fold_name(code_or_name), ())
    return tuple(sorted(found, key=lambda f: f.introduced))


@example("SU")
def is_former_country(code_or_name: object) -> bool:
    """True when ``code_or_name`` is (or was) an ISO 3166-3 code or name."""
    return bool(former_countries(code_or_name))


@example("SU", year=1980)
def former_country(code_or_name: str, *, year: int | None = None) -> FormerCountry:
    """The former country a code or name means; ``year`` decides between two (``CS``).

    Parameters
    ----------
    code_or_name : str
        ``"SU"``, ``"SUN"``, ``"SUHH"``, ``"810"``, ``"USSR"``, ``"Yugoslavia"``...
    year : int, optional
        The year the code was used (a mark's year): picks the entry in use then.

    Returns
    -------
    FormerCountry

    Raises
    ------
    InputError
        If the code names no former country, or two and ``year`` does not decide.

    Examples
    --------
    >>> from dpssec.countries import former_country
    >>> former_country("DD").successors, former_country("CS", year=2005).name
    (('DE',), 'Serbia and Montenegro')
    >>> former_country("CS")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: 'CS' was the code of two countries: Czechoslovakia (withdrawn 1993-06-15, ...
    """
    if not isinstance(code_or_name, str):
        raise InputError(
            f"parameter 'code_or_name' must be an ISO 3166-3 code or name; got "
            f"{short_repr(code_or_name)}"
        )
    if not code_or_name.strip():
        raise InputError("parameter 'code_or_name' is empty; give an ISO 3166-3 code or name")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise InputError(f"parameter 'year' must be a whole year or None; got {short_repr(year)}")
    found = former_countries(code_or_name)
    if not found:
        raise InputError(
            f"{short_repr(code_or_name)} is not an ISO 3166-3 (former country) code or name"
        )
    if len(found) > 1 and year is not None:
        valid = [f for f in found if f.valid_in(year) is not False]
        if len(valid) == 1:
            return valid[0]
    if len(found) > 1:
        described = "; ".join(f.describe() for f in found)
        raise InputError(
            f"{code_or_name!r} was the code of two countries: {described}; give the alpha-3 "
            "code or the year"
        )
    return found[0]
