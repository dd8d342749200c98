"""Court caseflow: incoming and resolved cases, the pending stock, the clearance rate.

SYNTHETIC courts (``justice_caseflow_synthetic.csv``): the annual criminal returns of the three
invented courts for 2022 and 2023 (the quarterly rows that Juzgado Penal 1 reports beside its
year are left out, so 2023 is not counted twice).
"""

import csv
import io
import sys
from importlib.resources import files

import matplotlib

matplotlib.use("Agg")

from dpssec.justice import caseflow_table

text = files("dpssec.data").joinpath("justice_caseflow_synthetic.csv").read_text("utf-8")
lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
rows = [
    r
    for r in csv.DictReader(io.StringIO("\n".join(lines)))
    if r["category"] == "criminal" and r["start"].endswith("-01-01") and r["end"].endswith("-12-31")
]
table = caseflow_table(
    [r["start"] for r in rows],
    [r["end"] for r in rows],
    *([int(r[c]) for r in rows] for c in ("pending_start", "incoming", "resolved", "pending_end")),
    court=[r["court"] for r in rows],
    by=("court", "year"),
)
ax = table.plot(title="Criminal caseflow of three SYNTHETIC courts; CR = clearance rate (CEPEJ)")
ax.figure.set_size_inches(9, 4.5)
ax.figure.savefig(sys.argv[1] if len(sys.argv) > 1 else "caseflow.png",
                  bbox_inches="tight", dpi=100)  # fmt: skip
