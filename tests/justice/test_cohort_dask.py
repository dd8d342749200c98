"""Lazy release cohorts (dask dates): one pass gives the in-memory curve, rates and warnings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice import (
    RecidivismMeasure,
    ReleaseCohort,
    analyse_recidivism,
    recidivism_rate,
    reintegration_rate,
)

dd = pytest.importorskip("dask.dataframe")
da = pytest.importorskip("dask.array")
dask = pytest.importorskip("dask")

pytestmark = pytest.mark.usefixtures("synchronous_dask")

WINDOWS = [365, 730, 1095]


def releases(n: int, seed: int = 1) -> pd.DataFrame:
    """Releases over 2015-2023, first re-arrest after an exponential time (or none)."""
    rng = np.random.default_rng(seed)
    release = np.datetime64("2015-01-01") + rng.integers(0, 9 * 365, n).astype("timedelta64[D]")
    gap = rng.exponential(1_200.0, n).astype(np.int64).astype("timedelta64[D]")
    event = np.where(rng.random(n) < 0.7, release + gap, np.datetime64("NaT"))
    return pd.DataFrame(
        {
            "release": release.astype(str),
            "event": [None if np.isnat(x) else str(x) for x in event],
            "extracted": np.where(rng.random(n) < 0.5, "2023-12-31", "2024-06-30"),
        }
    )


def test_lazy_cohort_gives_the_in_memory_analysis() -> None:
    data = releases(4_000)
    measure = RecidivismMeasure("reincarceration", 30)
    with pytest.warns(DataQualityWarning, match="released within the 30-day waiting period"):
        eager = ReleaseCohort(data.release, data.event, "2023-12-31", measure, label="2015-23")
    frame = dd.from_pandas(data, npartitions=6)
    lazy = ReleaseCohort(frame.release, frame.event, "2023-12-31", measure, label="2015-23")
    assert lazy.lazy and not eager.lazy
    expected = eager.recidivism(follow_up=WINDOWS)
    with pytest.warns(DataQualityWarning, match=r"\d+ of 4000 persons were released within"):
        result = lazy.recidivism(follow_up=WINDOWS)
    assert result == expected
    assert result.statement == expected.statement
    with pytest.warns(DataQualityWarning):
        curve = lazy.curve(ci="log")
    np.testing.assert_array_equal(curve.survival, eager.curve(ci="log").survival)
    assert lazy.size == 4_000
    assert lazy == lazy and lazy != ReleaseCohort(frame.release, frame.event, "2023-12-31")


def test_per_person_end_dates_and_lazy_columns() -> None:
    data = releases(1_000, seed=2)
    eager = ReleaseCohort(data.release, data.event, data.extracted)
    frame = dd.from_pandas(data, npartitions=3)
    lazy = ReleaseCohort(frame.release, frame.event, frame.extracted)
    assert analyse_recidivism(lazy, follow_up=730) == analyse_recidivism(eager, follow_up=730)
    durations, events = lazy.durations_and_events()
    np.testing.assert_array_equal(durations.compute(), eager.durations)
    np.testing.assert_array_equal(events.compute(), eager.events)
    np.testing.assert_array_equal(lazy.potential_follow_up.compute(), eager.potential_follow_up)


def test_compute_false_composes() -> None:
    data = releases(500, seed=3)
    frame = dd.from_pandas(data, npartitions=2)
    lazy = ReleaseCohort(frame.release, frame.event, "2023-12-31")
    a = lazy.recidivism(follow_up=365, compute=False)
    b = lazy.curve(compute=False)
    assert type(a).__name__ == type(b).__name__ == "Delayed"
    result, curve = dask.compute(a, b)
    eager = ReleaseCohort(data.release, data.event, "2023-12-31")
    assert result == eager.recidivism(follow_up=365)
    np.testing.assert_array_equal(curve.at([100, 400]), eager.curve().at([100, 400]))


def test_bad_dates_name_the_partition() -> None:
    data = releases(60, seed=4)
    data.loc[45, "event"] = "2000-01-01"
    frame = dd.from_pandas(data, npartitions=3)
    lazy = ReleaseCohort(frame.release, frame.event, "2023-12-31")  # nothing read yet
    with pytest.raises(InputError, match=r"partition 2 .*: event before release in 1 rows"):
        lazy.recidivism(follow_up=365)
    with pytest.raises(InputError, match="both as dask collections"):
        ReleaseCohort(frame.release, data.event, "2023-12-31")
    with pytest.raises(InputError, match="one date for everybody or a dask column"):
        ReleaseCohort(frame.release, frame.event, data.extracted)


def test_recidivism_rate_on_dask_records() -> None:
    rng = np.random.default_rng(5)
    d = rng.integers(1, 1_500, 3_000)
    e = rng.integers(0, 2, 3_000)
    frame = dd.from_pandas(pd.DataFrame({"d": d, "e": e}), npartitions=4)
    for function in (recidivism_rate, reintegration_rate):
        eager = function(d, e, follow_up=[365, 730])
        lazy = function(frame.d, frame.e, follow_up=[365, 730])
        np.testing.assert_array_equal(lazy.value, eager.value)
        np.testing.assert_array_equal(lazy.lower, eager.lower)
    delayed = recidivism_rate(da.from_array(d, 700), da.from_array(e, 900), follow_up=365,
                              compute=False)  # fmt: skip
    assert delayed.compute().value == recidivism_rate(d, e, follow_up=365).value
    with pytest.raises(InputError, match="beyond the longest observed follow-up"):
        recidivism_rate(frame.d, frame.e, follow_up=5_000)


@settings(max_examples=15, deadline=None)
@given(npartitions=st.integers(1, 7), seed=st.integers(0, 1_000))
def test_random_partitionings(npartitions: int, seed: int) -> None:
    data = releases(300, seed=seed)
    frame = dd.from_pandas(data, npartitions=npartitions)
    lazy = ReleaseCohort(frame.release, frame.event, frame.extracted)
    eager = ReleaseCohort(data.release, data.event, data.extracted)
    assert lazy.recidivism(follow_up=[365, 1095]) == eager.recidivism(follow_up=[365, 1095])


def test_a_lazy_cohort_is_not_serialised() -> None:
    from dpssec.serialization import to_dict

    frame = dd.from_pandas(releases(20), npartitions=2)
    with pytest.raises(InputError, match="lazy ReleaseCohort"):
        to_dict(ReleaseCohort(frame.release, frame.event, "2023-12-31"))


def test_a_bad_row_is_given_as_the_row_of_the_whole_cohort_and_its_label() -> None:
    data = releases(5000, seed=4)
    data.loc[4000, "event"] = "2000-01-01"
    with pytest.raises(InputError, match=r"first at row 4000: event 2000-01-01") as eager:
        ReleaseCohort(data.release, data.event, "2023-12-31").curve()
    assert eager.value.row == 4000  # type: ignore[attr-defined]
    frame = dd.from_pandas(data, npartitions=5)
    lazy = ReleaseCohort(frame.release, frame.event, "2023-12-31")
    with pytest.raises(
        InputError, match=r"first at row 4000 of the cohort, row 0 of the partition, label 4000"
    ) as error:
        lazy.curve()
    assert error.value.row == 4000  # type: ignore[attr-defined]
    with pytest.raises(InputError, match=r"row 4000 of the cohort"):
        lazy.recidivism(follow_up=365)
    with pytest.raises(InputError, match=r"row 4000 of the cohort"):
        _ = lazy.size
    # labels that are not positions (the partitions are sorted by them): both are given
    labelled = dd.from_pandas(data.set_axis([f"p{i:05d}" for i in range(5000)]), npartitions=5)
    lazy = ReleaseCohort(labelled.release, labelled.event, "2023-12-31")
    with pytest.raises(
        InputError, match=r"row 4000 of the cohort, row 0 of the partition, label 'p04000'"
    ):
        lazy.curve()
    # dask arrays: the blocks before are counted (chunk sizes unknown) or summed (known)
    dates = pd.DataFrame({"r": pd.to_datetime(data.release), "e": pd.to_datetime(data.event)})
    parted = dd.from_pandas(dates, npartitions=5)
    unknown = ReleaseCohort(parted.r.to_dask_array(), parted.e.to_dask_array(), "2023-12-31")
    with pytest.raises(InputError, match=r"row 4000 of the cohort, row 0 of the partition:"):
        unknown.curve()
    known = ReleaseCohort(
        da.from_array(dates.r.to_numpy(), chunks=700),
        da.from_array(dates.e.to_numpy(), chunks=700),
        "2023-12-31",
    )
    with pytest.raises(InputError, match=r"row 4000 of the cohort, row 500 of the partition:"):
        known.curve()
    # compute=False: the error is raised where the user computes, naming the partition
    with pytest.raises(InputError, match=r"dask partition 4 .*row 0 of the partition, label 4000"):
        ReleaseCohort(frame.release, frame.event, "2023-12-31").curve(compute=False).compute()


def test_row_errors_survive_pickling_from_a_worker() -> None:
    import pickle

    from dpssec.justice.cohort import CohortRowError
    from dpssec.justice.cohort_dask import PartitionRowError

    error = PartitionRowError("m", 3, "d", 2, "p3")
    back = pickle.loads(pickle.dumps(error))
    assert (str(back), back.row, back.detail, back.partition, back.label) == ("m", 3, "d", 2, "p3")
    plain = pickle.loads(pickle.dumps(CohortRowError("m", 1, "d")))
    assert (plain.row, plain.detail) == (1, "d")
