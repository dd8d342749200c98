"""Colour-blind-safe colours and the styles that keep a violation visible in grey print.

The palette is Okabe and Ito's eight colours (*Color Universal Design*, 2008), distinguishable
with the common colour-vision deficiencies. A violation is never told by colour alone: it is
drawn in vermillion **and** with a dashed, heavier line, an ``X`` marker and a cross hatch, so a
page printed in grey still shows it; compliant items are drawn in blue, solid and thin.

For example:

>>> from dpssec.plotting.palette import VIOLATION_STYLE, series_colour
>>> VIOLATION_STYLE["linestyle"], VIOLATION_STYLE["hatch"]
('--', 'xx')
>>> series_colour(0), series_colour(8) == series_colour(0)
('#0072B2', True)
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "COMPLIANT_STYLE",
    "PALETTE",
    "SERIES_COLOURS",
    "VIOLATION_STYLE",
    "WARNING_STYLE",
    "series_colour",
]

PALETTE: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
"""Okabe-Ito colours by name (plus a neutral grey for reference lines and suppressed cells)."""

SERIES_COLOURS: tuple[str, ...] = (
    PALETTE["blue"],
    PALETTE["orange"],
    PALETTE["bluish_green"],
    PALETTE["reddish_purple"],
    PALETTE["sky_blue"],
    PALETTE["vermillion"],
    PALETTE["yellow"],
    PALETTE["black"],
)
"""The order in which series (programmes, criteria, countries) take their colours."""

VIOLATION_STYLE: dict[str, Any] = {
    "color": PALETTE["vermillion"],
    "linestyle": "--",
    "linewidth": 2.0,
    "marker": "X",
    "hatch": "xx",
}
"""How a violation is drawn: vermillion, dashed, heavy, ``X`` marker, cross hatch."""

WARNING_STYLE: dict[str, Any] = {
    "color": PALETTE["orange"],
    "linestyle": "-.",
    "linewidth": 1.5,
    "marker": "D",
    "hatch": "..",
}
"""How a warning (compliant but unverified or out of range) is drawn."""

COMPLIANT_STYLE: dict[str, Any] = {
    "color": PALETTE["blue"],
    "linestyle": "-",
    "linewidth": 1.0,
    "marker": "o",
    "hatch": None,
}
"""How a compliant item is drawn: blue, solid, thin, round marker, no hatch."""


def series_colour(index: int) -> str:
    """Colour of the ``index``-th series (the palette repeats after eight)."""
    return SERIES_COLOURS[index % len(SERIES_COLOURS)]
