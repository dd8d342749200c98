"""Every public name of dpssec.prevention shows an example (run as a doctest) and its errors."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from dpssec import prevention

# functions that cannot fail on any input they accept, so have nothing to list under Raises
_NEVER_RAISE = {"describe_rule", "normalise_band_label"}


def _public_objects() -> list[tuple[str, Any]]:
    found = []
    for name in prevention.__all__:
        obj = getattr(prevention, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            found.append((name, obj))
        if inspect.isclass(obj) and not issubclass(obj, Exception):
            for attr, member in vars(obj).items():
                if inspect.isfunction(member) and not attr.startswith("_"):
                    found.append((f"{name}.{attr}", member))
    return found


@pytest.mark.parametrize(("name", "obj"), _public_objects(), ids=lambda v: str(v)[:40])
def test_public_objects_have_examples(name: str, obj: Any) -> None:
    assert "Examples\n" in inspect.getdoc(obj), f"{name} has no Examples section"


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in prevention.__all__
        if inspect.isfunction(getattr(prevention, n)) and n not in _NEVER_RAISE
    ],
)
def test_public_functions_list_their_errors(name: str) -> None:
    doc = inspect.getdoc(getattr(prevention, name))
    assert "Raises\n------\n" in doc and "InputError" in doc.split("Raises")[1], name
