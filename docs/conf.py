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




# -- data exchange: the column names of every schema, the JSON Schema of every model ----------

EXTRA = os.path.join(GENERATED, "extra")
os.makedirs(EXTRA, exist_ok=True)  # filled when the build starts (see _write_json_schemas)
html_extra_path = [EXTRA]
SCHEMA_PACKAGES = (
    "dpssec.justice",
    "dpssec.arms",
    "dpssec.mines",
    "dpssec.mines.casualty_readers",
    "dpssec.prevention",
    "dpssec.stats",
    "dpssec.evaluation",
    "dpssec.indicators",
    "dpssec.indicators.submission",
)
EXCHANGE_MODELS = (
    "dpssec.arms.FirearmRecord",
    "dpssec.arms.Depot",
    "dpssec.mines.HazardousArea",
    "dpssec.mines.LandReleaseRecord",
    "dpssec.mines.Accident",
    "dpssec.mines.Casualty",
    "dpssec.mines.EORESession",
    "dpssec.justice.PrisonFacility",
    "dpssec.justice.CaseflowPeriod",
    "dpssec.justice.ReleaseCohort",
    "dpssec.stats.Estimate",
    "dpssec.findings.ComplianceReport",
)
"""The models other applications exchange most; the page shows their schemas in full."""


def _write_if_changed(path: str, text: str) -> None:
    from pathlib import Path

    page = Path(path)
    page.parent.mkdir(parents=True, exist_ok=True)
    if not page.is_file() or page.read_text(encoding="utf-8") != text:
        page.write_text(text, encoding="utf-8")


def _names(value: object) -> str:
    names = (value,) if isinstance(value, str) else tuple(value)  # type: ignore[arg-type]
    return ", ".join(f"`{n}`" for n in names)


def _write_column_names(app: object) -> None:
    """docs/exchange-columns.md: every schema's columns in English, Spanish, Portuguese, French."""
    import importlib

    from dpssec.io import Schema

    lines = [
        "# Column names in four languages",
        "",
        "Generated from the schemas of each domain when the documentation is built. A header is",
        "matched without regard to case, accents, spaces, hyphens or underscores; a header that",
        "no schema knows is mapped with `columns={\"Cupo\": \"capacity\"}` in Python or",
        "`--column Cupo=capacity` on the command line.",
        "",
    ]
    seen: set[int] = set()
    for package in SCHEMA_PACKAGES:
        module = importlib.import_module(package)
        for name in sorted(getattr(module, "__all__", ())):
            schema = getattr(module, name, None)
            if not isinstance(schema, Schema) or id(schema) in seen:
                continue
            seen.add(id(schema))
            lines += [
                f"## {schema.name} (`{package}.{name}`)",
                "",
                "| field | Spanish | Portuguese | French | other names | required | holds |",
                "|---|---|---|---|---|---|---|",
            ]
            for column in schema.columns:
                lines.append(
                    f"| `{column.field}` | {_names(column.es)} | {_names(column.pt)} | "
                    f"{_names(column.fr)} | {_names(column.aliases)} | "
                    f"{'yes' if column.required else 'no'} | "
                    f"{column.description or column.spec.describe()} |"
                )
            lines.append("")
    _write_if_changed(os.path.join(app.srcdir, "exchange-columns.md"), "\n".join(lines))  # type: ignore[attr-defined]


def _write_json_schemas(app: object) -> None:
    """docs/json-schemas.md and one ``json-schema/<class>.json`` file per exported class."""
    import importlib
    import inspect
    import json
    import pkgutil

    import attrs

    import dpssec
    from dpssec.boundary import Spec
    from dpssec.serialization import json_schema

    packages = ["dpssec"] + [
        info.name
        for info in pkgutil.walk_packages(dpssec.__path__, "dpssec.")
        if (info.ispkg or info.name.count(".") == 1)
        and not any(part.startswith("_") for part in info.name.split("."))
        and info.name not in ("dpssec.boundary", "dpssec.io", "dpssec.rendering")
    ]
    classes: dict[str, type] = {}
    for package in packages:
        module = importlib.import_module(package)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if (
                inspect.isclass(obj)
                and attrs.has(obj)
                and not issubclass(obj, Spec)
                and obj not in classes.values()
            ):
                classes[f"{package}.{name}"] = obj
    folder = os.path.join(EXTRA, "json-schema")
    lines = [
        "# JSON Schema of the models and results",
        "",
        "Generated from the attrs classes when the documentation is built",
        "({func}`dpssec.serialization.json_schema`, draft 2020-12), so that other applications",
        "can validate the JSON dpssec writes and reads without Python. Each file is published",
        "beside this page as `json-schema/<package>.<Class>.json`.",
        "",
        "The schema states the shape of the data (types, units, enum values, required fields,",
        "no unknown keys); dpssec checks the values further when it reads them (a count is whole",
        "and not negative, a share lies in [0, 1]).",
        "",
        "## The models exchanged most",
        "",
    ]
    for qualified in EXCHANGE_MODELS:
        schema = json_schema(classes[qualified])
        lines += [
            f"### `{qualified}`",
            "",
            "```json",
            json.dumps(schema, indent=2, ensure_ascii=False),
            "```",
            "",
        ]
    lines += ["## Every model and result", "", "| class | schema |", "|---|---|"]
    for qualified, cls in sorted(classes.items()):
        text = json.dumps(json_schema(cls), indent=2, ensure_ascii=False)
        _write_if_changed(os.path.join(folder, f"{qualified}.json"), text + "\n")
        lines.append(
            f'| `{qualified}` | <a href="json-schema/{qualified}.json">{qualified}.json</a> |'
        )
    _write_if_changed(os.path.join(app.srcdir, "json-schemas.md"), "\n".join(lines) + "\n")  # type: ignore[attr-defined]


def setup(app: object) -> dict[str, bool]:
    app.connect("builder-inited", _write_indicator_catalogue)  # type: ignore[attr-defined]
    app.connect("builder-inited", _write_column_names)  # type: ignore[attr-defined]
    app.connect("builder-inited", _write_json_schemas)  # type: ignore[attr-defined]
    app.connect("builder-inited", build_gallery)  # type: ignore[attr-defined]
    return {"parallel_read_safe": True}
