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

    register, count = registers(2000, seed=5)
    lazy = reconcile_inventory(
        dd.from_pandas(register, npartitions=4), dd.from_pandas(count, npartitions=3)
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
