"""Units: one registry, and the boundary helpers every public calculator uses.

dpssec checks units once, at the boundary of a public function, and computes on plain
magnitudes inside (MetPy's lesson: pint in a per-row path costs 30-50x). The rules:

* A dimensional parameter accepts a pint Quantity *or* a plain number/array. A plain value is
  taken to be in the parameter's canonical unit, stated in brackets in its docstring
  (NEQ [kg], distance [m], area [m²], depth [cm], time [days] unless said otherwise).
* A Quantity is converted to the canonical unit; one of the wrong dimension raises
  :class:`~dpssec.errors.UnitError` naming the parameter, the expected and the given unit.
* Dimensional outputs are Quantities in canonical units.

The registry is pint's application registry, so Quantities made with ``pint.Quantity`` or
``dpssec.units.Q_`` mix freely. The domain unit ``person`` (dimension ``[population]``) is
defined once, idempotently.

For example:

>>> from dpssec.units import Q_, to_magnitude
>>> round(to_magnitude(Q_(1000, "lb"), "kg", "neq"), 3)
453.592
>>> to_magnitude(250.0, "kg", "neq")  # a plain number is already in kg
250.0
>>> to_magnitude(Q_(30, "m"), "kg", "neq")
Traceback (most recent call last):
...
dpssec.errors.UnitError: parameter 'neq' expects a mass in kg; got 30 meter ([length]). ...
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import pint

from dpssec.boundary import example, short_repr
from dpssec.errors import InputError, UnitError

__all__ = [
    "CANONICAL_UNITS",
    "Q_",
    "Quantity",
    "is_quantity",
    "process_units",
    "to_magnitude",
    "ureg",
    "with_units",
]

ureg: Any = pint.get_application_registry()  # type: ignore[no-untyped-call]
"""The one unit registry (pint's application registry, with dpssec's domain units)."""

Quantity = pint.Quantity
"""The Quantity class for type annotations and ``isinstance`` checks."""


def _define(definition: str) -> None:
    name = definition.split("=", 1)[0].strip()
    if name not in ureg:
        ureg.define(definition)


_define("person = [population] = persons")

Q_: Any = ureg.Quantity
"""Build a Quantity on dpssec's registry: ``Q_(500, "kg")``, ``Q_("500 kg")``."""

CANONICAL_UNITS: dict[str, str] = {
    "neq": "kg",
    "net_explosive_quantity": "kg",
    "distance": "m",
    "area": "m**2",
    "floor_area": "m**2",
    "sanitary_area": "m**2",
    "depth": "cm",
    "duration": "day",
    "time": "day",
    "cost": "dimensionless",
}
"""Glossary of parameter names and their canonical units (see the docs' glossary page)."""

_DIMENSION_NAMES: dict[str, str] = {
    "[mass]": "a mass",
    "[length]": "a length",
    "[length] ** 2": "an area",
    "[time]": "a duration",
    "[population]": "a number of persons",
    "": "a dimensionless number",
}

_unit_cache: dict[str, Any] = {}


def _unit(unit: str) -> Any:
    cached = _unit_cache.get(unit) if isinstance(unit, str) else None
    if cached is None:
        cached = _parse_unit(unit)
        if isinstance(unit, str):
            _unit_cache[unit] = cached
    return cached


def _parse_unit(unit: Any) -> Any:
    """A pint Unit from its name; pint's own errors become :class:`UnitError`."""
    if isinstance(unit, pint.Unit):
        return unit
    if not isinstance(unit, str) or not unit.strip():
        raise UnitError(
            f"parameter 'unit' must be the name of a unit such as 'kg' or 'm**2'; got "
            f"{short_repr(unit)}",
            parameter="unit",
        )
    try:
        return ureg.Unit(unit)
    except Exception as exc:  # UndefinedUnitError, a scaling factor, unparsable text...
        raise UnitError(
            f"parameter 'unit': {unit!r} is not a unit pint knows ({type(exc).__name__}); "
            "write e.g. 'kg', 'm**2' or 'day'",
            parameter="unit",
            given=unit,
        ) from None


@example(1.0)
def is_quantity(value: object) -> bool:
    """Whether ``value`` is a pint Quantity (of any registry)."""
    return isinstance(value, pint.Quantity)


def _describe(dimensionality: Any) -> str:
    key = str(dimensionality) if dimensionality else ""
    return _DIMENSION_NAMES.get(key, f"a quantity of dimension {key or 'dimensionless'}")


@example(Q_(2, "km"), "m", "distance")
def to_magnitude(value: Any, unit: str, name: str) -> Any:
    """Return the magnitude of ``value`` in ``unit``, checking its dimension.

    Parameters
    ----------
    value : Quantity or array-like
        A pint Quantity (converted to ``unit``) or a plain number/array, which is taken to be
        in ``unit`` already and returned unchanged.
    unit : str
        The parameter's canonical unit, e.g. ``"kg"``.
    name : str
        The parameter name, used in the error message.

    Returns
    -------
    number or array
        The magnitude in ``unit`` (same container type as the Quantity's magnitude).

    Raises
    ------
    UnitError
        If ``value`` is a Quantity whose dimension differs from ``unit``'s.

    Examples
    --------
    >>> from dpssec.units import Q_, to_magnitude
    >>> to_magnitude(Q_(2, "km"), "m", "distance")
    2000.0
    """
    target = _unit(unit)  # a unit name is checked even when the value is a plain number
    if not isinstance(value, pint.Quantity):
        return value
    if value.dimensionality != target.dimensionality:
        expected = _describe(target.dimensionality)
        given_units = f"{value.units}"
        raise UnitError(
            f"parameter {name!r} expects {expected} in {unit}; got {value} "
            f"({value.dimensionality or 'dimensionless'}). Pass Q_(x, {unit!r}) or a plain "
            f"number, which is read as {unit}.",
            parameter=name,
            expected=unit,
            given=given_units,
        )
    if value.units == target:
        return value.magnitude
    return value.to(target).magnitude


@example(12.5, "m")
def with_units(magnitude: Any, unit: str) -> Any:
    """Attach ``unit`` to a magnitude (the output side of the boundary).

    Examples
    --------
    >>> from dpssec.units import with_units
    >>> with_units(12.5, "m")
    <Quantity(12.5, 'meter')>
    """
    target = _unit(unit)
    if isinstance(magnitude, pint.Quantity):
        return ureg.Quantity(to_magnitude(magnitude, str(target), "magnitude"), target)
    if magnitude is None or isinstance(magnitude, str | bytes | bool | dict):
        raise InputError(
            f"parameter 'magnitude' must be a number or an array of numbers; got "
            f"{short_repr(magnitude)}"
        )
    try:
        return ureg.Quantity(magnitude, target)
    except Exception:  # pint refuses what it cannot hold as a magnitude
        raise InputError(
            f"parameter 'magnitude' must be a number or an array of numbers; got "
            f"{short_repr(magnitude)}"
        ) from None


P = ParamSpec("P")
R = TypeVar("R")


def process_units(**canonical: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorator: convert the named arguments to magnitudes in their canonical units.

    In the spirit of MetPy's ``process_units``: the wrapped function receives plain
    magnitudes; a Quantity of the wrong dimension raises :class:`UnitError` naming the
    parameter. The unwrapped function stays reachable as ``func.__wrapped__`` for internal
    chaining without the check.

    Parameters
    ----------
    **canonical : str
        Parameter name to canonical unit, e.g. ``neq="kg", distance="m"``.

    Examples
    --------
    >>> from dpssec.units import Q_, process_units
    >>> @process_units(distance="m")
    ... def double(distance):
    ...     return 2 * distance
    >>> double(Q_(1, "km"))
    2000.0
    >>> double(distance=3.0)
    6.0
    """

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(func)
        unknown = set(canonical) - set(signature.parameters)
        if unknown:
            raise TypeError(f"process_units: {func.__name__} has no parameter(s) {sorted(unknown)}")
        for unit in canonical.values():
            _unit(unit)  # fail at import time on a typo, not at the first call

        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind(*args, **kwargs)
            for name, unit in canonical.items():
                if name in bound.arguments:
                    bound.arguments[name] = to_magnitude(bound.arguments[name], unit, name)
            return func(*bound.args, **bound.kwargs)

        return wrapper

    return decorate
