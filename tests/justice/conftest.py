"""Fixtures of the justice tests: the reference-vector loader."""

from __future__ import annotations

from typing import Any

from tests.helpers import load_reference_rows


def load_rows(name: str) -> list[dict[str, Any]]:
    """Rows of ``tests/data/justice/<name>`` ('#' lines are the source notes); numbers as floats."""
    return load_reference_rows("justice", name)
