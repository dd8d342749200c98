"""Write the SYNTHETIC casualty, victim and EORE example files bundled in src/dpssec/data.

No public record-level casualty, victim-assistance or risk-education data exist for the
Americas (national databases hold personal data), so the demo, the guide and the tests use
invented records, labelled synthetic in every file. The departments ("Alto Río", "Llanura",
"Sierra", "Costa") are invented. Run from the repository root:

    python scripts/make_mines_casualties_synthetic.py

The output is deterministic (numpy's default generator, seed 18).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1] / "src" / "dpssec" / "data"
HEADER = "# SYNTHETIC records (invented, not real data), made by scripts/make_mines_casualties_synthetic.py"
DEPARTMENTS = ("Alto Río", "Llanura", "Sierra", "Costa")
MUNICIPALITIES = {
    "Alto Río": ("San Isidro", "La Vega"),
    "Llanura": ("Puerto Claro", "El Palmar", "Santa Rosa"),
    "Sierra": ("Monteverde", "Las Brisas"),
    "Costa": ("Bahía Azul",),
}
DEVICES = ("improvised_mine", "erw", "ap_mine", "unknown")
ACTIVITIES = ("farming", "travelling", "collecting firewood", "tampering", "herding")
REFERENCE_DATE = dt.date(2023, 12, 31)
# How likely each department's victims are to receive each kind of assistance they need.
SERVICE = {"Alto Río": 0.85, "Llanura": 0.7, "Sierra": 0.45, "Costa": 0.6}


def _date(rng: np.random.Generator, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365)))


def casualties(rng: np.random.Generator) -> list[dict[str, str]]:
    rows = []
    number = 0
    for accident in range(1, 49):
        year = int(rng.choice([2019, 2020, 2021, 2022, 2023], p=[0.3, 0.25, 0.2, 0.15, 0.1]))
        department = str(rng.choice(DEPARTMENTS, p=[0.3, 0.35, 0.25, 0.1]))
        municipality = str(rng.choice(MUNICIPALITIES[department]))
        device = str(rng.choice(DEVICES, p=[0.55, 0.25, 0.1, 0.1]))
        demining = rng.random() < 0.04
        military_event = not demining and rng.random() < 0.3
        activity = (
            "demining"
            if demining
            else "military operation"
            if military_event
            else str(rng.choice(ACTIVITIES))
        )
        day = _date(rng, year)
        for _ in range(int(rng.choice([1, 1, 1, 2, 2, 3]))):
            number += 1
            status = (
                "deminer"
                if demining
                else "military"
                if military_event
                else str(rng.choice(["civilian", "unknown"], p=[0.9, 0.1]))
            )
            child = status == "civilian" and rng.random() < 0.3
            age = rng.integers(6, 18) if child else rng.integers(18, 70)
            age_text, group = str(int(age)), ""
            if rng.random() < 0.12:  # age not recorded; sometimes the group is
                age_text = ""
                group = ("child" if child else "adult") if rng.random() < 0.5 else ""
            rows.append(
                {
                    "accident_id": f"ACC-{accident:03d}",
                    "date": day.isoformat(),
                    "device_type": device,
                    "department": department,
                    "municipality": municipality,
                    "activity": activity,
                    "tampering": "yes" if activity == "tampering" else "no",
                    "demining": "yes" if demining else "no",
                    "casualty_id": f"C-{number:03d}",
                    "outcome": str(
                        rng.choice(["killed", "injured", "unknown"], p=[0.2, 0.77, 0.03])
                    ),
                    "status": status,
                    "sex": str(
                        rng.choice(["male", "female", ""], p=[0.78, 0.17, 0.05])
                        if status == "civilian"
                        else rng.choice(["male", "female"], p=[0.95, 0.05])
                    ),
                    "age": age_text,
                    "age_group": group,
                }
            )
    return rows


def victims(rng: np.random.Generator, rows: list[dict[str, str]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    kinds = ("medical", "physical_rehabilitation", "psychological_support")
    kinds += ("socio_economic_inclusion", "referral")
    need_p = (0.95, 0.45, 0.5, 0.35, 0.6)
    delay_scale = (1.0, 60.0, 45.0, 120.0, 20.0)
    for row in rows:
        accident = dt.date.fromisoformat(row["date"])
        department = row["department"]
        people: list[tuple[str, str]] = []
        if row["outcome"] == "injured":
            people.append(("survivor", f"V-{row['casualty_id'][2:]}"))
        elif row["outcome"] == "killed":
            people += [
                ("family_member", f"V-{row['casualty_id'][2:]}-F{k}")
                for k in range(1, int(rng.integers(1, 3)) + 1)
            ]
        for kind, vid in people:
            needs = [
                k
                for k, p in zip(kinds, need_p, strict=True)
                if rng.random() < (p if kind == "survivor" or k != "medical" else 0.1)
            ]
            assistance = []
            for need in needs:
                if rng.random() > SERVICE[department]:
                    continue
                scale = delay_scale[kinds.index(need)]
                day = accident + dt.timedelta(days=int(rng.exponential(scale)))
                if day <= REFERENCE_DATE:
                    assistance.append({"kind": need, "date": day.isoformat(), "provider": None})
            out.append(
                {
                    "id": vid,
                    "kind": kind,
                    "accident_date": accident.isoformat(),
                    "casualty": row["casualty_id"],
                    "sex": (row["sex"] or None) if kind == "survivor" else None,
                    "age": float(row["age"]) if row["age"] and kind == "survivor" else None,
                    "country": None,
                    "department": department,
                    "municipality": row["municipality"],
                    "needs": needs,
                    "assistance": sorted(assistance, key=lambda a: (a["date"], a["kind"])),
                }
            )
    return out


def sessions(rng: np.random.Generator) -> list[dict[str, str]]:
    rows = []
    organisations = ("Operator A", "Operator B", "Operator C")
    methods = ("face to face", "community focal point", "school session")
    for number in range(1, 61):
        department = str(rng.choice(DEPARTMENTS, p=[0.3, 0.3, 0.25, 0.15]))
        organisation = str(rng.choice(organisations, p=[0.45, 0.35, 0.2]))
        method = str(rng.choice(methods))
        day = _date(rng, int(rng.choice([2019, 2020, 2021, 2022, 2023])))
        school = method == "school session"
        girls, boys = (int(x) for x in rng.integers(8, 30, size=2))
        women, men = (int(x) for x in rng.integers(0 if school else 8, 4 if school else 25, size=2))
        if not school:  # community sessions: mostly adults
            girls, boys = girls // 3, boys // 3
        row = {
            "id": f"RE-{number:03d}",
            "date": day.isoformat(),
            "organisation": organisation,
            "delivery_method": method,
            "audience": "school"
            if school
            else str(rng.choice(["community", "farmers", "returnees"])),
            "department": department,
            "municipality": str(rng.choice(MUNICIPALITIES[department])),
            "attendances_girls": str(girls),
            "attendances_boys": str(boys),
            "attendances_women": str(women),
            "attendances_men": str(men),
            "attendances_unknown": "0",
            "attendances_total": str(girls + boys + women + men),
        }
        if organisation != "Operator C":  # Operator C does not track first-time attendees
            share = float(rng.uniform(0.5, 1.0))
            unique = [round(x * share) for x in (girls, boys, women, men)]
            row.update(
                {
                    "unique_girls": str(unique[0]),
                    "unique_boys": str(unique[1]),
                    "unique_women": str(unique[2]),
                    "unique_men": str(unique[3]),
                    "unique_unknown": "0",
                    "unique_total": str(sum(unique)),
                }
            )
        rows.append(row)
    return rows


def _write_csv(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER + "\n")
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})


def main() -> None:
    rng = np.random.default_rng(18)
    casualty_rows = casualties(rng)
    _write_csv(
        DATA / "mines_casualties_synthetic.csv", casualty_rows, list(casualty_rows[0].keys())
    )
    victim_rows = victims(rng, casualty_rows)
    lines = ",\n".join(json.dumps(v, ensure_ascii=False) for v in victim_rows)
    (DATA / "mines_victims_synthetic.json").write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    session_rows = sessions(rng)
    columns = list(dict.fromkeys(key for row in session_rows for key in row))
    _write_csv(DATA / "mines_eore_sessions_synthetic.csv", session_rows, columns)


if __name__ == "__main__":
    main()
