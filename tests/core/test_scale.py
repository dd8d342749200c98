"""dpssec.scale: aligned partitions, the tree reduction and the compute switch."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.boundary import is_lazy
from dpssec.errors import InputError
from dpssec.scale import (
    finish,
    map_reduce,
    partition_blocks,
    tree_reduce,
)

dask = pytest.importorskip("dask")
da = pytest.importorskip("dask.array")
dd = pytest.importorskip("dask.dataframe")

pytestmark = pytest.mark.usefixtures("synchronous_dask")


def test_is_lazy() -> None:
    assert is_lazy(da.ones(3))
    assert is_lazy(dd.from_pandas(pd.Series([1, 2]), npartitions=1))
    assert is_lazy(dask.delayed(1) + 1)
    assert not is_lazy(np.ones(3))
    assert not is_lazy(pd.Series([1]))


def test_arrays_are_rechunked_like_the_first() -> None:
    a = da.arange(10, chunks=4)
    b = da.arange(10, chunks=3) * 2
    parts = dask.compute(*partition_blocks([a, None, b]))
    assert [len(x) for x, _, _ in parts] == [4, 4, 2]
    for x, nothing, y in parts:
        assert nothing is None
        np.testing.assert_array_equal(y, 2 * x)


def test_columns_of_one_frame_are_aligned() -> None:
    frame = dd.from_pandas(pd.DataFrame({"a": range(9), "b": range(9)}), npartitions=3)
    parts = dask.compute(*partition_blocks([frame["a"], frame["b"]]))
    assert [list(a) for a, _ in parts] == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]


def test_refusals() -> None:
    with pytest.raises(InputError, match="parameter 'events': an in-memory ndarray"):
        partition_blocks([da.ones(3), np.ones(3)], ["durations", "events"])
    a = dd.from_pandas(pd.Series(range(6)), npartitions=2)
    b = dd.from_pandas(pd.Series(range(6)), npartitions=3)
    with pytest.raises(InputError, match="not partitioned alike"):
        partition_blocks([a, b])
    with pytest.raises(InputError, match="one-dimensional"):
        partition_blocks([da.ones((2, 2))], ["durations"])
    with pytest.raises(InputError, match="split_every must be at least 2"):
        tree_reduce([dask.delayed(1)], max, split_every=1)
    with pytest.raises(InputError, match="no partitions"):
        tree_reduce([], max)
    with pytest.raises(InputError, match="compute must be True or False"):
        finish(dask.delayed(1), "no")  # type: ignore[arg-type]


@settings(max_examples=30, deadline=None)
@given(
    values=st.lists(st.integers(-100, 100), min_size=1, max_size=60),
    chunk=st.integers(1, 20),
    split_every=st.integers(2, 6),
)
def test_any_chunking_and_fan_in_give_the_same_sum(
    values: list[int], chunk: int, split_every: int
) -> None:
    x = da.from_array(np.array(values), chunks=chunk)

    def chunk_sum(i: int, block: np.ndarray) -> tuple[int, int]:
        return int(block.sum()), 1

    def combine(*parts: tuple[int, int]) -> tuple[int, int]:
        assert 1 <= len(parts) <= split_every
        return sum(p[0] for p in parts), sum(p[1] for p in parts)

    total, count = map_reduce(
        chunk_sum, (x,), combine, name="sum", split_every=split_every, with_index=True
    )
    assert total == sum(values)
    assert count == len(x.chunks[0])


def test_compute_false_returns_a_graph_with_named_steps() -> None:
    x = da.arange(6, chunks=2)
    lazy = map_reduce(lambda b: int(b.sum()), (x,), lambda *s: sum(s), lambda t: t * 10,
                      name="demo", compute=False)  # fmt: skip
    names = {str(k[0] if isinstance(k, tuple) else k) for k in dict(lazy.__dask_graph__())}
    assert any(n.startswith("dpssec-demo-merge") for n in names)
    assert any(n.startswith("dpssec-demo-finish") for n in names)
    assert lazy.compute() == 150
