"""Result type of the prevention indicators: an Estimate with a suppression flag and a citation.

:class:`IndicatorEstimate` is a :class:`dpssec.stats.Estimate` (value, lower, upper,
confidence, method, numerator, denominator, multiplier) plus

* ``suppressed``: per row, whether a suppression rule (minimum count, minimum population)
  applies. Suppressed rows are kept with their counts, flagged, and have their value and limits
  blanked (NaN) as PHEindicatormethods does, unless ``keep_suppressed_values=True`` was asked;
* ``suppression_rule``: the rule in words, for the table footnote;
* ``group``: the group labels when counts were summed by group;
* ``reference``: the indicator's or method's citation.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec._checks import is_lazy
from dpssec.references import Reference
from dpssec.stats import Estimate

__all__ = ["IndicatorEstimate"]


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None or is_lazy(a) or is_lazy(b):
        return a is b
    a_arr, b_arr = np.asarray(a), np.asarray(b)
    if a_arr.shape != b_arr.shape:
        return False
    if a_arr.dtype.kind in "fc" or b_arr.dtype.kind in "fc":
        return bool(np.array_equal(a_arr, b_arr, equal_nan=True))
    return bool(np.array_equal(a_arr, b_arr))


SAME = attrs.cmp_using(eq=_same)
"""Field comparison for values that may be scalars, arrays or lazy arrays."""


def _flag(value: Any) -> Any:
    if is_lazy(value):
        return value
    if np.ndim(value) == 0:
        return bool(value)
    return np.asarray(value, dtype=bool)


@attrs.frozen
class IndicatorEstimate(Estimate):
    """An estimate with its suppression flag, the rule applied, group labels and citation.

    Attributes
    ----------
    suppressed : bool or ndarray of bool
        True where a suppression rule applies (value and limits are then NaN unless the caller
        kept them).
    suppression_rule : str
        The rule in words (``"count < 10"``); empty when none was set.
    group : ndarray or None
        Group labels, one per row, when counts were summed by group.
    indicator : str
        What was measured (``"SDG 16.1.1 intentional homicide victims"``), with the choices that
        change its meaning (detected victims only; treatment of "don't know").
    reference : Reference or None
        Citation of the indicator definition or the method.

    Examples
    --------
    >>> from dpssec.prevention import crime_rate
    >>> r = crime_rate([3, 40], [250, 120_000], min_count=5, by=["north", "south"])
    >>> r.group.tolist(), r.suppressed.tolist(), r.suppression_rule
    (['north', 'south'], [True, False], 'count < 5')
    """

    suppressed: Any = attrs.field(default=False, converter=_flag, eq=SAME)
    suppression_rule: str = ""
    group: Any = attrs.field(default=None, eq=SAME)
    indicator: str = ""
    reference: Reference | None = None

    def _columns(self) -> dict[str, Any]:
        columns: dict[str, Any] = {}
        if self.group is not None:
            columns["group"] = self.group
        columns.update(super()._columns())
        columns["suppressed"] = self.suppressed
        if self.suppression_rule:
            columns["suppression_rule"] = self.suppression_rule
        return columns


def apply_suppression(values: Any, suppressed: Any, keep: bool) -> Any:
    """``values`` with NaN where ``suppressed`` (unless ``keep``)."""
    if keep:
        return values
    return np.where(suppressed, np.nan, values)
