"""Joinpoint trends: where did a yearly trend change, and by how much per year?

:func:`joinpoint` fits 0 to kmax joinpoints (change points) in a log-linear (annual percent
change) or linear trend, as NCI's Joinpoint program does: a grid search over the admissible
observed years (at least ``min_end`` observations between a joinpoint and either end, at
least ``min_between`` between two joinpoints), the number of joinpoints chosen by Kim et
al.'s sequential permutation tests or by the BIC, the APC of each segment and the average
APC over any range (AAPC, Clegg et al. 2009) with intervals. The kernels are in
:mod:`~dpssec.evaluation.joinpoint_fit`.

Rates may be given directly (constant variance, or weighted by their ``standard_errors``
as SEER*Stat does), or as counts with ``population`` (weights from the Poisson standard
error of each rate, the count). Many series fit in one call: ``values`` with one column per
series (a DataFrame's columns name them).

For example, the homicide rate of Colombia 1990-2023 (UNODC):

>>> from dpssec.evaluation import joinpoint
>>> from dpssec.evaluation.examples import homicide_rates
>>> years, rates, _ = homicide_rates("COL")
>>> trend = joinpoint(years, rates, max_joinpoints=2, selection="bic")
>>> trend.joinpoints.tolist()
[2002.0, 2005.0]
>>> round(trend.aapc().value, 2)
-3.81
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Names,
    Number,
    Population,
    Scale,
    Share,
    Size,
    calculator,
)
from dpssec.errors import InputError
from dpssec.evaluation.inputs import is_pandas
from dpssec.evaluation.joinpoint_fit import (
    Grid,
    admissible_sets,
    bic,
    design,
    fit_at,
    permutation_selection,
    prepare_grid,
)
from dpssec.evaluation.joinpoint_results import (
    JoinpointResult,
    JoinpointResults,
    Segment,
    percent_change,
)
from dpssec.evaluation.results import coefficient_estimate
from dpssec.stats import TestResult

__all__ = [
    "JOINPOINT_MODELS",
    "JOINPOINT_SELECTION",
    "JoinpointResult",
    "JoinpointResults",
    "Segment",
    "joinpoint",
]

F = TypeVar("F", bound=Callable[..., Any])

JOINPOINT_MODELS = ("loglinear", "linear")
"""``"loglinear"``: ln(rate) piecewise linear, annual percent changes; ``"linear"``: slopes."""

JOINPOINT_SELECTION = ("permutation", "bic")
"""How the number of joinpoints is chosen when ``n_joinpoints`` is not fixed."""


def accepts_frame(func: F) -> F:
    """Let ``values`` be a DataFrame (index = years when ``years`` is None; columns = series)."""

    @functools.wraps(func)
    def wrapper(years: Any, values: Any = None, **kwargs: Any) -> Any:
        if is_pandas(values) and getattr(values, "ndim", 1) == 2:
            if kwargs.get("labels") is None:
                kwargs["labels"] = [str(c) for c in values.columns]
            if years is None:
                years = values.index
        if (
            isinstance(kwargs.get("nan_policy"), str)
            and kwargs["nan_policy"].strip().lower() == "omit"
            and np.ndim(getattr(values, "shape", values))
            and (len(np.shape(values)) == 2)
        ):
            raise InputError(
                "joinpoint: nan_policy='omit' works on one series at a time; fit a series with "
                "gaps on its own (its years differ from the others')"
            )
        return func(years, values, **kwargs)

    return wrapper  # type: ignore[return-value]


def _outcome(
    values: np.ndarray,
    population: np.ndarray | None,
    errors: np.ndarray | None,
    model: str,
    multiplier: float,
    label: str,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """(modelled values, y, weights, description of the weights) of one series."""
    if population is not None:
        if np.any(values < 0):
            raise InputError(
                f"{label}: counts must be >= 0 (first negative at index {int(np.argmax(values < 0))})"
            )
        if np.any(values == 0):
            raise InputError(
                f"{label}: a year with 0 events (index {int(np.argmax(values == 0))}); its rate's "
                "log and Poisson weight do not exist: combine years or use model='linear' with "
                "standard errors"
            )
        rates = values / population * multiplier
        if model == "loglinear":
            return rates, np.log(rates), values.copy(), "Poisson (weight = count)"
        return rates, rates, values / rates**2, "Poisson (weight = count / rate²)"
    if model == "loglinear" and np.any(values <= 0):
        raise InputError(
            f"{label}: the log-linear model needs values > 0 (first at index "
            f"{int(np.argmax(values <= 0))}: {values[np.argmax(values <= 0)]!r}); use "
            "model='linear'"
        )
    if errors is not None:
        if model == "loglinear":
            return (
                values,
                np.log(values),
                (values / errors) ** 2,
                "standard errors (weight = (rate/se)²)",
            )
        return values, values, 1.0 / errors**2, "standard errors (weight = 1/se²)"
    y = np.log(values) if model == "loglinear" else values.copy()
    return values, y, np.ones_like(values), "constant variance (unweighted)"


def _feasible(n: int, k: int, min_end: int, min_between: int) -> bool:
    if n - 2 * (k + 1) < 1:
        return False
    return bool(admissible_sets(n, k, min_end=min_end, min_between=min_between).shape[0] > 0)


def _segments(
    x: np.ndarray,
    fit: Any,
    sigma2: float,
    df: int,
    model: str,
    confidence: float,
) -> tuple[tuple[Segment, ...], np.ndarray]:
    slopes = fit.slopes
    cov = fit.slope_covariance(sigma2)
    se = np.sqrt(np.diag(cov))
    bounds = np.concatenate([[x[0]], fit.joinpoints, [x[-1]]])
    segments = []
    for i in range(slopes.size):
        e = coefficient_estimate(
            slopes[i],
            se[i],
            confidence=confidence,
            ratio=model == "loglinear",
            method=(
                f"APC, t interval on {df} df (joinpoints treated as known)"
                if model == "loglinear"
                else f"slope, t interval on {df} df (joinpoints treated as known)"
            ),
            df=df,
        )
        segments.append(
            Segment(
                float(bounds[i]),
                float(bounds[i + 1]),
                percent_change(e) if model == "loglinear" else e,
            )
        )
    return tuple(segments), cov


def _fitted_band(
    x: np.ndarray, fit: Any, sigma2: float, df: int, confidence: float
) -> tuple[np.ndarray, np.ndarray]:
    """Pointwise band of the fitted model (joinpoints known): ŷ ± t_df·sqrt(σ² dᵀ(XᵀWX)⁻¹d)."""
    from scipy.special import stdtrit

    rows = design(x, fit.joinpoints)
    se = np.sqrt(np.maximum(sigma2 * np.einsum("ij,jk,ik->i", rows, fit.covariance, rows), 0))
    q = float(stdtrit(df, 0.5 + confidence / 2))
    return fit.fitted - q * se, fit.fitted + q * se


def _statement(result: JoinpointResult, label: str, selection_text: str) -> str:
    unit = "%" if result.model == "loglinear" else " per year"
    name = "APC" if result.model == "loglinear" else "slope"
    pct = f"{100 * result.confidence:g} %"
    where = (
        "no joinpoint (one trend)"
        if result.n_joinpoints == 0
        else f"{result.n_joinpoints} joinpoint(s), at "
        + ", ".join(f"{j:g}" for j in result.joinpoints)
    )
    parts = [f"{label}: {result.model} joinpoint model, {selection_text}: {where}."]
    for s in result.segments:
        e = s.estimate
        parts.append(
            f"{name} {s.start:g}-{s.end:g}: {e.value:+.2f}{unit} ({pct} CI {e.lower:+.2f} to "
            f"{e.upper:+.2f})."
        )
    full = result.aapc()
    parts.append(
        f"{'AAPC' if result.model == 'loglinear' else 'Average annual change'} "
        f"{result.years[0]:g}-{result.years[-1]:g}: {full.value:+.2f}{unit} ({pct} CI "
        f"{full.lower:+.2f} to {full.upper:+.2f})."
    )
    parts.append(
        "What this cannot show: a joinpoint says where the trend bends, not why; one near a "
        "policy's start is not evidence that the policy caused it (fix the date in advance "
        "and use an interrupted time series). Intervals treat the joinpoint years as known."
    )
    return " ".join(parts)


@accepts_frame
@calculator(
    elementwise=False,
    years=Number(),
    values=Number(ndim=(1, 2)),
    population=Population(optional=True, ndim=(1, 2)),
    standard_errors=Number(positive=True, optional=True, ndim=(1, 2)),
    max_joinpoints=Size(lower=0, upper=9),
    n_joinpoints=Size(lower=0, upper=9, optional=True),
    model=Choice(
        JOINPOINT_MODELS, aliases={"log-linear": "loglinear", "ln": "loglinear", "lin": "linear"}
    ),
    selection=Choice(JOINPOINT_SELECTION, aliases={"permutation-test": "permutation"}),
    min_end=Size(lower=1, upper=100),
    min_between=Size(lower=0, upper=100),
    permutations=Size(lower=99, upper=1_000_000),
    alpha=Share(lower=1e-6, upper=0.5, aligned=False, ndim=(0,)),
    seed=Size(lower=0, upper=2**32 - 1),
    multiplier=Scale(),
    labels=Names(optional=True),
    confidence=Confidence(),
    example={
        "years": list(range(2008, 2020)),
        "values": [10.2, 10.9, 11.4, 12.3, 13.1, 13.8, 13.2, 12.6, 12.1, 11.5, 11.1, 10.5],
        "max_joinpoints": 1,
        "permutations": 199,
    },
)
def joinpoint(
    years: Any,
    values: Any,
    *,
    max_joinpoints: int = 3,
    n_joinpoints: int | None = None,
    model: str = "loglinear",
    population: Any = None,
    standard_errors: Any = None,
    selection: str = "permutation",
    min_end: int = 2,
    min_between: int = 2,
    permutations: int = 4499,
    alpha: float = 0.05,
    seed: int = 0,
    multiplier: float = 100_000,
    labels: Any = None,
    confidence: float = 0.95,
    nan_policy: str = "raise",
) -> JoinpointResult | JoinpointResults:
    """Joinpoint regression of a yearly series (or of several, one per column).

    Parameters
    ----------
    years : array-like, shape (n,)
        The years (or other equally spaced time points), increasing. None with a DataFrame
        ``values`` to use its index.
    values : array-like, shape (n,) or (n, series), or DataFrame
        Rates (any multiplier) or values; event counts when ``population`` is given. A
        DataFrame's columns are the series (their names label the results).
    max_joinpoints : int
        Largest number of joinpoints tried (3 by default); lowered, with a note, when the
        series is too short for it under the minimum segment rules.
    n_joinpoints : int, optional
        Fit exactly this many joinpoints (no selection).
    model : {"loglinear", "linear"}
        ``"loglinear"``: ln(values) piecewise linear, segments reported as annual percent
        changes (APC) [%]; ``"linear"``: values piecewise linear, slopes [units per year].
    population : array-like, optional
        Population of each year [persons]: ``values`` are then counts, the rates are
        ``counts / population × multiplier`` and each year is weighted by its count (Poisson).
    standard_errors : array-like, optional
        Standard error of each rate: weights (rate/se)² (log-linear) or 1/se² (linear), as
        SEER*Stat and Joinpoint use them.
    selection : {"permutation", "bic"}
        Kim et al.'s sequential permutation tests (overall level ``alpha``, level α/(K − k0)
        for the test of k0 joinpoints) or the smallest BIC.
    min_end, min_between : int
        Minimum observations between a joinpoint and either end of the series, and between
        two joinpoints, the joinpoints excluded (2 and 2, NCI's defaults for yearly data).
    permutations : int
        Permutations per test (4,499, Joinpoint's default).
    alpha : float
        Overall significance level of the permutation procedure.
    seed : int
        Seed of the permutations (results are reproducible; change it to check stability).
    multiplier : float
        Rates per this many persons with ``population``.
    labels : str or list of str, optional
        Names of the series (columns).
    confidence : float
        0.95 or 95.
    nan_policy : {"raise", "omit"}
        ``"omit"`` drops years with a missing value (one series only).

    Returns
    -------
    JoinpointResult or JoinpointResults
        ``joinpoints`` (years), ``segments`` (APC or slope of each, with intervals),
        ``aapc(start, end)``, ``fitted``, ``statement``, ``plot()``; a
        :class:`JoinpointResults` (one result per column) for 2-D ``values``.

    Raises
    ------
    InputError
        Years not increasing; values <= 0 for the log-linear model; zero counts with a
        population; ``n_joinpoints`` impossible for the series length and segment rules.

    Notes
    -----
    Model: ``y_t = b0 + b1·(x_t − x_1) + Σ_j δ_j·(x_t − τ_j)+`` by weighted least squares,
    τ_j on observed years. APC of segment i = 100·(exp(b_i) − 1) with ``b_i`` its slope;
    interval 100·(exp(b_i ∓ t·se_i) − 1), t on n − 2(k + 1) degrees of freedom, σ² = SSE/df,
    treating the joinpoints as known. NCI's Joinpoint reports wider intervals for the same
    model: t on n − 3k − 2 df and a standard error of its own that allows for the joinpoints'
    uncertainty and that dpssec does not reproduce (the evaluation standards page says what
    was compared); read dpssec's intervals as conditional on the joinpoint years. With no
    joinpoint this is SEER*Stat's APC. AAPC: see
    :meth:`JoinpointResult.aapc`. BIC(k) = ln(SSE_k/n) + 2(k + 1)·ln(n)/n.

    References
    ----------
    Kim HJ, Fay MP, Feuer EJ, Midthune DN. Permutation tests for joinpoint regression with
    applications to cancer rates. Stat Med 2000;19:335-351. Clegg LX, Hankey BF, Tiwari R,
    Feuer EJ, Edwards BK. Estimating average annual per cent change in trend analysis. Stat
    Med 2009;28:3670-3682. NCI Joinpoint Regression Program help, "Minimum Number of
    Observations Required" and statistical notes (surveillance.cancer.gov/help/joinpoint).

    Examples
    --------
    >>> from dpssec.evaluation import joinpoint
    >>> trend = joinpoint(list(range(2008, 2020)),
    ...                   [10.2, 10.9, 11.4, 12.3, 13.1, 13.8, 13.2, 12.6, 12.1, 11.5, 11.1, 10.5],
    ...                   max_joinpoints=1, permutations=199)
    >>> trend.joinpoints.tolist(), [round(s.estimate.value, 1) for s in trend.segments]
    ([2013.0], [6.3, -4.4])
    """
    x = np.asarray(years, dtype=float)
    steps = np.diff(x)
    if x.size < 3 or np.any(steps <= 0):
        raise InputError(
            "joinpoint: parameter 'years' must hold at least 3 years, increasing and distinct"
            + (
                f" (row {int(np.argmax(steps <= 0)) + 1} repeats or goes back)"
                if x.size >= 3
                else ""
            )
        )
    table = np.asarray(values, dtype=float)
    batch = table.ndim == 2
    table = table.reshape(x.size, -1)
    pops = (
        None
        if population is None
        else np.broadcast_to(np.asarray(population, dtype=float).reshape(x.size, -1), table.shape)
    )
    errs = (
        None
        if standard_errors is None
        else np.broadcast_to(
            np.asarray(standard_errors, dtype=float).reshape(x.size, -1), table.shape
        )
    )
    if pops is not None and errs is not None:
        raise InputError("give population (counts) or standard_errors (rates), not both")
    names = (
        list(labels) if labels is not None else [f"series {i + 1}" for i in range(table.shape[1])]
    )
    if len(names) != table.shape[1]:
        raise InputError(f"labels has {len(names)} names for {table.shape[1]} series")
    n = x.size
    if n_joinpoints is not None:
        if not _feasible(n, n_joinpoints, min_end, min_between):
            raise InputError(
                f"joinpoint: {n_joinpoints} joinpoint(s) cannot be placed in {n} years with at "
                f"least {min_end} observations from the ends and {min_between} between "
                "joinpoints (and at least one residual degree of freedom)"
            )
        kmax = n_joinpoints
    else:
        kmax = max_joinpoints
        while kmax > 0 and not _feasible(n, kmax, min_end, min_between):
            kmax -= 1
    rng_seed = seed
    cache: dict[bytes, dict[int, Grid]] = {}
    results = []
    for s in range(table.shape[1]):
        label = names[s]
        shown, y, w, weight_text = _outcome(
            table[:, s],
            None if pops is None else pops[:, s],
            None if errs is None else errs[:, s],
            model,
            multiplier,
            label,
        )
        sw = np.sqrt(w)
        key = w.tobytes()
        ks = [kmax] if n_joinpoints is not None else list(range(kmax + 1))
        if key not in cache:
            cache[key] = {
                k: prepare_grid(x, sw, k, min_end=min_end, min_between=min_between) for k in ks
            }
        grids = cache[key]
        best = {k: grids[k].sse(y * sw) for k in ks}
        sse_by_k = np.array([best[k][0][0] for k in ks])
        bics = bic(sse_by_k, n, np.array(ks))
        tests: tuple[TestResult, ...] = ()
        if n_joinpoints is not None:
            k = n_joinpoints
            selection_text = f"{k} joinpoint(s) fixed"
            method = "fixed"
        elif selection == "bic" or kmax == 0:
            k = int(ks[int(np.argmin(bics))])
            selection_text = f"number of joinpoints (0 to {kmax}) by the smallest BIC"
            method = "bic"
        else:
            k, rows = permutation_selection(
                x,
                y,
                w,
                grids,
                alpha=alpha,
                permutations=permutations,
                rng=np.random.default_rng(rng_seed),
            )
            tests = tuple(
                TestResult(
                    stat,
                    p,
                    2 * (k1 - k0),
                    f"permutation test H0: {k0} vs H1: {k1} joinpoints (level {level:.4g})",
                )
                for k0, k1, stat, p, level in rows
            )
            selection_text = (
                f"number of joinpoints (0 to {kmax}) by sequential permutation tests "
                f"({permutations:,} permutations, overall alpha {alpha:g})"
            )
            method = "permutation"
        where = best[k][1][0]
        fit = fit_at(x, y, w, x[grids[k].sets[where]])
        df = n - 2 * (k + 1)
        sigma2 = fit.sse / df
        segments, cov = _segments(x, fit, sigma2, df, model, confidence)
        fitted = np.exp(fit.fitted) if model == "loglinear" else fit.fitted
        band = _fitted_band(x, fit, sigma2, df, confidence)
        if model == "loglinear":
            band = (np.exp(band[0]), np.exp(band[1]))
        outcome = f"rate per {multiplier:,.0f}" if pops is not None else "value"
        result = JoinpointResult(
            years=x,
            values=shown,
            fitted=fitted,
            joinpoints=fit.joinpoints,
            segments=segments,
            model=model,
            selection=method,
            tests=tests,
            bic=bics if n_joinpoints is None else np.array([]),
            weights=weight_text,
            sse=fit.sse,
            df=df,
            confidence=confidence,
            outcome=outcome,
            slopes=fit.slopes,
            slope_covariance=cov,
            fitted_lower=band[0],
            fitted_upper=band[1],
        )
        text = _statement(result, label if batch else "Series", selection_text)
        results.append(_with_statement(result, text))
    if batch:
        return JoinpointResults(tuple(names), tuple(results))
    return results[0]


def _with_statement(result: JoinpointResult, text: str) -> JoinpointResult:
    import attrs

    return attrs.evolve(result, statement=text)
