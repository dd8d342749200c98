"""Fixtures and helpers for the mine-action tests (reference vectors live in tests/data/mines)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "mines"


def read_vectors(name: str) -> list[dict[str, str]]:
    """Rows of a CSV in tests/data/mines, skipping the '#' comment lines that cite the source."""
    lines = [
        line
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))
