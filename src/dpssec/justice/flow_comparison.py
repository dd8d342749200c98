"""The disposition time (a flow estimate) set against measured durations, in numbers and words.

* :func:`flow_to_measured_ratio`: disposition time over a measured duration or age;
* :class:`FlowComparison` (built by ``compare_flow``): the ratio with a statement saying whether
  the two disagree by more than a stated factor (used by
  :meth:`TimeToDisposition.compare_with_flow <dpssec.justice.TimeToDisposition.compare_with_flow>`
  and :meth:`PendingAgeProfile.compare_with_flow
  <dpssec.justice.PendingAgeProfile.compare_with_flow>`).

For example:

>>> from dpssec.justice.flow_comparison import compare_flow
>>> compare_flow(331.8, 120.0, "median time to disposition", 2.0).disagree
True
"""

from __future__ import annotations

from typing import Any

import attrs

from dpssec.boundary import Duration, Ratio, Scale, calculator, example_by
from dpssec.errors import InputError
from dpssec.rendering import ResultMixin

__all__ = ["FlowComparison", "flow_to_measured_ratio"]


@calculator(
    disposition_time=Duration(),
    measured=Duration(positive=True),
    divisors=("measured",),
    overlap=True,
    fused=Ratio("disposition_time", "measured"),
    example={"disposition_time": [331.8, 45.0], "measured": [210.0, 60.0]},
)
def flow_to_measured_ratio(
    disposition_time: Any, measured: Any, *, nan_policy: str = "raise"
) -> Any:
    """Disposition time (a flow estimate) divided by a measured duration or age.

    Parameters
    ----------
    disposition_time : array-like or Quantity
        Disposition time [days] (:func:`~dpssec.justice.disposition_time`), >= 0; infinite
        when nothing was resolved.
    measured : array-like or Quantity
        A measured duration [days], > 0: the median time to disposition, or the median age of
        the pending cases.
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or carried to NaN rows with a warning.

    Returns
    -------
    float, ndarray or Series
        ``disposition_time / measured``: 1 when they agree; far from 1 when the stock-and-flow
        picture and the case dates tell different stories.

    Notes
    -----
    Under a steady state (same incoming, same pace) Little's law makes the disposition time
    about the **mean** time to disposition, which exceeds the median when durations are
    skewed (a few very long cases), so a ratio somewhat above 1 is expected; a ratio beyond
    the stated factor means the flow estimate should not be quoted as a case duration.

    Examples
    --------
    >>> from dpssec.justice import flow_to_measured_ratio
    >>> round(flow_to_measured_ratio(331.8, 210.0), 2)
    1.58
    """
    return disposition_time / measured


@example_by(lambda: compare_flow(120.0, 95.0, "median age of pending cases", 2.0))
@attrs.frozen(eq=False)
class FlowComparison(ResultMixin):
    """A disposition time set against a measured duration, with a statement.

    Attributes
    ----------
    disposition_time : float
        The flow estimate [days].
    measured : float
        The measured duration [days].
    measure : str
        What was measured.
    ratio : float
        ``disposition_time / measured``.
    factor : float
        The stated factor: they disagree when the ratio is above it or below its inverse.
    disagree : bool
    statement : str
    """

    disposition_time: float
    measured: float
    measure: str
    ratio: float
    factor: float
    disagree: bool
    statement: str


def compare_flow(
    disposition_time: float, measured: float, measure: str, factor: float
) -> FlowComparison:
    """Build a :class:`FlowComparison` (``factor`` > 1)."""
    factor = Scale().convert(factor, "factor")
    if not factor > 1:
        raise InputError(f"factor must be > 1 (e.g. 2 for 'twice'); got {factor!r}")
    if not measured > 0:
        return FlowComparison(
            float(disposition_time),
            float(measured),
            measure,
            float("nan"),
            factor,
            False,
            f"No comparison: the {measure} is {measured:g} days.",
        )
    ratio = float(flow_to_measured_ratio(float(disposition_time), float(measured)))
    disagree = not (1 / factor <= ratio <= factor)
    head = (
        f"The disposition time ({disposition_time:.1f} days, a flow estimate from counts) is "
        f"{ratio:.2f} times the {measure} ({measured:.1f} days)"
    )
    if disagree:
        statement = (
            f"{head}: they disagree by more than the stated factor {factor:g}. The disposition "
            "time is not a measured duration or age; quote the measured figure for how long "
            "cases take, and look for a change of pace or a stock that does not match the case "
            "records."
        )
    else:
        statement = f"{head}: within the stated factor {factor:g}."
    return FlowComparison(
        float(disposition_time), float(measured), measure, ratio, factor, disagree, statement
    )
