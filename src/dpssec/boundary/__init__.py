"""The input vocabulary: one declaration per parameter, applied at every public boundary.

Every public calculator and model crosses the same boundary: a value arrives as a Python
scalar, a list, an ndarray, a pandas Series or DataFrame column, a dask array or a pint
Quantity, and leaves as magnitudes in the canonical unit, checked once. The rules live here
and nowhere else:

* :mod:`~dpssec.boundary.specs`: what a parameter accepts (:class:`Count`, :class:`Share`,
  :class:`Amount` and friends, :class:`Choice`, :class:`Flag`, :class:`Date`...);
* :mod:`~dpssec.boundary.calculator`: :func:`calculator`, the decorator that applies the specs,
  aligns lengths and pandas indexes, applies ``nan_policy``, and shapes the output (scalar in →
  scalar out, Series in → Series out); :func:`example` declares valid arguments;
* :mod:`~dpssec.boundary.row_specs`: :class:`TextLabels` (a text label per row, or one for all rows)
  and :class:`OpenDate` (an end date, empty while a spell is still open);
* :mod:`~dpssec.boundary.model_specs`: :class:`Model` (one instance of a model class) and
  :class:`Records` (a sequence of them);
* :mod:`~dpssec.boundary.choices`: :func:`parse_choice`, the one parser of enum values and
  method names with their synonyms;
* :mod:`~dpssec.boundary.quantities`: :func:`parse_quantity`, the one rule for ``"1.2 ha"``;
* :mod:`~dpssec.boundary.overlap`: a cheap element-wise kernel (``overlap=True``) run on a
  second core while its long input columns are checked;
* :mod:`~dpssec.boundary.compiled`: with numba (the ``fast`` extra), one compiled pass that reads
  a long float column's bounds and whole-number test;
* :mod:`~dpssec.boundary.arrays`: the array helpers every rule shares (:func:`is_lazy`,
  :func:`is_pandas`, the positions and labels an error message names, the per-block places of
  dask checks);
* :mod:`~dpssec.boundary.fields`: attrs field helpers for result classes (a Quantity field in its
  canonical unit, read-only arrays, ``VALUES_EQ`` for NaN-equal comparison). It loads pint, so
  ``import dpssec.boundary`` does not import it.

For example:

>>> from dpssec.boundary import Count, Choice, calculator
>>> @calculator(count=Count(), total=Count(positive=True), method=Choice(("simple",)))
... def share(count, total, *, method="simple"):
...     return count / total
>>> share(3, 4)
0.75
>>> share("3", 4)
Traceback (most recent call last):
...
dpssec.errors.InputError: parameter 'count' must be numbers (a whole number >= 0); got text '3'
"""

from __future__ import annotations

from dpssec.boundary.arrays import is_lazy, is_pandas, short_repr
from dpssec.boundary.calculator import (
    NAN_POLICIES,
    OMITS,
    CalculatorInfo,
    Example,
    Relation,
    broadcast,
    calculator,
    calculator_info,
    call_example,
    column_labels,
    example,
    example_by,
    example_of,
    missing_rows,
    not_above,
)
from dpssec.boundary.choices import choice_key, choice_values, parse_choice, register_aliases
from dpssec.boundary.compiled import Difference, Ratio
from dpssec.boundary.model_specs import Model, Records, guarded
from dpssec.boundary.quantities import normalise_unit_text, parse_quantity
from dpssec.boundary.row_specs import OpenDate, TextLabels
from dpssec.boundary.specs import (
    SPEC_METADATA_KEY,
    Amount,
    Area,
    ArraySpec,
    Choice,
    Choices,
    Confidence,
    Count,
    Date,
    Duration,
    Flag,
    Flags,
    Indicator,
    Labels,
    Length,
    Mass,
    Names,
    Number,
    OptionSpec,
    Population,
    Preset,
    Scale,
    Share,
    Size,
    Spec,
    Text,
    Year,
)

__all__ = [
    "NAN_POLICIES",
    "OMITS",
    "SPEC_METADATA_KEY",
    "Amount",
    "Area",
    "ArraySpec",
    "CalculatorInfo",
    "Choice",
    "Choices",
    "Confidence",
    "Count",
    "Date",
    "Difference",
    "Duration",
    "Example",
    "Flag",
    "Flags",
    "Indicator",
    "Labels",
    "Length",
    "Mass",
    "Model",
    "Names",
    "Number",
    "OpenDate",
    "OptionSpec",
    "Population",
    "Preset",
    "Ratio",
    "Records",
    "Relation",
    "Scale",
    "Share",
    "Size",
    "Spec",
    "Text",
    "TextLabels",
    "Year",
    "broadcast",
    "calculator",
    "calculator_info",
    "call_example",
    "choice_key",
    "choice_values",
    "column_labels",
    "example",
    "example_by",
    "example_of",
    "guarded",
    "is_lazy",
    "is_pandas",
    "missing_rows",
    "normalise_unit_text",
    "not_above",
    "parse_choice",
    "parse_quantity",
    "register_aliases",
    "short_repr",
]
