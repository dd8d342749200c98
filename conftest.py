"""Root pytest configuration: figures drawn by the doctests of ``plot()`` methods are closed.

(The fixtures of the test suite are in ``tests/conftest.py``.)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
