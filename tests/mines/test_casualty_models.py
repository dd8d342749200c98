"""Accident, Casualty, Victim, Assistance, Beneficiaries and EORESession: the API.md second-wave
names and keywords, the accepted spellings, the refusals, and JSON round trips (hypothesis)."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import InputError, SchemaError
from dpssec.mines import (
    Accident,
    Assistance,
    Beneficiaries,
    Casualty,
    DeviceType,
    EORESession,
    Outcome,
    Sex,
    Status,
    Victim,
    casualty_summary,
)
from dpssec.mines.casualty_sources import CHILD_UNDER_18, ChildAgeRule
from dpssec.references import Reference
from dpssec.serialization import from_json, to_json

# -- the contract of ../shared/design/API.md, second wave -------------------------------------


def test_api_names_and_keywords() -> None:
    parameters = inspect.signature(Casualty).parameters
    assert list(parameters)[:3] == ["accident", "outcome", "status"]
    assert parameters["sex"].kind is inspect.Parameter.KEYWORD_ONLY
    assert parameters["sex"].default is None and parameters["age"].default is None
    assert [m.value for m in Outcome] == ["killed", "injured", "unknown"]
    assert [m.value for m in Status] == ["civilian", "military", "deminer", "unknown"]
    summary = inspect.signature(casualty_summary).parameters
    assert next(iter(summary)) == "casualties" and summary["by"].default is None
    assert summary["by"].kind is inspect.Parameter.KEYWORD_ONLY


def test_casualty_takes_an_accident_or_its_id() -> None:
    accident = Accident("A-1", "2019-02-03", "AP")
    assert Casualty(accident, "killed", "civilian").accident_id == "A-1"
    assert Casualty("A-1", "killed", "civilian").accident == "A-1"
    with pytest.raises(InputError, match="'accident' must be a non-empty text"):
        Casualty(7, "killed", "civilian")


# -- spellings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_", "expected"),
    [
        ("Military and security forces", Status.MILITARY),
        ("Fuerza Pública", Status.MILITARY),
        ("civil", Status.CIVILIAN),
        ("DEMINER", Status.DEMINER),
    ],
)
def test_status_synonyms(given_: str, expected: Status) -> None:
    assert Casualty("A", "injured", given_).status is expected


@pytest.mark.parametrize(
    ("given_", "expected"),
    [
        ("AP", DeviceType.AP_MINE),
        ("anti-tank mine", DeviceType.AV_MINE),
        ("UXO", DeviceType.ERW),
        ("MUSE", DeviceType.ERW),
        ("victim-activated IED", DeviceType.IMPROVISED_MINE),
        ("cluster submunition", DeviceType.CLUSTER_SUBMUNITION),
    ],
)
def test_device_synonyms(given_: str, expected: DeviceType) -> None:
    assert Accident("A", "2019-01-01", given_).device_type is expected


def test_unknown_words_are_refused_with_the_accepted_ones() -> None:
    with pytest.raises(InputError, match="'outcome': 'wounded' is not one of 'killed'"):
        Casualty("A", "wounded", "civilian")
    with pytest.raises(InputError, match="did you mean 'civilian'"):
        Casualty("A", "injured", "civilan")
    with pytest.raises(
        InputError, match="not the ISO 3166 code or the name of an OAS member state"
    ):
        Accident("A", "2019-01-01", country="XYZ")


# -- refusals (issue item 7) ------------------------------------------------------------------


@pytest.mark.parametrize("age", [-1, 120.5, 130])
def test_ages_outside_0_120_are_refused(age: float) -> None:
    with pytest.raises(InputError, match="'age'"):
        Casualty("A", "injured", "civilian", age=age)


def test_ages_at_the_bounds_are_accepted() -> None:
    assert Casualty("A", "injured", "civilian", age=0).age == 0.0
    assert Casualty("A", "injured", "civilian", age=120).age == 120.0


def test_assistance_before_the_accident_is_refused() -> None:
    with pytest.raises(InputError, match="before the accident on 2017-03-04"):
        Victim(
            "V-1",
            "survivor",
            accident_date="2017-03-04",
            assistance=[Assistance("referral", "2017-03-03")],
        )
    accident = Accident("A", "2017-03-04")
    with pytest.raises(InputError, match="before the accident"):
        Victim(
            "V-1",
            "survivor",
            casualty=Casualty(accident, "injured", "civilian"),
            assistance=[Assistance("medical", "2017-01-01")],
        )


def test_victim_checks_its_casualty() -> None:
    accident = Accident("A", "2017-03-04")
    with pytest.raises(InputError, match="differs from the date"):
        Victim(
            "V",
            "survivor",
            casualty=Casualty(accident, "injured", "civilian"),
            accident_date="2017-03-05",
        )
    with pytest.raises(InputError, match="cannot be a casualty recorded as killed"):
        Victim("V", "survivor", casualty=Casualty(accident, "killed", "civilian"))
    family = Victim("V", "family member", casualty=Casualty(accident, "killed", "civilian"))
    assert family.date_of_accident == dt.date(2017, 3, 4)


def test_beneficiaries_that_do_not_add_up_are_refused() -> None:
    with pytest.raises(InputError, match="do not add up to the reported total 40"):
        Beneficiaries(girls=10, boys=10, women=5, men=5, reported_total=40)
    with pytest.raises(InputError, match="with_disability"):
        Beneficiaries(women=3, with_disability=4)
    assert Beneficiaries(girls=1, unknown=9, reported_total=10).total == 10


def test_unique_persons_above_attendances_are_refused() -> None:
    with pytest.raises(InputError, match="unique persons exceed attendances in girls"):
        EORESession("S", "2020-01-01", {"girls": 5, "boys": 9}, unique_persons={"girls": 6})


# -- child rule -------------------------------------------------------------------------------


def test_child_flag_follows_the_rule_and_falls_back_on_the_age_group() -> None:
    assert Casualty("A", "injured", "civilian", age=17).is_child() is True
    assert Casualty("A", "injured", "civilian", age=18).is_child() is False
    assert Casualty("A", "injured", "civilian", age_group="child").is_child() is True
    assert Casualty("A", "injured", "civilian").is_child() is None
    national = ChildAgeRule("under 16", 16, Reference("national rule", "2020"))
    assert Casualty("A", "injured", "civilian", age=17).is_child(national) is False
    assert CHILD_UNDER_18.verified is False and national.verified is True


def test_an_age_group_that_contradicts_the_age_is_refused_at_construction() -> None:
    with pytest.raises(InputError, match=r"'age_group': 'child' contradicts the age 40"):
        Casualty("A", "killed", "civilian", age=40, age_group="child")
    with pytest.raises(InputError, match=r"'age_group': 'adult' contradicts the age 9"):
        Casualty("A", "killed", "civilian", age=9, age_group="adult")
    assert Casualty("A", "killed", "civilian", age=9, age_group="child").is_child() is True
    assert Casualty("A", "killed", "civilian", age=40, age_group="unknown").is_child() is False
    from dpssec.mines.casualty_readers import read_casualties

    text = (
        b"accident_id,date,outcome,status,age,age_group\nA-1,2019-02-03,injured,civilian,40,child\n"
    )
    with pytest.raises(SchemaError, match=r"line 2: parameter 'age_group': 'child' contradicts"):
        read_casualties(text)


# -- JSON round trips -------------------------------------------------------------------------

_text = st.text(alphabet="ABCDEFGHIJ-0123456789", min_size=1, max_size=8)
_day = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
_accidents = st.builds(
    Accident,
    _text,
    _day,
    st.sampled_from(list(DeviceType)),
    country=st.sampled_from([None, "COL", "PER", "NIC"]),
    department=st.none() | _text,
    latitude=st.none() | st.floats(-90, 90),
    tampering=st.none() | st.booleans(),
    demining=st.booleans(),
)
_casualties = st.builds(
    Casualty,
    _accidents | _text,
    st.sampled_from(list(Outcome)),
    st.sampled_from(list(Status)),
    sex=st.none() | st.sampled_from(list(Sex)),
    age=st.none() | st.floats(0, 120),
    id=st.none() | _text,
)
_beneficiaries = st.builds(
    Beneficiaries,
    girls=st.integers(0, 50),
    boys=st.integers(0, 50),
    women=st.integers(0, 50),
    men=st.integers(0, 50),
    unknown=st.integers(0, 50),
)


@given(_casualties)
def test_casualties_round_trip(casualty: Casualty) -> None:
    assert from_json(to_json(casualty), Casualty) == casualty


@given(_beneficiaries, _day, st.booleans())
def test_sessions_round_trip(attendances: Beneficiaries, day: dt.date, tracked: bool) -> None:
    unique = Beneficiaries(girls=attendances.girls // 2, men=attendances.men) if tracked else None
    session = EORESession("S-1", day, attendances, unique_persons=unique, organisation="Op A")
    assert from_json(to_json(session), EORESession) == session


@given(_day, st.lists(st.integers(0, 400), max_size=4))
def test_victims_round_trip(day: dt.date, delays: list[int]) -> None:
    kinds = ["medical", "referral", "psychological_support", "socio_economic_inclusion"]
    victim = Victim(
        "V-1",
        "survivor",
        accident_date=day,
        needs=kinds[:2],
        assistance=[Assistance(kinds[i], day + dt.timedelta(days=d)) for i, d in enumerate(delays)],
    )
    assert from_json(to_json(victim), Victim) == victim


def test_json_refusals_name_the_path() -> None:
    text = to_json(Casualty("A", "injured", "civilian", age=30)).replace("30.0", "130")
    with pytest.raises(SchemaError, match=r"above 120 .*@ \$\.age"):
        from_json(text, Casualty)
    session = to_json(EORESession("S", "2020-01-01", {"girls": 5}))
    with pytest.raises(SchemaError, match=r"\$\.attendances"):
        from_json(session.replace('"girls": 5', '"girls": -5'), EORESession)
