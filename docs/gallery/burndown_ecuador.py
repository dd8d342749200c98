"""Ecuador's land-release burn-down against its Article 5 deadline (31 December 2022).

Real figures: the remaining contaminated area reported by the Landmine Monitor for the ends of
2013, 2014, 2016 and 2017 (``mines_americas.csv``); the annual release is the fall between
them, the 2015-2016 fall split evenly between the two years. Projections start at the end of
2017; they are projections, not standards.
"""

import csv
import io
import sys
from importlib.resources import files

import matplotlib

matplotlib.use("Agg")

from dpssec.mines import completion_forecast

text = files("dpssec.data").joinpath("mines_americas.csv").read_text(encoding="utf-8")
data = {(r["iso3"], r["year"], r["metric"]): r["value"] for r in csv.DictReader(io.StringIO(text))}


def value(year: str, metric: str) -> float:
    return float(data[("ECU", year, metric)])


end = {
    2013: value("2013", "contamination_remaining_m2"),
    2014: value("2014", "confirmed_hazardous_area_m2")
    + value("2014", "suspected_hazardous_area_m2"),
    2016: value("2016", "contamination_remaining_m2"),
    2017: value("2017", "contamination_remaining_m2"),
}
history = {
    2014: end[2013] - end[2014],
    2015: (end[2014] - end[2016]) / 2,
    2016: (end[2014] - end[2016]) / 2,
    2017: end[2016] - end[2017],
}
deadline = data[("ECU", "2022", "article5_deadline_third_extension")]
forecast = completion_forecast(end[2017], history, deadline=deadline)
ax = forecast.plot(annual_release=history, title="Ecuador: remaining mined area (Landmine Monitor)")
ax.figure.set_size_inches(8, 4.5)
ax.figure.savefig(sys.argv[1] if len(sys.argv) > 1 else "burndown_ecuador.png",
                  bbox_inches="tight", dpi=100)  # fmt: skip
