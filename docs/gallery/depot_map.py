"""A depot site map: buildings and exposed sites to scale, required distances, violations.

SYNTHETIC depot (``arms_demo_depot.json``, an invented layout) checked against IATG 02.20:2021.
Circles are drawn where the face of the building does not matter, front/side/rear sectors for
the earth-covered magazines; each violation is a dashed line to an ``X``, numbered, with its
distances in the legend.
"""

import sys
from importlib.resources import files

import matplotlib

matplotlib.use("Agg")

from dpssec.arms.storage import Depot
from dpssec.arms.storage.depot_check import check_depot
from dpssec.serialization import from_json

text = files("dpssec.data").joinpath("arms_demo_depot.json").read_text(encoding="utf-8")
depot = from_json(text, Depot)
report = check_depot(depot)
ax = depot.plot(report=report, kinds=["inhabited_building", "workshop_unbarricaded"])
ax.figure.set_size_inches(10, 7)
ax.figure.savefig(sys.argv[1] if len(sys.argv) > 1 else "depot_map.png",
                  bbox_inches="tight", dpi=100)  # fmt: skip
