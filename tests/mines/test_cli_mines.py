"""`dpssec mines rank` and `dpssec mines forecast`, the CSV/JSON reader and the demo sections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dpssec.cli import main
from dpssec.errors import SchemaError
from dpssec.mines._cli import demo_sections, ecuador_history, read_areas
from tests.mines.conftest import DATA

AREAS_CSV = DATA / "ops_hazardous_areas.csv"
BAD_CSV = DATA / "ops_hazardous_areas_bad.csv"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_rank_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "mines", "rank", str(AREAS_CSV), "--explain", "1")
    assert code == 0
    lines = out.splitlines()
    assert "LIS mine impact score" in lines[0] and "[unverified" in lines[0]
    first = next(line for line in lines if line.strip().startswith("1 "))
    assert "HA-001" in first and "high" in first
    assert "HA-001: rank 1 of 8, score 11 (high)" in out
    assert "recent victims (last 24 months): 3 x 2 = 6" in out


def test_rank_shows_blocked_resources_the_scheme_does_not_score(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys, "mines", "rank", str(AREAS_CSV), "--explain", "8")
    assert code == 0
    assert "HA-003" in out and "not scored by this scheme: schools" in out
    row = next(line for line in out.splitlines() if line.split()[1:2] == ["HA-003"])
    assert row.endswith("; not scored: schools")
    code, out, _ = _run(capsys, "mines", "rank", str(AREAS_CSV), "--json")
    area = next(a for a in json.loads(out)["areas"] if a["id"] == "HA-003")
    assert area["not_scored"] == ["schools"]


def test_rank_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "mines", "rank", str(AREAS_CSV), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["verified"] is False
    assert [a["id"] for a in data["areas"]][:2] == ["HA-001", "HA-005"]
    first = data["areas"][0]
    assert first["rank"] == 1 and first["score"] == 11
    assert sum(first["contributions"].values()) == first["score"]


def test_rank_with_a_method(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "mines",
        "rank",
        str(AREAS_CSV),
        "--method",
        "topsis",
        "--weights",
        "recent_victims=2,affected_population=1,distance_to_settlement=1",
        "--normalize-weights",
        "--top",
        "3",
        "--json",
    ]
    code, out, _ = _run(capsys, *argv)
    assert code == 0
    data = json.loads(out)
    assert data["method"] == "topsis (vector normalisation)" and data["verified"] is True
    assert len(data["areas"]) == 8
    code, out, _ = _run(capsys, *argv[:-1])
    assert code == 0 and len([ln for ln in out.splitlines() if "HA-" in ln]) == 3


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--method", "topsis"], "needs --weights"),
        (["--weights", "recent_victims=1"], "needs --method"),
        (["--method", "weighted_sum", "--weights", "recent_victims"], "criterion=weight"),
        (["--method", "weighted_sum", "--weights", "recent_victims=2,area=1"], "must sum to 1"),
    ],
)
def test_rank_option_errors(
    capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    code, _, err = _run(capsys, "mines", "rank", str(AREAS_CSV), *extra)
    assert code == 2 and err.startswith("error:") and message in err


def test_bad_csv_rows_are_reported_with_row_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "mines", "rank", str(BAD_CSV))
    assert code == 2
    assert "2 problem(s)" in err
    assert "line 4, column 'area': '-5' is negative" in err
    assert "line 5, column 'recent_victims': '2.5' is not a whole number" in err
    with pytest.raises(SchemaError) as info:
        read_areas(BAD_CSV)
    assert len(info.value.errors) == 2


def test_weights_hint_names_the_command_line_flag(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["mines", "rank", str(AREAS_CSV), "--method", "weighted_sum"]
    code, _, err = _run(capsys, *argv, "--weights", "recent_victims=5,affected_population=5")
    assert code == 2 and "sum to 10" in err
    assert "Add --normalize-weights" in err and "normalize_weights=True" not in err
    code, _, err = _run(capsys, *argv, "--weights", "recent_victims=-1")
    assert code == 2 and "negative" in err  # other errors pass through unchanged


def test_duplicate_ids_are_reported_with_rows_and_file_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "areas.csv"
    path.write_text(
        "# two areas share an id\nid,kind,area\nA,SHA,10\nB,SHA,20\nA,CHA,30\n",
        encoding="utf-8",
    )
    code, _, err = _run(capsys, "mines", "rank", str(path))
    assert code == 2
    assert "line 5: id 'A' repeats the id of line 3" in err


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("id,kind,area,victims\nA,SHA,10,1\n", "unknown column\\(s\\) 'victims' \\(did you mean 'recent_victims'"),
        ("id,area\nA,10\n", "missing column\\(s\\) kind. Expected columns: id, kind, area"),
        ("id,kind,area\nA,SHA,10,extra\n", "'extra' is an extra cell"),
        ("id,kind,area,recent_victims\nA,SHA,10,two\n", "line 2, column 'recent_victims': 'two' is not a number"),
        ("# only a comment\n", "no header"),
    ],
)  # fmt: skip
def test_csv_header_problems(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "areas.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=match):  # InputError (header) or SchemaError (cells)
        read_areas(path)


def test_csv_with_units_source_column_and_blank_cells(tmp_path: Path) -> None:
    path = tmp_path / "areas.csv"
    path.write_text(
        "id,kind,area,distance_to_road,recent_victims,source\n"
        "A,sha,0.02 km**2,,,survey 2024\n"
        "B,CHA,150,1.5 km,2,survey 2024\n",
        encoding="utf-8",
    )
    a, b = read_areas(path)
    assert a.area.magnitude == pytest.approx(20_000) and a.distance_to_road is None
    assert a.recent_victims == 0
    assert b.distance_to_road.magnitude == pytest.approx(1500)  # type: ignore[union-attr]


def test_json_file_errors_carry_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "areas.json"
    good = {"id": "A", "kind": "CHA", "area": "2 ha", "recent_victims": 1}
    path.write_text(json.dumps({"areas": [good, {**good, "id": "B", "area": -1}]}), "utf-8")
    code, _, err = _run(capsys, "mines", "rank", str(path))
    assert code == 2 and "@ $[1].area" in err
    path.write_text(json.dumps([good]), "utf-8")
    assert read_areas(path)[0].area.magnitude == 20_000
    path.write_text("[{", "utf-8")
    with pytest.raises(SchemaError, match="not valid JSON"):
        read_areas(path)
    code, _, err = _run(capsys, "mines", "rank", str(tmp_path / "missing.csv"))
    assert code == 2 and "error:" in err


def test_forecast_command(capsys: pytest.CaptureFixture[str]) -> None:
    history = "2014:90845,2015:37576.5,2016:37576.5,2017:35507"
    argv = ["mines", "forecast", "--remaining", "97469", "--history", history]
    code, out, _ = _run(capsys, *argv, "--deadline", "2022-12-31")
    assert code == 0 and "mean met, trend NOT met" in out
    code, out, _ = _run(capsys, *argv, "--json")
    assert code == 0 and json.loads(out)["mean_completion_year"] == 2020
    code, _, err = _run(capsys, "mines", "forecast", "--remaining", "1", "--history", "2014=5")
    assert code == 2 and "year:area" in err


@pytest.mark.parametrize(
    ("remaining", "history"),
    [
        ("5 km^2", "2020:1 km^2,2021:1.5 km**2"),
        ("500 ha", "2020:100 ha,2021:1500000"),
        ("5000000", "2020:1000000,2021:1500000"),
    ],
)
def test_forecast_accepts_areas_with_units(
    capsys: pytest.CaptureFixture[str], remaining: str, history: str
) -> None:
    code, out, err = _run(
        capsys, "mines", "forecast", "--remaining", remaining, "--history", history, "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["remaining_area"]["magnitude"] == pytest.approx(5e6)
    assert data["mean_release"]["magnitude"] == pytest.approx(1.25e6)


@pytest.mark.parametrize(
    ("remaining", "history", "message"),
    [
        ("5 kg", "2020:1,2021:2", "--remaining"),
        ("lots", "2020:1,2021:2", "'--remaining': cannot read 'lots' as a number with a unit"),
        ("5", "2020:1 m,2021:2", "--history"),
        ("5", "2020:1,2020:2", "2020 appears more than once"),
    ],
)
def test_forecast_refuses_bad_areas(
    capsys: pytest.CaptureFixture[str], remaining: str, history: str, message: str
) -> None:
    code, _, err = _run(capsys, "mines", "forecast", "--remaining", remaining, "--history", history)
    assert code == 2 and message in err


def test_demo_sections() -> None:
    sections = demo_sections()
    assert [s.title for s in sections][:4] == [  # the casualty sections follow
        "Mine action: an explained priority list",
        "Mine action: land release and programme performance",
        "Mine action: post-clearance inspection",
        "Mine action: will the deadline be met?",
    ]
    assert "1% defective -> 299" in sections[2].text  # mines.md §2.4 table, beta = 0.05
    assert "2.0% -> 0.364" in sections[2].text
    assert "SYNTHETIC" in sections[0].text
    assert "COL       970,000        25%      36%      39%" in sections[1].text
    assert "mean 7.0 -> good" in sections[1].text
    assert "2020 4.6 (poor), 2021 5.3 (average), 2023 6.7 (average)" in sections[1].text
    json.dumps([s.data for s in sections])
    remaining, history, deadline = ecuador_history()
    assert (remaining, history[2014], deadline) == (97_469, 90_845, "2022-12-31")
