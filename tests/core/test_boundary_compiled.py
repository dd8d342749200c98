"""The compiled scan of long float64 columns (:mod:`dpssec.boundary.compiled`).

The scan must answer exactly what numpy's reductions answer (smallest, largest, all whole, or
"a value is missing"), so that the checks refuse, warn and compute the same with and without
numba. The scan's own tests skip without numba; the fallback tests run everywhere.
"""

from __future__ import annotations

import concurrent.futures
import os
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.boundary import Count, Number, calculator, calculator_info, compiled, overlap
from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice import backlog_change, case_turnover_ratio, occupancy_rate
from tests.test_boundary_contract import DECLARED

N = compiled.MIN_ROWS + 17

needs_numba = pytest.mark.skipif(not compiled.available(), reason="numba is not installed")

SPECIAL = [
    np.nan,
    -np.nan,
    np.inf,
    -np.inf,
    -1.0,
    -0.0,
    0.0,
    0.5,
    2.5,
    -2.5,
    5e-324,
    1e-310,
    2.2250738585072014e-308,
    1e-300,
    1.0 + 2.0**-52,
    2.0**52 - 0.5,
    2.0**52 + 1.0,
    2.0**53,
    1e308,
    -1e308,
    float(np.finfo(float).max),
]


@pytest.fixture
def scan_on() -> Iterator[None]:
    previous = compiled.set_enabled(True)
    yield
    compiled.set_enabled(previous)


def _numpy_summary(arr: np.ndarray, whole: bool) -> tuple[float, float, bool | None] | None:
    if np.isnan(arr).any():
        return None
    flags = bool(np.array_equal(np.trunc(arr), arr)) if whole else None
    return float(arr.min()), float(arr.max()), flags


@needs_numba
@given(
    base=st.sampled_from(["counts", "normal", "tiny"]),
    changes=st.lists(
        st.tuples(st.integers(0, N - 1), st.sampled_from(SPECIAL)), min_size=0, max_size=3
    ),
    last=st.sampled_from([None, *SPECIAL]),
    whole=st.booleans(),
)
def test_the_scan_answers_as_numpy_reductions_do(
    base: str, changes: list[tuple[int, float]], last: float | None, whole: bool
) -> None:
    rng = np.random.default_rng(len(changes))
    if base == "counts":
        arr = rng.integers(0, 10_000, N).astype(float)
    elif base == "normal":
        arr = rng.normal(size=N)
    else:
        arr = np.full(N, 1e-300)
    for position, value in changes:
        arr[position] = value
    if last is not None:
        arr[-1] = last  # the tail after the last full vector of the compiled loop
    previous = compiled.set_enabled(True)
    try:
        assert compiled.summary(arr, whole=whole) == _numpy_summary(arr, whole)
    finally:
        compiled.set_enabled(previous)


@needs_numba
def test_signed_zeros_and_the_extremes_of_the_float_range_keep_their_values(
    scan_on: None,
) -> None:
    arr = np.full(N, -0.0)
    low, high, whole = compiled.summary(arr, whole=True)  # type: ignore[misc]
    assert low == 0.0 and high == 0.0 and whole is True
    arr[5], arr[-1] = -float(np.finfo(float).max), float(np.finfo(float).max)
    assert compiled.summary(arr, whole=False) == (arr[5], arr[-1], None)
    arr[7] = -np.inf
    assert compiled.summary(arr, whole=True) == (-np.inf, arr[-1], True)


@needs_numba
def test_a_two_dimensional_contiguous_block_is_scanned_whole(scan_on: None) -> None:
    arr = np.arange(2 * N, dtype=float).reshape(2, N)
    assert compiled.summary(arr, whole=True) == (0.0, float(2 * N - 1), True)


@pytest.mark.parametrize(
    "arr",
    [
        pytest.param(np.ones(compiled.MIN_ROWS - 1), id="short"),
        pytest.param(np.ones(N, dtype=np.float32), id="float32"),
        pytest.param(np.ones(2 * N)[::2], id="strided"),
        pytest.param(np.ones((N, 2)).T, id="fortran-order"),
        pytest.param(np.arange(N), id="int64"),
    ],
)
def test_columns_the_scan_does_not_read_are_left_to_numpy(arr: np.ndarray, scan_on: None) -> None:
    assert compiled.summary(arr, whole=True) is None


def test_switched_off_nothing_is_scanned() -> None:
    previous = compiled.set_enabled(False)
    try:
        assert not compiled.enabled()
        assert compiled.summary(np.ones(N), whole=True) is None
    finally:
        compiled.set_enabled(previous)


@pytest.mark.parametrize("flag", ["no", "false", 0, 1, None])
def test_set_enabled_takes_true_or_false_only(flag: Any) -> None:
    with pytest.raises(InputError, match="must be True or False"):
        compiled.set_enabled(flag)


def test_set_enabled_accepts_a_numpy_boolean_and_returns_the_previous_setting() -> None:
    previous = compiled.set_enabled(np.bool_(False))
    try:
        assert compiled.set_enabled(True) is False
    finally:
        compiled.set_enabled(previous)


def test_the_environment_variable_turns_the_scan_off() -> None:
    code = "from dpssec.boundary import compiled; print(compiled.enabled())"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DPSSEC_COMPILED": "0"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"


def test_importing_dpssec_does_not_import_numba() -> None:
    code = "import sys, dpssec, dpssec.justice; print('numba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_without_numba_the_checks_use_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "available", lambda: False)
    monkeypatch.setattr(compiled, "_loaded", [])
    assert not compiled.enabled()
    assert compiled.summary(np.ones(N), whole=True) is None
    values = np.ones(N)
    values[-2] = 0.5
    with pytest.raises(InputError, match=rf"not whole numbers \(first at index {N - 2}"):
        case_turnover_ratio(values, np.ones(N))


def test_numba_that_cannot_compile_is_reported_once_and_numpy_checks(
    monkeypatch: pytest.MonkeyPatch, scan_on: None
) -> None:
    def broken(*, cache: bool) -> Any:
        raise ValueError("this numba does not run here")

    monkeypatch.setattr(compiled, "available", lambda: True)
    monkeypatch.setattr(compiled, "_loaded", [])
    monkeypatch.setattr(compiled, "_compile", broken)
    with pytest.warns(RuntimeWarning, match="unavailable.*this numba does not run here"):
        assert compiled.summary(np.ones(N), whole=True) is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # reported once, not at every call
        assert compiled.summary(np.ones(N), whole=True) is None
        assert np.all(case_turnover_ratio(np.ones(N), np.full(N, 2.0)) == 0.5)


@needs_numba
def test_without_a_writable_cache_the_scans_are_compiled_for_the_process(
    monkeypatch: pytest.MonkeyPatch, scan_on: None
) -> None:
    real = compiled._compile
    asked: list[bool] = []

    def no_cache_directory(*, cache: bool) -> Any:
        asked.append(cache)
        if cache:
            raise RuntimeError("cannot cache function: no locator available")
        return real(cache=False)

    monkeypatch.setattr(compiled, "_loaded", [])
    monkeypatch.setattr(compiled, "_compile", no_cache_directory)
    assert compiled.summary(np.arange(N, dtype=float), whole=True) == (0.0, float(N - 1), True)
    assert asked == [True, False]


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (-3.0, "are negative"),
        (np.nan, "are missing"),
        (np.inf, "are infinite"),
        (-np.inf, "are infinite"),
        (0.5, "are not whole numbers"),
        (1e-320, "are not whole numbers"),
    ],
)
def test_a_long_count_column_is_refused_alike_with_and_without_the_scan(
    bad: float, reason: str, scan: str
) -> None:
    values = np.full(N, 7.0)
    values[N - 5] = bad
    with pytest.raises(InputError, match=rf"{reason}.*\(first at index {N - 5}"):
        case_turnover_ratio(values, np.full(N, 3.0))


@pytest.mark.parametrize(
    ("bad", "reason"),
    [(0.0, "zero or negative"), (-2.0, "zero or negative"), (np.inf, "are infinite")],
)
def test_a_long_positive_column_is_refused_alike_with_and_without_the_scan(
    bad: float, reason: str, scan: str
) -> None:
    @calculator(amount=Number(lower=0), size=Number(positive=True))
    def per_size(amount, size):  # type: ignore[no-untyped-def]
        return amount / size

    values = np.full(N, 2.0)
    assert np.all(per_size(values, values) == 1.0)
    values[3] = bad
    with pytest.raises(InputError, match=rf"{reason}.*\(first at index 3"):
        per_size(np.ones(N), values)


def test_a_tiny_divisor_found_by_the_scan_makes_the_output_checked(scan: str) -> None:
    @calculator(count=Count(), size=Number(positive=True))
    def per_size(count, size):  # type: ignore[no-untyped-def]
        return count / size

    sizes = np.ones(N)
    sizes[-1] = 1e-320  # positive, but a count over it overflows
    with pytest.raises(InputError, match="size"):
        per_size(np.full(N, 1e6), sizes)


@pytest.mark.parametrize("overlapped", [True, False])
def test_zero_denominators_are_warned_alike_when_the_checks_read_the_smallest_value(
    overlapped: bool, scan: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(overlap, "_MULTICORE", True)
    previous = overlap.set_enabled(overlapped)
    try:
        start = np.resize(np.array([900.0, 150.0, 40.0]), overlap.MIN_ROWS + 3)
        end = start + 10.0
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no zero anywhere: no warning, no look for one
            changed = backlog_change(start, end, relative=True)
        assert np.array_equal(changed, backlog_change.kernel(start, end, relative=True))
        start[-1] = 0.0
        with pytest.warns(DataQualityWarning, match=rf"1 of {start.size} rows have pending_start"):
            backlog_change(start, end, relative=True)
    finally:
        overlap.set_enabled(previous)


def test_the_worker_skips_its_look_for_zeros_when_told_to() -> None:
    looked: list[bool] = []

    def then(columns: Any) -> str:
        looked.append(True)
        return "zeros"

    def run(skip: threading.Event) -> tuple[Any, Any]:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:  # _run marks its thread a worker
            return pool.submit(
                overlap._run, np.negative, (np.ones(3),), {}, then, {}, skip
            ).result()

    told = threading.Event()
    told.set()
    result, answer = run(told)
    assert answer is None and not looked and result.tolist() == [-1.0, -1.0, -1.0]
    result, answer = run(threading.Event())
    assert answer == "zeros" and looked == [True]


# -- the fused pass (Ratio) -------------------------------------------------------------------

FUSED = sorted(name for name, fn in DECLARED.items() if calculator_info(fn).fused is not None)


@pytest.fixture
def fused_runs(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each fused pass's result was kept (True) or the kernel ran after all."""
    used: list[bool] = []
    result_for = compiled.FusedRun.result_for

    def recording(self: Any, checked: Any) -> tuple[bool, Any]:
        done, result = result_for(self, checked)
        used.append(done)
        return done, result

    monkeypatch.setattr(compiled.FusedRun, "result_for", recording)
    return used


def _columns(fn: Any, seed: int) -> dict[str, np.ndarray]:
    """Two long float64 columns for a fused calculator: whole numbers where a count is
    declared, spread over twelve orders of magnitude otherwise, zeros in the numerator."""
    info = calculator_info(fn)
    rng = np.random.default_rng(seed)
    out = {}
    for key in info.fused.columns:
        spec = info.specs[key]
        if isinstance(spec, Count) and spec.whole:
            values = rng.integers(1, 50_000, N).astype(float)
        else:
            values = 10.0 ** rng.uniform(-6, 6, N)
        out[key] = values
    out[info.fused.columns[0]][::97] = 0.0
    return out


def test_fused_calculators_are_declared() -> None:
    assert {
        "dpssec.justice.backlog_change",
        "dpssec.justice.case_turnover_ratio",
        "dpssec.justice.occupancy_rate",
    } <= set(FUSED)


@needs_numba
@pytest.mark.parametrize("name", FUSED)
@pytest.mark.parametrize("seed", [0, 1])
def test_the_fused_pass_gives_the_kernels_result_bit_for_bit(
    name: str, seed: int, scan_on: None, fused_runs: list[bool]
) -> None:
    fn = DECLARED[name]
    columns = _columns(fn, seed)
    fused = fn(**columns)
    assert fused_runs == [True], "the fused pass was not used"
    kernel = fn.kernel(**columns)
    expected = kernel.magnitude if hasattr(kernel, "magnitude") else kernel
    got = fused.magnitude if hasattr(fused, "magnitude") else fused
    assert np.array_equal(got, expected), name  # every bit: no tolerance
    previous = compiled.set_enabled(False)
    try:
        alone = fn(**columns)
    finally:
        compiled.set_enabled(previous)
    assert np.array_equal(got, alone.magnitude if hasattr(alone, "magnitude") else alone)


def _outcome(fn: Any, columns: dict[str, np.ndarray]) -> tuple[Any, list[str]]:
    """The result (as an array) or the refusal's message, and the warnings of one call."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result: Any = fn(**columns)
        except InputError as exc:
            result = str(exc)
        else:
            result = np.asarray(getattr(result, "magnitude", result))
    return result, [str(w.message) for w in caught]


@needs_numba
@pytest.mark.parametrize("name", FUSED)
@pytest.mark.parametrize("side", [0, 1])
@pytest.mark.parametrize("bad", [None, 0.0, np.nan, -1.0, np.inf, 0.5, 1e-320])
def test_a_fused_calculator_warns_and_refuses_as_without_the_scan(
    name: str, side: int, bad: float | None, scan_on: None
) -> None:
    fn = DECLARED[name]
    columns = _columns(fn, 2)
    if bad is not None:
        column = columns[calculator_info(fn).fused.columns[side]]
        column[-4] = bad  # in the compiled loop's tail
    fused = _outcome(fn, columns)
    compiled.set_enabled(False)
    alone = _outcome(fn, columns)
    if isinstance(alone[0], str):
        assert fused[0] == alone[0]
    else:
        assert np.array_equal(fused[0], alone[0], equal_nan=True)
    assert fused[1] == alone[1]
    if bad is not None and bad != bad:
        assert "missing" in alone[0] and f"index {N - 4}" in alone[0]


@needs_numba
def test_the_summaries_of_a_fused_pass_last_only_for_its_call(scan_on: None) -> None:
    population, capacity = np.full(N, 120.0), np.full(N, 100.0)
    assert np.all(occupancy_rate(population, capacity) == 120.0)
    assert compiled._KNOWN.get() is None
    population[5] = -1.0  # changed in place between calls: read again, and refused
    with pytest.raises(InputError, match=r"negative.*index 5"):
        occupancy_rate(population, capacity)
    assert compiled._KNOWN.get() is None


@needs_numba
def test_the_same_column_as_numerator_and_denominator(
    scan_on: None, fused_runs: list[bool]
) -> None:
    column = np.arange(1.0, N + 1.0)
    assert np.all(case_turnover_ratio(column, column) == 1.0)
    assert fused_runs == [True]


@pytest.mark.parametrize(
    "columns",
    [
        pytest.param(lambda: (np.ones(N), np.ones(N - 1)), id="lengths-differ"),
        pytest.param(lambda: (np.ones(N), 4.0), id="scalar"),
        pytest.param(lambda: (np.ones(N, dtype=np.int64), np.ones(N)), id="int64"),
        pytest.param(lambda: (np.ones(2 * N)[::2], np.ones(N)), id="strided"),
        pytest.param(lambda: ([1.0] * N, np.ones(N)), id="list"),
    ],
)
def test_input_the_fused_pass_does_not_take_runs_as_declared_otherwise(
    columns: Any, scan_on: None, fused_runs: list[bool]
) -> None:
    resolved, pending = columns()
    if np.shape(resolved) != np.shape(pending) and np.ndim(pending):
        with pytest.raises(InputError, match="length"):
            case_turnover_ratio(resolved, pending)
    else:
        out = case_turnover_ratio(resolved, pending)
        assert np.all(np.asarray(out) == np.asarray(resolved) / np.asarray(pending))
    assert fused_runs == []


@needs_numba
def test_an_option_outside_when_runs_the_kernel(scan_on: None, fused_runs: list[bool]) -> None:
    start, end = np.full(N, 900.0), np.full(N, 990.0)
    assert np.all(backlog_change(start, end) == 90.0)  # relative=False: the difference, fused
    assert fused_runs == [True]
    changed = backlog_change(start, end, relative=True)
    assert fused_runs == [True]  # relative: the kernel, not the declared difference
    assert np.array_equal(changed, backlog_change.kernel(start, end, relative=True))


def test_fused_must_name_the_only_two_columns() -> None:
    with pytest.raises(TypeError, match="fused= names the only two columns"):

        @calculator(a=Count(), b=Count(), c=Count(), fused=compiled.Ratio("a", "b"))
        def three(a, b, c):  # type: ignore[no-untyped-def]
            return a / b

    with pytest.raises(TypeError, match="fused= names the only two columns"):

        @calculator(a=Count(), b=Count(), fused=compiled.Ratio("a", "x"))
        def misnamed(a, b):  # type: ignore[no-untyped-def]
            return a / b


def test_a_fused_declaration_refuses_what_it_cannot_compute() -> None:
    with pytest.raises(TypeError):
        compiled.Ratio("a", 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="scale must be a finite number other than 0"):
        compiled.Ratio("a", "b", float("inf"))
    with pytest.raises(ValueError, match="could not convert"):
        compiled.Ratio("a", "b", "ten")  # type: ignore[arg-type]
    assert compiled.Ratio("a", "b", 100).scale == 100.0
    assert compiled.Difference("a", "b", when={"relative": False}).when == (("relative", False),)
