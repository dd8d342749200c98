"""The error contract on the cases the fuzz suite found (see docs/conventions.md).

Each test pins one fix: the exception type, that the message names the parameter, and that
nothing of Python's internals shows.
"""

from __future__ import annotations

import attrs
import pytest

from dpssec.boundary import Count, Model, Number, Records, calculator, short_repr
from dpssec.errors import InputError


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
