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
