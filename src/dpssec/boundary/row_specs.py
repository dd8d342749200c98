"""Per-row specifications that are not numbers: text labels and dates that may be open.

* :class:`TextLabels`: one text label per row (a court, a facility, a state), so that a reduction can
  group rows and ``nan_policy="omit"`` drops a label together with the numbers of its row;
* :class:`OpenDate`: the date a spell ended (a disposition, a release), or nothing while the
  spell is still open: an empty value means "not yet", not "not known", so it is never
  treated as a missing value by ``nan_policy``.

Both are aligned with a calculator's other per-row parameters (lengths and pandas indexes must
agree). For example:

>>> from dpssec.boundary import OpenDate, TextLabels
>>> TextLabels().convert(["Norte", "Sur", 101], "court")
array(['Norte', 'Sur', '101'], dtype='<U5')
>>> OpenDate().convert(["2024-03-01", None, ""], "disposed")
array(['2024-03-01',        'NaT',        'NaT'], dtype='datetime64[D]')
>>> TextLabels().convert(["Norte", None], "court")
Traceback (most recent call last):
...
dpssec.errors.InputError: parameter 'court': 1 of 2 rows have no label (first at index 1)
"""

from __future__ import annotations

import enum
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary.arrays import Prepared, describe_position, is_lazy, is_pandas, short_repr
from dpssec.boundary.specs import ArraySpec, Date
from dpssec.errors import InputError

__all__ = ["OpenDate", "TextLabels"]


@attrs.frozen(kw_only=True)
class TextLabels(ArraySpec):
    """A text label per row (a court, a case category, a facility), or one label for all rows.

    Text is kept as it is (surrounding spaces removed) in a numpy text array; whole numbers
    such as court codes ``101`` become the text ``"101"``, and enum members (a choice read
    from a table) their value. A row without a label (None, NaN, empty text) and booleans are
    refused with the position: a row must say what it belongs to. Dask input is computed
    (labels are small next to the numbers they group).
    """

    kind: ClassVar[str] = "a label"

    def describe(self) -> str:
        return "a label (text) per row"

    def convert(self, value: Any, name: str) -> Any:
        prepared = self.prepare(value, name)
        return None if prepared is None else prepared.values

    def scalar(self, value: Any, name: str) -> Any:
        return str(self.convert(value, name).item())

    def prepare(
        self,
        value: Any,
        name: str,
        *,
        missing_ok: bool = False,
        integers: bool = False,
        index: Any = None,
    ) -> Prepared | None:
        if value is None:
            if self.optional:
                return None
            raise InputError(f"parameter {name!r} is required ({self.describe()}); got None")
        index = series_name = None
        if is_pandas(value):
            if value.ndim != 1:
                raise InputError(f"parameter {name!r} takes one column of labels")
            index, series_name = getattr(value, "index", None), getattr(value, "name", None)
            value = value.to_numpy(dtype=object)
        if is_lazy(value):
            value = np.asarray(value.compute())
        if isinstance(value, str | int | np.integer | enum.Enum) and not isinstance(
            value, bool | np.bool_
        ):
            return Prepared(np.asarray(self._label(value, name, "")), name)
        text = isinstance(value, np.ndarray) and value.dtype.kind == "U"
        arr = value if text else np.asarray(value, dtype=object)
        if arr.ndim != 1:
            raise InputError(f"parameter {name!r} takes one label or a 1-D sequence of labels")
        items = [] if text else arr.tolist()
        if text or set(map(type, items)) <= {str}:  # the common case: no Python loop per row
            out = np.char.strip(arr if text else np.asarray(items, dtype=str))
            empty = out == ""
            if empty.any():
                first = int(np.argmax(empty))
                raise InputError(
                    f"parameter {name!r}: an empty label at {describe_position(first, index)}"
                )
            return Prepared(out, name, index=index, series_name=series_name)
        labels: list[str] = []
        missing = np.zeros(arr.shape, dtype=bool)
        for position, item in enumerate(items):
            if _is_missing(item):
                missing[position] = True
                labels.append("")
                continue
            labels.append(self._label(item, name, describe_position(position, index)))
        if missing.any():
            count, first = int(missing.sum()), int(np.argmax(missing))
            raise InputError(
                f"parameter {name!r}: {count} of {arr.size} rows have no label (first at "
                f"{describe_position(first, index)})"
            )
        return Prepared(np.asarray(labels, dtype=str), name, index=index, series_name=series_name)

    def _label(self, item: Any, name: str, where: str) -> str:
        at = f" at {where}" if where else ""
        if isinstance(item, bool | np.bool_):
            raise InputError(f"parameter {name!r} must be labels (text); got {item!r}{at}")
        if isinstance(item, enum.Enum):  # a choice read from a table: its text
            item = item.value if isinstance(item.value, str) else item.name
        if isinstance(item, int | np.integer):
            return str(int(item))
        if isinstance(item, float | np.floating) and float(item).is_integer():
            return str(int(item))
        if not isinstance(item, str):
            raise InputError(
                f"parameter {name!r} must be labels (text); got {short_repr(item)}{at}"
            )
        text = item.strip()
        if not text:
            raise InputError(f"parameter {name!r}: an empty label{at}")
        return text


def _is_missing(item: Any) -> bool:
    if item is None:
        return True
    if isinstance(item, float) and item != item:
        return True
    return type(item).__name__ in ("NAType", "NaTType")


@attrs.frozen(kw_only=True)
class OpenDate(Date):
    """The end of a spell (a disposition, a release), or nothing while it is still open.

    Accepts what :class:`~dpssec.boundary.Date` accepts; an empty value (None, NaT, NaN, ``""``)
    means the spell had not ended, so it is kept as NaT and is **not** a missing value for
    ``nan_policy``. The calculator decides what an open spell means (censored at a reference
    date, for instance).
    """

    kind: ClassVar[str] = "a date or nothing (still open)"

    def describe(self) -> str:
        return "a date (datetime.date or 'YYYY-MM-DD'), or empty while still open"

    def prepare(
        self,
        value: Any,
        name: str,
        *,
        missing_ok: bool = False,
        integers: bool = False,
        index: Any = None,
    ) -> Prepared | None:
        if value is None:
            if self.optional:
                return None
            value = np.datetime64("NaT")
        prepared = super().prepare(value, name, missing_ok=True, integers=integers, index=index)
        if prepared is not None:
            prepared.missing = None
        return prepared

    def _one(self, item: Any, name: str, *, where: str = "") -> np.datetime64:
        if isinstance(item, str) and not item.strip():
            return np.datetime64("NaT")
        return super()._one(item, name, where=where)
