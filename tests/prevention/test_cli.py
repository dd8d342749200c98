"""The prevention demo sections and ``dpssec prevention rates FILE``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dpssec.cli import main
from dpssec.errors import InputError
from dpssec.prevention._cli import demo_sections, read_table


def test_demo_sections() -> None:
    sections = demo_sections()
    assert [s.title.split(":")[0] for s in sections] == ["Prevention"] * 3
    json.dumps([s.data for s in sections])
    rates = {row["iso3"]: row for row in sections[0].data["rates"]}
    assert rates["HND"]["rate"] == pytest.approx(90.4)
    assert rates["BLZ"]["lower"] < 25.6 < rates["BLZ"]["upper"]
    assert "SYNTHETIC" in sections[1].text
    crude, dsr = sections[1].data["crude"], sections[1].data["dsr"]
    assert crude[0]["value"] > crude[1]["value"] and dsr[0]["value"] < dsr[1]["value"]
    assert sections[2].data["2006-2012"]["apc"] > 10


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rates_command_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(
        tmp_path,
        "area,sex,count,population\nA,f,3,10000\nA,m,12,11000\nB,f,40,90000\n",
    )
    assert main(["prevention", "rates", str(path), "--by", "area"]) == 0
    out = capsys.readouterr().out
    assert "IndicatorTable (2 rows)" in out and "71.4286" in out
    assert main(["prevention", "rates", str(path), "--json", "--min-count", "20"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["indicator"] == "rate"
    assert [r["suppressed"] for r in payload["rows"]] == [True, True, False]
    assert payload["rows"][0]["value"] is None


def test_rates_command_dsr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dpssec.prevention import STANDARD_POPULATIONS, directly_standardised_rate

    bands = STANDARD_POPULATIONS["esp2013"].bands
    lines = ["area,age_band,count,population"]
    for area, count in (("X", 20), ("Y", 5)):
        lines += [f"{area},{band},{count},1000" for band in bands]
    path = _write(tmp_path, "\n".join(lines) + "\n")
    args = ["prevention", "rates", str(path), "--indicator", "dsr", "--by", "area", "--json"]
    assert main(args) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    expected = directly_standardised_rate([[20] * 19, [5] * 19], [[1000] * 19] * 2, "esp2013")
    assert rows[0]["value"] == pytest.approx(expected.value[0])
    assert rows[1]["upper"] == pytest.approx(expected.upper[1])
    assert rows[0]["method"] == "dobson"
    bad = _write(tmp_path, "area,age_band,count,population\nX,0-39,3,100\n")
    assert main(["prevention", "rates", str(bad), "--indicator", "dsr"]) == 2
    assert "age bands not in standard 'esp2013': 0-39" in capsys.readouterr().err


def test_rates_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "area,count,population\nA,3,ten\n")
    assert main(["prevention", "rates", str(path)]) == 2
    assert "line 2, column 'population': 'ten' is not a number" in capsys.readouterr().err
    path = _write(tmp_path, "area,count,population\nA,3,\n")
    assert main(["prevention", "rates", str(path)]) == 2
    assert "NaN" in capsys.readouterr().err
    assert main(["prevention", "rates", str(tmp_path / "missing.csv")]) == 2


def test_read_table_types(tmp_path: Path) -> None:
    path = _write(tmp_path, "area,count,population\nA,3,100\n")
    table = read_table(path)
    assert table["count"].dtype == float and table["area"].dtype == object
    with pytest.raises(InputError, match="no header"):
        read_table(_write(tmp_path, ""))
