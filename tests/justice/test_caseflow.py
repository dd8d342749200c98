"""Element-wise caseflow indicators: the worked example, the identities, zeros, array types."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice import (
    backlog_change,
    case_turnover_ratio,
    clearance_rate,
    days_in_period,
    disposition_time,
    efficiency_rate,
    stock_identity_gap,
)
from dpssec.units import Q_
from tests.justice.conftest import load_rows

EXAMPLE = load_rows("cepej_worked_example.csv")[0]


def test_worked_example_of_the_reference_notes() -> None:
    """justice.md §7: 900 + 1 200 - 1 100 = 1 000; CR 91.67 %, CTR 1.1000, DT 331.8 days."""
    ps, inc, res = EXAMPLE["pending_start"], EXAMPLE["incoming"], EXAMPLE["resolved"]
    pe = EXAMPLE["pending_end"]
    assert ps + inc - res == pe
    assert stock_identity_gap(ps, inc, res, pe) == 0.0
    assert round(clearance_rate(res, inc), 2) == EXAMPLE["clearance_rate"]
    assert round(case_turnover_ratio(res, pe), 4) == EXAMPLE["case_turnover_ratio"]
    days = days_in_period(EXAMPLE["start"], EXAMPLE["end"])
    assert days == 365
    assert round(disposition_time(pe, res, period_days=days), 1) == EXAMPLE["disposition_time"]
    assert round(disposition_time(pe, res), 1) == EXAMPLE["disposition_time"]


def test_clearance_rate_is_resolved_over_incoming_not_the_inverse() -> None:
    # An online calculator inverts the ratio; the CEPEJ and CourTools divide by incoming.
    assert clearance_rate(resolved=1100, incoming=1200) == pytest.approx(91.6667, abs=1e-4)
    assert clearance_rate(1100, 1200) < 100 < clearance_rate(1200, 1100)


@given(
    pending_start=st.integers(0, 10**6),
    incoming=st.integers(1, 10**6),
    resolved=st.integers(0, 10**6),
)
def test_clearance_rate_100_iff_stock_unchanged(
    pending_start: int, incoming: int, resolved: int
) -> None:
    resolved = min(resolved, pending_start + incoming)
    pending_end = pending_start + incoming - resolved
    unchanged = pending_end == pending_start
    assert (clearance_rate(resolved, incoming) == 100.0) == unchanged
    assert (backlog_change(pending_start, pending_end) == 0.0) == unchanged
    # and the direction: CR above 100 % exactly when the stock shrinks
    assert (clearance_rate(resolved, incoming) > 100.0) == (pending_end < pending_start)


@given(
    resolved=st.integers(1, 10**7),
    pending_end=st.integers(1, 10**7),
    period_days=st.one_of(st.integers(1, 3660), st.floats(0.5, 3660.0)),
)
def test_disposition_time_times_turnover_is_the_period(
    resolved: int, pending_end: int, period_days: float
) -> None:
    dt_ = disposition_time(pending_end, resolved, period_days=period_days)
    ctr = case_turnover_ratio(resolved, pending_end)
    assert dt_ * ctr == pytest.approx(period_days, rel=1e-12)


def test_period_length_comes_from_the_dates() -> None:
    assert days_in_period("2024-01-01", "2024-12-31") == 366
    assert days_in_period(dt.date(2023, 4, 1), dt.date(2023, 6, 30)) == 91
    leap = disposition_time(1000, 1100, period_days=days_in_period("2024-01-01", "2024-12-31"))
    assert leap == pytest.approx(366 * 1000 / 1100)
    # a Quantity of time is converted to days
    assert disposition_time(1000, 1100, period_days=Q_(52, "week")) == pytest.approx(
        364 * 1000 / 1100
    )
    with pytest.raises(InputError, match="end before they start"):
        days_in_period(["2023-01-01", "2023-06-01"], ["2023-12-31", "2023-05-31"])
    with pytest.raises(InputError, match="not a date"):
        days_in_period("2023-13-01", "2023-12-31")


def test_period_days_per_row() -> None:
    out = disposition_time([1000, 120], [1100, 480], period_days=[365, 181])
    np.testing.assert_allclose(out, [365 * 1000 / 1100, 181 * 120 / 480])


def test_resolved_zero_gives_infinite_disposition_time_with_a_warning() -> None:
    with pytest.warns(DataQualityWarning, match=r"1 of 2 rows have resolved = 0.*1 infinite"):
        out = disposition_time([1000, 50], [0, 25])
    assert np.isinf(out[0]) and out[1] == pytest.approx(730.0)
    with pytest.warns(DataQualityWarning, match=r"undefined \(0/0, NaN\)"):
        assert np.isnan(disposition_time(0, 0))


def test_other_zero_denominators_warn_not_refuse() -> None:
    with pytest.warns(DataQualityWarning, match="incoming = 0"):
        assert np.isinf(clearance_rate(5, 0))
    with pytest.warns(DataQualityWarning, match="pending_end = 0"):
        assert np.isinf(case_turnover_ratio(5, 0))
    with pytest.warns(DataQualityWarning, match="pending_start = 0"):
        assert np.isinf(backlog_change(0, 5, relative=True))


def test_missing_values_propagate_without_a_false_zero_warning() -> None:
    # The missing row stands in as 1 while computing, so only the missing-value warning shows.
    with pytest.warns(DataQualityWarning) as caught:
        out = disposition_time([1000, 10], [1100, np.nan], nan_policy="propagate")
    assert np.isnan(out[1]) and out[0] == pytest.approx(331.818, abs=1e-3)
    assert len(caught) == 1 and "missing value" in str(caught[0].message)
    with pytest.raises(InputError, match="missing"):
        disposition_time([1000, 10], [1100, np.nan])


def test_refusals() -> None:
    with pytest.raises(InputError, match="negative"):
        clearance_rate(-1, 10)
    with pytest.raises(InputError, match="not whole"):
        clearance_rate(1.5, 10)
    with pytest.raises(InputError, match="zero or negative"):
        efficiency_rate(100, 0)
    with pytest.raises(InputError, match="lengths differ"):
        clearance_rate([1, 2], [1, 2, 3])


def test_series_in_series_out() -> None:
    pd = pytest.importorskip("pandas")
    resolved = pd.Series([1100, 480], index=["Norte", "Sur"])
    incoming = pd.Series([1200, 400], index=["Norte", "Sur"])
    out = clearance_rate(resolved, incoming)
    assert list(out.index) == ["Norte", "Sur"] and out["Sur"] == pytest.approx(120.0)
    start = pd.Series(pd.to_datetime(["2023-01-01", "2024-01-01"]), index=["a", "b"])
    end = pd.Series(pd.to_datetime(["2023-12-31", "2024-12-31"]), index=["a", "b"])
    assert days_in_period(start, end).tolist() == [365, 366]


def test_days_in_period_on_dask_stays_lazy_and_checks_when_computed(
    raise_if_dask_computes: object,
) -> None:
    da = pytest.importorskip("dask.array")
    start = da.from_array(np.array(["2023-01-01", "2023-07-01"], dtype="datetime64[D]"), chunks=1)
    end = da.from_array(np.array(["2023-12-31", "2023-06-30"], dtype="datetime64[D]"), chunks=1)
    with raise_if_dask_computes:  # type: ignore[attr-defined]
        lazy = days_in_period(start, end)
    with pytest.raises(InputError, match="end before they start"):
        lazy.compute(scheduler="synchronous")


def test_efficiency_rate() -> None:
    assert efficiency_rate(1100, 4.4) == pytest.approx(250.0)
