"""Sphinx configuration for the dpssec documentation (built with warnings as errors)."""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.abspath("../src"))

from dpssec import __version__

project = "dpssec"
author = "dpssec contributors"
copyright = "2026, dpssec contributors"
version = release = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "numpydoc",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "dollarmath", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "_generated", "gallery"]
numpydoc_show_class_members = False
numpydoc_validation_checks: set[str] = set()
numpydoc_xref_param_type = False
autodoc_typehints = "none"
autodoc_member_order = "bysource"
autosummary_generate = False
nitpicky = False
suppress_warnings = ["myst.header"]
intersphinx_mapping: dict[str, tuple[str, None]] = {}
html_theme = "furo"
html_title = f"dpssec {__version__}"


# -- gallery: every docs/gallery/*.py script draws its picture during the build ---------------

GALLERY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gallery")
GENERATED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_generated")


def build_gallery(app: object) -> None:
    """Run each gallery script into ``_generated/<name>.png`` (never committed by hand).

    A script that fails stops the build, so the gallery cannot show a stale picture.
    """
    import runpy

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(GENERATED, exist_ok=True)
    saved = sys.argv
    try:
        for name in sorted(os.listdir(GALLERY)):
            if not name.endswith(".py"):
                continue
            sys.argv = [name, os.path.join(GENERATED, name[:-3] + ".png")]
            runpy.run_path(os.path.join(GALLERY, name), run_name="__main__")
            plt.close("all")
    finally:
        sys.argv = saved




def _write_indicator_catalogue(app: object) -> None:
    """Write docs/indicators.md from dpssec.indicators.CATALOGUE (the single source of the list)."""
    from pathlib import Path

    from dpssec.indicators import catalogue_markdown

    page = Path(app.srcdir) / "indicators.md"  # type: ignore[attr-defined]
    text = catalogue_markdown()
    if not page.is_file() or page.read_text(encoding="utf-8") != text:
        page.write_text(text, encoding="utf-8")




def setup(app: object) -> dict[str, bool]:
    app.connect("builder-inited", _write_indicator_catalogue)  # type: ignore[attr-defined]
    app.connect("builder-inited", build_gallery)  # type: ignore[attr-defined]
    return {"parallel_read_safe": True}
