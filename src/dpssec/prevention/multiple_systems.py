"""Hidden victims by multiple systems estimation (calculators): Chapman and log-linear MSE.

SDG 16.2.2 is defined on all victims of trafficking, but the published series count
**detected** victims (``prevention.md`` §1). When several agencies (police, NGOs, labour
inspectors, shelters) keep lists of the victims they identified, the overlaps between the
lists say how many victims none of them found:

* :func:`chapman_estimate`: two lists, Chapman's estimator with a log-normal (Chao) or normal
  interval;
* :func:`multiple_systems_estimate`: 2 to 8 lists, log-linear Poisson models on the
  ``2^K - 1`` observed cells (statsmodels GLM), the model chosen by AIC/BIC over the admissible
  interaction sets (or SparseMSE's stepwise rule), the unobserved cell and the total with a
  profile-likelihood (default), log-normal Wald or parametric-bootstrap interval.

Both return an **estimate of the total number of victims** (identified + unidentified),
labelled as such: it is a separate quantity, never merged into the detected-victims rate
(:func:`~dpssec.prevention.trafficking_victim_rate`).

For example:

>>> from dpssec.prevention import chapman_estimate
>>> r = chapman_estimate(120, 80, 24)
>>> round(r.value, 2), r.identified, round(r.unobserved, 2)
(391.04, 176.0, 215.04)
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Indicator,
    Names,
    Number,
    Share,
    Size,
    calculator,
    example_by,
    not_above,
    short_repr,
)
from dpssec.boundary.arrays import is_lazy, is_pandas
from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention.multiple_systems_models import (
    CaptureTable,
    LoglinearFit,
    capture_table,
    fit_loglinear,
    profile_interval,
    stepwise_interactions,
)
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.stats import Estimate

__all__ = [
    "CHAPMAN_METHODS",
    "HiddenPopulationEstimate",
    "MSE_INTERVALS",
    "MSE_SELECTIONS",
    "MultipleSystemsResult",
    "TOTAL_VICTIMS_LABEL",
    "chapman_estimate",
    "multiple_systems_estimate",
]

CHAPMAN_METHODS = ("lognormal", "normal")
"""Interval methods of :func:`chapman_estimate`."""

MSE_SELECTIONS = ("bic", "aic", "stepwise")
"""Model selection rules of :func:`multiple_systems_estimate`."""

MSE_INTERVALS = ("profile", "wald-log", "bootstrap")
"""Interval methods of :func:`multiple_systems_estimate`."""

TOTAL_VICTIMS_LABEL = (
    "estimated total victims (identified + unidentified); not the detected-victims rate of "
    "SDG 16.2.2"
)
"""How every multiple-systems estimate is labelled."""

CHAPMAN_1951 = Reference(
    "Chapman DG. Some properties of the hypergeometric distribution with applications to "
    "zoological sample censuses. Univ Calif Publ Stat 1951;1:131-160",
    "1951",
    "N = (n1 + 1)(n2 + 1)/(m + 1) - 1; variance of Seber (1970); log-normal interval of "
    "Chao (1987)",
)
LOGLINEAR_MSE = Reference(
    "Bishop YMM, Fienberg SE, Holland PW. Discrete Multivariate Analysis, ch. 6; "
    "Chan L, Silverman BW, Vincent K. J Am Stat Assoc 2021;116:1297-1306 (SparseMSE)",
    "1975; 2021",
    "log-linear Poisson models on the 2^K - 1 observed cells; unobserved cell exp(intercept)",
)


def _values(value: Any) -> Any:
    """Float for a scalar, float array otherwise; dask and pandas Series kept."""
    if value is None or is_lazy(value):
        return value
    if is_pandas(value) and value.ndim == 1:
        return value if value.dtype.kind == "f" else value.astype(float)
    if np.ndim(value) == 0:
        return float(value)
    arr = np.asarray(value, dtype=float).view()
    arr.setflags(write=False)
    return arr


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None or is_lazy(a) or is_lazy(b):
        return a is b
    return np.shape(a) == np.shape(b) and bool(
        np.array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_nan=True)
    )


_SAME = attrs.cmp_using(eq=_same)


@example_by("chapman_estimate")
@attrs.frozen(eq=False)
class HiddenPopulationEstimate(Estimate):
    """An estimate of a total population (identified + hidden), with its standard error.

    Attributes
    ----------
    value, lower, upper : float or ndarray
        Estimated total and its confidence limits [persons].
    standard_error : float or ndarray
        Standard error of the total (NaN where the method gives none).
    identified : float or ndarray
        Distinct persons on at least one list.
    unobserved : float or ndarray
        ``value - identified``: the estimated persons on no list (the "dark figure").
    label : str
        What the number is (:data:`TOTAL_VICTIMS_LABEL`).
    reference : Reference or None

    Examples
    --------
    >>> from dpssec.prevention import chapman_estimate
    >>> chapman_estimate(50, 40, 20).label.startswith("estimated total victims")
    True
    """

    PER_ELEMENT_FIELDS: ClassVar[tuple[str, ...]] = (
        *Estimate.PER_ELEMENT_FIELDS,
        "standard_error",
        "identified",
        "unobserved",
    )

    standard_error: Any = attrs.field(default=None, converter=_values, eq=_SAME)
    identified: Any = attrs.field(default=None, converter=_values, eq=_SAME)
    unobserved: Any = attrs.field(default=None, converter=_values, eq=_SAME)
    label: str = TOTAL_VICTIMS_LABEL
    reference: Reference | None = None

    def _columns(self) -> dict[str, Any]:
        columns = {
            "value": self.value,
            "lower": self.lower,
            "upper": self.upper,
            "standard_error": self.standard_error,
            "identified": self.identified,
            "unobserved": self.unobserved,
            "confidence": self.confidence,
            "method": self.method,
        }
        return columns


# -- Chapman -----------------------------------------------------------------------------


@calculator(
    n1=Count(),
    n2=Count(),
    m=Count(),
    confidence=Confidence(),
    method=Choice(CHAPMAN_METHODS),
    relations=[
        not_above("m", "n1", "are above n1 (victims on both lists cannot outnumber list 1)"),
        not_above("m", "n2", "are above n2 (victims on both lists cannot outnumber list 2)"),
    ],
    example={"n1": [120, 40], "n2": [80, 35], "m": [24, 10]},
)
def chapman_estimate(
    n1: Any,
    n2: Any,
    m: Any,
    *,
    confidence: float = 0.95,
    method: str = "lognormal",
    nan_policy: str = "raise",
) -> HiddenPopulationEstimate:
    """Chapman's two-list estimate of a total population (identified + hidden).

    Parameters
    ----------
    n1, n2 : array-like
        Victims on list 1 and on list 2 [persons].
    m : array-like
        Victims on both lists (matched records) [persons], <= n1 and <= n2.
    confidence : float
        0.95 or 95.
    method : {"lognormal", "normal"}
        Interval: Chao's log-normal interval for the unidentified part (never below the
        identified count; default) or the normal (Wald) interval.
    nan_policy : {"raise", "propagate"}

    Returns
    -------
    HiddenPopulationEstimate
        The estimated total with ``identified = n1 + n2 - m`` and ``unobserved``; labelled an
        estimate of total victims.

    Raises
    ------
    InputError
        Negative or non-whole counts, ``m`` above ``n1`` or ``n2``, NaN, lengths that differ.

    Warns
    -----
    DataQualityWarning
        Rows with fewer than 7 matched victims, naming those with none: with no overlap the
        estimate (finite by construction) says nothing about the hidden population, and with
        few it is biased and unstable (Robson & Regier 1964 ask for at least 7 recaptures).

    Notes
    -----
    ``N = (n1 + 1)(n2 + 1)/(m + 1) - 1`` (Chapman 1951, nearly unbiased, finite at ``m = 0``);
    ``var = (n1 + 1)(n2 + 1)(n1 - m)(n2 - m) / ((m + 1)^2 (m + 2))`` (Seber 1970). Log-normal:
    with ``r = n1 + n2 - m`` and ``f0 = N - r``,
    ``C = exp(z sqrt(log(1 + var / f0^2)))``, limits ``r + f0 / C`` and ``r + f0 C`` (Chao
    1987). Assumes a closed population, independent lists and homogeneous capture
    probabilities; with more than two lists use :func:`multiple_systems_estimate`.

    References
    ----------
    Chapman DG. Univ Calif Publ Stat 1951;1:131-160. Seber GAF. Biometrika 1970;57:313-318.
    Chao A. Biometrics 1987;43:783-791. Robson DS, Regier HA. Trans Am Fish Soc
    1964;93:215-226.

    Examples
    --------
    >>> from dpssec.prevention import chapman_estimate
    >>> r = chapman_estimate([120, 40], [80, 35], [24, 10])
    >>> r.value.round(2).tolist(), r.lower.round(1).tolist()
    ([391.04, 133.18], [305.1, 96.8])
    """
    from dpssec.stats.intervals import normal_quantile

    z = normal_quantile(confidence)
    if not is_lazy(m):
        _warn_few_matches(np.atleast_1d(m))
    total = (n1 + 1) * (n2 + 1) / (m + 1) - 1
    variance = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
    identified = n1 + n2 - m
    hidden = total - identified
    if method == "normal":
        half = z * np.sqrt(variance)
        lower, upper = total - half, total + half
        label = "normal (Seber variance)"
    else:
        positive = hidden > 0
        safe = np.where(positive, hidden, 1.0)
        spread = np.exp(z * np.sqrt(np.log1p(variance / (safe * safe))))
        lower = np.where(positive, identified + safe / spread, identified)
        upper = np.where(positive, identified + safe * spread, identified)
        label = "lognormal (Chao 1987, Seber variance)"
    return HiddenPopulationEstimate(
        value=total,
        lower=lower,
        upper=upper,
        confidence=confidence,
        method=label,
        standard_error=np.sqrt(variance),
        identified=identified,
        unobserved=hidden,
        reference=CHAPMAN_1951,
    )


def _warn_few_matches(m: np.ndarray) -> None:
    with np.errstate(invalid="ignore"):
        few = m < 7
        none = m == 0
    if not few.any():
        return
    first = int(np.argmax(none if none.any() else few))
    text = (
        f"no victim is on both lists in {int(none.sum())} of {m.size} rows (first at index "
        f"{first}): the estimate then rests on no overlap and says nothing about the hidden "
        "population (the lists may cover different people)"
        if none.any()
        else f"fewer than 7 victims are on both lists in {int(few.sum())} of {m.size} rows "
        f"(first at index {first}: {m[first]:g})"
    )
    warnings.warn(
        f"chapman_estimate: {text}; with few matches Chapman's estimate is biased and its "
        "interval unreliable (at least 7 recaptures: Robson & Regier 1964)",
        DataQualityWarning,
        stacklevel=4,
    )


# -- log-linear multiple systems estimation ----------------------------------------------


@example_by("multiple_systems_estimate")
@attrs.frozen(eq=False)
class MultipleSystemsResult(ResultMixin):
    """A multiple-systems estimate of the total number of victims and the model behind it.

    Attributes
    ----------
    total : HiddenPopulationEstimate
        Estimated total victims (identified + unidentified) with its interval.
    unobserved : Estimate
        Expected count of the unobserved cell (victims on no list) with its interval.
    identified : int
        Distinct victims on at least one list.
    lists : tuple of str
    interactions : tuple of (str, str)
        Pairs of lists whose dependence the chosen model includes.
    selection : str
        How the model was chosen (``"bic"``, ``"aic"``, ``"stepwise"``, ``"fixed"``).
    models : list of dict
        The candidate models ranked (interactions, AIC, BIC, estimated total), best first.
    deviance, degrees_of_freedom : float
        Goodness of fit of the chosen model on the observed cells.
    inestimable : tuple of (str, str)
        Pairs with no victim in common, whose interaction cannot be estimated (left out).
    label : str
    reference : Reference

    Examples
    --------
    >>> from dpssec.prevention import multiple_systems_estimate
    >>> r = multiple_systems_estimate([[1, 0], [0, 1], [1, 1]], [40, 30, 20])
    >>> round(r.total.value, 1), r.identified
    (150.0, 90)
    """

    total: HiddenPopulationEstimate
    unobserved: Estimate
    identified: int
    lists: tuple[str, ...]
    interactions: tuple[tuple[str, str], ...]
    selection: str
    models: list[dict[str, Any]]
    deviance: float
    degrees_of_freedom: float
    inestimable: tuple[tuple[str, str], ...]
    label: str = TOTAL_VICTIMS_LABEL
    reference: Reference = LOGLINEAR_MSE

    def _columns(self) -> dict[str, Any]:
        return {
            "estimated_total": self.total.value,
            "lower": self.total.lower,
            "upper": self.total.upper,
            "identified": self.identified,
            "unobserved": self.unobserved.value,
            "interval": self.total.method,
            "interactions": ", ".join(f"{a}:{b}" for a, b in self.interactions) or "none",
            "selection": self.selection,
            "label": self.label,
        }


_EXAMPLE_HISTORIES = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]]


def _table_and_names(histories: Any, lists: Any) -> tuple[np.ndarray, tuple[str, ...]]:
    names: tuple[str, ...] | None = None
    if is_pandas(histories) and getattr(histories, "ndim", 1) == 2:
        names = tuple(str(c) for c in histories.columns)
        histories = histories.to_numpy()
    spec = Indicator(ndim=(2,), aligned=False)
    table = np.asarray(spec.convert(histories, "histories"), dtype=float)
    k = table.shape[1]
    if not 2 <= k <= 8:
        raise InputError(
            f"parameter 'histories' has {k} list columns; multiple systems estimation here "
            "takes 2 to 8 lists"
        )
    if lists is not None:
        if len(lists) != k:
            raise InputError(f"parameter 'lists' names {len(lists)} lists; histories has {k}")
        names = tuple(lists)
    if names is None:
        names = tuple("ABCDEFGH"[:k])
    return table.astype(np.int64), names


def _warn_quality(
    table: CaptureTable, names: tuple[str, ...], min_overlap: float, periods: Any
) -> tuple[tuple[int, int], ...]:
    k = table.n_lists
    pairs = list(itertools.combinations(range(k), 2))
    empty = [(i, j) for i, j in pairs if table.overlaps[i, j] == 0]
    sparse = [(i, j) for i, j in pairs if 0 < table.overlaps[i, j] < min_overlap]
    if empty:
        warnings.warn(
            "multiple_systems_estimate: no victim is on both of "
            + ", ".join(f"{names[i]} and {names[j]}" for i, j in empty)
            + "; their interaction cannot be estimated and is left out of every model",
            DataQualityWarning,
            stacklevel=4,
        )
    if sparse:
        warnings.warn(
            f"multiple_systems_estimate: sparse overlaps (fewer than {min_overlap:g} victims in "
            "common): "
            + ", ".join(f"{names[i]}-{names[j]} ({table.overlaps[i, j]:g})" for i, j in sparse)
            + "; the estimate depends heavily on these few matches",
            DataQualityWarning,
            stacklevel=4,
        )
    isolated = [
        names[i] for i in range(k) if all(table.overlaps[i, j] == 0 for j in range(k) if j != i)
    ]
    if isolated:
        warnings.warn(
            f"multiple_systems_estimate: list(s) {', '.join(isolated)} share no victim with any "
            "other list; the estimate rests on the independence of those lists",
            DataQualityWarning,
            stacklevel=4,
        )
    if periods is not None:
        spans = {name: tuple(str(v) for v in periods[name]) for name in names if name in periods}
        if len(set(spans.values())) > 1:
            shown = "; ".join(f"{n}: {s[0]} to {s[-1]}" for n, s in spans.items())
            warnings.warn(
                "multiple_systems_estimate: the lists cover different periods (" + shown + "); "
                "the population is not closed over them, so victims entering or leaving bias "
                "the estimate. Restrict the records to a common period",
                DataQualityWarning,
                stacklevel=4,
            )
    return tuple(empty)


def _candidates(
    table: CaptureTable, estimable: list[tuple[int, int]], max_interactions: int | None
) -> list[LoglinearFit]:
    top = len(estimable) if max_interactions is None else min(max_interactions, len(estimable))
    fits = []
    for size in range(top + 1):
        for subset in itertools.combinations(estimable, size):
            fit = fit_loglinear(table, subset)
            if fit.converged:
                fits.append(fit)
    return fits


@calculator(
    counts=Count(optional=True),
    max_interactions=Size(optional=True, upper=28),
    selection=Choice(MSE_SELECTIONS),
    confidence=Confidence(),
    interval=Choice(MSE_INTERVALS),
    lists=Names(optional=True),
    min_overlap=Number(lower=0.0, aligned=False, ndim=(0,)),
    pthresh=Share(aligned=False, ndim=(0,)),
    seed=Size(optional=True, upper=2**32 - 1),
    n_bootstrap=Size(lower=99, upper=100_000),
    elementwise=False,
    example={"histories": _EXAMPLE_HISTORIES, "counts": [210, 150, 95, 32, 18, 14, 6]},
)
def multiple_systems_estimate(
    histories: Any,
    counts: Any = None,
    *,
    max_interactions: int | None = 3,
    selection: str = "bic",
    confidence: float = 0.95,
    interval: str = "profile",
    lists: Any = None,
    interactions: Sequence[tuple[Any, Any]] | None = None,
    min_overlap: float = 5,
    list_periods: Mapping[str, Any] | None = None,
    pthresh: float = 0.02,
    n_bootstrap: int = 999,
    seed: int | None = None,
) -> MultipleSystemsResult:
    """Estimate the total number of victims from 2 to 8 overlapping lists (log-linear MSE).

    Parameters
    ----------
    histories : 2-D array-like or DataFrame
        Capture histories, one column per list (1 = on the list): one row per identified
        victim, or one row per pattern with ``counts``. DataFrame columns name the lists.
    counts : array-like, optional
        Victims with each row's pattern [persons] (1 per row when omitted).
    max_interactions : int or None
        The model search covers main effects plus at most this many pairwise interactions
        (all subsets of the estimable pairs when None: exhaustive, and slow beyond 6 lists).
    selection : {"bic", "aic", "stepwise"}
        Smallest BIC (``-2 logL + p log n``, n identified victims) or AIC over the admissible
        models, or SparseMSE's stepwise rule (``pthresh``), which reproduces the Home Office's
        published UK figure (see Notes).
    confidence : float
        0.95 or 95.
    interval : {"profile", "wald-log", "bootstrap"}
        Profile likelihood of the unobserved cell's expected count (default); Wald on its
        logarithm (SparseMSE's ``estimatepopulation.0``); or parametric bootstrap
        percentiles (Poisson counts drawn from the fitted model, the model refitted;
        conditional on the chosen model).
    lists : sequence of str, optional
        Names of the lists (A, B, ... by default, or the DataFrame's columns).
    interactions : sequence of pairs, optional
        Fix the model (pairs of list names or column numbers); ``selection`` is then ignored.
    min_overlap : float
        Pairs of lists with fewer victims in common are reported as sparse (warning).
    list_periods : mapping, optional
        List name to its (start, end) dates; different periods trigger a warning that the
        population is not closed.
    pthresh : float
        p-value threshold of the stepwise rule (SparseMSE's default 0.02).
    n_bootstrap : int
        Replicates of the bootstrap interval.
    seed : int, optional
        Random seed of the bootstrap.

    Returns
    -------
    MultipleSystemsResult
        ``total`` (identified + unidentified, never below the identified count) and
        ``unobserved`` with intervals, the chosen interactions and the ranked models; labelled
        an estimate of total victims.

    Raises
    ------
    InputError
        Histories not 0/1, fewer than 2 or more than 8 lists, a row on no list, counts that are
        negative or of another length, an unknown list in ``interactions`` or a fixed model
        whose estimate does not exist, no admissible model.

    Notes
    -----
    ``log mu_c = b0 + sum_k b_k c_k + sum_(j,k) b_jk c_j c_k`` over the observed patterns
    ``c``; the unobserved cell's expectation is ``exp(b0)`` (no K-way interaction).
    Assumptions: a closed population over the lists' period, the same victim matched across
    lists, and heterogeneity captured by the interactions. Pairs with an empty overlap are
    left out (their parameter's MLE is at minus infinity; Chan, Silverman & Vincent 2021), and
    models whose MLE does not exist are skipped.

    The choice of model decides the answer. On the UK 2013 data of the Home Office's
    published example (Silverman 2014: 2,744 potential victims, a total "between 10 thousand
    and 13 thousand") ``selection="stepwise"`` (the rule of Silverman's analysis, as in
    SparseMSE) reproduces it: 7 pairwise interactions, about 11,400 (10,000-13,200). The
    default, BIC over models of at most 3 interactions, gives about 13,500 (12,000-15,300):
    the cap leaves out the 7-interaction model, and BIC charges each parameter log(n) (7.9
    here) where AIC charges 2. Without the cap (``max_interactions=None``) BIC gives about
    12,400 and AIC the stepwise model, but the search covers every subset of the estimable
    pairs (2^15 models for 6 lists, 10 s; 2^28 for 8, not feasible), which is why the default
    caps it. Report the model and the sensitivity to it, not one number.

    References
    ----------
    Bishop YMM, Fienberg SE, Holland PW. Discrete Multivariate Analysis. MIT Press 1975.
    Silverman BW. Modern Slavery: an application of Multiple Systems Estimation. Home Office,
    2014. Chan L, Silverman BW, Vincent K. Multiple systems estimation for sparse capture data.
    J Am Stat Assoc 2021;116:1297-1306. van Dijk J, van der Heijden PGM. Multiple Systems
    Estimation for estimating the number of victims of human trafficking across the world.
    UNODC research brief, 2016.

    Examples
    --------
    >>> from dpssec.prevention import multiple_systems_estimate
    >>> histories = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]]
    >>> r = multiple_systems_estimate(histories, [210, 150, 95, 32, 18, 14, 6])
    >>> r.identified, round(r.total.value), r.interactions
    (525, 1462, ())
    >>> r.total.lower > r.identified
    True
    """
    if list_periods is not None and not (
        isinstance(list_periods, Mapping)
        and all(
            isinstance(v, Sequence) and not isinstance(v, str) and len(v) == 2
            for v in list_periods.values()
        )
    ):
        raise InputError(
            "parameter 'list_periods' must map list names to (start, end) dates; got "
            f"{short_repr(list_periods)}"
        )
    table_rows, names = _table_and_names(histories, lists)
    if counts is None:
        weights = np.ones(table_rows.shape[0])
    else:
        weights = np.atleast_1d(np.asarray(counts, dtype=float))
        if weights.size != table_rows.shape[0]:
            raise InputError(
                f"parameter 'counts' has {weights.size} values; histories has "
                f"{table_rows.shape[0]} rows"
            )
    table = capture_table(table_rows, weights)
    empty = _warn_quality(table, names, min_overlap, list_periods)
    k = table.n_lists
    estimable = [p for p in itertools.combinations(range(k), 2) if p not in empty]
    given: Any = interactions
    if given is not None:
        if (
            isinstance(given, str | bytes)
            or not isinstance(given, Iterable)
            or hasattr(given, "units")
            or (isinstance(given, np.ndarray) and given.ndim == 0)
        ):
            raise InputError(
                "parameter 'interactions' must be a sequence of pairs of list names; got "
                f"{short_repr(interactions)}"
            )
        chosen = [_pair(p, names) for p in given]
        fit = fit_loglinear(table, chosen)
        if not fit.converged:
            raise InputError(
                "the fixed model has no finite maximum-likelihood estimate (an interaction with "
                "an empty or nearly empty overlap, or too many parameters for the cells)"
            )
        ranked = [fit]
        how = "fixed"
    elif selection == "stepwise":
        fit = stepwise_interactions(table, estimable, pthresh)
        ranked = [fit]
        how = f"stepwise (SparseMSE rule, pthresh {pthresh:g})"
    else:
        fits = _candidates(table, estimable, max_interactions)
        if not fits:
            raise InputError("no admissible log-linear model has a finite estimate")
        ranked = sorted(fits, key=lambda f: f.criterion(selection, table.identified))
        fit = ranked[0]
        how = selection
    return _result(table, fit, ranked, names, how, confidence, interval, n_bootstrap, seed, empty)


def _pair(pair: tuple[Any, Any], names: tuple[str, ...]) -> tuple[int, int]:
    if isinstance(pair, str | bytes) or not isinstance(pair, Sequence) or len(pair) != 2:
        raise InputError(
            f"parameter 'interactions': {short_repr(pair)} is not a pair of list names"
        )
    out = []
    for item in pair:
        if isinstance(item, str):
            if item not in names:
                raise InputError(f"parameter 'interactions': no list {item!r}; have {names}")
            out.append(names.index(item))
        elif isinstance(item, int | np.integer) and 0 <= int(item) < len(names):
            out.append(int(item))
        else:
            raise InputError(f"parameter 'interactions': {item!r} is not a list name or number")
    i, j = sorted(out)
    if i == j:
        raise InputError(f"parameter 'interactions': {pair!r} pairs a list with itself")
    return i, j


def _result(
    table: CaptureTable,
    fit: LoglinearFit,
    ranked: list[LoglinearFit],
    names: tuple[str, ...],
    how: str,
    confidence: float,
    interval: str,
    n_bootstrap: int,
    seed: int | None,
    empty: tuple[tuple[int, int], ...],
) -> MultipleSystemsResult:
    from dpssec.stats.intervals import normal_quantile

    n = table.identified
    b0, se0 = float(fit.params[0]), float(fit.standard_errors[0])
    if interval == "profile":
        low, high = profile_interval(table, fit, confidence)
        unobserved_limits = (float(np.exp(low)), float(np.exp(high)))
        method = "profile likelihood of the unobserved cell's expected count"
    elif interval == "wald-log":
        z = normal_quantile(confidence)
        unobserved_limits = (float(np.exp(b0 - z * se0)), float(np.exp(b0 + z * se0)))
        method = "Wald on log of the unobserved cell (SparseMSE estimatepopulation.0)"
    else:
        rng = np.random.default_rng(seed)
        draws = []
        for _ in range(n_bootstrap):
            simulated = CaptureTable(
                patterns=table.patterns,
                counts=rng.poisson(fit.fitted).astype(float),
                overlaps=table.overlaps,
            )
            refit = fit_loglinear(simulated, fit.interactions)
            if refit.converged:
                draws.append(refit.unobserved)
        alpha = 1 - confidence
        q_low, q_high = np.quantile(draws, [alpha / 2, 1 - alpha / 2])
        unobserved_limits = (float(q_low), float(q_high))
        method = f"parametric bootstrap percentiles ({len(draws)} replicates, model fixed)"
    hidden = fit.unobserved
    se_hidden = hidden * se0  # delta method on exp(b0)
    unobserved = Estimate(hidden, *unobserved_limits, confidence, method)
    total = HiddenPopulationEstimate(
        value=n + hidden,
        lower=n + unobserved_limits[0],
        upper=n + unobserved_limits[1],
        confidence=confidence,
        method=method,
        standard_error=se_hidden,
        identified=n,
        unobserved=hidden,
        reference=LOGLINEAR_MSE,
    )
    models = [
        {
            "interactions": ", ".join(f"{names[i]}:{names[j]}" for i, j in f.interactions)
            or "none",
            "aic": f.criterion("aic", n),
            "bic": f.criterion("bic", n),
            "estimated_total": n + f.unobserved,
        }
        for f in ranked[:20]
    ]
    return MultipleSystemsResult(
        total=total,
        unobserved=unobserved,
        identified=round(n),
        lists=names,
        interactions=tuple((names[i], names[j]) for i, j in fit.interactions),
        selection=how,
        models=models,
        deviance=fit.deviance,
        degrees_of_freedom=float(table.counts.size - fit.n_parameters),
        inestimable=tuple((names[i], names[j]) for i, j in empty),
    )
