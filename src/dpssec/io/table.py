"""The result of reading a table: typed columns, the file lines they came from, what was detected."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import example
from dpssec.rendering import require_pandas

__all__ = ["Table"]


def _frozen_columns(value: Mapping[str, Any]) -> dict[str, np.ndarray]:
    out = {}
    for name, column in value.items():
        arr = np.asarray(column)
        arr.setflags(write=False)
        out[name] = arr
    return out


def _same_columns(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    if set(a) != set(b):
        return False
    for name in a:
        x, y = np.asarray(a[name]), np.asarray(b[name])
        if x.shape != y.shape:
            return False
        if (x.dtype.kind == "f" and y.dtype.kind == "f") or (
            x.dtype.kind == "M" and y.dtype.kind == "M"
        ):
            if not np.array_equal(x, y, equal_nan=True):
                return False
        elif not all(p == q or (p is None and q is None) for p, q in zip(x, y, strict=True)):
            return False
    return True


@example(
    "prison facilities",
    {"name": ["Norte", "Sur"], "capacity": [800.0, 650.0]},
    [2, 3],
    source="prisons.csv",
    encoding="utf-8",
    delimiter=",",
    decimal=".",
    header={"Nombre": "name", "Capacidad": "capacity"},
)
@attrs.frozen(eq=False)
class Table:
    """Typed columns read through a :class:`~dpssec.io.Schema`.

    Attributes
    ----------
    schema : str
        The schema's name.
    columns : dict of str to ndarray
        One array per field: float64 for numbers (NaN where a cell was empty or marked
        missing), ``datetime64[D]`` for dates, objects for text and choices.
    lines : ndarray
        The file line (CSV), sheet row (Excel), row number (Parquet) or index label
        (DataFrame) of each row, for messages.
    source : str
        The file name (or ``"DataFrame"``).
    encoding, delimiter, decimal : str
        What was detected or given ("" where it does not apply).
    header : dict of str to str
        Each header as written in the file, to the field it was read as.
    extra : dict of str to ndarray
        Unknown columns kept as text (when the schema says ``extra="keep"``).
    line_word : str
        How messages name a position in ``lines``: ``"line"`` (a CSV line, an Excel row) or
        ``"row"`` (a Parquet row, a DataFrame label).
    """

    schema: str
    columns: dict[str, np.ndarray] = attrs.field(converter=_frozen_columns)
    lines: np.ndarray = attrs.field(converter=np.asarray)
    source: str = ""
    encoding: str = ""
    delimiter: str = ""
    decimal: str = ""
    header: dict[str, str] = attrs.field(factory=dict)
    extra: dict[str, np.ndarray] = attrs.field(factory=dict, converter=_frozen_columns)
    line_word: str = "line"

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, field: str) -> np.ndarray:
        try:
            return self.columns[field]
        except KeyError:
            raise KeyError(
                f"{self.schema} has no column {field!r}; it has {', '.join(self.columns)}"
            ) from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Table):
            return NotImplemented
        return (
            self.schema == other.schema
            and _same_columns(self.columns, other.columns)
            and np.array_equal(self.lines, other.lines)
        )

    __hash__ = None  # type: ignore[assignment]

    def as_columns(self) -> dict[str, np.ndarray]:
        """The typed columns and the kept extra ones (text, None where empty), in one dict."""
        return {**self.columns, **self.extra}

    def rows(self) -> Iterator[dict[str, Any]]:
        """One dict per row (field to value; NaN and NaT where missing)."""
        names = list(self.columns)
        for i in range(len(self)):
            yield {name: _item(self.columns[name][i]) for name in names}

    def to_frame(self) -> Any:
        """A pandas DataFrame with the fields as columns (pandas is optional)."""
        pd = require_pandas()
        data = dict(self.columns)
        data.update(self.extra)
        return pd.DataFrame(data)

    def __repr__(self) -> str:
        return (
            f"Table({self.schema!r}, {len(self)} rows, columns={list(self.columns)}, "
            f"source={self.source!r})"
        )


def _item(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item() if value.dtype.kind != "M" else value.astype(object)
    return value
