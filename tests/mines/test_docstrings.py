"""Every public class and function of dpssec.mines shows an example that runs (as a doctest)."""

from __future__ import annotations

import inspect

import pytest

import dpssec.mines as mines

PUBLIC = sorted(
    name
    for name in mines.__all__
    if inspect.isclass(getattr(mines, name)) or inspect.isfunction(getattr(mines, name))
)
# Enums and plain data holders explained by their module's example.
WITHOUT_OWN_EXAMPLE = {
    "AreaKind",
    "AreaStatus",
    "BlockedResource",
    "ClearanceMethod",
    "Contamination",
}
NAMED_BY_THE_AUDIT = (
    "HazardousArea",
    "Prioritisation",
    "Forecast",
    "AHPResult",
    "ReleaseSummary",
    "default_benefit",
)


@pytest.mark.parametrize("name", NAMED_BY_THE_AUDIT)
def test_named_objects_have_examples(name: str) -> None:
    doc = inspect.getdoc(getattr(mines, name)) or ""
    assert "Examples\n--------" in doc and ">>> " in doc


def test_every_public_function_has_examples() -> None:
    missing = [
        name
        for name in PUBLIC
        if inspect.isfunction(getattr(mines, name))
        and name not in WITHOUT_OWN_EXAMPLE
        and ">>> " not in (inspect.getdoc(getattr(mines, name)) or "")
    ]
    assert missing == []
