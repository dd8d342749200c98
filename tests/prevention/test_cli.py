"""The prevention demo sections and ``dpssec prevention rates FILE``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from dpssec.cli import main
from dpssec.data import population
from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention._cli import demo_sections, read_long_table


def test_demo_sections() -> None:
    sections = demo_sections()
    assert [s.title.split(":")[0] for s in sections] == ["Prevention"] * 5
    json.dumps([s.data for s in sections])
    rates = {row["iso3"]: row for row in sections[0].data["rates"]}
    # denominators from UN WPP 2022 (the published 90.4 used an older, smaller population)
    honduras = rates["HND"]
    assert honduras["year"] == 2012 and honduras["published_rate"] == pytest.approx(90.4)
    assert honduras["population"] == population("HND", 2012)
    assert honduras["rate"] == pytest.approx(7172 * 1e5 / honduras["population"])
    assert rates["BLZ"]["lower"] < rates["BLZ"]["rate"] < rates["BLZ"]["upper"]
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
    table = read_long_table(path)
    assert table["count"].dtype == float and table["area"].dtype == object
    with pytest.raises(InputError, match="the file is empty"):
        read_long_table(_write(tmp_path, ""))


_SURVEY_CSV = "region,safe,unsafe,unknown\nN,300,150,50\nN,250,200,50\nS,400,80,20\n"


@pytest.mark.parametrize(
    ("dont_know", "expected"),
    [("exclude", 550 / 900), ("include_in_denominator", 550 / 1000)],
)
def test_rates_command_feeling_safe_share(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], dont_know: str, expected: float
) -> None:
    path = _write(tmp_path, _SURVEY_CSV)
    args = ["prevention", "rates", str(path), "--indicator", "feeling_safe_share"]
    assert main([*args, "--dont-know", dont_know, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["indicator"] == "feeling_safe_share"
    assert payload["rows"][0]["region"] == "N"
    assert payload["rows"][0]["value"] == pytest.approx(expected)
    assert f"don't know: {dont_know}" in payload["reference"]
    assert main(args) == 2
    assert "needs --dont-know exclude" in capsys.readouterr().err


def test_rates_command_feeling_safe_share_custom_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "region,seguro,inseguro,nsnr\nN,3,1,1\n")
    args = ["prevention", "rates", str(path), "--indicator", "feeling_safe_share", "--json"]
    names = ["--safe", "seguro", "--unsafe", "inseguro", "--unknown", "nsnr"]
    assert main([*args, *names, "--dont-know", "exclude"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"][0]["value"] == pytest.approx(0.75)
    bad = _write(tmp_path, "region,seguro,inseguro,nsnr\nN,3,1,1\nS,3,-2,1\n")
    assert (
        main(
            [
                "prevention",
                "rates",
                str(bad),
                "--indicator",
                "feeling_safe_share",
                *names,
                "--dont-know",
                "exclude",
            ]
        )
        == 2
    )
    assert "column 'inseguro': 1 of 2 values are negative (first on line 3 (region=S)" in (
        capsys.readouterr().err
    )


def test_rates_command_names_the_file_line_and_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a blank line (skipped by the CSV reader) and a quoted label over two lines shift the
    # file lines away from the row index
    path = _write(
        tmp_path,
        'area,sex,count,population\nA,f,3,10000\n\n"B\nnorth",m,4,11000\nC,f,-1,90000\n'
        "C,m,-5,1000\n",
    )
    assert main(["prevention", "rates", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: column 'count': 2 of 4 values are negative (first on line 6 " in err
    assert "(area=C, sex=f): -1.0)" in err
    assert "index" not in err
    assert main(["prevention", "rates", str(path), "--by", "sex"]) == 2
    assert "(first on line 6 (sex=f): -1.0)" in capsys.readouterr().err
    zero = _write(tmp_path, "area,count,population\nA,3,10\nB,3,0\n")
    assert main(["prevention", "rates", str(zero)]) == 2
    assert "column 'population': 1 of 2 values are zero or negative" in (capsys.readouterr().err)
    assert main(["prevention", "rates", str(zero)]) == 2
    assert "(first on line 3 (area=B): 0.0)" in capsys.readouterr().err


def test_rates_command_names_the_age_band_of_a_bad_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dpssec.prevention import STANDARD_POPULATIONS

    bands = STANDARD_POPULATIONS["esp2013"].bands
    lines = ["area,age_band,count,population"]
    lines += [f"X,{band},{'' if band == '40-44' else 3},1000" for band in bands]
    path = _write(tmp_path, "\n".join(lines) + "\n")
    assert main(["prevention", "rates", str(path), "--indicator", "dsr"]) == 2
    err = capsys.readouterr().err
    assert "are missing (NaN)" in err
    assert "(first on line 10 (area=X, age_band=40-44): nan)" in err
    with pytest.warns(DataQualityWarning, match=r"omitted 1 of 19 rows with a missing value"):
        code = main(["prevention", "rates", str(path), "--by", "area", "--nan-policy", "omit"])
    assert code == 0
    assert "X" in capsys.readouterr().out


def test_first_bad_row_by_bisection() -> None:
    """When a message names no index, the bad row is found again by bisection."""
    from dpssec.boundary import Count
    from dpssec.prevention._cli import _first_bad_row

    column = np.array([1.0, 2.0, 3.0, -1.0, 5.0, -2.0])
    spec = Count(whole=False)
    assert _first_bad_row(column, "count", spec, "no index here") == 3
    assert _first_bad_row(column, "count", spec, "(first at index 5: -2.0)") == 5


def test_rates_command_names_the_year_of_a_bad_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "area,year,count,population\nA,2020,5,1000\nA,2021,6,\nA,2022,7,1000\n")
    assert main(["prevention", "rates", str(path), "--indicator", "apc"]) == 2
    assert "(first on line 3 (area=A, year=2021): nan)" in capsys.readouterr().err


def test_rates_command_line_numbers_with_windows_line_ends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "windows.csv"
    path.write_bytes(b"\xef\xbb\xbfarea,count,population\r\nA,3,100\r\n\r\nB,-1,100\r\n")
    assert main(["prevention", "rates", str(path)]) == 2
    assert "(first on line 4 (area=B): -1.0)" in capsys.readouterr().err
