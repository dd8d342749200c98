"""The data-exchange guide's code runs and prints what the guide shows."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "data-exchange.md"


def test_guide_code_blocks_run_and_print_the_shown_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(tmp_path)  # the guide writes the ministry's spreadsheet
    text = GUIDE.read_text(encoding="utf-8")
    code_blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    shown = re.findall(r"```text\n(.*?)```", text, re.S)
    assert len(code_blocks) >= 7
    namespace: dict[str, object] = {}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        for block in code_blocks:
            exec(compile(block, str(GUIDE), "exec"), namespace)
    printed = _spaces(output.getvalue())
    for block in shown:  # the same text, whatever the alignment of pandas' columns
        assert _spaces(block) in printed, (
            f"the guide shows:\n{block}\nbut the code printed:\n{printed}"
        )


def _spaces(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines())


def test_the_path_from_a_spreadsheet_to_indicators_is_under_ten_lines() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    path = re.findall(r"```python\n(.*?)```", text, re.S)[1]
    assert "read_table" in path and len(path.strip().splitlines()) < 10
