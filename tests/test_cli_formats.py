"""The command line's shared options: --format table|csv|json, --column, full tables, units.

CSV output has one row per unit of analysis (a facility, a PES–exposed-site pair, a record of
a reconciliation, a hazardous area) with the numbers a user charts or filters; text tables show
every row; ``--column HEADER=FIELD`` reads a header no schema knows.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dpssec.cli import main
from dpssec.data import data_file

DATA = Path(__file__).parent / "data"


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_column_option_maps_a_header_no_schema_knows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "penales.csv"
    path.write_bytes("Unidad;Presos;Cupo máximo\nNorte;1.180;900\n".encode("cp1252"))
    assert main(["justice", "occupancy", str(path)]) == 2
    err = capsys.readouterr().err
    assert "missing column(s) capacity" in err and "found: Unidad, Presos, Cupo máximo" in err
    code = main(
        ["justice", "occupancy", str(path), "--column", "Cupo máximo=capacity", "--format", "csv"]
    )
    assert code == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[0]["name"] == "Norte" and float(rows[0]["occupancy_pct"]) == pytest.approx(
        1180 * 100 / 900
    )
    assert main(["justice", "occupancy", str(path), "--column", "Cupo máximo"]) == 2
    assert "--column 'Cupo máximo'" in capsys.readouterr().err


def test_text_tables_show_every_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["name,population,capacity"] + [f"Unit {i:02d},{100 + i},100" for i in range(35)]
    path = tmp_path / "units.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["justice", "occupancy", str(path)]) == 0
    out = capsys.readouterr().out
    assert all(f"Unit {i:02d}" in out for i in range(35)) and "..." not in out


def test_depot_csv_has_one_row_per_pair(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["arms", "check", str(data_file("arms_demo_depot.json")), "--format", "csv"]) == 1
    rows = _rows(capsys.readouterr().out)
    assert len({(r["pes"], r["exposed_site"]) for r in rows}) == len(rows)
    house = next(r for r in rows if (r["pes"], r["exposed_site"]) == ("ECM-1", "HOUSE-A"))
    assert house["verdict"] == "violation" and house["d_code"] == "D13"
    assert float(house["required_distance_m"]) > float(house["actual_distance_m"])
    assert float(house["permissible_neq_kg"]) < float(house["neq_kg"])
    assert "Table D.1" in house["clause"]


def test_reconciliation_csv_has_one_row_per_record(capsys: pytest.CaptureFixture[str]) -> None:
    register = str(DATA / "arms" / "firearms_register.csv")
    count = str(DATA / "arms" / "firearms_count.csv")
    assert main(["arms", "reconcile", register, count, "--format", "csv"]) == 1
    rows = _rows(capsys.readouterr().out)
    categories = {r["category"] for r in rows}
    assert {"matched", "missing", "unregistered"} <= categories
    matched = [r for r in rows if r["category"] == "matched"]
    assert all(r["source"] == "register" and r["matched_row"] for r in matched)
    keys = [(r["source"], r["row"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_ranking_csv_keeps_inputs_and_scores_apart(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(data_file("mines_hazardous_areas_synthetic.csv"))
    weights = "recent_victims=0.5,affected_population=0.5"
    argv = ["mines", "rank", path, "--method", "weighted_sum", "--weights", weights]
    assert main([*argv, "--format", "csv"]) == 0
    rows = _rows(capsys.readouterr().out)
    area = next(r for r in rows if r["id"] == "HA-001")
    assert float(area["affected_population"]) == 850  # the people, not a score
    assert 0 <= float(area["affected_population_contribution"]) <= 0.5
    assert main(["mines", "rank", path, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["areas"][0]["rank"] == 1


def test_forecast_reads_a_year_deadline_and_units_as_the_readers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["mines", "forecast", "--remaining", "2.4 km2", "--history", "2016:37576,2017:3.5 ha"]
    assert main([*argv, "--deadline", "2025", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["deadline"] == "2025-12-31"
    assert data["remaining_area"]["magnitude"] == pytest.approx(2_400_000)


@pytest.mark.parametrize(
    "argv",
    [
        ["stats", "rate", "20", "100000"],
        ["indicators", "catalogue", "homicide"],
        ["justice", "cells", str(data_file("justice_cells_synthetic.csv"))],
    ],
)
def test_csv_and_json_outputs_are_readable(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main([*argv, "--format", "csv"])
    rows = _rows(capsys.readouterr().out)
    assert rows and all(len(r) == len(rows[0]) for r in rows)
    main([*argv, "--format", "json"])
    json.loads(capsys.readouterr().out)
