"""caseflow_table: sums before division, stocks at the ends of series, findings and refusals."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice import caseflow_table, clearance_rate, disposition_time

YEAR = (["2023-01-01"] * 2, ["2023-12-31"] * 2)


def test_group_rate_is_a_ratio_of_sums_not_a_mean_of_rates() -> None:
    t = caseflow_table(
        *YEAR, [900, 100], [1200, 300], [1100, 320], [1000, 80], court=["A", "B"], by="year"
    )
    expected = (1100 + 320) * 100 / (1200 + 300)
    assert t.clearance_rate[0] == pytest.approx(expected)
    mean_of_rates = np.mean(clearance_rate([1100, 320], [1200, 300]))
    assert abs(t.clearance_rate[0] - mean_of_rates) > 1
    assert t.disposition_time[0] == pytest.approx(365 * 1080 / 1420)
    assert t.rows.tolist() == [2] and t.series.tolist() == [2] and t.year.tolist() == [2023]


def test_default_grouping_uses_the_labels_given() -> None:
    t = caseflow_table(*YEAR, [900, 100], [1200, 300], [1100, 320], [1000, 80], court=["B", "A"])
    assert t.by == ("court", "year") and t.court == ("A", "B")
    assert t.resolved.tolist() == [320.0, 1100.0]
    one = caseflow_table(
        *YEAR, [900, 100], [1200, 300], [1100, 320], [1000, 80], court=["A", "B"], by=()
    )
    assert len(one) == 1 and one.court is None and one.pending_end.tolist() == [1080.0]


def test_quarters_make_the_year_with_stocks_at_the_ends() -> None:
    starts = ["2023-01-01", "2023-04-01", "2023-07-01", "2023-10-01"]
    ends = ["2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31"]
    # given out of order on purpose
    order = [2, 0, 3, 1]
    ps, inc, res, pe = (
        [900, 950, 980, 1010],
        [300] * 4,
        [250, 270, 270, 310],
        [950, 980, 1010, 1000],
    )
    t = caseflow_table(
        [starts[i] for i in order],
        [ends[i] for i in order],
        [ps[i] for i in order],
        [inc[i] for i in order],
        [res[i] for i in order],
        [pe[i] for i in order],
        court="A",
    )
    assert (t.pending_start[0], t.pending_end[0], t.incoming[0], t.resolved[0]) == (
        900,
        1000,
        1200,
        1100,
    )
    assert t.period_days[0] == 365 and t.findings == ()
    assert t.disposition_time[0] == pytest.approx(disposition_time(1000, 1100))
    # quarters of one court and the same year of another court: stocks add across courts
    both = caseflow_table(
        [*starts, "2023-01-01"],
        [*ends, "2023-12-31"],
        [*ps, 100],
        [*inc, 300],
        [*res, 320],
        [*pe, 80],
        court=["A"] * 4 + ["B"],
        by="year",
    )
    assert both.pending_start[0] == 1000 and both.pending_end[0] == 1080


def test_stock_identity_break_overlap_carry_over_and_holes_are_findings() -> None:
    t = caseflow_table(
        ["2022-01-01", "2023-01-01", "2023-07-01", "2024-03-01"],
        ["2022-12-31", "2023-12-31", "2023-09-30", "2024-12-31"],
        [100, 110, 130, 120],
        [50, 50, 10, 40],
        [40, 60, 20, 50],
        [110, 137, 120, 110],
        court="A",
        by="court",
    )
    codes = [f.code for f in t.findings]
    assert codes.count("stock-identity-break") == 1
    gap = next(f for f in t.findings if f.code == "stock-identity-break")
    assert gap.details["gap"] == 37.0 and "2023-01-01..2023-12-31" in gap.subject
    overlap = next(f for f in t.findings if f.code == "overlapping-periods")
    assert overlap.details["overlap_days"] == 92 and "2023-07-01" in overlap.subject
    hole = next(f for f in t.findings if f.code == "uncovered-days")
    assert hole.details["days"] == 60  # 2024-01-01 .. 2024-02-29
    assert t.report().warnings


def test_a_missing_quarter_shortens_the_period_and_marks_the_year_incomplete() -> None:
    t = caseflow_table(
        ["2023-01-01", "2023-07-01"], ["2023-03-31", "2023-12-31"],
        [100, 120], [50, 50], [40, 40], [110, 130], court="A", by="year",
    )  # fmt: skip
    assert t.period_days.tolist() == [274]  # 90 + 184 days, April-June not reported
    assert t.disposition_time[0] == pytest.approx(274 * 130 / 80)
    assert t.status == ("incomplete",)
    hole = next(f for f in t.findings if f.code == "uncovered-days")
    assert hole.severity.value == "warning" and hole.details["days"] == 91
    # overlapping periods count their days once; a full year is complete
    full = caseflow_table(
        ["2023-01-01", "2023-01-01"], ["2023-12-31", "2023-06-30"],
        [100, 100], [50, 20], [40, 20], [110, 100], court="A", by="year",
    )  # fmt: skip
    assert full.period_days.tolist() == [365] and full.status == ("complete",)


def test_a_court_reporting_half_the_year_makes_the_group_incomplete() -> None:
    t = caseflow_table(
        ["2023-01-01", "2023-07-01"], ["2023-12-31", "2023-12-31"],
        [100, 10], [50, 5], [40, 5], [110, 10], court=["A", "B"], by="year",
    )  # fmt: skip
    assert t.period_days.tolist() == [365] and t.status == ("incomplete",)
    by_court = caseflow_table(
        ["2023-01-01", "2023-07-01"], ["2023-12-31", "2023-12-31"],
        [100, 10], [50, 5], [40, 5], [110, 10], court=["A", "B"], by=("court", "year"),
    )  # fmt: skip
    assert by_court.period_days.tolist() == [365, 184]
    assert by_court.status == ("complete", "complete")


def test_carry_over_break_between_adjacent_periods() -> None:
    t = caseflow_table(
        ["2022-01-01", "2023-01-01"],
        ["2022-12-31", "2023-12-31"],
        [100, 115],
        [50, 50],
        [40, 60],
        [110, 105],
        court="A",
    )
    (finding,) = t.findings
    assert finding.code == "carry-over-break" and finding.details["gap"] == 5.0


def test_impossible_rows_are_refused_with_the_row() -> None:
    with pytest.raises(InputError, match=r"resolve more cases than were open .*row 1: B / all"):
        caseflow_table(*YEAR, [900, 100], [1200, 300], [1100, 401], [1000, 0], court=["A", "B"])
    with pytest.raises(InputError, match=r"end before they start \(first at row 0"):
        caseflow_table("2023-12-31", "2023-01-01", 1, 1, 1, 1)
    with pytest.raises(InputError, match="negative"):
        caseflow_table(*YEAR, [900, -1], [1200, 300], [1100, 320], [1000, 80])
    with pytest.raises(InputError, match="'week' is not one of"):
        caseflow_table(*YEAR, [900, 100], [1200, 300], [1100, 320], [1000, 80], by="week")
    with pytest.raises(InputError, match="no court labels"):
        caseflow_table(*YEAR, [900, 100], [1200, 300], [1100, 320], [1000, 80], by="court")
    with pytest.raises(InputError, match="have no label"):
        caseflow_table(*YEAR, [900, 100], [1200, 300], [1100, 320], [1000, 80], court=["A", None])


def test_omit_drops_the_whole_row_and_warns() -> None:
    with pytest.warns(DataQualityWarning, match="omitted 1 of 3 rows"):
        t = caseflow_table(
            ["2023-01-01"] * 3,
            ["2023-12-31"] * 3,
            [900, 100, np.nan],
            [1200, 300, 50],
            [1100, 320, 40],
            [1000, 80, 20],
            court=["A", "B", "C"],
            by="year",
            nan_policy="omit",
        )
    assert t.rows.tolist() == [2] and t.incoming.tolist() == [1500.0]


def test_zero_resolved_in_a_group_warns_and_gives_infinity() -> None:
    with pytest.warns(DataQualityWarning, match="resolved = 0"):
        t = caseflow_table("2023-01-01", "2023-12-31", 10, 5, 0, 15)
    assert np.isinf(t.disposition_time[0]) and t.clearance_rate[0] == 0.0


def test_staff_gives_the_efficiency_rate() -> None:
    t = caseflow_table(
        ["2023-01-01", "2023-07-01"],
        ["2023-06-30", "2023-12-31"],
        [100, 110],
        [50, 50],
        [40, 60],
        [110, 100],
        court="A",
        staff=[4.0, 6.0],
    )
    # day-weighted staff: (4 x 181 + 6 x 184) / 365
    staff = (4 * 181 + 6 * 184) / 365
    assert t.efficiency_rate[0] == pytest.approx(100 / staff)


def test_series_and_frame_columns() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "start": pd.to_datetime(["2023-01-01", "2023-01-01"]),
            "end": pd.to_datetime(["2023-12-31", "2023-12-31"]),
            "court": ["A", "B"],
            "ps": [900, 100],
            "inc": [1200, 300],
            "res": [1100, 320],
            "pe": [1000, 80],
        },
        index=["r1", "r2"],
    )
    t = caseflow_table(
        frame["start"],
        frame["end"],
        frame["ps"],
        frame["inc"],
        frame["res"],
        frame["pe"],
        court=frame["court"],
    )
    assert t.court == ("A", "B")
    assert list(t.to_frame()["court"]) == ["A", "B"]
    assert t.to_dict()["resolved"] == [1100.0, 320.0]


@given(
    st.lists(
        st.tuples(
            st.integers(0, 1000), st.integers(0, 1000), st.integers(0, 1000), st.integers(0, 50)
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_year_from_consecutive_periods_equals_the_one_year_return(
    months: list[tuple[int, int, int, int]],
) -> None:
    """Split a year into consecutive periods with a consistent stock: the table gives the year."""
    import datetime as dt

    cuts = sorted({1 + (m[3] * 7) % 360 for m in months})
    edges = [dt.date(2023, 1, 1) + dt.timedelta(days=c - 1) for c in [1, *cuts[1:]]]
    ends = [e - dt.timedelta(days=1) for e in edges[1:]] + [dt.date(2023, 12, 31)]
    stock = months[0][0]
    rows = []
    for (_, inc, res, _), start, end in zip(months, edges, ends, strict=False):
        res = min(res, stock + inc)
        rows.append((start, end, stock, inc, res, stock + inc - res))
        stock = stock + inc - res
    starts, finals, ps, inc, res, pe = map(list, zip(*rows, strict=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)  # zero incoming or resolved
        t = caseflow_table(starts, finals, ps, inc, res, pe, court="A")
    assert t.findings == ()
    assert t.pending_start[0] == ps[0] and t.pending_end[0] == pe[-1]
    assert t.incoming[0] == sum(inc) and t.resolved[0] == sum(res)
    assert t.period_days[0] == (finals[-1] - starts[0]).days + 1
    assert t.stock_gap[0] == 0
