"""On/off settings of the boundary's speed-ups, read from the environment and changeable later.

Each switch starts from an environment variable (on unless it says ``0``, ``false``, ``no`` or
``off``) and takes True or False only afterwards: ``"false"`` or ``0`` would read as a wish the
program did not make, so they are refused.

>>> switch = Switch("DPSSEC_EXAMPLE_SWITCH")
>>> switch.on
True
>>> switch.set(False), switch.on
(True, False)
>>> switch.set("off")
Traceback (most recent call last):
...
dpssec.errors.InputError: parameter 'flag' must be True or False; got 'off'
"""

from __future__ import annotations

import os

import numpy as np

from dpssec.errors import InputError

__all__ = ["Switch"]

_OFF = frozenset({"0", "false", "no", "off"})


class Switch:
    """A setting that is on unless the environment variable ``variable`` turns it off."""

    __slots__ = ("on", "variable")

    def __init__(self, variable: str) -> None:
        self.variable = variable
        self.on = os.environ.get(variable, "1").strip().lower() not in _OFF

    def set(self, flag: bool) -> bool:
        """Turn the setting on (True) or off (False); returns the previous setting."""
        if not isinstance(flag, bool | np.bool_):
            raise InputError(f"parameter 'flag' must be True or False; got {flag!r}")
        previous = self.on
        self.on = bool(flag)
        return previous
