"""The README's Python example runs and prints what its comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "the README has no Python example"
    out = io.StringIO()
    namespace: dict[str, object] = {}
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], str(README), "exec"), namespace)
    value, lower, upper = (float(x) for x in out.getvalue().split())
    assert (round(value, 1), round(lower, 1), round(upper, 1)) == (27.8, 22.9, 33.5)
    assert round(float(namespace["curve"].median()), 1) == 12.0  # type: ignore[attr-defined]
