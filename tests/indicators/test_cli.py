"""``dpssec validate`` and ``dpssec indicators ...``: exit codes, formats, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dpssec import cli
from dpssec.cli import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, main
from dpssec.indicators import prisons_submission
from dpssec.indicators._cli import demo_sections

CLEAN = "state,year,indicator,value\nJAM,2020,prison_population,3700\nJAM,2020,occupancy,95.5\n"
FINDINGS = (
    "país;año;indicador;valor\n"
    "HTI;2024;población penitenciaria;11253\n"
    "HTI;2024;capacidad oficial;2431\n"
    "HTI;2024;ocupación;454,4\n"
)


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return str(path)


def test_exit_codes(tmp_path: Path, capsys: Any) -> None:
    assert main(["validate", _write(tmp_path, "clean.csv", CLEAN)]) == EXIT_OK
    assert "0 violation(s)" in capsys.readouterr().out
    path = _write(tmp_path, "hti.csv", FINDINGS, encoding="cp1252")
    assert main(["validate", path]) == EXIT_FINDINGS
    out = capsys.readouterr().out
    assert "Validation of hti.csv" in out and "HTI 2024 occupancy" in out
    assert "line 4: HTI 2024 occupancy = 454.4" in out
    assert main(["indicators", "validate", path]) == EXIT_FINDINGS


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("state,year,value\nJAM,2020,1\n", "missing column(s) indicator"),
        ("state,year,indicator,value\nXX,2020,occupancy,1\n", "line 2, column 'state'"),
        ("state,year,indicator,value\nJAM,2020,occupancy,lots\n", "'lots' is not a number"),
    ],
)
def test_bad_input_is_one_line_with_exit_2(
    tmp_path: Path, capsys: Any, text: str, message: str
) -> None:
    path = _write(tmp_path, "bad.csv", text)
    assert main(["validate", path]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert err.count("\n") == 1


def test_missing_file_and_directory(tmp_path: Path, capsys: Any) -> None:
    assert main(["validate", str(tmp_path / "nope.csv")]) == EXIT_BAD_INPUT
    assert "no such file" in capsys.readouterr().err
    assert main(["validate", str(tmp_path)]) == EXIT_BAD_INPUT
    assert "directory" in capsys.readouterr().err


def test_previous_edition_json_html_and_completeness(tmp_path: Path, capsys: Any) -> None:
    current = _write(tmp_path, "now.csv", CLEAN)
    previous = _write(tmp_path, "before.csv", CLEAN.replace("3700", "3690"))
    # a revision is a note, not a fault: exit 0 (notes never make the exit code 1)
    assert main(["validate", current, "--previous", previous, "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["revised"] == 1 and data["previous"] == "before.csv"
    assert data["findings"][0]["code"] == "revisions"
    assert main(["validate", current, "--html"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("<p><b>Validation of now.csv")
    assert main(["validate", current, "--completeness"]) == EXIT_OK
    assert "Completeness: 2 present" in capsys.readouterr().out
    assert main(["validate", current, "--json", "--html"]) == EXIT_BAD_INPUT
    # a warning or violation beside the note still gives 1
    broken = _write(tmp_path, "broken.csv", CLEAN.replace("95.5", "9550"))
    assert main(["validate", broken, "--previous", previous]) == EXIT_FINDINGS


def test_excel_submission(tmp_path: Path, capsys: Any) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    path = tmp_path / "prisons.xlsx"
    frame = prisons_submission().to_frame()
    frame.to_excel(path, index=False)
    assert main(["validate", str(path)]) == EXIT_FINDINGS
    out = capsys.readouterr().out
    assert "HTI 2024 occupancy" in out and "VEN 2019 occupancy" in out
    row = frame.index[(frame["state"] == "HTI") & (frame["indicator"] == "occupancy")][0]
    assert f"line {row + 2}: HTI 2024 occupancy = 454.4" in out  # sheet row (header on row 1)
    assert isinstance(pd.DataFrame(), pd.DataFrame)


def test_catalogue_command(capsys: Any) -> None:
    assert main(["indicators", "catalogue", "ocupación", "--language", "es"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("occupancy: Tasa de ocupación penitenciaria")
    assert main(["indicators", "catalogue", "--json"]) == EXIT_OK
    assert len(json.loads(capsys.readouterr().out)["entries"]) > 10
    assert main(["indicators", "catalogue", "nothing at all"]) == EXIT_FINDINGS


def test_registered_in_the_cli() -> None:
    assert cli.DOMAIN_CLI_MODULES["indicators"] == ("dpssec.indicators._cli",)
    assert "indicators" in cli._DOMAIN_HELP


def test_demo_sections() -> None:
    sections = demo_sections()
    assert [s.title.split(":")[0] for s in sections] == ["Indicators"] * 3
    text = "\n".join(s.text for s in sections)
    assert "HTI 2024 occupancy: 454.4 disagrees" in text
    assert "VEN 2019 occupancy: 167.66 is" in text and "truncated, not rounded" in text
    assert "ARG 2023-2024 homicide_rate: the source changes" in text
    assert "13 revised" in text
    json.dumps([s.data for s in sections])
