"""Shared helpers of every ``plot()`` method: the optional matplotlib, colours and labels.

matplotlib is an optional dependency (the ``plot`` extra). It is imported only when a picture is
drawn, through :func:`require_matplotlib`, which says how to install it when it is missing.
Nothing here changes matplotlib's global state (no style sheet, no ``rcParams``): every colour,
line style and hatch is passed to the artist that uses it.

* :mod:`~dpssec.plotting.axes`: :func:`require_matplotlib`, :func:`axes_or_new` (the
  ``ax=None`` convention of pandas, lifelines and xarray), :func:`axis_label` (a quantity and
  its unit in brackets), :func:`confidence_text`, :func:`time_conversion` (a time axis shown
  in another unit, converted by pint);
* :mod:`~dpssec.plotting.palette`: the Okabe-Ito colour-blind-safe palette and the styles of
  compliant and violating items (a violation differs in line style, marker and hatch as well as
  colour, so it stays visible when printed in grey).

The geometry of each picture (positions, bands, circles, stacked segments) is computed by the
domain modules as plain data (dicts and lists) so that another plotting library can draw the
same picture; the ``plots`` modules of each domain only hand that data to matplotlib.

For example:

>>> from dpssec.plotting import axis_label, confidence_text, PALETTE
>>> axis_label("occupancy", "%"), confidence_text(0.95)
('occupancy [%]', '95 %')
>>> PALETTE["vermillion"]
'#D55E00'
"""

from __future__ import annotations

from dpssec.plotting.axes import (
    MISSING_MATPLOTLIB,
    axes_or_new,
    axis_label,
    confidence_text,
    require_matplotlib,
    time_conversion,
)
from dpssec.plotting.palette import (
    COMPLIANT_STYLE,
    PALETTE,
    SERIES_COLOURS,
    VIOLATION_STYLE,
    WARNING_STYLE,
    series_colour,
)

__all__ = [
    "COMPLIANT_STYLE",
    "MISSING_MATPLOTLIB",
    "PALETTE",
    "SERIES_COLOURS",
    "VIOLATION_STYLE",
    "WARNING_STYLE",
    "axes_or_new",
    "axis_label",
    "confidence_text",
    "require_matplotlib",
    "series_colour",
    "time_conversion",
]
