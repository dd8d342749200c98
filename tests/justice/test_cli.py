"""The justice commands and demo sections."""

from __future__ import annotations

import json

import pytest

from dpssec._data import data_file
from dpssec.cli import main
from dpssec.justice._cli import demo_sections


def test_demo_sections() -> None:
    sections = demo_sections()
    titles = [s.title for s in sections]
    assert len(sections) == 5 and all(t.startswith("Justice") for t in titles)
    text = "\n".join(s.text for s in sections)
    assert "SYNTHETIC" in text and "hides overcrowding" in text
    assert "167.67 %" in text  # Venezuela 2019 recomputed from the same OVP report
    # A census share: the interval is labelled as superpopulation, not as sampling error.
    assert "A census has no sampling error; the 95 % superpopulation interval" in text
    json.dumps([s.data for s in sections])


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_occupancy_command(tmp_path, capsys) -> None:
    path = _write(tmp_path, "f.csv", "name,population,capacity\nA,110,100\nB,120,150\n")
    assert main(["justice", "occupancy", path]) == 0
    out = capsys.readouterr().out
    assert "hides overcrowding" in out and "110.0 %" in out
    assert main(["justice", "occupancy", path, "--json", "--standard", "critical-120"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["system"]["surplus"] == 10 and data["standard_verified"] is False


def test_occupancy_command_errors(tmp_path, capsys) -> None:
    missing = _write(tmp_path, "m.csv", "name,population\nA,110\n")
    assert main(["justice", "occupancy", missing]) == 2
    err = capsys.readouterr().err
    assert "missing column(s) capacity" in err and "Expected columns: name, population" in err
    bad = _write(tmp_path, "b.csv", "name,population,capacity\nA,110,0\n")
    assert main(["justice", "occupancy", bad]) == 2
    assert "line 2, column 'capacity': '0' is zero or negative" in capsys.readouterr().err
    empty = _write(tmp_path, "e.csv", "name,population,capacity\nA,,10\nB,5,4\n")
    assert main(["justice", "occupancy", empty]) == 2
    assert "line 2, column 'population'" in capsys.readouterr().err
    text = _write(tmp_path, "t.csv", "# a comment\nname,population,capacity\nA,many,10\n")
    assert main(["justice", "occupancy", text]) == 2
    assert "line 3, column 'population'" in capsys.readouterr().err


def test_cells_command(capsys) -> None:
    path = str(data_file("justice_cells_synthetic.csv"))
    assert main(["justice", "cells", path]) == 1  # violations found
    assert "VIOLATION [A-03]" in capsys.readouterr().out
    assert main(["justice", "cells", path, "--standard", "ecthr-mursic", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["findings"][0]["code"] == "cell-space"


def test_recidivism_command(capsys, tmp_path) -> None:
    path = str(data_file("justice_release_cohort_synthetic.csv"))
    assert (
        main(
            ["justice", "recidivism", path, "--follow-up", "365,1095", "--event", "reincarceration"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "programme: 300 released" in out and "log-rank p" in out
    assert main(["justice", "recidivism", path, "--follow-up", "730", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["groups"]) == {"programme", "comparison"}
    assert len(data["comparisons"]) == 1
    one = _write(
        tmp_path, "one.csv", "release_date,event_date\n2020-01-01,2020-02-01\n2020-01-01,\n"
    )
    assert main(["justice", "recidivism", one, "--end", "2021-01-01", "--follow-up", "100"]) == 0
    assert "all: 2 released" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--follow-up", "a year"], "--follow-up"),
        (["--follow-up", "5000"], "beyond the longest observed follow-up"),
    ],
)
def test_recidivism_command_errors(args, message, capsys) -> None:
    path = str(data_file("justice_release_cohort_synthetic.csv"))
    assert main(["justice", "recidivism", path, *args]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("A,110,100\nB,120,0\n", "line 4, column 'capacity': '0' is zero or negative"),
        ("A,110,100\nB,-5,10\n", "line 4, column 'population': '-5' is negative"),
    ],
)
def test_occupancy_errors_name_the_file_line_and_facility(tmp_path, capsys, rows, message):
    path = _write(tmp_path, "f.csv", "# comment\nname,population,capacity\n" + rows)
    assert main(["justice", "occupancy", path]) == 2
    err = capsys.readouterr().err
    assert message in err and "index" not in err


def test_calculator_errors_are_mapped_to_file_lines() -> None:
    from dpssec.errors import InputError
    from dpssec.justice._cli import _located

    error = InputError("parameter 'capacity': 1 of 2 values are zero (first at index 1: 0.0)")
    located = _located(error, "f.csv", [3, 7], ["A", "B"])
    assert "first at f.csv: line 7 (facility 'B'): 0.0" in str(located)


def test_cells_errors_name_the_file_line_and_cell(tmp_path, capsys) -> None:
    path = _write(tmp_path, "c.csv", "name,floor_area,occupants\nA-1,9,1\nA-2,0,1\n")
    assert main(["justice", "cells", path]) == 2
    assert "line 3, column 'floor_area': '0' is zero or negative" in capsys.readouterr().err


def test_occupancy_table_columns_line_up(tmp_path, capsys) -> None:
    path = _write(
        tmp_path, "f.csv", "name,population,capacity\nA,1250000,1000000\nLong name,12,100\n"
    )
    assert main(["justice", "occupancy", path]) == 0
    lines = capsys.readouterr().out.splitlines()[:4]
    assert "1250000" in lines[1] and "e+" not in lines[1]
    for header in ("population", "capacity", "occupancy"):
        end = lines[0].index(header) + len(header)
        # Right-aligned numbers end under the end of their header.
        assert all(line[end - 1] != " " and line[end : end + 1] in (" ", "") for line in lines)


def _hostile_files(tmp_path):
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("name,population,capacity\nPeñas,1,2\n".encode("latin-1"))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(bytes(range(128, 256)) * 3)
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    return {
        "latin1": (latin1, "missing column(s)"),
        "binary": (binary, "cannot tell the text encoding"),
        "empty": (empty, "the file is empty"),
        "directory": (folder, "is a directory"),
        "missing": (tmp_path / "missing.csv", "no such file"),
    }


@pytest.mark.parametrize("command", ["occupancy", "cells", "recidivism"])
@pytest.mark.parametrize("kind", ["latin1", "binary", "empty", "directory", "missing"])
def test_hostile_files_give_one_line_errors(command, kind, tmp_path, capsys) -> None:
    path, message = _hostile_files(tmp_path)[kind]
    if (command, kind) == ("occupancy", "latin1"):  # a Latin-1 table is read, not refused
        assert main(["justice", command, str(path)]) == 0
        assert "Peñas" in capsys.readouterr().out
        return
    assert main(["justice", command, str(path)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and path.name in lines[0]
    assert "Traceback" not in captured.err + captured.out
