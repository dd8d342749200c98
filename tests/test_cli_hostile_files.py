"""Every command of ``dpssec``, enumerated from the parser, against the files users really send.

Each command that reads a file is fed a binary file, a Latin-1 table that is not what it
expects, an empty file, a directory, a missing file and deeply nested JSON (as ``.json`` and as
``.csv``): it must end with exit code 2 (bad input) and one ``error:`` line on standard error,
never a traceback. Every command takes ``--format table|csv|json``. Commands that read no file
are listed in :data:`NO_FILE` with the reason, so that a new command must be classified here.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from dpssec.cli import EXIT_BAD_INPUT, build_parser, main

FILE_COMMANDS: dict[str, list[str]] = {
    # command: the options it needs besides the file (the file is put in every file position)
    "validate": [],
    "arms check": [],
    "arms reconcile": [],
    "arms marking": [],
    "arms retention": [],
    "mines casualties": [],
    "mines rank": [],
    "justice occupancy": [],
    "justice cells": [],
    "justice recidivism": [],
    "justice caseflow": [],
    "prevention survey": ["--value", "answer", "--weights", "weight"],
    "prevention mse": ["--lists", "a,b"],
    "prevention rates": [],
    "evaluate its": ["--intervention", "2005-01"],
    "indicators validate": [],
}
"""Commands that read files, with the options they need besides the file."""

NO_FILE: dict[str, str] = {
    "demo": "runs on the bundled example data",
    "stats rate": "takes a count and a population as numbers",
    "mines forecast": "takes the remaining area and the history as options",
    "indicators catalogue": "searches the built-in catalogue",
}
"""Commands that read no file, with the reason."""


def _commands() -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found[" ".join(path)] = parser
            return
        for name, child in subs[0].choices.items():
            walk(child, [*path, name])

    walk(build_parser(), [])
    return found


COMMANDS = _commands()


def test_every_command_is_classified() -> None:
    assert set(COMMANDS) == set(FILE_COMMANDS) | set(NO_FILE), (
        "classify the new command(s) in FILE_COMMANDS (with the options it needs) or NO_FILE"
    )


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_the_three_formats(command: str) -> None:
    options = {
        option: action for action in COMMANDS[command]._actions for option in action.option_strings
    }
    assert "--format" in options, f"dpssec {command} has no --format"
    assert set(options["--format"].choices or ()) == {"table", "csv", "json"}


def _hostile(tmp_path: Path) -> dict[str, Path]:
    files = {
        "binary": ("data.csv", bytes(range(256)) * 8),
        "latin-1": ("tabla.csv", "país;año;técnica\nPerú;2001;sí\n".encode("latin-1")),
        "empty": ("empty.csv", b""),
        "nested-json": ("deep.json", b"[" * 100_000),
        "nested-csv": ("deep.csv", b"[" * 100_000),
    }
    paths = {}
    for kind, (name, content) in files.items():
        path = tmp_path / name
        path.write_bytes(content)
        paths[kind] = path
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    paths["directory"] = folder
    paths["missing"] = tmp_path / "missing.csv"
    return paths


KINDS = ("binary", "latin-1", "empty", "nested-json", "nested-csv", "directory", "missing")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", sorted(FILE_COMMANDS))
def test_hostile_files_end_in_one_error_line_and_exit_2(
    command: str, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(_hostile(tmp_path)[kind])
    parser = COMMANDS[command]
    positionals = [a for a in parser._actions if not a.option_strings]
    argv = [*command.split(), *[path] * len(positionals), *FILE_COMMANDS[command]]
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == EXIT_BAD_INPUT, f"dpssec {' '.join(argv)} gave {code}: {err or out}"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_a_closed_pipe_is_quiet(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``dpssec ... | head``: the reader goes away; no BrokenPipeError traceback."""
    import builtins

    def closed(*args: object, **kwargs: object) -> None:
        raise BrokenPipeError

    monkeypatch.setattr(builtins, "print", closed)
    code = main(["stats", "rate", "20", "1000", "--format", fmt])
    assert code != 0  # the output could not be written; quiet, never a traceback
