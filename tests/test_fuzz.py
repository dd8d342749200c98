"""Hostile input for every public callable: only dpssec's errors escape, nothing hangs.

The public API is enumerated from the ``__all__`` of every dpssec package (functions and
classes, see :func:`tests.fuzz_engine.public_callables`); each callable is called from its
declared example (``@calculator(example=...)`` or ``@example(...)``) with hostile values, one
parameter at a time (:mod:`tests.fuzz_cases`), and each call must:

* raise nothing but :mod:`dpssec.errors` exceptions, whose messages name the parameter and
  show no Python internals;
* finish within the time bound (2 s, ``DPSSEC_FUZZ_TIMEOUT``);
* give no NaN or infinity, where the example's result has none, without a
  :class:`~dpssec.errors.DataQualityWarning`.

Readers of files are given hostile files instead (missing, a directory, empty, binary,
Latin-1, deeply nested JSON). A function or class without a declared example fails here,
with the message to declare one (``@example``, or ``@example_by`` for a result made by its
calculator, whose fields are then the baseline); input specifications and the results' base
class are not fuzzed themselves.

Profiles: ``DPSSEC_FUZZ=fast`` (the default, run in CI) and ``DPSSEC_FUZZ=thorough`` (every
case for every parameter, NaN cases under each ``nan_policy``, combinations of hostile
parameters); ``DPSSEC_FUZZ_SEED=<n>`` draws another sample. See docs/conventions.md, "The error
contract".
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import pytest

from dpssec.boundary import Spec, example_of
from dpssec.errors import DpssecError
from dpssec.rendering import ResultMixin
from tests.fuzz_engine import (
    _INTERNALS,
    PROFILE,
    SEED,
    TIMEOUT,
    Target,
    baseline_arguments,
    call,
    public_callables,
    render_call,
    run_target,
    takes_a_path,
)
from tests.test_boundary_contract import NOT_CALCULATORS

TARGETS = public_callables()

NOT_FUZZED: dict[str, str] = {
    "dpssec.units.Q_": "pint's Quantity class on dpssec's registry (its errors are pint's)",
    "dpssec.units.Quantity": "pint's Quantity class, for annotations and isinstance checks",
    "dpssec.units.process_units": "a decorator for writing calculators, not a calculator",
    "dpssec.serialization.register_hooks": "registers hooks on the shared converter (global "
    "state): called by the library's own modules at import",
    "dpssec.countries.add_names": "adds names to the shared country look-up (global state)",
}
"""Public callables that take no user data, each with the reason."""

PASSES_VALUES: dict[str, str] = {
    "dpssec.units.to_magnitude": "converts a value for a calculator's boundary: numbers pass "
    "as given (NaN too) and messages name the caller's parameter, given as `name`",
    "dpssec.units.with_units": "attaches a unit to computed magnitudes, NaN included",
    "dpssec.serialization.to_dict": "writes any value as plain data, NaN included",
    "dpssec.rendering.format_value": "shows any value as text, NaN included",
}
"""Helpers whose values pass through: only exception types and the time bound are checked."""


def _status(target: Target) -> tuple[str, str]:
    """('fuzz' | 'skip' | 'fail', reason) for a callable."""
    if target.name in NOT_FUZZED:
        return "skip", NOT_FUZZED[target.name]
    if example_of(target.obj) is not None:
        return "fuzz", ""
    if target.is_class and issubclass(target.obj, Spec):
        return "skip", "an input specification: exercised by the calculators and models using it"
    if target.obj is ResultMixin:
        return "skip", "the base class of results: each result class is fuzzed"
    if target.name in NOT_CALCULATORS:
        return "skip", NOT_CALCULATORS[target.name]
    if target.is_class:
        return "fail", (
            f"{target.name} is public but declares no example: add @example(...) (a model) or "
            "@example_by(...) (a result, made by its calculator) beside the class"
        )
    return "fail", (
        f"{target.name} is public but declares no example: add @example(...) (or "
        "example= in @calculator) with valid arguments, the baseline the fuzz suite and the "
        "API contract start from"
    )


def test_the_api_is_found() -> None:
    # enumeration from __all__ reaches every domain, functions and classes
    packages = {t.name.split(".")[1] for t in TARGETS.values()}
    assert {"arms", "mines", "justice", "prevention", "stats", "evaluation"} <= packages
    assert sum(t.is_class for t in TARGETS.values()) > 50
    assert sum(not t.is_class for t in TARGETS.values()) > 100
    # classes are fuzzed, not skipped: only input specifications and base classes are left out
    skipped = [t.name for t in TARGETS.values() if t.is_class and _status(t)[0] != "fuzz"]
    assert all(
        issubclass(TARGETS[n].obj, Spec) or TARGETS[n].obj is ResultMixin or n in NOT_FUZZED
        for n in skipped
    ), skipped


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_hostile_arguments(name: str) -> None:
    target = TARGETS[name]
    status, reason = _status(target)
    if status == "skip":
        pytest.skip(reason)
    if status == "fail":
        pytest.fail(reason)
    failures, calls = run_target(target, passes_values=name in PASSES_VALUES)
    assert calls > 0
    if failures:
        shown = "\n".join(str(f) for f in failures[:25])
        more = f"\n... and {len(failures) - 25} more" if len(failures) > 25 else ""
        pytest.fail(
            f"{len(failures)} of {calls} hostile calls broke the error contract "
            f"(profile {PROFILE!r}, seed {SEED}):\n{shown}{more}",
            pytrace=False,
        )


# -- readers: hostile files ---------------------------------------------------------------------

READERS = {name: t for name, t in TARGETS.items() if takes_a_path(t)}

DEEP = 100_000


def _hostile_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a folder.csv").mkdir(exist_ok=True)
    contents: dict[str, bytes] = {
        "empty": b"",
        "binary": bytes(range(256)) * 8,
        "latin-1": "nombre;año;país\nJosé;2020;Perú\n".encode("latin-1"),
        "NUL bytes": b"id,value\x00\n1,\x002\n",
        "deeply nested JSON": b"[" * DEEP + b"]" * DEEP,
        "deeply nested objects": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
        "an empty object": b"{}",
        "header only": b"id,value\n",
        "a lone word": b"hello",
    }
    files = {
        "a missing file": folder / "missing.csv",
        "a directory": folder / "a folder.csv",
    }
    for label, data in contents.items():
        for suffix in (".csv", ".json"):
            path = folder / f"{label.replace(' ', '_')}{suffix}"
            path.write_bytes(data)
            files[f"{label} ({suffix})"] = path
    return files


NAMES_THE_FILE = ("a missing file", "a directory", "empty", "binary")
"""Files whose refusal must name the file (a reader may accept the others or refuse them)."""


@pytest.mark.parametrize("name", sorted(READERS))
def test_hostile_files(name: str, tmp_path: Path) -> None:
    target = READERS[name]
    parameter = next(iter(inspect.signature(target.obj).parameters))
    if example_of(target.obj) is not None:
        bound = baseline_arguments(target)
        arguments: dict[str, Any] = dict(bound.arguments)
    else:
        arguments = {}
    problems = []
    for label, path in _hostile_files(tmp_path).items():
        arguments[parameter] = str(path)
        outcome = call(target.obj, (), dict(arguments))
        shown = {k: (f"<tmp>/{path.name}" if k == parameter else v) for k, v in arguments.items()}
        where = f"{render_call(name, (), shown)}  [{label}]"
        error = outcome.error
        if outcome.elapsed > TIMEOUT:
            problems.append(f"{where}\n    -> took {outcome.elapsed:.1f} s")
        elif error is not None and not isinstance(error, DpssecError):
            problems.append(f"{where}\n    -> escaped {type(error).__name__}: {error}")
        elif error is not None:
            message = str(error)
            leak = _INTERNALS.search(message)
            if leak:
                problems.append(f"{where}\n    -> the message shows internals: {message}")
            if label.startswith(NAMES_THE_FILE) and not re.search(re.escape(path.name), message):
                problems.append(f"{where}\n    -> the message does not name the file: {message}")
        elif label.startswith(NAMES_THE_FILE):
            problems.append(f"{where}\n    -> accepted (returned {type(outcome.result).__name__})")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
