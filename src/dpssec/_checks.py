"""Input checks shared by every public calculator (the boundary layer).

The helpers turn array-likes (scalars, sequences, ndarrays, pandas Series, dask arrays) into
arrays and refuse bad values with an :class:`~dpssec.errors.InputError` that names the
parameter, how many values are bad, and the first offending index, in the manner of
lifelines' ``check_nans_or_infs``.

Dask arrays stay lazy: their checks are attached to the graph with ``map_blocks`` and raise
when the result is computed (the index reported is then the position inside the failing
block, which the message says).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from dpssec.boundary._arrays import is_lazy
from dpssec.errors import InputError

__all__ = [
    "as_array",
    "check_confidence",
    "check_same_length",
    "check_scale",
    "is_lazy",
    "is_scalar_input",
    "check_choice",
    "maybe_scalar",
]


def is_scalar_input(*values: object) -> bool:
    """Whether every value is a Python or numpy scalar (so the result should be a scalar)."""
    return all(np.ndim(v) == 0 and not is_lazy(v) for v in values)  # type: ignore[arg-type]


def maybe_scalar(result: Any, scalar: bool) -> Any:
    """Return ``result`` as a Python float when the inputs were scalars, else unchanged."""
    if scalar and not is_lazy(result) and np.ndim(result) == 0:
        return result.item() if hasattr(result, "item") else result
    return result


def _first(mask: np.ndarray) -> tuple[int, int]:
    flat = np.ravel(mask)
    count = int(np.count_nonzero(flat))
    return count, int(np.argmax(flat)) if count else -1


def _problems(
    values: np.ndarray,
    *,
    nonnegative: bool,
    positive: bool,
    integer: bool,
    allow_nan: bool,
    lower: float | None,
    upper: float | None,
    binary: bool,
) -> list[tuple[np.ndarray, str]]:
    checks: list[tuple[np.ndarray, str]] = []
    nan = np.isnan(values)
    if not allow_nan:
        checks.append((nan | np.isinf(values), "are NaN or infinite"))
    else:
        checks.append((np.isinf(values), "are infinite"))
    valid = ~nan
    if positive:
        checks.append((valid & (values <= 0), "are zero or negative (must be > 0)"))
    elif nonnegative:
        checks.append((valid & (values < 0), "are negative"))
    if lower is not None:
        checks.append((valid & (values < lower), f"are below {lower}"))
    if upper is not None:
        checks.append((valid & (values > upper), f"are above {upper}"))
    if binary:
        checks.append((valid & (values != 0) & (values != 1), "are not 0 or 1"))
    elif integer:
        checks.append(
            (valid & np.isfinite(values) & (values != np.round(values)), "are not whole numbers")
        )
    return checks


def _raise_first(
    values: np.ndarray,
    name: str,
    checks: list[tuple[np.ndarray, str]],
    where: str,
    *,
    offset: int = 0,
) -> None:
    total = values.size
    for mask, reason in checks:
        count, index = _first(mask)
        if count:
            shown = np.ravel(values)[index].item()
            raise InputError(
                f"parameter {name!r}: {count} of {total} values {reason} "
                f"(first at index {index + offset}{where}: {shown!r})"
            )


def as_array(
    value: Any,
    name: str,
    *,
    nonnegative: bool = False,
    positive: bool = False,
    integer: bool = False,
    binary: bool = False,
    allow_nan: bool = False,
    lower: float | None = None,
    upper: float | None = None,
    dtype: Any = float,
) -> Any:
    """Convert ``value`` to a float ndarray (or keep a dask array lazy) and check it.

    Parameters
    ----------
    value : array-like
        Scalar, sequence, ndarray, pandas Series or dask array.
    name : str
        Parameter name for messages.
    nonnegative, positive, integer, binary : bool
        Value constraints (``binary``: only 0 and 1, for event indicators).
    allow_nan : bool
        Accept NaN (for ``nan_policy="propagate"``); infinities are always refused.
    lower, upper : float, optional
        Inclusive bounds.
    dtype : numpy dtype
        Target dtype (float by default).

    Returns
    -------
    ndarray or dask array

    Raises
    ------
    InputError
        Naming the parameter, the number of bad values and the first index.

    Examples
    --------
    >>> from dpssec._checks import as_array
    >>> as_array([1, 2, 3], "count", nonnegative=True)
    array([1., 2., 3.])
    >>> as_array([1, -2, -3], "count", nonnegative=True)
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'count': 2 of 3 values are negative (first at index 1: ...)
    """
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        value = _count_magnitude(value, name)
    kwargs: dict[str, Any] = {
        "nonnegative": nonnegative,
        "positive": positive,
        "integer": integer,
        "allow_nan": allow_nan,
        "lower": lower,
        "upper": upper,
        "binary": binary,
    }
    if is_lazy(value):
        if not np.issubdtype(value.dtype, np.number) and value.dtype != bool:
            raise InputError(f"parameter {name!r} must be numeric; got dtype {value.dtype}")
        arr = value.astype(dtype)

        def check_block(block: np.ndarray, block_info: Any = None) -> np.ndarray:
            offset = 0
            if block_info and block.ndim == 1:
                offset = block_info[0]["array-location"][0][0]
            _raise_first(block, name, _problems(block, **kwargs), "", offset=offset)
            return block

        return arr.map_blocks(check_block, dtype=arr.dtype)
    try:
        arr = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise InputError(
            f"parameter {name!r} must be numeric; got {_short(value)} ({exc})"
        ) from None
    if arr.dtype.kind == "f":
        _raise_first(arr, name, _problems(arr, **kwargs), "")
    return arr


def _count_magnitude(value: Any, name: str) -> Any:
    """A count or population given as a Quantity: persons or a pure number, else UnitError."""
    from dpssec.errors import UnitError
    from dpssec.units import to_magnitude

    dimensionality = value.dimensionality
    if not dimensionality:
        return value.to("dimensionless").magnitude
    if str(dimensionality) == "[population]":
        return to_magnitude(value, "person", name)
    raise UnitError(
        f"parameter {name!r} is a count or a number of persons; got {value} "
        f"({dimensionality}). Pass a plain number, a dimensionless quantity or persons.",
        parameter=name,
        expected="person",
        given=str(value.units),
    )


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_same_length(**arrays: Any) -> int:
    """Check that all arrays have the same length; return it.

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec._checks import check_same_length
    >>> check_same_length(durations=np.zeros(3), events=np.zeros(3))
    3
    >>> check_same_length(durations=np.zeros(3), events=np.zeros(2))
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: lengths differ: durations has 3 values, events has 2 values
    """
    lengths = {name: (np.shape(a)[0] if np.ndim(a) else 1) for name, a in arrays.items()}
    known = {k: v for k, v in lengths.items() if not (isinstance(v, float) and np.isnan(v))}
    if len(set(known.values())) > 1:
        parts = ", ".join(f"{k} has {v} values" for k, v in known.items())
        raise InputError(f"lengths differ: {parts}")
    return next(iter(known.values()), 0)


def check_scale(value: Any, name: str = "multiplier") -> float:
    """A scale such as ``multiplier`` or ``refvalue``: a real number > 0 (``'1e5'`` is refused).

    Examples
    --------
    >>> from dpssec._checks import check_scale
    >>> check_scale(100_000)
    100000.0
    >>> check_scale("1e5")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'multiplier' must be a positive number such as 100000; got '1e5'
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float | np.number)
        or not np.isfinite(value)
        or value <= 0
    ):
        raise InputError(
            f"parameter {name!r} must be a positive number such as 100000; got {value!r}"
        )
    return float(value)


def check_confidence(confidence: float) -> float:
    """Accept a confidence level as a fraction (0.95) or a percentage (95); return the fraction.

    Examples
    --------
    >>> from dpssec._checks import check_confidence
    >>> check_confidence(95), check_confidence(0.9)
    (0.95, 0.9)
    """
    if isinstance(confidence, bool) or not isinstance(confidence, int | float | np.number):
        raise InputError(f"confidence must be a number such as 0.95 or 95; got {confidence!r}")
    level = float(confidence)
    if 1 < level < 50:
        raise InputError(
            f"confidence={confidence!r} is neither a fraction nor a usual percentage; "
            "give the level, e.g. 0.95 or 95 (a z value such as 1.96 is not a level)"
        )
    if 50 <= level < 100:
        level /= 100
    if not 0 < level < 1:
        raise InputError(
            f"confidence must lie in (0, 1) as a fraction or in [50, 100) as a percentage; "
            f"got {confidence!r}"
        )
    return level


def check_choice(value: str, name: str, choices: tuple[str, ...] | list[str]) -> str:
    """Refuse an unknown method/option name with the list of accepted ones.

    Examples
    --------
    >>> from dpssec._checks import check_choice
    >>> check_choice("log", "ci", ("log", "log-log", "plain"))
    'log'
    """
    if value not in choices:
        raise InputError(f"{name}={value!r} is not one of {', '.join(map(repr, choices))}")
    return value


Validator = Callable[[Any], None]
