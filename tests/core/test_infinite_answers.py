"""The calculators that may answer inf are declared, documented, and say so in the conventions."""

from __future__ import annotations

import importlib
import pkgutil
import warnings
from pathlib import Path

import pytest

import dpssec
from dpssec.boundary import calculator_info
from dpssec.errors import DataQualityWarning

CONVENTIONS = Path(__file__).resolve().parents[2] / "docs" / "conventions.md"


def _infinite_answers() -> dict[str, object]:
    found: dict[str, object] = {}
    for info in pkgutil.walk_packages(dpssec.__path__, "dpssec."):
        if info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            fn = getattr(module, name, None)
            declared = calculator_info(fn) if callable(fn) else None
            if declared is not None and (not declared.finite_output or declared.zero_denominators):
                found[f"{fn.__module__}.{fn.__name__}"] = fn
    return found


FUNCTIONS = _infinite_answers()


def test_the_conventions_describe_the_exception() -> None:
    text = CONVENTIONS.read_text(encoding="utf-8")
    assert "finite_output=False" in text and "DataQualityWarning" in text
    assert "clearance_rate" in text
    assert "dpssec.justice.caseflow.clearance_rate" in FUNCTIONS


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_each_says_when_it_answers_infinity(name: str) -> None:
    doc = FUNCTIONS[name].__doc__ or ""
    assert "inf" in doc.lower(), f"{name} may return inf but its docstring does not say when"


def test_a_zero_denominator_is_inf_with_a_warning_not_a_refusal() -> None:
    from dpssec.justice import clearance_rate

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert clearance_rate(5, 0) == float("inf")
    assert any(issubclass(w.category, DataQualityWarning) for w in caught)
