"""The hostile values the fuzz suite gives to each parameter of each public callable.

A :class:`Case` turns the parameter's valid baseline value (from the callable's declared
example, or its default) into a hostile one: a number too large for a float, NaN, an
infinity, an empty or mismatched array, an array where one option belongs, a Quantity of
another dimension, text, ``None``, a dict... Cases are data, so a failing call is printed
with the case's name and reproduced by running the same test (the choice of cases is seeded).

``finite`` says whether the hostile value is finite data, so that a NaN or an infinity in the
result must come with a :class:`~dpssec.errors.DataQualityWarning`; ``infinite`` marks an
infinity given on purpose, which an option may accept (``degrees_of_freedom=math.inf``) and
carry to the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np

__all__ = ["CASES", "CORE", "Case", "cases_for"]

_MISSING = object()


@attrs.frozen
class Case:
    """One hostile value for a parameter, built from the parameter's baseline value."""

    name: str
    make: Callable[[Any], Any]
    finite: bool = True
    applies: Callable[[Any], bool] = lambda baseline: True
    infinite: bool = False

    def value(self, baseline: Any) -> Any:
        return self.make(baseline)


def _plain(value: Any) -> Any:
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        return value.magnitude
    return value


def _is_sequence(value: Any) -> bool:
    plain = _plain(value)
    if isinstance(plain, list | tuple):
        return True
    return isinstance(plain, np.ndarray) and plain.ndim >= 1


def _filled(value: Any) -> bool:
    return _is_sequence(value) and len(_items(value)) > 0


def _items(value: Any) -> list[Any]:
    plain = _plain(value)
    return list(plain.tolist() if isinstance(plain, np.ndarray) else plain)


def _with_unit(like: Any, magnitude: Any) -> Any:
    units = getattr(like, "units", None)
    if units is None:
        return magnitude
    from dpssec.units import Q_

    return Q_(magnitude, units)


def _replace_first(item: Any) -> Callable[[Any], Any]:
    def make(baseline: Any) -> Any:
        items = _items(baseline)
        items[0] = item
        return _with_unit(baseline, np.asarray(items, dtype=object).tolist())

    return make


def _mismatched(baseline: Any) -> Any:
    if _is_sequence(baseline):
        items = _items(baseline)
        return _with_unit(baseline, [*items, items[-1]] if items else [1.0])
    return [baseline, baseline, baseline]


def _zero_d(baseline: Any) -> Any:
    plain = _plain(baseline)
    first = _items(baseline)[0] if _filled(baseline) else plain
    try:
        return _with_unit(baseline, np.array(first))
    except Exception:
        return np.array(1.0)


def _two_d(baseline: Any) -> Any:
    plain = _plain(baseline)
    items = _items(baseline) if _is_sequence(baseline) else [plain]
    try:
        return _with_unit(baseline, np.array([items, items], dtype=object))
    except Exception:
        return np.ones((2, 2))


def _wrong_dimension(baseline: Any) -> Any:
    from dpssec.units import Q_

    units = getattr(baseline, "units", None)
    other = "kg" if units is None or "[mass]" not in str(Q_(1, units).dimensionality) else "m"
    if _is_sequence(baseline):
        return Q_(np.ones(len(_items(baseline))), other)
    return Q_(1.0, other)


def _numeric(baseline: Any) -> bool:
    plain = _plain(baseline)
    if isinstance(plain, bool | np.bool_ | str | bytes):
        return False
    if isinstance(plain, int | float | np.number):
        return True
    if _is_sequence(baseline):
        items = _items(baseline)
        return bool(items) and all(
            isinstance(x, int | float | np.number) and not isinstance(x, bool | np.bool_)
            for x in items
        )
    return False


def _text(baseline: Any) -> bool:
    return isinstance(baseline, str)


def _nested_sequence(baseline: Any) -> bool:
    return _filled(baseline) and any(
        isinstance(x, list | tuple | np.ndarray) for x in _items(baseline)
    )


def _with_extra_key(baseline: Any) -> Any:
    out = dict(baseline)
    out["__hostile__"] = 1.0
    return out


def _mapping(baseline: Any) -> bool:
    return isinstance(baseline, Mapping)


def _ragged(baseline: Any) -> Any:
    rows = _items(baseline)
    first = list(rows[0]) if isinstance(rows[0], list | tuple | np.ndarray) else [rows[0]]
    return [first, [*first, *first]]


CASES: tuple[Case, ...] = (
    # numbers at and beyond the edges of float64
    Case("nan", lambda b: float("nan"), finite=False),
    Case("inf", lambda b: float("inf"), finite=False, infinite=True),
    Case("-inf", lambda b: float("-inf"), finite=False, infinite=True),
    Case("1e308", lambda b: 1e308),
    Case("-1e308", lambda b: -1e308),
    Case("10**400", lambda b: 10**400),
    Case("2**64", lambda b: 2**64),
    Case("2**63-1", lambda b: 2**63 - 1),
    Case("1e-320", lambda b: 1e-320),
    Case("-1", lambda b: -1),
    Case("0", lambda b: 0),
    Case("0.5", lambda b: 0.5),
    # the wrong kind of value
    Case("True", lambda b: True),
    Case("None", lambda b: None, finite=False),
    Case("{}", lambda b: {}),
    Case("'text'", lambda b: "hostile"),
    Case("''", lambda b: ""),
    Case("long text", lambda b: "9" * 5_000 + " kg"),
    Case("object()", lambda b: object()),
    Case("a date", lambda b: dt.date(2024, 2, 29)),
    Case("'2024-02-30'", lambda b: "2024-02-30"),
    # arrays of the wrong size, shape or kind
    Case("[]", lambda b: []),
    Case("np.array([])", lambda b: np.array([])),
    Case("mismatched length", _mismatched),
    Case("0-d array", _zero_d),
    Case("2-d array", _two_d),
    Case("array as an option", lambda b: np.array([1.0, 2.0])),
    Case("[[]]", lambda b: [[]]),
    Case("[None]", lambda b: [None], finite=False),
    Case("Quantity of another dimension", _wrong_dimension),
    # one bad element in a valid sequence
    Case("first item nan", _replace_first(float("nan")), finite=False, applies=_filled),
    Case(
        "first item inf", _replace_first(float("inf")), finite=False, applies=_filled, infinite=True
    ),
    Case("first item 1e308", _replace_first(1e308), applies=lambda b: _filled(b) and _numeric(b)),
    Case("first item 10**400", _replace_first(10**400), applies=_filled),
    Case("first item -1", _replace_first(-1), applies=_filled),
    Case("first item None", _replace_first(None), finite=False, applies=_filled),
    Case("first item text", _replace_first("hostile"), applies=_filled),
    Case("first item True", _replace_first(True), applies=_filled),
    Case("first item {}", _replace_first({}), applies=_filled),
    Case("ragged rows", _ragged, applies=_nested_sequence),
    # text and mappings
    Case("text with a NUL", lambda b: b + "\x00", applies=_text),
    Case("text upper-cased", lambda b: b.upper() + "?", applies=_text),
    Case("extra key", _with_extra_key, applies=_mapping),
)
"""Every hostile case (the thorough profile gives each parameter all that apply)."""

CORE: tuple[str, ...] = (
    "nan",
    "10**400",
    "1e308",
    "None",
    "mismatched length",
    "array as an option",
    "Quantity of another dimension",
    "first item 10**400",
)
"""Cases every parameter gets in every profile; the fast profile adds a seeded sample."""

_BY_NAME = {case.name: case for case in CASES}


def cases_for(baseline: Any, names: Sequence[str] | None = None) -> list[Case]:
    """The cases that apply to a parameter whose valid value is ``baseline``."""
    chosen = CASES if names is None else tuple(_BY_NAME[n] for n in names)
    out = []
    for case in chosen:
        try:
            ok = case.applies(baseline)
        except Exception:
            ok = False
        if ok:
            out.append(case)
    return out
