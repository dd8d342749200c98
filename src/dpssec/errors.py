"""Exceptions and warnings raised by dpssec.

Every class derives from the package root :class:`DpssecError` *and* from the builtin a user
would catch anyway (``ValueError``), as pint and cattrs do, so ``except ValueError`` keeps
working in code that does not know dpssec.

Hierarchy::

    DpssecError(Exception)
    ├── InputError(DpssecError, ValueError)     bad values, shapes, NaN, negative counts, unknown codes
    │   └── UnitError(InputError)                a quantity of the wrong dimension
    └── SchemaError(DpssecError, ValueError)    data that cannot be read (with a JSON path or row)

    DpssecWarning(UserWarning)
    └── DataQualityWarning(DpssecWarning)       suspicious but usable data (small counts, old figures)

For example:

>>> from dpssec.errors import InputError, UnitError
>>> issubclass(UnitError, ValueError)
True
>>> try:
...     raise InputError("parameter 'count': 2 rows are negative, first at index 4")
... except ValueError as exc:
...     print(exc)
parameter 'count': 2 rows are negative, first at index 4
"""

from __future__ import annotations

__all__ = [
    "DataQualityWarning",
    "DpssecError",
    "DpssecWarning",
    "InputError",
    "SchemaError",
    "UnitError",
]


class DpssecError(Exception):
    """Root of every exception dpssec raises on purpose."""


class InputError(DpssecError, ValueError):
    """A value, shape or code given to a calculator is not acceptable.

    The message names the parameter, says what is wrong, how many rows are affected and the
    first offending index, and, where it helps, what to do instead.

    Attributes
    ----------
    reason : str
        What is wrong with the values, without the location (``"are negative"``), where the
        check that raised knows it; empty otherwise. Readers use it to report a cell.
    """

    reason: str = ""


class UnitError(InputError):
    """A quantity was given in a unit of the wrong dimension (a mass where a length is wanted).

    Attributes
    ----------
    parameter : str
        The parameter that received the quantity.
    expected : str
        The canonical unit the parameter takes.
    given : str
        The unit that was given.
    """

    def __init__(self, message: str, *, parameter: str = "", expected: str = "", given: str = ""):
        super().__init__(message)
        self.parameter = parameter
        self.expected = expected
        self.given = given


class SchemaError(DpssecError, ValueError):
    """Data (a JSON document, a CSV row, a dict) does not match the expected structure.

    The message starts with the location: a JSON path such as ``$.buildings[2].neq`` or a row
    and column of a file, followed by the reason.

    Attributes
    ----------
    errors : list of str
        One line per problem found, each ``"<reason> @ <location>"``.
    """

    def __init__(self, message: str, *, errors: list[str] | None = None):
        super().__init__(message)
        self.errors: list[str] = list(errors) if errors is not None else [message]


class DpssecWarning(UserWarning):
    """Root of every warning dpssec emits."""


class DataQualityWarning(DpssecWarning):
    """The input can be used but deserves a second look (small counts, stale or doubtful data)."""
