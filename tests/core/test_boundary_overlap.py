"""The overlap of a cheap kernel with its checks (:mod:`dpssec.boundary.overlap`).

The kernel of a calculator declared ``overlap=True`` may run on a worker thread while the
inputs are checked; these tests pin that the result, the warnings and the refusals never
depend on it, and that the worker is used only when the checked columns are the given ones.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

from dpssec.boundary import (
    Count,
    Number,
    calculator,
    calculator_info,
    compiled,
    not_above,
    overlap,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice import clearance_rate, occupancy_rate
from tests.test_boundary_contract import DECLARED, assert_same

N = overlap.MIN_ROWS + 3

OVERLAPPED = sorted(name for name, fn in DECLARED.items() if calculator_info(fn).overlap)
WITH_DIVISORS = sorted(
    name for name, fn in DECLARED.items() if calculator_info(fn).divisors is not None
)


@pytest.fixture
def multicore(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The overlap on, as on a machine with two cores (whatever this one has)."""
    monkeypatch.setattr(overlap, "_MULTICORE", True)
    previous = overlap.set_enabled(True)
    yield
    overlap.set_enabled(previous)


@pytest.fixture
def kept(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each overlapped call used the worker's result (True) or computed again."""
    used: list[bool] = []
    result_for = overlap.Speculation.result_for

    def recording(self: Any, checked: Any) -> tuple[bool, Any, Any]:
        done, result, then = result_for(self, checked)
        used.append(done)
        return done, result, then

    monkeypatch.setattr(overlap.Speculation, "result_for", recording)
    return used


def _recorder() -> tuple[Any, list[str]]:
    threads: list[str] = []

    @calculator(count=Count(), total=Count(positive=True), overlap=True)
    def share(count, total):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return count / total

    return share, threads


def _long(values: Any, dtype: Any = float) -> np.ndarray:
    return np.resize(np.asarray(values, dtype=dtype), N)


def _tiled(fn: Any, dtype: Any = float) -> dict[str, Any]:
    info = calculator_info(fn)
    arguments = DECLARED_ARGUMENTS[fn]
    out = {}
    for key, value in arguments.items():
        if key in info.array_parameters and isinstance(value, list):
            out[key] = _long(value, dtype)
        else:
            out[key] = value
    return out


DECLARED_ARGUMENTS = {fn: fn.__dpssec_example__.arguments(fn) for fn in DECLARED.values()}


def _call_recording(fn: Any, arguments: dict[str, Any]) -> tuple[Any, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn(**arguments)
    return result, [str(w.message) for w in caught]


def test_every_overlapped_calculator_is_element_wise() -> None:
    assert OVERLAPPED, "no calculator declares overlap=True"
    for name in OVERLAPPED:
        assert calculator_info(DECLARED[name]).elementwise, name


@pytest.mark.parametrize("name", OVERLAPPED)
@pytest.mark.parametrize("kind", ["ndarray", "series", "frame-columns", "int64"])
def test_same_result_and_warnings_with_and_without_the_overlap(
    name: str, kind: str, multicore: None, kept: list[bool]
) -> None:
    fn = DECLARED[name]
    arguments = _tiled(fn)
    if kind == "int64":
        integral = {
            k: v for k, v in arguments.items() if isinstance(v, np.ndarray) and np.all(v % 1 == 0)
        }
        if not integral:
            pytest.skip("no whole-number column in the example")
        arguments.update({k: v.astype(np.int64) for k, v in integral.items()})
    if kind == "series":
        index = pd.Index([f"r{i}" for i in range(N)])
        arguments = {
            k: pd.Series(v, index=index) if isinstance(v, np.ndarray) else v
            for k, v in arguments.items()
        }
    if kind == "frame-columns":  # strided views into one 2-D block of the frame
        frame = pd.DataFrame({k: v for k, v in arguments.items() if isinstance(v, np.ndarray)})
        arguments = {k: frame.get(k, v) for k, v in arguments.items()}
    overlapped, overlapped_warnings = _call_recording(fn, arguments)
    # a fused pass (compiled) takes contiguous float64 columns instead of the worker
    fused = calculator_info(fn).fused is not None and compiled.enabled()
    if kind != "int64":  # integers reach the worker only where the kernel takes them as given
        expected = [] if fused else [True]
        assert kept == expected, "the worker's result was not used"
    overlap.set_enabled(False)
    previous = compiled.set_enabled(False)  # and numpy's checks alone, as without numba
    try:
        alone, alone_warnings = _call_recording(fn, arguments)
    finally:
        compiled.set_enabled(previous)
    assert_same(overlapped, alone)
    assert overlapped_warnings == alone_warnings


def test_the_kernel_runs_once_on_the_worker_when_the_checks_change_nothing(
    multicore: None,
) -> None:
    share, threads = _recorder()
    out = share(_long([1, 2, 3]), _long([4, 4, 4]))
    assert len(threads) == 1 and threads[0].startswith("dpssec-overlap")
    assert out[:3].tolist() == [0.25, 0.5, 0.75]


@pytest.mark.parametrize(
    "columns",
    [
        pytest.param(lambda: ([1.0, 2.0] * N, [4.0, 4.0] * N), id="long-lists"),
        pytest.param(lambda: (_long([1, 2], np.float32), _long([4, 4], np.float32)), id="float32"),
        pytest.param(
            lambda: (np.ones(overlap.MIN_ROWS - 1), np.ones(overlap.MIN_ROWS - 1)), id="short"
        ),
    ],
)
def test_columns_to_convert_and_short_columns_are_computed_on_the_calling_thread(
    columns: Any, multicore: None
) -> None:
    share, threads = _recorder()
    share(*columns())
    assert threads == [threading.current_thread().name]


def test_a_refused_input_leaves_no_work_behind_and_raises_the_checks_error(
    multicore: None,
) -> None:
    threads: list[str] = []
    running = threading.Event()

    @calculator(part=Count(), total=Count(), relations=[not_above("part", "total")], overlap=True)
    def share(part, total):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        running.set()
        return part / total

    part, total = _long([1.0, 2.0]), _long([2.0, 2.0])
    part[-1] = 5.0
    with pytest.raises(InputError, match=rf"greater than 'total' \(first at index {N - 1}"):
        share(part, total)
    assert running.is_set() and len(threads) == 1  # ran on the worker, finished, not again
    assert threads[0].startswith("dpssec-overlap")


def test_a_kernel_that_fails_on_the_worker_fails_again_on_the_calling_thread(
    multicore: None,
) -> None:
    threads: list[str] = []

    @calculator(x=Number(), overlap=True)
    def broken(x):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        raise ZeroDivisionError("the kernel's own error")

    with pytest.raises(ZeroDivisionError, match="the kernel's own error"):
        broken(_long([1.0]))
    assert len(threads) == 2 and threads[1] == threading.current_thread().name


def test_switched_off_the_kernel_runs_on_the_calling_thread(multicore: None) -> None:
    share, threads = _recorder()
    overlap.set_enabled(False)
    share(_long([1, 2]), _long([4, 4]))
    assert threads == [threading.current_thread().name]


def test_one_core_means_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(overlap, "_MULTICORE", False)
    share, threads = _recorder()
    share(_long([1, 2]), _long([4, 4]))
    assert threads == [threading.current_thread().name]
    assert not overlap.enabled()


def test_the_environment_variable_switches_it_off() -> None:
    code = "from dpssec.boundary import overlap; print(overlap._switch.on)"
    env = dict(os.environ, DPSSEC_OVERLAP="0")
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_declaring_overlap_on_a_reduction_is_refused() -> None:
    with pytest.raises(TypeError, match="element-wise calculators only"):
        calculator(x=Number(), elementwise=False, overlap=True)


def test_calls_from_several_threads_get_their_own_results(multicore: None) -> None:
    columns = [(_long([i, i + 1]), _long([100.0, 100.0])) for i in range(1, 5)]
    results: dict[int, np.ndarray] = {}

    def work(i: int) -> None:
        results[i] = occupancy_rate(*columns[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(columns))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for i, (population, _capacity) in enumerate(columns):
        np.testing.assert_array_equal(results[i], population)


def _child(queue: Any) -> None:
    queue.put(float(occupancy_rate(_long([120.0]), _long([100.0])).sum()))


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform"
)
def test_a_forked_process_starts_its_own_worker(multicore: None) -> None:
    occupancy_rate(_long([120.0]), _long([100.0]))  # the parent's worker exists
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads (3.12+)
        process = context.Process(target=_child, args=(queue,))
        process.start()
    process.join(timeout=60)
    assert process.exitcode == 0
    assert queue.get(timeout=5) == pytest.approx(120.0 * N)
    assert overlap._pool is None  # the parent's worker was stopped before the fork
    np.testing.assert_array_equal(occupancy_rate(_long([90.0]), 100.0), _long([90.0]))


def test_the_zero_denominator_warning_names_the_label() -> None:
    resolved = pd.Series([5, 3], index=["ARG", "BRA"])
    incoming = pd.Series([3, 0], index=["ARG", "BRA"])
    with pytest.warns(
        DataQualityWarning,
        match=r"1 of 2 rows have incoming = 0 \(first at index 1, label 'BRA'\); results: 1 infinite",
    ):
        clearance_rate(resolved, incoming)


@pytest.mark.parametrize("name", WITH_DIVISORS)
def test_tiny_values_outside_the_declared_divisors_cannot_overflow(name: str) -> None:
    fn = DECLARED[name]
    info = calculator_info(fn)
    assert info.divisors is not None
    base = DECLARED_ARGUMENTS[fn]
    others = [
        k for k in info.array_parameters if k not in info.divisors and isinstance(base.get(k), list)
    ]
    for key in others:
        arguments = dict(base)
        arguments[key] = [float(v) * 1e-300 for v in base[key]]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DataQualityWarning)
                result = fn(**arguments)
        except InputError as exc:  # a bound or a relation of the shrunken column
            refusal = str(exc)
            result = None
        else:
            refusal = ""
        assert "not finite" not in refusal, f"{name}: {key} tiny overflows: {refusal}"
        for value in _numbers(result):
            assert np.all(np.isfinite(value)), f"{name}: {key} tiny gives {value}"


def _numbers(result: Any) -> Iterator[np.ndarray]:
    if hasattr(result, "magnitude"):
        result = result.magnitude
    if isinstance(result, np.ndarray | float | int | pd.Series):
        yield np.asarray(result, dtype=float)
        return
    for field in getattr(type(result), "PER_ELEMENT_FIELDS", ()):
        yield from _numbers(getattr(result, field))


def test_zero_denominators_are_found_on_the_worker_and_warned(
    multicore: None, kept: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled._switch, "on", False)  # the worker, not a fused pass
    resolved, incoming = _long([5.0, 3.0]), _long([4.0, 3.0])
    incoming[-1] = 0.0
    resolved[-2:] = 0.0  # the row before: 0/3 is 0, the last: 0/0 undefined
    incoming[-3] = 0.0  # 5/0 or 3/0: infinite
    with pytest.warns(
        DataQualityWarning,
        match=rf"2 of {N} rows have incoming = 0 \(first at index {N - 3}\); "
        r"results: 1 infinite, 1 undefined",
    ):
        out = clearance_rate(resolved, incoming)
    assert kept == [True]
    assert np.isinf(out[-3]) and out[-2] == 0.0 and np.isnan(out[-1])


def test_the_zero_denominator_warning_counts_only_rows_left_without_a_finite_result() -> None:
    @calculator(
        numerator=Number(lower=0.0),
        divisor=Number(lower=0.0),
        zero_denominators=("divisor",),
    )
    def guarded_ratio(numerator, divisor):  # type: ignore[no-untyped-def]
        return np.where(numerator > 5, numerator / divisor, 0.0)  # small numerators give 0

    with pytest.warns(
        DataQualityWarning,
        match=r"1 of 4 rows have divisor = 0 \(first at index 2\); results: 1 infinite$",
    ):
        out = guarded_ratio([1.0, 2.0, 9.0, 8.0], [0.0, 1.0, 0.0, 2.0])
    assert out[0] == 0.0 and np.isinf(out[2])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a zero divisor whose result stays finite: no warning
        assert guarded_ratio([1.0], [0.0]) == 0.0


@pytest.mark.parametrize("value", ["false", 0, 1, None])
def test_the_switch_takes_true_or_false_only(value: Any) -> None:
    before = overlap._switch.on
    with pytest.raises(InputError, match="must be True or False"):
        overlap.set_enabled(value)
    assert overlap._switch.on == before
