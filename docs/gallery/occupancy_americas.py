"""Prison occupancy of the OAS member states against 100 % and the 120 % "critical" preset.

Real figures: occupancy as published by the OAS observatory (indicator 6.5.1) or the World
Prison Brief, in ``justice_prisons.csv`` (each with its own reference date; rows marked
doubtful are left out). The 120 % preset is shipped unverified, and the legend says so.
"""

import csv
import io
import sys
from importlib.resources import files

import matplotlib

matplotlib.use("Agg")

from dpssec.justice import classify_occupancy

text = files("dpssec.data").joinpath("justice_prisons.csv").read_text(encoding="utf-8")
rows = [
    r
    for r in csv.DictReader(io.StringIO(text))
    if r["occupancy_pct"] and "DOUBTFUL" not in r["note"]
]
occupancy = [float(r["occupancy_pct"]) for r in rows]
labels = [f"{r['country']} ({r['occupancy_reference_date'] or 'undated'})" for r in rows]

ax = classify_occupancy(occupancy, standard="critical-120").plot(labels=labels)
ax.figure.set_size_inches(8, 0.26 * len(rows) + 2)
ax.figure.savefig(sys.argv[1] if len(sys.argv) > 1 else "occupancy_americas.png",
                  bbox_inches="tight", dpi=100)  # fmt: skip
