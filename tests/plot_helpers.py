"""Shared checks of the plot tests: Agg backend, figures closed, rcParams untouched."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(autouse=True)
def _rc_params_untouched() -> Iterator[None]:
    """Every plot test: no global matplotlib setting changes, figures closed afterwards."""
    before = dict(matplotlib.rcParams)
    yield
    after = dict(matplotlib.rcParams)
    changed = {k for k in before if before[k] != after[k] and k != "backend"}
    plt.close("all")
    assert not changed, f"rcParams changed: {sorted(changed)}"


def new_axes() -> Any:
    """A fresh Axes of its own figure."""
    _, ax = plt.subplots()
    return ax


def legend_texts(ax: Any) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None, "no legend drawn"
    return [t.get_text() for t in legend.get_texts()]


def hide_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import matplotlib`` fail as it does when the extra is not installed."""
    for name in list(sys.modules):
        if name == "matplotlib" or name.startswith("matplotlib."):
            monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
