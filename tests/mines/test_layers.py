"""The layers of dpssec.mines: every module imports only from layers below it, at module level.

codes (definitions) -> criteria -> calculators (scoring, land_release, sampling, forecast, mcda)
-> models (areas) -> orchestrators (prioritisation) -> command line. An import inside a
function would hide a circle, and a module never imports another module's private names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import dpssec.mines

PACKAGE = Path(dpssec.mines.__file__).parent

LAYERS: dict[str, float] = {
    "codes": 0,
    "casualty_sources": 0,
    "criteria": 1,
    "plot_geometry": 1,
    "plots": 1.5,
    "mcda": 2,
    "scoring": 2,
    "land_release": 2,
    "sampling": 2,
    "forecast": 2,
    "sampling_plan": 2.5,
    "casualty_counts": 2,
    "casualty_rates": 2,
    "areas": 3,
    "casualty_models": 3,
    "victim_models": 3.1,
    "eore_models": 3.1,
    "prioritisation": 4,
    "casualties": 4,
    "victim_assistance": 4,
    "eore": 4,
    "casualty_readers": 4,
    "schemas": 4,
    "article7": 4.5,
    "casualty_cli": 4.8,
    "_cli": 5,
}
"""Layer of each module of dpssec.mines (mcda counts as one calculator package).

Casualty counting follows the same order: sources (definitions) -> counting kernels and rates
(calculators) -> the Accident/Casualty models, then victims and EORE sessions that refer to
them -> summaries, assistance and EORE measures, readers -> the Article 7 report -> its CLI.
"""


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")


def _layer(path: Path) -> tuple[str, float]:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0], LAYERS[parts[0]]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down_the_layers_at_module_level(path: Path) -> None:
    name, layer = _layer(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("dpssec"):
            continue
        module = node.module or ""
        assert id(node) in top_level, f"{name}: imports {module} inside a function"
        for alias in node.names:
            assert not alias.name.startswith("_"), f"{name}: imports private {alias.name}"
        if not module.startswith("dpssec.mines."):
            continue
        target = module.split(".")[2]
        if target == name:  # inside the mcda package
            continue
        assert LAYERS[target] < layer, f"{name} (layer {layer}) imports {module} (upwards)"
