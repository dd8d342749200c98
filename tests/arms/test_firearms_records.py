"""FirearmRecord validation, ISO 3166 countries and the JSON round trip."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.arms.firearms import (
    FirearmPart,
    FirearmRecord,
    FirearmStatus,
    Mark,
    MarkKind,
    normalise_serial,
)
from dpssec.arms.firearms.records import parse_status
from dpssec.countries import COUNTRIES, MEMBER_STATES, country
from dpssec.errors import InputError, SchemaError
from dpssec.serialization import from_dict, from_json, to_json


def test_iso_table_is_complete_and_consistent() -> None:
    assert len(COUNTRIES) == 249
    alpha2 = {c.alpha2 for c in COUNTRIES.values()}
    numeric = {c.numeric for c in COUNTRIES.values()}
    assert len(alpha2) == len(numeric) == 249
    assert all(len(c.alpha2) == 2 and len(c.alpha3) == 3 for c in COUNTRIES.values())
    assert all(c.numeric.isdigit() and len(c.numeric) == 3 for c in COUNTRIES.values())


@pytest.mark.parametrize("state", list(MEMBER_STATES.values()), ids=lambda s: s.alpha3)
def test_every_member_state_is_known_by_codes_and_both_names(state) -> None:
    for key in (state.alpha2, state.alpha3, state.numeric, state.name_en, state.name_es):
        assert country(key).alpha3 == state.alpha3
    assert COUNTRIES[state.alpha3].alpha2 == state.alpha2


@pytest.mark.parametrize(
    ("given", "alpha3"),
    [("de", "DEU"), ("Germany", "DEU"), ("AUT", "AUT"), ("040", "AUT"), (" czechia ", "CZE"),
     ("Türkiye", "TUR"), ("South Korea", "KOR"), ("Perú", "PER"), ("estados unidos", "USA")],
)  # fmt: skip
def test_any_iso_country_is_accepted(given: str, alpha3: str) -> None:
    assert country(given).alpha3 == alpha3
    assert (
        FirearmRecord("A1", "X", "Y", country_of_manufacture=given).country_of_manufacture == alpha3
    )


@pytest.mark.parametrize("bad", ["XX", "ZZZ", "999", "Atlantis", "C0"])
def test_unknown_countries_are_refused(bad: str) -> None:
    with pytest.raises(InputError, match=r"country_of_manufacture: .* is not an ISO 3166-1"):
        FirearmRecord("A1", "X", "Y", country_of_manufacture=bad)
    with pytest.raises(InputError, match="import_country"):
        FirearmRecord("A1", "X", "Y", import_country=bad)


def test_empty_country_means_not_recorded() -> None:
    assert FirearmRecord("A1", "X", "Y", import_country=" ").import_country is None


def test_unknown_country_suggests_close_names() -> None:
    with pytest.raises(InputError, match="closest: COLOMBIA"):
        country("Colombai")


@pytest.mark.parametrize("serial", ["", "   ", "\t"])
def test_empty_serial_is_refused(serial: str) -> None:
    with pytest.raises(InputError, match="serial_number: empty serial number"):
        FirearmRecord(serial, "Glock", "17")


@pytest.mark.parametrize(
    ("field", "value"),
    [("serial_number", "--"), ("serial_number", " - / "), ("manufacturer", "."), ("model", "-")],
)
def test_separators_only_are_refused(field: str, value: str) -> None:
    # "--" normalises to "" and would match every other such entry in a reconciliation.
    values = {"serial_number": "A1", "manufacturer": "Glock", "model": "17", field: value}
    with pytest.raises(InputError, match=f"{field}: .* has no letters or digits"):
        FirearmRecord(**values)


def test_other_field_errors() -> None:
    with pytest.raises(InputError, match="manufacturer: empty"):
        FirearmRecord("A1", " ", "17")
    with pytest.raises(InputError, match="serial_number: expected a string"):
        FirearmRecord(12345, "Glock", "17")  # type: ignore[arg-type]
    this_year = dt.date.today().year
    with pytest.raises(InputError, match=f"'year_of_manufacture': .* above {this_year}"):
        FirearmRecord("A1", "Glock", "17", year_of_manufacture=this_year + 1)
    with pytest.raises(InputError, match=r"'import_year': .* not whole numbers"):
        FirearmRecord("A1", "Glock", "17", import_year=2001.5)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"'import_year': .* below 1500"):
        FirearmRecord("A1", "Glock", "17", import_year=201)
    with pytest.raises(InputError, match=r"'import_year' must be numbers .* boolean"):
        FirearmRecord("A1", "Glock", "17", import_year=True)  # type: ignore[arg-type]
    # issue 13: a year that went through pandas ("2001.0", 2001.0) is the year 2001
    for pandas_year in (2001.0, "2001.0", "2001"):
        record = FirearmRecord("A1", "Glock", "17", import_year=pandas_year)  # type: ignore[arg-type]
        assert record.import_year == 2001 and type(record.import_year) is int
    with pytest.raises(InputError, match="import_year 2001 is before year_of_manufacture 2005"):
        FirearmRecord("A1", "Glock", "17", year_of_manufacture=2005, import_year=2001)
    with pytest.raises(InputError, match="'status': 'missing' is not one of 'in stock'"):
        FirearmRecord("A1", "Glock", "17", status="missing")
    with pytest.raises(InputError, match=r"'marks': item 0 is .*, not a Mark"):
        FirearmRecord("A1", "Glock", "17", marks=["SERIAL A1"])  # type: ignore[list-item]


def test_statuses_and_serial_normalisation() -> None:
    assert parse_status("Lost / Stolen".replace(" / ", "/")) is FirearmStatus.LOST_OR_STOLEN
    assert parse_status("STOCK") is FirearmStatus.IN_STOCK
    assert FirearmRecord("A1", "G", "17", status="destroyed").status is FirearmStatus.DESTROYED
    assert normalise_serial("ab-12/3.4_5 x") == "AB12345X"
    record = FirearmRecord("  ab  12 ", "Glock", " G 17 ", location="")
    assert (record.serial_number, record.model, record.location) == ("ab 12", "G 17", None)
    assert record.normalised_serial == "AB12"
    assert not record.imported


def test_json_errors_name_the_field() -> None:
    with pytest.raises(SchemaError, match=r"is not an ISO 3166-1 .*@ \$\.import_country"):
        from_dict(
            {"serial_number": "A1", "manufacturer": "G", "model": "17", "import_country": "XX"},
            FirearmRecord,
        )
    with pytest.raises(SchemaError, match=r"empty serial number.* @ \$\.serial_number"):
        from_dict({"serial_number": "", "manufacturer": "G", "model": "17"}, FirearmRecord)
    with pytest.raises(SchemaError, match=r"\$\.status"):
        from_dict(
            {"serial_number": "A1", "manufacturer": "G", "model": "17", "status": "gone"},
            FirearmRecord,
        )


text = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -/.", min_size=1, max_size=12)
nonblank = text.filter(lambda s: s.strip())
identifying = text.filter(normalise_serial)  # a letter or digit: separators alone are refused
codes = st.sampled_from(sorted(COUNTRIES))
marks = st.builds(
    Mark, st.sampled_from(list(MarkKind)), st.text(max_size=10), st.sampled_from(list(FirearmPart))
)


@st.composite
def records(draw: st.DrawFn) -> FirearmRecord:
    year = draw(st.none() | st.integers(1800, 2024))
    import_year = draw(st.none() | st.integers(year or 1800, 2025))
    return FirearmRecord(
        draw(identifying),
        draw(identifying),
        draw(identifying | st.just("")),
        calibre=draw(st.none() | nonblank),
        country_of_manufacture=draw(st.none() | codes),
        year_of_manufacture=year,
        import_country=draw(st.none() | codes),
        import_year=import_year,
        status=draw(st.sampled_from(list(FirearmStatus))),
        location=draw(st.none() | nonblank),
        marks=draw(st.none() | st.lists(marks, max_size=4)),  # None: marks not recorded
    )


@given(records())
def test_json_round_trip(record: FirearmRecord) -> None:
    assert from_json(to_json(record), FirearmRecord) == record
