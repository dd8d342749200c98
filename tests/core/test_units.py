from __future__ import annotations

import numpy as np
import pint
import pytest

from dpssec.errors import UnitError
from dpssec.units import Q_, is_quantity, process_units, to_magnitude, ureg, with_units


def test_registry_is_pints_application_registry() -> None:
    q = pint.Quantity(3, "kg")  # made without dpssec
    assert to_magnitude(q, "kg", "neq") == 3
    assert Q_(1, "person").dimensionality == ureg.person.dimensionality


def test_person_unit_is_defined_once() -> None:
    import importlib

    import dpssec.units

    importlib.reload(dpssec.units)  # must not raise "redefinition"
    assert "person" in ureg


def test_pounds_are_converted_to_kilograms() -> None:
    assert to_magnitude(Q_(1000, "lb"), "kg", "neq") == pytest.approx(453.59237)


def test_plain_numbers_are_taken_in_the_canonical_unit() -> None:
    assert to_magnitude(12.5, "kg", "neq") == 12.5
    arr = np.array([1.0, 2.0])
    assert to_magnitude(arr, "m", "distance") is arr


def test_arrays_of_feet_are_converted_elementwise() -> None:
    out = to_magnitude(Q_(np.array([0.0, 1000.0]), "ft"), "m", "distance")
    np.testing.assert_allclose(out, [0.0, 304.8])


def test_wrong_dimension_names_the_parameter_and_units() -> None:
    with pytest.raises(UnitError) as info:
        to_magnitude(Q_(30, "m"), "kg", "neq")
    exc = info.value
    assert exc.parameter == "neq" and exc.expected == "kg" and exc.given == "meter"
    assert "'neq'" in str(exc) and "a mass" in str(exc) and "meter" in str(exc)
    assert isinstance(exc, ValueError)


def test_process_units_converts_named_arguments() -> None:
    @process_units(neq="kg", distance="m")
    def f(neq: float, distance: float, factor: float = 1.0) -> float:
        return (neq + distance) * factor

    assert f(Q_(1, "t"), Q_(1, "km")) == pytest.approx(2000.0)
    assert f(1.0, distance=2.0, factor=2) == 6.0
    with pytest.raises(UnitError, match="'distance'"):
        f(1.0, Q_(2, "kg"))
    assert f.__wrapped__(1.0, 2.0) == 3.0  # type: ignore[attr-defined]


def test_process_units_refuses_unknown_parameters_at_decoration() -> None:
    with pytest.raises(TypeError, match="no parameter"):

        @process_units(mass="kg")
        def g(neq: float) -> float:
            return neq


def test_with_units_and_is_quantity() -> None:
    q = with_units(np.array([1.0, 2.0]), "m")
    assert is_quantity(q) and str(q.units) == "meter"
    assert not is_quantity(1.0)
