"""The indicators part of the command line: validation, the catalogue, demo sections.

* ``dpssec validate FILE [--previous FILE]`` (also ``dpssec indicators validate``): check a
  submission in long form (CSV, .xlsx, Parquet; headers in four languages) and print the
  report; exit 0 when no finding asks for action (none, or only notes such as the revisions
  against ``--previous``), 1 when there are violations or warnings, 2 when the file cannot
  be read (one line on standard error);
* ``dpssec indicators catalogue [TEXT] [--language es] [--json]``: the indicator catalogue,
  or the entries matching TEXT in any of the four languages.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from dpssec.cli import EXIT_FINDINGS, EXIT_OK
from dpssec.cli_options import add_format_option, add_input_options, emit, read_options
from dpssec.indicators.catalogue import CATALOGUE
from dpssec.indicators.catalogue_entry import LANGUAGES
from dpssec.indicators.long_form import homicide_submission, prisons_submission
from dpssec.indicators.report import ValidationReport
from dpssec.indicators.submission import read_submission
from dpssec.indicators.validation import validate_submission
from dpssec.rendering import DemoSection

__all__ = ["demo_sections", "register", "register_top_level"]


def _validate_command(args: argparse.Namespace) -> int:
    options = read_options(args)
    submission = read_submission(args.file, **options)
    previous = None if args.previous is None else read_submission(args.previous, **options)
    report = validate_submission(submission, previous=previous)
    if args.html:
        print(report._repr_html_())
        return EXIT_OK if report.passed else EXIT_FINDINGS
    text = str(report)
    if args.completeness:
        text += "\n\n" + str(report.completeness())
    emit(args, report, text=text, data=json.loads(report.to_json()))
    return EXIT_OK if report.passed else EXIT_FINDINGS


def _catalogue_command(args: argparse.Namespace) -> int:
    chosen = CATALOGUE.search(args.text) if args.text else CATALOGUE
    if args.format == "json":
        print(chosen.to_json(indent=2))
        return EXIT_OK
    if args.format == "csv":
        emit(args, chosen)
        return EXIT_OK
    if not len(chosen):
        print(f"no indicator matches {args.text!r}")
        return EXIT_FINDINGS
    for entry in chosen:
        codes = ", ".join(
            c for c in (entry.sdg and f"SDG {entry.sdg}", entry.iccs and f"ICCS {entry.iccs}") if c
        )
        print(
            f"{entry.identifier}: {entry.name.get(args.language)}"
            + (f" ({codes})" if codes else "")
        )
        print(f"  {entry.definition.get(args.language)}")
        scale = "" if entry.scale in (None, 1) else f" x {entry.scale:,.0f}"
        print(
            f"  {entry.numerator.describe()} / {entry.denominator.describe()}{scale} "
            f"[{entry.unit}]; {entry.function}"
        )
        status = "" if entry.verified else " [unverified]"
        print(f"  variant: {entry.variant}; source: {entry.reference}{status}")
    return EXIT_OK


def _add_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the submission: CSV, .xlsx or .parquet in long form")
    parser.add_argument("--previous", help="the previous edition, to list the revisions")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--html", action="store_true", help="print the report as HTML")
    add_format_option(output)
    add_input_options(parser)
    parser.add_argument(
        "--completeness",
        action="store_true",
        help="also print the state x indicator x year completeness matrix",
    )
    parser.set_defaults(handler=_validate_command)


_VALIDATE_HELP = "check a country's submission (long form: state, year, indicator, value)"


def register(subparsers: Any) -> None:
    """Add ``dpssec indicators validate`` and ``dpssec indicators catalogue``."""
    _add_validate(subparsers.add_parser("validate", help=_VALIDATE_HELP))
    catalogue = subparsers.add_parser(
        "catalogue", help="the indicator catalogue, or the entries matching a text"
    )
    catalogue.add_argument(
        "text", nargs="?", help="words in English, Spanish, Portuguese or French"
    )
    catalogue.add_argument("--language", choices=LANGUAGES, default="en")
    add_format_option(catalogue)
    catalogue.set_defaults(handler=_catalogue_command)


def register_top_level(commands: Any) -> None:
    """Add ``dpssec validate FILE`` beside ``dpssec demo``."""
    _add_validate(commands.add_parser("validate", help=_VALIDATE_HELP))


def _reports() -> tuple[ValidationReport, ValidationReport]:
    prisons = validate_submission(prisons_submission())
    homicide = validate_submission(
        homicide_submission(), previous=homicide_submission(series="UNODC_GSH2013")
    )
    return prisons, homicide


def _summary(report: ValidationReport) -> list[dict[str, Any]]:
    return [
        {"rule": f.rule, "severity": f.severity.value, "subject": f.subject, "lines": f.lines}
        for f in report.findings
    ]


def demo_sections() -> list[DemoSection]:
    """The indicators part of ``dpssec demo``."""
    verified = sum(1 for e in CATALOGUE if e.verified)
    lines = [
        f"{len(CATALOGUE)} indicators described once, in English, Spanish, Portuguese and "
        f"French ({verified} defined by a source the project read; the others flagged "
        "unverified); for example:",
    ]
    for identifier in ("occupancy", "unsentenced_share", "remand_share", "homicide_rate"):
        entry = CATALOGUE[identifier]
        lines.append(f"  {identifier:<18} {entry.name.es} / {entry.name.fr}")
        lines.append(f"  {'':<18} variant: {entry.variant}")
    found = [e.identifier for e in CATALOGUE.search("población")]
    lines.append(f"Search 'población': {', '.join(found)}")
    prisons, homicide = _reports()
    return [
        DemoSection(
            "Indicators: the catalogue in four languages",
            "\n".join(lines),
            {"indicators": list(CATALOGUE.identifiers), "search_poblacion": found},
        ),
        DemoSection(
            "Indicators: validation of the bundled prison table (justice_prisons.csv)",
            str(prisons),
            {"findings": _summary(prisons)},
        ),
        DemoSection(
            "Indicators: validation of the bundled homicide table against its 2013 edition",
            str(homicide),
            {
                "findings": _summary(homicide),
                "revised": homicide.revised,
                "withdrawn": homicide.withdrawn,
            },
        ),
    ]
