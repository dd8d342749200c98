"""Worked example of the scale-out guide: 100,000,000 release records on a LocalCluster.

1. Writes SYNTHETIC release records (whole days from release to re-arrest or to the end of
   follow-up, and the event indicator) to one Parquet file, one million rows at a time: the
   records are never all in memory, here or later.
2. Starts a ``distributed.LocalCluster`` of 2 worker processes with a memory limit of 2 GiB
   each, reads the file as a dask DataFrame (one partition per row group) and computes the
   Kaplan-Meier curve and the 1- and 3-year recidivism with their intervals.
3. Prints the wall time and the peak memory of each worker (the operating system's high-water
   mark of the process, ``ru_maxrss``), then removes the file.

Run: ``python scripts/scale_out_example.py [N] [--keep]`` (N defaults to 100,000,000; the
file takes about 0.5 GB and a few minutes to write on a laptop).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROWS_PER_CHUNK = 1_000_000
WORKER_MEMORY = "2GiB"


def write_records(path: Path, n: int, seed: int = 2024) -> None:
    """``n`` records in chunks of a million (int32 days, int8 events)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    schema = pa.schema([("days", pa.int32()), ("event", pa.int8())])
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, n, ROWS_PER_CHUNK):
            m = min(ROWS_PER_CHUNK, n - start)
            rearrest = rng.exponential(1_500.0, m)  # days to re-arrest
            follow_up = rng.uniform(30.0, 3_652.0, m)  # days until the data were extracted
            days = np.ceil(np.minimum(rearrest, follow_up)).astype(np.int32)
            event = (rearrest <= follow_up).astype(np.int8)
            writer.write_table(pa.table({"days": days, "event": event}, schema=schema))


def peak_memory_gib() -> float:
    """The high-water mark of this process's resident memory [GiB] (Linux: ru_maxrss in kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def main() -> None:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from dpssec.stats import kaplan_meier

    n = int(float(sys.argv[1])) if len(sys.argv) > 1 and sys.argv[1][0].isdigit() else 100_000_000
    folder = Path(tempfile.mkdtemp(prefix="dpssec-example-"))
    path = folder / "releases.parquet"
    start = time.perf_counter()
    write_records(path, n)
    print(f"wrote {n:,} records to {path.name} ({path.stat().st_size / 1e6:.0f} MB) "
          f"in {time.perf_counter() - start:.0f} s")  # fmt: skip

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, memory_limit=WORKER_MEMORY,
                     dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):  # fmt: skip
        print(f"cluster: 2 workers x 1 thread, memory limit {WORKER_MEMORY} each; "
              f"dashboard {client.dashboard_link}")  # fmt: skip
        records = dd.read_parquet(path, split_row_groups=True)  # one partition per row group
        start = time.perf_counter()
        curve = kaplan_meier(records["days"], records["event"])
        wall = time.perf_counter() - start
        peaks = client.run(peak_memory_gib)

    print(f"{records.npartitions} partitions reduced to {curve.time.size:,} distinct days "
          f"in {wall:.1f} s")  # fmt: skip
    print("peak memory per worker: "
          + ", ".join(f"{p:.2f} GiB" for p in sorted(peaks.values()))
          + f" (limit {WORKER_MEMORY})")  # fmt: skip
    for years in (1, 3):
        estimate = curve.estimate_at(365 * years, kind="cumulative_incidence")
        print(f"re-arrested within {years} year(s): {estimate.value:.2%} "
              f"(95% CI {estimate.lower:.2%} to {estimate.upper:.2%})")  # fmt: skip
    print(f"at risk at day 0: {curve.at_risk[0]:,.0f}; median time to re-arrest: "
          f"{curve.median():.0f} days")  # fmt: skip
    if "--keep" not in sys.argv:
        path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
