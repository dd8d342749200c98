"""Colombia's homicide rate 1990-2023: where the trend changed, by joinpoint regression.

Real figures: UNODC homicide rates per 100,000 (via Our World in Data) as bundled in
``prevention_homicide.csv`` (see
:func:`dpssec.evaluation.examples.homicide_rates`). Up to 3 joinpoints chosen by Kim et al.'s
permutation tests; the band is the fitted model's 95 % interval with the joinpoints known.
"""

import sys

import matplotlib

matplotlib.use("Agg")

from dpssec.evaluation import joinpoint
from dpssec.evaluation.examples import homicide_rates

years, rates, source = homicide_rates("COL")
trend = joinpoint(years, rates, permutations=999)
ax = trend.plot(unit="per 100,000")
ax.figure.set_size_inches(9, 4.5)
ax.figure.savefig(sys.argv[1] if len(sys.argv) > 1 else "joinpoint_colombia.png",
                  bbox_inches="tight", dpi=100)  # fmt: skip
