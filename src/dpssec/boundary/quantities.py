"""One rule for quantities written as text: ``"1.2 ha"``, ``"2.4 km2"``, ``"9 m²"``, ``"1100 lb"``.

The same rule serves calculators, models, the file readers and the command line, so a cell
that one of them understands is understood by all. Rules:

* a number followed by a unit pint knows (``ha``, ``km**2``, ``lb``, ``day``...);
* a power may be written ``km2``, ``km^2``, ``km**2`` or ``km²``;
* ``decimal=","`` reads a decimal comma (``"1,5 ha"``), as the readers do for files that use one;
* a bare number is read in the parameter's canonical unit;
* thousands may be grouped with a space (``"22 000 lb"``); two numbers that are not such
  groups (``"2 3 kg"``) are refused rather than multiplied.

For example:

>>> from dpssec.boundary import parse_quantity
>>> parse_quantity("2.4 km2", "m**2", "area")
2400000.0
>>> parse_quantity("1,5 ha", "m**2", "area", decimal=",")
15000.0
>>> parse_quantity("12", "m", "distance"), parse_quantity("22 000 lb", "kg", "neq")
(12.0, 9979.032...)
>>> parse_quantity("3 kg", "m", "distance")
Traceback (most recent call last):
...
dpssec.errors.UnitError: parameter 'distance' expects a length in m; got 3 kilogram ([mass]). ...
"""

from __future__ import annotations

import re

from dpssec.errors import InputError

__all__ = ["normalise_unit_text", "parse_quantity"]

_SUPERSCRIPTS = str.maketrans({"²": "**2", "³": "**3", "¹": "", "⁻": "-"})
# "22 000 lb": digits grouped by thousands with a space (or a no-break space); pint would
# read the space as a product (22 x 000 = 0)
_GROUPED = re.compile(r"^([+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?!\d)")
_TWO_NUMBERS = re.compile(r"^[+-]?[\d.]+\s+[\d.]")
_POWER_AFTER_UNIT = re.compile(r"(?<=[A-Za-zµ])\^?([23])\b")
_CARET = re.compile(r"\^")
# the number at the start of a quantity, with commas: "1,200 kg" (thousands) or "1,5 ha"
_COMMA_NUMBER = re.compile(r"^([+-]?[\d.,]*,[\d.,]*)(.*)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def normalise_unit_text(text: str) -> str:
    """Rewrite powers (``km2``, ``km^2``, ``km²``) into pint's ``km**2``.

    Examples
    --------
    >>> from dpssec.boundary import normalise_unit_text
    >>> normalise_unit_text("2.4 km2"), normalise_unit_text("9 m²"), normalise_unit_text("5 km^2")
    ('2.4 km**2', '9 m**2', '5 km**2')
    """
    text = text.translate(_SUPERSCRIPTS)
    text = _POWER_AFTER_UNIT.sub(r"**\1", text)
    return _CARET.sub("**", text)


def parse_quantity(text: str, unit: str | None, name: str, *, decimal: str = ".") -> float:
    """The magnitude, in ``unit``, of a quantity written as text.

    Parameters
    ----------
    text : str
        ``"1.2 ha"``, ``"2.4 km2"``, ``"1100 lb"`` or a bare number.
    unit : str or None
        The canonical unit; None for a dimensionless number.
    name : str
        The parameter or column name, for messages.
    decimal : {".", ","}
        The decimal mark of the text.

    Returns
    -------
    float

    Raises
    ------
    InputError
        Text that is not a number with a known unit.
    UnitError
        A unit of the wrong dimension.
    """
    from dpssec.units import Q_, to_magnitude

    raw = text.strip()
    if decimal == ",":
        raw = raw.replace(".", "").replace(",", ".") if "," in raw else raw
    else:
        comma = _COMMA_NUMBER.match(raw)
        if comma and _THOUSANDS.match(comma.group(1)):
            raw = comma.group(1).replace(",", "") + comma.group(2)
        elif comma:
            # pint would read "1,5 ha" as 15 ha: a decimal comma is never guessed
            raise InputError(
                f"parameter {name!r}: {text!r} has a comma that is not a thousands separator; "
                "write the decimal with a point ('1.5 ha'), or read the file with a decimal "
                "comma"
            )
    if not raw:
        raise InputError(f"parameter {name!r}: an empty text is not a quantity")
    grouped = _GROUPED.match(raw)
    if grouped:
        raw = "".join(grouped.group(1).split()).replace("\u00a0", "") + raw[grouped.end() :]
        raw = raw.replace("\u202f", "")
    try:
        return float(raw)
    except ValueError:
        pass
    if _TWO_NUMBERS.match(raw):
        raise InputError(
            f"parameter {name!r}: cannot read {text!r} as one number with a unit (two numbers "
            "separated by a space); write e.g. '22000 lb'"
        )
    try:
        quantity = Q_(normalise_unit_text(raw))
    except Exception as exc:  # pint raises several unrelated types for unreadable text
        raise InputError(
            f"parameter {name!r}: cannot read {text!r} as a number with a unit "
            f"({type(exc).__name__}); write e.g. '1.2 ha' or '500 kg'"
        ) from None
    if not hasattr(quantity, "units"):
        return float(quantity)
    magnitude = quantity.magnitude
    if not isinstance(magnitude, int | float):
        raise InputError(f"parameter {name!r}: {text!r} is not one number with a unit")
    if quantity.unitless:
        return float(quantity.to("dimensionless").magnitude)
    return float(to_magnitude(quantity, unit or "dimensionless", name))
