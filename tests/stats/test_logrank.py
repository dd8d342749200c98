"""Log-rank tests: aml (R survdiff / lifelines), lifelines as oracle, k groups, errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.serialization import from_json, to_json
from dpssec.stats import TestResult, logrank_test, multigroup_logrank_test
from tests.stats.conftest import load_rows

AML = load_rows("aml.csv")


def _group(name: str) -> tuple[np.ndarray, np.ndarray]:
    rows = [r for r in AML if r["group"] == name]
    return np.array([r["time"] for r in rows]), np.array([r["status"] for r in rows])


def test_aml_matches_survdiff() -> None:
    """R: survdiff(Surv(time, status) ~ x, aml): O/E 7/10.69 and 11/7.31, chi-square 3.4."""
    result = logrank_test(*_group("Maintained"), *_group("Nonmaintained"))
    assert result.statistic == pytest.approx(3.396389, abs=5e-7)
    assert result.p_value == pytest.approx(0.065339, abs=5e-7)
    assert result.df == 1
    np.testing.assert_allclose(result.observed, [7, 11])
    np.testing.assert_allclose(result.expected, [10.69, 7.31], atol=5e-3)
    assert from_json(to_json(result), TestResult) == result


def _lifelines_logrank(ta, ea, tb, eb) -> float:  # type: ignore[no-untyped-def]
    from lifelines.statistics import logrank_test as lifelines_logrank

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return lifelines_logrank(ta, tb, ea, eb)


sample = st.integers(2, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(1, 25), min_size=n, max_size=n),
        st.lists(st.integers(0, 1), min_size=n, max_size=n),
    )
)


@settings(max_examples=30)
@given(sample, sample, st.booleans())
def test_matches_lifelines(
    a: tuple[list[int], list[int]], b: tuple[list[int], list[int]], as_float: bool
) -> None:
    ta, tb = np.array(a[0], dtype=float), np.array(b[0], dtype=float)
    if as_float:
        ta, tb = ta * 0.3 + 0.05, tb * 0.3 + 0.05
    ea, eb = np.array(a[1]), np.array(b[1])
    if ea.sum() + eb.sum() == 0:
        ea[0] = 1
    ours = logrank_test(ta, ea, tb, eb)
    ref = _lifelines_logrank(ta, ea, tb, eb)
    if np.isnan(ref.test_statistic):  # zero variance: lifelines gives NaN, dpssec 0 and p = 1
        assert (ours.statistic, ours.p_value) == (0.0, 1.0)
        return
    assert ours.statistic == pytest.approx(ref.test_statistic, rel=1e-10, abs=1e-12)
    assert ours.p_value == pytest.approx(ref.p_value, rel=1e-10, abs=1e-12)
    two = multigroup_logrank_test(
        np.concatenate([ta, tb]), np.concatenate([ea, eb]), [0] * ta.size + [1] * tb.size
    )
    assert two.statistic == pytest.approx(ours.statistic, rel=1e-10, abs=1e-12)


@settings(max_examples=20)
@given(sample, sample, sample)
def test_k_groups_match_lifelines(
    a: tuple[list[int], list[int]], b: tuple[list[int], list[int]], c: tuple[list[int], list[int]]
) -> None:
    from lifelines.statistics import multivariate_logrank_test

    groups = (a, b, c)
    durations = np.concatenate([np.array(g[0], dtype=float) for g in groups])
    events = np.concatenate([np.array(g[1]) for g in groups])
    events[0] = 1
    labels = np.repeat(["x", "y", "z"], [len(g[0]) for g in groups])
    ours = multigroup_logrank_test(durations, events, labels)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = multivariate_logrank_test(durations, labels, events)
    assert ours.df == 2
    assert ours.statistic == pytest.approx(ref.test_statistic, rel=1e-9, abs=1e-10)


def test_weights_equal_expanded() -> None:
    ta, ea = _group("Maintained")
    tb, eb = _group("Nonmaintained")
    wa = np.arange(ta.size) % 3 + 1
    weighted = logrank_test(ta, ea, tb, eb, weights_a=wa)
    expanded = logrank_test(np.repeat(ta, wa), np.repeat(ea, wa), tb, eb)
    assert weighted.statistic == pytest.approx(expanded.statistic, rel=1e-12)


def test_bad_inputs() -> None:
    with pytest.raises(InputError, match=r"'durations_b': 1 of 2 values are negative"):
        logrank_test([1, 2], [1, 0], [3, -4], [1, 1])
    with pytest.raises(InputError, match="no events"):
        logrank_test([1, 2], [0, 0], [3, 4], [0, 0])
    with pytest.raises(InputError, match="lengths differ"):
        logrank_test([1, 2], [0], [3, 4], [0, 1])
    with pytest.raises(InputError, match="at least 2"):
        multigroup_logrank_test([1, 2], [1, 1], ["a", "a"])
    with pytest.raises(InputError, match="lengths differ"):
        multigroup_logrank_test([1, 2], [1, 1], ["a", "b", "c"])


def test_weighted_float_durations_equal_expanded() -> None:
    ta, ea = _group("Maintained")
    tb, eb = _group("Nonmaintained")
    ta, tb = ta + 0.25, tb + 0.25
    wb = np.arange(tb.size) % 2 + 1
    weighted = logrank_test(ta, ea, tb, eb, weights_b=wb)
    expanded = logrank_test(ta, ea, np.repeat(tb, wb), np.repeat(eb, wb))
    assert weighted.statistic == pytest.approx(expanded.statistic, rel=1e-12)
    np.testing.assert_allclose(weighted.expected, expanded.expected, rtol=1e-12)


def test_rossi_financial_aid() -> None:
    """Rossi data (lifelines), arrests by financial aid: fin = 1, 48 of 216; fin = 0, 66 of 216."""
    datasets = pytest.importorskip("lifelines.datasets")
    rossi = datasets.load_rossi()
    aid, none = rossi[rossi["fin"] == 1], rossi[rossi["fin"] == 0]
    ours = logrank_test(aid["week"], aid["arrest"], none["week"], none["arrest"])
    ref = _lifelines_logrank(aid["week"], aid["arrest"], none["week"], none["arrest"])
    np.testing.assert_allclose(ours.observed, [48, 66])
    assert ours.statistic == pytest.approx(ref.test_statistic, rel=1e-12)
    assert ours.p_value == pytest.approx(ref.p_value, rel=1e-12)
