"""Cells to typed columns: one rule per spec, vectorised where the cells allow it.

Numbers are parsed in bulk by numpy (``2001.0`` is a whole year, a decimal comma is read when
the file uses one); text with units goes through :func:`~dpssec.boundary.parse_quantity`; choices
through :func:`~dpssec.boundary.parse_choice` once per distinct value. A cell that cannot be
read becomes a :class:`Problem` with its line and column, and the reader reports them together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Amount,
    ArraySpec,
    Choice,
    Date,
    Flag,
    Indicator,
    Names,
    OptionSpec,
    Spec,
    Text,
    example,
    parse_quantity,
)
from dpssec.errors import InputError

__all__ = ["Problem", "convert_cells"]

_TRUE = {"true", "yes", "y", "si", "sí", "sim", "oui", "vrai", "verdadero", "verdadeiro", "1"}
_FALSE = {"false", "no", "n", "não", "nao", "non", "faux", "falso", "0"}


@example(3, "capacity", "-5", "is negative")
@attrs.frozen
class Problem:
    """A cell that could not be read."""

    line: Any
    column: str
    value: Any
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column!r}: {self.value!r} {self.reason}"


def _number_text(cell: str, decimal: str) -> str:
    text = cell.strip().replace("\u00a0", "").replace(" ", "")
    if decimal == ",":
        text = text.replace(".", "").replace(",", ".")
    return text


def convert_cells(
    cells: Sequence[Any],
    spec: Spec,
    column: str,
    lines: Sequence[Any],
    *,
    decimal: str = ".",
    missing: frozenset[str] = frozenset(),
    problems: list[Problem],
) -> np.ndarray:
    """The typed column of ``cells`` (read from ``column``); bad cells appended to ``problems``.

    Numbers become float64 (NaN where missing), dates ``datetime64[D]`` (NaT), choices their enum
    members or names, text ``str`` (None where empty), flags ``bool``.
    """
    if isinstance(spec, Date):
        return _dates(cells, spec, column, lines, missing, problems)
    if isinstance(spec, Indicator):
        cells = [_flag_or_cell(c) for c in cells]
        return _numbers(cells, spec, column, lines, decimal, missing, problems)
    if isinstance(spec, ArraySpec):
        return _numbers(cells, spec, column, lines, decimal, missing, problems)
    if isinstance(spec, Choice | Text | Names | OptionSpec):
        return _objects(cells, spec, column, lines, missing, problems)
    raise TypeError(f"no cell rule for {type(spec).__name__}")  # pragma: no cover


def _is_missing(cell: Any, missing: frozenset[str]) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float) and cell != cell:
        return True
    return isinstance(cell, str) and cell.strip().casefold() in missing


def _flag_or_cell(cell: Any) -> Any:
    if isinstance(cell, str):
        key = cell.strip().casefold()
        if key in _TRUE:
            return 1.0
        if key in _FALSE:
            return 0.0
    return cell


def _numbers(
    cells: Sequence[Any],
    spec: ArraySpec,
    column: str,
    lines: Sequence[Any],
    decimal: str,
    missing: frozenset[str],
    problems: list[Problem],
) -> np.ndarray:
    out = np.full(len(cells), np.nan)
    texts = all(isinstance(c, str) for c in cells)
    if texts and cells:
        prepared = [
            "nan" if c.strip().casefold() in missing else _number_text(c, decimal) for c in cells
        ]
        try:
            out = np.asarray(prepared).astype(float)
            cells_done = True
        except ValueError:
            cells_done = False
    else:
        cells_done = False
    if not cells_done:
        for i, cell in enumerate(cells):
            if _is_missing(cell, missing):
                continue
            try:
                out[i] = _one_number(cell, spec, column, decimal)
            except InputError as exc:
                problems.append(Problem(lines[i], column, cell, _reason(exc)))
    bad_nan = [i for i, c in enumerate(cells) if np.isnan(out[i]) and not _is_missing(c, missing)]
    for i in bad_nan:
        if not any(p.line == lines[i] and p.column == column for p in problems):
            problems.append(Problem(lines[i], column, cells[i], "is not a number"))
    _check_values(out, spec, column, lines, cells, problems)
    return out


def _one_number(cell: Any, spec: ArraySpec, column: str, decimal: str) -> float:
    if isinstance(cell, bool):
        raise InputError("is a boolean, not a number")
    if isinstance(cell, int | float | np.number):
        return float(cell)
    if isinstance(cell, str):
        text = _number_text(cell, decimal)
        try:
            return float(text)
        except ValueError:
            pass
        if isinstance(spec, Amount):
            return parse_quantity(cell, spec.unit, column, decimal=decimal)
        raise InputError("is not a number")
    raise InputError(f"is not a number ({type(cell).__name__})")


def _check_values(
    out: np.ndarray,
    spec: ArraySpec,
    column: str,
    lines: Sequence[Any],
    cells: Sequence[Any],
    problems: list[Problem],
) -> None:
    present = ~np.isnan(out)
    try:
        spec.prepare(out[present], column, missing_ok=False)
        return
    except InputError:
        pass
    for i in np.flatnonzero(present).tolist():
        try:
            spec.prepare(float(out[i]), column)
        except InputError as exc:
            problems.append(Problem(lines[i], column, cells[i], _reason(exc)))


def _reason(exc: InputError) -> str:
    """What is wrong with one cell, from the check's own words ("is negative")."""
    if exc.reason:
        reason = exc.reason.replace("are not whole numbers", "is not a whole number")
        return reason.replace("are ", "is ", 1) if reason.startswith("are ") else reason
    text = str(exc)
    if text.startswith("parameter ") and ": " in text:
        reason = text.split(": ", 1)[1]
        for quote in ("'", '"'):  # "'wounded' is not one of ...": the cell is shown already
            if reason.startswith(quote) and f"{quote} " in reason[1:]:
                return reason.split(f"{quote} ", 1)[1]
        return reason
    if text.startswith("parameter ") and " must " in text:
        return "is not " + text.split(" must be ", 1)[-1].split("; got", 1)[0]
    return text


def _dates(
    cells: Sequence[Any],
    spec: Date,
    column: str,
    lines: Sequence[Any],
    missing: frozenset[str],
    problems: list[Problem],
) -> np.ndarray:
    out = np.full(len(cells), np.datetime64("NaT"), dtype="datetime64[D]")
    for i, cell in enumerate(cells):
        if _is_missing(cell, missing):
            continue
        try:
            if isinstance(cell, dt.datetime) and cell.time() == dt.time(0):
                cell = cell.date()
            out[i] = np.datetime64(
                spec.scalar(cell.strip() if isinstance(cell, str) else cell, column), "D"
            )
        except InputError as exc:
            problems.append(Problem(lines[i], column, cell, _reason(exc)))
    return out


def _objects(
    cells: Sequence[Any],
    spec: Spec,
    column: str,
    lines: Sequence[Any],
    missing: frozenset[str],
    problems: list[Problem],
) -> np.ndarray:
    out = np.empty(len(cells), dtype=object)
    cache: dict[Any, Any] = {}
    for i, cell in enumerate(cells):
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            out[i] = None
            continue
        value = cell.strip() if isinstance(cell, str) else cell
        if isinstance(spec, Flag) and isinstance(value, str):
            value = _flag_text(value)
        key = (type(value), value)
        try:
            if key not in cache:
                cache[key] = spec.scalar(value, column)
            out[i] = cache[key]
        except InputError as exc:
            problems.append(Problem(lines[i], column, cell, _reason(exc)))
        except TypeError:
            out[i] = spec.scalar(value, column)
    return out


def _flag_text(value: str) -> Any:
    key = value.casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return value
