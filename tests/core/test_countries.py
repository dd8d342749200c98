from __future__ import annotations

import pytest

from dpssec.countries import MEMBER_STATES, Subregion, member_state, member_states
from dpssec.errors import InputError


def test_thirty_five_member_states_with_unique_codes() -> None:
    assert len(MEMBER_STATES) == 35
    states = list(MEMBER_STATES.values())
    assert len({s.alpha2 for s in states}) == 35
    assert len({s.numeric for s in states}) == 35
    assert all(len(s.alpha2) == 2 and len(s.alpha3) == 3 and len(s.numeric) == 3 for s in states)


def test_subregion_counts() -> None:
    counts = {r: len(member_states(r)) for r in Subregion}
    assert counts == {
        Subregion.NORTH_AMERICA: 3,
        Subregion.CENTRAL_AMERICA: 7,
        Subregion.CARIBBEAN: 13,
        Subregion.SOUTH_AMERICA: 12,
    }


def test_member_states_match_the_shared_data_list() -> None:
    # the 35 codes of ../shared/data/README.md
    listed = (
        "ATG ARG BHS BRB BLZ BOL BRA CAN CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND "
        "JAM MEX NIC PAN PRY PER KNA LCA VCT SUR TTO USA URY VEN"
    ).split()
    assert set(MEMBER_STATES) == set(listed)


@pytest.mark.parametrize(
    ("code", "alpha3"),
    [("co", "COL"), ("COL", "COL"), (" mx ", "MEX"), ("170", "COL"), ("Us", "USA")],
)
def test_lookup_both_ways_case_insensitive(code: str, alpha3: str) -> None:
    state = member_state(code)
    assert state.alpha3 == alpha3
    assert member_state(state.alpha2) is state and member_state(state.alpha3.lower()) is state


def test_names_in_both_languages() -> None:
    assert member_state("BR").name_en == "Brazil" and member_state("BR").name_es == "Brasil"
    assert member_state("KNA").name_es == "San Cristóbal y Nieves"
    assert str(member_state("HT")) == "Haiti (HTI)"


@pytest.mark.parametrize(("code", "suggested"), [("COK", "COL"), ("USX", "USA"), ("chile", "CHL")])
def test_unknown_code_suggests_the_closest(code: str, suggested: str) -> None:
    with pytest.raises(InputError, match="closest") as info:
        member_state(code)
    assert suggested in str(info.value).split("closest:")[1].split(",")[0]


def test_non_member_and_non_string_codes_are_refused() -> None:
    with pytest.raises(InputError):
        member_state("ES")  # Spain: an observer, not a member state
    with pytest.raises(InputError, match="string"):
        member_state(170)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="subregion"):
        member_states("Andes")


# -- the ISO 3166-1 table and the former codes (ISO 3166-3) --------------------------------


def test_member_states_are_a_view_on_the_iso_table() -> None:
    from dpssec.countries import COUNTRIES

    assert len(COUNTRIES) == 249
    for state in MEMBER_STATES.values():
        iso = COUNTRIES[state.alpha3]
        assert state.country is iso
        assert (state.alpha2, state.numeric) == (iso.alpha2, iso.numeric)


def test_any_country_by_code_or_name() -> None:
    from dpssec.countries import country, country_code, is_country

    assert country("es").alpha3 == "ESP" and country("Haití").alpha3 == "HTI"
    assert is_country("Jamaica") and not is_country("SU") and not is_country(5)  # type: ignore[arg-type]
    assert country_code("Germany") == "DEU" and country_code("SU") == "SUN"
    with pytest.raises(InputError, match="former code of USSR"):
        country("SU")
    with pytest.raises(InputError, match="former code of USSR"):
        country_code("SU", former=False)


def test_the_thirty_one_former_codes() -> None:
    # ISO 3166-3 as published by Debian iso-codes 4.15 (/usr/share/iso-codes/json/iso_3166-3.json)
    from dpssec.countries import COUNTRIES, FORMER_COUNTRIES

    assert len(FORMER_COUNTRIES) == 31
    alpha2 = {c.alpha2 for c in COUNTRIES.values()}
    for entry in FORMER_COUNTRIES.values():
        assert entry.alpha4[:2] == entry.alpha2 and len(entry.alpha3) == 3
        assert entry.successors and set(entry.successors) <= alpha2
        # the four-letter code names the successor, unless divided (HH) or a special case
        if entry.alpha4[2:] not in ("HH", "XX", "AA", "CS"):
            assert entry.alpha4[2:] in entry.successors
        assert 1974 <= entry.withdrawal_year <= 2010


@pytest.mark.parametrize(
    ("code", "name", "withdrawn", "successors"),
    [
        ("SU", "USSR", "1992-08-30", {"RU", "UA", "BY", "KZ"}),
        ("YU", "Yugoslavia", "2003-07-23", {"RS", "ME", "HR", "SI", "BA", "MK"}),
        ("DD", "German Democratic Republic", "1990-10-30", {"DE"}),
        ("CSK", "Czechoslovakia", "1993-06-15", {"CZ", "SK"}),
        ("SCG", "Serbia and Montenegro", "2006-09-26", {"RS", "ME"}),
        ("Zaire", "Zaire", "1997-07-14", {"CD"}),
        ("Burma", "Burma", "1989-12-05", {"MM"}),
    ],
)
def test_former_codes_with_their_dates_and_successors(
    code: str, name: str, withdrawn: str, successors: set[str]
) -> None:
    from dpssec.countries import former_country

    entry = former_country(code)
    assert (entry.name, entry.withdrawn) == (name, withdrawn)
    assert successors <= set(entry.successors)


def test_cs_meant_two_countries() -> None:
    from dpssec.countries import former_countries, former_country

    assert [f.alpha3 for f in former_countries("CS")] == ["CSK", "SCG"]
    assert former_country("CS", year=1985).alpha3 == "CSK"
    assert former_country("CS", year=2005).alpha3 == "SCG"
    with pytest.raises(InputError, match="two countries"):
        former_country("CS")
    with pytest.raises(InputError, match="not an ISO 3166-3"):
        former_country("DE")
    su = former_country("SU")
    assert su.valid_in(1978) is True and su.valid_in(1992) is None and su.valid_in(1993) is False
