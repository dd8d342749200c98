"""The result of a design-based survey estimate: :class:`SurveyEstimate`.

A :class:`~dpssec.stats.Estimate` (value, lower, upper, confidence, method, numerator,
denominator, multiplier) plus what a design-based estimate must report: the standard error,
the design effect, the effective sample size, the respondents behind it, the design degrees of
freedom used by the interval, the groups (one row per group with ``by=``) and how missing
answers were treated.

For example:

>>> from dpssec.prevention import SurveyDesign, survey_mean
>>> r = survey_mean([3.0, 5.0, 4.0, 6.0], SurveyDesign([1.0, 1.0, 2.0, 2.0]))
>>> round(r.value, 4), round(r.standard_error, 4), r.sample_size
(4.6667, 0.6605, 4.0)
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import call_example, example_by
from dpssec.references import Reference
from dpssec.stats import Estimate

__all__ = ["SurveyEstimate"]


def _numbers(value: Any) -> Any:
    if value is None:
        return None
    if np.ndim(value) == 0:
        return float(value)
    arr = np.asarray(value, dtype=float).view()
    arr.setflags(write=False)
    return arr


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return np.shape(a) == np.shape(b) and bool(
        np.array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_nan=True)
    )


_SAME = attrs.cmp_using(eq=_same)


def _same_groups(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


@example_by(lambda: _example("survey_proportion"))
@attrs.frozen(eq=False)
class SurveyEstimate(Estimate):
    """A design-based estimate with its standard error, design effect and effective size.

    Attributes
    ----------
    value, lower, upper : float or ndarray
        The estimate and its confidence limits (one per group with ``by=``), multiplied by
        ``multiplier`` for proportions.
    standard_error : float or ndarray
        Design-based standard error (Taylor linearisation or replicate weights), on the scale
        of ``value``.
    design_effect : float or ndarray
        Variance under the design / variance under simple random sampling of the same number
        of respondents (R ``survey``'s ``deff``, without replacement; see Notes of the
        estimators). NaN where it is undefined, as in R: values that do not vary (a total of
        ones, a proportion of 0) or a group with one respondent.
    effective_sample_size : float or ndarray
        Respondents / design effect (Kish); NaN where the design effect is.
    sample_size : float or ndarray
        Respondents (rows with a non-zero weight) behind each estimate.
    degrees_of_freedom : float or ndarray
        Degrees of freedom of the t quantile of the interval (design PSUs - strata among the
        group's rows, as R's ``degf``; ``inf`` for a normal quantile).
    statistic : str
        ``"proportion"``, ``"mean"``, ``"total"`` or ``"ratio"``.
    groups : dict of str to ndarray, or None
        The group labels of each row of the result, by grouping variable.
    missing : str
        How missing answers (NaN) were treated.
    indicator : str
        What was measured, when a named indicator (SDG 16.1.3, 16.1.4, 5.2.1) computed it.
    reference : Reference or None
        The method's reference (R ``survey``).

    Examples
    --------
    >>> from dpssec.prevention import SurveyDesign, survey_proportion
    >>> r = survey_proportion([1, 0, 1, 0, 0], SurveyDesign([1.0] * 5), by=["a", "a", "b", "b", "b"])
    >>> r.to_frame()[["group", "value", "sample_size"]].round(3).values.tolist()
    [['a', 0.5, 2.0], ['b', 0.333, 3.0]]
    """

    PER_ELEMENT_FIELDS: ClassVar[tuple[str, ...]] = (
        *Estimate.PER_ELEMENT_FIELDS,
        "standard_error",
        "design_effect",
        "effective_sample_size",
        "sample_size",
        "degrees_of_freedom",
    )

    standard_error: Any = attrs.field(default=None, converter=_numbers, eq=_SAME)
    design_effect: Any = attrs.field(default=None, converter=_numbers, eq=_SAME)
    effective_sample_size: Any = attrs.field(default=None, converter=_numbers, eq=_SAME)
    sample_size: Any = attrs.field(default=None, converter=_numbers, eq=_SAME)
    degrees_of_freedom: Any = attrs.field(default=None, converter=_numbers, eq=_SAME)
    statistic: str = ""
    groups: dict[str, np.ndarray] | None = attrs.field(
        default=None, eq=attrs.cmp_using(eq=_same_groups)
    )
    missing: str = ""
    indicator: str = ""
    reference: Reference | None = None

    def __len__(self) -> int:
        return int(np.size(self.value))

    def _columns(self) -> dict[str, Any]:
        columns: dict[str, Any] = dict(self.groups or {})
        columns.update(
            {
                "value": self.value,
                "lower": self.lower,
                "upper": self.upper,
                "standard_error": self.standard_error,
                "design_effect": self.design_effect,
                "effective_sample_size": self.effective_sample_size,
                "sample_size": self.sample_size,
                "degrees_of_freedom": self.degrees_of_freedom,
                "confidence": self.confidence,
                "method": self.method,
            }
        )
        return columns

    def row(self, **labels: Any) -> SurveyEstimate:
        """The estimate of one group, chosen by its labels (``r.row(sex="f")``).

        Raises
        ------
        KeyError
            No group has these labels, or the result has no groups.

        Examples
        --------
        >>> from dpssec.prevention import SurveyDesign, survey_mean
        >>> r = survey_mean([1.0, 2.0, 3.0, 5.0], SurveyDesign([1.0] * 4), by=["a", "a", "b", "b"])
        >>> r.row(group="b").value
        4.0
        """
        if not self.groups:
            raise KeyError("this estimate has no groups")
        mask = np.ones(len(self), dtype=bool)
        for name, label in labels.items():
            if name not in self.groups:
                raise KeyError(f"no grouping variable {name!r}; have {list(self.groups)}")
            mask &= self.groups[name] == label
        if not mask.any():
            raise KeyError(f"no group {labels}")
        i = int(np.argmax(mask))
        changes = {
            name: np.asarray(getattr(self, name))[i].item()
            for name in self.PER_ELEMENT_FIELDS
            if getattr(self, name) is not None and np.ndim(getattr(self, name)) == 1
        }
        return attrs.evolve(self, groups=None, **changes)


def _example(name: str) -> Any:
    """The declared example: a survey estimator (imported late: it imports this module)."""
    return call_example(
        getattr(importlib.import_module("dpssec.prevention.survey_estimators"), name)
    )
