"""Recidivism of two groups with 95 % bands and the number at risk below the axis.

SYNTHETIC release cohort (``justice_release_cohort_synthetic.csv``: invented records, 300
releases per group, follow-up to 31 December 2023), compared at a two-year window.
"""

import sys
from importlib.resources import files

import matplotlib

matplotlib.use("Agg")

from dpssec.justice import compare_programmes, read_release_cohorts

cohorts = read_release_cohorts(
    files("dpssec.data").joinpath("justice_release_cohort_synthetic.csv"),
    measure="reincarceration",
)
comparison = compare_programmes(cohorts["programme"], cohorts["comparison"], follow_up=730)
ax = comparison.plot(at_risk_times=[0, 365, 730, 1095, 1460, 1825])
ax.figure.set_size_inches(8, 5)
ax.figure.savefig(sys.argv[1] if len(sys.argv) > 1 else "recidivism_programmes.png",
                  bbox_inches="tight", dpi=100)  # fmt: skip
