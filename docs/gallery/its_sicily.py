"""The Sicilian smoking ban of January 2005: an interrupted time series.

Real published data: the monthly acute coronary events of Lopez Bernal, Cummins and Gasparrini
(Int J Epidemiol 2017), bundled as ``evaluation_sicily.csv``. Quasi-Poisson segmented
regression with the age-standardised population as offset and two seasonal Fourier pairs (the
tutorial's model 3 with a slope change).
"""

import sys
import warnings

import matplotlib

matplotlib.use("Agg")

from dpssec.errors import DataQualityWarning
from dpssec.evaluation import interrupted_time_series
from dpssec.evaluation.examples import sicily_series

s = sicily_series()
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DataQualityWarning)  # autocorrelation: see the guide
    its = interrupted_time_series(
        s["aces"], s["date"], "2005-01-01", population=s["stdpop"], seasonality=2
    )
ax = its.plot()
ax.figure.set_size_inches(9, 4.5)
ax.figure.savefig(sys.argv[1] if len(sys.argv) > 1 else "its_sicily.png",
                  bbox_inches="tight", dpi=100)  # fmt: skip
