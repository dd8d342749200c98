"""The exchange contract: every exported attrs class round-trips through JSON, exactly.

The classes are enumerated from the ``__all__`` of every dpssec package (not a hand-kept
list). Each declares an example beside it (:func:`dpssec.boundary.example`, or
:func:`~dpssec.boundary.example_by` for a result, made by calling its calculator), and

* the example builds an instance of the class;
* ``from_json(to_json(x), type(x)) == x``, and the value read back has the same types all
  the way down: Quantities stay Quantities (with their units), arrays stay arrays, pandas
  Series stay Series (with their index), enums stay enums, nested models stay models;
* its JSON Schema (:func:`dpssec.serialization.json_schema`) accepts the JSON written.

A class that is not exchanged as data is listed in :data:`NOT_EXCHANGED` with the reason.
New classes are covered by declaration, not by editing this file.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import json
import pkgutil
from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np
import pytest

import dpssec
from dpssec.boundary import Spec, example_of
from dpssec.serialization import from_json, json_schema, to_json
from dpssec.units import Quantity

NOT_EXCHANGED: dict[str, str] = {
    "dpssec.boundary": "input specifications are declarations of parameters (they hold types "
    "and callables), not data",
    "dpssec.boundary.Example": "holds callables (the arguments of a public callable)",
    "dpssec.io.Schema": "holds the builder callable of a table and the specs of its columns",
    "dpssec.io.Column": "holds a boundary spec (a declaration, not data)",
    "dpssec.mines.CriterionColumns": "the calculators' working view of criterion columns (it "
    "may hold a pandas Index), not a result",
    "dpssec.rendering.FlatTable": "a view of a result for display and CSV (the result itself "
    "round-trips)",
}
"""Exported attrs classes that are not exchanged as JSON (package or class), with the reason."""


def _packages() -> list[str]:
    names = ["dpssec"]
    for info in pkgutil.walk_packages(dpssec.__path__, "dpssec."):
        top_level = info.name.count(".") == 1  # dpssec.findings, dpssec.references, ...
        if (info.ispkg or top_level) and not any(p.startswith("_") for p in info.name.split(".")):
            names.append(info.name)
    return names


def _classes() -> dict[str, type]:
    found: dict[str, type] = {}
    seen: set[int] = set()
    for package in _packages():
        module = importlib.import_module(package)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if not (inspect.isclass(obj) and attrs.has(obj)) or id(obj) in seen:
                continue
            if issubclass(obj, enum.Enum):
                continue
            seen.add(id(obj))
            found[f"{package}.{name}"] = obj
    return found


CLASSES = _classes()


def _excluded(name: str) -> str | None:
    if issubclass(CLASSES[name], Spec):
        return "an input specification (a declaration of what a parameter accepts), not data"
    package = name.rsplit(".", 1)[0]
    return NOT_EXCHANGED.get(name) or NOT_EXCHANGED.get(package)


def same_types(a: Any, b: Any, path: str = "$") -> None:
    """Assert that ``b`` (read back) has the types of ``a`` all the way down."""
    if a is None:
        assert b is None, f"{path}: None came back as {type(b).__name__}"
        return
    if isinstance(a, Quantity):
        assert isinstance(b, Quantity), f"{path}: a Quantity came back as {type(b).__name__}"
        assert a.units == b.units, f"{path}: units {a.units} came back as {b.units}"
        same_types(a.magnitude, b.magnitude, path + ".magnitude")
        return
    if type(a).__name__ == "Series":
        assert type(b).__name__ == "Series", f"{path}: a Series came back as {type(b).__name__}"
        assert list(a.index) == list(b.index), f"{path}: the index changed"
        assert a.attrs.get("units") == b.attrs.get("units"), f"{path}: the units changed"
        return
    if isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray), f"{path}: an array came back as {type(b).__name__}"
        assert a.shape == b.shape, f"{path}: shape {a.shape} came back as {b.shape}"
        return
    if isinstance(a, enum.Enum):
        assert type(b) is type(a), f"{path}: {type(a).__name__} came back as {type(b).__name__}"
        return
    if attrs.has(type(a)):
        assert type(b) is type(a), f"{path}: {type(a).__name__} came back as {type(b).__name__}"
        for field in (f for f in attrs.fields(type(a)) if f.eq):
            same_types(getattr(a, field.name), getattr(b, field.name), f"{path}.{field.name}")
        return
    if isinstance(a, Mapping):
        assert isinstance(b, Mapping) and a.keys() == b.keys(), f"{path}: the keys changed"
        for key in a:
            same_types(a[key], b[key], f"{path}[{key!r}]")
        return
    if isinstance(a, list | tuple):
        assert type(b) is type(a), f"{path}: a {type(a).__name__} came back as {type(b).__name__}"
        assert len(a) == len(b), f"{path}: length {len(a)} came back as {len(b)}"
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            same_types(x, y, f"{path}[{k}]")
        return
    if isinstance(a, bool | np.bool_):
        assert isinstance(b, bool | np.bool_), f"{path}: a boolean came back as {b!r}"
        return
    if isinstance(a, int | float | np.number):
        assert isinstance(b, int | float | np.number) and not isinstance(b, bool), (
            f"{path}: a number came back as {b!r}"
        )
        return
    assert type(b) is type(a), f"{path}: {type(a).__name__} came back as {type(b).__name__}"


def test_the_enumeration_finds_the_domains() -> None:
    modules = {cls.__module__.split(".")[1] for cls in CLASSES.values()}
    assert {"arms", "mines", "justice", "indicators", "evaluation", "findings"} <= modules
    assert len(CLASSES) > 150


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_every_exported_class_round_trips(name: str) -> None:
    reason = _excluded(name)
    if reason is not None:
        pytest.skip(reason)
    cls = CLASSES[name]
    declared = example_of(cls)
    assert declared is not None, (
        f"{name} declares no example: add @example(...) (a model) or "
        "@example_by(lambda: calculator(...)) (a result) beside the class"
    )
    built = declared.call(cls)
    assert isinstance(built, cls), f"the example of {name} built a {type(built).__name__}"
    assert built == built, f"{name} does not compare equal to itself"
    text = to_json(built)
    back = from_json(text, cls)
    same_types(built, back)
    assert back == built
    json.loads(text)  # standard JSON: no NaN or Infinity tokens


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_every_exported_class_has_a_json_schema_its_json_meets(name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if _excluded(name) is not None:
        pytest.skip(_excluded(name) or "")
    cls = CLASSES[name]
    declared = example_of(cls)
    if declared is None:
        pytest.skip("no example (reported by the round-trip test)")
    schema = json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(to_json(declared.call(cls)))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: e.path)
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_every_result_compares_with_the_shared_equality() -> None:
    """Results compare arrays element-wise with NaN equal to NaN (``ResultMixin.__eq__``):
    a result class declared ``@attrs.frozen`` without ``eq=False`` would replace it."""
    from dpssec.rendering import ResultMixin

    for cls in CLASSES.values():  # import every package
        assert cls is not None
    own = [
        f"{c.__module__}.{c.__qualname__}"
        for c in _subclasses(ResultMixin)
        if c.__module__.startswith("dpssec.") and c.__eq__ is not ResultMixin.__eq__
    ]
    assert not own, f"declare these @attrs.frozen(eq=False): {own}"
