"""Reconciliation out of core: dask DataFrames give the in-memory categories and rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.arms.firearms import (
    FirearmRegister,
    InventoryReconciliation,
    read_register,
    reconcile_inventory,
)
from dpssec.arms.firearms.reconcile_dask import bucket_of
from dpssec.errors import DataQualityWarning, InputError, SchemaError

dd = pytest.importorskip("dask.dataframe")
dask = pytest.importorskip("dask")

DATA = Path(__file__).parents[1] / "data" / "arms"

pytestmark = pytest.mark.usefixtures("synchronous_dask")


def registers(n: int, seed: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A register and a count with every category, duplicates spread over the whole table."""
    rng = np.random.default_rng(seed)
    makers = np.array(["Glock", "Beretta", "CZ", "Smith & Wesson"])
    models = np.array(["17", "92FS", "75 B", "M&P9"])
    which = rng.integers(0, 4, n)
    serial = np.array([f"{'OI'[i % 2]}X-{i:05d}" for i in rng.permutation(n)])
    status = rng.choice(
        ["in stock", "issued", "destroyed", "lost or stolen"], n, p=[0.8, 0.1, 0.05, 0.05]
    )
    register = pd.DataFrame(
        {"serial_number": serial, "manufacturer": makers[which], "model": models[which],
         "status": status, "year_of_manufacture": rng.integers(1990, 2024, n)}
    )  # fmt: skip
    # repeated serials far apart (one near the start, one near the end)
    for i in range(0, n // 10, 7):
        register.loc[n - 1 - i, ["serial_number", "manufacturer"]] = register.loc[
            i, ["serial_number", "manufacturer"]
        ].to_numpy()
        register.loc[n - 1 - i, "model"] = "DUP"  # not a repeated row of the count
    found = rng.random(n) < 0.9
    count = register.loc[found, ["serial_number", "manufacturer", "model"]].copy()
    noisy = rng.random(len(count)) < 0.2
    count.loc[noisy, "serial_number"] = (
        count.loc[noisy, "serial_number"].str.lower().str.replace("-", " ")
    )
    typo = rng.random(len(count)) < 0.03  # O/0 and I/1 typing errors: near matches
    count.loc[typo, "serial_number"] = (
        count.loc[typo, "serial_number"].str.replace("O", "0").str.replace("I", "1")
    )
    model = rng.random(len(count)) < 0.02  # another model typed: near matches by model
    count.loc[model, "model"] = "X"
    extra = pd.DataFrame(
        {"serial_number": [f"RU-{i}" for i in range(n // 50)], "manufacturer": "Ruger",
         "model": "GP100"}
    )  # fmt: skip
    # the typing noise may make two counted rows of a repeated serial read alike: keep one
    folded = count["serial_number"].str.upper().str.replace(r"[\s\-]", "", regex=True)
    count = count[~pd.concat([folded, count[["manufacturer", "model"]]], axis=1).duplicated()]
    count = pd.concat([count.sample(frac=1.0, random_state=seed), extra], ignore_index=True)
    return register, count


def assert_same(lazy: InventoryReconciliation, eager: InventoryReconciliation) -> None:
    assert lazy.summary() == eager.summary()
    assert lazy.missing_rows == eager.missing_rows
    assert lazy.unregistered_rows == eager.unregistered_rows
    assert lazy == eager


@pytest.fixture(scope="module")
def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    return registers(3000)


def test_dask_frames_give_the_in_memory_result(tables: Any) -> None:
    register, count = tables
    eager = reconcile_inventory(register, count)
    summary = eager.summary()
    # the synthetic tables exercise every category
    assert all(summary[k] > 0 for k in summary), summary
    lazy = reconcile_inventory(
        dd.from_pandas(register, npartitions=5), dd.from_pandas(count, npartitions=3)
    )
    assert_same(lazy, eager)
    # duplicates whose copies sit in the first and the last partition are found
    assert any(d.rows[0] < 600 and d.rows[-1] > 2400 for d in lazy.duplicates)


def test_parquet_strings_with_missing_values(tables: Any, tmp_path: Path) -> None:
    register, count = tables
    register = register.assign(location=np.where(np.arange(len(register)) % 3, "north", None))
    register.to_parquet(tmp_path / "register.parquet", row_group_size=700)
    count.to_parquet(tmp_path / "count.parquet")
    lazy = reconcile_inventory(
        dd.read_parquet(tmp_path / "register.parquet", split_row_groups=True),
        dd.read_parquet(tmp_path / "count.parquet"),
    )
    assert_same(lazy, reconcile_inventory(register, count))
    assert lazy.missing[0].location in (None, "north")  # pd.NA read as "not recorded"


def test_mixed_inputs_keep_their_rows() -> None:
    register = read_register(DATA / "firearms_register.csv")
    counted = read_register(DATA / "firearms_count.csv")
    eager = reconcile_inventory(register, counted)
    frame = pd.DataFrame(dict(counted.to_columns()), dtype=object).assign(rows=counted.rows)
    lazy = reconcile_inventory(register, dd.from_pandas(frame, npartitions=2))
    assert_same(lazy, eager)
    assert lazy.missing_rows == (3, 4)  # the register's own row numbers


def test_compute_false_is_lazy_and_composes(tables: Any) -> None:
    register, count = tables
    reg = dd.from_pandas(register, npartitions=4)
    lazy = reconcile_inventory(reg, dd.from_pandas(count, npartitions=2), compute=False)
    depot_only = reconcile_inventory(
        reg, dd.from_pandas(count, npartitions=2), expected_statuses="in stock", compute=False
    )
    assert type(lazy).__name__ == "Delayed"
    both, in_stock = dask.compute(lazy, depot_only)
    assert_same(both, reconcile_inventory(register, count))
    assert_same(in_stock, reconcile_inventory(register, count, expected_statuses="in stock"))
    with pytest.raises(InputError, match="compute must be True or False"):
        reconcile_inventory(reg, count, compute="yes")


def test_bad_rows_are_named_by_their_global_row() -> None:
    register = pd.DataFrame(
        {"serial_number": ["A1", "A2", "A3", "", "A5"], "manufacturer": ["CZ"] * 5}
    )
    with pytest.raises(
        SchemaError, match="row 2 of partition 1, serial_number: empty serial number"
    ):
        reconcile_inventory(dd.from_pandas(register, npartitions=3), register.iloc[:1])
    repeated = pd.DataFrame({"serial_number": ["A1", "B", "C", "A1"], "manufacturer": ["CZ"] * 4})
    with pytest.raises(SchemaError, match="row 2 of partition 1 repeats row 1 of partition 0"):
        reconcile_inventory(dd.from_pandas(repeated, npartitions=2), repeated.iloc[:1])


def test_unexpected_columns_refused_before_computing() -> None:
    frame = dd.from_pandas(pd.DataFrame({"serial": ["A"], "manufacturer": ["CZ"]}), 1)
    with pytest.raises(InputError, match="register: unexpected columns"):
        reconcile_inventory(frame, frame, compute=False)
    with pytest.raises(InputError, match="give a dask DataFrame"):
        reconcile_inventory(frame["manufacturer"], frame)


def test_empty_count_warns() -> None:
    register = pd.DataFrame({"serial_number": ["A1", "A2"], "manufacturer": ["CZ", "CZ"]})
    empty = register.iloc[:0]
    with pytest.warns(DataQualityWarning, match="count has no records"):
        result = reconcile_inventory(dd.from_pandas(register, 2), dd.from_pandas(empty, 1))
    assert result.missing_rows == (1, 2)


def test_bucket_is_independent_of_string_width() -> None:
    narrow = bucket_of(np.array(["AB1"]), np.array(["CZ"]), 97)
    wide = bucket_of(np.array(["AB1", "A-VERY-LONG-SERIAL-NUMBER"]), np.array(["CZ", "X"]), 97)
    assert narrow[0] == wide[0]
    assert bucket_of(["ab 1"], ["cz"], 97)[0] == narrow[0]


@settings(max_examples=10, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    parts=st.tuples(st.integers(1, 6), st.integers(1, 4)),
    buckets=st.integers(1, 9),
    split_every=st.integers(2, 5),
)
def test_random_partitionings_give_identical_results(
    seed: int, parts: tuple[int, int], buckets: int, split_every: int
) -> None:
    from dpssec.arms.firearms.reconcile_dask import reconcile_partitioned
    from dpssec.arms.firearms.records import FirearmStatus

    register, count = registers(200, seed)
    eager = reconcile_inventory(register, count)
    lazy = reconcile_partitioned(
        dd.from_pandas(register, npartitions=parts[0], sort=False),
        dd.from_pandas(count, npartitions=parts[1], sort=False),
        {FirearmStatus.IN_STOCK, FirearmStatus.ISSUED},
        buckets=buckets,
        split_every=split_every,
    )
    assert_same(lazy, eager)


def test_register_object_and_records_become_one_partition(tables: Any) -> None:
    register, count = tables
    reg = FirearmRegister.from_columns(**{c: register[c].to_numpy() for c in register.columns})
    eager = reconcile_inventory(reg, count)
    assert_same(reconcile_inventory(reg, dd.from_pandas(count, npartitions=3)), eager)
    records = list(reg)[:50]
    assert_same(
        reconcile_inventory(records, dd.from_pandas(count, npartitions=2)),
        reconcile_inventory(records, count),
    )
