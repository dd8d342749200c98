"""The docs gallery's scripts run on the bundled data and write their pictures."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

from tests.plot_helpers import _rc_params_untouched  # noqa: F401

GALLERY = Path(__file__).resolve().parents[1] / "docs" / "gallery"
SCRIPTS = sorted(GALLERY.glob("*.py"))


def test_every_script_is_shown_in_the_gallery_page() -> None:
    page = (GALLERY.parent / "gallery.md").read_text(encoding="utf-8")
    assert SCRIPTS
    for script in SCRIPTS:
        assert f"_generated/{script.stem}.png" in page
        assert f"gallery/{script.name}" in page


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_script_writes_its_picture(
    script: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / f"{script.stem}.png"
    monkeypatch.setattr(sys, "argv", [script.name, str(out)])
    runpy.run_path(str(script), run_name="__main__")
    assert out.stat().st_size > 10_000
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
