"""The error contract on classes: the cases found when the fuzz suite began fuzzing them.

Each test pins one fix: the exception type, that the message names the field or parameter,
and that nothing of Python's internals shows.
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import numpy as np
import pytest

from dpssec.boundary import Count, Text, example, example_by
from dpssec.errors import DataQualityWarning, InputError


@example_by(lambda: _Pair(1, 2))
@attrs.frozen
class _Pair:
    low: int
    high: int = attrs.field()

    @high.validator
    def _check(self, _: Any, value: Any) -> None:
        if value < self.low:
            raise ValueError("high below low")


def test_a_class_made_by_its_calculator_is_guarded_too() -> None:
    with pytest.raises(InputError, match="_Pair: parameter 'high'"):
        _Pair(1, "two")


@example("a", "b")
@attrs.frozen
class _Band:
    lower: Any
    label: Any


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, r"_Band needs 'lower', 'label'; they are not given"),
        ((1,), {}, r"_Band needs 'label'; it is not given"),
        ((1, "a", 2), {}, r"_Band takes at most 2 values in order \(lower, label\); got 3"),
        ((1,), {"colour": "red"}, r"_Band has no field 'colour'; its fields are lower, label"),
        ((1,), {"lower": 2}, r"_Band: 'lower' is given twice"),
    ],
)
def test_arguments_that_fit_no_call_are_said_in_terms_of_fields(
    args: tuple[Any, ...], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        _Band(*args, **kwargs)
    assert "positional" not in str(caught.value)


def test_classification_names_its_field() -> None:
    from dpssec.arms import Classification

    assert str(Classification("1.2.1", "E")) == "1.2.1E"
    for bad in (math.nan, {}, None):
        with pytest.raises(InputError, match="parameter 'division'"):
            Classification(bad, "E")
        with pytest.raises(InputError, match="parameter 'group'"):
            Classification("1.2.1", bad)


def test_retention_profile_checks_its_mappings() -> None:
    from dpssec.arms import RetentionProfile
    from dpssec.arms.firearms.retention import PROTOCOL_RETENTION

    references = PROTOCOL_RETENTION.references
    by_name = RetentionProfile("x", {k.value: 5 for k in references}, references)
    assert set(by_name.years.values()) == {5}
    with pytest.raises(InputError, match="parameter 'years' must map record kinds"):
        RetentionProfile("x", math.nan, references)
    with pytest.raises(InputError, match=r"parameter 'years \(manufacture\)'.* from 0 to 1,000"):
        RetentionProfile("x", {"manufacture": -1}, references)
    with pytest.raises(InputError, match=r"parameter 'years \(a record kind\)'"):
        RetentionProfile("x", {"nope": 1}, references)
    with pytest.raises(InputError, match="parameter 'references' has no entry for"):
        RetentionProfile("x", PROTOCOL_RETENTION.years, {})


def test_sequences_of_models_name_the_field() -> None:
    from dpssec.boundary import call_example
    from dpssec.justice import CaseflowReturn, PrisonFacility

    for bad in ("text", [1], np.array([1.0, 2.0])):
        with pytest.raises(InputError, match="parameter 'periods'"):
            CaseflowReturn(bad)
    facility = call_example(PrisonFacility)
    for bad in ("text", [{}], [10**400]):
        with pytest.raises(InputError, match="parameter 'cells'"):
            attrs.evolve(facility, cells=bad)
    cell = facility.cells[0]
    with pytest.raises(InputError, match=r"parameter 'cells': cell name .* appears more than once"):
        attrs.evolve(facility, cells=[cell, cell])


def test_release_cohort_measure_is_named_without_an_address() -> None:
    from dpssec.justice import ReleaseCohort

    dates = (["2020-01-15"], [None], "2022-12-31")
    with pytest.raises(InputError, match="parameter 'measure'"):
        ReleaseCohort(*dates, "")
    with pytest.raises(InputError, match="parameter 'measure'") as caught:
        ReleaseCohort(*dates, object())
    assert " at 0x" not in str(caught.value)


def test_scoring_items_that_fit_no_band_or_factor() -> None:
    from dpssec.mines import impact_category
    from dpssec.mines.scoring import LIS_PRESET, ScoringScheme

    with pytest.raises(InputError, match=r"bands\[0\] .*Band needs 'lower', 'label'"):
        impact_category([4.0], [[]])
    with pytest.raises(InputError, match=r"bands\[1\] .*takes at most 2 values"):
        impact_category([4.0], [[0, "low"], [1, "high", 2, "x"]])
    with pytest.raises(InputError, match=r"parameter 'factors': .* at least one factor"):
        ScoringScheme({}, LIS_PRESET.bands)


def test_nones_given_to_a_result_are_said() -> None:
    from dpssec.stats import Estimate

    with pytest.warns(DataQualityWarning, match="field 'numerator': 2 of 3 values are None"):
        built = Estimate(1.0, 0.5, 2.0, 0.95, "exact", numerator=[None, 2, None])
    assert np.isnan(built.numerator).tolist() == [True, False, True]


def test_data_files_are_named_not_looked_up_on_disk() -> None:
    from dpssec.data import data_file

    assert data_file("justice_prisons.csv").name == "justice_prisons.csv"
    for bad in ("../__init__.py", "x" * 5000, "a\x00b"):
        with pytest.raises(InputError, match="parameter 'name': dpssec ships no data file"):
            data_file(bad)
    with pytest.raises(InputError, match="parameter 'name' must be a non-empty text"):
        data_file(5)  # type: ignore[arg-type]


def test_schemas_and_columns_check_their_fields() -> None:
    from dpssec.io import Column, Schema, column, numeric_schema

    assert Column("a", Count(), es="b").es == "b"
    assert Schema("s", [Column("a", Count())], ignored="notes").ignored == ("notes",)
    with pytest.raises(InputError, match="parameter 'spec' must be a Spec"):
        Column("a", math.nan)
    with pytest.raises(InputError, match="parameter 'es' must be a header name"):
        Column("a", Count(), es=np.array([1.0]))
    with pytest.raises(InputError, match="parameter 'columns': item 0"):
        Schema("s", ["a"])
    with pytest.raises(InputError, match="parameter 'extra'"):
        Schema("s", [], extra="drop")
    with pytest.raises(InputError, match="parameter 'build' must be a function"):
        Schema("s", [], build=3)
    with pytest.raises(InputError, match="parameter 'field'"):
        column(np.array([1.0]), Text())  # type: ignore[arg-type]
    assert [c.field for c in numeric_schema("n", "deaths").columns] == ["deaths"]


def test_table_helpers_check_their_arguments() -> None:
    from dpssec.io import Table, models_from_rows, require_values

    table = Table("t", {"name": ["a"]}, [2])
    assert models_from_rows(table, dict) == [{"name": "a"}]
    with pytest.raises(InputError, match="parameter 'table' must be a Table"):
        models_from_rows({"name": ["a"]}, dict)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="parameter 'make'"):
        models_from_rows(table, "dict")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="parameter 'defaults'"):
        models_from_rows(table, dict, defaults=[1])  # type: ignore[arg-type]
    with pytest.raises(InputError, match="parameter 'fields'"):
        require_values(table, 3)  # type: ignore[arg-type]


def test_flags_of_look_ups_are_checked_before_they_are_needed() -> None:
    from dpssec.countries import country_code

    with pytest.raises(InputError, match="parameter 'former' must be True or False"):
        country_code("Brasil", former=np.array([True]))  # type: ignore[arg-type]


def test_unit_suffix_takes_units_only() -> None:
    from dpssec.rendering import unit_suffix
    from dpssec.units import ureg

    assert unit_suffix(ureg("kg/m**3").units) == "kg_per_m3"
    with pytest.raises(InputError, match="parameter 'unit'"):
        unit_suffix(ureg("1 kg"))
    with pytest.raises(InputError, match="parameter 'unit'"):
        unit_suffix(5)


def test_sniffing_cuts_long_lines_and_keeps_the_decimal_lines() -> None:
    from dpssec.io import sniff_dialect

    head = "name;value\n" + "a;1\n" * 100
    assert sniff_dialect(head + "b;1,5\n", decimal_lines=200) == (";", ",")
    assert sniff_dialect(head + "b;1,5\n", decimal_lines=50) == (";", ".")
    long_line = "a;" + "x" * 100_000 + ";1,5\n"  # cut: its decimal comma is not seen
    assert sniff_dialect("name;note;value\n" + long_line) == (";", ".")
    with pytest.raises(InputError, match="parameter 'decimal_lines'"):
        sniff_dialect(head, decimal_lines=0)
