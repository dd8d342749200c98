"""Field helpers for dpssec's frozen attrs models (quantities and arrays).

``quantity_field("kg")`` declares a dimensional field: the model stores a pint Quantity in the
canonical unit; ``__init__`` accepts a Quantity of the right dimension, a plain number (read in
the canonical unit) or a string such as ``"500 kg"``. The unit is recorded in the field's
metadata so that :mod:`dpssec.serialization` can check the dimension and report the exact
JSON path of a wrong one.

``array_field()`` declares a float-array field compared with ``numpy.array_equal``;
``VALUES_EQ`` compares fields that may hold scalars, arrays or Quantities, NaN equal to NaN, so
that ``from_json(to_json(result), type(result)) == result`` can be asserted for any result.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.errors import InputError
from dpssec.units import Q_, to_magnitude

__all__ = [
    "UNIT_METADATA_KEY",
    "VALUES_EQ",
    "array_field",
    "quantity_converter",
    "quantity_field",
    "values_equal",
]

UNIT_METADATA_KEY = "dpssec.unit"


def quantity_converter(unit: str, name: str, *, nonnegative: bool = True) -> Any:
    """An attrs converter that turns a number, Quantity or ``"500 kg"`` string into ``Q_(x, unit)``."""

    def convert(value: Any) -> Any:
        if isinstance(value, str):
            try:
                value = Q_(value)
            except Exception as exc:
                raise InputError(f"{name}: cannot read {value!r} as a quantity ({exc})") from None
            if not hasattr(value, "units") or value.unitless:  # a bare number in a string
                value = float(getattr(value, "magnitude", value))
        if isinstance(value, bool) or (
            not hasattr(value, "units") and not isinstance(value, int | float | np.number)
        ):
            raise InputError(f"{name}: expected a number or a quantity in {unit}; got {value!r}")
        magnitude = to_magnitude(value, unit, name)
        magnitude = float(magnitude)
        if magnitude != magnitude or magnitude in (float("inf"), float("-inf")):
            raise InputError(f"{name} must be a finite number; got {value}")
        if nonnegative and magnitude < 0:
            raise InputError(f"{name} must be >= 0 {unit}; got {value}")
        return Q_(magnitude, unit)

    convert.__name__ = f"to_{name}_in_{unit}"
    return convert


def quantity_field(
    unit: str,
    name: str,
    *,
    nonnegative: bool = True,
    default: Any = attrs.NOTHING,
    optional: bool = False,
) -> Any:
    """Declare a dimensional model field stored as a Quantity in ``unit``.

    Parameters
    ----------
    unit : str
        Canonical unit (``"kg"``, ``"m"``, ``"m**2"``).
    name : str
        Field name used in error messages.
    nonnegative : bool
        Refuse negative magnitudes.
    default : optional
        Field default.
    optional : bool
        Accept ``None`` (then the default is ``None`` unless given).
    """
    convert = quantity_converter(unit, name, nonnegative=nonnegative)
    if optional:
        inner = convert

        def convert(value: Any) -> Any:
            return None if value is None else inner(value)

        if default is attrs.NOTHING:
            default = None
    return attrs.field(default=default, converter=convert, metadata={UNIT_METADATA_KEY: unit})


def _to_float_array(value: Any) -> np.ndarray:
    arr = np.array(value, dtype=float)
    arr.setflags(write=False)
    return arr


def array_field(*, default: Any = attrs.NOTHING) -> Any:
    """Declare a read-only float-array field compared element-wise (``np.array_equal``)."""
    return attrs.field(
        default=default,
        converter=_to_float_array,
        eq=attrs.cmp_using(eq=np.array_equal),
    )


def values_equal(a: Any, b: Any) -> bool:
    """Whether two field values are equal: element-wise for arrays, NaN equal to NaN.

    Quantities are equal when their units and magnitudes are; lazy (dask) arrays only when
    they are the same object (comparing them would compute them).

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.boundary.fields import values_equal
    >>> values_equal(np.array([1.0, np.nan]), [1.0, np.nan]), values_equal(1.0, 2.0)
    (True, False)
    """
    if a is None or b is None:
        return a is b
    if hasattr(a, "units") != hasattr(b, "units"):
        return False
    if hasattr(a, "units"):
        if a.units != b.units:
            return False
        a, b = a.magnitude, b.magnitude
    if hasattr(a, "__dask_graph__") or hasattr(b, "__dask_graph__"):
        return a is b
    a_arr, b_arr = np.asarray(a), np.asarray(b)
    if a_arr.shape != b_arr.shape:
        return False
    if a_arr.dtype.kind in "fc" or b_arr.dtype.kind in "fc":
        try:
            return bool(np.array_equal(a_arr, b_arr, equal_nan=True))
        except TypeError:  # a float array against text
            return False
    return bool(np.array_equal(a_arr, b_arr))


VALUES_EQ = attrs.cmp_using(eq=values_equal, require_same_type=False)
"""attrs comparison for fields holding scalars, arrays or Quantities (NaN equal to NaN)."""
