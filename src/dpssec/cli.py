"""The ``dpssec`` command line (standard library argparse only).

``dpssec demo`` runs every calculator the installed version has on the example data bundled
in ``dpssec/data`` and prints a readable report (``--json`` for machine output). Each domain
adds its demo sections and its own sub-commands (``dpssec arms check FILE``, ...) through a
module listed in :data:`DOMAIN_CLI_MODULES`, which defines

* ``register(subparsers)``: add the domain's commands to ``dpssec <domain> ...``;
* ``demo_sections()``: return a list of :class:`DemoSection`;
* optionally ``register_top_level(commands)``: add commands beside ``dpssec demo``
  (``dpssec validate FILE``).

A command handler is stored with ``parser.set_defaults(handler=func)``; it receives the parsed
arguments and returns an exit code. :class:`~dpssec.errors.DpssecError` is reported as
``error: ...`` on standard error with exit code 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
import warnings
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from dpssec._version import __version__
from dpssec.cli_options import add_format_option
from dpssec.errors import DpssecError, InputError
from dpssec.rendering import DemoSection

__all__ = [
    "DOMAIN_CLI_MODULES",
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PIPE_CLOSED",
    "DemoSection",
    "main",
]

DOMAIN_CLI_MODULES: dict[str, tuple[str, ...]] = {
    "core": ("dpssec._core_cli",),
    "stats": ("dpssec.stats._cli",),
    "arms": ("dpssec.arms.storage._cli", "dpssec.arms.firearms._cli"),
    "mines": ("dpssec.mines._cli",),
    "justice": ("dpssec.justice._cli",),
    "prevention": ("dpssec.prevention._cli",),
    "evaluate": ("dpssec.evaluation._cli",),
    "indicators": ("dpssec.indicators._cli",),
}
"""Domain name to the modules that contribute its commands and demo sections."""

_DOMAIN_HELP = {
    "stats": "shared statistics: rates, proportions, survival curves",
    "arms": "ammunition storage and firearms control",
    "mines": "humanitarian mine action",
    "justice": "prisons, pre-trial detention, recidivism",
    "prevention": "crime and violence indicators",
    "evaluate": "did a policy work? interrupted time series and other designs",
    "indicators": "the indicator catalogue and the validation of submissions",
}


def _domain_modules(domain: str) -> list[ModuleType]:
    modules = []
    for name in DOMAIN_CLI_MODULES.get(domain, ()):
        try:
            found = importlib.util.find_spec(name)
        except ModuleNotFoundError:
            found = None
        if found is not None:
            modules.append(importlib.import_module(name))
    return modules


def _demo(args: argparse.Namespace) -> int:
    sections: list[DemoSection] = []
    for domain in DOMAIN_CLI_MODULES:
        for module in _domain_modules(domain):
            make: Callable[[], list[DemoSection]] | None = getattr(module, "demo_sections", None)
            if make is not None:
                sections.extend(make())
    if args.format == "csv":
        raise InputError(
            "dpssec demo --format csv: the demo has many tables, not one; use --format json "
            "(or a command's own --format csv)"
        )
    if args.format == "json":
        payload = {
            "dpssec": __version__,
            "sections": [{"title": s.title, "data": s.data} for s in sections],
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
        return 0
    print(f"dpssec {__version__} demo: every calculator on the bundled example data")
    for section in sections:
        print()
        print(section.title)
        print("=" * len(section.title))
        print(section.text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every installed domain's commands."""
    parser = argparse.ArgumentParser(
        prog="dpssec",
        description="Public-security calculators for the OAS member states.",
    )
    parser.add_argument("--version", action="version", version=f"dpssec {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="show the Python traceback of an error instead of a one-line message",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="run every calculator on the bundled example data")
    add_format_option(demo)
    demo.set_defaults(handler=_demo)
    for domain in DOMAIN_CLI_MODULES:
        for module in _domain_modules(domain):
            top_level = getattr(module, "register_top_level", None)
            if top_level is not None:
                top_level(commands)
    for domain, help_text in _DOMAIN_HELP.items():
        modules = [m for m in _domain_modules(domain) if hasattr(m, "register")]
        if not modules:
            continue
        domain_parser = commands.add_parser(domain, help=help_text)
        sub = domain_parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND")
        domain_parser.set_defaults(handler=lambda _a, p=domain_parser: _usage(p))
        for module in modules:
            module.register(sub)
    return parser


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


EXIT_OK = 0
"""The command ran and found nothing to report."""
EXIT_FINDINGS = 1
"""The command ran and found violations or findings (a depot check, a validation)."""
EXIT_BAD_INPUT = 2
"""Bad input or usage: a file that cannot be read, a value refused, an unknown option."""
EXIT_INTERNAL = 3
"""An unexpected error inside dpssec: please report it (``--debug`` shows the traceback)."""
EXIT_INTERRUPTED = 130
"""Interrupted with Ctrl-C (128 + SIGINT, as shells report it)."""
EXIT_PIPE_CLOSED = 141
"""The reader of the output went away (``dpssec ... | head``; 128 + SIGPIPE)."""

ISSUES_URL = "https://github.com/dpssec/dpssec/issues"


def _one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return " ".join(lines) if lines else ""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Every library error is one line on standard error (``error: <file>, line 5, column
    'capacity': ...``) with exit code 2; an unexpected exception is a short request to report
    it (exit 3; ``--debug`` shows the traceback); Ctrl-C and a closed output pipe end quietly.
    A warning (a data-quality note) is one line on standard error, ``warning: <message>``,
    without the source line Python would show (``--debug`` keeps Python's format).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse's own usage errors and --help/--version
        return int(exc.code) if isinstance(exc.code, int) else EXIT_BAD_INPUT
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    debug = bool(getattr(args, "debug", False))
    shown = warnings.formatwarning
    if not debug:  # a warning is one line, "warning: ...", not a source line of dpssec
        warnings.formatwarning = _format_warning
    try:
        return handler(args)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_PIPE_CLOSED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except DpssecError as exc:
        if debug:
            raise
        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (OSError, UnicodeDecodeError) as exc:
        if debug:
            raise
        print(f"error: {_one_line(_describe_os_error(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RecursionError:
        if debug:
            raise
        print("error: the input is nested too deeply to be read", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # the promise: never a traceback unless asked for
        if debug:
            raise
        print(
            f"internal error: {type(exc).__name__}: {_one_line(str(exc))[:300]}. This is a bug in "
            f"dpssec {__version__}; please report it with the command you ran at {ISSUES_URL} "
            "(run again with --debug to see the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        warnings.formatwarning = shown


def _format_warning(
    message: Warning | str, category: type[Warning], filename: str, lineno: int, line: Any = None
) -> str:
    """A warning as the command line prints it: ``warning: <message>`` on one line."""
    return f"warning: {_one_line(str(message))}\n"


def _describe_os_error(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"the file is not text in {exc.encoding} (byte {exc.start}); save it as UTF-8 or CSV"
    if isinstance(exc, IsADirectoryError):
        return f"{exc.filename}: is a directory, not a file"
    if isinstance(exc, FileNotFoundError):
        return f"{exc.filename}: no such file"
    if isinstance(exc, PermissionError):
        return f"{exc.filename}: cannot be read (permission denied)"
    filename = getattr(exc, "filename", None)
    reason = getattr(exc, "strerror", None) or str(exc)
    return f"{filename}: {reason}" if filename else reason


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's flush stays quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (captured output in tests)
        pass
