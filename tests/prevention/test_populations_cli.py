"""``dpssec prevention survey FILE``, ``dpssec prevention mse FILE`` and the demo sections."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest

from dpssec.cli import main
from dpssec.prevention import SurveyDesign, survey_proportion
from dpssec.prevention._populations_cli import demo_sections, synthetic_lists

DATA = Path(__file__).resolve().parents[1] / "data" / "prevention"


def test_demo_sections_are_labelled_synthetic() -> None:
    survey, mse = demo_sections()
    assert "SYNTHETIC" in survey.text and "SYNTHETIC" in mse.text
    assert survey.data["violence"]["design_effect"] > 1
    assert any(row["suppressed"] for row in survey.data["breakdown"])
    _, _, truth = synthetic_lists()
    assert mse.data["lower"] < truth < mse.data["upper"]
    assert mse.data["estimated_total"] >= mse.data["identified"]
    json.dumps([survey.data, mse.data])


def test_survey_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "survey.csv"
    rows = ["answer,w,stratum,psu,sex"]
    answers = [1, 0, 1, 1, 0, "", 1, 0]
    for i, a in enumerate(answers):
        rows.append(f"{a},{10 + i},{i % 2},{i // 2},{'fm'[i % 2]}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = [
        "prevention",
        "survey",
        str(path),
        "--value",
        "answer",
        "--weights",
        "w",
        "--strata",
        "stratum",
        "--clusters",
        "psu",
        "--nest",
        "--by",
        "sex",
        "--dont-know",
        "exclude",
        "--json",
    ]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    design = SurveyDesign(
        np.arange(10.0, 18.0),
        strata=[i % 2 for i in range(8)],
        clusters=[i // 2 for i in range(8)],
        nest=True,
    )
    values = np.array([1, 0, 1, 1, 0, np.nan, 1, 0])
    expected = survey_proportion(values, design, by={"sex": list("fmfmfmfm")}, dont_know="exclude")
    assert [r["value"] for r in out] == pytest.approx(list(expected.value))
    assert main(args[:-3]) == 2  # the missing answer needs --dont-know
    assert "dont_know" in capsys.readouterr().err
    without_nest = [a for a in args if a != "--nest"]
    assert main(without_nest) == 2  # PSU codes reused across strata need --nest
    assert "PSU '0' appears in 2 strata" in capsys.readouterr().err


def test_mse_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    uk = DATA / "uk_2013_mse.csv"
    args = [
        "prevention",
        "mse",
        str(uk),
        "--lists",
        "LA,NG,PF,GO,GP,NCA",
        "--count",
        "count",
        "--selection",
        "stepwise",
        "--interval",
        "wald-log",
        "--json",
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(args) == 0
    assert any("sparse overlaps" in str(w.message) for w in caught)
    out = json.loads(capsys.readouterr().out)
    assert out["identified"] == 2744 and 10_000 < out["estimated_total"] < 13_000
    assert out["label"].startswith("estimated total victims")
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B\n1,x\n", encoding="utf-8")
    assert main(["prevention", "mse", str(bad), "--lists", "A,B"]) == 2
    assert "line 2, column 'B'" in capsys.readouterr().err
