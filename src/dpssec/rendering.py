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

from dpssec.boundary import example, guarded, short_repr
from dpssec.errors import DpssecError, InputError

__all__ = [
    "MAX_ROWS",
    "DemoSection",
    "FlatTable",
    "ResultMixin",
    "format_value",
    "require_pandas",
    "results_equal",
    "unit_suffix",
]

MAX_ROWS = 20
"""Rows a result shows in text and HTML before it hides the middle ones and says how many."""


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
    """Mixin giving attrs result classes text, HTML, CSV, dict and frame renderings, and ``==``.

    A subclass may override

    * ``_columns()``: column name to sequence (or scalar, broadcast) for the tabular views,
      one row per unit of analysis;
    * ``_index_columns()``: the names among those columns that identify a row (its keys); they
      become the index of :meth:`to_frame` and the first columns of :meth:`to_csv`.

    Results compare with ``==`` field by field: arrays element-wise, NaN equal to NaN,
    Quantities by unit and magnitude (see :func:`results_equal`); a subclass declares itself
    ``@attrs.frozen(eq=False)`` so that attrs leaves this comparison in place.
    """

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

    def _index_columns(self) -> tuple[str, ...]:
        """The columns that identify a row (the frame's index); none by default."""
        return ()

    def _display_columns(self) -> dict[str, Any]:
        """The columns the text and HTML views show (the flat table's by default)."""
        return self._columns()

    def _rows(
        self, columns: dict[str, Any] | None = None
    ) -> tuple[list[str], list[list[Any]], bool]:
        columns = self._columns() if columns is None else columns
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

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return results_equal(self, other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.to_text()

    def to_text(self, max_rows: int | None = MAX_ROWS) -> str:
        """The result as text: a block of values, or a table of at most ``max_rows`` rows.

        Rows beyond ``max_rows`` are hidden from the middle of the table, and a line says how
        many and how to see them; ``max_rows=None`` shows every row.
        """
        names, rows, single = self._rows(self._display_columns())
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
        hidden = 0 if max_rows is None else max(0, len(rows) - max_rows)
        if hidden:
            head = max_rows // 2 if max_rows is not None else 0
            shown = rows[:head] + rows[len(rows) - (max_rows - head) :] if max_rows else []
        else:
            shown = rows
        cells = [[format_value(v) for v in row] for row in shown]
        widths = [max(len(n), *(len(r[i]) for r in cells)) for i, n in enumerate(names)]
        lines = [
            f"{title} ({len(rows)} rows)",
            "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)),
        ]
        for k, row in enumerate(cells):
            if hidden and k == (max_rows or 0) // 2:
                lines.append(_hidden_line(hidden))
            lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if hidden and not cells:
            lines.append(_hidden_line(hidden))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        names, rows, single = self._rows(self._display_columns())
        title = html.escape(type(self).__name__)
        if single:
            body = "".join(
                f"<tr><th style='text-align:left'>{html.escape(n)}</th>"
                f"<td>{html.escape(format_value(v))}</td></tr>"
                for n, v in zip(names, rows[0], strict=True)
            )
            return f"<table><caption>{title}</caption>{body}</table>"
        head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
        shown = rows[:MAX_ROWS]
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(format_value(v))}</td>" for v in row) + "</tr>"
            for row in shown
        )
        more = (
            f"<p>{len(rows) - len(shown)} more rows (to_frame() or to_text(max_rows=None) "
            "shows them all)</p>"
            if len(rows) > len(shown)
            else ""
        )
        return f"<table><caption>{title} ({len(rows)} rows)</caption><tr>{head}</tr>{body}</table>{more}"

    def to_dict(self) -> Any:
        """JSON-compatible data (see :mod:`dpssec.serialization` for the formats)."""
        from dpssec.serialization import to_dict

        return to_dict(self)

    def to_json(self, *, indent: int | None = None) -> str:
        """The result as JSON text, readable back with :func:`dpssec.serialization.from_json`."""
        from dpssec.serialization import to_json

        return to_json(self, indent=indent)

    def _index(self) -> Any:
        """The pandas index of the rows: that of a Series field (Series input), else None."""
        for value in self._columns().values():
            if _is_series(value):
                return value.index
        return None

    def flat_table(self) -> FlatTable:
        """The rows of the result as plain columns: one row per unit of analysis.

        Numbers stay numbers; a Quantity column becomes its magnitudes under a name that
        carries the unit (``area`` in m² becomes ``area_m2``); enums are their values. This
        is what :meth:`to_frame` and :meth:`to_csv` show (and the command line's
        ``--format csv``), without needing pandas.
        """
        raw = self._columns()
        names, rows, _ = self._rows(raw)
        columns: dict[str, list[Any]] = {}
        units: dict[str, str] = {}
        labels: dict[str, str] = {}
        for i, name in enumerate(names):
            values = [row[i] for row in rows]
            unit = _unit_of(raw[name])
            labels[name] = name
            if unit is not None:
                label = labels[name] = f"{name}_{unit_suffix(unit)}"
                magnitude = _magnitude(raw[name])
                columns[label] = (
                    [_magnitude(v) for v in np.asarray(magnitude).tolist()]
                    if np.ndim(magnitude) > 0 and len(magnitude) == len(rows)
                    else [magnitude] * len(rows)
                )
                units[label] = str(unit)
            else:
                columns[name] = [_frame_cell(v) for v in values]
        keys = tuple(labels[k] for k in self._index_columns() if k in labels)
        return FlatTable(type(self).__name__, columns, keys, units)

    def to_frame(self) -> Any:
        """A pandas DataFrame with one row per unit of analysis (see :meth:`flat_table`).

        The keys of a row (a state, an area id, a PES and exposed-site pair) are the index;
        when the result was computed from pandas Series, the frame keeps their index.
        Dimensional columns hold magnitudes, their units in ``frame.attrs["units"]``.
        """
        pd = require_pandas()
        table = self.flat_table()
        frame = pd.DataFrame(table.columns, columns=list(table.columns))
        if table.keys:
            frame = frame.set_index(list(table.keys))
        else:
            index = self._index()
            if index is not None and len(index) == len(frame):
                frame.index = index
        if table.units:
            frame.attrs["units"] = dict(table.units)
        return frame

    def to_csv(self, path: Any = None) -> str | None:
        """The flat table (:meth:`flat_table`) as CSV text, or written to ``path``.

        Needs no pandas. Missing values are empty cells.
        """
        text = self.flat_table().to_csv()
        if path is None:
            return text
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return None


def _hidden_line(hidden: int) -> str:
    return f"... {hidden} more rows not shown (to_text(max_rows=None) or to_frame() shows them all)"


@example("Estimate", {"area": ["Norte", "Sur"], "value": [2.5, 1.0]}, keys=("area",))
@attrs.frozen
class FlatTable:
    """The rows of a result as plain columns (see :meth:`ResultMixin.flat_table`).

    Attributes
    ----------
    title : str
        The result's class name.
    columns : dict of str to list
        Column name to its values, one per row.
    keys : tuple of str
        The columns that identify a row.
    units : dict of str to str
        The unit of each dimensional column.
    """

    title: str
    columns: dict[str, list[Any]]
    keys: tuple[str, ...] = ()
    units: dict[str, str] = attrs.field(factory=dict)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()), []))

    def records(self) -> list[dict[str, Any]]:
        """One dict per row, the keys first."""
        names = [*self.keys, *(n for n in self.columns if n not in self.keys)]
        return [{n: self.columns[n][i] for n in names} for i in range(len(self))]

    def to_csv(self) -> str:
        """CSV text, the keys first; NaN and None as empty cells."""
        import csv
        import io

        names = [*self.keys, *(n for n in self.columns if n not in self.keys)]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        for i in range(len(self)):
            writer.writerow([_csv_cell(self.columns[n][i]) for n in names])
        return out.getvalue()

    def to_text(self, max_rows: int | None = None) -> str:
        """A plain-text table of the rows (all of them unless ``max_rows``)."""
        names = [*self.keys, *(n for n in self.columns if n not in self.keys)]
        n = len(self)
        hidden = 0 if max_rows is None else max(0, n - max_rows)
        index = list(range(n if not hidden else max_rows or 0))
        cells = [[format_value(self.columns[c][i]) for c in names] for i in index]
        widths = [max(len(c), *(len(r[k]) for r in cells)) for k, c in enumerate(names)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(names, widths, strict=True)).rstrip()]
        lines += [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells
        ]
        if hidden:
            lines.append(_hidden_line(hidden))
        return "\n".join(lines)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    if isinstance(value, float):
        return repr(value)
    return value


@example("kg/m**3")
def unit_suffix(unit: Any) -> str:
    """A unit as a column-name suffix: ``m``, ``m2``, ``kg``, ``d``, ``kg_per_m3``.

    Examples
    --------
    >>> from dpssec.rendering import unit_suffix
    >>> from dpssec.units import ureg
    >>> unit_suffix(ureg("m**2").units), unit_suffix(ureg("kg").units)
    ('m2', 'kg')
    """
    if isinstance(unit, str):
        text = unit
    elif type(unit).__module__.startswith("pint") and not hasattr(unit, "magnitude"):
        text = f"{unit:~C}"
    else:
        raise InputError(
            f"parameter 'unit' must be a unit (text or a pint unit); got {short_repr(unit)}"
        )
    text = text.replace("**", "").replace("/", "_per_").replace("*", "_").replace(" ", "")
    return text or "1"


def _unit_of(value: Any) -> Any:
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        return value.units
    if _is_series(value):
        units = getattr(value, "attrs", {}).get("units")
        return units if isinstance(units, str) and units else None
    return None


def _magnitude(value: Any) -> Any:
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        value = value.magnitude
    if isinstance(value, np.generic):
        return value.item()
    return value


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


@example([1.0, float("nan")], [1.0, float("nan")])
def results_equal(a: Any, b: Any) -> bool:
    """Whether two results (or any attrs objects) hold equal values, field by field.

    Arrays compare element-wise with NaN equal to NaN, Quantities by unit and magnitude,
    lists, tuples and dicts item by item, nested attrs objects recursively.

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.rendering import results_equal
    >>> results_equal([np.array([1.0, np.nan])], [np.array([1.0, np.nan])])
    True
    """
    if a is b:
        return True
    if attrs.has(type(a)):
        if type(a) is not type(b):
            return False
        return all(
            results_equal(getattr(a, f.name), getattr(b, f.name))
            for f in attrs.fields(type(a))
            if f.eq
        )
    if isinstance(a, dict):
        return (
            isinstance(b, dict)
            and a.keys() == b.keys()
            and all(results_equal(a[k], b[k]) for k in a)
        )
    if isinstance(a, list | tuple):
        return (
            isinstance(b, list | tuple)
            and type(a) is type(b)
            and len(a) == len(b)
            and all(results_equal(x, y) for x, y in zip(a, b, strict=True))
        )
    if isinstance(a, enum.Enum) or isinstance(b, enum.Enum):
        return bool(a == b)
    return _values_equal(a, b)


def _values_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    if hasattr(a, "units") != hasattr(b, "units"):
        return False
    if hasattr(a, "units"):
        if a.units != b.units:
            return False
        a, b = a.magnitude, b.magnitude
    if _is_series(a) or _is_series(b):
        if not (_is_series(a) and _is_series(b)) or not a.index.equals(b.index):
            return False
        a, b = a.to_numpy(), b.to_numpy()
    if hasattr(a, "__dask_graph__") or hasattr(b, "__dask_graph__"):
        return a is b
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        x, y = np.asarray(a), np.asarray(b)
        if x.shape != y.shape or type(a) is not type(b):
            return False
        if x.dtype.kind in "fc" and y.dtype.kind in "fc":
            return bool(np.array_equal(x, y, equal_nan=True))
        if x.dtype.kind == "O" or y.dtype.kind == "O":
            return all(results_equal(p, q) for p, q in zip(x.ravel(), y.ravel(), strict=True))
        if x.dtype.kind == "M" and y.dtype.kind == "M":
            return bool(np.array_equal(x, y, equal_nan=True))
        return bool(np.array_equal(x, y))
    if isinstance(a, float | np.floating) and isinstance(b, float | np.floating):
        return bool(a == b or (a != a and b != b))
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


@example("Core", "2 lines\nof text", {"states": 35})
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
