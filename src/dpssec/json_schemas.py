"""JSON Schema (draft 2020-12) of dpssec's models and results, generated from the attrs classes.

Other applications can validate the JSON that :func:`dpssec.serialization.to_json` writes (and
that :func:`~dpssec.serialization.from_json` reads) without Python. The schema follows the
converter's formats exactly:

* integers, numbers, text and booleans as such; a number may also be one of the strings
  ``"NaN"``, ``"Infinity"``, ``"-Infinity"`` (JSON has no such numbers);
* dates as ISO 8601 strings (``"format": "date"``), enums as their values, named presets
  (criteria sets, profiles) as their names;
* Quantities as ``{"magnitude": ..., "units": "..."}``, a string with a unit (``"500 kg"``), or a
  bare number in the field's canonical unit (stated in the field's description);
* arrays as lists (nested for tables); a per-row field of a result as a number, a list, a
  quantity or a series ``{"index": [...], "values": [...], "name": ..., "units": ...}``;
* unknown keys refused (``"additionalProperties": false``), as the converter refuses them.

Values are checked further when read (a count must be whole and >= 0, a share within [0, 1]):
the schema states the shape of the data, :mod:`dpssec.serialization` the rest.

For example:

>>> from dpssec.json_schemas import json_schema
>>> from dpssec.references import Reference
>>> schema = json_schema(Reference)
>>> schema["$schema"], schema["required"]
('https://json-schema.org/draft/2020-12/schema', ['document', 'edition'])
>>> schema["properties"]["verified"]
{'type': 'boolean', 'default': True}
"""

from __future__ import annotations

import collections.abc
import contextlib
import datetime as dt
import enum
import types
import typing
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import example, short_repr
from dpssec.boundary.fields import UNIT_METADATA_KEY
from dpssec.errors import InputError
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.units import Quantity

__all__ = ["DRAFT", "json_schema", "register_schema"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of the generated schemas."""

_SCHEMAS: dict[Any, dict[str, Any]] = {}

_NUMBER: dict[str, Any] = {
    "anyOf": [{"type": "number"}, {"enum": ["NaN", "Infinity", "-Infinity"]}],
}
_ARRAY: dict[str, Any] = {
    "type": "array",
    "items": {"type": ["number", "string", "boolean", "null", "array"]},
    "description": "a list (a list of lists for a table); NaN and infinities as strings",
}
_QUANTITY_OBJECT: dict[str, Any] = {
    "type": "object",
    "properties": {
        "magnitude": {"anyOf": [_NUMBER, _ARRAY]},
        "units": {"type": "string"},
    },
    "required": ["magnitude", "units"],
    "additionalProperties": False,
}
_SERIES: dict[str, Any] = {
    "type": "object",
    "description": "a pandas Series: labels, values, name and units (for magnitudes)",
    "properties": {
        "index": {"type": "array"},
        "values": _ARRAY,
        "name": {"type": ["string", "null"]},
        "units": {"type": "string"},
    },
    "required": ["index", "values"],
    "additionalProperties": False,
}
_TAGGED: dict[str, Any] = {
    "type": "object",
    "description": "a model or result, its class named under '$type'",
    "properties": {"$type": {"type": "string", "pattern": "^dpssec\\."}},
    "required": ["$type"],
}
_VALUES: dict[str, Any] = {
    "description": "one value per row: a number, text, a list, a quantity or a series (or "
    "a model or result named by '$type')",
    "anyOf": [
        _NUMBER,
        {"type": ["string", "boolean", "null"]},
        _ARRAY,
        _QUANTITY_OBJECT,
        _SERIES,
        _TAGGED,
    ],
}


def register_schema(cls: Any, schema: dict[str, Any]) -> None:
    """Declare the JSON Schema of a type whose (un)structure hooks are custom.

    :func:`dpssec.serialization.register_hooks` takes it as ``schema=``.
    """
    _SCHEMAS[cls] = schema


def _quantity(unit: str | None) -> dict[str, Any]:
    forms: list[dict[str, Any]] = [
        _QUANTITY_OBJECT,
        {"type": "string", "description": "a number with a unit, e.g. '500 kg'"},
    ]
    if unit is not None:
        forms.append(_NUMBER)
        return {"anyOf": forms, "description": f"a quantity; a bare number is in {unit}"}
    return {"anyOf": forms, "description": "a quantity with its unit"}


class _Builder:
    def __init__(self, root: type) -> None:
        self.root = root
        self.defs: dict[str, dict[str, Any]] = {}

    def of(self, tp: Any) -> dict[str, Any]:
        if tp is Any or tp is object or tp is None:
            return {} if tp is not None else {"type": "null"}
        if tp in _SCHEMAS:
            return dict(_SCHEMAS[tp])
        if isinstance(tp, typing.TypeVar):
            return {}
        if tp is type(None):
            return {"type": "null"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return dict(_NUMBER)
        if tp is str:
            return {"type": "string"}
        if tp is dt.datetime:
            return {"type": "string", "format": "date-time"}
        if tp is dt.date:
            return {"type": "string", "format": "date"}
        if tp is np.ndarray:
            return dict(_ARRAY)
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Union or origin is types.UnionType:
            return {"anyOf": [self.of(a) for a in args]}
        if origin is typing.Literal:
            return {"enum": list(args)}
        if origin is typing.Annotated:
            return self.of(args[0])
        if origin in (list, collections.abc.Sequence, set, frozenset, collections.abc.Iterable):
            return {"type": "array", "items": self.of(args[0]) if args else {}}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.of(args[0])}
            if not args:
                return {"type": "array"}
            return {
                "type": "array",
                "prefixItems": [self.of(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin in (dict, collections.abc.Mapping):
            value = self.of(args[1]) if len(args) == 2 else {}
            return {"type": "object", "additionalProperties": value}
        if isinstance(tp, type):
            if issubclass(tp, enum.Enum):
                return {"enum": [m.value for m in tp], "title": tp.__name__}
            if callable(getattr(tp, "__dpssec_presets__", None)):
                names = list(tp.__dpssec_presets__())  # type: ignore[attr-defined]
                return {"enum": names, "title": tp.__name__, "description": "a named preset"}
            if issubclass(tp, Quantity):
                return _quantity(None)
            if tp.__name__ == "Series" and tp.__module__.split(".")[0] == "pandas":
                return dict(_SERIES)
            if attrs.has(tp) and tp is not self.root:
                return self.ref(tp)
            if attrs.has(tp):
                return {"$ref": "#"}
            if tp in (list, tuple, set, frozenset):
                return {"type": "array"}
            if tp is dict:
                return {"type": "object"}
        return {}

    def ref(self, cls: type) -> dict[str, Any]:
        if cls is self.root:
            return {"$ref": "#"}
        name = f"{cls.__module__}.{cls.__qualname__}"
        if name not in self.defs:
            self.defs[name] = {}  # reserve: recursive models refer to themselves
            self.defs[name] = self.model(cls)
        return {"$ref": f"#/$defs/{name}"}

    def model(self, cls: type) -> dict[str, Any]:
        if cls in _SCHEMAS:
            return dict(_SCHEMAS[cls])
        if callable(getattr(cls, "__dpssec_presets__", None)):
            return self.of(cls)
        with contextlib.suppress(NameError):
            attrs.resolve_types(cls)
        per_row = set(getattr(cls, "PER_ELEMENT_FIELDS", ()))
        result = issubclass(cls, ResultMixin)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            name = field.alias or field.name
            unit = field.metadata.get(UNIT_METADATA_KEY)
            if unit is not None:
                schema = _quantity(unit)
                if _allows_none(field):
                    schema = {"anyOf": [schema, {"type": "null"}]}
            elif field.name in per_row or (result and field.type is Any):
                schema = dict(_VALUES)
            else:
                schema = self.of(field.type)
            if field.default is attrs.NOTHING:
                required.append(name)
            else:
                default = _json_default(field.default)
                if default is not _NO_DEFAULT:
                    schema = {**schema, "default": default}
            properties[name] = schema
        out: dict[str, Any] = {
            "title": cls.__name__,
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        summary = _summary(cls)
        if summary:
            out["description"] = summary
        if required:
            out["required"] = required
        return out


_NO_DEFAULT = object()


def _allows_none(field: attrs.Attribute[Any]) -> bool:
    return field.default is None


def _json_default(default: Any) -> Any:
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return _NO_DEFAULT
    if default is None or isinstance(default, bool | int | float | str):
        if isinstance(default, float) and default != default:
            return "NaN"
        return default
    if isinstance(default, enum.Enum):
        return default.value
    if isinstance(default, dt.date):
        return default.isoformat()
    if isinstance(default, tuple) and not default:
        return []
    return _NO_DEFAULT


def _summary(cls: type) -> str:
    doc = (cls.__doc__ or "").strip()
    return doc.split("\n\n", 1)[0].replace("\n", " ").strip()


@example(Reference)
def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON that dpssec writes for ``cls``.

    Parameters
    ----------
    cls : attrs class
        A dpssec model or result (any exported attrs class).

    Returns
    -------
    dict
        A schema with ``$schema``, ``$id`` (``dpssec:<module>.<class>``), the class's
        properties and, under ``$defs``, the models nested in it.

    Raises
    ------
    InputError
        ``cls`` is not an attrs class.

    Examples
    --------
    >>> from dpssec.json_schemas import json_schema
    >>> from dpssec.arms import AmmunitionStock
    >>> schema = json_schema(AmmunitionStock)
    >>> schema["properties"]["neq"]["description"]
    'a quantity; a bare number is in kg'
    """
    if not (isinstance(cls, type) and attrs.has(cls)):
        raise InputError(
            f"parameter 'cls' must be a dpssec model or result class; got {short_repr(cls)}"
        )
    builder = _Builder(cls)
    body = builder.model(cls)
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"dpssec:{cls.__module__}.{cls.__qualname__}",
        **body,
    }
    if builder.defs:
        schema["$defs"] = builder.defs
    return schema
