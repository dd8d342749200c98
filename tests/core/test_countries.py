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
