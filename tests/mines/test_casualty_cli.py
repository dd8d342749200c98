"""`dpssec mines casualties FILE`, the readers' messages for bad rows, and the demo sections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dpssec._data import data_file
from dpssec.cli import main
from dpssec.errors import SchemaError
from dpssec.mines.casualty_cli import demo_sections
from dpssec.mines.casualty_readers import read_casualties, read_sessions, read_victims
from tests.mines.conftest import DATA

RECORDS = str(data_file("mines_casualties_synthetic.csv"))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_records_by_year(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "mines", "casualties", RECORDS)
    assert code == 0
    assert "casualty records in mines_casualties_synthetic.csv, by year" in out
    assert "civilian (95% CI)" in out and "status unknown" in out
    assert "[the child age cut is an unverified preset]" in out


def test_records_json_overall(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "mines", "casualties", RECORDS, "--by", "none", "--json")
    data = json.loads(out)
    _, records = read_casualties(RECORDS)
    assert code == 0 and data["total"] == len(records) and data["verified"] is False
    assert data["killed"] + data["injured"] + data["unknown_outcome"] == data["total"]


def test_a_published_table_reports_its_identity_break(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "mines", "casualties", str(DATA / "casualties_table_colombia.csv"))
    assert code == 0
    assert "2006 (LM 2008)    1,167     1,167" in out
    assert "WARNING [2009 (typo)]: killed 117 + injured 557 + unknown 0 = 674, but the " in out
    assert "reported total is 675 (difference 1); the total is not corrected" in out


def test_a_table_with_an_unknown_column_is_read_as_a_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``unknown`` beside killed and injured is the outcome not known (the Monitor's columns)."""
    table = tmp_path / "counts.csv"
    table.write_text("year,killed,injured,unknown,total\n2016,100,200,5,305\n", encoding="utf-8")
    code, out, err = _run(capsys, "mines", "casualties", str(table))
    assert code == 0, err
    assert "2016        305       305     100      200        5" in out


def test_a_file_that_is_neither_kind_gets_both_readers_reasons(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    table = tmp_path / "counts.csv"
    table.write_text("year,dead,total\n2016,100,305\n", encoding="utf-8")
    code, _, err = _run(capsys, "mines", "casualties", str(table))
    assert code == 2
    assert "neither casualty records nor a published casualty table" in err
    assert "missing column(s) accident_id" in err and "missing column(s) killed, injured" in err
    # a table with a problem of its own: that problem, not the records reader's
    table.write_text("year,killed,injured,total\n2016,100,-2,305\n", encoding="utf-8")
    code, _, err = _run(capsys, "mines", "casualties", str(table))
    assert code == 2 and "casualty table" in err and "accident_id" not in err


def test_bad_cells_are_reported_together_with_lines_and_columns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = _run(capsys, "mines", "casualties", str(DATA / "casualties_records_bad.csv"))
    assert code == 2
    assert "2 problem(s) reading casualty records" in err
    assert "line 4, column 'age': '130' is above 120" in err
    assert "line 5, column 'outcome': 'wounded'" in err and "is not one of 'killed'" in err


def test_rows_that_contradict_each_other_are_reported_with_their_lines() -> None:
    text = (
        "accident_id,date,outcome,status\n"
        "A-1,2019-02-03,injured,civilian\n"
        "A-1,2019-02-04,killed,military\n"
    )
    with pytest.raises(
        SchemaError,
        match=r"line 3: accident 'A-1' is described differently "
        r"than on line 2",
    ):
        read_casualties(text.encode())


def test_spanish_headers_and_dataframes() -> None:
    text = (
        "Fecha;Accidente;Departamento;Estado;Condición;Sexo;Edad\n"
        "2019-02-03;A-1;Meta;herido;civil;female;9\n"
        "2019-02-03;A-1;Meta;muerto;Fuerza Pública;male;35\n"
    )
    accidents, people = read_casualties(text.encode())
    assert accidents[0].department == "Meta" and people[1].status.value == "military"
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "accident_id": ["A", "A"],
            "date": ["2020-01-01", "2020-01-01"],
            "outcome": ["killed", "injured"],
            "status": ["civilian", "deminer"],
        }
    )
    assert [c.outcome.value for c in read_casualties(frame)[1]] == ["killed", "injured"]


def test_unknown_grouping_and_columns(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "mines", "casualties", RECORDS, "--by", "colour")
    assert code == 2 and "'colour' is not one of 'year'" in err
    bad = tmp_path / "x.csv"
    bad.write_text("accident_id,date,outcome,status,name\nA,2019-01-01,injured,civilian,Ana\n")
    code, _, err = _run(capsys, "mines", "casualties", str(bad))
    assert code == 2 and "unknown column(s) 'name'" in err


def test_sessions_that_do_not_add_up_are_refused_with_their_rows() -> None:
    with pytest.raises(SchemaError) as caught:
        read_sessions(DATA / "casualties_sessions_bad.csv")
    message = str(caught.value)
    assert "line 4 (id 'RE-2'): beneficiaries by sex and age" in message
    assert "do not add up to the reported total 31" in message
    assert (
        "line 5 (id 'RE-3'): session 'RE-3': unique persons exceed attendances in girls" in message
    )


def test_victims_with_assistance_before_the_accident_are_refused(tmp_path: Path) -> None:
    victims = json.loads(Path(str(data_file("mines_victims_synthetic.json"))).read_text("utf-8"))
    victims[3]["assistance"] = [{"kind": "medical", "date": "1999-01-01", "provider": None}]
    bad = tmp_path / "victims.json"
    bad.write_text(json.dumps(victims), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"before the accident .*@ \$\[3\]"):
        read_victims(bad)


def test_bundled_synthetic_files_read() -> None:
    accidents, records = read_casualties(RECORDS)
    assert len(records) == 83 and len(accidents) == 48
    assert len(read_victims(str(data_file("mines_victims_synthetic.json")))) == 82
    assert len(read_sessions(str(data_file("mines_eore_sessions_synthetic.csv")))) == 60


def test_demo_sections() -> None:
    sections = demo_sections()
    assert [s.title for s in sections] == [
        "Mine action: casualties in the Americas (Landmine Monitor)",
        "Mine action: casualties, victims and risk education (synthetic records)",
        "Mine action: an Article 7-style summary, Colombia 2017",
    ]
    real, synthetic, article7 = sections
    assert (
        "1,106 (edition 2007, Landmine Monitor Report 2007, Colombia) revised upward to 1,167 "
        "(edition 2008), +61 (Landmine Monitor Report 2008, Colombia)" in real.text
    )
    assert "8,605" not in real.text  # each revision cites its own source, not the rule's example
    assert "killed + injured = published total in 11 of 11 year-editions" in real.text
    assert "71.4%" in real.text and "96.6%" in real.text
    assert real.data["colombia_apc_percent"] < 0
    assert synthetic.text.startswith("SYNTHETIC records (invented, not real data)")
    assert "warning: people_reached: in Operator C" in synthetic.text
    assert "released                           970,000 m²" in article7.text
    json.dumps([s.data for s in sections])  # JSON-ready
