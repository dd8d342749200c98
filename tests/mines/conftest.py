"""Fixtures and helpers for the mine-action tests (reference vectors live in tests/data/mines)."""

from __future__ import annotations

from tests.helpers import DATA as ALL_DATA
from tests.helpers import read_reference_csv

DATA = ALL_DATA / "mines"


def read_vectors(name: str) -> list[dict[str, str]]:
    """Rows of a CSV in tests/data/mines, skipping the '#' comment lines that cite the source."""
    return read_reference_csv("mines", name)
