"""Access to the example data bundled in ``dpssec/data`` (through importlib.resources)."""

from __future__ import annotations

import csv
import io
from importlib import resources
from importlib.abc import Traversable

__all__ = ["data_file", "read_csv_rows"]


def data_file(name: str) -> Traversable:
    """The bundled data file ``name`` (e.g. ``"prisons.csv"``); FileNotFoundError if absent."""
    path = resources.files("dpssec").joinpath("data", name)
    if not path.is_file():
        raise FileNotFoundError(f"dpssec ships no data file {name!r}")
    return path


def read_csv_rows(name: str) -> list[dict[str, str]]:
    """The rows of a bundled CSV file as dicts of strings (header row as keys)."""
    text = data_file(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))
