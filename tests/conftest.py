"""Shared fixtures: hypothesis profiles and the ``array_type`` fixture.

Hypothesis profiles: ``dev`` (default, 100 examples), ``ci`` (fewer examples, chosen when the
``CI`` environment variable is set) and ``thorough``; pick one with
``HYPOTHESIS_PROFILE=thorough pytest``.

``scan`` runs a test twice, with the compiled scan of long columns
(:mod:`dpssec.boundary.compiled`, skipped without numba) and with numpy's checks.

``array_type`` converts a list of numbers to each container a calculator must accept: a Python
scalar (only for one-element input; tests with more values skip that case), a list, an ndarray,
a pandas Series and a dask array (with the synchronous scheduler). Compare results with ``np.asarray(compute(result))``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ARRAY_TYPES = ("scalar", "list", "ndarray", "series", "dask")


def _convert(kind: str, values: Any) -> Any:
    if kind == "scalar":
        arr = np.asarray(values)
        if arr.size != 1:
            pytest.skip("the scalar array type needs exactly one value")
        return arr.reshape(()).item()
    if kind == "list":
        return list(np.asarray(values).tolist())
    if kind == "ndarray":
        return np.asarray(values)
    if kind == "series":
        pd = pytest.importorskip("pandas")
        return pd.Series(np.asarray(values))
    if kind == "dask":
        da = pytest.importorskip("dask.array")
        arr = np.asarray(values)
        return da.from_array(arr, chunks=max(1, (len(arr) + 1) // 2))
    raise ValueError(kind)


@pytest.fixture(params=ARRAY_TYPES)
def array_type(request: pytest.FixtureRequest) -> Callable[[Any], Any]:
    """Turn a sequence of numbers into one of the array-likes calculators accept."""
    kind = request.param

    def convert(values: Any) -> Any:
        return _convert(kind, values)

    convert.kind = kind  # type: ignore[attr-defined]
    return convert


def compute(value: Any) -> Any:
    """Materialise a dask result (synchronously); other values pass through."""
    if hasattr(value, "__dask_graph__") and value.__dask_graph__() is not None:
        import dask

        return dask.compute(value, scheduler="synchronous")[0]
    return value


@pytest.fixture
def raise_if_dask_computes() -> Any:
    """Context manager that fails the test if a dask graph is computed inside it."""
    dask = pytest.importorskip("dask")

    class _Forbid:
        def __enter__(self) -> None:
            def scheduler(*args: Any, **kwargs: Any) -> Any:
                raise AssertionError("dask computed inside a block that must stay lazy")

            self._config = dask.config.set(scheduler=scheduler)
            self._config.__enter__()

        def __exit__(self, *exc: Any) -> None:
            self._config.__exit__(*exc)

    return _Forbid()


@pytest.fixture(scope="module")
def dask_client() -> Any:
    """A real ``distributed.LocalCluster`` (2 worker processes, 1 thread each) and its Client.

    Started when a test module first asks for it and closed at the end of that module; the
    Client is the default scheduler meanwhile, so put the tests that use it in their own
    module (``tests/test_scale_cluster.py``) and mark them ``cluster``.
    """
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            memory_limit="1GiB",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture
def synchronous_dask() -> Any:
    """dask's synchronous scheduler for the duration of a test (one thread, plain tracebacks)."""
    dask = pytest.importorskip("dask")
    with dask.config.set(scheduler="synchronous"):
        yield


@pytest.fixture(params=["compiled", "numpy"])
def scan(request: pytest.FixtureRequest) -> Any:
    """Long float64 columns checked by the compiled scan, then by numpy (same answers due)."""
    from dpssec.boundary import compiled

    if request.param == "compiled" and not compiled.available():
        pytest.skip("numba is not installed")
    previous = compiled.set_enabled(request.param == "compiled")
    yield request.param
    compiled.set_enabled(previous)
