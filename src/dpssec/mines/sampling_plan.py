"""A quality-control sampling plan as a result: its OC curve and its two risks.

:func:`sampling_plan` describes an attribute plan (inspect ``n`` sub-plots of a lot of cleared
land, accept the lot when at most ``c`` are defective) by its operating characteristic (OC)
and the two points people quote:

* the **producer's risk** ``alpha = 1 - P_a(p_AQL)``: the chance that a lot of acceptable
  quality (defect rate ``p_AQL``) is rejected;
* the **consumer's risk** ``beta = P_a(p_LQ)``: the chance that a lot at the limiting quality
  ``p_LQ`` is accepted.

:meth:`SamplingPlan.oc_curve` gives the curve's points as plain data and
:meth:`SamplingPlan.plot` draws it with both risks marked. The probabilities are those of
:func:`~dpssec.mines.acceptance_probability` (binomial, or hypergeometric for a finite lot).

QC sampling detects systematic failure of a clearance process; it cannot show that a single
missed item is absent.

For example:

>>> from dpssec.mines.sampling_plan import sampling_plan
>>> plan = sampling_plan(299, 0, acceptable_quality=0.0005, limiting_quality=0.01)
>>> round(plan.consumer_risk, 3), round(plan.producer_risk, 3)
(0.05, 0.139)
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Share, Size, calculator
from dpssec.mines.plots import plot_oc_curve
from dpssec.mines.sampling import SAMPLING_REFERENCE, acceptance_probability
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = ["SamplingPlan", "sampling_plan"]


@attrs.frozen(kw_only=True, eq=False)
class SamplingPlan(ResultMixin):
    """An attribute sampling plan with its producer's and consumer's risks.

    Attributes
    ----------
    sample_size : int
        Sub-plots inspected, ``n``.
    acceptance_number : int
        Largest number of defective sub-plots that still accepts the lot, ``c``.
    lot_size : int or None
        Sub-plots in the lot, ``N`` (hypergeometric); None for a large lot (binomial).
    acceptable_quality : float or None
        Defect rate the producer expects to pass, ``p_AQL`` [fraction].
    limiting_quality : float or None
        Defect rate that must be rejected, ``p_LQ`` [fraction].
    producer_risk : float or None
        ``1 - P_a(p_AQL)``.
    consumer_risk : float or None
        ``P_a(p_LQ)``.
    reference : Reference
    """

    sample_size: int
    acceptance_number: int
    lot_size: int | None = None
    acceptable_quality: float | None = None
    limiting_quality: float | None = None
    producer_risk: float | None = None
    consumer_risk: float | None = None
    reference: Reference = attrs.field(default=SAMPLING_REFERENCE, repr=False)

    def acceptance_probability(self, defect_rate: Any) -> Any:
        """``P_a`` of this plan at ``defect_rate`` [fraction] (see
        :func:`~dpssec.mines.acceptance_probability`).

        Examples
        --------
        >>> from dpssec.mines.sampling_plan import sampling_plan
        >>> round(sampling_plan(50, 1).acceptance_probability(0.02), 3)
        0.736
        """
        return acceptance_probability(
            self.sample_size, self.acceptance_number, defect_rate, lot_size=self.lot_size
        )

    def oc_curve(self, defect_rates: Any = None, *, points: int = 201) -> dict[str, Any]:
        """Points of the operating characteristic, with the two risk points.

        Parameters
        ----------
        defect_rates : array-like, optional
            Defect rates [fraction]; default: ``points`` rates from 0 to a rate where the plan
            almost surely rejects (``P_a`` < 0.001), or to 3 ``p_LQ``, whichever is larger
            (for a finite lot: whole numbers of defective sub-plots, ``D / N``).
        points : int
            Number of default rates (>= 2).

        Returns
        -------
        dict
            ``defect_rate`` and ``acceptance`` (lists), ``producer_point`` and
            ``consumer_point`` (``{"defect_rate", "acceptance", "risk"}`` or None), the plan
            (``sample_size``, ``acceptance_number``, ``lot_size``) and ``model``
            (``"binomial"`` or ``"hypergeometric"``).

        Examples
        --------
        >>> from dpssec.mines.sampling_plan import sampling_plan
        >>> curve = sampling_plan(50, 0, limiting_quality=0.05).oc_curve(points=3)
        >>> curve["defect_rate"][0], curve["acceptance"][0], curve["consumer_point"]["risk"]
        (0.0, 1.0, 0.0769...)
        """
        if defect_rates is None:
            n, c = self.sample_size, self.acceptance_number
            # a rate at which P_a < 0.001 (normal bound on the binomial), at least 3 p_LQ
            top = min(
                1.0, max((c + 1 + 4 * np.sqrt(c + 1)) * 1.5 / n, 3 * (self.limiting_quality or 0))
            )
            rates = np.linspace(0.0, top, max(int(points), 2))
            if self.lot_size is not None:
                defectives = np.unique(np.round(rates * self.lot_size))
                rates = defectives / self.lot_size
        else:
            rates = np.atleast_1d(np.asarray(defect_rates, dtype=float))
        accepted = np.atleast_1d(self.acceptance_probability(rates))

        def point(rate: float | None, risk: float | None) -> dict[str, float] | None:
            if rate is None or risk is None:
                return None
            return {
                "defect_rate": rate,
                "acceptance": float(self.acceptance_probability(rate)),
                "risk": risk,
            }

        return {
            "defect_rate": rates.tolist(),
            "acceptance": accepted.astype(float).tolist(),
            "producer_point": point(self.acceptable_quality, self.producer_risk),
            "consumer_point": point(self.limiting_quality, self.consumer_risk),
            "sample_size": self.sample_size,
            "acceptance_number": self.acceptance_number,
            "lot_size": self.lot_size,
            "model": "binomial" if self.lot_size is None else "hypergeometric",
        }

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """The OC curve with the producer's and consumer's risk points; the matplotlib Axes.

        Keywords (``defect_rates``, ``title``) are those of
        :func:`dpssec.mines.plots.plot_oc_curve`; others go to matplotlib for the curve.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.mines.sampling_plan import sampling_plan
        >>> ax = sampling_plan(299, 0, acceptable_quality=0.0005, limiting_quality=0.01).plot()
        >>> ax.get_xlabel()
        'defect rate p [% of sub-plots defective]'
        """

        return plot_oc_curve(self, ax, **kwargs)


@calculator(
    sample_size=Size(lower=1, upper=10_000_000),
    acceptance_number=Size(lower=0, upper=10_000_000),
    lot_size=Size(lower=1, upper=1_000_000_000, optional=True),
    acceptable_quality=Share(aligned=False, ndim=(0,), optional=True),
    limiting_quality=Share(aligned=False, ndim=(0,), optional=True),
    elementwise=False,
    example={
        "sample_size": 50,
        "acceptance_number": 1,
        "acceptable_quality": 0.005,
        "limiting_quality": 0.05,
    },
)
def sampling_plan(
    sample_size: int,
    acceptance_number: int = 0,
    *,
    lot_size: int | None = None,
    acceptable_quality: Any = None,
    limiting_quality: Any = None,
) -> SamplingPlan:
    """An attribute sampling plan with its producer's and consumer's risks.

    Parameters
    ----------
    sample_size : int
        Sub-plots inspected, ``n`` >= 1.
    acceptance_number : int
        Defective sub-plots still accepted, ``c`` (0 <= c <= n); 0 by default.
    lot_size : int, optional
        Sub-plots in the lot, ``N`` >= ``n`` (hypergeometric); a large lot (binomial) when
        omitted.
    acceptable_quality : float, optional
        ``p_AQL`` [fraction], for the producer's risk.
    limiting_quality : float, optional
        ``p_LQ`` [fraction], for the consumer's risk.

    Returns
    -------
    SamplingPlan

    Raises
    ------
    InputError
        ``c > n``, ``n > N``, rates outside [0, 1], or (with ``lot_size``) a quality level that
        is not a whole number of defective sub-plots.

    Notes
    -----
    ``alpha = 1 - P_a(p_AQL)`` and ``beta = P_a(p_LQ)``, with ``P_a`` the binomial (or
    hypergeometric) probability of at most ``c`` defects in ``n``. From first principles; the
    ISO 2859 tables are not used.

    References
    ----------
    Reference ``mines.md`` §2.4 (acceptance sampling).

    Examples
    --------
    >>> from dpssec.mines.sampling_plan import sampling_plan
    >>> plan = sampling_plan(50, 1, acceptable_quality=0.005, limiting_quality=0.05)
    >>> round(plan.producer_risk, 4), round(plan.consumer_risk, 4)
    (0.0261, 0.2794)
    """
    producer = consumer = None
    plan = SamplingPlan(
        sample_size=int(sample_size),
        acceptance_number=int(acceptance_number),
        lot_size=None if lot_size is None else int(lot_size),
    )
    if acceptable_quality is not None:
        producer = 1.0 - float(plan.acceptance_probability(acceptable_quality))
    if limiting_quality is not None:
        consumer = float(plan.acceptance_probability(limiting_quality))
    else:
        # c > n or n > N are refused even without quality levels
        plan.acceptance_probability(0.0)
    return attrs.evolve(
        plan,
        acceptable_quality=acceptable_quality,
        limiting_quality=limiting_quality,
        producer_risk=producer,
        consumer_risk=consumer,
    )
