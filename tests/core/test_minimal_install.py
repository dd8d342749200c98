"""The main job runs with only the runtime dependencies (``pip install .`` then ``dpssec demo``).

The test environment has the optional packages (pandas, dask, matplotlib, ...); a subprocess
hides them, as a fresh ``pip install .`` would not have them, and runs the demo there.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np

from dpssec.boundary import is_lazy
from dpssec.units import Q_

OPTIONAL = (
    "dask",
    "distributed",
    "matplotlib",
    "lifelines",
    "pymcdm",
    "openpyxl",
    "pyarrow",
    "numba",
    "llvmlite",
)
"""Packages a plain ``pip install .`` does not bring (pandas comes with statsmodels)."""

_RUN_WITHOUT_OPTIONAL = textwrap.dedent(
    f"""
    import importlib.abc, importlib.util, sys

    HIDDEN = {OPTIONAL!r}
    real_find_spec = importlib.util.find_spec

    def find_spec(name, package=None):  # what a package's availability check sees
        if name.split(".")[0] in HIDDEN:
            return None
        return real_find_spec(name, package)

    class Hide(importlib.abc.MetaPathFinder):  # what an import statement sees
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in HIDDEN:
                raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
            return None

    importlib.util.find_spec = find_spec
    sys.meta_path.insert(0, Hide())
    from dpssec.cli import main
    raise SystemExit(main(["demo"]))
    """
)


def test_the_demo_runs_without_the_optional_packages() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _RUN_WITHOUT_OPTIONAL],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert proc.stdout.startswith("dpssec")


def test_a_quantity_is_not_lazy_even_when_its_dask_hook_fails() -> None:
    class Broken:
        magnitude = np.ones(2)
        units = "m"

        def __dask_graph__(self) -> None:
            raise AttributeError("'NoneType' object has no attribute 'Array'")

    assert not is_lazy(Broken())
    assert not is_lazy(Q_(np.ones(2), "m"))
