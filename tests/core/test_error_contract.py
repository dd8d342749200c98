"""The error contract on the cases the fuzz suite found (see docs/conventions.md).

Each test pins one fix: the exception type, that the message names the parameter, and that
nothing of Python's internals shows.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from dpssec.boundary import Count, Model, Number, Records, calculator, short_repr
from dpssec.errors import InputError, SchemaError


@calculator(
    count=Number(lower=0), total=Number(positive=True), example={"count": [1], "total": [2]}
)
def _ratio(count, total):  # type: ignore[no-untyped-def]
    return count / total


@calculator(events=Count(), people=Count(positive=True), example={"events": [1], "people": [2]})
def _outer(events, people):  # type: ignore[no-untyped-def]
    return _ratio(events, people * 1e-10)


def test_an_overflow_names_the_parameters_that_hold_extreme_values() -> None:
    with pytest.raises(InputError, match=r"parameter 'total' holds values too large or too small"):
        _ratio(1, 1e-320)


def test_an_overflow_inside_a_step_names_the_outer_parameters() -> None:
    with pytest.raises(InputError) as caught:
        _outer(1e300, 1)
    message = str(caught.value)
    assert message.startswith("_outer: parameter 'events' holds values")
    assert "(_ratio)" in message


def test_short_repr_hides_memory_addresses() -> None:
    assert short_repr(object()) == "<object>"
    assert short_repr("x" * 100).endswith("...")


@attrs.frozen
class _Stock:
    neq: float


def test_model_and_records_refuse_other_values_by_name() -> None:
    assert Records(_Stock).convert((s for s in [_Stock(1.0)]), "stocks") == (_Stock(1.0),)
    assert Records(_Stock, single=True).convert(_Stock(1.0), "stocks") == (_Stock(1.0),)
    for bad in (None, 3, "ab", {"neq": 1}, [[_Stock(1.0)]]):
        with pytest.raises(InputError, match="'stocks'"):
            Records(_Stock).convert(bad, "stocks")
    with pytest.raises(InputError, match="at least one stock"):
        Records(_Stock, empty=False, noun="stock").convert([], "stocks")
    with pytest.raises(InputError, match=r"parameter 'stock' must be a _Stock; got 1\.5 \(float\)"):
        Model(_Stock).convert(1.5, "stock")
    assert Model(_Stock, optional=True).convert(None, "stock") is None


@calculator(
    values=Number(),
    weights=Number(positive=True),
    elementwise=False,
    example={"values": [1.0, 2.0], "weights": [1.0, 1.0]},
)
def _weighted_mean(values, weights):  # type: ignore[no-untyped-def]
    return (values * weights).sum() / weights.sum() + 0 * weights[0]  # indexes a row


def test_one_value_stands_for_every_row_of_a_reduction() -> None:
    assert _weighted_mean([1.0, 3.0], 2.0) == 2.0
    assert _weighted_mean(4.0, [1.0, 3.0]) == 4.0


def test_json_nesting_is_bounded_with_the_path() -> None:
    from dpssec.references import Reference
    from dpssec.serialization import MAX_DEPTH, from_dict, from_json

    deep: object = 1
    for _ in range(MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(SchemaError, match=rf"deeper than {MAX_DEPTH} levels @ \$\[0\]\[0\]"):
        from_dict(deep, list)
    with pytest.raises(SchemaError, match="nested deeper than"):
        from_json("[" * 100_000 + "]" * 100_000, list)
    with pytest.raises(SchemaError, match="deeper than"):
        from_json('{"document": ' + '{"a": ' * 80 + "1" + "}" * 81, Reference)


def test_from_dict_refuses_what_is_not_a_class_or_not_an_object() -> None:
    from dpssec.references import Reference
    from dpssec.serialization import from_dict, from_json, to_json

    with pytest.raises(InputError, match="parameter 'cls' must be the class to read"):
        from_dict({}, None)  # type: ignore[arg-type]
    with pytest.raises(SchemaError) as caught:
        from_dict(["ITI", "2005"], Reference)
    assert "expected an object with the fields of Reference, got ['ITI', '2005'] (list) @ $" in str(
        caught.value
    )
    assert "attribute" not in str(caught.value)
    with pytest.raises(InputError, match="parameter 'text' must be a JSON text"):
        from_json(3.5, Reference)  # type: ignore[arg-type]
    with pytest.raises(SchemaError, match=r"cannot write <object> .* as JSON"):
        to_json(object())
    with pytest.raises(InputError, match="parameter 'indent'"):
        to_json(Reference("ITI", "2005"), indent=2.5)  # type: ignore[arg-type]


def test_pint_errors_do_not_escape_dpssec_units() -> None:
    from dpssec.errors import UnitError
    from dpssec.units import Q_, to_magnitude, with_units

    with pytest.raises(UnitError, match="parameter 'unit': 'parsecs of gold' is not a unit"):
        with_units(1.0, "parsecs of gold")
    with pytest.raises(UnitError, match="parameter 'unit' must be the name of a unit"):
        to_magnitude(Q_(1, "km"), 3.0, "distance")  # type: ignore[arg-type]
    with pytest.raises(UnitError, match="parameter 'magnitude' expects a length"):
        with_units(Q_(1.0, "kg"), "m")
    with pytest.raises(InputError, match="parameter 'magnitude' must be a number"):
        with_units(None, "m")
    assert with_units(Q_(1.0, "km"), "m").magnitude == 1000.0


def test_omitting_every_row_is_refused_by_name() -> None:
    from dpssec.stats import kaplan_meier

    with pytest.raises(InputError, match=r"every row \(3\) has a missing value in 'events'"):
        kaplan_meier([1, 2, 3], float("nan"), nan_policy="omit")


def test_a_structured_result_that_overflows_is_refused() -> None:
    from dpssec.justice import system_overcrowding

    with pytest.raises(InputError, match="'populations' holds values too large or too small"):
        system_overcrowding(1e308, [100, 150, 150])


def test_flags_and_choices_given_as_zero_dimensional_arrays() -> None:
    import numpy as np

    from dpssec.boundary import Choices, Flags
    from dpssec.units import Q_

    assert Flags().convert(np.array(True), "benefit") is True
    with pytest.raises(InputError, match="'benefit' must be True/False"):
        Flags().convert(Q_(1.0, "kg"), "benefit")
    with pytest.raises(InputError, match=r"must hold True or False for each item; item 0"):
        Flags().convert([10**400, True], "benefit")
    assert Choices(("a", "b")).convert(np.array("b"), "kinds") == ("b",)


def test_short_repr_names_classes_without_their_repr() -> None:
    from dpssec.references import Reference

    assert short_repr([Reference]) == "[dpssec.references.Reference]"


def test_files_the_system_refuses_name_the_file(tmp_path: Any) -> None:
    from dpssec.io import csv_rows, read_text

    with pytest.raises(InputError, match="not a usable file name"):
        read_text("x" * 5000 + ".csv")
    (tmp_path / "empty.csv").write_bytes(b"  \n")
    with pytest.raises(InputError, match="the file is empty"):
        read_text(tmp_path / "empty.csv")
    (tmp_path / "binary.csv").write_bytes(bytes(range(256)))
    with pytest.raises(InputError, match="binary file"):
        read_text(tmp_path / "binary.csv")
    with pytest.raises(InputError, match="parameter 'reader' must be a csv reader"):
        csv_rows("a,b", "table.csv")  # type: ignore[arg-type]
