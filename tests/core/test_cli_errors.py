"""The command line's error contract: one line and exit 2 for bad input, never a traceback."""

from __future__ import annotations

import argparse

import pytest

from dpssec import cli
from dpssec.errors import InputError


def _run_with(monkeypatch: pytest.MonkeyPatch, error: BaseException, *argv: str) -> int:
    def handler(_args: argparse.Namespace) -> int:
        raise error

    monkeypatch.setattr(cli, "_demo", handler)  # the handler `dpssec demo` runs
    return cli.main(list(argv))


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (
            InputError("data.csv, line 5, column 'capacity': 'x' is not a number"),
            2,
            "error: data.csv, line 5",
        ),
        (
            IsADirectoryError(21, "Is a directory", "somewhere"),
            2,
            "error: somewhere: is a directory",
        ),
        (FileNotFoundError(2, "No such file", "x.csv"), 2, "error: x.csv: no such file"),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"), 2, "not text in utf-8"),
        (RecursionError(), 2, "nested too deeply"),
        (RuntimeError("boom"), 3, "internal error: RuntimeError: boom.*--debug"),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
)
def test_errors_are_one_line_with_their_exit_code(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    code: int,
    message: str,
) -> None:
    assert _run_with(monkeypatch, error, "demo") == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    import re

    assert re.search(message, err)


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        _run_with(monkeypatch, RuntimeError("boom"), "--debug", "demo")


def test_closed_pipe_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_with(monkeypatch, BrokenPipeError(), "demo") == cli.EXIT_PIPE_CLOSED
    assert capsys.readouterr().err == ""


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["no-such-command"]) == 2
    assert cli.main([]) == 2
    capsys.readouterr()


def test_closed_pipe_in_a_real_process() -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        f"{sys.executable} -m dpssec demo | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.stdout.startswith("dpssec")
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr
