"""``dpssec arms check`` and the storage demo section."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dpssec._data import data_file
from dpssec.arms.storage import AmmunitionStock, Depot, ExplosivesBuilding, ExposedSite
from dpssec.arms.storage._cli import demo_sections
from dpssec.cli import main
from dpssec.serialization import from_json, to_json


def test_demo_depot_is_labelled_synthetic() -> None:
    text = data_file("arms_demo_depot.json").read_text(encoding="utf-8")
    depot = from_json(text, Depot)
    assert "SYNTHETIC" in depot.name
    assert "synthetic" in depot.notes.lower()


def test_demo_section() -> None:
    (section,) = demo_sections()
    assert "synthetic" in section.title.lower()
    assert section.data["violations"] >= 1
    assert len(section.data["findings"]) >= section.data["violations"]
    assert "VIOLATION" in section.text
    json.dumps(section.data)  # JSON-ready


def test_check_command_reports_violations(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(data_file("arms_demo_depot.json"))
    assert main(["arms", "check", path]) == 1
    out = capsys.readouterr().out
    assert "Depot check: SYNTHETIC demo depot" in out
    assert "VIOLATION [ECM-1 -> HOUSE-A]" in out
    assert main(["arms", "check", path, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert any(f["severity"] == "violation" for f in data["findings"])


def test_check_command_on_a_compliant_depot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stock = AmmunitionStock("TNT", "1.1", "D", "2204.6 lb")
    depot = Depot(
        "ok",
        [ExplosivesBuilding("B", "unbarricaded_stack", 0, 0, [stock])],
        [ExposedSite("H", "inhabited_building", "3000 ft", 0)],
    )
    path = tmp_path / "depot.json"
    path.write_text(to_json(depot), encoding="utf-8")
    assert main(["arms", "check", str(path), "--rounding", "table"]) == 0
    assert "0 violation(s)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"name": "x", "buildings": [{"id": "a"}]}',
            "required field missing @ $.buildings[0].kind",
        ),
        ("{not json", "not valid JSON"),
        ("{}", "has no buildings"),
        ('{"name": "empty", "exposed_sites": []}', "has no buildings"),
        ("[]", "cannot read Depot"),
        (
            '{"name": "x", "buildings": [{"id": "a", "kind": "barricaded_stack", "x": 0, "y": 0, "stocks": []}]}',
            "at least one stock",
        ),
    ],
)
def test_check_command_refuses_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["arms", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert message in err
    assert str(path) in err


@pytest.mark.parametrize(
    "command",
    [
        ["arms", "check"],
        ["arms", "marking"],
        ["arms", "retention"],
        ["arms", "reconcile", "FILE"],
    ],
)
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("dir", None),
        ("latin.csv", "serial_number,manufacturer\nT\xe9cnica,Per\xfa\n".encode("latin-1")),
        ("binary.json", bytes(range(256))),
        ("empty.json", b""),
        ("deep.json", b"[" * 100_000),
    ],
)
def test_arms_commands_refuse_unreadable_files_without_a_traceback(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    name: str,
    content: bytes | None,
) -> None:
    path = tmp_path / name
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    argv = [str(path) if part == "FILE" else part for part in command] + [str(path)]
    if name == "latin.csv" and command[1] == "reconcile":
        # a Latin-1 register is read (as a ministry's spreadsheet sends it): a clean match
        assert main(argv) == 0
        assert "Traceback" not in capsys.readouterr().err
        return
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err
