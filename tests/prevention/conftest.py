"""Fixtures of the prevention tests: the reference-vector loader and the PHE test areas."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "prevention"


def load_rows(name: str) -> list[dict[str, Any]]:
    """Rows of ``tests/data/prevention/<name>`` ('#' lines are source notes); numbers as floats."""
    lines = [
        line
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    rows = []
    for row in csv.DictReader(lines):
        parsed: dict[str, Any] = {}
        for key, value in row.items():
            try:
                parsed[key] = float(value)
            except ValueError:
                parsed[key] = value
        rows.append(parsed)
    return rows


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
