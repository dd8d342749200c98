"""Firearm records: identity, origin, status and the marks actually found on the weapon.

A :class:`FirearmRecord` is one weapon as a register (or a physical count) describes it. The
marks found on the weapon are kept as structured :class:`Mark` values (what the mark says, what
it is meant to identify, on which part it is), so that :func:`~dpssec.arms.firearms.check_marking`
can test them against a marking profile (ITI, UN Firearms Protocol, CIFTA, ISACS 05.30, EU).

Countries are ISO 3166-1 codes of *any* country (firearms are made and imported worldwide); a
code, numeric code or English name is accepted and stored as the alpha-3 code; OAS member states
are also known by their Spanish names. A country that no longer exists (ISO 3166-3: the USSR,
Yugoslavia, Czechoslovakia, the German Democratic Republic...) is accepted too and stored as its
former alpha-3 code (``"SU"`` -> ``"SUN"``): an old weapon was made there.

The fields are read with the same vocabulary as the calculators (:mod:`dpssec.boundary`):
statuses and mark kinds with their synonyms (``"lost/stolen"``, ``"stock"``), years as
``2001`` or ``2001.0`` (a column read by pandas), text with its spaces tidied.

For example:

>>> from dpssec.arms.firearms import FirearmRecord, Mark, MarkKind
>>> r = FirearmRecord("ab-123 45", "Taurus", "PT92", country_of_manufacture="br",
...                   marks=[Mark(MarkKind.SERIAL_NUMBER, "AB12345")])
>>> r.country_of_manufacture, r.status.value, r.normalised_serial
('BRA', 'in stock', 'AB12345')
>>> FirearmRecord("AK-1", "Izhmash", "AKM", country_of_manufacture="SU",
...               year_of_manufacture=1978.0, status="Lost/Stolen").country_of_manufacture
'SUN'

>>> FirearmRecord(" ", "Taurus", "PT92")
Traceback (most recent call last):
...
dpssec.errors.InputError: serial_number: empty serial number; a firearm record needs the serial ...
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, ClassVar

import attrs

from dpssec.boundary import (
    Choice,
    OptionSpec,
    Records,
    Text,
    Year,
    calculator,
    example,
    parse_choice,
    register_aliases,
    short_repr,
)
from dpssec.countries import country_code
from dpssec.errors import InputError

__all__ = [
    "EARLIEST_YEAR",
    "YEAR",
    "CountryCode",
    "FirearmPart",
    "FirearmRecord",
    "FirearmStatus",
    "Mark",
    "MarkKind",
    "PRESSURE_BEARING_PARTS",
    "RecordText",
    "SEPARATORS",
    "matching_form",
    "normalise_serial",
    "parse_status",
]

EARLIEST_YEAR = 1500
"""Years of manufacture or import before this are refused as typing errors."""

SEPARATORS = " \t-/._:,;\\|"
"""Characters dropped from serial numbers (and manufacturer and model names) when matching."""

_DROP = str.maketrans("", "", SEPARATORS)


def matching_form(text: str) -> str:
    """Upper case without spaces or separators (the kernel of :func:`normalise_serial`)."""
    return text.upper().translate(_DROP)


@calculator(serial=Text(empty=True), example={"serial": " ab-123/45.x "})
def normalise_serial(serial: str) -> str:
    """Upper case without spaces or separators: the form serials are matched in.

    Parameters
    ----------
    serial : str
        A serial number as recorded or read on the weapon.

    Returns
    -------
    str

    Raises
    ------
    InputError
        Anything but text (a number would lose its leading zeros).

    Examples
    --------
    >>> from dpssec.arms.firearms import normalise_serial
    >>> normalise_serial(" ab-123/45.x ")
    'AB12345X'
    """
    return matching_form(serial)


class FirearmStatus(enum.Enum):
    """Where a registered weapon stands."""

    IN_STOCK = "in stock"
    ISSUED = "issued"
    TRANSFERRED = "transferred"
    LOST_OR_STOLEN = "lost or stolen"
    DESTROYED = "destroyed"


register_aliases(
    FirearmStatus,
    {
        "stock": FirearmStatus.IN_STOCK,
        "lost/stolen": FirearmStatus.LOST_OR_STOLEN,
        "lost": FirearmStatus.LOST_OR_STOLEN,
        "stolen": FirearmStatus.LOST_OR_STOLEN,
    },
)


def parse_status(value: FirearmStatus | str) -> FirearmStatus:
    """Read a status from its value or a common spelling (``"lost/stolen"``, ``"stock"``).

    :func:`~dpssec.boundary.parse_choice` with the synonyms registered beside
    :class:`FirearmStatus`.

    Examples
    --------
    >>> from dpssec.arms.firearms.records import parse_status
    >>> parse_status("Lost/Stolen")
    <FirearmStatus.LOST_OR_STOLEN: 'lost or stolen'>
    """
    status: FirearmStatus = parse_choice(value, FirearmStatus, "status")
    return status


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


register_aliases(
    MarkKind,
    {
        "serial": MarkKind.SERIAL_NUMBER,
        "maker": MarkKind.MANUFACTURER,
        "caliber": MarkKind.CALIBRE,
        "country": MarkKind.COUNTRY_OF_MANUFACTURE,
        "year": MarkKind.YEAR_OF_MANUFACTURE,
    },
)


class FirearmPart(enum.Enum):
    """Where on the weapon a mark is."""

    FRAME_OR_RECEIVER = "frame or receiver"
    BARREL = "barrel"
    SLIDE = "slide"
    BOLT = "bolt"
    CYLINDER = "cylinder"
    BREECH_BLOCK = "breech block"
    OTHER = "other"


register_aliases(
    FirearmPart,
    {"frame": FirearmPart.FRAME_OR_RECEIVER, "receiver": FirearmPart.FRAME_OR_RECEIVER},
)

PRESSURE_BEARING_PARTS = (
    FirearmPart.BARREL,
    FirearmPart.SLIDE,
    FirearmPart.BOLT,
    FirearmPart.CYLINDER,
    FirearmPart.BREECH_BLOCK,
)
"""Parts ISACS 05.30 recommends marking besides the frame or receiver."""


@example("serial number", "AB 12345", "barrel")
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

    kind: MarkKind = Choice(MarkKind).field()
    text: str = Text(empty=True).field()
    part: FirearmPart = Choice(FirearmPart).field(default=FirearmPart.FRAME_OR_RECEIVER)


# -- field specs (they never use the instance: see dpssec.serialization) ------------------------


@attrs.frozen(kw_only=True)
class RecordText(Text):
    """Text of a firearm record: spaces inside collapsed to one.

    ``identifying`` refuses a value made of separators only (serials, manufacturers and models
    are matched without separators, so ``"--"`` would match every other such entry: it is no
    identity at all); ``required`` refuses an empty value; otherwise ``""`` means "not
    recorded" (``None`` for an ``optional`` field).
    """

    identifying: bool = False
    required: bool = False
    empty: bool = True
    kind: ClassVar[str] = "a text"

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        if not isinstance(value, str):
            raise InputError(f"{name}: expected a string, got {short_repr(value)}")
        text = " ".join(value.split())
        if self.identifying and text and not matching_form(text):
            raise InputError(f"{name}: {text!r} has no letters or digits")
        if self.required and not text:
            label = name.replace("_", " ")
            raise InputError(f"{name}: empty {label}; a firearm record needs the {label}")
        return None if self.optional and not text else text


@attrs.frozen(kw_only=True)
class CountryCode(OptionSpec):
    """A country as any ISO 3166-1 code or name, or a former one (ISO 3166-3), stored as the
    alpha-3 code (:func:`~dpssec.countries.country_code`); empty text means "not recorded"."""

    optional: bool = True
    kind: ClassVar[str] = "an ISO 3166 country code or name"

    def convert(self, value: Any, name: str) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None  # as in a CSV register, an empty cell means "not recorded"
        try:
            return country_code(value)
        except InputError as exc:
            raise InputError(f"{name}: {exc}") from None


YEAR = Year(lower=EARLIEST_YEAR, upper=dt.date.today().year, optional=True)
"""A year of manufacture or import: whole (``2001`` or ``2001.0``), 1500 to this year."""


def _marks(value: Any) -> tuple[Mark, ...] | None:
    if value is None:
        return None  # not inspected: not the same as "inspected, no mark found"
    marks: tuple[Mark, ...] = Records(Mark).convert(value, "marks")
    return marks


@example(
    "AB-12345",
    "Taurus",
    "PT92",
    calibre="9x19",
    country_of_manufacture="Brasil",
    year_of_manufacture=2009.0,
    status="stock",
)
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
        Any ISO 3166-1 code or English name, or a former one (ISO 3166-3: ``"SU"``,
        ``"Yugoslavia"``); stored as the alpha-3 code (``"SUN"`` for a former one).
    year_of_manufacture : int or None
        A whole year from 1500 to this year; ``2001.0`` (a column read by pandas) is 2001.
    import_country : str or None
        Country of import (for an imported weapon), stored as alpha-3.
    import_year : int or None
        As ``year_of_manufacture``; not before the year of manufacture.
    status : FirearmStatus or str
        In stock (default), issued, transferred, lost or stolen, destroyed (synonyms such as
        ``"lost/stolen"`` and ``"stock"`` are accepted).
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

    serial_number: str = RecordText(identifying=True, required=True).field()
    manufacturer: str = RecordText(identifying=True, required=True).field()
    model: str = RecordText(identifying=True).field()
    calibre: str | None = RecordText(optional=True).field()
    country_of_manufacture: str | None = CountryCode().field()
    year_of_manufacture: int | None = YEAR.field()
    import_country: str | None = CountryCode().field()
    import_year: int | None = YEAR.field()
    status: FirearmStatus = Choice(FirearmStatus).field(default=FirearmStatus.IN_STOCK)
    location: str | None = RecordText(optional=True).field()
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
