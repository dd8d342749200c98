"""Firearm records: identity, origin, status and the marks actually found on the weapon.

A :class:`FirearmRecord` is one weapon as a register (or a physical count) describes it. The
marks found on the weapon are kept as structured :class:`Mark` values (what the mark says, what
it is meant to identify, on which part it is), so that :func:`~dpssec.arms.firearms.check_marking`
can test them against a marking profile (ITI, UN Firearms Protocol, CIFTA, ISACS 05.30, EU).

Countries are ISO 3166-1 codes of *any* country (firearms are made and imported worldwide); a
code, numeric code or English name is accepted and stored as the alpha-3 code; OAS member states
are also known by their Spanish names.

For example:

>>> from dpssec.arms.firearms import FirearmRecord, Mark, MarkKind
>>> r = FirearmRecord("ab-123 45", "Taurus", "PT92", country_of_manufacture="br",
...                   marks=[Mark(MarkKind.SERIAL_NUMBER, "AB12345")])
>>> r.country_of_manufacture, r.status.value, r.normalised_serial
('BRA', 'in stock', 'AB12345')
>>> FirearmRecord(" ", "Taurus", "PT92")
Traceback (most recent call last):
...
dpssec.errors.InputError: serial_number: empty serial number; a firearm record needs the serial ...
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from dpssec.countries import country
from dpssec.errors import InputError

__all__ = [
    "EARLIEST_YEAR",
    "FirearmPart",
    "FirearmRecord",
    "FirearmStatus",
    "Mark",
    "MarkKind",
    "PRESSURE_BEARING_PARTS",
    "SEPARATORS",
    "normalise_serial",
    "parse_status",
]

EARLIEST_YEAR = 1500
"""Years of manufacture or import before this are refused as typing errors."""

SEPARATORS = " \t-/._:,;\\|"
"""Characters dropped from serial numbers (and manufacturer and model names) when matching."""

_DROP = str.maketrans("", "", SEPARATORS)


def normalise_serial(serial: str) -> str:
    """Upper case without spaces or separators: the form serials are matched in.

    Examples
    --------
    >>> from dpssec.arms.firearms import normalise_serial
    >>> normalise_serial(" ab-123/45.x ")
    'AB12345X'
    """
    return serial.upper().translate(_DROP)


class FirearmStatus(enum.Enum):
    """Where a registered weapon stands."""

    IN_STOCK = "in stock"
    ISSUED = "issued"
    TRANSFERRED = "transferred"
    LOST_OR_STOLEN = "lost or stolen"
    DESTROYED = "destroyed"


_STATUS_ALIASES = {
    "in stock": FirearmStatus.IN_STOCK,
    "in_stock": FirearmStatus.IN_STOCK,
    "stock": FirearmStatus.IN_STOCK,
    "issued": FirearmStatus.ISSUED,
    "transferred": FirearmStatus.TRANSFERRED,
    "lost or stolen": FirearmStatus.LOST_OR_STOLEN,
    "lost_or_stolen": FirearmStatus.LOST_OR_STOLEN,
    "lost/stolen": FirearmStatus.LOST_OR_STOLEN,
    "lost": FirearmStatus.LOST_OR_STOLEN,
    "stolen": FirearmStatus.LOST_OR_STOLEN,
    "destroyed": FirearmStatus.DESTROYED,
}


def parse_status(value: FirearmStatus | str) -> FirearmStatus:
    """Read a status from its value or a common spelling (``"lost/stolen"``, ``"stock"``).

    Examples
    --------
    >>> from dpssec.arms.firearms.records import parse_status
    >>> parse_status("Lost/Stolen")
    <FirearmStatus.LOST_OR_STOLEN: 'lost or stolen'>
    """
    if isinstance(value, FirearmStatus):
        return value
    if isinstance(value, str):
        found = _STATUS_ALIASES.get(" ".join(value.strip().lower().split()))
        if found is not None:
            return found
    choices = ", ".join(repr(s.value) for s in FirearmStatus)
    raise InputError(f"status: unknown firearm status {value!r}; use one of {choices}")


class MarkKind(enum.Enum):
    """What a mark on the weapon identifies."""

    MANUFACTURER = "manufacturer"
    COUNTRY_OF_MANUFACTURE = "country of manufacture"
    PLACE_OF_MANUFACTURE = "place of manufacture"
    SERIAL_NUMBER = "serial number"
    YEAR_OF_MANUFACTURE = "year of manufacture"
    MODEL = "model"
    CALIBRE = "calibre"
    IMPORT_COUNTRY = "import country"
    IMPORT_YEAR = "import year"
    IMPORTER = "importer"
    ALTERNATIVE_UNIQUE_MARK = "alternative unique mark"
    """Simple geometric symbols with a numeric or alphanumeric code (ITI para 8(a))."""


class FirearmPart(enum.Enum):
    """Where on the weapon a mark is."""

    FRAME_OR_RECEIVER = "frame or receiver"
    BARREL = "barrel"
    SLIDE = "slide"
    BOLT = "bolt"
    CYLINDER = "cylinder"
    BREECH_BLOCK = "breech block"
    OTHER = "other"


PRESSURE_BEARING_PARTS = (
    FirearmPart.BARREL,
    FirearmPart.SLIDE,
    FirearmPart.BOLT,
    FirearmPart.CYLINDER,
    FirearmPart.BREECH_BLOCK,
)
"""Parts ISACS 05.30 recommends marking besides the frame or receiver."""


@attrs.frozen
class Mark:
    """One mark found on the weapon.

    Parameters
    ----------
    kind : MarkKind
        What the mark identifies.
    text : str
        What it reads, as transcribed. An empty string records an illegible or ground-off mark,
        which marking checks report as malformed.
    part : FirearmPart
        Where it is (default: the frame or receiver).
    """

    kind: MarkKind = attrs.field(validator=attrs.validators.instance_of(MarkKind))
    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    part: FirearmPart = attrs.field(
        default=FirearmPart.FRAME_OR_RECEIVER,
        validator=attrs.validators.instance_of(FirearmPart),
    )


# -- field converters and validators (they never use ``instance``: see dpssec.serialization) --


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{name}: expected a string, got {value!r}")
    return " ".join(value.split())


def _identifying_text(value: Any, name: str) -> str:
    """:func:`_text`, refusing a value made of separators only (such as ``"--"``).

    Serials, manufacturers and models are matched without separators, so ``"--"`` would match
    every other such entry: it is no identity at all.
    """
    text = _text(value, name)
    if text and not normalise_serial(text):
        raise InputError(f"{name}: {text!r} has no letters or digits")
    return text


def _required_text(value: Any, name: str) -> str:
    """:func:`_identifying_text`, refusing an empty result (every firearm record needs it)."""
    text = _identifying_text(value, name)
    if not text:
        label = name.replace("_", " ")
        raise InputError(f"{name}: empty {label}; a firearm record needs the {label}")
    return text


def _serial_number(value: Any) -> str:
    return _required_text(value, "serial_number")


def _manufacturer(value: Any) -> str:
    return _required_text(value, "manufacturer")


def _model(value: Any) -> str:
    return _identifying_text(value, "model")


def _optional(value: Any, name: str) -> str | None:
    if value is None:
        return None
    return _text(value, name) or None


def _calibre(value: Any) -> str | None:
    return _optional(value, "calibre")


def _location(value: Any) -> str | None:
    return _optional(value, "location")


def _country(value: Any, name: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None  # as in a CSV register, an empty cell means "not recorded"
    try:
        return country(value).alpha3
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None


def _country_of_manufacture(value: Any) -> str | None:
    return _country(value, "country_of_manufacture")


def _import_country(value: Any) -> str | None:
    return _country(value, "import_country")


def _year(name: str) -> Any:
    def validate(_instance: object, _attribute: object, value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"{name}: expected a whole year such as 2015, got {value!r}")
        this_year = dt.date.today().year
        if not EARLIEST_YEAR <= value <= this_year:
            raise InputError(
                f"{name}: {value} is not a plausible year (expected {EARLIEST_YEAR}-{this_year})"
            )

    return validate


def _marks(value: Any) -> tuple[Mark, ...] | None:
    if value is None:
        return None  # not inspected: not the same as "inspected, no mark found"
    marks = tuple(value)
    for i, mark in enumerate(marks):
        if not isinstance(mark, Mark):
            raise InputError(f"marks[{i}]: expected a Mark, got {mark!r}")
    return marks


@attrs.frozen
class FirearmRecord:
    """One firearm as a register or a physical count describes it.

    Parameters
    ----------
    serial_number : str
        As recorded (spaces inside are collapsed); must not be empty and must contain a letter
        or digit (``"--"`` is refused: without separators it is empty).
    manufacturer : str
        Name (or code) of the manufacturer; must not be empty and must contain a letter or digit.
    model : str
        Type or model; ``""`` when the register does not say (a model of separators only, such
        as ``"-"``, is refused: leave it empty).
    calibre : str or None
    country_of_manufacture : str or None
        Any ISO 3166-1 code or English name; stored as the alpha-3 code.
    year_of_manufacture : int or None
    import_country : str or None
        Country of import (for an imported weapon), stored as alpha-3.
    import_year : int or None
        Not before the year of manufacture.
    status : FirearmStatus or str
        In stock (default), issued, transferred, lost or stolen, destroyed.
    location : str or None
        Holding location (depot, unit, armoury).
    marks : sequence of Mark or None
        The marks found on the weapon. ``None`` (the default) means the marks were not
        recorded (the weapon was not inspected, or the register has no marks, as a CSV
        register); an empty sequence means it was inspected and no mark was found.
        :func:`~dpssec.arms.firearms.check_marking` reports the first as one INFO finding
        ``marks-not-recorded`` and the second as missing marks.

    Raises
    ------
    InputError
        Empty serial number or manufacturer, a serial, manufacturer or model made of separators
        only, unknown country, implausible year, import before
        manufacture, unknown status.
    """

    serial_number: str = attrs.field(converter=_serial_number)
    manufacturer: str = attrs.field(converter=_manufacturer)
    model: str = attrs.field(converter=_model)
    calibre: str | None = attrs.field(default=None, converter=_calibre)
    country_of_manufacture: str | None = attrs.field(
        default=None, converter=_country_of_manufacture
    )
    year_of_manufacture: int | None = attrs.field(
        default=None, validator=_year("year_of_manufacture")
    )
    import_country: str | None = attrs.field(default=None, converter=_import_country)
    import_year: int | None = attrs.field(default=None, validator=_year("import_year"))
    status: FirearmStatus = attrs.field(default=FirearmStatus.IN_STOCK, converter=parse_status)
    location: str | None = attrs.field(default=None, converter=_location)
    marks: tuple[Mark, ...] | None = attrs.field(default=None, converter=_marks)

    def __attrs_post_init__(self) -> None:
        if (
            self.import_year is not None
            and self.year_of_manufacture is not None
            and self.import_year < self.year_of_manufacture
        ):
            raise InputError(
                f"import_year {self.import_year} is before year_of_manufacture "
                f"{self.year_of_manufacture} (serial {self.serial_number})"
            )

    @property
    def normalised_serial(self) -> str:
        """The serial number as matched: upper case, without spaces or separators."""
        return normalise_serial(self.serial_number)

    @property
    def imported(self) -> bool:
        """True when the record names a country of import."""
        return self.import_country is not None

    @property
    def marks_recorded(self) -> bool:
        """False when the marks were not recorded (``marks is None``)."""
        return self.marks is not None

    def marks_of(self, kind: MarkKind) -> tuple[Mark, ...]:
        """The marks of one kind (none when the marks were not recorded)."""
        return tuple(m for m in self.marks or () if m.kind is kind)
