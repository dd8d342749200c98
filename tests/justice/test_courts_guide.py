"""The Python examples of docs/guides/justice-courts.md run and give the numbers the text quotes."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "justice-courts.md"


def test_guide_examples_run_and_match_the_text() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        for block in blocks:
            exec(compile(block, str(GUIDE), "exec"), namespace)
    year = namespace["year"]
    assert year.clearance_rate == pytest.approx(103.94, abs=0.01)  # type: ignore[attr-defined]
    assert year.disposition_time == pytest.approx(239.53, abs=0.01)  # type: ignore[attr-defined]
    durations = namespace["durations"]
    assert durations.median == 175.0 and durations.closed_only_median == 155.0  # type: ignore[attr-defined]
    assert (durations.median_lower, durations.median_upper) == (165.0, 184.0)  # type: ignore[attr-defined]
    assert round(100 * durations.within_standard.value, 1) == 79.9  # type: ignore[attr-defined]
    assert round(100 * durations.closed_only_within_standard, 1) == 84.9  # type: ignore[attr-defined]
    assert durations.pending == 294  # type: ignore[attr-defined]
    assert round(namespace["comparison"].ratio, 2) == 1.37  # type: ignore[attr-defined]
    assert namespace["ages"].beyond_standard == 78  # type: ignore[attr-defined]
    quarters = [
        round(p.disposition_time, 1)
        for p in namespace["caseflow"].periods  # type: ignore[attr-defined]
        if p.court == "Juzgado Penal 1" and p.period_days < 365
    ]
    assert quarters == [213.9, 235.6, 262.9, 248.1]
    assert "213.9, 235.6, 262.9 and 248.1 days" in text
