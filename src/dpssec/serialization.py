"""JSON and dict serialization of every dpssec model and result, strictly.

One private cattrs converter (never cattrs' global one) built with
``cattrs.preconf.json.make_converter(forbid_extra_keys=True)`` and strict hooks, so that data
exchanged with other applications is read exactly or refused with a clear message:

* unknown keys are refused;
* no silent coercion: an ``int`` field refuses ``5.9``, ``"5"`` and ``true``; a ``float``
  field accepts integers but refuses strings and booleans; a ``str`` field refuses numbers;
* dates and datetimes are ISO 8601 strings (``"2024-05-31"``);
* enums are written as their values and read back only from a valid value;
* numpy arrays are JSON lists of numbers;
* NaN and infinities, which JSON lacks, are written by :func:`to_json` as the strings
  ``"NaN"``, ``"Infinity"`` and ``"-Infinity"`` (as the protocol-buffers JSON mapping does),
  so that ``null`` keeps meaning "no value" and a round trip keeps every number;
* a class that keeps shared, named instances (criteria sets, marking profiles) and says so
  with a ``__dpssec_presets__()`` class method returning them by name is written as the
  name (``"IATG_02_20_2021"``) and read back as the same object;
* Quantities are written as ``{"magnitude": 500.0, "units": "kilogram"}`` (magnitude may be a
  list for an array) and read from that form, from a string such as ``"500 kg"`` or
  ``"1100 lb"``, or from a bare number, which is taken in the field's canonical unit. A
  quantity of the wrong dimension is refused with the field's path.

Every failure is a :class:`~dpssec.errors.SchemaError` whose message lists each problem with
its JSON path, e.g. ``expected a mass in kg, got '30 m' @ $.buildings[2].neq``. Validators
of a model field run during structuring, so their own messages appear at the field's path.

For example:

>>> from dpssec.references import Reference
>>> from dpssec.serialization import from_json, to_json
>>> ref = Reference("IATG 02.20", "2021 (3rd ed.)", "Table 1")
>>> text = to_json(ref)
>>> text
'{"document": "IATG 02.20", "edition": "2021 (3rd ed.)", "clause": "Table 1", "verified": true, "url": null}'
>>> from_json(text, Reference) == ref
True
>>> from_json('{"document": "X", "edition": "1", "verified": "yes"}', Reference)
Traceback (most recent call last):
...
dpssec.errors.SchemaError: cannot read Reference: expected a boolean (true/false), got 'yes' (str) @ $.verified
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import importlib
import json
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
import cattrs
import numpy as np
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter

from dpssec.boundary import example, parse_choice, short_repr
from dpssec.boundary.fields import UNIT_METADATA_KEY
from dpssec.boundary.specs import SPEC_METADATA_KEY
from dpssec.errors import InputError, SchemaError
from dpssec.json_schemas import json_schema, register_schema
from dpssec.json_values import (
    NON_FINITE,
    describe_value,
    encode_non_finite,
    is_ndarray,
    is_quantity_type,
    is_series_type,
    read_quantity,
    structure_ndarray,
    structure_values,
    unstructure_ndarray,
    unstructure_quantity,
    unstructure_series,
)
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = [
    "MAX_DEPTH",
    "NON_FINITE",
    "from_dict",
    "from_json",
    "json_schema",
    "register_hooks",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

_converter = make_converter(forbid_extra_keys=True, prefer_attrib_converters=False)


# -- strict primitives ------------------------------------------------------------------------


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"expected an integer, got {describe_value(value)}")
    return int(value)


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, str) and value in NON_FINITE:
        return NON_FINITE[value]
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise TypeError(f"expected a number, got {describe_value(value)}")
    return float(value)


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {describe_value(value)}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"expected a boolean (true/false), got {describe_value(value)}")
    return bool(value)


_converter.register_structure_hook(int, _structure_int)
_converter.register_structure_hook(float, _structure_float)
_converter.register_structure_hook(str, _structure_str)
_converter.register_structure_hook(bool, _structure_bool)


# -- dates ------------------------------------------------------------------------------------


def _structure_date(value: Any, _: type) -> dt.date:
    if not isinstance(value, str):
        raise TypeError(
            f"expected an ISO 8601 date string such as '2024-05-31', got {describe_value(value)}"
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected an ISO 8601 date such as '2024-05-31', got {value!r}") from None


def _structure_datetime(value: Any, _: type) -> dt.datetime:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 8601 date-time string, got {describe_value(value)}")
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected an ISO 8601 date-time, got {value!r}") from None


_converter.register_structure_hook(dt.datetime, _structure_datetime)
_converter.register_unstructure_hook(dt.datetime, lambda d: d.isoformat())
_converter.register_structure_hook(dt.date, _structure_date)
_converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())


# -- enums ------------------------------------------------------------------------------------


def _is_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum)


def _enum_structure_factory(cls: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
    allowed = [m.value for m in cls]

    def structure(value: Any, _: type) -> enum.Enum:
        if isinstance(value, bool):
            raise ValueError(
                f"{describe_value(value)} is not a valid {cls.__name__}; use one of {allowed}"
            )
        for member in cls:
            if member.value == value and type(member.value) is type(value):
                return member
        if isinstance(value, str):
            # the one parser of choices: names, any case and the documented synonyms too
            try:
                found: enum.Enum = parse_choice(value, cls, cls.__name__)
            except InputError:
                pass
            else:
                return found
        raise ValueError(f"{value!r} is not a valid {cls.__name__}; use one of {allowed}")

    return structure


_converter.register_structure_hook_factory(_is_enum, _enum_structure_factory)
_converter.register_unstructure_hook_func(_is_enum, lambda member: member.value)


# -- numpy arrays, pandas Series, quantities (the rules: dpssec.json_values) ------------------

_converter.register_structure_hook_func(is_ndarray, structure_ndarray)
_converter.register_unstructure_hook_func(is_ndarray, unstructure_ndarray)
_converter.register_unstructure_hook_func(
    lambda cls: isinstance(cls, type) and issubclass(cls, np.generic), lambda v: v.item()
)
_converter.register_unstructure_hook_func(is_series_type, unstructure_series)
_converter.register_structure_hook_func(is_quantity_type, lambda v, _: read_quantity(v, None))
_converter.register_unstructure_hook_func(is_quantity_type, unstructure_quantity)


TYPE_KEY = "$type"
"""The key naming the class of a model or result held in a field typed ``Any`` (a report that
collects results of several kinds): ``{"$type": "dpssec.stats.Estimate", "value": ...}``."""


def _tagged(value: Any) -> Any:
    """Unstructure a value of a field typed ``Any``: a model or result says its class."""
    data = _converter.unstructure(value)
    if attrs.has(type(value)) and isinstance(data, dict):
        cls = type(value)
        return {TYPE_KEY: _public_name(cls), **data}
    return data


def _public_name(cls: type) -> str:
    """``package.Name`` under which dpssec exports ``cls`` (the shortest importable path)."""
    parts = cls.__module__.split(".")
    for depth in range(1, len(parts) + 1):
        module_name = ".".join(parts[:depth])
        module = importlib.import_module(module_name)
        if getattr(module, cls.__name__, None) is cls:
            return f"{module_name}.{cls.__name__}"
    return f"{cls.__module__}.{cls.__qualname__}"


def _class_named(name: Any) -> type:
    if not isinstance(name, str) or not name.startswith("dpssec.") or "." not in name:
        raise ValueError(f"{TYPE_KEY} must name a dpssec class, got {name!r}")
    module_name, _, attribute = name.rpartition(".")
    try:
        cls = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError):
        raise ValueError(f"{TYPE_KEY}: dpssec has no class {name!r}") from None
    if not (isinstance(cls, type) and attrs.has(cls)):
        raise ValueError(f"{TYPE_KEY}: {name!r} is not a dpssec model or result")
    return cls


def _structure_any(value: Any, _: Any = None) -> Any:
    """A field typed ``Any``: JSON lists become arrays, quantity and series forms objects,
    and ``{"$type": ...}`` the model or result it names."""
    if value is None:
        return None
    if isinstance(value, dict) and TYPE_KEY in value:
        cls = _class_named(value[TYPE_KEY])
        return _converter.structure({k: v for k, v in value.items() if k != TYPE_KEY}, cls)
    if isinstance(value, list) or (
        isinstance(value, dict) and ("magnitude" in value or "index" in value)
    ):
        try:
            return structure_values(value)
        except (TypeError, ValueError):
            return value
    return value


# -- attrs classes: per-field units and validators --------------------------------------------


def _special_hook(cls: type, field: attrs.Attribute[Any]) -> Callable[[Any, Any], Any] | None:
    """How a field of a result reads back what :func:`to_json` wrote, where its type alone
    does not say: per-row fields (scalar, array, Quantity or Series) and ``Any`` fields."""
    if field.name in getattr(cls, "PER_ELEMENT_FIELDS", ()):
        return structure_values
    if not issubclass(cls, ResultMixin):
        return None
    if field.type is Any:
        return _structure_any
    return None


def _field_hook(
    converter: cattrs.Converter, field: attrs.Attribute[Any], cls: type | None = None
) -> Any:
    unit = field.metadata.get(UNIT_METADATA_KEY)
    special = _special_hook(cls, field) if cls is not None else None
    base: Callable[[Any, Any], Any]
    if unit is not None:

        def base(value: Any, _: Any) -> Any:
            if value is None:
                return None
            return read_quantity(value, unit)

    elif special is not None:
        base = special
    else:
        inner = converter.get_structure_hook(field.type) if field.type is not None else None

        def base(value: Any, type_: Any) -> Any:
            return inner(value, type_) if inner is not None else value

    if field.validator is None and field.converter is None:
        return base

    def checked(value: Any, type_: Any) -> Any:
        result = base(value, type_)
        if result is None and field.default is None:
            return result
        probe = result
        spec = field.metadata.get(SPEC_METADATA_KEY)
        if spec is not None:  # a field built from a boundary spec (Count().field(), ...)
            probe = (
                spec.convert(result, field.name)
                if isinstance(result, list | np.ndarray)
                else spec.scalar(result, field.name)
            )
        else:
            converter: Any = field.converter
            if isinstance(converter, attrs.Converter):
                return result  # a converter that needs the instance: __init__ runs it
            if converter is not None:
                probe = converter(result)
        if field.validator is not None:
            field.validator(None, field, probe)
        return result

    return checked


def _attrs_structure_factory(cls: type) -> Any:
    with contextlib.suppress(NameError):  # a forward reference cattrs will report itself
        attrs.resolve_types(cls)
    overrides = {}
    for field in attrs.fields(cls):
        if field.init and (
            field.validator is not None
            or field.converter is not None
            or UNIT_METADATA_KEY in field.metadata
            or _special_hook(cls, field) is not None
        ):
            overrides[field.name] = override(struct_hook=_field_hook(_converter, field, cls))
    options: dict[str, Any] = {"_cattrs_forbid_extra_keys": True, **overrides}
    structure: Any = make_dict_structure_fn(cls, _converter, **options)

    def structure_mapping(value: Any, type_: Any) -> Any:
        if not isinstance(value, Mapping):
            raise TypeError(
                f"expected an object with the fields of {cls.__name__}, got {describe_value(value)}"
            )
        return structure(value, type_)

    return structure_mapping


_converter.register_structure_hook_factory(attrs.has, _attrs_structure_factory)


def _attrs_unstructure_factory(cls: type) -> Any:
    """Fields typed ``Any`` of a result write a model or result held there with its class."""
    overrides = {}
    if issubclass(cls, ResultMixin):
        with contextlib.suppress(NameError):
            attrs.resolve_types(cls)  # type: ignore[type-var]
        for field in attrs.fields(cls):  # type: ignore[arg-type]
            if field.type is Any and field.name not in getattr(cls, "PER_ELEMENT_FIELDS", ()):
                overrides[field.name] = override(unstruct_hook=_tagged)
    return make_dict_unstructure_fn(cls, _converter, **overrides)  # type: ignore[arg-type]


_converter.register_unstructure_hook_factory(attrs.has, _attrs_unstructure_factory)


# -- named presets ----------------------------------------------------------------------------


def _is_named(cls: Any) -> bool:
    return isinstance(cls, type) and callable(getattr(cls, "__dpssec_presets__", None))


def _named_unstructure_factory(cls: type) -> Callable[[Any], str]:
    def unstructure(obj: Any) -> str:
        presets = cls.__dpssec_presets__()  # type: ignore[attr-defined]
        for name, preset in presets.items():
            if preset is obj:
                return str(name)
        raise SchemaError(
            f"cannot write this {cls.__name__}: only the named ones "
            f"({', '.join(map(repr, presets))}) are written, by name; register a national "
            "variant under a name first"
        )

    return unstructure


def _named_structure_factory(cls: type) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        presets = cls.__dpssec_presets__()  # type: ignore[attr-defined]
        if isinstance(value, str) and value in presets:
            return presets[value]
        raise ValueError(
            f"expected the name of a {cls.__name__} ({', '.join(map(repr, presets))}), "
            f"got {describe_value(value)}"
        )

    return structure


_converter.register_unstructure_hook_factory(_is_named, _named_unstructure_factory)
_converter.register_structure_hook_factory(_is_named, _named_structure_factory)


# -- errors -----------------------------------------------------------------------------------


def _format_exception(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, KeyError):
        return "required field missing"
    text = str(exc)
    if isinstance(exc, TypeError) and type_ is not None and not text.startswith("expected"):
        name = getattr(type_, "__name__", str(type_))
        return f"expected {name}, got an incompatible value ({text})"
    return text or f"invalid value ({type(exc).__name__})"


def _schema_error(exc: Exception, cls: Any) -> SchemaError:
    name = getattr(cls, "__name__", str(cls))
    if isinstance(exc, ClassValidationError | IterableValidationError):
        errors = cattrs.transform_error(exc, path="$", format_exception=_format_exception)
    else:
        errors = [f"{_format_exception(exc, cls)} @ $"]
    return SchemaError(f"cannot read {name}: " + "; ".join(errors), errors=errors)


# -- public API -------------------------------------------------------------------------------


def register_hooks(
    cls: Any,
    *,
    structure: Callable[[Any, Any], Any] | None = None,
    unstructure: Callable[[Any], Any] | None = None,
    schema: dict[str, Any] | None = None,
) -> None:
    """Register custom (un)structure hooks for a type on dpssec's private converter.

    For domain types that attrs and the hooks above do not cover. The hook should raise
    ``TypeError``/``ValueError`` with a message starting with what was expected; ``schema``
    is the JSON Schema of what ``unstructure`` writes (for :func:`json_schema`).
    """
    if schema is not None:
        register_schema(cls, schema)
    if structure is not None:
        _converter.register_structure_hook(cls, structure)
    if unstructure is not None:
        _converter.register_unstructure_hook(cls, unstructure)


_EXAMPLE_REFERENCE = Reference("IATG 02.20", "2021 (3rd ed.)", "Table 1")


@example(_EXAMPLE_REFERENCE)
def to_dict(obj: Any) -> Any:
    """Unstructure a model or result into plain JSON-compatible Python data.

    Examples
    --------
    >>> from dpssec.references import Reference
    >>> from dpssec.serialization import to_dict
    >>> to_dict(Reference("ITI", "2005", "§8(a)"))["clause"]
    '§8(a)'
    """
    return _converter.unstructure(obj)


MAX_DEPTH = 64
"""Deepest nesting of lists and objects read (a model nests a few levels; hostile data more)."""


def _too_deep(data: Any, limit: int = MAX_DEPTH) -> str | None:
    """The path of the first value nested deeper than ``limit``, or None (iterative)."""
    stack: list[tuple[Any, int, str]] = [(data, 0, "$")]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, Mapping):
            items: Any = value.items()
        elif isinstance(value, list | tuple):
            items = enumerate(value)
        else:
            continue
        if depth >= limit:
            return path
        for key, item in items:
            if isinstance(item, Mapping | list | tuple):
                where = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}"
                stack.append((item, depth + 1, where))
    return None


def _check_class(cls: Any) -> None:
    if isinstance(cls, type) or typing.get_origin(cls) is not None:
        return
    raise InputError(
        "parameter 'cls' must be the class to read (a model or result, such as Reference); "
        f"got {short_repr(cls)}"
    )


@example({"document": "IATG 02.20", "edition": "2021"}, Reference)
def from_dict(data: Any, cls: type[T]) -> T:
    """Structure plain data into ``cls``, strictly; raise :class:`SchemaError` with paths.

    Data nested deeper than :data:`MAX_DEPTH` levels is refused before it is read.

    Examples
    --------
    >>> from dpssec.references import Reference
    >>> from dpssec.serialization import from_dict
    >>> from_dict({"document": "ITI", "edition": "2005", "pages": 3}, Reference)
    Traceback (most recent call last):
    ...
    dpssec.errors.SchemaError: cannot read Reference: unknown field(s) pages @ $
    """
    _check_class(cls)
    deep = _too_deep(data)
    if deep is not None:
        name = getattr(cls, "__name__", str(cls))
        message = f"nested deeper than {MAX_DEPTH} levels @ {deep}"
        raise SchemaError(f"cannot read {name}: {message}", errors=[message])
    try:
        return _converter.structure(data, cls)
    except SchemaError:
        raise
    except RecursionError:
        raise SchemaError(
            f"cannot read {getattr(cls, '__name__', cls)}: nested too deeply"
        ) from None
    except Exception as exc:
        raise _schema_error(exc, cls) from exc


@example(_EXAMPLE_REFERENCE)
def to_json(obj: Any, *, indent: int | None = None) -> str:
    """Serialize a model or result to a JSON string (see the module docs for the format).

    JSON has no NaN or infinity: such values (a suppressed rate, a capacity never reached) are
    written as the strings ``"NaN"``, ``"Infinity"`` and ``"-Infinity"``, and read back as
    numbers.

    Examples
    --------
    >>> from dpssec.serialization import to_json
    >>> to_json({"value": float("nan"), "lower": [1.5, float("inf")]})
    '{"value": "NaN", "lower": [1.5, "Infinity"]}'
    """
    if indent is not None and (isinstance(indent, bool) or not isinstance(indent, int)):
        raise InputError(
            f"parameter 'indent' must be a whole number or None; got {short_repr(indent)}"
        )
    if indent is not None and not 0 <= indent <= 16:
        raise InputError(f"parameter 'indent' must be from 0 to 16 spaces; got {indent}")
    data = encode_non_finite(to_dict(obj))
    try:
        return json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        raise SchemaError(
            f"cannot write {short_repr(obj)} ({type(obj).__name__}) as JSON: only dpssec's "
            "models and results, and plain data, are written"
        ) from None


@example('{"document": "IATG 02.20", "edition": "2021"}', Reference)
def from_json(text: str | bytes, cls: type[T]) -> T:
    """Read ``cls`` from a JSON string; malformed JSON is a :class:`SchemaError` too.

    Examples
    --------
    >>> from dpssec.references import Reference
    >>> from dpssec.serialization import from_json
    >>> from_json('{"document": "ITI",', Reference)
    Traceback (most recent call last):
    ...
    dpssec.errors.SchemaError: not valid JSON: Expecting property name enclosed in double quotes: line 1 column 20 (char 19)
    """
    if not isinstance(text, str | bytes | bytearray):
        raise InputError(
            f"parameter 'text' must be a JSON text (str or bytes); got {short_repr(text)}"
        )
    _check_class(cls)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"not valid JSON: {exc}") from None
    except RecursionError:
        raise SchemaError(f"not valid JSON: nested deeper than {MAX_DEPTH} levels") from None
    except UnicodeDecodeError as exc:
        raise SchemaError(
            f"not valid JSON: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    except ValueError as exc:  # a number of thousands of digits, a lone surrogate...
        raise SchemaError(f"not valid JSON: {exc}") from None
    return from_dict(data, cls)
