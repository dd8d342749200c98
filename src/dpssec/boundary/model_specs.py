"""Specifications of parameters that take models: one instance, or a sequence of records.

* :class:`Model`: one instance of a model class (a ``Depot``, a ``FirearmRecord``);
* :class:`Records`: a sequence of instances (casualty records, buildings, stocks), given as a
  list, a tuple or any other iterable; the body receives a tuple;
* :func:`guarded`: a class decorator that reports what a model's own converters refuse as an
  :class:`~dpssec.errors.InputError` naming the field.

Anything else (a number, text, a dict, ``None``, a Quantity, an item of another class) is
refused with the parameter's name and the position of the first wrong item. For example:

>>> import attrs
>>> from dpssec.boundary import Records
>>> @attrs.frozen
... class Stock:
...     neq: float
>>> Records(Stock).convert([Stock(1.0), Stock(2.0)], "stocks")
(Stock(neq=1.0), Stock(neq=2.0))
>>> Records(Stock).convert([Stock(1.0), 2.0], "stocks")
Traceback (most recent call last):
...
dpssec.errors.InputError: parameter 'stocks': item 1 is 2.0 (float), not a Stock
>>> Records(Stock).convert(5, "stocks")
Traceback (most recent call last):
...
dpssec.errors.InputError: parameter 'stocks' must be a sequence of Stock; got 5 (int)
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

import attrs

from dpssec.boundary.arrays import short_repr
from dpssec.boundary.specs import OptionSpec
from dpssec.errors import DpssecError, InputError

__all__ = ["Model", "Records", "guarded"]

T = TypeVar("T")


def _names(cls: Any) -> str:
    classes = cls if isinstance(cls, tuple) else (cls,)
    return " or ".join(c.__name__ for c in classes)


def _a(names: str) -> str:
    return f"{'an' if names[:1].lower() in 'aeiou' else 'a'} {names}"


def _shown(value: Any) -> str:
    return f"{short_repr(value)} ({type(value).__name__})"


@attrs.frozen
class Model(OptionSpec):
    """One instance of ``cls`` (a class or a tuple of classes); anything else refused.

    Examples
    --------
    >>> from dpssec.boundary import Model
    >>> Model(int).convert(3, "count")
    3
    >>> Model(int).convert("3", "count")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'count' must be an int; got '3' (str)
    """

    cls: Any
    optional: bool = attrs.field(default=False, kw_only=True)
    kind: ClassVar[str] = "a model"

    def describe(self) -> str:
        return _a(_names(self.cls))

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if isinstance(value, self.cls):
            return value
        raise InputError(f"parameter {name!r} must be {self.describe()}; got {_shown(value)}")


@attrs.frozen
class Records(OptionSpec):
    """A sequence of instances of ``cls`` (records, buildings, stocks), as a tuple.

    Parameters
    ----------
    cls : type or tuple of types
        The accepted classes of the items.
    empty : bool
        Accept an empty sequence (True by default).
    single : bool
        Accept one instance alone, as a sequence of one.
    optional : bool
        Accept None.
    noun : str
        What an item is called in messages (``"stock"``); the class name by default.
    """

    cls: Any
    empty: bool = attrs.field(default=True, kw_only=True)
    single: bool = attrs.field(default=False, kw_only=True)
    optional: bool = attrs.field(default=False, kw_only=True)
    noun: str = attrs.field(default="", kw_only=True)
    kind: ClassVar[str] = "a sequence of records"

    def describe(self) -> str:
        return f"a sequence of {_names(self.cls)}"

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if self.single and isinstance(value, self.cls):
            return (value,)
        if (
            isinstance(value, str | bytes | Mapping)
            or not hasattr(value, "__iter__")
            or hasattr(value, "units")  # a pint Quantity says it is iterable
            or getattr(value, "ndim", 1) != 1  # a 0-d or 2-d array, a DataFrame
        ):
            raise InputError(f"parameter {name!r} must be {self.describe()}; got {_shown(value)}")
        try:
            items = tuple(value)
        except Exception:  # an iterable that fails while iterated
            raise InputError(
                f"parameter {name!r} must be {self.describe()}; got {_shown(value)}"
            ) from None
        for position, item in enumerate(items):
            if not isinstance(item, self.cls):
                raise InputError(
                    f"parameter {name!r}: item {position} is {_shown(item)}, not "
                    f"{_a(_names(self.cls))}"
                )
        if not items and not self.empty:
            noun = self.noun or _names(self.cls)
            raise InputError(f"parameter {name!r} needs at least one {noun}; got none")
        return items


def guarded(cls: T) -> T:
    """Class decorator: a value a constructor cannot use is refused as an :class:`InputError`.

    The converters and validators of an attrs class raise what they raise (``float()``'s
    ``TypeError``, numpy's ``OverflowError``, pint's ``DimensionalityError``, attrs' tuple of a
    validator); a guarded class reports any of them as an ``InputError`` naming the field and
    the value given. Refusals that are already dpssec's pass unchanged. Every result class
    (:class:`~dpssec.rendering.ResultMixin`) is guarded when it is defined.

    Examples
    --------
    >>> import attrs
    >>> from dpssec.boundary import guarded
    >>> @guarded
    ... @attrs.frozen
    ... class Share:
    ...     value: float = attrs.field(converter=float)
    >>> Share("a third")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: Share: parameter 'value' must be float; got 'a third' (str)
    """
    init = cls.__dict__.get("__init__")
    if init is None or getattr(init, "__dpssec_guarded__", False):
        return cls

    @functools.wraps(init)
    def checked_init(self: Any, *args: Any, **kwargs: Any) -> None:
        try:
            init(self, *args, **kwargs)
        except DpssecError:
            raise
        except Exception as exc:  # a converter's or validator's own exception
            raise _refusal(cls, init, self, args, kwargs, exc) from None

    checked_init.__dpssec_guarded__ = True  # type: ignore[attr-defined]
    cls.__init__ = checked_init  # type: ignore[misc]
    return cls


def _refusal(
    cls: Any, init: Any, instance: Any, args: Any, kwargs: Any, exc: Exception
) -> InputError:
    """The field whose converter or validator refuses its value, named in words."""
    try:
        bound = inspect.signature(init).bind(instance, *args, **kwargs)
    except TypeError:  # a call with missing, surplus or unknown arguments
        return _misfit(cls, init, args, kwargs)
    given = bound.arguments
    for field in attrs.fields(cls) if attrs.has(cls) else ():
        name = field.alias or field.name
        if not field.init or name not in given:
            continue
        value = given[name]
        try:
            converted = _convert(field, value, instance)
            if field.validator is not None:
                field.validator(instance, field, converted)
        except DpssecError as inner:
            return InputError(f"{cls.__name__}: {inner}")
        except Exception:
            wanted = (
                field.type if isinstance(field.type, str) else getattr(field.type, "__name__", "")
            )
            return InputError(
                f"{cls.__name__}: parameter {name!r} must be {wanted or 'another value'}; got "
                f"{_shown(value)}"
            )
    return InputError(f"{cls.__name__}: these values cannot make one ({type(exc).__name__})")


def _misfit(cls: Any, init: Any, args: Any, kwargs: Any) -> InputError:
    """Arguments that fit no call of the class, said in terms of its fields."""
    parameters = list(inspect.signature(init).parameters.values())[1:]  # without self
    names = [p.name for p in parameters]
    unknown = [k for k in kwargs if k not in names]
    if unknown:
        return InputError(
            f"{cls.__name__} has no field {unknown[0]!r}; its fields are {', '.join(names)}"
        )
    positional = [p for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
    if len(args) > len(positional):
        return InputError(
            f"{cls.__name__} takes at most {len(positional)} values in order "
            f"({', '.join(p.name for p in positional)}); got {len(args)}"
        )
    given = set(names[: len(args)]) | set(kwargs)
    twice = [n for n in names[: len(args)] if n in kwargs]
    if twice:
        return InputError(f"{cls.__name__}: {twice[0]!r} is given twice (in order and by name)")
    missing = [p.name for p in parameters if p.default is p.empty and p.name not in given]
    verb = "it is" if len(missing) == 1 else "they are"
    return InputError(f"{cls.__name__} needs {', '.join(map(repr, missing))}; {verb} not given")


def _convert(field: Any, value: Any, instance: Any) -> Any:
    converter: Any = field.converter
    if converter is None:
        return value
    function = getattr(converter, "converter", None)  # an attrs.Converter
    if function is None:
        return converter(value)
    extra = ([instance] if getattr(converter, "takes_self", False) else []) + (
        [field] if getattr(converter, "takes_field", False) else []
    )
    return function(value, *extra)
