"""Benchmark: the boundary's cost on every element-wise calculator, against its own kernel.

Run: PYTHONPATH=src python benchmarks/bench_boundary_all.py

Every public element-wise calculator that declares plain numeric example rows is called on
1,000,000 rows (its example rows repeated, as float64 columns) and compared with its
``.kernel`` (the unit-free body: the same arithmetic with no input check, no alignment and no
output shaping) on the same magnitudes. The ratio is the price of the declared boundary;
calculators whose example needs a factory, dates or text are listed as skipped.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

import _timing as timing
import numpy as np

from dpssec.boundary import ArraySpec, calculator_info

N = 1_000_000
DOMAINS = ("stats", "prevention", "justice", "mines", "arms", "evaluation", "indicators")


def cases() -> list[tuple[str, Any, dict[str, Any], dict[str, Any]]]:
    found, seen = [], set()
    for domain in DOMAINS:
        module = importlib.import_module(f"dpssec.{domain}")
        for name in getattr(module, "__all__", []):
            function = getattr(module, name)
            info = calculator_info(function)
            if info is None or not info.elementwise or id(function) in seen:
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
            found.append((f"{domain}.{name}", function, call, kernel))
    return found


def main() -> None:
    warnings.simplefilter("ignore")  # zero denominators in repeated examples warn by design
    rows = []
    for label, function, call, kernel in cases():
        try:
            function(**call)
            function.kernel(**kernel)
        except Exception as exc:  # a case that cannot run is reported, not fatal
            print(f"skipped {label}: {type(exc).__name__}")
            continue
        boundary = timing.best_of(lambda f=function, c=call: f(**c), 7, warm_up=True, budget=2.0)
        bare = timing.best_of(
            lambda f=function, k=kernel: f.kernel(**k), 7, warm_up=True, budget=2.0
        )
        rows.append((boundary[0] / bare[0], label, bare[0] * 1e3, boundary[0] * 1e3))
    print("| calculator (1,000,000 rows, float64) | kernel | with boundary | ratio |")
    print("|---|---|---|---|")
    for ratio, label, bare_ms, call_ms in sorted(rows):
        print(f"| `{label}` | {bare_ms:.2f} ms | {call_ms:.2f} ms | {ratio:.2f}x |")


if __name__ == "__main__":
    main()
