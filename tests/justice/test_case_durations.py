"""Case durations: Kaplan-Meier with pending cases censored, the median rule, the two traps."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice import (
    flow_to_measured_ratio,
    lower_median,
    pending_age_profile,
    time_to_disposition,
)

REF = dt.date(2023, 12, 31)
BASE = np.datetime64("2020-01-01")


def dates(offsets: list[int]) -> np.ndarray:
    return BASE + np.asarray(offsets, dtype="timedelta64[D]")


def test_against_lifelines_with_pending_cases_censored() -> None:
    lifelines = pytest.importorskip("lifelines")
    rng = np.random.default_rng(7)
    filed_offsets = rng.integers(0, 1400, size=300)
    length = np.round(rng.lognormal(np.log(200), 0.9, size=300)).astype(int)
    disposed = dates(list(filed_offsets + length))
    filed = dates(list(filed_offsets))
    reference = np.datetime64(REF)
    disposed = np.where(disposed > reference, np.datetime64("NaT"), disposed)
    r = time_to_disposition(filed, disposed, reference_date=REF, standard_days=365)
    durations = np.where(np.isnat(disposed), reference - filed, disposed - filed).astype(float)
    events = ~np.isnat(disposed)
    kmf = lifelines.KaplanMeierFitter().fit(durations, events)
    assert r.median == kmf.median_survival_time_
    assert r.within_standard.value == pytest.approx(1 - kmf.predict(365.0), abs=1e-12)
    ci = kmf.confidence_interval_survival_function_
    low, high = (1 - ci.loc[:365.0].iloc[-1]).to_numpy()[::-1]
    assert (r.within_standard.lower, r.within_standard.upper) == pytest.approx(
        (low, high), abs=1e-6
    )
    assert r.pending == int((~events).sum()) and r.cases == 300


@given(st.lists(st.integers(0, 3000), min_size=1, max_size=60))
def test_without_censoring_the_median_is_the_lower_median(lengths: list[int]) -> None:
    filed = dates([0] * len(lengths))
    disposed = filed + np.asarray(lengths, dtype="timedelta64[D]")
    r = time_to_disposition(filed, disposed, reference_date="2030-01-01")
    assert r.pending == 0
    assert r.median == lower_median(lengths)
    assert r.median == float(np.quantile(lengths, 0.5, method="inverted_cdf"))
    assert r.median == r.closed_only_median


@given(
    st.lists(st.integers(0, 2000), min_size=1, max_size=40),
    st.lists(st.integers(0, 2000), min_size=0, max_size=40),
)
def test_censoring_pending_cases_never_shortens_the_median(
    closed: list[int], pending: list[int]
) -> None:
    """Adding pending cases (censored) only enlarges the risk sets: S(t) can only go up."""
    reference = BASE + np.timedelta64(5000, "D")
    filed = np.concatenate(
        [dates([0] * len(closed)), reference - np.asarray(pending, dtype="timedelta64[D]")]
    )
    disposed = np.concatenate(
        [dates(closed), np.full(len(pending), np.datetime64("NaT"), dtype="datetime64[D]")]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)  # a median not reached (inf)
        r = time_to_disposition(filed, disposed, reference_date=reference)
    assert r.closed_only_median == lower_median(closed)
    assert r.median >= r.closed_only_median


def test_closed_only_figures_are_biased_short_on_a_backlogged_court() -> None:
    rng = np.random.default_rng(3)
    filed = dates(list(rng.integers(0, 1400, size=2000)))
    length = rng.exponential(400, size=2000).round().astype(int)
    disposed = filed + length.astype("timedelta64[D]")
    disposed = np.where(disposed > np.datetime64(REF), np.datetime64("NaT"), disposed)
    r = time_to_disposition(filed, disposed, reference_date=REF, standard_days=365, target=0.9)
    # true median of an exponential with mean 400: 400 ln 2 = 277
    assert abs(r.median - 277) < 30 and r.closed_only_median < r.median - 30
    assert r.closed_only_within_standard > r.within_standard.value
    assert r.meets_target is False and "does not meet the target of 90 %" in r.statement


def test_refusals_and_exclusions() -> None:
    with pytest.raises(InputError, match=r"disposed before they are filed \(first at index 1"):
        time_to_disposition(
            ["2023-01-01", "2023-05-01"], ["2023-02-01", "2023-04-01"], reference_date=REF
        )
    with pytest.warns(DataQualityWarning, match="1 of 2 cases were filed after the reference"):
        r = time_to_disposition(
            ["2023-01-01", "2024-02-01"], ["2023-02-01", None], reference_date=REF
        )
    assert r.cases == 1 and r.excluded == 1
    with pytest.raises(InputError, match="not a date"):
        time_to_disposition(["2023-01-01"], ["yesterday"], reference_date=REF)
    with pytest.raises(InputError, match="missing"):
        time_to_disposition(["2023-01-01", None], ["2023-02-01", None], reference_date=REF)
    with pytest.warns(DataQualityWarning, match="omitted 1 of 2"):
        r = time_to_disposition(
            ["2023-01-01", None], ["2023-02-01", None], reference_date=REF, nan_policy="omit"
        )
    assert r.cases == 1


def test_disposition_after_the_reference_date_counts_as_pending() -> None:
    r = time_to_disposition(
        ["2023-01-01", "2023-06-01"], ["2023-03-01", "2024-02-01"], reference_date=REF
    )
    assert r.disposed == 1 and r.pending == 1


def test_several_standards() -> None:
    r = time_to_disposition(
        ["2023-01-01"] * 4,
        ["2023-01-31", "2023-04-10", "2023-09-01", None],
        reference_date=REF,
        standard_days=[90, 180, 365],
    )
    np.testing.assert_allclose(r.within_standard.value, [0.25, 0.5, 0.75])


def test_pending_age_profile() -> None:
    filed = ["2023-12-01", "2023-06-01", "2021-01-01", "2022-06-01", "2023-01-01"]
    disposed = [None, None, None, "2023-03-01", "2024-03-01"]
    p = pending_age_profile(filed, disposed, reference_date=REF, bands=[180, 365])
    # open on 31 Dec 2023: all but the case disposed in March 2023
    assert p.pending == 4 and p.counts.tolist() == [1, 2, 1]
    assert p.band_labels == ("0-179", "180-364", "365+")
    assert p.beyond_standard == 1 and p.beyond_standard_share == 25.0
    assert p.oldest_age == (REF - dt.date(2021, 1, 1)).days
    assert p.median_age == lower_median([30, 213, 1094, 364])
    with pytest.raises(InputError, match="increasing"):
        pending_age_profile(filed, disposed, reference_date=REF, bands=[365, 180])
    with pytest.warns(DataQualityWarning, match="no case pending on 2023-12-31"):
        empty = pending_age_profile(["2023-01-01"], ["2023-02-01"], reference_date=REF)
    assert empty.pending == 0 and np.isnan(empty.median_age) and "No case" in empty.statement
    assert np.isnan(empty.shares).all() and "undefined" in empty.statement


def test_flow_comparison_statements() -> None:
    assert flow_to_measured_ratio(331.8, 165.9) == pytest.approx(2.0)
    r = time_to_disposition(
        ["2023-01-01"] * 3, ["2023-02-01", "2023-03-01", "2023-04-01"], reference_date=REF
    )
    far = r.compare_with_flow(400.0)
    assert far.disagree and "disagree by more than the stated factor 2" in far.statement
    near = r.compare_with_flow(70.0, factor=1.5)
    assert not near.disagree and "within the stated factor 1.5" in near.statement
    with pytest.raises(InputError, match="factor must be > 1"):
        r.compare_with_flow(70.0, factor=0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ages = pending_age_profile(["2023-01-01"], [None], reference_date=REF)
        assert ages.compare_with_flow(100.0).ratio == pytest.approx(100 / 364)


@pytest.mark.filterwarnings("ignore::dpssec.errors.DataQualityWarning")
def test_a_median_not_reached_is_printed_as_such() -> None:
    from dpssec.justice import pretrial_detention_length

    r = time_to_disposition(
        ["2023-01-01"] * 4, ["2023-02-01", None, None, None], reference_date=REF
    )
    assert np.isinf(r.median) and np.isinf(r.median_upper)  # the data keep inf
    text = str(r)
    assert "inf" not in text and text.count("not reached") == 2
    assert "not reached" in r._repr_html_()
    assert np.isinf(r.to_frame()["median_upper"].iloc[0])
    p = pretrial_detention_length(
        ["2023-01-01"] * 3, ["2023-02-01", None, None], reference_date=REF, legal_limit_days=100
    )
    assert "inf" not in str(p) and "not reached" in str(p)
