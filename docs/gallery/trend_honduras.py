"""Honduras' homicide rate 2000-2012: observed rates, two fitted APC lines and their bands.

Real figures: the UNODC Global Study on Homicide 2013 series in ``prevention_homicide.csv``.
The two periods are chosen by hand (a joinpoint search is not part of this picture).
"""

import csv
import io
import sys
from importlib.resources import files

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from dpssec.prevention import annual_percent_change

text = files("dpssec.data").joinpath("prevention_homicide.csv").read_text(encoding="utf-8")
rows = [
    r
    for r in csv.DictReader(io.StringIO(text))
    if r["iso3"] == "HND" and r["series"] == "UNODC_GSH2013"
]
years = np.array([int(r["year"]) for r in rows])
rates = np.array([float(r["rate_per_100k"]) for r in rows])

fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
for ax, (first, last) in zip(axes, [(2000, 2006), (2006, 2012)], strict=True):
    keep = (years >= first) & (years <= last)
    trend = annual_percent_change(years[keep], rates[keep])
    trend.plot(ax, years=years[keep], rates=rates[keep], label=f"Honduras {first}-{last}")
fig.savefig(sys.argv[1] if len(sys.argv) > 1 else "trend_honduras.png",
            bbox_inches="tight", dpi=100)  # fmt: skip
