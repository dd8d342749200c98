"""What a system ratio hides: surplus detainees and free places of a prison system.

SYNTHETIC data: the five invented prisons of ``justice_facilities_synthetic.csv``, whose system
total is under capacity while two of them are overcrowded (Tournier 2013's accounting).
"""

import csv
import io
import sys
from importlib.resources import files

import matplotlib

matplotlib.use("Agg")

from dpssec.justice import system_overcrowding

text = files("dpssec.data").joinpath("justice_facilities_synthetic.csv").read_text("utf-8")
lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
result = system_overcrowding(
    [float(r["population"]) for r in rows], [float(r["capacity"]) for r in rows]
)
ax = result.plot()
ax.figure.set_size_inches(8, 3.2)
ax.figure.savefig(sys.argv[1] if len(sys.argv) > 1 else "system_overcrowding.png",
                  bbox_inches="tight", dpi=100)  # fmt: skip
