"""Results of a joinpoint analysis: :class:`Segment`, :class:`JoinpointResult`,
:class:`JoinpointResults` (several series fitted in one call)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import example_by
from dpssec.errors import InputError
from dpssec.evaluation.results import CoefficientEstimate, array_field, coefficient_estimate
from dpssec.rendering import ResultMixin
from dpssec.stats import TestResult

__all__ = ["JoinpointResult", "JoinpointResults", "Segment", "percent_change"]


def percent_change(estimate: CoefficientEstimate) -> CoefficientEstimate:
    """A log-scale estimate exp(b) turned into the percent change 100·(exp(b) − 1)."""
    return attrs.evolve(
        estimate,
        value=100.0 * (np.asarray(estimate.value) - 1.0),
        lower=100.0 * (np.asarray(estimate.lower) - 1.0),
        upper=100.0 * (np.asarray(estimate.upper) - 1.0),
        multiplier=100.0,
    )


@example_by(lambda: _example_results().results[0].segments[0])
@attrs.frozen(eq=False)
class Segment(ResultMixin):
    """One segment of a joinpoint model.

    Attributes
    ----------
    start, end : float
        First and last year of the segment (a joinpoint belongs to both segments it joins).
    estimate : CoefficientEstimate
        Annual percent change [%] (log-linear model) or annual change in the values' units
        (linear model), with its interval; ``standard_error`` is that of the slope.
    """

    start: float
    end: float
    estimate: CoefficientEstimate


@example_by(lambda: _example_results().results[0])
@attrs.frozen(kw_only=True, eq=False)
class JoinpointResult(ResultMixin):
    """A joinpoint trend: where the trend changed and by how much per year in each segment.

    Attributes
    ----------
    years : ndarray
    values : ndarray
        The series modelled (rates, or values).
    fitted : ndarray
        The fitted model on the values' scale.
    joinpoints : ndarray
        Years where the trend changes (empty for a single trend).
    segments : tuple of Segment
        APC (or slope) of each segment, with intervals.
    model : str
        ``"loglinear"`` or ``"linear"``.
    selection : str
        How the number of joinpoints was chosen (permutation tests, BIC, or fixed).
    tests : tuple of TestResult
        The permutation tests made (``name`` gives H0 and H1 and the level).
    bic : ndarray
        BIC of the best model with 0, 1, ... joinpoints.
    weights : str
        What weighted the fit (constant variance, standard errors, Poisson counts).
    sse : float
        (Weighted) residual sum of squares of the selected model.
    df : int
        Residual degrees of freedom n − 2(k + 1) used for the intervals.
    confidence : float
    outcome : str
        What the values are, for labels.
    statement : str
    slopes, slope_covariance : ndarray
        The segments' slopes (log scale for the log-linear model) and their covariance.
    fitted_lower, fitted_upper : ndarray or None
        Pointwise confidence band of the fitted model at each year (joinpoints treated as
        known, t on ``df`` degrees of freedom), on the values' scale.
    """

    years: np.ndarray = array_field()
    values: np.ndarray = array_field()
    fitted: np.ndarray = array_field()
    joinpoints: np.ndarray = array_field()
    segments: tuple[Segment, ...]
    model: str
    selection: str
    tests: tuple[TestResult, ...] = ()
    bic: np.ndarray = array_field()
    weights: str = "constant variance"
    sse: float = 0.0
    df: int = 0
    confidence: float = 0.95
    outcome: str = "rate"
    statement: str = ""
    slopes: np.ndarray = array_field()
    slope_covariance: np.ndarray = array_field()
    fitted_lower: np.ndarray | None = array_field(optional=True)
    fitted_upper: np.ndarray | None = array_field(optional=True)

    @property
    def n_joinpoints(self) -> int:
        return int(self.joinpoints.size)

    def aapc(self, start: float | None = None, end: float | None = None) -> CoefficientEstimate:
        """Average annual percent change over ``[start, end]`` (the whole series by default).

        The slopes of the segments are averaged with the number of years each spends in the
        range as weights, ``AAPC = 100·(exp(Σ w_i b_i / Σ w_i) − 1)`` (Clegg et al. 2009); its
        interval uses the variance ``wᵀ Σ_b w / (Σ w)²`` with the normal quantile, or with
        Student's t when the range lies within one segment (the AAPC is then that segment's
        APC). For the linear model the same average of slopes is the average annual change.

        Raises
        ------
        InputError
            A range outside the series or with ``end <= start``.
        """
        first = float(self.years[0]) if start is None else float(start)
        last = float(self.years[-1]) if end is None else float(end)
        if not (self.years[0] <= first < last <= self.years[-1]):
            raise InputError(
                f"aapc: the range must lie within {self.years[0]:g}-{self.years[-1]:g} with "
                f"start < end; got {first:g}-{last:g}"
            )
        bounds = np.concatenate([[self.years[0]], self.joinpoints, [self.years[-1]]])
        weights = np.clip(np.minimum(bounds[1:], last) - np.maximum(bounds[:-1], first), 0, None)
        total = weights.sum()
        b = float(weights @ self.slopes / total)
        se = float(np.sqrt(weights @ self.slope_covariance @ weights) / total)
        within_one = np.count_nonzero(weights) == 1
        estimate = coefficient_estimate(
            b,
            se,
            confidence=self.confidence,
            ratio=self.model == "loglinear",
            method=(
                "AAPC, weighted mean of segment slopes"
                + (" (t, one segment)" if within_one else " (normal interval)")
                if self.model == "loglinear"
                else "average annual change, weighted mean of segment slopes"
            ),
            df=self.df if within_one else None,
        )
        return percent_change(estimate) if self.model == "loglinear" else estimate

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Draw the observed values, the fitted joinpoint model with its band and the joinpoints.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw (a new figure if None).
        **kwargs
            ``unit`` (the values' unit for the y label, e.g. ``"per 100,000"``), ``title``,
            ``band`` (False to leave out the fitted model's band); the rest go to the fitted
            line (``color``, ``linewidth``...). See
            :func:`dpssec.evaluation.plotting.plot_joinpoint`; the data drawn are
            :func:`dpssec.evaluation.plot_geometry.joinpoint_lines`.

        Returns
        -------
        matplotlib Axes

        Raises
        ------
        ImportError
            Without matplotlib (``pip install 'dpssec[plot]'``).

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.evaluation import joinpoint
        >>> from dpssec.evaluation.examples import homicide_rates
        >>> years, rates, _ = homicide_rates("COL")
        >>> ax = joinpoint(years, rates, max_joinpoints=2, selection="bic").plot(
        ...     unit="per 100,000", linewidth=2)
        >>> ax.get_ylabel(), ax.get_xlabel()
        ('rate [per 100,000]', 'year [calendar year]')
        >>> ax.get_title()[:40]
        'Joinpoint (loglinear, 2 joinpoint(s), bi'
        """
        from dpssec.evaluation.plotting import plot_joinpoint

        return plot_joinpoint(self, ax, **kwargs)

    def _columns(self) -> dict[str, Any]:
        unit = "APC %" if self.model == "loglinear" else "slope"
        rows = [
            (f"{s.start:g}-{s.end:g}", s.estimate.value, s.estimate.lower, s.estimate.upper, unit)
            for s in self.segments
        ]
        full = self.aapc()
        label = "AAPC %" if self.model == "loglinear" else "average annual change"
        rows.append(
            (f"{self.years[0]:g}-{self.years[-1]:g}", full.value, full.lower, full.upper, label)
        )
        return {
            "segment": [r[0] for r in rows],
            "value": [r[1] for r in rows],
            "lower": [r[2] for r in rows],
            "upper": [r[3] for r in rows],
            "quantity": [r[4] for r in rows],
        }


@example_by(lambda: _example_results())
@attrs.frozen(eq=False)
class JoinpointResults(ResultMixin):
    """Joinpoint models of several series fitted in one call (one per column).

    Index it by position or label: ``results["COL"]``.
    """

    labels: tuple[str, ...]
    results: tuple[JoinpointResult, ...]

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator[JoinpointResult]:
        return iter(self.results)

    def __getitem__(self, key: int | str) -> JoinpointResult:
        if isinstance(key, str):
            if key not in self.labels:
                raise KeyError(f"no series {key!r}; the series are {list(self.labels)[:10]}")
            return self.results[self.labels.index(key)]
        return self.results[key]

    def _columns(self) -> dict[str, Any]:
        aapc = [r.aapc() for r in self.results]
        return {
            "series": list(self.labels),
            "joinpoints": [", ".join(f"{j:g}" for j in r.joinpoints) for r in self.results],
            "aapc": [a.value for a in aapc],
            "lower": [a.lower for a in aapc],
            "upper": [a.upper for a in aapc],
        }


def _example_results() -> JoinpointResults:
    """The declared example: one joinpoint fitted to two short series (a 2-D table)."""
    from dpssec.evaluation.joinpoint_trend import joinpoint

    homicide = [10.2, 10.9, 11.4, 12.3, 13.1, 13.8, 13.2, 12.6, 12.1, 11.5, 11.1, 10.5]
    robbery = [50.0, 52.0, 55.0, 57.0, 60.0, 61.0, 59.0, 56.0, 54.0, 51.0, 49.0, 46.0]
    table = np.column_stack([homicide, robbery])
    result = joinpoint(list(range(2008, 2020)), table, n_joinpoints=1)
    assert isinstance(result, JoinpointResults)
    return result
