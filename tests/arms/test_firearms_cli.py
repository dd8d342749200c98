"""``dpssec arms reconcile``, ``dpssec arms marking`` and the demo sections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dpssec.arms.firearms import _cli
from dpssec.cli import main

DATA = Path(__file__).parents[1] / "data" / "arms"


def test_reconcile_command_text_and_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["arms", "reconcile", str(DATA / "firearms_register.csv"), str(DATA / "firearms_count.csv")]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "missing       BRT-BO771" in out
    assert "review        serials 'BRT-BO771' and 'BRT-B0771'" in out


def test_reconcile_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["arms", "reconcile", str(DATA / "firearms_register.csv"), str(DATA / "firearms_count.csv"),
         "--json", "--expected", "in stock"]
    )  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [m["row"] for m in data["missing"]] == [3, 4]
    assert data["expected_statuses"] == ["in stock"]
    assert len(data["status_conflicts"]) == 2


def test_reconcile_command_ok_and_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    register = str(DATA / "firearms_register.csv")
    clean = str(DATA / "firearms_register.json")
    expected = ["--expected", "in stock", "--expected", "lost or stolen"]
    assert main(["arms", "reconcile", clean, clean, *expected]) == 0
    assert "matched                       3" in capsys.readouterr().out
    assert main(["arms", "reconcile", clean, clean]) == 1  # a lost weapon was counted
    capsys.readouterr()
    assert main(["arms", "reconcile", str(DATA / "firearms_bad_rows.csv"), register]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: firearms_bad_rows.csv: 6 problem(s): row 2")


def test_marking_command(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["arms", "marking", str(DATA / "firearms_register.json"), "--profile", "EU", "--json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["profile"] == "EU"
    assert all(f["verified"] is False for f in data["findings"])
    assert {f["subject"] for f in data["findings"]} == {"GLK-10001", "TRS-55120", "CZ-A0042"}
    assert main(["arms", "marking", str(DATA / "firearms_register.json")]) == 1
    assert "Firearm marking (ITI" in capsys.readouterr().out


def test_marking_command_refuses_a_register_without_marks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A CSV register cannot carry marks: "no mark found" on every weapon would be a false alarm.
    assert main(["arms", "marking", str(DATA / "firearms_register.csv")]) == 2
    captured = capsys.readouterr()
    assert "marks not recorded" in captured.err and "table register" in captured.err
    assert "no mark found" not in captured.out
    no_marks = tmp_path / "no_marks.json"
    no_marks.write_text('[{"serial_number": "A1", "manufacturer": "CZ", "model": "75"}]')
    assert main(["arms", "marking", str(no_marks)]) == 2
    assert "marks not recorded" in capsys.readouterr().err
    inspected = tmp_path / "inspected.json"
    inspected.write_text(
        '[{"serial_number": "A1", "manufacturer": "CZ", "model": "75", "marks": []}]'
    )
    assert main(["arms", "marking", str(inspected)]) == 1
    assert "no mark found" in capsys.readouterr().out


def test_demo_sections() -> None:
    reconciliation, marking = _cli.demo_sections()
    assert reconciliation.data["summary"]["missing"] == 3
    assert reconciliation.data["near_matches"][0]["register_row"] == 14
    assert "synthetic" in reconciliation.title
    assert [f["rule"] for f in marking.data["marking"]["EU"]] == ["eu-year"]
    assert marking.data["retention_until"] == {"manufacture": "2039-06-30", "export": "2029-06-30"}
    json.dumps(reconciliation.data)
    json.dumps(marking.data)


def test_bundled_data_is_labelled_synthetic() -> None:
    for name in (_cli.REGISTER_FILE, _cli.COUNT_FILE):
        text = (Path(_cli.__file__).parents[2] / "data" / name).read_text(encoding="utf-8")
        rows = text.strip().splitlines()[1:]
        assert rows and all("synthetic" in row for row in rows)


def test_retention_command(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "firearms_records.csv")
    assert main(["arms", "retention", path, "--on", "2025-03-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 of 5 record(s) may not be destroyed on 2025-03-01 under ITI")
    assert "I-2005-018" in out and "I-2005-017" not in out
    assert main(["arms", "retention", path, "--on", "2015-03-01", "--profile",
                 "UN Firearms Protocol", "--json"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert [k["record_id"] for k in data["keep"]] == ["I-2005-018", "T-2010-044"]
    assert data["verified"] is False
    assert main(["arms", "retention", str(DATA / "firearms_bad_records.csv")]) == 2
    err = capsys.readouterr().err
    assert "line 3, column 'record_kind': 'sale' is not one of 'manufacture'" in err
    assert "line 4, column 'created': '2004-02-30' is not a date" in err


def test_reconcile_command_refuses_a_header_only_register(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty_register.csv"
    empty.write_text("serial_number,manufacturer,model\n")
    assert main(["arms", "reconcile", str(empty), str(DATA / "firearms_count.csv")]) == 2
    assert "empty_register.csv: register has no records" in capsys.readouterr().err
