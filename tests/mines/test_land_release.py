"""Land release: shares and efficiency, productivity, cost and device rates, unit checks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import InputError, UnitError
from dpssec.mines.areas import LandReleaseRecord
from dpssec.mines.land_release import (
    ReleaseSummary,
    cost_per_area,
    device_density,
    productivity,
    release_summary,
    summarise_release,
)
from dpssec.units import Q_, Quantity
from tests.conftest import compute
from tests.mines.conftest import read_vectors


def _americas() -> dict[str, dict[str, float]]:
    by_country: dict[str, dict[str, float]] = {}
    for row in read_vectors("ops_release_americas.csv"):
        by_country.setdefault(row["iso3"], {})[row["metric"]] = float(row["value"])
    return by_country


def test_global_2022_landmine_monitor_shares() -> None:
    """LM 2023 "The Impact": 497.34 km² = 219.31 cleared (44.1 %) + 121.11 reduced (24.4 %)
    + 156.92 cancelled (31.6 %)."""
    s = release_summary(Q_(156.92, "km**2"), Q_(121.11, "km**2"), Q_(219.31, "km**2"))
    assert s.released.to("km**2").magnitude == pytest.approx(497.34)
    assert round(s.share_cleared * 100, 1) == 44.1
    assert round(s.share_reduced * 100, 1) == 24.4
    assert round(s.share_cancelled * 100, 1) == 31.6
    assert s.efficiency == pytest.approx(1 - s.share_cleared)
    assert round(device_density(169_276, Q_(219.31, "km**2")).m_as("1/ha"), 1) == 7.7


def test_americas_2017_reference_rows() -> None:
    data = _americas()
    col = data["COL"]
    s = release_summary(col["area_cancelled_m2"], col["area_reduced_m2"], col["area_cleared_m2"])
    # LM 2019 prints the shares as 39 % cleared, 36 % reduced, 25 % cancelled.
    assert [round(x * 100) for x in (s.share_cleared, s.share_reduced, s.share_cancelled)] == [
        39,
        36,
        25,
    ]
    ecu = data["ECU"]
    s = release_summary(ecu["area_cancelled_m2"], ecu["area_reduced_m2"], ecu["area_cleared_m2"])
    assert s.released.magnitude == ecu["area_released_m2"]  # the components add up to 33,727
    per = data["PER"]
    s = release_summary(per["area_cancelled_m2"], per["area_reduced_m2"], per["area_cleared_m2"])
    assert s.released.magnitude == 27_155  # not the 0.27 km² the profile's summary line says


def test_scalar_in_scalar_out() -> None:
    s = release_summary(1, 1, 2)
    assert isinstance(s.share_cleared, float) and s.share_cleared == 0.5
    assert isinstance(productivity(300, 10).magnitude, float)
    assert isinstance(cost_per_area(10, 5).magnitude, float)
    assert isinstance(device_density(3, 5), Quantity)


def test_rates_are_quantities_in_their_documented_units() -> None:
    rate = productivity(Q_(0.3, "ha"), 100)
    assert rate.units == Q_(1, "m**2 / (person * day)").units and rate.magnitude == 30.0
    assert cost_per_area(1_000, 10).units == Q_(1, "1/m**2").units
    assert cost_per_area(1_000, Q_(1, "ha"), per="ha").units == Q_(1, "1/ha").units
    assert device_density(3, 10_000).units == Q_(1, "1/ha").units
    assert device_density(3, 10_000, per="km**2").units == Q_(1, "1/km**2").units
    # Converting between the documented units gives the same rate.
    assert device_density(3, 10_000).m_as("1/km**2") == pytest.approx(300)


def test_rates_avoid_float_noise() -> None:
    assert device_density(3, 5_000).magnitude == 6.0  # not 5.999999999999999
    assert cost_per_area(3, 5_000, per="ha").magnitude == 6.0
    np.testing.assert_array_equal(device_density([3, 7], [5_000, 70_000]).magnitude, [6.0, 1.0])


def test_array_types(array_type: Any) -> None:
    s = release_summary(
        array_type([1.0, 0.0, 5.0]), array_type([1.0, 2.0, 0.0]), array_type([2.0, 2.0, 5.0])
    )
    np.testing.assert_allclose(np.asarray(compute(s.share_cleared)), [0.5, 0.5, 0.5])
    np.testing.assert_allclose(np.asarray(compute(s.efficiency)), [0.5, 0.5, 0.5])
    rate = productivity(array_type([300.0, 500.0]), array_type([10.0, 25.0]))
    if array_type.kind == "series":  # Series in, Series of magnitudes out, the unit beside
        assert rate.attrs["units"] == "m**2 / (person * day)"
        assert s.share_cleared.index.equals(array_type([1.0, 0.0, 5.0]).index)
        rate = Q_(rate.to_numpy(), rate.attrs["units"])
    np.testing.assert_allclose(np.asarray(compute(rate.magnitude)), [30, 20])


def test_dask_stays_lazy(raise_if_dask_computes: Any) -> None:
    da = pytest.importorskip("dask.array")
    c = da.from_array(np.array([1.0, 0.0]), chunks=1)
    with raise_if_dask_computes:
        s = release_summary(c, c, c + 1)
        density = device_density(da.from_array(np.array([3.0, 4.0]), chunks=1), c + 1)
    np.testing.assert_allclose(compute(s.share_cleared), [0.5, 1.0])
    np.testing.assert_allclose(compute(density.magnitude), [15_000, 40_000])


def test_units_are_converted_and_checked() -> None:
    in_m2 = release_summary(10_000, 20_000, 30_000)
    in_ha = release_summary(Q_(1, "ha"), Q_(2, "ha"), Q_(0.03, "km**2"))
    assert in_m2.share_cleared == pytest.approx(in_ha.share_cleared)
    assert productivity(Q_(0.3, "ha"), Q_(100, "person * day")).magnitude == pytest.approx(30.0)
    assert cost_per_area(1_000, Q_(1, "ha"), per="ha").magnitude == pytest.approx(1_000)
    assert device_density(3, 10_000, per="km**2").magnitude == pytest.approx(300)
    with pytest.raises(UnitError, match="cancelled"):
        release_summary(Q_(3, "m"), 1, 1)
    with pytest.raises(UnitError, match="deminer_days"):
        productivity(100, Q_(3, "kg"))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: release_summary(-1, 1, 1), "'cancelled': 1 of 1 values are negative"),
        (lambda: release_summary([1, 1], [1, np.nan], [1, 1]), "'reduced'.*NaN"),
        (lambda: release_summary([1, 0], [1, 0], [1, 0]), "released area: 1 of 2 values are zero"),
        (lambda: release_summary([1, 2], [1], [1, 2]), "lengths differ"),
        (lambda: release_summary(1, 1, 1, zero_total="zero"), "zero_total"),
        (lambda: productivity(100, 0), "'deminer_days'.*zero or negative"),
        (lambda: cost_per_area(-5, 10), "'cost'.*negative"),
        (lambda: cost_per_area(5, 0), "'area'.*zero or negative"),
        (lambda: cost_per_area(5, 10, per="acre"), "'per': 'acre' is not one of"),
        (lambda: device_density(2.5, 10), "not whole numbers"),
    ],
)
def test_bad_input_is_refused(call: Any, message: str) -> None:
    with pytest.raises(InputError, match=message):
        call()


def test_zero_total_nan_option() -> None:
    s = release_summary([0.0, 1.0], [0.0, 1.0], [0.0, 2.0], zero_total="nan")
    assert np.isnan(s.share_cleared[0]) and s.share_cleared[1] == 0.5
    assert s == release_summary([0.0, 1.0], [0.0, 1.0], [0.0, 2.0], zero_total="nan")
    assert s != release_summary([0.0, 1.0], [0.0, 1.0], [0.0, 3.0], zero_total="nan")


@given(
    st.lists(
        st.tuples(*[st.floats(0, 1e7, allow_nan=False)] * 3).filter(lambda t: sum(t) > 1e-3),
        min_size=1,
        max_size=30,
    )
)
def test_shares_sum_to_one_and_total_aggregates_sums(rows: list[tuple[float, ...]]) -> None:
    c, r, k = (np.array(col) for col in zip(*rows, strict=True))
    s = release_summary(c, r, k)
    np.testing.assert_allclose(s.share_cancelled + s.share_reduced + s.share_cleared, 1.0)
    assert np.all((s.efficiency >= 0) & (s.efficiency <= 1))
    total = s.total()
    assert isinstance(total, ReleaseSummary)
    assert total.share_cleared == pytest.approx(k.sum() / (c.sum() + r.sum() + k.sum()))


def test_summarise_release_uses_ratios_of_sums() -> None:
    records = [
        LandReleaseRecord("T1", cleared=100, deminer_days=10, devices_found=9, cost=1_000),
        LandReleaseRecord("T2", cleared=900, deminer_days=10, devices_found=1, cost=1_000),
    ]
    s = summarise_release(records)
    assert s.productivity == 50.0  # 1000 m² / 20 days, not the mean of 10 and 90
    assert s.devices_per_ha == pytest.approx(100.0)
    assert s.cost_per_m2 == pytest.approx(2.0)
    assert s.shares.share_cleared == 1.0 and s.records == 2
    survey_only = summarise_release([LandReleaseRecord("S", cancelled="1 ha")])
    assert survey_only.productivity is None and survey_only.devices_per_ha is None
    with pytest.raises(InputError, match="several currencies"):
        summarise_release(
            [
                LandReleaseRecord("a", cleared=1, cost=1),
                LandReleaseRecord("b", cleared=1, cost=1, currency="COP"),
            ]
        )
    with pytest.raises(InputError, match="non-empty list"):
        summarise_release([])
    assert "records" in str(s)
