"""The input vocabulary: what a parameter accepts, declared once.

Array specifications (:class:`Number`, :class:`Count`, :class:`Population`, :class:`Share`,
:class:`Amount` and its named forms :class:`Mass`, :class:`Length`, :class:`Area`,
:class:`Duration`, :class:`Indicator`, :class:`Year`, :class:`Date`) take a scalar, a sequence,
an ndarray, a pandas Series or column, or a dask array, and give magnitudes in the canonical
unit, checked. Option specifications (:class:`Choice`, :class:`Flag`, :class:`Confidence`,
:class:`Scale`, :class:`Size`, :class:`Text`, :class:`Names`) take one value.

Every spec refuses text and booleans where a number belongs, NaN unless ``nan_policy`` allows
it, infinities always, and says what is wrong and where (position and pandas label). The
same spec builds an attrs field (:meth:`Spec.field`), so a model and a calculator accept the
same values for the same name.

For example:

>>> from dpssec.boundary import Count, Mass
>>> Count().convert([3, 4.0], "population")
array([3., 4.])
>>> Count().convert(2.5, "population")
Traceback (most recent call last):
...
dpssec.errors.InputError: parameter 'population': 1 of 1 values are not whole numbers (first at index 0: 2.5)
>>> from dpssec.units import Q_
>>> round(float(Mass("kg").convert(Q_(1000, "lb"), "neq")), 3)
453.592
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import compiled
from dpssec.boundary.arrays import (
    BlockPlace,
    Prepared,
    all_whole,
    block_place,
    describe_position,
    is_lazy,
    is_pandas,
    min_max,
    min_max_whole,
    numbers_from_objects,
    pandas_values,
    raise_bad,
    scalar_number,
    short_repr,
    top_bits_whole,
)
from dpssec.boundary.choices import choice_values, parse_choice
from dpssec.errors import InputError, UnitError

__all__ = [
    "Amount",
    "Area",
    "ArraySpec",
    "Choice",
    "Choices",
    "Confidence",
    "Count",
    "Date",
    "Duration",
    "Flag",
    "Flags",
    "Indicator",
    "Labels",
    "Length",
    "Mass",
    "Names",
    "Number",
    "OptionSpec",
    "Population",
    "Preset",
    "Scale",
    "Share",
    "Size",
    "Spec",
    "Text",
    "Year",
]

SPEC_METADATA_KEY = "dpssec.spec"


class Spec:
    """Base of every specification."""

    optional: bool = False
    kind: ClassVar[str] = "a value"

    def convert(self, value: Any, name: str) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def describe(self) -> str:
        """A short phrase for messages and docs (``"a whole number >= 0"``)."""
        return self.kind

    def scalar(self, value: Any, name: str) -> Any:
        """One value for a model field (Python scalar, Quantity, enum member, date...)."""
        return self.convert(value, name)

    def field(self, *, default: Any = attrs.NOTHING, **kwargs: Any) -> Any:
        """An attrs field that accepts exactly what this spec accepts.

        The converter receives the field name, so messages read ``'population': ...``; the
        spec is stored in the field's metadata for :mod:`dpssec.serialization`.
        """
        spec = self

        def convert(value: Any, _self: Any, field: attrs.Attribute[Any]) -> Any:
            if value is None and spec.optional:
                return None
            return spec.scalar(value, field.name)

        metadata = dict(kwargs.pop("metadata", {}))
        metadata[SPEC_METADATA_KEY] = self
        unit = getattr(self, "unit", None)
        if unit is not None and isinstance(self, Amount):
            from dpssec.boundary.fields import UNIT_METADATA_KEY

            metadata[UNIT_METADATA_KEY] = unit
        if default is attrs.NOTHING and self.optional and "factory" not in kwargs:
            default = None
        return attrs.field(
            default=default,
            converter=attrs.Converter(convert, takes_self=True, takes_field=True),
            metadata=metadata,
            **kwargs,
        )


# -- array specifications -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ArraySpec(Spec):
    """A numeric parameter that may be one value or one per row.

    Parameters
    ----------
    unit : str, optional
        Canonical unit: a Quantity is converted to it, a plain number is read in it; None for a
        pure number (only dimensionless Quantities accepted).
    lower, upper : float, optional
        Inclusive bounds.
    positive : bool
        Strictly greater than 0.
    whole : bool
        Whole numbers only (given as int or as an integral float).
    ndim : tuple of int
        Accepted dimensions (0 and 1 by default; a matrix parameter says ``(2,)``).
    aligned : bool
        Whether the parameter is one value per row, aligned with the calculator's other
        aligned parameters (lengths and pandas indexes must agree).
    sample : str
        The table the rows belong to. Aligned parameters of the same sample agree in length
        and index and lose the same rows under ``nan_policy="omit"``; a calculator comparing
        two groups of different sizes declares ``sample="a"`` and ``sample="b"``.
    optional : bool
        Accept None.
    """

    unit: str | None = None
    lower: float | None = None
    upper: float | None = None
    positive: bool = False
    whole: bool = False
    ndim: tuple[int, ...] = (0, 1)
    aligned: bool = True
    sample: str = ""
    optional: bool = False

    kind: ClassVar[str] = "a number"
    booleans: ClassVar[bool] = False

    def describe(self) -> str:
        parts = [self.kind]
        if self.positive:
            parts.append("> 0")
        elif self.lower is not None:
            parts.append(f">= {self.lower:g}")
        if self.upper is not None:
            parts.append(f"<= {self.upper:g}")
        if self.unit:
            parts.append(f"[{self.unit}]")
        return " ".join(parts)

    # -- conversion ---------------------------------------------------------------------------

    @property
    def fill(self) -> float:
        """A valid stand-in for a missing value while the kernel runs (its result is masked)."""
        low = self.lower if self.lower is not None else 0.0
        return max(low, 1.0) if self.positive or low > 0 else low

    def convert(self, value: Any, name: str) -> Any:
        """Magnitudes (ndarray, or a float for a scalar) of ``value``, checked; NaN refused."""
        prepared = self.prepare(value, name)
        if prepared is None:
            return None
        if prepared.scalar:
            return float(prepared.values)
        return prepared.values

    def scalar(self, value: Any, name: str) -> Any:
        # np.ndim of a pint Quantity goes through pint's numpy dispatch: ask its magnitude
        if np.ndim(getattr(value, "magnitude", value)) != 0 or is_lazy(value) or is_pandas(value):
            raise InputError(f"{name} takes one value; got {short_repr(value)}")
        out = self.convert(value, name)
        return int(out) if self.whole else out

    def prepare(
        self,
        value: Any,
        name: str,
        *,
        missing_ok: bool = False,
        integers: bool = False,
        index: Any = None,
    ) -> Prepared | None:
        """Convert and check ``value``; the decorator's entry point.

        ``integers=True`` hands integer arrays to the kernel unconverted (for kernels written
        with float arithmetic only), saving a copy of each column. ``index`` gives labels for
        the messages of a plain sequence (the ids of a table's rows); a pandas object's own
        index takes precedence.
        """
        if value is None:
            if self.optional:
                return None
            raise InputError(f"parameter {name!r} is required ({self.describe()}); got None")
        if type(value) is float or type(value) is int:  # the common scalar, fast
            magnitude = self._scalar_float(value, name)
            return self._check_scalar(magnitude, name, missing_ok)
        series_name = columns = None
        if hasattr(value, "magnitude") and hasattr(value, "units"):
            value = self._from_quantity(value, name)
        if is_pandas(value):
            if getattr(value, "ndim", 1) == 2:
                columns = list(value.columns)
            value, index, series_name = pandas_values(value, name, allow_2d=2 in self.ndim)
        if is_lazy(value):
            return self._lazy(value, name, missing_ok)
        if isinstance(value, str | bytes):
            return self._check_scalar(self._from_text(value, name), name, missing_ok)
        if isinstance(value, bool | np.bool_) and not self.booleans:
            raise InputError(
                f"parameter {name!r} must be numbers ({self.describe()}); got the boolean {value!r}"
            )
        if isinstance(value, int | float | np.integer | np.floating | np.bool_):
            return self._check_scalar(self._scalar_float(value, name), name, missing_ok)
        arr = self._as_ndarray(value, name, index)
        if arr.ndim not in self.ndim:
            raise InputError(
                f"parameter {name!r} takes {_dims(self.ndim)}; got an array of shape {arr.shape}"
            )
        if arr.dtype.kind in "iu":
            smallest = self._check_integers(arr, name, index)
            prepared = Prepared(
                arr if integers else arr.astype(float), name, index=index, series_name=series_name
            )
            prepared.bounded = True  # |int64| < 1e19: no float overflow from a few products
            prepared.smallest = smallest
            prepared.columns = columns
            return prepared
        missing, bounded, smallest = self._check(arr, name, index, missing_ok)
        prepared = Prepared(arr, name, index=index, series_name=series_name, missing=missing)
        prepared.bounded = bounded
        prepared.smallest = smallest
        prepared.columns = columns
        return prepared

    def _check_integers(self, arr: np.ndarray, name: str, index: Any) -> float | None:
        """Integers are whole and finite: only the bounds need a look (one pass for a count).

        Returns the smallest value if it was read (a bound below), else None.
        """
        if arr.size == 0:
            return None
        floor = 1 if self.positive else self.lower
        if floor is not None and self.upper is not None:
            low, high = min_max(arr)  # both bounds in one read of the column
        else:
            low = arr.min() if floor is not None else None
            high = arr.max() if self.upper is not None else None
        if floor is not None and low < floor:
            self._check_range(arr.astype(float), float(low), 0.0, name, arr, index)
        if self.upper is not None and high > self.upper:
            self._check_range(arr.astype(float), 0.0, float(high), name, arr, index)
        return None if low is None else float(low)

    def _check_scalar(self, magnitude: float, name: str, missing_ok: bool) -> Prepared:
        if 0 not in self.ndim:
            raise InputError(
                f"parameter {name!r} takes {_dims(self.ndim)}; got one value ({magnitude:g})"
            )
        arr = np.float64(magnitude)
        missing, bounded, smallest = self._check(np.asarray(arr), name, None, missing_ok)
        prepared = Prepared(arr, name, missing=missing)
        prepared.bounded = bounded
        prepared.smallest = smallest
        return prepared

    def _scalar_float(self, value: Any, name: str) -> float:
        if isinstance(value, bool | np.bool_) and self.booleans:
            return float(value)
        return scalar_number(value, name)

    def _from_text(self, value: Any, name: str) -> float:
        raise InputError(
            f"parameter {name!r} must be numbers ({self.describe()}); got text {value!r}"
        )

    def _from_quantity(self, value: Any, name: str) -> Any:
        from dpssec.units import to_magnitude

        if self.unit is None:
            if value.dimensionality:
                raise UnitError(
                    f"parameter {name!r} is a pure number; got {value} "
                    f"({value.dimensionality}). Pass a plain number.",
                    parameter=name,
                    expected="dimensionless",
                    given=str(value.units),
                )
            return value.to("dimensionless").magnitude
        return to_magnitude(value, self.unit, name)

    def _as_ndarray(self, value: Any, name: str, index: Any) -> np.ndarray:
        if isinstance(value, list | tuple) and _holds_flags_or_text(value):
            # numpy would read [True, 90] as [1, 90] and [1, "x"] as text: look at each item
            return numbers_from_objects(
                np.asarray(value, dtype=object),
                name,
                index,
                parse_text=self._text_parser(name),
                booleans=self.booleans,
            )
        try:
            arr = np.asarray(value)
        except (ValueError, TypeError) as exc:
            raise InputError(
                f"parameter {name!r} must be numbers ({self.describe()}) or a sequence of them; "
                f"got {short_repr(value)} ({type(exc).__name__})"
            ) from None
        kind = arr.dtype.kind
        if kind in "US" and isinstance(value, list | tuple):
            arr = np.asarray(value, dtype=object)  # numpy made every item text; find the real ones
            kind = "O"
        if kind == "f":
            return arr if arr.dtype == np.float64 else arr.astype(float)
        if kind in "iu":
            return arr  # checked as integers (cheaper), converted by prepare()
        if kind == "b":
            if self.booleans:
                return arr.astype(float)
            raise InputError(
                f"parameter {name!r} must be numbers ({self.describe()}); got booleans"
            )
        if kind == "m":
            return self._from_timedelta(arr, name)
        if kind == "M":
            raise InputError(
                f"parameter {name!r} must be numbers ({self.describe()}); got dates ({arr.dtype})"
            )
        if kind in "OUS":
            parse = self._text_parser(name) if kind in "OU" else None
            return numbers_from_objects(arr, name, index, parse_text=parse, booleans=self.booleans)
        raise InputError(
            f"parameter {name!r} must be numbers ({self.describe()}); got an array of dtype {arr.dtype}"
        )

    def _text_parser(self, name: str) -> Any:
        return None

    def _from_timedelta(self, arr: np.ndarray, name: str) -> np.ndarray:
        raise InputError(
            f"parameter {name!r} must be numbers ({self.describe()}); got time differences"
        )

    # -- checks ---------------------------------------------------------------------------

    def _check(
        self, arr: np.ndarray, name: str, index: Any, missing_ok: bool
    ) -> tuple[Any, bool | None, float | None]:
        """Validate an eager float array; return (missing mask or None, bounded, smallest).

        ``bounded`` says every magnitude lies within [1e-75, 1e75] (or is 0 where 0 is
        allowed), so a kernel's few products and ratios cannot overflow: the decorator then
        skips its check of the output. A tiny non-zero value (a count of 1e-320) is not
        bounded: divided by, it overflows. None means "no magnitude above 1e75; whether a
        non-zero one lies below 1e-75 was not looked at" (a column that holds zeros): the
        decorator then checks the output, and asks :func:`tiny_values` only to name the
        culprits of a result that is not finite. ``smallest`` is the smallest value where it
        was read (None if not, or if a value is missing): a denominator whose smallest value is
        above 0 needs no look for zeros.
        """
        if arr.size == 0:
            return None, True, None
        scanned = compiled.summary(arr, whole=self.whole)  # long float64: one compiled pass
        if scanned is not None:
            low, high, whole = scanned
            return None, self._bounded(arr, low, high, whole, name, index), low
        if self.lower == 0 and not self.positive and arr.flags.c_contiguous:
            # One pass: as unsigned integers, non-negative finite doubles sort below +inf, and
            # NaN, infinities and negative numbers (sign bit) sort above it; a count's
            # whole-number test is read in the same pass. (A value that must be > 0 needs its
            # minimum too: min_max below reads both in one pass.)
            if self.whole:
                top, whole = top_bits_whole(arr)
            else:
                top, whole = arr.view(np.uint64).max(), None
            if top < _INF_BITS:
                high = float(np.array(top, dtype=np.uint64).view(np.float64))
                self._check_range(arr, 0.0, high, name, arr, index, whole=whole)
                if high > _BOUND:
                    return None, False, None
                if self.whole:
                    return None, True, None  # a whole number is 0 or at least 1
                # Zeros are allowed, so the smallest non-zero value would cost a pass of its
                # own (a quarter of a millisecond per million rows): not known, the output
                # is checked instead (one sum), and tiny_values() names the culprits then.
                return None, _no_tiny_if_small(arr), None
        whole = None
        if self.whole and arr.dtype.kind == "f":  # bounds and wholeness in one read
            low, high, whole = min_max_whole(arr)
        else:
            low, high = min_max(arr)
        if low != low or high != high:  # NaN somewhere
            missing = np.isnan(arr)
            if not missing_ok:
                raise_bad(
                    arr,
                    name,
                    missing,
                    "are missing (NaN); pass nan_policy='propagate' or 'omit' where offered",
                    index,
                )
            present = arr[~missing]
            if present.size:
                self._check_range(present, present.min(), present.max(), name, arr, index)
            return missing, False, None
        return None, self._bounded(arr, low, high, whole, name, index), float(low)

    def _bounded(
        self, arr: np.ndarray, low: Any, high: Any, whole: bool | None, name: str, index: Any
    ) -> bool | None:
        """Check a column without NaN from its bounds (and wholeness); return ``bounded``."""
        self._check_range(arr, low, high, name, arr, index, whole=whole)
        magnitude = max(abs(float(low)), abs(float(high)))
        if magnitude > _BOUND:
            return False
        if self.positive:
            return float(low) >= 1 / _BOUND
        if self.whole:
            return True  # a whole number is 0 or at least 1
        if float(low) > 0 or float(high) < 0:  # one sign, no zero: the extreme nearest 0
            return min(abs(float(low)), abs(float(high))) >= 1 / _BOUND
        return _no_tiny_if_small(arr)

    def _check_range(
        self,
        arr: np.ndarray,
        low: Any,
        high: Any,
        name: str,
        full: np.ndarray,
        index: Any,
        *,
        whole: bool | None = None,
    ) -> None:
        def fail(mask_full: np.ndarray, reason: str) -> None:
            raise_bad(full, name, mask_full, reason, index)

        if np.isinf(low) or np.isinf(high):
            fail(np.isinf(full), "are infinite")
        if self.positive and not low > 0:
            fail(full <= 0, "are zero or negative (must be > 0)")
        if self.lower is not None and low < self.lower:
            reason = "are negative" if self.lower == 0 else f"are below {self.lower:g}"
            fail(full < self.lower, reason)
        if self.upper is not None and high > self.upper:
            fail(full > self.upper, f"are above {self.upper:g}")
        if whole is None and self.whole and arr.dtype.kind == "f":
            whole = all_whole(arr)
        if whole is False:
            with np.errstate(invalid="ignore"):
                fail(np.isfinite(full) & (np.trunc(full) != full), "are not whole numbers")

    def _lazy(self, value: Any, name: str, missing_ok: bool) -> Prepared:
        kind = value.dtype.kind
        if kind == "b" and not self.booleans:
            raise InputError(
                f"parameter {name!r} must be numbers ({self.describe()}); got booleans"
            )
        if kind not in "iufb":
            raise InputError(
                f"parameter {name!r} must be numbers ({self.describe()}); got a dask array of dtype "
                f"{value.dtype}"
            )
        if value.ndim not in self.ndim:
            raise InputError(
                f"parameter {name!r} takes {_dims(self.ndim)}; got an array of shape {value.shape}"
            )
        spec = self
        if hasattr(value, "to_dask_array"):  # a dask Series: check each partition with its labels

            def check_partition(part: Any, partition_info: Any = None) -> Any:
                number = partition_info["number"] if partition_info else 0
                values = part.to_numpy(dtype=float, na_value=np.nan)
                offset = 0.0 if number == 0 else float("nan")
                place = BlockPlace("partition", number, offset, part.index)
                spec._check(np.ascontiguousarray(values), name, place, missing_ok)
                return part.astype(float)

            checked = value.map_partitions(check_partition, meta=(value.name, "f8"))
            checked = checked.to_dask_array()
        else:

            def check_block(block: np.ndarray, block_info: Any = None) -> np.ndarray:
                place = block_place(block_info)
                spec._check(np.ascontiguousarray(block), name, place, missing_ok)
                return block

            checked = value.astype(float).map_blocks(check_block, dtype=float)
        missing = None
        if missing_ok:
            import dask.array as da

            missing = da.isnan(checked)
        return Prepared(checked, name, missing=missing)


def tiny_values(values: Any) -> bool:
    """Whether an array holds a non-zero magnitude below 1e-75 (its reciprocal overflows).

    Examples
    --------
    >>> tiny_values([0.0, 2.0]), tiny_values([0.0, 1e-300])
    (False, True)
    """
    arr = np.abs(np.asarray(values, dtype=float))
    with np.errstate(invalid="ignore"):
        return bool(np.any((arr > 0) & (arr < 1 / _BOUND)))


def _no_tiny_if_small(arr: np.ndarray) -> bool | None:
    """``bounded`` of a column that may hold zeros: looked at when short, else not known."""
    return not tiny_values(arr) if arr.size <= _SMALL else None


_UNITS: dict[str, Any] = {}
_SMALL = 4096  # below this many values the smallest magnitude is looked at at once
_INF_BITS = np.uint64(0x7FF0000000000000)
_BOUND = 1e75


def _holds_flags_or_text(items: list[Any] | tuple[Any, ...]) -> bool:
    """Whether a (nested) list holds booleans or text, which numpy would silently convert."""
    for item in items:
        if isinstance(item, bool | np.bool_ | str | bytes):
            return True
        if isinstance(item, list | tuple) and _holds_flags_or_text(item):
            return True
    return False


def _dims(ndim: tuple[int, ...]) -> str:
    names = {0: "one value", 1: "a 1-D sequence", 2: "a 2-D table (rows x columns)"}
    return " or ".join(names.get(n, f"{n}-D arrays") for n in ndim)


@attrs.frozen(kw_only=True)
class Number(ArraySpec):
    """A real number (any sign unless bounded), optionally in a unit."""

    kind: ClassVar[str] = "a number"


@attrs.frozen(kw_only=True)
class Count(ArraySpec):
    """A count of events or persons: whole, >= 0; a ``person`` Quantity is accepted.

    ``whole=False`` accepts estimated or weighted counts (survey-weighted totals).
    """

    lower: float | None = 0.0
    whole: bool = True
    kind: ClassVar[str] = "a count"

    def describe(self) -> str:
        base = "a whole number" if self.whole else "a count"
        return f"{base} {'> 0' if self.positive else '>= 0'}" + (
            f" <= {self.upper:g}" if self.upper is not None else ""
        )

    def _from_quantity(self, value: Any, name: str) -> Any:
        return _persons(value, name)


@attrs.frozen(kw_only=True)
class Population(ArraySpec):
    """A population or person-time at risk: > 0, not necessarily whole (an estimate)."""

    positive: bool = True
    kind: ClassVar[str] = "a population"

    def _from_quantity(self, value: Any, name: str) -> Any:
        return _persons(value, name)


def _persons(value: Any, name: str) -> Any:
    dimensionality = value.dimensionality
    if not dimensionality:
        return value.to("dimensionless").magnitude
    if str(dimensionality) == "[population]":
        return value.to("person").magnitude
    raise UnitError(
        f"parameter {name!r} is a count or a number of persons; got {value} "
        f"({dimensionality}). Pass a plain number, a dimensionless quantity or persons.",
        parameter=name,
        expected="person",
        given=str(value.units),
    )


@attrs.frozen(kw_only=True)
class Share(ArraySpec):
    """A fraction in [0, 1] (give ``upper=100`` for a percentage)."""

    lower: float | None = 0.0
    upper: float | None = 1.0
    kind: ClassVar[str] = "a share"


@attrs.frozen(kw_only=True)
class Indicator(ArraySpec):
    """An event indicator: 0/1 or booleans (1 = the event happened)."""

    lower: float | None = 0.0
    upper: float | None = 1.0
    whole: bool = True
    kind: ClassVar[str] = "an indicator (0/1 or booleans)"
    booleans: ClassVar[bool] = True


@attrs.frozen(kw_only=True)
class Labels(ArraySpec):
    """Group labels, one per row: text, numbers or booleans (``by=``, ``groups=``).

    A 1-D sequence, ndarray, pandas Series or dask array (computed: grouping needs the labels
    in memory). None, NaN and pandas NA are missing values. A single string is one label, not
    one per row, and is refused. Labels of mixed types (``1`` and ``"1"``) are compared as text.

    Examples
    --------
    >>> from dpssec.boundary import Labels
    >>> Labels().convert(["north", "south", "north"], "by")
    array(['north', 'south', 'north'], dtype='<U5')
    >>> Labels().convert("north", "by")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'by' takes one label per row (a list, an array or a Series); got one value 'north'
    """

    ndim: tuple[int, ...] = (1,)
    kind: ClassVar[str] = "group labels"

    def describe(self) -> str:
        return "group labels, one per row"

    @property
    def fill(self) -> Any:
        return ""

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
        series_name = None
        if is_lazy(value):
            value = value.compute()  # grouping needs every label in memory
        if is_pandas(value):
            if value.ndim == 2:
                raise InputError(
                    f"parameter {name!r} takes one column of labels; got a DataFrame with "
                    f"{value.shape[1]} columns"
                )
            index, series_name = getattr(value, "index", None), getattr(value, "name", None)
            value = value.to_numpy()
        try:
            arr = np.asarray(value)
        except (ValueError, TypeError):  # ragged: one item is itself a sequence
            arr = np.asarray(list(value) if isinstance(value, list | tuple) else [], dtype=object)
        if isinstance(value, str | bytes) or arr.ndim == 0:
            raise InputError(
                f"parameter {name!r} takes one label per row (a list, an array or a Series); "
                f"got one value {short_repr(value)}"
            )
        if arr.ndim != 1:
            raise InputError(f"parameter {name!r} takes {_dims((1,))}; got shape {arr.shape}")
        missing = _missing_labels(arr, name, index)
        if missing is not None and missing.any():
            if not missing_ok:
                count, position = int(missing.sum()), int(np.argmax(missing))
                raise InputError(
                    f"parameter {name!r}: {count} of {arr.size} labels are missing (first at "
                    f"{describe_position(position, index)}); pass nan_policy='omit' where "
                    "offered"
                )
        else:
            missing = None
        if arr.dtype.kind == "O" and _mixed_types(arr, missing):
            arr = arr.astype(str)  # mixed label types are compared as text
        prepared = Prepared(arr, name, index=index, series_name=series_name, missing=missing)
        prepared.bounded = True
        return prepared

    def scalar(self, value: Any, name: str) -> Any:
        raise InputError(f"parameter {name!r} takes {self.describe()}, not one value")


_LARGE_LABELS = 100_000
"""From this many labels, pandas (when installed) finds missing and mixed labels in one pass."""


def _pandas_if_large(size: int) -> Any:
    if size < _LARGE_LABELS:
        return None
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        return None
    return pd


def _missing_labels(arr: np.ndarray, name: str, index: Any) -> np.ndarray | None:
    kind = arr.dtype.kind
    if kind == "f":
        found: np.ndarray = np.isnan(arr)
        return found
    if kind in "mM":
        found = np.isnat(arr)
        return found
    if kind in "iubUS":
        return None
    if kind != "O":
        raise InputError(
            f"parameter {name!r} takes group labels; got an array of dtype {arr.dtype}"
        )
    pd = _pandas_if_large(arr.size)
    if pd is not None:
        try:
            codes, _ = pd.factorize(arr, sort=False)  # missing labels get the code -1
        except TypeError:
            raise InputError(
                f"parameter {name!r}: a label must be text, a number or a boolean (a list or a "
                "dict is not a label)"
            ) from None
        return np.asarray(codes < 0)
    missing = np.zeros(arr.size, dtype=bool)
    for position, item in enumerate(arr.tolist()):
        if isinstance(item, list | dict | set | np.ndarray) or (
            hasattr(item, "magnitude") and hasattr(item, "units")
        ):
            raise InputError(
                f"parameter {name!r}: a label must be text, a number or a boolean; got "
                f"{short_repr(item)} at {describe_position(position, index)}"
            )
        missing[position] = (
            item is None or _is_na_scalar(item) or (isinstance(item, float) and item != item)
        )
    return missing


def _is_na_scalar(item: Any) -> bool:
    return type(item).__module__.startswith("pandas") and type(item).__name__ in (
        "NAType",
        "NaTType",
    )


def _mixed_types(arr: np.ndarray, missing: np.ndarray | None) -> bool:
    present = arr if missing is None else arr[~missing]
    pd = _pandas_if_large(present.size)
    if pd is None:
        return len(set(map(type, present.tolist()))) > 1
    return str(pd.api.types.infer_dtype(present, skipna=True)).startswith("mixed")


@attrs.frozen(kw_only=True)
class Year(ArraySpec):
    """A calendar year: a whole number between 1000 and 9999 (``2001.0`` is accepted)."""

    lower: float | None = 1000.0
    upper: float | None = 9999.0
    whole: bool = True
    kind: ClassVar[str] = "a year"

    def scalar(self, value: Any, name: str) -> Any:
        if isinstance(value, str) and value.strip().lstrip("+").replace(".0", "", 1).isdigit():
            value = float(value)
        return super().scalar(value, name)


_CANONICAL_UNITS = frozenset({"dimensionless", "day", "kg", "m", "m**2", "person"})
"""Units of the named specs, checked once by the tests rather than at every import."""


@attrs.frozen
class Amount(ArraySpec):
    """A dimensional amount in a canonical unit, >= 0 by default.

    Accepts a pint Quantity of the right dimension (converted), a plain number (read in the
    canonical unit) or text with a unit such as ``"1.2 ha"`` (read by
    :func:`~dpssec.boundary.parse_quantity`). Model fields store a Quantity in the canonical
    unit.
    """

    unit: str | None = attrs.field(default="dimensionless", kw_only=False)
    lower: float | None = attrs.field(default=0.0, kw_only=True)
    kind: ClassVar[str] = "an amount"

    def __attrs_post_init__(self) -> None:
        if self.unit is None:
            raise TypeError("Amount needs a unit")
        if self.unit in _CANONICAL_UNITS:
            return  # known to pint; declaring it does not import pint (imports stay light)
        from dpssec.units import ureg

        ureg.Unit(self.unit)  # a typo in a declaration fails at import

    def _from_text(self, value: Any, name: str) -> float:
        from dpssec.boundary.quantities import parse_quantity

        return parse_quantity(str(value), self.unit, name)

    def _text_parser(self, name: str) -> Any:
        from dpssec.boundary.quantities import parse_quantity

        return lambda text: parse_quantity(text, self.unit, name)

    def scalar(self, value: Any, name: str) -> Any:
        from dpssec.units import with_units

        magnitude = getattr(value, "magnitude", None)
        if type(magnitude) is float and getattr(value, "units", None) == self._canonical_unit:
            # already a Quantity in the canonical unit (a model built from another): check
            # the number only and keep the object
            super().scalar(magnitude, name)
            return value
        # with_units keeps the parsed unit: parsing "kg" for every model costs ~0.5 ms
        return with_units(super().scalar(value, name), self.unit or "dimensionless")

    @property
    def _canonical_unit(self) -> Any:
        """The canonical unit as a parsed pint Unit (parsed once per unit)."""
        from dpssec.units import with_units

        unit = _UNITS.get(self.unit or "")
        if unit is None:
            unit = _UNITS[self.unit or ""] = with_units(1.0, self.unit or "").units
        return unit


@attrs.frozen
class Mass(Amount):
    """A mass (NEQ) [kg by default]."""

    unit: str | None = attrs.field(default="kg", kw_only=False)
    kind: ClassVar[str] = "a mass"


@attrs.frozen
class Length(Amount):
    """A length or distance [m by default]."""

    unit: str | None = attrs.field(default="m", kw_only=False)
    kind: ClassVar[str] = "a length"


@attrs.frozen
class Area(Amount):
    """An area [m² by default]."""

    unit: str | None = attrs.field(default="m**2", kw_only=False)
    kind: ClassVar[str] = "an area"


@attrs.frozen
class Duration(Amount):
    """A duration [days by default]; numpy ``timedelta64`` values are converted too."""

    unit: str | None = attrs.field(default="day", kw_only=False)
    kind: ClassVar[str] = "a duration"

    def _from_timedelta(self, arr: np.ndarray, name: str) -> np.ndarray:
        from dpssec.units import Q_

        seconds = arr.astype("timedelta64[ns]").astype(float) / 1e9
        seconds[np.isnat(arr)] = np.nan
        return np.asarray(Q_(1.0, "s").to(self.unit).magnitude * seconds)


# -- dates ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Date(ArraySpec):
    """A calendar day: ``datetime.date``, ISO text ``"2024-01-31"``, numpy or pandas dates.

    Arrays become ``datetime64[D]`` (NaT is a missing value); a model field stores a
    ``datetime.date``. A datetime with a time of day is refused (a day is wanted).
    """

    kind: ClassVar[str] = "a date"

    def describe(self) -> str:
        return "a date (datetime.date or 'YYYY-MM-DD')"

    @property
    def fill(self) -> Any:
        """A valid day standing in for a missing date while the kernel runs (result masked)."""
        return np.datetime64("1970-01-01", "D")

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
        series_name = None
        if is_pandas(value):
            value, index, series_name = pandas_values(value, name, allow_2d=False)
        if is_lazy(value):
            if value.dtype.kind != "M":
                raise InputError(f"parameter {name!r} must be dates; got dtype {value.dtype}")
            return Prepared(value.astype("datetime64[D]"), name)
        arr = self._dates(value, name, index)
        missing = np.isnat(arr)
        if missing.any():
            if not missing_ok:
                raise_bad(arr, name, missing, "are missing (NaT)", index)
        else:
            missing = None
        if arr.ndim not in self.ndim:
            raise InputError(f"parameter {name!r} takes {_dims(self.ndim)}; got shape {arr.shape}")
        return Prepared(arr, name, index=index, series_name=series_name, missing=missing)

    def _dates(self, value: Any, name: str, index: Any) -> np.ndarray:
        if isinstance(value, dt.datetime):
            return np.asarray(self._one(value, name), dtype="datetime64[D]")
        if isinstance(value, dt.date | str | np.datetime64):
            return np.asarray(self._one(value, name), dtype="datetime64[D]")
        if isinstance(value, bool | int | float | np.number):
            raise InputError(f"parameter {name!r} must be {self.describe()}; got {value!r}")
        try:
            arr = np.asarray(value)
        except (ValueError, TypeError):  # ragged rows: one item is itself a sequence
            raise InputError(
                f"parameter {name!r} takes {_dims(self.ndim)} of dates; got rows of different "
                f"lengths ({short_repr(value)})"
            ) from None
        if arr.dtype.kind == "M":
            days = arr.astype("datetime64[D]")
            if not np.array_equal(days.astype(arr.dtype), arr, equal_nan=True):
                bad = days.astype(arr.dtype) != arr
                raise_bad(arr, name, bad, "have a time of day (a day is wanted)", index)
            return days
        if arr.dtype.kind in "OU":
            out = np.empty(arr.shape, dtype="datetime64[D]")
            flat = out.ravel()
            for position, item in enumerate(arr.ravel().tolist()):
                if item is None or item is np.nan or (isinstance(item, float) and item != item):
                    flat[position] = np.datetime64("NaT")
                    continue
                where = describe_position(position, index)
                flat[position] = self._one(item, name, where=where)
            return out
        raise InputError(f"parameter {name!r} must be {self.describe()}; got dtype {arr.dtype}")

    def _one(self, item: Any, name: str, *, where: str = "") -> np.datetime64:
        at = f" at {where}" if where else ""
        if type(item).__name__ == "NaTType":
            return np.datetime64("NaT")
        if isinstance(item, dt.datetime):
            if item.time() != dt.time(0) or item.tzinfo is not None:
                raise InputError(
                    f"parameter {name!r}: {item!r}{at} has a time of day; a day is wanted "
                    "(pass .date())"
                )
            return np.datetime64(item.date(), "D")
        if isinstance(item, dt.date):
            return np.datetime64(item, "D")
        if isinstance(item, np.datetime64):
            day: np.datetime64 = item.astype("datetime64[D]")
            return day
        if isinstance(item, str):
            try:
                return np.datetime64(dt.date.fromisoformat(item.strip()), "D")
            except ValueError:
                raise InputError(
                    f"parameter {name!r}: {item!r}{at} is not a date as 'YYYY-MM-DD'"
                ) from None
        raise InputError(
            f"parameter {name!r} must be {self.describe()}; got {short_repr(item)}{at}"
        )

    def convert(self, value: Any, name: str) -> Any:
        prepared = self.prepare(value, name)
        if prepared is None:
            return None
        return prepared.values

    def scalar(self, value: Any, name: str) -> Any:
        if isinstance(value, dt.datetime):
            self._one(value, name)
            return value.date()
        if isinstance(value, dt.date):
            return value
        day = self._one(value, name)
        if np.isnat(day):
            raise InputError(f"{name} is required ({self.describe()}); got {value!r}")
        converted: dt.date = day.astype(dt.date)
        return converted


# -- option specifications (one value) -----------------------------------------------------


@attrs.frozen(kw_only=True)
class OptionSpec(Spec):
    """A single-valued option (a method name, a flag, a level, a size)."""

    optional: bool = False

    def scalar(self, value: Any, name: str) -> Any:
        return self.convert(value, name)


@attrs.frozen
class Choice(OptionSpec):
    """One of an enum's members, or one of a tuple of names, with documented synonyms.

    Parsing is :func:`~dpssec.boundary.parse_choice`: value, name, case and separators
    forgiven; aliases registered on the enum and ``aliases`` given here accepted.
    ``many=True`` accepts one choice or a sequence of them and gives a tuple (repeats
    removed, order kept); a string is one choice, never its letters.

    Examples
    --------
    >>> from dpssec.boundary import Choice
    >>> Choice(("wilson", "exact"), many=True).convert(["Wilson", "exact", "wilson"], "methods")
    ('wilson', 'exact')
    >>> Choice(("wilson", "exact"), many=True).convert("exact", "methods")
    ('exact',)
    """

    choices: Any
    aliases: Mapping[str, Any] = attrs.field(factory=dict, kw_only=True)
    optional: bool = attrs.field(default=False, kw_only=True)
    many: bool = attrs.field(default=False, kw_only=True)
    kind: ClassVar[str] = "a choice"

    def describe(self) -> str:
        text = "one of " + ", ".join(map(repr, choice_values(self.choices)))
        return f"{text} (or a list of them)" if self.many else text

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        aliases = self.aliases or None
        if not self.many:
            return parse_choice(value, self.choices, name, aliases=aliases)
        if isinstance(value, str | enum.Enum):
            return (parse_choice(value, self.choices, name, aliases=aliases),)
        if not isinstance(value, list | tuple | set | frozenset):
            raise InputError(
                f"parameter {name!r} must be {self.describe()}; got {short_repr(value)}"
            )
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        parsed = [
            parse_choice(item, self.choices, f"{name}[{i}]", aliases=aliases)
            for i, item in enumerate(items)
        ]
        return tuple(dict.fromkeys(parsed))

    def field(self, *, default: Any = attrs.NOTHING, **kwargs: Any) -> Any:
        if isinstance(default, str) and isinstance(self.choices, type) and not self.many:
            default = parse_choice(default, self.choices, "default")
        return super().field(default=default, **kwargs)


@attrs.frozen
class Choices(OptionSpec):
    """Several choices at once: a sequence, or one text with ``;`` or ``,`` between them.

    Each item is read by :func:`~dpssec.boundary.parse_choice`; the result is a tuple in the
    order of the choices, without repeats (``"UXO; AP"`` and ``["AP", "uxo", "AP"]`` give the
    same tuple). An empty sequence or text is an empty tuple.
    """

    choices: Any
    aliases: Mapping[str, Any] = attrs.field(factory=dict, kw_only=True)
    optional: bool = attrs.field(default=False, kw_only=True)
    kind: ClassVar[str] = "a list of choices"

    def describe(self) -> str:
        return "a list of " + ", ".join(map(repr, choice_values(self.choices)))

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if isinstance(value, str):
            items: list[Any] = [v for v in _LIST_SEPARATORS.split(value) if v.strip()]
        elif isinstance(value, enum.Enum):
            items = [value]
        elif isinstance(value, np.ndarray) and value.ndim == 0:
            items = [value.item()]
        elif (
            isinstance(value, list | tuple | set | frozenset | np.ndarray)
            and value_ndim(value) <= 1
        ):
            items = list(value)
        else:
            raise InputError(
                f"parameter {name!r} must be {self.describe()} (a sequence, or one text with "
                f"';' between the items); got {short_repr(value)}"
            )
        found = {
            parse_choice(item, self.choices, name, aliases=self.aliases or None) for item in items
        }
        order = list(self.choices)
        return tuple(sorted(found, key=order.index))


_LIST_SEPARATORS = re.compile(r"[;,]")


def value_ndim(value: Any) -> int:
    """``np.ndim`` of any value (a set counts as 1-D)."""
    return 1 if isinstance(value, set | frozenset) else int(np.ndim(value))


@attrs.frozen(kw_only=True)
class Flags(OptionSpec):
    """True or False, or one of them per item (a sequence or 1-D array of booleans).

    Integers are refused as in :class:`Flag`: ``[1, -1]`` would otherwise read as
    ``[True, True]``. ``hint`` is added to the message (how to write the flags from another
    convention).
    """

    hint: str = ""
    kind: ClassVar[str] = "True/False, or a sequence of them"

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if isinstance(value, bool | np.bool_):
            return bool(value)
        if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind == "b":
            return bool(value)
        hint = f" {self.hint}" if self.hint else ""
        if (
            isinstance(value, str | bytes | Mapping)
            or not hasattr(value, "__iter__")
            or hasattr(value, "units")  # a pint Quantity says it is iterable
            or np.ndim(getattr(value, "magnitude", value)) == 0
        ):
            raise InputError(
                f"parameter {name!r} must be {self.kind}; got {short_repr(value)}.{hint}"
            )
        items = np.asarray(list(value), dtype=object)
        if items.ndim != 1:
            raise InputError(
                f"parameter {name!r} must be {self.kind} (1-D); got shape {items.shape}.{hint}"
            )
        for position, item in enumerate(items.tolist()):
            if not isinstance(item, bool | np.bool_):
                shown = (
                    f"{float(item):g}"
                    if isinstance(item, float | np.number)
                    or (isinstance(item, int) and -1e15 < item < 1e15)
                    else short_repr(item)
                )
                raise InputError(
                    f"parameter {name!r} must hold True or False for each item; item {position} "
                    f"is {shown}.{hint}"
                )
        return items.astype(bool)


@attrs.frozen(kw_only=True)
class Flag(OptionSpec):
    """True or False, and nothing else (``"false"``, 0 or None are refused)."""

    kind: ClassVar[str] = "True or False"

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if isinstance(value, bool | np.bool_):
            return bool(value)
        raise InputError(f"parameter {name!r} must be True or False; got {short_repr(value)}")


@attrs.frozen(kw_only=True)
class Confidence(OptionSpec):
    """A confidence level: a fraction (0.95) or a percentage (95); a z value is refused."""

    kind: ClassVar[str] = "a confidence level such as 0.95"

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if isinstance(value, bool | np.bool_) or not isinstance(
            value, int | float | np.integer | np.floating
        ):
            raise InputError(
                f"parameter {name!r} must be a number such as 0.95 or 95; got {short_repr(value)}"
            )
        try:
            return _confidence_level(float(value), name)
        except OverflowError:
            raise InputError(f"parameter {name!r} must be a level such as 0.95") from None


def _confidence_level(level: float, name: str) -> float:
    """The fraction for a level given as a fraction (0.95) or a percentage (95)."""
    if 1 < level < 50:
        raise InputError(
            f"{name}={level!r} is neither a fraction nor a usual percentage; "
            "give the level, e.g. 0.95 or 95 (a z value such as 1.96 is not a level)"
        )
    if 50 <= level < 100:
        level /= 100
    if not 0 < level < 1:
        raise InputError(
            f"{name} must lie in (0, 1) as a fraction or in [50, 100) as a percentage; "
            f"got {level!r}"
        )
    return level


@attrs.frozen(kw_only=True)
class Scale(OptionSpec):
    """A positive, finite scale such as ``multiplier=100_000`` (at most 1e15)."""

    upper: float = 1e15
    kind: ClassVar[str] = "a positive number such as 100000"

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if isinstance(value, bool | np.bool_) or not isinstance(
            value, int | float | np.integer | np.floating
        ):
            raise InputError(f"parameter {name!r} must be {self.kind}; got {short_repr(value)}")
        try:
            number = float(value)
        except OverflowError:
            number = float("inf")
        if not 0 < number <= self.upper:
            raise InputError(
                f"parameter {name!r} must be {self.kind} (> 0, at most {self.upper:g}); "
                f"got {short_repr(value)}"
            )
        return number


@attrs.frozen(kw_only=True)
class Size(OptionSpec):
    """A bounded whole number: periods, horizons, sample and table sizes."""

    lower: int = 0
    upper: int = 1_000_000
    kind: ClassVar[str] = "a whole number"

    def describe(self) -> str:
        return f"a whole number from {self.lower} to {self.upper:,}"

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if isinstance(value, bool | np.bool_) or not isinstance(
            value, int | float | np.integer | np.floating
        ):
            raise InputError(
                f"parameter {name!r} must be {self.describe()}; got {short_repr(value)}"
            )
        if isinstance(value, float | np.floating) and not float(value).is_integer():
            raise InputError(f"parameter {name!r} must be {self.describe()}; got {value!r}")
        number = int(value)
        if not self.lower <= number <= self.upper:
            raise InputError(f"parameter {name!r} must be {self.describe()}; got {number:,}")
        return number


@attrs.frozen(kw_only=True)
class Text(OptionSpec):
    """A non-empty string (surrounding spaces removed); ``empty=True`` also accepts ``""``.

    Examples
    --------
    >>> from dpssec.boundary import Text
    >>> Text().convert("  Depot 7 ", "name"), Text(empty=True).convert(" ", "notes")
    ('Depot 7', '')
    """

    empty: bool = False
    kind: ClassVar[str] = "a non-empty text"

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if not isinstance(value, str) or not (self.empty or value.strip()):
            wanted = "a text" if self.empty else "a non-empty text"
            raise InputError(f"parameter {name!r} must be {wanted}; got {short_repr(value)}")
        return value.strip()


@attrs.frozen(kw_only=True)
class Names(OptionSpec):
    """One name or a sequence of names (column names, keys); a string is one name, not letters."""

    kind: ClassVar[str] = "a name or a list of names"

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if isinstance(value, str):
            items: tuple[Any, ...] = (value,)
        elif isinstance(value, list | tuple):
            items = tuple(value)
        else:
            raise InputError(f"parameter {name!r} must be {self.kind}; got {short_repr(value)}")
        for item in items:
            if not isinstance(item, str) or not item.strip():
                raise InputError(
                    f"parameter {name!r}: every name must be a non-empty text; got {short_repr(item)}"
                )
        return items


@attrs.frozen
class Preset(OptionSpec):
    """One of a set of named presets (criteria sets, profiles, standards), or an instance.

    A name is parsed as a choice among the mapping's keys (:func:`parse_choice`: case and
    separators forgiven, ``aliases`` accepted); an instance of ``cls`` is taken as it is
    (a national variant built by the user). ``hints`` maps a spelling that names no preset
    to the reason it is refused. ``key=True`` gives the preset's name instead of the object
    (for a model field that stores the name), and then only a registered instance is accepted.

    Examples
    --------
    >>> from dpssec.boundary import Preset
    >>> spec = Preset({"low": 1, "high": 2}, int, aliases={"hi": "high"})
    >>> spec.convert("HI", "level"), spec.convert(7, "level")
    (2, 7)
    >>> Preset({"low": 1, "high": 2}, int, key=True).convert(2, "level")
    'high'
    """

    presets: Mapping[str, Any]
    cls: type
    aliases: Mapping[str, str] = attrs.field(factory=dict, kw_only=True)
    hints: Mapping[str, str] = attrs.field(factory=dict, kw_only=True)
    key: bool = attrs.field(default=False, kw_only=True)
    optional: bool = attrs.field(default=False, kw_only=True)
    kind: ClassVar[str] = "a named preset"

    def describe(self) -> str:
        names = ", ".join(map(repr, self.presets))
        return f"one of {names} or a {self.cls.__name__}"

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if isinstance(value, self.cls) and not isinstance(value, bool):
            if not self.key:
                return value
            for known, preset in self.presets.items():
                if preset is value:
                    return known
            raise InputError(
                f"parameter {name!r}: this {self.cls.__name__} is not one of the named "
                f"presets {', '.join(map(repr, self.presets))}"
            )
        if not isinstance(value, str):
            raise InputError(
                f"parameter {name!r} must be {self.describe()}; got {short_repr(value)}"
            )
        from dpssec.boundary.choices import choice_key

        hints = {choice_key(k): v for k, v in self.hints.items()}
        if choice_key(value) in hints:
            raise InputError(f"parameter {name!r}: {value!r}: {hints[choice_key(value)]}")
        found = parse_choice(value, tuple(self.presets), name, aliases=self.aliases or None)
        return found if self.key else self.presets[found]


def describe_choice(choices: type[enum.Enum] | tuple[str, ...]) -> str:
    return ", ".join(map(repr, choice_values(choices)))
