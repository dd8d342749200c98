"""Strict JSON round trips of the core models (and of a model with every field kind)."""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.boundary.fields import array_field, quantity_field
from dpssec.countries import MEMBER_STATES, MemberState
from dpssec.errors import SchemaError
from dpssec.findings import ComplianceReport, Finding, Severity
from dpssec.references import Reference
from dpssec.serialization import from_dict, from_json, to_dict, to_json
from dpssec.units import Q_, Quantity


class Kind(enum.Enum):
    MAGAZINE = "magazine"
    STACK = "stack"


def _nonneg(instance: object, attribute: Any, value: float) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


@attrs.frozen
class Building:
    id: str
    count: int
    neq: Quantity = quantity_field("kg", "neq")
    kind: Kind = Kind.MAGAZINE
    built: dt.date = dt.date(2020, 1, 1)
    share: float = attrs.field(default=0.0, validator=_nonneg)


@attrs.frozen
class Depot:
    buildings: list[Building]
    grid: np.ndarray = array_field(default=np.zeros(2))


GOOD = {"buildings": [{"id": "a", "count": 1, "neq": "1000 lb"}, {"id": "b", "count": 2, "neq": 5}]}


def _error(data: Any, cls: type = Depot) -> SchemaError:
    with pytest.raises(SchemaError) as info:
        from_dict(data, cls)
    return info.value


def _with(**changes: Any) -> dict[str, Any]:
    b = {"id": "b", "count": 2, "neq": 5}
    b.update(changes)
    return {"buildings": [{"id": "a", "count": 1, "neq": 1}, {"id": "x", "count": 1, "neq": 1}, b]}


def test_reads_quantities_in_other_units_and_bare_numbers() -> None:
    depot = from_dict(GOOD, Depot)
    assert depot.buildings[0].neq.to("kg").magnitude == pytest.approx(453.59237)
    assert depot.buildings[1].neq == Q_(5.0, "kg")


def test_quantity_output_format() -> None:
    data = to_dict(from_dict(GOOD, Depot))
    assert data["buildings"][1]["neq"] == {"magnitude": 5.0, "units": "kilogram"}
    assert data["buildings"][1]["built"] == "2020-01-01"
    assert data["buildings"][1]["kind"] == "magazine"
    assert data["grid"] == [0.0, 0.0]


def test_unknown_key_is_refused_with_its_path() -> None:
    exc = _error(_with(colour="red"))
    assert "unknown field(s) colour @ $.buildings[2]" in str(exc)


@pytest.mark.parametrize("bad", [5.9, "5", True])
def test_no_silent_int_coercion(bad: Any) -> None:
    exc = _error(_with(count=bad))
    assert "@ $.buildings[2].count" in str(exc) and "expected an integer" in str(exc)


def test_a_length_given_for_a_mass_is_refused_with_the_path() -> None:
    exc = _error(_with(neq="30 m"))
    assert "@ $.buildings[2].neq" in str(exc) and "kg" in str(exc) and "[length]" in str(exc)
    exc = _error(_with(neq={"magnitude": 30, "units": "ft"}))
    assert "@ $.buildings[2].neq" in str(exc)


def test_bad_enum_value_lists_the_valid_ones() -> None:
    exc = _error(_with(kind="bunker"))
    assert "@ $.buildings[2].kind" in str(exc) and "'magazine'" in str(exc)


def test_validator_message_appears_at_the_field_path() -> None:
    exc = _error(_with(share=-0.5))
    assert "share must be >= 0, got -0.5 @ $.buildings[2].share" in str(exc)


def test_converter_refusal_appears_at_the_field_path() -> None:
    exc = _error(_with(neq=-3))
    assert "neq must be >= 0" in str(exc) and "@ $.buildings[2].neq" in str(exc)


def test_bad_dates_and_missing_fields() -> None:
    assert "@ $.buildings[2].built" in str(_error(_with(built="2020-13-01")))
    assert "@ $.buildings[2].built" in str(_error(_with(built=20200101)))
    exc = _error({"buildings": [{"id": "a", "neq": 1}]})
    assert "required field missing @ $.buildings[0].count" in str(exc)


def test_every_problem_is_listed() -> None:
    exc = _error({"buildings": [{"id": 3, "count": "x", "neq": 1}]})
    assert len(exc.errors) == 2


def test_bad_arrays_and_bad_json() -> None:
    exc = _error({"buildings": [], "grid": [1, "x"]})
    assert "@ $.grid" in str(exc) and "index 1" in str(exc)
    with pytest.raises(SchemaError, match="not valid JSON"):
        from_json("{", Depot)


def test_float_fields_accept_integers_but_not_strings_or_booleans() -> None:
    assert from_dict(_with(share=1), Depot).buildings[2].share == 1.0
    assert "expected a number" in str(_error(_with(share="1")))
    assert "expected a number" in str(_error(_with(share=False)))


def test_model_round_trip_with_arrays() -> None:
    depot = Depot([Building("a", 1, Q_(2, "t"))], grid=np.array([1.5, 2.5]))
    assert from_json(to_json(depot), Depot) == depot


# -- hypothesis round trips of the core models --------------------------------------------------

text = st.text(min_size=1, max_size=20).filter(lambda s: s.strip() != "")
references = st.builds(
    Reference,
    document=text,
    edition=st.text(max_size=20),
    clause=st.text(max_size=30),
    verified=st.booleans(),
    url=st.none() | st.text(max_size=30),
)
json_scalars = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=10)
findings = st.builds(
    Finding,
    code=text,
    severity=st.sampled_from(Severity),
    message=st.text(max_size=50),
    subject=st.text(max_size=20),
    reference=st.none() | references,
    details=st.dictionaries(st.text(max_size=8), json_scalars, max_size=4),
)


@given(references)
def test_reference_round_trip(ref: Reference) -> None:
    assert from_json(to_json(ref), Reference) == ref


@given(findings)
def test_finding_round_trip(finding: Finding) -> None:
    assert from_json(to_json(finding), Finding) == finding


@given(st.lists(findings, max_size=4), st.text(max_size=10), st.text(max_size=10))
def test_compliance_report_round_trip(items: list[Finding], title: str, criteria: str) -> None:
    report = ComplianceReport(tuple(items), title=title, criteria=criteria)
    assert from_json(to_json(report), ComplianceReport) == report


@given(st.sampled_from(list(MEMBER_STATES.values())))
def test_member_state_round_trip(state: MemberState) -> None:
    assert from_json(to_json(state), MemberState) == state


@given(
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
    st.sampled_from(["kg", "lb", "t", "g"]),
    st.integers(min_value=0, max_value=10**6),
    st.dates(),
    st.sampled_from(Kind),
)
def test_quantity_model_round_trip(
    magnitude: float, unit: str, count: int, day: dt.date, kind: Kind
) -> None:
    building = Building("b", count, Q_(magnitude, unit), kind=kind, built=day)
    back = from_json(to_json(building), Building)
    assert back == building
    assert json.loads(to_json(building))["neq"]["units"] == "kilogram"


def test_bare_number_strings_are_read_in_the_canonical_unit() -> None:
    assert from_dict(_with(neq="150"), Depot).buildings[2].neq == Q_(150.0, "kg")
    assert Building("b", 1, "150").neq == Q_(150.0, "kg")
    assert Building("b", 1, "2 t").neq == Q_(2000.0, "kg")


def test_json_reads_choices_with_the_shared_parser() -> None:
    from dpssec.arms import PESKind
    from dpssec.errors import SchemaError
    from dpssec.serialization import from_json

    assert from_json('"igloo"', PESKind) is PESKind.EARTH_COVERED_MAGAZINE
    assert from_json('"Earth Covered Magazine"', PESKind) is PESKind.EARTH_COVERED_MAGAZINE
    with pytest.raises(SchemaError, match="not a valid PESKind"):
        from_json('"nonsense"', PESKind)
