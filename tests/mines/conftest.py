"""Fixtures and helpers for the mine-action tests (reference vectors live in tests/data/mines)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from tests.helpers import DATA as ALL_DATA
from tests.helpers import read_reference_csv

DATA = ALL_DATA / "mines"


def read_vectors(name: str) -> list[dict[str, str]]:
    """Rows of a CSV in tests/data/mines, skipping the '#' comment lines that cite the source."""
    return read_reference_csv("mines", name)


MCDA_VECTORS: dict[str, Any] = json.loads(
    (DATA / "mcda_reference_vectors.json").read_text(encoding="utf-8")
)
"""The multi-criteria reference vectors (mines.md §4.3), keyed by example."""


def random_problem(seed: int, alternatives: int, criteria: int):  # type: ignore[no-untyped-def]
    """A random decision problem: positive matrix, Dirichlet weights, random benefit flags."""
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(0.5, 100.0, size=(alternatives, criteria))
    weights = rng.dirichlet(np.ones(criteria))
    benefit = rng.random(criteria) < 0.5
    return matrix, weights, benefit


def pymcdm_scores(method: str, normalization: str, matrix, weights, benefit):  # type: ignore[no-untyped-def]
    """The oracle: pymcdm 1.4's ``method`` ("TOPSIS", "WSM") with the same normalisation."""
    from pymcdm import methods, normalizations

    normalize = getattr(normalizations, f"{normalization}_normalization")
    return getattr(methods, method)(normalize)(
        matrix, weights, np.where(benefit, 1, -1), validation=False
    )
