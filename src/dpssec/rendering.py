"""Shared rendering for result objects: text, HTML tables, dicts and data frames.

Result classes (frozen attrs, possibly vectorised: fields may be arrays) inherit
:class:`ResultMixin` and get

* ``__str__``: a readable block (one value per line) or a text table (one row per element);
* ``_repr_html_``: the same as an HTML table, which Jupyter shows;
* ``to_dict()``: JSON-compatible data through :mod:`dpssec.serialization`;
* ``to_frame()``: a pandas DataFrame, one row per element (pandas is optional; without it the
  call says how to install it).

A class may override ``_columns()`` to choose what the table shows.

For example:

>>> import attrs, numpy as np
>>> from dpssec.rendering import ResultMixin
>>> @attrs.frozen
... class Share(ResultMixin):
...     value: float
...     method: str
>>> print(Share(0.25, "wilson"))
Share
  value   0.25
  method  wilson
"""

from __future__ import annotations

import enum
import html
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import example, guarded
from dpssec.errors import DpssecError

__all__ = ["DemoSection", "ResultMixin", "format_value", "require_pandas"]

_MAX_ROWS = 20


@example()
def require_pandas() -> Any:
    """Import pandas or raise an ImportError that says how to install it."""
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - exercised only without pandas
        raise ImportError(
            "to_frame() needs pandas, which is optional: pip install 'dpssec[pandas]'"
        ) from None
    return pd


@example(0.12345)
def format_value(value: Any) -> str:
    """Format one cell: floats to 6 significant digits, enums by value, others by ``str``."""
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, float | np.floating):
        return f"{float(value):.6g}"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        magnitude = value.magnitude
        if np.ndim(magnitude) == 0:
            return f"{float(magnitude):.6g} {value.units:~}"
    if value is None:
        return ""
    return str(value)


def _is_series(value: Any) -> bool:
    return type(value).__module__.startswith("pandas") and getattr(value, "ndim", 0) == 1


def _as_column(value: Any) -> Any:
    if _is_series(value):
        return value.to_numpy()
    if hasattr(value, "magnitude") and hasattr(value, "units") and np.ndim(value.magnitude) > 0:
        return [format_value(v) for v in value]
    if isinstance(value, np.ndarray) and value.ndim == 1:
        return value
    if isinstance(value, list | tuple) and all(np.ndim(v) == 0 for v in value):
        return list(value)
    return None


class ResultMixin:
    """Mixin giving attrs result classes text, HTML, dict and frame renderings."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # attrs builds the final (slotted) class with its __init__: guard that one
        super().__init_subclass__(**kwargs)
        guarded(cls)

    def _columns(self) -> dict[str, Any]:
        """Column name to sequence (or scalar, broadcast) for the tabular views."""
        if not attrs.has(type(self)):
            raise DpssecError(f"{type(self).__name__} must be an attrs class to render")
        return {f.name: getattr(self, f.name) for f in attrs.fields(type(self)) if f.repr}  # type: ignore[arg-type]

    def _rows(self) -> tuple[list[str], list[list[Any]], bool]:
        columns = self._columns()
        names = list(columns)
        as_columns = {name: _as_column(v) for name, v in columns.items()}
        lengths = {len(c) for c in as_columns.values() if c is not None}
        if not lengths:
            return names, [[columns[n] for n in names]], True
        n = max(lengths)
        rows = []
        for i in range(n):
            row = []
            for name in names:
                col = as_columns[name]
                row.append(col[i] if col is not None and len(col) == n else columns[name])
            rows.append(row)
        return names, rows, False

    def __str__(self) -> str:
        names, rows, single = self._rows()
        title = type(self).__name__
        if single:
            width = max(len(n) for n in names)
            lines = [title] + [
                f"  {n.ljust(width)}  {format_value(v)}"
                for n, v in zip(names, rows[0], strict=True)
            ]
            return "\n".join(lines)
        if not rows:
            return f"{title} (0 rows)\n" + "  ".join(names)
        shown = rows if len(rows) <= _MAX_ROWS else rows[: _MAX_ROWS // 2] + rows[-_MAX_ROWS // 2 :]
        cells = [[format_value(v) for v in row] for row in shown]
        widths = [max(len(n), *(len(r[i]) for r in cells)) for i, n in enumerate(names)]
        lines = [
            f"{title} ({len(rows)} rows)",
            "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)),
        ]
        for k, row in enumerate(cells):
            if len(rows) > _MAX_ROWS and k == _MAX_ROWS // 2:
                lines.append("...")
            lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        names, rows, single = self._rows()
        title = html.escape(type(self).__name__)
        if single:
            body = "".join(
                f"<tr><th style='text-align:left'>{html.escape(n)}</th>"
                f"<td>{html.escape(format_value(v))}</td></tr>"
                for n, v in zip(names, rows[0], strict=True)
            )
            return f"<table><caption>{title}</caption>{body}</table>"
        head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
        shown = rows[:_MAX_ROWS]
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(format_value(v))}</td>" for v in row) + "</tr>"
            for row in shown
        )
        more = f"<p>{len(rows) - len(shown)} more rows</p>" if len(rows) > len(shown) else ""
        return f"<table><caption>{title} ({len(rows)} rows)</caption><tr>{head}</tr>{body}</table>{more}"

    def to_dict(self) -> Any:
        """JSON-compatible data (see :mod:`dpssec.serialization` for the formats)."""
        from dpssec.serialization import to_dict

        return to_dict(self)

    def _index(self) -> Any:
        """The pandas index of the rows: that of a Series field (Series input), else None."""
        for value in self._columns().values():
            if _is_series(value):
                return value.index
        return None

    def to_frame(self) -> Any:
        """A pandas DataFrame with one row per element of the result.

        When the result was computed from pandas Series, the frame keeps their index.
        """
        pd = require_pandas()
        names, rows, _ = self._rows()
        data = {name: [_frame_cell(row[i]) for row in rows] for i, name in enumerate(names)}
        index = self._index()
        if index is not None and len(index) != len(rows):
            index = None
        return pd.DataFrame(data, columns=names, index=index)


def _frame_cell(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        return format_value(value)
    if attrs.has(type(value)) or isinstance(value, list | tuple | dict):
        return str(value)
    return value


@attrs.frozen
class DemoSection:
    """One part of the demo report.

    Attributes
    ----------
    title : str
    text : str
        What a person reads (already formatted, several lines).
    data : dict
        The same content as JSON-compatible data for ``dpssec demo --json``.
    """

    title: str
    text: str
    data: dict[str, Any] = attrs.field(factory=dict)
