"""Fixtures of the prevention tests: the reference-vector loader and the PHE test areas."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tests.helpers import load_reference_rows


def load_rows(name: str) -> list[dict[str, Any]]:
    """Rows of ``tests/data/prevention/<name>`` ('#' lines are source notes); numbers as floats."""
    return load_reference_rows("prevention", name)


@pytest.fixture(scope="session")
def phe_multiarea() -> dict[str, Any]:
    """The PHE testdata_multiarea inputs: band labels, population, big and small counts."""
    rows = load_rows("phe_dsr_multiarea.csv")
    return {
        "bands": [r["band"] for r in rows],
        "population": np.array([r["population"] for r in rows]),
        "big": np.array([r["big"] for r in rows]),
        "small": np.array([r["small"] for r in rows]),
    }


@pytest.fixture(scope="session")
def phe_reference() -> dict[str, np.ndarray]:
    """The PHE refdata of the ISR tests."""
    rows = load_rows("phe_isr_reference.csv")
    return {
        "counts": np.array([r["reference_count"] for r in rows]),
        "populations": np.array([r["reference_population"] for r in rows]),
    }
