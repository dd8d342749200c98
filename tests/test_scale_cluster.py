"""The out-of-core calculators on a real ``distributed.LocalCluster`` (2 worker processes).

Few and quick (the cluster starts once for this module, a couple of seconds): each test runs
one calculator with the cluster's Client as the active scheduler and compares with the
in-memory result, so that pickling, the peer-to-peer shuffle and errors raised on a worker
are exercised as a user's cluster would.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import pytest

from dpssec.errors import InputError

pytestmark = pytest.mark.cluster

dd = pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")


def test_reconcile_on_the_cluster(dask_client: Any) -> None:
    from dpssec.arms.firearms import reconcile_inventory
    from tests.arms.test_firearms_reconcile_dask import assert_same, registers

    register, count = registers(1200, seed=5)
    lazy = reconcile_inventory(
        dd.from_pandas(register, npartitions=2), dd.from_pandas(count, npartitions=1)
    )
    assert_same(lazy, reconcile_inventory(register, count))


def test_depot_check_on_the_cluster(dask_client: Any) -> None:
    from dpssec.arms.storage.depot_check import check_depot
    from tests.arms.test_depot_check_dask import as_objects, network

    depot, sites = network(600)
    eager = check_depot(attrs.evolve(depot, exposed_sites=as_objects(sites)))
    lazy = check_depot(depot, exposed_sites=dd.from_pandas(sites, npartitions=4), compute=False)
    (report,) = dask_client.compute([lazy], sync=True)
    assert report.findings == eager.findings


def test_errors_raised_on_a_worker_reach_the_user(dask_client: Any) -> None:
    from dpssec.arms.storage.depot_check import check_depot
    from tests.arms.test_depot_check_dask import network

    depot, sites = network(40)
    sites.loc[30, "x"] = np.nan
    with pytest.raises(InputError, match=r"partition 3\): parameter 'x'"):
        check_depot(depot, exposed_sites=dd.from_pandas(sites, npartitions=4))


def test_kaplan_meier_on_the_cluster(dask_client: Any, tmp_path: Any) -> None:
    import pandas as pd

    from dpssec.stats import kaplan_meier
    from tests.stats.test_survival_dask import assert_same_curve, cohort

    d, e = cohort(50_000, seed=9)
    pd.DataFrame({"days": d.astype(np.int32), "event": e.astype(np.int8)}).to_parquet(
        tmp_path / "cohort.parquet", row_group_size=10_000
    )
    frame = dd.read_parquet(tmp_path / "cohort.parquet", split_row_groups=True)
    assert_same_curve(kaplan_meier(frame["days"], frame["event"]), kaplan_meier(d, e))


def test_cohort_and_indicator_table_on_the_cluster(dask_client: Any) -> None:
    from dpssec.justice import ReleaseCohort
    from dpssec.prevention import indicator_table
    from tests.justice.test_cohort_dask import releases
    from tests.prevention.test_table_dask import incidents

    data = releases(2_000, seed=6)
    frame = dd.from_pandas(data, npartitions=4)
    lazy = ReleaseCohort(frame.release, frame.event, frame.extracted)
    eager = ReleaseCohort(data.release, data.event, data.extracted)
    assert lazy.recidivism(follow_up=[365, 730]) == eager.recidivism(follow_up=[365, 730])
    rows = incidents(seed=7)[["area", "sex", "age_band", "year", "count", "population"]]
    table = indicator_table(dd.from_pandas(rows, npartitions=5), "dsr", by=["area"])
    assert table == indicator_table(rows, "dsr", by=["area"])
