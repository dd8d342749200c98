"""``dpssec evaluate its`` and the evaluation demo sections."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dpssec.cli import main
from dpssec.evaluation._cli import demo_sections
from tests.evaluation.conftest import text_rows

SICILY = text_rows("sicily.csv")


@pytest.fixture
def series_file(tmp_path: Path) -> Path:
    lines = ["# Sicily acute coronary events (Lopez Bernal et al. 2017)", "month,count,population"]
    lines += [f"{r['year']}-{int(r['month']):02d},{r['aces']},{r['stdpop']}" for r in SICILY]
    path = tmp_path / "series.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_its_command_text_json_and_plot(
    series_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib").use("Agg")
    image = tmp_path / "its.png"
    code = main(
        [
            "evaluate",
            "its",
            str(series_file),
            "--intervention",
            "2005-01",
            "--time-column",
            "month",
            "--seasonality",
            "2",
            "--no-slope-change",
            "--plot",
            str(image),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "level change" in out and "rate ratio 0.885" in out
    assert image.stat().st_size > 1000
    assert (
        main(
            [
                "evaluate",
                "its",
                str(series_file),
                "--intervention",
                "2005-01",
                "--time-column",
                "month",
                "--seasonality",
                "2",
                "--json",
            ]
        )
        == 0
    )
    payload = json.loads(capsys.readouterr().out)
    assert payload["family"] == "quasipoisson" and payload["interventions"] == ["2005-01-01"]


@pytest.mark.parametrize(
    ("content", "arguments", "message"),
    [
        (
            "time,count\n1,3\n2,x\n",
            ["--intervention", "2"],
            "line 3, column 'count': 'x' is not a number",
        ),
        ("when,count\n1,3\n", ["--intervention", "2"], "missing column(s) time"),
        (
            "time,count\n" + "".join(f"{i},{10 + i}\n" for i in range(1, 13)),
            ["--intervention", "12"],
            "1 time point(s) from 12",
        ),
        ("time,count\n2005-01,3\n7,4\n", ["--intervention", "2"], "mixes dates and numbers"),
        ("time,count\n1,3\n2,4\n", ["--intervention", "2005-13-01"], "is not a date"),
    ],
)
def test_its_command_errors_are_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    arguments: list[str],
    message: str,
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    assert main(["evaluate", "its", str(path), *arguments]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and message in err and "\n" not in err


def test_demo_sections_use_the_bundled_real_data() -> None:
    sections = demo_sections()
    titles = [s.title for s in sections]
    assert titles[0].startswith("Evaluation: interrupted time series")
    assert sections[0].data["level_change"] == pytest.approx(0.885, abs=5e-4)
    assert "gasparrini" in sections[0].data["source"]
    assert sections[1].data["joinpoints"] and "Our World in Data" in sections[1].data["source"]
    assert sections[2].data["hazard_ratio_fin"] == pytest.approx(0.684, abs=5e-4)
    assert "SYNTHETIC" in sections[3].text


def test_warnings_are_one_line_and_negative_binomial_converges(
    series_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys
    import warnings

    from dpssec.errors import DataQualityWarning

    def show(message: Any, category: Any, filename: str, lineno: int, *rest: Any) -> None:
        # what Python does by default (pytest records warnings instead of printing them)
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, None))

    before = warnings.formatwarning
    arguments = ["evaluate", "its", str(series_file), "--intervention", "2005-01"]
    with warnings.catch_warnings():
        warnings.simplefilter("always", DataQualityWarning)
        warnings.showwarning = show
        code = main([*arguments, "--time-column", "month", "--family", "negative-binomial"])
    captured = capsys.readouterr()
    assert code == 0 and "negative-binomial regression" in captured.out
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert lines and all(line.startswith("warning: ") for line in lines)
    assert "residual autocorrelation" in captured.err
    assert ".py:" not in captured.err and "return func(" not in captured.err
    assert warnings.formatwarning is before  # restored for the caller
