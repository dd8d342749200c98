"""Text files and CSV rows for the readers: every failure an :class:`~dpssec.errors.InputError`.

The readers of the domains (registers, caseflow returns, release cohorts, submissions) read
their files through these two helpers, so that a hostile file is refused the same way by all
of them, with the file's name:

* :func:`read_text`: a missing file, a directory, an unreadable, empty or binary file, text
  in an encoding that cannot be told;
* :func:`csv_rows`: a row the ``csv`` module cannot read (a cell longer than its limit, a
  stray quote in strict mode), with its line.

For example:

>>> from dpssec.io import read_text
>>> read_text("no-such-file.csv")
Traceback (most recent call last):
...
dpssec.errors.InputError: no-such-file.csv: no such file
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from dpssec.boundary import example, short_repr
from dpssec.errors import InputError
from dpssec.io.sniff import decode

__all__ = ["check_path", "csv_rows", "read_text"]

T = TypeVar("T")

_LIMIT = re.compile(r"field larger than field limit \((\d+)\)")


@example(__file__)
def read_text(path: str | os.PathLike[str], *, encoding: str = "auto") -> str:
    """The text of a file, decoded, or an :class:`InputError` naming the path.

    Parameters
    ----------
    path : str or path-like
    encoding : str
        ``"auto"`` (UTF-8, with or without a byte-order mark, else detected as
        :func:`~dpssec.io.decode` does), or an encoding.

    Returns
    -------
    str

    Raises
    ------
    InputError
        A missing file, a directory, an unreadable or empty file, a binary file, text whose
        encoding cannot be told.
    """
    if not isinstance(path, str | os.PathLike) or not str(path).strip():
        raise InputError(f"parameter 'path' must be a file path; got {short_repr(path)}")
    file = Path(path)
    check_path(file)
    try:
        data = file.read_bytes()
    except PermissionError:
        raise InputError(f"{file}: not readable (permission denied)") from None
    except OSError as exc:
        raise InputError(f"{file}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    if not data.strip():
        raise InputError(f"{file}: the file is empty")
    text, _ = decode(data, encoding, name=str(file))
    return text


def check_path(file: Path) -> None:
    """Refuse a path that names no file (missing, a directory, a name the system refuses).

    Examples
    --------
    >>> from pathlib import Path
    >>> from dpssec.io.text_files import check_path
    >>> check_path(Path("x" * 5000 + ".csv"))
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...: not a usable file name (File name too long)
    """
    try:
        exists, directory = file.exists(), file.is_dir()
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte in it
        shown = str(file) if len(str(file)) <= 60 else str(file)[:40] + "..."
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"{shown}: not a usable file name ({reason})") from None
    if not exists:
        raise InputError(f"{file}: no such file")
    if directory:
        raise InputError(f"{file}: is a directory, not a file")


@example([["a", "b"], ["1", "2"]], "table.csv")
def csv_rows(reader: Iterable[T], name: str) -> Iterator[T]:
    """The rows of a ``csv.reader`` (or ``DictReader``); a row it cannot read is refused.

    Examples
    --------
    >>> import csv, io
    >>> from dpssec.io import csv_rows
    >>> list(csv_rows(csv.reader(io.StringIO("a,b\\n1,2\\n")), "table.csv"))
    [['a', 'b'], ['1', '2']]
    >>> too_long = "x" * (csv.field_size_limit() + 1)
    >>> list(csv_rows(csv.reader(io.StringIO(f'"{too_long}"')), "table.csv"))
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: table.csv: line 1: a cell is longer than 131,072 characters (is this a table?)
    """
    if isinstance(reader, str | bytes) or not hasattr(reader, "__iter__"):
        raise InputError(f"parameter 'reader' must be a csv reader; got {short_repr(reader)}")
    if not isinstance(name, str):
        raise InputError(f"parameter 'name' must be a file name (text); got {short_repr(name)}")
    return _checked_rows(reader, name)


def _checked_rows(reader: Iterable[T], name: str) -> Iterator[T]:
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            line: Any = getattr(reader, "line_num", "?")
            raise InputError(f"{name}: line {line}: {_problem(exc)}") from None
        yield row


def _problem(exc: csv.Error) -> str:
    text = str(exc)
    limit = _LIMIT.search(text)
    if limit:
        return f"a cell is longer than {int(limit.group(1)):,} characters (is this a table?)"
    return f"cannot be read as a CSV row ({text})"
