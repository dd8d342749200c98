"""The casualty, victim-assistance and risk-education guide runs and prints what it shows."""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "mines-casualties-eore.md"


def test_guide_code_blocks_run_and_print_the_shown_text() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    code_blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    shown = re.findall(r"```text\n(.*?)```", text, re.S)
    assert code_blocks and len(shown) == len(code_blocks)
    namespace: dict[str, object] = {}
    output = io.StringIO()
    with contextlib.redirect_stdout(output), warnings.catch_warnings():
        warnings.simplefilter("error")
        for block in code_blocks:
            exec(compile(block, str(GUIDE), "exec"), namespace)
    printed = output.getvalue()
    for block in shown:
        for line in block.strip().splitlines():
            assert line.rstrip() in printed, line
