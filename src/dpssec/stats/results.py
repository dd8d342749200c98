"""Result objects shared by the statistics: :class:`Estimate` and :class:`TestResult`.

Both are frozen attrs classes with :class:`~dpssec.rendering.ResultMixin` (readable text, an HTML
table in Jupyter, ``to_dict()``, ``to_frame()``). The numeric fields of :class:`Estimate` may be
Python floats (scalar input), read-only ndarrays (array input) or lazy dask arrays (dask input,
until :meth:`Estimate.compute`).

For example:

>>> from dpssec.stats import Estimate
>>> Estimate(2.5, 1.0, 4.0, 0.95, "exact")
Estimate(value=2.5, lower=1.0, upper=4.0, confidence=0.95, method='exact', numerator=None, denominator=None, multiplier=None, corrected=None)
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import call_example, example_by
from dpssec.boundary.arrays import is_lazy, is_pandas
from dpssec.errors import DataQualityWarning
from dpssec.rendering import ResultMixin

__all__ = ["Estimate", "TestResult"]


def to_values(value: Any) -> Any:
    """Float for a scalar, read-only float ndarray for a sequence; dask arrays stay lazy.

    The converter of the per-element fields of :class:`Estimate` and its subclasses.

    A pandas Series (the result of Series input) stays a Series, its index kept.
    """
    if value is None or is_lazy(value):
        return value
    if is_pandas(value) and value.ndim == 1:
        return value if value.dtype.kind == "f" else value.astype(float)
    if np.ndim(value) == 0:
        return float(value)
    # A read-only view, not a copy: results of a million rows are not duplicated, and the
    # caller's own array keeps its flags.
    arr = np.asarray(value, dtype=float).view()
    arr.setflags(write=False)
    return arr


def _values_named(value: Any, name: str) -> Any:
    """:func:`to_values` for a result field: None items of a sequence become NaN, said once."""
    if isinstance(value, list | tuple) or (
        isinstance(value, np.ndarray) and value.dtype.kind == "O"
    ):
        given = np.asarray(value, dtype=object)
        none = np.frompyfunc(lambda item: item is None, 1, 1)(given).astype(bool)
        if none.any():
            warnings.warn(
                f"field {name!r}: {int(none.sum())} of {none.size} values are None, read as "
                "NaN (a missing value)",
                DataQualityWarning,
                stacklevel=5,  # the caller of the (guarded) constructor
            )
    return to_values(value)


def _value(value: Any) -> Any:
    return _values_named(value, "value")


def _lower(value: Any) -> Any:
    return _values_named(value, "lower")


def _upper(value: Any) -> Any:
    return _values_named(value, "upper")


def _numerator(value: Any) -> Any:
    return _values_named(value, "numerator")


def _denominator(value: Any) -> Any:
    return _values_named(value, "denominator")


def to_flags(value: Any) -> Any:
    """None, a bool for a scalar, a read-only bool ndarray for a sequence; dask stays lazy."""
    if value is None or is_lazy(value):
        return value
    if is_pandas(value) and value.ndim == 1:
        return value
    if np.ndim(value) == 0:
        return bool(value)
    arr = np.asarray(value, dtype=bool).view()
    arr.setflags(write=False)
    return arr


def same_values(a: Any, b: Any) -> bool:
    """Field equality for scalars, arrays (NaN equal to NaN), labels or lazy arrays (identity)."""
    if a is None or b is None or is_lazy(a) or is_lazy(b):
        return a is b
    a_arr, b_arr = np.asarray(a), np.asarray(b)
    if a_arr.shape != b_arr.shape:
        return False
    if a_arr.dtype.kind in "fc" or b_arr.dtype.kind in "fc":
        return bool(np.array_equal(a_arr, b_arr, equal_nan=True))
    return bool(np.array_equal(a_arr, b_arr))


SAME = attrs.cmp_using(eq=same_values)
"""``eq=`` of result fields that may be scalars, arrays or lazy arrays."""


def readonly_array(value: Any) -> np.ndarray:
    """A read-only float ndarray (the converter of array columns of results and curves)."""
    arr = np.array(value, dtype=float)
    arr.setflags(write=False)
    return arr


ARRAY_EQ = attrs.cmp_using(eq=same_values)
"""``eq=`` of array columns (element-wise, NaN equal to NaN)."""


@example_by(lambda: _example("poisson_rate", "dpssec.stats.rates"))
@attrs.frozen(eq=False)
class Estimate(ResultMixin):
    """A point estimate with its confidence interval (scalar or one per element).

    Attributes
    ----------
    value : float or ndarray
        The estimate, already multiplied by ``multiplier`` when there is one.
    lower, upper : float or ndarray
        Confidence limits, on the same scale as ``value``.
    confidence : float
        Confidence level as a fraction (0.95).
    method : str
        The interval method, named as in the docs (``"exact"``, ``"byar"``, ``"wilson"``, ...).
    numerator, denominator : float or ndarray, optional
        The count and the population/total the estimate was computed from, where meaningful.
    multiplier : float, optional
        Scale of ``value`` (100 000 for a rate per 100 000; 1 or 100 for a proportion).
    corrected : bool or ndarray of bool, optional
        Which elements were computed with a zero-cell correction (:func:`risk_ratio` adds
        ``zero_correction`` where a count is 0, so ``value`` there is the corrected ratio);
        None where no correction applies.

    Notes
    -----
    Array fields are read-only views: a million-row result is not copied, so an input array
    changed in place afterwards shows through ``numerator`` and ``denominator``.
    """

    value: Any = attrs.field(converter=_value, eq=SAME)
    lower: Any = attrs.field(converter=_lower, eq=SAME)
    upper: Any = attrs.field(converter=_upper, eq=SAME)
    confidence: float = attrs.field(converter=float)
    method: str
    numerator: Any = attrs.field(default=None, converter=_numerator, eq=SAME)
    denominator: Any = attrs.field(default=None, converter=_denominator, eq=SAME)
    multiplier: float | None = attrs.field(default=None, converter=attrs.converters.optional(float))
    corrected: Any = attrs.field(default=None, converter=to_flags, eq=SAME)

    PER_ELEMENT_FIELDS: ClassVar[tuple[str, ...]] = (
        "value",
        "lower",
        "upper",
        "numerator",
        "denominator",
        "corrected",
    )
    """Fields holding one value per element: the ``@calculator`` decorator makes them Python
    scalars for scalar input and Series for Series input."""

    @property
    def interval(self) -> tuple[Any, Any]:
        """``(lower, upper)``."""
        return self.lower, self.upper

    def compute(self) -> Estimate:
        """Materialise dask fields (one ``dask.compute`` call); numpy results are returned as is.

        Examples
        --------
        >>> from dpssec.stats import Estimate
        >>> e = Estimate(1.0, 0.5, 2.0, 0.95, "exact")
        >>> e.compute() is e
        True
        """
        names = [f.name for f in attrs.fields(Estimate) if is_lazy(getattr(self, f.name))]
        if not names:
            return self
        from dask.base import compute

        computed = compute(  # type: ignore[no-untyped-call]
            *(getattr(self, n) for n in names)
        )
        return attrs.evolve(self, **dict(zip(names, computed, strict=True)))

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Forest plot of the estimates and their intervals; return the matplotlib Axes.

        Keyword arguments (``labels``, ``sort``, ``overall``, ``overall_label``, ``xlabel``,
        ``title``, ``null_value``, ``log_scale``, ``color``) are those of
        :func:`dpssec.stats.plots.plot_forest`; others go to matplotlib for the estimates'
        markers.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.stats import poisson_rate
        >>> ax = poisson_rate([12, 40], [50_000, 90_000]).plot(labels=["A", "B"])
        >>> ax.get_title()
        'Estimates: 95 % confidence intervals (byar)'
        """
        from dpssec.stats.plots import plot_forest

        return plot_forest(self, ax, **kwargs)

    def _columns(self) -> dict[str, Any]:
        columns: dict[str, Any] = {
            "value": self.value,
            "lower": self.lower,
            "upper": self.upper,
            "confidence": self.confidence,
            "method": self.method,
        }
        for name in ("numerator", "denominator", "multiplier", "corrected"):
            if getattr(self, name) is not None:
                columns[name] = getattr(self, name)
        return columns


@example_by(lambda: _example("logrank_test", "dpssec.stats.logrank"))
@attrs.frozen(eq=False)
class TestResult(ResultMixin):
    """The outcome of a hypothesis test.

    Attributes
    ----------
    statistic : float
        The test statistic (chi-square for the log-rank test).
    p_value : float
        Probability of a statistic at least this large under the null hypothesis.
    df : float
        Degrees of freedom of the reference distribution.
    name : str
        The test, named as in the docs (``"log-rank (Mantel-Haenszel)"``).
    observed, expected : ndarray
        Per-group observed and expected event counts (empty when not meaningful).
    """

    __test__ = False  # not a pytest test class despite its name

    statistic: float = attrs.field(converter=float)
    p_value: float = attrs.field(converter=float)
    df: float = attrs.field(converter=float)
    name: str
    observed: np.ndarray = attrs.field(default=(), converter=readonly_array, eq=ARRAY_EQ)
    expected: np.ndarray = attrs.field(default=(), converter=readonly_array, eq=ARRAY_EQ)

    def _columns(self) -> dict[str, Any]:
        return {
            "statistic": self.statistic,
            "p_value": self.p_value,
            "df": self.df,
            "name": self.name,
        }


def _example(name: str, module: str) -> Any:
    """The declared example of a result: its calculator (imported late: it imports this
    module) called with the calculator's own example."""
    return call_example(getattr(importlib.import_module(module), name))
