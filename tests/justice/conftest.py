"""Fixtures of the justice tests: the reference-vector loader."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data" / "justice"


def load_rows(name: str) -> list[dict[str, Any]]:
    """Rows of ``tests/data/justice/<name>`` ('#' lines are the source notes); numbers as floats."""
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
