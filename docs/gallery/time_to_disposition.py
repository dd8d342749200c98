"""Time to disposition of a court's cases, pending cases censored, against a 365-day standard.

SYNTHETIC cases (``justice_cases_synthetic.csv``: the invented Juzgado Penal 1, filed 2019-2023;
an empty disposition date means pending on 31 December 2023). The 90 % target is illustrative.
"""

import csv
import datetime as dt
import io
import sys
from importlib.resources import files

import matplotlib

matplotlib.use("Agg")

from dpssec.justice import time_to_disposition

text = files("dpssec.data").joinpath("justice_cases_synthetic.csv").read_text("utf-8")
lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
result = time_to_disposition(
    [r["filed"] for r in rows],
    [r["disposed"] or None for r in rows],
    reference_date=dt.date(2023, 12, 31),
    standard_days=365,
    target=0.9,
)
ax = result.plot()
ax.figure.set_size_inches(8, 4.5)
ax.figure.savefig(sys.argv[1] if len(sys.argv) > 1 else "time_to_disposition.png",
                  bbox_inches="tight", dpi=100)  # fmt: skip
