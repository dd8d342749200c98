"""The engine of the fuzz suite: the public API from ``__all__``, calls under a watchdog, checks.

:func:`public_callables` walks every dpssec package (and the core modules named in
``dpssec.__all__``) and lists the functions and classes of each ``__all__``; nothing is kept
by hand except the exclusions, each with its reason. :func:`run_target` starts from the
callable's declared example (:func:`dpssec.boundary.example_of`), replaces one parameter at a
time by a hostile value (:mod:`tests.fuzz_cases`) and checks each call:

* only :mod:`dpssec.errors` exceptions escape, and an ``InputError`` caused by a bad value of
  parameter ``p`` names ``p`` and reads like a person wrote it (no Python internals);
* no call runs longer than the time bound (``DPSSEC_FUZZ_TIMEOUT``, 2 s): an alarm interrupts
  Python code, and a call stuck in C code is reported when it returns;
* for finite input, a result holds no NaN or infinity where the baseline result had none,
  unless a :class:`~dpssec.errors.DataQualityWarning` says why (NaN given is refused by the
  specs, or carried where a result may hold it).

Profiles (``DPSSEC_FUZZ``): ``fast`` (the default, for CI) gives each parameter the core cases
and a seeded sample of the others; ``thorough`` gives each parameter every case, every NaN case
under each offered ``nan_policy``, and seeded combinations of several hostile parameters.
``DPSSEC_FUZZ_SEED`` changes the sample (a failure prints the seed and the exact call).
"""

from __future__ import annotations

import contextlib
import copy
import enum
import faulthandler
import importlib
import inspect
import os
import pkgutil
import random
import re
import signal
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import calculator_info, example_of
from dpssec.errors import DataQualityWarning, DpssecError, InputError
from tests.fuzz_cases import CORE, Case, cases_for

__all__ = [
    "PROFILE",
    "SEED",
    "TIMEOUT",
    "Failure",
    "Target",
    "public_callables",
    "run_target",
]

PROFILE = os.environ.get("DPSSEC_FUZZ", "fast").strip().lower() or "fast"
if PROFILE not in ("fast", "thorough"):  # pragma: no cover - a typo in the environment
    raise RuntimeError(f"DPSSEC_FUZZ must be 'fast' or 'thorough', not {PROFILE!r}")
SEED = int(os.environ.get("DPSSEC_FUZZ_SEED", "0"))
TIMEOUT = float(os.environ.get("DPSSEC_FUZZ_TIMEOUT", "2.0"))
HARD_TIMEOUT = 60.0
"""A call stuck in C code for this long ends the run, with every thread's traceback."""

SAMPLED = 3
"""Cases drawn per parameter, beyond :data:`~tests.fuzz_cases.CORE`, in the fast profile."""

COMBINATIONS = 12
"""Calls with several hostile parameters at once, per callable, in the thorough profile."""

EXCLUDED_MODULES: dict[str, str] = {
    "dpssec.boundary": "the input vocabulary itself (decorators, specs, and the array and "
    "field helpers of boundary.arrays and boundary.fields): every spec is exercised through "
    "the calculators and models that declare it",
    "dpssec.plotting": "helpers of the plot() methods (matplotlib Axes and colours)",
    "dpssec.errors": "exception and warning classes",
}
"""Modules whose ``__all__`` is not an API taking user data, each with the reason."""


@attrs.frozen
class Target:
    """A public function or class found in a package's ``__all__``."""

    name: str
    obj: Any
    is_class: bool

    @property
    def package(self) -> str:
        return self.name.rsplit(".", 1)[0]


def _modules() -> Iterator[str]:
    import dpssec

    yield "dpssec"
    for info in pkgutil.walk_packages(dpssec.__path__, "dpssec."):
        if info.ispkg and not any(p.startswith("_") for p in info.name.split(".")):
            yield info.name
    for name in dpssec.__all__:
        if not name.startswith("_"):
            yield f"dpssec.{name}"


def _is_api_class(obj: Any) -> bool:
    if not inspect.isclass(obj):
        return False
    if issubclass(obj, enum.Enum | BaseException | Warning):
        return False
    return not getattr(obj, "_is_protocol", False)


def public_callables() -> dict[str, Target]:
    """Every public function and class, by its shortest public name, from ``__all__``."""
    seen: set[int] = set()
    found: dict[str, Target] = {}
    for module_name in dict.fromkeys(_modules()):
        if module_name in EXCLUDED_MODULES:
            continue
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if obj is None or inspect.ismodule(obj) or id(obj) in seen:
                continue
            if inspect.isclass(obj):
                if not _is_api_class(obj):
                    continue
                is_class = True
            elif inspect.isfunction(obj) or (callable(obj) and hasattr(obj, "__wrapped__")):
                is_class = False
            else:
                continue  # constants, enum members, instances
            seen.add(id(obj))
            qualified = f"{module_name}.{name}"
            found[qualified] = Target(qualified, obj, is_class)
    return found


# -- one call ----------------------------------------------------------------------------------


@attrs.frozen
class Failure:
    """A call that broke the contract, with what is needed to reproduce it."""

    call: str
    problem: str

    def __str__(self) -> str:
        return f"{self.call}\n    -> {self.problem}"


class CallTimeout(BaseException):
    """Raised by the watchdog inside a call that ran past the time bound."""


@attrs.define
class Outcome:
    result: Any = None
    error: BaseException | None = None
    elapsed: float = 0.0
    warned: bool = False
    foreign_warnings: list[str] = attrs.field(factory=list)


def _alarm(signum: int, frame: Any) -> None:
    raise CallTimeout


@contextlib.contextmanager
def watchdog(bound: float) -> Iterator[None]:
    """Interrupt the block after ``bound`` seconds (main thread); end a C-level hang later."""
    main = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    faulthandler.dump_traceback_later(HARD_TIMEOUT, exit=True)
    previous = None
    if main:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, bound)
    try:
        yield
    finally:
        if main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


def call(
    function: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    *,
    bound: float | None = None,
) -> Outcome:
    """Call under the watchdog, recording warnings; every exception is returned, not raised.

    ``bound`` replaces the time bound (the baseline call may import scipy or statsmodels).
    """
    outcome = Outcome()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        try:
            with watchdog(TIMEOUT if bound is None else bound):
                outcome.result = function(*args, **kwargs)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            outcome.error = exc
        outcome.elapsed = time.perf_counter() - start
    for item in caught:
        if issubclass(item.category, DataQualityWarning):
            outcome.warned = True
        elif not issubclass(item.category, DeprecationWarning | PendingDeprecationWarning):
            outcome.foreign_warnings.append(f"{item.category.__name__}: {item.message}")
    return outcome


# -- checks ------------------------------------------------------------------------------------

_INTERNALS = re.compile(
    r"object has no attribute|'NoneType'|unsupported operand|not subscriptable|"
    r"is not iterable|object is not callable|truth value of an|positional argument|"
    r"unhashable type|<class '|<built-in|<function |Traceback|"
    r"could not convert string to float|invalid literal for int|"
    r"unexpected keyword argument|object of type .* has no len|"
    r"ufunc '|operands could not be broadcast|index \d+ is out of bounds|"
    r"cannot be interpreted as an integer|dtype\('|at 0x[0-9a-f]+",
)
"""Phrases that show Python's internals rather than a message written for a person."""


UNDEFINED_BY_CONVENTION: dict[str, str] = {
    "design_effect": "NaN where the values do not vary or a group has one respondent, as R's "
    "survey package gives it (documented in SurveyEstimate)",
    "effective_sample_size": "follows the design effect",
    "TraffickingRecords.age": "NaN is the documented 'age unknown' of a record",
}
"""Result fields (``field`` or ``Class.field``) whose NaN is a documented convention, not an
overflow, each with the reason."""


def mentions(message: str, parameter: str) -> bool:
    """Whether an error message names ``parameter`` (quoted, or as a word)."""
    pattern = rf"(?<![A-Za-z0-9_]){re.escape(parameter)}(?![A-Za-z0-9_])"
    return re.search(pattern, message) is not None


def nonfinite_paths(value: Any, path: str = "result", depth: int = 0) -> set[str]:
    """Where a result holds NaN or an infinity (array items reported by their field)."""
    if depth > 8 or value is None or isinstance(value, str | bytes | bool | int | enum.Enum):
        return set()
    if isinstance(value, float | np.floating | complex):
        return set() if np.isfinite(value) else {path}
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        return nonfinite_paths(value.magnitude, path, depth + 1)
    graph = getattr(value, "__dask_graph__", None)
    if callable(graph) and graph() is not None:
        return set()  # lazy: computing it is the caller's choice
    module = type(value).__module__
    if module.startswith("pandas"):
        to_numpy = getattr(value, "to_numpy", None)
        if to_numpy is None:
            return set()
        try:
            return nonfinite_paths(to_numpy(), path, depth + 1)
        except Exception:
            return set()
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc":
            return set() if np.isfinite(value).all() else {path}
        if value.dtype.kind == "O":
            found: set[str] = set()
            for item in value.ravel()[:200]:
                found |= nonfinite_paths(item, f"{path}[*]", depth + 1)
            return found
        return set()
    if attrs.has(type(value)):
        # a result may blank values on purpose (NaN where ``suppressed``): not an overflow
        flag = getattr(type(value), "BLANKED_WHERE", None)
        blank = np.asarray(_magnitude(getattr(value, flag)), dtype=bool) if flag else None
        found = set()
        for field in attrs.fields(type(value)):
            try:
                item = getattr(value, field.name)
            except Exception:
                continue
            plain = _magnitude(item)
            if (
                blank is not None
                and isinstance(plain, np.ndarray | float)
                and np.shape(plain) == blank.shape
                and np.asarray(plain).dtype.kind == "f"
            ):
                item = np.where(blank, 0.0, plain)
            found |= nonfinite_paths(item, f"{path}.{field.name}", depth + 1)
        return found
    if isinstance(value, Mapping):
        found = set()
        for key, item in list(value.items())[:200]:
            found |= nonfinite_paths(item, f"{path}[{key!r}]", depth + 1)
        return found
    if isinstance(value, list | tuple):
        found = set()
        for item in value[:200]:
            found |= nonfinite_paths(item, f"{path}[*]", depth + 1)
        return found
    return set()


def _magnitude(value: Any) -> Any:
    return value.magnitude if hasattr(value, "magnitude") and hasattr(value, "units") else value


def short(value: Any, limit: int = 70) -> str:
    """A repr cut to ``limit`` characters (hostile reprs tolerated)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**20:
        digits = len(str(abs(value)))
        sign = "-" if value < 0 else ""
        exact = abs(value) == 10 ** (digits - 1)
        return f"{sign}10**{digits - 1}" if exact else f"<{sign}{digits}-digit integer>"
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def render_call(name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> str:
    parts = [short(a) for a in args] + [f"{k}={short(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


# -- one callable ------------------------------------------------------------------------------


def _parameters(target: Target) -> list[inspect.Parameter]:
    signature = inspect.signature(target.obj)
    return [
        p
        for p in signature.parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and p.name != "self"
    ]


def baseline_arguments(target: Target) -> inspect.BoundArguments:
    """The declared example bound to the signature (defaults not applied)."""
    declared = example_of(target.obj)
    assert declared is not None
    signature = inspect.signature(target.obj)
    if declared.factory is not None:  # a result made by its calculator: the fields it holds
        return signature.bind(**declared.arguments(target.obj))
    return signature.bind(*declared.args, **dict(declared.kwargs))


@attrs.frozen
class Mutation:
    """Hostile values for one or more parameters, named for the report."""

    changes: tuple[tuple[str, Case], ...]

    @property
    def label(self) -> str:
        return ", ".join(f"{case.name!r} for {name!r}" for name, case in self.changes)

    @property
    def finite(self) -> bool:
        return all(case.finite for _, case in self.changes)


def _rng(target: Target, salt: str) -> random.Random:
    return random.Random(f"{SEED}:{target.name}:{salt}")


def mutations(target: Target, bound: inspect.BoundArguments) -> Iterator[Mutation]:
    """The hostile calls of the profile for ``target`` (deterministic for a seed)."""
    parameters = _parameters(target)
    per_parameter: dict[str, list[Case]] = {}
    for parameter in parameters:
        base = bound.arguments.get(parameter.name, parameter.default)
        if base is inspect.Parameter.empty:
            continue
        applicable = cases_for(base)
        if PROFILE == "fast":
            core = [c for c in applicable if c.name in CORE]
            others = [c for c in applicable if c.name not in CORE]
            sample = _rng(target, parameter.name).sample(others, min(SAMPLED, len(others)))
            applicable = core + sample
        per_parameter[parameter.name] = applicable
        for case in applicable:
            yield Mutation(((parameter.name, case),))
    if PROFILE != "thorough" or len(per_parameter) < 2:
        return
    rng = _rng(target, "combinations")
    names = sorted(per_parameter)
    for _ in range(COMBINATIONS):
        chosen = rng.sample(names, min(len(names), rng.randint(2, 3)))
        changes = tuple(
            (name, rng.choice(per_parameter[name])) for name in chosen if per_parameter[name]
        )
        if changes:
            yield Mutation(changes)


def _policies(target: Target) -> tuple[str, ...]:
    info = calculator_info(target.obj)
    return () if info is None else tuple(p for p in info.policies if p != "raise")


def run_target(target: Target, *, passes_values: bool = False) -> tuple[list[Failure], int]:
    """Fuzz one callable; return its failures and the number of calls made.

    ``passes_values``: a helper that converts values for calculators (units, serialization)
    and returns numbers as given, NaN included; its messages name the caller's parameter
    (given to it as ``name``), so only the exception types and the time bound are checked.
    """
    bound = baseline_arguments(target)
    args0, kwargs0 = bound.args, bound.kwargs
    baseline = call(target.obj, fresh(args0), fresh(kwargs0), bound=HARD_TIMEOUT / 2)
    header = render_call(target.name, args0, kwargs0)
    if baseline.error is not None:
        return [
            Failure(header, f"the declared example fails: {_describe_error(baseline.error)}")
        ], 1
    allowed = nonfinite_paths(baseline.result)
    failures: list[Failure] = []
    calls = 1  # the baseline
    policies = _policies(target) if PROFILE == "thorough" else ()
    for mutation in mutations(target, bound):
        variants: list[dict[str, Any]] = [{}]
        if policies and any(not case.finite for _, case in mutation.changes):
            variants += [{"nan_policy": p} for p in policies]
        for extra in variants:
            arguments = copy.copy(bound.arguments)
            try:
                for name, case in mutation.changes:
                    base = bound.arguments.get(name, _default(target, name))
                    arguments[name] = case.value(fresh(base))
            except Exception as exc:  # a case that cannot be built for this baseline
                raise AssertionError(f"fuzz case {mutation.label} cannot be built: {exc}") from exc
            arguments.update(extra)
            hostile = inspect.BoundArguments(bound.signature, arguments)  # type: ignore[arg-type]
            args, kwargs = hostile.args, hostile.kwargs
            outcome = call(target.obj, args, kwargs)
            calls += 1
            given = [arguments[name] for name, _ in mutation.changes]
            problem = check(
                target, mutation, outcome, allowed, passes_values=passes_values, values=given
            )
            if problem:
                where = render_call(target.name, args, kwargs)
                failures.append(Failure(f"{where}  [{mutation.label}]", problem))
    return failures, calls


def fresh(value: Any) -> Any:
    """A deep copy of a baseline value, so a call that mutates its input spoils no other."""
    try:
        return copy.deepcopy(value)
    except Exception:
        return value


def _default(target: Target, name: str) -> Any:
    return inspect.signature(target.obj).parameters[name].default


def _describe_error(error: BaseException) -> str:
    module = type(error).__module__
    prefix = "" if module == "builtins" else f"{module}."
    return f"{prefix}{type(error).__name__}: {short(str(error), 300)}"


def check(
    target: Target,
    mutation: Mutation,
    outcome: Outcome,
    allowed: set[str],
    *,
    passes_values: bool = False,
    values: Sequence[Any] = (),
) -> str:
    """What is wrong with one call's outcome ('' when nothing is).

    ``values`` are the hostile values given, for messages that name a text by its value.
    """
    error = outcome.error
    if isinstance(error, CallTimeout):
        return f"ran past the time bound of {TIMEOUT:g} s (interrupted)"
    if outcome.elapsed > TIMEOUT:
        return f"took {outcome.elapsed:.1f} s (bound {TIMEOUT:g} s)"
    if error is not None:
        if not isinstance(error, DpssecError):
            return f"escaped {_describe_error(error)}"
        message = str(error)
        leak = _INTERNALS.search(message)
        if leak:
            return f"the message shows Python internals ({leak.group(0)!r}): {short(message, 300)}"
        if isinstance(error, InputError) and not passes_values:
            names = [name for name, _ in mutation.changes]
            # a path or a code given as text may be named by its value ("x.csv: no such file")
            texts = [v for v in values if isinstance(v, str) and len(v) > 2]
            if not any(mentions(message, n) for n in names) and not any(
                t[:20] in message
                for t in texts  # (a long text is shown cut)
            ):
                return (
                    f"the InputError does not name the parameter {' or '.join(map(repr, names))}: "
                    f"{short(message, 300)}"
                )
        return ""
    if passes_values:
        return ""
    short_name = target.name.rsplit(".", 1)[-1]
    found = {
        path
        for path in nonfinite_paths(outcome.result) - allowed
        if path.rsplit(".", 1)[-1] not in UNDEFINED_BY_CONVENTION
        and f"{short_name}.{path.rsplit('.', 1)[-1]}" not in UNDEFINED_BY_CONVENTION
    }
    # a case built from a baseline that holds NaN or inf (three copies of it) is not finite
    finite = mutation.finite and not any(nonfinite_paths(v) for v in values)
    if found and not outcome.warned and finite:
        where = ", ".join(sorted(found)[:4])
        return f"finite input gave NaN or inf without a DataQualityWarning at {where}"
    return ""


# -- enumeration of cases for the readers ------------------------------------------------------

PATH_PARAMETERS = ("path", "path_or_file", "source")


def first_parameter(target: Target) -> str | None:
    parameters = _parameters(target)
    return parameters[0].name if parameters else None


def takes_a_path(target: Target) -> bool:
    return not target.is_class and first_parameter(target) in PATH_PARAMETERS
