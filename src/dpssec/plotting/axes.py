"""The optional matplotlib import, the ``ax=None`` convention and axis labels.

For example:

>>> from dpssec.plotting.axes import axis_label
>>> axis_label("time since release", "days")
'time since release [days]'
>>> axis_label("ratio", None)
'ratio'
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "MISSING_MATPLOTLIB",
    "axes_or_new",
    "axis_label",
    "confidence_text",
    "require_matplotlib",
    "time_conversion",
]

MISSING_MATPLOTLIB = (
    "plot() needs matplotlib, which is optional: pip install 'dpssec[plot]' "
    "(or pip install matplotlib)"
)
"""The message of the ImportError raised when matplotlib is not installed."""


def require_matplotlib() -> Any:
    """Import and return ``matplotlib.pyplot``, or say how to install it.

    Returns
    -------
    module
        ``matplotlib.pyplot``.

    Raises
    ------
    ImportError
        When matplotlib is not installed, naming the ``plot`` extra.

    Examples
    --------
    >>> from dpssec.plotting import require_matplotlib
    >>> require_matplotlib().__name__
    'matplotlib.pyplot'
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError(MISSING_MATPLOTLIB) from None
    return plt


def axes_or_new(ax: Any = None, *, figsize: tuple[float, float] | None = None) -> Any:
    """The Axes to draw on: ``ax`` itself, or a new figure's Axes when ``ax`` is None.

    Parameters
    ----------
    ax : matplotlib Axes, optional
        Where to draw (pandas', lifelines' and xarray's convention).
    figsize : (float, float), optional
        Size of a new figure [inches]; matplotlib's default otherwise.

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    ImportError
        When matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from dpssec.plotting import axes_or_new
    >>> ax = axes_or_new()
    >>> axes_or_new(ax) is ax
    True
    """
    plt = require_matplotlib()
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=figsize)
    return new


def axis_label(quantity: str, unit: str | None) -> str:
    """``"quantity [unit]"``, or the quantity alone for a pure number (unit None or empty).

    Examples
    --------
    >>> from dpssec.plotting import axis_label
    >>> axis_label("distance east", "m")
    'distance east [m]'
    """
    return f"{quantity} [{unit}]" if unit else quantity


def confidence_text(confidence: float) -> str:
    """A confidence level as people write it: 0.95 -> ``"95 %"``, 0.9 -> ``"90 %"``.

    Examples
    --------
    >>> from dpssec.plotting import confidence_text
    >>> confidence_text(0.95), confidence_text(0.995)
    ('95 %', '99.5 %')
    """
    return f"{100 * float(confidence):g} %"


def time_conversion(data_unit: str, time_unit: str | None) -> tuple[float, str]:
    """The factor from ``data_unit`` to ``time_unit`` and the unit's label (pint).

    ``time_unit`` None keeps the data's unit. Months and years are pint's (a year of 365.25
    days, a month of a twelfth of it).

    Returns
    -------
    (float, str)
        Multiply a time in ``data_unit`` by the factor to get it in ``time_unit``; the label
        is ``time_unit`` as given.

    Raises
    ------
    InputError
        A unit pint does not know, or one that is not a time.

    Examples
    --------
    >>> from dpssec.plotting import time_conversion
    >>> factor, label = time_conversion("days", "weeks")
    >>> round(factor * 14, 6), label
    (2.0, 'weeks')
    """
    from dpssec.errors import InputError
    from dpssec.units import Q_

    if time_unit is None or time_unit == data_unit:
        return 1.0, data_unit
    try:
        factor = float(Q_(1.0, data_unit).to(time_unit).magnitude)
    except Exception:  # pint's UndefinedUnitError or DimensionalityError
        raise InputError(
            f"time_unit {time_unit!r} is not a unit of time that {data_unit!r} converts to "
            "(use e.g. 'days', 'weeks', 'months' or 'years')"
        ) from None
    return factor, time_unit
