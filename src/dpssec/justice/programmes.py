"""Programme evaluation: recidivism of a programme group against a comparison group.

:func:`compare_programmes` reports, at one follow-up window:

* each group's Kaplan-Meier recidivism ``1 − S(t)`` with its interval;
* the **risk difference and risk ratio from the Kaplan-Meier estimates**, with Wald
  intervals from Greenwood's variance (the censoring-aware comparison: with censored
  follow-up the comparison is made on the survival curves at the fixed time);
* the same on the complete-follow-up counts (Newcombe hybrid score difference and Katz log
  ratio, :func:`dpssec.stats.risk_difference` / :func:`dpssec.stats.risk_ratio`), which is
  right only when follow-up is complete;
* the log-rank test over the window (:func:`dpssec.stats.logrank_test`; events after the
  window are censored at it) and the fixed-time test of the two curves at the window
  (complementary log-log, Klein et al. 2007, :func:`dpssec.stats.survival_difference_at`).

The Kaplan-Meier difference and ratio intervals are written here: :mod:`dpssec.stats` does
not provide them.

A comparison says nothing about cause unless the groups are comparable (randomisation or a
credible design); the result states the numbers, not an effect.

For example:

>>> from dpssec.justice import compare_programmes
>>> # durations, events and potential follow-up [days] of each person
>>> programme = ([30, 200, 365, 365, 400, 500], [1, 0, 0, 0, 0, 0], [400, 200, 365, 365, 400, 500])
>>> comparison = ([20, 60, 100, 365, 365, 380], [1, 1, 1, 0, 0, 0])
>>> c = compare_programmes(programme, comparison, follow_up=365)
>>> round(c.risk_difference.value, 3)
-0.333
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Confidence, Duration, calculator, example_by, short_repr
from dpssec.errors import DataQualityWarning, InputError, UnitError
from dpssec.justice.cohort import ReleaseCohort
from dpssec.justice.recidivism import (
    check_within_curve,
    checked_records,
    complete_follow_up_counts,
)
from dpssec.rendering import ResultMixin
from dpssec.stats import (
    Estimate,
    SurvivalCurve,
    TestResult,
    kaplan_meier,
    logrank_test,
    risk_difference,
    risk_ratio,
    survival_difference_at,
)
from dpssec.stats.intervals import normal_quantile
from dpssec.stats.survival import step_lookup

__all__ = ["ProgrammeComparison", "compare_programmes"]


@example_by("compare_programmes")
@attrs.frozen(eq=False)
class ProgrammeComparison(ResultMixin):
    """Recidivism of a programme group against a comparison group at one window.

    Attributes
    ----------
    follow_up_days : float
    labels : tuple of str
        (programme, comparison).
    programme, comparison : Estimate
        Kaplan-Meier recidivism of each group.
    risk_difference : Estimate
        programme − comparison, from the Kaplan-Meier estimates (Greenwood, Wald interval
        bounded to [−1, 1]).
    risk_ratio : Estimate or None
        programme / comparison (log scale Wald interval); None when a group has no event by
        the window, with the reason in ``risk_ratio_note``.
    crude_risk_difference, crude_risk_ratio : Estimate
        On complete-follow-up counts (Newcombe; Katz with its zero-cell correction).
    logrank : TestResult
        Log-rank test over the window.
    fixed_time : TestResult or None
        Complementary log-log test of S_programme(t) = S_comparison(t); None when a curve
        is 0 or 1 at the window.
    statement : str
    risk_ratio_note : str
        Why ``risk_ratio`` is None (e.g. "undefined: no events in comparison by the window");
        empty when it was computed. The table keeps the ratio's row with this reason.
    adjusted : AdjustedComparison or None
        With ``adjust_for``: the comparison weighted for the covariates
        (:func:`dpssec.evaluation.adjusted_comparison`), beside the crude one above.
    curves : tuple of SurvivalCurve or None
        The two groups' Kaplan-Meier curves over their whole follow-up (programme,
        comparison), for :meth:`plot`; not part of the table.
    """

    follow_up_days: float
    labels: tuple[str, str]
    programme: Estimate
    comparison: Estimate
    risk_difference: Estimate
    risk_ratio: Estimate | None
    crude_risk_difference: Estimate
    crude_risk_ratio: Estimate
    logrank: TestResult
    fixed_time: TestResult | None
    statement: str
    risk_ratio_note: str = ""
    adjusted: Any = None
    curves: tuple[SurvivalCurve, SurvivalCurve] | None = attrs.field(
        default=None, repr=False, eq=False
    )

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """The two groups' recidivism curves, the window and the number at risk; the Axes.

        Keywords (``kind``, ``at_risk``, ``at_risk_times``, ``time_unit``, ``data_unit``,
        ``title``; others go to matplotlib for the curves) are those
        of :func:`dpssec.justice.plots.plot_programme_comparison`.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.justice import compare_programmes
        >>> c = compare_programmes(([5, 8, 12, 30, 30], [1, 0, 1, 0, 0], [30, 8, 30, 30, 30]),
        ...                        ([2, 4, 6, 9, 30], [1, 1, 1, 1, 0]), follow_up=20)
        >>> ax = c.plot(at_risk_times=[0, 10, 20, 30])
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['programme', 'comparison', 'window: 20 days']
        """
        from dpssec.justice.plots import plot_programme_comparison

        return plot_programme_comparison(self, ax, **kwargs)

    def _columns(self) -> dict[str, Any]:
        rows: list[tuple[str, Any, Any, Any, str]] = [
            (f"recidivism {self.labels[0]}", *self._triple(self.programme)),
            (f"recidivism {self.labels[1]}", *self._triple(self.comparison)),
            ("risk difference (KM)", *self._triple(self.risk_difference)),
        ]
        if self.risk_ratio is not None:
            rows.append(("risk ratio (KM)", *self._triple(self.risk_ratio)))
        else:
            rows.append(("risk ratio (KM)", None, None, None, self.risk_ratio_note))
        rows += [
            ("risk difference (complete follow-up)", *self._triple(self.crude_risk_difference)),
            ("risk ratio (complete follow-up)", *self._triple(self.crude_risk_ratio)),
            ("log-rank p", self.logrank.p_value, None, None, self.logrank.name),
        ]
        if self.fixed_time is not None:
            rows.append(("fixed-time p", self.fixed_time.p_value, None, None, self.fixed_time.name))
        if self.adjusted is not None:
            rows.append(
                ("risk difference (IPW-adjusted)", *self._triple(self.adjusted.adjusted_difference))
            )
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


def _is_records(value: Any) -> bool:
    """A sequence of values (array, list, Series, Quantity array), not a single number."""
    return np.ndim(getattr(value, "magnitude", value)) == 1


def _group(
    value: Any, name: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, ReleaseCohort | None]:
    if isinstance(value, ReleaseCohort):
        durations, events = value.durations_and_events()
        return durations, events, value.potential_follow_up, value
    if (
        isinstance(value, tuple | list)
        and len(value) in (2, 3)
        and all(_is_records(part) for part in value)
    ):
        try:
            durations, events, potential = checked_records(*value)
        except UnitError as error:  # say which group is at fault
            raise UnitError(
                f"{name}: {error}",
                parameter=error.parameter,
                expected=error.expected,
                given=error.given,
            ) from None
        except InputError as error:
            detail = str(error).removeprefix("checked_records: ")
            raise InputError(f"{name}: {detail}") from None
        return durations, events, potential, None
    raise InputError(
        f"{name} must be a ReleaseCohort or a (durations, events[, potential_follow_up]) tuple "
        f"of sequences; got {short_repr(value)}"
    )


def _as_floats(value: Any) -> np.ndarray:
    """A column as floats with its gaps as NaN (lists with None, pandas NA, Quantities)."""
    value = getattr(value, "magnitude", value)
    if hasattr(value, "to_numpy"):
        try:
            return np.asarray(value.to_numpy(dtype=float, na_value=np.nan), dtype=float)
        except (TypeError, ValueError):
            value = value.to_numpy()
    try:
        return np.atleast_1d(np.asarray(value, dtype=float))
    except (TypeError, ValueError):  # text or dates: not missing here; the checks say why
        items = np.atleast_1d(np.asarray(value, dtype=object))
        return np.array([np.nan if v is None else 0.0 for v in items.tolist()])


def _complete_cases(
    group: Any, covariates: Any, name: str
) -> tuple[Any, dict[str, np.ndarray] | None, int, int]:
    """(group, covariates) without the rows that have a missing value (nan_policy='omit').

    Returns the group (a tuple of kept rows, or the cohort itself), the covariates as a
    mapping of name to kept column (None without ``adjust_for``), the rows dropped and the
    rows given.
    """
    from dpssec.evaluation.inputs import covariate_matrix

    columns: dict[str, np.ndarray] | None = None
    if covariates is not None:
        value, names = covariate_matrix(covariates, None)
        matrix = np.asarray(value, dtype=float)
        matrix = matrix[:, None] if matrix.ndim == 1 else matrix
        keys = list(names) if names is not None else [f"x{i + 1}" for i in range(matrix.shape[1])]
        columns = dict(zip(keys, matrix.T, strict=True))
    if isinstance(group, ReleaseCohort):
        parts: list[np.ndarray] = []
    elif isinstance(group, tuple | list) and len(group) in (2, 3):
        parts = [_as_floats(part) for part in group]
    else:
        return group, columns, 0, 0  # refused by _group with its own message
    arrays = parts + (list(columns.values()) if columns else [])
    if not arrays:
        return group, columns, 0, 0
    n = max(a.size for a in arrays)
    if any(a.size != n for a in arrays):
        return group, columns, 0, n  # lengths differ: the checks that follow say so
    missing = np.zeros(n, dtype=bool)
    for a in arrays:
        missing |= np.isnan(a)
    dropped = int(missing.sum())
    if not dropped:
        return group, columns, 0, n
    keep = ~missing
    if columns is not None:
        columns = {k: v[keep] for k, v in columns.items()}
    if isinstance(group, ReleaseCohort):
        durations, events = group.durations_and_events()
        potential = group.potential_follow_up
        kept = (durations[keep], events[keep]) + (
            () if potential is None else (np.asarray(potential)[keep],)
        )
        return kept, columns, dropped, n
    return tuple(p[keep] for p in parts), columns, dropped, n


def _at(curve: SurvivalCurve, t: float) -> tuple[float, float]:
    """S(t) and Greenwood's se(S(t)) as step functions (1 and 0 before the first time)."""
    return float(curve.at(t)), float(step_lookup(curve.time, curve.standard_error(), t, 0.0, "t"))


@calculator(
    follow_up=Duration(ndim=(0,), aligned=False),
    confidence=Confidence(),
    elementwise=False,
    example={
        "programme": ([5, 8, 12, 30, 30], [1, 0, 1, 0, 0], [30, 8, 30, 30, 30]),
        "comparison": ([2, 4, 6, 9, 30], [1, 1, 1, 1, 0], [30, 30, 30, 30, 30]),
        "follow_up": 20,
    },
)
def compare_programmes(
    programme: Any,
    comparison: Any,
    *,
    follow_up: Any,
    confidence: float = 0.95,
    adjust_for: Any = None,
    nan_policy: str = "raise",
) -> ProgrammeComparison:
    """Compare the recidivism of a programme group with a comparison group at a window.

    Parameters
    ----------
    programme, comparison : ReleaseCohort or (durations, events[, potential_follow_up])
        The two groups [days]; cohorts must use the same measure (event type, waiting
        period). ``potential_follow_up`` (days from release to the end of observation for
        everybody) decides who counts in the complete-follow-up comparison.
    follow_up : float or Quantity
        Window [days], e.g. ``2 * 365``.
    confidence : float
        0.95 or 95.
    adjust_for : (covariates of the programme group, covariates of the comparison group), optional
        Each a mapping of name to column or a DataFrame, one row per person: adds the
        comparison weighted for them (``adjusted``), crude results kept beside it.
    nan_policy : {"raise", "omit"}
        ``"omit"`` drops the people with a missing duration, event, potential follow-up or
        (with ``adjust_for``) covariate, group by group, with a DataQualityWarning saying how
        many; crude and adjusted results then describe the same people.

    Returns
    -------
    ProgrammeComparison

    Raises
    ------
    InputError
        Different measures, a window beyond either group's longest follow-up, bad records.

    Warns
    -----
    DataQualityWarning
        A group given without potential follow-up has records censored before the window.

    Notes
    -----
    With F = 1 − S(t) and Greenwood's se(S):
    ``RD = F_p − F_c ± z sqrt(se_p² + se_c²)``, limits bounded to [−1, 1] (the Wald interval
    can leave the possible range, e.g. with no events in one group);
    ``ln RR = ln(F_p / F_c) ± z sqrt(se_p²/F_p² + se_c²/F_c²)`` (delta method), undefined when
    either group has no event by the window: ``risk_ratio`` is then None and
    ``risk_ratio_note`` says which group (the crude Katz ratio, with its zero-cell correction,
    is still given). These Wald forms are derived here, not taken from a standard. The fixed-time test is
    :func:`dpssec.stats.survival_difference_at`.

    References
    ----------
    Klein et al., *Statistics in Medicine* 26 (2007) 4505-4519; Newcombe (1998); Katz
    (1978).

    Examples
    --------
    >>> from dpssec.justice import compare_programmes
    >>> c = compare_programmes(([5, 8, 12, 30, 30], [1, 0, 1, 0, 0], [30, 8, 30, 30, 30]),
    ...                        ([2, 4, 6, 9, 30], [1, 1, 1, 1, 0]), follow_up=20)
    >>> round(c.programme.value, 3), round(c.comparison.value, 3), round(c.logrank.p_value, 3)
    (0.467, 0.8, 0.176)
    """
    level = confidence
    groups = {"programme": programme, "comparison": comparison}
    if nan_policy == "omit":
        pair = adjust_for if isinstance(adjust_for, tuple | list) and len(adjust_for) == 2 else None
        kept_covariates = []
        for i, name in enumerate(groups):
            group, columns, dropped, total = _complete_cases(
                groups[name], None if pair is None else pair[i], name
            )
            kept_covariates.append(columns)
            groups[name] = group
            if dropped:
                warnings.warn(
                    f"compare_programmes: omitted {dropped} of {total} people of the {name} "
                    "group with a missing value (nan_policy='omit')",
                    DataQualityWarning,
                    stacklevel=3,
                )
        if pair is not None:
            adjust_for = (kept_covariates[0], kept_covariates[1])
    d_p, e_p, pot_p, cohort_p = _group(groups["programme"], "programme")
    d_c, e_c, pot_c, cohort_c = _group(groups["comparison"], "comparison")
    # a cohort with people dropped is a tuple now; its label and measure are the cohort's
    cohort_p = programme if isinstance(programme, ReleaseCohort) else cohort_p
    cohort_c = comparison if isinstance(comparison, ReleaseCohort) else cohort_c
    if cohort_p is not None and cohort_c is not None and cohort_p.measure != cohort_c.measure:
        raise InputError(
            f"programme and comparison use different measures ({cohort_p.measure} vs "
            f"{cohort_c.measure}): compare like with like"
        )
    horizon = np.asarray(follow_up)
    h = float(horizon)
    curve_p = kaplan_meier(d_p, e_p, confidence=level)
    curve_c = kaplan_meier(d_c, e_c, confidence=level)
    check_within_curve(curve_p, horizon)
    check_within_curve(curve_c, horizon)
    km_p = curve_p.estimate_at(h, kind="cumulative_incidence")
    km_c = curve_c.estimate_at(h, kind="cumulative_incidence")
    s_p, se_p = _at(curve_p, h)
    s_c, se_c = _at(curve_c, h)
    f_p, f_c = 1.0 - s_p, 1.0 - s_c
    z = float(normal_quantile(level))
    half = z * math.sqrt(se_p**2 + se_c**2)
    # A risk difference lies in [−1, 1]; the Wald limits can fall outside (0/5 vs 4/5).
    difference = Estimate(
        f_p - f_c,
        max(-1.0, f_p - f_c - half),
        min(1.0, f_p - f_c + half),
        level,
        "kaplan-meier difference, Greenwood (Wald) interval bounded to [-1, 1]",
    )
    labels = (
        (cohort_p.label if cohort_p is not None else "") or "programme",
        (cohort_c.label if cohort_c is not None else "") or "comparison",
    )
    ratio = None
    without = [label for label, f in zip(labels, (f_p, f_c), strict=True) if f <= 0]
    ratio_note = f"undefined: no events in {' and '.join(without)} by the window" if without else ""
    if not without:
        spread = z * math.sqrt((se_p / f_p) ** 2 + (se_c / f_c) ** 2)
        value = f_p / f_c
        ratio = Estimate(
            value,
            value * math.exp(-spread),
            value * math.exp(spread),
            level,
            "kaplan-meier ratio, Greenwood (log Wald) interval",
        )
    for d, e, pot in ((d_p, e_p, pot_p), (d_c, e_c, pot_c)):
        if pot is None and np.any((e == 0) & (d < h)):
            warnings.warn(
                "compare_programmes: a group given as (durations, events) has records censored "
                "before the window; its complete-follow-up counts keep every event but only "
                "the non-recidivists observed long enough (biased upwards). Give "
                "potential_follow_up as a third element or pass ReleaseCohort objects.",
                DataQualityWarning,
                stacklevel=3,
            )
    x_p, n_p = complete_follow_up_counts(d_p, e_p, np.atleast_1d(horizon), pot_p)
    x_c, n_c = complete_follow_up_counts(d_c, e_c, np.atleast_1d(horizon), pot_c)
    # Whoever has the longest duration (>= h, checked above) completes the window, so
    # neither denominator is empty.
    crude_difference = risk_difference(
        float(x_p[0]), float(n_p[0]), float(x_c[0]), float(n_c[0]), confidence=level
    )
    crude_ratio = risk_ratio(
        float(x_p[0]), float(n_p[0]), float(x_c[0]), float(n_c[0]), confidence=level
    )
    # Log-rank over the window: events after it are censored at the window.
    if not (np.any((d_p <= h) & (e_p > 0)) or np.any((d_c <= h) & (e_c > 0))):
        raise InputError(
            f"compare_programmes: no event in either group within follow_up = {h:g} days; the "
            "groups cannot be compared over that window"
        )
    logrank = logrank_test(
        np.minimum(d_p, h),
        np.where(d_p <= h, e_p, 0.0),
        np.minimum(d_c, h),
        np.where(d_c <= h, e_c, 0.0),
    )
    fixed = None
    if 0 < s_p < 1 and 0 < s_c < 1:  # the complementary log-log needs 0 < S(t) < 1
        fixed = survival_difference_at(curve_p, curve_c, h)
    statement = (
        f"Within {h:g} days: {labels[0]} {100 * f_p:.1f} %, {labels[1]} {100 * f_c:.1f} % "
        f"(Kaplan-Meier); difference {100 * difference.value:+.1f} points "
        f"({level:.0%} CI {100 * difference.lower:+.1f} to {100 * difference.upper:+.1f}); "
        f"log-rank p = {logrank.p_value:.3g}. An association, not an effect, unless the groups "
        "are comparable by design."
    )
    if ratio_note:
        statement += f" Kaplan-Meier risk ratio {ratio_note}."
    adjusted = None
    if adjust_for is not None:
        from dpssec.evaluation.adjusted import compare_groups

        adjusted = compare_groups(
            (d_p, e_p), (d_c, e_c), adjust_for, follow_up=h, confidence=level, labels=labels
        )
        statement += f" Adjusted: {adjusted.statement}"
    return ProgrammeComparison(
        h,
        labels,
        km_p,
        km_c,
        difference,
        ratio,
        crude_difference,
        crude_ratio,
        logrank,
        fixed,
        statement,
        ratio_note,
        adjusted=adjusted,
        curves=(curve_p, curve_c),
    )
