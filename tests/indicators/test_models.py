"""Every public class of dpssec.indicators declares an example that builds; data round-trips."""

from __future__ import annotations

import importlib
import inspect

import attrs
import pytest

from dpssec.boundary import example_of
from dpssec.serialization import from_json, to_json

MODULES = (
    "dpssec.indicators",
    "dpssec.indicators.catalogue_entry",
    "dpssec.indicators.catalogue_model",
    "dpssec.indicators.disaggregations",
    "dpssec.indicators.submission",
    "dpssec.indicators.rules",
    "dpssec.indicators.report",
    "dpssec.indicators.context",
)

CLASSES = {
    f"{obj.__module__}.{name}": obj
    for module in MODULES
    for name in importlib.import_module(module).__all__
    if inspect.isclass(obj := getattr(importlib.import_module(module), name))
}
NOT_JSON = {
    "dpssec.indicators.context.ValidationContext",
    "dpssec.indicators.submission.SubmittedValue",
}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_every_class_declares_an_example_that_builds(name: str) -> None:
    cls = CLASSES[name]
    if not attrs.has(cls):
        pytest.skip("not an attrs class")
    declared = example_of(cls)
    assert declared is not None, f"{name} declares no @example"
    built = declared.call(cls)
    assert isinstance(built, cls)
    if name not in NOT_JSON:
        assert from_json(to_json(built), cls) == built
