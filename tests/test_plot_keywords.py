"""Every ``plot()`` passes matplotlib's own keywords on to what it draws (issue: TypeError)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import warnings
from typing import Any

import pytest

import dpssec
from dpssec.boundary import example_of
from dpssec.errors import DataQualityWarning
from tests.plot_helpers import _rc_params_untouched  # noqa: F401


def _plotting_classes() -> list[type]:
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(dpssec.__path__, "dpssec."):
        if info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name, None)
            if inspect.isclass(value) and "plot" in vars(value) and callable(value.plot):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[k] for k in sorted(found)]


CLASSES = _plotting_classes()


TREND_DATA = {"years": [2019, 2020, 2021, 2022], "rates": [10.0, 11.5, 12.1, 13.9]}


def _instance(cls: type) -> tuple[Any, dict[str, Any]]:
    """An example of the class and what its plot needs besides it."""
    if cls.__name__ == "TrendEstimate":  # plot() needs the data the trend was fitted to
        from dpssec.prevention import annual_percent_change

        return annual_percent_change(TREND_DATA["years"], TREND_DATA["rates"]), TREND_DATA
    if cls.__name__ == "SamplingPlan":  # made by its calculator's declared example
        from dpssec.boundary import call_example
        from dpssec.mines.sampling_plan import sampling_plan

        return call_example(sampling_plan), {}
    example = example_of(cls)
    assert example is not None, f"{cls.__name__} has no declared example"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return example.call(cls), {}


def test_the_plotting_classes_are_found() -> None:
    names = {c.__name__ for c in CLASSES}
    assert {"SurvivalCurve", "ITSResult", "CaseflowTable", "SystemOvercrowding"} <= names
    assert len(CLASSES) >= 14


@pytest.mark.parametrize("cls", CLASSES, ids=[c.__name__ for c in CLASSES])
def test_plot_passes_matplotlib_keywords(cls: type) -> None:
    instance, extra = _instance(cls)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        ax = instance.plot(alpha=0.61, **extra)
    artists = [*ax.lines, *ax.patches, *ax.collections]
    assert any(a.get_alpha() == 0.61 for a in artists), f"{cls.__name__}: alpha not passed on"
