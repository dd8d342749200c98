"""A cheap kernel run on a second core while its inputs are checked.

For a kernel of one or two arithmetic operations (an occupancy, a clearance rate, a density),
checking a million-row column costs as much as computing with it: both read every value once
from memory. A calculator that declares ``overlap=True`` (see
:func:`~dpssec.boundary.calculator`) therefore starts its kernel on one worker thread, on the
columns exactly as given, while the decorator checks them on the calling thread; numpy releases
the interpreter lock inside its loops, so the two reads run side by side. The kernel's result
is used only if every check passed and the checks handed the kernel the very same arrays
(same memory, dtype, shape and strides): a column that had to be converted (a Quantity, a list,
integers made float) is computed again from its converted values, and whatever fails in the
worker is computed again on the calling thread, where it fails as it always did. No result
ever depends on the thread: only the time does.

It applies only where it can pay: a calculator declared ``overlap=True`` (a pure numpy kernel
that warns nothing and calls no other calculator), ``nan_policy="raise"``, 1-D float (or, for
kernels that take integers, integer) columns given as ndarrays or pandas Series, at least
:data:`MIN_ROWS` rows, and a machine with more than one core. Turn it off with
``DPSSEC_OVERLAP=0`` in the environment or :func:`set_enabled` (``False``). The worker is one
thread, started at the first such call and stopped before the process forks (a forked child,
as ``multiprocessing`` makes on Linux, starts its own).

>>> import numpy as np
>>> from dpssec.justice import occupancy_rate
>>> rows = np.full(MIN_ROWS, 120.0)
>>> previous = set_enabled(False)
>>> checked_alone = occupancy_rate(rows, 100.0)
>>> _ = set_enabled(True)
>>> bool(np.array_equal(occupancy_rate(rows, 100.0), checked_alone))
True
>>> _ = set_enabled(previous)
"""

from __future__ import annotations

import concurrent.futures
import inspect
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np

from dpssec.boundary.arrays import plain_column, same_values
from dpssec.boundary.switches import Switch

__all__ = ["MIN_ROWS", "enabled", "set_enabled"]  # start and Speculation serve the decorator

MIN_ROWS = 1 << 19
"""Fewest rows for which the kernel is started on the worker (524,288). Waking the worker and
waiting for it costs about 0.15 ms; measured on the project machine, the overlap breaks even
near 250,000 rows of a two-operation kernel."""

_state = threading.local()  # .worker: True on the pool's own thread
_lock = threading.Lock()
_pool: concurrent.futures.ThreadPoolExecutor | None = None
_switch = Switch("DPSSEC_OVERLAP")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows
        return os.cpu_count() or 1


_MULTICORE = _cores() > 1


def enabled() -> bool:
    """Whether kernels declared ``overlap=True`` may run on the worker thread."""
    return _switch.on and _MULTICORE


def set_enabled(flag: bool) -> bool:
    """Allow (True) or forbid (False) the overlap; returns the previous setting.

    >>> previous = set_enabled(False)
    >>> enabled()
    False
    >>> _ = set_enabled(previous)
    >>> set_enabled("false")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'flag' must be True or False; got 'false'
    """
    return _switch.set(flag)


def _worker_pool() -> concurrent.futures.ThreadPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:  # the first call, or the first after a fork (see _forget_worker)
            _pool = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="dpssec-overlap"
            )
        return _pool


def _forget_worker() -> None:
    """Before a fork: stop the idle worker, so that the child is not forked from a process with
    two threads (Python 3.12+ warns of that) and starts its own worker when it needs one."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_forget_worker)


def _run(
    kernel: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    then: Callable[[Mapping[str, Any]], Any] | None,
    given: Mapping[str, Any],
    skip: threading.Event,
) -> tuple[Any, Any]:
    _state.worker = True
    with np.errstate(all="ignore"):
        result = kernel(*args, **kwargs)
    return result, (then(given) if then is not None and not skip.is_set() else None)


class Speculation:
    """A kernel started on the worker with the columns as given."""

    __slots__ = ("_future", "_given", "_skip")

    def __init__(
        self, future: concurrent.futures.Future[Any], given: dict[str, Any], skip: threading.Event
    ) -> None:
        self._future = future
        self._given = given
        self._skip = skip

    def skip_then(self) -> None:
        """Tell the worker that the ``then`` look is not needed (the checks answered it, e.g. a
        denominator whose smallest value is above 0 has no zeros): if the kernel is still
        running, the worker returns None for it instead of reading the columns again."""
        self._skip.set()

    def result_for(self, checked: Mapping[str, Any]) -> tuple[bool, Any, Any]:
        """``(True, result, then)`` if the checks handed the kernel the same values, else
        ``(False, None, None)`` (the caller computes both). Waits for the worker either way.

        ``then`` is what the ``then`` function given to :func:`start` returned for the columns.
        """
        if self._future.exception() is not None:  # waits for the worker
            return False, None, None
        if set(checked) != set(self._given):
            return False, None, None
        if not all(same_values(self._given[k], checked[k]) for k in self._given):
            return False, None, None
        result, then = self._future.result()
        return True, result, then

    def discard(self) -> None:
        """Wait for the worker and drop its result (the checks refused the input)."""
        concurrent.futures.wait([self._future])


def start(
    kernel: Callable[..., Any],
    bound: inspect.BoundArguments,
    columns: Iterable[str],
    *,
    integers: bool,
    then: Callable[[Mapping[str, Any]], Any] | None = None,
) -> Speculation | None:
    """Start ``kernel`` on the worker if the call qualifies (see the module's notes).

    ``bound`` holds the call's arguments (options already parsed), ``columns`` the names of
    the declared array parameters. ``then``, if given, runs on the worker after the kernel with
    the columns as given (name to array or 0-d magnitude): a read-only look at the columns
    (where a denominator is 0) that the caller would otherwise make after its checks.
    """
    arguments = bound.arguments
    if not (_switch.on and _MULTICORE) or getattr(_state, "worker", False):
        return None
    given: dict[str, Any] = {}
    replace: dict[str, Any] = {}
    rows = 0
    for key in columns:
        if key not in arguments:
            continue
        value = arguments[key]
        if value is None:
            continue
        if type(value) is float or type(value) is int:
            try:
                magnitude = float(value)
            except OverflowError:
                return None  # an integer beyond float range: refused by the checks
            if magnitude != magnitude:
                return None  # NaN: refused by the checks
            given[key] = magnitude
            replace[key] = np.float64(magnitude)
            continue
        arr = plain_column(value, integers)
        if arr is None:
            return None
        given[key] = arr
        replace[key] = arr
        rows = max(rows, arr.shape[0])
    if rows < MIN_ROWS:
        return None
    names = list(bound.signature.parameters)
    args = tuple(replace.get(names[i], a) for i, a in enumerate(bound.args))
    kwargs = {k: replace.get(k, v) for k, v in bound.kwargs.items()}
    skip = threading.Event()
    future = _worker_pool().submit(_run, kernel, args, kwargs, then, given, skip)
    return Speculation(future, given, skip)
