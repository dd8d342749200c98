"""The result of an interrupted time series: :class:`ITSResult`."""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.boundary import example_by
from dpssec.evaluation.results import CoefficientEstimate, array_field
from dpssec.rendering import FlatTable, ResultMixin
from dpssec.stats import TestResult

__all__ = ["ITSResult", "its_statement"]


def _any_array(value: Any) -> np.ndarray:
    arr = np.array(value)
    arr.setflags(write=False)
    return arr


def _same(a: Any, b: Any) -> bool:
    return np.shape(a) == np.shape(b) and bool(np.array_equal(a, b))


@example_by(lambda: _example_result())
@attrs.frozen(kw_only=True, eq=False)
class ITSResult(ResultMixin):
    """Segmented regression of an interrupted time series, and what it can and cannot say.

    Attributes
    ----------
    family : str
        ``"poisson"``, ``"quasipoisson"``, ``"negative-binomial"`` or ``"gaussian"``.
    level_change : CoefficientEstimate
        The immediate change at each intervention: a rate ratio (count families) or a
        difference in the outcome's units (Gaussian); one value per change point (an array
        when there are several).
    slope_change : CoefficientEstimate or None
        The change in trend after each intervention: a ratio of the per-period rate ratios, or
        a difference of slopes per period; None with ``slope_change=False``.
    pre_trend : CoefficientEstimate
        The trend before the (first) intervention: rate ratio per period, or slope per period.
    time : ndarray
        The time points as given: numbers, or dates as ISO text (``"2005-01-01"``; see
        :attr:`dates`).
    t : ndarray
        The regression's time axis (periods 1, 2, ... for monthly dates).
    time_unit : str
        Unit of ``t`` (``"month"``, ``"year"``, ``"period"``...).
    interventions : tuple of str
        The change points as given, as text.
    intervention_times : ndarray
        The change points on the axis ``t``.
    observed, fitted, counterfactual : ndarray
        The series, the model's fitted means and the fitted means with the intervention
        terms switched off (what the pre-intervention trend predicts), on the outcome's scale
        (counts for the count families).
    population : ndarray or None
        The population (the log offset), if given.
    outcome : str
        What the series measures, for labels (``"count"``, ``"rate per 100,000"``...).
    multiplier : float
        Scale of rates in plots and for the Gaussian family with a population.
    dispersion : float
        φ = Pearson χ²/(n − p) (quasi-Poisson; also reported for Poisson, where it is not
        used), α (negative binomial) or σ² (Gaussian).
    covariance : str
        How the standard errors were computed (model-based or Newey-West with its lags).
    durbin_watson : float
        Durbin-Watson statistic of the residuals (about 2 without first-order
        autocorrelation).
    ljung_box : TestResult
        Ljung-Box test of residual autocorrelation up to ``ljung_box.df`` lags.
    n_before, n_after : int
        Points before the first change point and from the last one.
    controlled : bool
        Whether a control series was modelled (controlled ITS).
    parametrisation : str
        The model, written out.
    statement : str
        What was estimated, in words, and what the design cannot show.
    notes : tuple of str
        Warnings and caveats raised during the fit.
    """

    family: str
    level_change: CoefficientEstimate
    slope_change: CoefficientEstimate | None
    pre_trend: CoefficientEstimate
    time: np.ndarray = attrs.field(converter=_any_array, eq=attrs.cmp_using(eq=_same))
    t: np.ndarray = array_field()
    time_unit: str = "period"
    interventions: tuple[str, ...] = ()
    intervention_times: np.ndarray = array_field()
    observed: np.ndarray = array_field()
    fitted: np.ndarray = array_field()
    counterfactual: np.ndarray = array_field()
    population: np.ndarray | None = array_field(optional=True)
    outcome: str = "count"
    multiplier: float = 100_000.0
    dispersion: float = 1.0
    covariance: str = "model-based"
    durbin_watson: float = float("nan")
    ljung_box: TestResult | None = None
    n_before: int = 0
    n_after: int = 0
    controlled: bool = False
    parametrisation: str = ""
    statement: str = ""
    notes: tuple[str, ...] = ()

    @property
    def dates(self) -> np.ndarray | None:
        """The time points as ``datetime64[D]`` when they are dates, else None."""
        if self.time.dtype.kind in "UM":
            return self.time.astype("datetime64[D]")
        return None

    @property
    def ratio(self) -> bool:
        """Whether the effects are ratios (log-link families)."""
        return self.family != "gaussian"

    def plot_scale(self) -> Any:
        """Factor turning the modelled series into what the plot shows (rates per multiplier)."""
        if self.population is not None and self.family != "gaussian":
            return self.multiplier / self.population
        return 1.0

    def series_table(self) -> FlatTable:
        """The series behind the summary, one row per period (no pandas needed).

        Columns: ``time`` (the dates as ISO text, or the numbers given), ``observed``,
        ``fitted`` and ``counterfactual`` on the outcome's scale (counts for the count
        families), ``population`` when given, and the rates per ``multiplier`` of the three
        series with a population (``observed_rate``...). :meth:`series_frame` is the same
        as a DataFrame indexed by the dates.
        """
        columns: dict[str, list[Any]] = {
            "time": self.time.tolist(),
            "observed": self.observed.tolist(),
            "fitted": self.fitted.tolist(),
            "counterfactual": self.counterfactual.tolist(),
        }
        if self.population is not None:
            columns["population"] = self.population.tolist()
            if self.family != "gaussian":
                scale = self.plot_scale()
                for name in ("observed", "fitted", "counterfactual"):
                    columns[f"{name}_rate"] = (getattr(self, name) * scale).tolist()
        return FlatTable("ITSResult series", columns, ("time",))

    def series_frame(self) -> Any:
        """:meth:`series_table` as a pandas DataFrame indexed by the periods.

        The index is a ``DatetimeIndex`` named ``date`` when the series had dates (a Series
        with a date or period index, a date column), else the time numbers (``time``), so
        ``frame["fitted"]`` and ``frame["counterfactual"]`` line up with the input series.

        Examples
        --------
        >>> import pandas as pd
        >>> from dpssec.evaluation import interrupted_time_series
        >>> months = pd.date_range("2020-01-01", periods=20, freq="MS")
        >>> counts = pd.Series([51, 47, 59, 53, 58, 49, 49, 45, 48, 61,
        ...                     45, 45, 48, 48, 46, 50, 49, 56, 49, 40], index=months)
        >>> frame = interrupted_time_series(counts, None, "2020-11-01",
        ...                                 family="poisson").series_frame()
        >>> frame.index[10].date(), list(frame.columns)
        (datetime.date(2020, 11, 1), ['observed', 'fitted', 'counterfactual'])
        """
        from dpssec.rendering import require_pandas

        pd = require_pandas()
        table = self.series_table()
        data = {k: v for k, v in table.columns.items() if k != "time"}
        dates = self.dates
        index = (
            pd.DatetimeIndex(dates.astype("datetime64[ns]"), name="date")
            if dates is not None
            else pd.Index(self.time, name="time")
        )
        return pd.DataFrame(data, index=index)

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Draw the observed series, the fitted model, the counterfactual and the change points.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw (a new figure if None).
        **kwargs
            ``unit`` (the outcome's unit for the y label, for a Gaussian series of values),
            ``title``; the rest go to the fitted line (``color``, ``linewidth``...). See
            :func:`dpssec.evaluation.plotting.plot_its`; the data drawn are
            :func:`dpssec.evaluation.plot_geometry.its_lines`.

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
        >>> from dpssec.evaluation import interrupted_time_series
        >>> from dpssec.evaluation.examples import sicily_series
        >>> s = sicily_series()
        >>> its = interrupted_time_series(s["aces"], s["date"], "2005-01-01",
        ...                               population=s["stdpop"], seasonality=2)
        >>> ax = its.plot(color="#009E73")
        >>> ax.get_ylabel()
        'rate [per 100,000 per month]'
        >>> ax.get_title()[:45]
        'Interrupted time series, quasipoisson segment'
        """
        from dpssec.evaluation.plotting import plot_its

        return plot_its(self, ax, **kwargs)

    def _columns(self) -> dict[str, Any]:
        rows: list[tuple[str, Any, Any, Any, str]] = []
        kind = "rate ratio" if self.ratio else "difference"

        def add(label: str, e: CoefficientEstimate | None) -> None:
            if e is None:
                return
            values = np.atleast_1d(e.value)
            lows, highs = np.atleast_1d(e.lower), np.atleast_1d(e.upper)
            for i in range(values.size):
                where = f" at {self.interventions[i]}" if len(self.interventions) > 1 else ""
                rows.append(
                    (f"{label}{where}", values[i], lows[i], highs[i], f"{kind}, {e.method}")
                )

        add("level change", self.level_change)
        add(f"slope change (per {self.time_unit})", self.slope_change)
        add(f"pre-intervention trend (per {self.time_unit})", self.pre_trend)
        rows.append(("dispersion", self.dispersion, None, None, self.family))
        rows.append(("Durbin-Watson", self.durbin_watson, None, None, "residuals"))
        if self.ljung_box is not None:
            rows.append(("Ljung-Box p", self.ljung_box.p_value, None, None, self.ljung_box.name))
        return {
            "quantity": [r[0] for r in rows],
            "value": [r[1] for r in rows],
            "lower": [r[2] for r in rows],
            "upper": [r[3] for r in rows],
            "method": [r[4] for r in rows],
        }


_SERIES = {"month": "monthly", "year": "yearly", "week": "weekly", "day": "daily"}


def _describe(value: float, ratio: bool) -> str:
    if ratio:
        return f"{100 * (value - 1):+.1f} %"
    return f"{value:+.4g}"


def its_statement(
    *,
    family: str,
    n: int,
    unit: str,
    labels: tuple[str, ...],
    sizes: list[int],
    level: CoefficientEstimate,
    slope: CoefficientEstimate | None,
    trend: CoefficientEstimate,
    confidence: float,
    controlled: bool,
    offset: bool,
    pairs: int,
    covariance: str,
) -> str:
    """What an interrupted time series estimated, in words, and what the design cannot show."""
    ratio = family != "gaussian"
    kind = "rate ratio" if ratio else "difference"
    pct = f"{100 * confidence:g} %"
    parts = [
        f"Segmented {family} regression of {n} {_SERIES.get(unit, 'time')} points ({sizes[0]} before "
        f"{labels[0]}, {sizes[-1]} from {labels[-1]}"
        + ("; log population offset" if offset and ratio else "")
        + (f"; {pairs} seasonal Fourier pair(s)" if pairs else "")
        + f"; {covariance} standard errors)."
    ]
    values = np.atleast_1d(level.value)
    lows, highs = np.atleast_1d(level.lower), np.atleast_1d(level.upper)
    for i, label in enumerate(labels):
        parts.append(
            f"At {label} the level changed: {kind} {values[i]:.3g} ({pct} CI {lows[i]:.3g} to "
            f"{highs[i]:.3g}; {_describe(values[i], ratio)} immediately, relative to the "
            "trend before)" + (" compared with the control series" if controlled else "") + "."
        )
    if slope is not None:
        sv = np.atleast_1d(slope.value)
        sl, sh = np.atleast_1d(slope.lower), np.atleast_1d(slope.upper)
        for i, label in enumerate(labels):
            parts.append(
                f"Trend change from {label}: {kind} {sv[i]:.4g} per {unit} ({pct} CI {sl[i]:.4g} "
                f"to {sh[i]:.4g})."
            )
    parts.append(
        f"Trend before: {kind} {trend.value:.4g} per {unit} ({pct} CI {trend.lower:.4g} to "
        f"{trend.upper:.4g})."
    )
    parts.append(
        "What this design cannot show: that the policy caused the change. Anything else that "
        "changed at the same time (another programme, a change in recording or definitions, "
        "an economic shock) would produce the same break"
        + (
            "; the control series removes changes common to both series, not those specific "
            "to the intervention area."
            if controlled
            else "; a control series (control=) or a second design is needed to rule that out."
        )
        + " The counterfactual assumes the trend before would have continued unchanged."
    )
    return " ".join(parts)


def _example_result() -> ITSResult:
    """The declared example: the calculator on its own example (imported late: it imports us)."""
    from dpssec.boundary import call_example
    from dpssec.evaluation.its import interrupted_time_series

    return call_example(interrupted_time_series)
