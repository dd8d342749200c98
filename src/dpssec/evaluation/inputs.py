"""Inputs of the evaluation designs: time points given as numbers or as dates.

* :class:`TimePoints`: the input specification of ``time`` and ``intervention``. Numbers
  (periods 1, 2, 3..., years) are checked as :class:`~dpssec.boundary.Number`; calendar dates
  (``datetime.date``, ISO text, numpy or pandas dates) as :class:`~dpssec.boundary.Date`;
* :func:`time_axis`: the numeric axis a regression uses, with its unit: monthly dates become
  months 1, 2, 3... (the calendar month gives the season), yearly dates years, other regular
  dates days or weeks;
* :func:`axis_position`: where an intervention (a number or a date) falls on that axis.

For example:

>>> import numpy as np
>>> from dpssec.evaluation.inputs import axis_position, time_axis
>>> axis = time_axis(np.array(["2004-11-01", "2004-12-01", "2005-01-01"], dtype="datetime64[D]"))
>>> axis.t.tolist(), axis.unit, axis.season.tolist()
([1.0, 2.0, 3.0], 'month', [11.0, 12.0, 1.0])
>>> float(axis_position(axis, np.datetime64("2005-01-10"), "intervention")[0])
3.0
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar

import attrs
import numpy as np

from dpssec.boundary import Date, Number, is_lazy
from dpssec.errors import InputError

__all__ = [
    "TimeAxis",
    "TimePoints",
    "accepts_named_columns",
    "accepts_time_frames",
    "axis_position",
    "collinear_covariate",
    "covariate_matrix",
    "format_time",
    "is_lazy",
    "is_pandas",
    "time_axis",
]


F = TypeVar("F", bound=Callable[..., Any])


def is_pandas(value: object) -> bool:
    """Whether ``value`` is a pandas Series, Index or DataFrame (not a scalar such as a Timestamp)."""
    module = type(value).__module__
    return module.startswith("pandas.") and hasattr(value, "to_numpy") and hasattr(value, "ndim")


def _is_date_item(item: Any) -> bool:
    if isinstance(item, dt.date | np.datetime64):
        return True
    if type(item).__name__ in ("Timestamp", "NaTType"):
        return True
    if isinstance(item, str):
        try:
            dt.date.fromisoformat(item.strip())
        except ValueError:
            return False
        return True
    return False


def _looks_like_dates(value: Any) -> bool:
    dtype = getattr(value, "dtype", None)
    if dtype is not None and getattr(dtype, "kind", "") == "M":
        return True
    if is_lazy(value) or isinstance(value, bool | int | float | np.number):
        return False
    if is_pandas(value) or isinstance(value, np.ndarray):
        if getattr(dtype, "kind", "") != "O":
            return False
        items = [v for v in np.ravel(np.asarray(value, dtype=object)) if v is not None]
        return bool(items) and all(_is_date_item(v) for v in items if v == v)
    if isinstance(value, list | tuple):
        items = [v for v in value if v is not None]
        return bool(items) and all(_is_date_item(v) for v in items if v == v)
    return _is_date_item(value)


@attrs.frozen(kw_only=True)
class TimePoints(Date):
    """Time points as numbers (periods, years) or as calendar dates, one per row.

    Numbers are checked as :class:`~dpssec.boundary.Number` (text and booleans refused), dates
    as :class:`~dpssec.boundary.Date` (a time of day refused). A sequence is read as dates
    when every item is a date or ISO date text.
    """

    kind: ClassVar[str] = "numbers or dates"

    def describe(self) -> str:
        return "numbers (periods, years) or dates (datetime.date or 'YYYY-MM-DD')"

    def prepare(
        self,
        value: Any,
        name: str,
        *,
        missing_ok: bool = False,
        integers: bool = False,
        index: Any = None,
    ) -> Any:
        if value is None or _looks_like_dates(value):
            return super().prepare(
                value, name, missing_ok=missing_ok, integers=integers, index=index
            )
        number = Number(optional=self.optional, aligned=self.aligned, ndim=self.ndim)
        return number.prepare(value, name, missing_ok=missing_ok, integers=integers, index=index)


@attrs.frozen
class TimeAxis:
    """The numeric time of a series.

    Attributes
    ----------
    t : ndarray
        Time on the regression's axis (months 1, 2, ... for monthly dates; the numbers given
        otherwise).
    season : ndarray
        Position within the seasonal cycle (calendar month 1-12 for monthly dates; ``t``
        otherwise).
    unit : str
        ``"month"``, ``"year"``, ``"week"``, ``"day"``, ``"N days"`` or ``"period"``.
    dates : ndarray or None
        The dates given (``datetime64[D]``), or None for numeric time.
    """

    t: np.ndarray
    season: np.ndarray
    unit: str
    dates: np.ndarray | None = None
    origin: int = 0
    step: int = 1


def _months(dates: np.ndarray) -> np.ndarray:
    return dates.astype("datetime64[M]").astype(np.int64)


def time_axis(time: Any) -> TimeAxis:
    """The regression axis of ``time`` (numbers, or ``datetime64[D]`` dates in order).

    Raises
    ------
    InputError
        Times not strictly increasing (repeated or out of order).
    """
    arr = np.asarray(time)
    if arr.ndim != 1 or arr.size < 2:
        raise InputError("time must be a sequence of at least 2 time points")
    if arr.dtype.kind == "M":
        days = arr.astype("datetime64[D]")
        steps: np.ndarray = np.diff(days.astype(np.int64)).astype(np.int64)
        _check_increasing(steps, arr)
        months = _months(days)
        day_of_month = days.astype(np.int64) - months.astype("datetime64[M]").astype(
            "datetime64[D]"
        ).astype(np.int64)
        if np.all(day_of_month == day_of_month[0]):
            month_steps = np.diff(months)
            if np.all(month_steps % 12 == 0):
                t = (months - months[0]) / 12.0 + 1.0
                return TimeAxis(t, t.copy(), "year", days, int(months[0]), 12)
            t = (months - months[0]).astype(float) + 1.0
            return TimeAxis(t, (months % 12 + 1).astype(float), "month", days, int(months[0]), 1)
        ordinal = days.astype(np.int64)
        step = int(steps.min())
        if np.all(steps % step == 0):
            unit = {1: "day", 7: "week"}.get(step, f"{step} days")
            t = (ordinal - ordinal[0]) / step + 1.0
            return TimeAxis(t, t.copy(), unit, days, int(ordinal[0]), step)
        t = (ordinal - ordinal[0]).astype(float) + 1.0
        return TimeAxis(t, t.copy(), "day", days, int(ordinal[0]), 1)
    t = arr.astype(float)
    _check_increasing(np.diff(t), arr)
    return TimeAxis(t, t.copy(), "period")


def _check_increasing(steps: np.ndarray, arr: np.ndarray) -> None:
    bad = np.flatnonzero(steps <= 0)
    if bad.size:
        i = int(bad[0]) + 1
        raise InputError(
            f"time must be strictly increasing (one row per period, in order); row {i} "
            f"({format_time(arr[i])}) does not come after row {i - 1} ({format_time(arr[i - 1])})"
        )


def axis_position(axis: TimeAxis, value: Any, name: str) -> np.ndarray:
    """Position of ``value`` (numbers or dates, like the series' time) on the axis.

    A date falls in the period that contains it: on a monthly axis any day of January 2005 is
    the month of January 2005.
    """
    arr = np.atleast_1d(np.asarray(value))
    if axis.dates is None:
        if arr.dtype.kind == "M":
            raise InputError(f"{name} is a date but time is numbers; give both as dates or numbers")
        return arr.astype(float)
    if arr.dtype.kind != "M":
        raise InputError(
            f"{name} must be a date (e.g. '2005-01-01') because time is dates; got {arr.tolist()!r}"
        )
    days = arr.astype("datetime64[D]")
    if axis.unit == "month":
        return (_months(days) - axis.origin).astype(float) + 1.0
    if axis.unit == "year":
        return np.floor((_months(days) - axis.origin) / 12.0) + 1.0
    return (days.astype(np.int64) - axis.origin) / axis.step + 1.0


def format_time(value: Any) -> str:
    """A time point as text: ``2005-01`` style dates, ``37`` style numbers."""
    if isinstance(value, np.datetime64) or (
        getattr(value, "dtype", None) is not None and (np.asarray(value).dtype.kind == "M")
    ):
        return str(np.datetime64(value, "D"))
    number = float(value)
    return f"{number:g}"


def covariate_matrix(covariates: Any, names: Any) -> tuple[Any, Any]:
    """Columns and names of covariates given as a mapping, a DataFrame, a Series or an array.

    A mapping gives its keys as names and its values stacked as columns; a DataFrame its
    column names; anything else passes unchanged (names stay as given).
    """
    if isinstance(covariates, Mapping):
        keys = [str(k) for k in covariates]
        columns = [np.asarray(v.to_numpy() if is_pandas(v) else v) for v in covariates.values()]
        lengths = sorted({c.shape[0] if c.ndim else 1 for c in columns})
        if len(lengths) != 1:
            raise InputError(f"covariates: the columns have different lengths ({lengths})")
        return np.column_stack(columns), names if names is not None else keys
    if is_pandas(covariates) and getattr(covariates, "ndim", 1) == 2:
        return covariates, names if names is not None else [str(c) for c in covariates.columns]
    if is_pandas(covariates) and names is None and getattr(covariates, "name", None) is not None:
        return covariates, [str(covariates.name)]
    return covariates, names


def collinear_covariate(matrix: np.ndarray, names: tuple[str, ...]) -> tuple[str, list[str]] | None:
    """The first covariate that is a linear combination of earlier ones (and a constant).

    Returns ``(name, earlier names it depends on)``, or None when the columns (centred, so an
    intercept or a Cox baseline absorbs a constant) are linearly independent. Such a model
    cannot be estimated: statsmodels would fail with a singular matrix.

    >>> import numpy as np
    >>> collinear_covariate(np.array([[30, 60, 1], [40, 80, 0], [50, 100, 1.0]]),
    ...                     ("age", "age2", "married"))
    ('age2', ['age'])
    """
    centred = np.asarray(matrix, dtype=float) - np.mean(matrix, axis=0)
    norms = np.linalg.norm(centred, axis=0)
    scaled = centred / np.where(norms > 0, norms, 1.0)
    for j in range(1, scaled.shape[1]):
        block = scaled[:, : j + 1]
        if np.linalg.matrix_rank(block) <= np.linalg.matrix_rank(block[:, :j]):
            coef, *_ = np.linalg.lstsq(block[:, :j], block[:, j], rcond=None)
            used = [names[i] for i in range(j) if abs(coef[i]) > 1e-8]
            return names[j], used
    return None


def accepts_named_columns(parameter: str = "covariates") -> Callable[[F], F]:
    """Let ``parameter`` be a mapping of name to column or a DataFrame; fills ``names``."""

    def decorate(func: F) -> F:
        signature = inspect.signature(func)

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as exc:
                raise InputError(f"{func.__name__}: {exc}") from None
            if parameter in bound.arguments:
                value, names = covariate_matrix(
                    bound.arguments[parameter], bound.arguments.get("names")
                )
                bound.arguments[parameter] = value
                if names is not None:
                    bound.arguments["names"] = names
            return func(*bound.args, **bound.kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


_COLUMN_PARAMETERS = ("population", "control", "control_population")
"""Parameters that may name a column of a DataFrame ``counts``."""


def _from_pandas(counts: Any, time: Any, kwargs: dict[str, Any]) -> tuple[Any, Any]:
    """Unpack a DataFrame (its count column) or a Series with a date index.

    With a DataFrame, ``column`` names the count column (``count`` or ``counts`` by
    default), ``time`` and the parameters of :data:`_COLUMN_PARAMETERS` may be column names,
    and a ``population`` column is used when ``population`` is not given.
    """
    if getattr(counts, "ndim", 1) == 2:
        columns = [str(c) for c in counts.columns]
        wanted = kwargs.get("column")
        name: str | None
        if wanted is not None:
            if str(wanted) not in columns:
                raise InputError(
                    f"column: the DataFrame has no column {wanted!r}; it has {columns[:8]}"
                )
            name = str(wanted)
        else:
            name = next((c for c in ("count", "counts") if c in columns), None)
        if name is None:
            raise InputError(
                f"counts: a DataFrame needs a 'count' column or column='...' naming the "
                f"counts; it has {columns[:8]}"
            )
        for key in _COLUMN_PARAMETERS:
            value = kwargs.get(key)
            if isinstance(value, str):
                if value not in columns:
                    raise InputError(
                        f"{key}: the DataFrame has no column {value!r}; it has {columns[:8]}"
                    )
                kwargs[key] = counts[value]
        if kwargs.get("population") is None and "population" in columns:
            kwargs["population"] = counts["population"]
        if isinstance(time, str):
            if time not in columns:
                raise InputError(
                    f"time: the DataFrame has no column {time!r}; it has {columns[:8]}"
                )
            time = counts[time]
        elif time is None:
            time = _index_times(counts.index)
        return counts[name], time
    if kwargs.get("column") is not None:
        raise InputError("column names the count column of a DataFrame; counts is a Series")
    if time is None:
        time = _index_times(counts.index)
    return counts, time


def _index_times(index: Any) -> Any:
    if hasattr(index, "to_timestamp"):  # a PeriodIndex (monthly periods)
        return index.to_timestamp()
    return index


def accepts_time_frames(func: F) -> F:
    """Let ``counts`` be a DataFrame or a Series with a date index (``time=None``)."""

    @functools.wraps(func)
    def wrapper(counts: Any, time: Any = None, intervention: Any = None, **kwargs: Any) -> Any:
        if is_pandas(counts):
            counts, time = _from_pandas(counts, time, kwargs)
        return func(counts, time, intervention, **kwargs)

    return wrapper  # type: ignore[return-value]
