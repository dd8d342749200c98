"""The ``dpssec`` command line (standard library argparse only).

``dpssec demo`` runs every calculator the installed version has on the example data bundled
in ``dpssec/data`` and prints a readable report (``--json`` for machine output). Each domain
adds its demo sections and its own sub-commands (``dpssec arms check FILE``, ...) through a
module listed in :data:`DOMAIN_CLI_MODULES`, which defines

* ``register(subparsers)``: add the domain's commands to ``dpssec <domain> ...``;
* ``demo_sections()``: return a list of :class:`DemoSection`.

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
from collections.abc import Callable, Sequence
from types import ModuleType

from dpssec._version import __version__
from dpssec.errors import DpssecError
from dpssec.rendering import DemoSection

__all__ = ["DOMAIN_CLI_MODULES", "DemoSection", "main"]

DOMAIN_CLI_MODULES: dict[str, tuple[str, ...]] = {
    "core": ("dpssec._core_cli",),
    "stats": ("dpssec.stats._cli",),
    "arms": ("dpssec.arms.storage._cli", "dpssec.arms.firearms._cli"),
    "mines": ("dpssec.mines._cli",),
    "justice": ("dpssec.justice._cli",),
    "prevention": ("dpssec.prevention._cli",),
    "evaluate": ("dpssec.evaluation._cli",),
}
"""Domain name to the modules that contribute its commands and demo sections."""

_DOMAIN_HELP = {
    "stats": "shared statistics: rates, proportions, survival curves",
    "arms": "ammunition storage and firearms control",
    "mines": "humanitarian mine action",
    "justice": "prisons, pre-trial detention, recidivism",
    "prevention": "crime and violence indicators",
    "evaluate": "did a policy work? interrupted time series and other designs",
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
    if args.json:
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="run every calculator on the bundled example data")
    demo.add_argument("--json", action="store_true", help="print machine-readable JSON")
    demo.set_defaults(handler=_demo)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return handler(args)
    except DpssecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
