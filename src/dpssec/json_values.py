"""How values are written in JSON and read back: numbers, arrays, Series, Quantities.

The value rules of :mod:`dpssec.serialization`, kept apart from its converter:

* NaN and infinities, which JSON lacks, are the strings ``"NaN"``, ``"Infinity"`` and
  ``"-Infinity"`` (:data:`NON_FINITE`), as the protocol-buffers JSON mapping writes them;
* a numpy array is a list (nested for a table) of numbers, booleans or text; dates are ISO
  strings and a missing date ``null``;
* a pandas Series is ``{"index": [...], "values": [...], "name": ..., "units": ...}``;
* a Quantity is ``{"magnitude": ..., "units": "..."}`` and is read from that form, from text
  such as ``"500 kg"`` or from a bare number in the field's canonical unit.

For example:

>>> from dpssec.json_values import encode_non_finite, structure_ndarray
>>> encode_non_finite([1.5, float("nan"), float("inf")])
[1.5, 'NaN', 'Infinity']
>>> structure_ndarray([1, "NaN", None], None)
array([ 1., nan, nan])
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from typing import Any

import numpy as np

from dpssec.boundary import short_repr
from dpssec.units import Q_, Quantity

__all__ = [
    "NON_FINITE",
    "describe_value",
    "encode_non_finite",
    "is_json_number",
    "is_ndarray",
    "is_quantity_type",
    "is_series_type",
    "plain_value",
    "read_quantity",
    "structure_ndarray",
    "structure_series",
    "structure_values",
    "unstructure_ndarray",
    "unstructure_quantity",
    "unstructure_series",
]


def describe_value(value: object) -> str:
    return f"{short_repr(value)} ({type(value).__name__})"


NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
"""How :func:`to_json` writes the floats JSON lacks (and how they are read back)."""


# -- numpy ------------------------------------------------------------------------------------


def is_ndarray(cls: Any) -> bool:
    return cls is np.ndarray


def is_json_number(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)) or (
        isinstance(value, str) and value in NON_FINITE
    )


def structure_ndarray(value: Any, _: type) -> np.ndarray:
    """A JSON list (nested for 2-D) as an array of numbers, booleans or text.

    Whole numbers give an integer array, other numbers a float array (``null``, a missing
    value, and ``"NaN"`` are NaN; ``"Infinity"`` and ``"-Infinity"`` are infinities); text
    (``null`` for a missing label) an object array of strings. A mixture of kinds is refused.
    """
    if isinstance(value, np.ndarray):
        return value
    if not isinstance(value, list):
        raise TypeError(f"expected a list of numbers, got {describe_value(value)}")
    try:
        shaped = np.array(value, dtype=object)
    except ValueError:
        raise ValueError("expected a rectangular list of lists (a table of numbers)") from None
    flat = list(np.ravel(shaped))
    present = [v for v in flat if v is not None]
    if any(isinstance(v, list | dict) for v in present):
        raise ValueError("expected a rectangular list of lists (a table of numbers)")
    if all(is_json_number(v) for v in present):
        if len(present) == len(flat) and all(isinstance(v, int) for v in present):
            return shaped.astype(np.int64)
        numbers = [math.nan if v is None else NON_FINITE.get(v, v) for v in flat]
        return np.array(numbers, dtype=float).reshape(shaped.shape)
    if all(isinstance(v, str) for v in present):
        return shaped
    if all(isinstance(v, bool) for v in present) and len(present) == len(flat):
        return shaped.astype(bool)
    bad = [i for i, v in enumerate(flat) if v is not None and not is_json_number(v)]
    raise TypeError(
        f"expected a list of numbers; {len(bad)} item(s) are not numbers "
        f"(first at index {bad[0]}: {flat[bad[0]]!r})"
    )


def unstructure_ndarray(array: np.ndarray) -> Any:
    """A list (nested for 2-D): dates as ISO strings (NaT as null), enums as their values."""
    if array.dtype.kind == "M":
        text = np.datetime_as_string(array, unit="D").tolist()
        return [None if t == "NaT" else t for t in text]
    if array.dtype.kind == "O":
        return [plain_value(v) for v in array.tolist()] if array.ndim == 1 else array.tolist()
    return array.tolist()


# -- pandas Series (results computed from Series keep their keys) -----------------------------


def is_series_type(cls: Any) -> bool:
    return (
        isinstance(cls, type)
        and cls.__name__ == "Series"
        and cls.__module__.split(".")[0] == "pandas"
    )


def plain_value(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple):
        return [plain_value(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return value.isoformat()
    return value


def unstructure_series(series: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "index": [plain_value(v) for v in series.index.tolist()],
        "values": [plain_value(v) for v in series.to_numpy().tolist()],
        "name": None if series.name is None else str(series.name),
    }
    units = series.attrs.get("units")
    if units:
        out["units"] = str(units)
    return out


def structure_series(value: dict[str, Any]) -> Any:
    from dpssec.rendering import require_pandas

    pd = require_pandas()
    extra = set(value) - {"index", "values", "name", "units"}
    if (
        extra
        or not isinstance(value.get("index"), list)
        or not isinstance(value.get("values"), list)
    ):
        raise ValueError(
            "expected a series as {'index': [...], 'values': [...], 'name': ...}, got keys "
            f"{sorted(value)}"
        )
    if len(value["index"]) != len(value["values"]):
        raise ValueError(
            f"a series needs one value per label: {len(value['index'])} labels, "
            f"{len(value['values'])} values"
        )
    labels = value["index"]
    index = (
        pd.MultiIndex.from_tuples([tuple(v) for v in labels])
        if labels and all(isinstance(v, list) for v in labels)
        else pd.Index(labels)
    )
    values = structure_ndarray(value["values"], np.ndarray)
    name = value.get("name")
    if name is not None and not isinstance(name, str):
        raise TypeError(f"a series name must be text, got {describe_value(name)}")
    series = pd.Series(values, index=index, name=name)
    if value.get("units"):
        series.attrs["units"] = str(value["units"])
    return series


def structure_values(value: Any, _: Any = None) -> Any:
    """A result's per-row field: a scalar, an array (JSON list), a Quantity or a Series."""
    if value is None:
        return None
    if isinstance(value, str) and value in NON_FINITE:
        return NON_FINITE[value]
    if isinstance(value, list):
        return structure_ndarray(value, np.ndarray)
    if isinstance(value, dict):
        if "magnitude" in value:
            return read_quantity(value, None)
        if "index" in value and "values" in value:
            return structure_series(value)
        raise ValueError(
            "expected a number, a list, a quantity {'magnitude': ..., 'units': ...} or a "
            f"series {{'index': [...], 'values': [...]}}, got keys {sorted(value)}"
        )
    if isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"expected a number, a list or a quantity, got {describe_value(value)}")


# -- quantities -------------------------------------------------------------------------------


def is_quantity_type(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, Quantity)


def unstructure_quantity(q: Any) -> dict[str, Any]:
    magnitude = q.magnitude
    if isinstance(magnitude, np.ndarray):
        magnitude = magnitude.tolist()
    elif isinstance(magnitude, np.generic):
        magnitude = magnitude.item()
    return {"magnitude": magnitude, "units": str(q.units)}


def read_quantity(value: Any, unit: str | None) -> Any:
    """Read the three accepted forms; check the dimension against ``unit`` when known."""
    if isinstance(value, str):
        try:
            q = Q_(value)
        except Exception:
            raise ValueError(f"cannot read {value!r} as a quantity such as '500 kg'") from None
        if not isinstance(q, Quantity) or q.unitless:  # a bare number in a string
            q = Q_(float(getattr(q, "magnitude", q)), unit or "dimensionless")
    elif isinstance(value, dict):
        extra = set(value) - {"magnitude", "units"}
        if extra or "magnitude" not in value or "units" not in value:
            raise ValueError(
                "expected a quantity as {'magnitude': ..., 'units': '...'} or a string "
                f"such as '500 kg', got keys {sorted(value)}"
            )
        magnitude, units = value["magnitude"], value["units"]
        if not isinstance(units, str):
            raise TypeError(f"quantity units must be a string, got {describe_value(units)}")
        if isinstance(magnitude, list):
            magnitude = structure_ndarray(magnitude, np.ndarray)
        elif isinstance(magnitude, str) and magnitude in NON_FINITE:
            magnitude = NON_FINITE[magnitude]
        elif isinstance(magnitude, bool) or not isinstance(magnitude, int | float):
            raise TypeError(f"quantity magnitude must be a number, got {describe_value(magnitude)}")
        try:
            q = Q_(magnitude, units)
        except Exception:
            raise ValueError(f"unknown unit {units!r}") from None
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if unit is None:
            raise TypeError(f"expected a quantity with units, got the bare number {value!r}")
        q = Q_(float(value), unit)
    elif isinstance(value, Quantity):
        q = value
    else:
        raise TypeError(f"expected a quantity such as '500 kg', got {describe_value(value)}")
    if unit is not None:
        target = Q_(1, unit)
        if q.dimensionality != target.dimensionality:
            raise ValueError(
                f"expected a quantity in {unit} ({target.dimensionality}), got "
                f"'{q}' ({q.dimensionality or 'dimensionless'})"
            )
    return q


def encode_non_finite(data: Any) -> Any:
    if isinstance(data, float):
        if math.isfinite(data):
            return data
        return "NaN" if data != data else ("Infinity" if data > 0 else "-Infinity")
    if isinstance(data, dict):
        return {key: encode_non_finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [encode_non_finite(value) for value in data]
    return data
