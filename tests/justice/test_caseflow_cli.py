"""``dpssec justice caseflow FILE`` and the caseflow demo sections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dpssec._data import data_file
from dpssec.cli import main
from dpssec.justice._caseflow_cli import demo_sections


def test_demo_sections_say_synthetic_and_show_both_traps() -> None:
    caseflow, pretrial = demo_sections()
    assert "SYNTHETIC" in caseflow.title and "SYNTHETIC" in caseflow.text
    assert "not a measured case age" in caseflow.text
    assert "closed cases only" in caseflow.text
    assert "+37 cases" in caseflow.text and "NAP" in caseflow.text
    assert "no country's limit is built in" in pretrial.text
    durations = caseflow.data["durations"]
    assert durations["closed_only_median"] < durations["median"]
    json.dumps([caseflow.data, pretrial.data], default=str)


def test_caseflow_command(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(data_file("justice_caseflow_synthetic.csv"))
    assert main(["justice", "caseflow", path]) == 0
    out = capsys.readouterr().out
    assert "Juzgado Penal 2" in out and "DT days" in out
    assert "overlaps" in out and "NA (not available)" in out
    assert main(["justice", "caseflow", path, "--by", "year", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["table"]["year"] == [2022, 2023]


def test_caseflow_command_with_cases(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(data_file("justice_caseflow_synthetic.csv"))
    cases = str(data_file("justice_cases_synthetic.csv"))
    assert (
        main(
            [
                "justice",
                "caseflow",
                path,
                "--cases",
                cases,
                "--court",
                "Juzgado Penal 1",
                "--factor",
                "1.2",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "disagree by more than the stated factor 1.2" in out
    assert main(["justice", "caseflow", path, "--cases", cases]) == 2
    assert "choose one with --court" in capsys.readouterr().err


def test_caseflow_command_errors_name_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "court,start,end,pending_start,incoming,resolved,pending_end\n"
        "A,2023-01-01,2023-12-31,10,5,20,0\n",
        encoding="utf-8",
    )
    assert main(["justice", "caseflow", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.csv: line 2" in err and "resolved (20) exceeds" in err
