"""The ``@calculator`` decorator: declared specs applied at a public function's boundary.

In the manner of MetPy's ``preprocess_and_wrap`` and xclim's declared indicators, one
declaration per calculator drives conversion, checks, ``nan_policy``, scalar/array/Series
output and the tests that enumerate the public API:

>>> from dpssec.boundary import Count, calculator
>>> @calculator(population=Count(), capacity=Count(positive=True),
...             example={"population": [90, 120], "capacity": [100, 100]})
... def occupancy(population, capacity, *, nan_policy="raise"):
...     return population * 100.0 / capacity
>>> occupancy(1210, 1000)
121.0
>>> occupancy([90, 120], [100, 100])
array([ 90., 120.])
>>> import pandas as pd
>>> occupancy(pd.Series([90, 120], index=["BLZ", "HTI"]), 100)
BLZ     90.0
HTI    120.0
Name: occupancy, dtype: float64
>>> occupancy.kernel(90.0, 100.0)  # the unit-free body, for chaining without checks
90.0

The body receives magnitudes in canonical units (float ndarrays, or 0-d for scalars); what it
returns is adapted: a Python float for scalar input, a pandas Series with the input's index
for Series input, a Quantity when ``returns`` names a unit, and NaN exactly where an input was
missing under ``nan_policy="propagate"`` (a boolean flag is False there).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import inspect
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ParamSpec, TypeVar

import attrs
import numpy as np

from dpssec.boundary.arrays import (
    Prepared,
    any_above,
    block_place,
    describe_position,
    first_bad,
    is_lazy,
    raise_bad,
    short_repr,
)
from dpssec.boundary.choices import parse_choice
from dpssec.boundary.compiled import Difference, Ratio, start_fused
from dpssec.boundary.overlap import start as start_overlap
from dpssec.boundary.specs import ArraySpec, OptionSpec, Spec, tiny_values
from dpssec.errors import DataQualityWarning, InputError

__all__ = [
    "NAN_POLICIES",
    "OMITS",
    "broadcast",
    "CalculatorInfo",
    "Example",
    "Relation",
    "calculator",
    "calculator_info",
    "call_example",
    "column_labels",
    "example",
    "example_by",
    "example_of",
    "missing_rows",
    "not_above",
]

NAN_POLICIES = ("raise", "propagate", "omit")
"""scipy.stats' words: refuse missing values, carry them to the result, or drop them."""

P = ParamSpec("P")
R = TypeVar("R")


_MISSING_ROWS: contextvars.ContextVar[Any] = contextvars.ContextVar("missing_rows", default=None)


def missing_rows() -> Any:
    """Inside a calculator's body: the rows ``nan_policy="propagate"`` will set to NaN.

    A boolean array (lazy for dask input), or None when no row is missing. The body receives
    a valid stand-in value in those rows; a body that checks its data (a rule between
    parameters that a declaration cannot express) leaves them out with ``bad &= ~mask``.

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.boundary import Count, calculator, missing_rows
    >>> @calculator(count=Count(), example={"count": [1, 2]})
    ... def odd(count, *, nan_policy="raise"):
    ...     mask = missing_rows()
    ...     return np.asarray(count) % 2 + (0 if mask is None else mask)
    >>> import warnings
    >>> from dpssec.errors import DataQualityWarning
    >>> warnings.simplefilter("ignore", DataQualityWarning)  # it says: 1 of 3 rows missing
    >>> odd([1.0, np.nan, 4.0], nan_policy="propagate")
    array([ 1., nan,  0.])
    """
    return _MISSING_ROWS.get()


_COLUMNS: contextvars.ContextVar[Mapping[str, list[Any]] | None] = contextvars.ContextVar(
    "column_labels", default=None
)


def column_labels(name: str) -> list[Any] | None:
    """Inside a calculator's body: the column labels of a DataFrame given for ``name``.

    The body receives the table as an array; this is how it can still name the columns (the
    criteria of a decision matrix) in its result. None when no DataFrame was given.

    Examples
    --------
    >>> import pandas as pd
    >>> from dpssec.boundary import Number, calculator, column_labels
    >>> @calculator(table=Number(ndim=(2,), aligned=False), example={"table": [[1, 2]]})
    ... def names(table):
    ...     return column_labels("table")
    >>> names(pd.DataFrame({"a": [1], "b": [2]}))
    ['a', 'b']
    """
    labels = _COLUMNS.get()
    return None if labels is None else labels.get(name)


@attrs.frozen
class Example:
    """Valid arguments for a public callable, declared beside it (used by the API tests).

    For a result class, ``factory`` makes the example the way a user gets one: by calling
    the calculator that returns it (see :func:`example_by`).
    """

    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = attrs.field(factory=dict)
    factory: Callable[[], Any] | None = None

    def call(self, target: Callable[..., Any]) -> Any:
        if self.factory is not None:
            return self.factory()
        return target(*self.args, **dict(self.kwargs))

    def arguments(self, target: Callable[..., Any]) -> dict[str, Any]:
        """The example as keyword arguments of ``target`` (for a factory: the built object's
        ``__init__`` arguments, read from its fields)."""
        if self.factory is not None:
            built = self.factory()
            return {
                f.alias or f.name: getattr(built, f.name)
                for f in attrs.fields(type(built))
                if f.init
            }
        bound = inspect.signature(target).bind_partial(*self.args, **dict(self.kwargs))
        return dict(bound.arguments)


def example(*args: Any, **kwargs: Any) -> Callable[[R], R]:
    """Declare valid arguments for a public function or class (its baseline for the API tests).

    Examples
    --------
    >>> import attrs
    >>> from dpssec.boundary import example, example_of
    >>> @example("Centro Norte", 800)
    ... @attrs.frozen
    ... class Facility:
    ...     name: str
    ...     capacity: int
    >>> example_of(Facility).call(Facility)
    Facility(name='Centro Norte', capacity=800)
    """

    def attach(target: R) -> R:
        target.__dpssec_example__ = Example(args, kwargs)  # type: ignore[attr-defined]
        if inspect.isclass(target) and attrs.has(target):
            from dpssec.boundary.model_specs import guarded

            guarded(target)  # the fuzz suite calls it with hostile values: refuse them in words
        return target

    return attach


def example_by(factory: Callable[[], Any] | str) -> Callable[[R], R]:
    """Declare how an example of a result class is made: by calling its calculator.

    ``factory`` is the name of a calculator of the class's module, called with its own
    declared example (``@example_by("release_summary")``), or a callable without arguments
    that returns an instance (typically a lambda, looked up when the example is made).

    Examples
    --------
    >>> import attrs
    >>> from dpssec.boundary import example_by, example_of
    >>> @example_by(lambda: share(3, 4))
    ... @attrs.frozen
    ... class Share:
    ...     value: float
    >>> def share(part, total):
    ...     return Share(part / total)
    >>> example_of(Share).call(Share)
    Share(value=0.75)
    >>> example_of(Share).arguments(Share)
    {'value': 0.75}
    """

    def attach(target: R) -> R:
        make = factory
        if isinstance(make, str):
            name, module = make, getattr(target, "__module__", "")

            def make() -> Any:
                import sys

                return call_example(getattr(sys.modules[module], name))

        target.__dpssec_example__ = Example(factory=make)  # type: ignore[attr-defined]
        if inspect.isclass(target) and attrs.has(target):
            from dpssec.boundary.model_specs import guarded

            guarded(target)  # the fuzz suite calls it with hostile values: refuse them in words
        return target

    return attach


def call_example(target: Callable[..., R]) -> R:
    """Call ``target`` with its declared example (for results made by a calculator).

    Examples
    --------
    >>> from dpssec.boundary import call_example
    >>> from dpssec.justice import occupancy_rate
    >>> call_example(occupancy_rate)
    array([135.8,  90. ])
    """
    declared = example_of(target)
    if declared is None:
        raise TypeError(f"{getattr(target, '__name__', target)!r} declares no example")
    result: R = declared.call(target)
    return result


def example_of(target: Any) -> Example | None:
    """The declared :class:`Example` of a callable, or None."""
    found = target.__dict__.get("__dpssec_example__") if hasattr(target, "__dict__") else None
    if found is None:
        found = getattr(target, "__dpssec_example__", None)
    return found if isinstance(found, Example) else None


@attrs.frozen
class Relation:
    """A declared check between two aligned parameters, e.g. ``count <= total``."""

    small: str
    large: str
    reason: str = ""

    def check(self, values: Mapping[str, Prepared], index: Any) -> None:
        a, b = values.get(self.small), values.get(self.large)
        if a is None or b is None:
            return
        reason = self.reason or f"are greater than {self.large!r}"
        named = "" if repr(self.large) in reason else f" in {self.large!r}"
        small, large = a.values, b.values
        if a.lazy or b.lazy:
            a.values = _lazy_not_above(small, large, self.small, reason)
            return
        if not any_above(small, large):
            return
        with np.errstate(invalid="ignore"):
            bad = small > large
        small_b, large_b = np.broadcast_arrays(small, large)
        bad = np.broadcast_to(bad, small_b.shape)
        _, position = first_bad(bad)
        where = describe_position(position, index)
        count = int(np.count_nonzero(bad))
        raise InputError(
            f"parameter {self.small!r}: {count} of {bad.size} values {reason} (first at "
            f"{where}: {float(np.ravel(small_b)[position])!r} > "
            f"{float(np.ravel(large_b)[position])!r}{named})"
        )


def not_above(small: str, large: str, reason: str = "") -> Relation:
    """Declare that ``small <= large`` element-wise (a count within its total).

    Examples
    --------
    >>> from dpssec.boundary import Count, calculator, not_above
    >>> @calculator(part=Count(), total=Count(), relations=[not_above("part", "total")])
    ... def share(part, total):
    ...     return part / total
    >>> share([1, 5], [4, 4])
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'part': 1 of 2 values are greater than 'total' (first at index 1: 5.0 > 4.0)
    """
    return Relation(small, large, reason)


def _lazy_not_above(small: Any, large: Any, name: str, reason: str) -> Any:
    import dask.array as da

    def check(x: np.ndarray, n: np.ndarray, block_info: Any = None) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            bad = x > n
        if np.any(bad):
            place = block_place(block_info)
            raise_bad(np.broadcast_to(x, bad.shape), name, bad, reason, place, lazy=True)
        return x

    if np.ndim(large) and np.ndim(small):
        large = large.rechunk(small.chunks)
    return da.map_blocks(check, small, large, dtype=float)  # type: ignore[no-untyped-call]


def broadcast(*arrays: Any) -> tuple[Any, ...]:
    """Broadcast magnitudes against each other (numpy, or dask if any is lazy).

    For kernels that return the inputs beside the result (an Estimate's numerator and
    denominator): the decorator has already refused lengths that differ.

    Examples
    --------
    >>> from dpssec.boundary import broadcast
    >>> [a.tolist() for a in broadcast([3.0, 4.0], 10.0)]
    [[3.0, 4.0], [10.0, 10.0]]
    """
    if any(is_lazy(a) for a in arrays):
        import dask.array as da

        lazy = [a for a in arrays if is_lazy(a)]
        if any(size != size for a in lazy for size in a.shape):
            # columns of a dask DataFrame: lengths unknown until computed, which dask cannot
            # broadcast; they are aligned (the decorator checked it), a single value is spread
            # block by block
            like = max(lazy, key=np.ndim)
            return tuple(a if is_lazy(a) else _spread(like, a) for a in arrays)
        return tuple(da.broadcast_arrays(*arrays))
    if all(np.ndim(a) == 0 for a in arrays):
        return arrays
    return tuple(np.broadcast_arrays(*arrays))


def _spread(like: Any, value: Any) -> Any:
    """``value`` repeated to the blocks of the dask array ``like`` (of unknown chunk sizes)."""

    def fill(block: np.ndarray) -> np.ndarray:
        return np.broadcast_to(np.asarray(value, dtype=float), block.shape).copy()

    return like.map_blocks(fill, dtype=float)


@attrs.frozen
class CalculatorInfo:
    """What ``@calculator`` declared: specs, kind of output, offered policies, example."""

    name: str
    specs: Mapping[str, Spec]
    elementwise: bool
    returns: str | None
    policies: tuple[str, ...]
    example: Example | None
    relations: tuple[Relation, ...]
    finite_output: bool
    zero_denominators: tuple[str, ...] = ()
    group_by: str | None = None
    omits: str = "rows"
    overlap: bool = False
    divisors: tuple[str, ...] | None = None
    fused: Ratio | Difference | None = None

    @property
    def array_parameters(self) -> tuple[str, ...]:
        return tuple(n for n, s in self.specs.items() if isinstance(s, ArraySpec))


def calculator_info(function: Any) -> CalculatorInfo | None:
    """The declaration of a public calculator, or None for an undeclared callable."""
    info = getattr(function, "__dpssec_calculator__", None)
    return info if isinstance(info, CalculatorInfo) else None


class _Context:
    __slots__ = (
        "answered",
        "bounded",
        "elementwise",
        "index",
        "indexes",
        "lazy",
        "length",
        "lengths",
        "main",
        "missing",
        "name",
        "scalar",
        "series_name",
        "unbounded",
        "unchecked",
    )

    def __init__(self, name: str) -> None:
        self.name = name
        self.index: Any = None
        self.series_name: Any = None
        self.length: Any = None
        self.scalar = True
        self.lazy = False
        self.missing: Any = None
        self.bounded = True
        self.unbounded: list[str] = []  # parameters holding values beyond [1e-75, 1e75]
        # parameters whose smallest non-zero magnitude was not looked at (see ArraySpec._check)
        self.unchecked: dict[str, Any] = {}
        self.answered: Any = None  # rows where a non-finite result is the answer
        self.elementwise = True
        self.main = ""
        self.lengths: dict[str, Any] = {}
        self.indexes: dict[str, Any] = {}


OMITS = ("rows", "values")
"""What ``nan_policy="omit"`` leaves out: whole rows (the decorator drops them) or single
values (the body receives them as NaN and leaves them out where its method allows)."""


def calculator(
    *,
    elementwise: bool = True,
    returns: str | None = None,
    nan_policies: Sequence[str] | None = None,
    relations: Sequence[Relation] = (),
    finite_output: bool = True,
    zero_denominators: Sequence[str] = (),
    divisors: Sequence[str] | None = None,
    integers: bool = False,
    group_by: str | None = None,
    omits: str = "rows",
    overlap: bool = False,
    fused: Ratio | Difference | None = None,
    example: Mapping[str, Any] | Example | None = None,
    **specs: Spec,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare a public calculator's inputs and output.

    Parameters
    ----------
    elementwise : bool
        One output per input row (Series in → Series out; ``nan_policy="propagate"``
        offered). False for reductions (tables, curves, trends), which offer ``"omit"``.
    returns : str, optional
        The canonical unit of a dimensional output (the body returns magnitudes).
    nan_policies : sequence of str, optional
        The ``nan_policy`` words offered, if not the default for the kind of calculator.
    relations : sequence of Relation
        Checks between aligned parameters (:func:`not_above`).
    finite_output : bool
        Refuse finite input whose result overflows to inf or NaN (True by default; set False
        where infinity is a meaningful answer, and warn in the body). The check is skipped
        when every input magnitude lies within [1e-75, 1e75], where a few products cannot
        overflow. A result class naming a flag field in ``BLANKED_WHERE`` (``"suppressed"``)
        may hold NaN where that flag is set: blanked on purpose, not an overflow.
    zero_denominators : sequence of str
        Parameters whose zeros make an infinite (or NaN) result the answer (a rate over 0
        incoming cases): such rows are let through, counted and located in a
        :class:`~dpssec.errors.DataQualityWarning` (infinite, or undefined where 0/0), and an
        overflow elsewhere is still refused.
    divisors : sequence of str, optional
        The parameters whose small magnitudes can make a result overflow (those the body
        divides by). A column that holds zeros is not searched for magnitudes below 1e-75, so
        the output is checked instead (one more read); naming the divisors spares that read
        when every divisor is known to be within range, since a tiny numerator only gives a
        tiny result. By default every parameter is suspected.
    integers : bool
        Hand integer arrays to the body unconverted (it must then use float arithmetic only,
        e.g. start with ``count / total``); saves a copy of each column.
    group_by : str, optional
        A parameter (of :class:`~dpssec.boundary.Labels`) that, when given, sums the rows into
        groups: the call is then a reduction (one output per group, no Series index carried,
        ``"omit"`` offered and ``"propagate"`` refused).
    omits : {"rows", "values"}
        Under ``nan_policy="omit"``: drop every row (first axis) of a sample that has a
        missing value (default), or hand missing values to the body as NaN, for methods that
        leave out single values (a trend fitted without its missing years).
    overlap : bool
        The body is pure numpy arithmetic (it warns nothing, calls no other calculator and
        reads no context), so on long columns it may start on a second core while the inputs
        are checked (:mod:`~dpssec.boundary.overlap`); for element-wise kernels of a few
        operations, whose checks cost as much as the sums. The result never depends on it.
    fused : Ratio or Difference, optional
        The body computes ``numerator * scale / denominator`` (or ``minuend - subtrahend``)
        and nothing else (:class:`~dpssec.boundary.compiled.Ratio`,
        :class:`~dpssec.boundary.compiled.Difference`): with numba, two long float64 columns
        are checked and combined in one compiled pass, and the body is not run. The result never
        depends on it (the contract tests compare it with the body's, bit for bit).
    example : mapping or Example, optional
        Valid keyword arguments: the baseline the API contract and fuzz tests start from.
    **specs : Spec
        Parameter name to its specification. Parameters without a spec pass unchanged.

    Returns
    -------
    decorator
        The wrapped function keeps the body's signature and docstring; ``.kernel`` is the body.

    Examples
    --------
    >>> from dpssec.boundary import Count, Population, calculator
    >>> @calculator(victims=Count(), population=Population(), example={"victims": [3], "population": [10]})
    ... def rate(victims, population, *, nan_policy="raise"):
    ...     return victims * 100_000 / population
    >>> rate(12, 400_000)
    3.0
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the DataQualityWarning counts the missing row
    ...     rate([12, float("nan")], [400_000, 1e6], nan_policy="propagate").tolist()
    [3.0, nan]
    >>> rate.kernel(12.0, 400_000.0)  # the unit-free body, unchecked
    3.0
    """
    if nan_policies is None:
        nan_policies = ("raise", "propagate") if elementwise else ("raise", "omit")
        if group_by is not None:
            nan_policies = ("raise", "propagate", "omit")
    offered = tuple(nan_policies)
    declared = Example((), dict(example)) if isinstance(example, Mapping) else example
    if omits not in OMITS:
        raise TypeError(f"calculator: omits must be one of {OMITS}; got {omits!r}")
    if overlap and (not elementwise or group_by is not None):
        raise TypeError("calculator: overlap=True is for element-wise calculators only")
    if divisors is not None and set(divisors) - set(specs):
        raise TypeError(f"calculator: divisors {sorted(set(divisors) - set(specs))} have no spec")
    columns = {k for k, spec in specs.items() if isinstance(spec, ArraySpec)}
    if fused is not None and (
        not elementwise or group_by is not None or set(fused.columns) != columns
    ):
        raise TypeError(
            "calculator: fused= names the only two columns of an element-wise calculator; "
            f"got {fused!r} for the columns {sorted(columns)}"
        )

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(func)
        unknown = set(specs) - set(signature.parameters)
        if group_by is not None and group_by not in specs:
            unknown.add(group_by)
        if unknown:
            raise TypeError(f"calculator: {func.__name__} has no parameter(s) {sorted(unknown)}")
        arrays = {n: s for n, s in specs.items() if isinstance(s, ArraySpec)}
        options = {n: s for n, s in specs.items() if isinstance(s, OptionSpec)}
        samples = {s.sample for s in arrays.values() if s.aligned}
        if elementwise and len(samples) > 1:
            raise TypeError(f"calculator: {func.__name__} is element-wise but has two samples")
        has_policy = "nan_policy" in signature.parameters
        name = func.__name__
        # a default given as text ("ITI") reaches the body parsed, as a given value would
        defaults = {k: p.default for k, p in signature.parameters.items()}
        parsed_defaults = {
            key: option.convert(signature.parameters[key].default, key)
            for key, option in options.items()
            if isinstance(signature.parameters[key].default, str)
        }
        info = CalculatorInfo(
            name=name,
            specs=dict(specs),
            elementwise=elementwise,
            returns=returns,
            policies=offered if has_policy else ("raise",),
            example=declared,
            relations=tuple(relations),
            finite_output=finite_output,
            zero_denominators=tuple(zero_denominators),
            group_by=group_by,
            omits=omits,
            overlap=overlap,
            divisors=None if divisors is None else tuple(divisors),
            fused=fused,
        )
        if returns is not None:
            from dpssec.units import ureg

            ureg.Unit(returns)
        values_omitted = omits == "values"

        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as exc:
                raise InputError(f"{name}: {exc}") from None
            arguments = bound.arguments
            policy = "raise"
            grouped = group_by is not None and arguments.get(group_by) is not None
            if has_policy and "nan_policy" in arguments:
                policy = parse_choice(arguments["nan_policy"], offered, "nan_policy")
                arguments["nan_policy"] = policy
                if grouped and policy == "propagate":
                    raise InputError(
                        f"{name}: nan_policy='propagate' gives a result per row; with "
                        f"{group_by}= the rows are summed into groups: pass nan_policy='omit' "
                        "to leave out rows with a missing value"
                    )
            missing_ok = policy != "raise"
            for key, option in options.items():
                if key in arguments:
                    arguments[key] = option.convert(arguments[key], key)
                elif key in parsed_defaults:
                    arguments[key] = parsed_defaults[key]
            ahead = None
            run = None  # the fused pass: two columns checked and combined in one read
            if fused is not None and policy == "raise":
                run = start_fused(fused, arguments, defaults)
            if overlap and policy == "raise" and run is None:
                zeros = None
                if info.zero_denominators:  # looked at on the worker, after the kernel
                    zeros = functools.partial(_zero_rows_of, info.zero_denominators)
                ahead = start_overlap(func, bound, arrays, integers=integers, then=zeros)
            prepared: dict[str, Prepared] = {}
            try:
                for key, spec in arrays.items():
                    if key not in arguments:
                        continue
                    item = spec.prepare(
                        arguments[key],
                        key,
                        missing_ok=missing_ok and (spec.aligned or values_omitted),
                        integers=integers,
                    )
                    if item is not None:
                        prepared[key] = item
                context = _align(name, prepared, arrays, info.divisors)
                context.elementwise = elementwise and not grouped
                if not elementwise:
                    _spread_scalars(prepared, arrays, context.lengths)
                for relation in relations:
                    relation.check(prepared, context.index)
                if missing_ok and not values_omitted:
                    _missing(name, context, prepared, arrays, policy)
            except BaseException:
                if ahead is not None:
                    ahead.discard()  # refused: nothing is left running after the error
                raise
            finally:
                if run is not None:
                    run.close()
            for key, item in prepared.items():
                arguments[key] = item.values
            checked = {k: p.values for k, p in prepared.items()}
            done, result, zeros_seen, zero = False, None, False, None
            if run is not None:
                done, result = run.result_for(checked)
            elif ahead is not None:  # the worker looked for zero denominators after the kernel
                if info.zero_denominators and _no_zeros(prepared, info.zero_denominators):
                    ahead.skip_then()  # unless it has already begun
                done, result, zero = ahead.result_for(checked)
                zeros_seen = done
            if info.zero_denominators and not context.lazy:  # where one is 0; None if nowhere
                if not zeros_seen:  # the worker did not look (or its result was not kept)
                    zero = _zero_rows(prepared, info.zero_denominators)
                context.answered = zero
            token = _MISSING_ROWS.set(context.missing)
            labels = _COLUMNS.set({k: p.columns for k, p in prepared.items() if p.columns})
            try:
                if not done:
                    with np.errstate(all="ignore"):  # overflow is reported by _adapt, by row
                        result = func(*bound.args, **bound.kwargs)
            except (ArithmeticError, ValueError, np.linalg.LinAlgError) as exc:
                # With values beyond 1e±75 given, a step of the body (a calculator it calls,
                # numpy, scipy, statsmodels) that fails on the infinities they produce is
                # reported against our parameters, not the step's internals.
                if not _culprits(context) or not _failed_on_extremes(exc, signature):
                    raise
                raise _extremes(name, context.unbounded, exc) from None
            finally:
                _MISSING_ROWS.reset(token)
                _COLUMNS.reset(labels)
            adapted = _adapt(result, context, info)  # refuses an overflow first
            if info.zero_denominators:
                _warn_zero_denominators(result, prepared, context, info)
            return adapted  # type: ignore[no-any-return]

        wrapper.kernel = func  # type: ignore[attr-defined]
        wrapper.__dpssec_calculator__ = info  # type: ignore[attr-defined]
        if declared is not None:
            wrapper.__dpssec_example__ = declared  # type: ignore[attr-defined]
        return wrapper

    return decorate


def _align(
    name: str,
    prepared: Mapping[str, Prepared],
    specs: Mapping[str, ArraySpec],
    divisors: tuple[str, ...] | None = None,
) -> _Context:
    context = _Context(name)
    lengths: dict[str, dict[str, Any]] = {}
    indexes: dict[str, tuple[str, Any, Any]] = {}
    main = None
    for key, item in prepared.items():
        dtype = getattr(item.values, "dtype", None)
        floats = dtype is None or dtype.kind in "fc"  # dates, labels and integers cannot overflow
        tiny_harmless = item.bounded is None and divisors is not None and key not in divisors
        if item.bounded is not True and floats and not tiny_harmless:
            # any input, aligned or not, may overflow
            context.bounded = False
            if item.bounded is None:
                context.unchecked[key] = item.values
            else:
                context.unbounded.append(key)
        spec = specs[key]
        if not spec.aligned:
            continue
        if main is None:
            main = spec.sample
        if not item.scalar:
            context.scalar = False
        if item.lazy:
            context.lazy = True
        length = item.length
        if length is not None and not (isinstance(length, float) and np.isnan(length)):
            lengths.setdefault(spec.sample, {})[key] = length
        if item.index is not None:
            first = indexes.get(spec.sample)
            if first is None:
                indexes[spec.sample] = (key, item.index, item.series_name)
            elif not _same_index(first[1], item.index):
                _refuse_indexes(name, first[0], first[1], key, item.index)
    for found in lengths.values():
        if len(set(found.values())) > 1:
            parts = ", ".join(f"{k} has {v} values" for k, v in found.items())
            raise InputError(f"{name}: lengths differ: {parts}")
    context.main = main or ""
    context.lengths = {s: next(iter(found.values())) for s, found in lengths.items()}
    context.indexes = {s: found[1] for s, found in indexes.items()}
    context.length = context.lengths.get(context.main)
    if context.main in indexes:
        context.index, context.series_name = indexes[context.main][1:]
    return context


def _spread_scalars(
    prepared: Mapping[str, Prepared], specs: Mapping[str, ArraySpec], lengths: Mapping[str, Any]
) -> None:
    """In a reduction, one value given for a per-row parameter stands for every row."""
    for key, item in prepared.items():
        spec = specs[key]
        length = lengths.get(spec.sample)
        if length is None or not spec.aligned or 1 not in spec.ndim:
            continue
        if item.lazy or np.ndim(item.values) != 0:
            continue
        item.values = np.full(int(length), item.values)
        if item.missing is not None and np.ndim(item.missing) == 0:
            item.missing = np.full(int(length), bool(item.missing))


def _same_index(a: Any, b: Any) -> bool:
    return a is b or bool(a.equals(b))


def _refuse_indexes(name: str, first_key: str, a: Any, key: str, b: Any) -> None:
    only_a = [x for x in a if x not in set(b)][:5]
    only_b = [x for x in b if x not in set(a)][:5]
    if not only_a and not only_b:
        detail = (
            "the same labels in a different order (or repeated); sort both with .sort_index() "
            "or align them with a.align(b)"
        )
    else:
        detail = (
            f"labels only in {first_key!r}: {only_a}; labels only in {key!r}: {only_b}; "
            "align them first (a.align(b, join='inner'))"
        )
    raise InputError(f"{name}: the pandas indexes of {first_key!r} and {key!r} differ: {detail}")


def _row_mask(mask: Any) -> Any:
    """A missing value anywhere in a row of a table makes the row missing."""
    return mask.any(axis=tuple(range(1, mask.ndim))) if np.ndim(mask) > 1 else mask


def _missing(
    name: str,
    context: _Context,
    prepared: dict[str, Prepared],
    specs: Mapping[str, ArraySpec],
    policy: str,
) -> None:
    samples: dict[str, list[str]] = {}
    for key, item in prepared.items():
        if item.missing is not None and specs[key].aligned:
            samples.setdefault(specs[key].sample, []).append(key)
    if not samples:
        return
    if context.lazy:
        import dask.array as da

        if policy == "omit":
            raise InputError(f"{name}: nan_policy='omit' is not available for dask input")
        masks = [prepared[k].missing for keys in samples.values() for k in keys]
        mask = masks[0]
        for other in masks[1:]:
            mask = da.logical_or(mask, other)
        context.missing = mask
        for key, item in prepared.items():
            if item.missing is not None:
                item.values = da.where(item.missing, specs[key].fill, item.values)
        return
    for sample, keys in samples.items():
        length = context.lengths.get(sample)
        mask = np.zeros((length,) if length is not None else (), dtype=bool)
        for key in keys:
            mask = mask | _row_mask(prepared[key].missing)
        count = int(np.count_nonzero(mask))
        if not count:
            continue
        _, first = first_bad(mask)
        index = context.indexes.get(sample)
        where = describe_position(first, index)
        involved = ", ".join(repr(k) for k in keys)
        total = mask.size
        if policy == "propagate":
            warnings.warn(
                f"{name}: {count} of {total} rows have a missing value in {involved} (first at "
                f"{where}); their results are NaN (nan_policy='propagate')",
                DataQualityWarning,
                stacklevel=4,
            )
            if sample == context.main:
                context.missing = mask
            for key in keys:
                item = prepared[key]
                item.values = np.where(item.missing, specs[key].fill, item.values)
            continue
        keep = ~mask
        if count == total:
            raise InputError(
                f"{name}: every row ({total}) has a missing value in {involved}; nothing is left "
                "to compute with nan_policy='omit'"
            )
        warnings.warn(
            f"{name}: omitted {count} of {total} rows with a missing value in {involved} (first "
            f"at {where}) (nan_policy='omit')",
            DataQualityWarning,
            stacklevel=4,
        )
        for key, item in prepared.items():
            spec = specs[key]
            if spec.aligned and spec.sample == sample and np.ndim(item.values) >= 1:
                item.values = item.values[keep]
        if sample == context.main:
            if context.index is not None:
                context.index = context.index[keep]
            context.length = int(keep.sum())


# -- output ---------------------------------------------------------------------------------


def _adapt(result: Any, context: _Context, info: CalculatorInfo) -> Any:
    if type(result).__module__.startswith("dask.delayed"):
        # a lazy result (``compute=False``): any attribute of a Delayed is another Delayed,
        # so it must not be read as a Quantity or a result class
        return result
    if isinstance(result, tuple) and not hasattr(result, "_fields"):
        return tuple(_adapt(item, context, info) for item in result)
    fields = getattr(type(result), "PER_ELEMENT_FIELDS", None)
    if info.finite_output and not (context.bounded or context.lazy) and not _plain_number(result):
        _refuse_nonfinite_parts(result, context, info, skip=fields or ())
    if fields is not None and attrs.has(type(result)):
        # a result that blanks values on purpose (NaN where ``suppressed``) names the flag
        flag = getattr(type(result), "BLANKED_WHERE", None)
        blank = getattr(result, flag) if flag else None
        changes = {}
        for field in fields:
            value = getattr(result, field)
            if value is None:
                continue
            if hasattr(value, "magnitude") and hasattr(value, "units"):  # a dimensional field
                unit = str(value.units)
                magnitude = _adapt_array(
                    value.magnitude, context, info, field, unit=unit, blank=blank
                )
                changes[field] = _with_unit(magnitude, unit)
            else:
                changes[field] = _adapt_array(value, context, info, field, blank=blank)
        return attrs.evolve(result, **changes) if changes else result
    if hasattr(result, "magnitude") and hasattr(result, "units"):
        magnitude = _adapt_array(result.magnitude, context, info, None, unit=str(result.units))
        return _with_unit(magnitude, str(result.units))
    if isinstance(result, np.ndarray | np.generic | float | int) or is_lazy(result):
        magnitude = _adapt_array(result, context, info, None, unit=info.returns)
        return _with_unit(magnitude, info.returns) if info.returns else magnitude
    return result


def _plain_number(value: Any) -> bool:
    """A number or array (checked row by row by _adapt_array), not a structure."""
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        value = value.magnitude
    return isinstance(value, np.ndarray | np.generic | float | int) or is_lazy(value)


def _refuse_nonfinite_parts(
    result: Any, context: _Context, info: CalculatorInfo, skip: Sequence[str]
) -> None:
    """Refuse a structured result (fields, lists, mappings) holding NaN or inf.

    Only reached when an input lies beyond [1e-75, 1e75]: with such values a result that is
    not finite comes from the arithmetic, not from the data (per-row fields are checked,
    with their missing rows, by :func:`_adapt_array`).
    """
    where = _first_nonfinite(result, "", 0, skip)
    if where is None:
        return
    named = _culprits(context)
    culprits = _listed(named) if named else "the inputs are"
    error = InputError(
        f"{info.name}: the result is not finite at {where.lstrip('.') or 'its value'} although "
        f"every input is; {culprits} too large or too small: a product or a ratio of them "
        "leaves the range of 64-bit floats (about 1e-308 to 1.8e308); give them in a larger "
        "or smaller unit, or check them"
    )
    error.reason = OVERFLOW
    raise error


def _first_nonfinite(value: Any, path: str, depth: int, skip: Sequence[str] = ()) -> str | None:
    if depth > 4 or value is None or isinstance(value, str | bytes | bool | int):
        return None
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        value = value.magnitude
    if isinstance(value, float | np.floating):
        return None if np.isfinite(value) else path
    if is_lazy(value):
        return None
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc":
            return None if np.isfinite(value).all() else path
        if value.dtype.kind != "O":
            return None
        value = value.ravel()[:1000].tolist()
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            if field.name not in skip:
                found = _first_nonfinite(
                    getattr(value, field.name), f"{path}.{field.name}", depth + 1
                )
                if found is not None:
                    return found
        return None
    if isinstance(value, Mapping):
        items: Any = list(value.items())[:1000]
        for key, item in items:
            found = _first_nonfinite(item, f"{path}[{key!r}]", depth + 1)
            if found is not None:
                return found
        return None
    if isinstance(value, list | tuple):
        for position, item in enumerate(value[:1000]):
            found = _first_nonfinite(item, f"{path}[{position}]", depth + 1)
            if found is not None:
                return found
    return None


def _with_unit(magnitude: Any, unit: str | None) -> Any:
    if unit is None or type(magnitude).__module__.startswith("pandas"):
        return magnitude
    from dpssec.units import with_units

    return with_units(magnitude, unit)


def _adapt_array(
    value: Any,
    context: _Context,
    info: CalculatorInfo,
    field: str | None,
    unit: str | None = None,
    blank: Any = None,
) -> Any:
    if is_lazy(value):
        if context.missing is not None and context.elementwise:
            import dask.array as da

            value = da.where(context.missing, np.nan, value)
        return value
    if not isinstance(value, np.ndarray | np.generic | float | int):
        return value
    arr = np.asarray(value)
    elementwise = context.elementwise
    if elementwise and context.missing is not None and arr.shape == context.missing.shape:
        # a flag (suppressed, corrected) is not raised where there is no value
        arr = np.where(context.missing, False if arr.dtype.kind == "b" else np.nan, arr)
    if (
        (info.finite_output or info.zero_denominators)
        and not context.bounded
        and arr.dtype.kind == "f"
        and arr.size
        and not np.isfinite(arr.sum())
    ):
        _refuse_overflow(arr, context, info, blank)
    if arr.ndim == 0 and (context.scalar or not elementwise):
        return arr.item()  # scalar in, or one number reduced from arrays: a Python scalar
    if (
        elementwise
        and context.index is not None
        and arr.ndim == 1
        and context.length is not None
        and arr.shape[0] == context.length
    ):
        import pandas as pd

        series = pd.Series(arr, index=context.index, name=field or info.name)
        if unit:
            series.attrs["units"] = unit
        return series
    return arr


def _refuse_overflow(
    arr: np.ndarray, context: _Context, info: CalculatorInfo, blank: Any = None
) -> None:
    bad = ~np.isfinite(arr)
    if context.missing is not None and context.missing.shape == arr.shape:
        bad &= ~context.missing
    if context.answered is not None:
        with contextlib.suppress(ValueError):  # a reduction: its rows are not the input's
            bad &= ~np.broadcast_to(context.answered, bad.shape)
    if blank is not None and not is_lazy(blank) and np.shape(blank) == arr.shape:
        bad &= ~(np.isnan(arr) & np.asarray(blank, dtype=bool))
    if not bad.any():
        return
    count, position = first_bad(bad)
    where = describe_position(position, context.index) if arr.ndim else "the result"
    named = _culprits(context)
    culprits = _listed(named) if named else "the inputs are"
    error = InputError(
        f"{info.name}: {count} of {arr.size} results are not finite ({where}: "
        f"{short_repr(np.ravel(arr)[position].item())}) although every input is; {culprits} too "
        "large or too small: a product or a ratio of them leaves the range of 64-bit floats "
        "(about 1e-308 to 1.8e308); give them in a larger or smaller unit, or check them"
    )
    error.reason = OVERFLOW
    raise error


def _failed_on_extremes(exc: BaseException, signature: inspect.Signature) -> bool:
    """Whether an error raised in a body is the arithmetic failing, not a check of ours."""
    if not isinstance(exc, InputError):
        return True
    if exc.reason == OVERFLOW:
        return True
    text = str(exc)  # an inner calculator's refusal that names none of our parameters
    return not any(
        re.search(rf"(?<![A-Za-z0-9_]){re.escape(p)}(?![A-Za-z0-9_])", text)
        for p in signature.parameters
        if p != "nan_policy"  # named in every refusal of missing values
    )


def _extremes(name: str, unbounded: Sequence[str], exc: BaseException) -> InputError:
    head = str(exc).split(":", 1)[0] if isinstance(exc, InputError) else ""
    step = f"({head})" if head.isidentifier() else "(the arithmetic)"
    error = InputError(
        f"{name}: {_listed(unbounded)} too large or too small for 64-bit floats: a step of "
        f"the calculation {step} fails on them; give them in a larger or smaller unit, or "
        "check them"
    )
    error.reason = OVERFLOW
    return error


OVERFLOW = "give a result that is not finite (too large or too small for 64-bit floats)"
"""The ``reason`` of an :class:`InputError` for finite input whose result overflows."""


def _warn_zero_denominators(
    result: Any, prepared: Mapping[str, Prepared], context: _Context, info: CalculatorInfo
) -> None:
    """Warn of the rows whose declared denominator is 0 and whose result is not finite.

    Their result is the answer (a clearance rate over 0 incoming cases is infinite, 0/0 is
    undefined), so they are let through, counted and located. Nothing is counted for dask
    input (it would compute the graph), nor for a row whose result stays finite (a backlog
    change in cases does not divide).
    """
    if context.lazy or not isinstance(result, np.ndarray | np.generic | float):
        return
    values = np.asarray(result)
    if values.dtype.kind != "f":
        return
    if context.answered is None:
        return  # no denominator is 0
    names = [k for k in info.zero_denominators if k in prepared]
    try:
        zero = np.broadcast_to(np.asarray(context.answered, dtype=bool), values.shape)
    except ValueError:  # a reduction: its rows are not the input's
        return
    if context.missing is not None and context.missing.shape == values.shape:
        zero = zero & ~context.missing  # a missing row stands in with a valid value
    if not zero.any():
        return
    flagged = zero & ~np.isfinite(values)
    picked = values[flagged]
    if not picked.size:
        return
    infinite = int(np.count_nonzero(np.isinf(picked)))
    undefined = picked.size - infinite
    what = " or ".join(k for k in names if np.any(np.asarray(prepared[k].values) == 0))
    where = ""
    if values.ndim:
        first = int(np.argmax(np.ravel(flagged)))
        where = f" (first at {describe_position(first, context.index)})"
    parts = [f"{infinite} infinite"] if infinite else []
    if undefined:
        parts.append(f"{undefined} undefined (0/0, NaN)")
    warnings.warn(
        f"{info.name}: {infinite + undefined} of {values.size} rows have {what} = 0{where}; "
        "results: " + ", ".join(parts),
        DataQualityWarning,
        stacklevel=3,
    )


def _zero_rows(prepared: Mapping[str, Prepared], names: Sequence[str]) -> Any:
    """Where any of ``names`` is 0 (a boolean mask, or a bool for scalars), None if nowhere.

    A column whose checks read its smallest value above 0 is not read again.
    """
    values = {
        k: item.values
        for k, item in prepared.items()
        if k in names and not item.lazy and not _above_zero(item)
    }
    return _zero_rows_of(names, values)


def _no_zeros(prepared: Mapping[str, Prepared], names: Sequence[str]) -> bool:
    """Whether the checks showed that none of ``names`` holds a 0 (their smallest is > 0)."""
    return all(_above_zero(prepared[k]) for k in names if k in prepared)


def _above_zero(item: Prepared) -> bool:
    return item.smallest is not None and item.smallest > 0


def _zero_rows_of(names: Sequence[str], columns: Mapping[str, Any]) -> Any:
    zero: Any = None
    for key in names:
        if key not in columns:
            continue
        values = np.asarray(columns[key])
        if values.all():  # no zero: one read, no mask
            continue
        here = values == 0
        zero = here if zero is None else zero | here
    return zero


def _culprits(context: _Context) -> list[str]:
    """The parameters holding magnitudes beyond [1e-75, 1e75], looked at where not yet known."""
    for key, values in list(context.unchecked.items()):
        if tiny_values(values):
            context.unbounded.append(key)
        del context.unchecked[key]
    return context.unbounded


def _listed(names: Sequence[str]) -> str:
    quoted = [repr(n) for n in names]
    if len(quoted) == 1:
        return f"parameter {quoted[0]} holds values"
    return f"parameters {', '.join(quoted[:-1])} and {quoted[-1]} hold values"
