"""ISO 3166-1: every country code and English short name (all 249 entries).

Firearms are made and imported all over the world, and country tables reach the library from
every source, so dpssec knows every officially assigned ISO 3166-1 code (alpha-2, alpha-3,
numeric) with the ISO English short name and, where one is in common use, a shorter common
name ("Bolivia", "South Korea"). The table was transcribed from the ISO 3166-1 list as
published by the Debian ``iso-codes`` package (version 4.15). The 35 OAS member states
(:mod:`dpssec.countries.member_states`) are a view on this table, and their English and
Spanish names are accepted here too. Codes withdrawn from ISO 3166-1 (``SU``, ``YU``, ``CS``,
``DD``...) are in :mod:`dpssec.countries.former` (ISO 3166-3).

For example:

>>> from dpssec.countries import country
>>> country("de").alpha3, country("Germany").alpha2, country("076").name
('DEU', 'DE', 'Brazil')
>>> country("Estados Unidos").alpha3
'USA'
>>> country("Colombai")
Traceback (most recent call last):
...
dpssec.errors.InputError: 'Colombai' is not an ISO 3166-1 country code or name; closest: COLOMBIA...
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from dpssec.boundary import example, example_by, short_repr
from dpssec.errors import InputError

__all__ = ["COUNTRIES", "Country", "add_names", "country", "fold_name", "is_country"]


@example_by("country")
@attrs.frozen
class Country:
    """An ISO 3166-1 country.

    Attributes
    ----------
    alpha2, alpha3 : str
        ISO 3166-1 alpha-2 and alpha-3 codes (upper case).
    numeric : str
        ISO 3166-1 numeric code (three digits, as a string).
    name : str
        ISO English short name.
    common_name : str
        A shorter name in common use, or ``""``.
    """

    alpha2: str
    alpha3: str
    numeric: str
    name: str
    common_name: str = ""

    def __str__(self) -> str:
        return f"{self.common_name or self.name} ({self.alpha3})"


_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    ("AD", "AND", "020", "Andorra", ""),
    ("AE", "ARE", "784", "United Arab Emirates", ""),
    ("AF", "AFG", "004", "Afghanistan", ""),
    ("AG", "ATG", "028", "Antigua and Barbuda", ""),
    ("AI", "AIA", "660", "Anguilla", ""),
    ("AL", "ALB", "008", "Albania", ""),
    ("AM", "ARM", "051", "Armenia", ""),
    ("AO", "AGO", "024", "Angola", ""),
    ("AQ", "ATA", "010", "Antarctica", ""),
    ("AR", "ARG", "032", "Argentina", ""),
    ("AS", "ASM", "016", "American Samoa", ""),
    ("AT", "AUT", "040", "Austria", ""),
    ("AU", "AUS", "036", "Australia", ""),
    ("AW", "ABW", "533", "Aruba", ""),
    ("AX", "ALA", "248", "Åland Islands", ""),
    ("AZ", "AZE", "031", "Azerbaijan", ""),
    ("BA", "BIH", "070", "Bosnia and Herzegovina", ""),
    ("BB", "BRB", "052", "Barbados", ""),
    ("BD", "BGD", "050", "Bangladesh", ""),
    ("BE", "BEL", "056", "Belgium", ""),
    ("BF", "BFA", "854", "Burkina Faso", ""),
    ("BG", "BGR", "100", "Bulgaria", ""),
    ("BH", "BHR", "048", "Bahrain", ""),
    ("BI", "BDI", "108", "Burundi", ""),
    ("BJ", "BEN", "204", "Benin", ""),
    ("BL", "BLM", "652", "Saint Barthélemy", ""),
    ("BM", "BMU", "060", "Bermuda", ""),
    ("BN", "BRN", "096", "Brunei Darussalam", ""),
    ("BO", "BOL", "068", "Bolivia, Plurinational State of", "Bolivia"),
    ("BQ", "BES", "535", "Bonaire, Sint Eustatius and Saba", ""),
    ("BR", "BRA", "076", "Brazil", ""),
    ("BS", "BHS", "044", "Bahamas", ""),
    ("BT", "BTN", "064", "Bhutan", ""),
    ("BV", "BVT", "074", "Bouvet Island", ""),
    ("BW", "BWA", "072", "Botswana", ""),
    ("BY", "BLR", "112", "Belarus", ""),
    ("BZ", "BLZ", "084", "Belize", ""),
    ("CA", "CAN", "124", "Canada", ""),
    ("CC", "CCK", "166", "Cocos (Keeling) Islands", ""),
    ("CD", "COD", "180", "Congo, The Democratic Republic of the", ""),
    ("CF", "CAF", "140", "Central African Republic", ""),
    ("CG", "COG", "178", "Congo", ""),
    ("CH", "CHE", "756", "Switzerland", ""),
    ("CI", "CIV", "384", "Côte d'Ivoire", ""),
    ("CK", "COK", "184", "Cook Islands", ""),
    ("CL", "CHL", "152", "Chile", ""),
    ("CM", "CMR", "120", "Cameroon", ""),
    ("CN", "CHN", "156", "China", ""),
    ("CO", "COL", "170", "Colombia", ""),
    ("CR", "CRI", "188", "Costa Rica", ""),
    ("CU", "CUB", "192", "Cuba", ""),
    ("CV", "CPV", "132", "Cabo Verde", ""),
    ("CW", "CUW", "531", "Curaçao", ""),
    ("CX", "CXR", "162", "Christmas Island", ""),
    ("CY", "CYP", "196", "Cyprus", ""),
    ("CZ", "CZE", "203", "Czechia", ""),
    ("DE", "DEU", "276", "Germany", ""),
    ("DJ", "DJI", "262", "Djibouti", ""),
    ("DK", "DNK", "208", "Denmark", ""),
    ("DM", "DMA", "212", "Dominica", ""),
    ("DO", "DOM", "214", "Dominican Republic", ""),
    ("DZ", "DZA", "012", "Algeria", ""),
    ("EC", "ECU", "218", "Ecuador", ""),
    ("EE", "EST", "233", "Estonia", ""),
    ("EG", "EGY", "818", "Egypt", ""),
    ("EH", "ESH", "732", "Western Sahara", ""),
    ("ER", "ERI", "232", "Eritrea", ""),
    ("ES", "ESP", "724", "Spain", ""),
    ("ET", "ETH", "231", "Ethiopia", ""),
    ("FI", "FIN", "246", "Finland", ""),
    ("FJ", "FJI", "242", "Fiji", ""),
    ("FK", "FLK", "238", "Falkland Islands (Malvinas)", ""),
    ("FM", "FSM", "583", "Micronesia, Federated States of", ""),
    ("FO", "FRO", "234", "Faroe Islands", ""),
    ("FR", "FRA", "250", "France", ""),
    ("GA", "GAB", "266", "Gabon", ""),
    ("GB", "GBR", "826", "United Kingdom", ""),
    ("GD", "GRD", "308", "Grenada", ""),
    ("GE", "GEO", "268", "Georgia", ""),
    ("GF", "GUF", "254", "French Guiana", ""),
    ("GG", "GGY", "831", "Guernsey", ""),
    ("GH", "GHA", "288", "Ghana", ""),
    ("GI", "GIB", "292", "Gibraltar", ""),
    ("GL", "GRL", "304", "Greenland", ""),
    ("GM", "GMB", "270", "Gambia", ""),
    ("GN", "GIN", "324", "Guinea", ""),
    ("GP", "GLP", "312", "Guadeloupe", ""),
    ("GQ", "GNQ", "226", "Equatorial Guinea", ""),
    ("GR", "GRC", "300", "Greece", ""),
    ("GS", "SGS", "239", "South Georgia and the South Sandwich Islands", ""),
    ("GT", "GTM", "320", "Guatemala", ""),
    ("GU", "GUM", "316", "Guam", ""),
    ("GW", "GNB", "624", "Guinea-Bissau", ""),
    ("GY", "GUY", "328", "Guyana", ""),
    ("HK", "HKG", "344", "Hong Kong", ""),
    ("HM", "HMD", "334", "Heard Island and McDonald Islands", ""),
    ("HN", "HND", "340", "Honduras", ""),
    ("HR", "HRV", "191", "Croatia", ""),
    ("HT", "HTI", "332", "Haiti", ""),
    ("HU", "HUN", "348", "Hungary", ""),
    ("ID", "IDN", "360", "Indonesia", ""),
    ("IE", "IRL", "372", "Ireland", ""),
    ("IL", "ISR", "376", "Israel", ""),
    ("IM", "IMN", "833", "Isle of Man", ""),
    ("IN", "IND", "356", "India", ""),
    ("IO", "IOT", "086", "British Indian Ocean Territory", ""),
    ("IQ", "IRQ", "368", "Iraq", ""),
    ("IR", "IRN", "364", "Iran, Islamic Republic of", "Iran"),
    ("IS", "ISL", "352", "Iceland", ""),
    ("IT", "ITA", "380", "Italy", ""),
    ("JE", "JEY", "832", "Jersey", ""),
    ("JM", "JAM", "388", "Jamaica", ""),
    ("JO", "JOR", "400", "Jordan", ""),
    ("JP", "JPN", "392", "Japan", ""),
    ("KE", "KEN", "404", "Kenya", ""),
    ("KG", "KGZ", "417", "Kyrgyzstan", ""),
    ("KH", "KHM", "116", "Cambodia", ""),
    ("KI", "KIR", "296", "Kiribati", ""),
    ("KM", "COM", "174", "Comoros", ""),
    ("KN", "KNA", "659", "Saint Kitts and Nevis", ""),
    ("KP", "PRK", "408", "Korea, Democratic People's Republic of", "North Korea"),
    ("KR", "KOR", "410", "Korea, Republic of", "South Korea"),
    ("KW", "KWT", "414", "Kuwait", ""),
    ("KY", "CYM", "136", "Cayman Islands", ""),
    ("KZ", "KAZ", "398", "Kazakhstan", ""),
    ("LA", "LAO", "418", "Lao People's Democratic Republic", "Laos"),
    ("LB", "LBN", "422", "Lebanon", ""),
    ("LC", "LCA", "662", "Saint Lucia", ""),
    ("LI", "LIE", "438", "Liechtenstein", ""),
    ("LK", "LKA", "144", "Sri Lanka", ""),
    ("LR", "LBR", "430", "Liberia", ""),
    ("LS", "LSO", "426", "Lesotho", ""),
    ("LT", "LTU", "440", "Lithuania", ""),
    ("LU", "LUX", "442", "Luxembourg", ""),
    ("LV", "LVA", "428", "Latvia", ""),
    ("LY", "LBY", "434", "Libya", ""),
    ("MA", "MAR", "504", "Morocco", ""),
    ("MC", "MCO", "492", "Monaco", ""),
    ("MD", "MDA", "498", "Moldova, Republic of", "Moldova"),
    ("ME", "MNE", "499", "Montenegro", ""),
    ("MF", "MAF", "663", "Saint Martin (French part)", ""),
    ("MG", "MDG", "450", "Madagascar", ""),
    ("MH", "MHL", "584", "Marshall Islands", ""),
    ("MK", "MKD", "807", "North Macedonia", ""),
    ("ML", "MLI", "466", "Mali", ""),
    ("MM", "MMR", "104", "Myanmar", ""),
    ("MN", "MNG", "496", "Mongolia", ""),
    ("MO", "MAC", "446", "Macao", ""),
    ("MP", "MNP", "580", "Northern Mariana Islands", ""),
    ("MQ", "MTQ", "474", "Martinique", ""),
    ("MR", "MRT", "478", "Mauritania", ""),
    ("MS", "MSR", "500", "Montserrat", ""),
    ("MT", "MLT", "470", "Malta", ""),
    ("MU", "MUS", "480", "Mauritius", ""),
    ("MV", "MDV", "462", "Maldives", ""),
    ("MW", "MWI", "454", "Malawi", ""),
    ("MX", "MEX", "484", "Mexico", ""),
    ("MY", "MYS", "458", "Malaysia", ""),
    ("MZ", "MOZ", "508", "Mozambique", ""),
    ("NA", "NAM", "516", "Namibia", ""),
    ("NC", "NCL", "540", "New Caledonia", ""),
    ("NE", "NER", "562", "Niger", ""),
    ("NF", "NFK", "574", "Norfolk Island", ""),
    ("NG", "NGA", "566", "Nigeria", ""),
    ("NI", "NIC", "558", "Nicaragua", ""),
    ("NL", "NLD", "528", "Netherlands", ""),
    ("NO", "NOR", "578", "Norway", ""),
    ("NP", "NPL", "524", "Nepal", ""),
    ("NR", "NRU", "520", "Nauru", ""),
    ("NU", "NIU", "570", "Niue", ""),
    ("NZ", "NZL", "554", "New Zealand", ""),
    ("OM", "OMN", "512", "Oman", ""),
    ("PA", "PAN", "591", "Panama", ""),
    ("PE", "PER", "604", "Peru", ""),
    ("PF", "PYF", "258", "French Polynesia", ""),
    ("PG", "PNG", "598", "Papua New Guinea", ""),
    ("PH", "PHL", "608", "Philippines", ""),
    ("PK", "PAK", "586", "Pakistan", ""),
    ("PL", "POL", "616", "Poland", ""),
    ("PM", "SPM", "666", "Saint Pierre and Miquelon", ""),
    ("PN", "PCN", "612", "Pitcairn", ""),
    ("PR", "PRI", "630", "Puerto Rico", ""),
    ("PS", "PSE", "275", "Palestine, State of", ""),
    ("PT", "PRT", "620", "Portugal", ""),
    ("PW", "PLW", "585", "Palau", ""),
    ("PY", "PRY", "600", "Paraguay", ""),
    ("QA", "QAT", "634", "Qatar", ""),
    ("RE", "REU", "638", "Réunion", ""),
    ("RO", "ROU", "642", "Romania", ""),
    ("RS", "SRB", "688", "Serbia", ""),
    ("RU", "RUS", "643", "Russian Federation", ""),
    ("RW", "RWA", "646", "Rwanda", ""),
    ("SA", "SAU", "682", "Saudi Arabia", ""),
    ("SB", "SLB", "090", "Solomon Islands", ""),
    ("SC", "SYC", "690", "Seychelles", ""),
    ("SD", "SDN", "729", "Sudan", ""),
    ("SE", "SWE", "752", "Sweden", ""),
    ("SG", "SGP", "702", "Singapore", ""),
    ("SH", "SHN", "654", "Saint Helena, Ascension and Tristan da Cunha", ""),
    ("SI", "SVN", "705", "Slovenia", ""),
    ("SJ", "SJM", "744", "Svalbard and Jan Mayen", ""),
    ("SK", "SVK", "703", "Slovakia", ""),
    ("SL", "SLE", "694", "Sierra Leone", ""),
    ("SM", "SMR", "674", "San Marino", ""),
    ("SN", "SEN", "686", "Senegal", ""),
    ("SO", "SOM", "706", "Somalia", ""),
    ("SR", "SUR", "740", "Suriname", ""),
    ("SS", "SSD", "728", "South Sudan", ""),
    ("ST", "STP", "678", "Sao Tome and Principe", ""),
    ("SV", "SLV", "222", "El Salvador", ""),
    ("SX", "SXM", "534", "Sint Maarten (Dutch part)", ""),
    ("SY", "SYR", "760", "Syrian Arab Republic", "Syria"),
    ("SZ", "SWZ", "748", "Eswatini", ""),
    ("TC", "TCA", "796", "Turks and Caicos Islands", ""),
    ("TD", "TCD", "148", "Chad", ""),
    ("TF", "ATF", "260", "French Southern Territories", ""),
    ("TG", "TGO", "768", "Togo", ""),
    ("TH", "THA", "764", "Thailand", ""),
    ("TJ", "TJK", "762", "Tajikistan", ""),
    ("TK", "TKL", "772", "Tokelau", ""),
    ("TL", "TLS", "626", "Timor-Leste", ""),
    ("TM", "TKM", "795", "Turkmenistan", ""),
    ("TN", "TUN", "788", "Tunisia", ""),
    ("TO", "TON", "776", "Tonga", ""),
    ("TR", "TUR", "792", "Türkiye", ""),
    ("TT", "TTO", "780", "Trinidad and Tobago", ""),
    ("TV", "TUV", "798", "Tuvalu", ""),
    ("TW", "TWN", "158", "Taiwan, Province of China", "Taiwan"),
    ("TZ", "TZA", "834", "Tanzania, United Republic of", "Tanzania"),
    ("UA", "UKR", "804", "Ukraine", ""),
    ("UG", "UGA", "800", "Uganda", ""),
    ("UM", "UMI", "581", "United States Minor Outlying Islands", ""),
    ("US", "USA", "840", "United States", ""),
    ("UY", "URY", "858", "Uruguay", ""),
    ("UZ", "UZB", "860", "Uzbekistan", ""),
    ("VA", "VAT", "336", "Holy See (Vatican City State)", ""),
    ("VC", "VCT", "670", "Saint Vincent and the Grenadines", ""),
    ("VE", "VEN", "862", "Venezuela, Bolivarian Republic of", "Venezuela"),
    ("VG", "VGB", "092", "Virgin Islands, British", ""),
    ("VI", "VIR", "850", "Virgin Islands, U.S.", ""),
    ("VN", "VNM", "704", "Viet Nam", "Vietnam"),
    ("VU", "VUT", "548", "Vanuatu", ""),
    ("WF", "WLF", "876", "Wallis and Futuna", ""),
    ("WS", "WSM", "882", "Samoa", ""),
    ("YE", "YEM", "887", "Yemen", ""),
    ("YT", "MYT", "175", "Mayotte", ""),
    ("ZA", "ZAF", "710", "South Africa", ""),
    ("ZM", "ZMB", "894", "Zambia", ""),
    ("ZW", "ZWE", "716", "Zimbabwe", ""),
)

COUNTRIES: Mapping[str, Country] = MappingProxyType({row[1]: Country(*row) for row in _ROWS})
"""Every ISO 3166-1 country keyed by alpha-3 code."""


@example("São Paulo")
def fold_name(text: str) -> str:
    """Upper case without accents or punctuation, single spaces: the form names are matched in.

    Examples
    --------
    >>> from dpssec.countries import fold_name
    >>> fold_name(" Perú "), fold_name("Côte d'Ivoire")
    ('PERU', 'COTE D IVOIRE')
    """
    if not isinstance(text, str):
        raise InputError(f"parameter 'text' must be a text; got {short_repr(text)}")
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    kept = "".join(c if c.isalnum() else " " for c in plain.upper())
    return " ".join(kept.split())


_LOOKUP: dict[str, Country] = {}
for _c in COUNTRIES.values():
    for _key in (_c.alpha2, _c.alpha3, _c.numeric, fold_name(_c.name), fold_name(_c.common_name)):
        if _key:
            _LOOKUP.setdefault(_key, _c)


def add_names(names: Mapping[str, str]) -> None:
    """Make more names find a country (name to alpha-3 code), e.g. the members' Spanish names.

    Used once by :mod:`dpssec.countries.member_states`; a name already taken is left alone.
    """
    for name, alpha3 in names.items():
        _LOOKUP.setdefault(fold_name(name), COUNTRIES[alpha3])


@example("BRA")
def country(code_or_name: str) -> Country:
    """Look up a country by ISO 3166-1 alpha-2, alpha-3 or numeric code, or by English name.

    Parameters
    ----------
    code_or_name : str
        ``"CO"``, ``"col"``, ``"170"``, ``"Colombia"``; case, accents and surrounding spaces
        are ignored. OAS member states are also known by their Spanish names.

    Returns
    -------
    Country

    Raises
    ------
    InputError
        If no current country has that code or name; the message suggests the closest ones,
        and says so when the code is a former one (ISO 3166-3, see
        :func:`~dpssec.countries.former_country`).

    Examples
    --------
    >>> from dpssec.countries import country
    >>> str(country("Czechia"))
    'Czechia (CZE)'
    >>> country("bra").numeric
    '076'
    >>> country("SU")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: 'SU' is not a current ISO 3166-1 country code or name: it is the former code of USSR (withdrawn 1992-08-30, ISO 3166-3 SUHH)...
    """
    if not isinstance(code_or_name, str):
        raise InputError(
            "parameter 'code_or_name': a country must be given as an ISO 3166-1 code or name, "
            f"got {short_repr(code_or_name)}"
        )
    if not code_or_name.strip():
        raise InputError("parameter 'code_or_name' is empty; give an ISO 3166-1 code or name")
    key = fold_name(code_or_name)
    found = _LOOKUP.get(key)
    if found is not None:
        return found
    from dpssec.countries.former import former_countries

    formers = former_countries(code_or_name)
    if formers:
        described = "; ".join(f.describe() for f in formers)
        raise InputError(
            f"{code_or_name!r} is not a current ISO 3166-1 country code or name: it is the "
            f"former code of {described}"
        )
    close = difflib.get_close_matches(key, list(_LOOKUP), n=4, cutoff=0.6)
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise InputError(f"{short_repr(code_or_name)} is not an ISO 3166-1 country code or name{hint}")


@example("Perú")
def is_country(code_or_name: str) -> bool:
    """True when :func:`country` would find ``code_or_name`` (a current ISO 3166-1 country).

    Examples
    --------
    >>> from dpssec.countries import is_country
    >>> is_country("br"), is_country("SU")
    (True, False)
    """
    return isinstance(code_or_name, str) and fold_name(code_or_name) in _LOOKUP
