"""Casualty rates per population, their trend over years, and revision-aware series (calculators).

* :func:`casualty_rate`: casualties per 100,000 population (national or department
  denominators) with exact Poisson (Garwood) limits;
* :func:`casualty_trend`: the annual percent change (APC) of casualties or of the casualty rate,
  from a log-linear Poisson model (quasi-Poisson by default, since casualty counts vary more than
  Poisson) or the SEER log-linear least-squares fit; fitted with statsmodels;
* :func:`revised_series`: one figure per year from several published editions, the latest
  edition replacing earlier ones, and the result says which years were revised, by how much and
  in which direction (the Landmine Monitor's 2016 total was first 8,605, later 9,437; Colombia's
  cumulative total fell between two editions).

For example:

>>> from dpssec.mines.casualty_rates import casualty_rate, revised_series
>>> r = casualty_rate(56, 48_351_671)
>>> round(r.value, 4), r.method
(0.1158, 'exact')
>>> s = revised_series([2006, 2006, 2007], [1106, 1167, 895], [2007, 2008, 2008],
...                    source=["LM 2007", "LM 2008", "LM 2008"])
>>> s.value.tolist(), s.revised.tolist()
([1167, 895], [True, False])
>>> print(s.findings[0])
INFO [2006]: 1,106 (edition 2007, LM 2007) revised upward to 1,167 (edition 2008), +61 (LM 2008)
"""

from __future__ import annotations

import itertools
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Names,
    Population,
    Scale,
    Year,
    calculator,
    example_by,
    not_above,
)
from dpssec.errors import InputError
from dpssec.findings import Finding, Severity
from dpssec.mines.casualty_sources import LANDMINE_MONITOR_REVISIONS
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.stats import Estimate, poisson_rate

__all__ = [
    "LOGLINEAR_TREND",
    "POISSON_TREND",
    "TREND_METHODS",
    "CasualtyTrend",
    "RevisedSeries",
    "casualty_rate",
    "casualty_trend",
    "revised_series",
]

TREND_METHODS = ("quasipoisson", "poisson", "loglinear")
"""Fits offered by :func:`casualty_trend`."""

POISSON_TREND = Reference(
    "McCullagh & Nelder, Generalized Linear Models",
    "2nd ed. (1989)",
    "log-linear Poisson model; quasi-likelihood dispersion from Pearson's X² / df",
)
"""Citation of the Poisson and quasi-Poisson trends of :func:`casualty_trend`."""
LOGLINEAR_TREND = Reference(
    "NCI SEER*Stat, Trend Algorithms (annual percent change)",
    "online help, current",
    "log-linear least-squares fit; t-based interval on n - 2 df",
    url="https://seer.cancer.gov/seerstat/WebHelp/Trend_Algorithms.htm",
)
"""Citation of the log-linear (least-squares) trend of :func:`casualty_trend`."""


def _as_array(value: Any) -> np.ndarray:
    if hasattr(value, "compute") and hasattr(value, "__dask_graph__"):
        value = value.compute()
    array: np.ndarray = np.asarray(value, dtype=float)
    return array


@calculator(
    casualties=Count(),
    population=Population(),
    multiplier=Scale(),
    confidence=Confidence(),
    relations=[not_above("casualties", "population", "exceed the population (columns swapped?)")],
    integers=True,
    example={"casualties": [56, 180], "population": [48_351_671, 49_661_056]},
)
def casualty_rate(
    casualties: Any,
    population: Any,
    *,
    multiplier: float = 100_000,
    confidence: float = 0.95,
    nan_policy: str = "raise",
) -> Estimate:
    """Casualties per ``multiplier`` population with exact Poisson limits.

    Parameters
    ----------
    casualties : array-like
        Casualties recorded in the period [persons], >= 0.
    population : array-like
        Population of the same area and period [persons], > 0 (for several years, person-years).
    multiplier : float
        Rate per this many people (100,000 by default).
    confidence : float
        0.95 or 95.
    nan_policy : {"raise", "propagate"}

    Returns
    -------
    Estimate
        ``value = casualties / population × multiplier``, exact limits, method ``"exact"``.

    Raises
    ------
    InputError
        Negative or fractional counts, populations <= 0, more casualties than population,
        lengths that differ.

    Notes
    -----
    Garwood's exact limits of the count, χ²_{α/2}(2x)/2 and χ²_{1−α/2}(2x+2)/2, divided by the
    population (:func:`dpssec.stats.poisson_rate` with ``method="exact"``). Aggregate first:
    the rate of a region is the sum of casualties over the sum of population.

    References
    ----------
    Garwood F. Biometrika 1936;28:437-442. PHE Technical Guide: Confidence Intervals (2018).

    Examples
    --------
    >>> from dpssec.mines.casualty_rates import casualty_rate
    >>> r = casualty_rate([3, 0], [250_000, 80_000])
    >>> [round(float(v), 3) for v in r.value], [round(float(v), 3) for v in r.upper]
    ([1.2, 0.0], [3.507, 4.611])
    """
    estimate: Estimate = poisson_rate(
        casualties, population, multiplier=multiplier, confidence=confidence, method="exact"
    )
    return estimate


@example_by("casualty_trend")
@attrs.frozen(eq=False)
class CasualtyTrend(ResultMixin):
    """The annual percent change of casualties (or of their rate) and the fit behind it.

    Attributes
    ----------
    apc : Estimate
        Annual percent change [% per year] with its interval.
    years : ndarray
    casualties : ndarray
        The counts fitted.
    population : ndarray or None
        The denominators (None: the trend of counts).
    fitted : ndarray
        Expected casualties under the fitted trend.
    method : str
    dispersion : float
        Pearson X² / df (1 for ``"poisson"``; the residual variance of log rates for
        ``"loglinear"``).
    p_value : float
        Two-sided test of no trend.
    reference : Reference

    Examples
    --------
    >>> from dpssec.mines.casualty_rates import casualty_trend
    >>> t = casualty_trend([2014, 2015, 2016, 2017], [125, 100, 80, 64], method="loglinear")
    >>> round(t.apc.value, 6)
    -20.0
    """

    apc: Estimate
    years: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    casualties: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    population: np.ndarray | None = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    fitted: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    method: str
    dispersion: float
    p_value: float
    reference: Reference

    def __str__(self) -> str:
        what = "casualty rate" if self.population is not None else "casualties"
        first, last = int(self.years.min()), int(self.years.max())
        return (
            f"Annual percent change of {what}, {first}-{last} ({self.method}): "
            f"{self.apc.value:+.1f} % per year ({self.apc.confidence:.0%} CI "
            f"{self.apc.lower:+.1f} to {self.apc.upper:+.1f}; p = {self.p_value:.3g}; "
            f"dispersion {self.dispersion:.3g})"
        )

    def _columns(self) -> dict[str, Any]:
        return {
            "year": self.years,
            "casualties": self.casualties,
            "fitted": self.fitted,
            **({"population": self.population} if self.population is not None else {}),
        }


@calculator(
    years=Year(),
    casualties=Count(),
    population=Population(optional=True),
    method=Choice(TREND_METHODS, aliases={"quasi-poisson": "quasipoisson"}),
    confidence=Confidence(),
    elementwise=False,
    example={"years": [2013, 2014, 2015, 2016], "casualties": [374, 292, 222, 84]},
)
def casualty_trend(
    years: Any,
    casualties: Any,
    *,
    population: Any = None,
    method: str = "quasipoisson",
    confidence: float = 0.95,
    nan_policy: str = "raise",
) -> CasualtyTrend:
    """Annual percent change (APC) of casualties, or of the casualty rate given a population.

    Parameters
    ----------
    years : array-like
        Calendar years, distinct, at least 3.
    casualties : array-like
        Casualties per year [persons], >= 0 (> 0 for ``"loglinear"``).
    population : array-like, optional
        Population per year [persons]: the trend is then that of the rate.
    method : {"quasipoisson", "poisson", "loglinear"}
        ``"quasipoisson"`` (default): Poisson log-linear model with the dispersion estimated by
        Pearson X² / (n − 2), so overdispersed counts get wider intervals; ``"poisson"``:
        dispersion fixed at 1; ``"loglinear"``: least squares on log counts or rates, t on n − 2
        df (SEER*Stat's APC).
    confidence : float
        0.95 or 95.
    nan_policy : {"raise", "omit"}
        Missing values refused (default) or their years dropped, with a warning.

    Returns
    -------
    CasualtyTrend
        ``.apc`` an Estimate [% per year], ``.fitted``, ``.p_value``, ``.dispersion``.

    Raises
    ------
    InputError
        Fewer than 3 years, repeated years, negative or fractional counts, a zero count with
        ``"loglinear"``, lengths that differ.

    Notes
    -----
    log E[y_t] = b0 + b1·(t − t̄) (+ log population); APC = 100·(e^{b1} − 1); the interval is
    100·(e^{b1 ± q·SE} − 1) with q Student's t on n − 2 df where the scale is estimated
    (``"quasipoisson"``, ``"loglinear"``) and the normal quantile where it is fixed
    (``"poisson"``); the p-value uses the same distribution. These are the Wald intervals and
    the t or z tests of R's ``summary.glm`` (quasipoisson: t on the residual df), checked
    against R 4.2.2 in ``tests/data/mines/r_casualty_trend.csv``. With four years the
    quasi-Poisson interval is wide (t on 2 df is 4.30): a short series cannot say much. A single trend over the whole period: for changes of slope
    (joinpoints) use the evaluation package.

    References
    ----------
    McCullagh P, Nelder JA. Generalized Linear Models, 2nd ed., 1989. NCI SEER*Stat, Trend
    Algorithms.

    Examples
    --------
    >>> from dpssec.mines.casualty_rates import casualty_trend
    >>> t = casualty_trend([2013, 2014, 2015, 2016], [374, 292, 222, 84])
    >>> round(t.apc.value, 1), t.method
    (-33.3, 'quasipoisson')
    """
    x = _as_array(years)
    y = _as_array(casualties)
    pop = None if population is None else _as_array(population)
    if x.ndim:  # one casualty count (or population) for every year: the decorator checked lengths
        y = np.broadcast_to(y, x.shape)
        pop = None if pop is None else np.broadcast_to(pop, x.shape)
    if x.ndim == 0 or x.size < 3:
        raise InputError(f"casualty_trend needs at least 3 'years'; got {int(x.size)}")
    values, counts = np.unique(x, return_counts=True)
    if (counts > 1).any():
        raise InputError(
            f"casualty_trend: year {int(values[counts > 1][0])} appears more than once in 'years' "
            "(aggregate first, or use revised_series for several editions)"
        )
    order = np.argsort(x)
    x, y = x[order], y[order]
    pop = None if pop is None else pop[order]
    centred = x - x.mean()
    offset = np.zeros_like(y) if pop is None else np.log(pop)
    if method == "loglinear":
        return _loglinear(x, y, pop, centred, offset, confidence)
    return _poisson(x, y, pop, centred, offset, confidence, method)


def _apc(slope: float, se: float, quantile: float, confidence: float, method: str) -> Estimate:
    return Estimate(
        value=100 * np.expm1(slope),
        lower=100 * np.expm1(slope - quantile * se),
        upper=100 * np.expm1(slope + quantile * se),
        confidence=confidence,
        method=method,
    )


def _poisson(
    x: np.ndarray,
    y: np.ndarray,
    pop: np.ndarray | None,
    centred: np.ndarray,
    offset: np.ndarray,
    confidence: float,
    method: str,
) -> CasualtyTrend:
    import statsmodels.api as sm  # type: ignore[import-untyped,unused-ignore]
    from scipy import stats

    if not (y > 0).any():
        raise InputError("casualty_trend: every count in 'casualties' is 0; no trend can be fitted")
    design = sm.add_constant(centred)
    model = sm.GLM(y, design, family=sm.families.Poisson(), offset=offset)
    try:
        with np.errstate(all="ignore"):
            fit = model.fit(scale="X2" if method == "quasipoisson" else 1.0)
        slope, se = float(fit.params[1]), float(fit.bse[1])
    except (ValueError, np.linalg.LinAlgError):
        slope = se = float("nan")
    if not (np.isfinite(slope) and np.isfinite(se)):
        raise InputError(
            f"casualty_trend: the {method} model cannot be fitted to these 'casualties' "
            f"{'and population ' if pop is not None else ''}(counts too large for 64-bit "
            "floats, or a degenerate series); check the values"
        )
    if method == "quasipoisson":
        # the dispersion is estimated from n - 2 residual df: Student's t, as R's summary.glm
        df = x.size - 2
        quantile = float(stats.t.ppf(0.5 + confidence / 2, df))
        p_value = float(2 * stats.t.sf(abs(slope / se), df)) if se > 0 else 0.0
    else:
        quantile = float(stats.norm.ppf(0.5 + confidence / 2))
        p_value = float(2 * stats.norm.sf(abs(slope / se)))
    return CasualtyTrend(
        apc=_apc(slope, se, quantile, confidence, method),
        years=x,
        casualties=y,
        population=pop,
        fitted=np.asarray(fit.fittedvalues, dtype=float),
        method=method,
        dispersion=float(fit.scale),
        p_value=p_value,
        reference=POISSON_TREND,
    )


def _loglinear(
    x: np.ndarray,
    y: np.ndarray,
    pop: np.ndarray | None,
    centred: np.ndarray,
    offset: np.ndarray,
    confidence: float,
) -> CasualtyTrend:
    import statsmodels.api as sm  # type: ignore[import-untyped,unused-ignore]
    from scipy import stats

    if (y <= 0).any():
        first = int(np.argmax(y <= 0))
        raise InputError(
            f"casualty_trend: method 'loglinear' needs counts > 0 (year {int(x[first])} has 0); "
            "use the Poisson methods, which handle zero counts"
        )
    fit = sm.OLS(np.log(y) - offset, sm.add_constant(centred)).fit()
    slope, se = float(fit.params[1]), float(fit.bse[1])
    df = x.size - 2
    t = float(stats.t.ppf(0.5 + confidence / 2, df))
    p_value = float(2 * stats.t.sf(abs(slope / se), df)) if se > 0 else 0.0
    return CasualtyTrend(
        apc=_apc(slope, se, t, confidence, "loglinear"),
        years=x,
        casualties=y,
        population=pop,
        fitted=np.exp(np.asarray(fit.fittedvalues, dtype=float) + offset),
        method="loglinear",
        dispersion=float(fit.scale),
        p_value=p_value,
        reference=LOGLINEAR_TREND,
    )


# -- revisions -------------------------------------------------------------------------------


@example_by("revised_series")
@attrs.frozen(eq=False)
class RevisedSeries(ResultMixin):
    """One figure per year, the latest edition's, with what earlier editions said.

    Attributes
    ----------
    year : ndarray of int
    value : ndarray
        The figure of the latest edition.
    edition : ndarray of int
        The edition (publication year) it comes from.
    first_value, first_edition : ndarray
        The earliest published figure and its edition.
    editions : ndarray of int
        How many editions published a figure for the year.
    source : tuple of str or None
        The source of each latest figure, where given.
    first_source : tuple of str or None
        The source of each first published figure, where given.
    reference : Reference
        The rule (a later edition's figure replaces an earlier one). Each finding cites the
        source of the figure that replaced the first one, where sources are given.

    Examples
    --------
    >>> from dpssec.mines.casualty_rates import revised_series
    >>> s = revised_series([2016, 2016], [8605, 9437], [2017, 2018])
    >>> int(s.change[0]), s.direction
    (832, ('upward',))
    """

    year: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    value: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    edition: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    first_value: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    first_edition: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    editions: np.ndarray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    source: tuple[str, ...] | None = None
    reference: Reference = LANDMINE_MONITOR_REVISIONS
    first_source: tuple[str, ...] | None = None

    @property
    def change(self) -> np.ndarray:
        """Latest minus first published figure."""
        difference: np.ndarray = self.value - self.first_value
        return difference

    @property
    def revised(self) -> np.ndarray:
        """Whether a later edition changed the first published figure."""
        flags: np.ndarray = np.asarray(self.change != 0)
        return flags

    @property
    def direction(self) -> tuple[str, ...]:
        """``"upward"``, ``"downward"`` or ``""`` (unchanged) per year."""
        return tuple(
            "upward" if c > 0 else "downward" if c < 0 else "" for c in self.change.tolist()
        )

    @property
    def findings(self) -> tuple[Finding, ...]:
        """One INFO finding per revised year: what was published first and what replaced it."""
        out = []
        for i in np.flatnonzero(self.revised):
            change = int(self.change[i])
            first = f"edition {int(self.first_edition[i])}"
            latest_source = self.source[i] if self.source is not None else None
            first_source = self.first_source[i] if self.first_source is not None else None
            if first_source is not None and first_source != latest_source:
                first = f"{first}, {first_source}"
            details: dict[str, Any] = {
                "first": int(self.first_value[i]),
                "latest": int(self.value[i]),
                "first_edition": int(self.first_edition[i]),
                "latest_edition": int(self.edition[i]),
            }
            if latest_source is not None:
                details["first_source"] = first_source
                details["latest_source"] = latest_source
            out.append(
                Finding(
                    "revised-figure",
                    Severity.INFO,
                    f"{int(self.first_value[i]):,} ({first}) revised {self.direction[i]} to "
                    f"{int(self.value[i]):,} (edition {int(self.edition[i])}), {change:+,}",
                    subject=str(int(self.year[i])),
                    # the document that published the figure now kept, not the rule's example
                    reference=None if latest_source is None else Reference(latest_source, ""),
                    details=details,
                )
            )
        return tuple(out)

    def _columns(self) -> dict[str, Any]:
        columns: dict[str, Any] = {
            "year": self.year,
            "value": self.value,
            "edition": self.edition,
            "first_value": self.first_value,
            "first_edition": self.first_edition,
            "change": self.change,
        }
        if self.source is not None:
            columns["source"] = list(self.source)
        if self.first_source is not None:
            columns["first_source"] = list(self.first_source)
        return columns


@calculator(
    year=Year(),
    value=Count(),
    edition=Year(),
    source=Names(optional=True),
    elementwise=False,
    example={
        "year": [2006, 2006, 2007, 2008, 2008],
        "value": [1106, 1167, 895, 777, 798],
        "edition": [2007, 2008, 2008, 2009, 2011],
    },
)
def revised_series(year: Any, value: Any, edition: Any, *, source: Any = None) -> RevisedSeries:
    """One figure per year from several published editions; the latest edition's replaces others.

    Parameters
    ----------
    year : array-like
        The year each figure is for.
    value : array-like
        The published figure (casualties) [persons], >= 0.
    edition : array-like
        The year of the edition or update that published it (a Landmine Monitor report year,
        a profile's update year).
    source : str or list of str, optional
        A citation per row (or one text for every row), kept for the first and the latest
        figure of each year; each finding cites the source of the figure that replaced the
        first. Without sources the findings cite nothing (the rule is ``.reference``).

    Returns
    -------
    RevisedSeries
        Sorted by year; ``.revised``, ``.change``, ``.direction`` and ``.findings`` say which
        figures later editions changed.

    Raises
    ------
    InputError
        Two different figures for one year in the same edition (which replaces which cannot be
        told), an edition before the year it reports on, lengths that differ, bad numbers.

    Notes
    -----
    Totals are revised in later editions as late reports arrive, mostly upward (the Monitor's
    2016 total: 8,605 in the 2017 report, 9,437 in 2018) but not always: store the edition with
    every total and never add figures of different editions for one year. Repeated identical
    figures (a later edition confirming one) are not revisions.

    References
    ----------
    Landmine Monitor 2018, Casualties (the 2016 update).

    Examples
    --------
    >>> from dpssec.mines.casualty_rates import revised_series
    >>> s = revised_series([2014, 2014, 2015], [286, 292, 222], [2015, 2017, 2017])
    >>> s.year.tolist(), s.value.tolist(), s.direction
    ([2014, 2015], [292, 222], ('upward', ''))
    """
    arrays = np.broadcast_arrays(_as_array(year), _as_array(value), _as_array(edition))
    years, values, editions = (np.ravel(a) for a in arrays)
    years, editions = years.astype(int), editions.astype(int)
    if source is not None and len(source) == 1:
        source = source * years.size  # one citation for every row
    if source is not None and len(source) != years.size:
        raise InputError(
            f"parameter 'source': {len(source)} sources for {years.size} rows of 'year'; give "
            "one per row, or one text for all"
        )
    early = editions < years
    if early.any():
        i = int(np.argmax(early))
        raise InputError(
            f"revised_series: row {i}: edition {editions[i]} is before the year {years[i]} it "
            "reports on"
        )
    keys = ("year", "v", "e", "fv", "fe", "n", "src", "fsrc")
    out: dict[str, list[Any]] = {k: [] for k in keys}
    for y in np.unique(years):
        rows = np.flatnonzero(years == y)
        rows = rows[np.lexsort((rows, editions[rows]))]
        for a, b in itertools.pairwise(rows):
            if editions[a] == editions[b] and values[a] != values[b]:
                raise InputError(
                    f"revised_series: rows {a} and {b} give {values[a]:,.0f} and "
                    f"{values[b]:,.0f} for {y} in the same edition {editions[a]} ('year', "
                    "'edition'); which one replaces the other cannot be told"
                )
        last, first = rows[-1], rows[0]
        out["year"].append(int(y))
        out["v"].append(values[last])
        out["e"].append(editions[last])
        out["fv"].append(values[first])
        out["fe"].append(editions[first])
        out["n"].append(len(np.unique(editions[rows])))
        out["src"].append(source[last] if source is not None else None)
        out["fsrc"].append(source[first] if source is not None else None)
    return RevisedSeries(
        year=np.array(out["year"], dtype=int),
        value=np.array(out["v"]).astype(int),
        edition=np.array(out["e"], dtype=int),
        first_value=np.array(out["fv"]).astype(int),
        first_edition=np.array(out["fe"], dtype=int),
        editions=np.array(out["n"], dtype=int),
        source=tuple(out["src"]) if source is not None else None,
        first_source=tuple(out["fsrc"]) if source is not None else None,
    )
