"""Benchmark: out-of-core Kaplan-Meier and reconciliation on a 2-worker LocalCluster.

Run (from the repository root):

    python benchmarks/bench_scale.py km [--sizes 1e6 1e7 1e8] [--workdir DIR]
    python benchmarks/bench_scale.py reconcile [--sizes 2e6 5e6 2e7] [--memory-sizes 2e6 5e6]

**Kaplan-Meier.** For each size, SYNTHETIC release records (whole days to re-arrest or
censoring, up to ten years; int32 days and int8 events) are generated in chunks of one million
and written to Parquet (one row group per million). Then, each in a fresh process:

* out of core: a ``distributed.LocalCluster`` of 2 worker processes (1 thread each, a memory
  limit of 2 GiB each) reads the Parquet file as a dask DataFrame (one partition per row
  group) and ``kaplan_meier(frame["days"], frame["event"])`` reduces it;
* in memory: the numpy path, ``pyarrow.parquet.read_table`` into numpy arrays, then
  ``kaplan_meier`` on them (reading and computing timed apart).

The curves must agree to 1e-12 before any time is printed. Peak memory: the OS high-water
mark (``ru_maxrss``) of each worker process and of the in-memory process, and the cluster's
largest total from distributed's ``MemorySampler``.

**Reconciliation.** Two SYNTHETIC registers (a register and a physical count of about the same
size: 1 % missing, 0.1 % unregistered, 30 % of count serials written differently, O/0 typos,
duplicated serials across chunks, status conflicts) are generated in chunks of one million to
Parquet and reconciled out of core on the same cluster; at the sizes that fit in memory the
in-memory path runs as well and the two results must be identical.

Generated files are removed at the end (``--keep`` keeps them). Times are wall-clock seconds
of one run each on a shared machine; run the script twice to see the noise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

CHUNK = 1_000_000
WORKER_MEMORY = "2GiB"
HERE = Path(__file__).resolve()


def peak_gib() -> float:
    """The OS high-water mark of this process's resident memory [GiB]."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


# -- data --------------------------------------------------------------------------------------


def write_cohort(path: Path, n: int, seed: int = 2024) -> None:
    """``n`` release records to Parquet, a million at a time (never all in memory)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    schema = pa.schema([("days", pa.int32()), ("event", pa.int8())])
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, n, CHUNK):
            m = min(CHUNK, n - start)
            rearrest = rng.exponential(1_500.0, m)
            follow_up = rng.uniform(30.0, 3_652.0, m)
            days = np.ceil(np.minimum(rearrest, follow_up)).astype(np.int32)
            event = (rearrest <= follow_up).astype(np.int8)
            writer.write_table(
                pa.table({"days": days, "event": event}, schema=schema), row_group_size=CHUNK
            )


_MAKERS = np.array(["Glock", "Beretta", "Taurus", "CZ", "Smith & Wesson", "Colt", "FN Herstal"])
_MODELS = np.array(["17", "92FS", "PT92", "75 B", "M&P9", "M4", "FAL"])
_PREFIX = np.array(["GL", "BE", "TA", "CZ", "SW", "CO", "FN"])
_STATUSES = np.array(["in stock", "issued", "destroyed", "transferred", "lost or stolen"])


def write_registers(register_path: Path, count_path: Path, n: int, seed: int = 7) -> None:
    """A register of ``n`` weapons and its physical count, a million rows at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    previous: tuple[np.ndarray, np.ndarray] | None = None
    reg_writer = cnt_writer = None
    try:
        for start in range(0, n, CHUNK):
            m = min(CHUNK, n - start)
            which = rng.integers(0, len(_MAKERS), m)
            number = start + rng.permutation(m) + 10_000_000
            serial = np.strings.add(np.strings.add(_PREFIX[which], "-"), number.astype(str))
            maker, model = _MAKERS[which], _MODELS[which].astype(object)
            status = rng.choice(_STATUSES, m, p=[0.80, 0.12, 0.04, 0.03, 0.01])
            year = rng.integers(1980, 2024, m)
            if previous is not None:  # serials repeated from the previous chunk (across partitions)
                dup = rng.choice(m, size=max(1, m // 10_000), replace=False)
                serial[dup], maker[dup] = previous[0][dup], previous[1][dup]
                model[dup] = "DUP"
            previous = (serial.copy(), maker.copy())
            expected = (status == "in stock") | (status == "issued")
            found = (expected & (rng.random(m) > 0.01)) | (~expected & (rng.random(m) < 0.02))
            count_serial = serial[found]
            noisy = rng.random(count_serial.size) < 0.3
            count_serial = np.where(
                noisy, np.strings.replace(np.strings.lower(count_serial), "-", " "), count_serial
            )
            typo = rng.random(count_serial.size) < 0.001
            count_serial = np.where(typo, np.strings.replace(count_serial, "0", "O"), count_serial)
            extra = max(1, m // 1000)
            register = pa.table(
                {"serial_number": serial, "manufacturer": maker, "model": model.astype(str),
                 "status": status, "year_of_manufacture": year}
            )  # fmt: skip
            count = pa.table(
                {
                    "serial_number": np.concatenate(
                        [count_serial, np.strings.add(f"RU-{start}-", np.arange(extra).astype(str))]
                    ),
                    "manufacturer": np.concatenate([maker[found], np.full(extra, "Ruger")]),
                    "model": np.concatenate([model[found].astype(str), np.full(extra, "GP100")]),
                }
            )
            if reg_writer is None:
                reg_writer = pq.ParquetWriter(register_path, register.schema)
                cnt_writer = pq.ParquetWriter(count_path, count.schema)
            reg_writer.write_table(register, row_group_size=CHUNK)
            assert cnt_writer is not None
            cnt_writer.write_table(count, row_group_size=CHUNK)
    finally:
        for writer in (reg_writer, cnt_writer):
            if writer is not None:
                writer.close()


# -- runs (each in a fresh process, so that peaks are of that run only) -------------------------


def _cluster_run(task: str, paths: list[str]) -> dict[str, Any]:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster
    from distributed.diagnostics import MemorySampler

    import dpssec.arms.firearms
    import dpssec.stats  # noqa: F401  # imports before the clock starts

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            memory_limit=WORKER_MEMORY,
            dashboard_address=":0",
        ) as cluster,
        Client(cluster) as client,
    ):
        sampler = MemorySampler()
        start = time.perf_counter()
        with sampler.sample("run", interval=0.25):
            if task == "km":
                from dpssec.stats import kaplan_meier

                frame = dd.read_parquet(paths[0], split_row_groups=True)
                result: Any = kaplan_meier(frame["days"], frame["event"])
                summary: Any = _curve_summary(result)
            else:
                from dpssec.arms.firearms import reconcile_inventory

                register = dd.read_parquet(paths[0], split_row_groups=True)
                counted = dd.read_parquet(paths[1], split_row_groups=True)
                result = reconcile_inventory(register, counted)
                summary = _reconciliation_summary(result)
        wall = time.perf_counter() - start
        peaks = client.run(peak_gib)
        sampled = sampler.to_pandas()
    return {
        "wall_s": wall,
        "worker_peak_gib": sorted(peaks.values()),
        "cluster_max_gib": float(sampled.max().iloc[0]) / 1024**3,
        "summary": summary,
    }


def _memory_run(task: str, paths: list[str]) -> dict[str, Any]:
    import pandas  # noqa: F401  # imports before the clock starts
    import pyarrow.parquet as pq

    import dpssec.arms.firearms
    import dpssec.stats  # noqa: F401

    start = time.perf_counter()
    if task == "km":
        from dpssec.stats import kaplan_meier

        table = pq.read_table(paths[0])
        days = table.column("days").to_numpy()
        event = table.column("event").to_numpy()
        del table
        read = time.perf_counter() - start
        begin = time.perf_counter()
        summary: Any = _curve_summary(kaplan_meier(days, event))
    else:
        from dpssec.arms.firearms import reconcile_inventory

        register = pq.read_table(paths[0]).to_pandas()
        counted = pq.read_table(paths[1]).to_pandas()
        read = time.perf_counter() - start
        begin = time.perf_counter()
        summary = _reconciliation_summary(reconcile_inventory(register, counted))
    compute = time.perf_counter() - begin
    return {"read_s": read, "compute_s": compute, "peak_gib": peak_gib(), "summary": summary}


def _curve_summary(curve: Any) -> dict[str, Any]:
    return {
        name: getattr(curve, name).tolist()
        for name in ("time", "at_risk", "events", "survival", "lower", "upper")
    }


def _reconciliation_summary(result: Any) -> dict[str, Any]:
    return {
        "summary": result.summary(),
        "missing_rows": list(result.missing_rows),
        "unregistered_rows": list(result.unregistered_rows),
        "conflicts": [(c.register_row, c.counted_row) for c in result.status_conflicts],
        "near": [(m.register_row, m.counted_row) for m in result.near_matches],
        "duplicates": [(d.source, list(d.rows)) for d in result.duplicates],
    }


def in_fresh_process(mode: str, task: str, paths: list[Path]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(HERE), "_run", mode, task, *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def curves_agree(a: dict[str, Any], b: dict[str, Any]) -> float:
    gap = 0.0
    for name in a:
        x, y = np.asarray(a[name]), np.asarray(b[name])
        if x.shape != y.shape:
            raise SystemExit(f"the curves differ in {name}: {x.shape} vs {y.shape} rows")
        gap = max(gap, float(np.max(np.abs(x - y))))
    if gap > 1e-12:
        raise SystemExit(f"the out-of-core curve differs from the in-memory one by {gap:.3g}")
    return gap


# -- the two benchmarks ------------------------------------------------------------------------


def bench_km(sizes: list[int], workdir: Path, keep: bool) -> None:
    print(f"{'records':>12} {'parquet':>9} {'cluster s':>10} {'worker peak GiB':>16} "
          f"{'cluster max GiB':>16} {'numpy read s':>13} {'numpy KM s':>11} {'numpy GiB':>10} "
          f"{'ratio':>6} {'max |d|':>8}")  # fmt: skip
    for n in sizes:
        path = workdir / f"cohort_{n}.parquet"
        if not path.exists():
            write_cohort(path, n)
        size_mb = path.stat().st_size / 1024**2
        lazy = in_fresh_process("cluster", "km", [path])
        eager = in_fresh_process("memory", "km", [path])
        gap = curves_agree(lazy["summary"], eager["summary"])
        in_memory = eager["read_s"] + eager["compute_s"]
        print(
            f"{n:>12,} {size_mb:>7.0f}MB {lazy['wall_s']:>10.2f} "
            f"{'/'.join(f'{p:.2f}' for p in lazy['worker_peak_gib']):>16} "
            f"{lazy['cluster_max_gib']:>16.2f} {eager['read_s']:>13.2f} "
            f"{eager['compute_s']:>11.2f} {eager['peak_gib']:>10.2f} "
            f"{lazy['wall_s'] / in_memory:>6.2f} {gap:>8.1e}",
            flush=True,
        )
        if not keep:
            path.unlink()


def bench_reconcile(sizes: list[int], memory_sizes: list[int], workdir: Path, keep: bool) -> None:
    print(f"{'register':>12} {'count':>12} {'cluster s':>10} {'worker peak GiB':>16} "
          f"{'cluster max GiB':>16} {'memory s':>9} {'read s':>7} {'memory GiB':>11} "
          f"{'ratio':>6}  categories")  # fmt: skip
    for n in sizes:
        reg, cnt = workdir / f"register_{n}.parquet", workdir / f"count_{n}.parquet"
        if not reg.exists():
            write_registers(reg, cnt, n)
        lazy = in_fresh_process("cluster", "reconcile", [reg, cnt])
        line = (
            f"{n:>12,} {lazy['summary']['summary']['counted']:>12,} {lazy['wall_s']:>10.1f} "
            f"{'/'.join(f'{p:.2f}' for p in lazy['worker_peak_gib']):>16} "
            f"{lazy['cluster_max_gib']:>16.2f}"
        )
        if n in memory_sizes:
            eager = in_fresh_process("memory", "reconcile", [reg, cnt])
            if eager["summary"] != lazy["summary"]:
                raise SystemExit(f"{n}: the out-of-core reconciliation differs from in memory")
            total = eager["read_s"] + eager["compute_s"]
            line += (
                f" {eager['compute_s']:>9.1f} {eager['read_s']:>7.1f} {eager['peak_gib']:>11.2f} "
                f"{lazy['wall_s'] / total:>6.2f}"
            )
        else:
            line += f" {'-':>9} {'-':>7} {'-':>11} {'-':>6}"
        print(line + "  " + json.dumps(lazy["summary"]["summary"]), flush=True)
        if not keep:
            reg.unlink()
            cnt.unlink()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_run":
        mode, task, *paths = sys.argv[2:]
        run = _cluster_run if mode == "cluster" else _memory_run
        print(json.dumps(run(task, paths)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("task", choices=["km", "reconcile"])
    parser.add_argument("--sizes", nargs="+", type=float)
    parser.add_argument("--memory-sizes", nargs="+", type=float, default=[2e6, 5e6])
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    import dask
    import distributed

    print(
        f"python {platform.python_version()}, numpy {np.__version__}, dask {dask.__version__}, "
        f"distributed {distributed.__version__}; {os.cpu_count()} cores; workers: 2 processes x "
        f"1 thread, memory limit {WORKER_MEMORY} each"
    )
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="dpssec-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        if args.task == "km":
            bench_km([int(s) for s in args.sizes or [1e6, 1e7, 1e8]], workdir, args.keep)
        else:
            sizes = [int(s) for s in args.sizes or [2e6, 5e6, 2e7]]
            bench_reconcile(sizes, [int(s) for s in args.memory_sizes], workdir, args.keep)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
