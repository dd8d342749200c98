"""completion_forecast: recent mean and linear trend, deadlines, required rate, refusals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dpssec._data import read_csv_rows
from dpssec.errors import InputError, UnitError
from dpssec.mines.forecast import Forecast, completion_forecast
from dpssec.serialization import from_json, to_json
from dpssec.units import Q_


def _ecuador() -> tuple[float, dict[int, float], str]:
    """Ecuador as in the guide: remaining areas from Landmine Monitor profiles (bundled rows);
    annual release derived as the fall of the remaining area (2015-2016 split evenly)."""
    rows = {
        (r["year"], r["metric"]): r["value"]
        for r in read_csv_rows("mines_americas.csv")
        if r["iso3"] == "ECU"
    }
    end = {
        2013: float(rows[("2013", "contamination_remaining_m2")]),
        2014: float(rows[("2014", "confirmed_hazardous_area_m2")])
        + float(rows[("2014", "suspected_hazardous_area_m2")]),
        2016: float(rows[("2016", "contamination_remaining_m2")]),
        2017: float(rows[("2017", "contamination_remaining_m2")]),
    }
    history = {
        2014: end[2013] - end[2014],
        2015: (end[2014] - end[2016]) / 2,
        2016: (end[2014] - end[2016]) / 2,
        2017: end[2016] - end[2017],
    }
    return end[2017], history, rows[("2022", "article5_deadline_third_extension")]


def test_ecuador_mean_and_trend_disagree() -> None:
    remaining, history, deadline = _ecuador()
    assert remaining == 97_469 and history[2014] == 90_845 and history[2017] == 35_507
    f = completion_forecast(remaining, history, deadline=deadline)
    assert f.recent_years == (2015, 2016, 2017)
    assert f.mean_release.magnitude == pytest.approx((37_576.5 * 2 + 35_507) / 3)
    assert f.mean_completion_year == 2020 and f.meets_deadline_mean is True
    assert f.trend_slope.magnitude == pytest.approx(-16_601.4)
    assert f.trend_completion is None and f.meets_deadline_trend is False
    assert f.deadline == dt.date(2022, 12, 31)
    assert f.required_release.magnitude == pytest.approx(97_469 / 5)
    assert "not finished" in str(f) and "NOT met" in str(f)
    assert from_json(to_json(f), Forecast) == f


def test_hand_computed_case() -> None:
    """300,000 m² left at end 2023; releases 50k, 100k, 150k in 2021-2023.
    Mean of the last two = 125k -> 2.4 years -> 2026. Trend: +50k a year -> 200k in 2024 and
    250k in 2025: 1 + 100/250 = 1.4 years -> 2025. Required by end 2025: 300k / 2 = 150k."""
    f = completion_forecast(
        Q_(30, "ha"), [50_000, 100_000, 150_000], years=[2021, 2022, 2023], deadline=2025, recent=2
    )
    assert f.mean_years_needed == pytest.approx(2.4)
    assert f.trend_years_needed == pytest.approx(1.4)
    assert (f.mean_completion_year, f.trend_completion_year) == (2026, 2025)
    assert f.trend_next_release.magnitude == pytest.approx(200_000)
    assert f.meets_deadline_mean is False and f.meets_deadline_trend is True
    assert f.required_release.magnitude == pytest.approx(150_000)
    assert f.mean_completion == dt.date(2026, 5, 26)  # day 146 = 0.4 of 2026


def test_trend_slope_matches_scipy_linregress() -> None:
    stats = pytest.importorskip("scipy.stats")
    years = [2013, 2014, 2015, 2016, 2017]
    release = [12_000.0, 15_500.0, 9_000.0, 21_000.0, 18_250.0]
    f = completion_forecast(1e6, release, years=years)
    fit = stats.linregress(years, release)
    assert f.trend_slope.magnitude == pytest.approx(fit.slope, rel=1e-10)
    expected_next = fit.intercept + fit.slope * 2018
    assert f.trend_next_release.magnitude == pytest.approx(expected_next, rel=1e-9)


def test_units_and_mapping_of_quantities() -> None:
    a = completion_forecast(Q_(0.5, "km**2"), {2020: Q_(10, "ha"), 2021: Q_(0.2, "km**2")})
    b = completion_forecast(500_000, [100_000, 200_000], years=[2020, 2021])
    assert a.mean_years_needed == pytest.approx(b.mean_years_needed)
    assert a.trend_years_needed == pytest.approx(b.trend_years_needed)
    with pytest.raises(UnitError, match="remaining_area"):
        completion_forecast(Q_(3, "m"), [1, 2], years=[2020, 2021])


def test_nothing_left_and_nothing_released() -> None:
    done = completion_forecast(0, [5, 5], years=[2019, 2020], deadline="2021-06-30")
    assert done.mean_completion == dt.date(2020, 12, 31) and done.meets_deadline_mean
    stalled = completion_forecast(100, [0, 0], years=[2019, 2020], deadline=2030)
    assert stalled.mean_completion is None and stalled.trend_completion is None
    assert stalled.meets_deadline_mean is False and stalled.meets_deadline_trend is False
    to_json(stalled)  # no infinities in the JSON


def test_years_are_sorted_and_zeros_count() -> None:
    f = completion_forecast(1000, [300, 0, 100], years=[2022, 2020, 2021], recent=2)
    assert f.history_years == (2020, 2021, 2022) and f.recent_years == (2021, 2022)
    assert f.mean_release.magnitude == 200


def test_pandas_series_indexed_by_year_and_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    expected = completion_forecast(4e5, {2020: 5e5, 2021: 6e5, 2022: 7e5}, deadline=2025)
    series = pd.Series([7e5, 5e5, 6e5], index=[2022, 2020, 2021])
    assert completion_forecast(4e5, series, deadline=2025) == expected
    frame = pd.DataFrame({"year": [2020, 2021, 2022], "area": [5e5, 6e5, 7e5]})
    assert completion_forecast(4e5, frame, deadline=2025) == expected
    with pytest.raises(InputError, match="row numbers"):
        completion_forecast(4e5, pd.Series([5e5, 6e5, 7e5]))
    with pytest.raises(InputError, match="not both"):
        completion_forecast(4e5, series, years=[2020, 2021, 2022])
    with pytest.raises(InputError, match="'year' and 'area' columns"):
        completion_forecast(4e5, frame.rename(columns={"area": "released"}))


@pytest.mark.parametrize(
    ("history", "message"),
    [
        ({2015: 1e5, 2022: 2e5}, r"gap\(s\), first 2016-2021 \(between 2015 and 2022\)"),
        ({2019: 1e5, 2020: 1e5, 2022: 2e5}, r"1 gap\(s\), first 2021 "),
    ],
)
def test_gaps_in_the_years_are_refused_not_averaged(
    history: dict[int, float], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        completion_forecast(1e6, history)
    with pytest.raises(InputError, match="missing year is not read as zero"):
        completion_forecast(1e6, list(history.values()), years=list(history))


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((100, [1, -2]), {"years": [2020, 2021]}, "'annual_release': 1 of 2 values are negative"),
        ((-1, [1, 2]), {"years": [2020, 2021]}, "'remaining_area'.*negative"),
        (([1, 2], [1, 2]), {"years": [2020, 2021]}, "'remaining_area' takes one value"),
        ((100, [1]), {"years": [2020]}, "at least two years"),
        ((100, [1, 2]), {}, "needs its calendar years"),
        ((100, [1, 2]), {"years": [2020]}, "lengths differ"),
        ((100, [1, 2]), {"years": [2020, 2020]}, "2020 appears more than once"),
        ((100, [1, 2]), {"years": [2020, 2020.5]}, "whole numbers"),
        ((100, {2020: 1, 2021: 2}), {"years": [2020, 2021]}, "not both"),
        ((100, [1, 2]), {"years": [2020, 2021], "deadline": "2021-12-31"}, "not after the end"),
        (
            (100, [1, 2]),
            {"years": [2020, 2021], "deadline": "next year"},
            "'deadline': 'next year' is not a date",
        ),
        ((100, [1, 2]), {"years": [2020, 2021], "deadline": 0}, "'deadline'.*below 1000"),
        ((100, [1, 2]), {"years": [2020, 2021], "deadline": True}, "'deadline' must be a date"),
        (
            (100, [1, 2]),
            {"years": [2020, 2021], "recent": 0},
            "'recent' must be a whole number from 1",
        ),
        (
            (100, [1, 2]),
            {"years": [2020, 2021], "horizon": 0},
            "'horizon' must be a whole number from 1",
        ),
    ],
)
def test_bad_input_is_refused(args: tuple[Any, ...], kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        completion_forecast(*args, **kwargs)


@given(
    st.floats(1, 1e7),
    st.lists(st.floats(0, 1e6), min_size=2, max_size=12),
    st.integers(2026, 2060),
)
def test_meeting_the_deadline_means_releasing_the_required_rate(
    remaining: float, release: list[float], deadline_year: int
) -> None:
    years = list(range(2025 - len(release) + 1, 2026))
    f = completion_forecast(remaining, release, years=years, deadline=deadline_year)
    assert isinstance(f, Forecast)
    mean, required = f.mean_release.magnitude, f.required_release.magnitude
    assume(abs(mean - required) > 1e-6 * max(required, 1.0))
    assert f.meets_deadline_mean == (mean > required)
    if f.trend_years_needed is not None:
        assert f.trend_years_needed >= 0
        assert f.trend_completion_year is not None and f.trend_completion_year >= 2025


@given(st.floats(1, 1e6), st.floats(1, 1e5), st.integers(2, 8))
def test_constant_release_mean_and_trend_agree(remaining: float, rate: float, n: int) -> None:
    f = completion_forecast(remaining, [rate] * n, years=list(range(2000, 2000 + n)), horizon=1000)
    assert abs(f.trend_slope.magnitude) <= 1e-6 * rate
    assert f.mean_years_needed == pytest.approx(remaining / rate)
    if f.trend_years_needed is not None:
        assert f.trend_years_needed == pytest.approx(remaining / rate, rel=1e-6)
    assert np.isfinite(f.mean_years_needed)
