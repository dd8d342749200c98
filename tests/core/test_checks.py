from __future__ import annotations

import numpy as np
import pytest

from dpssec._checks import (
    as_array,
    check_choice,
    check_confidence,
    check_same_length,
    is_scalar_input,
    maybe_scalar,
)
from dpssec.errors import InputError
from dpssec.units import Q_
from tests.conftest import compute


def test_as_array_accepts_every_array_type(array_type) -> None:  # type: ignore[no-untyped-def]
    out = compute(as_array(array_type([1, 2, 3]), "count", nonnegative=True))
    np.testing.assert_array_equal(np.asarray(out), [1.0, 2.0, 3.0])


def test_as_array_keeps_scalars_zero_dimensional(array_type) -> None:  # type: ignore[no-untyped-def]
    value = array_type([7])
    out = compute(as_array(value, "count"))
    assert np.ndim(out) == np.ndim(value)
    assert float(np.ravel(out)[0]) == 7.0


def test_messages_count_and_locate_bad_values() -> None:
    with pytest.raises(InputError, match=r"'count': 2 of 4 values are negative \(first at index 1"):
        as_array([1, -1, 2, -3], "count", nonnegative=True)
    with pytest.raises(InputError, match=r"'population': 1 of 2 values are zero or negative"):
        as_array([1, 0], "population", positive=True)
    with pytest.raises(InputError, match="NaN or infinite"):
        as_array([1, np.nan], "durations")
    with pytest.raises(InputError, match="not 0 or 1"):
        as_array([0, 1, 2], "events", binary=True)
    with pytest.raises(InputError, match="whole numbers"):
        as_array([1.5], "count", integer=True)
    with pytest.raises(InputError, match="above 1"):
        as_array([0.5, 1.5], "p", upper=1)
    with pytest.raises(InputError, match="numeric"):
        as_array(["a"], "count")
    with pytest.raises(InputError, match="count or a number of persons"):
        as_array(Q_(3, "m"), "count")


def test_nan_allowed_only_when_asked() -> None:
    out = as_array([1.0, np.nan], "x", allow_nan=True, nonnegative=True)
    assert np.isnan(out[1])


def test_dask_checks_are_lazy_and_raise_on_compute() -> None:
    da = pytest.importorskip("dask.array")
    lazy = as_array(
        da.from_array(np.array([1.0, 2.0, 3.0, -1.0]), chunks=2), "count", nonnegative=True
    )
    with pytest.raises(InputError, match=r"first at index 3: -1.0"):
        compute(lazy)


def test_lengths_confidence_choices_and_scalars() -> None:
    assert check_same_length(a=[1, 2], b=np.zeros(2)) == 2
    with pytest.raises(InputError, match="lengths differ"):
        check_same_length(a=[1, 2], b=[1])
    assert check_confidence(95) == pytest.approx(0.95) and check_confidence(0.99) == 0.99
    for bad in (0, 1, 1.96, 2.58, 49, 100, -5, True, "95"):
        with pytest.raises(InputError):
            check_confidence(bad)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="'a', 'b'"):
        check_choice("c", "method", ("a", "b"))
    assert is_scalar_input(1.0, np.float64(2)) and not is_scalar_input([1.0])
    assert maybe_scalar(np.float64(2.0), True) == 2.0 and isinstance(
        maybe_scalar(np.float64(2.0), True), float
    )


def test_empty_input_is_an_empty_array() -> None:
    assert as_array([], "count", nonnegative=True).shape == (0,)


def test_counts_accept_persons_and_dimensionless_quantities() -> None:
    from dpssec.errors import UnitError

    np.testing.assert_array_equal(as_array(Q_([100, 200], "person"), "population"), [100.0, 200.0])
    assert as_array(Q_(5, "percent"), "share") == pytest.approx(0.05)
    with pytest.raises(UnitError, match="'population'"):
        as_array(Q_(3, "m"), "population")
