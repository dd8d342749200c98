"""Benchmark: the boundary's cost on every element-wise calculator, against its own kernel.

Run: PYTHONPATH=src python benchmarks/bench_boundary_all.py [name ...]
(names, or parts of them, limit the run to those calculators: ``backlog occupancy``)

Every public element-wise calculator that declares plain numeric example rows is called on
1,000,000 rows (its example rows repeated, as float64 columns) and compared with its
``.kernel`` (the unit-free body: the same arithmetic with no input check, no alignment and no
output shaping) on the same magnitudes. The ratio is the price of the declared boundary;
calculators whose example needs a factory, dates or text are listed as skipped.

Two more columns: the same call with the count columns (``Count`` specs) given as int64, as a
table without gaps is read, against the kernel on those int64 columns; and, for the calculators
declared ``overlap=True``, the float64 ratio with the overlap switched off (the kernel and the
checks one after the other, as on a machine with one core). With numba installed (the ``fast``
extra), a last column gives the float64 ratio with the compiled scan of long columns switched
off (:mod:`dpssec.boundary.compiled`), as on an installation without numba.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from typing import Any

import _timing as timing
import numpy as np

from dpssec.boundary import ArraySpec, Count, calculator_info, compiled, overlap

N = 1_000_000
DOMAINS = ("stats", "prevention", "justice", "mines", "arms", "evaluation", "indicators")


def cases(
    only: list[str] | None = None,
) -> list[tuple[str, Any, dict[str, Any], dict[str, Any], dict[str, Any]]]:
    found, seen = [], set()
    for domain in DOMAINS:
        module = importlib.import_module(f"dpssec.{domain}")
        for name in getattr(module, "__all__", []):
            function = getattr(module, name)
            info = calculator_info(function)
            if info is None or not info.elementwise or id(function) in seen:
                continue
            if only and not any(part in f"{domain}.{name}" for part in only):
                continue
            seen.add(id(function))
            example = info.example
            if example is None or example.factory is not None:
                continue
            rows = {
                key: np.asarray(value)
                for key, value in example.kwargs.items()
                if isinstance(info.specs.get(key), ArraySpec)
                and isinstance(value, list | tuple)
                and info.specs[key].aligned
            }
            if not rows or any(v.dtype.kind not in "iuf" for v in rows.values()):
                continue
            call = dict(example.kwargs)
            call.update({k: np.resize(v.astype(float), N) for k, v in rows.items()})
            kernel = {
                k: (
                    v
                    if isinstance(info.specs.get(k), ArraySpec) or k not in info.specs
                    else info.specs[k].convert(v, k)
                )
                for k, v in call.items()
            }
            integral = {  # the count columns, as a table without gaps is read
                k: np.resize(v, N).astype(np.int64)
                for k, v in rows.items()
                if isinstance(info.specs[k], Count) and bool(np.all(v == np.round(v)))
            }
            whole = {**call, **integral} if integral else {}
            found.append((f"{domain}.{name}", function, call, kernel, whole))
    return found


ROUNDS = 3
"""Passes over all the calculators; each time kept is the best of its rounds. A call that runs
its kernel on the second core is slowed whenever another job holds that core, so the rounds are
spread over the whole run rather than taken one after the other."""


def best(function: Any, arguments: dict[str, Any], kernel: bool = False) -> float:
    call = function.kernel if kernel else function
    return timing.best_of(lambda: call(**arguments), 7, warm_up=True, budget=1.0)[0]


def main() -> None:
    warnings.simplefilter("ignore")  # zero denominators in repeated examples warn by design
    runnable = []
    scan = compiled.enabled()
    for label, function, call, kernel, whole in cases(sys.argv[1:]):
        try:
            function(**call)
            function.kernel(**kernel)
        except Exception as exc:  # a case that cannot run is reported, not fatal
            print(f"skipped {label}: {type(exc).__name__}")
            continue
        if whole:
            try:
                function.kernel(**{k: v for k, v in whole.items() if k in kernel})
            except Exception:  # the kernel needs float columns: no int64 comparison
                whole = {}
        runnable.append((label, function, call, kernel, whole))
    times: dict[tuple[str, str], float] = {}

    def keep(key: tuple[str, str], seconds: float) -> None:
        times[key] = min(times.get(key, float("inf")), seconds)

    for _ in range(ROUNDS):
        for label, function, call, kernel, whole in runnable:
            keep((label, "call"), best(function, call))
            keep((label, "kernel"), best(function, kernel, kernel=True))
            if whole:
                keep((label, "int call"), best(function, whole))
                with_ints = {k: v for k, v in whole.items() if k in kernel}
                keep((label, "int kernel"), best(function, with_ints, kernel=True))
            if calculator_info(function).overlap:
                previous = overlap.set_enabled(False)
                keep((label, "serial call"), best(function, call))
                overlap.set_enabled(previous)
            if scan:
                previous = compiled.set_enabled(False)
                keep((label, "numpy call"), best(function, call))
                compiled.set_enabled(previous)
    rows = []
    for label, *_ in runnable:
        bare, call = times[(label, "kernel")], times[(label, "call")]
        int_ratio = serial_ratio = numpy_ratio = ""
        if (label, "int call") in times:
            int_ratio = f"{times[(label, 'int call')] / times[(label, 'int kernel')]:.2f}x"
        if (label, "serial call") in times:
            serial_ratio = f"{times[(label, 'serial call')] / bare:.2f}x"
        if (label, "numpy call") in times:
            numpy_ratio = f"{times[(label, 'numpy call')] / bare:.2f}x"
        rows.append(
            (call / bare, label, bare * 1e3, call * 1e3, int_ratio, serial_ratio, numpy_ratio)
        )
    print(
        "| calculator (1,000,000 rows) | kernel, float64 | with boundary | ratio "
        "| ratio, int64 counts | ratio, overlap off | ratio, compiled scan off |"
    )
    print("|---|---|---|---|---|---|---|")
    for float_ratio, label, bare_ms, call_ms, int_ratio, serial_ratio, numpy_ratio in sorted(rows):
        print(
            f"| `{label}` | {bare_ms:.2f} ms | {call_ms:.2f} ms | {float_ratio:.2f}x "
            f"| {int_ratio} | {serial_ratio} | {numpy_ratio} |"
        )


if __name__ == "__main__":
    main()
