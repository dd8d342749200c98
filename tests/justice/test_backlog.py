"""Backlog projection and the capacity a target needs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.justice import capacity_needed, project_backlog
from dpssec.justice.caseflow_kernels import reflected_stock


def loop(pending: float, incoming: list[float], capacity: list[float]) -> list[float]:
    out = []
    for a, c in zip(incoming, capacity, strict=True):
        pending = max(0.0, pending + a - c)
        out.append(pending)
    return out


flows = st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), min_size=1, max_size=30)


@given(st.integers(0, 2000), flows)
def test_reflected_stock_equals_the_loop(pending: int, rows: list[tuple[int, int]]) -> None:
    incoming = [float(a) for a, _ in rows]
    capacity = [float(c) for _, c in rows]
    expected = loop(pending, incoming, capacity)
    np.testing.assert_allclose(reflected_stock(pending, np.subtract(incoming, capacity)), expected)
    p = project_backlog(pending, incoming, capacity)
    np.testing.assert_allclose(p.pending, expected)
    # resolutions never exceed capacity, nor the cases available
    before = np.concatenate([[pending], p.pending[:-1]])
    assert np.all(p.resolved <= np.asarray(capacity) + 1e-9)
    assert np.all(p.resolved <= before + np.asarray(incoming) + 1e-9)


@given(
    st.integers(0, 3000),
    st.lists(st.integers(0, 500), min_size=1, max_size=20),
    st.integers(0, 1000),
)
def test_capacity_needed_is_the_smallest_that_works(
    pending: int, incoming: list[int], target: int
) -> None:
    needed = capacity_needed(pending, incoming, target=target)
    assert project_backlog(pending, incoming, needed).pending[-1] <= target + 1e-6
    if needed > 1e-6:
        short = project_backlog(pending, incoming, needed * (1 - 1e-6) - 1e-6).pending[-1]
        assert short > target


def test_constant_inputs_and_the_never_case() -> None:
    p = project_backlog(1000, 1200, 1300, periods=5, target=700)
    assert p.pending.tolist() == [900.0, 800.0, 700.0, 600.0, 500.0] and p.target_period == 3
    beyond = project_backlog(1000, 1200, 1210, periods=3, target=900)
    assert beyond.target_period == 10 and "beyond the 3 projected" in beyond.statement
    never = project_backlog(1000, 1200, 1200, periods=3, target=900)
    assert never.never and never.target_period is None and "never reaches 900" in never.statement
    already = project_backlog(500, 100, 100, periods=2, target=900)
    assert already.target_period == 0


def test_trends_and_series() -> None:
    # capacity grows by 20 a period: at first short of incoming, later above it
    p = project_backlog(1000, 1200, 1150, periods=4, target=950, capacity_trend=20.0)
    assert p.capacity.tolist() == [1150.0, 1170.0, 1190.0, 1210.0]
    assert not p.never and p.target_period is not None and p.target_period > 4
    series = project_backlog(1000, [1200, 1200], [1100, 1100], target=900)
    assert series.target_period is None and not series.never
    assert "within the 2 periods given" in series.statement


def test_capacity_needed_formula_for_constant_incoming() -> None:
    assert capacity_needed(1000, 1200, target=700, periods=2) == pytest.approx(1200 + 300 / 2)
    assert capacity_needed(100, 0, target=500, periods=3) == 0.0


def test_refusals() -> None:
    with pytest.raises(InputError, match="give periods="):
        project_backlog(1000, 1200, 1300)
    with pytest.raises(InputError, match="lengths differ"):
        project_backlog(1000, [1, 2], [1, 2, 3])
    with pytest.raises(InputError, match="periods=3 but the series have 2"):
        capacity_needed(1000, [1, 2], target=5, periods=3)
    with pytest.raises(InputError, match="negative"):
        project_backlog(-1, 1, 1, periods=1)


def test_capacity_needed_by_a_date_and_in_whole_cases() -> None:
    import datetime as dt
    import warnings

    from dpssec.errors import DataQualityWarning
    from dpssec.justice.backlog import periods_until

    rate = capacity_needed(1000, 1200, target=500, periods=3)
    assert rate == pytest.approx(1200 + 500 / 3)  # a rate per period: 1366.67 cases a year
    assert capacity_needed(1000, 1200, target=500, periods=3, whole=True) == 1367
    assert project_backlog(1000, 1200, 1367, periods=3).pending[-1] <= 500
    assert project_backlog(1000, 1200, 1366, periods=3).pending[-1] > 500
    dated = capacity_needed(1000, 1200, target=500, start="2025-01-01", by="2027-12-31")
    assert dated == rate
    quarters = capacity_needed(1000, 300, target=500, start="2025-01-01", by="2026-12-31",
                               period="quarter")  # fmt: skip
    assert quarters == pytest.approx(300 + 500 / 8)
    assert periods_until(dt.date(2025, 1, 1), dt.date(2026, 12, 31), "month") == 24
    with pytest.warns(DataQualityWarning, match="falls inside a year"):
        assert periods_until("2025-01-01", "2027-06-30") == 2
    with pytest.raises(InputError, match="before the end of the first year"):
        periods_until("2025-01-01", "2025-06-30")
    with pytest.raises(InputError, match="needs start="):
        capacity_needed(1000, 1200, target=500, by="2027-12-31")
    with pytest.raises(InputError, match="periods=2 but there are 3 whole"):
        capacity_needed(1000, 1200, target=500, periods=2, start="2025-01-01", by="2027-12-31")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        capacity_needed(1000, 1200, target=500, start="2025-01-01", by="2027-12-31")


def test_projection_dates_its_periods_and_the_target() -> None:
    import datetime as dt

    p = project_backlog(1000, 1200, 1300, periods=5, target=700, start="2024-01-01")
    assert p.period_end is not None and p.period_end[0] == dt.date(2024, 12, 31)
    assert p.target_date == dt.date(2026, 12, 31)
    assert "the year ending 2026-12-31" in p.statement
    q = project_backlog(1000, 300, 400, periods=4, target=700, start="2024-01-01",
                        period="quarter")  # fmt: skip
    assert q.period_end is not None and q.period_end[:2] == (
        dt.date(2024, 3, 31),
        dt.date(2024, 6, 30),
    )
    assert q.target_date == dt.date(2024, 9, 30)
    assert "period_end" in q.to_frame().columns
    assert project_backlog(1000, 1200, 1300, periods=2).period_end is None
