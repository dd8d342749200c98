"""Packaging-level checks: light import, version, CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import dpssec
from dpssec.cli import main


def test_import_dpssec_is_light() -> None:
    code = (
        "import sys, dpssec; "
        "heavy = ['scipy', 'scipy.stats', 'pandas', 'pint', 'dask', 'matplotlib', 'dpssec.arms', "
        "'dpssec.mines', 'dpssec.justice', 'dpssec.prevention', 'dpssec.stats']; "
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_subpackages_load_on_attribute_access() -> None:
    code = "import sys, dpssec; dpssec.countries; print('dpssec.countries' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
    with pytest.raises(AttributeError):
        dpssec.no_such_module  # noqa: B018


def test_version() -> None:
    assert dpssec.__version__.count(".") == 2


def test_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"dpssec {dpssec.__version__}"


def test_demo_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    text = capsys.readouterr().out
    assert "35 OAS member states" in text
    assert main(["demo", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["dpssec"] == dpssec.__version__
    titles = [s["title"] for s in payload["sections"]]
    assert titles[0].startswith("Core")


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "dpssec", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"dpssec {dpssec.__version__}"


def test_no_command_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err
