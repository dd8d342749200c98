"""Result types of the prevention indicators: estimates with suppression flags, and tables.

:class:`IndicatorEstimate` is a :class:`dpssec.stats.Estimate` (value, lower, upper,
confidence, method, numerator, denominator, multiplier) plus

* ``suppressed``: per row, whether a suppression rule (minimum count, minimum population)
  applies. Suppressed rows are kept with their counts, flagged, and have their value and limits
  blanked (NaN) as PHEindicatormethods does, unless ``keep_suppressed_values=True`` was asked;
* ``suppression_rule``: the rule in words, for the table footnote;
* ``group``: the group labels when counts were summed by group;
* ``reference``: the indicator's or method's citation.

:class:`IndicatorTable` is the tidy table of one indicator per group that
:func:`~dpssec.prevention.indicator_table` returns.
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import call_example, example_by
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.stats import Estimate
from dpssec.stats.results import SAME, same_values, to_flags

__all__ = ["DetectedVictims", "IndicatorEstimate", "IndicatorTable"]


@example_by(lambda: _example("crime_rate", "dpssec.prevention.rates"))
@attrs.frozen(eq=False)
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

    PER_ELEMENT_FIELDS: ClassVar[tuple[str, ...]] = (*Estimate.PER_ELEMENT_FIELDS, "suppressed")
    BLANKED_WHERE: ClassVar[str] = "suppressed"
    """Value and limits are NaN on purpose where this flag is set (not an overflow)."""

    suppressed: Any = attrs.field(default=False, converter=to_flags, eq=SAME)
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


def _same_columns(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return list(a) == list(b) and all(same_values(a[k], b[k]) for k in a)


@example_by(lambda: _example("indicator_table", "dpssec.prevention.table"))
@attrs.frozen(eq=False)
class IndicatorTable(ResultMixin):
    """A tidy table of one indicator per group.

    Attributes
    ----------
    indicator : str
        One of :data:`INDICATORS`.
    keys : dict of str to ndarray
        The grouping columns, one label per row.
    value, lower, upper : ndarray
        The indicator and its confidence limits (NaN where suppressed).
    numerator, denominator : ndarray
        Summed counts and populations (totals; for ``"isr"``/``"ratio"`` the expected count).
    method : ndarray of str
        Interval method per row (``"exact"``, ``"byar"``, ``"dobson"``, ``"wilson"``, ...).
    suppressed : ndarray of bool
        Rows flagged by a suppression rule or for which the indicator is not defined.
    note : ndarray of str
        Why a row is suppressed (empty otherwise).
    confidence : float
    multiplier : float
    reference : Reference or None

    Examples
    --------
    >>> from dpssec.prevention import indicator_table
    >>> t = indicator_table({"area": ["A", "B"], "count": [3, 40],
    ...                      "population": [10_000, 90_000]}, min_count=5)
    >>> len(t), t.suppressed.tolist(), str(t.note[0])
    (2, [True, False], 'count < 5')
    >>> frame = t.to_frame()
    >>> list(frame.columns[:4]), frame["value"].round(2).tolist()
    (['area', 'value', 'lower', 'upper'], [nan, 44.44])
    """

    BLANKED_WHERE: ClassVar[str] = "suppressed"

    indicator: str
    keys: dict[str, np.ndarray] = attrs.field(eq=attrs.cmp_using(eq=_same_columns))
    value: np.ndarray = attrs.field(eq=SAME)
    lower: np.ndarray = attrs.field(eq=SAME)
    upper: np.ndarray = attrs.field(eq=SAME)
    numerator: np.ndarray = attrs.field(eq=SAME)
    denominator: np.ndarray = attrs.field(eq=SAME)
    method: np.ndarray = attrs.field(eq=SAME)
    suppressed: np.ndarray = attrs.field(eq=SAME)
    note: np.ndarray = attrs.field(eq=SAME)
    confidence: float
    multiplier: float
    reference: Reference | None = None

    def __len__(self) -> int:
        return int(np.size(self.value))

    def _columns(self) -> dict[str, Any]:
        return {
            **self.keys,
            "value": self.value,
            "lower": self.lower,
            "upper": self.upper,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "method": self.method,
            "suppressed": self.suppressed,
            "note": self.note,
        }

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Forest plot of the table's rows, suppressed rows marked; return the matplotlib Axes.

        Keywords are those of :func:`dpssec.stats.plots.plot_forest` (``labels``, ``sort``,
        ``overall``, ``overall_label``, ``xlabel``, ``title``...); others go to matplotlib
        for the estimates' markers.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.prevention import indicator_table
        >>> t = indicator_table({"area": ["A", "B"], "count": [3, 40],
        ...                      "population": [10_000, 90_000]}, min_count=5)
        >>> ax = t.plot()
        >>> [t.get_text() for t in ax.texts]
        ['suppressed (count < 5)']
        """
        from dpssec.stats.plots import plot_forest

        return plot_forest(self, ax, **kwargs)

    def to_records(self) -> list[dict[str, Any]]:
        """One JSON-compatible dict per row (NaN as None).

        Examples
        --------
        >>> from dpssec.prevention import indicator_table
        >>> t = indicator_table({"area": ["A"], "count": [0], "population": [100]})
        >>> t.to_records()[0]["area"], t.to_records()[0]["value"], t.to_records()[0]["upper"]
        ('A', 0.0, 3688.879454113936)
        """
        columns = self._columns()
        records = []
        for i in range(len(self)):
            row: dict[str, Any] = {}
            for name, column in columns.items():
                item = np.asarray(column)[i]
                item = item.item() if hasattr(item, "item") else item
                row[name] = None if isinstance(item, float) and item != item else item
            records.append(row)
        return records

    def to_dict(self) -> dict[str, Any]:
        """The table as JSON-compatible data: settings and rows.

        Examples
        --------
        >>> import json
        >>> from dpssec.prevention import indicator_table
        >>> t = indicator_table({"country": ["BLZ"], "count": [113],
        ...                      "population": [441_406]}, "homicide_rate")
        >>> d = json.loads(json.dumps(t.to_dict()))
        >>> d["indicator"], d["multiplier"], round(d["rows"][0]["value"], 1)
        ('homicide_rate', 100000.0, 25.6)
        """
        return {
            "indicator": self.indicator,
            "confidence": self.confidence,
            "multiplier": self.multiplier,
            "reference": None if self.reference is None else str(self.reference),
            "rows": self.to_records(),
        }


def _example(name: str, module: str) -> Any:
    """The declared example of a result: its calculator (imported late: it imports this
    module) called with the calculator's own example."""
    return call_example(getattr(importlib.import_module(module), name))


def _example_detected() -> Any:
    from dpssec.prevention.trafficking_records import TraffickingRecords

    records = TraffickingRecords(
        ["2024-01-05", "2024-02-01", "2024-02-03"], ["tip"] * 3, ["f", "m", "f"], [15, 40, 33]
    )
    return records.detected_victims("sex")


def _label(value: Any) -> Any:
    """A group label; a list (several fields, read back from JSON) becomes a tuple."""
    return tuple(value) if isinstance(value, list) else value


def _labels(values: Any) -> tuple[Any, ...]:
    return tuple(_label(v) for v in values)


def _names(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


@example_by(_example_detected)
@attrs.frozen(eq=False)
class DetectedVictims(ResultMixin):
    """Distinct detected victims of trafficking, in total and by record fields.

    The numerator of SDG 16.2.2 as published (detected victims, not all victims). Indexing by
    a group's label gives its count, ``"(all)"`` the total (as the dict this replaces).

    Attributes
    ----------
    by : tuple of str
        The record fields grouped by (empty: the total only).
    group : tuple
        One label per group (a tuple of labels for several fields), sorted.
    count : ndarray of int
        Distinct victims per group.
    total : int
        Distinct victims in all.
    age_preset : str or None
        The age bands' preset, when grouped by ``"age_band"``.

    Examples
    --------
    >>> from dpssec.prevention import TraffickingRecords
    >>> r = TraffickingRecords(["2024-01-05", "2024-02-01"], ["tip", "tip"], ["f", "m"], [15, 40])
    >>> d = r.detected_victims("sex")
    >>> d.total, d["female"], d.to_frame()["victims"].tolist()
    (2, 1, [1, 1])
    """

    by: tuple[str, ...] = attrs.field(converter=_names)
    group: tuple[Any, ...] = attrs.field(converter=_labels)
    count: np.ndarray = attrs.field(eq=SAME)
    total: int
    age_preset: str | None = None

    def __getitem__(self, label: Any) -> int:
        if label == "(all)":
            return self.total
        for group, count in zip(self.group, self.count.tolist(), strict=True):
            if group == label:
                return int(count)
        raise KeyError(label)

    def as_dict(self) -> dict[Any, int]:
        """Label to count, with ``"(all)"`` for the total.

        Examples
        --------
        >>> from dpssec.prevention import TraffickingRecords
        >>> TraffickingRecords(["2024-01-05"], ["tip"], ["f"], [15]).detected_victims("sex").as_dict()
        {'(all)': 1, 'female': 1}
        """
        out: dict[Any, int] = {"(all)": self.total}
        out.update(zip(self.group, (int(c) for c in self.count.tolist()), strict=True))
        return out

    def _columns(self) -> dict[str, Any]:
        if not self.by:
            return {"group": ["(all)"], "victims": [self.total]}
        columns: dict[str, Any] = {}
        for k, name in enumerate(self.by):
            columns[name] = [g[k] if len(self.by) > 1 else g for g in self.group]
        columns["victims"] = self.count
        return columns

    def _index_columns(self) -> tuple[str, ...]:
        return self.by or ("group",)
