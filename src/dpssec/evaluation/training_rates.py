"""Training evaluation beyond scores: pass/fail change, completion and attendance.

* :func:`pass_fail_change`: pass/fail of the same participants before and after, McNemar's
  test and the change in the pass rate;
* :func:`completion_rate`: completions among enrolments (Wilson interval);
* :func:`attendance_rate`: sessions attended among sessions scheduled, pooled over
  participants (a ratio estimate with a standard error that respects the participants).

For example:

>>> from dpssec.evaluation import attendance_rate, completion_rate
>>> round(completion_rate(18, 20).value, 2), round(attendance_rate([10, 8, 12], [12, 12, 12]).value, 3)
(0.9, 0.833)
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Confidence,
    Count,
    Indicator,
    Number,
    calculator,
    example_by,
    not_above,
)
from dpssec.errors import InputError
from dpssec.evaluation.results import array_field
from dpssec.rendering import ResultMixin
from dpssec.stats import Estimate, TestResult, proportion

__all__ = ["PassFailChange", "attendance_rate", "completion_rate", "pass_fail_change"]


@example_by("pass_fail_change")
@attrs.frozen(kw_only=True, eq=False)
class PassFailChange(ResultMixin):
    """Pass/fail of the same participants before and after a course.

    Attributes
    ----------
    table : ndarray (2, 2)
        Rows before (pass, fail), columns after (pass, fail).
    pass_before, pass_after : Estimate
        Pass rates (Wilson intervals).
    difference : Estimate
        pass_after − pass_before with the Wald interval for paired proportions.
    mcnemar : TestResult
        McNemar's test (exact binomial when fewer than 25 people changed, else chi-square
        with continuity correction).
    """

    table: np.ndarray = array_field()
    pass_before: Estimate
    pass_after: Estimate
    difference: Estimate
    mcnemar: TestResult

    def _columns(self) -> dict[str, Any]:
        rows = [
            ("pass rate before", self.pass_before),
            ("pass rate after", self.pass_after),
            ("difference", self.difference),
        ]
        return {
            "quantity": [r[0] for r in rows] + ["McNemar p"],
            "value": [r[1].value for r in rows] + [self.mcnemar.p_value],
            "lower": [r[1].lower for r in rows] + [None],
            "upper": [r[1].upper for r in rows] + [None],
            "method": [r[1].method for r in rows] + [self.mcnemar.name],
        }


@calculator(
    elementwise=False,
    passed_before=Indicator(),
    passed_after=Indicator(),
    confidence=Confidence(),
    example={
        "passed_before": [0, 0, 1, 0, 1, 0, 0, 1, 0, 0],
        "passed_after": [1, 1, 1, 0, 1, 1, 0, 1, 1, 1],
    },
)
def pass_fail_change(
    passed_before: Any,
    passed_after: Any,
    *,
    confidence: float = 0.95,
    nan_policy: str = "raise",
) -> PassFailChange:
    """Change in the pass rate of the same participants, with McNemar's test.

    Parameters
    ----------
    passed_before, passed_after : array-like of 0/1
        Whether each participant passed before and after the course (same order).
    confidence : float
    nan_policy : {"raise", "omit"}

    Returns
    -------
    PassFailChange

    Notes
    -----
    With b = pass → fail and c = fail → pass: McNemar exact p = 2·P(Bin(b + c, ½) ≤ min(b, c))
    (capped at 1) when b + c < 25, otherwise ``χ² = (|b − c| − 1)²/(b + c)`` on 1 df
    (statsmodels ``mcnemar``). Difference ``(c − b)/n ± z·sqrt(b + c − (c − b)²/n)/n``
    (Wald, paired), bounded to [−1, 1].

    References
    ----------
    McNemar Q. Note on the sampling error of the difference between correlated proportions
    or percentages. Psychometrika 1947;12:153-157. Agresti A. Categorical Data Analysis, 3rd
    ed., §11.1 (2013).

    Examples
    --------
    >>> from dpssec.evaluation import pass_fail_change
    >>> c = pass_fail_change([0, 0, 1, 0, 1, 0, 0, 1, 0, 0], [1, 1, 1, 0, 1, 1, 0, 1, 1, 1])
    >>> c.table.astype(int).tolist(), round(c.mcnemar.p_value, 4)
    ([[3, 0], [5, 2]], 0.0625)
    """
    from scipy import stats
    from statsmodels.stats.contingency_tables import mcnemar

    a0 = np.asarray(passed_before, dtype=float) == 1
    a1 = np.asarray(passed_after, dtype=float) == 1
    n = a0.size
    table = np.array(
        [[np.sum(a0 & a1), np.sum(a0 & ~a1)], [np.sum(~a0 & a1), np.sum(~a0 & ~a1)]], dtype=float
    )
    b, c = table[0, 1], table[1, 0]
    exact = b + c < 25
    result = mcnemar(table, exact=exact, correction=True)
    name = "McNemar exact (binomial)" if exact else "McNemar chi-square, continuity corrected"
    test = TestResult(float(result.statistic), float(result.pvalue), 1.0, name)
    before = proportion(float(a0.sum()), float(n), confidence=confidence)
    after = proportion(float(a1.sum()), float(n), confidence=confidence)
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    value = (c - b) / n
    half = z * np.sqrt(max(b + c - (c - b) ** 2 / n, 0.0)) / n
    difference = Estimate(
        value,
        max(-1.0, value - half),
        min(1.0, value + half),
        confidence,
        "paired difference, Wald interval bounded to [-1, 1]",
    )
    return PassFailChange(
        table=table, pass_before=before, pass_after=after, difference=difference, mcnemar=test
    )


@calculator(
    completed=Count(),
    enrolled=Count(positive=True),
    confidence=Confidence(),
    relations=[not_above("completed", "enrolled")],
    integers=True,
    example={"completed": [18, 25], "enrolled": [20, 32]},
)
def completion_rate(
    completed: Any, enrolled: Any, *, confidence: float = 0.95, nan_policy: str = "raise"
) -> Estimate:
    """Share of enrolled participants who completed the course, with a Wilson interval.

    Parameters
    ----------
    completed : array-like
        Participants who completed (0 <= completed <= enrolled).
    enrolled : array-like
        Participants enrolled (> 0).
    confidence : float
    nan_policy : {"raise", "propagate"}

    Returns
    -------
    Estimate
        A fraction (multiply by 100 for a percentage), one per course.

    Notes
    -----
    :func:`dpssec.stats.proportion` with Wilson's score interval.

    Examples
    --------
    >>> from dpssec.evaluation import completion_rate
    >>> r = completion_rate(18, 20)
    >>> round(r.value, 2), round(r.lower, 3), round(r.upper, 3)
    (0.9, 0.699, 0.972)
    """
    return proportion(completed, enrolled, confidence=confidence, method="wilson")


@calculator(
    elementwise=False,
    attended=Number(lower=0),
    scheduled=Number(positive=True),
    confidence=Confidence(),
    relations=[not_above("attended", "scheduled")],
    example={"attended": [10, 8, 12, 6, 11], "scheduled": [12, 12, 12, 12, 12]},
)
def attendance_rate(
    attended: Any, scheduled: Any, *, confidence: float = 0.95, nan_policy: str = "raise"
) -> Estimate:
    """Sessions attended among sessions scheduled, pooled over the participants.

    Parameters
    ----------
    attended : array-like
        Sessions (or hours) each participant attended.
    scheduled : array-like or float
        Sessions (or hours) scheduled for each participant (> 0); a single number is the
        same schedule for every participant.
    confidence : float
    nan_policy : {"raise", "omit"}

    Returns
    -------
    Estimate
        ``R = Σ attended / Σ scheduled`` (a fraction) with a normal interval bounded to [0, 1].

    Notes
    -----
    A participant's sessions are not independent, so the interval uses the ratio estimator's
    linearised variance over participants, ``v = n/(n − 1)·Σ(a_i − R·s_i)²/(Σ s_i)²``
    (Cochran 1977, §6.4), not a binomial variance over sessions.

    References
    ----------
    Cochran WG. Sampling Techniques, 3rd ed., §6.4 (1977).

    Examples
    --------
    >>> from dpssec.evaluation import attendance_rate
    >>> r = attendance_rate([10, 8, 12, 6, 11], [12, 12, 12, 12, 12])
    >>> round(r.value, 3), round(r.lower, 3), round(r.upper, 3)
    (0.783, 0.607, 0.959)
    >>> round(attendance_rate([10, 8, 9], 10).value, 2)  # 10 sessions scheduled for each
    0.9
    """
    from scipy import stats

    # a single scheduled number is every participant's schedule (summed once per participant)
    a, s = np.broadcast_arrays(
        np.asarray(attended, dtype=float), np.asarray(scheduled, dtype=float)
    )
    n = a.size
    if n < 2:
        raise InputError("attendance_rate needs at least 2 participants for an interval")
    ratio = float(a.sum() / s.sum())
    variance = n / (n - 1) * float(np.sum((a - ratio * s) ** 2)) / float(s.sum()) ** 2
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    half = z * np.sqrt(variance)
    return Estimate(
        ratio,
        max(0.0, ratio - half),
        min(1.0, ratio + half),
        confidence,
        "ratio estimate, linearised variance over participants",
        numerator=float(a.sum()),
        denominator=float(s.sum()),
    )
