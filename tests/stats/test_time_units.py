"""Durations and times given as pint Quantities are read in days; other dimensions refused."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from dpssec.errors import InputError, UnitError
from dpssec.stats import (
    kaplan_meier,
    logrank_test,
    multigroup_logrank_test,
    nelson_aalen,
    survival_difference_at,
)
from dpssec.units import Q_

WEEKS = np.array([1, 2, 2, 3, 5, 8, 9])
EVENTS = np.array([1, 0, 1, 1, 0, 1, 0])


@pytest.fixture(autouse=True)
def _no_unit_stripping():
    """A stripped unit (pint's UnitStrippedWarning) would be the bug itself."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.mark.parametrize("weighted", [False, True])
def test_kaplan_meier_converts_weeks_to_days(weighted):
    weights = np.ones(WEEKS.size) if weighted else None
    in_weeks = kaplan_meier(Q_(WEEKS, "week"), EVENTS, weights=weights)
    in_days = kaplan_meier(7 * WEEKS, EVENTS, weights=weights)
    assert in_weeks == in_days
    np.testing.assert_array_equal(in_weeks.time, [7, 14, 21, 35, 56, 63])


def test_years_are_converted_with_pints_julian_year():
    curve = kaplan_meier(Q_([1.0, 2.0], "year"), [1, 0])
    np.testing.assert_allclose(curve.time, [365.25, 730.5])


def test_nelson_aalen_converts_and_refuses_mass():
    assert nelson_aalen(Q_(WEEKS, "week"), EVENTS) == nelson_aalen(7 * WEEKS, EVENTS)
    with pytest.raises(UnitError, match="'durations'"):
        nelson_aalen(Q_(WEEKS, "kg"), EVENTS)


@pytest.mark.parametrize("func", [kaplan_meier, nelson_aalen])
def test_non_time_quantity_is_refused(func):
    with pytest.raises(UnitError, match=r"durations.*duration in day"):
        func(Q_(WEEKS, "kg"), EVENTS)


def test_logrank_converts_each_group():
    mixed = logrank_test(Q_(WEEKS, "week"), EVENTS, Q_(WEEKS * 7 + 3, "day"), EVENTS)
    plain = logrank_test(WEEKS * 7, EVENTS, WEEKS * 7 + 3, EVENTS)
    assert mixed.statistic == pytest.approx(plain.statistic)
    with pytest.raises(UnitError, match="durations_b"):
        logrank_test(Q_(WEEKS, "week"), EVENTS, Q_(WEEKS, "kg"), EVENTS)


def test_multigroup_logrank_converts():
    groups = ["a", "b"] * 3 + ["a"]
    assert multigroup_logrank_test(Q_(WEEKS, "week"), EVENTS, groups).statistic == pytest.approx(
        multigroup_logrank_test(WEEKS * 7, EVENTS, groups).statistic
    )


def test_curve_lookups_convert_time_quantities():
    curve = kaplan_meier(7 * WEEKS, EVENTS)
    assert curve.at(Q_(3, "week")) == curve.at(21)
    assert curve.cumulative_incidence(Q_(3, "week")) == curve.cumulative_incidence(21)
    np.testing.assert_array_equal(curve.at(Q_([1, 5], "week")), curve.at([7, 35]))
    assert curve.estimate_at(Q_(21, "day")).value == curve.at(21)
    hazard = nelson_aalen(7 * WEEKS, EVENTS)
    assert hazard.at(Q_(3, "week")) == hazard.at(21)
    with pytest.raises(UnitError, match="'t'"):
        curve.at(Q_(3, "m"))


def test_survival_difference_at_converts_t():
    a = kaplan_meier([2, 3, 4, 5, 6, 7], [1, 0, 1, 0, 0, 1])
    b = kaplan_meier([1, 2, 2, 3, 4, 6], [1, 1, 1, 0, 1, 0])
    assert survival_difference_at(a, b, Q_(3, "day")) == survival_difference_at(a, b, 3)
    with pytest.raises(UnitError, match="'t'"):
        survival_difference_at(a, b, Q_(3, "kg"))


@pytest.mark.parametrize("weights", [None, [1, 1, 1]])
@pytest.mark.parametrize("func", [kaplan_meier, nelson_aalen])
def test_boolean_durations_are_refused(func, weights):
    with pytest.raises(InputError, match=r"'durations' must be numbers.*boolean"):
        func(np.array([True, False, True]), [1, 0, 1], weights=weights)
    with pytest.raises(InputError, match=r"'durations' must be numbers.*boolean"):
        func([True, False, True], [1, 0, 1], weights=weights)


def test_boolean_durations_refused_by_logrank():
    with pytest.raises(InputError, match=r"'durations_a' must be numbers.*boolean"):
        logrank_test([True, False], [1, 1], [1, 2], [1, 1])


def test_boolean_dask_durations_are_refused():
    da = pytest.importorskip("dask.array")
    with pytest.raises(InputError, match=r"'durations' must be numbers.*boolean"):
        kaplan_meier(da.from_array(np.array([True, False, True])), [1, 0, 1])
