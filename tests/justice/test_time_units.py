"""Durations given as Quantities are read in days by every recidivism calculator."""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.errors import InputError, UnitError
from dpssec.justice import compare_programmes, crude_recidivism_rate, recidivism_rate
from dpssec.units import Q_

WEEKS = np.arange(1, 61)
EVENTS = (WEEKS % 3 == 0).astype(int)


def test_recidivism_rate_reads_week_durations_as_weeks():
    # The audit's case: durations in weeks and a 4-week window must equal the same in days.
    in_weeks = recidivism_rate(Q_(WEEKS, "week"), EVENTS, follow_up=Q_(4, "week"))
    in_days = recidivism_rate(7 * WEEKS, EVENTS, follow_up=28)
    assert in_weeks.value == pytest.approx(in_days.value)
    assert in_weeks.value == pytest.approx(1 / 58)  # weeks 1, 2 censored; 58 at risk at 3


def test_recidivism_rate_refuses_mass_durations():
    with pytest.raises(UnitError, match="'durations'"):
        recidivism_rate(Q_(WEEKS, "kg"), EVENTS, follow_up=28)


def test_crude_rate_converts_durations():
    potential = Q_(np.full(WEEKS.size, 70), "week")
    converted = crude_recidivism_rate(
        Q_(WEEKS, "week"), EVENTS, follow_up=Q_(8, "week"), potential_follow_up=potential
    )
    plain = crude_recidivism_rate(
        7 * WEEKS, EVENTS, follow_up=56, potential_follow_up=np.full(WEEKS.size, 490)
    )
    assert converted.value == plain.value
    with pytest.raises(InputError, match="booleans"):
        crude_recidivism_rate(EVENTS.astype(bool), EVENTS, follow_up=1)


def test_compare_programmes_converts_durations():
    programme = (Q_([5, 8, 12, 30, 30], "day"), [1, 0, 1, 0, 0], Q_([30, 8, 30, 30, 30], "day"))
    comparison = (Q_([2, 4, 6, 9, 30], "day") * 1.0, [1, 1, 1, 1, 0])
    with_units = compare_programmes(programme, comparison, follow_up=Q_(20, "day"))
    plain = compare_programmes(
        ([5, 8, 12, 30, 30], [1, 0, 1, 0, 0], [30, 8, 30, 30, 30]),
        ([2, 4, 6, 9, 30], [1, 1, 1, 1, 0]),
        follow_up=20,
    )
    assert with_units.programme == plain.programme
    assert with_units.risk_difference == plain.risk_difference
    in_weeks = (Q_(np.array([2, 4, 6, 9, 30]) / 7, "week"), [1, 1, 1, 1, 0])
    assert compare_programmes(programme, in_weeks, follow_up=20).comparison.value == pytest.approx(
        plain.comparison.value
    )
    with pytest.raises(UnitError, match="'durations'"):
        compare_programmes(programme, (Q_([1, 2], "kg"), [1, 0]), follow_up=1)


def test_time_served_table_converts_durations() -> None:
    from dpssec.justice import time_served_table

    weeks = np.array([10, 30, 60, 80])
    assert np.array_equal(
        time_served_table(Q_(weeks, "week"), period=Q_(52, "week")),
        time_served_table(7 * weeks, period=364),
    )
    with pytest.raises(UnitError, match="'durations'"):
        time_served_table(Q_(weeks, "kg"))
