"""With ``compute=False`` every out-of-core calculator builds its graph without computing."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
dask = pytest.importorskip("dask")


def _calls() -> dict[str, Any]:
    from dpssec.arms.firearms import reconcile_inventory
    from dpssec.arms.storage.depot_check import check_depot
    from dpssec.justice import ReleaseCohort, recidivism_rate
    from dpssec.prevention import indicator_table
    from dpssec.stats import kaplan_meier, logrank_test, nelson_aalen
    from tests.arms.test_depot_check_dask import network
    from tests.arms.test_firearms_reconcile_dask import registers
    from tests.justice.test_cohort_dask import releases

    records = dd.from_pandas(
        pd.DataFrame({"d": np.arange(1, 41) % 9 + 1, "e": np.arange(40) % 2}), npartitions=3
    )
    rows = dd.from_pandas(
        pd.DataFrame({"area": list("ABAB"), "count": [1, 2, 3, 4], "population": [10] * 4}), 2
    )
    cohort = dd.from_pandas(releases(30), npartitions=2)
    register, count = registers(100)
    depot, sites = network(30)
    return {
        "kaplan_meier": lambda: kaplan_meier(records.d, records.e, compute=False),
        "nelson_aalen": lambda: nelson_aalen(records.d, records.e, compute=False),
        "logrank_test": lambda: logrank_test(records.d, records.e, [3, 4], [1, 1], compute=False),
        "recidivism_rate": lambda: recidivism_rate(
            records.d, records.e, follow_up=3, compute=False
        ),
        "ReleaseCohort": lambda: ReleaseCohort(
            cohort.release, cohort.event, "2023-12-31"
        ).recidivism(follow_up=365, compute=False),
        "indicator_table": lambda: indicator_table(rows, by=["area"], compute=False),
        "reconcile_inventory": lambda: reconcile_inventory(
            dd.from_pandas(register, 2), dd.from_pandas(count, 2), compute=False
        ),
        "check_depot": lambda: check_depot(
            depot, exposed_sites=dd.from_pandas(sites, 2), compute=False
        ),
    }


CALLS = list(_calls())


@pytest.mark.parametrize("name", CALLS)
def test_compute_false_builds_without_computing(name: str, raise_if_dask_computes: Any) -> None:
    call = _calls()[name]
    with raise_if_dask_computes:
        lazy = call()
    assert type(lazy).__name__ == "Delayed"
    with dask.config.set(scheduler="synchronous"):
        assert lazy.compute() is not None
