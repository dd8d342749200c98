"""ReleaseCohort: durations and censoring from dates, bad dates, JSON, CSV reading."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError, SchemaError
from dpssec.justice import (
    EventType,
    RecidivismMeasure,
    ReleaseCohort,
    follow_up_durations,
    read_release_cohorts,
)
from dpssec.serialization import from_json, to_json
from dpssec.units import Q_


def test_durations_and_censoring() -> None:
    cohort = ReleaseCohort(
        ["2020-01-01", "2020-03-01", "2021-06-30", "2023-12-31", "2022-01-01"],
        ["2020-07-01", None, "2024-02-01", None, "2023-12-31"],
        "2023-12-31",
    )
    np.testing.assert_array_equal(cohort.durations, [182, 1400, 914, 0, 729])
    # the event after the end is ignored; an event on the end day counts
    np.testing.assert_array_equal(cohort.events, [1, 0, 0, 0, 1])
    assert cohort.size == 5


def test_per_person_follow_up_end_and_datetime64_input() -> None:
    release = np.array(["2020-01-01", "2020-01-01"], dtype="datetime64[D]")
    event = np.array(["NaT", "2020-03-01"], dtype="datetime64[D]")
    end = np.array(["2020-02-01T00:00", "2020-02-15T00:00"], dtype="datetime64[m]")
    cohort = ReleaseCohort(release, event, end)
    np.testing.assert_array_equal(cohort.durations, [31, 45])
    np.testing.assert_array_equal(cohort.events, [0, 0])
    # A date with a time of day is refused (a day is wanted), as every Date() parameter does.
    with pytest.raises(InputError, match="'follow_up_end': 1 of 2 values have a time of day"):
        ReleaseCohort(release, event, end + np.timedelta64(600, "m") * np.array([1, 0]))


def test_pandas_and_date_objects() -> None:
    pd = pytest.importorskip("pandas")
    release = pd.Series(pd.to_datetime(["2021-01-01", "2021-02-01"]))
    event = pd.Series([pd.Timestamp("2021-03-01"), pd.NaT])
    cohort = ReleaseCohort(release, event, dt.date(2021, 12, 31))
    np.testing.assert_array_equal(cohort.durations, [59, 333])


def test_waiting_period_moves_the_end_of_observation() -> None:
    assert RecidivismMeasure(waiting_period_days=Q_(26, "week")).waiting_period_days == 182
    assert RecidivismMeasure(waiting_period_days=dt.timedelta(days=183)).waiting_period_days == 183
    cohort = ReleaseCohort(
        ["2020-01-01", "2020-01-01", "2020-01-01"],
        ["2020-05-01", "2020-11-01", None],
        "2020-12-31",
        measure=RecidivismMeasure("conviction", waiting_period_days=183),
    )
    # observation ends 2020-07-01: the November conviction is not yet counted
    np.testing.assert_array_equal(cohort.events, [1, 0, 0])
    np.testing.assert_array_equal(cohort.durations, [121, 182, 182])
    assert "183-day waiting period" in str(cohort.measure)


def test_kernel_is_vectorised() -> None:
    n = 1000
    rng = np.random.default_rng(1)
    release = np.datetime64("2015-01-01") + rng.integers(0, 1500, n).astype("timedelta64[D]")
    gap = rng.integers(0, 3000, n).astype("timedelta64[D]")
    event = np.where(rng.random(n) < 0.5, release + gap, np.datetime64("NaT"))
    end = np.datetime64("2021-12-31")
    d, e = follow_up_durations(release, event.astype("datetime64[D]"), end)
    expected_event = (~np.isnat(event)) & (event <= end)
    np.testing.assert_array_equal(e, expected_event.astype(float))
    stop = np.where(expected_event, event, end)
    np.testing.assert_array_equal(d, (stop - release).astype(int))


@pytest.mark.parametrize(
    ("release", "event", "end", "message"),
    [
        (
            ["2020-01-01", None],
            [None, None],
            "2021-01-01",
            "'release_dates': 1 of 2 dates are missing \\(first at row 1\\)",
        ),
        (
            ["2020-01-01", "2020-06-01"],
            [None, "2020-05-01"],
            "2021-01-01",
            "event before release in 1 rows \\(first at row 1: event 2020-05-01 < release 2020-06-01\\)",
        ),
        (
            ["2020-01-01", "2022-06-01"],
            [None, None],
            "2021-01-01",
            "dates out of order: release after the follow-up end in 1 rows \\(first at row 1",
        ),
        (
            ["2020-01-01", "2020-02-01"],
            [None, None],
            ["2021-01-01", None],
            "'follow_up_end': missing for 1 of 2 persons \\(first at row 1\\)",
        ),
        (["2020-01-01"], [None], None, "'follow_up_end' is required"),
        (["2020-01-01", "2020-02-01"], [None], "2021-01-01", "lengths differ"),
        (["2020-01-01"], [None], ["2021-01-01", "2021-01-01"], "lengths differ"),
        ([], [], "2021-01-01", "at least one release"),
        ([20200101], [None], "2021-01-01", "'release_dates' must be a date"),
        (["2020-13-01"], [None], "2021-01-01", "'2020-13-01' at index 0 is not a date"),
    ],
)
def test_bad_dates(release, event, end, message) -> None:
    with pytest.raises(InputError, match=message):
        ReleaseCohort(release, event, end)


def test_measure_choices() -> None:
    assert RecidivismMeasure().event is EventType.ARREST
    assert ReleaseCohort(["2020-01-01"], [None], "2020-02-01", "reincarceration").measure.event is (
        EventType.REINCARCERATION
    )
    with pytest.raises(InputError, match="'event': 'rearrest' is not one of"):
        RecidivismMeasure("rearrest")
    with pytest.raises(InputError, match="waiting_period"):
        RecidivismMeasure(waiting_period_days=-1)
    with pytest.raises(InputError, match="waiting_period"):
        RecidivismMeasure(waiting_period_days=1.5)
    with pytest.raises(InputError, match="waiting_period"):
        RecidivismMeasure(waiting_period_days=Q_(0.5, "year"))  # 182.625 days


dates = st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1))


@st.composite
def cohorts(draw):
    n = draw(st.integers(1, 8))
    end = draw(dates)
    release = [draw(st.dates(dt.date(1995, 1, 1), end)) for _ in range(n)]
    event = [draw(st.none() | st.dates(r, dt.date(2035, 1, 1))) for r in release]
    measure = RecidivismMeasure(
        draw(st.sampled_from(list(EventType))), draw(st.integers(0, 400)), draw(st.text(max_size=5))
    )
    per_person = draw(st.booleans())
    ends = [end] * n if per_person else end
    with warnings.catch_warnings():  # releases inside the waiting period warn; fine here
        warnings.simplefilter("ignore", DataQualityWarning)
        return ReleaseCohort(
            [r.isoformat() for r in release],
            [None if e is None else e.isoformat() for e in event],
            [e.isoformat() for e in ends] if per_person else ends.isoformat(),
            measure,
            draw(st.text(max_size=10)),
        )


@given(cohorts())
def test_json_round_trip(cohort) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        again = from_json(to_json(cohort), ReleaseCohort)
    assert again == cohort
    np.testing.assert_array_equal(again.durations, cohort.durations)


def test_json_is_strict() -> None:
    good = to_json(ReleaseCohort(["2020-01-01"], [None], "2021-01-01"))
    with pytest.raises(SchemaError, match="unknown field"):
        from_json(good.replace('"label"', '"colour"'), ReleaseCohort)
    with pytest.raises(SchemaError, match="event before release"):
        from_json(good.replace("null", '"2019-01-01"'), ReleaseCohort)
    with pytest.raises(SchemaError):
        from_json(good.replace('"2020-01-01"', "20200101"), ReleaseCohort)


def test_read_release_cohorts(tmp_path) -> None:
    path = tmp_path / "cohort.csv"
    path.write_text(
        "# synthetic\nrelease_date,event_date,follow_up_end,group\n"
        "2020-01-01,2020-03-01,2021-12-31,programme\n"
        "2020-02-01,,2021-12-31,control\n"
        "2020-03-01,2021-01-01,2021-12-31,control\n",
        encoding="utf-8",
    )
    cohorts_read = read_release_cohorts(path)
    assert list(cohorts_read) == ["programme", "control"]
    assert cohorts_read["control"].size == 2
    np.testing.assert_array_equal(cohorts_read["control"].events, [0, 1])
    one = read_release_cohorts(path, group_column=None, measure="conviction")
    assert list(one) == ["all"] and one["all"].measure.event is EventType.CONVICTION


def test_read_release_cohorts_errors(tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("release_date,event_date\n2020-01-01,2020-01-32\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column\\(s\\) follow_up_end"):
        read_release_cohorts(path)
    with pytest.raises(SchemaError, match="line 2, column 'event_date'"):
        read_release_cohorts(path, follow_up_end="2021-01-01")
    path.write_text(
        "# comment\nrelease_date,event_date,group\n2020-01-01,,a\n2020-02-01,,b\n"
        "2020-03-01,2020-01-01,b\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="line 5: event before release: event 2020-01-01"):
        read_release_cohorts(path, follow_up_end="2021-01-01")
    with pytest.raises(InputError, match="line 3: dates out of order"):
        read_release_cohorts(path, follow_up_end="2019-01-01")


def test_cohort_owns_read_only_copies() -> None:
    release = np.array(["2020-01-01", "2020-02-01"], dtype="datetime64[D]")
    cohort = ReleaseCohort(release, [None, None], "2021-01-01")
    release[0] = np.datetime64("2030-01-01")
    assert cohort.release_dates[0] == np.datetime64("2020-01-01")
    assert not cohort.release_dates.flags.writeable


def test_releases_inside_the_waiting_period_are_counted_in_a_warning() -> None:
    measure = RecidivismMeasure("arrest", waiting_period_days=183)
    releases = ["2020-01-01", "2023-10-01", "2023-12-01", "2021-05-01"]
    with pytest.warns(DataQualityWarning, match=r"2 of 4 persons .* 183-day waiting period.*row 1"):
        cohort = ReleaseCohort(releases, [None] * 4, "2023-12-31", measure)
    np.testing.assert_array_equal(cohort.durations[1:3], [0.0, 0.0])
    # Without a waiting period, or with everyone released before it, nothing is said.
    ReleaseCohort(releases, [None] * 4, "2023-12-31")
    ReleaseCohort(releases[:1], [None], "2023-12-31", measure)
