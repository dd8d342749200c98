"""The OC curves of two QC sampling plans for cleared land, with their two risks.

A zero-acceptance plan of 299 sub-plots (5 % consumer's risk at 1 % defective) beside a plan of
50 sub-plots accepting one defect. Computed from first principles (binomial); the ISO 2859
tables are not used.
"""

import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from dpssec.mines.sampling_plan import sampling_plan

fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
sampling_plan(299, 0, acceptable_quality=0.0005, limiting_quality=0.01).plot(axes[0])
sampling_plan(50, 1, acceptable_quality=0.005, limiting_quality=0.05).plot(axes[1])
fig.savefig(sys.argv[1] if len(sys.argv) > 1 else "oc_curve.png", bbox_inches="tight", dpi=100)
