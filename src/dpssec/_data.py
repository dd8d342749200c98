"""Access to the example data bundled in ``dpssec/data`` (through importlib.resources).

The public names are :func:`dpssec.data.data_file` and :func:`dpssec.data.data_files`.
"""

from __future__ import annotations

import csv
import difflib
import io
from importlib import resources
from importlib.abc import Traversable

from dpssec.boundary import Text, example, short_repr
from dpssec.errors import InputError

__all__ = ["data_file", "data_files", "read_csv_rows"]


@example()
def data_files() -> tuple[str, ...]:
    """The names of the bundled example tables, sorted."""
    folder = resources.files("dpssec").joinpath("data")
    return tuple(
        sorted(
            p.name
            for p in folder.iterdir()
            if p.is_file() and p.name.endswith((".csv", ".json", ".xlsx", ".parquet"))
        )
    )


@example("justice_prisons.csv")
def data_file(name: str) -> Traversable:
    """The bundled example table ``name`` (``"justice_prisons.csv"``), readable by
    :func:`dpssec.io.read_table`.

    Raises
    ------
    InputError
        dpssec ships no such file (the message lists the closest names).

    Examples
    --------
    >>> from dpssec.data import data_file
    >>> data_file("justice_prisons.csv").name
    'justice_prisons.csv'
    >>> data_file("prisons.csv")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'name': dpssec ships no data file 'prisons.csv' (closest: justice_prisons.csv, justice_prisons_long.csv); dpssec.data.data_files() lists them
    """
    name = Text().convert(name, "name")
    if name not in data_files():
        close = difflib.get_close_matches(name[:200], data_files(), n=2, cutoff=0.5)
        hint = f" (closest: {', '.join(close)})" if close else ""
        raise InputError(
            f"parameter 'name': dpssec ships no data file {short_repr(name)}{hint}; "
            "dpssec.data.data_files() lists them"
        )
    return resources.files("dpssec").joinpath("data", name)


def read_csv_rows(name: str) -> list[dict[str, str]]:
    """The rows of a bundled CSV file as dicts of strings (header row as keys)."""
    text = data_file(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))
