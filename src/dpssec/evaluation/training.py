"""Training evaluation: did the participants learn, finish and attend?

For the capacity-building side (courses for police, prosecutors, prison staff, deminers):

* :func:`training_gain`: pre/post scores of the same participants — mean change with its t
  interval, Wilcoxon signed-rank test, Hedges' g (standardised mean change) with an exact
  noncentral-t interval, and the normalised gain (post − pre)/(max − pre) per participant
  and for the class (Hake's ⟨g⟩);
* pass/fail change, completion and attendance rates: :mod:`~dpssec.evaluation.training_rates`.

For example:

>>> from dpssec.evaluation import training_gain
>>> g = training_gain([55, 60, 48, 70, 62, 51, 66, 58], [68, 71, 60, 78, 70, 65, 72, 69])
>>> round(g.mean_change.value, 2), round(g.hedges_g.value, 2), round(g.class_gain, 3)
(10.38, 3.32, 0.252)
"""

from __future__ import annotations

import warnings
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Confidence, Number, Scale, calculator, example_by
from dpssec.errors import DataQualityWarning, InputError
from dpssec.evaluation.results import CoefficientEstimate, array_field, coefficient_estimate
from dpssec.rendering import ResultMixin
from dpssec.stats import Estimate, TestResult

__all__ = ["TrainingGain", "training_gain"]


@example_by("training_gain")
@attrs.frozen(kw_only=True, eq=False)
class TrainingGain(ResultMixin):
    """What the participants gained between the pre- and the post-test.

    Attributes
    ----------
    n : int
        Participants with both scores.
    mean_pre, mean_post : float
    mean_change : CoefficientEstimate
        Mean of post − pre with its Student t interval (n − 1 df).
    wilcoxon : TestResult
        Wilcoxon signed-rank test of no change (zero differences dropped, Wilcoxon's method).
    hedges_g : Estimate
        Standardised mean change d_z = mean/SD of the differences, times Hedges' small-sample
        correction J = 1 − 3/(4(n − 1) − 1), with an exact interval from the noncentral t.
    gains : ndarray
        Normalised gain (post − pre)/(maximum − pre) of each participant (NaN where the
        pre-test score was already the maximum, with a warning).
    class_gain : float
        Hake's class-average normalised gain (mean post − mean pre)/(maximum − mean pre).
    maximum : float
    statement : str
    """

    n: int
    mean_pre: float
    mean_post: float
    mean_change: CoefficientEstimate
    wilcoxon: TestResult
    hedges_g: Estimate
    gains: np.ndarray = array_field()
    class_gain: float
    maximum: float
    statement: str = ""

    def _columns(self) -> dict[str, Any]:
        rows = [
            ("mean pre", self.mean_pre, None, None, f"n = {self.n}"),
            ("mean post", self.mean_post, None, None, f"n = {self.n}"),
            ("mean change", *self._triple(self.mean_change)),
            ("Hedges' g (standardised mean change)", *self._triple(self.hedges_g)),
            ("class normalised gain <g>", self.class_gain, None, None, "Hake (1998)"),
            ("Wilcoxon signed-rank p", self.wilcoxon.p_value, None, None, self.wilcoxon.name),
        ]
        return {
            "quantity": [r[0] for r in rows],
            "value": [r[1] for r in rows],
            "lower": [r[2] for r in rows],
            "upper": [r[3] for r in rows],
            "method": [r[4] for r in rows],
        }

    @staticmethod
    def _triple(e: Estimate) -> tuple[Any, Any, Any, str]:
        return e.value, e.lower, e.upper, e.method


def _noncentral_limits(t_obs: float, df: float, confidence: float) -> tuple[float, float]:
    """Noncentrality parameters whose t distribution puts t_obs at the two tail quantiles."""
    from scipy import optimize, stats

    alpha = 1.0 - confidence

    def solve(target: float) -> float:
        def f(ncp: float) -> float:
            return float(stats.nct.cdf(t_obs, df, ncp)) - target

        low, high = t_obs - 10.0, t_obs + 10.0
        while f(low) < 0:
            low -= 10.0
        while f(high) > 0:
            high += 10.0
        return float(optimize.brentq(f, low, high, xtol=1e-12))

    return solve(1.0 - alpha / 2), solve(alpha / 2)


@calculator(
    elementwise=False,
    pre=Number(lower=0),
    post=Number(lower=0),
    maximum=Scale(upper=1e9),
    confidence=Confidence(),
    example={
        "pre": [55, 60, 48, 70, 62, 51, 66, 58],
        "post": [68, 71, 60, 78, 70, 65, 72, 69],
    },
)
def training_gain(
    pre: Any,
    post: Any,
    *,
    maximum: float = 100,
    confidence: float = 0.95,
    nan_policy: str = "raise",
) -> TrainingGain:
    """Learning gain of the same participants between a pre-test and a post-test.

    Parameters
    ----------
    pre, post : array-like
        Scores of each participant before and after the course (same order), 0 to
        ``maximum``.
    maximum : float
        The highest possible score (100 by default).
    confidence : float
        0.95 or 95.
    nan_policy : {"raise", "omit"}
        ``"omit"`` drops participants missing a score (absent from a test), with a warning.

    Returns
    -------
    TrainingGain

    Raises
    ------
    InputError
        Scores above ``maximum``; fewer than 2 participants; all differences zero.

    Warns
    -----
    DataQualityWarning
        Participants already at the maximum on the pre-test (their normalised gain is
        undefined, NaN).

    Notes
    -----
    Mean change ``d̄ ± t_{n−1}·s_d/√n``. Hedges' g for paired scores: ``g = J·d̄/s_d`` with
    ``J = 1 − 3/(4(n − 1) − 1)``; the interval inverts the noncentral t distribution of
    ``t = d̄/(s_d/√n)`` (ncp = δ√n) and is multiplied by J. This is the standardised mean
    change of the differences (d_z); an effect standardised by the pre-test SD (d_av) is
    another choice, not given here. Normalised gain ``(post − pre)/(max − pre)``; class gain
    ``(ȳ_post − ȳ_pre)/(max − ȳ_pre)`` (Hake 1998). Wilcoxon: ``scipy.stats.wilcoxon``.

    References
    ----------
    Hedges LV. Distribution theory for Glass's estimator of effect size and related
    estimators. J Educ Stat 1981;6:107-128. Cumming G, Finch S. A primer on the understanding,
    use, and calculation of confidence intervals. Educ Psychol Meas 2001;61:532-574. Lakens D.
    Calculating and reporting effect sizes. Front Psychol 2013;4:863. Hake RR. Interactive-
    engagement versus traditional methods. Am J Phys 1998;66:64-74.

    Examples
    --------
    >>> from dpssec.evaluation import training_gain
    >>> g = training_gain([40, 50, 60, 70], [60, 65, 70, 80])
    >>> round(g.mean_change.value, 2), g.gains.round(3).tolist()
    (13.75, [0.333, 0.3, 0.25, 0.333])
    """
    from scipy import stats

    x0 = np.asarray(pre, dtype=float)
    x1 = np.asarray(post, dtype=float)
    for name, values in (("pre", x0), ("post", x1)):
        above = values > maximum
        if np.any(above):
            first = int(np.argmax(above))
            raise InputError(
                f"parameter {name!r}: {int(above.sum())} score(s) above maximum={maximum:g} "
                f"(first at index {first}: {values[first]!r})"
            )
    n = x0.size
    if n < 2:
        raise InputError("training_gain needs at least 2 participants with both scores")
    diff = x1 - x0
    sd = float(diff.std(ddof=1))
    if sd == 0:
        raise InputError(
            "training_gain: every participant changed by the same amount; the variability "
            "(and any interval) cannot be estimated"
        )
    mean = float(diff.mean())
    df = n - 1
    change = coefficient_estimate(
        mean,
        sd / np.sqrt(n),
        confidence=confidence,
        ratio=False,
        method=f"paired t ({df} df)",
        df=df,
    )
    nonzero = diff[diff != 0]
    test = stats.wilcoxon(nonzero)
    wilcoxon = TestResult(
        float(test.statistic),
        float(test.pvalue),
        float("nan"),
        "Wilcoxon signed-rank (zeros dropped)",
    )
    j = 1.0 - 3.0 / (4.0 * df - 1.0)
    dz = mean / sd
    t_obs = dz * np.sqrt(n)
    low, high = _noncentral_limits(t_obs, df, confidence)
    hedges = Estimate(
        j * dz,
        j * low / np.sqrt(n),
        j * high / np.sqrt(n),
        confidence,
        "Hedges' g (d_z x J), noncentral t interval",
    )
    room = maximum - x0
    at_max = room == 0
    if np.any(at_max):
        warnings.warn(
            f"training_gain: {int(at_max.sum())} participant(s) scored the maximum on the "
            f"pre-test (first at index {int(np.argmax(at_max))}); their normalised gain is "
            "undefined (NaN)",
            DataQualityWarning,
            stacklevel=3,
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        gains = np.where(at_max, np.nan, diff / np.where(at_max, 1.0, room))
    class_gain = (
        float((x1.mean() - x0.mean()) / (maximum - x0.mean()))
        if x0.mean() < maximum
        else float("nan")
    )
    pct = f"{100 * confidence:g} %"
    statement = (
        f"{n} participants: mean score {x0.mean():.3g} before, {x1.mean():.3g} after (out of "
        f"{maximum:g}); mean change {mean:+.3g} ({pct} CI {change.lower:+.3g} to "
        f"{change.upper:+.3g}), Hedges' g {hedges.value:.2f} ({pct} CI {hedges.lower:.2f} to "
        f"{hedges.upper:.2f}); class normalised gain {class_gain:.2f} (the share of the possible "
        f"improvement achieved); Wilcoxon p = {wilcoxon.p_value:.3g}. What this cannot show: "
        "without a comparison group, the gain includes practice with the test and anything "
        "else learnt meanwhile; it says nothing yet about use on the job (Kirkpatrick level 3)."
    )
    return TrainingGain(
        n=n,
        mean_pre=float(x0.mean()),
        mean_post=float(x1.mean()),
        mean_change=change,
        wilcoxon=wilcoxon,
        hedges_g=hedges,
        gains=gains,
        class_gain=class_gain,
        maximum=float(maximum),
        statement=statement,
    )
