"""Homicide rates of the OAS member states in 2021 with 95 % intervals, the regional value and
suppressed cells.

Real figures: the UNODC homicide rates per 100,000 (via Our World in Data) in the bundled
``prevention_homicide.csv``. Counts are needed for an interval, and none are published beside
these rates, so each state's victims are recovered as rate x UN WPP 2022 population / 100,000,
rounded (``dpssec.data.population``). Rates from fewer than 10 victims are suppressed (kept in
their rows and marked), as Public Health England's rule for small counts does.
"""

import csv
import io
import sys
import warnings
from importlib.resources import files

import matplotlib

matplotlib.use("Agg")

from dpssec.data import population
from dpssec.errors import DataQualityWarning
from dpssec.prevention import crime_rate

YEAR = 2021
text = files("dpssec.data").joinpath("prevention_homicide.csv").read_text(encoding="utf-8")
rows = [
    r
    for r in csv.DictReader(io.StringIO(text))
    if r["series"] == "UNODC_OWID" and r["year"] == str(YEAR) and r["rate_per_100k"]
]
iso3 = [r["iso3"] for r in rows]
with warnings.catch_warnings():  # small states: WPP rounds to thousands (said in the docs)
    warnings.simplefilter("ignore", DataQualityWarning)
    persons = population(iso3, [YEAR] * len(iso3))
victims = [
    round(float(r["rate_per_100k"]) * p / 100_000) for r, p in zip(rows, persons, strict=True)
]

rates = crime_rate(victims, persons, min_count=10, by=iso3)
region = crime_rate(sum(victims), float(sum(persons)))
ax = rates.plot(
    overall=region,
    overall_label=f"{len(iso3)} states",
    title=f"Intentional homicide per 100,000, {YEAR}: 95 % intervals (exact below 10 victims, "
    "Byar from 10; PHE)",
)
ax.figure.set_size_inches(8, 0.27 * len(rows) + 2)
ax.figure.savefig(sys.argv[1] if len(sys.argv) > 1 else "forest_homicide.png",
                  bbox_inches="tight", dpi=100)  # fmt: skip
