"""Small helpers for tests (import as ``from tests.helpers import compute``).

The reference vectors of every domain live in ``tests/data/<domain>/<name>.csv``: a CSV whose
leading ``#`` lines cite the source. :func:`read_reference_csv` reads one as text and
:func:`load_reference_rows` parses the numbers as floats; each domain's ``conftest.py`` binds
its own folder.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from tests.conftest import compute

__all__ = ["DATA", "compute", "load_reference_rows", "read_reference_csv"]

DATA = Path(__file__).resolve().parent / "data"


def read_reference_csv(domain: str, name: str) -> list[dict[str, str]]:
    """Rows of ``tests/data/<domain>/<name>`` as text ('#' lines are the source notes)."""
    lines = [
        line
        for line in (DATA / domain / name).read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    return list(csv.DictReader(lines))


def load_reference_rows(domain: str, name: str) -> list[dict[str, Any]]:
    """Rows of ``tests/data/<domain>/<name>``; values that parse as numbers become floats."""
    rows = []
    for row in read_reference_csv(domain, name):
        parsed: dict[str, Any] = {}
        for key, value in row.items():
            try:
                parsed[key] = float(value)
            except ValueError:
                parsed[key] = value
        rows.append(parsed)
    return rows
