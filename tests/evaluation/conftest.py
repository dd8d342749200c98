"""Fixtures of the evaluation tests: the reference-vector loaders and the Agg backend."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import load_reference_rows, read_reference_csv


def load_rows(name: str) -> list[dict[str, Any]]:
    """Rows of ``tests/data/evaluation/<name>`` ('#' lines are the source notes)."""
    return load_reference_rows("evaluation", name)


def text_rows(name: str) -> list[dict[str, str]]:
    """The same rows as text."""
    return read_reference_csv("evaluation", name)


@pytest.fixture
def agg() -> Any:
    """matplotlib with the non-interactive Agg backend; figures closed afterwards."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")
