"""Log-rank (Mantel-Haenszel) tests comparing survival curves between groups.

:func:`logrank_test` compares two groups (a programme and a control cohort);
:func:`multigroup_logrank_test` compares k groups. Both build the pooled table of event times
once (an O(n) counting path for integer durations) and use the hypergeometric variance.

For example:

>>> from dpssec.stats import logrank_test
>>> result = logrank_test([1, 4, 10, 12, 12, 3, 5.4], [1, 0, 1, 0, 1, 1, 1],
...                       [4, 5, 7, 11, 14, 20, 8, 8], [1, 1, 1, 1, 1, 1, 1, 1])
>>> round(result.statistic, 4), round(result.p_value, 4)
(0.0873, 0.7677)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.boundary import Count, Duration, Indicator, Labels, calculator, is_lazy
from dpssec.errors import InputError
from dpssec.scale import check_compute
from dpssec.stats._event_table import group_event_tables, materialised_records
from dpssec.stats.results import TestResult
from dpssec.stats.survival import RECORD_SPECS, RECORDS_EXAMPLE

__all__ = ["logrank_test", "multigroup_logrank_test"]

_NAME = "log-rank (Mantel-Haenszel)"


def _logrank(
    durations: np.ndarray,
    events: np.ndarray,
    weights: np.ndarray | None,
    codes: np.ndarray,
    n_groups: int,
) -> TestResult:
    from scipy.special import chdtrc

    _, at_risk, observed = group_event_tables(durations, events, weights, codes, n_groups)
    if observed.shape[0] == 0:
        raise InputError("no events in any group: the log-rank test is undefined")
    # Row and column sums as products with a vector of ones: much faster than sum(axis=1)
    # on a (times x groups) table with few groups.
    ones = np.ones(n_groups)
    n = at_risk @ ones
    d = observed @ ones
    share = at_risk / n[:, None]
    expected = d @ share
    # Hypergeometric factor d (n − d) / (n − 1); 0 where a single subject is at risk.
    factor = np.where(n > 1, d * (n - d) / np.where(n > 1, n - 1, 1.0), 0.0)
    covariance = np.diag(factor @ share) - (share * factor[:, None]).T @ share
    observed_total = np.ones(observed.shape[0]) @ observed
    difference = observed_total - expected
    reduced = covariance[:-1, :-1]
    # A zero variance means every event time is uninformative (all at risk fail, or a single
    # group at risk); then O = E exactly and the statistic is 0 (lifelines returns NaN).
    statistic = float(difference[:-1] @ np.linalg.pinv(reduced) @ difference[:-1])
    if not np.any(reduced):
        statistic = 0.0
    df = n_groups - 1
    return TestResult(
        statistic=statistic,
        p_value=float(chdtrc(df, statistic)),
        df=df,
        name=_NAME,
        observed=observed_total,
        expected=expected,
    )


def _sample(name: str) -> dict[str, Any]:
    """The record specs of one group, named ``durations_a``... and aligned within the group."""
    return {
        f"durations_{name}": Duration(sample=name),
        f"events_{name}": Indicator(sample=name),
        f"weights_{name}": Count(whole=False, optional=True, sample=name),
    }


@calculator(
    elementwise=False,
    integers=True,
    example={
        "durations_a": [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
        "events_a": [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0],
        "durations_b": [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
        "events_b": [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
    },
    **_sample("a"),
    **_sample("b"),
)
def logrank_test(
    durations_a: Any,
    events_a: Any,
    durations_b: Any,
    events_b: Any,
    *,
    weights_a: Any = None,
    weights_b: Any = None,
    nan_policy: str = "raise",
    compute: bool = True,
) -> Any:
    """Log-rank test that two survival curves are equal.

    Parameters
    ----------
    durations_a, events_a : array-like
        Group A: follow-up times >= 0 [days; a Quantity of time is converted to days, plain
        numbers must be in the same unit for both groups] and event indicators 0/1.
    durations_b, events_b : array-like
        Group B.
    weights_a, weights_b : array-like, optional
        Frequency weights (record counts).
    nan_policy : {"raise", "omit"}
        Records with a missing value refused (default) or left out (each group's own rows),
        with a warning per group.
    compute : bool
        For dask input: compute with the active scheduler (default), or return a Delayed.

    Returns
    -------
    TestResult
        ``statistic`` = (O_A − E_A)²/V, chi-square with 1 df; ``observed`` and ``expected`` per
        group (A, B).

    Raises
    ------
    InputError
        Invalid records (see :func:`~dpssec.stats.kaplan_meier`), or no events at all.
        When no event time is informative (V = 0) the statistic is 0 and the p-value 1.
    UnitError
        Durations given as a Quantity that is not a time.

    Notes
    -----
    At each distinct event time t_j of the pooled sample, with n_j at risk (n_Aj in A) and d_j
    events: E_A = Σ n_Aj d_j/n_j, V = Σ n_Aj n_Bj d_j (n_j − d_j)/(n_j² (n_j − 1)). Censorings at
    t_j count as at risk. Equal to R's ``survdiff(rho = 0)`` and lifelines' ``logrank_test``.
    Dask input (either group, or both) is reduced out of core: each group's table of distinct
    times is merged over its partitions and the test runs on the two tables
    (:mod:`dpssec.stats.survival_dask`); ``compute=False`` returns a Delayed.

    References
    ----------
    Mantel N. Cancer Chemother Rep 1966;50:163-170. Peto R, Peto J. J R Stat Soc A
    1972;135:185-207.

    Examples
    --------
    >>> from dpssec.stats import logrank_test
    >>> maintained = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161]
    >>> status_m = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0]
    >>> nonmaintained = [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45]
    >>> status_n = [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1]
    >>> r = logrank_test(maintained, status_m, nonmaintained, status_n)
    >>> round(r.statistic, 6), round(r.p_value, 6)
    (3.396389, 0.065339)
    """
    samples = [(durations_a, events_a, weights_a), (durations_b, events_b, weights_b)]
    if any(is_lazy(x) for sample in samples for x in sample):
        from dpssec.stats.survival_dask import as_dask_sample, reduce_records

        return reduce_records(
            logrank_test,
            [as_dask_sample(*sample) for sample in samples],
            [("durations_a", "events_a", "weights_a"), ("durations_b", "events_b", "weights_b")],
            compute=compute,
        )
    check_compute(compute)
    da, ea, wa = materialised_records(
        durations_a, events_a, weights_a, names=("durations_a", "events_a", "weights_a")
    )
    db, eb, wb = materialised_records(
        durations_b, events_b, weights_b, names=("durations_b", "events_b", "weights_b")
    )
    weights = None
    if wa is not None or wb is not None:
        weights = np.concatenate(
            [np.ones_like(da) if wa is None else wa, np.ones_like(db) if wb is None else wb]
        )
    codes = np.concatenate([np.zeros(da.size, np.int64), np.ones(db.size, np.int64)])
    return _logrank(np.concatenate([da, db]), np.concatenate([ea, eb]), weights, codes, 2)


@calculator(
    elementwise=False,
    integers=True,
    groups=Labels(),
    example={**RECORDS_EXAMPLE, "groups": ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b"]},
    **RECORD_SPECS,
)
def multigroup_logrank_test(
    durations: Any, events: Any, groups: Any, *, weights: Any = None, nan_policy: str = "raise"
) -> TestResult:
    """Log-rank test that k >= 2 survival curves are equal (chi-square with k − 1 df).

    Parameters
    ----------
    durations, events, weights : array-like
        As in :func:`~dpssec.stats.kaplan_meier`.
    groups : array-like
        A group label per record (numbers or strings); groups are ordered as ``numpy.unique``
        sorts their labels, which is the order of ``observed`` and ``expected``.
    nan_policy : {"raise", "omit"}
        Records with a missing duration, event, weight or group refused (default) or left
        out, with a warning.

    Returns
    -------
    TestResult

    Notes
    -----
    With O − E the vector of observed minus expected events per group and V the hypergeometric
    covariance Σ_j d_j (n_j − d_j)/(n_j − 1) · (diag(p_j) − p_j p_jᵀ), p_j = n_gj/n_j, the
    statistic is (O − E)ᵀ V⁻ (O − E) on the first k − 1 groups (a generalised inverse, as
    lifelines' ``multivariate_logrank_test``). With two groups it equals :func:`logrank_test`.

    Examples
    --------
    >>> from dpssec.stats import multigroup_logrank_test
    >>> r = multigroup_logrank_test([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 0], ["a", "b", "c"] * 2)
    >>> r.df
    2.0
    """
    d, e, w = materialised_records(durations, events, weights)
    if d.shape != groups.shape:  # one duration or event for every record: broadcast
        d, e = np.broadcast_to(d, groups.shape), np.broadcast_to(e, groups.shape)
        w = None if w is None else np.broadcast_to(w, groups.shape)
    names, codes = np.unique(groups, return_inverse=True)
    if names.size < 2:
        raise InputError(f"parameter 'groups' has {names.size} distinct label; need at least 2")
    return _logrank(d, e, w, codes.astype(np.int64), int(names.size))
