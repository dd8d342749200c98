"""Design-based survey estimators (calculators): proportions, means, totals and ratios.

What R's ``survey`` package (``svymean``, ``svytotal``, ``svyratio``, ``svyciprop``, ``svyby``)
and Python's ``samplics`` compute, for the population and for domains, by groups in one call:

* :func:`survey_proportion`: share answering "yes" (SDG 16.1.3, 16.1.4, 5.2.1), with the
  interval methods of R ``svyciprop``: ``"logit"`` (default), ``"beta"`` (Korn-Graubard),
  ``"wilson"`` (Wilson with the effective sample size) and ``"mean"`` (Wald); "don't know" /
  refused answers treated as the caller says (``dont_know``);
* :func:`survey_mean`, :func:`survey_total`, :func:`survey_ratio`.

Every estimate is a ratio of weighted totals per group; standard errors come from Taylor
linearisation (:mod:`~dpssec.prevention.survey_variance`) or from the design's replicate
weights. ``domain=`` restricts the estimate to a subpopulation **without dropping rows**, so
strata and PSUs keep their sizes (dropping rows, the common mistake, understates the
variance). ``by=`` gives one estimate per group in one vectorised pass.

For example:

>>> from dpssec.prevention import SurveyDesign, survey_proportion
>>> design = SurveyDesign([120.0, 80.0, 100.0, 90.0, 110.0, 95.0],
...                       strata=[1, 1, 1, 2, 2, 2])
>>> r = survey_proportion([1, 0, 1, 1, 0, 0], design)
>>> round(r.value, 4), round(r.standard_error, 4)
(0.521, 0.2276)
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import numpy as np

from dpssec.boundary import Choice, Confidence, Scale, calculator, short_repr
from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention.survey_design import (
    R_SURVEY,
    SurveyAnswers,
    SurveyDesign,
    SurveyValues,
    check_aligned,
    factorize,
)
from dpssec.prevention.survey_results import SurveyEstimate
from dpssec.prevention.survey_variance import (
    group_degrees_of_freedom,
    group_totals,
    replicate_variance,
    taylor_variance,
)

__all__ = [
    "DONT_KNOW_RULES",
    "PROPORTION_METHODS",
    "aligned_to_design",
    "survey_mean",
    "survey_proportion",
    "survey_ratio",
    "survey_total",
]

PROPORTION_METHODS = ("logit", "beta", "wilson", "mean")
"""Interval methods of :func:`survey_proportion` (R ``svyciprop`` names; ``"wilson"`` added)."""

DONT_KNOW_RULES = ("exclude", "include_in_denominator")
"""Treatments of missing answers in :func:`survey_proportion` (``dont_know=``)."""

F = TypeVar("F", bound=Callable[..., Any])


def aligned_to_design(*names: str) -> Callable[[F], F]:
    """Refuse pandas ``names`` arguments whose index is not the design's (by label, not
    position); wraps a calculator, keeping its declaration.

    Parameters
    ----------
    *names : str
        The per-respondent arguments of the wrapped function (``by`` may be a mapping).

    Returns
    -------
    callable
        A decorator.

    Raises
    ------
    InputError
        When the wrapped function is called with a pandas column whose index differs from
        the index of the pandas columns its ``design`` was built from
        (:func:`~dpssec.prevention.survey_design.check_aligned`).

    Examples
    --------
    >>> import pandas as pd
    >>> from dpssec.prevention import SurveyDesign, survey_mean
    >>> d = SurveyDesign(pd.Series([1.0, 3.0], index=["r1", "r2"]))
    >>> survey_mean(pd.Series([2.0, 4.0], index=["r1", "r2"]), d).value
    3.5
    """

    def wrap(function: F) -> F:
        signature = inspect.signature(function)

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError:
                return function(*args, **kwargs)  # the calculator says what is wrong
            design = bound.arguments.get("design")
            if isinstance(design, SurveyDesign) and design.index is not None:
                columns = {n: bound.arguments[n] for n in names if n in bound.arguments}
                check_aligned(design, function.__name__, **columns)
            return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return wrap


_EXAMPLE_DESIGN = SurveyDesign(
    [120.0, 80.0, 100.0, 90.0, 110.0, 95.0], strata=[1, 1, 1, 2, 2, 2], fpc=[900] * 3 + [800] * 3
)


# -- grouping ----------------------------------------------------------------------------


def _groups(by: Any, n: int) -> tuple[np.ndarray, int, dict[str, np.ndarray] | None]:
    """(code per row, number of groups, labels per group by variable) of ``by``."""
    if by is None:
        return np.zeros(n, dtype=np.intp), 1, None
    if isinstance(by, Mapping):
        columns = dict(by)
    else:
        name = getattr(by, "name", None) if hasattr(by, "to_numpy") else None
        columns = {str(name) if name is not None else "group": by}
    if not columns:
        return np.zeros(n, dtype=np.intp), 1, None
    codes: list[np.ndarray] = []
    uniques: list[np.ndarray] = []
    for name, labels in columns.items():
        code, unique = factorize(labels, f"by[{name!r}]" if len(columns) > 1 else "by")
        if code.size != n:
            raise InputError(f"by: {name!r} has {code.size} labels for {n} respondents")
        codes.append(code)
        uniques.append(unique)
    if len(codes) == 1:
        return codes[0], uniques[0].size, {next(iter(columns)): uniques[0]}
    stacked = np.ravel_multi_index(tuple(codes), tuple(u.size for u in uniques))
    cells, group = np.unique(stacked, return_inverse=True)
    positions = np.unravel_index(cells, tuple(u.size for u in uniques))
    labels_out = {name: u[p] for name, u, p in zip(columns, uniques, positions, strict=True)}
    return group.astype(np.intp).reshape(-1), cells.size, labels_out


def _restrict(
    group: np.ndarray, n_groups: int, keep: np.ndarray, labels: dict[str, np.ndarray] | None
) -> tuple[np.ndarray, int, dict[str, np.ndarray] | None]:
    """Codes with -1 outside ``keep``; groups without a kept row are left out (renumbered)."""
    present = np.bincount(group[keep], minlength=n_groups) > 0
    if not present.any():
        raise InputError(
            "no respondent is left in the domain (and groups) asked for: every row is outside "
            "the domain or has a missing value (numerator, denominator or values)"
        )
    renumber = np.cumsum(present) - 1
    out = np.where(keep, renumber[group], -1).astype(np.intp)
    if labels is not None:
        labels = {k: v[present] for k, v in labels.items()}
    return out, int(present.sum()), labels


# -- the core ----------------------------------------------------------------------------


def _as_rows(values: Any, name: str, n: int) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1:
        raise InputError(f"parameter {name!r} takes one value per respondent; got one value")
    if arr.size != n:
        raise InputError(f"parameter {name!r} has {arr.size} values; the design has {n} rows")
    return arr


def _domain(domain: Any, n: int) -> np.ndarray:
    if domain is None:
        return np.ones(n, dtype=bool)
    arr = _as_rows(domain, "domain", n)
    missing = np.isnan(arr)
    if missing.any():
        raise InputError(
            f"parameter 'domain': {int(missing.sum())} of {n} rows are missing (first at index "
            f"{int(np.argmax(missing))}); every respondent is in the domain (1) or not (0)"
        )
    return arr > 0


def _estimate(
    y: np.ndarray,
    x: np.ndarray | None,
    design: SurveyDesign,
    keep: np.ndarray,
    by: Any,
    degrees_of_freedom: Any,
) -> dict[str, Any]:
    """Estimates, variances, design effects and df per group (the shared computation)."""
    n = design.n_rows
    w = design.weights
    group, n_groups, labels = _groups(by, n)
    group, n_groups, labels = _restrict(group, n_groups, keep, labels)
    inside = group >= 0
    y = np.where(inside, y, 0.0)
    t_y = group_totals(w * y, group, n_groups)
    weight_total = group_totals(w, group, n_groups)
    if x is None:
        estimate = t_y
        denominator = None
        z = y
    else:
        x = np.where(inside, x, 0.0)
        t_x = group_totals(w * x, group, n_groups)
        if np.any(t_x == 0):
            g = int(np.argmax(t_x == 0))
            raise InputError(
                f"the weighted denominator is 0 in {int((t_x == 0).sum())} group(s) (first: "
                f"group {g}); a ratio needs a non-zero denominator total"
            )
        estimate = t_y / t_x
        denominator = t_x
        theta = estimate[np.where(inside, group, 0)]
        z = np.where(inside, (y - theta * x) / t_x[np.where(inside, group, 0)], 0.0)
    influence = w * z
    if design.replicate_weights is not None:
        variance = replicate_variance(
            design.replicate_weights,
            y,
            x,
            group,
            n_groups,
            estimate,
            scale=design.variance_scale,
            mse=design.replicate_mse,
        )
        df = np.full(n_groups, float(design.degrees_of_freedom))
    else:
        variance = taylor_variance(design.layout, influence, group, n_groups)
        df = group_degrees_of_freedom(design.layout, group, n_groups).astype(float)
    if degrees_of_freedom != "design":
        df = np.full(n_groups, float(degrees_of_freedom))
    respondents = group_totals((w > 0).astype(float), group, n_groups)
    deff = _design_effect(z, w, group, n_groups, respondents, weight_total, variance)
    with np.errstate(divide="ignore", invalid="ignore"):
        effective = respondents / deff
    return {
        "estimate": estimate,
        "variance": np.maximum(variance, 0.0),
        "numerator": t_y,
        "denominator": denominator if denominator is not None else weight_total,
        "df": df,
        "deff": deff,
        "effective": effective,
        "respondents": respondents,
        "labels": labels,
        "scalar": by is None,
    }


def _design_effect(
    z: np.ndarray,
    w: np.ndarray,
    group: np.ndarray,
    n_groups: int,
    respondents: np.ndarray,
    weight_total: np.ndarray,
    variance: np.ndarray,
) -> np.ndarray:
    """v / v_srs, ``v_srs = N^2 s_z^2 (1 - n/N) / n`` (R ``survey``; no fpc factor if N <= n)."""
    inside = group >= 0
    g = np.where(inside, group, 0)
    mean_z = group_totals(w * z, group, n_groups) / weight_total
    deviation = np.where(inside, z - mean_z[g], 0.0)
    spread = group_totals(w * deviation * deviation, group, n_groups) / weight_total
    with np.errstate(divide="ignore", invalid="ignore"):
        s2 = respondents / (respondents - 1) * spread
        factor = np.where(weight_total > respondents, 1 - respondents / weight_total, 1.0)
        srs = weight_total**2 * s2 * factor / respondents
        deff: np.ndarray = np.where(respondents > 1, variance / srs, np.nan)
    return deff


def _t_quantile(df: np.ndarray, confidence: float) -> np.ndarray:
    from scipy.special import ndtri, stdtrit

    p = 1 - (1 - confidence) / 2
    with np.errstate(invalid="ignore"):
        quantile: np.ndarray = np.where(
            np.isinf(df), ndtri(p), stdtrit(np.where(df >= 1, np.where(np.isinf(df), 1, df), 1), p)
        )
    return np.where(df >= 1, quantile, np.nan)


def _where(labels: dict[str, np.ndarray] | None, row: int) -> str:
    """``sex='f', age_band='youth'`` for the group ``row`` (plain labels, not numpy scalars)."""
    if not labels:
        return "the estimate"
    items = ((k, v[row]) for k, v in labels.items())
    return ", ".join(f"{k}={x.item() if isinstance(x, np.generic) else x!r}" for k, x in items)


def _warn_no_df(df: np.ndarray, labels: dict[str, np.ndarray] | None, name: str) -> None:
    bad = ~(df >= 1)
    if bad.any():
        first = int(np.argmax(bad))
        where = _where(labels, first)
        warnings.warn(
            f"{name}: {int(bad.sum())} estimate(s) have no design degrees of freedom (all their "
            f"respondents are in one PSU per stratum; first: {where}); their interval is NaN",
            DataQualityWarning,
            stacklevel=4,
        )


def _warn_undefined_deff(parts: dict[str, Any], name: str) -> None:
    """The design effect is 0/0 where the answers do not vary: say so instead of a silent NaN."""
    deff = np.atleast_1d(parts["deff"])
    respondents = np.atleast_1d(parts["respondents"])
    undefined = np.isnan(deff) & (respondents > 1) & (np.atleast_1d(parts["variance"]) == 0)
    if not undefined.any():
        return
    first = int(np.argmax(undefined))
    labels = parts["labels"]
    where = _where(labels, first)
    warnings.warn(
        f"{name}: the values do not vary in {int(undefined.sum())} of {deff.size} estimate(s) "
        f"(first: {where}); their variance is 0, so the design effect and the effective sample "
        "size are undefined (NaN)",
        DataQualityWarning,
        stacklevel=6,
    )


def _result(
    parts: dict[str, Any],
    lower: np.ndarray,
    upper: np.ndarray,
    *,
    statistic: str,
    method: str,
    confidence: float,
    multiplier: float,
    missing: str,
) -> SurveyEstimate:
    scalar = parts["scalar"]
    _warn_undefined_deff(parts, f"survey_{statistic}")

    def out(values: Any) -> Any:
        arr = np.asarray(values, dtype=float)
        return float(arr[0]) if scalar else arr

    se = np.sqrt(parts["variance"])
    return SurveyEstimate(
        value=out(parts["estimate"] * multiplier),
        lower=out(lower * multiplier),
        upper=out(upper * multiplier),
        confidence=confidence,
        method=method,
        numerator=out(parts["numerator"]),
        denominator=out(parts["denominator"]),
        multiplier=multiplier,
        standard_error=out(se * multiplier),
        design_effect=out(parts["deff"]),
        effective_sample_size=out(parts["effective"]),
        sample_size=out(parts["respondents"]),
        degrees_of_freedom=out(parts["df"]),
        statistic=statistic,
        groups=None if scalar else parts["labels"],
        missing=missing,
        reference=R_SURVEY,
    )


def _symmetric(parts: dict[str, Any], confidence: float, name: str) -> tuple[Any, Any]:
    _warn_no_df(parts["df"], parts["labels"], name)
    half = _t_quantile(parts["df"], confidence) * np.sqrt(parts["variance"])
    return parts["estimate"] - half, parts["estimate"] + half


def _check_design(design: Any) -> SurveyDesign:
    if not isinstance(design, SurveyDesign):
        raise InputError(
            f"parameter 'design' must be a SurveyDesign (weights, strata, clusters...); got "
            f"{type(design).__name__}"
        )
    return design


def _degrees(value: Any) -> Any:
    if isinstance(value, str):
        if value != "design":
            raise InputError(
                f"parameter 'degrees_of_freedom' must be 'design' or a number >= 1 (math.inf "
                f"for a normal quantile); got {value!r}"
            )
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 1:
        raise InputError(
            "parameter 'degrees_of_freedom' must be 'design' or a number >= 1 (math.inf for a "
            f"normal quantile); got {short_repr(value)}"
        )
    try:
        return float(value)
    except OverflowError:  # an integer beyond float64: as good as infinity, but not meant
        raise InputError(
            "parameter 'degrees_of_freedom' is too large for a 64-bit float; give math.inf for "
            "a normal quantile"
        ) from None


def _missing_rows(values: np.ndarray, nan_policy: str, name: str, function: str) -> np.ndarray:
    missing: np.ndarray = np.isnan(values)
    if not missing.any():
        return missing
    count, first = int(missing.sum()), int(np.argmax(missing))
    if nan_policy == "raise":
        raise InputError(
            f"parameter {name!r}: {count} of {values.size} values are missing (NaN) (first at "
            f"index {first}); pass nan_policy='omit' to estimate over the answered rows as a "
            "domain (the design is kept, as R's na.rm=TRUE)"
        )
    warnings.warn(
        f"{function}: {count} of {values.size} rows have no {name} (first at index {first}); "
        "estimated over the answered rows as a domain (nan_policy='omit')",
        DataQualityWarning,
        stacklevel=4,
    )
    return missing


# -- calculators -------------------------------------------------------------------------


@aligned_to_design("values", "domain", "by")
@calculator(
    values=SurveyAnswers(),
    domain=SurveyAnswers(optional=True),
    method=Choice(PROPORTION_METHODS),
    confidence=Confidence(),
    dont_know=Choice(DONT_KNOW_RULES, optional=True),
    multiplier=Scale(),
    elementwise=False,
    example={"values": [1, 0, 1, 1, 0, 0], "design": _EXAMPLE_DESIGN},
)
def survey_proportion(
    values: Any,
    design: SurveyDesign,
    *,
    domain: Any = None,
    by: Any = None,
    method: str = "logit",
    confidence: float = 0.95,
    dont_know: str | None = None,
    multiplier: float = 1,
    degrees_of_freedom: Any = "design",
) -> SurveyEstimate:
    """Design-based proportion answering "yes", with its interval, by groups and in domains.

    Parameters
    ----------
    values : array-like
        One answer per respondent (row of ``design``): 1/True "yes", 0/False "no", NaN for
        "don't know" / refused.
    design : SurveyDesign
        The survey's design.
    domain : array-like, optional
        1 for the respondents of the subpopulation (young women, migrants...), 0 for the rest;
        the other rows stay in the design.
    by : array-like or mapping, optional
        Group labels per respondent (one estimate per group, in one call), or a mapping of
        several such columns (``{"sex": ..., "age_band": ...}``) for their crossing.
    method : {"logit", "beta", "wilson", "mean"}
        Interval: logit-transformed Wald with a t quantile on the design degrees of freedom
        (R ``svyciprop`` default); Korn-Graubard (Clopper-Pearson with the degrees-of-freedom
        adjusted effective sample size); Wilson with the same effective sample size; plain
        Wald (``"mean"``, may leave [0, 1]).
    confidence : float
        0.95 or 95.
    dont_know : {"exclude", "include_in_denominator"}, optional
        Required when an answer is missing: estimate over the answered rows as a domain (the
        design kept), or count missing answers as "no". Recorded in ``result.missing``.
    multiplier : float
        1 for a share, 100 for percent.
    degrees_of_freedom : "design" or float
        ``"design"``: PSUs - strata among the respondents of each group (R's ``degf`` of a
        domain; replicates - 1 for replicate designs); a number fixes it (``math.inf`` for a
        normal quantile).

    Returns
    -------
    SurveyEstimate
        ``value``, ``lower``, ``upper``, ``standard_error``, ``design_effect``,
        ``effective_sample_size``; floats, or arrays with ``groups`` when ``by`` is given.

    Raises
    ------
    InputError
        Values not 0/1, missing answers without ``dont_know``, lengths that differ from the
        design, a ``design`` that is not a :class:`SurveyDesign`, an empty domain, a missing
        group label (naming the row), an unknown method.

    Notes
    -----
    ``p = sum w y / sum w`` over the group's respondents; linearised values
    ``u_i = w_i (y_i - p) / sum w``; variance as :func:`survey_mean`. Logit:
    ``expit(logit p +/- t_df se / (p (1 - p)))``. Korn-Graubard (R ``method="beta"``):
    ``n* = p (1 - p) / v (t_{n-1} / t_df)^2``, then Clopper-Pearson limits with ``n* p``
    successes out of ``n*`` (``prevention.md`` §8). Wilson: the Wilson score interval with
    ``n*``. Where ``p`` is 0 or 1 the variance is 0 and ``n*`` is the number of respondents.
    Design effect: ``v / v_srs`` with ``v_srs = s^2 (1 - n/N) / n``,
    ``s^2 = n/(n-1) p (1 - p)`` (R ``deff=TRUE``). With all weights 1 and no clusters or
    strata, ``v = p (1 - p) / (n - 1)``: the simple-random-sampling variance with the unbiased
    ``n/(n-1)`` factor.

    References
    ----------
    Korn EL, Graubard BI. Confidence intervals for proportions with small expected number of
    positive counts estimated from survey data. Surv Methodol 1998;24:193-201.
    Lumley T. R package ``survey`` 4.1-1, ``svyciprop``, ``svymean``.

    Examples
    --------
    >>> from dpssec.prevention import SurveyDesign, survey_proportion
    >>> design = SurveyDesign([120.0, 80.0, 100.0, 90.0, 110.0, 95.0], strata=[1, 1, 1, 2, 2, 2])
    >>> r = survey_proportion([1, 0, 1, 1, 0, 0], design, by=["f", "m", "f", "m", "f", "m"])
    >>> r.groups["group"].tolist(), r.value.round(3).tolist()
    (['f', 'm'], [0.667, 0.34])
    >>> survey_proportion([1, float("nan"), 0, 1, 1, 0], design)
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'values': 1 of 6 answers are missing (don't know / refused) (first at index 1); choose dont_know='exclude' (a domain of the answered rows) or 'include_in_denominator' (counted as 'no')
    """
    design = _check_design(design)
    df_option = _degrees(degrees_of_freedom)
    y = _as_rows(values, "values", design.n_rows)
    keep = _domain(domain, design.n_rows)
    missing = np.isnan(y)
    treatment = "no missing answers"
    if missing.any():
        if dont_know is None:
            raise InputError(
                f"parameter 'values': {int(missing.sum())} of {y.size} answers are missing (don't "
                f"know / refused) (first at index {int(np.argmax(missing))}); choose "
                "dont_know='exclude' (a domain of the answered rows) or 'include_in_denominator' "
                "(counted as 'no')"
            )
        if dont_know == "exclude":
            keep = keep & ~missing
            treatment = "missing answers excluded from the denominator (domain of the answered)"
        else:
            treatment = "missing answers counted as 'no' (kept in the denominator)"
        y = np.where(missing, 0.0, y)
    parts = _estimate(y, np.ones(y.size), design, keep, by, df_option)
    lower, upper = _proportion_limits(parts, method, confidence)
    return _result(
        parts,
        lower,
        upper,
        statistic="proportion",
        method=_METHOD_NAMES[method],
        confidence=confidence,
        multiplier=multiplier,
        missing=treatment,
    )


_METHOD_NAMES = {
    "logit": "logit (t on design df, R svyciprop)",
    "beta": "beta (Korn-Graubard, df-adjusted effective sample size)",
    "wilson": "wilson (df-adjusted effective sample size)",
    "mean": "mean (Wald, t on design df)",
}


def _proportion_limits(
    parts: dict[str, Any], method: str, confidence: float
) -> tuple[np.ndarray, np.ndarray]:
    from scipy.special import stdtrit

    from dpssec.stats.intervals import clopper_pearson_limits, wilson_limits

    p = parts["estimate"]
    v = parts["variance"]
    df = parts["df"]
    _warn_no_df(df, parts["labels"], "survey_proportion")
    t = _t_quantile(df, confidence)
    degenerate = (v <= 0) | (p <= 0) | (p >= 1)
    if method == "mean":
        half = t * np.sqrt(v)
        return p - half, p + half
    if method == "logit":
        safe_p = np.where(degenerate, 0.5, p)
        centre = np.log(safe_p / (1 - safe_p))
        half = t * np.sqrt(np.where(degenerate, 0.0, v)) / (safe_p * (1 - safe_p))
        lower = 1 / (1 + np.exp(-(centre - half)))
        upper = 1 / (1 + np.exp(-(centre + half)))
        if degenerate.any():  # p = 0 or 1: Clopper-Pearson on the respondents
            cp_lower, cp_upper = clopper_pearson_limits(
                p * parts["respondents"], parts["respondents"], confidence
            )
            lower = np.where(degenerate, cp_lower, lower)
            upper = np.where(degenerate, cp_upper, upper)
        return lower, upper
    alpha = 1 - confidence
    with np.errstate(divide="ignore", invalid="ignore"):
        n_eff = np.where(degenerate, parts["respondents"], p * (1 - p) / v)
        ratio = stdtrit(np.maximum(parts["respondents"] - 1, 1), 1 - alpha / 2) / np.where(
            df >= 1, stdtrit(np.maximum(df, 1), 1 - alpha / 2), np.nan
        )
    adjusted = np.where(degenerate, n_eff, n_eff * ratio * ratio)
    if method == "beta":
        lower, upper = clopper_pearson_limits(p * adjusted, adjusted, confidence)
    else:
        lower, upper = wilson_limits(p * adjusted, adjusted, confidence)
    bad = ~(df >= 1)
    return np.where(bad, np.nan, lower), np.where(bad, np.nan, upper)


_VALUES_EXAMPLE = {"values": [3.0, 5.0, 4.0, 6.0, 2.0, 7.0], "design": _EXAMPLE_DESIGN}


@aligned_to_design("values", "domain", "by")
@calculator(
    values=SurveyValues(),
    domain=SurveyAnswers(optional=True),
    confidence=Confidence(),
    elementwise=False,
    nan_policies=("raise", "omit"),
    example=_VALUES_EXAMPLE,
)
def survey_mean(
    values: Any,
    design: SurveyDesign,
    *,
    domain: Any = None,
    by: Any = None,
    confidence: float = 0.95,
    degrees_of_freedom: Any = "design",
    nan_policy: str = "raise",
) -> SurveyEstimate:
    """Design-based mean of a survey variable, by groups and in domains.

    Parameters
    ----------
    values : array-like
        One value per respondent (row of ``design``).
    design : SurveyDesign
    domain, by, degrees_of_freedom
        As :func:`survey_proportion`.
    confidence : float
        0.95 or 95.
    nan_policy : {"raise", "omit"}
        Missing values are refused (default) or their rows estimated as outside a domain of
        the answered rows, the design kept (R's ``na.rm=TRUE``), with a warning.

    Returns
    -------
    SurveyEstimate
        Interval ``mean +/- t_df se``.

    Raises
    ------
    InputError
        Text or booleans in ``values``, missing values under ``nan_policy="raise"``, lengths
        that differ from the design, an empty domain, a missing group label.

    Notes
    -----
    ``ybar = sum w y / sum w``; linearised values ``u_i = w_i (y_i - ybar) / sum w`` (0 outside
    the group); PSU totals ``z_hi``;
    ``v = sum_h (1 - n_h/N_h) n_h / (n_h - 1) sum_i (z_hi - zbar_h)^2`` (first-stage,
    ultimate-cluster variance; Wolter 2007 §6; R ``survey:::onestrat``). Design effect as R:
    ``v / (s^2 (1 - n/N) / n)`` with ``s^2`` the weighted variance times ``n/(n-1)``; without
    the ``(1 - n/N)`` factor when the weights sum to no more than ``n`` (weights that are not
    expansion weights).

    References
    ----------
    Wolter KM. Introduction to Variance Estimation, 2nd ed. Springer 2007.
    Lumley T. R package ``survey`` 4.1-1, ``svymean``, ``svyby``.

    Examples
    --------
    >>> from dpssec.prevention import SurveyDesign, survey_mean
    >>> d = SurveyDesign([2.0, 2.0, 4.0, 4.0], clusters=["a", "a", "b", "c"])
    >>> r = survey_mean([10.0, 12.0, 9.0, 15.0], d)
    >>> round(r.value, 4), round(r.standard_error, 4), r.degrees_of_freedom
    (11.6667, 1.7638, 2.0)
    """
    design = _check_design(design)
    df_option = _degrees(degrees_of_freedom)
    y = _as_rows(values, "values", design.n_rows)
    keep = _domain(domain, design.n_rows)
    missing = _missing_rows(y, nan_policy, "values", "survey_mean")
    keep = keep & ~missing
    parts = _estimate(np.where(missing, 0.0, y), np.ones(y.size), design, keep, by, df_option)
    lower, upper = _symmetric(parts, confidence, "survey_mean")
    return _result(
        parts,
        lower,
        upper,
        statistic="mean",
        method="t on design df",
        confidence=confidence,
        multiplier=1.0,
        missing=_treatment(missing),
    )


def _treatment(missing: np.ndarray) -> str:
    if not missing.any():
        return "no missing values"
    return f"{int(missing.sum())} missing values excluded (domain of the answered rows)"


@aligned_to_design("values", "domain", "by")
@calculator(
    values=SurveyValues(),
    domain=SurveyAnswers(optional=True),
    confidence=Confidence(),
    elementwise=False,
    nan_policies=("raise", "omit"),
    example=_VALUES_EXAMPLE,
)
def survey_total(
    values: Any,
    design: SurveyDesign,
    *,
    domain: Any = None,
    by: Any = None,
    confidence: float = 0.95,
    degrees_of_freedom: Any = "design",
    nan_policy: str = "raise",
) -> SurveyEstimate:
    """Design-based total of a survey variable (``sum w y``), by groups and in domains.

    Parameters
    ----------
    values : array-like
        One value per respondent; a 0/1 indicator gives the estimated number of persons (e.g.
        victims of violence in the population).
    design : SurveyDesign
    domain, by, confidence, degrees_of_freedom, nan_policy
        As :func:`survey_mean`.

    Returns
    -------
    SurveyEstimate
        Interval ``total +/- t_df se``.

    Raises
    ------
    InputError
        As :func:`survey_mean`.

    Notes
    -----
    Linearised values ``u_i = w_i y_i`` (0 outside the group), then the variance of
    :func:`survey_mean`. Design effect ``v / (N^2 s^2 (1 - n/N) / n)`` (R ``svytotal``).

    References
    ----------
    Lumley T. R package ``survey`` 4.1-1, ``svytotal``.

    Examples
    --------
    >>> from dpssec.prevention import SurveyDesign, survey_total
    >>> d = SurveyDesign([100.0, 100.0, 50.0, 50.0], strata=[1, 1, 2, 2], fpc=[400, 400, 300, 300])
    >>> r = survey_total([1, 0, 1, 1], d)
    >>> r.value, round(r.standard_error, 3)
    (200.0, 99.75)
    """
    design = _check_design(design)
    df_option = _degrees(degrees_of_freedom)
    y = _as_rows(values, "values", design.n_rows)
    keep = _domain(domain, design.n_rows)
    missing = _missing_rows(y, nan_policy, "values", "survey_total")
    keep = keep & ~missing
    parts = _estimate(np.where(missing, 0.0, y), None, design, keep, by, df_option)
    lower, upper = _symmetric(parts, confidence, "survey_total")
    return _result(
        parts,
        lower,
        upper,
        statistic="total",
        method="t on design df",
        confidence=confidence,
        multiplier=1.0,
        missing=_treatment(missing),
    )


@aligned_to_design("numerator", "denominator", "domain", "by")
@calculator(
    numerator=SurveyValues(),
    denominator=SurveyValues(),
    domain=SurveyAnswers(optional=True),
    confidence=Confidence(),
    elementwise=False,
    nan_policies=("raise", "omit"),
    example={
        "numerator": [3.0, 5.0, 4.0, 6.0, 2.0, 7.0],
        "denominator": [4.0, 5.0, 5.0, 6.0, 3.0, 9.0],
        "design": _EXAMPLE_DESIGN,
    },
)
def survey_ratio(
    numerator: Any,
    denominator: Any,
    design: SurveyDesign,
    *,
    domain: Any = None,
    by: Any = None,
    confidence: float = 0.95,
    degrees_of_freedom: Any = "design",
    nan_policy: str = "raise",
) -> SurveyEstimate:
    """Design-based ratio of two totals, ``sum w y / sum w x``, by groups and in domains.

    Parameters
    ----------
    numerator, denominator : array-like
        ``y`` and ``x`` per respondent (e.g. incidents and persons in the household).
    design : SurveyDesign
    domain, by, confidence, degrees_of_freedom, nan_policy
        As :func:`survey_mean` (a row missing either value is a missing row).

    Returns
    -------
    SurveyEstimate
        Interval ``ratio +/- t_df se``.

    Raises
    ------
    InputError
        As :func:`survey_mean`, and a group whose weighted denominator total is 0.

    Notes
    -----
    ``R = T_y / T_x``; linearised values ``u_i = w_i (y_i - R x_i) / T_x`` (R ``svyratio``).

    References
    ----------
    Lumley T. R package ``survey`` 4.1-1, ``svyratio``.

    Examples
    --------
    >>> from dpssec.prevention import SurveyDesign, survey_ratio
    >>> d = SurveyDesign([1.0, 1.0, 1.0, 1.0])
    >>> round(survey_ratio([2.0, 3.0, 1.0, 2.0], [4.0, 5.0, 3.0, 4.0], d).value, 4)
    0.5
    """
    design = _check_design(design)
    df_option = _degrees(degrees_of_freedom)
    y = _as_rows(numerator, "numerator", design.n_rows)
    x = _as_rows(denominator, "denominator", design.n_rows)
    keep = _domain(domain, design.n_rows)
    missing = _missing_rows(y, nan_policy, "numerator", "survey_ratio") | _missing_rows(
        x, nan_policy, "denominator", "survey_ratio"
    )
    keep = keep & ~missing
    parts = _estimate(
        np.where(missing, 0.0, y),
        np.where(missing, 0.0, x),
        design,
        keep,
        by,
        df_option,
    )
    lower, upper = _symmetric(parts, confidence, "survey_ratio")
    return _result(
        parts,
        lower,
        upper,
        statistic="ratio",
        method="t on design df",
        confidence=confidence,
        multiplier=1.0,
        missing=_treatment(missing),
    )
