"""An explained priority list: each hazardous area's score stacked by criterion.

SYNTHETIC areas (``mines_hazardous_areas_synthetic.csv``, invented) scored with the LIS-style
points preset, whose weights and bands are unverified (the title says so).
"""

import csv
import io
import sys
from importlib.resources import files

import matplotlib

matplotlib.use("Agg")

from dpssec.mines import LIS_PRESET, HazardousArea, prioritise

text = files("dpssec.data").joinpath("mines_hazardous_areas_synthetic.csv").read_text("utf-8")
lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
areas = []
for row in csv.DictReader(io.StringIO("\n".join(lines))):
    areas.append(
        HazardousArea(
            row["id"],
            row["kind"],
            row["area"],
            status=row["status"],
            contamination=[c for c in row["contamination"].split(";") if c],
            recent_victims=int(row["recent_victims"] or 0),
            blocked_resources=[b for b in row["blocked_resources"].split(";") if b],
            affected_population=int(row["affected_population"] or 0),
        )
    )
ax = prioritise(areas, LIS_PRESET).plot()
ax.figure.set_size_inches(9, 4.5)
ax.figure.savefig(sys.argv[1] if len(sys.argv) > 1 else "priorities.png",
                  bbox_inches="tight", dpi=100)  # fmt: skip
