"""Hostile input to the mine-action calculators (issue 12) and the one input vocabulary (issue 11).

Reference values for the lot sizes beyond scipy's reach are exact rational sums (Python's
``fractions``); where scipy is fast and accurate (lots up to about 10**9) its hypergeometric
distribution is the oracle.
"""

from __future__ import annotations

import json
import warnings
from fractions import Fraction
from math import comb
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.cli import main
from dpssec.errors import DataQualityWarning, InputError
from dpssec.mines import (
    HYPERGEOMETRIC_MAX_LOT,
    LIS_PRESET,
    HazardousArea,
    ScoringScheme,
    TopsisDetails,
    acceptance_probability,
    completion_forecast,
    impact_category,
    impact_score,
    prioritise,
    rank,
    release_summary,
    topsis_details,
)
from dpssec.mines._cli import read_areas
from dpssec.serialization import from_json, to_json

pd = pytest.importorskip("pandas")


def _exact_oc(acceptance: int, lot: int, defectives: int, sample: int) -> float:
    """P(X <= c) for X ~ Hypergeometric(N, D, n), summed in exact rational arithmetic."""
    total = comb(lot, sample)
    terms = (
        Fraction(comb(defectives, d) * comb(lot - defectives, sample - d), total)
        for d in range(min(acceptance, defectives, sample) + 1)
        if sample - d <= lot - defectives
    )
    return float(sum(terms, Fraction(0)))


# -- acceptance_probability for very large lots ----------------------------------------------


@pytest.mark.parametrize("lot", [10**14, 10**15])
def test_very_large_lots_use_the_binomial_limit_within_its_bound(lot: int) -> None:
    """Issue 12: 10**15 hung for more than 20 s; 10**14 returned 0.90598 (limit 0.90472)."""
    result = acceptance_probability(40, 0, 0.0025, lot_size=lot)
    exact = _exact_oc(0, lot, lot // 400, 40)
    assert abs(result - exact) <= (40 - 1) / (lot - 1)
    assert result == pytest.approx(0.904724, abs=1e-6)


@pytest.mark.parametrize(
    ("sample", "acceptance", "rate"),
    [(40, 0, 0.0025), (300, 2, 0.01), (1000, 15, 0.02), (5000, 3, 0.0001)],
)
def test_both_sides_of_the_switch_agree_with_scipy(
    sample: int, acceptance: int, rate: float
) -> None:
    from scipy import stats

    below = HYPERGEOMETRIC_MAX_LOT
    exact_side = acceptance_probability(sample, acceptance, rate, lot_size=below)
    assert exact_side == stats.hypergeom.cdf(acceptance, below, round(rate * below), sample)
    for lot in (below + 100_000, 10 * below):  # binomial limit; scipy still fast here
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataQualityWarning)
            limit_side = acceptance_probability(sample, acceptance, rate, lot_size=lot)
        defectives = round(rate * lot)
        oracle = stats.hypergeom.cdf(acceptance, lot, defectives, sample)
        bound = (min(sample, defectives) - 1) / (lot - 1)
        # scipy's own error grows with the lot: about 2e-8 at 10**9 (checked exactly below)
        assert abs(limit_side - oracle) <= bound + 5e-8


def test_scipy_is_exact_enough_below_the_switch() -> None:
    from scipy import stats

    lot = HYPERGEOMETRIC_MAX_LOT
    for sample, acceptance, defectives in [(40, 0, lot // 400), (300, 2, lot // 100)]:
        scipy_value = stats.hypergeom.cdf(acceptance, lot, defectives, sample)
        assert abs(scipy_value - _exact_oc(acceptance, lot, defectives, sample)) < 1e-8


@settings(max_examples=30, deadline=None)
@given(
    lot=st.integers(10**8 + 1, 10**15),
    sample=st.integers(1, 60),
    defectives=st.integers(0, 60),
    acceptance=st.integers(0, 3),
)
def test_the_stated_bound_holds_against_exact_sums(
    lot: int, sample: int, defectives: int, acceptance: int
) -> None:
    acceptance = min(acceptance, sample)
    result = acceptance_probability(sample, acceptance, defectives / lot, lot_size=lot)
    exact = _exact_oc(acceptance, lot, defectives, sample)
    assert abs(result - exact) <= max(min(sample, defectives) - 1, 0) / (lot - 1) + 1e-12


def test_the_limit_is_exact_when_the_whole_lot_is_inspected() -> None:
    lot = 10**15
    assert acceptance_probability(lot, 10**12, 0.001, lot_size=lot) == 1.0
    assert acceptance_probability(lot, 10**12 - 1, 0.001, lot_size=lot) == 0.0


def test_methods_and_bounds_of_the_switch() -> None:
    with pytest.raises(InputError, match="method='hypergeometric' sums lots of at most"):
        acceptance_probability(40, 0, 0.0025, lot_size=10**15, method="hypergeometric")
    with pytest.raises(InputError, match="'lot_size': 1 of 1 values are above 1e\\+15"):
        acceptance_probability(40, 0, 0.0025, lot_size=10**16)
    assert acceptance_probability(40, 0, 1 / 400, lot_size=400, method="binomial") == (
        pytest.approx(acceptance_probability(40, 0, 1 / 400))
    )
    mixed = acceptance_probability([40, 40], 0, [1 / 400, 0.0025], lot_size=[400, 10**15])
    np.testing.assert_allclose(mixed, [0.9, 0.904724], atol=1e-6)
    with pytest.warns(DataQualityWarning, match=r"error may reach 5e-06"):
        acceptance_probability(5_000, 3, 0.001, lot_size=10**9)


def test_a_missing_lot_size_is_carried_not_refused() -> None:
    with pytest.warns(DataQualityWarning, match="1 of 2 rows"):
        result = acceptance_probability(
            [40, 40], 0, [0.0025, 0.01], lot_size=[np.nan, 400], nan_policy="propagate"
        )
    from scipy import stats

    assert np.isnan(result[0]) and result[1] == stats.hypergeom.cdf(0, 400, 4, 40)


def test_large_lots_stay_lazy_on_dask(raise_if_dask_computes: Any) -> None:
    da = pytest.importorskip("dask.array")
    lots = da.from_array(np.array([400.0, 1e15]), chunks=1)
    with raise_if_dask_computes:
        lazy = acceptance_probability(40, 0, 0.0025, lot_size=lots)
    np.testing.assert_allclose(lazy.compute(), [0.9, 0.904724], atol=1e-6)


# -- options, flags and sizes ----------------------------------------------------------------


AREAS = [
    HazardousArea("A", "SHA", "1 ha", recent_victims=1, distance_to_road=200),
    HazardousArea("B", "CHA", 5_000, recent_victims=3, distance_to_road=50),
]


def test_weights_naming_no_criterion_are_refused() -> None:
    """Issue 12: prioritise(..., 'weighted_sum', weights={}) raised numpy's concatenate error."""
    for method in ("weighted_sum", "topsis"):
        with pytest.raises(InputError, match="needs at least one criterion"):
            prioritise(AREAS, method, weights={})


@pytest.mark.parametrize(
    ("deadline", "message"),
    [
        (0, "'deadline': 1 of 1 values are below 1000"),
        (10_000, "'deadline': 1 of 1 values are above 9999"),
        (2030.5, "'deadline'.*not whole numbers"),
        (True, "'deadline' must be a date"),
    ],
)
def test_deadlines_are_years_or_dates(deadline: Any, message: str) -> None:
    """Issue 12: deadline=0 raised 'year 0 is out of range'."""
    with pytest.raises(InputError, match=message):
        completion_forecast(100, {2020: 10, 2021: 10}, deadline=deadline)
    assert completion_forecast(100, {2020: 10, 2021: 10}, deadline=2030.0).deadline.year == 2030


@pytest.mark.parametrize("flag", [None, "false", 0, 1])
def test_rank_direction_is_a_flag(flag: Any) -> None:
    """Issue 12: rank(..., descending=None) sorted ascending."""
    with pytest.raises(InputError, match="'descending' must be True or False"):
        rank([1.0, 2.0], descending=flag)


def test_forecast_sizes_and_overflow_are_refused() -> None:
    with pytest.raises(InputError, match="'horizon' must be a whole number from 1 to 1,000"):
        completion_forecast(100, {2020: 10, 2021: 10}, horizon=2**63 - 1)
    with pytest.raises(InputError, match=r"'annual_release'.*above 1e\+15"):
        completion_forecast(100, {2020: 1e308, 2021: 1e308})
    tiny = completion_forecast(100, {2020: 1e-300, 2021: 1e-300})
    assert tiny.mean_completion is None and "inf" not in str(tiny)
    assert "done in" not in str(tiny).splitlines()[1]


def test_history_missing_years_can_be_omitted_at_the_ends_only() -> None:
    history = {2019: np.nan, 2020: 10.0, 2021: 20.0, 2022: 30.0}
    with pytest.raises(InputError, match="missing \\(NaN\\)"):
        completion_forecast(100, history)
    with pytest.warns(DataQualityWarning, match="omitted 1 of 4 years.*first 2019"):
        forecast = completion_forecast(100, history, nan_policy="omit")
    assert forecast.history_years == (2020, 2021, 2022)
    gap = {2019: 5.0, 2020: np.nan, 2021: 20.0}
    with pytest.warns(DataQualityWarning), pytest.raises(InputError, match="gap"):
        completion_forecast(100, gap, nan_policy="omit")


# -- results compare with == -----------------------------------------------------------------


def test_topsis_details_compare_and_round_trip() -> None:
    """Issue 12: == raised ValueError on TopsisDetails (array fields)."""
    details = topsis_details([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [False, True])
    assert details == topsis_details([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [False, True])
    assert from_json(to_json(details), TopsisDetails) == details
    other = topsis_details([[1, 3000], [2, 3750], [5, 4600]], [0.5, 0.5], [False, True])
    assert details != other
    with_nan = TopsisDetails([np.nan, 1.0], [1.0, 0.0], [0.0, 1.0], [1.0], [0.0])
    assert with_nan == TopsisDetails(np.array([np.nan, 1.0]), [1.0, 0.0], [0.0, 1.0], [1.0], [0.0])


# -- one vocabulary: models, tables and the reader agree --------------------------------------


def test_counts_follow_one_rule() -> None:
    """Issue 11: HazardousArea(recent_victims=2.0) and PrisonFacility-style counts alike."""
    area = HazardousArea("A", "SHA", 1, recent_victims=2.0, affected_population=np.int64(40))
    assert area.recent_victims == 2 and type(area.recent_victims) is int
    assert type(area.affected_population) is int
    for bad in (2.5, "2", True, -1):
        with pytest.raises(InputError, match="'recent_victims'"):
            HazardousArea("A", "SHA", 1, recent_victims=bad)


def test_areas_with_units_in_a_dataframe_rank_as_in_the_csv_reader(tmp_path: Path) -> None:
    text = "id,kind,area,recent_victims\nA,SHA,1.2 ha,1\nB,CHA,300,2\nC,SHA,0.5 km2,0\n"
    path = tmp_path / "areas.csv"
    path.write_text(text, encoding="utf-8")
    weights = {"area": 0.5, "recent_victims": 0.5}
    from_file = prioritise(read_areas(path), "weighted_sum", weights=weights)
    frame = pd.DataFrame(
        {"id": ["A", "B", "C"], "area": ["1.2 ha", "300", "0.5 km2"], "recent_victims": [1, 2, 0]}
    )
    from_frame = prioritise(frame, "weighted_sum", weights=weights)
    assert from_frame == from_file
    np.testing.assert_array_equal(np.sort(from_frame.values[:, 0]), [300.0, 12_000.0, 500_000.0])


def test_prioritise_can_omit_areas_with_unknown_criteria() -> None:
    frame = pd.DataFrame(
        {"id": ["A", "B", "C"], "recent_victims": [1, 2, 0], "distance_to_road": [50, None, 800]}
    )
    weights = {"recent_victims": 0.5, "distance_to_road": 0.5}
    with pytest.raises(InputError, match=r"'distance_to_road'.*missing \(NaN\).*label 'B'"):
        prioritise(frame, "topsis", weights=weights)
    with pytest.warns(DataQualityWarning, match="omitted 1 of 3 areas.*id 'B'"):
        result = prioritise(frame, "topsis", weights=weights, nan_policy="omit")
    assert result.ids == ("A", "C")
    with pytest.raises(InputError, match="'nan_policy': 'propagate' is not one of"):
        prioritise(frame, "topsis", weights=weights, nan_policy="propagate")


def test_series_in_series_out_and_propagate() -> None:
    scheme = ScoringScheme({"recent_victims": 2})
    frame = pd.DataFrame({"recent_victims": [1.0, np.nan, 3.0]}, index=["HA-1", "HA-2", "HA-3"])
    with pytest.warns(DataQualityWarning, match="1 of 3 areas"):
        scores = impact_score(frame, scheme, nan_policy="propagate")
    assert list(scores.index) == ["HA-1", "HA-2", "HA-3"] and np.isnan(scores["HA-2"])
    with pytest.warns(DataQualityWarning):
        bands = impact_category(scores, [(0, "low"), (4, "high")], nan_policy="propagate")
    assert bands["HA-1"] == "low" and bands["HA-3"] == "high" and np.isnan(bands["HA-2"])
    cleared = pd.Series([np.nan, 40.0], index=["PER", "ECU"])
    with pytest.warns(DataQualityWarning):
        shares = release_summary(0.0, 0.0, cleared, nan_policy="propagate")
    assert np.isnan(shares.share_cleared["PER"]) and shares.share_cleared["ECU"] == 1.0
    assert shares.released.attrs["units"] == "meter ** 2"


def test_rank_can_carry_missing_scores() -> None:
    with pytest.warns(DataQualityWarning):
        ranks = rank([0.3, np.nan, 0.9], nan_policy="propagate")
    np.testing.assert_array_equal(ranks, [2.0, np.nan, 1.0])


# -- command line ----------------------------------------------------------------------------

AREAS_CSV = Path(__file__).parents[1] / "data" / "mines" / "ops_hazardous_areas.csv"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--top", "-1"], "'--top' must be a whole number from 1"),
        (["--explain", "-2"], "--explain"),
    ],
)
def test_rank_sizes_are_refused_with_exit_2(
    capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    """Issue 12: `mines rank --top -1` exited 0."""
    code = main(["mines", "rank", str(AREAS_CSV), *extra])
    out, err = capsys.readouterr()
    assert code == 2 and message in err and "Traceback" not in err and not out


@pytest.mark.parametrize(
    "history", ["2016:1e308,2017:1e308", "2016:1e-300,2017:1e-300", "2016:0,2017:0"]
)
def test_forecast_never_prints_infinity(capsys: pytest.CaptureFixture[str], history: str) -> None:
    """Issue 12: the CLI printed "done in 2017" from an infinite mean."""
    code = main(["mines", "forecast", "--remaining", "1e9", "--history", history])
    out, err = capsys.readouterr()
    assert "inf" not in (out + err).lower().replace("information", "")
    assert "done in 2017" not in out
    assert code in (0, 2)
    if code == 0:
        code = main(["mines", "forecast", "--remaining", "1e9", "--history", history, "--json"])
        data = json.loads(capsys.readouterr()[0])  # strict JSON: no Infinity
        assert data["mean_completion_year"] is None


@pytest.mark.parametrize("kind", ["missing", "directory", "latin-1"])
def test_unreadable_files_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = tmp_path / "areas.csv"
    if kind == "directory":
        path.mkdir()
    elif kind == "latin-1":
        path.write_bytes("id,kind,area,location\nA,SHA,10,Nariño\n".encode("latin-1"))
    code = main(["mines", "rank", str(path)])
    out, err = capsys.readouterr()
    if kind == "latin-1":  # a Latin-1 table is read, not refused
        assert code == 0 and "A" in out and "Traceback" not in err
        return
    assert code == 2 and str(path) in err and "Traceback" not in err


def test_lis_scores_unchanged_by_the_new_boundary() -> None:
    assert prioritise(AREAS, LIS_PRESET).score.tolist() == [6.0, 2.0]


def test_columns_given_as_series_keep_and_check_their_index() -> None:
    scheme = ScoringScheme({"x": 2, "y": 1})
    x = pd.Series([1, 2], index=["HA-1", "HA-2"])
    scores = impact_score({"x": x, "y": x}, scheme)
    assert list(scores.index) == ["HA-1", "HA-2"] and scores.tolist() == [3.0, 6.0]
    shuffled = pd.Series([2, 1], index=["HA-2", "HA-1"])
    with pytest.raises(InputError, match="pandas indexes of columns 'x' and 'y' differ"):
        impact_score({"x": x, "y": shuffled}, scheme)


def test_array_results_compare_and_round_trip() -> None:
    from dpssec.mines import PerformanceScore, ResidualRisk, programme_performance, residual_risk

    performance = programme_performance([[6, 7, 8, 8, 7, 7, 6, 8, 7, 6]] * 2)
    assert from_json(to_json(performance), PerformanceScore) == performance
    risk = residual_risk([100, 20], [0.99, 0.95], 0.1, 0.9)
    assert risk == residual_risk([100, 20], [0.99, 0.95], 0.1, 0.9)
    assert risk != residual_risk([100, 21], [0.99, 0.95], 0.1, 0.9)
    assert isinstance(risk, ResidualRisk)
